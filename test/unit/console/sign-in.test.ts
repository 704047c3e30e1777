import { describe, expect, it, vi } from 'vitest';
import { cognitoIssuer, cognitoTokenVerifier } from '../../../shared/adapters/cognito-token-verifier';
import { SESSION_COOKIE, SESSION_COOKIE_SECONDS, SESSION_HOURS, sessionEnded } from '../../../shared/console/access';
import type { ConsoleRequest } from '../../../shared/console/http';
import { generateLocalKeySet, signLocalIdToken } from '../../../shared/console/local-keys';
import { cognitoSignIn, localSignIn, PKCE_COOKIE } from '../../../shared/console/sign-in';
import { ROSTER } from '../../support/lifecycle-fakes';

const POOL = 'sa-east-1_TestPool';
const CLIENT = 'client-1';
const keys = generateLocalKeySet();
const verifier = cognitoTokenVerifier({ userPoolId: POOL, clientId: CLIENT, jwks: keys.jwks });
const ORIGIN = 'https://ouvidoria.example.com.br';
const req = (method: string, extra: Partial<ConsoleRequest> = {}): ConsoleRequest => ({
  method,
  rawPath: '/equipe/entrar',
  headers: {},
  isBase64Encoded: false,
  sourceIp: '127.0.0.1',
  ...extra,
});

