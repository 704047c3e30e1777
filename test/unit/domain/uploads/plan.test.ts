import { describe, expect, it } from 'vitest';
import { localConfig, parseConfig, localConfigInput } from '../../../../shared/domain/config';
import {
  CASE_TAG,
  checkDeclared,
  contentTypeLabel,
  claimableBy,
  isPendingId,
  NAME_TAG,
  nameTagValue,
  putTags,
  STATE_TAG,
  stillClaimedBy,
  uploadKey,
  uploadPrefix,
} from '../../../../shared/domain/uploads/plan';

const cfg = localConfig.attachments;
const MB = 1024 * 1024;

describe('attachments config', () => {
  it('defaults to 5 files, 10 MB each, 25 MB in all, the eight kinds of the issue and fiscal XML', () => {
    expect(cfg).toMatchObject({ maxFiles: 5, maxFileBytes: 10 * MB, maxTotalBytes: 25 * MB, uploadPolicySeconds: 300 });
    expect(cfg.allowedTypes).toEqual(['pdf', 'png', 'jpeg', 'webp', 'xlsx', 'docx', 'csv', 'txt', 'xml']);
  });

  it('is configurable', () => {
    const c = parseConfig({ ...localConfigInput, attachments: { maxFiles: 2, allowedTypes: ['pdf'] } });
    expect(c.attachments.maxFiles).toBe(2);
    expect(checkDeclared([{ name: 'a.png', size: 10, type: 'image/png' }], c.attachments)).toMatchObject({ ok: false });
  });
});

describe('checkDeclared', () => {
  const file = (name: string, size: number, type = '') => ({ name, size, type });
  it('accepts up to the limits', () => {
    const r = checkDeclared([file('a.pdf', 10 * MB), file('b.png', 10 * MB), file('c.csv', 5 * MB)], cfg);
    expect(r).toMatchObject({ ok: true });
  });
  it.each([
    [[1, 2, 3, 4, 5, 6].map((n) => file(`${n}.pdf`, 1)), 'no máximo 5 arquivos'],
    [[file('a.pdf', 10 * MB + 1)], 'até 10 MB'],
    [[file('a.pdf', 10 * MB), file('b.pdf', 10 * MB), file('c.pdf', 5 * MB + 1)], 'juntos podem ter até 25 MB'],
    [[file('setup.exe', 10)], 'Formato não aceito'],
    [[file('a.pdf', 0)], 'vazio'],
  ])('refuses %#', (files, message) => {
    const r = checkDeclared(files, cfg);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });
});

describe('the file limit in the singular and plural', () => {
  it.each([
    { maxFiles: 1, says: 'Envie no máximo 1 arquivo.' },
    { maxFiles: 2, says: 'Envie no máximo 2 arquivos.' },
  ])('refuses with "$says"', ({ maxFiles, says }) => {
    const files = [1, 2, 3].map((n) => ({ name: `${n}.pdf`, size: 1, type: 'application/pdf' }));
    const r = checkDeclared(files, { ...cfg, maxFiles });
    expect(r).toMatchObject({ ok: false, message: says });
  });
});

describe('keys', () => {
  it('live under uploads/<pending id>/ and take nothing from the person', () => {
    const id = 'a'.repeat(32);
    expect(uploadPrefix(id)).toBe(`uploads/${id}/`);
    expect(uploadKey(id, 0)).toBe(`uploads/${id}/01`);
  });
  it('refuse anything that is not a pending id', () => {
    expect(isPendingId('../../inbound')).toBe(false);
    expect(() => uploadPrefix('../x')).toThrow();
  });
});

describe('name tag', () => {
  it('round-trips a name in S3 tag characters, cut at 180 UTF-8 bytes on a character boundary', async () => {
    const { nameFromTag, nameTagValue } = await import('../../../../shared/domain/uploads/plan');
    expect(nameFromTag(nameTagValue('fatura março.pdf'))).toBe('fatura março.pdf');
    expect(nameTagValue('ç'.repeat(200))).toMatch(/^[A-Za-z0-9+/=]+$/);
    expect(nameFromTag(nameTagValue('ç'.repeat(200)))).toBe('ç'.repeat(90));
  });
});

describe('claimableBy', () => {
  it.each([
    ['a pending file no case holds', {}, true],
    ['an empty case tag', { [CASE_TAG]: '' }, true],
    ['this case’s own file (a retry)', { [CASE_TAG]: 'webform:caso-a' }, true],
    ['a file another case holds', { [CASE_TAG]: 'webform:caso-b' }, false],
  ])('%s → %s', (_name, tags, claimable) => {
    expect(claimableBy(tags as Record<string, string>, 'webform:caso-a')).toBe(claimable);
  });
});

describe('stillClaimedBy', () => {
  it.each([
    ['the file this case claimed', { [CASE_TAG]: 'webform:caso-a', [STATE_TAG]: 'attached' }, true],
    ['re-posted with its policy after the submission (a new upload)', { [STATE_TAG]: 'pending' }, false],
    ['another case’s file', { [CASE_TAG]: 'webform:caso-b', [STATE_TAG]: 'attached' }, false],
    ['quarantined since', { [CASE_TAG]: 'webform:caso-a', [STATE_TAG]: 'quarantined' }, false],
    ['no tags (deleted)', {}, false],
  ])('%s → %s', (_name, tags, claimed) => {
    expect(stillClaimedBy(tags as Record<string, string>, 'webform:caso-a')).toBe(claimed);
  });
});

describe('putTags: bytes the office puts itself', () => {
  it('a form file (no owner): pending, like a POST upload', () => {
    expect(putTags('fatura.pdf')).toEqual({ [STATE_TAG]: 'pending', [NAME_TAG]: nameTagValue('fatura.pdf') });
  });

  it('a mailed file: attached to its case in the same write, so nothing else can claim it', () => {
    const tags = putTags('fatura.pdf', { caseId: 'email:s1' });
    expect(tags).toEqual({ [STATE_TAG]: 'attached', [NAME_TAG]: nameTagValue('fatura.pdf'), [CASE_TAG]: 'email:s1' });
    expect(claimableBy(tags, 'webform:other')).toBe(false);
    expect(stillClaimedBy(tags, 'email:s1')).toBe(true);
  });

  it("a mailed file on a closed case: on the closed case's LGPD clock from now", () => {
    expect(putTags('a.png', { caseId: 'email:s1', closedCase: true })['ouvidoria-retention']).toBe('closed-case');
  });
});

// Journey 47: the confirmation page listed "application/pdf" — the merchant knows a file as "PDF".
describe('contentTypeLabel: a stored file type in the merchant’s words', () => {
  it.each([
    ['application/pdf', 'PDF'],
    ['image/jpeg', 'JPEG'],
    ['IMAGE/PNG', 'PNG'],
    ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'XLSX'],
    ['text/csv; charset=utf-8', 'CSV'],
    ['application/octet-stream', undefined],
    ['application/vnd.ms-excel', undefined],
  ])('%s → %s', (type, label) => {
    expect(contentTypeLabel(type)).toBe(label);
  });
});
