import { withConfirmMails } from '../../../support/confirm';
import { InMemoryConfirmationMails } from '../../../support/fakes';
import { readFileSync } from 'node:fs';
import { Logger } from '@aws-lambda-powertools/logger';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createWebformHandler,
  handler,
  type WebformResponse,
  type WebformTelemetry,
} from '../../../../functions/webform/handler';
import { noTelemetry } from '../../../../shared/app/intake';
import { localConfig, localConfigInput, type OuvidoriaConfig, parseConfig } from '../../../../shared/domain/config';
import { MESSAGES, REQUEST_MESSAGES } from '../../../../shared/webform/form';
import {
  FixedClock,
  InMemoryBounceRegistry,
  InMemoryCaseRepository,
  InMemoryRateLimiter,
  InMemoryReplyThrottle,
  InMemorySenderOpenCases,
  InMemoryTicketDirectory,
  RecordingMailer,
  RecordingQueue,
  InMemoryPendingSubmissionStore,
  LINK_SECRET,
} from '../../../support/fakes';
import {
  confirmEventOf,
  confirmTokenOf,
  confirmationsIn,
  confirming,
  withoutConfirmations,
} from '../../../support/confirm';

const MERCHANT = 'lojista@modasbella.com.br';
type ApiEvent = {
  rawPath: string;
  headers: Record<string, string>;
  body?: string;
  isBase64Encoded: boolean;
  requestContext: { stage: string; http: { method: string; path: string; sourceIp: string } };
  [key: string]: unknown;
};

function fixture(name: string): ApiEvent {
  return JSON.parse(readFileSync(new URL(`../../../../events/webform/${name}.json`, import.meta.url), 'utf8'));
}

/** A fixture with some changes: method/path/ip, extra headers, a new body. */
function event(
  name: string,
  changes: {
    method?: string;
    path?: string;
    ip?: string;
    headers?: Record<string, string>;
    body?: string;
    json?: unknown;
  } = {},
): ApiEvent {
  const e = fixture(name);
  if (changes.method) e.requestContext.http.method = changes.method;
  if (changes.path) {
    e.rawPath = changes.path;
    e.requestContext.http.path = changes.path;
  }
  if (changes.ip) e.requestContext.http.sourceIp = changes.ip;
  if (changes.headers) e.headers = { ...e.headers, ...changes.headers };
  if (changes.json !== undefined) {
    e.body = JSON.stringify(changes.json);
    e.isBase64Encoded = false;
    e.headers['content-type'] = 'application/json';
  }
  if (changes.body !== undefined) {
    e.body = changes.body;
    e.isBase64Encoded = false;
  }
  return e;
}

/** The JSON fixture's fields, to vary one thing at a time. */
const jsonFields = (): Record<string, unknown> => JSON.parse(fixture('post-json-valid').body ?? '{}');
/** The same person writing without any ticket number (the fixture's text quotes one). */
const withoutTicket = (): Record<string, unknown> => ({
  ...jsonFields(),
  chamado: '',
  descricao: 'Os pedidos pagos por Pix não mudam de status na loja e ninguém me dá uma resposta.',
});

class RecordingTelemetry implements WebformTelemetry {
  readonly events: string[] = [];
  submitted(outcome: string, duplicate: boolean) {
    this.events.push(`submitted:${outcome}${duplicate ? ':duplicate' : ''}`);
  }
  rejected(reason: string) {
    this.events.push(`rejected:${reason}`);
  }
  failed() {
    this.events.push('failed');
  }
  claimedUnscanned(files: number) {
    this.events.push(`claimedUnscanned:${files}`);
  }
}

let cases: InMemoryCaseRepository;
let mailer: RecordingMailer;
let queue: RecordingQueue;
let clock: FixedClock;
let telemetry: RecordingTelemetry;
let handle: (e: unknown) => Promise<WebformResponse>;
/** The post alone (no confirmation). */
let post: (e: unknown) => Promise<WebformResponse>;
let pendingSubmissions: InMemoryPendingSubmissionStore;
let confirmMails: InMemoryConfirmationMails;

