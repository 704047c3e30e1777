import { describe, expect, it } from 'vitest';
import { findProtocols, formatProtocol, parseProtocol, readTypedProtocol } from '../../../shared/domain/protocol';

describe('formatProtocol', () => {
  it.each([
    [2026, 1, 'OUV-2026-000001'],
    [2026, 123, 'OUV-2026-000123'],
    [2026, 999_999, 'OUV-2026-999999'],
    [2026, 1_000_000, 'OUV-2026-1000000'],
    [2031, 42, 'OUV-2031-000042'],
  ])('%i / %i → %s', (year, seq, expected) => {
    expect(formatProtocol(year, seq)).toBe(expected);
  });

  it.each([
    [2026, 0],
    [2026, -5],
    [2026, 1.5],
    [2026, Number.NaN],
    [2026, 1_000_000_000],
    [1999, 1],
    [10000, 1],
    [2026.5, 1],
  ])('rejects year %s, seq %s', (year, seq) => {
    expect(() => formatProtocol(year, seq)).toThrow(RangeError);
  });
});

describe('parseProtocol', () => {
  it.each([
    ['OUV-2026-000123', { year: 2026, seq: 123 }],
    ['ouv-2026-000123', { year: 2026, seq: 123 }],
    ['  OUV-2026-000123 \n', { year: 2026, seq: 123 }],
    ['OUV-2026-1000000', { year: 2026, seq: 1_000_000 }],
  ])('%j → %o', (input, expected) => {
    expect(parseProtocol(input)).toEqual(expected);
  });

  it.each([
    'OUV-2026-123',
    'OUV-2026-0000123',
    'OUV-2026-000000',
    'OUV 2026 000123',
    'OUV-26-000123',
    'XOUV-2026-000123',
    'OUV-2026-000123x',
    'OUV-1999-000123',
    'OUV-2026-1234567890',
    '',
    'protocolo OUV-2026-000123',
  ])('rejects %j', (input) => {
    expect(parseProtocol(input)).toBeNull();
  });

  it('rejects non-strings', () => {
    expect(parseProtocol(undefined as unknown as string)).toBeNull();
  });

  it('round-trips', () => {
    for (const [y, s] of [
      [2026, 1],
      [2027, 654_321],
      [2030, 12_345_678],
    ] as const) {
      expect(parseProtocol(formatProtocol(y, s))).toEqual({ year: y, seq: s });
    }
  });
});

describe('findProtocols', () => {
  it.each([
    ['Re: [OUV-2026-000123] Recebemos sua manifestação', ['OUV-2026-000123']],
    ['meu protocolo é ouv-2026-000123, aguardo', ['OUV-2026-000123']],
    ['Protocolo OUV 2026 000123', ['OUV-2026-000123']],
    ['protocolo ouv-2026-123 da semana passada', ['OUV-2026-000123']],
    ['OUV2026000123', ['OUV-2026-000123']],
    ['OUV–2026–000123 (travessão do Word)', ['OUV-2026-000123']],
    ['OUV_2026_000123 e OUV.2026.000124 e OUV/2026/000125', ['OUV-2026-000123', 'OUV-2026-000124', 'OUV-2026-000125']],
    ['número:\u00a0OUV-2026-000123.', ['OUV-2026-000123']],
    ['#OUV-2026-000123', ['OUV-2026-000123']],
    ['(OUV-2026-000123)', ['OUV-2026-000123']],
    ['OUV-2026-000123 e de novo ouv-2026-123 e OUV-2025-000009', ['OUV-2026-000123', 'OUV-2025-000009']],
    ['OUV-2026-1000001', ['OUV-2026-1000001']],
    ['> Em 10/03, Ouvidoria escreveu:\n> [OUV-2026-000777] Recebemos', ['OUV-2026-000777']],
  ])('%j → %o', (text, expected) => {
    expect(findProtocols(text)).toEqual(expected);
  });

  it.each([
    ['no protocol', 'Preciso de ajuda com meu chamado 12345'],
    ['letter glued before', 'LOUV-2026-000123'],
    ['digit glued after a long run', 'OUV-2026-0001234567890'],
    ['letter glued after', 'OUV-2026-000123abc'],
    ['sequence zero', 'OUV-2026-000000'],
    ['year before 2000', 'OUV-1999-000123'],
    ['two-digit year', 'OUV-26-000123'],
    ['line break between the parts', 'OUV\n2026\n000123'],
    ['too many separators', 'OUV - - - 2026 - 000123'],
    ['empty', ''],
  ])('finds nothing: %s', (_what, text) => {
    expect(findProtocols(text)).toEqual([]);
  });

  it('stops at the limit: a text listing thousands of distinct numbers gives the first ones', () => {
    const flood = Array.from({ length: 62_000 }, (_, i) => `OUV-2026-${String(i + 1).padStart(6, '0')}`).join(' ');
    expect(findProtocols(flood, 20)).toEqual(Array.from({ length: 20 }, (_, i) => formatProtocol(2026, i + 1)));
    expect(findProtocols('OUV-2026-000001 OUV-2026-000001 ouv-2026-1 OUV-2026-000002', 2)).toEqual([
      'OUV-2026-000001',
      'OUV-2026-000002',
    ]);
    expect(findProtocols('OUV-2026-000001', 0)).toEqual([]);
  });

  it('is safe on non-string and very long input', () => {
    expect(findProtocols(undefined as unknown as string)).toEqual([]);
    const long = `${'OUV-2026-'.repeat(50_000)}000123`;
    expect(findProtocols(long)).toEqual(['OUV-2026-000123']);
  });
});

