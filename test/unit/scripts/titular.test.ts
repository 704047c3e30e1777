import { localConfig } from '../../../shared/domain/config';
import { officeCalendar } from '../../../shared/domain/calendar';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_TABLE } from '../../../scripts/local/stack';
import { main } from '../../../scripts/titular';
import { DynamoCaseRepository } from '../../../shared/adapters/dynamo/case-repository';
import { documentClient } from '../../../shared/adapters/dynamo/client';
import { createTableIfMissing } from '../../../shared/adapters/dynamo/create-table';
import { subjectHash } from '../../../shared/app/data-subject';
import { aCase } from '../../support/builders';
import { InMemoryDataSubjectStore, InMemoryRawMailArchive, subjectCase } from '../../support/data-subject-fakes';
import { type DynaliteHandle, EMULATOR_CREDENTIALS, EMULATOR_REGION, startDynalite } from '../../support/emulators';
import { FixedClock } from '../../support/fakes';

let dynalite: DynaliteHandle;
let raw: DynamoDBClient;
let doc: DynamoDBDocumentClient;
let dir: string;
let env: NodeJS.ProcessEnv;
let seq = 0;

beforeAll(async () => {
  dynalite = await startDynalite();
  raw = new DynamoDBClient({ endpoint: dynalite.endpoint, region: EMULATOR_REGION, credentials: EMULATOR_CREDENTIALS });
  doc = documentClient({ endpoint: dynalite.endpoint, region: EMULATOR_REGION });
  await createTableIfMissing(raw, LOCAL_TABLE);
  dir = await mkdtemp(join(tmpdir(), 'ouv-titular-'));
  env = {
    DYNAMODB_PORT: new URL(dynalite.endpoint).port,
    LOCAL_DATA_DIR: join(dir, '.local'),
    INIT_CWD: dir,
    OUVIDORIA_NOW: '2026-03-10T15:00:00-03:00',
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

/** An address of its own per test, with one case in the given status. */
async function seeded(status: 'QUEUED' | 'CLOSED') {
  const n = ++seq;
  const email = `lojista${n}@modasbella.com.br`;
  const record = aCase({
    sourceId: `src-${n}`,
    caseId: `email:src-${n}`,
    protocol: `OUV-2026-00010${n}`,
    senderEmail: email,
    status,
  });
  await new DynamoCaseRepository({ client: doc, tableName: LOCAL_TABLE }).create(record);
  return { email, caseId: record.caseId };
}

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) } };
}

const caseItem = async (caseId: string) =>
  (await doc.send(new GetCommand({ TableName: LOCAL_TABLE, Key: { pk: `CASE#${caseId}`, sk: 'CASE' } }))).Item;

