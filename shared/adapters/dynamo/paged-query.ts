/**
 * One page of an index Query for the console's lists: newest first, at most 100 items, the cursor
 * being the LastEvaluatedKey as base64url JSON (queryFilledPage: a filtered list's page). A cursor that is not one (garbage, or a key of
 * another partition that DynamoDB refuses with a ValidationException) reads as the first page.
 */
import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

import type { IndexDesign } from './table-design';

type Item = Record<string, unknown>;

/** An index entry's own key (table and index keys): where a Query of that index goes on after it. */
export function indexKeyOf(item: Item, index: IndexDesign): Item {
  const key: Item = { pk: item['pk'], sk: item['sk'], [index.partitionKey]: item[index.partitionKey] };
  if (index.sortKey) key[index.sortKey] = item[index.sortKey];
  return key;
}

/** A key (or any JSON object) as a cursor: base64url JSON. */
export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The object a cursor holds; undefined for garbage. */
export function decodeCursor(cursor: string | undefined): Item | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Item) : undefined;
  } catch {
    return undefined;
  }
}

export async function queryPage(
  client: DynamoDBDocumentClient,
  input: Omit<QueryCommandInput, 'Limit' | 'ScanIndexForward' | 'ExclusiveStartKey'>,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ items: Item[]; next?: string }> {
  const start = decodeCursor(page.cursor);
  const query = { ...input, ScanIndexForward: false, Limit: Math.max(1, Math.min(page.limit, 100)) };
  let out: { Items?: Item[]; LastEvaluatedKey?: Item };
  try {
    out = await client.send(new QueryCommand({ ...query, ...(start ? { ExclusiveStartKey: start } : {}) }));
  } catch (error) {
    if (!start || (error as Error).name !== 'ValidationException') throw error;
    out = await client.send(new QueryCommand(query));
  }
  const next = out.LastEvaluatedKey ? encodeCursor(out.LastEvaluatedKey) : undefined;
  return { items: out.Items ?? [], ...(next ? { next } : {}) };
}

/** A filtered page reads at most this many Queries (100 index entries each) before it shows what it found. */
export const MAX_FILTERED_QUERIES = 5;

/**
 * A page of a Query with a FilterExpression. DynamoDB applies `Limit` before the filter, so one
 * Query of a partition where few entries match (an analyst's cases among a year's, the unreviewed
 * held mail among the reviewed) returns a page of two or three, or none. This reads on, 100 entries
 * a Query, until the page has `page.limit` items, the partition ends or it made MAX_FILTERED_QUERIES
 * Queries (then it returns what it found, and the cursor goes on from there). A page that ends inside
 * a Query's entries goes on after its last item: `keyOf` gives an entry's key (table and index keys).
 */
export async function queryFilledPage(
  client: DynamoDBDocumentClient,
  input: Omit<QueryCommandInput, 'Limit' | 'ScanIndexForward' | 'ExclusiveStartKey'>,
  page: { limit: number; cursor?: string | undefined },
  keyOf: (item: Item) => Item,
): Promise<{ items: Item[]; next?: string }> {
  const want = Math.max(1, Math.min(page.limit, 100));
  const items: Item[] = [];
  let cursor = page.cursor;
  for (let queries = 0; queries < MAX_FILTERED_QUERIES; queries++) {
    const out = await queryPage(client, input, { limit: 100, cursor });
    items.push(...out.items);
    if (items.length > want) return { items: items.slice(0, want), next: encodeCursor(keyOf(items[want - 1] as Item)) };
    if (!out.next) return { items };
    cursor = out.next;
    if (items.length === want) break;
  }
  return { items, ...(cursor ? { next: cursor } : {}) };
}
