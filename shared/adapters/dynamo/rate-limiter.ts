import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RateLimiter } from '../../ports';
import { TTL_ATTRIBUTE } from './table-design';

/** The partition-key prefix of every window's counter of `key` (IAM scopes a grant to it). */
export function rateKeyPrefix(key: string): string {
  return `RATE#${key}#`;
}

/** The counter item of `key` in the window starting at `windowStart`. */
export function rateItemKey(key: string, windowStart: Date): { pk: string; sk: string } {
  return { pk: `${rateKeyPrefix(key)}${Math.floor(windowStart.getTime() / 1000)}`, sk: 'RATE' };
}

/** Fixed-window counter: item RATE#<key>#<windowStart epoch s>, expiring a window after it ends. */
export class DynamoRateLimiter implements RateLimiter {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async hit(key: string, windowStart: Date, windowSeconds: number): Promise<number> {
    if (!(windowSeconds > 0)) throw new Error(`Bad rate window: ${windowSeconds}`);
    const start = Math.floor(windowStart.getTime() / 1000);
    const { Attributes } = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: rateItemKey(key, windowStart),
        UpdateExpression: 'ADD hits :one SET #ttl = :ttl',
        ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':one': 1, ':ttl': start + 2 * windowSeconds },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const hits = Attributes?.['hits'];
    if (typeof hits !== 'number') throw new Error('Rate counter returned no count');
    return hits;
  }
}
