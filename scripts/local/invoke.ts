/**
 * Invokes one real handler once on a sample event from events/, against the emulators of a
 * running local stack (`npm start`): dynalite for DynamoDB and aws-ses-v2-local for SES, on the
 * same ports as the stack (DYNAMODB_PORT, SES_PORT; the links it mails point at HTTP_PORT). Queue
 * messages, deferrals and lifecycle timers are printed instead of delivered: the running stack arms
 * only its own timers.
 *
 *   npm run invoke -- email-intake events/ses/receipt-event.json --eml events/emails/08-no-prior-ticket.eml
 *   npm run invoke -- webform events/webform/post-json-valid.json
 *   npm run invoke -- assignment events/sqs/assignment-batch.json
 *   npm run invoke -- ses-feedback events/ses/feedback-bounce-sns.json
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
import { localConfigInput, parseConfig } from '../../shared/domain/config';
import { localNow } from '../report';
import { localDataDir } from './clock-file';
import { addressesIn, firstAddressIn } from './header-address';
import { commonHeadersOfRaw, rawHeaderFields } from './smtp';
import {
  DEFAULT_PORTS,
  LOCAL_BUCKET,
  LOCAL_HOST,
  LOCAL_PREFIX,
  LOCAL_TABLE,
  localMessageTextDir,
  PORT_VARIABLES,
} from './stack';

// The SDK warns that its 2027 releases need Node 22; that is not news to someone running the stack.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const USAGE = `Usage: npm run invoke -- <email-intake|webform|assignment|ses-feedback> <event.json> [--eml <file.eml>] [--case <protocol>]
Needs the local stack running (npm start). Ports: ${PORT_VARIABLES.dynamodb} (default ${DEFAULT_PORTS.dynamodb}),
${PORT_VARIABLES.ses} (default ${DEFAULT_PORTS.ses}), ${PORT_VARIABLES.http} (default ${DEFAULT_PORTS.http}: the links it mails), the same variables as npm start.`;

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
  const port = (name: 'dynamodb' | 'ses' | 'http') => env[PORT_VARIABLES[name]] || String(DEFAULT_PORTS[name]);
  const dataDir = localDataDir(env);
  const clock = localNow(env, dataDir);
  return {
    // The links it mails (a confirmation, "abrir o caso") open on the stack's own HTTP port, as the stack's do.
    config: parseConfig({ ...localConfigInput, webformOrigin: `http://${LOCAL_HOST}:${port('http')}` }),
    tableName: LOCAL_TABLE,
    dynamoEndpoint: `http://${LOCAL_HOST}:${port('dynamodb')}`,
    sesEndpoint: `http://${LOCAL_HOST}:${port('ses')}`,
    ticketDirectory: { kind: 'table' },
    messageTexts: { directory: localMessageTextDir(dataDir) },
    // The stack's own secret (npm start creates it): links and reply addresses signed here work there.
    replySecret: { file: join(dataDir, 'reply-secret') },
    // The stack's clock, as npm run report and titular take it (OUVIDORIA_NOW overrides it): a mail
    // invoked on a stack started at OUVIDORIA_NOW arrives then, not on the real date.
    ...(clock.now ? { now: clock.now } : {}),
  };
}

type ReceiptRecord = {
  ses: {
    mail: Record<string, unknown> & { commonHeaders?: unknown };
    receipt: Record<string, unknown>;
  };
};

/**
 * The sample receipt event made this .eml's, as SES describes a mail it stored: its id, its headers,
 * the time it arrived (invoke's clock), its envelope sender — the Return-Path the receiving MTA
 * wrote from MAIL FROM (`<>`: none), else its From — and its recipients of the office's domain (To
 * and Cc: the envelope SES would have had). That sender is where an automatic reply goes and what
 * SPF aligns with: the sample's own would answer another merchant's mail. Without the recipients a
 * staff mail to a case address (`caso+…`) reached the handler as addressed to the ombudsman
 * address, and was quarantined as staff commands sent there.
 */
