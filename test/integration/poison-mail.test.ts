/**
 * A mail the intake fails on every attempt, on the real adapters (dynalite, aws-ses-v2-local): the
 * intake's failure (a stack overflow in the parse, injected) is recorded as Lambda's on-failure
 * destination records it, and the email-intake function's IntakeFailures consumer turns it into a
 * QUARANTINED record the console's quarantine list shows, with one notice to the sender. The accepted
 * mail's DynamoDB requests are unchanged (the consumer runs only on failed mail).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPoisonHandler } from '../../functions/email-intake/poison';
import { DynamoQuarantineStore } from '../../shared/adapters/dynamo/quarantine-store';
import { releaseQuarantined } from '../../shared/app/quarantine-release';
import { buildPoisonMailDeps } from '../../shared/composition/email-intake';
import type { Settings } from '../../shared/composition/settings';
import { caseIdFor } from '../../shared/domain/case';
import { POISON_MAIL_PER_HOUR } from '../../shared/domain/poison-mail';
import { BUCKET, buildHarness, eml, type Harness, PREFIX, sesEvent } from '../support/email-intake-harness';
import {
  type DynaliteHandle,
  type SesLocalHandle,
  startDynalite,
  startSesLocal,
  countingDocumentClient,
} from '../support/emulators';
import { FixedClock } from '../support/fakes';

const MERCHANT = 'lojista@modasbella.com.br';
const clock = new FixedClock(new Date('2026-11-24T14:00:05.000Z'));
let dynalite: DynaliteHandle;
let ses: SesLocalHandle;
let dir: string;
let secretFile: string;
let tables = 0;

beforeAll(async () => {
  [dynalite, ses] = await Promise.all([startDynalite(), startSesLocal()]);
  dir = await mkdtemp(join(tmpdir(), 'ouvidoria-poison-'));
  secretFile = join(dir, 'reply-secret');
  await writeFile(secretFile, 'x'.repeat(43));
});
afterAll(async () => {
  await Promise.all([dynalite?.stop(), ses?.stop()]);
  await rm(dir, { recursive: true, force: true });
});

async function harness(): Promise<{ h: Harness; requests: string[] }> {
  const requests: string[] = [];
  const client = countingDocumentClient(dynalite.endpoint, requests);
  await ses.clear();
  const h = await buildHarness({
    dynamoEndpoint: dynalite.endpoint,
    sesEndpoint: ses.endpoint,
    tableName: `ouvidoria-poison-${++tables}`,
    clock,
    client,
    replySecretFile: secretFile,
  });
  requests.length = 0;
  return { h, requests };
}

/** The consumer's deps over the harness's table (its breaker's counter there too). */
function poisonDeps(h: Harness) {
  const settings = { tableName: h.tableName } as Settings;
  return buildPoisonMailDeps(settings, h.deps.service as Parameters<typeof buildPoisonMailDeps>[1], h.client);
}

/** The email-intake function's IntakeFailures consumer over the harness, quiet. */
function poisonHandler(h: Harness) {
  return createPoisonHandler(() => ({
    poison: poisonDeps(h),
    rawMail: { bucket: BUCKET, prefix: PREFIX },
    logger: new Logger({ serviceName: 'poison-test', logLevel: 'SILENT' }),
    metrics: new Metrics({ namespace: 'Ouvidoria', serviceName: 'poison-test' }),
  }));
}

/** Lambda's on-failure destination record of an event whose last attempt threw `error`, as SQS delivers it. */
function destinationRecord(event: unknown, error: Error) {
  const body = JSON.stringify({
    version: '1.0',
    timestamp: '2026-11-24T14:03:05.000Z',
    requestContext: {
      requestId: 'r-1',
      functionArn: 'arn:aws:lambda:us-east-1:1:function:intake:$LATEST',
      condition: 'RetriesExhausted',
      approximateInvokeCount: 3,
    },
    requestPayload: event,
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    responsePayload: { errorType: error.name, errorMessage: error.message, trace: [] },
  });
  return { Records: [{ eventSource: 'aws:sqs', messageId: 'm-1', body }] };
}

const POISON = [
  `Return-Path: <${MERCHANT}>`,
  `From: Juliana Prado <${MERCHANT}>`,
  'To: ouvidoria@ouvidoria.example.com.br',
  'Subject: Cobrança em dobro - chamado #48213',
  'Message-ID: <poison-1@mail.modasbella.com.br>',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="b0"',
  '',
  Array.from({ length: 2000 }, (_, i) => `--b${i}\r\nContent-Type: multipart/mixed; boundary="b${i + 1}"\r\n\r\n`).join(
    '',
  ),
].join('\r\n');

