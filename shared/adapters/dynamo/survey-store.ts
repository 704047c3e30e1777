import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SurveyAnswer, SurveyStore } from '../../app/lifecycle/ports';
import { DEFAULT_RETENTION, type RetentionSettings, retentionExpiry } from '../../domain/retention';
import { isConditionalCheckFailed } from './client';
import { TTL_ATTRIBUTE } from './table-design';

export const surveyKey = (protocol: string) => ({ pk: `SURVEY#${protocol}`, sk: 'SURVEY' });

/**
 * Satisfaction answers: `SURVEY#<protocol> / SURVEY { protocol, score, comment?, answeredAt, via? }`,
 * put with `attribute_not_exists(pk)`: the first answer of a case wins, later ones change nothing.
 */
export class DynamoSurveyStore implements SurveyStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** LGPD: an answer (given after closing) expires with the case, `retentionDays` after its closing. */
    private readonly retention: RetentionSettings = DEFAULT_RETENTION,
  ) {}

  async record(answer: SurveyAnswer): Promise<boolean> {
    const expiresAt = retentionExpiry('CLOSED', answer.closedAt ?? answer.answeredAt, this.retention);
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...surveyKey(answer.protocol),
            type: 'SURVEY',
            protocol: answer.protocol,
            score: answer.score,
            answeredAt: answer.answeredAt,
            ...(answer.closedAt !== undefined ? { closedAt: answer.closedAt } : {}),
            ...(answer.comment !== undefined ? { comment: answer.comment } : {}),
            ...(answer.via !== undefined ? { via: answer.via } : {}),
            ...(expiresAt !== null ? { [TTL_ATTRIBUTE]: expiresAt } : {}),
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

  async forget(protocol: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: surveyKey(protocol) }));
  }

  async get(protocol: string): Promise<SurveyAnswer | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: surveyKey(protocol), ConsistentRead: true }),
    );
    if (!Item) return null;
    return {
      protocol: String(Item['protocol']),
      score: Number(Item['score']),
      answeredAt: String(Item['answeredAt']),
      ...(typeof Item['comment'] === 'string' ? { comment: Item['comment'] } : {}),
      ...(Item['via'] === 'email' ? { via: 'email' as const } : {}),
    };
  }
}
