import { beforeEach, describe, expect, it } from 'vitest';
import { LocalUploadStore } from '../../../shared/adapters/local/local-upload-store';
import { recordScanResult } from '../../../shared/app/attachment-scan';
import { type EmailIntakeDeps, receiveEmail } from '../../../shared/app/email-intake';
import type { IntakeDeps } from '../../../shared/app/intake';
import type { MailLifecycle } from '../../../shared/app/lifecycle/mail-lifecycle';
import { copyMailFiles, mailFileCopies } from '../../../shared/app/mail-file-copies';
import { releaseQuarantined } from '../../../shared/app/quarantine-release';
import { emailIntakeDepsFrom } from '../../../shared/composition/email-intake';
import type { CaseMessage } from '../../../shared/domain/case';
import { localConfig } from '../../../shared/domain/config';
import type { ReceivedEmail } from '../../../shared/domain/received-mail';
import type { AttachmentMeta, Verdicts } from '../../../shared/domain/submission';
import { isLinkable } from '../../../shared/domain/uploads/download';
import { mailFileKey } from '../../../shared/domain/uploads/mail-files';
import { systemClock } from '../../../shared/ports';
import {
  CASE_TAG,
  nameFromTag,
  NAME_TAG,
  SCAN_TAG,
  STATE_TAG,
  stillClaimedBy,
} from '../../../shared/domain/uploads/plan';
import { readMailFiles } from '../../../shared/mail/mail-files';
import {
  FixedClock,
  InMemoryAttachmentScans,
  InMemoryBounceRegistry,
  InMemoryCaseRepository,
  InMemoryQuarantineReleaseStore,
  InMemoryRawMailStore,
  InMemoryReplyThrottle,
  InMemorySenderOpenCases,
  InMemoryStaffRepository,
  InMemoryTicketDirectory,
  RecordingMailer,
  RecordingQueue,
} from '../../support/fakes';
import { EICAR, pdf, png } from '../../support/files';

