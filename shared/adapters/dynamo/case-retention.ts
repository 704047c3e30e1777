import { type DynamoDBDocumentClient, paginateQuery, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { normaliseMessageId } from '../../domain/message-id';
import { isConditionalCheckFailed } from './client';
import { TTL_ATTRIBUTE } from './table-design';

/**
 * Puts (or, with `null`, removes) the TTL `expiresAt` on every side item of a case, after the case
 * item itself got it in its lifecycle commit: the `MSG#`/`SRC#` items of its partition, the
 * `PROTOCOL#` pointer, its `MSGID#` pointers and its `SURVEY#` answer. Each write is an idempotent
 * update that requires the item to exist (a missing item is not recreated as a stub).
 */
export async function applyCaseRetention(
  client: DynamoDBDocumentClient,
  tableName: string,
  target: { caseId: string; protocol?: string; messageIds?: string[] },
  expiresAt: number | null,
): Promise<number> {
  const keys: Array<{ pk: string; sk: string }> = [];
  const pages = paginateQuery(
    { client },
    {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `CASE#${target.caseId}` },
      ProjectionExpression: 'pk, sk',
      ConsistentRead: true,
    },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) if (item['sk'] !== 'CASE') keys.push({ pk: item['pk'], sk: item['sk'] });
  }
  if (target.protocol) {
    keys.push({ pk: `PROTOCOL#${target.protocol}`, sk: 'PROTOCOL' });
    keys.push({ pk: `SURVEY#${target.protocol}`, sk: 'SURVEY' });
  }
  for (const id of target.messageIds ?? []) {
    const normalised = normaliseMessageId(id);
    if (normalised) keys.push({ pk: `MSGID#${normalised}`, sk: 'MSGID' });
  }
  let touched = 0;
  for (const Key of keys) {
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key,
          UpdateExpression: expiresAt === null ? 'REMOVE #ttl' : 'SET #ttl = :ttl',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
          ...(expiresAt === null ? {} : { ExpressionAttributeValues: { ':ttl': expiresAt } }),
        }),
      );
      touched++;
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }
  return touched;
}
