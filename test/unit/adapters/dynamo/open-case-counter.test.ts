import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../../../shared/adapters/dynamo/client';
import { createTableIfMissing } from '../../../../shared/adapters/dynamo/create-table';
import { DynamoOpenCaseCounter } from '../../../../shared/adapters/dynamo/open-case-counter';
import { type DynaliteHandle, EMULATOR_CREDENTIALS, EMULATOR_REGION, startDynalite } from '../../../support/emulators';

let dynalite: DynaliteHandle;
let raw: DynamoDBClient;
let doc: DynamoDBDocumentClient;
let tableSeq = 0;

beforeAll(async () => {
  dynalite = await startDynalite();
  raw = new DynamoDBClient({ endpoint: dynalite.endpoint, region: EMULATOR_REGION, credentials: EMULATOR_CREDENTIALS });
  doc = documentClient({ endpoint: dynalite.endpoint, region: EMULATOR_REGION });
});

afterAll(async () => {
  doc?.destroy();
  raw?.destroy();
  await dynalite?.stop();
});

/** A fresh table per test: the fixtures' case id and protocol are fixed. */
async function freshTable(): Promise<string> {
  const name = `lifecycle-${++tableSeq}`;
  await createTableIfMissing(raw, name);
  return name;
}

describe('DynamoOpenCaseCounter', () => {
  it('is idempotent per (analyst, case) and never below zero under concurrency', async () => {
    const counter = new DynamoOpenCaseCounter(doc, await freshTable());
    await counter.closed('ana', 'c-0'); // never opened
    expect(await counter.count('ana')).toBe(0);
    await Promise.all([
      ...Array.from({ length: 4 }, () => counter.opened('ana', 'c-1')),
      counter.opened('ana', 'c-2'),
      counter.opened('bruno', 'c-3'),
    ]);
    expect(await counter.count('ana')).toBe(2);
    await Promise.all([...Array.from({ length: 4 }, () => counter.closed('ana', 'c-1')), counter.closed('ana', 'c-9')]);
    expect(await counter.count('ana')).toBe(1);
    await Promise.all([counter.closed('ana', 'c-2'), counter.closed('ana', 'c-2'), counter.closed('bruno', 'c-3')]);
    expect(await counter.count('ana')).toBe(0);
    expect(await counter.count('bruno')).toBe(0);
    await counter.opened('carla', 'c-4');
    expect(await counter.counts()).toEqual(new Map([['carla', 1]]));
  });

  it('does not count another analyst whose id shares a prefix', async () => {
    const counter = new DynamoOpenCaseCounter(doc, await freshTable());
    await counter.opened('ana', 'c-1');
    await counter.opened('ana2', 'c-2');
    expect(await counter.count('ana')).toBe(1);
  });
});
