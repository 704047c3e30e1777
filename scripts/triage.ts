/**
 * Local triage of one raw email: what the intake pipeline would decide, without side effects.
 *
 *   npm run triage -- events/emails/01-accepted-ticket-48213.eml
 *   cat mensagem.eml | npm run triage -- - --ticket-valid
 *
 * Sees what production sees: the verdict headers SES writes on top of a raw mail stored in the
 * bucket (only that top block, never forgeable copies further down), and a ticket directory —
 * the local seed (events/local-seed.json) by default, Zendesk when its credentials are in the
 * environment, none with --no-directory (the "chamado não verificado" path).
 *
 * Prints JSON on stdout (sender address and subject, never the body). Exit code 2 on bad
 * arguments, unreadable/empty input, or input that is not an email message.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ZendeskTicketDirectory } from '../shared/adapters/zendesk-directory';
import { parseArgs } from 'node:util';
import { evaluateAutoReply } from '../shared/domain/auto-reply-policy';
import { localConfig, type OuvidoriaConfig, parseConfig } from '../shared/domain/config';
import type { TicketCheck } from '../shared/domain/decision';
import { decide, quarantineReason, withoutOwnReplyNumbers } from '../shared/domain/eligibility/engine';
import type { Submission } from '../shared/domain/submission';
import { verifyTicket } from '../shared/domain/ticket-verification';
import { extractTicketCandidates } from '../shared/domain/tickets';
import { parseEmail } from '../shared/mail/parse-email';
import { readSesVerdictHeaders } from '../shared/mail/ses-verdict-headers';
import { type TicketDirectory, TicketDirectoryUnavailable, type TicketRecord } from '../shared/ports';

const USAGE = `Uso: npm run triage -- [opções] <arquivo.eml | ->

Lê um e-mail bruto (RFC 5322) de um arquivo, ou da entrada padrão com "-", e mostra em JSON
o que a Ouvidoria decidiria: remetente, assunto, anexos, cabeçalhos de resposta automática,
números de chamado encontrados, resultado, regras aplicadas e se haveria resposta automática.
Não envia nada, não grava nada e não mostra o corpo da mensagem.

Vereditos do SES: um e-mail tirado do bucket traz no topo os cabeçalhos que o SES escreveu
(X-SES-Spam-Verdict, X-SES-Virus-Verdict, Received-SPF, Authentication-Results de
amazonses.com); a triagem lê só esse bloco do topo, nunca cópias mais abaixo (forjáveis).

Diretório de chamados (a saída diz qual respondeu):
  padrão             o diretório local (events/local-seed.json), como na pilha local;
                     Zendesk se ZENDESK_SUBDOMAIN e ZENDESK_EMAIL + ZENDESK_API_TOKEN (ou
                     ZENDESK_SECRET_ARN, com credenciais AWS) estiverem no ambiente
  --seed <arq>       outro arquivo de semente no formato de events/local-seed.json
  --no-directory     sem diretório: chamado "não verificado"
  --ticket-valid     simula: o chamado existe e é do remetente
  --ticket-invalid   simula: o chamado não existe

Outras opções:
  --config <arq>     configuração em JSON (padrão: a configuração local)
  -h, --help         mostra esta ajuda

Código de saída: 0 com o JSON; 2 para argumentos inválidos, entrada ilegível ou vazia, ou
um arquivo que não é uma mensagem de e-mail.`;

/** A problem with the invocation or the input: message on stderr, exit code 2. */
class UsageError extends Error {}

type DirectoryMode = 'default' | 'none' | 'valid' | 'invalid';

interface Args {
  input: string;
  directory: DirectoryMode;
  configPath?: string;
  seedPath?: string;
}

const OPTIONS = {
  'ticket-valid': { type: 'boolean' },
  'ticket-invalid': { type: 'boolean' },
  'no-directory': { type: 'boolean' },
  seed: { type: 'string' },
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function readArgs(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(`argumento inválido: ${(err as Error).message}`);
  }
}

function parseCommandLine(argv: string[]): Args | 'help' {
  const parsed = readArgs(argv);
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (values['ticket-valid'] && values['ticket-invalid']) {
    throw new UsageError('use --ticket-valid ou --ticket-invalid, não os dois');
  }
  if (values['no-directory'] && (values['ticket-valid'] || values['ticket-invalid'] || values.seed)) {
    throw new UsageError('--no-directory não combina com --ticket-valid, --ticket-invalid ou --seed');
  }
  if (positionals.length === 0) throw new UsageError('informe o arquivo .eml (ou "-" para ler da entrada padrão)');
  if (positionals.length > 1) throw new UsageError('informe um único arquivo .eml por vez');
  return {
    input: positionals[0] as string,
    directory: values['ticket-valid']
      ? 'valid'
      : values['ticket-invalid']
        ? 'invalid'
        : values['no-directory']
          ? 'none'
          : 'default',
    configPath: values.config,
    seedPath: values.seed,
  };
}

