/**
 * Invokes one real handler once on a sample event from events/, against the emulators of a
 * running local stack (`npm start`): dynalite for DynamoDB and aws-ses-v2-local for SES, on the
 * same ports as the stack (DYNAMODB_PORT, SES_PORT). Queue messages, deferrals and lifecycle
 * timers are printed instead of delivered: the running stack arms only its own timers.
 *
 *   npm run invoke -- email-intake events/ses/receipt-event.json --eml events/emails/08-no-prior-ticket.eml
 *   npm run invoke -- webform events/webform/post-json-valid.json
 *   npm run invoke -- assignment events/sqs/assignment-batch.json
 *   npm run invoke -- ses-feedback events/ses/feedback-bounce-sns.json
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { createAssignmentHandler } from '../../functions/assignment/handler';
import { createEmailIntakeHandler } from '../../functions/email-intake/handler';
import { createSesFeedbackHandler } from '../../functions/ses-feedback/handler';
import { createWebformHandler } from '../../functions/webform/handler';
import { FileRawMailStore } from '../../shared/adapters/s3-raw-mail-store';
import { buildAssignmentDeps } from '../../shared/composition/assignment';
import { tableClient, tableStores } from '../../shared/composition/clients';
import { messageTextStoreFrom } from '../../shared/composition/message-texts';
import { buildLifecycleDeps, loadReplySecret } from '../../shared/composition/lifecycle';
import { mailLifecycle } from '../../shared/app/lifecycle/mail-lifecycle';
import type { LifecycleDeps } from '../../shared/app/lifecycle/commit';
import { buildEmailIntakeDeps } from '../../shared/composition/email-intake';
import { buildFeedbackDeps } from '../../shared/composition/ses-feedback';
import type { Settings } from '../../shared/composition/settings';
import { buildWebformDeps } from '../../shared/composition/webform';
import { createConfirmMailHandler } from '../../functions/webform/confirm-mail';
import type { ConfirmationMailRequest } from '../../shared/ports';
import { localConfig } from '../../shared/domain/config';
import { ENV, RAW_MAIL_PREFIX } from '../../shared/runtime-env';
import { commonHeadersOfRaw } from './smtp';
import { DEFAULT_PORTS, LOCAL_HOST, LOCAL_TABLE, localMessageTextDir, PORT_VARIABLES } from './stack';

// The SDK warns that its 2027 releases need Node 22; that is not news to someone running the stack.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const USAGE = `Usage: npm run invoke -- <email-intake|webform|assignment|ses-feedback> <event.json> [--eml <file.eml>] [--case <protocol>]
Needs the local stack running (npm start). Ports: ${PORT_VARIABLES.dynamodb} (default ${DEFAULT_PORTS.dynamodb}),
${PORT_VARIABLES.ses} (default ${DEFAULT_PORTS.ses}), the same variables as npm start.`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

/** The stack's endpoints, from the same port variables `npm start` reads. */
export function localSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const port = (name: 'dynamodb' | 'ses') => env[PORT_VARIABLES[name]] || String(DEFAULT_PORTS[name]);
  const dataDir = resolve(env.INIT_CWD ?? process.cwd(), env.LOCAL_DATA_DIR ?? '.local');
  return {
    config: localConfig,
    tableName: LOCAL_TABLE,
    dynamoEndpoint: `http://${LOCAL_HOST}:${port('dynamodb')}`,
    sesEndpoint: `http://${LOCAL_HOST}:${port('ses')}`,
    ticketDirectory: { kind: 'table' },
    messageTexts: { directory: localMessageTextDir(dataDir) },
    // The stack's own secret (npm start creates it): links and reply addresses signed here work there.
    replySecret: { file: join(dataDir, 'reply-secret') },
    // The stack's clock when it was started with one (office hours, due dates).
    ...(env[ENV.now] ? { now: env[ENV.now] } : {}),
  };
}

type SesRecord = { ses: { mail: Record<string, unknown>; receipt: Record<string, unknown> } };

/**
 * The sample SES event made this mail's, as SES describes the mail it stored: its headers, its
 * recipients of the office's domain (To and Cc: the envelope SES would have had) and the instant it
 * arrived (invoke's clock). Without them a staff mail to a case address (`caso+…`) reached the
 * handler as addressed to the ombudsman address, and was quarantined as staff commands sent there;
 * and every mail was received on the sample's date (24/11/2026), its deadline counted from then.
 */
export function eventForMail(
  event: { Records: SesRecord[] },
  messageId: string,
  headers: Record<string, string | string[] | undefined>,
  receivedAt: Date,
  domain = localConfig.domain,
): void {
  const listed = [headers.to, headers.cc].flatMap((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));
  const addresses = listed.flatMap((text) =>
    [...text.matchAll(/[^\s<>,;"]+@[^\s<>,;"]+/g)].map((m) => m[0].toLowerCase()),
  );
  const ours = [...new Set(addresses.filter((a) => a.endsWith(`@${domain.toLowerCase()}`)))];
  for (const record of event.Records) {
    record.ses.mail.messageId = messageId;
    record.ses.mail.commonHeaders = headers;
    record.ses.mail.timestamp = receivedAt.toISOString();
    record.ses.receipt.timestamp = receivedAt.toISOString();
    if (ours.length > 0) {
      record.ses.mail.destination = ours;
      record.ses.receipt.recipients = ours;
    }
  }
}

