/**
 * The bounce breaker (rt57): guidance replies answer anyone who writes, so a sender who owns a domain
 * whose server refuses every mailbox turns N made-up addresses into N hard bounces of ours. Bounce
 * memory stops only a second mail to one address; a few hundred bounces take SES's bounce rate past
 * its review (5 %) and pause (10 %) levels, and a paused account sends nothing — acknowledgements,
 * analysts' answers, status links. So the permanent bounces SES reports are counted office-wide per UTC
 * hour, and past `autoReply.bounceBreakerPerHour` in the last hour guidance replies are held (the record
 * stored as always, the reply recorded as suppressed). Acknowledgements of accepted cases and staff
 * mail go to merchants with verified tickets and are never held. It resets by itself: held replies
 * bounce no more, and the count of the last hour falls.
 */
import { createHash } from 'node:crypto';
import { inboxLimitKey } from './mailbox';
import type { Outcome } from './outcome';
import { domainOf } from './sender-authentication';

const HOUR_MS = 3_600_000;

/** The hour buckets the breaker reads at `now`: this UTC hour's and the one before. */
export function breakerHours(now: Date): { current: Date; previous: Date } {
  const current = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  return { current: new Date(current), previous: new Date(current - HOUR_MS) };
}

/**
 * Bounces in the hour up to `now` (sliding window): this hour's count, plus the previous hour's in
 * the share of it still inside the window — so the breaker neither reopens at the top of every hour
 * nor holds for two.
 */
export function bouncesInLastHour(now: Date, counts: { current: number; previous: number }): number {
  const elapsed = (now.getTime() - breakerHours(now).current.getTime()) / HOUR_MS;
  return counts.current + counts.previous * (1 - elapsed);
}

/**
 * The bucket a bounce is counted in: the hour SES saw it bounce, so a notification SNS delivers again
 * or Lambda retries — later, maybe past the top of the hour — lands in the same bucket and is found
 * there (bounceKey). A time that is missing, unreadable or ahead of ours counts at `now`.
 */
export function bounceHour(now: Date, bouncedAt?: string): Date {
  const at = bouncedAt === undefined ? Number.NaN : Date.parse(bouncedAt);
  return breakerHours(Number.isFinite(at) && at <= now.getTime() ? new Date(at) : now).current;
}

/**
 * What makes one bounce one (the breaker's count is idempotent per key): SES's Message-ID of our mail
 * and the recipient that bounced. Kept on the hour's item, so hashed (LGPD: no address in clear) and
 * cut to 64 bits, plenty to tell apart the few hundred an hour holds.
 */
export function bounceKey(mailMessageId: string, recipient: string): string {
  const digest = createHash('sha256').update(`${mailMessageId}\n${recipient.trim().toLowerCase()}`).digest('hex');
  return digest.slice(0, 16);
}

/**
 * How many bounce keys one hour's item keeps (16 bytes each: some 8 KB, far below DynamoDB's 400 KB,
 * and a write of it a few WRU). Past it a bounce is counted plainly, a repeat delivery counting again.
 * Safe: by then the hour holds this many distinct bounces, many times any sane `bounceBreakerPerHour`,
 * so the breaker is tripped already; a repeat can only keep the previous hour's share in the sliding
 * window a little higher, and that share ends with the hour after.
 */
export const BOUNCE_KEYS_PER_HOUR = 500;

/**
 * The highest `autoReply.bounceBreakerPerHour` a configuration may set: half the keys an hour keeps, so
 * the plain counting past BOUNCE_KEYS_PER_HOUR only ever runs with the breaker tripped twice over.
 */
export const BOUNCE_BREAKER_MAX_PER_HOUR = BOUNCE_KEYS_PER_HOUR / 2;

/** Only guidance (every outcome but ACCEPTED) reads the breaker: an acknowledgement is never held. */
export function breakerApplies(outcome: Outcome): boolean {
  return outcome !== 'ACCEPTED';
}

/** Whether guidance is held: the last hour's bounces reached the configured number. */
export function breakerTripped(bouncesLastHour: number, perHour: number): boolean {
  return bouncesLastHour >= perHour;
}

/**
 * How long a guidance reply held by the breaker may still go out once it is clear (the held-reply
 * sweep): a merchant who wrote during an attacker's hour is answered late rather than never, while
 * guidance a day old still helps her (where to open a ticket, what to send) and a day covers a
 * breaker tripped through the night. Older held replies are dropped unsent: days later the advice
 * is stale and she has likely written again (that mail is answered on its own).
 */
export const HELD_REPLY_FRESH_MS = 24 * HOUR_MS;

/**
 * A guidance reply the breaker held, as the sweep resends it: the planned mail (our Message-ID,
 * already on the case's list since its claim; the recipient, the return path; the thread headers)
 * and what its text takes from the submission besides the case record. Only guidance is ever held.
 */
export interface HeldReply {
  caseId: string;
  /** ISO instant the breaker held it: the freshness window counts from here. */
  heldAt: string;
  messageId: string;
  to: string;
  headers: Record<string, string>;
  /** A quarantined mail's notice (too big or unreadable) instead of guidance. */
  notice?: 'too-large' | 'unreadable';
  /** The case protocol her mail named (guidance says so). */
  citedProtocol?: string;
  /** Her From is proven and is her reply's mailbox: the reply may lead with her open case. */
  leadAllowed?: true;
  /**
   * Its recipient's domain vouched for the mail (returnPathProven: SPF pass of the envelope the reply
   * goes to): a domain that exists, which the made-up ones an attack bounces on never are. Without
   * it, the resend order counts the reply under no domain of its own (heldResendOrder).
   */
  envelopeProven?: true;
  /**
   * A webform post's confirmation link, not guidance (shared/webform/confirm.ts): `caseId` is then
   * the pending submission's id, and there is no mail of ours yet (`messageId` empty, no headers) —
   * the sweep asks the confirmation-mail queue again, whose consumer checks it all anew.
   */
  link?: true;
}

