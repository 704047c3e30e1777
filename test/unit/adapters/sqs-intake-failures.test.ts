import { describe, expect, it } from 'vitest';
import { intakeFailuresOf, isIntakeFailureEvent } from '../../../shared/adapters/sqs-intake-failures';
import { sesReceiptEvent } from '../../../shared/adapters/ses-receipt-event';

const RAW = { bucket: 'ouvidoria-raw-mail', prefix: 'inbound/' };
const ses = (id = 'ses-abc123') =>
  sesReceiptEvent({
    sesMessageId: id,
    mailFrom: 'lojista@modasbella.com.br',
    recipients: ['ouvidoria@ouvidoria.example.com.br'],
    receivedAt: new Date('2026-03-02T13:15:00Z'),
    commonHeaders: { from: ['Juliana <lojista@modasbella.com.br>'], messageId: '<CAJ-1@mail.gmail.com>' },
  });

/** A Lambda on-failure destination record, as SQS hands it to the consumer. */
function sqsEvent(...bodies: unknown[]) {
  return {
    Records: bodies.map((body, i) => ({
      eventSource: 'aws:sqs',
      messageId: `m-${i}`,
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })),
  };
}
const destination = (requestPayload: unknown, responsePayload?: unknown, condition = 'RetriesExhausted') => ({
  version: '1.0',
  timestamp: '2026-03-02T13:19:00.000Z',
  requestContext: {
    requestId: 'r-1',
    functionArn: 'arn:aws:lambda:us-east-1:1:function:intake:$LATEST',
    condition,
    approximateInvokeCount: 3,
  },
  requestPayload,
  responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
  ...(responsePayload === undefined ? {} : { responsePayload }),
});

describe('intakeFailuresOf: the intake’s on-failure destination records', () => {
  it('reads the SES event and the last attempt’s error; the raw mail is the receipt rule’s location', () => {
    const event = sqsEvent(
      destination(ses(), { errorType: 'RangeError', errorMessage: 'Maximum call stack size exceeded' }),
    );
    expect(isIntakeFailureEvent(event)).toBe(true);
    const [message] = intakeFailuresOf(event, RAW);
    expect(message?.messageId).toBe('m-0');
    expect(message?.failed).toHaveLength(1);
    expect(message?.failed?.[0]?.failure).toEqual({
      condition: 'RetriesExhausted',
      errorType: 'RangeError',
      errorMessage: 'Maximum call stack size exceeded',
    });
    expect(message?.failed?.[0]?.mail.raw).toEqual({ bucket: 'ouvidoria-raw-mail', key: 'inbound/ses-abc123' });
  });

  it('a forged record cannot name another bucket or key: the S3 action fields are not read', () => {
    const forged = ses();
    Object.assign(forged.Records[0]!.ses.receipt.action, {
      type: 'S3',
      bucketName: 'outro-bucket',
      objectKey: 'segredos/x',
    });
    const [message] = intakeFailuresOf(sqsEvent(destination(forged, { errorType: 'TypeError' })), RAW);
    expect(message?.failed?.[0]?.mail.raw).toEqual({ bucket: 'ouvidoria-raw-mail', key: 'inbound/ses-abc123' });
  });

  it.each([
    ['a message id that is a path', destination(ses('../../outro/chave'), { errorType: 'TypeError' })],
    ['no SES event (an invalid event that failed)', destination({ foo: 1 }, { errorType: 'Error' })],
    ['a body that is not JSON', '{não é json'],
    ['a record without a request', { requestContext: {} }],
  ])('%s: no failed intake to read (left for staff)', (_name, body) => {
    expect(intakeFailuresOf(sqsEvent(body), RAW)).toEqual([{ messageId: 'm-0', failed: null }]);
  });

  it('a timeout without an errorType is read as the message Lambda wrote', () => {
    const [message] = intakeFailuresOf(
      sqsEvent(destination(ses(), { errorMessage: 'Task timed out after 60.05 seconds' })),
      RAW,
    );
    expect(message?.failed?.[0]?.failure).toEqual({
      condition: 'RetriesExhausted',
      errorType: undefined,
      errorMessage: 'Task timed out after 60.05 seconds',
    });
  });

  it.each([
    ['an SES receipt event', ses()],
    ['a quarantine release', sqsEvent({ kind: 'release', caseId: 'EMAIL#x', by: 'sup-1', at: '2026-03-02T13:00:00Z' })],
    ['nothing', null],
  ])('%s is not an intake failure event', (_name, event) => {
    expect(isIntakeFailureEvent(event)).toBe(false);
  });
});
