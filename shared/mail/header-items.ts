/**
 * What the header blocks of a raw mail ask the parser to build, counted before it builds it.
 *
 * mailparser reads every MIME part's header block structurally: each address of an address field,
 * each parameter of Content-Type and Content-Disposition (RFC 2231 continuations put together), each
 * encoded word. mailsplit bounds one block's bytes (maxHeadSize), not what it holds nor how many
 * blocks a mail has: a 3.6 MB part header of 950,000 addresses ("To: a@b,a@b,…") took 5.7 s and
 * 800 MB, six of them in a 23 MB mail ran the intake out of its 1 GB; six parts of 200,000 filename
 * continuations, 17 s. Such a mail is no one's writing: it is read as unparseable (quarantined) before
 * mailparser is given it.
 *
 * A header item is a byte the address parser makes a token of ("," ";" ":" '"' "(" ")" "<" ">" "\\"),
 * an "@" or the "=?" of an encoded word on a header line, and every BYTES_PER_ITEM bytes of header lines. Header lines are
 * the mail's own block and every block mailsplit may read as one: the lines after a line that may be a
 * MIME delimiter (optional SP/HTAB, "--", then a boundary the mail declares: declaredBoundaries), and
 * the block of a message/rfc822 part's message, up to the blank line. Every line of a block counts, whatever its shape (mailsplit gives a line without a
 * colon the name a folded line after it brings), so text after a "-- " signature counts until its
 * blank line: a few items. Linear: one pass, and from "--" to "--" outside the blocks.
 */

const LF = 0x0a;
const CR = 0x0d;
const SP = 0x20;
const TAB = 0x09;
const EQUALS = 0x3d;
const QUESTION = 0x3f;

/**
 * The bytes that make an item: the address parser's operators and escape (, ; : " ( ) < > \), each a
 * token it builds, and "@". Letters and spaces only lengthen a token; a token is what costs: six
 * parts of 3.5 MB of '\x' in a To field (no ",", ";" or "@") took mailparser 3.6 s and 1.1 GB,
 * of 'x<y> ' 3.7 s and 450 MB, of '"x" ' 3.5 s; of 'x ' 1.2 s and 220 MB (the bytes alone).
 */
const ITEM = new Uint8Array(256);
for (const c of ',;:@"()<>\\&\'`') ITEM[c.charCodeAt(0)] = 1;

function itemsIn(raw: Buffer, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const b = raw[i] as number;
    n += ITEM[b] as number;
    if (b === EQUALS && raw[i + 1] === QUESTION) n++;
  }
  return n;
}

/** Whether the line [start, end) is blank (the end of a header block). */
function isBlank(raw: Buffer, start: number, end: number): boolean {
  return end === start || (end === start + 1 && raw[start] === CR);
}

const RFC822 = /message\/rfc822/i;

/**
 * Header bytes that make an item on their own: mailparser's work grows with a block's bytes too (six
 * part headers of 3.5 MB of 'x x x…', no item in them: a Content-Disposition took 5.6 s and 790 MB,
 * References 860 MB, split at each space). 32 keeps a mail's header blocks within 3.2 MB together
 * (one block may hold 4 MB: maxHeadSize), a 2 MB subject at 65,536 items.
 */
const BYTES_PER_ITEM = 32;

/** More declared boundaries than any mail writes (one per multipart): past them, every "--" line counts. */
const MAX_BOUNDARIES = 100;
/** Longer than any boundary a mail writes (RFC 2046: 70): past it, every "--" line counts. */
const MAX_BOUNDARY_CHARS = 200;
/** What a delimiter line may carry after its boundary (mailsplit BOUNDARY_LINE_SUFFIX): "--", WSP, CRs. */
const DELIMITER_LINE_SUFFIX = 1006;
const BOUNDARY_PARAMETER = /boundary/gi;
const WSP_OR_LINE_END = /[ \t\r\n]/;

/**
 * The boundaries a header block's `text` declares, each parameter in every reading the header parser
 * may give it (quoted, the whole unquoted value unfolded, without its comments, its first word), in any
 * header and any case; or null when one is written in a form not read here for sure (RFC 2231
 * `boundary*`, an encoded word, an escape, a quote never closed or inside a token, a value longer than
 * any boundary): then every line opening with "--" may be a delimiter. A delimiter line has to name a
 * boundary an earlier block declared, as mailsplit's does: a body's "-->" (Outlook writes its style
 * block's comment end on a line of its own) made the HTML after it header lines, and 620 KB of ordinary
 * Outlook HTML quarantined the merchant's mail as unparseable.
 */
