/**
 * One API Gateway request of the webform function → the part of the site that serves it: the staff
 * console (/equipe…), the merchant's signed-link pages (/pesquisa, /consulta), or the form. The
 * console and merchant pages are built on first use (they need the link-signing secret), so the
 * form keeps working if that fails; absent, their paths are 404.
 */
import { type ConsoleDeps, isConsolePath, lazy, serveConsole } from '../console/http';
import type { IntakeTelemetry } from '../app/intake';
import { routeOf, serveWebform, type WebformLogger, type WebformResponse } from './http';
import { MERCHANT_ROUTES, type MerchantPagesDeps, serveMerchantPages } from './merchant-http';
import type { WebformDeps } from './submit';
import type { WebformTelemetry } from './telemetry';

/** The fields of an API Gateway HTTP API (payload 2.0) event the site reads, already validated. */
export interface SiteEvent {
  rawPath: string;
  rawQueryString?: string;
  cookies?: string[];
  headers: Record<string, string>;
  body?: string;
  isBase64Encoded: boolean;
  requestContext: { stage: string; requestId: string; http: { method: string; sourceIp: string } };
}

export interface SiteDeps {
  service: WebformDeps & { telemetry: IntakeTelemetry };
  logger: WebformLogger;
  telemetry: WebformTelemetry;
  merchant?: () => Promise<MerchantPagesDeps>;
  console?: () => Promise<ConsoleDeps>;
}

export function siteDispatcher(deps: SiteDeps): (event: SiteEvent) => Promise<WebformResponse> {
  const merchantDeps = deps.merchant ? lazy(deps.merchant) : undefined;
  const consoleDeps = deps.console ? lazy(deps.console) : undefined;
  const { logger, telemetry, service } = deps;
  return async (event) => {
    const method = event.requestContext.http.method;
    const { path } = routeOf(event.rawPath, event.requestContext.stage);
    logger.appendKeys({ method, path, requestId: event.requestContext.requestId });
    const request = {
      method,
      rawPath: event.rawPath,
      stage: event.requestContext.stage,
      headers: event.headers,
      body: event.body,
      isBase64Encoded: event.isBase64Encoded,
      sourceIp: event.requestContext.http.sourceIp,
    };
    const extra = { rawQueryString: event.rawQueryString, cookies: event.cookies };
    const response =
      (consoleDeps &&
        isConsolePath(path) &&
        (await serveConsole({ ...request, ...extra }, await consoleDeps(), logger))) ||
      (merchantDeps &&
        MERCHANT_ROUTES[path] !== undefined &&
        (await serveMerchantPages(
          { ...request, rawQueryString: event.rawQueryString },
          await merchantDeps(),
          logger,
        ))) ||
      (await serveWebform(request, { service, logger, telemetry }));
    return method === 'HEAD' ? { ...response, body: '' } : response;
  };
}