describe('npm run titular (local stack)', () => {
  it.each([[[]], [['--help']], [['export']], [['apagar', 'a@b.com']]])(
    'prints the usage and exits 2 for %j',
    async (argv) => {
      const run = io();
      expect(await main(argv, env, run.io)).toBe(2);
      expect(run.err.join('')).toContain('Usage: npm run titular');
    },
  );

  it('export writes dados.json with the cases of the address into --out', async () => {
    const { email, caseId } = await seeded('CLOSED');
    const run = io();
    expect(await main(['export', email, '--out', 'saida'], env, run.io)).toBe(0);
    const data = JSON.parse(await readFile(join(dir, 'saida', 'dados.json'), 'utf8'));
    expect(data).toMatchObject({ format: 'ouvidoria-titular-v1', subject: email });
    expect(data.cases.map((c: { caseId: string }) => c.caseId)).toEqual([caseId]);
    expect(run.out.join('')).toContain('1 caso(s)');
    // The same in one file for the data subject.
    const zipped = await readFile(`${join(dir, 'saida')}.zip`);
    expect(zipped.subarray(0, 2).toString()).toBe('PK');
    expect(zipped.includes(Buffer.from('dados.json'))).toBe(true);
    expect(run.err.join('')).toContain('1 caso(s) encontrados');
  });

  it('export without --out names the folder by the hash of the address, not the address', async () => {
    const { email } = await seeded('CLOSED');
    expect(await main(['export', email], env, io().io)).toBe(0);
    expect(await readdir(dir)).toContain(`titular-${subjectHash(email).slice(0, 12)}`);
  });

  it('delete refuses while a case is open (exit 3, nothing erased), and erases with --yes', async () => {
    const { email, caseId } = await seeded('QUEUED');
    const refused = io();
    expect(await main(['delete', email], env, refused.io)).toBe(3);
    expect(refused.err.join('')).toContain('1 caso(s) em aberto. Nada foi apagado.');
    expect(await caseItem(caseId)).toBeDefined();

    const done = io();
    expect(await main(['delete', email, '--yes'], env, done.io)).toBe(0);
    expect(done.out.join('')).toContain(`TOMBSTONE#${subjectHash(email)}`);
    expect(await caseItem(caseId)).toBeUndefined();
    const tombstone = (
      await doc.send(
        new GetCommand({ TableName: LOCAL_TABLE, Key: { pk: `TOMBSTONE#${subjectHash(email)}`, sk: 'TOMBSTONE' } }),
      )
    ).Item;
    expect(tombstone?.['counts']).toMatchObject({ cases: 1 });
    expect(JSON.stringify(tombstone)).not.toContain(email);
  });

  // Red team 57: a merchant who wrote from ana.souza@gmail.com and from anasouza+loja@gmail.com has cases
  // under both spellings; a request for anasouza@gmail.com found neither and did not say so.
  it.each([
    ['export', (email: string) => ['export', email, '--out', `grafias-${email}`]],
    ['delete', (email: string) => ['delete', email]],
  ])(
    '%s names the other spellings of the inbox that hold cases, and covers only the address given',
    async (_c, argv) => {
      const n = ++seq;
      const spellings = [`ana.souza${n}@gmail.com`, `anasouza${n}+loja@gmail.com`];
      const repo = new DynamoCaseRepository({ client: doc, tableName: LOCAL_TABLE });
      for (const [i, senderEmail] of spellings.entries()) {
        await repo.create(
          aCase({
            sourceId: `g-${n}-${i}`,
            caseId: `email:g-${n}-${i}`,
            protocol: `OUV-2026-0005${n}${i}`,
            senderEmail,
            status: 'CLOSED',
          }),
        );
      }
      // Another person's inbox at the same provider is never named.
      await repo.create(
        aCase({
          sourceId: `g-${n}-x`,
          caseId: `email:g-${n}-x`,
          protocol: `OUV-2026-0006${n}0`,
          senderEmail: `anasouza${n}x@gmail.com`,
          status: 'CLOSED',
        }),
      );
      const run = io();
      expect(await main(argv(`AnaSouza${n}@gmail.com`), env, run.io)).toBe(0);
      const said = run.out.join('');
      expect(said).toContain('0 caso(s)');
      expect(said).toContain(
        `ATENÇÃO: outras grafias da mesma caixa de e-mail (pontos no Gmail, "+etiqueta") também têm dados, e NÃO foram incluídas: ${spellings.join(', ')}.`,
      );
      expect(said).not.toContain(`anasouza${n}x@gmail.com`);
      // Nothing of the other spellings was erased.
      expect(await caseItem(`email:g-${n}-0`)).toBeDefined();
      expect(await caseItem(`email:g-${n}-1`)).toBeDefined();
    },
  );

  it('an address with no other spelling holding data says nothing of spellings', async () => {
    const { email } = await seeded('CLOSED');
    const run = io();
    expect(await main(['delete', email], env, run.io)).toBe(0);
    expect(run.out.join('')).not.toContain('outras grafias');
  });

  it('delete of a closed case needs no --yes', async () => {
    const { email, caseId } = await seeded('CLOSED');
    expect(await main(['delete', email], env, io().io)).toBe(0);
    expect(await caseItem(caseId)).toBeUndefined();
  });

  // Journey 50: the photo Mariana mailed from her phone was counted as '1 anexo(s) do formulário'.
  it.each(['webform', 'email'] as const)(
    'export includes the case files (%s), clean and quarantined; delete erases them',
    async (channel) => {
      const n = ++seq;
      const email = `lojista${n}@modasbella.com.br`;
      const prefix = `uploads/${'ab'.repeat(16)}${n}`;
      const attachments = [
        {
          filename: 'fatura.pdf',
          contentType: 'application/pdf',
          size: 5,
          inline: false,
          key: `${prefix}/01`,
          scan: 'NO_THREATS_FOUND' as const,
        },
        {
          filename: 'virus.txt',
          contentType: 'text/plain',
          size: 6,
          inline: false,
          key: `${prefix}/02`,
          scan: 'THREATS_FOUND' as const,
        },
      ];
      const base = aCase({
        sourceId: `src-${n}`,
        caseId: `webform:src-${n}`,
        protocol: `OUV-2026-00020${n}`,
        senderEmail: email,
        status: 'CLOSED',
      });
      const record = {
        ...base,
        channel,
        messages: [{ ...(base.messages[0] as (typeof base.messages)[number]), attachments }],
      };
      await new DynamoCaseRepository({ client: doc, tableName: LOCAL_TABLE }).create(record);
      const uploads = join(dir, '.local', 'uploads');
      await mkdir(join(uploads, prefix), { recursive: true });
      await writeFile(join(uploads, prefix, '01'), '%PDF-');
      await writeFile(join(uploads, prefix, '02'), 'EICAR!');

      const run = io();
      expect(await main(['export', email, '--out', `anexos-${n}`], env, run.io)).toBe(0);
      const out = join(dir, `anexos-${n}`);
      const data = JSON.parse(await readFile(join(out, 'dados.json'), 'utf8'));
      expect(data.uploads).toEqual([
        expect.objectContaining({
          key: `${prefix}/01`,
          filename: 'fatura.pdf',
          scan: 'NO_THREATS_FOUND',
          bytes: 5,
          file: 'anexos/0001-fatura.pdf',
        }),
        expect.objectContaining({
          key: `${prefix}/02`,
          scan: 'THREATS_FOUND',
          bytes: 6,
          file: 'anexos/0002-virus.txt.quarentena',
        }),
      ]);
      expect(await readFile(join(out, 'anexos', '0001-fatura.pdf'), 'utf8')).toBe('%PDF-');
      expect(await readFile(join(out, 'anexos', '0002-virus.txt.quarentena'), 'utf8')).toBe('EICAR!');
      expect(run.out.join('')).toContain('2 arquivo(s) anexado(s) (formulário ou e-mail)');

      const done = io();
      expect(await main(['delete', email], env, done.io)).toBe(0);
      expect(done.out.join('')).toContain('2 arquivo(s) anexado(s) (formulário ou e-mail)');
      expect(existsSync(join(uploads, prefix, '01'))).toBe(false);
      expect(existsSync(join(uploads, prefix, '02'))).toBe(false);
    },
  );

  it('uses given dependencies instead of the table (and rejects an invalid address)', async () => {
    const store = new InMemoryDataSubjectStore();
    store.byAddress.set('a@b.com', [subjectCase('1')]);
    const deps = {
      store,
      rawMail: new InMemoryRawMailArchive(),
      clock: new FixedClock(new Date('2026-03-10T12:00:00Z')),
      timeZone: 'America/Sao_Paulo',
      calendar: officeCalendar(localConfig),
    };
    const run = io();
    expect(await main(['delete', 'a@b.com'], env, { ...run.io, deps })).toBe(0);
    expect(run.out.join('')).toContain('Apagado: 1 caso(s), 3 item(ns), 0 e-mail(s)');
    await expect(main(['delete', 'não-é-email'], env, { ...run.io, deps })).rejects.toThrow(/inválido/);
  });
});
