import { BatchGetCommand, type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { HOUR_SECONDS } from '../../domain/instant';
import { SES_BOUNCES_KEY } from '../../domain/rate-keys';
import type { BounceCounter } from '../../ports';
import { rateItemKey } from './rate-limiter';
import { TTL_ATTRIBUTE } from './table-design';

/** A read's keys DynamoDB left unprocessed are asked again this many times, then count as none. */
const READ_ATTEMPTS = 3;

/**
 * The bounce breaker's hour buckets as rate-limiter items (RATE#ses-permanent-bounces#<hour epoch s>,
 * `hits`), expiring two hours after the hour starts, as the limiter's: the breaker reads two hours.
 */
export class DynamoBounceCounter implements BounceCounter {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async add(hour: Date, count: number): Promise<void> {
    if (!(count > 0)) return;
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: rateItemKey(SES_BOUNCES_KEY, hour),
        UpdateExpression: 'ADD hits :n SET #ttl = :ttl',
        ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':n': count, ':ttl': Math.floor(hour.getTime() / 1000) + 2 * HOUR_SECONDS },
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
