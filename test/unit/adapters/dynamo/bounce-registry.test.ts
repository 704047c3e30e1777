import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  ProvisionedThroughputExceededException,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoBounceRegistry } from '../../../../shared/adapters/dynamo/bounce-registry';

const raw = new DynamoDBClient({ region: 'us-east-1' });
const doc = DynamoDBDocumentClient.from(raw);
const ddb = mockClient(doc);
const ccf = () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
const throttled = () => new ProvisionedThroughputExceededException({ message: 'throttled', $metadata: {} });

beforeEach(() => {
  ddb.reset();
});

describe('DynamoBounceRegistry', () => {
  const bounces = new DynamoBounceRegistry(doc, 't');

  it('stores until and a TTL, and a shorter bounce does not shorten it', async () => {
    ddb.on(PutCommand).resolvesOnce({}).rejectsOnce(ccf());
    const until = new Date('2026-05-01T00:00:00Z');
    await bounces.markBouncing('X@Y.com', until, 'Permanent');
    await bounces.markBouncing('x@y.com', new Date('2026-04-01T00:00:00Z'), 'Transient');
    const item = ddb.commandCalls(PutCommand)[0]!.args[0].input.Item;
    expect(item).toMatchObject({
      pk: 'BOUNCE#x@y.com',
      until: '2026-05-01T00:00:00.000Z',
      expiresAt: until.getTime() / 1000,
    });
  });

  it('compares until with now even when the item is still there (TTL is lazy)', async () => {
    ddb.on(GetCommand).resolves({ Item: { until: '2026-05-01T00:00:00.000Z' } });
    expect(await bounces.isSuppressed('x@y.com', new Date('2026-04-30T00:00:00Z'))).toBe(true);
    expect(await bounces.isSuppressed('x@y.com', new Date('2026-05-02T00:00:00Z'))).toBe(false);
    ddb.on(GetCommand).resolves({});
    expect(await bounces.isSuppressed('x@y.com', new Date())).toBe(false);
  });

  it('propagates read and write errors', async () => {
    ddb.on(GetCommand).rejects(throttled());
    ddb.on(PutCommand).rejects(throttled());
    await expect(bounces.isSuppressed('x@y.com', new Date())).rejects.toThrow('throttled');
    await expect(bounces.markBouncing('x@y.com', new Date(), 'r')).rejects.toThrow('throttled');
  });
});
