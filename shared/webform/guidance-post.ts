/**
 * A webform post that cites no ticket: its guidance depends only on what the poster typed, so it is
 * answered at once from its decision — but its case and its reply mail are the webform's mail
 * queue's work, off the request path. Sent inline, the reply made the answer one SES call slower
 * when the mail went than when it was held (the address in the bounce memory, or guided on that
 * outcome today): a stranger timing posts in someone's name learnt that of her address.
 * - POST /casos (requestGuidance): the post is kept as a pending submission (pending.ts), the
 *   message `{ kind: 'guidance', id }` queued, and the guidance page answered — the same awaited work
 *   for every address.
 * - The queue's consumer (storeGuidancePost, in the webform function): the post's case, files and
 *   reply, as a direct post stored them (storeSubmission: idempotent by the post's key, so a
 *   redelivery, a double click or a retry makes one case and one reply).
 */
import { decideSubmission, ReplyNotSentYet } from '../app/intake';
import { caseIdFor } from '../domain/case';
import type { GuidanceOutcome } from '../domain/guidance';
import type { Outcome } from '../domain/outcome';
import { awaitsConfirmation } from './confirm';
import type { WebformData } from './form';
import { type KeptPost, keySourceOf, type SubmissionKeys } from './pending';
import { buildSubmission, type FormPostResult, guidanceAnswer, storeSubmission, type WebformDeps } from './submit';

/**
 * Keeps the post, queues its case and reply, and answers its guidance. The answer is the decision
 * on the form kept (a repeat's is its first post's, as a stored case's first answer was). A
 * decision that is no guidance (never, without a ticket: kept as a guard) is stored at once.
 * A message that could not be queued throws (503): the same post, sent again, queues it then.
 */
export async function requestGuidance(
  kept: KeptPost,
  pendingUploadId: string | undefined,
  keys: SubmissionKeys,
  deps: WebformDeps,
): Promise<FormPostResult> {
  const { pending, created } = kept;
  const form = pending.form as WebformData;
  const { decision } = await decideSubmission(buildSubmission(form, pending.id, deps.clock.now()), deps);
  if (!isGuidance(decision.outcome)) return storeSubmission(form, pendingUploadId, keys, deps);
  // A repeat queues too: its first attempt may have died before the case was stored.
  await deps.confirmMails.request({ kind: 'guidance', id: pending.id });
  return guidanceAnswer(
    decision.outcome,
    decision,
    {
      kind: 'submitted',
      outcome: decision.outcome,
      duplicate: !created,
      caseId: caseIdFor('webform', pending.id),
      keySource: keys.source,
    },
    deps.config,
  );
}

function isGuidance(outcome: Outcome): outcome is GuidanceOutcome {
  return outcome !== 'ACCEPTED' && outcome !== 'QUARANTINED';
}

/** What the consumer did with one guidance post (for its log line and metrics; nothing personal). */
export type GuidancePostOutcome =
  | { stored: true; outcome: Outcome; duplicate: boolean; unscannedUploads?: number }
  | { stored: false; why: 'gone' | 'expired' | 'awaits-confirmation' };

/**
 * The queue's consumer: the pending post's case, files and reply (storeSubmission, which the retry
 * of a failure resumes). A form that cites a ticket is never stored here, whatever the message
 * says: only its confirmation stores it (confirm.ts). Throws on a failure of ours: the queue
 * delivers the message again, and after its receives parks it in its DLQ.
 */
export async function storeGuidancePost(id: string, deps: WebformDeps): Promise<GuidancePostOutcome> {
  const now = deps.clock.now();
  const pending = await deps.pendingSubmissions.get(id);
  if (!pending) return { stored: false, why: 'gone' };
  if (now.getTime() >= new Date(pending.expiresAt).getTime()) return { stored: false, why: 'expired' };
  const form = pending.form as WebformData;
  if (awaitsConfirmation(form, now, deps.config)) return { stored: false, why: 'awaits-confirmation' };
  const result = await storeSubmission(
    form,
    pending.pendingUploadId,
    { source: keySourceOf(pending.id), current: pending.id },
    deps,
  );
  const e = result.event;
  if (e.kind !== 'submitted') throw new Error(`A guidance post was not stored: ${e.kind}`);
  // The queue delivers the message again: its retry only re-sends the reply.
  if (e.replyNotSent) throw new ReplyNotSentYet(e.caseId);
  return {
    stored: true,
    outcome: e.outcome,
    duplicate: e.duplicate,
    ...(e.unscannedUploads ? { unscannedUploads: e.unscannedUploads } : {}),
  };
}