/** How long a held reply's item is kept: its window and a day more (its TTL), then it expires. */
export const HELD_REPLY_KEPT_MS = HELD_REPLY_FRESH_MS + 24 * HOUR_MS;

/**
 * The UTC dates whose held-reply partitions (HELDREPLY#<date>) may still hold an item at `now`: those
 * of the items kept (HELD_REPLY_KEPT_MS) and a day more, as DynamoDB deletes expired items some time
 * after they expire. A data-subject request reads these: the items name her address.
 */
export function heldReplyDates(now: Date): string[] {
  const dates: string[] = [];
  const last = Math.floor(now.getTime() / (24 * HOUR_MS));
  const first = Math.floor((now.getTime() - HELD_REPLY_KEPT_MS - 24 * HOUR_MS) / (24 * HOUR_MS));
  for (let day = first; day <= last; day++) dates.push(new Date(day * 24 * HOUR_MS).toISOString().slice(0, 10));
  return dates;
}

/** Whether a reply held at `heldAt` may still go out at `now` (HELD_REPLY_FRESH_MS). */
export function heldReplyFresh(heldAt: string, now: Date): boolean {
  const age = now.getTime() - Date.parse(heldAt);
  return Number.isFinite(age) && age <= HELD_REPLY_FRESH_MS;
}

/** How often the held-reply sweep runs (its schedule, infra): soon after the breaker clears. */
export const HELD_REPLY_SWEEP_MINUTES = 5;

/**
 * How many held replies one sweep run may try, sent or not. Only a sent one spends the run's budget,
 * so without this a run walked every reply that goes unsent — one inbox held hundreds of times while
 * tripped, each suppressed by the daily limit, about six requests apiece — to the lifecycle-timer's
 * 30 s timeout, each run failing (its Errors alarm). 200 such tries take a few seconds; the rest wait
 * for the next run.
 */
export const HELD_REPLY_TRIES_PER_RUN = 200;

/**
 * How many held replies one sweep run reads at most, the oldest first. A run reads every reply held in
 * the window to order them (heldResendOrder needs each domain's load), every few minutes while the
 * breaker is clear: measured, 5,000 held cost 3 Queries and some 525 read units a run (0.1 per reply,
 * about 150,000 a day: cents), which is no reason to read less. But the read grows with the attack, and
 * a run that times out sends nobody; 20,000 (some 9 MB, a few seconds) keeps a run well inside the
 * lifecycle-timer's timeout. Past it the order holds among the oldest read, and the newer wait until
 * those are sent or expire — slower for a merchant held behind so large an attack, never silence.
 */
export const HELD_REPLY_READ_PER_RUN = 20_000;

/**
 * How many held replies one sweep run may send: the breaker's headroom (`perHour` less the last
 * hour's bounces) spread over the runs of an hour. The attacker's own held replies are among them and
 * bounce again: sent all at once when the breaker clears, they would take SES's bounce rate back over
 * the line it guards. Spread so, even if every one bounces, an hour's resends stay about at the
 * breaker's own limit. At least one while there is headroom; none while tripped.
 */
export function heldResendBudget(bouncesLastHour: number, perHour: number): number {
  const headroom = perHour - bouncesLastHour;
  if (!(headroom > 0)) return 0;
  return Math.ceil(headroom / (60 / HELD_REPLY_SWEEP_MINUTES));
}

/**
 * Where a held reply's recipient lives for the resend order: the domain's last two labels, or three
 * under a two-letter country code with a short second level (`loja.com.br`, `x.co.uk`) — without the
 * public-suffix list, close enough that an attacker's subdomains (`a1.devolve.example`,
 * `a2.devolve.example`) count as one sender.
 */
export function resendDomain(address: string): string {
  const labels = domainOf(address).split('.');
  const n = labels.length;
  const countryLevel = n >= 3 && (labels[n - 1] as string).length === 2 && (labels[n - 2] as string).length <= 3;
  return labels.slice(countryLevel ? -3 : -2).join('.');
}

/**
 * The order one sweep run resends in, its budget being small: replies to the domains with the
 * fewest inboxes held first, then the oldest first. The attacker's held replies go to the made-up
 * mailboxes of a domain or a few, by the dozen, or to made-up domains, one each — those vouch for
 * nothing (no DNS, no SPF), so every reply whose envelope is unproven counts as one domain; a
 * merchant writes from her store's domain or a shared provider's with a handful held. So a merchant
 * who wrote after the attack began waits behind none of its replies, instead of behind all of them,
 * to the end of the window.
 */
export function heldResendOrder(held: readonly HeldReply[]): HeldReply[] {
  // '' is no domain's name: the bucket of every unproven envelope.
  // Gmail's other spellings (googlemail.com) are its domain too.
  const domainOfReply = (reply: HeldReply) => (reply.envelopeProven ? resendDomain(inboxLimitKey(reply.to)) : '');
  // Inboxes, not replies: one inbox held many times (an attacker's own Gmail account) gets one
  // guidance a day anyway, and would otherwise put its provider's merchants last.
  const perDomain = new Map<string, Set<string>>();
  for (const reply of held) {
    const domain = domainOfReply(reply);
    const inboxes = perDomain.get(domain) ?? new Set<string>();
    inboxes.add(inboxLimitKey(reply.to));
    perDomain.set(domain, inboxes);
  }
  const load = (reply: HeldReply) => perDomain.get(domainOfReply(reply))?.size ?? 0;
  return [...held].sort((a, b) => load(a) - load(b) || a.heldAt.localeCompare(b.heldAt));
}
