import { type DynamoDBDocumentClient, paginateQuery, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { messageIdPointerKey, normaliseMessageId } from '../../domain/message-id';
import type { MessageTextRef, MessageTextStore } from '../../ports';
import { TEXT_REF_ATTRIBUTE, textRefOf } from './case-repository';
import { isConditionalCheckFailed } from './client';
import { TTL_ATTRIBUTE } from './table-design';

/**
 * Puts (or, with `null`, removes) the TTL `expiresAt` on every side item of a case, after the case
 * item itself got it in its lifecycle commit: the `MSG#`/`SRC#` items of its partition, the
 * `PROTOCOL#` pointer (cases numbered before the protocol index only), its `MSGID#` pointers and its
 * `SURVEY#` answer. Each write is an idempotent update that requires the item to exist (a missing
 * item is not recreated as a stub). With `texts`, the message texts its items reference (kept out
 * of the table, issue 16) follow the same clock by object tag: rewritten with the closed-case tag
 * at closing (`closedAt`), the tag removed when `expiresAt` is null (reopening).
 */
export async function applyCaseRetention(
  client: DynamoDBDocumentClient,
  tableName: string,
  target: { caseId: string; protocol?: string; messageIds?: string[] },
  expiresAt: number | null,
  texts?: { store: MessageTextStore; closedAt: Date },
): Promise<number> {
  const keys: Array<{ pk: string; sk: string }> = [];
  const refs: MessageTextRef[] = [];
  const pages = paginateQuery(
    { client },
    {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `CASE#${target.caseId}` },
      ProjectionExpression: `pk, sk, ${TEXT_REF_ATTRIBUTE}`,
      ConsistentRead: true,
    },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      if (item['sk'] !== 'CASE') keys.push({ pk: item['pk'], sk: item['sk'] });
      const ref = textRefOf(item);
      if (ref) refs.push(ref);
    }
  }
  if (texts) {
    for (const ref of refs) {
      if (expiresAt === null) await texts.store.markOpen(ref);
      else await texts.store.markClosed(ref, texts.closedAt);
    }
  }
  if (target.protocol) {
    keys.push({ pk: `PROTOCOL#${target.protocol}`, sk: 'PROTOCOL' });
    keys.push({ pk: `SURVEY#${target.protocol}`, sk: 'SURVEY' });
  }
  // SES's forms of one id we sent share one pointer (messageIdPointerKey); ids registered before
  // that, and mail we received, have their own. The shared one first: when it is there, the
  // forms it covers have no pointers of their own.
  const shared = new Map<string, string[]>();
  for (const id of target.messageIds ?? []) {
    const normalised = normaliseMessageId(id);
    if (!normalised) continue;
    const key = messageIdPointerKey(normalised);
    if (key === normalised) keys.push({ pk: `MSGID#${normalised}`, sk: 'MSGID' });
    else shared.set(key, [...(shared.get(key) ?? []), normalised]);
  }
  // A pointer is retagged only while it names this case: an id on the case's list may be another
  // case's (a submission whose Message-ID another sender's mail held first keeps it on its list), and
  // that case's pointer follows that case's clock.
  const pointers: Array<{ pk: string; sk: string }> = [];
  let touched = 0;
  for (const [key, ids] of shared) {
    if (await retag(client, tableName, { pk: `MSGID#${key}`, sk: 'MSGID' }, expiresAt, target.caseId)) touched++;
    else pointers.push(...[...new Set(ids)].map((id) => ({ pk: `MSGID#${id}`, sk: 'MSGID' })));
  }
  for (const Key of keys) {
    const owner = Key.pk.startsWith('MSGID#') || Key.pk.startsWith('PROTOCOL#') ? target.caseId : undefined;
    if (await retag(client, tableName, Key, expiresAt, owner)) touched++;
  }
  for (const Key of pointers) if (await retag(client, tableName, Key, expiresAt, target.caseId)) touched++;
  return touched;
}

/** Sets (or removes) the TTL of an item that exists (and, with `caseId`, names that case); false when not. */
async function retag(
  client: DynamoDBDocumentClient,
  tableName: string,
  Key: { pk: string; sk: string },
  expiresAt: number | null,
  caseId?: string,
): Promise<boolean> {
  const values = {
    ...(expiresAt === null ? {} : { ':ttl': expiresAt }),
    ...(caseId === undefined ? {} : { ':caseId': caseId }),
  };
  try {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key,
        UpdateExpression: expiresAt === null ? 'REMOVE #ttl' : 'SET #ttl = :ttl',
        ConditionExpression: caseId === undefined ? 'attribute_exists(pk)' : 'caseId = :caseId',
        ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
        ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
      }),
    );
    return true;
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    return false;
  }
}
