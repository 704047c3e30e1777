import { describe, expect, it } from 'vitest';
import { dkimAlignedWith, readSesVerdictHeaders } from '../../../shared/mail/ses-verdict-headers';

const MESSAGE = 'From: Lojista <lojista@modasbella.com.br>\r\nSubject: chamado 48213\r\n\r\nOlá\r\n';

function stored(top: string[], message = MESSAGE): Buffer {
  return Buffer.from(`${top.join('\r\n')}\r\n${message}`);
}

const RECEIVED = [
  'Return-Path: <lojista@modasbella.com.br>',
  'Received: from mail.modasbella.com.br (mail.modasbella.com.br [203.0.113.7])',
  ' by inbound-smtp.us-east-1.amazonaws.com with SMTP id 0a1b2c',
  ' for ouvidoria@ouvidoria.example.com.br; Wed, 25 Nov 2026 13:00:00 +0000 (UTC)',
];
const auth = (r: string) => `Authentication-Results: amazonses.com;\r\n ${r}`;

describe('readSesVerdictHeaders: only the block SES wrote on top', () => {
  it.each([
    [
      'all pass',
      [
        ...RECEIVED,
        'X-SES-Spam-Verdict: PASS',
        'X-SES-Virus-Verdict: PASS',
        auth('spf=pass smtp.mailfrom=x; dkim=pass header.i=@x; dmarc=pass header.from=x;'),
      ],
      { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
    ],
    ['spam', [...RECEIVED, 'X-SES-Spam-Verdict: FAIL', 'X-SES-Virus-Verdict: PASS'], { spam: 'FAIL', virus: 'PASS' }],
    ['virus', [...RECEIVED, 'X-SES-Spam-Verdict: PASS', 'X-SES-Virus-Verdict: FAIL'], { virus: 'FAIL' }],
    [
      'DMARC fail',
      [...RECEIVED, 'X-SES-Spam-Verdict: PASS', auth('spf=pass; dkim=none; dmarc=fail header.from=x;')],
      { dmarc: 'FAIL', dkim: 'GRAY' },
    ],
    [
      'SPF softfail is GRAY, not a failure',
      [...RECEIVED, auth('spf=softfail; dkim=pass; dmarc=pass;')],
      { spf: 'GRAY', dkim: 'PASS' },
    ],
    [
      'Received-SPF alone',
      [...RECEIVED, 'Received-SPF: fail (spfCheck: domain does not designate) client-ip=1.2.3.4;'],
      { spf: 'FAIL', spam: 'DISABLED' },
    ],
    [
      'two DKIM signatures, one passes',
      [...RECEIVED, auth('spf=pass; dkim=fail header.i=@a; dkim=pass header.i=@b; dmarc=pass;')],
      { dkim: 'PASS' },
    ],
    [
      'temperror is PROCESSING_FAILED',
      [...RECEIVED, auth('spf=temperror; dkim=pass; dmarc=pass;')],
      { spf: 'PROCESSING_FAILED' },
    ],
    [
      'scanning disabled',
      [...RECEIVED, 'X-SES-Spam-Verdict: DISABLED', 'X-SES-Virus-Verdict: DISABLED'],
      { spam: 'DISABLED', virus: 'DISABLED' },
    ],
    ['LF line ends', [...RECEIVED, 'X-SES-Spam-Verdict: FAIL'].map((l) => l.replace(/\r/g, '')), { spam: 'FAIL' }],
  ] as const)('%s', (_name, top, expected) => {
    const read = readSesVerdictHeaders(stored([...top]));
    expect(read?.verdicts).toMatchObject(expected);
  });

  it.each([
    ['a saved message without an SES block', Buffer.from(MESSAGE)],
    [
      'forged SES headers inside the sender’s own header block',
      Buffer.from(
        `From: a@b.com\r\nX-SES-Spam-Verdict: PASS\r\nAuthentication-Results: amazonses.com; dmarc=pass\r\n\r\nbody`,
      ),
    ],
    ['SES-looking fields in the body', Buffer.from(`From: a@b.com\r\n\r\nX-SES-Spam-Verdict: FAIL\r\n`)],
    ['not a mail at all', Buffer.from([0, 1, 2, 3, 255, 254])],
  ])('%s: no verdicts', (_name, raw) => {
    expect(readSesVerdictHeaders(raw)).toBeUndefined();
  });

  it('a forged PASS under the SES block never overrides SES’s FAIL', () => {
    const forged = `X-SES-Spam-Verdict: PASS\r\nAuthentication-Results: amazonses.com; dmarc=pass\r\n${MESSAGE}`;
    const read = readSesVerdictHeaders(stored([...RECEIVED, 'X-SES-Spam-Verdict: FAIL', auth('dmarc=fail;')], forged));
    expect(read?.verdicts).toMatchObject({ spam: 'FAIL', dmarc: 'FAIL' });
  });

  it('stops at the second Received field: the sender’s chain is not SES’s block', () => {
    const top = [...RECEIVED, 'Received: from evil by relay', 'X-SES-Spam-Verdict: PASS'];
    expect(readSesVerdictHeaders(stored(top))).toBeUndefined();
  });

  it('ignores Authentication-Results of another authserv-id', () => {
    const read = readSesVerdictHeaders(
      stored([...RECEIVED, 'X-SES-Spam-Verdict: PASS', 'Authentication-Results: mx.evil.example; dmarc=pass']),
    );
    expect(read?.verdicts).toMatchObject({ spam: 'PASS', dmarc: 'GRAY' });
  });
});

describe('readSesVerdictHeaders: which domains signed', () => {
  it.each([
    ['one signature of the From domain', 'dkim=pass header.i=@modasbella.com.br;', ['modasbella.com.br']],
    [
      'header.d wins over header.i',
      'dkim=pass header.d=Mail.Example.NET header.i=@x.example.net;',
      ['mail.example.net'],
    ],
    [
      'two signatures, one failed',
      'dkim=pass header.i=@evil.example; dkim=fail header.i=@modasbella.com.br;',
      ['evil.example'],
    ],
    ['no passing signature', 'spf=pass; dkim=none; dmarc=none;', []],
  ])('%s', (_name, results, domains) => {
    expect(readSesVerdictHeaders(stored([...RECEIVED, auth(results)]))?.dkimPassDomains).toEqual(domains);
  });

  it('says nothing when SES wrote no Authentication-Results, and never reads one the sender wrote', () => {
    expect(readSesVerdictHeaders(stored([...RECEIVED, 'X-SES-Spam-Verdict: PASS']))?.dkimPassDomains).toBeUndefined();
    const forged = `Authentication-Results: amazonses.com; dkim=pass header.i=@modasbella.com.br\r\n${MESSAGE}`;
    expect(
      readSesVerdictHeaders(stored([...RECEIVED, 'X-SES-Spam-Verdict: PASS', ''], forged))?.dkimPassDomains,
    ).toBeUndefined();
  });
});

describe('dkimAlignedWith: a valid signature of the From domain, or of its parent or a subdomain', () => {
  it.each([
    ['lojista@modasbella.com.br', ['modasbella.com.br'], true],
    ['lojista@modasbella.com.br', ['mail.modasbella.com.br'], true],
    ['lojista@loja.modasbella.com.br', ['modasbella.com.br'], true],
    ['Lojista@ModasBella.com.br', ['modasbella.com.br.'], true],
    ['lojista@modasbella.com.br', ['evil.example'], false],
    ['lojista@modasbella.com.br', ['notmodasbella.com.br'], false],
    ['lojista@modasbella.com.br', ['bella.com.br'], false],
    ['lojista@modasbella.com.br', [], false],
    ['sem-arroba', ['modasbella.com.br'], false],
  ])('%s signed by %j → %s', (from, domains, aligned) => {
    expect(dkimAlignedWith(from, domains)).toBe(aligned);
  });
});
