/**
 * Releasing quarantined mail into triage (SPEC "Staff console"): a supervisor vouched for the
 * sender on the console, which only asked for it (shared/app/quarantine.ts → a queue); this
 * service runs where the mail parser is, in the email-intake function. The raw mail is parsed
 * again, decided again with the vouched verdicts counted as passed (shared/domain/quarantine-
 * release.ts), and the same record moves from QUARANTINED to the new outcome in one conditional
 * write (still quarantined, not reviewed) that names the supervisor in its history. From there the
 * intake's own steps run — protocol, open-case marker, assignment queue, acknowledgement or
 * guidance reply — with their exactly-once guarantees.
 *
 * Retries: a request is safe to deliver again. The conditional write has one winner; a retry finds
 * the record reviewed as released and only resumes the intake's remaining steps (each idempotent).
 * A reply that failed transiently throws ReplyNotSentYet, so the queue delivers the request again.
 */
import type { CaseRecord, CaseStatus } from '../domain/case';
import type { Decision, TicketCandidate } from '../domain/decision';
import type { HistoryEvent, ReleasedJoin } from '../domain/lifecycle/types';
import type { Outcome } from '../domain/outcome';
import type { AttachmentMeta, ObjectLocation, Submission } from '../domain/submission';
import { type RawMailStore, rawMailMissing } from '../ports';
import {
  type AsyncReleaseRefusal,
  intakeFailed,
  type ReleaseRefused,
  releaseRefusal,
  vouchedVerdicts,
  vouchesForSender,
} from '../domain/quarantine-release';
import { staffMailQuarantine } from '../domain/staff-mail-decision';
import type { EmailIntakeDeps } from './email-intake';
import {
  completeCase,
  decideInThread,
  type decideSubmission,
  herClosedCaseOfTicket,
  herOpenCaseOfTicket,
  type IntakeResult,
  joinCase,
  isStaffMail,
  messageOf,
  noTelemetry,
  ReplyNotSentYet,
  releasedMailFiles,
  replyToRetry,
  statusFor,
  TicketCaseNotStoredYet,
  type ThreadLinks,
  threadLinks,
  threadOf,
  ticketHolderOf,
  ticketToJoin,
} from './intake';
import type { ThreadMatch } from './threading';
import type { ReleaseRequest } from './quarantine';

/** The record's new decision after a release. */
export interface ReleasedDecision {
  status: CaseStatus;
  outcome: Outcome;
  decision: Decision;
  ticketCandidates: TicketCandidate[];
  /** The history event naming the supervisor (type `quarantine-released`). */
  event: HistoryEvent;
  /**
   * The first message's files keyed for copying into the uploads bucket (an accepted case's mailed
   * files: releasedMailFiles), written in the same write; absent when none is copied.
   */
  attachments?: AttachmentMeta[];
  /**
   * The case its thread named but did not join (intake threadLinks: her case closed long ago, another
   * sender's, her guidance answered), as the intake's record of the same mail keeps it.
   */
  links?: ThreadLinks;
}

/**
 * A release whose mail joined her open case (joinHerCase): the record only leaves the review queue
 * (`reviewedAt/reviewedBy/reviewOutcome: 'released'` and the event naming the case); it stays
 * quarantined mail, with its decision and its (suppressed) reply.
 */
export interface JoinedRelease {
  joined: ReleasedJoin;
  event: HistoryEvent;
}

