/**
 * Signs the short-lived links of a case's clean webform files for a notice or a page. A file whose
 * link cannot be signed is listed without one (the notice still goes out).
 */
import { type AttachmentLinkMap, type LinkableAttachment, safeContentType } from '../domain/uploads/download';
import type { AttachmentLinks } from '../ports';

export async function attachmentLinkMap(
  files: readonly LinkableAttachment[],
  links: AttachmentLinks,
): Promise<AttachmentLinkMap> {
  const out: Record<string, string> = {};
  for (const f of files) {
    try {
      out[f.key] = await links.linkFor(f.key, f.filename ?? '', safeContentType(f.contentType));
    } catch {
      // Listed without a link: the analyst still sees the file and its scan result.
    }
  }
  return out;
}
