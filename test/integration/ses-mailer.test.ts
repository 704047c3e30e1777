import { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
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
  it('delivers a raw message whose subject, text and html keep their accents', async () => {
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
    // The emulator parses raw mail into fields only: custom headers are not exposed by its
    // store (they are asserted on the raw MIME in test/unit/adapters/ses-mailer.test.ts).
  });

  it('sends a header-injection attempt as one harmless subject line', async () => {
    const mailer = new SesMailer({ client });
    await mailer.send({ ...mail, subject: 'Assunto\r\nBcc: vitima@exemplo.com', to: ['a@exemplo.com.br'] });
    const [email] = await ses.outbox();
    expect(email?.subject).toBe('Assunto Bcc: vitima@exemplo.com');
    expect(email?.destination.bcc).toEqual([]);
  });
});
