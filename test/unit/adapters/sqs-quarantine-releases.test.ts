import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { releaseRequestsOf, SqsQuarantineReleases } from '../../../shared/adapters/sqs-quarantine-releases';

const client = new SQSClient({ region: 'us-east-1' });
const sqs = mockClient(client);
beforeEach(() => sqs.reset());

const REQUEST = {
  kind: 'release',
  caseId: 'email:0100019abc',
  by: 'sup-carla',
  at: '2026-03-12T14:00:00.000Z',
} as const;
const sqsEvent = (...bodies: string[]) => ({
  Records: bodies.map((body, i) => ({ eventSource: 'aws:sqs', messageId: `m${i}`, body, receiptHandle: 'r' })),
});

describe('SqsQuarantineReleases', () => {
  it('sends only the four fields of the request', async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm1' });
    await new SqsQuarantineReleases(client, 'https://sqs/q').request({ ...REQUEST, extra: 'x' } as never);
    const input = sqs.commandCalls(SendMessageCommand)[0]!.args[0].input;
    expect(input.QueueUrl).toBe('https://sqs/q');
    expect(JSON.parse(input.MessageBody ?? '')).toEqual(REQUEST);
  });
});

describe('releaseRequestsOf', () => {
  it('reads the requests of an SQS event', () => {
    expect(releaseRequestsOf(sqsEvent(JSON.stringify(REQUEST)))).toEqual([REQUEST]);
  });

  it.each([
    ['an SES receipt event', { Records: [{ eventSource: 'aws:ses', ses: {} }] }],
    ['an empty object', {}],
    ['null', null],
    ['a string', 'Records'],
  ])('is null for %s (not a release event)', (_, event) => {
    expect(releaseRequestsOf(event)).toBeNull();
  });

  it.each([
    ['not JSON', 'release email:1'],
    ['another kind', JSON.stringify({ ...REQUEST, kind: 'discard' })],
    ['no supervisor', JSON.stringify({ ...REQUEST, by: '' })],
    ['a huge case id', JSON.stringify({ ...REQUEST, caseId: 'x'.repeat(201) })],
    ['a bad date', JSON.stringify({ ...REQUEST, at: 'ontem' })],
  ])('throws on a malformed body (%s): the message goes back, then to the DLQ', (_, body) => {
    expect(() => releaseRequestsOf(sqsEvent(body))).toThrow();
  });
});
