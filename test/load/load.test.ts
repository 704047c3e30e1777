/**
 * Load on the local stack, in this process, on free loopback ports: 1,000 emails over SMTP
 * (nodemailer, a pool of 10 connections) and 1,000 webform posts (fetch, 20 at a time), with a
 * fifth of each carrying a valid prior ticket so that the assignment path runs too.
 * Asserts: every submission stored exactly once, every merchant answered exactly once, every
 * accepted case assigned once with one analyst notice, nothing dead-lettered.
 * Run with `npm run test:load` (vitest.load.config.ts); skipped in the default suite.
 * Bounded: a fixed count, one stack, a 10-minute limit. No timed assertions: durations are
 * printed for the record only.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoCaseRepository } from '../../shared/adapters/dynamo/case-repository';
import { documentClient } from '../../shared/adapters/dynamo/client';
import type { CaseRecord } from '../../shared/domain/case';
import { type LocalStack, startLocalStack } from '../../scripts/local/stack';
import { type Email, outbox, waitFor } from '../e2e/helpers';
import { confirmationsIn, confirmTokenOf, sesMails } from '../support/confirm';
import { CONFIRM_WORDS } from '../../shared/domain/webform-confirmation';

const EMAILS = 1000;
const FORMS = 1000;
/** The first ACCEPTED_SHARE of each channel cites a seeded ticket of its own sender. */
const ACCEPTED_PER_CHANNEL = 200;
const SMTP_CONNECTIONS = 10;
const FORM_CONCURRENCY = 20;
/** Tuesday 24 Nov 2026, 10:00 in São Paulo: the office is open for the whole run. */
const START = '2026-11-24T10:00:00-03:00';

const emailSender = (i: number) => `lojista${i}@carga-email.com.br`;
const formSender = (i: number) => `cliente${i}@carga-form.com.br`;
const emailTicket = (i: number) => String(700_000 + i);
const formTicket = (i: number) => String(800_000 + i);

const ANALYSTS = [
  { id: 'ana', name: 'Ana Souza', email: 'ana.souza@ouvidoria.example.com.br' },
  { id: 'bruno', name: 'Bruno Oliveira', email: 'bruno.oliveira@ouvidoria.example.com.br' },
  { id: 'carla', name: 'Carla Nascimento', email: 'carla.nascimento@ouvidoria.example.com.br' },
];

/** What each mail or form says, by index: accepted first, then every guidance outcome. */
const EMAIL_TEXTS = [
  (i: number) => ({
    subject: `Reclamação sobre o chamado #${emailTicket(i)}`,
    text: `Olá, abri o chamado #${emailTicket(i)} há duas semanas e o problema dos pedidos continua. Peço ajuda da Ouvidoria.`,
  }),
  () => ({ subject: 'Reclamação', text: 'O checkout da minha loja está muito lento e ninguém me responde.' }),
  () => ({
    subject: 'Sem acesso',
    text: 'Meu usuário foi bloqueado por inatividade e não consigo acessar o painel administrativo.',
  }),
  () => ({
    subject: 'Dúvida sobre fatura',
    text: 'Gostaria de entender o valor da minha fatura e como migrar de plano.',
  }),
  () => ({ subject: 'Preços', text: 'Ainda não sou cliente e gostaria de saber os preços dos planos.' }),
];

const TOPICS = ['atendimento', 'cobranca', 'acesso', 'outro'] as const;

let stack: LocalStack;
let dataDir: string;
const timings: Record<string, number> = {};
const byOutcome: Record<string, number> = {};

const enabled = Boolean(process.env.OUVIDORIA_LOAD_TEST);

