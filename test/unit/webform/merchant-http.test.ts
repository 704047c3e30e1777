import { describe, expect, it } from 'vitest';
import { localConfig } from '../../../shared/domain/config';
import { MailRejected, type OutgoingMail, type SentMail } from '../../../shared/ports';
import { statusUrl, surveyUrl } from '../../../shared/domain/lifecycle/survey';
import type { StatusLinkStore } from '../../../shared/app/status-link';
import {
  type MerchantPagesDeps,
  type MerchantRequest,
  serveMerchantPages,
} from '../../../shared/webform/merchant-http';
import { FixedClock, InMemoryBounceRegistry, InMemoryRateLimiter, RecordingMailer } from '../../support/fakes';
import {
  InMemoryCaseWorkStore,
  InMemorySurveyStore,
  lifecycleOver,
  MERCHANT,
  PROTOCOL,
  SECRET,
  workCase,
} from '../../support/lifecycle-fakes';

const NOW = new Date('2026-03-20T15:00:00.000Z');
const ORIGIN = localConfig.webformOrigin.replace(/\/+$/, '');
const silent = { info: () => {}, warn: () => {} };

class MemoryStatusLinks implements StatusLinkStore {
  readonly used = new Set<string>();
  async claim(nonce: string) {
    if (this.used.has(nonce)) return false;
    this.used.add(nonce);
    return true;
  }
  async isUsed(nonce: string) {
    return this.used.has(nonce);
  }
}

function world(language: 'pt-BR' | 'es' | 'en' = 'pt-BR') {
  const closed = workCase({
    decision: { ...workCase().decision, language },
    status: 'CLOSED',
    closedAt: '2026-03-19T15:00:00.000Z',
    closure: { category: 'resolvido', summary: 'Estorno <b>feito</b>', at: '2026-03-19T15:00:00.000Z', by: 'ana' },
  });
  const stores = {
    cases: new InMemoryCaseWorkStore([closed]),
    surveys: new InMemorySurveyStore(),
    mailer: new RecordingMailer(),
    clock: new FixedClock(NOW),
    config: localConfig,
    secret: SECRET,
  };
  const deps: MerchantPagesDeps = {
    ...stores,
    statusLinks: new MemoryStatusLinks(),
    rateLimiter: new InMemoryRateLimiter(),
    bounces: new InMemoryBounceRegistry(),
    nonce: () => 'nonce-0123456789',
    minStatusRequestMs: 0,
    lifecycle: lifecycleOver(stores),
  };
  return { deps, mailer: deps.mailer as RecordingMailer, surveys: deps.surveys as InMemorySurveyStore };
}

function get(url: string): MerchantRequest {
  const u = new URL(url, ORIGIN);
  return {
    method: 'GET',
    rawPath: u.pathname,
    rawQueryString: u.search.slice(1),
    headers: { accept: 'text/html' },
    isBase64Encoded: false,
    sourceIp: '203.0.113.9',
  };
}

function post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): MerchantRequest {
  return {
    method: 'POST',
    rawPath: path,
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, ...headers },
    body: new URLSearchParams(fields).toString(),
    isBase64Encoded: false,
    sourceIp: '203.0.113.9',
  };
}

const linkFields = (url: string) => Object.fromEntries(new URL(url).searchParams);
const expiry = new Date(NOW.getTime() + 30 * 24 * 3600 * 1000);

