import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoConsoleCaseIndex, summaryOf } from '../../../../shared/adapters/dynamo/console-case-index';
import { GSI } from '../../../../shared/adapters/dynamo/table-design';

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

  it("reads only what both indexes project: an index entry gives the whole item's summary, filters included", async () => {
    const whole = {
      ...item,
      senderName: 'Maria',
      dueAt: '2026-03-20T00:00:00Z',
      firstMessage: { text: 'x'.repeat(5000) },
      reply: { status: 'sent' },
      messageIds: ['a@b'],
      updatedAt: '2026-03-03T00:00:00Z',
    };
    for (const g of [GSI.byStatus, GSI.bySender]) {
      const projected: readonly string[] = ['pk', 'sk', g.partitionKey, g.sortKey, ...g.nonKeyAttributes];
      const entry = Object.fromEntries(Object.entries(whole).filter(([name]) => projected.includes(name)));
      expect(summaryOf(entry)).toEqual(summaryOf(whole));
      expect(entry).not.toHaveProperty('firstMessage');
    }
    ddb.on(QueryCommand).resolves({ Items: [] });
    await index.bySender('maria@loja.com.br', { assignee: 'ana', outcome: 'ACCEPTED', dueBefore: 'z' }, { limit: 5 });
    const names = Object.values(ddb.commandCalls(QueryCommand)[0]!.args[0].input.ExpressionAttributeNames ?? {});
    for (const name of names.filter((n) => n !== GSI.bySender.partitionKey)) {
      expect(GSI.bySender.nonKeyAttributes, name).toContain(name);
      expect(GSI.byStatus.nonKeyAttributes, name).toContain(name);
    }
  });
});
