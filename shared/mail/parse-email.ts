/**
 * Raw MIME mail → channel-neutral Submission.
 *
 * mailparser does the MIME work (charsets, RFC 2047/2231, transfer encodings); domain/html-to-text.ts
 * turns HTML-only bodies into text and charset.ts repairs mislabelled 8-bit mail.
 * This module adds what an intake pipeline needs on top of it: it never throws on any raw
 * input, bounds every field, repairs mislabelled 8-bit mail (Latin-1 sent as UTF-8 or
 * unlabelled, common in Brazilian webmail and ERP mail), and inlines the text of messages
 * forwarded as attachments so the ticket extractor can read them.
 */
import { isEncryptionPartType } from '../domain/encrypted-mail';
import { domainOf, domainsAligned } from '../domain/sender-authentication';
import { dkimAlignedWith, readSesVerdictHeaders } from './ses-verdict-headers';
import {
  type AddressObject,
  type EmailAddress,
  type ParsedMail,
  type SimpleParserOptions,
  simpleParser,
} from 'mailparser';
import type { AttachmentMeta, Mailbox, ObjectLocation, Submission, Verdicts } from '../domain/submission';
import { detectFileKind } from '../domain/uploads/file-type';
import { sanitizeFilename } from '../domain/uploads/filename';
import { cutBetweenCharacters, MAX_TEXT_CHARS, withoutBidiControls, withoutInvisible } from '../domain/text';
import { AUTO_REPLY_HEADERS } from '../domain/auto-reply-policy';
import { IsoInstantSchema } from '../domain/instant';
import {
  BestEffortDecoder,
  hasReplacementChars,
  headerBlockEnd,
  relabelCharsets,
  replacementCount,
  transcodeHeaderBlock as transcodeHeaderBlockUpTo,
} from './charset';
import { htmlToPlainText, isMarkupText } from '../domain/html-to-text';
import { withAsciiDomain } from '../domain/mailbox';
import { filesOf, type MailFile, WITHOUT_TEXT_AS_HTML } from './mail-files';
import { headerItems } from './header-items';
import { HEADER_PEEK_BYTES, readHeaderBlock } from './header-block';
import { type BodyImage, bodyImages, cidKey, isPicture } from './body-images';

export { decodeBestEffort, decodeWindows1252 } from './charset';
export { htmlToPlainText } from '../domain/html-to-text';

export interface ParseEmailMeta {
  /** SES message id (or the local SMTP server's id): the idempotency key. */
  sourceId: string;
  /** ISO 8601 instant of receipt. */
  receivedAt: string;
  verdicts?: Verdicts;
  /** Envelope MAIL FROM; `''` for the null return path. Falls back to the Return-Path header. */
  returnPath?: string;
  /** Envelope recipients; fall back to To + Cc. */
  recipients?: string[];
  raw?: ObjectLocation;
}

export interface ParseEmailLimits {
  maxRawMailBytes: number;
}

/** Bounds of what a Submission carries; the raw mail in S3 keeps everything. */
export const PARSE_LIMITS = {
  subjectChars: 2000,
  /** The text cap of all text work (domain MAX_TEXT_CHARS): extraction and rules read as much. */
  textChars: MAX_TEXT_CHARS,
  htmlChars: 1_000_000,
  nameChars: 500,
  addressChars: 320,
  recipients: 100,
  references: 200,
  messageIdChars: 1000,
  headerValueChars: 1000,
  // What a mail's files say about themselves is stored on the case item (400 KB at most in
  // DynamoDB): 500 files with 1,000-character names were a megabyte no write could hold. The files
  // themselves stay in the raw mail.
  attachments: 50,
  filenameChars: 255,
  contentIdChars: 255,
  contentTypeChars: 255,
  partIdChars: 100,
  parseProblemChars: 500,
  /**
   * Header items (header-items.ts: the address parser's tokens, escaped characters, addresses,
   * parameters and encoded words of its header blocks) a mail may ask mailparser to build, in all its
   * parts and the messages forwarded in it together: 10,000 recipients '"Ana (SP)" <a@b>' are 80,000;
   * 950,000 addresses in one part took 5.7 s and 800 MB. Past it the
   * mail is unparseable (quarantined); a forwarded message past what is left is not read.
   */
  headerItems: 100_000,
  /** Header bytes read from an oversized or unparseable mail. */
  headerPeekBytes: HEADER_PEEK_BYTES,
  /** One MIME header block may be this big (a 2 MB subject still parses). */
  maxHeadSize: 4 * 1024 * 1024,
  /** mailparser's own HTML handling bound (its HTML → text is off: domain/html-to-text.ts converts). */
  maxHtmlLengthToParse: 2 * 1024 * 1024,
  /** Messages forwarded as attachments inside forwarded messages: how deep we read. */
  embeddedDepth: 3,
  /**
   * Files of a mail whose bytes are checked (detectFileKind, the webform's rule), in order, and the
   * largest one checked (the default `lifecycle.maxRelayAttachmentBytes`): only a checked file of an
   * accepted kind is ever relayed (relayed-files.ts). A PDF's check may inflate up to 32 MB
   * (~0.4 s): ten files bound the work a mail can ask for.
   */
  checkedFiles: 10,
  checkedFileBytes: 10 * 1024 * 1024,
} as const;

