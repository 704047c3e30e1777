/**
 * Records a late scan result on the case item: the first message's attachment with that key
 * gets its scan status (and, once clean, its proved type and sanitised name). One conditional
 * update on the index found by a read; the condition fails safe if the list changed meanwhile.
 */
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AttachmentMeta } from '../../domain/submission';
import type { AttachmentScanRecorder } from '../../uploads/ports';

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
    const Key = { pk: `CASE#${caseId}`, sk: 'CASE' };
    const item = (await this.client.send(new GetCommand({ TableName: this.tableName, Key }))).Item;
    const attachments = (item?.['firstMessage']?.attachments ?? []) as AttachmentMeta[];
    // A redelivered result finds the file at its new key, recorded.
    const index = attachments.findIndex((a) => a.key === key || (update.movedTo && a.key === update.movedTo));
    if (index < 0) return 'missing';
    const current = attachments[index] as AttachmentMeta;
    if (current.scan === update.scan && (!update.movedTo || current.key === update.movedTo)) return 'unchanged';
    // Every name through a placeholder: SCAN (and KEY) are DynamoDB reserved words.
    const path = `#fm.#att[${index}]`;
    const sets = [`${path}.#scan = :scan`];
    const names: Record<string, string> = {
      '#fm': 'firstMessage',
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
}
