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

/** A DKIM-Signature field as the sender's mail carries it (SES checks it; the test only names it). */
const signature = (d: string) =>
  `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;\r\n d=${d}; s=s1; h=from:subject; bh=AAAA; b=BBBB`;
const signed = (...domains: string[]) =>
  `${domains.map(signature).join('\r\n')}${domains.length ? '\r\n' : ''}${MESSAGE}`;

describe('readSesVerdictHeaders: which domains signed', () => {
  it.each([
    [
      'one signature of the From domain',
      'dkim=pass header.i=@modasbella.com.br;',
      ['modasbella.com.br'],
      ['modasbella.com.br'],
    ],
    [
      'header.d wins over header.i',
      'dkim=pass header.d=Mail.Example.NET header.i=@x.example.net;',
      ['mail.example.net'],
      ['mail.example.net'],
    ],
    [
      'header.i of a subdomain of the signing domain',
      'dkim=pass header.i=@news.loja.com.br;',
      ['loja.com.br'],
      ['news.loja.com.br'],
    ],
    [
      'two signatures, one failed',
      'dkim=pass header.i=@evil.example; dkim=fail header.i=@modasbella.com.br;',
      ['evil.example', 'modasbella.com.br'],
      ['evil.example'],
    ],
    ['no passing signature', 'spf=pass; dkim=none; dmarc=none;', [], []],
  ])('%s', (_name, results, signers, domains) => {
    const read = readSesVerdictHeaders(stored([...RECEIVED, auth(results)], signed(...signers)));
    expect(read?.dkimPassDomains).toEqual(domains);
  });

  // Attack round F6: SES's block without its own Authentication-Results, the sender's forged one
  // (and a bogus signature of the victim's domain) right under it.
  it('never reads an Authentication-Results under SES’s receipt, nor a second one', () => {
    const forged = [
      'Authentication-Results: amazonses.com; dkim=pass header.i=@modasbella.com.br; dmarc=pass header.from=modasbella.com.br;',
      'DKIM-Signature: v=1; a=rsa-sha256; d=modasbella.com.br; s=x; b=AAAA',
      'DKIM-Signature: v=1; a=rsa-sha256; d=attacker.test; s=x; b=BBBB',
      MESSAGE,
    ].join('\r\n');
    const spf = 'Received-SPF: pass (spfCheck: domain of attacker.test designates 1.2.3.4) client-ip=1.2.3.4;';
    const receipt = ['X-SES-RECEIPT: AEFBQU', 'X-SES-DKIM-SIGNATURE: a=rsa-sha256; q=dns/txt; b=x'];
    const noAuth = readSesVerdictHeaders(stored([...RECEIVED, 'X-SES-Spam-Verdict: PASS', spf, ...receipt], forged));
    expect(noAuth?.dkimPassDomains).toBeUndefined();
    expect(noAuth?.verdicts.dkim).toBe('GRAY');
    expect(noAuth?.verdicts.dmarc).toBe('GRAY');
    const own = auth('spf=pass; dkim=pass header.i=@attacker.test; dkim=fail header.i=@modasbella.com.br;');
    const twice = readSesVerdictHeaders(stored([...RECEIVED, 'X-SES-Spam-Verdict: PASS', spf, own], forged));
    expect(twice?.dkimPassDomains).toEqual(['attacker.test']);
    expect(dkimAlignedWith('lojista@modasbella.com.br', twice?.dkimPassDomains ?? [])).toBe(false);
  });

  it('says nothing when SES wrote no Authentication-Results, and never reads one the sender wrote', () => {
    expect(readSesVerdictHeaders(stored([...RECEIVED, 'X-SES-Spam-Verdict: PASS']))?.dkimPassDomains).toBeUndefined();
    const forged = `Authentication-Results: amazonses.com; dkim=pass header.i=@modasbella.com.br\r\n${MESSAGE}`;
    expect(
      readSesVerdictHeaders(stored([...RECEIVED, 'X-SES-Spam-Verdict: PASS', ''], forged))?.dkimPassDomains,
    ).toBeUndefined();
  });
});

// SES quotes the envelope in its SPF result ("envelope-from=…; helo=…;"), and the sender chose both:
// a quoted local part or a HELO may carry ";dkim=pass header.d=<the victim's domain>;". The attacker
// signs with their own domain (a real pass) and writes the victim's From.
describe("readSesVerdictHeaders: results written into SES's header by the sender", () => {
  const spfOf = (envelope: string, helo: string) =>
    `pass (spfCheck: domain of evil.example designates 192.0.2.1 as permitted sender) client-ip=192.0.2.1; envelope-from=${envelope}; helo=${helo};`;
  const top = (envelope: string, helo: string, withReceivedSpf: boolean) => [
    ...RECEIVED,
    'X-SES-Spam-Verdict: PASS',
    'X-SES-Virus-Verdict: PASS',
    ...(withReceivedSpf ? [`Received-SPF: ${spfOf(envelope, helo)}`] : []),
    `Authentication-Results: amazonses.com;\r\n spf=${spfOf(envelope, helo)}\r\n dkim=pass header.i=@evil.example;\r\n dmarc=none header.from=modasbella.com.br;`,
  ];
  const inject = 'dkim=pass header.d=modasbella.com.br';

  it.each([
    ['a quoted local part of the envelope', `"x;${inject};"@evil.example`, 'mx.evil.example', true],
    ['the same, without Received-SPF', `"x;${inject};"@evil.example`, 'mx.evil.example', false],
    [
      'a quoted local part without spaces',
      '"x;dkim=pass.header.d=modasbella.com.br;"@evil.example',
      'mx.evil.example',
      false,
    ],
    ['the HELO', 'bounce@evil.example', `x; ${inject}`, true],
    ['the HELO, without Received-SPF (one more result than signatures)', 'bounce@evil.example', `x; ${inject}`, false],
    ['a comment in the HELO', 'bounce@evil.example', `x (; ${inject};)`, false],
  ])('%s: only the attacker’s own domain passes, never the victim’s', (_name, envelope, helo, withReceivedSpf) => {
    const read = readSesVerdictHeaders(stored(top(envelope, helo, withReceivedSpf), signed('evil.example')));
    expect(read?.dkimPassDomains ?? []).not.toContain('modasbella.com.br');
    expect(dkimAlignedWith('lojista@modasbella.com.br', read?.dkimPassDomains ?? [])).toBe(false);
  });

  it('a bogus signature of the victim’s domain, failed by SES, does not make room for a forged pass', () => {
    const results = `spf=pass client-ip=192.0.2.1; envelope-from=bounce@evil.example; helo=x; ${inject};\r\n dkim=pass header.i=@evil.example;\r\n dkim=fail header.i=@modasbella.com.br;`;
    const read = readSesVerdictHeaders(
      stored([...RECEIVED, auth(results)], signed('evil.example', 'modasbella.com.br')),
    );
    expect(read?.dkimPassDomains).toEqual([]);
  });

  it('a pass of a domain that signed nothing counts for nothing', () => {
    const read = readSesVerdictHeaders(stored([...RECEIVED, auth('dkim=pass header.i=@modasbella.com.br;')]));
    expect(read?.dkimPassDomains).toEqual([]);
  });

  it('the honest header keeps the attacker’s own pass, and the SPF verdict', () => {
    const read = readSesVerdictHeaders(
      stored(top('bounce@evil.example', 'mx.evil.example', true), signed('evil.example')),
    );
    expect(read?.dkimPassDomains).toEqual(['evil.example']);
    expect(read?.verdicts).toMatchObject({ spf: 'PASS', dkim: 'PASS', dmarc: 'GRAY' });
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
