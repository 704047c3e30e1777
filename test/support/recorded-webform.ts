/**
 * A webform whose mail queue waits until `deliver()`, with every port call it awaits recorded (method
 * names, in order): what timing-oracle tests compare between posts whose mail goes and posts whose
 * mail is held (shared/webform/confirm.ts, shared/webform/guidance-post.ts).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { createWebformHandler, type WebformResponse } from '../../functions/webform/handler';
import { noTelemetry } from '../../shared/app/intake';
import { localConfig } from '../../shared/domain/config';
import { withConfirmMails } from './confirm';
import {
  FixedClock,
  InMemoryBounceRegistry,
  InMemoryCaseRepository,
  InMemoryConfirmationMails,
  InMemoryPendingSubmissionStore,
  InMemoryRateLimiter,
  InMemoryReplyThrottle,
  InMemorySenderOpenCases,
  InMemoryTicketDirectory,
  LINK_SECRET,
  RecordingMailer,
  RecordingQueue,
} from './fakes';

/** The target's methods, each call recorded as `name.method` before it runs. */
export function recordCalls<T extends object>(name: string, target: T, calls: string[]): T {
  return new Proxy(target, {
    get(obj, key, receiver) {
      const value = Reflect.get(obj, key, receiver);
      if (typeof value !== 'function' || typeof key !== 'string') return value;
      return (...args: unknown[]) => {
        calls.push(`${name}.${key}`);
        return (value as (...a: unknown[]) => unknown).apply(obj, args);
      };
    },
  });
}

/**
 * One webform (its ticket directory `tickets`) whose queued mail work waits until `deliver()`;
 * `post(event)` answers with the calls the answer awaited.
 */
export function recordedWebform(tickets: Array<{ id: string; requesterEmail: string }>) {
  const calls: string[] = [];
  const mails = new RecordingMailer();
  const bounces = new InMemoryBounceRegistry();
  const cases = new InMemoryCaseRepository();
  const queued = new InMemoryConfirmationMails();
  queued.deferred = true;
  const deps = withConfirmMails({
    cases: recordCalls('cases', cases, calls),
    tickets: recordCalls('tickets', new InMemoryTicketDirectory(tickets), calls),
    mailer: recordCalls('mailer', mails, calls),
    queue: recordCalls('queue', new RecordingQueue(), calls),
    throttle: recordCalls('throttle', new InMemoryReplyThrottle(), calls),
    bounces: recordCalls('bounces', bounces, calls),
    openCases: recordCalls('openCases', new InMemorySenderOpenCases(), calls),
    clock: new FixedClock(new Date('2026-03-10T13:05:00Z')),
    config: localConfig,
    rateLimiter: recordCalls('rateLimiter', new InMemoryRateLimiter(), calls),
    pendingSubmissions: recordCalls('pendingSubmissions', new InMemoryPendingSubmissionStore(), calls),
    confirmMails: recordCalls('confirmMails', queued, calls),
    linkSecret: async () => {
      calls.push('linkSecret');
      return LINK_SECRET;
    },
    telemetry: noTelemetry,
    logger: new Logger({ logLevel: 'SILENT' }),
    webformTelemetry: { submitted() {}, rejected() {}, failed() {}, claimedUnscanned() {} },
  });
  const h = createWebformHandler(deps);
  return {
    deps,
    calls,
    mails,
    bounces,
    cases,
    queued,
    /** The calls of one post, and its answer. */
    async post(event: unknown): Promise<{ response: WebformResponse; calls: string[] }> {
      calls.length = 0;
      const response = await h(event);
      return { response, calls: [...calls] };
    },
    deliver: () => queued.redeliver(),
  };
}
