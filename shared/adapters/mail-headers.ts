/**
 * Header fields for SES v2 Simple content, which composes the MIME itself: every value we hand it
 * must already be one line of printable ASCII (MessageHeader; addresses per RFC 2047), so the
 * text that is not is turned into RFC 2047 encoded-words here. No CR/LF can survive
 * `sanitizeHeaderValue`, and every function below only emits printable ASCII.
 */
import { sanitizeHeaderValue } from '../domain/html';
import { MAX_ADDRESS_CHARS, MAX_LOCAL_PART_CHARS, withAsciiDomain } from '../domain/mailbox';

/** Cap on what is read of a value before it is split or fitted (a References chain, say). */
const MAX_INPUT_CHARS = 20_000;
const PRINTABLE_ASCII = /^[ -~]*$/;
/** RFC 2047: an encoded-word is at most 75 characters; 45 UTF-8 bytes make 60 base64 ones. */
const WORD_BYTES = 45;

/** Text a mail client would show differently from what we mean unless it is encoded. */
export function needsEncoding(text: string): boolean {
  // A literal "=?" could be decoded by the client as an encoded-word of someone else's making.
  return !PRINTABLE_ASCII.test(text) || text.includes('=?');
}

/** `=?UTF-8?B?…?=` words of ≤ 75 characters, cut between code points, separated by spaces. */
export function encodedWords(text: string): string {
  const words: string[] = [];
  let chunk = '';
  let bytes = 0;
  for (const ch of text) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (bytes + size > WORD_BYTES) {
      words.push(chunk);
      chunk = '';
      bytes = 0;
    }
    chunk += ch;
    bytes += size;
  }
  if (chunk !== '') words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join(' ');
}

/**
 * An unstructured value as printable ASCII of at most `max` characters: as it is when it can be,
 * else encoded-words; a value too long is cut (marked "…", as the sanitiser does) until it fits.
 */
export function fitText(value: string, max: number): string {
  const clean = sanitizeHeaderValue(value, MAX_INPUT_CHARS);
  let keep = Array.from(clean).length;
  for (;;) {
    const text = sanitizeHeaderValue(clean, keep);
    const out = needsEncoding(text) ? encodedWords(text) : text;
    if (out.length <= max) return out;
    keep = Math.min(keep - 1, Math.floor((keep * max) / out.length));
    if (keep < 1) return '';
  }
}

/** A msg-id's inside, id-left@id-right: printable ASCII without brackets (a non-ASCII id cannot be sent). */
const MESSAGE_ID = /^[!-;=?A-~]+@[!-;=?A-~]+$/;

/** The message ids in a Message-ID/In-Reply-To/References value, without brackets or repeats. */
export function messageIds(value: string): string[] {
  const ids = sanitizeHeaderValue(value, MAX_INPUT_CHARS)
    .split(/[\s,]+/)
    // (?<!>): a run of ">" is tried from its start only (linear, not quadratic).
    .map((id) => id.replace(/^<+|(?<!>)>+$/g, ''))
    .filter((id) => MESSAGE_ID.test(id));
  return [...new Set(ids)];
}

/**
 * A References value of at most `max` characters: every id when they fit, else the first (the
 * thread's root) and the most recent ones, as RFC 5322 3.6.4 suggests for long chains.
 */
export function fitReferences(ids: readonly string[], max: number): string {
  const all = ids.map((id) => `<${id}>`).filter((ref) => ref.length <= max);
  const joined = all.join(' ');
  if (joined.length <= max || all.length < 2) return joined.length <= max ? joined : '';
  const [first, ...rest] = all as [string, ...string[]];
  const recent: string[] = [];
  let length = first.length;
  for (let i = rest.length - 1; i >= 0; i--) {
    const ref = rest[i] as string;
    if (length + 1 + ref.length > max) break;
    recent.unshift(ref);
    length += 1 + ref.length;
  }
  return [first, ...recent].join(' ');
}

/** An addr-spec SES and mail clients take as one mailbox: dot-atom local part, host name. */
const ADDRESS =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
/** A display name that may stay unquoted: atext and spaces (RFC 5322 phrase of atoms). */
const ATOMS = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~ -]+$/;

/**
 * One mailbox, `addr` or `Name <addr>` (the name may be quoted), as SES wants it: the name quoted
 * when it has specials (a comma cannot split it in two), encoded-words when it is not ASCII.
 * Undefined when the address is not one SES would take as a single mailbox.
 */
export function mailbox(value: string): string | undefined {
  const clean = sanitizeHeaderValue(value, MAX_INPUT_CHARS);
  const angle = /^(.*?)\s*<([^<>]*)>$/.exec(clean);
  const address = withAsciiDomain((angle ? (angle[2] as string) : clean).trim());
  if (
    address === undefined ||
    address.length > MAX_ADDRESS_CHARS ||
    !ADDRESS.test(address) ||
    address.indexOf('@') > MAX_LOCAL_PART_CHARS
  )
    return undefined;
  let name = (angle?.[1] ?? '').trim();
  const quoted = /^"(.*)"$/.exec(name);
  if (quoted) name = (quoted[1] as string).replace(/\\(.)/g, '$1').trim();
  if (name === '') return address;
  if (needsEncoding(name)) return `${encodedWords(name)} <${address}>`;
  if (ATOMS.test(name)) return `${name} <${address}>`;
  return `"${name.replace(/[\\"]/g, '\\$&')}" <${address}>`;
}
