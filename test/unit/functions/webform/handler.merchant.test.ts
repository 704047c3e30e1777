import { withConfirmMails } from '../../../support/confirm';
import { readFileSync } from 'node:fs';
import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it, vi } from 'vitest';
import { createWebformHandler } from '../../../../functions/webform/handler';
import { noTelemetry } from '../../../../shared/app/intake';
import { localConfig } from '../../../../shared/domain/config';
import { surveyUrl } from '../../../../shared/domain/lifecycle/survey';
import type { MerchantPagesDeps } from '../../../../shared/webform/merchant-http';
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
import {
  InMemoryCaseWorkStore,
  InMemorySurveyStore,
  lifecycleOver,
  PROTOCOL,
  SECRET,
  workCase,
} from '../../../support/lifecycle-fakes';

const NOW = new Date('2026-03-10T13:05:00Z');
const base = JSON.parse(readFileSync(new URL('../../../../events/webform/get-page.json', import.meta.url), 'utf8'));

function handlerWith(merchant?: () => Promise<MerchantPagesDeps>) {
  return createWebformHandler(
    withConfirmMails({
      cases: new InMemoryCaseRepository(),
      tickets: new InMemoryTicketDirectory([]),
      mailer: new RecordingMailer(),
      queue: new RecordingQueue(),
      throttle: new InMemoryReplyThrottle(),
      bounces: new InMemoryBounceRegistry(),
      openCases: new InMemorySenderOpenCases(),
      clock: new FixedClock(NOW),
      config: localConfig,
      rateLimiter: new InMemoryRateLimiter(),
      ...confirmationPorts(),
      telemetry: noTelemetry,
      logger: new Logger({ logLevel: 'SILENT' }),
      ...(merchant ? { merchant } : {}),
    }),
  );
}

function getEvent(url: string) {
  const u = new URL(url, 'http://x');
  return {
    ...base,
    rawPath: u.pathname,
    rawQueryString: u.search.slice(1),
    requestContext: { ...base.requestContext, http: { ...base.requestContext.http, method: 'GET', path: u.pathname } },
  };
}

const merchantDeps = (): MerchantPagesDeps => {
  const stores = {
    // The survey's case is held (an erased case's link reads as expired).
    cases: new InMemoryCaseWorkStore([workCase({ status: 'CLOSED', closedAt: NOW.toISOString() })]),
    surveys: new InMemorySurveyStore(),
    mailer: new RecordingMailer(),
    clock: new FixedClock(NOW),
    config: localConfig,
    secret: SECRET,
  };
  return {
    ...stores,
    statusLinks: { claim: async () => true, isUsed: async () => false },
    rateLimiter: new InMemoryRateLimiter(),
    ...confirmationPorts(),
    bounces: new InMemoryBounceRegistry(),
    lifecycle: lifecycleOver(stores),
  };
};

describe('webform handler: merchant pages', () => {
  it('routes /pesquisa with its query string, builds the deps once and only for those paths', async () => {
    const build = vi.fn(async () => merchantDeps());
    const h = handlerWith(build);
    expect((await h(getEvent('/'))).statusCode).toBe(200);
    expect(build).not.toHaveBeenCalled();
    const link = surveyUrl(PROTOCOL, 4, new Date(NOW.getTime() + 86_400_000), SECRET, localConfig);
    const page = await h(getEvent(link));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Confirmar avaliação');
    await h(getEvent('/consulta'));
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('answers 404 on those paths when the merchant pages are not wired', async () => {
    expect((await handlerWith()(getEvent('/pesquisa'))).statusCode).toBe(404);
  });
});
