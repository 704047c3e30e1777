import { DynamoDBClient, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoRateLimiter } from '../../../../shared/adapters/dynamo/rate-limiter';

const raw = new DynamoDBClient({ region: 'us-east-1' });
const doc = DynamoDBDocumentClient.from(raw);
const ddb = mockClient(doc);
const throttled = () => new ProvisionedThroughputExceededException({ message: 'throttled', $metadata: {} });

beforeEach(() => {
  ddb.reset();
});

describe('DynamoRateLimiter', () => {
  const limiter = new DynamoRateLimiter(doc, 't');

  it('returns the count after this hit, keyed by window start', async () => {
    ddb.on(UpdateCommand).resolves({ Attributes: { hits: 7 } });
    expect(await limiter.hit('ip:203.0.113.9', new Date('2026-03-02T12:00:00Z'), 3600)).toBe(7);
    const input = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(input.Key?.['pk']).toBe(`RATE#ip:203.0.113.9#${Date.parse('2026-03-02T12:00:00Z') / 1000}`);
  });

  it('fails on a missing count, a bad window, or a DynamoDB error', async () => {
    ddb.on(UpdateCommand).resolvesOnce({}).rejectsOnce(throttled());
    await expect(limiter.hit('k', new Date(), 60)).rejects.toThrow(/no count/);
    await expect(limiter.hit('k', new Date(), 60)).rejects.toThrow('throttled');
    await expect(limiter.hit('k', new Date(), 0)).rejects.toThrow(/window/);
  });
});
