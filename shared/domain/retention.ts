/**
 * LGPD retention (SPEC "Reports and personal data"): when the items of a submission may be deleted.
 * Pure: the adapters write the answer as the DynamoDB TTL attribute (`expiresAt`, epoch seconds) and
 * tag the raw mail; DynamoDB TTL and the S3 lifecycle rule do the deleting.
 *
 * - REDIRECTED / QUARANTINED (not cases): `redirectRetentionDays` after the submission arrived.
 * - CLOSED: `retentionDays` after closing.
 * - Any open status (QUEUED, ASSIGNED, IN_PROGRESS, WAITING_MERCHANT): no expiry — a reopened case
 *   loses the one its closing set.
 */
import type { OuvidoriaConfig } from './config';
import type { WorkStatus } from './lifecycle/types';
import type { ObjectLocation } from './submission';

export const DAY_SECONDS = 24 * 3600;

export interface RetentionSettings {
  retentionDays: number;
  redirectRetentionDays: number;
}

/** The defaults of `config.retention`, for adapters built without a configuration. */
export const DEFAULT_RETENTION: RetentionSettings = { retentionDays: 1826, redirectRetentionDays: 180 };

export function retentionOf(config: Pick<OuvidoriaConfig, 'retention'> | undefined): RetentionSettings {
  return config?.retention ?? DEFAULT_RETENTION;
}

/**
 * Expiry (epoch seconds) of the items of a record in `status`, or null when it must be kept.
 * `since` is when the clock starts: the submission's arrival for REDIRECTED/QUARANTINED, the
 * closing instant for CLOSED. An invalid instant gives null (never delete on bad data).
 */
export function retentionExpiry(status: WorkStatus, since: string | Date, settings: RetentionSettings): number | null {
  const days =
    status === 'CLOSED'
      ? settings.retentionDays
      : status === 'REDIRECTED' || status === 'QUARANTINED'
        ? settings.redirectRetentionDays
        : null;
  if (days === null) return null;
  const ms = typeof since === 'string' ? Date.parse(since) : since.getTime();
  if (!Number.isFinite(ms)) return null;
  return Math.floor(ms / 1000) + days * DAY_SECONDS;
}

/** The LGPD expiry of a case in the state held (a closed case from its closing, a redirected one from its creation), null while it is kept. */
export function caseExpiry(
  record: { status: WorkStatus; createdAt: string; closedAt?: string | undefined },
  settings: RetentionSettings,
): number | null {
  const since = record.status === 'CLOSED' ? record.closedAt : record.createdAt;
  return since ? retentionExpiry(record.status, since, settings) : null;
}

/**
 * Whether a case is past its retention at `now`. DynamoDB's TTL deletes the item lazily (days later):
 * until then every reader that shows, mails or adds to it treats it as gone.
 */
export function pastRetention(
  record: { status: WorkStatus; createdAt: string; closedAt?: string | undefined },
  now: Date,
  settings: RetentionSettings,
): boolean {
  const expiry = caseExpiry(record, settings);
  return expiry !== null && expiry * 1000 <= now.getTime();
}

/** S3 object tag put on the raw mail of a closed case; the bucket's lifecycle rule expires by it. */
export const RAW_MAIL_RETENTION_TAG = {
  key: 'ouvidoria-retention',
  closedCase: 'closed-case',
  redirected: 'redirected',
} as const;

/**
 * Every raw mail a case keeps (its messages', and those of staff mails of commands only, which the
 * history records): what its closing tags and its reopening untags. Each once.
 */
export function rawMailOf(c: {
  messages: readonly { raw?: ObjectLocation | undefined }[];
  history?: readonly { raw?: ObjectLocation | undefined; type?: string }[] | undefined;
}): ObjectLocation[] {
  // A refused staff mail's raw mail expires as a set-aside mail (redirected) whatever the case does.
  return rawMailNamedBy({ messages: c.messages, history: c.history?.filter((event) => event?.type !== 'refused') });
}

/** Every raw mail a case names, a refused staff mail's too: what an erasure deletes. */
export function rawMailNamedBy(c: {
  messages: readonly { raw?: ObjectLocation | undefined }[];
  history?: readonly { raw?: ObjectLocation | undefined }[] | undefined;
}): ObjectLocation[] {
  const seen = new Map<string, ObjectLocation>();
  for (const holder of [...c.messages, ...(c.history ?? [])]) {
    if (holder?.raw) seen.set(`${holder.raw.bucket}/${holder.raw.key}`, holder.raw);
  }
  return [...seen.values()];
}
