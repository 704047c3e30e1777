import { describe, expect, it } from 'vitest';
import { attachmentLinkMap } from '../../../shared/app/attachment-links';

describe('attachmentLinkMap', () => {
  it('signs each clean file with a safe type, and lists a file whose signing fails without a link', async () => {
    const calls: string[][] = [];
    const map = await attachmentLinkMap(
      [
        {
          key: 'uploads/x/01',
          filename: 'a.html',
          contentType: 'text/html',
          size: 1,
          inline: false,
          scan: 'NO_THREATS_FOUND',
        },
        {
          key: 'uploads/x/02',
          filename: 'b.pdf',
          contentType: 'application/pdf',
          size: 1,
          inline: false,
          scan: 'NO_THREATS_FOUND',
        },
      ],
      {
        async linkFor(key, filename, contentType) {
          calls.push([key, filename, contentType]);
          if (key.endsWith('02')) throw new Error('no credentials');
          return `https://x/${key}`;
        },
      },
    );
    expect(calls[0]).toEqual(['uploads/x/01', 'a.html', 'application/octet-stream']);
    expect(map).toEqual({ 'uploads/x/01': 'https://x/uploads/x/01' });
  });
});
