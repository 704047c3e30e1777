import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeLocalClock } from '../../../scripts/local/clock-file';
import { DEFAULT_PORTS, LOCAL_TABLE } from '../../../scripts/local/stack';
import { cliSettings, main } from '../../../scripts/report';
import { DynamoCaseRepository } from '../../../shared/adapters/dynamo/case-repository';
import { DynamoCaseWorkStore } from '../../../shared/adapters/dynamo/case-work-store';
import { documentClient } from '../../../shared/adapters/dynamo/client';
import { createTableIfMissing } from '../../../shared/adapters/dynamo/create-table';
import { aCase } from '../../support/builders';
import { type DynaliteHandle, EMULATOR_CREDENTIALS, EMULATOR_REGION, startDynalite } from '../../support/emulators';

let dynalite: DynaliteHandle;
let raw: DynamoDBClient;
let doc: DynamoDBDocumentClient;
let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dynalite = await startDynalite();
  raw = new DynamoDBClient({ endpoint: dynalite.endpoint, region: EMULATOR_REGION, credentials: EMULATOR_CREDENTIALS });
  doc = documentClient({ endpoint: dynalite.endpoint, region: EMULATOR_REGION });
  await createTableIfMissing(raw, LOCAL_TABLE);
  const repository = new DynamoCaseRepository({ client: doc, tableName: LOCAL_TABLE });
  await repository.create(
    aCase({
      sourceId: 'mar-1',
      caseId: 'email:mar-1',
      protocol: 'OUV-2026-000201',
      createdAt: '2026-03-03T13:00:00.000Z',
    }),
  );
  await repository.create(
    aCase({
      sourceId: 'mar-2',
      caseId: 'email:mar-2',
      protocol: undefined,
      outcome: 'NO_PRIOR_TICKET',
      createdAt: '2026-03-04T13:00:00.000Z',
    }),
  );
  await repository.create(
    aCase({
      sourceId: 'feb-1',
      caseId: 'email:feb-1',
      protocol: 'OUV-2026-000202',
      createdAt: '2026-02-27T13:00:00.000Z',
    }),
  );
  // Received on 26/02, closed by Ana on Tue 03/03 (journeys 50): March's closing, February's intake.
  await repository.create(
    aCase({
      sourceId: 'feb-2',
      caseId: 'email:feb-2',
      protocol: 'OUV-2026-000203',
      createdAt: '2026-02-26T13:00:00.000Z',
    }),
  );
  const store = new DynamoCaseWorkStore({ client: doc, tableName: LOCAL_TABLE, repository });
  const closing = await store.commit({
    caseId: 'email:feb-2',
    expectedVersion: 0,
    changes: {
      status: 'CLOSED',
      closedAt: '2026-03-03T15:00:00.000Z',
      closure: { category: 'procedente', summary: 'Estorno feito.', at: '2026-03-03T15:00:00.000Z', by: 'ana' },
    },
    events: [
      {
        type: 'closed',
        at: '2026-03-03T15:00:00.000Z',
        actor: { kind: 'staff', id: 'ana', role: 'analyst' },
        category: 'procedente',
        summary: 'Estorno feito.',
      },
    ],
    messages: [],
    effects: [],
  });
  expect(closing.ok).toBe(true);
  dir = await mkdtemp(join(tmpdir(), 'ouv-report-'));
  env = {
    DYNAMODB_PORT: new URL(dynalite.endpoint).port,
    INIT_CWD: dir,
    OUVIDORIA_NOW: '2026-04-01T09:00:00-03:00',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_REGION: EMULATOR_REGION,
  };
});
afterAll(async () => {
  doc?.destroy();
  raw?.destroy();
  await dynalite?.stop();
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => out.push(String(s)) > 0);
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => err.push(String(s)) > 0);
  return { out: () => out.join(''), err: () => err.join('') };
}

describe('npm run report: arguments', () => {
  it('--help prints the usage and exits 0', async () => {
    const io = capture();
    expect(await main(['--help'], env)).toBe(0);
    expect(io.out()).toContain('Usage: npm run report');
  });

  it.each([
    [[], /Faltam --from e --to/],
    [['--from', '2026-03-01'], /Faltam --from e --to/],
    [['--from', '2026-03-31', '--to', '2026-03-01'], /Usage/],
    [['--from', '01/03/2026', '--to', '2026-03-31'], /Usage/],
  ])('%j exits 2 with a message and the usage', async (argv, message) => {
    const io = capture();
    expect(await main(argv, env)).toBe(2);
    expect(io.err()).toMatch(message);
    expect(io.err()).toContain('Usage: npm run report');
  });
});

