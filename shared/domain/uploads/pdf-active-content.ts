/**
 * Does a PDF carry active content (scripts, launched programs, embedded files, rich media, actions
 * that reach outside the document: ACTIVE_NAMES)?
 * Read on the names a PDF reader reads, not on their spelling in the bytes:
 * - a name may spell any character as `#xx` (ISO 32000-1, 7.3.5): `/J#61vaScript` is `/JavaScript`;
 * - since PDF 1.5 dictionaries may sit compressed inside object streams (7.5.7), invisible in the
 *   file's bytes: when the file has that structure, every Flate stream that may hold objects is
 *   inflated (within a budget) and read the same way. A PDF whose compressed objects could be
 *   hidden by means we do not decode (other filters, encryption) or that needs more than the
 *   budget cannot be checked: `unverifiable`.
 * Work is linear in the file: one pass over its names, and reading bounded by two budgets — the
 * inflated bytes (each counts once per reading it is read with: as inflated, and with each
 * predictor) and the compressed bytes zlib consumes (a multiple of the file's size).
 */
import { constants, inflateRawSync, inflateSync } from 'node:zlib';

export type PdfVerdict = 'active_content' | 'unverifiable' | null;

/**
 * Names that make a document act when opened or clicked, or reach outside it: scripts, launched
 * programs, embedded files, rich media; actions that open another file or a remote one (GoToR to a
 * UNC path sends the Windows login hash, GoToE), send or fetch form data (SubmitForm, ImportData),
 * XFA forms (scripts in their XML), media that plays (Rendition, Sound, Movie). None of them is in an
 * invoice, a bank statement or a receipt; an ordinary link (a /Link annotation's /URI) is not here.
 */
const ACTIVE_NAMES: ReadonlySet<string> = new Set([
  'JavaScript',
  'JS',
  'Launch',
  'EmbeddedFile',
  'RichMedia',
  'GoToR',
  'GoToE',
  'SubmitForm',
  'ImportData',
  'XFA',
  'Rendition',
  'Sound',
  'Movie',
]);
/** Names of the compressed structure: objects inside object streams, found through xref streams. */
const COMPRESSED_NAMES: ReadonlySet<string> = new Set(['ObjStm', 'XRef', 'XRefStm']);
/** What could hide compressed objects from a Flate-only reading: other filters, encryption. */
const HIDING_NAMES: ReadonlySet<string> = new Set([
  'ASCIIHexDecode',
  'AHx',
  'ASCII85Decode',
  'A85',
  'LZWDecode',
  'LZW',
  'RunLengthDecode',
  'RL',
  'Crypt',
  'Encrypt',
]);

/**
 * Inflated bytes read per file at most: the object streams, and any stream whose first bytes do
 * not show binary data (an image is not read past its first bytes). A byte read in several readings
 * (as inflated, and with each predictor the file names) counts once per reading: a file naming dozens
 * of predictors gets as much work as one naming none, not dozens of times more.
 */
export const MAX_PDF_INFLATED_BYTES = 32 * 1024 * 1024;
/** Streams looked into per file at most (a long document has a few thousand). */
export const MAX_PDF_STREAMS = 20_000;
/** Compressed bytes read first to see what a stream starts with; doubled until it shows. */
const FIRST_PEEK_BYTES = 64;
/**
 * Compressed bytes zlib may consume per file, in file sizes (plus COMPRESSED_FLOOR_BYTES). A stream's
 * data is read from its start with no end known (its /Length may be indirect), so zlib runs until
 * the deflate data ends: a real file's streams each end within themselves, and its peeks (doubling
 * prefixes) read each compressed byte about twice, its object streams once more. Deflate data that
 * never ends — empty stored blocks running to the end of the file from every "stream" keyword —
 * inflates to nothing, so only this budget bounds it: without it a 9 MB file of 1,500 such streams
 * took 20 s to read, and a mail carrying two timed the intake out.
 */
