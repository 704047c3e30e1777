import { describe, expect, it } from 'vitest';
import { leaveWithoutSupervision, supervisionOf } from '../../../../shared/domain/lifecycle/types';

const TODAY = '2026-03-24';
const sofia = { active: true };
const onLeave = { active: true, leave: { from: '2026-03-20', to: '2026-04-03' } };
const backToday = { active: true, leave: { from: '2026-03-10', to: '2026-03-23' } };
const left = { active: false };

describe('supervisionOf: who reads mail for the supervisors today', () => {
  it.each([
    ['an active supervisor', 'present', [sofia]],
    ['one on leave, another present', 'present', [onLeave, sofia]],
    ['one back from leave today', 'present', [backToday]],
    ['the only one on leave', 'on-leave', [onLeave]],
    ['one on leave, the other gone from the team', 'on-leave', [onLeave, left]],
    ['the only one gone from the team', 'none', [left]],
    ['an empty roster', 'none', []],
  ] as const)('%s: %s', (_, expected, supervisors) => {
    expect(supervisionOf(supervisors, TODAY)).toBe(expected);
  });
});

// Journeys 62: the only supervisor's leave was registered with no word that her overdue alerts would
// then reach nobody present; the roster notice says which days, from this span.
describe('leaveWithoutSupervision: the days of her leave with no other supervisor present', () => {
  const LEAVE = { from: '2026-12-14', to: '2026-12-18' };
  it.each([
    ['no other supervisor', [], LEAVE],
    ['the other one gone from the team', [left], LEAVE],
    ['another present', [sofia], undefined],
    ['another away the same week', [{ active: true, leave: { from: '2026-12-10', to: '2026-12-31' } }], LEAVE],
    [
      'another away two of those days',
      [{ active: true, leave: { from: '2026-12-17', to: '2026-12-22' } }],
      { from: '2026-12-17', to: '2026-12-18' },
    ],
    ['another away another week', [{ active: true, leave: { from: '2026-12-21', to: '2026-12-31' } }], undefined],
    [
      'two others away on overlapping days',
      [
        { active: true, leave: { from: '2026-12-15', to: '2026-12-17' } },
        { active: true, leave: { from: '2026-12-16', to: '2026-12-20' } },
      ],
      { from: '2026-12-16', to: '2026-12-17' },
    ],
    [
      'two others away on days apart',
      [
        { active: true, leave: { from: '2026-12-14', to: '2026-12-15' } },
        { active: true, leave: { from: '2026-12-17', to: '2026-12-18' } },
      ],
      undefined,
    ],
  ] as const)('%s', (_, others, expected) => {
    expect(leaveWithoutSupervision(LEAVE, others)).toEqual(expected);
  });
});
