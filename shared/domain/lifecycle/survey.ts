/**
 * Signed links the merchant receives: the five satisfaction-survey links of the closing mail
 * (SPEC.md step 8) and the status-page link (`/consulta`). Both use one signer: an HMAC-SHA256
 * over a purpose string and the link's fields, so a signature for one purpose never verifies for
 * another, and changing any field (protocol, score, expiry) breaks it.
 *
 * What the signature does not do, by design, and who does it:
 * - one answer per case: the survey store records the answer with a conditional write (the first
 *   confirmed answer wins, later ones get "already answered");
 * - a GET records nothing (mail scanners open links): the link opens a page with the score chosen,
 *   and only the POST of its form records it — the webform function's job;
 * - one-time status links: the link carries a nonce; the store remembers used nonces until expiry.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { OuvidoriaConfig } from '../config';
import { parseProtocol } from '../protocol';
import type { ReplySecret } from './reply-address';

export const SURVEY_PATH = '/pesquisa';
/** The status page's form: a merchant asks for a link with the protocol and their address. */
export const STATUS_REQUEST_PATH = '/consulta';
export const STATUS_PATH = '/consulta/caso';
export const SURVEY_SCORES = [1, 2, 3, 4, 5] as const;

/**
 * Scores at or below this are low: the case's analyst is told, with her comment, whichever way she
 * answered (the office learns from them; a 5 is only counted).
 */
export const LOW_SURVEY_SCORE_MAX = 2;

export function isLowSurveyScore(score: number): boolean {
  return score <= LOW_SURVEY_SCORE_MAX;
}

/** `confirm`: the webform's confirmation link (shared/domain/webform-confirmation.ts). */
export type TokenPurpose = 'survey' | 'status' | 'confirm';

