/**
 * Sends a test mail to the local stack's SMTP intake (nodemailer).
 *
 *   npx tsx scripts/local/send-mail.ts --from lojista@modasbella.com.br \
 *     --subject "Pedidos não sincronizam - chamado #48213" --text "Abri o chamado #48213 e …"
 *   npx tsx scripts/local/send-mail.ts --eml events/emails/01-accepted-ticket-48213.eml
 *
 * Port from SMTP_PORT (default 2525). Exit code 0 when the server said 250, 1 otherwise.
 */
import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import nodemailer from 'nodemailer';
import { join } from 'node:path';
import { localConfig } from '../../shared/domain/config';
import { bracketedAddress, firstAddressIn } from './header-address';
import { staffReplyAddress } from '../../shared/domain/lifecycle/reply-address';

// The SDK (the running roster's look-up) warns that its 2027 releases need Node 22: not news here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export const SEND_MAIL_USAGE = `Usage: npm run mail -- [options]

  --from <address>        sender (default lojista@modasbella.com.br)
  --name <display name>   sender's name
  --to <address>          recipient (default ${localConfig.ombudsmanAddresses[0]})
  --subject <text>        subject
  --text <text>           plain-text body
  --html <html>           HTML body
  --in-reply-to <id>      Message-ID this mail answers (threading)
  --header "Name: value"  extra header (repeatable), e.g. "Auto-Submitted: auto-replied"
  --eml <file>            send this .eml file as it is (envelope from its From/To unless given)
  --as <id or address>    send as that member of the local roster (the running stack's, with the
                          ones added by npm run staff; events/local-seed.json when it is not running)
                          to the per-case reply address of --case, as the member's mail client would
  --case <protocol>       the case to act on with --as, e.g. OUV-2026-000001; commands go in --text
                          (#encerrar procedente …, #aguardar, #nota, #transferir bruno, #prorrogar 5 motivo)
  --data-dir <dir>        the local stack's data folder, for its reply secret (default .local)
  --port <n>              SMTP port (default: SMTP_PORT or 2525)
  --host <host>           SMTP host (default 127.0.0.1)`;

export interface SendMailArgs {
  from: string;
  name?: string;
  to: string;
  subject?: string;
  text?: string;
  html?: string;
  inReplyTo?: string;
  headers: Record<string, string>;
  eml?: string;
  host: string;
  port: number;
  /** Send as an analyst to a case's staff reply address (resolved by resolveStaffSender). */
  asStaff?: { id: string; protocol: string; dataDir: string };
}

const DEFAULT_FROM = 'lojista@modasbella.com.br';
const DEFAULT_TO = localConfig.ombudsmanAddresses[0] as string;

/**
 * The SMTP envelope of an .eml file: the address of its From and of its first To header, unless
 * --from / --to gave one (then `from` / `to` are not empty); the defaults when a header is missing.
 */
export function emlEnvelope(raw: string, from: string, to: string): { from: string; to: string } {
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const address = (name: string): string | undefined => {
    const value = new RegExp(`^${name}:(.*)$`, 'im').exec(unfolded)?.[1] ?? '';
    return bracketedAddress(value) ?? firstAddressIn(value);
  };
  return { from: from || address('From') || DEFAULT_FROM, to: to || address('To') || DEFAULT_TO };
}

export function parseSendMailArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): SendMailArgs | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      from: { type: 'string' },
      name: { type: 'string' },
      to: { type: 'string' },
      subject: { type: 'string' },
      text: { type: 'string' },
      html: { type: 'string' },
      'in-reply-to': { type: 'string' },
      header: { type: 'string', multiple: true },
      eml: { type: 'string' },
      as: { type: 'string' },
      case: { type: 'string' },
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return 'help';
  const port = Number(values.port ?? env.SMTP_PORT ?? 2525);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`Invalid port: ${values.port ?? env.SMTP_PORT}`);
  const headers: Record<string, string> = {};
  for (const line of values.header ?? []) {
    const colon = line.indexOf(':');
    if (colon < 1) throw new Error(`A header is "Name: value", got: ${line}`);
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  if (!values.eml && !values.text && !values.html) throw new Error('Give --text, --html or --eml');
  if (Boolean(values.as) !== Boolean(values.case)) throw new Error('--as and --case go together');
  // With --eml, the envelope comes from the file's From/To unless given (an empty value: "the file's").
  const emlOr = (fallback: string) => (values.eml ? '' : fallback);
  return {
    from: values.from ?? emlOr(DEFAULT_FROM),
    ...(values.name ? { name: values.name } : {}),
    to: values.to ?? emlOr(DEFAULT_TO),
    ...(values.subject !== undefined ? { subject: values.subject } : {}),
    ...(values.text !== undefined ? { text: values.text } : {}),
    ...(values.html !== undefined ? { html: values.html } : {}),
    ...(values['in-reply-to'] ? { inReplyTo: values['in-reply-to'] } : {}),
    headers,
    ...(values.eml ? { eml: values.eml } : {}),
    host: values.host ?? '127.0.0.1',
    port,
    ...(values.as && values.case
      ? { asStaff: { id: values.as, protocol: values.case.toUpperCase(), dataDir: values['data-dir'] ?? '.local' } }
      : {}),
  };
}

/** A roster member `--as` may name, by id or by address. */
export interface RosterMember {
  id: string;
  name: string;
  email: string;
}

/** Where `--as` looks members up: the members, and how to name where they came from in an error. */
export type RosterSource = () => Promise<{ members: RosterMember[]; source: string }>;

/** The seed file's roster (what the local stack starts with). */
export function seedRoster(seedFile = 'events/local-seed.json'): RosterSource {
  return async () => ({
    members: (JSON.parse(await readFile(seedFile, 'utf8')) as { analysts: RosterMember[] }).analysts,
    source: seedFile,
  });
}

/**
 * The running local stack's roster (its DynamoDB table: the seed plus whoever `npm run staff`
 * added); the seed file when the stack does not answer.
 */
export function localRoster(env: NodeJS.ProcessEnv = process.env, seedFile?: string): RosterSource {
  const port = Number(env.DYNAMODB_PORT || 8000);
  const endpoint = `http://127.0.0.1:${port}`;
  return async () => {
    const fallback = async () => {
      const seed = await seedRoster(seedFile)();
      return { ...seed, source: `${seed.source} (the local stack at ${endpoint} did not answer)` };
    };
    // Nothing listening: the seed at once (the SDK would retry a refused connection for seconds).
    if (!(await listening(port))) return fallback();
    // Loaded lazily: the unit tests import the parser without the AWS SDK.
    const { documentClient } = await import('../../shared/adapters/dynamo/client');
    const { DynamoStaffRepository } = await import('../../shared/adapters/dynamo/staff-repository');
    const { LOCAL_TABLE } = await import('./stack');
    const client = documentClient({ endpoint });
    try {
      const members = await new DynamoStaffRepository(client, LOCAL_TABLE).list();
      return { members, source: `the local stack's roster (${endpoint})` };
    } catch {
      return fallback();
    } finally {
      client.destroy();
    }
  };
}

