import { describe, expect, it } from 'vitest';
import { encryptedMail, encryptedStaffPt } from '../../../shared/domain/encrypted-mail';

const file = (filename: string | undefined, contentType: string) => ({
  ...(filename ? { filename } : {}),
  contentType,
});

// Journey 45 (local stack): an S/MIME-encrypted mail opened a case that read "(mensagem sem texto)",
// its smime.p7m "recusado", and nobody — analyst or merchant — was told why.
describe('encryptedMail', () => {
  it.each([
    ['S/MIME, its envelope part', '', [file('smime.p7m', 'application/pkcs7-mime')], 'S/MIME'],
    ['S/MIME, the older type', '  \n', [file('smime.p7m', 'application/x-pkcs7-mime')], 'S/MIME'],
    ['S/MIME, nameless', '', [file(undefined, 'application/pkcs7-mime')], 'S/MIME'],
    [
      'PGP/MIME',
      '',
      [file(undefined, 'application/pgp-encrypted'), file('encrypted.asc', 'application/octet-stream')],
      'PGP',
    ],
  ] as const)('%s → %s', (_what, text, attachments, kind) => {
    expect(encryptedMail({ text, attachments })).toBe(kind);
  });

  it.each([
    ['her words beside an encrypted part', 'Segue o contrato.', [file('smime.p7m', 'application/pkcs7-mime')]],
    ['a signed document she attached (ICP-Brasil)', '', [file('contrato.pdf.p7m', 'application/pkcs7-mime')]],
    ['a PDF and no text', '', [file('fatura.pdf', 'application/pdf')]],
    ['nothing at all', '', []],
  ] as const)('%s: not an encrypted mail', (_what, text, attachments) => {
    expect(encryptedMail({ text, attachments })).toBeUndefined();
  });

  it('the staff are told why the text is unreadable and what to ask', () => {
    expect(encryptedStaffPt('S/MIME')).toContain('criptografada com S/MIME');
    expect(encryptedStaffPt('S/MIME')).toContain('reenvie sem criptografia');
  });
});
