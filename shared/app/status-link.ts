/**
 * The merchant status page's application service (`/consulta`, SPEC "Staff console and merchant
 * status page"): ask for a link (protocol + address), then open it once.
 *
 * Asking never tells whether a protocol or an address exists: the caller gets the same
 * `requested` result either way, after the same reads, and the mail goes only to the address
 * already on the case (someone who types another person's protocol learns nothing and reaches
 * no one else). Opening a link checks its signature and expiry, then claims its nonce with a
 * conditional write: a second opening is refused ("one-time").
 */
import { randomBytes } from 'node:crypto';
import { statusLinkCaseKey, statusLinkInboxKey } from '../domain/rate-keys';
import { DAY_SECONDS, utcDayStart } from '../domain/instant';
import { readTypedProtocol } from '../domain/protocol';
import { type MessageLanguage, withoutInvisible } from '../domain/text';
import type { ReplySecret } from '../domain/lifecycle/reply-address';
import {
  PUBLIC_PAGE_TEXTS,
  type PublicCaseData,
  publicCaseView,
  renderStatusLinkMail,
  sameAddress,
} from '../domain/lifecycle/status-page';
import { caseLanguage } from '../domain/lifecycle/merchant-words';
import { pastRetention } from '../domain/retention';
import { FIRST_TEXT } from '../domain/case';
import { type LinkError, statusUrl, verifyStatusLink } from '../domain/lifecycle/survey';
import type { OuvidoriaConfig } from '../domain/config';
import type { BounceRegistry, Clock, Mailer, RateLimiter } from '../ports';
import type { CaseWorkStore, WorkCaseState } from './lifecycle/ports';
import { automaticOfficeMail, mailMerchant } from './office-mail';
import { MAX_ADDRESS_CHARS } from '../domain/mailbox';

/**
 * Used status-link nonces, kept until the link expires (DynamoDB: `STATUSLINK#<nonce>` put with
 * `attribute_not_exists(pk)` and a TTL). `claim` is true for the first caller only.
 */
export interface StatusLinkStore {
  claim(nonce: string, expiresAt: Date): Promise<boolean>;
  /** Whether the nonce was already claimed: a read, it claims nothing. */
  isUsed(nonce: string): Promise<boolean>;
}

export interface StatusLinkDeps {
  /** Reads the case; and records the link mail's Message-IDs on it with her address (a delivery report about it is a bounce). */
  cases: Pick<CaseWorkStore, 'get' | 'getByProtocol' | 'getStateByProtocol' | 'addMessageIds'>;
  statusLinks: StatusLinkStore;
  mailer: Mailer;
  clock: Clock;
  config: OuvidoriaConfig;
  secret: ReplySecret;
  /** Counts the links mailed per case and per inbox a day (lifecycle.statusLinksPerCasePerDay, …PerAddressPerDay). */
  rateLimiter: RateLimiter;
  /** Bounce memory: the link mail is automatic, and an address that bounced gets none (SPEC step 6). */
  bounces: Pick<BounceRegistry, 'isSuppressed'>;
  /** Random nonce of a new link (tests pass a fixed one). */
  nonce?: () => string;
}

export type StatusRequestResult =
  /**
   * The only answer a requester sees; `sent` (and `failed`: the link mail could not go) are for logs
   * and metrics, never for the page.
   */
  | { kind: 'requested'; sent: boolean; failed?: true }
  | { kind: 'invalid'; errors: { protocolo?: string; email?: string } };

export const STATUS_FORM_MESSAGES = {
  protocolo: 'Informe o número do protocolo no formato OUV-AAAA-NNNNNN, como no e-mail de confirmação.',
  email: 'Informe um endereço de e-mail válido, como nome@exemplo.com.br.',
} as const;