export const FORWARDED_MARKER = '---------- Mensagem encaminhada ----------';

const BASE_OPTIONS: SimpleParserOptions = {
  skipImageLinks: true,
  keepCidLinks: true,
  ...WITHOUT_TEXT_AS_HTML,
  // HTML-only mail is converted by domain/html-to-text.ts, which keeps cell and block boundaries.
  skipHtmlToText: true,
  checksumAlgo: false,
  maxHeadSize: PARSE_LIMITS.maxHeadSize,
  maxHtmlLengthToParse: PARSE_LIMITS.maxHtmlLengthToParse,
};

/**
 * Parses raw MIME into a schema-valid Submission. Never throws on any `raw` input: empty,
 * garbage, oversized or broken mail yields a Submission with `parseProblem` set (the rules
 * quarantine it). Throws a TypeError only when the caller's `meta` is invalid.
 */
/**
 * `keepParts`: told the mail's files as mailparser decoded them (MIME part, bytes, type), for a caller
 * that would otherwise parse the same mail again to read them (the copy of a case's mailed files).
 */
export async function parseEmail(
  raw: Buffer,
  meta: ParseEmailMeta,
  limits: ParseEmailLimits,
  keepParts?: (parts: MailFile[]) => void,
): Promise<Submission> {
  const ses = Buffer.isBuffer(raw) ? readSesVerdictHeaders(raw) : undefined;
  const { addressedTo, ...submission } = await parseSubmission(raw, meta, limits, keepParts, ses?.dmarcFromDomains);
  const domains = ses?.dkimPassDomains;
  const from = submission.sender.address;
  // Last, as in SubmissionSchema: the schema's output is this object, key for key.
  return {
    ...submission,
    ...(domains === undefined ? {} : { dkimAligned: dkimAlignedWith(from, domains) }),
    // Only the envelope SES checked SPF against, never a Return-Path header the sender wrote.
    ...(meta.returnPath ? { spfAligned: domainsAligned(domainOf(meta.returnPath), domainOf(from)) } : {}),
    ...(addressedTo ? { addressedTo } : {}),
  };
}

async function parseSubmission(
  raw: Buffer,
  meta: ParseEmailMeta,
  limits: ParseEmailLimits,
  keepParts?: (parts: MailFile[]) => void,
  /** The From domains SES's DMARC results name (readSesVerdictHeaders), when it wrote any. */
  dmarcFromDomains?: readonly string[],
): Promise<Submission> {
  checkMeta(meta);
  const bytes = Buffer.isBuffer(raw) ? raw : Buffer.alloc(0);
  try {
    if (bytes.length === 0) return finish(meta, emptyParts('empty message: 0 bytes'));
    if (bytes.length > limits.maxRawMailBytes) {
      const parts = await parseHeadersOnly(bytes);
      return finish(meta, { ...parts, parseProblem: `oversized: ${bytes.length} bytes` });
    }
    // One budget for the mail and every message forwarded in it.
    const budget: HeaderBudget = { items: PARSE_LIMITS.headerItems };
    let parsed: ParsedMail;
    try {
      parsed = await parseFull(bytes, budget);
    } catch (err) {
      const parts = await parseHeadersOnly(bytes);
      return finish(meta, { ...parts, parseProblem: `unparseable: ${errorMessage(err)}` });
    }
    const parts = await partsFromParsed(parsed, 0, budget);
    keepParts?.(filesOf(parsed));
    // SES's DMARC verdict is about the From domain it read: another than ours (a From two readers
    // read two ways) proves nothing of the address we read, which is then no single author's.
    // (A domain SES wrote in Unicode is compared in ASCII, as the address is read.)
    const otherDomain =
      dmarcFromDomains?.some((d) => domainOf(asciiAddress(`x@${d}`)) !== domainOf(parts.sender.address)) === true;
    return finish(meta, {
      ...parts,
      ...(otherDomain ? { authorUnclear: true } : {}),
      parseProblem: structuralProblem(parsed),
    });
  } catch (err) {
    // Last resort: something above failed in a way we did not foresee.
    return finish(meta, { ...emptyParts(`unparseable: ${errorMessage(err)}`), ...cheapSender(bytes) });
  }
}

// ---------------------------------------------------------------------------------------------
// Parsing passes

/** Header items (PARSE_LIMITS.headerItems) a mail's parses may still ask for. */
interface HeaderBudget {
  items: number;
}

async function parseFull(bytes: Buffer, budget: HeaderBudget): Promise<ParsedMail> {
  // Counted before mailparser builds them: past the budget, no parse at all.
  const items = headerItems(bytes, budget.items);
  if (items > budget.items) throw new Error(`too many header items: over ${PARSE_LIMITS.headerItems}`);
  budget.items -= items;
  const prepared = transcodeHeaderBlock(bytes);
  const first = await simpleParser(prepared, BASE_OPTIONS);
  // Not a mail at all (no header field): nothing to repair, structuralProblem reports it.
  if (!hasReplacementChars(first) || !hasNamedHeaders(first)) return first;
  // Some text part did not decode cleanly: its charset label lies (Latin-1 bytes labelled
  // UTF-8, or no label at all). Parse again with every such label decoded best effort.
  try {
    const second = await simpleParser(relabelCharsets(prepared), { ...BASE_OPTIONS, Iconv: BestEffortDecoder });
    return replacementCount(second) < replacementCount(first) ? second : first;
  } catch {
    return first;
  }
}

