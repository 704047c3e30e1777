import { BatchGetCommand, type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { HistoryEvent } from '../../domain/lifecycle/types';
import type { RetentionSettings } from '../../domain/retention';
import { BATCH_GET_MAX, untilProcessed } from './case-repository';
import { caseEventItem, reportEventsOf } from './case-work-store';
import { isConditionalCheckFailed } from './client';
import { REPORT_STATUSES } from './report-source';
import { caseEventKey, GSI, statusGsiPk } from './table-design';

/** Where a run stopped: the status partition and the last case item read in it (resume from there). */
export interface BackfillCursor {
  status: number;
  key?: Record<string, unknown>;
}

export interface BackfillPage {
  status: string;
  cases: number;
  /** Entries the cases' histories call for. */
  entries: number;
  /** Of those, already in the list (written by a commit since CASEEVENTS# existed, or an earlier run). */
  present: number;
  /** Written by this page (0 on a dry run). */
  written: number;
  /** Where the next page starts; absent when every partition has been read. */
  next?: BackfillCursor;
}

/**
 * The one-off backfill of the closings' list (CASEEVENTS#, report 53): closings and first answers made
 * before the list existed have no entry, and a month's report finds them only through the cases
 * received in it or the month before. One page a call: a Query of one status partition of the status
 * index (`limit` case items, their histories), a BatchGetItem of the entries they call for, and — not
 * on a dry run — a conditional PutItem of each missing one (the commit's own item, caseEventItem).
 * Each page is complete before its cursor is given, so a run stopped anywhere resumes from its last
 * cursor; a page repeated writes nothing twice.
 */
export class CaseEventsBackfill {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly retention: RetentionSettings,
  ) {}

  async page(cursor: BackfillCursor, options: { limit: number; write: boolean }): Promise<BackfillPage> {
    const status = REPORT_STATUSES[cursor.status] as string;
    const { Items, LastEvaluatedKey } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: GSI.byStatus.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': GSI.byStatus.partitionKey },
        ExpressionAttributeValues: { ':pk': statusGsiPk(status) },
        ProjectionExpression: 'caseId, history',
        Limit: options.limit,
        ...(cursor.key ? { ExclusiveStartKey: cursor.key } : {}),
      }),
    );
    const wanted = (Items ?? []).flatMap((item) =>
      typeof item['caseId'] === 'string' && Array.isArray(item['history'])
        ? reportEventsOf({ events: item['history'] as HistoryEvent[] }, []).map((at) => ({
            at,
            caseId: item['caseId'] as string,
          }))
        : [],
    );
    const present = new Set<string>();
    await untilProcessed(
      wanted.map(({ at, caseId }) => caseEventKey(at, caseId)),
      BATCH_GET_MAX,
      'Closings list entries',
      async (keys) => {
        const { Responses, UnprocessedKeys } = await this.client.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ProjectionExpression: 'sk' } } }),
        );
        for (const item of Responses?.[this.tableName] ?? []) present.add(String(item['sk']));
        return (UnprocessedKeys?.[this.tableName]?.Keys ?? []) as typeof keys;
      },
    );
    const missing = wanted.filter(({ at, caseId }) => !present.has(caseEventKey(at, caseId).sk));
    let written = 0;
    if (options.write) {
      for (const { at, caseId } of missing) {
        try {
          await this.client.send(
            new PutCommand({
              TableName: this.tableName,
              Item: caseEventItem(at, caseId, this.retention),
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          );
          written++;
        } catch (error) {
          // Put meanwhile by the case's own commit: nothing to add.
          if (!isConditionalCheckFailed(error)) throw error;
        }
      }
    }
    const next: BackfillCursor | undefined = LastEvaluatedKey
      ? { status: cursor.status, key: LastEvaluatedKey }
      : cursor.status + 1 < REPORT_STATUSES.length
        ? { status: cursor.status + 1 }
        : undefined;
    return {
      status,
      cases: Items?.length ?? 0,
      entries: wanted.length,
      present: wanted.length - missing.length,
      written,
      ...(next ? { next } : {}),
    };
  }
}

/** A cursor as the CLI prints and takes it back (base64url JSON). */
export const encodeBackfillCursor = (cursor: BackfillCursor): string =>
  Buffer.from(JSON.stringify(cursor)).toString('base64url');

export function decodeBackfillCursor(text: string): BackfillCursor {
  const cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as BackfillCursor;
  if (!Number.isInteger(cursor.status) || cursor.status < 0 || cursor.status >= REPORT_STATUSES.length) {
    throw new RangeError('Cursor inválido: use o que a execução anterior imprimiu.');
  }
  return cursor;
}
