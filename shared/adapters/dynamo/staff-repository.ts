import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  type NativeAttributeValue,
  paginateQuery,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Analyst } from '../../domain/staff';
import type { StaffChange, StaffRepository } from '../../ports';
import { isConditionalCheckFailed } from './client';
import { DynamoOpenCaseCounter, laterInstant, type OpenCaseTally, tallyMarkers } from './open-case-counter';
import { STAFF_PK, staffKey } from './table-design';

export { STAFF_PK, staffKey };

type Item = Record<string, NativeAttributeValue>;

/**
 * Open cases and the last assignment come from the analyst's `OPENCASE#` markers
 * (DynamoOpenCaseCounter): one item per open (analyst, case), put on assignment and deleted on
 * close or transfer, so a retried assignment (or close) never counts twice, the count falls when
 * cases close, and no item grows with the cases ever handled (the old `openCaseIds` set on the
 * staff item did, towards the 400 KB limit). The last assignment is the later of the staff item's
 * `lastAssignedAt` and the markers' `assignedAt` (see DynamoOpenCaseCounter).
 */
function toAnalyst(item: Item, open: OpenCaseTally | undefined): Analyst {
  const stored = typeof item['lastAssignedAt'] === 'string' ? item['lastAssignedAt'] : undefined;
  const lastAssignedAt = laterInstant(stored, open?.lastAssignedAt);
  return {
    id: String(item['id']),
    name: String(item['name'] ?? ''),
    email: String(item['email'] ?? ''),
    active: item['active'] === true,
    ...(item['leave'] ? { leave: { from: String(item['leave'].from), to: String(item['leave'].to) } } : {}),
    openCases: open?.count ?? 0,
    ...(lastAssignedAt !== undefined ? { lastAssignedAt } : {}),
    ...(typeof item['sessionsEndedAt'] === 'string' ? { sessionsEndedAt: item['sessionsEndedAt'] } : {}),
  };
}

export class DynamoStaffRepository implements StaffRepository {
  private readonly counter: DynamoOpenCaseCounter;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.counter = new DynamoOpenCaseCounter(client, tableName);
  }

  /** One Query of the `STAFF` partition: the roster and every open-case marker (they sort first). */
  async list(): Promise<Analyst[]> {
    const items: Item[] = [];
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': STAFF_PK },
        ConsistentRead: true,
      },
    );
    for await (const page of pages) items.push(...(page.Items ?? []));
    const open = tallyMarkers(items);
    return items
      .filter((item) => String(item['sk']).startsWith('STAFF#'))
      .map((item) => toAnalyst(item, open.get(String(item['id']))));
  }

  async get(id: string): Promise<Analyst | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: staffKey(id), ConsistentRead: true }),
    );
    return Item ? toAnalyst(Item, await this.counter.tally(id)) : null;
  }

  /** Upserts the profile fields only: the open cases and last assignment survive a roster edit. */
  async put(analyst: Omit<Analyst, 'openCases' | 'lastAssignedAt'>): Promise<void> {
    const values: Item = {
      ':type': 'STAFF',
      ':id': analyst.id,
      ':name': analyst.name,
      ':email': analyst.email,
      ':active': analyst.active,
    };
    let expression = 'SET #type = :type, id = :id, #name = :name, email = :email, active = :active';
    if (analyst.leave) {
      values[':leave'] = { from: analyst.leave.from, to: analyst.leave.to };
      expression += ', #leave = :leave';
    } else {
      expression += ' REMOVE #leave';
    }
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: staffKey(analyst.id),
        UpdateExpression: expression,
        ExpressionAttributeNames: { '#type': 'type', '#name': 'name', '#leave': 'leave' },
        ExpressionAttributeValues: values,
      }),
    );
  }

  async add(analyst: Omit<Analyst, 'openCases' | 'lastAssignedAt'>): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...staffKey(analyst.id),
            type: 'STAFF',
            id: analyst.id,
            name: analyst.name,
            email: analyst.email,
            active: analyst.active,
            ...(analyst.leave ? { leave: { from: analyst.leave.from, to: analyst.leave.to } } : {}),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async update(id: string, change: StaffChange): Promise<boolean> {
    const sets: string[] = [];
    const removes: string[] = [];
    const names: Record<string, string> = {};
    const values: Item = {};
    if (change.active !== undefined) {
      sets.push('active = :active');
      values[':active'] = change.active;
    }
    if (change.leave !== undefined) {
      names['#leave'] = 'leave';
      if (change.leave === null) removes.push('#leave');
      else {
        sets.push('#leave = :leave');
        values[':leave'] = { from: change.leave.from, to: change.leave.to };
      }
    }
    const expression = [
      sets.length ? `SET ${sets.join(', ')}` : '',
      removes.length ? `REMOVE ${removes.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join(' ');
    names['#pk'] = 'pk';
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: staffKey(id),
          ...(expression ? { UpdateExpression: expression } : {}),
          ConditionExpression: 'attribute_exists(#pk)',
          ExpressionAttributeNames: names,
          ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async endSessions(id: string, at: string): Promise<boolean> {
    try {
      // Only forward: ISO instants of one format compare as strings.
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: staffKey(id),
          UpdateExpression: 'SET #ended = :at',
          ConditionExpression: 'attribute_exists(#pk) AND (attribute_not_exists(#ended) OR #ended < :at)',
          ExpressionAttributeNames: { '#pk': 'pk', '#ended': 'sessionsEndedAt' },
          ExpressionAttributeValues: { ':at': at },
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      // A later instant is already there (the member exists), or there is no such member.
      const { Item } = await this.client.send(
        new GetCommand({ TableName: this.tableName, Key: staffKey(id), ConsistentRead: true }),
      );
      return Item !== undefined;
    }
  }

  async remove(id: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: staffKey(id) }));
  }
}

/**
 * Counts a case as open for the analyst: an idempotent marker carrying the assignment instant,
 * which is the analyst's last assignment from now on (no write on the staff item: issue 16).
 */
export async function recordStaffAssignment(
  client: DynamoDBDocumentClient,
  tableName: string,
  analystId: string,
  caseId: string,
  at: string,
): Promise<void> {
  await new DynamoOpenCaseCounter(client, tableName).opened(analystId, caseId, at);
}

/** The case is no longer open for the analyst (idempotent); its assignment instant stays on the staff item. */
export async function releaseStaffCase(
  client: DynamoDBDocumentClient,
  tableName: string,
  analystId: string,
  caseId: string,
): Promise<void> {
  await new DynamoOpenCaseCounter(client, tableName).closed(analystId, caseId);
}
