import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { EXTRA_CLOSED_DAY_NAME, formatDateTimePtBr, officeCalendar } from '../../../shared/domain/calendar';
import { localConfig, localConfigInput, type OuvidoriaConfig, parseConfig } from '../../../shared/domain/config';

const ZONE = 'America/Sao_Paulo';

/** A wall-clock time in São Paulo, e.g. local('2026-03-10T09:00'). */
function local(iso: string): Date {
  const dt = DateTime.fromISO(iso, { zone: ZONE });
  if (!dt.isValid) throw new Error(`bad test date ${iso}`);
  return dt.toJSDate();
}

/** Back to São Paulo wall-clock with offset, for readable assertions. */
function show(d: Date): string {
  return DateTime.fromJSDate(d, { zone: ZONE }).toFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZZ");
}

function withCalendar(calendar: Partial<OuvidoriaConfig['calendar']>): OuvidoriaConfig {
  return parseConfig({ ...localConfigInput, calendar: { ...localConfigInput.calendar, ...calendar } });
}

const cal = officeCalendar(localConfig);

describe('officeCalendar.isOpen — hour boundaries (Tuesday 2026-03-10)', () => {
  it.each([
    ['2026-03-10T08:59:59.000', false],
    ['2026-03-10T08:59:59.999', false],
    ['2026-03-10T09:00:00.000', true],
    ['2026-03-10T12:30:00.000', true],
    ['2026-03-10T16:59:59.000', true],
    ['2026-03-10T16:59:59.999', true],
    ['2026-03-10T17:00:00.000', false],
    ['2026-03-10T23:59:59.999', false],
    ['2026-03-10T00:00:00.000', false],
  ])('%s → %s', (at, open) => {
    expect(cal.isOpen(local(at))).toBe(open);
  });

  it.each([
    ['Saturday', '2026-03-14T10:00'],
    ['Sunday', '2026-03-15T10:00'],
  ])('is closed on %s', (_day, at) => {
    expect(cal.isOpen(local(at))).toBe(false);
  });

  it('rejects an invalid Date', () => {
    expect(() => cal.isOpen(new Date('not a date'))).toThrow(RangeError);
  });
});

describe('officeCalendar — national holidays (public only)', () => {
  it.each([
    ['2026-01-01', 'Ano Novo'],
    ['2026-04-03', 'Sexta-Feira Santa'],
    ['2026-04-21', 'Dia de Tiradentes'],
    ['2025-04-21', 'Dia de Tiradentes'],
    ['2026-05-01', 'Dia do trabalhador'],
    ['2026-09-07', 'Dia da Independência'],
    ['2026-10-12', 'Nossa Senhora Aparecida'],
    ['2026-11-02', 'Dia de Finados'],
    ['2026-11-20', 'Dia da Consciência Negra'],
    ['2026-12-25', 'Natal'],
    ['2018-03-30', 'Sexta-Feira Santa'],
  ])('%s is closed (%s)', (date, name) => {
    expect(cal.isBusinessDay(date)).toBe(false);
    expect(cal.holidayName(date)).toBe(name);
    expect(cal.isOpen(local(`${date}T10:00`))).toBe(false);
  });

  it.each([
    ['Christmas Eve (optional from 14:00 in date-holidays)', '2026-12-24'],
    ["New Year's Eve (optional from 14:00)", '2026-12-31'],
    ['Corpus Christi (a bank holiday, not public)', '2026-06-04'],
    ['an ordinary Wednesday', '2026-03-11'],
  ])('%s is an ordinary business day', (_what, date) => {
    expect(cal.isBusinessDay(date)).toBe(true);
    expect(cal.holidayName(date)).toBeUndefined();
    expect(cal.isOpen(local(`${date}T16:59:59.999`))).toBe(true);
  });

  it('Christmas Eve after hours opens next on Monday 28 (Christmas Friday + weekend)', () => {
    expect(show(cal.nextOpening(local('2026-12-24T17:00')))).toBe('2026-12-28T09:00:00.000-03:00');
  });

  it('New Year: Thursday 31 after hours → Monday 2027-01-04 (1 January is a Friday)', () => {
    expect(show(cal.nextOpening(local('2026-12-31T17:00')))).toBe('2027-01-04T09:00:00.000-03:00');
  });

  it('a holiday Monday (Tiradentes 2025-04-21, after Good Friday 18): Thursday evening → Tuesday', () => {
    expect(show(cal.nextOpening(local('2025-04-17T18:00')))).toBe('2025-04-22T09:00:00.000-03:00');
  });

  it('weekends are not business days but have no holiday name', () => {
    expect(cal.isBusinessDay('2026-03-14')).toBe(false);
    expect(cal.holidayName('2026-03-14')).toBeUndefined();
  });

  it.each(['2026-02-30', '2026-13-01', '26-01-01', '2026-1-1', '', '2026-01-01T00:00'])(
    'rejects the bad ISO date %j',
    (bad) => {
      expect(() => cal.isBusinessDay(bad)).toThrow(RangeError);
      expect(() => cal.holidayName(bad)).toThrow(RangeError);
    },
  );
});

