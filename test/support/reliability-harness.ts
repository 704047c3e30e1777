/**
 * The whole pipeline on in-memory ports, driven the way AWS drives it: SES receipt events into
 * the real email intake handler, API Gateway events into the real webform handler, SQS batches
 * into the real assignment handler. Used by the hostile-corpus, fault and security suites.
 */
import { withConfirmMails } from './confirm';
import { emailIntakeDepsFrom } from '../../shared/composition/email-intake';
import { sesReceiptEvent as buildSesReceiptEvent } from '../../shared/adapters/ses-receipt-event';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createAssignmentHandler } from '../../functions/assignment/handler';
import { createEmailIntakeHandler } from '../../functions/email-intake/handler';
import { createWebformHandler } from '../../functions/webform/handler';
import type { IntakeDeps, ReplyClaimWait } from '../../shared/app/intake';
import { WEBFORM_REPLY_CLAIM, type WebformDeps } from '../../shared/webform/submit';
import { localConfig, type OuvidoriaConfig } from '../../shared/domain/config';
import { FAVICON_LINK } from '../../shared/webform/favicon';
import type { Analyst } from '../../shared/domain/staff';
import type { Verdicts } from '../../shared/domain/submission';
import type {
  AssignmentMessage,
  AssignmentQueue,
  BounceRegistry,
  CaseRepository,
  Mailer,
  RawMailStore,
  TicketDirectory,
} from '../../shared/ports';
import {
  FixedClock,
  InMemoryBounceRegistry,
  InMemoryCaseRepository,
  InMemoryRateLimiter,
  InMemoryRawMailStore,
  InMemoryReplyThrottle,
  InMemorySenderOpenCases,
  InMemoryStaffRepository,
  InMemoryTicketDirectory,
  RecordingMailer,
  RecordingQueue,
  RecordingScheduler,
  confirmationPorts,
  type InMemoryPendingSubmissionStore,
} from './fakes';
import { confirming, withoutConfirmations } from './confirm';

export const BUCKET = 'ouvidoria-raw-mail-test';
export const PREFIX = 'inbound/';
/** Tuesday 24 Nov 2026, 14:00 in São Paulo: the office is open. */
export const OFFICE_OPEN = new Date('2026-11-24T17:00:00.000Z');

export const ANALYSTS: Analyst[] = [
  { id: 'ana', name: 'Ana Souza', email: 'ana.souza@ouvidoria.example.com.br', active: true, openCases: 0 },
  { id: 'bruno', name: 'Bruno Oliveira', email: 'bruno.oliveira@ouvidoria.example.com.br', active: true, openCases: 0 },
];

export const TICKETS = [
  { id: '48213', requesterEmail: 'lojista@modasbella.com.br' },
  { id: '48214', requesterEmail: 'financeiro@casadosaromas.com.br' },
  { id: '48215', requesterEmail: 'contato@eletroponto.com.br' },
  { id: '51000', requesterEmail: 'ana@papelariaestrela.com.br' },
];

/** An SES receipt event (Lambda action) for a message already stored at `<PREFIX><sesMessageId>`. */
export function sesReceiptEvent(input: {
  sesMessageId: string;
  mailFrom: string;
  recipients?: string[];
  verdicts?: Partial<Verdicts>;
  from?: string;
  subject?: string;
  /** The Message-ID header as SES lists it (with it and a proven From, the mail claims its identity). */
  messageId?: string;
  timestamp?: string;
}) {
  return buildSesReceiptEvent({
    sesMessageId: input.sesMessageId,
    mailFrom: input.mailFrom,
    recipients: input.recipients ?? ['ouvidoria@ouvidoria.example.com.br'],
    receivedAt: new Date(input.timestamp ?? OFFICE_OPEN.toISOString()),
    verdicts: input.verdicts,
    commonHeaders: { from: input.from ? [input.from] : undefined, subject: input.subject, messageId: input.messageId },
  });
}

