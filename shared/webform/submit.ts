/**
 * The application service behind POST /casos: limits, validation, idempotency key, then the post
 * is kept and its work queued: one that cites a ticket waits for its confirmation link (confirm.ts,
 * trust hole F1), one that cites none is answered with its guidance and stored by the queue's
 * consumer (guidance-post.ts); storeSubmission — the same intake path as email (processSubmission)
 * — runs on the confirmation or in that consumer. It answers with a status, a page view and a JSON
 * body; the handler picks the representation. Bad input never throws: only a failure of our own
 * dependencies (DynamoDB, SES, the queue) does, and the handler turns it into a 503.
 */
import { hourWindowStart } from '../domain/rate-keys';
import { createHash } from 'node:crypto';
import {
  currentDueDate,
  decideSubmission,
  type IntakeDeps,
  type IntakeResult,
  joinCase,
  processSubmission,
  replyToRetry,
  ticketCandidatesOf,
  herOpenCaseOfTicket,
  ticketHolderOf,
} from '../app/intake';
import { THREAD_TEXTS } from '../app/threading';
import { attachmentMissing } from '../domain/attachment-mention';
import { type CaseRecord, caseIdFor, NO_TEXTS } from '../domain/case';
import type { MessageLanguage } from '../domain/text';
import type { Outcome } from '../domain/outcome';
import type { AttachmentMeta, Submission } from '../domain/submission';
import { infectedNoticeMayGo, renderInfectedNotice } from '../domain/uploads/infected-notice';
import { mailInfectedNotice } from '../app/infected-notice';
import { caseLanguage } from '../domain/lifecycle/merchant-words';
import { filesCountPt, isPendingId, uploadPrefix } from '../domain/uploads/plan';
import type { ConfirmationMailRequests, PendingSubmissionStore, RateLimiter } from '../ports';
import type { ReplySecret } from '../domain/lifecycle/reply-address';
import type { MailLifecycle } from '../app/lifecycle/mail-lifecycle';
import { awaitsConfirmation, requestConfirmation } from './confirm';
import { requestGuidance } from './guidance-post';
import { keepPending, type SubmissionKeys } from './pending';
import type { Decision } from '../domain/decision';
import type { OuvidoriaConfig } from '../domain/config';
import type { UploadStore } from '../uploads/ports';
import {
  FORM_LIMITS,
  type FieldErrors,
  formValues,
  honeypotFilled,
  mediaType,
  parseFormBody,
  REQUEST_MESSAGES,
  type RequestProblem,
  topicLabel,
  validateFields,
  type WebformData,
} from './form';
import { type GuidanceOutcome, guidanceFor, guidanceVariantOf } from '../domain/guidance';
import { foreignGuidanceText } from '../domain/replies';
import { type MultipartFile, parseMultipart } from './multipart';
import { type AttachmentView, openCasesText, type WebformView } from './page';
import { JOINED_WORDS, PAGE_WORDS } from './page-words';
import {
  type ClaimedUploads,
  claimUploads,
  filesNotInCase,
  giveBackClaimed,
  handOverClaimed,
  releaseUnheld,
  storeFormFiles,
  withinSenderBudget,
} from './uploads';
import { HOUR_SECONDS } from '../domain/instant';

/**
 * `uploads`: the uploads bucket; without it the form has no file field and files are refused.
 * `pendingSubmissions`, `confirmMails` and `linkSecret`: a post that cites a ticket waits for its
 * confirmation link (trust hole F1, confirm.ts), queued on `confirmMails` and mailed by that queue's
 * consumer, signed with the office's link secret (read on first use).
 */
export type WebformDeps = IntakeDeps & {
  rateLimiter: RateLimiter;
  uploads?: UploadStore | undefined;
  pendingSubmissions: PendingSubmissionStore;
  confirmMails: ConfirmationMailRequests;
  linkSecret: () => Promise<ReplySecret>;
  /**
   * The case lifecycle's handling of her message on a case (mail-lifecycle.ts merchantReply), for a
   * confirmed post that joins her case of its ticket (joinHerCaseOfTicket): it moves the case as her
   * mail would (wait → in progress, a closed case reopened within its window) and forwards it with
   * the staff reply address. Built on the first join: the rest of the webform never loads it.
   */
  caseLifecycle?: () => Promise<Pick<MailLifecycle, 'merchantReply'>>;
};

/** Hidden field the enhancement script fills with the pending upload id. */
export const PENDING_FIELD = 'anexosId';
/** The file input's name (multipart posts without JavaScript). */
export const FILES_FIELD = 'anexos';
/** API Gateway's payload limit for HTTP APIs: a multipart post can be at most this big. */
export const MAX_MULTIPART_BYTES = 10 * 1024 * 1024;

