/**
 * One page of an index Query for the console's lists: newest first, at most 100 items, the cursor
 * being the LastEvaluatedKey as base64url JSON. A cursor that is not one (garbage, or a key of
 * another partition that DynamoDB refuses with a ValidationException) reads as the first page.
 */
import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

type Item = Record<string, unknown>;

function keyOf(cursor: string | undefined): Item | undefined {
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
  const start = keyOf(page.cursor);
  const query = { ...input, ScanIndexForward: false, Limit: Math.max(1, Math.min(page.limit, 100)) };
  let out: { Items?: Item[]; LastEvaluatedKey?: Item };
  try {
    out = await client.send(new QueryCommand({ ...query, ...(start ? { ExclusiveStartKey: start } : {}) }));
  } catch (error) {
    if (!start || (error as Error).name !== 'ValidationException') throw error;
    out = await client.send(new QueryCommand(query));
  }
  const next = out.LastEvaluatedKey
    ? Buffer.from(JSON.stringify(out.LastEvaluatedKey), 'utf8').toString('base64url')
    : undefined;
  return { items: out.Items ?? [], ...(next ? { next } : {}) };
}