export function declaredBoundaries(text: string): Set<string> | null {
  const out = new Set<string>();
  BOUNDARY_PARAMETER.lastIndex = 0;
  for (let m = BOUNDARY_PARAMETER.exec(text); m !== null; m = BOUNDARY_PARAMETER.exec(text)) {
    let i = m.index + m[0].length;
    while (i < text.length && WSP_OR_LINE_END.test(text[i] as string)) i++;
    if (text[i] === '*') return null;
    if (text[i] !== '=') continue;
    i++;
    while (i < text.length && WSP_OR_LINE_END.test(text[i] as string)) i++;
    const readings: string[] = [];
    if (text[i] === '"') {
      const close = text.indexOf('"', i + 1);
      if (close === -1 || close - i > MAX_BOUNDARY_CHARS) return null;
      const quoted = text.slice(i + 1, close);
      if (/[\\\r\n]|=\?/.test(quoted)) return null;
      readings.push(quoted);
      BOUNDARY_PARAMETER.lastIndex = close + 1;
    } else {
      // The value runs to ";" or the end of its (unfolded) header line.
      let j = i;
      while (j < text.length && text[j] !== ';' && !(text[j] === '\n' && !/[ \t]/.test(text[j + 1] ?? ''))) {
        if (j - i > MAX_BOUNDARY_CHARS) return null;
        j++;
      }
      const value = text.slice(i, j).replace(/\r?\n/g, '');
      if (/["\\]|=\?/.test(value)) return null;
      readings.push(value, value.replace(/\([^()]*\)/g, ''), value.split(/[ \t(]/)[0] ?? '');
      // Read on after the value: a "boundary" inside it is no parameter (and no rescan of it).
      BOUNDARY_PARAMETER.lastIndex = j;
    }
    for (const reading of readings) {
      const boundary = reading.trim();
      if (boundary !== '') out.add(boundary);
    }
  }
  return out;
}

/**
 * Whether the line opening with "--" at `dash` (ending at `end`) is a delimiter of one of `boundaries`
 * (any line, when null): "--", the boundary, an optional closing "--", then only SP, HTAB or CR.
 */
function namesBoundary(raw: Buffer, dash: number, end: number, boundaries: ReadonlySet<string> | null): boolean {
  if (boundaries === null) return true;
  if (end - dash > MAX_BOUNDARY_CHARS + DELIMITER_LINE_SUFFIX) return false;
  let last = end;
  while (last > dash + 2 && (raw[last - 1] === CR || raw[last - 1] === SP || raw[last - 1] === TAB)) last--;
  const rest = raw.toString('latin1', dash + 2, last);
  return boundaries.has(rest) || (rest.endsWith('--') && boundaries.has(rest.slice(0, -2)));
}

/**
 * The header items of `raw`'s header blocks, counted up to just past `limit` (the caller's cap: no
 * need to read on once it is passed).
 */
export function headerItems(raw: Buffer, limit: number): number {
  // The boundaries the blocks read so far declare (null: every "--" line may be a delimiter).
  let boundaries: Set<string> | null = new Set<string>();
  let items = 0;
  let bytes = 0;
  let at = 0;
  // The mail's own header block comes first.
  let inBlock = true;
  let blockStart = 0;
  while (at < raw.length && items + Math.floor(bytes / BYTES_PER_ITEM) <= limit) {
    if (!inBlock) {
      // Outside a block only a delimiter-like line matters: jump from "--" to "--".
      const dash = raw.indexOf('--', at, 'latin1');
      if (dash === -1) break;
      let i = raw.lastIndexOf(LF, dash) + 1;
      while (i < dash && (raw[i] === SP || raw[i] === TAB)) i++;
      const lineEnd = raw.indexOf(LF, dash);
      at = lineEnd === -1 ? raw.length : lineEnd + 1;
      inBlock = i === dash && namesBoundary(raw, dash, lineEnd === -1 ? raw.length : lineEnd, boundaries);
      blockStart = at;
      continue;
    }
    const newline = raw.indexOf(LF, at);
    const end = newline === -1 ? raw.length : newline;
    if (isBlank(raw, at, end)) {
      const block = raw.toString('latin1', blockStart, at);
      if (boundaries !== null) {
        const declared: Set<string> | null = declaredBoundaries(block);
        if (declared !== null) for (const b of declared) boundaries.add(b);
        if (declared === null || boundaries.size > MAX_BOUNDARIES) boundaries = null;
      }
      // A message/rfc822 part's body starts with its message's own header block.
      inBlock = RFC822.test(block);
      blockStart = end + 1;
    } else {
      items += itemsIn(raw, at, end);
      bytes += end - at;
    }
    at = end + 1;
  }
  return items + Math.floor(bytes / BYTES_PER_ITEM);
}
