/**
 * Lifecycle timers (SPEC step 9): a one-time EventBridge Scheduler schedule invokes this function
 * with `{ kind, caseId, dueAt }` before the due date (reminder to the analyst) and at it (alert to
 * the supervisors, `OverdueCases`). A timer whose case closed or whose due date moved does nothing.
 * The timers invoke its `timers` alias (TIMER_ALIAS): a thrown error makes Lambda retry twice, then
 * the alias's failure destination keeps the event in the scheduler DLQ (alarmed).
 *
 * A recurring schedule invokes it with `{ kind: 'sweep-effects' }`: the effects sweep
 * (shared/app/lifecycle/effect-sweep.ts) sends what a dead run committed and never sent. An effect
 * that fails again fails the run (the Errors alarm); the next run retries it.
 *
 * Another, `{ kind: 'send-held-replies' }`: the held-reply sweep (shared/app/held-replies.ts) sends
 * guidance the bounce breaker held, once it is clear. A reply whose send failed waits for the next run.
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { startTracing } from '../../shared/adapters/tracing';
import * as z from 'zod/mini';
import { createLogger, createMetrics, intakeTelemetry, lifecycleTelemetry } from '../../shared/adapters/telemetry';
import type { LifecycleDeps } from '../../shared/app/lifecycle/commit';
import { type EffectSweepResult, sweepPendingEffects } from '../../shared/app/lifecycle/effect-sweep';
import { EFFECT_SWEEP_EVENT, HELD_REPLY_SWEEP_EVENT, timerAliasArn } from '../../shared/runtime-env';
import { type HeldReplySweepDeps, type HeldReplySweepResult, sendHeldReplies } from '../../shared/app/held-replies';
import { buildHeldReplySweepDeps } from '../../shared/composition/held-replies';
import { onTimer, type TimerResult } from '../../shared/app/lifecycle/timers';
import { assignmentQueueFrom, buildLifecycleDeps } from '../../shared/composition/lifecycle';
import type { AssignmentQueue } from '../../shared/ports';
import { settingsFromEnv } from '../../shared/composition/settings';
import { METRIC, SERVICE } from '../../shared/telemetry-names';

export const TimerEventSchema = z.object({
  kind: z.enum(['reminder', 'escalation']),
  caseId: z.string().check(z.minLength(1), z.maxLength(400)),
  dueAt: z.iso.datetime({ offset: true }),
});

const SweepEventSchema = z.object({ kind: z.literal(EFFECT_SWEEP_EVENT.kind) });
const HeldSweepEventSchema = z.object({ kind: z.literal(HELD_REPLY_SWEEP_EVENT.kind) });

export type LifecycleTimerResult =
  | TimerResult
  | ({ kind: 'swept' } & EffectSweepResult)
  | ({ kind: 'held-replies' } & HeldReplySweepResult);

export class EffectsStillFailing extends Error {
  constructor(readonly caseIds: string[]) {
    super(`${caseIds.length} case(s) still have effects that fail: ${caseIds.join(', ')}`);
    this.name = 'EffectsStillFailing';
  }
}

export class HeldRepliesStillFailing extends Error {
  constructor(readonly caseIds: string[]) {
    super(`${caseIds.length} held repl(ies) failed to go: ${caseIds.join(', ')}`);
    this.name = 'HeldRepliesStillFailing';
  }
}

/**
 * `swept` hears every sweep run, a failing one included (before it throws): the handler publishes
 * how far behind the sweep is (METRIC.effectsOldestPendingSeconds), which the EffectSweepBehind and
 * EffectSweepStopped alarms read.
 */
export function createLifecycleTimerHandler(
  resolveDeps: () => Promise<LifecycleDeps>,
  queue?: AssignmentQueue,
  swept?: (result: EffectSweepResult) => void,
  resolveHeldDeps?: () => Promise<HeldReplySweepDeps>,
) {
  return async (event: unknown): Promise<LifecycleTimerResult> => {
    if (resolveHeldDeps && HeldSweepEventSchema.safeParse(event).success) {
      const result = await sendHeldReplies(await resolveHeldDeps());
      // A reply that threw fails the run (the Errors alarm); the next run retries it.
      if (result.failed.length > 0) throw new HeldRepliesStillFailing(result.failed);
      return { kind: 'held-replies', ...result };
    }
    const deps = await resolveDeps();
    if (SweepEventSchema.safeParse(event).success) {
      const result = await sweepPendingEffects(deps, queue ? { queue } : {});
      swept?.(result);
      if (result.failed.length > 0) throw new EffectsStillFailing(result.failed);
      return { kind: 'swept', ...result };
    }
    return onTimer(TimerEventSchema.parse(event), deps);
  };
}

let built: Promise<LifecycleDeps> | undefined;
let heldBuilt: HeldReplySweepDeps | undefined;
let queue: AssignmentQueue | undefined;
const logger = createLogger(SERVICE.lifecycleTimer);
const metrics = createMetrics(SERVICE.lifecycleTimer);

export const handler = async (
  event: unknown,
  context?: Pick<Context, 'invokedFunctionArn'>,
): Promise<LifecycleTimerResult> => {
  // Timers this function arms (a swept extension or reopening) target its timer alias: named from the
  // invocation's ARN, as the stack cannot name a function in its own environment.
  const settings = settingsFromEnv();
  const invoked = context?.invokedFunctionArn;
  const self = settings.timerTargetArn ?? (invoked ? timerAliasArn(invoked) : undefined);
  // Built on first use: the held-reply sweep's runs need none of the lifecycle (its reply secret).
  const lifecycleDeps = () =>
    (built ??= startTracing(SERVICE.lifecycleTimer)
      .then(() =>
        buildLifecycleDeps(self ? { ...settings, timerTargetArn: self } : settings, {
          telemetry: lifecycleTelemetry(metrics, logger),
        }),
      )
      .catch((error: unknown) => {
        built = undefined;
        throw error;
      }));
  try {
    queue ??= assignmentQueueFrom(settings);
    const result = await createLifecycleTimerHandler(
      lifecycleDeps,
      queue,
      ({ oldestPendingSeconds }) =>
        metrics.addMetric(METRIC.effectsOldestPendingSeconds, MetricUnit.Seconds, oldestPendingSeconds),
      async () => {
        await startTracing(SERVICE.lifecycleTimer);
        heldBuilt ??= buildHeldReplySweepDeps(settings, { telemetry: intakeTelemetry(metrics) });
        return heldBuilt;
      },
    )(event);
    // Case ids only: nothing personal in the logs.
    if (result.kind === 'swept') logger.info('Pending effects swept', { ...result });
    else if (result.kind === 'held-replies') logger.info('Held replies swept', { ...result });
    else logger.info('Lifecycle timer handled', { result: result.kind });
    return result;
  } finally {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  }
};
