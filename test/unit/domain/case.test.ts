import { describe, expect, it } from 'vitest';
import { caseIdFor, intakeComplete } from '../../../shared/domain/case';
import { aCase } from '../../support/builders';

const AT = '2026-03-10T13:00:02.000Z';

describe('caseIdFor', () => {
  it('is the channel and the source id, so a retry finds the same record', () => {
    expect(caseIdFor('email', '0100019abc')).toBe('email:0100019abc');
    expect(caseIdFor('webform', 'form-1')).toBe('webform:form-1');
    expect(caseIdFor('email', 'x')).toBe(caseIdFor('email', 'x'));
  });
});

describe('intakeComplete', () => {
  it('an accepted case needs its reply settled and its place on the assignment queue', () => {
    const sent = { status: 'sent', messageId: 'ack@x', at: AT } as const;
    expect(intakeComplete(aCase())).toBe(false);
    expect(intakeComplete(aCase({ reply: sent }))).toBe(false);
    expect(intakeComplete(aCase({ enqueuedAt: AT }))).toBe(false);
    expect(intakeComplete(aCase({ reply: sent, enqueuedAt: AT }))).toBe(true);
  });

  it('other outcomes need only the reply settled (sent or deliberately not sent)', () => {
    expect(intakeComplete(aCase({ outcome: 'NO_PRIOR_TICKET' }))).toBe(false);
    expect(
      intakeComplete(aCase({ outcome: 'QUARANTINED', reply: { status: 'suppressed', reason: 'quarantined', at: AT } })),
    ).toBe(true);
  });

  it('a failed reply is settled only when the failure is permanent', () => {
    const redirected = (permanent?: boolean) =>
      aCase({
        outcome: 'NOT_A_CLIENT',
        reply: { status: 'failed', error: 'x', at: AT, ...(permanent ? { permanent } : {}) },
      });
    expect(intakeComplete(redirected())).toBe(false);
    expect(intakeComplete(redirected(true))).toBe(true);
  });
});
