/**
 * Second step of prior-ticket validation: asks the ticket directory (Zendesk, or the local
 * table) whether a candidate exists and belongs to the sender. A failing directory never
 * turns into a rejection: the case goes on flagged "unverified".
 */
import type { TicketCandidate, TicketCheck } from './decision';
import { sameMailbox } from './mailbox';
import { type TicketDirectory, TicketDirectoryUnavailable } from './ticket-directory';
import { isValidTicketFormat, WEAK_CANDIDATE_SCORE } from './tickets';

export interface VerifyTicketOptions {
  /** Directory look-ups at most (best candidates first). Default 3. */
  maxLookups?: number;
}

/** Directory look-ups per submission when the caller sets none: the webform takes as many tickets in its field. */
export const DEFAULT_MAX_LOOKUPS = 3;

/**
 * A candidate the sender clearly meant as a ticket (form, keyword, '#', link), not a guess (a bare
 * number, or a look-alike letter read as its digit, in the text or in the form field).
 */
function isClaim(c: TicketCandidate): boolean {
  return c.score >= WEAK_CANDIDATE_SCORE;
}

function failureCode(err: unknown): string {
  return err instanceof TicketDirectoryUnavailable ? 'directory_unavailable' : 'directory_error';
}

/**
 * Checks the candidates best first (at most `maxLookups`, only format-valid ones):
 * - the first that exists and whose requester is the sender → valid;
 * - the directory throws → unverified, with the best candidate;
 * - no sender address (a mail without one author) → invalid not_owner, nothing looked up;
 * - none valid → invalid: not_owner when one existed for someone else, else not_found;
 * - no format-valid candidate but some candidate → invalid bad_format; no candidate → none.
 * Bare-number guesses (score below WEAK_CANDIDATE_SCORE) count only when they verify: a guess
 * that is not found, or that the directory could not check, leaves the result as if absent.
 */
export async function verifyTicket(
  candidates: TicketCandidate[],
  senderEmail: string,
  directory: TicketDirectory,
  opts: VerifyTicketOptions = {},
): Promise<TicketCheck> {
  if (candidates.length === 0) return { status: 'none' };

  // Stable: equal scores keep the extractor's order (first appearance).
  const ranked = [...candidates].sort((a, b) => b.score - a.score);
  const seen = new Set<string>();
  const formatValid: TicketCandidate[] = [];
  const malformed: TicketCandidate[] = [];
  for (const c of ranked) {
    if (seen.has(c.number)) continue;
    seen.add(c.number);
    (isValidTicketFormat(c.number) ? formatValid : malformed).push(c);
  }
  const claims = formatValid.filter(isClaim);
  const badFormat = (): TicketCheck => {
    const first = malformed.find(isClaim);
    return first ? { status: 'invalid', number: first.number, why: 'bad_format' } : { status: 'none' };
  };
  if (formatValid.length === 0) return badFormat();
  // No single author (authorUnclear: the caller passes ''): no ticket can be the sender's, and no
  // lookup is needed to say so — a directory down must not turn that into an accepted case.
  if (senderEmail.trim() === '') {
    const best = claims[0];
    return best ? { status: 'invalid', number: best.number, why: 'not_owner' } : badFormat();
  }

  const limit = Math.max(1, Math.floor(opts.maxLookups ?? DEFAULT_MAX_LOOKUPS));
  let notOwner: string | undefined;

  for (const candidate of formatValid.slice(0, limit)) {
    let record: Awaited<ReturnType<TicketDirectory['find']>>;
    try {
      record = await directory.find(candidate.number);
    } catch (err) {
      const best = claims[0];
      return best ? { status: 'unverified', number: best.number, why: failureCode(err) } : badFormat();
    }
    if (!record) continue;
    if (sameMailbox(record.requesterEmail, senderEmail)) {
      return { status: 'valid', number: candidate.number };
    }
    if (notOwner === undefined && isClaim(candidate)) notOwner = candidate.number;
  }

  if (notOwner !== undefined) return { status: 'invalid', number: notOwner, why: 'not_owner' };
  const best = claims[0];
  if (best) return { status: 'invalid', number: best.number, why: 'not_found' };
  return badFormat();
}
