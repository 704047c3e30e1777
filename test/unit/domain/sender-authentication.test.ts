import { describe, expect, it } from 'vitest';
import {
  fromProven,
  dmarcMonitoringOnly,
  domainOf,
  domainsAligned,
  fromDomainProven,
  fromMayOwnTicket,
  merchantAuthenticated,
  senderAuthenticated,
} from '../../../shared/domain/sender-authentication';
import type { Verdict, Verdicts } from '../../../shared/domain/submission';
import { senderVerdicts } from '../../support/builders';

describe('senderAuthenticated: DKIM, or SPF and DMARC; a DMARC failure refuses', () => {
  it.each([
    ['PASS', 'PASS', 'PASS', true],
    ['FAIL', 'PASS', 'GRAY', true],
    ['GRAY', 'PASS', 'GRAY', true],
    ['PASS', 'FAIL', 'PASS', true],
    ['PASS', 'GRAY', 'PASS', true],
    ['PASS', 'PASS', 'FAIL', false],
    ['PASS', 'FAIL', 'GRAY', false],
    ['PASS', 'GRAY', 'GRAY', false],
    ['GRAY', 'GRAY', 'GRAY', false],
    ['FAIL', 'FAIL', 'PASS', false],
    ['PROCESSING_FAILED', 'PROCESSING_FAILED', 'PROCESSING_FAILED', false],
    ['DISABLED', 'DISABLED', 'DISABLED', false],
  ] as [Verdict, Verdict, Verdict, boolean][])('SPF %s, DKIM %s, DMARC %s → %s', (spf, dkim, dmarc, expected) => {
    expect(senderAuthenticated({ spam: 'PASS', virus: 'PASS', spf, dkim, dmarc })).toBe(expected);
  });

  it('DKIM counts only when its signature is of the From domain, where that is known', () => {
    const v = { spam: 'PASS', virus: 'PASS', spf: 'GRAY', dkim: 'PASS', dmarc: 'GRAY' } as const;
    expect(senderAuthenticated(v, true)).toBe(true);
    expect(senderAuthenticated(v, undefined)).toBe(true);
    // Signed by the sender's own domain, From someone else's: proves nothing.
    expect(senderAuthenticated(v, false)).toBe(false);
    // SPF and DMARC still prove it.
    expect(senderAuthenticated({ ...v, spf: 'PASS', dmarc: 'PASS' }, false)).toBe(true);
  });

  it('no verdicts (a webform post, a mail read without them) is never authenticated', () => {
    expect(senderAuthenticated(undefined)).toBe(false);
  });
});

describe('fromDomainProven: before the mail is read, only DMARC proves the From domain', () => {
  it.each([
    ['PASS', 'PASS', 'PASS', true],
    ['GRAY', 'GRAY', 'PASS', true],
    ['PASS', 'PASS', 'GRAY', false],
    ['PASS', 'PASS', 'FAIL', false],
    ['GRAY', 'GRAY', 'GRAY', false],
  ] as [Verdict, Verdict, Verdict, boolean][])('SPF %s, DKIM %s, DMARC %s → %s', (spf, dkim, dmarc, expected) => {
    expect(fromDomainProven({ spam: 'PASS', virus: 'PASS', spf, dkim, dmarc })).toBe(expected);
  });

  it('no verdicts prove nothing', () => {
    expect(fromDomainProven(undefined)).toBe(false);
  });
});

describe('dmarcMonitoringOnly: a DMARC failure under the domain’s own p=none', () => {
  const base: Verdicts = { spam: 'PASS', virus: 'PASS', spf: 'FAIL', dkim: 'FAIL', dmarc: 'FAIL' };
  it.each([
    [{ dmarcPolicy: 'NONE' }, true],
    [{ dmarcPolicy: 'QUARANTINE' }, false],
    [{ dmarcPolicy: 'REJECT' }, false],
    // SES names no policy: nothing says the owner asked for no action.
    [{}, false],
    [{ dmarc: 'GRAY', dmarcPolicy: 'NONE' }, false],
    [{ dmarc: 'PASS', dmarcPolicy: 'NONE' }, false],
  ] as [Partial<Verdicts>, boolean][])('%j → %s', (change, expected) => {
    expect(dmarcMonitoringOnly({ ...base, ...change })).toBe(expected);
  });

  it('is still no authentication: such mail joins no case, whatever else passed', () => {
    const v: Verdicts = { ...base, spf: 'PASS', dkim: 'PASS', dmarcPolicy: 'NONE' };
    expect(senderAuthenticated(v, true)).toBe(false);
    expect(fromDomainProven(v)).toBe(false);
    expect(dmarcMonitoringOnly(undefined)).toBe(false);
  });
});

