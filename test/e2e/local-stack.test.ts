/**
 * End to end on the local stack (scripts/local/stack.ts), started in this process on free ports
 * with a temporary data folder and the virtual clock at a fixed instant:
 * real SMTP client → local SMTP intake → email intake handler → DynamoDB (dynalite) → SES (outbox)
 * → in-process queue → assignment handler; and the webform driven by the system Chromium.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../scripts/local/stack';
import {
  caseOf,
  chromiumAvailable,
  chromiumPath,
  clearOutbox,
  getCaseRecord,
  listCases,
  mailsTo,
  headerOf,
  outbox,
  sendMail,
  waitFor,
  waitForCase,
  consoleSessionCookie,
  openChromium,
  seriousViolations,
  confirmationLinkFor,
  confirmationsTo,
} from './helpers';
import { CONFIRM_WORDS } from '../../shared/domain/webform-confirmation';
import { SESSION_COOKIE } from '../../shared/console/access';

const ROOT = resolve(import.meta.dirname, '..', '..');
const ARTIFACTS = join(ROOT, 'test-artifacts');
/** Wednesday, office open. */
const START = '2026-11-25T10:00:00-03:00';
/** Small quarantine size so that "too big" is cheap to test (the SMTP limit adds 1 MiB). */
const MAX_RAW_MAIL_BYTES = 64 * 1024;
const ANALYST_IDS = ['ana', 'bruno', 'carla'];
const PROTOCOL = /^OUV-2026-\d{6}$/;

