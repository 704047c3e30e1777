import { describe, expect, it } from 'vitest';
import { cognitoIssuer, cognitoTokenVerifier } from '../../../shared/adapters/cognito-token-verifier';
import { userFromClaims } from '../../../shared/console/access';
import { generateLocalKeySet, signLocalIdToken } from '../../../shared/console/local-keys';

const POOL = 'us-east-1_LocalPool';
const keys = generateLocalKeySet();
const opts = { issuer: cognitoIssuer(POOL), audience: 'console-local', now: new Date(), ttlSeconds: 3600 };
const token = signLocalIdToken(keys, { sub: 'u-1', staffId: 'ana', groups: ['analistas'] }, opts);
const verifier = cognitoTokenVerifier({ userPoolId: POOL, clientId: 'console-local', jwks: keys.jwks });

describe('local key set', () => {
  it('issues a Cognito-shaped ID token that the production verifier accepts and maps to a console user', async () => {
    const result = await verifier.verify(token);
    expect(result.ok).toBe(true);
    if (result.ok) expect(userFromClaims(result.claims)).toEqual({ staffId: 'ana', role: 'analyst', subject: 'u-1' });
  });

  it('tokens with changed claims or alg "none" are refused', async () => {
    const [h, p, s] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['supervisores'] })).toString('base64url')}.${s}`;
    expect(await verifier.verify(forged)).toEqual({ ok: false, reason: 'invalid' });
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', kid: keys.kid })).toString('base64url')}.${p}.`;
    expect(await verifier.verify(none)).toEqual({ ok: false, reason: 'invalid' });
  });
});
