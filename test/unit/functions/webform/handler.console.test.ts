import { readFileSync } from 'node:fs';
import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it, vi } from 'vitest';
import { createWebformHandler } from '../../../../functions/webform/handler';
import { cognitoIssuer, cognitoTokenVerifier } from '../../../../shared/adapters/cognito-token-verifier';
import { noTelemetry } from '../../../../shared/app/intake';
import { SESSION_COOKIE } from '../../../../shared/console/access';
import type { ConsoleDeps } from '../../../../shared/console/http';
import { generateLocalKeySet, signLocalIdToken } from '../../../../shared/console/local-keys';
import { localConfig } from '../../../../shared/domain/config';
import {
  FixedClock,
  InMemoryBounceRegistry,
  InMemoryCaseRepository,
  InMemoryRateLimiter,
  InMemoryReplyThrottle,
  InMemorySenderOpenCases,
  InMemoryTicketDirectory,
  RecordingMailer,
  RecordingQueue,
} from '../../../support/fakes';
import { CASE_ID, lifecycleWorld } from '../../../support/lifecycle-fakes';

const base = JSON.parse(readFileSync(new URL('../../../../events/webform/get-page.json', import.meta.url), 'utf8'));
const keys = generateLocalKeySet();
const POOL = 'sa-east-1_Test';

function handlerWith(consoleDeps?: () => Promise<ConsoleDeps>) {
  return createWebformHandler({
    cases: new InMemoryCaseRepository(),
    tickets: new InMemoryTicketDirectory([]),
    mailer: new RecordingMailer(),
    queue: new RecordingQueue(),
    throttle: new InMemoryReplyThrottle(),
    bounces: new InMemoryBounceRegistry(),
    openCases: new InMemorySenderOpenCases(),
    clock: new FixedClock(new Date('2026-03-12T14:00:00Z')),
    config: localConfig,
    rateLimiter: new InMemoryRateLimiter(),
    telemetry: noTelemetry,
    logger: new Logger({ logLevel: 'SILENT' }),
    ...(consoleDeps ? { console: consoleDeps } : {}),
  });
}

const consoleDeps = (): ConsoleDeps => ({
  verifier: cognitoTokenVerifier({ userPoolId: POOL, clientId: 'c', jwks: keys.jwks }),
  index: { byStatus: async () => ({ items: [] }), bySender: async () => ({ items: [] }) },
  lifecycle: lifecycleWorld().deps,
  signIn: { start: () => ({ location: '/equipe/entrar' }), serve: async () => null, signedOut: () => '/' },
});

function getEvent(path: string, cookies?: string[]) {
  return {
    ...base,
    rawPath: path,
    rawQueryString: '',
    ...(cookies ? { cookies } : {}),
    requestContext: { ...base.requestContext, http: { ...base.requestContext.http, method: 'GET', path } },
  };
}

describe('webform handler: staff console', () => {
  it('routes /equipe… with the session cookie from API Gateway’s cookies list; builds the deps once, on first use', async () => {
    const build = vi.fn(async () => consoleDeps());
    const h = handlerWith(build);
    expect((await h(getEvent('/'))).statusCode).toBe(200);
    expect(build).not.toHaveBeenCalled();
    expect((await h(getEvent('/equipe'))).headers['location']).toBe('/equipe/entrar');
    const token = signLocalIdToken(
      keys,
      { sub: 's', staffId: 'ana', groups: ['analistas'] },
      { issuer: cognitoIssuer(POOL), audience: 'c', now: new Date(), ttlSeconds: 600 },
    );
    const page = await h(getEvent(`/equipe/caso/${encodeURIComponent(CASE_ID)}`, [`${SESSION_COOKIE}=${token}`]));
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'none'");
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('answers 404 on /equipe when the console is not wired (no CONSOLE_* settings)', async () => {
    expect((await handlerWith()(getEvent('/equipe'))).statusCode).toBe(404);
  });
});
