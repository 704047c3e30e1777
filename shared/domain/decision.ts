import type { Outcome } from './outcome';
import type { MessageLanguage } from './text';

/** Where a prior-ticket candidate was read. */
/** `linked-case`: the ticket of the sender's own earlier case, closed before the reopen window. */
export type TicketSource = 'form' | 'subject' | 'body' | 'quoted' | 'attachment' | 'linked-case';

export interface TicketCandidate {
  /** Digits only, leading zeros and thousands separators removed ("12.345" → "12345"). */
  number: string;
  source: TicketSource;
  /** Higher is better; candidates are returned sorted by it, best first. */
  score: number;
  /** The few words around the match, for the decision trail (never the whole body). */
  evidence: string;
}

/** Result of validating the ranked candidates against the ticket directory. */
export type TicketCheck =
  | { status: 'none' }
  | { status: 'valid'; number: string }
  | { status: 'invalid'; number: string; why: 'bad_format' | 'not_found' | 'not_owner' }
  /** The directory failed (timeout, 5xx): the case goes on, flagged "ticket not verified". */
  | { status: 'unverified'; number: string; why: string };

/** A variant of an outcome's reply (Decision.replyVariant). */
export type ReplyVariant = 'shopper' | 'on-behalf' | 'disowned' | 'already-opened';

/**
 * The outcomes whose reply has the `already-opened` variant: each otherwise tells her to go to support (open a
 * ticket) or to read the knowledge base first, which contradicts her when she says she already did.
 */
export const ALREADY_OPENED_OUTCOMES: ReadonlySet<Outcome> = new Set<Outcome>([
  'NO_PRIOR_TICKET',
  'ACCESS_ISSUE',
  'BILLING_QUESTION',
]);

export interface Decision {
  outcome: Outcome;
  /** Ids of every rule that fired, in evaluation order; the first decisive one last. */
  ruleIds: string[];
  /** One line of pt-BR explaining the outcome to staff. */
  reason: string;
  ticket: TicketCheck;
  /** Language of the message: replies are written in it (pt-BR unless clearly es or en). */
  language?: MessageLanguage;
  /**
   * A variant of the outcome's reply: `shopper` is a NOT_A_CLIENT sender who bought from a store
   * built on the platform (the store handles its orders; Sales cannot help); `on-behalf` is a
   * TICKET_INVALID sender who writes for the ticket's owner (an agency, an accountant, a lawyer);
   * `disowned` is a NO_PRIOR_TICKET sender who cited a number the directory rejects and says she opened
   * no ticket (a forwarded phishing mail's "chamado #88231"): told the number is none of hers, not that
   * her message holds no number. `already-opened` is a NO_PRIOR_TICKET, ACCESS_ISSUE or BILLING_QUESTION sender who
   * says she already opened a ticket (or went to support) and gives no number: asked for that ticket's number first,
   * not told to go to support (or open a ticket) first.
   */
  replyVariant?: ReplyVariant;
}
