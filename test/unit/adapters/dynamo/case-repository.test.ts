import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  ProvisionedThroughputExceededException,
} from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  capUtf8,
  DynamoCaseRepository,
  normaliseMessageId,
  FIRST_MESSAGE_SK,
  INLINE_TEXT_MAX_BYTES,
  TRUNCATION_NOTE,
} from '../../../../shared/adapters/dynamo/case-repository';
import { documentClient, isConditionalCheckFailed } from '../../../../shared/adapters/dynamo/client';
import type { CaseRecord } from '../../../../shared/domain/case';
import { aDecision, aCase } from '../../../support/builders';

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }), {
  marshallOptions: { removeUndefinedValues: true },
});
const ddb = mockClient(doc);
const repo = new DynamoCaseRepository({ client: doc, tableName: 't', maxMessageTextBytes: 100 });
const CASE_KEY = { pk: 'CASE#email:abc', sk: 'CASE' };
const updatesOn = (prefix: string) =>
  ddb
    .commandCalls(UpdateCommand)
    .map((call) => call.args[0].input)
    .filter((input) => String(input.Key?.['pk']).startsWith(prefix));
/** Message-ID pointer writes, and writes of the case item, in order. */
const pointerWrites = () => updatesOn('MSGID#');
const caseWrites = () => updatesOn('CASE#');

/** An open case as its writer holds it: its pointers are kept (no TTL), and the adapter reads nothing to know it. */
const OPEN = { status: 'QUEUED', createdAt: '2026-03-02T12:00:00.000Z' } as const;
const ccf = () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
const throttled = () =>
  new ProvisionedThroughputExceededException({ message: 'Rate of requests exceeds', $metadata: {} });

/** A case not yet numbered (no protocol). */
const { protocol: _unnumbered, ...record }: CaseRecord = aCase({
  caseId: 'email:abc',
  channel: 'email',
  sourceId: 'abc',
  status: 'QUEUED',
  outcome: 'ACCEPTED',
  decision: aDecision('ACCEPTED', { ticket: { status: 'valid', number: '123' } }),
  ticketCandidates: [{ number: '123', source: 'subject', score: 1, evidence: 'chamado 123' }],
  senderEmail: 'Lojista@Exemplo.com.br',
  subject: 'Reclamação',
  createdAt: '2026-03-02T12:00:00.000Z',
  updatedAt: '2026-03-02T12:00:00.000Z',
  messages: [
    {
      sourceId: 'abc',
      channel: 'email',
      receivedAt: '2026-03-02T12:00:00.000Z',
      subject: 'Reclamação',
      text: 'Não recebi resposta do chamado 123.',
      attachments: [],
    },
  ],
  messageIds: [],
});

beforeEach(() => {
  ddb.reset();
});

describe('helpers', () => {
  it.each([
    ['short text stays', 'olá', 10, 'olá', false],
    ['cuts at a byte limit', 'abcdef', 3, 'abc', true],
    ['never splits a 2-byte character', 'aé', 2, 'a', true],
    ['never splits a 4-byte character', 'x😀y', 4, 'x', true],
    ['exact fit is not truncated', 'ção', 5, 'ção', false],
    ['empty text', '', 0, '', false],
  ])('capUtf8: %s', (_name, text, max, expected, truncated) => {
    expect(capUtf8(text, max)).toEqual({ text: expected, truncated });
  });

  it.each([
    ['<abc@x.com>', 'abc@x.com'],
    ['  <abc@x.com>  ', 'abc@x.com'],
    ['abc@x.com', 'abc@x.com'],
    ['<>', ''],
    ['', ''],
  ])('normaliseMessageId(%j) = %j', (input, expected) => {
    expect(normaliseMessageId(input)).toBe(expected);
  });

  it('recognises conditional check failures by name only', () => {
    expect(isConditionalCheckFailed(ccf())).toBe(true);
    expect(isConditionalCheckFailed(throttled())).toBe(false);
    expect(isConditionalCheckFailed(null)).toBe(false);
    expect(isConditionalCheckFailed('ConditionalCheckFailedException')).toBe(false);
  });

  it('builds a document client that drops undefined values', async () => {
    const client = documentClient({ endpoint: 'http://127.0.0.1:1', region: 'us-east-1' });
    expect(client.config.translateConfig?.marshallOptions?.removeUndefinedValues).toBe(true);
    expect(client.config.translateConfig?.marshallOptions?.convertClassInstanceToMap).toBe(false);
    client.destroy();
  });
});

