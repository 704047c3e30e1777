import { simpleParser } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import { describe, expect, it } from 'vitest';
import { relayFileName, withRelayedAttachments } from '../../../shared/adapters/attachment-relay';
import { sendEmailInput } from '../../../shared/adapters/ses-mailer';
import { readMailFiles } from '../../../shared/mail/mail-files';
import { InMemoryRawMailStore, RecordingMailer } from '../../support/fakes';

const RAW = { bucket: 'raw', key: 'inbound/staff-1' };

async function staffMailWithFiles(): Promise<Buffer> {
  return new MailComposer({
    from: 'ana.souza@ouvidoria.example.com.br',
    to: 'caso+OUV-2026-000001.token@ouvidoria.example.com.br',
    subject: 'RE: [OUV-2026-000001]',
    text: 'Segue o comprovante do estorno.',
    attachments: [
      { filename: 'comprovante.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.7 estorno') },
      { filename: 'assinatura.png', contentType: 'image/png', content: Buffer.from('png'), cid: 'logo@x' },
    ],
  })
    .compile()
    .build();
}

const mail = {
  to: ['lojista@modasbella.com.br'],
  from: 'Ouvidoria <ouvidoria@ouvidoria.example.com.br>',
  subject: '[OUV-2026-000001] Resposta da Ouvidoria',
  text: 'Segue o comprovante.',
  html: '<p>Segue o comprovante.</p>',
  messageId: 'abc@ouvidoria.example.com.br',
  headers: {},
};

describe('withRelayedAttachments', () => {
  it('reads the named parts from the staff mail and sends them with the answer', async () => {
    const raw = await staffMailWithFiles();
    const parsed = await simpleParser(raw);
    const pdf = parsed.attachments.find((a) => a.filename === 'comprovante.pdf');
    const store = new InMemoryRawMailStore();
    store.put(RAW, raw);
    const inner = new RecordingMailer();
    await withRelayedAttachments(inner, store, readMailFiles).send({
      ...mail,
      attachments: {
        raw: RAW,
        parts: [{ partId: pdf?.partId ?? undefined, contentType: 'application/pdf', size: 16, inline: false }],
      },
    });
    const sent = inner.sent[0];
    expect(sent?.files?.map((f) => [f.filename, f.contentType, Buffer.from(f.content).toString()])).toEqual([
      ['comprovante.pdf', 'application/pdf', '%PDF-1.7 estorno'],
    ]);
    expect(sent).not.toHaveProperty('attachments');
    // What SES is asked to send: the file as an attachment of the Simple content.
    const attachments = sendEmailInput(sent!).Content?.Simple?.Attachments;
    expect(
      attachments?.map((a) => [a.FileName, a.ContentType, a.ContentDisposition, Buffer.from(a.RawContent!).toString()]),
    ).toEqual([['comprovante.pdf', 'application/pdf', 'ATTACHMENT', '%PDF-1.7 estorno']]);
  });

  it('sends a file with the name and content type the parser checked, not those the mail wrote', async () => {
    const raw = await new MailComposer({
      from: 'lojista@modasbella.com.br',
      to: 'ouvidoria@ouvidoria.example.com.br',
      subject: 'Re: [OUV-2026-000001]',
      text: 'Segue o relato.',
      attachments: [
        { filename: 'leia.html', contentType: 'text/html', content: Buffer.from('Pedido 1234 <b>parado</b>') },
      ],
    })
      .compile()
      .build();
    const partId = (await simpleParser(raw)).attachments[0]?.partId ?? undefined;
    const store = new InMemoryRawMailStore();
    store.put(RAW, raw);
    const inner = new RecordingMailer();
    const checked = {
      filename: 'leia_html.txt',
      contentType: 'text/plain',
      size: 25,
      inline: false,
      partId,
      kind: 'txt' as const,
    };
    await withRelayedAttachments(inner, store, readMailFiles).send({
      ...mail,
      attachments: { raw: RAW, parts: [checked] },
    });
    expect(inner.sent[0]?.files?.map((f) => [f.filename, f.contentType])).toEqual([['leia_html.txt', 'text/plain']]);
  });

  it('a part whose bytes are not the size the parser checked is not sent (another reading of the mail)', async () => {
    const raw = await staffMailWithFiles();
    const pdf = (await simpleParser(raw)).attachments.find((a) => a.filename === 'comprovante.pdf');
    const store = new InMemoryRawMailStore();
    store.put(RAW, raw);
    const inner = new RecordingMailer();
    await withRelayedAttachments(inner, store, readMailFiles).send({
      ...mail,
      attachments: {
        raw: RAW,
        parts: [{ partId: pdf?.partId ?? undefined, contentType: 'application/pdf', size: 17, inline: false }],
      },
    });
    expect(inner.sent[0]?.files ?? []).toEqual([]);
  });

  it('sends a mail without attachments as it is, without reading anything', async () => {
    const inner = new RecordingMailer();
    const store = new InMemoryRawMailStore();
    store.failNext = new Error('must not read');
    await withRelayedAttachments(inner, store, readMailFiles).send(mail);
    expect(inner.sent[0]?.files).toBeUndefined();
  });

  it.each([
    ['../../etc/passwd', '.._.._etc_passwd'],
    ['nota "fiscal".pdf', 'nota _fiscal_.pdf'],
    [undefined, 'anexo-1'],
    ['\u0000\r\n', 'anexo-1'],
  ])('file name %j → %j', (name, expected) => {
    expect(relayFileName(name, 0)).toBe(expected);
  });
});
