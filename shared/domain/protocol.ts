/**
 * Case protocol numbers: `OUV-<year>-<seq>`, the sequence zero-padded to 6 digits
 * (more digits once a year passes 999 999 cases), e.g. `OUV-2026-000123`.
 */

import { withoutInvisible } from './text';

export const PROTOCOL_PREFIX = 'OUV';
const SEQ_WIDTH = 6;
const MIN_YEAR = 2000;
const MAX_YEAR = 9999;
/** Bigger sequences are a typo or an attack, not a case number. */
const MAX_SEQ_DIGITS = 9;

export interface ProtocolParts {
  year: number;
  seq: number;
}

export function formatProtocol(year: number, seq: number): string {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`Protocol year out of range: ${year}`);
  }
  if (!Number.isSafeInteger(seq) || seq < 1 || String(seq).length > MAX_SEQ_DIGITS) {
    throw new RangeError(`Protocol sequence out of range: ${seq}`);
  }
  return `${PROTOCOL_PREFIX}-${year}-${String(seq).padStart(SEQ_WIDTH, '0')}`;
}

/** Strict: only the canonical form (any letter case, surrounding whitespace ignored). */
/** A protocol number as we print it (any letter case accepted): the one pattern for it. */
export const PROTOCOL_PATTERN = /^OUV-(\d{4})-(\d{6,9})$/i;
const CANONICAL = PROTOCOL_PATTERN;

export function parseProtocol(s: string): ProtocolParts | null {
  if (typeof s !== 'string') return null;
  const m = CANONICAL.exec(s.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const digits = m[2] as string;
  const seq = Number(digits);
  // Exactly one spelling per number: "OUV-2026-0000123" (7 digits with a leading zero) is not ours.
  if (digits.length > SEQ_WIDTH && digits.startsWith('0')) return null;
  if (year < MIN_YEAR || seq < 1) return null;
  return { year, seq };
}

/** A protocol number as people retype it (see findProtocols): the one tolerant pattern, unanchored. */
const RETYPED_SEPARATOR = '[ \\t\\u00a0\\-–—_./]{0,3}';
const RETYPED = `${PROTOCOL_PREFIX}${RETYPED_SEPARATOR}(\\d{4})${RETYPED_SEPARATOR}(\\d{1,9})`;
/** A protocol number in a text, not glued to a letter or digit: built once, not per call (issue 16). */
const PROTOCOL_IN_TEXT = new RegExp(`(?<![\\p{L}\\p{N}])${RETYPED}(?![\\p{L}\\p{N}])`, 'giu');
/** A whole text that is one protocol number. */
const WHOLE_PROTOCOL = new RegExp(`^${RETYPED}$`, 'iu');

/**
 * Finds protocol numbers in free text (subjects, bodies, quoted replies), as merchants retype them.
 * Tolerated, because people retype what they read: any letter case; `-`, `–`, `—`, `_`, `.`, `/`,
 * spaces (not line breaks) or nothing between the parts (`OUV 2026 000123`, `ouv-2026-123`, `OUV2026000123`);
 * the sequence with or without its zero padding. Not tolerated: a letter or digit glued before
 * "OUV" or after the sequence (`LOUV-…`, `OUV-2026-0001234567890`), years before 2000, sequence 0.
 * Returns canonical numbers, each once, in order of first appearance, at most `limit` of them: a
 * text listing thousands stops being read at the limit (linear work: a Set, not a list search).
 */
export function findProtocols(text: string, limit = Number.POSITIVE_INFINITY): string[] {
  if (typeof text !== 'string' || text.length === 0 || limit < 1) return [];
  const found = new Set<string>();
  // matchAll reads a copy: the shared expression's lastIndex stays 0.
  for (const m of text.matchAll(PROTOCOL_IN_TEXT)) {
    const protocol = canonicalOf(m);
    if (!protocol) continue;
    found.add(protocol);
    if (found.size >= limit) break;
  }
  return [...found];
}

/**
 * A protocol number typed into a form (the status page): the whole field must be one number, read
 * with the tolerance of findProtocols (`ouv 2026 000123`, `OUV2026000123`, `OUV-2026-123`), since
 * people type what they read in the mail — or without its prefix (`2026-000123`). Returns the
 * canonical number, or null.
 */
export function readTypedProtocol(typed: string): string | null {
  if (typeof typed !== 'string') return null;
  // Pasted from a mail, a number may carry what mail programs put to break or join it (a zero-width
  // space, a soft hyphen, a word joiner): the reader never saw them.
  const visible = withoutInvisible(typed).trim();
  if (visible.length > 40) return null;
  const m = WHOLE_PROTOCOL.exec(visible) ?? WITHOUT_PREFIX.exec(visible);
  return m ? canonicalOf(m) : null;
}

/**
 * The year and sequence alone, as some type them into the form ("2026-000123", "2026/123"): the
 * field asks for a protocol, so a separator between the two suffices (never a bare run of digits).
 */
const WITHOUT_PREFIX = /^(\d{4})[ \t\u00a0\-–—_./]{1,3}(\d{1,9})$/u;

/** The canonical number of a RETYPED match, or null for a year before 2000 or sequence 0. */
function canonicalOf(m: RegExpMatchArray): string | null {
  const year = Number(m[1]);
  const seq = Number(m[2]);
  if (year < MIN_YEAR || seq < 1) return null;
  return formatProtocol(year, seq);
}
