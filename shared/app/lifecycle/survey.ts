/**
 * The merchant confirmed a score on the survey page (a POST: the GET that opens the page records
 * nothing, because mail scanners open links). The link's signature and expiry are checked here;
 * one answer per case is the store's conditional write.
 */
import { type LinkError, surveyOpenAt, type VerifiedSurvey, verifySurveyLink } from '../../domain/lifecycle/survey';
import { caseLanguage } from '../../domain/lifecycle/merchant-words';
import { pastRetention } from '../../domain/retention';
import { cutBetweenCharacters, type MessageLanguage, normalizeMultiline } from '../../domain/text';
import { surveyAnswered } from '../../domain/lifecycle/machine';
import { commitWithRetry, type LifecycleDeps, resolveDeps } from './commit';
import type { SurveyAnswer } from './ports';
import { silentLifecycleTelemetry } from './ports';

/** Comments longer than this are cut (the page's textarea says so). */
export const MAX_SURVEY_COMMENT_CHARS = 2000;

/** `language`: the case's (merchant-words.ts caseLanguage), which the survey's pages speak. */
export type SurveyResult =
  | { kind: 'recorded'; protocol: string; score: number; language: MessageLanguage }
  /**
   * `score`: the answer on record, to tell her which one counts (a second tab, a later click); `commentLost`:
   * this post brought a comment that was not kept.
   */
  | { kind: 'already-answered'; protocol: string; language: MessageLanguage; score?: number; commentLost?: true }
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
  deps: LifecycleDeps,
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
  const commentLost = comment?.trim() ? { commentLost: true as const } : {};
  if (held.reopened) {
    // An answer recorded before the reopening stands (one answer per case).
    const answer = await deps.surveys.get(verified.protocol);
    if (answer === null) return { kind: 'case-reopened', protocol: verified.protocol, language };
    await surveyAnswerOnCase(verified.protocol, deps);
    return { kind: 'already-answered', protocol: verified.protocol, language, score: answer.score, ...commentLost };
  }
  const recorded = await saveAnswer(verified.protocol, verified.score, comment, held.closedAt, deps);
  if (recorded === 'gone') return { kind: 'invalid-link', error: 'expired' };
  // Also on a repeat (a second tab, a re-posted form): it completes a post stopped before this step.
  await surveyAnswerOnCase(verified.protocol, deps);
  if (recorded === 'already-answered') {
    const answer = await deps.surveys.get(verified.protocol);
    return {
      kind: 'already-answered',
      protocol: verified.protocol,
      language,
      ...(answer ? { score: answer.score } : {}),
      ...commentLost,
    };
  }
  return { kind: 'recorded', protocol: verified.protocol, score: verified.score, language };
}

type SaveDeps = Pick<LifecycleDeps, 'surveys' | 'clock' | 'telemetry' | 'config'> & {
  cases: Pick<LifecycleDeps['cases'], 'getStateByProtocol'>;
};

/**
 * The score of a reply to the closing mail ("Nota 5", "⭐⭐⭐⭐"): thanks.ts readClosingReply read it,
 * and the case stayed closed. Recorded as the link's confirmation would be, while the survey is open
 * (`lifecycle.surveyLinkDays` from the closing, as its links) and unanswered; her words beyond the
 * score are the comment. Idempotent: a retry of the same mail finds its answer recorded.
 */
export async function recordMailedRating(
  protocol: string,
  rating: { score: number; comment?: string },
  deps: LifecycleDeps,
): Promise<'recorded' | 'not-recorded'> {
  const held = await surveyCase(protocol, deps);
  if (held === null || held.reopened || !held.closedAt) return 'not-recorded';
  if (!surveyOpenAt(held.closedAt, deps.clock.now(), deps.config)) return 'not-recorded';
  const saved = await saveAnswer(protocol, rating.score, rating.comment, held.closedAt, deps, 'email');
  if (saved === 'gone') return 'not-recorded';
  // Also when it finds an answer (a redelivered mail): it completes a run stopped before this step.
  await surveyAnswerOnCase(protocol, deps);
  return saved === 'recorded' ? 'recorded' : 'not-recorded';
}

/** The idempotency key of the answer's event: one answer per case, so one such event. */
export const SURVEY_ANSWER_SOURCE = 'survey-answer';

/**
 * The answer on record, on its case — the one step both channels take once the survey store holds it
 * (the page's recordSurvey, the mail's recordMailedRating): the history records the score, and a low
 * one is told to the analyst (machine.ts surveyAnswered). Called again on a repeat (a re-posted form,
 * a redelivered mail) so a run stopped between the two writes is completed; the case applies its
 * cause once (commit.ts alreadyApplied), and the effect's claim sends its mail once.
 */
export async function surveyAnswerOnCase(protocol: string, rawDeps: LifecycleDeps): Promise<void> {
  const answer = await rawDeps.surveys.get(protocol);
  const state = answer && (await rawDeps.cases.getStateByProtocol(protocol));
  if (!answer || !state) return;
  const deps = resolveDeps(rawDeps);
  const ref = { score: answer.score, via: answer.via ?? 'web', commented: Boolean(answer.comment) } as const;
  await commitWithRetry(deps, state.caseId, SURVEY_ANSWER_SOURCE, (c) => {
    const ctx = { now: deps.clock.now(), config: deps.config, calendar: deps.calendar, sourceId: SURVEY_ANSWER_SOURCE };
    const transition = surveyAnswered(c, ref, ctx);
    return transition.ok ? { transition } : transition.refusal.code;
  });
}

/** One answer per case (the store's conditional write), never outliving an erasure of the case. */
async function saveAnswer(
  protocol: string,
  score: number,
  comment: string | undefined,
  closedAt: string | undefined,
  deps: SaveDeps,
  via?: SurveyAnswer['via'],
): Promise<'recorded' | 'already-answered' | 'gone'> {
  // Typed text as the form's description keeps it: no controls, no bidi overrides to turn the console's line around.
  // Cut between characters: half an emoji’s surrogate pair is no text (stored as "�", or refused).
  const text =
    comment === undefined ? undefined : cutBetweenCharacters(normalizeMultiline(comment), MAX_SURVEY_COMMENT_CHARS);
  const recorded = await deps.surveys.record({
    protocol,
    score,
    ...(text ? { comment: text } : {}),
    answeredAt: deps.clock.now().toISOString(),
    ...(closedAt ? { closedAt } : {}),
    ...(via ? { via } : {}),
  });
  if (!recorded) return 'already-answered';
  // An erasure may have deleted the case between the check and the write: the answer must not
  // outlive it (the erasure deletes answers again after the case item, so one of the two sees it).
  if ((await surveyCase(protocol, deps)) === null) {
    await deps.surveys.forget(protocol);
    return 'gone';
  }
  (deps.telemetry ?? silentLifecycleTelemetry).surveyRecorded({ protocol, score });
  return 'recorded';
}
