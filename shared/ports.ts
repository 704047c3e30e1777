/**
 * Narrow interfaces between the domain/application code and the outside world.
 * Adapters in shared/adapters implement them for AWS (and local emulators); tests use fakes.
 * Nothing here imports AWS.
 */
import type { CaseMessage, CaseRecord, CaseStatus, ReplyState, TextsShown } from './domain/case';
import type { HeldReply } from './domain/bounce-breaker';
import type { ThrottledMailKind } from './domain/outcome';
import type { Analyst } from './domain/staff';
import type { AttachmentMeta, ObjectLocation } from './domain/submission';
import type { UploadOwner, UploadState } from './domain/uploads/plan';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Raw mail as SES's S3 action (or the local SMTP server) stored it. */
/** Both calls throw an error `rawMailMissing` recognises when the object is gone (expired, erased). */
export interface RawMailStore {
  /** Size in bytes without reading the object. */
  size(location: ObjectLocation): Promise<number>;
  read(location: ObjectLocation): Promise<Buffer>;
}

/** The raw-mail stores' "no such object" (S3RawMailStore's RawMailNotFound, S3's own names). */
export function rawMailMissing(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'RawMailNotFound' || name === 'NoSuchKey' || name === 'NotFound';
}

/** The first bytes of a raw mail, without reading the rest (a ranged GET). */
export interface RawMailHead {
  head(location: ObjectLocation, bytes: number): Promise<Buffer>;
}

/**
 * LGPD retention of raw mail by object tag (the bucket's lifecycle rules expire tagged objects).
 * Both calls are idempotent; a failure throws, and the caller's retry tags again.
 */
export interface RawMailRetention {
  /** A redirected or quarantined submission: expires `redirectRetentionDays` after it arrived. */
  markRedirected(location: ObjectLocation): Promise<void>;
  /** A closed case: rewritten with the closed-case tag, so it expires `retentionDays` after closing. */
  markClosed(location: ObjectLocation, closedAt: Date): Promise<void>;
  /** An open case (quarantined mail released as accepted): no expiry tag until the case closes. */
  markOpen(location: ObjectLocation): Promise<void>;
}

/** Webform files of a closed case: their retention clock (LGPD), by object tag in the uploads bucket. */
export interface UploadRetention {
  markClosed(key: string, clean: boolean, closedAt: Date): Promise<void>;
  /** A reopened case: the closed-case tag goes (GuardDuty's tags stay); the bucket's backstop rule still applies. */
  markOpen(key: string): Promise<void>;
  /** A redirected or quarantined webform submission: expires `redirectRetentionDays` after the upload. */
  markRedirected(key: string): Promise<void>;
}

/** Where a message text kept out of the table is (MessageTextStore): its object key and UTF-8 size. */
export interface MessageTextRef {
  key: string;
  bytes: number;
}

/**
 * Message texts kept out of DynamoDB (issue 16: a case's write units must not grow with its text).
 * The case repository puts a text here before the item that references it, and reads it back
 * (`get`) wherever it returns messages.
 *
 * - `put` is idempotent: the key derives from the case id, the message's sourceId and the text
 *   itself, so a retried intake writes the same bytes under the same key, and a different text
 *   under one sourceId (a reused webform idempotency key) never replaces the text an item already
 *   references. `redirected`: the record is a redirected or quarantined submission, and the object
 *   is tagged to expire `redirectRetentionDays` after its arrival (as its raw mail).
 * - `get` of a missing object throws: a reference never reads as an empty text.
 * - `markClosed` / `markOpen` follow the case's LGPD clock (as RawMailRetention); both idempotent.
 * - `deleteCase` erases every text of a case (data-subject erasure), referenced or not; idempotent.
 */
export interface MessageTextStore {
  put(target: { caseId: string; sourceId: string; redirected?: boolean }, text: string): Promise<MessageTextRef>;
  get(ref: MessageTextRef): Promise<string>;
  markClosed(ref: MessageTextRef, closedAt: Date): Promise<void>;
  markOpen(ref: MessageTextRef): Promise<void>;
  deleteCase(caseId: string): Promise<number>;
}

