import { describe, expect, it } from 'vitest';
import {
  type ConsoleAction,
  type ConsoleUser,
  canViewCase,
  visibleStatuses,
  csrfToken,
  csrfValid,
  mayAct,
  readCookie,
  SESSION_COOKIE,
  sessionCookie,
  msUntilLiveToken,
  sessionEnded,
  sessionsEndAt,
  userFromClaims,
  withRosterRole,
} from '../../../shared/console/access';

const ana: ConsoleUser = { staffId: 'ana', role: 'analyst', subject: 's-ana' };
const sofia: ConsoleUser = { staffId: 'sofia', role: 'supervisor', subject: 's-sofia' };
// The actions the mail commands also carry: the same rule as #transferir, #nota… (mayWorkCase).
const CASE_ACTIONS: ConsoleAction[] = ['answer', 'note', 'wait', 'extend', 'transfer', 'close'];
const SUPERVISOR_ACTIONS: ConsoleAction[] = ['quarantine-release', 'quarantine-discard', 'roster'];

describe('userFromClaims', () => {
  it('maps the Cognito groups to roles (supervisor wins) and needs a roster id and a subject', () => {
    expect(userFromClaims({ sub: 's', 'cognito:groups': ['analistas'], 'custom:staff_id': 'Ana' })).toEqual({
      staffId: 'ana',
      role: 'analyst',
      subject: 's',
    });
    expect(
      userFromClaims({ sub: 's', 'cognito:groups': ['analistas', 'supervisores'], 'custom:staff_id': 'sofia' })?.role,
    ).toBe('supervisor');
    expect(userFromClaims({ sub: 's', 'cognito:groups': ['admin'], 'custom:staff_id': 'x' })).toBeNull();
    expect(userFromClaims({ sub: 's', 'cognito:groups': ['analistas'] })).toBeNull();
    expect(userFromClaims({ 'cognito:groups': ['analistas'], 'custom:staff_id': 'ana' })).toBeNull();
    expect(userFromClaims({ sub: 's', 'cognito:groups': 'supervisores', 'custom:staff_id': 'ana' })).toBeNull();
  });
});

describe('withRosterRole', () => {
  // [token's role, roster's role, role granted]: a supervisor only when both say so.
  it.each([
    ['supervisor', 'supervisor', 'supervisor'],
    ['supervisor', 'analyst', 'analyst'],
    ['analyst', 'supervisor', 'analyst'],
    ['analyst', 'analyst', 'analyst'],
  ] as const)('token %s, roster %s → %s', (token, roster, granted) => {
    expect(withRosterRole({ ...ana, role: token }, roster)).toEqual({ ...ana, role: granted });
  });
});

describe('authorization: every action × role × own/other/unassigned case', () => {
  const own = { assignee: 'ana', status: 'IN_PROGRESS' } as const;
  const other = { assignee: 'bruno', status: 'IN_PROGRESS' } as const;
  const unassigned = { status: 'QUEUED' } as const;

  it('analysts see their cases and unassigned ones; supervisors see all', () => {
    expect([own, other, unassigned].map((c) => canViewCase(ana, c))).toEqual([true, false, true]);
    expect([own, other, unassigned].map((c) => canViewCase(sofia, c))).toEqual([true, true, true]);
  });

  // [record, analyst sees it, supervisor sees it]: held mail is the supervisors' to review.
  it.each([
    [{ status: 'QUARANTINED' } as const, false, true],
    [{ status: 'REDIRECTED' } as const, true, true],
    [{ status: 'CLOSED', assignee: 'ana' } as const, true, true],
  ])('an unassigned record %j: analyst %s, supervisor %s', (record, analyst, supervisor) => {
    expect(canViewCase(ana, record)).toBe(analyst);
    expect(canViewCase(sofia, record)).toBe(supervisor);
  });

  it('the statuses an analyst may list leave out held mail', () => {
    expect(visibleStatuses(ana, ['QUEUED', 'REDIRECTED', 'QUARANTINED'])).toEqual(['QUEUED', 'REDIRECTED']);
    expect(visibleStatuses(ana, ['QUARANTINED'])).toEqual([]);
    expect(visibleStatuses(sofia, ['QUEUED', 'QUARANTINED'])).toEqual(['QUEUED', 'QUARANTINED']);
  });

  it.each(CASE_ACTIONS)('%s: the case analyst or a supervisor', (action) => {
    expect(mayAct(ana, action, own)).toBe(true);
    expect(mayAct(ana, action, other)).toBe(false);
    expect(mayAct(ana, action, unassigned)).toBe(false);
    expect(mayAct(sofia, action, other)).toBe(true);
  });

  it.each(SUPERVISOR_ACTIONS)('%s: supervisors only', (action) => {
    expect(mayAct(ana, action, own)).toBe(false);
    expect(mayAct(ana, action)).toBe(false);
    expect(mayAct(sofia, action, other)).toBe(true);
  });
});

