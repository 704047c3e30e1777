import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  invokeLifecycle,
  localSettings,
  receiptEventForEml,
  storeInvokedMail,
  webformEventForStack,
} from '../../../../scripts/local/invoke';
import { FileRawMailArchive } from '../../../../shared/adapters/raw-mail-archive';
import { writeLocalClock } from '../../../../scripts/local/clock-file';
import { receivedEmailOf, SesReceiptEventSchema } from '../../../../shared/adapters/ses-receipt-event';

const ROOT = join(import.meta.dirname, '../../../..');
const sample = () =>
  JSON.parse(readFileSync(join(ROOT, 'events/ses/receipt-event.json'), 'utf8')) as Record<string, unknown>;
const eml = (name: string) => readFileSync(join(ROOT, 'events/emails', name));
const mail = (lines: string[]) =>
  Buffer.from(`${lines.join('\r\n')}\r\n\r\nBom dia, o chamado #48213 segue parado.\r\n`);

describe('localSettings', () => {
  it.each([
    ['the defaults of npm start', {}, 'http://127.0.0.1:3000', 'http://127.0.0.1:8000', 'http://127.0.0.1:8005'],
    [
      'the ports npm start was given',
      { HTTP_PORT: '24080', DYNAMODB_PORT: '24800', SES_PORT: '24005' },
      'http://127.0.0.1:24080',
      'http://127.0.0.1:24800',
      'http://127.0.0.1:24005',
    ],
  ])('%s: the mailed links open on the stack', (_, env, origin, dynamo, ses) => {
    const settings = localSettings(env);
    expect(settings.config.webformOrigin).toBe(origin);
    expect(settings.dynamoEndpoint).toBe(dynamo);
    expect(settings.sesEndpoint).toBe(ses);
  });
});

describe('localSettings: the clock', () => {
  const stackAt = new Date('2026-12-01T13:00:00.000Z');
  const dataDir = async (withClock: boolean) => {
    const dir = mkdtempSync(join(tmpdir(), 'ouvidoria-invoke-test-'));
    // The stack started at OUVIDORIA_NOW a real second ago: its clock has moved on by that second.
    if (withClock) await writeLocalClock(dir, stackAt, new Date(Date.now() - 1000));
    return dir;
  };

  it.each([
    ['a stack started at OUVIDORIA_NOW: its clock, as npm run report and titular read it', true, {}, 'stack'],
    ['OUVIDORIA_NOW given to invoke: that instant', true, { OUVIDORIA_NOW: '2026-12-02T15:00:00.000Z' }, 'given'],
    ['no stack ever started there: the real clock', false, {}, 'real'],
  ])('%s', async (_, withClock, env, expected) => {
    const now = localSettings({ ...env, LOCAL_DATA_DIR: await dataDir(withClock) }).now;
    if (expected === 'real') expect(now).toBeUndefined();
    if (expected === 'given') expect(now).toBe('2026-12-02T15:00:00.000Z');
    if (expected === 'stack') {
      const moved = Date.parse(now ?? '') - stackAt.getTime();
      expect(moved).toBeGreaterThanOrEqual(1000);
      expect(moved).toBeLessThan(60_000);
    }
  });
});

describe('receiptEventForEml', () => {
  const at = { messageId: 'invoke-abc', receivedAt: new Date('2026-12-01T13:00:00.000Z') };

  it.each([
    [
      'a sample of another merchant: its Return-Path',
      eml('02-billing-complaint-ticket-48214.eml'),
      'financeiro@casadosaromas.com.br',
      'financeiro@casadosaromas.com.br',
    ],
    [
      'no Return-Path: its From',
      mail([
        'From: "Papelaria Estrela" <ana@papelariaestrela.com.br>',
        'To: ouvidoria@ouvidoria.example.com.br',
        'Subject: Chamado 51000',
      ]),
      'ana@papelariaestrela.com.br',
      'ana@papelariaestrela.com.br',
    ],
    [
      'a bounce: the null return path',
      mail(['Return-Path: <>', 'From: MAILER-DAEMON@mx.exemplo.com.br', 'Subject: Undeliverable']),
      '<>',
      '',
    ],
  ])('%s is the envelope sender, where the reply goes', async (_, raw, source, returnPath) => {
    const event = await receiptEventForEml(sample(), raw, at);
    const [record] = SesReceiptEventSchema.parse(event).Records;
    expect(record?.ses.mail.source).toBe(source);
    const received = receivedEmailOf(record as never, { bucket: 'raw', prefix: 'inbound/' });
    expect(received.returnPath).toBe(returnPath);
  });

  it('takes the id, headers and arrival time of this mail, not the sample’s', async () => {
    const event = await receiptEventForEml(sample(), eml('02-billing-complaint-ticket-48214.eml'), at);
    const [record] = SesReceiptEventSchema.parse(event).Records;
    const received = receivedEmailOf(record as never, { bucket: 'raw', prefix: 'inbound/' });
    expect(received).toMatchObject({
      deliveryId: 'invoke-abc',
      receivedAt: '2026-12-01T13:00:00.000Z',
      from: '"Casa dos Aromas - Financeiro" <financeiro@casadosaromas.com.br>',
      subject: 'Cobrança em duplicidade no cartão - protocolo 48214',
      raw: { bucket: 'raw', key: 'inbound/invoke-abc' },
    });
    expect(record?.ses.mail.timestamp).toBe('2026-12-01T13:00:00.000Z');
  });
});

