/**
 * The narrow ports of the case lifecycle services (SPEC.md steps 8 and 9). Adapters (DynamoDB,
 * SES, EventBridge Scheduler) implement them; test/support/lifecycle-fakes.ts has in-memory
 * versions with the same semantics. Nothing here imports AWS.
 *
 * Retries: every service may be run again with the same input (SES redelivery, Lambda async
 * retry, SQS, a scheduler retry). They stay correct because:
 * - every transition is one conditional write on the case version (CaseWorkStore.commit), and its
 *   history events carry the idempotency key of their cause (the staff mail's SES message id, the
 *   merchant message's source id, the timer name): a cause already in the history is not applied again;
 * - the effects of a transition are stored in that same write (an outbox, `pendingEffects`) and
 *   removed one by one once carried out; a retry carries out whatever is still pending. Effects
 *   are therefore at least once, and each is made safe to repeat: mails keep the same Message-ID,
 *   counters are idempotent per (analyst, case) and converge on the case, schedules per name;
 * - an effect a later transition overtook (effect-fit.ts) is dropped by that transition's commit
 *   (CaseCommit.superseded) and, if a runner had read it before, settled unsent when it comes to it.
 */
import type { CaseMessage, TextsShown } from '../../domain/case';
import type { LifecycleTimer } from '../../domain/lifecycle/deadlines';
import type { CaseChanges, HistoryEvent, PendingEffect, StaffMember, WorkCase } from '../../domain/lifecycle/types';
import type { AttachmentMeta, ObjectLocation } from '../../domain/submission';
import type { OutgoingMail, SentMail } from '../../ports';

export type { Clock } from '../../ports';

/** One lifecycle write. */
export interface CaseCommit {
  caseId: string;
  /** The version the transition was computed from; a record without `version` is at 0. */
  expectedVersion: number;
  /** Attribute changes (a missing key: unchanged; null: REMOVE). */
  changes: CaseChanges;
  /** Appended to `history`, in order. */
  events: HistoryEvent[];
  /** Appended to `messages`, each unless a message with the same sourceId is already there. */
  messages: CaseMessage[];
  /** Added to `pendingEffects` (by id). */
  effects: PendingEffect[];
  /**
   * Ids of pending effects this transition overtakes (effect-fit.ts): removed from `pendingEffects`
   * in the same write, so none survives the commit that makes it stale. Removing one already gone
   * (settled meanwhile: settling does not bump the version) is a no-op.
   */
  superseded?: string[];
  /**
   * The whole history after this commit (`events` already in it), written in place of the stored one
   * instead of appending `events`: the case item neared its size limit and its older traffic events
   * were folded (history-budget.ts compactedHistory). `base`: how many events the stored history had
   * when it was computed — a write that appended meanwhile without a version (the assignment) makes
   * the commit a conflict, never a rewrite that drops its event.
   */
  history?: { events: HistoryEvent[]; base: number };
}

/** A case the effects sweep lists, with when it was marked. */
export interface MarkedCase {
  caseId: string;
  since: string;
}

/** A case without its messages (CaseWorkStore.getStateByProtocol): what a decision on its state reads. */
export type WorkCaseState = Omit<WorkCase, 'messages'>;

export type CommitResult = { ok: true; version: number } | { ok: false; reason: 'conflict' | 'not-found' };

/**
 * The cases, as the lifecycle reads and writes them.
 *
 * `commit` is ONE conditional write (DynamoDB: UpdateItem with
 * `ConditionExpression: #version = :expected` — or `attribute_not_exists(#version)` when 0 — that
 * sets the changed attributes, REMOVEs the nulls, `list_append`s history and messages, sets
 * `pendingEffects.#id` and `#version = :expected + 1`; status-index keys change with the status).
 * It returns `conflict` when the case moved on since it was read (the caller re-reads and
 * recomputes) and never applies a partial change. Two concurrent commands on one case thus end
 * with both applied in some order, or the later one refused against the new state.
 */
