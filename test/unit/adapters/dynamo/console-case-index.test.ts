import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoConsoleCaseIndex } from '../../../../shared/adapters/dynamo/console-case-index';

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const ddb = mockClient(doc);
const index = new DynamoConsoleCaseIndex(doc, 't');
const item = {
  pk: 'CASE#c1',
  sk: 'CASE',
  type: 'CASE',
  caseId: 'c1',
  protocol: 'OUV-2026-000001',
  status: 'ASSIGNED',
  outcome: 'ACCEPTED',
  senderEmail: 'maria@loja.com.br',
  subject: 'Cobrança',
  createdAt: '2026-03-02T12:00:00Z',
  assignee: 'ana',
};

beforeEach(() => ddb.reset());

describe('DynamoConsoleCaseIndex — one Query per page, never a Scan', () => {
  it('queries gsi1-status newest first with the filters inside the query and returns the cursor', async () => {
    ddb.on(QueryCommand).resolves({ Items: [item], LastEvaluatedKey: { pk: 'CASE#c1', gsi1pk: 'STATUS#ASSIGNED' } });
    const page = await index.byStatus(
      'ASSIGNED',
      { assigneeOrNone: 'ana', outcome: 'ACCEPTED', dueBefore: '2026-03-20T00:00:00Z' },
      { limit: 25 },
    );
    expect(page.items).toEqual([
      expect.objectContaining({ caseId: 'c1', protocol: 'OUV-2026-000001', assignee: 'ana', status: 'ASSIGNED' }),
    ]);
    expect(page.next).toBeTypeOf('string');
    const input = ddb.commandCalls(QueryCommand)[0]!.args[0].input;
    expect(input.IndexName).toBe('gsi1-status');
    expect(input.ScanIndexForward).toBe(false);
    expect(input.Limit).toBe(25);
    expect(input.ExpressionAttributeValues).toMatchObject({ ':pk': 'STATUS#ASSIGNED', ':assignee': 'ana' });
    expect(input.FilterExpression).toContain('attribute_not_exists(#assignee)');

    await index.byStatus('ASSIGNED', {}, { limit: 25, cursor: page.next as string });
    expect(ddb.commandCalls(QueryCommand)[1]!.args[0].input.ExclusiveStartKey).toEqual({
      pk: 'CASE#c1',
      gsi1pk: 'STATUS#ASSIGNED',
    });
    expect(ddb.commandCalls(ScanCommand)).toHaveLength(0);
  });

  it('searches by sender on gsi2-sender (lower-cased); a garbage cursor reads the first page', async () => {
    ddb.on(QueryCommand).resolves({ Items: [item] });
    const page = await index.bySender('Maria@Loja.com.br', { assignee: 'ana' }, { limit: 10, cursor: '%%%' });
    expect(page.next).toBeUndefined();
    const input = ddb.commandCalls(QueryCommand)[0]!.args[0].input;
    expect(input.IndexName).toBe('gsi2-sender');
    expect(input.ExpressionAttributeValues?.[':pk']).toBe('SENDER#maria@loja.com.br');
    expect(input.ExclusiveStartKey).toBeUndefined();
  });
});
