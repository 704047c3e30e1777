/**
 * HTTP face of the staff console (issue 14), served by the console function (functions/console):
 * - GET|HEAD /equipe: the case list (filters status / analyst / outcome / overdue, search by
 *   protocol or sender address; GSI queries a page at a time, never a scan);
 * - GET|HEAD /equipe/caso/<caseId>: the case page;
 * - GET|HEAD /equipe/caso/<caseId>/arquivo?chave=<key>: one clean file, a redirect to a link signed
 *   for a minute (DOWNLOAD_LINK_SECONDS) after the checks below: the page holds no signed link;
 * - POST /equipe/caso/<caseId>/acao: answer / note / wait / extend / transfer / close, through
 *   applyStaffCommand (the same path as the per-case mail);
 * - GET|POST /equipe/pessoas: the roster (supervisors): leave, return, (de)activate, add, end a
 *   member's sessions;
 * - POST /equipe/sair: signs out (the cookie, and on the roster every token issued until now:
 *   `sessionsEndAt`); the sign-in's own routes (local `/equipe/entrar`, Cognito
 *   `/equipe/callback`) are served by `ConsoleSignIn`.
 * Every request: the ID token in the `__Host-` session cookie verified (aws-jwt-verify, behind
 * StaffTokenVerifier), the user mapped from its groups, an active roster member whose sessions
 * were not ended after the token was issued (`sessionEnded`; here, not in the authorizer, which has
 * no table and whose answer API Gateway caches per cookie); every POST:
 * same origin and the CSRF token. Analysts see their cases and unassigned ones; supervisors all.
 */
import { signedDownload } from '../app/attachment-links';
import { type AttachmentLinkMap, linkableAttachments } from '../domain/uploads/download';
import type { AttachmentLinks, UploadStore } from '../ports';
import { createHash } from 'node:crypto';
import { resolveDeps, type LifecycleDeps } from '../app/lifecycle/commit';
import { applyStaffCommand } from '../app/lifecycle/staff-command';
import { staffIdsOf, staffNames } from '../app/lifecycle/staff-names';
import type { ParsedStaffMail, StaffCommand } from '../domain/lifecycle/commands';
import { extensionDaysProblem, promisedBefore, promisedDueAt, queuedAssignmentAt } from '../domain/lifecycle/deadlines';
import { officeCalendar } from '../domain/calendar';
import {
  AWAITED_MAX_CHARS,
  MAX_CONSOLE_TEXT_CHARS,
  MAX_NOTE_CHARS,
  MAX_REASON_CHARS,
  overlapOfLatestAnswer,
} from '../domain/lifecycle/machine';
import { groupedPtBr } from '../domain/count';
import {
  CLOSE_CATEGORIES,
  type CloseCategory,
  isOnLeave,
  refusalReasonsPt,
  type WorkCase,
} from '../domain/lifecycle/types';
import { OUTCOMES, type Outcome } from '../domain/outcome';
import { readTypedProtocol } from '../domain/protocol';
import { normalizeLine } from '../domain/text';
import { header, routeOf, type WebformRequest, type WebformResponse } from '../webform/site-http';
import { originAllowed } from '../webform/site-http';
import { readFormBody } from '../webform/site-http';
import {
  CSRF_FIELD,
  type ConsoleAction,
  type ConsoleUser,
  canViewCase,
  visibleStatuses,
  csrfToken,
  csrfValid,
  mayAct,
  readCookie,
  SESSION_COOKIE,
  sessionEnded,
  sessionsEndAt,
  endedSessionCookie,
  SIGNED_OUT_MARKER,
  userFromClaims,
  withRosterRole,
} from './access';
import { type CaseStatus, NO_TEXTS, type TextsShown } from '../domain/case';
import { answerOverlapNoticePt, EFFECT_TEXTS } from '../domain/lifecycle/messages';
import {
  ALL_VIEW,
  OPEN_VIEW,
  LIST_STATUSES,
  type CaseDraft,
  type CaseView,
  type CitingRecord,
  casePage,
  casePageTexts,
  casesPage,
  errorPage,
  type ListQuery,
  sessionOverPage,
  type UnsentForm,
  unsentForm,
  listViewOf,
  MESSAGES_BEFORE_PARAM,
  type PageFrame,
  statusesOf,
} from './pages';
import type { CaseListFilter, CasePage, ConsoleCaseIndex, StaffTokenVerifier } from './ports';
import { changeRoster, ROSTER_PATH, rosterNotice, rosterPage } from './roster';
import { type BounceRegistry, type Clock, type StaffRepository, systemClock } from '../ports';
import type { Analyst } from '../domain/staff';
import { consoleHeaders } from './security';
import type { QuarantineDeps } from '../app/quarantine';
import { isQuarantinePath, serveQuarantine } from './quarantine';
import { REQUEUE_AFTER } from '../app/requeue-waiting';
import {
  CASE_FILE_KEY,
  CASE_FILE_SUFFIX,
  CASES_PATH,
  CONSOLE_PREFIX,
  caseFilePath,
  isConsolePath,
  pathSegment,
  SIGN_OUT_PATH,
} from './routes';
import { consoleCasePath, safeReturnPath } from '../domain/console-link';

/** A case or an action she may not see or take. */
const NO_ACCESS_PT = 'Você não tem acesso a este caso ou a esta ação.';
/** The roster page to an analyst: it is no case, and says whose it is (as the quarantine's does). */
const ROSTER_SUPERVISORS_ONLY_PT = 'Só a supervisão gerencia a equipe.';

export interface ConsoleRequest extends WebformRequest {
  rawQueryString?: string | undefined;
  /** API Gateway payload 2.0 moves cookies here. */
  cookies?: string[] | undefined;
}

export interface ConsoleLog {
  info(message: string, extra: Record<string, unknown>): void;
  warn(message: string, extra: Record<string, unknown>): void;
}

