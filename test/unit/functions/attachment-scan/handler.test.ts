import { withConfirmMails } from '../../../support/confirm';
import { readFileSync } from 'node:fs';
import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it } from 'vitest';
import { createAttachmentScanHandler } from '../../../../functions/attachment-scan/handler';
import { createWebformHandler } from '../../../../functions/webform/handler';
import { LocalUploadStore, localScan as localScanOf } from '../../../../shared/adapters/local/local-upload-store';
import { noTelemetry } from '../../../../shared/app/intake';
import { localConfig } from '../../../../shared/domain/config';
import type { AttachmentScanRecorder } from '../../../../shared/uploads/ports';
import {
  confirmationPorts,
  FixedClock,
  InMemoryBounceRegistry,
  InMemoryCaseRepository,
  InMemoryRateLimiter,
  InMemoryReplyThrottle,
  InMemorySenderOpenCases,
  InMemoryTicketDirectory,
  RecordingMailer,
  RecordingQueue,
} from '../../../support/fakes';
import { postConfirmed } from '../../../support/confirm';
import { EICAR, exe, pdf } from '../../../support/files';
import { multipartBody } from '../../../support/multipart';
import { systemClock } from '../../../../shared/ports';

const MERCHANT = 'lojista@modasbella.com.br';
/** A PDF as long as pdf() that the scanner flags (the EICAR string inside). */
const infectedPdf = () => {
  const bytes = Buffer.alloc(pdf().length, 0x20);
  Buffer.from(`%PDF-1.4\n${EICAR}\n`, 'latin1').copy(bytes);
  return bytes;
};
const quiet = new Logger({ logLevel: 'SILENT' });
const sample = JSON.parse(
  readFileSync(new URL('../../../../events/guardduty/malware-scan-result.json', import.meta.url), 'utf8'),
);

/** The case-side recorder over the in-memory repository (DynamoAttachmentScanStore on AWS). */
function recorder(cases: InMemoryCaseRepository): AttachmentScanRecorder {
  return {
    async recordScan(caseId, key, { movedTo, ...update }) {
      const attachment = cases.records
        .get(caseId)
        ?.messages[0]?.attachments.find((a) => a.key === key || (movedTo && a.key === movedTo));
      if (!attachment) return 'missing';
      if (attachment.scan === update.scan && (!movedTo || attachment.key === movedTo)) return 'unchanged';
      Object.assign(attachment, update, movedTo ? { key: movedTo } : {});
      return 'recorded';
    },
  };
}

