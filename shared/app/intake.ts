/**
 * The intake application service, shared by the email and webform channels:
 * thread → decide → store → reply → queue. Every step is idempotent and resumable, so a
 * retry after a crash anywhere finishes the work without a second case, reply or queue
 * message (see the step comments). No AWS imports: adapters come in through the ports.
 */
import { encryptedMail, filesNotTaken } from '../domain/encrypted-mail';
import { kindsText } from '../domain/uploads/plan';
import { DateTime } from 'luxon';
import { attachmentMissing } from '../domain/attachment-mention';
import { evaluateAutoReply, replyHeaders, officeSender } from '../domain/auto-reply-policy';
import {
  breakerApplies,
  breakerHours,
  breakerTripped,
  bouncesInLastHour,
  type HeldReply,
} from '../domain/bounce-breaker';
import { isBouncing } from '../domain/bounce-policy';
import {
  type CaseMessage,
  type CaseRecord,
  type CaseStatus,
  caseIdFor,
  NO_TEXTS,
  REPLY_HELD_BY_BREAKER,
  REPLY_THROTTLED,
  REPLY_TO_AUTOMATIC_TEXT,
  REPLY_TO_BOUNCED,
  type ReplyState,
} from '../domain/case';
import type { OuvidoriaConfig } from '../domain/config';
import type { Decision, TicketCandidate, TicketCheck } from '../domain/decision';
import {
  answeredDespiteSubject,
  automaticTextEvidence,
  decide,
  type Screening,
  screen,
  withoutOwnReplyNumbers,
} from '../domain/eligibility/engine';
import { inboxLimitKey, sameMailbox } from '../domain/mailbox';
import type { Outcome } from '../domain/outcome';
import type { MessageRelease } from '../domain/quarantine-release';
import { officeCalendar } from '../domain/calendar';
import { dueDateFrom, formatDatePtBr } from '../domain/lifecycle/deadlines';
import { isStaffReplyMailbox } from '../domain/lifecycle/reply-address';
import type { WorkCase } from '../domain/lifecycle/types';
import { normaliseMessageId, randomMessageId } from '../domain/message-id';
import { findProtocols } from '../domain/protocol';
import { splitQuoted } from '../domain/text';
import { canonicalInstantIn, officeDay, timeZoneNamed } from '../domain/time-zone';
import { SYSTEM_REVIEWER, settledWithoutReview, staffMailQuarantine } from '../domain/staff-mail-decision';
import { INTAKE_FAILED_PROBLEM, OVERSIZED_PROBLEM } from '../domain/received-mail';
import { type RenderedMail, renderReply, threadTopic } from '../domain/replies';
import { fromMayOwnTicket, fromProven, merchantAuthenticated, returnPathProven } from '../domain/sender-authentication';
import { heldUnproven, senderCheckFailed, type UnprovenHold } from '../domain/unproven-mail';
import type { AttachmentMeta, Submission } from '../domain/submission';
import { withMailFileKeys } from '../domain/uploads/mail-files';
import { renderTooLargeNotice, renderUnreadableNotice } from '../domain/too-large-notice';
import { verifyTicket } from '../domain/ticket-verification';
import { extractTicketCandidates, type TicketExtractionInput } from '../domain/tickets';
import type {
  AssignmentQueue,
  BounceCounter,
  BounceRegistry,
  CaseBookkeeping,
  CaseCreation,
  CaseRepository,
  Clock,
  HeldReplies,
  Mailer,
  ReplyThrottle,
  SenderBounce,
  SenderOpenCases,
  SentMail,
  TicketDirectory,
} from '../ports';
import { MailRejected, type RawMailRetention, type UploadRetention } from '../ports';
import { bestEffortAfterSend, recordAfterSend, providerMessageIds } from './after-send';
import type { MailLifecycle } from './lifecycle/mail-lifecycle';
import type { MailFileCopies } from './mail-file-copies';
import {
  caseOfMerchantMail,
  closedLongAgo,
  type AsksNothingAfterClosing,
  findThread,
  sameAddress,
  THREAD_TEXTS,
  type ThreadMatch,
} from './threading';

/** What the service reports to metrics; the handlers implement it with Powertools. */
export interface IntakeTelemetry {
  decided(outcome: Outcome, channel: Submission['channel']): void;
  replySuppressed(reason: string): void;
  /** A reply the provider did not take; `permanent` when a retry cannot help. */
  replyFailed?(permanent: boolean): void;
  followUp(kind: 'appended' | 'duplicate'): void;
  /** A case created with its ticket unverified: the directory failed (`why`, e.g. directory_unavailable). */
  ticketUnverified?(why: string): void;
}

export const noTelemetry: IntakeTelemetry = { decided() {}, replySuppressed() {}, followUp() {} };

/** The case-store operations the intake uses (one DynamoDB class implements them all). */
export type IntakeCases = Pick<
  CaseRepository,
  | 'create'
  | 'get'
  | 'getFirstStored'
  | 'getByProtocol'
  | 'findByMessageId'
  | 'listBySender'
  | 'nextProtocol'
  | 'releaseProtocol'
  | 'setProtocolOnce'
  | 'addMessageIds'
  | 'rereadFirstMessage'
  | 'addCitation'
  | 'appendMessage'
  | 'claimReply'
  | 'recordReply'
  | 'markEnqueued'
  | 'findSentMail'
  | 'claimDelivery'
  | 'takeOverDelivery'
  | 'expireClaim'
  | 'keepRawCopy'
>;

export interface IntakeDeps {
  cases: IntakeCases;
  /** Open accepted cases per sender (the webform's cap reads it; closing releases). */
  openCases: SenderOpenCases;
  tickets: TicketDirectory;
  mailer: Mailer;
  queue: AssignmentQueue;
  throttle: ReplyThrottle;
  bounces: BounceRegistry;
  /**
   * The bounce breaker's count (domain/bounce-breaker.ts), read on the guidance path only. Production
   * wires it (composition/intake.ts); absent (tests, tools), no breaker.
   */
  bounceCounter?: BounceCounter;
  /**
   * Where a reply the breaker holds is kept for the held-reply sweep (one write, on the held path
   * only). Production wires it with the breaker; absent, a held reply is only recorded as suppressed.
   */
  heldReplies?: HeldReplies;
  clock: Clock;
  config: OuvidoriaConfig;
  telemetry?: IntakeTelemetry;
  /** Told when a merchant follow-up lands on a case (the assigned analyst is emailed). */
  onFollowUp?: (parent: CaseRecord, message: CaseMessage) => Promise<void>;
  /**
   * Told when a new record cites a case it could not join (its referencedCaseId: another sender, or
   * the merchant's address unauthenticated), once, by the delivery that stored it (citation.ts).
   * Best effort: a failure is swallowed, the console lists the citing records anyway.
   */
  onCitation?: (citing: CaseRecord) => Promise<void>;
  /**
   * The case lifecycle (SPEC step 8). With it, mail to a per-case staff address is a staff
   * command, and a merchant's follow-up moves the case (wait → in progress, reopen) in one write;
   * without it (tools, older tests) follow-ups are only appended and notified. Injected
   * (mailLifecycle) by the email intake's composition root: the webform receives neither.
   */
  lifecycle?: MailLifecycle;
  /** Raw-mail retention tags (S3); absent locally, where files have no lifecycle. */
  rawMailRetention?: RawMailRetention;
  /** Webform-file retention tags (S3 uploads bucket); absent locally and in the email intake. */
  uploadRetention?: UploadRetention;
  /**
   * The email intake's copies of a case's mailed files into the uploads bucket (mail-file-copies.ts):
   * with it, the accepted files of a mail that makes or joins a case are keyed on its message, in the
   * write that stores it, and copied after (before the automatic reply; a failure is retried with the
   * delivery). Absent (the webform, tools, older tests): a mail's files stay in its raw mail only.
   */
  mailFiles?: MailFileCopies;
  /**
   * How a call that finds the automatic reply claimed by another attempt goes on: the webform's,
   * whose only retry is the person's resubmission. Absent (the email intake, whose platform retries
   * come after REPLY_CLAIM_STALE_MS), the call leaves the reply to the claim's holder.
   */
  replyClaimWait?: ReplyClaimWait;
  /**
   * How long a mail whose ticket is held by a case still being stored (TicketCaseNotStoredYet: two
   * of her mails at once) looks again before failing for the platform's retry: that failure is a
   * Lambda error, and the email intake's errors page. Absent, it fails at once.
   */
  ticketHolderWait?: Pick<ReplyClaimWait, 'maxWaitMs' | 'pollMs' | 'sleep'>;
}

/**
 * Waiting on another attempt's reply claim. A claim holder that died (a function killed at its
 * timeout, say, between the creating write and the send) has no one to finish its reply but the
 * next attempt: a resubmission waits for the holder to record the reply (a double click while it is
 * alive: one acknowledgement, shown as sent) or for the claim to go stale, then takes it over. One
 * that can do neither within `maxWaitMs` fails with ReplyPending (the webform answers 503: the
 * next resubmission finds the claim staler). Never two replies: the takeover is claimReply's
 * conditional write, and a holder cannot outlive `staleAfterMs`.
 */
