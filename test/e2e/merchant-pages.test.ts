/**
 * The merchant's signed-link pages on the local stack, in Chromium (issue 14, SPEC step 8): a case
 * closed by staff mail sends five survey links; opening one records nothing until the merchant
 * confirms (with a comment); a second answer is refused. The merchant asks for a status link on
 * /consulta, opens it from the outbox once, and sees the case; the reuse is refused. axe-core on
 * every page; screenshots in test-artifacts/.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../scripts/local/stack';
import { DynamoSurveyStore } from '../../shared/adapters/dynamo/survey-store';
import { documentClient } from '../../shared/adapters/dynamo/client';
import type { CaseRecord } from '../../shared/domain/case';
import { surveyUrl } from '../../shared/domain/lifecycle/survey';
import type { WorkCase } from '../../shared/domain/lifecycle/types';
import {
  caseOf,
  chromiumAvailable,
  clearOutbox,
  type Email,
  getCaseRecord,
  mailsTo,
  outbox,
  sendMail,
  waitFor,
  openChromium,
  seriousViolations,
} from './helpers';

const ROOT = resolve(import.meta.dirname, '..', '..');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const START = '2026-11-25T10:00:00-03:00';
const MERCHANT = 'lojista@modasbella.com.br';

let stack: LocalStack;
let dataDir: string;
let context: BrowserContext;
let page: Page;
let profileDir: string;

describe.skipIf(!chromiumAvailable())('survey and status pages in Chromium', () => {
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ouvidoria-e2e-merchant-'));
    await mkdir(ARTIFACTS, { recursive: true });
    stack = await startLocalStack({
      ports: { smtp: 0, http: 0, dynamodb: 0, ses: 0 },
      dataDir,
      fresh: true,
      now: START,
      seedFile: join(ROOT, 'events', 'local-seed.json'),
      logLevel: 'SILENT',
      queueBackoffMs: () => 200,
    });
    await clearOutbox(stack);
    profileDir = await mkdtemp(join(tmpdir(), 'ouvidoria-chromium-merchant-'));
    ({ context, page } = await openChromium(profileDir));
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await stack?.stop();
    if (profileDir) await rm(profileDir, { recursive: true, force: true });
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const newMail = async (to: string, count: number, what: string): Promise<Email> => {
    const list = await waitFor(
      what,
      () => outbox(stack),
      (all) => mailsTo(all, to).length >= count,
    );
    return mailsTo(list, to)[count - 1] as Email;
  };

  let protocol = '';

  it('a case closed by staff mail sends survey links; confirming one with a comment records it once', {
    timeout: 120_000,
  }, async () => {
    const first = await sendMail(stack, {
      from: MERCHANT,
      name: 'Marina Costa',
      subject: 'Pedidos não sincronizam - chamado #48213',
      text: 'Olá, abri o chamado #48213 no suporte há duas semanas e os pedidos continuam sem sincronizar.',
    });
    const { caseId } = await caseOf(stack, first.sesMessageId);
    const work = () => getCaseRecord(stack, caseId) as Promise<CaseRecord & WorkCase>;
    const assigned = await waitFor('assignment', work, (c) => c.status === 'ASSIGNED');
    protocol = assigned.protocol as string;
    const analystEmail = stack.seed.analysts.find((a) => a.id === assigned.assignee)?.email as string;
    const notice = await newMail(analystEmail, 1, 'the analyst notice');
    await sendMail(stack, {
      from: analystEmail,
      to: notice.replyTo[0] as string,
      subject: `RE: [${protocol}]`,
      text: '#encerrar resolvido Integração corrigida\nMarina, os pedidos voltaram a sincronizar.',
    });
    await waitFor('closed', work, (c) => c.status === 'CLOSED');
    const closing = await waitFor(
      'the closing mail',
      () => outbox(stack),
      (all) => mailsTo(all, MERCHANT).some((m) => (m.body.text ?? '').includes('/pesquisa?')),
    ).then((all) => mailsTo(all, MERCHANT).find((m) => (m.body.text ?? '').includes('/pesquisa?')) as Email);
    const links = [...(closing.body.text ?? '').matchAll(/https?:\/\/[^\s<>()]+\/pesquisa\?[A-Za-z0-9=&%_.-]+/g)].map(
      (m) => m[0],
    );
    const four = links.find((l) => new URL(l).searchParams.get('n') === '4') as string;

    await page.goto(four);
    await expect(page.locator('h1').textContent()).resolves.toBe('Avaliação do atendimento');
    await expect(page.locator('.protocolo').textContent()).resolves.toContain('4 — Satisfeito(a)');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'survey-confirm.png'), fullPage: true });
    // Opening the page recorded nothing (mail scanners open links).
    const surveys = new DynamoSurveyStore(documentClient({ endpoint: stack.urls.dynamodb }), stack.tableName);
    expect(await surveys.get(protocol)).toBeNull();

    // The closing mail open in a second tab too, on 2, with words of her own, confirmed after the first.
    const two = links.find((l) => new URL(l).searchParams.get('n') === '2') as string;
    const tab = await context.newPage();
    await tab.goto(two);
    await tab.fill('#comentario', 'Demorou, mas resolveram.');

    await page.fill('#comentario', 'Resolveram rápido, obrigado <3');
    await Promise.all([page.waitForURL(/\/pesquisa$/), page.click('button[type=submit]')]);
    await expect(page.locator('h1').textContent()).resolves.toBe('Obrigado pela sua avaliação');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'survey-thanks.png'), fullPage: true });
    const recorded = await surveys.get(protocol);
    expect(recorded).toMatchObject({ score: 4, comment: 'Resolveram rápido, obrigado <3' });

    // The second tab is told which score counts and that its words were not kept.
    await Promise.all([tab.waitForURL(/\/pesquisa$/), tab.click('button[type=submit]')]);
    await expect(tab.locator('h1').textContent()).resolves.toBe('Pesquisa já respondida');
    const told = await tab.locator('main').innerText();
    expect(told).toContain('Nota registrada: 4 — Satisfeito(a).');
    expect(told).toContain('O comentário que você escreveu agora não foi registrado.');
    expect(await seriousViolations(tab)).toEqual([]);
    await tab.close();
    expect(await surveys.get(protocol)).toMatchObject({ score: 4, comment: 'Resolveram rápido, obrigado <3' });

    await page.goto(two);
    await expect(page.locator('h1').textContent()).resolves.toBe('Pesquisa já respondida');
    await expect(page.locator('main').innerText()).resolves.toContain('Nota registrada: 4 — Satisfeito(a).');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('a tampered survey link gets a clear pt-BR page with 400', { timeout: 60_000 }, async () => {
    const response = await page.goto(`${stack.urls.form}pesquisa?p=${protocol}&n=5&x=9999999999&sig=${'A'.repeat(43)}`);
    expect(response?.status()).toBe(400);
    await expect(page.locator('main').textContent()).resolves.toContain('pode ter sido alterado');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('an expired survey link says the survey closed (410), in pt-BR, accessible', { timeout: 60_000 }, async () => {
    const past = new Date(stack.clock.now().getTime() - 60_000);
    const query = new URL(surveyUrl(protocol, 3, past, stack.replySecret, stack.config)).search;
    const response = await page.goto(`${stack.urls.form}pesquisa${query}`);
    expect(response?.status()).toBe(410);
    await expect(page.locator('h1').textContent()).resolves.toBe('Pesquisa encerrada');
    await expect(page.locator('main').textContent()).resolves.toContain(
      'O prazo para avaliar este atendimento terminou',
    );
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('the merchant asks for a status link, opens it once and sees the case; the reuse is refused', {
    timeout: 90_000,
  }, async () => {
    await clearOutbox(stack);
    await page.goto(`${stack.urls.form}consulta`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'status-form.png'), fullPage: true });
    await page.fill('#protocolo', protocol);
    await page.fill('#email', MERCHANT);
    await Promise.all([page.waitForURL(/\/consulta$/), page.click('button[type=submit]')]);
    await expect(page.locator('h1').textContent()).resolves.toBe('Pedido recebido');
    const answerForMatch = await page.locator('main').innerHTML();
    expect(await seriousViolations(page)).toEqual([]);

    // Someone else's address: the very same page, and no mail to anyone.
    await page.goto(`${stack.urls.form}consulta`);
    await page.fill('#protocolo', protocol);
    await page.fill('#email', 'curioso@example.com');
    await Promise.all([page.waitForURL(/\/consulta$/), page.click('button[type=submit]')]);
    expect(await page.locator('main').innerHTML()).toBe(answerForMatch);

    const mail = await newMail(MERCHANT, 1, 'the status link mail');
    const link = /https?:\/\/\S+\/consulta\/caso\?[^\s)]+/.exec(mail.body.text ?? '')?.[0] as string;
    expect(mailsTo(await outbox(stack), 'curioso@example.com')).toHaveLength(0);

    await page.goto(link);
    expect(await seriousViolations(page)).toEqual([]);
    await Promise.all([page.waitForURL(/\/consulta\/caso$/), page.click('button[type=submit]')]);
    await expect(page.locator('h1').textContent()).resolves.toBe(`Caso ${protocol}`);
    const shown = (await page.locator('main').textContent()) ?? '';
    expect(shown).toContain('Encerrado');
    expect(shown).toContain('os pedidos voltaram a sincronizar');
    expect(shown).not.toContain('@ouvidoria.example.com.br');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'status-case.png'), fullPage: true });

    // Opened again: the GET itself says the link was used (nothing to confirm), and offers a new one.
    const reuse = await page.goto(link);
    expect(reuse?.status()).toBe(410);
    await expect(page.locator('h1').textContent()).resolves.toBe('Link já utilizado');
    expect(await page.locator('button[type=submit]').count()).toBe(0);
    await expect(page.locator('main a[href$="/consulta"]').count()).resolves.toBe(1);
  });

  // Journeys 62: written from her phone with no ticket, answered by our guidance, then her answer with
  // the number opened the case — and her page showed only that answer, her complaint nowhere.
  it('a case opened by her answer to our guidance shows her first mail too, on a phone', {
    timeout: 90_000,
  }, async () => {
    const CARLA = 'carla@docesdacarla.com.br';
    const complaint = 'vcs podem ver pq os pix dos meus clientes nao tao caindo na minha conta?? 😩 ja faz 5 dias';
    const first = await sendMail(stack, {
      from: CARLA,
      name: 'Carla Doces',
      subject: 'meu pix nao caiu',
      text: `boa tarde!! ${complaint}`,
    });
    const guided = await caseOf(stack, first.sesMessageId);
    expect(guided.outcome).toBe('NO_PRIOR_TICKET');
    const guidance = `<${guided.replyMessageId}>`;
    const answer = await sendMail(stack, {
      from: CARLA,
      name: 'Carla Doces',
      subject: 'Re: meu pix nao caiu',
      text: 'ah sim, o chamado eh 52310 😊',
      inReplyTo: guidance,
      references: [first.messageId, guidance],
    });
    const opened = await caseOf(stack, answer.sesMessageId);
    expect(opened.outcome).toBe('ACCEPTED');
    const before = mailsTo(await outbox(stack), CARLA).length;

    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${stack.urls.form}consulta`);
    await page.fill('#protocolo', opened.protocol as string);
    await page.fill('#email', CARLA);
    await Promise.all([page.waitForURL(/\/consulta$/), page.click('button[type=submit]')]);
    const mail = await newMail(CARLA, before + 1, 'her status link mail');
    const link = /https?:\/\/\S+\/consulta\/caso\?[^\s)]+/.exec(mail.body.text ?? '')?.[0] as string;
    await page.goto(link);
    await Promise.all([page.waitForURL(/\/consulta\/caso$/), page.click('button[type=submit]')]);
    const shown = (await page.locator('main').textContent()) ?? '';
    expect(shown).toContain(complaint);
    expect(shown).toContain('ah sim, o chamado eh 52310');
    expect(shown.indexOf(complaint)).toBeLessThan(shown.indexOf('ah sim, o chamado eh 52310'));
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
