/**
 * One page of an index Query for the console's lists: newest first, at most 100 items, the cursor
 * being the LastEvaluatedKey as base64url JSON. A cursor that is not one (garbage, or a key of
 * another partition that DynamoDB refuses with a ValidationException) reads as the first page.
 */
import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

type Item = Record<string, unknown>;

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
