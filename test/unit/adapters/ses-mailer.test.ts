import { MessageRejected, SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { headerValue, SesMailer, sendEmailInput, sesMessageIds } from '../../../shared/adapters/ses-mailer';
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

/** Printable ASCII on one line: what SES takes in a MessageHeader and an address. */
const ONE_ASCII_LINE = /^[ -~]*$/;
const header = (input: SendEmailCommand['input'], name: string) =>
  input.Content?.Simple?.Headers?.find((h) => h.Name?.toLowerCase() === name.toLowerCase())?.Value;

describe('sendEmailInput', () => {
  it('gives SES the parts to compose (UTF-8 subject and bodies) and the auto-reply headers, no Message-ID', () => {
    const input = sendEmailInput(mail, 'ouvidoria-events');
    expect(input).toEqual({
      // The name is not ASCII ("—"): RFC 2047 encoded-words, as SES requires.
      FromEmailAddress: `=?UTF-8?B?${Buffer.from('Ouvidoria Bagy — Atendimento').toString('base64')}?= <ouvidoria@bagy.com.br>`,
      Destination: { ToAddresses: ['joao.conceicao@lojadojoao.com.br'] },
      Content: {
        Simple: {
          Subject: { Data: mail.subject, Charset: 'UTF-8' },
          Body: { Text: { Data: mail.text, Charset: 'UTF-8' }, Html: { Data: mail.html, Charset: 'UTF-8' } },
          Headers: [
            { Name: 'Auto-Submitted', Value: 'auto-replied' },
            { Name: 'X-Loop', Value: 'ouvidoria@bagy.com.br' },
            { Name: 'X-Auto-Response-Suppress', Value: 'All' },
            { Name: 'In-Reply-To', Value: '<CAF123@mail.gmail.com>' },
            { Name: 'References', Value: '<CAE000@mail.gmail.com> <CAF123@mail.gmail.com>' },
          ],
        },
      },
      ConfigurationSetName: 'ouvidoria-events',
    });
    expect(input.Content).not.toHaveProperty('Raw');
  });

  it('neutralises header injection in every value', () => {
    const input = sendEmailInput({
      ...mail,
      subject: 'Olá\r\nBcc: vitima@exemplo.com',
      headers: { 'X-Loop': 'a\r\nX-Injected: 1', 'In-Reply-To': '<x@y>\nBcc: z@w' },
    });
    expect(input.Content?.Simple?.Subject?.Data).toBe('Olá Bcc: vitima@exemplo.com');
    expect(header(input, 'x-loop')).toBe('a X-Injected: 1');
    expect(header(input, 'in-reply-to')).toBe('<x@y>');
    expect(input.Content?.Simple?.Headers?.map((h) => h.Name)).toEqual(['X-Loop', 'In-Reply-To']);
  });

  it('ignores attempts to override structural headers, and never sends a Message-ID', () => {
    const input = sendEmailInput({
      ...mail,
      headers: {
        'Message-ID': '<evil@x>',
        From: 'evil@x',
        'Content-Type': 'text/plain',
        'Return-Path': '<>',
        Bcc: 'v@x.y',
      },
    });
    expect(input.Content?.Simple?.Headers).toBeUndefined();
    expect(input.FromEmailAddress).toContain('<ouvidoria@bagy.com.br>');
    expect(JSON.stringify(input)).not.toContain('ouv.1a2b3c');
  });

  it.each(['X Loop', 'X-Loop:', 'X-Loop\r\nBcc', '', 'Ç-Header', `X-${'a'.repeat(130)}`, 'X-Loop\u2028'])(
    'rejects header name %j',
    (name) => {
      expect(() => sendEmailInput({ ...mail, headers: { [name]: 'v' } })).toThrow(/header name/);
    },
  );

  it.each(['', 'no-domain', '<>', 'ção@exemplo.com.br', 'a@b.com c@d.com'])('rejects Message-ID %j', (messageId) => {
    expect(() => sendEmailInput({ ...mail, messageId })).toThrow(/messageId/);
  });

  it('encodes a non-ASCII header value as encoded-words, drops a non-ASCII message id, and fits SES limits', () => {
    const input = sendEmailInput({
      ...mail,
      headers: {
        'X-Ouvidoria-Assunto': 'Reclamação — protocolo',
        'X-Long': 'x'.repeat(2000),
        'In-Reply-To': '<pedidoção@loja.com.br> <ok@loja.com.br>',
        References: '<raiz@loja.com.br> <méio@loja.com.br> <fim@loja.com.br>',
      },
    });
    const headers = input.Content?.Simple?.Headers ?? [];
    expect(header(input, 'x-ouvidoria-assunto')).toBe(
      `=?UTF-8?B?${Buffer.from('Reclamação — protocolo').toString('base64')}?=`,
    );
    expect(header(input, 'in-reply-to')).toBe('<ok@loja.com.br>');
    expect(header(input, 'references')).toBe('<raiz@loja.com.br> <fim@loja.com.br>');
    for (const h of headers) {
      expect(h.Value).toMatch(ONE_ASCII_LINE);
      expect(h.Value!.length).toBeLessThanOrEqual(870);
      expect(h.Name!.length + h.Value!.length).toBeLessThanOrEqual(996);
    }
    expect(header(input, 'x-long')?.length).toBeGreaterThan(800);
  });

  it('keeps the first and the most recent ids of a References chain too long for one header', () => {
    const ids = Array.from(
      { length: 60 },
      (_, i) => `<${String(i).padStart(2, '0')}.${'r'.repeat(30)}@mail.gmail.com>`,
    );
    const value = header(sendEmailInput({ ...mail, headers: { References: ids.join(' ') } }), 'references')!;
    expect(value.length).toBeLessThanOrEqual(870);
    const sent = value.split(' ');
    expect(sent[0]).toBe(ids[0]);
    expect(sent.slice(1)).toEqual(ids.slice(-(sent.length - 1)));
    expect(sent.length).toBeGreaterThan(15);
  });

  it('formats every address as one mailbox with its name encoded when needed', () => {
    const input = sendEmailInput({
      ...mail,
      from: '"Ouvidoria, Bagy" <ouvidoria@bagy.com.br>',
      to: ['João da Conceição <joao@lojadojoao.com.br>', 'maria@lojadamaria.com.br'],
      replyTo: ['Ouvidoria Bagy <caso+OUV-2026-000001.abc@ouvidoria.bagy.com.br>'],
    });
    expect(input.FromEmailAddress).toBe('"Ouvidoria, Bagy" <ouvidoria@bagy.com.br>');
    expect(input.Destination?.ToAddresses).toEqual([
      `=?UTF-8?B?${Buffer.from('João da Conceição').toString('base64')}?= <joao@lojadojoao.com.br>`,
      'maria@lojadamaria.com.br',
    ]);
    expect(input.ReplyToAddresses).toEqual(['Ouvidoria Bagy <caso+OUV-2026-000001.abc@ouvidoria.bagy.com.br>']);
  });

  it('refuses for good an address SES would split or refuse (MailRejected, no address in the message)', () => {
    for (const bad of [
      'lojista@modasbella.com.br\r\nBcc: vitima@example.com',
      'a@b.com.br, c@d.com.br',
      'joão@loja.com.br',
      'sem-arroba',
    ]) {
      const error = (() => {
        try {
          sendEmailInput({ ...mail, to: [bad] });
        } catch (e) {
          return e;
        }
      })();
      expect(error, bad).toBeInstanceOf(MailRejected);
      expect((error as Error).message).not.toContain('@');
    }
  });

  it('sends files as SES attachments: the bytes, a safe name, a valid type, base64', () => {
    const content = Buffer.from('%PDF-1.7 estorno');
    const input = sendEmailInput({
      ...mail,
      files: [
        { filename: 'comprovante.pdf', contentType: 'application/pdf', content },
        { filename: 'nota\r\nBcc: x@y.z/../"a".pdf', contentType: 'text/html\r\nX: 1', content },
        { filename: `relatório ${'á'.repeat(300)}.csv`, contentType: 'text/csv; charset=utf-8', content },
      ],
    });
    const attachments = input.Content?.Simple?.Attachments ?? [];
    expect(attachments[0]).toEqual({
      RawContent: content,
      FileName: 'comprovante.pdf',
      ContentType: 'application/pdf',
      ContentDisposition: 'ATTACHMENT',
      ContentTransferEncoding: 'BASE64',
    });
    expect(attachments[1]).toMatchObject({
      FileName: 'nota Bcc: x@y.z_..__a_.pdf',
      ContentType: 'application/octet-stream',
    });
    expect(attachments[2]?.ContentType).toBe('text/csv');
    expect(Array.from(attachments[2]?.FileName ?? '')).toHaveLength(255);
    expect(attachments[2]?.FileName).toMatch(/…\.csv$/);
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
  it('sends the Simple content with the configuration set and returns SES MessageId', async () => {
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
    expect(input).toEqual(sendEmailInput(mail, 'ouvidoria-events'));
  });

  it('hands a caller’s signal to the SDK, which gives the request up when it aborts', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: '0100018e-abc-000000' });
    const giveUp = new AbortController();
    await new SesMailer({ client }).send(mail, { signal: giveUp.signal });
    const call = ses.commandCalls(SendEmailCommand)[0]! as unknown as { args: unknown[] };
    expect(call.args[1]).toEqual({ abortSignal: giveUp.signal });
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
    await expect(new SesMailer({ client }).send({ ...mail, to: ['a@b.com.br, c@d.com.br'] })).rejects.toThrow(
      MailRejected,
    );
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
  });
});
