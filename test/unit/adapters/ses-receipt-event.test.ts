import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  receivedEmailOf,
  SesReceiptEventSchema,
  sesReceiptEvent,
  verdictsOf,
} from '../../../shared/adapters/ses-receipt-event';
import { sesEvent } from '../../support/email-intake-harness';

const EVENTS = join(import.meta.dirname, '..', '..', '..', 'events');
const readEvent = (name: string) => JSON.parse(readFileSync(join(EVENTS, 'ses', name), 'utf8'));

describe('SES receipt event schema', () => {
  it('accepts the full sample event', () => {
    const parsed = SesReceiptEventSchema.parse(readEvent('receipt-event.json'));
    expect(verdictsOf(parsed.Records[0]!)).toEqual({
      spam: 'PASS',
      virus: 'PASS',
      spf: 'PASS',
      dkim: 'PASS',
      dmarc: 'PASS',
    });
  });

  it('accepts what SES really sends: no dmarcPolicy, no subject, DISABLED verdicts, empty source', () => {
    const parsed = SesReceiptEventSchema.parse(readEvent('receipt-event-minimal.json'));
    expect(verdictsOf(parsed.Records[0]!)).toMatchObject({ spam: 'DISABLED', virus: 'DISABLED', dmarc: 'GRAY' });
  });

  it('treats a verdict SES left out as DISABLED', () => {
    const event = readEvent('receipt-event.json');
    delete event.Records[0].ses.receipt.virusVerdict;
    delete event.Records[0].ses.receipt.dmarcVerdict;
    const parsed = SesReceiptEventSchema.parse(event);
    expect(verdictsOf(parsed.Records[0]!)).toMatchObject({ virus: 'DISABLED', dmarc: 'DISABLED', spam: 'PASS' });
  });

  it('neither reads nor checks what the intake never uses: header fields, action, DMARC policy', () => {
    const event = readEvent('receipt-event.json');
    const mail = event.Records[0].ses.mail;
    // What SES sends for a long Received chain and a truncated list, and an action SES may extend.
    mail.headers = Array.from({ length: 80 }, (_, i) => ({ name: `Received`, value: `from relay${i}.example` }));
    mail.headers.push({ name: 'X-Odd', value: null });
    mail.headersTruncated = 'yes';
    event.Records[0].ses.receipt.action = { type: 'Lambda', invocationType: 'Event', extra: [1] };
    event.Records[0].ses.receipt.dmarcPolicy = 42;
    const record = SesReceiptEventSchema.parse(event).Records[0]!;
    expect(record.ses.mail).not.toHaveProperty('headers');
    expect(record.ses.receipt).not.toHaveProperty('action');
    expect(receivedEmailOf(record, { bucket: 'b', prefix: 'inbound/' }).messageId).toBe('<CAF1234@mail.gmail.com>');
  });

  it.each([
    ['none', 'FAIL', 'NONE'],
    ['NONE', 'FAIL', 'NONE'],
    [' quarantine ', 'FAIL', 'QUARANTINE'],
    ['reject', 'FAIL', 'REJECT'],
    ['p=none', 'FAIL', undefined],
    [42, 'FAIL', undefined],
    [null, 'FAIL', undefined],
    // A policy beside no failure is not SES's: ignored.
    ['none', 'PASS', undefined],
  ])('reads the DMARC policy %j beside a DMARC %s as %s', (policy, dmarc, expected) => {
    const event = readEvent('receipt-event.json');
    event.Records[0].ses.receipt.dmarcVerdict = { status: dmarc };
    event.Records[0].ses.receipt.dmarcPolicy = policy;
    const verdicts = verdictsOf(SesReceiptEventSchema.parse(event).Records[0]!);
    expect(verdicts.dmarc).toBe(dmarc);
    expect(verdicts.dmarcPolicy).toBe(expected);
    if (expected === undefined) expect(verdicts).not.toHaveProperty('dmarcPolicy');
  });

  it('builds the event SES sends for a failure under p=none (the policy in lower case), and reads it back', () => {
    const event = sesReceiptEvent({
      sesMessageId: 'abc',
      mailFrom: 'loja@exemplo.com.br',
      recipients: ['ouvidoria@ouvidoria.example.com.br'],
      receivedAt: new Date('2026-12-01T12:00:00Z'),
      verdicts: { spf: 'FAIL', dkim: 'FAIL', dmarc: 'FAIL', dmarcPolicy: 'NONE' },
    });
    expect(event.Records[0]?.ses.receipt).toMatchObject({ dmarcPolicy: 'none' });
    expect(verdictsOf(SesReceiptEventSchema.parse(event).Records[0]!)).toMatchObject({ dmarcPolicy: 'NONE' });
    const passing = sesReceiptEvent({ ...{ sesMessageId: 'b', mailFrom: '', recipients: [], receivedAt: new Date() } });
    expect(passing.Records[0]?.ses.receipt).not.toHaveProperty('dmarcPolicy');
  });

  it.each([
    ['no records', { Records: [] }],
    ['another event source', { Records: [{ eventSource: 'aws:sqs', ses: {} }] }],
    ['a message id that could escape the S3 prefix', sesEvent('../../etc/passwd', '')],
    ['not an object', 'hello'],
  ])('rejects %s', (_name, event) => {
    expect(SesReceiptEventSchema.safeParse(event).success).toBe(false);
  });
});

describe('receivedEmailOf', () => {
  it('describes the mail from the receipt record: raw location, verdicts, decoded headers', () => {
    const record = SesReceiptEventSchema.parse(readEvent('receipt-event.json')).Records[0]!;
    const mail = receivedEmailOf(record, { bucket: 'b', prefix: 'inbound/' });
    expect(mail).toMatchObject({
      deliveryId: record.ses.mail.messageId,
      raw: { bucket: 'b', key: `inbound/${record.ses.mail.messageId}` },
      from: 'Marina Costa <lojista@modasbella.com.br>',
      messageId: '<CAF1234@mail.gmail.com>',
      returnPath: 'lojista@modasbella.com.br',
    });
    expect(mail.receivedAt).toBe('2026-11-24T14:00:00.000Z');
  });
});
