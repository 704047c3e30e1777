/**
 * Local triage of one raw email: what the intake pipeline would decide, without side effects.
 *
 *   npm run triage -- events/emails/01-accepted-ticket-48213.eml
 *   cat mensagem.eml | npm run triage -- - --ticket-valid
 *
 * Prints JSON on stdout (sender address and subject, never the body). Exit code 2 on bad
 * arguments or unreadable/empty input.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { evaluateAutoReply } from '../shared/domain/auto-reply-policy';
import { localConfig, type OuvidoriaConfig, parseConfig } from '../shared/domain/config';
import type { TicketCheck } from '../shared/domain/decision';
import { decide, quarantineReason } from '../shared/domain/eligibility/engine';
import type { Submission } from '../shared/domain/submission';
import { verifyTicket } from '../shared/domain/ticket-verification';
import { extractTicketCandidates } from '../shared/domain/tickets';
import { parseEmail } from '../shared/mail/parse-email';
import { TicketDirectoryUnavailable, type TicketDirectory } from '../shared/ports';

const USAGE = `Uso: npm run triage -- [opções] <arquivo.eml | ->

Lê um e-mail bruto (RFC 5322) de um arquivo, ou da entrada padrão com "-", e mostra em JSON
o que a Ouvidoria decidiria: remetente, assunto, anexos, cabeçalhos de resposta automática,
números de chamado encontrados, resultado, regras aplicadas e se haveria resposta automática.
Não envia nada, não grava nada e não mostra o corpo da mensagem.

Opções:
  --ticket-valid     simula o diretório de chamados: o chamado existe e é do remetente
  --ticket-invalid   simula o diretório de chamados: o chamado não existe
                     (sem nenhuma das duas: chamado "não verificado", pois a triagem não
                     consulta o diretório)
  --config <arq>     configuração em JSON (padrão: a configuração local)
  -h, --help         mostra esta ajuda

Código de saída: 0 com o JSON; 2 para argumentos ou entrada inválidos.`;

/** A problem with the invocation or the input: message on stderr, exit code 2. */
class UsageError extends Error {}

type DirectoryMode = 'none' | 'valid' | 'invalid';

interface Args {
  input: string;
  directory: DirectoryMode;
  configPath?: string;
}

const OPTIONS = {
  'ticket-valid': { type: 'boolean' },
  'ticket-invalid': { type: 'boolean' },
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
  if (positionals.length === 0) throw new UsageError('informe o arquivo .eml (ou "-" para ler da entrada padrão)');
  if (positionals.length > 1) throw new UsageError('informe um único arquivo .eml por vez');
  return {
    input: positionals[0] as string,
    directory: values['ticket-valid'] ? 'valid' : values['ticket-invalid'] ? 'invalid' : 'none',
    configPath: values.config,
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

/** Stands in for the ticket directory: the triage never calls Zendesk or a table. */
function simulatedDirectory(mode: DirectoryMode, senderAddress: string): TicketDirectory {
  return {
    async find(ticketId) {
      if (mode === 'valid') return { id: ticketId, requesterEmail: senderAddress };
      if (mode === 'invalid') return null;
      throw new TicketDirectoryUnavailable('triage: no ticket directory');
    },
  };
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

async function triage(raw: Buffer, directory: DirectoryMode, config: OuvidoriaConfig) {
  const submission = await parseEmail(
    raw,
    {
      sourceId: `triage-${createHash('sha256').update(raw).digest('hex').slice(0, 32)}`,
      receivedAt: new Date().toISOString(),
    },
    { maxRawMailBytes: config.limits.maxRawMailBytes },
  );
  const ticketCandidates = extractTicketCandidates({ subject: submission.subject, text: submission.text });
  let ticketCheck: TicketCheck = await verifyTicket(
    ticketCandidates,
    submission.sender.address,
    simulatedDirectory(directory, submission.sender.address),
  );
  if (ticketCheck.status === 'unverified') ticketCheck = { ...ticketCheck, why: 'triage_without_directory' };
  const quarantine = quarantineReason(submission);
  const decision = decide(submission, ticketCheck);
  const autoReply = evaluateAutoReply(submission, decision.outcome, config);
  return {
    submission: summarize(submission),
    ticketCandidates,
    ticketCheck: decision.ticket,
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
    const result = await triage(raw, args.directory, config);
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
