import { describe, expect, it } from 'vitest';
import { withoutAccents } from '../../../shared/domain/accents';

describe('withoutAccents', () => {
  it.each([
    ['Solicitação de reembolso', 'Solicitacao de reembolso'],
    ['NÃO CONSIGO ACESSAR', 'NAO CONSIGO ACESSAR'],
    ['Você já viu? Ação rápida, pública', 'Voce ja viu? Acao rapida, publica'],
    ['Nº 48213 — 1ª cobrança', 'Nº 48213 — 1ª cobranca'],
    ['año, pingüino, crème brûlée', 'ano, pinguino, creme brulee'],
    // Decomposed already (macOS file names, some webmails): the loose marks go too.
    ['Sa\u0303o Paulo', 'Sao Paulo'],
    ['', ''],
  ])('%s → %s', (input, expected) => {
    expect(withoutAccents(input)).toBe(expected);
  });

  it('reads the same expression twice in a row (a global expression keeps no state for replace)', () => {
    expect(withoutAccents('ação')).toBe('acao');
    expect(withoutAccents('ação')).toBe('acao');
  });
});
