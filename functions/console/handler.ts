/**
 * Staff console Lambda (/equipe…) behind the webform's HTTP API (payload format 2.0); the console
 * authorizer runs first on every protected route (shared/console/routes.ts). Thin: it checks the
 * event shape, hands the request to the console's HTTP layer (shared/console/http.ts: sign-in,
 * session, CSRF, pages, actions) and never lets a failure escape as a bare 500.
 * A function of its own so that the merchant form's bundle carries none of this code (nor
 * aws-jwt-verify) and the merchant-facing role none of the console's grants.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { parseApiGatewayV2Event } from '../../shared/adapters/api-gateway-event';
import { createLogger } from '../../shared/adapters/telemetry';
import { startTracing } from '../../shared/adapters/tracing';
import { buildConsoleDeps } from '../../shared/composition/console';
import { settingsFromEnv } from '../../shared/composition/settings';
import { type ConsoleDeps, consoleResponse, serveConsole } from '../../shared/console/http';
import { errorPage } from '../../shared/console/pages';
import { SERVICE } from '../../shared/telemetry-names';
import {
  badEvent,
  requestOf,
  routeOf,
  type SiteEvent,
  lazyEntryPoint,
  unavailable,
  type WebformResponse,
} from '../../shared/webform/site-http';

export type ConsoleHandler = (event: unknown, context?: Context) => Promise<WebformResponse>;
export interface ConsoleHandlerDeps {
  console: ConsoleDeps;
  logger?: Logger;
}

export function createConsoleHandler(deps: ConsoleHandlerDeps): ConsoleHandler {
  const logger = deps.logger ?? createLogger(SERVICE.console);
  const timeZone = deps.console.lifecycle.config.timeZone;
  return async (raw, context) => {
    if (context) logger.addContext(context);
    try {
      const parsed = parseApiGatewayV2Event(raw, logger);
      if (!parsed) return badEvent();
      const event = parsed as SiteEvent;
      const request = requestOf(event);
      const { path, basePath } = routeOf(event.rawPath, event.requestContext.stage);
      logger.appendKeys({ method: request.method, path, requestId: event.requestContext.requestId });
      const response =
        (await serveConsole(
          { ...request, rawQueryString: event.rawQueryString, cookies: event.cookies },
          deps.console,
          logger,
        )) ??
        // API Gateway routes only /equipe… here; anything else is not the console's.
        consoleResponse(404, errorPage({ basePath, timeZone }, 'Página não encontrada', 'Página não encontrada.'));
      return request.method === 'HEAD' ? { ...response, body: '' } : response;
    } catch (error) {
      // Rendering or logging bugs must still answer; never let API Gateway say "Internal Server Error".
      logger.error('Console handler failed', { errorName: error instanceof Error ? error.name : typeof error });
      return unavailable();
    } finally {
      logger.resetKeys();
    }
  };
}

/**
 * Lambda entry point: built once per container on first use (lazyEntryPoint). The composition is
 * imported statically, not with import(): see functions/webform/handler.ts (a dynamic import in one
 * esbuild bundle costs the SDK clients their tree-shaking).
 */
export const handler: ConsoleHandler = lazyEntryPoint(SERVICE.console, () =>
  startTracing(SERVICE.console)
    .then(() => buildConsoleDeps(settingsFromEnv()))
    .then((deps) => createConsoleHandler({ console: deps })),
);
