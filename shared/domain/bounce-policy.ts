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
 * The addresses a delivery report may put in bounce memory: its failed recipients that the named
 * mail of ours was really sent to. A report naming no mail of ours, or a recipient that mail never
 * had, changes nothing (SPEC "Trust rules": a forged report must not silence a merchant).
 */
export function confirmedBounces(failedRecipients: string[], sentTo: string[][]): string[] {
  const sent = new Set(sentTo.flat().map((address) => address.trim().toLowerCase()));
  return [...new Set(failedRecipients.map((address) => address.trim().toLowerCase()))].filter((a) => sent.has(a));
}
