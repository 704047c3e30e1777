/**
 * Whether a pending effect (the outbox, `pendingEffects`) still fits the case: an effect is carried
 * out after its commit — at once, on a retry, or by the effects sweep minutes later — and a later
 * transition may have overtaken its purpose meanwhile (the closing mail of a case the merchant has
 * since reopened, the escalation of a case since closed). One definition, used twice: the commit of
 * the later transition drops what it overtakes in the same conditional write (commit.ts), and the
 * runner checks again before acting (effects.ts), for an effect it read before that commit.
 *
 * Per kind:
 * - words people wrote (a relayed answer, a forwarded merchant message, a low survey score) and
 *   explanations to staff about their own mail: always — nothing later makes them untrue;
 * - `open-count`, `item-retention`: always — each converges on the case as it then is (its counts,
 *   its items' retention), so an overtaken one does the right thing rather than nothing;
 * - `send-closing`, `notify-closed`: only for the close that is still the case's state (closed at
 *   that instant; no reopening after it);
 * - `notify-reopen`, `reopen-files`: only while the case is open;
 * - `schedule-timers`, `notify-extension`, `escalate`: while open with that due date (a later due
 *   date brought its own effects; a closed case needs no timers, SPEC step 9);
 * - `remind-analyst`: as the escalation, and only while the case is still with that analyst;
 * - `notify-transfer`: only while the case is still open with the analyst it was handed to.
 */
import { type Effect, isOpenStatus, type WorkCase } from './types';

/** What the decision reads of the case: its state, never its messages. */
export type FitCase = Pick<WorkCase, 'status' | 'assignee' | 'dueAt' | 'closedAt' | 'closure'>;

export function effectStillFits(effect: Effect, c: FitCase): boolean {
  const open = isOpenStatus(c.status);
  switch (effect.kind) {
    case 'relay-to-merchant':
    case 'forward-to-analyst':
    case 'explain-to-staff':
    case 'tell-files-left-out':
    case 'tell-answer-overlap':
    case 'tell-merchant-files-not-taken':
    case 'tell-low-score':
    case 'open-count':
    case 'item-retention':
      return true;
    case 'send-closing':
      if (c.status !== 'CLOSED') return false;
      // Stored before effects named their close: the closing's own words tell it apart.
      if (effect.closedAt === undefined) {
        return c.closure?.category === effect.category && c.closure.summary === effect.summary;
      }
      return c.closedAt === effect.closedAt;
    case 'notify-reopen':
    case 'reopen-files':
      return open;
    case 'notify-closed':
      return c.status === 'CLOSED' && c.closedAt === effect.closedAt;
    case 'schedule-timers':
    case 'notify-extension':
    case 'escalate':
      return open && c.dueAt === effect.dueAt;
    case 'remind-analyst':
      return open && c.dueAt === effect.dueAt && c.assignee === effect.analystId;
    case 'notify-transfer':
      return open && c.assignee === effect.to;
  }
}
