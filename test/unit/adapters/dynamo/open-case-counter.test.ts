import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTableIfMissing } from '../../../../shared/adapters/dynamo/create-table';
import {
  DynamoOpenCaseCounter,
  laterInstant,
  tallyMarkers,
} from '../../../../shared/adapters/dynamo/open-case-counter';
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

/** A fresh table per test: the fixtures' case id and protocol are fixed. */
async function freshTable(): Promise<string> {
  const name = `lifecycle-${++tableSeq}`;
  await createTableIfMissing(raw, name);
  return name;
}

/** The client with every `command` failing (a Lambda that dies there). */
function failingOn(client: DynamoDBDocumentClient, command: string): DynamoDBDocumentClient {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop !== 'send') return Reflect.get(target, prop, receiver);
      return async (input: { constructor: { name: string } }) => {
        if (input.constructor.name === command) throw new Error('crash');
        return (target.send as (c: unknown) => Promise<unknown>)(input);
      };
    },
  });
}

const staffItem = (id: string, extra: Record<string, unknown> = {}) => ({
  ...staffKey(id),
  type: 'STAFF',
  id,
  name: id,
  email: `${id}@ouvidoria.example`,
  active: true,
  ...extra,
});

async function staffLast(table: string, id: string): Promise<unknown> {
  const { Item } = await doc.send(new GetCommand({ TableName: table, Key: staffKey(id), ConsistentRead: true }));
  return Item?.['lastAssignedAt'];
}

describe('DynamoOpenCaseCounter', () => {
  it('is idempotent per (analyst, case) and never below zero under concurrency', async () => {
    const counter = new DynamoOpenCaseCounter(doc, await freshTable());
    await counter.closed('ana', 'c-0'); // never opened
    expect((await counter.tally('ana')).count).toBe(0);
    await Promise.all([
      ...Array.from({ length: 4 }, () => counter.opened('ana', 'c-1')),
      counter.opened('ana', 'c-2'),
      counter.opened('bruno', 'c-3'),
    ]);
    expect((await counter.tally('ana')).count).toBe(2);
    await Promise.all([...Array.from({ length: 4 }, () => counter.closed('ana', 'c-1')), counter.closed('ana', 'c-9')]);
    expect((await counter.tally('ana')).count).toBe(1);
    await Promise.all([counter.closed('ana', 'c-2'), counter.closed('ana', 'c-2'), counter.closed('bruno', 'c-3')]);
    expect(await counter.tally('ana')).toEqual({ count: 0 });
    expect(await counter.tally('bruno')).toEqual({ count: 0 });
  });

  it('does not count another analyst whose id shares a prefix', async () => {
    const counter = new DynamoOpenCaseCounter(doc, await freshTable());
    await counter.opened('ana', 'c-1');
    await counter.opened('ana2', 'c-2');
    expect((await counter.tally('ana')).count).toBe(1);
  });

  it("keeps the markers in the roster's partition, sorted before the roster items", async () => {
    const table = await freshTable();
    await doc.send(new PutCommand({ TableName: table, Item: staffItem('ana') }));
    await new DynamoOpenCaseCounter(doc, table).opened('zeca', 'c-1', '2026-03-02T12:00:00.000Z');
    const { Items } = await doc.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'STAFF' },
      }),
    );
    expect(Items?.map((i) => i['sk'])).toEqual(['OPENCASE#zeca#c-1', 'STAFF#ana']);
    expect(Items?.[0]).toMatchObject({ analystId: 'zeca', caseId: 'c-1', assignedAt: '2026-03-02T12:00:00.000Z' });
  });

  it("the last assignment: the latest marker's assignedAt while open, kept on the staff item (forward only) on close", async () => {
    const table = await freshTable();
    await doc.send(
      new PutCommand({ TableName: table, Item: staffItem('ana', { lastAssignedAt: '2026-03-01T12:00:00.000Z' }) }),
    );
    const counter = new DynamoOpenCaseCounter(doc, table);
    await counter.opened('ana', 'c-1', '2026-03-02T12:00:00.000Z');
    await counter.opened('ana', 'c-2', '2026-03-03T12:00:00.000Z');
    await counter.opened('ana', 'c-3'); // a transfer or a reopening: not an assignment turn
    expect(await counter.tally('ana')).toEqual({ count: 3, lastAssignedAt: '2026-03-03T12:00:00.000Z' });
    expect(await staffLast(table, 'ana')).toBe('2026-03-01T12:00:00.000Z');

    await counter.closed('ana', 'c-2');
    expect(await staffLast(table, 'ana')).toBe('2026-03-03T12:00:00.000Z');
    expect(await counter.tally('ana')).toEqual({ count: 2, lastAssignedAt: '2026-03-02T12:00:00.000Z' });
    // An older marker closing later never moves it back.
    await counter.closed('ana', 'c-1');
    await counter.closed('ana', 'c-3');
    expect(await staffLast(table, 'ana')).toBe('2026-03-03T12:00:00.000Z');
    expect(await counter.tally('ana')).toEqual({ count: 0 });
  });

  it('a close of an analyst removed from the roster creates no half staff item', async () => {
    const table = await freshTable();
    const counter = new DynamoOpenCaseCounter(doc, table);
    await counter.opened('ana', 'c-1', '2026-03-02T12:00:00.000Z');
    await counter.closed('ana', 'c-1');
    const { Item } = await doc.send(new GetCommand({ TableName: table, Key: staffKey('ana'), ConsistentRead: true }));
    expect(Item).toBeUndefined();
    expect(await counter.tally('ana')).toEqual({ count: 0 });
  });

  it('a close that crashes between keeping the instant and deleting the marker is completed by its retry', async () => {
    const table = await freshTable();
    await doc.send(new PutCommand({ TableName: table, Item: staffItem('ana') }));
    await new DynamoOpenCaseCounter(doc, table).opened('ana', 'c-1', '2026-03-02T12:00:00.000Z');
    const crashing = new DynamoOpenCaseCounter(failingOn(doc, 'DeleteCommand'), table);
    await expect(crashing.closed('ana', 'c-1')).rejects.toThrow('crash');
    expect(await staffLast(table, 'ana')).toBe('2026-03-02T12:00:00.000Z');
    expect((await crashing.tally('ana')).count).toBe(1);
    // The retry (and a second one) finish the close; the count falls once.
    const counter = new DynamoOpenCaseCounter(doc, table);
    await counter.closed('ana', 'c-1');
    await counter.closed('ana', 'c-1');
    expect(await counter.tally('ana')).toEqual({ count: 0 });
    expect(await staffLast(table, 'ana')).toBe('2026-03-02T12:00:00.000Z');
  });
});

describe('laterInstant and tallyMarkers', () => {
  it('take the later instant as the forward-only condition compares them', () => {
    expect(laterInstant(undefined, undefined)).toBeUndefined();
    expect(laterInstant('2026-03-01T00:00:00.000Z', undefined)).toBe('2026-03-01T00:00:00.000Z');
    expect(laterInstant(undefined, '2026-03-01T00:00:00.000Z')).toBe('2026-03-01T00:00:00.000Z');
    expect(laterInstant('2026-03-02T00:00:00.000Z', '2026-03-01T00:00:00.000Z')).toBe('2026-03-02T00:00:00.000Z');
  });

  it('skip the roster items', () => {
    expect(
      tallyMarkers([
        { sk: 'OPENCASE#ana#c-1', analystId: 'ana' },
        { sk: 'STAFF#ana', id: 'ana', lastAssignedAt: '2026-03-09T00:00:00.000Z' },
      ]),
    ).toEqual(new Map([['ana', { count: 1 }]]));
  });
});
