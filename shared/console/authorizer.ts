/**
 * The console's API Gateway authorizer (Lambda, simple responses): the session cookie's ID token
 * verified with aws-jwt-verify (signature, issuer, client, expiry, token use) and mapped to a role
 * from its groups. A token that is there must be a verified member's of a staff group (one expired less
 * than EXPIRED_SESSION_GRACE_SECONDS ago too: the function sends it to the sign-in); a request with no
 * session at all (no cookie, a session ended in this browser: SIGNED_OUT_MARKER) passes with no
 * identity, so that the function answers it with the sign-in or her unsent text, never API Gateway's
 * bare JSON. The function behind it checks the token again (expiry included), the roster (an inactive
 * member is refused at once) and the CSRF token, and serves nothing of a case without them.
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
/** No session: on to the function's sign-in (a page) or her text shown back (a form), with no identity. */
const NO_SESSION: AuthorizerDecision = { isAuthorized: true };

export async function authorizeConsoleRequest(
  cookies: string[] | string | undefined,
  verifier: StaffTokenVerifier,
): Promise<AuthorizerDecision> {
  const token = readCookie(cookies, SESSION_COOKIE);
  // A fresh browser on a bookmarked case, a cookie the browser dropped, a session ended in this
  // browser: the function's pages (the sign-in, her unsent text), not API Gateway's bare JSON. The
  // function opens nothing without a verified token.
  if (!token || token === SIGNED_OUT_MARKER) return NO_SESSION;
  // A session expired within the window passes on, so that the function (which refuses it) can send
  // the person to the sign-in; API Gateway's own refusal is a bare JSON 403 on a console page.
  const verified = await verifier.verify(token, { graceSeconds: EXPIRED_SESSION_GRACE_SECONDS });
  if (!verified.ok) return DENY;
  const user = userFromClaims(verified.claims);
  return user ? { isAuthorized: true, context: { staffId: user.staffId, role: user.role } } : DENY;
}
