/**
 * The merchant confirmed a score on the survey page (a POST: the GET that opens the page records
 * nothing, because mail scanners open links). The link's signature and expiry are checked here;
 * one answer per case is the store's conditional write.
 */
import { type LinkError, type VerifiedSurvey, verifySurveyLink } from '../../domain/lifecycle/survey';
import { caseLanguage } from '../../domain/lifecycle/merchant-words';
import { pastRetention } from '../../domain/retention';
import { cutBetweenCharacters, type MessageLanguage, normalizeMultiline } from '../../domain/text';
import type { LifecycleDeps } from './commit';
import { silentLifecycleTelemetry } from './ports';

/** Comments longer than this are cut (the page's textarea says so). */
export const MAX_SURVEY_COMMENT_CHARS = 2000;

/** `language`: the case's (merchant-words.ts caseLanguage), which the survey's pages speak. */
export type SurveyResult =
  | { kind: 'recorded'; protocol: string; score: number; language: MessageLanguage }
  | { kind: 'already-answered'; protocol: string; language: MessageLanguage }
  /** The case was reopened after the closing that sent the link: nothing recorded (see surveyCase). */
  | { kind: 'case-reopened'; protocol: string; language: MessageLanguage }
  /** `language`: an expired link's case, whose pages speak it. */
  | { kind: 'invalid-link'; error: LinkError; language?: MessageLanguage };

/**
 * A survey link's case as the survey sees it, or null when it is no longer held. An erased case, or one
 * past its retention (LGPD, `npm run titular`, DynamoDB's TTL) is gone with its answer: its links, still signed and unexpired, read
 * as expired, so an answer never puts personal data (a score tied to the protocol, a comment) back
 * after the erasure. A link is sent only by a closing, so a case that is not CLOSED now was
 * reopened after it: the survey rates the outcome, which is open again (`reopened`) — nothing is
 * recorded until the final closing, which sends the links again if no answer was recorded.
 */
export async function surveyCase(
  protocol: string,
  deps: {
    cases: Pick<LifecycleDeps['cases'], 'getStateByProtocol'>;
    clock: LifecycleDeps['clock'];
    config: LifecycleDeps['config'];
  },
): Promise<{ language: MessageLanguage; reopened: boolean; closedAt?: string } | null> {
  // Its state only: the survey shows no message of the case.
  const found = await deps.cases.getStateByProtocol(protocol);
  // Past its retention the case is gone, whether or not DynamoDB's TTL has deleted it yet.
  if (found === null || pastRetention(found, deps.clock.now(), deps.config.retention)) return null;
  return {
    language: caseLanguage(found),
    reopened: found.status !== 'CLOSED',
    ...(found.closedAt ? { closedAt: found.closedAt } : {}),
  };
}

/**
 * The language of an expired survey link's case: its signature held, so it names the case, and the
 * page that says the survey closed speaks the case's language (pt-BR when the case is gone).
 */
export async function expiredSurveyLanguage(
  verified: VerifiedSurvey,
  deps: Parameters<typeof surveyCase>[1],
): Promise<MessageLanguage | undefined> {
  if (verified.ok || verified.error !== 'expired' || !verified.protocol) return undefined;
  return (await surveyCase(verified.protocol, deps))?.language;
}

/** `link`: the survey URL, its query string or its parameters, as the page posts them back. */
export async function recordSurvey(
  link: string | URLSearchParams,
  comment: string | undefined,
  deps: Pick<LifecycleDeps, 'surveys' | 'clock' | 'secret' | 'telemetry' | 'config'> & {
    cases: Pick<LifecycleDeps['cases'], 'getStateByProtocol'>;
  },
): Promise<SurveyResult> {
  const now = deps.clock.now();
  const verified = verifySurveyLink(link, now, deps.secret);
  if (!verified.ok) {
    const language = await expiredSurveyLanguage(verified, deps);
    return { kind: 'invalid-link', error: verified.error, ...(language ? { language } : {}) };
  }
  const held = await surveyCase(verified.protocol, deps);
  if (held === null) return { kind: 'invalid-link', error: 'expired' };
  const { language } = held;
  if (held.reopened) {
    // An answer recorded before the reopening stands (one answer per case).
    const answered = (await deps.surveys.get(verified.protocol)) !== null;
    return { kind: answered ? 'already-answered' : 'case-reopened', protocol: verified.protocol, language };
  }
  // Typed text as the form's description keeps it: no controls, no bidi overrides to turn the console's line around.
  // Cut between characters: half an emoji’s surrogate pair is no text (stored as "�", or refused).
  const text =
    comment === undefined ? undefined : cutBetweenCharacters(normalizeMultiline(comment), MAX_SURVEY_COMMENT_CHARS);
  const recorded = await deps.surveys.record({
    protocol: verified.protocol,
    score: verified.score,
    ...(text ? { comment: text } : {}),
    answeredAt: now.toISOString(),
    ...(held.closedAt ? { closedAt: held.closedAt } : {}),
  });
  if (!recorded) return { kind: 'already-answered', protocol: verified.protocol, language };
  // An erasure may have deleted the case between the check and the write: the answer must not
  // outlive it (the erasure deletes answers again after the case item, so one of the two sees it).
  if ((await surveyCase(verified.protocol, deps)) === null) {
    await deps.surveys.forget(verified.protocol);
    return { kind: 'invalid-link', error: 'expired' };
  }
  (deps.telemetry ?? silentLifecycleTelemetry).surveyRecorded({ protocol: verified.protocol, score: verified.score });
  return { kind: 'recorded', protocol: verified.protocol, score: verified.score, language };
}
