import { createHash } from 'node:crypto';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { AssignmentMessage, AssignmentQueue } from '../ports';

/**
 * The one message group of the FIFO assignment queue. One group = one batch in flight at a time, which
 * serialises the analyst choice (the deferral schedules use the same group id).
 */
export const ASSIGNMENT_MESSAGE_GROUP = 'assignment';

/** Deduplication id of a case's message: a retried send within SQS's 5-minute window is dropped. */
export function deduplicationIdFor(caseId: string): string {
  return createHash('sha256').update(caseId).digest('hex');
}

/** The assignment queue: one JSON message `{ caseId, protocol }` per accepted case. */
export class SqsAssignmentQueue implements AssignmentQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(message: AssignmentMessage): Promise<void> {
    // Only the two fields: nothing personal travels through the queue.
    const body = JSON.stringify({ caseId: message.caseId, protocol: message.protocol });
    // FIFO queues require a group (and a dedup id unless content-based); standard queues refuse a dedup id.
    const fifo = this.queueUrl.endsWith('.fifo')
      ? { MessageGroupId: ASSIGNMENT_MESSAGE_GROUP, MessageDeduplicationId: deduplicationIdFor(message.caseId) }
      : {};
    await this.client.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: body, ...fifo }));
  }
}