describe('survey pages', () => {
  it('GET shows the chosen score with a confirm button and records nothing', async () => {
    const { deps, surveys } = world();
    const res = await serveMerchantPages(get(surveyUrl(PROTOCOL, 4, expiry, SECRET, localConfig)), deps, silent);
    expect(res?.statusCode).toBe(200);
    expect(res?.body).toContain('4 — Satisfeito(a)');
    expect(res?.body).toContain('Confirmar avaliação');
    expect(res?.headers['content-security-policy']).toContain("default-src 'none'");
    expect(surveys.answers.size).toBe(0);
  });

  it('POST records the score and comment once; a second answer gets "já respondida"', async () => {
    const { deps, surveys } = world();
    const fields = linkFields(surveyUrl(PROTOCOL, 5, expiry, SECRET, localConfig));
    const first = await serveMerchantPages(
      post('/pesquisa', { ...fields, comentario: 'Ótimo <script>' }),
      deps,
      silent,
    );
    expect(first?.statusCode).toBe(200);
    expect(first?.body).toContain('Obrigado pela sua avaliação');
    expect(surveys.answers.get(PROTOCOL)).toMatchObject({ score: 5, comment: 'Ótimo <script>' });
    const again = await serveMerchantPages(post('/pesquisa', { ...fields, n: '5' }), deps, silent);
    expect(again?.statusCode).toBe(409);
    expect(again?.body).toContain('já foi respondida');
    const reopened = await serveMerchantPages(get(surveyUrl(PROTOCOL, 1, expiry, SECRET, localConfig)), deps, silent);
    expect(reopened?.body).toContain('Pesquisa já respondida');
  });

  // Journeys 62: her 2 with a comment told no one and left no trace on the case (her mailed 2 did).
  it('POST of a low score: her analyst is told with her comment, the case records the answer; nothing is logged of it', async () => {
    const { deps, mailer } = world();
    const lines: unknown[] = [];
    const log = { info: (...a: unknown[]) => lines.push(a), warn: (...a: unknown[]) => lines.push(a) };
    const fields = linkFields(surveyUrl(PROTOCOL, 2, expiry, SECRET, localConfig));
    const res = await serveMerchantPages(
      post('/pesquisa', { ...fields, comentario: 'resolveu mas demorou dms' }),
      deps,
      log,
    );
    expect(res?.statusCode).toBe(200);
    expect(mailer.sent.map((m) => [m.to, m.subject])).toEqual([
      [['ana@empresa.com.br'], `[${PROTOCOL}] Pesquisa de satisfação: nota 2 de 5`],
    ]);
    expect(mailer.sent[0]?.text).toContain('resolveu mas demorou dms');
    const c = await deps.cases.getStateByProtocol(PROTOCOL);
    expect(c?.history?.filter((e) => e.type === 'survey-answered')).toMatchObject([
      { score: 2, via: 'web', commented: true },
    ]);
    expect(JSON.stringify(lines)).not.toContain('demorou');
  });

  // Mariana rated the first closing with a 1 only after the case had been reopened: the survey
  // rates the outcome, which is open again — the page says so and nothing is recorded, so the
  // final closing sends the survey again.
  it.each([
    ['pt-BR', 'Caso reaberto', 'foi reaberto e está em andamento'],
    ['es', 'Caso reabierto', 'fue reabierto y está en curso'],
    ['en', 'Case reopened', 'was reopened and is in progress'],
  ] as const)('%s, case reopened: the page and the POST say so and record nothing', async (language, title, says) => {
    const { deps, surveys } = world(language);
    const reopened = workCase({
      decision: { ...workCase().decision, language },
      status: 'IN_PROGRESS',
      reopenedAt: '2026-03-20T12:00:00.000Z',
    });
    (deps.cases as InMemoryCaseWorkStore).records.set(reopened.caseId, reopened);
    const url = surveyUrl(PROTOCOL, 1, expiry, SECRET, localConfig);
    const page = await serveMerchantPages(get(url), deps, silent);
    expect(page?.statusCode).toBe(200);
    expect(page?.body).toContain(title);
    expect(page?.body).toContain(says);
    expect(page?.body).not.toContain('<form');
    const posted = await serveMerchantPages(
      post('/pesquisa', { ...linkFields(url), comentario: 'Reabriram, continua sem resolver' }),
      deps,
      silent,
    );
    expect(posted?.statusCode).toBe(409);
    expect(posted?.body).toContain(title);
    expect(surveys.answers.size).toBe(0);
  });

  it('an answer recorded before the reopening stands: the reopened case shows "já respondida"', async () => {
    const { deps, surveys } = world();
    const fields = linkFields(surveyUrl(PROTOCOL, 4, expiry, SECRET, localConfig));
    expect((await serveMerchantPages(post('/pesquisa', fields), deps, silent))?.statusCode).toBe(200);
    const reopened = workCase({ status: 'WAITING_MERCHANT', reopenedAt: '2026-03-20T14:00:00.000Z' });
    (deps.cases as InMemoryCaseWorkStore).records.set(reopened.caseId, reopened);
    expect(
      (await serveMerchantPages(get(surveyUrl(PROTOCOL, 1, expiry, SECRET, localConfig)), deps, silent))?.body,
    ).toContain('Pesquisa já respondida');
    const again = await serveMerchantPages(
      post('/pesquisa', linkFields(surveyUrl(PROTOCOL, 1, expiry, SECRET, localConfig))),
      deps,
      silent,
    );
    expect(again?.statusCode).toBe(409);
    expect(again?.body).toContain('já foi respondida');
    expect(surveys.answers.get(PROTOCOL)?.score).toBe(4);
  });

  it('tampered links answer 400 and expired ones 410, with the pt-BR explanation', async () => {
    const { deps } = world();
    const url = new URL(surveyUrl(PROTOCOL, 2, expiry, SECRET, localConfig));
    url.searchParams.set('n', '5');
    const tampered = await serveMerchantPages(get(url.toString()), deps, silent);
    expect(tampered?.statusCode).toBe(400);
    expect(tampered?.body).toContain('pode ter sido alterado');
  });

  // Journey 47: a broken survey link offered "Pedir um novo link de acompanhamento" — a status link,
  // which gives her no survey. Her reply to the closing mail with the score does.
  it.each([
    ['altered', (u: URL) => u.searchParams.set('n', '5'), 400, 'pode ter sido alterado'],
    ['cut short', (u: URL) => u.searchParams.delete('sig'), 400, 'está incompleto'],
    ['a score out of range', (u: URL) => u.searchParams.set('n', '9'), 400, ''],
  ])('a survey link %s points to replying with the score, not to a status link', async (_l, spoil, status, says) => {
    const { deps } = world();
    const url = new URL(surveyUrl(PROTOCOL, 2, expiry, SECRET, localConfig));
    spoil(url);
    for (const request of [get(url.toString()), post('/pesquisa', linkFields(url.toString()))]) {
      const page = await serveMerchantPages(request, deps, silent);
      expect(page?.statusCode).toBe(status);
      expect(page?.body).toContain(says);
      expect(page?.body).toContain('responder ao e-mail de encerramento do caso só com a nota');
      expect(page?.body).not.toContain('novo link de acompanhamento');
    }
  });

  // An expired survey link speaks of the survey (it closed), not of a status link she never asked for.
  it.each([
    ['GET', (url: string) => get(url)],
    ['POST', (url: string) => post('/pesquisa', linkFields(url))],
  ])('an expired survey link (%s) answers 410: the survey closed, in pt-BR', async (_method, request) => {
    const { deps } = world();
    const old = surveyUrl(PROTOCOL, 2, new Date(NOW.getTime() - 1000), SECRET, localConfig);
    const expired = await serveMerchantPages(request(old), deps, silent);
    expect(expired?.statusCode).toBe(410);
    expect(expired?.body).toContain('Pesquisa encerrada');
    expect(expired?.body).toContain(
      `O prazo para avaliar este atendimento terminou: a pesquisa de satisfação fica aberta por ${localConfig.lifecycle.surveyLinkDays} dias depois do encerramento do caso.`,
    );
    expect(expired?.body).not.toContain('Para saber em que ponto está o seu caso');
  });

  // Carmen's case is in Spanish, John's in English: the page saying the survey closed spoke pt-BR to
  // them (it answered before reading the case); the link's signature holds, so it names the case.
  it.each([
    ['es', 'GET', 'Encuesta cerrada', 'la encuesta de satisfacción queda abierta 30 días después del cierre del caso'],
    ['es', 'POST', 'Encuesta cerrada', 'responda al correo del caso'],
    ['en', 'GET', 'Survey closed', 'the satisfaction survey stays open for 30 days after the case is closed'],
    ['en', 'POST', 'Survey closed', 'reply to the case’s email'],
  ] as const)(
    'an expired survey link of a case in %s (%s) says the survey closed in its language',
    async (language, method, title, says) => {
      const { deps } = world(language);
      const old = surveyUrl(PROTOCOL, 2, new Date(NOW.getTime() - 1000), SECRET, localConfig);
      const res = await serveMerchantPages(
        method === 'GET' ? get(old) : post('/pesquisa', linkFields(old)),
        deps,
        silent,
      );
      expect(res?.statusCode).toBe(410);
      expect(res?.body).toContain(`<html lang="${language}">`);
      expect(res?.body).toContain(title);
      expect(res?.body).toContain(says);
      expect(res?.body).not.toMatch(/Pesquisa encerrada|O prazo para avaliar|Pedir um novo link/);
    },
  );

  // An erased case (LGPD) takes its survey with it: its unexpired link reads as an expired one and writes nothing.
  it.each([
    ['GET', (url: string) => get(url)],
    [
      'POST',
      (url: string) => post('/pesquisa', { ...linkFields(url), comentario: 'Sou a Mariana, lojista da Modas Bella' }),
    ],
  ])('a survey link of an erased case (%s) answers as an expired one and stores nothing', async (_method, request) => {
    const { deps, surveys } = world();
    (deps.cases as InMemoryCaseWorkStore).records.clear();
    const res = await serveMerchantPages(request(surveyUrl(PROTOCOL, 5, expiry, SECRET, localConfig)), deps, silent);
    expect(res?.statusCode).toBe(410);
    expect(res?.body).toContain('Pesquisa encerrada');
    expect(surveys.answers.size).toBe(0);
  });

  it('an expired status link still says so in its own words', async () => {
    const { deps } = world();
    const old = statusUrl(
      PROTOCOL,
      'nonce-abcdefgh12',
      new Date(NOW.getTime() - 25 * 3600 * 1000),
      SECRET,
      localConfig,
    );
    const expired = await serveMerchantPages(post('/consulta/caso', linkFields(old)), deps, silent);
    expect(expired?.body).toContain('Este link expirou. Para saber em que ponto está o seu caso');
  });

  it('refuses a POST from another origin (403) and a body that is not a form (400)', async () => {
    const { deps, surveys } = world();
    const fields = linkFields(surveyUrl(PROTOCOL, 3, expiry, SECRET, localConfig));
    const foreign = await serveMerchantPages(
      post('/pesquisa', fields, { origin: 'https://evil.example' }),
      deps,
      silent,
    );
    expect(foreign?.statusCode).toBe(403);
    const crossSite = await serveMerchantPages(
      post('/pesquisa', fields, { origin: 'null', 'sec-fetch-site': 'cross-site' }),
      deps,
      silent,
    );
    expect(crossSite?.statusCode).toBe(403);
    // Another site's sandboxed frame in a browser without Fetch Metadata: Origin null alone.
    const nullOrigin = await serveMerchantPages(post('/pesquisa', fields, { origin: 'null' }), deps, silent);
    expect(nullOrigin?.statusCode).toBe(403);
    const json = await serveMerchantPages(
      post('/pesquisa', fields, { 'content-type': 'application/json' }),
      deps,
      silent,
    );
    expect(json?.statusCode).toBe(400);
    expect(surveys.answers.size).toBe(0);
    // Origin null the browser vouches for as same-origin.
    const sameOrigin = await serveMerchantPages(
      post('/pesquisa', fields, { origin: 'null', 'sec-fetch-site': 'same-origin' }),
      deps,
      silent,
    );
    expect(sameOrigin?.statusCode).toBe(200);
  });

  it('leaves other paths to the form router and answers 405 to other methods', async () => {
    const { deps } = world();
    expect(await serveMerchantPages(get('/'), deps, silent)).toBeNull();
    const put = await serveMerchantPages({ ...get('/pesquisa'), method: 'PUT' }, deps, silent);
    expect(put?.statusCode).toBe(405);
  });
});