/** How people sign in: the local key set's page (local stack) or the Cognito hosted UI (AWS). */
export interface ConsoleSignIn {
  /**
   * Where a browser without a session goes, and the cookies to set on the way (PKCE); `returnTo`
   * (a console case path, see safeReturnPath) is where the sign-in ends, instead of the entry.
   */
  start(basePath: string, returnTo?: string): { location: string; cookies?: string[] };
  /** The sign-in's own routes; null for any other path. */
  serve(request: ConsoleRequest, path: string, basePath: string): Promise<WebformResponse | null>;
  /** Where signing out ends (Cognito's /logout, or the local sign-in page). */
  signedOut(basePath: string): string;
  /** Origins the console's forms may post or redirect to (the hosted UI's). */
  formOrigins?: string[];
}

export interface ConsoleDeps {
  verifier: StaffTokenVerifier;
  index: ConsoleCaseIndex;
  lifecycle: LifecycleDeps;
  signIn: ConsoleSignIn;
  /** The roster (supervisors' page `/equipe/pessoas`); absent: that page is 404. */
  roster?: StaffRepository;
  /**
   * The clock sign-out records sessions' end on (default: the system's). Tokens carry wall-clock
   * instants (the verifier checks `exp` on it), while the office clock (`lifecycle.clock`) may be
   * moved (OUVIDORIA_NOW, local stack): a sign-out recorded on a clock set days ahead would refuse
   * every new sign-in until then.
   */
  sessionClock?: Clock;
  /** Re-queues the cases waiting for an analyst (after add / return / activate on the roster page). */
  requeueWaiting?: () => Promise<unknown>;
  /** The quarantine queue (supervisors' page `/equipe/quarentena`); absent: those pages are 404. */
  quarantine?: QuarantineDeps;
  /** Rows per page of the case list (default 25). */
  pageSize?: number;
  /** Signs the links the file route redirects to (issue 19); without it, files are listed only. */
  attachmentLinks?: AttachmentLinks;
  /** The uploads' tags: a file is served only while it is still the case's (both needed for links). */
  uploadTags?: Pick<UploadStore, 'tags'>;
  /**
   * The bounce memory (SES feedback, delivery reports): the case page warns when the merchant's
   * address bounces our mail. Absent: no warning.
   */
  bounces?: Pick<BounceRegistry, 'isSuppressed'>;
}

export { CONSOLE_PREFIX, isConsolePath };

const CASE_PATH = new RegExp(`^\\/equipe\\/caso\\/([^/]+)(\\/acao|${CASE_FILE_SUFFIX})?$`);
const ACTION_ID = /^[0-9a-f-]{36}$/;

/** The page's notice after the same form was sent again with its text changed (`?repetido=<action>`). */
const REPEATED_WITH_CHANGES_PT =
  'Este formulário já tinha sido enviado, com outro texto: a primeira versão foi registrada e a alteração não foi enviada. ' +
  'Para enviar o texto novo, use o formulário abaixo.';

/** The form fields an analyst writes (the answer, the closing summary, the extension's reason). */
const WRITTEN_FIELDS = ['texto', 'resumo', 'motivo', 'aguardando'] as const;

/**
 * A console form's body: its longest text percent-encoded at the worst (4 UTF-8 bytes a character,
 * 3 characters a byte), plus room for the other fields. A body over it is refused as too long, never
 * as an expired form.
 */
const MAX_CONSOLE_FORM_BYTES = MAX_CONSOLE_TEXT_CHARS * 12 + 16 * 1024;

const TOO_LARGE_PT =
  `O texto enviado passa do limite de ${groupedPtBr(MAX_CONSOLE_TEXT_CHARS)} caracteres e nada foi registrado. ` +
  'Volte à página do caso: o navegador ainda tem o seu texto. Encurte-o ou divida-o em duas mensagens.';

/** The longest text of each written field, and what the form calls it (for the refusal). */
const FIELD_LIMITS: Record<
  (typeof WRITTEN_FIELDS)[number],
  { max: (action: ConsoleAction) => number; name: string; advice: string }
> = {
  texto: {
    max: (action) => (action === 'note' ? MAX_NOTE_CHARS : MAX_CONSOLE_TEXT_CHARS),
    name: 'O texto',
    advice: 'Encurte-o ou divida-o em duas mensagens.',
  },
  // One closing, one extension: a summary or a reason cannot be split in two.
  resumo: { max: () => MAX_REASON_CHARS, name: 'O resumo', advice: 'Encurte-o.' },
  motivo: { max: () => MAX_REASON_CHARS, name: 'O motivo', advice: 'Encurte-o.' },
  aguardando: { max: () => AWAITED_MAX_CHARS, name: 'O que se aguarda', advice: 'Encurte-o; detalhes vão numa nota.' },
};

/**
 * The first written field over its limit, as a pt-BR problem (nothing is cut without a word). A
 * line break counts once: browsers send a textarea's as CRLF, and the text kept and relayed has LF.
 */
function tooLongProblem(action: ConsoleAction, form: URLSearchParams): string | undefined {
  for (const field of WRITTEN_FIELDS) {
    const length = [...(form.get(field) ?? '').replace(/\r\n?/g, '\n').trim()].length;
    const { max, name, advice } = FIELD_LIMITS[field];
    if (length > max(action)) {
      return `${name} tem ${groupedPtBr(length)} caracteres; o limite é ${groupedPtBr(max(action))}. ${advice}`;
    }
  }
  return undefined;
}

/** What the analyst wrote in the form that was refused: the page shows that form filled in again. */
function draftOf(action: ConsoleAction, form: URLSearchParams): CaseDraft {
  const fields: Record<string, string> = {};
  for (const name of [...WRITTEN_FIELDS, 'dias', 'para', 'categoria', 'aguardar']) {
    const value = form.get(name);
    if (value !== null) fields[name] = value;
  }
  return { action, fields };
}

const comparable = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The same form (its one-time id) sent again after its text was changed — back, edit, send — finds
 * the first version applied: what it recorded (messages and history under that source) lacks the
 * text now written. A double click sends the same text and reads as done.
 */
