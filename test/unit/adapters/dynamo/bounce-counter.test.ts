import { DynamoDBClient, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoBounceCounter } from '../../../../shared/adapters/dynamo/bounce-counter';

const raw = new DynamoDBClient({ region: 'us-east-1' });
const doc = DynamoDBDocumentClient.from(raw);
const ddb = mockClient(doc);
const HOUR = new Date('2026-11-24T14:00:00.000Z');
const BEFORE = new Date('2026-11-24T13:00:00.000Z');
const pk = (hour: Date) => `RATE#ses-permanent-bounces#${hour.getTime() / 1000}`;

beforeEach(() => {
  ddb.reset();
});

describe('DynamoBounceCounter', () => {
  const counter = new DynamoBounceCounter(doc, 't');

  it('adds a notification’s bounces in one write to its hour’s item, which expires two hours on', async () => {
    ddb.on(UpdateCommand).resolves({});
    await counter.add(HOUR, 3);
    const calls = ddb.commandCalls(UpdateCommand);
    expect(calls).toHaveLength(1);
    const input = calls[0]!.args[0].input;
    expect(input.Key).toEqual({ pk: pk(HOUR), sk: 'RATE' });
    expect(input.UpdateExpression).toBe('ADD hits :n SET #ttl = :ttl');
    expect(input.ExpressionAttributeValues).toEqual({ ':n': 3, ':ttl': HOUR.getTime() / 1000 + 7200 });
  });

  it.each([0, -1, Number.NaN])('writes nothing for %d bounces', async (count) => {
    await counter.add(HOUR, count);
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
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