export interface FormPostInput {
  /** The body as API Gateway delivered it (see isBase64Encoded). */
  body: string;
  contentType: string;
  isBase64Encoded?: boolean;
  /** Value of the Idempotency-Key header, if the client sent one. */
  idempotencyKey?: string;
  /** requestContext.http.sourceIp: the TCP peer API Gateway saw (X-Forwarded-For is client-controlled). */
  sourceIp: string;
}

export type RejectReason =
  | RequestProblem
  | 'validation'
  | 'honeypot'
  | 'rate_limit'
  | 'open_cases'
  | 'attachments'
  | 'key_reused';

/** What happened, for logs and metrics (no personal data in it). */
export type FormPostEvent =
  | {
      kind: 'submitted';
      outcome: Outcome;
      duplicate: boolean;
      caseId: string;
      keySource: 'header' | 'content';
      /** Files this post claimed whose scan result had not arrived yet (counted for AntivirusSilent). */
      unscannedUploads?: number;
      /** Its automatic reply failed for a reason a retry can fix (replyToRetry): a queue consumer retries. */
      replyNotSent?: true;
      /** A confirmed post added to her open case of the same ticket (caseId), no case of its own. */
      joined?: true;
    }
  | { kind: 'rejected'; reason: RejectReason; fields?: string[] }
  /**
   * A post that cites a ticket, waiting for its confirmation link (queued; whether it is mailed is
   * the queue consumer's to log). `repeat`: the same form as a pending one.
   */
  | { kind: 'pending'; repeat: boolean; keySource: 'header' | 'content' };

export interface FormPostResult {
  status: number;
  /** Extra response headers (Retry-After). */
  headers: Record<string, string>;
  /** The page to render for browsers. */
  view: WebformView;
  /** The body for JSON clients. */
  json: Record<string, unknown>;
  event: FormPostEvent;
}

/**
 * The webform's reply-claim wait (ReplyClaimWait): a claim on a webform case is held by a webform
 * invocation, which lives at most its function's timeout (10 s; test/infra checks it stays below
 * `staleAfterMs`). A resubmission waits up to `maxWaitMs` for the holder, within its own timeout.
 */
export const WEBFORM_REPLY_CLAIM = { staleAfterMs: 15_000, maxWaitMs: 6_000, pollMs: 1_000 } as const;

/**
 * The webform's ticketHolderWait: a confirmed post whose ticket a concurrent post of hers is storing
 * looks again for a moment, then joins it (or answers 503, and her retry joins it). Short: the reply
 * claim's wait may come on top within the function's 10 s timeout.
 */
export const WEBFORM_TICKET_HOLDER_WAIT = { maxWaitMs: 2_000, pollMs: 250 } as const;

/** Same content from the same address within this window is one submission (double click, retry). */
export const CONTENT_DEDUP_WINDOW_MS = 10 * 60 * 1000;

/**
 * Rate-limit identity of a client IP. IPv4-mapped IPv6 is read as IPv4; IPv6 is cut to its /64,
 * the block one subscriber usually holds (otherwise a client could rotate addresses within it).
 * Returned hashed: the counter items in DynamoDB do not hold the address itself.
 */
export function rateLimitKey(sourceIp: string): string {
  const ip = sourceIp.trim().toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(ip);
  let identity = mapped?.[1] ?? ip;
  if (!mapped && ip.includes(':')) identity = `${ipv6Prefix64(ip)}::/64`;
  return `webform-ip:${createHash('sha256').update(identity).digest('hex').slice(0, 32)}`;
}

function ipv6Prefix64(ip: string): string {
  const [head = '', tail] = ip.split('::', 2);
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = Math.max(0, 8 - headGroups.length - tailGroups.length);
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array(missing).fill('0'), ...tailGroups];
  return groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':');
}

/**
 * Counts one request of the client's connection in this hour (rateLimitKey; `scope`: a counter of
 * its own beside the form's posts and upload policies) and returns the seconds to wait once it is
 * past `limits.webformPerIpPerHour`, undefined while within. Per-IP limits live in the application:
 * AWS WAF cannot be associated with API Gateway HTTP APIs (only REST APIs, ALB, CloudFront, AppSync…),
 * so the counter lives in our DynamoDB table.
 */
