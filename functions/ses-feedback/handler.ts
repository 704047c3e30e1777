/**
 * SES sending feedback: the configuration set publishes bounce and complaint events to SNS,
 * which invokes this function. A permanent bounce or a complaint puts the address in the
 * bounce memory, so it gets no automatic mail for config.autoReply.bounceSuppressionDays.
 * (SES's account-level suppression list also applies; this memory makes the decision visible
 * in our data and works the same on the local stack.)
 */
import { startTracing } from '../../shared/adapters/tracing';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { SnsEventSchema } from '../../shared/adapters/sns-event';
import { addressesToSuppress, SesFeedbackSchema } from '../../shared/adapters/ses-feedback-event';

export { addressesToSuppress, SesFeedbackSchema };
import { createLogger, createMetrics } from '../../shared/adapters/telemetry';
import { type BounceDeps, countSesBounces, suppressAddresses } from '../../shared/app/bounces';
import { buildFeedbackDeps } from '../../shared/composition/ses-feedback';
import { settingsFromEnv } from '../../shared/composition/settings';
import { maskEmail } from '../../shared/domain/mask';
import type { BounceCounter } from '../../shared/ports';
import { METRIC, SERVICE } from '../../shared/telemetry-names';

export interface SesFeedbackDeps extends Pick<BounceDeps, 'bounces' | 'clock' | 'config'> {
  /** The bounce breaker's count: permanent bounces of our mail (shared/domain/bounce-breaker.ts). */
  bounceCounter: BounceCounter;
  logger: Logger;
  metrics: Metrics;
}

export function createSesFeedbackHandler(resolveDeps: () => SesFeedbackDeps | Promise<SesFeedbackDeps>) {
  return async (event: unknown): Promise<{ suppressed: number }> => {
    const deps = await resolveDeps();
    const records = SnsEventSchema.parse(event).Records;
    let suppressed = 0;
    try {
      for (const record of records) {
        let body: unknown;
        try {
          body = JSON.parse(record.Sns.Message);
        } catch {
          deps.logger.warn('SNS message is not JSON; ignored', { snsMessageId: record.Sns.MessageId });
          continue;
        }
        const feedback = SesFeedbackSchema.safeParse(body);
        if (!feedback.success) {
          deps.logger.warn('not an SES feedback event; ignored', { snsMessageId: record.Sns.MessageId });
          continue;
        }
        const toSuppress = addressesToSuppress(feedback.data);
        for (const { address, reason } of toSuppress) {
          const done = await suppressAddresses([address], reason, deps);
          if (done.length > 0) deps.logger.info('address suppressed', { address: maskEmail(address), reason });
          suppressed += done.length;
        }
        await countSesBounces(
          {
            // SES names every mail it reports on; the SNS id (the same on a redelivery) if ever not.
            mailMessageId: feedback.data.mail?.messageId ?? record.Sns.MessageId,
            recipients: toSuppress.filter((s) => s.reason === 'ses-permanent-bounce').map((s) => s.address),
            ...(feedback.data.bounce?.timestamp === undefined ? {} : { bouncedAt: feedback.data.bounce.timestamp }),
          },
          deps,
        );
      }
      if (suppressed > 0) deps.metrics.addMetric(METRIC.bouncesRecorded, MetricUnit.Count, suppressed);
    } finally {
      if (deps.metrics.hasStoredMetrics()) deps.metrics.publishStoredMetrics();
    }
    return { suppressed };
  };
}

/** The Lambda entry point: adapters built from the environment on the first invocation. */
let productionDeps: Promise<SesFeedbackDeps> | undefined;
export const handler = createSesFeedbackHandler(() => {
  productionDeps ??= startTracing(SERVICE.sesFeedback).then(() => ({
    ...buildFeedbackDeps(settingsFromEnv()),
    logger: createLogger(SERVICE.sesFeedback),
    metrics: createMetrics(SERVICE.sesFeedback),
  }));
  return productionDeps;
});
