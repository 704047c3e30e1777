/**
 * AWS requests per case, counted through the SDK middleware stack of real clients: DynamoDB on
 * dynalite and SES v2 on aws-ses-v2-local (both on loopback), SQS and S3 through clients whose
 * middleware answers without sending (the request is built and counted, nothing leaves the
 * process). The production adapters and handlers run unchanged on top of them.
 *
 * DynamoDB capacity: dynalite reports ConsumedCapacity by DynamoDB's rules for single-item
 * operations (1 KB write units, 4 KB read units, max of old and new item for updates); queries
 * are sized here by the same rule. It does not model secondary indexes, so each write to a case
 * item (the items the GSIs hold, but for the survey answers in the protocol index, which no
 * scenario here writes) is charged here by DynamoDB's index rules, from the item
 * as it was before and after the write (read by a client outside the count) and the projection
 * of each index (shared/adapters/dynamo/table-design.ts): see `gsiWriteUnits`.
 */
import { withConfirmMails } from '../test/support/confirm';
import { pathToFileURL } from 'node:url';
import { DynamoSenderOpenCases } from '../shared/adapters/dynamo/sender-open-cases';
import { emailIntakeDepsFrom } from '../shared/composition/email-intake';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { type EmailContent, SESv2Client } from '@aws-sdk/client-sesv2';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SQSClient } from '@aws-sdk/client-sqs';
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { createAssignmentHandler } from '../functions/assignment/handler';
import { createEmailIntakeHandler } from '../functions/email-intake/handler';
import { createWebformHandler } from '../functions/webform/handler';
import { DynamoBounceCounter } from '../shared/adapters/dynamo/bounce-counter';
import { DynamoBounceRegistry } from '../shared/adapters/dynamo/bounce-registry';
import { DynamoCaseRepository } from '../shared/adapters/dynamo/case-repository';
import { documentClient } from '../shared/adapters/dynamo/client';
import { createTableIfMissing } from '../shared/adapters/dynamo/create-table';
import { ALL_GSIS, type IndexDesign, OPEN_CASE_SK_PREFIX } from '../shared/adapters/dynamo/table-design';
import { DynamoRateLimiter } from '../shared/adapters/dynamo/rate-limiter';
import { DynamoReplyThrottle } from '../shared/adapters/dynamo/reply-throttle';
import { DynamoStaffRepository } from '../shared/adapters/dynamo/staff-repository';
import { S3MessageTextStore } from '../shared/adapters/s3-message-text-store';
import { withRelayedAttachments } from '../shared/adapters/attachment-relay';
import { readMailFilesOnDemand } from '../shared/composition/assignment';
import { S3RawMailStore } from '../shared/adapters/s3-raw-mail-store';
import { S3UploadStore } from '../shared/adapters/s3-upload-store';
import { EventBridgeTimerScheduler } from '../shared/adapters/scheduler-lifecycle-timers';
import { SesMailer } from '../shared/adapters/ses-mailer';
import { SqsAssignmentQueue } from '../shared/adapters/sqs-assignment-queue';
import { SqsConfirmationMails } from '../shared/adapters/sqs-confirmation-mails';
import type { IntakeDeps } from '../shared/app/intake';
import type { Outcome } from '../shared/domain/outcome';
import type { TicketRecord } from '../shared/ports';
import type { Analyst } from '../shared/domain/staff';
import { FixedClock, LINK_SECRET, RecordingScheduler } from '../test/support/fakes';
import { EMULATOR_CREDENTIALS, EMULATOR_REGION, startDynalite, startSesLocal } from '../test/support/emulators';
import { type Corpus, type CorpusMessage, OMBUDSMAN, sesEventFor } from './corpus';
import { BENCH_CONFIG, BENCH_NOW, BenchTicketDirectory, Prng, productionTelemetry, type StdoutSink } from './support';
import { confirmEvent, invalidEvent, validEvent } from './webform-latency';
import { DynamoPendingSubmissionStore } from '../shared/adapters/dynamo/pending-submission-store';
import { confirmToken } from '../shared/domain/webform-confirmation';
import type {
  ConfirmationMailRequest,
  ConfirmationMailRequests,
  PendingSubmission,
  PendingSubmissionStore,
} from '../shared/ports';
import { DynamoCaseWorkStore } from '../shared/adapters/dynamo/case-work-store';
import { DynamoOpenCaseCounter } from '../shared/adapters/dynamo/open-case-counter';
import { RosterStaffDirectory } from '../shared/adapters/dynamo/staff-directory';
import { DynamoSurveyStore } from '../shared/adapters/dynamo/survey-store';
import { S3RawMailRetention } from '../shared/adapters/s3-raw-mail-retention';
import { S3UploadRetention } from '../shared/adapters/s3-upload-retention';
import { readMailFiles } from '../shared/mail/mail-files';
import type { LifecycleDeps } from '../shared/app/lifecycle/commit';
import { mailLifecycle } from '../shared/app/lifecycle/mail-lifecycle';
import { staffReplyAddress } from '../shared/domain/lifecycle/reply-address';
import {
  analystAnswer,
  analystClosing,
  type LifecycleMail,
  merchantReply,
  storedLifecycleMail,
} from './lifecycle-mail';

export type Service = 'dynamodb' | 'ses' | 'sqs' | 's3' | 'scheduler';

export interface RequestEntry {
  service: Service;
  op: string;
  wru: number;
  /** Part of `wru` charged for the GSI entries of a case item (`gsiWriteUnits`). */
  gsiWru: number;
  rru: number;
  /** SES: content bytes (see sesContentBytes); S3 GET and PUT: object bytes. */
  bytes: number;
  /** DynamoDB: the item family the request touched (see itemFamily), for the request traces. */
  item?: string;
}

