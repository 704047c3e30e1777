import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressesIn, bracketedAddress, firstAddressIn } from '../../../../scripts/local/header-address';
import { growth } from '../../../support/growth';

describe('header-address: the addresses the local tools read from an .eml', () => {
  it.each([
    ['Mariana Lopes <lojista@modasbella.com.br>', 'lojista@modasbella.com.br', 'lojista@modasbella.com.br'],
    ['"Lopes, Mariana" <lojista@modasbella.com.br>', 'lojista@modasbella.com.br', 'lojista@modasbella.com.br'],
    ['lojista@modasbella.com.br', 'lojista@modasbella.com.br', undefined],
    ['Ouvidoria <>', undefined, undefined],
    ['sem endereço nenhum', undefined, undefined],
  ])('%j: first %j, bracketed %j', (text, first, bracketed) => {
    expect(firstAddressIn(text)).toBe(first);
    expect(bracketedAddress(text)).toBe(bracketed);
  });

  it('lists every address of a To line', () => {
    expect(addressesIn('ouvidoria@ouvidoria.local, "Ana" <ana@loja.com.br>; caso+x@ouvidoria.local')).toEqual([
      'ouvidoria@ouvidoria.local',
      'ana@loja.com.br',
      'caso+x@ouvidoria.local',
    ]);
  });

  // The forms before (send-mail.ts and invoke.ts): the same matches, 10,000 header texts.
  const OLD_ADDRESS = /[^\s<>,;"]+@[^\s<>,;"]+/;
  const OLD_BRACKETED = /<([^<>\s]+@[^<>\s]+)>/;
  const token = fc.constantFrom(
    'a',
    'ana',
    '@',
    '@@',
    '<',
    '>',
    ' ',
    ',',
    ';',
    '"',
    '.',
    'loja.com.br',
    'Ana Souza',
    '\t',
  );
  it('finds what the old expressions found (differential)', () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 20 }), (tokens) => {
        const text = tokens.join('');
        expect(firstAddressIn(text)).toBe(OLD_ADDRESS.exec(text)?.[0]);
        expect(addressesIn(text)).toEqual([...text.matchAll(new RegExp(OLD_ADDRESS.source, 'g'))].map((m) => m[0]));
        expect(bracketedAddress(text)).toBe(OLD_BRACKETED.exec(text)?.[1]);
      }),
      { numRuns: 10_000 },
    );
  });

  // A hostile .eml's From line held `npm run mail` for 2.7 s at 40,000 letters (quadratic).
  it.each([
    ['letters with no @, first', (n: number) => 'a'.repeat(n), firstAddressIn],
    ['letters with no @, all', (n: number) => 'a'.repeat(n), addressesIn],
    ["'<a@a@…' with no '>'", (n: number) => `<${'a@'.repeat(n / 2)}`, bracketedAddress],
  ])(
    'reads %s in linear time',
    (_label, text, read) => {
      expect(growth(text, read, 2_000)).toBeLessThan(30);
    },
    60_000,
  );
});