export async function connectionOverLimit(
  deps: Pick<WebformDeps, 'rateLimiter' | 'clock' | 'config'>,
  sourceIp: string,
  scope?: 'status' | 'confirm',
): Promise<number | undefined> {
  const now = deps.clock.now();
  const windowStart = hourWindowStart(now);
  const key = scope ? `${scope}-${rateLimitKey(sourceIp)}` : rateLimitKey(sourceIp);
  const hits = await deps.rateLimiter.hit(key, windowStart, HOUR_SECONDS);
  if (hits <= deps.config.limits.webformPerIpPerHour) return undefined;
  return Math.max(1, Math.ceil((windowStart.getTime() + HOUR_SECONDS * 1000 - now.getTime()) / 1000));
}

/** Printable ASCII, 1–200 characters (RFC 9110 token-ish); anything else is ignored. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

function sha256(parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}

/**
 * The submission's idempotency key (its sourceId).
 * - With an Idempotency-Key header: hashed together with the sender address, so a key can only
 *   ever collide with the same person's own submissions (nobody learns another case's protocol
 *   by replaying someone else's key).
 * - Without: a hash of what makes the content the same submission, per 10-minute bucket.
 */
export function submissionKeys(
  data: WebformData,
  idempotencyKey: string | undefined,
  now: Date,
): { source: 'header' | 'content'; current: string; previous?: string } {
  const key = idempotencyKey?.trim();
  if (key && IDEMPOTENCY_KEY.test(key)) {
    return { source: 'header', current: `key-${sha256(['key', data.email, key])}` };
  }
  const bucket = Math.floor(now.getTime() / CONTENT_DEDUP_WINDOW_MS);
  const description = data.descricao.toLowerCase().replace(/\s+/g, ' ').trim();
  const ticket = (data.chamado ?? '').replace(/\D/g, '').replace(/^0+/, '');
  const content = (b: number) =>
    `form-${sha256(['form', data.email, description, ticket, data.assunto, String(data.naoCliente), String(b)])}`;
  // The previous bucket too: a double click that straddles a bucket boundary is still one case.
  return { source: 'content', current: content(bucket), previous: content(bucket - 1) };
}

export function buildSubmission(
  data: WebformData,
  sourceId: string,
  receivedAt: Date,
  attachments: Submission['attachments'] = [],
): Submission {
  return {
    channel: 'webform',
    sourceId,
    receivedAt: receivedAt.toISOString(),
    sender: { name: data.nome, address: data.email.toLowerCase() },
    recipients: [],
    subject: `Formulário: ${topicLabel(data.assunto)}`,
    text: data.descricao,
    references: [],
    headers: {},
    attachments,
    formTicket: data.chamado,
    storeName: data.loja,
    formTopic: data.assunto,
    isClient: !data.naoCliente,
  };
}

const PROBLEM_TITLES: Record<RequestProblem, string> = {
  too_large: 'Mensagem grande demais',
  unsupported_type: 'Formato não suportado',
  malformed_json: 'Não foi possível ler os dados enviados',
  not_an_object: 'Não foi possível ler os dados enviados',
  bad_encoding: 'Não foi possível ler os dados enviados',
};

const KEY_REUSED_TITLE = 'Chave de envio já usada';
const KEY_REUSED_MESSAGE =
  'Esta chave de envio (Idempotency-Key) já foi usada com outro formulário. Para um novo pedido, envie sem ela ou com uma chave nova.';

export const RATE_LIMIT_MESSAGE =
  'Recebemos muitos envios a partir da sua conexão na última hora. Tente novamente mais tarde.';
const RECEIVED_MESSAGE =
  'Recebemos a sua mensagem. Se a sua solicitação estiver dentro do escopo da Ouvidoria, você receberá uma resposta por e-mail.';

function rejected(
  status: number,
  reason: RejectReason,
  view: WebformView,
  json: Record<string, unknown>,
  headers: Record<string, string> = {},
  fields?: string[],
): FormPostResult {
  return { status, headers, view, json, event: { kind: 'rejected', reason, ...(fields ? { fields } : {}) } };
}

