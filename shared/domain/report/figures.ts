/**
 * Figures of the management report (SPEC "Reports and personal data"), computed from the cases
 * created in a period. Pure: the application reads the cases (index queries by date) and the
 * survey answers, this module counts.
 *
 * Definitions (also in the README):
 * - Intake figures (submissions by outcome, channel, topic rule, analyst; accepted vs redirected)
 *   count every submission created in the period (office-local dates, inclusive).
 * - Closing figures (closed, within the deadline, business days to close, resolution categories, who
 *   closed, satisfaction) count the closures made in the period, whatever month the case came in: a
 *   case received 09/10 and closed 04/11 counts in November's (journeys 50: the late cases that
 *   cross a month end reached no report). Each case once per period, with its last closure made in
 *   it, unless the merchant reopened the case after it within the period (open at its end); a case
 *   closed in October, reopened and closed again in November counts in both months, each for that
 *   closure. The time to first answer counts the first answers given in the period.
 * - Business days between two instants = business dates of the office calendar after the first
 *   instant's local date, up to and including the second's (same day = 0; Friday → Monday = 1;
 *   holidays and weekends are not counted).
 * - First answer = the office's first mail to the merchant about her case: the first `answered`
 *   event, or the first closure when the case was closed before any (the closing mail brings her the
 *   result, and the analyst's words with it) — never later than the close.
 * - A closure, a reopening or an answer after the period's end changes nothing of it: a past month's
 *   report does not change later.
 * - Median: the middle value (mean of the two middle ones for an even count). p90: nearest rank,
 *   the ⌈0.9·n⌉-th smallest value (with 1–9 values this is the largest). No value → null.
 * - Closed within the deadline: closures counted with a due date whose case's closures up to the
 *   counted one each came by the due date in force at that moment (the last assigned/extended/
 *   reopened one before it): a case once closed late stays late.
 * - By analyst: every analyst who held an accepted case received in the period (assigned it or
 *   received it by a transfer), once per case — a case transferred mid-month counts for both;
 *   closures by analyst: who made each closure counted.
 * - Overdue now: open cases (any creation date) whose `dueAt` has passed at generation time.
 * - Satisfaction: the surveys the counted closures offered and their answers; response rate =
 *   answers / surveys offered. A case has one answer, which belongs to the closing it answers (the
 *   one in force when she answered): a case closed in October, reopened and closed again in November
 *   counts its October answer in October only; the November closing offered no survey (already
 *   answered) and is not in November's rate. Unanswered, each closing offered one.
 * - Topic rules: the decision's rule ids that name a subject (`topic.`, `scope.`, `client.`).
 */
import type { OfficeCalendar } from '../calendar';
import { CLOSE_CATEGORIES, CLOSE_CATEGORY_LABELS_PT, type CloseCategory, type HistoryEvent } from '../lifecycle/types';
import { isOpenStatus, type WorkStatus } from '../lifecycle/types';
import { ruleLabel } from '../eligibility/rule-descriptions';
import { OUTCOME_LABELS_PT, OUTCOMES, type Outcome } from '../outcome';
import type { Channel } from '../submission';
import { STAFF_MAIL_SET_ASIDE } from '../staff-mail-decision';
import { isAutomaticMail } from '../automatic-mail';

/** What the report reads of a case (a WorkCase has all of it). */
export interface ReportCase {
  caseId: string;
  protocol?: string;
  channel: Channel;
  status: WorkStatus;
  outcome: Outcome;
  decision: { ruleIds: string[] };
  assignee?: string;
  createdAt: string;
  dueAt?: string;
  closedAt?: string;
  closure?: { category: CloseCategory };
  history?: HistoryEvent[];
  /** An erasure under way kept this statistics record of it already (the case counts, not the record). */
  erasedStatsId?: string;
}

export interface ReportSurvey {
  protocol: string;
  score: number;
  /** When she answered (absent in answers read without it). */
  answeredAt?: string;
  /** The closing she answered: the case's `closedAt` when the answer was recorded. */
  closedAt?: string;
}

