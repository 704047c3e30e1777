import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  CaseEventsBackfill,
  decodeBackfillCursor,
  encodeBackfillCursor,
} from '../../../../shared/adapters/dynamo/case-events-backfill';
import { caseEventItem } from '../../../../shared/adapters/dynamo/case-work-store';
import { documentClient } from '../../../../shared/adapters/dynamo/client';
import { REPORT_STATUSES } from '../../../../shared/adapters/dynamo/report-source';
import { caseEventKey } from '../../../../shared/adapters/dynamo/table-design';
import { DEFAULT_RETENTION } from '../../../../shared/domain/retention';

const client = documentClient({ region: 'us-east-1' });
const ddb = mockClient(DynamoDBDocumentClient);
const TABLE = 'ouvidoria-test';
const backfill = new CaseEventsBackfill(client, TABLE, DEFAULT_RETENTION);

beforeEach(() => ddb.reset());

const ana = { kind: 'staff', id: 'ana', role: 'analyst' } as const;
const answered = (at: string) => ({ type: 'answered', at, actor: ana, messageSourceId: `m-${at}` });
const closed = (at: string) => ({ type: 'closed', at, actor: ana, resolution: 'resolved' });
/** A case closed once (first answer + closing), and one closed, reopened and closed again. */
const ONCE = { caseId: 'c1', history: [answered('2026-09-10T12:00:00.000Z'), closed('2026-09-12T12:00:00.000Z')] };
const TWICE = {
  caseId: 'c2',
  history: [
    closed('2026-09-30T23:00:00.000Z'),
    answered('2026-10-02T12:00:00.000Z'),
    closed('2026-10-04T12:00:00.000Z'),
  ],
};
const wantedKeys = [
  caseEventKey('2026-09-10T12:00:00.000Z', 'c1'),
  caseEventKey('2026-09-12T12:00:00.000Z', 'c1'),
  caseEventKey('2026-09-30T23:00:00.000Z', 'c2'),
  caseEventKey('2026-10-04T12:00:00.000Z', 'c2'),
];

