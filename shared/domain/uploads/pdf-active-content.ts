/**
 * Does a PDF carry active content (scripts, launched programs, embedded files, rich media)?
 * Read on the names a PDF reader reads, not on their spelling in the bytes:
 * - a name may spell any character as `#xx` (ISO 32000-1, 7.3.5): `/J#61vaScript` is `/JavaScript`;
 * - since PDF 1.5 dictionaries may sit compressed inside object streams (7.5.7), invisible in the
 *   file's bytes: when the file has that structure, every Flate stream that may hold objects is
 *   inflated (within a budget) and read the same way. A PDF whose compressed objects could be
 *   hidden by means we do not decode (other filters, encryption) or that needs more than the
 *   budget cannot be checked: `unverifiable`.
 * Work is linear in the file: one pass over its names, and inflation bounded by the budget.
 */
import { constants, inflateSync } from 'node:zlib';

export type PdfVerdict = 'active_content' | 'unverifiable' | null;

/** Names that make a document act when opened or clicked. */
const ACTIVE_NAMES: ReadonlySet<string> = new Set(['JavaScript', 'JS', 'Launch', 'EmbeddedFile', 'RichMedia']);
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
 * not show binary data (an image is not read past its first bytes).
 */
export const MAX_PDF_INFLATED_BYTES = 32 * 1024 * 1024;
/** Streams looked into per file at most (a long document has a few thousand). */
export const MAX_PDF_STREAMS = 20_000;
/** Compressed bytes read first to see what a stream starts with; doubled until it shows. */
const FIRST_PEEK_BYTES = 64;

/** A name: "/" then regular characters (not white space or a delimiter). */
const NAME = /\/([^\0\t\n\f\r ()<>[\]{}/%]*)/g;
const ESCAPE = /#([0-9A-Fa-f]{2})/g;
const STREAM = /stream(?:\r\n|\r|\n)/g;

interface Names {
  active: boolean;
  compressed: boolean;
  hiding: boolean;
}

function readNames(text: string): Names {
  const found: Names = { active: false, compressed: false, hiding: false };
  for (const match of text.matchAll(NAME)) {
    const raw = match[1] as string;
    const name = raw.includes('#')
      ? raw.replace(ESCAPE, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
      : raw;
    if (ACTIVE_NAMES.has(name)) return { ...found, active: true };
    if (COMPRESSED_NAMES.has(name)) found.compressed = true;
    if (HIDING_NAMES.has(name)) found.hiding = true;
  }
  return found;
}

/** A zlib header (RFC 1950): deflate method, and the check bits. */
function looksZlib(bytes: Buffer, at: number): boolean {
  const cmf = bytes[at];
  const flg = bytes[at + 1];
  return cmf !== undefined && flg !== undefined && (cmf & 0x0f) === 8 && (cmf * 256 + flg) % 31 === 0;
}

const BLANK_BYTES: ReadonlySet<number> = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);

/** The first byte past PDF white space (NUL included, as readers lex it) and comments; undefined when none shows. */
function firstToken(bytes: Buffer): number | undefined {
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    if (BLANK_BYTES.has(byte)) continue;
    if (byte !== 0x25) return byte;
    // "%": a comment, to the end of its line.
    while (i < bytes.length && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i++;
  }
  return undefined;
}

type Peek = { kind: 'objects' | 'data' | 'over-budget'; inflated: number };

/**
 * Whether a stream may hold objects: its first inflated bytes past white space and comments are
 * text (an object stream starts with its object numbers), where image data is binary. The stream is
 * inflated from a growing prefix (64 compressed bytes, then twice as many…) until those bytes show:
 * a dark image's leading zeros (white space to a reader) are read only as far as they go, and
 * padding put before an object stream's numbers does not hide them. What is inflated counts
 * against `budget`.
 */
function peek(bytes: Buffer, at: number, budget: number): Peek {
  let inflated = 0;
  for (let size = FIRST_PEEK_BYTES; ; size *= 2) {
    let head: Buffer;
    try {
      head = inflateSync(bytes.subarray(at, at + size), {
        finishFlush: constants.Z_SYNC_FLUSH,
        maxOutputLength: Math.max(1, budget - inflated),
      });
    } catch (error) {
      const over = (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
      return { kind: over ? 'over-budget' : 'data', inflated };
    }
    inflated += head.length;
    const first = firstToken(head);
    if (first !== undefined) return { kind: first >= 0x30 && first <= 0x39 ? 'objects' : 'data', inflated };
    if (at + size >= bytes.length) return { kind: 'data', inflated };
  }
}

export function pdfActiveContent(bytes: Uint8Array): PdfVerdict {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buf.toString('latin1');
  const names = readNames(text);
  if (names.active) return 'active_content';
  if (!names.compressed) return null;
  if (names.hiding) return 'unverifiable';
  let budget = MAX_PDF_INFLATED_BYTES;
  let streams = 0;
  for (const match of text.matchAll(STREAM)) {
    const start = (match.index as number) + match[0].length;
    if (!looksZlib(buf, start)) continue;
    if (++streams > MAX_PDF_STREAMS) return 'unverifiable';
    const head = peek(buf, start, budget);
    budget -= head.inflated;
    if (head.kind === 'over-budget' || budget <= 0) return 'unverifiable';
    if (head.kind === 'data') continue;
    let inflated: Buffer;
    try {
      inflated = inflateSync(buf.subarray(start), { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: budget });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return 'unverifiable';
      continue;
    }
    budget -= inflated.length;
    if (readNames(inflated.toString('latin1')).active) return 'active_content';
  }
  return null;
}
