/**
 * What became of a record's automatic reply, as the staff console says it (pt-BR): when a merchant
 * says she never heard from the office, the case page tells whether the acknowledgement or the
 * guidance went, and if not, why. Reasons are the ids the intake records: auto-reply-policy.ts's
 * rule ids and case.ts's REPLY_* constants; an id of no group below reads as automatic mail.
 */
import { type CaseRecord, REPLY_HELD_BY_BREAKER, REPLY_THROTTLED, REPLY_TO_BOUNCED } from './case';

const FROM_OURSELVES = new Set(['own-address', 'own-domain', 'own-message-id', 'x-loop-own']);
const NO_ONE_TO_ANSWER = new Set([
  'no-reply-address',
  'invalid-reply-address',
  'noreply-sender',
  'noreply-return-path',
  'null-return-path',
]);

const NOT_SENT_PT: Record<string, string> = {
  [REPLY_THROTTLED]: 'o remetente já recebeu hoje a mesma orientação (no máximo uma por dia e assunto)',
  [REPLY_TO_BOUNCED]: 'o endereço devolveu um e-mail nosso recentemente (memória de devoluções)',
  [REPLY_HELD_BY_BREAKER]:
    'orientação retida: muitos e-mails nossos voltaram na última hora (proteção da reputação de envio; o caso foi registrado normalmente)',
  quarantined: 'mensagem em quarentena nunca é respondida',
  'email-reaction': 'é uma reação com emoji a uma mensagem, sem texto a responder',
};

/** A guidance reply the bounce breaker held, sent by the held-reply sweep once it was clear. */
const sentLatePt = (heldAt: string) =>
  `, com atraso: retida em ${heldAt} porque muitos e-mails nossos voltavam (proteção da reputação de envio)`;

const SENT_THEN_BOUNCED_PT = ', mas depois um e-mail nosso para este endereço voltou: ela pode não tê-la recebido';

function whyNotSentPt(reason: string): string {
  const known = NOT_SENT_PT[reason];
  if (known) return known;
  if (FROM_OURSELVES.has(reason)) return 'a mensagem veio da própria Ouvidoria (proteção contra laço)';
  if (NO_ONE_TO_ANSWER.has(reason)) return 'o endereço do remetente não recebe respostas';
  return 'mensagem automática (resposta automática, lista, aviso de entrega ou similar)';
}

export interface ReplyOutcomeLine {
  /** The sentence, pt-BR. */
  text: string;
  /** The recorded reason id, when the reply was not sent (shown beside the sentence). */
  reason?: string;
}

/**
 * `bouncing`: her address is in the bounce memory now. A reply sent before that may never have
 * reached her (the bounce came after it: a reply sent while she was in the memory is recorded as
 * suppressed), so "sent" alone would tell the analyst she was answered.
 */
export function replyOutcomePt(
  record: Pick<CaseRecord, 'reply' | 'outcome'>,
  formatInstant: (iso: string) => string,
  bouncing = false,
): ReplyOutcomeLine {
  const { reply } = record;
  if (!reply) {
    return record.outcome === 'QUARANTINED'
      ? { text: `nenhuma: ${NOT_SENT_PT['quarantined']}` }
      : { text: 'ainda não enviada' };
  }
  const at = formatInstant(reply.at);
  switch (reply.status) {
    case 'sent':
      return {
        text: `enviada em ${at} (${record.outcome === 'ACCEPTED' ? 'confirmação com o protocolo e o prazo' : 'orientação ao remetente'})${reply.heldAt ? sentLatePt(formatInstant(reply.heldAt)) : ''}${bouncing ? SENT_THEN_BOUNCED_PT : ''}`,
      };
    case 'suppressed':
      return { text: `não enviada (${at}): ${whyNotSentPt(reply.reason)}`, reason: reply.reason };
    case 'failed':
      return {
        text: reply.permanent
          ? `não entregue (${at}): o provedor de e-mail recusou o envio`
          : `falhou (${at}); a entrega será tentada de novo`,
      };
  }
}