describe('a mail the intake fails on every attempt, on dynalite and the SES emulator', () => {
  it('ends QUARANTINED in the console’s quarantine list, its sender told once; a replay changes nothing', async () => {
    const { h } = await harness();
    // The parser overflowing its stack on the structure: every attempt fails the same way.
    const crash = Object.assign(new RangeError('Maximum call stack size exceeded'));
    h.deps.service.parse = async () => {
      throw crash;
    };
    const event = sesEvent('ses-poison', POISON, { dmarc: 'PASS' });
    h.rawMail.put({ bucket: BUCKET, key: `${PREFIX}ses-poison` }, POISON);
    for (let attempt = 0; attempt < 3; attempt++) await expect(h.handler(event)).rejects.toBe(crash);
    expect(await h.cases.get(caseIdFor('email', 'ses-poison'))).toBeNull();

    const poison = poisonHandler(h);
    const first = await poison(destinationRecord(event, crash));
    expect(first.batchItemFailures).toEqual([]);
    expect(first.results).toEqual([
      { kind: 'quarantined', caseId: caseIdFor('email', 'ses-poison'), poison: 'code-error', reply: 'sent' },
    ]);

    const store = new DynamoQuarantineStore(h.client, h.tableName);
    const listed = await store.listQuarantined({ limit: 10 });
    expect(listed.items.map((i) => [i.caseId, i.senderEmail, i.reason])).toEqual([
      [caseIdFor('email', 'ses-poison'), MERCHANT, 'Mensagem não pôde ser lida: intake-failed: code-error.'],
    ]);
    const outbox = await ses.outbox();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.destination.to).toEqual([MERCHANT]);
    expect(outbox[0]?.body.text).toContain('não conseguimos lê-la');

    // SQS redelivers; staff replay the record: no second record, no second notice.
    const replay = await poison(destinationRecord(event, crash));
    expect(replay.results).toEqual([{ kind: 'done', caseId: caseIdFor('email', 'ses-poison') }]);
    expect(await ses.outbox()).toHaveLength(1);
    expect((await store.listQuarantined({ limit: 10 })).items).toHaveLength(1);
  });

  it('once the defect is fixed, a supervisor releases it: read again, an accepted case with its text, acknowledged', async () => {
    const { h } = await harness();
    const fixed = h.deps.service.parse;
    // A deploy's bug on an ordinary mail (a charset): every attempt fails, the mail is quarantined unread.
    const bug = new TypeError("Cannot read properties of undefined (reading 'charset')");
    h.deps.service.parse = async () => {
      throw bug;
    };
    const raw = eml('01-accepted-ticket-48213.eml');
    const event = sesEvent('ses-bug', raw, { dmarc: 'PASS' });
    h.rawMail.put({ bucket: BUCKET, key: `${PREFIX}ses-bug` }, raw);
    for (let attempt = 0; attempt < 3; attempt++) await expect(h.handler(event)).rejects.toBe(bug);
    const poison = poisonHandler(h);
    expect((await poison(destinationRecord(event, bug))).results).toMatchObject([{ kind: 'quarantined' }]);
    const caseId = caseIdFor('email', 'ses-bug');
    const release = { email: h.deps.service, store: new DynamoQuarantineStore(h.client, h.tableName) };
    const request = { kind: 'release' as const, caseId, by: 'sup-carla', at: '2026-11-24T15:00:00.000Z' };

    // Still failing: the release throws (its queue redelivers it, then its DLQ pages); the record stays held.
    await expect(releaseQuarantined(request, release)).rejects.toBe(bug);
    expect(await h.cases.get(caseId)).toMatchObject({ status: 'QUARANTINED' });

    h.deps.service.parse = fixed;
    expect(await releaseQuarantined(request, release)).toMatchObject({ kind: 'case', outcome: 'ACCEPTED' });
    const record = await h.cases.get(caseId);
    expect(record).toMatchObject({ outcome: 'ACCEPTED', reviewOutcome: 'released', reviewedBy: 'sup-carla' });
    expect(record?.subject).toContain('48213');
    expect(record?.messages[0]?.text).toContain('estoque');
    const outbox = await ses.outbox();
    expect(outbox.map((m) => m.destination.to)).toEqual([[MERCHANT], [MERCHANT]]);
    expect(outbox[1]?.body.text).toContain(record?.protocol as string);
  });

  it('a release refused later (its raw mail gone) is marked in the list, once however often the request is delivered', async () => {
    const { h } = await harness();
    const bug = new TypeError("Cannot read properties of undefined (reading 'charset')");
    h.deps.service.parse = async () => {
      throw bug;
    };
    const raw = eml('01-accepted-ticket-48213.eml');
    const event = sesEvent('ses-gone', raw, { dmarc: 'PASS' });
    h.rawMail.put({ bucket: BUCKET, key: `${PREFIX}ses-gone` }, raw);
    const poison = poisonHandler(h);
    expect((await poison(destinationRecord(event, bug))).results).toMatchObject([{ kind: 'quarantined' }]);
    h.rawMail.objects.clear();
    const caseId = caseIdFor('email', 'ses-gone');
    const store = new DynamoQuarantineStore(h.client, h.tableName);
    const release = { email: h.deps.service, store };
    const request = { kind: 'release' as const, caseId, by: 'sup-carla', at: '2026-11-24T15:00:00.000Z' };
    // SQS delivers the request twice, the second time concurrently with a third.
    expect(await releaseQuarantined(request, release)).toMatchObject({ kind: 'refused', reason: 'no-raw-mail' });
    await Promise.all([releaseQuarantined(request, release), releaseQuarantined(request, release)]);
    const refusals = (await h.cases.get(caseId))?.history?.filter((e) => e.type === 'quarantine-release-refused');
    expect(refusals).toHaveLength(1);
    const [row] = (await store.listQuarantined({ limit: 10 })).items;
    expect(row?.releaseRefused).toEqual({
      at: clock.now().toISOString(),
      reason: 'no-raw-mail',
      requestedBy: 'sup-carla',
    });
    // Asked again later: a second refusal, the list shows the last.
    await releaseQuarantined({ ...request, by: 'sup-bia', at: '2026-11-24T16:00:00.000Z' }, release);
    expect((await store.listQuarantined({ limit: 10 })).items[0]?.releaseRefused?.requestedBy).toBe('sup-bia');
  });

  it('the breaker: past POISON_MAIL_PER_HOUR in the hour, the consumer leaves the record (IntakeDlq, page), nobody told', async () => {
    const { h } = await harness();
    const bug = new TypeError("Cannot read properties of undefined (reading 'charset')");
    const poison = poisonHandler(h);
    const failures: number[] = [];
    for (let n = 1; n <= POISON_MAIL_PER_HOUR + 1; n++) {
      const raw = eml('01-accepted-ticket-48213.eml');
      h.rawMail.put({ bucket: BUCKET, key: `${PREFIX}ses-bug-${n}` }, raw);
      const response = await poison(destinationRecord(sesEvent(`ses-bug-${n}`, raw, { dmarc: 'PASS' }), bug));
      failures.push(response.batchItemFailures.length);
    }
    expect(failures).toEqual([...Array(POISON_MAIL_PER_HOUR).fill(0), 1]);
    expect(await h.cases.get(caseIdFor('email', `ses-bug-${POISON_MAIL_PER_HOUR + 1}`))).toBeNull();
    // The same merchant each time: one notice (the notices' daily limit), none for the one left.
    expect(await ses.outbox()).toHaveLength(1);
  });

  it('an accepted mail costs the DynamoDB requests it cost before (the consumer never runs on it)', async () => {
    const { h, requests } = await harness();
    await h.deliver('ses-ok', eml('01-accepted-ticket-48213.eml'), { dmarc: 'PASS' });
    expect((await h.cases.get(caseIdFor('email', 'ses-ok')))?.outcome).toBe('ACCEPTED');
    expect(requests).toEqual(ACCEPTED_REQUESTS);
  });
});

/**
 * An accepted mail's requests on this harness (its table ticket directory and lifecycle included, so more
 * than the bench's 7): the same list on the code before the poison consumer (checked on git show HEAD^).
 */
const ACCEPTED_REQUESTS = [
  'UpdateItemCommand',
  'GetItemCommand',
  'UpdateItemCommand',
  'UpdateItemCommand',
  'PutItemCommand',
  'PutItemCommand',
  'UpdateItemCommand',
  'BatchWriteItemCommand',
  'QueryCommand',
];