// The ticket directory is declared in the domain (ticket verification uses it); re-exported here.
export { type TicketDirectory, TicketDirectoryUnavailable, type TicketRecord } from './domain/ticket-directory';

/** An email ready to send; headers are already safe (no CR/LF in values). */
export interface OutgoingMail {
  to: string[];
  from: string;
  replyTo?: string[];
  subject: string;
  text: string;
  html: string;
  /** Our own Message-ID (without angle brackets), generated in our domain. */
  messageId: string;
  /** Extra headers: Auto-Submitted, In-Reply-To, References, X-Loop, … */
  headers: Record<string, string>;
  /** Files sent with the mail (an analyst's answer relayed with its attachments). */
  files?: { filename: string; contentType: string; content: Buffer }[];
}

export interface SentMail {
  providerMessageId: string;
  /**
   * The Message-ID values the recipient may see and quote in In-Reply-To/References
   * (SES replaces ours with its own): threading records every one of them.
   */
  messageIds: string[];
}

/**
 * Thrown by a Mailer when the provider refuses this message for good (an unverified recipient in
 * the SES sandbox, a rejected address): retrying the same mail cannot succeed. Any other error is
 * transient (throttling, network, 5xx) and worth a retry.
 */
export class MailRejected extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MailRejected';
  }
}

export interface Mailer {
  /**
   * Sends once per call; throws MailRejected (permanent) or any other error (transient). `signal`:
   * given up when it aborts (the call throws; the provider may or may not have taken the mail).
   */
  send(mail: OutgoingMail, options?: { signal?: AbortSignal }): Promise<SentMail>;
}

export interface AssignmentMessage {
  caseId: string;
  protocol: string;
}

export interface AssignmentQueue {
  enqueue(message: AssignmentMessage): Promise<void>;
}

/** Puts a message back on the assignment queue at a future instant (EventBridge Scheduler). */
export interface DeferralScheduler {
  /** Idempotent per (caseId, at): a second call for the same pair makes no second schedule. */
  scheduleAt(message: AssignmentMessage, at: Date): Promise<void>;
}

/**
 * Bookkeeping a case write carries in the same write (issue 16: one request instead of two). Only a
 * write that succeeds carries it: when `claimReply` loses, nothing of it is written, and the caller
 * writes it some other way (markEnqueued; addMessageIds without `listedOnCase`).
 */
export interface CaseBookkeeping {
  /**
   * Appended to the case's Message-ID list. recordReply appends no id the list holds already (its
   * retries stay single); claimReply appends them as given: a claim is won once, and its ids are new.
   */
  messageIds?: string[];
  /** The first enqueue time, set unless one is stored (as markEnqueued). */
  enqueuedAt?: Date;
}

export interface AddMessageIdsOptions {
  /**
   * The ids are on the case's list already (a claimReply/recordReply carried them): only their
   * pointers (case and recipients per id) are written.
   */
  listedOnCase?: boolean;
  /**
   * The provider's ids of mail we have just sent: SES's two forms of one id get one pointer (see
   * messageIdPointerKey), which lookups read first, so no later mail can take those ids over.
   */
  sentByUs?: boolean;
  /**
   * Every id was minted for a mail that has just gone out (our random id, the provider's): nobody
   * could claim one before, so their pointers are put in one unconditional batch (issue 16: one
   * request for the whole sent mail instead of one conditional put per id).
   */
  minted?: boolean;
  /**
   * Pointers naming this case id may be taken too: the would-be case of a follow-up's own delivery
   * claim (no one else's pointer can name it), so the follow-up's id threads into its parent.
   */
  takeOverFrom?: string;
  /**
   * The case as the caller last wrote it: the pointers get its LGPD expiry (a redirected or
   * quarantined record's, a closed case's) without a read. Without it the adapter takes the case's
   * own expiry (from the list append, or a read when `listedOnCase` leaves no case write).
   */
  record?: Pick<CaseRecord, 'status' | 'createdAt' | 'closedAt'>;
}

/**
 * What the creating write carries besides the record (issue 16: one write instead of two). Written
 * only when the record is created; a create that finds the case stored writes none of it.
 */
