/**
 * Links from staff mail into the staff console: `<webformOrigin>/equipe?caso=<caseId>`. The entry
 * `/equipe` signs the person in first when needed and then opens the case; after the sign-in it
 * goes back only to a console case or the list (safeReturnPath), never to an address from outside.
 */
import type { OuvidoriaConfig } from './config';

/** The console's entry path (also its prefix: shared/console/routes.ts). */
export const CONSOLE_ENTRY_PATH = '/equipe';

/** The roster's page (supervisors): leave, return, (de)activate. */
export const CONSOLE_ROSTER_PATH = `${CONSOLE_ENTRY_PATH}/pessoas`;

export function consoleRosterLink(config: Pick<OuvidoriaConfig, 'webformOrigin'>): string {
  return `${config.webformOrigin.replace(/\/+$/, '')}${CONSOLE_ROSTER_PATH}`;
}

export function consoleCaseLink(config: Pick<OuvidoriaConfig, 'webformOrigin'>, caseId: string): string {
  return `${config.webformOrigin.replace(/\/+$/, '')}${CONSOLE_ENTRY_PATH}?caso=${encodeURIComponent(caseId)}`;
}

/** Case ids are `email:<SES id>` or `webform:<uuid>` (caseIdFor): no separators of a path or URL, no dot segments. */
const CASE_ID = /^(?:email|webform):[A-Za-z0-9._-]{1,190}$/;

/** The console path of a case, or null for an id that is not one. */
export function consoleCasePath(caseId: string): string | null {
  return CASE_ID.test(caseId) ? `${CONSOLE_ENTRY_PATH}/caso/${encodeURIComponent(caseId)}` : null;
}

/**
 * Where a sign-in may return: the path of a console case, or null (then the entry). Anything else —
 * another site, a protocol-relative `//host`, dot segments, a query — is refused.
 */
export function safeReturnPath(value: string | null | undefined): string | null {
  if (!value) return null;
  const match = /^\/equipe\/caso\/([^/?#\\]+)$/.exec(value);
  if (!match) return null;
  let caseId: string;
  try {
    caseId = decodeURIComponent(match[1] as string);
  } catch {
    return null;
  }
  return consoleCasePath(caseId);
}
