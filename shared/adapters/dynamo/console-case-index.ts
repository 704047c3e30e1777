/**
 * The staff console's case list over the two GSIs (gsi1-status, gsi2-sender): newest first,
 * filters inside the Query (FilterExpression), the cursor being where the page stopped (a
 * LastEvaluatedKey, or the key of its last entry; base64url JSON; a cursor of another partition is
 * refused by DynamoDB and read as "first page"). Never a Scan. Unfiltered, one Query per page.
 * Filtered (an analyst's cases are one in ten of a status after a year), a page reads on until it
 * is full, up to MAX_FILTERED_QUERIES Queries (paged-query.ts, queryFilledPage).
 */
import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isAutomaticMail } from '../../domain/automatic-mail';
import type { Decision } from '../../domain/decision';
import { BATCH_GET_MAX, caseKey, untilProcessed } from './case-repository';
import { decodeCursor, encodeCursor, indexKeyOf, queryFilledPage, queryPage } from './paged-query';
import type { CaseStatus } from '../../domain/case';
import type { CaseListFilter, CasePage, CaseSummary, ConsoleCaseIndex } from '../../console/ports';
import { GSI, senderGsiPk, statusGsiPk } from './table-design';

type Item = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function summaryOf(item: Item): CaseSummary {
  const optional = (key: string) => (str(item[key]) !== undefined ? { [key]: str(item[key]) } : {});
  return {
    caseId: String(item['caseId']),
    status: String(item['status']) as CaseSummary['status'],
    outcome: String(item['outcome']) as CaseSummary['outcome'],
    senderEmail: String(item['senderEmail'] ?? ''),
    subject: String(item['subject'] ?? ''),
    createdAt: String(item['createdAt'] ?? ''),
    ...optional('protocol'),
    ...optional('senderName'),
    ...optional('assignee'),
    ...optional('dueAt'),
  };
}

function filterExpression(filter: CaseListFilter): {
  expression?: string;
  names: Record<string, string>;
  values: Record<string, unknown>;
} {
  const parts: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (filter.assignee) {
    parts.push('#assignee = :assignee');
    names['#assignee'] = 'assignee';
    values[':assignee'] = filter.assignee;
  } else if (filter.assigneeOrNone) {
    parts.push('(#assignee = :assignee OR attribute_not_exists(#assignee))');
    names['#assignee'] = 'assignee';
    values[':assignee'] = filter.assigneeOrNone;
  }
  if (filter.outcome) {
    parts.push('#outcome = :outcome');
    names['#outcome'] = 'outcome';
    values[':outcome'] = filter.outcome;
  }
  if (filter.dueBefore) {
    names['#dueAt'] = 'dueAt';
    values[':dueBefore'] = filter.dueBefore;
    if (filter.promisedBefore) {
      // A queued case has no due date: the one its acknowledgement promised follows from its receipt.
      parts.push(
        '(#dueAt < :dueBefore OR (attribute_not_exists(#dueAt) AND #outcome = :acceptedOutcome AND #createdAt < :promisedBefore))',
      );
      names['#outcome'] = 'outcome';
      names['#createdAt'] = 'createdAt';
      values[':acceptedOutcome'] = 'ACCEPTED';
      values[':promisedBefore'] = filter.promisedBefore;
    } else parts.push('#dueAt < :dueBefore');
  }
  if (filter.statuses && filter.statuses.length > 0) {
    const keys = filter.statuses.map((status, i) => {
      values[`:status${i}`] = status;
      return `:status${i}`;
    });
    parts.push(`#status IN (${keys.join(', ')})`);
    names['#status'] = 'status';
  }
  return { ...(parts.length ? { expression: parts.join(' AND ') } : {}), names, values };
}

export class DynamoConsoleCaseIndex implements ConsoleCaseIndex {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  byStatus(status: CaseStatus, filter: CaseListFilter, page: { limit: number; cursor?: string }): Promise<CasePage> {
    return this.query(GSI.byStatus, statusGsiPk(status), filter, page);
  }