/**
 * The lifecycle an invocation drives (a staff mail, her reply, a form post joining her case), its
 * timers printed as the assignment's are. Without one, the functions built the Lambda's own, whose
 * timers need EventBridge Scheduler: an extension or a reopening failed ("not set up to arm
 * lifecycle timers").
 */
export function invokeLifecycle(
  settings: Settings,
  timer: (payload: unknown) => Promise<void>,
): Promise<LifecycleDeps> {
  return buildLifecycleDeps(settings, { timers: { schedule: timer } });
}

async function main(argv: string[]): Promise<unknown> {
  const [fn, eventFile, ...rest] = argv;
  if (!fn || fn === '--help' || fn === '-h') fail('Missing function name.');
  if (!eventFile) fail('Missing event file.');
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const event = JSON.parse(readFileSync(resolve(cwd, eventFile), 'utf8')) as Record<string, unknown>;
  const settings = localSettings();
  const logger = new Logger({ serviceName: fn });
  const metrics = new Metrics({ namespace: 'Ouvidoria', serviceName: fn });
  const print = (what: string) => async (payload: unknown) => {
    process.stdout.write(`[${what}] ${JSON.stringify(payload)}\n`);
  };
  const queue = { enqueue: print('queue') };

  switch (fn) {
    case 'email-intake': {
      const emlFile = option(rest, '--eml');
      if (!emlFile) fail('email-intake needs --eml <file.eml>: the raw mail the S3 action would have stored.');
      const messageId = `invoke-${Date.now().toString(36)}`;
      const raw = readFileSync(resolve(cwd, emlFile));
      // Received now on invoke's clock (OUVIDORIA_NOW, as for npm start), not on the sample's date.
      const receivedAt = settings.now ? new Date(settings.now) : new Date();
      eventForMail(event as { Records: SesRecord[] }, messageId, await commonHeadersOfRaw(raw), receivedAt);
      const root = mkdtempSync(join(tmpdir(), 'ouvidoria-invoke-'));
      const key = join(root, 'raw', RAW_MAIL_PREFIX, messageId);
      mkdirSync(dirname(key), { recursive: true });
      writeFileSync(key, raw);
      const service = await buildEmailIntakeDeps(settings, {
        queue,
        rawMail: new FileRawMailStore(root),
        lifecycle: await invokeLifecycle(settings, print('timer')),
      });
      return createEmailIntakeHandler(() => ({
        service,
        rawMail: { bucket: 'raw', prefix: RAW_MAIL_PREFIX },
        logger,
        metrics,
      }))(event);
    }
    case 'webform': {
      // What the post leaves on the webform's mail queue (its confirmation link, or its guidance case
      // and reply) is consumed here once the post answered, as the function's SQS path does.
      const mails: ConfirmationMailRequest[] = [];
      const deps = buildWebformDeps(settings, {
        queue,
        confirmMails: { request: async (m) => void mails.push(m) },
        caseLifecycle: async () => mailLifecycle(await invokeLifecycle(settings, print('timer'))),
      });
      const answer = await createWebformHandler(deps)(event as never);
      const consume = createConfirmMailHandler(() => ({ service: deps, logger }));
      for (const [i, m] of mails.entries()) {
        await consume({ Records: [{ eventSource: 'aws:sqs', messageId: `invoke-${i}`, body: JSON.stringify(m) }] });
      }
      return answer;
    }
    case 'assignment': {
      // `--case OUV-…`: one record for that stored case (the sample batch is the failure path).
      const protocol = option(rest, '--case');
      if (protocol) {
        const found = await tableStores(
          tableClient(settings),
          settings.tableName,
          undefined,
          messageTextStoreFrom(settings),
        ).cases.getByProtocol(protocol);
        if (!found) fail(`No case with protocol ${protocol} in the local stack.`);
        const [template] = event.Records as Record<string, unknown>[];
        event.Records = [{ ...template, body: JSON.stringify({ caseId: found.caseId, protocol: found.protocol }) }];
      }
      return createAssignmentHandler(
        await buildAssignmentDeps(settings, {
          scheduler: { scheduleAt: async (message, at) => print('schedule')({ message, at }) },
          // The case's reminder and due-date timers are printed too; its reply address is the stack's.
          lifecycle: { secret: await loadReplySecret(settings), timers: { schedule: print('timer') } },
        }),
      )(event as never);
    }
    case 'ses-feedback':
      return createSesFeedbackHandler(() => ({ ...buildFeedbackDeps(settings), logger, metrics }))(event);
    default:
      fail(`Unknown function "${fn}".`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(
    (result) => {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    },
    (error: unknown) => {
      process.stderr.write(`Invocation failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