export async function receiptEventForEml(
  event: Record<string, unknown>,
  raw: Buffer,
  at: { messageId: string; receivedAt: Date },
  domain: string = localConfigInput.domain,
): Promise<Record<string, unknown>> {
  const headers = rawHeaderFields(raw);
  const commonHeaders = await commonHeadersOfRaw(raw);
  const returnPath = headers.find((h) => h.name.toLowerCase() === 'return-path')?.value;
  const fromAddress = (value: string | undefined) =>
    /<([^<>\s]*)>/.exec(value ?? '')?.[1] ?? firstAddressIn(value ?? '');
  const source =
    returnPath !== undefined
      ? (fromAddress(returnPath) ?? '')
      : (fromAddress([commonHeaders.from ?? []].flat()[0]) ?? '');
  const timestamp = at.receivedAt.toISOString();
  const listed = [commonHeaders.to, commonHeaders.cc].flatMap((v) => (v === undefined ? [] : [v].flat()));
  const addresses = listed.flatMap((text) => addressesIn(String(text)).map((a) => a.toLowerCase()));
  const ours = [...new Set(addresses.filter((a) => a.endsWith(`@${domain.toLowerCase()}`)))];
  const recipients = ours.length > 0 ? { destination: ours } : {};
  const records = (event.Records as ReceiptRecord[]).map((record) => ({
    ...record,
    ses: {
      ...record.ses,
      mail: {
        ...record.ses.mail,
        timestamp,
        source: source || '<>',
        messageId: at.messageId,
        headers,
        commonHeaders: { ...commonHeaders, returnPath: source || undefined },
        ...recipients,
      },
      receipt: { ...record.ses.receipt, timestamp, ...(ours.length > 0 ? { recipients: ours } : {}) },
    },
  }));
  return { ...event, Records: records };
}

/**
 * The sample form post made a post from this stack's own page: the samples were posted from the
 * default port's page (`Origin: http://127.0.0.1:3000`), which the form refuses (403) as another
 * site's once the stack runs on another HTTP_PORT. Any other Origin is left as it is.
 */
export function webformEventForStack(event: Record<string, unknown>, origin: string): Record<string, unknown> {
  const headers = event.headers as Record<string, string> | undefined;
  if (headers?.origin !== localConfigInput.webformOrigin) return event;
  return { ...event, headers: { ...headers, origin } };
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

/**
 * Stores the invoked mail where the stack's S3 action stores a received one, so that what reads it
 * later — the console's quarantine view, npm run titular export and delete, the retention tags —
 * finds it as it finds mail that came in over SMTP.
 */
export function storeInvokedMail(
  env: NodeJS.ProcessEnv,
  messageId: string,
  raw: Buffer,
): { store: FileRawMailStore; location: { bucket: string; prefix: string } } {
  const store = new FileRawMailStore(join(localDataDir(env), 'mail'));
  const location = { bucket: LOCAL_BUCKET, prefix: LOCAL_PREFIX };
  const file = store.pathOf({ bucket: location.bucket, key: `${location.prefix}${messageId}` });
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, raw);
  return { store, location };
}

async function main(argv: string[]): Promise<unknown> {
  const [fn, eventFile, ...rest] = argv;
  if (!fn || fn === '--help' || fn === '-h') fail('Missing function name.');
  if (!eventFile) fail('Missing event file.');
  const cwd = process.env.INIT_CWD ?? process.cwd();
  let event = JSON.parse(readFileSync(resolve(cwd, eventFile), 'utf8')) as Record<string, unknown>;
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
      const receivedAt = settings.now ? new Date(settings.now) : new Date();
      event = await receiptEventForEml(event, raw, { messageId, receivedAt }, settings.config.domain);
      const stored = storeInvokedMail(process.env, messageId, raw);
      const service = await buildEmailIntakeDeps(settings, {
        queue,
        rawMail: stored.store,
        lifecycle: await invokeLifecycle(settings, print('timer')),
      });
      return createEmailIntakeHandler(() => ({
        service,
        rawMail: stored.location,
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
      const answer = await createWebformHandler(deps)(
        webformEventForStack(event, settings.config.webformOrigin) as never,
      );
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

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
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