export interface CaseCreation {
  /**
   * The creator claims the automatic reply in the same write (as a won claimReply at `at`), and
   * `messageIds` (the reply's own Message-ID) join the case's list; their pointers are written
   * after sending, with the provider's (addMessageIds with `listedOnCase` and `minted`).
   */
  replyClaim?: { at: Date; messageIds: string[] };
  /** The submission's Message-ID whose pointer the delivery claim holds for this case already. */
  heldPointer?: string;
}

/** The outcome of claimDelivery: the case the mail belongs to, and whether this call claimed it. */
export interface DeliveryClaim {
  caseId: string;
  first: boolean;
  /** The claim is the mail's own Message-ID pointer, naming `caseId`: the create need not write it. */
  pointerHeld: boolean;
  /**
   * Another delivery's claim on the mail's Message-ID pointer (`caseId` is that delivery's): when
   * it was taken and whether its attempt ended without a case of its own (expireClaim). Absent on a
   * claim of this delivery's own, on a `DELIVERY#` claim and on a claim from before claims were
   * dated: those are never taken over.
   */
  holder?: { at: Date; finished: boolean };
}

/** Cases and submissions (single DynamoDB table). Every write is safe to retry. */
/** A case's record without its messages: what a listing by status reads. */
export type CaseSummary = Omit<CaseRecord, 'messages'>;

