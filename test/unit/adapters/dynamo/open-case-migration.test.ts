import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseItemKey } from '../../../../shared/adapters/dynamo/case-repository';
import { createTableIfMissing } from '../../../../shared/adapters/dynamo/create-table';
import { DynamoOpenCaseCounter } from '../../../../shared/adapters/dynamo/open-case-counter';
import { migrateOpenCaseMarkers } from '../../../../shared/adapters/dynamo/open-case-migration';
import { DynamoStaffRepository } from '../../../../shared/adapters/dynamo/staff-repository';
import { staffKey } from '../../../../shared/adapters/dynamo/table-design';
import { type DynaliteClients, startDynaliteClients } from '../../../support/emulators';

let db: DynaliteClients;
let raw: DynamoDBClient;
let doc: DynamoDBDocumentClient;
let tableSeq = 0;

beforeAll(async () => {
  db = await startDynaliteClients();
  ({ raw, doc } = db);
});

afterAll(async () => {
  await db?.stop();
});

const put = (table: string, Item: Record<string, unknown>) => doc.send(new PutCommand({ TableName: table, Item }));

/** A table as deployed before issue 16: roster, cases, and markers in the OPENCASE partition. */
async function legacyTable(): Promise<string> {
  const table = `migration-${++tableSeq}`;
  await createTableIfMissing(raw, table);
  for (const id of ['ana', 'bea']) {
    await put(table, { ...staffKey(id), type: 'STAFF', id, name: id, email: `${id}@x.com`, active: true });
  }
  await doc.send(
    new UpdateCommand({
      TableName: table,
      Key: staffKey('ana'),
      UpdateExpression: 'SET lastAssignedAt = :at',
      ExpressionAttributeValues: { ':at': '2026-03-02T12:00:00.000Z' },
    }),
  );
  const cases: Array<[string, string, string]> = [
    ['c-open', 'ASSIGNED', 'ana'],
    ['c-waiting', 'WAITING_MERCHANT', 'ana'],
    ['c-bea', 'IN_PROGRESS', 'bea'],
    ['c-closed', 'CLOSED', 'ana'], // closed by the new code before the migration ran
    ['c-moved', 'IN_PROGRESS', 'bea'], // transferred from ana to bea meanwhile
  ];
  for (const [caseId, status, assignee] of cases) {
    await put(table, { ...caseItemKey(caseId), type: 'CASE', caseId, status, assignee });
  }
  const markers: Array<[string, string]> = [
    ['ana', 'c-open'],
    ['ana', 'c-waiting'],
    ['bea', 'c-bea'],
    ['ana', 'c-closed'],
    ['ana', 'c-moved'],
    ['ana', 'c-gone'], // its case was erased
  ];
  for (const [analystId, caseId] of markers) {
    await put(table, { pk: 'OPENCASE', sk: `STAFF#${analystId}#CASE#${caseId}`, type: 'OPENCASE', analystId, caseId });
  }
  // bea's transferred case already counts in the new place (the transfer ran on the new code).
  await new DynamoOpenCaseCounter(doc, table).opened('bea', 'c-moved');
  return table;
}

async function partition(table: string, pk: string): Promise<string[]> {
  const { Items } = await doc.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ConsistentRead: true,
    }),
  );
  return (Items ?? []).map((i) => String(i['sk']));
}

const summary = async (table: string) =>
  (await new DynamoStaffRepository(doc, table).list()).map((a) => [a.id, a.openCases, a.lastAssignedAt]);

describe('migrateOpenCaseMarkers', () => {
  it("moves the markers of cases still open with their analyst into the roster's partition, drops the rest", async () => {
    const table = await legacyTable();
    expect(await summary(table)).toEqual([
      ['ana', 0, '2026-03-02T12:00:00.000Z'],
      ['bea', 1, undefined],
    ]);
    expect(await migrateOpenCaseMarkers(doc, table)).toEqual({ moved: 3, dropped: 3 });
    expect(await partition(table, 'OPENCASE')).toEqual([]);
    expect(await partition(table, 'STAFF')).toEqual([
      'OPENCASE#ana#c-open',
      'OPENCASE#ana#c-waiting',
      'OPENCASE#bea#c-bea',
      'OPENCASE#bea#c-moved',
      'STAFF#ana',
      'STAFF#bea',
    ]);
    // The tie-break is untouched: the moved markers carry no assignment instant of their own.
    expect(await summary(table)).toEqual([
      ['ana', 2, '2026-03-02T12:00:00.000Z'],
      ['bea', 2, undefined],
    ]);
    // Idempotent: a second run finds nothing to do and changes nothing.
    expect(await migrateOpenCaseMarkers(doc, table)).toEqual({ moved: 0, dropped: 0 });
    expect(await summary(table)).toEqual([
      ['ana', 2, '2026-03-02T12:00:00.000Z'],
      ['bea', 2, undefined],
    ]);
  });

  it('a run that dies before deleting an old marker is finished by the next, without counting twice', async () => {
    const table = await legacyTable();
    const dying = new Proxy(doc, {
      get(target, prop, receiver) {
        if (prop !== 'send') return Reflect.get(target, prop, receiver);
        return async (command: { constructor: { name: string }; input: { Key?: { pk?: string } } }) => {
          if (command.constructor.name === 'DeleteCommand' && command.input.Key?.pk === 'OPENCASE') {
            throw new Error('crash');
          }
          return (target.send as (c: unknown) => Promise<unknown>)(command);
        };
      },
    });
    await expect(migrateOpenCaseMarkers(dying, table)).rejects.toThrow('crash');
    expect(await migrateOpenCaseMarkers(doc, table)).toEqual({ moved: 3, dropped: 3 });
    expect(await summary(table)).toEqual([
      ['ana', 2, '2026-03-02T12:00:00.000Z'],
      ['bea', 2, undefined],
    ]);
  });

  it('a case closed while its marker moves is not counted, whichever side of the check the close lands', async () => {
    for (const closeWhen of ['before the check', 'after the check'] as const) {
      const table = await legacyTable();
      const counter = new DynamoOpenCaseCounter(doc, table);
      // The new code closing c-open: the case write, then its effect deletes the marker.
      const close = async () => {
        await doc.send(
          new UpdateCommand({
            TableName: table,
            Key: caseItemKey('c-open'),
            UpdateExpression: 'SET #status = :closed',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':closed': 'CLOSED' },
          }),
        );
        await counter.closed('ana', 'c-open');
      };
      let closed = false;
      const racing = new Proxy(doc, {
        get(target, prop, receiver) {
          if (prop !== 'send') return Reflect.get(target, prop, receiver);
          return async (command: { constructor: { name: string }; input: { Key?: { pk?: string } } }) => {
            const check = command.constructor.name === 'GetCommand' && command.input.Key?.pk === 'CASE#c-open';
            if (check && !closed && closeWhen === 'before the check') {
              closed = true;
              await close();
            }
            const result = await (target.send as (c: unknown) => Promise<unknown>)(command);
            if (check && !closed && closeWhen === 'after the check') {
              closed = true;
              await close();
            }
            return result;
          };
        },
      });
      const result = await migrateOpenCaseMarkers(racing, table);
      expect(closed).toBe(true);
      expect(result.moved + result.dropped).toBe(6);
      expect(await summary(table), closeWhen).toEqual([
        ['ana', 1, '2026-03-02T12:00:00.000Z'],
        ['bea', 2, undefined],
      ]);
    }
  });
});