describe('officeCalendar — Carnival, Ash Wednesday and company days', () => {
  it.each([
    ['2026-02-16', 'Carnaval'],
    ['2026-02-17', 'Carnaval'],
  ])('Carnival %s is closed when configured (default)', (date, name) => {
    const c = officeCalendar(withCalendar({ closedOnCarnival: true }));
    expect(c.isBusinessDay(date)).toBe(false);
    expect(c.holidayName(date)).toBe(name);
  });

  it('Carnival Monday and Tuesday are open when closedOnCarnival is false', () => {
    const c = officeCalendar(withCalendar({ closedOnCarnival: false }));
    expect(c.isBusinessDay('2026-02-16')).toBe(true);
    expect(c.isBusinessDay('2026-02-17')).toBe(true);
    expect(c.holidayName('2026-02-16')).toBeUndefined();
    expect(show(c.nextOpening(local('2026-02-13T18:00')))).toBe('2026-02-16T09:00:00.000-03:00');
  });

  it('with Carnival closed, Friday evening before Carnival → Ash Wednesday 09:00', () => {
    const c = officeCalendar(withCalendar({ closedOnCarnival: true, closedOnAshWednesday: false }));
    expect(c.isBusinessDay('2026-02-18')).toBe(true);
    expect(show(c.nextOpening(local('2026-02-13T18:00')))).toBe('2026-02-18T09:00:00.000-03:00');
  });

  it('Ash Wednesday closed when configured → Thursday 09:00', () => {
    const c = officeCalendar(withCalendar({ closedOnCarnival: true, closedOnAshWednesday: true }));
    expect(c.holidayName('2026-02-18')).toBe('Quarta-feira de Cinzas');
    expect(show(c.nextOpening(local('2026-02-13T18:00')))).toBe('2026-02-19T09:00:00.000-03:00');
  });

  it('Carnival follows Easter in other years (2025: March 3–4)', () => {
    expect(cal.isBusinessDay('2025-03-03')).toBe(false);
    expect(cal.isBusinessDay('2025-03-04')).toBe(false);
    expect(cal.isBusinessDay('2025-02-24')).toBe(true);
  });

  it.each([
    { day: '2026-12-24', closed: true },
    { day: '2027-12-24', closed: true },
    { day: '2027-12-31', closed: true },
    { day: '2031-12-31', closed: true },
    { day: '2027-12-23', closed: false },
    { day: '2027-12-30', closed: false },
  ])('"12-24" and "12-31" close the office every year: $day closed $closed', ({ day, closed }) => {
    const c = officeCalendar(withCalendar({ extraClosedDays: ['12-24', '12-31'] }));
    expect(c.isBusinessDay(day)).toBe(!closed);
    expect(c.holidayName(day)).toBe(closed ? EXTRA_CLOSED_DAY_NAME : undefined);
  });

  it('a case received on Christmas Eve 2027 of an office closed every 24 and 31 Dec waits for Monday 27', () => {
    const c = officeCalendar(withCalendar({ extraClosedDays: ['12-24', '12-31'] }));
    expect(show(c.nextOpening(local('2027-12-24T10:00')))).toBe('2027-12-27T09:00:00.000-03:00');
    // Received Thu 23 Dec 2027 at 10:00: 27, 28, 29, 30 Dec and 3 Jan — neither 24 nor 31 Dec counts.
    expect(show(c.dueDate(local('2027-12-23T10:00'), 5))).toBe('2028-01-03T10:00:00.000-03:00');
  });

  it('extraClosedDays close the office and are named', () => {
    const c = officeCalendar(withCalendar({ extraClosedDays: ['2026-12-24', '2026-03-11'] }));
    expect(c.isBusinessDay('2026-12-24')).toBe(false);
    expect(c.holidayName('2026-03-11')).toBe(EXTRA_CLOSED_DAY_NAME);
    expect(c.isOpen(local('2026-03-11T10:00'))).toBe(false);
    expect(show(c.nextOpening(local('2026-03-10T17:00')))).toBe('2026-03-12T09:00:00.000-03:00');
    // The shared holiday cache is per year, not per configuration.
    expect(cal.isBusinessDay('2026-03-11')).toBe(true);
  });
});

