import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { documentClient } from '../../../../shared/adapters/dynamo/client';
import { DynamoDataSubjectStore } from '../../../../shared/adapters/dynamo/data-subject-store';
import { OUTCOMES, THROTTLED_MAIL_KINDS } from '../../../../shared/domain/outcome';

const ddb = mockClient(DynamoDBDocumentClient);
const TABLE = 'ouvidoria-test';
const store = new DynamoDataSubjectStore(documentClient({ region: 'us-east-1' }), TABLE);
const EMAIL = 'maria@lojadamaria.com.br';

beforeEach(() => ddb.reset());

const gets = () => ddb.commandCalls(GetCommand).map((c) => c.args[0].input.Key as { pk: string; sk: string });

describe('DynamoDataSubjectStore.cases', () => {
  it('finds the cases by the sender index and each case partition, then the related items by key', async () => {
    ddb.on(QueryCommand, { IndexName: 'gsi2-sender' }).resolves({ Items: [{ caseId: 'c1' }] });
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'CASE#c1' } }).resolves({
      Items: [
        {
          pk: 'CASE#c1',
          sk: 'CASE',
          status: 'CLOSED',
          createdAt: '2026-03-02T12:00:00.000Z',
          protocol: 'OUV-1',
          assignee: 'ana',
          messageIds: ['<m1@loja>'],
          firstMessage: { direction: 'in', messageId: '<m1@loja>', from: { address: EMAIL }, text: 'olá' },
        },
        { pk: 'CASE#c1', sk: 'MSG#2', message: { direction: 'out', text: 'resposta' } },
        // A follow-up the lifecycle committed: its id is not on the list, its claim is its pointer.
        { pk: 'CASE#c1', sk: 'MSG#3', message: { direction: 'in', messageId: 'f1@loja', text: 'mais' } },
        { pk: 'CASE#c1', sk: 'SRC#x' },
      ],
    });
    // Another delivery of the mail, kept with the case beside its partition (keepRawCopy).
    const copy = { pk: 'RAWCOPY#c1', sk: 'COPY#ses-2', type: 'RAW_COPY', raw: { bucket: 'b', key: 'inbound/ses-2' } };
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'RAWCOPY#c1' } }).resolves({ Items: [copy] });
    ddb.on(GetCommand).resolves({});
    ddb.on(GetCommand, { Key: { pk: 'PROTOCOL#OUV-1', sk: 'PROTOCOL' } }).resolves({ Item: { pk: 'PROTOCOL#OUV-1' } });

    const [found, ...rest] = await store.cases('  Maria@LojaDaMaria.com.br ');
    expect(rest).toEqual([]);
    expect(found).toMatchObject({ caseId: 'c1', status: 'CLOSED', protocol: 'OUV-1', assignee: 'ana' });
    expect(found?.messages.map((m) => m.text)).toEqual(['olá', 'resposta', 'mais']);
    expect(found?.items.map((i) => i.key.sk)).toEqual(['CASE', 'MSG#2', 'MSG#3', 'SRC#x']);
    expect(found?.related).toEqual([
      { key: { pk: 'PROTOCOL#OUV-1', sk: 'PROTOCOL' }, item: { pk: 'PROTOCOL#OUV-1' } },
      { key: { pk: 'RAWCOPY#c1', sk: 'COPY#ses-2' }, item: copy },
    ]);

    const [bySender, partition] = ddb.commandCalls(QueryCommand).map((c) => c.args[0].input);
    expect(bySender).toMatchObject({
      TableName: TABLE,
      IndexName: 'gsi2-sender',
      ExpressionAttributeNames: { '#pk': 'gsi2pk' },
      ExpressionAttributeValues: { ':pk': `SENDER#${EMAIL}` },
    });
    expect(bySender?.ConsistentRead).toBeUndefined();
    expect(partition).toMatchObject({ KeyConditionExpression: 'pk = :pk', ConsistentRead: true });
    const pks = gets().map((k) => k.pk);
    expect(pks).toEqual(
      expect.arrayContaining(['PROTOCOL#OUV-1', 'SURVEY#OUV-1', 'MSGID#m1@loja', 'MSGID#f1@loja', 'STAFF']),
    );
    expect(pks.filter((pk) => pk === 'MSGID#m1@loja')).toHaveLength(1);
    expect(pks.some((pk) => pk.startsWith('DELIVERY#'))).toBe(true);
    expect(gets().find((k) => k.pk === 'STAFF')?.sk).toBe('OPENCASE#ana#c1');
    expect(
      ddb
        .calls()
        .map((c) => c.args[0].constructor.name)
        .filter((n) => n.includes('Scan')),
    ).toEqual([]);
  });

  it('skips an index entry whose case item is gone', async () => {
    ddb.on(QueryCommand, { IndexName: 'gsi2-sender' }).resolves({ Items: [{ caseId: 'gone' }] });
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'CASE#gone' } }).resolves({ Items: [] });
    expect(await store.cases(EMAIL)).toEqual([]);
  });
});

