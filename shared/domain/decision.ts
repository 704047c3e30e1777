import type { Outcome } from './outcome';

/** Where a prior-ticket candidate was read. */
export type TicketSource = 'form' | 'subject' | 'body' | 'quoted';

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

export interface Decision {
  outcome: Outcome;
  /** Ids of every rule that fired, in evaluation order; the first decisive one last. */
  ruleIds: string[];
  /** One line of pt-BR explaining the outcome to staff. */
  reason: string;
  ticket: TicketCheck;
}
