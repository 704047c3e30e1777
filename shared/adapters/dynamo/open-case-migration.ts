import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { isOpenStatus, type WorkStatus } from '../../domain/lifecycle/types';
import { caseItemKey } from './case-repository';
import { DynamoOpenCaseCounter } from './open-case-counter';
import { LEGACY_OPEN_CASE_PK } from './table-design';

export interface OpenCaseMigration {
  /** Old markers whose case is still open with that analyst: now in the `STAFF` partition. */
  moved: number;
  /** Old markers of cases closed, transferred or gone since: not carried over. */
  dropped: number;
}

/**
 * One-off move of the open-case markers of a table deployed before issue 16, from their own
 * partition (`OPENCASE / STAFF#<analystId>#CASE#<caseId>`) into the roster's
 * (`STAFF / OPENCASE#<analystId>#<caseId>`): the functions read only the new place (reading both
 * would cost the assignment its request back). Run it once right after deploying
 * (`npm run staff -- migrate-open-cases`); until then the old markers are not counted.
 *
 * Idempotent, and safe beside the running functions: each marker is put in the new place (if
 * absent; without `assignedAt`, since the staff item's `lastAssignedAt` already counts those
 * assignments), then its case is read: if it is no longer open with that analyst (closed by the
 * new code, which found nothing to delete, or closed or moved before), the new marker is released
 * again. A close after that read finds the new marker and deletes it itself. The old marker goes
 * last, so a run cut short is finished by the next.
 */
export async function migrateOpenCaseMarkers(
  client: DynamoDBDocumentClient,
  tableName: string,
): Promise<OpenCaseMigration> {
  const counter = new DynamoOpenCaseCounter(client, tableName);
  const old: Array<{ pk: string; sk: string; analystId: string; caseId: string }> = [];
  const pages = paginateQuery(
    { client },
    {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': LEGACY_OPEN_CASE_PK },
      ConsistentRead: true,
    },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      old.push({
        pk: String(item['pk']),
        sk: String(item['sk']),
        analystId: String(item['analystId']),
        caseId: String(item['caseId']),
      });
    }
  }
  const result: OpenCaseMigration = { moved: 0, dropped: 0 };
  for (const marker of old) {
    await counter.opened(marker.analystId, marker.caseId);
    const { Item } = await client.send(
      new GetCommand({
        TableName: tableName,
        Key: caseItemKey(marker.caseId),
        ProjectionExpression: '#status, assignee',
        ExpressionAttributeNames: { '#status': 'status' },
        ConsistentRead: true,
      }),
    );
    if (Item && isOpenStatus(Item['status'] as WorkStatus) && Item['assignee'] === marker.analystId) {
      result.moved++;
    } else {
      await counter.closed(marker.analystId, marker.caseId);
      result.dropped++;
    }
    await client.send(new DeleteCommand({ TableName: tableName, Key: { pk: marker.pk, sk: marker.sk } }));
  }
  return result;
}
