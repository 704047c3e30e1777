import { DateTime } from 'luxon';
import { canonicalInstantIn, timeZoneNamed } from './time-zone';
import { HOLIDAY_COUNTRY, type OfficeHours, type OuvidoriaConfig } from './config';
import { type Closure, decodeClosureYear } from './holidays/closures';
import { BR_CLOSURE_CODES, BR_CLOSURE_NAMES, BR_FIRST_YEAR, BR_LAST_YEAR } from './holidays/br.generated';

/**
 * The office calendar: office (or support) hours in the configured time zone, minus national
 * holidays and configured closed days.
 *
 * Closed days, in this order of precedence for `holidayName`:
 * - national holidays of type `public` only (date-holidays, through the table generated from it at build time) (Good Friday, Tiradentes, Christmas, …).
 *   `optional` and `bank` entries are NOT closed days by default: this is why Christmas Eve and
 *   New Year's Eve afternoons (optional, from 14:00) are ordinary business days and Corpus Christi
 *   (a `bank` holiday in date-holidays' BR data) is open. Add them to `extraClosedDays` if needed.
 * - Carnival Monday and Tuesday (Easter −48/−47) when `calendar.closedOnCarnival`.
 * - Ash Wednesday (Easter −46) when `calendar.closedOnAshWednesday` (closed the whole day).
 * - `calendar.extraClosedDays` (company days: dates, or MM-DD for a day of every year).
 *
 * Hours are a half-open interval: open at `open` (09:00:00.000), closed from `close` (17:00:00.000).
 * Wall-clock times are resolved with luxon in `config.timeZone`, so days in Brazil's former
 * daylight saving time (until 2019) are right too.
 */
export interface OfficeCalendar {
  readonly timeZone: string;
  /** True when `at` falls inside the hours of a business day. */
  isOpen(at: Date): boolean;
  /** `at` itself when open, otherwise the next opening instant. */
  nextOpening(at: Date): Date;
  /** True when the local date (YYYY-MM-DD) is a working weekday and not a closed day. */
  isBusinessDay(isoDate: string): boolean;
  /**
   * Due instant `businessDays` business days after `from`, in business-hours arithmetic:
   * - counting starts at `from` when the office is open, otherwise at the next opening;
   * - the due instant is the same local time on the Nth next business day;
   * - an instant exactly at an opening is the same business moment as the previous closing, so
   *   the result is expressed as a closing time (never "09:00 of day N+1": "17:00 of day N").
   *   E.g. Friday 18:00 + 10 business days → the second Friday after, at 17:00
   *   (counting starts Monday 09:00; Mon…Fri, Mon…Fri are the ten days).
   * `businessDays` = 0 returns the counting start.
   */
  dueDate(from: Date, businessDays: number): Date;
  /** Alias of dueDate. */
  addBusinessDays(from: Date, businessDays: number): Date;
  /** Why the office is closed on that local date (holiday, Carnival, company day), if it is. */
  holidayName(isoDate: string): string | undefined;
  /** The local calendar date (YYYY-MM-DD) of an instant in the office time zone. */
  localDate(at: Date): string;
}

/** Company closed days have no name in date-holidays; this is what staff see. */
export const EXTRA_CLOSED_DAY_NAME = 'Dia sem expediente na empresa';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Guard against a configuration with no business day at all (we would loop forever). */
const MAX_DAYS_AHEAD = 366 * 2;

/**
 * Closed-day candidates per year, from the table generated at build time from date-holidays
 * (shared/domain/holidays/br.generated.ts, `npm run holidays`): the functions do not load
 * date-holidays and its time-zone data at cold start. Only Brazil is generated; the range is checked.
 */
const closuresByYear = new Map<number, Map<string, Closure>>();

export const HOLIDAY_TABLE = { country: HOLIDAY_COUNTRY, firstYear: BR_FIRST_YEAR, lastYear: BR_LAST_YEAR } as const;

