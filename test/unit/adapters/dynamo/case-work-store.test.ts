import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseItemKey, DynamoCaseRepository } from '../../../../shared/adapters/dynamo/case-repository';
import { DynamoCaseWorkStore, reportEventsOf } from '../../../../shared/adapters/dynamo/case-work-store';
import { documentClient } from '../../../../shared/adapters/dynamo/client';
import { createTableIfMissing } from '../../../../shared/adapters/dynamo/create-table';
import { LocalMessageTextStore } from '../../../../shared/adapters/local/local-message-text-store';
import type { CaseMessage } from '../../../../shared/domain/case';
import type { HistoryEvent, PendingEffect, WorkCase } from '../../../../shared/domain/lifecycle/types';
import type { MessageTextStore } from '../../../../shared/ports';
import { type DynaliteClients, EMULATOR_REGION, startDynaliteClients } from '../../../support/emulators';
import { asRecord, CASE_ID, PROTOCOL, workCase } from '../../../support/lifecycle-fakes';

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

  it('claims an effect for one runner until its claim passes; a release frees it; a settled one is not claimed', async () => {
    const { store } = await seeded();
    const T0 = '2026-03-12T14:00:00.000Z';
    const T1 = '2026-03-12T14:05:00.000Z';
    const T2 = '2026-03-12T14:06:00.000Z';
    expect(await store.claimEffect(CASE_ID, 'e-1', T0, T1)).toBe(false); // no map yet
    await store.commit({
      caseId: CASE_ID,
      expectedVersion: 1,
      changes: {},
      events: [note('c-1')],
      messages: [],
      effects: [effect('e-1')],
    });
    const rows: Array<[string, () => Promise<unknown>, unknown]> = [
      ['first runner', () => store.claimEffect(CASE_ID, 'e-1', T0, T1), true],
      ['second runner at once', () => store.claimEffect(CASE_ID, 'e-1', T0, T1), false],
      ['another effect id', () => store.claimEffect(CASE_ID, 'e-none', T0, T1), false],
      ['after the claim passed', () => store.claimEffect(CASE_ID, 'e-1', T2, T2), true],
      ['released', () => store.releaseEffect(CASE_ID, 'e-1'), undefined],
      ['claimed again at once', () => store.claimEffect(CASE_ID, 'e-1', T0, T1), true],
      ['settled', () => store.settleEffect(CASE_ID, 'e-1'), undefined],
      ['claim a settled effect', () => store.claimEffect(CASE_ID, 'e-1', T2, T2), false],
      ['release a settled effect', () => store.releaseEffect(CASE_ID, 'e-1'), undefined],
    ];
    for (const [label, run, expected] of rows) expect([label, await run()]).toEqual([label, expected]);
    const c = await store.get(CASE_ID);
    expect([c?.version, c?.pendingEffects]).toEqual([2, {}]);
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

  it('a commit reads no message text, a read (by id or protocol) each long text once', async () => {
    const table = await freshTable();
    const local = new LocalMessageTextStore();
    let gets = 0;
    const texts: MessageTextStore = {
      put: (target, text) => local.put(target, text),
      get: (ref) => {
        gets++;
        return local.get(ref);
      },
      markClosed: (ref, at) => local.markClosed(ref, at),
      markOpen: (ref) => local.markOpen(ref),
      deleteCase: (caseId) => local.deleteCase(caseId),
    };
    const repository = new DynamoCaseRepository({ client: doc, tableName: table, texts });
    const store = new DynamoCaseWorkStore({ client: doc, tableName: table, repository });
    const long = 'Segue em anexo o comprovante do estorno que ainda não caiu na conta da loja. '.repeat(12);
    await repository.create(asRecord(workCase({ messages: [{ ...outMessage('s-0', long), direction: 'in' }] })));
    for (let i = 1; i <= 30; i++) {
      const at = `2026-03-12T15:${String(i).padStart(2, '0')}:00.000Z`;
      await repository.appendMessage(CASE_ID, { ...outMessage(`s-${i}`, `${long} (${i})`), receivedAt: at });
    }
    // label, commit → [result, text-store GETs during it]
    const rows: Array<[string, Parameters<typeof store.commit>[0], unknown]> = [
      [
        'a status change with no message',
        {
          caseId: CASE_ID,
          expectedVersion: 1,
          changes: { status: 'WAITING_MERCHANT' },
          events: [],
          messages: [],
          effects: [],
        },
        [{ ok: true, version: 2 }, 0],
      ],
      [
        'a message whose sourceId is stored already (a retry) is skipped without reading a text',
        {
          caseId: CASE_ID,
          expectedVersion: 2,
          changes: {},
          events: [],
          messages: [outMessage('s-7', long), outMessage('s-31')],
          effects: [],
        },
        [{ ok: true, version: 3 }, 0],
      ],
      [
        'a stale version is refused without reading a text',
        { caseId: CASE_ID, expectedVersion: 1, changes: {}, events: [], messages: [], effects: [] },
        [{ ok: false, reason: 'conflict' }, 0],
      ],
    ];
    for (const [label, commit, expected] of rows) {
      gets = 0;
      const result = await store.commit(commit);
      expect([label, [result, gets]]).toEqual([label, expected]);
    }
    // label, read → [its messages, text-store GETs during it]: each long text read once, none twice.
    const reads: Array<[string, () => Promise<WorkCase | null>, [number, number]]> = [
      ['by id', () => store.get(CASE_ID), [32, 31]],
      ['by protocol (a staff mail’s subject)', () => store.getByProtocol(PROTOCOL), [32, 31]],
      ['by protocol in lower case', () => store.getByProtocol(PROTOCOL.toLowerCase()), [32, 31]],
    ];
    for (const [label, read, expected] of reads) {
      gets = 0;
      const found = await read();
      expect([label, [found?.messages.length, gets]]).toEqual([label, expected]);
    }
    gets = 0;
    expect([await store.getByProtocol('OUV-2026-999999'), gets]).toEqual([null, 0]);
    // The state alone (the status page's link request and check): no text read, no messages.
    const state = await store.getStateByProtocol(PROTOCOL);
    expect([state?.caseId, state?.version, state && 'messages' in state, gets]).toEqual([CASE_ID, 3, false, 0]);
    expect(await store.getStateByProtocol('OUV-2026-999999')).toBeNull();
    // A sweep's listing by status (requeue, the local stack's restart): the state, no text read.
    gets = 0;
    const listed = await repository.listByStatus('WAITING_MERCHANT', 10, 'oldest');
    expect([listed.map((l) => [l.caseId, 'messages' in l]), gets]).toEqual([[[CASE_ID, false]], 0]);
    const c = await repository.get(CASE_ID);
    expect(c?.messages.filter((m) => m.sourceId === 's-7').map((m) => m.text)).toEqual([`${long} (7)`]);
    expect(c?.messages.map((m) => m.sourceId)).toContain('s-31');
  });

  it('a commit with messages writes their items without reading the case item again, updatedAt in the same write', async () => {
    const table = await freshTable();
    const client = documentClient({ endpoint: db.endpoint, region: EMULATOR_REGION });
    const requests: string[] = [];
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { Key?: { sk?: string }; Item?: { sk?: string } };
        const sk = String(input.Key?.sk ?? input.Item?.sk ?? '*').replace(/#.*/, '#');
        requests.push(`${String(context.commandName).replace(/(Item)?Command$/, '')} ${sk}`);
        return next(args);
      },
      { step: 'initialize', name: 'countRequests' },
    );
    const repository = new DynamoCaseRepository({ client, tableName: table });
    const store = new DynamoCaseWorkStore({ client, tableName: table, repository });
    await repository.create(asRecord(workCase({ updatedAt: '2026-03-12T13:00:00.000Z' })));
    const later = (sourceId: string, at: string) => ({ ...outMessage(sourceId), receivedAt: at });
    // label, commit → [the requests it made, updatedAt after it]
    const rows: Array<[string, Parameters<typeof store.commit>[0], [string[], string]]> = [
      [
        'one message, later than the last activity',
        {
          caseId: CASE_ID,
          expectedVersion: 1,
          changes: { status: 'WAITING_MERCHANT' },
          events: [note('s-1')],
          messages: [later('s-1', '2026-03-12T14:00:00.000Z')],
          effects: [],
        },
        [['Query *', 'Update CASE', 'Put SRC#', 'Put MSG#', 'Update CASE'], '2026-03-12T14:00:00.000Z'],
      ],
      [
        'two messages: updatedAt is the later one',
        {
          caseId: CASE_ID,
          expectedVersion: 2,
          changes: {},
          events: [note('s-2')],
          messages: [later('s-2', '2026-03-12T16:00:00.000Z'), later('s-3', '2026-03-12T15:00:00.000Z')],
          effects: [],
        },
        [
          ['Query *', 'Update CASE', 'Put SRC#', 'Put MSG#', 'Update CASE', 'Put SRC#', 'Put MSG#', 'Update CASE'],
          '2026-03-12T16:00:00.000Z',
        ],
      ],
      [
        'a message older than the last activity leaves updatedAt where it is',
        {
          caseId: CASE_ID,
          expectedVersion: 3,
          changes: {},
          events: [note('s-4')],
          messages: [later('s-4', '2026-03-12T15:30:00.000Z')],
          effects: [],
        },
        [['Query *', 'Update CASE', 'Put SRC#', 'Put MSG#', 'Update CASE'], '2026-03-12T16:00:00.000Z'],
      ],
    ];
    for (const [label, commit, expected] of rows) {
      requests.length = 0;
      expect(await store.commit(commit)).toEqual({ ok: true, version: commit.expectedVersion + 1 });
      const updatedAt = (await doc.send(new GetCommand({ TableName: table, Key: caseItemKey(CASE_ID) }))).Item?.[
        'updatedAt'
      ];
      expect([label, requests, updatedAt]).toEqual([label, ...expected]);
    }
    expect((await store.get(CASE_ID))?.messages.map((m) => m.sourceId).slice(1)).toEqual(['s-1', 's-3', 's-4', 's-2']);
    client.destroy();
  });

  it('a message committed on a closed case expires with it', async () => {
    const { table, store } = await seeded([
      workCase({ status: 'CLOSED', closedAt: '2026-03-11T10:00:00.000Z', assignee: 'ana' }),
    ]);
    // The closing's own write put the case's expiry on it: the retention walk gave it its TTL.
    await doc.send(
      new UpdateCommand({
        TableName: table,
        Key: caseItemKey(CASE_ID),
        UpdateExpression: 'SET expiresAt = :ttl',
        ExpressionAttributeValues: { ':ttl': 1_900_000_000 },
      }),
    );
    expect(
      await store.commit({
        caseId: CASE_ID,
        expectedVersion: 1,
        changes: {},
        events: [note('s-thanks')],
        messages: [{ ...outMessage('s-thanks', 'Muito obrigada, deu tudo certo!'), direction: 'in' }],
        effects: [],
      }),
    ).toEqual({ ok: true, version: 2 });
    const { Items } = await doc.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': caseItemKey(CASE_ID).pk },
      }),
    );
    const added = (Items ?? []).filter(
      (i) => /^(MSG|SRC)#/.test(String(i['sk'])) && String(i['sk']).includes('s-thanks'),
    );
    expect(added.map((i) => [String(i['sk']).slice(0, 4), i['expiresAt']])).toEqual([
      ['MSG#', 1_900_000_000],
      ['SRC#', 1_900_000_000],
    ]);
  });

  it('records message ids through the repository', async () => {
    const { store } = await seeded();
    await store.addMessageIds(CASE_ID, ['<relay-1@ouvidoria>', 'relay-1@ouvidoria']);
    expect((await store.get(CASE_ID))?.messageIds).toEqual(['CAF=merchant-1@mail.gmail.com', 'relay-1@ouvidoria']);
  });
});

