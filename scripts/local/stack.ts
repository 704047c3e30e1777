/**
 * The local stack: the production handlers on embedded stand-ins for the AWS services.
 *
 *   SMTP (smtp-server)       → raw mail on disk (S3) → email intake handler (SES receipt event)
 *   HTTP (node:http)         → webform handler, and console handler for /equipe… (API Gateway v2 events;
 *                              the console's authorizer first); /api/local/cases
 *   dynalite (on disk)       → DynamoDB table, created on start, seeded from events/local-seed.json
 *   aws-ses-v2-local         → SES v2 endpoint with a web outbox
 *   in-process queue + DLQ   → assignment handler (SQS batches)
 *   in-process scheduler     → EventBridge Scheduler stand-in, released on the virtual clock; the
 *                              lifecycle timers kept in timers.json across restarts
 *
 * `startLocalStack` is used by `npm start` (scripts/local/start.ts) and by the end-to-end tests,
 * which start it on free ports (port 0) with a temporary data folder and a fixed start time.
 */
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createAssignmentHandler } from '../../functions/assignment/handler';
import { createEmailIntakeHandler } from '../../functions/email-intake/handler';
import { createReleaseHandler } from '../../functions/email-intake/release';
import { createPoisonHandler } from '../../functions/email-intake/poison';
import { lambdaAsyncInvoke } from './async-invoke';
import { createConsoleHandler } from '../../functions/console/handler';
import { createWebformHandler } from '../../functions/webform/handler';
import { documentClient } from '../../shared/adapters/dynamo/client';
import { createTableIfMissing } from '../../shared/adapters/dynamo/create-table';
import { InProcessDeferralScheduler } from '../../shared/adapters/local/in-process-scheduler';
import type { InProcessTimerScheduler } from '../../shared/adapters/local/in-process-timer-scheduler';
import { assignCase } from '../../shared/app/assign-case';
import { onTimer } from '../../shared/app/lifecycle/timers';
import { buildLifecycleDeps } from '../../shared/composition/lifecycle';
import { isStaffReplyMailbox, type ReplySecret } from '../../shared/domain/lifecycle/reply-address';
import { DynamoReplyThrottle } from '../../shared/adapters/dynamo/reply-throttle';
import { VirtualClock } from '../../shared/adapters/local/virtual-clock';
import { writeLocalClock } from './clock-file';
import { FileRawMailStore } from '../../shared/adapters/s3-raw-mail-store';
import { intakeTelemetry, lifecycleTelemetry, METRICS_NAMESPACE } from '../../shared/adapters/telemetry';
import { buildAssignmentDeps } from '../../shared/composition/assignment';
import { mailerFrom, tableStores } from '../../shared/composition/clients';
import { messageTextStoreFrom } from '../../shared/composition/message-texts';
import {
  buildEmailIntakeDeps,
  buildPoisonMailDeps,
  buildQuarantineReleaseDeps,
} from '../../shared/composition/email-intake';
import type { Settings } from '../../shared/composition/settings';
import { LocalAttachmentLinks } from '../../shared/adapters/attachment-links';
import { type LocalScanResult, LocalUploadStore } from '../../shared/adapters/local/local-upload-store';
import { DynamoAttachmentScanStore } from '../../shared/adapters/dynamo/attachment-scan-store';
import { type AttachmentScanDeps, recordScanResult } from '../../shared/app/attachment-scan';
import { buildWebformDeps } from '../../shared/composition/webform';
import { mailLifecycle } from '../../shared/app/lifecycle/mail-lifecycle';
import { buildMerchantPagesDeps } from '../../shared/composition/merchant-pages';
import { buildConsoleDeps } from '../../shared/composition/console';
import { generateLocalKeySet, type LocalKeySet } from '../../shared/console/local-keys';
import { officeCalendar } from '../../shared/domain/calendar';
import { localConfigInput, type OuvidoriaConfig, parseConfig } from '../../shared/domain/config';
import type { BoardSource, LocalAuthorizer } from './http';
import { createConsoleAuthorizer } from '../../functions/console-authorizer/handler';
import { NotReady, startHttpServer } from './http';
import { type LocalLogFormat, LocalLogger, logFormatFrom } from './log-format';
import { outboxFile, persistOutbox } from './outbox-store';
import { InProcessAssignmentQueue } from './queue';
import {
  type InProcessQueue,
  type InProcessReleaseQueue,
  inProcessQueue,
  inProcessReleaseQueue,
} from './release-queue';
import { createConfirmMailHandler } from '../../functions/webform/confirm-mail';
import type { ConfirmationMailRequest } from '../../shared/ports';
import { ensureLocalSecret, missedOpening, startDeferralPump, startRecurringPump, startTimerPump } from './scheduler';
import { sendHeldReplies } from '../../shared/app/held-replies';
import { buildHeldReplySweepDeps } from '../../shared/composition/held-replies';
import { HELD_REPLY_SWEEP_MINUTES } from '../../shared/domain/bounce-breaker';
import { applySeed, type LocalSeed, loadSeed } from './seed';
import { startSmtpIntake } from './smtp';
import { FileTimerScheduler, timersFile } from './timer-store';
import { holdsSupervisorRole } from '../../shared/domain/staff';

