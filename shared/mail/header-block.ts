/**
 * The one reader of a raw mail's header block without a MIME parser: SES's verdict fields on top
 * of a stored mail (ses-verdict-headers.ts), the few fields of a mail the parser failed on
 * (header-peek.ts), the sender of a mail it could not read at all (parse-email's cheapSender).
 * Bounded and linear: at most HEADER_PEEK_BYTES of the head are read, up to the blank line that
 * ends the block (charset.ts headerBlockEnd, CRLF or LF); the body is never read; each value is
 * cut while its folded lines are gathered, so one field folded over the whole peek costs one pass.
 */
import { headerBlockEnd } from './charset';

/** Bytes of the head read (SES's block is a few KB; a sender's whole block rarely more than 16). */
export const HEADER_PEEK_BYTES = 64 * 1024;

/** RFC 5322 field name: printable ASCII but ':'. */
const FIELD_NAME = /^[!-9;-~]+$/;

export interface HeaderField {
  /** Lower-cased. */
  name: string;
  /**
   * Unfolded: its lines trimmed and joined by one space; at most `valueChars` + 1 characters, and
   * longer than `valueChars` exactly when it was cut (blanks before the cut do not hide it).
   */
  value: string;
}

export interface HeaderBlockReading {
  /** How the head's bytes are read: latin1 keeps every byte as one character, utf8 reads RFC 6532 text. */
  encoding: 'latin1' | 'utf8';
  /**
   * Characters of a value kept (one more is kept, so a reader can tell a cut value from one that
   * fits); none: the peek bounds it.
   */
  valueChars?: number;
  /**
   * A line that is neither a field nor the fold of one (no name, a name with spaces or NULs, a fold
   * before any field): 'end' — the block ends there (what only SES wrote on top must be read
   * strictly); 'skip' — it is passed over, and folds after it with it.
   */
  strayLine: 'end' | 'skip';
}

/** The fields of the header block, in order. */
export function readHeaderBlock(raw: Buffer, reading: HeaderBlockReading): HeaderField[] {
  const peek = raw.subarray(0, HEADER_PEEK_BYTES);
  const end = headerBlockEnd(peek);
  const head = (end >= 0 ? peek.subarray(0, end) : peek).toString(reading.encoding);
  const room = (reading.valueChars ?? Number.POSITIVE_INFINITY) + 1;
  const fields: HeaderField[] = [];
  let current: HeaderField | undefined;
  for (const crlf of head.split('\n')) {
    const line = crlf.endsWith('\r') ? crlf.slice(0, -1) : crlf;
    if (line === '') break;
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (current === undefined) {
        if (reading.strayLine === 'end') break;
        continue;
      }
      if (current.value.length < room) current.value = joinFold(current.value, line, room);
      continue;
    }
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trimEnd().toLowerCase() : '';
    if (!FIELD_NAME.test(name)) {
      if (reading.strayLine === 'end') break;
      current = undefined;
      continue;
    }
    current = {
      name,
      // Trimmed before it is cut: a cut value stays longer than valueChars, so a reader can tell it.
      value: line
        .slice(colon + 1)
        .trim()
        .slice(0, room),
    };
    fields.push(current);
  }
  return fields;
}

function joinFold(value: string, line: string, room: number): string {
  // Only as much of the line as there is room for is kept; trimmed first, so that a cut shows.
  const part = line.trim().slice(0, room);
  if (part === '') return value;
  return (value === '' ? part : `${value} ${part}`).slice(0, room);
}
