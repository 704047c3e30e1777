/**
 * Records a late scan result on the case: the attachment with that key gets its scan status (and,
 * once clean, its proved type and sanitised name). The first message's files live on the case item
 * (`firstMessage.attachments`); a follow-up's (a merchant's later mail, whose files the email intake
 * copies too) on its `MSG#` item, looked up only when the case item does not list the key. One
 * conditional update on the index found by a read; the condition fails safe if the list changed meanwhile.
 */
import { type DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AttachmentMeta } from '../../domain/submission';
import type { AttachmentScanRecorder } from '../../uploads/ports';

/** Where the file's attachment list is: the item's key and the attribute holding the message. */
interface Found {
  Key: { pk: string; sk: string };
  /** `firstMessage` on the case item, `message` on a follow-up's item. */
  holder: string;
  attachments: AttachmentMeta[];
  index: number;
}

export class DynamoAttachmentScanStore implements AttachmentScanRecorder {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async recordScan(
    caseId: string,
    key: string,
    update: { scan: NonNullable<AttachmentMeta['scan']>; filename?: string; contentType?: string; movedTo?: string },
  ): Promise<'recorded' | 'unchanged' | 'missing'> {
    const found = await this.find(caseId, key, update.movedTo);
    if (!found) return 'missing';
    const { Key, attachments, index } = found;
    const current = attachments[index] as AttachmentMeta;
    if (current.scan === update.scan && (!update.movedTo || current.key === update.movedTo)) return 'unchanged';
    // Every name through a placeholder: SCAN (and KEY) are DynamoDB reserved words.
    const path = `#fm.#att[${index}]`;
    const sets = [`${path}.#scan = :scan`];
    const names: Record<string, string> = {
      '#fm': found.holder,
      '#att': 'attachments',
      '#scan': 'scan',
      '#key': 'key',
    };
    const values: Record<string, unknown> = { ':scan': update.scan, ':key': current.key };
    if (update.movedTo) {
      sets.push(`${path}.#key = :movedTo`);
      values[':movedTo'] = update.movedTo;
    }
    if (update.filename) {
      sets.push(`${path}.#filename = :filename`);
      names['#filename'] = 'filename';
      values[':filename'] = update.filename;
    }
    if (update.contentType) {
      sets.push(`${path}.#type = :type`);
      names['#type'] = 'contentType';
      values[':type'] = update.contentType;
    }
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key,
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: `${path}.#key = :key`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      return 'recorded';
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return 'missing';
      throw error;
    }
  }

  /** The message listing the file (at its key, or at its new one: a redelivered result), case item first. */
  private async find(caseId: string, key: string, movedTo: string | undefined): Promise<Found | undefined> {
    const pk = `CASE#${caseId}`;
    const lists = (a: AttachmentMeta) => a.key === key || (movedTo !== undefined && a.key === movedTo);
    const Key = { pk, sk: 'CASE' };
    const item = (await this.client.send(new GetCommand({ TableName: this.tableName, Key }))).Item;
    if (!item) return undefined;
    const first = (item['firstMessage']?.attachments ?? []) as AttachmentMeta[];
    const onCase = first.findIndex(lists);
    if (onCase >= 0) return { Key, holder: 'firstMessage', attachments: first, index: onCase };
    // A follow-up's file: its message item (only the attachment lists are read).
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :msg)',
          ExpressionAttributeValues: { ':pk': pk, ':msg': 'MSG#' },
          ProjectionExpression: 'pk, sk, #m.#att',
          ExpressionAttributeNames: { '#m': 'message', '#att': 'attachments' },
          ConsistentRead: true,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const msg of page?.Items ?? []) {
        const attachments = (msg['message']?.attachments ?? []) as AttachmentMeta[];
        const index = attachments.findIndex(lists);
        if (index >= 0) return { Key: { pk, sk: String(msg['sk']) }, holder: 'message', attachments, index };
      }
      start = page?.LastEvaluatedKey;
    } while (start);
    return undefined;
  }
}
