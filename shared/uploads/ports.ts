/** The uploads bucket as the webform and the scan-result function see it. */
import type { ScanStatus, UploadState } from '../domain/uploads/plan';
import type { PresignedPost } from './post-policy';

export interface StoredUpload {
  key: string;
  size: number;
  /** The sanitised name we issued (from the name tag). */
  filename?: string | undefined;
  /** Object tags (GuardDuty's scan status, our state, the case). */
  tags: Record<string, string>;
}

export interface UploadStore {
  /** Origin the browser posts files to (the page's CSP connect-src); undefined when it is the page's own. */
  readonly origin?: string | undefined;
  /** A presigned POST for exactly this key, type, size and name; the object is created tagged `pending`. */
  presign(
    key: string,
    file: { contentType: string; size: number; filename: string },
    now: Date,
    expiresInSeconds: number,
  ): Promise<PresignedPost>;
  /** Stores bytes received by the webform itself (no JavaScript), tagged `pending` like a POST upload. */
  put(key: string, bytes: Uint8Array, file: { contentType: string; filename: string }): Promise<void>;
  /** Objects under a prefix, with their tags. */
  list(prefix: string): Promise<StoredUpload[]>;
  tags(key: string): Promise<Record<string, string>>;
  /** The bytes of a file the scanner found clean; anything else is refused (tag-based access). */
  readClean(key: string): Promise<Buffer>;
  /** Sets our state tag (and the case id), keeping the scanner's tag. */
  setState(key: string, state: UploadState, caseId?: string): Promise<void>;
}

export function scanStatusOf(tags: Record<string, string>): ScanStatus {
  const value = tags['GuardDutyMalwareScanStatus'];
  const known = ['NO_THREATS_FOUND', 'THREATS_FOUND', 'UNSUPPORTED', 'ACCESS_DENIED', 'FAILED'] as const;
  return (known as readonly string[]).includes(value ?? '') ? (value as ScanStatus) : 'PENDING';
}

/** Environment variable naming the uploads bucket (set by infra/constructs/uploads.ts). */
export const UPLOADS_BUCKET_ENV = 'UPLOADS_BUCKET';

/** The case's record of one file: its scan result (and, once clean, its proved type and name). */
export interface AttachmentScanRecorder {
  /** `missing`: no such case or file; `unchanged`: that result was already recorded (a redelivery). */
  recordScan(
    caseId: string,
    key: string,
    update: {
      scan: NonNullable<import('../domain/submission').AttachmentMeta['scan']>;
      filename?: string;
      contentType?: string;
    },
  ): Promise<'recorded' | 'unchanged' | 'missing'>;
}
