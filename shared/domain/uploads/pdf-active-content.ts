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
/**
 * Compressed bytes read first to see whether a stream holds text (objects) or binary data; 64
 * bytes inflate to at most ~66 KB, under the output cap; 256 may not (then it is read whole).
 */
const PEEK_INPUT_BYTES = [64, 256] as const;
const PEEK_OUTPUT_BYTES = 128 * 1024;

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

/** PDF white space (NUL included, as readers lex it) and comments at the start of a text. */
const LEADING_BLANKS = /^(?:[\0\t\n\f\r ]|%[^\r\n]*(?:[\r\n]|$))*/;

/**
 * Whether a stream may hold objects: its first inflated bytes, past white space and comments, are
 * text (an object stream starts with its object numbers); image data is binary. When the first
 * bytes show neither (blank, or more than the peek can inflate), the whole stream is read.
 * Returns the bytes the peek inflated, for the budget.
 */
function peek(bytes: Buffer, at: number): { mayHoldObjects: boolean; inflated: number } {
  let inflated = 0;
  for (const size of PEEK_INPUT_BYTES) {
    let head: Buffer;
    try {
      head = inflateSync(bytes.subarray(at, at + size), {
        finishFlush: constants.Z_SYNC_FLUSH,
        maxOutputLength: PEEK_OUTPUT_BYTES,
      });
    } catch {
      return { mayHoldObjects: true, inflated };
    }
    inflated += head.length;
    const text = head.toString('latin1').replace(LEADING_BLANKS, '');
    if (text !== '') return { mayHoldObjects: /^[0-9]/.test(text), inflated };
  }
  return { mayHoldObjects: true, inflated };
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
    const head = peek(buf, start);
    budget -= head.inflated;
    if (budget <= 0) return 'unverifiable';
    if (!head.mayHoldObjects) continue;
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
