import { describe, expect, it } from 'vitest';
import { signedDownload } from '../../../shared/app/attachment-links';
import type { LinkableAttachment } from '../../../shared/domain/uploads/download';

const CASE = 'webform:form-3f1c';
const CLAIMED = {
  'ouvidoria-upload': 'attached',
  'ouvidoria-case': CASE,
  GuardDutyMalwareScanStatus: 'NO_THREATS_FOUND',
};

const file = (key: string, filename: string, contentType: string): LinkableAttachment => ({
  key,
  filename,
  contentType,
  size: 1,
  inline: false,
  scan: 'NO_THREATS_FOUND',
});

const links = (calls: string[][]) => ({
  async linkFor(key: string, filename: string, contentType: string) {
    calls.push([key, filename, contentType]);
    if (key.endsWith('03')) throw new Error('no credentials');
    return `https://x/${key}`;
  },
});

describe('signedDownload', () => {
  it.each([
    // [file, what is signed (key, name, type) or null when signing fails]
    [file('uploads/x/01', 'a.html', 'text/html'), ['uploads/x/01', 'a.html', 'application/octet-stream']],
    [file('uploads/x/02', 'fatura.pdf', 'application/pdf'), ['uploads/x/02', 'fatura.pdf', 'application/pdf']],
    [file('uploads/x/03', 'b.pdf', 'application/pdf'), null],
  ] as const)('%j → %j', async (f, expected) => {
    const calls: string[][] = [];
    const link = await signedDownload(f, CASE, links(calls), { tags: async () => CLAIMED });
    expect(calls[0]).toEqual(expected ?? ['uploads/x/03', 'b.pdf', 'application/pdf']);
    expect(link).toBe(expected ? `https://x/${f.key}` : null);
  });

  // The presigned POST re-sent after the submission, within its policy time: the object is new bytes,
  // tagged as a new upload (pending, no case) — scanned clean or not yet, it is not the case's file.
  it.each([
    ['re-posted, scanned clean', { 'ouvidoria-upload': 'pending', GuardDutyMalwareScanStatus: 'NO_THREATS_FOUND' }],
    ['re-posted, not yet scanned', { 'ouvidoria-upload': 'pending' }],
    ['claimed by another case', { ...CLAIMED, 'ouvidoria-case': 'webform:form-9a9a' }],
    ['quarantined since', { ...CLAIMED, 'ouvidoria-upload': 'quarantined' }],
    ['gone (no tags)', {}],
  ])('%s: no link is signed', async (_label, tags) => {
    const calls: string[][] = [];
    const link = await signedDownload(file('uploads/x/02', 'fatura.pdf', 'application/pdf'), CASE, links(calls), {
      tags: async () => tags,
    });
    expect(link).toBe('replaced');
    expect(calls).toEqual([]);
  });

  it('tags that cannot be read: no link (null, the console says try again)', async () => {
    const calls: string[][] = [];
    const link = await signedDownload(file('uploads/x/02', 'fatura.pdf', 'application/pdf'), CASE, links(calls), {
      tags: async () => {
        throw new Error('AccessDenied');
      },
    });
    expect(link).toBeNull();
    expect(calls).toEqual([]);
  });
});
