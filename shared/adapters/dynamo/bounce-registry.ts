import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { BounceRegistry } from '../../ports';
import { isConditionalCheckFailed } from './client';
import { TTL_ATTRIBUTE } from './table-design';

const bounceKey = (address: string) => ({ pk: `BOUNCE#${address.trim().toLowerCase()}`, sk: 'BOUNCE' });

/** Item BOUNCE#<address> with `until`; TTL removes it on AWS, and readers compare `until` too. */
export class DynamoBounceRegistry implements BounceRegistry {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async markBouncing(address: string, until: Date, reason: string): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...bounceKey(address),
            type: 'BOUNCE',
            until: until.toISOString(),
            reason: reason.slice(0, 500),
            [TTL_ATTRIBUTE]: Math.ceil(until.getTime() / 1000),
          },
          // A later bounce may extend the suppression, never shorten it.
          ConditionExpression: 'attribute_not_exists(pk) OR #until < :until',
          ExpressionAttributeNames: { '#until': 'until' },
          ExpressionAttributeValues: { ':until': until.toISOString() },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  async isSuppressed(address: string, now: Date): Promise<boolean> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: bounceKey(address), ConsistentRead: true }),
    );
    // TTL deletion is lazy (and never happens on dynalite): the stored instant decides.
    return typeof Item?.['until'] === 'string' && Date.parse(Item['until']) > now.getTime();
  }
}
