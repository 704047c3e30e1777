/**
 * Bounce memory (SPEC step 6): addresses that hard-bounced or complained get no automatic mail
 * for `autoReply.bounceSuppressionDays`. Fed by SES feedback (trusted: SNS from our own
 * configuration set) and by delivery reports that reach the ombudsman address (trusted only when
 * they name mail we sent, and only for that mail's recipients).
 */
import { confirmedBounces, type SuppressionReason, suppressedUntil } from '../domain/bounce-policy';
import type { OuvidoriaConfig } from '../domain/config';
import { bounceHour, bounceKey } from '../domain/bounce-breaker';
import type { BounceCounter, BounceRegistry, Clock } from '../ports';

export interface BounceDeps {
  bounces: BounceRegistry;
  /** Mail we sent, by Message-ID (the case repository keeps it on its threading pointers). */
  sentMail: { findSentMail(messageId: string): Promise<{ caseId: string; recipients: string[] } | null> };
  clock: Clock;
  config: OuvidoriaConfig;
}

/** Puts addresses in bounce memory; idempotent (a retry writes the same items). */
export async function suppressAddresses(
  addresses: string[],
  reason: SuppressionReason,
  deps: Pick<BounceDeps, 'bounces' | 'clock' | 'config'>,
): Promise<string[]> {
  const until = suppressedUntil(deps.clock.now(), deps.config);
  const unique = [...new Set(addresses.map((address) => address.trim().toLowerCase()).filter(Boolean))];
  for (const address of unique) await deps.bounces.markBouncing(address, until, reason);
  return unique;
}

/**
 * Permanent bounces SES reported of one mail of ours, for the bounce breaker (domain/bounce-breaker.ts):
 * counted once per (mail, recipient) however often SNS delivers the notification, in the hour SES saw
 * them bounce. Only SES feedback counts (the ses-feedback function, invoked by our configuration set's
 * topic alone): a delivery report reaching the ombudsman address is mail anyone can write.
 */
export async function countSesBounces(
  bounce: { mailMessageId: string; recipients: string[]; bouncedAt?: string },
  deps: { bounceCounter: BounceCounter; clock: Clock },
): Promise<void> {
  if (bounce.recipients.length === 0) return;
  const keys = bounce.recipients.map((recipient) => bounceKey(bounce.mailMessageId, recipient));
  await deps.bounceCounter.add(bounceHour(deps.clock.now(), bounce.bouncedAt), keys);
}

/**
 * A delivery report that reached us: the failed recipients of mail we really sent go to bounce
 * memory. Returns them, and the cases of the mail the report names (the report is kept with them);
 * no recipients means the report is not about our mail (store it as mail).
 */
export async function recordDeliveryReport(
  report: { failedRecipients: string[]; referencedMessageIds: string[] },
  deps: BounceDeps,
): Promise<{ recipients: string[]; caseIds: string[] }> {
  const sent: { caseId: string; recipients: string[] }[] = [];
  for (const id of report.referencedMessageIds) {
    const mail = await deps.sentMail.findSentMail(id);
    if (mail) sent.push(mail);
  }
  const confirmed = confirmedBounces(
    report.failedRecipients,
    sent.map((m) => m.recipients),
  );
  const recipients = await suppressAddresses(confirmed, 'delivery-status-report', deps);
  const caseIds = recipients.length === 0 ? [] : [...new Set(sent.map((m) => m.caseId))];
  return { recipients, caseIds };
}
