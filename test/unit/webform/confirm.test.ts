/**
 * Trust hole F1: a webform post that cites a ticket decides nothing in the name of the address typed
 * until that mailbox confirms it. The webform function end to end on in-memory ports.
 */
import { withConfirmMails } from '../../support/confirm';
import { recordedWebform } from '../../support/recorded-webform';
import { readFileSync } from 'node:fs';
import { Logger } from '@aws-lambda-powertools/logger';
import { beforeEach, describe, expect, it } from 'vitest';
import { createWebformHandler } from '../../../functions/webform/handler';
import { noTelemetry } from '../../../shared/app/intake';
import { sendHeldReplies } from '../../../shared/app/held-replies';
import { localConfig, type OuvidoriaConfig, parseConfig } from '../../../shared/domain/config';
import { signToken } from '../../../shared/domain/lifecycle/survey';
import { CONFIRM_WORDS, confirmToken } from '../../../shared/domain/webform-confirmation';
import type { WebformResponse } from '../../../shared/webform/site-http';
import {
  confirmationsIn,
  confirmEventOf,
  confirmPageEventOf,
  confirmTokenOf,
  withoutConfirmations,
} from '../../support/confirm';
import {
  bounceKeys,
  FixedClock,
  InMemoryBounceCounter,
  InMemoryHeldReplies,
  InMemoryBounceRegistry,
  InMemoryCaseRepository,
  InMemoryConfirmationMails,
  InMemoryPendingSubmissionStore,
  InMemoryRateLimiter,
  InMemoryReplyThrottle,
  InMemorySenderOpenCases,
  InMemoryTicketDirectory,
  LINK_SECRET,
  RecordingMailer,
  RecordingQueue,
} from '../../support/fakes';

const MERCHANT = 'lojista@modasbella.com.br';
/** Another merchant's ticket, and an address the directory does not know. */
const OTHER_TICKET = '51877';
const STRANGER = 'curioso@gmail.com';

type ApiEvent = {
  rawPath: string;
  rawQueryString?: string;
  headers: Record<string, string>;
  body?: string;
  isBase64Encoded: boolean;
  requestContext: { stage: string; http: { method: string; path: string; sourceIp: string } };
};

function fixture(name: string): ApiEvent {
  return JSON.parse(readFileSync(new URL(`../../../events/webform/${name}.json`, import.meta.url), 'utf8'));
}

const FIELDS = (): Record<string, unknown> => JSON.parse(fixture('post-json-valid').body ?? '{}');

/** A JSON post of the fixture's form with some fields changed, from `ip`. */
function jsonPost(changes: Record<string, unknown> = {}, ip = '203.0.113.45', headers: Record<string, string> = {}) {
  const e = fixture('post-json-valid');
  e.body = JSON.stringify({ ...FIELDS(), ...changes });
  e.requestContext.http.sourceIp = ip;
  e.headers = { ...e.headers, ...headers };
  return e;
}

/** The same form as a browser posts it (urlencoded, HTML answer). */
function browserPost(changes: Record<string, string> = {}, ip = '203.0.113.45') {
  const e = fixture('post-urlencoded-valid');
  const fields = new URLSearchParams(e.body ?? '');
  for (const [k, v] of Object.entries(changes)) fields.set(k, v);
  e.body = fields.toString();
  e.requestContext.http.sourceIp = ip;
  return e;
}

let cases: InMemoryCaseRepository;
let mailer: RecordingMailer;
let queue: RecordingQueue;
let clock: FixedClock;
let pending: InMemoryPendingSubmissionStore;
let confirmMails: InMemoryConfirmationMails;
let handle: (e: unknown) => Promise<WebformResponse>;
let bounceCounter: InMemoryBounceCounter;
let held: InMemoryHeldReplies;
let suppressed: string[];

function setup(config: OuvidoriaConfig = localConfig) {
  bounceCounter = new InMemoryBounceCounter();
  held = new InMemoryHeldReplies();
  suppressed = [];
  cases = new InMemoryCaseRepository();
  mailer = new RecordingMailer();
  queue = new RecordingQueue();
  clock = new FixedClock(new Date('2026-03-10T13:05:00Z'));
  pending = new InMemoryPendingSubmissionStore();
  confirmMails = new InMemoryConfirmationMails();
  const h = createWebformHandler(
    withConfirmMails({
      cases,
      tickets: new InMemoryTicketDirectory([
        { id: '48213', requesterEmail: MERCHANT },
        { id: OTHER_TICKET, requesterEmail: 'financeiro@outraloja.com.br' },
      ]),
      mailer,
      queue,
      throttle: new InMemoryReplyThrottle(),
      bounces: new InMemoryBounceRegistry(),
      bounceCounter,
      heldReplies: held,
      openCases: new InMemorySenderOpenCases(),
      clock,
      config,
      rateLimiter: new InMemoryRateLimiter(),
      pendingSubmissions: pending,
      linkSecret: async () => LINK_SECRET,
      confirmMails,
      telemetry: { ...noTelemetry, replySuppressed: (reason) => suppressed.push(reason) },
      logger: new Logger({ logLevel: 'SILENT' }),
      webformTelemetry: { submitted() {}, rejected() {}, failed() {}, claimedUnscanned() {} },
    }),
  );
  handle = (e) => h(e);
}

