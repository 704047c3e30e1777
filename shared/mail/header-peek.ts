/**
 * A few header fields of a raw mail read without a MIME parser, for a mail that parser may be what
 * failed on (domain/poison-mail.ts): one pass over at most `PARSE_LIMITS.headerPeekBytes` of its
 * head, ending at the blank line that ends the header block; the body is never read. Each field's
 * value is cut while it is gathered, so a field folded over the whole peek costs one pass too.
 */
import { AUTO_REPLY_HEADERS } from '../domain/auto-reply-policy';
import type { PeekedHeaders } from '../domain/poison-mail';
import { headerAddress } from '../domain/received-mail';
import { cutBetweenCharacters } from '../domain/text';
import { headerBlockEnd } from './charset';
import { PARSE_LIMITS } from './parse-email';

const WANTED: ReadonlySet<string> = new Set<string>([...AUTO_REPLY_HEADERS, 'from', 'message-id']);
const FIELD_NAME = /^[!-9;-~]+$/;
/* Control characters (CR/LF injection) and runs of whitespace become one space, as parse-email's cleanLine. */
const CONTROL_OR_SPACE_RUNS = /[\s\p{Cc}]+/gu;

/** Bytes of the head read: the parser's own peek at an oversized or broken mail. */
export const HEADER_PEEK_BYTES = PARSE_LIMITS.headerPeekBytes;

export function peekHeaders(raw: Buffer): PeekedHeaders {
  const peek = raw.subarray(0, HEADER_PEEK_BYTES);
  const end = headerBlockEnd(peek);
  const head = (end >= 0 ? peek.subarray(0, end) : peek).toString('utf8');
  const cap = PARSE_LIMITS.headerValueChars;
  const found = new Map<string, string>();
  let current: string | undefined;
  let fromFields = 0;
  // SES writes the envelope's Return-Path first; a later one is the sender's own words.
  let envelope: string | undefined;
  for (const crlf of head.split('\n')) {
    const line = crlf.endsWith('\r') ? crlf.slice(0, -1) : crlf;
    if (line.startsWith(' ') || line.startsWith('\t')) {
      // A folded continuation of the field before, if it is one we keep and has room left.
      const sofar = current === undefined ? undefined : found.get(current);
      if (current !== undefined && sofar !== undefined && sofar.length < cap) {
        found.set(current, sofar + line.slice(0, cap - sofar.length + 1));
      }
      continue;
    }
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trimEnd().toLowerCase() : '';
    current = undefined;
    if (!WANTED.has(name) || !FIELD_NAME.test(name)) continue;
    const value = line.slice(colon + 1, colon + 1 + cap + 1);
    // Repeated fields are joined, as the parser joins them (pickHeaders); From and Message-ID: the first.
    const before = found.get(name);
    if (name === 'from') fromFields += 1;
    if (name === 'return-path' && before !== undefined) envelope ??= before;
    if (before === undefined) found.set(name, value);
    else if (name !== 'from' && name !== 'message-id' && before.length < cap) found.set(name, `${before}, ${value}`);
    else continue;
    current = name;
  }
  const clean = (value: string) => cutBetweenCharacters(value.replace(CONTROL_OR_SPACE_RUNS, ' ').trim(), cap);
  const headers: Record<string, string> = {};
  for (const name of AUTO_REPLY_HEADERS) {
    const value = found.get(name);
    if (value !== undefined) headers[name] = clean(value);
  }
  const messageId = clean(found.get('message-id') ?? '');
  const returnPath = headerAddress(envelope === undefined ? headers['return-path'] : clean(envelope)).replace(
    /^<|>$/g,
    '',
  );
  return {
    from: oneAuthor(clean(found.get('from') ?? ''), fromFields),
    ...(messageId ? { messageId } : {}),
    ...(returnPath ? { returnPath } : {}),
    headers,
  };
}

/**
 * The From's address when the mail has one author as any reader reads it: one From field with one
 * "@". Two fields, a list, or an address spelled in a display name or a comment ("a@evil.com
 * <lojista@loja.com>") are read one way by SES's DMARC check and another by us (headerAddress takes
 * the last bracket, the parser the first mailbox): none then, and the record goes by the envelope
 * SES checked SPF against, as the parser's authorUnclear leaves the author to no one.
 */
function oneAuthor(value: string, fields: number): string {
  if (fields !== 1 || value.indexOf('@') !== value.lastIndexOf('@')) return '';
  return headerAddress(value);
}