export const MAX_COMPRESSED_READS_PER_FILE_BYTE = 4;
const COMPRESSED_FLOOR_BYTES = 1024 * 1024;

/** A name: "/" then regular characters (not white space or a delimiter). */
const NAME = /\/([^\0\t\n\f\r ()<>[\]{}/%]*)/g;
const ESCAPE = /#([0-9A-Fa-f]{2})/g;
const STREAM = /stream(?:\r\n|\r|\n)/g;

interface Names {
  active: boolean;
  compressed: boolean;
  hiding: boolean;
  /** A /URI, and an /OpenAction or /AA: only then is what fires on open followed (opensOutside). */
  uri: boolean;
  trigger: boolean;
}

/**
 * The longest a name we look for can be as spelled in the bytes: every character escaped (`#xx`,
 * three bytes). A longer name decodes to more characters than any of them: it is not decoded, so a
 * megabyte-long escaped name costs its scan only (it cost a copy of itself: 0.2 s per MB).
 */
const MAX_SPELLED_NAME_CHARS =
  3 * Math.max(...[...ACTIVE_NAMES, ...COMPRESSED_NAMES, ...HIDING_NAMES, 'OpenAction'].map((name) => name.length));

/** The characters that end a name (NAME's excluded ones), by code: the names are read without a match object each. */
const ENDS_NAME = new Uint8Array(128);
for (const c of '\0\t\n\f\r ()<>[]{}/%') ENDS_NAME[c.charCodeAt(0)] = 1;
/** The shortest name looked for ("JS", "AA", "RL"): a shorter one is not read. */
const MIN_NAME_CHARS = 2;
const SLASH = 0x2f;

/**
 * The names of a text, as NAME finds them, read by hand in one pass over its characters: a match
 * object per name cost ~150 ns, and an object stream inflated to the budget (30 MB of "/a", from a
 * 30 KB file) holds 15 million names — 2.6–3 s a file, 37 s for a 412 KB mail of ten (the intake has
 * 60). Only a name as long as one looked for is taken out of the text.
 */
function readNames(text: string): Names {
  const found: Names = { active: false, compressed: false, hiding: false, uri: false, trigger: false };
  // One pass: `start` is where the name being read begins (past its "/"), -1 outside a name; the
  // text's end closes the last one.
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    if (start < 0) {
      // Outside a name only a "/" matters: jump to it (a PDF is mostly stream bytes, few of them "/").
      i = text.indexOf('/', i);
      if (i === -1) break;
    }
    const code = i < text.length ? text.charCodeAt(i) : SLASH;
    if (code >= 128 || ENDS_NAME[code] !== 1) continue;
    const length = start < 0 ? 0 : i - start;
    if (length >= MIN_NAME_CHARS && length <= MAX_SPELLED_NAME_CHARS) {
      const raw = text.slice(start, i);
      const name = raw.includes('#')
        ? raw.replace(ESCAPE, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
        : raw;
      if (ACTIVE_NAMES.has(name)) return { ...found, active: true };
      if (COMPRESSED_NAMES.has(name)) found.compressed = true;
      if (HIDING_NAMES.has(name)) found.hiding = true;
      if (name === 'URI') found.uri = true;
      if (name === 'OpenAction' || name === 'AA') found.trigger = true;
    }
    start = code === SLASH ? i + 1 : -1;
  }
  return found;
}

/** A zlib header (RFC 1950): deflate method, and the check bits. */
type Inflate = typeof inflateSync;

function looksZlib(bytes: Buffer, at: number): boolean {
  const cmf = bytes[at];
  const flg = bytes[at + 1];
  return cmf !== undefined && flg !== undefined && (cmf & 0x0f) === 8 && (cmf * 256 + flg) % 31 === 0;
}

/** PDF white space, NUL included: a table (the scan over a blank stream is the budget's hot loop). */
const BLANK_BYTES = new Uint8Array(256);
for (const byte of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) BLANK_BYTES[byte] = 1;