/** `npm run` changes to the package root; relative paths are the user's, from INIT_CWD. */
function userPath(path: string): string {
  return isAbsolute(path) ? path : resolve(process.env['INIT_CWD'] ?? process.cwd(), path);
}

async function readInput(input: string): Promise<Buffer> {
  let raw: Buffer;
  if (input === '-') {
    if (process.stdin.isTTY) throw new UsageError('nada na entrada padrão: redirecione um e-mail (… < mensagem.eml)');
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    raw = Buffer.concat(chunks);
    if (raw.length === 0) throw new UsageError('a entrada padrão está vazia: nada para triar');
    return raw;
  }
  try {
    raw = await readFile(userPath(input));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'arquivo não encontrado'
        : code === 'EISDIR'
          ? 'é um diretório, não um arquivo'
          : code === 'EACCES'
            ? 'sem permissão de leitura'
            : `não foi possível ler (${code ?? 'erro desconhecido'})`;
    throw new UsageError(`${input}: ${why}`);
  }
  if (raw.length === 0) throw new UsageError(`${input}: arquivo vazio, nada para triar`);
  return raw;
}

async function loadConfig(path: string | undefined): Promise<OuvidoriaConfig> {
  if (path === undefined) return localConfig;
  let text: string;
  try {
    text = await readFile(userPath(path), 'utf8');
  } catch {
    throw new UsageError(`${path}: não foi possível ler o arquivo de configuração`);
  }
  try {
    return parseConfig(JSON.parse(text));
  } catch (err) {
    throw new UsageError(`${path}: configuração inválida\n${(err as Error).message}`);
  }
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_SEED = join(ROOT, 'events', 'local-seed.json');

interface ChosenDirectory {
  /** Which directory the triage consulted, for the output. */
  name: 'local-seed' | 'zendesk' | 'none' | 'simulated-valid' | 'simulated-invalid';
  detail: string;
  directory: TicketDirectory;
}

/** The local stack's ticket directory, from its seed file (tickets and their requesters). */
async function seedDirectory(path: string): Promise<TicketDirectory> {
  let tickets: TicketRecord[];
  try {
    const seed = JSON.parse(await readFile(path, 'utf8')) as { tickets?: unknown };
    if (!Array.isArray(seed.tickets)) throw new Error('sem "tickets"');
    tickets = seed.tickets.map((t) => {
      const { id, requesterEmail } = t as { id?: unknown; requesterEmail?: unknown };
      if (typeof id !== 'string' || typeof requesterEmail !== 'string')
        throw new Error('chamado sem id ou requesterEmail');
      return { id, requesterEmail: requesterEmail.toLowerCase() };
    });
  } catch (err) {
    throw new UsageError(`${path}: semente de chamados inválida (${(err as Error).message})`);
  }
  const byId = new Map(tickets.map((t) => [t.id, t]));
  return { find: async (id) => byId.get(id) ?? null };
}

/** Zendesk with credentials from the environment: the token itself, or a Secrets Manager secret. */
async function zendeskFromEnv(env: NodeJS.ProcessEnv): Promise<ChosenDirectory | null> {
  const subdomain = env['ZENDESK_SUBDOMAIN'];
  if (!subdomain) return null;
  const email = env['ZENDESK_EMAIL'];
  const apiToken = env['ZENDESK_API_TOKEN'];
  const secretArn = env['ZENDESK_SECRET_ARN'];
  let secrets: SecretsManagerClient;
  if (email && apiToken) {
    // The adapter reads its credentials through Secrets Manager; here they come from the environment.
    secrets = {
      send: async () => ({ SecretString: JSON.stringify({ email, apiToken }) }),
    } as unknown as SecretsManagerClient;
  } else if (secretArn) {
    const { SecretsManagerClient: Client } = await import('@aws-sdk/client-secrets-manager');
    secrets = new Client({});
  } else {
    throw new UsageError('ZENDESK_SUBDOMAIN definido sem ZENDESK_EMAIL + ZENDESK_API_TOKEN nem ZENDESK_SECRET_ARN');
  }
  return {
    name: 'zendesk',
    detail: `${subdomain}.zendesk.com`,
    directory: new ZendeskTicketDirectory({ subdomain, secretId: secretArn ?? 'triage-env', secrets }),
  };
}

async function chooseDirectory(args: Args, senderAddress: () => string): Promise<ChosenDirectory> {
  switch (args.directory) {
    case 'valid':
      return {
        name: 'simulated-valid',
        detail: '--ticket-valid: todo chamado existe e é do remetente',
        directory: { find: async (id) => ({ id, requesterEmail: senderAddress() }) },
      };
    case 'invalid':
      return {
        name: 'simulated-invalid',
        detail: '--ticket-invalid: nenhum chamado existe',
        directory: { find: async () => null },
      };
    case 'none':
      return {
        name: 'none',
        detail: '--no-directory: nenhum diretório consultado (chamado não verificado)',
        directory: {
          find: async () => {
            throw new TicketDirectoryUnavailable('triage: --no-directory');
          },
        },
      };
    case 'default': {
      if (!args.seedPath) {
        const zendesk = await zendeskFromEnv(process.env);
        if (zendesk) return zendesk;
      }
      const path = args.seedPath ? userPath(args.seedPath) : DEFAULT_SEED;
      return { name: 'local-seed', detail: relative(ROOT, path) || path, directory: await seedDirectory(path) };
    }
  }
}

/** Not an email at all (an image, a PDF, an archive): NUL bytes or mostly control characters. */
function looksBinary(raw: Buffer): boolean {
  const head = raw.subarray(0, 8192);
  if (head.includes(0)) return true;
  let control = 0;
  for (const b of head) if (b < 0x09 || (b > 0x0d && b < 0x20) || b === 0x7f) control++;
  return control > head.length * 0.05;
}

function summarize(s: Submission) {
  return {
    channel: s.channel,
    sender: s.sender,
    returnPath: s.returnPath,
    recipients: s.recipients,
    subject: s.subject,
    messageId: s.messageId,
    inReplyTo: s.inReplyTo,
    references: s.references,
    headers: s.headers,
    verdicts: s.verdicts ?? null,
    attachments: s.attachments,
    textChars: s.text.length,
    hasHtml: s.html !== undefined,
    parseProblem: s.parseProblem ?? null,
  };
}

async function triage(raw: Buffer, args: Args, config: OuvidoriaConfig) {
  const notEmail = `${args.input === '-' ? 'entrada padrão' : args.input}: não é uma mensagem de e-mail`;
  if (looksBinary(raw)) throw new UsageError(`${notEmail} (conteúdo binário); nada foi triado`);
  const ses = readSesVerdictHeaders(raw);
  const submission = await parseEmail(
    raw,
    {
      sourceId: `triage-${createHash('sha256').update(raw).digest('hex').slice(0, 32)}`,
      receivedAt: new Date().toISOString(),
      verdicts: ses?.verdicts,
    },
    { maxRawMailBytes: config.limits.maxRawMailBytes },
  );
  if (submission.parseProblem?.includes('no header fields')) {
    throw new UsageError(`${notEmail} (sem cabeçalhos RFC 5322); nada foi triado`);
  }
  const chosen = await chooseDirectory(args, () => submission.sender.address);
  const quarantine = quarantineReason(submission);
  // As in production: no ticket lookup for mail we quarantine.
  const ticketCandidates = quarantine
    ? []
    : extractTicketCandidates({ subject: submission.subject, text: withoutOwnReplyNumbers(submission.text, config) });
  let ticketCheck: TicketCheck = await verifyTicket(ticketCandidates, submission.sender.address, chosen.directory);
  if (ticketCheck.status === 'unverified' && chosen.name === 'none') {
    ticketCheck = { ...ticketCheck, why: 'triage_without_directory' };
  }
  const decision = decide(submission, ticketCheck, config);
  const autoReply = evaluateAutoReply(submission, decision.outcome, config);
  return {
    submission: summarize(submission),
    sesHeaders: ses ? { read: true, fields: ses.fields } : { read: false, fields: [] },
    directory: {
      name: chosen.name,
      detail: chosen.detail,
      answered: ticketCandidates.length === 0 ? null : ticketCheck.status !== 'unverified',
    },
    ticketCandidates,
    ticketCheck: decision.ticket,
    language: decision.language ?? 'pt-BR',
    replyVariant: decision.replyVariant ?? null,
    quarantineReason: quarantine ?? null,
    outcome: decision.outcome,
    ruleIds: decision.ruleIds,
    reason: decision.reason,
    autoReply: autoReply.allowed
      ? { allowed: true, reason: null, ruleId: null }
      : { allowed: false, reason: autoReply.reason, ruleId: autoReply.ruleId },
  };
}

async function main(argv: string[]): Promise<number> {
  try {
    const args = parseCommandLine(argv);
    if (args === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const config = await loadConfig(args.configPath);
    const raw = await readInput(args.input);
    const result = await triage(raw, args, config);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`triage: ${err.message}\n\n${USAGE.split('\n')[0]}\n(use --help para ajuda)\n`);
      return 2;
    }
    process.stderr.write(`triage: erro inesperado: ${(err as Error)?.stack ?? String(err)}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