describe('status page (/consulta)', () => {
  it('answers the same page and status whether or not the protocol and address match', async () => {
    const { deps, mailer } = world();
    const hit = await serveMerchantPages(post('/consulta', { protocolo: PROTOCOL, email: MERCHANT }), deps, silent);
    const otherEmail = await serveMerchantPages(
      post('/consulta', { protocolo: PROTOCOL, email: 'curioso@example.com' }),
      deps,
      silent,
    );
    const noCase = await serveMerchantPages(
      post('/consulta', { protocolo: 'OUV-2026-999999', email: MERCHANT }),
      deps,
      silent,
    );
    expect(hit?.statusCode).toBe(200);
    expect(otherEmail?.statusCode).toBe(200);
    expect(noCase?.statusCode).toBe(200);
    expect(otherEmail?.body).toBe(hit?.body);
    expect(noCase?.body).toBe(hit?.body);
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]?.to).toEqual([MERCHANT]);
    expect(mailer.sent[0]?.text).toContain('/consulta/caso?p=OUV-2026-000123');
  });

  it('answers a match whose link mail fails as it answers a miss (no error page to tell them apart)', async () => {
    const { deps, mailer } = world();
    const miss = await serveMerchantPages(
      post('/consulta', { protocolo: PROTOCOL, email: 'curioso@example.com' }),
      deps,
      silent,
    );
    mailer.send = async () => {
      throw new MailRejected('Email address is not verified');
    };
    const hit = await serveMerchantPages(post('/consulta', { protocolo: PROTOCOL, email: MERCHANT }), deps, silent);
    expect(hit?.statusCode).toBe(miss?.statusCode);
    expect(hit?.body).toBe(miss?.body);
  });

  // The answer waits for a floor so that a match (which sends a mail) and a miss take as long; a mail
  // server slower than the floor made a match answer later — telling protocol and address apart.
  it('gives up a link mail still being sent near the floor: a match answers when a miss does', async () => {
    const { deps } = world();
    deps.minStatusRequestMs = 200;
    let aborted = false;
    deps.mailer = {
      send: (_mail: OutgoingMail, options?: { signal?: AbortSignal }) =>
        new Promise<SentMail>((_resolve, reject) => {
          // A mail server that never answers: only giving up ends the send.
          options?.signal?.addEventListener('abort', () => {
            aborted = true;
            reject(options.signal?.reason);
          });
        }),
    };
    const logged: string[] = [];
    const hit = await serveMerchantPages(post('/consulta', { protocolo: PROTOCOL, email: MERCHANT }), deps, {
      ...silent,
      warn: (message: string) => logged.push(message),
    });
    expect(aborted).toBe(true);
    expect(hit?.statusCode).toBe(200);
    expect(logged).toEqual(['Status link mail not sent']);
  });

  // Only a match reads the bounce memory and counts the case's and the inbox's links: a table slower
  // than the floor on any of them made a match answer later than a miss, as a slow mail server did.
  it.each(['bounce memory', 'case link counter', 'inbox link counter'] as const)(
    'answers a match when a miss does though its %s never answers, and mails nothing later',
    async (stalled) => {
      const { deps, mailer } = world();
      deps.minStatusRequestMs = 150;
      let release: () => void = () => {};
      const later = new Promise<void>((resolve) => {
        release = resolve;
      });
      if (stalled === 'bounce memory') {
        deps.bounces.isSuppressed = () => later.then(() => false);
      } else {
        const hit = deps.rateLimiter.hit.bind(deps.rateLimiter);
        const prefix = stalled === 'case link counter' ? 'status-link-case-' : 'status-link-inbox-';
        deps.rateLimiter.hit = (key, windowStart, seconds) =>
          key.startsWith(prefix) ? later.then(() => hit(key, windowStart, seconds)) : hit(key, windowStart, seconds);
      }
      const missAt = Date.now();
      const miss = await serveMerchantPages(
        post('/consulta', { protocolo: PROTOCOL, email: 'curioso@example.com' }),
        deps,
        silent,
      );
      const missMs = Date.now() - missAt;
      const hitAt = Date.now();
      const hit = await serveMerchantPages(post('/consulta', { protocolo: PROTOCOL, email: MERCHANT }), deps, silent);
      const hitMs = Date.now() - hitAt;
      expect(hit?.statusCode).toBe(miss?.statusCode);
      expect(hit?.body).toBe(miss?.body);
      // Both wait for the floor; neither waits for the stalled table (a second here, or forever).
      expect(missMs).toBeGreaterThanOrEqual(140);
      expect(hitMs).toBeLessThan(1000);
      // The table answering after the page was given does not send the link then.
      release();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(mailer.sent).toHaveLength(0);
    },
  );

  it('keeps the form with pt-BR errors for malformed input (422)', async () => {
    const { deps } = world();
    const res = await serveMerchantPages(post('/consulta', { protocolo: 'abc', email: 'x' }), deps, silent);
    expect(res?.statusCode).toBe(422);
    expect(res?.body).toContain('OUV-AAAA-NNNNNN');
    expect(res?.body).toContain('aria-invalid="true"');
  });

  it('is rate-limited per IP (429 with retry-after)', async () => {
    const { deps, mailer } = world();
    const limit = localConfig.limits.webformPerIpPerHour;
    for (let i = 0; i < limit; i++) {
      await serveMerchantPages(post('/consulta', { protocolo: PROTOCOL, email: 'x@example.com' }), deps, silent);
    }
    const over = await serveMerchantPages(post('/consulta', { protocolo: PROTOCOL, email: MERCHANT }), deps, silent);
    expect(over?.statusCode).toBe(429);
    expect(over?.headers['retry-after']).toMatch(/^\d+$/);
    expect(mailer.sent).toHaveLength(0);
    const elsewhere = await serveMerchantPages(
      { ...post('/consulta', { protocolo: PROTOCOL, email: MERCHANT }), sourceIp: '198.51.100.7' },
      deps,
      silent,
    );
    expect(elsewhere?.statusCode).toBe(200);
  });

  it('opens a link once: GET records nothing, the POST shows the case, a reuse is refused (410)', async () => {
    const { deps } = world();
    const url = statusUrl(PROTOCOL, 'nonce-abcdefgh12', NOW, SECRET, localConfig);
    const page = await serveMerchantPages(get(url), deps, silent);
    expect(page?.statusCode).toBe(200);
    expect(page?.body).toContain('Ver o andamento do caso');
    const opened = await serveMerchantPages(post('/consulta/caso', linkFields(url)), deps, silent);
    expect(opened?.statusCode).toBe(200);
    expect(opened?.body).toContain('Encerrado');
    expect(opened?.body).toContain('Estorno &lt;b&gt;feito&lt;/b&gt;');
    expect(opened?.body).toContain('Fui cobrada duas vezes');
    const reused = await serveMerchantPages(post('/consulta/caso', linkFields(url)), deps, silent);
    expect(reused?.statusCode).toBe(410);
    expect(reused?.body).toContain('já foi aberto');
  });

  it('a link already opened says so on its GET (410, pt-BR, a way to a new link); a GET never uses it up', async () => {
    const { deps } = world();
    const url = statusUrl(PROTOCOL, 'nonce-mailscanner1', NOW, SECRET, localConfig);
    // A mail scanner, then the merchant: both GETs show the confirmation page.
    for (let i = 0; i < 2; i++) expect((await serveMerchantPages(get(url), deps, silent))?.statusCode).toBe(200);
    expect((await serveMerchantPages(post('/consulta/caso', linkFields(url)), deps, silent))?.statusCode).toBe(200);
    const again = await serveMerchantPages(get(url), deps, silent);
    expect(again?.statusCode).toBe(410);
    expect(again?.body).toContain('Link já utilizado');
    expect(again?.body).toContain('Este link de acompanhamento já foi aberto e não vale mais.');
    expect(again?.body).toContain('href="/consulta"');
    expect(again?.body).not.toContain('Ver o andamento do caso');
  });

  it('refuses tampered (400) and expired (410) status links', async () => {
    const { deps } = world();
    const url = new URL(statusUrl(PROTOCOL, 'nonce-abcdefgh12', NOW, SECRET, localConfig));
    url.searchParams.set('p', 'OUV-2026-000124');
    expect((await serveMerchantPages(get(url.toString()), deps, silent))?.statusCode).toBe(400);
    const old = statusUrl(
      PROTOCOL,
      'nonce-abcdefgh12',
      new Date(NOW.getTime() - 25 * 3600 * 1000),
      SECRET,
      localConfig,
    );
    expect((await serveMerchantPages(post('/consulta/caso', linkFields(old)), deps, silent))?.statusCode).toBe(410);
  });
});

