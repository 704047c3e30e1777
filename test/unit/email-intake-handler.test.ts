import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { beforeEach, describe, expect, it } from 'vitest';
import { createEmailIntakeHandler, type EmailIntakeDeps } from '../../functions/email-intake/handler';
import { addressesToSuppress, createSesFeedbackHandler } from '../../functions/ses-feedback/handler';
import { SesReceiptEventSchema, verdictsOf } from '../../shared/adapters/ses-receipt-event';
import { renderFollowUpNotice } from '../../shared/domain/follow-up-notice';
import { localConfig } from '../../shared/domain/config';
import { readDeliveryReport } from '../../shared/mail/delivery-report';
import { sesEvent } from '../support/email-intake-harness';
import {
  FixedClock,
  InMemoryBounceRegistry,
  InMemoryCaseRepository,
  InMemoryRawMailStore,
  InMemoryReplyThrottle,
  InMemoryTicketDirectory,
  RecordingMailer,
  RecordingQueue,
} from '../support/fakes';

const EVENTS = join(import.meta.dirname, '..', '..', 'events');
const readEvent = (name: string) => JSON.parse(readFileSync(join(EVENTS, 'ses', name), 'utf8'));
const readEml = (name: string) => readFileSync(join(EVENTS, 'emails', name));

const quietLogger = () => new Logger({ serviceName: 'test', logLevel: 'SILENT' });
const metrics = () => new Metrics({ namespace: 'Ouvidoria', serviceName: 'test' });

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

  it.each([
    ['no records', { Records: [] }],
    ['another event source', { Records: [{ eventSource: 'aws:sqs', ses: {} }] }],
    ['a message id that could escape the S3 prefix', sesEvent('../../etc/passwd', '')],
    ['not an object', 'hello'],
  ])('rejects %s', (_name, event) => {
    expect(SesReceiptEventSchema.safeParse(event).success).toBe(false);
  });
});

describe('delivery-status reports', () => {
  it('reads the failed recipient of a bounce about our acknowledgement', () => {
    const report = readDeliveryReport(readEml('20-bounce-mailer-daemon.eml'), 'ouvidoria.example.com.br');
    expect(report).toEqual({ failedRecipients: ['ana@papelariaestrela.com.br'], aboutOurMail: true });
  });

  it('is null for an ordinary message and not about us for a foreign report', () => {
    expect(readDeliveryReport(readEml('01-accepted-ticket-48213.eml'), 'ouvidoria.example.com.br')).toBeNull();
    const foreign = readDeliveryReport(readEml('20-bounce-mailer-daemon.eml'), 'outro-dominio.com.br');
    expect(foreign?.aboutOurMail).toBe(false);
  });

  it('ignores delayed (4.x.x) deliveries', () => {
    const raw = Buffer.from(
      [
        'From: MAILER-DAEMON@mx.example.net',
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
        '',
        '--b',
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx.example.net',
        '',
        'Final-Recipient: rfc822; lenta@example.org',
        'Action: delayed',
        'Status: 4.4.7',
        '',
        '--b--',
      ].join('\r\n'),
    );
    expect(readDeliveryReport(raw, 'ouvidoria.example.com.br')?.failedRecipients).toEqual([]);
  });
});

describe('email intake handler (in-memory ports)', () => {
  let rawMail: InMemoryRawMailStore;
  let deps: EmailIntakeDeps;
  let cases: InMemoryCaseRepository;
  let mailer: RecordingMailer;

  beforeEach(() => {
    rawMail = new InMemoryRawMailStore();
    cases = new InMemoryCaseRepository();
    mailer = new RecordingMailer();
    deps = {
      intake: {
        cases,
        tickets: new InMemoryTicketDirectory([{ id: '48213', requesterEmail: 'lojista@modasbella.com.br' }]),
        mailer,
        queue: new RecordingQueue(),
        throttle: new InMemoryReplyThrottle(),
        bounces: new InMemoryBounceRegistry(),
        clock: new FixedClock(new Date('2026-11-24T14:00:05Z')),
        config: { ...localConfig, limits: { ...localConfig.limits, maxRawMailBytes: 64 * 1024 } },
      },
      rawMail,
      bucket: 'raw',
      prefix: 'inbound/',
      logger: quietLogger(),
      metrics: metrics(),
    };
  });

  const deliver = (id: string, raw: Buffer | string) => {
    rawMail.put({ bucket: 'raw', key: `inbound/${id}` }, raw);
    return createEmailIntakeHandler(() => deps)(sesEvent(id, raw));
  };

  it('reads the raw mail at <prefix><SES message id> and stores an accepted case', async () => {
    const result = await deliver('m1', readEml('01-accepted-ticket-48213.eml'));
    expect(result.results[0]).toMatchObject({ kind: 'case', outcome: 'ACCEPTED', sesMessageId: 'm1' });
  });

  it('answers a duplicate delivery of a finished case without reading the mail again', async () => {
    await deliver('m1', readEml('08-no-prior-ticket.eml'));
    rawMail.failNext = new Error('the raw mail must not be read twice');
    const again = await createEmailIntakeHandler(() => deps)(sesEvent('m1', readEml('08-no-prior-ticket.eml')));
    expect(again.results[0]).toMatchObject({ kind: 'case', duplicate: true, outcome: 'NO_PRIOR_TICKET' });
    expect(mailer.sent).toHaveLength(1);
  });

  it('quarantines oversized mail without parsing it, keeping the raw location', async () => {
    const big = `From: Loja <loja@example.com>\r\nSubject: anexo enorme\r\n\r\n${'A'.repeat(80 * 1024)}`;
    const result = await deliver('big', big);
    expect(result.results[0]).toMatchObject({ outcome: 'QUARANTINED' });
    const stored = await cases.get('email:big');
    expect(stored?.decision.reason).toBeTruthy();
    expect(stored?.messages[0]?.raw).toEqual({ bucket: 'raw', key: 'inbound/big' });
    expect(mailer.sent).toHaveLength(0);
  });

  it('throws (so Lambda retries, then the DLQ) when the raw mail cannot be read', async () => {
    rawMail.failNext = Object.assign(new Error('Access Denied'), { name: 'AccessDenied' });
    await expect(deliver('m2', readEml('01-accepted-ticket-48213.eml'))).rejects.toThrow('Access Denied');
    expect(cases.records.size).toBe(0);
  });

  it('throws on an event that is not an SES receipt', async () => {
    await expect(createEmailIntakeHandler(() => deps)({ Records: [{ eventSource: 'aws:s3' }] })).rejects.toThrow(
      /invalid SES receipt event/,
    );
  });
});

