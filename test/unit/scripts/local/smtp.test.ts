/** The SES receipt event built by the local SMTP intake must pass the schema the email-intake handler uses. */
import { describe, expect, it } from 'vitest';
import { newSesMessageId, sesReceiptEvent } from '../../../../scripts/local/smtp';
import { SesReceiptEventSchema, verdictsOf } from '../../../../shared/adapters/ses-receipt-event';

describe('SES receipt event from the SMTP intake', () => {
  it('passes the intake schema with decoded headers, local verdicts and the message id as S3 key', async () => {
    const raw = Buffer.from(
      [
        'From: =?UTF-8?Q?Jo=C3=A3o_Pereira?= <joao@lojadojoao.com.br>',
        'To: Ouvidoria <ouvidoria@ouvidoria.example.com.br>',
        'Subject: =?UTF-8?Q?Reclama=C3=A7=C3=A3o_sobre_o_chamado?=',
        ' #52311',
        'Message-ID: <abc123@lojadojoao.com.br>',
        'Date: Fri, 27 Nov 2026 19:59:50 +0000',
        '',
        'Olá, corpo.',
        '',
      ].join('\r\n'),
    );
    const sesMessageId = newSesMessageId();
    const event = await sesReceiptEvent({
      raw,
      sesMessageId,
      mailFrom: 'joao@lojadojoao.com.br',
      recipients: ['ouvidoria@ouvidoria.example.com.br'],
      receivedAt: new Date('2026-11-27T19:59:50Z'),
    });
    const parsed = SesReceiptEventSchema.parse(event);
    const record = parsed.Records[0];
    expect(record?.ses.mail.messageId).toBe(sesMessageId);
    expect(record?.ses.mail.commonHeaders).toMatchObject({
      subject: 'Reclamação sobre o chamado #52311',
      messageId: '<abc123@lojadojoao.com.br>',
    });
    expect(record?.ses.mail.commonHeaders.from?.[0]).toMatch(/^"?João Pereira"? <joao@lojadojoao\.com\.br>$/);
    // The raw header fields, as SES lists them (the intake does not read them: the schema drops them).
    const headers = (event as { Records: { ses: { mail: { headers: { name: string; value: string }[] } } }[] })
      .Records[0]?.ses.mail.headers;
    expect(headers?.find((h) => h.name === 'Subject')?.value).toContain('=?UTF-8?Q?');
    // Loopback mail passes authentication locally (SPEC "Trust rules")…
    expect(record && verdictsOf(record)).toEqual({
      spam: 'PASS',
      virus: 'PASS',
      spf: 'PASS',
      dkim: 'PASS',
      dmarc: 'PASS',
    });
  });

  it('…unless the local-only X-Local-Verdicts header asks for others (unknown names ignored)', async () => {
    const raw = Buffer.from(
      'From: x@golpe.example.net\r\nX-Local-Verdicts: spf=fail dkim=FAIL dmarc=fail spam=fail bogus=pass\r\nSubject: t\r\n\r\nx',
    );
    const event = await sesReceiptEvent({
      raw,
      sesMessageId: newSesMessageId(),
      mailFrom: 'x@golpe.example.net',
      recipients: ['ouvidoria@ouvidoria.example.com.br'],
      receivedAt: new Date(),
    });
    const record = SesReceiptEventSchema.parse(event).Records[0];
    expect(record && verdictsOf(record)).toEqual({
      spam: 'FAIL',
      virus: 'PASS',
      spf: 'FAIL',
      dkim: 'FAIL',
      dmarc: 'FAIL',
    });
  });

  it.each([
    ['dmarc=fail dmarc-policy=none', 'FAIL', 'NONE'],
    ['spf=fail dkim=fail dmarc=fail dmarc-policy=REJECT', 'FAIL', 'REJECT'],
    // A policy is SES's word beside a DMARC failure only.
    ['dmarc-policy=none', 'PASS', undefined],
    ['dmarc=fail dmarc-policy=whatever', 'FAIL', undefined],
  ])('X-Local-Verdicts: %s → DMARC %s, policy %s', async (asked, dmarc, policy) => {
    const raw = Buffer.from(`From: loja@exemplo.com.br\r\nX-Local-Verdicts: ${asked}\r\nSubject: t\r\n\r\nx`);
    const event = await sesReceiptEvent({
      raw,
      sesMessageId: newSesMessageId(),
      mailFrom: 'loja@exemplo.com.br',
      recipients: ['ouvidoria@ouvidoria.example.com.br'],
      receivedAt: new Date(),
    });
    const verdicts = verdictsOf(SesReceiptEventSchema.parse(event).Records[0]!);
    expect(verdicts.dmarc).toBe(dmarc);
    expect(verdicts.dmarcPolicy).toBe(policy);
  });

  it('survives a message with no header block at all', async () => {
    const event = await sesReceiptEvent({
      raw: Buffer.from('just some bytes without headers'),
      sesMessageId: newSesMessageId(),
      mailFrom: '',
      recipients: ['ouvidoria@ouvidoria.example.com.br'],
      receivedAt: new Date(),
    });
    expect(SesReceiptEventSchema.safeParse(event).success).toBe(true);
  });
});