// Carmen's case is in Spanish (its mails were): every page her links open speaks Spanish, from
// the survey's score to the case itself; Joan's, in English.
describe.each([
  {
    language: 'es' as const,
    survey: ['<html lang="es">', '4 — Satisfecho(a)', 'Confirmar evaluación'],
    thanks: ['Gracias por su evaluación'],
    again: ['ya fue respondida'],
    open: ['<html lang="es">', 'Ver el estado del caso'],
    opened: ['<html lang="es">', '<dd>Resuelto</dd>', 'Estorno &lt;b&gt;feito&lt;/b&gt;', 'Mensajes'],
  },
  {
    language: 'en' as const,
    survey: ['<html lang="en">', '4 — Satisfied', 'Confirm rating'],
    thanks: ['Thank you for your rating'],
    again: ['has already been answered'],
    open: ['<html lang="en">', 'See where your case stands'],
    opened: ['<html lang="en">', '<dd>Resolved</dd>', 'Estorno &lt;b&gt;feito&lt;/b&gt;', 'Messages'],
  },
])('the pages of a case in $language', ({ language, survey, thanks, again, open, opened }) => {
  const expectAll = (body: string | undefined, words: string[]) => {
    for (const w of words) expect(body).toContain(w);
    expect(body).not.toContain('<html lang="pt-BR">');
  };

  it('the survey: the score page, the thanks and a second answer', async () => {
    const { deps } = world(language);
    const url = surveyUrl(PROTOCOL, 4, expiry, SECRET, localConfig);
    expectAll((await serveMerchantPages(get(url), deps, silent))?.body, survey);
    const first = await serveMerchantPages(post('/pesquisa', linkFields(url)), deps, silent);
    expect(first?.statusCode).toBe(200);
    expectAll(first?.body, thanks);
    const second = await serveMerchantPages(post('/pesquisa', linkFields(url)), deps, silent);
    expect(second?.statusCode).toBe(409);
    expectAll(second?.body, again);
    expectAll((await serveMerchantPages(get(url), deps, silent))?.body, again);
  });

  it('the status link: its page and the case it opens', async () => {
    const { deps } = world(language);
    const url = statusUrl(PROTOCOL, 'nonce-abcdefgh12', NOW, SECRET, localConfig);
    expectAll((await serveMerchantPages(get(url), deps, silent))?.body, open);
    const page = await serveMerchantPages(post('/consulta/caso', linkFields(url)), deps, silent);
    expect(page?.statusCode).toBe(200);
    expectAll(page?.body, opened);
  });
});

// Maria asked for her data to be erased (LGPD) after requesting a status link: the link's page says
// the case is gone from the first GET, as its POST does, instead of offering to open it.
describe('the status link of an erased case', () => {
  it.each(['GET', 'POST'] as const)(
    'answers 404 "Caso não disponível" to its %s and claims nothing',
    async (method) => {
      const { deps } = world();
      deps.cases = new InMemoryCaseWorkStore([]);
      const url = statusUrl(PROTOCOL, 'nonce-erased-0001', NOW, SECRET, localConfig);
      const request = method === 'GET' ? get(url) : post('/consulta/caso', linkFields(url));
      const res = await serveMerchantPages(request, deps, silent);
      expect(res?.statusCode).toBe(404);
      expect(res?.body).toContain('Caso não disponível');
      expect(res?.body).not.toContain('Ver o andamento do caso');
      if (method === 'GET') expect(await deps.statusLinks.isUsed('nonce-erased-0001')).toBe(false);
    },
  );
});
