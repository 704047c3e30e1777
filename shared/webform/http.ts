/**
 * HTTP face of the webform: routes, content negotiation (HTML for browsers, JSON for API
 * clients), security headers and the mapping of service results to responses. The Lambda
 * handler only checks the event shape and calls `serveWebform`.
 * Routes: GET|HEAD / (page), GET|HEAD /app.js (enhancement script), POST /casos (submission),
 * POST /anexos (presigned upload policies for the files, JSON).
 */
import { maskEmail } from '../domain/mask';
import { securityHeaders } from './csp';
import { formValues, isJsonMediaType, mediaType, parseFormBody } from './form';
import { type PageContext, renderPage, type WebformView } from './page';
import { APP_JS } from './script';
import { handleFormPost, hourWindowStart, rateLimitKey, type WebformDeps } from './submit';
import { issueUploads } from './uploads';
import type { WebformTelemetry } from './telemetry';

/** An API Gateway HTTP API (payload 2.0) structured result, as this module builds it. */
export interface WebformResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded?: boolean;
  cookies?: string[];
}

/**
 * The logger this module writes to (structural: the Powertools Logger fits, created in the Lambda
 * handler; shared/webform imports no AWS package).
 */
export interface WebformLogger {
  info(message: string, ...extra: Array<Record<string, unknown>>): void;
  warn(message: string, ...extra: Array<Record<string, unknown>>): void;
  error(message: string, ...extra: Array<Record<string, unknown>>): void;
  appendKeys(keys: Record<string, unknown>): void;
  resetKeys(): void;
}

/** What the handler takes from the API Gateway event (payload 2.0). */
export interface WebformRequest {
  method: string;
  rawPath: string;
  stage?: string | undefined;
  headers: Record<string, string>;
  body?: string | undefined;
  isBase64Encoded: boolean;
  sourceIp: string;
}

/**
 * The fields of an API Gateway HTTP API (payload 2.0) event the site reads, already validated
 * (the webform and the console functions).
 */
export interface SiteEvent {
  rawPath: string;
  rawQueryString?: string;
  cookies?: string[];
  headers: Record<string, string>;
  body?: string;
  isBase64Encoded: boolean;
  requestContext: { stage: string; requestId: string; http: { method: string; sourceIp: string } };
}

/** The request the HTTP layers read, from a validated event. */
export function requestOf(event: SiteEvent): WebformRequest {
  return {
    method: event.requestContext.http.method,
    rawPath: event.rawPath,
    stage: event.requestContext.stage,
    headers: event.headers,
    body: event.body,
    isBase64Encoded: event.isBase64Encoded,
    sourceIp: event.requestContext.http.sourceIp,
  };
}

export interface WebformHttpDeps {
  service: WebformDeps;
  logger: WebformLogger;
  telemetry: WebformTelemetry;
}

export const SERVICE_UNAVAILABLE =
  'Não foi possível registrar a sua solicitação agora, por uma falha temporária do nosso lado. Tente novamente em alguns instantes: se ela já tiver sido registrada, o novo envio não cria uma duplicidade.';

const CONTENT_TYPE = {
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
} as const;