/** An SQS event with one record per message (receive count as given). */
export function sqsEvent(messages: Array<{ id: string; message: AssignmentMessage; receiveCount?: number }>): SQSEvent {
  return {
    Records: messages.map(({ id, message, receiveCount }) => ({
      messageId: id,
      receiptHandle: `handle-${id}`,
      body: JSON.stringify(message),
      attributes: {
        ApproximateReceiveCount: String(receiveCount ?? 1),
        SentTimestamp: '0',
        SenderId: 'test',
        ApproximateFirstReceiveTimestamp: '0',
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:assignment',
      awsRegion: 'us-east-1',
    })),
  };
}

let requestSeq = 0;

/** An API Gateway HTTP API (payload 2.0) event. */
export function apiEvent(input: {
  method: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
  sourceIp?: string;
}) {
  const id = `req-${++requestSeq}`;
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: input.path,
    rawQueryString: '',
    headers: { host: 'ouvidoria.example.com.br', ...input.headers },
    requestContext: {
      accountId: '000000000000',
      apiId: 'api',
      domainName: 'ouvidoria.example.com.br',
      domainPrefix: 'ouvidoria',
      http: {
        method: input.method,
        path: input.path,
        protocol: 'HTTP/1.1',
        sourceIp: input.sourceIp ?? '203.0.113.10',
        userAgent: 'vitest',
      },
      requestId: id,
      routeKey: '$default',
      stage: '$default',
      time: '24/Nov/2026:17:00:00 +0000',
      timeEpoch: OFFICE_OPEN.getTime(),
    },
    body: input.body,
    isBase64Encoded: false,
  };
}

/** A webform POST as a browser sends it (urlencoded). */
/**
 * The webform's reply-claim wait as deployed, on the test's clock: a sleep moves the clock and lets
 * whatever else is running go first (`realMs` of real time, for I/O on an emulator).
 */
export function webformClaimWait(clock: { advance(ms: number): void }, realMs = 0): ReplyClaimWait {
  return {
    ...WEBFORM_REPLY_CLAIM,
    sleep: async (ms) => {
      await new Promise((resolve) => (realMs > 0 ? setTimeout(resolve, realMs) : setImmediate(resolve)));
      clock.advance(ms);
    },
  };
}

export function formPost(fields: Record<string, string>, sourceIp?: string) {
  return apiEvent({
    method: 'POST',
    path: '/casos',
    body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    ...(sourceIp ? { sourceIp } : {}),
  });
}

export type TestLogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';

/** Silent unless asked: a passing test prints nothing (the log audit asks for DEBUG and captures it). */
export function testLogger(service: string, logLevel: TestLogLevel = 'SILENT'): Logger {
  return new Logger({ serviceName: service, logLevel });
}

/** Real Powertools metrics; its "No application metrics to publish" warning is dropped. */
export function testMetrics(service: string): Metrics {
  const quiet = {
    ...console,
    warn: (...args: unknown[]) => {
      if (String(args[0] ?? '').startsWith('No application metrics')) return;
      console.warn(...args);
    },
  };
  return new Metrics({ namespace: 'Ouvidoria', serviceName: service, logger: quiet });
}

export interface PipelineOptions {
  config?: OuvidoriaConfig;
  clock?: FixedClock;
  /** Wrap a port (fault injection, counting); the fakes stay reachable for assertions. */
  wrap?: {
    cases?: (repo: InMemoryCaseRepository) => CaseRepository;
    mailer?: (mailer: RecordingMailer) => Mailer;
    queue?: (queue: RecordingQueue) => AssignmentQueue;
    rawMail?: (store: InMemoryRawMailStore) => RawMailStore;
    bounces?: (registry: InMemoryBounceRegistry) => BounceRegistry;
  };
  tickets?: TicketDirectory;
  /** Level of the three handlers' loggers (default SILENT; the log audit uses DEBUG). */
  logLevel?: TestLogLevel;
}