describe('DynamoCaseWorkStore.applyItemRetention', () => {
  const closing = (version: number) => ({
    caseId: CASE_ID,
    expectedVersion: version,
    changes: { status: 'CLOSED' as const, closedAt: '2026-03-12T14:00:00.000Z' },
    events: [],
    messages: [],
    effects: [],
  });
  const sideItems = async (table: string) =>
    (
      (
        await doc.send(
          new QueryCommand({
            TableName: table,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': `CASE#${CASE_ID}` },
          }),
        )
      ).Items ?? []
    ).filter((i) => i['sk'] !== 'CASE');

  it('the commit tags the case item only; the effect gives its expiry to every other item', async () => {
    const { table, store } = await seeded([workCase({ status: 'IN_PROGRESS' })]);
    expect((await store.commit(closing((await store.get(CASE_ID))?.version ?? 0))).ok).toBe(true);
    const expiry = (await doc.send(new GetCommand({ TableName: table, Key: caseItemKey(CASE_ID) }))).Item?.[
      'expiresAt'
    ];
    expect(typeof expiry).toBe('number');
    expect((await sideItems(table)).map((i) => i['expiresAt'])).not.toContain(expiry);
    await store.applyItemRetention(CASE_ID);
    await store.applyItemRetention(CASE_ID);
    const items = await sideItems(table);
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(items.map((i) => i['expiresAt']))).toEqual(new Set([expiry]));
  });

  it('a reopening committed during the walk: the walk ends with what the case item says then', async () => {
    const { table, repository } = await seeded([workCase({ status: 'IN_PROGRESS' })]);
    const plain = new DynamoCaseWorkStore({ client: doc, tableName: table, repository });
    const version = (await plain.get(CASE_ID))?.version ?? 0;
    expect((await plain.commit(closing(version))).ok).toBe(true);
    // The first retag of the walk lets the merchant's reopening commit first (its TTL removed).
    const racing = DynamoDBDocumentClient.from(raw);
    const send = racing.send.bind(racing) as (command: unknown) => Promise<unknown>;
    let reopened = false;
    (racing as unknown as { send: (command: unknown) => Promise<unknown> }).send = async (command) => {
      const input = (command as { input?: { UpdateExpression?: string } }).input;
      if (!reopened && input?.UpdateExpression === 'SET #ttl = :ttl') {
        reopened = true;
        const result = await plain.commit({
          ...closing(version + 1),
          changes: { status: 'IN_PROGRESS', closedAt: null },
        });
        expect(result.ok).toBe(true);
      }
      return send(command);
    };
    const walking = new DynamoCaseWorkStore({ client: racing, tableName: table, repository });
    await walking.applyItemRetention(CASE_ID);
    expect(reopened).toBe(true);
    expect((await sideItems(table)).filter((i) => i['expiresAt'] !== undefined).map((i) => i['sk'])).toEqual([]);
  });

  /** A store over a client that counts the GetItem calls it sends. */
  const counting = (table: string, repository: DynamoCaseRepository) => {
    const client = DynamoDBDocumentClient.from(raw);
    const send = client.send.bind(client) as (command: unknown) => Promise<unknown>;
    const gets = { n: 0 };
    (client as unknown as { send: (command: unknown) => Promise<unknown> }).send = async (command) => {
      if (command instanceof GetCommand) gets.n++;
      return send(command);
    };
    return { store: new DynamoCaseWorkStore({ client, tableName: table, repository }), gets };
  };

  it('given the case it runs on, the walk reads the case item once, to check, not before', async () => {
    const { table, repository, store } = await seeded([workCase({ status: 'IN_PROGRESS' })]);
    expect((await store.commit(closing((await store.get(CASE_ID))?.version ?? 0))).ok).toBe(true);
    const closed = await store.get(CASE_ID);
    if (!closed) throw new Error('case missing');
    const { store: walking, gets } = counting(table, repository);
    await walking.applyItemRetention(CASE_ID, closed);
    expect(gets.n).toBe(1);
    const expiry = (await doc.send(new GetCommand({ TableName: table, Key: caseItemKey(CASE_ID) }))).Item?.[
      'expiresAt'
    ];
    expect(new Set((await sideItems(table)).map((i) => i['expiresAt']))).toEqual(new Set([expiry]));
  });

  it('a stale case given (closed, reopened since): the walk ends with what the case item says', async () => {
    const { table, repository, store } = await seeded([workCase({ status: 'IN_PROGRESS' })]);
    const version = (await store.get(CASE_ID))?.version ?? 0;
    expect((await store.commit(closing(version))).ok).toBe(true);
    const closed = await store.get(CASE_ID);
    if (!closed) throw new Error('case missing');
    await store.applyItemRetention(CASE_ID, closed);
    const reopening = { ...closing(version + 1), changes: { status: 'IN_PROGRESS' as const, closedAt: null } };
    expect((await store.commit(reopening)).ok).toBe(true);
    const { store: walking, gets } = counting(table, repository);
    await walking.applyItemRetention(CASE_ID, closed);
    expect(gets.n).toBe(2);
    expect((await sideItems(table)).filter((i) => i['expiresAt'] !== undefined).map((i) => i['sk'])).toEqual([]);
  });
});

