import { formatDateTimePtBr } from './calendar';
import type { OfficeHours, OuvidoriaConfig } from './config';
import type { TicketCheck } from './decision';
import { html, raw, type SafeHtml, safeUrl, sanitizeHeaderValue } from './html';
import type { Outcome } from './outcome';

/**
 * The automatic replies a merchant gets for each outcome (SPEC.md, "Eligibility"), in pt-BR.
 * Each reply is written once as blocks and rendered twice, to plain text and to HTML, so the two
 * parts always say the same thing. Merchant-provided strings (name, subject, ticket number) are
 * escaped in the HTML; config links only go into href when they are http(s).
 */

export type ReplyOutcome = Exclude<Outcome, 'QUARANTINED'>;

export interface ReplyContext {
  /** Case protocol (required for ACCEPTED). */
  protocol?: string;
  senderName?: string;
  /** Subject of the merchant's message (untrusted). */
  subject: string;
  ticket?: TicketCheck;
  /** ISO instant we received the message. */
  receivedAt: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Inline content: text, bold text, or a link. */
type Inline = string | { strong: string } | { href: string; label: string };
/** A block: paragraph, heading, bullet list, or short lines kept together (a signature). */
type Block = { p: Inline[] } | { h: string } | { ul: Inline[][] } | { lines: string[] };

const WEEKDAY_NAMES: Record<number, string> = {
  1: 'segunda-feira',
  2: 'terça-feira',
  3: 'quarta-feira',
  4: 'quinta-feira',
  5: 'sexta-feira',
  6: 'sábado',
  7: 'domingo',
};

/** "segunda-feira" → "segunda" (the first day of a range reads "de segunda a sexta-feira"). */
function shortDay(day: number): string {
  return (WEEKDAY_NAMES[day] ?? '').replace(/-feira$/, '');
}

function joinPt(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} e ${items[items.length - 1]}`;
}

/**
 * Opening days and hours in pt-BR, from the configuration:
 * `{days:[1..5], open:'09:00', close:'17:00'}` → "segunda a sexta-feira, das 09:00 às 17:00"
 * (", exceto feriados" appended with `exceptHolidays`).
 */
export function describeHours(hours: OfficeHours, options: { exceptHolidays?: boolean } = {}): string {
  const days = [...new Set(hours.days)].sort((a, b) => a - b);
  const first = days[0] as number;
  const last = days[days.length - 1] as number;
  const contiguous = days.length >= 3 && last - first === days.length - 1;
  const dayText = contiguous
    ? `${shortDay(first)} a ${WEEKDAY_NAMES[last]}`
    : joinPt(days.map((d) => WEEKDAY_NAMES[d] ?? ''));
  const holidays = options.exceptHolidays ? ', exceto feriados' : '';
  return `${dayText}, das ${hours.open} às ${hours.close}${holidays}`;
}

const SUBJECT_MAX = 150;

/** "Re: <subject>", without stacking prefixes ("RES:", "Re:", "Resp:", "AW:" are replies already). */
export function replySubject(original: string, fallback: string): string {
  const clean = sanitizeHeaderValue(original, SUBJECT_MAX);
  if (!clean) return fallback;
  return /^(re|res|resp|aw|sv|antw)\s*:/i.test(clean) ? clean : `Re: ${clean}`;
}

/** Display name, cleaned the same way as a header value and kept short. */
function cleanName(name: string | undefined): string | undefined {
  const clean = sanitizeHeaderValue(name ?? '', 80);
  return clean === '' ? undefined : clean;
}

const DEFAULT_SUBJECTS: Record<Exclude<ReplyOutcome, 'ACCEPTED'>, string> = {
  NO_PRIOR_TICKET: 'Ouvidoria: fale primeiro com a Central de Atendimento',
  TICKET_INVALID: 'Ouvidoria: confira o número do seu chamado',
  ACCESS_ISSUE: 'Ouvidoria: sem acesso ao painel administrativo',
  BILLING_QUESTION: 'Ouvidoria: planos, faturas e cobrança',
  NOT_A_CLIENT: 'Ouvidoria: fale com o nosso time Comercial',
  OUT_OF_SCOPE_FEATURE: 'Ouvidoria: funcionalidades e integrações',
  OUT_OF_SCOPE_COMMERCIAL: 'Ouvidoria: negociações comerciais',
};

function supportCentreBlock(config: OuvidoriaConfig): Block {
  return {
    p: [
      'Nossa ',
      { href: config.links.supportCentre, label: 'Central de Atendimento' },
      ` funciona de ${describeHours(config.supportHours)}. Resolvemos mais de 99% das solicitações que recebemos diariamente.`,
    ],
  };
}

function openTicketBlock(config: OuvidoriaConfig): Block {
  return {
    p: ['Para abrir um chamado, acesse: ', { href: config.links.openTicket, label: config.links.openTicket }],
  };
}

function statusBlock(config: OuvidoriaConfig): Block {
  return {
    p: [
      'Se o problema parecer uma instabilidade da plataforma, acompanhe em tempo real no ',
      { href: config.links.statusPage, label: 'painel de Status' },
      '.',
    ],
  };
}

function comeBackBlock(): Block {
  return {
    p: [
      'Se você já passou pelos canais de atendimento e a solicitação não foi resolvida de forma satisfatória, ',
      'responda a este e-mail informando o ',
      { strong: 'número do chamado anterior' },
      ' e uma descrição detalhada do ocorrido. Assim, a Ouvidoria poderá analisar o seu caso.',
    ],
  };
}

function ticketLine(ticket: TicketCheck | undefined): Block[] {
  if (!ticket || ticket.status === 'none') return [];
  if (ticket.status === 'unverified') {
    return [
      {
        p: [
          'Chamado anterior informado: ',
          { strong: `nº ${ticket.number}` },
          '. Não foi possível confirmá-lo automaticamente em nosso sistema de atendimento neste momento; ',
          'isso não atrasa a análise: a equipe da Ouvidoria fará essa verificação.',
        ],
      },
    ];
  }
  return [{ p: ['Chamado anterior informado: ', { strong: `nº ${ticket.number}` }, '.'] }];
}

function invalidTicketText(ticket: TicketCheck | undefined): Inline[] {
  if (ticket?.status === 'invalid' && ticket.why === 'bad_format') {
    return [
      'O número de chamado informado (',
      { strong: ticket.number },
      ') não está no formato dos números de chamado da nossa Central de Atendimento.',
    ];
  }
  if (ticket && ticket.status !== 'none') {
    // One message for "not found" and "not yours": we never confirm that someone else's ticket exists.
    return [
      'Não localizamos o chamado ',
      { strong: `nº ${ticket.number}` },
      ' vinculado ao endereço de e-mail que nos escreveu.',
    ];
  }
  return ['Não conseguimos localizar o chamado anterior informado.'];
}

function bodyFor(outcome: ReplyOutcome, ctx: ReplyContext, config: OuvidoriaConfig): Block[] {
  const officeHours = describeHours(config.officeHours, { exceptHolidays: true });
  switch (outcome) {
    case 'ACCEPTED':
      return [
        {
          p: [
            'Recebemos sua manifestação na Ouvidoria e registramos o protocolo ',
            { strong: ctx.protocol as string },
            '. Guarde este número: ele identifica o seu caso em todas as nossas mensagens.',
          ],
        },
        ...ticketLine(ctx.ticket),
        { h: 'Próximos passos' },
        {
          ul: [
            ['Avaliação da solicitação: analisamos o seu caso com base nos registros de atendimento anteriores.'],
            ['Acompanhamento: as áreas responsáveis serão acionadas para oferecer a melhor solução possível.'],
            ['Um(a) analista da Ouvidoria entrará em contato com você por e-mail.'],
          ],
        },
        {
          p: [
            `A Ouvidoria atua de ${officeHours}. Mensagens recebidas fora desse horário são tratadas a partir do próximo dia útil.`,
          ],
        },
        {
          p: [
            'Para acrescentar informações, responda a este e-mail mantendo o número do protocolo no assunto. ',
            'Quanto mais detalhes e exemplos você nos enviar, mais ágil será a resolução.',
          ],
        },
        statusBlock(config),
      ];
    case 'NO_PRIOR_TICKET':
      return [
        {
          p: [
            'Recebemos sua mensagem. A Ouvidoria é acionada depois que a solicitação já passou pelos canais de ',
            'atendimento (chat, e-mail, telefone ou WhatsApp, conforme o plano contratado) e não foi resolvida. ',
            'Não encontramos em sua mensagem o ',
            { strong: 'número de um chamado anterior' },
            ', por isso ainda não podemos abrir um caso na Ouvidoria.',
          ],
        },
        { h: 'Fale primeiro com a Central de Atendimento' },
        supportCentreBlock(config),
        openTicketBlock(config),
        {
          p: [
            'Também temos a ',
            { href: config.links.knowledgeBase, label: 'Base de Conhecimento' },
            ', com guias e respostas às perguntas mais frequentes.',
          ],
        },
        statusBlock(config),
        comeBackBlock(),
      ];
    case 'TICKET_INVALID':
      return [
        { p: ['Recebemos sua mensagem. ', ...invalidTicketText(ctx.ticket)] },
        {
          p: [
            'Por favor, confira o número na confirmação que você recebeu ao abrir o chamado e responda a este ',
            'e-mail com o número correto. Se o chamado foi aberto com outro endereço de e-mail, escreva a partir dele.',
          ],
        },
        { h: 'Ainda não abriu um chamado?' },
        supportCentreBlock(config),
        openTicketBlock(config),
      ];
    case 'ACCESS_ISSUE':
      return [
        {
          p: [
            'Recebemos sua mensagem. Entendemos que você está sem acesso ao painel administrativo da sua loja. ',
            'Isso pode ocorrer pelos seguintes motivos:',
          ],
        },
        {
          ul: [
            ['Usuário bloqueado devido a um longo período de inatividade;'],
            ['Domínio da loja congelado no registro.br;'],
            ['Alteração incorreta do domínio da loja;'],
            ['Outros tipos de bloqueio.'],
          ],
        },
        {
          p: [
            'Para qualquer um desses casos, fale com o ',
            { strong: 'suporte técnico' },
            ' abrindo um chamado: ',
            { href: config.links.openTicket, label: config.links.openTicket },
          ],
        },
        { p: [`O suporte técnico atende de ${describeHours(config.supportHours)}.`] },
        statusBlock(config),
        comeBackBlock(),
      ];
    case 'BILLING_QUESTION':
      return [
        {
          p: [
            'Recebemos sua mensagem. Para dúvidas sobre ',
            { strong: 'planos, faturas, cobrança e migração de plano' },
            ', nossa Base de Conhecimento tem o direcionamento para a sua necessidade: ',
            { href: config.links.billingKnowledgeBase, label: config.links.billingKnowledgeBase },
          ],
        },
        supportCentreBlock(config),
        comeBackBlock(),
      ];
    case 'NOT_A_CLIENT':
      return [
        {
          p: [
            'Recebemos sua mensagem. Se você ainda não é cliente ou não tem mais acesso à central do cliente, ',
            'o time mais indicado para ajudar é o ',
            { strong: 'Comercial' },
            ': preencha o formulário ou inicie um chat em ',
            { href: config.links.sales, label: config.links.sales },
          ],
        },
        {
          p: [
            'A Ouvidoria atua nas solicitações de clientes que já passaram pelos canais de atendimento e não ',
            'tiveram a solicitação resolvida.',
          ],
        },
      ];
    case 'OUT_OF_SCOPE_FEATURE':
      return [
        {
          p: [
            'Recebemos sua mensagem. A Ouvidoria não pode atuar em solicitações que envolvam ',
            { strong: 'funcionalidades e/ou integrações que não existem' },
            ' na plataforma.',
          ],
        },
        {
          p: [
            'Para conhecer os recursos e integrações disponíveis e como usá-los, consulte a nossa ',
            { href: config.links.knowledgeBase, label: 'Base de Conhecimento' },
            '.',
          ],
        },
        comeBackBlock(),
      ];
    case 'OUT_OF_SCOPE_COMMERCIAL':
      return [
        {
          p: [
            'Recebemos sua mensagem. A Ouvidoria não pode atuar em ',
            { strong: 'negociações comerciais ou pedidos de condições especiais' },
            ' que não estejam conforme o que já foi anunciado.',
          ],
        },
        {
          p: [
            'Para tratar de planos, propostas e condições comerciais, fale com o nosso time Comercial: ',
            'preencha o formulário ou inicie um chat em ',
            { href: config.links.sales, label: config.links.sales },
          ],
        },
        comeBackBlock(),
      ];
  }
}

function inlineText(i: Inline): string {
  if (typeof i === 'string') return i;
  if ('strong' in i) return i.strong;
  return i.label === i.href || `mailto:${i.label}` === i.href ? i.label : `${i.label} (${i.href})`;
}

function inlineHtml(i: Inline): SafeHtml {
  if (typeof i === 'string') return html`${i}`;
  if ('strong' in i) return html`<strong>${i.strong}</strong>`;
  return html`<a href="${safeUrl(i.href)}" style="color:#0b57d0;">${i.label}</a>`;
}

function blocksToText(blocks: Block[]): string {
  return blocks
    .map((b) => {
      if ('h' in b) return b.h.toUpperCase();
      if ('p' in b) return b.p.map(inlineText).join('');
      if ('lines' in b) return b.lines.join('\n');
      return b.ul.map((item) => `- ${item.map(inlineText).join('')}`).join('\n');
    })
    .join('\n\n');
}

const P_STYLE = 'margin:0 0 14px 0;line-height:1.5;';

function blocksToHtml(blocks: Block[]): SafeHtml {
  return html`${blocks.map((b) => {
    if ('h' in b) return html`<h2 style="font-size:16px;margin:20px 0 8px 0;">${b.h}</h2>\n`;
    if ('p' in b) return html`<p style="${P_STYLE}">${b.p.map(inlineHtml)}</p>\n`;
    if ('lines' in b)
      return html`<p style="${P_STYLE}">${b.lines.map((l, i) => html`${i > 0 && raw('<br>')}${l}`)}</p>\n`;
    return html`<ul style="margin:0 0 14px 0;padding-left:20px;line-height:1.5;">${b.ul.map(
      (item) => html`<li>${item.map(inlineHtml)}</li>`,
    )}</ul>\n`;
  })}`;
}

/** Verbatim text (a merchant message) with an optional collapsed part (its quoted history). */
export interface PreformattedSection {
  title: string;
  text: string;
  collapsed?: { summary: string; text: string } | undefined;
}

const PRE_STYLE =
  'white-space:pre-wrap;word-wrap:break-word;font-family:Consolas,monospace;font-size:13px;background:#f7f7f7;padding:12px;border-left:3px solid #cccccc;margin:0 0 14px 0;';

/** A complete pt-BR email document around already-built blocks (shared with the analyst notice). */
export function renderMail(
  subject: string,
  blocks: Block[],
  footer: Block[],
  options: { preformatted?: PreformattedSection[] } = {},
): RenderedMail {
  const pre = options.preformatted ?? [];
  const text = [
    blocksToText(blocks),
    ...pre.map(
      (x) =>
        `${x.title}\n\n${x.text}${x.collapsed ? `\n\n----- ${x.collapsed.summary} -----\n${x.collapsed.text}` : ''}`,
    ),
    `-- \n${blocksToText(footer)}`,
  ].join('\n\n');
  const htmlDoc = html`<!DOCTYPE html>
<html lang="pt-BR">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${subject}</title></head>
<body style="margin:0;padding:0;background:#f5f5f5;">
<div style="max-width:600px;margin:0 auto;padding:24px;background:#ffffff;font-family:Arial,Helvetica,sans-serif;font-size:15px;color:#222222;">
${blocksToHtml(blocks)}${pre.map(
  (x) => html`<h2 style="font-size:16px;margin:20px 0 8px 0;">${x.title}</h2>
<pre style="${PRE_STYLE}">${x.text}</pre>
${
  x.collapsed &&
  html`<details style="margin:0 0 14px 0;"><summary style="cursor:pointer;color:#555555;">${x.collapsed.summary}</summary>
<pre style="${PRE_STYLE}color:#555555;">${x.collapsed.text}</pre></details>
`
}`,
)}<hr style="border:none;border-top:1px solid #dddddd;margin:24px 0 12px 0;">
<div style="font-size:12px;color:#666666;">
${blocksToHtml(footer)}</div>
</div>
</body>
</html>
`;
  return { subject, text: `${text}\n`, html: htmlDoc.value };
}

export type { Block as MailBlock, Inline as MailInline };

/**
 * The automatic reply for an outcome. ACCEPTED needs `ctx.protocol` (its subject is
 * "[OUV-2026-000123] Recebemos sua manifestação"); the others answer "Re: <subject>".
 */
export function renderReply(outcome: ReplyOutcome, ctx: ReplyContext, config: OuvidoriaConfig): RenderedMail {
  if (outcome === 'ACCEPTED' && !ctx.protocol) throw new Error('ACCEPTED reply needs the case protocol');
  const name = cleanName(ctx.senderName);
  const subject =
    outcome === 'ACCEPTED'
      ? `[${sanitizeHeaderValue(ctx.protocol, 40)}] Recebemos sua manifestação`
      : replySubject(ctx.subject, DEFAULT_SUBJECTS[outcome]);
  const originalSubject = sanitizeHeaderValue(ctx.subject, SUBJECT_MAX);
  const received = formatDateTimePtBr(ctx.receivedAt, config.timeZone);

  const blocks: Block[] = [
    { p: [name ? `Olá, ${name},` : 'Olá,'] },
    ...bodyFor(outcome, ctx, config),
    { lines: ['Atenciosamente,', config.fromName] },
  ];
  const footer: Block[] = [
    {
      p: [
        originalSubject
          ? `Esta é uma resposta automática à sua mensagem “${originalSubject}”, recebida em ${received}.`
          : `Esta é uma resposta automática à sua mensagem recebida em ${received}.`,
      ],
    },
    {
      p: [
        'Tratamos os seus dados pessoais conforme a LGPD e a nossa ',
        { href: config.links.privacyPolicy, label: 'Política de Privacidade' },
        '.',
      ],
    },
  ];
  return renderMail(subject, blocks, footer);
}
