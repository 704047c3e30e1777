/**
 * The console's routes on the HTTP API, in one place for the stack (the authorizer on every
 * protected route, none on the public ones), the local stack (the same authorizer before the
 * function) and the function that serves them.
 */
import { CONSOLE_ENTRY_PATH, consoleCasePath } from '../domain/console-link';

export const CONSOLE_PREFIX = CONSOLE_ENTRY_PATH;
/** The case list (the entry `/equipe` only redirects here, or to the sign-in). */
export const CASES_PATH = '/equipe/casos';
export const CALLBACK_PATH = '/equipe/callback';
export const SIGN_OUT_PATH = '/equipe/sair';
/**
 * A clean file of a case, through the console: `/equipe/caso/<caseId>/arquivo?chave=<object key>`.
 * Each request checks the session (signed out: refused) and the case, then redirects to a
 * short-lived signed link (DOWNLOAD_LINK_SECONDS); the page itself never holds a signed one.
 */
export const CASE_FILE_SUFFIX = '/arquivo';
export const CASE_FILE_KEY = 'chave';

/** The console path of one file of a case, or null for an id that is not a case's. */
export function caseFilePath(caseId: string, key: string): string | null {
  const casePath = consoleCasePath(caseId);
  return casePath ? `${casePath}${CASE_FILE_SUFFIX}?${new URLSearchParams({ [CASE_FILE_KEY]: key }).toString()}` : null;
}

/**
 * A percent-encoded segment of a console path, decoded; null for a malformed escape ("%E0", a
 * link cut short): such a path names nothing, and is answered as an unknown page, never as a
 * failure (decodeURIComponent throws URIError on it).
 */
export function pathSegment(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** Local stack only: the sign-in page of the local key set. */
export const LOCAL_SIGN_IN_PATH = '/equipe/entrar';

/**
 * Without the authorizer: the entry (it serves no data: a redirect to the list or to the sign-in),
 * the hosted UI's callback (no session yet) and sign-out (works after the session expired).
 */
export const PUBLIC_CONSOLE_ROUTES = [
  `GET ${CONSOLE_PREFIX}`,
  `GET ${CALLBACK_PATH}`,
  `POST ${SIGN_OUT_PATH}`,
] as const;
/** Local stack only, never routed on AWS. */
export const LOCAL_SIGN_IN_ROUTES = [`GET ${LOCAL_SIGN_IN_PATH}`, `POST ${LOCAL_SIGN_IN_PATH}`] as const;
/** Every other console request passes the authorizer first (more specific public routes win on API Gateway). */
export const PROTECTED_CONSOLE_ROUTES = [`GET ${CONSOLE_PREFIX}/{proxy+}`, `POST ${CONSOLE_PREFIX}/{proxy+}`] as const;

export function isConsolePath(path: string): boolean {
  return path === CONSOLE_PREFIX || path.startsWith(`${CONSOLE_PREFIX}/`);
}

/** True when API Gateway routes this request without the authorizer (HEAD is answered like GET). */
export function isPublicConsoleRequest(method: string, path: string, options: { local: boolean }): boolean {
  const key = `${method === 'HEAD' ? 'GET' : method} ${path}`;
  return (
    (PUBLIC_CONSOLE_ROUTES as readonly string[]).includes(key) ||
    (options.local && (LOCAL_SIGN_IN_ROUTES as readonly string[]).includes(key))
  );
}
