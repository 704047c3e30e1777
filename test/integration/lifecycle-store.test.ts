import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseItemKey, DynamoCaseRepository } from '../../shared/adapters/dynamo/case-repository';
import { documentClient } from '../../shared/adapters/dynamo/client';
import { DynamoCaseWorkStore } from '../../shared/adapters/dynamo/case-work-store';
import { createTableIfMissing } from '../../shared/adapters/dynamo/create-table';
import { DynamoOpenCaseCounter } from '../../shared/adapters/dynamo/open-case-counter';
import { DynamoStaffRepository } from '../../shared/adapters/dynamo/staff-repository';
import { RosterStaffDirectory } from '../../shared/adapters/dynamo/staff-directory';
import { DynamoSurveyStore } from '../../shared/adapters/dynamo/survey-store';
import type { LifecycleDeps } from '../../shared/app/lifecycle/commit';
import { handleMerchantReply } from '../../shared/app/lifecycle/merchant-reply';
import { handleStaffMail } from '../../shared/app/lifecycle/staff-mail';
import { officeCalendar } from '../../shared/domain/calendar';
import type { CaseMessage } from '../../shared/domain/case';
import { localConfig } from '../../shared/domain/config';
import { staffReplyAddress } from '../../shared/domain/lifecycle/reply-address';
import type { PendingEffect, WorkCase } from '../../shared/domain/lifecycle/types';
import { type DynaliteHandle, EMULATOR_CREDENTIALS, EMULATOR_REGION, startDynalite } from '../support/emulators';
import { FixedClock, RecordingMailer } from '../support/fakes';
import {
  asRecord,
  CASE_ID,
  MERCHANT,
  PROTOCOL,
  ROSTER,
  RecordingTimerScheduler,
  SECRET,
  staffMail,
  workCase,
} from '../support/lifecycle-fakes';

let dynalite: DynaliteHandle;
let raw: DynamoDBClient;
let doc: DynamoDBDocumentClient;
let tableSeq = 0;

beforeAll(async () => {
  dynalite = await startDynalite();
  raw = new DynamoDBClient({ endpoint: dynalite.endpoint, region: EMULATOR_REGION, credentials: EMULATOR_CREDENTIALS });
  doc = documentClient({ endpoint: dynalite.endpoint, region: EMULATOR_REGION });
});

afterAll(async () => {
  doc?.destroy();
  raw?.destroy();
  await dynalite?.stop();
});

/** A fresh table per test: the fixtures' case id and protocol are fixed. */
async function freshTable(): Promise<string> {
  const name = `lifecycle-${++tableSeq}`;
  await createTableIfMissing(raw, name);
  return name;
}

async function seeded(cases: WorkCase[] = [workCase()]) {
  const table = await freshTable();
  const repository = new DynamoCaseRepository({ client: doc, tableName: table });
  for (const c of cases) await repository.create(asRecord(c));
  const store = new DynamoCaseWorkStore({ client: doc, tableName: table, repository });
  return { table, repository, store };
}

function outMessage(sourceId: string, text = 'Resposta ao lojista.'): CaseMessage {
  return {
    sourceId,
    channel: 'email',
    receivedAt: '2026-03-12T14:00:00.000Z',
    subject: `[${PROTOCOL}] Resposta`,
    text,
    attachments: [],
    direction: 'out',
  };
}

function effect(id: string, order = 0): PendingEffect {
  return {
    id,
    effect: { kind: 'open-count', analystId: 'ana', change: 'closed' },
    createdAt: '2026-03-12T14:00:00.000Z',
    order,
  };
}

const note = (sourceId: string) => ({
  type: 'note' as const,
  text: 'Liguei para a loja.',
  at: '2026-03-12T14:00:00.000Z',
  actor: { kind: 'staff' as const, id: 'ana', role: 'analyst' as const },
  sourceId,
});

