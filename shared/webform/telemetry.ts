/** Webform metrics (EMF). Names are read by the CDK dashboard and alarms: change them together. */
import type { Outcome } from '../domain/outcome';
import { METRIC } from '../telemetry-names';
import type { RejectReason } from './submit';

export const WEBFORM_METRIC = {
  submission: METRIC.webformSubmission,
  rejected: METRIC.webformRejected,
  failed: METRIC.webformFailed,
} as const;

export interface WebformTelemetry {
  submitted(outcome: Outcome, duplicate: boolean): void;
  rejected(reason: RejectReason | 'bad_event'): void;
  failed(): void;
}

/** One EMF document with its own dimensions (structural: what Powertools' singleMetric() returns). */
export interface WebformSingleMetric {
  addDimension(name: string, value: string): void;
  addMetric(name: string, unit: 'Count', value: number): void;
}

/**
 * The metrics this module writes (structural: the Powertools Metrics fits, created in the Lambda
 * handler; shared/webform imports no AWS package).
 */
export interface WebformMetrics {
  singleMetric(): WebformSingleMetric;
  addMetric(name: string, unit: 'Count', value: number): void;
  hasStoredMetrics(): boolean;
  publishStoredMetrics(): void;
}

export function webformTelemetry(metrics: WebformMetrics): WebformTelemetry {
  const count = (name: string, dimensions: Record<string, string>) => {
    const single = metrics.singleMetric();
    for (const [key, value] of Object.entries(dimensions)) single.addDimension(key, value);
    single.addMetric(name, 'Count', 1);
  };
  return {
    submitted: (outcome, duplicate) => count(WEBFORM_METRIC.submission, { outcome, duplicate: String(duplicate) }),
    rejected: (reason) => count(WEBFORM_METRIC.rejected, { reason }),
    failed: () => count(WEBFORM_METRIC.failed, {}),
  };
}
