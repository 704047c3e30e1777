import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  ASSIGNMENT_MESSAGE_GROUP,
  deduplicationIdFor,
  SqsAssignmentQueue,
} from '../../../shared/adapters/sqs-assignment-queue';

const sqsClient = new SQSClient({ region: 'us-east-1' });
const sqs = mockClient(sqsClient);

beforeEach(() => {
  sqs.reset();
});

describe('SqsAssignmentQueue', () => {
  const queue = new SqsAssignmentQueue(sqsClient, 'https://sqs.us-east-1.amazonaws.com/123/assign');

  it('sends only caseId and protocol as JSON', async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm1' });
    await queue.enqueue({ caseId: 'email:abc', protocol: 'OUV-2026-000123', extra: 'x' } as never);
    const input = sqs.commandCalls(SendMessageCommand)[0]!.args[0].input;
    expect(input.QueueUrl).toBe('https://sqs.us-east-1.amazonaws.com/123/assign');
    expect(JSON.parse(input.MessageBody!)).toEqual({ caseId: 'email:abc', protocol: 'OUV-2026-000123' });
  });

  it('sends to a FIFO queue in the one assignment group, deduplicated per case', async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm1' });
    const fifo = new SqsAssignmentQueue(sqsClient, 'https://sqs.us-east-1.amazonaws.com/123/assign.fifo');
    await fifo.enqueue({ caseId: 'email:abc', protocol: 'OUV-2026-000123' });
    await fifo.enqueue({ caseId: 'email:def', protocol: 'OUV-2026-000124' });
    const [first, second] = sqs.commandCalls(SendMessageCommand).map((c) => c.args[0].input);
    expect(first).toMatchObject({
      MessageGroupId: ASSIGNMENT_MESSAGE_GROUP,
      MessageDeduplicationId: deduplicationIdFor('email:abc'),
    });
    expect(second!.MessageGroupId).toBe(ASSIGNMENT_MESSAGE_GROUP);
    expect(second!.MessageDeduplicationId).not.toBe(first!.MessageDeduplicationId);
    expect(first!.MessageDeduplicationId).toMatch(/^[0-9a-f]{64}$/);
  });

  it('sends no group or deduplication id to a standard queue (SQS would refuse the latter)', async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm1' });
    await queue.enqueue({ caseId: 'email:abc', protocol: 'OUV-2026-000123' });
    const input = sqs.commandCalls(SendMessageCommand)[0]!.args[0].input;
    expect(input).not.toHaveProperty('MessageGroupId');
    expect(input).not.toHaveProperty('MessageDeduplicationId');
  });

  it('propagates SQS errors', async () => {
    sqs.on(SendMessageCommand).rejects(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }));
    await expect(queue.enqueue({ caseId: 'c', protocol: 'p' })).rejects.toThrow('throttled');
  });
});