export interface CaseRepository {
  /**
   * Creates the record if no record has that caseId; returns the stored one either way. A record
   * that arrives numbered (`protocol`) is found by it from then on (getByProtocol), with no write
   * of its own; the pointers of the record's own Message-IDs are written on both paths (a retry
   * completes them).
   */
  create(record: CaseRecord, also?: CaseCreation): Promise<{ created: boolean; record: CaseRecord }>;
  /** The case; `shown`: only those messages' texts are read, the others may come back empty (TextsShown). */
  get(caseId: string, shown?: TextsShown): Promise<CaseRecord | null>;
  /**
   * The first of `caseIds` (in that order) that is stored, as `get` returns it, or null. The case
   * items are looked up together in one read (issue 16: the webform's current and previous content
   * keys in one request, not one Query each); only a found case is then read whole. Consistent.
   */
  getFirstStored(caseIds: string[]): Promise<CaseRecord | null>;
  /**
   * The case numbered `protocol` (any letter case), or null. Eventually consistent: right after a
   * case is created or numbered (setProtocolOnce) it may not be found yet, for about a second on
   * DynamoDB. A number is on one case at most; two cases with one number are an error, never a pick.
   * `shown` as for `get`.
   */
  getByProtocol(protocol: string, shown?: TextsShown): Promise<CaseRecord | null>;
  /** The case a Message-ID (ours or a stored submission's) belongs to; `shown` as for `get`. */
  findByMessageId(messageId: string, shown?: TextsShown): Promise<CaseRecord | null>;
  /**
   * Next OUV-YYYY-NNNNNN from the atomic per-year counter. With `forCase`, a call for the case the
   * counter's last number went to gets that number again instead of a new one: concurrent
   * attempts of one submission (a burst of identical posts, duplicate deliveries), all of which
   * draw before their creates race, consume one number, so only the winner's is used and no gap
   * is left (issue 16's one write still: the case id rides on the counter's update; only a repeat
   * draw reads the counter back). Unique all the same: a number goes out again only for that case
   * id, and one case id is at most one case. Gaps remain only when draws for another case come in
   * between (that attempt's number is given back while the counter stands at it, releaseProtocol)
   * or when an attempt dies between its draw and its create.
   */
  nextProtocol(year: number, forCase?: string): Promise<string>;
  /**
   * Gives back a number no case took (its creator lost the create to a concurrent delivery): the
   * counter steps back only while it still stands at that number, so a number handed out since is
   * never reused; otherwise the number stays unused. Idempotent; best effort. A number given back
   * is never handed out again to the case it was drawn for without a new draw (nextProtocol).
   */
  releaseProtocol(protocol: string): Promise<void>;
  /**
   * Sets the protocol unless one is set already; returns the protocol the case ends with. Exactly
   * once under retries and concurrent callers: the loser gets the winner's number.
   */
  setProtocolOnce(caseId: string, protocol: string): Promise<string>;
  /**
   * Records Message-IDs that thread into the case (index entries; idempotent). For mail we send,
   * `sentTo` keeps its recipients on the index entry, so that a delivery report can be checked
   * against what we really sent (see findSentMail).
   */
  addMessageIds(caseId: string, messageIds: string[], sentTo?: string[], options?: AddMessageIdsOptions): Promise<void>;
  /**
   * Claims a mail's identity (sender + Message-ID, hashed) for a case: the first claim wins and
   * later ones get the winner's case id. Idempotent for the winner (a retry gets its own id back).
   * `first` is true only for the call that made the claim: no earlier attempt of this delivery got
   * this far, so nothing of its case can be stored yet (the intake then skips reading it). With the
   * mail's `messageId`, the claim is that id's pointer when the id is free (issue 16: one write);
   * that write dates it `at` (a retry of the winner dates it again: it is alive), which is how a
   * claim whose attempt died is told from one still at work (takeOverDelivery).
   */
  claimDelivery(deliveryKey: string, caseId: string, messageId: string | undefined, at: Date): Promise<DeliveryClaim>;
  /**
   * Moves another delivery's claim on the mail's Message-ID pointer (`from`, as claimDelivery
   * returned it) to `caseId`, dated `at`: only while the pointer still names `from.caseId` with the
   * same date and its attempt has not finished, so of several copies taking over at once exactly one
   * wins (true). The caller takes over only a claim whose holder cannot be alive any more (older
   * than the function's timeout) and whose case is not stored. One conditional write; retry-safe
   * (a retry that finds its own write lost the condition and reads the claim again).
   */
  takeOverDelivery(
    deliveryKey: string,
    messageId: string,
    from: { caseId: string; at: Date },
    caseId: string,
    at: Date,
  ): Promise<boolean>;
  /**
   * A claim whose mail made no case of its own (a follow-up, a staff command, a delivery report):
   * its pointer expires with the mail's identity (30 days) unless the case it continued took it,
   * and is marked finished in the same write, so that no copy takes it over.
   */
  expireClaim(messageId: string, caseId: string): Promise<void>;
  /**
   * Keeps with a case a raw mail that made no message of its own: another delivery of one of its
   * mails, or a delivery report about mail it sent. An erasure finds it there (LGPD); the record
   * expires with that raw mail (the redirected retention from `receivedAt`). Idempotent per
   * delivery id, so a retry writes the same item.
   */
  keepRawCopy(caseId: string, copy: { deliveryId: string; raw: ObjectLocation; receivedAt: string }): Promise<void>;
  /** Mail we sent with that Message-ID: its case and recipients; null when we never sent it. */
  findSentMail(messageId: string): Promise<{ caseId: string; recipients: string[] } | null>;
  /** Appends a follow-up unless a message with the same sourceId is there; true if appended. */
  appendMessage(caseId: string, message: CaseMessage): Promise<boolean>;
  /**
   * A quarantined mail stored unread (the intake failed on it), read again at its release: its first
   * message and the case's subject replaced by what the triage read, the items' expiry kept. Idempotent.
   */
  rereadFirstMessage(caseId: string, message: CaseMessage): Promise<void>;
  /**
   * Claims the right to send the automatic reply: true for exactly one caller, unless the
   * recorded reply is `failed` (the send threw) or an earlier claim is older than
   * `staleAfterMs` with no reply recorded (a crash mid-send).
   */
  claimReply(caseId: string, now: Date, staleAfterMs: number, also?: CaseBookkeeping): Promise<boolean>;
  /**
   * The held-reply sweep's claim (domain/bounce-breaker.ts): true for exactly one caller while the
   * recorded reply is the breaker's hold, a `failed` send that a retry may fix (not `permanent`), or
   * an earlier claim older than `staleAfterMs` with no reply recorded (a sweep that died mid-send).
   * Never a sent reply, nor one suppressed for any other reason.
   */
  claimHeldReply(caseId: string, now: Date, staleAfterMs: number): Promise<boolean>;
  /**
   * Sets the reply (and moves updatedAt forward, never back). Safe to retry: a retry after a lost
   * response appends none of `also.messageIds` twice.
   */
  recordReply(caseId: string, reply: ReplyState, also?: CaseBookkeeping): Promise<void>;
  /**
   * Notes on the case that `citingCaseId`'s mail cited it without joining it (CaseRecord.citedBy).
   * Idempotent; nothing when the case is gone or already lists MAX_CITED_BY records.
   */
  addCitation(caseId: string, citingCaseId: string): Promise<void>;
  /** Sets enqueuedAt unless set (the first enqueue time stays); for when no other case write carried it. */
  markEnqueued(caseId: string, at: Date): Promise<void>;
  /**
   * QUEUED → ASSIGNED exactly once; also adds the case to the analyst's open cases and sets
   * the last-assigned time. Returns false when the case is not QUEUED any more; if it is
   * ASSIGNED, the analyst's open cases are completed (idempotent) so that a retry after a
   * crash between the two writes never loses or doubles a count. `also` rides on the QUEUED →
   * ASSIGNED write only (so it is written exactly when true is returned).
   */
  assign(caseId: string, analystId: string, at: Date, dueAt: Date, also?: CaseBookkeeping): Promise<boolean>;
  /**
   * Records that the analyst was emailed about the assignment; false if already recorded.
   * Called after the email is sent: a crash in between re-sends on retry (at least once).
   * `also` is written only with the notice time (false: nothing of it was written).
   */
  markAnalystNotified(caseId: string, at: Date, also?: CaseBookkeeping): Promise<boolean>;
  /**
   * The cases in a status by creation time, without their messages (the sweeps that list them need
   * the state, never thousands of texts read from S3): newest first (the default) or `oldest` first
   * (a capped sweep reaches the longest-waiting cases first); at most `limit` (100 when absent;
   * `Infinity` pages through the whole status).
   */
  listByStatus(status: CaseStatus, limit?: number, order?: 'newest' | 'oldest'): Promise<CaseSummary[]>;
  /** The sender's newest cases; `shown`: only those messages' texts are read (TextsShown), as `get`. */
  listBySender(senderEmail: string, limit?: number, shown?: TextsShown): Promise<CaseRecord[]>;
  /** Every record, newest first (local board and tests; paginated scan). */
  listAll(limit?: number): Promise<CaseRecord[]>;
}

