import { describe, expect, it, vi } from 'vitest';
import { createPoisonHandler } from '../../../../functions/email-intake/poison';
import { sesReceiptEvent } from '../../../../shared/adapters/ses-receipt-event';
import { caseIdFor } from '../../../../shared/domain/case';
import { HEADER_PEEK_BYTES, peekHeaders } from '../../../../shared/mail/header-peek';
import { METRIC } from '../../../../shared/telemetry-names';
import { InMemoryRateLimiter, InMemoryRawMailStore, inMemoryIntake } from '../../../support/fakes';

const RAW = { bucket: 'raw', prefix: 'inbound/' };
const MERCHANT = 'lojista@modasbella.com.br';

const record = (id: string, responsePayload: unknown) =>
  JSON.stringify({
    requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 3 },
    requestPayload: sesReceiptEvent({
      sesMessageId: id,
      mailFrom: MERCHANT,
      recipients: ['ouvidoria@ouvidoria.example.com.br'],
      receivedAt: new Date('2026-03-02T13:15:00Z'),
    }),
    responsePayload,
  });
const sqsEvent = (...bodies: string[]) => ({
  Records: bodies.map((body, i) => ({ eventSource: 'aws:sqs', messageId: `m${i}`, body })),
});

function world() {
  const intake = inMemoryIntake();
  const rawMail = new InMemoryRawMailStore();
  rawMail.put(
    { bucket: 'raw', key: 'inbound/ses-1' },
    `Return-Path: <${MERCHANT}>\r\nFrom: Juliana <${MERCHANT}>\r\nMessage-ID: <p-1@mail.gmail.com>\r\nSubject: Reclamação\r\n\r\n${'--x\r\n'.repeat(1000)}`,
  );
  const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn(), appendKeys: vi.fn() };
  const metrics = { addMetric: vi.fn(), hasStoredMetrics: vi.fn(() => true), publishStoredMetrics: vi.fn() };
  const handler = createPoisonHandler(() => ({
    poison: {
      intake: intake.deps,
      rawMail,
      peek: { bytes: HEADER_PEEK_BYTES, read: peekHeaders },
      limiter: new InMemoryRateLimiter(),
    },
    rawMail: RAW,
    logger,
    metrics,
  }));
  return { handler, intake, logger, metrics };
}

describe('email-intake poison handler (the IntakeFailures queue)', () => {
  it('quarantines a crashed mail, counts it, logs ids only; what it leaves is a batch item failure (→ IntakeDlq)', async () => {
    const { handler, intake, logger, metrics } = world();
    const response = await handler(
      sqsEvent(
        record('ses-1', { errorType: 'TypeError', errorMessage: 'x is undefined' }),
        record('ses-2', { errorType: 'ThrottlingException' }),
        record('ses-sem-mail', { errorType: 'RangeError' }),
        '{"requestContext":{},"requestPayload":{"nada":1}}',
      ),
    );
    expect(response.batchItemFailures).toEqual([
      { itemIdentifier: 'm1' },
      { itemIdentifier: 'm2' },
      { itemIdentifier: 'm3' },
    ]);
    expect(response.results.map((r) => r.kind)).toEqual(['quarantined', 'left', 'left']);
    expect((await intake.cases.get(caseIdFor('email', 'ses-1')))?.status).toBe('QUARANTINED');
    expect(metrics.addMetric).toHaveBeenCalledWith(METRIC.poisonMailQuarantined, 'Count', 1);
    expect(metrics.publishStoredMetrics).toHaveBeenCalled();
    const logged = JSON.stringify([logger.info.mock.calls, logger.warn.mock.calls, logger.error.mock.calls]);
    expect(logged).not.toContain(MERCHANT);
    expect(logged).not.toContain('Reclamação');
  });

  it('a failure of the quarantining itself is a batch item failure, so the message comes back and the IntakeDlq pages after its receives', async () => {
    const { handler, intake } = world();
    vi.spyOn(intake.cases, 'get').mockRejectedValueOnce(
      Object.assign(new Error('down'), { name: 'InternalServerError' }),
    );
    const response = await handler(sqsEvent(record('ses-1', { errorType: 'TypeError' })));
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm0' }]);
    const again = await handler(sqsEvent(record('ses-1', { errorType: 'TypeError' })));
    expect(again.batchItemFailures).toEqual([]);
    const replay = await handler(sqsEvent(record('ses-1', { errorType: 'TypeError' })));
    expect(replay.results).toEqual([{ kind: 'done', caseId: caseIdFor('email', 'ses-1') }]);
    expect(intake.mailer.sent).toHaveLength(1);
  });
});
