/**
 * The HTTP basics every page of the site shares (the webform, the status page and survey, the staff
 * console): API Gateway's request and response shapes, header lookup, the same-origin check of a
 * POST, content negotiation, responses with the security headers, the 503s and the lazy entry point.
 * Kept apart from the form's own routes (http.ts) so that the console's bundle does not carry the
 * intake (its rules and replies) it never runs.
 */
import { securityHeaders } from './csp';
import { FAVICON_LINK } from './favicon';
import { isJsonMediaType, mediaType } from './form';

/** An API Gateway HTTP API (payload 2.0) structured result, as this module builds it. */
export interface WebformResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded?: boolean;
  cookies?: string[];
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
  /** The query string as API Gateway passes it (`rawQueryString`), without the `?`. */
  rawQueryString?: string | undefined;
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
    rawQueryString: event.rawQueryString,
  };
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
 * or bookmarked); a present Origin must be the webform's own. `Origin: null` is what a page of
 * another site sends from a sandboxed frame, a `data:` page or a redirect — and what our own forms
 * sent while our pages said `Referrer-Policy: no-referrer`; they now say `same-origin` (csp.ts),
 * under which a same-origin form sends its real Origin. So `null` passes only when the browser
 * vouches with `Sec-Fetch-Site: same-origin`. Neither header (API clients, very old browsers):
 * accepted; the form's own limits, the signed links and the console's CSRF token hold without it.
 */
export function originAllowed(headers: Record<string, string>, webformOrigin: string): boolean {
  const site = header(headers, 'sec-fetch-site')?.toLowerCase();
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = header(headers, 'origin');
  if (origin === undefined) return true;
  if (origin === 'null') return site === 'same-origin';
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
<html lang="pt-BR"><head><meta charset="utf-8"><title>Serviço temporariamente indisponível – Ouvidoria</title>${FAVICON_LINK}</head>
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

/**
 * Form bodies of the site's small pages (status page, survey, sign-in) are small: the survey
 * comment is the largest field. The console's forms, which carry answers, pass their own limit.
 */
const MAX_BODY_BYTES = 16 * 1024;

/**
 * Form-urlencoded body (API Gateway may base64 it), or null when it is something else or larger
 * than `maxBytes`; `tooLarge` tells the two apart for a caller that answers them differently.
 */
export function formBody(request: WebformRequest, maxBytes = MAX_BODY_BYTES): URLSearchParams | null {
  const read = readFormBody(request, maxBytes);
  return read === 'too-large' ? null : read;
}

export function readFormBody(request: WebformRequest, maxBytes: number): URLSearchParams | null | 'too-large' {
  const type = (header(request.headers, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return null;
  const body = request.body ?? '';
  const text = request.isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
  if (Buffer.byteLength(text, 'utf8') > maxBytes) return 'too-large';
  return new URLSearchParams(text);
}
