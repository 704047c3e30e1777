/**
 * Signs the short-lived download link of one clean webform file (the console's file route redirects
 * to it). null when it cannot be signed: the console says so instead of failing.
 */
import { type LinkableAttachment, safeContentType } from '../domain/uploads/download';
import type { AttachmentLinks } from '../ports';

export async function signedDownload(file: LinkableAttachment, links: AttachmentLinks): Promise<string | null> {
  try {
    return await links.linkFor(file.key, file.filename ?? '', safeContentType(file.contentType));
  } catch {
    return null;
  }
}