function closuresOf(country: string, year: number): Map<string, Closure> {
  if (country !== HOLIDAY_TABLE.country) {
    throw new RangeError(`Only ${HOLIDAY_TABLE.country} holidays are generated (calendar.country is ${country})`);
  }
  if (year < BR_FIRST_YEAR || year > BR_LAST_YEAR) {
    throw new RangeError(
      `The holiday table covers ${BR_FIRST_YEAR}–${BR_LAST_YEAR}; extend it with npm run holidays (asked for ${year})`,
    );
  }
  let closures = closuresByYear.get(year);
  if (!closures) {
    closures = decodeClosureYear(year, BR_CLOSURE_CODES[year - BR_FIRST_YEAR] ?? '', BR_CLOSURE_NAMES);
    closuresByYear.set(year, closures);
  }
  return closures;
}

/**
 * How far ahead of a build the table must reach: a due date set in December runs into the next
 * year (SLA, extensions, reopenings), and one more year is the notice to regenerate it in time.
 */
export const HOLIDAY_TABLE_YEARS_AHEAD = 2;

/**
 * Why a build made on `today` must not ship: the table ends before `HOLIDAY_TABLE_YEARS_AHEAD`
 * years from then, and a deploy would run until due dates reach a year it does not have (every
 * intake and assignment then throws). Undefined when it reaches far enough. The synth (infra/app.ts)
 * and the table's test refuse such a build; `npm run holidays` after raising LAST_YEAR fixes it.
 */
export function holidayTableShortfall(today: Date): string | undefined {
  const needed = today.getUTCFullYear() + HOLIDAY_TABLE_YEARS_AHEAD;
  if (needed <= BR_LAST_YEAR) return undefined;
  return (
    `The holiday table (shared/domain/holidays/br.generated.ts) covers ${BR_FIRST_YEAR}–${BR_LAST_YEAR}, ` +
    `and a build made in ${today.getUTCFullYear()} needs it through ${needed}: raise LAST_YEAR in ` +
    'scripts/generate-holidays.ts and run npm run holidays.'
  );
}

type Clock = { hour: number; minute: number };

/** Local dates whose opening (or closing) instant a calendar remembers: years of them, still small. */
const MAX_REMEMBERED_DAYS = 4096;

/** A local date as one number, for the per-date memos: month and day each fit their own bits. */
function dateKey(day: { year: number; month: number; day: number }): number {
  return (day.year * 16 + day.month) * 32 + day.day;
}

/**
 * A memo by local date, emptied when full (issue 16): every due date walks the same days ahead and
 * asks the same questions of them.
 */
function dateMemo<V>(): (day: { year: number; month: number; day: number }, compute: () => V) => V {
  const byDate = new Map<number, V>();
  return (day, compute) => {
    const date = dateKey(day);
    let value = byDate.get(date);
    if (value === undefined) {
      value = compute();
      if (byDate.size >= MAX_REMEMBERED_DAYS) byDate.clear();
      byDate.set(date, value);
    }
    return value;
  };
}

function parseClock(hhmm: string): Clock {
  const [h, m] = hhmm.split(':');
  return { hour: Number(h), minute: Number(m) };
}

function parseIsoDate(isoDate: string): DateTime {
  const m = ISO_DATE.exec(isoDate);
  if (!m) throw new RangeError(`Expected an ISO date YYYY-MM-DD, got ${JSON.stringify(isoDate)}`);
  const dt = DateTime.fromObject({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }, { zone: 'UTC' });
  if (!dt.isValid) throw new RangeError(`Invalid calendar date ${JSON.stringify(isoDate)}`);
  return dt;
}

/** A date of the proleptic Gregorian calendar, without time or zone (luxon's weekday numbering: Monday 1 … Sunday 7). */
class CalendarDate {
  private constructor(
    readonly year: number,
    readonly month: number,
    readonly day: number,
    private readonly epochDay: number,
  ) {}

  static of(year: number, month: number, day: number): CalendarDate {
    return CalendarDate.fromEpochDay(Math.floor(Date.UTC(year, month - 1, day) / DAY_MS));
  }

