import { describe, expect, it } from 'vitest';
import {
  caseRateKeys,
  DAILY_WINDOWS_HELD,
  dailyWindowsHeld,
  hourWindowStart,
  hourWindowsHeld,
  officeDayWindowsHeld,
  statusLinkInboxKey,
  webformConfirmKey,
  webformConfirmKeys,
} from '../../../shared/domain/rate-keys';

const SP = 'America/Sao_Paulo';

describe('keys: hashed per inbox, never an address', () => {
  it.each([
    ['statusLinkInboxKey', statusLinkInboxKey],
    ['webformConfirmKey (hour)', (a: string) => webformConfirmKey(a, 'hour')],
    ['webformConfirmKey (day, unowned)', (a: string) => webformConfirmKey(a, 'day', 'unowned')],
  ])('%s: one key for every spelling of one inbox, none holding the address', (_, key) => {
    const spellings = ['Maria.Silva@gmail.com', 'mariasilva+loja@googlemail.com', ' MARIASILVA@GMAIL.COM '];
    const keys = new Set(spellings.map(key));
    expect(keys.size).toBe(1);
    const [only] = [...keys];
    expect(only).not.toMatch(/maria|gmail|@/i);
    expect(key('financeiro@lojadamaria.com.br')).not.toBe(only);
  });

  it('the four confirmation counters of an inbox are four distinct keys, by window', () => {
    const { hour, day } = webformConfirmKeys('contato@casadosaromas.com.br');
    expect(new Set([...hour, ...day]).size).toBe(4);
    expect(hour).toEqual([
      webformConfirmKey('contato@casadosaromas.com.br', 'hour'),
      webformConfirmKey('contato@casadosaromas.com.br', 'hour', 'unowned'),
    ]);
    expect(day.every((k) => k.includes('-day-'))).toBe(true);
  });

  it("a case's counters name the case and nothing else", () => {
    expect(caseRateKeys('c-123')).toEqual(['status-link-case-c-123', 'citation-c-123']);
  });
});

describe('windows still held at an instant (what an erasure must look for)', () => {
  it('daily windows: the UTC day of now and the three before it', () => {
    const held = dailyWindowsHeld(new Date('2026-03-10T02:30:00Z'));
    expect(held.map((d) => d.toISOString())).toEqual([
      '2026-03-10T00:00:00.000Z',
      '2026-03-09T00:00:00.000Z',
      '2026-03-08T00:00:00.000Z',
      '2026-03-07T00:00:00.000Z',
    ]);
  });

  it.each([
    ['2026-03-10T14:59:59.999Z', '2026-03-10T14:00:00.000Z'],
    ['2026-03-10T15:00:00.000Z', '2026-03-10T15:00:00.000Z'],
  ])('the hour window of %s starts at %s', (now, start) => {
    expect(hourWindowStart(new Date(now)).toISOString()).toBe(start);
  });

  it('hour windows: every hour of the last four days, newest first, each an hour apart', () => {
    const held = hourWindowsHeld(new Date('2026-03-10T14:20:00Z'));
    expect(held).toHaveLength(DAILY_WINDOWS_HELD * 24);
    expect(held[0]?.toISOString()).toBe('2026-03-10T14:00:00.000Z');
    expect(held.at(-1)?.toISOString()).toBe('2026-03-06T15:00:00.000Z');
    expect(held.every((d, i) => i === 0 || (held[i - 1] as Date).getTime() - d.getTime() === 3_600_000)).toBe(true);
  });

  it.each([
    // 23:30 on the 9th in São Paulo (02:30 UTC on the 10th): the office day is the 9th.
    [
      'late evening in the office, next day in UTC',
      '2026-03-10T02:30:00Z',
      SP,
      ['2026-03-09', '2026-03-08', '2026-03-07', '2026-03-06'],
    ],
    // London's clocks go forward on 29/03/2026: a 23-hour day is still one day.
    [
      'across a daylight-saving change',
      '2026-03-30T12:00:00Z',
      'Europe/London',
      ['2026-03-30', '2026-03-29', '2026-03-28', '2026-03-27'],
    ],
  ])('office days: %s', (_, now, zone, days) => {
    const held = officeDayWindowsHeld(new Date(now), zone);
    const local = held.map((d) => new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(d));
    expect(local).toEqual(days);
    // Each is the local midnight of its day.
    for (const d of held) {
      const time = new Intl.DateTimeFormat('en-GB', {
        timeZone: zone,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(d);
      expect(time).toBe('00:00');
    }
  });
});
