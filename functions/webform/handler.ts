/**
 * Webform Lambda behind an API Gateway HTTP API (payload format 2.0). Thin: it checks the event
 * shape, hands the request to the webform's HTTP layer (shared/webform/http.ts: routes, content
 * negotiation, headers, the service call) and never lets a failure escape as a bare 500.
 * It does not import the mail parser, shared/mail or the staff console (functions/console serves
 * /equipe…): the bundle stays small (test/integration/webform.test.ts checks the esbuild metafile).
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { parseApiGatewayV2Event } from '../../shared/adapters/api-gateway-event';
import type { Context } from 'aws-lambda';
import { createLogger, createMetrics, intakeTelemetry } from '../../shared/adapters/telemetry';
import { badEvent, lazyEntryPoint, unavailable, type WebformResponse } from '../../shared/webform/site-http';
import { type SiteEvent, siteDispatcher } from '../../shared/webform/dispatch';
import type { WebformDeps } from '../../shared/webform/submit';
import type { MerchantPagesDeps } from '../../shared/webform/merchant-http';
import { type WebformTelemetry, webformTelemetry } from '../../shared/webform/telemetry';
import { SERVICE } from '../../shared/telemetry-names';
import { buildWebformSite } from '../../shared/composition/webform-site';
import { settingsFromEnv } from '../../shared/composition/settings';
import { startTracing } from '../../shared/adapters/tracing';
import { isSqsEvent } from '../../shared/adapters/sqs-confirmation-mails';
import { type ConfirmMailHandler, type ConfirmMailHandlerDeps, createConfirmMailHandler } from './confirm-mail';

type ConfirmMailResults = Awaited<ReturnType<ConfirmMailHandler>>;

export type { WebformResponse } from '../../shared/webform/site-http';
export { WEBFORM_METRIC, type WebformTelemetry, webformTelemetry } from '../../shared/webform/telemetry';
export type WebformHandler = (event: unknown, context?: Context) => Promise<WebformResponse>;
export type WebformHandlerDeps = WebformDeps & {
  logger?: Logger;
  metrics?: Metrics;
  webformTelemetry?: WebformTelemetry;
  /**
   * The merchant's signed-link pages (/pesquisa, /consulta): built on first use (they need the
   * link-signing secret), so the form keeps working if that fails. Absent: those paths are 404.
   */
  merchant?: () => Promise<MerchantPagesDeps>;
};

export function createWebformHandler(deps: WebformHandlerDeps): WebformHandler {
  const logger = deps.logger ?? createLogger(SERVICE.webform);
  const metrics = deps.metrics ?? createMetrics(SERVICE.webform);
  const telemetry = deps.webformTelemetry ?? webformTelemetry(metrics);
  const service = { ...deps, telemetry: deps.telemetry ?? intakeTelemetry(metrics) };
  const serve = siteDispatcher({ service, logger, telemetry, merchant: deps.merchant });
  return async (raw, context) => {
    if (context) logger.addContext(context);
    try {
      const parsed = parseApiGatewayV2Event(raw, logger);
      if (!parsed) {
        telemetry.rejected('bad_event');
        return badEvent();
      }
      return await serve(parsed as SiteEvent);
    } catch (error) {
      // Rendering or logging bugs must still answer; never let API Gateway say "Internal Server Error".
      telemetry.failed();
      logger.error('Webform handler failed', { errorName: error instanceof Error ? error.name : typeof error });
      return unavailable();
    } finally {
      logger.resetKeys();
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    }
  };
}

/**
 * Lambda entry point: built once per container from the environment (shared/composition), on
 * first use (lazyEntryPoint), so that importing this module never reads the environment. The
 * same function consumes the confirmation-mail queue (./confirm-mail.ts): SQS batches go there,
 * and a failure there throws (the message returns to the queue), never a page.
 *
 * The composition is imported statically, not with import(): in one esbuild bundle a dynamic
 * import wraps every module it reaches in a lazy initialiser, and wrapped modules lose
 * tree-shaking (each AWS SDK client kept its aggregated client, all commands and waiters:
 * +139 KB). Measured on the bundle (node 20, median of 20 cold processes, load then one GET /):
 * the module load takes ~21 ms longer, the first request ~50 ms less: ~30 ms sooner to the
 * first answer.
 */
let site: Promise<WebformHandlerDeps> | undefined;
const builtSite = (): Promise<WebformHandlerDeps> => {
  site ??= startTracing(SERVICE.webform)
    .then(() => buildWebformSite(settingsFromEnv()))
    .catch((error: unknown) => {
      site = undefined;
      throw error;
    });
  return site;
};
const serveHttp: WebformHandler = lazyEntryPoint(SERVICE.webform, () => builtSite().then(createWebformHandler));
// The queue's consumer stores guidance posts: the intake's metrics (decisions, suppressed replies)
// and the files' scan metric are written from here as from the HTTP path.
let consumer: ConfirmMailHandlerDeps | undefined;
const consumeConfirmMails = createConfirmMailHandler(async () => {
  if (consumer) return consumer;
  const service = await builtSite();
  const metrics = service.metrics ?? createMetrics(SERVICE.webform);
  consumer = {
    service: { ...service, telemetry: service.telemetry ?? intakeTelemetry(metrics) },
    logger: service.logger ?? createLogger(SERVICE.webform),
    telemetry: service.webformTelemetry ?? webformTelemetry(metrics),
    flush: () => {
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    },
  };
  return consumer;
});

export function handler(event: { Records: unknown[] }, context?: Context): Promise<ConfirmMailResults>;
export function handler(event: unknown, context?: Context): Promise<WebformResponse>;
export function handler(event: unknown, context?: Context): Promise<WebformResponse | ConfirmMailResults> {
  return isSqsEvent(event) ? consumeConfirmMails(event) : serveHttp(event, context);
}
