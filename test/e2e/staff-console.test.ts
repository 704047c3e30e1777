/**
 * The staff console on the local stack, in Chromium (issue 14): an analyst signs in locally (a
 * token of the local key set, verified by aws-jwt-verify as on AWS), finds an assigned case by
 * protocol, answers it (the merchant's mail appears in the SES outbox) and closes it; another
 * analyst's case is 403; a POST without the CSRF token, a forged token and an expired one are
 * refused; a supervisor sees every case, releases a quarantined mail into triage (it becomes a
 * case, the merchant is acknowledged) and puts an analyst on leave (the next case goes to someone
 * else); a merchant writing from another address of hers is told how to reach her case, and the team
 * sees which case that mail cites. axe-core on every page; screenshots in test-artifacts/.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../scripts/local/stack';
import { cognitoIssuer } from '../../shared/adapters/cognito-token-verifier';
import { LOCAL_CLIENT_ID, LOCAL_USER_POOL_ID } from '../../shared/composition/console';
import { EXPIRED_SESSION_GRACE_SECONDS, SESSION_COOKIE, SIGNED_OUT_MARKER } from '../../shared/console/access';
import { signLocalIdToken } from '../../shared/console/local-keys';
import type { CaseRecord } from '../../shared/domain/case';
import type { WorkCase } from '../../shared/domain/lifecycle/types';
import {
  caseOf,
  chromiumAvailable,
  clearOutbox,
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
/** Seeded tickets and their requesters (events/local-seed.json): each mail is ACCEPTED. */
const MERCHANTS = [
  ['lojista@modasbella.com.br', '48213'],
  ['financeiro@casadosaromas.com.br', '48214'],
  ['contato@eletroponto.com.br', '48215'],
] as const;

let stack: LocalStack;
let dataDir: string;
let context: BrowserContext;
let page: Page;
let profileDir: string;
type Work = CaseRecord & WorkCase;

