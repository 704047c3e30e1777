import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../scripts/backfill-case-events';
import { LOCAL_TABLE } from '../../../scripts/local/stack';
import { DynamoCaseRepository } from '../../../shared/adapters/dynamo/case-repository';
import { caseEventItem } from '../../../shared/adapters/dynamo/case-work-store';
import { documentClient } from '../../../shared/adapters/dynamo/client';
import { createTableIfMissing } from '../../../shared/adapters/dynamo/create-table';
import { DynamoReportSource } from '../../../shared/adapters/dynamo/report-source';
import { generateReport } from '../../../shared/app/report';
import { officeCalendar } from '../../../shared/domain/calendar';
import { localConfig } from '../../../shared/domain/config';
import type { HistoryEvent, WorkCase } from '../../../shared/domain/lifecycle/types';
import { type DynaliteHandle, EMULATOR_CREDENTIALS, EMULATOR_REGION, startDynalite } from '../../support/emulators';
import { asRecord, workCase } from '../../support/lifecycle-fakes';

let dynalite: DynaliteHandle;
let raw: DynamoDBClient;
let doc: DynamoDBDocumentClient;
let env: NodeJS.ProcessEnv;
const calendar = officeCalendar(localConfig);
const ana = { kind: 'staff', id: 'ana', role: 'analyst' } as const;

const assigned = (at: string): HistoryEvent => ({ type: 'assigned', at, actor: ana, analystId: 'ana', dueAt: at });
const answered = (at: string): HistoryEvent => ({ type: 'answered', at, actor: ana, messageSourceId: `m-${at}` });
const closed = (at: string): HistoryEvent => ({
  type: 'closed',
  at,
  actor: ana,
  category: 'procedente',
  summary: 'Estorno feito na fatura de outubro.',
});

/** Cases whose closings and first answers were made before the closings' list existed. */
const CASES: WorkCase[] = [
  // Received in August, answered then, closed in October: October's report missed its closing.
  workCase({
    caseId: 'email:ses-ago',
    protocol: 'OUV-2026-000301',
    createdAt: '2026-08-10T13:00:00.000Z',
    status: 'CLOSED',
    closedAt: '2026-10-14T15:00:00.000Z',
    history: [
      assigned('2026-08-10T13:05:00.000Z'),
      answered('2026-08-12T13:00:00.000Z'),
      closed('2026-10-14T15:00:00.000Z'),
    ],
  }),
  // Received and closed in September (the closing its first answer); its entry is there already.
  workCase({
    caseId: 'email:ses-set',
    protocol: 'OUV-2026-000302',
    createdAt: '2026-09-01T13:00:00.000Z',
    status: 'CLOSED',
    closedAt: '2026-09-20T15:00:00.000Z',
    history: [assigned('2026-09-01T13:05:00.000Z'), closed('2026-09-20T15:00:00.000Z')],
  }),
  // Received in August, still open, first answered in October.
  workCase({
    caseId: 'email:ses-aberto',
    protocol: 'OUV-2026-000303',
    createdAt: '2026-08-20T13:00:00.000Z',
    status: 'IN_PROGRESS',
    history: [assigned('2026-08-20T13:05:00.000Z'), answered('2026-10-02T13:00:00.000Z')],
  }),
];

beforeAll(async () => {
  dynalite = await startDynalite();
  raw = new DynamoDBClient({ endpoint: dynalite.endpoint, region: EMULATOR_REGION, credentials: EMULATOR_CREDENTIALS });
  doc = documentClient({ endpoint: dynalite.endpoint, region: EMULATOR_REGION });
  await createTableIfMissing(raw, LOCAL_TABLE);
  const repository = new DynamoCaseRepository({ client: doc, tableName: LOCAL_TABLE });
  for (const c of CASES) await repository.create(asRecord(c));
  await doc.send(
    new PutCommand({
      TableName: LOCAL_TABLE,
      Item: caseEventItem('2026-09-20T15:00:00.000Z', 'email:ses-set', localConfig.retention),
    }),
  );
  env = {
    DYNAMODB_PORT: new URL(dynalite.endpoint).port,
    OUVIDORIA_NOW: '2026-11-02T09:00:00-03:00',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_REGION: EMULATOR_REGION,
  };
});
afterAll(async () => {
  doc?.destroy();
  raw?.destroy();
  await dynalite?.stop();
});
afterEach(() => {
  vi.restoreAllMocks();
});

