import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  ProvisionedThroughputExceededException,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoReplyThrottle } from '../../../../shared/adapters/dynamo/reply-throttle';

const raw = new DynamoDBClient({ region: 'us-east-1' });
const doc = DynamoDBDocumentClient.from(raw);
const ddb = mockClient(doc);
const ccf = () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
const throttled = () => new ProvisionedThroughputExceededException({ message: 'throttled', $metadata: {} });

beforeEach(() => {
  ddb.reset();
});

describe('DynamoReplyThrottle', () => {
  const throttle = new DynamoReplyThrottle(doc, 't');

  it('adds the case to a capped set of consumers, expiring two days after the day', async () => {
    ddb.on(UpdateCommand).resolves({});
    expect(await throttle.tryConsume('Lojista@Exemplo.com.br', 'NO_PRIOR_TICKET', '2026-03-02', 1, 'email:c1')).toBe(
      true,
    );
    const input = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(input.Key).toEqual({ pk: 'THROTTLE#lojista@exemplo.com.br#NO_PRIOR_TICKET#2026-03-02', sk: 'THROTTLE' });
    expect(input.ConditionExpression).toBe(
      'attribute_not_exists(#consumers) OR size(#consumers) < :max OR contains(#consumers, :id)',
    );
    expect(input.ExpressionAttributeValues).toMatchObject({
      ':me': new Set(['email:c1']),
      ':id': 'email:c1',
      ':max': 1,
      ':ttl': Date.parse('2026-03-04T00:00:00Z') / 1000,
    });
  });

  it('is false at the cap, propagates throttling, and refuses a bad day', async () => {
    ddb.on(UpdateCommand).rejectsOnce(ccf()).rejectsOnce(throttled());
    expect(await throttle.tryConsume('a@b.com', 'ACCESS_ISSUE', '2026-03-02', 1, 'c')).toBe(false);
    await expect(throttle.tryConsume('a@b.com', 'ACCESS_ISSUE', '2026-03-02', 1, 'c')).rejects.toThrow('throttled');
    await expect(throttle.tryConsume('a@b.com', 'ACCESS_ISSUE', '2026-13-45', 1, 'c')).rejects.toThrow(/day/);
    expect(await throttle.tryConsume('a@b.com', 'ACCESS_ISSUE', '2026-03-02', 0, 'c')).toBe(false);
  });
});
