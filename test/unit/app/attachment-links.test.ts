import { describe, expect, it } from 'vitest';
import { signedDownload } from '../../../shared/app/attachment-links';
import type { LinkableAttachment } from '../../../shared/domain/uploads/download';

const file = (key: string, filename: string, contentType: string): LinkableAttachment => ({
  key,
  filename,
  contentType,
  size: 1,
  inline: false,
  scan: 'NO_THREATS_FOUND',
});

describe('signedDownload', () => {
  it.each([
    // [file, what is signed (key, name, type) or null when signing fails]
    [file('uploads/x/01', 'a.html', 'text/html'), ['uploads/x/01', 'a.html', 'application/octet-stream']],
    [file('uploads/x/02', 'fatura.pdf', 'application/pdf'), ['uploads/x/02', 'fatura.pdf', 'application/pdf']],
    [file('uploads/x/03', 'b.pdf', 'application/pdf'), null],
  ] as const)('%j → %j', async (f, expected) => {
    const calls: string[][] = [];
    const link = await signedDownload(f, {
      async linkFor(key: string, filename: string, contentType: string) {
        calls.push([key, filename, contentType]);
        if (key.endsWith('03')) throw new Error('no credentials');
        return `https://x/${key}`;
      },
    });
    expect(calls[0]).toEqual(expected ?? ['uploads/x/03', 'b.pdf', 'application/pdf']);
    expect(link).toBe(expected ? `https://x/${f.key}` : null);
  });
});
