/**
 * Assignment of an accepted case to an analyst (SPEC.md step 7), as an application service:
 * ports in, a result out. No AWS imports and no Powertools: the handler adapts telemetry.
 *
 * Why the choice of analyst is race-free: `chooseAnalyst` reads the roster and picks the one with
 * the fewest open cases. Two assignments running at the same time could both read the same counts
 * and pick the same person. DynamoDB Local (dynalite) has no TransactWriteItems, so instead of a
 * transaction the assignment Lambda runs with reserved concurrency 1 and processes each SQS batch
 * sequentially (`processInParallel: false`): only one choice is ever in flight, so every choice sees
 * the counts left by the previous one. The conditional write in `cases.assign` (QUEUED → ASSIGNED)
 * is what guarantees exactly-once per case, even when SQS delivers the same message twice.
 *
 * Decisions written down:
 * - A message for a case that is gone is done (`gone`, logged with its ids only): the read is
 *   consistent and a queued case has no TTL, so the case was erased (a data-subject request may
 *   erase queued cases) — dead-lettering it would page a human for a case that must not come back.
 * - A message whose protocol does not match its case is poison: `AssignmentMessageInvalid` is
 *   thrown, the record fails, SQS redelivers it up to the queue's maxReceiveCount and then moves it
 *   to the dead-letter queue, whose alarm calls a human.
 * - Office closed: the message is handed to the deferral scheduler for the next opening and the
 *   record succeeds (the SQS message is deleted: no redelivery is burnt, no polling loop).
 * - No analyst available while open: the case stays QUEUED, and is retried at the top of the next
 *   hour if the office is still open then, otherwise at the next opening. The top of the hour (not
 *   "now + 1 h") keeps redeliveries of the same message on the same (caseId, at) pair, which the
 *   scheduler deduplicates. `npm run staff -- add|return` also re-queues waiting cases at once.
 * - Crash recovery: a case ASSIGNED but never marked as notified gets its notice (re)sent, with
 *   the same Message-ID, then is marked. The notice is sent at least once; the assignment exactly once.
 */
import { chooseAnalyst, NOTICE_TEXTS, renderAnalystNotice } from '../domain/assignment';
import { type OfficeCalendar, officeCalendar } from '../domain/calendar';
import { type CaseRecord, type CaseStatus, FIRST_TEXT, NO_TEXTS } from '../domain/case';
import type { OuvidoriaConfig } from '../domain/config';
import { assignmentDeferredTo, dueDateFrom, timersFor } from '../domain/lifecycle/deadlines';
import { type ReplySecret, staffReplyAddress } from '../domain/lifecycle/reply-address';
import { keyedMessageId, randomMessageId } from '../domain/message-id';
import type { LifecycleMailer, TimerScheduler } from './lifecycle/ports';
import { relayableAttachments } from '../domain/lifecycle/relayed-files';
import { type Analyst, holdsSupervisorRole } from '../domain/staff';
import { bestEffortAfterSend, recordAfterSend, providerMessageIds } from './after-send';
import type { AssignmentMessage, CaseRepository, Clock, DeferralScheduler, StaffRepository } from '../ports';
import { AUTOMATIC_MAIL_HEADERS, officeSender } from '../domain/auto-reply-policy';

/** Narrow telemetry port: the handler maps it to Powertools logs and metrics. No personal data. */
export interface AssignmentTelemetry {
  assigned(event: { caseId: string; protocol: string; analystId: string; secondsSinceIntake: number }): void;
  /** The analyst notice of an already assigned case was (re)sent after a crash. */
  noticeResent(event: { caseId: string; protocol: string; analystId: string }): void;
  deferred(event: { caseId: string; protocol: string; until: Date }): void;
  noAnalyst(event: { caseId: string; protocol: string; retryAt: Date }): void;
  alreadyDone(event: { caseId: string; protocol: string; status: CaseStatus }): void;
  /** The case is gone (erased while queued): the message is dropped. */
  gone(event: { caseId: string; protocol: string }): void;
}

export const silentTelemetry: AssignmentTelemetry = {
  assigned() {},
  noticeResent() {},
  deferred() {},
  noAnalyst() {},
  alreadyDone() {},
  gone() {},
};

export interface AssignCaseDeps {
  cases: CaseRepository;
  staff: StaffRepository;
  /** Relays the opening mail's files named in `attachments` (withRelayedAttachments); a plain Mailer drops them. */
  mailer: LifecycleMailer;
  scheduler: DeferralScheduler;
  clock: Clock;
  config: OuvidoriaConfig;
  telemetry?: AssignmentTelemetry;
  /** Built from `config` when omitted; pass one to share its holiday cache. */
  calendar?: OfficeCalendar;
  /**
   * The case lifecycle (SPEC steps 8–9). With it, the notice's Reply-To is the per-case staff
   * address (the analyst's answer passes through the office, never straight to the merchant), and
   * the reminder and escalation timers are armed for the due date.
   */
  lifecycle?: { secret: ReplySecret; timers: TimerScheduler };
}

