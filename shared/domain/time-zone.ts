/**
 * The IANA time zones luxon computes in. Brazil's come from a table generated at build time
 * (TableZone), so that no Intl starts in a cold container; any other has its UTC offsets
 * remembered hour by hour (HourlyOffsetZone):
 *
 * luxon asks Intl for the offset of every DateTime it builds in an IANA zone (formatToParts, a few
 * microseconds each), and the office calendar builds dozens per due date: a sixth of the e-mail
 * intake's own CPU time went there (issue 16, bench "Email intake by stage"). An hour whose first
 * and last millisecond have the same offset has it throughout, since no zone changes its offset
 * twice within one hour; an hour with a transition in it is asked of Intl every time. The zone
 * behaves as luxon's own IANAZone (type, name, equality, formatting): only the offset is remembered.
 */
import { DateTime, IANAZone, Settings, Zone, type ZoneOffsetFormat, type ZoneOffsetOptions } from 'luxon';
import { TIME_ZONE_OFFSETS, TIME_ZONE_TABLE_FROM_MS, TIME_ZONE_TABLE_TO_MS } from './time-zones.generated';

/**
 * luxon reads the system's locale through Intl when a DateTime has none, and starting Intl costs
 * ~12 ms of a cold container's first message (issue 16). The product formats digits only
 * ("dd/MM/yyyy 'às' HH:mm"), the same in every locale: en-US, what Lambda's system locale is, with
 * Latin digits, so that luxon formats them itself.
 */
Settings.defaultLocale = 'en-US';
Settings.defaultNumberingSystem = 'latn';

const HOUR_MS = 3_600_000;
/** Hours remembered per zone before the memo starts over (a year of hours is ~8,800). */
const MAX_REMEMBERED_HOURS = 50_000;

export class HourlyOffsetZone extends Zone {
  private readonly offsets = new Map<number, number>();

  constructor(private readonly iana: IANAZone) {
    super();
  }

  override get type(): string {
    return this.iana.type;
  }

  override get name(): string {
    return this.iana.name;
  }

  override get isUniversal(): boolean {
    return this.iana.isUniversal;
  }

  override get isValid(): boolean {
    return this.iana.isValid;
  }

  override offsetName(ts: number, options: ZoneOffsetOptions): string | null {
    return this.iana.offsetName(ts, options);
  }

  override formatOffset(ts: number, format: ZoneOffsetFormat): string {
    return this.iana.formatOffset(ts, format);
  }

  override equals(other: Zone): boolean {
    return this.iana.equals(other);
  }

  override offset(ts: number): number {
    if (!Number.isFinite(ts)) return this.iana.offset(ts);
    const hour = Math.floor(ts / HOUR_MS);
    const known = this.offsets.get(hour);
    if (known !== undefined) return known;
    const start = this.iana.offset(hour * HOUR_MS);
    const end = this.iana.offset(hour * HOUR_MS + HOUR_MS - 1);
    // A transition inside this hour: the exact instant decides, and nothing is remembered.
    if (start !== end || Number.isNaN(start)) return this.iana.offset(ts);
    if (this.offsets.size >= MAX_REMEMBERED_HOURS) this.offsets.clear();
    this.offsets.set(hour, start);
    return start;
  }
}

/**
 * An IANA zone whose offsets come from the table generated at build time
 * (time-zones.generated.ts, scripts/generate-time-zones.ts) inside its range, and from Intl
 * (luxon's IANAZone) outside it and for offset names. The table is why a cold container computes
 * office hours, due dates and protocol years without starting Intl (issue 16).
 */
export class TableZone extends Zone {
  private iana: IANAZone | undefined;

  /** `spans`: flat pairs [first instant (ms), offset (minutes)], in order (TIME_ZONE_OFFSETS). */
  constructor(
    private readonly zoneName: string,
    private readonly spans: readonly number[],
  ) {
    super();
  }

  private intl(): IANAZone {
    this.iana ??= IANAZone.create(this.zoneName);
    return this.iana;
  }

  override get type(): string {
    return 'iana';
  }

  override get name(): string {
    return this.zoneName;
  }

  override get isUniversal(): boolean {
    return false;
  }

  override get isValid(): boolean {
    return true;
  }

  override offsetName(ts: number, options: ZoneOffsetOptions): string | null {
    return this.intl().offsetName(ts, options);
  }

  override formatOffset(ts: number, format: ZoneOffsetFormat): string {
    return this.intl().formatOffset(ts, format);
  }

  override equals(other: Zone): boolean {
    return other.type === 'iana' && other.name === this.zoneName;
  }

  override offset(ts: number): number {
    if (!(ts >= TIME_ZONE_TABLE_FROM_MS && ts < TIME_ZONE_TABLE_TO_MS)) return this.intl().offset(ts);
    // The last span starting at or before ts (binary search over the pairs).
    let lo = 0;
    let hi = this.spans.length / 2 - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.spans[mid * 2] ?? 0) <= ts) lo = mid;
      else hi = mid - 1;
    }
    return this.spans[lo * 2 + 1] ?? this.intl().offset(ts);
  }
}

const zones = new Map<string, Zone>();
/** Names are configuration, a handful; the bound only keeps a caller's mistake from growing it. */
const MAX_ZONES = 64;

/**
 * The zone luxon should compute in for an IANA name ("America/Sao_Paulo"): one instance per name.
 * An invalid name gives luxon's own invalid zone, so DateTimes built in it are invalid as before.
 */
export function timeZoneNamed(name: string): Zone {
  let zone = zones.get(name);
  if (zone === undefined) {
    const spans = Object.hasOwn(TIME_ZONE_OFFSETS, name) ? TIME_ZONE_OFFSETS[name] : undefined;
    if (spans !== undefined) zone = new TableZone(name, spans);
    else {
      const iana = IANAZone.create(name);
      zone = iana.isValid ? new HourlyOffsetZone(iana) : iana;
    }
    if (zones.size >= MAX_ZONES) zones.clear();
    zones.set(name, zone);
  }
  return zone;
}

/**
 * A configured zone name as DateTime's `zone` option, computing as luxon would read the name: an
 * area/location name (what luxon reads as IANA) with remembered offsets; anything else ("UTC",
 * "local", "UTC-3": luxon's own zones) as the name itself.
 */
export function zoneOption(name: string): Zone | string {
  return name.includes('/') ? timeZoneNamed(name) : name;
}

/** The office's calendar day of an instant ("2026-03-10"): a daily limit's day, in the office's zone. */
export function officeDay(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: zoneOption(timeZone) }).toISODate() ?? '';
}

/** The instant the office's calendar day of `instant` began: a daily window's start. */
export function officeDayStart(instant: Date, timeZone: string): Date {
  return DateTime.fromJSDate(instant, { zone: zoneOption(timeZone) })
    .startOf('day')
    .toJSDate();
}

/** Date#toISOString's own form (what the intake stores): "2026-03-10T14:00:00.000Z". */
const CANONICAL_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * An instant in Date#toISOString's own form, in `zone`; undefined for any other string (the
 * caller reads it with luxon, as before). Such a string that Date reads back to itself is the same
 * instant to luxon's fromISO, which costs ~8 µs where Date takes a fraction of one.
 */
export function canonicalInstantIn(iso: string, zone: Zone): DateTime | undefined {
  if (!CANONICAL_INSTANT.test(iso)) return undefined;
  const date = new Date(iso);
  return !Number.isNaN(date.getTime()) && date.toISOString() === iso ? DateTime.fromJSDate(date, { zone }) : undefined;
}