/** In-memory pipeline: one instance of every port, the three real handlers on top. */
export function inMemoryPipeline(options: PipelineOptions = {}) {
  const config = options.config ?? localConfig;
  const clock = options.clock ?? new FixedClock(OFFICE_OPEN);
  const staff = new InMemoryStaffRepository(ANALYSTS);
  const repo = new InMemoryCaseRepository(staff);
  const mailer = new RecordingMailer();
  const queue = new RecordingQueue();
  const tickets = new InMemoryTicketDirectory(TICKETS);
  const store = new InMemoryRawMailStore();
  const cases = options.wrap?.cases?.(repo) ?? repo;
  const mailerPort = options.wrap?.mailer?.(mailer) ?? mailer;
  const queuePort = options.wrap?.queue?.(queue) ?? queue;
  const rawMail = options.wrap?.rawMail?.(store) ?? store;
  const scheduler = new RecordingScheduler();
  const logLevel = options.logLevel ?? 'SILENT';
  const logger = testLogger('email-intake', logLevel);
  const metrics = testMetrics('email-intake');
  const intake: IntakeDeps = {
    cases,
    tickets: options.tickets ?? tickets,
    mailer: mailerPort,
    queue: queuePort,
    throttle: new InMemoryReplyThrottle(),
    bounces: options.wrap?.bounces?.(new InMemoryBounceRegistry()) ?? new InMemoryBounceRegistry(),
    openCases: new InMemorySenderOpenCases(),
    clock,
    config,
  };
  const service = emailIntakeDepsFrom(intake, rawMail);
  const emailHandler = createEmailIntakeHandler(() => ({
    service,
    rawMail: { bucket: BUCKET, prefix: PREFIX },
    logger,
    metrics,
  }));
  const assignmentHandler = createAssignmentHandler({
    cases,
    staff,
    mailer: mailerPort,
    scheduler,
    clock,
    config,
    logger: testLogger('assignment', logLevel),
    metrics: testMetrics('assignment'),
  });
  const confirmation = confirmationPorts();
  const rawWebformHandler = createWebformHandler(
    withConfirmMails({
      ...intake,
      replyClaimWait: webformClaimWait(clock),
      rateLimiter: new InMemoryRateLimiter(),
      ...confirmation,
      logger: testLogger('webform', logLevel),
      metrics: testMetrics('webform'),
    }),
  );
  // The form as the merchant uses it: a post that cites a ticket is confirmed from her mailbox (F1).
  const webformHandler = confirming(rawWebformHandler, () => mailer.sent);

  let sqsSeq = 0;
  return {
    config,
    clock,
    staff,
    repo,
    cases,
    mailer,
    queue,
    tickets,
    store,
    scheduler,
    intake,
    emailHandler,
    assignmentHandler,
    webformHandler,
    /** The webform function itself: a post that cites a ticket answers 202 and waits for its link. */
    rawWebformHandler,
    pendingSubmissions: confirmation.pendingSubmissions,
    /** The confirmation-mail queue (delivered at once to the webform's consumer; failures wait for redeliver()). */
    confirmMails: confirmation.confirmMails,
    /** The mails that are not confirmation links. */
    replies: () => withoutConfirmations(mailer.sent),
    /** Stores the raw mail where the SES S3 action would and returns the receipt event. */
    receive(sesMessageId: string, raw: Buffer, event: Omit<Parameters<typeof sesReceiptEvent>[0], 'sesMessageId'>) {
      store.put({ bucket: BUCKET, key: `${PREFIX}${sesMessageId}` }, raw);
      return sesReceiptEvent({ sesMessageId, ...event });
    },
    rawOf(sesMessageId: string): Buffer | undefined {
      return store.objects.get(`${BUCKET}/${PREFIX}${sesMessageId}`);
    },
    /** Hands every queued message not yet handed over to the assignment handler, one batch each. */
    async drainAssignments(): Promise<SQSBatchResponse[]> {
      const responses: SQSBatchResponse[] = [];
      while (sqsSeq < queue.messages.length) {
        const message = queue.messages[sqsSeq] as AssignmentMessage;
        sqsSeq++;
        responses.push(await assignmentHandler(sqsEvent([{ id: `sqs-${sqsSeq}`, message }])));
      }
      return responses;
    },
  };
}