const require = createRequire(import.meta.url);

export const LOCAL_HOST = '127.0.0.1';
export const LOCAL_TABLE = 'ouvidoria-local';
export const LOCAL_BUCKET = 'ouvidoria-raw-mail-local';
export { RAW_MAIL_PREFIX as LOCAL_PREFIX } from '../../shared/runtime-env';
import { RAW_MAIL_PREFIX as LOCAL_PREFIX } from '../../shared/runtime-env';
/** Mail a little over the quarantine size is still taken (and quarantined); beyond, 552. */
export const SMTP_SIZE_MARGIN_BYTES = 1024 * 1024;
const EMULATOR_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const EMULATOR_REGION = 'us-east-1';

/** The environment variable that sets each port (named in the port-in-use message). */
export const PORT_VARIABLES = {
  smtp: 'SMTP_PORT',
  http: 'HTTP_PORT',
  dynamodb: 'DYNAMODB_PORT',
  ses: 'SES_PORT',
} as const;

export const DEFAULT_PORTS = { smtp: 2525, http: 3000, dynamodb: 8000, ses: 8005 } as const;

export type PortName = keyof typeof PORT_VARIABLES;
export type LocalPorts = Record<PortName, number>;

export class PortInUseError extends Error {
  constructor(
    readonly service: PortName,
    readonly port: number,
  ) {
    super(
      `Port ${port} (${service}) is already in use on ${LOCAL_HOST}. Stop whatever uses it, or choose another port: ` +
        `${PORT_VARIABLES[service]}=<port> npm start`,
    );
    this.name = 'PortInUseError';
  }
}

export type LocalLogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';

export interface LocalStackOptions {
  /** 0 = a free port. */
  ports: LocalPorts;
  /** Folder for the DynamoDB files (`dynamo/`) and the raw mail (`mail/`), e.g. `.local`. */
  dataDir: string;
  /** Wipe `dataDir` first. */
  fresh?: boolean;
  /** ISO 8601 start instant of the virtual clock (OUVIDORIA_NOW); real time when omitted. */
  now?: string;
  seedFile: string;
  logLevel?: LocalLogLevel;
  /** One short line per event (default) or the full Powertools JSON (`--json`, LOG_FORMAT=json). */
  logFormat?: LocalLogFormat;
  /** Overrides of the local configuration (tests: smaller limits). */
  configOverrides?: Partial<Record<keyof typeof localConfigInput, unknown>>;
  /** Queue redelivery delay by receive count (default 1 s, 2 s, 4 s, … real time). */
  queueBackoffMs?: (receiveCount: number) => number;
  /** How often the deferral scheduler looks at the virtual clock (default 1000 ms). */
  schedulerIntervalMs?: number;
  /**
   * Tests: runs before each intake attempt and may throw, as a mail the reader cannot survive makes
   * the intake throw (a RangeError), so the failure path — retries, then the IntakeFailures consumer —
   * can be walked without a real parser defect.
   */
  intakeFault?: (event: unknown) => void;
}

