/**
 * `npm start`: the whole pipeline on this machine, no AWS account needed (see stack.ts).
 *
 *   npm start                 start (data kept in .local/ across restarts)
 *   npm start -- --fresh      wipe .local/ first
 *   npm start -- --json       full JSON log records (LOG_FORMAT=json too) instead of one line per event
 *   OUVIDORIA_NOW=2026-11-27T16:59:30-03:00 npm start    virtual clock from that instant
 *   SMTP_PORT / HTTP_PORT / DYNAMODB_PORT / SES_PORT      other ports (defaults 2525/3000/8000/8005)
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { formatDateTimePtBr } from '../../shared/domain/calendar';
import { ENV } from '../../shared/runtime-env';
import { localDataDir } from './clock-file';
import { watchLauncher } from './launcher';
import { type LocalLogFormat, logFormatFrom } from './log-format';
import {
  DEFAULT_PORTS,
  type LocalPorts,
  type LocalStack,
  PORT_VARIABLES,
  PortInUseError,
  type PortName,
  startLocalStack,
} from './stack';

// The SDK warns that its 2027 releases need Node 22; that is not news to someone running the stack.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export const START_USAGE = `Usage: npm start [-- --fresh] [-- --json]

  --fresh   delete the local data (.local/: DynamoDB files, raw mail, SES outbox) before starting
  --json    print the full JSON log records (as in CloudWatch) instead of one short line per event

Environment:
  SMTP_PORT=2525  HTTP_PORT=3000  DYNAMODB_PORT=8000  SES_PORT=8005
  LOG_FORMAT=json                           same as --json
  OUVIDORIA_NOW=2026-11-27T16:59:30-03:00   start the clock at that instant (it then runs forward)`;

/** Ports from the environment; throws naming the variable on a bad value. */
export function portsFromEnv(env: NodeJS.ProcessEnv): LocalPorts {
  const ports = { ...DEFAULT_PORTS } as LocalPorts;
  for (const name of Object.keys(PORT_VARIABLES) as PortName[]) {
    const variable = PORT_VARIABLES[name];
    const raw = env[variable];
    if (raw === undefined || raw === '') continue;
    const port = Number(raw);
    if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
      throw new Error(`${variable} must be a port number between 1 and 65535, got "${raw}"`);
    }
    ports[name] = port;
  }
  return ports;
}

export function banner(stack: LocalStack): string {
  const { urls, seed, config } = stack;
  const to = config.ombudsmanAddresses[0] as string;
  const first = seed.tickets[0];
  const width = Math.max(...seed.tickets.map((t) => t.requesterEmail.length));
  const tickets = seed.tickets
    .map((t) => `    #${t.id.padEnd(6)} ${t.requesterEmail.padEnd(width)}  ${t.store ?? ''}`.trimEnd())
    .join('\n');
  const supervisors = config.lifecycle.supervisorIds;
  const staff = seed.analysts
    .map(
      (a) =>
        `    ${a.id.padEnd(6)} ${(supervisors.includes(a.id) ? 'supervisão' : 'analista').padEnd(10)} ${a.name} <${a.email}>`,
    )
    .join('\n');
  const now = stack.clock.now();
  const sendCommand = first
    ? `npm run mail -- --port ${stack.ports.smtp} --from ${first.requesterEmail} \\\n` +
      `      --subject "Pedidos não sincronizam - chamado #${first.id}" \\\n` +
      `      --text "Olá, abri o chamado #${first.id} no suporte e o problema continua. Peço ajuda da Ouvidoria."`
    : `npm run mail -- --port ${stack.ports.smtp} --text "Olá"`;
  return `
Ouvidoria — local stack is up (Ctrl-C to stop)

  Webform            ${urls.form}
  Staff console      ${urls.equipe}  (cases, quarantine, roster; local sign-in as any account below)
  Cases as JSON      ${urls.api}
  SES outbox         ${urls.outbox}
  SMTP intake        ${urls.smtp}  (mail to ${to})
  DynamoDB           ${urls.dynamodb}  (table ${stack.tableName}, data in ${stack.dataDir})

  Clock              ${formatDateTimePtBr(now, config.timeZone)} (${config.timeZone})${process.env[ENV.now] ? `, started at ${ENV.now}` : ''}

  Seeded support tickets (a valid prior ticket must come from its requester):
${tickets}

  Staff accounts (sign in at ${urls.equipe}/entrar; on AWS: Cognito, see the README):
${staff}

  Send a test mail (ACCEPTED: ticket and sender match):
    ${sendCommand}
  or with curl:
    curl --url smtp://127.0.0.1:${stack.ports.smtp} --mail-from ${first?.requesterEmail ?? 'lojista@modasbella.com.br'} --mail-rcpt ${to} \\
      --upload-file events/emails/01-accepted-ticket-48213.eml

  Staff roster: TABLE_NAME=${stack.tableName} DYNAMODB_ENDPOINT=${urls.dynamodb} AWS_REGION=us-east-1 \\
    AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local npm run staff -- list
`;
}

async function main(): Promise<void> {
  let fresh = false;
  let logFormat: LocalLogFormat = 'short';
  let ports: LocalPorts;
  try {
    const { values } = parseArgs({
      args: process.argv.slice(2),
      options: { fresh: { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    });
    if (values.help) {
      console.log(START_USAGE);
      return;
    }
    fresh = values.fresh ?? false;
    logFormat = logFormatFrom(process.env, values.json ?? false);
    ports = portsFromEnv(process.env);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${START_USAGE}`);
    process.exit(2);
  }

  const root = resolve(import.meta.dirname, '..', '..');
  let stack: LocalStack;
  try {
    stack = await startLocalStack({
      ports,
      dataDir: localDataDir(process.env),
      fresh,
      logFormat,
      now: process.env[ENV.now] || undefined,
      seedFile: resolve(root, 'events', 'local-seed.json'),
    });
  } catch (error) {
    if (error instanceof PortInUseError) {
      console.error(`\n${error.message}\n`);
    } else {
      console.error(`\nThe local stack could not start: ${(error as Error).message}\n`);
    }
    process.exit(1);
  }
  console.log(banner(stack));

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      // A second Ctrl-C: do not wait any longer.
      process.exit(130);
    }
    stopping = true;
    console.log(`\n${signal}: stopping the local stack…`);
    const force = setTimeout(() => {
      console.error('Still stopping after 10 s: exiting anyway.');
      process.exit(1);
    }, 10_000);
    force.unref();
    stack
      .stop()
      .then(() => {
        console.log('Stopped. Data kept in .local/ (npm start -- --fresh wipes it).');
        process.exit(0);
      })
      .catch((error: unknown) => {
        console.error(`Error while stopping: ${(error as Error).message}`);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // npm killed by its PID leaves this process running with the ports held: stop with it. Not a second
  // stop: a Ctrl-C ends npm too, and the stop it started must not be cut short.
  watchLauncher(() => {
    if (!stopping) shutdown('npm exited');
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main();
}
