import { describe, expect, it } from 'vitest';
import { headerItems } from '../../../shared/mail/header-items';

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
    ['a body counts only from a "--" line to its blank line', ['Subject: x', '', '-- ', 'Ana; Loja', '', 'a,b;c@d'], 2],
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
    ['LF line ends', ['Subject: a,b', '', '--b', 'To: a@b', '', 'x,y'].join('\n'), 4],
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

  it('stops reading once past the limit', () => {
    const raw = Buffer.from(`To: ${'a@b,'.repeat(1000)}\r\nCc: ${'a@b,'.repeat(1_000_000)}\r\n\r\n`);
    expect(headerItems(raw, 10)).toBe(2126);
  });

  it('is linear: 20 MB of dashes, of delimiter lines and of header lines', () => {
    const shapes = [
      '-'.repeat(20_000_000),
      '\r\n\r\n' + '--b\r\n'.repeat(4_000_000),
      '\r\n\r\n--b\r\nTo: ' + 'a@b,'.repeat(5_000_000),
      '\r\n\r\n' + ' -- x --\r\n'.repeat(2_000_000),
    ];
    for (const shape of shapes) {
      const start = performance.now();
      headerItems(Buffer.from(shape, 'latin1'), Number.MAX_SAFE_INTEGER);
      expect(performance.now() - start).toBeLessThan(2000);
    }
  });
});