describe('officeCalendar.nextOpening', () => {
  it.each([
    ['inside hours: the instant itself', '2026-03-10T10:15:30.123', '2026-03-10T10:15:30.123-03:00'],
    ['at opening: the instant itself', '2026-03-10T09:00', '2026-03-10T09:00:00.000-03:00'],
    ['before opening: 09:00 the same day', '2026-03-10T06:00', '2026-03-10T09:00:00.000-03:00'],
    ['one ms before opening', '2026-03-10T08:59:59.999', '2026-03-10T09:00:00.000-03:00'],
    ['at closing: next day', '2026-03-10T17:00', '2026-03-11T09:00:00.000-03:00'],
    ['Friday after hours: Monday 09:00', '2026-03-13T17:00', '2026-03-16T09:00:00.000-03:00'],
    ['Saturday: Monday 09:00', '2026-03-14T11:00', '2026-03-16T09:00:00.000-03:00'],
    ['Sunday night: Monday 09:00', '2026-03-15T23:59', '2026-03-16T09:00:00.000-03:00'],
    ['Thursday before Good Friday: Monday', '2026-04-02T18:00', '2026-04-06T09:00:00.000-03:00'],
    ['on Good Friday morning: Monday', '2026-04-03T08:00', '2026-04-06T09:00:00.000-03:00'],
  ])('%s', (_what, at, expected) => {
    expect(show(cal.nextOpening(local(at)))).toBe(expected);
  });

  it('returns the very same Date object when open', () => {
    const d = local('2026-03-10T10:00');
    expect(cal.nextOpening(d)).toBe(d);
  });
});

describe('officeCalendar — daylight saving time before 2019', () => {
  it('2018-12-03 (in DST, UTC−2): 09:00 local is 11:00Z', () => {
    expect(cal.isOpen(new Date('2018-12-03T10:59:59.999Z'))).toBe(false);
    expect(cal.isOpen(new Date('2018-12-03T11:00:00.000Z'))).toBe(true);
    expect(cal.isOpen(new Date('2018-12-03T18:59:59.999Z'))).toBe(true);
    expect(cal.isOpen(new Date('2018-12-03T19:00:00.000Z'))).toBe(false);
    expect(cal.nextOpening(new Date('2018-12-01T15:00:00Z')).toISOString()).toBe('2018-12-03T11:00:00.000Z');
  });

  it('across the DST start (Sunday 2018-11-04): Saturday → Monday 09:00 −02:00', () => {
    expect(cal.nextOpening(new Date('2018-11-03T15:00:00Z')).toISOString()).toBe('2018-11-05T11:00:00.000Z');
  });

  it('across the DST end (night of 2018-02-17): Friday evening → Monday 09:00 −03:00', () => {
    expect(cal.nextOpening(new Date('2018-02-16T20:00:00Z')).toISOString()).toBe('2018-02-19T12:00:00.000Z');
  });

  it('08:30 local in DST (10:30Z) is closed although 10:30Z would be 07:30 −03:00', () => {
    expect(cal.isOpen(new Date('2018-12-04T10:30:00Z'))).toBe(false);
    expect(cal.isOpen(new Date('2019-03-12T11:30:00Z'))).toBe(false); // DST over: 08:30 −03:00
    expect(cal.isOpen(new Date('2018-12-04T11:30:00Z'))).toBe(true);
  });
});