describe.skipIf(!enabled)('load on the local stack', () => {
  beforeAll(async () => {
    const started = Date.now();
    dataDir = await mkdtemp(join(tmpdir(), 'ouvidoria-load-'));
    const seedFile = join(dataDir, 'seed.json');
    await writeFile(
      seedFile,
      JSON.stringify({
        analysts: ANALYSTS,
        tickets: [
          ...Array.from({ length: ACCEPTED_PER_CHANNEL }, (_, i) => ({
            id: emailTicket(i),
            requesterEmail: emailSender(i),
          })),
          ...Array.from({ length: ACCEPTED_PER_CHANNEL }, (_, i) => ({
            id: formTicket(i),
            requesterEmail: formSender(i),
          })),
        ],
      }),
    );
    stack = await startLocalStack({
      ports: { smtp: 0, http: 0, dynamodb: 0, ses: 0 },
      dataDir: join(dataDir, 'stack'),
      fresh: true,
      now: START,
      seedFile,
      logLevel: 'ERROR',
      // Every post comes from 127.0.0.1: the per-IP limit (tested elsewhere) would stop the load at 20.
      configOverrides: { limits: { webformPerIpPerHour: FORMS * 2 } },
      queueBackoffMs: () => 200,
      schedulerIntervalMs: 200,
    });
    timings.startMs = Date.now() - started;
  });

  afterAll(async () => {
    await stack?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    // Passing tests stay silent; LOAD_REPORT=<file> keeps the figures for a human who wants them.
    if (process.env.LOAD_REPORT)
      await writeFile(process.env.LOAD_REPORT, `${JSON.stringify({ timings, byOutcome })}\n`);
  });

  it('stores 1,000 emails and 1,000 form posts exactly once and answers each exactly once', async () => {
    // --- 1,000 emails over SMTP, 10 connections ------------------------------------------------
    let started = Date.now();
    const transport = nodemailer.createTransport({
      host: stack.host,
      port: stack.ports.smtp,
      secure: false,
      ignoreTLS: true,
      pool: true,
      maxConnections: SMTP_CONNECTIONS,
      maxMessages: Number.POSITIVE_INFINITY,
      socketTimeout: 120_000,
    });
    const smtpAnswers = await Promise.all(
      Array.from({ length: EMAILS }, (_, i) => {
        const content = i < ACCEPTED_PER_CHANNEL ? EMAIL_TEXTS[0]!(i) : EMAIL_TEXTS[1 + (i % 4)]!(i);
        return transport
          .sendMail({
            from: { name: `Lojista ${i}`, address: emailSender(i) },
            to: stack.config.ombudsmanAddresses[0],
            subject: content.subject,
            text: content.text,
          })
          .then((info) => info.response);
      }),
    );
    transport.close();
    timings.smtpMs = Date.now() - started;
    expect(smtpAnswers.filter((r) => !/^250 /.test(r))).toEqual([]);

    // --- 1,000 form posts, 20 at a time --------------------------------------------------------------
    started = Date.now();
    const statuses: number[] = [];
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < FORMS; i = next++) {
        const accepted = i < ACCEPTED_PER_CHANNEL;
        const body = new URLSearchParams({
          nome: `Cliente ${i}`,
          email: formSender(i),
          loja: `Loja ${i}`,
          ...(accepted ? { chamado: formTicket(i) } : {}),
          assunto: accepted ? 'atendimento' : (TOPICS[i % TOPICS.length] as string),
          descricao: accepted
            ? `Abri o chamado ${formTicket(i)} no suporte e o problema das entregas continua sem solução.`
            : `Mensagem de teste de carga número ${i}: os pedidos da loja não aparecem no painel.`,
          ...(!accepted && i % 10 === 9 ? { naoCliente: 'on' } : {}),
          consentimento: 'on',
        });
        const response = await fetch(`http://${stack.host}:${stack.ports.http}/casos`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body,
        });
        await response.arrayBuffer();
        statuses[i] = response.status;
      }
    };
    await Promise.all(Array.from({ length: FORM_CONCURRENCY }, worker));
    timings.formsMs = Date.now() - started;
    // The posts that cite a ticket wait for their link (F1); the others are answered at once.
    expect(statuses.filter((s) => s !== 200 && s !== 202)).toEqual([]);
    expect(statuses.filter((s) => s === 202)).toHaveLength(ACCEPTED_PER_CHANNEL);

    // --- each of those merchants opens her link, 20 at a time ----------------------------------------
    started = Date.now();
    const links = confirmationsIn(sesMails(await outbox(stack))).map((m) => confirmTokenOf([m]));
    expect(links).toHaveLength(ACCEPTED_PER_CHANNEL);
    const confirmed: number[] = [];
    let nextLink = 0;
    const confirmer = async () => {
      for (let i = nextLink++; i < links.length; i = nextLink++) {
        const response = await fetch(`http://${stack.host}:${stack.ports.http}/confirmar`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: new URLSearchParams({ t: links[i] as string }),
        });
        await response.arrayBuffer();
        confirmed[i] = response.status;
      }
    };
    await Promise.all(Array.from({ length: FORM_CONCURRENCY }, confirmer));
    timings.confirmationsMs = Date.now() - started;
    expect(confirmed.filter((s) => s !== 201)).toEqual([]);

    // --- every accepted case assigned (the queue drains asynchronously) ----------------------------------
    started = Date.now();
    const doc = documentClient({ endpoint: stack.urls.dynamodb, region: 'us-east-1' });
    const cases = new DynamoCaseRepository({ client: doc, tableName: stack.tableName });
    let all: CaseRecord[] = [];
    try {
      all = await waitFor(
        'every accepted case to be assigned and notified',
        () => cases.listAll(10_000),
        (list) =>
          list.length >= EMAILS + FORMS &&
          list.filter((c) => c.outcome === 'ACCEPTED').every((c) => c.status === 'ASSIGNED' && c.analystNotifiedAt),
        { timeoutMs: 300_000, intervalMs: 2000 },
      );
    } finally {
      doc.destroy();
    }
    timings.assignmentDrainMs = Date.now() - started;

    // Stored exactly once: one record per delivery, no duplicates, nothing quarantined.
    expect(all).toHaveLength(EMAILS + FORMS);
    expect(new Set(all.map((c) => c.caseId)).size).toBe(EMAILS + FORMS);
    expect(all.filter((c) => c.channel === 'email')).toHaveLength(EMAILS);
    expect(all.filter((c) => c.channel === 'webform')).toHaveLength(FORMS);
    const senders = all.map((c) => c.senderEmail);
    expect(new Set(senders).size).toBe(EMAILS + FORMS);
    expect(all.filter((c) => c.outcome === 'QUARANTINED')).toEqual([]);
    const accepted = all.filter((c) => c.outcome === 'ACCEPTED');
    expect(accepted).toHaveLength(2 * ACCEPTED_PER_CHANNEL);
    expect(new Set(accepted.map((c) => c.protocol)).size).toBe(accepted.length);
    for (const c of all) byOutcome[c.outcome] = (byOutcome[c.outcome] ?? 0) + 1;

    // The board's JSON view answers under load (it lists the newest 1,000).
    const api = await fetch(stack.urls.api);
    expect(api.status).toBe(200);
    expect(((await api.json()) as unknown[]).length).toBeGreaterThan(0);

    // Replied exactly once: one email per merchant, one notice per accepted case.
    const emails: Email[] = await outbox(stack);
    const perRecipient = new Map<string, Email[]>();
    for (const e of emails) {
      for (const to of e.destination.to) {
        const address = (/<([^>]+)>/.exec(to)?.[1] ?? to).trim().toLowerCase();
        perRecipient.set(address, [...(perRecipient.get(address) ?? []), e]);
      }
    }
    // Besides her confirmation link (the webform merchants who cited a ticket).
    const repliesTo = (s: string) => (perRecipient.get(s) ?? []).filter((e) => e.subject !== CONFIRM_WORDS.mailSubject);
    const merchantsWithoutExactlyOne = senders.filter((s) => repliesTo(s).length !== 1);
    expect(merchantsWithoutExactlyOne).toEqual([]);
    const notices = ANALYSTS.flatMap((a) => perRecipient.get(a.email) ?? []);
    expect(notices).toHaveLength(accepted.length);
    const noticed = notices.map((n) => /OUV-\d{4}-\d{6}/.exec(n.subject)?.[0]);
    expect(new Set(noticed).size).toBe(accepted.length);
    expect(emails).toHaveLength(EMAILS + FORMS + accepted.length + ACCEPTED_PER_CHANNEL);

    // Nothing waits or died in the queue.
    expect(stack.queue.deadLetters()).toEqual([]);
    timings.total = Object.values(timings).reduce((a, b) => a + b, 0);
  });
});
