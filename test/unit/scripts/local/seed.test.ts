import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySeed, loadSeed } from '../../../../scripts/local/seed';
import { documentClient } from '../../../../shared/adapters/dynamo/client';
import { createTableIfMissing } from '../../../../shared/adapters/dynamo/create-table';
import { DynamoStaffRepository } from '../../../../shared/adapters/dynamo/staff-repository';
import { TableTicketDirectory } from '../../../../shared/adapters/dynamo/ticket-table-directory';
import { type DynaliteHandle, EMULATOR_CREDENTIALS, EMULATOR_REGION, startDynalite } from '../../../support/emulators';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');
const SEED_FILE = join(ROOT, 'events', 'local-seed.json');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'seed-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadSeed', () => {
  it('reads events/local-seed.json (analysts active by default)', async () => {
    const seed = await loadSeed(SEED_FILE);
    expect(seed.analysts.length).toBeGreaterThan(0);
    expect(seed.analysts.every((a) => a.active)).toBe(true);
    expect(seed.tickets.map((t) => t.id)).toContain('48213');
  });

  it('says which field is wrong', async () => {
    const file = join(dir, 'bad.json');
    await writeFile(
      file,
      JSON.stringify({ analysts: [{ id: 'Ana!', name: '', email: 'x' }], tickets: [{ id: 'ABC' }] }),
    );
    const error = await loadSeed(file).catch((e: Error) => e);
    expect(String(error)).toContain(`Invalid seed file ${file}`);
    expect(String(error)).toMatch(/analysts\.0\.id/);
    expect(String(error)).toMatch(/tickets\.0\.id: ticket ids are digits/);
  });

  it('says when the file is missing or not JSON', async () => {
    await expect(loadSeed(join(dir, 'missing.json'))).rejects.toThrow(/Could not read the seed file/);
    const file = join(dir, 'broken.json');
    await writeFile(file, '{ nope');
    await expect(loadSeed(file)).rejects.toThrow(/Could not read the seed file/);
  });
});

describe('events/emails/README.md agrees with the seed', () => {
  it('lists exactly the seeded tickets and their requesters', async () => {
    const seed = await loadSeed(SEED_FILE);
    const readme = readFileSync(join(ROOT, 'events', 'emails', 'README.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| (\d+) \| ([^ |]+@[^ |]+) \|/gm)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual(seed.tickets.map((t) => [t.id, t.requesterEmail]));
  });
});

describe('applySeed on dynalite', () => {
  let dynalite: DynaliteHandle;
  let raw: DynamoDBClient;
  let doc: DynamoDBDocumentClient;
  const TABLE = 'ouvidoria-seed';

  beforeAll(async () => {
    dynalite = await startDynalite();
    raw = new DynamoDBClient({
      endpoint: dynalite.endpoint,
      region: EMULATOR_REGION,
      credentials: EMULATOR_CREDENTIALS,
    });
    await createTableIfMissing(raw, TABLE);
    doc = documentClient({ endpoint: dynalite.endpoint, region: EMULATOR_REGION });
  });
  afterAll(async () => {
    doc?.destroy();
    raw?.destroy();
    await dynalite?.stop();
  });

  it('adds the roster and the tickets; a second start keeps roster edits and replaces tickets', async () => {
    const seed = await loadSeed(SEED_FILE);
    const staff = new DynamoStaffRepository(doc, TABLE);
    await applySeed(seed, { client: doc, tableName: TABLE, staff });
    const first = seed.analysts[0];
    expect(await staff.get(first?.id ?? '')).toMatchObject({ name: first?.name, email: first?.email, active: true });
    const tickets = new TableTicketDirectory(doc, TABLE);
    expect(await tickets.find('52311')).toMatchObject({ requesterEmail: 'joao@lojadojoao.com.br', status: 'closed' });

    await staff.put({ id: first?.id ?? '', name: 'Nome editado', email: first?.email ?? '', active: false });
    const moved = {
      ...seed,
      tickets: seed.tickets.map((t) => (t.id === '52311' ? { ...t, requesterEmail: 'novo@x.com' } : t)),
    };
    await applySeed(moved, { client: doc, tableName: TABLE, staff });
    expect(await staff.get(first?.id ?? '')).toMatchObject({ name: 'Nome editado', active: false });
    expect((await tickets.find('52311'))?.requesterEmail).toBe('novo@x.com');
  });
});