describe('localSignIn', () => {
  const signIn = localSignIn({
    keys,
    issuer: cognitoIssuer(POOL),
    clientId: CLIENT,
    roster: async () => ROSTER,
    webformOrigin: ORIGIN,
    timeZone: 'America/Sao_Paulo',
  });

  it('lists the active roster and issues a token the verifier accepts, with the role’s group', async () => {
    const page = await signIn.serve(req('GET'), '/equipe/entrar', '');
    expect(page?.body).toContain('Sofia Martins');
    expect(page?.body).not.toContain('Eduardo Reis');
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const r = await signIn.serve(req('POST', { headers: form, body: 'pessoa=sofia' }), '/equipe/entrar', '');
    expect(r?.statusCode).toBe(303);
    const cookie = r?.cookies?.[0] ?? '';
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=.*; Secure; HttpOnly; SameSite=Strict$`));
    // The cookie outlives its 8-hour token by the authorizer's window (the sign-in, not a bare 401, after it).
    expect(cookie).toContain(`; Max-Age=${SESSION_COOKIE_SECONDS};`);
    const token = decodeURIComponent(cookie.split(';')[0]!.split('=')[1]!);
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    expect(payload.exp - payload.iat).toBe(SESSION_HOURS * 3600);
    const verified = await verifier.verify(token);
    expect(verified.ok && verified.claims['cognito:groups']).toEqual(['supervisores']);
    expect(
      (await signIn.serve(req('POST', { headers: form, body: 'pessoa=edu' }), '/equipe/entrar', ''))?.statusCode,
    ).toBe(400);
    expect(await signIn.serve(req('GET'), '/equipe', '')).toBeNull();
  });

  // A sign-out in another tab, then at once "Entrar de novo": a token of that same second opened nothing.
  it('a member who signed out this very second gets a token her ended sessions do not refuse', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const endedAt = new Date().toISOString();
    const ended = localSignIn({
      keys,
      issuer: cognitoIssuer(POOL),
      clientId: CLIENT,
      roster: async () => ROSTER.map((m) => (m.id === 'ana' ? { ...m, sessionsEndedAt: endedAt } : m)),
      webformOrigin: ORIGIN,
      timeZone: 'America/Sao_Paulo',
    });
    const r = await ended.serve(req('POST', { headers: form, body: 'pessoa=ana' }), '/equipe/entrar', '');
    const token = decodeURIComponent((r?.cookies?.[0] ?? '').split(';')[0]!.split('=')[1]!);
    const verified = await verifier.verify(token);
    expect(verified.ok && sessionEnded(verified.claims, endedAt)).toBe(false);
  });

  // The e2e run under load: a timer fired a moment before the wall clock's second turned, and the
  // token of that old second was refused all the same.
  it('a timer that fires a little early is waited out again: the token is of the next second', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2026-03-12T14:00:00.400Z'));
      const endedAt = new Date().toISOString();
      let early = 2;
      vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
        // The first fires 2 ms short of what was asked, as a monotonic timer may against the wall clock.
        vi.setSystemTime(Date.now() + (ms ?? 0) - early);
        early = 0;
        queueMicrotask(fn);
        return 0 as unknown as NodeJS.Timeout;
      }) as typeof setTimeout);
      const ended = localSignIn({
        keys,
        issuer: cognitoIssuer(POOL),
        clientId: CLIENT,
        roster: async () => ROSTER.map((m) => (m.id === 'ana' ? { ...m, sessionsEndedAt: endedAt } : m)),
        webformOrigin: ORIGIN,
        timeZone: 'America/Sao_Paulo',
      });
      const r = await ended.serve(req('POST', { headers: form, body: 'pessoa=ana' }), '/equipe/entrar', '');
      const token = decodeURIComponent((r?.cookies?.[0] ?? '').split(';')[0]!.split('=')[1]!);
      const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
      expect(sessionEnded(claims, endedAt)).toBe(false);
    } finally {
      vi.restoreAllMocks();
      vi.useRealTimers();
    }
  });

  it('returns to the case it was started for, and nowhere outside the console', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const start = signIn.start('', '/equipe/caso/email%3Ases-1');
    expect(start.location).toBe('/equipe/entrar?volta=%2Fequipe%2Fcaso%2Femail%253Ases-1');
    const page = await signIn.serve(req('GET', { rawQueryString: start.location.split('?')[1] }), '/equipe/entrar', '');
    expect(page?.body).toContain('name="volta" value="/equipe/caso/email%3Ases-1"');
    const back = await signIn.serve(
      req('POST', { headers: form, body: `pessoa=ana&volta=${encodeURIComponent('/equipe/caso/email%3Ases-1')}` }),
      '/equipe/entrar',
      '',
    );
    expect(back?.headers['location']).toBe('/equipe/caso/email%3Ases-1');
    for (const volta of ['https://evil.example/x', '//evil.example', '/equipe/caso/../pessoas', '/equipe/pessoas']) {
      expect(signIn.start('', volta).location).toBe('/equipe/entrar');
      const r = await signIn.serve(
        req('POST', { headers: form, body: `pessoa=ana&volta=${encodeURIComponent(volta)}` }),
        '/equipe/entrar',
        '',
      );
      expect(r?.headers['location'], volta).toBe('/equipe');
    }
  });
});

describe('cognitoSignIn (hosted UI, code + PKCE)', () => {
  const idToken = signLocalIdToken(
    keys,
    { sub: 'u', staffId: 'ana', groups: ['analistas'] },
    { issuer: cognitoIssuer(POOL), audience: CLIENT, now: new Date(), ttlSeconds: 3600 },
  );
  const calls: Array<{ url: string; body: string }> = [];
  const signIn = cognitoSignIn({
    domain: 'https://ouv.auth.sa-east-1.amazoncognito.com',
    clientId: CLIENT,
    webformOrigin: ORIGIN,
    verifier,
    timeZone: 'America/Sao_Paulo',
    fetch: (async (url: string, init: { body: string }) => {
      calls.push({ url, body: init.body });
      return new Response(JSON.stringify({ id_token: idToken }), { status: 200 });
    }) as never,
  });

  it('starts with an S256 challenge and state, and exchanges the code with the verifier', async () => {
    const start = signIn.start('');
    const url = new URL(start.location);
    expect(url.pathname).toBe('/oauth2/authorize');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('redirect_uri')).toBe(`${ORIGIN}/equipe/callback`);
    const pkce = start.cookies![0]!.split(';')[0]!;
    const state = url.searchParams.get('state')!;
    const r = await signIn.serve(
      req('GET', { rawPath: '/equipe/callback', rawQueryString: `code=abc&state=${state}`, cookies: [pkce] }),
      '/equipe/callback',
      '',
    );
    expect(r?.statusCode).toBe(200);
    expect(r?.cookies?.[0]).toContain(SESSION_COOKIE);
    expect(r?.cookies?.[0]).toContain(`; Max-Age=${SESSION_COOKIE_SECONDS};`);
    expect(calls[0]?.url).toBe('https://ouv.auth.sa-east-1.amazoncognito.com/oauth2/token');
    expect(new URLSearchParams(calls[0]!.body).get('code_verifier')).toBe(pkce.split('.')[1]);
  });

  it('carries the case to return to with the state; a tampered one ends at the entry', async () => {
    const callback = async (cookie: string, state: string) =>
      signIn.serve(
        req('GET', { rawPath: '/equipe/callback', rawQueryString: `code=abc&state=${state}`, cookies: [cookie] }),
        '/equipe/callback',
        '',
      );
    const start = signIn.start('', '/equipe/caso/webform%3A1b2c');
    const pkce = start.cookies![0]!.split(';')[0]!;
    const state = new URL(start.location).searchParams.get('state')!;
    expect((await callback(pkce, state))?.body).toContain('url=/equipe/caso/webform%3A1b2c"');
    const evil = `${pkce.split('.').slice(0, 2).join('.')}.${Buffer.from('//evil.example').toString('base64url')}`;
    expect((await callback(evil, state))?.body).toContain('url=/equipe"');
    expect(signIn.start('', 'https://evil.example').cookies![0]!.split(';')[0]!.split('.')).toHaveLength(2);
  });

  it('refuses a wrong state or a missing PKCE cookie, without calling the token endpoint', async () => {
    calls.length = 0;
    const bad = await signIn.serve(
      req('GET', {
        rawPath: '/equipe/callback',
        rawQueryString: 'code=abc&state=zzz',
        cookies: [`${PKCE_COOKIE}=aaa.bbb`],
      }),
      '/equipe/callback',
      '',
    );
    expect(bad?.statusCode).toBe(400);
    expect(calls).toHaveLength(0);
    expect(signIn.signedOut('')).toContain('/logout?client_id=client-1');
  });
});

// Red team round 45: the token exchange had no time limit (a hung Cognito endpoint held the console's
// Lambda until its own timeout) and a non-JSON answer threw out of the handler (its 503 and an error log).
describe('cognitoSignIn: a token endpoint that hangs or answers garbage', () => {
  const callbackWith = async (fetchImpl: typeof fetch) => {
    const signIn = cognitoSignIn({
      domain: 'https://ouv.auth.sa-east-1.amazoncognito.com',
      clientId: CLIENT,
      webformOrigin: ORIGIN,
      verifier,
      timeZone: 'America/Sao_Paulo',
      fetch: fetchImpl,
      tokenTimeoutMs: 50,
    });
    const start = signIn.start('');
    const pkce = start.cookies![0]!.split(';')[0]!;
    const state = new URL(start.location).searchParams.get('state')!;
    const served = signIn.serve(
      req('GET', { rawPath: '/equipe/callback', rawQueryString: `code=abc&state=${state}`, cookies: [pkce] }),
      '/equipe/callback',
      '',
    );
    return Promise.race([served, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 1_500))]);
  };

  it('a hung endpoint: the exchange is abandoned at its time limit, a pt-BR page to try again', async () => {
    const hanging = ((_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      })) as unknown as typeof fetch;
    const r = await callbackWith(hanging);
    expect(r).not.toBe('hung');
    expect(r).toMatchObject({ statusCode: 400 });
    expect(r !== 'hung' && r?.body).toContain('não respondeu a tempo ou respondeu com erro');
  });

  it('an answer that is not JSON (a proxy error page): the same page, nothing thrown', async () => {
    const garbage = (async () =>
      new Response('<html>502 Bad Gateway</html>', { status: 200 })) as unknown as typeof fetch;
    await expect(callbackWith(garbage)).resolves.toMatchObject({ statusCode: 400 });
    const nullBody = (async () => new Response('null', { status: 200 })) as unknown as typeof fetch;
    await expect(callbackWith(nullBody)).resolves.toMatchObject({ statusCode: 400 });
  });
});
