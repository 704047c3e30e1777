import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  ProvisionedThroughputExceededException,
} from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoBounceCounter } from '../../../../shared/adapters/dynamo/bounce-counter';
import { BOUNCE_KEYS_PER_HOUR } from '../../../../shared/domain/bounce-breaker';

const raw = new DynamoDBClient({ region: 'us-east-1' });
const doc = DynamoDBDocumentClient.from(raw);
const ddb = mockClient(doc);
const HOUR = new Date('2026-11-24T14:00:00.000Z');
const BEFORE = new Date('2026-11-24T13:00:00.000Z');
/** The keys of an item that keeps all it may. */
const fullSet = () => Array.from({ length: BOUNCE_KEYS_PER_HOUR }, (_, i) => i.toString(16).padStart(16, '0'));
const pk = (hour: Date) => `RATE#ses-permanent-bounces#${hour.getTime() / 1000}`;

beforeEach(() => {
  ddb.reset();
});

describe('DynamoBounceCounter', () => {
  const counter = new DynamoBounceCounter(doc, 't');

  const KEYS = ['9f2c4e1a7b3d5c60', '0a1b2c3d4e5f6071'];
  const refused = () =>
    new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

  it('counts a notification’s bounces in one conditional write that keeps their keys; the item expires two hours on', async () => {
    ddb.on(UpdateCommand).resolves({});
    await counter.add(HOUR, [...KEYS, KEYS[0]!]);
    const calls = ddb.commandCalls(UpdateCommand);
    expect(calls).toHaveLength(1);
    expect(ddb.commandCalls(GetCommand)).toHaveLength(0);
    const input = calls[0]!.args[0].input;
    expect(input.Key).toEqual({ pk: pk(HOUR), sk: 'RATE' });
    expect(input.UpdateExpression).toBe('ADD hits :n, seen :keys SET #ttl = :ttl');
    expect(input.ConditionExpression).toBe(
      '(attribute_not_exists(seen) OR size(seen) < :max) AND NOT contains(seen, :k0) AND NOT contains(seen, :k1)',
    );
    expect(input.ExpressionAttributeValues).toEqual({
      ':n': 2,
      ':keys': new Set(KEYS),
      ':k0': KEYS[0],
      ':k1': KEYS[1],
      ':max': BOUNCE_KEYS_PER_HOUR,
      ':ttl': HOUR.getTime() / 1000 + 7200,
    });
  });

  it('writes nothing for no bounces', async () => {
    await counter.add(HOUR, []);
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  // Each row: what the item kept when the write was refused → the keys written again, then counted plainly.
  it.each([
    [
      'the same notification again (SNS, a Lambda retry): nothing more',
      [KEYS[0]!, KEYS[1]!, 'ffff000011112222'],
      [],
      0,
    ],
    ['one of its bounces counted by another notification: the other counted', [KEYS[0]!], [[KEYS[1]!]], 0],
    ['a full item: the new ones counted plainly', fullSet(), [], 2],
    ['a full item holding one of them: only the other', [...fullSet(), KEYS[0]!], [], 1],
  ])('refused, %s', async (_, kept, retried, plain) => {
    ddb.on(GetCommand).resolves({ Item: { seen: new Set(kept) } });
    ddb.on(UpdateCommand).rejectsOnce(refused()).resolves({});
    await counter.add(HOUR, KEYS);
    const writes = ddb.commandCalls(UpdateCommand).map((call) => call.args[0].input);
    expect(ddb.commandCalls(GetCommand)[0]?.args[0].input).toMatchObject({
      ConsistentRead: true,
      Key: { pk: pk(HOUR), sk: 'RATE' },
    });
    expect(
      writes
        .slice(1)
        .filter((w) => w.ConditionExpression)
        .map((w) => [...(w.ExpressionAttributeValues![':keys'] as Set<string>)]),
    ).toEqual(retried);
    const plainWrites = writes.filter((w) => !w.ConditionExpression);
    expect(plainWrites.map((w) => w.ExpressionAttributeValues?.[':n'])).toEqual(plain ? [plain] : []);
    if (plain) expect(plainWrites[0]?.UpdateExpression).toBe('ADD hits :n SET #ttl = :ttl');
  });

  it('a write DynamoDB refuses for another reason reaches the caller', async () => {
    ddb.on(UpdateCommand).rejects(new ProvisionedThroughputExceededException({ message: 'throttled', $metadata: {} }));
    await expect(counter.add(HOUR, KEYS)).rejects.toThrow('throttled');
  });

  it('reads both hours in one request, in the order asked, 0 for an hour with none', async () => {
    ddb.on(BatchGetCommand).resolves({ Responses: { t: [{ pk: pk(BEFORE), hits: 12 }] } });
    expect(await counter.counts([HOUR, BEFORE])).toEqual([0, 12]);
    const calls = ddb.commandCalls(BatchGetCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input.RequestItems?.['t']?.Keys).toEqual([
      { pk: pk(HOUR), sk: 'RATE' },
      { pk: pk(BEFORE), sk: 'RATE' },
    ]);
  });

  it('asks again for keys DynamoDB left unprocessed, then counts them as none (the reply goes)', async () => {
    const unprocessed = { t: { Keys: [{ pk: pk(HOUR), sk: 'RATE' }] } };
    ddb
      .on(BatchGetCommand)
      .resolvesOnce({ Responses: { t: [{ pk: pk(BEFORE), hits: 4 }] }, UnprocessedKeys: unprocessed })
      .resolvesOnce({ Responses: { t: [] }, UnprocessedKeys: unprocessed })
      .resolvesOnce({ Responses: { t: [] }, UnprocessedKeys: unprocessed });
    expect(await counter.counts([HOUR, BEFORE])).toEqual([0, 4]);
    expect(ddb.commandCalls(BatchGetCommand)).toHaveLength(3);
  });

  it('a DynamoDB error reaches the caller', async () => {
    ddb
      .on(BatchGetCommand)
      .rejects(new ProvisionedThroughputExceededException({ message: 'throttled', $metadata: {} }));
    await expect(counter.counts([HOUR, BEFORE])).rejects.toThrow('throttled');
  });
});
