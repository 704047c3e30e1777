import { describe, expect, it } from 'vitest';
import { createConsoleAuthorizer } from '../../../../functions/console-authorizer/handler';
import { SESSION_COOKIE } from '../../../../shared/console/access';
import type { StaffTokenVerifier } from '../../../../shared/console/ports';
import { buildConsoleAuthorizerVerifier } from '../../../../shared/composition/console-authorizer';

const verifier: StaffTokenVerifier = {
  verify: async (token) =>
    token === 'boa'
      ? { ok: true, claims: { sub: 's', 'custom:staff_id': 'sofia', 'cognito:groups': ['supervisores'] } }
      : { ok: false, reason: 'invalid' },
};
const authorize = createConsoleAuthorizer(() => verifier);

describe('console authorizer handler (payload 2.0, simple responses)', () => {
  it('reads the cookies of the event', async () => {
    expect(await authorize({ type: 'REQUEST', cookies: [`${SESSION_COOKIE}=boa`], headers: {} })).toEqual({
      isAuthorized: true,
      context: { staffId: 'sofia', role: 'supervisor' },
    });
    expect(await authorize({ headers: { cookie: `${SESSION_COOKIE}=boa` } })).toMatchObject({ isAuthorized: true });
  });

  // API Gateway calls it with no identity source: a fresh browser's request has no cookies at all.
  it.each([
    ['no cookies', { headers: {} }],
    ['no cookies nor headers', { type: 'REQUEST', routeKey: 'GET /equipe/{proxy+}' }],
  ])('passes %s with no identity, for the function to send to the sign-in', async (_, event) => {
    expect(await authorize(event)).toEqual({ isAuthorized: true });
  });

  it.each([
    ['a bad token', { cookies: [`${SESSION_COOKIE}=ruim`] }],
    ['a malformed event', { cookies: 'não é lista' }],
    ['null', null],
  ])('denies %s', async (_, event) => {
    expect(await authorize(event)).toEqual({ isAuthorized: false });
  });

  it('is built from the two environment variables the stack sets, and refuses to start without them', () => {
    expect(() => buildConsoleAuthorizerVerifier({})).toThrow('CONSOLE_USER_POOL_ID');
    expect(() =>
      buildConsoleAuthorizerVerifier({ CONSOLE_USER_POOL_ID: 'sa-east-1_Abc', CONSOLE_CLIENT_ID: 'client' }),
    ).not.toThrow();
  });
});
