import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { AssignmentMessage, AssignmentQueue } from '../ports';

/** The assignment queue: one JSON message `{ caseId, protocol }` per accepted case. */
export class SqsAssignmentQueue implements AssignmentQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(message: AssignmentMessage): Promise<void> {
    // Only the two fields: nothing personal travels through the queue.
    const body = JSON.stringify({ caseId: message.caseId, protocol: message.protocol });
    await this.client.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: body }));
  }
}
