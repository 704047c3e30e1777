/**
 * The rules on what merchants type into the webform (buildSubmission: the topic chosen, the
 * description, the ticket field), read as the form's post is. Rows found probing the form with
 * fresh descriptions; each class with guards that must not move.
 */
import { describe, expect, it } from 'vitest';
import { localConfig } from '../../../../shared/domain/config';
import { decide } from '../../../../shared/domain/eligibility/engine';
import type { Outcome } from '../../../../shared/domain/outcome';
import { verifyTicket } from '../../../../shared/domain/ticket-verification';
import { extractTicketCandidates } from '../../../../shared/domain/tickets';
import { buildSubmission } from '../../../../shared/webform/submit';
import { InMemoryTicketDirectory } from '../../../support/fakes';

const MERCHANT = 'lojista@modasbella.com.br';
const directory = new InMemoryTicketDirectory([{ id: '48213', requesterEmail: MERCHANT }]);

async function outcomeOf(assunto: string, descricao: string, chamado?: string): Promise<Outcome> {
  return (await decisionOf(assunto, descricao, chamado)).outcome;
}

async function decisionOf(assunto: string, descricao: string, chamado?: string) {
  const s = buildSubmission(
    {
      nome: 'Juliana Souza',
      email: MERCHANT,
      assunto,
      chamado,
      descricao,
      naoCliente: false,
      consentimento: true,
    } as never,
    'post-1',
    new Date('2026-11-25T13:00:00Z'),
  );
  const candidates = extractTicketCandidates({ subject: s.subject, text: s.text, formTicket: s.formTicket });
  const ticket = await verifyTicket(candidates, s.sender.address, directory);
  return decide(s, ticket, localConfig);
}

describe('webform — a suggestion headed as one is a feature request', () => {
  it.each([
    ['funcionalidade', 'Sugestão: permitir cupom por categoria de produto.'],
    ['funcionalidade', 'Ideia: deixar o cliente escolher a data de entrega no checkout.'],
    ['funcionalidade', 'Sugestão - relatório de abandono de carrinho por e-mail toda semana'],
    ['funcionalidade', 'Minha sugestão é ter um app para celular para gerenciar pedidos.'],
    ['outro', 'Uma ideia: avisar o lojista por WhatsApp quando entrar um pedido novo.'],
    ['funcionalidade', 'minha sugestao seria colocar filtro por cor na vitrine'],
    ['funcionalidade', 'Sugerencia: permitir pagos en cuotas sin interés.'],
    ['funcionalidade', 'Feature request: bulk edit of product prices.'],
  ])('%s — %s', async (assunto, descricao) => {
    expect(await outcomeOf(assunto, descricao)).toBe('OUT_OF_SCOPE_FEATURE');
  });

  it.each<[string, string, string | undefined, Outcome]>([
    // About the service, not the product.
    ['atendimento', 'Sugestão: contratem mais atendentes, o chat demora horas.', undefined, 'NO_PRIOR_TICKET'],
    // Something broken, or that used to work.
    [
      'funcionalidade',
      'Sugestão: consertem o filtro de tamanho, parou de funcionar depois da atualização.',
      undefined,
      'NO_PRIOR_TICKET',
    ],
    // Her ticket, with the idea beside it: the office's case.
    [
      'funcionalidade',
      'Ideia: o relatório de vendas exporta errado desde a atualização; no chamado disseram que é assim mesmo.',
      '48213',
      'ACCEPTED',
    ],
    // The word without its heading.
    [
      'atendimento',
      'Segui a sugestão do suporte e reinstalei o tema, o checkout continua quebrado.',
      undefined,
      'NO_PRIOR_TICKET',
    ],
  ])('guard — %s: %s → %s', async (assunto, descricao, chamado, outcome) => {
    expect(await outcomeOf(assunto, descricao, chamado)).toBe(outcome);
  });
});

// Journeys 62: the ticket field left empty, "já abri 3 chamados" in the description: the form's answer asks for it.
describe('webform — she says she already opened a ticket and the ticket field is empty', () => {
  it.each<[string, string, string | undefined, Outcome, string | undefined]>([
    [
      'outro',
      'ja abri 3 chamados sobre o frete que some do checkout e ngm resolve nada',
      undefined,
      'NO_PRIOR_TICKET',
      'already-opened',
    ],
    [
      'atendimento',
      'Já falei com o suporte várias vezes e o pedido continua travado.',
      undefined,
      'NO_PRIOR_TICKET',
      'already-opened',
    ],
    ['outro', 'vou abrir um chamado, o frete some do checkout', undefined, 'NO_PRIOR_TICKET', undefined],
    // The ticket in its field: a case, whatever the description says.
    ['outro', 'ja abri 3 chamados sobre o frete que some do checkout', '48213', 'ACCEPTED', undefined],
  ])('%s — %s (chamado %s) → %s %s', async (assunto, descricao, chamado, outcome, variant) => {
    const decision = await decisionOf(assunto, descricao, chamado);
    expect(decision.outcome).toBe(outcome);
    expect(decision.replyVariant).toBe(variant);
  });
});

// Journeys 62: access and billing sent from the form with the ticket field empty and "já abri" in the description.
describe('webform — access and billing: she says she already opened a ticket and the ticket field is empty', () => {
  it.each<[string, string, string | undefined, Outcome, string | undefined]>([
    [
      'acesso',
      'já abri 3 chamados e continuo sem acesso ao painel da loja',
      undefined,
      'ACCESS_ISSUE',
      'already-opened',
    ],
    [
      'cobranca',
      'já falei com o suporte e a mensalidade continua vindo cobrada em dobro',
      undefined,
      'BILLING_QUESTION',
      'already-opened',
    ],
    ['acesso', 'continuo sem acesso ao painel da loja desde ontem', undefined, 'ACCESS_ISSUE', undefined],
    ['cobranca', 'a mensalidade continua vindo cobrada em dobro', undefined, 'BILLING_QUESTION', undefined],
    ['acesso', 'já abri 3 chamados e continuo sem acesso ao painel da loja', '48213', 'ACCEPTED', undefined],
  ])('%s — %s (chamado %s) → %s %s', async (assunto, descricao, chamado, outcome, variant) => {
    const decision = await decisionOf(assunto, descricao, chamado);
    expect(decision.outcome).toBe(outcome);
    expect(decision.replyVariant).toBe(variant);
  });
});
