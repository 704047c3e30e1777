/**
 * Daily safety-net sweep (EventBridge Scheduler → this function): re-queues cases stuck in QUEUED past
 * the next opening (shared/app/requeue-stale.ts) and counts them as the StaleCasesRequeued metric.
 * The event carries nothing we need; a failed send fails the invocation so Scheduler's retry runs it again.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { createLogger, createMetrics } from '../../shared/adapters/telemetry';
import { type RequeueStaleDeps, type RequeueStaleResult, requeueStaleCases } from '../../shared/app/requeue-stale';
import { buildRequeueStaleDeps } from '../../shared/composition/requeue-stale';
import { settingsFromEnv } from '../../shared/composition/settings';
import { METRIC, SERVICE } from '../../shared/telemetry-names';

export interface RequeueStaleMetrics {
  addMetric(name: string, unit: (typeof MetricUnit)[keyof typeof MetricUnit], value: number): unknown;
  publishStoredMetrics(): unknown;
}

export interface RequeueStaleHandlerDeps extends RequeueStaleDeps {
  logger?: Pick<Logger, 'info' | 'warn'>;
  metrics?: RequeueStaleMetrics;
}

export function createRequeueStaleHandler(deps: RequeueStaleHandlerDeps): () => Promise<RequeueStaleResult> {
  const logger = deps.logger ?? createLogger(SERVICE.requeueStale);
  const metrics = deps.metrics ?? createMetrics(SERVICE.requeueStale);
  return async () => {
    const result = await requeueStaleCases(deps);
    // Always published, zero included: the alarm and the dashboard see the sweep ran.
    metrics.addMetric(METRIC.staleCasesRequeued, MetricUnit.Count, result.requeued.length);
    metrics.publishStoredMetrics();
    // Case ids only: nothing personal in the logs.
    const summary = { examined: result.examined, requeued: result.requeued, failed: result.failed };
    if (result.requeued.length > 0 || result.failed.length > 0) logger.warn('Stale QUEUED cases re-queued', summary);
    else logger.info('No stale QUEUED case', { examined: result.examined });
    if (result.failed.length > 0) throw new Error(`${result.failed.length} stale case(s) could not be re-queued`);
    return result;
  };
}

export function depsFromEnv(env: NodeJS.ProcessEnv = process.env): RequeueStaleHandlerDeps {
  return buildRequeueStaleDeps(settingsFromEnv(env));
}

let cached: (() => Promise<RequeueStaleResult>) | undefined;

export const handler = async (): Promise<RequeueStaleResult> => {
  cached ??= createRequeueStaleHandler(depsFromEnv());
  return cached();
};