function setup(config: OuvidoriaConfig = localConfig, logger = new Logger({ logLevel: 'SILENT' })) {
  cases = new InMemoryCaseRepository();
  mailer = new RecordingMailer();
  queue = new RecordingQueue();
  // Tuesday 10 March 2026, 10:05 in São Paulo.
  clock = new FixedClock(new Date('2026-03-10T13:05:00Z'));
  telemetry = new RecordingTelemetry();
  pendingSubmissions = new InMemoryPendingSubmissionStore();
  confirmMails = new InMemoryConfirmationMails();
  const h = createWebformHandler(
    withConfirmMails({
      cases,
      // 48213 is the fixtures' ticket; the others, of other complaints of hers (the open-case cap).
      tickets: new InMemoryTicketDirectory(
        ['48213', '48221', '48222', '48223'].map((id) => ({ id, requesterEmail: MERCHANT })),
      ),
      mailer,
      queue,
      throttle: new InMemoryReplyThrottle(),
      bounces: new InMemoryBounceRegistry(),
      openCases: new InMemorySenderOpenCases(),
      clock,
      config,
      rateLimiter: new InMemoryRateLimiter(),
      pendingSubmissions,
      linkSecret: async () => LINK_SECRET,
      confirmMails,
      telemetry: noTelemetry,
      logger,
      webformTelemetry: telemetry,
    }),
  );
  post = (e) => h(e);
  // A post that cites a ticket waits for its link: confirmed here as the merchant would (F1).
  handle = confirming(h, () => mailer.sent);
}

const configWith = (limits: Record<string, number>) => parseConfig({ ...localConfigInput, limits });

function expectSecurityHeaders(response: WebformResponse) {
  expect(response.headers['content-security-policy']).toContain("default-src 'none'");
  expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['x-frame-options']).toBe('DENY');
  expect(response.headers['referrer-policy']).toBe('same-origin');
}

const json = (response: WebformResponse) => JSON.parse(response.body) as Record<string, unknown>;

beforeEach(() => setup());