export interface ReplyClaimWait {
  /**
   * A claim older than this is abandoned. It must exceed the longest a holder can live (the
   * claiming function's timeout; test/infra checks the webform's), so that no live attempt is
   * ever overtaken.
   */
  staleAfterMs: number;
  /** The longest a call waits (well within its own function's timeout). */
  maxWaitMs: number;
  /** Between two looks at the case (one read and one conditional claim each). */
  pollMs: number;
  sleep(ms: number): Promise<void>;
}

/**
 * Thrown after the case is stored and queued when its reply failed for a reason a retry can fix
 * (throttling, a network error): the platform retries the delivery (the mail, the queue message),
 * and the retry only re-sends.
 */
export class ReplyNotSentYet extends Error {
  constructor(readonly caseId: string) {
    super(`Reply of case ${caseId} failed transiently; the delivery will be retried`);
    this.name = 'ReplyNotSentYet';
  }
}

/** A reply that failed for a reason a retry can fix (not a permanent rejection): the caller's retry sends it. */
export function replyToRetry(reply: ReplyState | undefined): boolean {
  return reply?.status === 'failed' && !reply.permanent;
}

/** The automatic reply is claimed by another attempt that neither recorded it nor went stale in the wait. */
export class ReplyPending extends Error {
  override name = 'ReplyPending';
}

export type IntakeResult =
  | {
      kind: 'case';
      caseId: string;
      outcome: Outcome;
      status: CaseStatus;
      protocol?: string;
      decision: Decision;
      reply?: ReplyState;
      /** True when this delivery found the case already stored (a duplicate, a retry, or a create race lost). */
      duplicate: boolean;
      /** The files of the case's first message as stored (the webform lists them without reading the case back). */
      attachments: AttachmentMeta[];
      /** An open accepted case with its protocol: its answer deadline now (currentDueDate), dd/mm/aaaa. */
      dueDate?: string;
    }
  | {
      kind: 'follow-up';
      caseId: string;
      protocol?: string;
      appended: boolean;
      /** The lifecycle reopened the closed case (within its window) with this message. */
      reopened?: true;
    }
  /** Mail to a per-case staff reply address that the lifecycle acted on (or refused, recorded). */
  | { kind: 'staff-mail'; caseId: string; protocol: string; result: 'applied' | 'refused' | 'duplicate' };

/**
 * A claimed reply that never completed is taken over after this long: longer than any
 * single send, shorter than the platform's retry delays (Lambda async retries wait 1–2 min).
 */
export const REPLY_CLAIM_STALE_MS = 45_000;

/** What the caller did already for this submission, so that the service does not do it again. */
export interface IntakeStart {
  /** The email intake's delivery claim: when `pointerHeld`, it is the submission's Message-ID pointer. */
  pointerHeld?: boolean;
  /**
   * The caller's decision on this very submission (the webform decides before its open-case cap):
   * used only when no record is stored, in place of deciding again.
   */
  decided?: Decided;
}

/**
 * `stored` is the record the caller already read for this submission's case id (null: none),
 * so that the service does not read it a second time.
 */
export async function processSubmission(
  submission: Submission,
  deps: IntakeDeps,
  stored?: CaseRecord | null,
  start?: IntakeStart,
): Promise<IntakeResult> {
  const telemetry = deps.telemetry ?? noTelemetry;
  const caseId = caseIdFor(submission.channel, submission.sourceId);

  // A retry or duplicate delivery resumes the stored record instead of deciding again:
  // the decision (and its ticket lookup) happens once per submission.
  let record = stored !== undefined ? stored : await deps.cases.get(caseId);
  const duplicate = record !== null;
  let createdHere = false;

  if (!record) {
    let decided: Decided | undefined = start?.decided;
    if (!decided && deps.lifecycle && isStaffMail(submission, deps.config)) {
      const staff = await deps.lifecycle.staffMail(submission);
      if (staff.kind === 'merchant') {
        const hers = await caseOfMerchantMail(
          staff.protocol,
          submission,
          deps.cases,
          deps.config,
          deps.clock.now(),
          asksNothingOf(deps.lifecycle),
        );
        const joined = hers && (await followUp(hers, submission, deps, telemetry));
        if (joined) return joined;
      } else if (staff.kind !== 'quarantine') {
        return { kind: 'staff-mail', caseId: staff.caseId, protocol: staff.protocol, result: staff.kind };
      }
      // Changed nothing: kept for review as quarantined mail, never answered.
      decided = staffMailSetAside(staff.kind === 'merchant' ? staff.otherwise : staff.reason);
    } else if (!decided && deps.lifecycle && (await deps.lifecycle.misaddressedCommands(submission))) {
      // A member's commands sent to the office's address: she was told; no merchant's submission.
      decided = staffMailSetAside('misaddressed-commands');
    }
    // Threading and the rules read the same screening: computed once.
    const screening = decided ? undefined : screen(submission, deps.config);
    let thread: ThreadMatch = screening ? await threadOf(submission, deps, screening) : { kind: 'none' };
    if (thread.kind === 'continues') {
      const joined = await followUp(thread.parent, submission, deps, telemetry);
      if (joined) return joined;
      // Closed longer ago than the reopen window: a new case, linked to the old one.
      thread = { kind: 'linked', parent: thread.parent, reason: 'closed-long-ago' };
    }
    const ownDecision = !decided;
    decided ??= await decideInThread(submission, deps, thread, screening);
    const hold = ownDecision ? await unprovenHold(caseId, submission, decided, thread, deps) : undefined;
    if (hold) decided = { ...decided, decision: heldUnproven(decided.decision, hold) };
    let counted: CountedCase | undefined;
    const ticket = ownDecision ? ticketToJoin(submission, decided, thread) : undefined;
    if (ticket) {
      const byTicket = await joinCaseOfTicket(caseId, ticket, submission, deps, telemetry);
      if (byTicket.kind === 'joined') return byTicket.result;
      counted = { bounce: byTicket.bounce };
      if (byTicket.closed && thread.kind === 'none') {
        thread = { kind: 'linked', parent: byTicket.closed, reason: 'closed-long-ago' };
      }
    }
    const held = start?.pointerHeld ? submission.messageId : undefined;
    const created = await createCase(newCaseRecord(caseId, submission, decided, thread, deps), submission, deps, held);
    record = created.record;
    createdHere = created.created;
    if (created.created) {
      telemetry.decided(record.outcome, submission.channel);
      const { ticket } = record.decision;
      if (ticket.status === 'unverified') telemetry.ticketUnverified?.(ticket.why);
    }
    return completeCase(record, submission, deps, {
      duplicate,
      createdHere,
      plannedReply: created.plannedReply,
      ...(counted ? { counted } : {}),
    });
  }

  return completeCase(record, submission, deps, { duplicate, createdHere });
}

/**
 * Stores a new record numbered, with its automatic reply claimed, in the creating write (issue 16:
 * the protocol and the claim were two more writes of the case item, 5 WRU with the indexes). The
 * number is drawn before the create, for the case id: concurrent attempts of the same submission
 * drawing one after the other get the same number (nextProtocol), so the losers of the create race
 * consume none. When a draw for another case came in between, the loser's own number is given
 * back while nobody has drawn since, so a race can leave a gap, never a number handed out twice.
 * A create that fails outright keeps its number: its write may have gone through with the response
 * lost (its retry, drawing again for the case, gets the same number while no other case drew).
 */
async function createCase(
  draft: CaseRecord,
  submission: Submission,
  deps: IntakeDeps,
  heldPointer: string | undefined,
): Promise<{ created: boolean; record: CaseRecord; plannedReply?: ReplyPlan }> {
  if (draft.outcome === 'ACCEPTED') {
    draft.protocol = await deps.cases.nextProtocol(protocolYear(draft.createdAt, deps.config), draft.caseId);
  }
  const plan = planReply(draft, submission, deps.config);
  const claim = plan.kind === 'send' ? { at: deps.clock.now(), messageIds: [plan.messageId] } : undefined;
  const creation = { ...(claim ? { replyClaim: claim } : {}), ...(heldPointer ? { heldPointer } : {}) };
  let created: { created: boolean; record: CaseRecord };
  try {
    created = await deps.cases.create(draft, creation);
  } catch (error) {
    // The write may have gone through with its response lost: then the case holds this attempt's
    // reply claim, which nobody else may take until it is stale (a resubmission before that finds
    // it held). This attempt recognises its own write and carries on as the creator; anything else
    // keeps the error (nothing of ours is stored).
    const own = await ownLostCreate(draft, creation, deps).catch(() => undefined);
    if (!own) throw error;
    return { created: true, record: own, plannedReply: plan };
  }
  if (!created.created) {
    if (draft.protocol && created.record.protocol !== draft.protocol) {
      await deps.cases.releaseProtocol(draft.protocol).catch(() => undefined);
    }
    return created;
  }
  return { ...created, plannedReply: plan };
}

