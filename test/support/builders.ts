/**
 * Test data builders: one realistic default per shape, overridden field by field.
 *
 *   aCase()                              an accepted, QUEUED email case from Maria (ticket #48213)
 *   aCase({ status: 'ASSIGNED', ... })   any field overridden
 *   aCase({ outcome: 'NOT_A_CLIENT' })   the decision follows the outcome (real rule ids)
 *   aDecision('TICKET_INVALID')          the decision the engine takes for such a message
 *   aMessage(), aSubmission(), anAnalyst()
 *
 * Rule ids are the engine's own (shared/domain/eligibility/rules.ts); the builders' test checks
 * every one of them exists, so a renamed rule fails there rather than in a test that happens to
 * read the id.
 */
import type { CaseMessage, CaseRecord, CaseStatus } from '../../shared/domain/case';
import type { Decision } from '../../shared/domain/decision';
import type { Outcome } from '../../shared/domain/outcome';
import type { Analyst } from '../../shared/domain/staff';
import {
  type Submission,
  type SubmissionInput,
  SubmissionSchema,
  type Verdict,
  type Verdicts,
} from '../../shared/domain/submission';

export const MERCHANT = { name: 'Maria Aparecida', address: 'maria@lojadamaria.com.br' } as const;
export const OMBUDSMAN_ADDRESS = 'ouvidoria@ouvidoria.example.com.br';
const RECEIVED_AT = '2026-03-10T13:00:00.000Z';
const SUBJECT = 'Cobrança em duplicidade — chamado 48213';
const TEXT = 'Fui cobrada duas vezes na fatura de fevereiro. Abri o chamado 48213 e ninguém resolveu.';

/**
 * A decision per outcome. Rule ids are real and in the engine's order; the ACCEPTED one is exactly what
 * the engine decides for aSubmission() (checked by the builders' test); other reasons are illustrative.
 */
export const DECISIONS: Record<Outcome, Decision> = {
  ACCEPTED: {
    outcome: 'ACCEPTED',
    ruleIds: ['topic.billing.complaint', 'topic.billing.invoice', 'topic.billing.charge', 'ticket.valid'],
    reason:
      'Chamado anterior nº 48213 verificado (aberto pelo remetente); caso aceito (assunto: planos, faturas ou cobrança).',
    ticket: { status: 'valid', number: '48213' },
    language: 'pt-BR',
  },
  NO_PRIOR_TICKET: {
    outcome: 'NO_PRIOR_TICKET',
    ruleIds: ['topic.billing.complaint', 'ticket.none'],
    reason: 'Nenhum número de chamado anterior informado: orientar a abrir um chamado no suporte primeiro.',
    ticket: { status: 'none' },
    language: 'pt-BR',
  },
  TICKET_INVALID: {
    outcome: 'TICKET_INVALID',
    ruleIds: ['topic.billing.complaint', 'ticket.invalid'],
    reason: 'O chamado nº 99999 não foi encontrado no suporte.',
    ticket: { status: 'invalid', number: '99999', why: 'not_found' },
    language: 'pt-BR',
  },
  ACCESS_ISSUE: {
    outcome: 'ACCESS_ISSUE',
    ruleIds: ['ticket.none', 'topic.access.blocked-user'],
    reason: 'Problema de acesso (usuário bloqueado): orientar pelos canais de acesso.',
    ticket: { status: 'none' },
    language: 'pt-BR',
  },
  BILLING_QUESTION: {
    outcome: 'BILLING_QUESTION',
    ruleIds: ['ticket.none', 'topic.billing.invoice'],
    reason: 'Dúvida sobre fatura sem chamado anterior: orientar ao financeiro.',
    ticket: { status: 'none' },
    language: 'pt-BR',
  },
  NOT_A_CLIENT: {
    outcome: 'NOT_A_CLIENT',
    ruleIds: ['ticket.none', 'client.not-a-client.text'],
    reason: 'O remetente diz não ser cliente: encaminhar ao Comercial.',
    ticket: { status: 'none' },
    language: 'pt-BR',
  },
  OUT_OF_SCOPE_FEATURE: {
    outcome: 'OUT_OF_SCOPE_FEATURE',
    ruleIds: ['ticket.none', 'scope.feature.request'],
    reason: 'Pedido de funcionalidade: a Ouvidoria não atua; encaminhar às sugestões.',
    ticket: { status: 'none' },
    language: 'pt-BR',
  },
  OUT_OF_SCOPE_COMMERCIAL: {
    outcome: 'OUT_OF_SCOPE_COMMERCIAL',
    ruleIds: ['ticket.none', 'topic.billing.plan', 'scope.commercial.discount'],
    reason: 'Negociação comercial ou condição especial (“desconto”): a Ouvidoria não atua; encaminhar ao Comercial.',
    ticket: { status: 'none' },
    language: 'pt-BR',
  },
  QUARANTINED: {
    outcome: 'QUARANTINED',
    ruleIds: ['quarantine.spam'],
    reason: 'Mensagem marcada como spam pelo provedor: guardada para revisão, sem resposta.',
    ticket: { status: 'none' },
    language: 'pt-BR',
  },
};

