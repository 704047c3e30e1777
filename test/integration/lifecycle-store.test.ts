import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseItemKey, DynamoCaseRepository } from '../../shared/adapters/dynamo/case-repository';
import { DynamoCaseWorkStore } from '../../shared/adapters/dynamo/case-work-store';
import { createTableIfMissing } from '../../shared/adapters/dynamo/create-table';
import { DynamoStaffRepository } from '../../shared/adapters/dynamo/staff-repository';
import { RosterStaffDirectory } from '../../shared/adapters/dynamo/staff-directory';
import { DynamoSurveyStore } from '../../shared/adapters/dynamo/survey-store';
import type { CaseCommit, CaseWorkStore, CommitResult } from '../../shared/app/lifecycle/ports';
import type { LifecycleDeps } from '../../shared/app/lifecycle/commit';
import { handleMerchantReply } from '../../shared/app/lifecycle/merchant-reply';
import { handleStaffMail } from '../../shared/app/lifecycle/staff-mail';
import { casePage } from '../../shared/console/pages';
import type { CaseMessage } from '../../shared/domain/case';
import { localConfig } from '../../shared/domain/config';
import { staffReplyAddress } from '../../shared/domain/lifecycle/reply-address';
import {
  CASE_LASTING_FULL_BYTES,
  CASE_LASTING_HARD_BYTES,
  jsonBytes,
} from '../../shared/domain/lifecycle/history-budget';
import type { HistoryEvent, WorkCase } from '../../shared/domain/lifecycle/types';
import { type DynaliteClients, startDynaliteClients } from '../support/emulators';
import { dynamoLifecycle } from '../support/dynamo-lifecycle';
import { FixedClock, type RecordingMailer } from '../support/fakes';
import { asRecord, CASE_ID, MERCHANT, PROTOCOL, ROSTER, SECRET, staffMail, workCase } from '../support/lifecycle-fakes';

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

/** The lifecycle over `table`: the roster, Ana's case counted open, a recording mailer; `cases` as given. */
async function lifecycleOver(table: string, cases: CaseWorkStore) {
  const clock = new FixedClock(new Date('2026-03-12T14:00:00.000Z'));
  const { deps, counter, mailer } = await dynamoLifecycle(doc, table, { cases, clock });
  await counter.opened('ana', CASE_ID);
  return { deps, counter, mailer };
}