beforeEach(() => setup());

const json = (r: WebformResponse) => JSON.parse(r.body) as Record<string, unknown>;
const SENT = CONFIRM_WORDS.sent(48);

describe('POST /casos of a post that cites a ticket: one neutral 202, nothing decided', () => {
  const posts: Array<[string, Record<string, unknown>]> = [
    ['her own ticket, from her address', {}],
    [
      'another merchant’s ticket',
      { chamado: OTHER_TICKET, descricao: `Chamado ${OTHER_TICKET} sem resposta há dias.` },
    ],
    ['an address the directory does not know', { email: STRANGER }],
    ['a ticket only in the text', { chamado: '', descricao: 'Abri o chamado #48213 e ninguém respondeu.' }],
  ];

  it.each(posts)('%s → 202, the same body, a link to the address typed and no case', async (_what, changes) => {
    const response = await handle(jsonPost(changes));
    expect(response.statusCode).toBe(202);
    expect(json(response)).toEqual({ outcome: 'CONFIRMATION_REQUIRED', message: SENT });
    expect(cases.records.size).toBe(0);
    expect(queue.messages).toEqual([]);
    expect(withoutConfirmations(mailer.sent)).toEqual([]);
    const [link] = confirmationsIn(mailer.sent);
    expect(link?.to).toEqual([String(changes['email'] ?? MERCHANT)]);
    expect(pending.items.size).toBe(1);
  });

  it('byte-identical answers (HTML and JSON, headers too) whatever the ticket and the address say', async () => {
    const answers: WebformResponse[] = [];
    for (const [i, [, changes]] of posts.entries()) {
      answers.push(await handle(jsonPost(changes, `198.51.100.${i + 1}`)));
      answers.push(await handle(browserPost(changes as Record<string, string>, `198.51.100.${i + 11}`)));
    }
    const json0 = answers.filter((_, i) => i % 2 === 0);
    const html0 = answers.filter((_, i) => i % 2 === 1);
    for (const group of [json0, html0]) {
      for (const a of group) {
        expect(a.statusCode).toBe(202);
        expect(a.body).toBe(group[0]?.body);
        expect(a.headers).toEqual(group[0]?.headers);
      }
    }
    expect(html0[0]?.body).toContain('<html lang="pt-BR">');
    expect(html0[0]?.body).toContain(SENT);
    expect(cases.records.size).toBe(0);
  });

  it('the link mail: from the office, automatic, our Message-ID, the topic and ticket only — never her text', async () => {
    const descricao = 'Compre agora em http://golpe.example/promo — oferta imperdível, responda com seus dados!';
    await handle(jsonPost({ email: STRANGER, descricao: `Chamado 48213. ${descricao}`, nome: 'Visite golpe.example' }));
    const [mail] = mailer.sent;
    expect(mail?.subject).toBe(CONFIRM_WORDS.mailSubject);
    expect(mail?.from).toContain(localConfig.fromAddress);
    expect(mail?.messageId).toMatch(new RegExp(`@${localConfig.domain.replace(/\./g, '\\.')}>?$`));
    expect(mail?.headers).toMatchObject({ 'Auto-Submitted': 'auto-generated' });
    expect(mail?.text).toContain('Assunto: Atendimento do suporte');
    expect(mail?.text).toContain('Chamado informado: 48213');
    expect(mail?.text).toContain('/confirmar?t=');
    for (const part of [mail?.text, mail?.html]) {
      expect(part).not.toContain('golpe.example');
      expect(part).not.toContain('oferta');
    }
  });

  it('the same post again (double click, retry, another bucket) reuses its pending submission: one mail', async () => {
    await handle(jsonPost());
    clock.advance(2_000);
    expect((await handle(jsonPost())).statusCode).toBe(202);
    clock.set('2026-03-10T13:11:00Z');
    expect((await handle(jsonPost())).statusCode).toBe(202);
    expect(mailer.sent).toHaveLength(1);
    expect(pending.items.size).toBe(1);
  });

  it('the same post with her address cased otherwise ("Lojista@…") is the same post: one pending submission, one mail', async () => {
    await handle(jsonPost());
    await handle(jsonPost({ email: MERCHANT.toUpperCase() }));
    await handle(jsonPost({ email: `${MERCHANT[0]?.toUpperCase()}${MERCHANT.slice(1)}` }));
    expect(pending.items.size).toBe(1);
    expect(confirmationsIn(mailer.sent)).toHaveLength(1);
  });

  it(`at most ${localConfig.limits.webformConfirmMailsPerAddressPerHour} link mails an hour to one address; past it the same 202 and no mail`, async () => {
    const answers: WebformResponse[] = [];
    for (let i = 1; i <= 7; i++) {
      answers.push(
        await handle(jsonPost({ descricao: `Chamado 48213: ocorrência número ${i} sem solução.` }, `192.0.2.${i}`)),
      );
    }
    expect(answers.map((a) => a.statusCode)).toEqual([202, 202, 202, 202, 202, 202, 202]);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(confirmationsIn(mailer.sent)).toHaveLength(5);
    clock.advance(3600_000);
    await handle(jsonPost({ descricao: 'Chamado 48213: uma hora depois, de novo.' }));
    expect(confirmationsIn(mailer.sent)).toHaveLength(6);
  });

  // Red-team round 5 (C3): with the hourly limit alone, anyone typing her address made the office
  // mail her 5 links an hour, 120 a day.
  it(`at most ${localConfig.limits.webformConfirmMailsPerAddressPerDay} link mails an office day to one inbox, however the posts are spread`, async () => {
    const limit = localConfig.limits.webformConfirmMailsPerAddressPerDay;
    // 2026-03-10 in São Paulo: from 03:00 UTC; posts two an hour from 09:00 to 23:30 local time.
    clock.set('2026-03-10T12:00:00Z');
    const spellings = [MERCHANT, MERCHANT.toUpperCase(), MERCHANT.replace('@', '+ouvidoria@')];
    const answers = new Set<string>();
    for (let i = 1; i <= 30; i++) {
      const r = await handle(
        jsonPost(
          { email: spellings[i % 3] as string, descricao: `Chamado 48213: ocorrência número ${i} sem solução.` },
          `198.51.100.${i}`,
        ),
      );
      answers.add(`${r.statusCode} ${r.body}`);
      clock.advance(30 * 60_000);
    }
    expect(answers.size).toBe(1);
    expect(confirmationsIn(mailer.sent)).toHaveLength(limit);
    // The office's next day (03:00 UTC): links go again.
    clock.set('2026-03-11T03:00:00Z');
    await handle(jsonPost({ descricao: 'Chamado 48213: no dia seguinte, de novo.' }, '198.51.100.200'));
    expect(confirmationsIn(mailer.sent)).toHaveLength(limit + 1);
  });

  it('a link mail whose attempt failed before it went: the same post again mails it, once', async () => {
    pending.failNext = {
      method: 'claimMail',
      error: Object.assign(new Error('Throttled'), { name: 'ThrottlingException' }),
    };
    // The consumer failed, not the post: the message waits on the queue.
    expect((await handle(jsonPost())).statusCode).toBe(202);
    expect(pending.items.size).toBe(1);
    expect(mailer.sent).toEqual([]);
    expect((await handle(jsonPost())).statusCode).toBe(202);
    expect((await handle(jsonPost())).statusCode).toBe(202);
    await confirmMails.redeliver();
    expect(confirmationsIn(mailer.sent)).toHaveLength(1);
  });

  it('posts without a ticket are answered at once with their guidance, mail no link, and their case and reply come from the queue', async () => {
    const noTicket = await handle(
      jsonPost({ chamado: '', descricao: 'Os pedidos pagos por Pix não mudam de status.' }),
    );
    expect(noTicket.statusCode).toBe(200);
    expect(json(noTicket)).toMatchObject({ outcome: 'NO_PRIOR_TICKET' });
    const prospect = await handle(
      jsonPost({ chamado: '', naoCliente: true, descricao: 'Quero abrir uma loja virtual; quanto custa o plano?' }),
    );
    expect(json(prospect)).toMatchObject({ outcome: 'NOT_A_CLIENT' });
    expect(confirmationsIn(mailer.sent)).toEqual([]);
    expect(confirmMails.requests.map((r) => r.kind)).toEqual(['guidance', 'guidance']);
    expect([...cases.records.values()].map((c) => c.outcome)).toEqual(['NO_PRIOR_TICKET', 'NOT_A_CLIENT']);
    expect(withoutConfirmations(mailer.sent)).toHaveLength(2);
  });

  it('"not a client yet" with a ticket waits too: her verified ticket would make it ACCEPTED (the rules read the ticket)', async () => {
    const r = await handle(
      jsonPost({ naoCliente: true, descricao: 'Ainda não sou cliente; o chamado 48213 é da minha sócia.' }),
    );
    expect(r.statusCode).toBe(202);
    expect(cases.records.size).toBe(0);
  });

  it('a filled honeypot is still answered as received, with nothing kept or mailed', async () => {
    const bot = await handle(jsonPost({ website: 'http://spam.example' }));
    expect(bot.statusCode).toBe(200);
    expect(json(bot)).toMatchObject({ outcome: 'RECEIVED' });
    expect(mailer.sent).toEqual([]);
    expect(pending.items.size).toBe(0);
  });
});

