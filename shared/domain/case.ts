import type { Decision, TicketCandidate } from './decision';
import type { Closure, HistoryEvent, PendingEffect } from './lifecycle/types';
import type { Outcome } from './outcome';
import type { MessageRelease, ReleaseRefused } from './quarantine-release';
import type { AttachmentMeta, Channel, Mailbox, ObjectLocation, Verdict, Verdicts } from './submission';

/**
 * Lifecycle of a stored submission.
 * ACCEPTED cases: QUEUED → ASSIGNED → CLOSED. Every other outcome is stored as
 * REDIRECTED (guidance sent or suppressed) or QUARANTINED (kept for review, no reply).
 */
export const CASE_STATUSES = [
  'QUEUED',
  'ASSIGNED',
  'IN_PROGRESS',
  'WAITING_MERCHANT',
  'CLOSED',
  'REDIRECTED',
  'QUARANTINED',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** One message in a case's history: the first submission, merchant follow-ups, notes. */
export interface CaseMessage {
  /** Idempotency key of the message (SES message id / webform key). */
  sourceId: string;
  channel: Channel;
  receivedAt: string;
  subject: string;
  /** Full text, quoted history included, for staff. */
  text: string;
  attachments: AttachmentMeta[];
  /**
   * E-mail: SES's anti-virus verdict on it; its files are relayed only under PASS
   * (lifecycle/relayed-files.ts filesScanned). Absent for the webform and for mail stored before.
   */
  virus?: Verdict;
  raw?: ObjectLocation;
  messageId?: string;
  /** Who sent it (every stored message records its sender: the history is an audit trail). */
  from?: Mailbox;
  /** 'out' for an analyst's answer we relayed to the merchant; absent (= 'in') for what we received. */
  direction?: 'in' | 'out';
  /** Roster id of the staff member who wrote an outgoing message. */
  author?: string;
  /**
   * Her mail held in quarantine that a supervisor released into this (her open) case: who vouched
   * for its sender and when — its forward to the analyst says so (the failed checks stay on it).
   */
  released?: MessageRelease;
}

/** A case without its messages' texts: what a write decides on, and what a TextsShown rule reads. */
export type CaseWithoutTexts = Omit<CaseRecord, 'messages'> & { messages: Array<Omit<CaseMessage, 'text'>> };

/**
 * Which messages' texts a read of a case needs (issue 16: a text over the inline limit is one GET
 * from the text store): given the case with its messages in order, without their texts, the
 * positions whose texts are read. The other messages come back whole but for their texts, which
 * may be empty. Each reader passes the rule it shows or sends by (the same function selects them),
 * so a case of hundreds of long texts costs what is shown. Absent: every text.
 */
export type TextsShown = (c: CaseWithoutTexts) => ReadonlySet<number>;

/** No text at all: a read for the case's state, fields and message metadata. */
export const NO_TEXTS: TextsShown = () => new Set();

/** The first message's text only (the submission a case answers, the opening complaint). */
export const FIRST_TEXT: TextsShown = (c) => new Set(c.messages.length > 0 ? [0] : []);

/** The positions [start, end) of `count` messages, clamped: a page's window. */
export function positionsBetween(start: number, end: number, count: number): ReadonlySet<number> {
  const out = new Set<number>();
  for (let i = Math.max(0, start); i < Math.min(end, count); i++) out.add(i);
  return out;
}

/** A suppressed reply's reason when the day's guidance limit for the sender was reached (nothing about the address). */
export const REPLY_THROTTLED = 'throttled';
/** A suppressed reply's reason when the address hard-bounced a mail of ours recently (bounce memory). */
export const REPLY_TO_BOUNCED = 'bounce-memory';
/** A guidance reply held back because our mail bounced too often in the last hour (domain/bounce-breaker.ts). */
export const REPLY_HELD_BY_BREAKER = 'bounce-breaker';
/** A suppressed reply's reason when the rules read the mail as automatic by its text (auto.* decided). */
export const REPLY_TO_AUTOMATIC_TEXT = 'automatic-mail';

/** Outcome of the automatic reply step, recorded for the decision trail. */
export type ReplyState =
  | {
      status: 'sent';
      messageId: string;
      at: string;
      /**
       * The Message-IDs her mailbox has for it (the provider's: SES replaces ours): the case's later
       * mails to her name it in References, so they join it in one conversation (a form's case has
       * no mail of hers to name).
       */
      deliveredAs?: string[];
      /** Held by the bounce breaker at this instant and sent late by the held-reply sweep. */
      heldAt?: string;
    }
  | { status: 'suppressed'; reason: string; at: string }
  /** `permanent`: the provider refused this mail for good (a retry would fail the same way). */
  | { status: 'failed'; error: string; at: string; permanent?: boolean };

export interface CaseRecord {
  /** Stable id derived from the channel and source id, so retries find the same record. */
  caseId: string;
  /** OUV-YYYY-NNNNNN, ACCEPTED cases only. */
  protocol?: string;
  channel: Channel;
  sourceId: string;
  status: CaseStatus;
  outcome: Outcome;
  decision: Decision;
  ticketCandidates: TicketCandidate[];
  senderName?: string;
  /** Lower-cased sender address (personal data: never logged in full). */
  senderEmail: string;
  storeName?: string;
  subject: string;
  verdicts?: Verdicts;
  createdAt: string;
  updatedAt: string;
  /** The first message and every follow-up appended by threading. */
  messages: CaseMessage[];
  /** Message-IDs that thread into this case: the merchant's and our own outgoing ones. */
  messageIds: string[];
  /** When the case links to an older, long-closed case the merchant replied to. */
  linkedProtocol?: string;
  /**
   * A case this mail referenced (In-Reply-To/References or protocol) without being allowed to
   * join it: another sender's case. Shown to the team; the mail is a submission of its own.
   */
  referencedCaseId?: string;
  /** The protocol of `referencedCaseId`, for the team's page. */
  referencedProtocol?: string;
  /**
   * The other way round: records whose mail cited this case without joining it (their
   * `referencedCaseId`), oldest first, at most MAX_CITED_BY; ids only, for the team's page.
   */
  citedBy?: string[];
  /**
   * The merchant's own earlier submission this mail answers (it was redirected with guidance, e.g.
   * "responda com o número correto do chamado"): her answer often holds only the ticket, and her
   * description is in that submission. Shown to the analyst beside the case's messages.
   */
  answersSubmissionId?: string;
  reply?: ReplyState;
  /** Set once the case was put on the assignment queue. */
  enqueuedAt?: string;
  assignee?: string;
  assignedAt?: string;
  /** Business-hours due date (ISO), set at assignment. */
  dueAt?: string;
  /** When the assigned analyst was emailed. */
  analystNotifiedAt?: string;
  closedAt?: string;
  /** Lifecycle (SPEC step 8). Bumped by every lifecycle write: the optimistic-concurrency guard (absent = 0). */
  version?: number;
  /** Audit trail: who did what, when (shared/domain/lifecycle). */
  history?: HistoryEvent[];
  /** How the case was closed (#encerrar); removed when the merchant reopens it. */
  closure?: Closure;
  /** Last time the merchant reopened the case within the reopen window. */
  reopenedAt?: string;
  /** Effects stored with their transition and not yet carried out, by effect id (an outbox). */
  pendingEffects?: Record<string, PendingEffect>;
  /**
   * Quarantine review (staff console, supervisors): when a QUARANTINED record left the review
   * queue, how and by whom. A discarded record keeps status QUARANTINED (reports count it as
   * quarantined mail) and the queue's query skips reviewed records; a released one was decided
   * again (see shared/app/quarantine-release.ts).
   */
  reviewedAt?: string;
  reviewOutcome?: 'discarded' | 'released';
  reviewedBy?: string;
  /**
   * The last release a supervisor asked for that the email-intake function refused (the console
   * had said "Liberação pedida"): the mail's page says why.
   */
  releaseRefused?: ReleaseRefused;
  /**
   * Until when the merchant's address is in bounce memory, written on her open cases by the bounce
   * memory's writer (bounce-registry.ts): the staff mails built from the case warn of it
   * (caseMerchantBouncing) without reading the memory.
   */
  merchantBounceUntil?: string;
}

/** Case id for a submission: stable across retries of the same delivery. */
export function caseIdFor(channel: Channel, sourceId: string): string {
  return `${channel}:${sourceId}`;
}

/**
 * Every step of the intake is done for this record: nothing a retry could still have to finish
 * (a reply sent or deliberately not sent, and accepted cases on the assignment queue).
 */
export function intakeComplete(record: CaseRecord): boolean {
  const reply = record.reply;
  const replied = reply !== undefined && (reply.status !== 'failed' || reply.permanent === true);
  return replied && (record.outcome !== 'ACCEPTED' || record.enqueuedAt !== undefined);
}

/** At most this many citing records are listed on a case (CaseRecord.citedBy): the item stays small. */
export const MAX_CITED_BY = 50;