const MERCHANT = 'lojista@modasbella.com.br';
const PASS: Verdicts = { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' };

interface MailFile {
  name: string;
  type: string;
  bytes: Buffer;
}

/** A merchant's mail with files (multipart/mixed, base64 parts). */
function mime(opts: { id: string; subject?: string; text?: string; files: MailFile[]; headers?: string[] }): string {
  const boundary = 'b-ouvidoria-test';
  const parts = opts.files.map((f) =>
    [
      `--${boundary}`,
      `Content-Type: ${f.type}; name="${f.name}"`,
      `Content-Disposition: attachment; filename="${f.name}"`,
      'Content-Transfer-Encoding: base64',
      '',
      f.bytes.toString('base64').replace(/.{76}/g, '$&\r\n'),
    ].join('\r\n'),
  );
  return [
    `Return-Path: <${MERCHANT}>`,
    `From: Juliana <${MERCHANT}>`,
    'To: ouvidoria@ouvidoria.example.com.br',
    `Subject: ${opts.subject ?? 'Cobrança em dobro - chamado #48213'}`,
    `Message-ID: <${opts.id}@mail.modasbella.com.br>`,
    ...(opts.headers ?? []),
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    opts.text ??
      'Olá, abri o chamado #48213 no suporte e fui cobrada duas vezes na fatura de março. Seguem a fatura e o print.',
    ...parts,
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

const FATURA: MailFile = { name: 'fatura.pdf', type: 'application/pdf', bytes: pdf() };
const PRINT: MailFile = { name: 'print.png', type: 'image/png', bytes: png() };

let rawMail: InMemoryRawMailStore;
let cases: InMemoryCaseRepository;
let mailer: RecordingMailer;
let uploads: LocalUploadStore;
let deps: EmailIntakeDeps;
let notices: string[];

beforeEach(() => {
  rawMail = new InMemoryRawMailStore();
  cases = new InMemoryCaseRepository();
  mailer = new RecordingMailer();
  uploads = new LocalUploadStore({ url: 'http://127.0.0.1/_s3/uploads/', scan: 'manual' });
  notices = [];
  const intake: IntakeDeps = {
    cases,
    tickets: new InMemoryTicketDirectory([{ id: '48213', requesterEmail: MERCHANT }]),
    mailer,
    queue: new RecordingQueue(),
    throttle: new InMemoryReplyThrottle(),
    bounces: new InMemoryBounceRegistry(),
    openCases: new InMemorySenderOpenCases(),
    clock: new FixedClock(new Date('2026-03-02T13:20:00Z')),
    config: localConfig,
    onFollowUp: async (_parent, message) => void notices.push(message.sourceId),
    mailFiles: mailFileCopies({ rawMail, readFiles: readMailFiles, uploads }),
  };
  deps = emailIntakeDepsFrom(intake, rawMail);
});

function received(deliveryId: string, raw: string, overrides: Partial<ReceivedEmail> = {}): ReceivedEmail {
  const location = { bucket: 'raw', key: `inbound/${deliveryId}` };
  rawMail.put(location, raw);
  return {
    deliveryId,
    receivedAt: '2026-03-02T13:15:00.000Z',
    verdicts: { ...PASS },
    returnPath: MERCHANT,
    recipients: ['ouvidoria@ouvidoria.example.com.br'],
    from: `Juliana <${MERCHANT}>`,
    messageId: /^message-id:\s*<(.*)>$/im.exec(raw)?.[1],
    subject: /^subject:\s*(.*)$/im.exec(raw)?.[1]?.trim(),
    raw: location,
    ...overrides,
  };
}

const firstFiles = (caseId: string): AttachmentMeta[] => cases.records.get(caseId)?.messages[0]?.attachments ?? [];

/** GuardDuty's results for everything pending, delivered to the scan-result service. */
async function scanAll(): Promise<void> {
  const scanDeps = {
    uploads,
    scans: new InMemoryAttachmentScans(cases),
    cases,
    staff: new InMemoryStaffRepository(),
    mailer,
    throttle: new InMemoryReplyThrottle(),
    clock: systemClock,
    config: localConfig,
  };
  for (const key of uploads.scanPending()) {
    const [object] = await uploads.list(key);
    await recordScanResult(key, object?.tags[SCAN_TAG] as 'NO_THREATS_FOUND', scanDeps, object?.etag, object?.version);
  }
}

describe('an accepted mail: its files go where the webform files are, keyed to the case', () => {
  it('a PDF and a PNG → two pending-scan uploads tagged attached to the case; the message lists their keys', async () => {
    const result = await receiveEmail(received('ses-1', mime({ id: 'm1', files: [FATURA, PRINT] })), deps);
    expect(result).toMatchObject({ kind: 'case', outcome: 'ACCEPTED' });
    const caseId = 'email:ses-1';
    const keys = [mailFileKey(caseId, 'ses-1', 0), mailFileKey(caseId, 'ses-1', 1)];
    expect(uploads.keys().sort()).toEqual([...keys].sort());
    for (const [i, key] of keys.entries()) {
      const tags = await uploads.tags(key);
      expect(tags[STATE_TAG]).toBe('attached');
      expect(tags[CASE_TAG]).toBe(caseId);
      expect(tags[SCAN_TAG]).toBeUndefined();
      // An open case's file: no retention tag (the closing writes it).
      expect(tags['ouvidoria-retention']).toBeUndefined();
      expect(nameFromTag(tags[NAME_TAG])).toBe(['fatura.pdf', 'print.png'][i]);
    }
    expect(firstFiles(caseId).map((a) => [a.key, a.scan])).toEqual(keys.map((k) => [k, 'PENDING']));
    // One acknowledgement.
    expect(mailer.sent).toHaveLength(1);
  });

  it('as composed for production, the copy takes the parts the parse decoded: the raw mail is read once', async () => {
    const { mailFiles: _own, ...intake } = deps.intake;
    const composed = emailIntakeDepsFrom(intake, rawMail, undefined, uploads);
    let reads = 0;
    const read = rawMail.read.bind(rawMail);
    rawMail.read = async (location) => {
      reads++;
      return read(location);
    };
    const result = await receiveEmail(received('ses-1', mime({ id: 'm1', files: [FATURA, PRINT] })), composed);
    expect(result).toMatchObject({ kind: 'case', outcome: 'ACCEPTED' });
    expect(reads).toBe(1);
    const keys = [mailFileKey('email:ses-1', 'ses-1', 0), mailFileKey('email:ses-1', 'ses-1', 1)];
    expect(uploads.keys().sort()).toEqual([...keys].sort());
    // The very bytes of her files, as the console will serve them once scanned.
    await scanAll();
    const served = await Promise.all(firstFiles('email:ses-1').map((a) => uploads.readClean(a.key as string)));
    expect(served).toEqual([FATURA.bytes, PRINT.bytes]);
  });

  it('after a clean scan the file is the case’s, under claimed/, and the console may link it', async () => {
    await receiveEmail(received('ses-1', mime({ id: 'm1', files: [FATURA] })), deps);
    await scanAll();
    const [file] = firstFiles('email:ses-1');
    expect(file).toMatchObject({ scan: 'NO_THREATS_FOUND', filename: 'fatura.pdf', contentType: 'application/pdf' });
    expect(file?.key).toMatch(/^claimed\//);
    expect(isLinkable(file as AttachmentMeta)).toBe(true);
    expect(stillClaimedBy(await uploads.tags(file?.key as string), 'email:ses-1')).toBe(true);
    expect(uploads.download(file?.key as string)?.bytes.equals(FATURA.bytes)).toBe(true);
  });

  it('a retried delivery writes the same keys once: no second version, no second reply', async () => {
    const mail = mime({ id: 'm1', files: [FATURA, PRINT] });
    await receiveEmail(received('ses-1', mail), deps);
    const again = await receiveEmail(received('ses-1', mail), deps);
    expect(again).toMatchObject({ kind: 'case', duplicate: true });
    expect(uploads.keys()).toHaveLength(2);
    for (const key of uploads.keys()) expect(uploads.versionCount(key)).toBe(1);
    expect(mailer.sent).toHaveLength(1);
  });

  it('a copy that fails keeps the case and sends no reply; the retry copies and sends the one reply', async () => {
    const mail = mime({ id: 'm1', files: [FATURA, PRINT] });
    const put = uploads.put.bind(uploads);
    let failures = 1;
    uploads.put = async (...args) => {
      if (failures-- > 0) throw Object.assign(new Error('SlowDown'), { name: 'SlowDown' });
      return put(...args);
    };
    await expect(receiveEmail(received('ses-1', mail), deps)).rejects.toThrow('SlowDown');
    expect(cases.records.get('email:ses-1')?.status).toBe('QUEUED');
    expect(mailer.sent).toHaveLength(0);
    await receiveEmail(received('ses-1', mail), deps);
    expect(uploads.keys()).toHaveLength(2);
    expect(mailer.sent).toHaveLength(1);
    expect(cases.records.get('email:ses-1')?.reply?.status).toBe('sent');
  });
});

describe('mail whose files are not copied', () => {
  it.each<[string, Partial<ReceivedEmail>, string[]]>([
    ['quarantined (SES virus verdict FAIL)', { verdicts: { ...PASS, virus: 'FAIL' } }, []],
    ['quarantined (spam)', { verdicts: { ...PASS, spam: 'FAIL' } }, []],
    ['automatic (an auto-reply)', {}, ['Auto-Submitted: auto-replied']],
  ])('%s', async (_what, overrides, headers) => {
    await receiveEmail(received('ses-1', mime({ id: 'm1', files: [FATURA], headers }), overrides), deps);
    expect(uploads.keys()).toEqual([]);
    expect(firstFiles('email:ses-1').every((a) => a.key === undefined)).toBe(true);
  });

  it('redirected (no prior ticket): not a case', async () => {
    const mail = mime({
      id: 'm1',
      subject: 'Problema',
      text: 'Minha loja parou de vender, me ajudem.',
      files: [FATURA],
    });
    const result = await receiveEmail(received('ses-1', mail), deps);
    expect(result).toMatchObject({ kind: 'case', outcome: 'NO_PRIOR_TICKET' });
    expect(uploads.keys()).toEqual([]);
  });
});

describe('a follow-up mail of the merchant: its files too, keyed to the case and that message', () => {
  async function withCase(): Promise<string> {
    await receiveEmail(received('ses-1', mime({ id: 'm1', files: [] })), deps);
    const parent = cases.records.get('email:ses-1');
    if (parent) parent.assignee = 'ana';
    return 'email:ses-1';
  }
  const followUp = (files: MailFile[]) =>
    mime({
      id: 'm2',
      subject: 'Re: Cobrança em dobro - chamado #48213',
      text: 'Segue o comprovante que faltou.',
      files,
      headers: ['In-Reply-To: <m1@mail.modasbella.com.br>'],
    });

  it('appended, forwarded once, its files copied under the case', async () => {
    const caseId = await withCase();
    const result = await receiveEmail(received('ses-2', followUp([PRINT])), deps);
    expect(result).toMatchObject({ kind: 'follow-up', caseId, appended: true });
    const key = mailFileKey(caseId, 'ses-2', 0);
    expect(uploads.keys()).toEqual([key]);
    expect((await uploads.tags(key))[CASE_TAG]).toBe(caseId);
    const message = cases.records.get(caseId)?.messages[1] as CaseMessage;
    expect(message.attachments[0]).toMatchObject({ key, scan: 'PENDING' });
    await scanAll();
    expect(cases.records.get(caseId)?.messages[1]?.attachments[0]).toMatchObject({ scan: 'NO_THREATS_FOUND' });
    expect(notices).toEqual(['ses-2']);
  });

  it('a failed copy: the retry copies it, and the analyst is told once', async () => {
    await withCase();
    const put = uploads.put.bind(uploads);
    let failures = 1;
    uploads.put = async (...args) => {
      if (failures-- > 0) throw new Error('network');
      return put(...args);
    };
    await expect(receiveEmail(received('ses-2', followUp([PRINT])), deps)).rejects.toThrow('network');
    const again = await receiveEmail(received('ses-2', followUp([PRINT])), deps);
    expect(again).toMatchObject({ kind: 'follow-up', appended: false });
    expect(uploads.keys()).toHaveLength(1);
    expect(notices).toEqual(['ses-2']);
  });
});

describe('a follow-up through the case lifecycle (production): copied after the commit, retried as a duplicate', () => {
  it('the message the lifecycle stores carries the keys; a failed copy is completed by the retry, forwarded once', async () => {
    await receiveEmail(received('ses-1', mime({ id: 'm1', files: [] })), deps);
    const stored: CaseMessage[] = [];
    const lifecycle: MailLifecycle = {
      staffMail: async () => {
        throw new Error('not staff mail');
      },
      misaddressedCommands: async () => false,
      asksNothingAfterClosing: async () => false,
      merchantReply: async (parent, message) => {
        if (stored.some((m) => m.sourceId === message.sourceId)) return { kind: 'duplicate' };
        stored.push(message);
        cases.records.get(parent.caseId)?.messages.push(message);
        return { kind: 'applied', status: 'IN_PROGRESS', reopened: false, forwarded: true };
      },
    };
    const withLifecycle = { ...deps, intake: { ...deps.intake, lifecycle } };
    const put = uploads.put.bind(uploads);
    let failures = 1;
    uploads.put = async (...args) => {
      if (failures-- > 0) throw new Error('network');
      return put(...args);
    };
    const mail = mime({
      id: 'm2',
      subject: 'Re: Cobrança em dobro - chamado #48213',
      text: 'Segue o comprovante que faltou.',
      files: [FATURA],
      headers: ['In-Reply-To: <m1@mail.modasbella.com.br>'],
    });
    await expect(receiveEmail(received('ses-2', mail), withLifecycle)).rejects.toThrow('network');
    const key = mailFileKey('email:ses-1', 'ses-2', 0);
    expect(stored[0]?.attachments[0]).toMatchObject({ key, scan: 'PENDING' });
    const again = await receiveEmail(received('ses-2', mail), withLifecycle);
    expect(again).toMatchObject({ kind: 'follow-up', appended: false });
    expect(stored).toHaveLength(1);
    expect(uploads.keys()).toEqual([key]);
  });
});

describe('her thanks with a file on a closed case (it stays closed)', () => {
  it("the copy is on the closed case's LGPD clock; an open case's is not", async () => {
    await receiveEmail(received('ses-1', mime({ id: 'm1', files: [] })), deps);
    const status = { value: 'CLOSED' as const };
    const lifecycle: MailLifecycle = {
      staffMail: async () => {
        throw new Error('not staff mail');
      },
      misaddressedCommands: async () => false,
      asksNothingAfterClosing: async () => false,
      merchantReply: async (parent, message) => {
        cases.records.get(parent.caseId)?.messages.push(message);
        return { kind: 'applied', status: status.value, reopened: false, forwarded: true };
      },
    };
    const withLifecycle = { ...deps, intake: { ...deps.intake, lifecycle } };
    const thanks = (id: string) =>
      mime({
        id,
        subject: 'Re: Cobrança em dobro - chamado #48213',
        text: 'Obrigada! Segue o comprovante do estorno.',
        files: [FATURA],
        headers: ['In-Reply-To: <m1@mail.modasbella.com.br>'],
      });
    await receiveEmail(received('ses-2', thanks('m2')), withLifecycle);
    const key = mailFileKey('email:ses-1', 'ses-2', 0);
    expect((await uploads.tags(key))['ouvidoria-retention']).toBe('closed-case');
  });
});

describe('a quarantined mail a supervisor releases into an accepted case', () => {
  it('its files are keyed in the release write and copied once; a redelivered request copies nothing again', async () => {
    const mail = mime({ id: 'm1', files: [FATURA, PRINT] });
    const held = await receiveEmail(received('ses-1', mail, { verdicts: { ...PASS, dmarc: 'FAIL' } }), deps);
    expect(held).toMatchObject({ kind: 'case', outcome: 'QUARANTINED' });
    expect(uploads.keys()).toEqual([]);
    const release = { email: deps, store: new InMemoryQuarantineReleaseStore(cases) };
    const request = { kind: 'release' as const, caseId: 'email:ses-1', by: 'sofia', at: '2026-03-02T13:20:00.000Z' };
    expect(await releaseQuarantined(request, release)).toMatchObject({ outcome: 'ACCEPTED', released: true });
    const keys = [mailFileKey('email:ses-1', 'ses-1', 0), mailFileKey('email:ses-1', 'ses-1', 1)];
    expect(firstFiles('email:ses-1').map((a) => [a.key, a.scan])).toEqual(keys.map((k) => [k, 'PENDING']));
    expect(uploads.keys().sort()).toEqual([...keys].sort());
    await releaseQuarantined(request, release);
    for (const key of keys) expect(uploads.versionCount(key)).toBe(1);
  });

  it('released as guidance (not a case): nothing keyed, nothing copied', async () => {
    const mail = mime({
      id: 'm1',
      subject: 'Problema',
      text: 'Minha loja parou de vender, me ajudem.',
      files: [FATURA],
    });
    await receiveEmail(received('ses-1', mail, { verdicts: { ...PASS, dmarc: 'FAIL' } }), deps);
    const release = { email: deps, store: new InMemoryQuarantineReleaseStore(cases) };
    const request = { kind: 'release' as const, caseId: 'email:ses-1', by: 'sofia', at: '2026-03-02T13:20:00.000Z' };
    expect(await releaseQuarantined(request, release)).toMatchObject({ outcome: 'NO_PRIOR_TICKET' });
    expect(uploads.keys()).toEqual([]);
    expect(firstFiles('email:ses-1').every((a) => a.key === undefined)).toBe(true);
  });
});

describe('attacks', () => {
  it('a file named ../../x: its key comes from the case and the message only', async () => {
    await receiveEmail(received('ses-1', mime({ id: 'm1', files: [{ ...FATURA, name: '../../x.pdf' }] })), deps);
    expect(uploads.keys()).toEqual([mailFileKey('email:ses-1', 'ses-1', 0)]);
    expect(firstFiles('email:ses-1')[0]?.filename).not.toContain('/');
  });

  it('a 0-byte file is not copied', async () => {
    const empty = { name: 'vazio.pdf', type: 'application/pdf', bytes: Buffer.alloc(0) };
    await receiveEmail(received('ses-1', mime({ id: 'm1', files: [empty, PRINT] })), deps);
    expect(uploads.keys()).toEqual([mailFileKey('email:ses-1', 'ses-1', 1)]);
  });

  it('the EICAR test file: copied for the scanner, which quarantines it; never readable, never linked', async () => {
    const eicar = { name: 'eicar.txt', type: 'text/plain', bytes: Buffer.from(EICAR) };
    await receiveEmail(received('ses-1', mime({ id: 'm1', files: [eicar] })), deps);
    await scanAll();
    const [file] = firstFiles('email:ses-1');
    expect(file?.scan).toBe('THREATS_FOUND');
    expect(isLinkable(file as AttachmentMeta)).toBe(false);
    expect(uploads.download(file?.key as string)).toBeNull();
    expect((await uploads.tags(file?.key as string))[STATE_TAG]).toBe('quarantined');
    await expect(uploads.readClean(file?.key as string)).rejects.toThrow('AccessDenied');
    // She is told, as for a form file, in words that say she mailed it.
    const note = mailer.sent.at(-1);
    expect(note?.to).toEqual([MERCHANT]);
    expect(note?.text).toContain('no arquivo que você enviou por e-mail à Ouvidoria');
  });

  it('200 tiny attachments: at most the webform file limit is copied, one raw read', async () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ ...PRINT, name: `p${i}.png` }));
    let reads = 0;
    const read = rawMail.read.bind(rawMail);
    rawMail.read = async (location) => {
      reads++;
      return read(location);
    };
    await receiveEmail(received('ses-1', mime({ id: 'm1', files: many })), deps);
    expect(uploads.keys()).toHaveLength(localConfig.attachments.maxFiles);
    // The parse, and the copy's one read of the raw mail.
    expect(reads).toBe(2);
  });
});

describe('copyMailFiles', () => {
  it('reads nothing when every keyed file is in the bucket already', async () => {
    const raw = { bucket: 'raw', key: 'inbound/ses-1' };
    const key = mailFileKey('email:ses-1', 'ses-1', 0);
    await uploads.put(
      key,
      pdf(),
      { contentType: 'application/pdf', filename: 'fatura.pdf' },
      { caseId: 'email:ses-1' },
    );
    const message = {
      sourceId: 'ses-1',
      raw,
      attachments: [
        { filename: 'fatura.pdf', contentType: 'application/pdf', size: 10, partId: '2', inline: false, key },
      ],
    };
    const deps = {
      rawMail: {
        read: async () => {
          throw new Error('not read');
        },
      },
      readFiles: readMailFiles,
      uploads,
    };
    expect(await copyMailFiles('email:ses-1', message, deps)).toBe(0);
  });
});
