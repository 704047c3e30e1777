/**
 * The intake application service, shared by the email and webform channels:
 * thread → decide → store → reply → queue. Every step is idempotent and resumable, so a
 * retry after a crash anywhere finishes the work without a second case, reply or queue
 * message (see the step comments). No AWS imports: adapters come in through the ports.
 */
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { evaluateAutoReply, isMachineGenerated, newMessageId, replyHeaders } from '../domain/auto-reply-policy';
import { type CaseMessage, type CaseRecord, type CaseStatus, caseIdFor, type ReplyState } from '../domain/case';
import type { OuvidoriaConfig } from '../domain/config';
import type { Decision, TicketCandidate } from '../domain/decision';
import { decide, quarantineReason } from '../domain/eligibility/engine';
import type { Outcome } from '../domain/outcome';
import { findProtocols } from '../domain/protocol';
import { renderReply } from '../domain/replies';
import type { Submission } from '../domain/submission';
import { splitQuoted } from '../domain/text';
import { verifyTicket } from '../domain/ticket-verification';
import { extractTicketCandidates } from '../domain/tickets';
import type {
  AssignmentQueue,
  BounceRegistry,
  CaseRepository,
  Clock,
  Mailer,
  ReplyThrottle,
  SentMail,
  TicketDirectory,
} from '../ports';
import { bestEffortAfterSend, recordAfterSend } from './after-send';

/** What the service reports to metrics; the handlers implement it with Powertools. */
export interface IntakeTelemetry {
  decided(outcome: Outcome, channel: Submission['channel']): void;
  replySuppressed(reason: string): void;
  followUp(kind: 'appended' | 'duplicate'): void;
}

export const noTelemetry: IntakeTelemetry = { decided() {}, replySuppressed() {}, followUp() {} };

export interface IntakeDeps {
  cases: CaseRepository;
  tickets: TicketDirectory;
  mailer: Mailer;
  queue: AssignmentQueue;
  throttle: ReplyThrottle;
  bounces: BounceRegistry;
  clock: Clock;
  config: OuvidoriaConfig;
  telemetry?: IntakeTelemetry;
  /** Told when a merchant follow-up lands on a case (the assigned analyst is emailed). */
  onFollowUp?: (parent: CaseRecord, message: CaseMessage) => Promise<void>;
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
      /** True when this delivery found the case already stored (a duplicate or a retry). */
      duplicate: boolean;
    }
  | { kind: 'follow-up'; caseId: string; protocol?: string; appended: boolean };

/**
 * A claimed reply that never completed is taken over after this long: longer than any
 * single send, shorter than the platform's retry delays (Lambda async retries wait 1–2 min).
 */
export const REPLY_CLAIM_STALE_MS = 45_000;

/**
 * `stored` is the record the caller already read for this submission's case id (null: none),
 * so that the service does not read it a second time.
 */
export async function processSubmission(
  submission: Submission,
  deps: IntakeDeps,
  stored?: CaseRecord | null,
): Promise<IntakeResult> {
  const telemetry = deps.telemetry ?? noTelemetry;
  const caseId = caseIdFor(submission.channel, submission.sourceId);

  // A retry or duplicate delivery resumes the stored record instead of deciding again:
  // the decision (and its ticket lookup) happens once per submission.
  let record = stored !== undefined ? stored : await deps.cases.get(caseId);
  const duplicate = record !== null;

  if (!record) {
    const parent = await findParentCase(submission, deps);
    if (parent && isCase(parent) && !isClosedLongAgo(parent, deps)) {
      return appendFollowUp(parent, submission, deps, telemetry);
    }
    const decided = await decideSubmission(submission, deps);
    const linked = parent && isCase(parent) ? parent.protocol : undefined;
    const created = await deps.cases.create(newCaseRecord(caseId, submission, decided, linked, deps.clock));
    record = created.record;
    if (created.created) telemetry.decided(record.outcome, submission.channel);
  }

  if (record.outcome === 'ACCEPTED' && !record.protocol) {
    const protocol = await deps.cases.nextProtocol(protocolYear(record.createdAt, deps.config));
    record.protocol = await deps.cases.setProtocolOnce(caseId, protocol);
  }

  const reply =
    record.reply && record.reply.status !== 'failed'
      ? record.reply
      : await sendAutomaticReply(record, submission, deps, telemetry);

  if (record.outcome === 'ACCEPTED' && record.protocol && !record.enqueuedAt) {
    // A second queue message after a crash here is harmless: assignment is idempotent.
    await deps.queue.enqueue({ caseId, protocol: record.protocol });
    await deps.cases.markEnqueued(caseId, deps.clock.now());
  }

  return {
    kind: 'case',
    caseId,
    outcome: record.outcome,
    status: record.status,
    protocol: record.protocol,
    decision: record.decision,
    reply,
    duplicate,
  };
}