describe('merchantAuthenticated: senderAuthenticated, or an aligned SPF pass where the domain has no DMARC', () => {
  const v = senderVerdicts;
  it.each([
    [v('PASS', 'GRAY', 'GRAY'), { spfAligned: true }, true],
    [v('PASS', 'GRAY', 'GRAY'), { spfAligned: false }, false],
    [v('PASS', 'GRAY', 'GRAY'), {}, false],
    [v('PASS', 'PASS', 'GRAY'), { spfAligned: true, dkimAligned: false }, true],
    [v('PASS', 'GRAY', 'FAIL'), { spfAligned: true }, false],
    [v('PASS', 'GRAY', 'DISABLED'), { spfAligned: true }, false],
    [v('PASS', 'GRAY', 'PROCESSING_FAILED'), { spfAligned: true }, false],
    [v('FAIL', 'GRAY', 'GRAY'), { spfAligned: true }, false],
    [v('GRAY', 'GRAY', 'GRAY'), { spfAligned: true }, false],
    // What senderAuthenticated takes, it takes too.
    [v('GRAY', 'PASS', 'GRAY'), {}, true],
    [v('PASS', 'GRAY', 'PASS'), { spfAligned: false }, true],
  ] as [Verdicts, { spfAligned?: boolean; dkimAligned?: boolean }, boolean][])(
    '%j %j → %s',
    (verdicts, alignment, expected) => {
      expect(merchantAuthenticated(verdicts, alignment)).toBe(expected);
    },
  );

  it('staff mail keeps the literal rule: an aligned SPF pass without DMARC is not enough there', () => {
    expect(senderAuthenticated(v('PASS', 'GRAY', 'GRAY'))).toBe(false);
    expect(merchantAuthenticated(undefined, { spfAligned: true })).toBe(false);
  });
});

describe('fromProven: the From proven by its domain’s own word (DMARC pass, or DKIM known to be of the From domain)', () => {
  const v = senderVerdicts;
  it.each([
    [v('GRAY', 'GRAY', 'PASS'), undefined, true],
    [v('PASS', 'PASS', 'PASS'), false, true],
    [v('GRAY', 'PASS', 'GRAY'), true, true],
    // A DKIM pass of another domain, or of one not known: anyone can sign with their own domain.
    [v('PASS', 'PASS', 'GRAY'), false, false],
    [v('PASS', 'PASS', 'GRAY'), undefined, false],
    // SPF alone (merchantAuthenticated takes it for threading) proves the envelope, not the From.
    [v('PASS', 'GRAY', 'GRAY'), undefined, false],
    [v('PASS', 'PASS', 'FAIL'), true, false],
    [v('GRAY', 'GRAY', 'GRAY'), true, false],
    [undefined, true, false],
  ] as [Verdicts | undefined, boolean | undefined, boolean][])(
    '%j dkimAligned=%s → %s',
    (verdicts, aligned, expected) => {
      expect(fromProven(verdicts, aligned)).toBe(expected);
    },
  );
});

describe('fromMayOwnTicket: a From proven, or sent with its own envelope (or an unknown one)', () => {
  const v = senderVerdicts;
  it.each([
    // [verdicts (spf, dkim, dmarc), alignment, may own a ticket]
    [v('PASS', 'GRAY', 'GRAY'), { spfAligned: false }, false],
    [v('PASS', 'PASS', 'GRAY'), { spfAligned: false, dkimAligned: false }, false],
    [v('PASS', 'GRAY', 'FAIL'), { spfAligned: false }, false],
    [v('GRAY', 'GRAY', 'GRAY'), { spfAligned: false }, false],
    [v('GRAY', 'GRAY', 'GRAY'), { spfAligned: true }, true],
    [v('GRAY', 'GRAY', 'GRAY'), {}, true],
    [v('PASS', 'PASS', 'GRAY'), { spfAligned: false, dkimAligned: true }, true],
    [v('PASS', 'GRAY', 'PASS'), { spfAligned: false }, true],
  ] as [Verdicts, { spfAligned?: boolean; dkimAligned?: boolean }, boolean][])(
    '%j %j → %s',
    (verdicts, alignment, expected) => {
      expect(fromMayOwnTicket(verdicts, alignment)).toBe(expected);
    },
  );
});

describe('domainOf and domainsAligned: relaxed alignment without the public-suffix list', () => {
  it.each([
    ['lojista@modasbella.com.br', 'modasbella.com.br'],
    ['Lojista@ModasBella.COM.BR.', 'modasbella.com.br'],
    ['<lojista@modasbella.com.br>', 'modasbella.com.br'],
    ['sem-arroba', ''],
    ['', ''],
  ])('domainOf(%j) = %j', (address, domain) => {
    expect(domainOf(address)).toBe(domain);
  });

  it.each([
    ['modasbella.com.br', 'modasbella.com.br', true],
    ['mail.modasbella.com.br', 'modasbella.com.br', true],
    ['modasbella.com.br', 'em.modasbella.com.br', true],
    ['notmodasbella.com.br', 'modasbella.com.br', false],
    ['evil.example', 'modasbella.com.br', false],
    ['', 'modasbella.com.br', false],
    ['', '', false],
  ])('%j and %j → %s', (a, b, aligned) => {
    expect(domainsAligned(a, b)).toBe(aligned);
  });
});
