/**
 * HTTP face of the webform: routes, content negotiation (HTML for browsers, JSON for API
 * clients), security headers and the mapping of service results to responses. The Lambda
 * handler only checks the event shape and calls `serveWebform`.
 * Routes: GET|HEAD / (page), GET|HEAD /app.js (enhancement script), POST /casos (submission),
 * POST /anexos (presigned upload policies for the files, JSON), GET|HEAD /confirmar?t= (the
 * confirmation link's page: a button, nothing recorded) and POST /confirmar (the confirmation: the
 * post that cited a ticket is registered; confirm.ts).
 */
import { maskEmail } from '../domain/mask';
import { CONFIRM_PATH, CONFIRM_WORDS } from '../domain/webform-confirmation';
import { checkConfirmation, confirmSubmission } from './confirm';
import { formValues, parseFormBody } from './form';
import { type PageContext, renderPage, type WebformView } from './page';
import { APP_JS } from './script';
import {
  connectionOverLimit,
  type FormPostResult,
  handleFormPost,
  RATE_LIMIT_MESSAGE,
  type WebformDeps,
} from './submit';
import { issueUploads } from './uploads';
import {
  formBody,
  header,
  ORIGIN_REFUSED_PT,
  originAllowed,
  respond,
  routeOf,
  SERVICE_UNAVAILABLE,
  wantsJson,
  type WebformRequest,
  type WebformResponse,
} from './site-http';
import type { WebformTelemetry } from './telemetry';

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

export interface WebformHttpDeps {
  service: WebformDeps;
  logger: WebformLogger;
  telemetry: WebformTelemetry;
}

export const ROUTES: Record<string, string[]> = {
  '/': ['GET', 'HEAD'],
  '/app.js': ['GET', 'HEAD'],
  '/casos': ['POST'],
  '/anexos': ['POST'],
  [CONFIRM_PATH]: ['GET', 'HEAD', 'POST'],
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
  // Each link read is a table read: its own per-connection counter (red-team round 5, C5).
  if (path === CONFIRM_PATH) {
    const retryAfter = await connectionOverLimit(deps.service, request.sourceIp, 'confirm');
    if (retryAfter !== undefined) {
      logger.info('Confirmation link refused', { error: 'rate_limit' });
      const view: WebformView = { kind: 'rate-limited', retryAfterSeconds: retryAfter };
      return page(
        429,
        view,
        { message: RATE_LIMIT_MESSAGE, retryAfterSeconds: retryAfter },
        { 'retry-after': String(retryAfter) },
      );
    }
  }
  if (path === CONFIRM_PATH && method !== 'POST') {
    const checked = await checkConfirmation(new URLSearchParams(request.rawQueryString ?? '').get('t'), deps.service);
    // The log keeps what the answer does not say (a forged link of a real post).
    if ('event' in checked) logger.info('Confirmation link refused', { error: checked.event.error });
    const json =
      'json' in checked
        ? checked.json
        : { token: checked.view.token, ...(checked.view.confirmed ? { confirmed: checked.view.confirmed } : {}) };
    return page(checked.status, checked.view, json);
  }
  // A page elsewhere must not post the form from visitors' browsers (their IPs, their cookies).
  if (!originAllowed(request.headers, deps.service.config.webformOrigin)) {
    logger.warn('Webform POST from another origin refused', { path });
    const view: WebformView = { kind: 'problem', title: 'Envio recusado', message: ORIGIN_REFUSED_PT };
    return page(403, view, { message: ORIGIN_REFUSED_PT });
  }
  if (path === '/anexos') return uploadPolicies(request, deps);

  if (path === CONFIRM_PATH) return confirmPost(request, deps, page);

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
    logResult(result, deps);
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

/** Metrics and the log line of a post's result (no personal data). */
function logResult(result: FormPostResult, deps: WebformHttpDeps): void {
  const { logger, telemetry } = deps;
  const e = result.event;
  if (e.kind === 'submitted') {
    // A post added to her open case is no submission of its own: the intake counted it as a follow-up.
    if (!e.joined) telemetry.submitted(e.outcome, e.duplicate);
    if (e.unscannedUploads) telemetry.claimedUnscanned(e.unscannedUploads);
    logger.info('Webform submission', {
      status: result.status,
      outcome: e.outcome,
      duplicate: e.duplicate,
      caseId: e.caseId,
      keySource: e.keySource,
      ...(e.joined ? { joined: true } : {}),
    });
  } else if (e.kind === 'pending') {
    logger.info('Webform submission awaits confirmation', {
      status: result.status,
      repeat: e.repeat,
      keySource: e.keySource,
    });
  } else {
    telemetry.rejected(e.reason);
    logger.info('Webform submission rejected', { status: result.status, reason: e.reason, fields: e.fields });
  }
}

type Page = (
  status: number,
  view: WebformView,
  jsonBody: Record<string, unknown>,
  extra?: Record<string, string>,
) => WebformResponse;

/**
 * POST /confirmar: the confirmation link's button. The token is the capability; the request must be
 * same-origin when the browser says (checked above). A failure of ours is a 503 the person may retry:
 * the confirmation is idempotent.
 */
async function confirmPost(request: WebformRequest, deps: WebformHttpDeps, page: Page): Promise<WebformResponse> {
  const { logger, telemetry } = deps;
  const form = formBody(request);
  try {
    const result = await confirmSubmission(form?.get('t') ?? null, deps.service);
    if (result.event.kind === 'link-problem') {
      logger.info('Confirmation link refused', { error: result.event.error });
      return page(result.status, result.view, result.json);
    }
    const posted = result as FormPostResult;
    logResult(posted, deps);
    return page(posted.status, posted.view, posted.json, posted.headers);
  } catch (error) {
    telemetry.failed();
    logger.error('Webform confirmation failed', {
      errorName: error instanceof Error ? error.name : typeof error,
      httpStatusCode: (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode,
    });
    const view: WebformView = {
      kind: 'problem',
      title: 'Serviço temporariamente indisponível',
      message: CONFIRM_WORDS.unavailable,
    };
    return page(503, view, { message: CONFIRM_WORDS.unavailable }, { 'retry-after': '30' });
  }
}

/** POST /anexos: counted against the per-IP limit like a submission, then the policies. */
async function uploadPolicies(request: WebformRequest, deps: WebformHttpDeps): Promise<WebformResponse> {
  const { service } = deps;
  const json = (status: number, body: unknown, extra: Record<string, string> = {}) =>
    respond(status, JSON.stringify(body), 'json', extra);
  if (!service.uploads) return json(404, { message: 'Este formulário não aceita anexos no momento.' });
  const retryAfter = await connectionOverLimit(service, request.sourceIp);
  if (retryAfter !== undefined) {
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