export interface QuarantineReleaseStore {
  /**
   * QUARANTINED and not reviewed → the released decision, `reviewedAt/reviewedBy/reviewOutcome:
   * 'released'`, the stored reply (suppressed, or an unread mail's notice) and its claim removed so
   * the new outcome gets its own, the status
   * index key moved — one conditional write. False when the record is not in that state.
   * Not retried inside: the caller reads the record again to learn who won.
   */
  release(caseId: string, released: ReleasedDecision | JoinedRelease, by: string, at: string): Promise<boolean>;
  /**
   * A released mail that became an open case keeps its stored items until the case closes: the
   * quarantine's LGPD expiry (DynamoDB TTL on the case, its message items and pointers, the tag on
   * its kept texts) goes. Idempotent; run after every release and on every resume, so a crash
   * between the release and this step is mended by the retry.
   */
  keepOpen(record: Pick<CaseRecord, 'caseId' | 'messageIds'>): Promise<void>;
  /**
   * A mail the intake failed on, read again, is quarantined again (the parser now says why: too big,
   * unreadable): the record's decision becomes that one, still QUARANTINED and not reviewed — one
   * conditional write — so the console shows the real reason (and offers discard, not release again).
   */
  requarantine(caseId: string, decision: Decision, ticketCandidates: TicketCandidate[]): Promise<void>;
  /**
   * A release the console asked for and this service refused: kept on the record (`releaseRefused`)
   * for the mail's page, and its history event for the quarantine list (one write). A record no longer
   * stored is left so (nothing written). Idempotent per request (`requestedAt`): the same request
   * redelivered after its refusal was noted writes nothing, so a retry adds no second history line.
   */
  noteRefusal(caseId: string, refused: ReleaseRefused, event: HistoryEvent): Promise<void>;
}

export interface QuarantineReleaseDeps {
  email: EmailIntakeDeps;
  store: QuarantineReleaseStore;
}

export type ReleaseResult =
  | (Extract<IntakeResult, { kind: 'case' }> & { released: true })
  /** Her mail joined her open case on the same ticket (`joinedCaseId`, `protocol` its protocol). */
  | { kind: 'joined'; caseId: string; joinedCaseId: string; protocol?: string; released: true }
  | { kind: 'refused'; caseId: string; reason: AsyncReleaseRefusal | 'missing' };

export async function releaseQuarantined(request: ReleaseRequest, deps: QuarantineReleaseDeps): Promise<ReleaseResult> {
  // What the parse kept for the copier goes with the release, as with a received mail (receiveEmail).
  try {
    const result = await release(request, deps);
    // The console said "Liberação pedida": a refusal is kept where the supervisor will look, not only logged.
    if (result.kind === 'refused' && result.reason !== 'missing') {
      const at = deps.email.intake.clock.now().toISOString();
      const refused = { reason: result.reason, by: request.by, at, requestedAt: request.at };
      await deps.store.noteRefusal(request.caseId, refused, {
        at,
        actor: { kind: 'system' },
        type: 'quarantine-release-refused',
        reason: result.reason,
        requestedBy: request.by,
      });
    }
    return result;
  } finally {
    deps.email.forgetParsed?.();
  }
}

/**
 * The raw mail, unless it is gone — its bucket's lifecycle expires it with the record's retention, and
 * S3's expiry may run before the table's TTL removes the record — or over the size limit. Gone, the
 * release is refused (the supervisor reads why); thrown, SQS would redeliver it to its DLQ and page.
 */
async function rawMailWithin(
  rawMail: RawMailStore,
  location: ObjectLocation,
  maxBytes: number,
): Promise<Buffer | 'missing' | 'too-big'> {
  try {
    if ((await rawMail.size(location)) > maxBytes) return 'too-big';
    return await rawMail.read(location);
  } catch (error) {
    if (rawMailMissing(error)) return 'missing';
    throw error;
  }
}

