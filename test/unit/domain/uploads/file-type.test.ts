import { describe, expect, it } from 'vitest';
import { detectFileKind, kindFromDeclared } from '../../../../shared/domain/uploads/file-type';
import { docx, EICAR, exe, jpeg, pdf, png, webp, xlsm, xlsx, zip } from '../../../support/files';

describe('detectFileKind: the type comes from the bytes', () => {
  it.each([
    ['pdf', pdf(), 'fatura.pdf'],
    ['png', png(), 'print.png'],
    ['jpeg', jpeg(), 'foto.jpg'],
    ['webp', webp(), 'tela.webp'],
    ['xlsx', xlsx(), 'pedidos.xlsx'],
    ['docx', docx(), 'carta.docx'],
    ['csv', Buffer.from('pedido;valor\n1001;R$ 10,00\n'), 'pedidos.csv'],
    ['txt', Buffer.from('Olá, cobrança em dobro no dia 3.\n'), 'nota.txt'],
  ])('recognises %s', (kind, bytes, name) => {
    expect(detectFileKind(bytes, name)).toMatchObject({ ok: true, kind });
  });

  it('ignores the name: PDF bytes called .png are a PDF; PNG bytes called .pdf are a PNG', () => {
    expect(detectFileKind(pdf(), 'foto.png')).toMatchObject({ ok: true, kind: 'pdf', mime: 'application/pdf' });
    expect(detectFileKind(png(), 'fatura.pdf')).toMatchObject({ ok: true, kind: 'png' });
  });

  it.each(['fatura.pdf', 'print.png', 'pedidos.xlsx', 'nota.txt', 'x.csv'])(
    'refuses a renamed executable (%s)',
    (name) => {
      expect(detectFileKind(exe(), name)).toEqual({ ok: false, reason: 'executable' });
    },
  );

  it('refuses ELF, Mach-O and scripts with an interpreter line', () => {
    expect(detectFileKind(Buffer.from('\x7fELF\x02\x01\x01', 'latin1'), 'a.pdf')).toEqual({
      ok: false,
      reason: 'executable',
    });
    expect(detectFileKind(Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]), 'a.png')).toEqual({
      ok: false,
      reason: 'executable',
    });
    expect(detectFileKind(Buffer.from('#!/bin/sh\nrm -rf /\n'), 'a.txt')).toEqual({ ok: false, reason: 'executable' });
  });

  it('refuses zero-byte files', () => {
    expect(detectFileKind(Buffer.alloc(0), 'vazio.pdf')).toEqual({ ok: false, reason: 'empty' });
  });

  it('refuses polyglots: a ZIP (JAR) appended to an image or a PDF, HTML inside an image, HTML as text', () => {
    const jar = zip({ 'META-INF/MANIFEST.MF': 'Main-Class: Evil\n' });
    expect(detectFileKind(Buffer.concat([png(), jar]), 'print.png')).toEqual({ ok: false, reason: 'polyglot' });
    expect(detectFileKind(Buffer.concat([pdf(), jar]), 'fatura.pdf')).toEqual({ ok: false, reason: 'polyglot' });
    const gifHtml = Buffer.concat([jpeg(), Buffer.from('<script>alert(1)</script>')]);
    expect(detectFileKind(gifHtml, 'foto.jpg')).toEqual({ ok: false, reason: 'polyglot' });
    expect(detectFileKind(Buffer.from('<!DOCTYPE html><script>alert(1)</script>'), 'nota.txt')).toEqual({
      ok: false,
      reason: 'polyglot',
    });
    expect(detectFileKind(Buffer.from('<svg onload=alert(1)>'), 'dados.csv')).toEqual({
      ok: false,
      reason: 'polyglot',
    });
  });

  it.each([
    '/OpenAction << /S /JavaScript /JS (app.alert(1)) >>',
    // A name may spell any letter as #xx (ISO 32000-1, 7.3.5): the reader reads /JavaScript.
    '/OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >>',
    '/OpenAction << /S /#4C#61unch /F (cmd.exe) >>',
  ])('refuses PDFs with active content: %s', (body) => {
    expect(detectFileKind(pdf(`x\n1 0 obj ${body} endobj`), 'a.pdf')).toEqual({
      ok: false,
      reason: 'active_content',
    });
  });

  it('refuses macro-enabled Office files and ZIPs that are not XLSX or DOCX', () => {
    expect(detectFileKind(xlsm(), 'pedidos.xlsx')).toEqual({ ok: false, reason: 'macro' });
    expect(detectFileKind(zip({ 'a.txt': 'oi' }), 'pedidos.xlsx')).toEqual({ ok: false, reason: 'unknown' });
  });

  it('refuses binary data and text that is not UTF-8 or carries NUL', () => {
    expect(detectFileKind(Buffer.from([0xde, 0xad, 0xbe, 0xef, 0, 1, 2]), 'x.txt')).toEqual({
      ok: false,
      reason: 'unknown',
    });
    expect(detectFileKind(Buffer.from('abc\0def'), 'x.txt')).toEqual({ ok: false, reason: 'unknown' });
    expect(detectFileKind(Buffer.from([0x63, 0x61, 0x66, 0xe9]), 'latin1.txt')).toEqual({
      ok: false,
      reason: 'unknown',
    });
  });

  it('accepts the EICAR string as text (the scanner, not the type check, catches it)', () => {
    expect(detectFileKind(Buffer.from(EICAR), 'eicar.txt')).toMatchObject({ ok: true, kind: 'txt' });
  });

  it('a kind outside the configured list is not allowed', () => {
    expect(detectFileKind(png(), 'a.png', ['pdf'])).toEqual({ ok: false, reason: 'not_allowed' });
  });
});

describe('kindFromDeclared', () => {
  it('reads the extension first, then the declared type', () => {
    expect(kindFromDeclared('A.JPEG', '')).toBe('jpeg');
    expect(kindFromDeclared('semextensao', 'application/pdf')).toBe('pdf');
    expect(kindFromDeclared('virus.exe', 'application/x-msdownload')).toBeUndefined();
  });
});
