import { DynamoDBClient, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { putTicket, TableTicketDirectory } from '../../../../shared/adapters/dynamo/ticket-table-directory';

const raw = new DynamoDBClient({ region: 'us-east-1' });
const doc = DynamoDBDocumentClient.from(raw);
const ddb = mockClient(doc);
const throttled = () => new ProvisionedThroughputExceededException({ message: 'throttled', $metadata: {} });

beforeEach(() => {
  ddb.reset();
});

describe('TableTicketDirectory', () => {
  const directory = new TableTicketDirectory(doc, 't');

  it('maps an item and never queries for a non-numeric id', async () => {
    ddb.on(GetCommand).resolves({ Item: { requesterEmail: 'a@b.com', status: 'open' } });
    expect(await directory.find('123')).toEqual({ id: '123', requesterEmail: 'a@b.com', status: 'open' });
    expect(await directory.find('1 OR 1=1')).toBeNull();
    expect(ddb.commandCalls(GetCommand)).toHaveLength(1);
  });

  it('propagates errors and validates seeds', async () => {
    ddb.on(GetCommand).rejects(throttled());
    await expect(directory.find('123')).rejects.toThrow('throttled');
    await expect(putTicket(doc, 't', { id: '12a', requesterEmail: 'a@b.com' })).rejects.toThrow(/digits/);
  });
});