/** Where the first token starts past PDF white space (NUL included, as readers lex it) and comments; -1 when none shows. */
function firstTokenAt(bytes: Buffer): number {
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    if (BLANK_BYTES[byte] === 1) continue;
    if (byte !== 0x25) return i;
    // "%": a comment, to the end of its line.
    while (i < bytes.length && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i++;
  }
  return -1;
}

const isDigit = (byte: number | undefined) => byte !== undefined && byte >= 0x30 && byte <= 0x39;

/**
 * Whether the bytes start like an object stream, or undefined while too few show. As inflated, a
 * first token that is a number is enough (image data rarely starts with one). With a predictor
 * undone — every stream is read with every predictor of the file, most of them not its own — a
 * number, white space and a number ("3 0", an object stream's first pair): binary data that was
 * never predicted this way almost never gives that.
 */
function objectsStart(bytes: Buffer, strict: boolean): boolean | undefined {
  const at = firstTokenAt(bytes);
  if (at === -1) return undefined;
  if (!strict || !isDigit(bytes[at])) return isDigit(bytes[at]);
  let i = at;
  while (i < bytes.length && isDigit(bytes[i])) i++;
  const digitsEnd = i;
  while (i < bytes.length && BLANK_BYTES[bytes[i] as number] === 1) i++;
  if (i === bytes.length) return undefined;
  return i > digitsEnd && isDigit(bytes[i]);
}

/** `read`: inflated bytes times the readings they were read in (what counts against the budget). */
type Peek = { kind: 'objects' | 'data' | 'over-budget'; read: number };

/** The compressed bytes zlib may still consume in this file (MAX_COMPRESSED_READS_PER_FILE_BYTE). */
interface CompressedBudget {
  left: number;
}

/**
 * Inflates from `at` at most `size` compressed bytes (to the file's end), charging `compressed` with
 * what zlib consumed: null when the budget cannot cover the bytes it would be given and zlib needs
 * them all (the file asks for more reading than any real one).
 */
function inflateFrom(
  bytes: Buffer,
  at: number,
  size: number,
  compressed: CompressedBudget,
  inflate: Inflate,
  maxOutputLength: number,
): Buffer | null {
  const wanted = Math.min(size, bytes.length - at);
  const given = Math.min(wanted, compressed.left);
  if (given <= 0) return null;
  let result: { buffer: Buffer; engine: { bytesWritten: number } };
  try {
    result = inflate(bytes.subarray(at, at + given), {
      finishFlush: constants.Z_SYNC_FLUSH,
      maxOutputLength,
      info: true,
    }) as unknown as typeof result;
  } catch (error) {
    compressed.left -= given;
    throw error;
  }
  compressed.left -= result.engine.bytesWritten;
  // Every byte given was needed and more were wanted: the budget, not the data, ended the reading.
  if (given < wanted && result.engine.bytesWritten >= given) return null;
  return result.buffer;
}

/** The stream's bytes as each reading gives them: as inflated (null), or with a predictor undone. */
type Reading = Predictor | null;

const read = (bytes: Buffer, reading: Reading) => (reading ? unpredict(bytes, reading) : bytes);

/**
 * Whether a stream may hold objects: its first inflated bytes past white space and comments are
 * text (an object stream starts with its object numbers), where image data is binary. The stream is
 * inflated from a growing prefix (64 compressed bytes, then twice as many…) until those bytes show:
 * a dark image's leading zeros (white space to a reader) are read only as far as they go, and
 * padding put before an object stream's numbers does not hide them. Every reading is tried (a
 * predictor's rows start with filter bytes, no text): objects when one of them shows a number.
 * What is inflated counts against `budget`.
 */
