import { describe, expect, it } from 'vitest';
import { localConfig, parseConfig } from '../../../shared/domain/config';
import { signToken } from '../../../shared/domain/lifecycle/survey';
import {
  CONFIRM_WORDS,
  confirmLinkExpiry,
  confirmLinkAnswer,
  confirmLinkStatus,
  confirmToken,
  confirmUrl,
  readConfirmToken,
  renderConfirmationMail,
  verifyConfirmToken,
} from '../../../shared/domain/webform-confirmation';
import { SECRET } from '../../support/lifecycle-fakes';

const NOW = new Date('2026-03-20T15:00:00.000Z');
const ID = `form-${'a1'.repeat(32)}`;
const OTHER_ID = `key-${'b2'.repeat(32)}`;
const EMAIL = 'contato@eletroponto.com.br';
const EXPIRES = confirmLinkExpiry(NOW, localConfig);
const TOKEN = confirmToken(ID, EMAIL, EXPIRES, SECRET);

function parts(token: string): [string, string, string] {
  return token.split('.') as [string, string, string];
}

describe('confirmation link token', () => {
  it('is valid 48 hours by default, for its own id and address, on the webform origin', () => {
    expect(EXPIRES.toISOString()).toBe('2026-03-22T15:00:00.000Z');
    const read = readConfirmToken(TOKEN);
    expect(read).toEqual({ id: ID, expiresAt: EXPIRES, signature: parts(TOKEN)[2] });
    expect(read && verifyConfirmToken(read, EMAIL, NOW, SECRET)).toEqual({ ok: true });
    // The address as typed, in any case, is the same address.
    expect(read && verifyConfirmToken(read, ' Contato@EletroPonto.com.br ', NOW, SECRET)).toEqual({ ok: true });
    expect(confirmUrl(TOKEN, localConfig)).toBe(`http://127.0.0.1:3000/confirmar?t=${encodeURIComponent(TOKEN)}`);
  });

  const [id, x, sig] = parts(TOKEN);
  const flip = (s: string) => `${s.slice(0, -1)}${s.endsWith('A') ? 'B' : 'A'}`;
  it.each([
    ['another pending id', `${OTHER_ID}.${x}.${sig}`, EMAIL, 'bad-signature'],
    ['a later expiry', `${id}.${Number(x) + 3600}.${sig}`, EMAIL, 'bad-signature'],
    ['a changed signature', `${id}.${x}.${flip(sig)}`, EMAIL, 'bad-signature'],
    ['another address', TOKEN, 'outra.pessoa@gmail.com', 'bad-signature'],
    [
      'another purpose’s signature (a status link’s)',
      `${id}.${x}.${signToken('status', [ID, EMAIL, x], SECRET)}`,
      EMAIL,
      'bad-signature',
    ],
  ])('%s does not verify', (_what, token, email, error) => {
    const read = readConfirmToken(token);
    expect(read).not.toBeNull();
    expect(read && verifyConfirmToken(read, email, NOW, SECRET)).toEqual({ ok: false, error });
  });

  it('expires at its instant, and an expired one still says expired (not tampered)', () => {
    const read = readConfirmToken(TOKEN);
    if (!read) throw new Error('unreadable');
    expect(verifyConfirmToken(read, EMAIL, new Date(EXPIRES.getTime() - 1), SECRET)).toEqual({ ok: true });
    expect(verifyConfirmToken(read, EMAIL, EXPIRES, SECRET)).toEqual({ ok: false, error: 'expired' });
    expect(verifyConfirmToken(read, EMAIL, EXPIRES, `${SECRET}-other`)).toEqual({ ok: false, error: 'bad-signature' });
  });

  it.each([
    ['empty', ''],
    ['missing', null],
    ['two parts', `${id}.${x}`],
    ['four parts', `${TOKEN}.x`],
    ['an id of another shape', `OUV-2026-000123.${x}.${sig}`],
    ['a short signature', `${id}.${x}.${sig.slice(1)}`],
    ['an expiry that is no number', `${id}.amanha.${sig}`],
    ['markup', `<script>.${x}.${sig}`],
  ])('a malformed token (%s) is not read', (_what, token) => {
    expect(readConfirmToken(token)).toBeNull();
  });

  it('refuses to sign an id that is none', () => {
    expect(() => confirmToken('OUV-2026-000123', EMAIL, EXPIRES, SECRET)).toThrow(RangeError);
  });

  it('answers 410 when the link is gone, expired or not ours, 400 when it is cut short', () => {
    expect(confirmLinkStatus('expired')).toBe(410);
    expect(confirmLinkStatus('unknown')).toBe(410);
    expect(confirmLinkStatus('malformed')).toBe(400);
  });

  // A forged link of a real post answers as a link of no post: no oracle of which posts exist.
  it.each([
    ['bad-signature', 'unknown'],
    ['unknown', 'unknown'],
    ['expired', 'expired'],
    ['malformed', 'malformed'],
  ] as const)('a link refused as %s is answered as %s', (error, answer) => {
    expect(confirmLinkAnswer(error)).toBe(answer);
  });
});

describe('confirmation mail', () => {
  it('names the topic and the typed ticket, the link and its validity — no text of the poster', () => {
    const url = confirmUrl(TOKEN, localConfig);
    const mail = renderConfirmationMail({ topicLabel: 'Atendimento', ticket: '48.215', url }, localConfig);
    expect(mail.subject).toBe(CONFIRM_WORDS.mailSubject);
    expect(mail.text).toContain('Assunto: Atendimento');
    expect(mail.text).toContain('Chamado informado: 48215');
    expect(mail.text).toContain(url);
    expect(mail.text).toContain('O link vale por 48 horas.');
    expect(mail.html).toContain('lang="pt-BR"');
    expect(mail.html).toContain(`href="${url.replace(/&/g, '&amp;')}"`);
  });

  // Journey 47: its text ended "Equipe Ouvidoria\n\n-- \n" — a signature separator over nothing.
  it('ends with its signature, no empty footer after it', () => {
    const mail = renderConfirmationMail({ topicLabel: 'Atendimento', url: 'http://x.example/' }, localConfig);
    expect(mail.text).toMatch(new RegExp(`Atenciosamente,\\n${localConfig.fromName}\\n$`));
    expect(mail.text).not.toMatch(/^-- $/m);
    expect(mail.html).not.toContain('<hr');
  });

  it('a ticket field of words keeps its digits only', () => {
    const mail = renderConfirmationMail(
      { topicLabel: 'Atendimento', ticket: 'compre já em http://spam.example 99', url: 'http://x.example/' },
      localConfig,
    );
    expect(mail.text).toContain('Chamado informado: 99');
    expect(mail.text).not.toContain('spam.example');
  });
});

describe('configuration', () => {
  it('the pending uploads outlast the confirmation link by a day', () => {
    expect(localConfig.limits.webformConfirmLinkHours).toBe(48);
    expect(localConfig.limits.webformConfirmMailsPerAddressPerHour).toBe(5);
    expect(localConfig.attachments.pendingUploadDays * 24).toBeGreaterThanOrEqual(48 + 24);
    const tooShort = { ...localConfig, attachments: { ...localConfig.attachments, pendingUploadDays: 2 } };
    expect(() => parseConfig(tooShort)).toThrow(/pendingUploadDays must outlast/);
  });
});