describe('routes', () => {
  it('GET / serves the page with the security headers, not cached', async () => {
    const response = await handle(fixture('get-page'));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toContain('<form id="form-ouvidoria" method="post" action="/casos"');
    expectSecurityHeaders(response);
  });

  it('HEAD / answers the same headers without a body', async () => {
    const response = await handle(event('get-page', { method: 'HEAD' }));
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('');
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('GET /app.js serves the enhancement script from our origin', async () => {
    const response = await handle(event('get-page', { path: '/app.js' }));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.body).toContain("getElementById('form-ouvidoria')");
    expectSecurityHeaders(response);
  });

  it('keeps a named stage in the links', async () => {
    const e = event('get-page', { path: '/prod/' });
    e.requestContext.stage = 'prod';
    const response = await handle(e);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('action="/prod/casos"');
  });

  it.each([
    ['GET', '/admin', 404, 'Página não encontrada'],
    ['GET', '/casos/../etc/passwd', 404, 'Página não encontrada'],
    ['POST', '/', 405, 'Método não permitido'],
    ['DELETE', '/casos', 405, 'Método não permitido'],
    ['PUT', '/app.js', 405, 'Método não permitido'],
  ])('%s %s → %i in pt-BR', async (method, path, status, text) => {
    const response = await handle(event('get-page', { method, path }));
    expect(response.statusCode).toBe(status);
    expect(response.body).toContain(text);
    expectSecurityHeaders(response);
    if (status === 405) expect(response.headers['allow']).toBeTruthy();
  });

  it('answers JSON errors to JSON clients', async () => {
    const response = await handle(event('get-page', { path: '/nada', headers: { accept: 'application/json' } }));
    expect(response.statusCode).toBe(404);
    expect(json(response)).toEqual({ message: 'Página não encontrada.' });
  });

  it('sends GET /casos (a reload of a result page) back to the form', async () => {
    const response = await handle(event('get-page', { path: '/casos' }));
    expect(response.statusCode).toBe(303);
    expect(response.headers['location']).toBe('/');
  });

  it.each([
    ['a string', 'GET /'],
    ['null', null],
    ['an empty object', {}],
    ['an event without requestContext', { ...fixture('get-page'), requestContext: undefined }],
    ['an unknown method', event('get-page', { method: 'TRACE' })],
  ])('answers 400 to %s instead of an API Gateway event', async (_label, raw) => {
    const response = await handle(raw);
    expect(response.statusCode).toBe(400);
    expect(telemetry.events).toEqual(['rejected:bad_event']);
  });
});

describe('POST /casos: valid submissions', () => {
  it('JSON with a valid ticket → 201 {protocol, outcome}, one case, one acknowledgement, queued', async () => {
    const response = await handle(fixture('post-json-valid'));
    expect(response.statusCode).toBe(201);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(json(response)).toMatchObject({ outcome: 'ACCEPTED', protocol: 'OUV-2026-000001' });
    expectSecurityHeaders(response);

    const [record] = await cases.listAll();
    expect(cases.records.size).toBe(1);
    expect(record).toMatchObject({
      channel: 'webform',
      outcome: 'ACCEPTED',
      status: 'QUEUED',
      protocol: 'OUV-2026-000001',
      senderEmail: MERCHANT,
      senderName: 'Mariana Costa',
      storeName: 'Modas Bella - www.modasbella.com.br',
      subject: 'Formulário: Atendimento do suporte',
    });
    expect(record?.decision.ticket).toEqual({ status: 'valid', number: '48213' });
    // Her link (F1), then her acknowledgement.
    expect(confirmationsIn(mailer.sent).map((m) => m.to)).toEqual([[MERCHANT]]);
    expect(withoutConfirmations(mailer.sent)).toHaveLength(1);
    expect(withoutConfirmations(mailer.sent)[0]?.to).toEqual([MERCHANT]);
    expect(withoutConfirmations(mailer.sent)[0]?.subject).toContain('OUV-2026-000001');
    expect(queue.messages).toEqual([{ caseId: record?.caseId, protocol: 'OUV-2026-000001' }]);
    expect(telemetry.events).toEqual(['submitted:ACCEPTED']);
  });

  it('a browser form post → 201 with the confirmation page', async () => {
    const response = await handle(fixture('post-urlencoded-valid'));
    expect(response.statusCode).toBe(201);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('<p class="protocolo">OUV-2026-000001</p>');
    expect(response.body).toContain('Próximos passos');
    expect((await cases.listAll())[0]?.subject).toBe('Formulário: Cobrança/faturas');
  });

  it('a base64 body without a ticket → the NO_PRIOR_TICKET guidance on the page, stored and emailed', async () => {
    const response = await handle(fixture('post-base64'));
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<h1>Fale primeiro com a Central de Atendimento</h1>');
    expect(response.body).toContain(`href="${localConfig.links.supportCentre}"`);
    expect(response.body).toContain('Estas orientações também seguem para o e-mail informado');
    const [record] = await cases.listAll();
    expect(record).toMatchObject({
      outcome: 'NO_PRIOR_TICKET',
      status: 'REDIRECTED',
      senderEmail: 'joao.araujo@lojadojoao.com.br',
    });
    expect(record?.senderName).toBe('João Araújo');
    expect(mailer.sent).toHaveLength(1);
    expect(queue.messages).toEqual([]);
  });

  it('the same guidance as JSON for a JSON client', async () => {
    const response = await handle(event('post-json-valid', { json: withoutTicket() }));
    expect(response.statusCode).toBe(200);
    const body = json(response);
    expect(body['outcome']).toBe('NO_PRIOR_TICKET');
    expect(body['guidance']).toMatchObject({ title: 'Fale primeiro com a Central de Atendimento' });
  });

  it('"not a client yet" → NOT_A_CLIENT guidance pointing to sales', async () => {
    const fields = { ...withoutTicket(), naoCliente: true };
    const response = await handle(event('post-json-valid', { json: fields }));
    expect(json(response)).toMatchObject({ outcome: 'NOT_A_CLIENT' });
    expect(JSON.stringify(json(response))).toContain(localConfig.links.sales);
  });

  it("a ticket that is not the sender's → TICKET_INVALID guidance", async () => {
    const fields = { ...jsonFields(), email: 'outra@loja.com.br' };
    const response = await handle(event('post-json-valid', { json: fields }));
    expect(response.statusCode).toBe(200);
    expect(json(response)).toMatchObject({ outcome: 'TICKET_INVALID' });
    // The mail speaks of the form, as the page did: its subject and footer, and how to send it again.
    const [mail] = withoutConfirmations(mailer.sent);
    expect(mail?.subject).toBe('Ouvidoria: confira o número do seu chamado');
    expect(mail?.text).toContain('vinculado ao endereço de e-mail informado no formulário');
    expect(mail?.text).toContain(`envie novamente o formulário da Ouvidoria (${localConfig.webformOrigin})`);
    expect(mail?.text).toMatch(
      /Esta é uma resposta automática ao formulário enviado em \d\d\/\d\d\/\d{4} às \d\d:\d\d\./,
    );
    expect(mail?.text).not.toContain('Formulário:');
  });
});

describe('POST /casos: bad input', () => {
  it('an invalid form post → 400, the page again with every error and the values kept', async () => {
    const response = await handle(fixture('post-invalid'));
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Corrija 6 campos para enviar');
    for (const field of ['nome', 'email', 'chamado', 'assunto', 'descricao', 'consentimento']) {
      expect(response.body).toContain(`<a href="#${field}">`);
    }
    expect(response.body).toContain('value="lojista@modasbella"');
    expect(response.body).toContain('>Não resolveram.</textarea>');
    expect(cases.records.size).toBe(0);
    expect(mailer.sent).toHaveLength(0);
    expect(telemetry.events).toEqual(['rejected:validation']);
  });

  it('invalid JSON fields → 400 {errors: {field: message}} with every field', async () => {
    const response = await handle(
      event('post-json-valid', { json: { email: 'x', descricao: 'curta', assunto: 'nada', chamado: 'abc' } }),
    );
    expect(response.statusCode).toBe(400);
    expect(json(response)['errors']).toEqual({
      nome: MESSAGES.nome.required,
      email: MESSAGES.email.invalid,
      chamado: MESSAGES.chamado.invalid,
      assunto: MESSAGES.assunto.invalid,
      descricao: MESSAGES.descricao.tooShort,
      consentimento: MESSAGES.consentimento.required,
    });
  });

  it.each<[string, { body: string; headers?: Record<string, string> }, number, string]>([
    [
      'malformed JSON',
      { body: '{"nome": ', headers: { 'content-type': 'application/json' } },
      400,
      REQUEST_MESSAGES.malformedJson,
    ],
    [
      'a JSON array',
      { body: '[]', headers: { 'content-type': 'application/json' } },
      400,
      REQUEST_MESSAGES.notAnObject,
    ],
    [
      'text/plain',
      { body: 'nome=Ana', headers: { 'content-type': 'text/plain' } },
      415,
      REQUEST_MESSAGES.unsupportedType,
    ],
    ['no content type', { body: 'nome=Ana', headers: { 'content-type': '' } }, 415, REQUEST_MESSAGES.unsupportedType],
    ['an oversize body', { body: `descricao=${'a'.repeat(70_000)}` }, 413, REQUEST_MESSAGES.tooLarge],
  ])('%s → %i with a pt-BR message', async (_label, changes, status, message) => {
    const asJson = await handle(
      event('post-json-valid', { ...changes, headers: { ...changes.headers, accept: 'application/json' } }),
    );
    expect(asJson.statusCode).toBe(status);
    expect(json(asJson)['message']).toBe(message);
    const asPage = await handle(event('post-urlencoded-valid', changes));
    expect(asPage.statusCode).toBe(status);
    expect(asPage.body).toContain(message);
    expect(cases.records.size).toBe(0);
  });

  it('a filled honeypot looks like success but stores and sends nothing', async () => {
    const body = `${fixture('post-urlencoded-valid').body?.replace('website=', 'website=http%3A%2F%2Fspam.example')}`;
    const response = await handle(event('post-urlencoded-valid', { body }));
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Recebemos a sua mensagem');
    expect(response.body).not.toContain('class="protocolo"');
    expect(cases.records.size).toBe(0);
    expect(mailer.sent).toHaveLength(0);
    expect(telemetry.events).toEqual(['rejected:honeypot']);
  });
});

describe('limits', () => {
  it('answers 429 with Retry-After after N posts from one IP in the hour, counting bad posts too', async () => {
    setup(configWith({ webformPerIpPerHour: 3 }));
    expect((await handle(fixture('post-invalid'))).statusCode).toBe(400);
    expect((await handle(fixture('post-json-valid'))).statusCode).toBe(201);
    // Her second post names the same ticket: added to her open case (200), no case of its own.
    expect((await handle(fixture('post-urlencoded-valid'))).statusCode).toBe(200);
    const limited = await handle(fixture('post-json-valid'));
    expect(limited.statusCode).toBe(429);
    // 13:05:00 → the window ends at 14:00:00.
    expect(limited.headers['retry-after']).toBe('3300');
    expect(json(limited)).toMatchObject({ retryAfterSeconds: 3300 });
    expect(String(json(limited)['message'])).toContain('Recebemos muitos envios');

    const page = await handle(fixture('post-urlencoded-valid'));
    expect(page.statusCode).toBe(429);
    expect(page.body).toContain('Tente novamente em 55 minutos.');

    // Another client is not affected; the same client is welcome again next hour.
    expect((await handle(event('post-invalid', { ip: '198.51.100.7' }))).statusCode).toBe(400);
    clock.set('2026-03-10T14:00:01Z');
    expect((await handle(fixture('post-invalid'))).statusCode).toBe(400);
    expect(telemetry.events.filter((e) => e === 'rejected:rate_limit')).toHaveLength(2);
  });

  it('counts an IPv6 client by its /64 block', async () => {
    setup(configWith({ webformPerIpPerHour: 1 }));
    expect((await handle(event('post-invalid', { ip: '2001:db8:85a3:0:1::1' }))).statusCode).toBe(400);
    expect((await handle(event('post-invalid', { ip: '2001:db8:85a3::ffff:2' }))).statusCode).toBe(429);
    expect((await handle(event('post-invalid', { ip: '2001:db8:85a4::1' }))).statusCode).toBe(400);
  });

  it('caps open cases per sender (409 in pt-BR), but a retry of a stored one still gets its answer', async () => {
    setup(configWith({ maxOpenCasesPerSender: 2 }));
    // Three complaints on three tickets of hers (one ticket's posts join its case instead).
    const post = (n: number, key?: string) =>
      handle(
        event('post-json-valid', {
          json: {
            ...jsonFields(),
            chamado: `4822${n}`,
            descricao: `O suporte encerrou sem resolver: os pedidos pagos por Pix não mudam de status. Ocorrência ${n}.`,
          },
          headers: key ? { 'idempotency-key': key } : {},
        }),
      );
    expect((await post(1, 'k-1')).statusCode).toBe(201);
    expect((await post(2)).statusCode).toBe(201);
    const capped = await post(3);
    expect(capped.statusCode).toBe(409);
    expect(String(json(capped)['message'])).toContain('já tem 2 casos em andamento');
    expect(cases.records.size).toBe(2);
    const retry = await post(1, 'k-1');
    expect(retry.statusCode).toBe(201);
    expect(json(retry)['protocol']).toBe('OUV-2026-000001');
    expect(telemetry.events).toContain('rejected:open_cases');
  });

  it('says "1 caso" when the cap is one open case', async () => {
    setup(configWith({ maxOpenCasesPerSender: 1 }));
    // Two tickets of hers: a second post on the first one's ticket joins its case (no cap for that).
    const post = (n: number) =>
      handle(
        event('post-json-valid', {
          json: { ...jsonFields(), chamado: `4822${n}`, descricao: `${jsonFields()['descricao']} Ocorrência ${n}.` },
        }),
      );
    expect((await post(1)).statusCode).toBe(201);
    const capped = await post(2);
    expect(capped.statusCode).toBe(409);
    expect(String(json(capped)['message'])).toBe(
      'Este e-mail já tem 1 caso em andamento na Ouvidoria. Para acrescentar informações, responda ao e-mail de confirmação dele.',
    );
  });

  it('does not count guidance outcomes as open cases', async () => {
    setup(configWith({ maxOpenCasesPerSender: 1 }));
    const noTicket = (n: number) =>
      handle(
        event('post-json-valid', {
          json: { ...jsonFields(), chamado: '', descricao: `Preciso de ajuda com a loja, caso ${n}.` },
        }),
      );
    expect((await noTicket(1)).statusCode).toBe(200);
    expect((await noTicket(2)).statusCode).toBe(200);
    expect((await handle(fixture('post-json-valid'))).statusCode).toBe(201);
    // At the cap, a post that would not open a case still gets its guidance (decided before the cap).
    const atCap = await noTicket(3);
    expect(atCap.statusCode).toBe(200);
    expect(telemetry.events).not.toContain('rejected:open_cases');
    expect(cases.records.size).toBe(4);
  });
});

describe('idempotency', () => {
  it('the same Idempotency-Key twice makes one case, one email, the same answer', async () => {
    const first = await handle(event('post-json-valid', { headers: { 'idempotency-key': '6f1c2a9e-retry' } }));
    clock.advance(60 * 60 * 1000); // even an hour later
    const second = await handle(event('post-json-valid', { headers: { 'idempotency-key': '6f1c2a9e-retry' } }));
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(json(second)).toEqual(json(first));
    expect(cases.records.size).toBe(1);
    // One link (the second post reused the first's pending submission), one acknowledgement.
    expect(confirmationsIn(mailer.sent)).toHaveLength(1);
    expect(withoutConfirmations(mailer.sent)).toHaveLength(1);
    expect(queue.messages).toHaveLength(1);
    expect(telemetry.events).toEqual(['submitted:ACCEPTED', 'submitted:ACCEPTED:duplicate']);
  });

  // The key is for retrying a post, not for a new one (the IETF Idempotency-Key draft: 422). Answered
  // with the first form's outcome, her second form was stored by no one — lost without a word when
  // the first cited a ticket and the second did not (its guidance queued, the consumer refusing a
  // form that waits for its link).
  describe.each([
    ['a longer description', (f: Record<string, unknown>) => ({ ...f, descricao: `${f['descricao']} (reenviado)` })],
    ['the ticket left out', (f: Record<string, unknown>) => ({ ...f, chamado: '' })],
    ['another topic', (f: Record<string, unknown>) => ({ ...f, assunto: 'outro' })],
    ['another name', (f: Record<string, unknown>) => ({ ...f, nome: 'Outra Pessoa' })],
  ])('the same Idempotency-Key with another form (%s)', (_, change) => {
    it('is refused with 422 and its own words; the first post stays the only one', async () => {
      const first = await handle(event('post-json-valid', { headers: { 'idempotency-key': 'reused-key' } }));
      const mailsBefore = mailer.sent.length;
      const second = await handle(
        event('post-json-valid', { json: change(jsonFields()), headers: { 'idempotency-key': 'reused-key' } }),
      );
      expect(first.statusCode).toBe(201);
      expect(second.statusCode).toBe(422);
      expect(json(second)).toMatchObject({ error: 'idempotency_key_reused' });
      expect(String(json(second)['message'])).toContain('Idempotency-Key');
      expect(cases.records.size).toBe(1);
      expect(mailer.sent).toHaveLength(mailsBefore);
      expect(telemetry.events).toEqual(['submitted:ACCEPTED', 'rejected:key_reused']);
    });
  });

  it('a browser that reuses a key with another form sees the problem page in Portuguese', async () => {
    await handle(event('post-json-valid', { headers: { 'idempotency-key': 'reused-key-browser' } }));
    const second = await handle(
      event('post-json-valid', {
        json: { ...jsonFields(), chamado: '' },
        headers: { 'idempotency-key': 'reused-key-browser', accept: 'text/html' },
      }),
    );
    expect(second.statusCode).toBe(422);
    expect(second.body).toContain('Chave de envio já usada');
    expect(second.body).toContain('<html lang="pt-BR"');
  });

  it('an Idempotency-Key only dedupes the same sender (a replayed key reveals nothing)', async () => {
    await handle(event('post-json-valid', { headers: { 'idempotency-key': 'shared-key' } }));
    const other = { ...withoutTicket(), email: 'outra@loja.com.br' };
    const response = await handle(
      event('post-json-valid', { json: other, headers: { 'idempotency-key': 'shared-key' } }),
    );
    expect(json(response)).toMatchObject({ outcome: 'NO_PRIOR_TICKET' });
    expect(json(response)['protocol']).toBeUndefined();
    expect(cases.records.size).toBe(2);
  });

  it('the same content twice (a double click) makes one case; the browser sees the same page', async () => {
    const first = await handle(fixture('post-urlencoded-valid'));
    clock.advance(2_000);
    const second = await handle(fixture('post-urlencoded-valid'));
    expect(second.statusCode).toBe(201);
    expect(second.body).toContain('<p class="protocolo">OUV-2026-000001</p>');
    expect(first.body).toContain('<p class="protocolo">OUV-2026-000001</p>');
    expect(cases.records.size).toBe(1);
    expect(confirmationsIn(mailer.sent)).toHaveLength(1);
    expect(withoutConfirmations(mailer.sent)).toHaveLength(1);
  });

  it('same content across a 10-minute bucket boundary is still one case', async () => {
    clock.set('2026-03-10T13:09:59Z');
    await handle(fixture('post-json-valid'));
    clock.set('2026-03-10T13:10:03Z');
    const second = await handle(fixture('post-json-valid'));
    expect(json(second)['protocol']).toBe('OUV-2026-000001');
    expect(cases.records.size).toBe(1);
  });

  it('the same content half an hour later is a new, deliberate submission: added to her case of that ticket', async () => {
    await handle(fixture('post-json-valid'));
    clock.advance(30 * 60 * 1000);
    const later = await handle(fixture('post-json-valid'));
    expect(json(later)).toMatchObject({ outcome: 'JOINED', protocol: 'OUV-2026-000001' });
    expect(cases.records.size).toBe(1);
    expect([...cases.records.values()][0]?.messages).toHaveLength(2);
  });

  it('whitespace and letter case do not make a different submission', async () => {
    await handle(fixture('post-json-valid'));
    const fields = jsonFields();
    const retyped = {
      ...fields,
      email: MERCHANT.toUpperCase(),
      descricao: `  ${String(fields['descricao']).toUpperCase()}\n`,
    };
    await handle(event('post-json-valid', { json: retyped }));
    expect(cases.records.size).toBe(1);
  });
});

describe('failures of our dependencies', () => {
  it('a DynamoDB failure → 503 with the typed text kept; the retry makes exactly one case', async () => {
    pendingSubmissions.failNext = {
      method: 'create',
      error: Object.assign(new Error('Service unavailable'), { name: 'ServiceUnavailable' }),
    };
    const failed = await handle(fixture('post-urlencoded-valid'));
    expect(failed.statusCode).toBe(503);
    expect(failed.headers['retry-after']).toBe('30');
    expect(failed.body).toContain('Tente novamente em alguns instantes');
    expect(failed.body).toContain('value="Mariana Costa"');
    expect(failed.body).toContain('Peço que a Ouvidoria acompanhe o caso.</textarea>');
    expectSecurityHeaders(failed);

    const retried = await handle(fixture('post-urlencoded-valid'));
    expect(retried.statusCode).toBe(201);
    expect(cases.records.size).toBe(1);
    expect(confirmationsIn(mailer.sent)).toHaveLength(1);
    expect(withoutConfirmations(mailer.sent)).toHaveLength(1);
    expect(telemetry.events).toEqual(['failed', 'submitted:ACCEPTED']);
  });

  it('a DynamoDB failure while confirming → a pt-BR 503; the link clicked again makes exactly one case', async () => {
    const pending = await post(fixture('post-urlencoded-valid'));
    expect(pending.statusCode).toBe(202);
    const token = confirmTokenOf(mailer.sent);
    cases.failNext.create = Object.assign(new Error('Service unavailable'), { name: 'ServiceUnavailable' });
    const failed = await post(confirmEventOf(fixture('post-urlencoded-valid'), token));
    expect(failed.statusCode).toBe(503);
    expect(failed.headers['retry-after']).toBe('30');
    expect(failed.body).toContain('confirme de novo em alguns instantes');
    const again = await post(confirmEventOf(fixture('post-urlencoded-valid'), token));
    expect(again.statusCode).toBe(201);
    expect(cases.records.size).toBe(1);
    expect(withoutConfirmations(mailer.sent)).toHaveLength(1);
    expect(queue.messages).toHaveLength(1);
  });

  it('an SES failure does not fail the case: 201 with the protocol; the retry sends the one acknowledgement', async () => {
    const pending = await post(fixture('post-json-valid'));
    expect(pending.statusCode).toBe(202);
    const token = confirmTokenOf(mailer.sent);
    mailer.failNext = Object.assign(new Error('Throttling'), { name: 'TooManyRequestsException' });
    const failed = await post(confirmEventOf(fixture('post-json-valid'), token));
    expect(failed.statusCode).toBe(201);
    expect(json(failed)['protocol']).toBe('OUV-2026-000001');
    expect(withoutConfirmations(mailer.sent)).toHaveLength(0);
    expect(queue.messages).toHaveLength(1);
    const retried = await post(confirmEventOf(fixture('post-json-valid'), token));
    expect(retried.statusCode).toBe(201);
    expect(json(retried)['protocol']).toBe('OUV-2026-000001');
    expect(withoutConfirmations(mailer.sent)).toHaveLength(1);
    expect(queue.messages).toHaveLength(1);
  });

  it('an SES failure of the link’s mail is not the post’s: the same 202, the message back on the queue, then one link', async () => {
    mailer.failNext = Object.assign(new Error('Throttling'), { name: 'TooManyRequestsException' });
    const failed = await post(fixture('post-json-valid'));
    expect(failed.statusCode).toBe(202);
    // Kept, its claim on the mail given back: the queue's next delivery mails the link.
    expect(pendingSubmissions.items.size).toBe(1);
    expect(mailer.sent).toHaveLength(0);
    expect(confirmMails.undelivered).toHaveLength(1);
    await confirmMails.redeliver();
    expect(confirmationsIn(mailer.sent)).toHaveLength(1);
    // The same post again queues again; the claim keeps it to one link.
    expect((await post(fixture('post-json-valid'))).statusCode).toBe(202);
    expect(confirmationsIn(mailer.sent)).toHaveLength(1);
    expect(cases.records.size).toBe(0);
  });

  it('a link mail that could not be queued → 503; the same post again queues it, and its link goes once', async () => {
    confirmMails.failNext = Object.assign(new Error('Throttling'), { name: 'RequestThrottled' });
    const failed = await post(fixture('post-json-valid'));
    expect(failed.statusCode).toBe(503);
    expect(pendingSubmissions.items.size).toBe(1);
    expect(mailer.sent).toHaveLength(0);
    const again = await post(fixture('post-json-valid'));
    expect(again.statusCode).toBe(202);
    expect(confirmationsIn(mailer.sent)).toHaveLength(1);
    expect(cases.records.size).toBe(0);
  });
});

describe('Lambda entry point', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('answers a pt-BR 503 (never throws) when the environment is not configured', async () => {
    vi.stubEnv('OUVIDORIA_CONFIG', '');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const response = await handler(fixture('get-page'));
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('30');
    expect(response.body).toContain('Serviço temporariamente indisponível');
    expectSecurityHeaders(response);
    expect(String(errors.mock.calls[0]?.[0])).toContain('OUVIDORIA_CONFIG');
  });
});

