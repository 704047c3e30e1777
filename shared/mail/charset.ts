/**
 * Charset repair for raw mail: mislabelled 8-bit mail (Latin-1 sent as UTF-8 or unlabelled,
 * common in Brazilian webmail and ERP mail) and 8-bit header blocks. parse-email.ts uses these
 * on its repair pass; they know bytes and labels, not MIME structure.
 */
import { isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';
import type { ParsedMail } from 'mailparser';

/** Charset label used on the repair pass: decoded as UTF-8 when valid, else windows-1252. */
export const AUTODETECT_CHARSET = 'x-ouvidoria-autodetect';

/** Index just past the blank line that ends the header block, or -1. */
export function headerBlockEnd(bytes: Buffer): number {
  const crlf = bytes.indexOf('\r\n\r\n');
  // Only a "\n\n" before it counts: searched no further (a CRLF mail has none, so the search ran
  // through every byte of it, attachments included).
  const lf = (crlf >= 0 ? bytes.subarray(0, crlf + 1) : bytes).indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return crlf + 4;
  return lf >= 0 ? lf + 2 : -1;
}

/**
 * RFC 5322 headers are ASCII; 8-bit headers in practice are UTF-8 (RFC 6532) or, from old
 * clients, windows-1252. mailparser reads raw 8-bit headers as UTF-8, so a header block that
 * is not valid UTF-8 is transcoded from windows-1252 first.
 */
export function transcodeHeaderBlock(bytes: Buffer, maxHeadSize: number): Buffer {
  const searchable = bytes.subarray(0, maxHeadSize);
  let end = headerBlockEnd(searchable);
  if (end < 0) end = searchable.length;
  const head = bytes.subarray(0, end);
  if (!hasHighByte(head) || isUtf8(head)) return bytes;
  return Buffer.concat([Buffer.from(decodeWindows1252(head), 'utf8'), bytes.subarray(end)]);
}

function hasHighByte(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] as number) >= 0x80) return true;
  return false;
}

/** windows-1252 bytes 0x80–0x9F; the rest is ISO-8859-1. (Node's TextDecoder reads them as Latin-1.) */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

export function decodeWindows1252(bytes: Buffer): string {
  const latin1 = bytes.toString('latin1');
  return latin1.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
}

/** Labels WHATWG decodes as windows-1252 (a superset of ISO-8859-1 for text). */
const WESTERN_SINGLE_BYTE = new Set([
  'windows1252',
  'cp1252',
  'xcp1252',
  'iso88591',
  'latin1',
  'l1',
  'cp819',
  'ibm819',
]);

const UTF8_LIKE = new Set(['utf8', 'usascii', 'ascii', 'xouvidoriaautodetect', 'unicode11utf8', '']);

/** Decodes a text part in its declared charset, or as UTF-8/windows-1252 when the label lies. */
export function decodeBestEffort(bytes: Buffer, charset: string): string {
  const label = charset.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (WESTERN_SINGLE_BYTE.has(label)) return decodeWindows1252(bytes);
  if (!UTF8_LIKE.has(label)) {
    try {
      return new TextDecoder(charset.trim()).decode(bytes);
    } catch {
      // Unknown label: fall through to detection.
    }
  }
  return isUtf8(bytes) ? bytes.toString('utf8') : decodeWindows1252(bytes);
}

/** Stands in for node-iconv on the repair pass (mailparser's `Iconv` option). */
export class BestEffortDecoder extends Transform {
  private readonly chunks: Buffer[] = [];
  constructor(private readonly charset: string) {
    super();
  }
  override _transform(chunk: Buffer | string, _encoding: BufferEncoding, done: TransformCallback): void {
    this.chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, 'latin1'));
    done();
  }
  override _flush(done: TransformCallback): void {
    this.push(Buffer.from(decodeBestEffort(Buffer.concat(this.chunks), this.charset), 'utf8'));
    done();
  }
}

/**
 * mailparser decodes parts labelled UTF-8/US-ASCII (or unlabelled) itself, without asking the
 * Iconv hook. On the repair pass their label becomes one the hook handles.
 */
export function relabelCharsets(bytes: Buffer): Buffer {
  let source = bytes.toString('latin1');
  const head = source.slice(0, Math.max(0, headerBlockEnd(bytes)));
  if (!/^content-type:/im.test(head)) {
    source = `Content-Type: text/plain; charset=${AUTODETECT_CHARSET}\r\n${source}`;
  }
  const relabelled = source.replace(
    /^(content-type:[ \t]*text\/(?:plain|html)\b[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)/gim,
    (header: string) => {
      if (!/charset[ \t]*=/i.test(header)) return `${header}; charset=${AUTODETECT_CHARSET}`;
      return header.replace(/charset[ \t]*=[ \t]*"?(?:utf-?8|us-ascii|ascii)"?/gi, `charset=${AUTODETECT_CHARSET}`);
    },
  );
  return Buffer.from(relabelled, 'latin1');
}

export function replacementCount(parsed: ParsedMail): number {
  const text = typeof parsed.text === 'string' ? parsed.text : '';
  const html = typeof parsed.html === 'string' ? parsed.html : '';
  let count = 0;
  for (const s of [text, html]) {
    for (let i = s.indexOf('\ufffd'); i >= 0; i = s.indexOf('\ufffd', i + 1)) count++;
  }
  return count;
}

export function hasReplacementChars(parsed: ParsedMail): boolean {
  return (
    (typeof parsed.text === 'string' && parsed.text.includes('\ufffd')) ||
    (typeof parsed.html === 'string' && parsed.html.includes('\ufffd'))
  );
}
