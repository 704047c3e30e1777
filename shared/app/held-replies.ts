/**
 * The held-reply sweep (domain/bounce-breaker.ts): a guidance reply the breaker held goes out once the
 * breaker is clear again, within HELD_REPLY_FRESH_MS, through the intake's own reply path — its claim
 * (claimHeldReply: one sender under concurrent sweeps and retries), the bounce memory of its address,
 * the daily limit, the send and its record (throttleAndSend) — so that a merchant who wrote during
 * an attacker's hour is answered late rather than never. The reply records when it was held
 * (ReplyState.heldAt): the console says it went late. Loop protection ran when it was planned: only
 * a reply the intake would have sent was ever held.
 */
import {
  HELD_REPLY_FRESH_MS,
  HELD_REPLY_READ_PER_RUN,
  HELD_REPLY_TRIES_PER_RUN,
  type HeldReply,
  heldReplyFresh,
  heldResendBudget,
  heldResendOrder,
} from '../domain/bounce-breaker';
import { REPLY_HELD_BY_BREAKER, REPLY_TO_BOUNCED, type ReplyState } from '../domain/case';
import type { BounceRegistry, CaseRepository, ConfirmationMailRequests, HeldReplies } from '../ports';
import {
  bouncesLastHour,
  type IntakeDeps,
  type IntakeTelemetry,
  noTelemetry,
  REPLY_CLAIM_STALE_MS,
  throttleAndSend,
} from './intake';

export interface HeldReplySweepDeps
  extends Pick<IntakeDeps, 'config' | 'clock' | 'throttle' | 'openCases' | 'mailer' | 'bounceCounter'> {
  cases: Pick<CaseRepository, 'get' | 'claimHeldReply' | 'recordReply' | 'addMessageIds'>;
  bounces: Pick<BounceRegistry, 'isSuppressed'>;
  held: HeldReplies;
  /** The webform's confirmation-mail queue: a held link is asked for again there (absent: left held). */
  confirmMails?: ConfirmationMailRequests;
  telemetry?: IntakeTelemetry;
}

export interface HeldReplySweepResult {
  /** The breaker was tripped: nothing was listed or sent. */
  tripped: boolean;
  sent: string[];
  /** Not sent, for good: the address bounced since, the day's guidance was spent, the send refused. */
  suppressed: string[];
  /** Left for the next run: another sweep holds it, the send failed for a reason a retry fixes, or the budget or the run's tries ran out. */
  left: string[];
  /** Threw (a store or the throttle unavailable): left for the next run, which retakes its claim once stale. */
  failed: string[];
}

/** One run: case ids only in the result (nothing personal in the logs). */
export async function sendHeldReplies(deps: HeldReplySweepDeps): Promise<HeldReplySweepResult> {
  const result: HeldReplySweepResult = { tripped: false, sent: [], suppressed: [], left: [], failed: [] };
  const bounces = await bouncesLastHour(deps);
  let budget = heldResendBudget(bounces, deps.config.autoReply.bounceBreakerPerHour);
  if (budget === 0) return { ...result, tripped: true };
  const now = deps.clock.now();
  // Older ones are not listed: stale guidance is dropped, and its item expires (TTL).
  const listed = await deps.held.heldSince(new Date(now.getTime() - HELD_REPLY_FRESH_MS), now, HELD_REPLY_READ_PER_RUN);
  // A post's link held twice (her repeat while tripped) is asked for once: one link per post anyway.
  const linksAsked = new Set<string>();
  let tries = HELD_REPLY_TRIES_PER_RUN;
  for (const held of heldResendOrder(listed)) {
    if (!heldReplyFresh(held.heldAt, deps.clock.now())) continue;
    if (held.link && linksAsked.has(held.caseId)) {
      await deps.held.remove(held);
      continue;
    }
    if (held.link) linksAsked.add(held.caseId);
    if (budget === 0 || tries === 0) {
      result.left.push(held.caseId);
      continue;
    }
    tries--;
    // One reply's failure does not stop the others' (the run reports it: the handler fails the run).
    const outcome = await sendOne(held, deps).catch(() => 'failed' as const);
    if (outcome === 'failed') result.failed.push(held.caseId);
    else if (outcome === 'left') result.left.push(held.caseId);
    else if (outcome === 'suppressed') result.suppressed.push(held.caseId);
    else {
      // Only a mail that went can bounce: one suppressed (its address bounced, its day's guidance
      // given) spends nothing.
      budget--;
      result.sent.push(held.caseId);
    }
  }
  return result;
}

async function sendOne(held: HeldReply, deps: HeldReplySweepDeps): Promise<'sent' | 'suppressed' | 'left'> {
  if (held.link) return askLinkAgain(held, deps);
  const { cases, clock } = deps;
  if (!(await cases.claimHeldReply(held.caseId, clock.now(), REPLY_CLAIM_STALE_MS))) {
    // Answered otherwise (her retry once the breaker cleared), erased (LGPD: its item, which names her
    // address, goes too), or another sweep's claim: only
    // a claim another run may still give up (a failure to retry, a live claim) keeps the item.
    const found = await cases.get(held.caseId);
    if (!found || !stillPending(found.reply)) await deps.held.remove(held);
    return 'left';
  }
  const telemetry = deps.telemetry ?? noTelemetry;
  const suppress = async (reason: string): Promise<ReplyState> => {
    const reply: ReplyState = { status: 'suppressed', reason, at: clock.now().toISOString() };
    await cases.recordReply(held.caseId, reply);
    telemetry.replySuppressed(reason);
    return reply;
  };
  const record = await cases.get(held.caseId);
  let reply: ReplyState;
  // Erased since the claim (an LGPD request): nothing to answer.
  if (!record) reply = { status: 'suppressed', reason: 'gone', at: clock.now().toISOString() };
  // Her address bounced while it was held: a second bounce of ours is what the memory prevents.
  else if (await deps.bounces.isSuppressed(held.to, clock.now())) reply = await suppress(REPLY_TO_BOUNCED);
  else {
    // The planned mail and the facts its text takes from her mail, as the intake kept them; an
    // acknowledgement is never held, so it has none of its own.
    reply = await throttleAndSend(record, held, held, {}, deps, telemetry, { claimHeld: true }, suppress, {
      heldAt: held.heldAt,
    });
  }
  // A send that failed for a reason a retry fixes stays for the next run (its claim is released by
  // the recorded failure); anything else is done.
  if (reply.status === 'failed' && !reply.permanent) return 'left';
  await deps.held.remove(held);
  return reply.status === 'sent' ? 'sent' : 'suppressed';
}

/** A recorded reply a later sweep may still send: the hold, a failure to retry, or none yet (a claim in flight). */
function stillPending(reply: ReplyState | undefined): boolean {
  if (!reply) return true;
  if (reply.status === 'failed') return !reply.permanent;
  return reply.status === 'suppressed' && reply.reason === REPLY_HELD_BY_BREAKER;
}

/**
 * A held confirmation link goes back on the confirmation-mail queue: its consumer checks it anew (its
 * expiry, the breaker, the address's limits and bounce memory, one link per post) and mails it. Counted
 * as sent: the link it mails may bounce like any reply.
 */
async function askLinkAgain(held: HeldReply, deps: HeldReplySweepDeps): Promise<'sent' | 'left'> {
  if (!deps.confirmMails) return 'left';
  await deps.confirmMails.request({ kind: 'confirm-link', id: held.caseId });
  await deps.held.remove(held);
  return 'sent';
}
