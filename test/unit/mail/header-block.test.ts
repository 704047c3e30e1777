import { describe, expect, it } from 'vitest';
import { HEADER_PEEK_BYTES, type HeaderField, readHeaderBlock } from '../../../shared/mail/header-block';
import { peekHeaders } from '../../../shared/mail/header-peek';
import { readSesVerdictHeaders } from '../../../shared/mail/ses-verdict-headers';
import { growth } from '../../support/growth';

const crlf = (...lines: string[]) => Buffer.from(lines.join('\r\n'), 'utf8');
const lf = (...lines: string[]) => Buffer.from(lines.join('\n'), 'utf8');
const skip = { encoding: 'utf8', strayLine: 'skip' } as const;
const strict = { encoding: 'latin1', strayLine: 'end' } as const;

describe('readHeaderBlock: the fields of a raw header block, without a MIME parser', () => {
  const ordinary = [
    'Return-Path: <lojista@modasbella.com.br>',
    'From: "Juliana Prado"',
    '\t<lojista@modasbella.com.br>',
    'Subject:   Reclamação  ',
    '',
    'From: corpo@exemplo.com',
  ];
  const fields: HeaderField[] = [
    { name: 'return-path', value: '<lojista@modasbella.com.br>' },
    { name: 'from', value: '"Juliana Prado" <lojista@modasbella.com.br>' },
    { name: 'subject', value: 'Reclamação' },
  ];
  it.each<[string, Buffer, HeaderField[]]>([
    ['CRLF, a folded From, the body not read', crlf(...ordinary), fields],
    ['LF only, the same', lf(...ordinary), fields],
    ['no blank line: the whole peek is the block', crlf(...ordinary.slice(0, 4)), fields],
    ['empty', Buffer.alloc(0), []],
  ])('%s', (_, raw, expected) => {
    expect(readHeaderBlock(raw, skip)).toEqual(expected);
  });

  it.each<[string, Buffer, string[], string[]]>([
    // skip: the names read; end: the names read before the block was taken to end.
    [
      'a line with no colon',
      crlf('From: a@b.com', 'lixo sem dois pontos', 'Subject: x', '', ''),
      ['from', 'subject'],
      ['from'],
    ],
    ['a name with a NUL', crlf('From: a@b.com', 'X-\0Loop: y', 'Subject: x', '', ''), ['from', 'subject'], ['from']],
    ['a name with a space', crlf('From: a@b.com', 'X Loop: y', 'Subject: x', '', ''), ['from', 'subject'], ['from']],
    ['a fold before any field', crlf(' solta', 'From: a@b.com', '', ''), ['from'], []],
  ])('a stray line (%s) is skipped, or ends a strict block', (_, raw, skipped, ended) => {
    expect(readHeaderBlock(raw, skip).map((f) => f.name)).toEqual(skipped);
    expect(readHeaderBlock(raw, strict).map((f) => f.name)).toEqual(ended);
  });

  it('a fold after a stray line is not glued to the field before it', () => {
    const raw = crlf('From: a@b.com', 'lixo', ' <atacante@evil.example>', '', '');
    expect(readHeaderBlock(raw, skip)).toEqual([{ name: 'from', value: 'a@b.com' }]);
  });

  it('keeps NULs and control characters in values for the reader to clean', () => {
    expect(readHeaderBlock(crlf('Subject: a\0b\x07c', '', ''), skip)).toEqual([
      { name: 'subject', value: 'a\0b\x07c' },
    ]);
  });

  it.each<[string, Buffer]>([
    ['one line', crlf(`X-Loop: ${'a'.repeat(5000)}`, '', '')],
    ['folded', crlf('X-Loop: a', ...Array.from({ length: 500 }, () => ` ${'b'.repeat(50)}`), '', '')],
    [
      'folded with long blank folds',
      crlf('X-Loop: a', ...Array.from({ length: 50 }, () => `${' '.repeat(2000)}${'b'.repeat(50)}`), '', ''),
    ],
    // Blanks before the cut: trimmed after cutting, the value looked whole (a From read as another's).
    ['blanks before the cut', crlf(`From: a@b.com${' '.repeat(2000)}<c@d.com>`, '', '')],
    ['a fold of blanks before the cut', crlf('From: a@b.com', ` x${' '.repeat(2000)}y`, '', '')],
  ])('cuts a value at valueChars + 1 (%s)', (_, raw) => {
    const [field] = readHeaderBlock(raw, { ...skip, valueChars: 1000 });
    expect(field?.value.length).toBe(1001);
  });

  it(`reads no further than ${HEADER_PEEK_BYTES} bytes: 1 MB of one header, a field after it`, () => {
    const raw = crlf('Subject: x', `X-Pad: ${'a'.repeat(1024 * 1024)}`, 'From: tarde@exemplo.com', '', '');
    const read = readHeaderBlock(raw, skip);
    expect(read.map((f) => f.name)).toEqual(['subject', 'x-pad']);
    expect(read[1]?.value.length).toBeLessThan(HEADER_PEEK_BYTES);
  });

  // Each reader is timed on its own input at n and 10 n: linear when the ratio stays near 10.
  const readers: [string, (raw: Buffer) => unknown][] = [
    ['readHeaderBlock', (raw) => readHeaderBlock(raw, { ...skip, valueChars: 1000 })],
    ['ses-verdict-headers', readSesVerdictHeaders],
    ['header-peek', peekHeaders],
  ];
  const attacks: [string, (n: number) => Buffer][] = [
    ['a block with no end, one line', (n) => Buffer.from('a'.repeat(n))],
    ['a block with no end, LF only', (n) => Buffer.from('X-A: b\n'.repeat(n / 7))],
    ['thousands of headers, CRLF', (n) => Buffer.from('Received: from a\r\n'.repeat(n / 18))],
    ['one header folded over every line', (n) => Buffer.from(`X-Loop: a\r\n${' b\r\n'.repeat(n / 4)}\r\n`)],
    ['one header of blank folds', (n) => Buffer.from(`X-Loop: a\r\n${' '.repeat(n)}b\r\n\r\n`)],
    ['NULs', (n) => Buffer.alloc(n, 0)],
    ['NULs in names and values', (n) => Buffer.from('X-\0: \0\0\r\n'.repeat(n / 9))],
  ];
  describe.each(readers)('%s is linear in the peek', (_, read) => {
    it.each(attacks)('%s', (_name, input) => {
      expect(growth(input, read, 6_000)).toBeLessThan(30);
    });
  });
});
