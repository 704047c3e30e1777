import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SurveyAnswer, SurveyStore } from '../../app/lifecycle/ports';
import { isConditionalCheckFailed } from './client';

export const surveyKey = (protocol: string) => ({ pk: `SURVEY#${protocol}`, sk: 'SURVEY' });

/**
 * Satisfaction answers: `SURVEY#<protocol> / SURVEY { protocol, score, comment?, answeredAt }`,
 * put with `attribute_not_exists(pk)`: the first answer of a case wins, later ones change nothing.
 */
export class DynamoSurveyStore implements SurveyStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(answer: SurveyAnswer): Promise<boolean> {
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
            ...(answer.comment !== undefined ? { comment: answer.comment } : {}),
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
    };
  }
}