/**
 * The item family of a DynamoDB request, from its key (or a Query's partition): the partition
 * key's prefix (`DELIVERY`, `MSGID`, `COUNTER`, …), with the sort key's prefix for the items of a
 * case's partition (`CASE/CASE`, `CASE/FIRSTMSG`, …); the names of shared/adapters/dynamo/README.md.
 */
export function itemFamily(input: Record<string, unknown>): string | undefined {
  const key = (input.Key ?? input.Item ?? writtenItems(input)[0] ?? batchReadKeys(input)[0]) as
    | { pk?: unknown; sk?: unknown }
    | undefined;
  const values = input.ExpressionAttributeValues as Record<string, unknown> | undefined;
  const pk = typeof key?.pk === 'string' ? key.pk : typeof values?.[':pk'] === 'string' ? values[':pk'] : undefined;
  if (pk === undefined) return typeof input.IndexName === 'string' ? `index ${input.IndexName}` : undefined;
  const family = pk.split('#')[0] ?? pk;
  // The roster's partition also holds the open-case markers.
  if (family === 'STAFF' && typeof key?.sk === 'string' && key.sk.startsWith(OPEN_CASE_SK_PREFIX)) {
    return 'STAFF/OPENCASE';
  }
  if (family !== 'CASE') return family;
  if (typeof key?.sk !== 'string') return 'CASE/*';
  const item = `CASE/${key.sk.split('#')[0]}`;
  // The case item's updates, told apart by what they set.
  const update = typeof input.UpdateExpression === 'string' ? input.UpdateExpression : '';
  const what = CASE_UPDATES.find(([pattern]) => pattern.test(update))?.[1];
  return what ? `${item} (${what})` : item;
}

/** The keys a BatchGetItem reads. */
function batchReadKeys(input: Record<string, unknown>): Record<string, unknown>[] {
  const tables = Object.values((input.RequestItems ?? {}) as Record<string, { Keys?: Record<string, unknown>[] }>);
  return tables.flatMap((t) => t.Keys ?? []);
}

/** The items a write puts: its Item, or every PutRequest of a BatchWriteItem. */
function writtenItems(input: Record<string, unknown>): Record<string, unknown>[] {
  if (input.Item) return [input.Item as Record<string, unknown>];
  const tables = (input.RequestItems ?? {}) as Record<string, { PutRequest?: { Item: Record<string, unknown> } }[]>;
  // A BatchGetItem's RequestItems hold { Keys } per table, not a list of requests: nothing written.
  return Object.values(tables).flatMap((requests) =>
    Array.isArray(requests) ? requests.flatMap((r) => (r.PutRequest ? [r.PutRequest.Item] : [])) : [],
  );
}

/** ConsumedCapacity of one request: an object, or one per table for batch operations. */
function capacityUnits(consumed: unknown): number | undefined {
  const all = [consumed].flat() as ({ CapacityUnits?: number } | undefined)[];
  const units = all.map((c) => c?.CapacityUnits).filter((u): u is number => typeof u === 'number');
  return units.length > 0 ? units.reduce((a, b) => a + b, 0) : undefined;
}

const CASE_UPDATES: [RegExp, string][] = [
  [/replyClaimedAt = :now/, 'reply claim'],
  [/#reply = :reply/, 'reply recorded'],
  [/= :assigned/, 'assignment'],
  [/analystNotifiedAt/, 'notice recorded'],
  [/protocol = :p/, 'protocol'],
];

class Counter {
  readonly entries: RequestEntry[] = [];
  mark(): number {
    return this.entries.length;
  }
  since(mark: number): RequestEntry[] {
    return this.entries.slice(mark);
  }
}

type Middleware = (
  next: (args: { input: Record<string, unknown> }) => Promise<{ output: Record<string, unknown> }>,
  context: { commandName?: string },
) => (args: { input: Record<string, unknown> }) => Promise<{ output: unknown; response: unknown }>;

interface StackOwner {
  middlewareStack: { add(middleware: unknown, options: Record<string, unknown>): void };
}

function addMiddleware(client: StackOwner, middleware: Middleware, priority: 'high' | 'low', name: string): void {
  client.middlewareStack.add(middleware, { step: 'initialize', priority, name });
}

const opOf = (context: { commandName?: string }) => (context.commandName ?? 'Unknown').replace(/Command$/, '');

/** Item size by DynamoDB's rules (names + values, UTF-8), for the plain JS items of the DocumentClient. */
export function itemSize(value: unknown): number {
  if (value === null || value === undefined) return 1;
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number') return Math.ceil(String(value).replace(/^-/, '').length / 2) + 1;
  if (typeof value === 'boolean') return 1;
  if (value instanceof Uint8Array) return value.length;
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, v) => sum + 1 + itemSize(v), 0);
  if (value instanceof Set) return [...value].reduce((sum: number, v) => sum + itemSize(v), 0);
  if (typeof value === 'object') {
    return 3 + Object.entries(value).reduce((sum, [k, v]) => sum + Buffer.byteLength(k) + 1 + itemSize(v), 0);
  }
  return 1;
}

const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);
const READS = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan']);

function isCaseItem(input: Record<string, unknown>): boolean {
  const key = (input.Key ?? input.Item) as { pk?: unknown; sk?: unknown } | undefined;
  return typeof key?.pk === 'string' && key.pk.startsWith('CASE#') && key.sk === 'CASE';
}

type Image = Record<string, unknown> | undefined;
/** The index's key attributes: its partition key and, when it has one, its sort key. */
const indexKeys = (index: IndexDesign): string[] => [index.partitionKey, ...(index.sortKey ? [index.sortKey] : [])];

/** An item's entry in an index (table keys, index keys, projected attributes), or undefined when not in it. */
function indexEntry(image: Image, index: IndexDesign): Record<string, unknown> | undefined {
  if (!image || indexKeys(index).some((key) => image[key] === undefined)) return undefined;
  const names = ['pk', 'sk', ...indexKeys(index), ...index.nonKeyAttributes];
  return Object.fromEntries(names.filter((name) => image[name] !== undefined).map((name) => [name, image[name]]));
}

