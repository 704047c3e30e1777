/** The local stand-in for API Gateway: its v2 events (the schema the webform handler uses), the console authorizer step, the old board. */
import { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { APIGatewayProxyEventV2Schema } from '@aws-lambda-powertools/parser/schemas';
import { describe, expect, it } from 'vitest';
import { apiGatewayEvent, startHttpServer } from '../../../../scripts/local/http';

function fakeRequest(options: {
  method: string;
  url: string;
  headers: Record<string, string | string[]>;
  remoteAddress?: string;
}): IncomingMessage {
  const req = Readable.from([]) as unknown as IncomingMessage;
  Object.assign(req, {
    method: options.method,
    url: options.url,
    headers: options.headers,
    httpVersion: '1.1',
    socket: { remoteAddress: options.remoteAddress ?? '::ffff:127.0.0.1' },
  });
  return req;
}

describe('API Gateway v2 event from the HTTP server', () => {
  const now = new Date('2026-11-27T19:59:50Z');

  it.each([
    {
      name: 'form post (text body, cookies moved out of the headers)',
      content: 'application/x-www-form-urlencoded; charset=UTF-8',
      body: Buffer.from('nome=Jo%C3%A3o&descricao=ol%C3%A1'),
      base64: false,
    },
    {
      name: 'binary body',
      content: 'application/octet-stream',
      body: Buffer.from([0, 1, 2, 255]),
      base64: true,
    },
    {
      name: 'text that is not UTF-8 (passed as bytes)',
      content: 'text/plain',
      body: Buffer.from([0x6f, 0x6c, 0xe1]),
      base64: true,
    },
  ])('$name', ({ content, body, base64 }) => {
    const event = apiGatewayEvent(
      fakeRequest({
        method: 'POST',
        url: '/casos?x=1&x=2',
        headers: { 'content-type': content, Cookie: 'a=1; b=2', host: '127.0.0.1:3000', 'user-agent': 'vitest' },
      }),
      body,
      now,
    );
    const parsed = APIGatewayProxyEventV2Schema.parse(event);
    expect(parsed.rawPath).toBe('/casos');
    expect(parsed.rawQueryString).toBe('x=1&x=2');
    expect(parsed.queryStringParameters).toEqual({ x: '1,2' });
    expect(parsed.cookies).toEqual(['a=1', 'b=2']);
    expect(parsed.headers['cookie']).toBeUndefined();
    expect(parsed.headers['content-type']).toBe(content);
    expect(parsed.requestContext.http).toMatchObject({ method: 'POST', sourceIp: '127.0.0.1', userAgent: 'vitest' });
    expect(parsed.requestContext.timeEpoch).toBe(now.getTime());
    expect(parsed.isBase64Encoded).toBe(base64);
    const decoded = base64 ? Buffer.from(parsed.body ?? '', 'base64') : Buffer.from(parsed.body ?? '', 'utf8');
    expect(decoded.equals(body)).toBe(true);
  });

  it('a GET has no body', () => {
    const event = APIGatewayProxyEventV2Schema.parse(
      apiGatewayEvent(fakeRequest({ method: 'GET', url: '/', headers: {} }), Buffer.alloc(0), now),
    );
    expect(event.body).toBeUndefined();
    expect(event.isBase64Encoded).toBe(false);
    expect(event.queryStringParameters).toBeUndefined();
  });
});

describe('startHttpServer: the console authorizer step and the old board', () => {
  async function serverWith(authorized: (cookies: string[]) => boolean) {
    const events: Array<Record<string, unknown>> = [];
    const asked: string[][] = [];
    const served: string[] = [];
    const fn = (name: string) => async (event: unknown) => {
      events.push(event as Record<string, unknown>);
      served.push(`${name} ${(event as { rawPath: string }).rawPath}`);
      return { statusCode: 200, body: 'ok' };
    };
    const server = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      clock: { now: () => new Date('2026-11-27T19:59:50Z') },
      webform: fn('webform'),
      console: fn('console'),
      authorize: async ({ cookies }) => {
        asked.push(cookies ?? []);
        return authorized(cookies ?? [])
          ? { isAuthorized: true, context: { staffId: 'ana', role: 'analyst' } }
          : { isAuthorized: false };
      },
      board: { load: async () => ({ cases: [], deferred: [] }), get: async () => null },
    });
    return { base: `http://127.0.0.1:${server.port}`, events, asked, served, stop: () => server.stop() };
  }

  it('answers like API Gateway as deployed: the authorizer asked on every request (a Cookie header or not), refused 403 (the function never runs), allowed with the context', async () => {
    const s = await serverWith((cookies) => cookies.includes('sessao=boa'));
    try {
      // No identity source: API Gateway calls the authorizer without a cookie too (no bare 401).
      expect((await fetch(`${s.base}/equipe/casos`)).status).toBe(403);
      expect(s.asked).toEqual([[]]);
      const refused = await fetch(`${s.base}/equipe/caso/x/acao`, {
        method: 'POST',
        headers: { cookie: 'sessao=ruim' },
      });
      expect(refused.status).toBe(403);
      expect(await refused.json()).toEqual({ message: 'Forbidden' });
      expect(s.events).toEqual([]);
      expect((await fetch(`${s.base}/equipe/casos`, { headers: { cookie: 'sessao=boa' } })).status).toBe(200);
      const [event] = s.events;
      expect((event?.['requestContext'] as { authorizer?: unknown } | undefined)?.authorizer).toEqual({
        lambda: { staffId: 'ana', role: 'analyst' },
      });
    } finally {
      await s.stop();
    }
  });

  it('the public routes and the rest of the site skip the authorizer', async () => {
    const s = await serverWith(() => false);
    try {
      for (const [method, path] of [
        ['GET', '/equipe'],
        ['GET', '/equipe/entrar'],
        ['POST', '/equipe/entrar'],
        ['GET', '/equipe/callback'],
        ['POST', '/equipe/sair'],
        ['GET', '/'],
        ['POST', '/consulta'],
      ] as const) {
        expect((await fetch(`${s.base}${path}`, { method })).status, `${method} ${path}`).toBe(200);
      }
      expect(s.asked).toEqual([]);
      // As the HTTP API routes them: /equipe… to the console function, the rest to the webform's.
      expect(s.served).toEqual([
        'console /equipe',
        'console /equipe/entrar',
        'console /equipe/entrar',
        'console /equipe/callback',
        'console /equipe/sair',
        'webform /',
        'webform /consulta',
      ]);
      // Look-alikes of public paths are protected.
      expect((await fetch(`${s.base}/equipe/callback/x`)).status).toBe(403);
      expect((await fetch(`${s.base}/equipe/sair`)).status).toBe(403);
      expect(s.asked).toHaveLength(2);
    } finally {
      await s.stop();
    }
  });

  it('the old board redirects to the console entry; the JSON API stays', async () => {
    const s = await serverWith(() => true);
    try {
      const list = await fetch(`${s.base}/painel`, { redirect: 'manual' });
      expect([list.status, list.headers.get('location')]).toEqual([308, '/equipe']);
      const one = await fetch(`${s.base}/painel/email%3A0100abc`, { redirect: 'manual' });
      expect(one.headers.get('location')).toBe('/equipe?caso=email%3A0100abc');
      expect(await (await fetch(`${s.base}/api/local/cases`)).json()).toEqual([]);
    } finally {
      await s.stop();
    }
  });
});