async function release(request: ReleaseRequest, deps: QuarantineReleaseDeps): Promise<ReleaseResult> {
  const { intake, rawMail } = deps.email;
  const { caseId } = request;
  const refused = (reason: Extract<ReleaseResult, { kind: 'refused' }>['reason']): ReleaseResult => ({
    kind: 'refused',
    caseId,
    reason,
  });

  let record = await intake.cases.get(caseId);
  if (!record) return refused('missing');
  const resuming = record.reviewOutcome === 'released';
  // A release that joined her case did all its work before its write: a retry only answers.
  const joinedBefore = resuming ? joinedCaseOf(record) : undefined;
  if (joinedBefore) return joinedResult(caseId, joinedBefore);
  if (!resuming) {
    const refusal = releaseRefusal(record);
    if (refusal) return refused(refusal);
  }
  const location = record.messages[0]?.raw;
  // Vouchable quarantine rules only fire on readable mail within the size limit (a mail the intake
  // failed on is read again: if it fails again, the thrown error takes the request to the release
  // DLQ); this guards the function's memory against a record that says otherwise.
  if (!location || record.channel !== 'email') return refused('no-raw-mail');
  const raw = await rawMailWithin(rawMail, location, intake.config.limits.maxRawMailBytes);
  if (raw === 'missing') return refused('no-raw-mail');
  if (raw === 'too-big') return refused('not-vouchable');

  const parsed = await deps.email.parse(raw, {
    sourceId: record.sourceId,
    receivedAt: record.createdAt,
    verdicts: record.verdicts,
    raw: location,
  });
  // A mail held only because the intake failed on it is read again as it came: nobody vouched for its
  // sender. (Resuming, the stored decision is the second one already; the vouching reads as before.)
  const vouched = resuming || vouchesForSender(record.decision);
  const submission = { ...parsed, verdicts: vouched ? vouchedVerdicts(parsed.verdicts) : parsed.verdicts };

  let createdHere = false;
  if (!resuming) {
    // A mail the intake failed on was stored unread (no text, no files): what the triage reads now
    // replaces it before anything is decided, so the case shows it and keeps its files.
    // Read again, a mail the intake failed on may be staff mail (an analyst's answer or command to a
    // case's reply address): the release reads a merchant's, so as hers it would become a case of the
    // analyst's and the answer never reach the merchant. Held as staff mail, not releasable.
    if (intakeFailed(record.decision) && isStaffMail(submission, intake.config)) {
      await deps.store.requarantine(caseId, staffMailQuarantine('unread-staff-mail'), []);
      return refused('still-quarantined');
    }
    if (intakeFailed(record.decision)) record = await readAgain(record, submission, intake);
    // Read in its thread before any decision, as the intake reads a mail (processSubmission): a case of
    // hers it continues takes it undecided; one it names but may not join lends its link (and, closed
    // past the reopen window, its ticket). Before, the release decided it alone: her reply to a case
    // closed long ago lost "Caso anterior relacionado" and the old case's ticket.
    let thread = ownThreadOff(record, await threadOf(submission, intake));
    if (thread.kind === 'continues') {
      const joined = await joinHerCase(record, thread.parent, { via: 'thread' }, submission, request, deps);
      if (joined) return joined;
      // The lifecycle found it closed past its reopen window meanwhile: a new case, linked to it.
      thread = { kind: 'linked', parent: thread.parent, reason: 'closed-long-ago' };
    }
    const decided = await decideInThread(submission, intake, thread);
    if (decided.decision.outcome === 'QUARANTINED') {
      // Read again, a mail the intake failed on may be quarantined for what it is (the parser's reason).
      if (intakeFailed(record.decision)) await deps.store.requarantine(caseId, decided.decision, decided.candidates);
      // Else defensive: only vouchable rules held it, so the second decision cannot quarantine it again.
      return refused('still-quarantined');
    }
    // The ticket her proven mail would join on (ticketToJoin), her very address's.
    const ticket = ticketToJoin(submission, decided, thread);
    const address = submission.sender.address;
    const byTicket = ticket ? await herOpenCaseOfTicketNow(address, ticket, intake) : null;
    if (byTicket) {
      const joined = await joinHerCase(record, byTicket, { via: 'ticket', decided }, submission, request, deps);
      if (joined) return joined;
    }
    // Her case on the ticket closed past its window: linked, as the intake's mail on it is.
    const closed = ticket && thread.kind === 'none' ? await herClosedCaseOfTicket(address, ticket, intake) : null;
    if (closed) thread = { kind: 'linked', parent: closed, reason: 'closed-long-ago' };
    const links = threadLinks(thread);
    const at = intake.clock.now().toISOString();
    // Now a case: its mailed files are kept for the console like any case's (copied in completeCase).
    const attachments = releasedMailFiles(record, decided.decision, intake);
    const released: ReleasedDecision = {
      status: statusFor(decided.decision.outcome),
      outcome: decided.decision.outcome,
      decision: decided.decision,
      ticketCandidates: decided.candidates,
      event: {
        at,
        actor: { kind: 'staff', id: request.by, role: 'supervisor' },
        type: 'quarantine-released',
        outcome: decided.decision.outcome,
        ruleIds: decided.decision.ruleIds,
      },
      ...(attachments ? { attachments } : {}),
      ...(Object.keys(links).length > 0 ? { links } : {}),
    };
    createdHere = await deps.store.release(caseId, released, request.by, at);
    if (createdHere) {
      record = releasedRecord(record, released, request.by, at);
      (intake.telemetry ?? noTelemetry).decided(record.outcome, 'email');
    } else {
      // Someone else moved it first: a concurrent delivery of this request (resume), or a discard.
      record = await intake.cases.get(caseId);
      if (record?.reviewOutcome !== 'released') return refused('not-in-quarantine');
    }
  }

  // An accepted case keeps its raw mail and its items until the case closes: the quarantine's expiry goes.
  if (record.outcome === 'ACCEPTED' && record.status !== 'CLOSED') {
    await intake.rawMailRetention?.markOpen(location);
    await deps.store.keepOpen(record);
    // As the intake's ticketToJoin: a mail whose author is unclear (a forward) claims no ticket.
    if (!submission.authorUnclear) await holdItsTicket(record, intake);
  }
  const result = await completeCase(record, submission, intake, { duplicate: !createdHere, createdHere });
  if (result.kind !== 'case') throw new Error(`Unexpected intake result ${result.kind} for a released case`);
  if (replyToRetry(result.reply)) throw new ReplyNotSentYet(caseId);
  return { ...result, released: true };
}

