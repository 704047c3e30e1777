import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyCaseRetention } from '../../../../shared/adapters/dynamo/case-retention';

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const ddb = mockClient(doc);
const ccf = () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

const keysOf = () => ddb.commandCalls(UpdateCommand).map((c) => c.args[0].input.Key?.['pk']);

describe('applyCaseRetention', () => {
  beforeEach(() => {
    ddb.reset();
    ddb.on(QueryCommand).resolves({
      Items: [
        { pk: 'CASE#email:a', sk: 'CASE' },
        { pk: 'CASE#email:a', sk: 'FIRSTMSG' },
      ],
    });
  });

  it('tags the side items, the protocol pointers and one pointer for both SES forms of an id', async () => {
    ddb.on(UpdateCommand).resolves({});
    const touched = await applyCaseRetention(
      doc,
      't',
      {
        caseId: 'email:a',
        protocol: 'OUV-2026-000001',
        messageIds: ['<m@mail.example>', 'x@us-east-1.amazonses.com', 'x@email.amazonses.com'],
      },
      1_900_000_000,
    );
    expect(keysOf()).toEqual([
      'MSGID#x@amazonses.com',
      'CASE#email:a',
      'PROTOCOL#OUV-2026-000001',
      'SURVEY#OUV-2026-000001',
      'MSGID#m@mail.example',
    ]);
    expect(touched).toBe(5);
    expect(ddb.commandCalls(UpdateCommand)[0]!.args[0].input.UpdateExpression).toBe('SET #ttl = :ttl');
  });

  it("retags a pointer only while it names the case: an id on the list may be another case's", async () => {
    ddb.on(UpdateCommand).resolves({});
    await applyCaseRetention(doc, 't', { caseId: 'email:a', messageIds: ['m@mail.example'] }, 1_900_000_000);
    const pointer = ddb.commandCalls(UpdateCommand).find((c) => c.args[0].input.Key?.['pk'] === 'MSGID#m@mail.example');
    expect(pointer?.args[0].input).toMatchObject({
      ConditionExpression: 'caseId = :caseId',
      ExpressionAttributeValues: { ':ttl': 1_900_000_000, ':caseId': 'email:a' },
    });
  });

  it('falls back to the per-form pointers written before the shared one, and removes the TTL with null', async () => {
    ddb.on(UpdateCommand).resolves({});
    ddb.on(UpdateCommand, { Key: { pk: 'MSGID#x@amazonses.com', sk: 'MSGID' } }).rejects(ccf());
    const touched = await applyCaseRetention(
      doc,
      't',
      { caseId: 'email:a', messageIds: ['x@us-east-1.amazonses.com', 'x@email.amazonses.com'] },
      null,
    );
    expect(keysOf()).toEqual([
      'MSGID#x@amazonses.com',
      'CASE#email:a',
      'MSGID#x@us-east-1.amazonses.com',
      'MSGID#x@email.amazonses.com',
    ]);
    expect(touched).toBe(3);
    expect(ddb.commandCalls(UpdateCommand)[1]!.args[0].input.UpdateExpression).toBe('REMOVE #ttl');
  });
});