export interface CaseWorkStore {
  /** The case; `shown`: only those messages' texts are read, the others may come back empty (TextsShown). */
  get(caseId: string, shown?: TextsShown): Promise<WorkCase | null>;
  /** The case numbered `protocol`; `shown` as for `get`. */
  getByProtocol(protocol: string, shown?: TextsShown): Promise<WorkCase | null>;
  /**
   * The case `getByProtocol` finds, without its messages: no message text is read, so its cost does
   * not grow with the case's correspondence. For the paths that show or relay no message.
   */
  getStateByProtocol(protocol: string): Promise<WorkCaseState | null>;
  /**
   * The case's state by id (no message text), read strongly consistent: the open-case counts check
   * the case again after writing (effects.ts), and must see every commit before that read.
   */
  getState(caseId: string): Promise<WorkCaseState | null>;
  commit(commit: CaseCommit): Promise<CommitResult>;
  /** Removes a carried-out effect from `pendingEffects`. Idempotent; does not change the version. */
  settleEffect(caseId: string, effectId: string): Promise<void>;
  /**
   * Takes a pending effect for one runner until `until` (ISO): false when it is settled or another
   * runner holds it (its claim has not passed `now`). Two runners of one case at once (a double
   * click, one mail delivered twice) would otherwise both send its mail.
   */
  claimEffect(caseId: string, effectId: string, now: string, until: string): Promise<boolean>;
  /** Gives up a claim (the effect failed): the next retry may take it at once. Idempotent. */
  releaseEffect(caseId: string, effectId: string): Promise<void>;
  /**
   * Cases whose effects were committed before `before` (ISO) and not yet seen all settled, oldest
   * first, at most `limit`: `commit` marks a case when it stores effects (in the same write). Read
   * from a sparse index, never the table.
   */
  listWithPendingEffects(before: string, limit: number): Promise<MarkedCase[]>;
  /**
   * Unmarks the case when nothing is pending (true): no effect, and not ASSIGNED without its
   * analyst's notice (the assignment marks the case too). False while anything is (or no such case).
   */
  unmarkSettled(caseId: string): Promise<boolean>;
  /** Moves a marked case's time to `since` (the sweep spaces its re-queues). Idempotent. */
  remark(caseId: string, since: string): Promise<void>;
  /**
   * Message-IDs that thread into the case (our relayed answers): idempotent, as CaseRepository.addMessageIds.
   * `sentTo`: the recipients of mail we send with them, so that a delivery report naming one of
   * them is known to be about mail we really sent her (CaseRepository.findSentMail).
   */
  addMessageIds(caseId: string, messageIds: string[], sentTo?: string[]): Promise<void>;
  /**
   * The `item-retention` effect: every item of the case beside the case item (messages, Message-ID
   * and protocol pointers, the survey answer, stored texts) takes the retention the case item has
   * now (its TTL after a closing, none while open), which the commit wrote with the status.
   * Idempotent, and safe against a racing close or reopen: it reads the case item again after
   * writing and walks again until both agree (as the open-case counts converge). `known`: the case
   * as the caller holds it, whose retention the first walk takes instead of reading the case item
   * (a stale one costs one more walk, never a wrong expiry).
   */
  applyItemRetention(caseId: string, known?: RetentionKnown): Promise<void>;
}

/** What the retention walk needs of a case: its retention clock and the pointers beside its partition. */
export type RetentionKnown = Pick<WorkCase, 'status' | 'createdAt' | 'closedAt' | 'protocol' | 'messageIds'>;

/**
 * Open cases per analyst, kept with conditional writes, idempotent per (analyst, case): an
 * effect carried out twice counts once.
 *
 * Order: `open-count` effects of different transitions may run in any order (a retry, the sweep,
 * two runners racing), so the caller never applies them as ±1 in arrival order: it writes what the
 * case (read strongly consistent) says — open with this analyst or not — then reads the case again
 * and writes again until the two agree (effects.ts convergeCounts). Every transition that changes
 * who has the case open stores its own `open-count`, whose runner writes after that commit; so the
 * last write to a marker always agrees with the case's final state. The merchant's open-case set
 * (SenderOpenCases add/release) follows the same rule. Adapters may keep (a) a counter plus one marker item per
 * open (analyst, case), created/deleted conditionally, or (b) the set of the analyst's OPEN case
 * ids with ADD/DELETE — bounded by the open cases, it shrinks on close and transfer (unlike a set
 * of every case ever assigned). The count never goes below zero.
 */
export interface OpenCaseCounter {
  /**
   * `assignedAt`: the case is hers by a transfer at that instant, an assignment turn (as the
   * assignment's own); the tie-break among analysts with as many open cases reads it.
   */
  opened(analystId: string, caseId: string, assignedAt?: string): Promise<void>;
  closed(analystId: string, caseId: string): Promise<void>;
}

/**
 * The roster with roles. Lookups by the sender address of a staff mail, by id (`#transferir`,
 * effects) and the whole roster (`#transferir` by name). An adapter over StaffRepository gives the role from `config.lifecycle.supervisorIds`
 * (or a roster attribute).
 */
export interface StaffDirectory {
  byEmail(email: string): Promise<StaffMember | null>;
  byId(id: string): Promise<StaffMember | null>;
  /** The whole roster (a few dozen people): `#transferir` by name finds the person here. */
  roster(): Promise<StaffMember[]>;
  /** Active supervisors (escalations). */
  supervisors(): Promise<StaffMember[]>;
}

