import { describe, expect, it } from 'vitest';
import { countOf, groupedPtBr } from '../../../shared/domain/count';

describe('countOf', () => {
  it.each([
    [0, '0 dias'],
    [1, '1 dia'],
    [2, '2 dias'],
  ])('%i → %s', (n, text) => {
    expect(countOf(n, 'dia', 'dias')).toBe(text);
  });
});

describe('groupedPtBr', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1.000'],
    [20_000, '20.000'],
    [123_456, '123.456'],
    [1_234_567, '1.234.567'],
    [-4500, '-4.500'],
  ])('%i → %s', (n, text) => {
    expect(groupedPtBr(n)).toBe(text);
  });
});
