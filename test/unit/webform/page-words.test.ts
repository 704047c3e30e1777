import { describe, expect, it } from 'vitest';
import { localConfig } from '../../../shared/domain/config';
import { PAGE_WORDS } from '../../../shared/webform/page-words';

/** Words that only a pt-BR sentence has: an es or en page that shows one fell back to Portuguese. */
const PORTUGUESE =
  /\b(?:você|não|está|informações|atendimento|avaliação|nossa|dias?|até|mensagens?|caso será|ligado)\b|ção\b|ões\b/i;

/** Every string a table yields, its functions called with sample values. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'function') {
    const f = value as (...args: unknown[]) => unknown;
    return strings(f.length === 1 && f.name === 'officeHours' ? f(localConfig) : f(localConfig, 'OUV-2026-000123'));
  }
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('PAGE_WORDS', () => {
  it.each(['es', 'en'] as const)('the %s pages carry no Portuguese sentence of the pt-BR table', (language) => {
    const w = PAGE_WORDS[language];
    const texts = [
      ...strings({ ...w, officeHours: undefined, status: { ...w.status, nextStep: undefined } }),
      w.survey.commentHint(2000),
      w.status.nextStep.passed(7),
      w.status.nextStep.reopen('10/12/2026', 'OUV-2026-000123'),
      w.status.nextStep.open('OUV-2026-000123'),
      w.status.files(1),
      w.status.files(3),
    ].filter((t) => t !== '');
    for (const text of texts) expect(text).not.toMatch(PORTUGUESE);
    for (const text of texts) expect(PAGE_WORDS['pt-BR'] ? text : '').not.toBe('');
  });

  it.each([
    ['pt-BR', 'A Ouvidoria atua de segunda a sexta-feira, das 09:00 às 17:00, exceto feriados.'],
    ['es', 'La Ouvidoria atiende '],
    ['en', 'The Ombudsman works '],
  ] as const)('the %s footer says the configured office hours', (language, start) => {
    const text = PAGE_WORDS[language].officeHours(localConfig);
    expect(text.startsWith(start)).toBe(true);
    expect(text).toContain('09:00');
    expect(text).toContain('17:00');
  });

  it.each([
    ['pt-BR', 1, 'Este caso foi encerrado há mais de 1 dia:'],
    ['pt-BR', 7, 'Este caso foi encerrado há mais de 7 dias:'],
    ['es', 1, 'Este caso se cerró hace más de 1 día:'],
    ['es', 7, 'Este caso se cerró hace más de 7 días:'],
    ['en', 1, 'This case was closed more than 1 day ago:'],
    ['en', 7, 'This case was closed more than 7 days ago:'],
  ] as const)('%s: the reopen window of %i day(s) is spelled with its unit', (language, days, start) => {
    expect(PAGE_WORDS[language].status.nextStep.passed(days).startsWith(start)).toBe(true);
  });

  it.each(['pt-BR', 'es', 'en'] as const)('%s: the sentences that name a date or a protocol keep it', (language) => {
    const s = PAGE_WORDS[language].status.nextStep;
    expect(s.reopen('10/12/2026 às 11:05', 'OUV-2026-000123')).toContain('10/12/2026 às 11:05');
    expect(s.reopen('10/12/2026', 'OUV-2026-000123')).toContain('OUV-2026-000123');
    expect(s.open('OUV-2026-000123')).toContain('OUV-2026-000123');
    expect(PAGE_WORDS[language].survey.commentHint(1500)).toContain('1500');
    expect(PAGE_WORDS[language].htmlLang).toBe(language);
  });
});