describe('session cookie and CSRF token', () => {
  it('sets a __Host- cookie that is Secure, HttpOnly and SameSite=Strict, and reads it back', () => {
    const cookie = sessionCookie('abc=/;', 3600);
    expect(cookie).toMatch(/^__Host-ouv_sessao=/);
    expect(cookie).toContain('; Path=/; Max-Age=3600; Secure; HttpOnly; SameSite=Strict');
    const value = cookie.split(';')[0] as string;
    expect(readCookie([`x=1`, value], SESSION_COOKIE)).toBe('abc=/;');
    expect(readCookie(`x=1; ${value}`, SESSION_COOKIE)).toBe('abc=/;');
    expect(readCookie(undefined, SESSION_COOKIE)).toBeUndefined();
  });

  it('accepts only the token of the same session', () => {
    const secret = 'a-secret-of-at-least-thirty-two-chars!!';
    const token = csrfToken('session-1', secret);
    expect(csrfValid(token, 'session-1', secret)).toBe(true);
    expect(csrfValid(token, 'session-2', secret)).toBe(false);
    expect(csrfValid('', 'session-1', secret)).toBe(false);
    expect(csrfValid(undefined, 'session-1', secret)).toBe(false);
    expect(csrfValid(`${token}x`, 'session-1', secret)).toBe(false);
  });
});

describe('sign-out: sessionsEndAt / sessionEnded', () => {
  const ENDED = '2026-03-12T14:00:00.400Z';
  const sec = (iso: string) => Date.parse(iso) / 1000;
  it.each([
    ['no sign-out recorded', sec('2026-03-12T13:00:00Z'), undefined, false],
    ['issued an hour before', sec('2026-03-12T13:00:00Z'), ENDED, true],
    ['issued in the second of the sign-out (iat is whole seconds)', sec('2026-03-12T14:00:00Z'), ENDED, true],
    ['issued the next second (a new sign-in)', sec('2026-03-12T14:00:01Z'), ENDED, false],
    ['no iat on a signed-out member: refused', undefined, ENDED, true],
    ['an iat that is not a number: refused', '1773324000', ENDED, true],
  ] as const)('%s', (_, iat, endedAt, ended) => {
    expect(sessionEnded(iat === undefined ? {} : { iat }, endedAt)).toBe(ended);
  });

  it.each([
    ['the function clock when the token is older', '2026-03-12T14:00:00.400Z', sec('2026-03-12T13:59:00Z'), ENDED],
    [
      'the token’s own iat when its issuer clock runs ahead',
      ENDED,
      sec('2026-03-12T14:00:05Z'),
      '2026-03-12T14:00:05.000Z',
    ],
    ['the function clock without claims', ENDED, undefined, ENDED],
  ] as const)('records %s', (_, now, iat, expected) => {
    expect(sessionsEndAt(new Date(now), iat === undefined ? {} : { iat })).toBe(expected);
  });
});

describe('msUntilLiveToken: when a new sign-in’s token is no longer refused', () => {
  const ENDED = '2026-03-12T14:00:00.400Z';
  it.each([
    ['no sign-out recorded', undefined, '2026-03-12T14:00:00.500Z', 0],
    ['in the second of the sign-out: until the next one', ENDED, '2026-03-12T14:00:00.500Z', 500],
    ['a sign-out on the second itself', '2026-03-12T14:00:00.000Z', '2026-03-12T14:00:00.000Z', 1000],
    ['the next second: at once', ENDED, '2026-03-12T14:00:01.000Z', 0],
    ['long after', ENDED, '2026-03-12T15:00:00.000Z', 0],
    ['a supervisor’s end, 5 s ahead', '2026-03-12T14:00:05.400Z', '2026-03-12T14:00:00.400Z', 5600],
    ['an unreadable instant: no wait', 'ontem', '2026-03-12T14:00:00.500Z', 0],
  ] as const)('%s', (_, endedAt, now, wait) => {
    expect(msUntilLiveToken(endedAt, Date.parse(now))).toBe(wait);
  });

  it('agrees with sessionEnded at every millisecond around a sign-out', () => {
    for (let offset = -1500; offset <= 2500; offset += 1) {
      const now = Date.parse(ENDED) + offset;
      const iat = Math.floor(now / 1000);
      expect(sessionEnded({ iat }, ENDED), `${offset} ms`).toBe(msUntilLiveToken(ENDED, now) > 0);
    }
  });
});
