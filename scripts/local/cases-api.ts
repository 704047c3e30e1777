/**
 * The local stack's JSON view of the stored cases (`GET /api/local/cases`, `/api/local/cases/<id>`),
 * for tooling and tests: one flat row per submission. People use the staff console (`/equipe`),
 * which replaced the old read-only board `/painel`.
 */
import type { CaseRecord, CaseStatus, ReplyState } from '../../shared/domain/case';
import type { TicketCheck } from '../../shared/domain/decision';
import type { AssignmentMessage } from '../../shared/ports';

export interface BoardData {
  cases: CaseRecord[];
  /** Assignments waiting for the office to open (in-process scheduler). */
  deferred: Array<{ message: AssignmentMessage; at: Date }>;
}

/** One row of `GET /api/local/cases`. */
export interface CaseSummary {
  caseId: string;
  protocol: string | null;
  channel: CaseRecord['channel'];
  outcome: CaseRecord['outcome'];
  status: CaseStatus;
  assignee: string | null;
  senderEmail: string;
  senderName: string | null;
  subject: string;
  ticketNumber: string | null;
  ticketStatus: TicketCheck['status'];
  ruleIds: string[];
  createdAt: string;
  assignedAt: string | null;
  dueAt: string | null;
  replyStatus: ReplyState['status'] | null;
  replyReason: string | null;
  replyMessageId: string | null;
  messageCount: number;
  /** When the assignment waits for the next opening (in-process scheduler), the instant it runs. */
  deferredUntil: string | null;
}

function ticketNumberOf(record: CaseRecord): string | null {
  const check = record.decision.ticket;
  return check.status === 'none' ? null : check.number;
}

export function caseSummary(record: CaseRecord, deferredUntil?: Date): CaseSummary {
  const reply = record.reply;
  return {
    caseId: record.caseId,
    protocol: record.protocol ?? null,
    channel: record.channel,
    outcome: record.outcome,
    status: record.status,
    assignee: record.assignee ?? null,
    senderEmail: record.senderEmail,
    senderName: record.senderName ?? null,
    subject: record.subject,
    ticketNumber: ticketNumberOf(record),
    ticketStatus: record.decision.ticket.status,
    ruleIds: record.decision.ruleIds,
    createdAt: record.createdAt,
    assignedAt: record.assignedAt ?? null,
    dueAt: record.dueAt ?? null,
    replyStatus: reply?.status ?? null,
    replyReason: reply?.status === 'suppressed' ? reply.reason : reply?.status === 'failed' ? reply.error : null,
    replyMessageId: reply?.status === 'sent' ? reply.messageId : null,
    messageCount: record.messages.length,
    deferredUntil: deferredUntil ? deferredUntil.toISOString() : null,
  };
}

/** Earliest pending deferral per case. */
export function deferralsByCase(deferred: BoardData['deferred']): Map<string, Date> {
  const map = new Map<string, Date>();
  for (const { message, at } of deferred) {
    const known = map.get(message.caseId);
    if (!known || at < known) map.set(message.caseId, at);
  }
  return map;
}
