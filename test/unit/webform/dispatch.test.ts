import { describe, expect, it, vi } from 'vitest';

vi.mock('../../../shared/webform/merchant-http', () => ({
  MERCHANT_ROUTES: { '/pesquisa': ['GET', 'POST'], '/consulta': ['GET', 'POST'] },
  serveMerchantPages: vi.fn(async () => ({ statusCode: 200, headers: {}, body: 'merchant' })),
}));

const { lazy, siteDispatcher } = await import('../../../shared/webform/dispatch');
const { localConfig } = await import('../../../shared/domain/config');

const logger = { info() {}, warn() {}, error() {}, appendKeys() {}, resetKeys() {} };
const telemetry = { submitted() {}, rejected() {}, failed() {}, claimedUnscanned() {} };
const event = (method: string, rawPath: string) => ({
  rawPath,
  headers: {},
  isBase64Encoded: false,
  requestContext: { stage: '$default', requestId: 'r', http: { method, sourceIp: '203.0.113.1' } },
});

describe('siteDispatcher', () => {
  const full = siteDispatcher({
    service: { config: localConfig } as never,
    logger,
    telemetry,
    merchant: async () => ({}) as never,
  });
  const formOnly = siteDispatcher({ service: { config: localConfig } as never, logger, telemetry });

  it.each([['/pesquisa'], ['/consulta']])('sends %s to the merchant pages', async (path) => {
    expect((await full(event('GET', path))).body).toBe('merchant');
  });

  it('without the secret, merchant paths are the form’s 404', async () => {
    expect((await formOnly(event('GET', '/pesquisa'))).statusCode).toBe(404);
  });

  it.each([
    ['GET', '/equipe'],
    ['GET', '/equipe/casos'],
    ['POST', '/equipe/caso/x/acao'],
    ['GET', '/equipe/callback'],
  ])('%s %s is not the webform’s: the console is another function (404 here)', async (method, path) => {
    const response = await full(event(method, path));
    expect(response.statusCode).toBe(404);
    expect(response.cookies).toBeUndefined();
    expect(response.headers['location']).toBeUndefined();
  });

  it('answers HEAD without a body', async () => {
    const head = await full(event('HEAD', '/consulta'));
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
  });
});

describe('lazy', () => {
  it('builds once on first use, and again after a failed build', async () => {
    let calls = 0;
    const get = lazy(async () => {
      calls += 1;
      if (calls === 1) throw new Error('secret not there yet');
      return calls;
    });
    expect(calls).toBe(0);
    await expect(get()).rejects.toThrow('secret not there yet');
    expect(await get()).toBe(2);
    expect(await get()).toBe(2);
    expect(calls).toBe(2);
  });
});
