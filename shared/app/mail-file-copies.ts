/**
 * Copies the files of a merchant's mail that became a case (or joined one) into the uploads bucket
 * (domain/uploads/mail-files.ts says which, and their keys), so that the console serves them as it
 * serves the webform's: scanned by the same scanner, moved to `claimed/` by the same scan result,
 * downloadable by the same route only once clean, expiring and erased with the case.
 *
 * Contract (retry and idempotency). The keys are recorded on the message (`key`, `scan: PENDING`)
 * in the write that stores it — the case's create or the follow-up's — so no write is added and a
 * copy never exists without the case that lists it. The copy runs after that write: on a new case
 * before its automatic reply (a failure releases the reply claim and throws; the platform's retry
 * finds the case stored, copies what is missing and sends the one reply), on a follow-up after it
 * is stored and forwarded (the retry finds it a duplicate: nothing forwarded twice). Each file is
 * written once: a key already tagged for the case (copied, or moved on by its scan result) is
 * skipped (one listing of the message's folder says which), and the raw mail is read only when
 * some file is still missing. The bytes go in with the case's tags in the same write, `attached`
 * to it: nothing can claim them in between.
 */
import type { CaseMessage } from '../domain/case';
import { mailFilesPending } from '../domain/uploads/mail-files';
import { CASE_TAG, type UploadState, STATE_TAG } from '../domain/uploads/plan';
import type { ObjectLocation } from '../domain/submission';
import type { RawMailStore, UploadStore } from '../ports';

/** A file of a mail by its MIME part. */
export type MailPart = { partId: string | undefined; content: Buffer; contentType: string };

/** A mail's files by MIME part (shared/mail/mail-files.ts readMailFiles: mailparser, loaded with it). */
export type ReadMailParts = (raw: Buffer) => Promise<ReadonlyArray<MailPart>>;

export interface MailFileCopyDeps {
  rawMail: Pick<RawMailStore, 'read'>;
  readFiles: ReadMailParts;
  uploads: Pick<UploadStore, 'put' | 'list'>;
  /** The parts the intake's parser decoded from this very mail, when it kept them: no second read or parse. */
  parsed?: ParsedMailParts;
}

/**
 * The parts of the mail the email intake parsed last, by its stored location: the copy of a new
 * case's files follows that parse within the same invocation, and would otherwise read the raw mail
 * from S3 and run mailparser over it a second time (a fifth of the whole path's time on a corpus
 * with files). Holds one mail; taken once. A retry, a follow-up read later, or a release parses anew.
 */
export class ParsedMailParts {
  private last: { at: string; parts: ReadonlyArray<MailPart> } | undefined;

  keep(raw: ObjectLocation, parts: ReadonlyArray<MailPart>): void {
    this.last = { at: locationKey(raw), parts };
  }

  take(raw: ObjectLocation): ReadonlyArray<MailPart> | undefined {
    const last = this.last;
    if (last?.at !== locationKey(raw)) return undefined;
    this.last = undefined;
    return last.parts;
  }

  /** Drops parts nothing took (a mail that made no case): none outlives its invocation. */
  clear(): void {
    this.last = undefined;
  }
}

const locationKey = (raw: ObjectLocation) => `${raw.bucket}\n${raw.key}`;

/** The intake's port (IntakeDeps.mailFiles): copies the keyed files of one stored message of a case. */
export interface MailFileCopies {
  copy(
    caseId: string,
    message: Pick<CaseMessage, 'sourceId' | 'attachments' | 'raw'>,
    options?: CopyOptions,
  ): Promise<number>;
}

export interface CopyOptions {
  /** The case is closed (her thanks with a file after the closing): the copies start its LGPD clock now. */
  closedCase?: boolean;
}

/** States that say the file is in the bucket for this case already (copied, or moved on by its scan result). */
const DONE: ReadonlySet<string> = new Set<UploadState>(['attached', 'moved', 'quarantined']);

/**
 * Copies the message's files still missing from the bucket; returns how many it wrote. Throws when
 * the raw mail or the bucket fails: the caller's retry completes it.
 */
export async function copyMailFiles(
  caseId: string,
  message: Pick<CaseMessage, 'sourceId' | 'attachments' | 'raw'>,
  deps: MailFileCopyDeps,
  options: CopyOptions = {},
): Promise<number> {
  const keyed = mailFilesPending(message.attachments, { caseId, sourceId: message.sourceId });
  if (keyed.length === 0 || !message.raw) return 0;
  // What is there already, by listing the message's folder (its keys share it): a missing key is not
  // there, where a read of its tags would be refused without a grant to list the whole bucket.
  const present = new Map<string, Record<string, string>>();
  for (const prefix of new Set(keyed.map((f) => f.key.slice(0, f.key.lastIndexOf('/') + 1)))) {
    for (const object of await deps.uploads.list(prefix)) present.set(object.key, object.tags);
  }
  const missing = keyed.filter((file) => {
    const tags = present.get(file.key);
    return !(tags?.[CASE_TAG] === caseId && DONE.has(tags[STATE_TAG] ?? ''));
  });
  if (missing.length === 0) return 0;
  const parts = deps.parsed?.take(message.raw) ?? (await deps.readFiles(await deps.rawMail.read(message.raw)));
  let written = 0;
  for (const file of missing) {
    const part = parts.find((p) => p.partId === file.partId);
    // The same raw mail parses the same way: a part that is not there (or not these bytes) is no
    // file of this message, and nothing else is written under its key.
    if (!part || part.content.length !== file.size) continue;
    await deps.uploads.put(
      file.key,
      part.content,
      { contentType: file.contentType, filename: file.filename ?? 'anexo' },
      { caseId, ...(options.closedCase ? { closedCase: true } : {}) },
    );
    written++;
  }
  return written;
}

/** The intake's port over the raw-mail store, the parser and the uploads bucket. */
export function mailFileCopies(deps: MailFileCopyDeps): MailFileCopies {
  return { copy: (caseId, message, options) => copyMailFiles(caseId, message, deps, options) };
}