function sentAgainWithChanges(c: WorkCase, source: string, form: URLSearchParams): boolean {
  const recorded = new Set<string>();
  for (const m of c.messages) if (m.sourceId === source && m.text) recorded.add(comparable(m.text));
  for (const e of c.history ?? []) {
    if (e.sourceId !== source) continue;
    for (const value of [
      ('text' in e && e.text) || '',
      ('summary' in e && e.summary) || '',
      ('reason' in e && e.reason) || '',
    ])
      if (value) recorded.add(comparable(value));
  }
  if (recorded.size === 0) return false;
  return WRITTEN_FIELDS.some((field) => {
    const written = comparable(form.get(field) ?? '');
    return written !== '' && !recorded.has(written);
  });
}

const DONE_PT: Record<string, string> = {
  answer: 'Resposta enviada ao lojista.',
  wait: 'Caso marcado como aguardando o lojista.',
  note: 'Nota interna registrada.',
  extend: 'Prazo prorrogado; o lojista foi avisado.',
  transfer: 'Caso transferido.',
  close: 'Caso encerrado; o lojista recebeu a resolução e a pesquisa de satisfação.',
};

/**
 * The page's notice after an action (`?feito=`): an answer that came minutes after a colleague's
 * says so, as the mail to her does (machine.ts overlapOfLatestAnswer: the one rule of the window).
 */
async function doneNotice(done: string, c: WorkCase, staffId: string, lifecycle: LifecycleDeps): Promise<string> {
  const said = DONE_PT[done] as string;
  const overlap = done === 'answer' ? overlapOfLatestAnswer(c, staffId) : undefined;
  if (!overlap) return said;
  const other = (await lifecycle.staff.byId(overlap.id))?.name ?? overlap.id;
  return `${said} ${answerOverlapNoticePt(other, overlap.at, lifecycle.config)}`;
}

export function consoleResponse(
  status: number,
  body: string,
  extra: Record<string, string> = {},
  cookies: string[] = [],
  formOrigins: string[] = [],
): WebformResponse {
  return {
    statusCode: status,
    headers: {
      ...consoleHeaders(formOrigins),
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      ...extra,
    },
    body,
    ...(cookies.length ? { cookies } : {}),
  };
}

export const redirect = (location: string, cookies: string[] = [], formOrigins: string[] = []) =>
  consoleResponse(303, '', { location }, cookies, formOrigins);

/** Where the entry sends a signed-in person: `?caso=<id>` (links in mail) to that case, else the list with its filters. */
function entryTarget(basePath: string, query: URLSearchParams): string {
  const casePath = consoleCasePath(query.get('caso') ?? '');
  if (casePath) return `${basePath}${casePath}`;
  query.delete('caso');
  const rest = query.toString();
  return `${basePath}${CASES_PATH}${rest ? `?${rest}` : ''}`;
}

/** The CSRF token of a session: HMAC of the session's token hash with the lifecycle secret. */
export function sessionCsrf(token: string, secret: LifecycleDeps['secret']): string {
  const { sessionId, key } = csrfInputs(token, secret);
  return csrfToken(sessionId, key);
}

/** The session id (hash of the token) and the HMAC key the CSRF token is made from. */
function csrfInputs(token: string, secret: LifecycleDeps['secret']): { sessionId: string; key: string } {
  return {
    sessionId: createHash('sha256').update(token).digest('base64url'),
    key: typeof secret === 'string' ? secret : Buffer.from(secret).toString('base64'),
  };
}

const CASE_PATH_PREFIX = `${CONSOLE_PREFIX}/caso/`;

/** The case a console path is about (its page, a file, an action), for the sign-in to come back to. */
function caseOfPath(path: string): string | null {
  if (!path.startsWith(CASE_PATH_PREFIX)) return null;
  const segment = path.slice(CASE_PATH_PREFIX.length).split('/')[0] ?? '';
  return safeReturnPath(`${CASE_PATH_PREFIX}${segment}`);
}

/**
 * The way back in from a refusal page: the console's entry (public), which starts the sign-in with
 * its PKCE cookie and returns to the case — a link straight to the hosted UI would carry a state no
 * cookie of this browser holds, and the callback would refuse it.
 */
function entryLink(basePath: string, path: string): string {
  const casePath = caseOfPath(path);
  const caseId = casePath ? pathSegment(casePath.slice(CASE_PATH_PREFIX.length)) : null;
  return `${basePath}${CONSOLE_PREFIX}${caseId ? `?caso=${encodeURIComponent(caseId)}` : ''}`;
}

/**
 * What a form posted after the session ended held, to show back — only from a post of our own
 * pages (a post from another site is never echoed on our origin: someone else's words on our page).
 */
function unsentOf(request: ConsoleRequest, webformOrigin: string): UnsentForm | null {
  if (request.method !== 'POST' || !originAllowed(request.headers, webformOrigin)) return null;
  const form = readFormBody(request, MAX_CONSOLE_FORM_BYTES);
  return form && form !== 'too-large' ? unsentForm(form) : null;
}