/**
 * After a create that threw: the stored case when it is this attempt's own write, else undefined.
 * The owner token is what only this attempt drew: its reply's Message-ID (random, on the case's
 * list since the creating write); its protocol number must match too, though concurrent attempts of
 * one submission may share it (the counter hands a number out again to the same case id). The
 * claim is still this attempt's while no reply is recorded and it is younger than its staleness
 * (claimStaleAfterMs: before that nobody can retake it). The create runs again when the record has
 * side items (extra messages, Message-ID pointers) the lost call may not have written: it is
 * idempotent and writes only those.
 */
async function ownLostCreate(
  draft: CaseRecord,
  creation: CaseCreation,
  deps: IntakeDeps,
): Promise<CaseRecord | undefined> {
  const stored = await deps.cases.get(draft.caseId);
  if (!stored || stored.reply) return undefined;
  const claim = creation.replyClaim;
  const ownClaim =
    claim !== undefined &&
    deps.clock.now().getTime() - claim.at.getTime() < claimStaleAfterMs(deps) &&
    claim.messageIds.every((id) => stored.messageIds.some((listed) => sameMessageId(listed, id)));
  const ownNumber = draft.protocol !== undefined && stored.protocol === draft.protocol;
  // Without a claim there is nothing only this attempt could do: a retry resumes the case as it is.
  if (!ownClaim || (draft.protocol !== undefined && !ownNumber)) return undefined;
  if (draft.messages.length > 1 || draft.messageIds.length > 0) await deps.cases.create(draft, creation);
  return stored;
}

/**
 * The steps after the record is stored — protocol, queue, retention tag, reply — each idempotent
 * and resumable. Also the tail of a quarantine release (shared/app/quarantine-release.ts), where
 * `createdHere` means "this call rewrote the quarantined record".
 */
export async function completeCase(
  record: CaseRecord,
  submission: Submission,
  deps: IntakeDeps,
  progress: {
    duplicate: boolean;
    createdHere: boolean;
    /** The reply planned by createCase for the record it created; a `send` plan was claimed in that write. */
    plannedReply?: ReplyPlan | undefined;
    /** The sender's open-case count this call wrote already (claiming the ticket), with what it read. */
    counted?: CountedCase;
  },
): Promise<IntakeResult> {
  const telemetry = deps.telemetry ?? noTelemetry;
  const { caseId } = record;
  const { createdHere } = progress;
  // A delivery that lost the creating race found the case stored too (it was not there when it looked):
  // it is a duplicate of the one that created it — what the caller tells once (a note on an infected
  // file) is the creator's to tell.
  const duplicate = progress.duplicate || !createdHere;
  if (record.outcome === 'ACCEPTED' && !record.protocol) {
    // Only the delivery that created the case numbers it (a burst of duplicates burns no
    // protocol numbers); another one takes over only when the creator evidently crashed.
    if (!createdHere && !creatorGaveUp(record, deps.clock.now())) return result(record, duplicate, deps.config);
    const protocol = await deps.cases.nextProtocol(protocolYear(record.createdAt, deps.config), caseId);
    record.protocol = await deps.cases.setProtocolOnce(caseId, protocol);
  }

  // The case it cited lists it for the team (idempotent: a retry or a release adds nothing), and
  // its analyst hears of it from the delivery that stored it.
  if (record.referencedCaseId) {
    await deps.cases.addCitation(record.referencedCaseId, caseId);
    if (createdHere && deps.onCitation) await deps.onCitation(record).catch(() => undefined);
  }

  // The enqueue time still to be written: the reply step's own case write carries it (issue 16),
  // and only when none does (no claim won, a reply stored already) is it written on its own.
  const pass: PassState = {
    claimHeld: progress.plannedReply?.kind === 'send',
    planned: progress.plannedReply,
    ...(progress.counted ? { counted: progress.counted } : {}),
  };
  try {
    await queueAndReply(record, submission, deps, telemetry, pass);
  } catch (error) {
    // A reply claimed but not sent: given up as a failed reply, which the next attempt retakes at
    // once (a resubmitted form comes within seconds, long before a claim goes stale). Never after
    // the send: a failure there must not lead to a second copy.
    if (pass.claimHeld) await releaseClaim(record.caseId, error, deps, pass);
    throw error;
  }
  if (pass.enqueuedAt) await deps.cases.markEnqueued(caseId, pass.enqueuedAt);

  return result(record, duplicate, deps.config);
}

async function releaseClaim(caseId: string, error: unknown, deps: IntakeDeps, pass: PassState) {
  const failed: ReplyState = {
    status: 'failed',
    error: error instanceof Error ? error.name : 'unknown',
    at: deps.clock.now().toISOString(),
  };
  const enqueuedAt = pass.enqueuedAt;
  await deps.cases
    .recordReply(caseId, failed, enqueuedAt ? { enqueuedAt } : undefined)
    .then(() => delete pass.enqueuedAt)
    .catch(() => undefined);
}

/** Queue (accepted cases), retention tags, automatic reply: each idempotent and resumable. */
async function queueAndReply(
  record: CaseRecord,
  submission: Submission,
  deps: IntakeDeps,
  telemetry: IntakeTelemetry,
  pass: PassState,
): Promise<void> {
  const { caseId } = record;
  if (record.outcome === 'ACCEPTED' && record.protocol && !record.enqueuedAt) {
    const bounce = pass.counted ? pass.counted.bounce : await deps.openCases.add(record.senderEmail, caseId);
    if (bounce) pass.senderBounce = { address: record.senderEmail, until: bounce.until };
    // Queued before the reply is sent: the case never waits on the reply (a refused or failed
    // reply is recorded on the case and retried on its own). A second queue message after a
    // crash before enqueuedAt is written is harmless: assignment is idempotent.
    await deps.queue.enqueue({ caseId, protocol: record.protocol });
    pass.enqueuedAt = deps.clock.now();
    record.enqueuedAt = pass.enqueuedAt.toISOString();
  }

  // LGPD: the raw mail and the webform files of a submission that is not a case expire on its own
  // clock. Tagged before the reply, so a retry (reply not yet recorded) tags again; tagging is idempotent.
  const first = record.messages[0];
  if (first && record.status !== 'QUEUED' && (!record.reply || record.reply.status === 'failed')) {
    if (first.raw) await deps.rawMailRetention?.markRedirected(first.raw);
    for (const file of first.attachments) if (file.key) await deps.uploadRetention?.markRedirected(file.key);
  }

  // The case's mailed files into the uploads bucket (keyed in its creating write): before the reply,
  // so a failure leaves the reply to the retry, which copies only what is missing (mail-file-copies.ts).
  if (
    first &&
    record.channel === 'email' &&
    opensACase(record.decision) &&
    (!record.reply || record.reply.status === 'failed')
  )
    await deps.mailFiles?.copy(caseId, first);

  const reply =
    record.reply && record.reply.status !== 'failed'
      ? record.reply
      : await sendAutomaticReply(record, submission, deps, telemetry, pass);
  if (reply) record.reply = reply;
}

function result(record: CaseRecord, duplicate: boolean, config: OuvidoriaConfig): IntakeResult {
  return {
    kind: 'case',
    caseId: record.caseId,
    outcome: record.outcome,
    status: record.status,
    protocol: record.protocol,
    decision: record.decision,
    reply: record.reply,
    duplicate,
    attachments: record.messages[0]?.attachments ?? [],
    // The case as it stands: a confirmation shown again days later (her link, a repeated post) gave
    // the acknowledgement's date after an extension moved it, or after the case was closed.
    ...(record.outcome === 'ACCEPTED' && record.protocol && record.status !== 'CLOSED'
      ? { dueDate: currentDueDate(record, config) }
      : {}),
  };
}

/** A case stored without a protocol for this long was left by a crashed delivery. */
function creatorGaveUp(record: CaseRecord, now: Date): boolean {
  return now.getTime() - Date.parse(record.updatedAt) > REPLY_CLAIM_STALE_MS;
}

export type Decided = {
  decision: Decision;
  candidates: TicketCandidate[];
  /** Quarantined mail no one has to review (settledWithoutReview): stored already reviewed. */
  settled?: boolean;
};

/** Staff-address mail that changed nothing, as stored: quarantined, and already reviewed when no one has to. */
function staffMailSetAside(reason: string): Decided {
  return { decision: staffMailQuarantine(reason), candidates: [], settled: settledWithoutReview(reason) };
}

/** What the steps after the store share in one call of completeCase. */
interface PassState {
  /** The enqueue time still to be written: the next case write carries it, and clears it. */
  enqueuedAt?: Date;
  /** This call holds the reply claim and has not handed the reply to the mailer yet. */
  claimHeld: boolean;
  /** The reply planned by createCase; a `send` plan is claimed already (no second claim). */
  planned?: ReplyPlan | undefined;
  /** The open-case count written before the case was created (claimTicket), and the bounce memory it read. */
  counted?: CountedCase;
  /** The sender's bounce memory, as counting its open case read it (issue 16: no read of its own). */
  senderBounce?: { address: string; until?: Date | undefined };
}

