import { withConfirmMails } from '../../../support/confirm';
import { readFileSync } from 'node:fs';
import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it, vi } from 'vitest';
import { createWebformHandler } from '../../../../functions/webform/handler';
import { cognitoIssuer } from '../../../../shared/adapters/cognito-token-verifier';
import { noTelemetry } from '../../../../shared/app/intake';
import { SESSION_COOKIE } from '../../../../shared/console/access';
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
  confirmationPorts,
} from '../../../support/fakes';

const base = JSON.parse(readFileSync(new URL('../../../../events/webform/get-page.json', import.meta.url), 'utf8'));

function eventOf(method: string, path: string, cookies?: string[]) {
  return {
    ...base,
    rawPath: path,
    rawQueryString: '',
    ...(cookies ? { cookies } : {}),
    ...(method === 'POST' ? { body: 'csrf=x&action=note' } : {}),
    requestContext: { ...base.requestContext, http: { ...base.requestContext.http, method, path } },
  };
}

describe('webform handler: the staff console is another function', () => {
  it('answers 404 to every console route, even with a valid session cookie, and builds nothing for it', async () => {
    const merchant = vi.fn(async () => ({}) as never);
    const h = createWebformHandler(
      withConfirmMails({
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
        ...confirmationPorts(),
        telemetry: noTelemetry,
        logger: new Logger({ logLevel: 'SILENT' }),
        merchant,
      }),
    );
    const token = signLocalIdToken(
      generateLocalKeySet(),
      { sub: 's', staffId: 'ana', groups: ['supervisores'] },
      { issuer: cognitoIssuer('sa-east-1_Test'), audience: 'c', now: new Date(), ttlSeconds: 600 },
    );
    for (const [method, path] of [
      ['GET', '/equipe'],
      ['GET', '/equipe/casos'],
      ['GET', '/equipe/quarentena'],
      ['POST', '/equipe/pessoas'],
      ['GET', '/equipe/callback'],
      ['POST', '/equipe/sair'],
    ] as const) {
      const response = await h(eventOf(method, path, [`${SESSION_COOKIE}=${token}`]));
      expect(response.statusCode, `${method} ${path}`).toBe(404);
      expect(response.cookies).toBeUndefined();
      expect(response.headers['location']).toBeUndefined();
    }
    expect(merchant).not.toHaveBeenCalled();
  });
});