  /**
   * A k-way merge of the status partitions, newest first: each page reads one Query page of every
   * status not yet exhausted, and lists only the entries no unread entry can precede (those not
   * older than any partition's last evaluated key). The cursor keeps, per status, where to go on
   * (null: exhausted).
   */
  async byStatuses(
    statuses: readonly CaseStatus[],
    filter: CaseListFilter,
    page: { limit: number; cursor?: string },
  ): Promise<CasePage> {
    const starts = mergedCursor(page.cursor);
    const parts = await Promise.all(
      [...new Set(statuses)]
        .filter((status) => starts[status] !== null)
        .map(async (status) => {
          const start = starts[status];
          const out = await this.raw(GSI.byStatus, statusGsiPk(status), filter, {
            limit: page.limit,
            ...(start ? { cursor: encodeCursor(start) } : {}),
          });
          const next = out.next ? decodeCursor(out.next) : undefined;
          return { status, items: out.items, next };
        }),
    );
    const sortKey = (item: Item) => String(item[GSI.byStatus.sortKey] ?? '');
    const boundary = parts.reduce((b, p) => (p.next && sortKey(p.next) > b ? sortKey(p.next) : b), '');
    const merged = parts
      .flatMap((p) => p.items.map((item) => ({ status: p.status, item })))
      .filter(({ item }) => sortKey(item) >= boundary)
      .sort((a, b) => (sortKey(a.item) < sortKey(b.item) ? 1 : -1))
      .slice(0, Math.max(1, Math.min(page.limit, 100)));
    const cursor: Record<string, Item | null> = {};
    for (const p of parts) {
      const listed = merged.filter((m) => m.status === p.status);
      const last = listed.at(-1)?.item;
      if (listed.length === p.items.length) cursor[p.status] = p.next ?? null;
      else if (last) cursor[p.status] = keyOfItem(last);
      else if (starts[p.status]) cursor[p.status] = starts[p.status] as Item;
    }
    for (const [status, start] of Object.entries(starts)) if (start === null) cursor[status] = null;
    const more = parts.some((p) => cursor[p.status] !== null);
    const items = await this.summaries(merged.map((m) => m.item));
    return { items, ...(more ? { next: encodeCursor(cursor) } : {}) };
  }

  bySender(email: string, filter: CaseListFilter, page: { limit: number; cursor?: string }): Promise<CasePage> {
    return this.query(GSI.bySender, senderGsiPk(email), filter, page);
  }

  private async query(
    index: (typeof GSI)[keyof typeof GSI],
    partition: string,
    filter: CaseListFilter,
    page: { limit: number; cursor?: string },
  ): Promise<CasePage> {
    const out = await this.raw(index, partition, filter, page);
    const items = await this.summaries(out.items);
    return { items, ...(out.next ? { next: out.next } : {}) };
  }

  /**
   * The rows, with `automatic` on the guided records that are stored automatic mail (the case page's
   * rule, isAutomaticMail). gsi1-status projects `decision`; gsi2-sender does not (and a projection
   * cannot change in place), so the guided rows of a sender search have theirs read in one
   * BatchGetItem for the page (eventually consistent: a decision never changes), not a read a row.
   */
  private async summaries(entries: Item[]): Promise<CaseSummary[]> {
    const cases = entries.filter(isCase);
    const guided = cases.filter((item) => item['status'] === 'REDIRECTED');
    const decisions = new Map<string, unknown>();
    for (const item of guided) if ('decision' in item) decisions.set(String(item['caseId']), item['decision']);
    const unread = guided.filter((item) => !decisions.has(String(item['caseId'])));
    if (unread.length > 0) {
      await untilProcessed(
        unread.map((item) => caseKey(String(item['caseId']))) as Item[],
        BATCH_GET_MAX,
        'Guided case decisions',
        async (keys) => {
          const { Responses, UnprocessedKeys } = await this.client.send(
            new BatchGetCommand({
              RequestItems: {
                [this.tableName]: {
                  Keys: keys,
                  ProjectionExpression: 'caseId, #decision',
                  ExpressionAttributeNames: { '#decision': 'decision' },
                },
              },
            }),
          );
          for (const found of Responses?.[this.tableName] ?? [])
            decisions.set(String(found['caseId']), found['decision']);
          return UnprocessedKeys?.[this.tableName]?.Keys ?? [];
        },
      );
    }
    return cases.map((item) => {
      const decision = decisions.get(String(item['caseId'])) as Pick<Decision, 'ruleIds'> | undefined;
      const automatic =
        item['status'] === 'REDIRECTED' && Array.isArray(decision?.ruleIds) && isAutomaticMail({ decision });
      return { ...summaryOf(item), ...(automatic ? { automatic: true as const } : {}) };
    });
  }

  private async raw(
    index: (typeof GSI)[keyof typeof GSI],
    partition: string,
    filter: CaseListFilter,
    page: { limit: number; cursor?: string },
  ): Promise<{ items: Item[]; next?: string }> {
    const f = filterExpression(filter);
    const input = {
      TableName: this.tableName,
      IndexName: index.indexName,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': index.partitionKey, ...f.names },
      ExpressionAttributeValues: { ':pk': partition, ...f.values },
      ...(f.expression ? { FilterExpression: f.expression } : {}),
    };
    if (!f.expression) return queryPage(this.client, input, page);
    return queryFilledPage(this.client, input, page, (item) => indexKeyOf(item, index));
  }
}

const isCase = (i: Item) => i['type'] === undefined || i['type'] === 'CASE';

/** The merged list's cursor: per status, the key to go on from, or null (exhausted); garbage reads as the start. */
function mergedCursor(cursor: string | undefined): Record<string, Item | null> {
  const value = decodeCursor(cursor);
  const out: Record<string, Item | null> = {};
  for (const [status, key] of Object.entries(value ?? {})) {
    if (key === null) out[status] = null;
    else if (key && typeof key === 'object' && !Array.isArray(key)) out[status] = key as Item;
  }
  return out;
}

/** A status index entry's own key: where a Query goes on after it. */
function keyOfItem(item: Item): Item {
  return indexKeyOf(item, GSI.byStatus);
}