/**
 * The case a mail continues by its thread headers or a protocol it names, as the intake reads it
 * (threading.ts findThread, Trust rules: her very address, authenticated): the intake's and a
 * quarantine release's (quarantine-release.ts joinHerCase) one reading.
 */
export function threadOf(submission: Submission, deps: IntakeDeps, screening?: Screening): Promise<ThreadMatch> {
  return findThread(submission, deps.cases, deps.config, deps.clock.now(), screening, asksNothingOf(deps.lifecycle));
}

/** Threading's reading of a mail to a case closed long ago, with the lifecycle's (her analyst's name known). */
function asksNothingOf(lifecycle: MailLifecycle | undefined): AsksNothingAfterClosing | undefined {
  return lifecycle ? (parent, mail) => lifecycle.asksNothingAfterClosing(parent as WorkCase, mail) : undefined;
}

/** The automatic reply a case gets, as far as the submission alone decides it (no I/O). */
type ReplyPlan = { kind: 'suppress'; reason: string } | SendPlan;
type SendPlan = { kind: 'send'; messageId: string; to: string; headers: Record<string, string> };

function planReply(record: CaseRecord, submission: Submission, config: OuvidoriaConfig): ReplyPlan {
  // A mail too big or unreadable is judged like guidance mail (automatic senders get nothing).
  const notice = unreadNotice(record, submission);
  const policy = evaluateAutoReply(submission, notice ? 'NO_PRIOR_TICKET' : record.outcome, config);
  if (!policy.allowed && !answeredDespiteSubject(policy.ruleId, record.decision))
    return { kind: 'suppress', reason: policy.ruleId };
  // Automatic mail recognised by the rules (auto.* decides), e.g. from its text alone: no reply.
  if (record.decision.ruleIds.at(-1)?.startsWith('auto.')) return { kind: 'suppress', reason: REPLY_TO_AUTOMATIC_TEXT };
  const messageId = randomMessageId(config.domain);
  return { kind: 'send', messageId, ...replyHeaders(submission, messageId, config) };
}

/** When another attempt's reply claim counts as abandoned: the channel's wait, else REPLY_CLAIM_STALE_MS. */
function claimStaleAfterMs(deps: Pick<IntakeDeps, 'replyClaimWait'>): number {
  return deps.replyClaimWait?.staleAfterMs ?? REPLY_CLAIM_STALE_MS;
}

function sameMessageId(a: string, b: string): boolean {
  return normaliseMessageId(a) === normaliseMessageId(b);
}

/** Mail addressed to the staff reply mailbox (`caso+<protocol>.<token>@<domain>`, well-formed or not). */
export function isStaffMail(submission: Submission, config: OuvidoriaConfig): boolean {
  return submission.channel === 'email' && submission.recipients.some((r) => isStaffReplyMailbox(r, config));
}

/**
 * The prior tickets a submission cites, ranked (the form field, its subject, text and file names):
 * what the decision looks up, and what makes a webform post wait for its confirmation link.
 */
export function ticketCandidatesOf(
  submission: Submission,
  config: OuvidoriaConfig,
  linkedCase?: TicketExtractionInput['linkedCase'],
  answersTicketRequest = false,
): TicketCandidate[] {
  return extractTicketCandidates({
    subject: submission.subject,
    // Our own reply pasted back names the wrong ticket in our words: not a ticket the merchant cites.
    text: submission.channel === 'email' ? withoutOwnReplyNumbers(submission.text, config) : submission.text,
    formTicket: submission.formTicket,
    attachmentNames: submission.attachments.flatMap((a) => (a.filename ? [a.filename] : [])),
    ...(linkedCase ? { linkedCase } : {}),
    ...(answersTicketRequest ? { answersTicketRequest } : {}),
  });
}

/** Rules on a submission (ticket looked up only when nothing quarantines it). */
export async function decideSubmission(
  submission: Submission,
  deps: Pick<IntakeDeps, 'tickets' | 'config'>,
  screening: Screening = screen(submission, deps.config),
  linkedCase?: TicketExtractionInput['linkedCase'],
  answersTicketRequest = false,
): Promise<Decided> {
  if (screening.quarantine.length > 0) {
    // No ticket lookup and no further rules for mail we will not answer.
    return { decision: decide(submission, { status: 'none' }, deps.config, screening), candidates: [] };
  }
  const candidates = ticketCandidatesOf(submission, deps.config, linkedCase, answersTicketRequest);
  // A ticket is the sender's only when the mail has one author: the address of a mail without a
  // From (read from its Sender), with two, or with one SES could not check is a guess, and DMARC
  // protects no guess — "Sender: lojista@…" alone opened an accepted case in her name.
  // Nor is it when nothing proves the From and the envelope is another domain's (fromMayOwnTicket).
  const unproven = submission.channel === 'email' && !fromMayOwnTicket(submission.verdicts, submission);
  const owner = submission.authorUnclear || unproven ? '' : submission.sender.address;
  const ticket = await verifyTicket(candidates, owner, deps.tickets);
  return { decision: decide(submission, ticket, deps.config, screening), candidates };
}

/**
 * The rules on a mail read in its thread (threadOf): a case of hers closed before the reopen window
 * lends its ticket, and an answer to our request for a ticket counts as one. The intake's reading, and
 * a quarantine release's (quarantine-release.ts), so that released mail is decided as it would have
 * been had it not been held.
 */
export function decideInThread(
  submission: Submission,
  deps: Pick<IntakeDeps, 'tickets' | 'config'>,
  thread: ThreadMatch,
  screening?: Screening,
): Promise<Decided> {
  return decideSubmission(submission, deps, screening, earlierCaseTicket(thread), asksForTicket(thread));
}

/** The links a new record keeps of the case its thread named but did not join (the team's page). */
export type ThreadLinks = Pick<
  CaseRecord,
  'linkedProtocol' | 'referencedCaseId' | 'referencedProtocol' | 'answersSubmissionId'
>;

export function threadLinks(thread: ThreadMatch): ThreadLinks {
  if (thread.kind !== 'linked') return {};
  const { parent, reason } = thread;
  // Her own case closed long ago: "Caso anterior relacionado".
  if (reason === 'closed-long-ago') return parent.protocol ? { linkedProtocol: parent.protocol } : {};
  // Someone else's case, or the merchant's address without proof: shown to the team, never joined.
  if (reason === 'other-sender' || reason === 'unauthenticated') {
    return { referencedCaseId: parent.caseId, ...(parent.protocol ? { referencedProtocol: parent.protocol } : {}) };
  }
  // Her answer to our guidance (or a mail after her own redirected one): what she wrote first goes
  // with the case. Never a quarantined record: its text is not known to be hers.
  return parent.outcome !== 'QUARANTINED' ? { answersSubmissionId: parent.caseId } : {};
}

/** The outcomes whose reply asks the merchant for the ticket's number (SPEC: "responda com o número"). */
const ASKED_FOR_TICKET: ReadonlySet<Outcome> = new Set(['NO_PRIOR_TICKET', 'TICKET_INVALID']);

/** Whether the mail answers (by its headers) the sender's own earlier mail that we asked for the ticket's number. */
function asksForTicket(thread: ThreadMatch): boolean {
  return (
    thread.kind === 'linked' &&
    thread.reason === 'not-a-case' &&
    ASKED_FOR_TICKET.has(thread.parent.outcome) &&
    thread.parent.reply?.status === 'sent'
  );
}

/** The ticket of the sender's own case closed before the reopen window, which the new case inherits. */
function earlierCaseTicket(thread: ThreadMatch): TicketExtractionInput['linkedCase'] {
  if (thread.kind !== 'linked' || thread.reason !== 'closed-long-ago') return undefined;
  const { ticket } = thread.parent.decision;
  if (ticket.status === 'none') return undefined;
  return { protocol: thread.parent.protocol ?? thread.parent.caseId, ticket: ticket.number };
}

export function statusFor(outcome: Outcome): CaseStatus {
  if (outcome === 'ACCEPTED') return 'QUEUED';
  if (outcome === 'QUARANTINED') return 'QUARANTINED';
  return 'REDIRECTED';
}

/**
 * The message a submission is stored as; with `keyedFor`, a mail's accepted files keyed for copying
 * into the uploads bucket under that case (mailFilesOn: a mail that makes or joins a case, with the
 * email intake's copies wired).
 */
