import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SenderOpenCases } from '../../ports';
import { isConditionalCheckFailed } from './client';

/**
 * Item OPEN#<sender> / OPEN holding `caseIds`, the string set of the sender's open accepted cases.
 * The webform's cap is one conditional ADD on this item (never count-then-create), and ids leave
 * the set when a case closes, so the item stays as small as what is open.
 */
export class DynamoSenderOpenCases implements SenderOpenCases {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private key(senderEmail: string) {
    return { pk: `OPEN#${senderEmail.trim().toLowerCase()}`, sk: 'OPEN' };
  }

  async reserve(senderEmail: string, caseId: string, max: number): Promise<boolean> {
    if (!(max > 0)) return false;
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(senderEmail),
          UpdateExpression: 'ADD #ids :id SET #type = :type',
          ConditionExpression: 'attribute_not_exists(#ids) OR size(#ids) < :max OR contains(#ids, :cid)',
          ExpressionAttributeNames: { '#ids': 'caseIds', '#type': 'type' },
          ExpressionAttributeValues: { ':id': new Set([caseId]), ':cid': caseId, ':max': max, ':type': 'OPEN' },
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      return false;
    }
  }

  async add(senderEmail: string, caseId: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: this.key(senderEmail),
        UpdateExpression: 'ADD #ids :id SET #type = :type',
        ExpressionAttributeNames: { '#ids': 'caseIds', '#type': 'type' },
        ExpressionAttributeValues: { ':id': new Set([caseId]), ':type': 'OPEN' },
      }),
    );
  }

  async release(senderEmail: string, caseId: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: this.key(senderEmail),
        UpdateExpression: 'DELETE #ids :id',
        ExpressionAttributeNames: { '#ids': 'caseIds' },
        ExpressionAttributeValues: { ':id': new Set([caseId]) },
      }),
    );
  }

  async count(senderEmail: string): Promise<number> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: this.key(senderEmail), ConsistentRead: true }),
    );
    const ids = Item?.['caseIds'];
    return ids instanceof Set ? ids.size : 0;
  }
}
