/**
 * The webform's confirmation step (trust hole F1). A post that cites a support ticket is decided in
 * the name of whoever owns the address typed: its ticket is "hers" or not, she is acknowledged,
 * an analyst works it. The webform has no sender authentication (mail has DKIM/SPF/DMARC), so such
 * a post decides nothing until that mailbox confirms it:
 * - POST /casos (requestConfirmation): the post is kept as a pending submission (its form and its
 *   files' pending id, expiring with the link) and its link mail is queued; the answer is one
 *   neutral 202, the same whatever the ticket and the address say, after the same awaited work
 *   (no oracle, by content or by timing).
 * - The confirmation-mail queue's consumer (mailConfirmationLink, in the webform function) mails
 *   ONE link to the address typed, unless it is in the bounce memory or over its hourly limit.
 * - GET /confirmar (checkConfirmation): a page with a button; it records nothing (mail scanners open
 *   links).
 * - POST /confirmar (confirmSubmission): the post runs the path a direct post ran (storeSubmission,
 *   idempotent by the pending id: double clicks, two tabs or concurrent POSTs make one case, one
 *   reply, one assignment), and its result page is shown — again, for a later POST of the same link.
 * Posts that cite no ticket are answered with their guidance at once, and stored by the same
 * queue's consumer (guidance-post.ts).
 */
import { bounceBreakerTripped, ticketCandidatesOf } from '../app/intake';
import { automaticOfficeMail } from '../app/office-mail';
import type { OuvidoriaConfig } from '../domain/config';
import { caseIdFor, NO_TEXTS, REPLY_HELD_BY_BREAKER } from '../domain/case';
import { hourWindowStart, webformConfirmKey } from '../domain/rate-keys';
import { verifyTicket } from '../domain/ticket-verification';
import { officeDayStart } from '../domain/time-zone';
import {
  CONFIRM_WORDS,
  type ConfirmLinkAnswer,
  type ConfirmLinkError,
  confirmLinkAnswer,
  confirmLinkStatus,
  confirmToken,
  confirmUrl,
  readConfirmToken,
  renderConfirmationMail,
  verifyConfirmToken,
} from '../domain/webform-confirmation';
import { topicLabel, type WebformData } from './form';
import { type KeptPost, keySourceOf, type SubmissionKeys } from './pending';
import type { PendingSubmission } from '../ports';
import type { AttachmentView, ConfirmedView, ConfirmPostView } from './page';
import { pendingFileViews } from './uploads';
import type { FormPostResult, WebformDeps } from './submit';
import { buildSubmission, storeSubmission, WEBFORM_REPLY_CLAIM } from './submit';
import { DAY_SECONDS, HOUR_SECONDS } from '../domain/instant';

/**
 * Whether the post must be confirmed from its mailbox: it cites a ticket (the form field, or one the
 * intake's extractor finds in its text). "Not a client yet" is no exception: with a ticket of the
 * address the rules accept it (a verified ticket is a client's), so its path depends on the owner too.
 */
export function awaitsConfirmation(data: WebformData, now: Date, config: OuvidoriaConfig): boolean {
  return ticketCandidatesOf(buildSubmission(data, 'pending', now), config).length > 0;
}

/**
 * The links of each of an inbox's limits kept for posts citing a ticket of its own: a third, rounded
 * down (none of a limit of 1 or 2, which then serves every post).
 */
export function reservedFor(limit: number): number {
  return Math.floor(limit / 3);
}

/** The one answer of a post that waits for confirmation, whatever happened behind it. */
function pendingAnswer(
  config: OuvidoriaConfig,
  event: Extract<FormPostResult['event'], { kind: 'pending' }>,
  files: AttachmentView[],
): FormPostResult {
  const hours = config.limits.webformConfirmLinkHours;
  return {
    status: 202,
    headers: {},
    view: { kind: 'confirm-sent', hours, files },
    json: {
      outcome: 'CONFIRMATION_REQUIRED',
      message: CONFIRM_WORDS.sent(hours),
      // Her own files, named back to her: the same for any ticket and address (no oracle).
      ...(files.length ? { files: files.map((f) => f.name) } : {}),
    },
    event,
  };
}

