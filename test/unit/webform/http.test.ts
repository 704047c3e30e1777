import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it } from 'vitest';
import { noTelemetry } from '../../../shared/app/intake';
import { localConfig } from '../../../shared/domain/config';
import { serveWebform } from '../../../shared/webform/http';
import type { WebformRequest } from '../../../shared/webform/site-http';
import type { WebformDeps } from '../../../shared/webform/submit';

const quiet = { submitted() {}, rejected() {}, failed() {}, claimedUnscanned() {} };
// Routes that never reach the service: its dependencies are not touched.
const deps = {
  service: { config: localConfig, telemetry: noTelemetry } as unknown as WebformDeps,
  logger: new Logger({ logLevel: 'SILENT' }),
  telemetry: quiet,
};
const request = (method: string, rawPath: string, extra: Partial<WebformRequest> = {}): WebformRequest => ({
  method,
  rawPath,
  headers: {},
  isBase64Encoded: false,
  sourceIp: '198.51.100.7',
  ...extra,
});

describe('serveWebform routing', () => {
  it.each([
    ['GET', '/', 200],
    ['GET', '/app.js', 200],
    ['GET', '/nada', 404],
    ['DELETE', '/', 405],
    ['GET', '/casos', 303],
    ['OPTIONS', '/casos', 204],
  ])('%s %s → %i', async (method, path, status) => {
    const r = await serveWebform(request(method, path), deps);
    expect(r.statusCode).toBe(status);
  });

  it('405 names the allowed methods; 303 goes back to the form under the stage', async () => {
    expect((await serveWebform(request('PUT', '/casos'), deps)).headers['allow']).toBe('POST');
    const back = await serveWebform(request('GET', '/prod/casos', { stage: 'prod' }), deps);
    expect(back.headers['location']).toBe('/prod/');
  });

  it('answers JSON problems to JSON clients', async () => {
    const r = await serveWebform(request('GET', '/nada', { headers: { accept: 'application/json' } }), deps);
    expect(JSON.parse(r.body)).toEqual({ message: 'Página não encontrada.' });
  });
});

describe('posts from another site', () => {
  const own = localConfig.webformOrigin;
  it.each([
    ['an Origin of another site', { origin: 'https://evil.example' }],
    ['a cross-site fetch', { 'sec-fetch-site': 'cross-site' }],
    ['a same-site subdomain', { 'Sec-Fetch-Site': 'same-site', origin: own }],
    ['an Origin that is no URL', { origin: 'not a url' }],
    // A sandboxed frame, a data: page or a redirect from another site, in a browser without Fetch Metadata.
    ['Origin null without Sec-Fetch-Site', { origin: 'null' }],
    ['Origin null typed or bookmarked (Sec-Fetch-Site none)', { origin: 'null', 'sec-fetch-site': 'none' }],
  ])('are refused with 403 in pt-BR (the form and the uploads): %s', async (_name, headers) => {
    for (const path of ['/casos', '/anexos']) {
      const html = await serveWebform(request('POST', path, { headers }), deps);
      expect(html.statusCode).toBe(403);
      expect(html.body).toContain('Este envio veio de outro site');
      const json = await serveWebform(
        request('POST', path, { headers: { ...headers, accept: 'application/json' } }),
        deps,
      );
      expect(json.statusCode).toBe(403);
      expect(JSON.parse(json.body)).toEqual({ message: expect.stringContaining('outro site') });
    }
  });

  it.each([
    ['the page’s own origin', { origin: own, 'sec-fetch-site': 'same-origin' }],
    ['Origin null when the browser vouches it is same-origin', { origin: 'null', 'sec-fetch-site': 'same-origin' }],
    ['no browser headers (an API client)', {}],
  ])('go through from %s', async (_name, headers) => {
    const r = await serveWebform(
      request('POST', '/casos', { headers: { ...headers, 'content-type': 'text/plain' } }),
      deps,
    );
    // The stub service behind it cannot store a case: reaching it is what is checked.
    expect(r.statusCode).not.toBe(403);
    expect(r.body).not.toContain('outro site');
  });
});
