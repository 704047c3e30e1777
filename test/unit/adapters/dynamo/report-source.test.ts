import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { documentClient } from '../../../../shared/adapters/dynamo/client';
import {
  DynamoReportSource,
  monthsBetween,
  OPEN_REPORT_STATUSES,
  REPORT_STATUSES,
} from '../../../../shared/adapters/dynamo/report-source';
import { GSI } from '../../../../shared/adapters/dynamo/table-design';

const client = documentClient({ region: 'us-east-1' });
const ddb = mockClient(DynamoDBDocumentClient);
const TABLE = 'ouvidoria-test';

beforeEach(() => ddb.reset());

const queries = () => ddb.commandCalls(QueryCommand).map((c) => c.args[0].input);
const noScan = () => {
  expect(ddb.commandCalls(ScanCommand as never)).toHaveLength(0);
  expect(ddb.calls().every((c) => ['QueryCommand', 'GetCommand'].includes(c.args[0].constructor.name))).toBe(true);
};

const caseItem = (over: Record<string, unknown> = {}) => ({
  caseId: 'c1',
  protocol: 'OUV-2026-000001',
  channel: 'email',
  status: 'CLOSED',
  outcome: 'ACCEPTED',
  decision: { ruleIds: ['ticket-verified'] },
  assignee: 'ana',
  createdAt: '2026-03-02T12:00:00.000Z',
  dueAt: '2026-03-09T12:00:00.000Z',
  closedAt: '2026-03-05T12:00:00.000Z',
  ...over,
});

describe('DynamoReportSource', () => {
  it('casesCreatedBetween: one range Query per status on the status index, never a Scan', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'STATUS#CLOSED' } }, false).resolves({
      Items: [caseItem()],
    });
    const source = new DynamoReportSource(client, TABLE);
    const cases = await source.casesCreatedBetween('2026-03-01T03:00:00.000Z', '2026-04-01T03:00:00.000Z');
    expect(cases).toEqual([caseItem()]);
    const sent = queries();
    expect(sent.map((q) => q.ExpressionAttributeValues?.[':pk']).sort()).toEqual(
      REPORT_STATUSES.map((s) => `STATUS#${s}`).sort(),
    );
    for (const q of sent) {
      expect(q).toMatchObject({
        TableName: TABLE,
        IndexName: 'gsi1-status',
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
        ExpressionAttributeNames: { '#pk': 'gsi1pk', '#sk': 'gsi1sk', '#status': 'status' },
        ExpressionAttributeValues: { ':from': '2026-03-01T03:00:00.000Z', ':to': '2026-04-01T03:00:00.000Z' },
      });
      expect(q.ProjectionExpression).not.toContain('firstMessage');
      // A GSI returns only what it projects: every attribute the report reads is in the index.
      const read = (q.ProjectionExpression ?? '')
        .split(',')
        .map((name) => name.trim().split('.')[0] ?? '')
        .map((name) => (name.startsWith('#') ? (q.ExpressionAttributeNames?.[name] ?? name) : name));
      for (const name of read) expect(GSI.byStatus.nonKeyAttributes, name).toContain(name);
    }
    expect(source.queries).toBe(REPORT_STATUSES.length);
    noScan();
  });

  it('openCases: the open statuses only, without a range, following pages', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    ddb
      .on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'STATUS#ASSIGNED' } }, false)
      .resolvesOnce({ Items: [caseItem({ caseId: 'a', status: 'ASSIGNED' })], LastEvaluatedKey: { pk: 'x' } })
      .resolvesOnce({ Items: [caseItem({ caseId: 'b', status: 'ASSIGNED' })] });
    const source = new DynamoReportSource(client, TABLE);
    const open = await source.openCases();
    expect(open.map((c) => c.caseId)).toEqual(['a', 'b']);
    const sent = queries();
    expect(new Set(sent.map((q) => q.ExpressionAttributeValues?.[':pk']))).toEqual(
      new Set(OPEN_REPORT_STATUSES.map((s) => `STATUS#${s}`)),
    );
    expect(sent.every((q) => q.KeyConditionExpression === '#pk = :pk')).toBe(true);
    expect(sent.find((q) => q.ExclusiveStartKey)?.ExclusiveStartKey).toEqual({ pk: 'x' });
    expect(source.queries).toBe(OPEN_REPORT_STATUSES.length + 1);
    noScan();
  });

  it('maps a sparse item: missing optional fields stay absent, rule ids default to none', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'STATUS#IN_PROGRESS' } }, false).resolves({
      Items: [{ caseId: 'z', channel: 'webform', status: 'IN_PROGRESS', outcome: 'ACCEPTED', createdAt: 't' }],
    });
    const [c] = await new DynamoReportSource(client, TABLE).openCases();
    expect(c).toEqual({
      caseId: 'z',
      channel: 'webform',
      status: 'IN_PROGRESS',
      outcome: 'ACCEPTED',
      decision: { ruleIds: [] },
      createdAt: 't',
    });
  });

  it('surveys: GetItem by key, each protocol once, in batches of ten', async () => {
    ddb.on(GetCommand).callsFake((input: { Key: { pk: string } }) => {
      const protocol = input.Key.pk.replace('SURVEY#', '');
      return protocol.endsWith('3') ? {} : { Item: { protocol, score: '4' } };
    });
    const protocols = Array.from({ length: 12 }, (_, i) => `OUV-${i}`);
    const surveys = await new DynamoReportSource(client, TABLE).surveys([...protocols, 'OUV-0']);
    expect(surveys).toHaveLength(11);
    expect(surveys[0]).toEqual({ protocol: 'OUV-0', score: 4 });
    const keys = ddb.commandCalls(GetCommand).map((c) => c.args[0].input.Key);
    expect(keys).toHaveLength(12);
    expect(keys[0]).toEqual({ pk: 'SURVEY#OUV-0', sk: 'SURVEY' });
    noScan();
  });
});

describe('the months of the erased cases’ statistics a period reads', () => {
  it.each([
    ['2026-04-01', '2026-04-30', ['2026-04']],
    ['2026-03-01', '2026-04-30', ['2026-03', '2026-04']],
    ['2025-11-20', '2026-02-05', ['2025-11', '2025-12', '2026-01', '2026-02']],
    ['2026-12-01', '2026-12-31', ['2026-12']],
  ])('%s to %s', (from, to, months) => {
    expect(monthsBetween(from, to)).toEqual(months);
  });
});