/**
 * The roster with each analyst's open cases and last assignment (the fair choice's inputs). An
 * assignment moves both; a close, transfer or erasure lowers the count and never moves the last
 * assignment back, whatever the adapter keeps it on (Dynamo: the open-case markers, then the staff item).
 */
export interface StaffRepository {
  list(): Promise<Analyst[]>;
  get(id: string): Promise<Analyst | null>;
  put(analyst: Omit<Analyst, 'openCases' | 'lastAssignedAt'>): Promise<void>;
  /**
   * Adds a member only if no one has the id (a conditional write): two supervisors adding the same id
   * at once get one true and one false, never a silent overwrite. Idempotent only in that sense.
   */
  add(analyst: Omit<Analyst, 'openCases' | 'lastAssignedAt'>): Promise<boolean>;
  /**
   * Changes only the given fields of an existing member (`leave: null` ends a leave): two edits at
   * once both stick, where a read-then-put would undo the other. False when there is no such member.
   */
  update(id: string, change: StaffChange): Promise<boolean>;
  /**
   * Ends the member's console sessions issued at or before `at` (ISO instant): the entry keeps the
   * later of the instant it has and `at`, so two sign-outs at once never move it back. False when
   * there is no such member.
   */
  endSessions(id: string, at: string): Promise<boolean>;
  remove(id: string): Promise<void>;
}

export interface StaffChange {
  active?: boolean;
  leave?: { from: string; to: string } | null;
}

/** At most N automatic replies per sender per outcome per day (state with TTL). */
export interface ReplyThrottle {
  /**
   * Counts one automatic mail for `consumerId` (the case); false when the inbox already had the
   * maximum of that kind (a guidance reply's outcome, or the infected-file notice) today.
   * Idempotent per consumer: a retried mail is not counted twice.
   */
  tryConsume(
    senderEmail: string,
    kind: ThrottledMailKind,
    day: string,
    max: number,
    consumerId: string,
  ): Promise<boolean>;
}

