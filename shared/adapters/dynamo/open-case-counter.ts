import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  type NativeAttributeValue,
  paginateQuery,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { OpenCaseCounter } from '../../app/lifecycle/ports';
import { isConditionalCheckFailed } from './client';
import { OPEN_CASE_SK_PREFIX, STAFF_PK, staffKey } from './table-design';

type Item = Record<string, NativeAttributeValue>;

const analystPrefix = (analystId: string) => `${OPEN_CASE_SK_PREFIX}${analystId}#`;
export const openCaseMarkerKey = (analystId: string, caseId: string) => ({
  pk: STAFF_PK,
  sk: `${analystPrefix(analystId)}${caseId}`,
});

export const isOpenCaseMarker = (item: Item): boolean => String(item['sk']).startsWith(OPEN_CASE_SK_PREFIX);

/** An analyst's open cases, and the latest assignment instant their markers still carry. */
export interface OpenCaseTally {
  count: number;
  lastAssignedAt?: string;
}

/**
 * The later of two instants, compared as the forward-only condition on `lastAssignedAt` compares
 * them (strings: ISO instants in UTC sort in time order), so the fold gives what that write would.
 */
export function laterInstant(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return b > a ? b : a;
}

/** Tallies marker items (any others are skipped) per analyst. */
export function tallyMarkers(items: Iterable<Item>): Map<string, OpenCaseTally> {
  const tallies = new Map<string, OpenCaseTally>();
  for (const item of items) {
    if (!isOpenCaseMarker(item)) continue;
    const id = String(item['analystId']);
    const tally = tallies.get(id) ?? { count: 0 };
    tally.count++;
    const at = typeof item['assignedAt'] === 'string' ? item['assignedAt'] : undefined;
    const last = laterInstant(tally.lastAssignedAt, at);
    if (last !== undefined) tally.lastAssignedAt = last;
    tallies.set(id, tally);
  }
  return tallies;
}

/**
 * Open cases per analyst as one marker item per open (analyst, case), in the roster's partition:
 *   STAFF / OPENCASE#<analystId>#<caseId>   { type: 'OPENCASE', analystId, caseId, assignedAt? }
 * so the one Query that lists the roster counts everyone's open cases too (issue 16).
 * `opened` puts it if absent, `closed` deletes it: both idempotent, so an effect carried out twice
 * counts once, and a count of markers can never go below zero. Nothing grows with the cases ever
 * handled: a marker lives as long as its case is open with that analyst.
 *
 * Why the count is the number of markers and not a separate `ADD ±1` counter: without
 * transactions (dynalite has none) a marker write and a counter write are two writes. If a Lambda
 * dies between them, its retry finds the marker already in place and cannot tell whether the
 * counter moved — re-adding may count twice, skipping may never count. Counting the markers has no
 * second write to lose: the marker IS the count.
 *
 * `assignedAt` (only on the markers the assignment puts) is the analyst's last assignment while
 * the case is open: the assignment writes nothing on the staff item. An analyst's last assignment
 * is the later of the staff item's `lastAssignedAt` and their markers' `assignedAt`; `closed`
 * moves it onto the staff item (forward only) before the marker goes, so it is never lost, and a
 * retry after a crash in between finds the marker and does both again (both idempotent).
 */
export class DynamoOpenCaseCounter implements OpenCaseCounter {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** `assignedAt`: from the assignment and from a transfer (a reopening is not an assignment turn). */
  async opened(analystId: string, caseId: string, assignedAt?: string): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...openCaseMarkerKey(analystId, caseId),
            type: 'OPENCASE',
            analystId,
            caseId,
            ...(assignedAt ? { assignedAt } : {}),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  async closed(analystId: string, caseId: string): Promise<void> {
    const key = openCaseMarkerKey(analystId, caseId);
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: key,
        ProjectionExpression: 'pk, assignedAt',
        ConsistentRead: true,
      }),
    );
    // Closing twice (or a case never counted) changes nothing.
    if (!Item) return;
    if (typeof Item['assignedAt'] === 'string') await this.keepLastAssignment(analystId, Item['assignedAt']);
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: key }));
  }

  /**
   * `lastAssignedAt` only moves forward (two closes landing out of order keep the later instant);
   * an analyst removed from the roster meanwhile is left alone (no half item is created).
   */
  private async keepLastAssignment(analystId: string, at: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: staffKey(analystId),
          UpdateExpression: 'SET lastAssignedAt = :at',
          ConditionExpression:
            'attribute_exists(pk) AND (attribute_not_exists(lastAssignedAt) OR lastAssignedAt < :at)',
          ExpressionAttributeValues: { ':at': at },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  /** Open cases of one analyst (one Query of their markers). */
  async tally(analystId: string): Promise<OpenCaseTally> {
    const items: Item[] = [];
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': STAFF_PK, ':prefix': analystPrefix(analystId) },
        ProjectionExpression: 'sk, analystId, assignedAt',
        ConsistentRead: true,
      },
    );
    for await (const page of pages) items.push(...(page.Items ?? []));
    return tallyMarkers(items).get(analystId) ?? { count: 0 };
  }
}
