import { MessageRejected, SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { simpleParser } from 'mailparser';
import { beforeEach, describe, expect, it } from 'vitest';
import { composeRawMessage, headerValue, SesMailer, sesMessageIds } from '../../../shared/adapters/ses-mailer';
import { MailRejected } from '../../../shared/ports';
import type { OutgoingMail } from '../../../shared/ports';

const client = new SESv2Client({ region: 'sa-east-1' });
const ses = mockClient(client);

const mail: OutgoingMail = {
  to: ['joao.conceicao@lojadojoao.com.br'],
  from: 'Ouvidoria Bagy — Atendimento <ouvidoria@bagy.com.br>',
  subject: 'Sua manifestação não tem chamado anterior: procure a Central de Ajuda',
  text: 'Olá, João!\n\nA Ouvidoria é a última instância. Antes, abra um chamado na Central de Ajuda (segunda a sexta, das 8h às 18h).',
  html: '<p>Olá, João!</p><p>A Ouvidoria é a última instância.</p>',
  messageId: 'ouv.1a2b3c@ouvidoria.bagy.com.br',
  headers: {
    'Auto-Submitted': 'auto-replied',
    'In-Reply-To': '<CAF123@mail.gmail.com>',
    References: '<CAE000@mail.gmail.com> <CAF123@mail.gmail.com>',
    'X-Loop': 'ouvidoria@bagy.com.br',
    'X-Auto-Response-Suppress': 'All',
  },
};

beforeEach(() => {
  ses.reset();
});

describe('composeRawMessage', () => {
  it('builds multipart/alternative UTF-8 with our Message-ID and the auto-reply headers', async () => {
    const raw = await composeRawMessage(mail, new Date('2026-03-02T12:00:00Z'));
    const text = raw.toString('utf8');
    // Only ASCII on the wire: subject and display name are RFC 2047 encoded, bodies QP.
    expect([...text].every((ch) => ch === '\t' || ch === '\r' || ch === '\n' || (ch >= ' ' && ch <= '~'))).toBe(true);
    expect(text).toContain('\r\n');
    expect(text).toMatch(/^Subject: =\?UTF-8\?/m);
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe(mail.subject);
    expect(parsed.from?.value[0]).toEqual({ name: 'Ouvidoria Bagy — Atendimento', address: 'ouvidoria@bagy.com.br' });
    expect(parsed.messageId).toBe('<ouv.1a2b3c@ouvidoria.bagy.com.br>');
    expect(parsed.inReplyTo).toBe('<CAF123@mail.gmail.com>');
    expect(parsed.references).toEqual(['<CAE000@mail.gmail.com>', '<CAF123@mail.gmail.com>']);
    expect(parsed.headers.get('auto-submitted')).toBe('auto-replied');
    expect(parsed.headers.get('x-loop')).toBe('ouvidoria@bagy.com.br');
    expect(parsed.headers.get('x-auto-response-suppress')).toBe('All');
    expect(parsed.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
    expect(parsed.text?.trim()).toBe(mail.text);
    expect(parsed.html).toContain('<p>A Ouvidoria é a última instância.</p>');
  });

  it('neutralises header injection in every value', async () => {
    const raw = await composeRawMessage({
      ...mail,
      subject: 'Olá\r\nBcc: vitima@exemplo.com',
      headers: { 'X-Loop': 'a\r\nX-Injected: 1', 'In-Reply-To': '<x@y>\nBcc: z@w' },
    });
    const parsed = await simpleParser(raw);
    expect(parsed.headers.has('bcc')).toBe(false);
    expect(parsed.headers.has('x-injected')).toBe(false);
    expect(parsed.subject).toBe('Olá Bcc: vitima@exemplo.com');
    expect(parsed.headers.get('x-loop')).toBe('a X-Injected: 1');
  });

  it('ignores attempts to override structural headers', async () => {
    const parsed = await simpleParser(
      await composeRawMessage({
        ...mail,
        headers: { 'Message-ID': '<evil@x>', From: 'evil@x', 'Content-Type': 'text/plain', 'Return-Path': '<>' },
      }),
    );
    expect(parsed.messageId).toBe('<ouv.1a2b3c@ouvidoria.bagy.com.br>');
    expect(parsed.from?.value[0]?.address).toBe('ouvidoria@bagy.com.br');
    expect(parsed.headers.has('return-path')).toBe(false);
  });

  it.each(['X Loop', 'X-Loop:', 'X-Loop\r\nBcc', '', 'Ç-Header'])('rejects header name %j', async (name) => {
    await expect(composeRawMessage({ ...mail, headers: { [name]: 'v' } })).rejects.toThrow(/header name/);
  });

  it.each(['', 'no-domain', '<>'])('rejects Message-ID %j', async (messageId) => {
    await expect(composeRawMessage({ ...mail, messageId })).rejects.toThrow(/messageId/);
  });

  it.each([
    ['a\r\nb', 'a b'],
    ['a\nb\n', 'a b'],
    ['\u0000x\u0007', 'x'],
    ['tab\tbecomes a space', 'tab becomes a space'],
    [`${'x'.repeat(1200)}`, `${'x'.repeat(997)}…`],
  ])('headerValue(%j) = %j (the one sanitiser, RFC 5322 line limit)', (input, expected) => {
    expect(headerValue(input)).toBe(expected);
  });

  it('lists both SES Message-ID forms for threading', () => {
    expect(sesMessageIds('0100018e-abc-000000', 'sa-east-1')).toEqual([
      '0100018e-abc-000000@sa-east-1.amazonses.com',
      '0100018e-abc-000000@email.amazonses.com',
    ]);
  });
});

describe('SesMailer', () => {
  it('sends the raw message with the configuration set and returns SES MessageId', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: '0100018e-abc-000000' });
    const mailer = new SesMailer({ client, configurationSetName: 'ouvidoria-events' });
    expect(await mailer.send(mail)).toEqual({
      providerMessageId: '0100018e-abc-000000',
      messageIds: [
        mail.messageId,
        '0100018e-abc-000000@sa-east-1.amazonses.com',
        '0100018e-abc-000000@email.amazonses.com',
      ],
    });
    const input = ses.commandCalls(SendEmailCommand)[0]!.args[0].input;
    expect(input.ConfigurationSetName).toBe('ouvidoria-events');
    expect(input.Destination).toEqual({ ToAddresses: mail.to });
    const parsed = await simpleParser(Buffer.from(input.Content!.Raw!.Data!));
    expect(parsed.subject).toBe(mail.subject);
  });

  it('turns a refusal for good (sandbox, unverified recipient) into MailRejected: no retry helps', async () => {
    ses.on(SendEmailCommand).rejects(new MessageRejected({ message: 'Email address is not verified.', $metadata: {} }));
    const error = await new SesMailer({ client }).send(mail).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailRejected);
    expect((error as Error).cause).toBeInstanceOf(MessageRejected);
  });

  it('propagates a transient SES failure as it is (the caller retries)', async () => {
    const throttled = Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'TooManyRequestsException' });
    ses.on(SendEmailCommand).rejects(throttled);
    const error = await new SesMailer({ client }).send(mail).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(MailRejected);
    expect((error as Error).name).toBe('TooManyRequestsException');
  });

  it('fails when SES returns no MessageId, and refuses a mail without recipients', async () => {
    ses.on(SendEmailCommand).resolves({});
    await expect(new SesMailer({ client }).send(mail)).rejects.toThrow(/MessageId/);
    await expect(new SesMailer({ client }).send({ ...mail, to: [] })).rejects.toThrow(/recipient/);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
  });
});