export function messageOf(submission: Submission, keyedFor?: { caseId: string; config: OuvidoriaConfig }): CaseMessage {
  const virus = submission.verdicts?.virus;
  const attachments =
    keyedFor && submission.channel === 'email'
      ? withMailFileKeys(
          submission.attachments,
          { caseId: keyedFor.caseId, sourceId: submission.sourceId, virus },
          keyedFor.config.attachments,
        )
      : submission.attachments;
  return {
    from: submission.sender,
    sourceId: submission.sourceId,
    channel: submission.channel,
    receivedAt: submission.receivedAt,
    subject: submission.subject,
    text: submission.text,
    attachments,
    ...(submission.verdicts ? { virus: submission.verdicts.virus } : {}),
    raw: submission.raw,
    messageId: submission.messageId,
  };
}

function newCaseRecord(
  caseId: string,
  submission: Submission,
  decided: Decided,
  thread: ThreadMatch,
  deps: Pick<IntakeDeps, 'clock' | 'config' | 'mailFiles'>,
): CaseRecord {
  const now = deps.clock.now().toISOString();
  // A case's mailed files are keyed in its creating write (mail-file-copies.ts); nothing else's are.
  const keyed = opensACase(decided.decision) ? mailFilesOn(caseId, deps) : undefined;
  return {
    caseId,
    channel: submission.channel,
    sourceId: submission.sourceId,
    status: statusFor(decided.decision.outcome),
    outcome: decided.decision.outcome,
    decision: decided.decision,
    ticketCandidates: decided.candidates,
    senderName: submission.sender.name,
    senderEmail: submission.sender.address,
    storeName: submission.storeName,
    subject: submission.subject,
    verdicts: submission.verdicts,
    createdAt: submission.receivedAt,
    updatedAt: now,
    messages: [messageOf(submission, keyed)],
    messageIds: submission.messageId ? [submission.messageId] : [],
    ...threadLinks(thread),
    ...(decided.settled ? { reviewedAt: now, reviewOutcome: 'discarded' as const, reviewedBy: SYSTEM_REVIEWER } : {}),
  };
}

/**
 * The files of a quarantined mail's first message as a supervisor's release into an accepted case
 * keys them (quarantine-release.ts, written in the release's own write); undefined when none is
 * copied (not a case, no copier, nothing that qualifies). The copy then runs in completeCase.
 */
export function releasedMailFiles(
  record: Pick<CaseRecord, 'caseId' | 'channel' | 'messages'>,
  decision: Decision,
  deps: Pick<IntakeDeps, 'config' | 'mailFiles'>,
): AttachmentMeta[] | undefined {
  const first = record.messages[0];
  if (!first || record.channel !== 'email' || !deps.mailFiles || !opensACase(decision)) return undefined;
  const owner = { caseId: record.caseId, sourceId: first.sourceId, virus: first.virus };
  const keyed = withMailFileKeys(first.attachments, owner, deps.config.attachments);
  return keyed === first.attachments ? undefined : keyed;
}

/** Whether a decision makes a case whose mailed files are kept for the console: accepted, and not automatic mail. */
function opensACase(decision: Decision): boolean {
  return decision.outcome === 'ACCEPTED' && !(decision.ruleIds.at(-1) ?? '').startsWith('auto.');
}

/** Where a mail's files are keyed for (messageOf): the case, when the email intake copies them. */
function mailFilesOn(
  caseId: string,
  deps: Pick<IntakeDeps, 'config' | 'mailFiles'>,
): { caseId: string; config: OuvidoriaConfig } | undefined {
  return deps.mailFiles ? { caseId, config: deps.config } : undefined;
}

/** The sender's open case counted by claimTicket, with the bounce memory that write read back. */
interface CountedCase {
  bounce: SenderBounce | null;
}

/**
 * The merchant's mail on a case of hers: appended (analyst notified), or moved by the lifecycle
 * (wait → in progress, reopen within the window). Undefined: the case closed longer ago than the
 * reopen window, so the mail opens a new case.
 */
async function followUp(
  parent: CaseRecord,
  submission: Submission,
  deps: Omit<IntakeDeps, 'lifecycle'> & { lifecycle?: Pick<MailLifecycle, 'merchantReply'> },
  telemetry: IntakeTelemetry,
  released?: MessageRelease,
): Promise<Extract<IntakeResult, { kind: 'follow-up' }> | undefined> {
  const message = { ...messageOf(submission, mailFilesOn(parent.caseId, deps)), ...(released ? { released } : {}) };
  if (!deps.lifecycle) return appendFollowUp(parent, message, submission, deps, telemetry);
  // Her helpdesk's acknowledgement of our mail (no RFC 3834 header, an automatic reply's words) asks for nothing.
  const automatic = submission.channel === 'email' && automaticTextEvidence(submission) !== undefined;
  const moved = await deps.lifecycle.merchantReply(parent as WorkCase, message, { automatic });
  // Closed past its reopen window meanwhile, or gone (erased between the intake's read and the
  // lifecycle's: 'not-a-case'): nothing was stored on it, and the caller opens a case of its own —
  // counted a duplicate, her mail was dropped and her confirmed post's page said it had joined.
  if (moved.kind === 'open-linked-case' || moved.kind === 'not-a-case') return undefined;
  telemetry.followUp(moved.kind === 'applied' ? 'appended' : 'duplicate');
  // Stored (and forwarded) first: a failed copy throws for the delivery's retry, which finds the
  // message a duplicate (nothing forwarded twice) and copies what is still missing.
  if (moved.kind === 'applied' || moved.kind === 'duplicate') {
    // Her thanks with a file on a closed case (it stays closed): the file is on the closed case's clock.
    const closedCase = (moved.kind === 'applied' ? moved.status : parent.status) === 'CLOSED';
    await deps.mailFiles?.copy(parent.caseId, message, { closedCase });
  }
  return {
    kind: 'follow-up',
    caseId: parent.caseId,
    protocol: parent.protocol,
    appended: moved.kind === 'applied',
    ...(moved.kind === 'applied' && moved.reopened ? { reopened: true as const } : {}),
  };
}

/**
 * The ticket whose open case a new accepted mail joins, or that its case holds for the next one
 * (Trust rules): only mail that proves its From by the domain's own word (fromProven: DMARC pass or
 * aligned DKIM), since nothing else ties it to the case; mail alone, not a thread it already
 * continues. A copy proven less (SPF alone, a DKIM of another domain) neither joins nor is joined:
 * it decides afresh. The webform's address is typed, not proven: a post decides afresh too (its cap
 * counts its cases).
 */
export function ticketToJoin(
  submission: Submission,
  decided: Pick<Decided, 'decision'>,
  thread: Pick<ThreadMatch, 'kind'>,
): string | undefined {
  const { outcome, ticket } = decided.decision;
  if (submission.channel !== 'email' || outcome !== 'ACCEPTED' || thread.kind === 'continues') return undefined;
  if (ticket.status !== 'valid' && ticket.status !== 'unverified') return undefined;
  if (submission.authorUnclear || !fromProven(submission.verdicts, submission.dkimAligned)) return undefined;
  return ticket.number;
}

/**
 * Why an accepted mail that proves nothing of its sender is held for review (domain/unproven-mail.ts),
 * or undefined. The open-case cap is one conditional write on her open-case item (the webform's
 * reserve, idempotent per case id), so concurrent copies can never pass it together; within it, the
 * case is counted already (queueAndReply's add finds it there).
 */
async function unprovenHold(
  caseId: string,
  submission: Submission,
  decided: Decided,
  thread: ThreadMatch,
  deps: IntakeDeps,
): Promise<UnprovenHold | undefined> {
  if (submission.channel !== 'email' || decided.decision.outcome !== 'ACCEPTED' || thread.kind === 'continues') {
    return undefined;
  }
  if (merchantAuthenticated(submission.verdicts, submission)) return undefined;
  if (senderCheckFailed(submission.verdicts)) return { why: 'check-failed' };
  const limit = deps.config.limits.maxOpenCasesPerSender;
  return (await deps.openCases.reserve(submission.sender.address, caseId, limit))
    ? undefined
    : { why: 'over-cap', limit };
}

/** Thrown while the case that claimed the ticket first is still being stored: the delivery retries. */
export class TicketCaseNotStoredYet extends Error {
  constructor(readonly holder: string) {
    super('the case holding this ticket is being stored');
    this.name = 'TicketCaseNotStoredYet';
  }
}

/** The email intake's ticketHolderWait: a few looks within seconds, far inside its 60 s timeout. */
export const TICKET_HOLDER_WAIT = { maxWaitMs: 3_000, pollMs: 250 } as const;

/**
 * Looks again, within `wait`, while the case holding the ticket is still being stored by the other
 * attempt (its create follows its claim within milliseconds): joining it then spares a failed
 * invocation. joinCaseOfTicket gives its count back before it throws, so each look starts clean.
 */
async function waitingForTicketHolder<T>(attempt: () => Promise<T>, wait: IntakeDeps['ticketHolderWait']): Promise<T> {
  for (let waited = 0; ; waited += wait?.pollMs ?? 0) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof TicketCaseNotStoredYet) || !wait || waited >= wait.maxWaitMs) throw error;
      await wait.sleep(wait.pollMs);
    }
  }
}