export async function serveConsole(
  request: ConsoleRequest,
  deps: ConsoleDeps,
  logger: ConsoleLog,
): Promise<WebformResponse | null> {
  const { path, basePath } = routeOf(request.rawPath, request.stage);
  if (!isConsolePath(path)) return null;
  const { lifecycle, signIn } = deps;
  const formOrigins = signIn.formOrigins ?? [];
  const timeZone = lifecycle.config.timeZone;
  const anonymous: PageFrame = { basePath, timeZone };
  const page = (status: number, body: string, cookies: string[] = []) =>
    consoleResponse(status, body, {}, cookies, formOrigins);

  const own = await signIn.serve(request, path, basePath);
  if (own) return own;

  const { method } = request;
  if (!['GET', 'HEAD', 'POST'].includes(method)) {
    return consoleResponse(405, errorPage(anonymous, 'Método não permitido', 'Método não permitido.'), {
      allow: 'GET, HEAD, POST',
    });
  }

  // ---- who is asking ------------------------------------------------------------------------
  // A session ended in this browser (SIGNED_OUT_MARKER) is no session.
  const cookie = readCookie(request.cookies ?? header(request.headers, 'cookie'), SESSION_COOKIE);
  const token = cookie === SIGNED_OUT_MARKER ? undefined : cookie;
  // The entry (a public route, no authorizer) serves no data: the list, a case, or the sign-in.
  if (path === CONSOLE_PREFIX) {
    if (method === 'POST')
      return consoleResponse(405, errorPage(anonymous, 'Método não permitido', 'Método não permitido.'), {
        allow: 'GET, HEAD',
      });
    const query = new URLSearchParams(request.rawQueryString ?? '');
    if (!token || !(await deps.verifier.verify(token)).ok) {
      const start = signIn.start(basePath, consoleCasePath(query.get('caso') ?? '') ?? undefined);
      return redirect(start.location, start.cookies ?? [], formOrigins);
    }
    return redirect(entryTarget(basePath, query), [], formOrigins);
  }
  const sessionOver = (message: string, cookies: string[] = []) =>
    page(
      401,
      sessionOverPage(anonymous, message, entryLink(basePath, path), unsentOf(request, lifecycle.config.webformOrigin)),
      cookies,
    );
  if (!token) {
    if (method === 'POST') return sessionOver('Sua sessão terminou. Entre de novo para continuar.');
    const start = signIn.start(basePath, caseOfPath(path) ?? undefined);
    return redirect(start.location, start.cookies ?? [], formOrigins);
  }
  const verified = await deps.verifier.verify(token);
  if (!verified.ok) {
    logger.warn('Console token refused', { reason: verified.reason });
    // Expired (a tab left open overnight, a bookmark): straight to the sign-in and back to this case.
    if (verified.reason === 'expired' && method !== 'POST') {
      const start = signIn.start(basePath, caseOfPath(path) ?? undefined);
      return redirect(start.location, [endedSessionCookie(), ...(start.cookies ?? [])], formOrigins);
    }
    if (verified.reason === 'expired') return sessionOver('Sua sessão expirou. Entre de novo.', [endedSessionCookie()]);
    return page(
      401,
      errorPage(anonymous, 'Sessão inválida', 'Sessão inválida. Entre de novo.', entryLink(basePath, path)),
      [endedSessionCookie()],
    );
  }
  const claimed = userFromClaims(verified.claims);
  const member = claimed ? await lifecycle.staff.byId(claimed.staffId) : null;
  if (!claimed || !member?.active) {
    logger.warn('Console user without access', { hasRole: claimed !== null });
    return page(403, errorPage(anonymous, 'Sem acesso', 'Sua conta não tem acesso ao console da Ouvidoria.'));
  }
  // Signed out (here, elsewhere, or by a supervisor): a token issued until then opens nothing.
  if (sessionEnded(verified.claims, member.sessionsEndedAt)) {
    logger.warn('Console token refused', { reason: 'signed-out' });
    return sessionOver('Sua sessão foi encerrada. Entre de novo.', [endedSessionCookie()]);
  }
  const user = withRosterRole(claimed, member.role);
  const session = csrfInputs(token, lifecycle.secret);
  const csrf = csrfToken(session.sessionId, session.key);
  const frame: PageFrame = { basePath, timeZone, user, userName: member.name, csrf };
  const forbidden = (why = NO_ACCESS_PT) => page(403, errorPage(frame, 'Sem acesso', why));

  if (method === 'POST') {
    if (!originAllowed(request.headers, lifecycle.config.webformOrigin)) return forbidden();
    const form = readFormBody(request, MAX_CONSOLE_FORM_BYTES);
    if (form === 'too-large') {
      logger.warn('Console POST too large', { path, bytes: Buffer.byteLength(request.body ?? '') });
      return page(413, errorPage(frame, 'Texto longo demais', TOO_LARGE_PT));
    }
    if (!form || !csrfValid(form.get(CSRF_FIELD), session.sessionId, session.key)) {
      logger.warn('Console POST without a valid CSRF token', { path });
      return page(
        403,
        errorPage(
          frame,
          'Envio recusado',
          'O formulário expirou ou não veio desta página. Recarregue e tente de novo.',
        ),
      );
    }
    if (path === SIGN_OUT_PATH) {
      // Ends the session on the server too: the roster entry refuses every token issued until now.
      const now = (deps.sessionClock ?? systemClock).now();
      await deps.roster?.endSessions(user.staffId, sessionsEndAt(now, verified.claims));
      logger.info('Console sign-out', { ended: deps.roster !== undefined });
      return redirect(signIn.signedOut(basePath), [endedSessionCookie()], formOrigins);
    }
    if (path === ROSTER_PATH && deps.roster) {
      if (!mayAct(user, 'roster')) return forbidden(ROSTER_SUPERVISORS_ONLY_PT);
      const result = await changeRoster(form, deps.roster, (deps.sessionClock ?? systemClock).now(), lifecycle.config);
      if (result.ok && REQUEUE_AFTER.has(result.op)) await deps.requeueWaiting?.();
      logger.info('Console roster change', { op: result.op, ok: result.ok });
      // Done: back to the page (a reload does not send the form again), which says what was done.
      if (result.ok) {
        const query = new URLSearchParams({ feito: result.op, pessoa: result.id });
        return redirect(`${basePath}${ROSTER_PATH}?${query.toString()}`, [], formOrigins);
      }
      const today = localDate(lifecycle.clock.now(), timeZone);
      return page(400, rosterPage(frame, await deps.roster.list(), today, result));
    }
    if (isQuarantinePath(path) && deps.quarantine) {
      return quarantine('POST', path, new URLSearchParams(), form, user, frame, deps, logger);
    }
    const match = CASE_PATH.exec(path);
    const caseId = pathSegment(match?.[1] ?? '');
    if (match?.[2] !== '/acao' || caseId === null)
      return page(404, errorPage(frame, 'Página não encontrada', 'Endereço desconhecido.'));
    return act(caseId, form, user, frame, deps, logger);
  }

  // ---- pages --------------------------------------------------------------------------------
  const query = new URLSearchParams(request.rawQueryString ?? '');
  if (path === CASES_PATH) return list(query, user, frame, deps);
  if (path === ROSTER_PATH && deps.roster) {
    if (!mayAct(user, 'roster')) return forbidden(ROSTER_SUPERVISORS_ONLY_PT);
    const roster = await deps.roster.list();
    const changed = roster.find((m) => m.id === query.get('pessoa'));
    const notice = rosterNotice(query.get('feito') ?? '', changed, { roster, binding: lifecycle.config.lifecycle });
    const today = localDate(lifecycle.clock.now(), timeZone);
    return page(200, rosterPage(frame, roster, today, notice ? { ok: true, ...notice } : undefined));
  }
  if (isQuarantinePath(path) && deps.quarantine) {
    return quarantine('GET', path, query, null, user, frame, deps, logger);
  }
  const match = CASE_PATH.exec(path);
  const caseId = pathSegment(match?.[1] ?? '');
  if (!match || match[2] === '/acao' || caseId === null)
    return page(404, errorPage(frame, 'Página não encontrada', 'Endereço desconhecido.'));
  const before = Number(query.get(MESSAGES_BEFORE_PARAM) ?? Number.NaN);
  const messagesBefore = Number.isInteger(before) ? before : undefined;
  // The texts the page shows, none for a file's link: a case of hundreds of long texts reads 50.
  const shown = match[2] === CASE_FILE_SUFFIX ? NO_TEXTS : casePageTexts(messagesBefore);
  const c = await lifecycle.cases.get(caseId, shown);
  if (!c) return page(404, errorPage(frame, 'Caso não encontrado', 'Não há caso com esse endereço.'));
  if (!canViewCase(user, c)) return forbidden();
  const files = deps.attachmentLinks && deps.uploadTags ? linkableAttachments(c.messages) : [];
  if (match[2] === CASE_FILE_SUFFIX) {
    // Only a clean file of this very case: never a link signed for a key taken from the address.
    const file = files.find((f) => f.key === query.get(CASE_FILE_KEY));
    if (!file || !deps.attachmentLinks || !deps.uploadTags)
      return page(404, errorPage(frame, 'Arquivo não encontrado', 'Este caso não tem esse arquivo para baixar.'));
    const link = await signedDownload(file, c.caseId, deps.attachmentLinks, deps.uploadTags);
    if (link === 'replaced') {
      logger.warn('Console file no longer the case’s (replaced after the submission)', {});
      return page(
        410,
        errorPage(
          frame,
          'Arquivo substituído',
          'O arquivo guardado mudou depois do envio e não é mais o que o caso registrou: ele não é oferecido para baixar.',
        ),
      );
    }
    if (!link) {
      logger.warn('Console file link not signed', {});
      return page(503, errorPage(frame, 'Arquivo indisponível', 'Não foi possível gerar o link agora. Tente de novo.'));
    }
    logger.info('Console file download', {});
    return redirect(link, [], formOrigins);
  }
  const done = query.get('feito');
  const repeated = query.get('repetido') !== null;
  const refused = refusalOf(c, query.get('recusado'));
  return page(
    200,
    casePage(
      frame,
      {
        ...(await caseView(c, user, lifecycle, deps.roster, deps.bounces)),
        ...(messagesBefore !== undefined ? { messagesBefore } : {}),
        ...(files.length ? { attachmentLinks: fileLinks(basePath, c.caseId, files) } : {}),
        ...(done && Object.hasOwn(DONE_PT, done) ? { notice: await doneNotice(done, c, user.staffId, lifecycle) } : {}),
        ...(repeated ? { notice: REPEATED_WITH_CHANGES_PT } : {}),
        ...(refused ? { problem: refused } : {}),
      },
      lifecycle.clock.now(),
    ),
  );
}