/** Lambda's async retries of the email intake (ASYNC_RETRY_ATTEMPTS in infra/ouvidoria-stack.ts; test/unit/scripts checks it). */
export const LOCAL_INTAKE_RETRIES = 2;

export interface LocalStack {
  urls: {
    form: string;
    /** The staff console; `/equipe/entrar` is the local sign-in (local stack only). */
    equipe: string;
    api: string;
    outbox: string;
    /** aws-ses-v2-local's JSON store (`GET`), for tests and scripts. */
    outboxApi: string;
    smtp: string;
    dynamodb: string;
    ses: string;
  };
  ports: LocalPorts;
  host: string;
  config: OuvidoriaConfig;
  tableName: string;
  dataDir: string;
  seed: LocalSeed;
  clock: VirtualClock;
  queue: InProcessAssignmentQueue;
  /** Quarantine releases asked on the console (the email-intake function's SQS path). */
  releases: InProcessReleaseQueue;
  /** Confirmation link mails POST /casos queued (the webform function's SQS path): `idle()` once they went. */
  confirmMails: InProcessQueue<ConfirmationMailRequest>;
  scheduler: InProcessDeferralScheduler;
  /** Releases due deferrals now (instead of waiting for the next one-second check). */
  releaseDeferrals(): Promise<number>;
  /** Reminder and escalation schedules waiting on the virtual clock. */
  timers: InProcessTimerScheduler;
  /** Fires the lifecycle timers due now (instead of waiting for the next one-second check). */
  releaseTimers(): Promise<number>;
  /** The secret of the per-case staff reply addresses (`npm run mail -- --as <analyst>` uses it). */
  replySecret: ReplySecret;
  /** The local key set the console's sign-in signs with (tests sign expired tokens with it). */
  consoleKeys: LocalKeySet;
  /** The local uploads bucket (webform attachments, EICAR stand-in scanner). */
  uploads: LocalUploadStore;
  stop(): Promise<void>;
}

/** Refuses to wipe anything that is not clearly a data folder (a typo must not cost a home). */
/** Where the local stack keeps the message texts over the inline limit (the bucket's stand-in). */
export function localMessageTextDir(dataDir: string): string {
  return join(dataDir, 'texts');
}

async function wipe(dataDir: string): Promise<void> {
  const target = resolve(dataDir);
  const forbidden = new Set([resolve('/'), resolve(process.cwd()), resolve(process.env.HOME ?? '/')]);
  if (forbidden.has(target) || target.split(/[\\/]/).filter(Boolean).length < 2) {
    throw new Error(`Refusing to wipe ${target}: choose a dedicated data folder such as .local`);
  }
  await rm(target, { recursive: true, force: true });
}

function isAddressInUse(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'EADDRINUSE';
}

async function closeHttp(server: Server): Promise<void> {
  if (!server.listening) return;
  await new Promise<void>((done) => {
    server.close(() => done());
    server.closeAllConnections();
  });
}

async function startDynalite(port: number, path: string): Promise<Server> {
  const dynalite = require('dynalite') as (options: Record<string, unknown>) => Server;
  const server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(port, LOCAL_HOST, () => {
      server.off('error', fail);
      ready();
    });
  });
  return server;
}

async function startSes(port: number): Promise<Server> {
  const mod = require('aws-ses-v2-local') as {
    default: (config?: { host?: string; port?: number }) => Promise<Server>;
  };
  // Express 5 reports a listen error to the callback, so the promise resolves either way.
  const server = await mod.default({ host: LOCAL_HOST, port });
  if (!server.listening) {
    const error = Object.assign(new Error(`SES emulator could not listen on ${port}`), { code: 'EADDRINUSE' });
    throw error;
  }
  return server;
}

function portOf(server: { address(): unknown }): number {
  const address = server.address() as { port?: number } | string | null;
  if (!address || typeof address === 'string' || !address.port) throw new Error('Server is not listening on TCP');
  return address.port;
}

