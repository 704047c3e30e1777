/**
 * API Gateway (HTTP API) Lambda authorizer of the staff console's protected routes, payload 2.0
 * with simple responses: reads the session cookie, verifies its ID token, answers
 * `{ isAuthorized, context: { staffId, role } }`, or passes a request with no session with no
 * identity. API Gateway calls it on every request (no identity source, no cache); the console
 * function verifies the token again.
 * Its bundle carries aws-jwt-verify only (no table, SES or SQS client).
 */
import * as z from 'zod/mini';
import { type AuthorizerDecision, authorizeConsoleRequest } from '../../shared/console/authorizer';
import type { StaffTokenVerifier } from '../../shared/console/ports';
import { buildConsoleAuthorizerVerifier } from '../../shared/composition/console-authorizer';

/** What the authorizer reads of the event: the cookies (payload 2.0) or the Cookie header. */
const AuthorizerEventSchema = z.object({
  cookies: z.optional(z.array(z.string())),
  headers: z.optional(z.record(z.string(), z.string())),
});

export function createConsoleAuthorizer(resolveVerifier: () => StaffTokenVerifier) {
  return async (event: unknown): Promise<AuthorizerDecision> => {
    const parsed = AuthorizerEventSchema.safeParse(event);
    if (!parsed.success) return { isAuthorized: false };
    const { cookies, headers } = parsed.data;
    return authorizeConsoleRequest(cookies ?? headers?.['cookie'], resolveVerifier());
  };
}

let verifier: StaffTokenVerifier | undefined;

export const handler = createConsoleAuthorizer(() => {
  verifier ??= buildConsoleAuthorizerVerifier();
  return verifier;
});