let stack: LocalStack;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'ouvidoria-e2e-'));
  stack = await startLocalStack({
    ports: { smtp: 0, http: 0, dynamodb: 0, ses: 0 },
    dataDir,
    fresh: true,
    now: START,
    seedFile: join(ROOT, 'events', 'local-seed.json'),
    logLevel: (process.env.E2E_LOG_LEVEL as 'INFO' | undefined) ?? 'SILENT',
    configOverrides: { limits: { maxRawMailBytes: MAX_RAW_MAIL_BYTES } },
    // Redeliveries of the in-process queue, if any, should not slow the suite down.
    queueBackoffMs: () => 200,
  });
  // aws-ses-v2-local keeps its outbox in a module-global store.
  await clearOutbox(stack);
  await mkdir(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await stack?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const analystEmail = (id: string | null) => stack.seed.analysts.find((a) => a.id === id)?.email ?? '(none)';

describe('SMTP intake', () => {
  it('refuses mail for any other recipient with 550', async () => {
    const error = await sendMail(stack, {
      from: 'lojista@modasbella.com.br',
      to: 'financeiro@ouvidoria.example.com.br',
      subject: 'Teste de destinatário',
      text: 'Esta mensagem não é para a Ouvidoria.',
    }).catch((e: unknown) => e as { responseCode?: number; message: string });
    expect(error).toMatchObject({ responseCode: 550 });
  });

  it('refuses a message over the size limit with 552 and stores nothing', async () => {
    const before = await listCases(stack);
    const error = await sendMail(stack, {
      from: 'lojista@modasbella.com.br',
      subject: 'Planilha de pedidos',
      text: 'Segue a planilha.',
      attachmentBytes: MAX_RAW_MAIL_BYTES + 1024 * 1024,
    }).catch((e: unknown) => e as { responseCode?: number });
    expect(error).toMatchObject({ responseCode: 552 });
    expect(await listCases(stack)).toHaveLength(before.length);
  });

  it('keeps a message over the parse limit (but under the SMTP limit) as QUARANTINED, and tells the sender how to send it', async () => {
    const sent = await sendMail(stack, {
      from: 'contato@eletroponto.com.br',
      subject: 'Relatório completo de pedidos',
      text: 'Segue em anexo o relatório.',
      attachmentBytes: MAX_RAW_MAIL_BYTES * 2,
    });
    const stored = await caseOf(stack, sent.sesMessageId);
    expect(stored).toMatchObject({ outcome: 'QUARANTINED', status: 'QUARANTINED', replyStatus: 'sent' });
    // No protocol (it is not a case yet): a pt-BR note saying it was too big and how to send it.
    const notes = mailsTo(await outbox(stack), 'contato@eletroponto.com.br');
    expect(notes).toHaveLength(1);
    expect(notes[0]?.body.text).toContain('grande demais');
    expect(notes[0]?.subject).not.toMatch(/OUV-/);
  });
});

describe('email pipeline', () => {
  let accepted: { caseId: string; protocol: string; sesMessageId: string };

  it('ACCEPTED: valid prior ticket of the sender → protocol, acknowledgement, assignment and analyst email', async () => {
    const sent = await sendMail(stack, {
      from: 'lojista@modasbella.com.br',
      name: 'Juliana Bella',
      subject: 'Pedidos não sincronizam com o estoque - chamado #48213',
      text:
        'Olá, equipe da Ouvidoria.\n\nDesde o dia 20/11 os pedidos da minha loja não baixam o estoque automaticamente. ' +
        'Abri o chamado #48213 no suporte, mandei prints e vídeos, mas o chamado foi encerrado sem solução.\n\n' +
        'Peço que a Ouvidoria acompanhe o caso.\n\nJuliana Bella\nModas Bella',
    });
    expect(sent.response).toMatch(/^250 /);

    const stored = await caseOf(stack, sent.sesMessageId);
    expect(stored).toMatchObject({
      outcome: 'ACCEPTED',
      senderEmail: 'lojista@modasbella.com.br',
      ticketNumber: '48213',
      ticketStatus: 'valid',
      replyStatus: 'sent',
      subject: 'Pedidos não sincronizam com o estoque - chamado #48213',
    });
    expect(stored.protocol).toMatch(PROTOCOL);
    const protocol = stored.protocol as string;
    accepted = { caseId: stored.caseId, protocol, sesMessageId: sent.sesMessageId };

    // Office open (Wednesday 10:00): assigned at once through the in-process queue.
    const assigned = await waitForCase(stack, stored.caseId, 'assignment', (c) => c.status === 'ASSIGNED');
    expect(ANALYST_IDS).toContain(assigned.assignee);
    expect(assigned.dueAt).toBeTruthy();
    expect(Date.parse(assigned.dueAt as string)).toBeGreaterThan(Date.parse(assigned.assignedAt as string));

    const emails = await waitFor(
      'the analyst notice in the outbox',
      () => outbox(stack),
      (list) => mailsTo(list, analystEmail(assigned.assignee)).some((e) => e.subject.includes(protocol)),
    );
    const ack = mailsTo(emails, 'lojista@modasbella.com.br');
    expect(ack).toHaveLength(1);
    expect(ack[0]?.subject).toContain(protocol);
    expect(ack[0]?.body.text).toContain(protocol);
    expect(ack[0]?.from).toContain(stack.config.fromAddress);
    // The auto-reply headers SES was given (RFC 3834, threading on the merchant's Message-ID); no
    // Message-ID of ours (SES sets its own).
    expect(headerOf(ack[0], 'Auto-Submitted')).toBe('auto-replied');
    expect(headerOf(ack[0], 'In-Reply-To')).toBe(sent.messageId);
    expect(headerOf(ack[0], 'References')).toContain(sent.messageId);
    expect(headerOf(ack[0], 'X-Loop')).toBe(stack.config.ombudsmanAddresses[0]);
    expect(headerOf(ack[0], 'X-Auto-Response-Suppress')).toBe('All');
    expect(headerOf(ack[0], 'Message-ID')).toBeUndefined();
    const notice = mailsTo(emails, analystEmail(assigned.assignee)).find((e) => e.subject.includes(protocol));
    expect(notice?.body.text).toContain('48213');
    // The analyst answers through the office (per-case address), never straight to the merchant.
    expect(notice?.replyTo.join(' ')).toMatch(
      new RegExp(`^caso\\+${protocol}\\.[a-z2-7]+@${stack.config.domain}$`, 'i'),
    );
    expect(notice?.replyTo.join(' ')).not.toContain('lojista@modasbella.com.br');
  });

  it('a reply to the acknowledgement (In-Reply-To from the outbox) is appended to the case, no new case', async () => {
    const ack = mailsTo(await outbox(stack), 'lojista@modasbella.com.br').find((e) =>
      e.subject.includes(accepted.protocol),
    );
    expect(ack).toBeDefined();
    const before = await listCases(stack);

    const sent = await sendMail(stack, {
      from: 'lojista@modasbella.com.br',
      name: 'Juliana Bella',
      // No protocol in the subject or the text: only the In-Reply-To header can thread it.
      subject: 'Re: Mais pedidos vendidos sem estoque',
      text: 'Obrigada pelo retorno. Hoje mais dois pedidos foram vendidos sem estoque: #10234 e #10235.\n\nJuliana',
      // The Message-ID SES gives a message it sends: `<MessageId>@email.amazonses.com` in us-east-1
      // (docs.aws.amazon.com/ses/latest/dg/header-fields.html), the id a mail client answers to.
      inReplyTo: `<${ack?.messageId}@email.amazonses.com>`,
    });

    // The intake runs before the SMTP server answers 250: the case is already updated.
    const record = await getCaseRecord(stack, accepted.caseId);
    expect(record.messages).toHaveLength(2);
    expect(record.messages[1]?.sourceId).toBe(sent.sesMessageId);
    expect(record.messages[1]?.text).toContain('#10234');
    const after = await listCases(stack);
    expect(after).toHaveLength(before.length);
    expect(after.some((c) => c.caseId === `email:${sent.sesMessageId}`)).toBe(false);
  });

  it.each([
    {
      outcome: 'NO_PRIOR_TICKET',
      from: 'joao@lojadojoao.com.br',
      subject: 'Reclamação sobre a lentidão da loja',
      text:
        'Boa noite. O painel da minha loja está muito lento há uma semana e isso está atrapalhando o meu trabalho. ' +
        'Quero registrar uma reclamação formal sobre a qualidade do serviço.\n\nJoão Pereira',
      link: () => stack.config.links.supportCentre,
    },
    {
      outcome: 'BILLING_QUESTION',
      from: 'carla@docesdacarla.com.br',
      subject: 'Dúvida sobre fatura e migração de plano',
      text:
        'Olá! Tenho o plano Básico e queria entender a fatura deste mês: veio um valor diferente do mês passado. ' +
        'Também gostaria de saber como faço a migração de plano para o Profissional.\n\nCarla',
      link: () => stack.config.links.billingKnowledgeBase,
    },
    {
      outcome: 'NOT_A_CLIENT',
      from: 'rafael.souza@gmail.com',
      subject: 'Quanto custa para abrir uma loja?',
      text:
        'Boa tarde, ainda não sou cliente de vocês. Estou pensando em abrir uma loja virtual de camisetas e ' +
        'gostaria de saber os preços dos planos.\n\nRafael',
      link: () => stack.config.links.sales,
    },
  ])('$outcome: stored as REDIRECTED with a guidance reply pointing to the right place', async (row) => {
    const sent = await sendMail(stack, { from: row.from, subject: row.subject, text: row.text });
    const stored = await caseOf(stack, sent.sesMessageId);
    expect(stored).toMatchObject({
      outcome: row.outcome,
      status: 'REDIRECTED',
      protocol: null,
      assignee: null,
      replyStatus: 'sent',
      senderEmail: row.from,
      subject: row.subject,
    });
    const replies = mailsTo(await outbox(stack), row.from);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body.text).toContain(row.link());
  });

  it('TICKET_INVALID, then her answer with the right number: a case whose analyst reads what she wrote first', async () => {
    const from = 'carla@docesdacarla.com.br';
    const first = await sendMail(stack, {
      from,
      name: 'Carla Dias',
      subject: 'Cobrança indevida no cartão',
      text:
        'Boa tarde. Fui cobrada duas vezes pela mensalidade de novembro no cartão de crédito. Abri o chamado ' +
        '52301 no suporte e até agora ninguém devolveu o valor cobrado a mais.\n\nCarla',
    });
    expect(await caseOf(stack, first.sesMessageId)).toMatchObject({ outcome: 'TICKET_INVALID', status: 'REDIRECTED' });
    const guidance = mailsTo(await outbox(stack), from).find((e) => headerOf(e, 'In-Reply-To') === first.messageId);
    expect(guidance?.body.text).toContain('confira o número');

    const answer = await sendMail(stack, {
      from,
      name: 'Carla Dias',
      subject: 'Re: Cobrança indevida no cartão',
      text: 'Desculpem, digitei errado. O número certo do chamado é 52310.\n\nCarla',
      inReplyTo: `<${guidance?.messageId}@email.amazonses.com>`,
    });
    const opened = await caseOf(stack, answer.sesMessageId);
    expect(opened).toMatchObject({ outcome: 'ACCEPTED', ticketNumber: '52310' });
    const assigned = await waitForCase(stack, opened.caseId, 'assignment', (c) => c.status === 'ASSIGNED');
    const emails = await waitFor(
      'the analyst notice in the outbox',
      () => outbox(stack),
      (list) => mailsTo(list, analystEmail(assigned.assignee)).some((e) => e.subject.includes(String(opened.protocol))),
    );
    const notice = mailsTo(emails, analystEmail(assigned.assignee)).find((e) =>
      e.subject.includes(String(opened.protocol)),
    );
    const text = notice?.body.text ?? '';
    expect(text).toContain('Mensagem anterior (respondida com orientação, fora do caso)');
    expect(text).toContain('Fui cobrada duas vezes pela mensalidade de novembro');
    expect(text.indexOf('Fui cobrada duas vezes')).toBeLessThan(text.indexOf('O número certo do chamado é 52310'));
  });

  it('an auto-submitted message is stored but gets no reply (RFC 3834)', async () => {
    const sent = await sendMail(stack, {
      from: 'atendimento@casadosaromas.com.br',
      subject: 'Resposta automática: Recebemos sua mensagem',
      text: 'Olá! Recebemos sua mensagem e responderemos em até 24 horas úteis. Este é um e-mail automático.',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    const stored = await caseOf(stack, sent.sesMessageId);
    expect(stored.replyStatus).toBe('suppressed');
    expect(stored.replyReason).toMatch(/auto-submitted/);
    expect(stored.protocol).toBeNull();
    expect(mailsTo(await outbox(stack), 'atendimento@casadosaromas.com.br')).toHaveLength(0);
  });
});

describe('staff console on the local stack', () => {
  it('lists every submission in pt-BR with merchant text escaped; the old /painel redirects to it', async () => {
    const sent = await sendMail(stack, {
      from: 'ana@papelariaestrela.com.br',
      subject: '<script>alert("x")</script> <b>pedido</b>',
      text: 'Olá, <img src=x onerror=alert(1)> a minha loja parou de emitir notas fiscais.',
    });
    const stored = await caseOf(stack, sent.sesMessageId);
    const supervisor = { cookie: consoleSessionCookie(stack, stack.config.lifecycle.supervisorIds[0] as string) };

    // Without a session a protected route goes to the sign-in and serves nothing; a token that is not
    // a genuine one stops at the authorizer, as on API Gateway.
    for (const headers of [{}, { cookie: 'outro=1' }] as Record<string, string>[]) {
      const none = await fetch(`${stack.urls.equipe}/casos`, { headers, redirect: 'manual' });
      expect(none.status).toBeGreaterThanOrEqual(300);
      expect(none.status).toBeLessThan(400);
      expect(new URL(none.headers.get('location') ?? '', stack.urls.equipe).pathname).toBe('/equipe/entrar');
      expect(await none.text()).not.toContain('papelariaestrela');
    }
    const forged = await fetch(`${stack.urls.equipe}/casos`, { headers: { cookie: `${SESSION_COOKIE}=a.b.c` } });
    expect(forged.status).toBe(403);

    const list = await (
      await fetch(`${stack.urls.equipe}/casos?busca=${encodeURIComponent('ana@papelariaestrela.com.br')}`, {
        headers: supervisor,
      })
    ).text();
    expect(list).toContain('lang="pt-BR"');
    expect(list).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(list).not.toContain('<script>alert');

    const detail = await (
      await fetch(`${stack.urls.equipe}/caso/${encodeURIComponent(stored.caseId)}`, { headers: supervisor })
    ).text();
    expect(detail).toContain('Decisão da triagem');
    expect(detail).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(detail).not.toContain('<img src=x');
    for (const ruleId of stored.ruleIds) expect(detail).toContain(ruleId);

    const origin = new URL(stack.urls.equipe).origin;
    const old = await fetch(`${origin}/painel/${encodeURIComponent(stored.caseId)}`, { redirect: 'manual' });
    expect(old.status).toBe(308);
    expect(old.headers.get('location')).toBe(`/equipe?caso=${encodeURIComponent(stored.caseId)}`);
    const entry = await fetch(`${origin}${old.headers.get('location')}`, { headers: supervisor, redirect: 'manual' });
    expect(entry.headers.get('location')).toBe(`/equipe/caso/${encodeURIComponent(stored.caseId)}`);
  });
});

describe('office hours with the injected clock', () => {
  const FRIDAY_CLOSE = Date.parse('2026-11-27T17:00:00-03:00');
  const MONDAY_OPEN = Date.parse('2026-11-30T09:00:00-03:00');
  const deferred: Array<{ caseId: string; protocol: string; email: string }> = [];

  it('a case sent Friday 16:59:50 is assigned before the close or at the next opening, never in between', async () => {
    stack.clock.set('2026-11-27T16:59:50-03:00');
    const sent = await sendMail(stack, {
      from: 'contato@eletroponto.com.br',
      subject: 'Integração com o ERP parou - chamado 48215',
      text: 'Olá. O chamado 48215 foi encerrado, mas a integração com o ERP continua parada e os pedidos não chegam.',
    });
    const stored = await caseOf(stack, sent.sesMessageId);
    expect(stored.outcome).toBe('ACCEPTED');
    const settled = await waitForCase(
      stack,
      stored.caseId,
      'assignment or deferral',
      (c) => c.status === 'ASSIGNED' || c.deferredUntil !== null,
    );
    if (settled.status === 'ASSIGNED') {
      // The assignment ran while the office was still open.
      expect(Date.parse(settled.assignedAt as string)).toBeLessThan(FRIDAY_CLOSE);
    } else {
      // It reached the assignment after 17:00:00: it waits for Monday 09:00.
      expect(settled.status).toBe('QUEUED');
      expect(Date.parse(settled.deferredUntil as string)).toBe(MONDAY_OPEN);
      deferred.push({
        caseId: stored.caseId,
        protocol: stored.protocol as string,
        email: 'contato@eletroponto.com.br',
      });
    }
  });

  it('a case sent Friday 17:00:10 waits for Monday 09:00 and is assigned then, with its analyst email', async () => {
    stack.clock.set('2026-11-27T17:00:10-03:00');
    const sent = await sendMail(stack, {
      from: 'financeiro@casadosaromas.com.br',
      subject: 'Cobrança em duplicidade - chamado 48214',
      text: 'Fui cobrada duas vezes na fatura de novembro. Abri o chamado 48214 e ninguém resolveu a cobrança indevida.',
    });
    const stored = await caseOf(stack, sent.sesMessageId);
    expect(stored.outcome).toBe('ACCEPTED');
    const waiting = await waitForCase(stack, stored.caseId, 'deferral', (c) => c.deferredUntil !== null);
    expect(waiting).toMatchObject({ status: 'QUEUED', assignee: null });
    expect(Date.parse(waiting.deferredUntil as string)).toBe(MONDAY_OPEN);
    deferred.push({
      caseId: stored.caseId,
      protocol: stored.protocol as string,
      email: 'financeiro@casadosaromas.com.br',
    });

    // Saturday noon: still closed, nothing is released.
    stack.clock.set('2026-11-28T12:00:00-03:00');
    expect(await stack.releaseDeferrals()).toBe(0);
    const saturday = await listCases(stack);
    for (const d of deferred) expect(saturday.find((c) => c.caseId === d.caseId)?.status).toBe('QUEUED');
    // Only the merchants' acknowledgements mention these protocols so far: no analyst notice yet.
    const outboxBefore = await outbox(stack);
    for (const d of deferred) {
      const about = outboxBefore.filter((e) => e.subject.includes(d.protocol));
      expect(about.map((e) => e.destination.to.join(','))).toEqual([expect.stringContaining(d.email)]);
    }

    // Monday 09:00:05: the scheduler releases them and the assignment handler assigns them.
    stack.clock.set('2026-11-30T09:00:05-03:00');
    for (const d of deferred) {
      const assigned = await waitForCase(stack, d.caseId, 'assignment on Monday', (c) => c.status === 'ASSIGNED');
      expect(Date.parse(assigned.assignedAt as string)).toBeGreaterThanOrEqual(MONDAY_OPEN);
      expect(ANALYST_IDS).toContain(assigned.assignee);
      await waitFor(
        `the analyst notice of ${d.protocol}`,
        () => outbox(stack),
        (list) => mailsTo(list, analystEmail(assigned.assignee)).some((e) => e.subject.includes(d.protocol)),
      );
    }
    expect(stack.queue.deadLetters()).toEqual([]);
  });
});

// ---- the webform in a real browser -------------------------------------------------------------

/** CI=true (or any value but "false"/"0"), as CI services and .ci/run set it. */
const underCi = () => Boolean(process.env.CI) && !['false', '0'].includes(String(process.env.CI).toLowerCase());

const browserReason = `Chromium not found at ${chromiumPath()} (set CHROMIUM_PATH, or apt-get install -y chromium)`;

describe('browser prerequisites', () => {
  it('Chromium is installed (required under CI; skipped with a message otherwise)', () => {
    if (chromiumAvailable()) return;
    if (underCi()) throw new Error(`${browserReason}: the browser tests cannot be skipped under CI`);
    console.warn(`\n[e2e] SKIPPING the browser tests: ${browserReason}\n`);
  });
});

describe.skipIf(!chromiumAvailable())('webform in Chromium', () => {
  let context: BrowserContext;
  let page: Page;
  let profileDir: string;

  beforeAll(async () => {
    // The return to Wednesday 10:00 keeps the form case in office hours.
    stack.clock.set('2026-12-02T10:00:00-03:00');
    profileDir = await mkdtemp(join(tmpdir(), 'ouvidoria-chromium-'));
    ({ context, page } = await openChromium(profileDir));
  });

  afterAll(async () => {
    await context?.close();
    if (profileDir) await rm(profileDir, { recursive: true, force: true });
  });

  it('the empty form has no serious or critical accessibility violations', { timeout: 60_000 }, async () => {
    await page.goto(stack.urls.form);
    await expect(page.locator('h1').first().textContent()).resolves.toContain('Ouvidoria');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'webform-empty.png'), fullPage: true });
  });

  it('submitting with errors shows them in the summary and keeps the values', { timeout: 60_000 }, async () => {
    await page.goto(stack.urls.form);
    await page.fill('#nome', 'Juliana Bella');
    await page.fill('#email', 'juliana@');
    await page.fill('#descricao', 'Curto demais');
    await Promise.all([page.waitForURL(/\/casos$/), page.click('button[type=submit]')]);

    const summary = page.locator('#resumo-erros');
    await summary.waitFor({ state: 'visible' });
    const summaryText = (await summary.textContent()) ?? '';
    expect(summaryText.length).toBeGreaterThan(0);
    // One message per field in error, each linked from the summary and shown next to its field.
    for (const field of ['email', 'assunto', 'descricao', 'consentimento']) {
      await expect(page.locator(`#${field}-erro`).isVisible()).resolves.toBe(true);
      await expect(page.locator(`#${field}`).getAttribute('aria-invalid')).resolves.toBe('true');
    }
    await expect(page.inputValue('#nome')).resolves.toBe('Juliana Bella');
    await expect(page.inputValue('#email')).resolves.toBe('juliana@');
    await expect(page.inputValue('#descricao')).resolves.toBe('Curto demais');

    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'webform-errors.png'), fullPage: true });
  });

  it('submitting correctly asks for the confirmation from her mailbox; her post on the ticket of her open case joins it, on the board', {
    timeout: 90_000,
  }, async () => {
    const merchant = 'lojista@modasbella.com.br';
    const linksBefore = confirmationsTo(await outbox(stack), merchant).length;
    await page.goto(stack.urls.form);
    await page.fill('#nome', 'Juliana Bella');
    await page.fill('#email', 'lojista@modasbella.com.br');
    await page.fill('#loja', 'Modas Bella');
    await page.fill('#chamado', '48213');
    await page.selectOption('#assunto', 'atendimento');
    await page.fill(
      '#descricao',
      'Desde a semana passada o estoque não baixa quando um pedido é pago. Abri o chamado 48213 e foi encerrado sem solução.',
    );
    await page.check('#consentimento');
    await Promise.all([page.waitForURL(/\/casos$/), page.click('button[type=submit]')]);

    // Her post cites her ticket (F1): nothing is decided until her mailbox confirms it.
    await expect(page.locator('h1').textContent()).resolves.toBe(CONFIRM_WORDS.sentTitle);
    await expect(page.locator('main').textContent()).resolves.toContain('Enviamos um link para o e-mail informado');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'webform-confirm-sent.png'), fullPage: true });
    expect((await listCases(stack)).filter((c) => c.senderEmail === merchant && c.channel === 'webform')).toEqual([]);

    // The link in the local outbox, opened against the local HTTP port: a page with one button.
    const link = await confirmationLinkFor(stack, merchant, linksBefore);
    expect(link.startsWith(`${stack.urls.form.replace(/\/$/, '')}/confirmar?t=`)).toBe(true);
    await page.goto(link);
    await expect(page.locator('h1').textContent()).resolves.toBe('Confirmar pedido');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'webform-confirm.png'), fullPage: true });
    await Promise.all([page.waitForURL(/\/confirmar$/), page.click('button[type=submit]')]);

    // Her mail on ticket 48213 (the email pipeline, above) is an open case: the post joins it, as her
    // mail naming that ticket would (one complaint, one case, one analyst); the page says which.
    const protocol = ((await page.locator('.protocolo').textContent()) ?? '').trim();
    const cases = await listCases(stack);
    const hers = cases.find(
      (c) => c.senderEmail === merchant && c.ticketNumber === '48213' && c.outcome === 'ACCEPTED',
    );
    expect(hers).toMatchObject({ channel: 'email', protocol });
    await expect(page.locator('h1').textContent()).resolves.toBe('Mensagem acrescentada ao seu caso');
    await expect(page.locator('main').textContent()).resolves.toContain('sobre o chamado 48213');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'webform-joined.png'), fullPage: true });
    expect(cases.filter((c) => c.senderEmail === merchant && c.channel === 'webform')).toEqual([]);

    // The staff console, signed in locally as the supervisor: the case found by its protocol.
    await page.goto(`${stack.urls.equipe}/entrar`);
    await page.check(`input[name="pessoa"][value="${stack.config.lifecycle.supervisorIds[0]}"]`);
    await Promise.all([page.waitForURL(/\/equipe\/casos/), page.click('button[type="submit"]')]);
    await page.fill('#f-busca', protocol);
    await Promise.all([page.waitForURL(/\/equipe\/caso\//), page.click('form.filters button[type="submit"]')]);
    const detail = (await page.locator('main').textContent()) ?? '';
    expect(detail).toContain(protocol);
    expect(detail).toContain('Decisão da triagem');
    expect(detail).toContain('48213');
    expect(detail).toContain('Desde a semana passada o estoque não baixa');
    await page.screenshot({ path: join(ARTIFACTS, 'console-webform-case.png'), fullPage: true });
  });
});
