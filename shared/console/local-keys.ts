/**
 * The local stack's stand-in for Cognito's signing keys (issue 14): an RS256 key pair, its JWKS,
 * and ID tokens of the same shape Cognito issues (`iss`, `aud`, `token_use: id`, `cognito:groups`,
 * `custom:staff_id`), so the console verifies local tokens with the same code as production.
 * NOT WIRED YET. Production verification is meant to be aws-jwt-verify's CognitoJwtVerifier (not a
 * dependency yet); locally the same verifier with this JWKS cached (`cacheJwks`).
 * `verifyRs256` below is the minimal check used by tests until then.
 */
import { createPublicKey, generateKeyPairSync, type KeyObject, randomUUID, sign, verify } from 'node:crypto';

export interface LocalKeySet {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** `{ keys: [JWK] }`, as Cognito publishes at `/.well-known/jwks.json`. */
  jwks: { keys: Array<Record<string, unknown>> };
}

export function generateLocalKeySet(): LocalKeySet {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomUUID();
  const jwk = publicKey.export({ format: 'jwk' }) as Record<string, unknown>;
  return { kid, privateKey, publicKey, jwks: { keys: [{ ...jwk, kid, alg: 'RS256', use: 'sig' }] } };
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A Cognito-shaped ID token signed with the local key. */
export function signLocalIdToken(
  keys: LocalKeySet,
  claims: { sub: string; staffId: string; groups: string[]; email?: string },
  options: { issuer: string; audience: string; now: Date; ttlSeconds: number },
): string {
  const iat = Math.floor(options.now.getTime() / 1000);
  const header = b64({ alg: 'RS256', typ: 'JWT', kid: keys.kid });
  const payload = b64({
    sub: claims.sub,
    iss: options.issuer,
    aud: options.audience,
    token_use: 'id',
    iat,
    exp: iat + options.ttlSeconds,
    'cognito:groups': claims.groups,
    'custom:staff_id': claims.staffId,
    ...(claims.email ? { email: claims.email } : {}),
  });
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), keys.privateKey).toString('base64url');
  return `${header}.${payload}.${signature}`;
}

export type VerifyError = 'malformed' | 'bad-signature' | 'expired' | 'wrong-issuer' | 'wrong-audience' | 'wrong-use';

/** RS256 verification against a JWKS: algorithm, kid, signature, exp, iss, aud, token_use. */
export function verifyRs256(
  token: string,
  jwks: LocalKeySet['jwks'],
  expected: { issuer: string; audience: string; now: Date },
): { ok: true; claims: Record<string, unknown> } | { ok: false; error: VerifyError } {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, error: 'malformed' };
  const [h, p, s] = parts as [string, string, string];
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, error: 'malformed' };
  }
  if (header['alg'] !== 'RS256') return { ok: false, error: 'bad-signature' };
  const jwk = jwks.keys.find((k) => k['kid'] === header['kid']);
  if (!jwk) return { ok: false, error: 'bad-signature' };
  const key = createPublicKey({ key: jwk as never, format: 'jwk' });
  if (!verify('sha256', Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url'))) {
    return { ok: false, error: 'bad-signature' };
  }
  if (typeof claims['exp'] !== 'number' || claims['exp'] * 1000 <= expected.now.getTime()) {
    return { ok: false, error: 'expired' };
  }
  if (claims['iss'] !== expected.issuer) return { ok: false, error: 'wrong-issuer' };
  if (claims['aud'] !== expected.audience) return { ok: false, error: 'wrong-audience' };
  if (claims['token_use'] !== 'id') return { ok: false, error: 'wrong-use' };
  return { ok: true, claims };
}
