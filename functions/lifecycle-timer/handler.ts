/**
 * Lifecycle timers (SPEC step 9): a one-time EventBridge Scheduler schedule invokes this function
 * with `{ kind, caseId, dueAt }` before the due date (reminder to the analyst) and at it (alert to
 * the supervisors, `OverdueCases`). A timer whose case closed or whose due date moved does nothing.
 * A thrown error makes Scheduler retry, then send the event to the scheduler DLQ (alarmed).
 */
import { startTracing } from '../../shared/adapters/tracing';
import * as z from 'zod/mini';
import { createLogger, createMetrics, lifecycleTelemetry } from '../../shared/adapters/telemetry';
import type { LifecycleDeps } from '../../shared/app/lifecycle/commit';
import { onTimer, type TimerResult } from '../../shared/app/lifecycle/timers';
import { buildLifecycleDeps } from '../../shared/composition/lifecycle';
import { settingsFromEnv } from '../../shared/composition/settings';
import { SERVICE } from '../../shared/telemetry-names';

export const TimerEventSchema = z.object({
  kind: z.enum(['reminder', 'escalation']),
  caseId: z.string().check(z.minLength(1), z.maxLength(400)),
  dueAt: z.iso.datetime({ offset: true }),
});

export function createLifecycleTimerHandler(resolveDeps: () => Promise<LifecycleDeps>) {
  return async (event: unknown): Promise<TimerResult> => {
    const deps = await resolveDeps();
    return onTimer(TimerEventSchema.parse(event), deps);
  };
}

let built: Promise<LifecycleDeps> | undefined;
const logger = createLogger(SERVICE.lifecycleTimer);
const metrics = createMetrics(SERVICE.lifecycleTimer);

export const handler = async (event: unknown): Promise<TimerResult> => {
  built ??= startTracing(SERVICE.lifecycleTimer)
    .then(() => buildLifecycleDeps(settingsFromEnv(), { telemetry: lifecycleTelemetry(metrics, logger) }))
    .catch((error: unknown) => {
      built = undefined;
      throw error;
    });
  try {
    const result = await createLifecycleTimerHandler(() => built as Promise<LifecycleDeps>)(event);
    logger.info('Lifecycle timer handled', { result: result.kind });
    return result;
  } finally {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  }
};
