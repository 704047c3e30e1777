/**
 * The confirmation-mail queue's consumer, in the webform function (it has the ports a link mail
 * needs): an SQS batch of `{ kind: 'confirm-link', id }` → mailConfirmationLink for each, logged
 * without personal data. POST /casos only queues the message, so the answer's timing never depends
 * on the bounce memory, the address's hourly limit or a repeat (shared/webform/confirm.ts). The
 * queue delivers batches of one; a thrown error returns the message to the queue (visibility
 * timeout), and after its receives to the confirmation-mail DLQ.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { confirmationMailRequestsOf } from '../../shared/adapters/sqs-confirmation-mails';
import { type ConfirmMailOutcome, mailConfirmationLink } from '../../shared/webform/confirm';
import type { WebformDeps } from '../../shared/webform/submit';

export interface ConfirmMailHandlerDeps {
  service: WebformDeps;
  logger: Pick<Logger, 'info'>;
}

export type ConfirmMailHandler = (event: unknown) => Promise<{ results: ConfirmMailOutcome[] }>;

export function createConfirmMailHandler(
  resolveDeps: () => ConfirmMailHandlerDeps | Promise<ConfirmMailHandlerDeps>,
): ConfirmMailHandler {
  return async (event) => {
    const requests = confirmationMailRequestsOf(event);
    if (!requests) throw new Error('not an SQS event of confirmation mails');
    const { service, logger } = await resolveDeps();
    const results: ConfirmMailOutcome[] = [];
    for (const request of requests) {
      const result = await mailConfirmationLink(request.id, service);
      logger.info('Confirmation link mail', result);
      results.push(result);
    }
    return { results };
  };
}
