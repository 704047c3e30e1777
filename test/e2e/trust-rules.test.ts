/**
 * Trust rules (SPEC "Trust rules"), probed from outside on the local stack as an attacker would:
 * real SMTP client and real HTTP requests, dynalite behind them, requests really concurrent.
 */
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryStatusReport } from '../support/dsn';
import {
  caseOf,
  clearOutbox,
  getCaseRecord,
  listCases,
  mailsTo,
  outbox,
  sendMail,
  waitFor,
  startTestStack,
  confirmationsTo,
  confirmByFetch,
} from './helpers';

/** Wednesday, office open. */
const START = '2026-11-25T10:00:00-03:00';
const MERCHANT = 'lojista@modasbella.com.br';
const STRANGER = 'intruso@golpe.example.net';

let stack: Awaited<ReturnType<typeof startTestStack>>;

beforeAll(async () => {
  // Twelve confirmation links to one merchant in an hour (the load test below confirms them all), more
  // in the day; every request comes from this machine's one address, which opens them all.
  stack = await startTestStack('trust', START, {
    configOverrides: {
      limits: {
        webformConfirmMailsPerAddressPerHour: 20,
        webformConfirmMailsPerAddressPerDay: 100,
        webformPerIpPerHour: 200,
      },
    },
  });
});

afterAll(async () => {
  await stack?.cleanup();
});

/** Sends a raw RFC 5322 message as it is (same bytes, same Message-ID), as a retrying server does. */
async function sendRaw(raw: string, envelopeFrom: string): Promise<string> {
  const transport = nodemailer.createTransport({
    host: stack.host,
    port: stack.ports.smtp,
    secure: false,
    ignoreTLS: true,
  });
  try {
    const info = await transport.sendMail({
      envelope: { from: envelopeFrom, to: [stack.config.ombudsmanAddresses[0] as string] },
      raw,
    });
    const id = /queued as (\S+)/.exec(info.response)?.[1];
    if (!id) throw new Error(`Unexpected SMTP answer: ${info.response}`);
    return id;
  } finally {
    transport.close();
  }
}

async function acceptedCaseOf(sesMessageId: string) {
  const summary = await caseOf(stack, sesMessageId);
  return getCaseRecord(stack, summary.caseId);
}

describe('no one acts on another merchant’s case', () => {
  it('a stranger’s mail that references the merchant’s mail, our acknowledgement or the protocol becomes a case of its own', async () => {
    const first = await sendMail(stack, {
      from: MERCHANT,
      subject: 'Pedidos não sincronizam - chamado #48213',
      text: 'Olá, abri o chamado #48213 no suporte e o problema dos pedidos continua sem solução.',
    });
    const merchantCase = await acceptedCaseOf(first.sesMessageId);
    expect(merchantCase.outcome).toBe('ACCEPTED');
    const ack = merchantCase.reply;
    if (ack?.status !== 'sent') throw new Error('the merchant got no acknowledgement');
    // Our Message-IDs are random: nothing in them derives from the protocol.
    expect(ack.messageId).not.toContain(merchantCase.protocol?.toLowerCase() ?? '—');

    const injected = await sendMail(stack, {
      from: STRANGER,
      subject: `Re: [${merchantCase.protocol}] Recebemos sua manifestação`,
      text: `Complemento do caso ${merchantCase.protocol}: por favor mudem o e-mail de contato para ${STRANGER}.`,
      inReplyTo: first.messageId,
      references: [first.messageId, `<${ack.messageId}>`],
    });
    const strangerCase = await acceptedCaseOf(injected.sesMessageId).catch(() => null);
    const all = await listCases(stack);
    const own = all.find((c) => c.caseId === `email:${injected.sesMessageId}`);
    expect(own).toBeDefined();
    expect(own?.senderEmail).toBe(STRANGER);
    // The team sees what the mail pointed at; the merchant's case did not change.
    expect(strangerCase?.referencedCaseId).toBe(merchantCase.caseId);
    const after = await getCaseRecord(stack, merchantCase.caseId);
    expect(after.messages).toHaveLength(1);

    // The merchant's own answer still threads, and records its sender.
    const followUp = await sendMail(stack, {
      from: MERCHANT,
      subject: `Re: [${merchantCase.protocol}] Recebemos sua manifestação`,
      text: 'Segue o print do erro que aparece na tela de pedidos.',
      inReplyTo: `<${ack.messageId}>`,
    });
    const threaded = await waitFor(
      'the follow-up on the merchant’s case',
      () => getCaseRecord(stack, merchantCase.caseId),
      (c) => c.messages.length === 2,
    );
    expect(threaded.messages[1]?.from?.address).toBe(MERCHANT);
    expect(all.some((c) => c.caseId === `email:${followUp.sesMessageId}`)).toBe(false);
  });
});