function peek(
  bytes: Buffer,
  at: number,
  budget: number,
  compressed: CompressedBudget,
  readings: readonly Reading[],
  inflate: Inflate,
): Peek {
  let spent = 0;
  for (let size = FIRST_PEEK_BYTES; ; size *= 2) {
    let head: Buffer | null;
    try {
      const maxOutputLength = Math.max(1, Math.floor((budget - spent) / readings.length));
      head = inflateFrom(bytes, at, size, compressed, inflate, maxOutputLength);
    } catch (error) {
      const over = (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
      return { kind: over ? 'over-budget' : 'data', read: spent };
    }
    if (head === null) return { kind: 'over-budget', read: spent };
    spent += head.length * readings.length;
    const starts = readings.map((r) => objectsStart(read(head, r), r !== null));
    if (starts.includes(true)) return { kind: 'objects', read: spent };
    if (!starts.includes(undefined)) return { kind: 'data', read: spent };
    if (at + size >= bytes.length) return { kind: 'data', read: spent };
  }
}

/**
 * A Flate predictor (ISO 32000-1, 7.4.4.4): the PNG ones (10–15: each row starts with its filter
 * type, its bytes are differences to the left, upper or both neighbours) and TIFF 2 (8 bits). An
 * object stream written with one shows none of its names once inflated: "/JavaScript" becomes row
 * differences.
 */
interface Predictor {
  png: boolean;
  /** Bytes per row (without the PNG filter byte), and per pixel. */
  row: number;
  pixel: number;
}

/** Distinct predictor settings a file may use (its cross-reference streams', one per image width…). */
const MAX_PREDICTORS = 64;
/** How long a `/DecodeParms` value may be (a real one is a few dozen characters). */
const MAX_PARMS_CHARS = 4096;
/**
 * How much `/DecodeParms` text is read in all: values may overlap (`/DP[<</DP[<<…`), so 20,000 of
 * them over 4 KB each made a 120 KB file read 80 MB of dictionaries, seconds of work. A real file's
 * values, a few dozen characters per stream, stay far below it.
 */
export const MAX_PARMS_TOTAL_CHARS = 1024 * 1024;
const DECODE_PARMS = /\/(?:DecodeParms|DP)\b/g;

function unescapeNames(text: string): string {
  if (!text.includes('#')) return text;
  return text.replace(NAME, (_, raw: string) =>
    raw.includes('#')
      ? `/${raw.replace(ESCAPE, (_e, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))}`
      : `/${raw}`,
  );
}

/**
 * Every predictor the file's stream dictionaries name, or 'unknown' when one cannot be read here
 * (kept in another object, too long, another predictor). Which stream a `/DecodeParms` belongs to is
 * not worked out: a dictionary can be padded or carry strings that fool a quick reading, so every
 * stream is read with each of them as well as without (streamReadings).
 */
function predictorsOf(text: string): Predictor[] | 'unknown' {
  const found = new Map<string, Predictor>();
  if (!/DecodeParms|\/DP\b|#/.test(text)) return [];
  const names = unescapeNames(text);
  let read = 0;
  let chars = 0;
  for (const match of names.matchAll(DECODE_PARMS)) {
    // Each is read over up to MAX_PARMS_CHARS: no more of them than streams looked into (a file of
    // nothing but `/DP[` took a second per megabyte).
    if (++read > MAX_PDF_STREAMS) return 'unknown';
    const from = (match.index as number) + match[0].length;
    const value = names.slice(from, from + MAX_PARMS_CHARS);
    if (/^\s*(?:null|<<\s*>>)/.test(value)) continue;
    const open = /^\s*(\[|<<)/.exec(value)?.[1];
    if (!open) return 'unknown';
    const end = value.indexOf(open === '[' ? ']' : '>>');
    if (end === -1) return 'unknown';
    chars += end + 2;
    if (chars > MAX_PARMS_TOTAL_CHARS) return 'unknown';
    for (const dictionary of value
      .slice(0, end + 2)
      .split('<<')
      .slice(1)) {
      // No predictor named: the default, nothing to undo.
      if (!dictionary.includes('Predictor')) continue;
      const parms = predictorIn(dictionary);
      if (parms === 'unknown') return 'unknown';
      if (parms) found.set(`${parms.png}/${parms.row}/${parms.pixel}`, parms);
    }
    // An array's parameters kept in other objects (`[5 0 R]`): not read here.
    if (open === '[' && REFERENCE.test(withoutDictionaries(value.slice(0, end)))) return 'unknown';
    if (found.size > MAX_PREDICTORS) return 'unknown';
  }
  return [...found.values()];
}

/**
 * An indirect reference, `5 0 R`. Linear: it starts at the last digit of a number, so no digit run
 * is walked again from each of its digits (`\d+\s+\d+\s+R` took seconds on a 4 KB run of digits,
 * and a file may hold thousands of `/DP[`).
 */
const REFERENCE = /\d\s+\d+\s+R/;

/**
 * The text without its `<<…>>` dictionaries (what `/<<[^>]*>>/g` removes), in one pass: that
 * expression walked from every `<<` of a run of them to its first `>`, quadratic in the run.
 */
function withoutDictionaries(text: string): string {
  let out = '';
  let from = 0;
  for (let open = text.indexOf('<<'); open !== -1; open = text.indexOf('<<', from)) {
    const close = text.indexOf('>', open + 2);
    if (close === -1) break;
    // The first `>` after a `<<` ends it only as `>>`; otherwise no `<<` before that `>` ends at all.
    const ends = text[close + 1] === '>';
    out += text.slice(from, ends ? open : close + 1);
    from = ends ? close + 2 : close + 1;
  }
  return out + text.slice(from);
}

/** The numbers a predictor's dictionary gives, compiled once (a file may hold millions of dictionaries). */
const PARM_NUMBER = Object.fromEntries(
  ['Predictor', 'Colors', 'BitsPerComponent', 'Columns'].map((name) => [name, new RegExp(`/${name}\\s+(\\d{1,9})\\b`)]),
) as Record<'Predictor' | 'Colors' | 'BitsPerComponent' | 'Columns', RegExp>;

function predictorIn(dictionary: string): Predictor | 'unknown' | null {
  const number = (name: keyof typeof PARM_NUMBER, fallback: number) => {
    const m = PARM_NUMBER[name].exec(dictionary);
    return m ? Number(m[1]) : fallback;
  };
  const predictor = number('Predictor', 1);
  if (predictor <= 1) return null;
  const colors = number('Colors', 1);
  const bits = number('BitsPerComponent', 8);
  const columns = number('Columns', 1);
  if (colors < 1 || ![1, 2, 4, 8, 16].includes(bits) || columns < 1) return 'unknown';
  const pixel = Math.max(1, Math.ceil((colors * bits) / 8));
  const row = Math.ceil((columns * colors * bits) / 8);
  if (predictor >= 10 && predictor <= 15) return { png: true, row, pixel };
  if (predictor === 2 && bits === 8) return { png: false, row, pixel };
  return 'unknown';
}

/** The bytes with the predictor undone, whole rows only (a cut prefix reads as far as it goes). */
function unpredict(data: Buffer, p: Predictor): Buffer {
  const stride = p.row + (p.png ? 1 : 0);
  const rows = Math.floor(data.length / stride);
  const out = Buffer.alloc(rows * p.row);
  for (let r = 0; r < rows; r++) {
    const type = p.png ? (data[r * stride] as number) : 1;
    const src = r * stride + (p.png ? 1 : 0);
    const at = r * p.row;
    for (let i = 0; i < p.row; i++) {
      const raw = data[src + i] as number;
      const left = i >= p.pixel ? (out[at + i - p.pixel] as number) : 0;
      const up = r > 0 ? (out[at - p.row + i] as number) : 0;
      const upLeft = r > 0 && i >= p.pixel ? (out[at - p.row + i - p.pixel] as number) : 0;
      let value = raw;
      if (type === 1) value = raw + left;
      else if (type === 2) value = raw + up;
      else if (type === 3) value = raw + ((left + up) >> 1);
      else if (type === 4) value = raw + paeth(left, up, upLeft);
      out[at + i] = value & 0xff;
    }
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * Actions that fire when the document opens (the catalog's /OpenAction, an /AA of the document, a
 * page or a field) and that leave it: a /URI fired on open tells a tracker the file was read. The
 * other such types are refused wherever they are (ACTIVE_NAMES); an ordinary link's /URI waits for
 * a click and stays accepted.
 */
const OUTSIDE_ACTIONS: ReadonlySet<string> = new Set(['URI', ...ACTIVE_NAMES]);
const TRIGGERS: ReadonlySet<string> = new Set(['OpenAction', 'AA']);
/** Tokens parsed per file at most while following what fires on open (a real file has a few dozen). */
export const MAX_TRIGGER_TOKENS = 1_000_000;
/** Objects followed from a trigger (through references and /Next), per file. */
const MAX_TRIGGER_OBJECTS = 1024;

type PdfValue =
  | { t: 'dict'; entries: Map<string, PdfValue> }
  | { t: 'array'; items: PdfValue[] }
  | { t: 'name'; name: string }
  | { t: 'ref'; num: number }
  | { t: 'other' };

const decodeName = (raw: string) =>
  raw.includes('#') ? raw.replace(ESCAPE, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))) : raw;

/** A bounded reader of one PDF object from a text position (the tokens it reads count against `left`). */
class ObjectReader {
  private at = 0;
  constructor(
    private readonly text: string,
    private readonly budget: { left: number },
  ) {}

  read(at: number): PdfValue | 'unknown' {
    this.at = at;
    return this.value(0);
  }

  private blank(): void {
    const text = this.text;
    while (this.at < text.length) {
      const byte = text.charCodeAt(this.at);
      if (byte < 256 && BLANK_BYTES[byte] === 1) this.at++;
      else if (byte === 0x25) while (this.at < text.length && !/[\r\n]/.test(text[this.at] as string)) this.at++;
      else break;
    }
  }

  private value(depth: number): PdfValue | 'unknown' {
    if (--this.budget.left < 0 || depth > 32) return 'unknown';
    this.blank();
    const text = this.text;
    const c = text[this.at];
    if (c === undefined) return 'unknown';
    if (text.startsWith('<<', this.at)) {
      this.at += 2;
      const entries = new Map<string, PdfValue>();
      for (;;) {
        this.blank();
        if (text.startsWith('>>', this.at)) {
          this.at += 2;
          return { t: 'dict', entries };
        }
        const key = this.value(depth + 1);
        if (key === 'unknown' || key.t !== 'name') return 'unknown';
        const value = this.value(depth + 1);
        if (value === 'unknown') return 'unknown';
        entries.set(key.name, value);
      }
    }
    if (c === '[') {
      this.at++;
      const items: PdfValue[] = [];
      for (;;) {
        this.blank();
        if (text[this.at] === ']') {
          this.at++;
          return { t: 'array', items };
        }
        const item = this.value(depth + 1);
        if (item === 'unknown') return 'unknown';
        items.push(item);
      }
    }
    if (c === '/') {
      NAME_AT.lastIndex = this.at;
      const match = NAME_AT.exec(text);
      if (!match) return 'unknown';
      this.at += match[0].length;
      const raw = match[1] as string;
      return { t: 'name', name: raw.length > MAX_SPELLED_NAME_CHARS ? raw : decodeName(raw) };
    }
    if (c === '(') return this.literal();
    if (c === '<') {
      const end = text.indexOf('>', this.at);
      if (end === -1) return 'unknown';
      this.budget.left -= end - this.at;
      this.at = end + 1;
      return { t: 'other' };
    }
    REFERENCE_AT.lastIndex = this.at;
    const ref = REFERENCE_AT.exec(text);
    if (ref) {
      this.at += ref[0].length;
      return { t: 'ref', num: Number(ref[1]) };
    }
    TOKEN_AT.lastIndex = this.at;
    const token = TOKEN_AT.exec(text);
    if (!token) return 'unknown';
    this.at += token[0].length;
    return { t: 'other' };
  }

  /** A literal string: balanced parentheses, a backslash escapes the next character. */
  private literal(): PdfValue | 'unknown' {
    const text = this.text;
    let depth = 0;
    for (; this.at < text.length; this.at++) {
      if (--this.budget.left < 0) return 'unknown';
      const c = text[this.at];
      if (c === '\\') this.at++;
      else if (c === '(') depth++;
      else if (c === ')' && --depth === 0) {
        this.at++;
        return { t: 'other' };
      }
    }
    return 'unknown';
  }
}

/** `5 0 R` where a value starts (sticky); a number or a keyword otherwise. */
const REFERENCE_AT = /(\d{1,10})\s+\d{1,5}\s+R(?![^\0\t\n\f\r ()<>[\]{}/%])/y;
/** A name where a value starts (sticky: NAME itself is global, and `matchAll` starts where its lastIndex is). */
const NAME_AT = new RegExp(NAME.source, 'y');
const TOKEN_AT = /[^\0\t\n\f\r ()<>[\]{}/%]+/y;
/** An object's start in the file's text (`12 0 obj`), from the start of its number. */
const OBJECT_AT = /(?<!\d)(\d{1,10})\s+\d{1,5}\s+obj\b/g;

/** Where each object starts: in the file's text (`12 0 obj`), or in an object stream's (its header's pairs). */
type Located = { reader: ObjectReader; at: number };

function locateObjects(texts: { text: string; objStm: boolean }[]): {
  objects: Map<number, Located>;
  readers: ObjectReader[];
} {
  const objects = new Map<number, Located>();
  const readers: ObjectReader[] = [];
  const budget = { left: MAX_TRIGGER_TOKENS };
  for (const { text, objStm } of texts) {
    const reader = new ObjectReader(text, budget);
    readers.push(reader);
    if (objStm) {
      // "num offset num offset …", then the objects from /First (taken as where the pairs end).
      const pairs: number[] = [];
      const pair = /\s*(\d{1,10})/y;
      let first = 0;
      for (let m = pair.exec(text); m && pairs.length < 2 * MAX_PDF_STREAMS; m = pair.exec(text)) {
        pairs.push(Number(m[1]));
        first = pair.lastIndex;
      }
      while (first < text.length && /\s/.test(text[first] as string)) first++;
      for (let i = 0; i + 1 < pairs.length; i += 2) {
        const num = pairs[i] as number;
        if (!objects.has(num)) objects.set(num, { reader, at: first + (pairs[i + 1] as number) });
      }
    }
    for (const m of text.matchAll(OBJECT_AT)) {
      objects.set(Number(m[1]), { reader, at: (m.index as number) + m[0].length });
    }
  }
  return { objects, readers };
}

/**
 * Whether an action that fires on open leaves the document: 'unknown' when what it points to cannot
 * be read here (then the file is refused if it holds a /URI at all).
 */
function opensOutside(texts: { text: string; objStm: boolean }[]): boolean | 'unknown' {
  const { objects, readers } = locateObjects(texts);
  const seen = new Set<number>();
  let unknown = false;
  const resolve = (value: PdfValue): PdfValue | 'unknown' => {
    if (value.t !== 'ref') return value;
    if (seen.has(value.num)) return { t: 'other' };
    if (seen.size >= MAX_TRIGGER_OBJECTS) return 'unknown';
    seen.add(value.num);
    const located = objects.get(value.num);
    return located ? located.reader.read(located.at) : 'unknown';
  };
  const actionLeaves = (value: PdfValue, depth: number): boolean => {
    const action = depth > 64 ? 'unknown' : resolve(value);
    if (action === 'unknown') {
      unknown = true;
      return false;
    }
    if (action.t !== 'dict') return false;
    const type = action.entries.get('S');
    if (type?.t === 'name' && OUTSIDE_ACTIONS.has(type.name)) return true;
    const next = action.entries.get('Next');
    if (!next) return false;
    if (next.t === 'array') return next.items.some((item) => actionLeaves(item, depth + 1));
    return actionLeaves(next, depth + 1);
  };
  for (const [i, { text }] of texts.entries()) {
    const reader = readers[i] as ObjectReader;
    for (const match of text.matchAll(NAME)) {
      const raw = match[1] as string;
      if (raw.length > 3 * 'OpenAction'.length || !TRIGGERS.has(decodeName(raw))) continue;
      const name = decodeName(raw);
      const value = reader.read((match.index as number) + match[0].length);
      if (value === 'unknown') {
        unknown = true;
        continue;
      }
      if (name === 'OpenAction') {
        // A destination ([page /Fit]) is not an action; an action, or what a reference points to, is.
        const target = resolve(value);
        if (target === 'unknown') unknown = true;
        else if (target.t !== 'array' && actionLeaves(target, 0)) return true;
      } else {
        const triggers = resolve(value);
        if (triggers === 'unknown') unknown = true;
        else if (triggers.t === 'dict') {
          for (const action of triggers.entries.values()) if (actionLeaves(action, 0)) return true;
        }
      }
    }
  }
  return unknown ? 'unknown' : false;
}

export function pdfActiveContent(bytes: Uint8Array): PdfVerdict {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buf.toString('latin1');
  const names = readNames(text);
  if (names.active) return 'active_content';
  const read: Read = { uri: names.uri, trigger: names.trigger, texts: [{ text, objStm: false }] };
  if (names.compressed) {
    const verdict = compressedVerdict(buf, text, names, read);
    if (verdict) return verdict;
  }
  if (!read.uri || !read.trigger) return null;
  return opensOutside(read.texts) === false ? null : 'active_content';
}

/** What was read of the file: its text and its object streams' (as each reading shows objects). */
interface Read {
  uri: boolean;
  trigger: boolean;
  texts: { text: string; objStm: boolean }[];
}

/** The verdict on the compressed objects, or null (their texts added to `found`). */
function compressedVerdict(buf: Buffer, text: string, names: Names, found: Read): PdfVerdict {
  if (names.hiding) return 'unverifiable';
  const predictors = predictorsOf(text);
  if (predictors === 'unknown') return 'unverifiable';
  const readings: Reading[] = [null, ...predictors];
  let budget = MAX_PDF_INFLATED_BYTES;
  const compressed: CompressedBudget = {
    left: MAX_COMPRESSED_READS_PER_FILE_BYTE * buf.length + COMPRESSED_FLOOR_BYTES,
  };
  let streams = 0;
  for (const match of text.matchAll(STREAM)) {
    const start = (match.index as number) + match[0].length;
    // A Flate stream without zlib's header, raw deflate, which some readers inflate all the same: read
    // as such too (most other streams, a JPEG's or garbage, fail its first block at once).
    const inflate = looksZlib(buf, start) ? inflateSync : inflateRawSync;
    if (++streams > MAX_PDF_STREAMS) return 'unverifiable';
    const head = peek(buf, start, budget, compressed, readings, inflate);
    budget -= head.read;
    if (head.kind === 'over-budget' || budget <= 0) return 'unverifiable';
    if (head.kind === 'data') continue;
    const maxOutputLength = Math.floor(budget / readings.length);
    if (maxOutputLength < 1) return 'unverifiable';
    let inflated: Buffer | null;
    try {
      inflated = inflateFrom(buf, start, buf.length - start, compressed, inflate, maxOutputLength);
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return 'unverifiable';
      continue;
    }
    if (inflated === null) return 'unverifiable';
    budget -= inflated.length * readings.length;
    for (const reading of readings) {
      const bytes = read(inflated, reading);
      const inflatedText = bytes.toString('latin1');
      const inflatedNames = readNames(inflatedText);
      if (inflatedNames.active) return 'active_content';
      found.uri ||= inflatedNames.uri;
      found.trigger ||= inflatedNames.trigger;
      if (objectsStart(bytes, reading !== null)) found.texts.push({ text: inflatedText, objStm: true });
    }
  }
  return null;
}
