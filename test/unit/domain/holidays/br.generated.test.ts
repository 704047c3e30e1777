/** The holiday table the functions ship is exactly what date-holidays says, for every year it covers. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { generatedTable } from '../../../../scripts/generate-holidays';
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

  it('the generator writes this file byte for byte (a stale file would differ)', () => {
    const file = join(import.meta.dirname, '../../../../shared/domain/holidays/br.generated.ts');
    expect(generatedTable(BR_FIRST_YEAR, BR_LAST_YEAR)).toBe(readFileSync(file, 'utf8'));
  });
});
