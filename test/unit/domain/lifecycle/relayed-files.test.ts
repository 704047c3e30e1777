import { describe, expect, it } from 'vitest';
import {
  fileWhereabouts,
  MAIL_COPY_PT,
  filesScanned,
  leftOutFiles,
  relayableAttachments,
} from '../../../../shared/domain/lifecycle/relayed-files';
import type { AttachmentMeta, Verdict } from '../../../../shared/domain/submission';

const LIMIT = 10 * 1024 * 1024;

const FATURA: AttachmentMeta = {
  filename: 'fatura-outubro.pdf',
  contentType: 'application/pdf',
  size: 210_000,
  inline: false,
  partId: '2',
  kind: 'pdf',
};
const PRINT: AttachmentMeta = {
  filename: 'print-painel.png',
  contentType: 'image/png',
  size: 95_000,
  inline: false,
  partId: '3',
  kind: 'png',
};
const LOGO: AttachmentMeta = {
  filename: 'logo.png',
  contentType: 'image/png',
  size: 4_000,
  inline: true,
  partId: '4',
  kind: 'png',
};

describe('a mail’s files travel only under SES’s anti-virus PASS', () => {
  it.each<[string, Verdict | undefined, boolean]>([
    ['scanned, nothing found', 'PASS', true],
    ['SES could not scan it', 'PROCESSING_FAILED', false],
    ['SES was unsure', 'GRAY', false],
    ['the scan was off', 'DISABLED', false],
    ['malware', 'FAIL', false],
    ['no verdict kept (stored before)', undefined, false],
  ])('%s (%s): relayed %s', (_what, virus, travels) => {
    const mail = { attachments: [FATURA, PRINT, LOGO], virus };
    expect(filesScanned(virus)).toBe(travels);
    const relayed = relayableAttachments(mail, LIMIT);
    expect(relayed).toEqual(travels ? [FATURA, PRINT] : []);
    expect(leftOutFiles(mail, relayed)).toEqual(
      travels
        ? []
        : [
            { filename: 'fatura-outubro.pdf', why: 'unscanned' },
            { filename: 'print-painel.png', why: 'unscanned' },
          ],
    );
    const attached = new Set(relayed);
    expect(fileWhereabouts(FATURA, attached, mail)).toBe(
      travels
        ? 'anexado a este e-mail'
        : 'não anexado (não verificado pelo antivírus: o arquivo fica só na mensagem original)',
    );
    expect(fileWhereabouts(LOGO, attached, mail)).toBe('imagem no corpo da mensagem');
  });

  it('a webform file is downloaded from the console, whatever a mail verdict says', () => {
    const upload: AttachmentMeta = {
      ...FATURA,
      partId: undefined,
      key: 'uploads/abc/fatura.pdf',
      scan: 'NO_THREATS_FOUND',
    };
    expect(fileWhereabouts(upload, new Set(), { virus: undefined })).toBe('arquivo do formulário: baixe pelo console');
  });

  it("a mail's file copied for the console (a key and a MIME part): downloaded from the console once scanned", () => {
    const copy: AttachmentMeta = { ...FATURA, key: `uploads/${'d'.repeat(32)}/01`, scan: 'PENDING' };
    expect(fileWhereabouts(copy, new Set(), { virus: 'GRAY' })).toBe(MAIL_COPY_PT);
    expect(fileWhereabouts(copy, new Set([copy]), { virus: 'PASS' })).toBe('anexado a este e-mail');
  });

  it('under PASS, files past the limit are left out for their size, files of no accepted kind for their format', () => {
    const big = { ...PRINT, size: LIMIT };
    const zip: AttachmentMeta = { ...PRINT, filename: 'prints.zip', contentType: 'application/zip', kind: undefined };
    const mail = { attachments: [FATURA, big, zip], virus: 'PASS' as const };
    const relayed = relayableAttachments(mail, LIMIT);
    expect(relayed).toEqual([FATURA]);
    expect(leftOutFiles(mail, relayed).map((f) => f.why)).toEqual(['size', 'format']);
  });
});
