import { SESv2Client } from '@aws-sdk/client-sesv2';
import { build } from 'esbuild';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cdkEsbuildOptions, LAMBDAS, ROOT } from '../../bench/bundles';
import { SesMailer } from '../../shared/adapters/ses-mailer';
import type { OutgoingMail } from '../../shared/ports';
import { EMULATOR_CREDENTIALS, EMULATOR_REGION, type SesLocalHandle, startSesLocal } from '../support/emulators';

let ses: SesLocalHandle;
let client: SESv2Client;

beforeAll(async () => {
  ses = await startSesLocal();
  client = new SESv2Client({ endpoint: ses.endpoint, region: EMULATOR_REGION, credentials: EMULATOR_CREDENTIALS });
});

afterAll(async () => {
  client?.destroy();
  await ses?.stop();
});

beforeEach(async () => {
  await ses.clear();
});

const mail: OutgoingMail = {
  to: ['joao.conceicao@lojadojoao.com.br'],
  from: 'Ouvidoria Bagy <ouvidoria@bagy.com.br>',
  replyTo: ['ouvidoria@bagy.com.br'],
  subject: 'Recebemos sua manifestação — protocolo OUV-2026-000123 (atenção: não responda à cobrança)',
  text: 'Olá, João!\n\nSua manifestação foi registrada com o protocolo OUV-2026-000123.\nAtendemos de segunda a sexta, das 9h às 17h, exceto feriados.',
  html: '<p>Olá, João!</p><p>Sua manifestação foi registrada com o protocolo <strong>OUV-2026-000123</strong>.</p><p>Atendemos de segunda a sexta, das 9h às 17h, exceto feriados.</p>',
  messageId: 'ouv.7f3a9c@ouvidoria.bagy.com.br',
  headers: {
    'Auto-Submitted': 'auto-replied',
    'In-Reply-To': '<CAF123@mail.gmail.com>',
    References: '<CAF123@mail.gmail.com>',
    'X-Loop': 'ouvidoria@bagy.com.br',
    'X-Auto-Response-Suppress': 'All',
  },
};

describe('SesMailer against aws-ses-v2-local', () => {
  it('delivers Simple content whose subject, text and html keep their accents, with our headers', async () => {
    const mailer = new SesMailer({ client, configurationSetName: 'ouvidoria' });
    const { providerMessageId } = await mailer.send(mail);
    expect(providerMessageId).toMatch(/\S+/);

    const outbox = await ses.outbox();
    expect(outbox).toHaveLength(1);
    const email = outbox[0]!;
    expect(email.messageId).toBe(providerMessageId);
    expect(email.subject).toBe(mail.subject);
    expect(email.from).toContain('ouvidoria@bagy.com.br');
    expect(email.from).toContain('Ouvidoria Bagy');
    expect(email.destination.to.join(' ')).toContain('joao.conceicao@lojadojoao.com.br');
    expect(email.body.text?.trim()).toBe(mail.text);
    expect(email.body.html).toContain('<strong>OUV-2026-000123</strong>');
    expect(email.body.html).toContain('às 17h');
    expect(email.replyTo).toEqual(['ouvidoria@bagy.com.br']);
    // The emulator keeps the headers of Simple content as SES received them (none for Raw).
    expect(email.headers).toEqual([
      { name: 'Auto-Submitted', value: 'auto-replied' },
      { name: 'X-Loop', value: 'ouvidoria@bagy.com.br' },
      { name: 'X-Auto-Response-Suppress', value: 'All' },
      { name: 'In-Reply-To', value: '<CAF123@mail.gmail.com>' },
      { name: 'References', value: '<CAF123@mail.gmail.com>' },
    ]);
    expect(email.attachments).toEqual([]);
  });

  it('delivers a non-ASCII display name as encoded-words and the files as attachments', async () => {
    const pdf = Buffer.from('%PDF-1.7 estorno');
    await new SesMailer({ client }).send({
      ...mail,
      from: 'Ouvidoria — São Paulo <ouvidoria@bagy.com.br>',
      files: [{ filename: 'comprovante de estorno.pdf', contentType: 'application/pdf', content: pdf }],
    });
    const [email] = await ses.outbox();
    expect(email?.from).toBe(
      `=?UTF-8?B?${Buffer.from('Ouvidoria — São Paulo').toString('base64')}?= <ouvidoria@bagy.com.br>`,
    );
    expect(email?.attachments).toEqual([
      expect.objectContaining({
        filename: 'comprovante de estorno.pdf',
        contentType: 'application/pdf',
        contentDisposition: 'ATTACHMENT',
        content: pdf.toString('base64'),
        size: pdf.length,
      }),
    ]);
  });

  it('sends a header-injection attempt as one harmless subject line', async () => {
    const mailer = new SesMailer({ client });
    await mailer.send({ ...mail, subject: 'Assunto\r\nBcc: vitima@exemplo.com', to: ['a@exemplo.com.br'] });
    const [email] = await ses.outbox();
    expect(email?.subject).toBe('Assunto Bcc: vitima@exemplo.com');
    expect(email?.destination.bcc).toEqual([]);
    expect(email?.headers?.map((h) => h.name)).not.toContain('Bcc');
  });
});

describe('Lambda bundles', () => {
  it('carry no MIME composer: nodemailer is in no function bundle (esbuild metafile of every entry)', async () => {
    // One build of every Lambda, as the CDK bundles them, without minifying or writing (fast).
    const result = await build({
      ...cdkEsbuildOptions(),
      minify: false,
      sourcemap: false,
      write: false,
      entryPoints: LAMBDAS.map((l) => l.entry),
      outdir: `${ROOT}/.bundle-check`,
    });
    const inputs = Object.keys(result.metafile?.inputs ?? {});
    // The metafile is real: every entry and the mailer are in it.
    for (const l of LAMBDAS) expect(inputs).toContain(l.entry);
    expect(inputs).toContain('shared/adapters/ses-mailer.ts');
    // Our nodemailer dependency; mailparser's own copy (email intake only) is its business.
    expect(inputs.filter((path) => path.startsWith('node_modules/nodemailer/'))).toEqual([]);
  }, 60_000);
});
