/**
 * "Retried when someone is added": after an analyst is added, returns from leave or is
 * reactivated, the QUEUED cases (waiting for an analyst) go back on the assignment queue. Used by
 * `npm run staff` and the console's roster page. Assignment is idempotent, so a case queued twice
 * is harmless.
 *
 * It runs inside the roster request, so it re-queues at most REQUEUE_WAITING_LIMIT cases, the
 * longest-waiting first. The rest are not lost: each has waited past an opening with no analyst to
 * take it, so the daily sweep (requeue-stale.ts, STALE_SWEEP_CRON: 10:00 in São Paulo) re-queues
 * them, oldest first, DEFAULT_SWEEP_LIMIT a day.
 */
import type { AssignmentQueue, CaseRepository } from '../ports';

export interface RequeueWaitingDeps {
  cases: Pick<CaseRepository, 'listByStatus'>;
  /** Absent (no queue configured): nothing is sent; the caller says so. */
  queue?: AssignmentQueue;
}

/** Roster changes after which waiting cases are re-queued. */
export const REQUEUE_AFTER = new Set(['add', 'return', 'activate']);

/** At most this many cases are re-queued by one roster change (the request's time); see above for the rest. */
export const REQUEUE_WAITING_LIMIT = 1000;

export async function requeueWaiting(deps: RequeueWaitingDeps): Promise<{ waiting: number; requeued: number }> {
  const listed = await deps.cases.listByStatus('QUEUED', REQUEUE_WAITING_LIMIT, 'oldest');
  const waiting = listed.filter((c) => c.protocol);
  if (!deps.queue) return { waiting: waiting.length, requeued: 0 };
  for (const c of waiting) await deps.queue.enqueue({ caseId: c.caseId, protocol: c.protocol as string });
  return { waiting: waiting.length, requeued: waiting.length };
}
