/**
 * The two ways into the console (issue 14):
 * - `localSignIn` — local stack only, never routed on AWS: `/equipe/entrar` lists the seeded
 *   roster; choosing someone issues an ID token from the local key set (the same shape Cognito
 *   issues) and sets the session cookie. Verification is then the production path.
 * - `cognitoSignIn` — AWS: the Cognito hosted UI, authorization code + PKCE (S256). The verifier
 *   and state travel in a short-lived `__Host-` cookie (SameSite=Lax: the return from the hosted
 *   UI is a cross-site navigation); `/equipe/callback` checks the state, exchanges the code at the
 *   token endpoint, verifies the ID token and sets the session cookie.
 * The session cookie is SameSite=Strict, so the callback answers with a same-site page that moves
 * on to the list (a redirect chain started on another site would not carry it).
 */
import { createHash, randomBytes } from 'node:crypto';
import { html } from '../domain/html';
import type { StaffMember } from '../domain/lifecycle/types';
import type { WebformResponse } from '../webform/site-http';
import { originAllowed } from '../webform/site-http';
import { formBody } from '../webform/site-http';
import {
  msUntilLiveToken,
  readCookie,
  SESSION_CLOCK_SKEW_SECONDS,
  SESSION_COOKIE_SECONDS,
  SESSION_HOURS,
  STAFF_GROUPS,
  sessionCookie,
} from './access';
import { type ConsoleRequest, type ConsoleSignIn, consoleResponse, redirect } from './http';
import { type LocalKeySet, signLocalIdToken } from './local-keys';
import { CALLBACK_PATH, CONSOLE_PREFIX, LOCAL_SIGN_IN_PATH } from './routes';
import { safeReturnPath } from '../domain/console-link';

/** The sign-in's own field for where to go afterwards (validated by safeReturnPath on the way back). */
const RETURN_FIELD = 'volta';
import { errorPage, layout } from './pages';
import type { StaffTokenVerifier } from './ports';

const TOKEN_TTL_SECONDS = SESSION_HOURS * 3600;
/** A supervisor's "end sessions" runs this far ahead; a later end is left for the console to show. */
const LOCAL_SIGN_IN_MAX_WAIT_MS = (SESSION_CLOCK_SKEW_SECONDS + 1) * 1000;
export const PKCE_COOKIE = '__Host-ouv_pkce';

function landing(
  basePath: string,
  timeZone: string,
  cookies: string[],
  formOrigins: string[] = [],
  returnTo: string | null = null,
): WebformResponse {
  const target = `${basePath}${returnTo ?? CONSOLE_PREFIX}`;
  const body = layout(
    { basePath, timeZone },
    'Entrando',
    html`<h1>Entrando…</h1><p><a href="${target}">Continuar para o console</a></p>`,
  ).replace('<title>', `<meta http-equiv="refresh" content="0;url=${target}"><title>`);
  return consoleResponse(200, body, {}, cookies, formOrigins);
}

export interface LocalSignInOptions {
  keys: LocalKeySet;
  issuer: string;
  clientId: string;
  roster: () => Promise<StaffMember[]>;
  webformOrigin: string;
  timeZone: string;
}

export function localSignIn(options: LocalSignInOptions): ConsoleSignIn {
  const path = LOCAL_SIGN_IN_PATH;
  return {
    start: (basePath, returnTo) => {
      const back = safeReturnPath(returnTo);
      return { location: `${basePath}${path}${back ? `?${RETURN_FIELD}=${encodeURIComponent(back)}` : ''}` };
    },
    signedOut: (basePath) => `${basePath}${path}`,
    async serve(request: ConsoleRequest, requestPath: string, basePath: string) {
      if (requestPath !== path) return null;
      const frame = { basePath, timeZone: options.timeZone };
      const back = safeReturnPath(new URLSearchParams(request.rawQueryString ?? '').get(RETURN_FIELD));
      const roster = (await options.roster()).filter((m) => m.active).sort((a, b) => a.id.localeCompare(b.id));
      if (request.method === 'POST') {
        const form = formBody(request);
        const member = roster.find((m) => m.id === form?.get('pessoa'));
        if (!originAllowed(request.headers, options.webformOrigin) || !member) {
          return consoleResponse(400, errorPage(frame, 'Entrada recusada', 'Escolha uma pessoa da equipe.'));
        }
        const groups = [member.role === 'supervisor' ? STAFF_GROUPS.supervisor : STAFF_GROUPS.analyst];
        // Signed out a moment ago (another tab): a token of that same second would open nothing.
        // Checked again after each wait: a timer may fire a moment before the wall clock's second turns.
        for (
          let wait = msUntilLiveToken(member.sessionsEndedAt, Date.now());
          wait > 0 && wait <= LOCAL_SIGN_IN_MAX_WAIT_MS;
          wait = msUntilLiveToken(member.sessionsEndedAt, Date.now())
        ) {
          await new Promise((r) => setTimeout(r, wait + 1));
        }
        const token = signLocalIdToken(
          options.keys,
          { sub: `local-${member.id}`, staffId: member.id, groups, email: member.email },
          { issuer: options.issuer, audience: options.clientId, now: new Date(), ttlSeconds: TOKEN_TTL_SECONDS },
        );
        const target = safeReturnPath(form?.get(RETURN_FIELD)) ?? CONSOLE_PREFIX;
        return redirect(`${basePath}${target}`, [sessionCookie(token, SESSION_COOKIE_SECONDS)]);
      }
      const body = html`<h1>Entrar no console (pilha local)</h1>
<p>Somente na pilha local: escolha quem você é. O token é emitido pelo conjunto de chaves local e verificado como em produção.</p>
<form method="post" action="${basePath}${path}"><fieldset><legend>Equipe</legend>
${roster.map(
  (m, i) =>
    html`<label for="p-${i}"><input id="p-${i}" type="radio" name="pessoa" value="${m.id}"${i === 0 ? html` checked` : ''}> ${m.name} (${m.id}, ${m.role === 'supervisor' ? 'supervisão' : 'analista'})</label>`,
)}
${back ? html`<input type="hidden" name="${RETURN_FIELD}" value="${back}">` : ''}<button type="submit">Entrar</button></fieldset></form>`;
      return consoleResponse(200, layout(frame, 'Entrar', body));
    },
  };
}

