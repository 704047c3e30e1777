import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DeadLetterQueueProbe } from '../app/dlq-watch';

const COUNTS = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
] as const;

/** A DLQ's message count by GetQueueAttributes: no message is received (nor read, nor reordered). */
export class SqsDeadLetterQueueProbe implements DeadLetterQueueProbe {
  constructor(private readonly client: Pick<SQSClient, 'send'>) {}

  async messages(queueUrl: string): Promise<number> {
    const { Attributes } = await this.client.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: [...COUNTS] }),
    );
    return COUNTS.reduce((sum, name) => {
      const value = Number(Attributes?.[name]);
      if (!Number.isInteger(value) || value < 0) throw new Error(`SQS did not report ${name}`);
      return sum + value;
    }, 0);
  }
}
