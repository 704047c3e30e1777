import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { beforeEach, describe, expect, it } from 'vitest';
import { createEmailIntakeHandler, type EmailIntakeHandlerDeps } from '../../../../functions/email-intake/handler';
import { emailIntakeDepsFrom } from '../../../../shared/composition/email-intake';
import { localConfig } from '../../../../shared/domain/config';
import { RAW_MAIL_PREFIX } from '../../../../shared/runtime-env';
import { sesEvent } from '../../../support/email-intake-harness';
import {
  FixedClock,
  InMemoryBounceRegistry,
  InMemoryCaseRepository,
  InMemoryRawMailStore,
  InMemoryReplyThrottle,
  InMemorySenderOpenCases,
  InMemoryTicketDirectory,
  RecordingMailer,
  RecordingQueue,
} from '../../../support/fakes';

const readEml = (name: string) =>
  readFileSync(join(import.meta.dirname, '..', '..', '..', '..', 'events', 'emails', name));
const quietLogger = () => new Logger({ serviceName: 'test', logLevel: 'SILENT' });
const metrics = () => new Metrics({ namespace: 'Ouvidoria', serviceName: 'test' });

describe('email intake handler (in-memory ports)', () => {
  let rawMail: InMemoryRawMailStore;
  let deps: EmailIntakeHandlerDeps;
  let cases: InMemoryCaseRepository;
  let mailer: RecordingMailer;

  beforeEach(() => {
    rawMail = new InMemoryRawMailStore();
    cases = new InMemoryCaseRepository();
    mailer = new RecordingMailer();
    const intake = {
      cases,
      tickets: new InMemoryTicketDirectory([{ id: '48213', requesterEmail: 'lojista@modasbella.com.br' }]),
      mailer,
      queue: new RecordingQueue(),
      throttle: new InMemoryReplyThrottle(),
      bounces: new InMemoryBounceRegistry(),
      openCases: new InMemorySenderOpenCases(),
      clock: new FixedClock(new Date('2026-11-24T14:00:05Z')),
      config: { ...localConfig, limits: { ...localConfig.limits, maxRawMailBytes: 64 * 1024 } },
    };
    deps = {
      service: emailIntakeDepsFrom(intake, rawMail),
      rawMail: { bucket: 'raw', prefix: RAW_MAIL_PREFIX },
      logger: quietLogger(),
      metrics: metrics(),
    };
  });

  const deliver = (id: string, raw: Buffer | string) => {
    rawMail.put({ bucket: 'raw', key: `inbound/${id}` }, raw);
    return createEmailIntakeHandler(() => deps)(sesEvent(id, raw));
  };

  it('reads the raw mail at <prefix><SES message id> and stores an accepted case', async () => {
    const result = await deliver('m1', readEml('01-accepted-ticket-48213.eml'));
    expect(result.results[0]).toMatchObject({ kind: 'case', outcome: 'ACCEPTED', deliveryId: 'm1' });
  });

  it('answers a duplicate delivery of a finished case without reading the mail again', async () => {
    await deliver('m1', readEml('08-no-prior-ticket.eml'));
    rawMail.failNext = new Error('the raw mail must not be read twice');
    const again = await createEmailIntakeHandler(() => deps)(sesEvent('m1', readEml('08-no-prior-ticket.eml')));
    expect(again.results[0]).toMatchObject({ kind: 'case', duplicate: true, outcome: 'NO_PRIOR_TICKET' });
    expect(mailer.sent).toHaveLength(1);
  });

  it('quarantines oversized mail without parsing it, keeping the raw location', async () => {
    const big = `From: Loja <loja@example.com>\r\nSubject: anexo enorme\r\n\r\n${'A'.repeat(80 * 1024)}`;
    const result = await deliver('big', big);
    expect(result.results[0]).toMatchObject({ outcome: 'QUARANTINED' });
    const stored = await cases.get('email:big');
    expect(stored?.decision.reason).toBeTruthy();
    expect(stored?.messages[0]?.raw).toEqual({ bucket: 'raw', key: 'inbound/big' });
    // Its (authenticated) sender is told it was too big to read (shared/domain/too-large-notice.ts).
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]?.text).toContain('grande demais');
  });

  it('throws (so Lambda retries, then the DLQ) when the raw mail cannot be read', async () => {
    rawMail.failNext = Object.assign(new Error('Access Denied'), { name: 'AccessDenied' });
    await expect(deliver('m2', readEml('01-accepted-ticket-48213.eml'))).rejects.toThrow('Access Denied');
    expect(cases.records.size).toBe(0);
  });

  it('throws on an event that is not an SES receipt', async () => {
    await expect(createEmailIntakeHandler(() => deps)({ Records: [{ eventSource: 'aws:s3' }] })).rejects.toThrow(
      /invalid SES receipt event/,
    );
  });
});