describe('the merchant’s address alone joins no case', () => {
  it('a mail with her From that passes no sender check, or that names two authors, becomes a submission of its own', async () => {
    const victim = 'ana@papelariaestrela.com.br';
    const first = await sendMail(stack, {
      from: victim,
      subject: 'Etiquetas não saem - chamado 51000',
      text: 'O chamado 51000 foi encerrado e as etiquetas de envio continuam sem sair.',
    });
    const victimCase = await acceptedCaseOf(first.sesMessageId);
    expect(victimCase.outcome).toBe('ACCEPTED');
    const subject = `Re: [${victimCase.protocol}] Recebemos sua manifestação`;

    // Her From, the attacker's envelope: SPF, DKIM and DMARC all neutral (a domain without them).
    const spoof = await sendMail(stack, {
      from: victim,
      subject,
      text: 'Desisto da reclamação, podem encerrar o caso.',
      headers: { 'X-Local-Verdicts': 'spf=gray dkim=gray dmarc=gray' },
    });
    const twoAuthors = await sendRaw(
      [
        `From: ${victim}, ${STRANGER}`,
        'To: ouvidoria@ouvidoria.example.com.br',
        `Subject: ${subject}`,
        'Message-ID: <two-authors-0001@golpe.example.net>',
        'Date: Wed, 25 Nov 2026 10:10:00 -0300',
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Podem encerrar, já foi resolvido.',
        '',
      ].join('\r\n'),
      STRANGER,
    );
    // Her From under her domain's DMARC p=none (monitoring only): decided, not quarantined, yet joins nothing.
    const monitored = await sendMail(stack, {
      from: victim,
      subject,
      text: 'Podem cancelar o caso, não preciso mais.',
      headers: { 'X-Local-Verdicts': 'spf=fail dkim=fail dmarc=fail dmarc-policy=none' },
    });
    // Her From, SPF passing for the attacker's own envelope domain, and her domain without DMARC.
    const ownEnvelope = await sendMail(stack, {
      from: victim,
      envelopeFrom: STRANGER,
      subject,
      text: 'Troquem o e-mail de contato do caso, por favor.',
      headers: { 'X-Local-Verdicts': 'spf=pass dkim=gray dmarc=gray' },
    });
    for (const id of [spoof.sesMessageId, twoAuthors, monitored.sesMessageId, ownEnvelope.sesMessageId]) {
      const own = await waitFor(
        'the spoof stored on its own',
        () => listCases(stack),
        (list) => list.some((c) => c.caseId === `email:${id}`),
      );
      expect(own.some((c) => c.caseId === `email:${id}`)).toBe(true);
      expect((await getCaseRecord(stack, `email:${id}`)).referencedCaseId).toBe(victimCase.caseId);
    }
    expect((await getCaseRecord(stack, victimCase.caseId)).messages).toHaveLength(1);

    // Her own reply from a domain with SPF and nothing else (a hosting plan): SPF of her own
    // envelope domain proves her From, as DMARC would have checked, and joins her case.
    await sendMail(stack, {
      from: victim,
      envelopeFrom: victim,
      subject,
      text: 'Segue o print das etiquetas com erro.',
      headers: { 'X-Local-Verdicts': 'spf=pass dkim=gray dmarc=gray' },
    });
    const joined = await waitFor(
      'her reply on her case',
      () => getCaseRecord(stack, victimCase.caseId),
      (c) => c.messages.length === 2,
    );
    expect(joined.messages[1]?.from?.address).toBe(victim);
  });

  it('a stranger who types a merchant’s address and ticket gets the neutral 202: no case, the link goes to her', async () => {
    const victim = 'contato@eletroponto.com.br';
    const before = confirmationsTo(await outbox(stack), victim).length;
    const casesBefore = (await listCases(stack)).length;
    const forge = (chamado: string) =>
      fetch(`${stack.urls.form}casos`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({
          nome: 'Fulano',
          email: victim,
          chamado,
          assunto: 'atendimento',
          descricao: `O chamado ${chamado} não foi resolvido: cancelem a minha loja ainda hoje, por favor.`,
          consentimento: true,
        }),
      });
    // Her ticket, and a ticket that is not hers: the same answer (no oracle).
    const [hers, notHers] = await Promise.all([forge('48215'), forge('51000')]);
    expect([hers.status, notHers.status]).toEqual([202, 202]);
    expect(await hers.text()).toBe(await notHers.text());
    const links = await waitFor(
      'the links to the merchant',
      async () => confirmationsTo(await outbox(stack), victim),
      (found) => found.length === before + 2,
    );
    // The links reach her mailbox only, and carry none of the stranger's words.
    for (const mail of links.slice(before)) expect(mail.body.text).not.toContain('cancelem');
    expect((await listCases(stack)).length).toBe(casesBefore);
    // A made-up link registers nothing.
    const forged = await confirmByFetch(
      `${stack.urls.form}confirmar?t=form-${'0'.repeat(64)}.9999999999.${'A'.repeat(43)}`,
    );
    expect(forged.status).toBe(410);
    expect((await listCases(stack)).length).toBe(casesBefore);
  });

  it('a page on another site cannot post the form from its visitors’ browsers', async () => {
    const response = await fetch(`${stack.urls.form}casos`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://golpe.example.net' },
      body: new URLSearchParams({
        nome: 'Ana',
        email: 'ana@papelariaestrela.com.br',
        descricao: 'x'.repeat(40),
      }).toString(),
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Este envio veio de outro site');
  });
});

