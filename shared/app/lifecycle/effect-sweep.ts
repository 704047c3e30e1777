/**
 * The safety net of the outbox (effects.ts): a scheduled sweep that completes the effects a run
 * committed and never carried out — a console action whose Lambda died between the case write and
 * the mail, a staff mail or timer whose platform retries all came while the dead runner's claim still
 * held (they skip a claimed effect and succeed), a merchant reply no one re-sends. Without it such a
 * mail waits until someone posts the form again. It lists only marked cases whose effects are older
 * than a claim (a live runner is done or dead by then), carries out what is still pending through
 * the same code (claims: never twice, even next to a retry or another sweep), and unmarks a case once
 * nothing is pending.
 */
import { type LifecycleDeps, resolveDeps } from './commit';
import { carryOutEffects, EFFECT_CLAIM_MS } from './effects';

export interface EffectSweepResult {
  /** Marked cases older than a claim. */
  examined: number;
  /** Cases whose pending effects the sweep carried out (or found being carried out). */
  resumed: string[];
  /** Cases with an effect that failed again (kept marked: the next run retries it). */
  failed: string[];
}

/** At most this many marked cases per run (oldest first); a longer backlog continues next run. */
export const EFFECT_SWEEP_LIMIT = 200;

export async function sweepPendingEffects(
  rawDeps: LifecycleDeps,
  limit = EFFECT_SWEEP_LIMIT,
): Promise<EffectSweepResult> {
  const deps = resolveDeps(rawDeps);
  const before = new Date(deps.clock.now().getTime() - EFFECT_CLAIM_MS).toISOString();
  const marked = await deps.cases.listWithPendingEffects(before, limit);
  const result: EffectSweepResult = { examined: marked.length, resumed: [], failed: [] };
  for (const caseId of marked) {
    // Usually all settled by the run that committed them: one conditional write, no read.
    if (await deps.cases.unmarkSettled(caseId)) continue;
    const c = await deps.cases.get(caseId);
    if (!c) continue;
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
