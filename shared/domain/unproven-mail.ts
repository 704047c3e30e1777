/**
 * Mail that proves nothing of its sender — no SPF, DKIM or DMARC passed for its From
 * (merchantAuthenticated) — may still be hers: small stores' domains often publish nothing, or
 * publish DMARC `p=none` over a setup that fails it, and their mail must keep reaching the office.
 * But anyone who knew her address and a ticket number could write it too, and such a copy joins no
 * case (Trust rules): each one opened another accepted case in her name, acknowledged to her and
 * assigned to an analyst. So an unproven mail the rules accept is kept for review, unanswered (no
 * backscatter), with the decision it would have had, when
 * - her own domain's word is against it: its SPF or DMARC failed (only a DMARC `p=none` lets such
 *   mail past the quarantine of failed authentication, to be decided at all); or
 * - it is past the sender's open-case cap (limits.maxOpenCasesPerSender, the webform's).
 * The supervisor releases it from the quarantine when it is hers.
 */
import type { Decision } from './decision';
import type { Verdicts } from './submission';

export const UNPROVEN_SENDER_HELD = 'quarantine.unproven-sender';

/** Her domain's own check failed the mail (SPF, or DMARC under a `p=none` policy). */
export function senderCheckFailed(verdicts: Verdicts | undefined): boolean {
  return verdicts?.spf === 'FAIL' || verdicts?.dmarc === 'FAIL';
}

/** Why an unproven mail the rules accepted is held: a failed check of her domain, or her open-case cap reached. */
export type UnprovenHold = { why: 'check-failed' } | { why: 'over-cap'; limit: number };

/** The decision of an unproven mail held for review: quarantined, its trail kept. */
export function heldUnproven(decision: Decision, hold: UnprovenHold): Decision {
  const why =
    hold.why === 'check-failed'
      ? 'o SPF ou o DMARC do próprio domínio do remetente falhou'
      : `o remetente já tem ${hold.limit === 1 ? '1 caso aberto' : `${hold.limit} casos abertos`}`;
  return {
    ...decision,
    outcome: 'QUARANTINED',
    // Last: the trail ends with the rule that decided (as the engine's does).
    ruleIds: [...decision.ruleIds, UNPROVEN_SENDER_HELD],
    reason: `Remetente não autenticado e ${why}: a mensagem fica para revisão, sem caso novo e sem resposta (pode ser cópia em nome do lojista). ${decision.reason}`,
  };
}