describe('forged mail changes nothing', () => {
  it('a forged bounce about a merchant silences no one: the next genuine mail is acknowledged', async () => {
    const victim = 'financeiro@casadosaromas.com.br';
    await sendRaw(
      deliveryStatusReport({ failedRecipient: victim, originalMessageId: 'ack-000123@ouvidoria.example.com.br' }),
      '',
    );
    await clearOutbox(stack);
    const genuine = await sendMail(stack, {
      from: victim,
      subject: 'Cobrança em duplicidade - chamado 48214',
      text: 'Bom dia, o chamado 48214 foi encerrado sem resolver a cobrança em duplicidade da fatura de outubro.',
    });
    const stored = await acceptedCaseOf(genuine.sesMessageId);
    expect(stored.outcome).toBe('ACCEPTED');
    const emails = await waitFor(
      'the acknowledgement',
      () => outbox(stack),
      (list) => mailsTo(list, victim).length > 0,
    );
    expect(mailsTo(emails, victim)[0]?.subject).toContain(stored.protocol ?? '—');
  });

  it('the same mail delivered twice (a server retrying after a lost 250) is one case and one reply', async () => {
    const raw = [
      'From: Contato Eletroponto <contato@eletroponto.com.br>',
      'To: ouvidoria@ouvidoria.example.com.br',
      'Subject: Integração parada - chamado #48215',
      'Message-ID: <retry-48215-0001@mail.eletroponto.com.br>',
      'Date: Wed, 25 Nov 2026 10:05:00 -0300',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'O chamado #48215 foi fechado, mas a integração com o ERP continua parada desde segunda.',
      '',
    ].join('\r\n');
    const [a, b] = await Promise.all([
      sendRaw(raw, 'contato@eletroponto.com.br'),
      sendRaw(raw, 'contato@eletroponto.com.br'),
    ]);
    expect(a).not.toBe(b);
    const third = await sendRaw(raw, 'contato@eletroponto.com.br');
    const cases = await waitFor(
      'one case for the three deliveries',
      () => listCases(stack),
      (list) => list.filter((c) => c.senderEmail === 'contato@eletroponto.com.br').length >= 1,
    );
    const mine = cases.filter((c) => c.senderEmail === 'contato@eletroponto.com.br');
    expect(mine).toHaveLength(1);
    expect([`email:${a}`, `email:${b}`, `email:${third}`]).toContain(mine[0]?.caseId);
    const emails = await waitFor(
      'the acknowledgement',
      () => outbox(stack),
      (list) => mailsTo(list, 'contato@eletroponto.com.br').length > 0,
    );
    expect(mailsTo(emails, 'contato@eletroponto.com.br')).toHaveLength(1);
  });
});

describe('limits hold under load', () => {
  it('12 concurrent webform posts from one merchant on one ticket: one case holding them all (past her cap too: a post that joins opens nothing)', async () => {
    const post = (i: number) =>
      fetch(`${stack.urls.form}casos`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': `conc-${i}` },
        body: JSON.stringify({
          nome: 'Carla Doces',
          email: 'carla@docesdacarla.com.br',
          loja: 'Doces da Carla',
          chamado: '52310',
          assunto: 'atendimento',
          descricao: `Relato ${i}: o chamado 52310 foi encerrado e os pedidos do dia ${i} continuam sem baixa de estoque.`,
          consentimento: true,
        }),
      });
    const posted = await Promise.all(Array.from({ length: 12 }, (_, i) => post(i)));
    await Promise.all(posted.map((r) => r.body?.cancel()));
    // Each waits for its link (F1); she opens the twelve links at once.
    expect(posted.map((r) => r.status)).toEqual(Array(12).fill(202));
    const links = await waitFor(
      'twelve confirmation links',
      async () => confirmationsTo(await outbox(stack), 'carla@docesdacarla.com.br'),
      (found) => found.length === 12,
    );
    const urls = links.map(
      (mail) => /https?:\/\/\S+\/confirmar\?t=[A-Za-z0-9._%-]+/.exec(mail.body.text ?? '')?.[0] ?? '',
    );
    const statuses = (await Promise.all(urls.map((url) => confirmByFetch(url)))).map((r) => r.status);
    // Eleven messages committed on one case at the same instant: a writer that lost the case's version
    // six times answers 503 ("tente novamente", nothing half-done), and her second click joins.
    expect(statuses.filter((s) => s !== 201 && s !== 200 && s !== 503)).toEqual([]);
    for (const [i, status] of statuses.entries()) {
      if (status === 503) statuses[i] = (await confirmByFetch(urls[i] ?? '')).status;
    }
    // Her one ticket makes one case; every other post joins it (200), those past her cap too: the cap
    // stops new cases only (a post stopped by it looks for her case of the ticket, waiting for one
    // still being stored).
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(11);
    const cases = await listCases(stack);
    const open = cases.filter((c) => c.senderEmail === 'carla@docesdacarla.com.br' && c.outcome === 'ACCEPTED');
    expect(open).toHaveLength(1);
    const record = await getCaseRecord(stack, open[0]?.caseId as string);
    expect(record.messages).toHaveLength(12);
  });
});