describe('CaseEventsBackfill.page', () => {
  it('a dry run reads one status partition and the entries it calls for, and writes nothing', async () => {
    ddb.on(QueryCommand).resolves({ Items: [ONCE, TWICE] });
    ddb.on(BatchGetCommand).resolves({ Responses: { [TABLE]: [{ sk: wantedKeys[0]?.sk }] } });
    const page = await backfill.page({ status: 0 }, { limit: 50, write: false });
    expect(page).toEqual({
      status: REPORT_STATUSES[0],
      cases: 2,
      entries: 4,
      present: 1,
      written: 0,
      next: { status: 1 },
    });
    const [query] = ddb.commandCalls(QueryCommand).map((c) => c.args[0].input);
    expect(query).toMatchObject({ TableName: TABLE, Limit: 50, ProjectionExpression: 'caseId, history' });
    expect(query?.ExclusiveStartKey).toBeUndefined();
    const [batch] = ddb.commandCalls(BatchGetCommand).map((c) => c.args[0].input);
    expect(batch?.RequestItems?.[TABLE]?.Keys).toEqual(wantedKeys);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('writes each missing entry once, conditionally, as a commit writes it; one put meanwhile by a commit is no error', async () => {
    ddb.on(QueryCommand).resolves({ Items: [ONCE, TWICE], LastEvaluatedKey: { pk: 'CASE#c2', sk: 'CASE' } });
    ddb.on(BatchGetCommand).resolves({ Responses: { [TABLE]: [{ sk: wantedKeys[0]?.sk }] } });
    ddb.on(PutCommand).resolves({});
    ddb
      .on(PutCommand, { Item: caseEventItem('2026-09-30T23:00:00.000Z', 'c2', DEFAULT_RETENTION) })
      .rejects(new ConditionalCheckFailedException({ message: 'exists', $metadata: {} }));
    const page = await backfill.page({ status: 2, key: { pk: 'CASE#c0', sk: 'CASE' } }, { limit: 2, write: true });
    expect(page).toMatchObject({ cases: 2, entries: 4, present: 1, written: 2 });
    // More of the same partition: the cursor keeps it.
    expect(page.next).toEqual({ status: 2, key: { pk: 'CASE#c2', sk: 'CASE' } });
    expect(ddb.commandCalls(QueryCommand)[0]?.args[0].input.ExclusiveStartKey).toEqual({ pk: 'CASE#c0', sk: 'CASE' });
    const puts = ddb.commandCalls(PutCommand).map((c) => c.args[0].input);
    expect(puts.map((p) => p.Item?.['sk'])).toEqual(wantedKeys.slice(1).map((k) => k.sk));
    for (const put of puts) {
      expect(put.ConditionExpression).toBe('attribute_not_exists(pk)');
      expect(put.Item?.['type']).toBe('CASE_EVENT');
    }
  });

  it('a put failing otherwise stops the page (its cursor is not given: the run resumes from the last one)', async () => {
    ddb.on(QueryCommand).resolves({ Items: [ONCE] });
    ddb.on(BatchGetCommand).resolves({ Responses: { [TABLE]: [] } });
    ddb.on(PutCommand).rejects(new Error('ProvisionedThroughputExceeded'));
    await expect(backfill.page({ status: 0 }, { limit: 10, write: true })).rejects.toThrow('ProvisionedThroughput');
  });

  it('asks again for the keys DynamoDB left unprocessed', async () => {
    ddb.on(QueryCommand).resolves({ Items: [ONCE, TWICE] });
    ddb
      .on(BatchGetCommand)
      .resolvesOnce({
        Responses: { [TABLE]: [{ sk: wantedKeys[0]?.sk }] },
        UnprocessedKeys: { [TABLE]: { Keys: wantedKeys.slice(2) } },
      })
      .resolves({ Responses: { [TABLE]: [{ sk: wantedKeys[2]?.sk }, { sk: wantedKeys[3]?.sk }] } });
    const page = await backfill.page({ status: 0 }, { limit: 10, write: false });
    expect(page.present).toBe(3);
    expect(ddb.commandCalls(BatchGetCommand)[1]?.args[0].input.RequestItems?.[TABLE]?.Keys).toEqual(
      wantedKeys.slice(2),
    );
  });

  it('items without a history, or without an id, call for nothing; the last partition ends the run', async () => {
    ddb
      .on(QueryCommand)
      .resolves({ Items: [{ caseId: 'c3' }, { history: ONCE.history }, { caseId: 'c4', history: [] }] });
    const page = await backfill.page({ status: REPORT_STATUSES.length - 1 }, { limit: 10, write: true });
    expect(page).toMatchObject({ cases: 3, entries: 0, present: 0, written: 0 });
    expect(page.next).toBeUndefined();
    expect(ddb.commandCalls(BatchGetCommand)).toHaveLength(0);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  });
});

describe('the cursor the CLI prints and takes back', () => {
  it('round-trips', () => {
    const cursor = { status: 3, key: { pk: 'CASE#c9', sk: 'CASE', gsi1pk: 'STATUS#CLOSED' } };
    expect(decodeBackfillCursor(encodeBackfillCursor(cursor))).toEqual(cursor);
  });

  it.each([
    ['a partition past the last', encodeBackfillCursor({ status: REPORT_STATUSES.length })],
    ['a negative partition', encodeBackfillCursor({ status: -1 })],
    ['a fractional partition', encodeBackfillCursor({ status: 1.5 })],
  ])('refuses %s, in pt-BR', (_, text) => {
    expect(() => decodeBackfillCursor(text)).toThrow('Cursor inválido');
  });

  it('refuses text that is not a cursor', () => {
    expect(() => decodeBackfillCursor('não-é-um-cursor')).toThrow();
  });
});
