/**
 * One API Gateway request of the webform function → the part of the site that serves it: the
 * merchant's signed-link pages (/pesquisa, /consulta) or the form. The merchant pages are built on
 * first use (they need the link-signing secret), so the form keeps working if that fails; absent,
 * their paths are 404. The staff console (/equipe…) is another function (functions/console).
 */
import type { IntakeTelemetry } from '../app/intake';
import { serveWebform, type WebformLogger } from './http';
import { MERCHANT_ROUTES, type MerchantPagesDeps, serveMerchantPages } from './merchant-http';
import type { WebformDeps } from './submit';
import type { WebformTelemetry } from './telemetry';

import { requestOf, routeOf, type SiteEvent, type WebformResponse } from './site-http';

export type { SiteEvent } from './site-http';

export interface SiteDeps {
  service: WebformDeps & { telemetry: IntakeTelemetry };
  logger: WebformLogger;
  telemetry: WebformTelemetry;
  merchant?: () => Promise<MerchantPagesDeps>;
}

export function siteDispatcher(deps: SiteDeps): (event: SiteEvent) => Promise<WebformResponse> {
  const merchantDeps = deps.merchant ? lazy(deps.merchant) : undefined;
  const { logger, telemetry, service } = deps;
  return async (event) => {
    const request = requestOf(event);
    const { path } = routeOf(event.rawPath, event.requestContext.stage);
    logger.appendKeys({ method: request.method, path, requestId: event.requestContext.requestId });
    const response =
      (merchantDeps &&
        MERCHANT_ROUTES[path] !== undefined &&
        (await serveMerchantPages(
          { ...request, rawQueryString: event.rawQueryString },
          await merchantDeps(),
          logger,
        ))) ||
      (await serveWebform(request, { service, logger, telemetry }));
    return request.method === 'HEAD' ? { ...response, body: '' } : response;
  };
}

/** Builds on first use and keeps the result; a failed build is retried on the next call. */
export function lazy<T>(build: () => Promise<T>): () => Promise<T> {
  let built: Promise<T> | undefined;
  return () => {
    built ??= build().catch((error: unknown) => {
      built = undefined;
      throw error;
    });
    return built;
  };
}
