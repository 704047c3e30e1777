import { describe, expect, it } from 'vitest';
import { recordScanResult } from '../../../shared/app/attachment-scan';
import { NO_TEXTS, type TextsShown } from '../../../shared/domain/case';
import { localConfig } from '../../../shared/domain/config';
import {
  CASE_TAG,
  NAME_TAG,
  nameTagValue,
  type ScanStatus,
  STATE_TAG,
  type UploadState,
} from '../../../shared/domain/uploads/plan';
import { type AttachmentScanRecorder, type StoredUpload, systemClock, type UploadStore } from '../../../shared/ports';
import { FixedClock, InMemoryReplyThrottle, RecordingMailer } from '../../support/fakes';
import { exe, pdf } from '../../support/files';

const KEY = `uploads/${'a'.repeat(32)}/01`;
/** Where the case's copy of a clean file lives: beyond every upload policy. */
const CLAIMED = `claimed/${'a'.repeat(32)}/01`;
const ETAG = '"3858f62230ac3c915f300c664312c63f"';
const CASE = 'webform:c1';
const MERCHANT = 'lojista@modasbella.com.br';

/** One object's tags and bytes; readClean refuses what the scanner did not pass (tag-based access). */
class FakeUploads implements UploadStore {
  tagsOf = new Map<string, Record<string, string>>();
  bytes = new Map<string, Buffer>();
  states: Array<[string, UploadState, string | undefined]> = [];
  etags = new Map<string, string>();
  async presign(): Promise<never> {
    throw new Error('not used');
  }
  async put(): Promise<void> {}
  async list(): Promise<StoredUpload[]> {
    return [];
  }
  async tags(key: string) {
    return { ...(this.tagsOf.get(key) ?? {}) };
  }
  async readClean(key: string) {
    if (this.tagsOf.get(key)?.['GuardDutyMalwareScanStatus'] !== 'NO_THREATS_FOUND') throw new Error('AccessDenied');
    return this.bytes.get(key) ?? Buffer.alloc(0);
  }
  async setState(key: string, state: UploadState, caseId?: string) {
    this.states.push([key, state, caseId]);
    const tags = this.tagsOf.get(key);
    if (tags) this.tagsOf.set(key, { ...tags, [STATE_TAG]: state, ...(caseId ? { [CASE_TAG]: caseId } : {}) });
  }
  /** S3's copy: the source must be readable (clean) and, when pinned, still the bytes of that ETag. */
  async copy(from: string, to: string, etag: string | undefined, tags: Record<string, string>) {
    if (this.tagsOf.get(from)?.['GuardDutyMalwareScanStatus'] !== 'NO_THREATS_FOUND') return false;
    if (etag !== undefined && etag !== (this.etags.get(from) ?? ETAG)) return false;
    this.tagsOf.set(to, { ...tags });
    this.bytes.set(to, this.bytes.get(from) ?? Buffer.alloc(0));
    return true;
  }
}

class FakeRecorder implements AttachmentScanRecorder {
  calls: Array<Parameters<AttachmentScanRecorder['recordScan']>> = [];
  constructor(private readonly answer: 'recorded' | 'unchanged' | 'missing' = 'recorded') {}
  async recordScan(...args: Parameters<AttachmentScanRecorder['recordScan']>) {
    this.calls.push(args);
    return this.answer;
  }
}

function world(opts: {
  status: ScanStatus;
  bytes?: Buffer;
  name?: string;
  claimed?: boolean;
  answer?: 'recorded' | 'unchanged' | 'missing';
  caseFound?: boolean;
  caseId?: string;
}) {
  const uploads = new FakeUploads();
  uploads.tagsOf.set(KEY, {
    GuardDutyMalwareScanStatus: opts.status,
    [NAME_TAG]: nameTagValue(opts.name ?? 'fatura março.pdf'),
    ...(opts.claimed === false ? {} : { [CASE_TAG]: opts.caseId ?? CASE }),
  });
  uploads.bytes.set(KEY, opts.bytes ?? pdf());
  const scans = new FakeRecorder(opts.answer);
  const mailer = new RecordingMailer();
  const pointers: Array<{ caseId: string; ids: string[]; sentTo?: string[] }> = [];
  const cases = {
    addMessageIds: async (caseId: string, ids: string[], sentTo?: string[]) => {
      pointers.push({ caseId, ids, ...(sentTo ? { sentTo } : {}) });
    },
    get: async (id: string) =>
      opts.caseFound === false || id !== CASE
        ? null
        : { protocol: 'OUV-2026-000123', senderEmail: MERCHANT, senderName: 'Márcia Figueiredo' },
  };
  return {
    uploads,
    scans,
    mailer,
    pointers,
    deps: {
      uploads,
      scans,
      mailer,
      cases,
      config: localConfig,
      throttle: new InMemoryReplyThrottle(),
      clock: systemClock,
    },
  };
}