/** Headers only, from the first 64 KB: what an oversized or broken mail lets us read cheaply. */
async function parseHeadersOnly(bytes: Buffer): Promise<MailParts> {
  const peek = bytes.subarray(0, PARSE_LIMITS.headerPeekBytes);
  const end = headerBlockEnd(peek);
  let head: Buffer;
  if (end >= 0) head = peek.subarray(0, end);
  else {
    // No blank line within the peek: keep whole lines only.
    const lastNewline = peek.lastIndexOf(0x0a);
    head = lastNewline >= 0 ? peek.subarray(0, lastNewline) : peek;
  }
  try {
    const parsed = await simpleParser(
      transcodeHeaderBlock(Buffer.concat([head, Buffer.from('\r\n\r\n')])),
      BASE_OPTIONS,
    );
    // At the deepest level: no forwarded message is read, so no budget is spent.
    const parts = await partsFromParsed(parsed, PARSE_LIMITS.embeddedDepth, { items: 0 });
    return { ...parts, text: '', html: undefined, attachments: [] };
  } catch {
    return { ...emptyParts(undefined), ...cheapSender(bytes) };
  }
}

/** Everything of a Submission that comes from the mail itself. */
interface MailParts {
  sender: Mailbox;
  headerReturnPath?: string;
  headerRecipients: string[];
  subject: string;
  text: string;
  html?: string;
  messageId?: string;
  inReplyTo?: string;
  references: string[];
  headers: Record<string, string>;
  attachments: AttachmentMeta[];
  parseProblem?: string;
  /** From names no single author (see Submission.authorUnclear). */
  authorUnclear?: boolean;
  /** A calendar part with an invitation's METHOD (see Submission.calendarInvite). */
  calendarInvite?: true;
  /** The emoji of a Gmail reaction (see Submission.reaction). */
  reaction?: string;
  /** A read receipt by its structure (see Submission.readReceipt). */
  readReceipt?: true;
  /** Any other mail system's report by its structure (see Submission.systemReport). */
  systemReport?: string;
}

function emptyParts(parseProblem: string | undefined): MailParts {
  return {
    sender: { address: '' },
    headerRecipients: [],
    subject: '',
    text: '',
    references: [],
    headers: {},
    attachments: [],
    parseProblem,
  };
}

async function partsFromParsed(parsed: ParsedMail, depth: number, budget: HeaderBudget): Promise<MailParts> {
  const headers = pickHeaders(parsed);
  const returnPathHeader = headers['return-path'];
  const fromBox = firstMailbox(parsed.from);
  // An address decoded from encoded words is nobody's: read as if the From had none.
  const senderBox =
    (fromBox && writtenInFrom(parsed, fromBox) ? fromBox : undefined) ??
    firstMailbox(headerAddress(parsed, 'sender')) ??
    undefined;
  const sender: Mailbox = senderBox ? toMailbox(senderBox) : { address: '' };
  const authorUnclear = !hasOneAuthor(parsed);

  let text = typeof parsed.text === 'string' ? parsed.text : '';
  const html = typeof parsed.html === 'string' ? parsed.html : undefined;
  if (!text.trim() && html) text = htmlToPlainText(html);
  // HTML labelled text/plain (html-to-text.ts isMarkupText): read as the mail's reader sees it.
  else if (isMarkupText(text)) text = htmlToPlainText(text);

  const attachments: AttachmentMeta[] = [];
  const shownByCid = cidsShown(parsed);
  const forwarded: string[] = [];
  let checks = PARSE_LIMITS.checkedFiles;
  let calendarInvite = false;
  let reaction: string | undefined;
  for (const att of parsed.attachments ?? []) {
    calendarInvite ||= isCalendarInvite(att);
    if (isMailSignature(att)) continue;
    if (isReactionPart(att)) {
      reaction ??= reactionEmoji(att);
      continue;
    }
    if (attachments.length < PARSE_LIMITS.attachments) {
      let meta = attachmentMeta(att, shownByCid);
      if (checks > 0 && isCheckable(meta, att.content)) {
        checks--;
        meta = checkedFile(meta, att.content);
      }
      attachments.push(meta);
    }
    if (att.contentType?.toLowerCase() === 'message/rfc822' && depth < PARSE_LIMITS.embeddedDepth) {
      forwarded.push(await embeddedMessageText(att.content, depth + 1, budget));
    }
  }
  if (forwarded.length > 0) text = [text.trimEnd(), ...forwarded].join('\n\n');
  // A reaction has no words of hers: with a text of some length, the mail says more than its emoji.
  if (reaction !== undefined && text.trim().length > REACTION_MAX_TEXT_CHARS) reaction = undefined;
  // A reaction of its part alone shows its emoji, where the team reads the mail.
  if (reaction !== undefined && !text.trim()) text = reaction;

  return {
    sender,
    headerReturnPath: returnPathHeader === undefined ? undefined : stripAngles(returnPathHeader),
    headerRecipients: [...addressesOf(parsed.to), ...addressesOf(parsed.cc)],
    subject: cleanLine(parsed.subject ?? ''),
    text,
    html,
    messageId: messageIds(parsed.messageId)[0],
    inReplyTo: messageIds(parsed.inReplyTo)[0],
    references: messageIds(parsed.references),
    headers,
    attachments,
    ...(authorUnclear ? { authorUnclear } : {}),
    ...(calendarInvite ? { calendarInvite: true as const } : {}),
    ...(reaction !== undefined ? { reaction } : {}),
    ...reportOf(parsed),
  };
}