const entryUnits = (entry: Record<string, unknown>) => Math.max(1, Math.ceil(itemSize(entry) / 1024));

/**
 * Write units the GSIs consume for one write of a base item, by DynamoDB's rules ("Provisioned
 * throughput considerations for Global Secondary Indexes"): an entry that appears costs one put,
 * one that disappears one delete, a changed index key a delete and a put, a change of projected
 * attributes only one write (size: the larger entry), and a write that changes neither nothing —
 * a failed condition included. Each in 1 KB units of the index entry.
 */
export function gsiWriteUnits(before: Image, after: Image): number {
  let units = 0;
  for (const index of ALL_GSIS) {
    const old = indexEntry(before, index);
    const next = indexEntry(after, index);
    if (!old && !next) continue;
    if (!old && next) units += entryUnits(next);
    else if (old && !next) units += entryUnits(old);
    else if (old && next) {
      const moved = indexKeys(index).some((key) => old[key] !== next[key]);
      if (moved) units += entryUnits(old) + entryUnits(next);
      else if (JSON.stringify(old) !== JSON.stringify(next)) units += Math.max(entryUnits(old), entryUnits(next));
    }
  }
  return units;
}

function caseKeyOf(input: Record<string, unknown>): { pk: string; sk: string } | undefined {
  if (!isCaseItem(input)) return undefined;
  const key = (input.Key ?? input.Item) as { pk: string; sk: string };
  return { pk: key.pk, sk: key.sk };
}