  private static fromEpochDay(epochDay: number): CalendarDate {
    const d = new Date(epochDay * DAY_MS);
    return new CalendarDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), epochDay);
  }

  next(): CalendarDate {
    return CalendarDate.fromEpochDay(this.epochDay + 1);
  }

  get weekday(): number {
    // 1970-01-01 was a Thursday (4).
    return ((((this.epochDay + 3) % 7) + 7) % 7) + 1;
  }

  toISODate(): string {
    return `${String(this.year).padStart(4, '0')}-${String(this.month).padStart(2, '0')}-${String(this.day).padStart(2, '0')}`;
  }
}

const DAY_MS = 86_400_000;

function assertValidInstant(at: Date): void {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new RangeError('Invalid Date');
}

/**
 * The calendar of a configuration's office or support hours. Built once per configuration object
 * (a parsed configuration is never changed): building one checks the time zone, ~10 µs that the
 * intake paid for every acknowledgement's due date.
 */
export function officeCalendar(config: OuvidoriaConfig, hours: 'office' | 'support' = 'office'): OfficeCalendar {
  let built = calendars.get(config);
  if (!built) {
    built = {};
    calendars.set(config, built);
  }
  built[hours] ??= buildCalendar(config, hours);
  return built[hours];
}

const calendars = new WeakMap<OuvidoriaConfig, { office?: OfficeCalendar; support?: OfficeCalendar }>();

