/** The holiday table the functions ship is exactly what date-holidays says, for every year it covers. */
import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { generatedTable } from '../../../../scripts/generate-holidays';
import { BR_CLOSURES, BR_FIRST_YEAR, BR_LAST_YEAR } from '../../../../shared/domain/holidays/br.generated';
import { closuresFromHolidays } from '../../../../shared/domain/holidays/closures';

describe('generated Brazilian holiday table', () => {
  it('matches date-holidays, year by year, over the whole range', () => {
    const engine = new Holidays('BR', { languages: ['pt'] });
    for (let year = BR_FIRST_YEAR; year <= BR_LAST_YEAR; year++) {
      const expected = [...closuresFromHolidays(engine.getHolidays(year) || [])].map(([date, c]) => [
        date,
        c.name,
        c.kind,
      ]);
      const shipped = BR_CLOSURES.filter(([date]) => date.startsWith(`${year}-`)).map((row) => [...row]);
      expect(shipped, String(year)).toEqual(expected);
    }
  });

  it('covers the years the office works in, movable feasts included', () => {
    expect(BR_FIRST_YEAR).toBeLessThanOrEqual(2018);
    expect(BR_LAST_YEAR).toBeGreaterThanOrEqual(2045);
    const has = (date: string, kind: string) => BR_CLOSURES.some(([d, , k]) => d === date && k === kind);
    expect(has('2026-04-03', 'public')).toBe(true); // Sexta-feira Santa
    expect(has('2026-02-16', 'carnival') && has('2026-02-17', 'carnival')).toBe(true);
    expect(has('2026-02-18', 'ashWednesday')).toBe(true);
    expect(has('2026-11-20', 'public')).toBe(true); // Consciência Negra (national since 2024)
  });

  it('the generator writes the same rows (a stale file would differ)', () => {
    const source = generatedTable(BR_FIRST_YEAR, BR_LAST_YEAR);
    for (const [date, name, kind] of BR_CLOSURES.slice(0, 20)) {
      expect(source).toContain(`[${JSON.stringify(date)}, ${JSON.stringify(name)}, ${JSON.stringify(kind)}]`);
    }
    expect(source.match(/^\s+\["/gm)?.length).toBe(BR_CLOSURES.length);
  });
});
