import { describe, expect, it } from 'vitest';
import { boundedMemo, once, recentMemo } from '../../../shared/domain/memo';

function counted() {
  const calls: string[] = [];
  const compute = (key: string) => {
    calls.push(key);
    return key.toUpperCase();
  };
  return { calls, compute };
}

describe('boundedMemo', () => {
  it('keeps the first results up to its limit and computes the rest every time', () => {
    const { calls, compute } = counted();
    const memo = boundedMemo(2, compute);
    for (const key of ['á', 'é', 'í', 'á', 'é', 'í']) expect(memo(key)).toBe(key.toUpperCase());
    expect(calls).toEqual(['á', 'é', 'í', 'í']);
  });
});

describe('recentMemo', () => {
  it('keeps the last results up to its limit, dropping the oldest', () => {
    const { calls, compute } = counted();
    const memo = recentMemo(2, compute);
    for (const key of ['assunto', 'assunto', 'texto', 'outro', 'texto', 'assunto']) memo(key);
    expect(calls).toEqual(['assunto', 'texto', 'outro', 'assunto']);
  });
});

describe('once', () => {
  it.each([
    ['a phrase list', ['não consigo entrar', 'esqueci minha senha']],
    ['a value that is falsy', ''],
    ['undefined', undefined],
  ])('builds %s on the first call only, and never before it', (_, value) => {
    let builds = 0;
    const lazy = once(() => {
      builds += 1;
      return value;
    });
    expect(builds).toBe(0);
    expect(lazy()).toBe(value);
    expect(lazy()).toBe(value);
    expect(builds).toBe(1);
  });
});