async function decideSubmission(
  submission: Submission,
  deps: IntakeDeps,
): Promise<{ decision: Decision; candidates: TicketCandidate[] }> {
  const quarantine = quarantineReason(submission);
  if (quarantine) {
    // No ticket lookup and no further rules for mail we will not answer.
    return { decision: decide(submission, { status: 'none' }, deps.config), candidates: [] };
  }
  const candidates = extractTicketCandidates({
    subject: submission.subject,
    text: submission.text,
    formTicket: submission.formTicket,
  });
  const ticket = await verifyTicket(candidates, submission.sender.address, deps.tickets);
  return { decision: decide(submission, ticket, deps.config), candidates };
}

function statusFor(outcome: Outcome): CaseStatus {
  if (outcome === 'ACCEPTED') return 'QUEUED';
  if (outcome === 'QUARANTINED') return 'QUARANTINED';
  return 'REDIRECTED';
}

function messageOf(submission: Submission): CaseMessage {
  return {
    sourceId: submission.sourceId,
    channel: submission.channel,
    receivedAt: submission.receivedAt,
    subject: submission.subject,
    text: submission.text,
    attachments: submission.attachments,
    raw: submission.raw,
    messageId: submission.messageId,
  };
}

function newCaseRecord(
  caseId: string,
  submission: Submission,
  decided: { decision: Decision; candidates: TicketCandidate[] },
  linkedProtocol: string | undefined,
  clock: Clock,
): CaseRecord {
  const now = clock.now().toISOString();
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
    messages: [messageOf(submission)],
    messageIds: submission.messageId ? [submission.messageId] : [],
    linkedProtocol,
  };
}

/**
 * Threading: first the Message-IDs the message answers (ours or the merchant's earlier
 * mail), then one of our protocol numbers — the latter only from the case's own merchant,
 * so that nobody can inject messages into someone else's case.
 */
async function findParentCase(submission: Submission, deps: IntakeDeps): Promise<CaseRecord | null> {
  // An out-of-office or other automatic answer to our mail is stored, never read as the merchant's words.
  if (submission.channel !== 'email' || quarantineReason(submission)) return null;
  if (isMachineGenerated(submission, deps.config)) return null;
  const ids = [submission.inReplyTo, ...submission.references].filter((id): id is string => Boolean(id));
  for (const id of new Set(ids)) {
    const parent = await deps.cases.findByMessageId(id);
    if (parent) return parent;
  }
  const fresh = splitQuoted(submission.text).fresh;
  const protocols = new Set([...findProtocols(submission.subject), ...findProtocols(fresh)]);
  for (const protocol of protocols) {
    const parent = await deps.cases.getByProtocol(protocol);
    if (parent && parent.senderEmail === submission.sender.address) return parent;
  }
  return null;
}

/**
 * Only accepted cases take follow-ups. An answer to our guidance (say, the merchant now sends
 * the ticket number we asked for) is a new submission and is decided afresh.
 */
function isCase(parent: CaseRecord): boolean {
  return parent.outcome === 'ACCEPTED';
}

function isClosedLongAgo(parent: CaseRecord, deps: IntakeDeps): boolean {
  if (parent.status !== 'CLOSED' || !parent.closedAt) return false;
  const windowMs = deps.config.threading.reopenWindowDays * 24 * 3600 * 1000;
  return deps.clock.now().getTime() - Date.parse(parent.closedAt) > windowMs;
}

