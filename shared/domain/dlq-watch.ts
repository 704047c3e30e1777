/**
 * How long a dead-letter queue has held a message, from what can be read without receiving one:
 * SQS answers GetQueueAttributes with counts, never ages, so the watch keeps the first run that saw
 * the queue non-empty (`firstSeenAt`) and reports the time since. That age is never less than the
 * oldest message's minus one run interval (a message arriving between two runs is seen by the next),
 * and it is more when older messages were replayed and newer ones stay: the page then comes early,
 * never late. The counts are approximate for about a minute after a change, so one empty read could be
 * stale: the watch forgets `firstSeenAt` on the second empty read in a row, not on the first.
 */
export interface DlqWatchState {
  /** ISO instant of the first run that found the queue non-empty. */
  readonly firstSeenAt?: string;
  /** ISO instant of the first empty read after it: one more empty read forgets the queue. */
  readonly emptySeenAt?: string;
}

export interface DlqObservation {
  readonly state: DlqWatchState;
  /** Seconds since `firstSeenAt` (0 for a queue known empty): the MessageExpiring alarms read it. */
  readonly oldestAgeSeconds: number;
}

export function observeDlq(state: DlqWatchState, messages: number, now: Date): DlqObservation {
  const since = state.firstSeenAt ? Date.parse(state.firstSeenAt) : Number.NaN;
  const known = Number.isFinite(since);
  const age = (from: number) => Math.max(0, Math.floor((now.getTime() - from) / 1000));
  if (messages > 0) {
    const firstSeenAt = known ? (state.firstSeenAt as string) : now.toISOString();
    return { state: { firstSeenAt }, oldestAgeSeconds: known ? age(since) : 0 };
  }
  if (!known || state.emptySeenAt) return { state: {}, oldestAgeSeconds: 0 };
  // The first empty read: still reported as waiting (a stale count must not restart the clock).
  return { state: { firstSeenAt: state.firstSeenAt, emptySeenAt: now.toISOString() }, oldestAgeSeconds: age(since) };
}
