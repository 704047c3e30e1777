/**
 * The staff console's access rules (issue 14), pure: who the signed-in person is (from the
 * verified JWT's claims), what they may see and do, the session cookie and the CSRF token.
 * The console's function (shared/console/http.ts) and its API authorizer (./authorizer.ts) call it.
 *
 * - Groups (Cognito): `supervisores` → supervisor, `analistas` → analyst; anything else: no access.
 *   A supervisor must be one on the roster too (withRosterRole), as for staff mail.
 * - Analysts see their own cases and unassigned ones, never held (quarantined) mail; supervisors see all.
 * - Case actions (answer, note, wait, extend, transfer, close): the case's analyst or a supervisor —
 *   the rule the mail commands follow (`mayWorkCase`, shared/domain/lifecycle/types.ts).
 *   Quarantine release/discard and roster changes: supervisors only.
 * - Session cookie: `__Host-` prefixed, Secure, HttpOnly, SameSite=Strict, Path=/.
 * - CSRF: synchronizer token = HMAC(secret, session id), compared in constant time, required on
 *   every POST.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CaseStatus } from '../domain/case';
import { mayWorkCase } from '../domain/lifecycle/types';
import { STAFF_ID } from '../domain/staff';

export const STAFF_GROUPS = { analyst: 'analistas', supervisor: 'supervisores' } as const;
export const SESSION_COOKIE = '__Host-ouv_sessao';
export const CSRF_FIELD = 'csrf';
/**
 * Lifetime of a console session (the ID token and its cookie): a working day, so that nobody is sent
 * to the sign-in in the middle of a task. Safe because every request also checks the roster:
 * a member made inactive, or whose sessions were ended (sign-out), loses access at once, whatever
 * the token says.
 */
export const SESSION_HOURS = 8;

/**
 * How long the browser keeps the session cookie after the token inside it expired: a long weekend
 * (Friday evening to a Tuesday after a holiday). The authorizer lets a token that expired within
 * this window through (signature, issuer, client and token use still checked; refused, API Gateway
 * would answer a bare JSON 403) and the function, which refuses any expired token, sends the person
 * to the sign-in and back to the page, or shows a form's text back ("Sua sessão expirou").
 */
export const EXPIRED_SESSION_GRACE_SECONDS = 4 * 24 * 3600;
export const SESSION_COOKIE_SECONDS = SESSION_HOURS * 3600 + EXPIRED_SESSION_GRACE_SECONDS;

/**
 * What the session cookie holds once a session is over (signed out, expired, refused): the token it
 * replaces is never sent again. The authorizer passes it as it passes no cookie at all (it opens
 * nothing: the function treats it as no session, shows the sign-in or, for a form posted from
 * another tab after "Sair", her text back).
 */
export const SIGNED_OUT_MARKER = 'encerrada';

/** The cookie that ends a session in this browser: the marker, kept as long as a tab may stay open. */
export function endedSessionCookie(): string {
  return sessionCookie(SIGNED_OUT_MARKER, EXPIRED_SESSION_GRACE_SECONDS);
}

/**
 * Sign-out ends sessions on the server, not only the cookie (a copied cookie, a shared office
 * computer): the member's roster entry keeps an instant (`sessionsEndedAt`) and every console
 * request, which reads the entry anyway, refuses an ID token issued (`iat`) at or before it.
 * Signing out records the later of now and the signing-out token's own `iat` (an issuer whose clock
 * runs ahead cannot leave that token alive); a supervisor's "end this member's sessions" records now
 * plus this allowance, for tokens issued on a clock a few seconds ahead of the function's.
 */
export const SESSION_CLOCK_SKEW_SECONDS = 5;

/** The instant to record on signing out: now, or the token's own issue time when that is later. */
export function sessionsEndAt(now: Date, claims: StaffClaims = {}): string {
  const iat = typeof claims.iat === 'number' && Number.isFinite(claims.iat) ? claims.iat * 1000 : 0;
  return new Date(Math.max(now.getTime(), iat)).toISOString();
}

/**
 * How long until a token issued then would no longer be refused by `sessionEnded` (0: a token
 * issued now is live). `iat` counts whole seconds, so a token issued in the very second the
 * sessions ended is refused; the local sign-in waits this out, as Cognito's hosted-UI round trip
 * always does.
 */
export function msUntilLiveToken(endedAt: string | undefined, nowMs: number): number {
  const ended = endedAt === undefined ? Number.NaN : Date.parse(endedAt);
  if (!Number.isFinite(ended)) return 0;
  return Math.max(0, (Math.floor(ended / 1000) + 1) * 1000 - nowMs);
}

/** Was this token issued at or before the member's sessions were ended? (No `iat`: refused.) */
export function sessionEnded(claims: StaffClaims, endedAt: string | undefined): boolean {
  if (endedAt === undefined) return false;
  const iat = claims.iat;
  if (typeof iat !== 'number' || !Number.isFinite(iat)) return true;
  return !(iat * 1000 > Date.parse(endedAt));
}