export interface CognitoSignInOptions {
  /** Hosted UI base URL, e.g. https://ouvidoria-prod.auth.sa-east-1.amazoncognito.com */
  domain: string;
  clientId: string;
  /** The webform's public origin: the callback is `<origin>/equipe/callback`. */
  webformOrigin: string;
  verifier: StaffTokenVerifier;
  timeZone: string;
  fetch?: typeof fetch;
  /** How long the token endpoint may take (TOKEN_ENDPOINT_TIMEOUT_MS when omitted). */
  tokenTimeoutMs?: number;
}

/**
 * The token exchange's time limit: Cognito answers in well under a second; a hung endpoint would
 * otherwise hold the console's Lambda (and the person at the door) until the function's own timeout.
 */
export const TOKEN_ENDPOINT_TIMEOUT_MS = 5_000;

const b64url = (buf: Buffer) => buf.toString('base64url');

export function cognitoSignIn(options: CognitoSignInOptions): ConsoleSignIn {
  const domain = options.domain.replace(/\/+$/, '');
  const origin = options.webformOrigin.replace(/\/+$/, '');
  const callback = `${origin}${CALLBACK_PATH}`;
  const doFetch = options.fetch ?? fetch;
  const formOrigins = [new URL(domain).origin];
  return {
    formOrigins,
    start(_basePath, returnTo) {
      const back = safeReturnPath(returnTo);
      const verifier = b64url(randomBytes(32));
      const state = b64url(randomBytes(16));
      const challenge = b64url(createHash('sha256').update(verifier).digest());
      const params = new URLSearchParams({
        response_type: 'code',
        client_id: options.clientId,
        redirect_uri: callback,
        scope: 'openid email',
        state,
        code_challenge: challenge,
        code_challenge_method: 'S256',
      });
      return {
        location: `${domain}/oauth2/authorize?${params}`,
        // Where to go afterwards rides with the state (a third segment, checked again on the way back).
        cookies: [
          `${PKCE_COOKIE}=${state}.${verifier}${back ? `.${b64url(Buffer.from(back))}` : ''}; Path=/; Max-Age=600; Secure; HttpOnly; SameSite=Lax`,
        ],
      };
    },
    signedOut: () =>
      `${domain}/logout?${new URLSearchParams({ client_id: options.clientId, logout_uri: `${origin}/` })}`,
    async serve(request, path, basePath) {
      if (path !== CALLBACK_PATH) return null;
      const frame = { basePath, timeZone: options.timeZone };
      const refuse = (message: string) =>
        consoleResponse(
          400,
          errorPage(frame, 'Entrada recusada', message, `${basePath}${CONSOLE_PREFIX}`),
          {},
          [],
          formOrigins,
        );
      if (request.method !== 'GET') return refuse('Método não permitido.');
      const query = new URLSearchParams(request.rawQueryString ?? '');
      const [state, verifier, back] = (
        readCookie(request.cookies ?? request.headers['cookie'], PKCE_COOKIE) ?? ''
      ).split('.');
      const code = query.get('code');
      if (!code || !state || !verifier || query.get('state') !== state) {
        return refuse('A entrada expirou ou não começou aqui. Tente de novo.');
      }
      let tokens: { id_token?: unknown };
      try {
        const response = await doFetch(`${domain}/oauth2/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'authorization_code',
            client_id: options.clientId,
            code,
            redirect_uri: callback,
            code_verifier: verifier,
          }).toString(),
          signal: AbortSignal.timeout(options.tokenTimeoutMs ?? TOKEN_ENDPOINT_TIMEOUT_MS),
        });
        tokens = (response.ok ? await response.json() : {}) as { id_token?: unknown };
      } catch {
        // Timed out, unreachable, or not JSON (a proxy's error page): no token, the person tries again.
        return refuse(
          'O serviço de entrada da equipe não respondeu a tempo ou respondeu com erro. Tente de novo em instantes.',
        );
      }
      if (tokens === null || typeof tokens !== 'object') tokens = {};
      const idToken = typeof tokens.id_token === 'string' ? tokens.id_token : '';
      const verified = idToken ? await options.verifier.verify(idToken) : { ok: false as const };
      if (!verified.ok) return refuse('Não foi possível concluir a entrada. Tente de novo.');
      const clearPkce = `${PKCE_COOKIE}=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Lax`;
      const returnTo = safeReturnPath(back ? Buffer.from(back, 'base64url').toString('utf8') : null);
      return landing(
        basePath,
        options.timeZone,
        [sessionCookie(idToken, SESSION_COOKIE_SECONDS), clearPkce],
        formOrigins,
        returnTo,
      );
    },
  };
}