describe('lifecycle services over the DynamoDB adapters', () => {
  const ANA = 'ana@empresa.com.br';
  const addressOf = (id: string) => staffReplyAddress(PROTOCOL, id, SECRET, localConfig);

  async function world(c: WorkCase) {
    const { table, store } = await seeded([c]);
    return { ...(await lifecycleOver(table, store)), store, table };
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

  // Notes pasted whole, case after case: at 41 notes of 9,900 characters the case item passed 400 KB
  // and dynalite (as DynamoDB) threw on every later write of the case; the note that does not fit is
  // refused now, with a word to the analyst, and the case goes on.
  it('a case full of long notes: the note that does not fit is refused, the closing still goes', async () => {
    const w = await world(workCase({ status: 'IN_PROGRESS' }));
    const note = 'Conversei com o financeiro sobre o estorno; seguem os detalhes. '.repeat(160).slice(0, 9_900);
    const results = [];
    for (let i = 0; i < 22; i++) results.push(await handleStaffMail(mailFrom(`#nota\n${note}`, `ses-n${i}`), w.deps));
    expect(results.slice(0, 20).every((r) => r.kind === 'applied')).toBe(true);
    expect(results.slice(20)).toMatchObject([
      { kind: 'refused', codes: ['notes-full'] },
      { kind: 'refused', codes: ['notes-full'] },
    ]);
    const closing = await handleStaffMail(
      mailFrom('#encerrar procedente\nEstorno feito em 12/03.', 'ses-close'),
      w.deps,
    );
    expect(closing.kind).toBe('applied');
    expect((await w.store.get(CASE_ID))?.status).toBe('CLOSED');
  });

  // Red team round 45: the case item's history grew with every event, budgeted for notes only. Her
  // replies (a merchant mailing her case a thousand times, her helpdesk acknowledging our mails) and
  // refused staff mails (a client looping on a refusal, up to ~7 KB each) took it to DynamoDB's 400
  // KB, and dynalite (as DynamoDB) then threw on every write of the case: no reply stored, no answer,
  // no closing. The older traffic events are folded into one counted line now.
  describe('the case item at its size limit', () => {
    const LONG_ID = (i: number) => `0100019a${String(i).padStart(8, '0')}-5e2f7c1a-8b3d-4e6f-9a0b-1c2d3e4f5a6b-000000`;

    /**
     * Appends `make(i)` events until DynamoDB refuses the item, then `last(i)` ones (smaller): it is
     * then within one small event of 400 KB.
     */
    async function fillToLimit(
      table: string,
      make: (i: number) => HistoryEvent,
      last: (i: number) => HistoryEvent = make,
    ): Promise<number> {
      let n = 0;
      for (const [chunk, build] of [
        [200, make],
        [20, make],
        [1, make],
        [1, last],
      ] as const) {
        for (;;) {
          const events = Array.from({ length: chunk }, (_, k) => build(n + k));
          try {
            await doc.send(
              new UpdateCommand({
                TableName: table,
                Key: caseItemKey(CASE_ID),
                UpdateExpression: 'SET history = list_append(history, :e)',
                ExpressionAttributeValues: { ':e': events },
              }),
            );
            n += chunk;
          } catch (error) {
            expect(String(error)).toMatch(/size/i);
            break;
          }
        }
      }
      return n;
    }

    const extension = (i: number): HistoryEvent => ({
      at: new Date(Date.parse('2026-03-11T00:00:00.000Z') + i * 1000).toISOString(),
      actor: { kind: 'staff', id: 'ana', role: 'analyst' },
      sourceId: LONG_ID(i),
      type: 'extended',
      businessDays: 5,
      reason: 'Aguardando o retorno do financeiro sobre o estorno. '.repeat(10).slice(0, 500),
      previousDueAt: '2026-03-24T13:00:00.000Z',
      dueAt: '2026-03-31T13:00:00.000Z',
    });

    /** A history of extensions (what lasts: never folded) just past `bytes`. */
    async function seedExtensions(table: string, bytes: number): Promise<void> {
      const count = Math.ceil(bytes / jsonBytes(extension(0)));
      await doc.send(
        new UpdateCommand({
          TableName: table,
          Key: caseItemKey(CASE_ID),
          UpdateExpression: 'SET history = :h',
          ExpressionAttributeValues: { ':h': Array.from({ length: count }, (_, i) => extension(i)) },
        }),
      );
    }

    const herReply = (i: number): HistoryEvent => ({
      at: new Date(Date.parse('2026-03-11T00:00:00.000Z') + i * 1000).toISOString(),
      actor: { kind: 'merchant' },
      sourceId: LONG_ID(i),
      type: 'merchant-replied',
      messageSourceId: LONG_ID(i),
    });

    const herMessage = (sourceId: string): CaseMessage => ({
      sourceId,
      channel: 'email',
      receivedAt: '2026-03-12T13:59:00.000Z',
      subject: 'Re: Cobrança em duplicidade',
      text: 'Alguma novidade sobre o estorno?',
      attachments: [],
      from: { address: MERCHANT },
    });

    it('her replies up to 400 KB: the next one is stored (older ones folded), a retry is a duplicate, the closing goes', async () => {
      const w = await world(workCase({ status: 'IN_PROGRESS' }));
      const table = w.table;
      const filled = await fillToLimit(table, herReply);
      expect(filled).toBeGreaterThan(1000);

      const reply = await handleMerchantReply((await w.store.get(CASE_ID)) as WorkCase, herMessage('ses-new'), w.deps);
      expect(reply.kind).toBe('applied');
      const c = (await w.store.get(CASE_ID)) as WorkCase;
      const summary = c.history?.find((e) => e.type === 'summarised');
      expect(summary).toMatchObject({ type: 'summarised', counts: { 'merchant-replied': expect.any(Number) } });
      const kept = c.history?.filter((e) => e.type === 'merchant-replied') ?? [];
      expect(kept.at(-1)).toMatchObject({ messageSourceId: 'ses-new' });
      expect((summary?.type === 'summarised' ? summary.counts['merchant-replied'] : 0)! + kept.length).toBe(filled + 1);
      expect(c.messages.some((m) => m.sourceId === 'ses-new')).toBe(true);
      expect(w.mailer.sent.filter((m) => m.to.includes(ANA))).toHaveLength(1);
      const page = casePage(
        {
          basePath: '',
          timeZone: localConfig.timeZone,
          user: { staffId: 'ana', role: 'analyst', subject: 's' },
          csrf: 't',
        },
        { c, survey: null, actions: new Set(), staffNames: new Map([['ana', 'Ana Lima']]) },
        new Date('2026-03-12T14:00:00.000Z'),
      );
      expect(page).toMatch(/registro resumido para caber no limite do caso: [\d.]+ respostas do lojista \(de /);

      // The same delivery again: its message is on the case, nothing forwarded twice.
      const again = await handleMerchantReply(c, herMessage('ses-new'), w.deps);
      expect(again.kind).toBe('duplicate');
      expect(w.mailer.sent.filter((m) => m.to.includes(ANA))).toHaveLength(1);

      const closing = await handleStaffMail(mailFrom('#encerrar procedente\nEstorno feito.', 'ses-close'), w.deps);
      expect(closing.kind).toBe('applied');
      expect((await w.store.get(CASE_ID))?.status).toBe('CLOSED');
    });

    it('refused staff mails up to 400 KB: the next refusal is recorded and explained, the transfer and the closing go', async () => {
      const w = await world(workCase({ status: 'IN_PROGRESS' }));
      const table = w.table;
      const refusal = (i: number): HistoryEvent => ({
        at: new Date(Date.parse('2026-03-11T00:00:00.000Z') + i * 1000).toISOString(),
        actor: { kind: 'staff', id: 'ana', role: 'analyst' },
        sourceId: LONG_ID(i),
        type: 'refused',
        code: 'unknown-command',
        commands: Array.from({ length: 10 }, () => `#${'x'.repeat(199)}`),
        reasons: Array.from({ length: 10 }, () => 'Comando desconhecido. '.repeat(22).slice(0, 500)),
      });
      const small = (i: number) =>
        ({ ...refusal(i), commands: ['#x'], reasons: ['Comando desconhecido.'] }) as HistoryEvent;
      expect(await fillToLimit(table, refusal, small)).toBeGreaterThan(40);

      const refused = await handleStaffMail(mailFrom('#xyz', 'ses-bad'), w.deps);
      expect(refused).toMatchObject({ kind: 'refused', codes: ['unknown-command'] });
      expect(w.mailer.sent.at(-1)?.to).toContain(ANA);
      const transfer = await handleStaffMail(mailFrom('#transferir bruno', 'ses-move'), w.deps);
      expect(transfer.kind).toBe('applied');
      const closing = await handleStaffMail(
        staffMail({
          to: staffReplyAddress(PROTOCOL, 'bruno', SECRET, localConfig),
          from: 'bruno@empresa.com.br',
          text: '#encerrar procedente',
          sourceId: 'ses-close',
          messageId: 'ses-close@outlook.com',
        }),
        w.deps,
      );
      expect(closing.kind).toBe('applied');
      const c = (await w.store.get(CASE_ID)) as WorkCase;
      expect(c.status).toBe('CLOSED');
      expect(c.history?.map((e) => e.type).slice(-3)).toEqual(['refused', 'transferred', 'closed']);
    });

    it('a record full of what lasts (extensions): adding is refused in pt-BR, transferring and closing still go', async () => {
      const w = await world(workCase({ status: 'IN_PROGRESS' }));
      await seedExtensions(w.table, CASE_LASTING_FULL_BYTES + 5_000);
      const extend = await handleStaffMail(mailFrom('#prorrogar 5 Aguardando o financeiro.', 'ses-ext'), w.deps);
      expect(extend).toMatchObject({ kind: 'refused', codes: ['history-full'] });
      const told = w.mailer.sent.at(-1);
      expect(told?.to).toContain(ANA);
      expect(told?.text).toContain('chegou ao limite');
      const note = await handleStaffMail(mailFrom('#nota\nLiguei para a loja.', 'ses-note'), w.deps);
      expect(note).toMatchObject({ kind: 'refused', codes: ['history-full'] });
      const transfer = await handleStaffMail(mailFrom('#transferir bruno', 'ses-move'), w.deps);
      expect(transfer.kind).toBe('applied');
      const closing = await handleStaffMail(
        staffMail({
          to: staffReplyAddress(PROTOCOL, 'bruno', SECRET, localConfig),
          from: 'bruno@empresa.com.br',
          text: '#encerrar procedente\nEstorno feito.',
          sourceId: 'ses-close',
          messageId: 'ses-close@outlook.com',
        }),
        w.deps,
      );
      expect(closing.kind).toBe('applied');
      expect((await w.store.get(CASE_ID))?.status).toBe('CLOSED');
    });

    it('a folded rewrite never drops an event appended without a version meanwhile (the assignment)', async () => {
      const w = await world(workCase({ status: 'IN_PROGRESS' }));
      const read = (await w.store.get(CASE_ID)) as WorkCase;
      // As DynamoCaseRepository.assign does: list_append, no version bump.
      await doc.send(
        new UpdateCommand({
          TableName: w.table,
          Key: caseItemKey(CASE_ID),
          UpdateExpression: 'SET history = list_append(if_not_exists(history, :none), :e)',
          ExpressionAttributeValues: {
            ':none': [],
            ':e': [
              {
                at: '2026-03-12T13:00:00.000Z',
                actor: { kind: 'system' },
                type: 'assigned',
                analystId: 'ana',
                dueAt: '2026-03-24T13:00:00.000Z',
              },
            ],
          },
        }),
      );
      const result = await w.store.commit({
        caseId: CASE_ID,
        expectedVersion: read.version ?? 0,
        changes: {},
        events: [herReply(1)],
        messages: [],
        effects: [],
        history: { events: [...(read.history ?? []), herReply(1)], base: read.history?.length ?? 0 },
      });
      expect(result).toEqual({ ok: false, reason: 'conflict' });
      expect((await w.store.get(CASE_ID))?.history?.map((e) => e.type)).toEqual(['assigned']);
    });

    it('a record at its ceiling: no transfer, the closing goes, and her next mail opens a new linked case', async () => {
      const w = await world(workCase({ status: 'IN_PROGRESS' }));
      await seedExtensions(w.table, CASE_LASTING_HARD_BYTES + 5_000);
      const transfer = await handleStaffMail(mailFrom('#transferir bruno', 'ses-move'), w.deps);
      expect(transfer).toMatchObject({ kind: 'refused', codes: ['history-full'] });
      const closing = await handleStaffMail(mailFrom('#encerrar procedente\nEstorno feito.', 'ses-close'), w.deps);
      expect(closing.kind).toBe('applied');
      const closed = (await w.store.get(CASE_ID)) as WorkCase;
      expect(closed.status).toBe('CLOSED');
      const reply = await handleMerchantReply(closed, herMessage('ses-after'), w.deps);
      expect(reply).toEqual({ kind: 'open-linked-case', linkedProtocol: PROTOCOL });
      expect((await w.store.get(CASE_ID))?.status).toBe('CLOSED');
    });
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

  it('the same signed #encerrar delivered again under another SES id, concurrently and after a reopening: applied once', async () => {
    const w = await world(workCase({ status: 'IN_PROGRESS' }));
    const close = staffMail({
      to: addressOf('ana'),
      from: ANA,
      text: '#encerrar procedente estorno realizado\nOlá, Maria. O estorno foi feito.',
      sourceId: 'ses-close-1',
      messageId: 'CAF-ana-close@mail.gmail.com',
    });
    const copy = (sourceId: string) => ({
      ...close,
      sourceId,
      raw: { bucket: 'raw-mail', key: `inbound/${sourceId}` },
    });
    const both = await Promise.all([handleStaffMail(close, w.deps), handleStaffMail(copy('ses-close-2'), w.deps)]);
    expect(both.map((r) => r.kind).sort()).toEqual(['applied', 'duplicate']);
    expect(w.mailer.sent).toHaveLength(1);

    const merchant: CaseMessage = {
      sourceId: 'ses-merchant-5',
      channel: 'email',
      receivedAt: '2026-03-13T12:00:00.000Z',
      subject: `Re: [${PROTOCOL}] Resposta da Ouvidoria`,
      text: 'O estorno não apareceu na fatura.',
      attachments: [],
      messageId: 'CAF=merchant-5@mail.gmail.com',
    };
    await handleMerchantReply((await w.store.get(CASE_ID)) as WorkCase, merchant, w.deps);
    expect((await w.store.get(CASE_ID))?.status).toBe('IN_PROGRESS');

    expect(await handleStaffMail(copy('ses-close-3'), w.deps)).toMatchObject({ kind: 'duplicate' });
    const c = await w.store.get(CASE_ID);
    expect(c?.status).toBe('IN_PROGRESS');
    expect(c?.history?.map((e) => e.type)).toEqual(['closed', 'reopened']);
    expect(c?.history?.[0]?.mailId).toMatch(/^[0-9a-f]{32}$/);
    expect((await w.counter.tally('ana')).count).toBe(1);
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

  it('an answer given by mail is read back as one (the console says so); a link’s has no `via`', async () => {
    const surveys = new DynamoSurveyStore(doc, await freshTable());
    const answeredAt = '2026-03-20T12:00:00.000Z';
    await surveys.record({ protocol: PROTOCOL, score: 4, comment: 'Nota 4, obrigada', answeredAt, via: 'email' });
    await surveys.record({ protocol: 'OUV-2026-000077', score: 2, answeredAt });
    expect(await surveys.get(PROTOCOL)).toEqual({
      protocol: PROTOCOL,
      score: 4,
      comment: 'Nota 4, obrigada',
      answeredAt,
      via: 'email',
    });
    expect(await surveys.get('OUV-2026-000077')).toEqual({ protocol: 'OUV-2026-000077', score: 2, answeredAt });
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
    // The whole roster, as `#transferir <nome>` reads it: everyone, active or not, with roles.
    const roster = await directory.roster();
    expect(roster.map((m) => m.id).sort()).toEqual(ROSTER.map((m) => m.id).sort());
    expect(roster.find((m) => m.id === 'sofia')).toMatchObject({ role: 'supervisor' });
  });
});

/**
 * Two writers that both planned on the same read of the case, their commits let through in a
 * chosen order: the first commit of each waits for the other's, then the first in `order` is
 * stored and only then the second (which finds the case changed, re-reads and plans again). Every
 * later commit goes straight through; a writer left alone is let through after a second.
 */
function interleaved(store: CaseWorkStore, order: readonly [string, string]): CaseWorkStore {
  const arrived = new Map<string, () => void>();
  let open = false;
  const letThrough = (source: string) => arrived.get(source)?.();
  const commit = async (c: CaseCommit): Promise<CommitResult> => {
    const source = c.events[0]?.sourceId ?? '';
    if (open || !order.includes(source) || arrived.has(source)) return store.commit(c);
    await new Promise<void>((resolve) => {
      arrived.set(source, resolve);
      if (arrived.size === 2) {
        open = true;
        letThrough(order[0]);
      } else {
        setTimeout(() => {
          open = true;
          resolve();
        }, 1000);
      }
    });
    if (source !== order[0]) return store.commit(c);
    try {
      return await store.commit(c);
    } finally {
      letThrough(order[1]);
    }
  };
  return new Proxy(store, {
    get(target, key) {
      if (key === 'commit') return commit;
      const value = Reflect.get(target, key) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('lifecycle races on DynamoDB, interleavings controlled: one result each, no lost history, no double mail', () => {
  const addressOf = (id: string) => staffReplyAddress(PROTOCOL, id, SECRET, localConfig);
  const EMAIL: Record<string, string> = { ana: 'ana@empresa.com.br', sofia: 'sofia@empresa.com.br' };
  const byStaff = (who: string, text: string, sourceId: string) =>
    staffMail({
      to: addressOf(who),
      from: EMAIL[who] as string,
      text,
      sourceId,
      messageId: `${sourceId}@outlook.com`,
    });

  async function world(c: WorkCase, order: readonly [string, string]) {
    const { table, store } = await seeded([c]);
    return { ...(await lifecycleOver(table, interleaved(store, order))), store };
  }

  /** Who got each mail, in order of sending. */
  const mails = (mailer: RecordingMailer) => mailer.sent.map((m) => (m.to as string[]).join(','));

  it.each<[string, readonly [string, string], string[], number]>([
    // [who wins, commit order, history, open count of Ana]
    ['the analyst', ['ses-ana', 'ses-sofia'], ['closed', 'refused'], 0],
    ['the supervisor', ['ses-sofia', 'ses-ana'], ['closed', 'refused'], 0],
  ])(
    'two staff closing at once (%s first): closed once, one closing mail, the other told',
    async (_w, order, history, count) => {
      const w = await world(workCase({ status: 'IN_PROGRESS' }), order);
      const results = await Promise.all([
        handleStaffMail(byStaff('ana', '#encerrar procedente\nEstorno feito no dia 10.', 'ses-ana'), w.deps),
        handleStaffMail(byStaff('sofia', '#encerrar improcedente\nSem falha da plataforma.', 'ses-sofia'), w.deps),
      ]);
      const c = await w.store.get(CASE_ID);
      expect(c?.history?.map((e) => e.type)).toEqual(history);
      expect(c?.history?.map((e) => e.sourceId)).toEqual(order);
      expect(results.map((r) => r.kind).sort()).toEqual(['applied', 'refused']);
      expect(c?.closure?.category).toBe(order[0] === 'ses-ana' ? 'procedente' : 'improcedente');
      expect(mails(w.mailer).filter((to) => to === MERCHANT)).toHaveLength(1);
      const loser = order[1] === 'ses-ana' ? EMAIL.ana : EMAIL.sofia;
      // The supervisor's close also tells the analyst it was closed by her (notify-closed).
      const told = order[0] === 'ses-sofia' ? [EMAIL.ana] : [];
      expect(mails(w.mailer).sort()).toEqual([MERCHANT, loser, ...told].sort());
      expect(c?.pendingEffects).toEqual({});
      expect((await w.counter.tally('ana')).count).toBe(count);
    },
  );

  it.each<[readonly [string, string], string[], string[][]]>([
    // [commit order, history, who got mail (either list)]
    // (the extension's notice goes only if it went before the close committed: a later one no longer
    // fits the case, effect-fit.ts — the merchant gets the closing mail either way)
    [
      ['ses-extend', 'ses-close'],
      ['extended', 'closed'],
      [[MERCHANT, MERCHANT], [MERCHANT]],
    ],
    [['ses-close', 'ses-extend'], ['closed', 'refused'], [['ana@empresa.com.br', MERCHANT]]],
  ])('an extension racing a close, committed %j: %j', async (order, history, anyOf) => {
    const w = await world(workCase({ status: 'IN_PROGRESS' }), order);
    await Promise.all([
      handleStaffMail(byStaff('ana', '#prorrogar 5 aguardando o extrato do banco', 'ses-extend'), w.deps),
      handleStaffMail(byStaff('ana', '#encerrar resolvido\nO estorno caiu na conta.', 'ses-close'), w.deps),
    ]);
    const c = await w.store.get(CASE_ID);
    expect(c?.history?.map((e) => e.type)).toEqual(history);
    expect(c?.status).toBe('CLOSED');
    expect(anyOf.map((to) => [...to].sort().join())).toContain(mails(w.mailer).sort().join());
    expect(c?.pendingEffects).toEqual({});
    expect((await w.counter.tally('ana')).count).toBe(0);
  });

  it.each<[readonly [string, string], string[], string[], string]>([
    // [commit order, history, who got mail, assignee after]
    // (the supervisor's words go to Carla as a note; Ana is told the case moved, and, when her
    // answer came too late, that it was not sent)
    [
      ['ses-answer', 'ses-transfer'],
      ['answered', 'note', 'transferred'],
      [MERCHANT, 'carla@empresa.com.br', 'ana@empresa.com.br'],
      'carla',
    ],
    [
      ['ses-transfer', 'ses-answer'],
      ['note', 'transferred', 'refused'],
      ['carla@empresa.com.br', 'ana@empresa.com.br', 'ana@empresa.com.br'],
      'carla',
    ],
  ])('a transfer racing an answer, committed %j: %j', async (order, history, to, assignee) => {
    const w = await world(workCase({ status: 'IN_PROGRESS' }), order);
    await Promise.all([
      handleStaffMail(byStaff('ana', 'Olá, Maria. O estorno foi solicitado hoje.', 'ses-answer'), w.deps),
      handleStaffMail(byStaff('sofia', '#transferir carla\nAna entra de férias amanhã.', 'ses-transfer'), w.deps),
    ]);
    const c = await w.store.get(CASE_ID);
    expect(c?.history?.map((e) => e.type)).toEqual(history);
    expect(c?.assignee).toBe(assignee);
    expect(mails(w.mailer).sort()).toEqual([...to].sort());
    expect(c?.messages.filter((m) => m.direction === 'out')).toHaveLength(order[0] === 'ses-answer' ? 1 : 0);
    expect(c?.pendingEffects).toEqual({});
    expect([(await w.counter.tally('ana')).count, (await w.counter.tally('carla')).count]).toEqual([0, 1]);
  });

  it.each<[readonly [string, string], string[], string, number, readonly number[]]>([
    // [commit order, history, status after, open count of Ana, mails to the merchant (either count)]
    // (a reply within the reopen window reopens the case just closed: the merchant is told; the
    // closing mail goes only if it went before the reopening committed — a later one no longer fits
    // the case, effect-fit.ts — and never after the reopen notice)
    [['ses-merchant-2', 'ses-close'], ['merchant-replied', 'closed'], 'CLOSED', 0, [1]],
    [['ses-close', 'ses-merchant-2'], ['closed', 'reopened'], 'IN_PROGRESS', 1, [1, 2]],
  ])('a merchant reply racing the close, committed %j: %j', async (order, history, status, count, merchantMails) => {
    const w = await world(workCase({ status: 'IN_PROGRESS' }), order);
    const parent = (await w.store.get(CASE_ID)) as WorkCase;
    const reply: CaseMessage = {
      sourceId: 'ses-merchant-2',
      channel: 'email',
      receivedAt: '2026-03-12T14:00:00.000Z',
      subject: `RE: [${PROTOCOL}] Resposta`,
      text: 'Ainda não recebi o estorno, podem verificar?',
      attachments: [],
      messageId: 'merchant-2@mail.gmail.com',
    };
    await Promise.all([
      handleMerchantReply(parent, reply, w.deps),
      handleStaffMail(byStaff('ana', '#encerrar procedente\nEstorno feito no dia 10.', 'ses-close'), w.deps),
    ]);
    const c = await w.store.get(CASE_ID);
    expect(c?.history?.map((e) => e.type)).toEqual(history);
    expect(c?.status).toBe(status);
    expect(c?.messages.filter((m) => m.sourceId === 'ses-merchant-2')).toHaveLength(1);
    const toMerchant = w.mailer.sent.filter((m) => (m.to as string[]).join(',') === MERCHANT);
    expect(merchantMails).toContain(toMerchant.length);
    if (status !== 'CLOSED') expect(toMerchant.at(-1)?.text).toContain('reabrimos o caso');
    expect(mails(w.mailer).filter((to) => to === 'ana@empresa.com.br')).toHaveLength(1);
    expect(c?.pendingEffects).toEqual({});
    expect((await w.counter.tally('ana')).count).toBe(count);
  });
});

describe('retention at the closing survives a stop half-way (LGPD: everything expires)', () => {
  const ANA = 'ana@empresa.com.br';

  it('a closing whose side items were not all tagged is completed by the retry of the same mail', async () => {
    const { table, repository } = await seeded([workCase({ status: 'IN_PROGRESS' })]);
    // The first delivery's client stops at the first side item's TTL (a throttle, a timeout): the
    // case item is already CLOSED with its expiry.
    const flaky = DynamoDBDocumentClient.from(raw);
    const send = flaky.send.bind(flaky) as (command: unknown) => Promise<unknown>;
    let stopped = false;
    (flaky as unknown as { send: (command: unknown) => Promise<unknown> }).send = async (command) => {
      const input = (command as { input?: { Key?: { pk?: string }; UpdateExpression?: string } }).input;
      if (!stopped && input?.UpdateExpression === 'SET #ttl = :ttl') {
        stopped = true;
        throw Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), {
          name: 'ProvisionedThroughputExceededException',
        });
      }
      return send(command);
    };
    const storeOver = (client: DynamoDBDocumentClient) =>
      new DynamoCaseWorkStore({ client, tableName: table, repository });
    const { deps: steady } = await lifecycleOver(table, storeOver(doc));
    const deps = (client: DynamoDBDocumentClient): LifecycleDeps => ({ ...steady, cases: storeOver(client) });
    const close = staffMail({
      to: staffReplyAddress(PROTOCOL, 'ana', SECRET, localConfig),
      from: ANA,
      text: '#encerrar procedente\nEstorno feito.',
      sourceId: 'ses-close',
    });
    await expect(handleStaffMail(close, deps(flaky))).rejects.toThrow();
    expect(stopped).toBe(true);
    // SES delivers the mail to the function again (its async retry).
    await handleStaffMail(close, deps(doc));

    const c = await repository.get(CASE_ID);
    expect(c?.status).toBe('CLOSED');
    const { Items } = await doc.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `CASE#${CASE_ID}` },
      }),
    );
    const untagged = (Items ?? []).filter((i) => typeof i['expiresAt'] !== 'number').map((i) => i['sk']);
    expect(untagged).toEqual([]);
    // Every item outside the partition that names the case (its Message-ID and protocol pointers).
    const { Items: all } = await doc.send(new ScanCommand({ TableName: table }));
    const pointers = (all ?? []).filter((i) => i['caseId'] === CASE_ID && i['pk'] !== `CASE#${CASE_ID}`);
    expect(pointers.length).toBeGreaterThan(0);
    expect(pointers.filter((i) => typeof i['expiresAt'] !== 'number').map((i) => i['pk'])).toEqual([]);
  });
});

// Journey 44 (local stack): the merchant's mailbox was disabled; her server's delivery report about
// the analyst's answer, naming its Message-ID, was stored as a new mail from MAILER-DAEMON (a
// redirected submission) and her address never reached the bounce memory — the answers, the
// closing and the survey were not mail "we sent" to her as far as the report check knew (no
// recipients on their Message-ID pointers).
describe('mail the lifecycle sends the merchant is known as sent to her (delivery reports can name it)', () => {
  const ANA = 'ana@empresa.com.br';
  it('the relayed answer and the closing: each id, ours and the provider’s, names the case and her address', async () => {
    const { table, repository, store } = await seeded([workCase({ status: 'IN_PROGRESS' })]);
    const { deps, mailer } = await lifecycleOver(table, store);
    const to = staffReplyAddress(PROTOCOL, 'ana', SECRET, localConfig);
    const mail = (text: string, sourceId: string) =>
      staffMail({ to, from: ANA, text, sourceId, messageId: `${sourceId}@outlook.com` });
    await handleStaffMail(mail('Olá, Maria. Pedimos o estorno ao financeiro.', 'ses-answer'), deps);
    await handleStaffMail(mail('#encerrar procedente estorno feito\nOlá, Maria. O estorno caiu.', 'ses-close'), deps);
    const toHer = mailer.sent.filter((m) => m.to.includes(MERCHANT));
    expect(toHer).toHaveLength(2);
    for (const [i, sent] of toHer.entries()) {
      const n = mailer.sent.indexOf(sent) + 1;
      for (const id of [sent.messageId, `fake-${n}@fake.amazonses.com`]) {
        expect({ i, id, found: await repository.findSentMail(id) }).toEqual({
          i,
          id,
          found: { caseId: CASE_ID, recipients: [MERCHANT] },
        });
      }
    }
  });
});
