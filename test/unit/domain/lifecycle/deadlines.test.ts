import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { officeCalendar } from '../../../../shared/domain/calendar';
import { localConfig, localConfigInput, parseConfig } from '../../../../shared/domain/config';
import {
  dueDateFrom,
  extendDueDate,
  formatDatePtBr,
  isOverdue,
  promisedBefore,
  promisedDayPassed,
  queuedAssignmentAt,
  reminderAt,
  timerName,
  timersFor,
} from '../../../../shared/domain/lifecycle/deadlines';

const ZONE = 'America/Sao_Paulo';
const cal = officeCalendar(localConfig);

/** São Paulo wall-clock → instant. */
function local(iso: string): Date {
  const dt = DateTime.fromISO(iso, { zone: ZONE });
  if (!dt.isValid) throw new Error(`bad test date ${iso}`);
  return dt.toJSDate();
}

function show(d: Date | null): string {
  return d ? DateTime.fromJSDate(d, { zone: ZONE }).toFormat("ccc yyyy-MM-dd'T'HH:mm") : 'null';
}

describe('dueDateFrom — receipt + 10 business days', () => {
  it.each([
    ['over Carnival (Mon/Tue closed, Ash Wednesday open)', '2026-02-09T10:00', 'Wed 2026-02-25T10:00'],
    ['over Good Friday', '2026-04-01T14:00', 'Thu 2026-04-16T14:00'],
    ['over Tiradentes (Tuesday)', '2026-04-15T11:00', 'Thu 2026-04-30T11:00'],
    ['over Christmas and New Year, received after hours', '2026-12-18T18:00', 'Tue 2027-01-05T17:00'],
    ['received on a Saturday', '2026-03-14T10:00', 'Fri 2026-03-27T17:00'],
    ['received on a Sunday night', '2026-03-15T23:30', 'Fri 2026-03-27T17:00'],
    ['received before opening', '2026-03-10T07:00', 'Mon 2026-03-23T17:00'],
  ])('%s', (_what, received, due) => {
    expect(show(dueDateFrom(local(received), localConfig, cal))).toBe(due);
  });

  it('follows slaBusinessDays', () => {
    const config = parseConfig({ ...localConfigInput, slaBusinessDays: 3 });
    expect(show(dueDateFrom(local('2026-04-16T10:00'), config, officeCalendar(config)))).toBe('Wed 2026-04-22T10:00');
  });
});

describe('reminderAt — reminderBusinessDays before the due date', () => {
  it.each([
    [
      'due at closing: reminded at the opening of the business day after "two days before"',
      'Fri 2026-03-27T17:00',
      2,
      'Thu 2026-03-26T09:00',
    ],
    ['due mid-day', '2026-04-16T14:00', 2, 'Tue 2026-04-14T14:00'],
    ['over New Year (1 January closed)', '2027-01-05T17:00', 2, 'Mon 2027-01-04T09:00'],
    ['over Tiradentes', '2026-04-22T10:00', 2, 'Fri 2026-04-17T10:00'],
    ['over Good Friday', '2026-04-07T15:00', 2, 'Thu 2026-04-02T15:00'],
    ['over Carnival', '2026-02-19T16:00', 2, 'Fri 2026-02-13T16:00'],
    ['one day before', '2026-03-11T10:00', 1, 'Tue 2026-03-10T10:00'],
  ])('%s', (_what, due, days, expected) => {
    const dueAt = local(due.replace(/^\w{3} /, ''));
    expect(show(reminderAt(dueAt, days, cal))).toBe(expected);
  });

  it('no reminder when reminderBusinessDays is 0', () => {
    expect(reminderAt(local('2026-03-27T17:00'), 0, cal)).toBeNull();
  });

  it('refuses a negative or fractional count', () => {
    expect(() => reminderAt(local('2026-03-27T17:00'), -1, cal)).toThrow(RangeError);
    expect(() => reminderAt(local('2026-03-27T17:00'), 1.5, cal)).toThrow(RangeError);
  });
});

