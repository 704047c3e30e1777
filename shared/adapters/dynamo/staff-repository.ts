import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  type NativeAttributeValue,
  paginateQuery,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Analyst } from '../../domain/staff';
import type { StaffRepository } from '../../ports';
import { isConditionalCheckFailed } from './client';
import { DynamoOpenCaseCounter } from './open-case-counter';

/** The roster lives in one partition: a few dozen analysts, listed with one Query. */
export const STAFF_PK = 'STAFF';
export const staffKey = (id: string) => ({ pk: STAFF_PK, sk: `STAFF#${id}` });

type Item = Record<string, NativeAttributeValue>;

/**
 * Open-case count = the analyst's `OPENCASE` markers (DynamoOpenCaseCounter): one item per open
 * (analyst, case), put on assignment and deleted on close or transfer, so a retried assignment (or
 * close) never counts twice, the count falls when cases close, and no item grows with the cases
 * ever handled (the old `openCaseIds` set on the staff item did, towards the 400 KB limit).
 */
function toAnalyst(item: Item, openCases: number): Analyst {
  return {
    id: String(item['id']),
    name: String(item['name'] ?? ''),
    email: String(item['email'] ?? ''),
    active: item['active'] === true,
    ...(item['leave'] ? { leave: { from: String(item['leave'].from), to: String(item['leave'].to) } } : {}),
    openCases,
    ...(typeof item['lastAssignedAt'] === 'string' ? { lastAssignedAt: item['lastAssignedAt'] } : {}),
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

  async list(): Promise<Analyst[]> {
    const analysts: Analyst[] = [];
    const counts = await this.counter.counts();
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': STAFF_PK, ':prefix': 'STAFF#' },
        ConsistentRead: true,
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) analysts.push(toAnalyst(item, counts.get(String(item['id'])) ?? 0));
    }
    return analysts;
  }

  async get(id: string): Promise<Analyst | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: staffKey(id), ConsistentRead: true }),
    );
    return Item ? toAnalyst(Item, await this.counter.count(id)) : null;
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

  async remove(id: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: staffKey(id) }));
  }
}

/**
 * Counts a case as open for the analyst (an idempotent marker) and moves lastAssignedAt forward
 * (never back, so two assignments landing out of order keep the later instant).
 * An analyst removed from the roster meanwhile is left alone (no half item is created).
 */
export async function recordStaffAssignment(
  client: DynamoDBDocumentClient,
  tableName: string,
  analystId: string,
  caseId: string,
  at: string,
): Promise<void> {
  await new DynamoOpenCaseCounter(client, tableName).opened(analystId, caseId);
  try {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: staffKey(analystId),
        UpdateExpression: 'SET lastAssignedAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(lastAssignedAt) OR lastAssignedAt < :at)',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
  }
}

/** The case is no longer open for the analyst (idempotent). */
export async function releaseStaffCase(
  client: DynamoDBDocumentClient,
  tableName: string,
  analystId: string,
  caseId: string,
): Promise<void> {
  await new DynamoOpenCaseCounter(client, tableName).closed(analystId, caseId);
}