describe('officeCalendar.dueDate', () => {
  it.each([
    ['inside hours: same time on the 10th business day', '2026-03-02T10:30', 10, '2026-03-16T10:30:00.000-03:00'],
    [
      'Friday after hours: counted from Monday 09:00, ends Friday 17:00',
      '2026-03-13T18:00',
      10,
      '2026-03-27T17:00:00.000-03:00',
    ],
    ['exactly at opening: same as the previous closing', '2026-03-16T09:00', 10, '2026-03-27T17:00:00.000-03:00'],
    ['before opening on a business day', '2026-03-16T07:45', 1, '2026-03-16T17:00:00.000-03:00'],
    ['1 business day from Monday 16:59:59.999', '2026-03-16T16:59:59.999', 1, '2026-03-17T16:59:59.999-03:00'],
    ['spans Good Friday', '2026-04-01T14:00', 3, '2026-04-07T14:00:00.000-03:00'],
    ['spans Christmas', '2026-12-21T11:00', 5, '2026-12-29T11:00:00.000-03:00'],
    ['spans Christmas and New Year into 2027', '2026-12-21T11:00', 8, '2027-01-04T11:00:00.000-03:00'],
    ['spans Carnival (closed by default)', '2026-02-12T10:00', 2, '2026-02-18T10:00:00.000-03:00'],
    ['the SLA example: 10 business days', '2026-11-26T14:00', 10, '2026-12-10T14:00:00.000-03:00'],
    ['0 days: the counting start', '2026-03-14T12:00', 0, '2026-03-16T09:00:00.000-03:00'],
  ])('%s', (_what, from, days, expected) => {
    expect(show(cal.dueDate(local(from), days))).toBe(expected);
  });

  it('addBusinessDays is the same function', () => {
    expect(cal.addBusinessDays(local('2026-03-02T10:30'), 10)).toEqual(cal.dueDate(local('2026-03-02T10:30'), 10));
  });

  it('across the 2018 DST start and Finados: Thu 2018-11-01 10:00 −03 + 2 → Tue 11-06 10:00 −02', () => {
    const due = cal.dueDate(new Date('2018-11-01T13:00:00Z'), 2);
    expect(due.toISOString()).toBe('2018-11-06T12:00:00.000Z');
  });

  it('the due date is never outside office hours', () => {
    for (const from of ['2026-03-13T18:00', '2026-03-16T09:00', '2026-12-24T16:00', '2026-02-13T20:00']) {
      for (const n of [1, 2, 5, 10, 20]) {
        const due = cal.dueDate(local(from), n);
        const dueLocal = DateTime.fromJSDate(due, { zone: ZONE });
        const ok =
          cal.isOpen(due) ||
          (dueLocal.toFormat('HH:mm:ss.SSS') === '17:00:00.000' && cal.isBusinessDay(dueLocal.toISODate() as string));
        expect(ok, `${from} + ${n} → ${show(due)}`).toBe(true);
      }
    }
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects %s business days', (n) => {
    expect(() => cal.dueDate(local('2026-03-10T10:00'), n)).toThrow(RangeError);
  });
});