describe('npm run report on the local table', () => {
  it('writes the HTML and CSV of the period to --out and prints a summary (nothing mailed)', async () => {
    const io = capture();
    expect(await main(['--from', '2026-03-01', '--to', '2026-03-31', '--out', 'saida'], env)).toBe(0);
    const html = join(dir, 'saida', 'relatorio-ouvidoria_2026-03-01_2026-03-31.html');
    const csv = join(dir, 'saida', 'relatorio-ouvidoria_2026-03-01_2026-03-31.csv');
    expect(io.out()).toContain(`${html}\n${csv}\n`);
    expect(io.out()).toContain('Manifestações: 2 · aceitas: 1 · orientadas: 1');
    // The February case closed on 03/03 is March's closing, not February's (journeys 50).
    expect(io.out()).toContain('encerrados no período: 1');
    expect(io.out()).not.toContain('anunciado');
    expect(await readFile(html, 'utf8')).toContain('<html');
    expect((await readFile(csv, 'utf8')).length).toBeGreaterThan(0);
  });

  it('February counts its two cases received, none closed: the one closed on 03/03 is March’s', async () => {
    const io = capture();
    expect(await main(['--from', '2026-02-01', '--to', '2026-02-28', '--out', 'saida'], env)).toBe(0);
    expect(io.out()).toContain('Manifestações: 2 · aceitas: 2 · orientadas: 0');
    expect(io.out()).toContain('encerrados no período: 0');
  });

  it('--publish without REPORT_BUCKET fails before writing anything', async () => {
    capture();
    await expect(main(['--from', '2026-03-01', '--to', '2026-03-31', '--publish'], env)).rejects.toThrow(
      /REPORT_BUCKET/,
    );
  });
});

describe('cliSettings', () => {
  it('the local stack by default, on the port variables', async () => {
    const local = await cliSettings({});
    expect(local).toMatchObject({
      tableName: LOCAL_TABLE,
      dynamoEndpoint: `http://127.0.0.1:${DEFAULT_PORTS.dynamodb}`,
      sesEndpoint: `http://127.0.0.1:${DEFAULT_PORTS.ses}`,
      ticketDirectory: { kind: 'table' },
    });
    expect((await cliSettings({ DYNAMODB_PORT: '9001', SES_PORT: '9002' })).dynamoEndpoint).toBe(
      'http://127.0.0.1:9001',
    );
  });

  it('AWS when TABLE_NAME is set: the deployed configuration, raw mail bucket and fixed clock', async () => {
    const aws = await cliSettings({
      TABLE_NAME: 'ouvidoria-dev',
      RAW_MAIL_BUCKET: 'raw',
      OUVIDORIA_NOW: '2026-04-01T09:00:00-03:00',
    });
    expect(aws).toMatchObject({
      tableName: 'ouvidoria-dev',
      rawMail: { bucket: 'raw', prefix: 'inbound/' },
      now: '2026-04-01T09:00:00-03:00',
    });
    expect(aws.dynamoEndpoint).toBeUndefined();
    expect(aws.config.timeZone).toBe('America/Sao_Paulo');
  });

  it('AWS for an environment without webformOrigin (staging): the WebformUrl output is asked for, then used', async () => {
    const env = { TABLE_NAME: 'ouvidoria-staging', OUVIDORIA_ENV: 'staging' };
    await expect(cliSettings(env)).rejects.toThrow(/WebformUrl output as OUVIDORIA_WEBFORM_ORIGIN/);
    const origin = 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com';
    expect((await cliSettings({ ...env, OUVIDORIA_WEBFORM_ORIGIN: origin })).config.webformOrigin).toBe(origin);
  });
});

describe('the local report runs on the local stack’s clock', () => {
  // The stack started 40 minutes ago with OUVIDORIA_NOW=2026-03-31T16:00-03:00: its console now shows 16:40.
  let stackDir: string;
  beforeAll(async () => {
    stackDir = await mkdtemp(join(tmpdir(), 'ouv-stack-'));
    await writeLocalClock(stackDir, new Date('2026-03-31T19:00:00.000Z'), new Date(Date.now() - 40 * 60_000));
  });
  afterAll(async () => {
    await rm(stackDir, { recursive: true, force: true });
  });

  it.each([
    {
      name: 'no OUVIDORIA_NOW: the stack’s moved clock (not the real one), said in the output',
      env: (): NodeJS.ProcessEnv => ({ ...envWithout('OUVIDORIA_NOW') }),
      dir: () => stackDir,
      generated: /Gerado em 31\/03\/2026 às 16:4\d \(relógio da pilha local/,
    },
    {
      name: 'OUVIDORIA_NOW wins over the stack’s clock',
      env: (): NodeJS.ProcessEnv => env,
      dir: () => stackDir,
      generated: /Gerado em 01\/04\/2026 às 09:00 \(OUVIDORIA_NOW\)/,
    },
    {
      name: 'no stack ever started there: the real clock, said so',
      env: (): NodeJS.ProcessEnv => ({ ...envWithout('OUVIDORIA_NOW') }),
      dir: () => join(stackDir, 'nada'),
      generated: /\(relógio real: nenhuma pilha local iniciada em /,
    },
  ])('$name', async ({ env: envOf, dir: dirOf, generated }) => {
    const io = capture();
    expect(await main(['--from', '2026-03-01', '--to', '2026-03-31', '--out', 'saida'], envOf(), dirOf())).toBe(0);
    expect(io.out()).toMatch(generated);
  });

  it('cliSettings (also npm run titular) takes the stack’s now', async () => {
    const now = Date.parse(String((await cliSettings(envWithout('OUVIDORIA_NOW'), stackDir)).now));
    expect(now).toBeGreaterThanOrEqual(Date.parse('2026-03-31T19:40:00.000Z'));
    expect(now).toBeLessThan(Date.parse('2026-03-31T19:45:00.000Z'));
  });
});

function envWithout(name: string): NodeJS.ProcessEnv {
  const { [name]: _gone, ...rest } = env;
  return rest;
}