const EMAIL = /^[^\s@<>()",;:]{1,64}@[^\s@<>()",;:]+\.[^\s@<>()",;:]{2,}$/;

/**
 * The case as the status page may use it: null when erased or past its retention (DynamoDB's TTL
 * deletes the item days later; until then it is not shown, and no link to it is mailed).
 */
function held<T extends WorkCaseState>(c: T | null, now: Date, deps: { config: OuvidoriaConfig }): T | null {
  return c && !pastRetention(c, now, deps.config.retention) ? c : null;
}

export function newNonce(): string {
  return randomBytes(18).toString('base64url');
}

export async function requestStatusLink(
  input: { protocol: string; email: string },
  deps: StatusLinkDeps,
  /** Gives up the mail when it aborts: a slow send must not make a match answer later than a miss. */
  signal?: AbortSignal,
): Promise<StatusRequestResult> {
  // As typed: `ouv 2026 000123` is the number the mail showed.
  const protocol = readTypedProtocol(input.protocol);
  // Pasted from a mail, as the protocol may be: what the reader never saw goes.
  const email = withoutInvisible(input.email).trim().toLowerCase();
  const errors: { protocolo?: string; email?: string } = {};
  if (!protocol) errors.protocolo = STATUS_FORM_MESSAGES.protocolo;
  if (email.length > MAX_ADDRESS_CHARS || !EMAIL.test(email)) errors.email = STATUS_FORM_MESSAGES.email;
  if (!protocol || errors.email) return { kind: 'invalid', errors };

  const now = deps.clock.now();
  // Its state only: the link's mail shows no message of the case.
  const found = held(await deps.cases.getStateByProtocol(protocol), now, deps);
  // Compare even when nothing was found, so both paths do the same work.
  const matches = sameAddress(found?.senderEmail ?? '', email) && found !== null && found.protocol === protocol;
  if (!found || !matches) return { kind: 'requested', sent: false };
  // Only a match reads on (bounce memory, the day's counts) and sends, so only a match can fail: an
  // error page, from any step of it, would tell a stranger that the protocol and the address go
  // together. The same answer as a miss's; the merchant may ask again.
  try {
    return await mailLinkTo(found, protocol, now, deps, signal);
  } catch {
    return { kind: 'requested', sent: false, failed: true };
  }
}

/** The link mail to a matching case's own address, within the day's limits (requestStatusLink). */
async function mailLinkTo(
  found: WorkCaseState,
  protocol: string,
  now: Date,
  deps: StatusLinkDeps,
  signal: AbortSignal | undefined,
): Promise<StatusRequestResult> {
  if (await deps.bounces.isSuppressed(found.senderEmail, now)) return { kind: 'requested', sent: false };
  // Past the day's links for this case the answer is the same, and nothing is mailed.
  const sentToday = await deps.rateLimiter.hit(statusLinkCaseKey(found.caseId), utcDayStart(now), DAY_SECONDS);
  if (sentToday > deps.config.lifecycle.statusLinksPerCasePerDay) return { kind: 'requested', sent: false };
  // And past the day's links for the inbox, over all its cases (protocols are sequential: someone
  // who knows the address finds every case of it).
  const toInbox = await deps.rateLimiter.hit(statusLinkInboxKey(found.senderEmail), utcDayStart(now), DAY_SECONDS);
  if (toInbox > deps.config.lifecycle.statusLinksPerAddressPerDay) return { kind: 'requested', sent: false };

  // Given up while the table answered (the page already went out as a miss's): no mail after it.
  if (signal?.aborted) return { kind: 'requested', sent: false, failed: true };
  const url = statusUrl(protocol, (deps.nonce ?? newNonce)(), now, deps.secret, deps.config);
  const mail = renderStatusLinkMail(protocol, url, found.senderName, deps.config, caseLanguage(found));
  await mailMerchant(
    deps,
    found.caseId,
    automaticOfficeMail(found.senderEmail, mail, deps.config),
    signal ? { signal } : undefined,
  );
  return { kind: 'requested', sent: true };
}

export type StatusCheckResult =
  /** `language`: the case's (its page speaks it). */
  | { kind: 'valid'; protocol: string; language: MessageLanguage }
  /** The case is no longer held (erased): said on the GET as the POST would say it. */
  | { kind: 'gone' }
  | { kind: 'used' }
  | { kind: 'invalid-link'; error: Exclude<LinkError, 'bad-score'> };

/**
 * The GET of the link: checks it and whether it was already opened, but claims nothing (mail
 * scanners open links before people do: only the confirmed POST uses the link up).
 */
export async function checkStatusLink(
  params: URLSearchParams,
  deps: Pick<StatusLinkDeps, 'clock' | 'secret' | 'statusLinks' | 'cases' | 'config'>,
): Promise<StatusCheckResult> {
  const now = deps.clock.now();
  const verified = verifyStatusLink(params, now, deps.secret);
  if (!verified.ok) return { kind: 'invalid-link', error: verified.error };
  const [used, stored] = await Promise.all([
    deps.statusLinks.isUsed(verified.nonce),
    deps.cases.getStateByProtocol(verified.protocol),
  ]);
  if (used) return { kind: 'used' };
  const found = held(stored, now, deps);
  // Whether it has a public view at all (its messages do not change that).
  if (!found || publicCaseView({ ...found, messages: [] }) === null) return { kind: 'gone' };
  return { kind: 'valid', protocol: verified.protocol, language: caseLanguage(found) };
}

export type StatusOpenResult =
  | { kind: 'case'; view: PublicCaseData }
  | { kind: 'used' }
  | { kind: 'gone' }
  | { kind: 'invalid-link'; error: Exclude<LinkError, 'bad-score'> };

/** The confirmed opening: signature and expiry, then the one-time claim, then the public view. */
export async function openStatusLink(params: URLSearchParams, deps: StatusLinkDeps): Promise<StatusOpenResult> {
  const verified = verifyStatusLink(params, deps.clock.now(), deps.secret);
  if (!verified.ok) return { kind: 'invalid-link', error: verified.error };
  if (!(await deps.statusLinks.claim(verified.nonce, verified.expiresAt))) return { kind: 'used' };
  const now = deps.clock.now();
  const found = held(await deps.cases.getByProtocol(verified.protocol, PUBLIC_PAGE_TEXTS), now, deps);
  // Her earlier mail our guidance answered (gone if it expired or was erased): her complaint's words.
  const guided = found?.answersSubmissionId
    ? held(await deps.cases.get(found.answersSubmissionId, FIRST_TEXT), now, deps)
    : null;
  const view = found ? publicCaseView(found, { now, config: deps.config }, guided) : null;
  return view ? { kind: 'case', view } : { kind: 'gone' };
}
