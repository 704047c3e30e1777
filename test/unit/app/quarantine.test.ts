import { describe, expect, it } from 'vitest';
import {
  discardQuarantined,
  type QuarantineDeps,
  quarantinedMail,
  RAW_READ_LIMIT_BYTES,
  rawMailText,
  type ReleaseRequest,
  requestRelease,
} from '../../../shared/app/quarantine';
import { aCase, aDecision, aMessage } from '../../support/builders';
import { InMemoryRawMailStore } from '../../support/fakes';
import type { CaseRecord } from '../../../shared/domain/case';

const RAW = { bucket: 'raw', key: 'inbound/m1' };

function world(
  record: CaseRecord = aCase({
    caseId: 'email:m1',
    status: 'QUARANTINED',
    outcome: 'QUARANTINED',
    decision: aDecision('QUARANTINED'),
    messages: [aMessage({ raw: RAW })],
  }),
) {
  const records = new Map([[record.caseId, record]]);
  const rawMail = new InMemoryRawMailStore();
  rawMail.put(RAW, 'From: a@b.c\r\nSubject: oi\r\n\r\n<script>alert(1)</script></pre>');
  const requests: ReleaseRequest[] = [];
  const deps: QuarantineDeps = {
    cases: { get: async (id) => records.get(id) ?? null },
    store: {
      listQuarantined: async () => ({ items: [] }),
      discard: async (id, by, at) => {
        const r = records.get(id);
        if (r?.status !== 'QUARANTINED' || r.reviewedAt) return false;
        records.set(id, { ...r, reviewedAt: at, reviewedBy: by, reviewOutcome: 'discarded' });
        return true;
      },
    },
    rawMail,
    clock: { now: () => new Date('2026-03-12T14:00:00Z') },
    releases: { request: async (m) => void requests.push(m) },
  };
  return { deps, records, rawMail, requests };
}

describe('rawMailText', () => {
  it('decodes UTF-8, falls back to latin1, and caps on a character boundary', () => {
    expect(rawMailText(Buffer.from('ação', 'utf8'))).toEqual({ text: 'ação', truncated: false });
    expect(rawMailText(Buffer.from([0x61, 0xe7, 0x61]))).toEqual({ text: 'aça', truncated: false });
    const cut = rawMailText(Buffer.from('aãã', 'utf8'), 2);
    expect(cut).toEqual({ text: 'a', truncated: true });
  });
});

describe('quarantine review', () => {
  it('reads the raw mail of a quarantined record as text', async () => {
    const { deps } = world();
    const mail = await quarantinedMail('email:m1', deps);
    expect(mail?.raw).toMatchObject({ text: expect.stringContaining('<script>alert(1)</script>') });
    expect(await quarantinedMail('nope', deps)).toBeNull();
  });

  // Journeys 62: the bucket's lifecycle may expire the raw mail before the table's TTL removes the
  // record; the page must still open (what the triage read, the discard). Other errors still throw.
  it.each([
    ['gone before its size is read', 'size'],
    ['gone between size and read', 'read'],
  ] as const)('a raw mail %s reads as missing', async (_label, when) => {
    const { deps, rawMail } = world();
    if (when === 'size') rawMail.objects.clear();
    else
      deps.rawMail = {
        size: (l) => rawMail.size(l),
        read: async () => Promise.reject(Object.assign(new Error('gone'), { name: 'NoSuchKey' })),
      };
    expect(await quarantinedMail('email:m1', deps)).toMatchObject({ record: { caseId: 'email:m1' }, raw: 'missing' });
  });

  it('a raw mail the store fails to read for another reason still throws', async () => {
    const { deps, rawMail } = world();
    rawMail.failNext = Object.assign(new Error('Access Denied'), { name: 'AccessDenied' });
    await expect(quarantinedMail('email:m1', deps)).rejects.toThrow('Access Denied');
  });

  it('does not load a raw mail above the read limit', async () => {
    const { deps, rawMail } = world();
    rawMail.put(RAW, Buffer.alloc(RAW_READ_LIMIT_BYTES + 1, 0x61));
    const mail = await quarantinedMail('email:m1', deps);
    expect(mail?.raw).toEqual({ text: '', truncated: true, size: RAW_READ_LIMIT_BYTES + 1 });
  });

  it('discards once; a second discard finds nothing in quarantine', async () => {
    const { deps, records } = world();
    expect(await discardQuarantined('email:m1', 'sofia', deps)).toBe('done');
    expect(records.get('email:m1')).toMatchObject({ reviewOutcome: 'discarded', reviewedBy: 'sofia' });
    expect(await discardQuarantined('email:m1', 'sofia', deps)).toBe('not-in-quarantine');
  });

  it('asks for a release only for an unreviewed quarantined record', async () => {
    const { deps, requests } = world();
    expect(await requestRelease('email:m1', 'sofia', deps)).toBe('done');
    expect(requests).toEqual([{ kind: 'release', caseId: 'email:m1', by: 'sofia', at: '2026-03-12T14:00:00.000Z' }]);
    expect(await requestRelease('nope', 'sofia', deps)).toBe('not-in-quarantine');
    const { releases: _r, ...without } = deps;
    expect(await requestRelease('email:m1', 'sofia', without)).toBe('unavailable');
  });

  it.each([['quarantine.virus'], ['quarantine.parse-problem'], ['quarantine.staff-mail']])(
    'never asks for a release of mail held by %s',
    async (ruleId) => {
      const { deps, requests } = world(
        aCase({
          caseId: 'email:m1',
          status: 'QUARANTINED',
          outcome: 'QUARANTINED',
          decision: aDecision('QUARANTINED', { ruleIds: [ruleId, 'quarantine.auth.dmarc'] }),
          messages: [aMessage({ raw: RAW })],
        }),
      );
      expect(await requestRelease('email:m1', 'sofia', deps)).toBe('not-vouchable');
      expect(requests).toEqual([]);
    },
  );
});
