import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FILE_KINDS, KIND_EXTENSIONS } from '../../../../shared/domain/uploads/file-type';
import { attachmentDisposition } from '../../../../shared/domain/uploads/download';
import { sanitizeFilename } from '../../../../shared/domain/uploads/filename';

describe('sanitizeFilename', () => {
  it.each([
    ['fatura março.pdf', 'pdf', 'fatura março.pdf'],
    ['C:\\Users\\ana\\Desktop\\print.PNG', 'png', 'print.png'],
    ['../../etc/passwd', 'txt', 'passwd.txt'],
    ['fatura.pdf.exe', 'pdf', 'fatura_pdf_exe.pdf'],
    ['foto.jpeg', 'jpeg', 'foto.jpeg'],
    ['foto', 'jpeg', 'foto.jpg'],
    ['fatura\u202Efdp.exe', 'pdf', 'faturafdp_exe.pdf'],
    ['<script>alert(1)</script>.txt', 'txt', 'script.txt'],
    ['CON.txt', 'txt', '_CON.txt'],
    ['   .pdf', 'pdf', 'pdf.pdf'],
    ['...', 'pdf', 'anexo.pdf'],
    ['a\r\nBcc: x@y.z.csv', 'csv', 'aBcc_ x@y_z.csv'],
    // Characters a reader cannot see, as in names and subjects (text.ts): fillers and the braille blank.
    ['nota\u3164fiscal.pdf', 'pdf', 'notafiscal.pdf'],
    ['\u2800\u2800.pdf', 'pdf', 'pdf.pdf'],
    ['fatura\uFFA0\u115F.pdf', 'pdf', 'fatura.pdf'],
    ['boleto\u2060\u180E.pdf', 'pdf', 'boleto.pdf'],
    // Compatibility forms are what they stand for (NFKC): the download's ASCII name made "／" a
    // path separator and "COM¹" the device COM1; a fullwidth dot is an extension's dot.
    ['pasta\uFF0Ffatura.pdf', 'pdf', 'fatura.pdf'],
    ['pasta\uFE68fatura.pdf', 'pdf', 'fatura.pdf'],
    ['COM\u00B9.pdf', 'pdf', '_COM1.pdf'],
    ['\uFF43\uFF4F\uFF4E.txt', 'txt', '_con.txt'],
    ['fatura\uFF0Epdf\uFF0Eexe', 'pdf', 'fatura_pdf_exe.pdf'],
    ['\uFB01scal.pdf', 'pdf', 'fiscal.pdf'],
    ['nota fiscal mar\u0063\u0327o.pdf', 'pdf', 'nota fiscal março.pdf'],
    // Half a surrogate pair is no character: gone (encodeURIComponent threw on the download's name).
    ['\ud800fatura.pdf', 'pdf', 'fatura.pdf'],
    ['print \udc00\ud83d\ude4f.png', 'png', 'print 🙏.png'],
    // Marks piled on one letter (Zalgo) draw over the page's lines around the name: two kept (rt59).
    [`a${'\u0300'.repeat(60)}viso.pdf`, 'pdf', '\u00E0\u0300\u0300viso.pdf'],
    [`ok${'\u0336\u0337\u0338'.repeat(30)}.pdf`, 'pdf', 'ok\u0336\u0337.pdf'],
    ['Nguy\u1EC5n.pdf', 'pdf', 'Nguyễn.pdf'],
    ['Nguye\u0302\u0303n.pdf', 'pdf', 'Nguyễn.pdf'],
  ])('%j as %s → %j', (name, kind, expected) => {
    expect(sanitizeFilename(name, kind as (typeof FILE_KINDS)[number])).toBe(expected);
  });

  it('any name: one component, no controls, short, exactly one extension of the proved kind', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 400, unit: 'binary' }),
          fc.string({
            maxLength: 400,
            unit: fc.oneof(
              fc.constantFrom('\uFF0F', '\uFE68', '\uFF3C', '\ud800', '\udc00', '\u00B9', '.'),
              fc.string({ minLength: 1, maxLength: 1 }),
            ),
          }),
        ),
        fc.constantFrom(...FILE_KINDS),
        (name, kind) => {
          const clean = sanitizeFilename(name, kind);
          // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
          expect(clean).not.toMatch(/[/\\\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/);
          expect([...clean].length).toBeLessThanOrEqual(106);
          expect(clean).not.toMatch(/\p{M}{3}/u);
          const parts = clean.split('.');
          expect(parts).toHaveLength(2);
          expect(KIND_EXTENSIONS[kind]).toContain(parts[1]);
          // Served as a download: the header encodes it, and its ASCII name is one component too.
          expect(attachmentDisposition(clean)).not.toMatch(/filename="[^"]*[/\\]/);
        },
      ),
    );
  });
});

// A run of "_", "-" or spaces tried again at each of its characters by /[\s_-]+$/ was quadratic:
// an 80,000-character name took 8 s.
describe('sanitizeFilename: a long run of fillers in one pass', () => {
  it.each([
    ['underscores', `fatura${'_'.repeat(80_000)}x.pdf`],
    ['dots, read as underscores', `fatura${'.'.repeat(80_000)}x.pdf`],
    ['dashes', `fatura${'-'.repeat(80_000)}x.pdf`],
  ])('%s', (_name, name) => {
    const started = performance.now();
    expect(sanitizeFilename(name, 'pdf')).toMatch(/^fatura[_-]+\.pdf$/);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it.each([
    ['__fatura novembro__.pdf', 'fatura novembro.pdf'],
    ['- nota fiscal -.pdf', 'nota fiscal.pdf'],
    ['nota_fiscal.pdf', 'nota_fiscal.pdf'],
  ])('%s → %s', (name, expected) => {
    expect(sanitizeFilename(name, 'pdf')).toBe(expected);
  });
});
