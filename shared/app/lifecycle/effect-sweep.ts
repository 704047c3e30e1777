/**
 * The safety net of the outbox (effects.ts): a scheduled sweep that completes the effects a run
 * committed and never carried out — a console action whose Lambda died between the case write and
 * the mail, a staff mail or timer whose platform retries all came while the dead runner's claim still
 * held (they skip a claimed effect and succeed), a merchant reply no one re-sends. Without it such a
 * mail waits until someone posts the form again. It lists only marked cases whose effects are older
 * than a claim (a live runner is done or dead by then), carries out what is still pending through
 * the same code (claims: never twice, even next to a retry or another sweep), and unmarks a case once
 * nothing is pending. The assignment marks the case too: an analyst's notice that never went (its
 * queue message dead-lettered) is re-queued, and the assignment sends it (assign-case.ts).
 */
import { EFFECT_TEXTS } from '../../domain/lifecycle/messages';
import type { AssignmentQueue } from '../../ports';
import { type LifecycleDeps, resolveDeps } from './commit';
import { carryOutEffects, EFFECT_CLAIM_MS, tellSupervisorsNoticeUndeliverable } from './effects';

export interface EffectSweepResult {
  /** Marked cases older than a claim. */
  examined: number;
  /** Cases whose pending effects the sweep carried out (or found being carried out). */
  resumed: string[];
  /** Assigned cases whose analyst was never notified, put back on the assignment queue. */
  requeued: string[];
  /**
   * Assigned cases whose notice still had not gone after MAX_NOTICE_REQUEUES re-queues: the
   * supervisors were told, and the sweep re-queues them no more (until a commit marks them again).
   */
  givenUp: string[];
  /** Cases with an effect that failed again (kept marked: the next run retries it). */
  failed: string[];
  /**
   * Age in seconds of the oldest marked case this run found (0 when none): a few minutes at most
   * while the sweep keeps up; it grows when an effect keeps failing or the backlog outruns the
   * limit. The lifecycle-timer function publishes it; the EffectSweepBehind alarm reads it.
   */
  oldestPendingSeconds: number;
}

/** At most this many marked cases per run (oldest first); a longer backlog continues next run. */
export const EFFECT_SWEEP_LIMIT = 200;

/**
 * An assignment whose notice has not gone after this long is re-queued (the assignment resends the
 * notice of an ASSIGNED case): past the assignment queue's own redeliveries (5 receives, 30 s
 * apart), so a message on its way is not doubled; and at most once per this long per case.
 */
export const NOTICE_GRACE_MS = 15 * 60_000;

/**
 * An assignment notice is re-queued at most this many times: one that can never be sent (the
 * analyst's address bounces) would otherwise dead-letter, and raise the queue's alarm, every
 * NOTICE_GRACE_MS until someone moves the case. After them the supervisors are told, once.
 */
export const MAX_NOTICE_REQUEUES = 3;

/**
 * The mark of a case the sweep gave up on: later than any run's `before`, so never listed again; a
 * commit that stores effects (a transfer) marks the case anew with their time.
 */
export const GIVEN_UP_SINCE = '9999-12-31T23:59:59.999Z';

/**
 * The mark a re-queue leaves: its time, and how many re-queues the notice has had (`…Z#r2`). It
 * sorts with the plain times of the index (the suffix only orders equal instants), and a commit
 * that stores effects (a transfer) marks the case with a plain time: the count starts over.
 */
export function requeueMark(at: Date, requeues: number): string {
  return `${at.toISOString()}#r${requeues}`;
}

/** The re-queues a case's mark records (0 for a plain time). */
export function noticeRequeuesOf(since: string): number {
  const n = /#r(\d+)$/.exec(since)?.[1];
  return n ? Number(n) : 0;
}

export async function sweepPendingEffects(
  rawDeps: LifecycleDeps,
  options: { queue?: AssignmentQueue; limit?: number } = {},
): Promise<EffectSweepResult> {
  const deps = resolveDeps(rawDeps);
  const now = deps.clock.now();
  const before = new Date(now.getTime() - EFFECT_CLAIM_MS).toISOString();
  const noticeBefore = new Date(now.getTime() - NOTICE_GRACE_MS).toISOString();
  const marked = await deps.cases.listWithPendingEffects(before, options.limit ?? EFFECT_SWEEP_LIMIT);
  const oldest = marked.reduce((min, { since }) => {
    // A re-queue's mark carries its count after the time (requeueMark): the time is what ages.
    const at = Date.parse(since.split('#')[0] ?? since);
    return Number.isFinite(at) ? Math.min(min, at) : min;
  }, now.getTime());
  const result: EffectSweepResult = {
    examined: marked.length,
    resumed: [],
    requeued: [],
    givenUp: [],
    failed: [],
    oldestPendingSeconds: Math.max(0, Math.round((now.getTime() - oldest) / 1000)),
  };
  for (const { caseId, since } of marked) {
    // Usually all settled by the run that committed them: one conditional write, no read.
    if (await deps.cases.unmarkSettled(caseId)) continue;
    const c = await deps.cases.get(caseId, EFFECT_TEXTS);
    if (!c) continue;
    if (c.status === 'ASSIGNED' && !c.analystNotifiedAt && c.protocol && options.queue && since < noticeBefore) {
      const requeues = noticeRequeuesOf(since);
      if (requeues >= MAX_NOTICE_REQUEUES) {
        try {
          await tellSupervisorsNoticeUndeliverable(deps, c);
        } catch {
          result.failed.push(caseId);
          continue;
        }
        await deps.cases.remark(caseId, GIVEN_UP_SINCE);
        result.givenUp.push(caseId);
      } else {
        // Moved first: a crash after the send costs one more notice check, never a burst of them.
        await deps.cases.remark(caseId, requeueMark(now, requeues + 1));
        await options.queue.enqueue({ caseId, protocol: c.protocol });
        result.requeued.push(caseId);
      }
    }
    if (Object.keys(c.pendingEffects ?? {}).length === 0) continue;
    try {
      await carryOutEffects(deps, c);
    } catch {
      result.failed.push(caseId);
      continue;
    }
    result.resumed.push(caseId);
    await deps.cases.unmarkSettled(caseId);
  }
  return result;
}