describe('DynamoDataSubjectStore, per address', () => {
  it('addressItems reads OPEN#, BOUNCE# and one THROTTLE# per outcome and distinct day', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    ddb.on(GetCommand).resolves({});
    ddb.on(GetCommand, { Key: { pk: `BOUNCE#${EMAIL}`, sk: 'BOUNCE' } }).resolves({ Item: { until: 'x' } });
    const held = await store.addressItems(EMAIL.toUpperCase(), ['2026-03-02', '2026-03-02', '2026-03-03'], []);
    expect(held).toEqual([{ key: { pk: `BOUNCE#${EMAIL}`, sk: 'BOUNCE' }, item: { until: 'x' } }]);
    expect(gets()).toHaveLength(2 + 2 * THROTTLED_MAIL_KINDS.length);
    expect(gets()).toContainEqual({ pk: `THROTTLE#${EMAIL}#${OUTCOMES[0]}#2026-03-03`, sk: 'THROTTLE' });
  });

  // The limits key an inbox as inboxLimitKey does (its "+tags" and Gmail's dots are one inbox) and
  // count the infected-file notice beside the replies: read so, or her export and erasure miss them.
  it.each([
    ['Mariana.Costa+loja@gmail.com', 'marianacosta@gmail.com'],
    ['Mariana.Costa@googlemail.com', 'marianacosta@gmail.com'],
    ['ana.souza+ouvidoria@papelariaestrela.com.br', 'ana.souza@papelariaestrela.com.br'],
  ])('addressItems reads %s’s limits under %s, the infected-file notice’s too', async (typed, inbox) => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    ddb.on(GetCommand).resolves({});
    const notice = { pk: `THROTTLE#${inbox}#INFECTED_FILE#2026-03-02`, sk: 'THROTTLE' };
    ddb.on(GetCommand, { Key: notice }).resolves({ Item: { ...notice, consumers: new Set(['c-1']) } });
    const held = await store.addressItems(typed, ['2026-03-02'], []);
    expect(held.map((h) => h.key)).toEqual([notice]);
    expect(gets()).toContainEqual({ pk: `THROTTLE#${inbox}#NO_PRIOR_TICKET#2026-03-02`, sk: 'THROTTLE' });
  });

  // Her export and erasure reach every spelling of her inbox that holds cases or waiting posts:
  // Gmail's dots, a "+tag", googlemail.com (one Gmail mailbox); another domain's dots are another mailbox.
  it.each([
    [
      'Mariana.Costa@gmail.com',
      ['marianacosta@gmail.com', 'mariana.costa+loja@gmail.com', 'm.ariana.costa@googlemail.com'],
    ],
    [
      'marianacosta@googlemail.com',
      ['marianacosta@gmail.com', 'mariana.costa+loja@gmail.com', 'm.ariana.costa@googlemail.com'],
    ],
    [
      'ana.souza@papelariaestrela.com.br',
      ['ana.souza@papelariaestrela.com.br', 'ana.souza+nf@papelariaestrela.com.br'],
    ],
  ])('spellingsOfInbox(%s) reads the sender index’s keys of that inbox only', async (asked, expected) => {
    ddb.on(ScanCommand).resolves({
      Items: [
        { gsi2pk: 'SENDER#marianacosta@gmail.com' },
        { gsi2pk: 'PENDINGSENDER#mariana.costa+loja@gmail.com' },
        { gsi2pk: 'SENDER#m.ariana.costa@googlemail.com' },
        { gsi2pk: 'SENDER#marianacosta@gmail.com.br' },
        { gsi2pk: 'SENDER#ana.souza@papelariaestrela.com.br' },
        { gsi2pk: 'PENDINGSENDER#ana.souza+nf@papelariaestrela.com.br' },
        { gsi2pk: 'SENDER#anasouza@papelariaestrela.com.br' },
      ],
    });
    expect((await store.spellingsOfInbox(asked)).sort()).toEqual([...expected].sort());
    expect(ddb.commandCalls(ScanCommand)[0]?.args[0].input).toMatchObject({
      IndexName: 'gsi2-sender',
      ExpressionAttributeValues: { ':case': 'SENDER#', ':pending': 'PENDINGSENDER#' },
    });
  });

  // Red team 62: her inbox's OPEN# item also keeps its other spellings' ticket claims (named by the
  // spelling) and open cases; her export handed them over — a "+tag" or a dot outside Gmail may be
  // another person's mailbox, whose ticket number and case ids are not hers to see.
  it.each([
    [
      'ana.souza@papelariaestrela.com.br',
      ['c-ana-1', 'c-ana-2'],
      {
        'ticket#ana.souza@papelariaestrela.com.br#51000': { caseId: 'c-ana-1', at: 't1' },
        'ticket#ana.souza@papelariaestrela.com.br#51001': { caseId: 'c-ana-2', at: 't2', closedAt: 't3' },
      },
      ['c-ana-1'],
    ],
    [
      'marianacosta@gmail.com',
      ['c-mari-1'],
      { 'ticket#marianacosta@gmail.com#52310': { caseId: 'c-mari-1', at: 't1' } },
      ['c-mari-1'],
    ],
    // A claim named for another spelling but held by one of her cases (handed over): hers.
    [
      'ana.souza@papelariaestrela.com.br',
      ['c-nf-9'],
      {
        'ticket#ana.souza@papelariaestrela.com.br#51000': { caseId: 'c-ana-1', at: 't1' },
        'ticket#ana.souza@papelariaestrela.com.br#51001': { caseId: 'c-ana-2', at: 't2', closedAt: 't3' },
        'ticket#ana.souza+nf@papelariaestrela.com.br#51009': { caseId: 'c-nf-9', at: 't1' },
      },
      ['c-nf-9'],
    ],
  ])('addressItems gives of %s’s inbox item only her claims and open cases', async (address, cases, claims, open) => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    ddb.on(GetCommand).resolves({});
    const key = { pk: `OPEN#${address}`, sk: 'OPEN' };
    ddb.on(GetCommand, { Key: key }).resolves({
      Item: {
        ...key,
        type: 'OPEN',
        bounceUntil: '2026-05-01T00:00:00.000Z',
        caseIds: new Set(['c-ana-1', 'c-mari-1', 'c-nf-9', 'c-other-7']),
        'ticket#ana.souza@papelariaestrela.com.br#51000': { caseId: 'c-ana-1', at: 't1' },
        'ticket#ana.souza@papelariaestrela.com.br#51001': { caseId: 'c-ana-2', at: 't2', closedAt: 't3' },
        'ticket#ana.souza+nf@papelariaestrela.com.br#51009': { caseId: 'c-nf-9', at: 't1' },
        'ticket#ana.souza+pessoal@papelariaestrela.com.br#51077': { caseId: 'c-other-7', at: 't4' },
        'ticket#marianacosta@gmail.com#52310': { caseId: 'c-mari-1', at: 't1' },
        'ticket#m.ariana.costa@gmail.com#52399': { caseId: 'c-other-7', at: 't4' },
      },
    });
    const held = await store.addressItems(address, [], cases);
    expect(held).toEqual([
      {
        key,
        item: { ...key, type: 'OPEN', bounceUntil: '2026-05-01T00:00:00.000Z', caseIds: new Set(open), ...claims },
      },
    ]);
  });

  it('addressItems finds the address’s webform posts waiting for confirmation on the sender index', async () => {
    const key = { pk: `PENDING#form-${'a'.repeat(64)}`, sk: 'PENDING' };
    ddb.on(QueryCommand).resolves({ Items: [key] });
    ddb.on(GetCommand).resolves({});
    ddb.on(GetCommand, { Key: key }).resolves({ Item: { ...key, form: { descricao: 'Chamado 48213' } } });
    const held = await store.addressItems(EMAIL.toUpperCase(), [], []);
    expect(held).toEqual([{ key, item: { ...key, form: { descricao: 'Chamado 48213' } } }]);
    expect(ddb.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({
      IndexName: 'gsi2-sender',
      ExpressionAttributeValues: { ':pk': `PENDINGSENDER#${EMAIL}` },
    });
  });

  it('heldReplies reads each date’s HELDREPLY# partition and keeps her cases’ and her address’s, no one else’s', async () => {
    const held = (caseId: string, to: string, sk: string) => ({
      pk: 'HELDREPLY#2026-05-03',
      sk,
      reply: { caseId, to },
    });
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'HELDREPLY#2026-05-03' } }).resolves({
      Items: [
        held('c1', 'outro.endereco@lojadamaria.com.br', 'a'),
        held('c9', 'Maria@LojaDaMaria.com.br', 'b'),
        held('c7', 'joana@outraloja.com.br', 'c'),
        held('c8', 'maria+loja@lojadamaria.com.br', 'd'),
      ],
    });
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'HELDREPLY#2026-05-04' } }).resolves({ Items: [] });
    const found = await store.heldReplies(EMAIL, ['c1', 'c2'], ['2026-05-03', '2026-05-04']);
    expect(found.map((f) => f.key)).toEqual([
      { pk: 'HELDREPLY#2026-05-03', sk: 'a' },
      { pk: 'HELDREPLY#2026-05-03', sk: 'b' },
    ]);
    const asked = ddb.commandCalls(QueryCommand).map((c) => c.args[0].input);
    expect(asked.map((q) => q.ExpressionAttributeValues?.[':pk'])).toEqual([
      'HELDREPLY#2026-05-03',
      'HELDREPLY#2026-05-04',
    ]);
    expect(asked.every((q) => q.ConsistentRead === true && q.IndexName === undefined)).toBe(true);
  });

  it('remove deletes by key', async () => {
    ddb.on(DeleteCommand).resolves({});
    await store.remove({ pk: 'CASE#c1', sk: 'CASE' });
    expect(ddb.commandCalls(DeleteCommand)[0]?.args[0].input).toEqual({
      TableName: TABLE,
      Key: { pk: 'CASE#c1', sk: 'CASE' },
    });
  });

  it('releaseStaffCase keeps the marker instant on the staff item, deletes the marker, then the legacy set entry', async () => {
    ddb.on(GetCommand).resolves({ Item: { pk: 'STAFF', assignedAt: '2026-03-02T12:00:00.000Z' } });
    ddb.on(DeleteCommand).resolves({});
    ddb
      .on(UpdateCommand)
      .resolvesOnce({})
      .rejectsOnce(new ConditionalCheckFailedException({ message: 'no staff', $metadata: {} }));
    await expect(store.releaseStaffCase('ana', 'c1')).resolves.toBeUndefined();
    expect(ddb.calls().map((c) => c.args[0].constructor.name)).toEqual([
      'GetCommand',
      'UpdateCommand',
      'DeleteCommand',
      'UpdateCommand',
    ]);
    const [kept, legacy] = ddb.commandCalls(UpdateCommand).map((c) => c.args[0].input);
    expect(kept).toMatchObject({ Key: { pk: 'STAFF', sk: 'STAFF#ana' }, UpdateExpression: 'SET lastAssignedAt = :at' });
    expect(ddb.commandCalls(DeleteCommand)[0]?.args[0].input.Key).toEqual({ pk: 'STAFF', sk: 'OPENCASE#ana#c1' });
    expect(legacy).toMatchObject({ Key: { pk: 'STAFF', sk: 'STAFF#ana' }, UpdateExpression: 'DELETE openCaseIds :id' });
    expect(legacy?.ExpressionAttributeValues?.[':id']).toEqual(new Set(['c1']));
    ddb.reset();
    ddb.on(GetCommand).resolves({});
    ddb.on(UpdateCommand).rejects(new Error('boom'));
    await expect(store.releaseStaffCase('ana', 'c1')).rejects.toThrow('boom');
  });

  it('writes and reads a tombstone (no address in it, only its hash)', async () => {
    const tombstone = {
      subjectHash: 'abc123',
      erasedAt: '2026-03-10T12:00:00.000Z',
      counts: { cases: 1, items: 4, rawMail: 1 },
    };
    ddb.on(PutCommand).resolves({});
    await store.putTombstone(tombstone);
    const item = ddb.commandCalls(PutCommand)[0]?.args[0].input.Item;
    expect(item).toEqual({ pk: 'TOMBSTONE#abc123', sk: 'TOMBSTONE', type: 'TOMBSTONE', ...tombstone });
    ddb.on(GetCommand).resolvesOnce({ Item: item }).resolvesOnce({});
    expect(await store.tombstone('abc123')).toEqual(tombstone);
    expect(await store.tombstone('other')).toBeNull();
  });
});

