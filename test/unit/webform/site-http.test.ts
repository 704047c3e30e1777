import { describe, expect, it, vi } from 'vitest';
import { header, lazyEntryPoint, respond, routeOf, unavailable, wantsJson } from '../../../shared/webform/site-http';

describe('routeOf', () => {
  it.each([
    ['/', '$default', '/', ''],
    ['/prod', 'prod', '/', '/prod'],
    ['/prod/casos/', 'prod', '/casos', '/prod'],
    ['/production/casos', 'prod', '/production/casos', ''],
    ['', undefined, '/', ''],
  ])('%s on stage %s → %s (base %s)', (raw, stage, path, basePath) => {
    expect(routeOf(raw, stage)).toEqual({ path, basePath });
  });
});

describe('content negotiation', () => {
  it('gives HTML to browsers and JSON to API clients', () => {
    expect(wantsJson({ accept: 'text/html,application/xhtml+xml' })).toBe(false);
    expect(wantsJson({ Accept: 'application/problem+json' })).toBe(true);
    expect(wantsJson({ 'Content-Type': 'application/json' })).toBe(true);
    expect(wantsJson({})).toBe(false);
  });

  it('reads headers in any case', () => {
    expect(header({ 'Idempotency-Key': 'k' }, 'idempotency-key')).toBe('k');
  });
});

describe('responses', () => {
  it('every response carries the security headers and no-store (the script is cacheable)', () => {
    const r = respond(200, '', 'html');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['cache-control']).toBe('no-store');
    expect(respond(200, '', 'js').headers['cache-control']).toBe('public, max-age=300');
  });

  it('503s ask to retry', () => {
    expect(unavailable().headers['retry-after']).toBe('30');
    expect(unavailable('static').body).toContain('Serviço temporariamente indisponível');
  });
});

describe('lazyEntryPoint', () => {
  it('builds once, answers a static 503 while the build fails, and retries it on the next request', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let builds = 0;
    const entry = lazyEntryPoint('ouvidoria-teste', async () => {
      builds += 1;
      if (builds === 1) throw new Error('Missing environment variable TABLE_NAME');
      return async () => ({ statusCode: 200, headers: {}, body: 'ok' });
    });
    const first = await entry({});
    expect(first.statusCode).toBe(503);
    expect(first.headers?.['content-type']).toMatch(/text\/html/);
    expect(JSON.parse(String(errors.mock.calls[0]?.[0]))).toMatchObject({
      level: 'ERROR',
      service: 'ouvidoria-teste',
      error: 'Missing environment variable TABLE_NAME',
    });
    expect((await entry({})).statusCode).toBe(200);
    expect((await entry({})).statusCode).toBe(200);
    expect(builds).toBe(2);
    errors.mockRestore();
  });
});
