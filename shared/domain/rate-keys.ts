/**
 * The rate limiter's keys that name a case or an inbox (fixed daily windows, UTC: utcDayStart), in
 * one place: the services that count with them, and an LGPD erasure (app/data-subject.ts), which
 * deletes the counters of the person's cases and inbox instead of leaving them to expire.
 */
import { DAY_SECONDS, utcDayStart } from './instant';
import { hashedInboxKey } from './mailbox';

/** Status-link mails sent for one case today (app/status-link.ts). */
export function statusLinkCaseKey(caseId: string): string {
  return `status-link-case-${caseId}`;
}

/** The inbox's counter of status-link mails: hashed (no address in the limiter's table), one per inbox. */
export function statusLinkInboxKey(email: string): string {
  return `status-link-inbox-${hashedInboxKey(email)}`;
}

/** Notices to a case's analyst that another record cited it, today (app/citation.ts). */
export function citationKey(caseId: string): string {
  return `citation-${caseId}`;
}

/** The keys of one case's daily counters, for its erasure. */
export function caseRateKeys(caseId: string): string[] {
  return [statusLinkCaseKey(caseId), citationKey(caseId)];
}

/**
 * The daily windows whose counters may still be stored at `now`: a counter expires (DynamoDB TTL) two
 * windows after its start, and the TTL deletes it up to about two days later still.
 */
export const DAILY_WINDOWS_HELD = 4;

export function dailyWindowsHeld(now: Date): Date[] {
  const today = utcDayStart(now).getTime();
  return Array.from({ length: DAILY_WINDOWS_HELD }, (_, i) => new Date(today - i * DAY_SECONDS * 1000));
}
