import { describe, expect, it } from 'vitest';
import { userFromClaims } from '../../../shared/console/access';
import { generateLocalKeySet, signLocalIdToken, verifyRs256 } from '../../../shared/console/local-keys';

const keys = generateLocalKeySet();
const now = new Date('2026-11-25T13:00:00Z');
const opts = { issuer: 'http://127.0.0.1:3000/local-idp', audience: 'console-local', now, ttlSeconds: 3600 };
const token = signLocalIdToken(keys, { sub: 'u-1', staffId: 'ana', groups: ['analistas'] }, opts);

describe('local key set', () => {
  it('issues a Cognito-shaped ID token that verifies and maps to a console user', () => {
    const result = verifyRs256(token, keys.jwks, opts);
    expect(result.ok).toBe(true);
    if (result.ok) expect(userFromClaims(result.claims)).toEqual({ staffId: 'ana', role: 'analyst', subject: 'u-1' });
  });

  it('refuses forged, expired, foreign and malformed tokens', () => {
    const [h, p, s] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['supervisores'] })).toString('base64url')}.${s}`;
    expect(verifyRs256(forged, keys.jwks, opts)).toEqual({ ok: false, error: 'bad-signature' });
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', kid: keys.kid })).toString('base64url')}.${p}.`;
    expect(verifyRs256(none, keys.jwks, opts)).toEqual({ ok: false, error: 'bad-signature' });
    expect(verifyRs256(token, generateLocalKeySet().jwks, opts)).toEqual({ ok: false, error: 'bad-signature' });
    expect(verifyRs256(token, keys.jwks, { ...opts, now: new Date(now.getTime() + 3601_000) })).toEqual({
      ok: false,
      error: 'expired',
    });
    expect(verifyRs256(token, keys.jwks, { ...opts, audience: 'other' })).toEqual({
      ok: false,
      error: 'wrong-audience',
    });
    expect(verifyRs256(token, keys.jwks, { ...opts, issuer: 'other' })).toEqual({ ok: false, error: 'wrong-issuer' });
    expect(verifyRs256('a.b', keys.jwks, opts)).toEqual({ ok: false, error: 'malformed' });
  });
});
