import { describe, expect, it } from 'vitest';
import { peekHeaders } from '../../../shared/mail/header-peek';
import { growth } from '../../support/growth';

const mail = (...lines: string[]) => Buffer.from(lines.join('\r\n'), 'utf8');

describe('peekHeaders: From, Message-ID, Return-Path and the auto-reply headers, without a MIME parser', () => {
  it.each<[string, Buffer, ReturnType<typeof peekHeaders>]>([
    [
      'an ordinary mail',
      mail(
        'Return-Path: <Lojista@ModasBella.com.br>',
        'From: "Juliana Prado" <Lojista@ModasBella.com.br>',
        'Message-ID: <CAJ-1@mail.gmail.com>',
        'Subject: Reclamação',
        '',
        'Auto-Submitted: auto-replied',
      ),
      {
        from: 'lojista@modasbella.com.br',
        messageId: '<CAJ-1@mail.gmail.com>',
        returnPath: 'lojista@modasbella.com.br',
        headers: { 'return-path': '<Lojista@ModasBella.com.br>' },
      },
    ],
    [
      'folded fields, LF line ends, lower-case names',
      Buffer.from(
        'from: Juliana\n <lojista@modasbella.com.br>\nx-loop:\n\touvidoria@ouvidoria.example.com.br\nmessage-id:\n <a@b>\n\ncorpo\n',
      ),
      {
        from: 'lojista@modasbella.com.br',
        messageId: '<a@b>',
        headers: { 'x-loop': 'ouvidoria@ouvidoria.example.com.br' },
      },
    ],
    [
      'repeated list headers joined, a null return path',
      mail(
        'Return-Path: <>',
        'From: avisos@loja.com',
        'List-Id: <a.loja.com>',
        'Precedence: bulk',
        'Precedence: list',
        '',
        '',
      ),
      {
        from: 'avisos@loja.com',
        headers: { 'return-path': '<>', 'list-id': '<a.loja.com>', precedence: 'bulk, list' },
      },
    ],
    // No single author: SES's DMARC and our readers would take two different addresses (the record then
    // goes by the envelope). Each read 'lojista@modasbella.com.br' before, whatever domain DMARC passed.
    ...(
      [
        ['two From fields', ['From: atacante@evil.example', 'From: <lojista@modasbella.com.br>']],
        ['a list', ['From: atacante@evil.example, <lojista@modasbella.com.br>']],
        ['an address as the display name', ['From: atacante@evil.example <lojista@modasbella.com.br>']],
        ['an address in a comment', ['From: lojista@modasbella.com.br (via atacante@evil.example)']],
        ['a quoted name spelling another', ['From: "atacante@evil.example" <lojista@modasbella.com.br>']],
        // The parser (and SES) read the bracket past the 1,000-character cap; the cut read the name.
        [
          'the mailbox past the cap, after blanks',
          [`From: lojista@modasbella.com.br${' '.repeat(1000)}<atacante@evil.example>`],
        ],
        [
          'the mailbox past the cap, after folds',
          [
            'From: lojista@modasbella.com.br',
            ...Array.from({ length: 20 }, () => ` (${' '.repeat(48)})`),
            ' <atacante@evil.example>',
          ],
        ],
      ] as const
    ).map(([name, from]): [string, Buffer, ReturnType<typeof peekHeaders>] => [
      `no single author: ${name}`,
      mail('Return-Path: <bounce@evil.example>', ...from, '', ''),
      { from: '', returnPath: 'bounce@evil.example', headers: { 'return-path': '<bounce@evil.example>' } },
    ]),
    [
      "the envelope is SES's Return-Path, the first: one the sender wrote below it chooses no recipient",
      mail(
        'Return-Path: <bounce@evil.example>',
        'From: atacante@evil.example',
        'Return-Path: <vitima.qualquer@gmail.com>',
        '',
        '',
      ),
      {
        from: 'atacante@evil.example',
        returnPath: 'bounce@evil.example',
        headers: { 'return-path': '<bounce@evil.example>, <vitima.qualquer@gmail.com>' },
      },
    ],
    [
      "a null envelope stays null under the sender's Return-Path",
      mail('Return-Path: <>', 'From: mailer-daemon@loja.com', 'Return-Path: <vitima.qualquer@gmail.com>', '', ''),
      { from: 'mailer-daemon@loja.com', headers: { 'return-path': '<>, <vitima.qualquer@gmail.com>' } },
    ],
    ['no header block at all', Buffer.from('\u0000\u0001garbage'), { from: '', headers: {} }],
    [
      'CR/LF injection in a value stays one line (and spells two addresses: no single author)',
      mail('From: a@b.com\r\u0000Bcc: x@y.com', 'Precedence: bulk\r\u0000Bcc: x@y.com', '', ''),
      { from: '', headers: { precedence: 'bulk Bcc: x@y.com' } },
    ],
  ])('%s', (_name, raw, expected) => {
    expect(peekHeaders(raw)).toEqual(expected);
  });

  it('reads nothing past the header block nor past 64 KB', () => {
    const late = mail('Subject: x', `X-Pad: ${'a'.repeat(70 * 1024)}`, 'From: tarde@exemplo.com', '', '');
    expect(peekHeaders(late).from).toBe('');
    const body = mail('Subject: x', '', 'From: corpo@exemplo.com', '');
    expect(peekHeaders(body).from).toBe('');
  });

  it('cuts each value at 1,000 characters, however it is folded', () => {
    const long = mail(
      `X-Loop: ${'a'.repeat(3000)}`,
      ...Array.from({ length: 500 }, () => ` ${'b'.repeat(50)}`),
      '',
      '',
    );
    expect(peekHeaders(long).headers['x-loop']?.length).toBeLessThanOrEqual(1000);
  });

  it.each<[string, (n: number) => Buffer]>([
    ['one line with no colon', (n) => Buffer.from('a'.repeat(n))],
    ['a From folded over every line', (n) => Buffer.from(`From: x\r\n${' <a@a@a@'.repeat(n / 8)}\r\n\r\n`)],
    ['fields repeated', (n) => Buffer.from('Precedence: bulk\r\n'.repeat(n / 18))],
    ['a run of "<a@a@a"', (n) => Buffer.from(`From: ${'<a@a@'.repeat(n / 5)}\r\n\r\n`)],
  ])('is linear in the peek: %s', (_name, input) => {
    expect(growth(input, peekHeaders, 6_000)).toBeLessThan(30);
  });
});
