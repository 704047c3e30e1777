/**
 * The console's API Gateway authorizer (Lambda, simple responses): the session cookie's ID token
 * verified with aws-jwt-verify (signature, issuer, client, expiry, token use) and mapped to a role
 * from its groups. Only a verified member of a staff group passes; the function behind it checks
 * the token again, the roster (an inactive member is refused at once) and the CSRF token.
 */
import { readCookie, SESSION_COOKIE, userFromClaims, type ConsoleRole } from './access';
import type { StaffTokenVerifier } from './ports';

export interface AuthorizerDecision {
  isAuthorized: boolean;
  /** Passed to the function as `requestContext.authorizer.lambda`. */
  context?: { staffId: string; role: ConsoleRole };
}

const DENY: AuthorizerDecision = { isAuthorized: false };

export async function authorizeConsoleRequest(
  cookies: string[] | string | undefined,
  verifier: StaffTokenVerifier,
): Promise<AuthorizerDecision> {
  const token = readCookie(cookies, SESSION_COOKIE);
  if (!token) return DENY;
  const verified = await verifier.verify(token);
  if (!verified.ok) return DENY;
  const user = userFromClaims(verified.claims);
  return user ? { isAuthorized: true, context: { staffId: user.staffId, role: user.role } } : DENY;
}
