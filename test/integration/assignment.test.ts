/**
 * Assignment end to end on the emulators: dynalite (cases + roster), aws-ses-v2-local (analyst
 * notices), the in-process deferral scheduler and a virtual clock, driven through the SQS handler.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAssignmentHandler } from '../../functions/assignment/handler';
import { main as staffCli } from '../../scripts/staff';
import { DynamoCaseRepository } from '../../shared/adapters/dynamo/case-repository';
import { documentClient } from '../../shared/adapters/dynamo/client';
import { createTableIfMissing } from '../../shared/adapters/dynamo/create-table';
import { DynamoStaffRepository } from '../../shared/adapters/dynamo/staff-repository';
import { InProcessDeferralScheduler } from '../../shared/adapters/local/in-process-scheduler';
import { VirtualClock } from '../../shared/adapters/local/virtual-clock';
import { SesMailer } from '../../shared/adapters/ses-mailer';
import type { CaseRecord } from '../../shared/domain/case';
import { localConfig } from '../../shared/domain/config';
import type { AssignmentMessage } from '../../shared/ports';
import {
  type DynaliteHandle,
  EMULATOR_CREDENTIALS,
  EMULATOR_REGION,
  type SesLocalHandle,
  startDynalite,
  startSesLocal,
} from '../support/emulators';
import { aDecision } from '../support/builders';

let dynalite: DynaliteHandle;
let ses: SesLocalHandle;
let raw: DynamoDBClient;
let doc: DynamoDBDocumentClient;
let sesClient: SESv2Client;
let tableSeq = 0;

beforeAll(async () => {
  [dynalite, ses] = await Promise.all([startDynalite(), startSesLocal()]);
  raw = new DynamoDBClient({ endpoint: dynalite.endpoint, region: EMULATOR_REGION, credentials: EMULATOR_CREDENTIALS });
  doc = documentClient({ endpoint: dynalite.endpoint });
  sesClient = new SESv2Client({ endpoint: ses.endpoint, region: EMULATOR_REGION, credentials: EMULATOR_CREDENTIALS });
});

afterAll(async () => {
  raw?.destroy();
  doc?.destroy();
  sesClient?.destroy();
  await Promise.all([dynalite?.stop(), ses?.stop()]);
});

beforeEach(async () => {
  await ses.clear();
});

function acceptedCase(n: number, createdAt: string): CaseRecord {
  const protocol = `OUV-2026-${String(n).padStart(6, '0')}`;
  return {
    caseId: `email:ses-msg-${n}`,
    protocol,
    channel: 'email',
    sourceId: `ses-msg-${n}`,
    status: 'QUEUED',
    outcome: 'ACCEPTED',
    decision: aDecision('ACCEPTED', { ticket: { status: 'valid', number: String(70000 + n) } }),
    ticketCandidates: [{ number: String(70000 + n), source: 'subject', score: 90, evidence: `chamado ${70000 + n}` }],
    senderName: 'Lúcia Fernandes',
    senderEmail: `lucia${n}@modaluciana.com.br`,
    storeName: 'Moda Luciana',
    subject: `Chamado ${70000 + n} sem solução há 15 dias`,
    createdAt,
    updatedAt: createdAt,
    messages: [
      {
        sourceId: `ses-msg-${n}`,
        channel: 'email',
        receivedAt: createdAt,
        subject: `Chamado ${70000 + n} sem solução há 15 dias`,
        text: `Boa tarde. Meu chamado ${70000 + n} está aberto há 15 dias e a integração de frete <script>x</script> continua parada.`,
        attachments: [{ filename: 'print-erro.png', contentType: 'image/png', size: 48213, inline: false }],
        messageId: `CAF${n}@mail.gmail.com`,
      },
    ],
    messageIds: [`CAF${n}@mail.gmail.com`],
  };
}

const ROSTER = [
  { id: 'ana', name: 'Ana Souza', email: 'ana@ouvidoria.example.com.br', active: true },
  { id: 'bia', name: 'Beatriz Lima', email: 'bia@ouvidoria.example.com.br', active: true },
  { id: 'caio', name: 'Caio Nogueira', email: 'caio@ouvidoria.example.com.br', active: true },
];

async function stack(start: string) {
  const tableName = `assignment-${++tableSeq}`;
  await createTableIfMissing(raw, tableName);
  const cases = new DynamoCaseRepository({ client: doc, tableName });
  const staff = new DynamoStaffRepository(doc, tableName);
  for (const a of ROSTER) await staff.put(a);
  const scheduler = new InProcessDeferralScheduler();
  const clock = new VirtualClock({ start: new Date(start), running: false });
  const deps = {
    cases,
    staff,
    scheduler,
    clock,
    config: localConfig,
    mailer: new SesMailer({ client: sesClient }),
    logger: { info() {}, warn() {}, error() {}, addContext() {} },
    metrics: { addMetric() {}, publishStoredMetrics() {} },
  };
  return { tableName, cases, staff, scheduler, clock, deps, handler: createAssignmentHandler(deps) };
}

let sqsSeq = 0;
function sqsEvent(messages: AssignmentMessage[]): SQSEvent {
  return {
    Records: messages.map((m) => ({
      messageId: `sqs-${++sqsSeq}`,
      receiptHandle: `rh-${sqsSeq}`,
      body: JSON.stringify(m),
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: '0',
        SenderId: 'local',
        ApproximateFirstReceiveTimestamp: '0',
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:assignment',
      awsRegion: EMULATOR_REGION,
    })),
  };
}

const msg = (c: CaseRecord): AssignmentMessage => ({ caseId: c.caseId, protocol: c.protocol as string });

describe('assignment on dynalite + local SES', () => {
  it('30 cases in parallel invocations end balanced within one across 3 analysts', async () => {
    const s = await stack('2026-11-30T10:00:00-03:00');
    const all = Array.from({ length: 30 }, (_, i) => acceptedCase(i + 1, '2026-11-30T12:00:00.000Z'));
    await Promise.all(all.map((c) => s.cases.create(c)));
    // Six invocations of five records each, all started at once.
    const batches = Array.from({ length: 6 }, (_, b) => all.slice(b * 5, b * 5 + 5).map(msg));
    const responses = await Promise.all(batches.map((batch) => s.handler(sqsEvent(batch))));
    expect(responses.flatMap((r) => r.batchItemFailures)).toEqual([]);

    const counts = (await s.staff.list()).map((a) => a.openCases);
    expect(counts.reduce((x, y) => x + y, 0)).toBe(30);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    // The roster count agrees with the cases themselves.
    const assigned = await s.cases.listByStatus('ASSIGNED', 100);
    expect(assigned).toHaveLength(30);
    const perAnalyst = new Map<string, number>();
    for (const c of assigned) perAnalyst.set(c.assignee as string, (perAnalyst.get(c.assignee as string) ?? 0) + 1);
    for (const a of await s.staff.list()) expect(perAnalyst.get(a.id)).toBe(a.openCases);

    const outbox = await ses.outbox();
    expect(outbox).toHaveLength(30);
    expect(new Set(outbox.map((e) => e.subject.match(/OUV-2026-\d{6}/)?.[0])).size).toBe(30);
  }, 120_000);

  it('a redelivered message makes no second assignment or email, even in a concurrent invocation', async () => {
    const s = await stack('2026-11-30T10:00:00-03:00');
    const c = acceptedCase(101, '2026-11-30T12:30:00.000Z');
    await s.cases.create(c);
    // Two containers (no shared in-process queue) receive the same message at the same time.
    const other = createAssignmentHandler(s.deps);
    await Promise.all([s.handler(sqsEvent([msg(c)])), other(sqsEvent([msg(c)]))]);
    await s.handler(sqsEvent([msg(c)]));

    expect((await s.cases.get(c.caseId))?.status).toBe('ASSIGNED');
    expect((await s.staff.list()).map((a) => a.openCases).sort()).toEqual([0, 0, 1]);
    const outbox = await ses.outbox();
    expect(outbox).toHaveLength(1);
    const notice = outbox[0]!;
    const stored = await s.cases.get(c.caseId);
    expect(notice.destination.to).toEqual([`${stored?.assignee}@ouvidoria.example.com.br`]);
    expect(notice.replyTo).toEqual(['lucia101@modaluciana.com.br']);
    expect(notice.subject).toContain('[OUV-2026-000101]');
    // Merchant text is escaped in the HTML body.
    expect(notice.body.html).toContain('&lt;script&gt;');
    expect(notice.body.html).not.toContain('<script>');
  });

  it('Friday night: deferred to Monday 09:00 and assigned when the clock gets there', async () => {
    const s = await stack('2026-11-27T21:00:00-03:00');
    const c = acceptedCase(201, '2026-11-28T00:00:00.000Z');
    await s.cases.create(c);

    const friday = await s.handler(sqsEvent([msg(c)]));
    expect(friday.batchItemFailures).toEqual([]);
    expect((await s.cases.get(c.caseId))?.status).toBe('QUEUED');
    const monday9 = new Date('2026-11-30T09:00:00-03:00');
    expect(s.scheduler.nextDueAt()).toEqual(monday9);
    expect(await ses.outbox()).toHaveLength(0);

    // Saturday: redelivered by SQS (visibility timeout) → the same schedule, no new one.
    s.clock.set('2026-11-28T11:00:00-03:00');
    await s.handler(sqsEvent([msg(c)]));
    expect(s.scheduler.size).toBe(1);
    expect(s.scheduler.releaseDue(s.clock.now())).toEqual([]);

    s.clock.set('2026-11-30T08:59:59-03:00');
    expect(s.scheduler.releaseDue(s.clock.now())).toEqual([]);

    s.clock.set(monday9);
    const released = s.scheduler.releaseDue(s.clock.now());
    expect(released).toEqual([msg(c)]);
    const monday = await s.handler(sqsEvent(released));
    expect(monday.batchItemFailures).toEqual([]);

    const stored = await s.cases.get(c.caseId);
    expect(stored).toMatchObject({
      status: 'ASSIGNED',
      assignedAt: monday9.toISOString(),
      // Opening instant ≡ previous closing: ten business days Mon 30/11 … Fri 11/12, 17:00.
      dueAt: new Date('2026-12-11T17:00:00-03:00').toISOString(),
    });
    expect(stored?.analystNotifiedAt).toBeDefined();
    const outbox = await ses.outbox();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.body.text).toContain('11/12/2026 às 17:00');
    expect(s.scheduler.size).toBe(0);
  });

  it('no analyst: waits QUEUED; `staff return` re-queues it and it is assigned', async () => {
    const s = await stack('2026-11-30T10:17:00-03:00');
    for (const a of ROSTER) await s.staff.put({ ...a, leave: { from: '2026-11-30', to: '2026-12-04' } });
    const c = acceptedCase(301, '2026-11-30T13:00:00.000Z');
    await s.cases.create(c);
    await s.handler(sqsEvent([msg(c)]));
    expect((await s.cases.get(c.caseId))?.status).toBe('QUEUED');
    expect(s.scheduler.nextDueAt()).toEqual(new Date('2026-11-30T11:00:00-03:00'));

    // The CLI against the same table, through its environment, with a queue that feeds the handler.
    const lines: string[] = [];
    const env = { TABLE_NAME: s.tableName, DYNAMODB_ENDPOINT: dynalite.endpoint };
    const code = await staffCli(['return', 'bia'], env, { out: (l) => lines.push(l), err: (l) => lines.push(l) });
    expect(code).toBe(0);
    // No ASSIGNMENT_QUEUE_URL here: the CLI says the waiting case was not re-queued.
    expect(lines.join('\n')).toMatch(/1 case\(s\) wait for an analyst/);
    expect((await s.staff.get('bia'))?.leave).toBeUndefined();

    s.clock.set('2026-11-30T11:00:00-03:00');
    await s.handler(sqsEvent(s.scheduler.releaseDue(s.clock.now())));
    expect(await s.cases.get(c.caseId)).toMatchObject({ status: 'ASSIGNED', assignee: 'bia' });
  });

  it('the staff CLI reports bad input with exit code 2 against the local table', async () => {
    const s = await stack('2026-11-30T10:00:00-03:00');
    const err: string[] = [];
    const env = { TABLE_NAME: s.tableName, DYNAMODB_ENDPOINT: dynalite.endpoint };
    const io = { out: () => {}, err: (l: string) => err.push(l) };
    expect(await staffCli(['leave', 'ninguem', '--from', '2026-12-01', '--to', '2026-12-02'], env, io)).toBe(2);
    expect(err.join('\n')).toMatch(/no analyst with id "ninguem"/);
    expect(await staffCli(['add', 'ana', '--name', 'Ana', '--email', 'ana@example.com'], env, io)).toBe(2);
    expect(err.join('\n')).toMatch(/already exists/);
  });
});

describe('assignment bundle', () => {
  it('includes the mail parser only to relay the opening mail’s files (read on demand), none of the intake’s mail code', async () => {
    const result = await esbuild.build({
      entryPoints: ['functions/assignment/handler.ts'],
      bundle: true,
      platform: 'node',
      target: 'node22',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((p) => p.includes('functions/assignment/handler.ts'))).toBe(true);
    expect(inputs.some((p) => p.includes('shared/adapters/attachment-relay.ts'))).toBe(true);
    expect(inputs.filter((p) => p.includes('shared/mail/'))).toEqual(['shared/mail/mail-files.ts']);
    // Reached only through import(): esbuild defers its evaluation (and mailparser's) until a
    // notice has files to relay.
    const byImporter = Object.entries(result.metafile.inputs).flatMap(([from, input]) =>
      input.imports.filter((i) => i.path === 'shared/mail/mail-files.ts').map((i) => [from, i.kind]),
    );
    expect(byImporter).toEqual([['shared/composition/assignment.ts', 'dynamic-import']]);
  });
});
