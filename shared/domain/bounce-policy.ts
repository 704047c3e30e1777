import { REPLY_TO_BOUNCED, type CaseRecord } from './case';
import type { OuvidoriaConfig } from './config';

const DAY_MS = 86_400_000;

/** Why an address stops getting automatic mail. */
export type SuppressionReason = 'delivery-status-report' | 'ses-permanent-bounce' | 'ses-complaint';

/** Until when an address that hard-bounced or complained gets no automatic mail. */
export function suppressedUntil(now: Date, config: OuvidoriaConfig): Date {
  return new Date(now.getTime() + config.autoReply.bounceSuppressionDays * DAY_MS);
}

/** Whether bounce memory stored until `until` still holds at `now` (TTL deletion is lazy: the instant decides). */
export function isBouncing(until: Date | string | undefined, now: Date): boolean {
  if (until === undefined) return false;
  const at = typeof until === 'string' ? Date.parse(until) : until.getTime();
  return at > now.getTime();
}

/**
 * Whether the merchant's address bounces our mail, as her case itself records it — so a staff mail
 * built from the case read it already (the assignment notice: issue 16, no extra request) warns of
 * it: the bounce memory's writer marks her open cases (`merchantBounceUntil`), and an address that
 * was bouncing when the case was accepted left its acknowledgement suppressed for that reason (the
 * memory lasts at least bounceSuppressionDays from then).
 */
export function caseMerchantBouncing(
  c: Pick<CaseRecord, 'merchantBounceUntil' | 'reply'>,
  now: Date,
  config: OuvidoriaConfig,
): boolean {
  if (isBouncing(c.merchantBounceUntil, now)) return true;
  const reply = c.reply;
  return (
    reply?.status === 'suppressed' &&
    reply.reason === REPLY_TO_BOUNCED &&
    isBouncing(suppressedUntil(new Date(reply.at), config), now)
  );
}

/**
 * The addresses an SES permanent bounce puts in bounce memory: its bounced recipients that the mail
 * SES says it was about was sent to (`destination`: SES's own record of the mail we sent, from our
 * configuration set; trusted). One it never had is the Final-Recipient of a copy her mailbox
 * forwarded (an old employee's dead inbox behind `contato@loja`): not ours to remember — we never
 * mail it — and not hers either: SPEC's memory is for an address that hard-bounced, and hers did
 * not (she may read every mail we send; suppressed, she would lose even the webform's confirmation
 * link for 60 days: red team 52). Without `destination` (an event without its mail), the
 * recipients as SES names them.
 *
 * Not the rule of a report mailed to us (confirmedBounces): anyone can write one.
 */
export function bouncedDestinations(bounced: string[], destination: string[] | undefined): string[] {
  const norm = (list: string[]) => [...new Set(list.map((a) => a.trim().toLowerCase()).filter(Boolean))];
  const failed = norm(bounced);
  if (destination === undefined) return failed;
  const sentTo = new Set(norm(destination));
  return failed.filter((a) => sentTo.has(a));
}

/**
 * The addresses a delivery report may put in bounce memory: its failed recipients that the named
 * mail of ours was really sent to. A report naming no mail of ours, or a recipient that mail never
 * had, changes nothing (SPEC "Trust rules": a forged report must not silence a merchant).
 */
export function confirmedBounces(failedRecipients: string[], sentTo: string[][]): string[] {
  const sent = new Set(sentTo.flat().map((address) => address.trim().toLowerCase()));
  return [...new Set(failedRecipients.map((address) => address.trim().toLowerCase()))].filter((a) => sent.has(a));
}
