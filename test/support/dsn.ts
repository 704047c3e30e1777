/**
 * Builds an RFC 3464 delivery-status report, as a receiving server (or an attacker) writes it:
 * the failed recipient, and the Message-ID of the original the report claims to be about.
 */
export function deliveryStatusReport(opts: {
  failedRecipient: string;
  originalMessageId: string;
  originalFrom?: string;
  reportMessageId?: string;
}): string {
  return [
    'Return-Path: <>',
    'From: MAILER-DAEMON@mx.destino.example.net',
    'To: ouvidoria@ouvidoria.example.com.br',
    'Subject: Undelivered Mail Returned to Sender',
    `Message-ID: <${opts.reportMessageId ?? `dsn-${Math.random().toString(36).slice(2)}@mx.destino.example.net`}>`,
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="dsn"',
    '',
    '--dsn',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    `Delivery to ${opts.failedRecipient} failed permanently.`,
    '',
    '--dsn',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.destino.example.net',
    '',
    `Final-Recipient: rfc822; ${opts.failedRecipient}`,
    'Action: failed',
    'Status: 5.1.1',
    '',
    '--dsn',
    'Content-Type: text/rfc822-headers',
    '',
    `From: ${opts.originalFrom ?? 'Ouvidoria <ouvidoria@ouvidoria.example.com.br>'}`,
    `To: ${opts.failedRecipient}`,
    `Message-ID: <${opts.originalMessageId}>`,
    '',
    '--dsn--',
    '',
  ].join('\r\n');
}
