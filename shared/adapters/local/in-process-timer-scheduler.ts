import type { TimerScheduler } from '../../app/lifecycle/ports';
import type { TimerEvent } from '../../app/lifecycle/timers';
import type { LifecycleTimer } from '../../domain/lifecycle/deadlines';

/**
 * The local stack's stand-in for the lifecycle schedules, like InProcessDeferralScheduler: one
 * entry per timer name (scheduling twice keeps one), handed back by `releaseDue` when the local
 * clock (`OUVIDORIA_NOW`) passes them. No timers here: the caller decides when to look.
 */
export class InProcessTimerScheduler implements TimerScheduler {
  private readonly pending = new Map<string, LifecycleTimer>();

  /** Called after each new entry, so the local stack can arm a timer for `nextDueAt()`. */
  constructor(private readonly onScheduled?: (timer: LifecycleTimer) => void) {}

  async schedule(timer: LifecycleTimer): Promise<void> {
    if (Number.isNaN(timer.at.getTime())) throw new RangeError('schedule: invalid date');
    if (this.pending.has(timer.name)) return;
    const entry = { ...timer, at: new Date(timer.at) };
    this.pending.set(timer.name, entry);
    this.onScheduled?.({ ...entry, at: new Date(entry.at) });
  }

  /** Removes and returns the events due at `now` (at ≤ now), earliest first. */
  releaseDue(now: Date): TimerEvent[] {
    const due = [...this.pending.values()]
      .filter((t) => t.at.getTime() <= now.getTime())
      .sort((a, b) => a.at.getTime() - b.at.getTime());
    for (const t of due) this.pending.delete(t.name);
    return due.map((t) => ({ kind: t.kind, caseId: t.caseId, dueAt: t.dueAt }));
  }

  nextDueAt(): Date | undefined {
    let earliest: Date | undefined;
    for (const { at } of this.pending.values()) if (!earliest || at < earliest) earliest = new Date(at);
    return earliest;
  }

  /** Everything waiting, earliest first (for the local board). */
  list(): LifecycleTimer[] {
    return [...this.pending.values()]
      .sort((a, b) => a.at.getTime() - b.at.getTime())
      .map((t) => ({ ...t, at: new Date(t.at) }));
  }
}
