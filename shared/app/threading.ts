/**
 * Threading (SPEC step 5 and "Trust rules"): which existing case a new mail continues.
 * A mail continues a case only when its sender is that case's merchant — whatever
 * `In-Reply-To`/`References` or protocol number it carries. Message-IDs and protocols can be
 * guessed or copied, and so can a From: the sender must be the mail's one author (authorUnclear)
 * and authenticated (merchantAuthenticated: DKIM, or SPF and DMARC, or an aligned SPF pass where the
 * domain has no DMARC; SES's verdicts), or it only
 * claims the address. Anything else is a new submission that records the case it pointed at, so
 * the team can see the link.
 */
import type { CaseRecord, TextsShown } from '../domain/case';
import { EFFECT_TEXTS } from '../domain/lifecycle/messages';
import { type Screening, screen } from '../domain/eligibility/engine';
import type { OuvidoriaConfig } from '../domain/config';
import { findProtocols } from '../domain/protocol';
import { taggedProtocol } from '../domain/replies';
import { sameMailbox } from '../domain/mailbox';
import { merchantAuthenticated } from '../domain/sender-authentication';
import type { Submission } from '../domain/submission';
import { splitQuoted } from '../domain/text';
import { reopenWindowEnd } from '../domain/lifecycle/deadlines';
import { historyAtCeiling } from '../domain/lifecycle/history-budget';

/** The reads threading needs (idempotent, no writes). */
export interface ThreadLookup {
  /** The case a Message-ID (ours or a stored submission's) belongs to. */
  findByMessageId(messageId: string, shown?: TextsShown): Promise<CaseRecord | null>;
  getByProtocol(protocol: string, shown?: TextsShown): Promise<CaseRecord | null>;
  /**
   * The sender's newest submissions, newest first (the sender index): where a reply to a case closed
   * long ago finds the newer case it already opened. Without it, each such reply opens its own case.
   */
  listBySender?(senderEmail: string, limit?: number, shown?: TextsShown): Promise<CaseRecord[]>;
}

/**
 * What a mail's thread reads of the case it names: its state, and the texts its pending effects send
 * (the lifecycle may carry them out from this read, EFFECT_TEXTS), never its correspondence: a
 * follow-up to a case of hundreds of long texts reads none of them here.
 */
export const THREAD_TEXTS = EFFECT_TEXTS;

/** How many of the sender's newest submissions are read for the case a long-closed one led to. */
export const SUCCESSOR_LOOKUPS = 10;

export type ThreadMatch =
  /** The sender's own case: append the mail to it. */
  | { kind: 'continues'; parent: CaseRecord }
  /** A case was referenced but this mail may not join it: new submission, linked for the team. */
  | {
      kind: 'linked';
      parent: CaseRecord;
      /** `unauthenticated`: the merchant's address, but no check shows the mail is theirs. */
      reason: 'other-sender' | 'unauthenticated' | 'closed-long-ago' | 'not-a-case';
    }
  | { kind: 'none' };

/** Upper bound on lookups per mail: a References header of thousands of ids costs nothing extra. */
export const MAX_THREAD_LOOKUPS = 20;

/**
 * Whether a mail's sender is a case's merchant: one mailbox (domain/mailbox.ts sameMailbox). Gmail
 * delivers maria.souza@, mariasouza@, maria.souza+loja@ gmail.com and googlemail.com to one inbox,
 * which only its holder can send from with Google's DMARC or DKIM pass (merchantAuthenticated, still
 * required to continue a case); on any other domain a dot or a "+tag" may be someone else's, so
 * only letter case is set aside there.
 */
export function sameAddress(a: string, b: string): boolean {
  return sameMailbox(a, b);
}

/**
 * Whether her mail to a case closed long ago asks for nothing (thanks, praise, a rating), which then
 * continues the closed case instead of opening a new one: the lifecycle's reading (it knows her
 * analyst's name, "Obrigada, Ana!"). Without a lifecycle there is no closed case to keep such a mail
 * on, and every mail to a case closed long ago opens a new one — and the webform, which threads
 * nothing, carries none of that reading (issue 16).
 */
export type AsksNothingAfterClosing = (parent: CaseRecord, submission: Submission) => Promise<boolean>;

const noLifecycle: AsksNothingAfterClosing = async () => false;

