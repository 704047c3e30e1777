/**
 * The rate limiter's keys that name a case or an inbox (fixed daily windows, UTC: utcDayStart; the
 * webform's confirmation mails: hours and office days), in one place: the services that count with
 * them, and an LGPD erasure (app/data-subject.ts), which deletes the counters of the person's cases
 * and inbox instead of leaving them to expire.
 */
import { DAY_SECONDS, utcDayStart } from './instant';
import { hashedInboxKey } from './mailbox';
import { officeDayStart } from './time-zone';

/** Status-link mails sent for one case today (app/status-link.ts). */
export function statusLinkCaseKey(caseId: string): string {
  return `status-link-case-${caseId}`;
}

/** The inbox's counter of status-link mails: hashed (no address in the limiter's table), one per inbox. */
export function statusLinkInboxKey(email: string): string {
  return `status-link-inbox-${hashedInboxKey(email)}`;
}

/**
 * The counters of the webform's confirmation mails to one inbox (webform/confirm.ts), an hour's and
 * an office day's (hashed: no address in the limiter's table); `unowned`: those of the posts to it
 * that cite no ticket of its own.
 */
export function webformConfirmKey(email: string, window: 'hour' | 'day', scope?: 'unowned'): string {
  return `webform-confirm${scope ? `-${scope}` : ''}${window === 'day' ? '-day' : ''}-${hashedInboxKey(email)}`;
}

/** Every confirmation-mail counter key of an inbox, by window. */
export function webformConfirmKeys(email: string): { hour: string[]; day: string[] } {
  return {
    hour: [webformConfirmKey(email, 'hour'), webformConfirmKey(email, 'hour', 'unowned')],
    day: [webformConfirmKey(email, 'day'), webformConfirmKey(email, 'day', 'unowned')],
  };
}

/** Notices to a case's analyst that another record cited it, today (app/citation.ts). */
export function citationKey(caseId: string): string {
  return `citation-${caseId}`;
}

/** Mails quarantined unread in an hour, all senders (app/poison-mail.ts: its breaker; no personal data). */
export const POISON_MAIL_KEY = 'poison-mail';

/**
 * Permanent bounces of our mail SES reported in an hour, all recipients (domain/bounce-breaker.ts:
 * ses-feedback counts, the intake's guidance path reads; no personal data).
 */
export const SES_BOUNCES_KEY = 'ses-permanent-bounces';

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

const HOUR_MS = 3_600_000;

/** The hour window an instant falls in (the webform's hourly counters). */
export function hourWindowStart(now: Date): Date {
  return new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
}

/**
 * The hour windows whose counters may still be stored at `now`: those of the last DAILY_WINDOWS_HELD
 * days (an hour's counter expires two hours after its start; the TTL deletes it up to about two days
 * later still), newest first.
 */
export function hourWindowsHeld(now: Date): Date[] {
  const current = hourWindowStart(now).getTime();
  return Array.from({ length: DAILY_WINDOWS_HELD * 24 }, (_, i) => new Date(current - i * HOUR_MS));
}

/** The office days (their local midnights) whose counters may still be stored at `now`, newest first. */
export function officeDayWindowsHeld(now: Date, timeZone: string): Date[] {
  const out: Date[] = [];
  let day = officeDayStart(now, timeZone);
  for (let i = 0; i < DAILY_WINDOWS_HELD; i++) {
    out.push(day);
    // The instant before this day's midnight is in the day before (whatever its length).
    day = officeDayStart(new Date(day.getTime() - 1), timeZone);
  }
  return out;
}