/** The case page's file links: to the console's file route (session checked on each click), never signed ones. */
function fileLinks(basePath: string, caseId: string, files: ReturnType<typeof linkableAttachments>): AttachmentLinkMap {
  const out: Record<string, string> = {};
  for (const f of files) {
    const path = caseFilePath(caseId, f.key);
    if (path) out[f.key] = `${basePath}${path}`;
  }
  return out;
}

/** Sources of console actions: `console:<the form's one-time id>` (the idempotency key). */
const consoleSource = (id: string) => `console:${id}`;

/**
 * The texts an action reads: those its mails send (EFFECT_TEXTS, the command's own text travels in
 * its effects) and the form's earlier message, which a resend is compared with — not the page's
 * window: a case of hundreds of long texts costs the action what it sends.
 */
function actionTexts(source: string): TextsShown {
  return (c) => {
    const shown = new Set(EFFECT_TEXTS(c));
    c.messages.forEach((m, i) => {
      if (m.sourceId === source) shown.add(i);
    });
    return shown;
  };
}

/** The case as its page shows it (an action's answer that is the page itself, which is rare). */
async function withPageTexts(c: WorkCase, lifecycle: LifecycleDeps): Promise<WorkCase> {
  return (await lifecycle.cases.get(c.caseId, casePageTexts(undefined))) ?? c;
}

/**
 * The page's explanation of a refused console action (`?recusado=<the form's id>`): the pt-BR
 * reasons recorded on the case's history for that action (the ones a mail refusal lists); nothing
 * for an id the history does not hold (no text of the query string reaches the page).
 */
function refusalOf(c: WorkCase, id: string | null): string | undefined {
  if (!id || !ACTION_ID.test(id)) return undefined;
  const event = (c.history ?? []).find((e) => e.type === 'refused' && e.sourceId === consoleSource(id));
  if (event?.type !== 'refused') return undefined;
  return `A ação foi recusada: ${refusalReasonsPt(event).join(' ')} Nada foi enviado ao lojista e o caso não mudou.`;
}

