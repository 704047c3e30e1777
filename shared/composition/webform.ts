/** The webform function's dependencies: the intake's, plus the per-IP rate limiter and the uploads bucket. */
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoRateLimiter } from '../adapters/dynamo/rate-limiter';
import { uploadStoreFromEnv } from '../adapters/uploads-from-env';
import type { UploadStore } from '../uploads/ports';
import { WEBFORM_REPLY_CLAIM, type WebformDeps } from '../webform/submit';
import { tableClient } from './clients';
import { buildIntakeDeps, type IntakeOverrides } from './intake';
import { uploadRetentionFrom } from './lifecycle';
import type { Settings } from './settings';

export function buildWebformDeps(
  settings: Settings,
  overrides: IntakeOverrides & { uploads?: UploadStore } = {},
): WebformDeps {
  const client = overrides.client ?? tableClient(settings);
  const { uploads, ...intake } = overrides;
  // The files of a redirected submission expire on its clock (LGPD); none on the local stack.
  const uploadRetention = uploadRetentionFrom(settings);
  return {
    ...buildIntakeDeps(settings, { ...intake, client }),
    ...(uploadRetention ? { uploadRetention } : {}),
    rateLimiter: new DynamoRateLimiter(client, settings.tableName),
    replyClaimWait: { ...WEBFORM_REPLY_CLAIM, sleep: (ms) => sleep(ms) },
    uploads: uploads ?? uploadStoreFromEnv(),
  };
}
