/**
 * The console's ID-token verifier: aws-jwt-verify's CognitoJwtVerifier (signature against the user
 * pool's JWKS, `exp`, `iss`, `aud` = the app client, `token_use: id`). On AWS the JWKS is fetched
 * from the user pool and cached per container; on the local stack the same verifier is given the
 * local key set's JWKS (`cacheJwks`), so the authorization path is the production one.
 */
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { JwtExpiredError } from 'aws-jwt-verify/error';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { StaffClaims } from '../console/access';
import type { StaffTokenVerifier } from '../console/ports';

export interface CognitoTokenVerifierOptions {
  userPoolId: string;
  clientId: string;
  /** Local stack: the local key set's JWKS (nothing is fetched). */
  jwks?: { keys: Array<Record<string, unknown>> };
}

/** The issuer Cognito writes in its tokens (and the local key set copies). */
export function cognitoIssuer(userPoolId: string): string {
  const region = userPoolId.split('_')[0] ?? '';
  return `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`;
}

export function cognitoTokenVerifier(options: CognitoTokenVerifierOptions): StaffTokenVerifier {
  const props = { userPoolId: options.userPoolId, tokenUse: 'id' as const, clientId: options.clientId };
  // Locally nothing may be fetched: an unknown key id is a forged token, not a key rotation.
  const verifier = options.jwks
    ? CognitoJwtVerifier.create(props, {
        jwksCache: new SimpleJwksCache({
          fetcher: {
            fetch: () => Promise.reject(new Error('The local key set is the only JWKS')),
          },
        }),
      })
    : CognitoJwtVerifier.create(props);
  if (options.jwks) verifier.cacheJwks(options.jwks as never, options.userPoolId);
  return {
    async verify(token, options) {
      try {
        const claims = await verifier.verify(token, { graceSeconds: options?.graceSeconds ?? 0 });
        return { ok: true, claims: claims as StaffClaims };
      } catch (error) {
        return { ok: false, reason: error instanceof JwtExpiredError ? 'expired' : 'invalid' };
      }
    },
  };
}