describe('reportEventsOf: what a commit lists for the report by date (CASEEVENTS#)', () => {
  const ana = { kind: 'staff', id: 'ana', role: 'analyst' } as const;
  const answered = (at: string): HistoryEvent => ({ type: 'answered', at, actor: ana, messageSourceId: `m-${at}` });
  const closed = (at: string): HistoryEvent => ({
    type: 'closed',
    at,
    actor: ana,
    category: 'procedente',
    summary: 'Estorno feito.',
  });
  const note: HistoryEvent = {
    type: 'note',
    at: '2026-11-03T12:00:00.000Z',
    actor: ana,
    text: 'Pedi o extrato ao financeiro.',
  };
  it.each([
    {
      name: 'the first answer',
      stored: [],
      events: [answered('2026-11-03T13:00:00.000Z')],
      listed: ['2026-11-03T13:00:00.000Z'],
    },
    {
      name: 'a second answer: nothing',
      stored: [answered('2026-11-03T13:00:00.000Z')],
      events: [answered('2026-11-05T13:00:00.000Z')],
      listed: [],
    },
    {
      name: 'a closure, answered before',
      stored: [answered('2026-11-03T13:00:00.000Z')],
      events: [closed('2026-11-04T15:00:00.000Z')],
      listed: ['2026-11-04T15:00:00.000Z'],
    },
    {
      name: 'a closure that is the first answer',
      stored: [],
      events: [closed('2026-11-04T15:00:00.000Z')],
      listed: ['2026-11-04T15:00:00.000Z'],
    },
    {
      name: 'an answer after a closure (reopened): nothing',
      stored: [closed('2026-10-30T15:00:00.000Z')],
      events: [answered('2026-11-04T13:00:00.000Z')],
      listed: [],
    },
    { name: 'a note: nothing', stored: [], events: [note], listed: [] },
  ])('$name', ({ stored, events, listed }) => {
    expect(reportEventsOf({ events }, stored)).toEqual(listed);
  });
});
