import { GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SqsDeadLetterQueueProbe } from '../../../shared/adapters/sqs-dlq-probe';

const sqsClient = new SQSClient({ region: 'sa-east-1' });
const sqs = mockClient(sqsClient);
const DLQ = 'https://sqs.sa-east-1.amazonaws.com/123456789012/Ouvidoria-prod-IntakeDlq';

beforeEach(() => {
  sqs.reset();
});

describe('SqsDeadLetterQueueProbe', () => {
  it.each([
    { name: 'an empty queue', visible: '0', inFlight: '0', delayed: '0', expected: 0 },
    { name: 'a message waiting', visible: '1', inFlight: '0', delayed: '0', expected: 1 },
    { name: 'a message an operator is reading (in flight)', visible: '0', inFlight: '1', delayed: '0', expected: 1 },
    { name: 'all three kinds', visible: '2', inFlight: '1', delayed: '1', expected: 4 },
  ])('counts every message, never receiving one: $name', async ({ visible, inFlight, delayed, expected }) => {
    sqs.on(GetQueueAttributesCommand).resolves({
      Attributes: {
        ApproximateNumberOfMessages: visible,
        ApproximateNumberOfMessagesNotVisible: inFlight,
        ApproximateNumberOfMessagesDelayed: delayed,
      },
    });
    expect(await new SqsDeadLetterQueueProbe(sqsClient).messages(DLQ)).toBe(expected);
    expect(sqs.commandCalls(GetQueueAttributesCommand)[0]!.args[0].input.QueueUrl).toBe(DLQ);
    expect(sqs.commandCalls(ReceiveMessageCommand)).toHaveLength(0);
  });

  it.each([
    { name: 'no attributes', Attributes: undefined },
    {
      name: 'a count missing',
      Attributes: { ApproximateNumberOfMessages: '1', ApproximateNumberOfMessagesDelayed: '0' },
    },
  ])('fails rather than report an empty queue it could not count: $name', async ({ Attributes }) => {
    sqs.on(GetQueueAttributesCommand).resolves({ Attributes });
    await expect(new SqsDeadLetterQueueProbe(sqsClient).messages(DLQ)).rejects.toThrow(/did not report/);
  });
});
