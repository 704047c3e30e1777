/**
 * The webform's mail queue (SQS, standard; "confirmation-mail queue" in the stack): POST /casos sends
 * `{ kind: 'confirm-link' | 'guidance', id }` — the pending submission's id only, nothing personal —
 * and the webform function consumes it in batches of one (functions/webform/confirm-mail.ts).
 * Delivery is at least once; the consumer claims the link mail on the pending submission, and a
 * guidance post's case and reply are idempotent by its key, so a redelivery never mails twice.
 */
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import * as z from 'zod/mini';
import { once } from '../domain/memo';
import { PENDING_SUBMISSION_ID } from '../domain/webform-confirmation';
import type { ConfirmationMailRequest, ConfirmationMailRequests } from '../ports';

// Built at the first queue event, not at load: an HTTP invocation of the webform never reads them.
const confirmationMailRequestSchema = once(() =>
  z.object({
    kind: z.enum(['confirm-link', 'guidance']),
    id: z.string().check(z.regex(PENDING_SUBMISSION_ID)),
  }),
);

/** Only the fields the webform function reads of an SQS → Lambda event. */
const sqsConfirmationEventSchema = once(() =>
  z.object({
    Records: z
      .array(z.object({ eventSource: z.literal('aws:sqs'), messageId: z.string(), body: z.string() }))
      .check(z.minLength(1)),
  }),
);

/** Whether the event is an SQS batch (the webform's other events come from API Gateway). */
export function isSqsEvent(event: unknown): boolean {
  const records = (event as { Records?: Array<{ eventSource?: unknown }> } | null)?.Records;
  return Array.isArray(records) && records[0]?.eventSource === 'aws:sqs';
}

/**
 * The link mails of an SQS event; null when the event is not from SQS. Throws on a malformed body:
 * the message goes back to the queue and, after its receives, to the DLQ.
 */
export function confirmationMailRequestsOf(event: unknown): ConfirmationMailRequest[] | null {
  if (!isSqsEvent(event)) return null;
  const parsed = sqsConfirmationEventSchema().parse(event);
  return parsed.Records.map((record) => confirmationMailRequestSchema().parse(JSON.parse(record.body)));
}

export class SqsConfirmationMails implements ConfirmationMailRequests {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async request(message: ConfirmationMailRequest): Promise<void> {
    // Only the two fields: nothing else a caller put on the message reaches the queue.
    const body: ConfirmationMailRequest = { kind: message.kind, id: message.id };
    await this.client.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(body) }));
  }
}
