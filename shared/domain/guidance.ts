/**
 * Guidance per outcome: the facts (title, reasons, where to go) that the webform page and the
 * pt-BR auto-replies both render. One place per fact: change a title or a link here and the page,
 * the JSON answer and the email subject change together.
 */
import type { OuvidoriaConfig } from './config';
import type { ReplyVariant, TicketCheck } from './decision';
import { describeHours } from './hours';
import type { Outcome } from './outcome';

/** Outcomes answered with guidance instead of a case (QUARANTINED is never answered). */
export type GuidanceOutcome = Exclude<Outcome, 'ACCEPTED' | 'QUARANTINED'>;

export interface GuidanceLink {
  label: string;
  href: string;
}

export interface Guidance {
  title: string;
  paragraphs: string[];
  /** Bullet points shown after the paragraphs (e.g. the causes of a lost panel access). */
  items: string[];
  links: GuidanceLink[];
}

/** Title of each outcome's guidance; the pt-BR reply's subject is "Ouvidoria: <title>". */
export const GUIDANCE_TITLES: Record<GuidanceOutcome, string> = {
  NO_PRIOR_TICKET: 'Fale primeiro com a Central de Atendimento',
  TICKET_INVALID: 'Confira o número do seu chamado',
  ACCESS_ISSUE: 'Sem acesso ao painel administrativo',
  BILLING_QUESTION: 'Planos, faturas e cobrança',
  NOT_A_CLIENT: 'Fale com o nosso time Comercial',
  OUT_OF_SCOPE_FEATURE: 'Funcionalidades e integrações',
  OUT_OF_SCOPE_COMMERCIAL: 'Negociações comerciais',
};

/** NOT_A_CLIENT for a store's own customer (`shopper`): the store handles its orders, not Sales. */
export const SHOPPER_TITLE = 'Fale diretamente com a loja onde você comprou';

/**
 * The reply variants whose guidance is their own on the page and in the pt-BR reply: a store's customer (`shopper`),
 * and a merchant who says she already opened a ticket and gave no number (`already-opened`: NO_PRIOR_TICKET's,
 * ACCESS_ISSUE's and BILLING_QUESTION's guidance open by asking for its number).
 */
export type GuidanceVariant = Extract<ReplyVariant, 'shopper' | 'already-opened'>;

/** A decision's reply variant as the guidance reads it (the others change a sentence of the mail only). */
export function guidanceVariantOf(variant: ReplyVariant | undefined): GuidanceVariant | undefined {
  return variant === 'shopper' || variant === 'already-opened' ? variant : undefined;
}

/** NO_PRIOR_TICKET to a merchant who says she already opened a ticket (`already-opened`): ask for its number. */
export const ALREADY_OPENED_TITLE = 'Informe o número do seu chamado';

/**
 * What the page and the pt-BR reply tell her (`already-opened`), around the channel's own words: she went to
 * support already, which is when the office steps in; what it lacks is the ticket's number, and where she finds it.
 */
export const ALREADY_OPENED_PT = {
  read: 'Pelo que nos conta, você já procurou a nossa Central de Atendimento e a solicitação não foi resolvida: é nesse ponto que a Ouvidoria entra. Para abrir um caso, precisamos do ',
  number: 'número do chamado',
  notFound: (where: string) => ` que você abriu, e não o encontramos ${where}.`,
  where:
    'O número está no e-mail de confirmação que a Central de Atendimento enviou quando você abriu o chamado (ou na página do chamado). Com ele em mãos, ',
  notYet: 'Ainda não abriu um chamado?',
} as const;

/** What the page and the pt-BR reply tell a store's customer (the reply opens with "Recebemos sua mensagem."). */
export const SHOPPER_PARAGRAPHS: readonly string[] = [
  'Pelo que você nos contou, sua compra foi feita em uma loja virtual construída na nossa plataforma. Cada loja é independente e é ela mesma quem cuida dos seus pedidos, pagamentos, entregas, trocas e do cadastro dos clientes dela.',
  'Por isso, o melhor caminho é falar diretamente com a loja, pelos canais de contato informados no site dela (ou no e-mail de confirmação do pedido). A Ouvidoria atende os lojistas clientes da plataforma e não tem acesso aos pedidos das lojas.',
  'Se a loja não responder, você pode recorrer aos órgãos de defesa do consumidor, como o Procon ou o consumidor.gov.br.',
];