describe('extendDueDate — #prorrogar N business days', () => {
  it.each([
    ['closing time stays closing time, over Tiradentes', '2026-04-17T17:00', 3, 'Thu 2026-04-23T17:00'],
    ['over Carnival', '2026-02-12T11:00', 2, 'Wed 2026-02-18T11:00'],
    ['over Christmas', '2026-12-23T17:00', 2, 'Mon 2026-12-28T17:00'],
    ['over a weekend', '2026-03-13T15:00', 1, 'Mon 2026-03-16T15:00'],
    ['over Good Friday', '2026-04-02T17:00', 1, 'Mon 2026-04-06T17:00'],
  ])('%s', (_what, due, days, expected) => {
    expect(show(extendDueDate(local(due), days, cal))).toBe(expected);
  });

  it.each([0, -2, 1.5])('refuses %s days', (days) => {
    expect(() => extendDueDate(local('2026-03-13T15:00'), days, cal)).toThrow(RangeError);
  });
});

describe('formatDatePtBr', () => {
  it.each([
    ['2026-03-27T20:00:00.000Z', '27/03/2026'],
    // 23:30 in São Paulo is already the next day in UTC: the office date counts.
    ['2026-03-28T02:30:00.000Z', '27/03/2026'],
    ['2027-01-05T20:00:00.000Z', '05/01/2027'],
  ])('%s → %s', (iso, expected) => {
    expect(formatDatePtBr(iso, ZONE)).toBe(expected);
    expect(formatDatePtBr(new Date(iso), ZONE)).toBe(expected);
  });

  it('leaves an unreadable value as it is', () => {
    expect(formatDatePtBr('ontem', ZONE)).toBe('ontem');
  });
});

describe('isOverdue', () => {
  it.each([
    ['2026-03-27T20:00:00.000Z', '2026-03-27T19:59:59.999Z', false],
    ['2026-03-27T20:00:00.000Z', '2026-03-27T20:00:00.000Z', true],
    ['2026-03-27T20:00:00.000Z', '2026-04-01T12:00:00.000Z', true],
    ['not a date', '2026-04-01T12:00:00.000Z', false],
  ])('due %s, now %s → %s', (due, now, expected) => {
    expect(isOverdue(due, new Date(now))).toBe(expected);
  });
});

describe('promisedDayPassed — the merchant was told a day ("até 05/01/2027")', () => {
  // Received 18/12/2026 10:00, due 05/01/2027 10:00 across Christmas and New Year.
  const due = local('2027-01-05T10:00').toISOString();
  it.each([
    ['the due day, before 10:00', '2027-01-05T09:59', false],
    ['the due day, after 10:00 (the office is late, her day is not over)', '2027-01-05T10:01', false],
    ['the due day, 23:59', '2027-01-05T23:59', false],
    ['the next day, 00:00', '2027-01-06T00:00', true],
    ['a week later', '2027-01-12T09:00', true],
  ])('%s → %s', (_what, now, expected) => {
    expect(promisedDayPassed(due, local(now), ZONE)).toBe(expected);
  });

  it('an unreadable due date has not passed', () => {
    expect(promisedDayPassed('not a date', local('2027-01-06T12:00'), ZONE)).toBe(false);
  });
});

