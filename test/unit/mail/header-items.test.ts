import { describe, expect, it } from 'vitest';
import { declaredBoundaries, headerItems } from '../../../shared/mail/header-items';
import { growth } from '../../support/growth';

const LIMIT = 1_000_000;
const crlf = (lines: string[]) => Buffer.from(lines.join('\r\n'), 'latin1');

describe('headerItems', () => {
  it.each([
    // [what, raw, items]
    [
      'the mail header: addresses, parameters, encoded words',
      ['From: Ana <ana@loja.com.br>', 'To: a@b, c@d', 'Subject: =?utf-8?Q?Ol=C3=A1?=', '', 'corpo, com; vírgulas @'],
      12,
    ],
    [
      'a body counts only from a delimiter line to its blank line',
      ['Content-Type: multipart/mixed; boundary=b', '', '--b', 'Ana; Loja', '', 'a,b;c@d'],
      4,
    ],
    // A "--" line names no boundary the mail declares: mailsplit reads it as body, so do we. Outlook
    // writes its style block's comment end ("-->") on a line of its own, its HTML after it.
    ['a "-- " signature in a mail with no parts', ['Subject: x', '', '-- ', 'Ana; Loja', '', 'a,b;c@d'], 1],
    [
      "Outlook's HTML after a comment end",
      [
        'Content-Type: multipart/alternative; boundary=b',
        '',
        '--b',
        '',
        '<style><!--',
        '-->',
        '<p class="a">x;y</p>',
        '--b--',
      ],
      3,
    ],
    // The mail may declare any boundary, ">" too: then the same line is a delimiter and counts.
    [
      'a "-->" line when ">" is a declared boundary',
      ['Content-Type: multipart/alternative; boundary=">"', '', '--b', '', '-->', '<p class="a">x;y</p>', '--b--'],
      14,
    ],
    // Forms of the parameter not read here for sure: every "--" line may be a delimiter.
    [
      'an RFC 2231 boundary',
      ['Content-Type: multipart/mixed; boundary*0=a; boundary*1=b', '', '-->', '<p class="a">x;y</p>'],
      12,
    ],
    [
      'part headers after delimiters, folded lines and all, not their bodies',
      [
        'Content-Type: multipart/mixed; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain;',
        ' charset=utf-8',
        '',
        'a,b,c',
        '  --b',
        'To: a@b,c@d',
        '',
        'x;y',
        '--b--',
      ],
      13,
    ],
    ['LF line ends', ['Subject: a,b', 'Content-Type: x; boundary=b', '', '--b', 'To: a@b', '', 'x,y'].join('\n'), 7],
    [
      'a message/rfc822 part: its message header counts too',
      [
        'Content-Type: multipart/mixed; boundary=b',
        '',
        '--b',
        'Content-Type: message/RFC822',
        '',
        'From: a@b',
        'To: c@d, e@f',
        '',
        'corpo, ; @',
        '--b--',
      ],
      11,
    ],
    ['a "--" inside a line is no delimiter', ['Subject: x', '', 'a -- b', 'To: a@b,c', '', 'x'], 1],
    ['no blank line at all', ['To: a@b,c@d'], 4],
    // Each byte the address parser makes a token of, or mailparser escapes (he.encode), is an item.
    ['names, comments, groups, escapes', ['To: "Ana" <a@b>, (c) g:;', "Cc: \\x 'y' &z `w`", '', 'x'], 19],
    // And every 32 bytes of header lines, whatever they hold.
    ['a long header line of words', [`Subject: ${'x '.repeat(1000)}`, '', 'x'], 63],
  ])('%s', (_what, raw, items) => {
    expect(headerItems(typeof raw === 'string' ? Buffer.from(raw) : crlf(raw as string[]), LIMIT)).toBe(items);
  });

  it.each([
    // [what, header, boundaries read]
    ['quoted', 'Content-Type: multipart/mixed; boundary="=_NextPart_000_0001"', ['=_NextPart_000_0001']],
    ['a token, any case, folded after "="', 'Content-Type: multipart/mixed; BOUNDARY=\r\n abc', ['abc']],
    // Every reading the header parser may give it: with its comment, without it.
    ['a token before a comment', 'Content-Type: multipart/mixed; boundary=b (comentário)', ['b (comentário)', 'b']],
    ['in any header', 'X-Outro: boundary=zz\r\nContent-Type: multipart/mixed; boundary=b', ['zz', 'b']],
    ['"boundary" as a word, no parameter', 'Subject: the boundary of the store', []],
  ])('declaredBoundaries: %s', (_what, header, boundaries) => {
    expect([...(declaredBoundaries(`${header}\r\n\r\nx`) ?? [])]).toEqual(boundaries);
  });

  it.each([
    ['RFC 2231 continuations', 'Content-Type: multipart/mixed; boundary*0=a; boundary*1=b'],
    ['RFC 2231 encoding', "Content-Type: multipart/mixed; boundary*=utf-8''%61"],
    ['an encoded word', 'Content-Type: multipart/mixed; boundary="=?utf-8?Q?a?="'],
    ['an escape in quotes', 'Content-Type: multipart/mixed; boundary="a\\"b"'],
    ['a quote never closed', 'Content-Type: multipart/mixed; boundary="abc'],
  ])('declaredBoundaries: %s → none read for sure (every "--" line counts)', (_what, header) => {
    expect(declaredBoundaries(`${header}\r\n\r\nx`)).toBeNull();
  });

  it('past 100 declared boundaries (more than a mail writes), every "--" line counts', () => {
    const declaring = (n: number, line: string) =>
      crlf([...Array.from({ length: n }, (_, i) => `X-${i}: boundary=b${i}`), '', line, '<p class="a">x;y</p>', '']);
    // With 100, "-->" names none of them: the HTML after it is body, as after any line of text.
    expect(headerItems(declaring(100, '-->'), LIMIT)).toBe(headerItems(declaring(100, 'x'), LIMIT));
    expect(headerItems(declaring(101, '-->'), LIMIT)).toBeGreaterThan(headerItems(declaring(101, 'x'), LIMIT));
  });

  it('a delimiter names a boundary an earlier block declared: a later declaration makes no earlier line one', () => {
    const raw = crlf([
      'Subject: x',
      '',
      '--b',
      'To: a@b,c@d',
      '',
      '--c',
      'Content-Type: multipart/mixed; boundary=c',
      '',
    ]);
    expect(headerItems(raw, LIMIT)).toBe(1);
  });

  it('stops reading once past the limit', () => {
    const raw = Buffer.from(`To: ${'a@b,'.repeat(1000)}\r\nCc: ${'a@b,'.repeat(1_000_000)}\r\n\r\n`);
    expect(headerItems(raw, 10)).toBe(2126);
  });

  // Linear, as a ratio of times (a 10× longer input under 30× the time; quadratic reads ~100×), not a
  // wall-clock bound: coverage and a loaded machine slow every shape alike.
  const BOUNDARIES = `${Array.from({ length: 100 }, (_, i) => `X-${i}: boundary=b${i}`).join('\r\n')}\r\n\r\n`;
  it.each([
    ['dashes', (n: number) => '-'.repeat(n * 5)],
    ['delimiter lines of no declared boundary', (n: number) => `\r\n\r\n${'--b\r\n'.repeat(n)}`],
    ['a header block of addresses', (n: number) => `\r\n\r\n--b\r\nTo: ${'a@b,'.repeat(n)}`],
    ['dashes inside lines', (n: number) => `\r\n\r\n${' -- x --\r\n'.repeat(n)}`],
    // A "boundary" inside a value is not read again from there.
    ['"boundary" repeated in a value', (n: number) => `Content-Type: x; boundary=${'boundary='.repeat(n)}\r\n\r\n`],
    ['delimiter lines against 100 declared boundaries', (n: number) => `${BOUNDARIES}${'--b\r\n'.repeat(n)}`],
    [
      'delimiter lines of a declared boundary',
      (n: number) => `Content-Type: multipart/mixed; boundary=b\r\n\r\n${'--b\r\nX: 1\r\n\r\n'.repeat(n)}`,
    ],
  ])('is linear: %s', (_, shape) => {
    const ratio = growth(
      (n) => Buffer.from(shape(n), 'latin1'),
      (raw) => headerItems(raw, Number.MAX_SAFE_INTEGER),
      20_000,
    );
    expect(ratio).toBeLessThan(30);
  });
});
