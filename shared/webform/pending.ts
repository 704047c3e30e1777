/**
 * A webform post kept as a pending submission (`PENDING#<id>`), for the work the webform's mail
 * queue does after the post's answer: a post that cites a ticket waits there for its confirmation
 * link (confirm.ts), one that cites none for its case and guidance reply (guidance-post.ts).
 */
import { confirmLinkExpiry } from '../domain/webform-confirmation';
import type { PendingForm, PendingSubmission } from '../ports';
import type { WebformData } from './form';
import type { WebformDeps } from './submit';

export type SubmissionKeys = { source: 'header' | 'content'; current: string; previous?: string };

/**
 * How long a post that cites no ticket is kept for its case (guidance-post.ts): as long as the
 * webform's mail queue and its dead-letter queue keep its message (SQS's maximum, 14 days; test/infra
 * holds them to it). Its case is stored by that message alone, and a failure of ours (SES or DynamoDB
 * down over a weekend) is replayed from the DLQ days later: kept only as long as a link (48 h), the
 * replay found it expired and dropped it, while she had been answered as if it were stored.
 */
export const GUIDANCE_POST_KEEP_DAYS = 14;

/** A post as kept: its pending submission (a repeat's is its first post's) and whether this call stored it. */
export type KeptPost = { pending: PendingSubmission; created: boolean; keyReused?: undefined };

export type KeptPending =
  | KeptPost
  /**
   * Her Idempotency-Key names a post she made with another form: the key is for retrying a post,
   * not for a new one (answered 422, as the IETF's Idempotency-Key draft asks). Otherwise her
   * second form would get the first one's answer and be stored by no one.
   */
  | { keyReused: true };

/**
 * The post's pending submission: the one the same form made before (in this content bucket or the
 * previous one: a double click, a retry, a file she forgot), else this one, stored. `created`: this
 * call stored it. `waitsForLink`: the post cites a ticket (confirm.ts awaitsConfirmation), and expires
 * with its confirmation link; one that cites none is kept GUIDANCE_POST_KEEP_DAYS (LGPD: the item's TTL).
 */
export async function keepPending(
  data: WebformData,
  pendingUploadId: string | undefined,
  keys: SubmissionKeys,
  waitsForLink: boolean,
  deps: Pick<WebformDeps, 'config' | 'clock' | 'pendingSubmissions'>,
): Promise<KeptPending> {
  const { config, pendingSubmissions } = deps;
  const now = deps.clock.now();
  const expiresAt = waitsForLink
    ? confirmLinkExpiry(now, config)
    : new Date(now.getTime() + GUIDANCE_POST_KEEP_DAYS * 24 * 3600 * 1000);
  const fresh: PendingSubmission = {
    id: keys.current,
    email: data.email.trim().toLowerCase(),
    form: pendingFormOf(data),
    ...(pendingUploadId ? { pendingUploadId } : {}),
    createdAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
  };
  const earlier = keys.previous ? await pendingSubmissions.get(keys.previous) : null;
  const created = earlier === null && (await pendingSubmissions.create(fresh));
  const pending = earlier ?? (created ? fresh : ((await pendingSubmissions.get(fresh.id)) ?? fresh));
  // A key made from the content names that content; only a client's own key can name another form.
  if (!created && keys.source === 'header' && !sameForm(pending.form, fresh.form)) return { keyReused: true };
  return { pending, created };
}

/** What a pending submission keeps of the form (everything she typed; the files are the upload's). */
function pendingFormOf(data: WebformData): PendingForm {
  return {
    nome: data.nome,
    email: data.email,
    ...(data.loja !== undefined ? { loja: data.loja } : {}),
    ...(data.chamado !== undefined ? { chamado: data.chamado } : {}),
    assunto: data.assunto,
    descricao: data.descricao,
    naoCliente: data.naoCliente,
  };
}

function sameForm(kept: PendingForm, fresh: PendingForm): boolean {
  return (
    kept.nome === fresh.nome &&
    kept.email === fresh.email &&
    kept.loja === fresh.loja &&
    kept.chamado === fresh.chamado &&
    kept.assunto === fresh.assunto &&
    kept.descricao === fresh.descricao &&
    kept.naoCliente === fresh.naoCliente
  );
}

/** How a pending submission's id was made (submit.ts submissionKeys): from the Idempotency-Key header, or the content. */
export function keySourceOf(id: string): 'header' | 'content' {
  return id.startsWith('key-') ? 'header' : 'content';
}