/** Why a merchant may have lost access to the admin panel (the article's list). */
export const ACCESS_REASONS: readonly string[] = [
  'Usuário bloqueado devido a um longo período de inatividade;',
  'Domínio da loja congelado no registro.br;',
  'Alteração incorreta do domínio da loja;',
  'Outros tipos de bloqueio.',
];

/** The support centre's record ("resolve …" on the page, "Resolvemos …" in mail), as the article states it. */
export const SUPPORT_RESOLVES = 'mais de 99% das solicitações que recebemos diariamente';

/** "Ouvidoria: fale primeiro com a Central de Atendimento" (a store's customer: their own title). */
export function guidanceSubject(outcome: GuidanceOutcome, variant?: GuidanceVariant): string {
  const title = guidanceTitle(outcome, variant);
  return `Ouvidoria: ${title.charAt(0).toLowerCase()}${title.slice(1)}`;
}

function guidanceTitle(outcome: GuidanceOutcome, variant: GuidanceVariant | undefined): string {
  if (outcome === 'NOT_A_CLIENT' && variant === 'shopper') return SHOPPER_TITLE;
  if (outcome === 'NO_PRIOR_TICKET' && variant === 'already-opened') return ALREADY_OPENED_TITLE;
  return GUIDANCE_TITLES[outcome];
}

function supportCentreSentence(config: OuvidoriaConfig): string {
  return `A Central de Atendimento funciona de ${describeHours(config.supportHours)} e resolve ${SUPPORT_RESOLVES}.`;
}

function ticketProblem(ticket: TicketCheck | undefined): string {
  if (ticket?.status === 'invalid' && ticket.why === 'bad_format') {
    return `O número de chamado informado (${ticket.number}) não está no formato dos números de chamado da nossa Central de Atendimento.`;
  }
  if (ticket && ticket.status !== 'none') {
    // One message for "not found" and "not yours": we never confirm that someone else's ticket exists.
    return `Não localizamos o chamado nº ${ticket.number} vinculado ao e-mail informado.`;
  }
  return 'Não localizamos o chamado anterior informado.';
}

/** A webform sender whose ticket was opened with another address: the page and the reply say it alike. */
export const FORM_OTHER_ADDRESS =
  'Se o chamado foi aberto com outro endereço de e-mail, informe esse mesmo e-mail no formulário.';

const COME_BACK =
  'Se você já passou pelos canais de atendimento e a solicitação não foi resolvida de forma satisfatória, envie o formulário novamente informando o número do chamado anterior e uma descrição detalhada.';

/**
 * What to tell the person, for every outcome that is not a case. Links come from the config.
 * `variant` is the decision's reply variant: a store's customer (`shopper`) is sent to the store; a merchant who
 * says she already opened a ticket (`already-opened`) is asked for its number.
 */
