/**
 * Quarantine review (staff console, supervisors only): the queue of QUARANTINED mail not yet
 * reviewed, the raw mail shown as TEXT (never rendered, never its attachments), and discarding.
 * Releasing into triage needs the mail parser, which the console's function does not carry: the
 * console only asks for it (QuarantineReleaseRequests, a queue); the email-intake function does
 * the work (shared/app/quarantine-release.ts). Only mail held by verdicts a supervisor may vouch
 * for is released (shared/domain/quarantine-release.ts).
 *
 * Discard design: the record keeps status QUARANTINED (so the monthly report and the board still
 * count it as quarantined mail) and gets `reviewedAt / reviewOutcome: 'discarded' / reviewedBy`
 * plus a history event, in one conditional write (still QUARANTINED, not yet reviewed). The
 * queue's index query (gsi1-status, STATUS#QUARANTINED, newest first) skips reviewed records;
 * quarantined records expire with `redirectRetentionDays`, which bounds that partition.
 */
import type { CaseRecord } from '../domain/case';
import { type AsyncReleaseRefusal, type ReleaseRefusal, releaseRefusal } from '../domain/quarantine-release';
import { type Clock, type RawMailStore, rawMailMissing } from '../ports';

/** One row of the quarantine queue (read from the index item). */
export interface QuarantinedSummary {
  caseId: string;
  senderEmail: string;
  subject: string;
  createdAt: string;
  reason: string;
  ruleIds: string[];
  /** The last release asked for in the console and refused by the triage (its history event), if any. */
  releaseRefused?: { at: string; reason: AsyncReleaseRefusal; requestedBy: string };
}

export interface QuarantinePage {
  items: QuarantinedSummary[];
  next?: string;
}

export interface QuarantineStore {
  /** QUARANTINED and not reviewed, newest first, one index Query per page (never a scan). */
  listQuarantined(page: { limit: number; cursor?: string }): Promise<QuarantinePage>;
  /** QUARANTINED and not reviewed → reviewed as discarded (one conditional write); false otherwise. */
  discard(caseId: string, by: string, at: string): Promise<boolean>;
}

/** Where the console asks the email-intake function to release a case (SQS on AWS). */
export interface QuarantineReleaseRequests {
  request(message: ReleaseRequest): Promise<void>;
}

export interface ReleaseRequest {
  kind: 'release';
  caseId: string;
  /** Roster id of the supervisor who vouched for the mail. */
  by: string;
  at: string;
}

export interface QuarantineDeps {
  store: QuarantineStore;
  cases: { get(caseId: string): Promise<CaseRecord | null> };
  rawMail: RawMailStore;
  clock: Clock;
  /** Absent: release is not offered (the page says so). */
  releases?: QuarantineReleaseRequests;
}

/** At most this much of the raw mail is shown (the page says when it was cut). */
export const RAW_TEXT_CAP_BYTES = 200_000;

/** Larger raw mail (quarantined as oversized) is not read by the console. */
export const RAW_READ_LIMIT_BYTES = 5_000_000;

/** Raw bytes → text, best effort: UTF-8 if the bytes are valid UTF-8, else latin1; capped. */
export function rawMailText(raw: Buffer, capBytes = RAW_TEXT_CAP_BYTES): { text: string; truncated: boolean } {
  let bytes = raw;
  const truncated = raw.length > capBytes;
  if (truncated) {
    let end = capBytes;
    // Step back over UTF-8 continuation bytes so that a cut never invalidates the text.
    while (end > 0 && capBytes - end < 4 && ((raw[end] ?? 0) & 0xc0) === 0x80) end--;
    bytes = raw.subarray(0, end);
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), truncated };
  } catch {
    return { text: bytes.toString('latin1'), truncated };
  }
}

export interface QuarantinedMail {
  record: CaseRecord;
  /**
   * The raw mail as text; null when the case has no raw mail (a webform submission); 'missing' when
   * the bucket no longer has it (its lifecycle may expire it before the table's TTL removes the record).
   */
  raw: { text: string; truncated: boolean; size: number } | 'missing' | null;
}

/** A quarantined record and its raw mail as text; null when there is no such record in quarantine. */
export async function quarantinedMail(caseId: string, deps: QuarantineDeps): Promise<QuarantinedMail | null> {
  const record = await deps.cases.get(caseId);
  if (record?.status !== 'QUARANTINED') return null;
  const location = record.messages[0]?.raw;
  if (!location) return { record, raw: null };
  try {
    const size = await deps.rawMail.size(location);
    // The store reads whole objects: a huge (oversized) mail is not loaded into the console at all.
    if (size > RAW_READ_LIMIT_BYTES) return { record, raw: { text: '', truncated: true, size } };
    return { record, raw: { ...rawMailText(await deps.rawMail.read(location)), size } };
  } catch (error) {
    // Gone, the page still shows what the triage read, and the discard the supervisor needs.
    if (rawMailMissing(error)) return { record, raw: 'missing' };
    throw error;
  }
}

export type ReviewResult = 'done' | 'not-in-quarantine';

export async function discardQuarantined(caseId: string, by: string, deps: QuarantineDeps): Promise<ReviewResult> {
  const ok = await deps.store.discard(caseId, by, deps.clock.now().toISOString());
  return ok ? 'done' : 'not-in-quarantine';
}

/** Asks the email-intake function to decide the mail again (see shared/app/quarantine-release.ts). */
export async function requestRelease(
  caseId: string,
  by: string,
  deps: QuarantineDeps,
): Promise<ReviewResult | 'unavailable' | Exclude<ReleaseRefusal, 'not-in-quarantine'>> {
  if (!deps.releases) return 'unavailable';
  const record = await deps.cases.get(caseId);
  if (!record) return 'not-in-quarantine';
  const refusal = releaseRefusal(record);
  if (refusal) return refusal;
  await deps.releases.request({ kind: 'release', caseId, by, at: deps.clock.now().toISOString() });
  return 'done';
}
