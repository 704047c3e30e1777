import { BatchGetCommand, type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { BOUNCE_KEYS_PER_HOUR } from '../../domain/bounce-breaker';
import { HOUR_SECONDS } from '../../domain/instant';
import { SES_BOUNCES_KEY } from '../../domain/rate-keys';
import type { BounceCounter } from '../../ports';
import { isConditionalCheckFailed } from './client';
import { rateItemKey } from './rate-limiter';
import { TTL_ATTRIBUTE } from './table-design';

/** A read's keys DynamoDB left unprocessed are asked again this many times, then count as none. */
const READ_ATTEMPTS = 3;
/**
 * Conditional writes of one add: a refused one is read and tried again with the keys still new, which
 * only a concurrent notification of other bounces, written in between, refuses again.
 */
const WRITE_ATTEMPTS = 3;

/**
 * The bounce breaker's hour buckets as rate-limiter items (RATE#ses-permanent-bounces#<hour epoch s>,
 * `hits`), expiring two hours after the hour starts, as the limiter's: the breaker reads two hours.
 * The item also keeps the bounce keys it counted (`seen`, a string set of hashes), so a notification
 * delivered again counts nothing.
 */
export class DynamoBounceCounter implements BounceCounter {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async add(hour: Date, keys: string[]): Promise<void> {
    const key = rateItemKey(SES_BOUNCES_KEY, hour);
    const ttl = Math.floor(hour.getTime() / 1000) + 2 * HOUR_SECONDS;
    let pending = [...new Set(keys)];
    for (let attempt = 0; attempt < WRITE_ATTEMPTS && pending.length > 0; attempt++) {
      try {
        await this.addNew(key, ttl, pending);
        return;
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
      }
      // Refused: some key is counted already (a repeat delivery), or the item keeps all it may.
      const { Item } = await this.client.send(
        new GetCommand({ TableName: this.tableName, Key: key, ProjectionExpression: 'seen', ConsistentRead: true }),
      );
      const seen = Item?.['seen'] instanceof Set ? (Item['seen'] as Set<string>) : new Set<string>();
      pending = pending.filter((k) => !seen.has(k));
      if (pending.length > 0 && seen.size >= BOUNCE_KEYS_PER_HOUR) {
        await this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: key,
            UpdateExpression: 'ADD hits :n SET #ttl = :ttl',
            ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
            ExpressionAttributeValues: { ':n': pending.length, ':ttl': ttl },
          }),
        );
        return;
      }
    }
  }

  /** Counts `keys` and keeps them, only if none is kept yet and the item has room (else refused). */
  private async addNew(key: ReturnType<typeof rateItemKey>, ttl: number, keys: string[]): Promise<void> {
    const values: Record<string, unknown> = { ':n': keys.length, ':keys': new Set(keys), ':ttl': ttl };
    const unseen = keys.map((k, i) => {
      values[`:k${i}`] = k;
      return `NOT contains(seen, :k${i})`;
    });
    values[':max'] = BOUNCE_KEYS_PER_HOUR;
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key,
        UpdateExpression: 'ADD hits :n, seen :keys SET #ttl = :ttl',
        ConditionExpression: `(attribute_not_exists(seen) OR size(seen) < :max) AND ${unseen.join(' AND ')}`,
        ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: values,
      }),
    );
  }

  async counts(hours: Date[]): Promise<number[]> {
    const found = new Map<string, number>();
    let keys = hours.map((hour) => rateItemKey(SES_BOUNCES_KEY, hour));
    // A bucket DynamoDB would not read (throttled) counts as none: the reply goes rather than fails.
    for (let attempt = 0; attempt < READ_ATTEMPTS && keys.length > 0; attempt++) {
      const { Responses, UnprocessedKeys } = await this.client.send(
        new BatchGetCommand({
          RequestItems: { [this.tableName]: { Keys: keys, ProjectionExpression: 'pk, hits' } },
        }),
      );
      for (const item of Responses?.[this.tableName] ?? []) {
        if (typeof item['pk'] === 'string' && typeof item['hits'] === 'number') found.set(item['pk'], item['hits']);
      }
      keys = (UnprocessedKeys?.[this.tableName]?.Keys ?? []) as typeof keys;
    }
    return hours.map((hour) => found.get(rateItemKey(SES_BOUNCES_KEY, hour).pk) ?? 0);
  }
}
