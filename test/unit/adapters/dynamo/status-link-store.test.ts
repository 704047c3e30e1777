import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoStatusLinkStore } from '../../../../shared/adapters/dynamo/status-link-store';

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const ddb = mockClient(doc);
beforeEach(() => ddb.reset());

describe('DynamoStatusLinkStore', () => {
  const store = new DynamoStatusLinkStore(doc, 't');
  const expiresAt = new Date('2026-03-21T15:00:00.000Z');

  it('claims a nonce once (conditional put, kept a day past the link)', async () => {
    ddb
      .on(PutCommand)
      .resolvesOnce({})
      .rejects(new ConditionalCheckFailedException({ message: 'x', $metadata: {} }));
    expect(await store.claim('nonce-abcdefgh12', expiresAt)).toBe(true);
    expect(await store.claim('nonce-abcdefgh12', expiresAt)).toBe(false);
    const input = ddb.commandCalls(PutCommand)[0]!.args[0].input;
    expect(input.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(input.Item).toMatchObject({
      pk: 'STATUSLINK#nonce-abcdefgh12',
      expiresAt: expiresAt.getTime() / 1000 + 86_400,
    });
  });

  it('isUsed reads the nonce (consistently) and writes nothing', async () => {
    ddb
      .on(GetCommand)
      .resolvesOnce({})
      .resolves({ Item: { pk: 'STATUSLINK#nonce-abcdefgh12' } });
    expect(await store.isUsed('nonce-abcdefgh12')).toBe(false);
    expect(await store.isUsed('nonce-abcdefgh12')).toBe(true);
    const input = ddb.commandCalls(GetCommand)[0]!.args[0].input;
    expect(input).toMatchObject({ Key: { pk: 'STATUSLINK#nonce-abcdefgh12', sk: 'STATUSLINK' }, ConsistentRead: true });
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  });
});