/** Addresses that hard-bounced or complained get no automatic mail for a while. */
export interface BounceRegistry {
  markBouncing(address: string, until: Date, reason: string): Promise<void>;
  isSuppressed(address: string, now: Date): Promise<boolean>;
}

/**
 * The form as validated (webform/form.ts WebformData), kept while its confirmation link is open.
 * Plain data: the port knows nothing of the form's schema.
 */
export interface PendingForm {
  nome: string;
  email: string;
  loja?: string | undefined;
  chamado?: string | undefined;
  assunto: string;
  descricao: string;
  naoCliente: boolean;
}

/** A webform post waiting for its confirmation link (trust hole F1). */
export interface PendingSubmission {
  /** The post's submission key (webform/submit.ts submissionKeys): the case's source id once confirmed. */
  id: string;
  /** The address typed, lower-cased (a signed field of the link). */
  email: string;
  form: PendingForm;
  /** The pending-upload id of the files sent with the post (claimed on confirmation). */
  pendingUploadId?: string | undefined;
  createdAt: string;
  /** The link's expiry: the item's TTL too (LGPD: nothing is kept past it). */
  expiresAt: string;
  /** Set once a confirmation stored the case (its id); a later POST of the link shows that case. */
  confirmedCaseId?: string | undefined;
  /**
   * The pending-upload id of the latest repeat of the post (the same form again, with a file she
   * forgot): its files are not the case's, and the confirmation's page names them.
   */
  repeatUploadId?: string | undefined;
}

/**
 * Webform posts waiting for confirmation: `PENDING#<id> / PENDING`, found by address for the
 * data-subject requests (`gsi2pk = PENDINGSENDER#<email>`), deleted by TTL at the link's expiry.
 * Contract (as the other ports): every method is one request and may be retried as is —
 * `create` is a conditional put (`attribute_not_exists(pk)`: the first of concurrent identical
 * posts wins, a retry of it answers false and changes nothing); `claimMail` is a conditional
 * update (one winner among concurrent posts; a claim whose mail was not marked sent goes stale,
 * so a post whose attempt died before or during the send mails its link on a retry);
 * `markMailed`, `releaseMail`, `markConfirmed` and `noteRepeatUpload` are idempotent updates of an
 * existing item (no item: nothing written); `get` reads consistently.
 */
export interface PendingSubmissionStore {
  /**
   * True when this call stored it; false when an item of that id exists whose link has not expired
   * by `pending.createdAt` (an expired one, which only waits for its TTL, is replaced, its mail
   * claims with it: the same key posted again days later is a post again).
   */
  create(pending: PendingSubmission): Promise<boolean>;
  get(id: string): Promise<PendingSubmission | null>;
  /**
   * The right to mail its link: true for one caller while the link is not marked sent and no
   * other claim newer than `staleBefore` holds it.
   */
  claimMail(id: string, now: Date, staleBefore: Date): Promise<boolean>;
  markMailed(id: string, at: Date): Promise<void>;
  /** Gives the claim back (the mail could not go): the same post, sent again, mails its link. */
  releaseMail(id: string): Promise<void>;
  markConfirmed(id: string, caseId: string): Promise<void>;
  /** Notes a repeat's pending-upload id (idempotent `SET` of an existing item; no item: nothing written). */
  noteRepeatUpload(id: string, uploadId: string): Promise<void>;
}

/**
 * What webform POST /casos leaves to the webform's mail queue (→ the webform function's consumer):
 * `confirm-link`, mail the pending post's confirmation link (shared/webform/confirm.ts
 * mailConfirmationLink); `guidance`, store the pending post that cites no ticket and send its
 * guidance reply (shared/webform/guidance-post.ts storeGuidancePost). Only the pending submission's
 * id: nothing personal.
 */
export interface ConfirmationMailRequest {
  kind: 'confirm-link' | 'guidance';
  id: string;
}

/**
 * Where POST /casos leaves its mail work. The post awaits this one call whatever happens next: the
 * bounce memory, the address's limits and the repeat checks run in the consumer, off the request
 * path, so the answer's timing tells nothing about them.
 */