/**
 * A released mail continuing the thread of her case (threadOf), or naming the ticket of her open case
 * (or one closed within its reopen window), joins it, as her mail proven by its domain would (intake
 * threadOf, ticketToJoin, Trust rules): the vouched verdicts are what the supervisor proved, and only
 * her very address joins. Before, it became a second case on the same ticket, with another analyst
 * and a second protocol. The join runs before the review's write, each step idempotent (the message
 * keyed by its source id): a retry after a crash finds the record unreviewed and joins again as a
 * duplicate; a concurrent delivery of the request loses the write and answers the same. Undefined
 * when the lifecycle found the case closed past its window meanwhile: the mail stands alone.
 *
 * The history event records how it joined. A thread join is decided by no rule (the intake decides
 * none for a follow-up), so it records no outcome; a ticket join records the accepted decision that
 * led to it. Before, a thread join recorded the decision made without the thread (often guidance).
 */
async function joinHerCase(
  record: CaseRecord,
  parent: CaseRecord,
  how: { via: 'thread' } | { via: 'ticket'; decided: Pick<Awaited<ReturnType<typeof decideSubmission>>, 'decision'> },
  submission: Submission,
  request: ReleaseRequest,
  deps: QuarantineReleaseDeps,
): Promise<ReleaseResult | undefined> {
  const { intake } = deps.email;
  if (parent.caseId === record.caseId) return undefined;
  // Her case's message now: its raw mail is kept while that case is open, not expired as quarantine's.
  const location = record.messages[0]?.raw;
  if (location) await intake.rawMailRetention?.markOpen(location);
  // The analyst's forward says who vouched for it: the checks that held it stay failed on it.
  const at = intake.clock.now().toISOString();
  if (!(await joinCase(parent, submission, intake, intake.lifecycle, { by: request.by, at }))) return undefined;
  const joined = { caseId: parent.caseId, ...(parent.protocol ? { protocol: parent.protocol } : {}), via: how.via };
  const event: HistoryEvent = {
    at,
    actor: { kind: 'staff', id: request.by, role: 'supervisor' },
    type: 'quarantine-released',
    ...(how.via === 'ticket' ? { outcome: how.decided.decision.outcome, ruleIds: how.decided.decision.ruleIds } : {}),
    joined,
  };
  if (!(await deps.store.release(record.caseId, { joined, event }, request.by, at))) {
    // A concurrent delivery of this request wrote first (the same join), or a discard did.
    const now = await intake.cases.get(record.caseId);
    if (now?.reviewOutcome !== 'released')
      return { kind: 'refused', caseId: record.caseId, reason: 'not-in-quarantine' };
  }
  return joinedResult(record.caseId, joined);
}

