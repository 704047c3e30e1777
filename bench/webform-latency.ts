/**
 * Webform handler latency in-process: createWebformHandler with the in-memory ports, API Gateway
 * HTTP API (payload 2.0) events for POST /casos, valid and invalid submissions interleaved.
 * Every request comes from its own client IP and address, as on a normal day, so the per-IP
 * limit and the open-cases cap never turn a valid post into a 429/409.
 */
import { withConfirmMails } from '../test/support/confirm';
import { createWebformHandler, type WebformHandler } from '../functions/webform/handler';
import type { TicketRecord } from '../shared/ports';
import {
  fakeIntake,
  percentile,
  Prng,
  productionTelemetry,
  type StdoutSink,
  webformEmailOf,
  webformTicketOf,
} from './support';

const NAMES = [
  'Mariana Costa',
  'João Pedro Almeida',
  'Conceição Ribeiro',
  'Otávio Brandão',
  'Lúcia Helena Dias',
  'Vânia Coutinho',
];
const TOPICS = ['atendimento', 'cobranca', 'acesso', 'funcionalidade', 'comercial', 'outro'];
const SENTENCES = [
  'Abri o chamado há três semanas porque os pedidos pagos por Pix não mudam de status na loja.',
  'O suporte encerrou o chamado dizendo que estava resolvido, mas o problema continua.',
  'Ontem foram 14 pedidos parados como "aguardando pagamento" e os clientes estão reclamando.',
  'Fui cobrada duas vezes pela fatura de fevereiro do plano Profissional e o estorno não veio.',
  'Meu usuário foi bloqueado por inatividade e não consigo acessar o painel administrativo.',
  'Peço que a Ouvidoria acompanhe o caso, porque já tentei todos os canais de atendimento.',
];

/** An API Gateway HTTP API (payload 2.0) event for POST /casos. */
export function postEvent(
  body: string,
  contentType: string,
  sourceIp: string,
  requestId: string,
  path = '/casos',
): unknown {
  return {
    version: '2.0',
    routeKey: `POST ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: {
      accept: contentType === 'application/json' ? 'application/json' : 'text/html,application/xhtml+xml',
      'accept-language': 'pt-BR,pt;q=0.9',
      'content-type': contentType,
      'content-length': String(Buffer.byteLength(body)),
      host: 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com',
      'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36',
      'x-forwarded-for': sourceIp,
      'x-forwarded-proto': 'https',
    },
    requestContext: {
      accountId: '123456789012',
      apiId: 'a1b2c3d4e5',
      domainName: 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'a1b2c3d4e5',
      http: { method: 'POST', path, protocol: 'HTTP/1.1', sourceIp, userAgent: 'Mozilla/5.0' },
      requestId,
      routeKey: `POST ${path}`,
      stage: '$default',
      time: '10/Mar/2026:14:00:00 +0000',
      timeEpoch: 1773151200000,
    },
    isBase64Encoded: false,
    body,
  };
}

function encodeForm(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/**
 * A valid post: JSON or urlencoded, description 80–5000 characters. Half cite the person's own
 * ticket, a fifth someone else's, the rest none (what the outcomes depend on).
 */
export function validEvent(rng: Prng, i: number, tickets: TicketRecord[]): unknown {
  const email = webformEmailOf(i);
  let descricao = '';
  const target = rng.logUniform(80, 4800);
  while (descricao.length < target) descricao += `${rng.pick(SENTENCES)} `;
  const roll = rng.next();
  const ticket = roll < 0.5 ? webformTicketOf(i).id : roll < 0.7 ? rng.pick(tickets).id : '';
  const fields = {
    nome: rng.pick(NAMES),
    email,
    loja: `Loja ${i} – www.loja${i}.example.com.br`,
    chamado: ticket ? `#${ticket}` : '',
    assunto: rng.pick(TOPICS),
    descricao: descricao.trim().slice(0, 5000),
  };
  const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
  if (rng.chance(0.5)) {
    const body = JSON.stringify({ ...fields, naoCliente: false, consentimento: true });
    return postEvent(body, 'application/json', ip, `valid-${i}`);
  }
  return postEvent(
    encodeForm({ ...fields, consentimento: 'on', website: '' }),
    'application/x-www-form-urlencoded',
    ip,
    `valid-${i}`,
  );
}

/**
 * The confirmation of a post that cited a ticket (trust hole F1): the POST of its link's button, as
 * the merchant's browser sends it.
 */
export function confirmEvent(token: string, sourceIp: string, requestId: string): unknown {
  return postEvent(
    new URLSearchParams({ t: token }).toString(),
    'application/x-www-form-urlencoded',
    sourceIp,
    requestId,
    '/confirmar',
  );
}