/**
 * What the report counts of one case, and nothing else: the anonymous statistics an LGPD erasure
 * keeps of each erased case (SPEC "Reports and personal data"), so that a past period's report does
 * not change when a merchant's data goes. No address, name, text, ticket, protocol or case id (the
 * protocol and the case id are in the staff's mailboxes and the logs: they would link the record
 * back to the person), and no instant: the office-local creation date places the case in its
 * period, and the durations are kept already counted, in business days. The analyst is staff, not
 * the data subject. A live case is counted through this same shape (`reportEntryOf`).
 */
export interface ReportEntry {
  /** Office-local creation date (YYYY-MM-DD). */
  createdOn: string;
  channel: Channel;
  /** The status when counted (an erased case: at the erasure). */
  status: WorkStatus;
  outcome: Outcome;
  /** The decision's topic rules (NO_TOPIC when none). */
  topics: string[];
  /** The analyst of an accepted case when counted (UNASSIGNED when none); records of old erasures have only this. */
  analyst?: string;
  /** Every analyst who held the accepted case (assignment or transfer), in order (UNASSIGNED when none). */
  analysts?: string[];
  /** Accepted and answered (an answer, or the closing mail): business days to the first answer. */
  firstAnswerDays?: number;
  /** Office-local date of the first answer (absent in records of old erasures: counted as answered). */
  firstAnsweredOn?: string;
  /** Accepted and closed: each closure in order, with the reopening that undid it (a period counts the last one by its end). */
  closures?: ClosureEntry[];
  /** Records of old erasures only (before `closures`): their one closure, business days to it, and its category. */
  closeDays?: number;
  category?: CloseCategory;
  /** Records of old erasures: office-local date of the closure (absent in the oldest: counted as closed). */
  closedOn?: string;
  /** Records of old erasures: staff id of who closed it (absent when unknown). */
  closedBy?: string;
  /** Records of old erasures: closed with a due date, by the due date in force then. */
  withinDeadline?: boolean;
  /**
   * Records of erasures made before each closure kept its own survey (ClosureEntry.survey): the
   * case's one answer, or null.
   */
  survey?: number | null;
  /** Automatic mail from outside (isAutomaticMail): no manifestation, counted apart. */
  automatic?: true;
  /** The record's random id, as read from its key (never stored in it): see ReportCase.erasedStatsId. */
  recordId?: string;
}

