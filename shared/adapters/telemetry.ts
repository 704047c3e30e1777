import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { IntakeTelemetry } from '../app/intake';

import { METRIC, METRICS_NAMESPACE } from '../telemetry-names';

export { METRIC, METRICS_NAMESPACE };

export function createLogger(serviceName: string): Logger {
  return new Logger({ serviceName });
}

export function createMetrics(serviceName: string): Metrics {
  return new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? METRICS_NAMESPACE, serviceName });
}

/** Counts per outcome (dimension `outcome`) and per suppression reason, as EMF. */
export function intakeTelemetry(metrics: Metrics): IntakeTelemetry {
  return {
    decided(outcome, channel) {
      const single = metrics.singleMetric();
      single.addDimension('outcome', outcome);
      single.addDimension('channel', channel);
      single.addMetric(METRIC.submissions, MetricUnit.Count, 1);
      if (outcome === 'QUARANTINED') metrics.addMetric(METRIC.quarantinedMail, MetricUnit.Count, 1);
    },
    replySuppressed(reason) {
      const single = metrics.singleMetric();
      single.addDimension('reason', reason);
      single.addMetric(METRIC.autoReplySuppressed, MetricUnit.Count, 1);
    },
    followUp(kind) {
      const single = metrics.singleMetric();
      single.addDimension('kind', kind);
      single.addMetric(METRIC.followUps, MetricUnit.Count, 1);
    },
  };
}