describe('logs', () => {
  let written: string[];
  beforeEach(() => {
    written = [];
    const capture = (chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    };
    vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  });
  afterEach(() => vi.restoreAllMocks());

  it('carry no address, name or description, even when a dependency fails', async () => {
    setup(localConfig, new Logger({ logLevel: 'DEBUG', serviceName: 'webform' }));
    await handle(fixture('post-json-valid'));
    await handle(fixture('post-invalid'));
    pendingSubmissions.failNext = { method: 'create', error: new Error('boom') };
    await handle(
      event('post-json-valid', { json: { ...jsonFields(), descricao: 'Outro relato com bastante detalhe aqui.' } }),
    );
    const logs = written.join('');
    expect(logs).toContain('Webform submission');
    expect(logs).toContain('Webform submission failed');
    expect(logs).toContain('l***@m***.com.br');
    for (const secret of [MERCHANT, 'Mariana', 'Pix', 'Não resolveram', 'bastante detalhe', '203.0.113.45']) {
      expect(logs).not.toContain(secret);
    }
  });
});

describe('property: no input makes the handler answer 5xx or throw', () => {
  const fieldValue = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.constantFrom('', ' ', 'on', 'true', '48213', '#48.213', MERCHANT, 'atendimento', 'x'.repeat(30)),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
  );
  const fieldName = fc.oneof(
    fc.constantFrom(
      'nome',
      'email',
      'loja',
      'chamado',
      'assunto',
      'descricao',
      'naoCliente',
      'consentimento',
      'website',
    ),
    fc.constantFrom('__proto__', 'constructor', 'toString'),
    fc.string({ maxLength: 10 }),
  );
  /** A valid form with some fields replaced or removed: reaches validation, the rules and storage. */
  const nearlyValid = fc
    .record({
      overrides: fc.oneof(fc.constant({}), fc.dictionary(fieldName, fieldValue, { maxKeys: 3 })),
      removed: fc.oneof(
        { weight: 2, arbitrary: fc.constant([]) },
        { weight: 1, arbitrary: fc.subarray(['nome', 'email', 'chamado', 'assunto', 'descricao', 'consentimento']) },
      ),
      email: fc.constantFrom(MERCHANT, 'outra@loja.com.br', 'Lojista@ModasBella.com.br', 'x@y'),
      descricao: fc.string({ minLength: 20, maxLength: 400 }),
      chamado: fc.constantFrom('48213', '#48.213', '99999', '', '0'),
      naoCliente: fc.boolean(),
    })
    .map(({ overrides, removed, email, descricao, chamado, naoCliente }) => {
      const fields: Record<string, unknown> = { ...jsonFields(), email, descricao, chamado, naoCliente };
      for (const [key, value] of Object.entries(overrides)) fields[key] = value;
      for (const key of removed) delete fields[key];
      return fields;
    });
  const asUrlencoded = (f: Record<string, unknown>) =>
    new URLSearchParams(
      Object.entries(f).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : (JSON.stringify(v) ?? '')]),
    ).toString();
  const contentType = fc.oneof(
    fc.constantFrom(
      'application/json',
      'application/x-www-form-urlencoded',
      'application/json; charset=latin1',
      'multipart/form-data; boundary=x',
      'text/html',
      '',
      ';;;',
    ),
    fc.string({ maxLength: 40 }),
  );
  const bodyAndType = fc.oneof(
    { weight: 3, arbitrary: nearlyValid.map((f) => [JSON.stringify(f), 'application/json'] as const) },
    { weight: 3, arbitrary: nearlyValid.map((f) => [asUrlencoded(f), 'application/x-www-form-urlencoded'] as const) },
    { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 2000 }), contentType) },
    { weight: 1, arbitrary: fc.tuple(fc.string({ unit: 'binary', maxLength: 500 }), contentType) },
    { weight: 1, arbitrary: fc.tuple(fc.constant(`descricao=${'a'.repeat(70_000)}`), contentType) },
  );
  const headerValue = fc.oneof(fc.string({ maxLength: 300 }), fc.constantFrom('application/json', 'text/html', '*/*'));
  const route = fc.oneof(
    { weight: 4, arbitrary: fc.constant(['POST', '/casos'] as const) },
    {
      weight: 1,
      arbitrary: fc.tuple(
        fc.constantFrom('GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'),
        fc.constantFrom('/', '/casos', '/casos/', '/app.js', '/x', '//', '/%00'),
      ),
    },
  );

  it('holds for arbitrary bodies, content types, headers, methods and paths', async () => {
    setup(configWith({ webformPerIpPerHour: 1_000_000, maxOpenCasesPerSender: 3 }));
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        bodyAndType,
        fc.boolean(),
        fc.dictionary(
          fc.constantFrom('accept', 'idempotency-key', 'Content-Type', 'x-forwarded-for', 'cookie'),
          headerValue,
        ),
        route,
        fc.oneof(fc.ipV4(), fc.ipV6()),
        async ([b, ct], base64, headers, [method, path], ip) => {
          const e = event('post-json-valid', { method, path, ip, headers: { 'content-type': ct, ...headers } });
          e.body = base64 ? Buffer.from(b, 'utf8').toString('base64') : b;
          e.isBase64Encoded = base64;
          const response = await handle(e);
          statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
          expect(response.statusCode).toBeGreaterThanOrEqual(200);
          expect(response.statusCode).toBeLessThan(500);
          expect(response.headers['x-content-type-options']).toBe('nosniff');
        },
      ),
      { numRuns: 300 },
    );
    // The generator reaches validation, the size and type checks, and stores cases (not only 4xx).
    for (const status of [200, 400, 413, 415]) expect([...statuses.keys()]).toContain(status);
    expect(cases.records.size).toBeGreaterThan(0);
  });
});