export type InMemoryPipeline = ReturnType<typeof inMemoryPipeline>;

/**
 * Captures everything written to stdout/stderr and through console while `run` executes
 * (Powertools Logger writes through a Console on process.stdout, or the global console in dev mode).
 */
export async function captureOutput<T>(run: () => Promise<T>): Promise<{ result: T; output: string }> {
  const chunks: string[] = [];
  const outWrite = process.stdout.write;
  const errWrite = process.stderr.write;
  const record = (chunk: unknown) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
    return true;
  };
  const consoleMethods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
  const saved = consoleMethods.map((m) => console[m]);
  process.stdout.write = record as typeof process.stdout.write;
  process.stderr.write = record as typeof process.stderr.write;
  for (const m of consoleMethods) {
    console[m] = (...args: unknown[]) => {
      chunks.push(`${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}\n`);
    };
  }
  try {
    const result = await run();
    return { result, output: chunks.join('') };
  } finally {
    process.stdout.write = outWrite;
    process.stderr.write = errWrite;
    consoleMethods.forEach((m, i) => {
      console[m] = saved[i] as (typeof console)[typeof m];
    });
  }
}

const TAG = /<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'background', 'poster', 'data']);
/** Elements none of our emails or pages use: if one shows up, merchant markup got through. */
const FOREIGN_ELEMENTS = new Set([
  'img',
  'svg',
  'iframe',
  'object',
  'embed',
  'frame',
  'frameset',
  'math',
  'base',
  'meta-refresh',
]);