/** The quarantine pages: supervisors only (release and discard are supervisor actions). */
async function quarantine(
  method: 'GET' | 'POST',
  path: string,
  query: URLSearchParams,
  form: URLSearchParams | null,
  user: ConsoleUser,
  frame: PageFrame,
  deps: ConsoleDeps,
  logger: ConsoleLog,
): Promise<WebformResponse> {
  const formOrigins = deps.signIn.formOrigins ?? [];
  if (!mayAct(user, 'quarantine-release') || !mayAct(user, 'quarantine-discard') || !deps.quarantine) {
    logger.warn('Console quarantine refused', { role: user.role });
    return consoleResponse(
      403,
      errorPage(frame, 'Sem acesso', 'Só a supervisão revisa a quarentena.'),
      {},
      [],
      formOrigins,
    );
  }
  const routed = await serveQuarantine(method, path, query, form, user, frame, deps.quarantine);
  if (method === 'POST') logger.info('Console quarantine action', { action: form?.get('acao'), status: routed.status });
  if (routed.location) return redirect(routed.location, [], formOrigins);
  const body = routed.body ?? errorPage(frame, 'Não encontrado', 'Esta mensagem não está na quarentena.');
  return consoleResponse(routed.status, body, {}, [], formOrigins);
}

const CASE_ACTIONS: ConsoleAction[] = ['answer', 'note', 'wait', 'extend', 'transfer', 'close'];

async function caseView(
  c: WorkCase,
  user: ConsoleUser,
  lifecycle: LifecycleDeps,
  roster?: StaffRepository,
  bounces?: Pick<BounceRegistry, 'isSuppressed'>,
): Promise<CaseView> {
  const workable = c.status !== 'CLOSED' && c.assignee !== undefined;
  // A note is allowed in every state of an accepted case, closed included (the machine's addNote,
  // as `#nota` by mail): the audit trail goes on after closing.
  const offered: ConsoleAction[] = workable ? CASE_ACTIONS : c.outcome === 'ACCEPTED' ? ['note'] : [];
  const actions = new Set(offered.filter((a) => mayAct(user, a, c)));
  const today = localDate(lifecycle.clock.now(), lifecycle.config.timeZone);
  // The roster unreadable: the form asks for the id, as without a roster.
  const members = actions.has('transfer') && roster ? await roster.list().catch(() => null) : null;
  const team = members ? transferTargets(members, c, today) : undefined;
  const citedBy = await citingRecords(c, user, lifecycle);
  const promised = promisedDueAt(c, lifecycle.config, calendarOf(lifecycle));
  const assignsAt = queuedAssignmentAt(c, lifecycle.clock.now(), calendarOf(lifecycle));
  // Unreadable, the memory warns of nothing: the page is served without it.
  const bouncing = bounces
    ? await bounces.isSuppressed(c.senderEmail, lifecycle.clock.now()).catch(() => false)
    : false;
  return {
    c,
    ...(bouncing ? { merchantBouncing: true as const } : {}),
    ...(promised ? { promisedDueAt: promised } : {}),
    ...(assignsAt ? { assignsAt } : {}),
    survey: c.protocol ? await lifecycle.surveys.get(c.protocol) : null,
    actions,
    maxExtensionBusinessDays: lifecycle.config.lifecycle.maxExtensionBusinessDays,
    // The roster read for the transfer form names the case's staff too: no look-up per person.
    staffNames: members
      ? new Map(members.map((m) => [m.id, m.name]))
      : await staffNames(lifecycle.staff, staffIdsOf(c)),
    ...(team ? { team } : {}),
    ...(citedBy.length > 0 ? { citedBy } : {}),
  };
}

/** The records that cited the case (CaseRecord.citedBy) still held and open to this user, oldest first. */
async function citingRecords(c: WorkCase, user: ConsoleUser, lifecycle: LifecycleDeps): Promise<CitingRecord[]> {
  // Listed by protocol, address and subject: none of their texts is read.
  const found = await Promise.all((c.citedBy ?? []).map((id) => lifecycle.cases.get(id, NO_TEXTS)));
  return found
    .filter((r): r is WorkCase => r !== null && canViewCase(user, r))
    .map((r) => ({
      caseId: r.caseId,
      ...(r.protocol ? { protocol: r.protocol } : {}),
      senderEmail: r.senderEmail,
      subject: r.subject,
      createdAt: r.createdAt,
    }));
}

