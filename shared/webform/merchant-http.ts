/**
 * HTTP face of the merchant's signed-link pages, served by the webform function next to the form:
 * - GET|HEAD /pesquisa?p&n&x&sig: the survey page with the score chosen (records nothing: mail
 *   scanners open links); POST /pesquisa: the confirmation, recorded by `recordSurvey`.
 * - GET|HEAD /consulta: the status form; POST /consulta: the link is mailed if protocol and address
 *   match (same answer either way, rate-limited per IP).
 * - GET|HEAD /consulta/caso?p&x&k&sig: the link's page (records nothing; a link already opened is
 *   answered 410 at once); POST /consulta/caso: the one-time opening, then the case as the merchant
 *   may see it.
 * POSTs are form-urlencoded; the signed link is the capability, and the request must be same-origin
 * when the browser says (`originAllowed`).
 * `serveMerchantPages` answers `null` for any other path (the form's router takes it).
 */
import {
  expiredSurveyLanguage,
  MAX_SURVEY_COMMENT_CHARS,
  recordSurvey,
  type SurveyResult,
  surveyCase,
} from '../app/lifecycle/survey';
import type { LifecycleDeps } from '../app/lifecycle/commit';
import type { OuvidoriaConfig } from '../domain/config';
import type { MessageLanguage } from '../domain/text';
import {
  checkStatusLink,
  openStatusLink,
  requestStatusLink,
  type StatusLinkDeps,
  type StatusRequestResult,
} from '../app/status-link';
import {
  LINK_ERROR_MESSAGES_PT,
  type LinkError,
  STATUS_PATH,
  STATUS_REQUEST_PATH,
  SURVEY_BY_REPLY_PT,
  SURVEY_PATH,
  verifySurveyLink,
} from '../domain/lifecycle/survey';
import {
  ORIGIN_REFUSED_PT,
  originAllowed,
  respond,
  routeOf,
  type WebformRequest,
  type WebformResponse,
} from './site-http';
import { formBody } from './site-http';
import { type MerchantView, renderMerchantPage } from './merchant-pages';
import type { PageContext } from './page';
import { connectionOverLimit } from './submit';

/** The two log levels these pages use (Powertools' Logger fits; no AWS import here). */
export interface PageLog {
  info(message: string, extra: Record<string, unknown>): void;
  warn(message: string, extra: Record<string, unknown>): void;
}

export interface MerchantRequest extends WebformRequest {
  /** The query string as API Gateway passes it (`rawQueryString`), without the `?`. */
  rawQueryString?: string | undefined;
}

export interface MerchantPagesDeps extends StatusLinkDeps {
  surveys: LifecycleDeps['surveys'];
  telemetry?: LifecycleDeps['telemetry'];
  /**
   * The case lifecycle, built on the first survey answer: the answer goes on the case's history and a
   * low score to its analyst (survey.ts surveyAnswerOnCase), as a mailed score does.
   */
  lifecycle: () => Promise<LifecycleDeps>;
  /**
   * Every `/consulta` POST takes at least this long (ms), so a match (which also sends a mail)
   * and a miss answer in about the same time. Default 800; tests pass 0.
   */
  minStatusRequestMs?: number;
}

export const MERCHANT_ROUTES: Record<string, string[]> = {
  [SURVEY_PATH]: ['GET', 'HEAD', 'POST'],
  [STATUS_REQUEST_PATH]: ['GET', 'HEAD', 'POST'],
  [STATUS_PATH]: ['GET', 'HEAD', 'POST'],
};

/** A status link already opened: said on its GET as on its POST (HTTP 410), with the way to a new one. */
const USED_LINK_VIEW: MerchantView = {
  kind: 'link-problem',
  title: 'Link já utilizado',
  message: 'Este link de acompanhamento já foi aberto e não vale mais. Peça um novo link: ele chega ao e-mail do caso.',
  offerStatusForm: true,
};

/** A status link whose case is no longer held (erased): said on its GET as on its POST (HTTP 404). */
const GONE_VIEW: MerchantView = {
  kind: 'link-problem',
  title: 'Caso não disponível',
  message: 'Este caso não está mais disponível para consulta.',
};

function linkProblem(error: LinkError): { status: number; view: MerchantView } {
  const title = error === 'expired' ? 'Link expirado' : 'Link inválido';
  return {
    status: error === 'expired' ? 410 : 400,
    // A way on from every dead end: the status form sends a fresh link to the case's address.
    view: { kind: 'link-problem', title, message: LINK_ERROR_MESSAGES_PT[error], offerStatusForm: true },
  };
}