describe('timers', () => {
  const caseId = 'email:0100019a-abc/def';
  const dueAt = local('2026-03-27T17:00').toISOString();

  it('names are valid EventBridge Scheduler names, stable, and differ per kind and due date', () => {
    const name = timerName('reminder', caseId, dueAt);
    expect(name).toMatch(/^[0-9A-Za-z_.-]{1,64}$/);
    expect(name).toBe(timerName('reminder', caseId, dueAt));
    expect(name).not.toBe(timerName('escalation', caseId, dueAt));
    expect(name).not.toBe(timerName('reminder', caseId, local('2026-04-03T17:00').toISOString()));
    expect(name).not.toContain('email');
  });

  it('a reminder before the due date and an escalation at it, in office time', () => {
    const timers = timersFor(caseId, dueAt, local('2026-03-16T10:00'), localConfig, cal);
    expect(timers.map((t) => [t.kind, show(t.at), t.dueAt])).toEqual([
      ['reminder', 'Thu 2026-03-26T09:00', dueAt],
      ['escalation', 'Mon 2026-03-30T09:00', dueAt],
    ]);
  });

  // The supervisors are alerted at the due date in the office's time: a due date at closing time
  // (every case received outside office hours) alerts at the next opening, not at 17:00:00 to a
  // closed office; a due date within office hours alerts at that instant.
  it.each([
    ['received Saturday: due at closing time, alerted at the next opening', '2026-03-14T10:00', 'Mon 2026-03-30T09:00'],
    ['received Tuesday night', '2026-03-17T22:40', 'Wed 2026-04-01T09:00'],
    ['due Thursday 17:00 before Good Friday (03/04): alerted Monday', '2026-03-19T19:00', 'Mon 2026-04-06T09:00'],
    ['received during office hours: alerted at the due instant', '2026-03-16T10:32', 'Mon 2026-03-30T10:32'],
    ['received at 16:59: alerted at 16:59 of the due day', '2026-03-16T16:59', 'Mon 2026-03-30T16:59'],
  ])('%s', (_label, received, alert) => {
    const due = dueDateFrom(local(received), localConfig, cal);
    const escalation = timersFor(caseId, due.toISOString(), local(received), localConfig, cal).find(
      (t) => t.kind === 'escalation',
    );
    expect(show(escalation?.at ?? null)).toBe(alert);
    expect(escalation?.dueAt).toBe(due.toISOString());
    expect(cal.isOpen(escalation?.at ?? new Date(0))).toBe(true);
  });

  it('no reminder once its moment has passed (e.g. a short extension close to the date)', () => {
    const timers = timersFor(caseId, dueAt, local('2026-03-26T11:00'), localConfig, cal);
    expect(timers.map((t) => t.kind)).toEqual(['escalation']);
  });

  it('no reminder when reminderBusinessDays is 0', () => {
    const config = parseConfig({ ...localConfigInput, reminderBusinessDays: 0 });
    expect(timersFor(caseId, dueAt, local('2026-03-16T10:00'), config, cal).map((t) => t.kind)).toEqual(['escalation']);
  });

  it('rejects an invalid due date', () => {
    expect(() => timerName('reminder', caseId, 'amanhã')).toThrow(RangeError);
  });
});

describe('promisedBefore — the latest receipt whose promised date has passed', () => {
  it.each([
    ['a Wednesday afternoon', '2026-03-25T15:00'],
    ['a Monday at opening', '2026-03-30T09:00'],
    ['a Saturday (closed)', '2026-03-28T11:00'],
    ['the Thursday after Good Friday', '2026-04-09T10:30'],
    ['the first working day of 2027', '2027-01-04T09:00'],
  ])('%s: received a second before, late; at the instant, not', (_when, at) => {
    const now = local(at);
    const cutoff = promisedBefore(now, localConfig, cal);
    const late = (received: number) => dueDateFrom(new Date(received), localConfig, cal) < now;
    expect([late(cutoff.getTime() - 1000), late(cutoff.getTime())]).toEqual([true, false]);
    expect(cutoff.getTime()).toBeLessThan(now.getTime());
  });
});

describe('queuedAssignmentAt — when a queued case waiting for office hours will be assigned', () => {
  // Mend 51: at night the console showed "Na fila", "sem analista" and nothing of the morning's
  // assignment, which the assignment function had deferred to the office's next opening.
  const queued = { status: 'QUEUED', outcome: 'ACCEPTED' };
  it.each([
    ['Thursday 20:30: Friday 09:00', queued, '2026-03-12T20:30', '2026-03-13T09:00'],
    ['Friday 17:00, closing time: Monday 09:00', queued, '2026-03-13T17:00', '2026-03-16T09:00'],
    ['Saturday: Monday 09:00', queued, '2026-03-14T11:00', '2026-03-16T09:00'],
    [
      'Christmas Eve after hours: the 28th (the 25th a holiday, then the weekend)',
      queued,
      '2026-12-24T18:00',
      '2026-12-28T09:00',
    ],
    ['office open: being assigned, no time', queued, '2026-03-12T10:00', undefined],
    ['an assigned case', { status: 'ASSIGNED', outcome: 'ACCEPTED' }, '2026-03-12T20:30', undefined],
    [
      'guidance mail (never assigned)',
      { status: 'REDIRECTED', outcome: 'NO_PRIOR_TICKET' },
      '2026-03-12T20:30',
      undefined,
    ],
  ])('%s', (_label, c, now, expected) => {
    const at = queuedAssignmentAt(c, local(now), cal);
    expect(at).toBe(expected ? local(expected).toISOString() : undefined);
  });
});
