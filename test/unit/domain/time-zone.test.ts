import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { offsetSpans } from '../../../scripts/generate-time-zones';
import {
  canonicalInstantIn,
  HourlyOffsetZone,
  TableZone,
  timeZoneNamed,
  zoneOption,
} from '../../../shared/domain/time-zone';
import {
  TIME_ZONE_OFFSETS,
  TIME_ZONE_TABLE_FROM_MS,
  TIME_ZONE_TABLE_TO_MS,
} from '../../../shared/domain/time-zones.generated';

const HOUR = 3_600_000;

/** Zones with the transitions that could fool an hourly memo: DST either way, half-hour shifts, odd offsets. */
const ZONES = [
  'America/Sao_Paulo', // DST until 2019, transitions at local midnight
  'America/Manaus', // DST in 1985–86 and 1993–94 only
  'America/New_York',
  'Europe/Lisbon',
  'Australia/Lord_Howe', // 30-minute DST
  'Asia/Kathmandu', // +05:30 → +05:45 in 1986
  'America/St_Johns', // -03:30 with DST
  'Pacific/Apia', // skipped a whole day in 2011
];

/** Every transition instant of a zone in [from, to): the generator's own search (daily steps, then bisection). */
function transitions(iana: IANAZone, from: number, to: number): number[] {
  return offsetSpans(iana.name, from, to)
    .slice(1)
    .map(([at]) => at);
}

describe('HourlyOffsetZone', () => {
  it.each(ZONES)('gives the offset luxon’s IANAZone gives around every transition of %s (1970–2026)', (name) => {
    const iana = IANAZone.create(name);
    const memo = new HourlyOffsetZone(iana);
    const from = Date.UTC(1970, 0, 1);
    const found = transitions(iana, from, Date.UTC(2027, 0, 1));
    expect(found.length).toBeGreaterThan(0);
    for (const at of found) {
      // Remember the hours around the transition first, then ask at and beside the instant.
      for (const probe of [at - 2 * HOUR, at + 2 * HOUR, at - HOUR, at + HOUR]) memo.offset(probe);
      for (const probe of [at - 60_000, at - 1, at, at + 1, at + 60_000, at - HOUR + 1, at + HOUR - 1]) {
        expect(memo.offset(probe), `${name} at ${new Date(probe).toISOString()}`).toBe(iana.offset(probe));
      }
    }
  });

  it('agrees with IANAZone on a seeded sweep of instants, asked in any order', () => {
    let seed = 20261201;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (const name of ZONES) {
      const iana = IANAZone.create(name);
      const memo = new HourlyOffsetZone(iana);
      for (let i = 0; i < 2000; i++) {
        const ts = Math.floor(Date.UTC(1990, 0, 1) + next() * (Date.UTC(2035, 0, 1) - Date.UTC(1990, 0, 1)));
        expect(memo.offset(ts)).toBe(iana.offset(ts));
      }
    }
  });

  it('builds the same DateTimes as the zone name: wall-clock fields, offsets, gaps and repeated hours', () => {
    const zone = timeZoneNamed('America/Sao_Paulo');
    for (const fields of [
      { year: 2018, month: 11, day: 4, hour: 0, minute: 30 }, // DST gap (00:00 → 01:00)
      { year: 2019, month: 2, day: 16, hour: 23, minute: 30 }, // repeated hour
      { year: 2026, month: 3, day: 10, hour: 9, minute: 0 },
    ]) {
      const memo = DateTime.fromObject(fields, { zone });
      const plain = DateTime.fromObject(fields, { zone: 'America/Sao_Paulo' });
      expect(memo.toISO()).toBe(plain.toISO());
      expect(memo.toMillis()).toBe(plain.toMillis());
    }
    const instant = new Date('2026-12-01T02:00:00Z');
    expect(DateTime.fromJSDate(instant, { zone }).toFormat('dd/MM/yyyy HH:mm ZZ')).toBe('30/11/2026 23:00 -03:00');
    expect(DateTime.fromJSDate(instant, { zone }).zoneName).toBe('America/Sao_Paulo');
  });

  it('is the same zone as luxon’s for equality and Intl formatting', () => {
    const zone = timeZoneNamed('America/Sao_Paulo');
    const iana = IANAZone.create('America/Sao_Paulo');
    expect(zone.equals(iana)).toBe(true);
    expect(iana.equals(zone)).toBe(true);
    expect(zone.type).toBe('iana');
    const at = DateTime.fromISO('2026-03-10T14:00:00Z', { zone });
    expect(at.setZone('America/Sao_Paulo').toMillis()).toBe(at.toMillis());
    expect(at.toLocaleString(DateTime.DATETIME_SHORT, { locale: 'pt-BR' })).toBe(
      DateTime.fromISO('2026-03-10T14:00:00Z', { zone: 'America/Sao_Paulo' }).toLocaleString(DateTime.DATETIME_SHORT, {
        locale: 'pt-BR',
      }),
    );
  });
});