/** Header lookup that tolerates any case (API Gateway lower-cases them; local callers may not). */
export function header(headers: Record<string, string>, name: string): string | undefined {
  if (headers[name] !== undefined) return headers[name];
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

export const ORIGIN_REFUSED_PT =
  'Este envio veio de outro site e foi recusado. Abra a página da Ouvidoria e tente de novo.';

/**
 * Same-origin check of a POST. A present `Sec-Fetch-Site` must be `same-origin` (or `none`: typed
 * or bookmarked); a present Origin must be the webform's own. Our pages send `Referrer-Policy:
 * no-referrer`, under which browsers send `Origin: null` even for same-origin forms: `null` is
 * therefore left to Sec-Fetch-Site. Neither header (old browsers, API clients): accepted; the form's
 * own limits and the signed links hold without it.
 */
export function originAllowed(headers: Record<string, string>, webformOrigin: string): boolean {
  const site = header(headers, 'sec-fetch-site')?.toLowerCase();
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = header(headers, 'origin');
  if (origin === undefined || origin === 'null') return true;
  try {
    return new URL(origin).origin === new URL(webformOrigin).origin;
  } catch {
    return false;
  }
}

/** Browsers ask for text/html; API clients ask for JSON or just send it. */
export function wantsJson(headers: Record<string, string>): boolean {
  const accept = (header(headers, 'accept') ?? '').toLowerCase();
  if (accept.includes('text/html')) return false;
  if (/application\/(?:[a-z0-9.+-]*\+)?json/.test(accept)) return true;
  return isJsonMediaType(mediaType(header(headers, 'content-type')));
}

export function respond(
  status: number,
  body: string,
  type: keyof typeof CONTENT_TYPE,
  extra: Record<string, string> = {},
  connectOrigins: string[] = [],
): WebformResponse {
  return {
    statusCode: status,
    headers: {
      ...securityHeaders(connectOrigins),
      'content-type': CONTENT_TYPE[type],
      'cache-control': type === 'js' ? 'public, max-age=300' : 'no-store',
      ...extra,
    },
    body,
  };
}

/** The 400 for an event API Gateway would never send. */
export function badEvent(): WebformResponse {
  return respond(400, JSON.stringify({ message: 'Requisição inválida.' }), 'json');
}

/** The 503 when something of ours failed (JSON: nothing to render with, or the page broke). */
export function unavailable(kind: 'json' | 'static' = 'json'): WebformResponse {
  return kind === 'json'
    ? respond(503, JSON.stringify({ message: SERVICE_UNAVAILABLE }), 'json', { 'retry-after': '30' })
    : respond(503, STATIC_UNAVAILABLE, 'html', { 'retry-after': '30' });
}

/** An HTTP function's handler (the webform's, the console's). */
export type HttpHandler<C> = (event: unknown, context?: C) => Promise<WebformResponse>;

/**
 * The Lambda entry point of an HTTP function: its handler is built once per container, on first
 * use (importing the module reads no environment); a failed build is retried by the next request
 * and answered meanwhile with a static 503, since a bad configuration, environment or secret
 * leaves nothing to render a page with.
 */
export function lazyEntryPoint<C>(service: string, build: () => Promise<HttpHandler<C>>): HttpHandler<C> {
  let built: Promise<HttpHandler<C>> | undefined;
  return async (event, context) => {
    built ??= build().catch((error: unknown) => {
      built = undefined;
      throw error;
    });
    try {
      return (await built)(event, context);
    } catch (error) {
      console.error(
        JSON.stringify({
          level: 'ERROR',
          service,
          message: 'Cold start failed',
          errorName: error instanceof Error ? error.name : typeof error,
          error: error instanceof Error ? error.message.slice(0, 500) : undefined,
        }),
      );
      return unavailable('static');
    }
  };
}

const STATIC_UNAVAILABLE = `<!DOCTYPE html>
<html lang="pt-BR"><head><meta charset="utf-8"><title>Serviço temporariamente indisponível – Ouvidoria</title></head>
<body><main><h1>Serviço temporariamente indisponível</h1><p>${SERVICE_UNAVAILABLE}</p></main></body></html>
`;

/** Path inside the app and the stage prefix to put back in links ('' on the $default stage). */
export function routeOf(rawPath: string, stage: string | undefined): { path: string; basePath: string } {
  let path = rawPath || '/';
  let basePath = '';
  if (stage && stage !== '$default' && (path === `/${stage}` || path.startsWith(`/${stage}/`))) {
    basePath = `/${stage}`;
    path = path.slice(basePath.length) || '/';
  }
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return { path, basePath };
}

export const ROUTES: Record<string, string[]> = {
  '/': ['GET', 'HEAD'],
  '/app.js': ['GET', 'HEAD'],
  '/casos': ['POST'],
  '/anexos': ['POST'],
};

/** Route one request and answer it; throws only if rendering itself fails. */
export async function serveWebform(request: WebformRequest, deps: WebformHttpDeps): Promise<WebformResponse> {
  const { logger, telemetry } = deps;
  const { method } = request;
  const { path, basePath } = routeOf(request.rawPath, request.stage);
  const uploads = deps.service.uploads;
  const ctx: PageContext = { config: deps.service.config, basePath, attachments: Boolean(uploads) };
  const origins = uploads?.origin ? [uploads.origin] : [];
  const json = wantsJson(request.headers);
  const page = (
    status: number,
    view: WebformView,
    jsonBody: Record<string, unknown>,
    extra: Record<string, string> = {},
  ): WebformResponse =>
    json
      ? respond(status, JSON.stringify(jsonBody), 'json', extra)
      : respond(status, renderPage(view, ctx), 'html', extra, origins);

  const allowed = ROUTES[path];
  if (!allowed) {
    const message = 'Página não encontrada.';
    return page(404, { kind: 'problem', title: 'Página não encontrada', message }, { message });
  }
  if (method === 'OPTIONS') return respond(204, '', 'html', { allow: [...allowed, 'OPTIONS'].join(', ') });
  if (path === '/casos' && (method === 'GET' || method === 'HEAD')) {
    // Someone reloading or bookmarking the result page: send them to the form.
    return respond(303, '', 'html', { location: `${basePath}/` });
  }
  if (!allowed.includes(method)) {
    const message = 'Método não permitido para este endereço.';
    const view: WebformView = { kind: 'problem', title: 'Método não permitido', message };
    return page(405, view, { message }, { allow: allowed.join(', ') });
  }
  if (path === '/app.js') return respond(200, APP_JS, 'js');
  if (path === '/') return respond(200, renderPage({ kind: 'form' }, ctx), 'html', {}, origins);
  // A page elsewhere must not post the form from visitors' browsers (their IPs, their cookies).
  if (!originAllowed(request.headers, deps.service.config.webformOrigin)) {
    logger.warn('Webform POST from another origin refused', { path });
    const view: WebformView = { kind: 'problem', title: 'Envio recusado', message: ORIGIN_REFUSED_PT };
    return page(403, view, { message: ORIGIN_REFUSED_PT });
  }
  if (path === '/anexos') return uploadPolicies(request, deps);

  const contentType = header(request.headers, 'content-type') ?? '';
  const body = request.body ?? '';
  try {
    const result = await handleFormPost(
      {
        body,
        contentType,
        isBase64Encoded: request.isBase64Encoded,
        idempotencyKey: header(request.headers, 'idempotency-key'),
        sourceIp: request.sourceIp,
      },
      deps.service,
    );
    const e = result.event;
    if (e.kind === 'submitted') {
      telemetry.submitted(e.outcome, e.duplicate);
      if (e.unscannedUploads) telemetry.claimedUnscanned(e.unscannedUploads);
      logger.info('Webform submission', {
        status: result.status,
        outcome: e.outcome,
        duplicate: e.duplicate,
        caseId: e.caseId,
        keySource: e.keySource,
      });
    } else {
      telemetry.rejected(e.reason);
      logger.info('Webform submission rejected', { status: result.status, reason: e.reason, fields: e.fields });
    }
    return page(result.status, result.view, result.json, result.headers);
  } catch (error) {
    // Our dependency failed (DynamoDB, SES, SQS): 503, the person's text kept on the page.
    telemetry.failed();
    const reparsed = parseFormBody({ body, contentType, isBase64Encoded: request.isBase64Encoded });
    const email = reparsed.ok ? reparsed.fields['email'] : undefined;
    logger.error('Webform submission failed', {
      errorName: error instanceof Error ? error.name : typeof error,
      httpStatusCode: (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode,
      // The sender's address, masked, for the failure log (never the address itself, never the text).
      sender: typeof email === 'string' ? maskEmail(email) : undefined,
    });
    const view: WebformView = reparsed.ok
      ? { kind: 'form', values: formValues(reparsed.fields), notice: SERVICE_UNAVAILABLE }
      : { kind: 'problem', title: 'Serviço temporariamente indisponível', message: SERVICE_UNAVAILABLE };
    return page(503, view, { message: SERVICE_UNAVAILABLE }, { 'retry-after': '30' });
  }
}

/** POST /anexos: counted against the per-IP limit like a submission, then the policies. */
async function uploadPolicies(request: WebformRequest, deps: WebformHttpDeps): Promise<WebformResponse> {
  const { service } = deps;
  const json = (status: number, body: unknown, extra: Record<string, string> = {}) =>
    respond(status, JSON.stringify(body), 'json', extra);
  if (!service.uploads) return json(404, { message: 'Este formulário não aceita anexos no momento.' });
  const now = service.clock.now();
  const windowStart = hourWindowStart(now);
  const hits = await service.rateLimiter.hit(rateLimitKey(request.sourceIp), windowStart, 3600);
  if (hits > service.config.limits.webformPerIpPerHour) {
    const retryAfter = Math.max(1, Math.ceil((windowStart.getTime() + 3_600_000 - now.getTime()) / 1000));
    deps.telemetry.rejected('rate_limit');
    return json(
      429,
      { message: 'Muitos envios a partir da sua conexão. Tente novamente mais tarde.' },
      { 'retry-after': String(retryAfter) },
    );
  }
  const parsed = parseFormBody({
    body: request.body,
    contentType: header(request.headers, 'content-type'),
    isBase64Encoded: request.isBase64Encoded,
  });
  if (!parsed.ok) return json(parsed.status, { message: parsed.message });
  const result = await issueUploads(parsed.fields, { ...service, uploads: service.uploads });
  if (result.status !== 200) deps.telemetry.rejected('attachments');
  deps.logger.info('Upload policies', {
    status: result.status,
    files: result.status === 200 ? result.json.files.length : 0,
  });
  return json(result.status, result.json);
}
