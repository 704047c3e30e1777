/**
 * "Retried when someone is added": after an analyst is added, returns from leave or is
 * reactivated, the QUEUED cases (waiting for an analyst) go back on the assignment queue. Used by
 * `npm run staff` and the console's roster page. Assignment is idempotent, so a case queued twice
 * is harmless.
 */
import type { AssignmentQueue, CaseRepository } from '../ports';

export interface RequeueWaitingDeps {
  cases: Pick<CaseRepository, 'listByStatus'>;
  /** Absent (no queue configured): nothing is sent; the caller says so. */
  queue?: AssignmentQueue;
}

/** Roster changes after which waiting cases are re-queued. */
export const REQUEUE_AFTER = new Set(['add', 'return', 'activate']);

export async function requeueWaiting(deps: RequeueWaitingDeps): Promise<{ waiting: number; requeued: number }> {
  const waiting = (await deps.cases.listByStatus('QUEUED', 1000)).filter((c) => c.protocol);
  if (!deps.queue) return { waiting: waiting.length, requeued: 0 };
  for (const c of waiting) await deps.queue.enqueue({ caseId: c.caseId, protocol: c.protocol as string });
  return { waiting: waiting.length, requeued: waiting.length };
}
