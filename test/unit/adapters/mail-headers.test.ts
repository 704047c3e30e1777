import fc from 'fast-check';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import {
  encodedWords,
  fitReferences,
  fitText,
  mailbox,
  messageIds,
  needsEncoding,
} from '../../../shared/adapters/mail-headers';

const ONE_ASCII_LINE = /^[ -~]*$/;

/** How a mail client reads a From line we produced (mailparser decodes RFC 2047 as clients do). */
async function readFrom(value: string) {
  const parsed = await simpleParser(Buffer.from(`From: ${value}\r\nSubject: x\r\n\r\nx\r\n`));
  return parsed.from?.value ?? [];
}

describe('encodedWords', () => {
  it('makes words of at most 75 characters, cut between code points', async () => {
    const name = `Ouvidoria ${'ção 😀 '.repeat(30)}`;
    const words = encodedWords(name).split(' ');
    expect(words.length).toBeGreaterThan(5);
    for (const word of words) {
      expect(word).toMatch(/^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$/);
      expect(word.length).toBeLessThanOrEqual(75);
      // Each word decodes alone: no UTF-8 sequence is split between two words.
      const bytes = Buffer.from(word.slice(10, -2), 'base64');
      expect(Buffer.from(bytes.toString('utf8'), 'utf8')).toEqual(bytes);
    }
    expect((await readFrom(`${encodedWords(name)} <a@b.com.br>`))[0]?.name).toBe(name);
  });

  it('is needed for non-ASCII text and for text that looks like an encoded-word', () => {
    expect(needsEncoding('Ouvidoria Bagy')).toBe(false);
    expect(needsEncoding('Ouvidoria — Bagy')).toBe(true);
    expect(needsEncoding('=?UTF-8?Q?Ol=C3=A1=0D=0ABcc:_x@y.z?=')).toBe(true);
  });
});

describe('mailbox', () => {
  it.each([
    ['ouvidoria@bagy.com.br', 'ouvidoria@bagy.com.br'],
    ['Ouvidoria Bagy <ouvidoria@bagy.com.br>', 'Ouvidoria Bagy <ouvidoria@bagy.com.br>'],
    ['"Ouvidoria Bagy" <ouvidoria@bagy.com.br>', 'Ouvidoria Bagy <ouvidoria@bagy.com.br>'],
    ['Ouvidoria, Bagy <ouvidoria@bagy.com.br>', '"Ouvidoria, Bagy" <ouvidoria@bagy.com.br>'],
    ['"Bagy \\"SA\\"" <o@bagy.com.br>', '"Bagy \\"SA\\"" <o@bagy.com.br>'],
    ['<o@bagy.com.br>', 'o@bagy.com.br'],
    ['Loja <script> <o@bagy.com.br>', '"Loja <script>" <o@bagy.com.br>'],
    // Only the last <…> is the address: the rest is a (quoted) name, never a second mailbox.
    ['Nome <a@b.com.br> <c@d.com.br>', '"Nome <a@b.com.br>" <c@d.com.br>'],
    // An internationalised domain goes in its punycode form (SES and DNS take only that).
    ['contato@açaí.com.br', 'contato@xn--aa-4iaz.com.br'],
    [
      'João da Silva <vendas@pão-de-queijo.com.br>',
      '=?UTF-8?B?Sm/Do28gZGEgU2lsdmE=?= <vendas@xn--po-de-queijo-2bb.com.br>',
    ],
  ])('%j → %j', (input, expected) => {
    expect(mailbox(input)).toBe(expected);
  });

  it.each([
    'sem-arroba',
    'a@b.com.br, c@d.com.br',
    'a@b.com.br c@d.com.br',
    'joão@loja.com.br',
    'a@b',
    `${'a'.repeat(65)}@b.com.br`,
    'a@-b.com.br',
    'a@exa mple.com.br',
    'a@ação',
  ])('refuses %j (not one mailbox SES takes)', (input) => {
    expect(mailbox(input)).toBeUndefined();
  });

  it('keeps any display name inside one mailbox that reads back as it was (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 60 }), async (raw) => {
        const out = mailbox(`${raw} <lojista@modasbella.com.br>`);
        if (out === undefined) return; // a name that ends in "<…>" of its own
        expect(out).toMatch(ONE_ASCII_LINE);
        const read = await readFrom(out);
        expect(read).toHaveLength(1);
        expect(read[0]?.address).toBe('lojista@modasbella.com.br');
      }),
      { numRuns: 200 },
    );
  });

  it('a name with CR/LF or a unicode line separator stays a name', async () => {
    for (const evil of ['Olá\r\nBcc: v@x.com', 'Olá\u2028Bcc: v@x.com', 'Olá\u0085Bcc: v@x.com', 'A\nB, C <v@x.com>']) {
      const out = mailbox(`${evil} <lojista@modasbella.com.br>`) as string;
      expect(out).toMatch(ONE_ASCII_LINE);
      const read = await readFrom(out);
      expect(read.map((r) => r.address)).toEqual(['lojista@modasbella.com.br']);
    }
  });
});

describe('messageIds and fitReferences', () => {
  it('reads ids with or without brackets, drops non-ASCII ones and repeats', () => {
    expect(messageIds('<a@b> c@d, <ção@x> <a@b>\r\n<e@f>')).toEqual(['a@b', 'c@d', 'e@f']);
    expect(messageIds('')).toEqual([]);
    expect(messageIds('Bcc: x <a@b@c> <@x> <y@>')).toEqual([]);
  });

  it('keeps every id when they fit, else the first and the most recent', () => {
    expect(fitReferences(['a@x', 'b@x', 'c@x'], 100)).toBe('<a@x> <b@x> <c@x>');
    expect(fitReferences(['a@x', 'b@x', 'c@x', 'd@x'], 17)).toBe('<a@x> <c@x> <d@x>');
    expect(fitReferences(['a@x', 'b@x'], 11)).toBe('<a@x> <b@x>');
    expect(fitReferences(['a@x', 'b@x'], 10)).toBe('<a@x>');
    expect(fitReferences([`${'a'.repeat(20)}@x`], 10)).toBe('');
    expect(fitReferences([], 10)).toBe('');
  });
});

describe('fitText', () => {
  it('leaves short ASCII alone, encodes the rest, and cuts to the limit', () => {
    expect(fitText('auto-replied', 870)).toBe('auto-replied');
    expect(fitText('a\r\nX-Injected: 1', 870)).toBe('a X-Injected: 1');
    expect(fitText('Reclamação', 870)).toBe(`=?UTF-8?B?${Buffer.from('Reclamação').toString('base64')}?=`);
    for (const value of ['x'.repeat(2000), 'ç'.repeat(2000), `${'x'.repeat(869)}\u2028`]) {
      const out = fitText(value, 870);
      expect(out).toMatch(ONE_ASCII_LINE);
      expect(out.length).toBeLessThanOrEqual(870);
      expect(out.length).toBeGreaterThan(700);
    }
    expect(fitText('\u0000\r\n', 870)).toBe('');
  });
});

// A run of ">" tried again at each of its characters by />+$/ was quadratic: 20,000 took 0.65 s.
describe('messageIds: a long run of brackets in one pass', () => {
  it('a References value of closing brackets', () => {
    const started = performance.now();
    expect(messageIds(`<a@b> <c@d${'>'.repeat(19_000)}x`)).toEqual(['a@b']);
    expect(performance.now() - started).toBeLessThan(150);
  });

  it('brackets doubled at both ends are one id', () => {
    expect(messageIds('<<a@b>> <c@d>>>')).toEqual(['a@b', 'c@d']);
  });
});
