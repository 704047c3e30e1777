/**
 * Email intake service: one mail the provider received (SES receipt, or the local SMTP intake)
 * → bounce memory, or a submission for the intake service. Steps: claim the mail's identity (a
 * copy under another delivery id joins the first); answer a duplicate of finished work from the
 * stored case (no read of the raw mail); refuse to parse oversized mail (it is
 * quarantined, and its sender told); read a delivery report against what we really sent; parse
 * and hand the submission to processSubmission.
 */
import { type CaseRecord, caseIdFor, intakeComplete, NO_TEXTS } from '../domain/case';
import { fromDomainProven } from '../domain/sender-authentication';
import { deliveryKey, oversizedSubmission, type ReceivedEmail } from '../domain/received-mail';
import type { Submission } from '../domain/submission';
import type { DeliveryClaim, RawMailStore } from '../ports';
import { type BounceDeps, recordDeliveryReport } from './bounces';
import { type IntakeDeps, type IntakeResult, processSubmission, ReplyNotSentYet, replyToRetry } from './intake';

/** Metadata the mail parser needs besides the bytes. */
export interface MailParseMeta {
  sourceId: string;
  receivedAt: string;
  verdicts: ReceivedEmail['verdicts'] | undefined;
  /** Envelope sender and recipients; absent (a quarantine release): read from the stored headers. */
  returnPath?: string;
  recipients?: string[];
  raw: ReceivedEmail['raw'];
}

export interface EmailIntakeDeps {
  intake: IntakeDeps;
  rawMail: RawMailStore;
  /** The mail parser (shared/mail/parse-email.ts): never throws on bad mail. */
  parse(raw: Buffer, meta: MailParseMeta): Promise<Submission>;
  /** Reads a delivery-status report (shared/mail/delivery-report.ts); null when it is not one. */
  readReport(raw: Buffer): { failedRecipients: string[]; referencedMessageIds: string[] } | null;
  /** Told how many addresses a delivery report put in bounce memory. */
  onBounces?(addresses: string[]): void;
  /**
   * Called when an invocation ends, whatever its result: drops what the parse kept for the
   * mailed-file copier (ParsedMailParts), so a warm container holds no mail's decoded files — personal
   * data, and up to the mail's size in memory — until the next mail comes.
   */
  forgetParsed?(): void;
}

export type EmailIntakeResult =
  | { kind: 'bounce'; deliveryId: string; recipients: number }
  /** The same mail (sender + Message-ID) arrived before under another delivery id: nothing done. */
  | { kind: 'duplicate-delivery'; deliveryId: string; caseId: string; protocol?: string }
  | (IntakeResult & { deliveryId: string; sender: string });

export { ReplyNotSentYet } from './intake';

export async function receiveEmail(mail: ReceivedEmail, deps: EmailIntakeDeps): Promise<EmailIntakeResult> {
  try {
    return await receive(mail, deps);
  } finally {
    deps.forgetParsed?.();
  }
}

