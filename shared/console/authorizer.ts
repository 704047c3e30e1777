/**
 * The console's API Gateway authorizer (Lambda, simple responses): the session cookie's ID token
 * verified with aws-jwt-verify (signature, issuer, client, expiry, token use) and mapped to a role
 * from its groups. Only a verified member of a staff group passes (a token expired less than
 * EXPIRED_SESSION_GRACE_SECONDS ago too: the function sends it to the sign-in; and a session ended in this
 * browser, SIGNED_OUT_MARKER, with no identity); the function behind it checks
 * the token again (expiry included), the roster (an inactive member is refused at once) and the CSRF token.
 */
import {
  type ConsoleRole,
  EXPIRED_SESSION_GRACE_SECONDS,
  readCookie,
  SESSION_COOKIE,
  SIGNED_OUT_MARKER,
  userFromClaims,
} from './access';
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
  // A session ended in this browser: passed on without an identity, for the function's pages (the
  // sign-in, her unsent text) instead of API Gateway's bare JSON; it opens nothing there.
  if (token === SIGNED_OUT_MARKER) return { isAuthorized: true };
  // A session expired within the window passes on, so that the function (which refuses it) can send
  // the person to the sign-in; API Gateway's own refusal is a bare JSON 403 on a console page.
  const verified = await verifier.verify(token, { graceSeconds: EXPIRED_SESSION_GRACE_SECONDS });
  if (!verified.ok) return DENY;
  const user = userFromClaims(verified.claims);
  return user ? { isAuthorized: true, context: { staffId: user.staffId, role: user.role } } : DENY;
}
