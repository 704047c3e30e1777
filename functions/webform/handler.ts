/**
 * Webform Lambda behind an API Gateway HTTP API (payload format 2.0). Thin: it checks the event
 * shape, routes, negotiates HTML or JSON, adds the security headers, and hands POST /casos to
 * the webform service. Routes: GET|HEAD / (page), GET|HEAD /app.js (enhancement script),
 * POST /casos (submission). It does not import the mail parser or shared/mail: the bundle stays
 * small (test/integration/webform.test.ts checks the esbuild metafile).
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { APIGatewayProxyEventV2Schema } from '@aws-lambda-powertools/parser/schemas';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import { createLogger, createMetrics, intakeTelemetry } from '../../shared/adapters/telemetry';
import { maskEmail } from '../../shared/domain/mask';
import type { Outcome } from '../../shared/domain/outcome';
import { formValues, isJsonMediaType, mediaType, parseFormBody } from '../../shared/webform/form';
import { APP_JS, type PageContext, renderPage, securityHeaders, type WebformView } from '../../shared/webform/page';
import { handleFormPost, type RejectReason, type WebformDeps } from '../../shared/webform/submit';
import { METRIC, SERVICE } from '../../shared/telemetry-names';

type ApiEvent = z.infer<typeof APIGatewayProxyEventV2Schema>;
export type WebformResponse = APIGatewayProxyStructuredResultV2 & {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
};
export type WebformHandler = (event: unknown, context?: Context) => Promise<WebformResponse>;

/** Webform metrics (EMF). Names are read by the CDK dashboard and alarms: change them together. */
export const WEBFORM_METRIC = {
  submission: METRIC.webformSubmission,
  rejected: METRIC.webformRejected,
  failed: METRIC.webformFailed,
} as const;

export interface WebformTelemetry {
  submitted(outcome: Outcome, duplicate: boolean): void;
  rejected(reason: RejectReason | 'bad_event'): void;
  failed(): void;
}

export function webformTelemetry(metrics: Metrics): WebformTelemetry {
  const count = (name: string, dimensions: Record<string, string>) => {
    const single = metrics.singleMetric();
    for (const [key, value] of Object.entries(dimensions)) single.addDimension(key, value);
    single.addMetric(name, MetricUnit.Count, 1);
  };
  return {
    submitted: (outcome, duplicate) => count(WEBFORM_METRIC.submission, { outcome, duplicate: String(duplicate) }),
    rejected: (reason) => count(WEBFORM_METRIC.rejected, { reason }),
    failed: () => count(WEBFORM_METRIC.failed, {}),
  };
}

export type WebformHandlerDeps = WebformDeps & {
  logger?: Logger;
  metrics?: Metrics;
  webformTelemetry?: WebformTelemetry;
};

const SERVICE_NAME = SERVICE.webform;

const SERVICE_UNAVAILABLE =
  'Não foi possível registrar a sua solicitação agora, por uma falha temporária do nosso lado. Tente novamente em alguns instantes: se ela já tiver sido registrada, o novo envio não cria uma duplicidade.';

const CONTENT_TYPE = {
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
} as const;