/**
 * A survey link that does not verify: as any link, but an expired one says the survey closed, in
 * its case's language (page-words.ts survey.expired).
 */
function surveyLinkProblem(
  error: LinkError,
  config: OuvidoriaConfig,
  language?: MessageLanguage,
): { status: number; view: MerchantView } {
  const problem = linkProblem(error);
  if (error !== 'expired') {
    // A status link would not let her answer the survey: her reply to the closing mail does.
    const { title } = problem.view as Extract<MerchantView, { kind: 'link-problem' }>;
    return {
      status: problem.status,
      view: { kind: 'link-problem', title, message: `${LINK_ERROR_MESSAGES_PT[error]} ${SURVEY_BY_REPLY_PT}` },
    };
  }
  return {
    status: problem.status,
    view: { kind: 'survey-expired', days: config.lifecycle.surveyLinkDays, language: language ?? 'pt-BR' },
  };
}

function only(params: URLSearchParams, names: string[]): URLSearchParams {
  const out = new URLSearchParams();
  for (const name of names) out.set(name, params.get(name) ?? '');
  return out;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A `/consulta` mail still being sent this long before the answer's floor is given up. */
const SEND_GIVE_UP_MARGIN_MS = 50;

/** What a `/consulta` given up at the floor answers: as a miss, logged as a link not sent. */
const GAVE_UP: StatusRequestResult = { kind: 'requested', sent: false, failed: true };

/**
 * The work's result, or `fallback` once the signal aborts; the work is left to end on its own (it
 * sees the same signal: requestStatusLink sends nothing after it).
 */
function unlessAborted<T>(work: Promise<T>, signal: AbortSignal | undefined, fallback: T): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => resolve(fallback);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export async function serveMerchantPages(
  request: MerchantRequest,
  deps: MerchantPagesDeps,
  logger: PageLog,
): Promise<WebformResponse | null> {
  const { path, basePath } = routeOf(request.rawPath, request.stage);
  const allowed = MERCHANT_ROUTES[path];
  if (!allowed) return null;
  const ctx: PageContext = { config: deps.config, basePath };
  const page = (status: number, view: MerchantView, extra: Record<string, string> = {}) =>
    respond(status, renderMerchantPage(view, ctx), 'html', extra);
  const { method } = request;

  if (method === 'OPTIONS') return respond(204, '', 'html', { allow: [...allowed, 'OPTIONS'].join(', ') });
  if (!allowed.includes(method)) {
    const view: MerchantView = {
      kind: 'link-problem',
      title: 'Método não permitido',
      message: 'Método não permitido para este endereço.',
    };
    return page(405, view, { allow: allowed.join(', ') });
  }
  const query = new URLSearchParams(request.rawQueryString ?? '');

  if (method !== 'POST') {
    if (path === STATUS_REQUEST_PATH) return page(200, { kind: 'status-form' });
    if (path === SURVEY_PATH) return surveyPage(query, deps, page);
    const checked = await checkStatusLink(query, deps);
    if (checked.kind === 'used') return page(410, USED_LINK_VIEW);
    if (checked.kind === 'gone') return page(404, GONE_VIEW);
    if (checked.kind === 'invalid-link') {
      const problem = linkProblem(checked.error);
      return page(problem.status, { ...problem.view, offerStatusForm: true } as MerchantView);
    }
    const link = Object.fromEntries(only(query, ['p', 'x', 'k', 'sig'])) as {
      p: string;
      x: string;
      k: string;
      sig: string;
    };
    return page(200, { kind: 'status-open', protocol: checked.protocol, link, language: checked.language });
  }

  if (!originAllowed(request.headers, deps.config.webformOrigin)) {
    logger.warn('Merchant page POST from another origin refused', { path });
    return page(403, { kind: 'forbidden', message: ORIGIN_REFUSED_PT });
  }
  const form = formBody(request);
  if (!form) {
    const view: MerchantView = {
      kind: 'link-problem',
      title: 'Envio inválido',
      message: 'Não conseguimos ler o envio. Volte à página e tente de novo.',
    };
    return page(400, view);
  }

  if (path === SURVEY_PATH) {
    const result = await recordSurvey(
      only(form, ['p', 'n', 'x', 'sig']),
      form.get('comentario') ?? undefined,
      await deps.lifecycle(),
    );
    logger.info('Survey answer', {
      result: result.kind,
      ...(result.kind === 'invalid-link' ? { error: result.error } : {}),
    });
    return surveyResultPage(result, page, deps.config);
  }

  if (path === STATUS_REQUEST_PATH) {
    const started = Date.now();
    const retryAfter = await connectionOverLimit(deps, request.sourceIp, 'status');
    if (retryAfter !== undefined) {
      logger.info('Status link request', { result: 'rate_limit' });
      return page(429, { kind: 'rate-limited', retryAfterSeconds: retryAfter }, { 'retry-after': String(retryAfter) });
    }
    const protocolo = (form.get('protocolo') ?? '').slice(0, 100);
    const email = (form.get('email') ?? '').slice(0, 300);
    const floor = deps.minStatusRequestMs ?? 800;
    // Only a match sends a mail: a send still running near the floor is given up, so a slow mail
    // server never makes a match answer later than a miss (the merchant may ask again).
    const giveUp = new AbortController();
    const timer =
      floor > 0
        ? setTimeout(() => giveUp.abort(), Math.max(0, floor - SEND_GIVE_UP_MARGIN_MS - (Date.now() - started)))
        : undefined;
    let result: StatusRequestResult;
    try {
      const signal = timer ? giveUp.signal : undefined;
      // Not only the mail: a match also reads the bounce memory and counts links, and any of them
      // slower than the floor would tell it from a miss; once given up, the answer is a miss's.
      result = await unlessAborted(requestStatusLink({ protocol: protocolo, email }, deps, signal), signal, GAVE_UP);
    } finally {
      clearTimeout(timer);
    }
    if (result.kind === 'invalid') {
      return page(422, { kind: 'status-form', values: { protocolo, email }, errors: result.errors });
    }
    // Whether a mail went out stays in the metrics-free log only as a boolean, never on the page.
    if (result.failed) logger.warn('Status link mail not sent', { result: 'requested', sent: false });
    else logger.info('Status link request', { result: 'requested', sent: result.sent });
    const elapsed = Date.now() - started;
    if (elapsed < floor) await pause(floor - elapsed);
    return page(200, { kind: 'status-requested' });
  }

  // POST /consulta/caso: the one-time opening.
  const opened = await openStatusLink(only(form, ['p', 'x', 'k', 'sig']), deps);
  logger.info('Status link opened', { result: opened.kind });
  switch (opened.kind) {
    case 'case':
      return page(200, { kind: 'status-case', view: opened.view });
    case 'used':
      return page(410, USED_LINK_VIEW);
    case 'gone':
      return page(404, GONE_VIEW);
    case 'invalid-link': {
      const problem = linkProblem(opened.error);
      return page(problem.status, { ...problem.view, offerStatusForm: true } as MerchantView);
    }
  }
}

type Page = (status: number, view: MerchantView, extra?: Record<string, string>) => WebformResponse;

async function surveyPage(query: URLSearchParams, deps: MerchantPagesDeps, page: Page): Promise<WebformResponse> {
  const verified = verifySurveyLink(query, deps.clock.now(), deps.secret);
  if (!verified.ok) {
    const problem = surveyLinkProblem(verified.error, deps.config, await expiredSurveyLanguage(verified, deps));
    return page(problem.status, problem.view);
  }
  const held = await surveyCase(verified.protocol, deps);
  if (held === null) {
    const problem = surveyLinkProblem('expired', deps.config);
    return page(problem.status, problem.view);
  }
  const { language } = held;
  const answer = await deps.surveys.get(verified.protocol);
  if (answer) {
    return page(200, { kind: 'survey-answered', protocol: verified.protocol, language, score: answer.score });
  }
  if (held.reopened) return page(200, { kind: 'survey-reopened', protocol: verified.protocol, language });
  const link = Object.fromEntries(only(query, ['p', 'n', 'x', 'sig'])) as {
    p: string;
    n: string;
    x: string;
    sig: string;
  };
  return page(200, {
    kind: 'survey-confirm',
    protocol: verified.protocol,
    score: verified.score,
    link,
    maxComment: MAX_SURVEY_COMMENT_CHARS,
    language,
  });
}

function surveyResultPage(result: SurveyResult, page: Page, config: OuvidoriaConfig): WebformResponse {
  switch (result.kind) {
    case 'recorded':
      return page(200, {
        kind: 'survey-thanks',
        protocol: result.protocol,
        score: result.score,
        language: result.language,
      });
    case 'already-answered':
      return page(409, {
        kind: 'survey-answered',
        protocol: result.protocol,
        language: result.language,
        ...(result.score === undefined ? {} : { score: result.score }),
        ...(result.commentLost ? { commentLost: true } : {}),
      });
    case 'case-reopened':
      return page(409, { kind: 'survey-reopened', protocol: result.protocol, language: result.language });
    case 'invalid-link': {
      const problem = surveyLinkProblem(result.error, config, result.language);
      return page(problem.status, problem.view);
    }
  }
}