async function appendFollowUp(
  parent: CaseRecord,
  submission: Submission,
  deps: IntakeDeps,
  telemetry: IntakeTelemetry,
): Promise<IntakeResult> {
  const message = messageOf(submission);
  const appended = await deps.cases.appendMessage(parent.caseId, message);
  if (submission.messageId) await deps.cases.addMessageIds(parent.caseId, [submission.messageId]);
  telemetry.followUp(appended ? 'appended' : 'duplicate');
  // Cases not yet assigned need no notice: the assignment email carries the whole history.
  if (appended && parent.assignee && deps.onFollowUp) await deps.onFollowUp(parent, message);
  return { kind: 'follow-up', caseId: parent.caseId, protocol: parent.protocol, appended };
}

/** Calendar year of the case in the office's time zone: protocols are sequential per year. */
function protocolYear(createdAt: string, config: OuvidoriaConfig): number {
  return DateTime.fromISO(createdAt, { zone: config.timeZone }).year;
}

/** Our Message-ID for the automatic reply of a case: the same on every retry. */
function replyMessageId(caseId: string, config: OuvidoriaConfig): string {
  const digest = createHash('sha256').update(caseId).digest('hex').slice(0, 24);
  return newMessageId(config, `ack-${digest}`);
}

async function sendAutomaticReply(
  record: CaseRecord,
  submission: Submission,
  deps: IntakeDeps,
  telemetry: IntakeTelemetry,
): Promise<ReplyState | undefined> {
  const { cases, config, clock } = deps;
  const suppress = async (reason: string): Promise<ReplyState> => {
    const reply: ReplyState = { status: 'suppressed', reason, at: clock.now().toISOString() };
    await cases.recordReply(record.caseId, reply);
    telemetry.replySuppressed(reason.split(':')[0] ?? reason);
    return reply;
  };

  const policy = evaluateAutoReply(submission, record.outcome, config);
  if (!policy.allowed) return suppress(policy.ruleId);
  if (record.outcome === 'QUARANTINED') return suppress('quarantined');
  // Automatic mail recognised by the rules (auto.* decides), e.g. from its text alone: no reply.
  if (record.decision.ruleIds.at(-1)?.startsWith('auto.')) return suppress('automatic-mail');

  const messageId = replyMessageId(record.caseId, config);
  const { to, headers } = replyHeaders(submission, messageId, config);
  if (await deps.bounces.isSuppressed(to, clock.now())) return suppress('bounce-memory');

  // One sender of the claim proceeds; a concurrent duplicate delivery stops here.
  if (!(await cases.claimReply(record.caseId, clock.now(), REPLY_CLAIM_STALE_MS))) return undefined;

  // Acknowledgements are per case (each carries its own protocol) and never throttled;
  // guidance replies are limited per sender, outcome and day.
  if (record.outcome !== 'ACCEPTED') {
    const day = DateTime.fromJSDate(clock.now(), { zone: config.timeZone }).toISODate() ?? '';
    const allowed = await deps.throttle.tryConsume(
      record.senderEmail,
      record.outcome,
      day,
      config.autoReply.maxPerSenderPerOutcomePerDay,
      record.caseId,
    );
    if (!allowed) return suppress('throttled');
  }

  const content = renderReply(
    record.outcome,
    {
      protocol: record.protocol,
      senderName: record.senderName,
      subject: record.subject,
      ticket: record.decision.ticket,
      receivedAt: record.createdAt,
      language: record.decision.language,
      variant: record.decision.replyVariant,
    },
    config,
  );
  // Register our Message-ID before sending so that a quick answer from the merchant threads.
  await cases.addMessageIds(record.caseId, [messageId]);
  let sent: SentMail;
  try {
    sent = await deps.mailer.send({
      to: [to],
      from: `${config.fromName} <${config.fromAddress}>`,
      subject: content.subject,
      text: content.text,
      html: content.html,
      messageId,
      headers,
    });
  } catch (error) {
    // Nothing went out: release the claim so that the platform's retry sends it.
    await cases
      .recordReply(record.caseId, {
        status: 'failed',
        error: error instanceof Error ? error.name : 'unknown',
        at: clock.now().toISOString(),
      })
      .catch(() => undefined);
    throw error;
  }
  // It went out: from here on a failure must never lead to a second send.
  const reply: ReplyState = { status: 'sent', messageId, at: clock.now().toISOString() };
  await recordAfterSend(() => cases.recordReply(record.caseId, reply));
  await bestEffortAfterSend(() => cases.addMessageIds(record.caseId, sent.messageIds));
  return reply;
}