/** Her case holding a ticket, as found by ticketHolderOf: to join, or none (this case holds it now). */
export type TicketHolder =
  | { kind: 'join'; parent: CaseRecord; bounce: SenderBounce | null }
  | { kind: 'new'; bounce: SenderBounce | null; closed?: CaseRecord };

/**
 * Her open case (or closed within the reopen window) that holds `ticket`, which a new submission of
 * hers naming it joins instead of opening a parallel case with another analyst; otherwise `caseId`
 * holds the ticket from now on (a holder closed long ago, or never stored, gives it up). The ticket
 * is claimed on her open-case item in the write that counts the case (no request of its own), so
 * two such submissions at once get one case. Waits (ticketHolderWait) while the holder is a case
 * still being stored.
 */
export function ticketHolderOf(
  address: string,
  ticket: string,
  caseId: string,
  deps: TicketHolderDeps,
  /** The caller reserved `caseId` within her cap already (the webform): it keeps it while waiting, and releases it. */
  reserved = false,
): Promise<TicketHolder> {
  return waitingForTicketHolder(() => findTicketHolder(address, ticket, caseId, deps, reserved), deps.ticketHolderWait);
}

type TicketHolderDeps = Pick<
  IntakeDeps,
  'openCases' | 'cases' | 'clock' | 'config' | 'ticketHolderWait' | 'replyClaimWait'
>;

async function findTicketHolder(
  address: string,
  ticket: string,
  caseId: string,
  deps: TicketHolderDeps,
  reserved = false,
): Promise<TicketHolder> {
  const now = deps.clock.now();
  const { bounce, holder } = await deps.openCases.claimTicket(address, ticket, caseId, now);
  if (holder.caseId === caseId) return { kind: 'new', bounce };
  // Uncounted while waiting, unless the slot is a reservation within her cap (released by its holder).
  const uncount = reserved ? undefined : () => deps.openCases.release(address, caseId);
  const { parent, open, hers } = await holderCase(holder, address, deps, now, uncount);
  if (hers) return { kind: 'join', parent: hers, bounce };
  // The claim is the inbox's ("+tags" on any domain, Gmail's dots): a case of another of its spellings,
  // still open, keeps it — only her mailbox joins (threading's sameAddress: one Gmail inbox, elsewhere
  // her very address), and taking it away sent her next mail from that address to a new case instead of hers.
  if (open) return { kind: 'new', bounce };
  return passedTicket(address, ticket, holder.caseId, caseId, deps, bounce, parent ?? undefined, reserved);
}

/**
 * The case a ticket's claim names, as her message meets it: `hers` when it is open to her
 * (openToHer) and her mailbox (sameAddress), so her message joins it; `open` when open to its sender at all.
 * Throws TicketCaseNotStoredYet while the claim is fresh and its case not stored yet (after
 * `beforeWaiting`, the caller's own undoing), so waitingForTicketHolder looks again.
 */
async function holderCase(
  holder: { caseId: string; at: Date },
  address: string,
  deps: Pick<TicketHolderDeps, 'cases' | 'config' | 'replyClaimWait'>,
  now: Date,
  beforeWaiting?: () => Promise<unknown>,
): Promise<{ parent: CaseRecord | null; open: boolean; hers: CaseRecord | null }> {
  const parent = await deps.cases.get(holder.caseId, THREAD_TEXTS);
  if (!parent && now.getTime() - holder.at.getTime() < claimStaleAfterMs(deps)) {
    await beforeWaiting?.();
    throw new TicketCaseNotStoredYet(holder.caseId);
  }
  const open = parent !== null && openToHer(parent, deps, now);
  const hers = parent && open && sameAddress(parent.senderEmail, address) ? parent : null;
  return { parent, open, hers };
}

/** An accepted case that is open, or closed within its reopen window: her message on it moves it. */
function openToHer(parent: CaseRecord, deps: Pick<IntakeDeps, 'config'>, now: Date): boolean {
  return parent.outcome === 'ACCEPTED' && !closedLongAgo(parent, deps.config, now);
}

/**
 * Her case that holds `ticket` and that her message would join (ticketHolderOf's 'join'), read with
 * no write: no slot counted, no ticket claimed. For a post stopped by her open-case cap, which opens
 * nothing when it only joins a case of hers. Null when there is none. Waits (ticketHolderWait) while
 * the holder is a case still being stored, as ticketHolderOf does: her links confirmed at once all
 * join the one case, whichever passed the cap first.
 */
export function herOpenCaseOfTicket(
  address: string,
  ticket: string,
  deps: TicketHolderDeps,
): Promise<CaseRecord | null> {
  return waitingForTicketHolder(async () => {
    const holder = await deps.openCases.ticketHolder(address, ticket);
    return holder ? (await holderCase(holder, address, deps, deps.clock.now())).hers : null;
  }, deps.ticketHolderWait);
}

/**
 * Her case holding `ticket` that closed past its reopen window, read with no write (a quarantine
 * release: quarantine-release.ts): the new case links to it ("Caso anterior relacionado"), as the
 * intake's own mail on that ticket does (joinCaseOfTicket's `closed`). Null when there is none.
 */
export async function herClosedCaseOfTicket(
  address: string,
  ticket: string,
  deps: TicketHolderDeps,
): Promise<CaseRecord | null> {
  const holder = await deps.openCases.ticketHolder(address, ticket);
  const parent = holder ? await deps.cases.get(holder.caseId, THREAD_TEXTS) : null;
  if (!parent || parent.outcome !== 'ACCEPTED' || !sameAddress(parent.senderEmail, address)) return null;
  return closedLongAgo(parent, deps.config, deps.clock.now()) ? parent : null;
}

/** Her case with this ticket closed long ago (or was never stored): `caseId` holds the ticket now. */
async function passedTicket(
  address: string,
  ticket: string,
  from: string,
  caseId: string,
  deps: Pick<IntakeDeps, 'openCases' | 'clock'>,
  bounce: SenderBounce | null,
  closed: CaseRecord | undefined,
  reserved = false,
): Promise<Extract<TicketHolder, { kind: 'new' }>> {
  if (!(await deps.openCases.passTicket(address, ticket, from, caseId, deps.clock.now()))) {
    if (!reserved) await deps.openCases.release(address, caseId);
    throw new TicketCaseNotStoredYet(from);
  }
  return closed ? { kind: 'new', bounce, closed } : { kind: 'new', bounce };
}

/**
 * A submission of hers joining the case `ticketHolderOf` found (the webform's confirmed post, whose
 * files were claimed for that case): moved by the lifecycle as her mail on it would be (`lifecycle`:
 * wait → in progress, a closed case reopened within its window, forwarded with the staff reply
 * address). Undefined when the lifecycle found the case closed past its reopen window meanwhile.
 */
export async function joinCase(
  parent: CaseRecord,
  submission: Submission,
  deps: IntakeDeps,
  lifecycle: Pick<MailLifecycle, 'merchantReply'> | undefined = deps.lifecycle,
  /** Her mail released from quarantine (quarantine-release.ts joinHerCase): stored on the message. */
  released?: MessageRelease,
): Promise<Extract<IntakeResult, { kind: 'follow-up' }> | undefined> {
  const { lifecycle: _own, ...rest } = deps;
  const withLifecycle = lifecycle ? { ...rest, lifecycle } : rest;
  return followUp(parent, submission, withLifecycle, deps.telemetry ?? noTelemetry, released);
}

/** A second mail of the same sender naming the same ticket as her case (ticketHolderOf) joins it. */
function joinCaseOfTicket(
  caseId: string,
  ticket: string,
  submission: Submission,
  deps: IntakeDeps,
  telemetry: IntakeTelemetry,
): Promise<{ kind: 'joined'; result: IntakeResult } | Extract<TicketHolder, { kind: 'new' }>> {
  const address = submission.sender.address;
  return waitingForTicketHolder(async () => {
    const found = await findTicketHolder(address, ticket, caseId, deps);
    if (found.kind === 'new') return found;
    const joined = await followUp(found.parent, submission, deps, telemetry);
    if (joined) {
      await deps.openCases.release(address, caseId);
      return { kind: 'joined', result: joined };
    }
    // The lifecycle found it closed past its reopen window: this case holds the ticket now.
    return passedTicket(address, ticket, found.parent.caseId, caseId, deps, found.bounce, found.parent);
  }, deps.ticketHolderWait);
}

