/**
 * Triage, round 2 (issue 18): messages written the way merchants — and people who are not
 * merchants — really write. One table per class of miss; every row is a whole raw email (plain,
 * HTML-only, forwarded or quoted) parsed by parseEmail, so the path is the production one.
 */
import { describe, expect, it } from 'vitest';
import { isMachineGenerated } from '../../../../shared/domain/auto-reply-policy';
import { localConfig } from '../../../../shared/domain/config';
import type { ReplyVariant } from '../../../../shared/domain/decision';
import { decide } from '../../../../shared/domain/eligibility/engine';
import type { Outcome } from '../../../../shared/domain/outcome';
import { renderReply } from '../../../../shared/domain/replies';
import type { Submission } from '../../../../shared/domain/submission';
import type { MessageLanguage } from '../../../../shared/domain/text';
import { verifyTicket } from '../../../../shared/domain/ticket-verification';
import { extractTicketCandidates } from '../../../../shared/domain/tickets';
import { parseEmail } from '../../../../shared/mail/parse-email';
import { InMemoryTicketDirectory } from '../../../support/fakes';

/** Tickets of the fake directory and who opened them. */
const TICKETS: Record<string, string> = {
  '48213': 'lojista@modasbella.com.br',
  '48214': 'financeiro@casadosaromas.com.br',
  '48215': 'contato@eletroponto.com.br',
  '51000': 'ana@papelariaestrela.com.br',
  '52310': 'carla@docesdacarla.com.br',
  '52311': 'joao@lojadojoao.com.br',
};

interface Row {
  name: string;
  from: string;
  subject: string;
  /** text/plain body, or… */
  text?: string;
  /** …an HTML-only body. */
  html?: string;
  /** Extra header lines, e.g. "Auto-Submitted: auto-generated". */
  headers?: string[];
  outcome: Outcome;
  /** A rule id that must be in Decision.ruleIds (the decisive one when `decisive`). */
  rule?: string;
  /** Rule ids that must not fire. */
  notRules?: string[];
  /** The ticket number the check must settle on. */
  ticket?: string;
  /** Numbers that must never be ticket candidates. */
  notTickets?: string[];
  language?: MessageLanguage;
  variant?: ReplyVariant;
}

function rawMail(row: Row): Buffer {
  const isHtml = row.html !== undefined;
  const lines = [
    `From: ${row.from}`,
    'To: ouvidoria@ouvidoria.example.com.br',
    `Subject: =?UTF-8?B?${Buffer.from(row.subject).toString('base64')}?=`,
    'Date: Wed, 25 Nov 2026 10:00:00 -0300',
    `Message-ID: <${Buffer.from(row.name).toString('hex').slice(0, 40)}@mail.example.net>`,
    ...(row.headers ?? []),
    'MIME-Version: 1.0',
    `Content-Type: text/${isHtml ? 'html' : 'plain'}; charset=utf-8`,
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(isHtml ? (row.html as string) : (row.text ?? ''))
      .toString('base64')
      .replace(/.{76}/g, '$&\r\n'),
  ];
  return Buffer.from(lines.join('\r\n'));
}

async function triage(row: Row) {
  const s: Submission = await parseEmail(
    rawMail(row),
    {
      sourceId: 'round2',
      receivedAt: '2026-11-25T13:00:00.000Z',
      verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
    },
    { maxRawMailBytes: 10 * 1024 * 1024 },
  );
  const candidates = extractTicketCandidates({ subject: s.subject, text: s.text });
  const directory = new InMemoryTicketDirectory(
    Object.entries(TICKETS).map(([id, requesterEmail]) => ({ id, requesterEmail })),
  );
  const ticket = await verifyTicket(candidates, s.sender.address, directory);
  return { s, candidates, decision: decide(s, ticket, localConfig) };
}

async function check(row: Row) {
  const { s, candidates, decision } = await triage(row);
  const trail = `${decision.outcome} ${decision.ruleIds.join(',')} — ${decision.reason}`;
  expect(decision.outcome, trail).toBe(row.outcome);
  if (row.rule) expect(decision.ruleIds, trail).toContain(row.rule);
  for (const id of row.notRules ?? []) expect(decision.ruleIds, trail).not.toContain(id);
  if (row.ticket) expect(decision.ticket, trail).toMatchObject({ number: row.ticket });
  for (const n of row.notTickets ?? []) expect(candidates.map((c) => c.number)).not.toContain(n);
  if (row.language) expect(decision.language, trail).toBe(row.language);
  if (row.variant) expect(decision.replyVariant, trail).toBe(row.variant);
  else expect(decision.replyVariant, trail).toBeUndefined();
  // The decisive rule is recorded last; the reason is one pt-BR line.
  if (row.rule?.startsWith('client.') || row.rule?.startsWith('auto.')) {
    expect(decision.ruleIds.at(-1), trail).toBe(row.rule);
  }
  // An automatic mail decides NO_PRIOR_TICKET too, but gets no reply: a row that does not name an
  // automatic rule expects a person's mail, answered.
  if (!row.rule?.startsWith('auto.')) expect(decision.ruleIds.at(-1), trail).not.toMatch(/^auto\./);
  expect(decision.reason).not.toMatch(/\n/);
  return { s, decision };
}

/**
 * A message about a store (subject "loja") from `from`: a buyer gets the shopper's guidance (the store
 * is whom to ask), by the shopper rule.
 */
async function checkFromStore(from: string, text: string, outcome: string) {
  const buyer = outcome === 'NOT_A_CLIENT';
  await check({
    name: text,
    from,
    subject: 'loja',
    text,
    outcome: outcome as Outcome,
    ...(buyer ? { variant: 'shopper', rule: 'client.shopper.text' } : {}),
  });
}

// ─────────────── 1. People who are not clients ───────────────
const NOT_CLIENTS: Row[] = [
  {
    name: 'shopper: order never arrived, the store does not answer',
    from: 'Marcia Lopes <marcia.lopes72@gmail.com>',
    subject: 'pedido não chegou',
    text: `Boa noite. Comprei um tênis na loja Passo Certo, que usa a plataforma de vocês, há 20 dias e até hoje não chegou.
A loja não responde o WhatsApp nem o e-mail. O que eu faço?

Márcia`,
    outcome: 'NOT_A_CLIENT',
    rule: 'client.shopper.text',
    variant: 'shopper',
  },
  {
    name: 'shopper: cannot log in to their account at the store',
    from: 'pedro.h@hotmail.com',
    subject: 'Não consigo acessar minha conta',
    text: 'Oi, não consigo acessar minha conta no site da Bella Moda, onde fiz minhas compras. A senha não funciona e o e-mail de recuperação não chega. Quero ver o status do pedido.',
    outcome: 'NOT_A_CLIENT',
    rule: 'client.shopper.text',
    variant: 'shopper',
  },
  {
    name: 'shopper, HTML-only: paid the boleto, order still pending',
    from: 'Joana <joana.ferraz@yahoo.com.br>',
    subject: 'Pagamento não reconhecido',
    html: `<html><body><p>Boa tarde,</p><p>fiz um pedido no site <b>Doce Encanto</b> e paguei o boleto no mesmo dia,
mas o pedido continua como <i>aguardando pagamento</i>.</p><p>Podem verificar com a loja?</p><p>Joana</p></body></html>`,
    outcome: 'NOT_A_CLIENT',
    rule: 'client.shopper.text',
    variant: 'shopper',
  },
  {
    name: 'shopper in Spanish',
    from: 'Lucía Gómez <lucia.gomez@gmail.com>',
    subject: 'Mi pedido no llegó',
    text: 'Hola, compré unas zapatillas en una tienda que usa su plataforma y nunca llegaron. La tienda no contesta mis mensajes. ¿Qué puedo hacer? Gracias.',
    outcome: 'NOT_A_CLIENT',
    rule: 'client.shopper.text',
    variant: 'shopper',
    language: 'es',
  },
  {
    name: 'shopper in English',
    from: 'Tom Becker <tbecker@outlook.com>',
    subject: 'Order never arrived',
    text: "Hi, I bought a jacket from an online store hosted on your platform and my order never arrived. The shop won't answer my emails. Can you help me get a refund?",
    outcome: 'NOT_A_CLIENT',
    rule: 'client.shopper.text',
    variant: 'shopper',
    language: 'en',
  },
  {
    name: 'shopper forwards the store order confirmation (order number is no ticket)',
    from: 'Rafaela <rafa.santos@uol.com.br>',
    subject: 'Fwd: Pedido #10234 confirmado',
    text: `Comprei e não recebi, olhem o e-mail da loja abaixo.

---------- Forwarded message ---------
De: Loja Sol <pedidos@lojasol.com.br>
Date: seg., 9 de nov. de 2026 às 14:02
Subject: Pedido #10234 confirmado
To: <rafa.santos@uol.com.br>

Olá Rafaela, seu pedido #10234 foi confirmado. Prazo de entrega: 7 dias úteis.`,
    outcome: 'NOT_A_CLIENT',
    rule: 'client.shopper.text',
    variant: 'shopper',
    notTickets: ['10234'],
  },
  {
    name: 'shopper says they are not a merchant but a consumer',
    from: 'claudia.r@terra.com.br',
    subject: 'reclamação',
    text: 'Não sou lojista, sou consumidora. A loja virtual Casa Linda vendeu um produto com defeito e não quer trocar.',
    outcome: 'NOT_A_CLIENT',
    rule: 'client.shopper.text',
    variant: 'shopper',
  },
  {
    name: 'plural: "ainda não somos clientes"',
    from: 'Agência Pixel <contato@agenciapixel.com.br>',
    subject: 'Dúvida sobre a ouvidoria',
    text: 'Olá! Nós ainda não somos clientes da plataforma e queremos entender como funciona o atendimento antes de migrar os nossos 3 e-commerces.',
    outcome: 'NOT_A_CLIENT',
    rule: 'client.not-a-client.text',
  },
  {
    name: 'plural former clients',
    from: 'financeiro@lojasaurora.com.br',
    subject: 'contato',
    text: 'Não somos mais clientes de vocês desde março, mas gostaríamos de recuperar o histórico de vendas da loja antiga.',
    outcome: 'NOT_A_CLIENT',
    rule: 'client.former-client.text',
  },
  {
    name: 'the article’s example: no longer has access to the client area → Sales',
    from: 'Sérgio <sergio.mattos@gmail.com>',
    subject: 'Sem acesso',
    text: 'Cancelei a loja ano passado e não tenho mais acesso à central do cliente. Preciso falar com alguém sobre a reativação.',
    outcome: 'NOT_A_CLIENT',
    rule: 'client.no-client-area.text',
  },
  {
    name: 'feminine, inflected: "não sou cliente de vocês ainda"',
    from: 'Bia <bia.artesanato@gmail.com>',
    subject: 'ouvidoria?',
    text: 'oi!! eu nao sou clienta de vcs ainda, queria saber se a ouvidoria atende quem ta pensando em abrir loja',
    outcome: 'NOT_A_CLIENT',
    rule: 'client.not-a-client.text',
  },
  {
    name: 'Spanish plural: "todavía no somos clientes"',
    from: 'ventas@mueblesdelsur.com.ar',
    subject: 'Consulta',
    text: 'Buenas tardes, todavía no somos clientes y queremos saber los precios de los planes para nuestra tienda.',
    outcome: 'NOT_A_CLIENT',
    language: 'es',
  },
  {
    name: 'merchant whose customers cannot log in is a client (with ticket)',
    from: 'lojista@modasbella.com.br',
    subject: 'Clientes sem acesso - chamado 48213',
    text: 'Meus clientes não conseguem acessar a conta deles na minha loja desde a atualização. Chamado 48213 sem solução.',
    outcome: 'ACCEPTED',
    notRules: ['client.shopper.text'],
    ticket: '48213',
  },
  {
    name: 'merchant asking about their buyers’ orders, no ticket, is no shopper',
    from: 'joao@lojadojoao.com.br',
    subject: 'pedidos travados',
    text: 'Os pedidos dos clientes da minha loja estão travados em "aguardando pagamento" mesmo com o pix pago.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['client.shopper.text'],
  },
];

// ─────────────── 2. Ticket numbers written carelessly ───────────────
const CARELESS_TICKETS: Row[] = [
  {
    name: 'letter dropped: "chamdo 48213"',
    from: 'lojista@modasbella.com.br',
    subject: 'estoque',
    text: 'o estoque não sincroniza, abri o chamdo 48213 semana passada e nada',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
  {
    name: 'letter doubled: "chammado nº 48214"',
    from: 'financeiro@casadosaromas.com.br',
    subject: 'Reclamação',
    text: 'Prezados, referente ao chammado nº 48214, continuo sem resposta sobre a cobrança.',
    outcome: 'ACCEPTED',
    ticket: '48214',
  },
  {
    name: 'letters swapped: "cahmado 48215"',
    from: 'contato@eletroponto.com.br',
    subject: 'frete',
    text: 'Bom dia. O frete continua zerado no checkout. Cahmado 48215.',
    outcome: 'ACCEPTED',
    ticket: '48215',
  },
  {
    name: 'subject "Protoclo 52310"',
    from: 'carla@docesdacarla.com.br',
    subject: 'Re: Protoclo 52310 sem resposta',
    text: 'Ninguém me respondeu até agora. Já faz 12 dias.',
    outcome: 'ACCEPTED',
    ticket: '52310',
  },
  {
    name: 'English swap: "tikcet 52311"',
    from: 'joao@lojadojoao.com.br',
    subject: 'ajuda',
    text: 'meu tikcet 52311 foi fechado sem solução, o painel continua lento',
    outcome: 'ACCEPTED',
    ticket: '52311',
  },
  {
    name: 'doubled letter in "solicitação": "soliicitação 51000"',
    from: 'ana@papelariaestrela.com.br',
    subject: 'Ouvidoria',
    text: 'Abri a soliicitação 51000 e o problema do cupom de frete não foi resolvido.',
    outcome: 'ACCEPTED',
    ticket: '51000',
  },
  {
    name: 'HTML-only table: keyword and ticket in adjacent cells, date in the next cell',
    from: 'Juliana <lojista@modasbella.com.br>',
    subject: 'Reclamação formal',
    html: `<table border="1"><tr><td>Chamado</td><td>48213</td><td>25/11/2026</td></tr>
<tr><td>Assunto</td><td>Integração de estoque</td><td>sem solução</td></tr></table>`,
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
  {
    name: 'HTML-only table with the ticket under a header cell',
    from: 'financeiro@casadosaromas.com.br',
    subject: 'Segue resumo',
    html: `<p>Segue o resumo do atendimento, que não resolveu:</p>
<table><thead><tr><th>Nº do chamado</th><th>Abertura</th><th>Status</th></tr></thead>
<tbody><tr><td>48214</td><td>10/11/2026</td><td>Resolvido (sem solução)</td></tr></tbody></table>`,
    outcome: 'ACCEPTED',
    ticket: '48214',
  },
  {
    name: 'HTML-only table of personal data: CPF, phone, CEP are no tickets',
    from: 'beatriz@bazarimperial.com.br',
    subject: 'Meus dados',
    html: `<table><tr><td>CPF</td><td>123.456.789-09</td></tr><tr><td>Telefone</td><td>(11) 98765-4321</td></tr>
<tr><td>CEP</td><td>01310-100</td></tr><tr><td>Pedido</td><td>77881</td></tr></table><p>A loja está fora do ar.</p>`,
    outcome: 'NO_PRIOR_TICKET',
    notTickets: ['12345678909', '987654321', '01310100', '77881'],
  },
  {
    name: 'quoted support reply with a swapped keyword',
    from: 'ana@papelariaestrela.com.br',
    subject: 'Re: seu atendimento',
    text: `Não foi resolvido, continuo sem conseguir emitir as etiquetas.

Em 20/11/2026 09:12, Suporte <suporte@plataforma.com.br> escreveu:
> Olá, Ana! Seu chamaod 51000 foi encerrado.
> Qualquer dúvida, estamos à disposição.`,
    outcome: 'ACCEPTED',
    ticket: '51000',
  },
  {
    name: 'English swap with a marker: "Ticekt no. 48215"',
    from: 'contato@eletroponto.com.br',
    subject: 'complaint',
    text: 'Ticekt no. 48215 was closed but the shipping rates are still wrong.',
    outcome: 'ACCEPTED',
    ticket: '48215',
  },
];

// ─────────────── 3. Scope rules that fired on one word ───────────────
const SCOPE: Row[] = [
  {
    name: 'announced promotion not applied; "desconto" in a sentence of its own',
    from: 'lojista@modasbella.com.br',
    subject: 'Black Friday',
    text: `Vi no e-mail marketing de vocês a campanha de Black Friday para o plano anual. Contratei no dia 27.
Cadê meu desconto? Chamado 48213 aberto e nada.`,
    outcome: 'ACCEPTED',
    notRules: ['scope.commercial.discount'],
    ticket: '48213',
  },
  {
    name: 'promotion on Instagram not on the invoice',
    from: 'financeiro@casadosaromas.com.br',
    subject: 'protocolo 48214',
    text: 'A promoção divulgada no Instagram de vocês (3 meses com 50%) não veio na fatura de dezembro. Quero o desconto, é meu direito.',
    outcome: 'ACCEPTED',
    notRules: ['scope.commercial.discount'],
  },
  {
    name: 'HTML-only promo complaint',
    from: 'ana@papelariaestrela.com.br',
    subject: 'Solicitação 51000',
    html: '<div>Vocês anunciaram no site condições de migração para o plano Pro.</div><div>Migrei e não recebi desconto algum.</div>',
    outcome: 'ACCEPTED',
    notRules: ['scope.commercial.discount'],
  },
  {
    name: 'genuine negotiation with a ticket stays commercial',
    from: 'ana@papelariaestrela.com.br',
    subject: 'renovação',
    text: 'Solicitação 51000. Quero 40% de desconto para renovar, senão vou para outra plataforma.',
    outcome: 'OUT_OF_SCOPE_COMMERCIAL',
    rule: 'scope.commercial.discount',
  },
  {
    name: 'feature: "podem desenvolver um módulo" that does not exist',
    from: 'carla@docesdacarla.com.br',
    subject: 'assinaturas',
    text: 'Vocês podem desenvolver um módulo de assinaturas recorrentes? Hoje isso não existe e eu preciso muito.',
    outcome: 'OUT_OF_SCOPE_FEATURE',
  },
  {
    name: 'feature: "seria possível criar uma ferramenta"',
    from: 'Lucas <lucas@geekstore.com.br>',
    subject: 'sugestão',
    text: 'Seria possível criar uma ferramenta para gerar etiquetas em lote? Perco horas por dia.',
    outcome: 'OUT_OF_SCOPE_FEATURE',
  },
  {
    name: 'feature: platform should start offering an integration',
    from: 'contato@eletroponto.com.br',
    subject: 'chamado 48215 - iFood',
    text: 'Preciso que a plataforma passe a oferecer integração com o iFood, meus concorrentes já vendem por lá.',
    outcome: 'OUT_OF_SCOPE_FEATURE',
  },
  {
    name: 'feature: "quero que vocês façam um aplicativo"',
    from: 'Renata <renata@flordelis.com.br>',
    subject: 'App próprio',
    text: 'Quero que vocês façam um aplicativo para iPhone da minha loja, ainda não existe essa opção.',
    outcome: 'OUT_OF_SCOPE_FEATURE',
  },
  {
    name: 'feature in English',
    from: 'Mike <mike@surfshop.co>',
    subject: 'Wishlist',
    text: "Could you build a wishlist feature for my store? It doesn't exist yet and my customers keep asking.",
    outcome: 'OUT_OF_SCOPE_FEATURE',
    language: 'en',
  },
  {
    name: 'feature in Spanish',
    from: 'Martín <martin@vinosdemendoza.com.ar>',
    subject: 'Cuotas',
    text: '¿Podrían agregar una opción de pago en cuotas sin interés? Hoy no existe y la necesitamos.',
    outcome: 'OUT_OF_SCOPE_FEATURE',
    language: 'es',
  },
  {
    name: 'broken module with a ticket is a complaint, not a feature request',
    from: 'lojista@modasbella.com.br',
    subject: 'assinaturas',
    text: 'O módulo de assinaturas parou de funcionar depois da atualização. Chamado 48213.',
    outcome: 'ACCEPTED',
  },
  {
    name: 'Spanish: announced discount not applied, with a ticket',
    from: 'contato@eletroponto.com.br',
    subject: 'Ticket 48215',
    text: 'El descuento anunciado en la promoción no se aplicó a mi factura. Necesito una solución.',
    outcome: 'ACCEPTED',
    language: 'es',
  },
  {
    name: 'English discount negotiation',
    from: 'Anna <anna@candlecraft.com>',
    subject: 'pricing',
    text: "Can you give me a 30% discount on the annual plan? Otherwise I'll switch to another platform.",
    outcome: 'OUT_OF_SCOPE_COMMERCIAL',
    language: 'en',
  },
];

// ─────────────── 4. Spanish and English ───────────────
const LANGUAGES: Row[] = [
  {
    name: 'es: blocked user, no ticket',
    from: 'Diego <diego@tiendaverde.com.uy>',
    subject: 'Sin acceso',
    text: 'No puedo acceder al panel de administración de mi tienda desde ayer, dice que mi usuario está bloqueado.',
    outcome: 'ACCESS_ISSUE',
    language: 'es',
  },
  {
    name: 'es: charged twice, no ticket',
    from: 'Sofía <sofia@modasur.com.ar>',
    subject: 'Cobro duplicado',
    text: 'Hola, me cobraron dos veces la factura de noviembre. ¿Me pueden devolver el dinero? Saludos.',
    outcome: 'BILLING_QUESTION',
    language: 'es',
  },
  {
    name: 'es: not a client, prices',
    from: 'pablo.ruiz@gmail.com',
    subject: 'Precios',
    text: 'Buenas, no soy cliente todavía, quiero saber cuánto cuestan los planes para abrir mi tienda online.',
    outcome: 'NOT_A_CLIENT',
    language: 'es',
  },
  {
    name: 'es: negotiation',
    from: 'gerencia@ferreteriacentral.com.py',
    subject: 'Mensualidad',
    text: 'Quiero negociar un descuento en la mensualidad porque las ventas bajaron mucho este año.',
    outcome: 'OUT_OF_SCOPE_COMMERCIAL',
    language: 'es',
  },
  {
    name: 'es: slow store, no ticket',
    from: 'Valentina <vale@dulcesdeleche.com.ar>',
    subject: 'Tienda lenta',
    text: 'Hola, la tienda está muy lenta desde el lunes y los clientes se quejan. ¿Me pueden ayudar?',
    outcome: 'NO_PRIOR_TICKET',
    language: 'es',
  },
  {
    name: 'en: locked account, no ticket',
    from: 'Sarah Miller <sarah@bloomboutique.com>',
    subject: "Can't log in",
    text: "I can't log in to my store admin, it says my account is locked. I haven't used it in a few months.",
    outcome: 'ACCESS_ISSUE',
    language: 'en',
  },
  {
    name: 'en: charged twice, invoices',
    from: 'billing@nordicgear.io',
    subject: 'Double charge',
    text: 'Hello, I was charged twice for my subscription this month. Where can I see my invoices? Thanks.',
    outcome: 'BILLING_QUESTION',
    language: 'en',
  },
  {
    name: 'en: not a customer yet',
    from: 'james.o@gmail.com',
    subject: 'Question',
    text: "Hi, I'm not a customer yet. How much do your plans cost and is there a free trial?",
    outcome: 'NOT_A_CLIENT',
    language: 'en',
  },
  {
    name: 'en: complaint with a ticket is accepted',
    from: 'lojista@modasbella.com.br',
    subject: 'Unresolved ticket',
    text: 'Ticket #48213 has been open for two weeks with no answer. The product sync is still broken and I am losing sales.',
    outcome: 'ACCEPTED',
    language: 'en',
    ticket: '48213',
  },
  {
    name: 'en, HTML-only: special pricing',
    from: 'Ops <ops@urbanthreads.com>',
    subject: 'Pricing',
    html: '<p>Hi team,</p><p>We would like special pricing or a custom plan for our 4 stores. Can we negotiate?</p><p>Best regards</p>',
    outcome: 'OUT_OF_SCOPE_COMMERCIAL',
    language: 'en',
  },
  {
    name: 'pt with a few English words stays pt-BR',
    from: 'beatriz@bazarimperial.com.br',
    subject: 'checkout com erro',
    text: 'Olá, o checkout da minha loja dá erro no mobile desde ontem, please help, estou perdendo vendas.',
    outcome: 'NO_PRIOR_TICKET',
    language: 'pt-BR',
  },
  {
    name: 'es: quoted reply of our pt-BR guidance keeps Spanish',
    from: 'Diego <diego@tiendaverde.com.uy>',
    subject: 'Re: Ouvidoria: fale primeiro com a Central de Atendimento',
    text: `Ya abrí el ticket 48999 y nadie me responde, la tienda sigue sin funcionar.

El 25/11/2026 10:00, Ouvidoria <ouvidoria@ouvidoria.example.com.br> escribió:
> Recebemos sua mensagem. Não encontramos em sua mensagem o número de um chamado anterior.`,
    outcome: 'TICKET_INVALID',
    language: 'es',
  },
];

// ─────────────── 6. Automatic mail that mentions a ticket ───────────────
const AUTOMATIC: Row[] = [
  {
    name: 'helpdesk notification (Auto-Submitted) about the sender’s own ticket',
    from: 'Suporte <lojista@modasbella.com.br>',
    subject: 'Seu chamado #48213 foi atualizado',
    headers: ['Auto-Submitted: auto-generated'],
    text: 'Olá! O chamado #48213 recebeu uma nova resposta. Acesse a central para ver.',
    outcome: 'NO_PRIOR_TICKET',
    rule: 'auto.machine-generated',
  },
  {
    name: 'bounce quoting our acknowledgement',
    from: 'Mail Delivery Subsystem <mailer-daemon@modasbella.com.br>',
    subject: 'Undelivered Mail Returned to Sender',
    headers: ['Return-Path: <>'],
    text: `This is the mail system at host mx.modasbella.com.br.

I'm sorry to have to inform you that your message could not be delivered.

> Chamado anterior informado: nº 48213.`,
    outcome: 'NO_PRIOR_TICKET',
    rule: 'auto.machine-generated',
  },
  {
    name: 'mailing-list post mentioning a ticket',
    from: 'Lista Lojistas <financeiro@casadosaromas.com.br>',
    subject: '[lojistas] ticket 48214 - alguém mais?',
    headers: ['List-Id: <lojistas.grupos.example.org>', 'Precedence: list'],
    text: 'Alguém mais com o ticket 48214 parado? Abri faz 10 dias.',
    outcome: 'NO_PRIOR_TICKET',
    rule: 'auto.machine-generated',
  },
  {
    name: 'Outlook out-of-office quoting the acknowledgement',
    from: 'Eletro Ponto <contato@eletroponto.com.br>',
    subject: 'Resposta automática: [OUV-2026-000010] Recebemos sua manifestação',
    headers: ['X-Auto-Response-Suppress: All'],
    text: `Estou fora do escritório até 02/12. Para urgências, ligue (11) 3333-4444.

Chamado anterior informado: nº 48215.`,
    outcome: 'NO_PRIOR_TICKET',
    rule: 'auto.machine-generated',
  },
  {
    name: 'newsletter (Precedence: bulk) with a protocol',
    from: 'Doces da Carla <carla@docesdacarla.com.br>',
    subject: 'Novidades da semana',
    headers: ['Precedence: bulk', 'List-Unsubscribe: <mailto:sair@docesdacarla.com.br>'],
    html: '<p>Confira nossos bolos! Atendimento: protocolo 52310.</p>',
    outcome: 'NO_PRIOR_TICKET',
    rule: 'auto.machine-generated',
  },
  {
    name: 'X-Autoreply responder with a ticket',
    from: 'joao@lojadojoao.com.br',
    subject: 'Re: chamado 52311',
    headers: ['X-Autoreply: yes'],
    text: 'Recebemos seu e-mail sobre o chamado 52311 e responderemos em breve.',
    outcome: 'NO_PRIOR_TICKET',
    rule: 'auto.machine-generated',
  },
  {
    name: 'no-reply helpdesk sender',
    from: 'Zendesk <no-reply@papelariaestrela.com.br>',
    subject: 'Solicitação nº 51000 encerrada',
    text: 'Sua solicitação nº 51000 foi encerrada. Avalie nosso atendimento.',
    outcome: 'NO_PRIOR_TICKET',
    rule: 'auto.machine-generated',
  },
  {
    name: 'Spanish out-of-office with a ticket',
    from: 'contato@eletroponto.com.br',
    subject: 'Fuera de la oficina: ticket 48215',
    text: 'Estoy fuera de la oficina hasta el lunes. Sobre el ticket 48215, escriba a soporte.',
    outcome: 'NO_PRIOR_TICKET',
    rule: 'auto.machine-generated',
  },
  {
    name: 'English automatic reply with a ticket',
    from: 'lojista@modasbella.com.br',
    subject: 'Automatic reply: Ticket #48213',
    text: 'I am out of the office until December 2nd with limited access to email.',
    outcome: 'NO_PRIOR_TICKET',
    rule: 'auto.machine-generated',
  },
  {
    name: 'delivery failure with X-Failed-Recipients',
    from: 'postmaster@casadosaromas.com.br',
    subject: 'Mail delivery failed: returning message to sender',
    headers: ['X-Failed-Recipients: financeiro@casadosaromas.com.br'],
    text: 'A message that you sent could not be delivered.\n\n  protocolo 48214',
    outcome: 'NO_PRIOR_TICKET',
    rule: 'auto.machine-generated',
  },
  {
    name: 'automatic notice recognised from its text alone',
    from: 'ana@papelariaestrela.com.br',
    subject: 'Atualização da solicitação 51000',
    text: 'Esta é uma mensagem automática, não responda. A solicitação 51000 foi atualizada pelo atendente.',
    outcome: 'NO_PRIOR_TICKET',
    rule: 'auto.machine-generated.text',
  },
  {
    name: 'English automated message recognised from its text',
    from: 'contato@eletroponto.com.br',
    subject: 'Ticket 48215 updated',
    text: 'This is an automated message. Ticket 48215 has been updated. Please do not reply to this email.',
    outcome: 'NO_PRIOR_TICKET',
    rule: 'auto.machine-generated.text',
  },
];

// ─────────────── Round 3: suggestions, integration plans, store reports, partnerships ───────────────
// Each class with the merchant's own complaint beside it, which must stay where it was.
const ROUND3: Row[] = [
  {
    name: 'suggestion with the verb: "gostaria de sugerir que a plataforma tivesse"',
    from: 'ana@papelariaestrela.com.br',
    subject: 'Sugestão',
    text: 'Olá! Gostaria de sugerir que a plataforma tivesse a opção de vender por assinatura.',
    outcome: 'OUT_OF_SCOPE_FEATURE',
    rule: 'scope.feature.suggestion',
  },
  {
    name: 'suggestion: "queria sugerir uma melhoria"',
    from: 'carla@docesdacarla.com.br',
    subject: 'ideia',
    text: 'Queria sugerir uma melhoria: poder editar o pedido depois de pago.',
    outcome: 'OUT_OF_SCOPE_FEATURE',
    rule: 'scope.feature.suggestion',
  },
  {
    name: 'suggestion of a feature after an integration question',
    from: 'joao@lojadojoao.com.br',
    subject: 'Integração',
    text: 'Vocês têm integração com o Mercado Livre? Gostaria de sugerir essa funcionalidade.',
    outcome: 'OUT_OF_SCOPE_FEATURE',
    rule: 'scope.feature.suggestion',
  },
  {
    name: 'integration asked for a date: "quando vocês vão ter integração com"',
    from: 'joao@lojadojoao.com.br',
    subject: 'Integração Shopee',
    text: 'Quando vocês vão ter integração com a Shopee? Todos os concorrentes já têm.',
    outcome: 'OUT_OF_SCOPE_FEATURE',
    rule: 'scope.feature.integration',
  },
  {
    name: 'guard: a suggestion about support inside a complaint with a valid ticket',
    from: 'lojista@modasbella.com.br',
    subject: 'suporte lento',
    text: 'Chamado 48213. Gostaria de sugerir que o suporte responda mais rápido, estou há dias esperando.',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
  {
    name: 'guard: "quando vocês vão resolver" with a broken integration and a valid ticket',
    from: 'lojista@modasbella.com.br',
    subject: 'demora',
    text: 'Quando vocês vão resolver meu chamado 48213? A integração com o Mercado Pago está fora do ar.',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
  {
    name: 'guard: an integration that stopped, no ticket',
    from: 'contato@eletroponto.com.br',
    subject: 'Correios',
    text: 'A integração com os Correios que vocês têm parou de calcular o frete.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['scope.feature.integration'],
  },
  {
    name: 'shopper reporting a scam by a store on the platform',
    from: 'rafaela.souza@gmail.com',
    subject: 'golpe',
    text: 'Acho que caí num golpe de uma loja hospedada na plataforma de vocês, quero denunciar.',
    outcome: 'NOT_A_CLIENT',
    rule: 'client.shopper.text',
    variant: 'shopper',
  },
  {
    name: 'shopper whose seller vanished',
    from: 'marcos.lima@hotmail.com',
    subject: 'Estorno',
    text: 'Paguei no pix um produto de uma loja que usa a plataforma de vocês e o lojista sumiu. Podem me ajudar?',
    outcome: 'NOT_A_CLIENT',
    rule: 'client.shopper.text',
    variant: 'shopper',
  },
  {
    name: 'guard: a merchant scammed through the store, with a valid ticket',
    from: 'lojista@modasbella.com.br',
    subject: 'golpe',
    text: 'Abri o chamado 48213 porque um golpista usou minha loja. Fui vítima de golpe e o suporte não ajudou.',
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['client.shopper.text'],
  },
  {
    name: 'shopper with the order number between "fiz o pedido" and the store',
    from: 'juliana.rocha@yahoo.com.br',
    subject: 'Pedido atrasado',
    text: 'Olá, fiz o pedido 987654 no site da Loja Bella e está atrasado há 20 dias. Podem verificar?',
    outcome: 'NOT_A_CLIENT',
    rule: 'client.shopper.text',
    variant: 'shopper',
    notTickets: ['987654'],
  },
  {
    name: 'guard: a merchant\'s "meu pedido de saque na loja" is a request, not an order',
    from: 'contato@eletroponto.com.br',
    subject: 'saque',
    text: 'Meu pedido de saque na loja está parado há 5 dias, o dinheiro das vendas não cai.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['client.shopper.text'],
  },
  {
    name: 'guard: "meu pedido de antecipação da loja" is a request, not an order',
    from: 'contato@eletroponto.com.br',
    subject: 'antecipação',
    text: 'Meu pedido de antecipação da loja foi negado sem explicação.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['client.shopper.text'],
  },
  {
    name: 'guard: "meu pedido de troca de tema no site" is a request, not an order',
    from: 'contato@eletroponto.com.br',
    subject: 'tema',
    text: 'Meu pedido de troca de tema no site não foi feito pelo suporte.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['client.shopper.text'],
  },
  {
    name: 'guard: "coloquem alguém" for a wrong report, with a valid ticket',
    from: 'lojista@modasbella.com.br',
    subject: 'relatório',
    text: 'Chamado 48213. Coloquem alguém competente para ver o relatório de vendas, que está todo errado.',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
  {
    name: 'guard: "fiquei 2 meses sem pagar" told, not asked, with a valid ticket',
    from: 'lojista@modasbella.com.br',
    subject: 'cobrança',
    text: 'Chamado 48213: fiquei 2 meses sem pagar porque a cobrança não foi gerada e agora cobraram tudo de uma vez.',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
  {
    name: 'guard: "cobraram a metade da mensalidade a mais", with a valid ticket',
    from: 'lojista@modasbella.com.br',
    subject: 'cobrança',
    text: 'Chamado 48213: vocês cobraram a metade da mensalidade a mais neste mês.',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
  {
    name: 'guard: "incluam a opção" that was deleted, with a valid ticket',
    from: 'lojista@modasbella.com.br',
    subject: 'opção',
    text: 'Chamado 48213. Incluam a opção de frete que estava configurada, apagaram sem me avisar.',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
  {
    name: 'guard: "lancem logo a correção" of the app, with a valid ticket',
    from: 'lojista@modasbella.com.br',
    subject: 'app',
    text: 'Chamado 48213: lancem logo a correção do aplicativo, ele trava ao abrir pedidos.',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
  {
    name: 'guard: "coloquem alguém" for a wrong report, no ticket',
    from: 'contato@eletroponto.com.br',
    subject: 'relatório',
    text: 'Coloquem alguém para ver o relatório de vendas, está todo errado.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['scope.feature.request'],
  },
  {
    name: 'guard: "minha encomenda" of labels "pelo painel" is the merchant\'s, no ticket',
    from: 'contato@eletroponto.com.br',
    subject: 'encomenda',
    text: 'A minha encomenda de etiquetas pelo painel não foi processada.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['client.shopper.text'],
  },
  {
    name: 'guard: "sugerir uma melhoria no atendimento" with a valid ticket',
    from: 'lojista@modasbella.com.br',
    subject: 'atendimento',
    text: 'Chamado 48213: gostaria de sugerir uma melhoria no atendimento, ninguém lê o que escrevo.',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
  {
    name: 'guard: "sugestão de melhoria para o suporte" with a valid ticket',
    from: 'lojista@modasbella.com.br',
    subject: 'atendimento',
    text: 'Chamado 48213 sem solução. Fica uma sugestão de melhoria para o suporte: respondam os chamados.',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
  {
    name: 'guard: "seria bom ter uma resposta" with a valid ticket',
    from: 'lojista@modasbella.com.br',
    subject: 'relatório',
    text: 'Chamado 48213: seria bom ter uma resposta, o relatório financeiro não fecha com o extrato.',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
  {
    name: 'guard: "a negociação com o suporte não deu em nada" with a valid ticket',
    from: 'lojista@modasbella.com.br',
    subject: 'negociação',
    text: 'Chamado 48213: a negociação com o suporte não deu em nada, a loja segue fora do ar.',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
  {
    name: 'guard: an exemption promised and charged anyway, with a valid ticket',
    from: 'lojista@modasbella.com.br',
    subject: 'isenção',
    text: 'Chamado 48213: me prometeram isenção da taxa de setup e cobraram mesmo assim.',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
  {
    name: 'guard: a merchant quoting the automatic notice they got, with a valid ticket',
    from: 'lojista@modasbella.com.br',
    subject: 'Chamado fechado',
    text: 'O suporte me mandou "Esta é uma mensagem automática, não responda" e fechou o chamado 48213 sem resolver nada.',
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['auto.machine-generated.text'],
  },
  {
    name: "guard: an app bought in the platform's app store is the merchant's, no ticket",
    from: 'contato@eletroponto.com.br',
    subject: 'app',
    text: 'Comprei um app na loja de aplicativos de vocês e ele não instala.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['client.shopper.text'],
  },
  {
    name: "guard: the store's quote module that stopped is not a prospect asking for a quote",
    from: 'contato@eletroponto.com.br',
    subject: 'orçamento',
    text: 'O módulo de orçamento da minha loja parou de enviar os pedidos por e-mail.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['client.prospect.text'],
  },
  {
    name: 'guard: a discount already paid for and charged wrong, with a valid ticket',
    from: 'lojista@modasbella.com.br',
    subject: 'plano',
    text: 'Chamado 48213: paguei o plano anual com desconto e estão cobrando mensal.',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
  {
    name: "guard: negotiating with the store's own suppliers, with a valid ticket",
    from: 'lojista@modasbella.com.br',
    subject: 'estoque',
    text: 'Chamado 48213: quero negociar com meus fornecedores mas a loja não gera o relatório de estoque.',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
  {
    name: 'agency proposing a partnership goes to sales',
    from: 'contato@agenciadigital.com.br',
    subject: 'Parceria',
    text: 'Somos uma agência e gostaríamos de propor uma parceria comercial com a plataforma.',
    outcome: 'NOT_A_CLIENT',
    rule: 'client.prospect.text',
  },
  {
    name: 'guard: a long-time partner with a valid ticket',
    from: 'lojista@modasbella.com.br',
    subject: 'Parceiro',
    text: 'Sou parceiro de vocês há 5 anos e o chamado 48213 está sem resposta.',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
];

// ─────────────── Round 4: the canonicaliser's words, access, billing, commercial, features, prospects, shoppers ───────────────
// Each class with rows that missed before its change, and guard rows: a merchant with a valid
// ticket who uses the same words stays ACCEPTED; a merchant without one is not sent to Sales or
// given the shopper reply.
const NOBODY = 'contato@bellaflorcosmeticos.com.br';
const SHOPPER = 'fernanda.alves@gmail.com';

const ROUND4_CANONICAL: Row[] = [
  {
    name: 'English "not a client" (client reads as cliente)',
    from: SHOPPER,
    subject: 'Question',
    text: "I'm not a client yet, just wanted to ask about your plans.",
    outcome: 'NOT_A_CLIENT',
    rule: 'client.not-a-client.text',
    language: 'en',
  },
  {
    name: 'English "talk to sales" ("to" reads as chat-speak "tô")',
    from: SHOPPER,
    subject: 'Sales',
    text: 'I would like to talk to sales about your enterprise plan.',
    outcome: 'NOT_A_CLIENT',
    rule: 'client.prospect.text',
  },
  {
    name: 'English "unable to sign in"',
    from: NOBODY,
    subject: 'Login',
    text: "Hi, I'm unable to sign in to my store dashboard.",
    outcome: 'ACCESS_ISSUE',
    rule: 'topic.access.no-access',
  },
  {
    name: 'Spanish "¿Cuánto cuesta?" (cuánto reads as quanto)',
    from: SHOPPER,
    subject: 'Ventas',
    text: '¿Cuánto cuesta el plan básico?',
    outcome: 'NOT_A_CLIENT',
    rule: 'client.prospect.text',
  },
  {
    name: 'Spanish "compré en una tienda" (compré reads as comprei)',
    from: SHOPPER,
    subject: 'tienda',
    text: 'Compré en una tienda que usa su plataforma y nunca llegó.',
    outcome: 'NOT_A_CLIENT',
    rule: 'client.shopper.text',
    variant: 'shopper',
  },
  {
    name: 'guard: "unable to access" with a valid ticket',
    from: 'lojista@modasbella.com.br',
    subject: 'Ticket 48213',
    text: 'I am still unable to access my admin panel and ticket 48213 has no answer.',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
];

const ROUND4_ACCESS: Row[] = [
  {
    name: 'an adverb between the verb and the login: "não consigo mais logar"',
    from: NOBODY,
    subject: 'admin',
    text: 'Não consigo mais logar no admin desde ontem.',
    outcome: 'ACCESS_ISSUE',
    rule: 'topic.access.no-access',
  },
  {
    name: 'ALL CAPS "NÃO CONSIGO MAIS FAZER LOGIN"',
    from: NOBODY,
    subject: 'urgente',
    text: 'NAO CONSIGO MAIS FAZER LOGIN NO PAINEL!!!',
    outcome: 'ACCESS_ISSUE',
  },
  {
    name: 'inactivity: "meu login não entra mais" after months away',
    from: NOBODY,
    subject: 'login',
    text: 'fiquei uns meses sem mexer na loja e agora meu login nao entra mais',
    outcome: 'ACCESS_ISSUE',
    rule: 'topic.access.blocked-user',
  },
  {
    name: 'inactivity: "meu usuário está inativo"',
    from: NOBODY,
    subject: 'acesso',
    text: 'Fiquei muito tempo sem acessar o painel e agora o sistema diz que meu usuário está inativo.',
    outcome: 'ACCESS_ISSUE',
    rule: 'topic.access.blocked-user',
  },
  {
    name: 'a suspended account',
    from: NOBODY,
    subject: 'conta',
    text: 'Minha conta foi suspensa e não sei o motivo.',
    outcome: 'ACCESS_ISSUE',
  },
  {
    name: 'two-factor code that never arrives',
    from: NOBODY,
    subject: 'verificação em duas etapas',
    text: 'A verificação em duas etapas pede um código que nunca chega.',
    outcome: 'ACCESS_ISSUE',
    rule: 'topic.access.no-access',
  },
  {
    name: 'lost authenticator app (2FA), HTML-only',
    from: NOBODY,
    subject: '2FA',
    html: '<p>Troquei de celular e perdi o app autenticador.</p><p>Agora o 2FA n&atilde;o me deixa entrar no painel.</p>',
    outcome: 'ACCESS_ISSUE',
  },
  {
    name: 'the login e-mail was an employee who left',
    from: NOBODY,
    subject: 'E-mail de acesso',
    text: 'O e-mail cadastrado no painel era de uma funcionária que saiu da empresa. Como troco o e-mail de acesso?',
    outcome: 'ACCESS_ISSUE',
    rule: 'topic.access.no-access',
  },
  {
    name: 'a forgotten login e-mail',
    from: NOBODY,
    subject: 'Esqueci o e-mail',
    text: 'Esqueci qual e-mail usei para criar a conta da loja.',
    outcome: 'ACCESS_ISSUE',
  },
  {
    name: 'guard: a blocked login with a valid ticket',
    from: 'lojista@modasbella.com.br',
    subject: 'Chamado 48213',
    text: 'Não consigo mais logar no admin e o chamado 48213 não anda.',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
  {
    name: 'guard: a 2FA code that does not arrive, with a valid ticket',
    from: 'contato@eletroponto.com.br',
    subject: '2FA',
    text: 'Protocolo 48215 — o código de verificação em duas etapas não chega e ninguém resolve.',
    outcome: 'ACCEPTED',
    ticket: '48215',
  },
  {
    name: 'guard: a suspended account in CAPS with a valid ticket',
    from: 'lojista@modasbella.com.br',
    subject: 'Suspensa',
    text: 'MINHA CONTA FOI SUSPENSA DE NOVO!!! CHAMADO 48213 ABERTO HÁ 10 DIAS',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
];

const ROUND4_BILLING: Row[] = [
  {
    name: "the accountant asks for the service's notas fiscais",
    from: NOBODY,
    subject: 'Nota fiscal',
    text: 'Meu contador pediu as notas fiscais do serviço de vocês dos últimos 6 meses. Onde encontro?',
    outcome: 'BILLING_QUESTION',
    rule: 'topic.billing.invoice',
  },
  {
    name: 'the NFS-e of last month',
    from: NOBODY,
    subject: 'NFS-e',
    text: 'Vocês não enviaram a NFS-e do mês passado.',
    outcome: 'BILLING_QUESTION',
  },
  {
    name: 'the nota fiscal "that you issue" has the wrong CNPJ',
    from: NOBODY,
    subject: 'CNPJ na nota',
    text: 'A nota fiscal que vocês emitem para a minha empresa está saindo com o CNPJ errado.',
    outcome: 'BILLING_QUESTION',
  },
  {
    name: 'the card that pays the platform',
    from: NOBODY,
    subject: 'troca de cartão',
    text: 'Como troco o cartão de crédito cadastrado para pagar a plataforma?',
    outcome: 'BILLING_QUESTION',
  },
  {
    name: 'guard: the NFS-e complaint with a valid ticket',
    from: 'financeiro@casadosaromas.com.br',
    subject: 'NFS-e',
    text: 'Ticket 48214: a NFS-e da mensalidade continua saindo com o CNPJ errado.',
    outcome: 'ACCEPTED',
    ticket: '48214',
  },
];

const ROUND4_COMMERCIAL: Row[] = [
  {
    name: 'months without paying',
    from: NOBODY,
    subject: 'dificuldade',
    text: 'Estou passando por dificuldades financeiras, vocês podem me dar uns meses sem pagar?',
    outcome: 'OUT_OF_SCOPE_COMMERCIAL',
    rule: 'scope.commercial.special-condition',
  },
  {
    name: 'half the monthly fee',
    from: NOBODY,
    subject: 'mensalidade',
    text: 'Consigo pagar só metade da mensalidade nos próximos 3 meses?',
    outcome: 'OUT_OF_SCOPE_COMMERCIAL',
  },
  {
    name: 'chat-speak "preço camarada"',
    from: NOBODY,
    subject: 'preço',
    text: 'tem como fazer um preço camarada pra mim? sou cliente antigo',
    outcome: 'OUT_OF_SCOPE_COMMERCIAL',
  },
  {
    name: 'a threat to leave unless the fee comes down',
    from: NOBODY,
    subject: 'Cancelamento',
    text: 'Se vocês não baixarem o valor da mensalidade eu vou migrar para a Nuvemshop.',
    outcome: 'OUT_OF_SCOPE_COMMERCIAL',
    rule: 'scope.commercial.negotiation',
  },
  {
    // Asked "pelo transtorno" of her verified ticket, free months are a remedy (AS_A_REMEDY), as "como
    // compensação" is: the complaint is the office's, the remedy the analyst's call (round 37).
    name: 'free months "de graça" for the trouble of her verified ticket: the complaint is taken',
    from: 'lojista@modasbella.com.br',
    subject: 'Chamado 48213',
    text: 'Referente ao chamado 48213: quero 3 meses de graça pelo transtorno.',
    outcome: 'ACCEPTED',
    rule: 'scope.commercial.special-condition',
  },
  {
    name: 'free months "de graça" with a valid ticket, no trouble named',
    from: 'lojista@modasbella.com.br',
    subject: 'Chamado 48213',
    text: 'Referente ao chamado 48213: quero 3 meses de graça para continuar na plataforma.',
    outcome: 'OUT_OF_SCOPE_COMMERCIAL',
  },
  {
    name: 'keeping the price of before the adjustment',
    from: NOBODY,
    subject: 'reajuste',
    text: 'Quero continuar pagando o mesmo valor de antes do reajuste, sou cliente desde 2019.',
    outcome: 'OUT_OF_SCOPE_COMMERCIAL',
  },
  {
    name: 'English "a better deal"',
    from: NOBODY,
    subject: 'Annual plan',
    text: 'Can you give me a better deal on the annual plan?',
    outcome: 'OUT_OF_SCOPE_COMMERCIAL',
  },
  {
    name: 'guard: the adjustment complaint of a long-time client with a valid ticket',
    from: 'financeiro@casadosaromas.com.br',
    subject: 'chamado 48214',
    text: 'Sou cliente desde 2019 e o reajuste veio sem aviso, abri o chamado 48214 e nada.',
    outcome: 'ACCEPTED',
    ticket: '48214',
  },
  {
    name: 'guard: "metade" of the images, no ticket, not Sales',
    from: NOBODY,
    subject: 'metade',
    text: 'Metade das imagens da minha loja sumiu hoje de manhã.',
    outcome: 'NO_PRIOR_TICKET',
  },
];

const ROUND4_FEATURE: Row[] = [
  {
    name: 'plural imperative "incluam a opção"',
    from: NOBODY,
    subject: 'frete',
    text: 'Por favor, incluam a opção de frete grátis por região.',
    outcome: 'OUT_OF_SCOPE_FEATURE',
    rule: 'scope.feature.request',
  },
  {
    name: '"coloquem um módulo"',
    from: NOBODY,
    subject: 'módulo',
    text: 'Coloquem um módulo de assinaturas recorrentes, por favor, é o que mais falta.',
    outcome: 'OUT_OF_SCOPE_FEATURE',
  },
  {
    name: '"seria possível vocês disponibilizarem uma API"',
    from: NOBODY,
    subject: 'API',
    text: 'Seria possível vocês disponibilizarem uma API de estoque?',
    outcome: 'OUT_OF_SCOPE_FEATURE',
  },
  {
    name: 'chat-speak "vcs podiam fazer uma ferramenta"',
    from: NOBODY,
    subject: 'sugestão',
    text: 'vcs podiam fazer uma ferramenta de carrinho abandonado por whatsapp',
    outcome: 'OUT_OF_SCOPE_FEATURE',
  },
  {
    name: 'Spanish "¿van a tener integración con…?"',
    from: NOBODY,
    subject: 'Integración',
    text: '¿Van a tener integración con Mercado Libre?',
    outcome: 'OUT_OF_SCOPE_FEATURE',
    rule: 'scope.feature.integration',
  },
  {
    name: 'English "we would like an integration with"',
    from: NOBODY,
    subject: 'QuickBooks',
    text: 'We would like an integration with QuickBooks. Is it on your roadmap?',
    outcome: 'OUT_OF_SCOPE_FEATURE',
  },
  {
    name: 'guard: "coloquem de volta" a button that vanished, no ticket',
    from: NOBODY,
    subject: 'botão',
    text: 'Coloquem de volta o botão de comprar que sumiu da página do produto!',
    outcome: 'NO_PRIOR_TICKET',
  },
  {
    name: 'guard: "incluam meu caso", no ticket',
    from: NOBODY,
    subject: 'caso',
    text: 'Incluam meu caso na fila de prioridade, a loja está fora do ar.',
    outcome: 'NO_PRIOR_TICKET',
  },
  {
    name: 'guard: an English integration that stopped working, no ticket',
    from: NOBODY,
    subject: 'Integration',
    text: 'The integration with PayPal stopped working yesterday.',
    outcome: 'NO_PRIOR_TICKET',
  },
  {
    name: 'guard: "coloquem de volta a integração" with a valid ticket',
    from: 'contato@eletroponto.com.br',
    subject: 'integração',
    text: 'Chamado 48215: coloquem de volta a integração com o Bling que vocês tiraram.',
    outcome: 'ACCEPTED',
    ticket: '48215',
  },
];

const ROUND4_PROSPECT: Row[] = [
  {
    name: 'chat-speak "to pensando em abrir uma loja com vcs"',
    from: SHOPPER,
    subject: 'loja',
    text: 'Oi, to pensando em abrir uma loja com vcs, qual plano vale mais a pena?',
    outcome: 'NOT_A_CLIENT',
    rule: 'client.prospect.text',
  },
  {
    name: '"estou avaliando plataformas"',
    from: SHOPPER,
    subject: 'Taxas',
    text: 'Vocês cobram taxa por venda? Estou avaliando plataformas para a minha marca.',
    outcome: 'NOT_A_CLIENT',
    rule: 'client.prospect.text',
  },
  {
    name: '"pretendo migrar minha loja da … para vocês"',
    from: SHOPPER,
    subject: 'Migração',
    text: 'Boa tarde, pretendo migrar minha loja da Loja Integrada para vocês. Como funciona?',
    outcome: 'NOT_A_CLIENT',
  },
  {
    name: 'English "looking for an e-commerce platform"',
    from: SHOPPER,
    subject: 'Pricing',
    text: "Hi, I'm looking for an e-commerce platform for my brand. What are your prices?",
    outcome: 'NOT_A_CLIENT',
  },
  {
    name: 'guard: a merchant "avaliando" a layout, no ticket, not Sales',
    from: NOBODY,
    subject: 'layout',
    text: 'Estou avaliando se mudo o layout da minha loja, mas antes preciso que o suporte me responda sobre o carrossel que quebrou.',
    outcome: 'NO_PRIOR_TICKET',
  },
];

const ROUND4_SHOPPER: Row[] = [
  {
    name: 'the order number between "meu pedido" and the store',
    from: SHOPPER,
    subject: 'Pedido',
    text: 'Meu pedido #45871 da loja Bella Moda não chegou, já faz 15 dias.',
    outcome: 'NOT_A_CLIENT',
    rule: 'client.shopper.text',
    variant: 'shopper',
    notTickets: ['45871'],
  },
  {
    name: '"minha encomenda, comprada no site"',
    from: SHOPPER,
    subject: 'Encomenda',
    text: 'Estou tentando rastrear minha encomenda, comprada no site lojaxyz.com.br, e ninguém responde.',
    outcome: 'NOT_A_CLIENT',
    variant: 'shopper',
  },
  {
    name: 'a store "feita com a plataforma de vocês"',
    from: SHOPPER,
    subject: 'entrega',
    text: 'Paguei um pedido há 30 dias numa loja feita com a plataforma de vocês e até agora nada de entrega.',
    outcome: 'NOT_A_CLIENT',
    variant: 'shopper',
  },
  {
    name: "a double charge on the shopper's card, not our billing",
    from: SHOPPER,
    subject: 'Cobrança no cartão',
    text: 'Fiz uma compra numa loja virtual de vocês e cobraram duas vezes no meu cartão.',
    outcome: 'NOT_A_CLIENT',
    variant: 'shopper',
  },
  {
    name: 'the store did not return the money',
    from: SHOPPER,
    subject: 'reembolso',
    text: 'A loja Casa Linda não me devolveu o dinheiro do pedido cancelado. Vocês são responsáveis pela loja?',
    outcome: 'NOT_A_CLIENT',
    variant: 'shopper',
  },
  {
    name: 'English "I placed an order on a store that runs on your platform"',
    from: SHOPPER,
    subject: 'Order',
    text: 'I placed an order on a store that runs on your platform and never got it.',
    outcome: 'NOT_A_CLIENT',
    variant: 'shopper',
  },
  {
    name: 'guard: "meu pedido de suporte na loja", no ticket, no shopper reply',
    from: NOBODY,
    subject: 'pedidos',
    text: 'Meu pedido de suporte na loja ficou sem resposta, o que eu faço? A vitrine está sem produtos.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['client.shopper.text'],
  },
  {
    name: 'guard: a merchant whose own store was built on the platform, with a valid ticket',
    from: 'lojista@modasbella.com.br',
    subject: 'Re: chamado 48213',
    text: 'Um cliente fez um pedido numa loja feita com a plataforma (a minha!) e o pedido sumiu do painel.',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
];

// ─────────────── Round 5: new styles (quoted Outlook blocks, helpdesk tags, integration jargon, asides) ───────────────
// Each class: the rows that missed before its change, variants, and guard rows that must keep
// their outcome. A commercial or feature rule beats a valid ticket: its guards matter most.
const OWNER = 'lojista@modasbella.com.br'; // opened 48213

const ROUND5_QUOTED: Row[] = [
  {
    name: 'Spanish Outlook block ("Enviado el:", "Asunto:"): the support\'s "no existe la opción" is quoted, not the merchant\'s',
    from: OWNER,
    subject: 'RE: Ticket 48213',
    text: `Esto no resuelve nada, sigue todo igual. Necesito una respuesta.

De: Soporte <soporte@plataforma.com>
Enviado el: lunes, 30 de noviembre de 2026 14:12
Para: Lojista <lojista@modasbella.com.br>
Asunto: RE: Ticket 48213

Hola, por el momento no existe la opción de envío por barrio. Podrían crear una tabla por código postal.`,
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['scope.feature.suggestion'],
  },
  {
    name: 'Spanish Outlook block with "Fecha:" quoting a support reply that names the ticket',
    from: OWNER,
    subject: 'Reclamo',
    text: `Sigue sin funcionar el cálculo de envío.

De: Soporte <soporte@plataforma.com>
Fecha: martes, 1 de diciembre de 2026 09:00
Para: lojista@modasbella.com.br
Asunto: Ticket 48213 cerrado

Hola, podrían crear reglas nuevas de envío; no existe la opción que pide.`,
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
  {
    name: 'guard: the Portuguese Outlook block still splits the same way',
    from: OWNER,
    subject: 'RE: Chamado 48213',
    text: `Isso não resolve, o problema continua exatamente igual.

De: Suporte Plataforma <suporte@plataforma.com.br>
Enviado: segunda-feira, 30 de novembro de 2026 14:12
Para: Lojista <lojista@modasbella.com.br>
Assunto: RE: Chamado 48213

Olá, infelizmente a plataforma não possui a opção de frete por bairro.`,
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
];

const ROUND5_HELPDESK_TAG: Row[] = [
  {
    name: 'a helpdesk subject tag "[#48213]" after "Pedido de ajuda" is the ticket',
    from: OWNER,
    subject: 'Re: [Plataforma] Re: Pedido de ajuda com frete [#48213]',
    text: 'Continua igual, o frete não calcula para o Nordeste.',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
  {
    name: 'a helpdesk subject tag right after "Pedidos"',
    from: OWNER,
    subject: '[Suporte] Pedidos duplicados [#48213]',
    text: 'Ninguém resolveu, os pedidos do Mercado Livre continuam entrando em dobro.',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
  {
    name: 'a helpdesk subject tag, the ticket of someone else',
    from: OWNER,
    subject: 'RE: Pedido de reembolso [#52310]',
    text: 'Ainda aguardo.',
    outcome: 'TICKET_INVALID',
    ticket: '52310',
  },
  {
    name: 'guard: a shopper\'s order "#n" without brackets is still no ticket',
    from: SHOPPER,
    subject: 'Pedido de roupas #48213',
    text: 'Comprei na loja Bella Moda e não recebi.',
    outcome: 'NOT_A_CLIENT',
    variant: 'shopper',
    notTickets: ['48213'],
  },
  {
    name: 'guard: a store notification "Novo pedido [#48213]" is an order, not the ticket',
    from: NOBODY,
    subject: 'Novo pedido [#48213]',
    text: 'Esse pedido entrou duplicado no painel.',
    outcome: 'NO_PRIOR_TICKET',
    notTickets: ['48213'],
  },
];

const ROUND5_BROKEN_INTEGRATION: Row[] = [
  {
    name: 'integration that "não tem atualizado" the stock, with a valid ticket',
    from: OWNER,
    subject: 'Shopee estoque',
    text: 'A integração com a Shopee não tem atualizado o estoque desde sexta. Chamado 48213.',
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['scope.feature.integration'],
  },
  {
    name: 'products left to sync ("falta sincronizar") in the integration, with a valid ticket',
    from: OWNER,
    subject: 'Chamado 48213',
    text: 'Falta sincronizar uns 30 produtos na integração com o Mercado Livre, o suporte não resolve.',
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['scope.feature.integration'],
  },
  {
    name: 'integration that "não tem funcionado", no ticket',
    from: NOBODY,
    subject: 'Bling',
    text: 'A integração com o Bling não tem funcionado direito, os pedidos chegam sem o CPF do comprador.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['scope.feature.integration'],
  },
  {
    name: 'integration that "não tem enviado" the invoices, no ticket',
    from: NOBODY,
    subject: 'Tiny',
    text: 'A integração com o Tiny não tem enviado as notas fiscais para os pedidos faturados.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['scope.feature.integration'],
  },
  {
    name: 'guard: "vocês não têm integração com a Shopee" is still a feature request',
    from: NOBODY,
    subject: 'Shopee',
    text: 'Vocês não têm integração com a Shopee? Quando vão ter?',
    outcome: 'OUT_OF_SCOPE_FEATURE',
    rule: 'scope.feature.integration',
  },
  {
    name: 'guard: "falta integração com o Mercado Livre Full" is still a feature request, even with a valid ticket',
    from: OWNER,
    subject: 'Chamado 48213',
    text: 'Chamado 48213: falta integração com o Mercado Livre Full, todo concorrente tem.',
    outcome: 'OUT_OF_SCOPE_FEATURE',
    rule: 'scope.feature.integration',
  },
];

const ROUND5_ASKS_THE_SERVICE: Row[] = [
  {
    name: '"podem criar um chamado pra mim sobre a integração" asks for a ticket, not an integration',
    from: NOBODY,
    subject: 'Tiny',
    text: 'Vocês podem criar um chamado pra mim sobre a integração com o Tiny? Não sei abrir.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['scope.feature.request', 'scope.feature.integration'],
  },
  {
    name: '"favor criar um ticket" about the report, no ticket',
    from: NOBODY,
    subject: 'relatório',
    text: 'Favor criar um ticket para o relatório de estoque que mostra quantidades negativas.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['scope.feature.request'],
  },
  {
    name: '"quando vão ter uma resposta sobre o relatório", with a valid ticket',
    from: OWNER,
    subject: 'relatório',
    text: 'Chamado 48213: quando vão ter uma resposta sobre o relatório de vendas que não bate com os pedidos?',
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['scope.feature.request'],
  },
  {
    name: '"quando vão ter um retorno sobre o módulo de frete", no ticket',
    from: NOBODY,
    subject: 'frete',
    text: 'Quando vão ter um retorno sobre o módulo de frete que cobra valores diferentes?',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['scope.feature.request'],
  },
  {
    name: '"poderiam colocar alguém competente para olhar a integração", with a valid ticket',
    from: OWNER,
    subject: 'integração',
    text: 'Vocês poderiam colocar alguém competente para olhar a integração? Chamado 48213 parado.',
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['scope.feature.request'],
  },
  {
    name: '"podiam colocar alguém que entenda de API", with a valid ticket',
    from: OWNER,
    subject: 'Chamado 48213',
    text: 'Vocês podiam colocar alguém que entenda de API para me atender, o chamado 48213 está rodando em círculos.',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
  {
    name: '"não tem opção de falar com humano no chat" is about the support, no ticket',
    from: NOBODY,
    subject: 'chat',
    text: 'Não tem opção de falar com humano no chat de vocês, só robô.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['scope.feature.suggestion'],
  },
  {
    name: '"não existe opção de falar com uma pessoa", no ticket',
    from: NOBODY,
    subject: 'atendimento',
    text: 'Não existe opção de falar com uma pessoa, a loja está sem frete há dois dias.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['scope.feature.suggestion'],
  },
  {
    name: 'guard: "poderiam criar um relatório por vendedor" is still a feature request',
    from: NOBODY,
    subject: 'sugestão',
    text: 'Vocês poderiam criar um relatório de vendas por vendedor, com comissão?',
    outcome: 'OUT_OF_SCOPE_FEATURE',
    rule: 'scope.feature.request',
  },
  {
    name: 'guard: "quando vão ter integração com a Shopee" is still a feature request',
    from: NOBODY,
    subject: 'Shopee',
    text: 'Quando vão ter integração com a Shopee? Preciso muito.',
    outcome: 'OUT_OF_SCOPE_FEATURE',
  },
  {
    name: 'guard: "não existe opção de parcelar no boleto" is still a missing option',
    from: NOBODY,
    subject: 'boleto parcelado',
    text: 'Não existe opção de parcelamento no boleto, todo mundo já tem.',
    outcome: 'OUT_OF_SCOPE_FEATURE',
    rule: 'scope.feature.suggestion',
  },
];

const ROUND5_COMMERCIAL_GUARDS: Row[] = [
  {
    name: 'a discount the support offered "para eu parar de reclamar", with a valid ticket',
    from: OWNER,
    subject: 'Chamado 48213',
    text: 'O atendente me ofereceu um desconto para eu parar de reclamar e o problema das fotos continua. Chamado 48213.',
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['scope.commercial.discount'],
  },
  {
    name: 'a discount the support offered instead of a fix, with a valid ticket',
    from: OWNER,
    subject: 'integração',
    text: 'A atendente me ofereceu 20% de desconto na mensalidade em vez de consertar a integração. Chamado 48213.',
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['scope.commercial.discount'],
  },
  {
    name: 'a discount refused: "não adianta me oferecer desconto", with a valid ticket',
    from: OWNER,
    subject: 'Chamado 48213',
    text: 'Não adianta me oferecer desconto, eu quero a loja funcionando. Chamado 48213 parado há 12 dias.',
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['scope.commercial.discount'],
  },
  {
    name: "the store's promotion in the signature, with a valid ticket",
    from: OWNER,
    subject: 'Chamado 48213 - fotos',
    text: `As fotos dos produtos sumiram da vitrine. Chamado 48213 sem resposta.

Atenciosamente,
Juliana — Modas Bella
(11) 98765-4321 | www.modasbella.com.br
Aproveite: 15% de desconto em todo o site até domingo!`,
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['scope.commercial.discount'],
  },
  {
    name: 'the store\'s promotion "na loja toda" in the signature, no ticket',
    from: NOBODY,
    subject: 'lentidão',
    text: `O painel está muito lento desde ontem.

Bella Flor Cosméticos
Até 30% de desconto na loja toda!`,
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['scope.commercial.discount'],
  },
  {
    name: 'the support said it would negotiate with Mercado Livre, with a valid ticket',
    from: OWNER,
    subject: 'Mercado Livre',
    text: 'Chamado 48213: o suporte disse que ia negociar com o Mercado Livre a liberação da minha conta e sumiu.',
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['scope.commercial.negotiation'],
  },
  {
    name: 'negotiating the refund of an undue charge, with a valid ticket',
    from: OWNER,
    subject: 'cobrança indevida',
    text: 'Estou tentando negociar com o financeiro de vocês há um mês a devolução da cobrança indevida. Chamado 48213.',
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['scope.commercial.negotiation'],
  },
  {
    name: 'negotiating the refund of a double charge, no ticket: billing',
    from: NOBODY,
    subject: 'duplicidade',
    text: 'Quero negociar o estorno da mensalidade cobrada em duplicidade.',
    outcome: 'BILLING_QUESTION',
    notRules: ['scope.commercial.negotiation'],
  },
  {
    name: "guard: a competitor's discount offer is still commercial",
    from: NOBODY,
    subject: 'renovação',
    text: 'A concorrente me ofereceu 30% de desconto, vocês dão o mesmo?',
    outcome: 'OUT_OF_SCOPE_COMMERCIAL',
    rule: 'scope.commercial.discount',
  },
  {
    name: 'guard: negotiating a debt is still commercial, even with a valid ticket',
    from: OWNER,
    subject: 'Chamado 48213',
    text: 'Chamado 48213 resolvido. Agora quero negociar minha dívida de 3 mensalidades atrasadas.',
    outcome: 'OUT_OF_SCOPE_COMMERCIAL',
    rule: 'scope.commercial.negotiation',
  },
  {
    name: 'guard: a discount asked for the renewal is still commercial',
    from: NOBODY,
    subject: 'renovação',
    text: 'Vocês dão desconto pra ONG? Quero renovar o plano anual.',
    outcome: 'OUT_OF_SCOPE_COMMERCIAL',
    rule: 'scope.commercial.discount',
  },
  {
    name: '"vocês fazem um preço melhor?" for paying the year up front is commercial',
    from: NOBODY,
    subject: 'à vista',
    text: 'Se eu pagar o ano inteiro à vista, vocês fazem um preço melhor?',
    outcome: 'OUT_OF_SCOPE_COMMERCIAL',
    rule: 'scope.commercial.special-condition',
  },
  {
    name: 'a discount the platform granted, charged in full ("vocês me deram 50%… a fatura veio cheia"), with a valid ticket',
    from: OWNER,
    subject: 'desconto',
    text: 'Chamado 48213: vocês me deram 50% de desconto nos 3 primeiros meses e a fatura veio cheia.',
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['scope.commercial.discount'],
  },
  {
    name: 'a discount the merchant has ("tenho desconto de parceiro") missing from the invoice, with a valid ticket',
    from: OWNER,
    subject: 'fatura',
    text: 'Tenho desconto de parceiro na mensalidade, mas a fatura deste mês veio com o preço cheio. Chamado 48213.',
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['scope.commercial.discount'],
  },
  {
    name: 'a discount won ("ganhei 20% de desconto na indicação") not on the invoice, no ticket: billing',
    from: NOBODY,
    subject: 'indicação',
    text: 'Ganhei 20% de desconto na mensalidade por indicação e a fatura de dezembro não mostra.',
    outcome: 'BILLING_QUESTION',
    notRules: ['scope.commercial.discount'],
  },
  {
    name: 'barter for the monthly fee ("vocês aceitam permuta?") is commercial',
    from: NOBODY,
    subject: 'permuta',
    text: 'Vocês aceitam permuta? Faço a divulgação da plataforma no meu Instagram em troca da mensalidade.',
    outcome: 'OUT_OF_SCOPE_COMMERCIAL',
    rule: 'scope.commercial.special-condition',
  },
  {
    name: "guard: the store's own barter with a supplier, with a valid ticket, is not commercial",
    from: OWNER,
    subject: 'Chamado 48213',
    text: 'Fiz uma permuta de produtos com um fornecedor e o estoque não atualizou. Chamado 48213 sem resposta.',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
  {
    name: 'guard: a discount a competitor gave ("na Nuvemshop me deram 30%, vocês cobrem?") is still commercial',
    from: NOBODY,
    subject: 'concorrência',
    text: 'Na Nuvemshop me deram 30% de desconto, vocês cobrem?',
    outcome: 'OUT_OF_SCOPE_COMMERCIAL',
    rule: 'scope.commercial.discount',
  },
];

const ROUND5_CLIENTS_NOT_PROSPECTS: Row[] = [
  {
    name: 'a plan upgrade: "quero contratar o plano Pro, hoje estou no Básico"',
    from: NOBODY,
    subject: 'upgrade',
    text: 'Quero contratar o plano Pro, hoje estou no Básico. Como faço a migração?',
    outcome: 'BILLING_QUESTION',
    notRules: ['client.prospect.text'],
  },
  {
    name: 'a plan change: "quanto custa o plano anual? hoje pago o mensal"',
    from: NOBODY,
    subject: 'plano anual',
    text: 'Quanto custa o plano anual? Hoje pago o mensal e quero mudar.',
    outcome: 'BILLING_QUESTION',
    notRules: ['client.prospect.text'],
  },
  {
    name: 'a plan change: "sou cliente do Básico e quero subir de plano"',
    from: NOBODY,
    subject: 'valor do Pro',
    text: 'Qual o valor do plano Pro hoje? Sou cliente do Básico e quero subir de plano.',
    outcome: 'BILLING_QUESTION',
    notRules: ['client.prospect.text'],
  },
  {
    name: 'a plan change: "qual o preço … estou no plano mensal"',
    from: NOBODY,
    subject: 'anual',
    text: 'Qual o preço do anual? Estou no plano mensal há dois anos.',
    outcome: 'BILLING_QUESTION',
    notRules: ['client.prospect.text'],
  },
  {
    name: 'the merchant\'s test purchase: "fiz uma compra teste no site"',
    from: NOBODY,
    subject: 'compra teste',
    text: 'Fiz uma compra teste no site e o Pix não gerou o QR code.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['client.shopper.text'],
  },
  {
    name: 'the merchant\'s test order: "fiz um pedido de teste na loja"',
    from: NOBODY,
    subject: 'frete zerado',
    text: 'Fiz um pedido de teste na loja e o frete saiu zerado.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['client.shopper.text'],
  },
  {
    name: '"comprei um produto no site para testar o checkout"',
    from: NOBODY,
    subject: 'checkout',
    text: 'Comprei um produto no site para testar o checkout e o pagamento com cartão não foi aprovado.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['client.shopper.text'],
  },
  {
    name: 'guard: a prospect asking the price of a plan is still not a client',
    from: SHOPPER,
    subject: 'preço',
    text: 'Quanto custa o plano básico? Ainda estou pensando em abrir uma loja.',
    outcome: 'NOT_A_CLIENT',
    rule: 'client.prospect.text',
  },
  {
    name: 'guard: "quero contratar o plano Pro" for a first store is still a prospect',
    from: SHOPPER,
    subject: 'contratar',
    text: 'Quero contratar o plano Pro para abrir minha primeira loja de roupas.',
    outcome: 'NOT_A_CLIENT',
    rule: 'client.prospect.text',
  },
  {
    name: 'guard: a shopper who bought in a store is still a shopper',
    from: SHOPPER,
    subject: 'não recebi',
    text: 'Comprei um teclado no site da Loja Sol e não recebi até hoje.',
    outcome: 'NOT_A_CLIENT',
    rule: 'client.shopper.text',
    variant: 'shopper',
  },
  {
    name: 'guard: a shopper who "fez o teste do tamanho" is still a shopper',
    from: SHOPPER,
    subject: 'troca',
    text: 'Comprei um vestido no site da Loja Sol, fiz o teste do tamanho e ficou pequeno, a loja não troca.',
    outcome: 'NOT_A_CLIENT',
    rule: 'client.shopper.text',
    variant: 'shopper',
  },
];

const ROUND5_STORE_PAYMENTS: Row[] = [
  {
    name: "the store's boletos at its payment provider are not our invoices",
    from: NOBODY,
    subject: 'boletos',
    text: 'Os boletos da loja não estão registrando no Pagar.me desde ontem.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['topic.billing.invoice'],
  },
  {
    name: "the store's Pix sales pending at Mercado Pago are not our charges",
    from: NOBODY,
    subject: 'Pix',
    text: 'As vendas no Pix não estão sendo confirmadas e a cobrança fica pendente no Mercado Pago.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['topic.billing.charge'],
  },
  {
    name: 'refunding a sale to a shopper is not a refund from us',
    from: NOBODY,
    subject: 'estorno',
    text: 'Preciso estornar uma venda feita pelo Mercado Pago e o botão de estorno não aparece no pedido.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['topic.billing.complaint'],
  },
  {
    name: 'a PagSeguro charge of the store in duplicate',
    from: NOBODY,
    subject: 'duplicidade',
    text: 'O PagSeguro está gerando a cobrança em duplicidade para cada pedido.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['topic.billing.complaint'],
  },
  {
    name: 'guard: our monthly fee charged twice is still billing',
    from: NOBODY,
    subject: 'mensalidade',
    text: 'A mensalidade da plataforma veio em duplicidade no boleto deste mês.',
    outcome: 'BILLING_QUESTION',
  },
  {
    name: 'guard: a refund of our fee is still billing',
    from: NOBODY,
    subject: 'reembolso',
    text: 'Cancelei em outubro e quero o estorno da mensalidade de novembro.',
    outcome: 'BILLING_QUESTION',
  },
];

const ROUND5_ACCESS: Row[] = [
  {
    name: 'a lost Google Authenticator: "não consigo concluir o login"',
    from: NOBODY,
    subject: 'Google Authenticator',
    text: 'Troquei de celular e perdi o Google Authenticator, não consigo concluir o login.',
    outcome: 'ACCESS_ISSUE',
    rule: 'topic.access.no-access',
  },
  {
    name: '"não estou conseguindo completar o login"',
    from: NOBODY,
    subject: 'login',
    text: 'Não estou conseguindo completar o login, a tela fica carregando.',
    outcome: 'ACCESS_ISSUE',
  },
  {
    name: 'the password reset link that expired',
    from: NOBODY,
    subject: 'link de senha',
    text: 'O link de redefinição de senha diz que expirou toda vez que clico nele.',
    outcome: 'ACCESS_ISSUE',
  },
  {
    name: 'a former employee changed the password: "trancados para fora do painel"',
    from: NOBODY,
    subject: 'ex-funcionária',
    text: 'A ex-funcionária trocou a senha do usuário administrador e saiu da empresa. Estamos trancados para fora do painel.',
    outcome: 'ACCESS_ISSUE',
  },
  {
    name: 'a hacked account: "fui hackeada"',
    from: NOBODY,
    subject: 'hackeado',
    text: 'Fui hackeada, alguém trocou o e-mail da conta administradora e eu não recebo mais nada para recuperar.',
    outcome: 'ACCESS_ISSUE',
  },
  {
    name: 'an invaded account: "invadiram minha conta e mudaram a senha"',
    from: NOBODY,
    subject: 'urgente',
    text: 'Invadiram minha conta e mudaram a senha do admin.',
    outcome: 'ACCESS_ISSUE',
  },
  {
    name: "guard: the shoppers' login at the store is no access issue",
    from: NOBODY,
    subject: 'login social',
    text: 'Não consigo configurar o login com Facebook para os clientes da loja.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['topic.access.no-access'],
  },
  {
    name: 'guard: a hacked account with a valid ticket is accepted',
    from: OWNER,
    subject: 'Chamado 48213',
    text: 'Fui hackeada há uma semana, abri o chamado 48213 e o suporte não devolveu meu acesso.',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
  {
    name: "guard: a shopper's password changed at the store is no access issue",
    from: NOBODY,
    subject: 'senha da cliente',
    text: 'A cliente trocou a senha na loja e não consegue entrar na conta dela.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['topic.access.no-access'],
  },
  {
    name: 'Spanish "no me dejan entrar al panel"',
    from: NOBODY,
    subject: 'Panel',
    text: 'No me dejan entrar al panel, dice que mi cuenta está inactiva.',
    outcome: 'ACCESS_ISSUE',
  },
  {
    name: '"o sistema não me deixa entrar"',
    from: NOBODY,
    subject: 'acesso',
    text: 'Desde ontem o sistema não me deixa entrar, fica voltando para a tela inicial.',
    outcome: 'ACCESS_ISSUE',
  },
  {
    name: '"esqueci meu login"',
    from: NOBODY,
    subject: 'login',
    text: 'Esqueci meu login e o e-mail cadastrado não existe mais.',
    outcome: 'ACCESS_ISSUE',
  },
  {
    name: 'a CNAME pointed at the platform: "agora nem o painel abre"',
    from: NOBODY,
    subject: 'domínio',
    text: 'Apontei o CNAME do www para vocês, mas agora nem o painel abre.',
    outcome: 'ACCESS_ISSUE',
  },
];

const ROUND5_PROSPECTS_AND_SHOPPERS: Row[] = [
  {
    name: 'chat-speak prospect: "quanto sai por mes?"',
    from: SHOPPER,
    subject: 'planos',
    text: 'Oi! Vcs tem plano pra quem vende pouco? quanto sai por mes?',
    outcome: 'NOT_A_CLIENT',
    rule: 'client.prospect.text',
  },
  {
    name: 'a prospect selling on Instagram: "qual o investimento mensal?"',
    from: SHOPPER,
    subject: 'Instagram',
    text: 'Boa tarde, vendo pelo Instagram e quero ter um site com vocês. Vocês fazem a migração? Qual o investimento mensal?',
    outcome: 'NOT_A_CLIENT',
    rule: 'client.prospect.text',
  },
  {
    name: 'a prospect: "como faço para começar a vender com a plataforma?"',
    from: SHOPPER,
    subject: 'Começar',
    text: 'Vi o anúncio de vocês no Instagram. Como faço para começar a vender com a plataforma?',
    outcome: 'NOT_A_CLIENT',
    rule: 'client.prospect.text',
  },
  {
    name: 'English prospect "considering your platform … do you offer a trial?"',
    from: SHOPPER,
    subject: 'Trial',
    text: "Hi, we're a small brand from Portugal considering your platform for our Brazilian store. Do you offer a trial?",
    outcome: 'NOT_A_CLIENT',
    rule: 'client.prospect.text',
    language: 'en',
  },
  {
    name: 'a shopper who paid a Pix "para a loja"',
    from: SHOPPER,
    subject: 'Pix pago',
    text: 'Paguei um Pix de R$ 320,00 para a loja Bella Moda e o pedido 55821 continua aguardando pagamento. Vocês podem ver?',
    outcome: 'NOT_A_CLIENT',
    rule: 'client.shopper.text',
    variant: 'shopper',
    notTickets: ['55821'],
  },
  {
    name: 'a shopper: "o site é feito por vocês, então quero que resolvam"',
    from: SHOPPER,
    subject: 'Troca',
    text: 'Meu produto veio com defeito e a loja não aceita a troca. O site é feito por vocês, então quero que resolvam.',
    outcome: 'NOT_A_CLIENT',
    rule: 'client.shopper.text',
    variant: 'shopper',
  },
  {
    name: 'guard: "meu site feito por vocês" is a merchant\'s, no ticket',
    from: NOBODY,
    subject: 'fora do ar',
    text: 'Meu site feito por vocês está fora do ar desde cedo.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['client.shopper.text'],
  },
  {
    name: 'guard: a client asking the investment of a module is no prospect',
    from: NOBODY,
    subject: 'B2B',
    text: 'Qual o investimento mensal do módulo B2B? Minha loja já está com vocês.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['client.prospect.text'],
  },
  {
    name: 'a shopper: "recebi um produto diferente do que pedi na loja"',
    from: SHOPPER,
    subject: 'produto errado',
    text: 'Recebi um produto diferente do que pedi na loja Casa Bonita e ninguém responde.',
    outcome: 'NOT_A_CLIENT',
    rule: 'client.shopper.text',
    variant: 'shopper',
  },
  {
    name: 'a shopper: "o site usa a plataforma de vocês"',
    from: SHOPPER,
    subject: 'reclamação',
    text: 'A Casa Bonita não entrega e não devolve. O site usa a plataforma de vocês, façam alguma coisa.',
    outcome: 'NOT_A_CLIENT',
    rule: 'client.shopper.text',
    variant: 'shopper',
  },
  {
    name: 'guard: "minha loja usa a plataforma há 3 anos" is a merchant, no ticket',
    from: NOBODY,
    subject: 'lentidão',
    text: 'Minha loja usa a plataforma há 3 anos e nunca esteve tão lenta.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['client.shopper.text'],
  },
  {
    name: 'a shopper who returned the product "para a loja" and got no refund',
    from: SHOPPER,
    subject: 'Devolução',
    text: 'Devolvi o produto para a loja Casa Bonita há 30 dias e até agora não recebi o reembolso.',
    outcome: 'NOT_A_CLIENT',
    rule: 'client.shopper.text',
    variant: 'shopper',
  },
  {
    name: 'guard: a theme the merchant paid "para a loja" is no shopper\'s order, no ticket',
    from: NOBODY,
    subject: 'tema',
    text: 'Paguei o tema premium para a loja e ele não instalou.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['client.shopper.text'],
  },
  {
    name: 'guard: the fee paid "para a loja voltar ao ar" is the merchant\'s, no ticket',
    from: NOBODY,
    subject: 'loja suspensa',
    text: 'Paguei a mensalidade atrasada para a loja voltar ao ar e ela continua suspensa.',
    outcome: 'ACCESS_ISSUE',
    notRules: ['client.shopper.text'],
  },
];

const ROUND5_FEATURES: Row[] = [
  {
    name: 'English "any plans to support a Mercado Livre integration?"',
    from: NOBODY,
    subject: 'Mercado Livre',
    text: 'Any plans to support a Mercado Livre integration? We really need it.',
    outcome: 'OUT_OF_SCOPE_FEATURE',
    rule: 'scope.feature.request',
  },
  {
    name: 'English "are you planning a wholesale price option?"',
    from: NOBODY,
    subject: 'Wholesale',
    text: 'Are you planning a wholesale price option for B2B buyers?',
    outcome: 'OUT_OF_SCOPE_FEATURE',
  },
  {
    name: '"seria top se a plataforma tivesse um app de PDV"',
    from: NOBODY,
    subject: 'PDV',
    text: 'Seria top se a plataforma tivesse um app de PDV pra loja física.',
    outcome: 'OUT_OF_SCOPE_FEATURE',
    rule: 'scope.feature.request',
  },
  {
    name: '"vcs não pensam em lançar um app pro lojista?"',
    from: NOBODY,
    subject: 'app',
    text: 'Vcs não pensam em lançar um app pro lojista? Toda plataforma tem.',
    outcome: 'OUT_OF_SCOPE_FEATURE',
  },
  {
    name: '"dá pra vocês colocarem a opção de frete por bairro?"',
    from: NOBODY,
    subject: 'frete por bairro',
    text: 'Dá pra vocês colocarem a opção de frete por bairro? Hoje só tem por CEP.',
    outcome: 'OUT_OF_SCOPE_FEATURE',
  },
  {
    name: 'guard: "any plans to fix the sales report?" is a broken report, no ticket',
    from: NOBODY,
    subject: 'Report',
    text: 'Any plans to fix the sales report? The totals are off since Monday.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['scope.feature.request'],
  },
  {
    name: 'guard: "se a plataforma tivesse funcionado" is a complaint, with a valid ticket',
    from: OWNER,
    subject: 'Black Friday',
    text: 'Se a plataforma tivesse funcionado na Black Friday eu não teria perdido as vendas do app. Chamado 48213.',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
  {
    name: 'guard: "se vocês tivessem mais respeito" is no feature, with a valid ticket',
    from: OWNER,
    subject: 'Chamado 48213',
    text: 'Seria ótimo se vocês tivessem mais respeito com o lojista. Chamado 48213 sem resposta há 20 dias.',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
  {
    name: 'guard: "vocês colocarem um relatório que funcione" is a complaint, with a valid ticket',
    from: OWNER,
    subject: 'relatório',
    text: 'Chamado 48213: estou esperando vocês colocarem um relatório que funcione de verdade.',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
  {
    name: 'guard: "se vocês tivessem um app que não travasse" is a complaint, with a valid ticket',
    from: OWNER,
    subject: 'app',
    text: 'Se vocês tivessem um app que não travasse eu não perderia vendas. Chamado 48213.',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
  {
    name: 'guard: English "do you plan to answer my ticket about the report?", with a valid ticket',
    from: OWNER,
    subject: 'Ticket 48213',
    text: 'Do you plan to answer my ticket 48213 about the report? It has been two weeks.',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
];

const ROUND5_ASIDES: Row[] = [
  {
    name: 'a broken sync with a valid ticket, and "aproveitando, seria ótimo ter integração com a Shopee"',
    from: OWNER,
    subject: 'Chamado 48213',
    text: 'O estoque do Bling parou de sincronizar e ninguém do suporte resolve, chamado 48213 aberto há 10 dias. Aproveitando, seria ótimo ter integração com a Shopee também.',
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['scope.feature.integration', 'scope.feature.suggestion'],
  },
  {
    name: 'a report error with a valid ticket, and "também queria sugerir que vocês criassem um relatório"',
    from: OWNER,
    subject: 'relatório com erro',
    text: 'O relatório de vendas está dando erro 500 desde a atualização (chamado 48213). Também queria sugerir que vocês criassem um relatório por vendedor.',
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['scope.feature.request'],
  },
  {
    name: 'a checkout complaint with a valid ticket, and "PS: poderiam criar um app para o lojista?"',
    from: OWNER,
    subject: 'checkout',
    text: `O checkout recusa cartões desde segunda e o chamado 48213 não teve resposta.
PS: vocês poderiam criar um app para o lojista?`,
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
  {
    name: 'a label complaint with a valid ticket, and "de quebra, vocês podiam adicionar integração com a Amazon"',
    from: OWNER,
    subject: 'etiquetas',
    text: 'As etiquetas saem com o CEP errado, chamado 48213. De quebra, vocês podiam adicionar integração com a Amazon.',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
  {
    name: 'guard: a feature request with a valid ticket and no aside is still a feature request',
    from: OWNER,
    subject: 'Shopee',
    text: 'Chamado 48213: vocês poderiam criar uma integração com a Shopee? O suporte disse que não tem.',
    outcome: 'OUT_OF_SCOPE_FEATURE',
  },
  {
    name: 'guard: a suggestion of a new feature, no ticket, no aside',
    from: NOBODY,
    subject: 'Sugestão',
    text: 'Gostaria que a plataforma tivesse integração nativa com o Pagar.me para split de pagamento entre vendedores.',
    outcome: 'OUT_OF_SCOPE_FEATURE',
  },
];

/** A row of the ticket's owner whose words sound automatic but are theirs: a case, never the text rule. */
const caseNotAutomatic =
  (label: string) =>
  (text: string): Row => ({
    name: `${label}: ${text.slice(0, 45)}…`,
    from: OWNER,
    subject: 'Chamado 48213',
    text,
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['auto.machine-generated.text'],
  });

const ROUND5_OUT_OF_OFFICE: Row[] = [
  {
    name: 'a Portuguese out-of-office with no header that names the ticket ("Ausência temporária")',
    from: OWNER,
    subject: 'Ausência temporária',
    text: 'Olá, estarei ausente até 05/01/2027 sem acesso ao e-mail. Assuntos do chamado 48213 com a Joana: joana@modasbella.com.br.',
    outcome: 'NO_PRIOR_TICKET',
    rule: 'auto.machine-generated',
  },
  {
    name: 'a Portuguese out-of-office by its text only: "estou em férias e retorno…", "enviada automaticamente"',
    from: OWNER,
    subject: 'Re: Chamado 48213',
    text: 'Obrigada pela sua mensagem. Estou em férias e retorno no dia 10/01/2027. Esta mensagem foi enviada automaticamente.',
    outcome: 'NO_PRIOR_TICKET',
    rule: 'auto.machine-generated.text',
  },
  {
    name: 'a Spanish out-of-office that says it was sent automatically',
    from: OWNER,
    subject: 'RE: Ticket 48213',
    text: 'Estoy de vacaciones hasta el 15 de enero. Este mensaje fue enviado automáticamente. Gracias.',
    outcome: 'NO_PRIOR_TICKET',
    rule: 'auto.machine-generated.text',
  },
  {
    name: 'an English automatic reply by its text only',
    from: OWNER,
    subject: 'Re: [OUV-2026-000123] Recebemos sua manifestação',
    text: 'Thank you for your email. This is an automatic reply: I am away until January 5th with limited access to email.',
    outcome: 'NO_PRIOR_TICKET',
    rule: 'auto.machine-generated.text',
  },
  // A merchant going away writes "estou de férias até…" beside the complaint; only a notice that
  // says it was sent automatically is stored as one (a complaint dropped is never answered).
  ...[
    'Estou de férias até dia 15 e preciso que o checkout volte a funcionar. Chamado 48213.',
    'Estarei ausente até sexta, mas por favor me liguem: os pedidos não entram desde ontem. Chamado 48213.',
    'Bom dia. Estou de férias e retorno dia 20, mas minha sócia acompanha. O chamado 48213 continua sem retorno e as vendas caíram.',
    'Estou em férias até 10/01 e a integração com o Bling parou de enviar pedidos. Abri o chamado 48213 e nada.',
    'Estou de férias até 20/01, com acesso limitado aos e-mails, mas o chamado 48213 precisa andar: a loja não vende há três dias.',
    'Mensagem enviada automaticamente pelo meu ERP: o pedido 5555 não foi integrado. Já abri o chamado 48213 no suporte e ninguém olhou.',
    'Esta mensagem foi enviada automaticamente pelo meu ERP às 03:00: a sincronização falhou de novo. Chamado 48213.',
  ].map(caseNotAutomatic('guard: a merchant away or quoting their system, with a valid ticket')),
  // A notice's own sentence ("estou fora do escritório até…", "I am out of the office") beside a
  // request to solve the ticket it cites: the merchant wrote it, and is answered.
  ...[
    ['Chamado 48213', 'Estou fora do escritório até 15/12; preciso da solução do chamado 48213 antes.'],
    ['Urgente', 'Estarei fora do escritório até dia 20, mas o chamado 48213 precisa ser resolvido: a loja não vende.'],
    ['Ticket 48213', 'I am out of the office until Monday, please fix ticket 48213 before then.'],
    ['Férias', 'Estou de férias até dia 20 mas preciso que o suporte resolva o checkout. Chamado 48213.'],
  ].map(
    ([subject, text]): Row => ({
      name: `guard: away, and asking to solve the ticket cited: ${subject} / ${text?.slice(0, 40)}…`,
      from: OWNER,
      subject: subject as string,
      text,
      outcome: 'ACCEPTED',
      rule: 'ticket.valid',
      ticket: '48213',
      notRules: ['auto.machine-generated'],
    }),
  ),
  ...[
    // A robot says so: the ticket it names is not a request.
    'Esta é uma resposta automática: estou fora do escritório até 15/12 e o chamado 48213 será resolvido no retorno.',
    // No ticket cited: solving is handed to someone else.
    'Estou fora do escritório até 15/12. Problemas a resolver com a Joana: joana@modasbella.com.br.',
    // A delivery failure quoting the mail it returns: the request is that mail's.
    'Não foi possível entregar sua mensagem para joao@modasbella.com.br. Mensagem original: preciso que resolvam o chamado 48213.',
  ].map(
    (text): Row => ({
      name: `a notice that mentions solving stays automatic: ${text.slice(0, 50)}…`,
      from: OWNER,
      subject: 'Re: Chamado 48213',
      text,
      outcome: 'NO_PRIOR_TICKET',
      rule: 'auto.machine-generated.text',
    }),
  ),
  {
    name: 'guard: a merchant going on holiday who wants the problem solved first, with a valid ticket',
    from: OWNER,
    subject: 'Chamado 48213',
    text: 'Estarei de férias até dia 10 e preciso que resolvam o problema do frete antes. Chamado 48213.',
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['auto.machine-generated.text'],
  },
  {
    name: 'guard: a subject that says the merchant is away and goes on to the complaint, with a valid ticket',
    from: OWNER,
    subject: 'Estou de férias e a loja caiu - chamado 48213',
    text: 'Viajei ontem e hoje a loja amanheceu fora do ar. O chamado 48213 foi aberto às 8h e ninguém respondeu.',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
  {
    name: 'guard: a bare "Resposta automática" subject over a complaint about support, with a valid ticket',
    from: OWNER,
    subject: 'Resposta automática',
    text: 'Há três semanas só recebo resposta automática do suporte. O chamado 48213 continua sem solução e a loja está parada.',
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['auto.machine-generated'],
  },
  {
    name: 'guard: a bare "Férias" subject over a store that stopped selling, with a valid ticket',
    from: OWNER,
    subject: 'Férias',
    text: 'Bom dia. Entrei de férias e a loja parou de receber pedidos. Abri o chamado 48213 e ninguém responde.',
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['auto.machine-generated'],
  },
  {
    name: 'a bare "Férias" subject over an absence notice stays automatic',
    from: OWNER,
    subject: 'Férias',
    text: 'Estou de férias até 15/12, sem acesso ao e-mail. Para problemas com pedidos, fale com o João (11) 99999-0000.',
    outcome: 'NO_PRIOR_TICKET',
    rule: 'auto.machine-generated',
  },
  {
    name: 'guard: a merchant pasting the support’s automatic notice, with a valid ticket',
    from: OWNER,
    subject: 'Chamado 48213',
    text: 'Esta mensagem foi enviada automaticamente pelo suporte: "seu chamado foi resolvido". Não foi! A loja continua fora do ar.',
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['auto.machine-generated.text', 'auto.machine-generated'],
  },
  {
    name: 'guard: the store’s own mail bouncing ("undeliverable"), with a valid ticket',
    from: OWNER,
    subject: 'E-mails da loja voltando',
    text: 'Meus e-mails para clientes voltam como undeliverable desde ontem. O chamado 48213 não teve solução.',
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['auto.machine-generated.text', 'auto.machine-generated'],
  },
  {
    name: 'a bare "Undeliverable" subject over the store’s bouncing mail, with a valid ticket',
    from: OWNER,
    subject: 'Undeliverable',
    text: 'Meus e-mails aos clientes voltam todos. Abri o chamado 48213 e ninguém resolveu.',
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['auto.machine-generated'],
  },
  {
    name: 'guard: "Ausência de resposta do suporte" is a complaint, with a valid ticket',
    from: OWNER,
    subject: 'Ausência de resposta do suporte',
    text: 'O chamado 48213 está sem resposta há 15 dias.',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
  {
    name: 'guard: a merchant quoting the notice they got, with a valid ticket',
    from: OWNER,
    subject: 'Chamado 48213',
    text: 'Recebi só "esta mensagem foi enviada automaticamente" do suporte, e o chamado 48213 segue parado.',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
  {
    name: 'guard: a merchant on holiday who complains in the next sentence, with a valid ticket',
    from: OWNER,
    subject: 'Chamado 48213',
    text: 'Estou de férias até dia 20. A loja está fora do ar e o chamado 48213 não anda.',
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['auto.machine-generated.text'],
  },
];

const ROUND5_USED_TO_WORK: Row[] = [
  {
    name: 'a pasted chat where the support says "não existe a opção" of what "funcionava até semana passada", with a valid ticket',
    from: OWNER,
    subject: 'Chamado 48213 - transcrição',
    text: `Segue a conversa do chat, absurdo:

[10:32] Carla (Atendente): Olá! Infelizmente não existe a opção de frete por bairro.
[10:33] Lojista: Mas funcionava até semana passada!
[10:35] Carla (Atendente): Vou abrir o chamado 48213 para o time.

Até hoje nada.`,
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['scope.feature.suggestion'],
  },
  {
    name: 'the support answered "não temos integração com o Bling" after the orders "pararam de entrar", with a valid ticket',
    from: OWNER,
    subject: 'Bling',
    text: 'Abri o chamado 48213 porque os pedidos do Bling pararam de entrar. Eles responderam: "não temos integração com o Bling". Mas eu uso há 2 anos!',
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['scope.feature.integration'],
  },
  {
    name: 'the support claims "ainda não existe" a report that "deixou de funcionar", no ticket',
    from: NOBODY,
    subject: 'relatório',
    text: 'O relatório de comissões deixou de funcionar na atualização. No chat me disseram que essa funcionalidade ainda não existe, mas eu usei por um ano.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['scope.feature.suggestion', 'scope.feature.missing-complaint'],
  },
  {
    name: 'guard: "disseram que não existe integração com a Shopee. Quando vão ter?" is still a feature request over a valid ticket',
    from: OWNER,
    subject: 'Shopee',
    text: 'No chamado 48213 disseram que não existe integração com a Shopee. Quando vão ter?',
    outcome: 'OUT_OF_SCOPE_FEATURE',
    rule: 'scope.feature.integration',
  },
  {
    name: 'guard: another platform that "parou de atender o Brasil" does not contest a feature request',
    from: NOBODY,
    subject: 'assinaturas',
    text: 'Vocês poderiam criar um módulo de assinaturas? Minha outra plataforma parou de atender o Brasil.',
    outcome: 'OUT_OF_SCOPE_FEATURE',
    rule: 'scope.feature.request',
  },
];

describe('round 2, class 1: people who are not clients', () => {
  it('has at least ten new messages', () => expect(NOT_CLIENTS.length).toBeGreaterThanOrEqual(10));
  it.each(NOT_CLIENTS.map((r) => [r.name, r] as const))('%s', async (_n, row) => {
    await check(row);
  });
});

describe('round 2, class 2: ticket numbers written carelessly', () => {
  it('has at least ten new messages', () => expect(CARELESS_TICKETS.length).toBeGreaterThanOrEqual(10));
  it.each(CARELESS_TICKETS.map((r) => [r.name, r] as const))('%s', async (_n, row) => {
    await check(row);
  });
});

describe('round 2, class 3: scope rules that fired on one word', () => {
  it('has at least ten new messages', () => expect(SCOPE.length).toBeGreaterThanOrEqual(10));
  it.each(SCOPE.map((r) => [r.name, r] as const))('%s', async (_n, row) => {
    await check(row);
  });
});

describe('round 2, class 4: Spanish and English', () => {
  it('has at least ten new messages', () => expect(LANGUAGES.length).toBeGreaterThanOrEqual(10));
  it.each(LANGUAGES.map((r) => [r.name, r] as const))('%s', async (_n, row) => {
    await check(row);
  });
});

describe('round 2, class 6: automatic mail that mentions a ticket', () => {
  it('has at least ten new messages', () => expect(AUTOMATIC.length).toBeGreaterThanOrEqual(10));
  it.each(AUTOMATIC.map((r) => [r.name, r] as const))('%s', async (_n, row) => {
    const { s, decision } = await check(row);
    expect(decision.outcome).not.toBe('ACCEPTED');
    // The policy's own check agrees, Outlook's out-of-office (X-Auto-Response-Suppress) included.
    if (row.rule === 'auto.machine-generated') expect(isMachineGenerated(s, localConfig)).toBe(true);
  });
});

describe('round 3: suggestions, integration plans, store reports and partnerships', () => {
  it.each(ROUND3.map((r) => [r.name, r] as const))('%s', async (_n, row) => {
    await check(row);
  });
});

describe('round 4: the canonicaliser, access, billing, commercial, features, prospects and shoppers', () => {
  it.each(
    [
      ROUND4_CANONICAL,
      ROUND4_ACCESS,
      ROUND4_BILLING,
      ROUND4_COMMERCIAL,
      ROUND4_FEATURE,
      ROUND4_PROSPECT,
      ROUND4_SHOPPER,
    ].flatMap((rows) => rows.map((r) => [r.name, r] as const)),
  )('%s', async (_n, row) => {
    await check(row);
  });
});

describe('round 2: replies follow the message', () => {
  const ctx = { subject: 'Sin acceso', receivedAt: '2026-11-25T13:00:00.000Z', senderName: 'Diego' };
  const LINKS = Object.values(localConfig.links);

  it.each([
    ['es', 'ACCESS_ISSUE', /Hola, Diego/, /soporte técnico/],
    ['es', 'BILLING_QUESTION', /Hola/, /facturas/],
    ['es', 'NOT_A_CLIENT', /Hola/, /Comercial/],
    ['es', 'NO_PRIOR_TICKET', /Hola/, /Central de Atención/],
    ['en', 'ACCESS_ISSUE', /Hello, Diego/, /technical support/],
    ['en', 'OUT_OF_SCOPE_FEATURE', /Hello/, /features/],
    ['en', 'OUT_OF_SCOPE_COMMERCIAL', /Hello/, /Sales/],
    ['en', 'TICKET_INVALID', /Hello/, /ticket number/],
  ] as const)('%s %s', (language, outcome, greeting, topic) => {
    const mail = renderReply(outcome, { ...ctx, language }, localConfig);
    expect(mail.text).toMatch(greeting);
    expect(mail.text).toMatch(topic);
    expect(mail.text).not.toMatch(/Recebemos sua mensagem/);
    expect(mail.html).toContain(`lang="${language}"`);
    const ptLinks = LINKS.filter((l) => renderReply(outcome, ctx, localConfig).text.includes(l));
    for (const link of ptLinks) expect(mail.text).toContain(link);
  });

  it.each(['pt-BR', 'es', 'en'] as const)(
    'the %s acknowledgement carries the protocol and office hours',
    (language) => {
      const mail = renderReply('ACCEPTED', { ...ctx, language, protocol: 'OUV-2026-000123' }, localConfig);
      expect(mail.subject).toContain('OUV-2026-000123');
      expect(mail.text).toContain('OUV-2026-000123');
      expect(mail.text).toMatch(/09:00/);
    },
  );

  it.each(['pt-BR', 'es', 'en'] as const)(
    'the %s shopper variant says the store handles its orders, not Sales',
    (language) => {
      const mail = renderReply('NOT_A_CLIENT', { ...ctx, language, variant: 'shopper' }, localConfig);
      expect(mail.text).toMatch(/loja|tienda|store/);
      expect(mail.text).toMatch(/pedidos|pedidos|orders/);
      expect(mail.text).not.toContain(localConfig.links.sales);
    },
  );
});

/** Round 6: the store's customer charged, stuck at the sign-in page, a rival's offer, a shop moving in. */
const ROUND6: Row[] = [
  ...[
    'O pedido 884422 entrou duplicado no painel e o cliente foi cobrado duas vezes.',
    'A cliente foi cobrada no cartão e o pedido não aparece no painel.',
    'As clientes reclamam que foram cobradas em dobro no Pix da loja.',
  ].map(
    (text): Row => ({
      name: `the store's customer charged is a store problem, not our billing: ${text.slice(0, 50)}…`,
      from: NOBODY,
      subject: 'Cobrança duplicada',
      text,
      outcome: 'NO_PRIOR_TICKET',
      notRules: ['topic.billing.charge'],
    }),
  ),
  ...[
    'Sou cliente há 3 anos e fui cobrada duas vezes na mensalidade.',
    'Sou uma cliente antiga e a fatura de vocês veio em dobro este mês.',
  ].map(
    (text): Row => ({
      name: `guard: the merchant as a client charged twice is billing: ${text.slice(0, 50)}…`,
      from: NOBODY,
      subject: 'Cobrança duplicada',
      text,
      outcome: 'BILLING_QUESTION',
    }),
  ),
  ...[
    'Fico presa na tela de login, a página recarrega e volta para o início.',
    'Coloco a senha certa e a página volta para a tela de login, não passa disso.',
    'O painel não sai da tela de login desde ontem.',
  ].map(
    (text): Row => ({
      name: `stuck at the sign-in page is an access issue: ${text.slice(0, 50)}…`,
      from: NOBODY,
      subject: 'Painel',
      text,
      outcome: 'ACCESS_ISSUE',
      rule: 'topic.access.no-access',
    }),
  ),
  {
    name: "guard: the store's customer stuck at the store's sign-in page is not ours to unlock",
    from: NOBODY,
    subject: 'Login da loja',
    text: 'A cliente fica presa na tela de login da loja e não consegue ver os pedidos dela.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['topic.access.no-access'],
  },
  ...[
    'Recebi proposta de outra plataforma pela metade do preço. Conseguem cobrir?',
    'Vocês conseguem igualar o preço que a Nuvemshop me ofereceu?',
    'Se vocês cobrirem a oferta da concorrência eu fico. Conseguem cobrir essa proposta?',
  ].map(
    (text): Row => ({
      name: `a rival's offer to match is a commercial negotiation: ${text.slice(0, 50)}…`,
      from: NOBODY,
      subject: 'Proposta',
      text,
      outcome: 'OUT_OF_SCOPE_COMMERCIAL',
    }),
  ),
  ...[
    'Minha fatura venceu dia 10 e estou com R$ 600 em aberto. Consigo parcelar esse valor em 3x sem juros?',
    'Estou devendo duas mensalidades. Dá pra parcelar o que devo?',
    'Tenho faturas em atraso e quero parcelar as faturas em atraso.',
    'Gostaria de parcelar o saldo devedor da minha conta.',
  ].map(
    (text): Row => ({
      name: `a debt to split is a commercial negotiation: ${text.slice(0, 50)}…`,
      from: NOBODY,
      subject: 'Débito',
      text,
      outcome: 'OUT_OF_SCOPE_COMMERCIAL',
      rule: 'scope.commercial.negotiation',
    }),
  ),
  ...['A fatura do plano anual pode ser parcelada no cartão?', 'Posso parcelar o plano anual em 12x no cartão?'].map(
    (text): Row => ({
      name: `guard: how a plan is paid is a billing question, not a debt: ${text.slice(0, 50)}…`,
      from: NOBODY,
      subject: 'Plano anual',
      text,
      outcome: 'BILLING_QUESTION',
    }),
  ),
  ...[
    ['Hoje vendo pela Nuvemshop e estou pensando em migrar para vocês. Vocês ajudam na migração?', 'pt-BR'],
    ['Hi, I am thinking of opening an online store with you. What are your plans and prices?', 'en'],
  ].map(
    ([text, language]): Row => ({
      name: `a shop moving in is a prospect: ${text?.slice(0, 50)}…`,
      from: SHOPPER,
      subject: 'Plataforma',
      text,
      outcome: 'NOT_A_CLIENT',
      rule: 'client.prospect.text',
      language: language as MessageLanguage,
    }),
  ),
  ...[
    'O antigo sócio era o dono da conta e saiu da empresa. Como transfiro a titularidade do painel para mim?',
    'A titular da conta saiu da empresa e ninguém mais entra no painel.',
  ].map(
    (text): Row => ({
      name: `the account's owner left: an access issue: ${text.slice(0, 50)}…`,
      from: NOBODY,
      subject: 'Conta',
      text,
      outcome: 'ACCESS_ISSUE',
      rule: 'topic.access.no-access',
    }),
  ),
  {
    name: 'guard: moving the account to a new company number is not lost access',
    from: NOBODY,
    subject: 'Titularidade',
    text: 'Preciso transferir a titularidade da conta para o CNPJ novo da empresa.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['topic.access.no-access'],
  },
  ...[
    'Recebi um produto com defeito da loja Bella Casa e eles não querem trocar. Vocês podem fazer algo?',
    'Fui cobrada duas vezes numa compra que fiz no site da Loja Sol, que é da plataforma de vocês.',
    'Comprei um tênis, veio o número errado e a loja não aceita a troca.',
  ].map(
    (text): Row => ({
      name: `a store's shopper, in other words: ${text.slice(0, 50)}…`,
      from: SHOPPER,
      subject: 'Compra',
      text,
      outcome: 'NOT_A_CLIENT',
      rule: 'client.shopper.text',
      variant: 'shopper',
    }),
  ),
  {
    name: "guard: a merchant's own exchange setting that fails is not a shopper",
    from: NOBODY,
    subject: 'Trocas',
    text: 'A cliente diz que a loja não quer trocar o produto, mas a troca está configurada no painel e não funciona.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['client.shopper.text'],
  },
  {
    name: 'a wish with words between: "seria muito bom se o painel tivesse modo escuro"',
    from: NOBODY,
    subject: 'Sugestão',
    text: 'Seria muito bom se o painel tivesse modo escuro.',
    outcome: 'OUT_OF_SCOPE_FEATURE',
  },
  ...[
    'Seria muito bom se o suporte tivesse respondido antes, a loja ficou 3 dias parada.',
    'Seria ótimo se o painel tivesse funcionado na Black Friday, perdi vendas.',
  ].map(
    (text): Row => ({
      name: `guard: "seria bom se … tivesse" about what failed is a complaint: ${text.slice(0, 50)}…`,
      from: NOBODY,
      subject: 'Reclamação',
      text,
      outcome: 'NO_PRIOR_TICKET',
    }),
  ),
  ...[
    'O vendedor me garantiu isenção da taxa de setup e ela veio na fatura. Abri o chamado 48213.',
    'A negociação da dívida que o financeiro fez comigo no chamado 48213 não foi respeitada: cobraram tudo de uma vez.',
    'O acordo de parcelamento do chamado 48213 foi descumprido por vocês: debitaram o total.',
  ].map(
    (text): Row => ({
      name: `a condition assured or an agreement not kept, with a valid ticket, is a case: ${text.slice(0, 50)}…`,
      from: OWNER,
      subject: 'Chamado 48213',
      text,
      outcome: 'ACCEPTED',
      ticket: '48213',
    }),
  ),
  ...[
    'Quero um desconto garantido por 12 meses para continuar com vocês.',
    'Quero renegociar minha dívida, o acordo anterior venceu.',
  ].map(
    (text): Row => ({
      name: `guard: asking for a condition or a new agreement is still commercial: ${text.slice(0, 50)}…`,
      from: NOBODY,
      subject: 'Proposta',
      text,
      outcome: 'OUT_OF_SCOPE_COMMERCIAL',
    }),
  ),
  {
    name: 'an integration the support says lacks a feature "it had until yesterday", with a valid ticket, is a case',
    from: OWNER,
    subject: 'Chamado 48213',
    text: 'O suporte diz que a integração com o Mercado Pago não tem suporte a Pix parcelado, mas tinha até ontem. Chamado 48213.',
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['scope.feature.integration'],
  },
  {
    name: 'guard: an integration the platform never had is still a feature request',
    from: NOBODY,
    subject: 'Integração',
    text: 'A plataforma não tem integração com o TikTok Shop e não tinha até hoje. Quando vai ter?',
    outcome: 'OUT_OF_SCOPE_FEATURE',
  },
  ...[
    [
      'Ticket 48213',
      'Hola, el pedido no se pudo entregar porque la integración con Correo Argentino falla. Ticket 48213.',
      'es',
    ],
    [
      'Ticket 48213',
      'The order could not be delivered because the shipping integration sends the wrong address. Ticket 48213.',
      'en',
    ],
    [
      'Ticket 48213',
      'Half of my packages come back marked undeliverable because your checkout drops the street number. Ticket 48213.',
      'en',
    ],
    ['Ticket 48213', 'Delivery has failed for all orders since the Correios integration update. Ticket 48213.', 'en'],
    [
      'Chamado 48213',
      'Sua mensagem não pode ser entregue: é o que meus clientes recebem quando escrevem para a loja. Chamado 48213.',
      'pt-BR',
    ],
  ].map(
    ([subject, text, language]): Row => ({
      name: `orders that could not be delivered are the store's shipping, not a bounce: ${text?.slice(0, 45)}…`,
      from: OWNER,
      subject: subject as string,
      text,
      outcome: 'ACCEPTED',
      ticket: '48213',
      language: language as MessageLanguage,
      notRules: ['auto.machine-generated.text'],
    }),
  ),
  ...[
    'Delivery has failed to these recipients or groups: joao@modasbella.com.br. The recipient mailbox is full.',
    'Estou fora do escritório até 15/12. Pedidos urgentes: fale com a Joana.',
  ].map(
    (text): Row => ({
      name: `guard: a failure or a notice with no order in its sentence stays automatic: ${text.slice(0, 45)}…`,
      from: OWNER,
      subject: 'Re: Chamado 48213',
      text,
      outcome: 'NO_PRIOR_TICKET',
      rule: 'auto.machine-generated.text',
    }),
  ),
  ...[
    'O e-mail gerado automaticamente de confirmação sai com o logo errado. Chamado 48213.',
    'A mensagem gerada automaticamente de boas-vindas não está saindo. Chamado 48213.',
    'Estou fora do escritório hoje, mas escrevo porque a loja caiu de novo. Chamado 48213.',
    'Emails from my store could not be delivered to Gmail users since Monday. Ticket 48213.',
  ].map(caseNotAutomatic("the store's own automatic e-mails, or away and writing anyway, is a merchant")),
  ...[
    [
      'Estou fora do escritório e não consigo acessar o painel pelo celular, diz senha inválida.',
      'ACCESS_ISSUE',
      'pt-BR',
    ],
    ["I'm out of the office and can't log in to my store admin from my phone.", 'ACCESS_ISSUE', 'en'],
    ['Estoy fuera de la oficina y no puedo entrar al panel de mi tienda.', 'ACCESS_ISSUE', 'es'],
  ].map(
    ([text, outcome, language]): Row => ({
      name: `away, and what went wrong in the same sentence, is a person: ${text?.slice(0, 45)}…`,
      from: NOBODY,
      subject: 'Painel',
      text,
      outcome: outcome as Outcome,
      language: language as MessageLanguage,
      notRules: ['auto.machine-generated.text'],
    }),
  ),
  {
    name: 'away, the store down and a valid ticket, in one sentence, is a case',
    from: OWNER,
    subject: 'Chamado 48213',
    text: 'Estou fora do escritório e a loja caiu, o chamado 48213 não anda.',
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['auto.machine-generated.text'],
  },
  {
    name: 'guard: "fora do escritório e não consigo responder e-mails" stays a notice',
    from: OWNER,
    subject: 'Re: Chamado 48213',
    text: 'Estou fora do escritório e não consigo responder e-mails até 15/12.',
    outcome: 'NO_PRIOR_TICKET',
    rule: 'auto.machine-generated.text',
  },
  ...[
    ['O suporte só manda "esta é uma mensagem automática" e nunca resolve o chamado 48213.', 'pt-BR'],
    ['Chega de “mensagem gerada automaticamente”! Quero uma pessoa no chamado 48213.', 'pt-BR'],
    ['Vocês responderam com «Esta é uma resposta automática» e fecharam o chamado 48213.', 'pt-BR'],
    ["Aparece 'sua mensagem não pode ser entregue' quando tento responder o chamado 48213.", 'pt-BR'],
    ['All I get is "this is an automated message". Ticket 48213 is still open.', 'en'],
  ].map(
    ([text, language]): Row => ({
      name: `a notice's words in quotation marks are the merchant quoting support: ${text?.slice(0, 45)}…`,
      from: OWNER,
      subject: 'Chamado 48213',
      text,
      outcome: 'ACCEPTED',
      ticket: '48213',
      language: language as MessageLanguage,
    }),
  ),
  ...[
    'Esta é uma mensagem automática. Sobre: "Re: Chamado 48213". Não responda.',
    "I'm out of the office until Monday. This is an automatic reply.",
  ].map(
    (text): Row => ({
      name: `guard: a notice with quotation marks or apostrophes elsewhere stays automatic: ${text.slice(0, 45)}…`,
      from: OWNER,
      subject: 'Re: Chamado 48213',
      text,
      outcome: 'NO_PRIOR_TICKET',
      rule: 'auto.machine-generated.text',
    }),
  ),
  {
    name: 'guard: "este é um e-mail gerado automaticamente, não responda" stays automatic',
    from: OWNER,
    subject: 'Re: Chamado 48213',
    text: 'Este é um e-mail gerado automaticamente, por favor não responda. Sua solicitação foi registrada.',
    outcome: 'NO_PRIOR_TICKET',
    rule: 'auto.machine-generated.text',
  },
  {
    name: 'guard: a merchant threatening to migrate elsewhere is not a prospect',
    from: NOBODY,
    subject: 'Insatisfeita',
    text: 'Estou pensando em migrar para outra plataforma, o checkout da loja cai toda semana.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['client.prospect.text'],
  },
];

describe('round 5: quoted blocks, helpdesk tags, integration jargon, commercial and feature guards', () => {
  it.each(
    [
      ROUND5_QUOTED,
      ROUND5_HELPDESK_TAG,
      ROUND5_BROKEN_INTEGRATION,
      ROUND5_ASKS_THE_SERVICE,
      ROUND5_COMMERCIAL_GUARDS,
      ROUND5_CLIENTS_NOT_PROSPECTS,
      ROUND5_STORE_PAYMENTS,
      ROUND5_ACCESS,
      ROUND5_PROSPECTS_AND_SHOPPERS,
      ROUND5_FEATURES,
      ROUND5_ASIDES,
      ROUND5_OUT_OF_OFFICE,
      ROUND5_USED_TO_WORK,
    ].flatMap((rows) => rows.map((r) => [r.name, r] as const)),
  )('%s', async (_n, row) => {
    await check(row);
  });
});

describe('round 6: store-side charges, the sign-in page, rival offers, shops moving in', () => {
  it.each(ROUND6.map((r) => [r.name, r] as const))('%s', async (_n, row) => {
    await check(row);
  });
});

/** A store's buyer writing about a purchase: the shopper guidance (rounds 7 and 8). */
function buyerRows(texts: string[]): Row[] {
  return texts.map((text) => ({
    name: `a store's buyer: ${text.slice(0, 40)}…`,
    from: SHOPPER,
    subject: 'Compra',
    text,
    outcome: 'NOT_A_CLIENT',
    rule: 'client.shopper.text',
    variant: 'shopper',
  }));
}

// ─────────────── Round 7: a fresh probe of 271 messages (issue 16 session 7) ───────────────
const ROUND7: Row[] = [
  // The store's own prices, stock and rewards, with a valid ticket: complaints, not negotiations.
  {
    name: 'stock that is not deducted ("abater o estoque") is no discount',
    from: 'contato@eletroponto.com.br',
    subject: 'Estoque',
    text: 'A loja não consegue abater o estoque quando vendo pelo Mercado Livre. Chamado 48215 aberto há 15 dias.',
    outcome: 'ACCEPTED',
    ticket: '48215',
  },
  {
    name: 'Spanish: the discounts I set up in my store are not applied',
    from: 'contato@eletroponto.com.br',
    subject: 'Descuentos',
    text: 'Los descuentos que configuré en mi tienda no se aplican en el carrito. Ticket 48215, sin solución.',
    outcome: 'ACCEPTED',
    ticket: '48215',
  },
  {
    name: 'a referral reward that was never credited',
    from: 'financeiro@casadosaromas.com.br',
    subject: 'Programa de indicação',
    text: 'Indiquei 3 lojistas pelo programa de indicação e a bonificação na mensalidade não foi creditada. Chamado 48214.',
    outcome: 'ACCEPTED',
    ticket: '48214',
  },
  {
    name: 'the wholesale price list the merchant configured does not show',
    from: 'ana@papelariaestrela.com.br',
    subject: 'Atacado',
    text: 'O preço especial para clientes atacadistas que configurei no painel não aparece para eles. Chamado 51000.',
    outcome: 'ACCEPTED',
    ticket: '51000',
  },
  {
    name: 'a reseller group with its own prices stopped working',
    from: 'ana@papelariaestrela.com.br',
    subject: 'Revendedores',
    text: 'O grupo de revendedores com preço diferenciado parou de funcionar, todos veem o preço normal. Chamado 51000.',
    outcome: 'ACCEPTED',
    ticket: '51000',
  },
  {
    name: 'guard: a discount on the setup fee is still a negotiation',
    from: NOBODY,
    subject: 'Taxa',
    text: 'Vocês podem me dar um desconto na taxa de configuração da loja?',
    outcome: 'OUT_OF_SCOPE_COMMERCIAL',
  },
  {
    name: 'guard: a special price for a long-time client is still a negotiation',
    from: NOBODY,
    subject: 'Renovação',
    text: 'Sou cliente há 6 anos e quero um preço especial na renovação do plano.',
    outcome: 'OUT_OF_SCOPE_COMMERCIAL',
  },
  // Not a client of someone else, or not a satisfied one: still a merchant.
  ...[
    'Não sou cliente do Mercado Pago e a minha loja não deixa eu trocar o meio de pagamento.',
    'Não sou cliente desse banco que aparece como opção no checkout da minha loja, de onde veio isso?',
    'Não somos clientes satisfeitos: a loja está fora do ar desde segunda.',
  ].map(
    (text): Row => ({
      name: `not a client of someone else, or not a satisfied one: ${text.slice(0, 40)}…`,
      from: NOBODY,
      subject: 'Problema',
      text,
      outcome: 'NO_PRIOR_TICKET',
      notRules: ['client.not-a-client.text'],
    }),
  ),
  {
    name: 'guard: "não sou cliente de vocês ainda" is still not a client',
    from: NOBODY,
    subject: 'Dúvida',
    text: 'Não sou cliente de vocês ainda, queria saber como funciona.',
    outcome: 'NOT_A_CLIENT',
    rule: 'client.not-a-client.text',
  },
  // Former clients who want to come back: sales.
  ...[
    'Fui cliente até o ano passado, cancelei e agora quero voltar. Como faço para reativar?',
    'Cancelei minha loja em março e quero reativar. Ainda tenho os produtos lá?',
    'Sou ex-cliente e quero saber os planos atuais.',
  ].map(
    (text): Row => ({
      name: `a former client: ${text.slice(0, 40)}…`,
      from: NOBODY,
      subject: 'Voltar',
      text,
      outcome: 'NOT_A_CLIENT',
      rule: 'client.former-client.text',
    }),
  ),
  {
    name: 'guard: a former client still charged is a billing matter',
    from: NOBODY,
    subject: 'Cobrança',
    text: 'Cancelei minha loja em março e vocês continuam me cobrando a mensalidade.',
    outcome: 'BILLING_QUESTION',
  },
  // The article's access cases in other words.
  {
    name: 'a user deactivated after months away',
    from: NOBODY,
    subject: 'Acesso',
    text: 'Fiquei uns 8 meses sem mexer na loja e agora meu usuário não funciona mais, diz que está desativado.',
    outcome: 'ACCESS_ISSUE',
    rule: 'topic.access.blocked-user',
  },
  {
    name: 'a domain transferred to another registrar',
    from: NOBODY,
    subject: 'Domínio',
    text: 'Transferi meu domínio para a GoDaddy e a loja caiu, o painel também não abre mais.',
    outcome: 'ACCESS_ISSUE',
    rule: 'topic.access.domain-change',
  },
  // Asking for a price: sales.
  ...[
    'Minhas vendas caíram muito. Consigo um precinho melhor na mensalidade até março?',
    'A Tray me ofereceu o plano por R$ 59. Se vocês cobrirem eu fico, senão eu saio.',
  ].map(
    (text): Row => ({
      name: `asking for a price: ${text.slice(0, 40)}…`,
      from: NOBODY,
      subject: 'Mensalidade',
      text,
      outcome: 'OUT_OF_SCOPE_COMMERCIAL',
      rule: 'scope.commercial.special-condition',
    }),
  ),
  // Features and integrations the platform does not have.
  ...[
    'seria possivel integrar com o tiktok shop? todo mundo ta vendendo la',
    'Precisamos de uma integração nativa com o ERP Omie. Existe previsão?',
    'Vocês deviam ter um chatbot de whatsapp integrado na loja, ia ajudar muito os lojistas.',
    'Queria pedir que deixassem o campo CPF opcional no checkout, muitos clientes desistem por causa disso.',
  ].map(
    (text): Row => ({
      name: `a feature or integration asked for: ${text.slice(0, 40)}…`,
      from: NOBODY,
      subject: 'Sugestão',
      text,
      outcome: 'OUT_OF_SCOPE_FEATURE',
    }),
  ),
  {
    name: 'guard: "vocês deveriam ter me avisado" is a complaint, not a feature',
    from: NOBODY,
    subject: 'Aviso',
    text: 'Vocês deveriam ter me avisado da mudança no frete, perdi vendas a semana toda.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['scope.feature.request', 'scope.feature.suggestion'],
  },
  {
    name: 'guard: an integration that must work again is a complaint',
    from: NOBODY,
    subject: 'Bling',
    text: 'Preciso de uma integração com o Bling que funcione, a de vocês parou ontem.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['scope.feature.integration'],
  },
  // Buyers of a store, in their own words.
  ...buyerRows([
    'o codigo de rastreio que a loja me mandou nao funciona nos correios, comprei um celular na eletro ponto e ta parado',
    'Paguei e o produto não chegou, a loja sumiu. Olhem o pedido abaixo.',
    'Fiz o pix e a loja não me responde mais, quero meu dinheiro de volta.',
  ]),
  {
    name: 'guard: a merchant whose store sent the wrong tracking code is a merchant',
    from: NOBODY,
    subject: 'Rastreio',
    text: 'O código de rastreio que a minha loja envia para os clientes sai errado desde a atualização.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['client.shopper.text'],
  },
  // Ticket numbers typed against their keyword, or with the helpdesk's year.
  ...[
    ['CHAMADO48213 sem solução', 'Ninguém resolve o meu problema das variações de tamanho que sumiram.'],
    ['Chamado n°48213', 'Frete continua errado.'],
    ['Protocolo 48213/2026', 'Não resolvido. Os pedidos via Pix ficam como pendentes mesmo pagos.'],
  ].map(
    ([subject, text]): Row => ({
      name: `a ticket written as ${subject}`,
      from: OWNER,
      subject: subject ?? '',
      text,
      outcome: 'ACCEPTED',
      ticket: '48213',
    }),
  ),
];

// ─────────────── Round 8: the webform path and new e-mail styles ───────────────
const ROUND8: Row[] = [
  {
    name: 'a merchant protesting our "not a client" guidance, quoting it in quotation marks',
    from: NOBODY,
    subject: 'Re: Ouvidoria',
    text: 'Vocês escreveram "Se você ainda não é cliente ou não tem mais acesso à central do cliente, fale com o Comercial". Eu sou cliente! O checkout da minha loja não funciona desde ontem.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['client.no-client-area.text'],
  },
  {
    name: 'guard: someone without access to the client area still goes to sales',
    from: NOBODY,
    subject: 'Central do cliente',
    text: 'Não tenho mais acesso à central do cliente, como faço para voltar?',
    outcome: 'NOT_A_CLIENT',
    rule: 'client.no-client-area.text',
  },
  {
    name: 'compensation for days the store was down, with a ticket, is a complaint',
    from: 'lojista@modasbella.com.br',
    subject: 'Loja fora do ar',
    text: 'Chamado 48213. A loja ficou fora do ar 3 dias por falha de vocês. Quero abatimento proporcional na mensalidade.',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
  {
    name: 'an app of the store’s own asked for is a feature',
    from: NOBODY,
    subject: 'Aplicativo',
    text: 'Queria um aplicativo próprio da minha loja para iPhone, com a minha marca.',
    outcome: 'OUT_OF_SCOPE_FEATURE',
  },
  {
    name: 'guard: the store’s own app that stopped is a complaint',
    from: NOBODY,
    subject: 'Aplicativo',
    text: 'O aplicativo próprio da minha loja parou de abrir no iPhone depois da atualização.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['scope.feature.request'],
  },
  {
    name: 'a webhook asked for is a feature',
    from: NOBODY,
    subject: 'Sugestão',
    text: 'Vocês poderiam criar um webhook de carrinho abandonado?',
    outcome: 'OUT_OF_SCOPE_FEATURE',
  },
  ...[
    'Somos uma agência digital e queremos revender a plataforma para nossos clientes.',
    'Gostaria de ser agência parceira de vocês, como funciona?',
  ].map(
    (text): Row => ({
      name: `an agency wanting to resell or partner: ${text.slice(0, 40)}…`,
      from: NOBODY,
      subject: 'Parceria',
      text,
      outcome: 'NOT_A_CLIENT',
      rule: 'client.prospect.text',
    }),
  ),
  ...buyerRows([
    'Comprei na Doces da Carla e o bolo chegou amassado. Quero reembolso.',
    'Fui vítima de golpe num site feito com a plataforma de vocês, paguei e nada chegou.',
    'Quero trocar o tamanho da camisa que comprei e ninguém me atende.',
  ]),
  {
    name: 'guard: a merchant who bought a theme is no shopper',
    from: NOBODY,
    subject: 'Tema',
    text: 'Comprei na loja de temas um tema novo e ele quebrou o layout da minha loja.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['client.shopper.text'],
  },
];

// ─────────────── Round 9 ───────────────
const ROUND9: Row[] = [
  ...[
    'Sugiro que o sistema tenha um filtro de pedidos por transportadora.',
    'Queria que fosse possível vender por assinatura, tipo um clube do vinho.',
    'Podiam colocar modo escuro, trabalho de madrugada e cansa a vista.',
    'Sería útil tener facturación electrónica para Uruguay en la plataforma.',
  ].map(
    (text): Row => ({
      name: `a feature or integration asked for: ${text.slice(0, 45)}…`,
      from: NOBODY,
      subject: 'Sugestão',
      text,
      outcome: 'OUT_OF_SCOPE_FEATURE',
    }),
  ),
  {
    name: 'guard: asking whether an integration exists (it may), with a ticket, is a complaint',
    from: 'lojista@modasbella.com.br',
    subject: 'Notas fiscais',
    text: 'Vocês têm integração com o Bling? Preciso emitir as notas dos pedidos de novembro. Chamado 48213.',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
  {
    name: 'guard: asking whether an integration exists, and it stopped, with a ticket, is a complaint',
    from: 'lojista@modasbella.com.br',
    subject: 'Bling',
    text: 'Vocês têm integração com o Bling e desde ontem ela não envia os pedidos. Chamado 48213.',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
  {
    name: 'guard: a suggestion about the support, with a ticket, is a complaint',
    from: 'lojista@modasbella.com.br',
    subject: 'Demora',
    text: 'Sugiro que o suporte tenha mais gente. Chamado 48213 sem resposta há 10 dias e a loja sem frete.',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
  {
    name: 'guard: wishing for an answer in Spanish, with a ticket, is a complaint',
    from: 'contato@eletroponto.com.br',
    subject: 'Ticket 48215',
    text: 'Sería bueno tener una respuesta, el stock sigue sin sincronizar.',
    outcome: 'ACCEPTED',
    ticket: '48215',
  },
  ...buyerRows([
    'Fiz um pix de 89 reais pra loja da Bruna e até agora nada do produto.',
    'Vocês são a plataforma da loja Casa Verde, né? Paguei o boleto e o pedido não foi confirmado.',
    'Quero devolver o fone que comprei, chegou quebrado e ninguém me atende.',
    'Esqueci a senha da minha conta de cliente no site da Mundo Pet e não consigo ver meu pedido.',
  ]),
  {
    name: 'guard: a merchant exchanging a theme they bought is no shopper',
    from: NOBODY,
    subject: 'Tema',
    text: 'Quero trocar o tema que comprei, ele deixou a minha loja lenta.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['client.shopper.text'],
  },
  ...[
    'Somos uma agência de marketing e gostaríamos de ser parceiras de vocês para indicar lojistas.',
    'Trabalho com criação de sites e quero indicar clientes para vocês, tem comissão?',
    'We are a Shopify agency in Lisbon and want to become a partner of your platform.',
  ].map(
    (text): Row => ({
      name: `an agency or freelancer who would bring merchants in: ${text.slice(0, 40)}…`,
      from: NOBODY,
      subject: 'Parceria',
      text,
      outcome: 'NOT_A_CLIENT',
      rule: 'client.prospect.text',
    }),
  ),
  {
    name: 'guard: a merchant whose referral reward did not arrive is no prospect',
    from: 'lojista@modasbella.com.br',
    subject: 'Indicação',
    text: 'Indiquei dois lojistas pelo programa de indicação e a comissão não caiu. Chamado 48213.',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
  ...[
    'A Tray fez uma proposta bem abaixo da de vocês. Vocês conseguem igualar?',
    'Dá pra renovar pelo mesmo valor do ano passado? Esse reajuste pesa no meu bolso.',
    'Queria renovar o plano anual sem reajuste, sou cliente desde 2019.',
  ].map(
    (text): Row => ({
      name: `last year's price or a rival's offer asked for: ${text.slice(0, 40)}…`,
      from: NOBODY,
      subject: 'Renovação',
      text,
      outcome: 'OUT_OF_SCOPE_COMMERCIAL',
      rule: 'scope.commercial.special-condition',
    }),
  ),
  {
    name: 'guard: an adjustment charged against a promise is a billing complaint',
    from: 'financeiro@casadosaromas.com.br',
    subject: 'Reajuste',
    text: 'O vendedor prometeu manter o preço do ano passado e mesmo assim veio com reajuste. Chamado 48214.',
    outcome: 'ACCEPTED',
    ticket: '48214',
  },
  ...[
    'Não sou mais cliente do Mercado Livre, como tiro a integração da minha loja?',
    'Deixei de ser cliente do Bling e agora as notas da loja não saem.',
    'Não sou cliente da Shopee e mesmo assim o canal aparece no meu painel.',
  ].map(
    (text): Row => ({
      name: `a client of another company, not of ours: ${text.slice(0, 40)}…`,
      from: NOBODY,
      subject: 'Integração',
      text,
      outcome: 'NO_PRIOR_TICKET',
      notRules: ['client.former-client.text', 'client.not-a-client.text'],
    }),
  ),
  {
    name: 'guard: a former client of ours who moved to a marketplace still goes to sales',
    from: NOBODY,
    subject: 'Loja',
    text: 'Não sou mais cliente de vocês, fui pro Mercado Livre. Queria saber como voltar.',
    outcome: 'NOT_A_CLIENT',
    rule: 'client.former-client.text',
  },
  ...buyerRows([
    'Comprei num site que é de vocês e recebi um perfume falsificado.',
    'Queria notícias do meu pedido feito na Mundo Pet dia 3, ninguém me fala nada.',
    'A compra feita no site da Casa Verde veio faltando dois itens.',
  ]),
  {
    name: 'guard: a merchant testing their own store is no buyer',
    from: NOBODY,
    subject: 'E-mail de pedido',
    text: 'Fiz um teste e a compra feita na minha loja não gerou o e-mail de confirmação.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['client.shopper.text'],
  },
  ...[
    'Quanto custa pra emitir etiqueta dos Correios pela minha loja?',
    'Quanto custa gerar etiqueta do Melhor Envio? Não achei no painel.',
    'quanto custa pro pix cair no mesmo dia pela minha loja?',
  ].map(
    (text): Row => ({
      name: `the price of a store's shipping or payout is no prospect's question: ${text.slice(0, 40)}…`,
      from: NOBODY,
      subject: 'Dúvida',
      text,
      outcome: 'NO_PRIOR_TICKET',
      notRules: ['client.prospect.text'],
    }),
  ),
  {
    name: 'guard: the price of a plan for a small store is a prospect’s question',
    from: NOBODY,
    subject: 'Planos',
    text: 'Quanto custa o plano para quem está começando uma loja pequena?',
    outcome: 'NOT_A_CLIENT',
    rule: 'client.prospect.text',
  },
  ...[
    'Meu acesso de colaboradora ao painel foi removido e a dona da loja está viajando.',
    'Tiraram meu acesso ao admin sem avisar, sou o gerente da loja.',
    'A conta foi hackeada ontem à noite e trocaram o e-mail de login.',
  ].map(
    (text): Row => ({
      name: `access taken away is an access issue: ${text.slice(0, 40)}…`,
      from: NOBODY,
      subject: 'Acesso',
      text,
      outcome: 'ACCESS_ISSUE',
      rule: 'topic.access.no-access',
    }),
  ),
  ...buyerRows([
    'Vi no Instagram, a loja é feita com vocês. Paguei e nunca recebi o kit de presente.',
    'Paguei e até hoje não recebi a encomenda, o site é feito por vocês então resolvam.',
  ]),
  {
    name: 'bonus months asked for on renewal are a special condition',
    from: NOBODY,
    subject: 'Renovação',
    text: 'Se eu pagar o ano à vista vocês me dão uns meses de bônus?',
    outcome: 'OUT_OF_SCOPE_COMMERCIAL',
    rule: 'scope.commercial.special-condition',
  },
  {
    name: 'an order that came in twice in the store is no billing question',
    from: NOBODY,
    subject: 'Novo pedido [#30211]',
    text: 'Esse pedido entrou em duplicidade na loja, como cancelo um deles?',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['topic.billing.complaint'],
  },
  {
    name: 'guard: our monthly fee charged twice is still a billing question',
    from: NOBODY,
    subject: 'Mensalidade',
    text: 'A mensalidade de novembro entrou em duplicidade no cartão.',
    outcome: 'BILLING_QUESTION',
  },
];

const ROUND10: Row[] = [
  // Portugal's words for the sign-in, read as Brazil writes them.
  ...[
    'Bom dia, não consigo aceder ao painel de gestão da minha loja desde ontem.',
    'A minha palavra-passe não é aceite e o e-mail de recuperação nunca chega… sem painel há dois dias.',
    'Não recebo o código no telemóvel para iniciar sessão no painel.',
  ].map(
    (text): Row => ({
      name: `Portugal: no access to the panel, no ticket: ${text.slice(0, 45)}…`,
      from: NOBODY,
      subject: 'Pedido de ajuda',
      text,
      outcome: 'ACCESS_ISSUE',
    }),
  ),
  {
    name: 'Portugal: a user account blocked after several attempts',
    from: NOBODY,
    subject: 'Conta',
    text: 'Exmos. Senhores, a minha conta de utilizador foi bloqueada após várias tentativas. Cumprimentos.',
    outcome: 'ACCESS_ISSUE',
    rule: 'topic.access.blocked-user',
  },
  {
    name: 'formal register: "não logro acessar o painel"',
    from: NOBODY,
    subject: 'Acesso ao sistema',
    text: 'Ilmos. Senhores,\n\nVenho respeitosamente informar que não logro acessar o painel administrativo desde o dia 20 do corrente mês.\n\nGrato pela atenção.',
    outcome: 'ACCESS_ISSUE',
  },
  // What the sign-in shows, an expired password with words between, Spanish "loguearme".
  ...[
    'Prezados Senhores, informo que minha senha de acesso ao sistema expirou e a recuperação não tem surtido efeito.',
    'Quando tento iniciar sessão aparece um ecrã de erro.',
    'Quando tento fazer login aparece uma tela branca e nada carrega.',
    'No puedo loguearme al panel, me tira error.',
  ].map(
    (text): Row => ({
      name: `a failing sign-in: ${text.slice(0, 45)}…`,
      from: NOBODY,
      subject: 'Erro',
      text,
      outcome: 'ACCESS_ISSUE',
    }),
  ),
  {
    name: 'guard: a login tried as a buyer of the store, with the cart, is store-side',
    from: NOBODY,
    subject: 'Carrinho',
    text: 'Quando tento fazer login como cliente na loja para testar, o carrinho esvazia.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['topic.access.no-access'],
  },
  // Written for someone else of the store: the panel named in the third person.
  ...[
    'Escrevo pelo meu pai, dono da loja: ele não consegue mais entrar no painel desde que trocou de celular.',
    'A funcionária que cuida dos pedidos não consegue acessar o painel desde segunda.',
    'Os sócios não conseguem entrar no painel, só eu.',
  ].map(
    (text): Row => ({
      name: `someone else of the store without the panel: ${text.slice(0, 45)}…`,
      from: NOBODY,
      subject: 'Acesso',
      text,
      outcome: 'ACCESS_ISSUE',
    }),
  ),
  {
    name: 'guard: customers who cannot sign in to the storefront are no access issue',
    from: NOBODY,
    subject: 'Loja',
    text: 'Meus clientes não conseguem entrar na loja, a página dá erro 500.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['topic.access.no-access'],
  },
  // Spanish: the panel's password.
  ...[
    'No me llega el mail para recuperar la contraseña del panel de administración.',
    'Hace una semana que necesito restablecer la contraseña del administrador de la tienda.',
  ].map(
    (text): Row => ({
      name: `Spanish: the panel's password: ${text.slice(0, 45)}…`,
      from: NOBODY,
      subject: 'Contraseña',
      text,
      outcome: 'ACCESS_ISSUE',
    }),
  ),
  // The closing that leaves an idea for the product.
  ...[
    'Seria útil poderem integrar com o MB Way. Fica a sugestão.',
    'Vocês podiam mostrar o estoque de cada variação na listagem de produtos. Deixo aqui a sugestão.',
    'Sería bueno poder programar promociones por horario. Queda la sugerencia.',
  ].map(
    (text): Row => ({
      name: `a suggestion closing an idea: ${text.slice(0, 45)}…`,
      from: NOBODY,
      subject: 'Ideia',
      text,
      outcome: 'OUT_OF_SCOPE_FEATURE',
      rule: 'scope.feature.suggestion-closing',
    }),
  ),
  {
    name: 'guard: "fica a sugestão" after a complaint about the support stays a complaint',
    from: 'lojista@modasbella.com.br',
    subject: 'Chamado 48213',
    text: 'O suporte leva uma semana para responder e o frete segue sem calcular. Fica a sugestão: contratem mais gente.',
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['scope.feature.suggestion-closing'],
  },
  {
    name: 'guard: "deixo a sugestão" beside something that stopped working stays in scope',
    from: 'contato@eletroponto.com.br',
    subject: 'Integração',
    text: 'A integração com o Mercado Livre parou de sincronizar o estoque, chamado 48215. Deixo a sugestão de avisarem antes das atualizações.',
    outcome: 'ACCEPTED',
    notRules: ['scope.feature.suggestion-closing'],
  },
  // Portugal's "pedido de suporte" names the ticket.
  {
    name: 'Portugal: "o pedido de suporte n.º 48213" is the ticket',
    from: 'lojista@modasbella.com.br',
    subject: 'Pedido de suporte',
    text: 'Exmos. Senhores,\n\nO pedido de suporte n.º 48213 continua sem resolução: o frete não calcula.\n\nCumprimentos',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
];

// ─────────────── Round 11: the yearly fee, closing the store, buyers' orders, breaches, wishes ───────────────
const ROUND11: Row[] = [
  ...[
    [
      'a refund of the yearly fee, in capitals and without accents',
      'VOU NO PROCON AMANHA SE NAO DEVOLVEREM O DINHEIRO DA ANUIDADE QUE EU CANCELEI',
      'topic.billing.complaint',
    ],
    [
      'the yearly fee named alone',
      'Quero entender por que a anuidade veio mais cara este ano.',
      'topic.billing.charge',
    ],
    ['closing the store', 'Quero encerrar minha loja e cancelar tudo, como faço?', 'topic.billing.plan'],
    [
      'closing the account',
      'Como faço o cancelamento da minha conta? Não vou mais usar a plataforma.',
      'topic.billing.plan',
    ],
  ].map(
    ([label, text, rule]): Row => ({
      name: `billing, no ticket: ${label}`,
      from: NOBODY,
      subject: 'Dúvida',
      text,
      outcome: 'BILLING_QUESTION',
      rule,
    }),
  ),
  {
    name: 'a refund the merchant owes a customer is no billing of ours',
    from: NOBODY,
    subject: 'estorno',
    text: 'Meu cliente pediu para devolver o dinheiro da compra, como faço isso pelo gateway?',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['topic.billing.complaint'],
  },
  ...[
    ['an order number "na loja"', 'Meu pedido 55123 na loja Modas Bella não tem rastreio. Vocês podem ver?'],
    [
      "a consumer's lawyer",
      'Represento a consumidora Maria da Silva, que adquiriu produto na loja Modas Bella, hospedada em vossa plataforma, e não recebeu.',
    ],
  ].map(
    ([label, text]): Row => ({
      name: `shopper: ${label}`,
      from: SHOPPER,
      subject: 'Pedido',
      text,
      outcome: 'NOT_A_CLIENT',
      rule: 'client.shopper.text',
      variant: 'shopper',
    }),
  ),
  {
    name: 'a merchant\'s payout request "na loja" is not a buyer\'s order',
    from: NOBODY,
    subject: 'saque',
    text: 'Meu pedido de saque na loja está parado há 10 dias.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['client.shopper.text'],
  },
  {
    name: 'the platform breached ("vocês foram invadidos?") is a data-leak question, not a lost sign-in',
    from: NOBODY,
    subject: 'vazamento',
    text: 'Acho que meus dados vazaram, recebi um e-mail falso com o nome da minha loja pedindo pagamento. Vocês foram invadidos?',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['topic.access.no-access'],
  },
  {
    name: 'an account taken over is still a lost sign-in',
    from: NOBODY,
    subject: 'invadiram',
    text: 'Minha conta foi invadida e trocaram a senha do painel.',
    outcome: 'ACCESS_ISSUE',
    rule: 'topic.access.no-access',
  },
  {
    name: 'a wish in the conditional: "seria possível ter um relatório…"',
    from: NOBODY,
    subject: 'relatório',
    text: 'Seria possível ter um relatório de vendas por vendedor? Hoje não tem.',
    outcome: 'OUT_OF_SCOPE_FEATURE',
    rule: 'scope.feature.request',
  },
  {
    name: '"seria possível ter um retorno" asks the service, not a feature',
    from: NOBODY,
    subject: 'relatório',
    text: 'Seria possível ter um retorno sobre o relatório de vendas que está com erro?',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['scope.feature.request'],
  },
  {
    name: 'a chargeback the store received, under a "Cobrança" subject, is the store\'s sale, not our billing',
    from: NOBODY,
    subject: 'Cobrança',
    text: 'Recebi três chargebacks de vendas este mês e quero saber como contestar.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['topic.billing.charge', 'topic.billing.invoice'],
  },
  {
    name: 'a chargeback the merchant threatens on our charge is still billing',
    from: NOBODY,
    subject: 'Cobrança',
    text: 'Vou contestar no cartão (chargeback) a cobrança da plataforma de novembro, pois cancelei em outubro.',
    outcome: 'BILLING_QUESTION',
  },
  ...[
    'Somos fabricantes de embalagens e gostaríamos de apresentar nosso catálogo aos lojistas da plataforma. Podemos agendar uma reunião?',
    'Somos fornecedores de embalagens e queremos oferecer nossos produtos aos lojistas.',
    'Prezados, nossa transportadora tem tabelas especiais e gostaria de oferecê-las aos seus lojistas.',
    'Sou desenvolvedor freelancer e crio temas. Posso vender meus temas para os lojistas de vocês?',
  ].map(
    (text): Row => ({
      name: `a supplier pitching to our merchants: ${text.slice(0, 50)}…`,
      from: 'Comercial Embalagens Sul <comercial@embalagenssul.com.br>',
      subject: 'Parceria',
      text,
      outcome: 'NOT_A_CLIENT',
      rule: 'client.supplier.text',
    }),
  ),
  {
    name: "a request for quotation of the platform is a prospect's",
    from: 'Prefeitura <compras@prefeitura.sp.gov.br>',
    subject: 'cotação',
    text: 'Solicitamos cotação de plataforma de e-commerce para a feira de artesanato municipal.',
    outcome: 'NOT_A_CLIENT',
    rule: 'client.prospect.text',
  },
  {
    name: 'a shipping quote the store asks for is no prospect',
    from: NOBODY,
    subject: 'cotação',
    text: 'Solicito cotação de frete para o CEP 01310-100, a loja não calcula.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['client.prospect.text'],
  },
  {
    name: 'a manufacturer with a store of its own is a merchant',
    from: NOBODY,
    subject: 'checkout',
    text: 'Somos fabricantes de cosméticos e nossa loja está com o checkout travado desde ontem.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['client.supplier.text'],
  },
  ...[
    'Ô trem difícil, num tô conseguino entrá no painel, fala que a senha tá errada.',
    'num consigo entrar no painel da loja desde ontem',
    'oi eu não consigo loga na minha conta do painel de jeito nenhum',
    'a gente não conseguimos entra no admin, diz usuário bloqueado',
  ].map(
    (text): Row => ({
      name: `access as it is spoken: ${text.slice(0, 45)}…`,
      from: NOBODY,
      subject: 'acesso',
      text,
      outcome: 'ACCESS_ISSUE',
      rule: 'topic.access.no-access',
    }),
  ),
  {
    name: '"num site" is still "em um": a buyer',
    from: SHOPPER,
    subject: 'compra',
    text: 'Comprei num site que usa vocês e não chegou nada.',
    outcome: 'NOT_A_CLIENT',
    rule: 'client.shopper.text',
    variant: 'shopper',
  },
  {
    name: '"não consigo entra em contato" is still about reaching support',
    from: NOBODY,
    subject: 'suporte',
    text: 'não consigo entra em contato com o suporte de jeito nenhum',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['topic.access.no-access'],
  },
  {
    name: 'the consumer-protection code cited by a merchant does not make a billing complaint store-side',
    from: NOBODY,
    subject: 'CDC',
    text: 'Conforme o art. 42 do Código de Defesa do Consumidor (Lei 8.078/90), exijo a devolução em dobro da mensalidade cobrada indevidamente.',
    outcome: 'BILLING_QUESTION',
    rule: 'topic.billing.complaint',
  },
  {
    name: "a deduction from the store's payout is no discount asked for",
    from: NOBODY,
    subject: 'taxa no pix',
    text: 'Vocês cobram taxa sobre o pix das vendas da minha loja? Veio um desconto no repasse.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['scope.commercial.discount'],
  },
  {
    name: 'the store refunding a buyer ("devolver o dinheiro de um cliente") is no billing of ours',
    from: NOBODY,
    subject: 'devolução pix',
    text: 'Preciso devolver o dinheiro de um cliente que pagou no pix, como faço?',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['topic.billing.complaint'],
  },
  {
    name: 'access that lapsed: "fala que meu acesso expirou"',
    from: NOBODY,
    subject: 'painel',
    text: 'o painel ta me barrando, fala q meu acesso expirou, oq eu faço',
    outcome: 'ACCESS_ISSUE',
    rule: 'topic.access.no-access',
  },
  {
    name: 'someone new to selling online is a prospect',
    from: 'Ana Doces <ana.doces@gmail.com>',
    subject: 'quero vender',
    text: 'Quero começar a vender meus doces pela internet, vocês ajudam?',
    outcome: 'NOT_A_CLIENT',
    rule: 'client.prospect.text',
  },
  {
    name: 'a carrier offering the stores cheaper shipping is a supplier',
    from: 'LogFast <comercial@logfast.com.br>',
    subject: 'transportadora',
    text: 'Somos uma transportadora e gostaríamos de oferecer frete mais barato aos lojistas da plataforma.',
    outcome: 'NOT_A_CLIENT',
    rule: 'client.supplier.text',
  },
  ...[
    'Vou encerrar minha loja se não resolverem o problema das imagens.',
    'Vou cancelar meu plano se não resolverem a lentidão da loja.',
    'Se continuar assim vou trocar de plano, os produtos somem sozinhos.',
  ].map(
    (text): Row => ({
      name: `leaving as a threat over a bug is not a plan question: ${text.slice(0, 40)}…`,
      from: NOBODY,
      subject: 'Reclamação',
      text,
      outcome: 'NO_PRIOR_TICKET',
      notRules: ['topic.billing.plan'],
    }),
  ),
  {
    name: 'a voice-to-text threat with the subject between "se" and "não resolverem"',
    from: NOBODY,
    subject: 'cancelar',
    text: 'se vocês não resolverem a lentidão eu vou cancelar a minha loja e ir embora',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['topic.billing.plan'],
  },
  {
    name: 'refunding a sale of the store ("estorno de uma venda paga via pix") is store-side',
    from: NOBODY,
    subject: 'estorno',
    text: 'Como faço estorno de uma venda paga via pix?',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['topic.billing.complaint'],
  },
  {
    name: 'a threat to cancel over a charge is still billing',
    from: NOBODY,
    subject: 'Reclamação',
    text: 'Se não resolverem a cobrança em dobro vou cancelar o plano.',
    outcome: 'BILLING_QUESTION',
  },
  {
    name: 'voice-to-text spells the registry "registro ponto br"',
    from: NOBODY,
    subject: 'domínio',
    text: 'paguei a anuidade do domínio no registro ponto br e mesmo assim a loja não abre e o painel também não',
    outcome: 'ACCESS_ISSUE',
    rule: 'topic.access.domain-frozen',
  },
  {
    name: 'a voice-to-text message dictating the ticket digit by digit',
    from: OWNER,
    subject: 'chamado',
    text: 'oi bom dia tudo bem então eu abri o chamado quatro oito dois um três semana passada e até agora nada vírgula ninguém me responde ponto o frete continua errado ponto',
    outcome: 'ACCEPTED',
    ticket: '48213',
  },
];

describe("round 11: the yearly fee, closing the store, buyers' orders, breaches, wishes, dictated tickets", () => {
  it.each(ROUND11.map((r) => [r.name, r] as const))('%s', async (_n, row) => {
    await check(row);
  });
});

describe('round 10: Portugal, the formal register, third persons, Spanish passwords, suggestion closings', () => {
  it.each(ROUND10.map((r) => [r.name, r] as const))('%s', async (_n, row) => {
    await check(row);
  });
});

describe('round 9: wishes, suggestions, modes, shoppers, partners, prices kept', () => {
  it.each(ROUND9.map((r) => [r.name, r] as const))('%s', async (_n, row) => {
    await check(row);
  });
});

describe('round 8: replies to our guidance, compensation, webhooks, agencies, buyers', () => {
  it.each(ROUND8.map((r) => [r.name, r] as const))('%s', async (_n, row) => {
    await check(row);
  });
});

describe('round 7: store-side prices, other companies, former clients, access, prices, features, glued tickets', () => {
  it.each(ROUND7.map((r) => [r.name, r] as const))('%s', async (_n, row) => {
    await check(row);
  });
});

// ─────────────── Round 12 ───────────────
const ROUND12: Row[] = [
  // Class 1: the panel user of someone of the store's own team, or of nobody on it.
  ...(
    [
      [
        "a salesgirl's panel user blocked",
        'Acesso funcionária',
        'Bom dia,\n\nO usuário da minha funcionária foi bloqueado e ela não consegue cadastrar os produtos novos. Eu não sei o que fazer, o suporte do chat só manda link.\n\nRosângela\nRosa Artesanatos\nCNPJ 41.882.903/0001-55',
        'topic.access.blocked-user',
      ],
      [
        "the partner's login, in capitals and without accents",
        'URGENTE',
        'O LOGIN DO MEU SOCIO ESTA BLOQUEADO DESDE SEGUNDA E ELE E QUEM FAZ OS PEDIDOS',
        'topic.access.blocked-user',
      ],
      [
        "the team's access after a password change",
        'acesso da equipe',
        'oi, o acesso da minha equipe foi bloqueado depois que troquei a senha do admin, ngm consegue trabalhar',
        'topic.access.blocked-user',
      ],
      [
        'nobody of the store gets into the panel',
        'painel',
        'Boa tarde. Nenhum dos usuários da loja consegue entrar no painel desde ontem à noite, aparece "credenciais inválidas".\n\nEnviado do meu iPhone',
        'topic.access.no-access',
      ],
    ] as [string, string, string, string][]
  ).map(
    ([label, subject, text, rule]): Row => ({
      name: `access, no ticket: ${label}`,
      from: NOBODY,
      subject,
      text,
      outcome: 'ACCESS_ISSUE',
      rule,
    }),
  ),
  ...(
    [
      [
        'Spanish: an employee cannot get into the panel',
        'Acceso',
        'Hola, buenas tardes. Mi empleada no puede entrar al panel desde ayer, dice que la contraseña es incorrecta. Saludos.',
        'topic.access.no-access',
      ],
      [
        'Spanish: the partner’s account blocked',
        'Cuenta bloqueada',
        'Hola, la cuenta de mi socio fue bloqueada ayer y él es quien hace los envíos. ¿Qué hacemos? Gracias.',
        'topic.access.blocked-user',
      ],
    ] as [string, string, string, string][]
  ).map(
    ([label, subject, text, rule]): Row => ({
      name: `access, no ticket: ${label}`,
      from: 'Tienda Sol <ventas@tiendasol.com.ar>',
      subject,
      text,
      outcome: 'ACCESS_ISSUE',
      rule,
      language: 'es',
    }),
  ),
  {
    name: "a shopper's account blocked at the store is not the store's access",
    from: NOBODY,
    subject: 'cliente bloqueada',
    text: 'A conta da cliente foi bloqueada no site e ela não consegue comprar. O que pode ser?',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['topic.access.blocked-user', 'topic.access.no-access'],
  },
  {
    name: "a team member's blocked user with a ticket of the sender opens a case",
    from: 'Joao Batista <joao@lojadojoao.com.br>',
    subject: 'Re: chamado 52311',
    text: 'O usuário do meu funcionário continua bloqueado, o chamado 52311 foi fechado sem resolver.',
    outcome: 'ACCEPTED',
    ticket: '52311',
  },
  // Class 2: what the platform should, could or must have, the feature or integration named after it.
  ...(
    [
      [
        'an integration they should have, in capitals',
        'SUGESTAO',
        'VOCES DEVERIAM TER INTEGRACAO COM O SHOPEE. TODO MUNDO TEM. ATE A CONCORRENCIA TEM.',
      ],
      [
        'an option they could have',
        'ideia',
        'Oi pessoal, vocês poderiam ter uma opção de frete por bairro, aqui em Manaus o frete muda muito de uma zona pra outra.\n\nAbs, Rodrigo',
      ],
      [
        'an integration that was due, in chat-speak',
        'shein',
        'era pra vcs ter integração com a shein ja, ta todo mundo vendendo la',
      ],
      [
        'an app the platform needs to have',
        'App',
        'Bom dia. A plataforma precisa ter um app de celular pra gerenciar a loja, no navegador do celular é muito ruim.\n\nEnviado do meu Galaxy',
      ],
    ] as [string, string, string][]
  ).map(
    ([label, subject, text]): Row => ({
      name: `feature, no ticket: ${label}`,
      from: NOBODY,
      subject,
      text,
      outcome: 'OUT_OF_SCOPE_FEATURE',
      rule: 'scope.feature.request',
    }),
  ),
  ...(
    [
      [
        'Spanish: an integration they should have',
        'Sugerencia',
        'Hola, ¿cómo están? Deberían tener integración con Mercado Libre Argentina, acá todos los vendedores trabajan con eso y nosotros no podemos. Saludos.',
        'es',
      ],
      [
        'English: an integration they should have',
        'Suggestion',
        'Hi team, you should have an integration with Amazon, most of our sales are there.',
        'en',
      ],
    ] as [string, string, string, MessageLanguage][]
  ).map(
    ([label, subject, text, language]): Row => ({
      name: `feature, no ticket: ${label}`,
      from: 'Tienda Sol <ventas@tiendasol.com.ar>',
      subject,
      text,
      outcome: 'OUT_OF_SCOPE_FEATURE',
      rule: 'scope.feature.request',
      language,
    }),
  ),
  {
    name: 'English: what they should have answered is no feature',
    from: 'Mike Carter <mike@carteroutdoor.com>',
    subject: 'No answer',
    text: 'You should have answered my request by now, and you should have a better support team. The checkout is still broken.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['scope.feature.request'],
    language: 'en',
  },
  ...(
    [
      [
        'an integration that should have synced is broken',
        'Bling',
        'A integração com o Bling deveria ter sincronizado o estoque ontem e não sincronizou, vendi 3 peças que eu não tinha.',
      ],
      [
        'they should have warned of the maintenance',
        'manutenção',
        'Vocês deveriam ter avisado da manutenção de domingo, a loja ficou fora do ar a tarde toda.',
      ],
      [
        'a better service is no feature',
        'atendimento',
        'Vocês precisam ter um atendimento melhor, ninguém responde no chat.',
      ],
    ] as [string, string, string][]
  ).map(
    ([label, subject, text]): Row => ({
      name: `no feature wish, no ticket: ${label}`,
      from: NOBODY,
      subject,
      text,
      outcome: 'NO_PRIOR_TICKET',
      notRules: ['scope.feature.request', 'scope.feature.integration'],
    }),
  ),
  {
    name: 'an integration they should have, beside the sender’s ticket, is still a wish',
    from: 'Ana Lima <ana@papelariaestrela.com.br>',
    subject: 'chamado 51000',
    text: 'Sobre o chamado 51000: vocês deveriam ter integração com o Tiny, como o suporte falou que iam ter.',
    outcome: 'OUT_OF_SCOPE_FEATURE',
    rule: 'scope.feature.request',
  },
  // Class 3: a charge on the card or purchase of the store's own customer is no billing of ours.
  ...(
    [
      [
        'orders that charged the customer’s card twice',
        'pedido10234',
        'O pedido10234 e o pedido10235 duplicaram a cobrança no cartão da cliente. Ela me ligou brava, eu tive que estornar pelo gateway.',
      ],
      [
        'a purchase charged twice by boleto',
        'boleto duplicado',
        'A compra da cliente foi cobrada duas vezes no boleto, gerou dois boletos iguais.',
      ],
      [
        'the customers’ credit cards, without accents',
        'duplicidade',
        'o cartao de credito das clientes esta sendo cobrado em duplicidade quando elas compram na loja, ja aconteceu 4 vezes essa semana',
      ],
    ] as [string, string, string][]
  ).map(
    ([label, subject, text]): Row => ({
      name: `store side, no ticket: ${label}`,
      from: NOBODY,
      subject,
      text,
      outcome: 'NO_PRIOR_TICKET',
      notRules: ['topic.billing.charge', 'topic.billing.complaint', 'topic.billing.invoice'],
    }),
  ),
  {
    name: 'store side, no ticket: customers charged twice “no cartão delas”',
    from: NOBODY,
    subject: 'cobrança duplicada',
    text: 'Duas clientes reclamaram que a compra foi cobrada duas vezes no cartão delas, nos pedidos 4412 e 4415.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['topic.billing.charge', 'topic.billing.complaint', 'topic.billing.invoice'],
  },
  {
    name: 'store side, no ticket: the customer’s order cancelled for non-payment of its boleto',
    from: NOBODY,
    subject: 'pedido cancelado',
    text: 'O pedido da cliente foi cancelado por falta de pagamento do boleto, mas ela pagou e me mandou o comprovante.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['topic.billing.complaint', 'topic.billing.invoice'],
  },
  {
    name: 'a partner’s card, “no cartão dela”, paying our fee is still our billing',
    from: NOBODY,
    subject: 'mensalidade',
    text: 'Minha sócia viu que vocês cobraram duas vezes no cartão dela a nossa mensalidade de novembro.',
    outcome: 'BILLING_QUESTION',
  },
  {
    name: 'an accountant writing of the merchant as “a cliente” still asks about our billing',
    from: 'Escritório Contábil Souza <fiscal@contabilsouza.com.br>',
    subject: 'Mensalidade em dobro',
    text: 'Boa tarde, sou contador da cliente Casa dos Aromas, a mensalidade dela foi cobrada em dobro no cartão em novembro.',
    outcome: 'BILLING_QUESTION',
  },
  // Class 4: the ticket after a relative clause closed by a parenthesis or a comma.
  {
    name: 'the ticket given in parentheses after "o chamado que abri no chat"',
    from: 'Carla <carla@docesdacarla.com.br>',
    subject: 'Reclamação',
    text: 'Boa tarde. O chamado que abri no chat (id 52310) foi encerrado sem resposta e os produtos continuam sumidos da vitrine.\n\nCarla\n(31) 99876-5432',
    outcome: 'ACCEPTED',
    ticket: '52310',
  },
  // Class 5: access to win back, or held by someone else (a former owner, an agency, a takeover).
  ...(
    [
      [
        'the login e-mail was a former employee’s',
        'Acesso',
        'Bom dia. O e-mail cadastrado é de uma funcionária que saiu da empresa em setembro e não consigo recuperar o acesso de jeito nenhum.\n\nAtt,\nRodrigo Teles\nBella Flor Cosméticos\nCNPJ 12.345.678/0001-90',
      ],
      [
        'the former owner keeps the panel',
        'loja comprada',
        'Comprei a loja de outra pessoa em outubro e o antigo dono não libera o acesso pra mim. O que eu faço?',
      ],
      [
        'the agency left with the password, without accents',
        'agencia sumiu',
        'a agencia que fazia a loja sumiu com a senha do painel, nao atendem mais o telefone',
      ],
      [
        'the account e-mail changed by someone else',
        'invasão?',
        'Trocaram o e-mail da conta sem minha autorização ontem à noite e agora não entro mais.',
      ],
    ] as [string, string, string][]
  ).map(
    ([label, subject, text]): Row => ({
      name: `access, no ticket: ${label}`,
      from: NOBODY,
      subject,
      text,
      outcome: 'ACCESS_ISSUE',
      rule: 'topic.access.no-access',
    }),
  ),
  ...(
    [
      [
        'a bank that holds back a statement',
        'repasse',
        'O banco não libera o acesso ao extrato do repasse e eu preciso conferir as vendas de outubro.',
      ],
      [
        'the ERP’s password',
        'Bling',
        'Não tenho a senha do Bling para refazer a integração e os pedidos pararam de ir.',
      ],
    ] as [string, string, string][]
  ).map(
    ([label, subject, text]): Row => ({
      name: `not our panel, no ticket: ${label}`,
      from: NOBODY,
      subject,
      text,
      outcome: 'NO_PRIOR_TICKET',
      notRules: ['topic.access.no-access'],
    }),
  ),
  // Class 6: the platform's own fees by their names (taxa, tarifa, comissão) are charges.
  ...(
    [
      [
        'the transaction fee higher than contracted',
        'taxa',
        'Boa tarde. A taxa por transação de vocês está vindo maior que a contratada, no contrato era 1,5%.',
      ],
      [
        'the platform fee raised, without accents',
        'taxa',
        'a taxa da plataforma subiu sem aviso nenhum, quero entender',
      ],
      [
        'the commission on marketplace sales',
        'comissão',
        'A comissão de vocês sobre as vendas do marketplace está errada em outubro.\n\nVanessa\n(11) 97654-3210',
      ],
    ] as [string, string, string][]
  ).map(
    ([label, subject, text]): Row => ({
      name: `billing, no ticket: ${label}`,
      from: NOBODY,
      subject,
      text,
      outcome: 'BILLING_QUESTION',
      rule: 'topic.billing.charge',
    }),
  ),
  ...(
    [
      [
        'a gateway’s transaction fee',
        'taxa',
        'A taxa por transação do Mercado Pago está alta demais, vocês indicam outro gateway?',
      ],
      ['a conversion rate', 'parabéns', 'A taxa de conversão de vocês é ótima, mas a loja caiu ontem à noite.'],
      ['a shipping fee in the cart', 'frete', 'A taxa de frete de vocês está errada no carrinho para o Nordeste.'],
    ] as [string, string, string][]
  ).map(
    ([label, subject, text]): Row => ({
      name: `no billing of ours, no ticket: ${label}`,
      from: NOBODY,
      subject,
      text,
      outcome: 'NO_PRIOR_TICKET',
      notRules: ['topic.billing.charge'],
    }),
  ),
  // Class 8: the store blocked or suspended for an unpaid fee is a billing matter, not a lost sign-in.
  ...(
    [
      [
        'blocked for non-payment though paid',
        'código de cliente',
        'Código de cliente 00045821. A loja está bloqueada por falta de pagamento mas eu paguei, tenho o comprovante.',
      ],
      [
        'suspended for default though up to date',
        'loja suspensa',
        'Minha loja foi suspensa por inadimplência e eu estou em dia com tudo!!',
      ],
      [
        'the panel shows a block for non-payment, without accents',
        'painel',
        'nao consigo acessar o painel, aparece bloqueado por falta de pagamento, mas o debito automatico passou',
      ],
      // Round 16: the unpaid balance in other words.
      [
        'suspended for a financial pending item',
        'Loja suspensa',
        'Minha loja foi suspensa por pendências financeiras, já paguei.',
      ],
      ['blocked for an open debt', 'Loja bloqueada', 'Minha loja foi bloqueada por débito em aberto.'],
      [
        'the panel blocked for a balance due',
        'Painel bloqueado',
        'Bloquearam meu painel por saldo devedor, mas está tudo pago.',
      ],
      ['suspended for a pending payment', 'Loja suspensa', 'Suspenderam a loja por pendência de pagamento.'],
    ] as [string, string, string][]
  ).map(
    ([label, subject, text]): Row => ({
      name: `billing, no ticket: ${label}`,
      from: NOBODY,
      subject,
      text,
      outcome: 'BILLING_QUESTION',
      rule: 'topic.billing.complaint',
      notRules: ['topic.access.no-access'],
    }),
  ),
  {
    name: 'a store blocked for no stated reason is still an access issue',
    from: NOBODY,
    subject: 'loja bloqueada',
    text: 'A loja foi bloqueada sem motivo nenhum e ninguém do suporte me explica.',
    outcome: 'ACCESS_ISSUE',
    rule: 'topic.access.no-access',
  },
  {
    name: 'a store suspended for a pending document is still an access issue',
    from: NOBODY,
    subject: 'loja suspensa',
    text: 'Minha loja foi suspensa por pendência na documentação e não consigo entrar.',
    outcome: 'ACCESS_ISSUE',
    rule: 'topic.access.no-access',
  },
  {
    name: 'a buyer’s order cancelled for non-payment is no billing of ours',
    from: NOBODY,
    subject: 'pedido cancelado',
    text: 'O cliente teve o pedido cancelado por falta de pagamento do boleto, mas ele jura que pagou.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['topic.billing.complaint'],
  },
];

describe('round 12: team members locked out, should-have wishes, the store customer’s card, tickets after a clause, access held by others, our fees, blocked for non-payment', () => {
  it.each(ROUND12.map((r) => [r.name, r] as const))('%s', async (_n, row) => {
    await check(row);
  });
});

// ─────────────── Round 13 ───────────────
const ROUND13: Row[] = [
  // English access held or taken by someone else.
  ...(
    [
      [
        'the former owner won’t give me access',
        "The former owner won't give me access to the admin. I bought the store in October.",
      ],
      ['an employee’s account got locked', "My employee's account got locked and she handles all our orders."],
      ['the old agency has the admin password', 'Our old agency has the admin password and stopped answering us.'],
      [
        'the previous owner never handed over the login',
        'I bought this store and the previous owner never handed over the login.',
      ],
      [
        'a partner changed the login email',
        'My business partner changed the login email and now I cannot get into the store admin.',
      ],
      ['the store manager’s account was blocked', "Our store manager's account was blocked yesterday, please help."],
      [
        'the developer removed my access',
        'The developer removed my access to the admin panel after we argued about his invoice.',
      ],
    ] as const
  ).map(
    ([name, text]): Row => ({
      name: `English access held by others: ${name}`,
      from: NOBODY,
      subject: 'Admin access',
      text,
      outcome: 'ACCESS_ISSUE',
      rule: 'topic.access.no-access',
    }),
  ),
  {
    name: 'English near miss: a customer’s account at the store is store side, not our sign-in',
    from: NOBODY,
    subject: 'Checkout problem',
    text: "A customer's account got locked on my store and they can't check out.",
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['topic.access.no-access', 'topic.access.blocked-user'],
  },
  // A merchant of another platform who wants to move in is a prospect: "sou lojista" proves no client of ours there.
  ...(
    [
      ['“sou lojista da Shopify” and wants to move', 'Sou lojista da Shopify e quero migrar pra vocês.'],
      [
        '“sou lojista na Nuvemshop há 3 anos”, bringing the store here',
        'Sou lojista na Nuvemshop há 3 anos e estou pensando em trazer minha loja para cá. Como funciona a migração?',
      ],
      [
        '“sou lojista da Tray”, asking the price',
        'Sou lojista da Tray e quero migrar para a plataforma de vocês, quanto custa?',
      ],
      [
        '“sou lojista, hoje uso WooCommerce”',
        'Sou lojista, hoje uso WooCommerce, e quero migrar pra vocês. Vocês importam os produtos?',
      ],
      ['“minha loja na Loja Integrada”', 'Tenho minha loja na Loja Integrada e gostaria de migrar para vocês.'],
      ['English, a Shopify merchant', "I'm a merchant on Shopify and want to migrate to your platform."],
    ] as const
  ).map(
    ([name, text]): Row => ({
      name: `merchant of another platform: ${name}`,
      from: NOBODY,
      subject: 'Migração',
      text,
      outcome: 'NOT_A_CLIENT',
      rule: 'client.prospect.text',
    }),
  ),
  {
    name: 'near miss: our merchant who came from Shopify is still ours',
    from: NOBODY,
    subject: 'fotos sumiram',
    text: 'Sou lojista de vocês, migrei da Shopify mês passado e os produtos importados estão sem fotos.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['client.prospect.text'],
  },
  {
    name: 'near miss: our merchant who threatens to leave for Shopify is still ours',
    from: NOBODY,
    subject: 'frete',
    text: 'Sou lojista de vocês há 2 anos e vou migrar para a Shopify se não resolverem o frete.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['client.prospect.text'],
  },
  // Charged by us but never a client: the charge is the matter (our billing), not a sale to make.
  ...(
    [
      ['a boleto in the e-mail', 'Chegou um boleto de vocês no meu e-mail, mas eu nunca fui cliente de vocês.'],
      ['a debit in the bank account', 'Nunca fui cliente e apareceu um débito de vocês na minha conta bancária.'],
      ['an invoice in their name', 'Não sou cliente, mas recebi uma fatura de vocês em meu nome.'],
      ['“recebi cobrança de fatura”', 'Recebi cobrança de fatura mas nunca fui cliente.'],
    ] as const
  ).map(
    ([name, text]): Row => ({
      name: `charged, never a client: ${name}`,
      from: NOBODY,
      subject: 'cobrança indevida',
      text,
      outcome: 'BILLING_QUESTION',
      notRules: ['client.not-a-client.text'],
    }),
  ),
  {
    name: 'near miss: never a client, asking the fee of a plan, is a prospect',
    from: NOBODY,
    subject: 'planos',
    text: 'Ainda não sou cliente e queria saber a mensalidade do plano básico.',
    outcome: 'NOT_A_CLIENT',
    rule: 'client.not-a-client.text',
  },
  // The merchant's own sign-in and the store's customers in one sentence: the customers are another clause's.
  ...(
    [
      [
        '“não consigo entrar e os clientes dizem que a loja está fora”',
        'Não consigo entrar e os clientes dizem que a loja está fora.',
      ],
      [
        'the panel, and the clients say the site fell',
        'Não consigo acessar o painel desde ontem e os clientes estão reclamando que o site caiu.',
      ],
      [
        'a forgotten password, and “meus clientes” calling',
        'Esqueci minha senha, o e-mail de recuperação não chega e meus clientes estão ligando sem parar.',
      ],
      [
        'the admin, but the clients buy as usual',
        'Não consigo fazer login no admin, mas os clientes continuam comprando normalmente.',
      ],
      ['the panel, and the checkout', 'Não entro no painel e o checkout também parou.'],
      [
        'no access, “enquanto isso” the consumers',
        'Estou sem acesso ao painel, enquanto isso os consumidores reclamam do frete.',
      ],
      [
        'my user blocked for inactivity, and the clients',
        'Meu usuário foi bloqueado por inatividade e os clientes não conseguem finalizar compra.',
      ],
    ] as const
  ).map(
    ([name, text]): Row => ({
      name: `own sign-in beside the storefront: ${name}`,
      from: NOBODY,
      subject: 'socorro',
      text,
      outcome: 'ACCESS_ISSUE',
    }),
  ),
  // …but the customers' own sign-in, or a clause without the sender, stays store side.
  ...(
    [
      ['the clients cannot sign in to their accounts', 'Os clientes não conseguem entrar na conta deles na loja.'],
      ['the customer forgot her password', 'A cliente esqueceu a senha e não consegue entrar para ver o pedido.'],
      ['“meus clientes” cannot log in', 'Meus clientes não conseguem fazer login na loja desde a atualização.'],
      [
        'the consumer, and “a senha é inválida” in the next clause',
        'O consumidor não consegue acessar a área dele e diz que a senha é inválida.',
      ],
      ['“não consigo acessar o checkout”', 'Não consigo acessar o checkout da loja pelo celular.'],
      ['“minha cliente” cannot get in', 'Minha cliente não consegue entrar no painel de pedidos dela.'],
    ] as const
  ).map(
    ([name, text]): Row => ({
      name: `store side near miss: ${name}`,
      from: NOBODY,
      subject: 'login',
      text,
      outcome: 'NO_PRIOR_TICKET',
      notRules: ['topic.access.no-access', 'topic.access.blocked-user'],
    }),
  ),
  // A shopper's lawyer writes of a purchase at a store: the store's matter, not ours.
  ...(
    [
      [
        '“advogado de uma cliente que comprou na loja”',
        'Sou advogado de uma cliente que comprou na loja Doces da Carla e não recebeu o produto.',
      ],
      ['“advogada de uma consumidora”', 'Sou advogada de uma consumidora que não recebeu a encomenda.'],
      [
        'the formal register, asking for the store’s owner',
        'Na qualidade de advogado da Sra. Maria, que comprou um sofá na loja Casa Bela, solicito os dados do responsável pela loja.',
        // Round 40: the lawyer's own rule reads the title ("qualidade de advogado da Sra.").
        'client.shopper.lawyer',
      ],
    ] as const
  ).map(
    ([name, text, rule]: readonly [string, string, string?]): Row => ({
      name: `a shopper’s lawyer: ${name}`,
      from: NOBODY,
      subject: 'Notificação extrajudicial',
      text,
      outcome: 'NOT_A_CLIENT',
      rule: rule ?? 'client.shopper.text',
      variant: 'shopper',
    }),
  ),
  {
    name: 'near miss: the merchant’s own lawyer about our invoice is our billing',
    from: NOBODY,
    subject: 'fatura em dobro',
    text: 'Sou advogado da Modas Bella, cliente de vocês, e a fatura de outubro veio cobrada em dobro.',
    outcome: 'BILLING_QUESTION',
    notRules: ['client.shopper.text'],
  },
  {
    name: 'near miss: the store’s lawyer, “que comprou o plano anual”, is not a shopper’s',
    from: NOBODY,
    subject: 'cobrança',
    text: 'Sou advogada da loja Tchê Bombachas, que comprou o plano anual e foi cobrada duas vezes.',
    outcome: 'BILLING_QUESTION',
    notRules: ['client.shopper.text'],
  },
];

describe('round 13: access and storefront in one sentence, lawyers of shoppers, charged non-clients, other platforms’ merchants, English access held by others', () => {
  it.each(ROUND13.map((r) => [r.name, r] as const))('%s', async (_n, row) => {
    await check(row);
  });
});

// ─────────────── Round 15 ───────────────
/** Triage round 15 (e-mail, how people really write): a question whether an integration exists. */
const ROUND15: Row[] = [
  ...(
    [
      ['the question alone', 'dúvida', 'Vocês têm integração com o TikTok Shop?'],
      ['chat-speak, "c" for "com"', 'tiktok', 'vcs tem integraçao c tiktok shop? qdo vai ter?'],
      ['the verb', 'integração', 'vcs integram com o TikTok Shop?'],
      [
        'dictated, punctuation spelled out',
        'pergunta',
        'vocês têm integração com o tiktok shop porque eu queria vender por lá também ponto de interrogação',
      ],
      [
        'with what it is for',
        'Dropshipping',
        'Vocês têm integração com AliExpress pra dropshipping? Quero importar produtos automático.',
      ],
      ['Spanish', 'integración', '¿Ustedes tienen integración con Mercado Libre Argentina? Queremos vender allá.'],
      ['English', 'integration', 'Hi, do you have an integration with TikTok Shop? We sell there already.'],
    ] as const
  ).map(
    ([label, subject, text]): Row => ({
      name: `an integration asked about: ${label}`,
      from: NOBODY,
      subject,
      text,
      outcome: 'OUT_OF_SCOPE_FEATURE',
      rule: 'scope.feature.integration-question',
    }),
  ),
  ...(
    [
      ['one already set up that shows nothing', 'Vocês têm integração com o Mercado Livre? Ativei e não aparece nada.'],
      ['a contrast in the sentence', 'Vocês têm integração com o Bling, mas os pedidos não entram.'],
      ['one that stopped', 'Vocês têm integração com o Bling? Parou de enviar os pedidos ontem.'],
      [
        'the support did not answer it',
        'Vocês têm integração com o TikTok Shop? Perguntei ao suporte e ninguém respondeu.',
      ],
      ['the store’s own integration', 'Minha loja tem integração com o Bling e quero saber como emitir a nota.'],
    ] as const
  ).map(
    ([label, text]): Row => ({
      name: `near miss, not a question whether it exists: ${label}`,
      from: NOBODY,
      subject: 'integração',
      text,
      outcome: 'NO_PRIOR_TICKET',
      notRules: ['scope.feature.integration-question'],
    }),
  ),
];

describe('round 15: whether an integration exists, asked in every way', () => {
  it.each(ROUND15.map((r) => [r.name, r] as const))('%s', async (_n, row) => {
    await check(row);
  });
});

/** Triage round 15: a shopper's lawyer who says so only in the next sentence (or the one before). */
const ROUND15_LAWYERS: Row[] = [
  ...(
    [
      [
        'the lawyer in the next sentence',
        'Minha cliente comprou uma geladeira na loja Eletro Ponto e não recebeu. Sou advogado dela e exijo os dados do lojista.',
      ],
      [
        '"dele", a store that does not answer',
        'Meu cliente comprou um celular na loja Eletro Ponto e a loja não responde. Sou advogado dele.',
      ],
      ['the lawyer first', 'Sou advogada dele. Ele fez uma compra no site Modas Bella em outubro e nunca recebeu.'],
      [
        'the formal register',
        'Prezados, a Sra. Ana Souza adquiriu um sofá na loja Casa Bela em 10/10/2026 e não o recebeu. Na qualidade de advogado dela, requeiro a identificação do lojista.',
      ],
    ] as const
  ).map(
    ([label, text]): Row => ({
      name: `a shopper's lawyer: ${label}`,
      from: 'Dr. Ricardo Almeida <ricardo@almeidaadvogados.adv.br>',
      subject: 'Notificação',
      text,
      outcome: 'NOT_A_CLIENT',
      rule: 'client.shopper.lawyer',
      variant: 'shopper',
    }),
  ),
  {
    name: 'near miss: the lawyer of a store owner, who bought our plan',
    from: 'Dr. Ricardo Almeida <ricardo@almeidaadvogados.adv.br>',
    subject: 'Notificação',
    text: 'A Sra. Maria é dona da loja Tchê Bombachas e comprou o plano anual. Sou advogado dela e contesto a cobrança.',
    outcome: 'BILLING_QUESTION',
    notRules: ['client.shopper.lawyer'],
  },
  {
    name: 'near miss: a merchant whose buyer has a lawyer',
    from: NOBODY,
    subject: 'boleto',
    text: 'Minha cliente fez um pedido na loja e o boleto não foi gerado. O advogado dela me ligou ameaçando processar.',
    outcome: 'NO_PRIOR_TICKET',
    notRules: ['client.shopper.lawyer', 'client.shopper.text'],
  },
  {
    name: 'near miss: the lawyer of a merchant, client of ours, with the ticket',
    from: 'lojista@modasbella.com.br',
    subject: 'Chamado 48213',
    text: 'O Sr. João, cliente de vocês, fez um pedido de suporte pelo chamado 48213 há 30 dias. Sou advogado dele.',
    outcome: 'ACCEPTED',
    notRules: ['client.shopper.lawyer'],
  },
];

describe("round 15: a shopper's lawyer in another sentence", () => {
  it.each(ROUND15_LAWYERS.map((r) => [r.name, r] as const))('%s', async (_n, row) => {
    await check(row);
  });
});

/** Triage round 15: "não sou cliente" from someone who writes for a client store (agency, staff). */
const ROUND15_FOR_A_CLIENT: Row[] = [
  ...(
    [
      [
        'an agency: "quem é cliente é a loja que a gente administra"',
        'Nós não somos clientes de vocês, quem é cliente é a loja que a gente administra (Tchê Bombachas). O checkout não finaliza.',
      ],
      [
        'the agency that looks after the store',
        'Não sou cliente de vocês, sou da agência que cuida da loja Bella Flor. A loja está fora do ar.',
      ],
      [
        '"não somos clientes diretos"',
        'Somos uma agência e não somos clientes diretos; nosso cliente Tchê Bombachas está com o checkout parado.',
      ],
      ['an employee', 'Eu não sou cliente de vocês, o cliente é meu chefe. A loja dele está fora do ar desde ontem.'],
      ['in the store’s name', 'Não sou cliente, escrevo em nome da loja Doce Sabor: os produtos sumiram da vitrine.'],
    ] as const
  ).map(
    ([label, text]): Row => ({
      name: `writes for a client store: ${label}`,
      from: 'Agência Pixel Norte <atendimento@pixelnorte.com.br>',
      subject: 'Loja de cliente',
      text,
      outcome: 'NO_PRIOR_TICKET',
      notRules: ['client.not-a-client.text'],
    }),
  ),
  {
    name: 'near miss: an agency that is a prospect',
    from: 'Agência Pixel Norte <atendimento@pixelnorte.com.br>',
    subject: 'Planos',
    text: 'Ainda não somos clientes, queremos abrir uma loja para atender nossos clientes. Como funciona?',
    outcome: 'NOT_A_CLIENT',
    rule: 'client.not-a-client.text',
  },
];

describe('round 15: "não sou cliente" from the agency or staff of a client store', () => {
  it.each(ROUND15_FOR_A_CLIENT.map((r) => [r.name, r] as const))('%s', async (_n, row) => {
    await check(row);
  });
});

/** Triage round 15: the office's own automatic reply pasted back without a quote header. */
const ourReply = (
  outcome: 'NOT_A_CLIENT' | 'ACCESS_ISSUE' | 'BILLING_QUESTION' | 'OUT_OF_SCOPE_COMMERCIAL',
  language: MessageLanguage = 'pt-BR',
) =>
  renderReply(
    outcome,
    { subject: 'Problema na loja', senderName: 'Rodrigo', receivedAt: '2026-11-24T13:00:00.000Z', language },
    localConfig,
  ).text;
/** The same reply as a mail client copies it from the HTML part: the words, not the addresses. */
const withoutAddresses = (text: string) => text.replace(/\s*\(https?:\/\/[^)\s]*\)/g, '');
const ROUND15_PASTED: Row[] = [
  ...(
    [
      ['NOT_A_CLIENT', 'pt-BR', false],
      ['ACCESS_ISSUE', 'pt-BR', false],
      ['BILLING_QUESTION', 'pt-BR', false],
      ['OUT_OF_SCOPE_COMMERCIAL', 'pt-BR', false],
      ['NOT_A_CLIENT', 'pt-BR', true],
      ['BILLING_QUESTION', 'es', false],
    ] as const
  ).map(
    ([outcome, language, copied]): Row => ({
      name: `our ${outcome} reply (${language}${copied ? ', copied from the HTML part' : ''}) pasted under "vou abrir o chamado"`,
      from: NOBODY,
      subject: 'Re: Problema na loja',
      text: `Ok, entendi. Vou abrir o chamado no suporte então, obrigado.\n\n${copied ? withoutAddresses(ourReply(outcome, language)) : ourReply(outcome, language)}`,
      outcome: 'NO_PRIOR_TICKET',
      rule: 'ticket.none',
    }),
  ),
  {
    name: 'near miss: the merchant’s own access words above our pasted billing reply',
    from: NOBODY,
    subject: 'Re: Problema na loja',
    text: `Continuo sem conseguir entrar no painel, meu usuário segue bloqueado.\n\n${ourReply('BILLING_QUESTION')}`,
    outcome: 'ACCESS_ISSUE',
  },
];

describe('round 15: our own automatic reply pasted back without a quote header', () => {
  it.each(ROUND15_PASTED.map((r) => [r.name, r] as const))('%s', async (_n, row) => {
    await check(row);
  });
});

/** Triage round 16: "enviado automaticamente pelo sistema… Não responda" as the footer of a person's complaint. */
const ROUND16_FOOTERS: Row[] = [
  ...(
    [
      [
        'sem solução, footer',
        'Segue sem solução.\n\nEste e-mail foi enviado automaticamente pelo sistema. Não responda.',
      ],
      [
        'sem resposta, footer with an ellipsis',
        'Chamado 48213 continua aberto e sem resposta.\n\nEste e-mail foi enviado automaticamente pelo sistema… Não responda.',
      ],
      [
        'signature, then the footer',
        'Nada resolvido ainda!\n\nAtt, Juliana\nEste e-mail foi enviado automaticamente pelo sistema. Não responda.',
      ],
      ['"mensagem automática, não responda" footer', 'O checkout parou de novo.\n\nMensagem automática, não responda.'],
      [
        'gerada automaticamente footer',
        'Continua dando erro no frete.\n\nJuliana\n\nEsta mensagem foi gerada automaticamente, por favor não responda este e-mail.',
      ],
    ] as const
  ).map(
    ([label, text]): Row => ({
      name: `a complaint under "Chamado 48213": ${label}`,
      from: OWNER,
      subject: 'Chamado 48213',
      text,
      outcome: 'ACCEPTED',
      rule: 'ticket.valid',
      ticket: '48213',
    }),
  ),
  {
    name: 'near miss: a helpdesk notice names nothing wrong before its footer',
    from: NOBODY,
    subject: 'Chamado 48213 atualizado',
    text: 'Seu chamado 48213 foi atualizado.\n\nEste e-mail foi enviado automaticamente pelo sistema. Não responda.',
    outcome: 'NO_PRIOR_TICKET',
    rule: 'auto.machine-generated.text',
  },
  {
    name: 'near miss: a billing notice with the same footer',
    from: NOBODY,
    subject: 'Boleto disponível',
    text: 'Olá, seu boleto de novembro está disponível no painel.\n\nEste e-mail foi enviado automaticamente pelo sistema. Não responda.',
    outcome: 'NO_PRIOR_TICKET',
    rule: 'auto.machine-generated.text',
  },
  {
    name: 'near miss: a robot that says it wrote the text, after a problem it names',
    from: NOBODY,
    subject: 'Recebemos sua mensagem',
    text: 'Recebemos sua mensagem sobre o problema relatado. Esta é uma resposta automática.',
    outcome: 'NO_PRIOR_TICKET',
    rule: 'auto.machine-generated.text',
  },
];

describe('round 16: a person’s complaint with a "sent automatically, do not reply" footer', () => {
  it.each(ROUND16_FOOTERS.map((r) => [r.name, r] as const))('%s', async (_n, row) => {
    await check(row);
  });
});

/** The finance team's dunning notice, as a merchant forwards it. */
const DUNNING =
  'Olá,\n\nIdentificamos pendência financeira no valor de R$ 379,80 referente às faturas de outubro e novembro de 2026.\n\nSua loja será suspensa em 5 dias úteis caso o pagamento não seja identificado. Para regularizar, acesse Minha Conta > Faturas.\n\nEquipe Financeira';
const FWD_PT = (subject: string) =>
  `\n\n-----Mensagem original-----\nDe: Financeiro <financeiro@plataforma.com.br>\nEnviado: quinta-feira, 19 de novembro de 2026 15:12\nPara: contato@loja.com.br\nAssunto: ${subject}\n\n${DUNNING}`;
const FWD_GMAIL = (subject: string) =>
  `---------- Forwarded message ---------\nFrom: Financeiro <financeiro@plataforma.com.br>\nDate: Thu, Nov 19, 2026 at 3:12 PM\nSubject: ${subject}\nTo: <contato@loja.com.br>\n\n${DUNNING}`;
const ROUND20_BARE_FORWARDS: Row[] = [
  {
    name: 'Outlook ENC:, no words',
    subject: 'ENC: Aviso de suspensão da loja',
    text: FWD_PT('Aviso de suspensão da loja'),
  },
  { name: 'Gmail Fwd:, no words', subject: 'Fwd: Aviso de suspensão', text: FWD_GMAIL('Aviso de suspensão') },
  {
    name: 'only the phone footer',
    subject: 'Fwd: Pendência financeira',
    text: `Enviado do meu iPhone${FWD_PT('Pendência financeira')}`,
  },
  { name: 'only "???"', subject: 'ENC: Suspensão', text: `???${FWD_PT('Suspensão')}` },
  {
    name: 'a blocked-user notice',
    subject: 'Fwd: Aviso',
    text: '---------- Forwarded message ---------\nFrom: Segurança <seguranca@plataforma.com.br>\nDate: Thu, Nov 19, 2026 at 3:12 PM\nSubject: Aviso\n\nSeu usuário foi bloqueado por inatividade. Para reativar, fale com o suporte.',
    outcome: 'ACCESS_ISSUE' as Outcome,
  },
].map((r) => ({
  ...r,
  name: `a bare forward of a notice: ${r.name}`,
  from: 'Marcos <marcos.vini.store@hotmail.com>',
  outcome: r.outcome ?? ('BILLING_QUESTION' as Outcome),
}));

describe('round 20: a forward with no word of her own is about what she forwarded', () => {
  it.each(ROUND20_BARE_FORWARDS.map((r) => [r.name, r] as const))('%s', async (_n, row) => {
    await check(row);
  });

  it.each([
    // Her own words decide, as always: the forwarded notice stays quoted history.
    [
      'her words above it',
      'Fwd: Aviso de suspensão',
      `O checkout parou na Black Friday e ninguém responde.${FWD_PT('Aviso')}`,
      'NO_PRIOR_TICKET',
    ],
    // Not a forward: an empty reply's quoted history is not read.
    [
      'an empty reply',
      'Re: Aviso de suspensão',
      `\n\nEm qui., 19 de nov. de 2026 às 15:12, Financeiro <financeiro@plataforma.com.br> escreveu:\n\n${DUNNING.split(
        '\n',
      )
        .map((l) => `> ${l}`)
        .join('\n')}`,
      'NO_PRIOR_TICKET',
    ],
    // A shopper's complaint she forwards is the store's matter: its charge is not a billing question,
    // its "comprei na sua loja" does not make her a shopper.
    [
      'a shopper’s complaint forwarded',
      'Fwd: reclamação',
      '---------- Forwarded message ---------\nDe: Bia <bia.c@gmail.com>\nSubject: reclamação\n\nComprei na sua loja e o site cobrou o cartão duas vezes!',
      'NO_PRIOR_TICKET',
    ],
    // An automatic acknowledgement she forwards does not make her mail automatic.
    [
      'an automatic acknowledgement forwarded',
      'Fwd: Recebemos sua solicitação',
      '---------- Forwarded message ---------\nDe: Suporte <noreply@plataforma.example.com>\nAssunto: Recebemos sua solicitação\n\nEste é um e-mail automático. Recebemos sua solicitação e responderemos em breve.',
      'NO_PRIOR_TICKET',
    ],
  ] as const)('still reads only her words: %s', async (name, subject, text, outcome) => {
    await check({ name, from: 'Marcos <marcos.vini.store@hotmail.com>', subject, text, outcome });
  });
});

describe('round 20: cancellations as one-liners, the loyalty fine, and "não autorizei" about her data', () => {
  it.each([
    ['a one-line imperative', 'cancela', 'cancela minha conta', 'BILLING_QUESTION', 'topic.billing.plan'],
    [
      '"cancelem" the plan',
      'plano',
      'Cancelem meu plano a partir de janeiro, por favor.',
      'BILLING_QUESTION',
      'topic.billing.plan',
    ],
    [
      'the loyalty fine',
      'multa rescisória',
      'Quero cancelar e me falaram que tem multa de fidelidade. Não assinei nada disso. Quanto é a multa?',
      'BILLING_QUESTION',
      'topic.billing.plan',
    ],
    [
      'a charge she did not authorise',
      'cobrança',
      'Não autorizei essa cobrança de vocês no meu cartão.',
      'BILLING_QUESTION',
      'topic.billing.complaint',
    ],
    // Her data, not a charge: the office has no ticket of hers; support (and the data-subject process) first.
    [
      'her data, in capitals',
      'APAGUEM MEUS DADOS',
      'APAGUEM MEUS DADOS AGORA. NÃO AUTORIZEI NADA. VOU DENUNCIAR NA ANPD',
      'NO_PRIOR_TICKET',
      'ticket.none',
    ],
    [
      'her data, a use she did not authorise',
      'LGPD',
      'Não autorizei o uso dos meus dados para marketing. Apaguem tudo.',
      'NO_PRIOR_TICKET',
      'ticket.none',
    ],
  ] as const)('%s', async (name, subject, text, outcome, rule) => {
    await check({ name, from: 'Rodrigo Teles <rodrigo@bellaflorcosmeticos.com.br>', subject, text, outcome, rule });
  });
});

describe('round 20: a store’s buyer, in the words of December', () => {
  it.each([
    [
      'a Pix to a store that runs on us',
      'paguei e não veio',
      'paguei o pix de uma loja que usa o site de vcs e o pedido ta cancelado. cadê meu dinheiro??',
    ],
    [
      'a card dispute',
      'contestação',
      'Contestei uma compra no cartão e a loja diz que a plataforma não devolveu. Quero saber com quem falo.',
    ],
    [
      'what the store asked of the buyer',
      'cpf',
      'A loja me pediu foto do meu RG e CPF para liberar a compra. Isso é golpe? É permitido?',
    ],
    // LGPD: the store is the controller of its buyers' data; the shopper guidance sends them to it.
    [
      'the buyer’s data at a store',
      'LGPD - acesso',
      'Com base na LGPD, quero saber quais dados meus a loja Eletro Ponto tem e com quem compartilhou.',
    ],
  ] as const)('%s', async (name, subject, text) => {
    await check({
      name,
      from: 'Fernanda Alves <fernanda.alves1987@gmail.com>',
      subject,
      text,
      outcome: 'NOT_A_CLIENT',
      variant: 'shopper',
      rule: 'client.shopper.text',
    });
  });
});

describe('round 20: a merchant naming her own store as one that runs on us is no shopper', () => {
  it.each([
    [
      '"tenho uma loja que usa a plataforma"',
      'Eu tenho uma loja que usa a plataforma de vocês e o checkout caiu na Black Friday. Ninguém do suporte responde.',
    ],
    [
      '"sou dono de uma loja que usa a plataforma"',
      'Sou dono de uma loja que usa a plataforma e o pix não baixa desde sexta.',
    ],
    ['"dona de uma loja"', 'Sou dona de uma loja que usa a plataforma há 3 anos e o frete parou de calcular no Natal.'],
  ] as const)('%s', async (name, text) => {
    await check({
      name,
      from: 'Rodrigo Teles <rodrigo@bellaflorcosmeticos.com.br>',
      subject: 'loja',
      text,
      outcome: 'NO_PRIOR_TICKET',
      notRules: ['client.shopper.text'],
    });
  });
});

describe('round 20: an integration suggested', () => {
  it.each([
    [
      '"gostaria de sugerir"',
      'Amazon',
      'Gostaria de sugerir a integração com a Amazon. Muitos lojistas precisam.',
      'OUT_OF_SCOPE_FEATURE',
    ],
    ['"sugiro"', 'ERP', 'Sugiro integração com o Omie ERP para o fechamento do ano.', 'OUT_OF_SCOPE_FEATURE'],
    // One in use and broken stays a complaint.
    [
      'a broken one',
      'Bling',
      'A integração com o Bling parou de receber pedidos na Black Friday, sugiro que vocês vejam isso.',
      'NO_PRIOR_TICKET',
    ],
  ] as const)('%s', async (name, subject, text, outcome) => {
    await check({ name, from: 'Rodrigo Teles <rodrigo@bellaflorcosmeticos.com.br>', subject, text, outcome });
  });
});

describe('round 20: a bare forward is read at its top only', () => {
  it('reads the first 8,000 characters of what she forwarded, not a word far below them', async () => {
    const filler = 'Obrigado pela preferência. '.repeat(400);
    const row: Row = {
      name: 'a long forward, the invoice word far down',
      from: 'Marcos <marcos.vini.store@hotmail.com>',
      subject: 'Fwd: novidades',
      text: `---------- Forwarded message ---------\nFrom: Marketing <news@plataforma.com.br>\nDate: Thu, Nov 19, 2026 at 3:12 PM\nSubject: Novidades\nTo: <contato@loja.com.br>\n\n${filler}\nVeja suas faturas no painel.`,
      outcome: 'NO_PRIOR_TICKET',
    };
    await check(row);
  });
});

describe('round 21: an acknowledgement or absence notice says only that an answer will come', () => {
  it.each([
    [
      'a store’s acknowledgement under our subject, no headers',
      'Atendimento Lojão Eletro <atendimento@lojaoeletro.com.br>',
      'Re: Ouvidoria: sua mensagem',
      'Obrigado pelo contato! Recebemos sua mensagem e responderemos em até 48 horas úteis.\n\nAtenciosamente,\nEquipe Lojão Eletro',
    ],
    [
      '"obrigado pelo contato, responderemos em breve"',
      'Loja Tchê Bombachas <contato@tchebombachas.com.br>',
      'Recebemos seu e-mail',
      'Olá! Obrigado pelo contato, responderemos em breve. Nosso horário é de segunda a sexta, das 9h às 18h.',
    ],
    [
      'an absence "entre … e …" under our subject',
      'Priscila Rocha <priscila@rochamoda.com.br>',
      'Re: Ouvidoria: sua mensagem sobre a loja',
      'Olá, obrigada pela mensagem. Estarei ausente entre 21/12 e 05/01 em férias. Sua mensagem será lida no meu retorno.',
    ],
    [
      'an English absence under our subject',
      'Kevin Wu <kevin@wuimports.com>',
      'Re: Ouvidoria: your message',
      "I'm away until Dec 14 with no access to email. Your message will not be forwarded.",
    ],
    [
      'a Spanish absence',
      'Martín Gómez <martin@tiendagomez.com.ar>',
      'Re: Ouvidoria',
      'Estoy de vacaciones hasta el 6 de enero. Responderé su correo a mi regreso.',
    ],
    // Round 29: a store's helpdesk acknowledging her e-mail, not her message.
    [
      'a store helpdesk acknowledging the e-mail',
      'Atendimento Loja do João <atendimento@lojadojoao.com.br>',
      'Re: Ouvidoria',
      'Obrigado pelo contato! Recebemos seu e-mail e responderemos em até 24 horas úteis. Equipe Loja do João',
    ],
    [
      'an acknowledgement of her contact, answer soon',
      'SAC Casa Verde <sac@casaverde.com.br>',
      'Re: Ouvidoria',
      'Olá! Recebemos o seu contato e em breve um de nossos atendentes vai responder.',
    ],
  ] as const)('%s', async (name, from, subject, text) => {
    await check({ name, from, subject, text, outcome: 'NO_PRIOR_TICKET', rule: 'auto.machine-generated.text' });
  });

  it.each([
    [
      'a merchant quoting the helpdesk’s acknowledgement',
      'Toda vez que abro chamado só recebo "obrigado pelo contato, responderemos em breve" e ninguém responde. A loja está fora do ar desde sábado.',
    ],
    [
      'a merchant’s own store acknowledgement not going out',
      'O e-mail automático da minha loja, "recebemos sua mensagem e responderemos em breve", parou de sair para os clientes.',
    ],
    [
      'a merchant quoting the support’s acknowledgement of her e-mail (round 29)',
      'O suporte só manda "recebemos seu e-mail e responderemos em até 48 horas" e nunca responde. O checkout parou.',
    ],
  ] as const)('%s', async (name, text) => {
    await check({
      name,
      from: 'Rodrigo Teles <rodrigo@bellaflorcosmeticos.com.br>',
      subject: 'resposta automática do suporte',
      text,
      outcome: 'NO_PRIOR_TICKET',
      notRules: ['auto.machine-generated.text', 'auto.machine-generated'],
    });
  });
});

describe('round 21: vendors, partners, press, applicants and researchers are no merchant without a ticket', () => {
  it.each([
    [
      'an SEO agency’s pitch',
      'Thiago | SEO Turbo <thiago@seoturbo.com.br>',
      'Sua loja na 1ª página do Google',
      'Olá! Analisamos o site de vocês e encontramos 37 erros de SEO. Nossa agência pode colocar vocês na primeira página do Google em 30 dias. Posso enviar uma proposta?',
      'client.supplier.text',
    ],
    [
      'an English outsourcing pitch',
      'Offshore Devs <sales@offshoredevs.example>',
      'Dedicated developers for your team',
      'Hi, we provide dedicated React/Node developers at $15/hour. Would you be interested in a quick call this week?',
      'client.supplier.text',
    ],
    [
      'a certificate vendor’s "discount" (no negotiation of ours)',
      'Certificados SSL BR <comercial@sslbr.example>',
      'Certificado SSL vencendo',
      'Prezado responsável, o certificado SSL do domínio de vocês vence em 15 dias. Renove conosco com 20% de desconto.',
      'client.supplier.text',
    ],
    [
      'an influencer’s paid post',
      'Bia Influencer <contato@biainflu.com.br>',
      'Parceria – publi',
      'Oi! Tenho 300 mil seguidores no Instagram. Topam uma publi paga sobre a plataforma?',
      'client.supplier.text',
    ],
    [
      'a sponsorship offer',
      'Eventos E-commerce <eventos@forumecommerce.example>',
      'Patrocínio – Fórum E-commerce 2027',
      'Convidamos a empresa a patrocinar o Fórum E-commerce 2027. Cotas a partir de R$ 15 mil.',
      'client.supplier.text',
    ],
    [
      'a journalist asking for an interview',
      'Letícia Almeida <leticia.almeida@ecommercenews.com.br>',
      'Pedido de entrevista',
      'Olá! Sou jornalista do E-commerce News e estou fazendo uma reportagem sobre instabilidades na Black Friday. Gostaria de uma entrevista com a Ouvidoria.',
      'client.outsider.text',
    ],
    [
      'an English press inquiry',
      'Daniel Brooks <dbrooks@technews.example>',
      'Press inquiry: Black Friday outage',
      "Hi, I'm a reporter at TechNews writing about the Black Friday outage. Could someone comment by Friday?",
      'client.outsider.text',
    ],
    [
      'a job applicant',
      'Gabriel Nunes <gabriel.nunes.dev@gmail.com>',
      'Currículo – Analista de Ouvidoria',
      'Boa tarde! Gostaria de me candidatar à vaga de Analista de Ouvidoria. Segue meu currículo em anexo.',
      'client.outsider.text',
    ],
    [
      'someone who wants to work here',
      'Ana Beatriz <anabeatriz.rh@gmail.com>',
      'Vaga',
      'Tenho interesse em trabalhar na empresa, na área de suporte ou ouvidoria.',
      'client.outsider.text',
    ],
    [
      'a researcher’s questionnaire',
      'Júlia Castro <julia.castro@aluno.fgv.br>',
      'Pesquisa acadêmica',
      'Olá, sou estudante de mestrado e pesquiso ouvidorias no varejo digital. Vocês poderiam responder um questionário de 10 minutos?',
      'client.outsider.text',
    ],
  ] as const)('%s', async (name, from, subject, text, rule) => {
    await check({ name, from, subject, text, outcome: 'NOT_A_CLIENT', rule });
  });

  it.each([
    [
      'a journalist with a store of her own',
      'Sou jornalista e tenho uma loja de livros na plataforma. Minha loja está fora do ar desde sábado.',
      'NO_PRIOR_TICKET',
    ],
    [
      'a merchant hiring, her own store named',
      'Estou contratando para o Natal e preciso liberar o painel para o novo funcionário: minha loja não deixa criar usuário.',
      'NO_PRIOR_TICKET',
    ],
    [
      'a merchant who also offers a partnership, her store down',
      'Gostaríamos de propor uma parceria depois, mas agora nossa loja está fora do ar desde sábado e ninguém do suporte responde.',
      'NO_PRIOR_TICKET',
    ],
  ] as const)('%s', async (name, text, outcome) => {
    await check({
      name,
      from: 'Rodrigo Teles <rodrigo@bellaflorcosmeticos.com.br>',
      subject: 'loja',
      text,
      outcome,
      notRules: ['client.outsider.text', 'client.supplier.text'],
    });
  });
});

describe('round 21: a store’s buyer naming the store after "uma compra", or a defect the store refuses', () => {
  it.each([
    [
      '"fiz uma compra na <loja>", the refund not made',
      'estorno',
      'Fiz uma compra na Modas Bella (pedido 10455), cancelei no mesmo dia e até hoje não fizeram o estorno no meu cartão.',
      'client.shopper.text',
    ],
    [
      'a defect, the store sending the buyer to the maker',
      'produto com defeito',
      'Recebi o liquidificador com defeito. A loja Eletro Ponto diz que a garantia é com o fabricante. Quero devolver dentro dos 7 dias do CDC.',
      'client.shopper.text',
    ],
    [
      'a buyer’s lawyer, "Sra." ending the sentence',
      'Notificação extrajudicial – consumidora',
      'Sou advogado da Sra. Fernanda Alves, que comprou um sofá na loja Casa & Cia, hospedada na plataforma de vocês, e não o recebeu. Notifico para que forneçam os dados do lojista em 5 dias.',
      'client.shopper.lawyer',
    ],
  ] as const)('%s', async (name, subject, text, rule) => {
    await check({
      name,
      from: 'Fernanda Alves <fernanda.alves1987@gmail.com>',
      subject,
      text,
      outcome: 'NOT_A_CLIENT',
      variant: 'shopper',
      rule,
    });
  });

  it.each([
    [
      'a merchant’s test purchase in her own store',
      'Fiz uma compra na minha loja como teste e o pedido não apareceu no painel. O checkout está quebrado desde ontem.',
    ],
    [
      'a merchant’s lawyer naming the store owner',
      'Sou advogado da Sra. Juliana Prado, dona da loja Modas Bella, cliente da plataforma: o checkout está fora do ar há 5 dias.',
    ],
  ] as const)('%s', async (name, text) => {
    await check({
      name,
      from: 'Rodrigo Teles <rodrigo@bellaflorcosmeticos.com.br>',
      subject: 'loja',
      text,
      outcome: 'NO_PRIOR_TICKET',
      notRules: ['client.shopper.text', 'client.shopper.lawyer'],
    });
  });
});

describe('round 21: helpdesks’ and absences’ other words', () => {
  it.each([
    [
      'an English failure typed with curly apostrophes',
      'Delivery problem',
      'We’re sorry: this message could not be delivered to the recipient’s address. Please check it and try again.',
    ],
    [
      'a promise that says how the answer is sent',
      'Recebemos seu contato',
      'Recebemos sua mensagem e retornaremos em até 2 dias úteis, a resposta é enviada para este mesmo e-mail.',
    ],
    [
      'Octadesk-style: an agent will answer soon',
      'Recebemos seu contato!',
      'Olá! 👋\n\nRecebemos sua mensagem e em breve um de nossos atendentes irá te responder.\n\nNosso horário de atendimento: seg a sex, 8h às 18h.',
    ],
    [
      'Movidesk-style: "seu ticket foi aberto", its number in the subject',
      '[Ticket #30211] Re: Ouvidoria: sua mensagem',
      'Prezado(a),\n\nSeu ticket #30211 foi aberto com sucesso. Em breve nossa equipe entrará em contato.',
    ],
    [
      'HubSpot-style, English',
      'We got your message',
      "Hi there,\n\nThanks for getting in touch! We've received your message and a member of our team will respond shortly.",
    ],
    [
      'a store’s promise with its offers',
      'Obrigado pelo seu e-mail',
      'Oi! Obrigado pelo seu e-mail. Retornaremos o mais breve possível. Enquanto isso, confira nossas ofertas.',
    ],
    [
      'after hours',
      'Re: Ouvidoria: sua mensagem',
      'Olá! Sua mensagem foi recebida fora do nosso horário de atendimento. Responderemos no próximo dia útil.',
    ],
    [
      'a mailbox nobody reads',
      'Re: Ouvidoria: sua mensagem',
      'Este e-mail não é monitorado. Para falar conosco, chame no WhatsApp (11) 99999-0000.',
    ],
    [
      'a Spanish acknowledgement',
      'Re: Ouvidoria: sua mensagem',
      '¡Gracias por escribirnos! Recibimos tu mensaje y te responderemos en un plazo de 24 horas hábiles.',
    ],
    [
      'a year-end recess',
      'Re: Ouvidoria: sua mensagem',
      'Olá! Estaremos em recesso de fim de ano de 23/12 a 02/01. Sua mensagem será respondida a partir de 05/01.',
    ],
    [
      'someone who left the company',
      'Re: Ouvidoria: sua mensagem',
      'Não faço mais parte da equipe da Rocha Moda. Por favor, envie sua mensagem para contato@rochamoda.com.br.',
    ],
    [
      'a Spanish absence, "me encuentro"',
      'Re: Ouvidoria: sua mensagem',
      'Me encuentro fuera de la oficina hasta el lunes 7 de diciembre. Para temas urgentes, escribir a soporte@tiendagomez.com.ar.',
    ],
  ] as const)('%s', async (name, subject, text) => {
    await check({
      name,
      from: 'Atendimento Casa Linda <atendimento@casalinda.com.br>',
      subject,
      text,
      outcome: 'NO_PRIOR_TICKET',
      rule: 'auto.machine-generated.text',
    });
  });

  it.each([
    [
      'a merchant quoting the unmonitored mailbox',
      'O e-mail do suporte diz que "este e-mail não é monitorado" e no WhatsApp ninguém responde. A loja está fora do ar.',
    ],
    [
      'a merchant paraphrasing the promise',
      'O suporte só diz que retornaremos o mais breve possível e nunca retorna. Meu checkout está parado.',
    ],
    [
      'a merchant retelling what the agent said',
      'O atendente disse que em breve um de nossos atendentes ia me ligar. A loja está fora do ar há 3 dias.',
    ],
    [
      'a merchant quoting the answer she got',
      'Abri pelo chat e a resposta foi que retornaremos o mais breve possível. Faz 10 dias e nada.',
    ],
    [
      'a merchant retelling a promise',
      'Prometeram que em breve um atendente entraria em contato, e nada até hoje. O checkout parou.',
    ],
  ] as const)('%s', async (name, text) => {
    await check({
      name,
      from: 'Rodrigo Teles <rodrigo@bellaflorcosmeticos.com.br>',
      subject: 'suporte',
      text,
      outcome: 'NO_PRIOR_TICKET',
      notRules: ['auto.machine-generated.text', 'auto.machine-generated'],
    });
  });
});

describe('round 21: a consultancy, an app partner, an agency asking for an integration', () => {
  it.each([
    [
      'a consultancy’s pitch',
      'Consultoria CX <contato@consultoriacx.example>',
      'Ouvidoria mais eficiente',
      'Olá! Somos uma consultoria especializada em ouvidorias e podemos reduzir o tempo de resposta da sua equipe em 40%. Que tal uma conversa de 20 minutos?',
      'NOT_A_CLIENT',
      'client.supplier.text',
    ],
    [
      'an app maker asking how partners publish',
      'Fábio | AppFrete <fabio@appfrete.com.br>',
      'App na loja de aplicativos',
      'Desenvolvemos um app de frete e queremos publicá-lo na loja de aplicativos da plataforma. Como funciona o processo para parceiros?',
      'NOT_A_CLIENT',
      'client.supplier.text',
    ],
    [
      'an agency relaying its stores’ request',
      'Bruno | Agência Pixel <bruno@agenciapixel.com.br>',
      'Integração TikTok',
      'Nossos clientes lojistas pedem integração com o TikTok Shop. Vocês têm previsão?',
      'OUT_OF_SCOPE_FEATURE',
      'scope.feature.request',
    ],
  ] as const)('%s', async (name, from, subject, text, outcome, rule) => {
    await check({
      name,
      from,
      subject,
      text,
      outcome,
      rule,
    });
  });

  it('a merchant who asked for a theme exchange is no buyer', async () => {
    await check({
      name: 'theme exchange',
      from: 'Rodrigo Teles <rodrigo@bellaflorcosmeticos.com.br>',
      subject: 'tema',
      text: 'Pedi a troca de um tema na loja há 10 dias e o suporte não respondeu. A vitrine está quebrada.',
      outcome: 'NO_PRIOR_TICKET',
      notRules: ['client.shopper.text'],
    });
  });
});

describe('merchants in the words round 21’s outsider, vendor and shopper phrases also read', () => {
  // Of her own sales, equipment and operations: never "você não é nosso cliente" nor a shopper's answer.
  it.each([
    [
      'a chargeback on a sale',
      'Recebi um chargeback de uma compra na loja e o repasse foi bloqueado. Ninguém explica.',
    ],
    [
      'a sale cancelled for her customer',
      'Cancelei uma compra na loja a pedido do cliente e o gateway não devolveu o valor.',
    ],
    ['her card machine exchanged', 'Pedi a troca de uma maquininha de cartão há 20 dias e ainda não chegou.'],
    [
      'her card machine’s warranty',
      'A maquininha que comprei de vocês parou e o suporte disse que a garantia é com o fabricante.',
    ],
    [
      'a questionnaire to free her payouts',
      'Para liberar meus repasses pediram para responder um questionário e o link dá erro.',
    ],
    ['no pickup slots', 'Não há vagas no agendamento de coleta dos Correios pelo painel desde segunda.'],
    ['dropshipping', 'Tenho interesse em trabalhar com dropshipping, mas o aplicativo do painel dá erro 500.'],
    [
      'an instalment plan for her debt',
      'Gostaríamos de propor um parcelamento do débito da mensalidade, a loja foi suspensa.',
    ],
    ['asking for a call', 'Podemos agendar 15 minutos para conversar? A loja está sem vender desde sexta.'],
    [
      'her agency’s access',
      'Somos a agência que cuida da loja Modas Bella. Nossa agência pode ter acesso ao painel? O checkout caiu.',
    ],
  ] as const)('%s', async (name, text) => {
    const { decision } = await triage({
      name,
      from: 'Lojista <contato@lojadamarta.com.br>',
      subject: 'ajuda',
      text,
      outcome: 'NO_PRIOR_TICKET',
    });
    expect(decision.outcome, decision.ruleIds.join(',')).not.toBe('NOT_A_CLIENT');
    expect(decision.replyVariant).toBeUndefined();
  });
});

describe('round 22: someone writing for the ticket’s owner is told what to do', () => {
  it.each([
    [
      'an agency',
      'Bruno | Agência Pixel <bruno@agenciapixel.com.br>',
      'Chamado 48213',
      'Olá, sou da agência que cuida da loja Modas Bella. Escrevo em nome da loja sobre o chamado 48213: o checkout continua fora do ar.',
      'pt-BR',
      /peça ao titular do chamado que escreva a partir do e-mail com que abriu o chamado, ou escreva você mesmo a partir dele/,
    ],
    [
      'an accountant',
      'Marta Contabilidade <marta@contabilmarta.com.br>',
      'Cobrança indevida - chamado 48214',
      'Boa tarde. Sou a contadora da Casa dos Aromas e escrevo sobre o chamado 48214: a fatura de novembro veio cobrada em dobro.',
      'pt-BR',
      /peça ao titular do chamado/,
    ],
    [
      'a developer, in Spanish',
      'Diego Ruiz <diego@devruiz.com.ar>',
      'Ticket 48215',
      'Hola, escribo en nombre de la tienda Eletro Ponto sobre el ticket 48215. La integración de pagos sigue sin funcionar desde hace una semana.',
      'es',
      /pida al titular del ticket que escriba desde el correo con el que abrió el ticket/,
    ],
    [
      'a lawyer, in English',
      'John Smith <john@smithlaw.example>',
      'Ticket 51000',
      'Hello, I am writing on behalf of my client Papelaria Estrela about ticket 51000. Their store has been down for ten days and nobody answers.',
      'en',
      /ask the person who opened the ticket to write from the e-mail address they opened it with/,
    ],
  ] as const)('%s', async (name, from, subject, text, language, words) => {
    const { decision } = await check({ name, from, subject, text, outcome: 'TICKET_INVALID', variant: 'on-behalf' });
    const reply = renderReply(
      'TICKET_INVALID',
      {
        subject,
        receivedAt: '2026-11-25T13:00:00.000Z',
        language,
        ticket: decision.ticket,
        ...(decision.replyVariant ? { variant: decision.replyVariant } : {}),
      },
      localConfig,
    );
    expect(reply.text.replace(/\s+/g, ' ')).toMatch(words);
  });

  // ROUND24: an accountant "em nome da nossa cliente", an agency "Somos agência", "Somos o escritório contábil da …".
  it.each([
    [
      'an accountant for "nossa cliente"',
      'Prezados, em nome da nossa cliente Casa dos Aromas: a fatura de novembro veio em dobro. O chamado 48214 foi aberto pela financeira dela e encerrado sem estorno.',
    ],
    [
      'an agency without the article',
      'Somos agência e temos 12 lojas na plataforma, todas com o checkout travando no Pix desde ontem. Chamado 48213 da Modas Bella.',
    ],
    [
      'a marketing agency for its client',
      'Sou de uma agência de marketing que atende a Modas Bella. O chamado 48213 foi encerrado e o checkout segue parado.',
    ],
    [
      'an agency that looks after client stores',
      'Somos uma agência que cuida de lojas na plataforma; a Modas Bella está com o checkout parado, chamado 48213.',
    ],
    [
      'an accounting office',
      'Somos o escritório contábil da Casa dos Aromas. O chamado 48214 sobre a cobrança em dobro foi encerrado sem estorno.',
    ],
  ])('%s', async (name, text) => {
    const { decision } = await check({
      name,
      from: 'Escritório Contábil Horizonte <fiscal@contabilhorizonte.com.br>',
      subject: 'Cobrança em dobro',
      text,
      outcome: 'TICKET_INVALID',
      variant: 'on-behalf',
    });
    expect(decision.replyVariant).toBe('on-behalf');
  });

  it.each([
    [
      'her own shopper',
      'Nossa cliente reclamou que o pedido não chegou. Abri o chamado 48213 e nada, a loja continua sem rastreio.',
    ],
    ['she runs the store herself', 'Eu cuido da loja sozinha e o chamado 48213 foi encerrado sem solução.'],
    [
      'a travel agency that sells in its own store',
      'Olá, sou de uma agência de turismo e vendo pacotes pela minha loja. Abri o chamado 48213 e o checkout segue fora do ar.',
    ],
    [
      'a travel agency, plural',
      'Somos uma agência de viagens com loja na plataforma. O chamado 48213 foi encerrado e o Pix continua recusado.',
    ],
    ['an agency of her own trade', 'Somos agência de câmbio e a nossa loja parou; o chamado 48213 não resolveu.'],
  ])('the owner citing a wrong number gets no such words: %s', async (name, text) => {
    const { decision } = await check({
      name,
      from: 'Rodrigo Teles <rodrigo@bellaflorcosmeticos.com.br>',
      subject: 'chamado 48213',
      text,
      outcome: 'TICKET_INVALID',
    });
    expect(decision.replyVariant).toBeUndefined();
  });

  it('the owner citing a wrong number gets no such words', async () => {
    const { decision } = await check({
      name: 'owner, wrong number',
      from: 'Rodrigo Teles <rodrigo@bellaflorcosmeticos.com.br>',
      subject: 'chamado 48213',
      text: 'Abri o chamado 48213 há duas semanas e a loja continua fora do ar. Ninguém responde.',
      outcome: 'TICKET_INVALID',
    });
    expect(decision.replyVariant).toBeUndefined();
  });
});

// ─────────────── Round 23: a support answer pasted into the complaint ───────────────
const CASA = 'financeiro@casadosaromas.com.br'; // opened 48214
const ROUND23_PASTED_ANSWER: Row[] = [
  {
    name: 'an automatic closing notice pasted above "Encerraram sem resolver!"',
    from: OWNER,
    subject: 'Reclamação',
    text: 'Esta é uma mensagem automática, por favor não responda.\nSua solicitação #48213 foi encerrada.\nAvalie nosso atendimento.\n\nEncerraram sem resolver! O frete continua sem calcular para o Norte.',
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['auto.machine-generated.text'],
  },
  {
    name: 'a generated notice pasted above "Fecharam meu chamado"',
    from: OWNER,
    subject: 'Chamado fechado',
    text: 'E-mail gerado automaticamente. O chamado 48213 foi fechado.\n\nFecharam meu chamado e o checkout continua fora do ar desde sexta.',
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['auto.machine-generated.text'],
  },
  {
    name: 'an automatic e-mail pasted, then "Foi isso que me responderam"',
    from: OWNER,
    subject: 'Ouvidoria',
    text: 'Este é um e-mail automático. Seu chamado 48213 foi respondido, acesse a central para ver a resposta.\n\nFoi isso que me responderam depois de 15 dias. A loja segue sem frete.',
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['auto.machine-generated.text'],
  },
  {
    name: 'a generated notice pasted below "Fechado sem resolver"',
    from: OWNER,
    subject: 'Chamado 48213',
    text: 'Fechado sem resolver, vejam o que chegou:\n\nMensagem gerada automaticamente. Seu ticket 48213 foi marcado como resolvido.',
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['auto.machine-generated.text'],
  },
  {
    name: 'en: an automated notice pasted, then "they closed my ticket"',
    from: OWNER,
    subject: 'Complaint',
    text: 'This is an automated message. Your request 48213 has been solved.\n\nThey closed my ticket and my store is still without shipping rates.',
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['auto.machine-generated.text'],
  },
  {
    name: 'es: an automatic notice pasted, then "cerraron sin resolver"',
    from: OWNER,
    subject: 'Reclamo',
    text: 'Este es un mensaje automático. Su ticket 48213 fue cerrado.\n\nCerraron sin resolver, la tienda sigue sin calcular el envío.',
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['auto.machine-generated.text'],
  },
  {
    name: 'a pasted acknowledgement, then "Isso foi há 20 dias. Ninguém entrou em contato."',
    from: OWNER,
    subject: 'Ouvidoria',
    text: 'Olá, tudo bem?\nRecebemos sua solicitação e ela foi registrada com o número 48213.\nEm breve um de nossos atendentes entrará em contato.\nEquipe Bagy\n\n---\nIsso foi há 20 dias. Ninguém entrou em contato. A loja continua sem frete.',
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['auto.machine-generated.text'],
  },
  {
    name: 'a pasted promise of an answer, then "ninguém me respondeu"',
    from: OWNER,
    subject: 'Chamado 48213',
    text: 'Retornaremos o mais breve possível.\n\nFoi a única coisa que chegou. Até hoje ninguém me respondeu e o checkout continua fora do ar.',
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['auto.machine-generated.text'],
  },
  {
    name: 'en: a pasted "we\'ve received your message", then "nobody got back to me"',
    from: OWNER,
    subject: 'Ticket 48213',
    text: "We've received your message and will reply soon.\n\nThat was three weeks ago and nobody got back to me. My store is still down.",
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['auto.machine-generated.text'],
  },
  {
    name: 'guard: a helpdesk acknowledgement itself stays automatic',
    from: 'atendimento@helpdesk.example.com',
    subject: 'Recebemos sua solicitação',
    text: 'Recebemos sua solicitação 998877. Em breve um de nossos atendentes entrará em contato. Se ninguém responder em 48h, ligue para nossa central.',
    outcome: 'NO_PRIOR_TICKET',
    rule: 'auto.machine-generated.text',
  },
  {
    name: 'guard: a helpdesk closing notice itself stays automatic',
    from: 'nao-responda@helpdesk.example.com',
    subject: 'Sua solicitação foi encerrada',
    text: 'Esta é uma mensagem automática. Sua solicitação 998877 foi encerrada. Avalie nosso atendimento.',
    outcome: 'NO_PRIOR_TICKET',
    rule: 'auto.machine-generated',
  },
  {
    name: 'guard: an absence notice stays automatic',
    from: 'contato@bellaflorcosmeticos.com.br',
    subject: 'Ausente',
    text: 'Estou fora do escritório até 10/12. Responderei assim que retornar.',
    outcome: 'NO_PRIOR_TICKET',
    rule: 'auto.machine-generated',
  },
  {
    name: 'a pasted refusal of a discount, then "Eu não pedi desconto"',
    from: CASA,
    subject: 'Cobrança',
    text: 'Prezado cliente, informamos que não é possível conceder desconto ou estorno nesta fatura.\nAtt, Suporte Bagy – Ticket 48214\n\nFoi isso que me responderam. Eu não pedi desconto, vocês me cobraram duas vezes!',
    outcome: 'ACCEPTED',
    ticket: '48214',
    notRules: ['scope.commercial.discount'],
  },
  {
    name: 'the support offers no discount: "Nunca pedi desconto"',
    from: CASA,
    subject: 'Chamado 48214',
    text: 'O atendente respondeu que não consegue dar desconto. Nunca pedi desconto, quero o estorno da cobrança em dobro.',
    outcome: 'ACCEPTED',
    ticket: '48214',
    notRules: ['scope.commercial.discount'],
  },
  {
    name: 'en: "I didn\'t ask for a discount"',
    from: CASA,
    subject: 'Ticket 48214',
    text: "Support said they can't give me a discount. I didn't ask for a discount, I was charged twice.",
    outcome: 'ACCEPTED',
    ticket: '48214',
    notRules: ['scope.commercial.discount'],
  },
  {
    name: 'guard: asking for a discount the support refused stays commercial',
    from: CASA,
    subject: 'Chamado 48214',
    text: 'Quero um desconto na mensalidade. O suporte disse que não é possível conceder desconto.',
    outcome: 'OUT_OF_SCOPE_COMMERCIAL',
    rule: 'scope.commercial.discount',
  },
  {
    name: 'guard: "nunca pedi desconto" before asking for one stays commercial',
    from: CASA,
    subject: 'Chamado 48214',
    text: 'Sou cliente há 3 anos e nunca pedi desconto. Agora, com a crise, gostaria de um desconto na mensalidade.',
    outcome: 'OUT_OF_SCOPE_COMMERCIAL',
    rule: 'scope.commercial.discount',
  },
  {
    name: 'guard: "não pedi desconto no ano passado" before asking for one stays commercial',
    from: CASA,
    subject: 'Chamado 48214',
    text: 'Não pedi desconto no ano passado. Agora preciso de 20% de desconto para continuar com a loja.',
    outcome: 'OUT_OF_SCOPE_COMMERCIAL',
    rule: 'scope.commercial.discount',
  },
  {
    name: 'en guard: "I never asked for a discount before" then asking for one stays commercial',
    from: CASA,
    subject: 'Ticket 48214',
    text: 'I never asked for a discount before. Now I would like a discount on my monthly plan.',
    outcome: 'OUT_OF_SCOPE_COMMERCIAL',
    rule: 'scope.commercial.discount',
  },
  {
    name: 'guard: a helpdesk acknowledgement that says "se ninguém retornou" stays automatic',
    from: 'atendimento@helpdesk.example.com',
    subject: 'Contato',
    text: 'Recebemos sua mensagem. Retornaremos o mais breve possível. Se ninguém retornou em até 48 horas, ligue para 4004-1234.',
    outcome: 'NO_PRIOR_TICKET',
    rule: 'auto.machine-generated.text',
  },
  {
    name: 'en guard: an acknowledgement that says "if nobody got back to you" stays automatic',
    from: 'support@helpdesk.example.com',
    subject: 'Your message',
    text: "Thank you for contacting us. We've received your message and will reply soon. If nobody got back to you within 2 business days, please call us.",
    outcome: 'NO_PRIOR_TICKET',
    rule: 'auto.machine-generated.text',
  },
  {
    name: 'a pasted acknowledgement, then "Isso foi semana passada e ninguém retornou."',
    from: OWNER,
    subject: 'Chamado 48213',
    text: 'Esta é uma mensagem automática. Sua solicitação #48213 foi aberta com sucesso. Em breve um atendente entrará em contato.\n\nIsso foi semana passada e ninguém retornou.',
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['auto.machine-generated.text'],
  },
  {
    name: 'a pasted acknowledgement, then "Já se passaram 15 dias e ninguém entrou em contato."',
    from: OWNER,
    subject: 'Chamado 48213',
    text: 'Esta é uma mensagem automática. Sua solicitação #48213 foi aberta com sucesso. Em breve um atendente entrará em contato.\n\nJá se passaram 15 dias e ninguém entrou em contato.',
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['auto.machine-generated.text'],
  },
  {
    name: 'a pasted acknowledgement, then "Ninguém respondeu até agora"',
    from: OWNER,
    subject: 'Chamado 48213',
    text: 'Esta é uma mensagem automática. Sua solicitação #48213 foi aberta com sucesso. Em breve um atendente entrará em contato.\n\nNinguém respondeu até agora e a loja segue sem checkout.',
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['auto.machine-generated.text'],
  },
  {
    name: 'en: a pasted acknowledgement, then "Two weeks later, nobody got back to me."',
    from: OWNER,
    subject: 'Chamado 48213',
    text: 'Esta é uma mensagem automática. Sua solicitação #48213 foi aberta com sucesso. Em breve um atendente entrará em contato.\n\nTwo weeks later, nobody got back to me.',
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['auto.machine-generated.text'],
  },
  {
    name: 'a support refusal pasted in its own words ("o desconto não pode ser concedido"), then "Eu nunca pedi desconto"',
    from: CASA,
    subject: 'Chamado 48214',
    text: 'Fui cobrada duas vezes na mensalidade de novembro. Abri o chamado 48214 e o suporte respondeu: o desconto não pode ser concedido. Eu nunca pedi desconto, quero o estorno da cobrança duplicada.',
    outcome: 'ACCEPTED',
    ticket: '48214',
    notRules: ['scope.commercial.discount'],
  },
  {
    name: 'a pasted acknowledgement, then "Até hoje ninguém entrou em contato"',
    from: OWNER,
    subject: 'Chamado 48213',
    text: 'Recebemos sua solicitação. Em breve um de nossos atendentes entrará em contato.\n\nAté hoje ninguém entrou em contato e a loja continua fora do ar.',
    outcome: 'ACCEPTED',
    ticket: '48213',
    notRules: ['auto.machine-generated.text'],
  },
];

describe('round 23: a support answer pasted into the complaint', () => {
  it.each(ROUND23_PASTED_ANSWER.map((r) => [r.name, r] as const))('%s', async (_n, row) => {
    await check(row);
  });
});

// ROUND24: pt-BR mail machine-translated to English ("estou sem acesso ao painel administrativo" → "I am without
// access to the administrative panel") was told to open a support ticket about nothing in particular.
describe('round 24: machine-translated access problems', () => {
  it.each([
    ['the admin panel', 'Good afternoon. I am without access to the administrative panel, it says invalid password.'],
    ['the panel', 'Since yesterday I am without access to the panel and the recovery email does not arrive.'],
    ['her store', 'I am without access to my store since the plan changed.'],
    ['"not managing to access"', 'I am not managing to access the admin of my store, it gives error.'],
  ])('%s', async (name, text) => {
    await check({
      name,
      from: 'Rodrigo Teles <rodrigo@bellaflorcosmeticos.com.br>',
      subject: 'Access',
      text,
      outcome: 'ACCESS_ISSUE',
      rule: 'topic.access.no-access',
      language: 'en',
    });
  });

  it.each([
    [
      'a checkout complaint',
      'My customers are without access to the checkout since yesterday and the support does not answer.',
    ],
    ['a store without stock', 'The store is without stock updates since Friday, the ERP does not sync.'],
  ])('not an access problem: %s', async (name, text) => {
    await check({
      name,
      from: 'Rodrigo Teles <rodrigo@bellaflorcosmeticos.com.br>',
      subject: 'Complaint',
      text,
      outcome: 'NO_PRIOR_TICKET',
      language: 'en',
    });
  });
});

// A reply of a few words (or only a number) above the quote it answers was read as pt-BR, its
// default: the merchant who wrote to us in English or Spanish got our next answer in Portuguese.
describe('short replies above a quote: the language of the quote when hers says nothing', () => {
  const ENGLISH_GUIDANCE = [
    'On Tue, Nov 24, 2026 at 10:05 AM Ouvidoria Bagy <ouvidoria@ouvidoria.example.com.br> wrote:',
    '> Hello,',
    '> We received your message. The Ombudsman office handles cases that were first handled by our support team and were not solved. To open a case, please reply with the number of your support ticket.',
    '> Kind regards,',
    '> Ouvidoria Bagy',
  ].join('\n');
  const SPANISH_GUIDANCE = [
    'El mar, 24 nov 2026 a las 10:05, Ouvidoria Bagy (<ouvidoria@ouvidoria.example.com.br>) escribió:',
    '> Hola,',
    '> Recibimos su mensaje. La Ouvidoria atiende casos que ya pasaron por nuestro soporte sin solución. Para abrir un caso, responda con el número de su ticket de soporte.',
    '> Saludos,',
    '> Ouvidoria Bagy',
  ].join('\n');
  const PORTUGUESE_GUIDANCE = [
    'Em ter., 24 de nov. de 2026 às 10:05, Ouvidoria Bagy <ouvidoria@ouvidoria.example.com.br> escreveu:',
    '> Olá,',
    '> Recebemos sua mensagem. A Ouvidoria atende casos que já passaram pelo nosso suporte sem solução. Para abrir um caso, responda com o número do seu chamado.',
  ].join('\n');
  const FORWARDED_ENGLISH = [
    '---------- Forwarded message ---------',
    'From: Supplier Ltd <sales@supplier.example.com>',
    'Subject: Your order',
    '',
    'Hello, your order is delayed. Thank you for your patience, we will ship it next week and send the tracking code.',
  ].join('\n');
  it.each<[string, string, string, MessageLanguage]>([
    [
      '"Ticket 48213. Thanks" above our English answer',
      'Re: Store problem',
      `Ticket 48213. Thanks\n\n${ENGLISH_GUIDANCE}`,
      'en',
    ],
    ['only the number, then her phone footer', 'Re: Bagy', `48213\n\nSent from my iPhone\n\n${ENGLISH_GUIDANCE}`, 'en'],
    ['"#48213 !!"', 'RE: Bagy', `#48213 !!\n\n${ENGLISH_GUIDANCE}`, 'en'],
    ['"Es el 48213, gracias"', 'Re: Tienda', `Es el 48213, gracias\n\n${SPANISH_GUIDANCE}`, 'es'],
    ['"Ticket 48213. Saludos"', 'Re: Tienda', `Ticket 48213. Saludos\n\n${SPANISH_GUIDANCE}`, 'es'],
    ['only the number above our Spanish answer', 'Re: Tienda', `48213\n\n${SPANISH_GUIDANCE}`, 'es'],
    // Hers says Portuguese, or could: pt-BR whatever the quote.
    [
      '"Segue o chamado 48213, obrigada" above English',
      'Re: Store',
      `Segue o chamado 48213, obrigada\n\n${ENGLISH_GUIDANCE}`,
      'pt-BR',
    ],
    [
      '"Pedido atrasado, chamado 48213" under an English subject',
      'Re: Order delay',
      `Pedido atrasado, chamado 48213\n\n${ENGLISH_GUIDANCE}`,
      'pt-BR',
    ],
    ['"Ticket 48213" (no word of any language)', 'Re: Bagy', `Ticket 48213\n\n${ENGLISH_GUIDANCE}`, 'pt-BR'],
    ['a number above our Portuguese answer', 'Re: Bagy', `48213\n\n${PORTUGUESE_GUIDANCE}`, 'pt-BR'],
    // What she forwards may be anyone's words: a bare forward stays pt-BR.
    ['a bare forward of an English mail', 'Fwd: Your order', `\n\n${FORWARDED_ENGLISH}`, 'pt-BR'],
    ['a forward with "Ticket 48213" above', 'Fwd: Your order', `Ticket 48213\n\n${FORWARDED_ENGLISH}`, 'pt-BR'],
  ])('%s: %s', async (name, subject, text, language) => {
    const { decision } = await triage({
      name,
      from: 'Marina Costa <lojista@modasbella.com.br>',
      subject,
      text,
      outcome: 'ACCEPTED',
    });
    expect(decision.language, `${decision.outcome} ${decision.reason}`).toBe(language);
  });
});

/**
 * A row of round 25: the outcome and the rule that decides it, or, for NO_PRIOR_TICKET, the rule that
 * used to fire wrongly and must not. A shopper gets the reply's shopper variant.
 */
function ruleRow(from: string, outcome: Outcome, subject: string, text: string, rule: string): Row {
  return {
    name: text,
    from,
    subject,
    text,
    outcome,
    ...(outcome === 'NO_PRIOR_TICKET' ? { notRules: [rule] } : { rule }),
    ...(rule === 'client.shopper.text' ? { variant: 'shopper' as const } : {}),
  };
}

// Round 25: how people really write, read wrong. The store's customer named after the noun
// ("uma cliente minha", "clientes nossos") was read as the merchant's own billing; a wish in the
// subjunctive ("queria que integrasse") or the future ("vão lançar um app") as no request at all;
// a sign-in that does not know the address as no access problem; "vocês fazem site?" as a client.
describe('round 25: the words people use, read as they mean them', () => {
  const STORE = 'Paula Ramos <paula@bellaflorcosmeticos.com.br>';
  it.each([
    [
      'NO_PRIOR_TICKET',
      'Estorno',
      'Uma cliente minha pediu estorno e não sei como fazer pelo painel.',
      'topic.billing.complaint',
    ],
    [
      'NO_PRIOR_TICKET',
      'Cobrança',
      'Um cliente meu foi cobrado duas vezes no cartão, como devolvo?',
      'topic.billing.charge',
    ],
    [
      'NO_PRIOR_TICKET',
      'Reembolso',
      'Clientes meus estão pedindo reembolso porque o produto não chegou.',
      'topic.billing.complaint',
    ],
    ['NO_PRIOR_TICKET', 'Estorno', 'Duas clientes nossas pediram estorno do pedido no pix.', 'topic.billing.complaint'],
    [
      'NO_PRIOR_TICKET',
      'Refund',
      'A customer of mine asked for a refund and I do not know how to do it.',
      'topic.billing.complaint',
    ],
    ['NO_PRIOR_TICKET', 'Reembolso', 'Una clienta mía pidió el reembolso de su pedido.', 'topic.billing.complaint'],
    ['OUT_OF_SCOPE_FEATURE', 'App', 'Vocês vão lançar um app do painel para Android?', 'scope.feature.request'],
    [
      'OUT_OF_SCOPE_FEATURE',
      'Aplicativo',
      'Quando vai sair o aplicativo para celular do painel?',
      'scope.feature.request',
    ],
    [
      'OUT_OF_SCOPE_FEATURE',
      'Integração',
      'Queria que a plataforma integrasse com o Tiny ERP.',
      'scope.feature.integration',
    ],
    [
      'OUT_OF_SCOPE_FEATURE',
      'Sugestão',
      'Gostaria que vocês integrassem com a Shopee, seria ótimo.',
      'scope.feature.integration',
    ],
    [
      'ACCESS_ISSUE',
      'Login',
      'O sistema fala que meu email não está cadastrado mas eu tenho loja com vcs há 2 anos',
      'topic.access.no-access',
    ],
    ['ACCESS_ISSUE', 'Acesso', 'Tento entrar no painel e aparece usuário não encontrado.', 'topic.access.no-access'],
    ['ACCESS_ISSUE', 'Login', 'Dá usuário ou senha inválidos, mas a senha está certa.', 'topic.access.no-access'],
    ['NOT_A_CLIENT', 'Site', 'Boa tarde, vocês fazem site para restaurante?', 'client.prospect.text'],
    [
      'NOT_A_CLIENT',
      'Loja virtual',
      'Olá, vocês criam loja virtual para quem vende bolos? Preciso de uma loja virtual.',
      'client.prospect.text',
    ],
    [
      'ACCESS_ISSUE',
      'socorro',
      'gente pelo amor de Deus meu login n funciona mais, to sem vender nada',
      'topic.access.no-access',
    ],
    ['ACCESS_ISSUE', 'Conta', 'minha conta foi desativada sem aviso', 'topic.access.blocked-user'],
    [
      'NOT_A_CLIENT',
      'info',
      'Oi! Vi o anúncio de vcs no Instagram, como funciona pra ter uma loja?',
      'client.prospect.text',
    ],
    [
      'NOT_A_CLIENT',
      'Troca',
      'Comprei uma blusa e veio rasgada, quero trocar. Vocês são responsáveis pelo site?',
      'client.shopper.text',
    ],
    [
      'OUT_OF_SCOPE_FEATURE',
      'Melhoria',
      'Seria legal se desse para agendar promoções no painel.',
      'scope.feature.suggestion',
    ],
    [
      'OUT_OF_SCOPE_FEATURE',
      'Relatório',
      'Falta um relatório de vendas por vendedor na plataforma.',
      'scope.feature.missing-complaint',
    ],
    [
      'NOT_A_CLIENT',
      'Vaga',
      'Olá, gostaria de saber se há vagas de emprego na empresa de vocês.',
      'client.outsider.text',
    ],
    ['NOT_A_CLIENT', 'Emprego', 'Bom dia! Vocês estão contratando? Segue meu currículo.', 'client.outsider.text'],
    [
      'NOT_A_CLIENT',
      'Parceria',
      'Somos uma empresa de logística e gostaríamos de oferecer nossos serviços.',
      'client.supplier.text',
    ],
  ])('%s: %s — %s', async (outcome, subject, text, rule) => {
    await check(ruleRow(STORE, outcome as Outcome, subject, text, rule));
  });

  // The same words where they are the merchant's own.
  it.each([
    ['BILLING_QUESTION', 'Cobrança', 'Sou cliente, minha mensalidade foi cobrada duas vezes este mês.'],
    [
      'BILLING_QUESTION',
      'Estorno',
      'Sou cliente de vocês e quero o estorno da mensalidade cobrada depois do cancelamento.',
    ],
    ['NO_PRIOR_TICKET', 'Integração', 'A integração com o Bling parou de sincronizar o estoque.'],
    ['NO_PRIOR_TICKET', 'App', 'O app do painel parou de abrir depois da atualização, vão lançar a correção?'],
    ['NO_PRIOR_TICKET', 'Cadastro', 'Meus clientes dizem que o email não está cadastrado quando tentam comprar.'],
    ['NO_PRIOR_TICKET', 'Site', 'Vocês fazem site mais rápido? A minha loja está muito lenta.'],
    ['NO_PRIOR_TICKET', 'Frete', 'Meus clientes estão contratando o frete e ele não aparece no pedido da minha loja.'],
    [
      'NO_PRIOR_TICKET',
      'Serviços',
      'Minha loja quer oferecer nossos serviços de instalação no checkout e não acho a opção.',
    ],
    ['NO_PRIOR_TICKET', 'Urgente', 'Seria bom se desse para resolver meu problema logo, o suporte não responde.'],
    ['NO_PRIOR_TICKET', 'Chamado', 'Falta uma resposta do suporte sobre o meu problema com o relatório.'],
    ['NO_PRIOR_TICKET', 'Pedido', 'Falta um produto no pedido que o cliente recebeu.'],
    ['BILLING_QUESTION', 'Plano', 'Comprei o plano anual e veio cobrança em dobro no cartão.'],
    ['NO_PRIOR_TICKET', 'Conta', 'O cliente disse que a conta dele na loja foi desativada quando tentou comprar.'],
  ])('guard — %s: %s — %s', async (outcome, subject, text) => {
    await check({ name: text, from: STORE, subject, text, outcome: outcome as Outcome });
  });
});

// A merchant's sign-off block (the closing word, her name, role, company, plan, hours, disclaimer) was
// read as her request: "Plano Premium" under "Atenciosamente, Maria" made a store that is down a
// billing question. The topic is read above the sign-off; what follows a P.S. is hers again.
describe('round 25: the sign-off block is no request', () => {
  const STORE = 'Maria Souza <maria@modasbella.com.br>';
  it.each([
    [
      'a plan and hours in the signature',
      'Prezados,\n\nA loja está fora do ar desde ontem e os clientes não conseguem comprar.\n\nAtenciosamente,\nMaria Souza\nModas Bella LTDA – CNPJ 12.345.678/0001-90\nPlano Premium\nAtendimento: seg a sex, 9h às 18h\n\nEsta mensagem pode conter informação confidencial. Se você não for o destinatário, apague-a.',
    ],
    [
      '"Att," and a role naming the plan',
      'Bom dia, o checkout não carrega.\n\nAtt,\nJuliana\nGerente de Compras – Plano Pro',
    ],
    [
      '"Abs, Carlos" and an integration in the footer',
      'O frete não calcula para o Norte.\n\nAbs, Carlos\nLoja X | Integração com Mercado Livre em breve!',
    ],
    [
      'an English sign-off',
      'The product images do not load on my store.\n\nBest regards,\nJohn\nFinance – invoice questions: finance@store.com',
    ],
  ])('%s', async (_what, text) => {
    await check({
      name: text.slice(0, 40),
      from: STORE,
      subject: 'Problema na loja',
      text,
      outcome: 'NO_PRIOR_TICKET',
    });
  });

  it.each([
    ['a P.S. after the sign-off', 'Obrigada!\n\nMaria\n\nPS: também fui cobrada duas vezes na mensalidade.'],
    ['thanks that start the message', 'Obrigada pela atenção. Fui cobrada duas vezes na mensalidade.'],
    ['the request above the sign-off', 'Fui cobrada duas vezes na mensalidade.\n\nAtenciosamente,\nMaria'],
    [
      'a sign-off and the request on the lines below',
      'Atenciosamente, Maria\nfui cobrada duas vezes na mensalidade e quero o estorno do valor cobrado a mais. Aguardo.',
    ],
  ])('guard — %s', async (_what, text) => {
    await check({ name: text.slice(0, 40), from: STORE, subject: 'Mensalidade', text, outcome: 'BILLING_QUESTION' });
  });
});

// What she pays, said as her argument ("pago o plano em dia e mesmo assim a loja está fora do ar"),
// made the message a billing question: she was sent to the knowledge base about plans.
describe('round 25: the plan she pays, as her argument, is not her topic', () => {
  const STORE = 'Maria Souza <maria@modasbella.com.br>';
  it.each([
    'Pago o plano anual em dia e mesmo assim a loja está fora do ar!',
    'Pago caro pela mensalidade e a loja vive caindo, absurdo.',
    'Estou pagando a mensalidade e não consigo vender porque o pix da loja não funciona.',
    'Mesmo pagando o plano Pro, o suporte demora dias para responder.',
  ])('%s', async (text) => {
    await check({ name: text, from: STORE, subject: 'Problema', text, outcome: 'NO_PRIOR_TICKET' });
  });

  it.each([
    'Pago em dia e mesmo assim bloquearam minha loja por falta de pagamento.',
    'Pago o plano anual e mesmo assim veio cobrança da mensalidade este mês.',
    'Pago o plano Start e quero mudar para o plano Pro.',
  ])('guard — %s', async (text) => {
    await check({ name: text, from: STORE, subject: 'Mensalidade', text, outcome: 'BILLING_QUESTION' });
  });
});

// The same words in Spanish and English (round 25's classes): the future asked about, a site asked
// for, an account switched off, the plan paid as an argument.
describe('round 25: the same words in Spanish and English', () => {
  const STORE = 'Lucía Pérez <lucia@tiendalucia.com>';
  it.each([
    ['OUT_OF_SCOPE_FEATURE', '¿Van a lanzar una app del panel para Android?', 'scope.feature.request'],
    ['OUT_OF_SCOPE_FEATURE', 'Are you going to launch a mobile app for the admin panel?', 'scope.feature.request'],
    ['NOT_A_CLIENT', 'Hi, do you build websites for restaurants?', 'client.prospect.text'],
    ['NOT_A_CLIENT', 'Hola, ¿ustedes hacen tiendas online para panaderías?', 'client.prospect.text'],
    ['ACCESS_ISSUE', 'Mi cuenta fue desactivada sin aviso.', 'topic.access.blocked-user'],
    ['ACCESS_ISSUE', 'My account was deactivated without notice.', 'topic.access.blocked-user'],
    ['NO_PRIOR_TICKET', 'Pago el plan anual y aun así la tienda está caída.', 'topic.billing.plan'],
  ])('%s: %s', async (outcome, text, rule) => {
    await check(ruleRow(STORE, outcome as Outcome, 'Consulta', text, rule));
  });
});

// A formal letter names the subscription "o contrato" and the refund "a devolução proporcional dos
// valores pagos": it was read as no billing matter at all.
describe('round 25: a formal letter about the contract and its refund', () => {
  const STORE = 'Roberto Alves <roberto@modasbella.com.br>';
  it.each([
    ['Solicito o cancelamento do contrato e a devolução proporcional dos valores pagos.', 'topic.billing.plan'],
    ['Venho requerer a rescisão do contrato, sem multa, pela indisponibilidade do serviço.', 'topic.billing.plan'],
    [
      'Requeiro a restituição dos valores cobrados nos meses em que a loja ficou fora do ar.',
      'topic.billing.complaint',
    ],
  ])('%s', async (text, rule) => {
    await check(ruleRow(STORE, 'BILLING_QUESTION', 'Notificação', text, rule));
  });

  it('guard — a contract of the store with its own customer is not ours', async () => {
    const text = 'O contrato da loja com a transportadora venceu e o frete não calcula.';
    await check({ name: text, from: STORE, subject: 'Frete', text, outcome: 'NO_PRIOR_TICKET' });
  });
});

// Chat-speak a phone writes ("qto custa p abrir uma loja c vcs?", "seria mto bom ter um app"): the
// words the rules hinge on were not read.
describe('round 25: chat-speak from a phone', () => {
  const FROM = 'Bia <bia.vendas@gmail.com>';
  it.each([
    ['NOT_A_CLIENT', 'qto custa p abrir uma loja c vcs?', 'client.prospect.text'],
    ['OUT_OF_SCOPE_FEATURE', 'vcs tem app p celular? seria mto bom ter um app do painel', 'scope.feature.suggestion'],
    ['BILLING_QUESTION', 'qro mudar de plano, cmo faz?', 'topic.billing.plan'],
  ])('%s: %s', async (outcome, text, rule) => {
    await check(ruleRow(FROM, outcome as Outcome, 'oi', text, rule));
  });
});

// Access kept by someone else, in the words people use for it: "o antigo dono não me passa o acesso",
// "a agência ficou com a senha do painel".
describe('round 25: access someone else keeps', () => {
  const STORE = 'Paula Ramos <paula@bellaflorcosmeticos.com.br>';
  it.each([
    'Comprei a loja de outra pessoa e o antigo dono não me passa o acesso ao painel.',
    'A agência que fez minha loja sumiu e ficou com a senha do painel.',
    'Meu ex-sócio não quer repassar o login da loja.',
  ])('%s', async (text) => {
    await check(ruleRow(STORE, 'ACCESS_ISSUE', 'Acesso', text, 'topic.access.no-access'));
  });

  it("guard — a customer who kept her password is the store's", async () => {
    const text = 'A cliente ficou com a senha antiga e o pedido dela não aparece no painel.';
    await check({ name: text, from: STORE, subject: 'Pedido', text, outcome: 'NO_PRIOR_TICKET' });
  });
});

// A sign-in that goes nowhere ("coloco meu email e senha e a página só recarrega", "não deixa logar"),
// what the product should let one do ("deveria ter como…", "por que a plataforma não tem…?") and an
// influencer's partnership offer were read as no topic at all (or as the plan she would get).
describe('round 25: a sign-in that goes nowhere, a should-have, an influencer', () => {
  const STORE = 'Paula Ramos <paula@bellaflorcosmeticos.com.br>';
  it.each([
    ['ACCESS_ISSUE', 'O painel diz que minha sessão expirou e não deixa logar de novo.', 'topic.access.no-access'],
    ['ACCESS_ISSUE', 'Quando coloco meu email e senha a página só recarrega.', 'topic.access.no-access'],
    ['OUT_OF_SCOPE_FEATURE', 'Deveria ter como cadastrar produtos em lote por planilha.', 'scope.feature.suggestion'],
    [
      'OUT_OF_SCOPE_FEATURE',
      'Por que a plataforma não tem carrinho abandonado? Todas as outras têm.',
      'scope.feature.suggestion',
    ],
    [
      'NOT_A_CLIENT',
      'Sou influenciadora e quero uma parceria: divulgo vocês e ganho o plano de graça.',
      'client.supplier.text',
    ],
  ])('%s: %s', async (outcome, text, rule) => {
    await check(ruleRow(STORE, outcome as Outcome, 'Oi', text, rule));
  });

  it.each([
    'Os clientes colocam a senha no checkout e a página recarrega.',
    'Deveria ter como falar com um atendente por telefone.',
    'Por que vocês não têm um telefone de suporte?',
    'Por que a plataforma não tem resposta para o meu problema?',
  ])('guard — %s', async (text) => {
    await check({ name: text, from: STORE, subject: 'Oi', text, outcome: 'NO_PRIOR_TICKET' });
  });
});

describe('round 25: a sign-in link, a switched-off account, a wish, a move from another platform', () => {
  const STORE = 'Paula Ramos <paula@bellaflorcosmeticos.com.br>';
  it.each([
    ['ACCESS_ISSUE', 'Não recebo o link de acesso no meu email para entrar no painel.', 'topic.access.no-access'],
    ['ACCESS_ISSUE', 'A conta da loja foi desabilitada e não sei por quê.', 'topic.access.blocked-user'],
    ['OUT_OF_SCOPE_FEATURE', 'Acho que seria muito útil um app para acompanhar as vendas.', 'scope.feature.request'],
    ['OUT_OF_SCOPE_FEATURE', 'Sinto falta de poder editar o pedido depois de pago.', 'scope.feature.suggestion'],
    ['NOT_A_CLIENT', 'Estou pensando em migrar da Shopify para vocês, como funciona?', 'client.prospect.text'],
  ])('%s: %s', async (outcome, text, rule) => {
    await check(ruleRow(STORE, outcome as Outcome, 'Oi', text, rule));
  });

  it.each([
    'Seria muito bom uma resposta de vocês sobre a loja fora do ar.',
    'O cupom da cliente foi desabilitado e ela não consegue comprar.',
  ])('guard — %s', async (text) => {
    await check({ name: text, from: STORE, subject: 'Oi', text, outcome: 'NO_PRIOR_TICKET' });
  });
});

// Round 26: access taken along by someone who left, a purchase made "num site", a reseller contract,
// a résumé asked about, a wish in the subjunctive whatever its subject, what is missing named right
// after "não tem", and a suggestion closed with "pensem nisso".
describe('round 26: who took the access, whose purchase, what the product should let one do', () => {
  const STORE = 'Paula Ramos <paula@bellaflorcosmeticos.com.br>';
  it.each([
    [
      'ACCESS_ISSUE',
      'A funcionária que cuidava da loja saiu e levou o acesso de administrador. Preciso de ajuda.',
      'topic.access.no-access',
    ],
    ['ACCESS_ISSUE', 'A agência levou a senha do painel e sumiu.', 'topic.access.no-access'],
    ['ACCESS_ISSUE', 'Preciso recuperar a conta da loja, o email antigo não existe mais.', 'topic.access.no-access'],
    [
      'NOT_A_CLIENT',
      'Comprei um tênis num site que usa a plataforma de vocês e veio o número errado. Quero meu dinheiro de volta.',
      'client.shopper.text',
    ],
    [
      'NOT_A_CLIENT',
      'Sou dono de uma agência com 40 clientes na plataforma, quero um contrato de revenda com comissão.',
      'client.prospect.text',
    ],
    [
      'NOT_A_CLIENT',
      'Boa tarde, vi a vaga de desenvolvedor no LinkedIn, para onde mando o currículo?',
      'client.outsider.text',
    ],
    [
      'OUT_OF_SCOPE_FEATURE',
      'Gostaria que o sistema permitisse vender por assinatura, tipo clube do vinho.',
      'scope.feature.suggestion',
    ],
    [
      'OUT_OF_SCOPE_FEATURE',
      'A API de vocês não tem endpoint para atualizar estoque em massa. Podem adicionar?',
      'scope.feature.suggestion',
    ],
    [
      'OUT_OF_SCOPE_FEATURE',
      'Minha loja precisa de versão em inglês, vocês têm loja multi-idioma? Se não, pensem nisso.',
      'scope.feature.suggestion-closing',
    ],
  ])('%s: %s', async (outcome, text, rule) => {
    await check(ruleRow(STORE, outcome as Outcome, 'Oi', text, rule));
  });

  it.each([
    'O cliente levou o produto e não pagou, o pedido continua aberto no painel.',
    'Preciso recuperar a conta do Mercado Pago vinculada à loja, o pagamento não entra.',
    'Comprei um domínio num site e agora não consigo apontar para a minha loja.',
    'Queria que o suporte oferecesse atendimento por telefone, ninguém responde o chat e minha loja está parada.',
    'O relatório de vendas não tem filtro por data desde a atualização de ontem.',
    'Pensem nisso antes de cobrar de novo: a loja ficou fora do ar três dias.',
  ])('guard — %s', async (text) => {
    await check({ name: text, from: STORE, subject: 'Oi', text, outcome: 'NO_PRIOR_TICKET' });
  });
});

// Round 26 in English and for former clients: a sign-in that does not "get in", a wish to "consider
// adding", a "custom price", a store one had with us, and a plan change that is a client's.
describe('round 26: a way in, a price of her own, a store she had, a plan she moves to', () => {
  const STORE = 'Paula Ramos <paula@bellaflorcosmeticos.com.br>';
  it.each([
    [
      'ACCESS_ISSUE',
      'I changed my store domain and now the admin panel redirects to a page that does not exist. I cannot get in.',
      'topic.access.no-access',
    ],
    [
      'OUT_OF_SCOPE_FEATURE',
      'Do you support selling in multiple currencies? If not, please consider adding it.',
      'scope.feature.suggestion',
    ],
    [
      'OUT_OF_SCOPE_COMMERCIAL',
      'We are a large brand moving 10k orders a month. Can we get a custom price below your public plans?',
      'scope.commercial.special-condition',
    ],
    [
      'NOT_A_CLIENT',
      'Eu tinha loja com vocês mas cancelei ano passado. Agora quero voltar, como faço?',
      'client.former-client.text',
    ],
    ['BILLING_QUESTION', 'Quanto fica para passar para o plano Pro?', 'topic.billing.plan'],
    // A plan she moves to is a client's: the discount she asks about goes to sales, she is no prospect.
    [
      'OUT_OF_SCOPE_COMMERCIAL',
      'Quero passar para o plano anual, quanto fica com o desconto?',
      'scope.commercial.discount',
    ],
  ])('%s: %s', async (outcome, text, rule) => {
    await check(ruleRow(STORE, outcome as Outcome, 'Oi', text, rule));
  });

  it('guard — a store she had, and our invoice for it', async () => {
    const text = 'Tive loja na plataforma e a fatura de encerramento veio errada.';
    await check({ name: text, from: STORE, subject: 'Fatura', text, outcome: 'BILLING_QUESTION' });
  });
});

// Round 26: her own Black Friday is no platform sale, and a sign-in whose e-mail or phone is a
// former employee's is an access problem.
describe("round 26: her Black Friday, a former employee's sign-in", () => {
  const STORE = 'Paula Ramos <paula@bellaflorcosmeticos.com.br>';
  it.each([
    [
      'OUT_OF_SCOPE_COMMERCIAL',
      'Quero um desconto na mensalidade porque a Black Friday foi fraca para mim.',
      'scope.commercial.discount',
    ],
    [
      'ACCESS_ISSUE',
      'O email cadastrado na minha conta é de um funcionário que já saiu, não consigo trocar porque o código vai para ele.',
      'topic.access.no-access',
    ],
    [
      'ACCESS_ISSUE',
      'O celular cadastrado é de uma ex-funcionária e a verificação não passa.',
      'topic.access.no-access',
    ],
  ])('%s: %s', async (outcome, text, rule) => {
    await check(ruleRow(STORE, outcome as Outcome, 'Oi', text, rule));
  });

  it.each([
    ['BILLING_QUESTION', 'O desconto de Black Friday do plano anual não veio na fatura.'],
    ['NO_PRIOR_TICKET', 'O email de um funcionário que saiu está recebendo os pedidos, como tiro?'],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({ name: text, from: STORE, subject: 'Oi', text, outcome: outcome as Outcome });
  });
});

// Round 26: an integration wished for by name ("gostaria de integração com o Tiny") is a feature
// request, on the form as in a mail; help with one, or one that broke, is not.
describe('round 26: an integration wished for by name', () => {
  const STORE = 'Paula Ramos <paula@bellaflorcosmeticos.com.br>';
  it.each([
    'Gostaria de integração com o Tiny ERP.',
    'Queria uma integração com a Shopee para os meus anúncios.',
    'Preciso de integração com o Omie, uso ele na empresa toda.',
  ])('OUT_OF_SCOPE_FEATURE: %s', async (text) => {
    await check(ruleRow(STORE, 'OUT_OF_SCOPE_FEATURE', 'Integração', text, 'scope.feature.integration'));
  });

  it.each([
    'Preciso de ajuda com a integração com o Bling, parou de mandar os pedidos.',
    'Quero uma integração com o Bling que funcione, a de vocês vive caindo.',
  ])('guard — %s', async (text) => {
    await check({ name: text, from: STORE, subject: 'Integração', text, outcome: 'NO_PRIOR_TICKET' });
  });
});

// Round 26: words written by ear ("nao funsiona", "clienti", "bloquiado", "xamado") read as meant.
describe('round 26: words written by ear', () => {
  const STORE = 'Paula Ramos <paula@bellaflorcosmeticos.com.br>';
  it.each([
    ['ACCESS_ISSUE', 'minha senha nao funsiona mais no painel', 'topic.access.no-access'],
    ['ACCESS_ISSUE', 'meu usuario ta bloquiado desde sexta', 'topic.access.blocked-user'],
    ['NOT_A_CLIENT', 'nao sou clienti so quero saber o preco', 'client.not-a-client.text'],
    ['OUT_OF_SCOPE_FEATURE', 'vcs podiam fazer uma integrasao com o tiny', 'scope.feature.integration'],
  ])('%s: %s', async (outcome, text, rule) => {
    await check(ruleRow(STORE, outcome as Outcome, 'oi', text, rule));
  });

  it('a ticket named by ear', async () => {
    const text = 'abri o xamado 48213 e ate hoje nada, a loja continua sem frete';
    await check({
      name: text,
      from: 'lojista@modasbella.com.br',
      subject: 'oi',
      text,
      outcome: 'ACCEPTED',
      ticket: '48213',
    });
  });
});

// Round 26: how people say the sign-in fails (a password refused, "sem conseguir entrar", the
// screen's words, a session that throws her out, a panel that does not load, an unblock asked for).
describe('round 26: the sign-in fails, in the words people use', () => {
  const STORE = 'Paula Ramos <paula@bellaflorcosmeticos.com.br>';
  it.each([
    'Desde a semana passada tento entrar no painel e fala que a senha está errada, mas tenho certeza que está certa.',
    'o painel não aceita minha senha',
    'My admin password is not accepted anymore.',
    'Solicito o desbloqueio do meu usuário administrador.',
    'Minha conta de administradora foi travada.',
    'to sem conseguir entrar na loja pra cadastrar produto',
    'Boa tarde, o admin da minha loja dá erro 403 pra mim desde ontem.',
    'No login aparece "credenciais inválidas" mesmo com a senha certa.',
    'aparece "sessão expirada" toda hora e me joga pra fora',
    'I keep getting logged out and I cannot stay in the admin panel.',
    'Depois de digitar a senha o painel fica numa tela branca e não carrega nada.',
    'nao loga de jeito nenhum, ja tentei tudo',
    'Abri a loja semana passada e até agora não recebi o e-mail com o acesso ao painel.',
    'Me bloquearon el usuario del panel.',
  ])('ACCESS_ISSUE: %s', async (text) => {
    await check({
      name: text,
      from: STORE,
      subject: 'Oi',
      text,
      outcome: 'ACCESS_ISSUE',
      rule: 'topic.access.no-access',
    });
  });

  it.each([
    'O cliente digitou a senha errada no checkout e o pedido não fechou.',
    'O checkout dá erro 403 para os clientes quando vão pagar.',
    'O checkout dá erro 403 desde ontem.',
    'Os clientes estão sem conseguir finalizar a compra.',
  ])('guard — %s', async (text) => {
    await check({ name: text, from: STORE, subject: 'Oi', text, outcome: 'NO_PRIOR_TICKET' });
  });
});

// Round 26: what she says she is NOT asking for is no request of hers — with a ticket, her complaint
// stays the office's ("não estou pedindo desconto nem condição especial", "I am not asking for a discount").
describe('round 26: what she is not asking for', () => {
  const FROM = 'lojista@modasbella.com.br';
  it.each([
    'Não estou pedindo desconto nem condição especial. Quero apenas que cumpram o combinado no chamado 48213: o estorno da cobrança indevida.',
    'Não quero desconto nem condição especial, quero o estorno do chamado 48213.',
    'Nem estou pedindo desconto, só quero a loja funcionando. Chamado 48213.',
    'Não peço isenção de nada. Só quero o chamado 48213 resolvido.',
    'Não se trata de sugestão de melhoria. O chamado 48213 é sobre um erro no checkout.',
    'I am not asking for a discount. Ticket 48213: my payments are not being captured.',
    'No pido descuento, solo que resuelvan el ticket 48213.',
  ])('ACCEPTED: %s', async (text) => {
    await check({ name: text, from: FROM, subject: 'Reclamação', text, outcome: 'ACCEPTED', ticket: '48213' });
  });

  it.each([
    'Chamado 48213: não estou pedindo nada de mais, só uma condição especial para pagar a dívida em 3 vezes.',
    'No chamado 48213 pedi desconto no plano anual e negaram, quero que a ouvidoria aprove o desconto.',
  ])('guard — still a commercial request: %s', async (text) => {
    await check({ name: text, from: FROM, subject: 'Reclamação', text, outcome: 'OUT_OF_SCOPE_COMMERCIAL' });
  });
});

// Round 26: who writes when no merchant does — a thesis, an investor, an event, a recruiter, a
// consultant or a vendor, a store on another platform, a shopper who bought "com vocês" — and a
// client who names the plan she has.
describe('round 26: not merchants, and a plan she has', () => {
  const FROM = 'Paula Ramos <paula@exemplo.com.br>';
  it.each([
    [
      'Olá, sou estudante de administração e estou fazendo meu TCC sobre plataformas de e-commerce. Poderiam responder um questionário?',
      'client.outsider.text',
    ],
    ['Somos um fundo de venture capital e temos interesse em conversar com os fundadores.', 'client.outsider.text'],
    [
      'Estamos organizando um evento de e-commerce em BH e gostaríamos de convidar a Bagy para patrocinar.',
      'client.outsider.text',
    ],
    [
      'Trabalho numa agência de recrutamento e temos candidatos para as vagas de tecnologia de vocês.',
      'client.outsider.text',
    ],
    [
      'Sou consultor de SEO e notei que várias lojas de vocês têm problemas de indexação. Ofereço auditoria gratuita.',
      'client.supplier.text',
    ],
    [
      'We are a logistics startup and would love to partner with your platform to offer shipping to your merchants.',
      'client.supplier.text',
    ],
    [
      'Hi, I run a Shopify store and I am evaluating alternatives for the Brazilian market. Could someone from sales contact me?',
      'client.prospect.text',
    ],
    ['Quero saber se vocês atendem loja de suplementos antes de contratar.', 'client.prospect.text'],
    ['oi comprei um perfume e ate agora nao chegou, vcs sao muito ladroes', 'client.shopper.text'],
    [
      'Olá, meu fone comprado com vocês parou de funcionar com 1 mês de uso, como aciono a garantia?',
      'client.shopper.text',
    ],
  ])('NOT_A_CLIENT: %s', async (text, rule) => {
    await check(ruleRow(FROM, 'NOT_A_CLIENT', 'Oi', text, rule));
  });

  it.each([
    'Quanto custa o plano que eu tenho? Quero saber se vale a pena trocar.',
    'Qual o valor do plano acima do meu?',
  ])('BILLING_QUESTION, never a prospect: %s', async (text) => {
    await check(ruleRow(FROM, 'BILLING_QUESTION', 'Plano', text, 'topic.billing.plan'));
  });
});

// Round 26: "assinatura" that is not ours — the signature of the store's e-mails, what the store
// sells by subscription and its subscribers — and a feature missing "na plataforma".
describe('round 26: a subscription of the store, a signature, a missing option', () => {
  const STORE = 'Paula Ramos <paula@bellaflorcosmeticos.com.br>';
  it.each([
    'A assinatura dos e-mails automáticos que a loja manda pros clientes está com o logo antigo. Como troco?',
    'Vendo box mensal por assinatura e os pedidos recorrentes dos meus assinantes não estão sendo gerados este mês.',
  ])('NO_PRIOR_TICKET, no billing question: %s', async (text) => {
    await check({
      name: text,
      from: STORE,
      subject: 'Oi',
      text,
      outcome: 'NO_PRIOR_TICKET',
      notRules: ['topic.billing.charge'],
    });
  });

  it('OUT_OF_SCOPE_FEATURE: the option missing "na plataforma"', async () => {
    const text = 'Falta na plataforma a opção de vender por assinatura recorrente. Por favor implementem.';
    await check(ruleRow(STORE, 'OUT_OF_SCOPE_FEATURE', 'Sugestão', text, 'scope.feature.suggestion'));
  });

  it.each(['Cancelei minha assinatura e continuam cobrando.', 'Minha assinatura foi cobrada duas vezes.'])(
    'guard — our subscription is still billing: %s',
    async (text) => {
      await check({ name: text, from: STORE, subject: 'Cobrança', text, outcome: 'BILLING_QUESTION' });
    },
  );
});

// Round 26: what the mail says it is NOT about, just before the topic's words in the same clause
// ("não é problema de acesso", "não é dúvida de fatura nem de plano"), is not its topic; another
// clause's topic still is, and "não tenho acesso", "não recebi a fatura" are the topics themselves.
describe('round 26: what the mail says it is not about', () => {
  const STORE = 'Paula Ramos <paula@bellaflorcosmeticos.com.br>';
  it.each([
    'Não é problema de acesso, consigo entrar no painel normalmente. O problema é que os pedidos novos não aparecem na listagem.',
    'Antes que me mandem pra base de conhecimento: não é dúvida de fatura nem de plano. O relatório de vendas está mostrando valores errados.',
    'Não tenho nenhuma dúvida sobre meu plano, está tudo pago. O que acontece é que o checkout trava na etapa de pagamento.',
    'Não tenho problema com fatura nenhuma. Meu problema é o estoque que zera sozinho.',
    'Não estou bloqueada, entro normal. A questão é o frete.',
  ])('NO_PRIOR_TICKET: %s', async (text) => {
    await check({ name: text, from: STORE, subject: 'Oi', text, outcome: 'NO_PRIOR_TICKET' });
  });

  it.each([
    ['ACCESS_ISSUE', 'Não tenho acesso ao painel desde ontem.'],
    ['BILLING_QUESTION', 'Não recebi a fatura deste mês.'],
    ['ACCESS_ISSUE', 'Estou bloqueada no painel, não é problema de senha.'],
    ['BILLING_QUESTION', 'Não é dúvida, é reclamação: cobraram duas vezes a mensalidade.'],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({ name: text, from: STORE, subject: 'Oi', text, outcome: outcome as Outcome });
  });
});

// Round 26: a debit of ours she does not recognise and what her accountant asks for (billing); the
// price someone else pays, asked for (commercial); a feature asked for conditionally or indirectly.
describe('round 26: a debit, a price like theirs, a feature asked for indirectly', () => {
  const STORE = 'Paula Ramos <paula@bellaflorcosmeticos.com.br>';
  it.each([
    [
      'BILLING_QUESTION',
      'apareceu um debito da plataforma no meu extrato que eu nao reconheço, de R$ 189,90. oq é isso?',
      'topic.billing.charge',
    ],
    ['BILLING_QUESTION', 'Meu contador pediu o informe dos pagamentos feitos à plataforma.', 'topic.billing.charge'],
    [
      'OUT_OF_SCOPE_COMMERCIAL',
      'Vi que vocês estão com promoção pra novos clientes. Eu que sou cliente antigo quero o mesmo preço.',
      'scope.commercial.special-condition',
    ],
    [
      'OUT_OF_SCOPE_COMMERCIAL',
      'Meu amigo paga menos que eu no mesmo plano. Quero o mesmo valor que ele.',
      'scope.commercial.special-condition',
    ],
    ['OUT_OF_SCOPE_FEATURE', 'tem integração c/ shein? se nao tiver coloquem pfv', 'scope.feature.suggestion'],
    ['OUT_OF_SCOPE_FEATURE', 'Tem como vocês desenvolverem um app de PDV pra loja física?', 'scope.feature.suggestion'],
    [
      'OUT_OF_SCOPE_FEATURE',
      'A plataforma precisa urgente de uma integração com o Magalu.',
      'scope.feature.suggestion',
    ],
    [
      'OUT_OF_SCOPE_FEATURE',
      'Queria muito um recurso de carrinho abandonado por WhatsApp.',
      'scope.feature.suggestion',
    ],
  ])('%s: %s', async (outcome, text, rule) => {
    await check(ruleRow(STORE, outcome as Outcome, 'Oi', text, rule));
  });

  it.each([
    'não tem como colocar um produto no carrinho, dá erro',
    'Os comprovantes de pagamento dos meus clientes não aparecem no painel.',
    'Quero o mesmo valor do frete que aparece no simulador.',
  ])('guard — %s', async (text) => {
    await check({ name: text, from: STORE, subject: 'Oi', text, outcome: 'NO_PRIOR_TICKET' });
  });
});

// Round 26: words in straight quotes are words of the sentence ('status "congelado"'); a merchant who
// says she is "só uma lojista" is one; a supplier she negotiates with is her own business.
describe('round 26: quoted words, a merchant who says so, her supplier', () => {
  const STORE = 'Paula Ramos <paula@bellaflorcosmeticos.com.br>';
  it.each([
    [
      'ACCESS_ISSUE',
      'O domínio da minha loja está com status "congelado" no site do registro. Preciso de ajuda para voltar a acessar.',
      'topic.access.domain-frozen',
    ],
    ['ACCESS_ISSUE', 'Quando entro aparece "acesso" "negado" e volta para o login.', 'topic.access.no-access'],
  ])('%s: %s', async (outcome, text, rule) => {
    await check(ruleRow(STORE, outcome as Outcome, 'Oi', text, rule));
  });

  it.each([
    'Não sou jornalista nem nada, sou só uma lojista cansada: o checkout não funciona.',
    'Estou negociando com um fornecedor novo e preciso importar 500 produtos por planilha, mas a importação dá erro.',
  ])('NO_PRIOR_TICKET: %s', async (text) => {
    await check({ name: text, from: STORE, subject: 'Oi', text, outcome: 'NO_PRIOR_TICKET' });
  });
});

// Round 26: her own order, as a buyer says it ("meu pedido ainda não foi enviado", "o rastreio que
// vocês me mandaram"): a shopper who takes the platform for the store.
describe('round 26: her own order, as a buyer says it', () => {
  const FROM = 'joana.ferraz@yahoo.com.br';
  it.each([
    'quero cancelar meu pedido nº 884512, comprei errado o tamanho',
    'O código de rastreio que vocês me mandaram não existe nos Correios. Comprei dia 02.',
    'Meu pedido ainda não foi enviado e já faz 15 dias.',
    'Quero devolver o produto que recebi, veio quebrado.',
    'Paguei o pix do meu pedido e ainda aparece aguardando pagamento no meu e-mail de confirmação.',
  ])('NOT_A_CLIENT: %s', async (text) => {
    await check({
      name: text,
      from: FROM,
      subject: 'Pedido',
      text,
      outcome: 'NOT_A_CLIENT',
      rule: 'client.shopper.text',
      variant: 'shopper',
    });
  });

  it.each([
    'O cliente diz que meu pedido não foi enviado, mas na minha loja aparece enviado.',
    'Minha cliente pagou o pix do pedido e na minha loja aparece aguardando pagamento.',
  ])('guard — the store speaks of its customer: %s', async (text) => {
    await check({
      name: text,
      from: 'Paula Ramos <paula@bellaflorcosmeticos.com.br>',
      subject: 'Pedido',
      text,
      outcome: 'NO_PRIOR_TICKET',
    });
  });
});

// Round 26: a wish in English ("it would be great if you added…") and Spanish ("sería genial que…").
describe('round 26: a wish in English and Spanish', () => {
  const STORE = 'Paula Ramos <paula@bellaflorcosmeticos.com.br>';
  it.each([
    ['It would be great if you added a loyalty program feature.', 'scope.feature.request'],
    ['Sería genial que agregaran pagos con MercadoPago Argentina.', 'scope.feature.suggestion'],
  ])('OUT_OF_SCOPE_FEATURE: %s', async (text, rule) => {
    await check(ruleRow(STORE, 'OUT_OF_SCOPE_FEATURE', 'Idea', text, rule));
  });

  it.each([
    'It would be great if someone answered my ticket.',
    'It would be great if my store was back online.',
    'Sería genial que alguien del soporte me respondiera.',
  ])('guard — %s', async (text) => {
    await check({ name: text, from: STORE, subject: 'Idea', text, outcome: 'NO_PRIOR_TICKET' });
  });
});

// Round 27: what the mail says it is not about, named right after "não é" ("o problema n é
// senha", "não é com o boleto nem com o plano", "não quero saber de fatura"), or said to be settled
// ("a mensalidade está paga", "as faturas estão em dia"), is no topic of hers; and store-side words
// she sets aside ("não é sobre as vendas dos clientes, é sobre…") veto nothing.
describe('round 27: what she sets aside, and what she says is settled', () => {
  const STORE = 'Paula Ramos <paula@bellaflorcosmeticos.com.br>';
  it.each([
    'A dúvida não é de boleto, é que as fotos dos produtos ficam borradas.',
    'o problema n é fatura, ta tudo certo. é que as fotos não sobem',
    'Não é com o boleto nem com o plano: o menu da loja sumiu no celular.',
    'Eu não quero saber de plano agora, quero entender por que as fotos somem.',
    'A mensalidade está paga, o que eu preciso é que a busca da loja volte a funcionar.',
    'As faturas de outubro estão em dia. Mesmo assim a busca da loja não acha nada.',
    'Meu plano está todo pago, só que os e-mails de pedido não saem.',
  ])('NO_PRIOR_TICKET: %s', async (text) => {
    await check({ name: text, from: STORE, subject: 'Oi', text, outcome: 'NO_PRIOR_TICKET' });
  });

  it.each([
    ['Não é sobre as vendas dos clientes no Pagar.me, é sobre a anuidade de vocês que subiu.', 'topic.billing.charge'],
    ['não é sobre minha conta do PagSeguro: vocês me cobraram a mensalidade duas vezes.', 'topic.billing.charge'],
    ['Não é sobre o checkout, é a segunda via da fatura que não consigo emitir.', 'topic.billing.invoice'],
  ])('BILLING_QUESTION: %s', async (text, rule) => {
    await check(ruleRow(STORE, 'BILLING_QUESTION', 'Oi', text, rule));
  });

  it.each([
    ['BILLING_QUESTION', 'O valor da fatura não é o do meu plano, veio o dobro.'],
    ['BILLING_QUESTION', 'A fatura de setembro está paga e vocês cobraram de novo no cartão.'],
    ['BILLING_QUESTION', 'A mensalidade foi paga duas vezes, no pix e no boleto.'],
    ['ACCESS_ISSUE', 'Não é de pagamento, é de senha: não consigo entrar no painel.'],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({ name: text, from: STORE, subject: 'Oi', text, outcome: outcome as Outcome });
  });
});

// Round 27: the merchant's own sales — refunding her customer herself ("como faço o estorno…", "preciso
// reembolsar uma cliente"), what goes "pros clientes" — and her account at a provider ("minha conta
// do PagSeguro", "a senha do Bling"): the store's business, not our billing nor our panel.
describe("round 27: her customers' refunds, her provider's account", () => {
  const STORE = 'Paula Ramos <paula@bellaflorcosmeticos.com.br>';
  it.each([
    ['Como faço para estornar a cobrança de ontem no cartão? A pessoa desistiu.', 'topic.billing.complaint'],
    ['Preciso fazer o reembolso de uma cliente que devolveu a bolsa.', 'topic.billing.complaint'],
    ['Tenho que estornar duas cobranças no cartão, onde fica isso?', 'topic.billing.charge'],
    ['As cobranças que vão pros clientes estão saindo sem o nome da loja.', 'topic.billing.charge'],
    ['Não consigo entrar na conta do PagBank pelo link do painel, dá erro.', 'topic.access.no-access'],
    ['Esqueci a senha do login dos Correios cadastrado na loja.', 'topic.access.no-access'],
  ])('NO_PRIOR_TICKET: %s', async (text, rule) => {
    await check(ruleRow(STORE, 'NO_PRIOR_TICKET', 'Oi', text, rule));
  });

  it.each([
    ['BILLING_QUESTION', 'Preciso do estorno da mensalidade que vocês cobraram depois do cancelamento.'],
    ['BILLING_QUESTION', 'Quero o reembolso da anuidade.'],
    ['ACCESS_ISSUE', 'Não consigo entrar no painel para reconectar o PagSeguro, diz senha incorreta.'],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({ name: text, from: STORE, subject: 'Oi', text, outcome: outcome as Outcome });
  });
});

// Round 27: a sign-in won back in the present tense or a password she does not have; a buyer who got
// the wrong product or made an account at the store; a job asked for in the singular; a store on
// another platform "está na"; a charge for something she never took is a charge, not a prospect.
describe('round 27: who writes, and about what access', () => {
  const FROM = 'Paula Ramos <paula@exemplo.com.br>';
  it.each([
    ['ACCESS_ISSUE', 'O dono anterior saiu da sociedade. Como recupero o login da loja?', 'topic.access.no-access'],
    [
      'ACCESS_ISSUE',
      'Herdei a loja do meu pai e não sei a senha do painel nem o e-mail dele.',
      'topic.access.no-access',
    ],
    [
      'NOT_A_CLIENT',
      'Recebi um produto errado da loja Vila Verde, pedi o tamanho M e veio P. Ninguém responde.',
      'client.shopper.text',
    ],
    ['NOT_A_CLIENT', 'Criei uma conta na loja Sol Nascente e quero apagar meus dados.', 'client.shopper.text'],
    ['NOT_A_CLIENT', 'Oi! Vocês têm vaga para designer? Sou formada e tenho portfólio.', 'client.outsider.text'],
    [
      'NOT_A_CLIENT',
      'Minha loja está na Wix e quero algo melhor. Como funciona a mudança para vocês?',
      'client.prospect.text',
    ],
    [
      'BILLING_QUESTION',
      'Vi uma cobrança no cartão com o nome de vocês. Não contratei nenhum aplicativo, quero saber o que é.',
      'topic.billing.charge',
    ],
  ])('%s: %s', async (outcome, text, rule) => {
    await check(ruleRow(FROM, outcome as Outcome, 'Oi', text, rule));
  });

  it.each([
    ['NOT_A_CLIENT', 'Ainda não contratei nenhum plano, queria entender como funciona.'],
    ['NO_PRIOR_TICKET', 'Uma cliente recebeu o produto errado da minha loja, como gero a troca?'],
    ['NO_PRIOR_TICKET', 'Não tem vaga para coleta nos Correios pelo painel desde segunda.'],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({ name: text, from: FROM, subject: 'Oi', text, outcome: outcome as Outcome });
  });
});

// Round 27: a wish in the singular conditional ("a plataforma poderia ter…"), a way to pay the checkout
// lacks, a product's deadline (not the support's), a suggestion after "não é X, é sugestão"; the fee
// lowered, however it is named; and an aside put second to the urgent complaint with a ticket.
describe('round 27: a wish, a lower fee, an aside', () => {
  const STORE = 'Paula Ramos <paula@bellaflorcosmeticos.com.br>';
  it.each([
    [
      'OUT_OF_SCOPE_FEATURE',
      'A plataforma poderia ter um modo catálogo para lojas de atacado.',
      'scope.feature.request',
    ],
    ['OUT_OF_SCOPE_FEATURE', 'Vocês poderiam incluir parcelamento no pix? Muita gente pede.', 'scope.feature.request'],
    [
      'OUT_OF_SCOPE_FEATURE',
      'Não tem opção de colocar prazo de fabricação diferente em cada produto. Deveria ter.',
      'scope.feature.suggestion',
    ],
    [
      'OUT_OF_SCOPE_FEATURE',
      'Não é crítica, é sugestão: seria bom ter um recurso de pré-venda.',
      'scope.feature.suggestion',
    ],
    [
      'OUT_OF_SCOPE_COMMERCIAL',
      'Dá para reduzir o valor do meu plano? Minha loja é pequena.',
      'scope.commercial.negotiation',
    ],
    [
      'OUT_OF_SCOPE_COMMERCIAL',
      'Quero diminuir o valor da minha mensalidade, o faturamento caiu.',
      'scope.commercial.negotiation',
    ],
  ])('%s: %s', async (outcome, text, rule) => {
    await check(ruleRow(STORE, outcome as Outcome, 'Oi', text, rule));
  });

  it.each([
    'Chamado 48213: os pedidos não entram no ERP. Também queria saber se vão ter integração com o Kwai, mas o urgente são os pedidos.',
    'Chamado 48213, o boleto não gera. Gostaria de integração com a Shein também, mas o principal é o boleto.',
  ])('ACCEPTED: %s', async (text) => {
    await check({
      name: text,
      from: 'lojista@modasbella.com.br',
      subject: 'Chamado',
      text,
      outcome: 'ACCEPTED',
      ticket: '48213',
    });
  });

  it.each([
    ['NO_PRIOR_TICKET', 'Não tem opção de falar com humano e o prazo de resposta já passou.'],
    ['NO_PRIOR_TICKET', 'O parcelamento que configurei sumiu do checkout.'],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({ name: text, from: STORE, subject: 'Oi', text, outcome: outcome as Outcome });
  });
});

// Round 27, in other words: what is settled in English and Spanish ("our invoices are all paid",
// "las facturas están al día"), access the team lost ("não temos mais acesso"), a buyer's complaint
// against a store, and a wish with an adverb ("seria super útil se desse para…").
describe('round 27: settled in other languages, the team locked out, a complaint against a store', () => {
  const STORE = 'Paula Ramos <paula@bellaflorcosmeticos.com.br>';
  it.each([
    [
      'NO_PRIOR_TICKET',
      'Our invoices are all paid. The product images stopped loading on mobile.',
      'topic.billing.invoice',
    ],
    [
      'NO_PRIOR_TICKET',
      'Las facturas están al día. El buscador de la tienda no encuentra nada.',
      'topic.billing.invoice',
    ],
    [
      'ACCESS_ISSUE',
      'A sócia que criou a conta saiu da empresa e não temos mais acesso ao painel.',
      'topic.access.no-access',
    ],
    [
      'NOT_A_CLIENT',
      'Gostaria de fazer uma reclamação contra a loja Casa Verde, paguei há um mês e não enviaram nada.',
      'client.shopper.text',
    ],
    [
      'OUT_OF_SCOPE_FEATURE',
      'Seria super útil se desse para duplicar um produto com um clique.',
      'scope.feature.suggestion',
    ],
  ])('%s: %s', async (outcome, text, rule) => {
    await check(ruleRow(STORE, outcome as Outcome, 'Oi', text, rule));
  });

  it.each([
    ['BILLING_QUESTION', 'Our invoices are paid but you charged us twice this month.'],
    ['NO_PRIOR_TICKET', 'Seria muito bom se alguém do suporte respondesse.'],
    ['NO_PRIOR_TICKET', 'Quero fazer uma reclamação da loja: ela fica fora do ar toda noite.'],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({ name: text, from: STORE, subject: 'Oi', text, outcome: outcome as Outcome });
  });
});

// Round 27: a denial that goes on after a comma ("não é dúvida sobre boleto, nem sobre plano"), the plan
// she pays as her argument against what broke, named ("pagamos o plano mais caro e as imagens não
// carregam"), the store named between "a loja" and what it sent her, a wallet the checkout lacks.
describe('round 27: a denial that goes on, what she pays for, what the store sent her', () => {
  const STORE = 'Paula Ramos <paula@bellaflorcosmeticos.com.br>';
  it.each([
    [
      'NO_PRIOR_TICKET',
      'Não é dúvida sobre boleto, nem sobre plano: o tema da loja quebrou no celular.',
      'topic.billing.plan',
    ],
    ['NO_PRIOR_TICKET', 'Pagamos o plano mais caro e as imagens não carregam há dois dias.', 'topic.billing.plan'],
    [
      'NOT_A_CLIENT',
      'O código de desconto que a loja Bela Flor me mandou não funciona na hora de pagar.',
      'client.shopper.text',
    ],
    ['OUT_OF_SCOPE_FEATURE', 'Could you add Google Pay to the checkout?', 'scope.feature.request'],
  ])('%s: %s', async (outcome, text, rule) => {
    await check(ruleRow(STORE, outcome as Outcome, 'Oi', text, rule));
  });

  it.each([
    ['BILLING_QUESTION', 'Pago o plano anual e o boleto veio com valor errado.'],
    ['BILLING_QUESTION', 'Não é sobre o frete, nem sobre o checkout: é a fatura que veio em dobro.'],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({ name: text, from: STORE, subject: 'Oi', text, outcome: outcome as Outcome });
  });
});

// Round 29: buyers who name the store as a third party that failed them — not answering her mails,
// not refunding, blaming the platform, "hospedada por vocês", a fake site, Procon against it, her
// data there — or say what never came, were read as merchants with no ticket (told to open one
// with support) or as billing questions. Guards: the same words of a merchant's own store and
// her customer's order ("a loja não responde" when her site is down, "nunca chegou ao cliente").
describe('round 29: the store as a third party, what never came', () => {
  const BUYER = 'Carlos Souza <carlos.souza1987@gmail.com>';
  it.each([
    'Fiz uma compra num site que usa a plataforma de vocês e nunca recebi o produto, acho que foi golpe.',
    'Recebi a cafeteira com defeito e a loja Eletro Ponto não responde meus e-mails. Quero a troca.',
    'Paguei um boleto de uma loja que é hospedada por vocês e o produto nunca chegou. Quero denunciar.',
    'Encomendei um bolo de aniversário na Doces da Carla, paguei adiantado e a loja não me atende.',
    'Comprei um vestido, paguei no pix e nunca recebi minha compra. A loja Modas Bella não me responde.',
    'fiz um pedido em um site de vcs faz 20 dias e nunca recebi meu pedido',
    'Solicitei o reembolso de um pedido na loja Casa dos Aromas há 30 dias e ainda não recebi o dinheiro.',
    'Meu pedido da Papelaria Estrela consta como entregue mas eu não recebi nada.',
    'Acho que o site www.promocaotenis.com é falso e usa o sistema de vocês. Paguei R$ 300 no pix e nada.',
    'Vou abrir reclamação no Procon contra a loja Eletro Ponto se não resolverem meu problema com a geladeira.',
    'Quero que a loja Modas Bella apague todos os meus dados pessoais, não autorizo o uso.',
    'Vocês cobraram no meu cartão uma compra que eu não fiz na loja Doces da Carla. Quero o estorno.',
    'Olá, o pedido 4587 que fiz dia 10/11 ainda não foi enviado. A loja diz que é culpa da plataforma.',
    'Fiz uma compra de R$ 450 na Casa dos Aromas, o pagamento foi aprovado e a loja não devolveu o dinheiro.',
  ])('NOT_A_CLIENT: %s', async (text) => {
    await check(ruleRow(BUYER, 'NOT_A_CLIENT', 'Reclamação', text, 'client.shopper.text'));
  });

  const STORE = 'João Lima <joao@lojadojoao.com.br>';
  it.each([
    'A loja não responde desde ontem à noite, os clientes não conseguem finalizar compras.',
    'O produto nunca chegou ao cliente porque a etiqueta gerada pela plataforma veio com o CEP errado.',
    'Gerei a etiqueta e o produto nunca chegou para o cliente, os Correios dizem que ela é inválida.',
    'Minha loja é hospedada por vocês e está muito lenta há uma semana, perdi vendas.',
    'O site que usa a plataforma é o meu, lojadojoao.com.br, e o domínio parou de apontar.',
    'Os pedidos que os clientes fazem não me entregaram a notificação por e-mail.',
    'Um site falso está usando o nome e as fotos da minha loja, preciso que vocês derrubem.',
    'Fiz uma compra de teste na loja e o pix não gerou o QR code.',
    'Fiz uma compra de créditos de SMS na plataforma e não foram creditados.',
    'O cliente disse que o pedido consta como entregue mas não recebeu, e o rastreio está parado.',
    'Um cliente pediu que a loja apague os dados dele, como faço isso pelo painel?',
    'Estão aplicando golpe usando o nome da Loja do João, um site falso com fotos dos produtos.',
  ])('guard — NO_PRIOR_TICKET: %s', async (text) => {
    await check({
      name: text,
      from: STORE,
      subject: 'Problema',
      text,
      outcome: 'NO_PRIOR_TICKET',
      notRules: ['client.shopper.text'],
    });
  });
});

// Round 29, written fast: what she paid a store for and did not get, what it will not exchange, her
// Pix or boleto for the purchase — read as a merchant with no ticket or a billing question.
describe('round 29: the buyer, written fast', () => {
  const BUYER = 'Bia <bia.rocha2001@gmail.com>';
  it.each([
    'quero meu dinheiro de volta, paguei 200 reais num produto da loja eletro ponto e não veio',
    'o produto q eu comprei veio diferente da foto, a loja não troca',
    'meu fone quebrou na garantia e a loja eletro ponto não quer trocar, o que faço?',
    'fiz o pix pra loja Casa dos Aromas e o pedido continua aguardando pagamento',
    'paguei o boleto da compra na Eletro Ponto e o pedido foi cancelado',
    'Comprei um tênis pelo aplicativo da loja Modas Bella e nunca recebi.',
  ])('NOT_A_CLIENT: %s', async (text) => {
    await check(ruleRow(BUYER, 'NOT_A_CLIENT', 'ajuda', text, 'client.shopper.text'));
  });

  const STORE = 'João Lima <joao@lojadojoao.com.br>';
  it.each([
    ['NO_PRIOR_TICKET', 'A loja não troca o banner quando eu salvo no editor.'],
    ['NO_PRIOR_TICKET', 'Fiz o pix para a loja de temas e o tema não foi liberado.'],
    ['BILLING_QUESTION', 'Paguei o boleto da compra do plano anual e não liberou.'],
    ['NO_PRIOR_TICKET', 'O cliente disse que o produto que ele comprou veio errado e o módulo de trocas não abre.'],
    ['NO_PRIOR_TICKET', 'Comprei um app que instalei na loja e ele derrubou o checkout.'],
    ['NO_PRIOR_TICKET', 'Comprei um layout novo na loja de temas e as fotos ficaram cortadas.'],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({ name: text, from: STORE, subject: 'Oi', text, outcome: outcome as Outcome });
  });
});

// Round 29: a buyer of hers reported in the third person, her words quoted: the merchant tells it.
describe('round 29: her buyer, reported', () => {
  it.each([
    [
      'ACCEPTED',
      "Chamado 48213. Uma compradora reclamou: 'comprei um vestido na Modas Bella e nunca recebi o produto'. O rastreio da plataforma mostra entregue.",
    ],
    [
      'BILLING_QUESTION',
      'Um cliente abriu reclamação no Procon contra a loja porque o reembolso da plataforma de pagamento de vocês não caiu para ele.',
    ],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({
      name: text,
      from: 'Mariana Bella <lojista@modasbella.com.br>',
      subject: 'Reclamação',
      text,
      outcome: outcome as Outcome,
      notRules: ['client.shopper.text'],
    });
  });
});

// Round 29: the plan named as who she is ("sou do plano Essencial e minha loja está fora do ar") was
// read as a question about plans; the discount new clients get, asked for her own fee after seeing a
// "promoção", was read as a promised discount not applied (billing); a product named at length
// before the store ("comprei um jogo de panelas na Casa dos Aromas") hid the buyer.
describe('round 29: the plan she is on, a sale asked for, what she bought and where', () => {
  const STORE = 'João Lima <joao@lojadojoao.com.br>';
  it.each([
    ['NO_PRIOR_TICKET', 'Sou do plano Essencial e minha loja está fora do ar desde ontem.', 'topic.billing.plan'],
    ['NO_PRIOR_TICKET', 'Estou no plano Profissional e o checkout parou de aceitar cartão.', 'topic.billing.plan'],
    [
      'OUT_OF_SCOPE_COMMERCIAL',
      'Vi que vocês estão com promoção para novos clientes. Consigo o mesmo desconto na minha mensalidade?',
      'scope.commercial.special-condition',
    ],
    [
      'OUT_OF_SCOPE_COMMERCIAL',
      'Vocês vão ter alguma promoção de Black Friday no plano anual? Queria um desconto para renovar.',
      'scope.commercial.special-condition',
    ],
  ])('%s: %s', async (outcome, text, rule) => {
    await check(ruleRow(STORE, outcome as Outcome, 'Oi', text, rule));
  });

  it('NOT_A_CLIENT: a product named at length before the store', async () => {
    const text = 'Comprei um jogo de panelas na Casa dos Aromas Utilidades Domésticas Ltda e veio faltando peça.';
    await check(ruleRow('Maria <maria.f@gmail.com>', 'NOT_A_CLIENT', 'Compra', text, 'client.shopper.text'));
  });

  it.each([
    ['BILLING_QUESTION', 'Sou do plano Essencial e quero mudar para o Profissional, como faço?'],
    ['BILLING_QUESTION', 'Eu tinha o mesmo desconto dos novos clientes e a fatura veio cheia este mês.'],
    ['BILLING_QUESTION', 'Comprei o plano anual na Black Friday e fui cobrado mensalmente.'],
    ['NO_PRIOR_TICKET', 'Comprei a maquininha na Black Friday e ela não liga.'],
    ['NO_PRIOR_TICKET', 'Comprei o domínio na plataforma e ele não aponta para a loja.'],
    ['NO_PRIOR_TICKET', 'Comprei um tema pago na loja de temas e o layout quebrou no celular.'],
    ['NO_PRIOR_TICKET', 'Comprei mais espaço de armazenamento na plataforma e as fotos continuam sem subir.'],
    ['NO_PRIOR_TICKET', 'A promoção que configurei não aparece no carrinho dos clientes.'],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({ name: text, from: STORE, subject: 'Oi', text, outcome: outcome as Outcome });
  });
});

// Round 29, in English: a buyer who names what she bought and from where, her order at a store, what
// arrived broken, the store not answering — read as a merchant with no ticket, or a billing question.
describe('round 29: the buyer in English and Spanish', () => {
  const BUYER = 'John Miller <john.miller77@gmail.com>';
  it.each([
    'Hi, I bought a jacket from Modas Bella two weeks ago and it never arrived. The store does not answer my emails.',
    'I want a refund for my order at Casa dos Aromas, the product arrived broken.',
    "I purchased a lamp from Eletro Ponto and the store doesn't reply.",
    'Pagué por transferencia a la tienda Eletro Ponto y nunca me enviaron nada.',
    'Hace un mes que pagué y nunca recibí mi pedido de la tienda Modas Bella.',
  ])('NOT_A_CLIENT: %s', async (text) => {
    await check(ruleRow(BUYER, 'NOT_A_CLIENT', 'My order', text, 'client.shopper.text'));
  });

  const STORE = 'Store Owner <contact@newstore.com>';
  it.each([
    ['NO_PRIOR_TICKET', 'I bought a premium theme from your theme store and it breaks my checkout.'],
    ['NO_PRIOR_TICKET', "A customer's order arrived damaged and the shipping label integration shows it as delivered."],
    ['BILLING_QUESTION', 'I bought the annual plan from you and was charged monthly.'],
    ['BILLING_QUESTION', 'Pagué la suscripción anual y no me enviaron la factura.'],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({ name: text, from: STORE, subject: 'Issue', text, outcome: outcome as Outcome });
  });
});

// Round 31: the store's people in the plural ("não temos mais o login"), the one who created the
// account gone; a vendor's offer in the present ("oferecemos serviços", "nossa empresa presta").
describe('round 31: logins the team no longer has, vendors offering in the present', () => {
  const STORE = 'Ana Lima <contato@lojadaana.com.br>';
  it.each([
    'A pessoa que criou a conta saiu da empresa e não temos mais o login de administrador do painel.',
    'Não sabemos mais a senha do painel, quem criou a conta já saiu da empresa.',
    'Bom dia, não temos login do painel. Como fazemos?',
  ])('ACCESS_ISSUE: %s', async (text) => {
    await check(ruleRow(STORE, 'ACCESS_ISSUE', 'Acesso', text, 'topic.access.no-access'));
  });

  it.each([
    [
      'Comercial DevApps <comercial@devapps.example.com>',
      'Oferecemos serviços de desenvolvimento de aplicativos para lojas virtuais. Podemos agendar uma apresentação?',
    ],
    [
      'LogFast <vendas@logfast.example.com>',
      'Somos a LogFast. Prestamos serviços de logística para e-commerce e gostaríamos de falar com a área responsável.',
    ],
    [
      'SEO Agency <ceo@seoagency.example.com>',
      'Nossa empresa oferece consultoria de SEO para plataformas de e-commerce. Podemos conversar esta semana?',
    ],
    ['Ventas <ventas@logistica.example.com>', 'Ofrecemos servicios de logística para tiendas online en todo Brasil.'],
  ])('NOT_A_CLIENT: %s — %s', async (from, text) => {
    await check(ruleRow(from, 'NOT_A_CLIENT', 'Proposta', text, 'client.supplier.text'));
  });

  it.each([
    ['NO_PRIOR_TICKET', 'Oferecemos frete grátis na loja acima de R$ 200 e o checkout não aplica o desconto.'],
    ['NO_PRIOR_TICKET', 'Prestamos serviços de manutenção de ar-condicionado e nossa loja virtual está fora do ar.'],
    ['NO_PRIOR_TICKET', 'Não temos mais a senha do Mercado Pago e os pagamentos da loja não entram.'],
    ['NO_PRIOR_TICKET', 'A cliente não sabe a senha da conta dela na loja e não consegue finalizar o pedido.'],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({ name: text, from: STORE, subject: 'Oi', text, outcome: outcome as Outcome });
  });
});

// Round 32: the announced yearly price asked about is a question on plans; a discount of her own
// on it is still a negotiation.
describe('round 32: the annual plan’s discount asked about, and asked for', () => {
  const STORE = 'Ana Lima <contato@lojadaana.com.br>';
  it.each([
    'Oi! Só pra confirmar: o plano anual tem desconto de quanto em relação ao mensal? Obrigada',
    'Qual é o desconto do plano anual comparado ao mensal?',
  ])('BILLING_QUESTION: %s', async (text) => {
    await check(ruleRow(STORE, 'BILLING_QUESTION', 'Dúvida', text, 'topic.billing.plan'));
  });

  it.each([
    'Quero um desconto no plano anual, a concorrência me dá 30%.',
    'Consigo um desconto maior que o do plano anual se eu pagar dois anos?',
    'Para renovar quero 20% de desconto, senão vou para a concorrência.',
  ])('OUT_OF_SCOPE_COMMERCIAL: %s', async (text) => {
    await check(ruleRow(STORE, 'OUT_OF_SCOPE_COMMERCIAL', 'Plano', text, 'scope.commercial.discount'));
  });
});

// Round 33: a page inside the panel she cannot open is that page's fault, not lost access; an agency
// offering consulting; a demo asked for in English; what the platform charges, asked in the present.
describe('round 33: pages inside the panel, agencies, demos, the platform’s charges asked about', () => {
  const STORE = 'Ana Lima <contato@lojadaana.com.br>';
  it.each([
    'Não consigo acessar o relatório de vendas do mês, a página fica carregando infinitamente.',
    'Não consigo abrir a aba de pedidos, aparece uma tela branca.',
    'Não consigo entrar no relatório de vendas desde ontem.',
    'Não consigo acessar as notas fiscais emitidas no painel, o botão não responde.',
  ])('NO_PRIOR_TICKET: %s', async (text) => {
    await check({ name: text, from: STORE, subject: 'Painel', text, outcome: 'NO_PRIOR_TICKET' });
  });

  it.each([
    'Não consigo acessar a página de login do painel, dá erro 500.',
    'Não consigo acessar o painel e nem os relatórios.',
    'não consigo acessar o admin da loja pra ver os pedidos',
  ])('guard — ACCESS_ISSUE: %s', async (text) => {
    await check(ruleRow(STORE, 'ACCESS_ISSUE', 'Acesso', text, 'topic.access.no-access'));
  });

  it.each([
    [
      'SEO Agência <comercial@seoagencia.example.com>',
      'Olá! Oferecemos consultoria de SEO para lojas virtuais com resultados garantidos em 90 dias. Podemos agendar uma conversa?',
    ],
    [
      'Tráfego Pro <contato@trafegopro.example.com>',
      'Prestamos assessoria em anúncios para e-commerce. Gostaria de apresentar nosso trabalho à equipe.',
    ],
  ])('NOT_A_CLIENT: %s — %s', async (from, text) => {
    await check(ruleRow(from, 'NOT_A_CLIENT', 'Parceria', text, 'client.supplier.text'));
  });

  it('NOT_A_CLIENT: a demo asked for in English', async () => {
    const text =
      "Hi, we'd like to schedule a demo of your e-commerce platform for our brand. We currently use Shopify.";
    await check(
      ruleRow('Brand Co <marketing@brandco.example.com>', 'NOT_A_CLIENT', 'Demo', text, 'client.prospect.text'),
    );
  });

  it.each([
    'Vocês cobram alguma taxa por venda no plano básico?',
    'Vocês cobram juros se eu pagar o boleto da mensalidade atrasado?',
    'Vocês cobram pelo uso de domínio próprio?',
    'A plataforma cobra algum valor extra por usuário adicional no painel?',
  ])('BILLING_QUESTION: %s', async (text) => {
    await check(ruleRow(STORE, 'BILLING_QUESTION', 'Dúvida', text, 'topic.billing.charge'));
  });

  it.each([
    'Sou cliente há 5 anos e não tenho interesse em outros planos, só quero que o suporte me responda sobre as imagens que não carregam.',
    'Não tenho interesse em trocar de plano nem em desconto, só quero que as fotos voltem a aparecer.',
  ])('NO_PRIOR_TICKET — no interest in plans said, her problem is the topic: %s', async (text) => {
    await check({ name: text, from: STORE, subject: 'Suporte', text, outcome: 'NO_PRIOR_TICKET' });
  });

  it.each([
    'Tenho interesse em mudar para o plano anual, como funciona?',
    'Não tenho interesse no plano anual. Como volto para o mensal?',
  ])('guard — BILLING_QUESTION: %s', async (text) => {
    await check(ruleRow(STORE, 'BILLING_QUESTION', 'Plano', text, 'topic.billing.plan'));
  });

  it.each([
    ['NOT_A_CLIENT', 'Maria Souza <maria.souza@gmail.com>', 'Quanto vocês cobram para eu abrir uma loja virtual?'],
    [
      'NO_PRIOR_TICKET',
      STORE,
      'Oferecemos consultoria de moda na nossa loja e o agendamento online parou de funcionar.',
    ],
  ])('guard — %s: %s', async (outcome, from, text) => {
    await check({ name: text, from, subject: 'Oi', text, outcome: outcome as Outcome });
  });
});

describe('round 34: the fee on sales asked lower, a missing thing asked for after the question, a store that did not deliver', () => {
  const STORE = 'Rafael Costa <contato@lojadorafa.com.br>';
  const BUYER = 'Joaquim Pereira <joaquim.p@gmail.com>';

  it.each([
    'Vocês conseguem baixar a taxa do cartão pra 2% pra mim? Vendo bastante, mais de 500 pedidos por mês.',
    'Gostaria de reduzir a minha taxa de transação, faturo 80 mil por mês. É possível?',
    'Tem como diminuir a comissão sobre as vendas? Tá pesando muito',
    'Recebemos proposta de outra plataforma com taxa zero. Vocês conseguem baixar a comissão para ficarmos?',
  ])('OUT_OF_SCOPE_COMMERCIAL: %s', async (text) => {
    await check(ruleRow(STORE, 'OUT_OF_SCOPE_COMMERCIAL', 'Taxa', text, 'scope.commercial.negotiation'));
  });

  it('OUT_OF_SCOPE_COMMERCIAL: a rival’s offer as the argument', async () => {
    const text = 'Queria ver se dá pra baixar as taxas do meu plano, o concorrente me ofereceu 1,99%';
    await check(ruleRow(STORE, 'OUT_OF_SCOPE_COMMERCIAL', 'Taxa', text, 'scope.commercial.special-condition'));
  });

  it.each([
    ['NO_PRIOR_TICKET', 'Como posso reduzir a taxa de abandono de carrinho da minha loja?'],
    ['NO_PRIOR_TICKET', 'Reduzir a taxa de rejeição da loja: o que vocês recomendam? O Google Analytics mostra 80%.'],
    ['NO_PRIOR_TICKET', 'Como faço para baixar a taxa de frete que aparece para os meus clientes no checkout?'],
    ['BILLING_QUESTION', 'Qual a taxa de transação do plano Avançado? Se eu mudar de plano a taxa cai?'],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({
      name: text,
      from: STORE,
      subject: 'Taxa',
      text,
      outcome: outcome as Outcome,
      notRules: ['scope.commercial.negotiation'],
    });
  });

  it.each([
    [
      'lojista@modasbella.com.br',
      'O suporte prometeu baixar a taxa para 2,5% no chamado 48213 e continua cobrando 4%. Quero o estorno da diferença.',
    ],
    [
      'lojista@modasbella.com.br',
      'Olá, no chamado 48213 me disseram que iam reduzir minha taxa como compensação pelos dias fora do ar e não reduziram. Quero que cumpram o combinado.',
    ],
  ])('ACCEPTED — a lower fee promised and not applied: %s — %s', async (from, text) => {
    await check({
      name: text,
      from,
      subject: 'Taxa',
      text,
      outcome: 'ACCEPTED',
      notRules: ['scope.commercial.negotiation'],
    });
  });

  it.each([
    'Vocês têm integração com o Olist? Se não tiverem, podem desenvolver?',
    'A plataforma tem programa de fidelidade? Caso não tenha, teria como criar?',
    'Existe a opção de vender kits? Se não existir, vocês poderiam implementar?',
    'Vocês têm API para integrar com meu sistema próprio de estoque? Se não tiverem, podem desenvolver?',
    'Tem como vender por assinatura? Se não tiver, coloquem isso.',
  ])('OUT_OF_SCOPE_FEATURE: %s', async (text) => {
    await check(ruleRow(STORE, 'OUT_OF_SCOPE_FEATURE', 'Pergunta', text, 'scope.feature.suggestion'));
  });

  it.each([
    'Se não tiver como resolver o erro do checkout hoje, vou criar outro chamado.',
    'Se não tiverem estoque do produto, podem criar um aviso de "avise-me" na página? Como configuro isso?',
    'O tema novo quebrou o menu. Se não tem como arrumar, podem voltar o antigo?',
  ])('guard — NO_PRIOR_TICKET: %s', async (text) => {
    await check(ruleRow(STORE, 'NO_PRIOR_TICKET', 'Ajuda', text, 'scope.feature.suggestion'));
  });

  it.each([
    'A loja www.superofertasbr.com que é de vocês não entregou meu celular e não responde. Vou no Procon.',
    'A loja Casa Bonita não me entregou o sofá e já faz 40 dias.',
    'O site Mega Ofertas que é de vocês me vendeu um produto e sumiu',
    'Olá, a loja Bebê Feliz não entregou minha encomenda que comprei em outubro. O que faço?',
  ])('NOT_A_CLIENT: %s', async (text) => {
    await check(ruleRow(BUYER, 'NOT_A_CLIENT', 'Reclamação', text, 'client.shopper.text'));
  });

  it.each([
    'A loja não entregou os pedidos da semana porque a etiqueta dos Correios não gerou. Como resolvo?',
    'A loja não entregou meus pedidos porque a transportadora mudou as regras. Como ajusto o frete?',
  ])('guard — NO_PRIOR_TICKET, her own store’s deliveries: %s', async (text) => {
    await check({
      name: text,
      from: STORE,
      subject: 'Entregas',
      text,
      outcome: 'NO_PRIOR_TICKET',
      notRules: ['client.shopper.text'],
    });
  });

  it.each([
    'seria top se tivesse como mandar msg no whats do cliente direto pelo painel qdo o pedido sai',
    'Seria show ter um app do painel pra celular.',
    'Seria bacana se tivesse relatório de vendas por vendedor.',
  ])('OUT_OF_SCOPE_FEATURE — a wish in everyday words: %s', async (text) => {
    await check(ruleRow(STORE, 'OUT_OF_SCOPE_FEATURE', 'Ideia', text, 'scope.feature.suggestion'));
  });

  it('guard — NO_PRIOR_TICKET: a wish about the service', async () => {
    const text = 'Seria bacana ter uma resposta do suporte, estou esperando há 5 dias.';
    await check(ruleRow(STORE, 'NO_PRIOR_TICKET', 'Suporte', text, 'scope.feature.suggestion'));
  });

  it.each([
    'consegue fazer o plano anual pelo preço do mensal? kkk to falando serio',
    'Me deixem ficar no Pro pelo preço do básico, por favor.',
  ])('OUT_OF_SCOPE_COMMERCIAL — one plan at another’s price: %s', async (text) => {
    await check(ruleRow(STORE, 'OUT_OF_SCOPE_COMMERCIAL', 'Plano', text, 'scope.commercial.special-condition'));
  });

  it.each([
    'Pagando pelo valor do mensal, quanto fica no ano? Compensa mudar para o anual?',
    'Fui cobrado pelo valor do plano mais barato mas estou no Pro, está certo?',
  ])('guard — BILLING_QUESTION: %s', async (text) => {
    await check({
      name: text,
      from: STORE,
      subject: 'Plano',
      text,
      outcome: 'BILLING_QUESTION',
      notRules: ['scope.commercial.special-condition', 'client.prospect.text'],
    });
  });

  it.each([
    ['Shop Global <owner@shopglobal.example.com>', 'Do you support selling subscriptions? If not, could you add it?'],
    ['Tienda Moda <tienda@modaar.example.com>', '¿Tienen venta por suscripción? Si no, ¿pueden agregarla?'],
  ])('OUT_OF_SCOPE_FEATURE — asked for if missing, in English and Spanish: %s — %s', async (from, text) => {
    await check({
      name: text,
      from,
      subject: 'Feature',
      text,
      outcome: 'OUT_OF_SCOPE_FEATURE',
      rule: 'scope.feature.suggestion',
    });
  });

  it('guard — NO_PRIOR_TICKET: "if not fixed, could you create a ticket"', async () => {
    const text = 'My product images are gone. If not fixed today, could you create a ticket for me?';
    await check(
      ruleRow(
        'Shop Global <owner@shopglobal.example.com>',
        'NO_PRIOR_TICKET',
        'Help',
        text,
        'scope.feature.suggestion',
      ),
    );
  });

  // A notice she pastes under a line of hers that introduces it is shown, not sent, by a robot.
  it.each([
    [
      'ACCEPTED',
      'financeiro@casadosaromas.com.br',
      'Recebi isto hoje:\n\nEsta é uma mensagem automática. Sua fatura de dezembro venceu.\n\nMas eu já paguei e o chamado 48214 foi aberto justamente por isso. Quero uma resposta.',
    ],
    [
      'ACCESS_ISSUE',
      STORE,
      'Recebi este aviso:\n\nEsta é uma mensagem automática. Seu domínio foi congelado no registro.br.\n\nNão consigo entrar no painel desde então.',
    ],
    [
      'ACCESS_ISSUE',
      STORE,
      'Me chegou esta mensagem:\nEsta é uma resposta automática. Seu usuário foi bloqueado por inatividade.\nComo desbloqueio?',
    ],
    [
      'BILLING_QUESTION',
      STORE,
      'Recebi o seguinte e-mail de vocês:\n\nEste é um e-mail automático. Sua fatura está disponível.\n\nNão encontro a fatura no painel, onde fica?',
    ],
  ])('%s — a notice pasted under her own line: %s — %s', async (outcome, from, text) => {
    await check({ name: text, from, subject: 'Aviso', text, outcome: outcome as Outcome });
  });

  it.each([
    'Olá! Recebi a sua mensagem: responderei assim que possível. Esta é uma resposta automática.',
    'Recebemos sua solicitação: em breve retornaremos. Esta é uma mensagem automática, não responda.',
  ])('guard — an automatic answer that says it received the mail stays automatic: %s', async (text) => {
    await check({
      name: text,
      from: 'Loja Nova <contato@lojanova.example.com>',
      subject: 'Recebido',
      text,
      outcome: 'NO_PRIOR_TICKET',
      rule: 'auto.machine-generated.text',
    });
  });

  it.each([
    'Estou fora do escritório hoje, escrevo do celular: o site caiu! Clientes reclamando.',
    'Estou fora do escritório e o site caiu. Preciso de ajuda urgente.',
  ])('NO_PRIOR_TICKET — away and writing anyway, not an absence notice: %s', async (text) => {
    await check(ruleRow(STORE, 'NO_PRIOR_TICKET', 'Urgente', text, 'auto.machine-generated.text'));
  });

  it.each([
    'Estou fora do escritório até 10/12, com acesso limitado ao e-mail. Em caso de urgência, ligue (11) 9999-0000.',
    "I'm out of the office until Monday with limited access to email. I will reply when I return.",
  ])('guard — an absence notice without headers stays automatic: %s', async (text) => {
    await check({
      name: text,
      from: 'Loja Nova <contato@lojanova.example.com>',
      subject: 'Re: Loja',
      text,
      outcome: 'NO_PRIOR_TICKET',
      rule: 'auto.machine-generated.text',
    });
  });

  it.each([
    [
      'NO_PRIOR_TICKET',
      'Este é um e-mail automático? Porque já mandei três vezes e ninguém responde. Os pedidos não entram no painel.',
    ],
    [
      'BILLING_QUESTION',
      'Esta é uma resposta automática? Já escrevi ontem. A fatura veio em dobro e preciso de alguém.',
    ],
  ])('%s — she asks whether an answer is automatic: %s', async (outcome, text) => {
    await check({
      name: text,
      from: STORE,
      subject: 'Aviso',
      text,
      outcome: outcome as Outcome,
      notRules: ['auto.machine-generated.text'],
    });
  });

  it.each([
    'Os pedidos estão entrando em duplicidade no painel desde a semana passada e o suporte não resolve.',
    'O estoque está baixando em duplicidade a cada venda.',
    'Os e-mails de confirmação estão sendo enviados em duplicidade para os compradores.',
  ])('NO_PRIOR_TICKET — the store’s orders, stock or mail twice, no charge of ours: %s', async (text) => {
    await check(ruleRow(STORE, 'NO_PRIOR_TICKET', 'Duplicidade', text, 'topic.billing.complaint'));
  });

  it.each([
    'Entrou em duplicidade a cobrança da mensalidade no meu cartão.',
    'A mensalidade da plataforma foi cobrada em duplicidade no meu cartão.',
  ])('guard — BILLING_QUESTION, a charge of ours twice: %s', async (text) => {
    await check(ruleRow(STORE, 'BILLING_QUESTION', 'Duplicidade', text, 'topic.billing.complaint'));
  });

  it.each([
    'Pago o plano em dia e mesmo assim o Pix da loja não confirma os pagamentos dos clientes.',
    'Pagamos o plano Pro e mesmo assim as vendas no cartão não são aprovadas.',
  ])('NO_PRIOR_TICKET — the plan she pays, then the store’s payments that fail: %s', async (text) => {
    await check(ruleRow(STORE, 'NO_PRIOR_TICKET', 'Pagamentos', text, 'topic.billing.plan'));
  });

  it.each([
    'Pago o plano em dia e mesmo assim minha loja foi bloqueada por falta de pagamento.',
    'Pago o plano em dia e mesmo assim me cobraram multa na fatura. Por quê?',
  ])('guard — BILLING_QUESTION: %s', async (text) => {
    await check({ name: text, from: STORE, subject: 'Plano', text, outcome: 'BILLING_QUESTION' });
  });

  it.each([
    'Como diminuir a taxa de juros do parcelamento na loja?',
    'Como faço para baixar a taxa do Mercado Pago na minha loja? Dá pra escolher o prazo de recebimento?',
    'Onde eu configuro para reduzir a taxa de parcelamento sem juros de 12x para 6x?',
  ])('guard — NO_PRIOR_TICKET, the store’s checkout settings or its provider’s fee: %s', async (text) => {
    await check(ruleRow(STORE, 'NO_PRIOR_TICKET', 'Taxa', text, 'scope.commercial.negotiation'));
  });

  it.each([
    'Vocês podem reduzir a taxa de transação da plataforma para mim? Estou crescendo.',
    'Quero parcelar a dívida das mensalidades atrasadas sem juros, é possível?',
  ])('OUT_OF_SCOPE_COMMERCIAL — still a negotiation: %s', async (text) => {
    await check(ruleRow(STORE, 'OUT_OF_SCOPE_COMMERCIAL', 'Taxa', text, 'scope.commercial.negotiation'));
  });

  it.each([
    'O site da central de ajuda que é de vocês não abre, como vejo os tutoriais?',
    'A loja virtual não entregou meu relatório de vendas por e-mail este mês.',
    'Quero deixar os produtos pelo valor do fornecedor mais 30%, tem como automatizar?',
    'Como fazer o produto sair pelo preço do atacado quando o cliente compra mais de 10?',
  ])('guard — NO_PRIOR_TICKET, the merchant’s own store, prices and help site: %s', async (text) => {
    await check({
      name: text,
      from: STORE,
      subject: 'Ajuda',
      text,
      outcome: 'NO_PRIOR_TICKET',
      notRules: ['client.shopper.text', 'scope.commercial.special-condition'],
    });
  });

  it.each([
    [
      'NO_PRIOR_TICKET',
      STORE,
      'Vocês têm acesso multiusuário? Caso não tenha, podem adicionar meu sócio como usuário?',
    ],
    [
      'NO_PRIOR_TICKET',
      'Shop Global <owner@shopglobal.example.com>',
      'Do you have staff accounts? If not, could you add my partner as an admin?',
    ],
    ['OUT_OF_SCOPE_FEATURE', STORE, 'Vocês têm venda por assinatura? Caso não tenham, podem adicioná-la?'],
  ])('%s — asked to add it, or to add someone: %s — %s', async (outcome, from, text) => {
    await check({ name: text, from, subject: 'Usuários', text, outcome: outcome as Outcome });
  });

  it.each([
    'Seria perfeito se tivesse dado certo a migração, mas perdi todos os produtos.',
    'Seria show se tivessem migrado as fotos junto, agora a loja está sem imagens.',
  ])('NO_PRIOR_TICKET — what should have happened, not a wish: %s', async (text) => {
    await check(ruleRow(STORE, 'NO_PRIOR_TICKET', 'Migração', text, 'scope.feature.suggestion'));
  });

  it.each([
    'Acabei de assinar o plano e o domínio ainda não conectou.',
    'Contratei o plano Pro ontem e o tema não carrega no celular.',
  ])('NO_PRIOR_TICKET — just subscribed, and something else is wrong: %s', async (text) => {
    await check(ruleRow(STORE, 'NO_PRIOR_TICKET', 'Novo', text, 'topic.billing.plan'));
  });

  it.each([
    'Acabei de assinar o plano anual. Quando vence a primeira fatura?',
    'Assinei o plano errado, quero trocar para o mensal.',
  ])('guard — BILLING_QUESTION: %s', async (text) => {
    await check({ name: text, from: STORE, subject: 'Novo', text, outcome: 'BILLING_QUESTION' });
  });

  it.each([
    'Quero um desconto na mensalidade como compensação, porque o chamado 48213 ficou 20 dias sem solução e a loja parada.',
    'A loja ficou 5 dias fora do ar e o chamado 48213 não resolveu. Peço abatimento na fatura para compensar o prejuízo.',
    'Peço isenção da mensalidade deste mês como ressarcimento, a loja ficou parada e o chamado 48213 não foi resolvido.',
  ])('ACCEPTED — with her ticket verified, a remedy asked for the failure she complains of: %s', async (text) => {
    const { decision } = await check({
      name: text,
      from: 'lojista@modasbella.com.br',
      subject: 'Chamado 48213',
      text,
      outcome: 'ACCEPTED',
    });
    expect(decision.ruleIds.at(-1)).toBe('ticket.valid');
    expect(decision.ruleIds.some((id) => id.startsWith('scope.commercial.'))).toBe(true);
    expect(decision.reason).toContain('Pede compensação');
  });

  it.each([
    'Quero 30% de desconto na mensalidade, as vendas caíram muito este ano.',
    'Minha loja ficou 3 dias fora do ar. Quero desconto na mensalidade como compensação.',
  ])('guard — OUT_OF_SCOPE_COMMERCIAL, no ticket of hers: %s', async (text) => {
    await check(ruleRow(STORE, 'OUT_OF_SCOPE_COMMERCIAL', 'Desconto', text, 'scope.commercial.discount'));
  });

  it('guard — OUT_OF_SCOPE_COMMERCIAL: a discount with her ticket, but no remedy asked', async () => {
    const text = 'Meu chamado 48213 foi resolvido, obrigada. Aproveitando, queria um desconto no plano anual.';
    await check({
      name: text,
      from: 'lojista@modasbella.com.br',
      subject: 'Desconto',
      text,
      outcome: 'OUT_OF_SCOPE_COMMERCIAL',
    });
  });

  it.each([
    'Boa tarde. Sou cliente há 4 anos, no plano Avançado. No dia 10/11 meu checkout parou de aceitar cartão e abri o chamado 48213 no mesmo dia. Perdi a Black Friday inteira.\n\nJá pensei em negociar com outra plataforma, mas quero dar uma chance para a ouvidoria resolver.',
    'Sobre o chamado 48213: pedi a isenção da taxa de instalação que estava no anúncio e não aplicaram.',
  ])('ACCEPTED — a word of negotiation that asks for none: %s', async (text) => {
    await check({ name: text, from: 'lojista@modasbella.com.br', subject: 'Chamado 48213', text, outcome: 'ACCEPTED' });
  });

  it.each([
    ['Quero negociar o valor da mensalidade, senão vou para outra plataforma.', 'scope.commercial.negotiation'],
    ['Quero isenção da taxa de instalação, outras plataformas não cobram.', 'scope.commercial.exemption'],
  ])('guard — OUT_OF_SCOPE_COMMERCIAL: %s', async (text, rule) => {
    await check(ruleRow(STORE, 'OUT_OF_SCOPE_COMMERCIAL', 'Plano', text, rule));
  });

  it('ACCEPTED — a negotiation tried through the support, which closed the ticket unanswered', async () => {
    const text =
      'Chamado 48213: tentei renegociar a dívida pelo suporte, fecharam o chamado sem responder e bloquearam minha loja.';
    await check({ name: text, from: 'lojista@modasbella.com.br', subject: '48213', text, outcome: 'ACCEPTED' });
  });

  it('guard — OUT_OF_SCOPE_COMMERCIAL: a debt to renegotiate, asked', async () => {
    const text = 'Quero renegociar a dívida das mensalidades atrasadas em 6 vezes.';
    await check(ruleRow(STORE, 'OUT_OF_SCOPE_COMMERCIAL', 'Dívida', text, 'scope.commercial.negotiation'));
  });

  const SHOP = 'Shop Global <owner@shopglobal.example.com>';
  const TIENDA = 'Tienda Moda <tienda@modaar.example.com>';

  it.each([
    [SHOP, 'Can you lower my transaction fee to 2%? We sell over 500 orders a month.', 'scope.commercial.negotiation'],
    [TIENDA, '¿Pueden bajar la comisión por venta? Vendo mucho.', 'scope.commercial.negotiation'],
    [SHOP, 'Could you give us the annual plan at the monthly price?', 'scope.commercial.special-condition'],
  ])('OUT_OF_SCOPE_COMMERCIAL in English and Spanish: %s — %s', async (from, text, rule) => {
    await check({ name: text, from, subject: 'Fees', text, outcome: 'OUT_OF_SCOPE_COMMERCIAL', rule });
  });

  it('NOT_A_CLIENT — a store named as ours that never delivered', async () => {
    const text = 'The store Casa Bonita, which is yours, never delivered my sofa.';
    await check(ruleRow('Buyer <buyer@example.com>', 'NOT_A_CLIENT', 'Order', text, 'client.shopper.text'));
  });

  it('OUT_OF_SCOPE_FEATURE — "it would be awesome to have"', async () => {
    const text = 'It would be awesome to have a TikTok Shop integration.';
    await check({ name: text, from: SHOP, subject: 'Idea', text, outcome: 'OUT_OF_SCOPE_FEATURE' });
  });

  it('BILLING_QUESTION — the plan named by its period, in English', async () => {
    const text = 'How much is the annual plan compared to the monthly price?';
    await check(ruleRow(SHOP, 'BILLING_QUESTION', 'Plan', text, 'topic.billing.plan'));
  });

  it.each([
    [SHOP, "The carrier never delivered my customer's order and the tracking is stuck in the panel."],
    [SHOP, 'How do I reduce the fees my customers pay at checkout?'],
    [TIENDA, '¿Cómo puedo bajar la tarifa de envío para mis clientes?'],
  ])('guard — NO_PRIOR_TICKET, the store’s own side: %s — %s', async (from, text) => {
    await check({
      name: text,
      from,
      subject: 'Help',
      text,
      outcome: 'NO_PRIOR_TICKET',
      notRules: ['client.shopper.text', 'scope.commercial.negotiation'],
    });
  });

  it('BILLING_QUESTION — her question above a footer her system stamps', async () => {
    const text =
      'Boa tarde, como faço para emitir a segunda via do boleto da mensalidade?\n\nEsta mensagem foi enviada automaticamente pelo sistema de atendimento da Loja Nova.';
    await check({
      name: text,
      from: STORE,
      subject: 'Boleto',
      text,
      outcome: 'BILLING_QUESTION',
    });
  });

  it('NO_PRIOR_TICKET — a reply titled "Automatic reply" that says her store is still down', async () => {
    const text = 'I got your automatic reply but my store is still down. Please help.';
    await check({
      name: text,
      from: SHOP,
      subject: 'Automatic reply',
      text,
      outcome: 'NO_PRIOR_TICKET',
      notRules: ['auto.machine-generated'],
    });
  });

  it.each([
    [
      'Recebemos sua mensagem',
      'Olá! Recebemos sua mensagem. Como posso ajudar? Esta mensagem foi enviada automaticamente.',
    ],
    ['Sua fatura', 'Sua fatura está disponível. Dúvidas? Acesse a central. Este e-mail foi enviado automaticamente.'],
  ])('guard — a robot’s own footer stays automatic: %s', async (subject, text) => {
    await check({
      name: text,
      from: 'SAC <sac@lojarobot.example.com>',
      subject,
      text,
      outcome: 'NO_PRIOR_TICKET',
      rule: 'auto.machine-generated.text',
    });
  });

  it.each([
    [
      'BILLING_QUESTION',
      'Não faço mais parte da equipe da Loja Velha, mas continuo sendo cobrada no meu cartão pela mensalidade.',
    ],
    [
      'NO_PRIOR_TICKET',
      'Em breve um de nossos atendentes entrará em contato — foi o que o chat disse há 5 dias. Minha loja continua fora do ar.',
    ],
  ])('%s — a notice’s words that are hers: %s', async (outcome, text) => {
    await check({
      name: text,
      from: STORE,
      subject: 'Atendimento',
      text,
      outcome: outcome as Outcome,
      notRules: ['auto.machine-generated.text'],
    });
  });

  it.each([
    [STORE, 'O chat só diz retornaremos o mais breve possível. Meus pedidos sumiram do painel.'],
    [
      STORE,
      'O e-mail de vocês não é monitorado? Este e-mail não é monitorado, diz a resposta. Preciso de ajuda com o frete.',
    ],
    [SHOP, 'You said a member of our team will respond, but nobody did. My checkout is broken.'],
  ])('NO_PRIOR_TICKET — a notice’s words she reports: %s — %s', async (from, text) => {
    await check(ruleRow(from, 'NO_PRIOR_TICKET', 'Atendimento', text, 'auto.machine-generated.text'));
  });

  it.each([
    [
      STORE,
      'Falha na entrega',
      'Os pedidos da minha loja estão com falha na entrega, a transportadora não recebe as etiquetas. O que faço?',
    ],
    [
      STORE,
      'Não entregue',
      'Pedido 1234 aparece como não entregue mas o cliente recebeu. Como corrijo o status no painel?',
    ],
    [
      STORE,
      'Undeliverable',
      'Os e-mails da minha loja voltam como undeliverable para clientes do Hotmail. Podem verificar?',
    ],
    [SHOP, 'Out of office?', 'Is everyone out of office? My store is down since yesterday.'],
  ])('NO_PRIOR_TICKET — a notice’s subject over a person’s question: %s — %s — %s', async (from, subject, text) => {
    await check({ name: text, from, subject, text, outcome: 'NO_PRIOR_TICKET', notRules: ['auto.machine-generated'] });
  });

  it.each([
    [
      'Undeliverable',
      'Delivery has failed to these recipients: cliente@example.com. The remote server returned 550 5.1.1.',
    ],
    ['Out of office', 'I am out of the office until Monday with limited access to email.'],
  ])('guard — a real notice under its subject stays automatic: %s', async (subject, text) => {
    await check({
      name: text,
      from: 'Postmaster <postmaster@example.com>',
      subject,
      text,
      outcome: 'NO_PRIOR_TICKET',
      rule: 'auto.machine-generated',
    });
  });
});

// ─────────────── Round 35: a notice's words around her own verified ticket ───────────────
// A notice writes no ticket of its recipient's in sentences of its own: her verified ticket, cited in
// her fresh text beside what went wrong, makes the words around it hers — under a notice's subject too.
describe('round 35: a notice’s words around her own verified ticket are hers', () => {
  const OWNERS: Record<string, string> = Object.fromEntries(Object.entries(TICKETS).map(([id, from]) => [from, id]));
  it.each([
    // Reporting the robot in words of her own, no fixed verb needed.
    [
      'carla@docesdacarla.com.br',
      'Re: chamado 52310',
      'Tentei mandar email pro suporte@ e voltou: não foi possível entregar sua mensagem. Por isso escrevo aqui. O problema do pix continua, chamado 52310.',
    ],
    [
      'ana@papelariaestrela.com.br',
      'Protocolo 51000',
      'Seu ticket 51000 foi aberto com sucesso, foi o que apareceu na tela, e depois disso silêncio total. Já são 20 dias sem o boleto aparecer no checkout.',
    ],
    [
      'ana@papelariaestrela.com.br',
      '51000 de novo',
      'Toda vez é a mesma coisa. Recebemos sua mensagem e retornaremos em breve. Isso há três semanas. Chamado 51000, sem solução.',
    ],
    [
      'financeiro@casadosaromas.com.br',
      'Retornaremos o mais breve possível?',
      'Retornaremos o mais breve possível, dizem. Já passaram 15 dias desde o chamado 48214. Fui cobrada duas vezes no mesmo mês.',
    ],
    [
      'financeiro@casadosaromas.com.br',
      'chamado 48214',
      'Responderemos no próximo dia útil, dizem sempre. Já foram 12 dias úteis e ninguém responde. Chamado 48214.',
    ],
    [
      'joao@lojadojoao.com.br',
      'chamado 52311',
      'Esta caixa de e-mail não é monitorada, diz lá embaixo. Que piada. Chamado 52311, estoque zerado e ninguém resolve.',
    ],
    [
      'carla@docesdacarla.com.br',
      'chamado 52310',
      'Em breve nossa equipe entrará em contato, falava o robô do chat. Já faz uma semana e nada foi resolvido. Chamado 52310.',
    ],
    [
      'lojista@modasbella.com.br',
      'chamado 48213',
      'Configurei a mensagem retornaremos o mais breve possível no chat da loja e ela não aparece para ninguém. Chamado 48213.',
    ],
    [
      'ana@papelariaestrela.com.br',
      'Ainda sem retorno',
      'Obrigado pelo contato, responderemos em breve. É só isso que eu recebo desde o dia 5, sem resposta de verdade. Chamado 51000.',
    ],
    [
      'joao@lojadojoao.com.br',
      'chamado 52311',
      'Obs: estou fora do escritório, escrevo por aqui porque o chamado 52311 foi encerrado e o problema de estoque negativo voltou. Ninguém me ajuda.',
    ],
    [
      'lojista@modasbella.com.br',
      'ticket 48213',
      'Estou fora do escritório essa semana, respondendo pelo celular mesmo. O chamado 48213 está parado há 12 dias e as vendas caíram pela metade.',
    ],
    [
      'lojista@modasbella.com.br',
      'chamado 48213',
      'Estarei fora do escritório amanhã o dia todo, então peço que me liguem hoje ainda. As fotos dos produtos sumiram desde a atualização, chamado 48213.',
    ],
    [
      'contato@eletroponto.com.br',
      'Email não monitorado',
      'Vocês colocam no rodapé que este e-mail não é monitorado. Ticket 48215: o gateway recusa todos os cartões, não funciona nada.',
    ],
    [
      'ana@papelariaestrela.com.br',
      'Não pode ser entregue',
      'Meu e-mail para o suporte não pode ser entregue a um ou mais destinatários segundo o Outlook. O problema do chamado 51000 segue sem solução.',
    ],
    [
      'lojista@modasbella.com.br',
      'chamado',
      'mensagem automatica nao responda, é só isso q vcs mandam. o chamado 48213 ta parado e a loja caiu',
    ],
    // English and Spanish.
    [
      'contato@eletroponto.com.br',
      'Support address bounces',
      'Your support address bounces as undeliverable since Monday, so I am writing here. Ticket 48215 is still open and the store images are broken.',
    ],
    [
      'contato@eletroponto.com.br',
      'ticket 48215',
      'I am on parental leave and my husband is running the store now, but I am the account owner. Ticket 48215 about the broken payment gateway has no answer.',
    ],
    [
      'contato@eletroponto.com.br',
      'ticket 48215',
      'I am out of the office right now but my phone keeps buzzing: the website is down for customers. Ticket 48215.',
    ],
    [
      'contato@eletroponto.com.br',
      'ticket 48215',
      'Your reply says this mailbox is not monitored. So who reads ticket 48215? The payment page is still broken.',
    ],
    [
      'contato@eletroponto.com.br',
      'Ticket 48215 again',
      "You keep saying we've received your message and nothing happens. Ticket 48215, third week, nobody answers.",
    ],
    [
      'joao@lojadojoao.com.br',
      'chamado 52311',
      'The message could not be delivered, says WhatsApp when I write to your support number. Ticket 52311 is still unsolved.',
    ],
    [
      'carla@docesdacarla.com.br',
      'product feed',
      'Every time I send the product feed to Google, delivery has failed shows in the panel. Ticket 52310 opened on the 3rd, nobody fixed it.',
    ],
    [
      'contato@eletroponto.com.br',
      'Reclamo ticket 48215',
      'Recibimos tu mensaje y te responderemos, eso es todo lo que dicen desde hace 10 días. Ticket 48215, la tienda no funciona con tarjeta.',
    ],
    [
      'contato@eletroponto.com.br',
      'ticket 48215',
      'Estoy fuera de la oficina por un viaje, pero sigo con el problema del ticket 48215: la tienda no carga las imágenes, nadie responde.',
    ],
    // A notice's subject over her complaint.
    [
      'lojista@modasbella.com.br',
      "I'm out of office this week and our store checkout is broken",
      "Hi,\nI'm travelling but our checkout stopped accepting credit cards yesterday. Ticket 48213 has been open for 9 days.\nPlease help, we are losing sales every hour.",
    ],
    [
      'contato@eletroponto.com.br',
      'Fuera de la oficina pero mi tienda no funciona',
      'Hola, estoy de viaje pero la tienda no carga desde el lunes. Ticket 48215, nadie me da una solución. Gracias.',
    ],
    [
      'carla@docesdacarla.com.br',
      'Férias - chamado 52310 sem solução',
      'Pessoal,\n\nvou estar de férias de 18/12 a 06/01 e a loja continua com o frete zerado no checkout.\nO chamado 52310 tá aberto faz 15 dias e ninguém faz nada.\n\nCarla',
    ],
    [
      'carla@docesdacarla.com.br',
      'Aviso de ausência: loja fora do ar',
      'Vou ficar ausente até 10/12 por cirurgia, mas minha loja está fora do ar e o chamado 52310 não anda. Minha funcionária vai acompanhar.',
    ],
    [
      'contato@eletroponto.com.br',
      'Falha na entrega - pedidos parados',
      'Bom dia. Cliente reclamou que o pedido não foi entregue porque a etiqueta gerada pela plataforma saiu com CEP errado. Já são 12 pedidos assim. Chamado 48215.',
    ],
    [
      'joao@lojadojoao.com.br',
      'Mensagem não entregue',
      'Tentei mandar mensagem no whatsapp do suporte e aparece que a mensagem não foi entregue. Meu chamado 52311 foi fechado sem ninguém me ligar. Quero uma resposta.',
    ],
    [
      'lojista@modasbella.com.br',
      'Auto reply do suporte',
      'Auto reply do suporte não resolve meu problema. Chamado 48213, a loja caiu de novo.',
    ],
    [
      'financeiro@casadosaromas.com.br',
      'Falha na entrega do e-mail de confirmação',
      'Os clientes não recebem o e-mail de confirmação de pedido. Falha na entrega desde a atualização, erro em todos. Chamado 48214.',
    ],
    [
      'ana@papelariaestrela.com.br',
      'Ausente',
      'Vou ficar ausente até 10/01, mas antes preciso que o boleto volte a aparecer no checkout. Chamado 51000 sem solução. Como faço?',
    ],
  ])('ACCEPTED — %s — %s', async (from, subject, text) => {
    await check({ name: text, from, subject, text, outcome: 'ACCEPTED', ticket: OWNERS[from] });
  });

  it.each([
    // Her own notice naming her pending ticket and handing it on: no complaint, no question.
    [
      'Ausência temporária',
      'Olá, estarei ausente até 05/01/2027 sem acesso ao e-mail. Assuntos do chamado 48213 com a Joana.',
    ],
    [
      'Fora do escritório',
      'Estou fora do escritório até 15/12. Sobre o chamado 48213, fale com a Joana: joana@modasbella.com.br.',
    ],
    ['Out of office', 'I am out of the office until Monday. For ticket 48213 please contact Joana.'],
    // A robot saying it wrote the text, whatever ticket it names.
    [
      'Atualização do chamado 48213',
      'Esta é uma mensagem automática. O chamado 48213 foi atualizado e está parado aguardando sua resposta.',
    ],
    [
      'Ticket 48213 updated',
      'This is an automated message. Ticket 48213 is broken into two requests. Please do not reply to this email.',
    ],
    // The ticket only where a notice echoes or pastes the mail it answers.
    ['Re: Chamado 48213 parado', 'Estou fora do escritório e sem acesso ao e-mail até 15/12.'],
    [
      'Resposta automática: Re: chamado 48213 sem solução [OUV-2026-000123]',
      'Estou de férias até 10/01. O chamado 48213 não foi resolvido? Fale com a Joana.',
    ],
    [
      'Undeliverable',
      'Delivery has failed to these recipients: joana@modasbella.com.br. Mensagem original: o chamado 48213 segue sem solução.',
    ],
  ])('guard — stays automatic: %s — %s', async (subject, text) => {
    const row: Row = { name: text, from: 'lojista@modasbella.com.br', subject, text, outcome: 'NO_PRIOR_TICKET' };
    const { decision } = await triage(row);
    expect(decision.ruleIds.at(-1), decision.reason).toMatch(/^auto\./);
  });
});

describe('round 35: a person asking beside a notice’s words, without a ticket', () => {
  it.each([
    [
      'gerencia@lojaflordelis.com.br',
      'Estou fora do escritório',
      'Estou fora do escritório essa semana mas preciso avisar que minha loja não mostra o frete para o Nordeste. Quem pode me ajudar?',
    ],
    [
      'lia@liamodafit.com.br',
      'Fora do escritório',
      'Fora do escritório o dia todo, mas soube que a loja está sem frete. Preciso de ajuda.',
    ],
    [
      'tina@tinadecor.com.br',
      'estou de ferias',
      'estou de ferias ate dia 20 e minha loja parou de receber pedido, oq faço?',
    ],
    [
      'bia@biadoces.com.br',
      'Ausente',
      'Vou ficar ausente até 10/01 e preciso deixar a loja em modo férias. Como faço?',
    ],
    [
      'ze@zeacessorios.com.br',
      'Fora do escritório',
      'Estarei fora do escritório de 20/12 a 05/01. Tem como programar uma mensagem de aviso na loja para os clientes?',
    ],
    [
      'camila@camilabolsas.com.br',
      'Resposta automática',
      'Vocês só mandam resposta automática. Quero falar com uma pessoa sobre o frete da minha loja.',
    ],
    [
      'sergio@sergioferragens.com.br',
      'Auto-reply',
      'auto-reply de novo? quero falar com gente. minha loja ta com o carrinho zerando',
    ],
    [
      'paulo@autopecasrs.com.br',
      'Não foi possível entregar',
      'Não foi possível entregar os pedidos de ontem porque o sistema não gerou as etiquetas dos Correios. O que eu faço?',
    ],
    [
      'ex.funcionaria@gmail.com',
      'remover meu email',
      'Não faço mais parte da equipe da loja Modas Bella e continuo recebendo os e-mails de vocês sobre a loja. Como faço pra sair dessa lista?',
    ],
    [
      'rodrigo@techinfo.com.br',
      'Undeliverable',
      'Hi, all my messages to your support come back undeliverable. How do I reach a person? My store is techinfo.com.br.',
    ],
    [
      'nina@ninamodas.com.br',
      'Recebi só isso',
      'recebemos sua mensagem e retornaremos em até 24h úteis. Recebi só isso há 5 dias e nada mais. minha loja segue sem o checkout.',
    ],
    [
      'lucas@lucasgames.com.br',
      'reclamação',
      'Recebemos sua mensagem e retornaremos em até 48 horas. Foi isso. 4 dias atrás. Loja fora.',
    ],
    [
      'info@tiendasol.com.ar',
      'Consulta',
      'Estoy fuera de la oficina esta semana pero necesito saber cómo cambiar el medio de pago de la tienda.',
    ],
  ])('NO_PRIOR_TICKET, answered — %s — %s', async (from, subject, text) => {
    await check({ name: text, from, subject, text, outcome: 'NO_PRIOR_TICKET', notRules: ['auto.machine-generated'] });
    const { decision } = await triage({ name: text, from, subject, text, outcome: 'NO_PRIOR_TICKET' });
    expect(decision.ruleIds.at(-1), decision.reason).not.toMatch(/^auto\./);
  });

  it.each([
    // A notice's own offer or hand-over, no question of a person's.
    [
      'Fora do escritório',
      'Estou fora do escritório até 15/12. Como posso ajudar? Fale com a Joana: joana@loja.com.br.',
    ],
    ['Ausente', 'Estarei ausente até 10/01. Para urgências, ligue (11) 3456-7890.'],
    [
      'Resposta automática',
      'Esta é uma resposta automática. Como faço para falar com alguém? Acesse nossa central de ajuda.',
    ],
    // A failure quoting the mail it returns, question and all.
    [
      'Undeliverable',
      'Delivery has failed to these recipients: cliente@example.com.\nOriginal message: como faço para emitir a nota?',
    ],
    [
      'Não foi possível entregar',
      'Não foi possível entregar sua mensagem para joao@example.com. Mensagem original: o que eu faço com o pedido?',
    ],
  ])('guard — stays automatic: %s — %s', async (subject, text) => {
    const row: Row = { name: text, from: 'loja@example.com.br', subject, text, outcome: 'NO_PRIOR_TICKET' };
    const { decision } = await triage(row);
    expect(decision.ruleIds.at(-1), decision.reason).toMatch(/^auto\./);
  });
});

describe('round 35: prospects in Spanish, a wish after "se não tiver", another’s terms', () => {
  it.each([
    [
      'NOT_A_CLIENT',
      'juan@tiendajuan.com.ar',
      'Consulta',
      'Hola, tengo una tienda en Tiendanube y quiero migrar a su plataforma. ¿Cuáles son los precios?',
    ],
    [
      'NOT_A_CLIENT',
      'juan@tiendajuan.com.ar',
      'Consulta',
      'Hola, quiero migrar mi tienda de Tiendanube a su plataforma. ¿Cuáles son los precios?',
    ],
    [
      'NOT_A_CLIENT',
      'sofia@modasofia.com.ar',
      'Precios',
      'Tengo mi tienda en Shopify y estoy evaluando cambiarme. ¿Cuáles son los precios?',
    ],
    [
      'OUT_OF_SCOPE_FEATURE',
      'loja@bichinhos.com.br',
      'pergunta',
      'tem integração com o ifood? se nao tiver podiam criar',
    ],
    [
      'OUT_OF_SCOPE_FEATURE',
      'loja@bichinhos.com.br',
      'pergunta',
      'tem como integrar com o ifood? se n tiver vcs podiam criar neh',
    ],
    [
      'OUT_OF_SCOPE_COMMERCIAL',
      'dono@barbearia10.com.br',
      'condição',
      'Vi que um amigo paga menos que eu no mesmo plano. Quero a mesma condição que ele tem.',
    ],
    [
      'OUT_OF_SCOPE_COMMERCIAL',
      'dono@barbearia10.com.br',
      'condição',
      'Os clientes novos pagam menos. Quero as mesmas condições dos novos.',
    ],
    // A wish put second to the complaint in a sentence of its own (round 27 had it in the same one).
    [
      'ACCEPTED',
      'lojista@modasbella.com.br',
      'Reclamação – chamado 48213',
      'Bom dia. Desde a atualização as fotos dos produtos somem. Abri o chamado 48213, pediram prints, mandei, fecharam dizendo que era cache. Além disso eu queria uma integração com a Shopee que vocês prometeram. Mas o principal: AS FOTOS. Resolvam.',
    ],
    [
      'ACCEPTED',
      'ana@papelariaestrela.com.br',
      'chamado 51000',
      'O boleto sumiu do checkout, chamado 51000. Seria bom ter integração com o Bling também. Mas o mais urgente é o boleto.',
    ],
    // Guards: a client of ours in Spanish, her own shipping terms.
    [
      'NO_PRIOR_TICKET',
      'juan@tiendajuan.com.ar',
      'Problema',
      'Tengo una tienda en su plataforma y el checkout no funciona desde ayer.',
    ],
    [
      'NO_PRIOR_TICKET',
      'lia@liamodafit.com.br',
      'frete',
      'Quero a mesma condição de frete que eu tinha antes da atualização, o checkout mudou sozinho.',
    ],
  ])('%s — %s', async (outcome, from, subject, text) => {
    await check({ name: text, from, subject, text, outcome: outcome as Outcome });
  });
});

describe('round 36: a question under her mail system’s disclaimer; the press by its work', () => {
  const SIGNED = '\n\nFernanda Lima\nGerente | Loja Flor\nTel: (11) 3333-4444\n\n';
  const FOOTERS = [
    'AVISO DE CONFIDENCIALIDADE: Esta mensagem e seus anexos são confidenciais e destinados exclusivamente ao destinatário. Mensagem gerada automaticamente pelo sistema de e-mail corporativo não garante a integridade do conteúdo.',
    'AVISO LEGAL: Esta mensagem é confidencial. Este e-mail foi enviado automaticamente pelo servidor e não garante a integridade do conteúdo.',
  ];
  it.each(
    FOOTERS.flatMap((footer) => [
      ['BILLING_QUESTION', 'Olá, não entendi o valor da fatura deste mês. Podem explicar?', footer],
      ['BILLING_QUESTION', 'Podem reenviar o boleto da mensalidade de dezembro?', footer],
      ['NO_PRIOR_TICKET', 'Qual o prazo de resposta do suporte?', footer],
      ['NO_PRIOR_TICKET', 'Por que a minha loja está tão lenta hoje?', footer],
      ['NOT_A_CLIENT', 'Ainda não sou cliente. Podem me mandar os preços?', footer],
    ]),
  )('%s — %s (under a disclaimer)', async (outcome, question, footer) => {
    const text = `${question}${SIGNED}${footer}`;
    await check({ name: text, from: 'fernanda@lojaflor.com.br', subject: 'Dúvida', text, outcome: outcome as Outcome });
    const { decision } = await triage({
      name: text,
      from: 'fernanda@lojaflor.com.br',
      subject: 'Dúvida',
      text,
      outcome: 'NO_PRIOR_TICKET',
    });
    expect(decision.ruleIds.at(-1), decision.reason).not.toMatch(/^auto\./);
  });

  it.each([
    // A notice's own stock question to its reader, over its disclaimer.
    'Sua fatura de dezembro está disponível. Dúvidas? Acesse a central.\n\nEste e-mail foi enviado automaticamente e é confidencial.',
    'Seu chamado 51000 foi atualizado. Precisa de ajuda?\n\nMensagem gerada automaticamente, não garante a integridade do conteúdo. Confidencial.',
    // No question at all: a notice with a disclaimer.
    'Seu pedido foi enviado.\n\nAVISO LEGAL: mensagem confidencial. Este e-mail foi enviado automaticamente pelo servidor.',
  ])('guard — stays automatic: %s', async (text) => {
    const row: Row = {
      name: text,
      from: 'avisos@loja.example.com.br',
      subject: 'Aviso',
      text,
      outcome: 'NO_PRIOR_TICKET',
    };
    const { decision } = await triage(row);
    expect(decision.ruleIds.at(-1), decision.reason).toMatch(/^auto\./);
  });

  it.each([
    'Olá, estou fazendo uma matéria sobre plataformas de e-commerce e gostaria de um posicionamento da empresa.',
    'Olá, estou preparando uma matéria para a Revista Varejo sobre instabilidades. Vocês poderiam enviar um posicionamento até sexta?',
    'Bom dia! Trabalho na redação do portal E-commerce Hoje e gostaria de conversar com o responsável pela Ouvidoria.',
    'Prezados, sou da assessoria de imprensa do Portal Varejo e solicito uma nota oficial sobre a queda da plataforma ontem.',
    "Hello, I'm writing a story about Brazilian e-commerce platforms and would like a comment from your company.",
  ])('NOT_A_CLIENT — the press: %s', async (text) => {
    await check({ name: text, from: 'pauta@revistavarejo.com.br', subject: 'Imprensa', text, outcome: 'NOT_A_CLIENT' });
  });

  it.each([
    'Cancelei minha loja. Excluam todos os meus dados pessoais imediatamente.',
    'Já não sou cliente de vocês. Com base na LGPD, peço a exclusão dos meus dados.',
  ])('NO_PRIOR_TICKET — a former client asking for her data erased gets no sales reply: %s', async (text) => {
    await check({ name: text, from: 'rita@ritamodas.com.br', subject: 'Meus dados', text, outcome: 'NO_PRIOR_TICKET' });
  });

  it('guard — a merchant quoting a news story about her own store stays hers', async () => {
    const text =
      'Saiu uma matéria sobre a queda e minha loja ficou fora do ar dois dias. Quero um posicionamento da empresa.';
    await check({ name: text, from: 'fernanda@lojaflor.com.br', subject: 'Queda', text, outcome: 'NO_PRIOR_TICKET' });
  });
});

describe('round 37 — what a person asks and which invoice is ours', () => {
  it.each([
    [
      'Automatic reply from your support',
      'Every time I write to support I get this automatic reply and nothing else. My checkout is broken for two weeks. Who can help me?',
    ],
    ['Auto reply', 'All I get from you is an auto reply. Our orders stopped coming in on Monday. What should I do?'],
    ['Automatic reply', 'Your support only sends automatic replies. Can someone help us? The store is down.'],
    [
      'Respuesta automática',
      'Solo recibo respuestas automáticas. Mi tienda no recibe pedidos desde el lunes. ¿Quién me puede ayudar?',
    ],
    [
      'Respuesta automática',
      'Recibo siempre la misma respuesta automática. ¿Qué hago para que alguien revise mi tienda?',
    ],
  ])('NO_PRIOR_TICKET — a person asking under a notice subject: %s', async (subject, text) => {
    await check({ name: text, from: 'owner@shopbrazil.com', subject, text, outcome: 'NO_PRIOR_TICKET' });
  });

  it.each([
    // Real absence notices in English and Spanish: their help is offered, not asked for.
    [
      'Automatic reply: Chamado',
      'I am out of the office until December 10 with limited access to email. For urgent matters, please contact my colleague, who can help you.',
    ],
    [
      'Respuesta automática',
      'Estoy fuera de la oficina hasta el 10 de diciembre. Si necesita ayuda, escriba a soporte@tienda.com, que le podrá ayudar.',
    ],
  ])('guard — stays automatic: %s', async (subject, text) => {
    const row: Row = { name: text, from: 'owner@shopbrazil.com', subject, text, outcome: 'NO_PRIOR_TICKET' };
    const { decision } = await triage(row);
    expect(decision.ruleIds.at(-1), decision.reason).toMatch(/^auto\./);
  });

  it.each([
    'Meu Pix não caiu na conta desde sexta, segue a fatura em anexo. O que faço?',
    'Segue em anexo a fatura do cliente e o comprovante. O repasse dessa venda não caiu até hoje, o que eu faço?',
    'A plataforma não está emitindo a nota fiscal dos pedidos. Anexei a fatura do pedido 1234 para vocês verem o erro.',
    'O boleto da cliente não foi compensado e o pedido continua aguardando pagamento. Como resolvo?',
    'Anexei as faturas das vendas de novembro: nenhuma apareceu no relatório da loja.',
  ])('NO_PRIOR_TICKET — an invoice she attaches, or her customer’s, is not ours: %s', async (text) => {
    await check({
      name: text,
      from: 'fernanda@lojaflor.com.br',
      subject: 'Pagamento',
      text,
      outcome: 'NO_PRIOR_TICKET',
    });
  });

  it.each([
    'Segue em anexo a fatura deste mês. Por que o valor veio maior que o do plano?',
    'Não entendi a fatura deste mês, veio um valor diferente. Podem explicar?',
    'Preciso da segunda via do boleto da mensalidade, o anexo do e-mail veio em branco.',
    'Segue a fatura em anexo: cobraram duas vezes a mensalidade.',
  ])('BILLING_QUESTION — our invoice stays a billing question: %s', async (text) => {
    await check({ name: text, from: 'fernanda@lojaflor.com.br', subject: 'Fatura', text, outcome: 'BILLING_QUESTION' });
  });
});

describe('round 37 — a notice subject run on into words: the text decides', () => {
  it.each([
    [
      'Automatic reply from Maria Silva',
      'I am away until Monday, December 14, with no access to email. For urgent matters, please write to joao@lojaflor.com.br.',
    ],
    [
      'Out of office until 14/12',
      'Thank you for your message. I am out of the office until December 14 and will reply when I return.',
    ],
    [
      'Fora do escritório até segunda',
      'Estou fora do escritório até segunda-feira, 14/12, com acesso restrito ao e-mail. Assuntos urgentes: joao@lojaflor.com.br.',
    ],
    [
      'Auto reply',
      'Thank you for your email. This is an automatic reply: I am on leave and will answer when I return.',
    ],
  ])('guard — a real absence notice stays automatic: %s', async (subject, text) => {
    const row: Row = { name: text, from: 'maria@lojaflor.com.br', subject, text, outcome: 'NO_PRIOR_TICKET' };
    const { decision } = await triage(row);
    expect(decision.ruleIds.at(-1), decision.reason).toMatch(/^auto\./);
  });
});

describe('round 37 — "recibo": the receipt, not Spanish "I receive"', () => {
  it.each([
    ['NO_PRIOR_TICKET', 'No recibo los pagos de mis ventas desde el lunes. ¿Qué pasa?'],
    ['NO_PRIOR_TICKET', 'Hace una semana que no recibo pedidos en mi tienda.'],
    ['BILLING_QUESTION', 'Necesito el recibo de la mensualidad de noviembre para mi contador.'],
    ['BILLING_QUESTION', 'Preciso do recibo da mensalidade de novembro para a contabilidade.'],
    ['BILLING_QUESTION', 'Onde emito os recibos dos pagamentos que fiz à plataforma?'],
  ])('%s — %s', async (outcome, text) => {
    await check({ name: text, from: 'owner@shopbrazil.com', subject: 'Consulta', text, outcome: outcome as Outcome });
  });
});

describe('round 37 — her verified complaint with a wish put aside', () => {
  it.each([
    [
      'contato@eletroponto.com.br',
      'O Pix está fora há 3 semanas, chamado 48215 encerrado sem solução. Tenho a impressão que outras plataformas têm integração com mais bancos, mas o meu problema é o Pix que vocês já oferecem.',
    ],
    [
      'lojista@modasbella.com.br',
      'Abri o chamado 48213 sobre os pedidos que somem do painel e fecharam sem resolver. Quero que resolvam os pedidos. (Também sinto falta de integração com o Mercado Livre, mas isso é outro assunto.)',
    ],
    [
      'contato@eletroponto.com.br',
      'O Pix está fora há 3 semanas, chamado 48215 encerrado sem solução. Aliás, seria bom vocês terem integração com o PicPay.',
    ],
    [
      'ana@papelariaestrela.com.br',
      'A vitrine está vazia desde 20/11, chamado 51000 sem resposta. Seria ótimo ter uma integração com o Instagram Shopping no futuro, mas agora só quero a vitrine funcionando.',
    ],
    [
      'lojista@modasbella.com.br',
      'Olha, eu pago o plano mais caro de vocês há 3 anos e nunca vi tanto descaso. O app não tem integração com o Mercado Livre que eu pedi mil vezes, e os pedidos estão sumindo do painel. Abri o chamado 48213 sobre os pedidos e fecharam sem resolver. Quero que a ouvidoria resolva OS PEDIDOS, o resto eu até relevo.',
    ],
    [
      'ana@papelariaestrela.com.br',
      'Vitrine vazia desde 20/11 (chamado 51000). Já que estou escrevendo: vocês poderiam ter um app de celular.',
    ],
    [
      'carla@docesdacarla.com.br',
      'Frete zerado desde outubro, chamado 52310 encerrado sem solução. Pelo prejuízo, acho justo um desconto na mensalidade.',
    ],
    [
      'financeiro@casadosaromas.com.br',
      'Abri o chamado 48214 porque cobraram o plano errado. Quero que resolvam a cobrança. Aproveitando, vocês poderiam me dar um desconto pelo transtorno?',
    ],
    [
      'lojista@modasbella.com.br',
      'Pedidos somem (chamado 48213). Pelo transtorno, gostaria de um bônus ou desconto, se possível. Mas o principal é resolver.',
    ],
    [
      'financeiro@casadosaromas.com.br',
      'Cobrança em dobro de R$ 189,90 (chamado 48214). Além do estorno, queria uma condição especial pelo incômodo.',
    ],
    [
      'joao@lojadojoao.com.br',
      'O checkout ficou fora do ar 4 dias, chamado 52311. Pelas vendas perdidas, peço um abatimento na próxima fatura.',
    ],
    [
      'joao@lojadojoao.com.br',
      'Checkout down for 4 days, ticket 52311 closed unsolved. I would like a discount for the inconvenience.',
    ],
  ])('ACCEPTED — %s: %s', async (from, text) => {
    await check({ name: text, from, subject: 'Reclamação', text, outcome: 'ACCEPTED' });
  });

  it.each([
    // The wish is the matter: her ticket asked for it and was told it does not exist.
    [
      'lojista@modasbella.com.br',
      'OUT_OF_SCOPE_FEATURE',
      'Abri o chamado 48213 pedindo integração com o Mercado Livre e disseram que não existe. Vocês poderiam criar essa integração?',
    ],
    [
      'lojista@modasbella.com.br',
      'OUT_OF_SCOPE_COMMERCIAL',
      'No chamado 48213 pedi um desconto no plano anual e negaram. Quero uma condição especial para renovar.',
    ],
    // No ticket: a wish alone stays a wish, aside or not.
    [
      'fernanda@lojaflor.com.br',
      'OUT_OF_SCOPE_FEATURE',
      'Seria ótimo ter uma integração com o Instagram Shopping no futuro.',
    ],
    [
      'fernanda@lojaflor.com.br',
      'OUT_OF_SCOPE_COMMERCIAL',
      'Quero um desconto na mensalidade para continuar com vocês.',
    ],
  ])('guard — %s %s: %s', async (from, outcome, text) => {
    await check({ name: text, from, subject: 'Pedido', text, outcome: outcome as Outcome });
  });
});

describe('round 37 — plan questions naming her discount, admin accounts, the store’s boletos, partners', () => {
  it.each([
    'Quero mudar de plano. Perco o desconto de fidelidade que tenho hoje?',
    'Vi que tem desconto no plano anual. Se eu migrar agora, a cobrança do mês atual é proporcional?',
    'Quero saber como funciona a migração do plano mensal para o anual e se perco o desconto atual.',
    'Minha fatura veio sem o desconto de 10% do plano anual que aparece no meu contrato. Por quê?',
    'Se eu trocar para o plano Pro, mantenho o desconto que tenho hoje na mensalidade?',
  ])('BILLING_QUESTION — %s', async (text) => {
    await check({
      name: text,
      from: 'lu_artesanatos@hotmail.com',
      subject: 'Plano',
      text,
      outcome: 'BILLING_QUESTION',
    });
  });

  it.each([
    'Quero um desconto na mensalidade para continuar com vocês.',
    'Consigo um desconto especial se eu migrar para o plano anual?',
  ])('guard — OUT_OF_SCOPE_COMMERCIAL: %s', async (text) => {
    await check({
      name: text,
      from: 'lu_artesanatos@hotmail.com',
      subject: 'Plano',
      text,
      outcome: 'OUT_OF_SCOPE_COMMERCIAL',
    });
  });

  it.each([
    'Minha conta de administrador foi bloqueada depois de várias tentativas de senha erradas.',
    'A conta de admin da loja está bloqueada desde ontem, não consigo entrar.',
  ])('ACCESS_ISSUE — %s', async (text) => {
    await check({ name: text, from: 'marcos.vendas77@gmail.com', subject: 'Bloqueio', text, outcome: 'ACCESS_ISSUE' });
  });

  it.each([
    'Já postei no Reclame Aqui e vou processar. Minha loja não gera boletos há uma semana.',
    'A loja parou de gerar boletos desde a atualização de ontem.',
  ])('NO_PRIOR_TICKET — the store’s own boletos: %s', async (text) => {
    await check({
      name: text,
      from: 'lu_artesanatos@hotmail.com',
      subject: 'Boletos',
      text,
      outcome: 'NO_PRIOR_TICKET',
    });
  });

  it('guard — our boleto stays a billing question', async () => {
    const text = 'O boleto da mensalidade de dezembro não foi gerado no painel. Onde consigo a segunda via?';
    await check({
      name: text,
      from: 'lu_artesanatos@hotmail.com',
      subject: 'Boleto',
      text,
      outcome: 'BILLING_QUESTION',
    });
  });

  it.each([
    [
      'parcerias@fintechpay.com.br',
      'Somos uma fintech de pagamentos e gostaríamos de apresentar uma proposta de integração do nosso gateway à Bagy, com taxas competitivas.',
    ],
    [
      'contato@studioweb.com.br',
      'Olá, somos um estúdio de web design e queremos fazer parte da rede de parceiros Bagy.',
    ],
    [
      'marcos.vendas77@gmail.com',
      'Quero indicar clientes para a Bagy e receber comissão. Vocês têm programa de indicação?',
    ],
    [
      'contato@apptheme.com.br',
      'Desenvolvemos um app de avaliações de produtos e gostaríamos de publicá-lo na loja de aplicativos da Bagy.',
    ],
    [
      'marketing@influencia.com.br',
      'Gostaríamos de propor um patrocínio da Bagy ao nosso evento de e-commerce em março.',
    ],
    [
      'contato@logfast.com.br',
      'Somos a LogFast, transportadora com atuação nacional. Queremos integrar nosso serviço de frete à plataforma Bagy. Com quem podemos conversar?',
    ],
    ['marcos.vendas77@gmail.com', 'Quero ser afiliado/revendedor da Bagy e ganhar comissão. Como funciona?'],
    [
      'marcos.vendas77@gmail.com',
      'Sou desenvolvedor freelancer e quero criar temas para vender na loja de temas de vocês. Como me cadastro?',
    ],
  ])('NOT_A_CLIENT — a partner’s or vendor’s offer: %s', async (from, text) => {
    await check({ name: text, from, subject: 'Parceria', text, outcome: 'NOT_A_CLIENT' });
  });

  it.each([
    'Minha loja usa o gateway de vocês e quero ser parceira no programa de indicação também, mas antes: o checkout parou ontem.',
    'Tenho uma loja na Bagy e o frete da transportadora parou de calcular. Como resolvo?',
  ])('guard — a merchant mentioning partners stays a merchant: %s', async (text) => {
    await check({ name: text, from: 'fernanda@lojaflor.com.br', subject: 'Loja', text, outcome: 'NO_PRIOR_TICKET' });
  });
});

describe('round 37 — a merchant integrating her own systems is no partner', () => {
  it.each([
    'Quero integrar nosso ERP à plataforma, como faço?',
    'Como integrar o nosso sistema de estoque com a plataforma?',
  ])('NO_PRIOR_TICKET — %s', async (text) => {
    await check({
      name: text,
      from: 'fernanda@lojaflor.com.br',
      subject: 'Integração',
      text,
      outcome: 'NO_PRIOR_TICKET',
    });
  });
});

describe('round 37 — a feature demanded, not asked for', () => {
  it.each([
    [
      'lu_artesanatos@hotmail.com',
      'Por que não existe app para iPhone para gerenciar a loja? Isso é um absurdo para uma plataforma desse tamanho.',
    ],
    ['marcos.vendas77@gmail.com', 'Por que não existe app para Android para administrar a loja? Todo concorrente tem.'],
    [
      'marcos.vendas77@gmail.com',
      'É um absurdo a plataforma não permitir cadastrar variações com mais de 3 atributos. Preciso disso.',
    ],
    [
      'lu_artesanatos@hotmail.com',
      'Vocês precisam implementar login com Google para os clientes da loja. Quando vai ter?',
    ],
    [
      'lu_artesanatos@hotmail.com',
      'A loja não tem como colocar vídeo na página do produto. Isso é básico, coloquem logo.',
    ],
    ['marcos.vendas77@gmail.com', 'Não acredito que ainda não dá para editar pedido depois de pago. Coloquem isso.'],
    [
      'lu_artesanatos@hotmail.com',
      'Não existe na plataforma opção de frete grátis por região. Absurdo. Exijo que criem.',
    ],
    ['marcos.vendas77@gmail.com', 'Vocês não integram com o Tiny ERP. Quero que integrem.'],
    ['lu_artesanatos@hotmail.com', 'A plataforma deveria permitir agendar promoções com data e hora. Hoje não dá.'],
    [
      'marcos.vendas77@gmail.com',
      'Preciso que a plataforma tenha carrinho abandonado por WhatsApp. Quando vai ter isso?',
    ],
    // Her ticket asked for it and was told it does not exist: still a feature.
    [
      'lojista@modasbella.com.br',
      'Abri o chamado 48213 pedindo um relatório de margem de lucro por produto e me disseram que a plataforma não tem. Quero que criem.',
    ],
    [
      'financeiro@casadosaromas.com.br',
      'No chamado 48214 pedi que a plataforma permitisse emitir boleto parcelado para meus clientes e disseram que não existe. Quero que desenvolvam.',
    ],
    [
      'contato@eletroponto.com.br',
      'Pedi no chamado 48215 um relatório de vendas por vendedor e a plataforma não tem. Solicito que a ouvidoria peça o desenvolvimento.',
    ],
  ])('OUT_OF_SCOPE_FEATURE — %s: %s', async (from, text) => {
    await check({ name: text, from, subject: 'Recurso', text, outcome: 'OUT_OF_SCOPE_FEATURE' });
  });

  it.each([
    // Something that broke, or the service's answer, demanded: never a feature.
    ['NO_PRIOR_TICKET', 'O app da loja parou de abrir no iPhone. Quero que corrijam, quando vai ter solução?'],
    ['NO_PRIOR_TICKET', 'O frete grátis por região não funciona mais desde a atualização. Coloquem de volta como era.'],
    ['NO_PRIOR_TICKET', 'Quero que criem um chamado para o meu problema de login, ninguém responde.'],
    [
      'ACCEPTED',
      'O relatório de vendas não abre desde 20/11, chamado 48213 sem solução. Quero que resolvam, quando vai ter resposta?',
    ],
    ['ACCEPTED', 'A integração com o Bling parou de enviar pedidos (chamado 48213). Exijo que corrijam.'],
    ['NO_PRIOR_TICKET', 'Por que não existe mais a minha loja no painel? Sumiu tudo ontem.'],
    ['BILLING_QUESTION', 'Quando vai ter o estorno? A loja não tem dinheiro para pagar os fornecedores.'],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({
      name: text,
      from: 'lojista@modasbella.com.br',
      subject: 'Problema',
      text,
      outcome: outcome as Outcome,
    });
  });
});

describe('round 37 — "o resto" is put second only when she says it can wait', () => {
  it('guard — OUT_OF_SCOPE_FEATURE: a wish whose sender does the rest herself', async () => {
    const text = 'Vocês poderiam criar uma integração com o Bling? O resto eu resolvo sozinha.';
    await check({
      name: text,
      from: 'fernanda@lojaflor.com.br',
      subject: 'Integração',
      text,
      outcome: 'OUT_OF_SCOPE_FEATURE',
    });
  });
});

describe('round 38 — a "nº" touching the number; Spanish names of a support request', () => {
  it.each([
    ['lojista@modasbella.com.br', 'Suporte', 'N°48213. Continua o problema do carrinho que esvazia sozinho.', '48213'],
    ['lojista@modasbella.com.br', 'Reclamação', 'Nº48213 — o carrinho esvazia sozinho e ninguém resolve.', '48213'],
    ['financeiro@casadosaromas.com.br', 'Ouvidoria', 'Nr.48214 sem solução: a loja não emite as notas.', '48214'],
    ['contato@eletroponto.com.br', 'Reclamação', 'n.º48215 — a integração com os Correios parou.', '48215'],
    [
      'ana@papelariaestrela.com.br',
      'Queja',
      'Mi solicitud 51000 sigue sin respuesta. La tienda no calcula el envío.',
      '51000',
    ],
    [
      'carla@docesdacarla.com.br',
      'Queja',
      'El pedido de soporte 52310 sigue abierto sin respuesta desde hace un mes.',
      '52310',
    ],
    [
      'joao@lojadojoao.com.br',
      'Queja',
      'Pedido de asistencia 52311: la tienda muestra productos de otra tienda.',
      '52311',
    ],
  ])('ACCEPTED — %s: %s / %s', async (from, subject, text, ticket) => {
    await check({ name: text, from, subject, text, outcome: 'ACCEPTED', ticket });
  });

  it.each([
    // An order, an invoice or a document with its "nº" touching the number stays theirs.
    ['Pedido', 'O pedido nº48213 da minha cliente chegou errado. Como faço a devolução pelo painel?'],
    ['Nota', 'A NF nº48213 saiu com o CFOP errado na loja.'],
    ['Pedido', 'El pedido 48213 de mi cliente no llegó y la tienda no actualiza el envío.'],
    ['Produto', 'O SKU Nº48213 aparece sem estoque na loja, mas tenho 20 unidades.'],
  ])('guard — NO_PRIOR_TICKET, no candidate: %s / %s', async (subject, text) => {
    await check({
      name: text,
      from: 'lojista@modasbella.com.br',
      subject,
      text,
      outcome: 'NO_PRIOR_TICKET',
      notTickets: ['48213'],
    });
  });
});

describe('round 38 — the sign-in changed by someone else, an authentication app lost', () => {
  it.each([
    'Recebi um e-mail de que minha senha foi alterada, mas não fui eu. Agora não entro mais.',
    'O antigo gerente de marketing mudou o e-mail do usuário master para o e-mail pessoal dele e foi demitido. Como recupero a conta?',
    'A ex-funcionária alterou o e-mail de acesso para o dela antes de sair da empresa.',
    'O e-mail de acesso foi trocado sem a minha autorização e o código vai para outra pessoa.',
    'o app de autenticação foi apagado quando formatei o celular. agora pede o código de 6 dígitos e eu não tenho',
    'Troquei de celular e não transferi o aplicativo de autenticação. O painel pede o código.',
    'desde sexta nao entro mais, fala que o usuario ta inativo',
    'Minha senha foi trocada ontem à noite sem eu pedir.',
    'Depois da atualização de ontem não entro mais de jeito nenhum.',
  ])('ACCESS_ISSUE — %s', async (text) => {
    await check({ name: text, from: 'rita@ritamodas.com.br', subject: 'Acesso', text, outcome: 'ACCESS_ISSUE' });
  });

  it('ACCEPTED — the same with her ticket', async () => {
    const text = 'Minha senha foi alterada por alguém e não entro mais. Chamado 48213 sem resposta.';
    await check({
      name: text,
      from: 'lojista@modasbella.com.br',
      subject: 'Acesso',
      text,
      outcome: 'ACCEPTED',
      ticket: '48213',
    });
  });

  it.each([
    // A store's customer's sign-in at the store, and a password that was changed and now works.
    ['NO_PRIOR_TICKET', 'Minha cliente disse que a senha dela foi alterada e ela não entra mais na conta da loja.'],
    ['NO_PRIOR_TICKET', 'Os clientes trocaram a senha e não recebem o e-mail de confirmação da loja.'],
    [
      'NOT_A_CLIENT',
      'Comprei numa loja de vocês, minha senha foi alterada e não entro mais na minha conta de cliente.',
    ],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({
      name: text,
      from: 'rita@ritamodas.com.br',
      subject: 'Senha',
      text,
      outcome: outcome as Outcome,
      ...(outcome === 'NOT_A_CLIENT' ? { variant: 'shopper' as const } : {}),
    });
  });
});

describe('round 38 — a partner naming what it offers the stores', () => {
  it.each([
    [
      'rodrigo@logfacil.com.br',
      'Somos uma empresa de logística e queremos ser parceiros da Bagy, oferecendo frete com desconto para os lojistas.',
    ],
    ['rodrigo@pagrapido.com.br', 'Somos um gateway de pagamento e queremos ser parceiros da plataforma.'],
    [
      'contato@checkoutturbo.com.br',
      'Temos um checkout transparente que aumenta a conversão e gostaríamos de ser parceiros de vocês.',
    ],
    [
      'contato@appsdoze.com.br',
      'Desenvolvemos apps de avaliação para lojas virtuais e queremos virar parceiros da Bagy.',
    ],
    ['martin@agenciasur.com.ar', 'Somos una agencia y queremos ser socios de la plataforma.'],
    ['mark@paystack-like.com', 'We run a payments gateway and would like to become a partner of your platform.'],
  ])('NOT_A_CLIENT — %s: %s', async (from, text) => {
    await check({ name: text, from, subject: 'Parceria', text, outcome: 'NOT_A_CLIENT', rule: 'client.supplier.text' });
  });

  it.each([
    // A merchant who also wants to be a partner is still a merchant; her customers are hers.
    'Minha loja usa o gateway de vocês e quero ser parceira no programa de indicação, mas o checkout parou ontem.',
    'Meus clientes pedem frete mais barato; quero ser parceira de uma transportadora, vocês indicam alguma?',
  ])('guard — NO_PRIOR_TICKET: %s', async (text) => {
    await check({ name: text, from: 'fernanda@lojaflor.com.br', subject: 'Loja', text, outcome: 'NO_PRIOR_TICKET' });
  });

  it('guard — a prospect still reads as one', async () => {
    const text = 'Quero ser parceiro de vocês: tenho uma agência e quero indicar clientes para a plataforma.';
    await check({
      name: text,
      from: 'contato@agenciapixel.com.br',
      subject: 'Parceria',
      text,
      outcome: 'NOT_A_CLIENT',
    });
  });
});

describe('round 38 — "cadê a integração com …": an integration asked where it is', () => {
  it.each([
    'Cadê a integração com o TikTok Shop? Já tá todo mundo vendendo lá.',
    'Cadê a integração com o Google Shopping? Todo concorrente tem.',
    'cade integracao com a shein?? to esperando faz um ano',
    'CADÊ A INTEGRAÇÃO COM O IFOOD??? VENDO COMIDA E PRECISO.',
  ])('OUT_OF_SCOPE_FEATURE — %s', async (text) => {
    await check({
      name: text,
      from: 'lu_artesanatos@hotmail.com',
      subject: 'Integração',
      text,
      outcome: 'OUT_OF_SCOPE_FEATURE',
    });
  });

  it.each([
    // One she had, gone or not working, is something broken.
    ['NO_PRIOR_TICKET', 'Cadê a integração com o Bling? Sumiu do painel ontem.'],
    ['NO_PRIOR_TICKET', 'Cadê a integração com o Mercado Livre que eu usava? Parou de funcionar.'],
    ['NO_PRIOR_TICKET', 'Cadê o suporte? Pedi ajuda com a integração com o Bling e ninguém respondeu.'],
    ['ACCEPTED', 'Cadê a integração com o Bling que sumiu? Chamado 48213 sem resposta.'],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({
      name: text,
      from: 'lojista@modasbella.com.br',
      subject: 'Integração',
      text,
      outcome: outcome as Outcome,
    });
  });
});

describe('round 38 — the harm named beside a remedy, with her ticket verified', () => {
  it.each([
    [
      'lojista@modasbella.com.br',
      'Fiquei 10 dias sem vender por causa da queda (chamado 48213). Quero isenção da mensalidade.',
    ],
    [
      'contato@eletroponto.com.br',
      'A loja ficou 5 dias fora do ar na Black Friday. Ticket 48215. Quero um mês grátis.',
    ],
    [
      'ana@papelariaestrela.com.br',
      'Com a loja parada há 15 dias (solicitação 51000), não vou pagar a mensalidade deste mês. Quero isenção.',
    ],
    [
      'carla@docesdacarla.com.br',
      'Perdi todas as vendas do fim de semana com o site fora. Chamado 52310. Exijo desconto na mensalidade.',
    ],
    [
      'joao@lojadojoao.com.br',
      'Já que o suporte não resolveu em 20 dias (chamado 52311), quero a isenção da mensalidade de dezembro.',
    ],
    [
      'lojista@modasbella.com.br',
      'Depois de 20 dias de loja fora do ar (chamado 48213), exijo 2 meses de isenção da mensalidade.',
    ],
  ])('ACCEPTED — %s: %s', async (from, text) => {
    await check({ name: text, from, subject: 'Ouvidoria', text, outcome: 'ACCEPTED' });
  });

  it.each([
    // No ticket of hers: the remedy alone is a special condition.
    ['rita@ritamodas.com.br', 'A loja ficou 5 dias fora do ar na Black Friday. Quero um mês grátis.'],
    ['rita@ritamodas.com.br', 'Fiquei 10 dias sem vender. Chamado 48213. Quero isenção da mensalidade.'],
    // Her ticket, and a negotiation with no harm named.
    ['lojista@modasbella.com.br', 'Chamado 48213: quero um desconto no plano anual para continuar com vocês.'],
  ])('guard — OUT_OF_SCOPE_COMMERCIAL — %s: %s', async (from, text) => {
    await check({ name: text, from, subject: 'Ouvidoria', text, outcome: 'OUT_OF_SCOPE_COMMERCIAL' });
  });
});

describe('round 38 — something asked to be built, named in everyday words', () => {
  it.each([
    'Vocês poderiam criar um programa de fidelidade com pontos para os clientes da loja?',
    'Vocês podem implementar venda em várias moedas? Vendo para Portugal.',
    'Poderiam adicionar kits de produtos (compre junto)?',
    'Vocês poderiam criar uma versão da loja em inglês?',
    'Sugiro que criem um programa de cashback.',
    'Vocês vão criar o cupom progressivo (leve 3 pague 2)?',
    'Sugiro que vocês criem uma área de membros para vender cursos.',
  ])('OUT_OF_SCOPE_FEATURE — %s', async (text) => {
    await check({
      name: text,
      from: 'fernanda@lojaflor.com.br',
      subject: 'Sugestão',
      text,
      outcome: 'OUT_OF_SCOPE_FEATURE',
      rule: 'scope.feature.build',
      notRules: ['scope.feature.request'],
    });
  });

  it('guard — with a feature noun, the request rule reads it, alone', async () => {
    const text = 'Vocês poderiam criar um relatório de vendas por vendedor?';
    await check({
      name: text,
      from: 'fernanda@lojaflor.com.br',
      subject: 'Sugestão',
      text,
      outcome: 'OUT_OF_SCOPE_FEATURE',
      rule: 'scope.feature.request',
      notRules: ['scope.feature.build'],
    });
  });

  it.each([
    // A service done for her, her charge, the support: no feature.
    ['NO_PRIOR_TICKET', 'Vocês podem criar um usuário para a minha funcionária?'],
    ['BILLING_QUESTION', 'Podem adicionar o meu CNPJ na nota fiscal da mensalidade?'],
    ['NO_PRIOR_TICKET', 'Podem incluir o meu pedido na fila de prioridade?'],
    ['NO_PRIOR_TICKET', 'Implementem um atendimento decente, isso sim.'],
    ['NO_PRIOR_TICKET', 'Vocês poderiam criar vergonha e devolver o dinheiro das vendas que perdi.'],
    // The thing wished to exist, with no feature noun: asked of the service as often as of the product.
    ['NO_PRIOR_TICKET', 'Gostaria que tivesse mais gente no chat, a fila está enorme.'],
    ['NO_PRIOR_TICKET', 'Quando vão ter previsão para a loja voltar?'],
    ['NO_PRIOR_TICKET', 'Quando vão ter estabilidade? Toda semana a loja cai.'],
    // Something that broke, put back.
    ['NO_PRIOR_TICKET', 'Podem adicionar de volta o botão de comprar que sumiu da loja?'],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({ name: text, from: 'fernanda@lojaflor.com.br', subject: 'Loja', text, outcome: outcome as Outcome });
  });
});

describe('round 38 — a prospect counting the products she would sell', () => {
  it.each([
    'Boa tarde, gostaria de um orçamento para uma loja B2B com cerca de 2 mil produtos.',
    'Quero abrir uma loja virtual de roupas com uns 200 produtos, qual plano vocês indicam?',
    'Preciso de um orçamento: tenho 5 mil produtos e quero vender online.',
    'Quero trazer minha loja para cá, são 800 produtos. Vocês importam?',
  ])('NOT_A_CLIENT — %s', async (text) => {
    await check({
      name: text,
      from: 'Bruna <bruna.costa@gmail.com>',
      subject: 'Orçamento',
      text,
      outcome: 'NOT_A_CLIENT',
      rule: 'client.prospect.text',
    });
  });

  it.each([
    // The store's own products.
    ['NO_PRIOR_TICKET', 'O orçamento de frete para os produtos pesados sai errado na minha loja.'],
    ['BILLING_QUESTION', 'Quanto custa para cadastrar mais produtos no meu plano?'],
    ['NO_PRIOR_TICKET', 'Quero um orçamento do frete dos produtos para o Nordeste, o cálculo da loja está estranho.'],
    ['NO_PRIOR_TICKET', 'Tenho 5 mil produtos e a importação parou no meio.'],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({
      name: text,
      from: 'fernanda@lojaflor.com.br',
      subject: 'Produtos',
      text,
      outcome: outcome as Outcome,
    });
  });
});

describe('round 38 — what the product should do', () => {
  it.each([
    'A plataforma deveria emitir nota fiscal automaticamente. Hoje tenho que fazer tudo na mão.',
    'A plataforma deveria calcular o frete por peso cubado, como as outras.',
    'O painel deveria mostrar o lucro de cada pedido.',
    'A plataforma devia avisar por e-mail quando o estoque de um produto acaba.',
    'O sistema de vocês deveria aceitar cupom cumulativo.',
  ])('OUT_OF_SCOPE_FEATURE — %s', async (text) => {
    await check({
      name: text,
      from: 'fernanda@lojaflor.com.br',
      subject: 'Sugestão',
      text,
      outcome: 'OUT_OF_SCOPE_FEATURE',
      rule: 'scope.feature.build',
    });
  });

  it.each([
    // What it should have done, or does not do: a complaint.
    ['NO_PRIOR_TICKET', 'A plataforma deveria funcionar, pelo menos. O checkout caiu de novo.'],
    ['NO_PRIOR_TICKET', 'A plataforma deveria ter avisado da manutenção, perdi vendas.'],
    ['NO_PRIOR_TICKET', 'O painel deveria mostrar os pedidos de ontem, mas não aparecem.'],
    ['NO_PRIOR_TICKET', 'O painel deveria mostrar o relatório de vendas de ontem, mas não abre.'],
    ['NO_PRIOR_TICKET', 'A plataforma deveria ter enviado o relatório ontem e não enviou.'],
    ['NO_PRIOR_TICKET', 'O sistema deveria aplicar a opção de frete grátis que configurei e não aplica.'],
    ['BILLING_QUESTION', 'A plataforma deveria me cobrar só uma vez, mas cobrou duas.'],
    ['NO_PRIOR_TICKET', 'O suporte deveria responder em 24 horas, como prometem.'],
    // With a feature noun, the wish reads as it did.
    ['OUT_OF_SCOPE_FEATURE', 'O painel deveria ter um botão para duplicar produto.'],
    ['OUT_OF_SCOPE_FEATURE', 'A plataforma deveria oferecer integração com a Shopee.'],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({ name: text, from: 'fernanda@lojaflor.com.br', subject: 'Loja', text, outcome: outcome as Outcome });
  });
});

describe('round 39 — a buyer who names her standing as a consumer before the order she tells of', () => {
  it.each([
    'Pela presente, NOTIFICO a plataforma Bagy, na qualidade de consumidor, acerca do pedido 7788 realizado na loja Eletroponto, não entregue, nos termos do art. 18 do CDC. Prazo de 5 dias.',
    'Venho, na qualidade de consumidora, notificar a plataforma sobre o pedido 3344 feito na loja Modas Bella, pago e não entregue.',
    'Na condição de consumidor, informo que o pedido 5566 da loja Eletroponto não foi entregue e a loja ignora meus contatos.',
    'Enquanto consumidora, exijo providências: o pedido 9911 da Casa dos Aromas chegou violado, nos termos do CDC.',
    'Como consumidor lesado, peço que a plataforma tome providências contra a loja Doces da Carla, que não entregou o bolo encomendado.',
    'Na qualidade de consumidora da loja Papelaria Estrela, que usa o sistema de vocês, informo que paguei o pedido 2233 e nada chegou.',
  ])('NOT_A_CLIENT (shopper) — %s', async (text) => {
    await check({
      name: text,
      from: 'Roberto <roberto_p@hotmail.com>',
      subject: 'Notificação extrajudicial',
      text,
      outcome: 'NOT_A_CLIENT',
      rule: 'client.shopper.consumer',
      variant: 'shopper',
    });
  });

  it.each([
    // The merchant as the platform's consumer, her buyers as consumers, the tax term of her sales.
    [
      'ACCEPTED',
      'Na qualidade de cliente da plataforma, e também consumidora dos serviços de vocês nos termos do CDC, exijo solução do chamado 48213.',
    ],
    [
      'ACCEPTED',
      'Um consumidor da minha loja abriu reclamação no Procon porque o pedido não apareceu no painel. Chamado 48213.',
    ],
    [
      'NO_PRIOR_TICKET',
      'Na qualidade de consumidora dos serviços de hospedagem de vocês, informo que a loja está fora do ar há 3 dias.',
    ],
    [
      'NO_PRIOR_TICKET',
      'Na qualidade de consumidora dos serviços de vocês, informo que os pedidos da loja não chegam ao painel há 3 dias.',
    ],
    ['NO_PRIOR_TICKET', 'Os pedidos emitidos como consumidor final saem sem o CPF na nota, a entrega fica travada.'],
    ['NO_PRIOR_TICKET', 'Como consumidora do plano Pro, acho um absurdo o pedido ficar 3 dias sem aparecer no painel.'],
    ['NO_PRIOR_TICKET', 'Como consumidora do plano Pro, acho um absurdo o pedido ficar 3 dias sem aparecer.'],
    ['NO_PRIOR_TICKET', 'Como consumidora da plataforma há 5 anos, exijo que o pedido 3344 volte a aparecer.'],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({ name: text, from: 'lojista@modasbella.com.br', subject: 'Loja', text, outcome: outcome as Outcome });
  });
});

describe('round 39 — a support agent’s own ID in a pasted chat log', () => {
  it.each([
    // Another merchant's ticket number as the agent's ID: it was read, checked, and refused her.
    `[10:32] Atendente Bruna (ID 48214): Olá! Em que posso ajudar?
[10:33] Lojista: o frete nao calcula desde a atualização
[10:40] Atendente Bruna (ID 48214): Vou verificar com o time técnico.
Nunca mais voltou.`,
    `[10:32] Atendente Bruna Souza (ID 55871): Olá!
[10:33] Você: o frete nao calcula
[10:40] Atendente Bruna Souza (ID 55871): Vou verificar com o time técnico.
Nunca mais voltou.`,
    `Agente Rafael - ID 4421 entrou no chat
[10:33] Você: o frete nao calcula
[10:40] Rafael: vou abrir um ticket
Ninguém me respondeu depois.`,
  ])('NO_PRIOR_TICKET — %s', async (text) => {
    await check({
      name: text,
      from: 'lojista@modasbella.com.br',
      subject: 'conversa com o suporte',
      text,
      outcome: 'NO_PRIOR_TICKET',
      notTickets: ['48214', '55871', '4421'],
    });
  });

  it.each([
    // The ID the agent tells, after her colon or in a sentence, is the ticket's.
    '[10:35] Atendente Bruna: ID 48213, anote por favor.\nNada resolvido até hoje, o frete continua zerado.',
    'A atendente me passou o ID 48213 e disse que em 48h resolviam. O frete continua zerado.',
    'Falei com a atendente (ID 48213 do chamado) e nada. O frete continua zerado.',
    '[10:32] Atendente Bruna (ID 55871): seu chamado é o 48213.\nO frete continua zerado.',
  ])('guard, ACCEPTED — %s', async (text) => {
    await check({
      name: text,
      from: 'lojista@modasbella.com.br',
      subject: 'frete',
      text,
      outcome: 'ACCEPTED',
      ticket: '48213',
    });
  });
});

describe('round 39 — what a store charged its buyer', () => {
  it.each([
    'A loja Eletroponto cobrou meu cartão duas vezes na mesma compra. Quero estorno.',
    'A loja me cobrou o frete duas vezes e não responde. Quem resolve?',
    'A loja Modas Bella me cobrou a mais no Pix e não devolve.',
    'A loja debitou duas vezes no meu cartão e diz que o problema é de vocês.',
  ])('NOT_A_CLIENT (shopper) — %s', async (text) => {
    await check({
      name: text,
      from: 'cliente.final@gmail.com',
      subject: 'estorno',
      text,
      outcome: 'NOT_A_CLIENT',
      rule: 'client.shopper.text',
      variant: 'shopper',
    });
  });

  it.each([
    // The merchant's charges: the platform's, its theme or app store's, her plan's.
    ['BILLING_QUESTION', 'A plataforma cobrou meu cartão duas vezes na mensalidade. Quero estorno.'],
    ['BILLING_QUESTION', 'A loja de temas cobrou meu cartão duas vezes pelo mesmo tema.'],
    ['BILLING_QUESTION', 'A loja de aplicativos me cobrou um app que eu já desinstalei.'],
    ['BILLING_QUESTION', 'A mensalidade da loja cobrou meu cartão duas vezes.'],
    ['BILLING_QUESTION', 'A loja saiu do ar e me cobrou a mensalidade.'],
    [
      'ACCEPTED',
      'Uma compradora diz que cobramos o cartão dela duas vezes, mas no painel aparece uma só. Chamado 48215.',
    ],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({
      name: text,
      from: 'contato@eletroponto.com.br',
      subject: 'Cobrança',
      text,
      outcome: outcome as Outcome,
    });
  });
});

describe('round 39 — a buyer’s card cloned after a purchase at a store', () => {
  it.each([
    'Fiz uma compra numa loja hospedada na Bagy e meu cartão foi clonado logo depois. Quero saber o que vocês fazem com os dados dos compradores.',
    'Comprei na loja Modas Bella e no dia seguinte clonaram meu cartão. Quem responde por isso?',
    'Comprei um tênis no site da Passo Certo e meu cartão foi clonado em seguida.',
  ])('NOT_A_CLIENT (shopper) — %s', async (text) => {
    await check({
      name: text,
      from: 'rafael@gmail.com',
      subject: 'cartão clonado',
      text,
      outcome: 'NOT_A_CLIENT',
      rule: 'client.shopper.text',
      variant: 'shopper',
    });
  });

  it.each([
    // Her own store or site cloned: the merchant tells of a fake copy and the buyers it cheated.
    'Estão aplicando golpe usando o nome da Loja do João, um site falso com fotos dos produtos.',
    'Clonaram minha loja: um site igual ao meu, comprei lá para testar e nunca recebi.',
    'O site da minha loja foi clonado, um cliente comprou no falso e não recebeu.',
    'Um cliente comprou na loja clonada e não recebeu, acha que foi a gente.',
    'A vitrine da loja foi clonada por golpistas, e quem comprou no site falso pagou o Pix para outra conta.',
  ])('guard, NO_PRIOR_TICKET — %s', async (text) => {
    await check({ name: text, from: 'joao@lojadojoao.com.br', subject: 'golpe', text, outcome: 'NO_PRIOR_TICKET' });
  });
});

describe('round 40 — companies, prospects, job seekers and buyers by how they put it', () => {
  it.each([
    [
      'rafael@startupx.io',
      'Parceria / integração',
      'Oi! Sou da StartupX, fazemos um ERP para pequenos varejistas e queremos uma integração oficial com a plataforma. Com quem falo sobre parceria e acesso à API?',
      'client.supplier.text',
    ],
    [
      'contato@pagafacil.com',
      'Gateway de pagamento',
      'Bom dia. A PagaFácil é um gateway de pagamentos e temos interesse em ser listados como meio de pagamento na plataforma. Qual o processo?',
      'client.supplier.text',
    ],
    [
      'ana@agenciabrava.com.br',
      'agência',
      'Somos uma agência de e-commerce com 40 clientes e queremos entrar no programa de agências parceiras. Como funciona o comissionamento?',
      'client.supplier.text',
    ],
    [
      'dev@appzinho.dev',
      'App na loja de aplicativos',
      'Desenvolvi um app de avaliações de produtos e queria disponibilizar na loja de apps de vocês. Onde eu submeto?',
      'client.supplier.text',
    ],
    [
      'comercial@seoturbo.com.br',
      'Proposta',
      'Prezados, a SEO Turbo ajuda lojas virtuais a dobrarem o tráfego orgânico em 90 dias. Podemos agendar 15 minutos para eu mostrar como?',
      'client.supplier.text',
    ],
    [
      'pedro.vendas@outlook.com',
      'Planos',
      'Boa tarde, tenho uma loja física de roupas e quero abrir a virtual. Qual plano vocês indicam pra quem tem uns 300 produtos?',
      'client.prospect.text',
    ],
    [
      'mercearia.bom@gmail.com',
      'quando vao ter pdv?',
      'quando vão ter PDV integrado? só fecho com vcs se tiver',
      'client.prospect.text',
    ],
    [
      'sales@saasco.io',
      'Partnership',
      'Hi team, we build a loyalty app for online stores and would love to be listed in your app marketplace. Who should I talk to?',
      'client.supplier.text',
    ],
    [
      'julia.martins@gmail.com',
      'Vaga',
      'Olá! Vi que vocês estão crescendo, tem vaga pra atendimento? Tenho experiência com suporte.',
      'client.outsider.text',
    ],
  ])('NOT_A_CLIENT — %s: %s', async (from, subject, text, rule) => {
    await check({ name: text, from, subject, text, outcome: 'NOT_A_CLIENT', rule });
  });

  it('NOT_A_CLIENT (shopper) — what she paid to a store that runs on us', async () => {
    const text =
      'Paguei um pix pra uma loja que usa a Bagy e nunca recebi, o site sumiu. Vocês tem como me ajudar a recuperar?';
    await check({
      name: text,
      from: 'cliente123@hotmail.com',
      subject: 'golpe',
      text,
      outcome: 'NOT_A_CLIENT',
      rule: 'client.shopper.text',
      variant: 'shopper',
    });
  });

  it('OUT_OF_SCOPE_FEATURE — an official integration asked for', async () => {
    const text = 'Vocês não têm uma integração oficial com o Mercado Livre? Minha loja precisa muito disso.';
    await check({
      name: text,
      from: 'lojista@modasbella.com.br',
      subject: 'integração',
      text,
      outcome: 'OUT_OF_SCOPE_FEATURE',
      rule: 'scope.feature.integration',
    });
  });

  it.each([
    // Merchants who name partners, agencies, payment methods, apps or plans of theirs.
    [
      'contato@eletroponto.com.br',
      'ACCEPTED',
      'Contratei uma das agências parceiras de vocês para montar a loja e ela sumiu. Abri o chamado 48215 e o suporte disse que não pode fazer nada.',
    ],
    [
      'joao@lojadojoao.com.br',
      'NO_PRIOR_TICKET',
      'O Pix não aparece como meio de pagamento no checkout da minha loja desde ontem.',
    ],
    [
      'lojista@modasbella.com.br',
      'BILLING_QUESTION',
      'I was charged for an app listed in your app store that I uninstalled last month.',
    ],
    [
      'carla@docesdacarla.com.br',
      'ACCEPTED',
      'Podemos agendar uma call? O chamado 52310 continua sem solução e eu perco vendas todo dia.',
    ],
    [
      'ana@papelariaestrela.com.br',
      'ACCEPTED',
      'Desenvolvi um app de fidelidade para minha loja e a integração parou depois da atualização. Chamado 51000 sem resposta.',
    ],
    [
      'joao@lojadojoao.com.br',
      'ACCEPTED',
      'Minha loja usa a transportadora parceira de vocês e o frete está calculando errado. Com quem falo sobre parceria de frete? Abri o chamado 52311.',
    ],
    [
      'lojista@modasbella.com.br',
      'ACCEPTED',
      'Uma cliente pagou um pix para uma loja que usa o mesmo nome da minha e acha que fui eu. Chamado 48213 aberto, ninguém responde.',
    ],
    [
      'carla@docesdacarla.com.br',
      'BILLING_QUESTION',
      'Qual plano vocês indicam para quem já vende uns 200 pedidos por mês? Sou cliente há 2 anos.',
    ],
  ])('guard — %s, %s: %s', async (from, outcome, text) => {
    await check({ name: text, from, subject: 'Loja', text, outcome: outcome as Outcome });
  });
});

describe('round 40 — a buyer’s lawyer by title and what the store sold her', () => {
  it('NOT_A_CLIENT (shopper) — "na qualidade de advogado da Sra.", the store that sold her', async () => {
    const text =
      'Na qualidade de advogado da Sra. Paula Nunes, notificamos que sua cliente Loja Bella vendeu produto falsificado e solicitamos os dados cadastrais da loja.';
    await check({
      name: text,
      from: 'advogado@silvaadv.com.br',
      subject: 'Notificação',
      text,
      outcome: 'NOT_A_CLIENT',
      rule: 'client.shopper.lawyer',
      variant: 'shopper',
    });
  });

  it('guard, ACCEPTED — the lawyer of the store’s owner', async () => {
    const text =
      'Na qualidade de advogado da Sra. Renata, dona da loja Casa dos Aromas, informamos que o chamado 48214 sobre o boleto duplicado não foi resolvido e que a loja vendeu produtos sem receber.';
    await check({
      name: text,
      from: 'financeiro@casadosaromas.com.br',
      subject: 'Notificação',
      text,
      outcome: 'ACCEPTED',
    });
  });
});

describe('round 40 — an unpaid bill beside a suspension, a missing feature by what it does, a chain moving its shop', () => {
  it.each([
    [
      'financeiro@casadosaromas.com.br',
      'BILLING_QUESTION',
      'o boleto da mensalidade venceu e a loja foi suspensa, já paguei ontem, quando volta?',
    ],
    [
      'financeiro@casadosaromas.com.br',
      'BILLING_QUESTION',
      'Esqueci de pagar a mensalidade e a loja foi bloqueada. Como regularizo?',
    ],
    [
      'contato@eletroponto.com.br',
      'OUT_OF_SCOPE_FEATURE',
      'é um absurdo a plataforma não ter emissão de nota fiscal integrada em 2026',
    ],
    [
      'marketing@grandevarejo.com.br',
      'NOT_A_CLIENT',
      'Somos uma rede com 40 lojas físicas e estamos avaliando migrar nosso e-commerce da VTEX para vocês. Podemos conversar?',
    ],
  ])('%s → %s: %s', async (from, outcome, text) => {
    await check({ name: text, from, subject: 'Loja', text, outcome: outcome as Outcome });
  });

  it.each([
    // Guards: a lost sign-in with no bill in it, a bill a buyer paid, a merchant's own migration of a domain.
    ['lojista@modasbella.com.br', 'ACCESS_ISSUE', 'A loja foi suspensa do nada e não consigo entrar no painel.'],
    [
      'lojista@modasbella.com.br',
      'NO_PRIOR_TICKET',
      'O boleto que meu cliente pagou venceu antes de compensar e o pedido ficou cancelado na minha loja.',
    ],
    [
      'lojista@modasbella.com.br',
      'ACCEPTED',
      'Quero migrar nosso e-commerce para o domínio novo e o suporte não ajudou. Chamado 48213.',
    ],
  ])('guard — %s → %s: %s', async (from, outcome, text) => {
    await check({ name: text, from, subject: 'Loja', text, outcome: outcome as Outcome });
  });
});

describe('round 40 — a street’s number is the building’s, not a ticket', () => {
  it.each([
    // Her own ticket's digits as her address: a bare number after a street on its line is the building's.
    [
      'ana@papelariaestrela.com.br',
      'Av. Brasil, 51000 - sala 3\nEsse é o endereço da loja que sai errado na nota.',
      '51000',
    ],
    ['ana@papelariaestrela.com.br', 'Rua das Flores, 51000, Jardim América. Os correios devolvem os pacotes.', '51000'],
    ['ana@papelariaestrela.com.br', 'A coleta não passou. Estamos na Avenida Brasil, nº 51000, galpão 2.', '51000'],
    [
      'lojista@modasbella.com.br',
      'Retirada na R. Augusta, 48213 não acontece, o app de frete ignora o endereço.',
      '48213',
    ],
    [
      'carla@docesdacarla.com.br',
      'Loja física: Rua 25 de Março, 52310. O endereço de remetente sai em branco na etiqueta.',
      '52310',
    ],
    [
      'contato@eletroponto.com.br',
      'El envío sigue calculando mal desde Calle Corrientes 48215, Buenos Aires.',
      '48215',
    ],
  ])('NO_PRIOR_TICKET — %s: %s', async (from, text, number) => {
    await check({ name: text, from, subject: 'Endereço', text, outcome: 'NO_PRIOR_TICKET', notTickets: [number] });
  });

  it.each([
    // The ticket named beside the address, or after the street's sentence ends, is still hers.
    ['Chamado 48213. Endereço de coleta: Av. Paulista, 1578 - 4º andar. A transportadora nunca veio.', '48213'],
    ['Moro na Rua das Flores, 120. 48213 é o meu chamado, sem resposta.', '48213'],
    ['Rua das Flores, 120 — chamado 48213 sem solução.', '48213'],
    ['Sr. Paulo, do suporte, abriu o 48213 e sumiu.', '48213'],
  ])('guard, ACCEPTED — %s', async (text, ticket) => {
    await check({
      name: text,
      from: 'lojista@modasbella.com.br',
      subject: 'coleta',
      text,
      outcome: 'ACCEPTED',
      ticket,
    });
  });
});

describe('round 40 — a support chat closed for inactivity is not her user blocked', () => {
  it.each([
    'Vejam o descaso:\n\n[09:10] Claudia: o frete sumiu do checkout\n[09:30] Suporte: Olá! Já vamos te atender\n[11:45] Suporte: Atendimento encerrado por inatividade\n\nEu estava ali o tempo todo!',
    'O chat fechou a conversa por inatividade enquanto eu procurava o print. Ainda não resolveram o frete.',
    'Fiquei 2 horas esperando e a conversa foi finalizada por inatividade. O cupom continua sem aplicar.',
    'o atendimento caiu por inatividade 3 vezes, ninguém resolve o pix',
  ])('NO_PRIOR_TICKET — %s', async (text) => {
    await check({
      name: text,
      from: 'claudia@bijuxique.com.br',
      subject: 'atendimento',
      text,
      outcome: 'NO_PRIOR_TICKET',
    });
  });

  it.each([
    'Meu usuário foi bloqueado por inatividade e não consigo entrar no painel.',
    'Fui bloqueada por inatividade. O chat encerrou sem resposta.',
    'O atendente disse: bloqueio por inatividade. Como reativo?',
    'Entrei no chat e fecharam a conversa. Meu usuário está bloqueado por inatividade.',
  ])('guard, ACCESS_ISSUE — %s', async (text) => {
    await check({ name: text, from: 'claudia@bijuxique.com.br', subject: 'acesso', text, outcome: 'ACCESS_ISSUE' });
  });
});

describe('round 40 — family and a company’s lawyer write for the ticket’s owner', () => {
  it.each([
    [
      'pedro.filho@gmail.com',
      'Escrevo pela minha mãe, que é dona da Doces da Carla e não mexe muito com email. O chamado 52310 dela não foi resolvido.',
    ],
    [
      'ana.filha@gmail.com',
      'Sou filha do dono da Loja do João. Ele pediu pra eu escrever: o chamado 52311 não foi resolvido e a loja está fora.',
    ],
    ['marcos.r@gmail.com', 'Escrevo pelo meu pai, dono da Eletroponto. Chamado 48215 sem solução há 20 dias.'],
    [
      'advogado@ferreiraadv.com.br',
      'Na qualidade de advogado da empresa Eletroponto Comércio Ltda., cliente desta plataforma, notifico que o chamado 48215 não foi atendido no prazo.',
    ],
  ])('TICKET_INVALID (on-behalf) — %s: %s', async (from, text) => {
    await check({ name: text, from, subject: 'chamado', text, outcome: 'TICKET_INVALID', variant: 'on-behalf' });
  });

  it.each([
    // Her own ticket, her family named in passing: accepted; another's ticket, no one named: not on behalf.
    [
      'ACCEPTED',
      'carla@docesdacarla.com.br',
      'Minha mãe me ajuda na loja e ela também ligou. Chamado 52310 sem solução.',
    ],
    [
      'TICKET_INVALID',
      'marcos.r@gmail.com',
      'Meu pai disse que o chamado 48215 foi resolvido, mas a loja continua fora.',
    ],
  ])('guard — %s: %s', async (outcome, from, text) => {
    await check({ name: text, from, subject: 'chamado', text, outcome: outcome as Outcome });
  });
});

describe('round 40 — a buyer tells when she bought, asks after her order, got the wrong size', () => {
  it.each([
    'Fiz a compra 3 semanas atrás, o código de rastreio BR123456789BR não atualiza. Quem é o responsável?',
    'fiz o pedido ha 20 dias e nada, ja mandei msg pra loja',
    'cade meu pedidooo ja paguei faz 15 dias!!! loja casa dos aromas',
    'Cadê minha compra? Paguei no pix dia 10.',
    'oi, recebi o vestido num tamanho errado, como faço pra trocar? a loja é a Moda Bella',
    'Recebi a blusa na cor errada e a loja não responde.',
  ])('NOT_A_CLIENT (shopper) — %s', async (text) => {
    await check({
      name: text,
      from: 'lari.oliveira@gmail.com',
      subject: 'meu pedido',
      text,
      outcome: 'NOT_A_CLIENT',
      rule: 'client.shopper.text',
      variant: 'shopper',
    });
  });

  it.each([
    // The merchant's own requests, purchases from the platform, and her buyers' orders.
    'Cadê meu pedido de saque? Fiz há 10 dias.',
    'Fiz o pedido de migração de plano há 15 dias e nada.',
    'Fiz a compra do tema há 2 meses e ele não carrega no celular.',
    'Uma cliente recebeu o tamanho errado porque a variação trocou sozinha no painel.',
    'Fiz a compra de créditos de SMS há uma semana e não apareceram.',
  ])('guard, not a shopper — %s', async (text) => {
    const { decision } = await triage({
      name: text,
      from: 'contato@veludo.com.br',
      subject: 'loja',
      text,
      outcome: 'NO_PRIOR_TICKET',
    });
    expect(decision.ruleIds, decision.reason).not.toContain('client.shopper.text');
    expect(decision.outcome).not.toBe('NOT_A_CLIENT');
  });
});

describe('round 40 — a merchant asks whether a point of sale, a way of selling or an integration will exist', () => {
  it.each([
    'quando vão ter PDV pra loja fisica? preciso urgente',
    'Vocês vão ter frente de caixa algum dia? Quando vai ter?',
    'vai ter como vender por assinatura algum dia?',
    'tem como integrar com o ifood?',
    'da pra integrar com o Tiny?',
    'É possível integrar a loja com o Mercado Livre?',
  ])('OUT_OF_SCOPE_FEATURE — %s', async (text) => {
    await check({
      name: text,
      from: 'dono@lojadogui.com.br',
      subject: 'dúvida',
      text,
      outcome: 'OUT_OF_SCOPE_FEATURE',
    });
  });

  it.each([
    // The service asked, a thing in use broken, or her ticket about it.
    ['NO_PRIOR_TICKET', 'vai ter como resolver hoje? a loja está fora do ar'],
    ['NO_PRIOR_TICKET', 'O PDV parou de sincronizar o estoque com a loja desde ontem.'],
    ['NO_PRIOR_TICKET', 'tem como integrar com o Bling de novo? parou de funcionar depois da atualização'],
    ['NO_PRIOR_TICKET', 'Quando vão ter uma previsão para o conserto do checkout?'],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({ name: text, from: 'dono@lojadogui.com.br', subject: 'dúvida', text, outcome: outcome as Outcome });
  });
});

describe('round 40 — a prospect weighing the move, a vendor presenting an offer', () => {
  it.each([
    ['felipe.startup@gmail.com', 'Quando vão ter PDV? Se tiver eu migro minha loja da Shopify pra vocês.'],
    ['contato@novalojinha.com', 'vcs cobram taxa por venda? to decidindo entre vcs e a nuvemshop'],
    ['ana.loja@gmail.com', 'Estou entre a Tray e vocês. Vocês cobram por pedido?'],
    [
      'comercial@gatewaypay.com',
      'Temos um gateway de pagamento com taxas menores e gostaríamos de apresentar uma proposta de integração.',
    ],
    [
      'seo.expert@gmail.com',
      'Olá, vi que várias lojas da plataforma estão mal posicionadas no Google. Ofereço serviço de SEO com preço especial.',
    ],
    [
      'comercial@appfrete.com',
      'Desenvolvemos um app de frete e queremos entrar na loja de aplicativos da plataforma. Como funciona?',
    ],
  ])('NOT_A_CLIENT — %s: %s', async (from, text) => {
    await check({ name: text, from, subject: 'contato', text, outcome: 'NOT_A_CLIENT' });
  });

  it.each([
    // A merchant's own store, her move away, her negotiation, her app bought there.
    ['OUT_OF_SCOPE_COMMERCIAL', 'Quero um preço especial na mensalidade, senão migro minha loja pra Nuvemshop.'],
    ['NO_PRIOR_TICKET', 'O app que comprei na loja de aplicativos não abre, e estou decidindo se fico com vocês.'],
    ['NO_PRIOR_TICKET', 'Minha loja está lenta. Estou entre vocês e a Nuvemshop, se não resolverem eu saio.'],
    [
      'OUT_OF_SCOPE_COMMERCIAL',
      'Minha loja fatura 50 mil por mês e gostaria de apresentar uma proposta comercial para reduzir a mensalidade.',
    ],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({ name: text, from: 'contato@veludo.com.br', subject: 'loja', text, outcome: outcome as Outcome });
  });
});

describe('round 40 — a fee she does not recognise, taken from each sale', () => {
  it.each([
    'Que taxa é essa de 2,5% descontada em cada venda? Não estava no meu contrato.',
    'Tem uma tarifa de R$ 0,99 descontada de cada venda no extrato, o que é?',
    'que taxa e essa?? ninguem me avisou',
  ])('BILLING_QUESTION — %s', async (text) => {
    await check({ name: text, from: 'adm@pecasmoto.com.br', subject: 'taxa', text, outcome: 'BILLING_QUESTION' });
  });

  it.each([
    // The gateway's fee, her ticket about ours.
    ['NO_PRIOR_TICKET', 'A taxa do Mercado Pago descontada em cada venda subiu para 4,99%.'],
    ['ACCEPTED', 'Que taxa é essa descontada em cada venda? Já abri o chamado 48213 e ninguém explica.'],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({ name: text, from: 'lojista@modasbella.com.br', subject: 'taxa', text, outcome: outcome as Outcome });
  });
});

describe('round 40 — the boleto that cancelled a buyer’s order is the store’s', () => {
  it.each([
    'o boleto de codigo 52311.00012 34567.890123 nao foi compensado e o pedido ficou cancelado',
    'O cliente pagou o boleto e o pedido foi cancelado mesmo assim.',
    'Os boletos vencem e os pedidos cancelam sozinhos antes do prazo.',
  ])('NO_PRIOR_TICKET — %s', async (text) => {
    await check({ name: text, from: 'loja@meiasecia.com.br', subject: 'boleto', text, outcome: 'NO_PRIOR_TICKET' });
  });

  it.each([
    // Her own plan's boleto and her request to cancel it.
    'Meu pedido de cancelamento do plano não foi atendido e o boleto continua chegando.',
    'O boleto da mensalidade não foi compensado, preciso da segunda via.',
  ])('guard, BILLING_QUESTION — %s', async (text) => {
    await check({ name: text, from: 'loja@meiasecia.com.br', subject: 'boleto', text, outcome: 'BILLING_QUESTION' });
  });
});

describe('round 40 — a word of an earlier sentence does not name a bare number', () => {
  it.each([
    'Atendimento nota zero. 48215 é o número. Resolve aí pfv',
    'Já mandei print do pedido. 48215, esse é o chamado.',
    'Passei CPF, CNPJ, tudo!! 48215 é o que me deram.',
  ])('ACCEPTED — %s', async (text) => {
    await check({
      name: text,
      from: 'contato@eletroponto.com.br',
      subject: 'demora',
      text,
      outcome: 'ACCEPTED',
      ticket: '48215',
    });
  });

  it.each([
    // An abbreviation's dot is no sentence end; a keyword in the same sentence still names the number.
    'Tel. 48215 — me liguem, a loja está fora do ar.',
    'Ref. 48215 — a loja está fora do ar.',
    'Segue o pedido 48215 que não aparece no painel.',
  ])('guard, NO_PRIOR_TICKET — %s', async (text) => {
    await check({
      name: text,
      from: 'contato@eletroponto.com.br',
      subject: 'loja',
      text,
      outcome: 'NO_PRIOR_TICKET',
      notTickets: ['48215'],
    });
  });
});

describe('round 40 — the store’s excuse to the buyer, told in the third person', () => {
  it.each([
    'O entregador deixou meu pacote no vizinho e a loja diz que não é responsabilidade dela. Pedido 22871.',
    'Meu tênis nunca chegou e a loja alega que a culpa é dos Correios.',
    'A loja falou que a culpa é da transportadora e não devolve meu dinheiro.',
  ])('NOT_A_CLIENT (shopper) — %s', async (text) => {
    await check({
      name: text,
      from: 'diego.l@hotmail.com',
      subject: 'entrega',
      text,
      outcome: 'NOT_A_CLIENT',
      rule: 'client.shopper.text',
      variant: 'shopper',
    });
  });

  it.each([
    // The merchant's own store and carrier.
    'Minha loja usa a integração com os Correios e a loja diz que a culpa é dos Correios quando o frete zera.',
    'Os clientes reclamam do atraso e eu digo que a culpa é da transportadora, mas o rastreio não atualiza no painel.',
  ])('guard, NO_PRIOR_TICKET — %s', async (text) => {
    await check({ name: text, from: 'contato@veludo.com.br', subject: 'entrega', text, outcome: 'NO_PRIOR_TICKET' });
  });
});

describe('round 41 — a buyer of a store, by what it did not deliver or sold broken', () => {
  it.each([
    ['julia.m@gmail.com', 'a loja doces da carla não entregou meu bolo de aniversário, quero meu dinheiro de volta'],
    ['rafa.lima@yahoo.com.br', 'A loja Casa Nova não entregou minha geladeira e não atende o telefone.'],
    [
      'cliente.final@gmail.com',
      'Quero reclamar da loja do João, vendeu um celular com defeito e não quer trocar. Vocês são responsáveis pela plataforma!',
    ],
    ['bia.s@outlook.com', 'Essa loja me vendeu um fone com defeito e sumiu. O site é feito por vocês, então resolvam.'],
  ])('NOT_A_CLIENT (shopper) — %s', async (from, text) => {
    await check({ name: text, from, subject: 'reclamação', text, outcome: 'NOT_A_CLIENT', variant: 'shopper' });
  });

  it.each([
    // The merchant's own store, and what her own carrier did not deliver.
    'Minha loja não entregou o pedido do cliente porque a transportadora não coletou; preciso que o frete volte a funcionar.',
    'O cliente disse que a loja vendeu com defeito, mas o produto saiu perfeito; como vejo o histórico do pedido no painel?',
  ])('guard, NO_PRIOR_TICKET — %s', async (text) => {
    await check({ name: text, from: 'contato@veludo.com.br', subject: 'pedido', text, outcome: 'NO_PRIOR_TICKET' });
  });
});

describe('round 41 — her buyer charged at her store is her sale’s payment, not our bill', () => {
  it.each([
    'Um cliente está dizendo que foi cobrado duas vezes na minha loja. Como vejo isso?',
    'Os clientes estão sendo cobrados em dobro no checkout desde ontem.',
    'Uma compradora foi cobrada e o pedido não aparece no painel.',
  ])('NO_PRIOR_TICKET — %s', async (text) => {
    await check({ name: text, from: 'contato@veludo.com.br', subject: 'cobrança', text, outcome: 'NO_PRIOR_TICKET' });
  });

  it.each([
    // Our charges on her plan stay billing questions.
    'Fui cobrado duas vezes na mensalidade de novembro, como peço o estorno?',
    'A plataforma me cobrou a fatura duas vezes este mês.',
  ])('guard, BILLING_QUESTION — %s', async (text) => {
    await check({ name: text, from: 'contato@veludo.com.br', subject: 'cobrança', text, outcome: 'BILLING_QUESTION' });
  });
});

describe('round 41 — what came is not what she bought', () => {
  it.each([
    'Olá, fiz o pedido 10293 na Casa dos Aromas e veio um perfume diferente do que comprei. Já mandei mensagem pra loja e ninguém responde.',
    'Chegou uma cor diferente do que eu pedi e o site não tem telefone.',
  ])('NOT_A_CLIENT (shopper) — %s', async (text) => {
    await check({
      name: text,
      from: 'compras.mari@gmail.com',
      subject: 'Pedido 10293',
      text,
      outcome: 'NOT_A_CLIENT',
      variant: 'shopper',
    });
  });

  it.each([
    // Her buyer's complaint, told by the merchant.
    'O cliente diz que recebeu um produto diferente do que pediu; como vejo a foto do pedido no painel?',
  ])('guard, NO_PRIOR_TICKET — %s', async (text) => {
    await check({ name: text, from: 'contato@veludo.com.br', subject: 'pedido', text, outcome: 'NO_PRIOR_TICKET' });
  });
});

describe('round 41 — an app’s makers asking to be listed, a student by her course', () => {
  it.each([
    [
      'dev@appfactory.io',
      'We built an inventory app for Shopify and want to list it in your app store. Who should we talk to?',
    ],
    [
      'hello@loyaltyhq.com',
      'We have developed a loyalty app for small shops and would like to publish it on your app marketplace.',
    ],
    [
      'estudante@usp.br',
      'Sou estudante de administração e estou fazendo um trabalho sobre e-commerce. Posso fazer algumas perguntas?',
    ],
    [
      'lucas.aluno@gmail.com',
      'Oi, sou aluno de sistemas de informação e preciso entrevistar alguém da empresa para um trabalho da faculdade.',
    ],
  ])('NOT_A_CLIENT — %s', async (from, text) => {
    await check({ name: text, from, subject: 'contato', text, outcome: 'NOT_A_CLIENT' });
  });

  it.each([
    // A merchant's app, installed, and a merchant who studies.
    'We installed an app from your app store and it broke our checkout. How do we remove it?',
    'Sou estudante de moda e tenho minha loja com vocês: o checkout não abre no celular.',
  ])('guard, not NOT_A_CLIENT — %s', async (text) => {
    await check({ name: text, from: 'contato@veludo.com.br', subject: 'ajuda', text, outcome: 'NO_PRIOR_TICKET' });
  });
});

describe('round 41 — the misses the last round left', () => {
  it.each([
    // A charge she never took, on her own invoice: billing, not a prospect.
    [
      'contato@eletroponto.com.br',
      'Que taxa é essa que apareceu na minha fatura? Não contratei nada disso.',
      'BILLING_QUESTION',
    ],
    ['contato@eletroponto.com.br', 'Não contratei essa taxa de R$ 29,90 que veio na fatura.', 'BILLING_QUESTION'],
    // Her card declined on the plan's renewal: billing, not a lost sign-in.
    ['contato@eletroponto.com.br', 'O cartão foi recusado na renovação e a loja foi suspensa.', 'BILLING_QUESTION'],
    [
      'carla@docesdacarla.com.br',
      'Não consegui pagar a mensalidade e agora a loja está bloqueada.',
      'BILLING_QUESTION',
    ],
    // The plan as who she is, then the store's trouble.
    ['contato@eletroponto.com.br', 'Sou assinante do plano Pro e a loja está lenta desde segunda.', 'NO_PRIOR_TICKET'],
    // An agency on its client's store: never a buyer.
    [
      'agencia@webpro.com.br',
      'Sou da agência que cuida da loja da minha cliente. A loja da minha cliente não me devolveu o acesso depois que trocaram a senha.',
      'NO_PRIOR_TICKET',
    ],
  ] as const)('%s — %s → %s', async (from, text, outcome) => {
    await check({ name: text, from, subject: 'ajuda', text, outcome });
  });

  it('a daughter cites her father’s ticket as his ("o ticket dela é 48215"): checked, and told it is his', async () => {
    const text =
      'Escrevo pela loja do meu pai, a Eletro Ponto. O ticket dela é 48215 e não resolveram o problema do frete.';
    await check({
      name: text,
      from: 'filha.eletro@gmail.com',
      subject: 'loja do meu pai',
      text,
      outcome: 'TICKET_INVALID',
      ticket: '48215',
      variant: 'on-behalf',
    });
  });

  it.each([
    // A prospect who has taken nothing yet, and a buyer's card at her checkout.
    ['futura.loja@gmail.com', 'Ainda não contratei nada, quanto custa o plano básico?', 'NOT_A_CLIENT'],
    ['contato@veludo.com.br', 'O cartão do cliente foi recusado no checkout e o pedido não entrou.', 'NO_PRIOR_TICKET'],
  ] as const)('guard — %s — %s → %s', async (from, text, outcome) => {
    await check({ name: text, from, subject: 'dúvida', text, outcome });
  });
});

describe('round 40 — a prospect weighing the platform, a former client coming back, a candidate, a thesis', () => {
  it.each([
    ['client.prospect.text', 'Quando vão ter PDV? Estou decidindo entre vocês e a concorrência para abrir minha loja.'],
    ['client.prospect.text', 'Vocês integram com o Mercado Livre? Estou pensando em sair da Nuvemshop e vir pra cá.'],
    ['client.prospect.text', 'Vocês têm integração com WhatsApp? Quero saber antes de assinar.'],
    ['client.prospect.text', '¿Tienen planes para Argentina? Quiero abrir una tienda online.'],
    ['client.prospect.text', 'Temos 40 lojas físicas e queremos um e-commerce B2B. Vocês atendem?'],
    ['client.prospect.text', 'Estamos em dúvida entre vocês e a Tray, qual a diferença entre os planos?'],
    ['client.former-client.text', 'Fui cliente em 2023 e quero voltar, tem alguma condição pra quem já foi cliente?'],
    ['client.outsider.text', 'Vi uma vaga de analista de suporte no LinkedIn, ainda está aberta?'],
    [
      'client.outsider.text',
      'Sou estudante e estou fazendo TCC sobre ouvidorias de e-commerce. Posso fazer uma entrevista?',
    ],
  ])('NOT_A_CLIENT (%s) — %s', async (rule, text) => {
    await check({ name: text, from: 'contato.novo@gmail.com', subject: 'dúvida', text, outcome: 'NOT_A_CLIENT', rule });
  });

  it.each([
    // A merchant whose ticket is hers is a client, whatever she says of the time before.
    [
      'ACCEPTED',
      'Estava em dúvida entre vocês e a Tray e escolhi vocês; agora o chamado 48213 está parado há 10 dias.',
    ],
    ['ACCEPTED', 'Fui cliente em outra plataforma por anos e nunca vi um chamado como o 48213 ficar sem resposta.'],
    // Her store's wish, not a prospect's: "queremos uma loja virtual mais rápida".
    ['NO_PRIOR_TICKET', 'Queremos uma loja virtual mais rápida: o checkout da nossa loja leva 10 segundos para abrir.'],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({ name: text, from: 'lojista@modasbella.com.br', subject: 'loja', text, outcome: outcome as Outcome });
  });
});

describe('round 40 — a feature named by what it is (PDV, ponto de venda, multi CD, integrate)', () => {
  it.each([
    ['ana@papelariaestrela.com.br', 'quando vão ter PDV? preciso pra minha loja fisica urgente'],
    ['lojista@modasbella.com.br', 'quando vão ter PDV? preciso vender na feira com o mesmo estoque da loja'],
    ['joao@lojadojoao.com.br', 'Do you plan to integrate with Amazon? It would help my store a lot.'],
    ['carla@docesdacarla.com.br', 'Vocês pretendem ter ponto de venda para a loja física?'],
    ['contato@eletroponto.com.br', 'Seria possível ter estoque separado por centro de distribuição?'],
  ])('OUT_OF_SCOPE_FEATURE — %s: %s', async (from, text) => {
    await check({ name: text, from, subject: 'sugestão', text, outcome: 'OUT_OF_SCOPE_FEATURE' });
  });

  it.each([
    // The thing she has, broken, or when it comes back: support's, then hers with a ticket.
    ['NO_PRIOR_TICKET', 'O PDV parou de sincronizar o estoque com a loja desde ontem.'],
    ['NO_PRIOR_TICKET', 'Quando vão ter uma previsão pro PDV voltar? A loja física está parada.'],
    ['ACCEPTED', 'Quando vai ter resposta do chamado 48213? O ponto de venda não baixa o estoque da loja.'],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({ name: text, from: 'lojista@modasbella.com.br', subject: 'PDV', text, outcome: outcome as Outcome });
  });
});

describe('round 40 — a buyer’s order named by its number or store, her money kept, her account at a store', () => {
  it.each([
    'Meu pedido 51000 da Papelaria Estrela não chegou até hoje',
    'Minha encomenda da Casa dos Aromas nunca chegou e já paguei faz um mês.',
    'Minha compra do dia 10 na Eletroponto não foi entregue.',
    'Vou abrir reclamação no Reclame Aqui e no Procon se a loja Doces da Carla não me devolver o dinheiro do bolo que não foi entregue.',
    'não consigo entrar na minha conta de cliente da loja do joão pra ver meus pedidos',
  ])('NOT_A_CLIENT (shopper) — %s', async (text) => {
    await check({
      name: text,
      from: 'rogerio77@hotmail.com',
      subject: 'meu pedido',
      text,
      outcome: 'NOT_A_CLIENT',
      rule: 'client.shopper.text',
      variant: 'shopper',
    });
  });

  it.each([
    // Her requests to the platform, and her buyers' orders: a merchant's.
    ['BILLING_QUESTION', 'Meu pedido de estorno da mensalidade não chegou até hoje.'],
    ['NO_PRIOR_TICKET', 'O pedido 30221 da minha cliente não chegou e o rastreio não atualiza na loja.'],
    ['ACCEPTED', 'Meu pedido de suporte 48213 não foi respondido e a loja segue sem frete.'],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({
      name: text,
      from: 'lojista@modasbella.com.br',
      subject: 'pedido',
      text,
      outcome: outcome as Outcome,
    });
  });
});

describe('round 41 — a support channel’s protocol, too long for a ticket', () => {
  it.each([
    'falei com o suporte pelo whatsapp ontem (protocolo de atendimento 2025112400331) e a moça disse q ia escalar, mas ninguem me retornou. o frete gratis nao aparece no checkout',
    'Liguei na central e o protocolo foi 20251124003317. Até agora nada.',
    'Atendimento pelo chat, protocolo nº 202511240033171, e o domínio continua fora.',
  ])('TICKET_INVALID (not a ticket’s format) — %s', async (text) => {
    const { decision } = await check({
      name: text,
      from: 'joao@lojadojoao.com.br',
      subject: 'suporte',
      text,
      outcome: 'TICKET_INVALID',
    });
    expect(decision.ticket).toMatchObject({ status: 'invalid', why: 'bad_format' });
  });

  it('her ticket beside the protocol is her ticket', async () => {
    const text = 'Protocolo do WhatsApp 2025112400331, chamado 52311: o frete continua zerado.';
    await check({
      name: text,
      from: 'joao@lojadojoao.com.br',
      subject: 'suporte',
      text,
      outcome: 'ACCEPTED',
      ticket: '52311',
    });
  });

  it.each([
    // A phone or a CPF is 11 digits or fewer; a boleto's line is grouped; a number no keyword leads.
    ['Meu protocolo? Me liguem no 11987654321, o frete não calcula.', 'NO_PRIOR_TICKET'],
    ['O boleto 23793.38128 60000.000003 00000.000400 1 84340000012345 não foi gerado pela loja.', 'BILLING_QUESTION'],
    ['O código de rastreio 2025112400331 não atualiza no painel.', 'NO_PRIOR_TICKET'],
  ] as const)('guard, no ticket — %s', async (text, outcome) => {
    const { decision } = await check({ name: text, from: 'joao@lojadojoao.com.br', subject: 'suporte', text, outcome });
    expect(decision.ticket).toEqual({ status: 'none' });
  });
});

describe('round 41 — an API asked of the platform', () => {
  it.each([
    'Vocês têm API para integrar com meu ERP próprio?',
    'A plataforma possui uma API pública para cadastrar produtos?',
    'Do you have an API to sync orders with our warehouse?',
  ])('OUT_OF_SCOPE_FEATURE — %s', async (text) => {
    await check({
      name: text,
      from: 'contato@eletroponto.com.br',
      subject: 'API',
      text,
      outcome: 'OUT_OF_SCOPE_FEATURE',
    });
  });

  it.each([
    // The API she uses, broken.
    'A API de pedidos está retornando erro 500 desde ontem.',
    'Vocês têm API, mas a de estoque parou de responder hoje.',
  ])('guard, NO_PRIOR_TICKET — %s', async (text) => {
    await check({ name: text, from: 'contato@eletroponto.com.br', subject: 'API', text, outcome: 'NO_PRIOR_TICKET' });
  });
});

describe('round 41 — a purchase she cancelled at a store', () => {
  it.each([
    'Cancelei uma compra na loja Eletro Ponto e o estorno não caiu no meu cartão até hoje.',
    'Desisti de uma compra no site da Modas Bella e ninguém devolve meu dinheiro.',
  ])('NOT_A_CLIENT (shopper) — %s', async (text) => {
    await check({
      name: text,
      from: 'leticia.compras@gmail.com',
      subject: 'estorno',
      text,
      outcome: 'NOT_A_CLIENT',
      variant: 'shopper',
    });
  });

  it.each([
    // Her buyer cancelled at her store.
    'Um cliente cancelou uma compra na loja e o estorno não foi feito automaticamente; como faço pelo painel?',
  ])('guard, NO_PRIOR_TICKET — %s', async (text) => {
    await check({ name: text, from: 'contato@veludo.com.br', subject: 'estorno', text, outcome: 'NO_PRIOR_TICKET' });
  });
});

describe('round 41 — a charge she disowns (“não contratei nada disso”) is a billing question, not a prospect', () => {
  it.each([
    'Que taxa é essa que apareceu na minha fatura? Não contratei nada disso.',
    'apareceu uma cobrança de R$ 49,90 no cartão referente a um app. nao contratei essa porcaria',
    'Recebi um boleto de R$ 120 da plataforma este mês. Não contratei nada desse tipo, só tenho o plano básico.',
    'Por que estão me cobrando esse "pacote marketing"? Eu não contratei isto!',
    'Veio na mensalidade um tal de "frete premium". Não contratei esses adicionais, quero o estorno.',
  ])('BILLING_QUESTION — %s', async (text) => {
    await check({
      name: text,
      from: 'lojista@modasbella.com.br',
      subject: 'cobrança',
      text,
      outcome: 'BILLING_QUESTION',
      notRules: ['client.not-a-client.text'],
    });
  });

  it.each([
    // Not yet a client: a prospect still, whatever follows.
    ['Ainda não contratei nada, estou avaliando. Quanto custa o plano?', 'client.not-a-client.text'],
    ['Não contratei ainda, só quero entender como funciona a ouvidoria antes.', 'client.not-a-client.text'],
    ['Não sou cliente, não contratei nenhum plano. Como faço para abrir uma loja?', 'client.not-a-client.text'],
  ])('guard — NOT_A_CLIENT: %s', async (text, rule) => {
    await check({ name: text, from: 'fulano.silva@gmail.com', subject: 'dúvida', text, outcome: 'NOT_A_CLIENT', rule });
  });
});

describe('round 41 — the store suspended or blocked because the plan’s payment failed is billing, not access', () => {
  it.each([
    'O cartão foi recusado na renovação e a loja foi suspensa',
    'A renovação do plano não passou no cartão e agora minha loja está bloqueada.',
    'o pagamento da assinatura foi recusado, loja suspensa, como regularizo?',
    'Minha loja foi suspensa. O débito automático da mensalidade falhou porque troquei de cartão.',
    'debito automatico do plano nao passou e a loja ficou bloqueada, o que faço?',
    'Loja suspensa!! A cobrança da assinatura foi negada pelo banco, já troquei o cartão.',
  ])('BILLING_QUESTION — %s', async (text) => {
    await check({
      name: text,
      from: 'financeiro@casadosaromas.com.br',
      subject: 'loja suspensa',
      text,
      outcome: 'BILLING_QUESTION',
    });
  });

  it.each([
    // Her buyers' cards, a suspension with no payment told, a theme bought: not the plan's payment.
    ['NO_PRIOR_TICKET', 'O cartão dos meus clientes é recusado no checkout desde ontem.'],
    ['ACCESS_ISSUE', 'Minha conta foi suspensa e não sei o motivo, não consigo acessar o painel.'],
    ['ACCESS_ISSUE', 'Meu usuário foi bloqueado depois de errar a senha três vezes.'],
    // Her own user blocked over a bill stays an access issue first (engine.test: "access first").
    ['ACCESS_ISSUE', 'O cartão foi recusado na renovação e bloquearam meu usuário do painel.'],
    ['NO_PRIOR_TICKET', 'O cartão foi recusado na compra de um tema na loja de temas.'],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({
      name: text,
      from: 'financeiro@casadosaromas.com.br',
      subject: 'loja',
      text,
      outcome: outcome as Outcome,
    });
  });
});

describe('round 41 — a ticket named as someone else’s (“o ticket dela é 48215”) is found, and is not the sender’s', () => {
  it.each([
    'Oi, sou filha da dona da Eletroponto. O ticket dela é 48215 e até agora ninguém respondeu.',
    'o ticket do meu pai é 48215, ele é o dono da loja e ninguém responde',
    'O protocolo da minha mãe é 48215. Ela pediu pra eu escrever porque não mexe com e-mail.',
    'chamado do meu marido: 48215 — a loja dele está fora do ar faz 3 dias',
    'Sou a esposa do dono. O chamado dele foi 48215 e fecharam sem resolver.',
    'Trabalho na Eletroponto e o chamado do meu chefe é o 48215, ele está viajando.',
  ])('TICKET_INVALID (on-behalf) — %s', async (text) => {
    await check({
      name: text,
      from: 'maria.oliveira@gmail.com',
      subject: 'chamado sem resposta',
      text,
      outcome: 'TICKET_INVALID',
      ticket: '48215',
      variant: 'on-behalf',
    });
  });

  it.each([
    // The owner herself, her store's ticket; numbers of other things near a family word.
    ['ACCEPTED', 'O chamado da minha loja é 48215 e ninguém responde.', ['48215'], []],
    ['ACCEPTED', 'o ticket dela é 48215', ['48215'], []],
    ['NO_PRIOR_TICKET', 'O pedido da minha cliente é 52310 e não baixou o estoque.', [], ['52310']],
    ['NO_PRIOR_TICKET', 'Abri um chamado pelo telefone da minha mãe, 48213-5500, e ninguém retornou.', [], ['48213']],
  ])('guard — %s: %s', async (outcome, text, ticket, notTickets) => {
    await check({
      name: text,
      from: 'contato@eletroponto.com.br',
      subject: 'chamado',
      text,
      outcome: outcome as Outcome,
      ticket: (ticket as string[])[0],
      notTickets: notTickets as string[],
      // Journeys 62: "Abri um chamado …" with no number of it: asked for that ticket's number.
      ...(/^Abri um chamado/.test(text as string) ? { variant: 'already-opened' as const } : {}),
    });
  });
});

describe('round 41 — an agency whose client’s store kept its access is no shopper', () => {
  it.each([
    // 'minha cliente' in her clause is store side to topic.access.no-access (a buyer's account), so
    // these get the support guidance of no-prior-ticket, not the access one: no shopper reply either way.
    ['NO_PRIOR_TICKET', 'a loja da minha cliente não me devolveu o acesso'],
    ['NO_PRIOR_TICKET', 'Sou da agência que cuida do e-commerce e a loja da minha cliente não me devolveu o acesso.'],
    ['NO_PRIOR_TICKET', 'a loja do meu cliente nao me devolveu a senha do admin, como faço pra entrar?'],
    [
      'ACCESS_ISSUE',
      'Somos uma agência digital. O dono da loja do nosso cliente trocou a senha e não nos devolveu o acesso.',
    ],
    ['ACCESS_ISSUE', 'O antigo sócio não me devolve o acesso ao painel da loja, ele ficou com o e-mail de login.'],
    ['ACCESS_ISSUE', 'a agencia antiga nunca devolveu o acesso da nossa loja'],
  ])('%s — %s', async (outcome, text) => {
    await check({
      name: text,
      from: 'contato@agenciapixel.com.br',
      subject: 'acesso',
      text,
      outcome: outcome as Outcome,
      notRules: ['client.shopper.text'],
    });
  });

  it.each([
    // The buyer whose money a store keeps is still a shopper.
    'Comprei um tênis na loja Passo Certo e a loja não me devolve o pix de R$ 300.',
    'A loja Bella Moda não me devolveu o meu dinheiro do pedido cancelado até hoje.',
    'a loja nao me devolveu o valor que paguei e nao responde',
  ])('guard — NOT_A_CLIENT (shopper): %s', async (text) => {
    await check({
      name: text,
      from: 'rogerio77@hotmail.com',
      subject: 'loja não devolve',
      text,
      outcome: 'NOT_A_CLIENT',
      rule: 'client.shopper.text',
      variant: 'shopper',
    });
  });
});

describe('round 41 — the plan said as who she is (“sou assinante do plano Pro e a loja está lenta”) is not her topic', () => {
  it.each([
    'sou assinante do plano Pro e a loja está lenta',
    'Sou assinante do plano Premium e o site não carrega as imagens desde ontem.',
    'tenho plano Essencial e minha loja caiu de novo',
    'meu plano é o Avançado e os produtos sumiram da vitrine',
    'Somos assinantes do plano anual e a loja fica fora do ar toda noite.',
  ])('NO_PRIOR_TICKET — %s', async (text) => {
    await check({
      name: text,
      from: 'carla@docesdacarla.com.br',
      subject: 'loja com problema',
      text,
      outcome: 'NO_PRIOR_TICKET',
      notRules: ['topic.billing.plan'],
    });
  });

  it.each([
    // The plan she asks about.
    'Sou assinante do plano Pro e quero mudar para o anual.',
    'sou assinante do plano Pro, quanto custa o upgrade?',
    'Tenho plano Essencial e quero cancelar.',
  ])('guard — BILLING_QUESTION: %s', async (text) => {
    await check({ name: text, from: 'carla@docesdacarla.com.br', subject: 'plano', text, outcome: 'BILLING_QUESTION' });
  });
});

describe('round 41 — a student or researcher by the course or the research, not only by its degree', () => {
  it.each([
    'Boa tarde, sou estudante de administração e estou fazendo uma pesquisa sobre ouvidorias. Posso enviar um questionário?',
    'Olá, sou aluna de jornalismo e queria entender como funciona a ouvidoria de vocês.',
    'Sou pesquisador da USP e estamos fazendo uma pesquisa sobre atendimento em e-commerce.',
    'Estou escrevendo minha dissertação sobre ouvidorias privadas, vocês aceitariam dar uma entrevista?',
    "Hi, I'm a student working on a research project about customer service in e-commerce platforms.",
  ])('NOT_A_CLIENT (outsider) — %s', async (text) => {
    await check({
      name: text,
      from: 'estudante.pesquisa@gmail.com',
      subject: 'pesquisa',
      text,
      outcome: 'NOT_A_CLIENT',
      rule: 'client.outsider.text',
    });
  });

  it.each([
    // A merchant who studies, or who researches for her store, or answers our survey.
    ['NO_PRIOR_TICKET', 'Sou estudante de moda e minha loja está com o checkout travado desde ontem.'],
    [
      'NO_PRIOR_TICKET',
      'Recebi o questionário de satisfação do suporte, mas meu problema com o frete não foi resolvido.',
    ],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({ name: text, from: 'carla@docesdacarla.com.br', subject: 'loja', text, outcome: outcome as Outcome });
  });
});

describe('round 41 — a feature asked in English by “any plan to”, and selling in several currencies', () => {
  it.each([
    'Is there any plan to support multiple currencies in the checkout?',
    'Are there plans to add multi-currency pricing? We sell to Europe too.',
    'vocês vão ter multimoeda? quero vender em dólar pros clientes de fora',
    'Seria ótimo ter a opção de vender em várias moedas.',
  ])('OUT_OF_SCOPE_FEATURE — %s', async (text) => {
    await check({
      name: text,
      from: 'ana@papelariaestrela.com.br',
      subject: 'feature',
      text,
      outcome: 'OUT_OF_SCOPE_FEATURE',
    });
  });

  it.each([
    // The currency shown wrong is broken, support's.
    ['NO_PRIOR_TICKET', 'O checkout está mostrando os preços em outra moeda, em dólar, desde a atualização.'],
    ['BILLING_QUESTION', 'Is there any plan cheaper than the Pro one? The invoice is too high.'],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({
      name: text,
      from: 'ana@papelariaestrela.com.br',
      subject: 'loja',
      text,
      outcome: outcome as Outcome,
    });
  });
});

describe('round 41 — a wish for an option (“vcs deviam ter opção de…”) and the Spanish “¿van a agregar…?”', () => {
  it.each([
    'vcs deviam ter opção de agendar entrega por data, os clientes pedem muito',
    'A plataforma precisa ter opção de frete por bairro.',
    'Deberían tener la opción de descargar los pedidos en Excel.',
    '¿Van a agregar la opción de cobrar con Mercado Pago en cuotas sin interés?',
    '¿Van a incluir integración con Rappi?',
  ])('OUT_OF_SCOPE_FEATURE — %s', async (text) => {
    await check({
      name: text,
      from: 'lojista@modasbella.com.br',
      subject: 'sugestão',
      text,
      outcome: 'OUT_OF_SCOPE_FEATURE',
    });
  });

  it.each([
    // The option she had, gone: broken, support's.
    'Deveria ter opção de frete grátis no painel, mas sumiu depois da atualização.',
    'O botão de frete deveria ter aparecido no checkout e não aparece.',
  ])('guard — NO_PRIOR_TICKET: %s', async (text) => {
    await check({ name: text, from: 'lojista@modasbella.com.br', subject: 'loja', text, outcome: 'NO_PRIOR_TICKET' });
  });
});

describe('round 41 — a vendor who appraises the platform’s own site and offers to talk a proposal', () => {
  it.each([
    'Oi! Notamos que o site de vocês pode ranquear melhor no Google. Podemos conversar sobre uma proposta?',
    'Analisamos o site de vocês e vimos que ele perde posições no Google para a concorrência.',
    'Olá, equipe! Seu site pode vender 3x mais com a nossa ferramenta de recuperação de carrinho.',
    'We analyzed your website and found several SEO issues. Can we schedule a call to discuss a proposal?',
  ])('NOT_A_CLIENT (supplier) — %s', async (text) => {
    await check({
      name: text,
      from: 'comercial@seoturbo.com.br',
      subject: 'proposta',
      text,
      outcome: 'NOT_A_CLIENT',
      rule: 'client.supplier.text',
    });
  });

  it.each([
    // A merchant's own ranking, and our site seen down by her.
    'como faço para minha loja ranquear melhor no Google?',
    'Notamos que o site de vocês saiu do ar hoje de manhã e a loja caiu junto.',
  ])('guard — NO_PRIOR_TICKET: %s', async (text) => {
    await check({ name: text, from: 'lojista@modasbella.com.br', subject: 'loja', text, outcome: 'NO_PRIOR_TICKET' });
  });
});

describe('round 41 — charged after the free trial is billing, not a prospect asking about the trial', () => {
  it.each([
    'Cancelei no período de teste e fui cobrado mesmo assim. Quero reembolso.',
    'cancelei dentro do teste gratis e me cobraram a mensalidade cheia',
    'Tinha cancelado no período gratuito, mas debitaram R$ 89 do meu cartão.',
    'I cancelled during the free trial and you charged me anyway.',
  ])('BILLING_QUESTION — %s', async (text) => {
    await check({
      name: text,
      from: 'contato@eletroponto.com.br',
      subject: 'cobrança',
      text,
      outcome: 'BILLING_QUESTION',
      notRules: ['client.prospect.text'],
    });
  });

  it.each([
    // The trial asked about, its price or its refund: a prospect's.
    'Vocês têm período de teste? Quanto custa depois?',
    'Se eu não gostar no período de teste, vocês fazem reembolso?',
    'Does the free trial charge my card?',
  ])('guard — NOT_A_CLIENT (prospect): %s', async (text) => {
    await check({
      name: text,
      from: 'interessada.loja@gmail.com',
      subject: 'dúvida',
      text,
      outcome: 'NOT_A_CLIENT',
      rule: 'client.prospect.text',
    });
  });
});

describe('round 41 — a prospect who wants to try before paying', () => {
  it.each([
    'vcs tem plano gratis? quero testar antes de pagar',
    'Dá pra usar a plataforma uns dias antes de pagar alguma coisa?',
    'Quero testar antes de decidir, vocês têm plano grátis?',
  ])('NOT_A_CLIENT (prospect) — %s', async (text) => {
    await check({
      name: text,
      from: 'interessado.loja@gmail.com',
      subject: 'dúvida',
      text,
      outcome: 'NOT_A_CLIENT',
      rule: 'client.prospect.text',
    });
  });

  it.each([
    // A merchant trying a theme or an app before paying for it, or paying before the due date.
    ['NO_PRIOR_TICKET', 'Posso testar o tema novo antes de pagar? O botão de teste não aparece.'],
    ['BILLING_QUESTION', 'Quero pagar a fatura antes de pagar o boleto do mês que vem, onde tiro a segunda via?'],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({
      name: text,
      from: 'lojista@modasbella.com.br',
      subject: 'dúvida',
      text,
      outcome: outcome as Outcome,
    });
  });
});

describe('round 41 — a wish with a word between (“gostaria muito que a plataforma tivesse um relatório”)', () => {
  it.each([
    'Gostaria muito que a plataforma tivesse um relatório de produtos mais vendidos por mês.',
    'queria mto que o painel tivesse a opção de imprimir etiquetas em lote',
    'Adoraria que vocês tivessem integração com o Tiny.',
  ])('OUT_OF_SCOPE_FEATURE — %s', async (text) => {
    await check({
      name: text,
      from: 'carla@docesdacarla.com.br',
      subject: 'sugestão',
      text,
      outcome: 'OUT_OF_SCOPE_FEATURE',
    });
  });

  it.each([
    // The service wished for, or what broke.
    'Gostaria muito que tivesse alguém no chat para me atender, a loja está fora do ar.',
    'Queria muito que o relatório de vendas tivesse funcionado ontem, ele não abre.',
  ])('guard — NO_PRIOR_TICKET: %s', async (text) => {
    await check({ name: text, from: 'carla@docesdacarla.com.br', subject: 'loja', text, outcome: 'NO_PRIOR_TICKET' });
  });
});

describe('round 41 — sent back to the login page, said with “pra” (no article) or another verb', () => {
  it.each([
    'Toda vez que tento logar volta pra tela de login, já limpei cache.',
    'coloco a senha e ele me joga pra tela de login de novo',
    'O painel fica voltando para a página de login, não consigo trabalhar.',
    'depois do código de verificação ele redireciona pro login e não entra',
  ])('ACCESS_ISSUE — %s', async (text) => {
    await check({ name: text, from: 'ana@papelariaestrela.com.br', subject: 'login', text, outcome: 'ACCESS_ISSUE' });
  });

  it.each([
    // Her buyers sent back to the store's login: store side.
    'Meus clientes fazem o pedido e a loja volta pra tela de login do cliente, o carrinho esvazia.',
  ])('guard — NO_PRIOR_TICKET: %s', async (text) => {
    await check({ name: text, from: 'ana@papelariaestrela.com.br', subject: 'loja', text, outcome: 'NO_PRIOR_TICKET' });
  });
});

describe('round 41 — our fee named in English or Spanish (“monthly fee”, “cuota mensual”) is a billing question', () => {
  it.each([
    'Why did my monthly fee go up from 99 to 149 without notice?',
    'The platform fee on my last statement is higher than what I signed up for.',
    '¿Por qué subió la cuota mensual este mes? Nadie me avisó.',
  ])('BILLING_QUESTION — %s', async (text) => {
    await check({ name: text, from: 'ana@papelariaestrela.com.br', subject: 'fee', text, outcome: 'BILLING_QUESTION' });
  });

  it.each([
    // A fee her buyers pay at checkout: store side.
    'My customers see a shipping fee twice at checkout.',
  ])('guard — NO_PRIOR_TICKET: %s', async (text) => {
    await check({
      name: text,
      from: 'ana@papelariaestrela.com.br',
      subject: 'checkout',
      text,
      outcome: 'NO_PRIOR_TICKET',
    });
  });
});

describe('round 41 — when an option will be released (“quando vão liberar a opção de…”) is a feature question', () => {
  it.each([
    'Quando vão liberar a opção de vender no atacado com preço por quantidade?',
    'vcs vao disponibilizar integracao com o iFood algum dia?',
    'Quando a plataforma vai liberar o recurso de assinatura recorrente?',
  ])('OUT_OF_SCOPE_FEATURE — %s', async (text) => {
    await check({
      name: text,
      from: 'ana@papelariaestrela.com.br',
      subject: 'sugestão',
      text,
      outcome: 'OUT_OF_SCOPE_FEATURE',
    });
  });

  it.each([
    // Her access, her payout, an option that was there: not a feature.
    ['ACCESS_ISSUE', 'Quando vão liberar meu acesso ao painel? Estou bloqueada desde ontem.'],
    ['NO_PRIOR_TICKET', 'Quando vão liberar a opção de frete que sumiu depois da atualização?'],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({
      name: text,
      from: 'ana@papelariaestrela.com.br',
      subject: 'loja',
      text,
      outcome: outcome as Outcome,
    });
  });
});

describe('round 42 — the feature asked about, then whether they mean to build it if it is missing, is a feature question', () => {
  it.each([
    'Vocês têm relatório de curva ABC? Se não tiver, pensam em fazer?',
    'dá pra emitir nota fiscal dos pedidos direto pela plataforma? se não der, tem previsão?',
    'Tem como agendar a publicação de produtos? Caso não tenha, está nos planos de vocês?',
    'vcs tem app pra gerenciar a loja? se n tiver vcs vao fazer?',
  ])('OUT_OF_SCOPE_FEATURE — %s', async (text) => {
    await check({
      name: text,
      from: 'joao@lojadojoao.com.br',
      subject: 'dúvida',
      text,
      outcome: 'OUT_OF_SCOPE_FEATURE',
    });
  });

  it.each([
    // A condition with words between is about something else; an estorno asked of the service.
    ['BILLING_QUESTION', 'O Pix da mensalidade não caiu. Se não der certo, vão fazer o estorno?'],
    ['NO_PRIOR_TICKET', 'O produto está sem foto. Se não tiver estoque, vão ter que cancelar o pedido?'],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({ name: text, from: 'joao@lojadojoao.com.br', subject: 'loja', text, outcome: outcome as Outcome });
  });
});

describe('round 42 — the plan named as who she is is a plan question only when nothing is broken', () => {
  it.each([
    'Tenho o plano Básico. Meus produtos sumiram da vitrine.',
    'Estou no plano Pro desde 2023 e o relatório de vendas não abre.',
    'Sou cliente do plano Avançado há 3 anos. Desde ontem a loja está fora do ar.',
    'Somos do plano Pro. O relatório de estoque não carrega desde segunda.',
  ])('NO_PRIOR_TICKET — %s', async (text) => {
    await check({ name: text, from: 'ana@papelariaestrela.com.br', subject: 'loja', text, outcome: 'NO_PRIOR_TICKET' });
  });

  it.each([
    // The plan she holds, or the move to another, said by a client: not a prospect's price question.
    'Tenho o plano Pro. Quanto custa o anual?',
    '¿Cuánto cuesta pasar al plan anual?',
  ])('BILLING_QUESTION — %s', async (text) => {
    await check({
      name: text,
      from: 'ana@papelariaestrela.com.br',
      subject: 'plano',
      text,
      outcome: 'BILLING_QUESTION',
    });
  });

  it.each([
    // Nothing broken: she asks about the plan she holds, or to move from it.
    ['BILLING_QUESTION', 'Estou no plano Pro e quero mudar para o Básico.'],
    ['BILLING_QUESTION', 'Tenho o plano anual. Quando renova?'],
    ['BILLING_QUESTION', 'Sou assinante do plano Pro, quanto custa o upgrade pro Plus?'],
    ['BILLING_QUESTION', 'Quero cancelar o plano, a loja não vende.'],
    // A prospect's price question stays sales'.
    ['NOT_A_CLIENT', 'Quanto custa o plano Pro? Estou pensando em abrir uma loja.'],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({
      name: text,
      from: 'ana@papelariaestrela.com.br',
      subject: 'plano',
      text,
      outcome: outcome as Outcome,
    });
  });
});

describe('round 42 — a look-alike letter at the number’s end (“4821S”, “5231O”) is a guess that counts only when hers', () => {
  it.each([
    ['contato@eletroponto.com.br', 'o meu ticket é 4821S e até agora nada', '48215'],
    ['carla@docesdacarla.com.br', 'chamado 5231O sem resposta há uma semana, ninguém lê', '52310'],
  ])('ACCEPTED — %s: %s', async (from, text, ticket) => {
    await check({ name: text, from, subject: 'chamado', text, outcome: 'ACCEPTED', ticket });
  });

  it.each([
    // 48215 is another store's: the guess is dropped, neither accepted nor "not yours".
    ['lojista@modasbella.com.br', 'meu chamado é o 4821S, ninguém responde'],
  ])('guard — NO_PRIOR_TICKET: %s: %s', async (from, text) => {
    await check({ name: text, from, subject: 'chamado', text, outcome: 'NO_PRIOR_TICKET' });
  });
});

describe('round 42 — a number grouped by thousands after a “nº” is a guess that counts when hers', () => {
  it.each([
    ['financeiro@casadosaromas.com.br', 'Sobre o nº 48.214: o analista prometeu retorno e não retornou.', '48214'],
    ['carla@docesdacarla.com.br', 'O N° 52.310 continua sem resposta, ninguém me liga.', '52310'],
  ])('ACCEPTED — %s: %s', async (from, text, ticket) => {
    await check({ name: text, from, subject: 'suporte', text, outcome: 'ACCEPTED', ticket });
  });

  it.each([
    // Her store's order, named so: no ticket read.
    ['financeiro@casadosaromas.com.br', 'O pedido nº 48.214 de uma cliente não foi entregue, como rastreio?'],
    // Another store's number: dropped, not "not yours".
    ['joao@lojadojoao.com.br', 'Sobre o nº 48.214: ninguém me retornou.'],
  ])('guard — NO_PRIOR_TICKET: %s: %s', async (from, text) => {
    await check({ name: text, from, subject: 'suporte', text, outcome: 'NO_PRIOR_TICKET' });
  });
});

describe('round 42 — a buyer asking whether we are the store or its ombudsman, or whose order came broken or never came', () => {
  it.each([
    'oi vc eh da loja da Carla? fiz uma encomenda de doces e ngm me responde no whats',
    'Vocês são a ouvidoria deles? Já mandei três e-mails para a loja.',
    'Meu pedido 7781 da Modas Bella veio rasgado e a loja não responde.',
    'Comprei uma luminária que não chegou, já faz 20 dias.',
  ])('NOT_A_CLIENT (shopper) — %s', async (text) => {
    await check({
      name: text,
      from: 'comprador.sp@gmail.com',
      subject: 'pedido',
      text,
      outcome: 'NOT_A_CLIENT',
      variant: 'shopper',
    });
  });

  it.each([
    // A merchant saying who writes, asking whether this is the platform's office, her supplier's order.
    ['ACCESS_ISSUE', 'Aqui é da loja do João, o painel não abre e diz senha incorreta.'],
    ['NO_PRIOR_TICKET', 'Vocês são a ouvidoria da plataforma? Minha loja está fora do ar.'],
    ['NO_PRIOR_TICKET', 'Meu pedido no fornecedor chegou quebrado, como dou baixa no estoque?'],
    ['NO_PRIOR_TICKET', 'Comprei um tema que não chegou a ser instalado.'],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({ name: text, from: 'joao@lojadojoao.com.br', subject: 'loja', text, outcome: outcome as Outcome });
  });
});

describe('round 42 — a marketplace’s seller as who she is, and her seller account there, are not ours', () => {
  it.each([
    ['repasse', 'Sou vendedora da Shopee, quero saber por que meu repasse atrasou essa semana.'],
    ['conta suspensa', 'Minha conta de vendedor na Amazon foi suspensa, vocês conseguem ajudar?'],
    ['anúncios', 'Sou seller do Magalu e meus anúncios sumiram ontem.'],
  ])('NOT_A_CLIENT — %s: %s', async (subject, text) => {
    await check({ name: text, from: 'vendas.rapidas@gmail.com', subject, text, outcome: 'NOT_A_CLIENT' });
  });

  it.each([
    // A merchant of ours who sells there too, or whose marketplace is integrated; her own panel's block.
    ['NO_PRIOR_TICKET', 'Sou vendedor do Mercado Livre também e a integração com a minha loja parou.'],
    ['NO_PRIOR_TICKET', 'sou vendedora na shopee tb e meus pedidos de lá não entram'],
    ['ACCESS_ISSUE', 'Não consigo acessar minha conta, aparece conta suspensa.'],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({ name: text, from: 'joao@lojadojoao.com.br', subject: 'conta', text, outcome: outcome as Outcome });
  });
});

describe('round 42 — a client by the plan she is on, named alone, or by the move said with “pro”', () => {
  it.each([
    'bom dia é o joão eu queria saber quanto custa pra mudar pro plano anual porque vi que sai mais barato',
    'qnt custa o plano pro? eu to no basico',
    'Quanto custa o Plus? Somos do Essencial há um ano.',
  ])('BILLING_QUESTION — %s', async (text) => {
    await check({ name: text, from: 'joao@lojadojoao.com.br', subject: 'plano', text, outcome: 'BILLING_QUESTION' });
  });

  it.each([
    // A prospect's price question stays sales'.
    'Quanto custa o plano Pro? Estou no começo, pensando em abrir uma loja.',
  ])('guard — NOT_A_CLIENT: %s', async (text) => {
    await check({ name: text, from: 'novo.negocio@gmail.com', subject: 'plano', text, outcome: 'NOT_A_CLIENT' });
  });
});

describe('round 42 — a buyer asking in Spanish or English whether we are the store', () => {
  it.each([
    'Hola, compré un vestido en Modas Bella y quiero devolverlo, ¿ustedes son la tienda?',
    '¿Usted es de la tienda? Quiero cambiar unas zapatillas.',
    'Are you the store? I want to return a jacket.',
    "Is this the shop's customer service? I need to change my size.",
  ])('NOT_A_CLIENT (shopper) — %s', async (text) => {
    await check({
      name: text,
      from: 'buyer.abroad@gmail.com',
      subject: 'order',
      text,
      outcome: 'NOT_A_CLIENT',
      variant: 'shopper',
    });
  });

  it.each([
    // A merchant asking whether we are her store's platform.
    ['NO_PRIOR_TICKET', 'Is this the store admin support? My checkout is down.'],
    ['NO_PRIOR_TICKET', 'Are you the store builder company? I need help with my domain.'],
    ['ACCESS_ISSUE', '¿Ustedes son la plataforma de mi tienda? No puedo entrar al panel.'],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({ name: text, from: 'joao@lojadojoao.com.br', subject: 'help', text, outcome: outcome as Outcome });
  });
});

describe('round 42 — the wish to have, in English or Spanish (“it would be great if the platform had…”), is a feature request', () => {
  it.each([
    'It would be great if the platform had a loyalty points program.',
    'I wish you guys had a way to sell gift cards.',
    'Ojalá tuvieran venta de tarjetas de regalo.',
  ])('OUT_OF_SCOPE_FEATURE — %s', async (text) => {
    await check({
      name: text,
      from: 'carla@docesdacarla.com.br',
      subject: 'idea',
      text,
      outcome: 'OUT_OF_SCOPE_FEATURE',
    });
  });

  it.each([
    // The service wished for, or the past that went wrong.
    'It would be great if you had answered my emails.',
    'I wish there was someone answering the chat.',
    'It would be nice if the platform had worked during Black Friday.',
    'Ojalá hubiera alguien en el soporte los fines de semana.',
  ])('guard — NO_PRIOR_TICKET: %s', async (text) => {
    await check({
      name: text,
      from: 'carla@docesdacarla.com.br',
      subject: 'support',
      text,
      outcome: 'NO_PRIOR_TICKET',
    });
  });
});

describe('round 42 — with her ticket, a wish about the service in English or Spanish stays her complaint', () => {
  it.each([
    'Ticket 48213: I wish you had a phone line for urgent cases.',
    'Ticket 48213. I wish you had people who read what we write.',
    'Ticket 48213 - it would be nice if you had any follow-up at all.',
    'Chamado 48213: ojalá tuvieran una respuesta más rápida.',
  ])('guard — ACCEPTED: %s', async (text) => {
    await check({ name: text, from: 'lojista@modasbella.com.br', subject: 'ticket', text, outcome: 'ACCEPTED' });
  });
});

describe('round 42 — an integration the support said is missing, which she says is there, is her complaint about the answer', () => {
  it.each([
    'No ticket 48215 me disseram que a integração com o Bling não existe, mas ela aparece no painel.',
    'Chamado 48215: a atendente disse que vocês não possuem integração com o Mercado Livre, sendo que uso há um ano.',
    'Ticket 48215 — responderam que a plataforma não tem integração com a Shopee, e eu vendo por ela todo dia.',
  ])('ACCEPTED — %s', async (text) => {
    await check({ name: text, from: 'contato@eletroponto.com.br', subject: 'ticket', text, outcome: 'ACCEPTED' });
  });

  it.each([
    // Told it is missing, she asks for it, or when it comes: a feature request, her ticket or not.
    'O suporte disse que não existe integração com o iFood. Vocês poderiam criar?',
    'Chamado 48215: disseram que não existe integração com a Shopee, mas existe previsão? Quando vão ter?',
    'Vocês não têm integração com o iFood, mas tem previsão?',
    'Uso há três anos e queria integração com o Tiny, quando vão ter?',
  ])('guard — OUT_OF_SCOPE_FEATURE: %s', async (text) => {
    await check({
      name: text,
      from: 'contato@eletroponto.com.br',
      subject: 'integração',
      text,
      outcome: 'OUT_OF_SCOPE_FEATURE',
    });
  });
});

describe('round 42 — the move to a plan named by its period alone (“ir pro anual”) is a plan question', () => {
  it.each(['quanto custa pra ir pro anual?', 'compensa mudar para o anual?', 'quero passar pro mensal, como faço?'])(
    'BILLING_QUESTION — %s',
    async (text) => {
      await check({ name: text, from: 'joao@lojadojoao.com.br', subject: 'dúvida', text, outcome: 'BILLING_QUESTION' });
    },
  );

  it.each([
    // A yearly report, her buyers' yearly plan: not ours.
    'O relatório anual da loja não abre.',
    'Meus clientes não conseguem assinar o anual da minha box.',
  ])('guard — NO_PRIOR_TICKET: %s', async (text) => {
    await check({ name: text, from: 'joao@lojadojoao.com.br', subject: 'loja', text, outcome: 'NO_PRIOR_TICKET' });
  });
});

describe('round 42 — if it is missing, whether they mean to build it, asked indirectly (“e se não tiver se vocês pretendem fazer”)', () => {
  it.each([
    'bom dia eu queria saber se tem como colocar a loja em inglês e se não tiver se vocês pretendem fazer',
    'queria saber se vocês fazem venda por kit e se não tiver se pensam em fazer',
  ])('OUT_OF_SCOPE_FEATURE — %s', async (text) => {
    await check({
      name: text,
      from: 'joao@lojadojoao.com.br',
      subject: 'dúvida',
      text,
      outcome: 'OUT_OF_SCOPE_FEATURE',
    });
  });

  it.each([
    // The condition about something else, words between: the service asked.
    [
      'BILLING_QUESTION',
      'Queria saber se o Pix da mensalidade caiu e se não tiver caído se vocês vão fazer o estorno.',
    ],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({ name: text, from: 'joao@lojadojoao.com.br', subject: 'dúvida', text, outcome: outcome as Outcome });
  });
});

describe('round 42 — leaving altogether (“quero cancelar tudo”) is a plan question', () => {
  it.each(['qro cancelar td, n aguento mais essa plataforma', 'Quero cancelar tudo. Como faço?'])(
    'BILLING_QUESTION — %s',
    async (text) => {
      await check({
        name: text,
        from: 'joao@lojadojoao.com.br',
        subject: 'cancelar',
        text,
        outcome: 'BILLING_QUESTION',
      });
    },
  );

  it.each([
    // A threat over something to fix; her buyer's order.
    'Se não resolverem o frete até sexta, vou cancelar tudo.',
    'O cliente quer cancelar tudo o pedido e não acho o botão.',
  ])('guard — NO_PRIOR_TICKET: %s', async (text) => {
    await check({ name: text, from: 'joao@lojadojoao.com.br', subject: 'loja', text, outcome: 'NO_PRIOR_TICKET' });
  });
});

describe('round 42 — if it is missing, whether they mean to build it, in English or Spanish', () => {
  it.each([
    'Do you support selling in US dollars? If not, are you planning to?',
    "Do you have gift cards? If you don't, any plans?",
    '¿Venden por suscripción? Si no, ¿piensan hacerlo?',
  ])('OUT_OF_SCOPE_FEATURE — %s', async (text) => {
    await check({
      name: text,
      from: 'contato@eletroponto.com.br',
      subject: 'question',
      text,
      outcome: 'OUT_OF_SCOPE_FEATURE',
    });
  });

  it.each([
    // The service, or what broke: her complaint.
    ['ACCEPTED', 'Ticket 48215: if not, are you planning to answer it at all?'],
    ['NO_PRIOR_TICKET', 'The checkout broke again. If not, are you planning to fix it?'],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({
      name: text,
      from: 'contato@eletroponto.com.br',
      subject: 'support',
      text,
      outcome: outcome as Outcome,
    });
  });
});

describe('round 42 — an application for a job named between (“apply for the customer support position”) is an outsider’s', () => {
  it.each([
    'Hi, I would like to apply for the customer support position.',
    'I am writing to apply for a junior developer role at your company.',
  ])('NOT_A_CLIENT — %s', async (text) => {
    await check({ name: text, from: 'candidate.mail@gmail.com', subject: 'job', text, outcome: 'NOT_A_CLIENT' });
  });

  it.each([
    // A merchant applying a coupon, or for a refund of ours.
    ['NO_PRIOR_TICKET', 'How do I apply for the free shipping option in my store?'],
    ['BILLING_QUESTION', 'I want to apply for a refund for my plan.'],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({ name: text, from: 'joao@lojadojoao.com.br', subject: 'help', text, outcome: outcome as Outcome });
  });
});

describe('round 42 — our service invoice abbreviated (“as NFs de serviço”) is an invoice question', () => {
  it.each([
    [
      'fiscal@contabilpro.com.br',
      'Prezados, somos a contabilidade da Doces da Carla e precisamos das NFs de serviço de outubro e novembro.',
    ],
    ['carla@docesdacarla.com.br', 'Preciso da NF de serviço de outubro para o fechamento.'],
  ])('BILLING_QUESTION — %s: %s', async (from, text) => {
    await check({ name: text, from, subject: 'NF', text, outcome: 'BILLING_QUESTION' });
  });

  it.each([
    // The invoices her store issues to her buyers.
    'Como emito NF de serviço para meus clientes pela loja?',
    'A NF do pedido do cliente saiu com erro.',
  ])('guard — NO_PRIOR_TICKET: %s', async (text) => {
    await check({ name: text, from: 'joao@lojadojoao.com.br', subject: 'NF', text, outcome: 'NO_PRIOR_TICKET' });
  });
});

describe('round 42 — the money of her order asked back (“o dinheiro do meu pedido de volta”, “o estorno do meu pedido”) is a shopper’s', () => {
  it.each([
    'Quero o dinheiro do meu pedido de volta, a loja não responde. Pedido 52310.',
    'Preciso do estorno do meu pedido, já devolvi a blusa faz duas semanas.',
  ])('NOT_A_CLIENT (shopper) — %s', async (text) => {
    await check({
      name: text,
      from: 'marina.compras@gmail.com',
      subject: 'pedido',
      text,
      outcome: 'NOT_A_CLIENT',
      variant: 'shopper',
    });
  });

  it.each([
    // Her payout, her purchase from us.
    ['NO_PRIOR_TICKET', 'Cadê o valor do meu pedido de saque?'],
    ['BILLING_QUESTION', 'O estorno do meu pedido de créditos SMS não caiu.'],
  ])('guard — %s: %s', async (outcome, text) => {
    await check({ name: text, from: 'joao@lojadojoao.com.br', subject: 'valor', text, outcome: outcome as Outcome });
  });
});

describe('round 42 — the tracking of her order (“o rastreio do meu pedido”) is a shopper’s', () => {
  it.each([
    'o código de rastreio do meu pedido da Eletro Ponto não funciona nos Correios',
    'O rastreamento do meu pedido não atualiza há 10 dias.',
  ])('NOT_A_CLIENT (shopper) — %s', async (text) => {
    await check({
      name: text,
      from: 'cliente.final.rj@gmail.com',
      subject: 'rastreio',
      text,
      outcome: 'NOT_A_CLIENT',
      variant: 'shopper',
    });
  });

  it.each([
    // Her own purchase from us; her buyers' tracking.
    'o rastreio do meu pedido de etiquetas não atualiza',
    'o rastreio dos pedidos não aparece para o cliente',
  ])('guard — NO_PRIOR_TICKET: %s', async (text) => {
    await check({ name: text, from: 'joao@lojadojoao.com.br', subject: 'rastreio', text, outcome: 'NO_PRIOR_TICKET' });
  });
});

describe('round 42 — chat-speak “tão contratando” is a job seeker’s', () => {
  it.each(['vcs tão contratando dev? tenho interesse'])('NOT_A_CLIENT — %s', async (text) => {
    await check({ name: text, from: 'vaga.dev@gmail.com', subject: 'vaga', text, outcome: 'NOT_A_CLIENT' });
  });

  it.each([
    // "tão" as "so": a merchant's complaint.
    'vcs tão demorando pra responder, o painel está com erro',
  ])('guard — NO_PRIOR_TICKET: %s', async (text) => {
    await check({ name: text, from: 'joao@lojadojoao.com.br', subject: 'erro', text, outcome: 'NO_PRIOR_TICKET' });
  });
});

describe('round 42 — an order she wants to place (“quero fazer uma encomenda”) is a shopper’s', () => {
  it.each([
    'O site da loja de doces está fora do ar, sabem quando volta? Quero fazer uma encomenda.',
    'Queria encomendar um bolo de aniversário, vocês entregam em BH?',
  ])('NOT_A_CLIENT (shopper) — %s', async (text) => {
    await check({
      name: text,
      from: 'maria.r@gmail.com',
      subject: 'encomenda',
      text,
      outcome: 'NOT_A_CLIENT',
      variant: 'shopper',
    });
  });

  it.each([
    // Her buyers' orders; her own purchase from us.
    'Minhas clientes querem fazer encomenda e o site não deixa.',
    'Quero encomendar etiquetas pela plataforma, como faço?',
  ])('guard — NO_PRIOR_TICKET: %s', async (text) => {
    await check({ name: text, from: 'carla@docesdacarla.com.br', subject: 'loja', text, outcome: 'NO_PRIOR_TICKET' });
  });
});

describe('round 43 — orders her buyers pay by boleto are the store’s sales, not our invoice', () => {
  it.each([
    'Os pedidos pagos no boleto não mudam de status sozinhos, tenho que alterar um por um.',
    'As compras pagas via boleto bancário ficam pendentes no painel.',
    'As vendas pagas por boleto não aparecem no relatório do dia.',
  ])('NO_PRIOR_TICKET — %s', async (text) => {
    await check({ name: text, from: 'joao@lojadojoao.com.br', subject: 'pedidos', text, outcome: 'NO_PRIOR_TICKET' });
  });

  it.each([
    // Our own boleto and invoice.
    'O boleto da mensalidade não chegou este mês.',
    'Paguei o pedido de upgrade com boleto e o plano não mudou.',
    'Paguei o boleto da fatura e continua em aberto.',
    'Sou cliente e pago o boleto em dia, mas veio cobrança de juros.',
  ])('guard — BILLING_QUESTION: %s', async (text) => {
    await check({ name: text, from: 'joao@lojadojoao.com.br', subject: 'boleto', text, outcome: 'BILLING_QUESTION' });
  });

  it.each([
    // Her buyers paying by boleto, already read as the store's.
    'Quando o cliente paga no boleto o pedido não baixa sozinho.',
    'Os clientes que pagam com boleto reclamam que o boleto vence em 1 dia.',
  ])('guard — NO_PRIOR_TICKET: %s', async (text) => {
    await check({ name: text, from: 'joao@lojadojoao.com.br', subject: 'pedidos', text, outcome: 'NO_PRIOR_TICKET' });
  });
});

describe('round 43 — a forward whose own words only point at it (“Segue abaixo.”) is read as a bare one', () => {
  const forwarded = (from: string, subject: string, body: string) =>
    `\n\n---------- Forwarded message ---------\nDe: ${from}\nDate: ter., 24 de nov. de 2026 às 16:40\nSubject: ${subject}\nTo: <lojista@loja.com.br>\n\n${body}`;
  it.each([
    [
      'segue abaixo',
      'Fwd: Aviso de suspensão',
      forwarded(
        'Financeiro <financeiro@example.com.br>',
        'Aviso de suspensão',
        'Identificamos pendência financeira referente às faturas de outubro. Sua loja será suspensa em 5 dias.',
      ),
      'BILLING_QUESTION',
    ],
    [
      'Vide abaixo.',
      'ENC: Comunicado',
      forwarded(
        'Plataforma <no-reply@example.com.br>',
        'Usuário inativo',
        'Seu usuário foi bloqueado após 90 dias sem acesso ao painel administrativo.',
      ),
      'ACCESS_ISSUE',
    ],
    [
      'Bom dia, para conhecimento.\n\nAtt,\nJoão',
      'Fwd: Aviso importante',
      forwarded(
        'Financeiro <financeiro@example.com.br>',
        'Sua fatura',
        'A fatura de novembro está disponível no painel.',
      ),
      'BILLING_QUESTION',
    ],
  ])('%j + %s → %s', async (top, subject, below, outcome) => {
    await check({
      name: top,
      from: 'joao@lojadojoao.com.br',
      subject,
      text: `${top}${below}`,
      outcome: outcome as Outcome,
    });
  });

  it.each([
    // A shopper's charge she forwards stays the store's matter (charges are not read in a forward).
    [
      'Segue abaixo.',
      'Fwd: compra',
      forwarded('Cliente <cliente123@gmail.com>', 'compra', 'O site cobrou meu cartão duas vezes pela mesma compra.'),
      'NO_PRIOR_TICKET',
    ],
    // Words of her own beside the pointer: her words are what is read.
    [
      'Segue abaixo a reclamação da minha cliente.',
      'Fwd: pedido',
      forwarded('Cliente <cliente123@gmail.com>', 'pedido', 'Paguei o boleto e a fatura do pedido não chegou.'),
      'NO_PRIOR_TICKET',
    ],
    // The support's reply forwarded, her ticket in it.
    [
      'Segue abaixo.',
      'Fwd: [Chamado #52311] Boleto',
      forwarded('Suporte <suporte@example.com.br>', '[Chamado #52311] Boleto', 'Seu chamado foi encerrado.'),
      'ACCEPTED',
    ],
  ])('guard — %j + %s → %s', async (top, subject, below, outcome) => {
    await check({
      name: top,
      from: 'joao@lojadojoao.com.br',
      subject,
      text: `${top}${below}`,
      outcome: outcome as Outcome,
    });
  });
});

describe('round 43 — a feature asked for in the passive (“que fosse criada uma opção”) or as the platform’s need', () => {
  it.each([
    'Com todo o respeito, gostaria de sugerir que fosse criada uma opção de venda por assinatura.',
    'Sugiro que seja criado um programa de fidelidade.',
    'Peço que seja desenvolvida uma integração com a Shein.',
    'Nossa agência precisa que a plataforma tenha teste A/B de páginas.',
  ])('OUT_OF_SCOPE_FEATURE — %s', async (text) => {
    await check({
      name: text,
      from: 'ana@papelariaestrela.com.br',
      subject: 'sugestão',
      text,
      outcome: 'OUT_OF_SCOPE_FEATURE',
    });
  });

  it.each([
    // A service done for her, or what broke.
    'Solicito que seja criado um novo chamado para o meu caso.',
    'Peço que seja criado um usuário para minha funcionária.',
    'Gostaria que fosse criado um protocolo para meu caso.',
    'Peço que seja criada uma solução definitiva para o problema do frete.',
    'Precisamos que a plataforma tenha estabilidade, a loja caiu 3 vezes.',
  ])('guard — NO_PRIOR_TICKET: %s', async (text) => {
    await check({ name: text, from: 'ana@papelariaestrela.com.br', subject: 'loja', text, outcome: 'NO_PRIOR_TICKET' });
  });
});

describe('round 43 — an app maker, an ERP or a gateway introducing itself is a supplier, not a client', () => {
  it.each([
    'Somos o fornecedor do app de avaliações instalado em várias lojas. Desde a atualização de vocês nosso script não carrega.',
    'Somos os desenvolvedores do app Estoque Fácil, disponível na loja de aplicativos de vocês.',
    'Somos a empresa responsável pelo app de avaliações usado por muitos lojistas de vocês.',
    'Gostaríamos de oferecer nosso gateway de pagamento integrado à plataforma de vocês. Podemos agendar uma reunião?',
    'Somos um ERP e queremos integrar com a plataforma de vocês.',
  ])('NOT_A_CLIENT — %s', async (text) => {
    await check({ name: text, from: 'parcerias@empresa.com.br', subject: 'parceria', text, outcome: 'NOT_A_CLIENT' });
  });

  it.each([
    // A merchant's supplier, her own app, her ERP; a wholesaler selling here.
    'O fornecedor do app de frete diz que o problema é de vocês.',
    'Somos a desenvolvedora do app próprio da loja e o app parou de receber pedidos.',
    'Nosso ERP não integra mais, o Bling parou.',
    'Somos uma fornecedora de embalagens e nossos clientes não conseguem finalizar a compra.',
    'Queremos oferecer nossa plataforma de cursos aos clientes da minha loja.',
  ])('guard — NO_PRIOR_TICKET: %s', async (text) => {
    await check({ name: text, from: 'joao@lojadojoao.com.br', subject: 'loja', text, outcome: 'NO_PRIOR_TICKET' });
  });
});

describe('round 43 — a lawyer acting “em nome da minha cliente” or “represento o Sr.” for a store’s buyer', () => {
  it.each([
    'Em nome da minha cliente Maria S., consumidora que comprou na loja Modas Bella, solicito os dados do lojista para fins de ação judicial.',
    'Represento o Sr. Paulo Lima, que comprou uma TV na loja Eletro Ponto e não recebeu. Solicito os dados da loja.',
    'Em nome do meu cliente, que fez um pedido na loja Doces da Carla, notifico que o produto não foi entregue.',
  ])('NOT_A_CLIENT (shopper) — %s', async (text) => {
    await check({
      name: text,
      from: 'juridico@escritoriomartins.adv.br',
      subject: 'Notificação',
      text,
      outcome: 'NOT_A_CLIENT',
      variant: 'shopper',
    });
  });

  it.each([
    // The merchant is the lawyer's client.
    'Em nome da minha cliente, a Casa dos Aromas Ltda., cliente desta plataforma, notifico que a loja está fora do ar.',
    'Em nome da minha cliente, lojista da plataforma, informo que um consumidor comprou na loja dela e o pedido sumiu do painel.',
  ])('guard — NO_PRIOR_TICKET: %s', async (text) => {
    await check({
      name: text,
      from: 'dr.fernando@fernandoadv.com.br',
      subject: 'Notificação',
      text,
      outcome: 'NO_PRIOR_TICKET',
    });
  });
});

describe('round 43 — the voseo (“¿tenés integración…?”, “¿podés agregar…?”) asks what “ustedes tienen/pueden” does', () => {
  it.each([
    'Buenas, ¿tenés integración con Mercado Libre Uruguay? No la encuentro en el panel.',
    '¿Vos tenés alguna integración con Tiendanube?',
    'Che, ¿tenés API para integrar mi ERP?',
    '¿Podés agregar la opción de vender por suscripción?',
  ])('OUT_OF_SCOPE_FEATURE — %s', async (text) => {
    await check({
      name: text,
      from: 'ana@papelariaestrela.com.br',
      subject: 'consulta',
      text,
      outcome: 'OUT_OF_SCOPE_FEATURE',
    });
  });

  it.each([
    // Her ticket; her sign-in; an API in use, broken; a gaúcho's "tu podes".
    ['Vos tenés que arreglar esto, el ticket 51000 sigue abierto.', 'ACCEPTED'],
    ['¿Me podés ayudar? No puedo entrar al panel.', 'ACCESS_ISSUE'],
    ['Tenés API pero no funciona, los pedidos no entran.', 'NO_PRIOR_TICKET'],
    ['Tu podes me ajudar? Não consigo entrar no painel.', 'ACCESS_ISSUE'],
  ])('guard — %s → %s', async (text, outcome) => {
    await check({
      name: text,
      from: 'ana@papelariaestrela.com.br',
      subject: 'consulta',
      text,
      outcome: outcome as Outcome,
    });
  });
});

describe('round 43 — “del plan” (“pasar del plan básico al pro”) is a plan question of a client, not a prospect’s', () => {
  it.each([
    '¿Cómo hago para pasar del plan básico al plan pro? ¿Cuánto cuesta la diferencia?',
    '¿Cuánto cuesta cambiarme del plan mensual al anual?',
    'Quiero subir del plan básico al pro, ¿cuánto sale?',
  ])('BILLING_QUESTION — %s', async (text) => {
    await check({ name: text, from: 'joao@lojadojoao.com.br', subject: 'plan', text, outcome: 'BILLING_QUESTION' });
  });

  it.each([
    // A prospect says so, or asks what each plan includes.
    'Hola, ¿cuánto cuesta el plan para abrir una tienda? Todavía no soy cliente.',
    'Hola, quiero abrir mi tienda online. ¿Cuánto cuesta? ¿Qué incluye cada plan?',
  ])('guard — NOT_A_CLIENT: %s', async (text) => {
    await check({ name: text, from: 'carlos@tiendaba.com.ar', subject: 'info', text, outcome: 'NOT_A_CLIENT' });
  });
});

describe('round 43 — a Rioplatense prospect (“¿cuánto sale?”, “pensando en abrir una tienda con ustedes”)', () => {
  it.each([
    '¿Cuál es el precio del plan básico? Estoy pensando en abrir una tienda con ustedes.',
    'Hola, tengo una tienda en Montevideo y quiero saber si la plataforma funciona en Uruguay. ¿Cuánto sale?',
    'Hola, ¿cuánto sale la plataforma por mes?',
    'Me interesa abrir mi tienda en la plataforma.',
  ])('NOT_A_CLIENT — %s', async (text) => {
    await check({ name: text, from: 'sofia@tiendasofi.com.uy', subject: 'info', text, outcome: 'NOT_A_CLIENT' });
  });

  it.each([
    // The store's shipping (read as a prospect's price question before, with "cuesta" too); her plan; her ticket.
    ['¿Cuánto sale el envío a Montevideo? Mis clientes preguntan.', 'NO_PRIOR_TICKET'],
    ['¿Cuánto cuesta el envío a Montevideo?', 'NO_PRIOR_TICKET'],
    ['Mi plan es el básico, ¿cuánto sale el pro?', 'BILLING_QUESTION'],
    ['Ticket 52311: ¿cuánto sale el módulo que me prometieron?', 'ACCEPTED'],
  ])('guard — %s → %s', async (text, outcome) => {
    await check({ name: text, from: 'joao@lojadojoao.com.br', subject: 'consulta', text, outcome: outcome as Outcome });
  });
});

describe('round 43 — an integration that used to work, said in Spanish or English, is not a feature question', () => {
  it.each([
    '¿Tienen integración con Mercado Libre? Antes funcionaba y ahora no.',
    '¿Tienen integración con Mercado Libre? Funcionaba hasta la actualización.',
    'Do you have an integration with Amazon? It used to work and now orders do not come in.',
  ])('NO_PRIOR_TICKET — %s', async (text) => {
    await check({
      name: text,
      from: 'ana@papelariaestrela.com.br',
      subject: 'consulta',
      text,
      outcome: 'NO_PRIOR_TICKET',
    });
  });

  it.each([
    // Asked plainly; a person who used to work with another platform.
    '¿Tienen integración con Mercado Libre?',
    'Any plans to add a Mercado Libre integration? I used to work with Tiendanube.',
  ])('guard — OUT_OF_SCOPE_FEATURE: %s', async (text) => {
    await check({
      name: text,
      from: 'ana@papelariaestrela.com.br',
      subject: 'consulta',
      text,
      outcome: 'OUT_OF_SCOPE_FEATURE',
    });
  });
});

describe('round 43 — the marketing SMS a buyer receives from a store is no SMS bought from us', () => {
  it.each([
    'Comprei uma vez na Eletro Ponto e agora recebo SMS todo dia. Quero que apaguem meu cadastro.',
    'Comprei na loja Modas Bella e desde então recebo SMS de promoção.',
  ])('NOT_A_CLIENT (shopper) — %s', async (text) => {
    await check({
      name: text,
      from: 'pedro.comprador@gmail.com',
      subject: 'SMS',
      text,
      outcome: 'NOT_A_CLIENT',
      variant: 'shopper',
    });
  });

  it.each([
    // SMS the merchant bought from us.
    'Comprei SMS na plataforma e não chegaram.',
    'Comprei um pacote de SMS na loja de apps e não funciona.',
    'Fiz uma compra na loja de SMS marketing de vocês e não liberou.',
  ])('guard — NO_PRIOR_TICKET: %s', async (text) => {
    await check({ name: text, from: 'joao@lojadojoao.com.br', subject: 'sms', text, outcome: 'NO_PRIOR_TICKET' });
  });
});

describe('round 43 — a second store beside the one she has with us is a client’s question, not a prospect’s', () => {
  it.each([
    ['Quero abrir uma loja nova além da que já tenho com vocês.', 'NO_PRIOR_TICKET'],
    ['Quiero abrir una tienda nueva además de la que ya tengo con ustedes.', 'NO_PRIOR_TICKET'],
    ['Quero abrir uma segunda loja, já tenho uma com vocês. Quanto custa o plano?', 'BILLING_QUESTION'],
  ])('%s → %s', async (text, outcome) => {
    await check({
      name: text,
      from: 'joao@lojadojoao.com.br',
      subject: 'nova loja',
      text,
      outcome: outcome as Outcome,
    });
  });

  it.each([
    // A store elsewhere, or none.
    'Quero abrir uma loja com vocês, quanto custa?',
    'Já tenho uma loja na Nuvemshop e quero abrir outra com vocês. Quanto custa?',
  ])('guard — NOT_A_CLIENT: %s', async (text) => {
    await check({ name: text, from: 'novo.lojista@gmail.com', subject: 'loja', text, outcome: 'NOT_A_CLIENT' });
  });
});

describe('round 44 — a client who says so in the plural, in Spanish or in English is no prospect', () => {
  it.each([
    'Quanto custa o plano avançado? Já somos clientes do básico.',
    'Quanto custa o plano pro? Sou cliente da plataforma há 2 anos.',
    'Quanto custa o plano pro? Somos clientes de vocês desde 2020.',
    '¿Cuánto cuesta el plan avanzado? Ya soy cliente del plan básico.',
    '¿Cuánto cuesta el plan pro? Soy cliente desde 2022.',
    '¿Cuánto sale el plan anual? Somos clientes hace 3 años.',
    'What are your prices for the annual plan? We are customers since 2020.',
    'How much does it cost to move to the annual plan? I have been a customer for years.',
  ])('BILLING_QUESTION — %s', async (text) => {
    await check({ name: text, from: 'martin@tiendasur.com.ar', subject: 'plan', text, outcome: 'BILLING_QUESTION' });
  });

  it.each([
    // A store still to open, or a client of another platform.
    'Quanto custa o plano pro? Quero abrir uma loja.',
    '¿Cuánto cuesta el plan pro? Quiero abrir mi tienda.',
    'Sou cliente da Shopify e quero migrar, quanto custa?',
    '¿Cuánto cuesta el plan? Soy cliente de Tiendanube y quiero migrar.',
    // The client's words, negated.
    'Ainda não sou cliente de vocês. Quanto custa o plano?',
    'No somos clientes de ustedes todavía. ¿Cuánto cuesta el plan?',
  ])('guard — NOT_A_CLIENT: %s', async (text) => {
    await check({ name: text, from: 'novo.lojista@gmail.com', subject: 'plano', text, outcome: 'NOT_A_CLIENT' });
  });
});

describe('round 44 — a prospect wants her own site, asks for the migration by its noun, or asks in Spanish what opening a store costs', () => {
  it.each([
    'Olá, tenho uma loja no Instagram e quero montar meu site. Como funciona?',
    'Vendo pelo WhatsApp e gostaria de criar meu site de vendas. Vocês ajudam?',
    'Quero ter minha loja online, como funciona?',
    'Vocês fazem migração da Shopify para a plataforma de vocês? Estou pensando em trocar.',
    'Como funciona a migração da Nuvemshop para vocês?',
    'Quisiera saber los precios para abrir una tienda online.',
    'Me gustaría abrir una tienda online con ustedes, ¿qué necesito?',
  ])('NOT_A_CLIENT — %s', async (text) => {
    await check({ name: text, from: 'thais.insta@gmail.com', subject: 'loja', text, outcome: 'NOT_A_CLIENT' });
  });

  it.each([
    // Her site, mended or made better; the migration done, and what it broke; her store that will not open;
    // a client just signed up.
    'Quero montar meu site de novo, o tema quebrou. Como faço?',
    'Quero fazer meu site ficar mais rápido, está muito lento.',
    'Preciso criar um site de afiliados dentro da minha loja, é possível?',
    'A migração da Nuvemshop para vocês apagou meus clientes.',
    'A migração do WooCommerce para vocês não trouxe as fotos dos produtos.',
    'No puedo abrir mi tienda online desde ayer.',
    'Contratei vocês semana passada e quero criar minha loja online, como faço?',
  ])('guard — NO_PRIOR_TICKET: %s', async (text) => {
    await check({ name: text, from: 'lojista@modasbella.com.br', subject: 'loja', text, outcome: 'NO_PRIOR_TICKET' });
  });
});

describe('round 44 — a supplier wishes a partnership in the plural, or offers its services in English', () => {
  it.each([
    'Somos a PagFácil, gateway de pagamentos, e gostaríamos de uma parceria com a plataforma.',
    'Queremos fazer uma parceria com vocês para oferecer frete mais barato.',
    'We offer web design services at affordable prices for your merchants.',
    'We provide SEO and copywriting services for online stores.',
  ])('NOT_A_CLIENT — %s', async (text) => {
    await check({ name: text, from: 'parcerias@pagfacil.com.br', subject: 'Parceria', text, outcome: 'NOT_A_CLIENT' });
  });

  it.each([
    // Her store's partner, or a service of her own store's.
    ['Queremos fazer uma parceria com uma transportadora, vocês têm integração com a Jadlog?', 'OUT_OF_SCOPE_FEATURE'],
    ['We provide gift wrapping services in my store and the option disappeared.', 'NO_PRIOR_TICKET'],
    ['We offer free shipping in our store but the checkout charges shipping anyway.', 'NO_PRIOR_TICKET'],
  ])('guard — %s → %s', async (text, outcome) => {
    await check({
      name: text,
      from: 'lojista@modasbella.com.br',
      subject: 'loja',
      text,
      outcome: outcome as Outcome,
    });
  });
});

describe('round 44 — a buyer trying to buy at a store, or who bought "lá" once; the buyer’s words denied', () => {
  it.each([
    'Estou tentando comprar numa loja de vocês e o cartão é sempre recusado, podem ajudar?',
    'Tentei comprar um vestido no site da Modas Bella e deu erro no pagamento.',
    'to tentando comprar na loja do joao e nao finaliza',
    'Quero que apaguem meus dados da loja Modas Bella, comprei lá uma vez.',
    'Já comprei lá e agora recebo e-mail todo dia, quero sair da lista.',
    'Comprei nessa loja e o produto não chegou, vocês podem me ajudar?',
  ])('NOT_A_CLIENT (shopper) — %s', async (text) => {
    await check({
      name: text,
      from: 'bia.costa@gmail.com',
      subject: 'compra',
      text,
      outcome: 'NOT_A_CLIENT',
      variant: 'shopper',
    });
  });

  it.each([
    // The merchant denies being a buyer; tries her own store, or an app or theme; her buyers try.
    ['Não sou compradora, sou a dona da loja Papelaria Estrela.', 'NO_PRIOR_TICKET'],
    ['Não sou consumidora, sou lojista: os pedidos dos meus clientes não aparecem.', 'NO_PRIOR_TICKET'],
    ['Tentei comprar na loja para testar e o cartão foi recusado.', 'NO_PRIOR_TICKET'],
    ['Meus clientes estão tentando comprar no site e o cartão é recusado.', 'NO_PRIOR_TICKET'],
    ['Tentei comprar um tema na loja de temas e deu erro.', 'NO_PRIOR_TICKET'],
    ['O cliente tentou comprar no site e não conseguiu.', 'NO_PRIOR_TICKET'],
    ['Solo compré la plantilla premium una vez y me cobran todos los meses.', 'BILLING_QUESTION'],
  ])('guard — %s → %s', async (text, outcome) => {
    await check({
      name: text,
      from: 'ana@papelariaestrela.com.br',
      subject: 'loja',
      text,
      outcome: outcome as Outcome,
    });
  });
});

describe('round 44 — one late bill to split is a negotiation; what she dropped and "continua sendo cobrado" is our charge', () => {
  it.each([
    'Vocês podem parcelar a fatura atrasada em 3x?',
    'Consigo dividir minhas mensalidades vencidas em 4 vezes?',
    'Posso parcelar essa fatura em aberto no cartão?',
    'Dá para parcelar o boleto vencido da mensalidade?',
  ])('OUT_OF_SCOPE_COMMERCIAL — %s', async (text) => {
    await check({
      name: text,
      from: 'financeiro@casadosaromas.com.br',
      subject: 'fatura',
      text,
      outcome: 'OUT_OF_SCOPE_COMMERCIAL',
    });
  });

  it.each([
    'Desinstalei o app de avaliações mas ele continua sendo cobrado na minha mensalidade.',
    'Cancelei o tema premium e ele segue sendo cobrado.',
    'O plano antigo ainda está sendo cobrado junto com o novo.',
    'Os apps que desinstalei ainda estão sendo cobrados.',
  ])('BILLING_QUESTION — %s', async (text) => {
    await check({
      name: text,
      from: 'financeiro@casadosaromas.com.br',
      subject: 'apps',
      text,
      outcome: 'BILLING_QUESTION',
    });
  });

  it.each([
    // Her buyers' charges and bills, not ours.
    'Os clientes continuam sendo cobrados em dobro no checkout.',
    'Meus clientes ainda estão sendo cobrados pelo frete grátis.',
    'Como faço para parcelar a fatura do cartão dos meus clientes em atraso?',
    'O boleto vencido dos meus clientes não dá para dividir?',
  ])('guard — NO_PRIOR_TICKET: %s', async (text) => {
    await check({
      name: text,
      from: 'financeiro@casadosaromas.com.br',
      subject: 'loja',
      text,
      outcome: 'NO_PRIOR_TICKET',
    });
  });
});

describe('round 44 — a lost sign-in in "no logro", "no consigo ingresar" and portunhol; Spanish "ingresar" data is no sign-in', () => {
  it.each([
    'Hola, tengo una loja y no consigo acessar o painel desde ayer',
    'no logro entrar al panel de administración',
    'No consigo ingresar a mi cuenta.',
    'No logro iniciar sesión desde el celular.',
  ])('ACCESS_ISSUE — %s', async (text) => {
    await check({ name: text, from: 'gaby@tiendasur.com.ar', subject: 'panel', text, outcome: 'ACCESS_ISSUE' });
  });

  it.each([
    'No puedo ingresar el código de seguimiento en el pedido.',
    'No puedo ingresar productos nuevos, da error.',
    'No consigo ingresar el precio de oferta en el producto.',
  ])('NO_PRIOR_TICKET — %s', async (text) => {
    await check({ name: text, from: 'gaby@tiendasur.com.ar', subject: 'tienda', text, outcome: 'NO_PRIOR_TICKET' });
  });

  it.each([
    // The verification code typed at sign-in, and the panel, are still a lost sign-in.
    ['No puedo ingresar el código de verificación que me llega por SMS.', 'ACCESS_ISSUE'],
    ['No puedo ingresar al panel.', 'ACCESS_ISSUE'],
    ['No consigo que los clientes entren a la tienda.', 'NO_PRIOR_TICKET'],
  ])('guard — %s → %s', async (text, outcome) => {
    await check({ name: text, from: 'gaby@tiendasur.com.ar', subject: 'tienda', text, outcome: outcome as Outcome });
  });
});

describe('round 44 — the contract, the store or all of it cancelled in the imperative; Spanish "la baja" of the service', () => {
  it.each([
    'Cancelem meu contrato imediatamente sob pena de ação judicial.',
    'Encerrem minha conta hoje.',
    'cancela tudo, nao quero mais',
    'Quiero la baja del servicio y que no me cobren más.',
    'Necesito dar de baja mi cuenta, ya no vendo más.',
    'Quiero darme de baja, ¿cómo hago?',
  ])('BILLING_QUESTION — %s', async (text) => {
    await check({
      name: text,
      from: 'joao@lojadojoao.com.br',
      subject: 'cancelamento',
      text,
      outcome: 'BILLING_QUESTION',
    });
  });

  it.each([
    // A product or a listing taken down, an order cancelled.
    '¿Cómo doy de baja un producto que ya no vendo?',
    'Quiero dar de baja una publicación vieja.',
    'Quero cancelar o pedido 1234, como faço?',
  ])('guard — NO_PRIOR_TICKET: %s', async (text) => {
    await check({ name: text, from: 'joao@lojadojoao.com.br', subject: 'loja', text, outcome: 'NO_PRIOR_TICKET' });
  });
});

describe('round 44 — a buyer: what "que veio" of her purchase, what she got broken, the store’s phone, delivered and never received', () => {
  it.each([
    'Olá, sou cliente da Eletro Ponto e comprei uma TV que veio com a tela trincada.',
    'Recebi o produto quebrado, a loja Doces da Carla não responde.',
    'Vocês podem me passar o telefone da loja Casa dos Aromas? Preciso trocar um produto.',
    'A transportadora disse que entregou mas não recebi nada, pedido da Modas Bella.',
    'Preciso do telefone da loja Casa dos Aromas, quero trocar um produto.',
    // Held before; "de volta" alone is no store's return.
    'Quero meu dinheiro de volta, comprei e não recebi.',
  ])('NOT_A_CLIENT (shopper) — %s', async (text) => {
    await check({
      name: text,
      from: 'joana.s@gmail.com',
      subject: 'compra',
      text,
      outcome: 'NOT_A_CLIENT',
      variant: 'shopper',
    });
  });

  it.each([
    // A return to her store; her labels, theme; her own store's phone; her buyer's delivery.
    'Recebi o produto quebrado de volta do cliente, como faço a troca?',
    'Comprei etiquetas que vieram erradas e o app não imprime.',
    'Como mudo o telefone da loja que aparece no rodapé?',
    'O cliente disse que a transportadora entregou mas ele não recebeu.',
    'Comprei um tema que veio sem as fontes.',
  ])('guard — NO_PRIOR_TICKET: %s', async (text) => {
    await check({ name: text, from: 'lojista@modasbella.com.br', subject: 'loja', text, outcome: 'NO_PRIOR_TICKET' });
  });
});

describe('round 44 — a prospect asks whether her kind of store is taken, what a site with us costs, or signs up in English', () => {
  it.each([
    'Vocês aceitam loja de suplementos? Quero começar.',
    'Vocês trabalham com lojas de roupas?',
    'Qual o valor para criar um site de vendas com vocês?',
    "Hi, do you support stores in Portugal? I'd like to sign up.",
  ])('NOT_A_CLIENT — %s', async (text) => {
    await check({ name: text, from: 'suple.fit@gmail.com', subject: 'loja', text, outcome: 'NOT_A_CLIENT' });
  });

  it.each([
    // Her store with us, a test store she made, the app store.
    'Minha loja com vocês está fora do ar.',
    'Criei uma loja de teste com vocês e quero apagar.',
    'Vocês aceitam loja de aplicativos de terceiros?',
    'Minha loja está com vocês há 3 anos e nunca tive problema, mas agora o frete parou.',
  ])('guard — NO_PRIOR_TICKET: %s', async (text) => {
    await check({ name: text, from: 'lojista@modasbella.com.br', subject: 'loja', text, outcome: 'NO_PRIOR_TICKET' });
  });
});

describe('round 44 — our own reply forwarded back bare is no notice of hers', () => {
  const npt = renderReply(
    'NO_PRIOR_TICKET',
    { subject: 'Loja lenta', receivedAt: '2026-11-25T13:01:00.000Z', ticket: { status: 'none' } },
    localConfig,
  ).text;
  const gmailQuote = (text: string) =>
    `\n\nEm qua., 25 de nov. de 2026 às 10:02, Ouvidoria <ouvidoria@ouvidoria.example.com.br> escreveu:\n${`${text}\n\n> Loja lenta.`
      .split('\n')
      .map((line) => `> ${line}`.trimEnd())
      .join('\n')}`;
  const gmailForward = (text: string) =>
    `\n\n---------- Forwarded message ---------\nDe: Ouvidoria <ouvidoria@ouvidoria.example.com.br>\nDate: qua., 25 de nov. de 2026 às 10:02\nSubject: Re: Loja lenta\nTo: <joao@lojadojoao.com.br>\n\n${text}`;
  // Its "conforme o plano contratado" read as a plan question: a billing reply to a bare "?".
  it.each([
    ['?', 'Fwd: Re: Ouvidoria: fale primeiro com a Central de Atendimento', gmailQuote(npt)],
    ['Segue abaixo.', 'Fwd: Re: Loja lenta', gmailForward(npt)],
  ])('%j under %s → NO_PRIOR_TICKET', async (top, subject, below) => {
    await check({
      name: top,
      from: 'joao@lojadojoao.com.br',
      subject,
      text: `${top}${below}`,
      outcome: 'NO_PRIOR_TICKET',
    });
  });

  it.each([
    // The platform's own notice forwarded bare is still read; her words above our reply are hers.
    [
      'Segue abaixo.',
      'Fwd: Aviso de suspensão',
      gmailForward(
        'Identificamos pendência financeira referente às faturas de outubro. Sua loja será suspensa em 5 dias.',
      ),
      'BILLING_QUESTION',
    ],
    [
      'Minha dúvida é sobre a fatura de novembro.',
      'Re: Ouvidoria: fale primeiro com a Central de Atendimento',
      gmailQuote(npt),
      'BILLING_QUESTION',
    ],
  ])('guard — %j under %s → %s', async (top, subject, below, outcome) => {
    await check({
      name: top,
      from: 'joao@lojadojoao.com.br',
      subject,
      text: `${top}${below}`,
      outcome: outcome as Outcome,
    });
  });
});

describe('round 44 — information asked about the platform, or its plans for a store still to come', () => {
  it.each([
    'Bom dia, gostaria de informações sobre os planos para loja virtual.',
    'Gostaria de mais informações sobre a plataforma de vocês.',
    'Hola, quiero información sobre sus planes para vender online.',
    'Hello, I would like more information about your plans.',
  ])('NOT_A_CLIENT — %s', async (text) => {
    await check({ name: text, from: 'novo.negocio@gmail.com', subject: 'informações', text, outcome: 'NOT_A_CLIENT' });
  });

  it.each([
    // Her payment platform; a client who says so; the platform asked about as it fails her.
    [
      'Gostaria de informações sobre a plataforma de pagamentos que minha loja usa, o repasse atrasou.',
      'NO_PRIOR_TICKET',
    ],
    [
      'Sou cliente há 5 anos e queria informações sobre os planos para loja virtual com mais produtos.',
      'BILLING_QUESTION',
    ],
    ['Hello, I would like more information about your plans, my plan today is Basic.', 'BILLING_QUESTION'],
    ['Quero informações sobre a plataforma: o painel está fora do ar?', 'NO_PRIOR_TICKET'],
  ])('guard — %s → %s', async (text, outcome) => {
    await check({
      name: text,
      from: 'lojista@modasbella.com.br',
      subject: 'informações',
      text,
      outcome: outcome as Outcome,
    });
  });
});

describe('round 44 — a buyer: the refund a store kept, a fraud at a site we may host, her order asked after in es/en', () => {
  it.each([
    'Devolvi o produto há 15 dias e a loja não estornou o valor no meu cartão.',
    'Acho que caí num golpe, o site era bem feito mas nunca entregaram. Vocês hospedam esse site?',
    'Where is my order? I paid two weeks ago and the shop does not reply.',
    '¿Dónde está mi pedido? Pagué hace dos semanas y la tienda no responde.',
  ])('NOT_A_CLIENT (shopper) — %s', async (text) => {
    await check({
      name: text,
      from: 'marta.r@hotmail.com',
      subject: 'pedido',
      text,
      outcome: 'NOT_A_CLIENT',
      variant: 'shopper',
    });
  });

  it.each([
    // Our fee not refunded to her card; her supplier; her stock; a fake support that phished her; her buyers.
    ['A plataforma não estornou a mensalidade cobrada duas vezes no meu cartão.', 'BILLING_QUESTION'],
    ['Devolvi o produto ao fornecedor e ele não estornou.', 'NO_PRIOR_TICKET'],
    ['Devolvi o produto para o estoque mas o sistema não atualizou.', 'NO_PRIOR_TICKET'],
    ['Caí num golpe de um falso suporte que pediu minha senha do painel.', 'NO_PRIOR_TICKET'],
    ['Meus clientes perguntam where is my order e o rastreio não aparece.', 'NO_PRIOR_TICKET'],
  ])('guard — %s → %s', async (text, outcome) => {
    await check({ name: text, from: 'lojista@modasbella.com.br', subject: 'loja', text, outcome: outcome as Outcome });
  });
});

describe('round 44 — "fica aqui minha sugestão" closes a feature idea; an integration wished and then asked for', () => {
  it.each([
    'Fica aqui minha sugestão: deixar escolher a data de entrega no checkout.',
    'Aqui vai minha sugestão: um relatório de cupons.',
    'Quero integrar minha loja com o Magalu, vocês têm?',
  ])('OUT_OF_SCOPE_FEATURE — %s', async (text) => {
    await check({
      name: text,
      from: 'carla@docesdacarla.com.br',
      subject: 'ideia',
      text,
      outcome: 'OUT_OF_SCOPE_FEATURE',
    });
  });

  it.each([
    // Broken, about the support, or beside her ticket.
    ['Quero integrar minha loja com o Bling, vocês têm tutorial? A integração parou de funcionar.', 'NO_PRIOR_TICKET'],
    ['O suporte não responde há dias. Fica aqui minha sugestão: contratem mais gente.', 'NO_PRIOR_TICKET'],
    ['Chamado 52310. Fica aqui minha sugestão: avisem antes de mudar o layout.', 'ACCEPTED'],
  ])('guard — %s → %s', async (text, outcome) => {
    await check({ name: text, from: 'carla@docesdacarla.com.br', subject: 'loja', text, outcome: outcome as Outcome });
  });
});

describe("round 45 — a plan named in English is a plan question; her buyer's returned product is her refund to make", () => {
  it.each([
    ['How much is the Pro plan?', 'BILLING_QUESTION'],
    ['What does the Basic plan include?', 'BILLING_QUESTION'],
    ['How much does the Premium plan cost per month?', 'BILLING_QUESTION'],
    ["I'm on the Basic plan. How much is the Pro plan?", 'BILLING_QUESTION'],
    ['Recebi o produto de volta do cliente, como faço o estorno?', 'NO_PRIOR_TICKET'],
    ['A compradora devolveu o produto, preciso fazer o estorno pra ela.', 'NO_PRIOR_TICKET'],
  ])('%s → %s', async (text, outcome) => {
    await check({
      name: text,
      from: 'lojista@modasbella.com.br',
      subject: 'dúvida',
      text,
      outcome: outcome as Outcome,
    });
  });

  it.each([
    // The plan as who she is, with something broken; our fee refunded; a business plan of hers.
    ["I'm on the Basic plan and my shipping rates stopped calculating last week.", 'NO_PRIOR_TICKET'],
    ['We are on the Pro plan and our store is down.', 'NO_PRIOR_TICKET'],
    ['Preciso do estorno da mensalidade cobrada em duplicidade.', 'BILLING_QUESTION'],
    ['Recebi a fatura de volta com o valor errado, quero o estorno.', 'BILLING_QUESTION'],
    ['I need help writing a business plan page for my store.', 'NO_PRIOR_TICKET'],
  ])('guard — %s → %s', async (text, outcome) => {
    await check({ name: text, from: 'lojista@modasbella.com.br', subject: 'loja', text, outcome: outcome as Outcome });
  });
});

describe('round 45 — a feature wished in WhatsApp words: "previsão de lançar", "deviam deixar o lojista", "sería bueno poder", "queria muito que tivesse"', () => {
  it.each([
    'deviam deixar o lojista editar o email de confirmacao do pedido',
    'vcs tem previsao de lancar assinatura recorrente pros clientes?',
    'Sería bueno poder exportar los pedidos a Excel.',
    'queria muito que tivesse um relatorio de cupons',
    'Vocês poderiam deixar a loja escolher a ordem das fotos.',
  ])('OUT_OF_SCOPE_FEATURE — %s', async (text) => {
    await check({
      name: text,
      from: 'joao@lojadojoao.com.br',
      subject: 'ideia',
      text,
      outcome: 'OUT_OF_SCOPE_FEATURE',
    });
  });

  it.each([
    // Something broken, the support asked, a forecast of her fix.
    ['o cashback que eu configurei nao ta sendo aplicado', 'NO_PRIOR_TICKET'],
    ['Tem previsão de ter uma resposta? O frete parou faz 3 dias.', 'NO_PRIOR_TICKET'],
    ['o app de celular que vcs lancaram nao abre', 'NO_PRIOR_TICKET'],
    ['queria muito que tivesse alguém no chat pra me atender, o checkout está fora do ar', 'NO_PRIOR_TICKET'],
    ['Chamado 52311. Deviam deixar o lojista falar com um humano.', 'ACCEPTED'],
  ])('guard — %s → %s', async (text, outcome) => {
    await check({ name: text, from: 'joao@lojadojoao.com.br', subject: 'loja', text, outcome: outcome as Outcome });
  });
});

describe('round 45 — a buyer the store promised a refund or leaves unanswered on WhatsApp; a client opening a second store', () => {
  it.each([
    'a loja me prometeu o estorno da compra e nada ate agora',
    'A loja Modas Bella me prometeu a troca e sumiu.',
    'meu pedido ta parado faz 20 dias, a loja nao responde whats nem email',
    'Comprei um bolo e a loja não responde no zap.',
  ])('NOT_A_CLIENT (shopper) — %s', async (text) => {
    await check({
      name: text,
      from: 'lu.m@gmail.com',
      subject: 'compra',
      text,
      outcome: 'NOT_A_CLIENT',
      variant: 'shopper',
    });
  });

  it.each([
    // A client's second store is no prospect's; her own store not answering on WhatsApp is broken.
    // Round 47: her price question for it is billing (a client's price question), no longer support's.
    ['quero abrir uma segunda loja, quanto custa?', 'BILLING_QUESTION'],
    ['Quero abrir mais uma loja com vocês, como faço?', 'NO_PRIOR_TICKET'],
    ['o botao de whats da minha loja parou, a loja nao responde whats das clientes', 'NO_PRIOR_TICKET'],
    ['O suporte me prometeu o estorno da mensalidade e nada até agora.', 'BILLING_QUESTION'],
  ])('guard — %s → %s', async (text, outcome) => {
    await check({
      name: text,
      from: 'ana@papelariaestrela.com.br',
      subject: 'loja',
      text,
      outcome: outcome as Outcome,
    });
  });
});

describe("round 45 — an app of ours she still pays for is our charge; the rivals' offer as her argument is a commercial ask", () => {
  it.each([
    ['to pagando um app que nem uso mais, como tiro?', 'BILLING_QUESTION'],
    ['Pago o aplicativo de avaliações e quero cancelar ele.', 'BILLING_QUESTION'],
    ['a concorrencia me ofereceu metade do preco, vcs cobrem?', 'OUT_OF_SCOPE_COMMERCIAL'],
    ['A concorrência me fez uma proposta melhor, o que vocês podem fazer?', 'OUT_OF_SCOPE_COMMERCIAL'],
  ])('%s → %s', async (text, outcome) => {
    await check({
      name: text,
      from: 'contato@eletroponto.com.br',
      subject: 'dúvida',
      text,
      outcome: outcome as Outcome,
    });
  });

  it.each([
    // Her buyers paying, a gateway's app, the rivals' feature, something broken.
    ['Meus clientes estão pagando o app de assinatura e o pedido não entra.', 'NO_PRIOR_TICKET'],
    ['Pago o app do Mercado Pago e o pix não confirma na loja.', 'NO_PRIOR_TICKET'],
    ['A concorrência tem relatório de cupons, por que vocês não?', 'OUT_OF_SCOPE_FEATURE'],
  ])('guard — %s → %s', async (text, outcome) => {
    await check({
      name: text,
      from: 'contato@eletroponto.com.br',
      subject: 'loja',
      text,
      outcome: outcome as Outcome,
    });
  });
});

describe('round 45 — a prospect: "posso abrir loja com vcs?", the platform still to be chosen', () => {
  it.each([
    'sou MEI, posso abrir loja com vcs sem cnpj?',
    'vcs cobram taxa por venda ou so mensalidade? to vendo qual plataforma escolher',
    'Estou decidindo qual plataforma usar para minha primeira loja virtual.',
  ])('NOT_A_CLIENT (prospect) — %s', async (text) => {
    await check({
      name: text,
      from: 'vendas.mei@gmail.com',
      subject: 'loja',
      text,
      outcome: 'NOT_A_CLIENT',
    });
  });

  it.each([
    // A client choosing a gateway or a carrier's platform, or a second store with us.
    ['to vendo qual plataforma de pagamento integrar na minha loja, qual vcs recomendam?', 'NO_PRIOR_TICKET'],
    ['Estou decidindo qual plataforma de frete usar, o cálculo atual está errado.', 'NO_PRIOR_TICKET'],
    ['Já sou cliente, posso abrir loja com vcs no nome da minha sócia também?', 'NO_PRIOR_TICKET'],
  ])('guard — %s → %s', async (text, outcome) => {
    await check({ name: text, from: 'vendas.mei@gmail.com', subject: 'loja', text, outcome: outcome as Outcome });
  });
});

describe('round 46 — a plan question from someone on a plan: the annual by its period, "I\'m on the Basic plan, how much is Pro", "Estoy en el plan", her free trial ending', () => {
  it.each([
    'se eu pagar o anual tem desconto?',
    'anual tem desconto?',
    'pagando anual sai mais barato?',
    "I'm on the Basic plan, how much is the Pro plan?",
    'we have the Pro plan, can we switch to annual?',
    'Estoy en el plan Básico, ¿cuánto cuesta el plan Pro?',
    'meu periodo gratis acabou, quanto vou pagar agora?',
    'meu teste grátis acabou, quanto custa pra continuar?',
  ])('BILLING_QUESTION — %s', async (text) => {
    await check({
      name: text,
      from: 'lojista@modasbella.com.br',
      subject: 'dúvida',
      text,
      outcome: 'BILLING_QUESTION',
    });
  });

  it.each([
    // The plan as who she is with something broken; a prospect's annual discount; a discount of her own.
    ["I'm on the Pro plan, my store is down and the price tags are wrong", 'NO_PRIOR_TICKET'],
    ['We are on the Pro plan and our store is down.', 'NO_PRIOR_TICKET'],
    ['pago o anual e a loja ta fora do ar', 'NO_PRIOR_TICKET'],
    ['ainda nao sou cliente, se eu pagar o anual tem desconto?', 'NOT_A_CLIENT'],
    ['Quero um desconto no plano anual, a concorrência me dá 30%.', 'OUT_OF_SCOPE_COMMERCIAL'],
  ])('guard — %s → %s', async (text, outcome) => {
    await check({ name: text, from: 'lojista@modasbella.com.br', subject: 'loja', text, outcome: outcome as Outcome });
  });
});

describe('round 46 — our invoice asked for her accountant ("nota fiscal pro meu contador") is billing; her sales\' invoices are hers', () => {
  it.each([
    'preciso da nota fiscal de outubro pro meu contador',
    'minha contadora pediu a NF de vcs de setembro a novembro',
    'a contabilidade precisa das notas fiscais de 2026, onde baixo?',
  ])('BILLING_QUESTION — %s', async (text) => {
    await check({
      name: text,
      from: 'financeiro@casadosaromas.com.br',
      subject: 'dúvida',
      text,
      outcome: 'BILLING_QUESTION',
    });
  });

  it.each([
    // The invoices of her sales, emitted or to emit, with her accountant in the sentence.
    'a nota fiscal dos meus pedidos nao ta sendo emitida, meu contador ta louco',
    'o contador precisa do xml das notas fiscais dos pedidos',
    'minha contadora quer saber se a nota fiscal dos produtos sai com o cfop certo',
    'como emito nota fiscal pros meus clientes pelo painel? minha contadora que pediu',
  ])('guard NO_PRIOR_TICKET — %s', async (text) => {
    await check({
      name: text,
      from: 'financeiro@casadosaromas.com.br',
      subject: 'loja',
      text,
      outcome: 'NO_PRIOR_TICKET',
    });
  });
});

describe('round 46 — "Isso é inaceitável para o plano que pago": the plan she pays measures a complaint, it is no plan question', () => {
  it.each([
    ['Isso é inaceitável para o plano que pago. O suporte não resolve nada.', 'NO_PRIOR_TICKET'],
    ['Isso é inaceitável para o plano que pago!', 'NO_PRIOR_TICKET'],
    ['vergonhoso pelo plano que pagamos', 'NO_PRIOR_TICKET'],
    ['Isso é inaceitável para o plano que pago. Chamado 48213 aberto há 10 dias.', 'ACCEPTED'],
  ])('%s → %s', async (text, outcome) => {
    await check({
      name: text,
      from: 'lojista@modasbella.com.br',
      subject: 'absurdo',
      text,
      outcome: outcome as Outcome,
    });
  });

  it.each([
    // The plan's price as the complaint, a raise to explain, what her plan includes.
    'acho um absurdo o valor do plano, quero mudar pro basico',
    'é um absurdo o aumento do plano, quero saber o motivo',
    'o plano que eu pago inclui dominio?',
  ])('guard BILLING_QUESTION — %s', async (text) => {
    await check({
      name: text,
      from: 'lojista@modasbella.com.br',
      subject: 'dúvida',
      text,
      outcome: 'BILLING_QUESTION',
    });
  });
});

describe("round 46 — a very short mail of her own is answered in its language; a forward's subject is not hers", () => {
  it.each([
    ['Cobro', 'Me cobraron dos veces este mes.', '', 'es'],
    ['Login', "Can't log in", '', 'en'],
    [
      'Fwd: Your order',
      '',
      '\n\n---------- Forwarded message ---------\nFrom: Supplier <s@supplier.example.com>\nSubject: Your order\n\nYour order ships next week.',
      'pt-BR',
    ],
    [
      'Re: Fatura',
      'Charged twice',
      '\n\nEm qua., 25 de nov. de 2026 às 10:02, Loja <l@loja.com.br> escreveu:\n> Olá',
      'pt-BR',
    ],
  ] as const)('%s / %s → %s', async (subject, fresh, quote, language) => {
    const { decision } = await triage({
      name: subject,
      from: 'lojista@modasbella.com.br',
      subject,
      text: `${fresh}${quote}`,
      outcome: 'BILLING_QUESTION',
    });
    expect(decision.language, `${decision.outcome} ${decision.reason}`).toBe(language);
  });
});

describe("round 46 — a store's buyer: the exchange she asked, the purchase she paid, a purchase made with someone, the money the store will not return", () => {
  it.each([
    'pedi troca de tamanho faz um mes e a loja nao responde',
    'comprei e paguei, o site da loja saiu do ar e nao recebi',
    'eu e minha irma compramos na mesma loja e nenhuma das duas recebeu o produto',
    'A loja nao devolve meu dinheiro, vou no procon',
  ])('NOT_A_CLIENT — %s', async (text) => {
    await check({
      name: text,
      from: 'cliente.final@gmail.com',
      subject: 'reclamação',
      text,
      outcome: 'NOT_A_CLIENT',
      variant: 'shopper',
    });
  });

  it.each([
    // Her buyer's exchange in her panel, a theme or a domain she bought of us, her buyer's retelling.
    ['minha cliente pediu troca de tamanho e o sistema nao deixa gerar a troca', 'NO_PRIOR_TICKET'],
    ['comprei e paguei o tema premium e ele nao instala', 'NO_PRIOR_TICKET'],
    ['comprei e paguei o dominio pelo painel e nao apontou', 'NO_PRIOR_TICKET'],
    ['a cliente disse que a loja nao devolve o dinheiro dela, o que faco?', 'NO_PRIOR_TICKET'],
  ])('guard — %s → %s', async (text, outcome) => {
    await check({ name: text, from: 'lojista@modasbella.com.br', subject: 'loja', text, outcome: outcome as Outcome });
  });
});

describe('round 46 — a programme for her buyers wished for: "queria muito que tivesse cashback pros meus clientes"', () => {
  it.each([
    'queria muito que tivesse cashback pros meus clientes',
    'gostaria que a plataforma tivesse programa de fidelidade pras minhas clientes',
    'seria bom que tivesse vale presente',
  ])('OUT_OF_SCOPE_FEATURE — %s', async (text) => {
    await check({
      name: text,
      from: 'joao@lojadojoao.com.br',
      subject: 'ideia',
      text,
      outcome: 'OUT_OF_SCOPE_FEATURE',
    });
  });

  it.each([
    // Her cashback that fails, a cashback thought to come with the plan, a programme that does not work.
    ['o cashback que eu configurei nao ta sendo aplicado', 'NO_PRIOR_TICKET'],
    ['pensei que tivesse cashback no plano anual, nao tem?', 'BILLING_QUESTION'],
    ['gostaria que tivesse programa de pontos, mas o que tem nao funciona', 'NO_PRIOR_TICKET'],
  ])('guard — %s → %s', async (text, outcome) => {
    await check({ name: text, from: 'joao@lojadojoao.com.br', subject: 'loja', text, outcome: outcome as Outcome });
  });
});

describe('round 46 — "Cannot login": the sign-in as one word after every English negation', () => {
  it.each([
    ['Cannot login', 'ACCESS_ISSUE'],
    ['cant login since yesterday', 'ACCESS_ISSUE'],
    ['Unable to login to the admin', 'ACCESS_ISSUE'],
    // Her buyers' sign-in is the store's.
    ['my customers cannot login to their accounts', 'NO_PRIOR_TICKET'],
  ])('%s → %s', async (text, outcome) => {
    await check({ name: text, from: 'contato@eletroponto.com.br', subject: 'Help', text, outcome: outcome as Outcome });
  });
});

describe('round 46 — the plural imperative straight before the feature noun: "pfv coloquem opcao de agendar entrega"', () => {
  it.each([
    ['pfv coloquem opcao de agendar entrega por data, pra confeitaria e essencial', 'OUT_OF_SCOPE_FEATURE'],
    ['criem relatorio de vendas por vendedor', 'OUT_OF_SCOPE_FEATURE'],
    // What she had, put back.
    ['coloquem opcao de frete gratis de volta, sumiu do painel', 'NO_PRIOR_TICKET'],
  ])('%s → %s', async (text, outcome) => {
    await check({ name: text, from: 'carla@docesdacarla.com.br', subject: 'ideia', text, outcome: outcome as Outcome });
  });
});

describe('round 46 — the cancelling with nothing after it but a comma: "qro cancelar, como faz?"', () => {
  it.each([
    ['qro cancelar, como faz?', 'BILLING_QUESTION'],
    ['quero cancelar, nao aguento mais essa plataforma', 'BILLING_QUESTION'],
    // An order named, a buyer's cancelling, and the bare sentence (support's: no sentence end in phrases).
    ['quero cancelar o pedido 4455, como faz?', 'NO_PRIOR_TICKET'],
    ['preciso cancelar, a cliente desistiu da compra', 'NO_PRIOR_TICKET'],
    ['Quero cancelar.', 'NO_PRIOR_TICKET'],
  ])('%s → %s', async (text, outcome) => {
    await check({ name: text, from: 'lojista@modasbella.com.br', subject: 'oi', text, outcome: outcome as Outcome });
  });
});

describe('round 47 — a short line of hers above a forward of our notice: the notice says what she asks about', () => {
  const fwd = (subject: string, body: string) =>
    `\n\n---------- Forwarded message ---------\nDe: Financeiro <financeiro@example.com.br>\nDate: ter., 24 de nov. de 2026 às 16:40\nSubject: ${subject}\nTo: <financeiro@casadosaromas.com.br>\n\n${body}`;
  const SUSPENSION =
    'Olá, Casa dos Aromas.\n\nNão identificamos o pagamento da fatura de novembro (vencida em 10/11/2026). Sua loja será suspensa em 3 dias caso o pagamento não seja confirmado.\n\nEquipe Financeira';
  const ORDER = 'Oi, comprei um vestido na loja de vocês e veio rasgado. Quero meu dinheiro de volta.\n\nPatrícia';
  it.each([
    ['Recebi isso, mas paguei!', 'BILLING_QUESTION', SUSPENSION],
    ['explica isso pfv', 'BILLING_QUESTION', SUSPENSION],
    // Her line names its own topic; a buyer's message forwarded names none of ours; a long letter is hers.
    ['nao consigo entrar no painel desde ontem', 'ACCESS_ISSUE', SUSPENSION],
    ['como assim? o que eu respondo?', 'NO_PRIOR_TICKET', ORDER],
    [
      'Bom dia, recebi esse aviso mas a minha dúvida é outra: os pedidos não aparecem no painel desde sexta e preciso de ajuda.',
      'NO_PRIOR_TICKET',
      SUSPENSION,
    ],
  ])('%s → %s', async (line, outcome, body) => {
    await check({
      name: line,
      from: 'financeiro@casadosaromas.com.br',
      subject: 'Fwd: Aviso importante',
      text: `${line}${fwd('Aviso importante', body)}`,
      outcome: outcome as Outcome,
    });
  });
});

describe('round 47 — a client\'s price question, the client said in the same sentence: "sou cliente há 2 anos… quanto custa?"', () => {
  it.each([
    ['sou cliente ha 2 anos e quero abrir uma segunda loja, quanto custa?', 'BILLING_QUESTION'],
    ['sou cliente de vcs, quanto sai pra ter uma segunda loja?', 'BILLING_QUESTION'],
    ['Já sou cliente desde 2023, qual o valor pra mais uma loja?', 'BILLING_QUESTION'],
    // A prospect's price question, and a client's freight.
    ['ainda nao sou cliente, quanto custa pra abrir uma loja?', 'NOT_A_CLIENT'],
    ['quanto custa o plano pro? quero abrir minha loja', 'NOT_A_CLIENT'],
    ['sou cliente ha 2 anos, quanto custa o frete pra Manaus pelos Correios?', 'NO_PRIOR_TICKET'],
  ])('%s → %s', async (text, outcome) => {
    await check({ name: text, from: 'joao@lojadojoao.com.br', subject: 'dúvida', text, outcome: outcome as Outcome });
  });
});

describe('round 47 — a way to pay or ship the checkout lacks, in Spanish or paid in instalments: "Podrian agregar pago en cuotas"', () => {
  it.each([
    ['Podrian agregar pago en cuotas', 'OUT_OF_SCOPE_FEATURE'],
    ['Podrian agregar pago con Mercado Pago en cuotas sin interes?', 'OUT_OF_SCOPE_FEATURE'],
    ['Podrían agregar envío por Andreani? Sería muy útil.', 'OUT_OF_SCOPE_FEATURE'],
    ['vcs poderiam colocar pagamento parcelado no boleto', 'OUT_OF_SCOPE_FEATURE'],
    // What she has that fails.
    ['Las cuotas no aparecen en el checkout desde ayer', 'NO_PRIOR_TICKET'],
    ['o pagamento parcelado parou de aparecer no checkout', 'NO_PRIOR_TICKET'],
  ])('%s → %s', async (text, outcome) => {
    await check({
      name: text,
      from: 'ana@papelariaestrela.com.br',
      subject: 'idea',
      text,
      outcome: outcome as Outcome,
    });
  });
});

describe('round 47 — a prospect in few words: "vcs tem loja pronta?", "how much is your plan?"', () => {
  it.each([
    ['vcs tem loja pronta? to comecando agora', 'NOT_A_CLIENT'],
    ['oi vcs tem loja pronta pra vender artesanato?', 'NOT_A_CLIENT'],
    ['Hi, how much is your plan? We are thinking of moving our store to you.', 'NOT_A_CLIENT'],
    ['quanto é o plano de vcs hj?', 'NOT_A_CLIENT'],
    // A client's theme of that name that fails, one who is already a client, one on a plan.
    ['comprei o tema loja pronta e ele nao carrega no celular', 'NO_PRIOR_TICKET'],
    ['vcs tem loja pronta pra eu indicar pra minha irma? eu ja sou cliente', 'NO_PRIOR_TICKET'],
    ['Hi, how much is your plan? I am on Basic and want to upgrade', 'BILLING_QUESTION'],
  ])('%s → %s', async (text, outcome) => {
    await check({ name: text, from: 'contato@lojanova.com.br', subject: 'dúvida', text, outcome: outcome as Outcome });
  });
});

describe("round 47 — the freight app or fee on her invoice from us is our billing; her sales' freight stays hers", () => {
  it.each([
    ['O app de frete foi desinstalado mas continua sendo cobrado na minha fatura', 'BILLING_QUESTION'],
    ['vcs cobram pelo calculo de frete? apareceu uma taxa de frete na minha fatura', 'BILLING_QUESTION'],
    ['cancelei o app Frete Rápido em outubro e a cobrança dele veio de novo na fatura', 'BILLING_QUESTION'],
    ['app de frete continua sendo cobrado mesmo depois de desinstalar', 'BILLING_QUESTION'],
    ['pq minha mensalidade veio com R$ 39 de "frete"? nao contratei nada', 'BILLING_QUESTION'],
    // The freight of her sales: a carrier's fee, the app that charges her buyers, her checkout.
    ['a transportadora me cobrou a mais no frete da ultima coleta', 'NO_PRIOR_TICKET'],
    ['o app de frete ta cobrando o dobro pra SP', 'NO_PRIOR_TICKET'],
    ['o frete ta saindo errado no checkout, cobra R$ 80 pra SP', 'NO_PRIOR_TICKET'],
    ['o cliente reclama que pagou a taxa de frete e o pedido nao chegou', 'NO_PRIOR_TICKET'],
  ])('%s → %s', async (text, outcome) => {
    await check({ name: text, from: 'carla@docesdacarla.com.br', subject: 'frete', text, outcome: outcome as Outcome });
  });
});

describe('round 47 — our suspension notice for an unpaid invoice, forwarded: the billing is what she asks about', () => {
  const fwd = (body: string) =>
    `\n\n________________________________\nDe: Plataforma <nao-responda@example.com.br>\nEnviado: terça-feira, 24 de novembro de 2026 16:40\nPara: Carla <carla@docesdacarla.com.br>\nAssunto: Sua loja foi suspensa\n\n${body}`;
  it.each([
    [
      '????',
      'BILLING_QUESTION',
      'Sua loja foi suspensa.\n\nMotivo: pagamento pendente da assinatura.\n\nApós a confirmação do pagamento, a loja é reativada automaticamente em até 2 horas.',
    ],
    ['Recebi isso, mas paguei!', 'BILLING_QUESTION', 'Sua loja foi suspensa por falta de pagamento da mensalidade.'],
    // A suspension for another reason, and her own words of access, stay access.
    ['????', 'ACCESS_ISSUE', 'Sua loja foi suspensa por violação dos termos de uso. Entre em contato com o suporte.'],
    [
      'nao consigo entrar no painel',
      'ACCESS_ISSUE',
      'Sua loja foi suspensa.\n\nMotivo: pagamento pendente da assinatura.',
    ],
  ])('%s → %s', async (line, outcome, body) => {
    await check({
      name: `${line} / ${body.slice(0, 40)}`,
      from: 'carla@docesdacarla.com.br',
      subject: 'ENC: Sua loja foi suspensa',
      text: `${line}${fwd(body)}`,
      outcome: outcome as Outcome,
    });
  });
});

describe('round 47 — her card\'s statement paid is no invoice of ours: a buyer\'s "paguei a fatura do cartão" forwarded', () => {
  it.each([
    ['???', 'NO_PRIOR_TICKET', 'cade meu pedido? paguei a fatura do cartao ja e nada'],
    // Our charge on her card's statement, and our invoice, stay billing.
    ['', 'BILLING_QUESTION', 'a mensalidade de voces veio duas vezes na fatura do cartao'],
  ])('%s / %s', async (line, outcome, body) => {
    const text =
      line === ''
        ? body
        : `${line}\n\n---------- Forwarded message ---------\nDe: Cliente <cliente123@hotmail.com>\nDate: ter., 24 de nov. de 2026 às 16:40\nSubject: pedido\nTo: <joao@lojadojoao.com.br>\n\n${body}`;
    await check({
      name: body,
      from: 'joao@lojadojoao.com.br',
      subject: line === '' ? 'cobrança' : 'Fwd: pedido',
      text,
      outcome: outcome as Outcome,
    });
  });
});

describe('round 47 — a notice of suspension for non-payment alone, forwarded with her short line: billing', () => {
  const fwd = (body: string) =>
    `\n\n---------- Forwarded message ---------\nDe: Financeiro <financeiro@example.com.br>\nDate: ter., 24 de nov. de 2026 às 16:40\nSubject: Aviso de suspensão\nTo: <financeiro@casadosaromas.com.br>\n\n${body}`;
  it.each([
    ['Recebi isso, mas paguei!', 'BILLING_QUESTION', 'Sua loja será suspensa por falta de pagamento em 3 dias.'],
    ['???', 'BILLING_QUESTION', 'Sua loja será suspensa por inadimplência.'],
    // A buyer's refund forwarded is no notice of ours.
    ['???', 'NO_PRIOR_TICKET', 'Quero meu dinheiro de volta, o produto veio quebrado.'],
  ])('%s → %s', async (line, outcome, body) => {
    await check({
      name: `${line} / ${body}`,
      from: 'financeiro@casadosaromas.com.br',
      subject: 'Fwd: Aviso de suspensão',
      text: `${line}${fwd(body)}`,
      outcome: outcome as Outcome,
    });
  });
});

describe('round 48 — a price question from one on a plan that she never calls "plano": "o meu tá vencendo", "minha loja tá no básico"', () => {
  it.each([
    ['quanto é o plano de vcs hj? o meu ta vencendo e quero saber se aumentou', 'BILLING_QUESTION'],
    ['Boa tarde, quanto custa o plano anual hoje? Queria trocar o meu mensal pelo anual.', 'BILLING_QUESTION'],
    ['qual o valor do plano de vcs agora? minha loja ta no basico e to pensando em subir', 'BILLING_QUESTION'],
    ['Quanto custa o Pro? Nossa loja está no Essencial.', 'BILLING_QUESTION'],
    ['qual o preço do plano? o nosso vence mês que vem', 'BILLING_QUESTION'],
    ['Recebi o aviso de reajuste. Quanto fica o plano agora?', 'BILLING_QUESTION'],
    // A prospect's price question: nothing of a plan she pays.
    ['quanto custa o plano anual? quero abrir minha loja ano que vem', 'NOT_A_CLIENT'],
    ['qual o valor do plano de vcs? minha loja hoje e so no instagram', 'NOT_A_CLIENT'],
    // Her store "no ar" is no plan of hers.
    ['quanto custa o plano pro? minha loja fisica esta no centro', 'NOT_A_CLIENT'],
  ])('%s → %s', async (text, outcome) => {
    await check({ name: text, from: 'thiago@thiagoinfo.com.br', subject: 'plano', text, outcome: outcome as Outcome });
  });
});

describe("round 48 — a letter of hers over a forwarded notice: the forward's subject is the notice's title, her topic is in her letter", () => {
  const fwd = (subject: string, body: string) =>
    `\n\n________________________________\nDe: Plataforma <nao-responda@example.com.br>\nEnviado: terça-feira, 24 de novembro de 2026 16:40\nPara: Carla <carla@docesdacarla.com.br>\nAssunto: ${subject}\n\n${body}`;
  const BLOCKED =
    'Sua loja foi suspensa por violação dos termos de uso. O acesso ao painel administrativo está bloqueado.';
  it.each([
    [
      'ENC: Sua loja foi suspensa',
      'Boa tarde, a mensalidade de novembro foi cobrada duas vezes no meu cartão, quero entender o motivo disso.',
      'BILLING_QUESTION',
    ],
    [
      'Fwd: Aviso de bloqueio',
      'Bom dia, não entendi por que a minha fatura deste mês veio com um valor maior, podem explicar melhor?',
      'BILLING_QUESTION',
    ],
    [
      'TR: Acesso bloqueado',
      'Oi, aproveito pra perguntar: como faço pra trocar o plano mensal pelo anual? Obrigada desde já pela atenção.',
      'BILLING_QUESTION',
    ],
    // Her letter with no topic of its own leaves the title's; one that names the access too keeps it.
    [
      'ENC: Sua loja foi suspensa',
      'Bom dia, recebi este aviso hoje de manhã e não sei o que fazer, alguém pode me orientar por favor?',
      'ACCESS_ISSUE',
    ],
    [
      'ENC: Sua loja foi suspensa',
      'Paguei a fatura ontem e continuo sem conseguir entrar no painel administrativo da minha loja, o que faço?',
      'ACCESS_ISSUE',
    ],
  ])('%s / %s → %s', async (subject, letter, outcome) => {
    await check({
      name: letter,
      from: 'carla@docesdacarla.com.br',
      subject,
      text: `${letter}${fwd(subject.replace(/^\w+:\s*/, ''), BLOCKED)}`,
      outcome: outcome as Outcome,
    });
  });
});

describe('round 48 — a letter over a forwarded notice that only reacts to it: the notice says what she asks about, as for a short line', () => {
  const fwd = (body: string) =>
    `\n\n---------- Forwarded message ---------\nDe: Financeiro <financeiro@example.com.br>\nDate: ter., 24 de nov. de 2026 às 16:40\nSubject: Aviso importante\nTo: <financeiro@casadosaromas.com.br>\n\n${body}`;
  const UNPAID = 'Sua loja foi suspensa.\n\nMotivo: pagamento pendente da assinatura.';
  const IDLE = 'Seu usuário do painel administrativo foi bloqueado por inatividade.';
  it.each([
    [
      'Bom dia, recebi isso hoje de manhã e não entendi nada, o que significa isso? Alguém me explica por favor.',
      UNPAID,
      'BILLING_QUESTION',
    ],
    [
      'Oi gente, recebi esse email mas eu tenho certeza que está tudo certo comigo, podem verificar o que houve?',
      UNPAID,
      'BILLING_QUESTION',
    ],
    [
      'Olá, recebi esse aviso ontem à noite e fiquei preocupada, o que devo fazer agora? Obrigada pela atenção.',
      IDLE,
      'ACCESS_ISSUE',
    ],
    // A matter of her own beside the reaction, or a letter that does not react to the notice, is hers.
    [
      'Bom dia, recebi esse aviso mas a minha dúvida é outra: os pedidos não aparecem no painel desde sexta.',
      UNPAID,
      'NO_PRIOR_TICKET',
    ],
    [
      'Recebi isso, e aproveito: o frete está saindo zerado no checkout desde ontem, podem ver?',
      UNPAID,
      'NO_PRIOR_TICKET',
    ],
    [
      'Bom dia, minha equipe está de férias e eu cuido da loja sozinha esta semana, peço paciência com as respostas.',
      UNPAID,
      'NO_PRIOR_TICKET',
    ],
  ])('%s / %s → %s', async (letter, body, outcome) => {
    await check({
      name: letter,
      from: 'financeiro@casadosaromas.com.br',
      subject: 'Fwd: Aviso importante',
      text: `${letter}${fwd(body)}`,
      outcome: outcome as Outcome,
    });
  });
});

describe('round 48 — a feature needed, or asked for by "isso" in the sentence after the one that names it', () => {
  it.each([
    [
      'Precisamos de um endpoint na API para exportar os carrinhos abandonados. Quando vocês vão disponibilizar isso?',
      'OUT_OF_SCOPE_FEATURE',
    ],
    [
      'A plataforma não permite vender produto usado com estado de conservação. Isso é um absurdo, preciso que criem esse campo.',
      'OUT_OF_SCOPE_FEATURE',
    ],
    ['Não tem integração com o Tiny. Precisamos que integrem o quanto antes.', 'OUT_OF_SCOPE_FEATURE'],
    ['vcs nao tem relatorio de vendas por vendedor, vai lancar isso algum dia?', 'OUT_OF_SCOPE_FEATURE'],
    // What she has that fails, and "isso" about the service.
    ['O relatório de vendas parou de abrir. Vocês podem resolver isso hoje?', 'NO_PRIOR_TICKET'],
    ['A integração com o Bling parou de enviar os pedidos. Preciso que verifiquem isso.', 'NO_PRIOR_TICKET'],
    ['O campo CPF sumiu do checkout. Quando vão resolver isso?', 'NO_PRIOR_TICKET'],
  ])('%s → %s', async (text, outcome) => {
    await check({
      name: text,
      from: 'ana@papelariaestrela.com.br',
      subject: 'sugestão',
      text,
      outcome: outcome as Outcome,
    });
  });
});

describe("round 48 — a store's buyer with her order number between what she bought and what came of it", () => {
  it.each([
    ['Boa noite, comprei um carrinho de bebê, pedido 7789, veio quebrado e eles não trocam.', 'NOT_A_CLIENT'],
    ['comprei uma blusa, pedido nº 55123 dia 03/11, ate hoje nao chegou', 'NOT_A_CLIENT'],
    ['Comprei um fone (pedido 88123) e não chegou, a loja sumiu.', 'NOT_A_CLIENT'],
    // A merchant's theme or app bought from us, its order number between, stays hers.
    ['Comprei um tema na loja de temas de vocês, pedido 5521, e veio com erro no rodapé.', 'NO_PRIOR_TICKET'],
    ['Comprei o app de frete, pedido 5521, e nao chegou a ativar na minha loja.', 'NO_PRIOR_TICKET'],
  ])('%s → %s', async (text, outcome) => {
    const shopper = outcome === 'NOT_A_CLIENT';
    await check({
      name: text,
      from: shopper ? 'lucia.ramos@gmail.com' : 'ana@papelariaestrela.com.br',
      subject: 'pedido',
      text,
      outcome: outcome as Outcome,
      rule: shopper ? 'client.shopper.text' : undefined,
      variant: shopper ? 'shopper' : undefined,
    });
  });
});

describe('round 48 — a consultant or an agency who would recommend us to her own clients: a prospect, not a store', () => {
  it.each([
    ['Sou consultor de e-commerce e quero conhecer a plataforma para indicar aos meus clientes.', 'NOT_A_CLIENT'],
    [
      'Temos uma agência e queremos indicar a plataforma de vocês para os nossos clientes. Como funciona a plataforma?',
      'NOT_A_CLIENT',
    ],
    ['Gostaria de conhecer a plataforma para recomendar para meus clientes, vocês fazem demonstração?', 'NOT_A_CLIENT'],
    // A store's buyers: what she shows them is hers.
    [
      'quero conhecer a plataforma melhor para indicar aos meus clientes o rastreio dos pedidos, onde fica?',
      'NO_PRIOR_TICKET',
    ],
    ['Quanto custa o frete para indicar aos meus clientes na página do produto?', 'NO_PRIOR_TICKET'],
  ])('%s → %s', async (text, outcome) => {
    await check({
      name: text,
      from: 'alexandre@consultoriaweb.com.br',
      subject: 'plataforma',
      text,
      outcome: outcome as Outcome,
    });
  });
});

describe('round 48 — an agency that recommends us to its clients, and a buyer who names the purchase she made at a store', () => {
  it.each([
    ['Somos uma agência e queremos recomendar vocês para os nossos clientes. Vocês têm comissão?', 'NOT_A_CLIENT'],
    ['Quero cancelar a compra que fiz ontem no site da loja Casa Nova, pedido 99812. Como faço?', 'NOT_A_CLIENT'],
    ['o pedido que eu fiz semana passada na loja Bella nao chegou', 'NOT_A_CLIENT'],
    // A merchant's test order in her own store.
    ['O pedido que fiz na loja pra testar o pix não apareceu no painel.', 'NO_PRIOR_TICKET'],
    ['A compra que eu fiz na loja como teste não baixou o estoque.', 'NO_PRIOR_TICKET'],
  ])('%s → %s', async (text, outcome) => {
    const shopper = text.includes('fiz') && outcome === 'NOT_A_CLIENT';
    await check({
      name: text,
      from: 'contato@agenciadigital.com',
      subject: 'contato',
      text,
      outcome: outcome as Outcome,
      variant: shopper ? 'shopper' : undefined,
    });
  });
});

describe('round 49 — a data request (LGPD art. 18) in her own words is no prospect: support first, never sales', () => {
  it.each([
    [
      'Nunca fui cliente de vocês e recebo e-mails todo dia. Quero saber de onde tiraram meus dados e que apaguem tudo.',
      'NO_PRIOR_TICKET',
    ],
    ['Não sou cliente de vocês. Apaguem todos os meus dados, não autorizo o uso.', 'NO_PRIOR_TICKET'],
    ['Já fui cliente de vocês. Quero meus dados, tudo o que vocês guardam de mim.', 'NO_PRIOR_TICKET'],
    ['No soy cliente de ustedes. Borren mis datos de su base, por favor.', 'NO_PRIOR_TICKET'],
    ['Não sou cliente ainda, mas quero saber os dados que preciso para abrir a loja. Quanto custa?', 'NOT_A_CLIENT'],
    ['Não sou cliente. Quanto custa o plano básico?', 'NOT_A_CLIENT'],
  ])('%s → %s', async (text, outcome) => {
    await check({
      name: text,
      from: 'helena.prado@gmail.com',
      subject: 'meus dados',
      text,
      outcome: outcome as Outcome,
    });
  });
});

describe('round 49 — terms she knows are not offered, asked for as an exception: a commercial ask', () => {
  it.each([
    [
      'Em nome da nossa cliente, solicitamos parcelar o plano anual em 12x sem juros, condição que não aparece no site. É possível abrir uma exceção?',
      'OUT_OF_SCOPE_COMMERCIAL',
    ],
    [
      'Gostaria de pagar o plano anual em 10x no boleto. Sei que não é uma condição oferecida, mas peço uma exceção.',
      'OUT_OF_SCOPE_COMMERCIAL',
    ],
    ['Vocês podem fazer uma exceção e me deixar pagar a mensalidade no dia 25?', 'OUT_OF_SCOPE_COMMERCIAL'],
    // Not her ask: a rule of her store's, or the word alone.
    ['O frete grátis da minha loja não respeita a exceção que configurei para o Norte.', 'NO_PRIOR_TICKET'],
    ['A loja deu erro de exceção no checkout e ninguém finaliza a compra.', 'NO_PRIOR_TICKET'],
  ])('%s → %s', async (text, outcome) => {
    await check({
      name: text,
      from: 'financeiro@lojasmaia.com.br',
      subject: 'plano',
      text,
      outcome: outcome as Outcome,
    });
  });
});

describe('round 49 — an integration wished in Spanish, or the platform wished to have it: a feature', () => {
  it.each([
    [
      'Hola, soy clienta. Necesito que tengan integración con Andreani para los envíos. Cuándo van a tener eso?',
      'OUT_OF_SCOPE_FEATURE',
    ],
    [
      'Buenas, tengo mi loja con vocês. Necesitamos la integración con DAC para envíos en Uruguay.',
      'OUT_OF_SCOPE_FEATURE',
    ],
    ['Me gustaría una integración con Rappi para mi tienda.', 'OUT_OF_SCOPE_FEATURE'],
    ['Preciso que tenham integração com a Jadlog, meus clientes pedem muito.', 'OUT_OF_SCOPE_FEATURE'],
    // Help with one she uses, or one that broke: hers, not a wish.
    ['Necesito ayuda con la integración con Mercado Pago, no sé configurarla.', 'NO_PRIOR_TICKET'],
    ['Necesito la integración con Mercado Pago: dejó de funcionar ayer y no entran los pagos.', 'NO_PRIOR_TICKET'],
  ])('%s → %s', async (text, outcome) => {
    await check({
      name: text,
      from: 'martina@martinadeco.com.ar',
      subject: 'integración',
      text,
      outcome: outcome as Outcome,
    });
  });
});

describe('round 49 — a prospect in European Portuguese: still to open her store', () => {
  it.each([
    ['Bom dia, estou a pensar abrir uma loja online e gostaria de saber os vossos preços.', 'NOT_A_CLIENT'],
    ['Olá, estamos a pensar em criar uma loja convosco. Como funciona?', 'NOT_A_CLIENT'],
    ['Estou a pensar contratar o plano anual, que diferenças tem do mensal?', 'NOT_A_CLIENT'],
    // Her own store, already open.
    ['A minha loja deixou de enviar os e-mails de confirmação, estou a pensar em reclamar.', 'NO_PRIOR_TICKET'],
  ])('%s → %s', async (text, outcome) => {
    await check({ name: text, from: 'tiago@startupx.pt', subject: 'informação', text, outcome: outcome as Outcome });
  });
});

describe('round 49 — a reply written under the Outlook history it answers (bottom-posted): her words decide', () => {
  const history = (from: string, subject: string, body: string) =>
    `-----Mensagem original-----\nDe: ${from}\nEnviada em: sexta-feira, 20 de novembro de 2026 18:00\nAssunto: ${subject}\n\n${body}\n\n`;
  it.each([
    [
      'RES: Compra não entregue',
      `${history('Loja Eletro Fácil', 'Compra não entregue', 'Olá Roberto, estamos verificando com a transportadora.')}Isso foi há 15 dias. Comprei uma geladeira na Eletro Fácil, que usa a plataforma de vocês, e não chegou.`,
      'NOT_A_CLIENT',
    ],
    [
      'RE: Sua fatura de novembro',
      `${history('Cobrança', 'Sua fatura de novembro', 'Sua fatura está disponível no painel.')}Por que veio 50 reais a mais que no mês passado? Não mudei nada.`,
      'BILLING_QUESTION',
    ],
    [
      'RE: Aviso',
      `${history('Plataforma', 'Aviso', 'Informamos que haverá manutenção programada no dia 20/11.')}Não consigo acessar o painel desde a manutenção, diz usuário bloqueado.`,
      'ACCESS_ISSUE',
    ],
    // The history alone, nothing of hers under it: nothing of it is read as hers.
    ['RE: Aviso', history('Cobrança', 'Aviso', 'Sua fatura está disponível no painel.'), 'NO_PRIOR_TICKET'],
  ])('%s → %s', async (subject, text, outcome) => {
    const shopper = outcome === 'NOT_A_CLIENT';
    await check({
      name: `${subject} ${outcome}`,
      from: shopper ? 'roberto.lima@outlook.com' : 'marta@martamodas.com.br',
      subject,
      text,
      outcome: outcome as Outcome,
      variant: shopper ? 'shopper' : undefined,
    });
  });
});

describe('round 49 — a team or an agency loses its access, in the plural', () => {
  it.each([
    ['Bloquearam nosso acesso ao painel sem aviso. Precisamos entrar para despachar os pedidos.', 'ACCESS_ISSUE'],
    ['Bloquearam a nossa conta de administrador ontem à noite, ninguém da equipe entra.', 'ACCESS_ISSUE'],
    ['Nosso usuário de acesso ao painel foi bloqueado depois de várias tentativas.', 'ACCESS_ISSUE'],
    // Blocked by us on her store's side: her buyers, not her panel.
    ['Bloquearam nosso acesso ao checkout de teste e os clientes não conseguem pagar.', 'NO_PRIOR_TICKET'],
  ])('%s → %s', async (text, outcome) => {
    await check({ name: text, from: 'ti@lojabeta.com.br', subject: 'painel', text, outcome: outcome as Outcome });
  });
});

describe('round 50 — whom writes for the store (accountant, agency, adviser) calls the merchant "a cliente"', () => {
  it.each([
    [
      'Sou o contador da Doce Mel. A cliente perdeu o acesso ao painel administrativo e o código de verificação vai para um celular que ela não tem mais.',
      'ACCESS_ISSUE',
    ],
    ['Sou contadora da loja Bella. A cliente quer mudar do plano mensal para o anual, como faz?', 'BILLING_QUESTION'],
    [
      'Olá, somos a agência que cuida da loja Casa Verde. O cliente não consegue entrar no painel desde ontem, aparece senha inválida.',
      'ACCESS_ISSUE',
    ],
    [
      'Bom dia, sou o contador responsável pela loja Pão Nosso. O cliente precisa da segunda via da fatura de novembro da plataforma.',
      'BILLING_QUESTION',
    ],
    // The store's staff and the owner's family: their "a cliente" is a buyer, however the sentence goes on.
    [
      'Escrevo pela minha mãe, que é dona da loja Doce Lar. O cliente foi cobrado duas vezes no cartão.',
      'NO_PRIOR_TICKET',
    ],
    ['Sou filha da dona da loja Doce Lar. A cliente recebeu o boleto vencido e não consegue pagar.', 'NO_PRIOR_TICKET'],
    ['Trabalho na loja Sabor Caseiro. O cliente foi cobrado duas vezes no cartão.', 'NO_PRIOR_TICKET'],
    ['Trabalho na loja Sabor Caseiro. A cliente recebeu o boleto vencido e não consegue pagar.', 'NO_PRIOR_TICKET'],
    [
      'Prezados, somos a contabilidade da loja Ponto Chic. O cliente não recebeu a nota fiscal da mensalidade de outubro, podem reenviar?',
      'BILLING_QUESTION',
    ],
    // Still a buyer: the merchant's own "a cliente", or a buyer's deed in the sentence, whoever writes.
    [
      'A cliente comprou na minha loja e não consegue acessar a conta dela no site, diz que a senha não funciona.',
      'NO_PRIOR_TICKET',
    ],
    ['O cliente foi cobrado duas vezes no cartão numa compra da minha loja, como estorno?', 'NO_PRIOR_TICKET'],
    [
      'Somos a agência da loja Casa Verde. A cliente da loja comprou um vestido e foi cobrada duas vezes no cartão.',
      'NO_PRIOR_TICKET',
    ],
    [
      'Sou funcionária da loja Sabor Caseiro. O cliente reclamou que o frete saiu caro demais no carrinho.',
      'NO_PRIOR_TICKET',
    ],
  ])('%s → %s', async (text, outcome) => {
    await check({
      name: text,
      from: 'contabil@escritoriosilva.com.br',
      subject: 'loja',
      text,
      outcome: outcome as Outcome,
    });
  });
});

describe('round 50 — invoices the store sends to its buyers (pt-PT "faturas aos clientes"): not ours', () => {
  it.each([
    ['A minha loja deixou de enviar as faturas aos clientes desde a semana passada.', 'NO_PRIOR_TICKET'],
    ['Desde ontem a plataforma não envia as faturas-recibo aos clientes quando a encomenda é paga.', 'NO_PRIOR_TICKET'],
    [
      'A loja parou de mandar a nota fiscal ao cliente depois da compra, o e-mail automático não sai mais.',
      'NO_PRIOR_TICKET',
    ],
    // Ours: her own invoice, or the merchant's, sent "ao cliente" by whom writes for her.
    [
      'Não estou a receber as vossas faturas da mensalidade no meu e-mail. Podem reenviar a de outubro?',
      'BILLING_QUESTION',
    ],
    [
      'Sou o contador da loja Pão Nosso. Enviem a fatura da mensalidade ao cliente por e-mail, por favor, ele não recebeu.',
      'BILLING_QUESTION',
    ],
  ])('%s → %s', async (text, outcome) => {
    await check({ name: text, from: 'manuel@lojamanuel.pt', subject: 'faturas', text, outcome: outcome as Outcome });
  });
});

describe('round 50 — a buyer who says we host the store, or what it would not do for what she bought', () => {
  it.each([
    [
      'paula.souza@gmail.com',
      'Já faz 10 dias e a loja não trocou a sandália que comprei. Vocês hospedam a loja, então quero que resolvam.',
      'NOT_A_CLIENT',
    ],
    [
      'marcos1980@hotmail.com',
      'A loja Bella Bolsa está hospedada com vocês e não me devolveu o dinheiro da bolsa que eu comprei. Quero uma solução.',
      'NOT_A_CLIENT',
    ],
    [
      'lucas.m@gmail.com',
      'Vocês hospedam esse site e a loja não entregou o celular que eu comprei há um mês. Quero meu dinheiro de volta.',
      'NOT_A_CLIENT',
    ],
    // A merchant's own store we host, her theme, her plan: hers.
    [
      'renata@lojarenata.com.br',
      'A minha loja está hospedada com vocês e ficou fora do ar ontem à noite, perdi vendas.',
      'NO_PRIOR_TICKET',
    ],
    [
      'renata@lojarenata.com.br',
      'Vocês hospedam a minha loja e o site ficou fora do ar a manhã toda. Preciso de uma explicação.',
      'NO_PRIOR_TICKET',
    ],
    [
      'beto@lojabeto.com.br',
      'A loja não trocou o tema que comprei na loja de temas, continua o antigo.',
      'NO_PRIOR_TICKET',
    ],
    [
      'beto@lojabeto.com.br',
      'O suporte não trocou o plano que comprei, continuo pagando o mensal em vez do anual.',
      'BILLING_QUESTION',
    ],
  ])('%s: %s → %s', checkFromStore);
});

describe('round 50 — the panel user blocked, in the third person (whom writes for the store)', () => {
  it.each([
    [
      'Sou assessora da loja Flor de Lis. A cliente foi bloqueada no painel e não consegue desbloquear.',
      'ACCESS_ISSUE',
    ],
    ['Sou assessora da loja Flor de Lis. Ela foi bloqueada no painel e não consegue desbloquear.', 'ACCESS_ISSUE'],
    [
      'Somos a agência responsável pela loja Bela Moda. O cliente foi bloqueado depois de errar a senha e o desbloqueio não chega no e-mail.',
      'ACCESS_ISSUE',
    ],
    // Her buyer's account at her store: the store's matter.
    ['Meu cliente foi bloqueado depois de errar a senha na loja, como libero a conta dele?', 'NO_PRIOR_TICKET'],
    ['O cliente foi bloqueado depois de errar a senha no site da minha loja.', 'NO_PRIOR_TICKET'],
  ])('%s → %s', async (text, outcome) => {
    await check({ name: text, from: 'ana@florlis.com.br', subject: 'bloqueio', text, outcome: outcome as Outcome });
  });
});

describe('round 51 — a feature asked for when it comes, or what they must make', () => {
  it.each([
    [
      'Hi, when will you support multi-currency checkout? We sell to Europe and need EUR pricing.',
      'OUT_OF_SCOPE_FEATURE',
    ],
    ['We need a webhook for stock changes. When will the API support it?', 'OUT_OF_SCOPE_FEATURE'],
    ['vcs vao integrar com shopee qdo? to perdendo venda', 'OUT_OF_SCOPE_FEATURE'],
    ['vcs tem q fazer um app pro lojista urgente o painel no cel é pessimo', 'OUT_OF_SCOPE_FEATURE'],
    // Something broken, back, or a service: not a feature.
    ['When will the API support be back? Our ERP cannot send orders since Monday.', 'NO_PRIOR_TICKET'],
    ['vcs vao integrar meus pedidos de novo? a integracao com o bling parou desde ontem', 'NO_PRIOR_TICKET'],
    ['vocês precisam fazer um estorno da cobrança do app de frete que desinstalei', 'BILLING_QUESTION'],
    ['vocês tem que fazer uma correção no app urgente, ele não abre desde a atualização', 'NO_PRIOR_TICKET'],
  ])('%s → %s', async (text, outcome) => {
    await check({ name: text, from: 'dev@lojaurbana.com.br', subject: 'loja', text, outcome: outcome as Outcome });
  });
});

describe('round 51 — a cut asked for by its noun, staying for a price, an enterprise price', () => {
  it.each([
    [
      'A Tray cobra metade do que vocês cobram. Quero uma redução de 40% na mensalidade ou saio.',
      'OUT_OF_SCOPE_COMMERCIAL',
    ],
    [
      'Estou migrando para a Shopify porque lá é mais barato. Antes de sair, aceito ficar se me derem um plano com preço de 2024.',
      'OUT_OF_SCOPE_COMMERCIAL',
    ],
    [
      "We run 12 stores on your platform. We want a custom enterprise price, otherwise we're moving to BigCommerce.",
      'OUT_OF_SCOPE_COMMERCIAL',
    ],
    // A promised cut not applied, a question about one, staying for a fix: not a negotiation.
    [
      'O suporte prometeu uma redução na mensalidade e a fatura veio com o valor cheio. Quero a redução que combinaram.',
      'BILLING_QUESTION',
    ],
    ['Houve alguma redução no valor do plano este mês? A fatura veio menor e quero entender.', 'BILLING_QUESTION'],
    ['Só continuo se me derem uma solução para a loja lenta, o preço que pago não justifica.', 'NO_PRIOR_TICKET'],
  ])('%s → %s', async (text, outcome) => {
    await check({ name: text, from: 'paula@paulamodas.com.br', subject: 'loja', text, outcome: outcome as Outcome });
  });
});

describe('round 51 — a buyer in formal words, what the store sold her, whether a store can be trusted', () => {
  it.each([
    [
      'diego.s@gmail.com',
      'Prezados, realizei uma compra no site www.esportetotal.com.br, que utiliza a plataforma de vocês, pedido 30021. Já se passaram 40 dias.',
      'NOT_A_CLIENT',
    ],
    [
      'anonimo.cliente@gmail.com',
      'a loja aroma da terra me vendeu um perfume falsificado!!! vcs sao coniventes. vou no reclame aqui',
      'NOT_A_CLIENT',
    ],
    [
      'ana.cliente@gmail.com',
      'Bom dia, gostaria de saber se a loja Natural Vida é confiável. Vi que usa a plataforma de vocês.',
      'NOT_A_CLIENT',
    ],
    // A merchant's test order, her buyer's purchase, her store's sales, our salesman: hers.
    [
      'loja@primeshoes.com.br',
      'Realizei um pedido de teste na loja e o pagamento por pix não gerou o QR code.',
      'NO_PRIOR_TICKET',
    ],
    [
      'loja@primeshoes.com.br',
      'Um cliente realizou uma compra no site e o pedido não aparece no meu painel.',
      'NO_PRIOR_TICKET',
    ],
    [
      'loja@primeshoes.com.br',
      'A loja me vendeu muito bem na Black Friday, mas desde ontem o checkout está lento.',
      'NO_PRIOR_TICKET',
    ],
    [
      'loja@primeshoes.com.br',
      'O vendedor de vocês me vendeu o plano anual dizendo que tinha integração e agora a fatura veio mais alta.',
      'BILLING_QUESTION',
    ],
  ])('%s: %s → %s', checkFromStore);
});

describe('round 51 — whom writes for the store calls the merchant "minha cliente"', () => {
  it.each([
    [
      'adv.silva@silvaadvogados.com.br',
      'Sou advogado da loja Sabor da Serra. Minha cliente não consegue acessar o painel administrativo desde que o ex-sócio trocou o e-mail de acesso.',
      'ACCESS_ISSUE',
    ],
    [
      'contabil@escritoriosilva.com.br',
      'Sou o contador da loja Doce Mel. Minha cliente quer entender por que a mensalidade de novembro veio mais alta.',
      'BILLING_QUESTION',
    ],
    // A buyer's deed, or the merchant's own "meu cliente": the store's buyer.
    [
      'atendimento@agenciapixel.com.br',
      'Somos a agência da loja Casa Verde. Nosso cliente da loja foi cobrado duas vezes no cartão na compra de ontem.',
      'NO_PRIOR_TICKET',
    ],
    [
      'carla@lojacarla.com.br',
      'Meu cliente não consegue acessar a conta dele no site, diz que a senha não funciona.',
      'NO_PRIOR_TICKET',
    ],
  ])('%s: %s → %s', async (from, text, outcome) => {
    await check({ name: text, from, subject: 'loja', text, outcome: outcome as Outcome });
  });
});

describe('round 51 — what her buyers paid is the store’s', () => {
  it.each([
    [
      'os boletos pagos pelos clientes da minha loja ficam como pendente no painel, nao baixa automatico',
      'NO_PRIOR_TICKET',
    ],
    ['Os pix pagos pelas clientes não aparecem como pagos no painel.', 'NO_PRIOR_TICKET'],
    // Her own boleto from us: billing.
    [
      'O boleto da mensalidade da plataforma não chegou no meu e-mail este mês, onde pego a segunda via?',
      'BILLING_QUESTION',
    ],
  ])('%s → %s', async (text, outcome) => {
    await check({ name: text, from: 'dona@donabela.com.br', subject: 'boleto', text, outcome: outcome as Outcome });
  });
});

describe('round 51 — what the platform should start doing', () => {
  it.each([
    [
      'Somos clientes desde 2021 e temos apreço pela plataforma. Solicitamos que a plataforma passe a oferecer tabela de preços diferenciada para clientes atacadistas.',
      'OUT_OF_SCOPE_FEATURE',
    ],
    // The service, or what broke: not a feature.
    ['Solicitamos que a plataforma passe a responder os chamados em menos de 24 horas.', 'NO_PRIOR_TICKET'],
    ['Peço que o sistema passe a funcionar como antes, o checkout está travando.', 'NO_PRIOR_TICKET'],
  ])('%s → %s', async (text, outcome) => {
    await check({
      name: text,
      from: 'diretoria@casaeconforto.com.br',
      subject: 'Carta',
      text,
      outcome: outcome as Outcome,
    });
  });
});

describe('round 52 — a wish in the Spanish subjunctive', () => {
  it.each([
    [
      'contacto@tiendaluna.es',
      'Buenos días, quisiéramos que el panel estuviera en español. Muchas gracias.',
      'OUT_OF_SCOPE_FEATURE',
    ],
    [
      'contacto@tiendaluna.es',
      'Nos gustaría que la plataforma tuviera integración con Mercado Libre.',
      'OUT_OF_SCOPE_FEATURE',
    ],
    [
      'ventas@modasol.mx',
      'Sería muy útil que el sistema permitiera exportar los pedidos a Excel.',
      'OUT_OF_SCOPE_FEATURE',
    ],
    [
      'contacto@tiendaluna.es',
      'Ojalá pudieran lanzar una app para gestionar la tienda desde el móvil.',
      'OUT_OF_SCOPE_FEATURE',
    ],
    ['owner@brightcandles.com', 'We would love it if the platform supported B2B price lists.', 'OUT_OF_SCOPE_FEATURE'],
    // A deed of the service, the store back up, her invoice in another currency: not a feature.
    [
      'contacto@tiendaluna.es',
      'Nos cobraron dos veces la cuota de noviembre. Nos gustaría que nos devolvieran el cobro duplicado.',
      'BILLING_QUESTION',
    ],
    [
      'contacto@tiendaluna.es',
      'Nos gustaría que la tienda estuviera en línea otra vez, se cayó ayer y no vendemos nada.',
      'NO_PRIOR_TICKET',
    ],
    [
      'contacto@tiendaluna.es',
      'Quisiéramos que la factura de octubre estuviera en euros, vino en reales. ¿Pueden corregirla?',
      'BILLING_QUESTION',
    ],
    [
      'ventas@modasol.mx',
      'Nos gustaría que el soporte tuviera más personas, nadie responde nuestros correos.',
      'NO_PRIOR_TICKET',
    ],
  ])('%s: %s → %s', async (from, text, outcome) => {
    await check({ name: text, from, subject: 'tienda', text, outcome: outcome as Outcome });
  });
});

describe('round 52 — what the platform should start doing, in the infinitive', () => {
  it.each([
    [
      'Bom dia, seria possível a plataforma passar a emitir faturas com o NIF? Precisamos disso para faturar em Portugal.',
      'OUT_OF_SCOPE_FEATURE',
    ],
    [
      'Seria possível o sistema passar a calcular o IVA por país na loja? Vendemos para Espanha e França.',
      'OUT_OF_SCOPE_FEATURE',
    ],
    // Our charge to come, her own invoices, what broke: not a feature.
    ['Recebi um aviso. A plataforma vai passar a cobrar uma taxa por venda? Quanto vai ser?', 'BILLING_QUESTION'],
    [
      'Seria possível a plataforma passar a emitir as minhas faturas com o NIF novo? Mudámos de empresa.',
      'BILLING_QUESTION',
    ],
    [
      'Seria possível o sistema passar a funcionar como antes? Desde a atualização as encomendas não entram.',
      'NO_PRIOR_TICKET',
    ],
    ['A fatura de novembro veio sem o nosso NIF. Seria possível emitir de novo com o NIF correto?', 'BILLING_QUESTION'],
  ])('%s → %s', async (text, outcome) => {
    await check({ name: text, from: 'geral@lojadoporto.pt', subject: 'loja', text, outcome: outcome as Outcome });
  });
});

describe('round 52 — a bare follow-up ask for the feature the sentence before named', () => {
  it.each([
    ['ana@anabijoux.com.br', 'Vocês não têm integração com o Bling? Quando vão ter?', 'OUT_OF_SCOPE_FEATURE'],
    [
      'geral@lojadoporto.pt',
      'A plataforma ainda não aceita pagamentos por MB Way. Há previsão?',
      'OUT_OF_SCOPE_FEATURE',
    ],
    ['kiki@kikiartes.com.br', 'a nuvemshop já vende pelo tiktok shop. e vcs, qdo vão lançar??', 'OUT_OF_SCOPE_FEATURE'],
    [
      'contacto@tiendaluna.es',
      'Nos gustaría usar la plataforma con el panel en catalán. ¿Tienen previsto hacerlo?',
      'OUT_OF_SCOPE_FEATURE',
    ],
    [
      'contacto@tiendaluna.es',
      'Echamos de menos el pago con Bizum en el checkout. ¿Cuándo lo van a incorporar?',
      'OUT_OF_SCOPE_FEATURE',
    ],
    [
      'owner@brightcandles.com',
      'Your platform does not offer subscription products. Any plans?',
      'OUT_OF_SCOPE_FEATURE',
    ],
    [
      'owner@brightcandles.com',
      'Customers keep asking for a wishlist on product pages. Do you have plans to add it?',
      'OUT_OF_SCOPE_FEATURE',
    ],
    [
      'suporte@lojafofa.com.br',
      'A Shopify tem recuperação de carrinho abandonado por WhatsApp e vocês não. Quando vão ter? Senão terei que migrar.',
      'OUT_OF_SCOPE_FEATURE',
    ],
    // What broke, her sign-in, a charge, an ask of something else, a ticket: as before.
    [
      'ze@zepecas.com.br',
      'A integração com o Bling parou de sincronizar os pedidos desde segunda. Tem previsão?',
      'NO_PRIOR_TICKET',
    ],
    ['gabi@gabimodas.com.br', 'O Pix da loja caiu de novo. Tem previsão de voltar?', 'NO_PRIOR_TICKET'],
    ['ze@zepecas.com.br', 'Minha loja usa a integração com o Bling. Tem previsão de manutenção?', 'NO_PRIOR_TICKET'],
    ['ze@zepecas.com.br', 'O relatório de vendas não mostra os pedidos de ontem. Tem previsão?', 'NO_PRIOR_TICKET'],
    ['ze@zepecas.com.br', 'O app não abre no meu celular. Tem previsão?', 'NO_PRIOR_TICKET'],
    ['ze@zepecas.com.br', 'Não consigo entrar no painel. Tem previsão?', 'ACCESS_ISSUE'],
    ['ze@zepecas.com.br', 'Fui cobrada pela integração com o Bling que cancelei. Tem previsão?', 'BILLING_QUESTION'],
    ['owner@brightcandles.com', 'The API integration stopped syncing orders. Any plans to fix it?', 'NO_PRIOR_TICKET'],
    [
      'contacto@tiendaluna.es',
      'La pasarela de pago dejó de funcionar ayer y no podemos cobrar. ¿Tienen previsto solucionarlo pronto?',
      'NO_PRIOR_TICKET',
    ],
  ])('%s: %s → %s', async (from, text, outcome) => {
    await check({ name: text, from, subject: 'loja', text, outcome: outcome as Outcome });
  });

  it('when they will solve her verified ticket is her case, not a feature', async () => {
    const text = 'Abri o chamado 48215 porque a integração com o Bling parou. Já faz 9 dias. Quando vão resolver?';
    await check({ name: text, from: 'contato@eletroponto.com.br', subject: 'chamado', text, outcome: 'ACCEPTED' });
  });
});

describe('round 52 — her problem first, a wish as an afterthought', () => {
  const noted = 'anotar a sugestão';
  it.each([
    [
      'Vi que a mensalidade subiu de R$ 89 para R$ 119 sem nenhum aviso. Por que? Ah, e seria legal ter relatório de vendas por categoria no painel, fica a dica.',
      'BILLING_QUESTION',
    ],
    [
      'Fui cobrado em dobro no cartão este mês, preciso do estorno. E uma sugestão: vocês poderiam ter integração com o Tiny.',
      'BILLING_QUESTION',
    ],
    [
      'O boleto da mensalidade não chegou este mês e já venceu, como pago sem multa? Ah, seria ótimo poder pagar a mensalidade por Pix também, fica a sugestão.',
      'BILLING_QUESTION',
    ],
    [
      'Quero entender por que fui cobrada pelo plano anual se eu escolhi o mensal. Ah, e fica a dica: um app para iPad seria ótimo.',
      'BILLING_QUESTION',
    ],
    [
      'Não consigo entrar no painel desde ontem, diz usuário bloqueado. Ah, e seria legal ter modo escuro no painel, fica a dica.',
      'ACCESS_ISSUE',
    ],
  ])('%s → %s, the wish noted', async (text, outcome) => {
    const { decision } = await check({
      name: text,
      from: 'joana@joanaarte.com.br',
      subject: 'loja',
      text,
      outcome: outcome as Outcome,
    });
    expect(decision.reason).toContain(noted);
    expect(decision.ruleIds.some((id) => id.startsWith('scope.feature.'))).toBe(true);
  });

  it.each([
    // A wish alone, the wish first, in the problem's own sentence, or beside what she only tells: a feature.
    ['Oi! Seria legal ter relatório de vendas por categoria no painel, fica a dica.', 'OUT_OF_SCOPE_FEATURE'],
    ['Seria ótimo poder pagar a mensalidade por Pix também, fica a sugestão.', 'OUT_OF_SCOPE_FEATURE'],
    [
      'Seria legal ter modo escuro no painel. Aliás, a mensalidade deste mês veio mais alta, por quê?',
      'OUT_OF_SCOPE_FEATURE',
    ],
    ['Tenho o plano Pro há dois anos. Quando vão ter integração com o Tiny?', 'OUT_OF_SCOPE_FEATURE'],
    [
      'Pago a mensalidade em dia há 3 anos. Vocês poderiam criar um relatório de vendas por categoria?',
      'OUT_OF_SCOPE_FEATURE',
    ],
  ])('%s → %s', async (text, outcome) => {
    const { decision } = await check({
      name: text,
      from: 'joana@joanaarte.com.br',
      subject: 'loja',
      text,
      outcome: outcome as Outcome,
    });
    expect(decision.reason).not.toContain(noted);
  });

  it('with her ticket verified, the ticket decides and the wish is noted', async () => {
    const text =
      'O chamado 48213 sobre a mensalidade que subiu sem aviso segue sem resposta. Ah, e seria legal ter relatório de vendas por categoria, fica a dica.';
    const { decision } = await check({
      name: text,
      from: 'lojista@modasbella.com.br',
      subject: 'loja',
      text,
      outcome: 'ACCEPTED',
    });
    expect(decision.reason).toContain(noted);
  });

  it('with her ticket verified, a wish she leads with still decides', async () => {
    const text = 'Sobre o chamado 48213: vocês poderiam criar um relatório de vendas por categoria no painel?';
    await check({
      name: text,
      from: 'lojista@modasbella.com.br',
      subject: 'loja',
      text,
      outcome: 'OUT_OF_SCOPE_FEATURE',
    });
  });
});

describe('round 52 — a wish with the platform named between', () => {
  it.each([
    [
      'Seria legal a plataforma ter boleto parcelado para as minhas clientes, muitas pedem isso.',
      'OUT_OF_SCOPE_FEATURE',
    ],
    ['Seria ótimo vocês terem um app para acompanhar as vendas pelo celular.', 'OUT_OF_SCOPE_FEATURE'],
    // The service wished for: no feature.
    ['Seria bom a plataforma ter um suporte que responde, estou há 5 dias esperando.', 'NO_PRIOR_TICKET'],
  ])('%s → %s', async (text, outcome) => {
    await check({ name: text, from: 'bia@biacosmeticos.com.br', subject: 'loja', text, outcome: outcome as Outcome });
  });
});

describe('round 53 — Spanish "we" locked out of the panel', () => {
  it.each([
    [
      'Quisiéramos que revisaran por qué no podemos entrar al panel, dice que la contraseña es incorrecta.',
      'ACCESS_ISSUE',
    ],
    ['Hola, no podemos entrar al panel desde ayer. Nos pide un código que nunca llega.', 'ACCESS_ISSUE'],
    ['No podemos acceder al panel de administración desde el lunes.', 'ACCESS_ISSUE'],
    ['Desde la actualización no pudimos ingresar a la cuenta, dice usuario inexistente.', 'ACCESS_ISSUE'],
    // Reaching support or its chat is no sign-in (as "entrar em contato" in Portuguese).
    ['No podemos entrar en contacto con el soporte, nadie contesta y la tienda sigue sin cobrar.', 'NO_PRIOR_TICKET'],
    ['No puedo acceder al chat de soporte, siempre dice que no hay agentes. La tienda no carga.', 'NO_PRIOR_TICKET'],
    ['Nuestros clientes no pueden entrar al carrito, se queda cargando.', 'NO_PRIOR_TICKET'],
  ])('%s → %s', async (text, outcome) => {
    await check({ name: text, from: 'ventas@mercadito.co', subject: 'panel', text, outcome: outcome as Outcome });
  });
});

describe('round 53 — support words she quotes back do not decide', () => {
  it.each([
    [
      'O suporte me disse por chat: "Para negociar valores do plano, fale com o comercial". Não quero negociar nada, quero que o site volte a carregar as imagens.',
      'NO_PRIOR_TICKET',
    ],
    [
      'A resposta do suporte foi "isso é com o financeiro, veja sua fatura". Mas o problema é que o site não carrega as imagens.',
      'NO_PRIOR_TICKET',
    ],
    [
      'Recebi do suporte: “Recomendamos redefinir sua senha pelo link esqueci minha senha.” Eu entro no painel normalmente, o problema é que o Pix não confirma.',
      'NO_PRIOR_TICKET',
    ],
    [
      'Vocês me responderam "para negociar o valor do plano, fale com o comercial". Não quero desconto, quero que a loja volte ao ar.',
      'NO_PRIOR_TICKET',
    ],
    [
      'El soporte me dijo: "para cambiar de plan hable con el área comercial". No quiero cambiar nada, la tienda no carga desde ayer.',
      'NO_PRIOR_TICKET',
    ],
    // Her own words in quotes, and the error the system shows her, still read.
    ['Tento entrar no painel e aparece "senha incorreta", mesmo depois de trocar a senha.', 'ACCESS_ISSUE'],
    ['O sistema diz "usuário bloqueado" quando tento acessar o painel.', 'ACCESS_ISSUE'],
    [
      'Na fatura veio escrito "taxa de serviço adicional" e eu não contratei nada. Por que fui cobrada?',
      'BILLING_QUESTION',
    ],
    ['O atendente disse que ia verificar e sumiu. A fatura deste mês veio com cobrança duplicada.', 'BILLING_QUESTION'],
    // Red team 54: her own words after a reply she never got, or after support as whom she wrote to.
    ['Até agora nenhuma resposta: "não consigo entrar no painel desde ontem, diz senha incorreta".', 'ACCESS_ISSUE'],
    [
      'Mandei para a equipe: "não consigo acessar o painel, aparece usuário bloqueado". Ninguém resolveu.',
      'ACCESS_ISSUE',
    ],
    ['Sem resposta até hoje, e "cobraram a mensalidade duas vezes no cartão" continua.', 'BILLING_QUESTION'],
  ])('%s → %s', async (text, outcome) => {
    await check({ name: text, from: 'lucas@lucasgeek.com.br', subject: 'suporte', text, outcome: outcome as Outcome });
  });
});

describe('round 53 — a wish as an afterthought beside a ticket that does not hold', () => {
  const noted = 'Depois pede uma funcionalidade';
  it.each([
    // Not found, and another sender's: the ticket's guidance (the right number) decides; the wish is noted.
    [
      'O chamado 99999 sobre o frete que não calcula segue sem resposta. Ah, e seria legal ter modo escuro no painel, fica a dica.',
      'TICKET_INVALID',
      true,
    ],
    [
      'Meu chamado 48214 está parado há 3 semanas, o checkout não fecha pedido. Ah, uma sugestão: vocês poderiam ter integração com o Tiny.',
      'TICKET_INVALID',
      true,
    ],
    // A wish she leads with, or one with no afterthought word, still decides.
    [
      'Sobre o chamado 99999: vocês poderiam criar um relatório de vendas por categoria no painel?',
      'OUT_OF_SCOPE_FEATURE',
      false,
    ],
    ['Chamado 99999. Seria legal ter modo escuro no painel.', 'OUT_OF_SCOPE_FEATURE', false],
  ])('%s → %s', async (text, outcome, isNoted) => {
    const { decision } = await check({
      name: text,
      from: 'ze@zepecas.com.br',
      subject: 'chamado',
      text,
      outcome: outcome as Outcome,
    });
    expect(decision.reason.includes(noted)).toBe(isNoted);
  });
});

describe('round 53 — a bare follow-up ask two sentences after the feature', () => {
  it.each([
    ['A plataforma não tem provador virtual. Minhas clientes sempre perguntam. Tem previsão?', 'OUT_OF_SCOPE_FEATURE'],
    [
      'Queria vender produtos por assinatura. A plataforma ainda não oferece isso, certo? Vão lançar quando?',
      'OUT_OF_SCOPE_FEATURE',
    ],
    ['Vocês não têm integração com o Tiny. Uso ele há anos no estoque. Quando vão ter?', 'OUT_OF_SCOPE_FEATURE'],
    // What broke, between or before, is no feature; nor a feature named three sentences back.
    ['A integração com o Bling parou ontem. Os pedidos não sincronizam. Tem previsão?', 'NO_PRIOR_TICKET'],
    ['A plataforma não tem provador virtual. O site ficou fora do ar a manhã toda. Tem previsão?', 'NO_PRIOR_TICKET'],
    [
      'A plataforma não tem provador virtual. Minhas clientes sempre perguntam. Eu respondo que não. Tem previsão?',
      'NO_PRIOR_TICKET',
    ],
  ])('%s → %s', async (text, outcome) => {
    await check({ name: text, from: 'gabi@gabimodas.com.br', subject: 'loja', text, outcome: outcome as Outcome });
  });
});

describe('round 53 — the Spanish wish said in the first person singular', () => {
  it.each([
    ['Me encantaría que agregaran el pago en OXXO para nuestros clientes en México.', 'OUT_OF_SCOPE_FEATURE'],
    ['Me encantaría que agregaran OXXO como medio de pago.', 'OUT_OF_SCOPE_FEATURE'],
    ['Me gustaría que ofrecieran envíos con Estafeta en el checkout.', 'OUT_OF_SCOPE_FEATURE'],
    // A deed of the service for her, the store back up, more people in support: no feature.
    ['Me encantaría que me explicaran por qué me cobraron dos veces la mensualidad.', 'BILLING_QUESTION'],
    ['Me gustaría que la tienda volviera a estar en línea, lleva dos días caída.', 'NO_PRIOR_TICKET'],
    ['Me gustaría que agregaran más personas al soporte, nadie contesta hace una semana.', 'NO_PRIOR_TICKET'],
  ])('%s → %s', async (text, outcome) => {
    await check({ name: text, from: 'contacto@tiendaluna.mx', subject: 'tienda', text, outcome: outcome as Outcome });
  });
});

describe('round 53 — what they would add, in the subjunctive', () => {
  it.each([
    [
      'oi gente seria bom se voces colocassem um botao de whatsapp no carrinho da loja pra cliente falar com a gente',
      'OUT_OF_SCOPE_FEATURE',
    ],
    ['Seria ótimo se vocês adicionassem um relatório de vendas por categoria.', 'OUT_OF_SCOPE_FEATURE'],
    ['Seria ótimo se a plataforma permitisse agendar promoções no painel.', 'OUT_OF_SCOPE_FEATURE'],
    // Something broken put back, people in support, or her invoice set right: no feature.
    ['Seria bom se vocês colocassem o botão de comprar de volta, sumiu depois da atualização.', 'NO_PRIOR_TICKET'],
    [
      'Seria bom se vocês colocassem alguém no suporte que resolvesse, o botão de comprar não funciona.',
      'NO_PRIOR_TICKET',
    ],
    ['Seria bom se vocês colocassem o valor certo na fatura, veio cobrança a mais.', 'BILLING_QUESTION'],
  ])('%s → %s', async (text, outcome) => {
    await check({ name: text, from: 'tiao.ferragens@bol.com.br', subject: 'loja', text, outcome: outcome as Outcome });
  });
});

describe('round 53 — a foreign seller asks for a carrier or a destination', () => {
  it.each([
    [
      'Hi, is there any plan to support shipping to Canada with FedEx? My customers would love it.',
      'OUT_OF_SCOPE_FEATURE',
    ],
    ['Do you plan to add shipping with DHL?', 'OUT_OF_SCOPE_FEATURE'],
    ['Are there plans to support shipping via UPS for international orders?', 'OUT_OF_SCOPE_FEATURE'],
    // Shipping that broke stays a complaint.
    ['Shipping to Canada stopped working yesterday, the checkout shows no rates.', 'NO_PRIOR_TICKET'],
    ['My shipping with FedEx is broken since the update. Any plans to fix it?', 'NO_PRIOR_TICKET'],
    ['Shipping to Canada used to work. Now customers cannot check out. Any ETA?', 'NO_PRIOR_TICKET'],
  ])('%s → %s', async (text, outcome) => {
    await check({
      name: text,
      from: 'john@northwoodgoods.com',
      subject: 'shipping',
      text,
      outcome: outcome as Outcome,
    });
  });
});

describe('round 53 — the English wish for what the platform would offer or allow', () => {
  it.each([
    ['It would be great if the platform offered gift cards.', 'OUT_OF_SCOPE_FEATURE'],
    ['It would be nice if the platform allowed scheduling promotions in advance.', 'OUT_OF_SCOPE_FEATURE'],
    ['We would love it if you allowed customers to pick a delivery date.', 'OUT_OF_SCOPE_FEATURE'],
    // What broke, or her charge: no feature.
    [
      'It would be great if the platform allowed my customers to check out again, it has been broken since Monday.',
      'NO_PRIOR_TICKET',
    ],
    ['It would be great if the platform offered a refund for the double charge on my invoice.', 'BILLING_QUESTION'],
  ])('%s → %s', async (text, outcome) => {
    await check({ name: text, from: 'owner@brightcandles.com', subject: 'store', text, outcome: outcome as Outcome });
  });
});

describe('round 54 — a prospect, a partner or a guest by what they ask', () => {
  it.each([
    [
      'blz? to querendo vender meus bolos pela internet, vcs cobram taxa por venda ou é só mensalidade?',
      'NOT_A_CLIENT',
    ],
    [
      'Oi, quero ser lojista de vocês mas antes queria saber se tem fidelidade e multa de cancelamento.',
      'NOT_A_CLIENT',
    ],
    [
      'Buenas tardes, tenemos una zapatería en Córdoba y queremos abrir la tienda online. ¿Podrían enviarnos una cotización de los planes?',
      'NOT_A_CLIENT',
    ],
    [
      'Bom dia, gostaria de conhecer os vossos tarifários. Temos uma loja de cerâmica em Lisboa e queremos vender para o Brasil.',
      'NOT_A_CLIENT',
    ],
    [
      'Somos a FreteJá, uma plataforma de cotação de fretes, e gostaríamos de desenvolver uma integração oficial com a plataforma de vocês. Com quem podemos conversar sobre parceria técnica?',
      'NOT_A_CLIENT',
    ],
    [
      "Hi there, I lead partnerships at PayFlow, a payment gateway in LATAM. We'd like to become an official payment partner and integrate with your checkout.",
      'NOT_A_CLIENT',
    ],
    [
      'Sou desenvolvedor de um app de gestão de estoque e quero publicar meu aplicativo na loja de apps de vocês. Onde consigo as credenciais de parceiro?',
      'NOT_A_CLIENT',
    ],
    [
      'Hola, somos Logisur, operador logístico en Chile. Queremos proponer una integración con su plataforma para sus comerciantes.',
      'NOT_A_CLIENT',
    ],
    [
      'Oi, pessoal! Produzimos um podcast sobre varejo digital e queríamos convidar o CEO de vocês para um episódio. Com quem falo?',
      'NOT_A_CLIENT',
    ],
    // A merchant's own price, integration, app or store: never an outsider.
    [
      'Sou cliente há 2 anos e o preço do meu plano subiu de R$ 99 para R$ 149 sem aviso. Por que aumentou?',
      'BILLING_QUESTION',
    ],
    ['Instalei o app do parceiro de frete pela loja de apps de vocês e agora o carrinho não abre.', 'NO_PRIOR_TICKET'],
    ['A integração do Bling com a plataforma de vocês parou de enviar os pedidos desde ontem.', 'NO_PRIOR_TICKET'],
    ['Vocês poderiam criar uma integração com o TikTok Shop? Meus clientes pedem muito.', 'OUT_OF_SCOPE_FEATURE'],
    [
      'Estou pensando em vender também no Instagram: vocês poderiam integrar a loja com o Instagram Shopping?',
      'OUT_OF_SCOPE_FEATURE',
    ],
  ])('%s → %s', async (text, outcome) => {
    await check({
      name: text,
      from: 'contato@novidades.com.br',
      subject: 'contato',
      text,
      outcome: outcome as Outcome,
    });
  });
});

describe("round 54 — a buyer's lawyer, a consumer body, a buyer's family, a graduate student", () => {
  it.each([
    [
      'Boa tarde. Represento um cliente que comprou um notebook na loja Tech Prime e nunca recebeu. Solicitamos CNPJ e endereço do lojista.',
      'NOT_A_CLIENT',
      'shopper',
    ],
    [
      'Prezados, o Procon-SP recebeu reclamação do consumidor João Batista referente à compra na loja Mega Eletro, que utiliza a plataforma de V.Sas. Solicitamos informações sobre o fornecedor.',
      'NOT_A_CLIENT',
      'shopper',
    ],
    [
      'boa tarde minha filha comprou uma panela pra mim nessa loja de voces a panela chegou amassada como faço pra trocar',
      'NOT_A_CLIENT',
      'shopper',
    ],
    [
      'Bom dia comprei um brinquedo de presente de aniversario pro meu filho na loja Mundo Kids e nao chegou a tempo, quero cancelar',
      'NOT_A_CLIENT',
      'shopper',
    ],
    [
      'Prezados, sou mestrando e pesquiso a mediação de conflitos no comércio eletrônico. Seria possível entrevistar um ouvidor?',
      'NOT_A_CLIENT',
      undefined,
    ],
    [
      'Hola, soy estudiante de maestría y estoy investigando plataformas de comercio electrónico. ¿Podrían contestar una encuesta?',
      'NOT_A_CLIENT',
      undefined,
    ],
    // The merchant tells of her buyer's complaint, or of her own trouble: hers.
    [
      'O Procon recebeu reclamação da consumidora Ana referente à compra na loja, mas na minha loja o pedido consta entregue e o rastreio não atualiza.',
      'NO_PRIOR_TICKET',
      undefined,
    ],
    [
      'Chamado 52310 sem resposta. Uma cliente abriu reclamação no Procon porque o checkout cobrou frete errado e não consigo corrigir a tabela.',
      'ACCEPTED',
      undefined,
    ],
    [
      'Estoy investigando por qué no llegan los pedidos a mi tienda desde ayer, el checkout falla.',
      'NO_PRIOR_TICKET',
      undefined,
    ],
    ['Meu marido comprou o plano para mim e agora a mensalidade veio em dobro.', 'BILLING_QUESTION', undefined],
  ])('%s → %s', async (text, outcome, variant) => {
    await check({
      name: text,
      from: 'carla@docesdacarla.com.br',
      subject: 'ouvidoria',
      text,
      outcome: outcome as Outcome,
      ...(variant ? { variant: variant as 'shopper' } : {}),
      ...(outcome === 'ACCEPTED' ? { ticket: '52310' } : {}),
    });
  });
});

describe('round 54 — the carrier before its noun, discounts a store would schedule, a store down for all', () => {
  it.each([
    ['Is there any plan to support FedEx shipping?', 'OUT_OF_SCOPE_FEATURE'],
    ['Do you plan to support FedEx shipping for international orders?', 'OUT_OF_SCOPE_FEATURE'],
    ['Are there plans to offer DHL shipping?', 'OUT_OF_SCOPE_FEATURE'],
    ['It would be great if the platform allowed scheduling discounts in advance.', 'OUT_OF_SCOPE_FEATURE'],
    ['Seria ótimo se a plataforma permitisse agendar descontos para a Black Friday.', 'OUT_OF_SCOPE_FEATURE'],
    ['No podemos entrar a la tienda, la página sale en blanco para todos.', 'NO_PRIOR_TICKET'],
    ['No puedo entrar a mi tienda, sale en blanco para todos los clientes desde anoche.', 'NO_PRIOR_TICKET'],
    // Carriers that broke, a discount of her own, her own sign-in: as before.
    ["Our FedEx shipping stopped calculating rates yesterday, customers can't check out.", 'NO_PRIOR_TICKET'],
    [
      'Sou cliente há 5 anos e quero um desconto na renovação anual, senão vou para a concorrência.',
      'OUT_OF_SCOPE_COMMERCIAL',
    ],
    ['Can you give me a discount on my plan? I have been a customer for 3 years.', 'OUT_OF_SCOPE_COMMERCIAL'],
    ['No podemos entrar al panel de la tienda, dice usuario bloqueado.', 'ACCESS_ISSUE'],
    ['Não conseguimos acessar o painel da loja desde ontem, dá senha inválida para todos da equipe.', 'ACCESS_ISSUE'],
    ['Não consigo entrar no painel da loja, esqueci a senha e o e-mail de recuperação não chega.', 'ACCESS_ISSUE'],
  ])('%s → %s', async (text, outcome) => {
    await check({ name: text, from: 'owner@brightcandles.com', subject: 'store', text, outcome: outcome as Outcome });
  });
});

describe('round 54 — a merchant of another platform writes to the wrong company', () => {
  it.each([
    [
      'Olá, minha loja na Nuvemshop está fora do ar desde ontem e o suporte deles não responde. Vocês podem verificar?',
      'NOT_A_CLIENT',
    ],
    [
      'Boa tarde, fui cobrada duas vezes pela assinatura da Shopify este mês. Preciso do estorno urgente.',
      'NOT_A_CLIENT',
    ],
    [
      'Bom dia, uso a Tray e meu painel não abre desde a atualização. Esse é o e-mail da ouvidoria da Tray?',
      'NOT_A_CLIENT',
    ],
    ['Sou lojista da Loja Integrada e o frete parou de calcular no checkout.', 'NOT_A_CLIENT'],
    // Ours, on the way to us, or comparing: as before.
    [
      'Migrei minha loja da Nuvemshop para vocês na semana passada e agora o domínio não aponta, a loja está fora do ar.',
      'NO_PRIOR_TICKET',
    ],
    [
      'Sou lojista de vocês e recebi proposta da Nuvemshop mais barata. Cubram a oferta deles e eu fico.',
      'OUT_OF_SCOPE_COMMERCIAL',
    ],
    [
      'Minha mensalidade de vocês veio em dobro este mês; a assinatura da Shopify eu pago também, mas lá veio certo.',
      'BILLING_QUESTION',
    ],
    ['Meu chamado 48213 está sem resposta: minha loja na Nuvemshop funcionava com esse frete, aqui não.', 'ACCEPTED'],
  ])('%s → %s', async (text, outcome) => {
    await check({
      name: text,
      from: 'lojista@modasbella.com.br',
      subject: 'loja',
      text,
      outcome: outcome as Outcome,
      ...(outcome === 'ACCEPTED' ? { ticket: '48213' } : {}),
    });
  });
});

describe("round 54 — a vendor's pitch to the company, a newsletter's footer", () => {
  it.each([
    [
      'Olá! Analisamos seu site e encontramos 37 erros de SEO. Nossa agência pode colocar sua empresa na primeira página do Google por R$ 297/mês.',
      'NOT_A_CLIENT',
      'client.supplier.text',
    ],
    [
      'Bom dia, temos uma base com 50 mil lojistas de e-commerce com e-mail e telefone. Pacote promocional esta semana. Tem interesse?',
      'NOT_A_CLIENT',
      'client.supplier.text',
    ],
    [
      'Convidamos sua empresa para expor na Expo Varejo 2027. Estandes a partir de R$ 4.900. Garanta já o seu espaço!',
      'NOT_A_CLIENT',
      'client.supplier.text',
    ],
    [
      'Confira as tendências que vão dominar o varejo digital em 2027. Leia a edição completa no nosso portal. Para deixar de receber, clique aqui.',
      'NO_PRIOR_TICKET',
      'auto.machine-generated.text',
    ],
    // A merchant's own errors, her fair, her ask to leave a list: hers, and answered.
    [
      'O site da minha loja tem erros de SEO desde a atualização, o Google não indexa mais os produtos.',
      'NO_PRIOR_TICKET',
      undefined,
    ],
    [
      'Fui convidada para expor na Expo Varejo e o site da loja está fora do ar desde ontem.',
      'NO_PRIOR_TICKET',
      undefined,
    ],
    [
      'Quero deixar de receber os e-mails de marketing de vocês, já pedi duas vezes e continuo recebendo. Minha loja é a Casa Verde.',
      'NO_PRIOR_TICKET',
      undefined,
    ],
  ])('%s → %s', async (text, outcome, rule) => {
    await check({
      name: text,
      from: 'contato@novidades.com.br',
      subject: 'contato',
      text,
      outcome: outcome as Outcome,
      ...(rule ? { rule } : {}),
    });
  });
});

describe("round 54 — a rival's offer to match, as a demand", () => {
  it.each([
    [
      'Sou lojista de vocês e recebi proposta da Nuvemshop mais barata. Cubram a oferta deles e eu fico.',
      'OUT_OF_SCOPE_COMMERCIAL',
    ],
    ['A Tray me cobra metade. Igualem o preço ou eu cancelo no fim do mês.', 'OUT_OF_SCOPE_COMMERCIAL'],
    // A card's cover or her own price: as before.
    [
      'O frete grátis que eu ofereço não cobre o valor do frete e o checkout cobra do cliente mesmo assim.',
      'NO_PRIOR_TICKET',
    ],
    ['Por que a mensalidade veio com valor diferente este mês? Não mudei de plano.', 'BILLING_QUESTION'],
  ])('%s → %s', async (text, outcome) => {
    await check({
      name: text,
      from: 'vendas@lojadomar.com.br',
      subject: 'proposta',
      text,
      outcome: outcome as Outcome,
    });
  });
});

describe('round 54 — her store with us said outright proves a client', () => {
  it.each([
    [
      'Tenho loja com vocês e uso a Shopify e o Mercado Livre também; a mensalidade de vocês veio em dobro.',
      'BILLING_QUESTION',
    ],
    ['Tenho uma loja com vocês e uso a Tray na outra marca: o checkout daqui parou de aceitar Pix.', 'NO_PRIOR_TICKET'],
    // A store to have with us is a prospect's.
    ['Quero ter uma loja com vocês, quanto custa o plano?', 'NOT_A_CLIENT'],
    ['oi qro criar minha loja com vcs quanto fica por mes', 'NOT_A_CLIENT'],
    ['Tenho loja na Nuvemshop e quero migrar para vocês. Quanto custa?', 'NOT_A_CLIENT'],
  ])('%s → %s', async (text, outcome) => {
    await check({ name: text, from: 'vendas@lojadomar.com.br', subject: 'loja', text, outcome: outcome as Outcome });
  });
});

describe('round 55 — a phishing notice, an English or Spanish newsletter footer: automatic, not answered', () => {
  it.each([
    // A notice of a ticket or protocol "updated", a link to confirm or update her data: stored, no reply.
    [
      'Seu chamado #88231 foi atualizado. Para continuar o atendimento, confirme seus dados clicando aqui. Caso não confirme em 24h sua conta será suspensa.',
      'Seu chamado #88231 foi atualizado',
      'NO_PRIOR_TICKET',
      'auto.machine-generated.text',
    ],
    [
      'Prezado cliente, seu chamado #88231 foi atualizado. Para visualizar a resposta, confirme seus dados de acesso no link abaixo em até 24 horas ou sua conta será suspensa.',
      'Seu chamado #88231 foi atualizado',
      'NO_PRIOR_TICKET',
      'auto.machine-generated.text',
    ],
    [
      'Identificamos uma pendência no protocolo 55102. Clique aqui e atualize seu cadastro para evitar o bloqueio.',
      'Protocolo 55102 - pendência',
      'NO_PRIOR_TICKET',
      'auto.machine-generated.text',
    ],
    [
      'Parabéns! Seu e-mail foi sorteado e você ganhou um iPhone. Para resgatar, pague apenas o frete de R$ 29,90.',
      'Você ganhou!',
      'NO_PRIOR_TICKET',
      'auto.machine-generated.text',
    ],
    [
      'Boost your holiday sales with these 5 tips. Read more on our blog. You are receiving this email because you subscribed to ShopTips. Unsubscribe | View in browser',
      '5 ways to boost sales',
      'NO_PRIOR_TICKET',
      'auto.machine-generated.text',
    ],
    [
      'Las novedades de diciembre para tu tienda. Ver en el navegador. Recibes este correo porque te suscribiste. Darse de baja',
      'Novedades de diciembre',
      'NO_PRIOR_TICKET',
      'auto.machine-generated.text',
    ],
    // Her own words about such a mail, quoted or not, and her own ask to leave a list: answered.
    [
      'recebi um email dizendo "seu chamado 88231 foi atualizado, confirme seus dados clicando aqui" mas nao tem resposta nenhuma la, o que houve?',
      'chamado',
      'TICKET_INVALID',
      undefined,
    ],
    [
      'recebi um email pedindo pra eu clicar num link e confirmar meus dados da loja, isso é de vcs? tenho medo de ser golpe',
      'golpe?',
      'NO_PRIOR_TICKET',
      undefined,
    ],
    [
      'atualizei meu cadastro ontem como vcs pediram e agora nao consigo entrar no painel, diz usuario bloqueado',
      'painel',
      'ACCESS_ISSUE',
      undefined,
    ],
    [
      'I keep receiving this email because I subscribed once, how do I unsubscribe? Also my store checkout is broken.',
      'emails',
      'NO_PRIOR_TICKET',
      undefined,
    ],
    [
      'Quiero darme de baja de la plataforma, ¿cómo cancelo mi plan y la facturación?',
      'baja',
      'BILLING_QUESTION',
      undefined,
    ],
    [
      'minha conta vai ser suspensa por falta de pagamento? o boleto venceu ontem',
      'conta',
      'BILLING_QUESTION',
      undefined,
    ],
  ])('%s → %s', async (text, subject, outcome, rule) => {
    await check({
      name: text,
      from: 'avisos@central-notificacoes.com',
      subject,
      text,
      outcome: outcome as Outcome,
      ...(rule ? { rule } : {}),
    });
  });
});

describe('round 55 — a client by another channel "também", by our panel in use, by asking "vocês podem integrar"', () => {
  it.each([
    // She sells already and wants one more channel: her feature request, not a prospect's.
    [
      'Quero vender pela internet também no Instagram: vocês poderiam integrar a loja com o Instagram Shopping?',
      'OUT_OF_SCOPE_FEATURE',
    ],
    ['quero vender tb pelo instagram, vcs podem integrar minha loja com o instagram shopping?', 'OUT_OF_SCOPE_FEATURE'],
    ['vcs podem integrar com o ifood? meus clientes pedem', 'OUT_OF_SCOPE_FEATURE'],
    // Our panel in use beside another platform, or our charge named as ours: a client's billing matter.
    [
      'uso a Shopify e o painel de vocês junto pro estoque, e a mensalidade de vocês veio em dobro esse mes',
      'BILLING_QUESTION',
    ],
    ['uso a Shopify e vocês, e a fatura de vocês desse mes veio com valor errado', 'BILLING_QUESTION'],
    ['uso a plataforma de vocês ha 2 anos e o checkout parou de aceitar pix ontem', 'NO_PRIOR_TICKET'],
    // Still a prospect, another platform's merchant, an integration she has.
    ['tenho uma loja fisica e quero vender tambem pela internet, quanto custa o plano de vcs?', 'NOT_A_CLIENT'],
    ['quero vender pela internet, vcs integram com o instagram? quanto custa?', 'NOT_A_CLIENT'],
    ['uso a Shopify e queria conhecer o painel de vocês, quanto custa o plano?', 'NOT_A_CLIENT'],
    ['uso a Shopify e a assinatura da Shopify veio em dobro esse mes, o suporte deles nao responde', 'NOT_A_CLIENT'],
    ['uso a Shopify e meu painel nao abre desde ontem. Esse é o email da ouvidoria da Shopify?', 'NOT_A_CLIENT'],
    ['vcs podem ver a integracao com o bling? parou de puxar os pedidos desde ontem', 'NO_PRIOR_TICKET'],
    ['vcs podem verificar a integração com os correios? o frete nao aparece no checkout', 'NO_PRIOR_TICKET'],
  ])('%s → %s', async (text, outcome) => {
    await check({ name: text, from: 'carla@carlashop.com.br', subject: 'loja', text, outcome: outcome as Outcome });
  });
});

describe('round 55 — what support told her to do, without quotation marks, does not decide', () => {
  it.each([
    [
      'o suporte me falou pra procurar o comercial pra negociar o valor do plano, mas eu nao quero desconto, quero minha loja no ar de novo, ta fora ha 3 dias',
      'NO_PRIOR_TICKET',
    ],
    [
      'Vocês me responderam que para negociar o valor do plano é com o comercial. Não quero desconto, quero a loja no ar.',
      'NO_PRIOR_TICKET',
    ],
    [
      'O atendente disse que eu devia pedir uma integração nova pro time de produto, mas o que eu quero é que o frete volte a calcular',
      'NO_PRIOR_TICKET',
    ],
    [
      "Support told me to contact sales about a discount, but I don't want a discount, I want my checkout working again.",
      'NO_PRIOR_TICKET',
    ],
    // A fact support told her, said to her, or a reply she did not get: still hers.
    [
      'o suporte disse que meu usuario foi bloqueado por inatividade e agora n consigo entrar no painel',
      'ACCESS_ISSUE',
    ],
    [
      'o suporte disse pra mim que meu dominio ta congelado no registro br e a loja saiu do ar, o que faço?',
      'ACCESS_ISSUE',
    ],
    [
      'o suporte falou pra eu esperar 24h mas continuo sem conseguir entrar no painel, usuario bloqueado',
      'ACCESS_ISSUE',
    ],
    [
      'o suporte falou que nao pode, entao quero negociar o valor do plano com vcs, me deem 30% de desconto',
      'OUT_OF_SCOPE_COMMERCIAL',
    ],
    [
      'A resposta para a minha cobrança duplicada não veio: cobraram a mensalidade duas vezes no cartão.',
      'BILLING_QUESTION',
    ],
  ])('%s → %s', async (text, outcome) => {
    await check({ name: text, from: 'lucas@lucasgeek.com.br', subject: 'suporte', text, outcome: outcome as Outcome });
  });
});

describe('round 55 — our charge named after "como faço pra estornar" is ours to refund', () => {
  it.each([
    ['como faco pra estornar a mensalidade', 'BILLING_QUESTION'],
    ['vcs cobraram duas vezes, como faco pra estornar a cobranca de vcs?', 'BILLING_QUESTION'],
    ['Preciso estornar minha fatura deste mês, veio o plano antigo.', 'BILLING_QUESTION'],
    ['oi vcs cobraram 2x a mensalidade no meu cartao esse mes, como faco pra estornar', 'BILLING_QUESTION'],
    ['me cobraram a mensalidade duas vezes, como faco pra estornar?', 'BILLING_QUESTION'],
    // Her sale refunded, as before.
    ['a cliente pediu reembolso, como faco pra estornar a venda pelo painel?', 'NO_PRIOR_TICKET'],
    ['como faco pra estornar um pix que a cliente pagou duas vezes?', 'NO_PRIOR_TICKET'],
    ['a cliente disse que cobraram 2x no cartao dela, como faco pra estornar?', 'NO_PRIOR_TICKET'],
  ])('%s → %s', async (text, outcome) => {
    await check({ name: text, from: 'lucas@lucasgeek.com.br', subject: 'cobrança', text, outcome: outcome as Outcome });
  });
});

describe("round 55 — her store under our stores' domain, beside another platform, proves a client", () => {
  it.each([
    ['uso a Shopify e minha loja carlashop.lojas.example.com.br ta fora do ar desde ontem', 'NO_PRIOR_TICKET'],
    ['uso a Shopify e a mensalidade da carlashop.lojas.example.com.br veio errada', 'BILLING_QUESTION'],
    [
      'Uso a Nuvemshop na outra marca; a https://casaverde.lojas.example.com.br/ não abre o checkout.',
      'NO_PRIOR_TICKET',
    ],
    // Her store elsewhere, someone else's store of ours seen by a prospect, our domain alone: as before.
    [
      'uso a Shopify e meu checkout parou, o suporte de la n me responde. vcs podem ajudar? meu site é carlashop.com.br',
      'NOT_A_CLIENT',
    ],
    ['quanto custa o plano? vi a loja modas.lojas.example.com.br e gostei', 'NOT_A_CLIENT'],
    ['uso a Shopify e vi no lojas.example.com.br que vocês têm plano grátis, minha loja de lá parou', 'NOT_A_CLIENT'],
    ['uso a Shopify e minha loja carlashop.lojas.example.com.bru.net caiu', 'NOT_A_CLIENT'],
  ])('%s → %s', async (text, outcome) => {
    await check({ name: text, from: 'carla@carlashop.com.br', subject: 'loja', text, outcome: outcome as Outcome });
  });
});

describe('round 57 — our charge told first makes a later "como faço pra estornar" ours, however far', () => {
  it.each([
    ['oi vcs cobraram a mensalidade no meu cartao esse mes 2 vezes, como faco pra estornar', 'BILLING_QUESTION'],
    [
      'bom dia, voces me cobraram o plano anual e o mensal juntos no cartao de credito da empresa nesse mes de novembro, como faço para estornar um dos dois?',
      'BILLING_QUESTION',
    ],
    [
      'fui cobrada duas vezes pela assinatura da plataforma no cartao final 4432 esse mes de novembro, preciso estornar',
      'BILLING_QUESTION',
    ],
    [
      'me cobraram a mensalidade de outubro de novo agora em novembro no boleto e no cartão, como faço um estorno?',
      'BILLING_QUESTION',
    ],
    // Her buyer's charge, her sale's refund, her payment provider: as before.
    [
      'a cliente disse que cobraram 2x no cartao dela esse mes na compra do vestido azul, como faco pra estornar?',
      'NO_PRIOR_TICKET',
    ],
    ['vcs cobraram da cliente duas vezes no checkout da minha loja, como faco pra estornar?', 'NO_PRIOR_TICKET'],
    ['como faco pra estornar a venda, vcs cobraram a cliente no pix duas vezes', 'NO_PRIOR_TICKET'],
    [
      'a cliente pagou o pedido 2 vezes no pix ontem a noite pelo mercado pago, como faço pra estornar?',
      'NO_PRIOR_TICKET',
    ],
    [
      'o pagseguro me cobrou taxa duas vezes na venda de ontem e a cliente quer o dinheiro, como faco pra reembolsar ela?',
      'NO_PRIOR_TICKET',
    ],
  ])('%s → %s', async (text, outcome) => {
    await check({ name: text, from: 'lucas@lucasgeek.com.br', subject: 'cobrança', text, outcome: outcome as Outcome });
  });
});

describe('round 57 — a number she disowns ("não abri chamado nenhum") is not asked for again: answered as with none', () => {
  const PHISH = [
    '',
    '---------- Forwarded message ---------',
    'From: Suporte <suporte@verificacao-conta.com>',
    'Subject: Seu chamado #88231 foi atualizado',
    '',
    'Seu chamado #88231 foi atualizado. Confirme seus dados clicando aqui ou sua conta será suspensa.',
  ].join('\n');
  it.each([
    [
      'Fwd: Seu chamado #88231 foi atualizado',
      `recebi isso hoje, é de vocês? nao abri chamado nenhum\n${PHISH}`,
      'NO_PRIOR_TICKET',
    ],
    [
      'Fwd: Protocolo 77120 - pendência',
      'Oi, chegou esse e-mail dizendo que tenho uma pendência no protocolo 77120. Nunca abri protocolo nenhum com vocês. É golpe?\n\n> Protocolo 77120: regularize sua pendência pelo link abaixo.',
      'NO_PRIOR_TICKET',
    ],
    ['Fwd: Your ticket #66120 was updated', `Is this from you? I never opened a ticket.\n${PHISH}`, 'NO_PRIOR_TICKET'],
    [
      'Fwd: Seu chamado #88231 foi atualizado',
      `não tenho nenhum chamado aberto e meu usuário foi bloqueado depois desse e-mail, não consigo entrar no painel\n${PHISH}`,
      'ACCESS_ISSUE',
    ],
    // Her own number, or one she names beside "nenhum … depois": asked for the right number, as before.
    [
      'chamado',
      'Não tenho o número do chamado certo. Acho que era o chamado 88231, a loja continua fora do ar.',
      'TICKET_INVALID',
    ],
    ['Chamado 88231', 'Abri o chamado 88231 semana passada e ninguém respondeu.', 'TICKET_INVALID'],
    [
      'chamado 88231',
      'O chamado 88231 foi fechado sem solução, e não abri chamado nenhum depois porque não adianta.',
      'TICKET_INVALID',
    ],
    // A number the directory gives her is hers, whatever she says.
    [
      'Fwd: Seu chamado #48213 foi atualizado',
      'recebi isso, é de vocês? nao abri chamado nenhum\n\n> Seu chamado #48213 foi atualizado.',
      'ACCEPTED',
    ],
  ])('%s: %s → %s', async (subject, text, outcome) => {
    // NO_PRIOR_TICKET with a number she disowns: its reply says the number is none of hers (variant).
    await check({
      name: text,
      from: 'lojista@modasbella.com.br',
      subject,
      text,
      outcome: outcome as Outcome,
      ...(outcome === 'NO_PRIOR_TICKET' ? { variant: 'disowned' as const } : {}),
    });
  });
});

describe("round 57 — support's turns in a chat transcript she pastes decide nothing", () => {
  it.each([
    [
      'Copio o chat de ontem:\n\n[14:02] Atendente: Olá, tudo bem? Você quer falar sobre plano ou fatura?\n[14:03] Bia: não, minha loja está fora do ar\n[14:05] Atendente: Vou transferir.\n\nContinuo com a loja fora do ar.',
      'NO_PRIOR_TICKET',
    ],
    [
      'Chamado 48213\nAtendente: infelizmente não podemos dar desconto.\nEu: não pedi desconto, pedi que resolvam o erro no carrinho.\nAtendente: vou encaminhar.\n\nNinguém encaminhou nada. Quero que analisem.',
      'ACCEPTED',
    ],
    [
      '02/11/2026 10:32 - Suporte Bagy: Para integração com o Bling, temos um app na loja de apps.\n02/11/2026 10:33 - Carla: meu problema é o checkout que não fecha pedido\nChamado 48213, ninguém resolveu.',
      'ACCEPTED',
    ],
    [
      'Atendente Júlia: seu plano vence dia 10, quer renovar no anual com desconto?\nEu: não, só quero que a loja volte a aparecer no Google\nAtendente Júlia: isso é com o time técnico.\nAté agora nada.',
      'NO_PRIOR_TICKET',
    ],
    // Her own turns and words still decide; a lone "Suporte:" line of hers is hers.
    [
      'Atendente: posso oferecer 20% de desconto por 3 meses.\nEu: quero 50%.\nAtendente: não tenho autorização.\n\nQuero 50% de desconto na mensalidade, senão cancelo.',
      'OUT_OF_SCOPE_COMMERCIAL',
    ],
    [
      'Conversa com o suporte:\nAtendente: não temos integração com o Bling hoje, posso registrar como sugestão.\nEu: ok.\n\nQuero que vocês criem essa integração com o Bling, é essencial pro meu negócio.',
      'OUT_OF_SCOPE_FEATURE',
    ],
    [
      "Support: your user was blocked after inactivity.\nMe: I asked for the unlock email and nothing arrived.\nI still can't log into my admin panel.",
      'ACCESS_ISSUE',
    ],
    ['Suporte: péssimo. Cobraram a mensalidade duas vezes e ninguém me responde.', 'BILLING_QUESTION'],
  ])('%s → %s', async (text, outcome) => {
    await check({
      name: text,
      from: 'lojista@modasbella.com.br',
      subject: 'atendimento',
      text,
      outcome: outcome as Outcome,
    });
  });
});

describe('round 57 — a plan paid in 12x: asked is the knowledge base’s, offered as the price of signing is commercial', () => {
  it.each([
    ['consigo pagar o plano anual em 12x sem juros?', 'BILLING_QUESTION'],
    ['o plano anual pode ser parcelado no cartão? em quantas vezes?', 'BILLING_QUESTION'],
    ['se eu fechar o plano anual, consigo pagar em 12x?', 'BILLING_QUESTION'],
    ['quero migrar pro plano anual, se eu assinar hoje consigo pagar em 12x?', 'BILLING_QUESTION'],
    ['consigo pagar o plano anual em 12x sem juros? se fizer isso eu fecho o anual', 'OUT_OF_SCOPE_COMMERCIAL'],
    ['se vocês fizerem o anual em 12x sem juros eu fecho hoje', 'OUT_OF_SCOPE_COMMERCIAL'],
    ['faz o anual em 12x sem juros que eu assino agora', 'OUT_OF_SCOPE_COMMERCIAL'],
    ['Se me derem 12x sem juros no plano anual eu renovo, senão vou pra outra plataforma.', 'OUT_OF_SCOPE_COMMERCIAL'],
    // A threat over a problem, her years as a client, a renewal refused: not a deal.
    [
      'se vocês fizerem manutenção de novo na black friday eu migro pra outra plataforma, a loja ficou fora do ar',
      'NO_PRIOR_TICKET',
    ],
    ['faz 3 anos que eu assino o plano Pro e agora a mensalidade veio o dobro', 'BILLING_QUESTION'],
    ['faz em média 3 anos que eu assino o plano Pro e a mensalidade veio o dobro', 'BILLING_QUESTION'],
    ['façam em 12x sem juros que eu assino o anual hoje', 'OUT_OF_SCOPE_COMMERCIAL'],
    ['se vocês fizerem o reajuste de novo eu não renovo, a mensalidade já subiu 20% esse ano', 'BILLING_QUESTION'],
  ])('%s → %s', async (text, outcome) => {
    await check({
      name: text,
      from: 'lucas@lucasgeek.com.br',
      subject: 'dúvida',
      text,
      outcome: outcome as Outcome,
    });
  });
});

describe('round 60 — a buyer asking what a store named holds on her is a shopper; a merchant asking us is not', () => {
  it.each([
    ['Quero saber que dados a loja Vestir Bem tem sobre mim, comprei lá e agora recebo ligações.', 'NOT_A_CLIENT'],
    ['Que dados meus a loja Casa Linda usa? Nunca autorizei receber propaganda.', 'NOT_A_CLIENT'],
    ['Gostaria de saber o que o site da Casa Linda guarda de mim depois da compra.', 'NOT_A_CLIENT'],
    // Her own data with us, as a merchant: the no-ticket guidance, as before.
    ['Boa tarde, quero saber que dados vocês têm de mim. Sou lojista desde 2022.', 'NO_PRIOR_TICKET'],
    ['Quero saber quais dados meus vocês têm e para que usam. Sou lojista.', 'NO_PRIOR_TICKET'],
  ])('%s → %s', async (text, outcome) => {
    await check({
      name: text,
      from: 'marina.souza@gmail.com',
      subject: 'meus dados',
      text,
      outcome: outcome as Outcome,
      ...(outcome === 'NOT_A_CLIENT' ? { variant: 'shopper' as const, rule: 'client.shopper.text' } : {}),
    });
  });
});

describe('round 60 — a merchant’s data request (LGPD) that tells she left the plan is no billing question', () => {
  it.each([
    [
      'Solicito, com base na LGPD, a exclusão dos dados pessoais da minha conta de lojista. Já cancelei o plano.',
      'NO_PRIOR_TICKET',
    ],
    ['Cancelei minha assinatura em setembro. Quero que apaguem meus dados.', 'NO_PRIOR_TICKET'],
    ['Já encerrei o plano, agora quero a exclusão dos meus dados pessoais conforme a LGPD.', 'NO_PRIOR_TICKET'],
    [
      'Encerramos a assinatura da loja em agosto. Quero saber que dados vocês têm de mim: quero meus dados.',
      'NO_PRIOR_TICKET',
    ],
    // A charge, the cancelling asked for, or no data request: billing, as before.
    [
      'Cancelei minha assinatura em setembro e veio cobrança em outubro. Também quero a exclusão dos meus dados pessoais.',
      'BILLING_QUESTION',
    ],
    [
      'Cancelei o plano mas continuam cobrando a mensalidade no meu cartão. Quero que apaguem meus dados.',
      'BILLING_QUESTION',
    ],
    ['Quero cancelar o plano e que apaguem meus dados.', 'BILLING_QUESTION'],
    ['Já cancelei o plano. Como faço para baixar minhas notas fiscais?', 'BILLING_QUESTION'],
    ['Cancelei minha assinatura em setembro. Preciso da segunda via da última fatura.', 'BILLING_QUESTION'],
  ])('%s → %s', async (text, outcome) => {
    await check({
      name: text,
      from: 'sandra@lojasandra.com.br',
      subject: 'solicitação',
      text,
      outcome: outcome as Outcome,
    });
  });
});

describe('round 60 — a deal closed in a bare "eu fecho" is commercial; "eu fecho a loja" stays her threat', () => {
  it.each([
    ['quero o plano anual mas só se fizerem em 12x sem juros. se fizerem em 12x eu fecho', 'OUT_OF_SCOPE_COMMERCIAL'],
    ['Se me derem 30% de desconto no plano anual, eu fecho.', 'OUT_OF_SCOPE_COMMERCIAL'],
    ['Se vocês parcelarem o anual em 10x eu fecho, senão fico no mensal.', 'OUT_OF_SCOPE_COMMERCIAL'],
    ['façam em 12x sem juros que eu fecho', 'OUT_OF_SCOPE_COMMERCIAL'],
    ['se me derem desconto no plano Pro eu fecho!', 'OUT_OF_SCOPE_COMMERCIAL'],
    // What "fecho" closes after it, or no term granted: her store, her account, a threat over a problem.
    ['Se não resolverem o frete até sexta eu fecho a loja.', 'NO_PRIOR_TICKET'],
    ['se não resolverem eu fecho tudo. três semanas sem conseguir vender.', 'NO_PRIOR_TICKET'],
    ['Cobraram duas vezes a mensalidade. Se não estornarem eu fecho a conta.', 'BILLING_QUESTION'],
    [
      'O pagamento em 12x parou de funcionar na minha loja. Se não voltar até amanhã, fecho minha loja.',
      'NO_PRIOR_TICKET',
    ],
    ['se fizerem o parcelamento em 12x parar de novo eu fecho a loja, perdi vendas a semana toda', 'NO_PRIOR_TICKET'],
    ['Se derem mais um erro no parcelamento em 12x eu fecho minha loja e vou embora.', 'NO_PRIOR_TICKET'],
    ['Se fizerem a cobrança em 12x de novo eu fecho a conta, eu pedi à vista.', 'BILLING_QUESTION'],
    ['se eu fechar o plano anual, consigo pagar em 12x?', 'BILLING_QUESTION'],
  ])('%s → %s', async (text, outcome) => {
    await check({
      name: text,
      from: 'rafael@torresbikes.com.br',
      subject: 'urgente',
      text,
      outcome: outcome as Outcome,
    });
  });
});

describe('round 57 — "a loja … por culpa de vocês" is a merchant’s store; the store’s excuse told by a buyer stays a buyer’s', () => {
  it.each([
    [
      'Chamado 99001. Vou processar vocês, meu advogado já foi avisado. A loja perdeu vendas por culpa de vocês.',
      'TICKET_INVALID',
    ],
    ['A loja ficou sem vender por culpa da plataforma, quero saber quem vai me ressarcir.', 'NO_PRIOR_TICKET'],
    ['A loja saiu do ar na Black Friday por culpa de vocês e ninguém responde.', 'NO_PRIOR_TICKET'],
    // A buyer tells the store's excuse: as before.
    [
      'Olá, o pedido 4587 que fiz dia 10/11 ainda não foi enviado. A loja diz que é culpa da plataforma.',
      'NOT_A_CLIENT',
    ],
    ['comprei um vestido e não chegou, a loja falou que foi culpa de vocês', 'NOT_A_CLIENT'],
    ['comprei um vestido e não chegou, a loja jogou a culpa em vocês', 'NOT_A_CLIENT'],
  ])('%s → %s', async (text, outcome) => {
    const shopper = outcome === 'NOT_A_CLIENT';
    await check({
      name: text,
      from: 'lucas@lucasgeek.com.br',
      subject: 'reclamação',
      text,
      outcome: outcome as Outcome,
      ...(shopper ? { variant: 'shopper' as const } : {}),
    });
  });
});

describe('round 57 — an accountancy named by its work or office writes for the store: "a cliente" is the merchant', () => {
  it.each([
    [
      'Bom dia, faço a contabilidade de uma loja de vocês (Bazar da Ana) e preciso das faturas de janeiro a outubro, a cliente não acha no painel.',
      'BILLING_QUESTION',
    ],
    [
      'Somos o escritório contábil da loja Vila Verde. Precisamos das faturas de 2026, a cliente não encontra no painel.',
      'BILLING_QUESTION',
    ],
    ['Cuidamos da contabilidade da Doce Mel e a cliente quer saber por que a mensalidade subiu.', 'BILLING_QUESTION'],
    // A buyer's deed beside "a cliente" is still a buyer's.
    ['Somos um escritório de contabilidade. A cliente da loja comprou um vestido e pediu estorno.', 'NO_PRIOR_TICKET'],
  ])('%s → %s', async (text, outcome) => {
    await check({
      name: text,
      from: 'fiscal@contabilsouza.com.br',
      subject: 'pedido',
      text,
      outcome: outcome as Outcome,
    });
  });
});

describe('round 57 — the same deal offered in English or Spanish', () => {
  it.each([
    [
      "If you give me the annual plan in 12 interest-free installments I'll sign today.",
      'OUT_OF_SCOPE_COMMERCIAL',
      'en',
    ],
    ['Si me dan el plan anual en 12 cuotas sin interés firmo hoy mismo.', 'OUT_OF_SCOPE_COMMERCIAL', 'es'],
    // The bare question, and a threat over a problem: as before.
    ['Can I pay the annual plan in 12 installments?', 'BILLING_QUESTION', 'en'],
    ['If you do another maintenance on Black Friday I will leave, my store was down all day.', 'NO_PRIOR_TICKET', 'en'],
  ])('%s → %s', async (text, outcome, language) => {
    await check({
      name: text,
      from: 'john@johnsgear.com',
      subject: 'plan',
      text,
      outcome: outcome as Outcome,
      language: language as MessageLanguage,
    });
  });
});

describe('journeys 62 — she says she already opened a ticket and gives no number: asked for it (variant already-opened)', () => {
  it.each([
    // She says so, in the first person and the past, and no number is in her mail.
    [
      'frete',
      'vcs sao uma piada 🤡🤡 ja abri 3 chamados sobre o frete que some do checkout e ngm resolve nada',
      'already-opened',
    ],
    ['suporte', 'Já falei com o suporte várias vezes e nada', 'already-opened'],
    ['loja fora do ar', 'abri um ticket semana passada e até agora nada, a loja continua fora do ar', 'already-opened'],
    ['Já abri chamado e ninguém resolve', 'o checkout não finaliza nenhum pedido desde segunda', 'already-opened'],
    ['pedidos', 'gente ja entrei em contato com o suporte 2x e o pedido continua travado no painel', 'already-opened'],
    ['reclamação', 'já mandei e-mail pro suporte e ninguém me responde, o pix dos clientes não cai', 'already-opened'],
    ['urgente', 'Abrimos uns 5 chamados sobre o cálculo do frete e até hoje nada foi resolvido.', 'already-opened'],
    [
      'erro',
      'tenho um chamado aberto faz 10 dias sobre as fotos que não carregam e ninguém responde',
      'already-opened',
    ],
    [
      'atendimento',
      'Falei com a central de atendimento por telefone e disseram que iam retornar, nunca retornaram.',
      'already-opened',
    ],
    [
      'descaso',
      'ja passei pelo suporte, ja passei pela central, e o cupom continua sem funcionar no checkout',
      'already-opened',
    ],
    ['checkout', 'I already opened a ticket about the checkout and nobody answered me.', 'already-opened'],
    ['checkout', 'Ya abrí un ticket por el checkout y nadie me responde.', 'already-opened'],
    // A plan, a question, a denial, a buyer's: the guidance as before.
    ['frete', 'vou abrir um chamado sobre o frete que some do checkout', undefined],
    ['dúvida', 'preciso abrir chamado antes? o frete some do checkout', undefined],
    ['dúvida', 'como abro um chamado? o frete some do checkout desde ontem', undefined],
    ['frete', 'não abri chamado ainda, o frete some do checkout desde ontem', undefined],
    ['frete', 'nunca falei com o suporte, o frete some do checkout desde ontem', undefined],
    ['frete', 'o cliente abriu chamado com a loja porque o frete some do checkout', undefined],
    ['frete', 'tenho que ter um chamado aberto? o frete some do checkout desde ontem', undefined],
    ['chat', 'ja reclamei no chat 3x e o frete continua sumindo do checkout', 'already-opened'],
    ['suporte', 'ja tentei falar com o suporte e ninguem atende, o frete some do checkout', 'already-opened'],
    // Another company's support or a complaint site: its number opens no case here.
    ['frete', 'já falei com o suporte do Mercado Pago e o frete continua sumindo do checkout', undefined],
    ['frete', 'ja abri chamado no reclame aqui e o frete continua sumindo do checkout', undefined],
  ] as const)('%s: %s → %s', async (subject, text, variant) => {
    await check({
      name: `${subject} ${text}`,
      from: 'lojista@modasbella.com.br',
      subject,
      text,
      outcome: 'NO_PRIOR_TICKET',
      ...(variant ? { variant } : {}),
      ...(/checkout and|Ya abrí/.test(text) ? { language: text.startsWith('Ya') ? 'es' : 'en' } : {}),
    });
  });

  // A number beside it is read as before: hers opens the case, another is asked to be checked.
  it.each([
    ['Já abri o chamado 48213 e ninguém resolve o frete do checkout.', 'ACCEPTED'],
    ['Já abri o chamado 77777 e ninguém resolve o frete do checkout.', 'TICKET_INVALID'],
  ] as const)('%s → %s', async (text, outcome) => {
    await check({ name: text, from: 'lojista@modasbella.com.br', subject: 'frete', text, outcome });
  });
});

describe('journeys 62 — access and billing: she says she already opened a ticket and gives no number (variant already-opened)', () => {
  it.each([
    // She went to support already, in her words, and no number is in her mail: asked for it.
    ['painel', 'já abri 3 chamados e continuo sem acesso ao painel da loja', 'ACCESS_ISSUE', 'already-opened'],
    [
      'socorro',
      'ja falei com o suporte 2x e ainda nao consigo entrar no painel admin, senha nao funciona',
      'ACCESS_ISSUE',
      'already-opened',
    ],
    [
      'acesso',
      'tenho um chamado aberto faz 1 semana e sigo sem conseguir acessar o painel da minha loja',
      'ACCESS_ISSUE',
      'already-opened',
    ],
    [
      'cobrança',
      'já falei com o suporte e a mensalidade continua vindo cobrada em dobro',
      'BILLING_QUESTION',
      'already-opened',
    ],
    ['plano', 'ja abri chamado, quero saber pq o plano subiu de preço', 'BILLING_QUESTION', 'already-opened'],
    [
      'fatura',
      'Já entrei em contato com o suporte e a fatura desse mês veio com valor errado de novo',
      'BILLING_QUESTION',
      'already-opened',
    ],
    // The same matters without those words, with a denial, or about another company's support: as before.
    ['painel', 'continuo sem acesso ao painel da loja', 'ACCESS_ISSUE', undefined],
    ['painel', 'nunca falei com o suporte, mas continuo sem acesso ao painel da loja', 'ACCESS_ISSUE', undefined],
    ['painel', 'vou abrir um chamado, continuo sem acesso ao painel da loja', 'ACCESS_ISSUE', undefined],
    ['cobrança', 'a mensalidade continua vindo cobrada em dobro', 'BILLING_QUESTION', undefined],
    [
      'cobrança',
      'não abri chamado ainda, a mensalidade continua vindo cobrada em dobro',
      'BILLING_QUESTION',
      undefined,
    ],
    [
      'painel',
      'já falei com o suporte do Mercado Pago e continuo sem acesso ao painel da loja',
      'ACCESS_ISSUE',
      undefined,
    ],
  ] as const)('%s: %s → %s %s', async (subject, text, outcome, variant) => {
    await check({
      name: `${subject} ${text}`,
      from: 'lojista@modasbella.com.br',
      subject,
      text,
      outcome,
      ...(variant ? { variant } : {}),
    });
  });

  // A number beside it is read as before.
  it.each([
    ['Já abri o chamado 48213 e continuo sem acesso ao painel da loja.', 'ACCEPTED'],
    ['Já abri o chamado 48213 e a mensalidade continua vindo cobrada em dobro.', 'ACCEPTED'],
  ] as const)('%s → %s', async (text, outcome) => {
    await check({ name: text, from: 'lojista@modasbella.com.br', subject: 'painel', text, outcome });
  });
});