export interface ConfirmationMailRequests {
  request(message: ConfirmationMailRequest): Promise<void>;
}

/** Fixed-window counters (webform rate limit per client IP). */
export interface RateLimiter {
  /** Counts one hit in the window; returns the count including this hit. */
  hit(key: string, windowStart: Date, windowSeconds: number): Promise<number>;
}

/**
 * The office-wide count of our mail's permanent bounces, in UTC-hour buckets (domain/bounce-breaker.ts;
 * no personal data): ses-feedback adds, the intake's guidance path reads.
 */
export interface BounceCounter {
  /**
   * Counts in the bucket of the hour starting at `hour` the bounces named by `keys` (bounceKey: one
   * per mail and recipient) it has not counted yet. Idempotent per key: SNS delivers at least once and
   * Lambda retries a failed invocation, and the same notification again, or at once, counts once.
   * One conditional write; when some key was counted already, a read and at most one write more.
   * Past BOUNCE_KEYS_PER_HOUR keys in a bucket it counts plainly (the item stays small).
   */
  add(hour: Date, keys: string[]): Promise<void>;
  /** The counts of these hour buckets, in order (one read; 0 for a bucket with none). */
  counts(hours: Date[]): Promise<number[]>;
}

/**
 * Guidance replies the bounce breaker held, kept for the held-reply sweep (domain/bounce-breaker.ts).
 * `hold` is one write, idempotent per (heldAt, caseId): a retry writes the same item, a later attempt
 * holding the same case again another (the sweep's claim on the case sends it once either way).
 */
export interface HeldReplies {
  hold(reply: HeldReply): Promise<void>;
  /** The replies held at or after `since` (up to `now`), oldest first: at most `limit` of them. */
  heldSince(since: Date, now: Date, limit: number): Promise<HeldReply[]>;
  /** Done with it (sent, dropped, or answered otherwise): idempotent. */
  remove(reply: Pick<HeldReply, 'caseId' | 'heldAt'>): Promise<void>;
}

/**
 * Open accepted cases per sender, as one item per sender holding the ids of its open cases (the
 * set is bounded by what is open: ids leave it when a case closes). Every method is one write,
 * idempotent per case id, so retries and concurrent requests never count twice.
 */
/** Bounce memory of one address as SenderOpenCases.add read it (`until` absent: never bounced). */
export interface SenderBounce {
  until?: Date;
}

/** What SenderOpenCases.claimTicket read back from its write. */
export interface TicketClaim {
  bounce: SenderBounce | null;
  holder: { caseId: string; at: Date };
}

export interface SenderOpenCases {
  /**
   * Adds the case when the sender holds fewer than `max` open cases (or holds this one already):
   * one conditional write, so concurrent requests can never pass the cap. False when full.
   * The webform reserves only for a post it decided to accept, before storing the case; retrying
   * with the same case id after a failure succeeds again and counts it once.
   */
  reserve(senderEmail: string, caseId: string, max: number): Promise<boolean>;
  /**
   * Adds the case without a cap (mail is never refused for the cap); idempotent. Returns the
   * address's bounce memory when this store keeps it on the same item (the DynamoDB table does,
   * issue 16: the acknowledgement that follows needs no read of its own), else null: ask the
   * BounceRegistry.
   */
  add(senderEmail: string, caseId: string): Promise<SenderBounce | null>;
  /**
   * `add`, in the same write naming the case the open case of this exact address for this ticket
   * unless a case already is (set if absent: two mails at once get one holder). `holder` is the
   * named case and when it was named: this one, or an earlier case of hers with the same ticket.
   */
  claimTicket(senderEmail: string, ticket: string, caseId: string, at: Date): Promise<TicketClaim>;
  /**
   * The case named for this exact address and ticket (claimTicket), read consistently, with no write;
   * null when none is. Asked only past a full cap (the webform: a post that would only join her case).
   */
  ticketHolder(senderEmail: string, ticket: string): Promise<{ caseId: string; at: Date } | null>;
  /** Names `to` for the ticket in place of `from` (closed long ago, or never stored); false when `from` no longer holds it. */
  passTicket(senderEmail: string, ticket: string, from: string, to: string, at: Date): Promise<boolean>;
  /** Removes the case (closed, or a reservation whose submission was not accepted); idempotent. */
  release(senderEmail: string, caseId: string): Promise<void>;
  /** How many open cases the sender holds (for display). */
  count(senderEmail: string): Promise<number>;
}