/** A webform submission whose files are still being scanned (GuardDuty answers later). */
async function submittedWhileScanning(file: Buffer, name: string) {
  const cases = new InMemoryCaseRepository();
  const mailer = new RecordingMailer();
  const store = new LocalUploadStore({ url: 'http://local/_s3/b/', scan: 'manual' });
  const webform = createWebformHandler(
    withConfirmMails({
      cases,
      tickets: new InMemoryTicketDirectory([{ id: '48213', requesterEmail: MERCHANT }]),
      mailer,
      queue: new RecordingQueue(),
      throttle: new InMemoryReplyThrottle(),
      bounces: new InMemoryBounceRegistry(),
      openCases: new InMemorySenderOpenCases(),
      clock: new FixedClock(new Date('2026-03-10T13:05:00Z')),
      config: localConfig,
      rateLimiter: new InMemoryRateLimiter(),
      ...confirmationPorts(),
      telemetry: noTelemetry,
      logger: quiet,
      webformTelemetry: { submitted() {}, rejected() {}, failed() {}, claimedUnscanned() {} },
      uploads: store,
    }),
  );
  const { body, contentType } = multipartBody(
    {
      nome: 'Mariana Costa',
      email: MERCHANT,
      chamado: '48213',
      assunto: 'cobranca',
      descricao: 'Cobrança em dobro na fatura de março; segue o arquivo para conferência.',
      consentimento: 'on',
    },
    [{ name, type: 'application/pdf', bytes: file }],
  );
  // Her post cites her ticket: it is registered once she confirms from her mailbox (F1).
  const response = await postConfirmed(
    webform,
    {
      version: '2.0',
      routeKey: '$default',
      rawPath: '/casos',
      rawQueryString: '',
      headers: { 'content-type': contentType, accept: 'application/json' },
      requestContext: {
        accountId: '1',
        apiId: 'x',
        domainName: 'x',
        domainPrefix: 'x',
        http: { method: 'POST', path: '/casos', protocol: 'HTTP/1.1', sourceIp: '198.51.100.7', userAgent: 't' },
        requestId: 'r',
        routeKey: '$default',
        stage: '$default',
        time: '10/Mar/2026:13:05:00 +0000',
        timeEpoch: 0,
      },
      body: body.toString('base64'),
      isBase64Encoded: true,
    },
    () => mailer.sent,
  );
  expect(response.statusCode).toBe(201);
  const [record] = await cases.listAll();
  const key = record?.messages[0]?.attachments[0]?.key as string;
  expect(record?.messages[0]?.attachments[0]?.scan).toBe('PENDING');
  const scan = createAttachmentScanHandler({
    throttle: new InMemoryReplyThrottle(),
    clock: systemClock,
    uploads: store,
    scans: recorder(cases),
    cases,
    mailer,
    config: localConfig,
    logger: quiet,
  });
  // GuardDuty's event names the ETag and the version of the bytes it scanned (the current ones unless told).
  const scanned = async () => {
    const listed = (await store.list(key)).find((o) => o.key === key);
    return { eTag: listed?.etag?.replace(/"/g, ''), versionId: listed?.version ?? null };
  };
  const eventFor = async (status: string, of?: { eTag?: string | undefined; versionId: string | null }) => ({
    ...sample,
    detail: {
      ...sample.detail,
      s3ObjectDetails: { ...sample.detail.s3ObjectDetails, objectKey: key, ...(of ?? (await scanned())) },
      scanResultDetails: { scanResultStatus: status },
    },
  });
  return { cases, mailer, store, key, scan, eventFor, scanned, caseId: record?.caseId as string };
}

describe('late GuardDuty scan results', () => {
  it('clean: recorded on the case, type proved on the bytes', async () => {
    const t = await submittedWhileScanning(pdf(), 'fatura.pdf');
    t.store.scanPending();
    expect(await t.scan(await t.eventFor('NO_THREATS_FOUND'))).toEqual({
      kind: 'recorded',
      caseId: t.caseId,
      scan: 'NO_THREATS_FOUND',
    });
    expect(t.cases.records.get(t.caseId)?.messages[0]?.attachments[0]).toMatchObject({
      scan: 'NO_THREATS_FOUND',
      contentType: 'application/pdf',
      filename: 'fatura.pdf',
    });
  });

  // Claimed before its scan: the clean result moves it out of every upload policy's reach; the
  // presigned POST re-sent afterwards changes nothing the case shows or the console serves.
  it('clean, then the presigned POST re-sent: the case keeps the copy that was scanned and checked', async () => {
    const t = await submittedWhileScanning(pdf(), 'fatura.pdf');
    t.store.scanPending();
    await t.scan(await t.eventFor('NO_THREATS_FOUND'));
    const file = t.cases.records.get(t.caseId)?.messages[0]?.attachments[0];
    expect(file).toMatchObject({ key: t.key.replace(/^uploads\//, 'claimed/'), scan: 'NO_THREATS_FOUND' });
    const post = await t.store.presign(
      t.key,
      { contentType: 'application/pdf', size: pdf().length, filename: 'fatura.pdf' },
      new Date('2026-03-10T13:05:00Z'),
      300,
    );
    const other = pdf('Fatura 123: cobrança em dobrX');
    expect(t.store.acceptPost(post.fields, other, new Date('2026-03-10T13:06:00Z'))).toEqual({ ok: true });
    t.store.scanPending();
    // Its own scan result finds an unclaimed upload: nothing recorded.
    expect(await t.scan(await t.eventFor('NO_THREATS_FOUND'))).toEqual({ kind: 'ignored', reason: 'unclaimed' });
    expect(t.cases.records.get(t.caseId)?.messages[0]?.attachments[0]).toEqual(file);
    expect(t.store.download(file?.key as string)?.bytes.equals(pdf())).toBe(true);
  });

  // The presigned POST re-sent in the seconds between the claim and the scan result: the bucket keeps
  // the claimed version, GuardDuty's event names it, and the result lands on it — never on the bytes
  // sent after, which belong to no case, inherit no verdict, and expire.
  it.each([
    [
      'clean file, re-sent with other bytes',
      pdf(),
      pdf('Fatura 123: cobrança em dobrX'),
      'NO_THREATS_FOUND',
      'claimed',
    ],
    ['clean file, re-sent with an infected one', pdf(), infectedPdf(), 'NO_THREATS_FOUND', 'claimed'],
    ['infected file, re-sent with a clean one', infectedPdf(), pdf(), 'THREATS_FOUND', 'uploads'],
  ] as const)(
    '%s between the claim and the scan: the case gets the verdict of what it claimed',
    async (_l, first, again, verdict, prefix) => {
      const t = await submittedWhileScanning(first, 'fatura.pdf');
      const claimed = await t.scanned();
      await t.store.put(t.key, again, { contentType: 'application/pdf', filename: 'fatura.pdf' });
      const resent = await t.scanned();
      t.store.scanPending();
      expect(await t.scan(await t.eventFor(verdict, claimed))).toEqual({
        kind: 'recorded',
        caseId: t.caseId,
        scan: verdict,
      });
      const file = t.cases.records.get(t.caseId)?.messages[0]?.attachments[0];
      expect(file).toMatchObject({ scan: verdict, key: t.key.replace(/^uploads\//, `${prefix}/`) });
      if (verdict === 'NO_THREATS_FOUND') expect(t.store.download(file?.key as string)?.bytes.equals(first)).toBe(true);
      // The re-sent version: no case, no state but `pending`, its own scan result ignored.
      expect(await t.store.tags(t.key, resent.versionId ?? undefined)).toMatchObject({ 'ouvidoria-upload': 'pending' });
      expect(await t.store.tags(t.key, resent.versionId ?? undefined)).not.toHaveProperty('ouvidoria-case');
      const resentVerdict = verdict === 'THREATS_FOUND' ? 'NO_THREATS_FOUND' : (localScanOf(again) as string);
      expect(await t.scan(await t.eventFor(resentVerdict, resent))).toEqual({ kind: 'ignored', reason: 'unclaimed' });
      expect(t.cases.records.get(t.caseId)?.messages[0]?.attachments[0]).toEqual(file);
      // A day later (pendingUploadDays): every version under uploads/ is gone — the re-sent one, the one
      // copied out, and a quarantined one no one may read; the case's clean copy stays.
      t.store.expirePending();
      expect(t.store.versionCount(t.key)).toBe(0);
      expect(t.store.keys()).toEqual(prefix === 'claimed' ? [file?.key] : []);
    },
  );

  it('infected: recorded, quarantined, the merchant told once even if the event comes twice', async () => {
    const t = await submittedWhileScanning(Buffer.from(`%PDF-1.4\n${EICAR}`), 'fatura.pdf');
    t.store.scanPending();
    const before = t.mailer.sent.length;
    await t.scan(await t.eventFor('THREATS_FOUND'));
    await t.scan(await t.eventFor('THREATS_FOUND'));
    expect(t.cases.records.get(t.caseId)?.messages[0]?.attachments[0]?.scan).toBe('THREATS_FOUND');
    expect(await t.store.tags(t.key)).toMatchObject({ 'ouvidoria-upload': 'quarantined' });
    const notes = t.mailer.sent.slice(before);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.to).toEqual([MERCHANT]);
    expect(notes[0]?.subject).toMatch(/^\[OUV-2026-\d{6}\] Um arquivo enviado não pôde ser aceito$/);
  });

  it('a clean scan of bytes that are not what they claim: refused and quarantined', async () => {
    const store = new LocalUploadStore({ url: 'http://local/_s3/b/', scan: 'manual' });
    // Bypass the webform's own byte check (as a direct S3 POST would): put the object and claim it by hand.
    await store.put('uploads/0123456789abcdef0123456789abcdef/01', exe(), {
      contentType: 'application/pdf',
      filename: 'f.pdf',
    });
    await store.setState('uploads/0123456789abcdef0123456789abcdef/01', 'attached', 'webform-x');
    store.scanPending();
    const recorded: unknown[] = [];
    const scan = createAttachmentScanHandler({
      throttle: new InMemoryReplyThrottle(),
      clock: systemClock,
      uploads: store,
      scans: {
        recordScan: async (...args) => {
          recorded.push(args);
          return 'recorded';
        },
      },
      cases: { get: async () => null, addMessageIds: async () => {} },
      mailer: new RecordingMailer(),
      config: localConfig,
      logger: quiet,
    });
    const [listed] = await store.list('uploads/0123456789abcdef0123456789abcdef/');
    const clean = {
      ...sample,
      detail: {
        ...sample.detail,
        s3ObjectDetails: { ...sample.detail.s3ObjectDetails, eTag: listed?.etag },
        scanResultDetails: { scanResultStatus: 'NO_THREATS_FOUND' },
      },
    };
    expect(await scan(clean)).toMatchObject({ kind: 'recorded', scan: 'REFUSED' });
    expect(await store.tags('claimed/0123456789abcdef0123456789abcdef/01')).toMatchObject({
      'ouvidoria-upload': 'quarantined',
    });
  });

  it.each([
    { status: 'ACCESS_DENIED', fault: true },
    { status: 'FAILED', fault: true },
    { status: 'NO_THREATS_FOUND', fault: false },
    { status: 'THREATS_FOUND', fault: false },
    { status: 'UNSUPPORTED', fault: false },
  ])(
    'reports a scanner fault for the AntivirusFailing alarm, claimed file or not: $status → $fault',
    async ({ status, fault }) => {
      const faults: string[] = [];
      const scan = createAttachmentScanHandler({
        throttle: new InMemoryReplyThrottle(),
        clock: systemClock,
        uploads: new LocalUploadStore({ url: 'http://local/_s3/b/' }),
        scans: { recordScan: async () => 'recorded' as const },
        cases: { get: async () => null, addMessageIds: async () => {} },
        mailer: new RecordingMailer(),
        config: localConfig,
        logger: quiet,
        scannerFault: (s) => faults.push(s),
      });
      const event = { ...sample, detail: { ...sample.detail, scanResultDetails: { scanResultStatus: status } } };
      expect(await scan(event)).toEqual({ kind: 'ignored', reason: 'unclaimed' });
      expect(faults).toEqual(fault ? [status] : []);
    },
  );

  // The AntivirusSilent alarm counts results against the webform's unscanned claims: every result
  // counts (a claimed file, one not claimed yet, one outside uploads/), an event that is none does not.
  it.each([
    ['clean, file not claimed yet', 'NO_THREATS_FOUND', 'uploads/7f3c2a9e-pending/01', ['NO_THREATS_FOUND']],
    ['infected, file not claimed yet', 'THREATS_FOUND', 'uploads/7f3c2a9e-pending/02', ['THREATS_FOUND']],
    ['scanner fault', 'ACCESS_DENIED', 'uploads/7f3c2a9e-pending/03', ['ACCESS_DENIED']],
    ['a key outside uploads/', 'NO_THREATS_FOUND', 'inbound/mensagem.eml', ['NO_THREATS_FOUND']],
    ['not a scan result (unknown status)', 'SCANNING', 'uploads/7f3c2a9e-pending/04', []],
  ])('counts a scan result for AntivirusSilent: %s', async (_name, status, objectKey, expected) => {
    const heard: string[] = [];
    const scan = createAttachmentScanHandler({
      throttle: new InMemoryReplyThrottle(),
      clock: systemClock,
      uploads: new LocalUploadStore({ url: 'http://local/_s3/b/' }),
      scans: { recordScan: async () => 'recorded' as const },
      cases: { get: async () => null, addMessageIds: async () => {} },
      mailer: new RecordingMailer(),
      config: localConfig,
      logger: quiet,
      scanResult: (s) => heard.push(s),
    });
    await scan({
      ...sample,
      detail: {
        ...sample.detail,
        s3ObjectDetails: { ...sample.detail.s3ObjectDetails, objectKey },
        scanResultDetails: { scanResultStatus: status },
      },
    });
    expect(heard).toEqual(expected);
  });

  it('ignores files no submission claimed yet, keys outside uploads/, and other events', async () => {
    const store = new LocalUploadStore({ url: 'http://local/_s3/b/' });
    const deps = {
      uploads: store,
      scans: { recordScan: async () => 'recorded' as const },
      cases: { get: async () => null, addMessageIds: async () => {} },
      mailer: new RecordingMailer(),
      throttle: new InMemoryReplyThrottle(),
      clock: systemClock,
      config: localConfig,
      logger: quiet,
    };
    const scan = createAttachmentScanHandler(deps);
    expect(await scan(sample)).toEqual({ kind: 'ignored', reason: 'unclaimed' });
    const outside = {
      ...sample,
      detail: { ...sample.detail, s3ObjectDetails: { bucketName: 'b', objectKey: 'inbound/x' } },
    };
    expect(await scan(outside)).toEqual({ kind: 'ignored', reason: 'outside-uploads' });
    expect(await scan({ 'detail-type': 'Something else' })).toEqual({ kind: 'ignored', reason: 'bad-event' });
  });
});
