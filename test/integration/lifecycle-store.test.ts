import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoCaseRepository } from '../../shared/adapters/dynamo/case-repository';
import { DynamoCaseWorkStore } from '../../shared/adapters/dynamo/case-work-store';
import { createTableIfMissing } from '../../shared/adapters/dynamo/create-table';
import { DynamoOpenCaseCounter } from '../../shared/adapters/dynamo/open-case-counter';
import { DynamoStaffRepository } from '../../shared/adapters/dynamo/staff-repository';
import { RosterStaffDirectory } from '../../shared/adapters/dynamo/staff-directory';
import { DynamoSurveyStore } from '../../shared/adapters/dynamo/survey-store';
import type { LifecycleDeps } from '../../shared/app/lifecycle/commit';
import { handleMerchantReply } from '../../shared/app/lifecycle/merchant-reply';
import { handleStaffMail } from '../../shared/app/lifecycle/staff-mail';
import { casePage } from '../../shared/console/pages';
import { officeCalendar } from '../../shared/domain/calendar';
import type { CaseMessage } from '../../shared/domain/case';
import { localConfig } from '../../shared/domain/config';
import { staffReplyAddress } from '../../shared/domain/lifecycle/reply-address';
import type { WorkCase } from '../../shared/domain/lifecycle/types';
import { type DynaliteClients, startDynaliteClients } from '../support/emulators';
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

let db: DynaliteClients;
let raw: DynamoDBClient;
let doc: DynamoDBDocumentClient;
let tableSeq = 0;

beforeAll(async () => {
  db = await startDynaliteClients();
  ({ raw, doc } = db);
});

afterAll(async () => {
  await db?.stop();
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
    expect((await w.counter.tally('ana')).count).toBe(0);
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

describe('the assignment on DynamoDB: its history entry rides on the one assignment write', () => {
  it('a freshly assigned case: the console reads its entry from the stored history', async () => {
    const queued = workCase({
      status: 'QUEUED',
      assignee: undefined,
      assignedAt: undefined,
      dueAt: undefined,
      history: [],
    });
    const { repository, store } = await seeded([queued]);
    const at = new Date('2026-03-12T13:05:00.000Z');
    const due = new Date('2026-03-26T20:59:00.000Z');
    expect(await repository.assign(CASE_ID, 'ana', at, due)).toBe(true);
    // Redelivered (the SQS message again): not QUEUED any more, nothing appended twice.
    expect(await repository.assign(CASE_ID, 'ana', at, due)).toBe(false);
    const assigned = await store.get(CASE_ID);
    expect(assigned?.history).toEqual([
      { type: 'assigned', analystId: 'ana', dueAt: due.toISOString(), at: at.toISOString(), actor: { kind: 'system' } },
    ]);
    const page = casePage(
      {
        basePath: '',
        timeZone: localConfig.timeZone,
        user: { staffId: 'sofia', role: 'supervisor', subject: 's' },
        csrf: 't',
      },
      { c: assigned as WorkCase, survey: null, actions: new Set(), staffNames: new Map([['ana', 'Ana Lima']]) },
      new Date('2026-03-12T14:00:00.000Z'),
    );
    expect(page).toContain(
      '<time datetime="2026-03-12T13:05:00.000Z">12/03/2026, 10:05</time> — sistema: atribuído a Ana Lima',
    );
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