describe('webformEventForStack', () => {
  const post = (origin?: string) => ({
    requestContext: { http: { method: 'POST', path: '/casos' } },
    headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}) },
  });

  it.each([
    ['a sample posted from the default port’s page', 'http://127.0.0.1:3000', 'http://127.0.0.1:24080'],
    ['another site', 'https://golpe.example.com', 'https://golpe.example.com'],
    ['no Origin', undefined, undefined],
  ])('%s: the origin the stack on HTTP_PORT 24080 sees', (_, origin, expected) => {
    const event = webformEventForStack(post(origin), 'http://127.0.0.1:24080');
    expect((event.headers as Record<string, string>).origin).toBe(expected);
  });
});

describe('storeInvokedMail', () => {
  it('keeps the mail where the stack keeps received mail: titular and the console read it there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ouvidoria-invoke-test-'));
    const raw = eml('08-no-prior-ticket.eml');
    const { location } = storeInvokedMail({ LOCAL_DATA_DIR: dir }, 'invoke-abc', raw);
    // What npm run titular reads on the local stack (scripts/titular.ts: <data dir>/mail).
    const archive = new FileRawMailArchive(join(dir, 'mail'));
    expect(await archive.read({ bucket: location.bucket, key: `${location.prefix}invoke-abc` })).toEqual(raw);
  });
});

const CASE_ADDRESS = 'caso+OUV-2026-000001.abc123@ouvidoria.example.com.br';
const staffMail = (to: string, cc?: string) =>
  Buffer.from(
    [
      'From: Ana Souza <ana.souza@ouvidoria.example.com.br>',
      `To: ${to}`,
      ...(cc ? [`Cc: ${cc}`] : []),
      'Subject: Re: [OUV-2026-000001] Novo caso atribuído a você',
      'Message-ID: <r1@ouvidoria.example.com.br>',
      '',
      '#prorrogar 5 aguardando o retorno do time de integrações',
      '',
    ].join('\r\n'),
  );

// Journeys 47: a staff mail invoked on the sample event kept its recipients (the ombudsman address),
// so '#prorrogar' to a case address was quarantined as staff commands sent to the office.
describe('receiptEventForEml: its recipients are the .eml’s of the office’s domain', () => {
  it.each([
    ['a staff mail to its case address', staffMail(`Caso <${CASE_ADDRESS}>`), [CASE_ADDRESS.toLowerCase()]],
    [
      'the case address in Cc',
      staffMail('Mariana Souza <lojista@modasbella.com.br>', CASE_ADDRESS),
      [CASE_ADDRESS.toLowerCase()],
    ],
    [
      'a merchant mail to the office',
      staffMail('Ouvidoria <ouvidoria@ouvidoria.example.com.br>'),
      ['ouvidoria@ouvidoria.example.com.br'],
    ],
    [
      'no address of the office: the sample’s',
      staffMail('alguem@outro.example'),
      ['ouvidoria@ouvidoria.example.com.br'],
    ],
  ])('%s', async (_label, raw, recipients) => {
    const event = await receiptEventForEml(sample(), raw, {
      messageId: 'invoke-1',
      receivedAt: new Date('2026-12-01T13:10:00Z'),
    });
    const [record] = (
      event as { Records: { ses: { mail: Record<string, unknown>; receipt: Record<string, unknown> } }[] }
    ).Records;
    expect(record?.ses.receipt.recipients).toEqual(recipients);
    expect(record?.ses.mail.destination).toEqual(recipients);
  });
});

// Journeys 47: the lifecycle an invocation drove was the Lambda's, whose timers need EventBridge
// Scheduler: an extension or a reopening failed. Its timers are printed, as the assignment's are.
describe('invokeLifecycle: the timers an invocation arms are handed to it', () => {
  it('schedules through the given printer, with the stack’s secret', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'invoke-'));
    writeFileSync(join(dir, 'reply-secret'), 'segredo-local-de-teste-0123456789abcdef');
    const printed: unknown[] = [];
    const deps = await invokeLifecycle(localSettings({ LOCAL_DATA_DIR: dir, INIT_CWD: '/' }), async (t) => {
      printed.push(t);
    });
    const timer = {
      kind: 'reminder' as const,
      caseId: 'email:1',
      dueAt: '2026-12-22T13:00:00Z',
      at: new Date(),
      name: 'r',
    };
    await deps.timers.schedule(timer);
    expect(printed).toEqual([timer]);
  });
});
