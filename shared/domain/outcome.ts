/** Every decision the office can take on a submission (SPEC.md, "Eligibility"). */
export const OUTCOMES = [
  'ACCEPTED',
  'NO_PRIOR_TICKET',
  'TICKET_INVALID',
  'ACCESS_ISSUE',
  'BILLING_QUESTION',
  'NOT_A_CLIENT',
  'OUT_OF_SCOPE_FEATURE',
  'OUT_OF_SCOPE_COMMERCIAL',
  'QUARANTINED',
] as const;

export type Outcome = (typeof OUTCOMES)[number];

/** The infected-file notice's kind in an inbox's daily limit of automatic mail, beside the outcomes' replies. */
export const INFECTED_NOTICE_KIND = 'INFECTED_FILE';

/** Every kind of automatic mail an inbox's daily limit counts (ReplyThrottle; titular reads them all). */
export const THROTTLED_MAIL_KINDS = [...OUTCOMES, INFECTED_NOTICE_KIND] as const;
export type ThrottledMailKind = (typeof THROTTLED_MAIL_KINDS)[number];

export function isOutcome(value: unknown): value is Outcome {
  return typeof value === 'string' && (OUTCOMES as readonly string[]).includes(value);
}

/** The outcomes as staff read them (notices, console, monthly report): one set of words everywhere. */
export const OUTCOME_LABELS_PT: Record<Outcome, string> = {
  ACCEPTED: 'Aceito (caso aberto)',
  NO_PRIOR_TICKET: 'Sem chamado anterior',
  TICKET_INVALID: 'Chamado anterior inválido',
  ACCESS_ISSUE: 'Falta de acesso ao painel',
  BILLING_QUESTION: 'Dúvida sobre planos e faturas',
  NOT_A_CLIENT: 'Não é cliente',
  OUT_OF_SCOPE_FEATURE: 'Fora do escopo: funcionalidade',
  OUT_OF_SCOPE_COMMERCIAL: 'Fora do escopo: negociação comercial',
  QUARANTINED: 'Em quarentena',
};
