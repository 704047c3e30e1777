/**
 * The webform's mail queue consumer, in the webform function (it has the ports this work needs): an
 * SQS batch of `{ kind, id }` → for 'confirm-link', mailConfirmationLink (shared/webform/confirm.ts);
 * for 'guidance', storeGuidancePost (shared/webform/guidance-post.ts: the case and reply of a post
 * that cites no ticket). Each logged without personal data. POST /casos only queues the message, so
 * the answer's timing never depends on the bounce memory, the address's limits or a repeat. The
 * queue delivers batches of one; a thrown error returns the message to the queue (visibility
 * timeout), and after its receives to the confirmation-mail DLQ.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { confirmationMailRequestsOf } from '../../shared/adapters/sqs-confirmation-mails';
import { type ConfirmMailOutcome, mailConfirmationLink } from '../../shared/webform/confirm';
import { type GuidancePostOutcome, storeGuidancePost } from '../../shared/webform/guidance-post';
import type { WebformDeps } from '../../shared/webform/submit';
import type { WebformTelemetry } from '../../shared/webform/telemetry';

export interface ConfirmMailHandlerDeps {
  service: WebformDeps;
  logger: Pick<Logger, 'info'>;
  /** Guidance posts' metrics (files claimed before their scan result; the post counted the submission). */
  telemetry?: Pick<WebformTelemetry, 'claimedUnscanned'>;
  /** Called after each batch (the Lambda entry publishes its stored metrics there). */
  flush?: () => void;
}

export type ConfirmMailResult = ConfirmMailOutcome | GuidancePostOutcome;
export type ConfirmMailHandler = (event: unknown) => Promise<{ results: ConfirmMailResult[] }>;

export function createConfirmMailHandler(
  resolveDeps: () => ConfirmMailHandlerDeps | Promise<ConfirmMailHandlerDeps>,
): ConfirmMailHandler {
  return async (event) => {
    const requests = confirmationMailRequestsOf(event);
    if (!requests) throw new Error('not an SQS event of confirmation mails');
    const { service, logger, telemetry, flush } = await resolveDeps();
    const results: ConfirmMailResult[] = [];
    try {
      for (const request of requests) {
        if (request.kind === 'guidance') {
          const result = await storeGuidancePost(request.id, service);
          if (result.stored && result.unscannedUploads) telemetry?.claimedUnscanned(result.unscannedUploads);
          logger.info('Webform guidance post', result);
          results.push(result);
        } else {
          const result = await mailConfirmationLink(request.id, service);
          logger.info('Confirmation link mail', result);
          results.push(result);
        }
      }
    } finally {
      flush?.();
    }
    return { results };
  };
}