/** A report-type as stored: a token, bounded (the header is the sender's). */
const REPORT_TYPE = /^[a-z0-9][a-z0-9.+-]{0,39}$/;

/**
 * A mail system's report by its structure (RFC 6522 `multipart/report`), whatever its subject says:
 * a read receipt (RFC 8098, `report-type=disposition-notification`: Outlook's "Não lida: Re: …", a
 * client in another language, "Gelesen: …", or no subject), or any other report — a delivery status
 * (RFC 3464) that names none of our mail (ours are bounces, read before the intake), an abuse
 * feedback report, a TLS report. Never a person's words.
 */
function reportOf(parsed: ParsedMail): { readReceipt: true } | { systemReport: string } | Record<string, never> {
  const ct = topContentType(parsed);
  if (ct?.value.toLowerCase() !== 'multipart/report') return {};
  const type = (ct.params['report-type'] ?? '').trim().toLowerCase();
  if (type === 'disposition-notification') return { readReceipt: true };
  return { systemReport: REPORT_TYPE.test(type) ? type : 'unknown' };
}

/**
 * Gmail's emoji reaction (developers.google.com/workspace/gmail/reactions/format): a part of this
 * type, not an attachment, holding {"emoji": "👍", "version": 1}, beside a text/plain "👍 Renata
 * reagiu via Gmail". It is a click on a message, with no words: it asks for nothing, closes or
 * reopens nothing, and is never relayed (auto-reply-policy.ts reads it as no person's writing). The
 * part is not listed as her file (it showed as "anexo.txt", which made her 👍 on the closing mail a
 * message with a file, and reopened the case); the raw mail keeps it.
 */
const REACTION_TYPE = 'text/vnd.google.email-reaction+json';
/** The JSON of a reaction is a few dozen bytes; anything bigger is no reaction. */
const REACTION_MAX_BYTES = 1024;
/** One emoji (UTS 51): a few code points at most, with skin tones, joiners and flags. */
const REACTION_MAX_EMOJI_CHARS = 32;
/** Gmail's text/plain of a reaction is the emoji and one line naming who reacted. */
const REACTION_MAX_TEXT_CHARS = 500;

function isReactionPart(att: ParsedMail['attachments'][number]): boolean {
  return att.contentType?.toLowerCase() === REACTION_TYPE && att.contentDisposition !== 'attachment';
}

