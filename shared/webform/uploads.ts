/**
 * Attachments of the webform (issue 19). Two ways in, one way to the case:
 * - with JavaScript, POST /anexos issues presigned POST policies (exact key under
 *   `uploads/<pending id>/`, content type, exact length, `pending` tag, short expiry) and the
 *   browser sends each file straight to S3 with progress;
 * - without JavaScript, the multipart post carries the files; they are checked on their bytes
 *   and stored under a new pending id the same way.
 * On submission, `claimUploads` reads what is really in the bucket under the pending id: scan
 * status from GuardDuty's tag, type from the bytes of clean files, sanitised name; it copies each
 * clean file under `claimed/` (out of every upload policy's reach) and tags it `attached` (or
 * `quarantined`) with the case id. Files never claimed stay `pending` and the lifecycle rule deletes
 * them: an upload alone never creates a case.
 */
import { randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import { moveToClaimed } from '../app/claimed-files';
import type { OuvidoriaConfig } from '../domain/config';
import { DAY_SECONDS, utcDayStart } from '../domain/instant';
import { hashedInboxKey } from '../domain/mailbox';
import { once } from '../domain/memo';
import type { AttachmentMeta } from '../domain/submission';
import { detectFileKind, KIND_MIME, kindFromDeclared, REFUSAL_MESSAGES } from '../domain/uploads/file-type';
import { sanitizeFilename } from '../domain/uploads/filename';
import {
  CLAIMED_PREFIX,
  checkDeclared,
  claimableBy,
  isPendingId,
  isQuarantinedScan,
  objectsOfFile,
  type UploadState,
  uploadKey,
  uploadPrefix,
} from '../domain/uploads/plan';
import type { Clock, RateLimiter } from '../ports';
import type { PresignedPost } from '../uploads/post-policy';
import { scanStatusOf, type StoredUpload, type UploadStore } from '../uploads/ports';
import type { MultipartFile } from './multipart';
import type { AttachmentView } from './page';

export interface UploadDeps {
  uploads: UploadStore;
  rateLimiter: RateLimiter;
  clock: Clock;
  config: OuvidoriaConfig;
}

export const UPLOAD_MESSAGES = {
  badRequest: 'Não foi possível ler a lista de arquivos. Envie {"files":[{"name","size","type"}]}.',
  reselect: 'Selecione os arquivos novamente antes de enviar.',
} as const;

// Built at the first POST /anexos, not at load: other requests never read it.
const declaredSchema = once(() =>
  z.object({
    files: z
      .array(
        z.object({
          name: z.string().check(z.maxLength(1000)),
          size: z.int().check(z.nonnegative()),
          type: z._default(z.string().check(z.maxLength(255)), ''),
        }),
      )
      .check(z.minLength(1), z.maxLength(50)),
  }),
);

export interface IssuedUpload {
  key: string;
  name: string;
  url: string;
  fields: Record<string, string>;
}

export type IssueResult =
  | { status: 200; json: { pendingId: string; expiresInSeconds: number; files: IssuedUpload[] } }
  | { status: 400; json: { message: string; file?: string } };

/** A new pending submission id: 128 random bits, hex. */
export function newPendingId(): string {
  return randomBytes(16).toString('hex');
}

/** POST /anexos: presigned POST policies for the files a browser is about to send. */
export async function issueUploads(fields: unknown, deps: UploadDeps): Promise<IssueResult> {
  const parsed = declaredSchema().safeParse(fields);
  if (!parsed.success) return { status: 400, json: { message: UPLOAD_MESSAGES.badRequest } };
  const checked = checkDeclared(parsed.data.files, deps.config.attachments);
  if (!checked.ok)
    return { status: 400, json: { message: checked.message, ...(checked.file ? { file: checked.file } : {}) } };
  const pendingId = newPendingId();
  const expiresInSeconds = deps.config.attachments.uploadPolicySeconds;
  const now = deps.clock.now();
  const files: IssuedUpload[] = [];
  for (const [index, file] of checked.files.entries()) {
    const key = uploadKey(pendingId, index);
    const name = sanitizeFilename(file.name, file.kind);
    // The policy binds the safe type of the declared kind, not the browser's claim.
    const post: PresignedPost = await deps.uploads.presign(
      key,
      { contentType: KIND_MIME[file.kind], size: file.size, filename: name },
      now,
      expiresInSeconds,
    );
    files.push({ key, name, url: post.url, fields: post.fields });
  }
  return { status: 200, json: { pendingId, expiresInSeconds, files } };
}

export type StoreFilesResult = { ok: true; pendingId?: string } | { ok: false; message: string };

/** The multipart (no JavaScript) path: limits, then the bytes' type, then the bucket. */
export async function storeFormFiles(files: MultipartFile[], deps: UploadDeps): Promise<StoreFilesResult> {
  if (files.length === 0) return { ok: true };
  const config = deps.config.attachments;
  const tooBig = files.find((f) => f.truncated);
  const declared = files.map((f) => ({
    name: f.name,
    size: f.truncated ? config.maxFileBytes + 1 : f.bytes.length,
    type: f.declaredType,
  }));
  const checked = checkDeclared(declared, config);
  if (!checked.ok)
    return {
      ok: false,
      message: `${checked.file ? `${checked.file}: ` : ''}${checked.message} ${UPLOAD_MESSAGES.reselect}`,
    };
  if (tooBig) return { ok: false, message: `${tooBig.name}: arquivo grande demais. ${UPLOAD_MESSAGES.reselect}` };
  const kinds = [];
  for (const file of files) {
    const check = detectFileKind(file.bytes, file.name, config.allowedTypes);
    if (!check.ok) {
      return { ok: false, message: `${file.name}: ${REFUSAL_MESSAGES[check.reason]}. ${UPLOAD_MESSAGES.reselect}` };
    }
    kinds.push(check);
  }
  const pendingId = newPendingId();
  for (const [index, file] of files.entries()) {
    const check = kinds[index] as { kind: (typeof config.allowedTypes)[number]; mime: string };
    const declared = checked.files[index] as (typeof checked.files)[number];
    await deps.uploads.put(uploadKey(pendingId, index), file.bytes, {
      contentType: check.mime,
      // Her name, made safe by the kind it declares, as POST /anexos names it: this is the name she
      // is told (receipt, infected-file note). The kind the bytes prove renames only a clean file's
      // copy for the case (claimUploads), never the name she sent ("extrato.pdf", not "extrato_pdf.txt").
      filename: sanitizeFilename(file.name, declared.kind),
    });
  }
  return { ok: true, pendingId };
}

/**
 * One budget per inbox and client: "+tags" and Gmail's dots are spellings of one mailbox, not new
 * budgets. The address is only typed into the form, not proven: keyed on it alone, a stranger who
 * posted files in her name used up her day's budget, and the refusal told him whether she had posted
 * any (the client, `clientKey`, is the per-IP limit's: rateLimitKey).
 */
function senderKey(email: string, clientKey: string): string {
  return `webform-files:${hashedInboxKey(email)}:${clientKey}`;
}

/** Per-sender budget of files per day (fixed-window counters); false when this submission's files pass it. */
export async function withinSenderBudget(
  email: string,
  clientKey: string,
  count: number,
  deps: UploadDeps,
): Promise<boolean> {
  if (count === 0) return true;
  const now = deps.clock.now();
  const day = utcDayStart(now);
  let hits = 0;
  for (let i = 0; i < count; i++) hits = await deps.rateLimiter.hit(senderKey(email, clientKey), day, DAY_SECONDS);
  return hits <= deps.config.attachments.maxFilesPerSenderPerDay;
}

export interface ClaimedUploads {
  attachments: AttachmentMeta[];
  /** Names of files the scanner flagged (the merchant is told). */
  infected: string[];
}

/**
 * The files a post waiting for confirmation brought, as they stand under its pending id (read
 * only: nothing is claimed before she confirms). Its 202 page names them, so she does not learn
 * only after confirming whether they arrived; a listing that fails names none (the post stands).
 */
export async function pendingFileViews(
  pendingId: string | undefined,
  deps: { uploads?: Pick<UploadStore, 'list'> | undefined; config: Pick<OuvidoriaConfig, 'attachments'> },
): Promise<AttachmentView[]> {
  if (!deps.uploads || !isPendingId(pendingId)) return [];
  const listed = await deps.uploads.list(uploadPrefix(pendingId)).catch(() => []);
  return listed.slice(0, deps.config.attachments.maxFiles).map((object) => {
    const name = object.filename || 'anexo';
    const kind = kindFromDeclared(name, '');
    return { name, size: object.size, type: kind ? KIND_MIME[kind] : '', scan: scanStatusOf(object.tags) };
  });
}

/** Attempts at moving a clean file whose upload a re-sent POST keeps replacing during the claim. */
const MOVE_ATTEMPTS = 3;

/**
 * What is really in the bucket under a pending id, checked and tagged for the case. A file the
 * scanner found clean is copied out of the upload prefix (moveToClaimed: no upload policy reaches
 * the copy) and its type checked on the copy's bytes; infected and refused files are tagged
 * `quarantined`; files still being scanned are tagged `attached` in place and listed PENDING (the
 * scan result moves them).
 */
export async function claimUploads(
  pendingId: string | undefined,
  caseId: string,
  deps: UploadDeps,
): Promise<ClaimedUploads> {
  if (!isPendingId(pendingId)) return { attachments: [], infected: [] };
  const config = deps.config.attachments;
  const prefix = uploadPrefix(pendingId);
  const stored = (await deps.uploads.list(prefix))
    .filter((object) => claimableBy(object.tags, caseId))
    .slice(0, config.maxFiles);
  const attachments: AttachmentMeta[] = [];
  const infected: string[] = [];
  let total = 0;
  for (const listed of stored) {
    const { object, movedTo } = await moveIfClean(listed, prefix, caseId, deps.uploads);
    total += object.size;
    if (object.size > config.maxFileBytes || total > config.maxTotalBytes) break;
    const declaredName = object.filename ?? '';
    let scan: AttachmentMeta['scan'] = scanStatusOf(object.tags);
    let filename = declaredName || 'anexo';
    let contentType = 'application/octet-stream';
    if (movedTo) {
      const check = detectFileKind(await deps.uploads.readClean(movedTo), declaredName, config.allowedTypes);
      if (check.ok) {
        filename = sanitizeFilename(declaredName, check.kind);
        contentType = check.mime;
      } else {
        scan = 'REFUSED';
      }
    }
    if (scan === 'THREATS_FOUND') infected.push(filename);
    const quarantined = isQuarantinedScan(scan);
    // The copy is tagged `attached` already; anything else is tagged where it is.
    if (quarantined || !movedTo)
      await deps.uploads.setState(
        movedTo ?? object.key,
        quarantined ? 'quarantined' : 'attached',
        caseId,
        movedTo ? undefined : object.version,
      );
    attachments.push({ filename, contentType, size: object.size, key: movedTo ?? object.key, scan, inline: false });
  }
  return { attachments, infected };
}

/**
 * Where claimed files go when the case they were claimed for does not keep them: each file's own
 * state, and for a clean copy (CLAIMED_PREFIX) the state of the uploads it was made from.
 */
interface Retag {
  file: (file: AttachmentMeta) => UploadState;
  sources?: UploadState;
}

/** Back on the pending clock, as a refused post leaves its files: a clean copy `moved`, an upload `pending`. */
const backToPending = ({ key }: AttachmentMeta): UploadState => (key?.startsWith(CLAIMED_PREFIX) ? 'moved' : 'pending');

async function retagClaimed(
  files: readonly AttachmentMeta[],
  caseId: string,
  uploads: Pick<UploadStore, 'setState'>,
  to: Retag,
): Promise<void> {
  for (const file of files) {
    const { key } = file;
    if (key === undefined) continue;
    await uploads.setState(key, to.file(file), caseId);
    if (to.sources && key.startsWith(CLAIMED_PREFIX)) {
      for (const source of objectsOfFile(key).slice(1)) await uploads.setState(source, to.sources, caseId);
    }
  }
}

/**
 * Files this post claimed that its case does not hold: the same post sent twice at once (a double
 * click without JavaScript, each with its own files) makes one case, whose files are the other post's.
 * Tagged for the case, these copies would outlive its closing clock and its erasure (which deletes the
 * files the case lists): they are handed to the bucket's lifecycle instead — a copy `moved`, an upload
 * still being scanned back to `pending` (its scan result then finds no case listing it, and moves it
 * to expire). Files the case holds (the same pending id, posted twice with JavaScript) stay.
 */
export async function releaseUnheld(
  claimed: readonly AttachmentMeta[],
  held: readonly AttachmentMeta[],
  caseId: string,
  uploads: Pick<UploadStore, 'setState'>,
): Promise<number> {
  const kept = new Set(held.map((a) => a.key));
  const lost = claimed.filter((a) => a.key !== undefined && !kept.has(a.key));
  await retagClaimed(lost, caseId, uploads, { file: backToPending });
  return lost.length;
}

/**
 * Files a confirmed post claimed for the case it joins (submit.ts joinedTo), when the lifecycle then
 * refused the join and the post becomes a case of its own (`caseId`): each file, and the upload a
 * clean copy was made from, is tagged for that case, so its claim (claimUploads) takes them as a
 * retry's would. Left as they were, the new case listed none (her page said no file came) and the
 * copies stayed `attached` to a case that does not list them, past its closing clock and its erasure.
 */
export function handOverClaimed(
  claimed: readonly AttachmentMeta[],
  caseId: string,
  uploads: Pick<UploadStore, 'setState'>,
): Promise<void> {
  const file = ({ scan }: AttachmentMeta): UploadState => (isQuarantinedScan(scan) ? 'quarantined' : 'attached');
  return retagClaimed(claimed, caseId, uploads, { file, sources: 'moved' });
}

/**
 * Files a confirmed post at her open-case cap claimed for the case it joins (submit.ts joinAtCap),
 * when the lifecycle then refused the join: the post is refused too (409) and has no case to take
 * them, so they go back to how a refused post leaves its files — each upload `pending`, a clean copy
 * `moved` (both on the pending clock) — tagged for the post's own case id, which her retry of the
 * same post claims. Handed to that never-stored case as `attached`, they outlived the pending clock.
 */
export function giveBackClaimed(
  claimed: readonly AttachmentMeta[],
  caseId: string,
  uploads: Pick<UploadStore, 'setState'>,
): Promise<void> {
  return retagClaimed(claimed, caseId, uploads, { file: backToPending, sources: 'pending' });
}

/**
 * The files of a post that repeats a stored one (the same text within minutes: submissionKeys) and
 * that its case does not hold: a repeat claims nothing, so these would reach no one unsaid ("esqueci
 * o anexo": the same form sent again with the file). Matched on size, each held file once: a double
 * click sends the same files again, and those the case has.
 */
export async function filesNotInCase(
  pendingId: string | undefined,
  held: readonly Pick<AttachmentMeta, 'size'>[],
  uploads: Pick<UploadStore, 'list'>,
): Promise<string[]> {
  if (!isPendingId(pendingId)) return [];
  const sizes = held.map((a) => a.size);
  const notHeld: string[] = [];
  for (const object of await uploads.list(uploadPrefix(pendingId))) {
    const at = sizes.indexOf(object.size);
    if (at === -1) notHeld.push(object.filename || 'anexo');
    else sizes.splice(at, 1);
  }
  return notHeld;
}

/**
 * A clean upload copied to the case's key, pinned to the bytes listed; listed again when a re-sent
 * POST replaced it meanwhile (the claim takes what is there: new bytes are scanned like any upload).
 */
async function moveIfClean(
  listed: StoredUpload,
  prefix: string,
  caseId: string,
  uploads: UploadStore,
): Promise<{ object: StoredUpload; movedTo?: string }> {
  let object = listed;
  for (let attempt = 0; attempt < MOVE_ATTEMPTS; attempt++) {
    if (scanStatusOf(object.tags) !== 'NO_THREATS_FOUND') return { object };
    const movedTo = await moveToClaimed(uploads, object.key, object.etag, object.tags, caseId, object.version);
    if (movedTo) return { object, movedTo };
    const again = (await uploads.list(prefix)).find((o) => o.key === object.key);
    if (!again || !claimableBy(again.tags, caseId)) break;
    object = again;
  }
  throw new Error('An upload kept changing while its submission claimed it');
}
