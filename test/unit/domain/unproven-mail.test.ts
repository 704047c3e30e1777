import { describe, expect, it } from 'vitest';
import type { Decision } from '../../../shared/domain/decision';
import { heldUnproven, senderCheckFailed, UNPROVEN_SENDER_HELD } from '../../../shared/domain/unproven-mail';
import { senderVerdicts } from '../../support/builders';

describe('senderCheckFailed: her own domain’s word against the mail', () => {
  const v = senderVerdicts;
  it.each([
    [v('FAIL', 'GRAY', 'GRAY'), true],
    [v('GRAY', 'GRAY', 'FAIL'), true],
    [v('FAIL', 'GRAY', 'FAIL'), true],
    [v('GRAY', 'GRAY', 'GRAY'), false],
    [v('PROCESSING_FAILED', 'GRAY', 'GRAY'), false],
    [v('PASS', 'FAIL', 'GRAY'), false],
    [undefined, false],
  ])('%j → %s', (verdicts, failed) => {
    expect(senderCheckFailed(verdicts)).toBe(failed);
  });
});

describe('heldUnproven: the accepted decision kept, quarantined for review', () => {
  const accepted: Decision = {
    outcome: 'ACCEPTED',
    ruleIds: ['ticket.valid'],
    reason: 'Chamado anterior nº 48213 verificado (aberto pelo remetente); caso aceito.',
    ticket: { status: 'valid', number: '48213' },
    language: 'pt-BR',
  };

  it.each([
    [{ why: 'check-failed' } as const, 'o SPF ou o DMARC do próprio domínio do remetente falhou'],
    [{ why: 'over-cap', limit: 5 } as const, 'o remetente já tem 5 casos abertos'],
    [{ why: 'over-cap', limit: 1 } as const, 'o remetente já tem 1 caso aberto'],
  ])('%j', (hold, says) => {
    const held = heldUnproven(accepted, hold);
    expect(held).toMatchObject({ outcome: 'QUARANTINED', ticket: accepted.ticket, language: 'pt-BR' });
    expect(held.ruleIds).toEqual(['ticket.valid', UNPROVEN_SENDER_HELD]);
    expect(held.reason).toContain(says);
    expect(held.reason).toContain(accepted.reason);
  });
});