export type AssignmentResult =
  | { kind: 'assigned'; analystId: string; dueAt: Date }
  | { kind: 'notice-resent'; analystId: string }
  | { kind: 'deferred'; until: Date }
  | { kind: 'no-analyst'; retryAt: Date }
  | { kind: 'already-done'; status: CaseStatus }
  | { kind: 'gone' };

/** The message can never succeed (wrong protocol, assignee gone): DLQ after retries. */
export class AssignmentMessageInvalid extends Error {
  constructor(
    message: string,
    readonly caseId: string,
  ) {
    super(message);
    this.name = 'AssignmentMessageInvalid';
  }
}

const HOUR_MS = 60 * 60 * 1000;

export async function assignCase(message: AssignmentMessage, deps: AssignCaseDeps): Promise<AssignmentResult> {
  const { cases, staff, scheduler, clock, config } = deps;
  const telemetry = deps.telemetry ?? silentTelemetry;
  const calendar = deps.calendar ?? officeCalendar(config, 'office');
  const ids = { caseId: message.caseId, protocol: message.protocol };

  // The texts the notice shows, no more (a case that waited while the merchant kept writing).
  const record = await cases.get(message.caseId, NOTICE_TEXTS);
  if (!record) {
    // Erased while queued (a redelivery finds it gone just the same): nothing to assign, ever.
    telemetry.gone(ids);
    return { kind: 'gone' };
  }
  if (record.protocol !== message.protocol) {
    throw new AssignmentMessageInvalid('The message protocol does not match the case', message.caseId);
  }

  if (record.status === 'ASSIGNED' && !record.analystNotifiedAt) {
    // A previous attempt assigned the case and crashed before the notice was recorded.
    const analyst = record.assignee ? await staff.get(record.assignee) : null;
    if (!analyst) throw new AssignmentMessageInvalid('The assignee is not in the roster any more', message.caseId);
    // The crash may also have hit between the case write and the analyst's open-case count.
    // `assign` on a case that is no longer QUEUED changes nothing on the case, returns false, and
    // lets the repository complete that count (idempotently): see CaseRepository.assign.
    const assignedAt = new Date(record.assignedAt ?? clock.now());
    await cases.assign(record.caseId, analyst.id, assignedAt, new Date(record.dueAt ?? assignedAt));
    await notifyAnalyst(record, analyst, deps);
    telemetry.noticeResent({ ...ids, analystId: analyst.id });
    return { kind: 'notice-resent', analystId: analyst.id };
  }

  if (record.status !== 'QUEUED') {
    telemetry.alreadyDone({ ...ids, status: record.status });
    return { kind: 'already-done', status: record.status };
  }

  const now = clock.now();
  // The console tells the team this instant from the same rule (queuedAssignmentAt).
  const until = assignmentDeferredTo(now, calendar);
  if (until) {
    await scheduler.scheduleAt(message, until);
    telemetry.deferred({ ...ids, until });
    return { kind: 'deferred', until };
  }

  // Supervisors (the ouvidor/a) watch deadlines and take escalations; they are not assigned cases.
  const roster = (await staff.list()).filter((a) => !holdsSupervisorRole(a, config.lifecycle));
  const analyst = chooseAnalyst(roster, calendar.localDate(now));
  if (!analyst) {
    const retryAt = noAnalystRetryAt(now, calendar);
    await scheduler.scheduleAt(message, retryAt);
    telemetry.noAnalyst({ ...ids, retryAt });
    return { kind: 'no-analyst', retryAt };
  }

  // Counted from receipt, like the date the acknowledgement promised the merchant.
  const dueAt = dueDateFrom(new Date(record.createdAt), config, calendar);
  // The notice's Message-ID goes on the case's list in the assignment's own write (issue 16).
  const noticeId = noticeMessageId(record, analyst, deps);
  const won = await cases.assign(record.caseId, analyst.id, now, dueAt, { messageIds: [noticeId] });
  if (!won) {
    // Someone else moved it out of QUEUED between our read and our write: nothing left to do here.
    const current = await cases.get(record.caseId, NO_TEXTS);
    const status = current?.status ?? record.status;
    telemetry.alreadyDone({ ...ids, status });
    return { kind: 'already-done', status };
  }

  const assigned: CaseRecord = {
    ...record,
    status: 'ASSIGNED',
    assignee: analyst.id,
    assignedAt: now.toISOString(),
    dueAt: dueAt.toISOString(),
  };
  // Schedules are idempotent per name: a retry arms nothing twice; they fire stale once the case closes.
  if (deps.lifecycle) {
    for (const timer of timersFor(record.caseId, assigned.dueAt as string, now, config, calendar)) {
      await deps.lifecycle.timers.schedule(timer);
    }
  }
  await notifyAnalyst(assigned, analyst, deps, { messageId: noticeId, listedOnCase: true });
  telemetry.assigned({
    ...ids,
    analystId: analyst.id,
    secondsSinceIntake: Math.max(0, Math.round((now.getTime() - Date.parse(record.createdAt)) / 1000)),
  });
  return { kind: 'assigned', analystId: analyst.id, dueAt };
}

