import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../../shared/domain/case';
import { replyOutcomePt } from '../../../shared/domain/reply-outcome';

const AT = '2026-12-01T13:27:00.000Z';
const format = (iso: string) => `[${iso}]`;

describe('replyOutcomePt: the automatic reply as the case page says it', () => {
  it.each<[string, Pick<CaseRecord, 'reply' | 'outcome'>, RegExp, string?]>([
    [
      'an acknowledgement sent',
      { outcome: 'ACCEPTED', reply: { status: 'sent', messageId: 'a@x', at: AT } },
      /^enviada em \[2026-12-01T13:27:00\.000Z\] \(confirmação com o protocolo e o prazo\)$/,
    ],
    [
      'guidance sent',
      { outcome: 'NO_PRIOR_TICKET', reply: { status: 'sent', messageId: 'a@x', at: AT } },
      /orientação ao remetente/,
    ],
    [
      'guidance held by the bounce breaker, sent once it was clear',
      {
        outcome: 'NO_PRIOR_TICKET',
        reply: { status: 'sent', messageId: 'a@x', at: AT, heldAt: '2026-12-01T09:05:00.000Z' },
      },
      /^enviada em \[2026-12-01T13:27:00\.000Z\] \(orientação ao remetente\), com atraso: retida em \[2026-12-01T09:05:00\.000Z\] porque muitos e-mails nossos voltavam/,
    ],
    [
      'the day’s guidance already given',
      { outcome: 'BILLING_QUESTION', reply: { status: 'suppressed', reason: 'throttled', at: AT } },
      /^não enviada .*mesma orientação/,
      'throttled',
    ],
    [
      'an address that bounced',
      { outcome: 'ACCEPTED', reply: { status: 'suppressed', reason: 'bounce-memory', at: AT } },
      /devolveu um e-mail nosso/,
      'bounce-memory',
    ],
    [
      'guidance held by the bounce breaker (rt57: an attacker domain bouncing every reply)',
      { outcome: 'NO_PRIOR_TICKET', reply: { status: 'suppressed', reason: 'bounce-breaker', at: AT } },
      /^não enviada .*orientação retida: muitos e-mails nossos voltaram na última hora.*o caso foi registrado normalmente/,
      'bounce-breaker',
    ],
    [
      'an out-of-office',
      { outcome: 'NO_PRIOR_TICKET', reply: { status: 'suppressed', reason: 'ooo-subject', at: AT } },
      /mensagem automática/,
      'ooo-subject',
    ],
    [
      'a Gmail emoji reaction',
      { outcome: 'NO_PRIOR_TICKET', reply: { status: 'suppressed', reason: 'email-reaction', at: AT } },
      /reação com emoji a uma mensagem, sem texto a responder/,
      'email-reaction',
    ],
    [
      'a reason the page has no words for reads as automatic mail',
      { outcome: 'NO_PRIOR_TICKET', reply: { status: 'suppressed', reason: 'some-new-rule', at: AT } },
      /mensagem automática/,
      'some-new-rule',
    ],
    [
      'mail from our own domain',
      { outcome: 'NO_PRIOR_TICKET', reply: { status: 'suppressed', reason: 'own-domain', at: AT } },
      /própria Ouvidoria/,
      'own-domain',
    ],
    [
      'a no-reply sender',
      { outcome: 'NOT_A_CLIENT', reply: { status: 'suppressed', reason: 'noreply-sender', at: AT } },
      /não recebe respostas/,
      'noreply-sender',
    ],
    [
      'refused for good by the provider',
      { outcome: 'ACCEPTED', reply: { status: 'failed', error: 'MessageRejected', at: AT, permanent: true } },
      /^não entregue .*recusou/,
    ],
    [
      'failed, to be retried',
      { outcome: 'ACCEPTED', reply: { status: 'failed', error: 'Throttling', at: AT } },
      /será tentada de novo/,
    ],
    ['quarantined mail', { outcome: 'QUARANTINED' }, /^nenhuma: mensagem em quarentena/],
    ['not sent yet', { outcome: 'ACCEPTED' }, /^ainda não enviada$/],
  ])('%s', (_what, record, text, reason) => {
    const line = replyOutcomePt(record, format);
    expect(line.text).toMatch(text);
    expect(line.reason).toBe(reason);
  });

  // A hard bounce after the acknowledgement went: "enviada" alone told the analyst she was answered.
  it.each<[string, Pick<CaseRecord, 'reply' | 'outcome'>]>([
    ['an acknowledgement', { outcome: 'ACCEPTED', reply: { status: 'sent', messageId: 'a@x', at: AT } }],
    ['guidance', { outcome: 'NO_PRIOR_TICKET', reply: { status: 'sent', messageId: 'a@x', at: AT } }],
  ])('%s sent to an address that bounced since says she may not have it', (_, record) => {
    const line = replyOutcomePt(record, format, true);
    expect(line.text).toMatch(
      /^enviada em \[2026-12-01T13:27:00\.000Z\] \(.+\), mas depois um e-mail nosso para este endereço voltou: ela pode não tê-la recebido$/,
    );
    expect(replyOutcomePt(record, format, false).text).not.toContain('voltou');
  });

  it.each<[string, Pick<CaseRecord, 'reply' | 'outcome'>]>([
    [
      'suppressed by the memory',
      { outcome: 'ACCEPTED', reply: { status: 'suppressed', reason: 'bounce-memory', at: AT } },
    ],
    [
      'refused by the provider',
      { outcome: 'ACCEPTED', reply: { status: 'failed', error: 'MessageRejected', at: AT, permanent: true } },
    ],
    ['not sent yet', { outcome: 'ACCEPTED' }],
  ])('%s: the bounce adds nothing (the line already says it did not go)', (_, record) => {
    expect(replyOutcomePt(record, format, true)).toEqual(replyOutcomePt(record, format));
  });
});