describe('DynamoCaseWorkStore', () => {
  it('commits changes, events, messages and effects in one conditional write', async () => {
    const { table, store } = await seeded([workCase({ closedAt: '2026-03-11T10:00:00.000Z' })]);
    const result = await store.commit({
      caseId: CASE_ID,
      expectedVersion: 1,
      changes: { status: 'IN_PROGRESS', closedAt: null },
      events: [note('s-1')],
      messages: [outMessage('s-1')],
      effects: [effect('e-1'), effect('e-2', 1)],
    });
    expect(result).toEqual({ ok: true, version: 2 });
    const c = await store.get(CASE_ID);
    expect(c?.status).toBe('IN_PROGRESS');
    expect(c?.closedAt).toBeUndefined();
    expect(c?.version).toBe(2);
    expect(c?.history).toEqual([note('s-1')]);
    expect(c?.messages.map((m) => m.sourceId)).toEqual(['0100019abcdef-lojadamaria', 's-1']);
    expect(Object.keys(c?.pendingEffects ?? {}).sort()).toEqual(['e-1', 'e-2']);
    expect(c).not.toHaveProperty('pendingMessages');

    const { Item } = await doc.send(new GetCommand({ TableName: table, Key: caseItemKey(CASE_ID) }));
    expect(Item?.['gsi1pk']).toBe('STATUS#IN_PROGRESS');
    // The message moved out to its MSG# item: the case item keeps no correspondence.
    expect(Item?.['pendingMessages']).toEqual({});

    // Same message again, a second event and effect: the message is not duplicated.
    const again = await store.commit({
      caseId: CASE_ID,
      expectedVersion: 2,
      changes: {},
      events: [note('s-2')],
      messages: [outMessage('s-1'), outMessage('s-2')],
      effects: [effect('e-3')],
    });
    expect(again).toEqual({ ok: true, version: 3 });
    const after = await store.get(CASE_ID);
    expect(after?.messages.map((m) => m.sourceId)).toEqual(['0100019abcdef-lojadamaria', 's-1', 's-2']);
    expect(after?.history).toHaveLength(2);
    expect(Object.keys(after?.pendingEffects ?? {})).toHaveLength(3);
    expect((await store.getByProtocol(PROTOCOL))?.version).toBe(3);
  });

  it('refuses a stale version and a missing case, changing nothing', async () => {
    const { store } = await seeded();
    const commit = { caseId: CASE_ID, changes: { status: 'CLOSED' as const }, events: [], messages: [], effects: [] };
    expect(await store.commit({ ...commit, expectedVersion: 0 })).toEqual({ ok: false, reason: 'conflict' });
    expect(await store.commit({ ...commit, expectedVersion: 2 })).toEqual({ ok: false, reason: 'conflict' });
    expect(await store.commit({ ...commit, caseId: 'email:nope', expectedVersion: 1 })).toEqual({
      ok: false,
      reason: 'not-found',
    });
    expect((await store.get(CASE_ID))?.status).toBe('ASSIGNED');
  });

  it('treats a record without version as version 0', async () => {
    const { version: _v, history: _h, ...old } = workCase();
    const { store } = await seeded([old as WorkCase]);
    const commit = { caseId: CASE_ID, changes: {}, events: [note('s-1')], messages: [], effects: [] };
    expect(await store.commit({ ...commit, expectedVersion: 0 })).toEqual({ ok: true, version: 1 });
    expect(await store.commit({ ...commit, expectedVersion: 0 })).toEqual({ ok: false, reason: 'conflict' });
  });

  it('two concurrent commits on one version: exactly one wins, the other applies nothing', async () => {
    const { store } = await seeded();
    const results = await Promise.all(
      ['a', 'b'].map((s) =>
        store.commit({
          caseId: CASE_ID,
          expectedVersion: 1,
          changes: { status: s === 'a' ? 'IN_PROGRESS' : 'WAITING_MERCHANT' },
          events: [note(s)],
          messages: [outMessage(s)],
          effects: [effect(`e-${s}`)],
        }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const c = await store.get(CASE_ID);
    expect(c?.version).toBe(2);
    expect(c?.history).toHaveLength(1);
    const winner = c?.history?.[0]?.sourceId;
    expect(c?.messages.map((m) => m.sourceId)).toEqual(['0100019abcdef-lojadamaria', winner]);
    expect(Object.keys(c?.pendingEffects ?? {})).toEqual([`e-${winner}`]);
  });

  it('settles effects without a version bump, idempotently', async () => {
    const { store } = await seeded();
    await store.settleEffect(CASE_ID, 'e-none'); // no map yet: nothing to do
    await store.commit({
      caseId: CASE_ID,
      expectedVersion: 1,
      changes: {},
      events: [note('s-1')],
      messages: [],
      effects: [effect('e-1'), effect('e-2', 1)],
    });
    await store.settleEffect(CASE_ID, 'e-1');
    await store.settleEffect(CASE_ID, 'e-1');
    const c = await store.get(CASE_ID);
    expect(Object.keys(c?.pendingEffects ?? {})).toEqual(['e-2']);
    expect(c?.version).toBe(2);
    await store.settleEffect(CASE_ID, 'e-2');
    expect((await store.get(CASE_ID))?.pendingEffects).toEqual({});
  });

  it('completes a message left pending by a crash after the commit', async () => {
    const { table, store, repository } = await seeded();
    // What a commit that died before moving its message out leaves behind.
    await doc.send(
      new UpdateCommand({
        TableName: table,
        Key: caseItemKey(CASE_ID),
        UpdateExpression: 'SET pendingMessages = :m',
        ExpressionAttributeValues: { ':m': { 's-9': outMessage('s-9') } },
      }),
    );
    expect((await store.get(CASE_ID))?.messages.map((m) => m.sourceId)).toContain('s-9');
    expect((await repository.get(CASE_ID))?.messages.map((m) => m.sourceId)).toContain('s-9');
    const { Items } = await doc.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :msg)',
        ExpressionAttributeValues: { ':pk': caseItemKey(CASE_ID).pk, ':msg': 'MSG#' },
      }),
    );
    expect(Items).toHaveLength(1);
  });

  it('records message ids through the repository', async () => {
    const { store } = await seeded();
    await store.addMessageIds(CASE_ID, ['<relay-1@ouvidoria>', 'relay-1@ouvidoria']);
    expect((await store.get(CASE_ID))?.messageIds).toEqual(['CAF=merchant-1@mail.gmail.com', 'relay-1@ouvidoria']);
  });
});

