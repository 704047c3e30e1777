/**
 * The webform function's dependencies: the intake's, plus the per-IP rate limiter, the uploads bucket,
 * and the pending submissions with the link secret of the confirmation step.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { SQSClient } from '@aws-sdk/client-sqs';
import { traced } from '../adapters/tracing';
import { DynamoPendingSubmissionStore } from '../adapters/dynamo/pending-submission-store';
import { DynamoRateLimiter } from '../adapters/dynamo/rate-limiter';
import { SqsConfirmationMails } from '../adapters/sqs-confirmation-mails';
import type { ConfirmationMailRequests } from '../ports';
import { uploadStoreFromEnv } from '../adapters/uploads-from-env';
import type { UploadStore } from '../uploads/ports';
import { WEBFORM_REPLY_CLAIM, WEBFORM_TICKET_HOLDER_WAIT, type WebformDeps } from '../webform/submit';
import { tableClient } from './clients';
import { buildIntakeDeps, type IntakeOverrides } from './intake';
import { buildLifecycleDeps, loadReplySecret, uploadRetentionFrom } from './lifecycle';
import { handleMerchantReply } from '../app/lifecycle/merchant-reply';
import type { ReplySecret } from '../domain/lifecycle/reply-address';
import { lazy } from '../webform/dispatch';
import { must, type Settings } from './settings';

export function buildWebformDeps(
  settings: Settings,
  overrides: IntakeOverrides & {
    uploads?: UploadStore;
    linkSecret?: ReplySecret;
    confirmMails?: ConfirmationMailRequests;
    caseLifecycle?: WebformDeps['caseLifecycle'];
  } = {},
): WebformDeps {
  const client = overrides.client ?? tableClient(settings);
  const { uploads, linkSecret, confirmMails, caseLifecycle, ...intake } = overrides;
  // The files of a redirected submission expire on its clock (LGPD); none on the local stack.
  const uploadRetention = uploadRetentionFrom(settings);
  return {
    ...buildIntakeDeps(settings, { ...intake, client }),
    ...(uploadRetention ? { uploadRetention } : {}),
    rateLimiter: new DynamoRateLimiter(client, settings.tableName),
    replyClaimWait: { ...WEBFORM_REPLY_CLAIM, sleep: (ms) => sleep(ms) },
    ticketHolderWait: { ...WEBFORM_TICKET_HOLDER_WAIT, sleep: (ms) => sleep(ms) },
    uploads: uploads ?? uploadStoreFromEnv(),
    // Posts that cite a ticket wait for their confirmation link, signed with the office's link
    // secret (the lifecycle's reply secret), read on the first such post.
    pendingSubmissions: new DynamoPendingSubmissionStore(client, settings.tableName),
    // Their link mails go through a queue this function consumes: POST /casos does the same work
    // whether a link goes or not (confirm.ts). Local: an in-process stand-in (scripts/local).
    confirmMails:
      confirmMails ??
      new SqsConfirmationMails(traced(new SQSClient({})), must(settings.confirmMailQueueUrl, 'confirmMailQueueUrl')),
    linkSecret: linkSecret !== undefined ? async () => linkSecret : lazy(() => loadReplySecret(settings)),
    // A confirmed post joining her case of its ticket moves it as her mail would (the lifecycle:
    // wait → in progress, reopening, the forward with the staff reply address). Its deps are built on
    // the first join; its code is imported statically: a dynamic import is bundled all the same, and
    // esbuild's lazy wrapper kept 5.6 KB more (zod's tree-shaking lost) for no faster load (measured).
    caseLifecycle:
      caseLifecycle ??
      lazy(async () => {
        const { clock, mailer } = intake;
        const lifecycle = await buildLifecycleDeps(settings, {
          client,
          ...(clock ? { clock } : {}),
          ...(mailer ? { mailer } : {}),
          ...(linkSecret !== undefined ? { secret: linkSecret } : {}),
        });
        return { merchantReply: (parent, message, how) => handleMerchantReply(parent, message, lifecycle, how) };
      }),
  };
}