export async function handleFormPost(input: FormPostInput, deps: WebformDeps): Promise<FormPostResult> {
  const { config, clock } = deps;
  const now = clock.now();

  // Counted before parsing, so that garbage posts are limited too.
  const retryAfter = await connectionOverLimit(deps, input.sourceIp);
  if (retryAfter !== undefined) {
    return rejected(
      429,
      'rate_limit',
      { kind: 'rate-limited', retryAfterSeconds: retryAfter },
      { message: RATE_LIMIT_MESSAGE, retryAfterSeconds: retryAfter },
      { 'retry-after': String(retryAfter) },
    );
  }

  const multipart = await readMultipart(input, deps);
  const parsed =
    multipart ??
    parseFormBody({
      body: input.body,
      contentType: input.contentType,
      isBase64Encoded: input.isBase64Encoded,
    });
  if (!parsed.ok) {
    return rejected(
      parsed.status,
      parsed.problem,
      { kind: 'problem', title: PROBLEM_TITLES[parsed.problem], message: parsed.message },
      { message: parsed.message, error: parsed.problem },
    );
  }

  // Files she attached (on the post, or uploaded under the pending id the script sent) carry her
  // account: a short description pointing to them is enough ("Ver anexo.").
  const pendingField = parsed.fields[PENDING_FIELD];
  const files = multipart?.ok ? multipart.files : [];
  const validated = validateFields(parsed.fields, { attached: files.length > 0 || isPendingId(pendingField) });
  const invalidFields = (errors: FieldErrors) =>
    rejected(
      400,
      'validation',
      { kind: 'form', values: formValues(parsed.fields), errors },
      { message: 'Corrija os campos indicados e envie novamente.', errors },
      {},
      Object.keys(errors),
    );
  if (!validated.ok) return invalidFields(validated.errors);

  // A filled honeypot is a bot: answer like a success so it learns nothing, store nothing
  // (bot text would only bury real cases in the review queue), and count it (metric).
  if (honeypotFilled(parsed.fields)) {
    return rejected(200, 'honeypot', { kind: 'received' }, { outcome: 'RECEIVED', message: RECEIVED_MESSAGE });
  }

  const data = validated.data;
  // Files: those of a multipart post are checked on their bytes and stored now; those the
  // script sent to S3 are found under the pending id. Both count against the sender's budget.
  let pendingId = typeof pendingField === 'string' && pendingField !== '' ? pendingField : undefined;
  // A pending id that is no id (a list, an object, garbage) names files she believes attached: say
  // so, rather than store the case without them. An empty field is the form without files.
  const unreadablePending = pendingField !== undefined && pendingField !== '' && !isPendingId(pendingField);
  if (files.length > 0 || pendingId || unreadablePending) {
    const attachmentProblem = (message: string) =>
      rejected(
        400,
        'attachments',
        { kind: 'form', values: formValues(parsed.fields), attachmentsError: message },
        { message, errors: { [FILES_FIELD]: message } },
        {},
        [FILES_FIELD],
      );
    if (!deps.uploads) return attachmentProblem(ATTACHMENTS_OFF);
    if (unreadablePending) return attachmentProblem(PENDING_UNREADABLE_MESSAGE);
    const uploadDeps = { ...deps, uploads: deps.uploads };
    const stored = await storeFormFiles(files, uploadDeps);
    if (!stored.ok) return attachmentProblem(stored.message);
    pendingId = stored.pendingId ?? pendingId;
    const count =
      files.length > 0 || !pendingId
        ? files.length
        : (await deps.uploads.list(uploadPrefix(pendingId)).catch(() => [])).length;
    if (!(await withinSenderBudget(data.email, rateLimitKey(input.sourceIp), count, uploadDeps)))
      return attachmentProblem(SENDER_FILES_MESSAGE);
    // A pending id under which nothing arrived carries no account: the description must tell it.
    const unattached = count === 0 ? validateFields(parsed.fields) : undefined;
    if (unattached && !unattached.ok) return invalidFields(unattached.errors);
  }
  const keys = submissionKeys(data, input.idempotencyKey, now);
  // Whose ticket it is depends on who owns the address: nothing is decided in her name until her
  // mailbox confirms (trust hole F1). The answer is the same whatever the ticket and address say.
  const waitsForLink = awaitsConfirmation(data, now, config);
  const kept = await keepPending(data, pendingId, keys, waitsForLink, deps);
  if (kept.keyReused) {
    return rejected(
      422,
      'key_reused',
      { kind: 'problem', title: KEY_REUSED_TITLE, message: KEY_REUSED_MESSAGE },
      { message: KEY_REUSED_MESSAGE, error: 'idempotency_key_reused' },
    );
  }
  if (waitsForLink) return requestConfirmation(kept, pendingId, keys, deps);
  return requestGuidance(kept, pendingId, keys, deps);
}

/** A confirmed post on its way to join her case: hers, and the case id it would have of its own. */
interface JoinRequest {
  data: WebformData;
  /** The case the post would be if it joined none. */
  caseId: string;
  sourceId: string;
  pendingId: string | undefined;
  keySource: 'header' | 'content';
  now: Date;
  /**
   * Her open-case cap stopped the post: it holds no slot, so it claims no ticket (herOpenCaseOfTicket
   * only reads), and a join the lifecycle refuses leaves nothing behind (it is then refused, 409).
   */
  atCap?: true;
}