/** Header lookup that tolerates any case (API Gateway lower-cases them; local callers may not). */
function header(headers: Record<string, string>, name: string): string | undefined {
  if (headers[name] !== undefined) return headers[name];
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/** Browsers ask for text/html; API clients ask for JSON or just send it. */
export function wantsJson(headers: Record<string, string>): boolean {
  const accept = (header(headers, 'accept') ?? '').toLowerCase();
  if (accept.includes('text/html')) return false;
  if (/application\/(?:[a-z0-9.+-]*\+)?json/.test(accept)) return true;
  return isJsonMediaType(mediaType(header(headers, 'content-type')));
}

function respond(
  status: number,
  body: string,
  type: keyof typeof CONTENT_TYPE,
  extra: Record<string, string> = {},
): WebformResponse {
  return {
    statusCode: status,
    headers: {
      ...securityHeaders(),
      'content-type': CONTENT_TYPE[type],
      'cache-control': type === 'js' ? 'public, max-age=300' : 'no-store',
      ...extra,
    },
    body,
  };
}

/** Path inside the app and the stage prefix to put back in links ('' on the $default stage). */
function routeOf(event: ApiEvent): { path: string; basePath: string } {
  let path = event.rawPath || '/';
  let basePath = '';
  const stage = event.requestContext.stage;
  if (stage && stage !== '$default' && (path === `/${stage}` || path.startsWith(`/${stage}/`))) {
    basePath = `/${stage}`;
    path = path.slice(basePath.length) || '/';
  }
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return { path, basePath };
}

const ROUTES: Record<string, string[]> = {
  '/': ['GET', 'HEAD'],
  '/app.js': ['GET', 'HEAD'],
  '/casos': ['POST'],
};

export function createWebformHandler(deps: WebformHandlerDeps): WebformHandler {
  const logger = deps.logger ?? createLogger(SERVICE_NAME);
  const metrics = deps.metrics ?? createMetrics(SERVICE_NAME);
  const telemetry = deps.webformTelemetry ?? webformTelemetry(metrics);
  const serviceDeps: WebformDeps = { ...deps, telemetry: deps.telemetry ?? intakeTelemetry(metrics) };

  const page = (
    ctx: PageContext,
    status: number,
    view: WebformView,
    json: boolean,
    jsonBody: Record<string, unknown>,
    extra: Record<string, string> = {},
  ): WebformResponse =>
    json
      ? respond(status, JSON.stringify(jsonBody), 'json', extra)
      : respond(status, renderPage(view, ctx), 'html', extra);

  async function route(raw: unknown): Promise<WebformResponse> {
    const parsed = APIGatewayProxyEventV2Schema.safeParse(raw);
    if (!parsed.success) {
      // Not something API Gateway sends: answer 400 and log only where the shape was wrong.
      logger.warn('Rejected a malformed API Gateway event', {
        issues: parsed.error.issues.slice(0, 5).map((i) => i.path.join('.')),
      });
      telemetry.rejected('bad_event');
      const message = 'Requisição inválida.';
      return respond(400, JSON.stringify({ message }), 'json');
    }
    const event = parsed.data;
    const method = event.requestContext.http.method;
    const { path, basePath } = routeOf(event);
    const ctx: PageContext = { config: deps.config, basePath };
    const json = wantsJson(event.headers);
    logger.appendKeys({ method, path, requestId: event.requestContext.requestId });

    const allowed = ROUTES[path];
    if (!allowed) {
      const message = 'Página não encontrada.';
      return page(ctx, 404, { kind: 'problem', title: 'Página não encontrada', message }, json, { message });
    }
    if (method === 'OPTIONS') {
      return respond(204, '', 'html', { allow: [...allowed, 'OPTIONS'].join(', ') });
    }
    if (path === '/casos' && (method === 'GET' || method === 'HEAD')) {
      // Someone reloading or bookmarking the result page: send them to the form.
      return respond(303, '', 'html', { location: `${basePath}/` });
    }
    if (!allowed.includes(method)) {
      const message = 'Método não permitido para este endereço.';
      return page(
        ctx,
        405,
        { kind: 'problem', title: 'Método não permitido', message },
        json,
        { message },
        {
          allow: allowed.join(', '),
        },
      );
    }

    if (path === '/app.js') return respond(200, APP_JS, 'js');
    if (path === '/') return respond(200, renderPage({ kind: 'form' }, ctx), 'html');

    const contentType = header(event.headers, 'content-type') ?? '';
    const body = event.body ?? '';
    try {
      const result = await handleFormPost(
        {
          body,
          contentType,
          isBase64Encoded: event.isBase64Encoded,
          idempotencyKey: header(event.headers, 'idempotency-key'),
          sourceIp: event.requestContext.http.sourceIp,
        },
        serviceDeps,
      );
      const e = result.event;
      if (e.kind === 'submitted') {
        telemetry.submitted(e.outcome, e.duplicate);
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
      return page(ctx, result.status, result.view, json, result.json, result.headers);
    } catch (error) {
      // Our dependency failed (DynamoDB, SES, SQS): 503, the person's text kept on the page.
      telemetry.failed();
      logger.error('Webform submission failed', {
        errorName: error instanceof Error ? error.name : typeof error,
        httpStatusCode: (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode,
        sender: maskedSender(body, contentType, event.isBase64Encoded),
      });
      const reparsed = parseFormBody({ body, contentType, isBase64Encoded: event.isBase64Encoded });
      const view: WebformView = reparsed.ok
        ? { kind: 'form', values: formValues(reparsed.fields), notice: SERVICE_UNAVAILABLE }
        : { kind: 'problem', title: 'Serviço temporariamente indisponível', message: SERVICE_UNAVAILABLE };
      return page(ctx, 503, view, json, { message: SERVICE_UNAVAILABLE }, { 'retry-after': '30' });
    }
  }

  return async (raw, context) => {
    if (context) logger.addContext(context);
    try {
      const response = await route(raw);
      const method = (raw as { requestContext?: { http?: { method?: unknown } } })?.requestContext?.http?.method;
      return method === 'HEAD' ? { ...response, body: '' } : response;
    } catch (error) {
      // Rendering or logging bugs must still answer; never let API Gateway say "Internal Server Error".
      telemetry.failed();
      logger.error('Webform handler failed', { errorName: error instanceof Error ? error.name : typeof error });
      return respond(503, JSON.stringify({ message: SERVICE_UNAVAILABLE }), 'json', { 'retry-after': '30' });
    } finally {
      logger.resetKeys();
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    }
  };
}

/** The sender's address, masked, for the failure log (never the address itself, never the text). */
function maskedSender(body: string, contentType: string, isBase64Encoded: boolean): string | undefined {
  const parsed = parseFormBody({ body, contentType, isBase64Encoded });
  if (!parsed.ok) return undefined;
  const email = parsed.fields['email'];
  return typeof email === 'string' ? maskEmail(email) : undefined;
}

const STATIC_UNAVAILABLE = `<!DOCTYPE html>
<html lang="pt-BR"><head><meta charset="utf-8"><title>Serviço temporariamente indisponível – Ouvidoria</title></head>
<body><main><h1>Serviço temporariamente indisponível</h1><p>${SERVICE_UNAVAILABLE}</p></main></body></html>
`;

let built: Promise<WebformHandler> | undefined;

/**
 * Lambda entry point. The dependencies are built once per container from the environment
 * (shared/composition), on first use, so that importing this module (tests, the local
 * stack with its own deps) never reads the environment.
 */
export const handler = async (event: unknown, context?: Context): Promise<WebformResponse> => {
  built ??= Promise.all([import('../../shared/composition/webform'), import('../../shared/composition/settings')])
    .then(([{ buildWebformDeps }, { settingsFromEnv }]) => createWebformHandler(buildWebformDeps(settingsFromEnv())))
    .catch((error: unknown) => {
      built = undefined;
      throw error;
    });
  let run: WebformHandler;
  try {
    run = await built;
  } catch (error) {
    // Bad configuration or environment: nothing to render the page with; a static 503 instead.
    console.error(
      JSON.stringify({
        level: 'ERROR',
        service: SERVICE_NAME,
        message: 'Webform cold start failed',
        errorName: error instanceof Error ? error.name : typeof error,
        error: error instanceof Error ? error.message.slice(0, 500) : undefined,
      }),
    );
    return respond(503, STATIC_UNAVAILABLE, 'html', { 'retry-after': '30' });
  }
  return run(event, context);
};
