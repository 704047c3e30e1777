/**
 * The merchant confirmed a score on the survey page (a POST: the GET that opens the page records
 * nothing, because mail scanners open links). The link's signature and expiry are checked here;
 * one answer per case is the store's conditional write.
 */
import { type LinkError, verifySurveyLink } from '../../domain/lifecycle/survey';
import { type MessageLanguage, normalizeMultiline } from '../../domain/text';
import { caseLanguage } from '../../domain/lifecycle/merchant-words';
import type { LifecycleDeps } from './commit';
import { silentLifecycleTelemetry } from './ports';

/** Comments longer than this are cut (the page's textarea says so). */
export const MAX_SURVEY_COMMENT_CHARS = 2000;

/** `language`: the case's (merchant-words.ts caseLanguage), which the survey's pages speak. */
export type SurveyResult =
  | { kind: 'recorded'; protocol: string; score: number; language: MessageLanguage }
  | { kind: 'already-answered'; protocol: string; language: MessageLanguage }
  | { kind: 'invalid-link'; error: LinkError };

/**
 * Whether a survey link's case is still held. An erased case (LGPD, `npm run titular`) is gone with
 * its answer: its links, still signed and unexpired, read as expired, so an answer never puts
 * personal data (a score tied to the protocol, a comment) back after the erasure. A reopened case
 * is still held: its link counts (one answer per case, about its handling).
 */
export async function surveyCaseHeld(
  protocol: string,
  deps: { cases: Pick<LifecycleDeps['cases'], 'getByProtocol'> },
): Promise<boolean> {
  return (await surveyCaseLanguage(protocol, deps)) !== null;
}

/** The language of a survey link's case (as surveyCaseHeld reads it), or null when it is no longer held. */
export async function surveyCaseLanguage(
  protocol: string,
  deps: { cases: Pick<LifecycleDeps['cases'], 'getByProtocol'> },
): Promise<MessageLanguage | null> {
  const found = await deps.cases.getByProtocol(protocol);
  return found === null ? null : caseLanguage(found);
}

/** `link`: the survey URL, its query string or its parameters, as the page posts them back. */
export async function recordSurvey(
  link: string | URLSearchParams,
  comment: string | undefined,
  deps: Pick<LifecycleDeps, 'surveys' | 'clock' | 'secret' | 'telemetry'> & {
    cases: Pick<LifecycleDeps['cases'], 'getByProtocol'>;
  },
): Promise<SurveyResult> {
  const now = deps.clock.now();
  const verified = verifySurveyLink(link, now, deps.secret);
  if (!verified.ok) return { kind: 'invalid-link', error: verified.error };
  const language = await surveyCaseLanguage(verified.protocol, deps);
  if (language === null) return { kind: 'invalid-link', error: 'expired' };
  // Typed text as the form's description keeps it: no controls, no bidi overrides to turn the console's line around.
  const text = comment === undefined ? undefined : normalizeMultiline(comment).slice(0, MAX_SURVEY_COMMENT_CHARS);
  const recorded = await deps.surveys.record({
    protocol: verified.protocol,
    score: verified.score,
    ...(text ? { comment: text } : {}),
    answeredAt: now.toISOString(),
  });
  if (!recorded) return { kind: 'already-answered', protocol: verified.protocol, language };
  // An erasure may have deleted the case between the check and the write: the answer must not
  // outlive it (the erasure deletes answers again after the case item, so one of the two sees it).
  if (!(await surveyCaseHeld(verified.protocol, deps))) {
    await deps.surveys.forget(verified.protocol);
    return { kind: 'invalid-link', error: 'expired' };
  }
  (deps.telemetry ?? silentLifecycleTelemetry).surveyRecorded({ protocol: verified.protocol, score: verified.score });
  return { kind: 'recorded', protocol: verified.protocol, score: verified.score, language };
}