describe('SES feedback handler', () => {
  it('puts permanently bounced addresses in the bounce memory for the configured days', async () => {
    const bounces = new InMemoryBounceRegistry();
    const clock = new FixedClock(new Date('2026-11-24T14:10:00Z'));
    const handler = createSesFeedbackHandler(() => ({
      bounces,
      clock,
      config: localConfig,
      logger: quietLogger(),
      metrics: metrics(),
    }));
    const event = JSON.parse(readFileSync(join(EVENTS, 'ses', 'feedback-bounce-sns.json'), 'utf8'));
    expect(await handler(event)).toEqual({ suppressed: 1 });
    const entry = bounces.entries.get('inexistente@lojaquefechou.com.br');
    expect(entry?.until.toISOString()).toBe('2027-01-23T14:10:00.000Z');
  });

  it.each([
    [{ eventType: 'Bounce', bounce: { bounceType: 'Transient', bouncedRecipients: [{ emailAddress: 'a@b.com' }] } }, 0],
    [{ eventType: 'Complaint', complaint: { complainedRecipients: [{ emailAddress: 'a@b.com' }] } }, 1],
    [
      {
        notificationType: 'Bounce',
        bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: 'a@b.com' }] },
      },
      1,
    ],
    [{ eventType: 'Delivery' }, 0],
  ])('suppresses permanent bounces and complaints only (%#)', (feedback, count) => {
    expect(addressesToSuppress(feedback)).toHaveLength(count);
  });

  it('ignores SNS messages that are not SES feedback', async () => {
    const handler = createSesFeedbackHandler(() => ({
      bounces: new InMemoryBounceRegistry(),
      clock: new FixedClock(new Date()),
      config: localConfig,
      logger: quietLogger(),
      metrics: metrics(),
    }));
    const sample = JSON.parse(readFileSync(join(EVENTS, 'ses', 'feedback-bounce-sns.json'), 'utf8'));
    const record = (message: string) => ({ ...sample.Records[0], Sns: { ...sample.Records[0].Sns, Message: message } });
    const event = { Records: [record('not json'), record('{"foo":1}')] };
    expect(await handler(event)).toEqual({ suppressed: 0 });
  });
});

describe('SES feedback event envelope', () => {
  it('rejects an event that is not SNS (Powertools SnsSchema)', async () => {
    const handler = createSesFeedbackHandler(() => ({
      bounces: new InMemoryBounceRegistry(),
      clock: new FixedClock(new Date()),
      config: localConfig,
      logger: quietLogger(),
      metrics: metrics(),
    }));
    await expect(handler({ Records: [{ Sns: { Message: '{}' } }] })).rejects.toThrow();
  });
});

describe('follow-up notice to the analyst', () => {
  it('shows the new message escaped, with the quoted history collapsed', () => {
    const notice = renderFollowUpNotice(
      {
        caseId: 'email:x',
        protocol: 'OUV-2026-000007',
        channel: 'email',
        sourceId: 'x',
        status: 'ASSIGNED',
        outcome: 'ACCEPTED',
        decision: {
          outcome: 'ACCEPTED',
          ruleIds: ['ticket.valid'],
          reason: 'ok',
          ticket: { status: 'valid', number: '48213' },
        },
        ticketCandidates: [],
        senderEmail: 'lojista@modasbella.com.br',
        subject: 'Estoque',
        createdAt: '2026-11-24T14:00:00.000Z',
        updatedAt: '2026-11-24T14:00:00.000Z',
        messages: [],
        messageIds: [],
      },
      {
        sourceId: 'y',
        channel: 'email',
        receivedAt: '2026-11-25T12:00:00.000Z',
        subject: 'Re: [OUV-2026-000007] <script>alert(1)</script>',
        text: 'Segue <img src=x onerror=alert(1)> o print.\n\nEm 24/11/2026, Ouvidoria escreveu:\n> Recebemos sua manifestação',
        attachments: [{ filename: 'print.png', contentType: 'image/png', size: 1234, inline: false }],
      },
      { id: 'ana', name: 'Ana Souza', email: 'ana@ouvidoria.example.com.br', active: true, openCases: 1 },
      localConfig,
    );
    expect(notice.subject).toBe('[OUV-2026-000007] Nova mensagem do lojista');
    expect(notice.html).not.toContain('<script>');
    expect(notice.html).not.toContain('<img src=x');
    expect(notice.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(notice.html).toContain('<details');
    expect(notice.text).toContain('print.png');
    expect(notice.text).toContain('25/11/2026 às 09:00');
  });
});
