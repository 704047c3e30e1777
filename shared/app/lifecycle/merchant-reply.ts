/**
 * The case's merchant wrote again (SPEC.md step 8). The intake has already bound the message to
 * the case (header threading or protocol, and the sender is the case's merchant: trust rules), and
 * calls this instead of appending the message itself: the message, the event and the status move
 * are one write. WAITING_MERCHANT → IN_PROGRESS (unless it only thanks), forwarded to the analyst; a closed case reopens
 * within `threading.reopenWindowDays`; later, the caller opens a new case linked to this one — unless
 * the message only thanks, praises or rates (thanks.ts readClosingReply): kept on the closed case, told
 * to the analyst, nothing reopens — and a score she gives is the survey's answer (survey.ts).
 */
import { encryptedMail, filesNotTaken } from '../../domain/encrypted-mail';
import type { CaseMessage } from '../../domain/case';
import { merchantReplied } from '../../domain/lifecycle/machine';
import { type ClosingReply, closingReplyOf, closingWords } from '../../domain/lifecycle/thanks';
import type { WorkCase, WorkStatus } from '../../domain/lifecycle/types';
import { commitWithRetry, type LifecycleDeps, resolveDeps } from './commit';
import { recordMailedRating } from './survey';

export type MerchantReplyResult =
  /** `rated`: her reply's score, recorded as the case's survey answer. */
  | { kind: 'applied'; status: WorkStatus; reopened: boolean; forwarded: boolean; rated?: number }
  | { kind: 'duplicate'; rated?: number }
  /** Closed longer ago than the window: create a new case with `linkedProtocol`; this one is untouched. */
  | { kind: 'open-linked-case'; linkedProtocol: string }
  | { kind: 'not-a-case' };

/** Where a reply that asks for nothing changes nothing (machine.ts merchantReplied): it is read there only. */
const READS_THANKS: ReadonlySet<WorkStatus> = new Set(['CLOSED', 'WAITING_MERCHANT']);

/**
 * Whom her reply may name (thanks.ts): her, and the staff she may thank by name ("Obrigada, Ana!") — the
 * case's analyst, and whoever wrote to her on it or closed it: a case transferred from Ana to Bruno, or
 * closed by the supervisor, is thanked by the name she read. The roster is read only where a thank-you
 * counts (READS_THANKS).
 */
async function closingNames(parent: WorkCase, deps: Pick<LifecycleDeps, 'staff'>): Promise<(string | undefined)[]> {
  if (!READS_THANKS.has(parent.status)) return [parent.senderName];
  const ids = new Set<string>(parent.assignee ? [parent.assignee] : []);
  for (const m of parent.messages ?? []) if (m.direction === 'out' && m.author) ids.add(m.author);
  for (const e of parent.history ?? []) if (e.type === 'closed' && e.actor.kind === 'staff') ids.add(e.actor.id);
  const staff = await Promise.all([...ids].map((id) => deps.staff.byId(id)));
  return [parent.senderName, ...staff.map((member) => member?.name)];
}

/**
 * Whether her mail to a closed case asks for nothing (thanks, praise, a rating: readClosingReply),
 * read with the names handleMerchantReply reads it with: threading asks it of a case closed longer
 * ago than the reopen window, which such a mail continues instead of opening a new case.
 */
export async function asksNothingAfterClosing(
  parent: WorkCase,
  message: { text?: string; attachments: readonly unknown[] },
  deps: Pick<LifecycleDeps, 'staff'>,
): Promise<boolean> {
  const herWords = closingWords(message);
  return herWords !== null && closingReplyOf(herWords, await closingNames(parent, deps)) !== null;
}

/**
 * `intake.automatic`: the intake read her text as an automatic reply's (engine automaticTextEvidence:
 * her helpdesk's "recebemos seu e-mail e abrimos o atendimento…", with no RFC 3834 header): kept and
 * told to the analyst like a thank-you, it reopens nothing and moves no waiting case (it is no answer).
 */
export async function handleMerchantReply(
  parent: WorkCase,
  message: CaseMessage,
  rawDeps: LifecycleDeps,
  intake: { automatic?: boolean } = {},
): Promise<MerchantReplyResult> {
  const deps = resolveDeps(rawDeps);
  // The roster is read for her analyst's name only when her words may ask for nothing: a real answer
  // (a file, a question, no thanks at all) costs no read (issue 16).
  const herWords = closingWords(message);
  const names = herWords ? await closingNames(parent, deps) : [];
  // Her words read once, and only where they count (a conflict's re-read of the case may need them).
  let read: ClosingReply | null | undefined;
  const reading = (): ClosingReply | null => {
    if (read === undefined) read = herWords && closingReplyOf(herWords, names);
    return read;
  };
  const outcome = await commitWithRetry(
    deps,
    parent.caseId,
    message.sourceId,
    (c) => {
      const transition = merchantReplied(
        c,
        // Read only where it counts: the machine keeps a closed case closed, a waiting one waiting.
        {
          sourceId: message.sourceId,
          onlyThanks: READS_THANKS.has(c.status) && (intake.automatic === true || reading() !== null),
          // Her mailbox's automatic mail brings no file of hers to tell her of.
          ...(intake.automatic !== true && (filesNotTaken(message.attachments).length > 0 || encryptedMail(message))
            ? { filesNotTaken: true }
            : {}),
        },
        { now: deps.clock.now(), config: deps.config, calendar: deps.calendar, sourceId: message.sourceId },
      );
      if (!transition.ok) return transition.refusal.code;
      return { transition, messages: [{ ...message, direction: 'in' }] };
    },
    parent,
  );
  // After the commit (her message is on the case first); the survey store's write is one per case.
  const rate = async (stillClosed: boolean): Promise<number | undefined> => {
    const closingReply = stillClosed ? reading() : null;
    if (closingReply?.kind !== 'rating' || closingReply.score === undefined) return undefined;
    const protocol = parent.protocol;
    if (!protocol) return undefined;
    const { score, comment } = closingReply;
    const recorded = await recordMailedRating(protocol, { score, ...(comment ? { comment } : {}) }, deps);
    return recorded === 'recorded' ? score : undefined;
  };
  switch (outcome.kind) {
    case 'not-found':
      return { kind: 'not-a-case' };
    case 'duplicate': {
      // A retry of her mail: its score may not have been recorded before the first attempt stopped.
      const rated = await rate(parent.status === 'CLOSED');
      return { kind: 'duplicate', ...(rated ? { rated } : {}) };
    }
    case 'skipped':
      return outcome.reason === 'reopen-window-passed'
        ? { kind: 'open-linked-case', linkedProtocol: outcome.current.protocol ?? outcome.current.caseId }
        : { kind: 'not-a-case' };
    case 'committed': {
      const { events, effects } = outcome.planned.transition;
      const rated = await rate(outcome.after.status === 'CLOSED');
      return {
        kind: 'applied',
        status: outcome.after.status,
        reopened: events.some((e) => e.type === 'reopened'),
        forwarded: effects.some((e) => e.kind === 'forward-to-analyst'),
        ...(rated ? { rated } : {}),
      };
    }
  }
}