/**
 * Retry instant when nobody can take a case: the top of the next hour while the office is still
 * open then, otherwise the next opening.
 */
export function noAnalystRetryAt(now: Date, calendar: OfficeCalendar): Date {
  const topOfNextHour = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS);
  return calendar.nextOpening(topOfNextHour);
}

/**
 * Never derived from the protocol alone (SPEC "Trust rules"): keyed with the office's secret so a
 * resend after a crash keeps the id; random without the lifecycle.
 */
function noticeMessageId(record: CaseRecord, analyst: Analyst, deps: AssignCaseDeps): string {
  return deps.lifecycle
    ? keyedMessageId(deps.config.domain, deps.lifecycle.secret, 'analyst-notice', record.caseId, analyst.id)
    : randomMessageId(deps.config.domain);
}

/**
 * `id`: the notice's Message-ID when the assignment already put it on the case's list; without it
 * (a resend after a crash) one is made here and listed with its pointer.
 */
async function notifyAnalyst(
  record: CaseRecord,
  analyst: Analyst,
  deps: AssignCaseDeps,
  id?: { messageId: string; listedOnCase: true },
): Promise<void> {
  const { config, mailer, cases, clock } = deps;
  const protocol = record.protocol as string;
  // The opening mail's files go with the notice, read from the stored mail by MIME part (the mailer
  // relays them); a webform's files are downloaded from the console.
  const opening = record.messages[0];
  const attached =
    opening?.raw !== undefined ? relayableAttachments(opening, config.lifecycle.maxRelayAttachmentBytes) : [];
  // Her earlier submission, when the case answers our guidance to it (gone if it expired or was erased).
  const earlier = record.answersSubmissionId ? await cases.get(record.answersSubmissionId, FIRST_TEXT) : null;
  // Released from quarantine: who vouched for the sender, by name (one read, on released cases only).
  const releaser =
    record.reviewOutcome === 'released' && record.reviewedBy ? await deps.staff.get(record.reviewedBy) : null;
  const notice = renderAnalystNotice(record, analyst, config, clock.now(), {
    ...(releaser ? { releasedBy: releaser.name } : {}),
    answersViaOffice: deps.lifecycle !== undefined,
    attached,
    ...(earlier && earlier.senderEmail === record.senderEmail ? { earlier } : {}),
  });
  const messageId = id?.messageId ?? noticeMessageId(record, analyst, deps);
  // With the lifecycle the analyst answers through the per-case Reply-To address, which names the
  // case and proves the sender: the notice's Message-IDs need no pointers (issue 16: two writes
  // fewer per assignment); they are still listed on the case, whose retention covers them. Without
  // it the answer may come back by In-Reply-To, so the pointer is registered before sending.
  // (A resend after a crash keeps the keyed id the assignment listed.)
  const pointers = deps.lifecycle === undefined;
  if (pointers) {
    await cases.addMessageIds(record.caseId, [messageId], undefined, id ? { listedOnCase: true, record } : undefined);
  }
  const sent = await mailer.send({
    from: officeSender(config),
    to: [analyst.email],
    // The analyst's answer comes back to the office (per-case address) and is relayed from the
    // ombudsman address; without the lifecycle (tools, older setups) it goes to the merchant.
    replyTo: [
      deps.lifecycle ? staffReplyAddress(protocol, analyst.id, deps.lifecycle.secret, config) : record.senderEmail,
    ],
    subject: notice.subject,
    text: notice.text,
    html: notice.html,
    messageId,
    // Keeps the analyst's out-of-office from answering our notice.
    headers: { ...AUTOMATIC_MAIL_HEADERS },
    ...(opening?.raw && attached.length > 0 ? { attachments: { raw: opening.raw, parts: attached } } : {}),
  });
  // It went out: record it first (retried in-process, so a failed write does not make the
  // redelivery email the analyst again), with the provider's Message-IDs on the case's list in the
  // same write; then their pointers, which only help threading. When that write found the notice
  // recorded already (a retry after a lost response, a concurrent delivery), the ids go the long way.
  const providerIds = providerMessageIds(sent, messageId);
  const listed = await recordAfterSend(() =>
    cases.markAnalystNotified(record.caseId, clock.now(), { messageIds: providerIds }),
  );
  if (pointers || !listed) {
    await bestEffortAfterSend(() =>
      cases.addMessageIds(record.caseId, providerIds, undefined, { listedOnCase: listed, sentByUs: true, record }),
    );
  }
}