function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&colon;/gi, ':')
    .replace(/&tab;|&newline;/gi, '')
    .replace(/&quot;/g, '"')
    .replace(/&apos;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * Active content in an HTML document, the way a browser would see it: foreign elements (img,
 * svg, iframe…), inline script, event-handler attributes, and script URLs in URL attributes
 * (entity-decoded). Escaped merchant text, even inside an attribute value, is not active; the pages'
 * own inline icon (favicon.ts) is not counted.
 */
export function activeContent(html: string): string[] {
  const found: string[] = [];
  for (const tag of html.matchAll(TAG)) {
    // The pages' own icon (a data: URL, allowed by their CSP's img-src) is ours, written once;
    // any other data: URL still counts.
    if (tag[0] === FAVICON_LINK) continue;
    const name = (tag[1] as string).toLowerCase();
    if (FOREIGN_ELEMENTS.has(name)) found.push(tag[0].slice(0, 100));
    if (name === 'script' && !/\bsrc\s*=/i.test(tag[2] ?? '')) {
      const rest = html.slice((tag.index ?? 0) + tag[0].length);
      const content = rest.slice(0, rest.search(/<\/script/i) >>> 0);
      if (content.trim() !== '') found.push(`inline script: ${content.slice(0, 80)}`);
    }
    for (const attribute of (tag[2] ?? '').matchAll(ATTRIBUTE)) {
      const attrName = (attribute[1] as string).toLowerCase();
      // Browsers ignore whitespace and control characters inside a scheme ("java\tscript:").
      const value = decodeEntities(attribute[2] ?? attribute[3] ?? attribute[4] ?? '')
        // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
        .replace(/[\s\u0000-\u001f]/g, '')
        .toLowerCase();
      if (attrName.startsWith('on')) found.push(`${attrName}= in ${tag[0].slice(0, 80)}`);
      if (URL_ATTRIBUTES.has(attrName) && /^(javascript|vbscript|data):/.test(value)) {
        found.push(`${attrName}=${value.slice(0, 60)}`);
      }
      if (attrName === 'style' && /javascript:|expression\(/.test(value)) found.push(`style=${value.slice(0, 60)}`);
    }
  }
  for (const style of html.matchAll(/<style\b[^>]*>([^<]*)/gi)) {
    if (/javascript:|expression\(/i.test(style[1] ?? '')) found.push(`style element: ${(style[1] ?? '').slice(0, 60)}`);
  }
  return found;
}

/**
 * One injected failure: the `call`-th call (1-based, default 1) of `method` throws `error()`.
 * `before`: the call never reaches the port (a throttled request). `after`: the port did the
 * work, then the caller sees the error (a response lost after DynamoDB committed the write).
 */
export interface Fault {
  method: string;
  call?: number;
  when?: 'before' | 'after';
  error: () => Error;
}

/** A proxy of `target` that fails as the plan says; `fired` lists the faults that happened. */
export function withFaults<T extends object>(target: T, faults: Fault[]): T & { fired: Fault[] } {
  const counts = new Map<string, number>();
  const fired: Fault[] = [];
  return new Proxy(target, {
    get(obj, key, receiver) {
      if (key === 'fired') return fired;
      const value = Reflect.get(obj, key, receiver);
      if (typeof value !== 'function' || typeof key !== 'string') return value;
      return async (...args: unknown[]) => {
        const n = (counts.get(key) ?? 0) + 1;
        counts.set(key, n);
        const fault = faults.find((f) => f.method === key && (f.call ?? 1) === n);
        if (fault && (fault.when ?? 'before') === 'before') {
          fired.push(fault);
          throw fault.error();
        }
        const result = await value.apply(obj, args);
        if (fault) {
          fired.push(fault);
          throw fault.error();
        }
        return result;
      };
    },
  }) as T & { fired: Fault[] };
}

/** The errors AWS really answers with, by name (what retry logic and logs look at). */
export const AWS_ERRORS = {
  throttled: () =>
    Object.assign(new Error('The level of configured provisioned throughput for the table was exceeded.'), {
      name: 'ProvisionedThroughputExceededException',
      $metadata: { httpStatusCode: 400 },
    }),
  conditionalCheck: () =>
    Object.assign(new Error('The conditional request failed'), {
      name: 'ConditionalCheckFailedException',
      $metadata: { httpStatusCode: 400 },
    }),
  sesThrottled: () =>
    Object.assign(new Error('Maximum sending rate exceeded.'), {
      name: 'TooManyRequestsException',
      $metadata: { httpStatusCode: 429 },
    }),
  sesRejected: () =>
    Object.assign(new Error('Internal failure'), { name: 'InternalFailure', $metadata: { httpStatusCode: 500 } }),
  s3: () =>
    Object.assign(new Error('Please reduce your request rate.'), {
      name: 'SlowDown',
      $metadata: { httpStatusCode: 503 },
    }),
  sqs: () =>
    Object.assign(new Error('Request throttled'), { name: 'RequestThrottled', $metadata: { httpStatusCode: 400 } }),
  timeout: () => Object.assign(new Error('Task timed out after 30.00 seconds'), { name: 'Sandbox.Timedout' }),
} as const;

/** The form's service on in-memory ports, office open, the seeded tickets. */
export function webformDeps(): WebformDeps & {
  cases: InMemoryCaseRepository;
  mailer: RecordingMailer;
  pendingSubmissions: InMemoryPendingSubmissionStore;
} {
  return {
    cases: new InMemoryCaseRepository(),
    tickets: new InMemoryTicketDirectory(TICKETS),
    mailer: new RecordingMailer(),
    queue: new RecordingQueue(),
    openCases: new InMemorySenderOpenCases(),
    throttle: new InMemoryReplyThrottle(),
    bounces: new InMemoryBounceRegistry(),
    clock: new FixedClock(OFFICE_OPEN),
    config: localConfig,
    rateLimiter: new InMemoryRateLimiter(),
    ...confirmationPorts(),
  };
}