/**
 * A confirmed post naming the ticket of her open case (or one closed within the reopen window) joins
 * that case, as her proven mail naming it does (intake.ts ticketHolderOf): one complaint, one case,
 * one analyst, whichever way she writes. The link proved the mailbox (trust hole F1), which is what a
 * proven From proves of a mail. Otherwise the post's case holds her ticket from now on, so that her
 * mail naming it later joins it. Undefined: no case of hers to join.
 */
async function joinHerCaseOfTicket(
  ticket: Decision['ticket'],
  post: JoinRequest,
  deps: WebformDeps,
): Promise<FormPostResult | undefined> {
  if (ticket.status !== 'valid' && ticket.status !== 'unverified') return undefined;
  const { email } = post.data;
  let parent: CaseRecord | null;
  if (post.atCap) parent = await herOpenCaseOfTicket(email, ticket.number, deps);
  else {
    const holder = await ticketHolderOf(email, ticket.number, post.caseId, deps, true);
    parent = holder.kind === 'join' ? holder.parent : null;
  }
  return parent ? joinedTo(parent, ticket.number, post, deps) : undefined;
}

/** Her confirmed post added to `parent` (its files claimed for it), and the page that says so. */
async function joinedTo(
  parent: CaseRecord,
  ticket: string,
  post: JoinRequest,
  deps: WebformDeps,
): Promise<FormPostResult | undefined> {
  const { data, caseId, sourceId, pendingId, keySource, now } = post;
  // Her files go to the case they join: the scan's answer and the console find them there.
  const claimed =
    deps.uploads && pendingId
      ? await claimUploads(pendingId, parent.caseId, { ...deps, uploads: deps.uploads })
      : { attachments: [], infected: [] };
  const lifecycle = deps.caseLifecycle ? await deps.caseLifecycle() : undefined;
  const joined = await joinCase(parent, buildSubmission(data, sourceId, now, claimed.attachments), deps, lifecycle);
  // The lifecycle refused it (closed past its reopen window in the meantime, no analyst, its record
  // at its ceiling): a case of its own, as her mail would get — and her files go with it.
  if (!joined) {
    // Not a file a message of that case lists (the same pending id posted before, and joined).
    const listed = new Set(parent.messages.flatMap((m) => m.attachments.map((a) => a.key)));
    const ours = claimed.attachments.filter((a) => !listed.has(a.key));
    // Stopped by her cap, the post has no case of its own: its files go back as a refused post
    // leaves them (pending, for her retry of the same post), and the ticket stays where it is.
    if (post.atCap) {
      if (deps.uploads) await giveBackClaimed(ours, caseId, deps.uploads);
      return undefined;
    }
    if (deps.uploads) await handOverClaimed(ours, caseId, deps.uploads);
    // And the ticket, as her mail's refused join passes it (intake.ts passedTicket): left with the
    // refused case, her next post on it could not join the new one. Conditional on the holder read;
    // a concurrent post of hers that took it keeps it.
    if (ticket) await deps.openCases.passTicket(data.email, ticket, parent.caseId, caseId, deps.clock.now());
    return undefined;
  }
  await deps.openCases.release(data.email, caseId);
  // Her infected file is told to her as on a new case (once: a repeated confirmation appends nothing).
  if (claimed.infected.length > 0 && joined.appended && !(await deps.bounces.isSuppressed(data.email, now))) {
    await sendInfectedNotice(data.email, data.nome, claimed.infected, parent, deps);
  }
  const protocol = joined.protocol ?? parent.protocol ?? '';
  // Reopened by her message: the page gives the deadline the reopening set (and mailed her).
  const current = joined.reopened ? await deps.cases.get(parent.caseId, NO_TEXTS) : parent;
  const dueDate = !current || current.status === 'CLOSED' ? undefined : currentDueDate(current, deps.config);
  const attachments = attachmentViews(claimed.attachments);
  const unscanned = claimed.attachments.filter((a) => a.scan === 'PENDING').length;
  return {
    status: 200,
    headers: {},
    view: {
      kind: 'joined',
      protocol,
      ticket,
      attachments,
      ...(dueDate ? { dueDate } : {}),
      ...(joined.reopened ? { reopened: true as const } : {}),
    },
    json: {
      outcome: 'JOINED',
      protocol,
      attachments,
      message: JOINED_WORDS.message(protocol),
      ...(dueDate ? { dueDate } : {}),
    },
    event: {
      kind: 'submitted',
      outcome: 'ACCEPTED',
      duplicate: !joined.appended,
      caseId: parent.caseId,
      keySource,
      joined: true,
      ...(unscanned > 0 ? { unscannedUploads: unscanned } : {}),
    },
  };
}

/**
 * A validated post from the open-case cap on: its case (or its guidance), idempotent by its key.
 * Run by the webform's mail queue consumer for a post that cites no ticket (guidance-post.ts), and
 * on confirmation (confirm.ts) for one that does.
 */