export async function findThread(
  submission: Submission,
  lookup: ThreadLookup,
  config: OuvidoriaConfig,
  now: Date,
  screening?: Screening,
  asksNothing: AsksNothingAfterClosing = noLifecycle,
): Promise<ThreadMatch> {
  // Webform posts are always new; quarantined and automatic mail is stored on its own,
  // never read as the merchant's words.
  if (submission.channel !== 'email') return { kind: 'none' };
  const { quarantine, machineGenerated } = screening ?? screen(submission, config);
  if (quarantine.length > 0 || machineGenerated) return { kind: 'none' };

  let referenced: CaseRecord | null = null;
  // The newest references first: In-Reply-To, then References from the end.
  const ids = [...new Set([submission.inReplyTo, ...[...submission.references].reverse()])].filter((id): id is string =>
    Boolean(id),
  );
  for (const id of ids.slice(0, MAX_THREAD_LOOKUPS)) {
    const parent = await lookup.findByMessageId(id, THREAD_TEXTS);
    if (!parent) continue;
    if (sameAddress(parent.senderEmail, submission.sender.address))
      return classify(parent, submission, config, now, lookup, asksNothing);
    referenced ??= parent;
  }
  const fresh = splitQuoted(submission.text).fresh;
  // The office's own tag first: her subject may also name another case of hers.
  const tagged = taggedProtocol(submission.subject);
  const protocols = [
    ...new Set([
      ...(tagged ? [tagged] : []),
      ...findProtocols(submission.subject, MAX_THREAD_LOOKUPS),
      ...findProtocols(fresh, MAX_THREAD_LOOKUPS),
    ]),
  ];
  for (const protocol of protocols.slice(0, MAX_THREAD_LOOKUPS)) {
    const parent = await lookup.getByProtocol(protocol, THREAD_TEXTS);
    if (!parent) continue;
    if (sameAddress(parent.senderEmail, submission.sender.address))
      return classify(parent, submission, config, now, lookup, asksNothing);
    referenced ??= parent;
  }
  return referenced ? { kind: 'linked', parent: referenced, reason: 'other-sender' } : { kind: 'none' };
}

/**
 * The merchant's own mail to her case's staff reply address (staff-mail.ts, kind 'merchant'): the
 * case the address names continues as if her mail had cited its protocol, after the checks of any
 * thread (her address, authenticated, an accepted case, not closed long ago). Undefined otherwise:
 * the mail stays set aside, as any mail off the roster to a case's address.
 */
export async function caseOfMerchantMail(
  protocol: string,
  submission: Submission,
  lookup: ThreadLookup,
  config: OuvidoriaConfig,
  now: Date,
  asksNothing: AsksNothingAfterClosing = noLifecycle,
): Promise<CaseRecord | undefined> {
  const { quarantine, machineGenerated } = screen(submission, config);
  if (quarantine.length > 0 || machineGenerated) return undefined;
  const parent = await lookup.getByProtocol(protocol, THREAD_TEXTS);
  if (!parent || !sameAddress(parent.senderEmail, submission.sender.address)) return undefined;
  const match = await classify(parent, submission, config, now, lookup, asksNothing);
  return match.kind === 'continues' && match.parent.caseId === parent.caseId ? parent : undefined;
}

/**
 * A mail from the case's own address: continue the case, unless the mail only claims the address,
 * the case never was one, or it closed long ago.
 */
async function classify(
  parent: CaseRecord,
  submission: Submission,
  config: OuvidoriaConfig,
  now: Date,
  lookup: ThreadLookup,
  asksNothing: AsksNothingAfterClosing = noLifecycle,
): Promise<ThreadMatch> {
  if (submission.authorUnclear || !merchantAuthenticated(submission.verdicts, submission)) {
    return { kind: 'linked', parent, reason: 'unauthenticated' };
  }
  // Only accepted cases take follow-ups: an answer to our guidance is decided afresh.
  if (parent.outcome !== 'ACCEPTED') return { kind: 'linked', parent, reason: 'not-a-case' };
  // A closed case whose record is at its ceiling (history-budget.ts) reopens no more: as one closed
  // long ago, her mail goes to the newer case her first such mail opened.
  if (closedLongAgo(parent, config, now) || (parent.status === 'CLOSED' && historyAtCeiling(parent))) {
    // A thank-you for the closing mail, however late, is kept on the closed case (thanks.ts): the
    // lifecycle reopens nothing for it, and no new case is opened for it.
    if (await asksNothing(parent, submission)) return { kind: 'continues', parent };
    // Her mail client answers the old thread again: the newer case her first such reply opened
    // takes it (or reopens), instead of one new case per reply.
    const successor = await successorOf(parent, submission, lookup);
    if (successor && !closedLongAgo(successor, config, now)) return { kind: 'continues', parent: successor };
    return { kind: 'linked', parent, reason: 'closed-long-ago' };
  }
  return { kind: 'continues', parent };
}

/** Closed longer ago than the reopen window (SPEC step 8): a mail to it opens a new, linked case. */
export function closedLongAgo(c: CaseRecord, config: OuvidoriaConfig, now: Date): boolean {
  if (c.status !== 'CLOSED' || !c.closedAt) return false;
  return now.getTime() > reopenWindowEnd(c.closedAt, config);
}

/** The newest accepted case of this sender linked to `parent` (opened by an earlier reply to it). */
async function successorOf(
  parent: CaseRecord,
  submission: Submission,
  lookup: ThreadLookup,
): Promise<CaseRecord | undefined> {
  if (!lookup.listBySender || !parent.protocol) return undefined;
  // Read as a parent is (THREAD_TEXTS): the one found is continued, the others only looked at.
  const newest = await lookup.listBySender(
    submission.sender.address.trim().toLowerCase(),
    SUCCESSOR_LOOKUPS,
    THREAD_TEXTS,
  );
  return newest.find(
    (c) =>
      c.linkedProtocol === parent.protocol &&
      c.outcome === 'ACCEPTED' &&
      sameAddress(c.senderEmail, submission.sender.address),
  );
}