describe('officeCalendar — support hours and other settings', () => {
  const support = officeCalendar(localConfig, 'support');

  it.each([
    ['2026-03-10T07:59:59.999', false],
    ['2026-03-10T08:00', true],
    ['2026-03-10T17:30', true],
    ['2026-03-10T18:00', false],
  ])('support %s → %s', (at, open) => {
    expect(support.isOpen(local(at))).toBe(open);
  });

  it('honours configured working days (Saturday open)', () => {
    const config = parseConfig({
      ...localConfigInput,
      officeHours: { days: [1, 2, 3, 4, 5, 6], open: '09:00', close: '13:00' },
    });
    const c = officeCalendar(config);
    expect(c.isOpen(local('2026-03-14T12:59'))).toBe(true);
    expect(show(c.nextOpening(local('2026-03-14T13:00')))).toBe('2026-03-16T09:00:00.000-03:00');
  });

  it('uses the configured time zone (Manaus, UTC−4)', () => {
    const c = officeCalendar(parseConfig({ ...localConfigInput, timeZone: 'America/Manaus' }));
    expect(c.timeZone).toBe('America/Manaus');
    expect(c.isOpen(new Date('2026-03-10T12:59:59Z'))).toBe(false);
    expect(c.isOpen(new Date('2026-03-10T13:00:00Z'))).toBe(true);
  });

  it('refuses an unknown time zone', () => {
    expect(() => officeCalendar(parseConfig({ ...localConfigInput, timeZone: 'Mars/Olympus' }))).toThrow(/time zone/);
  });

  it('fails clearly when no day can ever be a business day', () => {
    const config = parseConfig({ ...localConfigInput, officeHours: { days: [7], open: '09:00', close: '17:00' } });
    const everySunday: string[] = [];
    for (let d = DateTime.fromISO('2026-03-15'); d.year < 2029; d = d.plus({ weeks: 1 })) {
      everySunday.push(d.toISODate() as string);
    }
    const c = officeCalendar({ ...config, calendar: { ...config.calendar, extraClosedDays: everySunday } });
    expect(() => c.nextOpening(local('2026-03-14T10:00'))).toThrow(/no business day/);
  });

  it('answers alike whichever day and clock it is asked about first (instants and business days are remembered)', () => {
    type Calendar = ReturnType<typeof officeCalendar>;
    const questions: ((c: Calendar) => unknown)[] = [
      (c) => c.isOpen(local('2026-03-11T16:59:59.999')),
      (c) => c.isOpen(local('2026-03-11T17:00')),
      (c) => show(c.nextOpening(local('2026-03-11T17:00'))),
      (c) => show(c.dueDate(local('2026-03-11T08:00'), 2)),
      (c) => show(c.dueDate(local('2026-03-11T10:30'), 5)),
      (c) => c.isOpen(local('2026-03-12T08:59:59.999')),
      (c) => c.isBusinessDay('2026-04-03'),
      (c) => show(c.dueDate(local('2026-04-02T10:00'), 1)),
    ];
    const expected = [
      true,
      false,
      '2026-03-12T09:00:00.000-03:00',
      '2026-03-12T17:00:00.000-03:00',
      '2026-03-18T10:30:00.000-03:00',
      false,
      false,
      '2026-04-06T10:00:00.000-03:00',
    ];
    const forwards = officeCalendar(parseConfig(localConfigInput));
    const backwards = officeCalendar(parseConfig(localConfigInput));
    expect(questions.map((ask) => ask(forwards))).toEqual(expected);
    expect([...questions].reverse().map((ask) => ask(backwards))).toEqual([...expected].reverse());
  });

  it('localDate is the date in the office time zone', () => {
    expect(cal.localDate(new Date('2026-03-14T02:30:00Z'))).toBe('2026-03-13');
    expect(cal.localDate(new Date('2026-03-14T03:00:00Z'))).toBe('2026-03-14');
    expect(() => cal.localDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('formatDateTimePtBr', () => {
  it.each([
    ['2026-12-10T20:00:00.000Z', '10/12/2026 às 17:00'],
    ['2026-12-10T17:00:00-03:00', '10/12/2026 às 17:00'],
    ['2018-12-03T11:00:00Z', '03/12/2018 às 09:00'],
  ])('%s → %s', (iso, expected) => {
    expect(formatDateTimePtBr(iso, ZONE)).toBe(expected);
    expect(formatDateTimePtBr(new Date(iso), ZONE)).toBe(expected);
  });

  it('echoes an unreadable value instead of printing "Invalid DateTime"', () => {
    expect(formatDateTimePtBr('ontem', ZONE)).toBe('ontem');
  });
});

describe('holiday table range', () => {
  it('refuses a year outside the generated table, saying how to extend it', () => {
    const calendar = officeCalendar(localConfig, 'office');
    expect(() => calendar.isBusinessDay('2099-03-02')).toThrow(/npm run holidays/);
  });
});

describe('officeCalendar — day stepping on calendar dates equals stepping in the office zone', () => {
  /** dueDate and nextOpening as first written: every day stepped with luxon in the office zone. */
  function reference(config: OuvidoriaConfig) {
    const zone = config.timeZone;
    const c = officeCalendar(config);
    const clock = (hhmm: string) => ({ hour: Number(hhmm.slice(0, 2)), minute: Number(hhmm.slice(3, 5)) });
    const open = clock(config.officeHours.open);
    const close = clock(config.officeHours.close);
    const business = (d: DateTime) => c.isBusinessDay(d.toISODate() as string);
    const at = (d: DateTime, k: { hour: number; minute: number }) =>
      DateTime.fromObject({ year: d.year, month: d.month, day: d.day, ...k }, { zone });
    const next = (day: DateTime): DateTime => {
      let d = day;
      do d = d.plus({ days: 1 });
      while (!business(d));
      return d;
    };
    const nextOpening = (instant: Date): Date => {
      if (c.isOpen(instant)) return instant;
      const l = DateTime.fromJSDate(instant, { zone });
      const openToday = at(l, open);
      if (business(l) && instant.getTime() < openToday.toMillis()) return openToday.toJSDate();
      return at(next(l.startOf('day')), open).toJSDate();
    };
    const dueDate = (from: Date, n: number): Date => {
      const start = nextOpening(from);
      if (n === 0) return start;
      const sl = DateTime.fromJSDate(start, { zone });
      let day: DateTime = sl.startOf('day');
      if (start.getTime() === at(sl, open).toMillis()) {
        for (let i = 1; i < n; i++) day = next(day);
        return at(day, close).toJSDate();
      }
      for (let i = 0; i < n; i++) day = next(day);
      const due = DateTime.fromObject(
        {
          year: day.year,
          month: day.month,
          day: day.day,
          hour: sl.hour,
          minute: sl.minute,
          second: sl.second,
          millisecond: sl.millisecond,
        },
        { zone },
      );
      return new Date(Math.min(due.toMillis(), at(day, close).toMillis()));
    };
    return { nextOpening, dueDate };
  }

  it.each([
    'America/Sao_Paulo',
    'America/New_York',
    'America/Santiago',
    'Asia/Tehran',
    'Australia/Lord_Howe',
    'Pacific/Apia',
  ])('%s', (timeZone) => {
    const config = parseConfig({ ...localConfigInput, timeZone });
    const c = officeCalendar(config);
    const ref = reference(config);
    // Every 10 days 7 h 13 min from 2015 to 2049: every hour of the day and weekday comes round, and each due date spans two weeks (so every DST change is crossed).
    const from = Date.UTC(2015, 0, 2);
    const to = Date.UTC(2049, 11, 1);
    for (let t = from; t < to; t += 247 * 3_600_000 + 13 * 60_000 + 7_919) {
      const at = new Date(t);
      expect(c.nextOpening(at)).toEqual(ref.nextOpening(at));
      for (const n of [0, 1, 10]) expect(c.dueDate(at, n)).toEqual(ref.dueDate(at, n));
    }
  });
});
