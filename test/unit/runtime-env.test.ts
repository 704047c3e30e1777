import { describe, expect, it } from 'vitest';
import { ENV, TIMER_ALIAS, timerAliasArn } from '../../shared/runtime-env';

describe('ENV: the names of the variables the stack sets and the handlers read', () => {
  it('gives each setting its own variable: no two keys share a name (one would shadow the other)', () => {
    const names = Object.values(ENV);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(Object.entries(ENV))('%s is a portable variable name: %s', (_key, name) => {
    expect(name).toMatch(/^[A-Z][A-Z0-9_]*$/);
    // Lambda reserves these prefixes for its own variables.
    expect(name).not.toMatch(/^(AWS_|LAMBDA_|_)/);
  });
});

describe('timerAliasArn: the timers the lifecycle-timer function arms target its alias', () => {
  const FN = 'arn:aws:lambda:sa-east-1:123456789012:function:ouvidoria-prod-LifecycleTimer';
  it.each([
    ['invoked unqualified (the effects sweep)', FN],
    ['invoked through the alias (a timer)', `${FN}:${TIMER_ALIAS}`],
    ['invoked as a version', `${FN}:42`],
  ])('%s', (_how, invoked) => {
    expect(timerAliasArn(invoked)).toBe(`${FN}:timers`);
  });
});
