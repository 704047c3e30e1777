/**
 * The staff console's case list over the two GSIs (gsi1-status, gsi2-sender): one Query per page,
 * newest first, filters inside the Query (FilterExpression), the cursor being the
 * LastEvaluatedKey (base64url JSON; a cursor of another partition is refused by DynamoDB and
 * read as "first page"). Never a Scan.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryPage } from './paged-query';
import type { CaseStatus } from '../../domain/case';
import type { CaseListFilter, CasePage, CaseSummary, ConsoleCaseIndex } from '../../console/ports';
import { GSI, statusGsiPk } from './table-design';

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
    parts.push('#dueAt < :dueBefore');
    names['#dueAt'] = 'dueAt';
    values[':dueBefore'] = filter.dueBefore;
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

  bySender(email: string, filter: CaseListFilter, page: { limit: number; cursor?: string }): Promise<CasePage> {
    return this.query(GSI.bySender, `SENDER#${email.toLowerCase()}`, filter, page);
  }

  private async query(
    index: (typeof GSI)[keyof typeof GSI],
    partition: string,
    filter: CaseListFilter,
    page: { limit: number; cursor?: string },
  ): Promise<CasePage> {
    const f = filterExpression(filter);
    const out = await queryPage(
      this.client,
      {
        TableName: this.tableName,
        IndexName: index.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': index.partitionKey, ...f.names },
        ExpressionAttributeValues: { ':pk': partition, ...f.values },
        ...(f.expression ? { FilterExpression: f.expression } : {}),
      },
      page,
    );
    const items = out.items.filter((i) => i['type'] === undefined || i['type'] === 'CASE').map(summaryOf);
    return { items, ...(out.next ? { next: out.next } : {}) };
  }
}
