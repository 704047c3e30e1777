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

  // Red team 48: an internationalised report (RFC 6533) — Postfix, Exim and Exchange send
  // message/global-delivery-status for mail that went with SMTPUTF8 or to an address with accents —
  // was read as no report: the bounce of our mail to "joão@…" became a submission from MAILER-DAEMON
  // and her address never reached bounce memory. Its recipients may be of type utf-8 as well as rfc822.
  const globalReport = (recipient: string, reportType = 'global-delivery-status') =>
    Buffer.from(
      [
        'From: MAILER-DAEMON@mx.lojadojoao.com.br',
        `Content-Type: multipart/report; report-type=${reportType}; boundary="b"`,
        '',
        '--b',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Não foi possível entregar a mensagem.',
        '',
        '--b',
        'Content-Type: message/global-delivery-status',
        '',
        'Reporting-MTA: dns; mx.lojadojoao.com.br',
        '',
        `Final-Recipient: ${recipient}`,
        'Action: failed',
        'Status: 5.1.1',
        '',
        '--b',
        'Content-Type: message/global-headers',
        '',
        'Message-ID: <a1b2c3d4e5@ouvidoria.example.com.br>',
        '',
        '--b--',
      ].join('\r\n'),
      'utf8',
    );
  it.each([
    ['global, an rfc822 recipient', 'rfc822; contato@lojadojoao.com.br', 'contato@lojadojoao.com.br'],
    ['global, a utf-8 recipient', 'utf-8; contato@lojadojoao.com.br', 'contato@lojadojoao.com.br'],
    ['global, a recipient with an accent', 'utf-8; joão@lojadojoão.com.br', 'joão@lojadojoão.com.br'],
    ['global, an rfc822 recipient with an accent', 'rfc822; joão@lojadojoao.com.br', 'joão@lojadojoao.com.br'],
    ['global, a utf-8 recipient escaped', 'utf-8; jo\\x{E3}o@lojadojoao.com.br', 'joão@lojadojoao.com.br'],
  ])('reads %s', (_label, recipient, failed) => {
    expect(readDeliveryReport(globalReport(recipient))).toEqual({
      failedRecipients: [failed],
      referencedMessageIds: ['a1b2c3d4e5@ouvidoria.example.com.br'],
    });
  });
  it('still reads no report of another type (a disposition notification)', () => {
    expect(
      readDeliveryReport(globalReport('rfc822; contato@lojadojoao.com.br', 'disposition-notification')),
    ).toBeNull();
  });
});
