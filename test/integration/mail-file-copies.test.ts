/**
 * A case's mailed files on the real adapters (dynalite, aws-ses-v2-local, the local uploads bucket):
 * keyed on the message in the write that stores it (no DynamoDB request added to an accepted mail),
 * copied to the bucket, their late scan result recorded on the case item (first message) or on the
 * follow-up's MSG# item, and listed for the data-subject erasure.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoAttachmentScanStore } from '../../shared/adapters/dynamo/attachment-scan-store';
import { DynamoDataSubjectStore } from '../../shared/adapters/dynamo/data-subject-store';
import { LocalUploadStore } from '../../shared/adapters/local/local-upload-store';
import { recordScanResult } from '../../shared/app/attachment-scan';
import { releaseQuarantined } from '../../shared/app/quarantine-release';
import { DynamoQuarantineStore } from '../../shared/adapters/dynamo/quarantine-store';
import { uploadsOf } from '../../shared/app/data-subject';
import { localConfig } from '../../shared/domain/config';
import type { AttachmentMeta } from '../../shared/domain/submission';
import { mailFileKey } from '../../shared/domain/uploads/mail-files';
import { SCAN_TAG, type ScanStatus } from '../../shared/domain/uploads/plan';
import { buildHarness, type Harness } from '../support/email-intake-harness';
import {
  type DynaliteHandle,
  type SesLocalHandle,
  startDynalite,
  startSesLocal,
  countingDocumentClient,
} from '../support/emulators';
import { FixedClock, InMemoryReplyThrottle, InMemoryStaffRepository, RecordingMailer } from '../support/fakes';
import { pdf, png } from '../support/files';
import { systemClock } from '../../shared/ports';

const MERCHANT = 'lojista@modasbella.com.br';
const clock = new FixedClock(new Date('2026-11-24T14:00:05.000Z'));
let dynalite: DynaliteHandle;
let ses: SesLocalHandle;
let dir: string;
let secretFile: string;
let tables = 0;

beforeAll(async () => {
  [dynalite, ses] = await Promise.all([startDynalite(), startSesLocal()]);
  dir = await mkdtemp(join(tmpdir(), 'ouvidoria-mail-files-'));
  secretFile = join(dir, 'reply-secret');
  await writeFile(secretFile, 'x'.repeat(43));
});

afterAll(async () => {
  await Promise.all([dynalite?.stop(), ses?.stop()]);
  await rm(dir, { recursive: true, force: true });
});

function mime(id: string, files: Array<{ name: string; type: string; bytes: Buffer }>, extra: string[] = []): string {
  const boundary = 'b-integration';
  return [
    `Return-Path: <${MERCHANT}>`,
    `From: Juliana <${MERCHANT}>`,
    'To: ouvidoria@ouvidoria.example.com.br',
    `Subject: ${extra.length ? 'Re: ' : ''}Cobrança em dobro - chamado #48213`,
    `Message-ID: <${id}@mail.modasbella.com.br>`,
    ...extra,
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    extra.length
      ? 'Segue o comprovante que faltou para o chamado #48213.'
      : 'Abri o chamado #48213 no suporte e fui cobrada duas vezes na fatura de março. Seguem a fatura e o print.',
    ...files.map((f) =>
      [
        `--${boundary}`,
        `Content-Type: ${f.type}; name="${f.name}"`,
        `Content-Disposition: attachment; filename="${f.name}"`,
        'Content-Transfer-Encoding: base64',
        '',
        f.bytes.toString('base64'),
      ].join('\r\n'),
    ),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

const FILES = [
  { name: 'fatura.pdf', type: 'application/pdf', bytes: pdf() },
  { name: 'print.png', type: 'image/png', bytes: png() },
];

/** A harness whose DynamoDB client counts the requests it sends. */
async function counted(uploads?: LocalUploadStore): Promise<{ harness: Harness; requests: string[] }> {
  const requests: string[] = [];
  const client = countingDocumentClient(dynalite.endpoint, requests);
  await ses.clear();
  const harness = await buildHarness({
    dynamoEndpoint: dynalite.endpoint,
    sesEndpoint: ses.endpoint,
    tableName: `ouvidoria-mail-files-${++tables}`,
    clock,
    client,
    replySecretFile: secretFile,
    ...(uploads ? { uploads } : {}),
  });
  requests.length = 0;
  return { harness, requests };
}

async function scanAll(uploads: LocalUploadStore, harness: Harness): Promise<void> {
  const deps = {
    uploads,
    scans: new DynamoAttachmentScanStore(harness.client, harness.tableName),
    cases: harness.cases,
    staff: new InMemoryStaffRepository(),
    mailer: new RecordingMailer(),
    throttle: new InMemoryReplyThrottle(),
    clock: systemClock,
    config: localConfig,
  };
  for (const key of uploads.scanPending()) {
    const [object] = await uploads.list(key);
    await recordScanResult(key, object?.tags[SCAN_TAG] as ScanStatus, deps, object?.etag, object?.version);
  }
}