/** The decision for an outcome, fields overridden. */
export function aDecision(outcome: Outcome = 'ACCEPTED', overrides: Partial<Decision> = {}): Decision {
  const base = DECISIONS[outcome];
  return { ...base, ruleIds: [...base.ruleIds], ...overrides };
}

/** Every rule id the builders use (checked against the rule table by test/support/builders.test.ts). */
export const BUILDER_RULE_IDS: readonly string[] = [...new Set(Object.values(DECISIONS).flatMap((d) => d.ruleIds))];

/** Where a case of each outcome rests after intake. */
function statusFor(outcome: Outcome): CaseStatus {
  if (outcome === 'ACCEPTED') return 'QUEUED';
  return outcome === 'QUARANTINED' ? 'QUARANTINED' : 'REDIRECTED';
}

/** One message of a case's history: by default the merchant's first email. */
export function aMessage(overrides: Partial<CaseMessage> = {}): CaseMessage {
  return {
    sourceId: '0100019abcdef-lojadamaria',
    channel: 'email',
    receivedAt: RECEIVED_AT,
    subject: SUBJECT,
    text: TEXT,
    attachments: [],
    messageId: 'CAF=merchant-1@mail.gmail.com',
    from: { ...MERCHANT },
    ...overrides,
  };
}

/**
 * A stored case. The default is an accepted, QUEUED email case; `outcome` alone picks the matching
 * decision and status (both still overridable). The first message follows `channel`, `sourceId`,
 * `subject` and `createdAt` unless `messages` is given.
 */
export function aCase(overrides: Partial<CaseRecord> = {}): CaseRecord {
  const outcome = overrides.outcome ?? 'ACCEPTED';
  const channel = overrides.channel ?? 'email';
  const sourceId = overrides.sourceId ?? '0100019abcdef-lojadamaria';
  const subject = overrides.subject ?? SUBJECT;
  const createdAt = overrides.createdAt ?? RECEIVED_AT;
  const decision = aDecision(outcome);
  const first = aMessage({
    sourceId,
    channel,
    subject,
    receivedAt: createdAt,
    ...(channel === 'webform' ? { messageId: undefined } : {}),
  });
  if (first.messageId === undefined) delete first.messageId;
  return {
    caseId: `${channel}:${sourceId}`,
    ...(outcome === 'ACCEPTED' ? { protocol: 'OUV-2026-000042' } : {}),
    channel,
    sourceId,
    status: statusFor(outcome),
    outcome,
    decision,
    ticketCandidates:
      decision.ticket.status === 'none'
        ? []
        : [
            {
              number: decision.ticket.number,
              source: 'subject',
              score: 100,
              evidence: `chamado ${decision.ticket.number}`,
            },
          ],
    senderName: MERCHANT.name,
    senderEmail: MERCHANT.address,
    storeName: 'Loja da Maria',
    subject,
    verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
    createdAt,
    updatedAt: createdAt,
    messages: [first],
    messageIds: first.messageId ? [first.messageId] : [],
    ...overrides,
  };
}

/** A channel-neutral submission (parsed by the real schema): by default Maria's email. */
export function aSubmission(overrides: Partial<SubmissionInput> = {}): Submission {
  return SubmissionSchema.parse({
    channel: 'email',
    sourceId: '0100019abcdef-lojadamaria',
    receivedAt: RECEIVED_AT,
    sender: { ...MERCHANT },
    returnPath: MERCHANT.address,
    recipients: [OMBUDSMAN_ADDRESS],
    subject: SUBJECT,
    text: TEXT,
    messageId: 'CAF=merchant-1@mail.gmail.com',
    verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
    ...overrides,
  });
}

/** A staff member: active, no open case, never assigned. */
export function anAnalyst(overrides: Partial<Analyst> = {}): Analyst {
  const id = overrides.id ?? 'ana';
  const name = id === 'ana' ? 'Ana Souza' : id.charAt(0).toUpperCase() + id.slice(1);
  return { id, name, email: `${id}@ouvidoria.example.com.br`, active: true, openCases: 0, ...overrides };
}

/** SES verdicts with spam and virus passing, and the three sender checks as given. */
export function senderVerdicts(spf: Verdict, dkim: Verdict, dmarc: Verdict): Verdicts {
  return { spam: 'PASS', virus: 'PASS', spf, dkim, dmarc };
}