/** A presigned S3 POST: the form action and the fields the browser sends before the file. */
export interface PresignedPost {
  url: string;
  fields: Record<string, string>;
}

/** The uploads bucket as the webform and the scan-result function see it. */
export interface StoredUpload {
  key: string;
  size: number;
  /** The sanitised name we issued (from the name tag). */
  filename?: string | undefined;
  /** Object tags (GuardDuty's scan status, our state, the case). */
  tags: Record<string, string>;
  /** The object's ETag as listed: pins a copy to these very bytes. */
  etag?: string | undefined;
  /**
   * The version whose tags were read (the bucket is versioned): a re-sent POST makes a new version
   * and leaves this one as it was, so tags and copies pinned to it reach these very bytes.
   */
  version?: string | undefined;
}

export interface UploadStore {
  /** Origin the browser posts files to (the page's CSP connect-src); undefined when it is the page's own. */
  readonly origin?: string | undefined;
  /** A presigned POST for exactly this key, type, size and name; the object is created tagged `pending`. */
  presign(
    key: string,
    file: { contentType: string; size: number; filename: string },
    now: Date,
    expiresInSeconds: number,
  ): Promise<PresignedPost>;
  /**
   * Stores bytes received by the webform itself (no JavaScript), tagged `pending` like a POST upload;
   * with `owner`, tagged `attached` to that case in the same write (a mailed file the email intake
   * copies: the case is known before the bytes, and no moment exists where another case could claim it).
   */
  put(
    key: string,
    bytes: Uint8Array,
    file: { contentType: string; filename: string },
    owner?: UploadOwner,
  ): Promise<void>;
  /** Objects under a prefix, with their tags. */
  list(prefix: string): Promise<StoredUpload[]>;
  /** The tags of `version` of the object (its current version when undefined); none when it is gone. */
  tags(key: string, version?: string): Promise<Record<string, string>>;
  /** The bytes of a file the scanner found clean; anything else is refused (tag-based access). */
  readClean(key: string): Promise<Buffer>;
  /**
   * Sets our state tag (and the case id), keeping the scanner's tag, on `version` (the current one
   * when undefined): the tags are written on the very version they were read from, so a re-sent POST
   * in between never inherits the scanner's verdict or the case of the bytes it replaced.
   */
  setState(key: string, state: UploadState, caseId?: string, version?: string): Promise<void>;
  /**
   * Copies a clean object to `to` with exactly these tags, when it is still the object of `etag`
   * (any ETag when undefined); false when it is not (replaced, gone, or no longer readable clean).
   * With `version`, the copy is of that version (the one scanned or listed), whatever came since.
   */
  copy(
    from: string,
    to: string,
    etag: string | undefined,
    tags: Record<string, string>,
    version?: string,
  ): Promise<boolean>;
}

/**
 * Short-lived download links of clean webform files (the staff console's file route, after its
 * session check). A link serves the file as an attachment with the given (already safe) content
 * type and expires after DOWNLOAD_LINK_SECONDS. Signing is local (no network): a failure is a bug or missing
 * credentials, and the caller lists the file without a link.
 */
export interface AttachmentLinks {
  linkFor(key: string, filename: string, contentType: string): Promise<string>;
}

/** The case's record of one file: its scan result (and, once clean, its proved type and name). */
export interface AttachmentScanRecorder {
  /** `missing`: no such case or file; `unchanged`: that result was already recorded (a redelivery). */
  recordScan(
    caseId: string,
    key: string,
    update: {
      scan: NonNullable<AttachmentMeta['scan']>;
      filename?: string;
      contentType?: string;
      /** The file's new key (its clean copy under CLAIMED_PREFIX); a redelivery finds it there. */
      movedTo?: string;
    },
  ): Promise<'recorded' | 'unchanged' | 'missing'>;
}
