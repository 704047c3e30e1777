import { describe, expect, it } from 'vitest';
import { cognitoIssuer, cognitoTokenVerifier } from '../../../shared/adapters/cognito-token-verifier';
import { generateLocalKeySet, signLocalIdToken } from '../../../shared/console/local-keys';

const POOL = 'us-east-1_LocalPool';
const CLIENT = 'local-console';
const keys = generateLocalKeySet();
const claims = { sub: 'sub-ana', staffId: 'ana', groups: ['analistas'] };
const sign = (overrides: Partial<{ issuer: string; audience: string; now: Date; ttlSeconds: number }> = {}, k = keys) =>
  signLocalIdToken(k, claims, {
    issuer: cognitoIssuer(POOL),
    audience: CLIENT,
    now: new Date(),
    ttlSeconds: 3600,
    ...overrides,
  });

describe('cognitoTokenVerifier with the local key set (aws-jwt-verify, nothing fetched)', () => {
  const verifier = cognitoTokenVerifier({ userPoolId: POOL, clientId: CLIENT, jwks: keys.jwks });

  it('accepts a token of the local key set and returns its claims', async () => {
    const result = await verifier.verify(sign());
    expect(result.ok && result.claims['custom:staff_id']).toBe('ana');
  });

  it('refuses expired, forged, other-audience, other-issuer and garbage tokens', async () => {
    const expired = await verifier.verify(sign({ now: new Date(Date.now() - 7200_000) }));
    expect(expired).toEqual({ ok: false, reason: 'expired' });
    for (const token of [
      sign({}, generateLocalKeySet()),
      sign({ audience: 'other-client' }),
      sign({ issuer: cognitoIssuer('us-east-1_Other') }),
      'not.a.jwt',
      `${sign().slice(0, -4)}AAAA`,
    ]) {
      expect(await verifier.verify(token)).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it('accepts a token expired within graceSeconds, never a forged one', async () => {
    const expired = sign({ now: new Date(Date.now() - 7200_000) });
    expect((await verifier.verify(expired, { graceSeconds: 3700 })).ok).toBe(true);
    expect(await verifier.verify(expired, { graceSeconds: 3500 })).toEqual({ ok: false, reason: 'expired' });
    expect(await verifier.verify(expired)).toEqual({ ok: false, reason: 'expired' });
    const forged = sign({ now: new Date(Date.now() - 7200_000) }, generateLocalKeySet());
    expect(await verifier.verify(forged, { graceSeconds: 3700 })).toEqual({ ok: false, reason: 'invalid' });
  });
});
