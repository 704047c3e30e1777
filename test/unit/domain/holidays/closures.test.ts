import { describe, expect, it } from 'vitest';
import {
  closuresFromHolidays,
  decodeClosureYear,
  encodeClosureYear,
} from '../../../../shared/domain/holidays/closures';

describe('closuresFromHolidays', () => {
  it.each([
    [{ date: '2026-04-03 00:00:00', type: 'public', name: 'Sexta-feira Santa', rule: 'easter -2' }, 'public'],
    [{ date: '2026-02-16 00:00:00', type: 'optional', name: 'Carnaval', rule: 'easter -48' }, 'carnival'],
    [{ date: '2026-02-17 00:00:00', type: 'optional', name: 'Carnaval', rule: 'easter -47' }, 'carnival'],
    [{ date: '2026-02-18 00:00:00', type: 'optional', name: 'Cinzas', rule: 'easter -46 12:00' }, 'ashWednesday'],
  ])('classifies %j as %s', (holiday, kind) => {
    expect(closuresFromHolidays([holiday]).get(holiday.date.slice(0, 10))?.kind).toBe(kind);
  });

  it('leaves out optional and bank days (Christmas Eve afternoon, Corpus Christi)', () => {
    const days = closuresFromHolidays([
      { date: '2026-12-24 14:00:00', type: 'optional', name: 'Véspera de Natal' },
      { date: '2026-06-04 00:00:00', type: 'bank', name: 'Corpus Christi', rule: 'easter 60' },
    ]);
    expect(days.size).toBe(0);
  });

  it('a public holiday wins over an observance on the same date; Ash Wednesday has its pt-BR name', () => {
    const days = closuresFromHolidays([
      { date: '2030-03-06 00:00:00', type: 'optional', name: 'x', rule: 'easter -46' },
      { date: '2030-03-06 00:00:00', type: 'public', name: 'Feriado', rule: '' },
    ]);
    expect(days.get('2030-03-06')).toEqual({ name: 'Feriado', kind: 'public' });
    expect(
      closuresFromHolidays([{ date: '2031-02-26', type: 'optional', name: 'x', rule: 'easter -46' }]).get('2031-02-26')
        ?.name,
    ).toBe('Quarta-feira de Cinzas');
  });
});

describe('encodeClosureYear / decodeClosureYear', () => {
  it('round-trips a year in date-holidays order, sharing one [name, kind] list', () => {
    const year = new Map([
      ['2026-01-01', { name: 'Ano Novo', kind: 'public' as const }],
      ['2026-02-16', { name: 'Carnaval', kind: 'carnival' as const }],
      ['2026-02-17', { name: 'Carnaval', kind: 'carnival' as const }],
      ['2026-02-18', { name: 'Quarta-feira de Cinzas', kind: 'ashWednesday' as const }],
      ['2026-11-20', { name: 'Dia da Consciência Negra', kind: 'public' as const }],
    ]);
    const names: (readonly [string, 'public' | 'carnival' | 'ashWednesday'])[] = [['Natal', 'public']];
    const code = encodeClosureYear(year, names);
    expect(code).toBe('0101b0216c0217c0218d1120e');
    expect(names.map(([n]) => n)).toEqual([
      'Natal',
      'Ano Novo',
      'Carnaval',
      'Quarta-feira de Cinzas',
      'Dia da Consciência Negra',
    ]);
    expect([...decodeClosureYear(2026, code, names)]).toEqual([...year]);
    expect(decodeClosureYear(2026, '', names).size).toBe(0);
  });

  it('the same name with another kind is another entry; an unknown letter is refused', () => {
    const names: (readonly [string, 'public' | 'carnival' | 'ashWednesday'])[] = [];
    const code = encodeClosureYear(
      new Map([
        ['2030-03-04', { name: 'X', kind: 'carnival' as const }],
        ['2030-03-05', { name: 'X', kind: 'public' as const }],
      ]),
      names,
    );
    expect(code).toBe('0304a0305b');
    expect(() => decodeClosureYear(2030, '0304z', names)).toThrow(RangeError);
  });
});
