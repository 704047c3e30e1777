import { describe, expect, it, vi } from 'vitest';

vi.mock('../../../shared/console/http', () => ({
  isConsolePath: (path: string) => path === '/equipe' || path.startsWith('/equipe/'),
  lazy: <T>(build: () => Promise<T>) => build,
  serveConsole: vi.fn(async () => ({ statusCode: 200, headers: {}, body: 'console' })),
}));
vi.mock('../../../shared/webform/merchant-http', () => ({
  MERCHANT_ROUTES: { '/pesquisa': ['GET', 'POST'], '/consulta': ['GET', 'POST'] },
  serveMerchantPages: vi.fn(async () => ({ statusCode: 200, headers: {}, body: 'merchant' })),
}));

const { siteDispatcher } = await import('../../../shared/webform/dispatch');
const { localConfig } = await import('../../../shared/domain/config');

const logger = { info() {}, warn() {}, error() {}, appendKeys() {}, resetKeys() {} };
const telemetry = { submitted() {}, rejected() {}, failed() {} };
const event = (method: string, rawPath: string) => ({
  rawPath,
  headers: {},
  isBase64Encoded: false,
  requestContext: { stage: '$default', requestId: 'r', http: { method, sourceIp: '203.0.113.1' } },
});

describe('siteDispatcher', () => {
  const full = siteDispatcher({
    service: {} as never,
    logger,
    telemetry,
    merchant: async () => ({}) as never,
    console: async () => ({}) as never,
  });
  const formOnly = siteDispatcher({ service: { config: localConfig } as never, logger, telemetry });

  it.each([
    ['/equipe', 'console'],
    ['/equipe/caso/x', 'console'],
    ['/pesquisa', 'merchant'],
    ['/consulta', 'merchant'],
  ])('sends %s to the %s pages', async (path, body) => {
    expect((await full(event('GET', path))).body).toBe(body);
  });

  it('without the secret, console and merchant paths are the form’s 404', async () => {
    expect((await formOnly(event('GET', '/equipe'))).statusCode).toBe(404);
    expect((await formOnly(event('GET', '/pesquisa'))).statusCode).toBe(404);
  });

  it('answers HEAD without a body', async () => {
    const head = await full(event('HEAD', '/consulta'));
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
  });
});