/** Active roster members a case may be transferred to (its own analyst aside), by name. */
function transferTargets(members: readonly Analyst[], c: WorkCase, today: string): { id: string; name: string }[] {
  // Those the transfer would accept: active, not on leave today (the machine refuses the others).
  return members
    .filter((m) => m.active && !isOnLeave(m, today) && m.id !== c.assignee)
    .map((m) => ({ id: m.id, name: m.name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'pt-BR'));
}

async function list(query: URLSearchParams, user: ConsoleUser, frame: PageFrame, deps: ConsoleDeps) {
  const { lifecycle } = deps;
  const formOrigins = deps.signIn.formOrigins ?? [];
  // As typed or pasted: the characters a reader cannot see go (normalizeLine), the protocol as
  // /consulta reads it (readTypedProtocol: "ouv 2026 123" too).
  const q = normalizeLine(query.get('busca') ?? '');
  const typedProtocol = readTypedProtocol(q);
  // A search from the first view (no situation chosen) looks at everything the sender sent; a
  // situation chosen in the form narrows it.
  const outcome = OUTCOMES.find((o) => o === query.get('resultado'));
  const chosen = listViewOf(query.get('status') ?? (q ? ALL_VIEW : null));
  // A submission the triage did not accept (guided, held) is never open: the open view filtered by
  // such an outcome could only be empty, so it lists every status (and the form says "Todos").
  const view = chosen === OPEN_VIEW && outcome && outcome !== 'ACCEPTED' ? ALL_VIEW : chosen;
  // An analyst's views leave out what only supervisors see (held mail): canViewCase's rule.
  const statuses = visibleStatuses(user, statusesOf(view));
  const analyst = user.role === 'supervisor' ? (query.get('analista') ?? '').trim().toLowerCase() : '';
  const overdue = query.get('atrasados') === '1';
  const cursor = query.get('pagina') ?? undefined;
  const now = lifecycle.clock.now();
  const listQuery: ListQuery = {
    status: view,
    ...(analyst ? { analyst } : {}),
    ...(outcome ? { outcome } : {}),
    ...(overdue ? { overdue } : {}),
    ...(q ? { q } : {}),
  };
  const filter: CaseListFilter = {
    ...(user.role === 'analyst' ? { assigneeOrNone: user.staffId } : analyst ? { assignee: analyst } : {}),
    ...(outcome ? { outcome: outcome as Outcome } : {}),
    ...(overdue
      ? {
          dueBefore: now.toISOString(),
          promisedBefore: promisedBefore(now, lifecycle.config, calendarOf(lifecycle)).toISOString(),
        }
      : {}),
  };
  const paging = { limit: deps.pageSize ?? 25, ...(cursor ? { cursor } : {}) };
  let result: CasePage = { items: [] };
  let notice: string | undefined;
  if (typedProtocol) {
    // Its state only: the search redirects to the case page, which reads the case whole.
    const c = await lifecycle.cases.getStateByProtocol(typedProtocol);
    if (c && canViewCase(user, c))
      return redirect(`${frame.basePath}/equipe/caso/${encodeURIComponent(c.caseId)}`, [], formOrigins);
    notice = 'Nenhum caso visível para você com esse protocolo.';
  } else if (q.includes('@')) {
    // The search keeps every filter, the status view included ("Todos" lists every status).
    const statusFilter = statuses.length === LIST_STATUSES.length ? {} : { statuses };
    if (statuses.length > 0) result = await deps.index.bySender(q, { ...filter, ...statusFilter }, paging);
  } else if (q) {
    notice = 'Busque por um protocolo (OUV-AAAA-NNNNNN) ou pelo e-mail do lojista.';
  } else if (statuses.length > 0) {
    result =
      statuses.length === 1
        ? await deps.index.byStatus(statuses[0] as CaseStatus, filter, paging)
        : await deps.index.byStatuses(statuses, filter, paging);
  }
  const roster = user.role === 'supervisor' && deps.roster ? await deps.roster.list().catch(() => null) : null;
  // The roster a supervisor's filter reads names the list's analysts too: no look-up per analyst.
  const names = roster
    ? new Map(roster.map((m) => [m.id, m.name]))
    : await staffNames(lifecycle.staff, new Set(result.items.flatMap((c) => (c.assignee ? [c.assignee] : []))));
  const team = roster?.map((m) => ({ id: m.id, name: m.name })).sort((a, b) => a.name.localeCompare(b.name, 'pt-BR'));
  const today = localDate(now, lifecycle.config.timeZone);
  const away = new Map(roster?.flatMap((m) => (m.leave && isOnLeave(m, today) ? [[m.id, m.leave.to] as const] : [])));
  const done = await transferredNotice(query.get('transferido'), user, lifecycle);
  const calendar = calendarOf(lifecycle);
  // The queued ones show the date their acknowledgement promised (as their own pages do).
  const promised = new Map(
    result.items.flatMap((c) => {
      const at = promisedDueAt(c, lifecycle.config, calendar);
      return at ? [[c.caseId, at] as const] : [];
    }),
  );
  // The queued ones waiting for office hours say when they will be assigned.
  const assignsAt = new Map(
    result.items.flatMap((c) => {
      const at = queuedAssignmentAt(c, now, calendar);
      return at ? [[c.caseId, at] as const] : [];
    }),
  );
  const extras = {
    ...(notice ? { notice } : {}),
    ...(done ? { done } : {}),
    staffNames: names,
    ...(team ? { team } : {}),
    ...(promised.size > 0 ? { promisedDueAt: promised } : {}),
    ...(assignsAt.size > 0 ? { assignsAt } : {}),
    ...(away.size > 0 ? { away } : {}),
  };
  return consoleResponse(200, casesPage(frame, listQuery, result, now, extras), {}, [], formOrigins);
}

/** The office's calendar the lifecycle shares, or one built from its configuration. */
function calendarOf(lifecycle: Pick<LifecycleDeps, 'calendar' | 'config'>) {
  return lifecycle.calendar ?? officeCalendar(lifecycle.config, 'office');
}

function problemRedirect(frame: PageFrame, caseId: string, param: string, value: string) {
  return redirect(`${frame.basePath}/equipe/caso/${encodeURIComponent(caseId)}?${param}=${encodeURIComponent(value)}`);
}

/** The form of one action → the commands the mail would carry, or a pt-BR problem. */
export function commandsOf(
  action: ConsoleAction,
  form: URLSearchParams,
  maxExtensionBusinessDays: number,
): { parsed: ParsedStaffMail; body: string } | { problem: string } {
  const text = (form.get('texto') ?? '').replace(/\r\n?/g, '\n').trim();
  const ok = (commands: StaffCommand[], body: string) => ({ parsed: { ok: true as const, commands, body }, body });
  const tooLong = tooLongProblem(action, form);
  if (tooLong) return { problem: tooLong };
  switch (action) {
    case 'answer':
      if (!text) return { problem: 'Escreva a resposta antes de enviar.' };
      return ok(form.get('aguardar') === '1' ? [{ kind: 'wait', line: '#aguardar' }] : [], text);
    case 'note':
      if (!text) return { problem: 'Escreva a nota antes de registrar.' };
      return ok([{ kind: 'note', text: '', line: '#nota' }], text);
    case 'wait': {
      // What the case waits for, for the history only (never sent): one line as a reader sees it.
      const awaiting = normalizeLine(form.get('aguardando') ?? '');
      return ok([{ kind: 'wait', ...(awaiting ? { awaiting } : {}), line: '#aguardar' }], '');
    }
    case 'extend': {
      const days = Number(form.get('dias'));
      const reason = (form.get('motivo') ?? '').trim();
      if (!Number.isInteger(days) || days < 1 || days > maxExtensionBusinessDays) {
        return { problem: extensionDaysProblem(maxExtensionBusinessDays) };
      }
      if (!reason) return { problem: 'Informe o motivo da prorrogação.' };
      return ok([{ kind: 'extend', businessDays: days, reason, line: `#prorrogar ${days} ${reason}` }], '');
    }
    case 'transfer': {
      const to = (form.get('para') ?? '').trim().toLowerCase();
      if (!/^[a-z0-9][a-z0-9._-]{0,39}$/.test(to)) return { problem: 'Informe o id de quem recebe o caso.' };
      return ok([{ kind: 'transfer', to, line: `#transferir ${to}` }], text);
    }
    case 'close': {
      const category = CLOSE_CATEGORIES.find((k) => k === form.get('categoria')) as CloseCategory | undefined;
      const summary = (form.get('resumo') ?? '').trim();
      if (!category) return { problem: 'Escolha o resultado do encerramento.' };
      if (!summary) return { problem: 'Escreva um resumo do encerramento.' };
      return ok([{ kind: 'close', category, summary, line: `#encerrar ${category} ${summary}` }], text);
    }
    default:
      return { problem: 'Ação desconhecida.' };
  }
}

async function act(
  caseId: string,
  form: URLSearchParams,
  user: ConsoleUser,
  frame: PageFrame,
  deps: ConsoleDeps,
  logger: ConsoleLog,
): Promise<WebformResponse> {
  const { lifecycle } = deps;
  const formOrigins = deps.signIn.formOrigins ?? [];
  const action = CASE_ACTIONS.find((a) => a === form.get('acao'));
  const id = form.get('id') ?? '';
  const c = await lifecycle.cases.get(caseId, actionTexts(consoleSource(id)));
  if (!c)
    return consoleResponse(
      404,
      errorPage(frame, 'Caso não encontrado', 'Não há caso com esse endereço.'),
      {},
      [],
      formOrigins,
    );
  // Who may see the case comes first: the incomplete form's answer is the case page itself.
  if (!canViewCase(user, c)) {
    logger.warn('Console action refused', { action: action ?? 'unknown', role: user.role });
    return consoleResponse(
      403,
      errorPage(frame, 'Sem acesso', 'Você não pode fazer esta ação neste caso.'),
      {},
      [],
      formOrigins,
    );
  }
  if (!action || !ACTION_ID.test(id)) {
    const view = {
      ...(await caseView(await withPageTexts(c, lifecycle), user, lifecycle, deps.roster, deps.bounces)),
      problem: 'O formulário veio incompleto. Recarregue a página e tente de novo.',
    };
    return consoleResponse(400, casePage(frame, view, lifecycle.clock.now()), {}, [], formOrigins);
  }
  if (!mayAct(user, action, c)) {
    logger.warn('Console action refused', { action, role: user.role });
    return consoleResponse(
      403,
      errorPage(frame, 'Sem acesso', 'Você não pode fazer esta ação neste caso.'),
      {},
      [],
      formOrigins,
    );
  }
  const commands = commandsOf(action, form, lifecycle.config.lifecycle.maxExtensionBusinessDays);
  if ('problem' in commands) {
    const view = {
      ...(await caseView(await withPageTexts(c, lifecycle), user, lifecycle, deps.roster, deps.bounces)),
      problem: commands.problem,
      draft: draftOf(action, form),
    };
    return consoleResponse(400, casePage(frame, view, lifecycle.clock.now()), {}, [], formOrigins);
  }
  const now = lifecycle.clock.now().toISOString();
  const result = await applyStaffCommand(
    caseId,
    { kind: 'staff', id: user.staffId, role: user.role },
    commands.parsed,
    commands.body,
    resolveDeps(lifecycle),
    {
      sourceId: consoleSource(id),
      origin: 'console',
      channel: 'webform',
      receivedAt: now,
      subject: c.protocol ? `[${c.protocol}] Resposta da Ouvidoria` : 'Resposta da Ouvidoria',
    },
    c,
  );
  logger.info('Console action', { action, result: result.kind, role: user.role });
  // A refusal is on the history with its pt-BR reasons; the page reads them there (a reload, or the
  // same form sent twice, shows them again).
  const refusedBefore =
    result.kind === 'duplicate' &&
    (c.history ?? []).some((e) => e.type === 'refused' && e.sourceId === consoleSource(id));
  if (result.kind === 'refused' || refusedBefore) return problemRedirect(frame, caseId, 'recusado', id);
  if (result.kind === 'duplicate' && sentAgainWithChanges(c, consoleSource(id), form)) {
    return problemRedirect(frame, caseId, 'repetido', action);
  }
  if (result.kind === 'not-found') {
    return consoleResponse(
      404,
      errorPage(frame, 'Caso não encontrado', 'Não há caso com esse endereço.'),
      {},
      [],
      formOrigins,
    );
  }
  // A transfer to someone else takes the case out of an analyst's sight (canViewCase): her
  // confirmation is on the list, not on a page she may no longer open.
  const moved = commands.parsed.ok ? commands.parsed.commands.find((k) => k.kind === 'transfer') : undefined;
  if (result.kind === 'applied' && moved?.kind === 'transfer' && !canViewCase(user, { ...c, assignee: moved.to })) {
    return redirect(`${frame.basePath}${CASES_PATH}?transferido=${encodeURIComponent(caseId)}`, [], formOrigins);
  }
  return problemRedirect(frame, caseId, 'feito', action);
}

/**
 * The list's confirmation of a transfer (`?transferido=<caseId>`, act): only for a case whose last
 * transfer is the user's own, to whom it is still with — the link tells no one of another's case.
 */
async function transferredNotice(
  caseId: string | null,
  user: ConsoleUser,
  lifecycle: LifecycleDeps,
): Promise<string | undefined> {
  if (!caseId) return undefined;
  const c = await lifecycle.cases.get(caseId, NO_TEXTS);
  const last = c?.history?.findLast((e) => e.type === 'transferred');
  if (!c || last?.type !== 'transferred' || last.actor.kind !== 'staff' || last.actor.id !== user.staffId)
    return undefined;
  if (c.assignee !== last.to) return undefined;
  const name = (await lifecycle.staff.byId(last.to))?.name ?? last.to;
  return `Caso ${c.protocol ?? 'sem protocolo'} transferido para ${name}.`;
}

/** YYYY-MM-DD in the office time zone. */
export function localDate(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
