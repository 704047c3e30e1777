import { describe, expect, it, vi } from 'vitest';
import { createReleaseHandler } from '../../../../functions/email-intake/release';
import type { QuarantineReleaseDeps } from '../../../../shared/app/quarantine-release';
import { emailIntakeDepsFrom } from '../../../../shared/composition/email-intake';
import { aCase, aDecision, aMessage } from '../../../support/builders';
import { InMemoryQuarantineReleaseStore, InMemoryRawMailStore, inMemoryIntake } from '../../../support/fakes';

const body = (caseId: string) =>
  JSON.stringify({ kind: 'release', caseId, by: 'sup-carla', at: '2026-03-12T14:00:00.000Z' });
const sqsEvent = (...bodies: string[]) => ({
  Records: bodies.map((b, i) => ({ eventSource: 'aws:sqs', messageId: `m${i}`, body: b })),
});

function world() {
  const intake = inMemoryIntake();
  const { cases } = intake;
  const rawMail = new InMemoryRawMailStore();
  const raw = { bucket: 'raw', key: 'inbound/v1' };
  rawMail.put(raw, 'From: Loja <a@loja.com.br>\r\nSubject: oi\r\n\r\nUm arquivo com vírus.');
  void cases.create(
    aCase({
      caseId: 'email:v1',
      channel: 'email',
      status: 'QUARANTINED',
      outcome: 'QUARANTINED',
      decision: aDecision('QUARANTINED', { ruleIds: ['quarantine.virus'] }),
      messages: [aMessage({ raw })],
    }),
  );
  const release: QuarantineReleaseDeps = {
    email: emailIntakeDepsFrom(intake.deps, rawMail),
    store: new InMemoryQuarantineReleaseStore(cases),
  };
  const logger = { info: vi.fn(), appendKeys: vi.fn() };
  return { handler: createReleaseHandler(() => ({ release, logger })), logger };
}

describe('email-intake release handler', () => {
  it('runs each request and logs ids, the outcome and the supervisor, never addresses', async () => {
    const { handler, logger } = world();
    const { results } = await handler(sqsEvent(body('email:v1'), body('email:none')));
    expect(results).toEqual([
      { kind: 'refused', caseId: 'email:v1', reason: 'not-vouchable' },
      { kind: 'refused', caseId: 'email:none', reason: 'missing' },
    ]);
    expect(logger.info).toHaveBeenCalledWith('quarantine release', {
      kind: 'refused',
      reason: 'not-vouchable',
      by: 'sup-carla',
    });
    expect(JSON.stringify(logger.info.mock.calls)).not.toContain('@');
  });

  it('throws on an event that is not a release batch, or on a malformed body', async () => {
    const { handler } = world();
    await expect(handler({ Records: [{ eventSource: 'aws:ses' }] })).rejects.toThrow('not an SQS event');
    await expect(handler(sqsEvent('{"kind":"release"}'))).rejects.toThrow();
  });
});
