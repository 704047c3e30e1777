/**
 * The local stand-in for API Gateway (HTTP API, payload format 2.0) plus the local-only JSON API.
 * `/api/local/…` is served here; every other request becomes an API Gateway v2 event for the real
 * handler of its route, as on AWS: `/equipe…` the console function's, the rest the webform's; the
 * structured result is written back as is. Protected console routes pass the console's Lambda
 * authorizer first (on every request, as deployed: no identity source), with API Gateway's bare
 * 403 when it says no. The old case board `/painel` now redirects to the console.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { DateTime } from 'luxon';
import type { CaseRecord } from '../../shared/domain/case';
import type { Clock } from '../../shared/ports';
import type { LocalUploadStore } from '../../shared/adapters/local/local-upload-store';
import { isConsolePath, isPublicConsoleRequest } from '../../shared/console/routes';
import { type BoardData, caseSummary, deferralsByCase } from './cases-api';
import { handleLocalS3, LOCAL_S3_PATH } from './s3';

/** API Gateway's payload limit for HTTP APIs. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface WebformResult {
  statusCode?: number;
  headers?: Record<string, string | number | boolean>;
  cookies?: string[];
  body?: string;
  isBase64Encoded?: boolean;
}

export interface BoardSource {
  /** Everything the board shows, read fresh for each request. */
  load(): Promise<BoardData>;
  get(caseId: string): Promise<CaseRecord | null>;
}

/** The console's Lambda authorizer (simple responses), as API Gateway calls it. */
export type LocalAuthorizer = (event: {
  cookies?: string[];
  headers: Record<string, string>;
}) => Promise<{ isAuthorized: boolean; context?: Record<string, unknown> }>;

export interface HttpServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  webform: (event: unknown) => Promise<WebformResult | string | undefined>;
  /** The console function: every `/equipe…` request (shared/console/routes.ts). */
  console: (event: unknown) => Promise<WebformResult | string | undefined>;
  /** The console's authorizer, run before every protected console route (shared/console/routes.ts). */
  authorize?: LocalAuthorizer;
  board: BoardSource;
  /** The virtual clock: the request time API Gateway would stamp. */
  clock: Clock;
  onError?: (error: unknown) => void;
  /** The local uploads bucket, served under /_s3/<bucket>/ (browser POST uploads, clean downloads). */
  uploads?: { store: LocalUploadStore; allowedOrigin: () => string };
}

export interface LocalHttpServer {
  port: number;
  stop(): Promise<void>;
}

const LOCAL_API_HEADERS = {
  'content-security-policy': "default-src 'none'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
} as const;

/** Content types API Gateway passes as text; anything else arrives base64-encoded. */
function isTextual(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return (
    type === '' ||
    type.startsWith('text/') ||
    type === 'application/x-www-form-urlencoded' ||
    type === 'application/json' ||
    type.endsWith('+json') ||
    type === 'application/xml' ||
    type === 'application/javascript'
  );
}

class BodyTooLarge extends Error {}

