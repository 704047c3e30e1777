import { readFileSync } from 'node:fs';
import { Logger } from '@aws-lambda-powertools/logger';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createConsoleHandler, handler } from '../../../../functions/console/handler';
import { cognitoIssuer, cognitoTokenVerifier } from '../../../../shared/adapters/cognito-token-verifier';
import { SESSION_COOKIE, SIGNED_OUT_MARKER } from '../../../../shared/console/access';
import { type ConsoleDeps, sessionCsrf } from '../../../../shared/console/http';
import { generateLocalKeySet, type LocalKeySet, signLocalIdToken } from '../../../../shared/console/local-keys';
import { CASE_ID, lifecycleWorld, SECRET } from '../../../support/lifecycle-fakes';

const base = JSON.parse(readFileSync(new URL('../../../../events/webform/get-page.json', import.meta.url), 'utf8'));
const keys = generateLocalKeySet();
const POOL = 'sa-east-1_Test';
const CLIENT = 'c';

function world() {
  const w = lifecycleWorld();
  const deps: ConsoleDeps = {
    verifier: cognitoTokenVerifier({ userPoolId: POOL, clientId: CLIENT, jwks: keys.jwks }),
    index: {
      byStatus: async () => ({ items: [] }),
      byStatuses: async () => ({ items: [] }),
      bySender: async () => ({ items: [] }),
    },
    lifecycle: w.deps,
    signIn: { start: () => ({ location: '/equipe/entrar' }), serve: async () => null, signedOut: () => '/' },
  };
  const h = createConsoleHandler({ console: deps, logger: new Logger({ logLevel: 'SILENT' }) });
  return { w, deps, h };
}

const tokenOf = (k: LocalKeySet = keys, ttlSeconds = 600, now = new Date()) =>
  signLocalIdToken(
    k,
    { sub: 's', staffId: 'ana', groups: ['analistas'] },
    { issuer: cognitoIssuer(POOL), audience: CLIENT, now, ttlSeconds },
  );

function eventOf(
  method: string,
  path: string,
  options: { cookies?: string[]; body?: string; headers?: Record<string, string> } = {},
) {
  return {
    ...base,
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: { ...base.headers, ...options.headers },
    ...(options.cookies ? { cookies: options.cookies } : {}),
    ...(options.body !== undefined ? { body: options.body } : {}),
    requestContext: { ...base.requestContext, http: { ...base.requestContext.http, method, path } },
  };
}
const casePath = `/equipe/caso/${encodeURIComponent(CASE_ID)}`;

describe('console handler', () => {
  it('sends a browser without a session to the sign-in; with one, serves the case page with the console headers', async () => {
    const { h } = world();
    const entry = await h(eventOf('GET', '/equipe'));
    expect(entry.statusCode).toBe(303);
    expect(entry.headers['location']).toBe('/equipe/entrar');
    const page = await h(eventOf('GET', casePath, { cookies: [`${SESSION_COOKIE}=${tokenOf()}`] }));
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'none'");
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('OUV-');
  });

  it('refuses a forged session cookie (signed with another key) and an expired one, and clears the cookie', async () => {
    const { h } = world();
    const forged = tokenOf(generateLocalKeySet());
    const expired = tokenOf(keys, 60, new Date(Date.now() - 3_600_000));
    for (const [token, status] of [
      [forged, 401],
      [expired, 303],
      ['not-a-jwt', 401],
    ] as const) {
      const response = await h(eventOf('GET', casePath, { cookies: [`${SESSION_COOKIE}=${token}`] }));
      expect(response.statusCode).toBe(status);
      expect(response.cookies?.[0]).toMatch(new RegExp(`^${SESSION_COOKIE}=${SIGNED_OUT_MARKER};`));
      expect(response.body ?? '').not.toContain('OUV-');
    }
    // The expired one is sent to the sign-in (test/unit/console/http.test.ts: back to the same case).
    const again = await h(eventOf('GET', casePath, { cookies: [`${SESSION_COOKIE}=${expired}`] }));
    expect(again.headers['location']).toBe('/equipe/entrar');
  });

  it('refuses a POST without the CSRF token or from another origin, before any change', async () => {
    const { h, w } = world();
    const token = tokenOf();
    const origin = w.deps.config.webformOrigin.replace(/\/+$/, '');
    const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
    const post = (body: string, from: string) =>
      h(
        eventOf('POST', `${casePath}/acao`, {
          cookies: [`${SESSION_COOKIE}=${token}`],
          body,
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: from },
        }),
      );
    const fields = { action: 'note', text: 'nota', id: crypto.randomUUID() };
    expect((await post(form(fields), origin)).statusCode).toBe(403);
    expect((await post(form({ ...fields, csrf: sessionCsrf(token, SECRET) }), 'https://evil.example')).statusCode).toBe(
      403,
    );
    expect(w.mailer.sent).toEqual([]);
  });

  it('answers HEAD without a body, 400 to what API Gateway never sends, 404 outside /equipe', async () => {
    const { h } = world();
    const head = await h(eventOf('HEAD', '/equipe'));
    expect(head.statusCode).toBe(303);
    expect(head.body).toBe('');
    expect((await h({ rawPath: '/equipe' })).statusCode).toBe(400);
    const outside = await h(eventOf('GET', '/casos'));
    expect(outside.statusCode).toBe(404);
    expect(outside.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('answers 503 when a dependency fails (never a bare 500)', async () => {
    const { deps } = world();
    const broken = createConsoleHandler({
      console: { ...deps, verifier: { verify: async () => Promise.reject(new Error('JWKS down')) } },
      logger: new Logger({ logLevel: 'SILENT' }),
    });
    const response = await broken(eventOf('GET', casePath, { cookies: [`${SESSION_COOKIE}=${tokenOf()}`] }));
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('30');
  });
});

describe('console handler: Lambda entry point', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('answers a static 503 when the environment cannot build the console, and logs why', async () => {
    vi.stubEnv('OUVIDORIA_CONFIG', '');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const response = await handler(eventOf('GET', '/equipe'));
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(JSON.parse(String(errors.mock.calls[0]?.[0]))).toMatchObject({
      service: 'console',
      message: 'Cold start failed',
    });
  });
});
