/**
 * The uploads bucket as the webform and the scan-result function see it. The interfaces live in
 * shared/ports.ts (the application services depend on them); re-exported here for the adapters.
 */
import { ENV } from '../runtime-env';
import type { ScanStatus } from '../domain/uploads/plan';

export type { AttachmentScanRecorder, PresignedPost, StoredUpload, UploadStore } from '../ports';

export function scanStatusOf(tags: Record<string, string>): ScanStatus {
  const value = tags['GuardDutyMalwareScanStatus'];
  const known = ['NO_THREATS_FOUND', 'THREATS_FOUND', 'UNSUPPORTED', 'ACCESS_DENIED', 'FAILED'] as const;
  return (known as readonly string[]).includes(value ?? '') ? (value as ScanStatus) : 'PENDING';
}

/** Environment variable naming the uploads bucket (set by infra/constructs/uploads.ts). */
export const UPLOADS_BUCKET_ENV = ENV.uploadsBucket;