/** `images` reads items outside the count (no middleware), for the GSI rules. */
function dynamoCounter(counter: Counter, images: DynamoDBDocumentClient, tableName: string): Middleware {
  const image = async (key: { pk: string; sk: string }): Promise<Image> =>
    (await images.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;
  return (next, context) => async (args) => {
    const op = opOf(context);
    const input = args.input;
    if (WRITES.has(op) || READS.has(op)) input.ReturnConsumedCapacity ??= 'TOTAL';
    const indexedKey = WRITES.has(op) ? caseKeyOf(input) : undefined;
    const before = indexedKey ? await image(indexedKey) : undefined;
    let output: Record<string, unknown> | undefined;
    try {
      const result = await next(args);
      output = result.output;
      return result as { output: unknown; response: unknown };
    } finally {
      const consumed = capacityUnits(output?.ConsumedCapacity);
      let wru = 0;
      let gsiWru = 0;
      let rru = 0;
      if (WRITES.has(op)) {
        // A failed condition still costs the write (DynamoDB charges it; dynalite reports nothing).
        const base =
          consumed ?? writtenItems(input).reduce((sum, item) => sum + Math.max(1, Math.ceil(itemSize(item) / 1024)), 0);
        gsiWru = indexedKey ? gsiWriteUnits(before, await image(indexedKey)) : 0;
        wru = base + gsiWru;
      } else if (op === 'GetItem') {
        rru = consumed ?? (input.ConsistentRead ? 1 : 0.5);
      } else if (op === 'BatchGetItem') {
        // Each key is read as a GetItem would be (one unit per small item, found or not).
        const tables = Object.values(
          (input.RequestItems ?? {}) as Record<string, { Keys?: unknown[]; ConsistentRead?: boolean }>,
        );
        rru = consumed ?? tables.reduce((sum, t) => sum + (t.Keys?.length ?? 0) * (t.ConsistentRead ? 1 : 0.5), 0);
      } else if (op === 'Query' || op === 'Scan') {
        const items = (output?.Items as unknown[] | undefined) ?? [];
        const size = items.reduce((sum: number, item) => sum + itemSize(item), 0);
        rru = Math.max(1, Math.ceil(size / 4096)) * (input.ConsistentRead ? 1 : 0.5);
      }
      counter.entries.push({ service: 'dynamodb', op, wru, gsiWru, rru, bytes: 0, item: itemFamily(input) });
    }
  };
}

/** The content bytes of a SendEmail request: Raw data, or Simple subject, bodies, headers and files. */
function sesContentBytes(content: EmailContent | undefined): number {
  if (content?.Raw?.Data) return content.Raw.Data.length;
  const simple = content?.Simple;
  const text = (s: string | undefined) => Buffer.byteLength(s ?? '');
  return (
    text(simple?.Subject?.Data) +
    text(simple?.Body?.Text?.Data) +
    text(simple?.Body?.Html?.Data) +
    (simple?.Headers ?? []).reduce((sum, h) => sum + text(h.Name) + text(h.Value), 0) +
    (simple?.Attachments ?? []).reduce((sum, a) => sum + (a.RawContent?.length ?? 0), 0)
  );
}

function sesCounter(counter: Counter): Middleware {
  return (next, context) => async (args) => {
    const bytes = sesContentBytes(args.input.Content as EmailContent | undefined);
    counter.entries.push({ service: 'ses', op: opOf(context), wru: 0, gsiWru: 0, rru: 0, bytes });
    return (await next(args)) as { output: unknown; response: unknown };
  };
}

/** Answers SendMessage without sending it; keeps the bodies (they feed the assignment run). */
function sqsShortCircuit(counter: Counter, sent: string[]): Middleware {
  return (_next, context) => async (args) => {
    const body = String(args.input.MessageBody ?? '');
    sent.push(body);
    counter.entries.push({
      service: 'sqs',
      op: opOf(context),
      wru: 0,
      gsiWru: 0,
      rru: 0,
      bytes: Buffer.byteLength(body),
    });
    return { output: { $metadata: { httpStatusCode: 200 }, MessageId: `bench-${sent.length}` }, response: {} };
  };
}

/** Answers EventBridge Scheduler's CreateSchedule (the lifecycle's reminder and escalation timers). */
function schedulerShortCircuit(counter: Counter): Middleware {
  return (_next, context) => async () => {
    counter.entries.push({ service: 'scheduler', op: opOf(context), wru: 0, gsiWru: 0, rru: 0, bytes: 0 });
    return { output: { $metadata: { httpStatusCode: 200 }, ScheduleArn: 'arn:aws:scheduler:bench' }, response: {} };
  };
}

/**
 * Answers HeadObject/GetObject from the corpus, as S3 would for the receipt rule's objects,
 * PutObject/GetObject of the message texts the case repository keeps out of the table (issue 16), and
 * the uploads bucket's ListObjectsV2, PutObject and GetObjectTagging of a case's mailed files the
 * email intake copies (mail-file-copies.ts).
 */
function s3ShortCircuit(counter: Counter, objects: Map<string, Buffer>): Middleware {
  const tags = new Map<string, string>();
  return (_next, context) => async (args) => {
    const op = opOf(context);
    if (op === 'PutObject') {
      const put = Buffer.from(args.input.Body as Uint8Array);
      objects.set(String(args.input.Key), put);
      if (typeof args.input.Tagging === 'string') tags.set(String(args.input.Key), args.input.Tagging);
      counter.entries.push({ service: 's3', op, wru: 0, gsiWru: 0, rru: 0, bytes: put.length });
      return { output: { $metadata: { httpStatusCode: 200 } }, response: {} };
    }
    if (op === 'ListObjectsV2') {
      const prefix = String(args.input.Prefix ?? '');
      const contents = [...objects.entries()]
        .filter(([key]) => key.startsWith(prefix))
        .map(([Key, body]) => ({ Key, Size: body.length }));
      counter.entries.push({ service: 's3', op, wru: 0, gsiWru: 0, rru: 0, bytes: 0 });
      return { output: { $metadata: { httpStatusCode: 200 }, Contents: contents }, response: {} };
    }
    if (op === 'GetObjectTagging') {
      const tagSet = [...new URLSearchParams(tags.get(String(args.input.Key)) ?? '').entries()].map(([Key, Value]) => ({
        Key,
        Value,
      }));
      counter.entries.push({ service: 's3', op, wru: 0, gsiWru: 0, rru: 0, bytes: 0 });
      return { output: { $metadata: { httpStatusCode: 200 }, TagSet: tagSet }, response: {} };
    }
    const body = objects.get(String(args.input.Key));
    if (!body) throw Object.assign(new Error('NoSuchKey'), { name: op === 'HeadObject' ? 'NotFound' : 'NoSuchKey' });
    counter.entries.push({ service: 's3', op, wru: 0, gsiWru: 0, rru: 0, bytes: op === 'GetObject' ? body.length : 0 });
    const output =
      op === 'HeadObject'
        ? { $metadata: { httpStatusCode: 200 }, ContentLength: body.length }
        : {
            $metadata: { httpStatusCode: 200 },
            ContentLength: body.length,
            Body: { transformToByteArray: async () => new Uint8Array(body) },
          };
    return { output, response: {} };
  };
}

export type ScenarioName =
  | 'email accepted'
  | 'email accepted, text size'
  | 'email redirected'
  | 'email duplicate delivery'
  | 'assignment'
  | 'webform awaiting confirmation'
  | 'webform accepted'
  | 'webform redirected'
  | 'webform rejected (400)'
  | 'lifecycle: analyst answer'
  | 'lifecycle: merchant reply'
  | 'lifecycle: analyst closing';

export interface Invocation {
  scenario: ScenarioName;
  outcome?: Outcome;
  entries: RequestEntry[];
  zendeskLookups: number;
  /** Raw mail size for the email scenarios (SES inbound chunks, S3 GET bytes). */
  rawBytes: number;
  /** Corpus index of the email (to reuse its in-process duration). */
  corpusIndex?: number;
  /** 'email accepted, text size': the UTF-8 bytes of the mail's text. */
  textBytes?: number;
  logBytes: number;
}

const STAFF: Omit<Analyst, 'openCases' | 'lastAssignedAt'>[] = [
  { id: 'ana', name: 'Ana Beatriz Lima', email: 'ana.lima@ouvidoria.example.com.br', active: true },
  { id: 'bruno', name: 'Bruno Carvalho', email: 'bruno.carvalho@ouvidoria.example.com.br', active: true },
  { id: 'celia', name: 'Célia Duarte', email: 'celia.duarte@ouvidoria.example.com.br', active: true },
];

const TABLE = 'ouvidoria-bench';
/** Accepted e-mail cases whose life after assignment (answer, reply, closing) is counted. */
const LIFECYCLE_CASES = 6;
/** The secret of the per-case staff reply addresses (assignment signs them, the intake checks them). */
const STAFF_REPLY_SECRET = 'bench-staff-reply-secret-0123456789';
const BUCKET = 'ouvidoria-raw-mail-bench';
const TEXT_BUCKET = 'ouvidoria-message-texts-bench';
const UPLOADS_BUCKET = 'ouvidoria-uploads-bench';
/** The text sizes of the 'email accepted, text size' scenario: the same mail, its text ~1, 10 and 60 KB. */
export const TEXT_SIZES = [1_024, 10_240, 60_000] as const;

/** One ticket per text size, of the corpus's last merchant, numbered past hers (same length, none of the corpus's). */
function textSizeTickets(corpus: Corpus): TicketRecord[] {
  const last = corpus.tickets.at(-1);
  return last
    ? TEXT_SIZES.map((_, i) => ({ id: String(Number(last.id) + 1 + i), requesterEmail: last.requesterEmail }))
    : [];
}

/**
 * An accepted mail (the ticket's own requester, the ticket number in the subject and the text) whose
 * plain UTF-8 text is `textBytes` long: the same mail but for its length.
 */
export function mailWithText(
  ticket: { id: string; requesterEmail: string },
  textBytes: number,
  i: number,
  date: Date,
): CorpusMessage {
  const opening = `Olá, abri o chamado #${ticket.id} no suporte e o problema continua.\n\n`;
  const line = 'Os pedidos da loja não sincronizam com o estoque desde a semana passada e os clientes reclamam.\n';
  let text = opening;
  while (Buffer.byteLength(text) + Buffer.byteLength(line) <= textBytes) text += line;
  text += 'x'.repeat(Math.max(0, textBytes - Buffer.byteLength(text)));
  // Ids of one length whatever the size: the case item (which holds them) must not differ but by the text.
  const id = `text-size-${String(i).padStart(2, '0')}-${String(textBytes).padStart(6, '0')}`;
  const subject = `Pedidos não sincronizam - chamado #${ticket.id}`;
  const raw = Buffer.from(
    [
      `From: Lojista <${ticket.requesterEmail}>`,
      `To: Ouvidoria <${OMBUDSMAN}>`,
      `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`,
      `Date: ${date.toUTCString()}`,
      `Message-ID: <${id}@bench.example.com.br>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      text.replace(/\n/g, '\r\n'),
    ].join('\r\n'),
  );
  return {
    id,
    raw,
    kind: 'ticket-own',
    style: 'phone',
    attachments: 0,
    sender: { name: 'Lojista', address: ticket.requesterEmail },
    subject,
    date,
  };
}
const PREFIX = 'inbound/';
const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/ouvidoria-assignment';

/** One message per sender, small and large alike, so that per-sender throttles do not skew the counts. */
function pickEmails(corpus: Corpus, count: number): { message: CorpusMessage; index: number }[] {
  const seen = new Set<string>();
  const picked: { message: CorpusMessage; index: number }[] = [];
  corpus.messages.forEach((message, index) => {
    if (picked.length >= count || seen.has(message.sender.address)) return;
    seen.add(message.sender.address);
    picked.push({ message, index });
  });
  return picked;
}

const WEBFORM_MAIL_QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/ouvidoria-confirm-mail';

/**
 * A queue whose messages go through `sender` (counted) and are then handed to the consumer
 * test/support/confirm.ts withConfirmMails wires, as one SQS event each: SQS's delivery, inline.
 */
class InlineSqsQueue implements ConfirmationMailRequests {
  private consume?: (event: unknown) => Promise<unknown>;
  private delivered = 0;
  constructor(private readonly sender: ConfirmationMailRequests) {}
  deliverTo(consume: (event: unknown) => Promise<unknown>): this {
    this.consume = consume;
    return this;
  }
  async request(message: ConfirmationMailRequest): Promise<void> {
    await this.sender.request(message);
    await this.consume?.({
      Records: [{ eventSource: 'aws:sqs', messageId: `webform-${++this.delivered}`, body: JSON.stringify(message) }],
    });
  }
}

function sqsEvent(body: string, i: number): SQSEvent {
  return {
    Records: [
      {
        messageId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        receiptHandle: `bench-receipt-${i}`,
        body,
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: String(BENCH_NOW.getTime()),
          SenderId: 'AROAEXAMPLE:email-intake',
          ApproximateFirstReceiveTimestamp: String(BENCH_NOW.getTime() + 50),
        },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:ouvidoria-assignment',
        awsRegion: 'us-east-1',
      },
    ],
  };
}

export interface RequestCounts {
  invocations: Invocation[];
}

/** Runs the scenarios on the emulators; returns one entry per Lambda invocation. */
export async function countRequests(
  corpus: Corpus,
  emails: number,
  posts: number,
  sink: StdoutSink,
): Promise<RequestCounts> {
  const dynalite = await startDynalite();
  const ses = await startSesLocal();
  const clients: { destroy(): void }[] = [];
  const invocations: Invocation[] = [];
  try {
    const counter = new Counter();
    const admin = new DynamoDBClient({
      endpoint: dynalite.endpoint,
      region: EMULATOR_REGION,
      credentials: EMULATOR_CREDENTIALS,
    });
    clients.push(admin);
    await createTableIfMissing(admin, TABLE);
    const seedClient = documentClient({ endpoint: dynalite.endpoint });
    clients.push(seedClient);
    const seedStaff = new DynamoStaffRepository(seedClient, TABLE);
    for (const analyst of STAFF) await seedStaff.put(analyst);

    const client: DynamoDBDocumentClient = documentClient({ endpoint: dynalite.endpoint });
    clients.push(client);
    const imageClient = documentClient({ endpoint: dynalite.endpoint });
    clients.push(imageClient);
    addMiddleware(
      client as unknown as StackOwner,
      dynamoCounter(counter, imageClient, TABLE),
      'low',
      'benchDynamoCounter',
    );
    const sesClient = new SESv2Client({
      endpoint: ses.endpoint,
      region: EMULATOR_REGION,
      credentials: EMULATOR_CREDENTIALS,
    });
    clients.push(sesClient);
    addMiddleware(sesClient as unknown as StackOwner, sesCounter(counter), 'high', 'benchSesCounter');
    const sent: string[] = [];
    const sqsClient = new SQSClient({ region: EMULATOR_REGION, credentials: EMULATOR_CREDENTIALS });
    clients.push(sqsClient);
    addMiddleware(sqsClient as unknown as StackOwner, sqsShortCircuit(counter, sent), 'high', 'benchSqs');
    const objects = new Map<string, Buffer>();
    const s3Client = new S3Client({ region: EMULATOR_REGION, credentials: EMULATOR_CREDENTIALS });
    clients.push(s3Client);
    addMiddleware(s3Client as unknown as StackOwner, s3ShortCircuit(counter, objects), 'high', 'benchS3');

    // Zendesk in production: not AWS. The fake counts its lookups.
    const tickets = new BenchTicketDirectory([...corpus.tickets, ...textSizeTickets(corpus)]);
    const clock = new FixedClock(BENCH_NOW);
    // Texts over the inline limit go to S3 (issue 16), counted like the raw mail's requests.
    const texts = new S3MessageTextStore(s3Client, TEXT_BUCKET);
    const cases = new DynamoCaseRepository({ client, tableName: TABLE, texts });
    const mailer = new SesMailer({ client: sesClient });
    const intake: IntakeDeps = {
      cases,
      tickets,
      mailer,
      queue: new SqsAssignmentQueue(sqsClient, QUEUE_URL),
      throttle: new DynamoReplyThrottle(client, TABLE),
      bounces: new DynamoBounceRegistry(client, TABLE),
      // The bounce breaker, as deployed: one BatchGetItem before each guidance reply (rt57).
      bounceCounter: new DynamoBounceCounter(client, TABLE),
      openCases: new DynamoSenderOpenCases(client, TABLE),
      clock,
      config: BENCH_CONFIG,
    };

    const telemetry = (service: string): { logger: Logger; metrics: Metrics } => productionTelemetry(service);
    const emailTelemetry = telemetry('email-intake');
    const rawMail = new S3RawMailStore(s3Client);
    // A case's mailed files are copied to the uploads bucket, as the deployed intake does.
    const uploads = new S3UploadStore(s3Client, UPLOADS_BUCKET, EMULATOR_REGION);
    const schedulerClient = new SchedulerClient({ region: EMULATOR_REGION, credentials: EMULATOR_CREDENTIALS });
    clients.push(schedulerClient);
    addMiddleware(schedulerClient as unknown as StackOwner, schedulerShortCircuit(counter), 'high', 'benchScheduler');
    const timers = new EventBridgeTimerScheduler({
      client: schedulerClient,
      groupName: 'ouvidoria-bench',
      targetArn: 'arn:aws:sqs:us-east-1:123456789012:ouvidoria-assignment.fifo',
      roleArn: 'arn:aws:iam::123456789012:role/ouvidoria-bench-scheduler',
    });
    // The email intake as deployed: staff mail and the merchant's replies go through the case
    // lifecycle (shared/composition/lifecycle.ts buildLifecycleDeps, with its AWS-only retention tags).
    const lifecycleDeps: LifecycleDeps = {
      cases: new DynamoCaseWorkStore({
        client,
        tableName: TABLE,
        repository: cases,
        retention: BENCH_CONFIG.retention,
      }),
      counter: new DynamoOpenCaseCounter(client, TABLE),
      staff: new RosterStaffDirectory({
        staff: new DynamoStaffRepository(client, TABLE),
        supervisorIds: BENCH_CONFIG.lifecycle.supervisorIds,
      }),
      mailer: withRelayedAttachments(mailer, rawMail, readMailFiles),
      timers,
      surveys: new DynamoSurveyStore(client, TABLE, BENCH_CONFIG.retention),
      rawMailRetention: new S3RawMailRetention(s3Client),
      uploadRetention: new S3UploadRetention(s3Client, UPLOADS_BUCKET),
      openCases: new DynamoSenderOpenCases(client, TABLE, () => clock.now(), BENCH_CONFIG),
      noticeLimiter: new DynamoRateLimiter(client, TABLE),
      clock,
      config: BENCH_CONFIG,
      secret: STAFF_REPLY_SECRET,
    };
    const emailService = emailIntakeDepsFrom(
      { ...intake, lifecycle: mailLifecycle(lifecycleDeps) },
      rawMail,
      undefined,
      uploads,
    );
    const emailHandler = createEmailIntakeHandler(() => ({
      service: emailService,
      rawMail: { bucket: BUCKET, prefix: PREFIX },
      ...emailTelemetry,
    }));

    sink.start();
    const run = async <T>(
      fn: () => Promise<T>,
      describe: (result: T) => Omit<Invocation, 'entries' | 'zendeskLookups' | 'logBytes'>,
    ): Promise<T> => {
      const mark = counter.mark();
      const lookups = tickets.lookups.length;
      const logBytes = sink.bytes;
      const result = await fn();
      invocations.push({
        ...describe(result),
        entries: counter.since(mark),
        zendeskLookups: tickets.lookups.length - lookups,
        logBytes: sink.bytes - logBytes,
      });
      clock.advance(61_000);
      return result;
    };

    // Email intake: one message per sender.
    const picked = pickEmails(corpus, emails);
    const acceptedEvents: unknown[] = [];
    for (const { message, index } of picked) {
      objects.set(`${PREFIX}${message.id}`, message.raw);
      const event = sesEventFor(message, clock.now());
      await run(
        () => emailHandler(event),
        ({ results }) => {
          const r = results[0];
          const outcome = r?.kind === 'case' ? r.outcome : undefined;
          if (outcome === 'ACCEPTED') acceptedEvents.push(event);
          return {
            scenario: outcome === 'ACCEPTED' ? 'email accepted' : 'email redirected',
            outcome,
            rawBytes: message.raw.length,
            corpusIndex: index,
          };
        },
      );
    }
    // The same accepted mail with a ~1 KB, 10 KB and 60 KB text (issue 16: WRU independent of the
    // text beyond the first KB): one sender, ids of one length, only the text differs — and the
    // ticket, one of hers per size (a second mail naming the ticket of her open case joins it).
    for (const [i, textBytes] of TEXT_SIZES.entries()) {
      const ticket = textSizeTickets(corpus)[i];
      if (!ticket) break;
      const message = mailWithText(ticket, textBytes, i, clock.now());
      objects.set(`${PREFIX}${message.id}`, message.raw);
      await run(
        () => emailHandler(sesEventFor(message, clock.now())),
        ({ results }) => {
          const r = results[0];
          const outcome = r?.kind === 'case' ? r.outcome : undefined;
          if (outcome !== 'ACCEPTED') throw new Error(`The ${textBytes}-byte text mail was not accepted: ${outcome}`);
          return { scenario: 'email accepted, text size', outcome, rawBytes: message.raw.length, textBytes };
        },
      );
    }

    // The same SES events delivered again (Lambda async retry): nothing new may happen.
    for (const event of acceptedEvents.slice(0, 5)) {
      await run(
        () => emailHandler(event),
        () => ({ scenario: 'email duplicate delivery', rawBytes: 0 }),
      );
    }

    // Assignment of every accepted email case (office open: assigned at once, analyst emailed), as
    // deployed: with the lifecycle (per-case reply address, reminder and escalation timers).
    const assignmentHandler = createAssignmentHandler({
      cases,
      staff: new DynamoStaffRepository(client, TABLE),
      // As deployed: the opening mail's files read from S3 and relayed with the notice.
      mailer: withRelayedAttachments(mailer, rawMail, readMailFilesOnDemand),
      scheduler: new RecordingScheduler(),
      clock,
      config: BENCH_CONFIG,
      lifecycle: { secret: STAFF_REPLY_SECRET, timers },
      ...telemetry('assignment'),
    });
    const queued = [...sent];
    for (const [i, body] of queued.entries()) {
      await run(
        () => assignmentHandler(sqsEvent(body, i)),
        () => ({ scenario: 'assignment', rawBytes: 0 }),
      );
    }

    // The case's life after assignment, by mail (SPEC steps 8–9), on the first accepted e-mail cases:
    // the analyst answers through the notice's reply address, the merchant replies to the answer, the
    // analyst closes the case (the closing mail carries the survey). Each mail as SES stores it.
    const caseReader = new DynamoCaseRepository({ client: seedClient, tableName: TABLE, texts });
    const lifecycleStep = async (scenario: ScenarioName, mail: LifecycleMail, expected: string, recipient: string) => {
      const message = storedLifecycleMail(mail);
      objects.set(`${PREFIX}${message.id}`, message.raw);
      await run(
        () => emailHandler(sesEventFor(message, clock.now(), recipient)),
        ({ results }) => {
          const r = results[0];
          const got =
            r?.kind === 'staff-mail' ? `staff-mail ${r.result}` : r?.kind === 'follow-up' ? 'follow-up' : r?.kind;
          if (got !== expected) throw new Error(`${scenario}: ${mail.id} ended as ${got}, not ${expected}`);
          return { scenario, rawBytes: message.raw.length };
        },
      );
    };
    for (const [i, body] of queued.slice(0, LIFECYCLE_CASES).entries()) {
      const { caseId } = JSON.parse(body) as { caseId: string };
      const c = await caseReader.get(caseId);
      const analyst = STAFF.find((a) => a.id === c?.assignee);
      if (!c?.protocol || !analyst) throw new Error(`Case ${caseId} was not assigned: no life to count`);
      const to = staffReplyAddress(c.protocol, analyst.id, STAFF_REPLY_SECRET, BENCH_CONFIG);
      const merchant = { name: c.senderName ?? 'Lojista', address: c.senderEmail };
      const staffFrom = { name: analyst.name, address: analyst.email };
      // scenario, mail id, sender, recipient, subject, text, how the intake must have taken it
      const steps: [ScenarioName, string, LifecycleMail['from'], string, string, string, string][] = [
        [
          'lifecycle: analyst answer',
          'answer',
          staffFrom,
          to,
          `RE: Novo caso atribuído a você: [${c.protocol}]`,
          analystAnswer({ protocol: c.protocol, merchantName: merchant.name }),
          'staff-mail applied',
        ],
        [
          'lifecycle: merchant reply',
          'merchant',
          merchant,
          OMBUDSMAN,
          `Re: [${c.protocol}] Resposta da Ouvidoria`,
          merchantReply(),
          'follow-up',
        ],
        [
          'lifecycle: analyst closing',
          'closing',
          staffFrom,
          to,
          `RE: [${c.protocol}] Nova mensagem do lojista`,
          analystClosing({ merchantName: merchant.name }),
          'staff-mail applied',
        ],
      ];
      for (const [scenario, kind, from, recipient, subject, text, expected] of steps) {
        const mail = { id: `bench-${kind}-${i}`, from, to: recipient, subject, text, date: clock.now() };
        await lifecycleStep(scenario, mail, expected, recipient);
      }
    }

    // Webform: valid posts (each its own person), then invalid ones.
    let lastOutcome: Outcome | undefined;
    const webTelemetry = telemetry('webform');
    // A post that cites a ticket waits for its link (trust hole F1): the bench confirms it as the
    // merchant would, with the link its mail carries (signed here from the pending submission).
    const pendingSubmissions = new DynamoPendingSubmissionStore(client, TABLE);
    const created: PendingSubmission[] = [];
    const recordingPending: PendingSubmissionStore = {
      create: async (p) => {
        const stored = await pendingSubmissions.create(p);
        if (stored) created.push(p);
        return stored;
      },
      get: (id) => pendingSubmissions.get(id),
      markConfirmed: (id, caseId) => pendingSubmissions.markConfirmed(id, caseId),
      noteRepeatUpload: (id, uploadId) => pendingSubmissions.noteRepeatUpload(id, uploadId),
      claimMail: (id, now, staleBefore) => pendingSubmissions.claimMail(id, now, staleBefore),
      markMailed: (id, at) => pendingSubmissions.markMailed(id, at),
      releaseMail: (id) => pendingSubmissions.releaseMail(id),
    };
    // The webform's mail queue as deployed (the SQS adapter, its SendMessage counted), its consumer
    // run right after the send, in the same scenario: the post's work and the queue's are one case's.
    const webformSqs = new SQSClient({ region: EMULATOR_REGION, credentials: EMULATOR_CREDENTIALS });
    clients.push(webformSqs);
    addMiddleware(webformSqs as unknown as StackOwner, sqsShortCircuit(counter, []), 'high', 'benchWebformSqs');
    const webform = createWebformHandler(
      withConfirmMails({
        ...intake,
        rateLimiter: new DynamoRateLimiter(client, TABLE),
        pendingSubmissions: recordingPending,
        linkSecret: async () => LINK_SECRET,
        confirmMails: new InlineSqsQueue(new SqsConfirmationMails(webformSqs, WEBFORM_MAIL_QUEUE_URL)),
        ...webTelemetry,
        webformTelemetry: {
          submitted: (outcome) => {
            lastOutcome = outcome;
          },
          rejected: () => undefined,
          failed: () => undefined,
          claimedUnscanned: () => undefined,
        },
      }),
    );
    const rng = new Prng(777);
    const webSent = sent.length;
    for (let i = 0; i < posts; i++) {
      lastOutcome = undefined;
      created.length = 0;
      await run(
        () => webform(validEvent(rng, 100_000 + i, corpus.tickets)),
        () =>
          lastOutcome === undefined
            ? { scenario: 'webform awaiting confirmation', rawBytes: 0 }
            : {
                scenario: lastOutcome === 'ACCEPTED' ? 'webform accepted' : 'webform redirected',
                outcome: lastOutcome,
                rawBytes: 0,
              },
      );
      // Only a post that awaits its link is confirmed (a guidance post is kept as pending too, for the queue).
      const pending = lastOutcome === undefined ? created[0] : undefined;
      if (!pending) continue;
      const token = confirmToken(pending.id, pending.email, new Date(pending.expiresAt), LINK_SECRET);
      await run(
        () => webform(confirmEvent(token, `10.9.${(i >> 8) & 255}.${i & 255}`, `confirm-${i}`)),
        () => ({
          scenario: lastOutcome === 'ACCEPTED' ? 'webform accepted' : 'webform redirected',
          outcome: lastOutcome,
          rawBytes: 0,
        }),
      );
    }
    for (const body of sent.slice(webSent)) {
      await run(
        () => assignmentHandler(sqsEvent(body, sent.indexOf(body))),
        () => ({ scenario: 'assignment', rawBytes: 0 }),
      );
    }
    for (let i = 0; i < Math.min(posts, 10); i++) {
      await run(
        () => webform(invalidEvent(rng, 200_000 + i)),
        () => ({ scenario: 'webform rejected (400)', rawBytes: 0 }),
      );
    }
    return { invocations };
  } finally {
    sink.stop();
    for (const c of clients) c.destroy();
    await ses.stop();
    await dynalite.stop();
  }
}

export interface ScenarioSummary {
  scenario: ScenarioName;
  invocations: number;
  /** Averages per invocation. */
  perService: Record<Service, number>;
  byOp: Record<string, number>;
  wru: number;
  gsiWru: number;
  rru: number;
  sesBytes: number;
  s3GetBytes: number;
  zendesk: number;
  rawBytes: number;
  logBytes: number;
  corpusIndexes: number[];
}

export function summarise(invocations: Invocation[]): ScenarioSummary[] {
  const groups = new Map<ScenarioName, Invocation[]>();
  for (const inv of invocations) groups.set(inv.scenario, [...(groups.get(inv.scenario) ?? []), inv]);
  const out: ScenarioSummary[] = [];
  for (const [scenario, list] of groups) {
    const n = list.length;
    const perService: Record<Service, number> = { dynamodb: 0, ses: 0, sqs: 0, s3: 0, scheduler: 0 };
    const byOp: Record<string, number> = {};
    let wru = 0;
    let gsiWru = 0;
    let rru = 0;
    let sesBytes = 0;
    let s3GetBytes = 0;
    for (const inv of list) {
      for (const e of inv.entries) {
        perService[e.service] += 1 / n;
        const key = `${e.service}:${e.op}`;
        byOp[key] = (byOp[key] ?? 0) + 1 / n;
        wru += e.wru / n;
        gsiWru += e.gsiWru / n;
        rru += e.rru / n;
        if (e.service === 'ses') sesBytes += e.bytes / n;
        if (e.service === 's3') s3GetBytes += e.bytes / n;
      }
    }
    out.push({
      scenario,
      invocations: n,
      perService,
      byOp,
      wru,
      gsiWru,
      rru,
      sesBytes,
      s3GetBytes,
      zendesk: list.reduce((s, i) => s + i.zendeskLookups, 0) / n,
      rawBytes: list.reduce((s, i) => s + i.rawBytes, 0) / n,
      logBytes: list.reduce((s, i) => s + i.logBytes, 0) / n,
      corpusIndexes: list.map((i) => i.corpusIndex).filter((i): i is number => i !== undefined),
    });
  }
  return out;
}

/** `npx tsx bench/aws-requests.ts [--quick]`: this section alone (request counts per scenario, no timings). */
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { generateCorpus } = await import('./corpus');
  const { StdoutSink } = await import('./support');
  const quick = process.argv.includes('--quick');
  const counted = await countRequests(generateCorpus(), quick ? 10 : 28, quick ? 8 : 24, new StdoutSink());
  for (const s of summarise(counted.invocations)) {
    const ops = Object.entries(s.byOp)
      .map(([op, n]) => `${op} ${n.toFixed(2)}`)
      .join(', ');
    process.stdout.write(
      `${s.scenario} (${s.invocations}): DynamoDB ${s.perService.dynamodb.toFixed(2)} requests, ${s.wru.toFixed(1)} WRU (${s.gsiWru.toFixed(1)} GSI), ${s.rru.toFixed(1)} RRU — ${ops}\n`,
    );
  }
}