export type ConsoleRole = 'analyst' | 'supervisor';

export interface ConsoleUser {
  /** Roster id (what the case history records). */
  staffId: string;
  role: ConsoleRole;
  /** JWT `sub`: the identity provider's id of the person. */
  subject: string;
}

/** Claims of a verified ID token (Cognito, or the local key set's token of the same shape). */
export interface StaffClaims {
  sub?: unknown;
  'cognito:groups'?: unknown;
  /** The roster id, set on the user by an administrator (custom attribute). */
  'custom:staff_id'?: unknown;
  /** Issue time, seconds since the epoch (checked against the roster's `sessionsEndedAt`). */
  iat?: unknown;
}

/** The console user of verified claims, or null (no staff group, no roster id). */
export function userFromClaims(claims: StaffClaims): ConsoleUser | null {
  const groups = Array.isArray(claims['cognito:groups']) ? claims['cognito:groups'].map(String) : [];
  const role: ConsoleRole | null = groups.includes(STAFF_GROUPS.supervisor)
    ? 'supervisor'
    : groups.includes(STAFF_GROUPS.analyst)
      ? 'analyst'
      : null;
  const staffId = typeof claims['custom:staff_id'] === 'string' ? claims['custom:staff_id'].toLowerCase() : '';
  const subject = typeof claims.sub === 'string' ? claims.sub : '';
  if (!role || !STAFF_ID.test(staffId) || !subject) return null;
  return { staffId, role, subject };
}

/**
 * The role the console grants: the token's group admits a person, the roster (the role staff mail
 * acts with, StaffDirectory) says what they may do. A supervisor needs both: a group left on a
 * demoted person's account, or added by mistake, grants nothing the roster does not.
 */
export function withRosterRole(user: ConsoleUser, rosterRole: ConsoleRole): ConsoleUser {
  return user.role === 'supervisor' && rosterRole !== 'supervisor' ? { ...user, role: 'analyst' } : user;
}

export interface CaseAccessView {
  assignee?: string | undefined;
  status: CaseStatus;
}

/**
 * Held mail is the supervisors' to review (release or discard, `/equipe/quarentena`): nobody has
 * judged it yet (a virus, a phishing text, a forged sender), so an analyst sees none of it, even
 * though no one is assigned to it. Once released it has the status of its new decision.
 */
const SUPERVISOR_ONLY_STATUSES: ReadonlySet<CaseStatus> = new Set(['QUARANTINED']);

export function canViewCase(user: ConsoleUser, c: CaseAccessView): boolean {
  if (user.role === 'supervisor') return true;
  if (SUPERVISOR_ONLY_STATUSES.has(c.status)) return false;
  return c.assignee === undefined || c.assignee === user.staffId;
}

/** The statuses of `wanted` whose cases `user` may list (canViewCase's status rule, for the index queries). */
export function visibleStatuses(user: ConsoleUser, wanted: readonly CaseStatus[]): CaseStatus[] {
  return user.role === 'supervisor' ? [...wanted] : wanted.filter((s) => !SUPERVISOR_ONLY_STATUSES.has(s));
}

export type ConsoleAction =
  | 'answer'
  | 'note'
  | 'wait'
  | 'extend'
  | 'close'
  | 'transfer'
  | 'quarantine-release'
  | 'quarantine-discard'
  | 'roster';

const SUPERVISOR_ONLY: ReadonlySet<ConsoleAction> = new Set(['quarantine-release', 'quarantine-discard', 'roster']);

/** May `user` do `action` (on case `c`, for case actions)? */
export function mayAct(user: ConsoleUser, action: ConsoleAction, c?: Partial<CaseAccessView>): boolean {
  if (SUPERVISOR_ONLY.has(action)) return user.role === 'supervisor';
  return c !== undefined && mayWorkCase(c, { kind: 'staff', id: user.staffId, role: user.role });
}

/** The CSRF token of a session (synchronizer pattern: the server recomputes it, nothing stored). */
export function csrfToken(sessionId: string, secret: string): string {
  return createHmac('sha256', secret).update(`csrf\n${sessionId}`).digest('base64url');
}

export function csrfValid(given: string | null | undefined, sessionId: string, secret: string): boolean {
  if (!given) return false;
  const expected = Buffer.from(csrfToken(sessionId, secret));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** `Set-Cookie` value of the session (maxAgeSeconds 0 clears it). */
export function sessionCookie(value: string, maxAgeSeconds: number): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(value)}; Path=/; Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}; Secure; HttpOnly; SameSite=Strict`;
}

/** A cookie's value from API Gateway's `cookies` list (payload 2.0) or a `Cookie` header. */
export function readCookie(cookies: ReadonlyArray<string> | string | undefined, name: string): string | undefined {
  const list = typeof cookies === 'string' ? cookies.split(/;\s*/) : (cookies ?? []);
  for (const entry of list) {
    const eq = entry.indexOf('=');
    if (eq > 0 && entry.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(entry.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