describe('DynamoDataSubjectStore.rateCounters — one BatchGetItem per 100 counters, not a GetItem each', () => {
  const HOUR = 3_600_000;
  const start = Date.parse('2026-11-27T00:00:00.000Z');
  const hours = Array.from({ length: 96 }, (_, i) => new Date(start + i * HOUR));
  const keyOf = (key: string, w: Date) => ({ pk: `RATE#${key}#${w.getTime() / 1000}`, sk: 'RATE' });
  it.each([
    // The unprocessed key goes again on its own, or at the head of the next hundred.
    ['4 daily windows of 2 keys', ['status-link-case-c1', 'citation-c1'], hours.slice(0, 4), 2],
    ['96 hour windows of 2 keys', ['webform-confirm-h', 'webform-confirm-unowned-h'], hours, 2],
  ])('%s: the held counters in the order asked, at most 100 keys a BatchGetItem', async (_, keys, windows, calls) => {
    const held = [keyOf(keys[1] as string, windows[1] as Date), keyOf(keys[0] as string, windows[0] as Date)];
    const leftOver = keyOf(keys[0] as string, windows.at(-1) as Date);
    ddb
      .on(BatchGetCommand)
      .resolvesOnce({
        Responses: { [TABLE]: held.map((k) => ({ ...k, hits: 2 })) },
        UnprocessedKeys: { [TABLE]: { Keys: [leftOver] } },
      })
      .resolves({ Responses: { [TABLE]: [{ ...leftOver, hits: 1 }] } });
    const found = await store.rateCounters(keys, windows);
    expect(found.map((h) => h.key)).toEqual([held[1], leftOver, held[0]]);
    const sent = ddb.commandCalls(BatchGetCommand).map((c) => c.args[0].input.RequestItems?.[TABLE]);
    expect(sent).toHaveLength(calls);
    expect(sent.flatMap((r) => r?.Keys ?? [])).toHaveLength(keys.length * windows.length + 1);
    expect(sent.every((r) => r?.ConsistentRead === true && (r.Keys?.length ?? 0) <= 100)).toBe(true);
    expect(sent.at(-1)?.Keys?.[0]).toEqual(leftOver);
    expect(ddb.commandCalls(GetCommand)).toHaveLength(0);
  });
});