async function receive(mail: ReceivedEmail, deps: EmailIntakeDeps): Promise<EmailIntakeResult> {
  const { config, cases } = deps.intake;
  const sourceId = mail.deliveryId;
  const caseId = caseIdFor('email', sourceId);
  const meta: MailParseMeta = {
    sourceId,
    receivedAt: mail.receivedAt,
    verdicts: mail.verdicts,
    returnPath: mail.returnPath,
    recipients: mail.recipients,
    raw: mail.raw,
  };

  // The same mail delivered again under another delivery id belongs to the first delivery's case.
  // Claimed first: a first claim means no attempt of this delivery stored anything yet, so the
  // case is read only on a retry or without a Message-ID (issue 16: one read fewer per mail).
  // Only a mail whose From domain is proven claims its identity: a forged copy sent first with the
  // merchant's From and a Message-ID known in advance must not make the real mail a "duplicate".
  // (Without DMARC, copies under other delivery ids are told apart by those ids: at worst two cases.)
  const key = fromDomainProven(mail.verdicts) ? deliveryKey(mail) : null;
  const now = deps.intake.clock.now();
  /** The case id of the first delivery's attempt whose claim this copy took over (it stored nothing). */
  let deadAttempt: string | undefined;
  let claim: DeliveryClaim = key
    ? await cases.claimDelivery(key, caseId, mail.messageId, now)
    : { caseId, first: false, pointerHeld: false };
  if (claim.caseId !== caseId) {
    let first = await cases.get(claim.caseId, NO_TEXTS);
    // The first delivery's attempt stored nothing and can no longer be at work (it failed, its
    // platform retries were spent, or it was never retried: the local SMTP server's 451, an
    // operator's re-injection): this copy takes its claim over and makes the case. Of copies doing
    // so at once, one wins; the others are copies of its case.
    if (key && mail.messageId && !first && abandoned(claim, now)) {
      const from = { caseId: claim.caseId, at: claim.holder.at };
      if (await cases.takeOverDelivery(key, mail.messageId, from, caseId, now)) {
        deadAttempt = from.caseId;
        claim = { caseId, first: true, pointerHeld: true };
      } else {
        claim = await cases.claimDelivery(key, caseId, mail.messageId, now);
        if (claim.caseId !== caseId) first = await cases.get(claim.caseId, NO_TEXTS);
      }
    }
    if (claim.caseId !== caseId) {
      // No message refers to this copy's raw mail: it belongs to the first delivery's case.
      await unreferencedRawMail(mail, [claim.caseId], deps);
      return {
        kind: 'duplicate-delivery',
        deliveryId: mail.deliveryId,
        caseId: claim.caseId,
        protocol: first?.protocol,
      };
    }
  }

  // A duplicate delivery of finished work is answered from the stored case: no read, no parse.
  const stored = claim.first ? null : await cases.get(caseId);
  if (stored && intakeComplete(stored)) return caseResult(stored, mail);

  let submission: Submission;
  const size = await deps.rawMail.size(mail.raw);
  if (size > config.limits.maxRawMailBytes) {
    submission = oversizedSubmission(mail, sourceId, size);
  } else {
    const raw = await deps.rawMail.read(mail.raw);
    const report = deps.readReport(raw);
    if (report) {
      const bounced = await recordDeliveryReport(report, bounceDeps(deps.intake));
      if (bounced.recipients.length > 0) {
        await expireUnusedClaim(claim, mail, deps);
        // It names the merchant and quotes our mail to them: it belongs to the cases of that mail.
        await unreferencedRawMail(mail, bounced.caseIds, deps);
        deps.onBounces?.(bounced.recipients);
        return { kind: 'bounce', deliveryId: mail.deliveryId, recipients: bounced.recipients.length };
      }
      // Not about mail we sent: stored like any other mail (automatic, so never answered).
    }
    submission = await deps.parse(raw, meta);
  }

  const result = await processSubmission(submission, deps.intake, stored, claim);
  // The dead attempt may have counted its case among her open cases (a proven mail counts before
  // its create): that case was never stored, so its slot is given back (best effort, rare path).
  if (deadAttempt) await deps.intake.openCases.release(submission.sender.address, deadAttempt).catch(() => undefined);
  if (result.kind !== 'case') await expireUnusedClaim(claim, mail, deps);
  if (result.kind === 'case' && replyToRetry(result.reply)) throw new ReplyNotSentYet(result.caseId);
  return { ...result, deliveryId: mail.deliveryId, sender: submission.sender.address };
}

/**
 * How long another delivery's claim on a mail's identity may be held by an attempt still at work:
 * longer than the email intake function can live (its timeout, 60 s; test/infra checks it), so a
 * copy never takes over from a live attempt. Lambda's own retries of that delivery come 1–2 min
 * apart and date the claim again (claimDelivery); a copy finding it older, with no case stored and
 * the attempt not finished without one, takes it over (takeOverDelivery).
 */
export const DELIVERY_CLAIM_STALE_MS = 90_000;

/** Another delivery's claim whose attempt died before storing anything: the holder is dated, unfinished and stale. */
function abandoned(claim: DeliveryClaim, now: Date): claim is DeliveryClaim & { holder: { at: Date } } {
  return (
    claim.holder !== undefined &&
    !claim.holder.finished &&
    now.getTime() - claim.holder.at.getTime() > DELIVERY_CLAIM_STALE_MS
  );
}

/** A mail that made no case of its own: its claim (its Message-ID's pointer) expires with its identity. */
async function expireUnusedClaim(claim: DeliveryClaim, mail: ReceivedEmail, deps: EmailIntakeDeps): Promise<void> {
  if (claim.pointerHeld && mail.messageId) await deps.intake.cases.expireClaim(mail.messageId, claim.caseId);
}

/**
 * Raw mail no stored message refers to (a second copy of a mail, a delivery report): kept with the
 * cases it belongs to, where an erasure of the address finds it (LGPD), and expiring like a
 * redirected submission's, since untagged mail is an open case's and kept, and no close would ever
 * tag it.
 */
async function unreferencedRawMail(
  mail: ReceivedEmail,
  caseIds: readonly string[],
  deps: EmailIntakeDeps,
): Promise<void> {
  const copy = { deliveryId: mail.deliveryId, raw: mail.raw, receivedAt: mail.receivedAt };
  for (const caseId of caseIds) await deps.intake.cases.keepRawCopy(caseId, copy);
  await deps.intake.rawMailRetention?.markRedirected(mail.raw);
}

function bounceDeps(intake: IntakeDeps): BounceDeps {
  return { bounces: intake.bounces, sentMail: intake.cases, clock: intake.clock, config: intake.config };
}

function caseResult(stored: CaseRecord, mail: ReceivedEmail): EmailIntakeResult {
  return {
    kind: 'case',
    caseId: stored.caseId,
    outcome: stored.outcome,
    status: stored.status,
    protocol: stored.protocol,
    decision: stored.decision,
    reply: stored.reply,
    duplicate: true,
    attachments: stored.messages[0]?.attachments ?? [],
    deliveryId: mail.deliveryId,
    sender: stored.senderEmail,
  };
}
