import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  decodeCursor,
  encodeCursor,
  indexKeyOf,
  MAX_FILTERED_QUERIES,
  queryFilledPage,
} from '../../../../shared/adapters/dynamo/paged-query';
import { GSI } from '../../../../shared/adapters/dynamo/table-design';

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const ddb = mockClient(doc);

beforeEach(() => ddb.reset());

/** `count` entries of one status partition, newest first; `matches(i)` says which the filter keeps. */
function partition(count: number, matches: (i: number) => boolean) {
  const rows = Array.from({ length: count }, (_, i) => {
    const createdAt = new Date(Date.parse('2026-12-01T12:00:00Z') - i * 3_600_000).toISOString();
    return {
      pk: `CASE#c${i}`,
      sk: 'CASE',
      caseId: `c${i}`,
      gsi1pk: 'STATUS#CLOSED',
      gsi1sk: `${createdAt}#c${i}`,
      keep: matches(i),
    };
  });
  ddb.on(QueryCommand).callsFake((input) => {
    const start = input.ExclusiveStartKey?.gsi1sk as string | undefined;
    const left = rows.filter((r) => start === undefined || r.gsi1sk < start);
    const read = left.slice(0, input.Limit);
    const last = read.length === input.Limit && left.length > read.length ? read.at(-1) : undefined;
    return { Items: read.filter((r) => r.keep), ...(last ? { LastEvaluatedKey: indexKeyOf(last, GSI.byStatus) } : {}) };
  });
}

const input = {
  TableName: 't',
  IndexName: GSI.byStatus.indexName,
  KeyConditionExpression: 'gsi1pk = :pk',
  FilterExpression: 'x',
};

describe('queryFilledPage', () => {
  it.each([
    // One in ten matches: 25 of them need 250 entries, three Queries; the page ends inside the third.
    {
      name: 'sparse matches: reads on until full',
      count: 2_000,
      every: 10,
      limit: 25,
      items: 25,
      queries: 3,
      more: true,
    },
    { name: 'every entry matches: one Query', count: 2_000, every: 1, limit: 25, items: 25, queries: 1, more: true },
    {
      name: 'none matches: bounded reads, then the rest',
      count: 2_000,
      every: 0,
      limit: 25,
      items: 0,
      queries: MAX_FILTERED_QUERIES,
      more: true,
    },
    { name: 'the partition ends first', count: 150, every: 10, limit: 25, items: 15, queries: 2, more: false },
  ])('$name', async ({ count, every, limit, items, queries, more }) => {
    partition(count, (i) => every > 0 && i % every === 0);
    const page = await queryFilledPage(doc, input, { limit }, (item) => indexKeyOf(item, GSI.byStatus));
    expect(page.items).toHaveLength(items);
    expect(ddb.commandCalls(QueryCommand)).toHaveLength(queries);
    expect(page.next !== undefined).toBe(more);
    expect(ddb.commandCalls(QueryCommand).every((c) => c.args[0].input.Limit === 100)).toBe(true);
  });

  it('page after page lists every match once, in order', async () => {
    partition(2_000, (i) => i % 7 === 0);
    const seen: unknown[] = [];
    let cursor: string | undefined;
    do {
      const page = await queryFilledPage(doc, input, { limit: 25, cursor }, (item) => indexKeyOf(item, GSI.byStatus));
      seen.push(...page.items.map((i) => i['caseId']));
      cursor = page.next;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 286 }, (_, k) => `c${k * 7}`));
  });
});

describe('indexKeyOf and the cursor', () => {
  it.each([
    { index: GSI.byStatus, key: { pk: 'CASE#c1', sk: 'CASE', gsi1pk: 'STATUS#CLOSED', gsi1sk: '2026#c1' } },
    { index: GSI.bySender, key: { pk: 'CASE#c1', sk: 'CASE', gsi2pk: 'SENDER#m@loja.com.br', gsi2sk: '2026#c1' } },
  ])('$index.indexName: the table and index keys of an entry, through a cursor', ({ index, key }) => {
    const entry = { ...key, caseId: 'c1', subject: 'Cobrança em dobro' };
    expect(indexKeyOf(entry, index)).toEqual(key);
    expect(decodeCursor(encodeCursor(indexKeyOf(entry, index)))).toEqual(key);
  });
});
