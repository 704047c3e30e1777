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
});
