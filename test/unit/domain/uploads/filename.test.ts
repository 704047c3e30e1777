import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FILE_KINDS, KIND_EXTENSIONS } from '../../../../shared/domain/uploads/file-type';
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
  ])('%j as %s → %j', (name, kind, expected) => {
    expect(sanitizeFilename(name, kind as (typeof FILE_KINDS)[number])).toBe(expected);
  });

  it('any name: one component, no controls, short, exactly one extension of the proved kind', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400, unit: 'binary' }), fc.constantFrom(...FILE_KINDS), (name, kind) => {
        const clean = sanitizeFilename(name, kind);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
        expect(clean).not.toMatch(/[/\\\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/);
        expect([...clean].length).toBeLessThanOrEqual(106);
        const parts = clean.split('.');
        expect(parts).toHaveLength(2);
        expect(KIND_EXTENSIONS[kind]).toContain(parts[1]);
      }),
    );
  });
});
