/**
 * Files a merchant mailed, kept where the webform's files are (the uploads bucket), so that the
 * console offers them for download — after the same malware scan and by the same route — instead of
 * naming them only (their bytes were inside the raw mail alone). Pure: which files of a message
 * qualify, and the key each one gets. The copying is shared/app/mail-file-copies.ts.
 *
 * A file qualifies when the intake accepted it: not an image of the body (inline), a MIME part of
 * its own, its bytes proved one of the configured kinds (`kind`, set by the parser with the
 * webform's rule: a refused or unchecked file has none), not empty, and within the webform's limits
 * (`attachments`: files, bytes per file, bytes together — the one place those facts live), in the
 * mail's order. A mail SES's anti-virus flagged never gets here (it is quarantined), and is refused
 * again here all the same.
 */
import { createHash } from 'node:crypto';
import type { AttachmentsConfig } from '../config';
import type { AttachmentMeta, Verdict } from '../submission';
import { UPLOADS_PREFIX, uploadKey } from './plan';

/** The message a file belongs to: its case, its own source id (delivery id), and SES's virus verdict. */
export interface MailFileOwner {
  caseId: string;
  sourceId: string;
  virus?: Verdict | undefined;
}

/**
 * The positions of the files of a mail that are copied, in order, within the limits: at most
 * `maxFiles`, each at most `maxFileBytes`, all together at most `maxTotalBytes` (a file that would
 * pass the total is skipped, a smaller one after it may still go).
 */
export function mailFilesToCopy(
  attachments: readonly AttachmentMeta[],
  virus: Verdict | undefined,
  config: AttachmentsConfig,
): number[] {
  if (virus === 'FAIL') return [];
  const picked: number[] = [];
  let total = 0;
  for (const [index, a] of attachments.entries()) {
    if (picked.length >= config.maxFiles) break;
    if (a.inline || a.key !== undefined || a.partId === undefined || a.kind === undefined) continue;
    if (!config.allowedTypes.includes(a.kind)) continue;
    if (a.size <= 0 || a.size > config.maxFileBytes || a.size > config.maxTotalBytes - total) continue;
    picked.push(index);
    total += a.size;
  }
  return picked;
}

/**
 * The uploads-bucket key of the `index`-th file (0-based, its place among the mail's attachments) of
 * a message on a case: `uploads/<32 hex>/<NN>`, the webform's shape (so the scan result, the move
 * to `claimed/`, the retention rules and the erasure treat it as one of theirs), the hex a hash of
 * the case and the message. Deterministic: a retried delivery writes the same keys. No part comes
 * from the mail (a file named `../../x` names no key).
 */
export function mailFileKey(caseId: string, sourceId: string, index: number): string {
  const id = createHash('sha256').update(`mail-file\n${caseId}\n${sourceId}`).digest('hex').slice(0, 32);
  return uploadKey(id, index);
}

/**
 * The message's files with the qualifying ones keyed and `PENDING` (the webform's state for a file
 * the scanner has not passed yet): recorded so in the write that stores the message, before any
 * byte is copied, so the console lists it as being checked and the copy's retry knows what to write.
 */
export function withMailFileKeys(
  attachments: AttachmentMeta[],
  owner: MailFileOwner,
  config: AttachmentsConfig,
): AttachmentMeta[] {
  const picked = new Set(mailFilesToCopy(attachments, owner.virus, config));
  if (picked.size === 0) return attachments;
  return attachments.map((a, i) =>
    picked.has(i) ? { ...a, key: mailFileKey(owner.caseId, owner.sourceId, i), scan: 'PENDING' as const } : a,
  );
}

/**
 * The files of a stored message still to be copied: those whose key is the one mailFileKey gives
 * them under uploads/ (a file the scan result moved to `claimed/` is done; a webform file's key is
 * not of this shape).
 */
export function mailFilesPending(
  attachments: readonly AttachmentMeta[],
  owner: Pick<MailFileOwner, 'caseId' | 'sourceId'>,
): Array<AttachmentMeta & { key: string; partId: string }> {
  const pending: Array<AttachmentMeta & { key: string; partId: string }> = [];
  for (const [index, a] of attachments.entries()) {
    if (a.partId === undefined || a.key === undefined || !a.key.startsWith(UPLOADS_PREFIX)) continue;
    if (a.key !== mailFileKey(owner.caseId, owner.sourceId, index)) continue;
    pending.push(a as AttachmentMeta & { key: string; partId: string });
  }
  return pending;
}