/** Thrown by a board source that is not ready yet (the stack is starting): answered with 503. */
export class NotReady extends Error {
  constructor() {
    super('The local stack is starting');
    this.name = 'NotReady';
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** `::ffff:127.0.0.1` → `127.0.0.1`: API Gateway reports the IPv4 form. */
function clientIp(req: IncomingMessage): string {
  const ip = req.socket.remoteAddress ?? '127.0.0.1';
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

/** The API Gateway HTTP API (payload 2.0) event for a request. */
export function apiGatewayEvent(req: IncomingMessage, body: Buffer, now: Date): Record<string, unknown> {
  const url = new URL(req.url ?? '/', 'http://local');
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    const joined = Array.isArray(value) ? value.join(',') : value;
    // API Gateway moves cookies out of the headers into their own list.
    if (lower === 'cookie') cookies = joined.split(/;\s*/).filter(Boolean);
    else headers[lower] = joined;
  }
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) query[key] = key in query ? `${query[key]},${value}` : value;
  const method = (req.method ?? 'GET').toUpperCase();
  const textual = isTextual(headers['content-type']);
  const utf8 = body.toString('utf8');
  // Text that is not valid UTF-8 is passed as bytes, like binary.
  const asText = textual && Buffer.from(utf8, 'utf8').equals(body);
  const host = headers['host'] ?? 'localhost';
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    ...(cookies ? { cookies } : {}),
    headers,
    ...(url.search ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: host,
      domainPrefix: host.split('.')[0] ?? host,
      http: {
        method,
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: clientIp(req),
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: DateTime.fromJSDate(now, { zone: 'utc' }).toFormat("dd/LLL/yyyy:HH:mm:ss '+0000'"),
      timeEpoch: now.getTime(),
    },
    ...(body.length > 0 ? { body: asText ? utf8 : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !asText,
  };
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string | Buffer): void {
  res.writeHead(status, headers);
  res.end(body);
}

function writeWebformResult(res: ServerResponse, result: WebformResult | string | undefined, head: boolean): void {
  if (typeof result === 'string' || result === undefined || result.statusCode === undefined) {
    // API Gateway's rule for a result without statusCode: 200, JSON.
    const body = typeof result === 'string' ? result : JSON.stringify(result ?? null);
    send(res, 200, { 'content-type': 'application/json' }, head ? '' : body);
    return;
  }
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  const body = result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? '');
  res.writeHead(result.statusCode, headers);
  res.end(head ? undefined : body);
}

/** The old board's addresses (bookmarks, notes) → the console's entry, which signs in first. */
function boardRedirect(path: string): string {
  const caseId = /^\/painel\/([^/]+)\/?$/.exec(path)?.[1];
  return caseId ? `/equipe?caso=${encodeURIComponent(decodeURIComponent(caseId))}` : '/equipe';
}

/**
 * API Gateway's Lambda-authorizer step as deployed (no identity source, no cache: called on every
 * request, a Cookie header or not); refused → 403; allowed → its context on the event, as
 * `requestContext.authorizer.lambda`.
 */
async function authorizeLike(
  event: Record<string, unknown>,
  authorize: LocalAuthorizer,
): Promise<{ status: number; body: string } | null> {
  const cookies = event['cookies'] as string[] | undefined;
  const decision = await authorize({ cookies, headers: event['headers'] as Record<string, string> });
  if (!decision.isAuthorized) return { status: 403, body: '{"message":"Forbidden"}' };
  const context = event['requestContext'] as Record<string, unknown>;
  context['authorizer'] = { lambda: decision.context ?? {} };
  return null;
}

export async function startHttpServer(options: HttpServerOptions): Promise<LocalHttpServer> {
  const json = (res: ServerResponse, status: number, value: unknown, head: boolean) =>
    send(
      res,
      status,
      { ...LOCAL_API_HEADERS, 'content-type': 'application/json; charset=utf-8' },
      head ? '' : JSON.stringify(value, null, 2),
    );

  const local = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    const method = req.method ?? 'GET';
    const head = method === 'HEAD';
    if (method !== 'GET' && !head) {
      return send(
        res,
        405,
        { ...LOCAL_API_HEADERS, allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' },
        'Método não permitido: a API local é somente leitura.',
      );
    }
    if (path === '/api/local/cases') {
      const data = await options.board.load();
      const deferrals = deferralsByCase(data.deferred);
      return json(
        res,
        200,
        data.cases.map((c) => caseSummary(c, deferrals.get(c.caseId))),
        head,
      );
    }
    const apiCase = /^\/api\/local\/cases\/([^/]+)$/.exec(path);
    if (apiCase) {
      const record = await options.board.get(decodeURIComponent(apiCase[1] as string));
      return record ? json(res, 200, record, head) : json(res, 404, { message: 'Manifestação não encontrada.' }, head);
    }
    return json(res, 404, { message: 'Endereço desconhecido.' }, head);
  };

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    const uploads = options.uploads;
    const work =
      uploads && path.startsWith(LOCAL_S3_PATH)
        ? handleLocalS3(req, res, path, uploads.store, uploads.allowedOrigin(), () => options.clock.now())
        : path === '/painel' || path.startsWith('/painel/')
          ? Promise.resolve(send(res, 308, { location: boardRedirect(path), 'cache-control': 'no-store' }, ''))
          : path.startsWith('/api/local/')
            ? local(req, res, path)
            : readBody(req).then(async (body) => {
                const event = apiGatewayEvent(req, body, options.clock.now());
                const method = req.method ?? 'GET';
                const consolePath = isConsolePath(path);
                if (options.authorize && consolePath && !isPublicConsoleRequest(method, path, { local: true })) {
                  const denied = await authorizeLike(event, options.authorize);
                  if (denied) return send(res, denied.status, { 'content-type': 'application/json' }, denied.body);
                }
                const handler = consolePath ? options.console : options.webform;
                writeWebformResult(res, await handler(event), method === 'HEAD');
              });
    work.catch((error: unknown) => {
      if (res.headersSent) return res.destroy();
      if (error instanceof BodyTooLarge) {
        // API Gateway's own answer to a payload over its limit.
        return send(
          res,
          413,
          { 'content-type': 'application/json', connection: 'close' },
          '{"message":"Request Entity Too Large"}',
        );
      }
      if (error instanceof NotReady) {
        return send(
          res,
          503,
          { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '1' },
          'O ambiente local está iniciando. Tente de novo em instantes.',
        );
      }
      options.onError?.(error);
      send(res, 500, { 'content-type': 'application/json' }, '{"message":"Internal Server Error"}');
    });
  });
  // Slow or broken clients must not take the stack down.
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
