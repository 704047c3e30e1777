/** Webform metrics (EMF). Names are read by the CDK dashboard and alarms: change them together. */
import type { Outcome } from '../domain/outcome';
import { METRIC } from '../telemetry-names';
import type { RejectReason } from './submit';

export const WEBFORM_METRIC = {
  submission: METRIC.webformSubmission,
  rejected: METRIC.webformRejected,
  failed: METRIC.webformFailed,
  unscannedUploads: METRIC.uploadsClaimedUnscanned,
} as const;

export interface WebformTelemetry {
  submitted(outcome: Outcome, duplicate: boolean): void;
  /** Files a submission claimed before their scan result arrived (the result must follow within minutes). */
  claimedUnscanned(files: number): void;
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
  const count = (name: string, dimensions: Record<string, string>, value = 1) => {
    const single = metrics.singleMetric();
    for (const [key, dimension] of Object.entries(dimensions)) single.addDimension(key, dimension);
    single.addMetric(name, 'Count', value);
  };
  return {
    submitted: (outcome, duplicate) => count(WEBFORM_METRIC.submission, { outcome, duplicate: String(duplicate) }),
    rejected: (reason) => count(WEBFORM_METRIC.rejected, { reason }),
    failed: () => count(WEBFORM_METRIC.failed, {}),
    claimedUnscanned: (files) => count(WEBFORM_METRIC.unscannedUploads, {}, files),
  };
}