/**
 * One-time schedules (EventBridge Scheduler `at(...)`, deleted after completion) that call the
 * lifecycle timer handler with `{ kind, caseId, dueAt }`. Idempotent per `timer.name`: scheduling
 * the same name twice makes one schedule (ConflictException = done). A schedule is never
 * updated or cancelled: a moved due date gets new names, and the old timers find a different due
 * date on the case when they fire and do nothing.
 */
export interface TimerScheduler {
  schedule(timer: LifecycleTimer): Promise<void>;
}

export interface SurveyAnswer {
  protocol: string;
  score: number;
  comment?: string;
  answeredAt: string;
  /** 'email': her reply to the closing mail gave the score (thanks.ts readClosingReply), not a link. */
  via?: 'email';
  /** The case's closing: the answer expires with the case (its clock), not `retentionDays` after the answer. */
  closedAt?: string;
}

/** Satisfaction answers: one per case, the first confirmed one wins (conditional put on the protocol). */
export interface SurveyStore {
  /** True when recorded; false when the case already has an answer (nothing changed). */
  record(answer: SurveyAnswer): Promise<boolean>;
  get(protocol: string): Promise<SurveyAnswer | null>;
  /** Deletes the case's answer (one written for a case erased meanwhile). Idempotent. */
  forget(protocol: string): Promise<void>;
}

/** Attachments of a relayed answer: the bytes are read from the staff mail's raw MIME by part id. */
export interface RelayedAttachments {
  raw: ObjectLocation;
  parts: AttachmentMeta[];
}

/**
 * A mail of the lifecycle: the shared OutgoingMail plus, for relayed answers, attachments. A mailer
 * that does not know `attachments` (today's SES mailer) sends the text without them.
 */
export interface LifecycleOutgoingMail extends OutgoingMail {
  attachments?: RelayedAttachments;
}

/** The shared Mailer (shared/ports.ts) fits, structurally. */
export interface LifecycleMailer {
  send(mail: LifecycleOutgoingMail): Promise<SentMail>;
}

/** Why a mail to a staff reply address was set aside (stored as quarantined, nothing changed). */
export type StaffMailQuarantineReason =
  | 'not-a-staff-address'
  | 'ambiguous-address'
  | 'automatic-message'
  | 'virus'
  | 'sender-authentication-failed'
  | 'unknown-sender'
  | 'inactive-sender'
  | 'bad-token'
  | 'not-addressed-to-case'
  | 'unknown-case'
  /** A member's commands sent to the ombudsman address, not to the case's (staff-mail.ts). */
  | 'misaddressed-commands';

/** Logs and metrics, without personal data (ids, protocols, codes). The handler maps it to Powertools. */
export interface LifecycleTelemetry {
  staffMailQuarantined(event: { reason: StaffMailQuarantineReason; protocol?: string }): void;
  staffMailApplied(event: { caseId: string; protocol: string; staffId: string; events: string[] }): void;
  staffMailRefused(event: { caseId: string; protocol: string; staffId: string; codes: string[] }): void;
  /** The conditional write lost a race; the service re-read the case and tried again. */
  commitConflict(event: { caseId: string; attempt: number }): void;
  /** The `OverdueCases` metric: one per case whose due date passed open (escalation fired). */
  overdue(event: { caseId: string; protocol: string }): void;
  timerStale(event: { caseId: string; kind: string }): void;
  /**
   * Mail for the supervisors found none active on the roster: it went to nobody; or only supervisors on
   * leave (`onLeave`): it went to them, and nobody present reads it (the `NoActiveSupervisor` metric).
   */
  noActiveSupervisor(event: { caseId: string; effect: string; onLeave?: true }): void;
  effectFailed(event: { caseId: string; effect: string; error: string }): void;
  /** A pending effect a later transition overtook (effect-fit.ts): settled without acting. */
  effectSuperseded(event: { caseId: string; effect: string }): void;
  surveyRecorded(event: { protocol: string; score: number }): void;
  /** The case item neared its size limit: its older traffic events were folded (history-budget.ts). */
  historyCompacted?(event: { caseId: string; events: number }): void;
  /** Mail waited on the case (its outbox full): these notices to staff were not stored (history-budget.ts). */
  noticesDropped?(event: { caseId: string; effects: string[] }): void;
}

export const silentLifecycleTelemetry: LifecycleTelemetry = {
  staffMailQuarantined() {},
  staffMailApplied() {},
  staffMailRefused() {},
  commitConflict() {},
  overdue() {},
  timerStale() {},
  noActiveSupervisor() {},
  effectFailed() {},
  effectSuperseded() {},
  surveyRecorded() {},
};
