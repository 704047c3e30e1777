/**
 * Deadlines of a case (SPEC.md step 9), on the office calendar (calendar.ts: business hours,
 * national holidays, Carnival, company days):
 * - due date = receipt + `slaBusinessDays` business days;
 * - reminder to the analyst `reminderBusinessDays` business days before it;
 * - escalation to the supervisors at the due date itself, in office time (escalationAt);
 * - `#prorrogar N` moves the due date N business days further.
 * Timers are one-time schedules named after (kind, case, due date): when the due date moves, the
 * old timers keep their old names and, when they fire, find a different due date and do nothing.
 */
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { timeZoneNamed } from '../time-zone';
import { formatInstantIn, type OfficeCalendar } from '../calendar';
import type { OuvidoriaConfig } from '../config';

/** receipt + `slaBusinessDays` business days (counting from the next opening when received while closed). */
export function dueDateFrom(receivedAt: Date, config: OuvidoriaConfig, calendar: OfficeCalendar): Date {
  return calendar.dueDate(receivedAt, config.slaBusinessDays);
}

/**
 * When the assignment, run at `now` while the office is closed, assigns the case instead: the office's
 * next opening (assign-case.ts defers to it); undefined while the office is open.
 */
export function assignmentDeferredTo(now: Date, calendar: OfficeCalendar): Date | undefined {
  return calendar.isOpen(now) ? undefined : calendar.nextOpening(now);
}

/**
 * When an accepted case still waiting in the queue will be assigned, read at `now` outside office
 * hours: its assignment is deferred to the office's next opening (assignmentDeferredTo), which no
 * later instant before it changes. Neither the case item nor the list's index keeps that time (the
 * schedule is the queue's): the console derives it, as it derives the promised due date. Undefined
 * for any other case, and while the office is open (it is being assigned).
 */
export function queuedAssignmentAt(
  c: { status: string; outcome: string },
  now: Date,
  calendar: OfficeCalendar,
): string | undefined {
  if (c.status !== 'QUEUED' || c.outcome !== 'ACCEPTED') return undefined;
  return assignmentDeferredTo(now, calendar)?.toISOString();
}

/**
 * An accepted case waiting for its analyst (after hours, a holiday) has no due date yet, but its
 * acknowledgement told the merchant one: the same the assignment will give it (intake.ts). The
 * console shows that one on the case's page and in the list; undefined for any other case.
 */
export function promisedDueAt(
  c: { outcome: string; status: string; dueAt?: string | undefined; createdAt: string },
  config: OuvidoriaConfig,
  calendar: OfficeCalendar,
): string | undefined {
  if (c.outcome !== 'ACCEPTED' || c.dueAt !== undefined || c.status === 'CLOSED') return undefined;
  return dueDateFrom(new Date(c.createdAt), config, calendar).toISOString();
}

/**
 * The instant before which an accepted case waiting for its analyst was received if the date its
 * acknowledgement promised (promisedDueAt) has passed at `now`, to the second: the promised date
 * grows with the receipt, so the latest receipt still late is found by halving a year back from now.
 * The console's "Somente atrasados" lists such cases with those past their own due date.
 */
export function promisedBefore(now: Date, config: OuvidoriaConfig, calendar: OfficeCalendar): Date {
  const late = (at: number) => dueDateFrom(new Date(at), config, calendar).getTime() < now.getTime();
  let lo = now.getTime() - 366 * 24 * 3600 * 1000;
  let hi = now.getTime();
  if (!late(lo)) return new Date(lo);
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (late(mid)) lo = mid;
    else hi = mid;
  }
  return new Date(hi);
}

/**
 * The words after a due date that has passed on a case still open: the console's list and case page
 * and every staff mail that shows the date say it alike (a date alone reads as still ahead).
 */
export const OVERDUE_MARK_PT = ' (atrasado)';

/** Whether a case's due date has come at `now` (isOverdue) while the case is still open (a closed case is owed nothing). */
export function caseOverdue(c: { dueAt?: string | undefined; status: string }, now: Date): boolean {
  return c.dueAt !== undefined && c.status !== 'CLOSED' && isOverdue(c.dueAt, now);
}

/** The extensions allowed, for the console form's label: "1 a 30 dias úteis", "1 dia útil" (a limit of 1). */
export function extensionDaysHint(max: number): string {
  return max === 1 ? '1 dia útil' : `1 a ${max} dias úteis`;
}

/** The refusal of an extension out of 1..max business days (by mail and in the console). */
export function extensionDaysProblem(max: number): string {
  return `A prorrogação deve ser de ${extensionDaysHint(max)}.`;
}

/**
 * The last instant a merchant's message reopens a case closed at `closedAt` (`reopenWindowDays`
 * whole days later, to the end of that minute: she is told "até 07/01/2027 às 17:30", and a mail
 * at 17:30:40 still reopens it); after it, her message opens a new case linked to it. NaN for no
 * closing time.
 */
export function reopenWindowEnd(closedAt: string | undefined, config: OuvidoriaConfig): number {
  const closedMs = closedAt ? Date.parse(closedAt) : Number.NaN;
  const end = closedMs + config.threading.reopenWindowDays * 24 * 3600 * 1000;
  return end - (((end % 60_000) + 60_000) % 60_000) + 59_999;
}

/**
 * The due date moved `businessDays` further. A due date at closing time (17:00) stays at closing
 * time: Friday 17:00 + 5 → next Friday 17:00.
 */
export function extendDueDate(dueAt: Date, businessDays: number, calendar: OfficeCalendar): Date {
  if (!Number.isInteger(businessDays) || businessDays < 1) {
    throw new RangeError(`An extension is a positive whole number of business days, got ${businessDays}`);
  }
  return calendar.dueDate(dueAt, businessDays);
}

