/**
 * A few header fields of a raw mail read without a MIME parser, for a mail that parser may be what
 * failed on (domain/poison-mail.ts), through the one bounded header-block reader (header-block.ts).
 */
import { AUTO_REPLY_HEADERS } from '../domain/auto-reply-policy';
import type { PeekedHeaders } from '../domain/poison-mail';
import { headerAddress } from '../domain/received-mail';
import { cutBetweenCharacters } from '../domain/text';
import { HEADER_PEEK_BYTES, readHeaderBlock } from './header-block';
import { PARSE_LIMITS } from './parse-email';

const WANTED: ReadonlySet<string> = new Set<string>([...AUTO_REPLY_HEADERS, 'from', 'message-id']);
/* Control characters (CR/LF injection) and runs of whitespace become one space, as parse-email's cleanLine. */
const CONTROL_OR_SPACE_RUNS = /[\s\p{Cc}]+/gu;

/** Bytes of the head read (header-block.ts): the ranged GET of a poisoned mail asks for as many. */
export { HEADER_PEEK_BYTES };

export function peekHeaders(raw: Buffer): PeekedHeaders {
  const cap = PARSE_LIMITS.headerValueChars;
  const found = new Map<string, string>();
  let fromFields = 0;
  // SES writes the envelope's Return-Path first; a later one is the sender's own words.
  let envelope: string | undefined;
  for (const { name, value } of readHeaderBlock(raw, { encoding: 'utf8', valueChars: cap, strayLine: 'skip' })) {
    if (!WANTED.has(name)) continue;
    // Repeated fields are joined, as the parser joins them (pickHeaders); From and Message-ID: the first.
    const before = found.get(name);
    if (name === 'from') fromFields += 1;
    if (name === 'return-path' && before !== undefined) envelope ??= before;
    if (before === undefined) found.set(name, value);
    else if (name !== 'from' && name !== 'message-id' && before.length < cap) found.set(name, `${before}, ${value}`);
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
    from: oneAuthor(found.get('from') ?? '', fromFields, clean),
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
 * SES checked SPF against, as the parser's authorUnclear leaves the author to no one. A From cut at
 * the value cap is not read whole: what the cut dropped may be its real mailbox ("vitima@loja.com",
 * 1,000 blanks, "<atacante@evil.com>": the parser and SES read the bracket), so it names no one either.
 */
function oneAuthor(raw: string, fields: number, clean: (value: string) => string): string {
  if (raw.length > PARSE_LIMITS.headerValueChars) return '';
  const value = clean(raw);
  if (fields !== 1 || value.indexOf('@') !== value.lastIndexOf('@')) return '';
  return headerAddress(value);
}
