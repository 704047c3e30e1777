/**
 * The merchant's side of the webform's confirmation step (trust hole F1), for tests that post a form
 * citing a ticket: the link in the mail she receives, and the POST of its button as her browser
 * sends it. `postConfirmed` keeps a test that expects a case as short as it was: post, then confirm.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { createConfirmMailHandler } from '../../functions/webform/confirm-mail';
import { CONFIRM_WORDS } from '../../shared/domain/webform-confirmation';
import { confirmSubmission } from '../../shared/webform/confirm';
import { type FormPostInput, type FormPostResult, handleFormPost, type WebformDeps } from '../../shared/webform/submit';

/** A mail as the recording mailer and the local SES outbox both have it. */
export interface ReceivedMail {
  to: string[] | string;
  text?: string | undefined;
  subject?: string | undefined;
}

const LINK = /\/confirmar\?t=([A-Za-z0-9._%-]+)/;

/** The token of the newest confirmation mail (to `to`, when given); throws when there is none. */
export function confirmTokenOf(mails: readonly ReceivedMail[], to?: string): string {
  for (let i = mails.length - 1; i >= 0; i--) {
    const mail = mails[i];
    if (!mail) continue;
    const recipients = (Array.isArray(mail.to) ? mail.to : [mail.to]).map((r) => r.toLowerCase());
    if (to && !recipients.some((r) => r.includes(to.toLowerCase()))) continue;
    const found = LINK.exec(mail.text ?? '');
    if (found?.[1]) return decodeURIComponent(found[1]);
  }
  throw new Error(`No confirmation mail${to ? ` to ${to}` : ''} among ${mails.length} mail(s)`);
}

type AnyEvent = {
  rawPath: string;
  headers: Record<string, string>;
  requestContext: { stage?: string; http: Record<string, unknown> } & Record<string, unknown>;
} & Record<string, unknown>;

/**
 * The POST of the link's button from the post's own event (same client, headers, IP and stage): a
 * JSON client gets JSON back, as it did from the post.
 */
export function confirmEventOf(postEvent: unknown, token: string): unknown {
  const event = postEvent as AnyEvent;
  const stage = event.requestContext.stage;
  const prefix = stage && stage !== '$default' && event.rawPath.startsWith(`/${stage}/`) ? `/${stage}` : '';
  const path = `${prefix}/confirmar`;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(event.headers)) {
    const name = k.toLowerCase();
    if (name === 'content-type' || name === 'content-length' || name === 'idempotency-key') continue;
    headers[k] = v;
  }
  const accept = Object.entries(event.headers).find(([k]) => k.toLowerCase() === 'accept')?.[1];
  const type = Object.entries(event.headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
  if (accept === undefined && /json/i.test(type)) headers['accept'] = 'application/json';
  const body = new URLSearchParams({ t: token }).toString();
  headers['content-type'] = 'application/x-www-form-urlencoded';
  return {
    ...event,
    rawPath: path,
    rawQueryString: '',
    routeKey: 'POST /confirmar',
    headers,
    body,
    isBase64Encoded: false,
    requestContext: { ...event.requestContext, http: { ...event.requestContext.http, method: 'POST', path } },
  };
}

/** The GET of the link (what a mail scanner, or her browser, opens first). */
export function confirmPageEventOf(postEvent: unknown, token: string): unknown {
  const post = confirmEventOf(postEvent, token) as AnyEvent;
  const { body: _body, ...rest } = post;
  return {
    ...rest,
    routeKey: 'GET /confirmar',
    rawQueryString: new URLSearchParams({ t: token }).toString(),
    requestContext: { ...post.requestContext, http: { ...post.requestContext.http, method: 'GET' } },
  };
}

/** The mails that are not confirmation links (acknowledgements, guidance, notices). */
export function withoutConfirmations<M extends ReceivedMail>(mails: readonly M[]): M[] {
  return mails.filter((m) => m.subject !== CONFIRM_WORDS.mailSubject);
}

/** The confirmation mails alone. */
export function confirmationsIn<M extends ReceivedMail>(mails: readonly M[]): M[] {
  return mails.filter((m) => m.subject === CONFIRM_WORDS.mailSubject);
}

function postKey(event: unknown): string {
  const e = event as AnyEvent;
  const key = Object.entries(e.headers ?? {}).find(([k]) => k.toLowerCase() === 'idempotency-key')?.[1] ?? '';
  return `${key}\u0000${String(e['body'] ?? '')}`;
}

