import { describe, expect, it } from 'vitest';
import { localConfig } from '../../../../shared/domain/config';
import {
  isLowSurveyScore,
  LINK_ERROR_MESSAGES_PT,
  signToken,
  statusUrl,
  surveyLinks,
  surveyUrl,
  verifyStatusLink,
  verifySurveyLink,
  verifyToken,
} from '../../../../shared/domain/lifecycle/survey';
import { PROTOCOL, SECRET } from '../../../support/lifecycle-fakes';

const NOW = new Date('2026-03-20T15:00:00.000Z');
const DAY = 24 * 3600 * 1000;

describe('signToken / verifyToken', () => {
  it('verifies its own signature, for its purpose and fields only', () => {
    const sig = signToken('survey', ['a', 'b'], SECRET);
    expect(sig).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(verifyToken('survey', ['a', 'b'], sig, SECRET)).toBe(true);
    expect(verifyToken('status', ['a', 'b'], sig, SECRET)).toBe(false);
    expect(verifyToken('survey', ['a', 'c'], sig, SECRET)).toBe(false);
    expect(verifyToken('survey', ['a\nb'], sig, SECRET)).toBe(false);
    expect(verifyToken('survey', ['a', 'b'], sig.slice(1), SECRET)).toBe(false);
    expect(verifyToken('survey', ['a', 'b'], sig, `${SECRET}!`)).toBe(false);
  });
});

describe('survey links', () => {
  const links = surveyLinks(PROTOCOL, NOW, SECRET, localConfig);

  it('five links, 1 to 5, on the webform origin', () => {
    expect(links.map((l) => l.score)).toEqual([1, 2, 3, 4, 5]);
    for (const link of links) {
      expect(link.url.startsWith('http://127.0.0.1:3000/pesquisa?p=OUV-2026-000123&n=')).toBe(true);
      const verified = verifySurveyLink(link.url, NOW, SECRET);
      expect(verified).toEqual({
        ok: true,
        protocol: PROTOCOL,
        score: link.score,
        expiresAt: new Date(NOW.getTime() + 30 * DAY),
      });
    }
  });

  it('accepts the query string or parsed parameters', () => {
    const url = new URL(links[3]!.url);
    expect(verifySurveyLink(url.search, NOW, SECRET)).toMatchObject({ ok: true, score: 4 });
    expect(verifySurveyLink(url.searchParams, NOW, SECRET)).toMatchObject({ ok: true, score: 4 });
  });

  function tampered(change: (params: URLSearchParams) => void): string {
    const url = new URL(links[4]!.url);
    change(url.searchParams);
    return url.toString();
  }

  it.each([
    ['score changed 5 → 1', (p: URLSearchParams) => p.set('n', '1'), 'bad-signature'],
    ['score 7', (p: URLSearchParams) => p.set('n', '7'), 'bad-score'],
    ['score 0', (p: URLSearchParams) => p.set('n', '0'), 'bad-score'],
    ['score "5 "', (p: URLSearchParams) => p.set('n', '5 '), 'bad-score'],
    ['other protocol', (p: URLSearchParams) => p.set('p', 'OUV-2026-000124'), 'bad-signature'],
    ['lower-case protocol', (p: URLSearchParams) => p.set('p', 'ouv-2026-000123'), 'malformed'],
    ['expiry pushed', (p: URLSearchParams) => p.set('x', String(Number(p.get('x')) + 86400)), 'bad-signature'],
    ['signature cut', (p: URLSearchParams) => p.set('sig', (p.get('sig') ?? '').slice(2)), 'malformed'],
    [
      'signature of another purpose',
      (p: URLSearchParams) => p.set('sig', signToken('status', [PROTOCOL, '5', p.get('x') ?? ''], SECRET)),
      'bad-signature',
    ],
    ['no signature', (p: URLSearchParams) => p.delete('sig'), 'malformed'],
    ['no protocol', (p: URLSearchParams) => p.delete('p'), 'malformed'],
  ])('%s → %s', (_what, change, error) => {
    expect(verifySurveyLink(tampered(change), NOW, SECRET)).toEqual({ ok: false, error });
  });

  it('expires after lifecycle.surveyLinkDays', () => {
    expect(verifySurveyLink(links[0]!.url, new Date(NOW.getTime() + 30 * DAY - 1000), SECRET).ok).toBe(true);
    // Its signature held: the link names its case (whose language the page that says so speaks).
    expect(verifySurveyLink(links[0]!.url, new Date(NOW.getTime() + 30 * DAY), SECRET)).toEqual({
      ok: false,
      error: 'expired',
      protocol: links[0]!.url.match(/p=(OUV-\d{4}-\d+)/)![1],
    });
  });

  it('another secret does not verify', () => {
    expect(verifySurveyLink(links[0]!.url, NOW, 'another-secret-0123456789')).toEqual({
      ok: false,
      error: 'bad-signature',
    });
  });

  it('refuses to build a link for a bad score or protocol', () => {
    expect(() => surveyUrl(PROTOCOL, 6, NOW, SECRET, localConfig)).toThrow(RangeError);
    expect(() => surveyUrl('123', 3, NOW, SECRET, localConfig)).toThrow(RangeError);
  });

  it('every error has a pt-BR message', () => {
    expect(Object.keys(LINK_ERROR_MESSAGES_PT).sort()).toEqual(['bad-score', 'bad-signature', 'expired', 'malformed']);
  });
});

describe('status links (same signer, another purpose)', () => {
  const url = statusUrl(PROTOCOL, 'n0nce-abc123', NOW, SECRET, localConfig);

  it('valid for lifecycle.statusLinkHours, carries its nonce', () => {
    expect(url.startsWith('http://127.0.0.1:3000/consulta/caso?p=OUV-2026-000123&x=')).toBe(true);
    expect(verifyStatusLink(url, NOW, SECRET)).toEqual({
      ok: true,
      protocol: PROTOCOL,
      nonce: 'n0nce-abc123',
      expiresAt: new Date(NOW.getTime() + DAY),
    });
    expect(verifyStatusLink(url, new Date(NOW.getTime() + DAY), SECRET)).toEqual({ ok: false, error: 'expired' });
  });

  it('tampered nonce or a survey signature does not verify', () => {
    const u = new URL(url);
    u.searchParams.set('k', 'n0nce-abc124');
    expect(verifyStatusLink(u.toString(), NOW, SECRET)).toEqual({ ok: false, error: 'bad-signature' });
    const survey = new URL(surveyLinks(PROTOCOL, NOW, SECRET, localConfig)[0]!.url);
    expect(verifySurveyLink(url, NOW, SECRET).ok).toBe(false);
    expect(verifyStatusLink(survey.toString(), NOW, SECRET)).toEqual({ ok: false, error: 'malformed' });
  });

  it('refuses a bad nonce', () => {
    expect(() => statusUrl(PROTOCOL, 'x', NOW, SECRET, localConfig)).toThrow(RangeError);
  });
});

describe('isLowSurveyScore', () => {
  it.each([
    [1, true],
    [2, true],
    [3, false],
    [4, false],
    [5, false],
  ])('%i: %s', (score, low) => {
    expect(isLowSurveyScore(score)).toBe(low);
  });
});
