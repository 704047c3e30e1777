import { describe, expect, it } from 'vitest';
import { cognitoIssuer, cognitoTokenVerifier } from '../../../shared/adapters/cognito-token-verifier';
import { SESSION_COOKIE } from '../../../shared/console/access';
import { authorizeConsoleRequest } from '../../../shared/console/authorizer';
import { generateLocalKeySet, signLocalIdToken } from '../../../shared/console/local-keys';

const POOL = 'sa-east-1_LocalPool';
const CLIENT = 'console-local';
const keys = generateLocalKeySet();
const verifier = cognitoTokenVerifier({ userPoolId: POOL, clientId: CLIENT, jwks: keys.jwks });
const sign = (
  groups: string[],
  options: { keySet?: typeof keys; audience?: string; now?: Date; staffId?: string } = {},
) =>
  signLocalIdToken(
    options.keySet ?? keys,
    { sub: 'sub-1', staffId: options.staffId ?? 'ana', groups },
    {
      issuer: cognitoIssuer(POOL),
      audience: options.audience ?? CLIENT,
      now: options.now ?? new Date(),
      ttlSeconds: 3600,
    },
  );
const cookie = (token: string) => [`outro=1`, `${SESSION_COOKIE}=${encodeURIComponent(token)}`];

describe('authorizeConsoleRequest', () => {
  it.each([
    ['analistas', 'analyst'],
    ['supervisores', 'supervisor'],
  ] as const)('passes a verified member of %s with the roster id and role', async (group, role) => {
    expect(await authorizeConsoleRequest(cookie(sign([group])), verifier)).toEqual({
      isAuthorized: true,
      context: { staffId: 'ana', role },
    });
  });

  it('reads the Cookie header as well as payload 2.0 cookies', async () => {
    const header = `a=b; ${SESSION_COOKIE}=${encodeURIComponent(sign(['analistas']))}`;
    expect((await authorizeConsoleRequest(header, verifier)).isAuthorized).toBe(true);
  });

  const [h, p, s] = sign(['analistas']).split('.') as [string, string, string];
  const promoted = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), 'cognito:groups': ['supervisores'] })).toString('base64url')}.${s}`;
  it.each([
    ['no cookie', undefined],
    ['no session cookie', ['outro=1']],
    ['an empty session cookie', [`${SESSION_COOKIE}=`]],
    ['garbage', cookie('garbage')],
    ['a token of another key set', cookie(sign(['supervisores'], { keySet: generateLocalKeySet() }))],
    ['a token for another client', cookie(sign(['supervisores'], { audience: 'outro-cliente' }))],
    ['an expired token', cookie(sign(['supervisores'], { now: new Date(Date.now() - 7200_000) }))],
    ['a promoted (re-signed claims) token', cookie(promoted)],
    ['no staff group', cookie(sign(['convidados']))],
    ['a malformed roster id', cookie(sign(['analistas'], { staffId: '../admin' }))],
  ])('refuses %s', async (_, cookies) => {
    expect(await authorizeConsoleRequest(cookies, verifier)).toEqual({ isAuthorized: false });
  });
});
