import { describe, expect, it } from 'vitest';
import { supervisionOf } from '../../../../shared/domain/lifecycle/types';

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
