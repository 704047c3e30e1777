import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { confirmationMailRequestsOf, SqsConfirmationMails } from '../../../shared/adapters/sqs-confirmation-mails';

const sqsClient = new SQSClient({ region: 'us-east-1' });
const sqs = mockClient(sqsClient);
const ID = `form-${'a'.repeat(64)}`;
const QUEUE = 'https://sqs.us-east-1.amazonaws.com/123/confirm-mail';

beforeEach(() => {
  sqs.reset();
});

const eventOf = (...bodies: string[]) => ({
  Records: bodies.map((body, i) => ({ eventSource: 'aws:sqs', messageId: `m-${i}`, body })),
});

describe('SqsConfirmationMails', () => {
  it.each(['confirm-link', 'guidance'] as const)('sends a %s message as its kind and id only', async (kind) => {
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm1' });
    await new SqsConfirmationMails(sqsClient, QUEUE).request({ kind, id: ID, email: 'x@y.com' } as never);
    const input = sqs.commandCalls(SendMessageCommand)[0]?.args[0].input;
    expect(input?.QueueUrl).toBe(QUEUE);
    expect(JSON.parse(input?.MessageBody ?? '')).toEqual({ kind, id: ID });
  });
});

describe('confirmationMailRequestsOf', () => {
  it('reads both kinds of an SQS batch', () => {
    expect(
      confirmationMailRequestsOf(
        eventOf(JSON.stringify({ kind: 'confirm-link', id: ID }), JSON.stringify({ kind: 'guidance', id: ID })),
      ),
    ).toEqual([
      { kind: 'confirm-link', id: ID },
      { kind: 'guidance', id: ID },
    ]);
  });

  it('is null for an event that is not from SQS', () => {
    expect(confirmationMailRequestsOf({ requestContext: {} })).toBeNull();
  });

  it.each([
    ['another kind', JSON.stringify({ kind: 'store', id: ID })],
    ['an id that is no pending id', JSON.stringify({ kind: 'guidance', id: 'PENDING#x' })],
    ['no JSON', 'guidance'],
  ])('throws on %s (the message goes back to the queue, then to its DLQ)', (_what, body) => {
    expect(() => confirmationMailRequestsOf(eventOf(body))).toThrow();
  });
});