export function guidanceFor(
  outcome: GuidanceOutcome,
  config: OuvidoriaConfig,
  ticket?: TicketCheck,
  variant?: GuidanceVariant,
): Guidance {
  const { links } = config;
  if (outcome === 'NOT_A_CLIENT' && variant === 'shopper')
    return { title: SHOPPER_TITLE, paragraphs: [...SHOPPER_PARAGRAPHS], items: [], links: [] };
  const title = GUIDANCE_TITLES[outcome];
  const supportCentre = { label: 'Central de Atendimento', href: links.supportCentre };
  const openTicket = { label: 'Abrir um chamado', href: links.openTicket };
  const knowledgeBase = { label: 'Base de Conhecimento', href: links.knowledgeBase };
  const statusPage = { label: 'Status da plataforma', href: links.statusPage };
  const sales = { label: 'Falar com o Comercial', href: links.sales };
  // She says she already opened a ticket and gave no number: the page opens by asking for it.
  const opened = variant === 'already-opened';
  const openedLead = opened
    ? [
        `${ALREADY_OPENED_PT.read}${ALREADY_OPENED_PT.number}${ALREADY_OPENED_PT.notFound('no formulário')}`,
        `${ALREADY_OPENED_PT.where}envie o formulário novamente informando o número no campo do chamado. ${FORM_OTHER_ADDRESS}`,
      ]
    : [];
  switch (outcome) {
    case 'NO_PRIOR_TICKET':
      if (opened)
        return {
          title: ALREADY_OPENED_TITLE,
          paragraphs: [...openedLead, `${ALREADY_OPENED_PT.notYet} ${supportCentreSentence(config)}`],
          items: [],
          links: [supportCentre, openTicket],
        };
      return {
        title,
        paragraphs: [
          'A Ouvidoria é acionada depois que a solicitação já passou pelos canais de atendimento (chat, e-mail, telefone ou WhatsApp, conforme o plano contratado) e não foi resolvida de forma satisfatória.',
          'Como não encontramos o número de um chamado anterior, ainda não podemos abrir um caso na Ouvidoria.',
          supportCentreSentence(config),
          COME_BACK,
        ],
        items: [],
        links: [supportCentre, openTicket, knowledgeBase, statusPage],
      };
    case 'TICKET_INVALID':
      return {
        title,
        paragraphs: [
          ticketProblem(ticket),
          `Confira o número na confirmação que você recebeu ao abrir o chamado e envie o formulário novamente. ${FORM_OTHER_ADDRESS}`,
          supportCentreSentence(config),
        ],
        items: [],
        links: [supportCentre, openTicket],
      };
    case 'ACCESS_ISSUE':
      return {
        title,
        paragraphs: [
          ...openedLead,
          'Entendemos que você está sem acesso ao painel administrativo da sua loja. Isso pode ocorrer pelos seguintes motivos:',
        ],
        items: [...ACCESS_REASONS],
        // She already opened one: not sent to open another.
        links: opened
          ? [statusPage]
          : [{ label: 'Abrir um chamado com o suporte técnico', href: links.openTicket }, statusPage],
      };
    case 'BILLING_QUESTION':
      return {
        title,
        paragraphs: [
          ...openedLead,
          `${opened ? 'Enquanto isso, para' : 'Para'} dúvidas sobre planos, faturas, cobrança e migração de plano, a nossa Base de Conhecimento tem o direcionamento para a sua necessidade.`,
          supportCentreSentence(config),
          ...(opened ? [] : [COME_BACK]),
        ],
        items: [],
        links: [{ label: 'Base de Conhecimento: planos e faturas', href: links.billingKnowledgeBase }, supportCentre],
      };
    case 'NOT_A_CLIENT':
      return {
        title,
        paragraphs: [
          'Se você ainda não é cliente ou não tem mais acesso à central do cliente, o time mais indicado para ajudar é o Comercial: preencha o formulário ou inicie um chat.',
          'A Ouvidoria atua nas solicitações de clientes que já passaram pelos canais de atendimento e não tiveram a solicitação resolvida.',
        ],
        items: [],
        links: [sales],
      };
    case 'OUT_OF_SCOPE_FEATURE':
      return {
        title,
        paragraphs: [
          'A Ouvidoria não pode atuar em solicitações que envolvam funcionalidades e/ou integrações que não existem na plataforma.',
          'Para conhecer os recursos e as integrações disponíveis e como usá-los, consulte a nossa Base de Conhecimento.',
          COME_BACK,
        ],
        items: [],
        links: [knowledgeBase],
      };
    case 'OUT_OF_SCOPE_COMMERCIAL':
      return {
        title,
        paragraphs: [
          'A Ouvidoria não pode atuar em negociações comerciais ou pedidos de condições especiais que não estejam conforme o que já foi anunciado.',
          'Para tratar de planos, propostas e condições comerciais, fale com o nosso time Comercial: preencha o formulário ou inicie um chat.',
          COME_BACK,
        ],
        items: [],
        links: [sales],
      };
  }
}