/** The emoji of a well-formed reaction part (version 1, one short emoji), or undefined. */
function reactionEmoji(att: ParsedMail['attachments'][number]): string | undefined {
  if (att.content.length > REACTION_MAX_BYTES) return undefined;
  try {
    const json: unknown = JSON.parse(att.content.toString('utf8'));
    if (typeof json !== 'object' || json === null) return undefined;
    const { emoji, version } = json as { emoji?: unknown; version?: unknown };
    if (version !== 1 || typeof emoji !== 'string') return undefined;
    const trimmed = emoji.trim();
    return trimmed && trimmed.length <= REACTION_MAX_EMOJI_CHARS && !LETTER_OR_DIGIT.test(trimmed)
      ? trimmed
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The signature of a signed mail (S/MIME's smime.p7s, PGP/MIME's signature.asc): her mail client
 * added it, she attached nothing. It is not listed as her file (a "smime.p7s — recusado" on her
 * status page and in the analyst's notice would say otherwise); the raw mail keeps it.
 */
const SIGNATURE_TYPES = new Set([
  'application/pkcs7-signature',
  'application/x-pkcs7-signature',
  'application/pgp-signature',
]);

function isMailSignature(att: ParsedMail['attachments'][number]): boolean {
  return SIGNATURE_TYPES.has(att.contentType?.toLowerCase() ?? '');
}

/** How much of a calendar part is read for its METHOD line (it comes first, after the header). */
const CALENDAR_PEEK_BYTES = 4096;
/** iTIP methods of an invitation and its answers (RFC 5546); PUBLISH, a shared calendar file, is not one. */
const ITIP_METHOD = /^METHOD:(REQUEST|REPLY|CANCEL|COUNTER|DECLINECOUNTER|REFRESH|ADD)[ \t]*\r?$/im;

/**
 * A text/calendar part with an invitation's METHOD: the signal survives the file check, which keeps
 * the part as the plain text its bytes are (`invite.txt`).
 */
function isCalendarInvite(att: ParsedMail['attachments'][number]): boolean {
  return (
    att.contentType?.toLowerCase() === 'text/calendar' &&
    Buffer.isBuffer(att.content) &&
    ITIP_METHOD.test(att.content.subarray(0, CALENDAR_PEEK_BYTES).toString('latin1'))
  );
}

/**
 * One From field naming one mailbox, as RFC 5322 wants of a mail with one author. None (the
 * sender read from Sender or the return path), several, two From fields, a group, a field that
 * spells out another address anywhere (in the display name, a comment, or beside the mailbox
 * without a comma: "a@x b@y"), or one whose address is not written in it as we read it (encoded
 * words) leave the author to a guess: SES checks DMARC against a From domain that may not be the
 * one we read.
 */
function hasOneAuthor(parsed: ParsedMail): boolean {
  let line: string | undefined;
  for (const { key, line: l } of parsed.headerLines ?? []) {
    if (key !== 'from') continue;
    if (line !== undefined) return false;
    line = l;
  }
  if (line === undefined) return false;
  const entries = (Array.isArray(parsed.from) ? parsed.from : parsed.from ? [parsed.from] : []).flatMap(
    (obj) => obj?.value ?? [],
  );
  const entry = entries[0];
  if (entries.length !== 1 || entry?.group !== undefined || !entry?.address) return false;
  const value = line.slice(line.indexOf(':') + 1);
  // One "@" outside quoted strings and comments: the address's own. Any other ("<a@x>@evil", a
  // source route "<@evil:a@x>", an unquoted "Loja @ Centro") lets another reader take another domain.
  if (atSignsOutsideQuotes(value) !== 1) return false;
  const named = new Set<string>();
  for (const text of [value, entry.name ?? '']) addressesWritten(text, named);
  // The address read must be the one written: an encoded word ("<=?utf-8?b?…?=>", which RFC 2047
  // keeps out of addresses) decodes to an address that neither SES nor DMARC ever saw.
  const read = asciiAddress(cleanAddress(entry.address));
  return named.size <= 1 && [...named].some((written) => asciiAddress(written) === read);
}

/**
 * The "@" signs of a header field's value outside its quoted strings and comments (RFC 5322: where
 * a mailbox's grammar allows one, in its addr-spec); -1 when a quoted string or a comment is left
 * open (where it ends is then each reader's guess). Linear: one pass.
 */
function atSignsOutsideQuotes(value: string): number {
  let count = 0;
  let quoted = false;
  let depth = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charAt(i);
    if (c === '\\' && (quoted || depth > 0)) {
      i++;
      continue;
    }
    if (quoted) {
      if (c === '"') quoted = false;
    } else if (c === '(') depth++;
    else if (depth > 0) {
      if (c === ')') depth--;
    } else if (c === '"') quoted = true;
    else if (c === '@') count++;
  }
  return quoted || depth > 0 ? -1 : count;
}

/** Whether a From field spells out the mailbox's address as read (see hasOneAuthor). */
function writtenInFrom(parsed: ParsedMail, box: EmailAddress): boolean {
  const read = asciiAddress(cleanAddress(box.address ?? ''));
  const named = new Set<string>();
  for (const { key, line } of parsed.headerLines ?? []) {
    if (key === 'from') addressesWritten(line.slice(line.indexOf(':') + 1), named);
  }
  return [...named].some((written) => asciiAddress(written) === read);
}

/** Characters that end an address written in free text. */
const ADDRESS_END = /[\s<>()",;:@[\]]/;

/**
 * Adds to `out` everything written like an address (local@domain, lower-cased) in `text`. Linear:
 * each '@' reads out to the nearest separator on each side, and '@' is one.
 */
function addressesWritten(text: string, out: Set<string>): void {
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && !ADDRESS_END.test(text.charAt(start - 1))) start--;
    let end = at + 1;
    while (end < text.length && !ADDRESS_END.test(text.charAt(end))) end++;
    if (start < at && end > at + 1) out.add(text.slice(start, end).toLowerCase().replace(/\.$/, ''));
  }
}

/** A message forwarded as an attachment, as text after a clear marker. */
async function embeddedMessageText(content: Buffer | undefined, depth: number, budget: HeaderBudget): Promise<string> {
  if (!content || content.length === 0) return `${FORWARDED_MARKER}\n(mensagem encaminhada vazia)`;
  try {
    const inner = await parseFull(content, budget);
    const parts = await partsFromParsed(inner, depth, budget);
    const lines = [FORWARDED_MARKER];
    const from = parts.sender.name ? `${parts.sender.name} <${parts.sender.address}>` : parts.sender.address;
    if (from) lines.push(`De: ${from}`);
    const date = rawHeader(inner, 'date');
    if (date) lines.push(`Data: ${date}`);
    if (parts.subject) lines.push(`Assunto: ${parts.subject}`);
    if (parts.headerRecipients.length > 0) lines.push(`Para: ${parts.headerRecipients.slice(0, 10).join(', ')}`);
    return `${lines.join('\n')}\n\n${parts.text}`;
  } catch {
    return `${FORWARDED_MARKER}\n(não foi possível ler a mensagem encaminhada)`;
  }
}

function hasNamedHeaders(parsed: ParsedMail): boolean {
  // mailsplit takes whatever precedes a colon as a name; real field names look like this.
  return (parsed.headerLines ?? []).some((l) => /^[a-z0-9][a-z0-9_.-]*$/.test(l.key));
}

function structuralProblem(parsed: ParsedMail): string | undefined {
  if (!hasNamedHeaders(parsed)) return 'unparseable: no header fields (not an email message)';
  const ct = topContentType(parsed);
  if (ct?.value.toLowerCase().startsWith('multipart/') && !ct.params['boundary']) {
    return 'malformed MIME: multipart without boundary';
  }
  return undefined;
}

/** The message's own Content-Type, as mailparser structures it (value and parameters), when it has one. */
function topContentType(parsed: ParsedMail): { value: string; params: Record<string, string> } | undefined {
  const contentType = parsed.headers?.get('content-type');
  return contentType && typeof contentType === 'object' && 'value' in contentType && 'params' in contentType
    ? (contentType as { value: string; params: Record<string, string> })
    : undefined;
}

// ---------------------------------------------------------------------------------------------
// Assembling and validating the Submission

function finish(meta: ParseEmailMeta, parts: MailParts): Submission {
  const returnPath =
    meta.returnPath !== undefined
      ? cleanAddress(stripAngles(meta.returnPath))
      : optionalAddress(parts.headerReturnPath);
  let sender = parts.sender;
  let parseProblem = parts.parseProblem;
  if (!sender.address && returnPath) sender = { ...sender, address: returnPath };
  if (!sender.address && !parseProblem) parseProblem = 'missing sender: no From address';

  const recipientSource = meta.recipients ?? parts.headerRecipients;
  const recipients = addressList(recipientSource);
  // The envelope's recipients are the server's word; the mail's own To and Cc are what its author
  // (and a DKIM signature of them) wrote: kept too when the envelope is what `recipients` holds.
  const addressedTo = meta.recipients === undefined ? undefined : addressList(parts.headerRecipients);

  // Every field is bounded here, by construction: the schema is not run again on each mail (issue
  // 16: ~3 ms of every cold start to build it, ~25 µs a mail); the tests hold every output to it.
  return {
    channel: 'email',
    sourceId: meta.sourceId,
    receivedAt: meta.receivedAt,
    sender,
    returnPath,
    recipients,
    subject: cutBetweenCharacters(parts.subject, PARSE_LIMITS.subjectChars),
    text: capText(cleanText(parts.text)),
    html: parts.html === undefined ? undefined : cutBetweenCharacters(cleanText(parts.html), PARSE_LIMITS.htmlChars),
    messageId: parts.messageId,
    inReplyTo: parts.inReplyTo,
    references: parts.references.slice(-PARSE_LIMITS.references),
    headers: parts.headers,
    verdicts: meta.verdicts,
    attachments: parts.attachments,
    raw: meta.raw,
    // In SubmissionSchema's order: the schema's output is this object, key for key.
    ...(parts.authorUnclear ? { authorUnclear: true } : {}),
    ...(parts.calendarInvite ? { calendarInvite: true } : {}),
    ...(parts.reaction !== undefined ? { reaction: parts.reaction } : {}),
    ...(parts.readReceipt ? { readReceipt: true } : {}),
    ...(parts.systemReport !== undefined ? { systemReport: parts.systemReport } : {}),
    parseProblem:
      parseProblem === undefined
        ? undefined
        : cutBetweenCharacters(cleanLine(parseProblem), PARSE_LIMITS.parseProblemChars),
    ...(addressedTo ? { addressedTo } : {}),
  };
}

/** Addresses cleaned, empty ones dropped, each once, at most PARSE_LIMITS.recipients. */
function addressList(addresses: readonly string[]): string[] {
  return [...new Set(addresses.map(cleanAddress).filter((a) => a.length > 0))].slice(0, PARSE_LIMITS.recipients);
}

function checkMeta(meta: ParseEmailMeta): void {
  const id = meta?.sourceId;
  if (typeof id !== 'string' || id.length === 0 || id.length > 200) {
    throw new TypeError('parseEmail: meta.sourceId must be 1–200 characters');
  }
  if (!IsoInstantSchema.safeParse(meta.receivedAt).success) {
    throw new TypeError('parseEmail: meta.receivedAt must be an ISO 8601 date-time');
  }
}

// ---------------------------------------------------------------------------------------------
// Fields

function firstMailbox(value: AddressObject | AddressObject[] | undefined): EmailAddress | undefined {
  for (const obj of value === undefined ? [] : Array.isArray(value) ? value : [value]) {
    for (const entry of obj?.value ?? []) {
      if (entry.address) return entry;
      const member = entry.group?.find((g) => g.address);
      if (member) return member;
    }
  }
  return undefined;
}

function addressesOf(value: AddressObject | AddressObject[] | undefined): string[] {
  const out: string[] = [];
  for (const obj of value === undefined ? [] : Array.isArray(value) ? value : [value]) {
    for (const entry of obj?.value ?? []) {
      if (entry.address) out.push(entry.address);
      for (const member of entry.group ?? []) if (member.address) out.push(member.address);
      // 10,000 recipients: stop early, we keep 100 anyway.
      if (out.length > PARSE_LIMITS.recipients * 2) return out;
    }
  }
  return out;
}

function headerAddress(parsed: ParsedMail, key: string): AddressObject | undefined {
  const value = parsed.headers?.get(key);
  if (value && typeof value === 'object' && !Array.isArray(value) && 'value' in value && Array.isArray(value.value)) {
    return value as AddressObject;
  }
  return undefined;
}

function toMailbox(entry: EmailAddress): Mailbox {
  const name = cutBetweenCharacters(cleanLine(entry.name ?? ''), PARSE_LIMITS.nameChars);
  const address = asciiAddress(cleanAddress(entry.address ?? ''));
  return name ? { name, address } : { address };
}

/** The address with its domain in ASCII (withAsciiDomain), or as it came when that domain is no name. */
function asciiAddress(address: string): string {
  return withAsciiDomain(address) ?? address;
}

/** Whitespace, control characters and bidi controls: no part of an address. */
const NOT_IN_ADDRESS = /[\s\p{Cc}\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu;

function cleanAddress(value: string): string {
  // Addresses have no whitespace or control characters; bidi controls are spoofing tools.
  return cutBetweenCharacters(value.replace(NOT_IN_ADDRESS, '').toLowerCase(), PARSE_LIMITS.addressChars);
}

function optionalAddress(value: string | undefined): string | undefined {
  return value === undefined ? undefined : cleanAddress(value);
}

function stripAngles(value: string): string {
  const trimmed = value.trim();
  const inside = /<([^<>]*)>/.exec(trimmed);
  return inside ? (inside[1] ?? '') : trimmed;
}

/** Message-IDs from a header value (or values), angle brackets removed, deduplicated (a Set: a
 * hostile References header may hold tens of thousands of ids). */
function messageIds(value: string | string[] | undefined): string[] {
  const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const out = new Set<string>();
  for (const v of values) {
    if (typeof v !== 'string') continue;
    const bracketed = [...v.matchAll(/<([^<>]*)>/g)].map((m) => m[1] ?? '');
    const tokens = bracketed.length > 0 ? bracketed : v.split(/[\s,]+/);
    for (const token of tokens) {
      const id = cutBetweenCharacters(token.replace(SPACE_OR_CONTROL, ''), PARSE_LIMITS.messageIdChars);
      if (id) out.add(id);
    }
  }
  return [...out];
}

/** The auto-reply relevant headers of the top-level message: raw, unfolded, bounded. */
function pickHeaders(parsed: ParsedMail): Record<string, string> {
  const wanted = new Set<string>(AUTO_REPLY_HEADERS);
  const found = new Map<string, string[]>();
  for (const { key, line } of parsed.headerLines ?? []) {
    if (!wanted.has(key)) continue;
    const value = headerLineValue(line);
    found.set(key, [...(found.get(key) ?? []), value]);
  }
  const out: Record<string, string> = {};
  for (const [key, values] of found) out[key] = cutBetweenCharacters(values.join(', '), PARSE_LIMITS.headerValueChars);
  return out;
}

function rawHeader(parsed: ParsedMail, key: string): string | undefined {
  const line = (parsed.headerLines ?? []).find((l) => l.key === key)?.line;
  return line === undefined ? undefined : cutBetweenCharacters(headerLineValue(line), PARSE_LIMITS.headerValueChars);
}

/** headerLines are byte strings (latin1); the header block was made UTF-8 beforehand. */
function headerLineValue(line: string): string {
  const decoded = Buffer.from(line, 'latin1').toString('utf8');
  const colon = decoded.indexOf(':');
  return cleanLine(colon >= 0 ? decoded.slice(colon + 1) : decoded);
}

/**
 * The images the mail's HTML body shows by Content-ID (body-images.ts). An HTML body written as
 * text/plain counts (isMarkupText: her mail client shows it as HTML). Read only when a part has a
 * Content-ID at all; linear in the HTML.
 */
function cidsShown(parsed: ParsedMail): ReadonlyMap<string, BodyImage> {
  const shown = new Map<string, BodyImage>();
  if (!(parsed.attachments ?? []).some((att) => att.cid || att.contentId)) return shown;
  const html = typeof parsed.html === 'string' ? parsed.html : '';
  const markup = typeof parsed.text === 'string' && isMarkupText(parsed.text) ? parsed.text : '';
  for (const body of [html, markup]) bodyImages(body, shown);
  return shown;
}

/**
 * `shownByCid`: the images the HTML body shows (cidsShown). Only such a part can be `inline`, whatever
 * its disposition or place — iOS and Apple Mail send an attached photo as `Content-Disposition:
 * inline` with a filename and no `cid:` anywhere, and that photo is her file like any other — and
 * only when it is the body's decoration (a signature's logo, an image of the quoted history): a
 * screenshot pasted in the text is her file too (body-images.ts isPicture).
 */
function attachmentMeta(
  att: ParsedMail['attachments'][number],
  shownByCid: ReadonlyMap<string, BodyImage>,
): AttachmentMeta {
  const filename = att.filename ? cutBetweenCharacters(cleanLine(att.filename), PARSE_LIMITS.filenameChars) : '';
  const contentType = cutBetweenCharacters(cleanLine(att.contentType || 'application/octet-stream').toLowerCase(), 255);
  const cid = att.cid ?? (att.contentId ? stripAngles(att.contentId) : '');
  const partId = att.partId ? cutBetweenCharacters(cleanLine(att.partId), PARSE_LIMITS.partIdChars) : '';
  const contentId = cutBetweenCharacters(cleanLine(cid), PARSE_LIMITS.contentIdChars);
  const size = Buffer.isBuffer(att.content) ? att.content.length : Math.max(0, Math.trunc(att.size ?? 0));
  const shown = cid !== '' ? shownByCid.get(cidKey(cid)) : undefined;
  // In the schema's order (AttachmentMetaSchema), as the stored records have always had them.
  return {
    ...(filename ? { filename } : {}),
    contentType: contentType || 'application/octet-stream',
    size,
    ...(partId ? { partId } : {}),
    ...(contentId ? { contentId } : {}),
    inline: shown !== undefined && !isPicture(shown, size),
  };
}

function isCheckable(meta: AttachmentMeta, content: unknown): content is Buffer {
  return !meta.inline && Buffer.isBuffer(content) && content.length <= PARSE_LIMITS.checkedFileBytes;
}

/**
 * A mail's file as the office may pass it on: the kind its bytes prove, with that kind's one content
 * type and a sanitised name ending in its extension (`fatura.pdf.exe` with PDF bytes is
 * `fatura_pdf_exe.pdf`); or REFUSED — an executable, a polyglot, HTML, active PDF content, macros, a
 * CSV with formulas, a forwarded message, anything else — the webform's rule (file-type.ts). The name a merchant gave a
 * refused file is kept for the listing; the bytes stay in the raw mail.
 */
function checkedFile(meta: AttachmentMeta, content: Buffer): AttachmentMeta {
  // A forwarded message (or a report's copy of one) is mail, whatever files it carries: its text is
  // already read into the message; the message itself is not passed on.
  // An encrypted mail's envelope is ciphertext, never her file (encrypted-mail.ts): refused as declared.
  if (isEncryptionPartType(meta.contentType)) return { ...meta, scan: 'REFUSED' };
  const check = meta.contentType.startsWith('message/') ? null : detectFileKind(content, meta.filename ?? '');
  if (!check?.ok) return { ...meta, scan: 'REFUSED' };
  // In the schema's order (AttachmentMetaSchema).
  const { filename, contentType: _declared, ...rest } = meta;
  return { filename: sanitizeFilename(filename ?? '', check.kind), contentType: check.mime, ...rest, kind: check.kind };
}

/** Sender from the raw From field (the first, unfolded), for input mailparser could not read at all. */
function cheapSender(bytes: Buffer): { sender: Mailbox } {
  const from = readHeaderBlock(bytes, { encoding: 'latin1', strayLine: 'skip' }).find((f) => f.name === 'from');
  // Tried only where a run starts ((?<!…)): from inside a run it fails the same way, once per character.
  const address = /(?<![^\s<>"@])[^\s<>"@]+@[^\s<>"@]+/.exec(from?.value ?? '')?.[0] ?? '';
  return { sender: { address: cleanAddress(address) } };
}

// ---------------------------------------------------------------------------------------------
// Text hygiene

/**
 * One line: no control characters (CR/LF injection), no invisible characters (a zero-width space
 * inside a protocol, bidi marks in a display name), whitespace collapsed.
 */
function cleanLine(value: string): string {
  return withoutInvisible(value)
    .replace(CONTROL_RUNS, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/**
 * Multi-line text: newlines kept as \n, NUL and other control characters removed, and the bidi
 * controls, as in what she types in the form: the analyst reads her mail in the order it is written.
 */
function cleanText(value: string): string {
  return withoutBidiControls(value.replace(/\r\n?/g, '\n').replace(CONTROL_BUT_TAB_AND_NEWLINE, ''));
}

/* A module constant, not a literal in the function: esbuild writes a literal with \p{…} as `new RegExp(…)`, built on every call (issue 16). */
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const SPACE_OR_CONTROL = /[\s\p{Cc}]/gu;
const CONTROL_RUNS = /[\p{Cc}\u2028\u2029]+/gu;
const CONTROL_BUT_TAB_AND_NEWLINE = /[^\P{Cc}\t\n]/gu;

function capText(text: string): string {
  if (text.length <= PARSE_LIMITS.textChars) return text;
  const omitted = text.length - PARSE_LIMITS.textChars;
  return `${cutBetweenCharacters(text, PARSE_LIMITS.textChars)}\n\n[… texto truncado: ${omitted} caracteres omitidos; a mensagem original completa está guardada]`;
}

function errorMessage(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return cutBetweenCharacters(cleanLine(message), 300) || 'unknown error';
}

function transcodeHeaderBlock(bytes: Buffer): Buffer {
  return transcodeHeaderBlockUpTo(bytes, PARSE_LIMITS.maxHeadSize);
}
