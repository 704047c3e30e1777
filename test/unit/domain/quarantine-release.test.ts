import { describe, expect, it } from 'vitest';
import {
  intakeFailed,
  lastReleaseRefused,
  releaseRefusal,
  vouchedVerdicts,
  vouchesForSender,
} from '../../../shared/domain/quarantine-release';
import type { HistoryEvent } from '../../../shared/domain/lifecycle/types';
import type { Verdicts } from '../../../shared/domain/submission';

const held = (ruleIds: string[], extra: { status?: string; reviewedAt?: string } = {}, reason = '') => ({
  status: 'QUARANTINED',
  decision: { outcome: 'QUARANTINED' as const, ruleIds, reason },
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

  // The engine's reason for the parse-problem rule (its first quarantine hit): `Mensagem não pôde ser lida: <problem>.`
  it.each([
    [
      'the intake crashed on it',
      ['quarantine.parse-problem'],
      'Mensagem não pôde ser lida: intake-failed: code-error.',
      null,
    ],
    [
      'the intake timed out',
      ['quarantine.parse-problem', 'ticket.valid'],
      'Mensagem não pôde ser lida: intake-failed: timeout.',
      null,
    ],
    [
      'the intake ran out of memory',
      ['quarantine.parse-problem'],
      'Mensagem não pôde ser lida: intake-failed: runtime.',
      null,
    ],
    [
      'the intake crashed, and spam',
      ['quarantine.parse-problem', 'quarantine.spam'],
      'Mensagem não pôde ser lida: intake-failed: code-error.',
      null,
    ],
    [
      'the intake crashed, and a virus',
      ['quarantine.parse-problem', 'quarantine.virus'],
      'Mensagem não pôde ser lida: intake-failed: code-error.',
      'not-vouchable',
    ],
    [
      'oversized',
      ['quarantine.parse-problem'],
      'Mensagem não pôde ser lida: oversized: 41943040 bytes.',
      'not-vouchable',
    ],
    [
      'the parser refused it',
      ['quarantine.parse-problem'],
      'Mensagem não pôde ser lida: unparseable: too many header items.',
      'not-vouchable',
    ],
    [
      'a parser error naming intake-failed',
      ['quarantine.parse-problem'],
      'Mensagem não pôde ser lida: unparseable: bad header "intake-failed: x".',
      'not-vouchable',
    ],
    [
      'the reason without the rule',
      ['quarantine.staff-mail'],
      'Mensagem não pôde ser lida: intake-failed: code-error.',
      'not-vouchable',
    ],
  ])('unreadable mail, %s → %s', (_name, ruleIds, reason, expected) => {
    expect(releaseRefusal(held(ruleIds, {}, reason))).toBe(expected);
  });

  it('a mail the intake failed on is read again, no sender vouched for; a verdict that held it is vouched', () => {
    const failed = {
      ruleIds: ['quarantine.parse-problem'],
      reason: 'Mensagem não pôde ser lida: intake-failed: timeout.',
    };
    expect(intakeFailed(failed)).toBe(true);
    expect(vouchesForSender(failed)).toBe(false);
    expect(vouchesForSender({ ruleIds: ['quarantine.parse-problem', 'quarantine.auth.dmarc'] })).toBe(true);
    expect(intakeFailed({ ruleIds: ['quarantine.spam'], reason: 'Mensagem classificada como spam.' })).toBe(false);
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

describe('lastReleaseRefused', () => {
  const refusal = (at: string, requestedBy: string): HistoryEvent => ({
    at,
    actor: { kind: 'system' },
    type: 'quarantine-release-refused',
    reason: 'still-quarantined',
    requestedBy,
  });
  const discarded: HistoryEvent = {
    at: '2026-03-02T15:00:00Z',
    actor: { kind: 'staff', id: 'sofia', role: 'supervisor' },
    type: 'quarantine-discarded',
  };
  it.each<[string, HistoryEvent[] | undefined, string | undefined]>([
    ['no history', undefined, undefined],
    ['none refused', [discarded], undefined],
    ['one', [refusal('2026-03-02T13:00:00Z', 'sofia')], 'sofia'],
    [
      'the last of two, other events after it',
      [refusal('2026-03-02T13:00:00Z', 'sofia'), refusal('2026-03-02T14:00:00Z', 'bia'), discarded],
      'bia',
    ],
  ])('%s', (_, history, requestedBy) => {
    expect(lastReleaseRefused(history)?.requestedBy).toBe(requestedBy);
  });
});