/**
 * Keeps the post and leaves its link mail on the confirmation-mail queue. Every post that cites a
 * ticket does the same awaited work here — its pending submission kept (or found), one message
 * queued — and gets the same 202: whether a link goes (the bounce memory, the address's hourly
 * limit, a repeat) is decided by the queue's consumer (mailConfirmationLink), so neither the answer
 * nor its timing tells a stranger anything about the address. A message that could not be queued
 * throws (503): the same post, sent again, queues it then.
 */
export async function requestConfirmation(
  kept: KeptPost,
  pendingUploadId: string | undefined,
  keys: SubmissionKeys,
  deps: WebformDeps,
): Promise<FormPostResult> {
  const { pending, created } = kept;
  // Its files are named on the confirmation's page if the case does not hold them.
  if (!created && pendingUploadId) await deps.pendingSubmissions.noteRepeatUpload(pending.id, pendingUploadId);
  // A repeat queues too: its first attempt may have died before its link went (the consumer's
  // claim on the pending submission keeps a link from going twice).
  await deps.confirmMails.request({ kind: 'confirm-link', id: pending.id });
  const files = await pendingFileViews(pendingUploadId, deps);
  return pendingAnswer(deps.config, { kind: 'pending', repeat: !created, keySource: keys.source }, files);
}

/** The ticket the post cites (the form's field, or one its text names): its link mail and its page name it. */
function citedTicket(pending: PendingSubmission, now: Date, config: OuvidoriaConfig): string | undefined {
  return ticketCandidatesOf(buildSubmission({ ...pending.form } as WebformData, pending.id, now), config)[0]?.number;
}

/** What the confirmation-mail consumer did with one message (for its log line; nothing personal). */
export type ConfirmMailOutcome =
  | { mailed: true }
  | { mailed: false; why: 'gone' | 'expired' | 'repeat' | 'limit' | 'bounced' | 'held' };

/**
 * The confirmation-mail queue's consumer: mails a pending submission's link once (a claim on it, so
 * redeliveries and concurrent repeats send one), within the address's hourly and daily limits (part
 * of each kept for posts that cite a ticket of the address's own: reservedFor), never to an
 * address in the bounce memory. A mail that could not go gives the claim back and throws: the queue
 * delivers the message again, and after its receives parks it in its DLQ (the same post, sent again
 * by her, queues a new message).
 */
