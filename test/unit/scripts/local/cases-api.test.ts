import { describe, expect, it } from 'vitest';
import { caseSummary, deferralsByCase } from '../../../../scripts/local/cases-api';
import { aCase } from '../../../support/builders';

const assigned = aCase({
  status: 'ASSIGNED',
  assignee: 'ana',
  assignedAt: '2026-03-10T13:05:00.000Z',
  dueAt: '2026-03-24T13:00:00.000Z',
  reply: { status: 'sent', messageId: 'ack-1@ouvidoria.example.com.br', at: '2026-03-10T13:00:02.000Z' },
});
const redirected = aCase({
  sourceId: 'ses-2',
  outcome: 'NO_PRIOR_TICKET',
  senderName: '<script>alert(1)</script>',
  reply: { status: 'suppressed', reason: 'throttled', at: '2026-03-10T13:00:02.000Z' },
});

describe('caseSummary', () => {
  it('is the API row of a case: ticket, rules, reply and deferral flattened, nulls for what is absent', () => {
    expect(caseSummary(assigned)).toMatchObject({
      caseId: assigned.caseId,
      protocol: 'OUV-2026-000042',
      status: 'ASSIGNED',
      assignee: 'ana',
      ticketNumber: '48213',
      ticketStatus: 'valid',
      ruleIds: assigned.decision.ruleIds,
      replyStatus: 'sent',
      replyReason: null,
      replyMessageId: 'ack-1@ouvidoria.example.com.br',
      messageCount: 1,
      deferredUntil: null,
    });
    const at = new Date('2026-03-11T12:00:00.000Z');
    expect(caseSummary(redirected, at)).toMatchObject({
      protocol: null,
      assignee: null,
      ticketNumber: null,
      replyStatus: 'suppressed',
      replyReason: 'throttled',
      replyMessageId: null,
      deferredUntil: at.toISOString(),
    });
  });
});

describe('deferralsByCase', () => {
  it('keeps the earliest deferral of each case', () => {
    const m = { caseId: 'email:a', protocol: 'OUV-2026-000001' };
    const early = new Date('2026-03-11T12:00:00.000Z');
    const late = new Date('2026-03-12T12:00:00.000Z');
    const map = deferralsByCase([
      { message: m, at: late },
      { message: m, at: early },
      { message: { ...m, caseId: 'email:b' }, at: late },
    ]);
    expect(map.get('email:a')).toEqual(early);
    expect(map.get('email:b')).toEqual(late);
  });
});
