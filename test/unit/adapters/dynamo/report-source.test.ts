import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
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
  expect(ddb.calls().every((c) => ['QueryCommand', 'BatchGetCommand'].includes(c.args[0].constructor.name))).toBe(true);
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
      // (and its own keys, which every index projects).
      for (const name of read) expect([...GSI.byStatus.nonKeyAttributes, GSI.byStatus.sortKey], name).toContain(name);
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

  it.each([
    ['2026-03-02T12:00:00.000Z#c1', undefined],
    ['2026-03-02T12:00:00.000Z#c1#erased:5f1c2e9a-7d4b-4c1e-9a3f-2b8d6e0c4a71', '5f1c2e9a-7d4b-4c1e-9a3f-2b8d6e0c4a71'],
  ])('a case whose erasure is under way names its statistics record (%s)', async (gsi1sk, erasedStatsId) => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'STATUS#CLOSED' } }, false).resolves({
      Items: [{ ...caseItem(), gsi1sk }],
    });
    const [c] = await new DynamoReportSource(client, TABLE).casesCreatedBetween('2026-03-01', '2026-04-01');
    expect(c?.erasedStatsId).toBe(erasedStatsId);
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

  // A month closes a few hundred cases: one BatchGetItem per 100 keys, not a GetItem each; the keys
  // DynamoDB leaves unprocessed are asked again, and none is lost or read twice.
  type Keys = Array<{ pk: string; sk: string }>;
  const batchKeys = () =>
    ddb.commandCalls(BatchGetCommand).map((c) => (c.args[0].input.RequestItems?.[TABLE]?.Keys ?? []) as Keys);
  /** Answers each batch with the items `found` gives, leaving the first key of the first call unprocessed. */
  const batchGets = (found: (key: { pk: string; sk: string }) => Record<string, unknown> | undefined) => {
    let calls = 0;
    ddb.on(BatchGetCommand).callsFake((input: { RequestItems: Record<string, { Keys: Keys }> }) => {
      const keys = input.RequestItems[TABLE]?.Keys ?? [];
      const [held, ...served] = calls++ === 0 ? keys : [undefined, ...keys];
      return {
        Responses: { [TABLE]: served.flatMap((k) => (k && found(k) ? [found(k)] : [])) },
        ...(held ? { UnprocessedKeys: { [TABLE]: { Keys: [held] } } } : {}),
      };
    });
  };

  it.each([
    // The key left unprocessed goes again ahead of the rest: n + 1 keys, 100 a call (at least 2).
    [1, 2],
    [100, 2],
    [199, 2],
    [200, 3],
    [250, 3],
  ])(
    'surveys: %i protocols (each asked twice) in %i BatchGetItems, the unprocessed key asked again',
    async (n, calls) => {
      batchGets((k) => {
        const protocol = k.pk.replace('SURVEY#', '');
        return protocol.endsWith('3')
          ? undefined
          : {
              pk: k.pk,
              sk: k.sk,
              protocol,
              score: 4,
              answeredAt: '2026-03-06T12:00:00Z',
              closedAt: '2026-03-05T12:00:00Z',
            };
      });
      const protocols = Array.from({ length: n }, (_, i) => `OUV-2026-${String(i).padStart(6, '0')}`);
      const surveys = await new DynamoReportSource(client, TABLE).surveys([...protocols, ...protocols]);
      expect(surveys.map((s) => s.protocol).sort()).toEqual(protocols.filter((p) => !p.endsWith('3')));
      // With the closing she answered: the report counts the answer in that closing's month.
      expect(surveys.find((s) => s.protocol === 'OUV-2026-000000')).toEqual({
        protocol: 'OUV-2026-000000',
        score: 4,
        answeredAt: '2026-03-06T12:00:00Z',
        closedAt: '2026-03-05T12:00:00Z',
      });
      const sent = batchKeys();
      expect(sent).toHaveLength(calls);
      expect(sent.every((keys) => keys.length <= 100)).toBe(true);
      expect(sent.flat().filter((k) => k.pk === 'SURVEY#OUV-2026-000000')).toHaveLength(2);
      expect(sent.flat()).toHaveLength(n + 1);
      expect(ddb.commandCalls(GetCommand)).toHaveLength(0);
      noScan();
    },
  );

  it.each([
    [3, 2],
    [230, 3],
  ])(
    'casesWithEventsBetween: %i cases named in %i BatchGetItems of the case items, with the report’s projection',
    async (n, calls) => {
      const ids = Array.from({ length: n }, (_, i) => `email:ses-${i}`);
      ddb.on(QueryCommand).resolves({
        // Each case twice (its closing and its first answer) and one entry whose case is gone.
        Items: [...ids, ...ids, 'email:erased'].map((caseId, i) => ({
          caseId,
          sk: `2026-03-0${(i % 9) + 1}#${caseId}`,
        })),
      });
      batchGets((k) => {
        const caseId = k.pk.replace('CASE#', '');
        return caseId === 'email:erased' ? undefined : caseItem({ caseId });
      });
      const source = new DynamoReportSource(client, TABLE);
      const cases = await source.casesWithEventsBetween('2026-03-01T03:00:00.000Z', '2026-04-01T03:00:00.000Z');
      expect(cases.map((c) => c.caseId).sort()).toEqual([...ids].sort());
      expect(cases.find((c) => c.caseId === 'email:ses-0')).toEqual(caseItem({ caseId: 'email:ses-0' }));
      const sent = batchKeys();
      expect(sent).toHaveLength(calls);
      expect(sent.flat()).toHaveLength(n + 1 + 1);
      const input = ddb.commandCalls(BatchGetCommand)[0]?.args[0].input.RequestItems?.[TABLE];
      expect(input?.ProjectionExpression).toContain('history');
      expect(input?.ExpressionAttributeNames).toEqual({ '#status': 'status' });
      expect(ddb.commandCalls(GetCommand)).toHaveLength(0);
      noScan();
    },
  );
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
