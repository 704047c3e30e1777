/**
 * A file of its own: luxon keeps its Intl formatters and the system locale for the process, so
 * this must run before anything else in it has used luxon in São Paulo.
 */
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatDateTimePtBr, officeCalendar } from '../../../shared/domain/calendar';
import { localConfig } from '../../../shared/domain/config';
import { dueDateFrom, formatDatePtBr } from '../../../shared/domain/lifecycle/deadlines';
import { timeZoneNamed } from '../../../shared/domain/time-zone';

describe('the office zone without Intl', () => {
  afterEach(() => vi.restoreAllMocks());

  it('computes a due date, its local day and its wording in São Paulo without starting Intl (cold start)', () => {
    const dateTimeFormat = vi.spyOn(Intl, 'DateTimeFormat');
    const numberFormat = vi.spyOn(Intl, 'NumberFormat');
    // A configuration of its own: its calendar is built inside the spies.
    const config = { ...localConfig };
    const due = dueDateFrom(new Date('2026-12-01T20:30:00.000Z'), config, officeCalendar(config));
    expect(due.toISOString()).toBe('2026-12-15T20:00:00.000Z');
    expect(formatDateTimePtBr(due, config.timeZone)).toBe('15/12/2026 às 17:00');
    expect(formatDatePtBr(due.toISOString(), config.timeZone)).toBe('15/12/2026');
    const zone = timeZoneNamed('America/Sao_Paulo');
    expect(DateTime.fromJSDate(new Date('2027-01-01T02:30:00.000Z'), { zone }).year).toBe(2026);
    expect(dateTimeFormat).not.toHaveBeenCalled();
    expect(numberFormat).not.toHaveBeenCalled();
  });
});