describe('DynamoCaseRepository with a mocked DocumentClient', () => {
  it('create: stores keys, GSI attributes, the first message, and no messages list; the capped text apart, first', async () => {
    ddb.on(PutCommand).resolves({});
    ddb.on(QueryCommand).resolves({ Items: [] });
    const big = { ...record, messages: [{ ...record.messages[0]!, text: 'é'.repeat(80) }] };
    const result = await repo.create(big);
    const puts = ddb.commandCalls(PutCommand).map((c) => c.args[0].input);
    // The message is written once, on its own item, before the case item (rewritten many times).
    const first = puts[0]!;
    expect(first.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(first.Item).toMatchObject({ pk: 'CASE#email:abc', sk: FIRST_MESSAGE_SK, type: 'FIRSTMSG' });
    expect(Buffer.byteLength(first.Item?.['message'].text)).toBe(100);
    expect(first.Item?.['message']).not.toHaveProperty('attachments');
    const put = puts[1]!;
    expect(put.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(put.Item).toMatchObject({
      pk: 'CASE#email:abc',
      sk: 'CASE',
      gsi1pk: 'STATUS#QUEUED',
      gsi1sk: '2026-03-02T12:00:00.000Z#email:abc',
      gsi2pk: 'SENDER#lojista@exemplo.com.br',
      senderEmail: 'lojista@exemplo.com.br',
      firstMessageTruncated: true,
    });
    expect(put.Item?.['messages']).toBeUndefined();
    // On the case item, only what is matched or written there: the sourceId and the attachments.
    expect(put.Item?.['firstMessage']).toEqual({
      sourceId: record.messages[0]!.sourceId,
      attachments: record.messages[0]!.attachments,
    });
    // Read back (here: returned from what was written) with the capped text and the note.
    expect(result.record.messages[0]!.text).toBe(`${'é'.repeat(50)}${TRUNCATION_NOTE}`);
  });

  it('get: the first message comes from its own item and the case item; a case item holding it all still reads', async () => {
    const { messages: _m, ...fields } = record;
    const first = record.messages[0]!;
    const { attachments, ...apart } = first;
    const caseItem = {
      ...fields,
      pk: 'CASE#email:abc',
      sk: 'CASE',
      firstMessage: { sourceId: first.sourceId, attachments },
    };
    ddb
      .on(QueryCommand)
      .resolves({ Items: [caseItem, { pk: 'CASE#email:abc', sk: FIRST_MESSAGE_SK, message: apart }] });
    expect((await repo.get('email:abc'))?.messages).toEqual([first]);
    ddb.on(QueryCommand).resolves({ Items: [{ ...caseItem, firstMessage: first }] });
    expect((await repo.get('email:abc'))?.messages).toEqual([first]);
  });

  it('create: a conditional failure returns the stored record, not created', async () => {
    ddb.on(PutCommand).rejects(ccf());
    const storedItem = {
      ...record,
      pk: 'CASE#email:abc',
      sk: 'CASE',
      firstMessage: record.messages[0],
      subject: 'antigo',
    };
    delete (storedItem as Partial<CaseRecord>).messages;
    ddb.on(QueryCommand).resolves({ Items: [storedItem] });
    const result = await repo.create(record);
    expect(result.created).toBe(false);
    expect(result.record.subject).toBe('antigo');
    expect(result.record.messages).toEqual(record.messages);
  });

  it('create: throttling propagates (the caller retries)', async () => {
    ddb.on(PutCommand).rejects(throttled());
    await expect(repo.create(record)).rejects.toBeInstanceOf(ProvisionedThroughputExceededException);
  });

  it('get: reassembles follow-ups in time order and marks truncated texts', async () => {
    const m = (at: string, text: string, truncated = false) => ({
      pk: 'CASE#email:abc',
      sk: `MSG#${at}#s-${at}`,
      message: { ...record.messages[0]!, sourceId: `s-${at}`, receivedAt: at, text },
      ...(truncated ? { textTruncated: true } : {}),
    });
    ddb.on(QueryCommand).resolves({
      Items: [
        { ...record, messages: undefined, pk: 'CASE#email:abc', sk: 'CASE', firstMessage: record.messages[0] },
        m('2026-03-05T10:00:00.000Z', 'terceira'),
        m('2026-03-03T10:00:00-03:00', 'segunda', true),
        { pk: 'CASE#email:abc', sk: 'SRC#x', messageSk: 'MSG#...' },
      ],
    });
    const got = await repo.get('email:abc');
    expect(got?.messages.map((x) => x.text)).toEqual([
      record.messages[0]!.text,
      `segunda${TRUNCATION_NOTE}`,
      'terceira',
    ]);
    expect(got).not.toHaveProperty('pk');
    expect(got).not.toHaveProperty('firstMessage');
  });

  it('create with a text store: a long text is put before the item that references it; a short one stays inline', async () => {
    const order: string[] = [];
    const texts = {
      put: async (target: { caseId: string; sourceId: string; redirected?: boolean }, text: string) => {
        order.push(`put ${target.caseId} ${target.sourceId} ${target.redirected ?? false}`);
        return { key: `messages/${target.sourceId}.txt`, bytes: Buffer.byteLength(text) };
      },
      get: async () => 'never read',
      markClosed: async () => undefined,
      markOpen: async () => undefined,
      deleteCase: async () => 0,
    };
    ddb.on(PutCommand).callsFake((input: { Item: { sk: string } }) => {
      order.push(`dynamo ${input.Item.sk}`);
      return {};
    });
    const withTexts = new DynamoCaseRepository({ client: doc, tableName: 't', texts });
    const long = 'x'.repeat(INLINE_TEXT_MAX_BYTES + 1);
    const { record: created } = await withTexts.create({
      ...record,
      messages: [{ ...record.messages[0]!, text: long }],
    });
    expect(order).toEqual([`put email:abc ${record.sourceId} false`, `dynamo ${FIRST_MESSAGE_SK}`, 'dynamo CASE']);
    const first = ddb.commandCalls(PutCommand)[0]!.args[0].input.Item;
    expect(first?.['message']).not.toHaveProperty('text');
    expect(first?.['textRef']).toEqual({ key: `messages/${record.sourceId}.txt`, bytes: INLINE_TEXT_MAX_BYTES + 1 });
    // The record returned without a read back holds the text it was given.
    expect(created.messages[0]?.text).toBe(long);

    ddb.reset();
    ddb.on(PutCommand).resolves({});
    order.length = 0;
    const short = 'y'.repeat(INLINE_TEXT_MAX_BYTES);
    await withTexts.create({ ...record, messages: [{ ...record.messages[0]!, text: short }] });
    expect(order).toEqual([]);
    expect(ddb.commandCalls(PutCommand)[0]!.args[0].input.Item?.['message']?.['text']).toBe(short);
  });

  it('create: a numbered case is found through the protocol its own item carries; no PROTOCOL# item', async () => {
    ddb.on(PutCommand).resolves({});
    await repo.create({ ...record, protocol: 'OUV-2026-000007' });
    const puts = ddb.commandCalls(PutCommand).map((c) => c.args[0].input.Item);
    expect(puts.map((item) => item?.['sk'])).toEqual([FIRST_MESSAGE_SK, 'CASE']);
    expect(puts[1]).toMatchObject({ protocol: 'OUV-2026-000007' });
    expect(puts.some((item) => String(item?.['pk']).startsWith('PROTOCOL#'))).toBe(false);
  });

  it.each([
    ['an open case writes no pointer the delivery claim holds', 'QUEUED', []],
    ['a redirected record gives it its TTL, with an update that keeps the claim', 'REDIRECTED', ['held@x']],
  ] as const)('create with heldPointer: %s', async (_name, status, written) => {
    ddb.on(PutCommand).resolves({});
    ddb.on(UpdateCommand).resolves({});
    const outcome = status === 'QUEUED' ? 'ACCEPTED' : 'NOT_A_CLIENT';
    await repo.create(
      { ...record, status, outcome, decision: aDecision(outcome), messageIds: ['held@x', 'other@x'] },
      { heldPointer: '<held@x>' },
    );
    const pointers = pointerWrites();
    expect(pointers.map((u) => String(u.Key?.['pk']).slice('MSGID#'.length))).toEqual([...written, 'other@x']);
    for (const update of pointers) expect(update.UpdateExpression).not.toMatch(/deliveryKey/);
    if (status === 'REDIRECTED') expect(pointers[0]!.ExpressionAttributeValues).toHaveProperty(':ttl');
  });

  it('nextProtocol formats the counter value, and fails loudly without one', async () => {
    ddb
      .on(UpdateCommand)
      .resolvesOnce({ Attributes: { seq: 123 } })
      .resolvesOnce({ Attributes: {} });
    expect(await repo.nextProtocol(2026)).toBe('OUV-2026-000123');
    const input = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(input).toMatchObject({
      Key: { pk: 'COUNTER#PROTOCOL#2026' },
      // A draw for no case: the number is nobody's, so no later draw for a case gets it again.
      UpdateExpression: 'ADD seq :one REMOVE lastCase',
      ReturnValues: 'UPDATED_NEW',
    });
    await expect(repo.nextProtocol(2026)).rejects.toThrow(/no sequence/);
  });

  it('setProtocolOnce: one conditional write, a loser reads the winner; no pointer item', async () => {
    ddb.on(UpdateCommand).resolvesOnce({}).rejects(ccf());
    ddb.on(GetCommand).resolves({ Item: { pk: 'CASE#email:abc', sk: 'CASE', protocol: 'OUV-2026-000001' } });
    expect(await repo.setProtocolOnce('email:abc', 'OUV-2026-000001')).toBe('OUV-2026-000001');
    expect(ddb.commandCalls(UpdateCommand)[0]!.args[0].input).toMatchObject({
      Key: { pk: 'CASE#email:abc', sk: 'CASE' },
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(protocol)',
    });
    expect(await repo.setProtocolOnce('email:abc', 'OUV-2026-000002')).toBe('OUV-2026-000001');
    // The protocol index lists the case from the write that numbered it.
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
    await expect(repo.setProtocolOnce('email:abc', 'OUV-26-1')).rejects.toThrow(/protocol/);
  });

  describe('getByProtocol', () => {
    const caseQuery = { Items: [{ ...record, pk: 'CASE#email:abc', sk: 'CASE', protocol: 'OUV-2026-000001' }] };

    it('queries the protocol index with the canonical number, keeps the case entry and reads the case', async () => {
      ddb
        .on(QueryCommand)
        .resolvesOnce({
          Items: [
            { pk: 'SURVEY#OUV-2026-000001', sk: 'SURVEY', protocol: 'OUV-2026-000001' },
            { pk: 'CASE#email:abc', sk: 'CASE', protocol: 'OUV-2026-000001' },
          ],
        })
        .resolves(caseQuery);
      expect((await repo.getByProtocol('ouv-2026-000001'))?.caseId).toBe('email:abc');
      const [index, partition] = ddb.commandCalls(QueryCommand).map((c) => c.args[0].input);
      expect(index).toMatchObject({
        IndexName: 'gsi3-protocol',
        ExpressionAttributeNames: { '#protocol': 'protocol' },
        ExpressionAttributeValues: { ':protocol': 'OUV-2026-000001' },
      });
      // GSIs have no consistent reads.
      expect(index).not.toHaveProperty('ConsistentRead');
      expect(partition).toMatchObject({ ExpressionAttributeValues: { ':pk': 'CASE#email:abc' } });
      expect(ddb.commandCalls(GetCommand)).toHaveLength(0);
    });

    it('falls back to the legacy pointer when the index lists no case (tables from before the index)', async () => {
      ddb
        .on(QueryCommand)
        .resolvesOnce({ Items: [{ pk: 'SURVEY#OUV-2026-000001', sk: 'SURVEY', protocol: 'OUV-2026-000001' }] })
        .resolves(caseQuery);
      ddb.on(GetCommand).resolves({ Item: { pk: 'PROTOCOL#OUV-2026-000001', sk: 'PROTOCOL', caseId: 'email:abc' } });
      expect((await repo.getByProtocol('OUV-2026-000001'))?.caseId).toBe('email:abc');
      expect(ddb.commandCalls(GetCommand)[0]!.args[0].input).toMatchObject({
        Key: { pk: 'PROTOCOL#OUV-2026-000001', sk: 'PROTOCOL' },
        ConsistentRead: true,
      });
      ddb.reset();
      ddb.on(QueryCommand).resolves({ Items: [] });
      ddb.on(GetCommand).resolves({});
      expect(await repo.getByProtocol('OUV-2026-000002')).toBeNull();
    });

    it('fails loudly when the index lists two cases under one number, and reads nothing for a malformed one', async () => {
      ddb.on(QueryCommand).resolves({
        Items: [
          { pk: 'CASE#email:a', sk: 'CASE', protocol: 'OUV-2026-000001' },
          { pk: 'CASE#email:b', sk: 'CASE', protocol: 'OUV-2026-000001' },
        ],
      });
      await expect(repo.getByProtocol('OUV-2026-000001')).rejects.toThrow(/on 2 cases/);
      expect(await repo.getByProtocol('OUV-26-1')).toBeNull();
      expect(ddb.commandCalls(QueryCommand)).toHaveLength(1);
    });
  });

  it('claimReply: condition failure is false, other errors propagate', async () => {
    ddb.on(UpdateCommand).resolvesOnce({}).rejectsOnce(ccf()).rejectsOnce(throttled());
    const now = new Date('2026-03-02T12:00:00Z');
    expect(await repo.claimReply('email:abc', now, 60_000)).toBe(true);
    const input = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(input.ExpressionAttributeValues).toEqual({
      ':now': '2026-03-02T12:00:00.000Z',
      ':staleBefore': '2026-03-02T11:59:00.000Z',
      ':failed': 'failed',
    });
    expect(await repo.claimReply('email:abc', now, 60_000)).toBe(false);
    await expect(repo.claimReply('email:abc', now, 60_000)).rejects.toThrow(/Rate of requests/);
  });

  it('claimHeldReply: only the breaker’s hold, a failure to retry or a stale claim; one write, false on the condition', async () => {
    ddb.on(UpdateCommand).resolvesOnce({}).rejectsOnce(ccf()).rejectsOnce(throttled());
    const now = new Date('2026-11-24T16:00:05Z');
    expect(await repo.claimHeldReply('email:abc', now, 45_000)).toBe(true);
    const input = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(input).toMatchObject({
      Key: { pk: 'CASE#email:abc', sk: 'CASE' },
      UpdateExpression: 'SET replyClaimedAt = :now REMOVE #reply',
    });
    expect(input.ConditionExpression).toContain('(#reply.#status = :suppressed AND #reply.#reason = :held)');
    expect(input.ConditionExpression).toContain('attribute_not_exists(#reply.#permanent)');
    expect(input.ExpressionAttributeValues).toMatchObject({
      ':held': 'bounce-breaker',
      ':staleBefore': '2026-11-24T15:59:20.000Z',
    });
    expect(await repo.claimHeldReply('email:abc', now, 45_000)).toBe(false);
    await expect(repo.claimHeldReply('email:abc', now, 45_000)).rejects.toThrow(/Rate of requests/);
  });

  it('assign: moves the status index, then counts the case with an open-case marker', async () => {
    ddb.on(UpdateCommand).resolves({});
    ddb.on(PutCommand).resolves({});
    const ok = await repo.assign(
      'email:abc',
      'ana',
      new Date('2026-03-02T13:00:00Z'),
      new Date('2026-03-16T20:00:00Z'),
    );
    expect(ok).toBe(true);
    const calls = ddb.commandCalls(UpdateCommand).map((c) => c.args[0].input);
    expect(calls[0]).toMatchObject({
      Key: { pk: 'CASE#email:abc', sk: 'CASE' },
      ConditionExpression: 'attribute_exists(pk) AND #status = :queued',
    });
    expect(calls[0]!.ExpressionAttributeValues?.[':gsiPk']).toBe('STATUS#ASSIGNED');
    // The history entry (who, when, to whom) in the same write: the console shows the assignment.
    expect(calls[0]!.UpdateExpression).toContain(
      '#history = list_append(if_not_exists(#history, :noEvents), :assignedEvents)',
    );
    expect(calls[0]!.ExpressionAttributeValues?.[':assignedEvents']).toEqual([
      {
        type: 'assigned',
        analystId: 'ana',
        at: '2026-03-02T13:00:00.000Z',
        dueAt: '2026-03-16T20:00:00.000Z',
        actor: { kind: 'system' },
      },
    ]);
    // One marker per open (analyst, case), put only if absent: idempotent, and it goes on close.
    // It carries the assignment instant: the analyst's last assignment, with no staff item write.
    expect(ddb.commandCalls(PutCommand)[0]!.args[0].input).toMatchObject({
      Item: {
        pk: 'STAFF',
        sk: 'OPENCASE#ana#email:abc',
        analystId: 'ana',
        caseId: 'email:abc',
        assignedAt: '2026-03-02T13:00:00.000Z',
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    expect(calls).toHaveLength(1);
  });

  it('assign: a case no longer QUEUED returns false and only heals its own analyst', async () => {
    ddb.on(UpdateCommand).rejectsOnce(ccf()).resolves({});
    ddb.on(PutCommand).resolves({});
    ddb
      .on(GetCommand)
      .resolves({ Item: { status: 'ASSIGNED', assignee: 'bea', assignedAt: '2026-03-02T12:59:00.000Z' } });
    expect(await repo.assign('email:abc', 'ana', new Date(), new Date())).toBe(false);
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(1);
    expect(ddb.commandCalls(PutCommand).map((c) => c.args[0].input.Item)).toEqual([
      expect.objectContaining({ analystId: 'bea', assignedAt: '2026-03-02T12:59:00.000Z' }),
    ]);
  });

  it('assign and markAnalystNotified carry Message-IDs in their own conditional writes', async () => {
    ddb.on(UpdateCommand).resolves({});
    ddb.on(PutCommand).resolves({});
    await repo.assign('email:abc', 'ana', new Date(), new Date(), { messageIds: ['<notice@x>'] });
    const assign = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(assign.UpdateExpression).toContain(', messageIds = list_append(if_not_exists(messageIds, :emptyIds), :ids)');
    expect(assign.ConditionExpression).toBe('attribute_exists(pk) AND #status = :queued');
    expect(assign.ExpressionAttributeValues).toMatchObject({ ':ids': ['notice@x'] });
    ddb.reset();
    ddb.on(UpdateCommand).resolves({});
    expect(await repo.markAnalystNotified('email:abc', new Date(), { messageIds: ['ses-1@x'] })).toBe(true);
    const notified = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(notified.UpdateExpression).toBe(
      'SET analystNotifiedAt = :at, messageIds = list_append(if_not_exists(messageIds, :emptyIds), :ids)',
    );
    expect(notified.ConditionExpression).toBe('attribute_exists(pk) AND attribute_not_exists(analystNotifiedAt)');
    // Recorded already: false, and nothing of it was written.
    ddb.reset();
    ddb.on(UpdateCommand).rejects(ccf());
    expect(await repo.markAnalystNotified('email:abc', new Date(), { messageIds: ['ses-1@x'] })).toBe(false);
  });

  it('assign: a closed or redirected case is left alone', async () => {
    ddb.on(UpdateCommand).rejects(ccf());
    ddb.on(GetCommand).resolves({ Item: { status: 'REDIRECTED' } });
    expect(await repo.assign('email:abc', 'ana', new Date(), new Date())).toBe(false);
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(1);
  });

  it('appendMessage: a message whose guard and item exist is not appended again', async () => {
    ddb
      .on(GetCommand, { Key: { pk: 'CASE#email:abc', sk: 'CASE' } })
      .resolves({ Item: { firstMessage: record.messages[0] } });
    ddb
      .on(GetCommand, { Key: { pk: 'CASE#email:abc', sk: 'SRC#dup' } })
      .resolves({ Item: { messageSk: 'MSG#2026-03-03T00:00:00.000Z#dup' } });
    ddb.on(PutCommand).rejects(ccf());
    const dup = { ...record.messages[0]!, sourceId: 'dup', receivedAt: '2026-03-03T00:00:05.000Z' };
    expect(await repo.appendMessage('email:abc', dup)).toBe(false);
    const puts = ddb.commandCalls(PutCommand).map((c) => c.args[0].input.Item?.['sk']);
    // The second put targets the key the guard recorded, not this delivery's receivedAt.
    expect(puts).toEqual(['SRC#dup', 'MSG#2026-03-03T00:00:00.000Z#dup']);
  });

  it('appendMessage: a message added to a case that expires (closed) expires with it', async () => {
    ddb
      .on(GetCommand)
      .resolves({ Item: { firstMessage: record.messages[0], status: 'CLOSED', expiresAt: 1_900_000_000 } });
    ddb.on(PutCommand).resolves({});
    ddb.on(UpdateCommand).resolves({});
    const later = { ...record.messages[0]!, sourceId: 'later', receivedAt: '2026-03-09T00:00:00.000Z' };
    expect(await repo.appendMessage('email:abc', later)).toBe(true);
    const puts = ddb.commandCalls(PutCommand).map((c) => c.args[0].input.Item);
    expect(puts.map((item) => [item?.['sk'], item?.['expiresAt']])).toEqual([
      ['SRC#later', 1_900_000_000],
      ['MSG#2026-03-09T00:00:00.000Z#later', 1_900_000_000],
    ]);
  });

  it('appendMessage: the first message itself is never appended', async () => {
    ddb.on(GetCommand).resolves({ Item: { firstMessage: record.messages[0] } });
    expect(await repo.appendMessage('email:abc', record.messages[0]!)).toBe(false);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('create: a new one-message case is returned from the item written, without a read', async () => {
    ddb.on(PutCommand).resolves({});
    const result = await repo.create(record);
    expect(result.created).toBe(true);
    expect(result.record).toEqual({ ...record, senderEmail: 'lojista@exemplo.com.br' });
    expect(ddb.commandCalls(QueryCommand)).toHaveLength(0);
    expect(ddb.commandCalls(GetCommand)).toHaveLength(0);
  });

  it('addMessageIds: no read — the pointers, then one append conditioned on the case and the ids being absent', async () => {
    ddb.on(UpdateCommand).resolves({});
    await repo.addMessageIds('email:abc', ['<a@b>', 'c@d'], ['Lojista@Exemplo.com.br']);
    expect(ddb.commandCalls(GetCommand)).toHaveLength(0);
    // Conditional updates: what a pointer holds besides (a delivery claim's key) stays.
    expect(pointerWrites()[0]).toMatchObject({
      Key: { pk: 'MSGID#a@b', sk: 'MSGID' },
      UpdateExpression: 'SET caseId = :caseId, #type = :type, sentTo = :sentTo',
      ConditionExpression: 'attribute_not_exists(pk) OR caseId = :caseId',
      ExpressionAttributeValues: { ':caseId': 'email:abc', ':sentTo': ['lojista@exemplo.com.br'] },
    });
    const update = caseWrites()[0]!;
    expect(update.ConditionExpression).toBe(
      'attribute_exists(pk) AND NOT contains(messageIds, :id0) AND NOT contains(messageIds, :id1)',
    );
    expect(update.ExpressionAttributeValues).toMatchObject({
      ':missing': ['a@b', 'c@d'],
      ':id0': 'a@b',
      ':id1': 'c@d',
    });
  });

  it('addMessageIds: a lost append re-reads before trying again', async () => {
    ddb
      .on(GetCommand)
      .resolvesOnce({ Item: { pk: 'CASE#email:abc', sk: 'CASE', messageIds: [] } })
      .resolves({ Item: { pk: 'CASE#email:abc', sk: 'CASE', messageIds: ['other@x'] } });
    ddb.on(UpdateCommand).resolves({});
    ddb.on(UpdateCommand, { Key: CASE_KEY }).rejectsOnce(ccf()).resolves({});
    await repo.addMessageIds('email:abc', ['a@b']);
    expect(ddb.commandCalls(GetCommand)).toHaveLength(1);
    expect(caseWrites()[1]!.ExpressionAttributeValues).toMatchObject({
      ':missing': ['a@b'],
    });
  });

  it('addMessageIds: an id the list already holds is not appended twice', async () => {
    ddb.on(GetCommand).resolves({ Item: { pk: 'CASE#email:abc', sk: 'CASE', messageIds: ['a@b'] } });
    ddb.on(UpdateCommand).resolves({});
    ddb.on(UpdateCommand, { Key: CASE_KEY }).rejectsOnce(ccf()).resolves({});
    await repo.addMessageIds('email:abc', ['a@b', 'c@d']);
    expect(caseWrites()).toHaveLength(2);
    expect(caseWrites()[1]!.ExpressionAttributeValues).toMatchObject({
      ':missing': ['c@d'],
    });
  });

  it('recordReply: reply and updatedAt in one write; alone when updatedAt is ahead', async () => {
    ddb.on(UpdateCommand).resolves({});
    const reply = { status: 'sent' as const, messageId: 'a@b', at: '2026-03-02T12:00:05.000Z' };
    await repo.recordReply('email:abc', reply);
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(1);
    expect(ddb.commandCalls(GetCommand)).toHaveLength(0);
    expect(ddb.commandCalls(UpdateCommand)[0]!.args[0].input).toMatchObject({
      UpdateExpression: 'SET #reply = :reply, updatedAt = :at',
      ExpressionAttributeValues: { ':reply': reply, ':at': reply.at },
    });
    ddb.reset();
    ddb.on(UpdateCommand).rejectsOnce(ccf()).resolves({});
    ddb.on(GetCommand).resolves({ Item: { pk: 'CASE#email:abc', sk: 'CASE', updatedAt: '2026-03-02T12:00:09.000Z' } });
    await repo.recordReply('email:abc', reply);
    const second = ddb.commandCalls(UpdateCommand)[1]!.args[0].input;
    expect(second.UpdateExpression).toBe('SET #reply = :reply');
    expect(second.ConditionExpression).toBe('attribute_exists(pk)');
  });

  it('recordReply carries the provider ids in the same write, and a retry never appends them twice', async () => {
    ddb.on(UpdateCommand).resolves({});
    const reply = { status: 'sent' as const, messageId: 'a@b', at: '2026-03-02T12:00:05.000Z' };
    await repo.recordReply('email:abc', reply, { messageIds: ['<x@ses>', 'y@ses'] });
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(1);
    const input = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(input.UpdateExpression).toBe(
      'SET #reply = :reply, updatedAt = :at, messageIds = list_append(if_not_exists(messageIds, :emptyIds), :ids)',
    );
    expect(input.ConditionExpression).toContain('NOT contains(messageIds, :bid0) AND NOT contains(messageIds, :bid1)');
    expect(input.ExpressionAttributeValues).toMatchObject({ ':ids': ['x@ses', 'y@ses'] });
    // The first write went through but its response was lost: the retry finds the ids and adds none.
    ddb.reset();
    ddb.on(UpdateCommand).rejectsOnce(ccf()).resolves({});
    ddb
      .on(GetCommand)
      .resolves({ Item: { pk: 'CASE#email:abc', sk: 'CASE', updatedAt: reply.at, messageIds: ['x@ses', 'y@ses'] } });
    await repo.recordReply('email:abc', reply, { messageIds: ['x@ses', 'y@ses'] });
    const retry = ddb.commandCalls(UpdateCommand)[1]!.args[0].input;
    expect(retry.UpdateExpression).toBe('SET #reply = :reply, updatedAt = :at');
    // No case: an error, never a half item.
    ddb.reset();
    ddb.on(UpdateCommand).rejects(ccf());
    ddb.on(GetCommand).resolves({});
    await expect(repo.recordReply('email:missing', reply)).rejects.toThrow(/not found/);
  });

  it('claimReply carries our Message-ID and the enqueue time in the claim itself', async () => {
    ddb.on(UpdateCommand).resolves({});
    const now = new Date('2026-03-02T12:00:00.000Z');
    expect(await repo.claimReply('email:abc', now, 60_000, { messageIds: ['<ours@x>'], enqueuedAt: now })).toBe(true);
    const input = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(input.UpdateExpression).toBe(
      'SET replyClaimedAt = :now, messageIds = list_append(if_not_exists(messageIds, :emptyIds), :ids), ' +
        'enqueuedAt = if_not_exists(enqueuedAt, :enqueuedAt) REMOVE #reply',
    );
    expect(input.ExpressionAttributeValues).toMatchObject({ ':ids': ['ours@x'], ':enqueuedAt': now.toISOString() });
  });

  it('addMessageIds with listedOnCase writes the pointers only', async () => {
    ddb.on(UpdateCommand).resolves({});
    await repo.addMessageIds('email:abc', ['a@b'], ['x@y'], { listedOnCase: true, record: OPEN });
    expect(pointerWrites()).toHaveLength(1);
    expect(caseWrites()).toHaveLength(0);
    expect(ddb.commandCalls(GetCommand)).toHaveLength(0);
  });

  it('addMessageIds with takeOverFrom may take a pointer naming that case (a follow-up’s own claim)', async () => {
    ddb.on(UpdateCommand).resolves({});
    await repo.addMessageIds('email:parent', ['a@b'], undefined, {
      listedOnCase: true,
      takeOverFrom: 'email:ses-2',
      record: OPEN,
    });
    expect(pointerWrites()[0]).toMatchObject({
      ConditionExpression: 'attribute_not_exists(pk) OR caseId = :caseId OR caseId = :from',
      ExpressionAttributeValues: { ':caseId': 'email:parent', ':from': 'email:ses-2' },
    });
  });

  it('addMessageIds of minted ids: one unconditional batch for all pointers, SES forms sharing one', async () => {
    ddb.on(BatchWriteCommand).resolves({});
    const ids = ['ours@ouvidoria.example', '0100019a@us-east-1.amazonses.com', '0100019a@email.amazonses.com'];
    await repo.addMessageIds('email:abc', ids, ['X@Y'], {
      listedOnCase: true,
      sentByUs: true,
      minted: true,
      record: OPEN,
    });
    expect(ddb.calls()).toHaveLength(1);
    const items = ddb.commandCalls(BatchWriteCommand)[0]!.args[0].input.RequestItems?.['t'] ?? [];
    expect(items.map((r) => r.PutRequest?.Item)).toEqual([
      { pk: 'MSGID#ours@ouvidoria.example', sk: 'MSGID', type: 'MSGID', caseId: 'email:abc', sentTo: ['x@y'] },
      { pk: 'MSGID#0100019a@amazonses.com', sk: 'MSGID', type: 'MSGID', caseId: 'email:abc', sentTo: ['x@y'] },
    ]);
  });

  it("addMessageIds: a redirected record's pointers take its LGPD expiry (they name the recipient), without a read", async () => {
    ddb.on(BatchWriteCommand).resolves({});
    const redirected = { status: 'REDIRECTED', createdAt: '2026-03-02T12:00:00.000Z' } as const;
    await repo.addMessageIds('email:abc', ['a@c'], ['x@y'], { listedOnCase: true, minted: true, record: redirected });
    expect(ddb.calls()).toHaveLength(1);
    const items = ddb.commandCalls(BatchWriteCommand)[0]!.args[0].input.RequestItems?.['t'] ?? [];
    expect(items[0]?.PutRequest?.Item?.['expiresAt']).toBe(Date.parse(redirected.createdAt) / 1000 + 180 * 86_400);
  });

  it('addMessageIds: listed ids of a case the caller does not describe read its expiry first', async () => {
    ddb.on(GetCommand).resolves({ Item: { ...CASE_KEY, status: 'CLOSED', expiresAt: 1_900_000_000 } });
    ddb.on(UpdateCommand).resolves({});
    await repo.addMessageIds('email:abc', ['a@b'], undefined, { listedOnCase: true });
    expect(pointerWrites()[0]?.ExpressionAttributeValues).toMatchObject({ ':ttl': 1_900_000_000 });
    expect(caseWrites()).toHaveLength(0);
  });

  it("addMessageIds: ids added to a case that expires (a closed case's last mails) get its expiry from the list append", async () => {
    ddb.on(UpdateCommand).resolves({});
    ddb.on(UpdateCommand, { Key: CASE_KEY }).resolves({ Attributes: { ...CASE_KEY, expiresAt: 1_900_000_000 } });
    await repo.addMessageIds('email:abc', ['a@b']);
    const writes = pointerWrites();
    expect(writes).toHaveLength(2);
    expect(writes[1]).toMatchObject({
      UpdateExpression: 'SET #ttl = :ttl',
      ConditionExpression: 'caseId = :caseId',
      ExpressionAttributeValues: { ':ttl': 1_900_000_000, ':caseId': 'email:abc' },
    });
  });

  it('addMessageIds of minted ids puts unprocessed items again, and throws when they stay unprocessed', async () => {
    const unprocessed = { PutRequest: { Item: { pk: 'MSGID#b@c', sk: 'MSGID', type: 'MSGID', caseId: 'email:abc' } } };
    ddb
      .on(BatchWriteCommand)
      .resolvesOnce({ UnprocessedItems: { t: [unprocessed] } })
      .resolves({});
    await repo.addMessageIds('email:abc', ['a@c', 'b@c'], undefined, {
      listedOnCase: true,
      minted: true,
      record: OPEN,
    });
    const calls = ddb.commandCalls(BatchWriteCommand);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.args[0].input.RequestItems?.['t']).toEqual([unprocessed]);

    ddb.reset();
    ddb.on(BatchWriteCommand).resolves({ UnprocessedItems: { t: [unprocessed] } });
    await expect(
      repo.addMessageIds('email:abc', ['b@c'], undefined, { listedOnCase: true, minted: true, record: OPEN }),
    ).rejects.toThrow(/unprocessed/);
    expect(ddb.commandCalls(BatchWriteCommand)).toHaveLength(5);
  });

  it('addMessageIds: gives up with an error after repeated contention', async () => {
    ddb.on(GetCommand).resolves({ Item: { pk: 'CASE#email:abc', sk: 'CASE', messageIds: [] } });
    ddb.on(UpdateCommand).resolves({});
    ddb.on(UpdateCommand, { Key: CASE_KEY }).rejects(ccf());
    await expect(repo.addMessageIds('email:abc', ['a@b'])).rejects.toThrow(/contention/);
  });

  it('addMessageIds: nothing to do for blank ids; unknown case throws', async () => {
    await repo.addMessageIds('email:abc', ['', ' <> ']);
    expect(ddb.calls()).toHaveLength(0);
    ddb.on(GetCommand).resolves({});
    ddb.on(UpdateCommand).rejects(ccf());
    await expect(repo.addMessageIds('email:nope', ['a@b'])).rejects.toThrow(/not found/);
  });

  it('listByStatus queries the status index newest first', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    expect(await repo.listByStatus('QUEUED', 5)).toEqual([]);
    expect(ddb.commandCalls(QueryCommand)[0]!.args[0].input).toMatchObject({
      IndexName: 'gsi1-status',
      ScanIndexForward: false,
      ExpressionAttributeValues: { ':pk': 'STATUS#QUEUED' },
    });
    expect(await repo.listByStatus('QUEUED', 0)).toEqual([]);
  });

  it('listByStatus reads oldest first when a sweep asks, and pages through the whole status', async () => {
    ddb
      .on(QueryCommand, { IndexName: 'gsi1-status' })
      .resolvesOnce({ Items: [], LastEvaluatedKey: { pk: 'x' } })
      .resolvesOnce({ Items: [] });
    expect(await repo.listByStatus('QUEUED', Number.POSITIVE_INFINITY, 'oldest')).toEqual([]);
    const calls = ddb.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({ IndexName: 'gsi1-status', ScanIndexForward: true, Limit: 1000 });
  });

  it('countOpenBySender sums counts over pages', async () => {
    ddb
      .on(QueryCommand)
      .resolvesOnce({ Count: 2, LastEvaluatedKey: { pk: 'x' } })
      .resolvesOnce({ Count: 1 });
    expect(await repo.countOpenBySender('LOJISTA@exemplo.com.br')).toBe(3);
    expect(ddb.commandCalls(QueryCommand)[0]!.args[0].input.ExpressionAttributeValues?.[':pk']).toBe(
      'SENDER#lojista@exemplo.com.br',
    );
  });
});

describe('getFirstStored', () => {
  beforeEach(() => ddb.reset());

  it('asks again for the keys DynamoDB left unprocessed, then reads the first stored case in the given order', async () => {
    const second = { pk: 'CASE#webform:b', sk: 'CASE' };
    ddb
      .on(BatchGetCommand)
      .resolvesOnce({ Responses: { t: [] }, UnprocessedKeys: { t: { Keys: [second] } } })
      .resolves({ Responses: { t: [{ pk: second.pk }] } });
    ddb.on(QueryCommand).resolves({ Items: [] });
    // The found case is then read whole (one Query; this mock holds no items, so null).
    expect(await repo.getFirstStored(['webform:a', 'webform:b'])).toBeNull();
    const batches = ddb.commandCalls(BatchGetCommand).map((c) => c.args[0].input.RequestItems?.['t']);
    expect(batches).toEqual([
      { Keys: [{ pk: 'CASE#webform:a', sk: 'CASE' }, second], ConsistentRead: true, ProjectionExpression: 'pk' },
      { Keys: [second], ConsistentRead: true, ProjectionExpression: 'pk' },
    ]);
    expect(ddb.commandCalls(QueryCommand)[0]?.args[0].input.ExpressionAttributeValues).toEqual({
      ':pk': 'CASE#webform:b',
    });
  });

  it('throws when keys stay unprocessed', async () => {
    ddb.on(BatchGetCommand).resolves({ UnprocessedKeys: { t: { Keys: [{ pk: 'CASE#webform:a', sk: 'CASE' }] } } });
    await expect(repo.getFirstStored(['webform:a', 'webform:b'])).rejects.toThrow(/unprocessed/);
    expect(ddb.commandCalls(BatchGetCommand)).toHaveLength(5);
  });
});
