/**
 * Signs the short-lived download link of one clean webform file (the console's file route redirects
 * to it), once the stored object is still the one the case claimed: a file replaced after the
 * submission (its presigned POST re-sent within the policy's time) is bytes no check has read.
 */
import { type LinkableAttachment, safeContentType } from '../domain/uploads/download';
import { stillClaimedBy } from '../domain/uploads/plan';
import type { AttachmentLinks, UploadStore } from '../ports';

/** `replaced`: the object is no longer the case's file; null: the link cannot be signed now. */
export async function signedDownload(
  file: LinkableAttachment,
  caseId: string,
  links: AttachmentLinks,
  uploads: Pick<UploadStore, 'tags'>,
): Promise<string | 'replaced' | null> {
  try {
    if (!stillClaimedBy(await uploads.tags(file.key), caseId)) return 'replaced';
    return await links.linkFor(file.key, file.filename ?? '', safeContentType(file.contentType));
  } catch {
    return null;
  }
}
