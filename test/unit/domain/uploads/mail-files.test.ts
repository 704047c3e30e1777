import { describe, expect, it } from 'vitest';
import { localConfig } from '../../../../shared/domain/config';
import type { AttachmentMeta } from '../../../../shared/domain/submission';
import {
  mailFileKey,
  mailFilesPending,
  mailFilesToCopy,
  withMailFileKeys,
} from '../../../../shared/domain/uploads/mail-files';
import { claimedKey, objectsOfFile, UPLOADS_PREFIX } from '../../../../shared/domain/uploads/plan';

const LIMITS = localConfig.attachments;
const CASE = 'email:ses-1';
const PDF: AttachmentMeta = {
  filename: 'fatura.pdf',
  contentType: 'application/pdf',
  size: 2_000,
  partId: '2',
  inline: false,
  kind: 'pdf',
};
const PNG: AttachmentMeta = {
  filename: 'print.png',
  contentType: 'image/png',
  size: 3_000,
  partId: '3',
  inline: false,
  kind: 'png',
};

describe('mailFileKey', () => {
  it('is the webform key shape, so the scan result moves it and the erasure finds both halves', () => {
    const key = mailFileKey(CASE, 'ses-1', 0);
    expect(key).toMatch(/^uploads\/[0-9a-f]{32}\/01$/);
    expect(claimedKey(key)).toBe(key.replace(UPLOADS_PREFIX, 'claimed/'));
    expect(objectsOfFile(claimedKey(key))).toEqual([claimedKey(key), key]);
  });

  it('is deterministic (a retried delivery writes the same key) and differs per case, message and file', () => {
    expect(mailFileKey(CASE, 'ses-1', 1)).toBe(mailFileKey(CASE, 'ses-1', 1));
    const keys = new Set([
      mailFileKey(CASE, 'ses-1', 0),
      mailFileKey(CASE, 'ses-1', 1),
      mailFileKey(CASE, 'ses-2', 0),
      mailFileKey('email:ses-9', 'ses-1', 0),
    ]);
    expect(keys.size).toBe(4);
    expect(mailFileKey(CASE, 'ses-1', 49)).toMatch(/\/50$/);
  });
});

describe('mailFilesToCopy: the files the intake accepted, within the webform limits', () => {
  it('a PDF and a PNG both go', () => {
    expect(mailFilesToCopy([PDF, PNG], 'PASS', LIMITS)).toEqual([0, 1]);
  });

  it.each<[string, AttachmentMeta]>([
    ['an image of the body (inline)', { ...PNG, inline: true }],
    ['a part with no MIME part id', { ...PDF, partId: undefined }],
    ['bytes of no accepted kind (REFUSED)', { ...PDF, kind: undefined, scan: 'REFUSED' }],
    ['a file left unchecked (past the parser budget)', { ...PDF, kind: undefined }],
    ['a 0-byte file', { ...PDF, size: 0 }],
    ['a file over maxFileBytes', { ...PDF, size: LIMITS.maxFileBytes + 1 }],
    ['a file keyed already (a webform upload)', { ...PDF, key: 'uploads/x/01' }],
  ])('not %s', (_what, file) => {
    expect(mailFilesToCopy([file], 'PASS', LIMITS)).toEqual([]);
  });

  it('a kind the office does not accept (configuration) stays in the raw mail', () => {
    expect(mailFilesToCopy([PDF, PNG], 'PASS', { ...LIMITS, allowedTypes: ['pdf'] })).toEqual([0]);
  });

  it('none of a mail SES flagged as a virus', () => {
    expect(mailFilesToCopy([PDF, PNG], 'FAIL', LIMITS)).toEqual([]);
  });

  it('a mail of 200 tiny files: at most maxFiles', () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ ...PNG, size: 10, partId: String(i + 2) }));
    expect(mailFilesToCopy(many, 'PASS', LIMITS)).toEqual([0, 1, 2, 3, 4].slice(0, LIMITS.maxFiles));
  });

  it('the total bytes: a file that would pass maxTotalBytes is skipped, a smaller one after it still goes', () => {
    const limits = { ...LIMITS, maxFileBytes: 1_000, maxTotalBytes: 1_500 };
    const a = { ...PDF, size: 1_000 };
    const b = { ...PNG, size: 900 };
    const c = { ...PNG, size: 400, partId: '4' };
    expect(mailFilesToCopy([a, b, c], 'PASS', limits)).toEqual([0, 2]);
  });
});

describe('withMailFileKeys / mailFilesPending', () => {
  it('keys the accepted files PENDING, leaves the others as they were; no part of a key comes from a name', () => {
    const hostile = { ...PDF, filename: '../../x' };
    const refused = { ...PNG, kind: undefined, scan: 'REFUSED' as const };
    const keyed = withMailFileKeys([hostile, refused], { caseId: CASE, sourceId: 'ses-1' }, LIMITS);
    expect(keyed[0]).toEqual({ ...hostile, key: mailFileKey(CASE, 'ses-1', 0), scan: 'PENDING' });
    expect(keyed[0]?.key).not.toContain('..');
    expect(keyed[1]).toBe(refused);
    expect(mailFilesPending(keyed, { caseId: CASE, sourceId: 'ses-1' }).map((a) => a.key)).toEqual([
      mailFileKey(CASE, 'ses-1', 0),
    ]);
  });

  it('a message with nothing to copy is returned as it is', () => {
    const files = [{ ...PDF, inline: true }];
    expect(withMailFileKeys(files, { caseId: CASE, sourceId: 'ses-1' }, LIMITS)).toBe(files);
  });

  it('pending: not a file moved to claimed/ by its scan result, nor a key this case and message did not derive', () => {
    const key = mailFileKey(CASE, 'ses-1', 0);
    const owner = { caseId: CASE, sourceId: 'ses-1' };
    expect(mailFilesPending([{ ...PDF, key: claimedKey(key), scan: 'NO_THREATS_FOUND' }], owner)).toEqual([]);
    expect(mailFilesPending([{ ...PDF, key: mailFileKey('email:other', 'ses-1', 0) }], owner)).toEqual([]);
    expect(mailFilesPending([{ ...PDF, key: `uploads/${'a'.repeat(32)}/01`, partId: undefined }], owner)).toEqual([]);
  });
});
