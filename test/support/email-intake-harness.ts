/**
 * The real email intake handler wired to real adapters on the local emulators (dynalite,
 * aws-ses-v2-local), with the raw mail in an in-memory S3 stand-in and a recording queue.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createEmailIntakeHandler, type EmailIntakeHandlerDeps } from '../../functions/email-intake/handler';
import type { DynamoCaseRepository } from '../../shared/adapters/dynamo/case-repository';
import { documentClient } from '../../shared/adapters/dynamo/client';
import { createTableIfMissing } from '../../shared/adapters/dynamo/create-table';
import { putTicket } from '../../shared/adapters/dynamo/ticket-table-directory';
import { buildEmailIntakeDeps } from '../../shared/composition/email-intake';
import type { Settings } from '../../shared/composition/settings';
import { localConfig } from '../../shared/domain/config';
import type { Clock, UploadStore } from '../../shared/ports';
import { EMULATOR_CREDENTIALS, EMULATOR_REGION } from './emulators';
import { InMemoryRawMailStore, RecordingQueue } from './fakes';

export const BUCKET = 'ouvidoria-raw-mail';
export { RAW_MAIL_PREFIX as PREFIX } from '../../shared/runtime-env';
import { RAW_MAIL_PREFIX as PREFIX } from '../../shared/runtime-env';
export const EMAILS_DIR = join(import.meta.dirname, '..', '..', 'events', 'emails');

export const SEEDED_TICKETS = [
  { id: '48213', requesterEmail: 'lojista@modasbella.com.br' },
  { id: '48214', requesterEmail: 'financeiro@casadosaromas.com.br' },
  { id: '48215', requesterEmail: 'contato@eletroponto.com.br' },
  { id: '51000', requesterEmail: 'ana@papelariaestrela.com.br' },
];

const sampleEvent = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', '..', 'events', 'ses', 'receipt-event.json'), 'utf8'),
);

/** The envelope sender SES would report for a raw mail: its Return-Path, else its From address. */
export function envelopeSenderOfRaw(raw: Buffer | string): string {
  const headers = raw.toString().split(/\r?\n\r?\n/)[0] ?? '';
  const returnPath = /^return-path:\s*<?([^>\s]*)>?/im.exec(headers);
  if (returnPath) return returnPath[1] ?? '';
  const from = /^from:[^\r\n]*?<?([^<>\s]+@[^<>\s]+?)>?\s*$/im.exec(headers);
  return from?.[1] ?? '';
}

/** One header of the raw mail's top block (unfolded), as SES's commonHeaders would carry it. */
function topHeader(raw: Buffer | string, name: string): string | undefined {
  const block = (raw.toString().split(/\r?\n\r?\n/)[0] ?? '').replace(/\r?\n[ \t]+/g, ' ');
  return new RegExp(`^${name}:[ \\t]*([^\\r\\n]*)$`, 'im').exec(block)?.[1]?.trim() || undefined;
}

/** The sample SES receipt event for a raw mail stored under `messageId` (the S3 key). */
export function sesEvent(
  messageId: string,
  raw: Buffer | string,
  verdicts: Partial<Record<'spam' | 'virus' | 'spf' | 'dkim' | 'dmarc' | 'dmarcPolicy', string>> = {},
) {
  const event = structuredClone(sampleEvent);
  const record = event.Records[0];
  record.ses.mail.messageId = messageId;
  record.ses.mail.source = envelopeSenderOfRaw(raw);
  // SES describes the mail it stored: the sample's headers become this mail's.
  const from = topHeader(raw, 'from');
  record.ses.mail.commonHeaders = {
    returnPath: record.ses.mail.source,
    ...(from ? { from: [from] } : {}),
    messageId: topHeader(raw, 'message-id'),
    subject: topHeader(raw, 'subject'),
  };
  const { dmarcPolicy, ...checks } = verdicts;
  for (const [name, status] of Object.entries(checks)) record.ses.receipt[`${name}Verdict`] = { status };
  // SES names the sender domain's DMARC policy only beside a DMARC failure.
  if (verdicts.dmarc !== undefined) {
    if (verdicts.dmarc === 'FAIL' && dmarcPolicy) record.ses.receipt.dmarcPolicy = dmarcPolicy.toLowerCase();
    else delete record.ses.receipt.dmarcPolicy;
  }
  return event;
}

export function eml(name: string): Buffer {
  return readFileSync(join(EMAILS_DIR, name));
}

export interface Harness {
  handler: ReturnType<typeof createEmailIntakeHandler>;
  deps: EmailIntakeHandlerDeps;
  cases: DynamoCaseRepository;
  rawMail: InMemoryRawMailStore;
  queue: RecordingQueue;
  client: DynamoDBDocumentClient;
  tableName: string;
  /** Stores a raw mail the way the receipt rule's S3 action does, then runs the handler. */
  deliver(messageId: string, raw: Buffer | string, verdicts?: Parameters<typeof sesEvent>[2]): Promise<unknown>;
}

export async function buildHarness(opts: {
  dynamoEndpoint: string;
  sesEndpoint: string;
  tableName: string;
  clock: Clock;
  client?: DynamoDBDocumentClient;
  /** The uploads bucket a case's mailed files are copied into (none: they stay in the raw mail). */
  uploads?: UploadStore;
  /** The reply-address secret's file: with it, follow-ups and staff mail go through the case lifecycle. */
  replySecretFile?: string;
}): Promise<Harness> {
  const client = opts.client ?? documentClient({ endpoint: opts.dynamoEndpoint });
  const admin = new DynamoDBClient({
    endpoint: opts.dynamoEndpoint,
    region: EMULATOR_REGION,
    credentials: EMULATOR_CREDENTIALS,
  });
  await createTableIfMissing(admin, opts.tableName);
  for (const ticket of SEEDED_TICKETS) await putTicket(client, opts.tableName, ticket);
  const rawMail = new InMemoryRawMailStore();
  const queue = new RecordingQueue();
  const logger = new Logger({ serviceName: 'email-intake-test', logLevel: 'SILENT' });
  const metrics = new Metrics({ namespace: 'Ouvidoria', serviceName: 'email-intake-test' });
  const settings: Settings = {
    config: localConfig,
    tableName: opts.tableName,
    dynamoEndpoint: opts.dynamoEndpoint,
    sesEndpoint: opts.sesEndpoint,
    ticketDirectory: { kind: 'table' },
    ...(opts.replySecretFile ? { replySecret: { file: opts.replySecretFile } } : {}),
  };
  const service = await buildEmailIntakeDeps(settings, {
    client,
    clock: opts.clock,
    queue,
    rawMail,
    ...(opts.uploads ? { uploads: opts.uploads } : {}),
  });
  const cases = service.intake.cases as DynamoCaseRepository;
  const deps: EmailIntakeHandlerDeps = {
    service,
    rawMail: { bucket: BUCKET, prefix: PREFIX },
    logger,
    metrics,
  };
  const handler = createEmailIntakeHandler(() => deps);
  return {
    handler,
    deps,
    cases,
    rawMail,
    queue,
    client,
    tableName: opts.tableName,
    async deliver(messageId, raw, verdicts) {
      rawMail.put({ bucket: BUCKET, key: `${PREFIX}${messageId}` }, raw);
      return handler(sesEvent(messageId, raw, verdicts));
    },
  };
}
