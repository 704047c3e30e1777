import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBestEffort, headerBlockEnd } from '../../../shared/mail/charset';

describe('decodeBestEffort', () => {
  it.each([
    ['valid UTF-8 labelled utf-8', Buffer.from('ação'), 'utf-8', 'ação'],
    ['Latin-1 bytes labelled utf-8', Buffer.from('ação', 'latin1'), 'utf-8', 'ação'],
    ['Latin-1 bytes, unknown label', Buffer.from('ação', 'latin1'), 'x-nada', 'ação'],
    ['windows-1252 quotes', Buffer.from([0x93, 0x4f, 0x69, 0x94]), 'windows-1252', '“Oi”'],
    ['ISO-8859-1 label', Buffer.from('cobrança', 'latin1'), 'ISO-8859-1', 'cobrança'],
  ])('%s', (_name, bytes, charset, expected) => {
    expect(decodeBestEffort(bytes, charset)).toBe(expected);
  });
});

describe('headerBlockEnd', () => {
  /** The definition: just past the first "\r\n\r\n" or "\n\n", whichever comes first. */
  function reference(bytes: Buffer): number {
    const crlf = bytes.indexOf('\r\n\r\n');
    const lf = bytes.indexOf('\n\n');
    if (crlf >= 0 && (lf < 0 || crlf < lf)) return crlf + 4;
    return lf >= 0 ? lf + 2 : -1;
  }

  it('finds the blank line whatever the line ends', () => {
    expect(headerBlockEnd(Buffer.from('A: 1\r\nB: 2\r\n\r\nbody\n\n'))).toBe(14);
    expect(headerBlockEnd(Buffer.from('A: 1\nB: 2\n\nbody\r\n\r\n'))).toBe(11);
    expect(headerBlockEnd(Buffer.from('A: 1\r\n\nB\r\n\r\n'))).toBe(7);
    expect(headerBlockEnd(Buffer.from('A: 1\r\nB: 2\r\n'))).toBe(-1);
  });

  it('agrees with its definition on any mix of line ends', () => {
    const piece = fc.constantFrom('a', ':', ' ', '\r', '\n', '\r\n', '\n\n', '\r\n\r\n', '\n\r\n');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const bytes = Buffer.from(pieces.join(''), 'latin1');
        expect(headerBlockEnd(bytes)).toBe(reference(bytes));
      }),
      { numRuns: 2000 },
    );
  });
});