describe('readTypedProtocol', () => {
  it.each([
    ['OUV-2026-000123', 'OUV-2026-000123'],
    ['  ouv-2026-000123  ', 'OUV-2026-000123'],
    ['OUV 2026 000123', 'OUV-2026-000123'],
    ['ouv2026000123', 'OUV-2026-000123'],
    ['OUV – 2026 – 123', 'OUV-2026-000123'],
    ['OUV/2026/1234567', 'OUV-2026-1234567'],
    ['OUV-2026-000123 OUV-2026-000124', null],
    ['protocolo OUV-2026-000123', null],
    ['OUV-1999-000123', null],
    ['OUV-2026-0', null],
    ['OUV-2026-0000001234', null],
    ['', null],
    [`OUV-2026-${'1'.repeat(60)}`, null],
    // Pasted from a mail: what mail programs put to break or join a number, never seen.
    ['OUV-2026-\u200b000123', 'OUV-2026-000123'],
    ['\u2060OUV-2026-000123\u00ad', 'OUV-2026-000123'],
    ['\ufeffOUV-2026-000\u200d123', 'OUV-2026-000123'],
    ['OUV\u2800-2026-000123', 'OUV-2026-000123'],
    [`${'\u200b'.repeat(50)}OUV-2026-000123`, 'OUV-2026-000123'],
    // A look-alike letter is not the prefix (Cyrillic О).
    ['\u041eUV-2026-000123', null],
    // Without its prefix (journeys round): a separator between year and sequence, never bare digits.
    ['2026-000001', 'OUV-2026-000001'],
    [' 2026/1 ', 'OUV-2026-000001'],
    ['2026 000123', 'OUV-2026-000123'],
    ['2026000123', null],
    ['48213', null],
    ['1999-000123', null],
    ['2026-0', null],
  ])('%j → %j', (typed, expected) => {
    expect(readTypedProtocol(typed)).toBe(expected);
  });
});

describe('findProtocols and readTypedProtocol share their expressions across calls (issue 16)', () => {
  it('answer the same on every call: no state carried from one text to the next', () => {
    const text = 'Sobre o OUV-2026-000123 e o ouv 2026 77; também OUV2026000123.';
    const first = findProtocols(text);
    expect(first).toEqual(['OUV-2026-000123', 'OUV-2026-000077']);
    for (let i = 0; i < 3; i++) {
      expect(findProtocols(text)).toEqual(first);
      expect(findProtocols(text, 1)).toEqual(['OUV-2026-000123']);
      expect(readTypedProtocol('ouv-2026-123')).toBe('OUV-2026-000123');
      expect(findProtocols('nenhum aqui')).toEqual([]);
    }
  });
});
