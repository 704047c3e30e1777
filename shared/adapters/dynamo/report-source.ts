import { type DynamoDBDocumentClient, GetCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { ReportSource } from '../../app/report';
import { CASE_STATUSES } from '../../domain/case';
import { OPEN_STATUSES } from '../../domain/lifecycle/types';
import { type ReportCase, type ReportEntry, type ReportSurvey, reportCaseFrom } from '../../domain/report/figures';
import { erasedStatsKey, GSI, statusGsiPk, TTL_ATTRIBUTE } from './table-design';
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
].join(', ');

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
      for (const item of page.Items ?? []) out.push(reportCaseFrom(item));
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

  /** One Query per month partition of the anonymous statistics, the date range on the sort key. */
  async erasedCreatedBetween(from: string, to: string): Promise<ReportEntry[]> {
    const out: ReportEntry[] = [];
    for (const month of monthsBetween(from, to)) {
      const pages = paginateQuery(
        { client: this.client },
        {
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': erasedStatsKey(`${month}-01`, '').pk,
            ':from': from,
            // `<date>#<id>`: every id of the last day sorts below `<date>#\uffff`.
            ':to': `${to}#\uffff`,
          },
        },
      );
      for await (const page of pages) {
        this.queries++;
        for (const item of page.Items ?? []) {
          const { pk: _pk, sk: _sk, type: _type, [TTL_ATTRIBUTE]: _ttl, ...entry } = item;
          out.push(entry as ReportEntry);
        }
      }
    }
    return out;
  }

  async surveys(protocols: readonly string[]): Promise<ReportSurvey[]> {
    const unique = [...new Set(protocols)];
    const out: ReportSurvey[] = [];
    // Ten GetItems at a time: a month holds a few hundred closed cases.
    for (let i = 0; i < unique.length; i += 10) {
      const batch = await Promise.all(
        unique
          .slice(i, i + 10)
          .map((protocol) => this.client.send(new GetCommand({ TableName: this.tableName, Key: surveyKey(protocol) }))),
      );
      for (const { Item } of batch) {
        if (Item && typeof Item['protocol'] === 'string')
          out.push({ protocol: Item['protocol'], score: Number(Item['score']) });
      }
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
