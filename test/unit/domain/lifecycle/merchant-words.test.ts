import { describe, expect, it } from 'vitest';
import { localConfig } from '../../../../shared/domain/config';
import { caseLanguage, MERCHANT_WORDS } from '../../../../shared/domain/lifecycle/merchant-words';
import { CLOSE_CATEGORIES, CLOSE_CATEGORY_LABELS_PT, SCORE_LABELS_PT } from '../../../../shared/domain/lifecycle/types';
import { aDecision } from '../../../support/builders';

describe('merchant words', () => {
  it.each(Object.entries(MERCHANT_WORDS))('%s names every closing category and every score', (_language, w) => {
    for (const category of CLOSE_CATEGORIES) expect(w.categories[category]).toMatch(/\S/);
    for (const score of [1, 2, 3, 4, 5]) expect(w.scores[score]).toMatch(new RegExp(`^${score} — \\S`));
    expect(w.privacy(localConfig)).toMatchObject({
      p: [expect.any(String), { href: localConfig.links.privacyPolicy }, '.'],
    });
  });

  it('pt-BR says what the console and the survey page say (one place for the labels)', () => {
    expect(MERCHANT_WORDS['pt-BR'].categories).toBe(CLOSE_CATEGORY_LABELS_PT);
    expect(MERCHANT_WORDS['pt-BR'].scores).toBe(SCORE_LABELS_PT);
  });

  it.each([
    [1, 'es', 'se prorrogó 1 día hábil. Nuevo plazo: hasta el '],
    [3, 'es', 'se prorrogó 3 días hábiles. Nuevo plazo: hasta el '],
    [1, 'en', 'has been extended by 1 business day. New deadline: '],
    [1, 'pt-BR', 'foi prorrogado em 1 dia útil. Novo prazo: até '],
  ] as const)('an extension of %i day(s) in %s agrees in number', (days, language, says) => {
    expect(MERCHANT_WORDS[language].extended(days)[1]).toBe(` ${says}`);
  });

  it.each([
    [{ decision: { ...aDecision('ACCEPTED'), language: 'es' as const } }, 'es'],
    [{ decision: { ...aDecision('ACCEPTED'), language: 'en' as const } }, 'en'],
    [{ decision: aDecision('ACCEPTED') }, 'pt-BR'],
    [{}, 'pt-BR'],
  ])('the case %j is written to in %s', (c, language) => {
    expect(caseLanguage(c)).toBe(language);
  });
});
