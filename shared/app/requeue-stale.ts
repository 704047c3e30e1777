/**
 * Safety net of the assignment path: a daily sweep that puts back on the queue every QUEUED case that
 * should have been assigned already — it waited past the first opening after it was queued (plus a
 * grace period). Normally none: a lost deferral schedule, a message dead-lettered and never replayed,
 * or a crash between storing a case and queueing it are what it catches. Re-queueing is safe: the
 * assignment is idempotent (QUEUED → ASSIGNED is a conditional write).
 */
import type { OfficeCalendar } from '../domain/calendar';
import type { AssignmentQueue, CaseRepository, Clock } from '../ports';

export interface RequeueStaleDeps {
  cases: Pick<CaseRepository, 'listByStatus'>;
  queue: AssignmentQueue;
  calendar: Pick<OfficeCalendar, 'nextOpening'>;
  clock: Clock;
}

export interface RequeueStaleOptions {
  /** Past the opening by more than this, a still-QUEUED case is stale (assignment takes under a minute). */
  graceMs?: number;
  /** At most this many QUEUED cases are examined per run (DEFAULT_SWEEP_LIMIT when absent). */
  limit?: number;
}

export interface RequeueStaleResult {
  examined: number;
  /** Case ids put back on the queue. */
  requeued: string[];
  /** Case ids whose send failed (retried by the next run). */
  failed: string[];
}

export const DEFAULT_GRACE_MS = 15 * 60_000;

/**
 * QUEUED cases examined per run, oldest first (the status index read forward): the longest-waiting
 * ones, which are the stale ones, always come first, and the roster's re-queue (requeue-waiting.ts)
 * leaves its overflow here. A longer backlog goes on at the next day's run. The bound is the
 * function's 60 s (FUNCTION_SIZING.requeueStale): at an estimated ~15 ms a same-region SQS send, 2,000 take ~30 s, and
 * the records are read in parallel before. (It was 1,000 read newest first: a backlog over 1,000
 * starved its oldest cases, run after run.)
 */
export const DEFAULT_SWEEP_LIMIT = 2000;

export async function requeueStaleCases(
  deps: RequeueStaleDeps,
  options: RequeueStaleOptions = {},
): Promise<RequeueStaleResult> {
  const now = deps.clock.now().getTime();
  const grace = options.graceMs ?? DEFAULT_GRACE_MS;
  const queued = await deps.cases.listByStatus('QUEUED', options.limit ?? DEFAULT_SWEEP_LIMIT, 'oldest');
  const result: RequeueStaleResult = { examined: queued.length, requeued: [], failed: [] };
  for (const record of queued) {
    // Without a protocol the case never finished intake; the intake's own retry owns it.
    if (!record.protocol) continue;
    const since = new Date(record.enqueuedAt ?? record.createdAt);
    if (Number.isNaN(since.getTime())) continue;
    if (deps.calendar.nextOpening(since).getTime() + grace > now) continue;
    try {
      await deps.queue.enqueue({ caseId: record.caseId, protocol: record.protocol });
      result.requeued.push(record.caseId);
    } catch {
      result.failed.push(record.caseId);
    }
  }
  return result;
}
