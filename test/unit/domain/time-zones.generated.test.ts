/** The time zone table the functions ship is exactly what Node's time zone data says over its range. */
import { describe, expect, it } from 'vitest';
import { offsetSpans, TABLE_FROM_MS, TABLE_TO_MS, TABLE_ZONES } from '../../../scripts/generate-time-zones';
import {
  TIME_ZONE_OFFSETS,
  TIME_ZONE_TABLE_FROM_MS,
  TIME_ZONE_TABLE_TO_MS,
} from '../../../shared/domain/time-zones.generated';

describe('generated time zone table', () => {
  it('holds every zone of Brazil, over the years the office works in', () => {
    expect(Object.keys(TIME_ZONE_OFFSETS).sort()).toEqual([...TABLE_ZONES].sort());
    expect([TIME_ZONE_TABLE_FROM_MS, TIME_ZONE_TABLE_TO_MS]).toEqual([TABLE_FROM_MS, TABLE_TO_MS]);
    expect(TIME_ZONE_TABLE_FROM_MS).toBeLessThanOrEqual(Date.UTC(2017, 0, 1));
    expect(TIME_ZONE_TABLE_TO_MS).toBeGreaterThanOrEqual(Date.UTC(2036, 0, 1));
  });

  // Fails when Node's time zone data changes a rule in the range (a new DST, say): `npm run time-zones`.
  it.each(TABLE_ZONES)('matches Node’s time zone data for %s, span by span', (name) => {
    expect(TIME_ZONE_OFFSETS[name]).toEqual(offsetSpans(name).flat());
  });
});
