/**
 * A reminder or escalation schedule fired (SPEC.md step 9). The schedule carries the due date it
 * was armed for; if the case is closed, gone, or its due date moved (`#prorrogar`, a reopening),
 * the timer is stale and does nothing. Otherwise the analyst is reminded, or the supervisors are
 * alerted and the `OverdueCases` metric counts the case — once per (kind, case, due date), even
 * when the scheduler delivers twice.
 */
import { timerName, type TimerKind } from '../../domain/lifecycle/deadlines';
import { timerFired } from '../../domain/lifecycle/machine';
import { isOpenStatus, type Supervision, supervisionOf } from '../../domain/lifecycle/types';
import { commitWithRetry, type LifecycleDeps, resolveDeps } from './commit';

/** The payload of a lifecycle schedule (what the scheduler target receives). */
export interface TimerEvent {
  kind: TimerKind;
  caseId: string;
  /** ISO due date the timer was armed for. */
  dueAt: string;
}

export type TimerResult = { kind: 'reminded' | 'escalated' | 'duplicate' } | { kind: 'stale'; why: string };

export async function onTimer(event: TimerEvent, rawDeps: LifecycleDeps): Promise<TimerResult> {
  const deps = resolveDeps(rawDeps);
  const stale = (why: string): TimerResult => {
    deps.telemetry.timerStale({ caseId: event.caseId, kind: event.kind });
    return { kind: 'stale', why };
  };
  const expected = Date.parse(event.dueAt);
  if (Number.isNaN(expected)) return stale('invalid due date');
  // Whom the escalation will reach, for its history entry (no supervisor present is said there):
  // read once, and only for a timer that fires.
  let supervision: Supervision | undefined;
  const outcome = await commitWithRetry(
    deps,
    event.caseId,
    timerName(event.kind, event.caseId, event.dueAt),
    async (c) => {
      if (!isOpenStatus(c.status)) return `case ${c.status}`;
      if (!c.dueAt || Date.parse(c.dueAt) !== expected) return 'due date moved';
      supervision ??=
        event.kind === 'escalation'
          ? supervisionOf(await deps.staff.supervisors(), deps.calendar.localDate(deps.clock.now()))
          : 'present';
      const transition = timerFired(
        c,
        event.kind,
        {
          now: deps.clock.now(),
          config: deps.config,
          calendar: deps.calendar,
          sourceId: timerName(event.kind, event.caseId, event.dueAt),
        },
        supervision,
      );
      return transition?.ok ? { transition } : 'nothing to do';
    },
  );
  switch (outcome.kind) {
    case 'not-found':
      return stale('case not found');
    case 'skipped':
      return stale(outcome.reason);
    case 'duplicate':
      return { kind: 'duplicate' };
    case 'committed':
      if (event.kind === 'escalation') {
        deps.telemetry.overdue({ caseId: event.caseId, protocol: outcome.after.protocol ?? event.caseId });
        return { kind: 'escalated' };
      }
      return { kind: 'reminded' };
  }
}
