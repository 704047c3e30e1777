import { DeleteCommand, type DynamoDBDocumentClient, paginateQuery, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { OpenCaseCounter } from '../../app/lifecycle/ports';
import { isConditionalCheckFailed } from './client';

/** All open (analyst, case) markers live in one small partition: one Query counts everyone's. */
import { OPEN_CASE_PK } from './table-design';

export { OPEN_CASE_PK };
const analystPrefix = (analystId: string) => `STAFF#${analystId}#CASE#`;
export const openCaseMarkerKey = (analystId: string, caseId: string) => ({
  pk: OPEN_CASE_PK,
  sk: `${analystPrefix(analystId)}${caseId}`,
});

/**
 * Open cases per analyst as one marker item per open (analyst, case):
 *   OPENCASE / STAFF#<analystId>#CASE#<caseId>   { type: 'OPENCASE', analystId, caseId }
 * `opened` puts it if absent, `closed` deletes it: both idempotent, so an effect carried out twice
 * counts once, and a count of markers can never go below zero. Nothing grows with the cases ever
 * handled: a marker lives as long as its case is open with that analyst.
 *
 * Why the count is the number of markers and not a separate `ADD ±1` counter: without
 * transactions (dynalite has none) a marker write and a counter write are two writes. If a Lambda
 * dies between them, its retry finds the marker already in place and cannot tell whether the
 * counter moved — re-adding may count twice, skipping may never count. Completing that exactly
 * once would need per-operation memory on the counter item (a set of op ids: the growing set we
 * are removing). Counting the markers has no second write to lose: the marker IS the count.
 * The read is one Query on the `OPENCASE` partition (keys only), whose cost grows with the cases
 * open right now — a few hundred small keys in one page — never with the cases ever handled.
 */
export class DynamoOpenCaseCounter implements OpenCaseCounter {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async opened(analystId: string, caseId: string): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...openCaseMarkerKey(analystId, caseId), type: 'OPENCASE', analystId, caseId },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  async closed(analystId: string, caseId: string): Promise<void> {
    // Deleting a missing item is a no-op: closing twice (or a case never counted) changes nothing.
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: openCaseMarkerKey(analystId, caseId) }));
  }

  /** Open cases of one analyst. */
  async count(analystId: string): Promise<number> {
    let count = 0;
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': OPEN_CASE_PK, ':prefix': analystPrefix(analystId) },
        Select: 'COUNT',
        ConsistentRead: true,
      },
    );
    for await (const page of pages) count += page.Count ?? 0;
    return count;
  }

  /** Open cases of every analyst that has one (one Query): what the assignment choice reads. */
  async counts(): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': OPEN_CASE_PK },
        ProjectionExpression: 'analystId',
        ConsistentRead: true,
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        const id = String(item['analystId']);
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
    }
    return counts;
  }
}
