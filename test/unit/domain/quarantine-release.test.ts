import { describe, expect, it } from 'vitest';
import { releaseRefusal, vouchedVerdicts } from '../../../shared/domain/quarantine-release';
import type { Verdicts } from '../../../shared/domain/submission';

const held = (ruleIds: string[], extra: { status?: string; reviewedAt?: string } = {}) => ({
  status: 'QUARANTINED',
  decision: { outcome: 'QUARANTINED' as const, ruleIds },
  ...extra,
});

describe('releaseRefusal', () => {
  it.each([
    [['quarantine.spam', 'ticket.none'], null],
    [['quarantine.auth.dmarc', 'ticket.valid'], null],
    [['quarantine.auth.spf'], null],
    [['quarantine.spam', 'quarantine.auth.dmarc', 'quarantine.auth.spf'], null],
    [['quarantine.virus'], 'not-vouchable'],
    [['quarantine.spam', 'quarantine.virus'], 'not-vouchable'],
    [['quarantine.parse-problem'], 'not-vouchable'],
    [['quarantine.auth.dmarc', 'quarantine.parse-problem'], 'not-vouchable'],
    [['quarantine.staff-mail'], 'not-vouchable'],
    [['ticket.none'], 'not-vouchable'],
    [[], 'not-vouchable'],
  ])('rules %j → %s', (ruleIds, expected) => {
    expect(releaseRefusal(held(ruleIds))).toBe(expected);
  });

  it('refuses what is no longer in the queue: reviewed, or not quarantined at all', () => {
    expect(releaseRefusal(held(['quarantine.spam'], { reviewedAt: '2026-03-02T10:00:00Z' }))).toBe('not-in-quarantine');
    expect(releaseRefusal(held(['quarantine.spam'], { status: 'QUEUED' }))).toBe('not-in-quarantine');
  });
});

describe('vouchedVerdicts', () => {
  const all = (v: Verdicts['spam']): Verdicts => ({ spam: v, virus: v, spf: v, dkim: v, dmarc: v });

  it('counts failed spam, SPF and DMARC as passed, and nothing else', () => {
    expect(vouchedVerdicts(all('FAIL'))).toEqual({
      spam: 'PASS',
      virus: 'FAIL',
      spf: 'PASS',
      dkim: 'FAIL',
      dmarc: 'PASS',
    });
    expect(vouchedVerdicts(all('GRAY'))).toEqual(all('GRAY'));
    expect(vouchedVerdicts(undefined)).toBeUndefined();
  });

  it('drops the DMARC policy with the failure it came with', () => {
    expect(vouchedVerdicts({ ...all('FAIL'), dmarcPolicy: 'REJECT' })).not.toHaveProperty('dmarcPolicy');
  });

  it('returns a copy', () => {
    const original = all('FAIL');
    vouchedVerdicts(original);
    expect(original).toEqual(all('FAIL'));
  });
});