export async function storeSubmission(
  data: WebformData,
  pendingId: string | undefined,
  keys: SubmissionKeys,
  deps: WebformDeps,
  /** The files of a repeat of a confirmed post (confirm.ts): named on the page when the case lacks them. */
  repeatUploadId?: string,
  /** Her mailbox confirmed the post (its link, confirm.ts): it joins her case of its ticket, or its case holds it (joinHerCaseOfTicket). */
  mailboxConfirmed = false,
  /**
   * The case a confirmation of this post joined before (confirm.ts: the link POSTed again): the
   * post has no case of its own, and deciding afresh would open one once that case closed long ago.
   */
  joinedCaseId?: string,
): Promise<FormPostResult> {
  const { config, cases } = deps;
  const now = deps.clock.now();
  if (joinedCaseId !== undefined && mailboxConfirmed) {
    const parent = await cases.get(joinedCaseId, THREAD_TEXTS);
    const ticket = ticketCandidatesOf(buildSubmission(data, keys.current, now), config)[0]?.number ?? '';
    const again =
      parent &&
      (await joinedTo(
        parent,
        ticket,
        {
          data,
          caseId: caseIdFor('webform', keys.current),
          sourceId: keys.current,
          pendingId,
          keySource: keys.source,
          now,
        },
        deps,
      ));
    if (again) return again;
  }
  // The record read here is handed to the intake, which then reads nothing of its own (issue 16).
  // Content keys: the current bucket's case, else the previous one's (a double click straddling
  // the boundary), looked up in one request.
  const stored = keys.previous
    ? await cases.getFirstStored([caseIdFor('webform', keys.current), caseIdFor('webform', keys.previous)])
    : await cases.get(caseIdFor('webform', keys.current));
  const sourceId = stored?.sourceId ?? keys.current;
  const known = stored !== null;

  // A retry of a stored submission always gets its first answer (its record, not a new decision);
  // the cap only stops new cases. A new one is decided first (issue 16): the decision reads the
  // form alone (not its files, not the sender's open cases), so only a post that will be accepted
  // takes a slot, and a guidance outcome never touches the sender's open-cases item (no reserve,
  // no give-back, no expiry write). Left as before: an attempt that dies between its reservation and
  // the case keeps the slot until a retry of the same post stores it (one decided otherwise, or none
  // at all, leaves it taken).
  const caseId = caseIdFor('webform', sourceId);
  const limit = config.limits.maxOpenCasesPerSender;
  const decided = known ? undefined : await decideSubmission(buildSubmission(data, sourceId, now), deps);
  // The cap is one conditional write on the sender's open-cases item (never count-then-create):
  // concurrent posts cannot pass it. Files are claimed only past it: a refused post leaves them pending.
  const reserving = decided?.decision.outcome === 'ACCEPTED';
  if (reserving && !(await deps.openCases.reserve(data.email, caseId, limit))) {
    // At her cap, a confirmed post naming the ticket of her open case opens nothing: it joins that case.
    const joined = mailboxConfirmed
      ? await joinHerCaseOfTicket(
          decided.decision.ticket,
          { data, caseId, sourceId, pendingId, keySource: keys.source, now, atCap: true },
          deps,
        )
      : undefined;
    if (joined) return joined;
    return rejected(
      409,
      'open_cases',
      { kind: 'open-cases', limit },
      {
        message: `${openCasesText(limit)}. Para acrescentar informações, responda ao e-mail de confirmação ${limit === 1 ? 'dele' : 'de um deles'}.`,
        limit,
      },
    );
  }

  if (reserving && mailboxConfirmed) {
    let joined: FormPostResult | undefined;
    try {
      joined = await joinHerCaseOfTicket(
        decided.decision.ticket,
        { data, caseId, sourceId, pendingId, keySource: keys.source, now },
        deps,
      );
    } catch (error) {
      // No case of its own was stored: the slot goes back (her retry reserves it again).
      await deps.openCases.release(data.email, caseId).catch(() => undefined);
      throw error;
    }
    if (joined) return joined;
  }

  let result: IntakeResult;
  let claimed: ClaimedUploads = { attachments: [], infected: [] };
  try {
    if (deps.uploads && pendingId && !known)
      claimed = await claimUploads(pendingId, caseId, { ...deps, uploads: deps.uploads });
    const submission = buildSubmission(data, sourceId, now, claimed.attachments);
    result = await processSubmission(submission, deps, stored, decided ? { decided } : undefined);
  } catch (error) {
    // Nothing stored: the slot goes back (a retry of the same post reserves it again).
    if (reserving && (await cases.get(caseId, NO_TEXTS).catch(() => undefined)) === null) {
      await deps.openCases.release(data.email, caseId).catch(() => undefined);
    }
    throw error;
  }
  // The slot is given back unless the post became an open case (a concurrent duplicate of it,
  // decided otherwise, may have stored the case first).
  if (reserving && !(result.kind === 'case' && result.outcome === 'ACCEPTED')) {
    await deps.openCases.release(data.email, caseId);
  }
  // Lost the race to an identical post (the case is the other's, with its files): what this one
  // claimed is no file of the case. The winner's own files are the case's: nothing to release.
  if (deps.uploads && claimed.attachments.length > 0 && result.kind === 'case') {
    await releaseUnheld(claimed.attachments, result.attachments, caseId, deps.uploads);
  }
  // The post that created the case tells her of its infected files: a duplicate (a race lost too) does not.
  if (claimed.infected.length > 0 && result.kind === 'case' && !result.duplicate && infectedNoticeMayGo(result.reply)) {
    await sendInfectedNotice(data.email, data.nome, claimed.infected, result, deps);
  }
  const listed = result.kind === 'case' ? attachmentViews(result.attachments) : [];
  // The same form sent again with a file she forgot: its case is the first post's, which claims
  // nothing of this one. The page names the files left out and how to send them.
  const notAddedFrom = [...new Set([known ? pendingId : undefined, repeatUploadId])].filter(
    (id): id is string => id !== undefined,
  );
  const filesNotAdded: string[] = [];
  if (result.kind === 'case' && deps.uploads) {
    for (const id of notAddedFrom) {
      filesNotAdded.push(...(await filesNotInCase(id, result.attachments, deps.uploads).catch(() => [])));
    }
  }
  // Her text announces a file and the case holds none: the page says so, as her acknowledgement does.
  const missingAttachment =
    result.kind === 'case' &&
    filesNotAdded.length === 0 &&
    attachmentMissing({ text: data.descricao, attachments: result.attachments });
  const reply = answer(result, keys.source, deps, listed, missingAttachment, filesNotAdded);
  const unscannedUploads = claimed.attachments.filter((a) => a.scan === 'PENDING').length;
  return unscannedUploads > 0 && reply.event.kind === 'submitted'
    ? { ...reply, event: { ...reply.event, unscannedUploads } }
    : reply;
}

