/**
 * The dead-letter queues' watch (EventBridge Scheduler → this function, every DLQ_WATCH_MINUTES):
 * counts each DLQ with GetQueueAttributes (no message is received, nor read) and publishes how long
 * each has held one (METRIC.dlqOldestMessageSeconds, dimension `queue`). The <Dlq>MessageExpiring
 * alarms read it, not SQS's ApproximateAgeOfOldestMessage: SQS publishes a queue's metrics only while
 * it is active, and a DLQ nobody touches holds its message silently until it deletes it unread.
 * A queue it could not count publishes nothing (its alarm pages on the missing data, as when this
 * function stops); the run itself succeeds, so one SQS blip does not page twice.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { createLogger, createMetrics } from '../../shared/adapters/telemetry';
import { startTracing } from '../../shared/adapters/tracing';
import { type DlqWatchResult, watchDeadLetterQueues } from '../../shared/app/dlq-watch';
import { buildDlqWatch, type DlqWatch } from '../../shared/composition/dlq-watch';
import { METRIC, SERVICE } from '../../shared/telemetry-names';

export interface DlqWatchHandlerDeps extends DlqWatch {
  logger?: Pick<Logger, 'info' | 'warn'>;
  metrics?: Pick<Metrics, 'singleMetric'>;
}

/** One datapoint per measured queue (dimension `queue`): what the <Dlq>MessageExpiring alarms read. */
export function publishDlqAges(metrics: Pick<Metrics, 'singleMetric'>, watched: DlqWatchResult): void {
  for (const { name, oldestAgeSeconds } of watched.measured) {
    const single = metrics.singleMetric();
    single.addDimension('queue', name);
    single.addMetric(METRIC.dlqOldestMessageSeconds, MetricUnit.Seconds, oldestAgeSeconds);
  }
}

export function createDlqWatchHandler(deps: DlqWatchHandlerDeps): () => Promise<DlqWatchResult> {
  const logger = deps.logger ?? createLogger(SERVICE.dlqWatch);
  const metrics = deps.metrics ?? createMetrics(SERVICE.dlqWatch);
  return async () => {
    const watched = await watchDeadLetterQueues(deps.deps, deps.queues);
    publishDlqAges(metrics, watched);
    // Queue names and counts only: a DLQ's messages are never read, so nothing personal is logged.
    const holding = watched.measured.filter((m) => m.messages > 0);
    if (watched.failed.length > 0) logger.warn('Dead-letter queues not measured', { failed: watched.failed });
    if (holding.length > 0) logger.warn('Dead-letter queues holding messages', { holding });
    else logger.info('Dead-letter queues empty', { measured: watched.measured.length });
    return watched;
  };
}

let cached: (() => Promise<DlqWatchResult>) | undefined;

export const handler = async (): Promise<DlqWatchResult> => {
  await startTracing(SERVICE.dlqWatch);
  cached ??= createDlqWatchHandler(buildDlqWatch());
  return cached();
};