export async function mailConfirmationLink(id: string, deps: WebformDeps): Promise<ConfirmMailOutcome> {
  const { config, pendingSubmissions } = deps;
  const now = deps.clock.now();
  const pending = await pendingSubmissions.get(id);
  if (!pending) return { mailed: false, why: 'gone' };
  // A link that would arrive dead is not mailed (the message waited in the queue past its expiry).
  if (now.getTime() >= new Date(pending.expiresAt).getTime()) return { mailed: false, why: 'expired' };

  // One link per pending submission: the first post's, or a repeat's whose first attempt died first.
  // A claim older than a webform invocation can live (its holder died) is taken over.
  const staleBefore = new Date(now.getTime() - WEBFORM_REPLY_CLAIM.staleAfterMs);
  if (!(await pendingSubmissions.claimMail(pending.id, now, staleBefore))) return { mailed: false, why: 'repeat' };
  try {
    if (await deps.bounces.isSuppressed(pending.email, now)) return { mailed: false, why: 'bounced' };
    const form = { ...pending.form } as WebformData;
    const candidates = ticketCandidatesOf(buildSubmission(form, pending.id, now), config);
    // Anyone can post in her address citing tickets he makes up: sharing the inbox's budget with
    // them, her own post's link did not go the day a stranger spent it (its 202 said it had). A post
    // that cites no ticket of the address's own also counts on counters of its own, each capped a
    // third short of the inbox's: the rest is kept for hers (a ticket the directory says is hers).
    // The inbox's counters still bound every link it gets. Read here, off the post's path: its
    // answer and timing are the same whoever owns the ticket.
    const owned = (await verifyTicket(candidates, pending.email, deps.tickets)).status === 'valid';
    // The bounce breaker holds a link to an address no ticket proves, as it holds guidance: anyone can
    // type made-up addresses citing made-up tickets, 20 an hour from each IP, and each link that
    // bounces counts against the office's sending — no domain of his own needed (rt59). Read before the
    // limits, so a held link spends none of the inbox's budget; a ticket of her own is never held.
    if (!owned && (await bounceBreakerTripped(deps))) {
      // Kept for the held-reply sweep, which asks for it again once the breaker is clear; the claim is
      // given back, so that attempt (or her repeat) can mail it.
      await deps.heldReplies?.hold({
        caseId: pending.id,
        heldAt: now.toISOString(),
        messageId: '',
        to: pending.email,
        headers: {},
        link: true,
      });
      await pendingSubmissions.releaseMail(pending.id);
      deps.telemetry?.replySuppressed(REPLY_HELD_BY_BREAKER);
      return { mailed: false, why: 'held' };
    }
    const windows = [
      {
        name: 'hour',
        start: hourWindowStart(now),
        seconds: HOUR_SECONDS,
        limit: config.limits.webformConfirmMailsPerAddressPerHour,
      },
      {
        name: 'day',
        start: officeDayStart(now, config.timeZone),
        seconds: DAY_SECONDS,
        limit: config.limits.webformConfirmMailsPerAddressPerDay,
      },
    ] as const;
    // One counter, one atomic write each (never count-then-send): concurrent posts cannot pass them together.
    const counters = [
      ...(owned
        ? []
        : windows.map((w) => ({
            ...w,
            key: webformConfirmKey(pending.email, w.name, 'unowned'),
            limit: w.limit - reservedFor(w.limit),
          }))),
      ...windows.map((w) => ({ ...w, key: webformConfirmKey(pending.email, w.name) })),
    ];
    for (const counter of counters) {
      if ((await deps.rateLimiter.hit(counter.key, counter.start, counter.seconds)) > counter.limit) {
        return { mailed: false, why: 'limit' };
      }
    }

    const token = confirmToken(pending.id, pending.email, new Date(pending.expiresAt), await deps.linkSecret());
    const ticket = citedTicket(pending, now, config);
    const fileCount = (await pendingFileViews(pending.pendingUploadId, deps)).length;
    const mail = renderConfirmationMail(
      { topicLabel: topicLabel(form.assunto), ticket, url: confirmUrl(token, config), fileCount },
      config,
    );
    await deps.mailer.send(automaticOfficeMail(pending.email, mail, config));
  } catch (error) {
    // The link did not go: the queue's next delivery of this message mails it.
    await pendingSubmissions.releaseMail(pending.id).catch(() => undefined);
    throw error;
  }
  // Best effort: unmarked, the claim keeps repeats from mailing again until it goes stale.
  await pendingSubmissions.markMailed(pending.id, now).catch(() => undefined);
  return { mailed: true };
}

type Opened = { ok: true; pending: PendingSubmission } | { ok: false; error: ConfirmLinkError };

/**
 * The link's pending submission, once its signature (over the address kept with it) and expiry hold.
 * A link she confirmed already stays good past its expiry while its item is kept: opened again it
 * shows her case, never "expired, not registered" (which sent her to post again: a second case).
 */