function listening(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port, timeout: 1000 });
    const end = (up: boolean) => {
      socket.destroy();
      done(up);
    };
    socket.once('connect', () => end(true));
    socket.once('error', () => end(false));
    socket.once('timeout', () => end(false));
  });
}

/** The member `--as` names: by roster id, or by address (any letter case). */
export function findMember(members: readonly RosterMember[], who: string): RosterMember | undefined {
  const wanted = who.trim().toLowerCase();
  return members.find((m) => m.id === wanted || m.email.toLowerCase() === wanted);
}

/**
 * `--as ana --case OUV-…` (or `--as ana.souza@…`): From the member's roster address, To the case's
 * staff reply address (`caso+<protocol>.<token>@…`, the token signed with the local stack's secret),
 * as if the member had answered the case notice from their mailbox.
 */
export async function resolveStaffSender(
  args: SendMailArgs,
  roster: RosterSource = seedRoster(),
): Promise<SendMailArgs> {
  if (!args.asStaff) return args;
  const { id, protocol, dataDir } = args.asStaff;
  const { members, source } = await roster();
  const member = findMember(members, id);
  if (!member) {
    const known = members.map((m) => `${m.id} <${m.email}>`).join(', ') || 'nobody';
    throw new Error(`No roster member "${id}" in ${source}. Known: ${known}`);
  }
  const secret = (await readFile(join(dataDir, 'reply-secret'), 'utf8').catch(() => '')).trim();
  if (!secret) throw new Error(`No reply secret in ${dataDir}/reply-secret: start the local stack first (npm start)`);
  return {
    ...args,
    from: member.email,
    name: member.name,
    to: staffReplyAddress(protocol, member.id, secret, localConfig),
    subject: args.subject ?? `RE: [${protocol}]`,
  };
}

export async function sendTestMail(args: SendMailArgs): Promise<{ response: string; messageId: string }> {
  const transport = nodemailer.createTransport({
    host: args.host,
    port: args.port,
    secure: false,
    ignoreTLS: true,
    connectionTimeout: 10_000,
    // The intake answers after the whole pipeline ran: allow it some time.
    socketTimeout: 120_000,
  });
  try {
    if (args.eml) {
      const raw = await readFile(args.eml);
      const envelope = emlEnvelope(raw.toString('utf8'), args.from, args.to);
      const info = await transport.sendMail({ envelope: { from: envelope.from, to: [envelope.to] }, raw });
      return { response: info.response, messageId: info.messageId };
    }
    const info = await transport.sendMail({
      from: args.name ? { name: args.name, address: args.from } : args.from,
      to: args.to,
      subject: args.subject ?? '(sem assunto)',
      ...(args.text !== undefined ? { text: args.text } : {}),
      ...(args.html !== undefined ? { html: args.html } : {}),
      ...(args.inReplyTo ? { inReplyTo: args.inReplyTo, references: [args.inReplyTo] } : {}),
      headers: args.headers,
    });
    return { response: info.response, messageId: info.messageId };
  } finally {
    transport.close();
  }
}

async function main(): Promise<void> {
  let args: SendMailArgs | 'help';
  try {
    args = parseSendMailArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${SEND_MAIL_USAGE}`);
    process.exit(2);
  }
  if (args === 'help') {
    console.log(SEND_MAIL_USAGE);
    return;
  }
  let resolved: SendMailArgs;
  try {
    resolved = await resolveStaffSender(args, localRoster());
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  try {
    const { response } = await sendTestMail(resolved);
    console.log(`Sent. The local SMTP intake answered: ${response}`);
    console.log('See the case in the staff console (/equipe) and the reply in the SES outbox.');
  } catch (error) {
    const e = error as Error & { responseCode?: number; code?: string };
    if (e.code === 'ESOCKET' || e.code === 'ECONNECTION') {
      console.error(`Could not connect to ${args.host}:${args.port}. Is the local stack running (npm start)?`);
    } else {
      console.error(`Not delivered: ${e.responseCode ? `${e.responseCode} ` : ''}${e.message}`);
    }
    process.exitCode = 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main();
}