async function run(argv: string[]): Promise<string> {
  const out: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => out.push(String(s)) > 0);
  expect(await main(argv, env)).toBe(0);
  vi.restoreAllMocks();
  return out.join('');
}

const entries = async () => {
  const sks: string[] = [];
  for (const month of ['2026-08', '2026-09', '2026-10']) {
    const { Items } = await doc.send(
      new QueryCommand({
        TableName: LOCAL_TABLE,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `CASEEVENTS#${month}` },
      }),
    );
    sks.push(...(Items ?? []).map((i) => String(i['sk'])));
  }
  return sks.sort();
};

const october = async () => {
  const { figures } = await generateReport(
    { from: '2026-10-01', to: '2026-10-31' },
    {
      source: new DynamoReportSource(doc, LOCAL_TABLE),
      calendar,
      clock: { now: () => new Date('2026-11-02T12:00:00Z') },
    },
  );
  return { closed: figures.toClose.count, firstAnswers: figures.firstAnswer.count };
};

describe('backfill of the closings’ list (npm run backfill-case-events)', () => {
  it('dry run by default: counts what is missing and writes nothing; October still misses the August cases', async () => {
    expect(await october()).toEqual({ closed: 0, firstAnswers: 0 });
    const out = await run([]);
    expect(out).toContain(
      'Simulação (nada gravado; --write grava): 3 caso(s) lido(s) · 4 entrada(s) esperada(s) · 1 já presente(s) · 3 faltando',
    );
    expect(out).toContain('Fim: todas as partições lidas.');
    expect(await entries()).toEqual(['2026-09-20T15:00:00.000Z#email:ses-set']);
  });

  it('--write, one case a page and one page a run: resumes from each cursor, writes each entry once', async () => {
    let cursor: string | undefined;
    let written = 0;
    for (let runs = 0; runs < 20; runs++) {
      const out = await run(['--write', '--limit', '1', '--pages', '1', ...(cursor ? ['--cursor', cursor] : [])]);
      written += Number(/(\d+) gravada\(s\)/.exec(out)?.[1]);
      cursor = /--cursor (\S+)/.exec(out)?.[1];
      if (!cursor) break;
    }
    expect(cursor).toBeUndefined();
    expect(written).toBe(3);
    expect(await entries()).toEqual([
      '2026-08-12T13:00:00.000Z#email:ses-ago',
      '2026-09-20T15:00:00.000Z#email:ses-set',
      '2026-10-02T13:00:00.000Z#email:ses-aberto',
      '2026-10-14T15:00:00.000Z#email:ses-ago',
    ]);
    // Run again from the start: everything present, nothing written.
    expect(await run(['--write'])).toContain(
      '3 caso(s) lido(s) · 4 entrada(s) esperada(s) · 4 já presente(s) · 0 gravada(s)',
    );
    expect(await october()).toEqual({ closed: 1, firstAnswers: 1 });
  });

  it.each([
    [['--limit', '0'], 'Esperado um inteiro de 1 a 1000: 0'],
    [['--pages', 'muitas'], 'Esperado um inteiro de 1 a 10000: muitas'],
    [['--cursor', Buffer.from('{"status":99}').toString('base64url')], 'Cursor inválido'],
  ])('refuses %j', async (argv, message) => {
    const err: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => err.push(String(s)) > 0);
    expect(await main(argv, env)).toBe(2);
    expect(err.join('')).toContain(message);
  });
});
