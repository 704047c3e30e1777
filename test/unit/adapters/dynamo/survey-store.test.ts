import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoSurveyStore } from '../../../../shared/adapters/dynamo/survey-store';

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const ddb = mockClient(doc);
beforeEach(() => ddb.reset());

describe('DynamoSurveyStore', () => {
  const store = new DynamoSurveyStore(doc, 't', { retentionDays: 10, redirectRetentionDays: 1 });
  const answer = { protocol: 'OUV-2026-000001', score: 4, comment: 'Bom', answeredAt: '2026-12-01T12:00:00.000Z' };

  it('puts the first answer only, with the case retention as its TTL (LGPD)', async () => {
    ddb.on(PutCommand).resolves({});
    expect(await store.record(answer)).toBe(true);
    const input = ddb.commandCalls(PutCommand)[0]!.args[0].input;
    expect(input.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(input.Item).toMatchObject({ pk: 'SURVEY#OUV-2026-000001', score: 4, comment: 'Bom' });
    expect(input.Item?.['expiresAt']).toBe(Date.parse('2026-12-11T12:00:00.000Z') / 1000);
  });

  it('a second answer changes nothing', async () => {
    ddb.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'x', $metadata: {} }));
    expect(await store.record(answer)).toBe(false);
  });

  // Answered 20 days after the closing: the answer expires with the case (closing + retentionDays),
  // not retentionDays after the answer, which would keep it 20 days past its case.
  it.each([
    [
      'answered after the closing: the case’s clock',
      { closedAt: '2026-11-11T12:00:00.000Z' },
      '2026-11-21T12:00:00.000Z',
    ],
    ['no closing given (an older caller): from the answer', {}, '2026-12-11T12:00:00.000Z'],
  ])('%s', async (_label, extra, expires) => {
    ddb.on(PutCommand).resolves({});
    await store.record({ ...answer, ...extra });
    expect(ddb.commandCalls(PutCommand)[0]!.args[0].input.Item?.['expiresAt']).toBe(Date.parse(expires) / 1000);
  });
});