describe('lifecycle services over the DynamoDB adapters', () => {
  const ANA = 'ana@empresa.com.br';
  const addressOf = (id: string) => staffReplyAddress(PROTOCOL, id, SECRET, localConfig);

  async function world(c: WorkCase) {
    const { table, store } = await seeded([c]);
    const staffRepository = new DynamoStaffRepository(doc, table);
    for (const { role: _role, ...m } of ROSTER) await staffRepository.put(m);
    const counter = new DynamoOpenCaseCounter(doc, table);
    await counter.opened('ana', CASE_ID);
    const mailer = new RecordingMailer();
    const deps: LifecycleDeps = {
      cases: store,
      counter,
      staff: new RosterStaffDirectory({ staff: staffRepository, supervisorIds: ['sofia'] }),
      mailer,
      timers: new RecordingTimerScheduler(),
      surveys: new DynamoSurveyStore(doc, table),
      clock: new FixedClock(new Date('2026-03-12T14:00:00.000Z')),
      config: localConfig,
      secret: SECRET,
      calendar: officeCalendar(localConfig),
    };
    return { deps, store, counter, mailer };
  }

  const mailFrom = (text: string, sourceId: string) =>
    staffMail({ to: addressOf('ana'), from: ANA, text, sourceId, messageId: `${sourceId}@outlook.com` });

  it('#encerrar and #aguardar at once: CLOSED, count down once, nothing pending', async () => {
    const w = await world(workCase({ status: 'IN_PROGRESS' }));
    await Promise.all([
      handleStaffMail(mailFrom('#encerrar procedente', 'ses-a'), w.deps),
      handleStaffMail(mailFrom('#aguardar', 'ses-b'), w.deps),
    ]);
    const c = await w.store.get(CASE_ID);
    expect(c?.status).toBe('CLOSED');
    expect(c?.version).toBe(3);
    expect([
      ['closed', 'refused'],
      ['waiting-merchant', 'closed'],
      ['refused', 'closed'],
    ]).toContainEqual(c?.history?.map((e) => e.type));
    expect(c?.pendingEffects).toEqual({});
    expect(await w.counter.count('ana')).toBe(0);
  });

  it('five concurrent answers: all relayed and stored, none lost', async () => {
    const w = await world(workCase());
    await Promise.all(
      Array.from({ length: 5 }, (_, i) => handleStaffMail(mailFrom(`Resposta ${i}`, `ses-${i}`), w.deps)),
    );
    const c = await w.store.get(CASE_ID);
    expect(c?.history).toHaveLength(5);
    expect(c?.version).toBe(6);
    expect(w.mailer.sent).toHaveLength(5);
    expect(c?.messages.filter((m) => m.direction === 'out')).toHaveLength(5);
    expect(c?.pendingEffects).toEqual({});
  });

  it('a merchant reply racing #aguardar: both applied in some order, the message stored once', async () => {
    const w = await world(workCase({ status: 'IN_PROGRESS' }));
    const parent = (await w.store.get(CASE_ID)) as WorkCase;
    const reply: CaseMessage = {
      sourceId: 'ses-merchant-2',
      channel: 'email',
      receivedAt: '2026-03-12T14:00:00.000Z',
      subject: `RE: [${PROTOCOL}] Resposta`,
      text: 'Ainda não recebi o estorno.',
      attachments: [],
      messageId: 'merchant-2@mail.gmail.com',
    };
    await Promise.all([
      handleMerchantReply(parent, reply, w.deps),
      handleStaffMail(mailFrom('#aguardar', 'ses-wait'), w.deps),
      handleMerchantReply(parent, reply, w.deps),
    ]);
    const c = await w.store.get(CASE_ID);
    expect(c?.history?.map((e) => e.type).sort()).toEqual(['merchant-replied', 'waiting-merchant']);
    expect(c?.messages.filter((m) => m.sourceId === 'ses-merchant-2')).toHaveLength(1);
    expect(c?.pendingEffects).toEqual({});
    expect(c?.senderEmail).toBe(MERCHANT);
  });
});

