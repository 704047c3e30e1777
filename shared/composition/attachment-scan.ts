/** The scan-result function's dependencies: the uploads bucket, the case table, SES. */
import { DynamoAttachmentScanStore } from '../adapters/dynamo/attachment-scan-store';
import { DynamoReplyThrottle } from '../adapters/dynamo/reply-throttle';
import { uploadStoreFromEnv } from '../adapters/uploads-from-env';
import type { AttachmentScanDeps } from '../app/attachment-scan';
import { systemClock } from '../ports';
import { UPLOADS_BUCKET_ENV } from '../uploads/ports';
import { mailerFrom, tableClient, tableStores } from './clients';
import { messageTextStoreFrom } from './message-texts';
import type { Settings } from './settings';

export function buildAttachmentScanDeps(
  settings: Settings,
  env: Record<string, string | undefined> = process.env,
): AttachmentScanDeps {
  const uploads = uploadStoreFromEnv(env);
  if (!uploads) throw new Error(`Setting missing: ${UPLOADS_BUCKET_ENV}`);
  const client = tableClient(settings);
  const stores = tableStores(client, settings.tableName, settings.config.retention, messageTextStoreFrom(settings));
  return {
    uploads,
    scans: new DynamoAttachmentScanStore(client, settings.tableName),
    cases: stores.cases,
    staff: stores.staff,
    mailer: mailerFrom(settings),
    throttle: new DynamoReplyThrottle(client, settings.tableName),
    clock: systemClock,
    config: settings.config,
  };
}
