import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { StatusLinkStore } from '../../app/status-link';
import { isConditionalCheckFailed } from './client';
import { TTL_ATTRIBUTE } from './table-design';

export const statusLinkKey = (nonce: string) => ({ pk: `STATUSLINK#${nonce}`, sk: 'STATUSLINK' });

/**
 * Used status-page links: `STATUSLINK#<nonce> / STATUSLINK`, put with `attribute_not_exists(pk)`
 * (the first opening wins) and expiring by TTL a day after the link itself.
 */
export class DynamoStatusLinkStore implements StatusLinkStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(nonce: string, expiresAt: Date): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...statusLinkKey(nonce),
            type: 'STATUSLINK',
            [TTL_ATTRIBUTE]: Math.floor(expiresAt.getTime() / 1000) + 24 * 3600,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      return false;
    }
  }

  async isUsed(nonce: string): Promise<boolean> {
    const found = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: statusLinkKey(nonce),
        ProjectionExpression: 'pk',
        ConsistentRead: true,
      }),
    );
    return found.Item !== undefined;
  }
}