/** base64url HMAC-SHA256 over the purpose and the fields, in the order given. */
export function signToken(purpose: TokenPurpose, fields: ReadonlyArray<string>, secret: ReplySecret): string {
  if (secret.length < 16) throw new RangeError('The link-signing secret must have at least 16 bytes');
  const payload = [purpose, ...fields.map((f) => encodeURIComponent(f))].join('\n');
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

/** Constant-time comparison of `signature` with the expected one. */
export function verifyToken(
  purpose: TokenPurpose,
  fields: ReadonlyArray<string>,
  signature: string,
  secret: ReplySecret,
): boolean {
  const expected = Buffer.from(signToken(purpose, fields, secret));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export type LinkError = 'malformed' | 'bad-score' | 'bad-signature' | 'expired';

/** pt-BR explanations for the page the webform shows. */
export const LINK_ERROR_MESSAGES_PT: Record<LinkError, string> = {
  malformed: 'Este link está incompleto. Copie o endereço inteiro do e-mail que você recebeu.',
  'bad-score': 'A nota deste link é inválida: as notas vão de 1 a 5.',
  'bad-signature': 'Este link não é válido: ele pode ter sido alterado. Use o link do e-mail que você recebeu.',
  expired:
    'Este link expirou. Para saber em que ponto está o seu caso, peça um novo link de acompanhamento: ele chega ao e-mail do caso.',
};

/**
 * The way on from a survey link that does not verify: her reply to the closing mail with the score
 * counts as her answer (recordMailedRating). A new status link, offered for the other links, gives
 * her no survey.
 */
export const SURVEY_BY_REPLY_PT =
  'Você também pode responder ao e-mail de encerramento do caso só com a nota, de 1 a 5 (por exemplo, “Nota 5”).';

function originOf(config: OuvidoriaConfig): string {
  return config.webformOrigin.replace(/\/+$/, '');
}

/** The status page's form, where a merchant asks for a link to their case: `<webformOrigin>/consulta`. */
export function statusRequestUrl(config: OuvidoriaConfig): string {
  return `${originOf(config)}${STATUS_REQUEST_PATH}`;
}

function toParams(input: string | URLSearchParams): URLSearchParams {
  if (input instanceof URLSearchParams) return input;
  const q = input.indexOf('?');
  return new URLSearchParams(q === -1 ? input : input.slice(q + 1));
}

/** A whole number of seconds since the epoch, as written in links. */
const EPOCH_SECONDS = /^\d{9,11}$/;

export interface SurveyLink {
  score: number;
  url: string;
}

/** The survey link for one score: `<webformOrigin>/pesquisa?p=<protocol>&n=<score>&x=<expiry>&sig=…`. */
export function surveyUrl(
  protocol: string,
  score: number,
  expiresAt: Date,
  secret: ReplySecret,
  config: OuvidoriaConfig,
): string {
  if (!parseProtocol(protocol)) throw new RangeError(`Not a protocol number: ${JSON.stringify(protocol)}`);
  if (!Number.isInteger(score) || score < 1 || score > 5) throw new RangeError(`Survey score out of 1–5: ${score}`);
  const p = protocol.toUpperCase();
  const n = String(score);
  const x = String(Math.floor(expiresAt.getTime() / 1000));
  const sig = signToken('survey', [p, n, x], secret);
  return `${originOf(config)}${SURVEY_PATH}?${new URLSearchParams({ p, n, x, sig }).toString()}`;
}

/** The five links (1 to 5) of a closing mail, valid `lifecycle.surveyLinkDays` from `now`. */
export function surveyLinks(protocol: string, now: Date, secret: ReplySecret, config: OuvidoriaConfig): SurveyLink[] {
  const expiresAt = new Date(now.getTime() + config.lifecycle.surveyLinkDays * 24 * 3600 * 1000);
  return SURVEY_SCORES.map((score) => ({ score, url: surveyUrl(protocol, score, expiresAt, secret, config) }));
}

export type VerifiedSurvey =
  | { ok: true; protocol: string; score: number; expiresAt: Date }
  /** `protocol` with `expired`: the signature held, so the link is the office's and names its case. */
  | { ok: false; error: LinkError; protocol?: string };

/** Checks a survey link (its URL, query string or parsed parameters): shape, score, signature, then expiry. */
export function verifySurveyLink(input: string | URLSearchParams, now: Date, secret: ReplySecret): VerifiedSurvey {
  const params = toParams(input);
  const p = params.get('p') ?? '';
  const n = params.get('n') ?? '';
  const x = params.get('x') ?? '';
  const sig = params.get('sig') ?? '';
  if (!parseProtocol(p) || p !== p.toUpperCase() || !EPOCH_SECONDS.test(x) || !/^[A-Za-z0-9_-]{43}$/.test(sig)) {
    return { ok: false, error: 'malformed' };
  }
  if (!/^[1-5]$/.test(n)) return { ok: false, error: 'bad-score' };
  if (!verifyToken('survey', [p, n, x], sig, secret)) return { ok: false, error: 'bad-signature' };
  const expiresAt = new Date(Number(x) * 1000);
  if (now.getTime() >= expiresAt.getTime()) return { ok: false, error: 'expired', protocol: p };
  return { ok: true, protocol: p, score: Number(n), expiresAt };
}

/**
 * The merchant's status-page link: `<webformOrigin>/consulta/caso?p=<protocol>&x=<expiry>&k=<nonce>&sig=…`,
 * valid `lifecycle.statusLinkHours`. `nonce` (random, from the caller) makes every link distinct,
 * so the store can honour "one-time".
 */
export function statusUrl(
  protocol: string,
  nonce: string,
  now: Date,
  secret: ReplySecret,
  config: OuvidoriaConfig,
): string {
  if (!parseProtocol(protocol)) throw new RangeError(`Not a protocol number: ${JSON.stringify(protocol)}`);
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(nonce))
    throw new RangeError('The status link nonce must be 8–64 URL-safe characters');
  const p = protocol.toUpperCase();
  const x = String(Math.floor(now.getTime() / 1000) + config.lifecycle.statusLinkHours * 3600);
  const sig = signToken('status', [p, x, nonce], secret);
  return `${originOf(config)}${STATUS_PATH}?${new URLSearchParams({ p, x, k: nonce, sig }).toString()}`;
}

export type VerifiedStatusLink =
  | { ok: true; protocol: string; nonce: string; expiresAt: Date }
  | { ok: false; error: Exclude<LinkError, 'bad-score'> };

export function verifyStatusLink(input: string | URLSearchParams, now: Date, secret: ReplySecret): VerifiedStatusLink {
  const params = toParams(input);
  const p = params.get('p') ?? '';
  const x = params.get('x') ?? '';
  const k = params.get('k') ?? '';
  const sig = params.get('sig') ?? '';
  if (
    !parseProtocol(p) ||
    p !== p.toUpperCase() ||
    !EPOCH_SECONDS.test(x) ||
    !/^[A-Za-z0-9_-]{8,64}$/.test(k) ||
    !/^[A-Za-z0-9_-]{43}$/.test(sig)
  ) {
    return { ok: false, error: 'malformed' };
  }
  if (!verifyToken('status', [p, x, k], sig, secret)) return { ok: false, error: 'bad-signature' };
  const expiresAt = new Date(Number(x) * 1000);
  if (now.getTime() >= expiresAt.getTime()) return { ok: false, error: 'expired' };
  return { ok: true, protocol: p, nonce: k, expiresAt };
}

/** A closed case's survey still takes an answer at `now`: within `lifecycle.surveyLinkDays` of its closing. */
export function surveyOpenAt(closedAt: string, now: Date, config: OuvidoriaConfig): boolean {
  return now.getTime() < Date.parse(closedAt) + config.lifecycle.surveyLinkDays * 24 * 3600 * 1000;
}