/** The unread record with its first message as the triage read it now (CaseRepository.rereadFirstMessage). */
async function readAgain(
  record: CaseRecord,
  submission: Submission,
  intake: EmailIntakeDeps['intake'],
): Promise<CaseRecord> {
  const message = messageOf(submission);
  await intake.cases.rereadFirstMessage(record.caseId, message);
  return { ...record, subject: submission.subject, messages: [message, ...record.messages.slice(1)] };
}

/** A thread naming the quarantined record itself (its own Message-ID) names no other case. */
function ownThreadOff(record: CaseRecord, thread: ThreadMatch): ThreadMatch {
  return thread.kind !== 'none' && thread.parent.caseId === record.caseId ? { kind: 'none' } : thread;
}

/**
 * Her open case on the ticket, as her proven mail would join it. A case of hers on the ticket still
 * being stored past the wait (or never, its attempt dead): none — the released mail stands alone
 * rather than fail the supervisor's release (red team 49, 4a20970b).
 */
function herOpenCaseOfTicketNow(
  address: string,
  ticket: string,
  intake: EmailIntakeDeps['intake'],
): Promise<CaseRecord | null> {
  return herOpenCaseOfTicket(address, ticket, intake).catch((error: unknown) => {
    if (error instanceof TicketCaseNotStoredYet) return null;
    throw error;
  });
}

/** The case a release joined (its event's `joined`), if it did. */
function joinedCaseOf(record: CaseRecord): JoinedRelease['joined'] | undefined {
  for (const e of record.history ?? []) if (e.type === 'quarantine-released' && e.joined) return e.joined;
  return undefined;
}

function joinedResult(caseId: string, joined: JoinedRelease['joined']): ReleaseResult {
  return {
    kind: 'joined',
    caseId,
    joinedCaseId: joined.caseId,
    ...(joined.protocol ? { protocol: joined.protocol } : {}),
    released: true,
  };
}

/**
 * The released case holds its ticket, as a case the intake opened does (ticketHolderOf): her next
 * mail or confirmed form post naming it joins this case instead of opening a parallel one with
 * another analyst. Idempotent (the claim is set-if-absent, so a resumed release finds it its own).
 * When another open case of hers holds the ticket already, that one keeps it and this case stands
 * on its own (it was decided and acknowledged as one).
 */
async function holdItsTicket(record: CaseRecord, intake: EmailIntakeDeps['intake']): Promise<void> {
  const { ticket } = record.decision;
  if (ticket.status !== 'valid' && ticket.status !== 'unverified') return;
  try {
    // Reserved: the released case is hers and open (completeCase counts it); no wait gives it back.
    await ticketHolderOf(record.senderEmail, ticket.number, record.caseId, intake, true);
  } catch (error) {
    // Another submission of hers on the ticket is storing its case: that one keeps the ticket. Thrown,
    // the release stopped after storing the case (no acknowledgement, no assignment) until retried.
    if (!(error instanceof TicketCaseNotStoredYet)) throw error;
  }
}

function releasedRecord(record: CaseRecord, released: ReleasedDecision, by: string, at: string): CaseRecord {
  const { reply: _suppressed, ...rest } = record;
  return {
    ...rest,
    status: released.status,
    outcome: released.outcome,
    decision: released.decision,
    ticketCandidates: released.ticketCandidates,
    reviewedAt: at,
    reviewedBy: by,
    reviewOutcome: 'released',
    updatedAt: at,
    ...released.links,
    ...(released.attachments
      ? { messages: record.messages.map((m, i) => (i === 0 ? { ...m, attachments: released.attachments ?? [] } : m)) }
      : {}),
  };
}