/** Guard against a calendar with no business day (the walk back would never end). */
const MAX_DAYS_BACK = 366 * 2;

/**
 * When the analyst is reminded: the same local time `businessDays` business days before the due
 * date, moved to the next opening when that is outside office hours. A due date at 17:00 is thus
 * reminded at 09:00 of the business day after "two days before" — the same business moment, and
 * the analyst reads it when the office opens. Null when `businessDays` is 0 (no reminder).
 */
export function reminderAt(dueAt: Date, businessDays: number, calendar: OfficeCalendar): Date | null {
  if (!Number.isInteger(businessDays) || businessDays < 0) {
    throw new RangeError(`reminderBusinessDays must be a non-negative integer, got ${businessDays}`);
  }
  if (businessDays === 0) return null;
  const zone = timeZoneNamed(calendar.timeZone);
  const local = DateTime.fromJSDate(dueAt, { zone });
  let day = local.startOf('day');
  let steps = 0;
  for (let counted = 0; counted < businessDays; ) {
    day = day.minus({ days: 1 });
    if (++steps > MAX_DAYS_BACK) throw new Error('The office calendar has no business day to remind on');
    if (calendar.isBusinessDay(day.toISODate() as string)) counted++;
  }
  const sameTime = DateTime.fromObject(
    {
      year: day.year,
      month: day.month,
      day: day.day,
      hour: local.hour,
      minute: local.minute,
      second: local.second,
      millisecond: local.millisecond,
    },
    { zone },
  );
  return calendar.nextOpening(sameTime.toJSDate());
}

/** "dd/mm/aaaa" in the office time zone, as the merchant reads it ("Prazo de resposta: até 24/03/2026"). */
export function formatDatePtBr(instant: Date | string, timeZone: string): string {
  return formatInstantIn(instant, timeZone, 'dd/MM/yyyy');
}

/**
 * The merchant is promised a day ("Prazo de resposta: até 05/01/2027"), not the due instant the
 * office works to (05/01/2027 às 10:00): that day has passed once the office's date is a later one.
 * On 05/01 itself, after 10:00, she is still within what she was told.
 */
export function promisedDayPassed(dueAt: string | Date, now: Date, timeZone: string): boolean {
  const day = (instant: string | Date) => formatInstantIn(instant, timeZone, 'yyyy-MM-dd');
  return isOverdue(dueAt, now) && day(now) > day(dueAt);
}

/** A calendar day "aaaa-mm-dd" (a leave, a report period) as people read it: "dd/mm/aaaa". */
export function calendarDayPtBr(day: string): string {
  return day.split('-').reverse().join('/');
}

export function isOverdue(dueAt: string | Date, now: Date): boolean {
  const ms = typeof dueAt === 'string' ? Date.parse(dueAt) : dueAt.getTime();
  return !Number.isNaN(ms) && now.getTime() >= ms;
}

export type TimerKind = 'reminder' | 'escalation';

/**
 * Schedule name, idempotent per (kind, case, due date) and valid for EventBridge Scheduler
 * (≤ 64 characters of [0-9A-Za-z_.-]). The case id is hashed: it may hold characters the
 * scheduler refuses, and names must not carry personal data.
 */
export function timerName(kind: TimerKind, caseId: string, dueAt: string): string {
  const ms = Date.parse(dueAt);
  if (Number.isNaN(ms)) throw new RangeError(`Invalid due date ${JSON.stringify(dueAt)}`);
  const caseHash = createHash('sha256').update(caseId).digest('hex').slice(0, 32);
  return `${kind}-${caseHash}-${ms.toString(36)}`;
}

export interface LifecycleTimer {
  kind: TimerKind;
  caseId: string;
  /** The due date the timer was armed for; on fire, a different due date on the case means "stale". */
  dueAt: string;
  at: Date;
  name: string;
}

/**
 * When the supervisors are alerted of a case whose due date came (SPEC step 9, "at the due date"):
 * at the due instant when the office is open then, else at the next opening. A case received
 * outside office hours is due at closing time (17:00, the end of its last business day): in the
 * office's time that instant is the next opening (calendar.ts: the opening ≡ the previous
 * closing), and an alert at 17:00:00 reached a closed office — the supervisors met it the next
 * business morning under the evening's mail, and an analyst's answer sent that evening, still
 * within the day the merchant was promised, came after an alert already raised. As the reminder
 * (reminderAt), the alert goes when the office opens; the mail states the due date and hour.
 */
export function escalationAt(dueAt: Date, calendar: OfficeCalendar): Date {
  return calendar.nextOpening(dueAt);
}

/**
 * The timers to arm for a due date: the reminder (skipped when already past, e.g. a short
 * extension close to the date) and the escalation at the due date (escalationAt).
 */
export function timersFor(
  caseId: string,
  dueAt: string,
  now: Date,
  config: OuvidoriaConfig,
  calendar: OfficeCalendar,
): LifecycleTimer[] {
  const due = new Date(dueAt);
  const timers: LifecycleTimer[] = [];
  const remind = reminderAt(due, config.reminderBusinessDays, calendar);
  if (remind && remind.getTime() > now.getTime() && remind.getTime() < due.getTime()) {
    timers.push({ kind: 'reminder', caseId, dueAt, at: remind, name: timerName('reminder', caseId, dueAt) });
  }
  timers.push({
    kind: 'escalation',
    caseId,
    dueAt,
    at: escalationAt(due, calendar),
    name: timerName('escalation', caseId, dueAt),
  });
  return timers;
}