describe('GET /confirmar records nothing; POST /confirmar registers the post once', () => {
  it('the link’s page is a button (a mail scanner opening it makes no case)', async () => {
    const post = jsonPost();
    await handle(post);
    const token = confirmTokenOf(mailer.sent);
    const page = await handle({ ...(confirmPageEventOf(post, token) as object), headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="pt-BR">');
    expect(page.body).toContain('<form method="post" action="/confirmar">');
    expect(page.body).toContain(`<input type="hidden" name="t" value="${token}">`);
    expect(page.body).toContain('<button type="submit">Confirmar pedido</button>');
    expect(page.headers['content-security-policy']).toContain("form-action 'self'");
    await handle(confirmPageEventOf(post, token));
    expect(cases.records.size).toBe(0);
    expect(withoutConfirmations(mailer.sent)).toEqual([]);
    expect([...pending.items.values()][0]?.confirmedCaseId).toBeUndefined();
  });

  it('her confirmation: today’s result (protocol, due date), one acknowledgement, queued; the link again shows the same', async () => {
    const post = browserPost();
    await handle(post);
    const token = confirmTokenOf(mailer.sent);
    const done = await handle(confirmEventOf(post, token));
    expect(done.statusCode).toBe(201);
    expect(done.body).toContain('<p class="protocolo">OUV-2026-000001</p>');
    expect(done.body).toContain('Prazo de resposta');
    const [record] = await cases.listAll();
    expect(record).toMatchObject({ outcome: 'ACCEPTED', senderEmail: MERCHANT, status: 'QUEUED' });
    expect([...pending.items.values()][0]?.confirmedCaseId).toBe(record?.caseId);
    const again = await handle(confirmEventOf(post, token));
    expect(again.statusCode).toBe(201);
    expect(again.body).toContain('<p class="protocolo">OUV-2026-000001</p>');
    expect(cases.records.size).toBe(1);
    expect(withoutConfirmations(mailer.sent)).toHaveLength(1);
    expect(queue.messages).toHaveLength(1);
  });

  // Journeys 57: her link shown again after an extension moved the deadline, or after the case closed,
  // still said the acknowledgement's date. It shows the case as it stands now.
  it.each([
    [
      'the deadline extended',
      { dueAt: '2026-03-31T15:00:00Z' },
      ['Prazo de resposta: até 31/03/2026'],
      ['até 24/03/2026'],
    ],
    [
      'the case closed',
      { status: 'CLOSED' as const },
      ['Este caso já foi encerrado: a resposta da Ouvidoria foi enviada para o seu e-mail.'],
      ['Prazo de resposta'],
    ],
  ])('the link again once %s: the case as it stands', async (_what, change, shown, notShown) => {
    const post = browserPost();
    await handle(post);
    const token = confirmTokenOf(mailer.sent);
    const done = await handle(confirmEventOf(post, token));
    expect(done.body).toContain('Prazo de resposta: até 24/03/2026');
    const [record] = await cases.listAll();
    if (!record) throw new Error('no case');
    cases.records.set(record.caseId, { ...record, ...change });
    const again = await handle(confirmEventOf(post, token));
    expect(again.statusCode).toBe(201);
    for (const words of shown) expect(again.body).toContain(words);
    for (const words of notShown) expect(again.body).not.toContain(words);
  });

  // Carla confirmed on Monday; on Tuesday she opened the mail's link again to find her protocol. The page
  // asked her to confirm the post once more ("Para registrar o seu pedido…, confirme"), as if it had never
  // been registered. Opened again — the same day or after the link's 48 hours — it says it is registered,
  // with her protocol, and its button only shows her confirmation again.
  it.each([
    ['the same day', 0],
    ['after the link expired', 72],
  ])('her link opened again %s: registered already, with her protocol — never "confirm it"', async (_when, hours) => {
    const post = browserPost();
    await handle(post);
    const token = confirmTokenOf(mailer.sent);
    const first = await handle(confirmEventOf(post, token));
    const protocol = first.body.match(/OUV-\d{4}-\d{6}/)?.[0] ?? 'none';
    const sent = mailer.sent.length;
    clock.advance(hours * 3600_000);
    const page = await handle({ ...(confirmPageEventOf(post, token) as object), headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Pedido já confirmado</h1>');
    expect(page.body).toContain(
      `registrado na Ouvidoria com o protocolo ${protocol}. Não é preciso confirmar de novo.`,
    );
    expect(page.body).toContain('<button type="submit">Ver o protocolo e o prazo</button>');
    expect(page.body).not.toContain('Confirmar pedido</button>');
    expect(page.body).not.toContain('não confirme');
    const json = await handle({
      ...(confirmPageEventOf(post, token) as object),
      headers: { accept: 'application/json' },
    });
    expect(JSON.parse(json.body)).toMatchObject({ confirmed: { protocol } });
    // Still a read: no case, mail or confirmation more.
    expect(cases.records.size).toBe(1);
    expect(mailer.sent).toHaveLength(sent);
  });

  it('10 concurrent confirmations (double clicks, two tabs) make one case, one reply, one assignment', async () => {
    const post = jsonPost();
    await handle(post);
    const token = confirmTokenOf(mailer.sent);
    const answers = await Promise.all(Array.from({ length: 10 }, () => handle(confirmEventOf(post, token))));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((a) => json(a)['protocol']))).toEqual(new Set(['OUV-2026-000001']));
    expect(cases.records.size).toBe(1);
    expect(withoutConfirmations(mailer.sent)).toHaveLength(1);
    // One case on the queue: the FIFO queue deduplicates by case id (sqs-assignment-queue.ts), and the
    // assignment is idempotent on it, as for concurrent direct posts before.
    expect(new Set(queue.messages.map((m) => m.caseId)).size).toBe(1);
  });

  // A stranger may type her address and her ticket: confirmed, his post joins her open case of that
  // ticket as her words (a00822b4). She must see what she confirms, not only a topic and a number.
  it('the link’s page shows the post it registers — name, store, topic, ticket and text, escaped', async () => {
    const post = browserPost({
      nome: 'Fulano <b>de Tal</b>',
      loja: 'Loja & Cia',
      chamado: '48213',
      descricao: 'Troquem a conta de repasse para a agência 0001 <script>alert(1)</script>\nobrigado',
    });
    await handle(post);
    const token = confirmTokenOf(mailer.sent);
    const page = await handle({ ...(confirmPageEventOf(post, token) as object), headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(CONFIRM_WORDS.pagePost);
    expect(page.body).toContain('<div class="texto">Troquem a conta de repasse para a agência 0001 &lt;script&gt;');
    expect(page.body).not.toContain('<script>alert(1)');
    expect(page.body).toContain('Fulano &lt;b&gt;de Tal&lt;/b&gt;');
    expect(page.body).toContain('Loja &amp; Cia');
    expect(page.body).toContain('<dd>48213</dd>');
    expect(page.body).toContain('o texto acima não é seu, não confirme');
  });

  it('the link mail still carries none of the post’s text (only its page, behind the link, shows it)', async () => {
    await handle(browserPost({ chamado: '48213', descricao: 'Texto único XYZZY do pedido' }));
    expect(JSON.stringify(mailer.sent)).not.toContain('XYZZY');
  });

  it('a stranger who typed her address and her ticket never gets past the 202: her case needs her mailbox', async () => {
    const attack = jsonPost({ nome: 'Fulano', descricao: 'Chamado 48213: cancelem a minha loja hoje.' }, '192.0.2.200');
    const response = await handle(attack);
    expect(response.statusCode).toBe(202);
    expect(cases.records.size).toBe(0);
    expect(mailer.sent.map((m) => m.to)).toEqual([[MERCHANT]]);
    // Without the link nothing happens: a made-up token, or another pending post's, gets a pt-BR page.
    const forged = await handle(confirmEventOf(attack, `${[...pending.items.keys()][0]}.9999999999.${'A'.repeat(43)}`));
    expect(forged.statusCode).toBe(410);
    expect(cases.records.size).toBe(0);
  });
});

describe('links that do not confirm', () => {
  async function pendingToken(changes: Record<string, unknown> = {}, ip?: string) {
    const before = confirmationsIn(mailer.sent).length;
    await handle(jsonPost(changes, ip));
    return confirmTokenOf(confirmationsIn(mailer.sent).slice(before));
  }

  it.each([
    [
      'altered expiry',
      (t: string) => t.replace(/\.(\d+)\./, (_m, x) => `.${Number(x) + 86_400}.`),
      410,
      'Link inválido ou expirado',
    ],
    [
      'altered signature',
      (t: string) => `${t.slice(0, -2)}${t.endsWith('AA') ? 'BB' : 'AA'}`,
      410,
      'Link inválido ou expirado',
    ],
    ['cut short', (t: string) => t.slice(0, 40), 400, 'Link inválido'],
    ['empty', () => '', 400, 'Link inválido'],
    [
      'an unknown pending id',
      (t: string) => t.replace(/^(form|key)-[0-9a-f]{64}/, `form-${'0'.repeat(64)}`),
      410,
      'Link inválido ou expirado',
    ],
    [
      'another purpose’s signature',
      (t: string) => {
        const [id = '', x = ''] = t.split('.');
        return `${id}.${x}.${signToken('status', [id, MERCHANT, x], LINK_SECRET)}`;
      },
      410,
      'Link inválido ou expirado',
    ],
  ])('%s → %i, a pt-BR page with the way back to the form; nothing registered', async (_what, alter, status, title) => {
    const post = browserPost();
    await handle(post);
    const token = alter(confirmTokenOf(mailer.sent));
    for (const e of [confirmEventOf(post, token), confirmPageEventOf(post, token)]) {
      const r = await handle(e);
      expect(r.statusCode).toBe(status);
      expect(r.body).toContain('<html lang="pt-BR">');
      expect(r.body).toContain(`<h1>${title}</h1>`);
      expect(r.body).toContain('href="/"');
      expect(r.body).not.toMatch(/at \w+ \(|Error:/);
    }
    expect(cases.records.size).toBe(0);
  });

  it('a token for another pending post (its id with this one’s signature) does not verify', async () => {
    const mine = await pendingToken();
    const theirs = await pendingToken({ email: STRANGER }, '192.0.2.9');
    const [theirId] = theirs.split('.');
    const [, x, sig] = mine.split('.');
    const r = await handle(confirmEventOf(jsonPost(), `${theirId}.${x}.${sig}`));
    expect(r.statusCode).toBe(410);
    expect(json(r)).toMatchObject({ error: 'unknown' });
    expect(cases.records.size).toBe(0);
  });

  // Red-team round 5 (C5): 400 for a forged link of a post that exists, 410 for a link of none, told
  // anyone who could guess a post's text (its pending id is derived from it) whether it was sent.
  it('a forged link of a real post and a link of no post get the same answer, page and JSON', async () => {
    const token = await pendingToken();
    const [id = '', x = '', sig = ''] = token.split('.');
    const forged = `${id}.${x}.${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`;
    const none = `form-${'0'.repeat(64)}.${x}.${sig}`;
    for (const asked of [jsonPost(), browserPost()]) {
      const answers = [];
      for (const t of [forged, none]) {
        for (const e of [confirmEventOf(asked, t), confirmPageEventOf(asked, t)]) {
          const r = await handle(e);
          answers.push(`${r.statusCode} ${r.body}`);
        }
      }
      expect(answers[0]).toBe(answers[2]);
      expect(answers[1]).toBe(answers[3]);
    }
    expect(cases.records.size).toBe(0);
  });

  it('one connection reads at most the hour’s limit of links; another connection still confirms', async () => {
    const token = await pendingToken();
    const limit = localConfig.limits.webformPerIpPerHour;
    const statuses: number[] = [];
    for (let i = 0; i <= limit; i++) {
      const guess = `form-${i.toString(16).padStart(64, '0')}.${token.split('.').slice(1).join('.')}`;
      statuses.push((await handle(confirmPageEventOf(browserPost({}, '203.0.113.66'), guess))).statusCode);
    }
    expect(statuses.slice(0, limit).every((s) => s === 410)).toBe(true);
    const refused = await handle(confirmEventOf(browserPost({}, '203.0.113.66'), token));
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(cases.records.size).toBe(0);
    const hers = await handle(confirmEventOf(browserPost({}, '198.51.100.20'), token));
    expect(hers.statusCode).toBe(201);
  });

  it('a token signed for another address does not verify for this pending post', async () => {
    await pendingToken();
    const p = [...pending.items.values()][0];
    if (!p) throw new Error('nothing pending');
    const forged = confirmToken(p.id, STRANGER, new Date(p.expiresAt), LINK_SECRET);
    const r = await handle(confirmEventOf(jsonPost(), forged));
    expect(r.statusCode).toBe(410);
    expect(cases.records.size).toBe(0);
  });

  it('expired after 48 hours → 410, and the post must be sent again', async () => {
    const token = await pendingToken();
    clock.advance(48 * 3600_000);
    const r = await handle(confirmEventOf(browserPost(), token));
    expect(r.statusCode).toBe(410);
    expect(r.body).toContain('Este link expirou sem que o pedido fosse confirmado');
    expect(cases.records.size).toBe(0);
  });

  it('a link she confirmed, opened again after it expired: her case, never "not registered" (a second case)', async () => {
    const post = browserPost();
    const token = await pendingToken();
    const first = await handle(confirmEventOf(post, token));
    expect(first.statusCode).toBe(201);
    const protocol = first.body.match(/OUV-\d{4}-\d{6}/)?.[0];
    expect(protocol).toBeDefined();
    clock.advance(72 * 3600_000);
    const page = await handle(confirmPageEventOf(post, token));
    expect(page.statusCode).toBe(200);
    const again = await handle(confirmEventOf(post, token));
    expect(again.statusCode).toBe(201);
    expect(again.body).toContain(protocol as string);
    expect(again.body).not.toContain('expirou');
    expect(cases.records.size).toBe(1);
  });

  it('a POST /confirmar from another site is refused before anything is read', async () => {
    const token = await pendingToken();
    const e = confirmEventOf(browserPost(), token) as ApiEvent;
    e.headers = { ...e.headers, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' };
    const r = await handle(e);
    expect(r.statusCode).toBe(403);
    expect(cases.records.size).toBe(0);
  });

  it('the link validity comes from the configuration', async () => {
    setup(parseConfig({ ...localConfig, limits: { ...localConfig.limits, webformConfirmLinkHours: 24 } }));
    const r = await handle(jsonPost());
    expect(json(r)['message']).toBe(CONFIRM_WORDS.sent(24));
    expect(mailer.sent[0]?.text).toContain('O link vale por 24 horas.');
    const token = confirmTokenOf(mailer.sent);
    clock.advance(24 * 3600_000);
    expect((await handle(confirmEventOf(jsonPost(), token))).statusCode).toBe(410);
  });
});

describe('POST /casos tells nothing by its timing: the same awaited work whether a link goes or not', () => {
  /** One webform whose link mails wait on the queue until `deliver()`; `calls` records its ports. */
  function webform() {
    const form = recordedWebform([{ id: '48213', requesterEmail: MERCHANT }]);
    return {
      ...form,
      post: (changes: Record<string, unknown>, ip = '203.0.113.45') => form.post(jsonPost(changes, ip)),
    };
  }

  const POST = { descricao: 'Chamado 48213: o pedido 991 não foi entregue.' };

  it('an address that will get its link, one in the bounce memory, one over its hourly limit: the same calls and bytes', async () => {
    const sends = webform();
    const sent = await sends.post(POST);

    const bounced = webform();
    await bounced.bounces.markBouncing(MERCHANT, new Date('2026-04-10T00:00:00Z'), 'hard bounce');
    const notSent = await bounced.post(POST);

    const busy = webform();
    const limit = localConfig.limits.webformConfirmMailsPerAddressPerHour;
    for (let i = 1; i <= limit; i++) await busy.post({ descricao: `Chamado 48213: ocorrência ${i}.` }, `192.0.2.${i}`);
    await busy.deliver();
    expect(confirmationsIn(busy.mails.sent)).toHaveLength(limit);
    const overLimit = await busy.post(POST);

    expect(sent.calls).toContain('confirmMails.request');
    expect(sent.calls).not.toContain('mailer.send');
    expect(notSent.calls).toEqual(sent.calls);
    expect(overLimit.calls).toEqual(sent.calls);
    expect(notSent.response).toEqual(sent.response);
    expect(overLimit.response).toEqual(sent.response);

    // Behind the answers, the consumer decides: one link, none to the bounced address, none past the limit.
    await Promise.all([sends.deliver(), bounced.deliver(), busy.deliver()]);
    expect(confirmationsIn(sends.mails.sent)).toHaveLength(1);
    expect(confirmationsIn(bounced.mails.sent)).toHaveLength(0);
    expect(confirmationsIn(busy.mails.sent)).toHaveLength(limit);
  });

  it('a repeat of a post whose link went already queues as the first post did (the claim keeps it to one link)', async () => {
    const form = webform();
    const first = await form.post(POST);
    await form.deliver();
    const repeat = await form.post(POST);
    expect(repeat.calls.filter((c) => c.startsWith('confirmMails.') || c.startsWith('mailer.'))).toEqual(
      first.calls.filter((c) => c.startsWith('confirmMails.') || c.startsWith('mailer.')),
    );
    await form.deliver();
    expect(confirmationsIn(form.mails.sent)).toHaveLength(1);
  });
});

// Red-team round 43 (F2): one budget for every post to an inbox let a stranger spend hers — ten posts
// citing made-up tickets in her address, and her own post's link never went that day (its 202 said it had).
describe('a stranger posting in her address cannot spend the links of her own posts', () => {
  const strangerPost = (i: number) =>
    jsonPost(
      { chamado: i % 2 ? OTHER_TICKET : String(90000 + i), descricao: `Chamado sem solução, ocorrência ${i}.` },
      `198.51.100.${i}`,
    );
  const herPost = (n = 1) =>
    jsonPost({ chamado: '48213', descricao: `O chamado 48213 segue sem solução (${n}).` }, '203.0.113.45');
  const dayLimit = localConfig.limits.webformConfirmMailsPerAddressPerDay;
  const hourLimit = localConfig.limits.webformConfirmMailsPerAddressPerHour;

  it('a day of posts citing tickets not hers leaves her own ticket’s post its link; the inbox still gets at most the day’s limit', async () => {
    clock.set('2026-03-10T12:00:00Z');
    for (let i = 1; i <= 2 * dayLimit; i++) {
      expect((await handle(strangerPost(i))).statusCode).toBe(202);
      clock.advance(31 * 60_000);
    }
    const spent = confirmationsIn(mailer.sent).length;
    expect(spent).toBeLessThan(dayLimit);
    expect((await handle(herPost())).statusCode).toBe(202);
    expect(confirmationsIn(mailer.sent)).toHaveLength(spent + 1);
    for (let n = 2; n <= dayLimit; n++) await handle(herPost(n));
    expect(confirmationsIn(mailer.sent)).toHaveLength(dayLimit);
  });

  it('an hour of such posts leaves her own post of that hour its link', async () => {
    for (let i = 1; i <= hourLimit + 2; i++) await handle(strangerPost(i));
    const spent = confirmationsIn(mailer.sent).length;
    expect(spent).toBeLessThan(hourLimit);
    await handle(herPost());
    expect(confirmationsIn(mailer.sent)).toHaveLength(spent + 1);
    expect(confirmationsIn(mailer.sent).at(-1)?.to).toEqual([MERCHANT]);
  });
});

// Red-team round 59: the bounce breaker held guidance only, while a post citing a made-up ticket in a
// made-up address still had its link mailed — 20 posts an hour from each IP, each link a hard bounce,
// no domain of the attacker's own needed: the reputation the breaker protects, spent through the form.
describe('the bounce breaker holds a link to an address no ticket proves, as it holds guidance', () => {
  const tripBreaker = () =>
    bounceCounter.add(new Date('2026-03-10T13:00:00Z'), bounceKeys(localConfig.autoReply.bounceBreakerPerHour));
  const madeUp = (i: number) =>
    jsonPost(
      {
        email: `naoexiste${i}@gmail.com`,
        chamado: String(90000 + i),
        descricao: `Chamado ${90000 + i}: pedido parado.`,
      },
      `198.51.100.${i}`,
    );

  it.each([
    ['a made-up ticket', (i: number) => madeUp(i)],
    [
      'another merchant’s ticket',
      (i: number) =>
        jsonPost(
          { email: STRANGER, chamado: OTHER_TICKET, descricao: `Chamado ${OTHER_TICKET}, ocorrência ${i}.` },
          `198.51.100.${i}`,
        ),
    ],
  ])(
    'tripped: a post citing %s answers its 202 and gets no link; the hold is counted as guidance’s',
    async (_label, post) => {
      await tripBreaker();
      for (let i = 1; i <= 3; i++) expect((await handle(post(i))).statusCode).toBe(202);
      expect(confirmationsIn(mailer.sent)).toHaveLength(0);
      expect(suppressed).toEqual(['bounce-breaker', 'bounce-breaker', 'bounce-breaker']);
    },
  );

  // Held forever before: her link never went unless she posted again once the claim went stale.
  it('a held link goes once the breaker is clear: the sweep asks the queue again, its consumer mails it once', async () => {
    await tripBreaker();
    const post = () =>
      jsonPost({ email: STRANGER, chamado: OTHER_TICKET, descricao: `Chamado ${OTHER_TICKET}: repasse parado.` });
    expect((await handle(post())).statusCode).toBe(202);
    // Her repeat a minute later, still tripped: held again, one link all the same.
    clock.set('2026-03-10T13:06:00Z');
    expect((await handle(post())).statusCode).toBe(202);
    expect(confirmationsIn(mailer.sent)).toHaveLength(0);
    const kept = [...held.items.values()];
    expect(kept.map((h) => [h.link, h.to])).toEqual([
      [true, STRANGER],
      [true, STRANGER],
    ]);
    const sweep = {
      cases,
      mailer,
      throttle: new InMemoryReplyThrottle(),
      bounces: new InMemoryBounceRegistry(),
      openCases: new InMemorySenderOpenCases(),
      bounceCounter,
      held,
      clock,
      config: localConfig,
      confirmMails,
    };
    // Still tripped: nothing asked.
    expect((await sendHeldReplies(sweep)).tripped).toBe(true);
    expect(confirmationsIn(mailer.sent)).toHaveLength(0);
    clock.set('2026-03-10T15:05:00Z');
    const run = await sendHeldReplies(sweep);
    expect(run.sent).toEqual([kept[0]?.caseId]);
    expect(confirmationsIn(mailer.sent).map((m) => m.to)).toEqual([[STRANGER]]);
    expect(held.items.size).toBe(0);
    expect((await sendHeldReplies(sweep)).sent).toEqual([]);
    expect(confirmationsIn(mailer.sent)).toHaveLength(1);
  });

  it('tripped: her post citing her own ticket still gets its link', async () => {
    await tripBreaker();
    expect((await handle(jsonPost({ chamado: '48213' }))).statusCode).toBe(202);
    expect(confirmationsIn(mailer.sent).map((m) => m.to)).toEqual([[MERCHANT]]);
    expect(suppressed).toEqual([]);
  });

  it('not tripped (one bounce short), or once the hour has passed: the link goes', async () => {
    await bounceCounter.add(
      new Date('2026-03-10T13:00:00Z'),
      bounceKeys(localConfig.autoReply.bounceBreakerPerHour - 1),
    );
    await handle(madeUp(1));
    expect(confirmationsIn(mailer.sent)).toHaveLength(1);
    await bounceCounter.add(new Date('2026-03-10T13:00:00Z'), bounceKeys(1));
    await handle(madeUp(2));
    expect(confirmationsIn(mailer.sent)).toHaveLength(1);
    clock.set('2026-03-10T15:05:00Z');
    await handle(madeUp(3));
    expect(confirmationsIn(mailer.sent)).toHaveLength(2);
  });
});
