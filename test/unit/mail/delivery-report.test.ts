import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDeliveryReport } from '../../../shared/mail/delivery-report';

const readEml = (name: string) => readFileSync(join(import.meta.dirname, '..', '..', '..', 'events', 'emails', name));

describe('delivery-status reports', () => {
  it('reads the failed recipient of a bounce about our acknowledgement', () => {
    const report = readDeliveryReport(readEml('20-bounce-mailer-daemon.eml'));
    expect(report?.failedRecipients).toEqual(['ana@papelariaestrela.com.br']);
    // The report names the mail it is about: the caller checks it against what we sent.
    expect(report?.referencedMessageIds.length).toBeGreaterThan(0);
  });

  it('is null for an ordinary message', () => {
    expect(readDeliveryReport(readEml('01-accepted-ticket-48213.eml'))).toBeNull();
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
    expect(readDeliveryReport(raw)?.failedRecipients).toEqual([]);
  });

  it('finds the top header block whatever its line ends, and reads no Content-Type from the body', () => {
    const report = (eol: string, blank: string) =>
      Buffer.from(
        [
          'From: MAILER-DAEMON@mx.example.net',
          'Content-Type: multipart/report;',
          '\treport-type=delivery-status; boundary="b"',
          blank,
          '--b',
          'Content-Type: message/delivery-status',
          '',
          'Final-Recipient: rfc822; ana@example.org',
          'Action: failed',
          'Status: 5.1.1',
          '',
          '--b--',
        ].join(eol),
      );
    for (const [eol, blank] of [
      ['\r\n', ''],
      ['\n', ''],
      ['\n', '\r'],
      ['\r\n', '\r'],
    ] as const) {
      expect(readDeliveryReport(report(eol, blank))?.failedRecipients).toEqual(['ana@example.org']);
    }
    const bodyOnly = Buffer.from(
      'From: a@example.org\r\nSubject: x\r\n\r\nContent-Type: multipart/report; report-type=delivery-status\r\n',
    );
    expect(readDeliveryReport(bodyOnly)).toBeNull();
    expect(
      readDeliveryReport(Buffer.from('Content-Type: multipart/report; report-type=delivery-status')),
    ).not.toBeNull();
  });

  it('reads the media type in any case, and only from the Content-Type header', () => {
    const upper = Buffer.from('Content-Type: MULTIPART/Report;\r\n report-type="delivery-status"\r\n\r\n');
    expect(readDeliveryReport(upper)).toEqual({ failedRecipients: [], referencedMessageIds: [] });
    const subjectOnly = Buffer.from(
      'Subject: multipart/report; report-type=delivery-status\r\nContent-Type: text/plain\r\n\r\nOi\r\n',
    );
    expect(readDeliveryReport(subjectOnly)).toBeNull();
  });
});
