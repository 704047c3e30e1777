/**
 * The local stack's stand-in for Cognito's signing keys (issue 14): an RS256 key pair, its JWKS,
 * and ID tokens of the same shape Cognito issues (`iss`, `aud`, `token_use: id`, `cognito:groups`,
 * `custom:staff_id`), so the console verifies local tokens with the same code as production.
 * Verification is aws-jwt-verify's CognitoJwtVerifier in both places
 * (shared/adapters/cognito-token-verifier.ts): locally with this JWKS cached (`cacheJwks`).
 */
import { generateKeyPairSync, type KeyObject, randomUUID, sign } from 'node:crypto';

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
