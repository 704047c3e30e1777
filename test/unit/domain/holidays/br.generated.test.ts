/** The holiday table the functions ship is exactly what date-holidays says, for every year it covers. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { generatedTable } from '../../../../scripts/generate-holidays';
import { holidayTableShortfall } from '../../../../shared/domain/calendar';
import {
  BR_CLOSURE_CODES,
  BR_CLOSURE_NAMES,
  BR_FIRST_YEAR,
  BR_LAST_YEAR,
} from '../../../../shared/domain/holidays/br.generated';
import { closuresFromHolidays, decodeClosureYear } from '../../../../shared/domain/holidays/closures';

const shippedYear = (year: number) =>
  [...decodeClosureYear(year, BR_CLOSURE_CODES[year - BR_FIRST_YEAR] ?? '', BR_CLOSURE_NAMES)].map(([date, c]) => [
    date,
    c.name,
    c.kind,
  ]);

describe('generated Brazilian holiday table', () => {
  it('matches date-holidays, year by year, over the whole range', () => {
    const engine = new Holidays('BR', { languages: ['pt'] });
    expect(BR_CLOSURE_CODES).toHaveLength(BR_LAST_YEAR - BR_FIRST_YEAR + 1);
    for (let year = BR_FIRST_YEAR; year <= BR_LAST_YEAR; year++) {
      const expected = [...closuresFromHolidays(engine.getHolidays(year) || [])].map(([date, c]) => [
        date,
        c.name,
        c.kind,
      ]);
      expect(shippedYear(year), String(year)).toEqual(expected);
    }
  });

  it('covers the years the office works in, movable feasts included', () => {
    expect(BR_FIRST_YEAR).toBeLessThanOrEqual(2018);
    expect(BR_LAST_YEAR).toBeGreaterThanOrEqual(2045);
    const has = (date: string, kind: string) => shippedYear(2026).some(([d, , k]) => d === date && k === kind);
    expect(has('2026-04-03', 'public')).toBe(true); // Sexta-feira Santa
    expect(has('2026-02-16', 'carnival') && has('2026-02-17', 'carnival')).toBe(true);
    expect(has('2026-02-18', 'ashWednesday')).toBe(true);
    expect(has('2026-11-20', 'public')).toBe(true); // Consciência Negra (national since 2024)
  });

  it('reaches two years past today: a deploy from this build keeps its due dates inside the table', () => {
    expect(holidayTableShortfall(new Date())).toBeUndefined();
  });

  it.each([
    ['today (December 2026)', '2026-12-02T10:00:00Z', undefined],
    ['a deploy a year from now', '2027-12-20T15:00:00Z', undefined],
    ['the last year that still has its two years ahead', '2048-12-31T12:00:00Z', undefined],
    [
      'two years before the end',
      '2049-01-02T12:00:00Z',
      /covers 2015–2050, and a build made in 2049 needs it through 2051/,
    ],
    ['the last year of the table', '2050-12-20T12:00:00Z', /needs it through 2052: raise LAST_YEAR/],
  ])('a build made on %s: %s', (_when, today, problem) => {
    const shortfall = holidayTableShortfall(new Date(today));
    if (problem === undefined) expect(shortfall).toBeUndefined();
    else expect(shortfall).toMatch(problem);
  });

  it('the generator writes this file byte for byte (a stale file would differ)', () => {
    const file = join(import.meta.dirname, '../../../../shared/domain/holidays/br.generated.ts');
    expect(generatedTable(BR_FIRST_YEAR, BR_LAST_YEAR)).toBe(readFileSync(file, 'utf8'));
  });
});
