/**
 * The case's merchant wrote again (SPEC.md step 8). The intake has already bound the message to
 * the case (header threading or protocol, and the sender is the case's merchant: trust rules), and
 * calls this instead of appending the message itself: the message, the event and the status move
 * are one write. WAITING_MERCHANT → IN_PROGRESS, forwarded to the analyst; a closed case reopens
 * within `threading.reopenWindowDays`; later, the caller opens a new case linked to this one — unless
 * the message only thanks (thanks.ts): kept on the closed case, told to the analyst, nothing reopens.
 */
import type { CaseMessage } from '../../domain/case';
import { merchantReplied } from '../../domain/lifecycle/machine';
import { onlyThanks } from '../../domain/lifecycle/thanks';
import type { WorkCase, WorkStatus } from '../../domain/lifecycle/types';
import { commitWithRetry, type LifecycleDeps, resolveDeps } from './commit';

export type MerchantReplyResult =
  | { kind: 'applied'; status: WorkStatus; reopened: boolean; forwarded: boolean }
  | { kind: 'duplicate' }
  /** Closed longer ago than the window: create a new case with `linkedProtocol`; this one is untouched. */
  | { kind: 'open-linked-case'; linkedProtocol: string }
  | { kind: 'not-a-case' };

export async function handleMerchantReply(
  parent: WorkCase,
  message: CaseMessage,
  rawDeps: LifecycleDeps,
): Promise<MerchantReplyResult> {
  const deps = resolveDeps(rawDeps);
  // Whom a thank-you may name: her, and the analyst she may thank by name ("Obrigada, Ana!"); the
  // roster is read only for a closed case, where a thank-you counts.
  const analyst = parent.status === 'CLOSED' && parent.assignee ? await deps.staff.byId(parent.assignee) : null;
  const names = [parent.senderName, analyst?.name];
  const outcome = await commitWithRetry(
    deps,
    parent.caseId,
    message.sourceId,
    (c) => {
      const transition = merchantReplied(
        c,
        // Read only where it counts: a closed case (the machine keeps it closed for a thank-you).
        { sourceId: message.sourceId, onlyThanks: c.status === 'CLOSED' && onlyThanks(message, names) },
        { now: deps.clock.now(), config: deps.config, calendar: deps.calendar, sourceId: message.sourceId },
      );
      if (!transition.ok) return transition.refusal.code;
      return { transition, messages: [{ ...message, direction: 'in' }] };
    },
    parent,
  );
  switch (outcome.kind) {
    case 'not-found':
      return { kind: 'not-a-case' };
    case 'duplicate':
      return { kind: 'duplicate' };
    case 'skipped':
      return outcome.reason === 'reopen-window-passed'
        ? { kind: 'open-linked-case', linkedProtocol: outcome.current.protocol ?? outcome.current.caseId }
        : { kind: 'not-a-case' };
    case 'committed': {
      const { events, effects } = outcome.planned.transition;
      return {
        kind: 'applied',
        status: outcome.after.status,
        reopened: events.some((e) => e.type === 'reopened'),
        forwarded: effects.some((e) => e.kind === 'forward-to-analyst'),
      };
    }
  }
}
