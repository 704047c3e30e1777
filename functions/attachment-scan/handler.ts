/**
 * GuardDuty Malware Protection for S3 → EventBridge → this function: records a webform upload's
 * scan result on its case (shared/app/attachment-scan.ts). A failure throws: EventBridge invokes
 * asynchronously, so Lambda retries, then its on-failure destination keeps the event in the scan
 * results dead-letter queue (the rule's own, which also takes the events EventBridge could not deliver).
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import * as z from 'zod/mini';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { createLogger, createMetrics, METRIC } from '../../shared/adapters/telemetry';
import { SERVICE } from '../../shared/telemetry-names';
import { type AttachmentScanDeps, recordScanResult, type ScanOutcome } from '../../shared/app/attachment-scan';
import { SCAN_STATUSES, SCANNER_FAULT_STATUSES, type ScanStatus } from '../../shared/domain/uploads/plan';
import { buildAttachmentScanDeps } from '../../shared/composition/attachment-scan';
import { settingsFromEnv } from '../../shared/composition/settings';

export const ScanResultEventSchema = z.object({
  'detail-type': z.literal('GuardDuty Malware Protection Object Scan Result'),
  detail: z.object({
    s3ObjectDetails: z.object({
      bucketName: z.string(),
      objectKey: z.string(),
      eTag: z.optional(z.string()),
      // The scanned version (null when the bucket keeps none).
      versionId: z.optional(z.nullable(z.string())),
    }),
    scanResultDetails: z.object({ scanResultStatus: z.enum(SCAN_STATUSES) }),
  }),
});

export function createAttachmentScanHandler(
  deps: AttachmentScanDeps & {
    logger?: Logger;
    /** Hears a result that says the scanner is broken (the handler counts it for the AntivirusFailing alarm). */
    scannerFault?: (status: ScanStatus) => void;
    /** Hears every scan result, any status (counted against the webform's unscanned claims: AntivirusSilent). */
    scanResult?: (status: ScanStatus) => void;
  },
) {
  const logger = deps.logger ?? createLogger(SERVICE.attachmentScan);
  return async (raw: unknown): Promise<ScanOutcome | { kind: 'ignored'; reason: 'bad-event' }> => {
    const parsed = ScanResultEventSchema.safeParse(raw);
    if (!parsed.success) {
      logger.warn('Not a GuardDuty object scan result', {
        issues: parsed.error.issues.slice(0, 3).map((i) => i.path.join('.')),
      });
      return { kind: 'ignored', reason: 'bad-event' };
    }
    const { s3ObjectDetails, scanResultDetails } = parsed.data.detail;
    // Any result proves the scanner still answers, claimed file or not, whatever the case update does.
    deps.scanResult?.(scanResultDetails.scanResultStatus);
    if (SCANNER_FAULT_STATUSES.includes(scanResultDetails.scanResultStatus)) {
      // Before the case is touched: a broken scanner pages even for a file no submission claimed yet.
      deps.scannerFault?.(scanResultDetails.scanResultStatus);
      logger.error('Antivirus could not scan an upload', {
        key: s3ObjectDetails.objectKey,
        status: scanResultDetails.scanResultStatus,
      });
    }
    const outcome = await recordScanResult(
      s3ObjectDetails.objectKey,
      scanResultDetails.scanResultStatus,
      deps,
      s3ObjectDetails.eTag,
      s3ObjectDetails.versionId ?? undefined,
    );
    logger.info('Upload scan result', {
      key: s3ObjectDetails.objectKey,
      status: scanResultDetails.scanResultStatus,
      outcome,
    });
    return outcome;
  };
}

let built: ReturnType<typeof createAttachmentScanHandler> | undefined;

/**
 * Lambda entry point; the dependencies are built from the environment on first use. The
 * composition is imported statically: a dynamic import() inside one esbuild bundle wraps what it
 * reaches in lazy initialisers that keep every import, so the SDK clients stop tree-shaking (as in
 * the webform handler).
 */
const metrics = createMetrics(SERVICE.attachmentScan);

export const handler = async (event: unknown) => {
  built ??= createAttachmentScanHandler({
    ...buildAttachmentScanDeps(settingsFromEnv()),
    scannerFault: (status) => {
      const single = metrics.singleMetric();
      single.addDimension('status', status);
      single.addMetric(METRIC.uploadScanFailed, MetricUnit.Count, 1);
    },
    scanResult: () => metrics.addMetric(METRIC.uploadScanResults, MetricUnit.Count, 1),
  });
  try {
    return await built(event);
  } finally {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  }
};