async function appendFollowUp(
  parent: CaseRecord,
  message: CaseMessage,
  submission: Submission,
  deps: Omit<IntakeDeps, 'lifecycle'>,
  telemetry: IntakeTelemetry,
): Promise<Extract<IntakeResult, { kind: 'follow-up' }>> {
  const appended = await deps.cases.appendMessage(parent.caseId, message);
  telemetry.followUp(appended ? 'appended' : 'duplicate');
  // Cases not yet assigned need no notice: the assignment email carries the whole history.
  if (appended && parent.assignee && deps.onFollowUp) await deps.onFollowUp(parent, message);
  // After the notice, as with the lifecycle (followUp), and before the pointer moves to the case: the
  // retry of a failed copy must still find its own claim (a pointer taken over makes it a copy of
  // the mail, which does nothing), and appends and notifies nothing again.
  await deps.mailFiles?.copy(parent.caseId, message, { closedCase: parent.status === 'CLOSED' });
  // The mail's own delivery claim named the case it would have made: the parent takes the pointer.
  const claimedFor = caseIdFor(submission.channel, submission.sourceId);
  if (submission.messageId) {
    await deps.cases.addMessageIds(parent.caseId, [submission.messageId], undefined, { takeOverFrom: claimedFor });
  }
  return { kind: 'follow-up', caseId: parent.caseId, protocol: parent.protocol, appended };
}

/** Calendar year of the case in the office's time zone: protocols are sequential per year. */
function protocolYear(createdAt: string, config: OuvidoriaConfig): number {
  const zone = timeZoneNamed(config.timeZone);
  return (canonicalInstantIn(createdAt, zone) ?? DateTime.fromISO(createdAt, { zone })).year;
}

async function sendAutomaticReply(
  record: CaseRecord,
  submission: Submission,
  deps: IntakeDeps,
  telemetry: IntakeTelemetry,
  pass: PassState,
): Promise<ReplyState | undefined> {
  const { cases, config, clock } = deps;
  const suppress = async (reason: string): Promise<ReplyState> => {
    const reply: ReplyState = { status: 'suppressed', reason, at: clock.now().toISOString() };
    await cases.recordReply(record.caseId, reply, pass.enqueuedAt ? { enqueuedAt: pass.enqueuedAt } : undefined);
    delete pass.enqueuedAt;
    pass.claimHeld = false;
    telemetry.replySuppressed(reason.split(':')[0] ?? reason);
    return reply;
  };

  const plan = pass.planned ?? planReply(record, submission, config);
  if (plan.kind === 'suppress') return suppress(plan.reason);
  const { messageId, to, headers } = plan;
  if (await isSuppressed(to, deps, pass)) return suppress(REPLY_TO_BOUNCED);

  if (pass.planned === undefined) {
    // One sender of the claim proceeds; a concurrent duplicate delivery stops here (or waits for
    // the holder: ReplyClaimWait). The winning claim also puts our Message-ID on the case's list
    // (and the enqueue time, if pending): one write. (The creator of the case claimed in its
    // creating write: createCase.)
    const bookkeeping = () => ({
      messageIds: [messageId],
      ...(pass.enqueuedAt ? { enqueuedAt: pass.enqueuedAt } : {}),
    });
    if (!(await cases.claimReply(record.caseId, clock.now(), claimStaleAfterMs(deps), bookkeeping()))) {
      const settled = await awaitClaimHolder(record.caseId, deps, bookkeeping);
      if (settled !== 'won') return settled;
    }
    delete pass.enqueuedAt;
    pass.claimHeld = true;
  }

  // Guidance is held while our mail bounces too often (an attacker's domain refusing every mailbox);
  // read before the daily limit, so a held reply spends none of it. Kept for the held-reply sweep
  // (held-replies.ts), which sends it once the breaker is clear: first, so that a failure here
  // leaves the reply unrecorded and the platform's retry holds it again.
  if (await breakerHolds(record, deps)) {
    await deps.heldReplies?.hold({
      caseId: record.caseId,
      heldAt: clock.now().toISOString(),
      messageId,
      to,
      headers,
      ...guidanceFacts(record, submission, to),
      // The resend order trusts only a domain that vouched for the mail (heldResendOrder).
      ...(returnPathProven(submission.verdicts) ? { envelopeProven: true as const } : {}),
    });
    return suppress(REPLY_HELD_BY_BREAKER);
  }
  return throttleAndSend(
    record,
    { messageId, to, headers },
    guidanceFacts(record, submission, to),
    acknowledgementFacts(record, submission, deps.config),
    deps,
    telemetry,
    pass,
    suppress,
  );
}

/** What a guidance reply's text takes from the submission besides the record (kept with a held reply). */
type GuidanceFacts = Pick<HeldReply, 'notice' | 'citedProtocol' | 'leadAllowed'>;

function guidanceFacts(record: CaseRecord, submission: Submission, to: string): GuidanceFacts {
  const notice = unreadNotice(record, submission);
  const { citedProtocol } = citedProtocolOf(record, submission);
  return {
    ...(notice ? { notice } : {}),
    ...(citedProtocol ? { citedProtocol } : {}),
    ...(mayLeadWithOpenCase(record, submission, to) ? { leadAllowed: true as const } : {}),
  };
}

/** What an acknowledgement's text takes from the submission (never held: none for guidance). */
function acknowledgementFacts(record: CaseRecord, submission: Submission, config: OuvidoriaConfig) {
  if (record.outcome !== 'ACCEPTED') return {};
  const encrypted = encryptedMail(submission);
  const notTaken = filesNotTaken(submission.attachments);
  return {
    ...(attachmentMissing(submission) ? { missingAttachment: true as const } : {}),
    ...(encrypted ? { encrypted } : {}),
    ...(notTaken.length > 0 ? { filesNotTaken: notTaken, acceptedKinds: kindsText(config.attachments) } : {}),
  };
}

/**
 * The reply path after its claim and the breaker: the daily limit, the text, the send, the record.
 * The intake's and the held-reply sweep's (`late`: the instant it was held, recorded on the reply).
 */
export async function throttleAndSend(
  record: CaseRecord,
  plan: Pick<SendPlan, 'messageId' | 'to' | 'headers'>,
  facts: GuidanceFacts,
  acknowledgement: ReturnType<typeof acknowledgementFacts>,
  deps: Pick<IntakeDeps, 'config' | 'clock' | 'throttle' | 'openCases' | 'mailer'> & {
    cases: Pick<IntakeCases, 'recordReply' | 'addMessageIds'>;
  },
  telemetry: IntakeTelemetry,
  pass: Pick<PassState, 'enqueuedAt' | 'claimHeld'>,
  suppress: (reason: string) => Promise<ReplyState>,
  late?: { heldAt: string },
): Promise<ReplyState> {
  const { cases, config, clock } = deps;
  const { messageId, to, headers } = plan;
  // Acknowledgements are per case (each carries its own protocol) and never throttled;
  // guidance replies are limited per recipient, outcome and day.
  if (record.outcome !== 'ACCEPTED') {
    const day = officeDay(clock.now(), config.timeZone);
    const allowed = await deps.throttle.tryConsume(
      // The inbox the reply goes to (the return path, RFC 3834), not the From: a From is any text, so
      // keyed on it a stranger spent a merchant's daily reply with her address over his own return
      // path, and a target's return path under ever-new Froms got one guidance mail each. Per inbox:
      // "+tags" and Gmail's dots are one mailbox's spellings, not more mailboxes to fill.
      inboxLimitKey(to),
      record.outcome,
      day,
      config.autoReply.maxPerSenderPerOutcomePerDay,
      record.caseId,
    );
    if (!allowed) return suppress(REPLY_THROTTLED);
  }

  // "Re: URGENTE: seu PIX foi bloqueado, acesse https://golpe…" to a forged envelope address: the
  // sender's subject is echoed only to a return path SPF proved (the webform's subject is ours).
  const subject = record.channel !== 'email' || returnPathProven(record.verdicts) ? record.subject : '';
  const openCaseLead =
    facts.leadAllowed === true && (await deps.openCases.count(record.senderEmail).catch(() => 0)) > 0;
  const content: RenderedMail =
    record.outcome === 'QUARANTINED'
      ? facts.notice === 'unreadable'
        ? renderUnreadableNotice(subject, config)
        : renderTooLargeNotice(subject, config.limits.maxRawMailBytes, config)
      : renderReply(
          record.outcome,
          {
            protocol: record.protocol,
            senderName: record.senderName,
            subject,
            receivedAt: record.createdAt,
            language: record.decision.language,
            variant: record.decision.replyVariant,
            channel: record.channel,
            ...(record.outcome === 'ACCEPTED' ? { dueDate: promisedDueDate(record, config) } : {}),
            ...earlierCaseToTell(record, to),
            ...acknowledgement,
            ...(facts.citedProtocol ? { citedProtocol: facts.citedProtocol } : {}),
            ...(openCaseLead ? { hasOpenCase: true as const } : {}),
          },
          config,
        );
  let sent: SentMail;
  pass.claimHeld = false;
  try {
    sent = await deps.mailer.send({
      to: [to],
      from: officeSender(config),
      subject: content.subject,
      text: content.text,
      html: content.html,
      messageId,
      // Outlook groups a conversation by its topic: the subject without "Re:" (replies.ts).
      headers: { ...headers, 'Thread-Topic': threadTopic(content.subject) },
    });
  } catch (error) {
    // Nothing went out: the failure shows on the case and releases the claim, so that a retry
    // (the platform's, for a transient error) sends it. The case itself is already queued.
    const permanent = error instanceof MailRejected;
    const failed: ReplyState = {
      status: 'failed',
      error: error instanceof Error ? error.name : 'unknown',
      at: clock.now().toISOString(),
      ...(permanent ? { permanent: true } : {}),
    };
    await cases.recordReply(record.caseId, failed).catch(() => undefined);
    telemetry.replyFailed?.(permanent);
    return failed;
  }
  // It went out: from here on a failure must never lead to a second send.
  // The provider's Message-IDs go on the case's list in the reply's own write (ours is there since
  // the claim). The pointers of both follow in one batch, with the recipient for delivery reports:
  // best effort, retried (issue 16: one request; no answer or report arrives that fast).
  const providerIds = providerMessageIds(sent, messageId);
  const reply: ReplyState = {
    status: 'sent',
    messageId,
    at: clock.now().toISOString(),
    ...(providerIds.length > 0 ? { deliveredAs: providerIds } : {}),
    ...(late ? { heldAt: late.heldAt } : {}),
  };
  const enqueuedAt = pass.enqueuedAt;
  await recordAfterSend(() =>
    cases.recordReply(record.caseId, reply, { messageIds: providerIds, ...(enqueuedAt ? { enqueuedAt } : {}) }),
  );
  delete pass.enqueuedAt;
  await bestEffortAfterSend(() =>
    cases.addMessageIds(record.caseId, [messageId, ...providerIds], [to], {
      listedOnCase: true,
      sentByUs: true,
      minted: true,
      // A redirected or quarantined record's pointers (they name the recipient) expire with it.
      record,
    }),
  );
  return reply;
}

