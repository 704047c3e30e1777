import type { Decision } from './decision';

/** Why mail to a per-case staff reply address did not act on the case (from the lifecycle service). */
const REASONS_PT: Record<string, string> = {
  'not-a-staff-address': 'o endereço de resposta não é de um caso',
  'ambiguous-address': 'a mensagem foi a endereços de resposta de mais de um caso',
  'automatic-message': 'é uma mensagem automática',
  virus: 'o antivírus do recebimento encontrou vírus na mensagem (nada foi repassado ao lojista)',
  'sender-authentication-failed': 'a autenticação do remetente falhou (DKIM, ou SPF e DMARC)',
  'unknown-sender': 'o remetente não é da equipe',
  'inactive-sender': 'o remetente não está ativo na equipe',
  'bad-token': 'o endereço de resposta não foi emitido para este remetente',
  'not-addressed-to-case':
    'o endereço de resposta do caso não está no Para nem no Cc da própria mensagem (uma mensagem reenviada a ele)',
  'unknown-case': 'o caso do endereço não existe',
  'unread-staff-mail':
    'a triagem falhou ao lê-la quando chegou e ela não agiu no caso; quem a escreveu deve enviá-la de novo',
};

/** Why a member's commands sent to the ombudsman address did nothing (not a case's reply address). */
const MISADDRESSED_PT =
  'Comandos da equipe enviados ao endereço da Ouvidoria, e não ao endereço de resposta do caso: nada foi feito, e a pessoa foi avisada.';

/**
 * The rule of staff-address mail set aside (an out-of-office answering a notice, a sender not on the
 * roster): staff traffic, not a merchant's manifestation — the monthly report counts it apart.
 */
export const STAFF_MAIL_SET_ASIDE = 'quarantine.staff-mail';

/**
 * Staff mail set aside that no one has to review: an automatic answer to a notice (an analyst's
 * out-of-office, of which the supervisors get one absence notice a day) and commands sent to the
 * office's address (their author was told). Kept for the record, already reviewed by the system:
 * the quarantine review lists what may still need a person.
 */
const SETTLED_WITHOUT_REVIEW: ReadonlySet<string> = new Set(['automatic-message', 'misaddressed-commands']);

/** Who reviewed what no person had to (`CaseRecord.reviewedBy`). */
export const SYSTEM_REVIEWER = 'sistema';

export function settledWithoutReview(reason: string): boolean {
  return SETTLED_WITHOUT_REVIEW.has(reason);
}

/** The decision stored for staff-address mail that changed nothing: kept for review, never answered. */
export function staffMailQuarantine(reason: string): Decision {
  return {
    outcome: 'QUARANTINED',
    ruleIds: [STAFF_MAIL_SET_ASIDE],
    reason:
      reason === 'misaddressed-commands'
        ? MISADDRESSED_PT
        : `Mensagem ao endereço de resposta de um caso não aceita: ${REASONS_PT[reason] ?? reason}.`,
    ticket: { status: 'none' },
  };
}
