/**
 * A clean file a case claimed leaves the prefix upload policies name (CLAIMED_PREFIX in
 * domain/uploads/plan.ts): the submission moves it when the scan came first, the scan result when
 * the submission did. The copy is pinned to the bytes the caller listed or the scanner scanned
 * (their version and ETag): a presigned POST re-sent meanwhile is another version, never the copy's
 * source, and the `moved` tag goes on the version copied. The upload left behind is tagged `moved` (the lifecycle deletes it like a pending one).
 */
import { CASE_TAG, claimedKey, STATE_TAG } from '../domain/uploads/plan';
import type { UploadStore } from '../ports';

/** The claimed copy's key, or undefined when the upload is no longer the bytes of `etag`. */
export async function moveToClaimed(
  uploads: Pick<UploadStore, 'copy' | 'setState'>,
  key: string,
  etag: string | undefined,
  tags: Record<string, string>,
  caseId: string,
  version?: string,
): Promise<string | undefined> {
  const to = claimedKey(key);
  // Moved already (a retried submission, a redelivered result): the copy may carry newer tags since.
  if (tags[STATE_TAG] === 'moved' && tags[CASE_TAG] === caseId) return to;
  if (!(await uploads.copy(key, to, etag, { ...tags, [STATE_TAG]: 'attached', [CASE_TAG]: caseId }, version)))
    return undefined;
  await uploads.setState(key, 'moved', caseId, version);
  return to;
}