/** An invalid post: each kind of mistake a person (or a broken client) makes. */
export function invalidEvent(rng: Prng, i: number): unknown {
  const ip = `10.200.${(i >> 8) & 255}.${i & 255}`;
  const variant = i % 5;
  const base = {
    nome: rng.pick(NAMES),
    email: `lojista${i}@loja.example.com.br`,
    loja: 'Minha Loja',
    chamado: '48213',
    assunto: 'atendimento',
    descricao: 'O problema continua desde a semana passada e ninguém responde.',
    consentimento: 'on',
    website: '',
  };
  if (variant === 0)
    return postEvent(
      encodeForm({ ...base, email: 'lojista@modasbella' }),
      'application/x-www-form-urlencoded',
      ip,
      `bad-${i}`,
    );
  if (variant === 1)
    return postEvent(
      encodeForm({ ...base, descricao: 'Não resolveram.' }),
      'application/x-www-form-urlencoded',
      ip,
      `bad-${i}`,
    );
  if (variant === 2)
    return postEvent(
      encodeForm({ ...base, chamado: 'abc-123', nome: '' }),
      'application/x-www-form-urlencoded',
      ip,
      `bad-${i}`,
    );
  if (variant === 3) {
    const { consentimento: _omit, ...rest } = base;
    return postEvent(JSON.stringify({ ...rest, assunto: 'outra-coisa' }), 'application/json', ip, `bad-${i}`);
  }
  return postEvent('{"nome": "Mariana", "email": ', 'application/json', ip, `bad-${i}`);
}

/** GET / (the form page) as a browser asks for it. */
export function pageEvent(i: number): unknown {
  const event = postEvent('', 'text/html', `10.100.${(i >> 8) & 255}.${i & 255}`, `page-${i}`) as {
    routeKey: string;
    rawPath: string;
    body?: string;
    headers: Record<string, string>;
    requestContext: { routeKey: string; http: { method: string; path: string } };
  };
  event.routeKey = 'GET /';
  event.rawPath = '/';
  event.requestContext.routeKey = 'GET /';
  event.requestContext.http.method = 'GET';
  event.requestContext.http.path = '/';
  delete event.body;
  delete event.headers['content-type'];
  event.headers['content-length'] = '0';
  return event;
}

export interface LatencyResult {
  requests: { valid: number; invalid: number; page: number };
  validMs: number[];
  invalidMs: number[];
  pageMs: number[];
  statuses: Record<string, number>;
}

export async function measureWebformLatency(
  tickets: TicketRecord[],
  perKind: number,
  warmup: number,
  sink: StdoutSink,
): Promise<LatencyResult> {
  const rng = new Prng(4242);
  const { logger, metrics } = productionTelemetry('webform');
  let handler: WebformHandler | undefined;
  // A fresh store every 250 requests: DynamoDB's latency does not grow with the table, the fakes' does.
  const fresh = () => {
    const fakes = fakeIntake(tickets);
    handler = createWebformHandler(
      withConfirmMails({
        ...fakes.deps,
        rateLimiter: fakes.rateLimiter,
        pendingSubmissions: fakes.pendingSubmissions,
        linkSecret: fakes.linkSecret,
        confirmMails: fakes.confirmMails,
        logger,
        metrics,
      }),
    );
    return handler;
  };
  const validMs: number[] = [];
  const invalidMs: number[] = [];
  const pageMs: number[] = [];
  const statuses: Record<string, number> = {};
  sink.start();
  try {
    for (let i = 0; i < warmup + perKind; i++) {
      if (i % 250 === 0) fresh();
      const run = handler ?? fresh();
      const good = validEvent(rng, i, tickets);
      const bad = invalidEvent(rng, i);
      let t = performance.now();
      const r1 = await run(good);
      const validTime = performance.now() - t;
      t = performance.now();
      const r2 = await run(bad);
      const invalidTime = performance.now() - t;
      if (i < warmup) continue;
      validMs.push(validTime);
      invalidMs.push(invalidTime);
      statuses[`valid ${r1.statusCode}`] = (statuses[`valid ${r1.statusCode}`] ?? 0) + 1;
      statuses[`invalid ${r2.statusCode}`] = (statuses[`invalid ${r2.statusCode}`] ?? 0) + 1;
      if (i % 4 === 0) {
        t = performance.now();
        await run(pageEvent(i));
        pageMs.push(performance.now() - t);
      }
    }
  } finally {
    sink.stop();
  }
  return {
    requests: { valid: validMs.length, invalid: invalidMs.length, page: pageMs.length },
    validMs,
    invalidMs,
    pageMs,
    statuses,
  };
}

export function summary(values: number[]): { p50: number; p99: number } {
  return { p50: percentile(values, 50), p99: percentile(values, 99) };
}
