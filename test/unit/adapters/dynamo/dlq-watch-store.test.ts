import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDlqWatchStore } from '../../../../shared/adapters/dynamo/dlq-watch-store';

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'sa-east-1' }));
const ddb = mockClient(doc);
const store = new DynamoDlqWatchStore(doc, 't');
const KEY = { pk: 'DLQWATCH', sk: 'Ouvidoria-prod-IntakeDlq' };

beforeEach(() => {
  ddb.reset();
});

describe('DynamoDlqWatchStore', () => {
  it.each([
    { name: 'no item yet', Item: undefined, expected: {} },
    {
      name: 'a queue seen full',
      Item: { ...KEY, firstSeenAt: '2026-03-16T13:00:00.000Z' },
      expected: { firstSeenAt: '2026-03-16T13:00:00.000Z' },
    },
    {
      name: 'a queue read empty once',
      Item: { ...KEY, firstSeenAt: '2026-03-16T13:00:00.000Z', emptySeenAt: '2026-03-24T12:55:00.000Z' },
      expected: { firstSeenAt: '2026-03-16T13:00:00.000Z', emptySeenAt: '2026-03-24T12:55:00.000Z' },
    },
    { name: 'a value of another type', Item: { ...KEY, firstSeenAt: 1 }, expected: {} },
  ])('loads $name (strongly consistent)', async ({ Item, expected }) => {
    ddb.on(GetCommand).resolves({ Item });
    expect(await store.load('Ouvidoria-prod-IntakeDlq')).toEqual(expected);
    expect(ddb.commandCalls(GetCommand)[0]!.args[0].input).toMatchObject({
      TableName: 't',
      Key: KEY,
      ConsistentRead: true,
    });
  });

  it('saves the whole state, an empty one as a bare item (no delete: the role has none)', async () => {
    ddb.on(PutCommand).resolves({});
    await store.save('Ouvidoria-prod-IntakeDlq', {});
    expect(ddb.commandCalls(PutCommand)[0]!.args[0].input).toEqual({ TableName: 't', Item: KEY });
  });
});
