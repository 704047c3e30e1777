import { describe, expect, it } from 'vitest';
import { cognitoIssuer, cognitoTokenVerifier } from '../../../shared/adapters/cognito-token-verifier';
import { EXPIRED_SESSION_GRACE_SECONDS, SESSION_COOKIE, SIGNED_OUT_MARKER } from '../../../shared/console/access';
import { authorizeConsoleRequest } from '../../../shared/console/authorizer';
import { generateLocalKeySet, signLocalIdToken } from '../../../shared/console/local-keys';

const POOL = 'sa-east-1_LocalPool';
const CLIENT = 'console-local';
const keys = generateLocalKeySet();
const verifier = cognitoTokenVerifier({ userPoolId: POOL, clientId: CLIENT, jwks: keys.jwks });
const sign = (
  groups: string[],
  options: { keySet?: typeof keys; audience?: string; now?: Date; staffId?: string } = {},
) =>
  signLocalIdToken(
    options.keySet ?? keys,
    { sub: 'sub-1', staffId: options.staffId ?? 'ana', groups },
    {
      issuer: cognitoIssuer(POOL),
      audience: options.audience ?? CLIENT,
      now: options.now ?? new Date(),
      ttlSeconds: 3600,
    },
  );
const cookie = (token: string) => [`outro=1`, `${SESSION_COOKIE}=${encodeURIComponent(token)}`];

describe('authorizeConsoleRequest', () => {
  it.each([
    ['analistas', 'analyst'],
    ['supervisores', 'supervisor'],
  ] as const)('passes a verified member of %s with the roster id and role', async (group, role) => {
    expect(await authorizeConsoleRequest(cookie(sign([group])), verifier)).toEqual({
      isAuthorized: true,
      context: { staffId: 'ana', role },
    });
  });

  // The function refuses it and sends the person to the sign-in, back to the page: API Gateway's own
  // refusal would be a bare JSON 403 on a tab left open overnight.
  it.each([
    ['an hour ago', 3600],
    ['over a long weekend', EXPIRED_SESSION_GRACE_SECONDS - 600],
  ])('passes a genuine token that expired %s, for the function to send to the sign-in', async (_, agoSeconds) => {
    const token = sign(['analistas'], { now: new Date(Date.now() - (3600 + agoSeconds) * 1000) });
    expect(await verifier.verify(token)).toEqual({ ok: false, reason: 'expired' });
    expect(await authorizeConsoleRequest(cookie(token), verifier)).toEqual({
      isAuthorized: true,
      context: { staffId: 'ana', role: 'analyst' },
    });
  });

  // "Sair" in one tab, then her answer posted from another: without a cookie API Gateway answers its
  // bare JSON 401 and her text is lost; the marker reaches the function, which opens nothing for it.
  it('passes a session ended in this browser (the marker), with no identity', async () => {
    expect(await authorizeConsoleRequest([`${SESSION_COOKIE}=${SIGNED_OUT_MARKER}`], verifier)).toEqual({
      isAuthorized: true,
    });
    expect(await authorizeConsoleRequest(`a=b; ${SESSION_COOKIE}=${SIGNED_OUT_MARKER}`, verifier)).toEqual({
      isAuthorized: true,
    });
    for (const near of [`${SIGNED_OUT_MARKER}x`, SIGNED_OUT_MARKER.toUpperCase(), ` ${SIGNED_OUT_MARKER}.x.y`]) {
      expect(await authorizeConsoleRequest([`${SESSION_COOKIE}=${near}`], verifier)).toEqual({ isAuthorized: false });
    }
  });

  // A fresh browser on a bookmarked case or a mailed link, or days after the session ended: no session
  // cookie at all. Refused here, API Gateway answered a bare JSON 403 (401 before, with the Cookie header
  // as identity source) on a console page; the function sends it to the sign-in instead.
  it.each([
    ['no cookie', undefined],
    ['no Cookie header value', ''],
    ['only other cookies (the sign-in start, analytics)', ['outro=1', 'ouv_pkce=abc']],
    ['an empty session cookie', [`${SESSION_COOKIE}=`]],
  ])('passes a request with %s, with no identity', async (_, cookies) => {
    expect(await authorizeConsoleRequest(cookies, verifier)).toEqual({ isAuthorized: true });
  });

  it('reads the Cookie header as well as payload 2.0 cookies', async () => {
    const header = `a=b; ${SESSION_COOKIE}=${encodeURIComponent(sign(['analistas']))}`;
    expect((await authorizeConsoleRequest(header, verifier)).isAuthorized).toBe(true);
  });

  const [h, p, s] = sign(['analistas']).split('.') as [string, string, string];
  const promoted = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), 'cognito:groups': ['supervisores'] })).toString('base64url')}.${s}`;
  it.each([
    ['garbage', cookie('garbage')],
    ['a token of another key set', cookie(sign(['supervisores'], { keySet: generateLocalKeySet() }))],
    ['a token for another client', cookie(sign(['supervisores'], { audience: 'outro-cliente' }))],
    [
      'a token expired longer ago than the window',
      cookie(
        sign(['supervisores'], { now: new Date(Date.now() - (3600 + EXPIRED_SESSION_GRACE_SECONDS + 60) * 1000) }),
      ),
    ],
    [
      'a forged token expired within the window',
      cookie(sign(['supervisores'], { keySet: generateLocalKeySet(), now: new Date(Date.now() - 7200_000) })),
    ],
    ['a promoted (re-signed claims) token', cookie(promoted)],
    ['no staff group', cookie(sign(['convidados']))],
    ['a malformed roster id', cookie(sign(['analistas'], { staffId: '../admin' }))],
  ])('refuses %s', async (_, cookies) => {
    expect(await authorizeConsoleRequest(cookies, verifier)).toEqual({ isAuthorized: false });
  });
});