function buildCalendar(config: OuvidoriaConfig, hours: 'office' | 'support'): OfficeCalendar {
  const zone = timeZoneNamed(config.timeZone);
  if (!DateTime.now().setZone(zone).isValid)
    throw new RangeError(`Unknown time zone ${JSON.stringify(config.timeZone)}`);
  const schedule: OfficeHours = hours === 'office' ? config.officeHours : config.supportHours;
  const open = parseClock(schedule.open);
  const close = parseClock(schedule.close);
  const workingWeekdays = new Set(schedule.days);
  const country = config.calendar.country;
  const extraClosed = new Set(config.calendar.extraClosedDays);

  function closureName(isoDate: string): string | undefined {
    const year = Number(isoDate.slice(0, 4));
    const closure = closuresOf(country, year).get(isoDate);
    if (closure) {
      if (closure.kind === 'public') return closure.name;
      if (closure.kind === 'carnival' && config.calendar.closedOnCarnival) return closure.name;
      if (closure.kind === 'ashWednesday' && config.calendar.closedOnAshWednesday) return closure.name;
    }
    // A date, or its day of every year (MM-DD).
    if (extraClosed.has(isoDate) || extraClosed.has(isoDate.slice(5))) return EXTRA_CLOSED_DAY_NAME;
    return undefined;
  }

  /** `day` is any DateTime on the local date; weekday comes from the calendar date itself. */
  function isBusinessLocalDate(day: DateTime | CalendarDate): boolean {
    return businessDates(
      day,
      () => workingWeekdays.has(day.weekday) && closureName(day.toISODate() as string) === undefined,
    );
  }
  const businessDates = dateMemo<boolean>();

  /**
   * The instant (epoch ms) of a wall-clock time on a local date; NaN where luxon finds none. Remembered
   * per date and time (issue 16): every due date asks for the opening and closing of the same few
   * days, and each answer costs luxon an offset search in the zone.
   */
  function at(day: DateTime | CalendarDate, clock: Clock): number {
    let byDate = instants.get(clock);
    if (!byDate) {
      byDate = dateMemo<number>();
      instants.set(clock, byDate);
    }
    return byDate(day, () =>
      DateTime.fromObject(
        { year: day.year, month: day.month, day: day.day, hour: clock.hour, minute: clock.minute },
        { zone },
      ).toMillis(),
    );
  }
  /** Per clock (this calendar's opening and closing), the instant by local date. */
  const instants = new Map<Clock, ReturnType<typeof dateMemo<number>>>();

  /**
   * The local calendar date of `local`: stepping days on plain dates needs no time-zone offset
   * (luxon's plus({ days }) in the office zone keeps the wall-clock fields exactly, so it walks
   * the same calendar dates — at two offset look-ups per step).
   */
  function calendarDay(local: DateTime): CalendarDate {
    return CalendarDate.of(local.year, local.month, local.day);
  }

  /** The next business date strictly after `day` (a local date in the office zone). */
  function nextBusinessDate(day: CalendarDate): CalendarDate {
    let d = day;
    for (let i = 0; i < MAX_DAYS_AHEAD; i++) {
      d = d.next();
      if (isBusinessLocalDate(d)) return d;
    }
    throw new Error(`The ${hours} calendar has no business day within ${MAX_DAYS_AHEAD} days`);
  }

  /** When open: the instant's local time and that day's opening (dueDate reads both again). */
  function openAt(instant: Date): { local: DateTime; openingMs: number } | null {
    assertValidInstant(instant);
    const local = DateTime.fromJSDate(instant, { zone });
    if (!isBusinessLocalDate(local)) return null;
    const ms = instant.getTime();
    const openingMs = at(local, open);
    return ms >= openingMs && ms < at(local, close) ? { local, openingMs } : null;
  }

  function isOpen(instant: Date): boolean {
    return openAt(instant) !== null;
  }

  function nextOpening(instant: Date): Date {
    if (isOpen(instant)) return instant;
    return nextOpeningWhenClosed(instant);
  }

  function nextOpeningWhenClosed(instant: Date): Date {
    const local = DateTime.fromJSDate(instant, { zone });
    const openToday = at(local, open);
    if (isBusinessLocalDate(local) && instant.getTime() < openToday) return new Date(openToday);
    return new Date(at(nextBusinessDate(calendarDay(local)), open));
  }

  function dueDate(from: Date, businessDays: number): Date {
    if (!Number.isInteger(businessDays) || businessDays < 0) {
      throw new RangeError(`businessDays must be a non-negative integer, got ${businessDays}`);
    }
    const openNow = openAt(from);
    const start = openNow ? from : nextOpeningWhenClosed(from);
    if (businessDays === 0) return start;
    // Open at `from`: the start is `from` itself, whose local time and opening are known already.
    const startLocal = openNow ? openNow.local : DateTime.fromJSDate(start, { zone });
    let day = calendarDay(startLocal);
    if (start.getTime() === (openNow ? openNow.openingMs : at(startLocal, open))) {
      // Opening instant ≡ previous closing: the start day itself is the first business day counted.
      for (let i = 1; i < businessDays; i++) day = nextBusinessDate(day);
      return new Date(at(day, close));
    }
    for (let i = 0; i < businessDays; i++) day = nextBusinessDate(day);
    const due = DateTime.fromObject(
      {
        year: day.year,
        month: day.month,
        day: day.day,
        hour: startLocal.hour,
        minute: startLocal.minute,
        second: startLocal.second,
        millisecond: startLocal.millisecond,
      },
      { zone },
    );
    // Capped to closing time (only reachable if a wall-clock time shifted, e.g. across a DST gap).
    const closing = at(day, close);
    return new Date(Math.min(due.toMillis(), closing));
  }

  return {
    timeZone: config.timeZone,
    isOpen,
    nextOpening,
    isBusinessDay: (isoDate) => isBusinessLocalDate(parseIsoDate(isoDate)),
    dueDate,
    addBusinessDays: dueDate,
    holidayName: (isoDate) => {
      parseIsoDate(isoDate);
      return closureName(isoDate);
    },
    localDate: (instant) => {
      assertValidInstant(instant);
      return DateTime.fromJSDate(instant, { zone }).toISODate() as string;
    },
  };
}

/**
 * An instant (a Date, or an ISO string as stored) on the wall clock of the time zone, formatted;
 * what cannot be read is shown as it was written rather than as "Invalid DateTime".
 */
export function formatInstantIn(instant: Date | string, timeZone: string, format: string): string {
  const zone = timeZoneNamed(timeZone);
  const dt =
    typeof instant === 'string'
      ? (canonicalInstantIn(instant, zone) ?? DateTime.fromISO(instant, { setZone: false }).setZone(zone))
      : DateTime.fromJSDate(instant, { zone });
  return dt.isValid ? dt.toFormat(format) : String(instant);
}

/** "10/12/2026 às 17:00" in the given time zone (pt-BR, 24 h). */
export function formatDateTimePtBr(instant: Date | string, timeZone: string): string {
  return formatInstantIn(instant, timeZone, "dd/MM/yyyy 'às' HH:mm");
}