describe('DynamoOpenCaseCounter', () => {
  it('is idempotent per (analyst, case) and never below zero under concurrency', async () => {
    const counter = new DynamoOpenCaseCounter(doc, await freshTable());
    await counter.closed('ana', 'c-0'); // never opened
    expect(await counter.count('ana')).toBe(0);
    await Promise.all([
      ...Array.from({ length: 4 }, () => counter.opened('ana', 'c-1')),
      counter.opened('ana', 'c-2'),
      counter.opened('bruno', 'c-3'),
    ]);
    expect(await counter.count('ana')).toBe(2);
    await Promise.all([...Array.from({ length: 4 }, () => counter.closed('ana', 'c-1')), counter.closed('ana', 'c-9')]);
    expect(await counter.count('ana')).toBe(1);
    await Promise.all([counter.closed('ana', 'c-2'), counter.closed('ana', 'c-2'), counter.closed('bruno', 'c-3')]);
    expect(await counter.count('ana')).toBe(0);
    expect(await counter.count('bruno')).toBe(0);
    await counter.opened('carla', 'c-4');
    expect(await counter.counts()).toEqual(new Map([['carla', 1]]));
  });

  it('does not count another analyst whose id shares a prefix', async () => {
    const counter = new DynamoOpenCaseCounter(doc, await freshTable());
    await counter.opened('ana', 'c-1');
    await counter.opened('ana2', 'c-2');
    expect(await counter.count('ana')).toBe(1);
  });
});

describe('DynamoSurveyStore', () => {
  it('keeps the first answer of a case', async () => {
    const surveys = new DynamoSurveyStore(doc, await freshTable());
    const results = await Promise.all(
      [5, 1].map((score) => surveys.record({ protocol: PROTOCOL, score, answeredAt: '2026-03-20T12:00:00.000Z' })),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const stored = await surveys.get(PROTOCOL);
    expect([1, 5]).toContain(stored?.score);
    expect(await surveys.record({ protocol: PROTOCOL, score: 3, comment: 'oi', answeredAt: 'x' })).toBe(false);
    expect((await surveys.get(PROTOCOL))?.score).toBe(stored?.score);
    expect(await surveys.get('OUV-2026-999999')).toBeNull();
  });
});

describe('RosterStaffDirectory', () => {
  it('finds staff by address and id, with roles from the supervisor list', async () => {
    const staff = new DynamoStaffRepository(doc, await freshTable());
    for (const { role: _role, ...m } of ROSTER) await staff.put(m);
    const directory = new RosterStaffDirectory({ staff, supervisorIds: ['sofia'] });
    expect(await directory.byEmail(' ANA@empresa.com.br')).toMatchObject({ id: 'ana', role: 'analyst' });
    expect(await directory.byId('sofia')).toMatchObject({ role: 'supervisor', active: true });
    expect(await directory.byId('davi')).toMatchObject({ leave: { from: '2026-03-01', to: '2026-03-31' } });
    expect(await directory.byEmail('x@y.z')).toBeNull();
    expect((await directory.supervisors()).map((m) => m.id)).toEqual(['sofia']);
  });
});