describe('recordScanResult', () => {
  it('ignores objects outside the uploads prefix without reading them', async () => {
    const w = world({ status: 'THREATS_FOUND' });
    expect(await recordScanResult('raw/x', 'THREATS_FOUND', w.deps)).toEqual({
      kind: 'ignored',
      reason: 'outside-uploads',
    });
    expect(w.scans.calls).toEqual([]);
  });

  it('leaves a file no submission claimed yet alone', async () => {
    const w = world({ status: 'THREATS_FOUND', claimed: false });
    expect(await recordScanResult(KEY, 'THREATS_FOUND', w.deps)).toEqual({ kind: 'ignored', reason: 'unclaimed' });
    expect(w.uploads.states).toEqual([]);
    expect(w.mailer.sent).toHaveLength(0);
  });

  it('a clean PDF: its type proved on the bytes, its name sanitised, recorded, nothing quarantined or mailed', async () => {
    const w = world({ status: 'NO_THREATS_FOUND' });
    expect(await recordScanResult(KEY, 'NO_THREATS_FOUND', w.deps)).toEqual({
      kind: 'recorded',
      caseId: CASE,
      scan: 'NO_THREATS_FOUND',
    });
    const [caseId, key, update] = w.scans.calls[0] ?? [];
    expect([caseId, key]).toEqual([CASE, KEY]);
    expect(update).toMatchObject({ scan: 'NO_THREATS_FOUND', contentType: 'application/pdf', movedTo: CLAIMED });
    expect(update?.filename).toMatch(/\.pdf$/);
    // The case's file is the copy, with the scanner's tag; the upload left behind expires like a pending one.
    expect(await w.uploads.tags(CLAIMED)).toMatchObject({
      GuardDutyMalwareScanStatus: 'NO_THREATS_FOUND',
      [STATE_TAG]: 'attached',
      [CASE_TAG]: CASE,
    });
    expect(w.uploads.states).toEqual([[KEY, 'moved', CASE]]);
    expect(w.mailer.sent).toHaveLength(0);
  });

  it('a clean file whose bytes are not an allowed type is refused and quarantined (no notice)', async () => {
    const w = world({ status: 'NO_THREATS_FOUND', bytes: exe(), name: 'fatura.pdf' });
    expect(await recordScanResult(KEY, 'NO_THREATS_FOUND', w.deps)).toMatchObject({ scan: 'REFUSED' });
    expect(w.scans.calls[0]?.[2]).toEqual({ scan: 'REFUSED', movedTo: CLAIMED });
    expect(w.uploads.states).toEqual([
      [KEY, 'moved', CASE],
      [CLAIMED, 'quarantined', CASE],
    ]);
    expect(w.mailer.sent).toHaveLength(0);
  });

  it('an infected file is quarantined and the merchant told once, in pt-BR, as an automatic mail', async () => {
    const w = world({ status: 'THREATS_FOUND' });
    expect(await recordScanResult(KEY, 'THREATS_FOUND', w.deps)).toMatchObject({
      kind: 'recorded',
      scan: 'THREATS_FOUND',
    });
    expect(w.uploads.states).toEqual([[KEY, 'quarantined', CASE]]);
    expect(w.mailer.sent).toHaveLength(1);
    const mail = w.mailer.sent[0];
    expect(mail?.to).toEqual([MERCHANT]);
    expect(mail?.headers?.['Auto-Submitted']).toBe('auto-generated');
    expect(`${mail?.subject} ${mail?.text}`).toContain('OUV-2026-000123');
    // By its extension: the name is whatever the poster typed.
    expect(mail?.text).toContain('arquivo PDF');
    expect(mail?.text).not.toContain('fatura');
    // Greeted as every other mail of her case greets her.
    expect(mail?.text).toMatch(/^Olá, Márcia Figueiredo,/);
    expect(mail?.html).toContain('Olá, Márcia Figueiredo,');
  });

  // Her case was opened in Spanish or English (its acknowledgement went in it): the late note follows.
  it.each([
    ['es', /^Hola, Márcia Figueiredo,/, 'Un archivo enviado no pudo ser aceptado', 'cuarentena', 'archivo PDF'],
    ['en', /^Hello, Márcia Figueiredo,/, 'A file you sent could not be accepted', 'quarantined', 'PDF file'],
    ['pt-BR', /^Olá, Márcia Figueiredo,/, 'Um arquivo enviado não pôde ser aceito', 'quarentena', 'arquivo PDF'],
  ] as const)(
    'infected, a case in %s: the merchant’s note is in its language',
    async (language, hello, subject, kept, file) => {
      const w = world({ status: 'THREATS_FOUND' });
      const deps = {
        ...w.deps,
        cases: {
          addMessageIds: w.deps.cases.addMessageIds,
          get: async () => ({
            protocol: 'OUV-2026-000123',
            senderEmail: MERCHANT,
            senderName: 'Márcia Figueiredo',
            decision: { language },
          }),
        },
      };
      await recordScanResult(KEY, 'THREATS_FOUND', deps);
      const mail = w.mailer.sent[0];
      expect(mail?.subject).toBe(`[OUV-2026-000123] ${subject}`);
      expect(mail?.text).toMatch(hello);
      expect(mail?.text).toContain(kept);
      expect(mail?.text).toContain(file);
      expect(mail?.html).toContain(`lang="${language}"`);
    },
  );

  // The late note follows the case's own automatic reply: held back for the address, no note either;
  // a day's guidance limit is no reason about the address.
  it.each([
    ['held back: our own domain', { status: 'suppressed', reason: 'own-domain' }, 0],
    ['held back: a no-reply mailbox', { status: 'suppressed', reason: 'noreply-sender' }, 0],
    ['held back: bounce memory', { status: 'suppressed', reason: 'bounce-memory' }, 0],
    ['held back: automatic mail', { status: 'suppressed', reason: 'automatic-mail' }, 0],
    ['throttled (the day’s guidance already went)', { status: 'suppressed', reason: 'throttled' }, 1],
    ['sent', { status: 'sent', messageId: 'x@ouvidoria.example.com.br' }, 1],
  ])('infected, the case reply %s', async (_label, reply, notes) => {
    const w = world({ status: 'THREATS_FOUND' });
    const at = '2026-03-10T13:05:00.000Z';
    const deps = {
      ...w.deps,
      cases: {
        addMessageIds: w.deps.cases.addMessageIds,
        get: async () => ({ protocol: 'OUV-2026-000123', senderEmail: MERCHANT, reply: { ...reply, at } as never }),
      },
    };
    await recordScanResult(KEY, 'THREATS_FOUND', deps);
    expect(w.mailer.sent.filter((m) => m.to[0] === MERCHANT)).toHaveLength(notes);
  });

  // Journey 44: her server's delivery report about the note named a Message-ID on no case: "not our mail".
  it('infected: the merchant’s note records its Message-IDs on the case with her address', async () => {
    const w = world({ status: 'THREATS_FOUND' });
    await recordScanResult(KEY, 'THREATS_FOUND', w.deps);
    const ours = w.mailer.sent[0]?.messageId as string;
    expect(w.pointers).toEqual([
      { caseId: CASE, ids: [ours], sentTo: [MERCHANT] },
      { caseId: CASE, ids: ['fake-1@fake.amazonses.com'], sentTo: [MERCHANT] },
    ]);
  });

  it('infected: the notices read the case without any message text (a long case costs one Query)', async () => {
    const w = world({ status: 'THREATS_FOUND' });
    const asked: unknown[] = [];
    const deps = {
      ...w.deps,
      cases: {
        addMessageIds: w.deps.cases.addMessageIds,
        get: async (id: string, shown?: TextsShown) => {
          asked.push(shown);
          return w.deps.cases.get(id);
        },
      },
    };
    await recordScanResult(KEY, 'THREATS_FOUND', deps);
    expect(w.mailer.sent).toHaveLength(1);
    expect(asked).toEqual([NO_TEXTS]);
  });

  it('a case already assigned: its analyst is told too that the file is in quarantine', async () => {
    const w = world({ status: 'THREATS_FOUND' });
    const deps = {
      ...w.deps,
      cases: {
        addMessageIds: w.deps.cases.addMessageIds,
        get: async () => ({ protocol: 'OUV-2026-000123', senderEmail: MERCHANT, assignee: 'ana' }),
      },
      staff: {
        get: async (id: string) => (id === 'ana' ? { name: 'Ana Souza', email: 'ana@ouvidoria.example.com.br' } : null),
      },
    };
    await recordScanResult(KEY, 'THREATS_FOUND', deps);
    expect(w.mailer.sent.map((m) => m.to[0])).toEqual([MERCHANT, 'ana@ouvidoria.example.com.br']);
    const note = w.mailer.sent[1];
    expect(note?.subject).toBe('[OUV-2026-000123] Anexo em quarentena (antivírus)');
    expect(note?.text).toContain('fatura março.pdf');
    expect(note?.text).toContain('não deve ser aberto');
  });

  it('a lure for a file name reaches the analyst, never the address the case names', async () => {
    const lure = 'URGENTE sua loja sera suspensa ligue 11 91234-5678.pdf';
    const w = world({ status: 'THREATS_FOUND', name: lure });
    const deps = {
      ...w.deps,
      cases: {
        addMessageIds: w.deps.cases.addMessageIds,
        get: async () => ({ protocol: 'OUV-2026-000123', senderEmail: MERCHANT, assignee: 'ana' }),
      },
      staff: { get: async () => ({ name: 'Ana Souza', email: 'ana@ouvidoria.example.com.br' }) },
    };
    await recordScanResult(KEY, 'THREATS_FOUND', deps);
    const [merchant, analyst] = w.mailer.sent;
    expect(merchant?.to).toEqual([MERCHANT]);
    expect(`${merchant?.subject}${merchant?.text}${merchant?.html}`).not.toMatch(/URGENTE|suspensa|91234/);
    expect(analyst?.text).toContain('URGENTE sua loja sera suspensa');
  });

  // The note counts under her inbox's daily limit of automatic mail: cases opened in her name one
  // after another (the form takes any address) do not make the office write to her each time.
  it('infected files on several cases of one inbox in a day: one note; the next day, another', async () => {
    const clock = new FixedClock(new Date('2026-03-10T13:00:00Z'));
    const throttle = new InMemoryReplyThrottle();
    // Her address as typed on each post: "+tags" and capitals are one inbox.
    const posts = [
      ['c-1', MERCHANT, '2026-03-10T13:00:00Z'],
      ['c-1', MERCHANT, '2026-03-10T13:01:00Z'], // the same case's second file: the same note's count
      ['c-2', MERCHANT.toUpperCase(), '2026-03-10T14:00:00Z'],
      ['c-3', MERCHANT.replace('@', '+urgente@'), '2026-03-10T23:30:00Z'],
      ['c-4', MERCHANT, '2026-03-11T12:00:00Z'],
      ['c-5', 'outra@casadosaromas.com.br', '2026-03-11T12:00:00Z'],
    ] as const;
    const told: number[] = [];
    for (const [caseId, senderEmail, at] of posts) {
      clock.set(new Date(at));
      const w = world({ status: 'THREATS_FOUND', caseId });
      const deps = {
        ...w.deps,
        throttle,
        clock,
        cases: {
          addMessageIds: w.deps.cases.addMessageIds,
          get: async () => ({ protocol: 'OUV-2026-000123', senderEmail }),
        },
      };
      await recordScanResult(KEY, 'THREATS_FOUND', deps);
      told.push(w.mailer.sent.length);
    }
    expect(told).toEqual([1, 1, 0, 0, 1, 1]);
  });

  it.each([
    ['a redelivery (already recorded): no second notice', 'unchanged' as const, true],
    ['a case that no longer exists', 'recorded' as const, false],
  ])('infected, %s', async (_label, answer, caseFound) => {
    const w = world({ status: 'THREATS_FOUND', answer, caseFound });
    await recordScanResult(KEY, 'THREATS_FOUND', w.deps);
    expect(w.mailer.sent).toHaveLength(0);
  });

  it('not on the case (the recorder found no such file): ignored', async () => {
    const w = world({ status: 'THREATS_FOUND', answer: 'missing' });
    expect(await recordScanResult(KEY, 'THREATS_FOUND', w.deps)).toEqual({ kind: 'ignored', reason: 'not-on-case' });
    expect(w.mailer.sent).toHaveLength(0);
  });

  it.each(['UNSUPPORTED', 'FAILED', 'ACCESS_DENIED'] as const)(
    '%s is recorded as it is, without quarantine',
    async (status) => {
      const w = world({ status });
      expect(await recordScanResult(KEY, status, w.deps)).toMatchObject({ scan: status });
      expect(w.uploads.states).toEqual([]);
      expect(w.scans.calls[0]?.[2]).toEqual({ scan: status });
    },
  );

  // The presigned POST stays valid for its policy time: re-sent between the claim and the scan
  // result, the scanned bytes are gone from the key. What the event scanned is pinned by its ETag.
  it.each([
    [
      'the event’s ETag is the upload’s: moved',
      ETAG,
      ETAG,
      { kind: 'recorded', caseId: CASE, scan: 'NO_THREATS_FOUND' },
    ],
    [
      'replaced after the scan (another ETag now): nothing recorded, nothing copied',
      '"0f343b0931126a20f133d67c2b018a3b"',
      ETAG,
      { kind: 'ignored', reason: 'replaced' },
    ],
  ] as const)('a clean result, %s', async (_label, stored, eventEtag, outcome) => {
    const w = world({ status: 'NO_THREATS_FOUND' });
    w.uploads.etags.set(KEY, stored);
    expect(await recordScanResult(KEY, 'NO_THREATS_FOUND', w.deps, eventEtag)).toEqual(outcome);
    if (outcome.kind === 'ignored') {
      expect(w.scans.calls).toEqual([]);
      expect(await w.uploads.tags(CLAIMED)).toEqual({});
    } else {
      expect(w.scans.calls[0]?.[2]).toMatchObject({ movedTo: CLAIMED });
    }
  });

  // Erased while its file was being scanned: the copy the result made belongs to no case, and
  // must not stay for the backstop's years: it expires like a moved upload.
  it.each([
    [
      'clean',
      'NO_THREATS_FOUND',
      [
        [KEY, 'moved', CASE],
        [CLAIMED, 'moved', CASE],
      ],
    ],
    ['infected (nothing copied)', 'THREATS_FOUND', [[KEY, 'quarantined', CASE]]],
  ] as const)('the case gone when a %s result arrives: nothing is left for long', async (_l, status, states) => {
    const w = world({ status, answer: 'missing' });
    expect(await recordScanResult(KEY, status, w.deps, ETAG)).toEqual({ kind: 'ignored', reason: 'not-on-case' });
    expect(w.uploads.states).toEqual(states);
    expect(w.mailer.sent).toHaveLength(0);
  });

  it('a redelivered clean result after the move: the copy is not rewritten (its newer tags stay)', async () => {
    const w = world({ status: 'NO_THREATS_FOUND' });
    await recordScanResult(KEY, 'NO_THREATS_FOUND', w.deps, ETAG);
    // Closed since: the copy carries the retention tag.
    w.uploads.tagsOf.set(CLAIMED, { ...(await w.uploads.tags(CLAIMED)), 'ouvidoria-retention': 'closed-case' });
    await recordScanResult(KEY, 'NO_THREATS_FOUND', w.deps, ETAG);
    expect(await w.uploads.tags(CLAIMED)).toMatchObject({ 'ouvidoria-retention': 'closed-case' });
    expect(w.scans.calls[1]?.[2]).toMatchObject({ movedTo: CLAIMED });
  });
});
