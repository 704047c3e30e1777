import { hash } from 'node:crypto';
import { normaliseMessageId } from './message-id';
import type { PoisonKind } from './poison-mail';
import type { ObjectLocation, Submission, Verdicts } from './submission';

/**
 * What the mail provider tells us about one received mail before we read it: the envelope, the
 * verdicts, a few decoded headers and where the raw bytes are. Built by the email-intake handler
 * from the SES receipt event (or by the local SMTP intake, through the same event shape).
 */
export interface ReceivedEmail {
  /** The provider's id of this delivery (SES message id; the raw mail's key). */
  deliveryId: string;
  receivedAt: string;
  verdicts: Verdicts;
  /** Envelope sender (MAIL FROM), lower-cased; '' for the null return path. */
  returnPath: string;
  recipients: string[];
  /** The From header as the provider decoded it (first mailbox). */
  from?: string;
  /** The Message-ID header, if any. */
  messageId?: string;
  subject?: string;
  raw: ObjectLocation;
}

/** The address inside a From header value (`Nome <a@b>` or a bare address), lower-cased. */
export function headerAddress(value: string | undefined): string {
  if (!value) return '';
  // Only the last "<" can open a bracket that ends the value. Read from there by hand: the expression
  // /<([^<>\s]+@[^<>\s]+)>\s*$/ tried every "@" of "<a@a@a@…" as the split (40 KB took 6.5 s).
  const inner = /^<([^<>\s]+)>\s*$/.exec(value.slice(value.lastIndexOf('<')))?.[1];
  const bracketed = inner?.slice(1, -1).includes('@') ? inner : undefined;
  return (bracketed ?? value).trim().toLowerCase().slice(0, 320);
}

/**
 * The identity of a mail across deliveries: the same mail delivered twice — same sender, same
 * Message-ID, as a sending server does when it retries after a lost "250" — has the same key, so
 * it makes one submission (SPEC "Trust rules"). Null for mail without a sender or Message-ID
 * (then only the provider's delivery id tells deliveries apart).
 */
export function deliveryKey(mail: Pick<ReceivedEmail, 'from' | 'messageId'>): string | null {
  const sender = headerAddress(mail.from);
  const messageId = mail.messageId ? normaliseMessageId(mail.messageId) : '';
  if (!sender || !messageId) return null;
  return hash('sha256', `${sender}\n${messageId}`, 'hex').slice(0, 40);
}

/**
 * A mail too big to parse safely: stored as a quarantined submission with its reason, from what
 * the provider decoded (the raw bytes stay where they are).
 */
export function oversizedSubmission(mail: ReceivedEmail, sourceId: string, size: number): Submission {
  return unparsedSubmission(mail, sourceId, {}, `${OVERSIZED_PROBLEM}: ${size} bytes`);
}

/**
 * A mail the intake failed on every attempt (domain/poison-mail.ts): quarantined unparsed, from the
 * provider's envelope and what a header scan read of its first bytes (`mail.from`, `mail.messageId`,
 * the auto-reply headers), so that the reply's loop protection reads the headers it always reads.
 */
export function unreadableSubmission(
  mail: ReceivedEmail,
  headers: Record<string, string>,
  kind: PoisonKind,
): Submission {
  return unparsedSubmission(mail, mail.deliveryId, headers, `${INTAKE_FAILED_PROBLEM}: ${kind}`);
}

function unparsedSubmission(
  mail: ReceivedEmail,
  sourceId: string,
  headers: Record<string, string>,
  parseProblem: string,
): Submission {
  // Bounded as SubmissionSchema bounds them (built here, not parsed: see parseEmail's finish).
  const address = (headerAddress(mail.from) || mail.returnPath || 'desconhecido@invalid').slice(0, 320);
  return {
    channel: 'email',
    sourceId,
    receivedAt: mail.receivedAt,
    sender: { address },
    returnPath: mail.returnPath?.slice(0, 320),
    recipients: mail.recipients.slice(0, 100).map((r) => r.slice(0, 320)),
    subject: (mail.subject ?? '').slice(0, 2000),
    text: '',
    references: [],
    headers,
    attachments: [],
    verdicts: mail.verdicts,
    raw: mail.raw,
    ...(mail.messageId ? { messageId: normaliseMessageId(mail.messageId).slice(0, 1000) } : {}),
    parseProblem,
  };
}

/** Prefix of the parse problem of an oversized mail (the quarantine reason reads it). */
export const OVERSIZED_PROBLEM = 'oversized';

/** How the parse-problem rule's reason begins (`<this>: <parse problem>.`; quarantine release reads it). */
export const UNREAD_REASON = 'Mensagem não pôde ser lida';

/** Prefix of the parse problem of a mail the intake failed on every attempt (its notice reads it). */
export const INTAKE_FAILED_PROBLEM = 'intake-failed';
