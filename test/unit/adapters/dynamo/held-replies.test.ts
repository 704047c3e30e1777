import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoHeldReplies } from '../../../../shared/adapters/dynamo/held-replies';
import type { HeldReply } from '../../../../shared/domain/bounce-breaker';

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const ddb = mockClient(doc);
const store = new DynamoHeldReplies(doc, 't');

const held = (heldAt: string, caseId = 'email-ses-0001'): HeldReply => ({
  caseId,
  heldAt,
  messageId: '<r-1@ouvidoria.example.com.br>',
  to: 'lojista@modasbella.com.br',
  headers: { 'In-Reply-To': '<CAF1234@mail.gmail.com>', 'Auto-Submitted': 'auto-replied' },
  leadAllowed: true,
});

beforeEach(() => {
  ddb.reset();
});

describe('DynamoHeldReplies', () => {
  it('holds a reply in one PutItem under its UTC date, expiring a day after its window', async () => {
    ddb.on(PutCommand).resolves({});
    await store.hold(held('2026-11-24T23:59:30.000Z'));
    const calls = ddb.commandCalls(PutCommand);
    expect(calls).toHaveLength(1);
    const item = calls[0]!.args[0].input.Item!;
    expect(item).toMatchObject({
      pk: 'HELDREPLY#2026-11-24',
      sk: '2026-11-24T23:59:30.000Z#email-ses-0001',
      reply: held('2026-11-24T23:59:30.000Z'),
      expiresAt: Date.parse('2026-11-26T23:59:30.000Z') / 1000,
    });
  });

  it.each([
    // [since, now, partitions queried]
    ['the same day', '2026-11-24T10:00:00.000Z', '2026-11-24T14:00:00.000Z', ['HELDREPLY#2026-11-24']],
    [
      'a day back',
      '2026-11-23T14:00:00.000Z',
      '2026-11-24T14:00:00.000Z',
      ['HELDREPLY#2026-11-23', 'HELDREPLY#2026-11-24'],
    ],
  ])('queries the dates of the window by key (%s), from `since` on', async (_, since, now, pks) => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    await store.heldSince(new Date(since), new Date(now), 100);
    const inputs = ddb.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(inputs.map((input) => input.ExpressionAttributeValues?.[':pk'])).toEqual(pks);
    for (const input of inputs) {
      expect(input.KeyConditionExpression).toBe('pk = :pk AND sk >= :from');
      expect(input.ExpressionAttributeValues?.[':from']).toBe(since);
      expect(input.ConsistentRead).toBe(true);
    }
  });

  it('pages on, and skips expired (dynalite never expires) and garbled items', async () => {
    const now = new Date('2026-11-24T14:00:00.000Z');
    ddb
      .on(QueryCommand)
      .resolvesOnce({
        Items: [
          { reply: held('2026-11-24T10:00:00.000Z', 'a'), expiresAt: now.getTime() / 1000 + 60 },
          { reply: held('2026-11-24T10:01:00.000Z', 'b'), expiresAt: now.getTime() / 1000 - 1 },
        ],
        LastEvaluatedKey: { pk: 'HELDREPLY#2026-11-24', sk: 'x' },
      })
      .resolvesOnce({ Items: [{ reply: { caseId: 'c' } }, { reply: held('2026-11-24T10:02:00.000Z', 'd') }] });
    const found = await store.heldSince(new Date('2026-11-24T09:00:00.000Z'), now, 100);
    expect(found.map((reply) => reply.caseId)).toEqual(['a', 'd']);
    expect(ddb.commandCalls(QueryCommand)[1]!.args[0].input.ExclusiveStartKey).toEqual({
      pk: 'HELDREPLY#2026-11-24',
      sk: 'x',
    });
  });

  // A run reads at most HELD_REPLY_READ_PER_RUN: no page, no day past it is asked for.
  it('reads no more than asked, the oldest first, across pages and days', async () => {
    const now = new Date('2026-11-24T14:00:00.000Z');
    ddb
      .on(QueryCommand)
      .resolvesOnce({
        Items: [{ reply: held('2026-11-23T15:00:00.000Z', 'a') }, { reply: held('2026-11-23T16:00:00.000Z', 'b') }],
        LastEvaluatedKey: { pk: 'HELDREPLY#2026-11-23', sk: 'x' },
      })
      .resolvesOnce({ Items: [{ reply: held('2026-11-23T17:00:00.000Z', 'c') }] })
      .resolves({ Items: [{ reply: held('2026-11-24T10:00:00.000Z', 'd') }] });
    const found = await store.heldSince(new Date('2026-11-23T14:00:00.000Z'), now, 3);
    expect(found.map((reply) => reply.caseId)).toEqual(['a', 'b', 'c']);
    expect(ddb.commandCalls(QueryCommand).map((call) => call.args[0].input.Limit)).toEqual([3, 1]);
  });

  it('removes by the same key', async () => {
    ddb.on(DeleteCommand).resolves({});
    await store.remove({ caseId: 'email-ses-0001', heldAt: '2026-11-24T10:00:00.000Z' });
    expect(ddb.commandCalls(DeleteCommand)[0]!.args[0].input.Key).toEqual({
      pk: 'HELDREPLY#2026-11-24',
      sk: '2026-11-24T10:00:00.000Z#email-ses-0001',
    });
  });
});
