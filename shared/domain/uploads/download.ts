/**
 * Short-lived download links of webform files (issue 19): which files get one and how they are
 * served. Pure: the links themselves come through the AttachmentLinks port (shared/ports.ts).
 *
 * Only files the scanner found clean get a link; the link always serves the file as a download
 * (`Content-Disposition: attachment`) with one of the accepted, passive content types — never
 * what the browser or the name claimed.
 */
import type { CaseMessage } from '../case';
import type { AttachmentMeta } from '../submission';
import { KIND_MIME } from './file-type';

/**
 * Seconds a signed download link lives. No page shows one: the console's case page links each file
 * to the console itself (routes.ts, caseFilePath), which checks the session and the case on every
 * click and only then redirects to a link signed for this long. A link copied from the page stops
 * working at sign-out; the signed one behind it dies within a minute, used or not.
 */
export const DOWNLOAD_LINK_SECONDS = 60;

/** Types a link may serve as they are; anything else goes out as application/octet-stream. */
const SAFE_TYPES = new Set<string>(Object.values(KIND_MIME));

export function safeContentType(contentType: string): string {
  const base = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!SAFE_TYPES.has(base)) return 'application/octet-stream';
  return base.startsWith('text/') ? `${base}; charset=utf-8` : base;
}

/** RFC 6266 `attachment` with an ASCII fallback name and the UTF-8 one (RFC 8187). */
export function attachmentDisposition(filename: string): string {
  const name = filename.trim() === '' ? 'anexo' : filename;
  const ascii =
    name
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\;%]/g, '_')
      .trim() || 'anexo';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export type LinkableAttachment = AttachmentMeta & { key: string };

/** A webform file the scanner found clean: the only kind that gets a link. */
export function isLinkable(a: AttachmentMeta): a is LinkableAttachment {
  return typeof a.key === 'string' && a.key !== '' && a.scan === 'NO_THREATS_FOUND';
}

/** The clean webform files of a case's messages, once each. */
export function linkableAttachments(messages: readonly CaseMessage[]): LinkableAttachment[] {
  const seen = new Map<string, LinkableAttachment>();
  for (const m of messages) for (const a of m.attachments as AttachmentMeta[]) if (isLinkable(a)) seen.set(a.key, a);
  return [...seen.values()];
}

/** Links by object key (what the renderers take). */
export type AttachmentLinkMap = Readonly<Record<string, string>>;
