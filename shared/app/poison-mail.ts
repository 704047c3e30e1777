/**
 * A mail the email intake failed on every attempt (out of memory, a timeout, a crash on a hostile
 * structure) → a QUARANTINED record "could not be read", its sender told (the unreadable-mail
 * notice, under the same loop protection, daily limit and bounce memory as any reply), staff able
 * to inspect and discard it on the console like any quarantined mail. Consumed from the intake's
 * on-failure destination (an SQS queue, batches of one), so the accepted-mail path is unchanged.
 *
 * The mail is never parsed again: only its first PARSE_LIMITS.headerPeekBytes are read (one ranged
 * GET, which also tells a record naming no stored mail) and scanned for its From, Message-ID,
 * Return-Path and auto-reply headers (mail/header-peek.ts).
 * The raw mail is always the one the receipt rule stored under the delivery id (receivedEmailOf
 * builds the location from the configured bucket and prefix; the id cannot name a path), so a forged
 * record names no other object; one naming no stored mail is refused (left for staff).
 * Idempotent: the case id is the delivery's own (caseIdFor), a replay finds the record stored and
 * completed, and the reply claim lets one notice out.
 */
import { caseIdFor, intakeComplete, NO_TEXTS } from '../domain/case';
import { decide } from '../domain/eligibility/engine';
import { HOUR_SECONDS } from '../domain/instant';
import {
  breakerOpen,
  type IntakeFailure,
  type PeekedHeaders,
  type PoisonKind,
  poisonKindOf,
} from '../domain/poison-mail';
import { hourWindowStart, POISON_MAIL_KEY } from '../domain/rate-keys';
import { intakeFailed } from '../domain/quarantine-release';
import { type ReceivedEmail, unreadableSubmission } from '../domain/received-mail';
import { type RateLimiter, type RawMailHead, rawMailMissing } from '../ports';
import { type IntakeDeps, processSubmission, ReplyNotSentYet, replyToRetry } from './intake';

export interface PoisonMailDeps {
  intake: IntakeDeps;
  rawMail: RawMailHead;
  /** The header scan (shared/mail/header-peek.ts) and the bytes of the head it reads. */
  peek: { bytes: number; read(head: Buffer): PeekedHeaders };
  /** The breaker's hourly count (one write per new poison mail; the accepted-mail path never counts). */
  limiter: RateLimiter;
}

/** One failed intake as the on-failure destination recorded it. */
export interface FailedIntake {
  mail: ReceivedEmail;
  failure: IntakeFailure;
}

export type PoisonMailResult =
  | { kind: 'quarantined'; caseId: string; poison: PoisonKind; reply?: string | undefined }
  /** A record of this delivery is stored and complete (a replay, or the mail made its case after all). */
  | { kind: 'done'; caseId: string }
  /**
   * Not for this path: the failure was not the mail's (`not-poison`), no stored mail has this
   * delivery id (`not-received`), a case of another decision is half done (`case-in-progress`), or
   * too many mails failed this hour to blame the mails (`breaker`: POISON_MAIL_PER_HOUR).
   * The message stays for staff: after its receives it moves to the IntakeDlq, which pages.
   */
  | { kind: 'left'; reason: 'not-poison' | 'not-received' | 'case-in-progress' | 'breaker' };

export async function quarantinePoisonMail(failed: FailedIntake, deps: PoisonMailDeps): Promise<PoisonMailResult> {
  const poison = poisonKindOf(failed.failure);
  if (!poison) return { kind: 'left', reason: 'not-poison' };
  const { mail } = failed;
  const caseId = caseIdFor('email', mail.deliveryId);
  const stored = await deps.intake.cases.get(caseId, NO_TEXTS);
  if (stored && intakeComplete(stored)) return { kind: 'done', caseId };
  // Half done by this path (its notice not sent yet) resumes; half done by a decision of the
  // intake's own is no unread mail: staff replay it (the runbook's IntakeDlq replay).
  if (stored && !intakeFailed(stored.decision)) return { kind: 'left', reason: 'case-in-progress' };

  // The one read of the stored mail (its head): it also tells a record naming no stored mail.
  let head: Buffer;
  try {
    head = await deps.rawMail.head(mail.raw, deps.peek.bytes);
  } catch (error) {
    if (rawMailMissing(error)) return { kind: 'left', reason: 'not-received' };
    throw error;
  }
  // A new one counts (a record of this path half done resumes uncounted); past the breaker, it is left
  // unquarantined and its sender untold, and the page calls staff to what is failing.
  if (!stored) {
    const now = deps.intake.clock.now();
    const count = await deps.limiter.hit(POISON_MAIL_KEY, hourWindowStart(now), HOUR_SECONDS);
    if (breakerOpen(count)) return { kind: 'left', reason: 'breaker' };
  }
  const peeked = deps.peek.read(head);
  // The sender, Message-ID and envelope the stored bytes say, never the record's copies of them.
  const read: ReceivedEmail = {
    ...mail,
    from: peeked.from,
    messageId: peeked.messageId,
    returnPath: peeked.returnPath ?? mail.returnPath,
  };
  const submission = unreadableSubmission(read, peeked.headers, poison);
  // Decided here, unthreaded: an unread mail joins no case and answers no staff mail.
  const decided = { decision: decide(submission, { status: 'none' }, deps.intake.config), candidates: [] };
  const result = await processSubmission(submission, deps.intake, stored ?? null, { decided });
  if (result.kind !== 'case') return { kind: 'left', reason: 'case-in-progress' };
  if (replyToRetry(result.reply)) throw new ReplyNotSentYet(result.caseId);
  return { kind: 'quarantined', caseId, poison, reply: result.reply?.status };
}
