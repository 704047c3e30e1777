import { describe, expect, it } from 'vitest';
import {
  attachmentDisposition,
  isLinkable,
  linkableAttachments,
  safeContentType,
} from '../../../../shared/domain/uploads/download';
import type { CaseMessage } from '../../../../shared/domain/case';

describe('safeContentType', () => {
  it.each([
    ['application/pdf', 'application/pdf'],
    ['IMAGE/PNG', 'image/png'],
    ['text/plain', 'text/plain; charset=utf-8'],
    ['text/csv; charset=latin1', 'text/csv; charset=utf-8'],
    ['text/html', 'application/octet-stream'],
    ['image/svg+xml', 'application/octet-stream'],
    ['application/javascript', 'application/octet-stream'],
    ['', 'application/octet-stream'],
  ])('%s → %s', (given, safe) => expect(safeContentType(given)).toBe(safe));
});

describe('attachmentDisposition', () => {
  it('is always an attachment, with an ASCII fallback and the UTF-8 name', () => {
    expect(attachmentDisposition('fatura março.pdf')).toBe(
      `attachment; filename="fatura marco.pdf"; filename*=UTF-8''fatura%20mar%C3%A7o.pdf`,
    );
  });
  it('cannot be broken out of by quotes, semicolons or line breaks', () => {
    const d = attachmentDisposition('a";\r\ninline; x=".pdf');
    expect(d.startsWith('attachment; filename="')).toBe(true);
    expect(d).not.toMatch(/[\r\n]/);
    expect(d.split('"').length).toBe(3);
  });
  it('names an unnamed file', () => expect(attachmentDisposition('  ')).toContain('filename="anexo"'));
});

describe('linkableAttachments', () => {
  const m = (attachments: CaseMessage['attachments']): CaseMessage =>
    ({
      sourceId: 's',
      channel: 'webform',
      receivedAt: '2026-01-01T00:00:00Z',
      subject: '',
      attachments,
    }) as CaseMessage;
  it('keeps clean webform files only, once each', () => {
    const clean = {
      contentType: 'application/pdf',
      size: 1,
      inline: false,
      key: 'uploads/x/01',
      scan: 'NO_THREATS_FOUND' as const,
    };
    const list = linkableAttachments([
      m([
        clean,
        { ...clean, key: 'uploads/x/02', scan: 'THREATS_FOUND' },
        { ...clean, key: 'uploads/x/03', scan: 'PENDING' },
      ]),
      m([clean, { contentType: 'image/png', size: 1, inline: false, partId: '2' }]),
    ]);
    expect(list.map((a) => a.key)).toEqual(['uploads/x/01']);
    expect(isLinkable({ ...clean, key: '' })).toBe(false);
  });
});