/** One closure of a case as the report counts it (no instant: office-local dates and business days). */
export interface ClosureEntry {
  /** Office-local date of the closure. */
  closedOn: string;
  /** Business days from the case's creation to it. */
  closeDays: number;
  category?: CloseCategory;
  /** Staff id of who closed it (absent when unknown). */
  closedBy?: string;
  /** With a due date: this closure and every earlier one came by the due date in force at its moment. */
  withinDeadline?: boolean;
  /** Office-local date of the merchant's reopening that undid it (absent while it stands). */
  reopenedOn?: string;
  /**
   * A case with a protocol: the survey this closing offered — the score when her answer is to it, else
   * null. Absent when it offered none (a closing after she had answered: one answer per case).
   */
  survey?: number | null;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A stored case (its item's attributes) as the report reads it. */
export function reportCaseFrom(item: Readonly<Record<string, unknown>>): ReportCase {
  const decision = (item['decision'] ?? {}) as { ruleIds?: unknown };
  const protocol = str(item['protocol']);
  const assignee = str(item['assignee']);
  const dueAt = str(item['dueAt']);
  const closedAt = str(item['closedAt']);
  return {
    caseId: String(item['caseId']),
    ...(protocol ? { protocol } : {}),
    channel: item['channel'] as Channel,
    status: item['status'] as WorkStatus,
    outcome: item['outcome'] as Outcome,
    decision: { ruleIds: Array.isArray(decision.ruleIds) ? decision.ruleIds.map(String) : [] },
    ...(assignee ? { assignee } : {}),
    createdAt: String(item['createdAt']),
    ...(dueAt ? { dueAt } : {}),
    ...(closedAt ? { closedAt } : {}),
    ...(item['closure'] ? { closure: item['closure'] as { category: CloseCategory } } : {}),
    ...(Array.isArray(item['history']) ? { history: item['history'] as HistoryEvent[] } : {}),
  };
}

/** A stored survey answer as the report reads it, or undefined without a score. */
export function reportSurveyFrom(item: Readonly<Record<string, unknown>>): ReportSurvey | undefined {
  const score = Number(item['score']);
  if (item['score'] === undefined || Number.isNaN(score)) return undefined;
  const answeredAt = str(item['answeredAt']);
  const closedAt = str(item['closedAt']);
  return {
    protocol: String(item['protocol']),
    score,
    ...(answeredAt ? { answeredAt } : {}),
    ...(closedAt ? { closedAt } : {}),
  };
}

interface Closure {
  at: string;
  category?: CloseCategory;
  by?: string;
  /** When the merchant reopened the case after it. */
  reopenedAt?: string;
}

/** Every closure of a case in order (its `closed` history events, else `closedAt` of a CLOSED case: older data). */
function closuresOf(c: ReportCase): Closure[] {
  const closures: Closure[] = [];
  for (const e of c.history ?? []) {
    if (e.type === 'closed') {
      closures.push({ at: e.at, category: e.category, ...(e.actor.kind === 'staff' ? { by: e.actor.id } : {}) });
    }
    const last = closures[closures.length - 1];
    if (e.type === 'reopened' && last && !last.reopenedAt) last.reopenedAt = e.at;
  }
  if (closures.length > 0 || c.status !== 'CLOSED' || !c.closedAt) return closures;
  return [
    {
      at: c.closedAt,
      ...(c.closure?.category ? { category: c.closure.category } : {}),
      ...(c.assignee ? { by: c.assignee } : {}),
    },
  ];
}

/** The due date in force at `at`: the last one set (assigned, extended, reopened) before it, else `dueAt`. */
function dueAtAt(c: ReportCase, at: string): string | undefined {
  let due: string | undefined;
  for (const e of c.history ?? []) {
    if (Date.parse(e.at) > Date.parse(at)) break;
    if (e.type === 'assigned' || e.type === 'extended' || e.type === 'reopened') due = e.dueAt;
  }
  return due ?? c.dueAt;
}

/** Every analyst who held the case, in order: the assignment, then each transfer's receiver. */
function analystsOf(c: ReportCase): string[] {
  const held: string[] = [];
  for (const e of c.history ?? []) {
    if (e.type === 'assigned') held.push(e.analystId);
    if (e.type === 'transferred') held.push(e.from, e.to);
  }
  if (c.assignee) held.push(c.assignee);
  return held.length > 0 ? [...new Set(held)] : [UNASSIGNED];
}

/**
 * The closing a survey answer belongs to (its index in `closures`): the last one made by the closing
 * it names (`closedAt`), else by the time she answered; the last closing when it names neither. A
 * case has one answer: it counts with that closing only, in that closing's period.
 */
function answeredClosure(closures: readonly Closure[], answer: Omit<ReportSurvey, 'protocol'>): number {
  const ref = answer.closedAt ?? answer.answeredAt;
  if (ref === undefined) return closures.length - 1;
  return Math.max(
    0,
    closures.findLastIndex((k) => Date.parse(k.at) <= Date.parse(ref)),
  );
}

/** What the report counts of a case; `answer`: its survey answer, if any. */
export function reportEntryOf(
  c: ReportCase,
  calendar: OfficeCalendar,
  answer: Omit<ReportSurvey, 'protocol'> | undefined,
): ReportEntry {
  const accepted = c.outcome === 'ACCEPTED';
  const closures = accepted ? closuresOf(c) : [];
  const answeredAt = accepted ? firstAnswerAt(c, closures[0]) : undefined;
  const answered = answer ? answeredClosure(closures, answer) : closures.length;
  let onTime = true;
  const counted = closures.map((closure, i): ClosureEntry => {
    const dueAt = dueAtAt(c, closure.at);
    if (dueAt) onTime &&= Date.parse(closure.at) <= Date.parse(dueAt);
    return {
      closedOn: calendar.localDate(new Date(closure.at)),
      closeDays: businessDaysBetween(calendar, c.createdAt, closure.at),
      ...(closure.category ? { category: closure.category } : {}),
      ...(closure.by ? { closedBy: closure.by } : {}),
      ...(dueAt ? { withinDeadline: onTime } : {}),
      ...(closure.reopenedAt ? { reopenedOn: calendar.localDate(new Date(closure.reopenedAt)) } : {}),
      // Each closing up to her answer offered the survey; the one she answered has her score.
      ...(c.protocol && i <= answered ? { survey: i === answered ? (answer?.score ?? null) : null } : {}),
    };
  });
  return {
    createdOn: calendar.localDate(new Date(c.createdAt)),
    ...(isAutomaticMail(c) ? { automatic: true as const } : {}),
    channel: c.channel,
    status: c.status,
    outcome: c.outcome,
    topics: topicRulesOf(c),
    ...(accepted ? { analyst: c.assignee ?? UNASSIGNED, analysts: analystsOf(c) } : {}),
    ...(answeredAt
      ? {
          firstAnswerDays: businessDaysBetween(calendar, c.createdAt, answeredAt),
          firstAnsweredOn: calendar.localDate(new Date(answeredAt)),
        }
      : {}),
    ...(counted.length > 0 ? { closures: counted } : {}),
  };
}

/**
 * The closure a period counts of an entry: its last one made in the period (office-local dates),
 * unless the merchant reopened the case after it within the period (open at its end: none). One
 * made before the period was counted by its own period; one after it changes nothing here.
 */
export function closureIn(e: ReportEntry, period: ReportPeriod): ClosureEntry | undefined {
  const inPeriod = (d: string) => period.from <= d && d <= period.to;
  if (e.closures) {
    const last = e.closures.filter((k) => inPeriod(k.closedOn)).at(-1);
    return last && !(last.reopenedOn !== undefined && last.reopenedOn <= period.to) ? last : undefined;
  }
  // An old erasure record: its one closure (without a date, counted in the period it was received).
  if (e.closeDays === undefined || !inPeriod(e.closedOn ?? e.createdOn)) return undefined;
  return {
    closedOn: e.closedOn ?? e.createdOn,
    closeDays: e.closeDays,
    ...(e.category ? { category: e.category } : {}),
    ...(e.closedBy ? { closedBy: e.closedBy } : {}),
    ...(e.withinDeadline !== undefined ? { withinDeadline: e.withinDeadline } : {}),
  };
}

/**
 * The survey of a case whose closure a period counts: the answer given to a closing made in the
 * period (one undone by a reopening within it included: she answered it), else null when a closing
 * in it offered one, else none. Records made before each closure kept its own: the case's.
 */
function surveyIn(e: ReportEntry, period: ReportPeriod): number | null | undefined {
  if (!e.closures?.some((k) => 'survey' in k)) return e.survey;
  const offered = e.closures.filter((k) => period.from <= k.closedOn && k.closedOn <= period.to && 'survey' in k);
  return offered.find((k) => typeof k.survey === 'number')?.survey ?? (offered.length > 0 ? null : undefined);
}

/** The first answer was given in the period (records of old erasures without its date: in the period received). */
function answeredIn(e: ReportEntry, period: ReportPeriod): boolean {
  const on = e.firstAnsweredOn ?? e.createdOn;
  return e.firstAnswerDays !== undefined && period.from <= on && on <= period.to;
}

/** Office-local dates, inclusive. */
export interface ReportPeriod {
  from: string;
  to: string;
}

export interface CountRow {
  key: string;
  label: string;
  count: number;
}

export interface Durations {
  /** Cases with a value. */
  count: number;
  median: number | null;
  p90: number | null;
}

export interface PeriodFigures {
  period: ReportPeriod;
  /** Manifestações: every submission but staff mail set aside (staffMailSetAside). */
  total: number;
  /**
   * Mail to the team's per-case reply addresses set aside (analysts' out-of-office answers to case
   * notices, senders off the roster): staff traffic, counted apart, in no other figure.
   */
  staffMailSetAside: number;
  /**
   * Automatic mail from outside stored as such (isAutomaticMail: merchants' out-of-office answers to
   * our mail, delivery reports, read receipts): counted apart, in no other figure.
   */
  automaticMailSetAside: number;
  byOutcome: CountRow[];
  byChannel: CountRow[];
  byTopicRule: CountRow[];
  /** Cases each analyst held (assignment or transfer), once per case: a transferred case counts for both. */
  byAnalyst: CountRow[];
  /** Closures counted (see "closed") by who made them. */
  closedByAnalyst: CountRow[];
  acceptedVsRedirected: { accepted: number; redirected: number; quarantined: number };
  firstAnswer: Durations;
  toClose: Durations;
  deadline: { closed: number; withinDeadline: number; share: number | null };
  resolution: CountRow[];
  satisfaction: {
    closedCases: number;
    answers: number;
    responseRate: number | null;
    average: number | null;
    /** Counts of scores 1..5. */
    distribution: CountRow[];
  };
  topTopics: CountRow[];
}

export interface ChangeRow {
  key: string;
  label: string;
  current: number | null;
  previous: number | null;
  /** current − previous. */
  change: number | null;
  /** Relative change (0.25 = +25 %); null when the previous value is 0 or missing. */
  changeShare: number | null;
}

export interface ReportFigures extends PeriodFigures {
  generatedAt: string;
  timeZone: string;
  /**
   * Generated before the period's last office day was over (a report asked for the current month):
   * its figures can still change, and every place that shows them says so (journeys 48: "Gerado em
   * 01/12/2026" alone read as a closed month).
   */
  unfinished: boolean;
  overdueNow: number;
  previous: PeriodFigures;
  monthOverMonth: ChangeRow[];
}

export const CHANNEL_LABELS_PT: Record<Channel, string> = { email: 'E-mail', webform: 'Formulário' };

export const TOPIC_RULE_PREFIXES = ['topic.', 'scope.', 'client.'] as const;
export const NO_TOPIC = '(sem tema)';
export const UNASSIGNED = '(não atribuído)';
export const TOP_TOPICS = 10;

export function isTopicRule(ruleId: string): boolean {
  return TOPIC_RULE_PREFIXES.some((p) => ruleId.startsWith(p));
}

/** A topic rule as a supervisor reads it: the rule's own description (the id stays the CSV key). */
export function topicRuleLabel(ruleId: string): string {
  return ruleLabel(ruleId);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function nextIsoDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** Business dates after `start`'s local date up to and including `end`'s (0 when end ≤ start's day). */
export function businessDaysBetween(calendar: OfficeCalendar, start: string | Date, end: string | Date): number {
  const from = calendar.localDate(new Date(start));
  const to = calendar.localDate(new Date(end));
  let days = 0;
  // A case is not open for more than a few years: the loop is bounded by the dates themselves.
  for (let d = nextIsoDate(from); d <= to; d = nextIsoDate(d)) if (calendar.isBusinessDay(d)) days++;
  return days;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Nearest-rank percentile (p in 0..100): the ⌈p/100·n⌉-th smallest value. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

function durations(values: number[]): Durations {
  return { count: values.length, median: median(values), p90: percentile(values, 90) };
}

/** Counts with labels, most frequent first, ties by key. */
function countRows(keys: Iterable<string>, label: (key: string) => string = (k) => k): CountRow[] {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts.entries()]
    .map(([key, count]) => ({ key, label: label(key), count }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Rows for every key of a fixed list, zeros included, in the list's order. */
function fixedRows<K extends string>(all: readonly K[], keys: Iterable<string>, label: (k: K) => string): CountRow[] {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return all.map((key) => ({ key, label: label(key), count: counts.get(key) ?? 0 }));
}

export function topicRulesOf(c: Pick<ReportCase, 'decision'>): string[] {
  const topics = (c.decision?.ruleIds ?? []).filter(isTopicRule);
  return topics.length > 0 ? [...new Set(topics)] : [NO_TOPIC];
}

/** The first `answered` event, or the first closure when it came before any (or there is none). */
function firstAnswerAt(c: ReportCase, closure: { at: string } | undefined): string | undefined {
  const answered = (c.history ?? []).find((e) => e.type === 'answered')?.at;
  if (!closure) return answered;
  return answered && Date.parse(answered) <= Date.parse(closure.at) ? answered : closure.at;
}

/**
 * The figures of one period: the intake from the cases created in it (`cases`) and the erasure
 * records of those (`erased`, filtered by creation date here); the closings and first answers from
 * `closing` and `erasedClosing` — every case, live or erased, that may have a closure or its first
 * answer in the period, whatever its creation date (filtered by those dates here). Left out, they
 * are the intake's own: enough only when no case crosses the period's bounds.
 */
/**
 * The erasure records without a live case that names them: a run that died after keeping the
 * statistics and before deleting the case items leaves both, and the case counts once, live.
 */
export function withoutLiveRecords(erased: readonly ReportEntry[], live: readonly ReportCase[]): ReportEntry[] {
  const named = new Set(live.flatMap((c) => (c.erasedStatsId ? [c.erasedStatsId] : [])));
  return erased.filter((e) => e.recordId === undefined || !named.has(e.recordId));
}

export function periodFigures(
  period: ReportPeriod,
  cases: readonly ReportCase[],
  surveys: readonly ReportSurvey[],
  calendar: OfficeCalendar,
  /** Roster names by id: analysts are shown by name (an id no longer on the roster, as the id). */
  staffNames: ReadonlyMap<string, string> = new Map(),
  erased: readonly ReportEntry[] = [],
  closing: { cases: readonly ReportCase[]; erased: readonly ReportEntry[] } = { cases, erased },
): PeriodFigures {
  const answers = new Map(surveys.map((s) => [s.protocol, s]));
  const entryOf = (c: ReportCase) => reportEntryOf(c, calendar, c.protocol ? answers.get(c.protocol) : undefined);
  const manifestations = cases.filter((c) => !isStaffMailSetAside(c));
  const intake = [
    ...manifestations.map(entryOf),
    ...erased.filter((e) => period.from <= e.createdOn && e.createdOn <= period.to),
  ];
  const seen = new Set<string>();
  const closingCases = closing.cases.filter(
    (c) => !isStaffMailSetAside(c) && !seen.has(c.caseId) && seen.add(c.caseId),
  );
  const closingEntries = [...closingCases.map(entryOf), ...closing.erased];
  return entryFigures(period, intake, closingEntries, staffNames, cases.length - manifestations.length);
}

const defined = <T>(values: ReadonlyArray<T | undefined>): T[] => values.filter((v): v is T => v !== undefined);

/** Staff-address mail the lifecycle set aside (staffMailQuarantine): no merchant's manifestation. */
export function isStaffMailSetAside(c: Pick<ReportCase, 'decision'>): boolean {
  return (c.decision?.ruleIds ?? []).includes(STAFF_MAIL_SET_ASIDE);
}

function entryFigures(
  period: ReportPeriod,
  all: readonly ReportEntry[],
  closing: readonly ReportEntry[],
  staffNames: ReadonlyMap<string, string>,
  staffMailSetAside = 0,
): PeriodFigures {
  const entries = all.filter((e) => !e.automatic);
  const accepted = entries.filter((e) => e.outcome === 'ACCEPTED');
  const worked = closing.filter((e) => !e.automatic && e.outcome === 'ACCEPTED');
  // The closures made in the period, each case's last one there (closureIn).
  const closed = worked.flatMap((e) => {
    const closure = closureIn(e, period);
    return closure ? [{ ...closure, survey: surveyIn(e, period) }] : [];
  });
  // The first answers given in the period, like closures: a past month's figures do not move later.
  const answered = worked.filter((e) => answeredIn(e, period));
  const withDue = defined(closed.map((e) => e.withinDeadline));
  const within = withDue.filter(Boolean).length;
  const offered = closed.filter((e) => e.survey !== undefined);
  const scores = defined(offered.map((e) => e.survey ?? undefined));

  const byTopicRule = countRows(
    entries.flatMap((e) => e.topics),
    topicRuleLabel,
  );
  return {
    period,
    total: entries.length,
    staffMailSetAside,
    automaticMailSetAside: all.length - entries.length,
    byOutcome: fixedRows(
      OUTCOMES,
      entries.map((e) => e.outcome),
      (k) => OUTCOME_LABELS_PT[k],
    ),
    byChannel: fixedRows(
      ['email', 'webform'] as const,
      entries.map((e) => e.channel),
      (k) => CHANNEL_LABELS_PT[k],
    ),
    byTopicRule,
    byAnalyst: countRows(
      accepted.flatMap((e) => e.analysts ?? [e.analyst ?? UNASSIGNED]),
      (id) => staffNames.get(id) ?? id,
    ),
    closedByAnalyst: countRows(
      closed.map((e) => e.closedBy ?? UNASSIGNED),
      (id) => staffNames.get(id) ?? id,
    ),
    acceptedVsRedirected: {
      accepted: accepted.length,
      redirected: entries.filter((e) => e.status === 'REDIRECTED').length,
      quarantined: entries.filter((e) => e.status === 'QUARANTINED').length,
    },
    firstAnswer: durations(defined(answered.map((e) => e.firstAnswerDays))),
    toClose: durations(defined(closed.map((e) => e.closeDays))),
    deadline: {
      closed: withDue.length,
      withinDeadline: within,
      share: withDue.length > 0 ? within / withDue.length : null,
    },
    resolution: fixedRows(CLOSE_CATEGORIES, defined(closed.map((e) => e.category)), (k) => CLOSE_CATEGORY_LABELS_PT[k]),
    satisfaction: {
      closedCases: offered.length,
      answers: scores.length,
      responseRate: offered.length > 0 ? scores.length / offered.length : null,
      average: scores.length > 0 ? scores.reduce((a, b) => a + b, 0) / scores.length : null,
      distribution: fixedRows(['1', '2', '3', '4', '5'] as const, scores.map(String), (k) => `Nota ${k}`),
    },
    topTopics: byTopicRule.filter((r) => r.key !== NO_TOPIC).slice(0, TOP_TOPICS),
  };
}

/** Open cases whose due date passed at `now`. */
export function overdueNow(openCases: readonly ReportCase[], now: Date): number {
  return openCases.filter((c) => isOpenStatus(c.status) && c.dueAt && Date.parse(c.dueAt) < now.getTime()).length;
}

function change(key: string, label: string, current: number | null, previous: number | null): ChangeRow {
  const diff = current !== null && previous !== null ? current - previous : null;
  return {
    key,
    label,
    current,
    previous,
    change: diff,
    changeShare: diff !== null && previous !== null && previous !== 0 ? diff / previous : null,
  };
}

export function monthOverMonth(current: PeriodFigures, previous: PeriodFigures): ChangeRow[] {
  return [
    change('total', 'Manifestações recebidas', current.total, previous.total),
    change('accepted', 'Casos aceitos', current.acceptedVsRedirected.accepted, previous.acceptedVsRedirected.accepted),
    change(
      'redirected',
      'Orientadas (redirecionadas)',
      current.acceptedVsRedirected.redirected,
      previous.acceptedVsRedirected.redirected,
    ),
    change('closed', 'Casos encerrados', current.toClose.count, previous.toClose.count),
    change('deadlineShare', 'Encerrados no prazo (fração)', current.deadline.share, previous.deadline.share),
    change(
      'firstAnswerMedian',
      'Mediana até a 1ª resposta (dias úteis)',
      current.firstAnswer.median,
      previous.firstAnswer.median,
    ),
    change('closeMedian', 'Mediana até o encerramento (dias úteis)', current.toClose.median, previous.toClose.median),
    change(
      'satisfactionAverage',
      'Satisfação média (1–5)',
      current.satisfaction.average,
      previous.satisfaction.average,
    ),
  ];
}

/** The period before: the previous calendar month for a whole month, else as many days just before. */
export function previousPeriod(period: ReportPeriod): ReportPeriod {
  assertPeriod(period);
  const [fy, fm, fd] = period.from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = period.to.split('-').map(Number) as [number, number, number];
  const lastOfMonth = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  if (fd === 1 && fy === ty && fm === tm && td === lastOfMonth) {
    const from = new Date(Date.UTC(fy, fm - 2, 1)).toISOString().slice(0, 10);
    const to = new Date(Date.UTC(fy, fm - 1, 0)).toISOString().slice(0, 10);
    return { from, to };
  }
  const days = Math.round((Date.UTC(ty, tm - 1, td) - Date.UTC(fy, fm - 1, fd)) / 86_400_000) + 1;
  const to = new Date(Date.UTC(fy, fm - 1, fd - 1)).toISOString().slice(0, 10);
  const from = new Date(Date.UTC(fy, fm - 1, fd - days)).toISOString().slice(0, 10);
  return { from, to };
}

export function assertPeriod(period: ReportPeriod): void {
  for (const d of [period.from, period.to]) {
    if (!ISO_DATE.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`))) {
      throw new RangeError(`Expected a date YYYY-MM-DD, got ${JSON.stringify(d)}`);
    }
  }
  if (period.from > period.to) throw new RangeError(`The period starts (${period.from}) after it ends (${period.to})`);
}

/** The calendar month before the one of `now` in the office zone (what the monthly schedule reports). */
export function lastMonth(calendar: OfficeCalendar, now: Date): ReportPeriod {
  const today = calendar.localDate(now);
  const [y, m] = today.split('-').map(Number) as [number, number];
  return {
    from: new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 10),
    to: new Date(Date.UTC(y, m - 1, 0)).toISOString().slice(0, 10),
  };
}

export interface ReportInput {
  period: ReportPeriod;
  cases: readonly ReportCase[];
  previousCases: readonly ReportCase[];
  /** Every open case now (for "overdue now"), whatever its creation date. */
  openCases: readonly ReportCase[];
  surveys: readonly ReportSurvey[];
  now: Date;
  calendar: OfficeCalendar;
  /** Roster names by id, for the analysts' rows. */
  staffNames?: ReadonlyMap<string, string>;
  /** Statistics kept of erased cases (LGPD), of both periods: each counts in its own. */
  erased?: readonly ReportEntry[];
  /**
   * Cases that may have a closure or their first answer in either period, whatever their creation
   * date (the closings' index), and the erasure records of such cases: each closure and answer counts
   * in the period it was made. Absent: the cases and records created in the periods.
   */
  closing?: { cases: readonly ReportCase[]; erased: readonly ReportEntry[] };
}

export function reportFigures(input: ReportInput): ReportFigures {
  const names = input.staffNames ?? new Map<string, string>();
  const erased = input.erased ?? [];
  const closing = input.closing ?? { cases: [...input.cases, ...input.previousCases], erased };
  const current = periodFigures(input.period, input.cases, input.surveys, input.calendar, names, erased, closing);
  const previous = periodFigures(
    previousPeriod(input.period),
    input.previousCases,
    input.surveys,
    input.calendar,
    names,
    erased,
    closing,
  );
  return {
    ...current,
    generatedAt: input.now.toISOString(),
    timeZone: input.calendar.timeZone,
    unfinished: input.calendar.localDate(input.now) <= input.period.to,
    overdueNow: overdueNow(input.openCases, input.now),
    previous,
    monthOverMonth: monthOverMonth(current, previous),
  };
}

/** True on the first business day of the month in the office calendar (the monthly schedule fires every day). */
export function isFirstBusinessDayOfMonth(calendar: OfficeCalendar, now: Date): boolean {
  const today = calendar.localDate(now);
  if (!calendar.isBusinessDay(today)) return false;
  for (let d = `${today.slice(0, 8)}01`; d < today; d = nextIsoDate(d)) if (calendar.isBusinessDay(d)) return false;
  return true;
}