/** Powertools settings that keep local logs readable (pretty JSON) and quiet about metrics. */
export function applyLocalPowertoolsEnv(env: NodeJS.ProcessEnv = process.env): void {
  env.POWERTOOLS_DEV ??= 'true';
  env.POWERTOOLS_METRICS_NAMESPACE ??= METRICS_NAMESPACE;
  // EMF lines are for CloudWatch: locally they would drown the logs.
  env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  env.AWS_REGION ??= EMULATOR_REGION;
}

/** Metrics whose own warnings ("No application metrics to publish") are dropped. */
function localMetrics(serviceName: string, log: Logger): Metrics {
  const quiet = {
    ...console,
    warn: (...args: unknown[]) => {
      if (String(args[0] ?? '').startsWith('No application metrics')) return;
      log.warn(String(args[0] ?? ''));
    },
  };
  return new Metrics({ namespace: METRICS_NAMESPACE, serviceName, logger: quiet });
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  applyLocalPowertoolsEnv();
  const logLevel = options.logLevel ?? ((process.env.POWERTOOLS_LOG_LEVEL as LocalLogLevel | undefined) || 'INFO');
  const logFormat = options.logFormat ?? logFormatFrom(process.env);
  const logger = (serviceName: string): Logger => new LocalLogger({ serviceName, logLevel }, logFormat);
  const stackLog = logger('local-stack');

  let start: Date | undefined;
  if (options.now) {
    start = new Date(options.now);
    if (Number.isNaN(start.getTime())) {
      throw new Error(`OUVIDORIA_NOW is not an ISO 8601 instant: ${options.now} (e.g. 2026-11-27T16:59:30-03:00)`);
    }
  }
  const clock = new VirtualClock(start ? { start } : {});
  const seed = await loadSeed(options.seedFile);

  const dataDir = resolve(options.dataDir);
  if (options.fresh) await wipe(dataDir);
  await mkdir(join(dataDir, 'mail'), { recursive: true });
  // What `npm run report` and `npm run titular` read as the stack's now (scripts/local/clock-file.ts).
  await writeLocalClock(dataDir, clock.now(), new Date());

  const stops: Array<() => Promise<void> | void> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (error) {
        stackLog.warn('Error while stopping the local stack', { error: (error as Error).message });
      }
    }
    stops.length = 0;
  };

  const listen = async <T>(service: PortName, starter: () => Promise<T>): Promise<T> => {
    try {
      return await starter();
    } catch (error) {
      if (isAddressInUse(error)) throw new PortInUseError(service, options.ports[service]);
      throw error;
    }
  };

  try {
    // DynamoDB (on disk) and SES first: the handlers need them.
    const dynalite = await listen('dynamodb', () => startDynalite(options.ports.dynamodb, join(dataDir, 'dynamo')));
    stops.push(() => closeHttp(dynalite));
    const dynamoEndpoint = `http://${LOCAL_HOST}:${portOf(dynalite)}`;

    const sesServer = await listen('ses', () => startSes(options.ports.ses));
    stops.push(() => closeHttp(sesServer));
    const sesEndpoint = `http://${LOCAL_HOST}:${portOf(sesServer)}`;
    // The outbox is kept in .local/ like the cases (saved every second and on stop).
    const outbox = await persistOutbox(outboxFile(dataDir), {
      onError: (e) => stackLog.warn('Could not save the SES outbox', { error: e.message }),
    });
    stops.push(() => outbox.stop());

    // HTTP next, so the webform origin in the configuration carries the real port.
    let board: BoardSource | undefined;
    let webform: ((event: unknown) => Promise<unknown>) | undefined;
    let staffConsole: ((event: unknown) => Promise<unknown>) | undefined;
    let authorize: LocalAuthorizer | undefined;
    const notReady = {
      statusCode: 503,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '1' },
      body: 'O ambiente local está iniciando. Tente de novo em instantes.',
    };
    // Webform attachments (issue 19): the local uploads bucket with its EICAR stand-in scanner.
    let uploadsOrigin = '';
    // GuardDuty's scan-result event → the attachment-scan service, as EventBridge → its function on AWS
    // (a mailed file the email intake copied is recorded on its case this way; set once the table is up).
    let scanned: ((result: LocalScanResult) => void) | undefined;
    const uploads = new LocalUploadStore({
      url: () => `${uploadsOrigin}/_s3/ouvidoria-uploads-local/`,
      dir: join(dataDir, 'uploads'),
      onScanned: (result) => scanned?.(result),
    });
    const http = await listen('http', () =>
      startHttpServer({
        host: LOCAL_HOST,
        port: options.ports.http,
        clock,
        uploads: { store: uploads, allowedOrigin: () => uploadsOrigin },
        webform: async (event) => (webform ? ((await webform(event)) as never) : notReady),
        console: async (event) => (staffConsole ? ((await staffConsole(event)) as never) : notReady),
        authorize: (event) => (authorize ? authorize(event) : Promise.reject(new NotReady())),
        board: {
          load: () => (board ? board.load() : Promise.reject(new NotReady())),
          get: (caseId) => (board ? board.get(caseId) : Promise.reject(new NotReady())),
        },
        onError: (error) => stackLog.error('HTTP request failed', { error: (error as Error).message }),
      }),
    );
    stops.push(() => http.stop());
    const httpOrigin = `http://${LOCAL_HOST}:${http.port}`;
    uploadsOrigin = httpOrigin;

    const config = parseConfig({ ...localConfigInput, webformOrigin: httpOrigin, ...options.configOverrides });
    const calendar = officeCalendar(config, 'office');

    const ddb = new DynamoDBClient({
      endpoint: dynamoEndpoint,
      region: EMULATOR_REGION,
      credentials: EMULATOR_CREDENTIALS,
    });
    stops.push(() => ddb.destroy());
    try {
      await createTableIfMissing(ddb, LOCAL_TABLE);
    } catch (error) {
      throw new Error(
        `Could not open the local DynamoDB data in ${join(dataDir, 'dynamo')} (${(error as Error).message}). ` +
          'Is another local stack running on the same folder? Stop it, or start again with --fresh.',
        { cause: error },
      );
    }
    const client = documentClient({ endpoint: dynamoEndpoint, region: EMULATOR_REGION });
    stops.push(() => client.destroy());
    // The same composition as on Lambda; only the endpoints, the clock and the queue differ.
    const settings: Settings = {
      config,
      tableName: LOCAL_TABLE,
      dynamoEndpoint,
      sesEndpoint,
      ticketDirectory: { kind: 'table' },
      rawMail: { bucket: LOCAL_BUCKET, prefix: LOCAL_PREFIX },
      // Message texts over the inline limit (issue 16): the bucket on AWS, files of the data folder here.
      messageTexts: { directory: localMessageTextDir(dataDir) },
      // The reply-address secret: Secrets Manager on AWS, a file of the data folder here.
      replySecret: { file: await ensureLocalSecret(join(dataDir, 'reply-secret')) },
    };
    const { cases, staff } = tableStores(client, LOCAL_TABLE, config.retention, messageTextStoreFrom(settings));
    await applySeed(seed, { client, tableName: LOCAL_TABLE, staff });
    const mailer = mailerFrom(settings);
    // Reminders and escalations: EventBridge Scheduler on AWS, released on the virtual clock here
    // and kept in the data folder, so a restart (a later OUVIDORIA_NOW) arms them again.
    const timers = await FileTimerScheduler.open(timersFile(dataDir));
    // The functions' lifecycle telemetry, one logger for all (on AWS each function logs its own):
    // without it the stack was silent on an overdue case, a failed effect, no supervisor present.
    const lifecycleLog = logger('lifecycle');
    const lifecycle = await buildLifecycleDeps(settings, {
      client,
      clock,
      mailer,
      timers,
      telemetry: lifecycleTelemetry(localMetrics('lifecycle', lifecycleLog), lifecycleLog),
    });

    // Links of clean webform files on the console's case page: the /_s3/ stand-in serves clean objects only.
    const attachmentLinks = new LocalAttachmentLinks(`${httpOrigin}/_s3/${uploads.bucket}`);
    // Raw mail as the SES receipt rule's S3 action stores it (intake, the notice's files, quarantine).
    const rawMail = new FileRawMailStore(join(dataDir, 'mail'));
    // The assignment handler logs each deferral itself.
    const scheduler = new InProcessDeferralScheduler();
    const assignmentLog = logger('assignment');
    const assignmentDeps = {
      ...(await buildAssignmentDeps(settings, { client, clock, mailer, scheduler, lifecycle, rawMail })),
      calendar,
    };
    const assignment = createAssignmentHandler({
      ...assignmentDeps,
      logger: assignmentLog,
      metrics: localMetrics('assignment', assignmentLog),
    });
    const queue = new InProcessAssignmentQueue({
      handler: (event) => assignment(event),
      ...(options.queueBackoffMs ? { backoffMs: options.queueBackoffMs } : {}),
      onHandlerError: (error) => stackLog.error('Assignment handler crashed', { error: (error as Error).message }),
      onDeadLetter: (entry) =>
        stackLog.error('Assignment message moved to the dead-letter queue', {
          protocol: entry.message.protocol,
          receiveCount: entry.receiveCount,
        }),
    });
    stops.push(() => queue.stop());

    const intakeMetricsLog = logger('email-intake');
    const intakeMetrics = localMetrics('email-intake', intakeMetricsLog);
    const scanLog = logger('attachment-scan');
    const scanDeps: AttachmentScanDeps = {
      uploads,
      scans: new DynamoAttachmentScanStore(client, LOCAL_TABLE),
      cases,
      staff,
      mailer,
      throttle: new DynamoReplyThrottle(client, LOCAL_TABLE),
      clock,
      config,
    };
    scanned = ({ key, status, etag, version }) => {
      recordScanResult(key, status, scanDeps, etag, version).then(
        (outcome) =>
          outcome.kind === 'recorded'
            ? scanLog.info('Scan result recorded on the case', { caseId: outcome.caseId, scan: outcome.scan })
            : scanLog.debug('Scan result ignored', { reason: outcome.reason }),
        (error: unknown) => scanLog.error('Scan result failed', { error: (error as Error).message }),
      );
    };
    const emailService = await buildEmailIntakeDeps(settings, {
      client,
      clock,
      mailer,
      queue,
      rawMail,
      uploads,
      lifecycle,
      telemetry: intakeTelemetry(intakeMetrics),
    });
    const intakeHandler = createEmailIntakeHandler(() => ({
      service: emailService,
      rawMail: { bucket: LOCAL_BUCKET, prefix: LOCAL_PREFIX },
      logger: intakeMetricsLog,
      metrics: intakeMetrics,
    }));
    const fault = options.intakeFault;
    // A mail the intake fails on every attempt: quarantined unread by the IntakeFailures consumer.
    const emailIntake = lambdaAsyncInvoke(
      fault
        ? async (event) => {
            fault(event);
            return intakeHandler(event);
          }
        : intakeHandler,
      createPoisonHandler(() => ({
        poison: buildPoisonMailDeps(settings, emailService, client),
        rawMail: { bucket: LOCAL_BUCKET, prefix: LOCAL_PREFIX },
        logger: intakeMetricsLog,
        metrics: intakeMetrics,
      })),
      LOCAL_INTAKE_RETRIES,
    );

    // Quarantine releases the console asks for: the email-intake function's SQS path, in-process.
    const releases = inProcessReleaseQueue(
      createReleaseHandler(() => ({
        release: buildQuarantineReleaseDeps(settings, emailService, client),
        logger: intakeMetricsLog,
      })),
      {
        onDeadLetter: (error, message) =>
          stackLog.error('Quarantine release failed; moved to the dead-letter queue', {
            caseId: message.caseId,
            error: error.message,
          }),
      },
    );

    stops.push(() => releases.idle());

    const webformLog = logger('webform');
    const merchantPages = await buildMerchantPagesDeps(settings, {
      client,
      clock,
      mailer,
      secret: lifecycle.secret,
      // The stack's one lifecycle: a survey answer goes on its case as on AWS.
      lifecycle,
    });
    // The console: the production verifier over a local key set generated per run.
    const consoleKeys = generateLocalKeySet();
    const consolePages = await buildConsoleDeps(settings, {
      client,
      clock,
      lifecycle,
      rawMail,
      queue,
      releases,
      attachmentLinks,
      uploadTags: uploads,
      local: {
        keys: consoleKeys,
        roster: async () =>
          (await staff.list()).map((a) => ({
            ...a,
            role: holdsSupervisorRole(a, config.lifecycle) ? ('supervisor' as const) : ('analyst' as const),
          })),
      },
    });
    // The console's authorizer function, over the same local verifier: the production path.
    authorize = createConsoleAuthorizer(() => consolePages.verifier);
    // Confirmation link mails POST /casos queues: the webform function's SQS path, in-process.
    const confirmMails = inProcessQueue<ConfirmationMailRequest>(
      createConfirmMailHandler(() => ({ service: webformDeps, logger: webformLog })),
      {
        onDeadLetter: (error) =>
          stackLog.error('Confirmation link mail failed; moved to the dead-letter queue', { error: error.message }),
      },
    );
    stops.push(() => confirmMails.idle());
    const webformDeps = buildWebformDeps(settings, {
      client,
      clock,
      mailer,
      queue,
      uploads,
      linkSecret: lifecycle.secret,
      confirmMails,
      // The stack's one lifecycle (its local timers): a confirmed post joining her case moves it.
      caseLifecycle: async () => mailLifecycle(lifecycle),
    });
    webform = createWebformHandler({
      ...webformDeps,
      merchant: async () => merchantPages,
      logger: webformLog,
      metrics: localMetrics('webform', webformLog),
    }) as (event: unknown) => Promise<unknown>;
    staffConsole = createConsoleHandler({ console: consolePages, logger: logger('console') }) as (
      event: unknown,
    ) => Promise<unknown>;

    const outboxUrl = `${sesEndpoint}/`;
    board = {
      load: async () => ({
        // Every stored submission: /api/local/cases must not stop at a page size.
        cases: await cases.listAll(Number.MAX_SAFE_INTEGER),
        deferred: scheduler.list(),
      }),
      get: (caseId) => cases.get(caseId),
    };

    const smtp = await listen('smtp', () =>
      startSmtpIntake({
        host: LOCAL_HOST,
        port: options.ports.smtp,
        recipients: config.ombudsmanAddresses,
        // The receipt rule also takes the per-case staff reply addresses (caso+…@domain).
        alsoAccepts: (address) => isStaffReplyMailbox(address, config),
        maxMessageBytes: config.limits.maxRawMailBytes + SMTP_SIZE_MARGIN_BYTES,
        hostname: `inbound-smtp.${config.domain}`,
        store: rawMail,
        bucket: LOCAL_BUCKET,
        prefix: LOCAL_PREFIX,
        clock,
        invoke: emailIntake,
        onMessage: ({ sesMessageId, error }) => {
          if (error) {
            stackLog.error('Email intake failed: the SMTP client was told to retry (451)', {
              sesMessageId,
              error: (error as Error)?.message,
            });
          }
        },
      }),
    );
    stops.push(() => smtp.stop());
    // Stopped in reverse order: intake first (SMTP, then HTTP again: closing twice is harmless).
    stops.push(() => http.stop());

    const timerLog = logger('lifecycle-timer');
    const timerPump = startTimerPump({
      timers,
      clock,
      fire: async (event) => {
        const result = await onTimer(event, lifecycle);
        timerLog.info('Lifecycle timer', { kind: event.kind, caseId: event.caseId, result: result.kind });
      },
      afterRelease: () => timers.save(),
      ...(options.schedulerIntervalMs ? { intervalMs: options.schedulerIntervalMs } : {}),
      onError: (error) => stackLog.error('Lifecycle timer failed', { error: (error as Error).message }),
    });
    stops.push(async () => {
      timerPump.stop();
      await timerPump.idle();
      await timers.save();
    });

    // The HeldReplySweep schedule: guidance the bounce breaker held goes out once it is clear.
    const heldSweep = buildHeldReplySweepDeps(settings, { client, clock, mailer, confirmMails });
    const heldPump = startRecurringPump({
      clock,
      everyMs: HELD_REPLY_SWEEP_MINUTES * 60_000,
      run: async () => {
        const result = await sendHeldReplies(heldSweep);
        if (result.sent.length + result.suppressed.length + result.failed.length > 0) {
          timerLog.info('Held replies swept', { ...result });
        }
      },
      ...(options.schedulerIntervalMs ? { intervalMs: options.schedulerIntervalMs } : {}),
      onError: (error) => stackLog.error('Held-reply sweep failed', { error: (error as Error).message }),
    });
    stops.push(async () => {
      heldPump.stop();
      await heldPump.idle();
    });

    const pump = startDeferralPump({
      scheduler,
      clock,
      queue,
      ...(options.schedulerIntervalMs ? { intervalMs: options.schedulerIntervalMs } : {}),
      onError: (error) => stackLog.error('Releasing deferred assignments failed', { error: (error as Error).message }),
    });
    stops.push(() => pump.stop());

    // The queue and the scheduler live in memory: after a restart, cases still waiting for an
    // analyst go back on the queue (assignment is idempotent; closed hours defer them again).
    const waiting = [
      ...(await cases.listByStatus('QUEUED')),
      ...(await cases.listByStatus('ASSIGNED')).filter((c) => !c.analystNotifiedAt),
    ];
    // A queued case whose opening passed while the stack was down is assigned as of that opening,
    // as Scheduler would have run its deferral then (re-queued now, closed hours deferred it again).
    for (const record of waiting) {
      if (!record.protocol || !record.enqueuedAt) continue;
      const message = { caseId: record.caseId, protocol: record.protocol };
      const opening = record.status === 'QUEUED' ? missedOpening(record.enqueuedAt, clock.now(), calendar) : undefined;
      if (!opening) {
        await queue.enqueue(message);
        continue;
      }
      try {
        const result = await assignCase(message, { ...assignmentDeps, clock: { now: () => opening } });
        stackLog.info('Missed deferred assignment run as of its opening', {
          protocol: record.protocol,
          opening: opening.toISOString(),
          result: result.kind,
        });
      } catch (error) {
        stackLog.error('Missed deferred assignment failed: queued again', { error: (error as Error).message });
        await queue.enqueue(message);
      }
    }

    // Timers whose instant passed while the stack was down fire now, as Scheduler fires a missed
    // one-time schedule.
    if (timers.restored > 0) {
      stackLog.info('Lifecycle timers armed again', { count: timers.restored });
      await timerPump
        .tick()
        .catch((error) => stackLog.error('Lifecycle timer failed', { error: (error as Error).message }));
    }

    const ports: LocalPorts = {
      smtp: smtp.port,
      http: http.port,
      dynamodb: portOf(dynalite),
      ses: portOf(sesServer),
    };
    return {
      urls: {
        form: `${httpOrigin}/`,
        equipe: `${httpOrigin}/equipe`,
        api: `${httpOrigin}/api/local/cases`,
        outbox: outboxUrl,
        outboxApi: `${sesEndpoint}/store`,
        smtp: `smtp://${LOCAL_HOST}:${smtp.port}`,
        dynamodb: dynamoEndpoint,
        ses: sesEndpoint,
      },
      ports,
      host: LOCAL_HOST,
      config,
      tableName: LOCAL_TABLE,
      dataDir,
      seed,
      clock,
      queue,
      releases,
      confirmMails,
      scheduler,
      releaseDeferrals: () => pump.tick(),
      timers,
      releaseTimers: () => timerPump.tick(),
      replySecret: lifecycle.secret,
      consoleKeys,
      uploads,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
