import { BatchGetCommand, type DynamoDBDocumentClient, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { ReportSource } from '../../app/report';
import { CASE_STATUSES } from '../../domain/case';
import { OPEN_STATUSES } from '../../domain/lifecycle/types';
import {
  type ReportCase,
  type ReportEntry,
  type ReportSurvey,
  reportCaseFrom,
  reportSurveyFrom,
} from '../../domain/report/figures';
import { BATCH_GET_MAX, caseItemKey, untilProcessed } from './case-repository';
import {
  CASE_EVENTS_PK_PREFIX,
  ERASED_EVENTS_PK_PREFIX,
  ERASED_STATS_PK_PREFIX,
  erasedIdOfStatusSortKey,
  GSI,
  statusGsiPk,
  TTL_ATTRIBUTE,
} from './table-design';
import { surveyKey } from './survey-store';

/** Every status a case item can be in: each is one partition of the status index. */
export const REPORT_STATUSES = CASE_STATUSES;
/** The statuses of a case still being worked: the report's open backlog. */
export const OPEN_REPORT_STATUSES = OPEN_STATUSES;

/** Only what the figures read: the first message and the messages stay in the table. */
const PROJECTION = [
  'caseId',
  'protocol',
  'channel',
  '#status',
  'outcome',
  'decision.ruleIds',
  'assignee',
  'createdAt',
  'dueAt',
  'closedAt',
  'closure',
  'history',
  // The index's own sort key: an erasure under way names its statistics record there.
  GSI.byStatus.sortKey,
].join(', ');

/** A case item (or its index entry) as the report reads it, with the record an erasure under way kept. */
function reportCaseOf(item: Record<string, unknown>): ReportCase {
  const erasedStatsId = erasedIdOfStatusSortKey(item[GSI.byStatus.sortKey]);
  return { ...reportCaseFrom(item), ...(erasedStatsId ? { erasedStatsId } : {}) };
}

/**
 * The report's reads, all on the `gsi1-status` index: one Query per status partition with the
 * creation-time range on the sort key (`gsi1sk` = `<createdAt>#<caseId>`, so
 * `BETWEEN <from> AND <to>` selects createdAt in [from, to)), never a Scan. Survey answers by key.
 */
export class DynamoReportSource implements ReportSource {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Counted by tests: the Query calls made (one or more pages per status). */
  queries = 0;

  private async query(status: string, range?: { fromIso: string; toIso: string }): Promise<ReportCase[]> {
    const out: ReportCase[] = [];
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        IndexName: GSI.byStatus.indexName,
        KeyConditionExpression: range ? '#pk = :pk AND #sk BETWEEN :from AND :to' : '#pk = :pk',
        ExpressionAttributeNames: {
          '#pk': GSI.byStatus.partitionKey,
          '#status': 'status',
          ...(range ? { '#sk': GSI.byStatus.sortKey } : {}),
        },
        ExpressionAttributeValues: {
          ':pk': statusGsiPk(status),
          ...(range ? { ':from': range.fromIso, ':to': range.toIso } : {}),
        },
        ProjectionExpression: PROJECTION,
      },
    );
    for await (const page of pages) {
      this.queries++;
      for (const item of page.Items ?? []) out.push(reportCaseOf(item));
    }
    return out;
  }

  async casesCreatedBetween(fromIso: string, toIso: string): Promise<ReportCase[]> {
    // A sort key `<createdAt>#<caseId>` with createdAt < toIso sorts below toIso; one at toIso sorts above.
    const parts = await Promise.all(REPORT_STATUSES.map((s) => this.query(s, { fromIso, toIso })));
    return parts.flat();
  }

  async openCases(): Promise<ReportCase[]> {
    const parts = await Promise.all(OPEN_REPORT_STATUSES.map((s) => this.query(s)));
    return parts.flat();
  }

  /**
   * The cases with a closure or their first answer in [fromIso, toIso) (UTC instants): one Query per
   * UTC month of the closings' entries (CASEEVENTS#, the instant range on the sort key), then the
   * cases named by key (BatchGetItem, 100 at a time). An entry whose case is gone (erased) names nothing;
   * the figures check each case's history for the closures and answers of their own period.
   */
  async casesWithEventsBetween(fromIso: string, toIso: string): Promise<ReportCase[]> {
    const ids = new Set<string>();
    // `<instant>#<caseId>` with the instant < toIso sorts below toIso; one at toIso sorts above.
    for (const month of monthsBetween(fromIso.slice(0, 10), toIso.slice(0, 10))) {
      for (const item of await this.queryRange(`${CASE_EVENTS_PK_PREFIX}${month}`, fromIso, toIso)) {
        if (typeof item['caseId'] === 'string') ids.add(item['caseId']);
      }
    }
    const out: ReportCase[] = [];
    for (const item of await this.batchGet([...ids].map(caseItemKey), 'Report case items', PROJECTION, {
      '#status': 'status',
    })) {
      if (typeof item['caseId'] === 'string') out.push(reportCaseOf(item));
    }
    return out;
  }

  /**
   * The items of `keys` (absent ones are not returned), one BatchGetItem per 100 keys (a month names
   * a few hundred cases), not a GetItem each; keys DynamoDB leaves unprocessed are asked again.
   * Eventually consistent, as the index queries beside them.
   */
  private async batchGet(
    keys: Array<{ pk: string; sk: string }>,
    what: string,
    projection?: string,
    names?: Record<string, string>,
  ): Promise<Record<string, unknown>[]> {
    const out: Record<string, unknown>[] = [];
    await untilProcessed(keys as Record<string, unknown>[], BATCH_GET_MAX, what, async (batch) => {
      const { Responses, UnprocessedKeys } = await this.client.send(
        new BatchGetCommand({
          RequestItems: {
            [this.tableName]: {
              Keys: batch,
              ...(projection ? { ProjectionExpression: projection } : {}),
              ...(names ? { ExpressionAttributeNames: names } : {}),
            },
          },
        }),
      );
      out.push(...(Responses?.[this.tableName] ?? []));
      return UnprocessedKeys?.[this.tableName]?.Keys ?? [];
    });
    return out;
  }

  /** Statistics kept of the erased cases created `from` ≤ office-local date ≤ `to`: one Query per month. */
  async erasedCreatedBetween(from: string, to: string): Promise<ReportEntry[]> {
    return [...(await this.erasedRecords(ERASED_STATS_PK_PREFIX, from, to)).values()];
  }

  /**
   * Statistics kept of the erased cases closed or first answered `from` ≤ office-local date ≤ `to`
   * (ERASEDEVENTS#), and of those created then (records of erasures made before that copy was kept):
   * each record once.
   */
  async erasedWithEventsBetween(from: string, to: string): Promise<ReportEntry[]> {
    const records = await this.erasedRecords(ERASED_STATS_PK_PREFIX, from, to);
    for (const [id, entry] of await this.erasedRecords(ERASED_EVENTS_PK_PREFIX, from, to)) records.set(id, entry);
    return [...records.values()];
  }

  /** Records by their id (the sort key's tail), one Query per month partition, the date range on the sort key. */
  private async erasedRecords(prefix: string, from: string, to: string): Promise<Map<string, ReportEntry>> {
    const out = new Map<string, ReportEntry>();
    for (const month of monthsBetween(from, to)) {
      // `<date>#<id>`: every id of the last day sorts below `<date>#\uffff`.
      for (const item of await this.queryRange(`${prefix}${month}`, from, `${to}#\uffff`)) {
        const { pk: _pk, sk, type: _type, [TTL_ATTRIBUTE]: _ttl, ...entry } = item;
        const recordId = String(sk).slice(String(sk).indexOf('#') + 1);
        out.set(recordId, { ...(entry as unknown as ReportEntry), recordId });
      }
    }
    return out;
  }

  private async queryRange(pk: string, from: string, to: string): Promise<Record<string, unknown>[]> {
    const out: Record<string, unknown>[] = [];
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': pk, ':from': from, ':to': to },
      },
    );
    for await (const page of pages) {
      this.queries++;
      out.push(...(page.Items ?? []));
    }
    return out;
  }

  async surveys(protocols: readonly string[]): Promise<ReportSurvey[]> {
    const items = await this.batchGet([...new Set(protocols)].map(surveyKey), 'Survey answers');
    const out: ReportSurvey[] = [];
    for (const item of items) {
      const survey = typeof item['protocol'] === 'string' ? reportSurveyFrom(item) : undefined;
      if (survey) out.push(survey);
    }
    return out;
  }
}

/** The months (YYYY-MM) from `from`'s to `to`'s, both office-local dates. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (let month = from.slice(0, 7); month <= to.slice(0, 7); month = `${y}-${String(m).padStart(2, '0')}`) {
    months.push(month);
    m = m === 12 ? 1 : m + 1;
    if (m === 1) y++;
  }
  return months;
}