describe('a mail with files that makes a case, on dynalite', () => {
  it('costs the DynamoDB requests a mail without the copies costs; the keys ride on the case item', async () => {
    const plain = await counted();
    await plain.harness.deliver('ses-a', mime('a1', FILES), { dmarc: 'PASS' });
    const uploads = new LocalUploadStore({ url: 'http://127.0.0.1/_s3/u/', scan: 'manual' });
    const copying = await counted(uploads);
    await copying.harness.deliver('ses-a', mime('a1', FILES), { dmarc: 'PASS' });
    expect(plain.requests.filter((r) => /Put|Update|Delete|BatchWrite/.test(r)).length).toBeGreaterThan(2);
    expect(copying.requests).toEqual(plain.requests);

    const caseId = 'email:ses-a';
    const item = await copying.harness.client.send(
      new GetCommand({ TableName: copying.harness.tableName, Key: { pk: `CASE#${caseId}`, sk: 'CASE' } }),
    );
    const files = item.Item?.['firstMessage']?.attachments as AttachmentMeta[];
    expect(files.map((a) => [a.key, a.scan])).toEqual([
      [mailFileKey(caseId, 'ses-a', 0), 'PENDING'],
      [mailFileKey(caseId, 'ses-a', 1), 'PENDING'],
    ]);
    expect(uploads.keys().sort()).toEqual(files.map((a) => a.key).sort());

    await scanAll(uploads, copying.harness);
    const scanned = (await copying.harness.cases.get(caseId))?.messages[0]?.attachments ?? [];
    expect(scanned.map((a) => a.scan)).toEqual(['NO_THREATS_FOUND', 'NO_THREATS_FOUND']);
    expect(scanned.every((a) => a.key?.startsWith('claimed/'))).toBe(true);
  });

  it("a follow-up's files (through the lifecycle): on its MSG# item, their scan recorded there, erased with the case", async () => {
    const uploads = new LocalUploadStore({ url: 'http://127.0.0.1/_s3/u/', scan: 'manual' });
    const { harness } = await counted(uploads);
    await harness.deliver('ses-b', mime('b1', []), { dmarc: 'PASS' });
    await harness.deliver(
      'ses-c',
      mime('c1', [FILES[1] as (typeof FILES)[number]], ['In-Reply-To: <b1@mail.modasbella.com.br>']),
      {
        dmarc: 'PASS',
      },
    );
    const caseId = 'email:ses-b';
    const key = mailFileKey(caseId, 'ses-c', 0);
    expect(uploads.keys()).toEqual([key]);
    await scanAll(uploads, harness);
    const { Items = [] } = await harness.client.send(
      new QueryCommand({
        TableName: harness.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :msg)',
        ExpressionAttributeValues: { ':pk': `CASE#${caseId}`, ':msg': 'MSG#' },
      }),
    );
    expect(Items).toHaveLength(1);
    const [file] = (Items[0]?.['message']?.attachments ?? []) as AttachmentMeta[];
    expect(file).toMatchObject({ scan: 'NO_THREATS_FOUND', key: key.replace('uploads/', 'claimed/') });

    const subject = await new DynamoDataSubjectStore(harness.client, harness.tableName).cases(MERCHANT);
    expect(uploadsOf(subject).map((u) => u.key)).toEqual([key.replace('uploads/', 'claimed/')]);
  });

  it('a quarantined mail released into an accepted case: its files keyed in the release write, copied', async () => {
    const uploads = new LocalUploadStore({ url: 'http://127.0.0.1/_s3/u/', scan: 'manual' });
    const { harness } = await counted(uploads);
    await harness.deliver('ses-q', mime('q1', FILES), { dmarc: 'FAIL' });
    const caseId = 'email:ses-q';
    expect((await harness.cases.get(caseId))?.status).toBe('QUARANTINED');
    expect(uploads.keys()).toEqual([]);
    const release = {
      email: harness.deps.service,
      store: new DynamoQuarantineStore(harness.client, harness.tableName),
    };
    const result = await releaseQuarantined(
      { kind: 'release', caseId, by: 'sofia', at: clock.now().toISOString() },
      release,
    );
    expect(result).toMatchObject({ outcome: 'ACCEPTED', released: true });
    const item = await harness.client.send(
      new GetCommand({ TableName: harness.tableName, Key: { pk: `CASE#${caseId}`, sk: 'CASE' } }),
    );
    const keys = [mailFileKey(caseId, 'ses-q', 0), mailFileKey(caseId, 'ses-q', 1)];
    expect(((item.Item?.['firstMessage']?.attachments ?? []) as AttachmentMeta[]).map((a) => a.key)).toEqual(keys);
    expect(uploads.keys().sort()).toEqual([...keys].sort());
  });
});
