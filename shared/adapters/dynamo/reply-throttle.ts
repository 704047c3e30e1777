import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ThrottledMailKind } from '../../domain/outcome';
import type { ReplyThrottle } from '../../ports';
import { isConditionalCheckFailed } from './client';
import { TTL_ATTRIBUTE } from './table-design';

const TWO_DAYS_S = 2 * 24 * 3600;

/** Item THROTTLE#<inbox>#<kind>#<day> with a counter; the conditional ADD caps it at `max`. */
export class DynamoReplyThrottle implements ReplyThrottle {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async tryConsume(
    senderEmail: string,
    outcome: ThrottledMailKind,
    day: string,
    max: number,
    consumerId: string,
  ): Promise<boolean> {
    if (!(max > 0)) return false;
    const dayStart = Date.parse(`${day}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(dayStart)) throw new Error(`Bad throttle day: ${day}`);
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: `THROTTLE#${senderEmail.trim().toLowerCase()}#${outcome}#${day}`, sk: 'THROTTLE' },
          // A set of consumers, not a counter: the same case retrying its reply is not counted twice.
          UpdateExpression: 'ADD #consumers :me SET #ttl = :ttl',
          ConditionExpression:
            'attribute_not_exists(#consumers) OR size(#consumers) < :max OR contains(#consumers, :id)',
          ExpressionAttributeNames: { '#consumers': 'consumers', '#ttl': TTL_ATTRIBUTE },
          // Kept two days past the day's start: long enough for any time zone's "today".
          ExpressionAttributeValues: {
            ':me': new Set([consumerId]),
            ':id': consumerId,
            ':max': max,
            ':ttl': Math.floor(dayStart / 1000) + TWO_DAYS_S,
          },
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      return false;
    }
  }
}