describe('TableZone', () => {
  const TABLE_ZONES = Object.keys(TIME_ZONE_OFFSETS);

  it.each(TABLE_ZONES)(
    'gives the offset luxon’s IANAZone gives around every transition of %s, and past the table',
    (name) => {
      const iana = IANAZone.create(name);
      const zone = timeZoneNamed(name);
      expect(zone).toBeInstanceOf(TableZone);
      // 1985–2045: the table's range (2000–2040) and beyond it on both sides, where Intl answers.
      for (const at of transitions(iana, Date.UTC(1985, 0, 1), Date.UTC(2045, 0, 1))) {
        for (const probe of [at - HOUR, at - 1, at, at + 1, at + HOUR]) {
          expect(zone.offset(probe), `${name} at ${new Date(probe).toISOString()}`).toBe(iana.offset(probe));
        }
      }
      for (const edge of [
        TIME_ZONE_TABLE_FROM_MS - 1,
        TIME_ZONE_TABLE_FROM_MS,
        TIME_ZONE_TABLE_TO_MS - 1,
        TIME_ZONE_TABLE_TO_MS,
      ]) {
        expect(zone.offset(edge), `${name} at ${edge}`).toBe(iana.offset(edge));
      }
      expect(zone.offset(Number.NaN)).toBe(iana.offset(Number.NaN));
    },
  );

  it('builds the same DateTimes as luxon’s own zone across São Paulo’s last DST years', () => {
    const zone = timeZoneNamed('America/Sao_Paulo');
    for (let ms = Date.UTC(2017, 0, 1); ms < Date.UTC(2020, 0, 1); ms += 7 * HOUR + 13 * 60_000) {
      const ours = DateTime.fromMillis(ms, { zone });
      const luxons = DateTime.fromMillis(ms, { zone: 'America/Sao_Paulo' });
      expect(ours.toISO()).toBe(luxons.toISO());
      const local = DateTime.fromObject(luxons.toObject(), { zone });
      expect(local.toMillis()).toBe(DateTime.fromObject(luxons.toObject(), { zone: 'America/Sao_Paulo' }).toMillis());
    }
  });
});

describe('timeZoneNamed', () => {
  it('reads Brazil’s zones from the generated table and any other through Intl', () => {
    expect(timeZoneNamed('America/Sao_Paulo')).toBeInstanceOf(TableZone);
    expect(timeZoneNamed('America/Rio_Branco')).toBeInstanceOf(TableZone);
    expect(timeZoneNamed('Europe/Lisbon')).toBeInstanceOf(HourlyOffsetZone);
    expect(timeZoneNamed('constructor').isValid).toBe(false);
  });

  it('gives one zone per name', () => {
    expect(timeZoneNamed('America/Sao_Paulo')).toBe(timeZoneNamed('America/Sao_Paulo'));
    expect(timeZoneNamed('America/Manaus')).not.toBe(timeZoneNamed('America/Sao_Paulo'));
  });

  it('keeps an unknown name invalid, as luxon does', () => {
    const zone = timeZoneNamed('Mars/Olympus_Mons');
    expect(zone.isValid).toBe(false);
    expect(DateTime.fromJSDate(new Date(), { zone }).isValid).toBe(false);
  });
});

describe('zoneOption', () => {
  it('puts a DateTime on the same date and time as the name itself does, whatever luxon reads the name as', () => {
    const names = [
      ...ZONES,
      'UTC',
      'utc',
      'GMT',
      'local',
      'system',
      'default',
      'UTC-3',
      'utc+05:30',
      'Etc/GMT+3',
      'Nowhere/City',
      'nonsense',
      '',
    ];
    const instants = [0, Date.UTC(2019, 1, 17, 2, 30), Date.UTC(2026, 2, 10, 2, 59), Date.UTC(2026, 11, 31, 23, 59)];
    for (const name of names) {
      for (const ms of instants) {
        const date = new Date(ms);
        const ours = DateTime.fromJSDate(date, { zone: zoneOption(name) });
        const luxons = DateTime.fromJSDate(date, { zone: name });
        expect([ours.isValid, ours.toISODate(), ours.toISO()]).toEqual([
          luxons.isValid,
          luxons.toISODate(),
          luxons.toISO(),
        ]);
      }
    }
  });
});

describe('canonicalInstantIn', () => {
  const zone = timeZoneNamed('America/Sao_Paulo');

  it('reads an instant in Date#toISOString form as luxon fromISO does', () => {
    for (const iso of ['2026-03-10T14:00:00.000Z', '2026-10-31T23:59:59.999Z', '1999-01-01T00:00:00.000Z']) {
      expect(canonicalInstantIn(iso, zone)?.toISO()).toBe(DateTime.fromISO(iso, { zone }).toISO());
    }
  });

  it('leaves any other string to luxon: other ISO forms, impossible dates, non-dates', () => {
    for (const other of [
      '2026-03-10T14:00:00Z',
      '2026-03-10T14:00:00.000-03:00',
      '2026-02-30T00:00:00.000Z',
      '2026-03-10',
      'x',
    ]) {
      expect(canonicalInstantIn(other, zone)).toBeUndefined();
    }
  });
});
