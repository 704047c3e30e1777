import type { AssignmentMessage, DeferralScheduler } from '../../ports';

interface PendingEntry {
  message: AssignmentMessage;
  at: Date;
}

/**
 * The local stack's stand-in for EventBridge Scheduler: keeps (message, at) entries in memory,
 * one per (caseId, at) like the AWS adapter's schedule name, and hands back the due ones when the
 * local stack's clock moves (`releaseDue`). No timers here: the caller decides when to look.
 */
export class InProcessDeferralScheduler implements DeferralScheduler {
  private readonly pending = new Map<string, PendingEntry>();

  /** Called after each new entry, so the local stack can arm a timer for `nextDueAt()`. */
  constructor(private readonly onScheduled?: (entry: { message: AssignmentMessage; at: Date }) => void) {}

  async scheduleAt(message: AssignmentMessage, at: Date): Promise<void> {
    if (Number.isNaN(at.getTime())) throw new RangeError('scheduleAt: invalid date');
    const key = `${message.caseId}|${at.toISOString()}`;
    if (this.pending.has(key)) return;
    const entry = { message: { caseId: message.caseId, protocol: message.protocol }, at: new Date(at) };
    this.pending.set(key, entry);
    this.onScheduled?.({ message: { ...entry.message }, at: new Date(entry.at) });
  }

  /** Removes and returns the messages due at `now` (at ≤ now), earliest first. */
  releaseDue(now: Date): AssignmentMessage[] {
    const due: Array<[string, PendingEntry]> = [];
    for (const [key, entry] of this.pending) if (entry.at.getTime() <= now.getTime()) due.push([key, entry]);
    due.sort((a, b) => a[1].at.getTime() - b[1].at.getTime());
    for (const [key] of due) this.pending.delete(key);
    return due.map(([, entry]) => entry.message);
  }

  /** The earliest pending instant, or undefined when nothing waits. */
  nextDueAt(): Date | undefined {
    let earliest: Date | undefined;
    for (const { at } of this.pending.values()) if (!earliest || at < earliest) earliest = at;
    return earliest ? new Date(earliest) : undefined;
  }

  /** Everything waiting, earliest first (for the local board). */
  list(): Array<{ message: AssignmentMessage; at: Date }> {
    return [...this.pending.values()]
      .sort((a, b) => a.at.getTime() - b.at.getTime())
      .map((e) => ({ message: { ...e.message }, at: new Date(e.at) }));
  }

  get size(): number {
    return this.pending.size;
  }
}