/**
 * A handler that confirms as the merchant would: a 202 (the post waits for its link) is followed by
 * the POST of the link's button, and the confirmation's answer returned; any other answer is
 * returned as it came. The link is the one this post's mail carried, or — for a repeat, which mails
 * nothing — the one the same post got before, else the newest one in the outbox.
 */
export function confirming<R extends { statusCode: number }>(
  handle: (event: unknown) => Promise<R>,
  mails: () => readonly ReceivedMail[] | Promise<readonly ReceivedMail[]>,
): (event: unknown) => Promise<R> {
  const tokens = new Map<string, string>();
  return async (event) => {
    const before = confirmationsIn(await mails()).length;
    const first = await handle(event);
    if (first.statusCode !== 202) return first;
    // A concurrent twin of the post may be sending the link: she reads her mailbox a moment later.
    let after = confirmationsIn(await mails());
    for (let i = 0; i < 100 && after.length === 0 && !tokens.has(postKey(event)); i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      after = confirmationsIn(await mails());
    }
    const token =
      after.length > before
        ? confirmTokenOf(after.slice(before))
        : (tokens.get(postKey(event)) ?? (after.length > 0 ? confirmTokenOf(after) : undefined));
    // No link came (its mail is still claimed by an attempt that failed): she sends the form again later.
    if (token === undefined) return first;
    tokens.set(postKey(event), token);
    return handle(confirmEventOf(event, token));
  };
}

/** One post confirmed (see `confirming`). */
export async function postConfirmed<R extends { statusCode: number }>(
  handle: (event: unknown) => Promise<R>,
  event: unknown,
  mails: () => readonly ReceivedMail[] | Promise<readonly ReceivedMail[]>,
): Promise<R> {
  return confirming(handle, mails)(event);
}

/**
 * The service-level twin of `confirming`: `handleFormPost`, then, for a 202, `confirmSubmission` with
 * the link of the newest confirmation mail (the post's own when it mailed one).
 */
export async function submitConfirmed(
  input: FormPostInput,
  deps: WebformDeps & { mailer: { sent: readonly ReceivedMail[] } },
): Promise<FormPostResult> {
  const before = confirmationsIn(deps.mailer.sent).length;
  const first = await handleFormPost(input, withConfirmMails(deps));
  if (first.status !== 202) return first;
  const after = confirmationsIn(deps.mailer.sent);
  const token = confirmTokenOf(after.length > before ? after.slice(before) : after);
  const confirmed = await confirmSubmission(token, deps);
  if (confirmed.event.kind === 'link-problem') throw new Error(`The link did not confirm: ${confirmed.event.error}`);
  return confirmed as FormPostResult;
}

/** The local SES outbox's mails (aws-ses-v2-local's store) as the helpers read them. */
export function sesMails(
  emails: ReadonlyArray<{ destination: { to: string[] }; subject: string; body: { text?: string | undefined } }>,
): ReceivedMail[] {
  return emails.map((e) => ({ to: e.destination.to, subject: e.subject, text: e.body.text }));
}

/** Every confirmation link in the mails, oldest first. */
export function confirmTokensIn(mails: readonly ReceivedMail[]): string[] {
  return confirmationsIn(mails).map((m) => confirmTokenOf([m]));
}

/**
 * Confirms every link in the mails at once (posts sent concurrently: which link is whose does not
 * matter), each from `template`'s client; the answers in the order of the links.
 */
export async function confirmAll<R>(
  handle: (event: unknown) => Promise<R>,
  mails: readonly ReceivedMail[],
  template: unknown,
): Promise<R[]> {
  return Promise.all(confirmTokensIn(mails).map((t) => handle(confirmEventOf(template, t))));
}

/**
 * The deps with their in-memory confirmation-mail queue delivering to the webform function's
 * consumer over these same deps (as SQS does on AWS, soon after the post's 202).
 */
export function withConfirmMails<D extends WebformDeps>(deps: D): D {
  const queue = deps.confirmMails as { deliverTo?: (consume: (event: unknown) => Promise<unknown>) => unknown };
  const logger = new Logger({ logLevel: 'SILENT' });
  queue.deliverTo?.(createConfirmMailHandler(() => ({ service: deps, logger })));
  return deps;
}
