import type { OuvidoriaConfig } from './config';

const DAY_MS = 86_400_000;

/** Why an address stops getting automatic mail. */
export type SuppressionReason =
  | 'delivery-status-report'
  | 'ses-permanent-bounce'
  /** SES's bounce of a copy her mailbox forwarded (bouncedDestinations). */
  | 'ses-forwarded-bounce'
  | 'ses-complaint';

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
 * The addresses an SES permanent bounce puts in bounce memory, read against the mail SES says it was
 * about (`destination`: SES's own record of the mail we sent, from our configuration set; trusted).
 * A bounced recipient the mail was sent to is hers. One it never had is a copy her mailbox forwarded:
 * SES names the DSN's Final-Recipient, the dead address at the end of her forward, and before, that
 * stranger's address went to memory while we kept mailing hers, bouncing each time. When the mail
 * went to one address, that address's mail does not arrive (`forwarded`); with several, whose
 * forward it was is unknown: none. No stranger's address is kept. Without `destination` (an event
 * without its mail), the recipients as SES names them.
 *
 * Not the rule of a report mailed to us (confirmedBounces): anyone can write one, and the ids it
 * names may be the References of a returned mail that was not ours (her own reply, bounced by a
 * colleague's dead address): a stranger's failure is never pinned on our mail's recipient there.
 */
export function bouncedDestinations(
  bounced: string[],
  destination: string[] | undefined,
): { address: string; forwarded: boolean }[] {
  const norm = (list: string[]) => [...new Set(list.map((a) => a.trim().toLowerCase()).filter(Boolean))];
  const failed = norm(bounced);
  if (destination === undefined) return failed.map((address) => ({ address, forwarded: false }));
  const sentTo = norm(destination);
  const hers = failed.filter((a) => sentTo.includes(a)).map((address) => ({ address, forwarded: false }));
  const [only, ...more] = sentTo;
  const forwardedCopy = failed.some((a) => !sentTo.includes(a));
  if (!forwardedCopy || !only || more.length > 0 || hers.some((h) => h.address === only)) return hers;
  return [...hers, { address: only, forwarded: true }];
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