const ATTACHMENTS_OFF = 'Este formulário não aceita anexos no momento. Envie a manifestação sem arquivos.';
const PENDING_UNREADABLE_MESSAGE =
  'Não foi possível localizar os arquivos anexados. Selecione os arquivos de novo e envie a manifestação.';
// Her other way in: the acknowledgement invites replies, and a reply's files join the case.
const SENDER_FILES_MESSAGE =
  'O limite diário de arquivos pelo formulário foi atingido. Envie a manifestação sem anexos e, depois, responda com os arquivos ao e-mail da Ouvidoria que traz o protocolo, ou tente novamente amanhã.';

/** The body of a multipart post (files and fields), or undefined for other types. */
async function readMultipart(
  input: FormPostInput,
  deps: WebformDeps,
): Promise<
  | { ok: true; fields: Record<string, unknown>; files: MultipartFile[]; format: 'multipart' }
  | { ok: false; status: 400 | 413; problem: RequestProblem; message: string }
  | undefined
> {
  if (mediaType(input.contentType) !== 'multipart/form-data') return undefined;
  const bytes = Buffer.from(input.body, input.isBase64Encoded ? 'base64' : 'utf8');
  if (bytes.length > MAX_MULTIPART_BYTES)
    return { ok: false, status: 413, problem: 'too_large', message: REQUEST_MESSAGES.tooLarge };
  const limits = deps.config.attachments;
  const parsed = await parseMultipart(bytes, input.contentType, {
    maxFiles: limits.maxFiles,
    maxFileBytes: limits.maxFileBytes,
    maxFieldBytes: FORM_LIMITS.maxBodyBytes,
  });
  if (!parsed.ok) {
    const message =
      parsed.problem === 'too_many_files'
        ? `Envie no máximo ${filesCountPt(limits.maxFiles)}.`
        : 'Não foi possível ler os dados enviados.';
    return { ok: false, status: 400, problem: 'malformed_json', message };
  }
  return { ok: true, fields: parsed.fields, files: parsed.files, format: 'multipart' };
}

/** The stored files of the case's first message, as the intake's result carries them (no read back). */
function attachmentViews(attachments: AttachmentMeta[]): AttachmentView[] {
  return attachments
    .filter((a) => a.key)
    .map((a) => ({ name: a.filename ?? 'anexo', size: a.size, type: a.contentType, scan: a.scan ?? 'PENDING' }));
}

