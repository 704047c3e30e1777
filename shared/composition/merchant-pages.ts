/**
 * Dependencies of the merchant's signed-link pages (survey, status page) in the webform function:
 * the case store (read by protocol), the survey answers, the used status-link nonces, the per-IP
 * counter, the mailer and the link-signing secret (the lifecycle's reply secret).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoBounceRegistry } from '../adapters/dynamo/bounce-registry';
import { DynamoCaseWorkStore } from '../adapters/dynamo/case-work-store';
import { DynamoRateLimiter } from '../adapters/dynamo/rate-limiter';
import { DynamoStatusLinkStore } from '../adapters/dynamo/status-link-store';
import { DynamoSurveyStore } from '../adapters/dynamo/survey-store';
import type { ReplySecret } from '../domain/lifecycle/reply-address';
import type { Clock, Mailer } from '../ports';
import type { LifecycleDeps } from '../app/lifecycle/commit';
import { lazy } from '../webform/dispatch';
import type { MerchantPagesDeps } from '../webform/merchant-http';
import { clockFrom, mailerFrom, tableClient, tableStores } from './clients';
import { messageTextStoreFrom } from './message-texts';
import { buildLifecycleDeps, loadReplySecret } from './lifecycle';
import type { Settings } from './settings';

export interface MerchantPagesOverrides {
  client?: DynamoDBDocumentClient;
  clock?: Clock;
  mailer?: Mailer;
  secret?: ReplySecret;
  minStatusRequestMs?: number;
  /** The stack's one lifecycle (its local timers and roster). */
  lifecycle?: LifecycleDeps;
}

export async function buildMerchantPagesDeps(
  settings: Settings,
  overrides: MerchantPagesOverrides = {},
): Promise<MerchantPagesDeps> {
  const client = overrides.client ?? tableClient(settings);
  const { tableName, config } = settings;
  const clock = overrides.clock ?? clockFrom(settings);
  const mailer = overrides.mailer ?? mailerFrom(settings);
  const secret = overrides.secret ?? (await loadReplySecret(settings));
  const { lifecycle } = overrides;
  return {
    cases: new DynamoCaseWorkStore({
      client,
      tableName,
      retention: config.retention,
      repository: tableStores(client, tableName, config.retention, messageTextStoreFrom(settings)).cases,
    }),
    // The only place answers are recorded: they expire on the office's retention (LGPD), as the case does.
    surveys: new DynamoSurveyStore(client, tableName, config.retention),
    statusLinks: new DynamoStatusLinkStore(client, tableName),
    rateLimiter: new DynamoRateLimiter(client, tableName),
    bounces: new DynamoBounceRegistry(client, tableName),
    mailer,
    clock,
    config,
    secret,
    // A survey answer goes on its case (history, a low score's notice): built on the first answer.
    lifecycle: lifecycle
      ? async () => lifecycle
      : lazy(() => buildLifecycleDeps(settings, { client, clock, mailer, secret })),
    ...(overrides.minStatusRequestMs !== undefined ? { minStatusRequestMs: overrides.minStatusRequestMs } : {}),
  };
}