describe.skipIf(!chromiumAvailable())('staff console in Chromium', () => {
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ouvidoria-e2e-console-'));
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
    profileDir = await mkdtemp(join(tmpdir(), 'ouvidoria-chromium-console-'));
    ({ context, page } = await openChromium(profileDir));
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await stack?.stop();
    if (profileDir) await rm(profileDir, { recursive: true, force: true });
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function expectAccessible(name: string): Promise<void> {
    await page.screenshot({ path: join(ARTIFACTS, `console-${name}.png`), fullPage: true });
    const serious = await seriousViolations(page);
    expect(serious, name).toEqual([]);
  }

  async function signInAs(id: string): Promise<void> {
    await context.clearCookies();
    await page.goto(stack.urls.equipe);
    expect(new URL(page.url()).pathname).toBe('/equipe/entrar');
    await expectAccessible(`sign-in-${id}`);
    await page.check(`input[name="pessoa"][value="${id}"]`);
    await Promise.all([page.waitForURL(/\/equipe\/casos/), page.click('button[type="submit"]')]);
  }

  const cases: Work[] = [];
  let analyst = '';
  let mine: Work;
  let theirs: Work;

  it('three merchants write; the cases are assigned', { timeout: 120_000 }, async () => {
    for (const [from, ticket] of MERCHANTS) {
      const sent = await sendMail(stack, {
        from,
        subject: `Pedidos não sincronizam - chamado #${ticket}`,
        text: `Olá, abri o chamado #${ticket} no suporte e o problema continua. Peço ajuda da Ouvidoria.`,
      });
      const { caseId } = await caseOf(stack, sent.sesMessageId);
      cases.push(
        await waitFor(
          'assignment',
          () => getCaseRecord(stack, caseId) as Promise<Work>,
          (c) => c.status === 'ASSIGNED',
        ),
      );
    }
    const supervisors = stack.config.lifecycle.supervisorIds;
    mine = cases.find((c) => !supervisors.includes(c.assignee as string)) as Work;
    analyst = mine.assignee as string;
    theirs = cases.find((c) => c.assignee !== analyst) as Work;
    expect(mine && theirs).toBeTruthy();
  });

  it('the link in the assignment mail signs the analyst in and opens that case', { timeout: 120_000 }, async () => {
    const notices = await waitFor(
      'the analyst notice',
      () => outbox(stack),
      (all) => all.some((m) => m.subject.includes(mine.protocol as string) && m.subject.includes('atribuído')),
    );
    const notice = notices.find((m) => m.subject.includes(mine.protocol as string) && m.subject.includes('atribuído'));
    const link = /(http:\/\/[^\s>]+\/equipe\?caso=[^\s>)]+)/.exec(notice?.body.text ?? '')?.[1];
    expect(link).toBeDefined();
    await context.clearCookies();
    await page.goto(link as string);
    expect(new URL(page.url()).pathname).toBe('/equipe/entrar');
    await page.check(`input[name="pessoa"][value="${analyst}"]`);
    await Promise.all([page.waitForURL(/\/equipe\/caso\//), page.click('button[type="submit"]')]);
    expect(await page.locator('h1').textContent()).toBe(mine.protocol);
  });

  it('the analyst signs in, finds the case by protocol, answers it and closes it', { timeout: 120_000 }, async () => {
    await signInAs(analyst);
    expect(await page.locator('h1').textContent()).toBe('Casos');
    await expectAccessible('list-analyst');
    await page.fill('#f-busca', mine.protocol as string);
    await Promise.all([page.waitForURL(/\/equipe\/caso\//), page.click('form.filters button[type="submit"]')]);
    expect(await page.locator('h1').textContent()).toBe(mine.protocol);
    await expectAccessible('case');

    await page.fill('#a-texto', 'Olá! Corrigimos a sincronização dos pedidos; confira e nos diga, por favor.');
    await Promise.all([
      page.waitForURL(/feito=answer/),
      page.click('form:has(input[name="acao"][value="answer"]) button'),
    ]);
    expect(await page.locator('.notice').textContent()).toContain('Resposta enviada');
    await expectAccessible('case-answered');
    const relayed = await waitFor(
      'the relayed answer',
      () => outbox(stack),
      (all) => mailsTo(all, mine.senderEmail).some((m) => (m.body.text ?? '').includes('Corrigimos a sincronização')),
    );
    const answer = mailsTo(relayed, mine.senderEmail).find((m) =>
      (m.body.text ?? '').includes('Corrigimos a sincronização'),
    );
    expect(answer?.subject).toContain(mine.protocol as string);

    await page.selectOption('#c-cat', 'resolvido');
    await page.fill('#c-resumo', 'Sincronização corrigida');
    await Promise.all([
      page.waitForURL(/feito=close/),
      page.click('form:has(input[name="acao"][value="close"]) button'),
    ]);
    const closed = await waitFor(
      'closing',
      () => getCaseRecord(stack, mine.caseId) as Promise<Work>,
      (c) => c.status === 'CLOSED',
    );
    expect(closed.history?.some((e) => e.type === 'closed' && e.actor.kind === 'staff' && e.actor.id === analyst)).toBe(
      true,
    );
  });

  it('another analyst’s case is 403; a POST without the CSRF token is refused', async () => {
    const other = await page.goto(`${stack.urls.equipe}/caso/${encodeURIComponent(theirs.caseId)}`);
    expect(other?.status()).toBe(403);
    await expectAccessible('forbidden');
    const noCsrf = await context.request.post(`${stack.urls.equipe}/caso/${encodeURIComponent(mine.caseId)}/acao`, {
      form: { acao: 'note', texto: 'sem token', id: crypto.randomUUID() },
      maxRedirects: 0,
    });
    expect(noCsrf.status()).toBe(403);
  });

  it('a forged token and an expired one are refused', async () => {
    const url = new URL(stack.urls.equipe);
    const [current] = (await context.cookies(stack.urls.equipe)).filter((c) => c.name === SESSION_COOKIE);
    const [h, p, s] = decodeURIComponent(current?.value ?? '').split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['supervisores'] })).toString('base64url')}.${s}`;
    const expiredAt = (ago: number) =>
      signLocalIdToken(
        stack.consoleKeys,
        { sub: 'x', staffId: analyst, groups: ['analistas'] },
        {
          issuer: cognitoIssuer(LOCAL_USER_POOL_ID),
          audience: LOCAL_CLIENT_ID,
          now: new Date(Date.now() - 3600_000 - ago * 1000),
          ttlSeconds: 3600,
        },
      );
    for (const [name, token] of [
      ['forged', forged],
      ['expired', expiredAt(EXPIRED_SESSION_GRACE_SECONDS + 60)],
    ] as const) {
      await context.clearCookies();
      await context.addCookies([
        {
          name: SESSION_COOKIE,
          value: token,
          domain: url.hostname,
          path: '/',
          secure: true,
          httpOnly: true,
          sameSite: 'Strict',
        },
      ]);
      // The authorizer stops it before the function, as API Gateway does (its own JSON answer).
      const r = await page.goto(`${stack.urls.equipe}/casos`);
      expect(r?.status(), name).toBe(403);
      // The entry sends the bearer of a bad session to the sign-in page.
      await page.goto(stack.urls.equipe);
      expect(new URL(page.url()).pathname, name).toBe('/equipe/entrar');
      await expectAccessible(`refused-${name}`);
    }
  });

  it('a session expired overnight goes to the sign-in and back to the case, not to a bare 403', async () => {
    const url = new URL(stack.urls.equipe);
    const expired = signLocalIdToken(
      stack.consoleKeys,
      { sub: 'x', staffId: analyst, groups: ['analistas'] },
      {
        issuer: cognitoIssuer(LOCAL_USER_POOL_ID),
        audience: LOCAL_CLIENT_ID,
        now: new Date(Date.now() - 16 * 3600_000),
        ttlSeconds: 8 * 3600,
      },
    );
    await context.clearCookies();
    await context.addCookies([
      {
        name: SESSION_COOKIE,
        value: expired,
        domain: url.hostname,
        path: '/',
        secure: true,
        httpOnly: true,
        sameSite: 'Strict',
      },
    ]);
    const casePage = `${stack.urls.equipe}/caso/${encodeURIComponent(mine.caseId)}`;
    const r = await page.goto(casePage);
    expect(r?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/equipe/entrar');
    // Her expired token is gone from the browser: only the marker of an ended session is left.
    expect((await context.cookies(stack.urls.equipe)).find((c) => c.name === SESSION_COOKIE)?.value).toBe(
      SIGNED_OUT_MARKER,
    );
    await expectAccessible('expired-session-sign-in');
    await page.check(`input[name="pessoa"][value="${analyst}"]`);
    await Promise.all([page.waitForURL(casePage), page.click('button[type="submit"]')]);
    expect(await page.textContent('body')).toContain(mine.protocol as string);
  });

  // Journeys 55: "Sair" in another tab cleared the cookie, and API Gateway answered her answer's post
  // with its bare JSON 401 — the text she typed was lost.
  it('a form posted after signing out in another tab shows her text back, not lost', async () => {
    await signInAs(analyst);
    const casePage = `${stack.urls.equipe}/caso/${encodeURIComponent(mine.caseId)}`;
    await page.goto(casePage);
    // The form this case offers her now (a note); an answer's form posts the same way.
    const texto = 'Liguei para a lojista: o estorno <b>#4821</b> & a fatura saem em 5 dias úteis.';
    await page.fill('#n-texto', texto);
    const other = await context.newPage();
    await other.goto(`${stack.urls.equipe}/casos`);
    await Promise.all([other.waitForURL(/\/equipe\/entrar/), other.click('form[action$="/equipe/sair"] button')]);
    await other.close();
    const [r] = await Promise.all([page.waitForNavigation(), page.click('#acao-note button[type="submit"]')]);
    expect(r?.status()).toBe(401);
    expect(await page.locator('#texto-guardado').inputValue()).toBe(texto);
    await expectAccessible('signed-out-in-another-tab');
    await page.click('a:has-text("Entrar de novo")');
    await page.check(`input[name="pessoa"][value="${analyst}"]`);
    // Signed in again within the second of the sign-out: the new session opens the case (no 401).
    const [back] = await Promise.all([page.waitForNavigation({ url: casePage }), page.click('button[type="submit"]')]);
    expect(back?.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toBe(mine.protocol);
    // Nothing was recorded: the case holds no such note.
    expect(await page.textContent('body')).not.toContain('Liguei para a lojista');
  });

  // A fresh browser on a bookmarked case (or the cookie gone days after the session): API Gateway,
  // with the Cookie header as the authorizer's identity source, answered its bare JSON 401.
  it('a browser with no cookie at all opening a case goes to the sign-in and back; a form it posts keeps her text', async () => {
    await context.clearCookies();
    const casePage = `${stack.urls.equipe}/caso/${encodeURIComponent(mine.caseId)}`;
    await page.goto(casePage);
    expect(new URL(page.url()).pathname).toBe('/equipe/entrar');
    await expectAccessible('no-cookie-sign-in');
    await page.check(`input[name="pessoa"][value="${analyst}"]`);
    await Promise.all([page.waitForURL(casePage), page.click('button[type="submit"]')]);
    expect(await page.locator('h1').textContent()).toBe(mine.protocol);
    const texto = 'Retorno à lojista: o repasse do pedido 7731 sai na próxima janela.';
    await page.fill('#n-texto', texto);
    await context.clearCookies();
    const [r] = await Promise.all([page.waitForNavigation(), page.click('#acao-note button[type="submit"]')]);
    expect(r?.status()).toBe(401);
    expect(await page.locator('#texto-guardado').inputValue()).toBe(texto);
    await expectAccessible('no-cookie-form');
  });

  it('a supervisor sees every case', async () => {
    await signInAs(stack.config.lifecycle.supervisorIds[0] as string);
    await expectAccessible('list-supervisor');
    const body = await page.content();
    for (const c of cases.filter((k) => k.caseId !== mine.caseId)) expect(body).toContain(c.protocol as string);
    const r = await page.goto(`${stack.urls.equipe}/caso/${encodeURIComponent(theirs.caseId)}`);
    expect(r?.status()).toBe(200);
    await expectAccessible('case-supervisor');
  });

  it('her mail with bidi controls reads, in the console and in the analyst’s copy, in the order it is written', {
    timeout: 120_000,
  }, async () => {
    // "R$ \u202e0001\u202c" shows as "R$ 1000"; an isolate reverses an address: staff read the text itself.
    const bidi = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
    const ticket = MERCHANTS.find(([from]) => from === theirs.senderEmail)?.[1] as string;
    await sendMail(stack, {
      from: theirs.senderEmail,
      subject: `Re: chamado #${ticket}`,
      text: `Sobre o chamado #${ticket}: falta o reembolso de R$ \u202e0001\u202c, pela chave Pix \u2067moc.olpmexe@ajol\u2069.`,
    });
    const all = await waitFor(
      'the analyst’s copy',
      () => outbox(stack),
      (mails) => mails.some((m) => (m.body.text ?? '').includes('falta o reembolso')),
    );
    const copy = all.find((m) => (m.body.text ?? '').includes('falta o reembolso'));
    expect(copy?.body.text).toContain('R$ 0001, pela chave Pix moc.olpmexe@ajol.');
    expect(`${copy?.body.text}${copy?.body.html}`).not.toMatch(bidi);
    await page.goto(`${stack.urls.equipe}/caso/${encodeURIComponent(theirs.caseId)}`);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('R$ 0001, pela chave Pix moc.olpmexe@ajol.');
    expect(await page.content()).not.toMatch(bidi);
  });

  it('on a phone (360 px), lists of 0, 1 and many cases, the case page and the roster fit the screen; wide tables scroll in a named region the keyboard reaches', {
    timeout: 120_000,
  }, async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    try {
      const pageWidth = () =>
        page.evaluate(() => {
          const root = (
            globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
          ).document.documentElement;
          return { scroll: root.scrollWidth, client: root.clientWidth };
        });
      const views: Array<[string, string, number | 'many']> = [
        ['list-none', `${stack.urls.equipe}/casos?status=todos&busca=ninguem%40lojainexistente.com.br`, 0],
        ['list-one', `${stack.urls.equipe}/casos?status=todos&busca=${encodeURIComponent(MERCHANTS[1][0])}`, 1],
        ['list-many', `${stack.urls.equipe}/casos?status=todos`, 'many'],
        ['case', `${stack.urls.equipe}/caso/${encodeURIComponent(theirs.caseId)}`, 0],
        ['roster', `${stack.urls.equipe}/pessoas`, 'many'],
      ];
      for (const [name, url, rows] of views) {
        await page.goto(url);
        const { scroll, client } = await pageWidth();
        expect(scroll, `${name}: the page scrolls sideways`).toBeLessThanOrEqual(client);
        await expectAccessible(`phone-${name}`);
        const regions = page.locator('div.tabela[role="region"][tabindex="0"]');
        expect(await regions.count(), name).toBe(rows === 0 ? 0 : 1);
        if (name === 'list-none') expect(await page.locator('main').textContent()).toContain('Nenhum caso encontrado.');
        if (name === 'list-one') expect(await page.locator('caption').textContent()).toBe('1 caso nesta página');
        if (rows !== 0) {
          // Tab by Tab from the top, the table's region is reached (and can then be scrolled with the arrows).
          await page.locator('body').focus();
          let reached = false;
          for (let i = 0; i < 40 && !reached; i++) {
            await page.keyboard.press('Tab');
            reached = await page.evaluate(
              () =>
                (globalThis as unknown as { document: { activeElement: { className?: string } | null } }).document
                  .activeElement?.className === 'tabela',
            );
          }
          expect(reached, `${name}: the table's region is reached by keyboard`).toBe(true);
        }
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('the supervisor releases a quarantined mail into triage: it becomes a case and the merchant is acknowledged', {
    timeout: 120_000,
  }, async () => {
    // A merchant with no open case: a released mail on the ticket of her open case joins that case
    // instead (048f5789), which the unit tests and journeys 48 cover; this one becomes a case.
    const [from, ticket] = ['carla@docesdacarla.com.br', '52310'] as const;
    const sent = await sendMail(stack, {
      from,
      subject: `Pedido parado no estoque - chamado #${ticket}`,
      text: `Olá, o chamado #${ticket} foi encerrado sem solução e os pedidos seguem sem baixar o estoque.`,
      // The merchant's provider broke DMARC: the mail is held, no reply goes out.
      headers: { 'X-Local-Verdicts': 'spf=fail dkim=fail dmarc=fail' },
    });
    const { caseId } = await caseOf(stack, sent.sesMessageId);
    expect(await getCaseRecord(stack, caseId)).toMatchObject({ status: 'QUARANTINED' });
    await clearOutbox(stack);

    await page.goto(`${stack.urls.equipe}/quarentena`);
    await expectAccessible('quarantine-list');
    await Promise.all([
      page.waitForURL(/\/equipe\/quarentena\/.+/),
      page.click(`a:has-text("Pedido parado no estoque")`),
    ]);
    // The raw mail, folded under the text as the triage read it.
    expect(await page.getByLabel('E-mail original como texto').textContent()).toContain('X-Local-Verdicts');
    expect(await page.getByLabel('Texto da mensagem').textContent()).not.toContain('X-Local-Verdicts');
    await expectAccessible('quarantine-item');
    await Promise.all([
      page.waitForURL(/feito=release/),
      page.click('form:has(input[name="acao"][value="release"]) button'),
    ]);
    expect(await page.locator('.notice').textContent()).toContain('Liberação pedida');
    await expectAccessible('quarantine-released');
    await stack.releases.idle();

    const released = await waitFor(
      'the released case',
      () => getCaseRecord(stack, caseId) as Promise<Work>,
      (c) => c.status === 'ASSIGNED' || c.status === 'QUEUED',
    );
    expect(released).toMatchObject({ outcome: 'ACCEPTED', reviewOutcome: 'released' });
    expect(released.history?.some((e) => e.type === 'quarantine-released' && e.actor.kind === 'staff')).toBe(true);
    const acks = await waitFor(
      'the acknowledgement',
      () => outbox(stack),
      (all) => mailsTo(all, from).some((m) => m.subject.includes(released.protocol as string)),
    );
    expect(mailsTo(acks, from)).toHaveLength(1);
    // Out of the queue: the list no longer shows it.
    await page.goto(`${stack.urls.equipe}/quarentena`);
    expect(await page.locator('main').textContent()).not.toContain('Pedido parado no estoque');
  });

  it('the supervisor puts the analyst on leave on the roster page; the next case goes to someone else', {
    timeout: 120_000,
  }, async () => {
    await page.goto(`${stack.urls.equipe}/pessoas`);
    await expectAccessible('roster');
    await page.fill(`#de-${analyst}`, '2026-11-25');
    await page.fill(`#ate-${analyst}`, '2026-12-05');
    await Promise.all([
      page.waitForLoadState('load'),
      page.click(`form:has(input[name="pessoa"][value="${analyst}"]):has(input[name="op"][value="leave"]) button`),
    ]);
    // The person by name, the leave as people write dates.
    expect(await page.locator('.notice').textContent()).toMatch(
      /Afastamento de \S.* registrado \(25\/11\/2026 a 05\/12\/2026\)/,
    );
    await expectAccessible('roster-leave');
    const sent = await sendMail(stack, {
      from: 'ana@papelariaestrela.com.br',
      subject: 'Cobrança indevida - chamado #51000',
      text: 'Olá, abri o chamado #51000 no suporte e a cobrança indevida continua. Peço ajuda da Ouvidoria.',
    });
    const { caseId } = await caseOf(stack, sent.sesMessageId);
    const next = await waitFor(
      'assignment',
      () => getCaseRecord(stack, caseId) as Promise<Work>,
      (c) => c.status === 'ASSIGNED',
    );
    expect(next.assignee).not.toBe(analyst);
  });

  it('the merchant answers from another address of hers: told how to reach the case; the team sees which case it cites', {
    timeout: 120_000,
  }, async () => {
    const own = cases[0] as Work;
    await clearOutbox(stack);
    const sent = await sendMail(stack, {
      from: 'mariana.bella@gmail.com',
      subject: `Re: [${own.protocol}] Resposta da Ouvidoria`,
      text: 'Olá, estou escrevendo do meu e-mail pessoal. Os pedidos que não sincronizaram são 100234 e 100237.',
    });
    const { caseId } = await caseOf(stack, sent.sesMessageId);
    expect(await getCaseRecord(stack, caseId)).toMatchObject({ status: 'REDIRECTED', referencedCaseId: own.caseId });
    const replies = await waitFor(
      'the guidance',
      () => outbox(stack),
      (all) => mailsTo(all, 'mariana.bella@gmail.com').length > 0,
    );
    expect(mailsTo(replies, 'mariana.bella@gmail.com')[0]?.body.text).toContain(
      `Recebemos sua mensagem, mas ela não foi adicionada ao caso ${own.protocol}. Por segurança, só juntamos a um caso da Ouvidoria as mensagens enviadas do endereço de e-mail usado para abri-lo`,
    );
    await page.goto(`${stack.urls.equipe}/caso/${encodeURIComponent(caseId)}`);
    await expectAccessible('case-citing-another');
    await Promise.all([page.waitForURL(/\/equipe\/caso\/email/), page.click(`dd a:has-text("${own.protocol}")`)]);
    expect(await page.locator('h1').textContent()).toBe(own.protocol);
  });
});