async function openLink(token: string | null | undefined, deps: WebformDeps): Promise<Opened> {
  const read = readConfirmToken(token);
  if (!read) return { ok: false, error: 'malformed' };
  const pending = await deps.pendingSubmissions.get(read.id);
  if (!pending) return { ok: false, error: 'unknown' };
  const verified = verifyConfirmToken(read, pending.email, deps.clock.now(), await deps.linkSecret());
  if (verified.ok || (verified.error === 'expired' && pending.confirmedCaseId !== undefined)) {
    return { ok: true, pending };
  }
  return verified;
}

/** What a link that does not confirm answers (its own page, 400 or 410). */
export interface ConfirmProblem {
  status: 400 | 410;
  view: { kind: 'confirm-problem'; error: ConfirmLinkAnswer };
  json: { message: string; error: ConfirmLinkAnswer };
  event: { kind: 'link-problem'; error: ConfirmLinkError };
}

function problem(error: ConfirmLinkError): ConfirmProblem {
  const answer = confirmLinkAnswer(error);
  return {
    status: confirmLinkStatus(answer),
    view: { kind: 'confirm-problem', error: answer },
    json: { message: CONFIRM_WORDS.problems[answer], error: answer },
    event: { kind: 'link-problem', error },
  };
}

/** GET /confirmar: the button page for a link that would confirm; reads only. */
export async function checkConfirmation(
  token: string | null,
  deps: WebformDeps,
): Promise<
  | { status: 200; view: { kind: 'confirm'; token: string; post: ConfirmPostView; confirmed?: ConfirmedView } }
  | ConfirmProblem
> {
  const opened = await openLink(token, deps);
  if (!opened.ok) return problem(opened.error);
  // Confirmed already: the page says so, with her protocol (the POST would show it anyway), instead of
  // asking her to confirm a post that is registered.
  const confirmedCaseId = opened.pending.confirmedCaseId;
  const confirmed: ConfirmedView | undefined =
    confirmedCaseId === undefined ? undefined : protocolOf(await deps.cases.get(confirmedCaseId, NO_TEXTS));
  const form = opened.pending.form;
  const ticket = citedTicket(opened.pending, deps.clock.now(), deps.config);
  // Before she confirms, the files the post brought (the mail gave their count only).
  const files = confirmed ? [] : await pendingFileViews(opened.pending.pendingUploadId, deps);
  const post: ConfirmPostView = {
    ...(files.length ? { files } : {}),
    name: form.nome,
    ...(form.loja ? { store: form.loja } : {}),
    ...(ticket ? { ticket } : {}),
    topic: topicLabel(form.assunto),
    text: form.descricao,
  };
  return {
    status: 200,
    view: { kind: 'confirm', token: (token ?? '').trim(), post, ...(confirmed ? { confirmed } : {}) },
  };
}

function protocolOf(c: { protocol?: string | undefined } | null): ConfirmedView {
  return c?.protocol ? { protocol: c.protocol } : {};
}

/**
 * POST /confirmar: the post, as a direct post ran before (its case, reply and assignment, once),
 * then the pending submission marked with its case. A later POST of the link runs the same path,
 * which answers the stored case's first answer.
 */
export async function confirmSubmission(
  token: string | null,
  deps: WebformDeps,
): Promise<FormPostResult | ConfirmProblem> {
  const opened = await openLink(token, deps);
  if (!opened.ok) return problem(opened.error);
  const { pending } = opened;
  // The form as it was validated when posted.
  const data = pending.form as WebformData;
  const result = await storeSubmission(
    data,
    pending.pendingUploadId,
    { source: keySourceOf(pending.id), current: pending.id },
    deps,
    pending.repeatUploadId,
    true,
    // Joined to her case of its ticket (no case of its own): again, the same case.
    pending.confirmedCaseId !== undefined && pending.confirmedCaseId !== caseIdFor('webform', pending.id)
      ? pending.confirmedCaseId
      : undefined,
  );
  if (result.event.kind === 'submitted' && pending.confirmedCaseId === undefined) {
    await deps.pendingSubmissions.markConfirmed(pending.id, result.event.caseId);
  }
  return result;
}