/**
 * Another attempt holds the reply claim: with a ReplyClaimWait, the holder's recorded reply, or
 * 'won' once the claim is stale (or given up as failed) and this call took it; ReplyPending when
 * the wait ends first. Without one, undefined: the holder's business.
 */
/**
 * Guidance to a message that names a case protocol (the merchant answering a case mail from another
 * address of hers): the protocol as she wrote it, from her subject or fresh text — never from the
 * case, so the reply is the same whether the case exists or not.
 */
/**
 * A guidance reply to a sender who holds an open case (her third mail of a minute, "esqueci",
 * under another subject and without the ticket: it does not join, by the trust rules) leads with
 * that case, or she is sent to the Support Centre for a ticket she already brought (journey 45).
 * Only for a From the domain proves (fromProven): the lead tells whoever reads the reply that the
 * address holds a case. What the submission decides of it; the count is read at the send
 * (throttleAndSend), best effort: an unreadable count leads with nothing.
 */
function mayLeadWithOpenCase(
  record: CaseRecord,
  submission: Submission,
  /** The reply's recipient: the return path (RFC 3834), which no DKIM signature covers. */
  to: string,
): boolean {
  if (record.outcome === 'ACCEPTED' || record.outcome === 'QUARANTINED' || record.channel !== 'email') return false;
  if (citedProtocolOf(record, submission).citedProtocol) return false;
  if (submission.authorUnclear || !fromProven(submission.verdicts, submission.dkimAligned)) return false;
  // Her signed mail resent under another envelope (DKIM replay: any mail she ever sent him still
  // passes DMARC) would tell the envelope's owner that her address holds a case: only her mailbox reads it.
  return sameMailbox(to, record.senderEmail);
}

/**
 * What the reply tells of her case closed long ago that this one is linked to: its protocol, and the
 * ticket it lent (earlierCaseTicket) when her mail named none. Only to her mailbox: the reply goes
 * to the return path (RFC 3834), which no signature covers, and a supervisor's release vouches for
 * the From, not the envelope. Before, "Sobre o protocolo OUV-…" under her From over a stranger's
 * envelope (released from quarantine, or her signed mail resent: DKIM replay) told him her ticket.
 * The case keeps both links for the team.
 */
function earlierCaseToTell(record: CaseRecord, to: string): { ticket: TicketCheck; linkedProtocol?: string } {
  const { ticket } = record.decision;
  if (sameMailbox(to, record.senderEmail)) {
    return {
      ticket,
      ...(record.outcome === 'ACCEPTED' && record.linkedProtocol ? { linkedProtocol: record.linkedProtocol } : {}),
    };
  }
  const lent =
    ticket.status !== 'none' &&
    record.ticketCandidates.find((c) => c.number === ticket.number)?.source === 'linked-case';
  return { ticket: lent ? { status: 'none' } : ticket };
}

function citedProtocolOf(record: CaseRecord, submission: Submission): { citedProtocol?: string } {
  if (record.outcome === 'ACCEPTED') return {};
  const cited = findProtocols(submission.subject, 1)[0] ?? findProtocols(splitQuoted(submission.text).fresh, 1)[0];
  return cited ? { citedProtocol: cited } : {};
}

async function awaitClaimHolder(
  caseId: string,
  deps: IntakeDeps,
  bookkeeping: () => CaseBookkeeping,
): Promise<ReplyState | 'won' | undefined> {
  const wait = deps.replyClaimWait;
  if (!wait) return undefined;
  for (let waited = 0; waited < wait.maxWaitMs; waited += wait.pollMs) {
    await wait.sleep(wait.pollMs);
    const reply = (await deps.cases.get(caseId, NO_TEXTS))?.reply;
    if (reply && reply.status !== 'failed') return reply;
    if (await deps.cases.claimReply(caseId, deps.clock.now(), wait.staleAfterMs, bookkeeping())) return 'won';
  }
  throw new ReplyPending(`The reply of case ${caseId} is claimed by another attempt`);
}

/** The bounce breaker, on the guidance path only (an accepted mail's requests stay as they were: issue 16). */
async function breakerHolds(record: CaseRecord, deps: IntakeDeps): Promise<boolean> {
  return breakerApplies(record.outcome) && (await bounceBreakerTripped(deps));
}

/**
 * Whether the bounce breaker is tripped now: the last hour's permanent bounces of our mail reached
 * `autoReply.bounceBreakerPerHour`. Read for every automatic mail to an address nothing proves (the
 * intake's guidance, the webform's confirmation link of a post citing no ticket of its address's own).
 */
export async function bounceBreakerTripped(
  deps: Pick<IntakeDeps, 'bounceCounter' | 'clock' | 'config'>,
): Promise<boolean> {
  if (!deps.bounceCounter) return false;
  return breakerTripped(await bouncesLastHour(deps), deps.config.autoReply.bounceBreakerPerHour);
}

/** The last hour's permanent bounces of our mail (sliding: bouncesInLastHour), one read; 0 without a counter. */
export async function bouncesLastHour(deps: Pick<IntakeDeps, 'bounceCounter' | 'clock'>): Promise<number> {
  if (!deps.bounceCounter) return 0;
  const now = deps.clock.now();
  const { current, previous } = breakerHours(now);
  const [inCurrent = 0, inPrevious = 0] = await deps.bounceCounter.counts([current, previous]);
  return bouncesInLastHour(now, { current: inCurrent, previous: inPrevious });
}

/** Bounce memory of the reply's address: from the open-case count's write when it was that address. */
async function isSuppressed(to: string, deps: IntakeDeps, pass: PassState): Promise<boolean> {
  const known = pass.senderBounce;
  const now = deps.clock.now();
  if (known && sameAddress(known.address, to)) return isBouncing(known.until, now);
  return deps.bounces.isSuppressed(to, now);
}

/** The deadline of an open case as the merchant is told it now: its own (extensions move it), else the promised one. */
export function currentDueDate(record: CaseRecord, config: OuvidoriaConfig): string {
  return record.dueAt ? formatDatePtBr(new Date(record.dueAt), config.timeZone) : promisedDueDate(record, config);
}

/** The deadline the acknowledgement promises (SPEC step 9); assignment arms its timers for the same date. */
function promisedDueDate(record: CaseRecord, config: OuvidoriaConfig): string {
  const due = dueDateFrom(new Date(record.createdAt), config, officeCalendar(config, 'office'));
  return formatDatePtBr(due, config.timeZone);
}

/**
 * Quarantined only because it was too big to read, or because the intake failed on it every time
 * (shared/app/poison-mail.ts) — sender authenticated, no spam or virus: the sender is told how to
 * send it again, instead of never hearing back. Null for any other quarantine (no reply).
 */
function unreadNotice(record: CaseRecord, submission: Submission): 'too-large' | 'unreadable' | null {
  // The quarantine rule that fired is the parse problem alone (no spam, virus or failed
  // authentication), and the problem is one of these two; other rule ids (e.g. ticket.none) do not matter.
  const quarantines = record.decision.ruleIds.filter((id) => id.startsWith('quarantine.'));
  if (record.outcome !== 'QUARANTINED' || quarantines.length !== 1 || quarantines[0] !== 'quarantine.parse-problem') {
    return null;
  }
  const problem = submission.parseProblem ?? '';
  if (problem.startsWith(OVERSIZED_PROBLEM)) return 'too-large';
  return problem.startsWith(INTAKE_FAILED_PROBLEM) ? 'unreadable' : null;
}