/** The merchant is told, in the case's language, that a file they sent is in quarantine. Never blocks the case. */
async function sendInfectedNotice(
  to: string,
  senderName: string,
  names: string[],
  /** The case the files went to: its protocol and language. */
  result: { caseId: string; protocol?: string | undefined; decision?: { language?: MessageLanguage } | undefined },
  deps: WebformDeps,
): Promise<void> {
  const content = renderInfectedNotice(names, result.protocol, deps.config, senderName, caseLanguage(result));
  try {
    await mailInfectedNotice(to, result.caseId, content, deps);
  } catch {
    // The case and its quarantine stand; the note is best effort (the analyst notice lists the file).
  }
}

function answer(
  result: IntakeResult,
  keySource: 'header' | 'content',
  deps: WebformDeps,
  attachments: AttachmentView[] = [],
  missingAttachment = false,
  filesNotAdded: string[] = [],
): FormPostResult {
  if (result.kind !== 'case') {
    // Webform submissions never thread into an existing case; answer neutrally if one ever does.
    return {
      status: 200,
      headers: {},
      view: { kind: 'received' },
      json: { outcome: 'RECEIVED', message: RECEIVED_MESSAGE },
      event: { kind: 'submitted', outcome: 'ACCEPTED', duplicate: true, caseId: result.caseId, keySource },
    };
  }
  const event: FormPostEvent = {
    kind: 'submitted',
    outcome: result.outcome,
    duplicate: result.duplicate,
    caseId: result.caseId,
    keySource,
    ...(replyToRetry(result.reply) ? { replyNotSent: true } : {}),
  };
  const emailed = result.reply?.status === 'sent';
  // The page and the JSON speak the language the mail was written in.
  const language = caseLanguage(result);
  const foreign = language !== 'pt-BR' ? { language } : {};
  if (result.outcome === 'ACCEPTED' && result.protocol) {
    const closed = result.status === 'CLOSED';
    return {
      status: 201,
      headers: {},
      view: {
        kind: 'accepted',
        protocol: result.protocol,
        emailed,
        attachments,
        ...(result.dueDate ? { dueDate: result.dueDate } : {}),
        ...(closed ? { closed: true as const } : {}),
        ...(missingAttachment ? { missingAttachment } : {}),
        ...(filesNotAdded.length > 0 ? { filesNotAdded } : {}),
        ...foreign,
      },
      json: {
        outcome: result.outcome,
        protocol: result.protocol,
        attachments,
        message: PAGE_WORDS[language].accepted.message(result.protocol),
        ...(result.dueDate ? { dueDate: result.dueDate } : {}),
        ...(closed ? { closed: PAGE_WORDS[language].accepted.closed } : {}),
        ...(missingAttachment ? { missingAttachment: PAGE_WORDS[language].accepted.missingAttachment } : {}),
        ...(filesNotAdded.length > 0
          ? { filesNotAdded: { files: filesNotAdded, message: PAGE_WORDS[language].accepted.filesNotAdded.join(' ') } }
          : {}),
        ...foreign,
      },
      event,
    };
  }
  if (result.outcome === 'ACCEPTED' || result.outcome === 'QUARANTINED') {
    return {
      status: 200,
      headers: {},
      view: { kind: 'received' },
      json: { outcome: 'RECEIVED', message: RECEIVED_MESSAGE },
      event,
    };
  }
  return guidanceAnswer(result.outcome, result.decision, event, deps.config);
}

/**
 * The answer to a post whose outcome is guidance: the page and the JSON say what the reply mail
 * says, in the language she wrote in (from the decision alone: guidance-post.ts answers before the
 * case is stored).
 */
export function guidanceAnswer(
  outcome: GuidanceOutcome,
  decision: Decision,
  event: FormPostEvent,
  config: OuvidoriaConfig,
): FormPostResult {
  const { ticket } = decision;
  const variant = decision.replyVariant;
  const language = caseLanguage({ decision });
  const foreign = language !== 'pt-BR' ? { language } : {};
  return {
    status: 200,
    headers: {},
    view: {
      kind: 'guidance',
      outcome,
      ticket,
      ...(variant ? { variant } : {}),
      ...foreign,
    },
    // The JSON says what the page says: the mail's words in Spanish or English; in pt-BR the
    // guidance the page shows (its variants: guidanceVariantOf).
    json: {
      outcome,
      guidance:
        foreignGuidanceText(outcome, { ticket, variant, language, channel: 'webform' }, config) ??
        guidanceFor(outcome, config, ticket, guidanceVariantOf(variant)),
      ...foreign,
    },
    event,
  };
}
