import { withoutAccents } from './accents';
import type { MailEncryption } from './encrypted-mail';
import { countOf } from './count';
import { formatDateTimePtBr } from './calendar';
import type { OfficeHours, OuvidoriaConfig } from './config';
import type { ReplyVariant, TicketCheck } from './decision';
import { html, raw, type SafeHtml, safeUrl, sanitizeHeaderValue } from './html';
import {
  ACCESS_REASONS,
  ALREADY_OPENED_PT,
  FORM_OTHER_ADDRESS,
  GUIDANCE_TITLES,
  type Guidance,
  type GuidanceLink,
  type GuidanceOutcome,
  guidanceSubject,
  SHOPPER_PARAGRAPHS,
  SUPPORT_RESOLVES,
} from './guidance';
import { describeHours } from './hours';
import { statusRequestUrl } from './lifecycle/survey';
import { findProtocols, PROTOCOL_PREFIX } from './protocol';
import type { Outcome } from './outcome';
import type { Channel } from './submission';
import { MERCHANT_WORDS } from './lifecycle/merchant-words';
import type { MessageLanguage } from './text';

/** The letter's own words in pt-BR (greeting, sign-off, privacy note), shared with the lifecycle mails. */
const PT = MERCHANT_WORDS['pt-BR'];

/**
 * The acknowledgement's paragraph when her message mentions a file and none arrived (its Spanish and
 * English in FOREIGN_ACKNOWLEDGEMENT.missingAttachment).
 */
const ENCRYPTED_PT = (kind: MailEncryption) =>
  `Sua mensagem chegou criptografada (${kind}) e não conseguimos ler o conteúdo: só a chave do destinatário abre o texto. Por favor, responda a este e-mail com o texto sem criptografia (desative a opção “Criptografar” ou “Encrypt” do seu programa de e-mail para esta mensagem), mantendo o número do protocolo no assunto.`;

const FILES_NOT_TAKEN_PT = (names: readonly string[], kinds?: string) => {
  const one = names.length === 1;
  return `Não pudemos aceitar ${one ? 'este arquivo' : 'estes arquivos'}: ${names.join(', ')}. Aceitamos ${kinds ?? 'PDF, JPEG e PNG'}; um arquivo de outro formato (como a foto HEIC do iPhone), corrompido, protegido por senha ou com macros não é repassado à equipe. Se ${one ? 'ele for importante' : 'forem importantes'} para o caso, responda a este e-mail com ${one ? 'o arquivo' : 'os arquivos'} em um desses formatos (a foto pode ir como captura de tela ou exportada como JPEG).`;
};

const MISSING_ATTACHMENT_PT =
  'Sua mensagem menciona um anexo, mas nenhum arquivo chegou até nós. Para enviá-lo, responda a este e-mail com o arquivo anexado, mantendo o número do protocolo no assunto; a consulta de casos mostra os arquivos que recebemos.';

export { describeHours } from './hours';

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
  /** Language of the merchant's message (Decision.language): es and en replies, pt-BR otherwise. */
  language?: MessageLanguage;
  /**
   * Decision.replyVariant: `shopper` answers a store's customer (NOT_A_CLIENT); `on-behalf`, someone
   * writing for the ticket's owner (TICKET_INVALID); `disowned`, a number she cited and disowns
   * (NO_PRIOR_TICKET); `already-opened`, a ticket she says she opened without its number (NO_PRIOR_TICKET).
   */
  variant?: ReplyVariant;
  /** ACCEPTED: the answer deadline (receipt + SLA in business days), already formatted dd/mm/aaaa. */
  dueDate?: string;
  /**
   * ACCEPTED: the merchant wrote about a case closed longer ago than the reopening window; this new
   * case is linked to it, and the acknowledgement says so (they wrote under the old protocol).
   */
  linkedProtocol?: string;
  /**
   * Not ACCEPTED, and the message names a case protocol (typically the merchant answering a case
   * mail from another address of hers, which cannot join the case): the reply leads with that (her
   * message was not added to the case, how to reach it) and then the guidance that still applies.
   * Read from her text, never from the case, so the reply tells nothing about whether the protocol
   * exists or whose it is.
   */
  citedProtocol?: string;
  /**
   * Not ACCEPTED, from a proven sender who holds an open case (her second or third mail of a
   * minute, under another subject and without the ticket): the reply leads with that case — answer
   * its mails to add to it — before the guidance for a new matter. No protocol is named.
   */
  hasOpenCase?: true;
  /**
   * ACCEPTED: her message says a file goes with it ("Segue em anexo", "conforme print anexo") and none
   * arrived (attachment-mention.ts): the acknowledgement tells her how to send it.
   */
  missingAttachment?: boolean;
  /**
   * ACCEPTED: her mail arrived encrypted (encrypted-mail.ts) and no one here can read it: the
   * acknowledgement asks her to send it again unencrypted.
   */
  encrypted?: MailEncryption;
  /** ACCEPTED: files of her mail the office does not take (a HEIC photo, a .zip), by name: she is told. */
  filesNotTaken?: readonly string[];
  /** The accepted kinds, for filesNotTaken ("PDF, PNG, JPEG, …"). */
  acceptedKinds?: string;
  /**
   * How the merchant wrote to us (email when absent). A webform submission is answered about the
   * form: its subject is not the merchant's, and they come back by sending the form again.
   */
  channel?: Channel;
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

const SUBJECT_MAX = 150;

/** "Re: <subject>", without stacking prefixes ("RES:", "Re:", "Resp:", "AW:" are replies already). */
export function replySubject(original: string, fallback: string): string {
  const clean = sanitizeHeaderValue(original, SUBJECT_MAX);
  if (!clean) return fallback;
  return /^(re|res|resp|aw|sv|antw)\s*:/i.test(clean) ? clean : `Re: ${clean}`;
}

/** "Re:" and its kin at the start of a subject, repeated ("RES: Re: …"): what mail clients strip to thread. */
const REPLY_PREFIXES = /^(?:\s*(?:re|res|resp|aw|sv|antw|fw|fwd|enc|rv)\s*:)+\s*/i;

/** The acknowledgement's title in the case's language ("Recebemos sua manifestação"). */
function acceptedTitle(language: MessageLanguage): string {
  return language === 'pt-BR' ? 'Recebemos sua manifestação' : WORDS[language].acceptedSubject;
}

/**
 * The subject of every mail the office sends a merchant about her case — the acknowledgement, the
 * relayed answers, the extension, closing and reopening notices. One subject per case, because
 * Gmail joins a conversation only under the same subject ("Re:" aside), and Outlook by its topic:
 * a title per mail ("[OUV-…] Resposta da Ouvidoria", "[OUV-…] Caso encerrado") made each mail a
 * conversation of its own, apart from her mail and her replies.
 * - A mail with a subject: "Re: <her subject> [OUV-…]" (the protocol, which her replies keep,
 *   names the case; not added twice when her subject already has it).
 * - A form, or a mail without a subject: the acknowledgement starts the thread as
 *   "[OUV-…] Recebemos sua manifestação", and every later mail is "Re: " that.
 */
export function caseMailSubject(
  c: { channel: Channel; subject: string; protocol: string; language: MessageLanguage },
  later: boolean,
): string {
  const protocol = sanitizeHeaderValue(c.protocol, 40);
  const topic = c.channel === 'email' ? withoutOtherTags(sanitizeHeaderValue(c.subject, 1000), protocol) : '';
  if (!topic) {
    const root = `[${protocol}] ${acceptedTitle(c.language)}`;
    return later ? `Re: ${root}` : root;
  }
  // Her subject may stand alone only when the protocol it names is this case's, and only this case's,
  // within what is kept: otherwise the tag goes at the end, where taggedProtocol reads it first.
  const kept = sanitizeHeaderValue(topic, SUBJECT_MAX - 4);
  const named = findProtocols(kept, 2);
  if (named.length === 1 && named[0] === protocol) return `Re: ${kept}`;
  return `Re: ${sanitizeHeaderValue(topic, SUBJECT_MAX - protocol.length - 7)} [${protocol}]`;
}

/** Any case's protocol tag as the office writes it ("[OUV-2026-000002]"). */
const ANY_PROTOCOL_TAG = new RegExp(`\\[\\s*(${PROTOCOL_PREFIX}-\\d{4}-\\d{6,9})\\s*\\]`, 'gi');

/**
 * Her subject without reply prefixes, nor the tags of other cases: a reply to an old case's mail
 * that opened a new one ("Re: [OUV-2026-000002] Pedido parado") is answered under the new case's
 * tag alone, never "[OUV-2026-000002] … [OUV-2026-000004]", which names two cases.
 */
function withoutOtherTags(subject: string, protocol: string): string {
  return subject
    .replace(REPLY_PREFIXES, '')
    .replace(ANY_PROTOCOL_TAG, (tag, named: string) => (findProtocols(named, 1)[0] === protocol ? tag : ' '))
    .replace(/\s{2,}/g, ' ')
    .replace(REPLY_PREFIXES, '')
    .trim();
}

/** The protocol caseMailSubject puts after her subject. */
const PROTOCOL_TAG = new RegExp(`\\s*\\[(${PROTOCOL_PREFIX}-\\d{4}-\\d{6,9})\\]$`);

/**
 * The protocol of the tag caseMailSubject put at the end of a subject ("Re: Sobre o caso
 * OUV-2026-000099 [OUV-2026-000042]" → OUV-2026-000042): the case the office's mail was about, which
 * her reply continues before any other protocol her own subject names.
 */
export function taggedProtocol(subject: string): string | undefined {
  const tag = PROTOCOL_TAG.exec(sanitizeHeaderValue(subject, 1000).trimEnd())?.[1];
  return tag ? findProtocols(tag, 1)[0] : undefined;
}

/**
 * The conversation's topic (Outlook's Thread-Topic): a subject without its reply prefixes and
 * without the protocol caseMailSubject added — her own subject, so that Outlook keeps the office's
 * mails in the conversation of the mail she sent.
 */
export function threadTopic(subject: string): string {
  return sanitizeHeaderValue(subject, 1000).replace(REPLY_PREFIXES, '').replace(PROTOCOL_TAG, '').trim();
}

/** Display name, cleaned the same way as a header value and kept short. */
/** A name as people write one: letters, then letters, spaces, apostrophes, hyphens and dots. */
const PERSON_NAME = /^[\p{L}\p{M}][\p{L}\p{M}'’.\- ]*$/u;
/* Module constants, not literals in the functions: esbuild writes a literal with \p{…} as `new RegExp(…)`, built on every call (issue 16). */
const DOT_AND_LETTERS = /\.\p{L}{2}/u;
const GREETING_NAME_MAX_CHARS = 60;
const GREETING_NAME_MAX_WORDS = 6;

/**
 * The name a merchant's mail greets her by ("Olá, Maria Souza,"), or undefined ("Olá,"). It is what
 * someone typed in the form or wrote as a mail's display name, and the form's address is nobody's
 * proven one: "Maria. Seu PIX foi bloqueado, regularize em https://golpe…" as a name made the office
 * mail a phishing line, from its own address, to anyone. Only a name that reads as one is used:
 * letters, spaces, apostrophes, hyphens and dots, at most six words and 60 characters — never a
 * link, an address, a phone number or a sentence.
 */
export function greetingName(name: string | undefined): string | undefined {
  const clean = sanitizeHeaderValue(name ?? '', 200).normalize('NFC');
  if (clean === '' || clean.length > GREETING_NAME_MAX_CHARS || !PERSON_NAME.test(clean)) return undefined;
  if (clean.split(' ').length > GREETING_NAME_MAX_WORDS || DOT_AND_LETTERS.test(clean)) return undefined;
  if (DEPARTMENT_WORDS.has(foldWord(clean.split(/[\s-]/)[0] ?? ''))) return undefined;
  return clean;
}

/**
 * A shared mailbox's display name opens with its department ("Financeiro Casa dos Aromas",
 * "Contato Eletro Ponto", "SAC Modas Bella"): no one's name — "Olá, Financeiro Casa dos Aromas,"
 * greeted the department as if it were a person. Folded (lower case, no accents).
 */
const DEPARTMENT_WORDS: ReadonlySet<string> = new Set([
  'financeiro',
  'financas',
  'contato',
  'contatos',
  'suporte',
  'atendimento',
  'comercial',
  'vendas',
  'sac',
  'equipe',
  'setor',
  'departamento',
  'administrativo',
  'administracao',
  'adm',
  'admin',
  'compras',
  'marketing',
  'faturamento',
  'cobranca',
  'contabilidade',
  'diretoria',
  'gerencia',
  'juridico',
  'logistica',
  'expedicao',
  'pedidos',
  'ecommerce',
  'ouvidoria',
  'billing',
  'support',
  'sales',
  'info',
  'contact',
  'accounts',
  'finance',
  'team',
  'ventas',
  'soporte',
  'facturacion',
  'contacto',
  'atencion',
]);
function foldWord(word: string): string {
  return withoutAccents(word).toLowerCase();
}

const DEFAULT_SUBJECTS = Object.fromEntries(
  (Object.keys(GUIDANCE_TITLES) as GuidanceOutcome[]).map((o) => [o, guidanceSubject(o)]),
) as Record<GuidanceOutcome, string>;

/**
 * Everything a reply says that depends on the channel the merchant used, in each language: an
 * email is answered as a mail they wrote (its subject quoted, "reply to this email"), a webform
 * submission as the form they sent (the form's link to send it again). One entry per language and
 * channel, so the pt, es and en replies say the same thing.
 */
interface ChannelWords {
  /** Where we looked for a prior ticket number ("Não encontramos <here> o número…"). */
  inMessage: string;
  /** After the ticket number: the address the ticket was checked against. */
  theirAddress: string;
  /** How to write to us again: answer this mail, or send the form (linked) again. */
  writeAgain: (c: OuvidoriaConfig) => Inline[];
  /** What to do when the ticket was opened with another address. */
  otherAddress: string;
  /** The footer's first line: what this automatic reply answers. */
  automatic: (subject: string, received: string) => string;
}

function formLink(c: OuvidoriaConfig): Inline {
  return { href: c.webformOrigin, label: c.webformOrigin };
}

const CHANNEL_WORDS: Record<MessageLanguage, Record<Channel, ChannelWords>> = {
  'pt-BR': {
    email: {
      inMessage: 'em sua mensagem',
      theirAddress: ' vinculado ao endereço de e-mail de onde você nos escreveu',
      writeAgain: () => ['responda a este e-mail'],
      otherAddress: 'Se o chamado foi aberto com outro endereço de e-mail, escreva a partir dele.',
      automatic: (subject, received) =>
        subject
          ? `Esta é uma resposta automática à sua mensagem “${subject}”, recebida em ${received}.`
          : `Esta é uma resposta automática à sua mensagem recebida em ${received}.`,
    },
    webform: {
      inMessage: 'no formulário',
      theirAddress: ' vinculado ao endereço de e-mail informado no formulário',
      writeAgain: (c) => ['envie novamente o formulário da Ouvidoria (', formLink(c), ')'],
      otherAddress: FORM_OTHER_ADDRESS,
      automatic: (_subject, received) => `Esta é uma resposta automática ao formulário enviado em ${received}.`,
    },
  },
  es: {
    email: {
      inMessage: 'en su mensaje',
      theirAddress: ' vinculado a la dirección de correo que nos escribió',
      writeAgain: () => ['responda a este correo'],
      otherAddress: 'Si el ticket se abrió con otra dirección de correo, escríbanos desde ella.',
      automatic: (subject, received) =>
        subject
          ? `Esta es una respuesta automática a su mensaje “${subject}”, recibido el ${received}.`
          : `Esta es una respuesta automática a su mensaje recibido el ${received}.`,
    },
    webform: {
      inMessage: 'en el formulario',
      theirAddress: ' vinculado a la dirección de correo informada en el formulario',
      writeAgain: (c) => ['envíe de nuevo el formulario de la Ouvidoria (en portugués: ', formLink(c), ')'],
      otherAddress: 'Si el ticket se abrió con otra dirección de correo, indique esa misma dirección en el formulario.',
      automatic: (_subject, received) => `Esta es una respuesta automática al formulario enviado el ${received}.`,
    },
  },
  en: {
    email: {
      inMessage: 'in your message',
      theirAddress: ' under the email address you wrote from',
      writeAgain: () => ['reply to this email'],
      otherAddress: 'If the ticket was opened from another email address, please write from that address.',
      automatic: (subject, received) =>
        subject
          ? `This is an automatic reply to your message “${subject}”, received on ${received}.`
          : `This is an automatic reply to your message received on ${received}.`,
    },
    webform: {
      inMessage: 'in the form you sent',
      theirAddress: ' under the email address given in the form',
      writeAgain: (c) => ['send the Ombudsman form (in Portuguese: ', formLink(c), ') again'],
      otherAddress: 'If the ticket was opened from another email address, please enter that address in the form.',
      automatic: (_subject, received) => `This is an automatic reply to the form you sent on ${received}.`,
    },
  },
};

function supportCentreBlock(config: OuvidoriaConfig): Block {
  return {
    p: [
      'Nossa ',
      { href: config.links.supportCentre, label: 'Central de Atendimento' },
      ` funciona de ${describeHours(config.supportHours)}. Resolvemos ${SUPPORT_RESOLVES}.`,
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

/** The mails' "if it looks like a platform outage, follow the Status page" paragraph, in a language. */
export function platformStatusBlock(language: MessageLanguage, config: OuvidoriaConfig): Block {
  return language === 'pt-BR' ? statusBlock(config) : WORDS[language].status(config);
}

function comeBackBlock(words: ChannelWords, config: OuvidoriaConfig): Block {
  return {
    p: [
      'Se você já passou pelos canais de atendimento e a solicitação não foi resolvida de forma satisfatória, ',
      ...words.writeAgain(config),
      ' informando o ',
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

/**
 * TICKET_INVALID to someone who writes for the ticket's owner (Decision.replyVariant `on-behalf`):
 * only the owner's address opens a case, so what to do is theirs or that address's.
 */
const ON_BEHALF: Readonly<Record<MessageLanguage, string>> = {
  'pt-BR':
    'Como você escreve em nome de outra pessoa ou empresa: peça ao titular do chamado que escreva a partir do e-mail com que abriu o chamado, ou escreva você mesmo a partir dele.',
  es: 'Como usted escribe en nombre de otra persona o empresa: pida al titular del ticket que escriba desde el correo con el que abrió el ticket, o escriba usted mismo desde ese correo.',
  en: 'As you are writing on behalf of someone else: ask the person who opened the ticket to write from the e-mail address they opened it with, or write from that address yourself.',
};

/**
 * NO_PRIOR_TICKET to someone who cited a number the directory rejects and says she opened no ticket
 * (Decision.replyVariant `disowned`): the number usually comes from a mail in our name she doubts.
 */
const DISOWNED_NUMBER: Readonly<Record<MessageLanguage, string>> = {
  'pt-BR':
    'Se esse número veio em uma mensagem em nosso nome que pareceu suspeita, não clique nos links nem informe seus dados: a Central de Atendimento pode confirmar se a mensagem é nossa.',
  es: 'Si ese número llegó en un mensaje en nuestro nombre que le pareció sospechoso, no haga clic en los enlaces ni informe sus datos: la Central de Atención puede confirmar si el mensaje es nuestro.',
  en: 'If that number came in a message in our name that looked suspicious, do not click its links or give your details: our Support Centre can confirm whether the message is ours.',
};

/**
 * NO_PRIOR_TICKET to a merchant who says she already opened a ticket and gave no number (Decision.replyVariant
 * `already-opened`, journeys 62): "talk to support first" contradicted her. What she read is answered first — she
 * went to support, which is when the office steps in, and it needs that ticket's number: where it is, how to send
 * it; then, shorter, where to go if she has not opened one (as TICKET_INVALID's).
 */
interface AlreadyOpenedWords {
  read: string;
  number: string;
  notFound: (where: string) => string;
  /** Where the number is, before the channel's "answer this mail" / "send the form again". */
  where: string;
  /** After it: "… giving that number." */
  send: string;
  notYet: string;
}

const ALREADY_OPENED: Readonly<Record<MessageLanguage, AlreadyOpenedWords>> = {
  'pt-BR': { ...ALREADY_OPENED_PT, send: ' informando o número.' },
  es: {
    read: 'Por lo que nos cuenta, usted ya acudió a nuestra Central de Atención y su solicitud no se resolvió: es justo ahí donde actúa la Ouvidoria. Para abrir un caso necesitamos el ',
    number: 'número del ticket',
    notFound: (where) => ` que abrió, y no lo encontramos ${where}.`,
    where:
      'El número está en el correo de confirmación que la Central de Atención le envió al abrir el ticket (o en la página del ticket). Con él, ',
    send: ' indicando ese número.',
    notYet: '¿Todavía no abrió un ticket?',
  },
  en: {
    read: 'You tell us you have already been to our Support Centre and your request was not resolved: that is exactly when the Ombudsman steps in. To open a case we need the ',
    number: 'number of that ticket',
    notFound: (where) => `, and we did not find it ${where}.`,
    where:
      'The number is in the confirmation email our Support Centre sent when the ticket was opened (or on the ticket’s page). With it, ',
    send: ' giving that number.',
    notYet: 'Have not opened a ticket yet?',
  },
};

/**
 * The `already-opened` reply's lead, "Recebemos sua mensagem." included: what she said is answered and the number
 * asked for. NO_PRIOR_TICKET's "not opened one yet?" heading follows it; ACCESS_ISSUE's and BILLING_QUESTION's own
 * guidance, without "open a ticket" (alreadyOpenedLead's callers in bodyFor and foreignBody).
 */
function alreadyOpenedLead(language: MessageLanguage, words: ChannelWords, config: OuvidoriaConfig): Block[] {
  const w = ALREADY_OPENED[language];
  return [
    { p: [CITED_WORDS[language].received, w.read, { strong: w.number }, w.notFound(words.inMessage)] },
    { p: [w.where, ...words.writeAgain(config), `${w.send} ${words.otherAddress}`] },
  ];
}

function invalidTicketText(ticket: TicketCheck | undefined, words: ChannelWords): Inline[] {
  if (ticket?.status === 'invalid' && ticket.why === 'bad_format') {
    return [
      'O número de chamado informado (',
      { strong: ticket.number },
      ') não está no formato dos números de chamado da nossa Central de Atendimento.',
    ];
  }
  if (ticket && ticket.status !== 'none') {
    // One message for "not found" and "not yours": we never confirm that someone else's ticket exists.
    return ['Não localizamos o chamado ', { strong: `nº ${ticket.number}` }, `${words.theirAddress}.`];
  }
  return ['Não conseguimos localizar o chamado anterior informado.'];
}

function bodyFor(outcome: ReplyOutcome, ctx: ReplyContext, config: OuvidoriaConfig): Block[] {
  const words = CHANNEL_WORDS['pt-BR'][ctx.channel ?? 'email'];
  const comeBack = comeBackBlock(words, config);
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
        ...(ctx.linkedProtocol
          ? [
              {
                p: [
                  'O caso ',
                  { strong: ctx.linkedProtocol },
                  ` foi encerrado há mais de ${countOf(config.threading.reopenWindowDays, 'dia', 'dias')}; por isso, a sua mensagem abriu este novo caso, ligado ao anterior.`,
                ],
              },
            ]
          : []),
        ...(ctx.dueDate ? [{ p: [{ strong: `Prazo de resposta: até ${ctx.dueDate}` }, '.'] }] : []),
        ...ticketLine(ctx.ticket),
        ...(ctx.missingAttachment ? [{ p: [MISSING_ATTACHMENT_PT] }] : []),
        ...(ctx.encrypted ? [{ p: [ENCRYPTED_PT(ctx.encrypted)] }] : []),
        ...(ctx.filesNotTaken?.length ? [{ p: [FILES_NOT_TAKEN_PT(ctx.filesNotTaken, ctx.acceptedKinds)] }] : []),
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
        {
          p: [
            'Para saber em que ponto está o seu caso, use a ',
            { href: statusRequestUrl(config), label: 'consulta de casos da Ouvidoria' },
            ': informe o protocolo e este endereço de e-mail, e enviamos um link de acesso.',
          ],
        },
        statusBlock(config),
      ];
    case 'NO_PRIOR_TICKET':
      if (ctx.variant === 'already-opened')
        return [
          ...alreadyOpenedLead('pt-BR', words, config),
          { h: ALREADY_OPENED['pt-BR'].notYet },
          supportCentreBlock(config),
          openTicketBlock(config),
        ];
      return [
        {
          p: [
            'Recebemos sua mensagem. A Ouvidoria é acionada depois que a solicitação já passou pelos canais de ',
            'atendimento (chat, e-mail, telefone ou WhatsApp, conforme o plano contratado) e não foi resolvida. ',
            ...(ctx.variant === 'disowned' && ctx.ticket?.status === 'invalid'
              ? [
                  'Não localizamos o chamado ',
                  { strong: `nº ${ctx.ticket.number}` },
                  `${words.theirAddress}, e você nos conta que não abriu chamado; por isso ainda não podemos abrir um caso na Ouvidoria.`,
                ]
              : [
                  `Não encontramos ${words.inMessage} o `,
                  { strong: 'número de um chamado anterior' },
                  ', por isso ainda não podemos abrir um caso na Ouvidoria.',
                ]),
          ],
        },
        ...(ctx.variant === 'disowned' ? [{ p: [DISOWNED_NUMBER['pt-BR']] }] : []),
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
        comeBack,
      ];
    case 'TICKET_INVALID':
      return [
        { p: ['Recebemos sua mensagem. ', ...invalidTicketText(ctx.ticket, words)] },
        ...(ctx.variant === 'on-behalf' ? [{ p: [ON_BEHALF['pt-BR']] }] : []),
        {
          p: [
            'Por favor, confira o número na confirmação que você recebeu ao abrir o chamado e ',
            ...words.writeAgain(config),
            ` com o número correto. ${words.otherAddress}`,
          ],
        },
        { h: 'Ainda não abriu um chamado?' },
        supportCentreBlock(config),
        openTicketBlock(config),
      ];
    case 'ACCESS_ISSUE': {
      // She already went to support (`already-opened`): her ticket's number first; not "open a ticket" again.
      const opened = ctx.variant === 'already-opened';
      return [
        ...(opened ? alreadyOpenedLead('pt-BR', words, config) : []),
        {
          p: [
            ...(opened ? [] : ['Recebemos sua mensagem. ']),
            'Entendemos que você está sem acesso ao painel administrativo da sua loja. ',
            'Isso pode ocorrer pelos seguintes motivos:',
          ],
        },
        {
          ul: ACCESS_REASONS.map((reason) => [reason]),
        },
        ...(opened
          ? []
          : [
              {
                p: [
                  'Para qualquer um desses casos, fale com o ',
                  { strong: 'suporte técnico' },
                  ' abrindo um chamado: ',
                  { href: config.links.openTicket, label: config.links.openTicket },
                ],
              },
            ]),
        { p: [`O suporte técnico atende de ${describeHours(config.supportHours)}.`] },
        statusBlock(config),
        ...(opened ? [] : [comeBack]),
      ];
    }
    case 'BILLING_QUESTION': {
      const opened = ctx.variant === 'already-opened';
      return [
        ...(opened ? alreadyOpenedLead('pt-BR', words, config) : []),
        {
          p: [
            opened ? 'Enquanto isso, para dúvidas sobre ' : 'Recebemos sua mensagem. Para dúvidas sobre ',
            { strong: 'planos, faturas, cobrança e migração de plano' },
            ', nossa Base de Conhecimento tem o direcionamento para a sua necessidade: ',
            { href: config.links.billingKnowledgeBase, label: config.links.billingKnowledgeBase },
          ],
        },
        supportCentreBlock(config),
        ...(opened ? [] : [comeBack]),
      ];
    }
    case 'NOT_A_CLIENT':
      if (ctx.variant === 'shopper') {
        const [first = '', ...rest] = SHOPPER_PARAGRAPHS;
        return [{ p: [`Recebemos sua mensagem. ${first}`] }, ...rest.map((p): Block => ({ p: [p] }))];
      }
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
        comeBack,
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
        comeBack,
      ];
  }
}

// ---------------------------------------------------------------------------------------------
// Spanish and English: merchants from neighbouring countries write in Spanish, some in English;
// they get the same reply, with the same links, in their language.

export type ForeignLanguage = Exclude<MessageLanguage, 'pt-BR'>;

const DAY_NAMES: Record<ForeignLanguage, Record<number, string>> = {
  es: { 1: 'lunes', 2: 'martes', 3: 'miércoles', 4: 'jueves', 5: 'viernes', 6: 'sábado', 7: 'domingo' },
  en: { 1: 'Monday', 2: 'Tuesday', 3: 'Wednesday', 4: 'Thursday', 5: 'Friday', 6: 'Saturday', 7: 'Sunday' },
};

/** describeHours in Spanish or English. */
export function describeHoursIn(
  language: ForeignLanguage,
  hours: OfficeHours,
  options: { exceptHolidays?: boolean } = {},
): string {
  const names = DAY_NAMES[language];
  const days = [...new Set(hours.days)].sort((a, b) => a - b);
  const first = days[0] as number;
  const last = days[days.length - 1] as number;
  const contiguous = days.length >= 3 && last - first === days.length - 1;
  const and = language === 'es' ? ' y ' : ' and ';
  const list = days.map((d) => names[d] ?? '');
  const dayText = contiguous
    ? `${names[first]} ${language === 'es' ? 'a' : 'to'} ${names[last]}`
    : list.length <= 1
      ? list.join('')
      : `${list.slice(0, -1).join(', ')}${and}${list[list.length - 1]}`;
  if (language === 'es') {
    return `de ${dayText}, de ${hours.open} a ${hours.close}${options.exceptHolidays ? ', excepto feriados' : ''}`;
  }
  return `${dayText}, ${hours.open} to ${hours.close}${options.exceptHolidays ? ', except public holidays' : ''}`;
}

/**
 * The acknowledgement's words in Spanish and English that the webform's confirmation page says too
 * (page.ts): the title (the mail's subject after the protocol), keeping the protocol, the deadline,
 * the next steps and the office hours.
 */
export interface AcknowledgementWords {
  title: string;
  /** Before the protocol number: "we received your complaint and registered protocol …". */
  received: string;
  keep: string;
  /** Around a linked case's protocol: closed longer ago than the reopen window. */
  linked: (reopenWindowDays: number) => [string, string];
  /** "To add information, reply keeping the protocol in the subject", before `writesIn`. */
  addInfo: string;
  /** Around the link to the status request page. */
  statusLink: [string, string];
  due: (date: string) => string;
  nextSteps: string;
  steps: string[];
  hours: (c: OuvidoriaConfig) => string;
  /** After "reply to keep adding information": the languages the team writes in. */
  writesIn: string;
  /** Her message mentions a file and none arrived: how to send it (MISSING_ATTACHMENT_PT's words). */
  missingAttachment: string;
  /** Her mail arrived encrypted: send it again unencrypted (ENCRYPTED_PT's words). */
  encrypted: (kind: MailEncryption) => string;
  /** Files of hers not taken: which, and in which formats to send them (FILES_NOT_TAKEN_PT's words). */
  filesNotTaken: (list: string, one: boolean, kinds?: string) => string;
  /** The label of the link to the case status request page (/consulta). */
  statusLabel: string;
}

export const FOREIGN_ACKNOWLEDGEMENT: Record<ForeignLanguage, AcknowledgementWords> = {
  es: {
    title: 'Recibimos su reclamo',
    received: 'Recibimos su reclamo en la Ouvidoria y registramos el protocolo ',
    linked: (days) => [
      'El caso ',
      ` se cerró hace más de ${countOf(days, 'día', 'días')}; por eso su mensaje abrió este nuevo caso, vinculado al anterior.`,
    ],
    addInfo: 'Para agregar información, responda a este correo manteniendo el número de protocolo en el asunto. ',
    statusLink: [
      'Para saber en qué punto está su caso, use la ',
      ' (página en portugués): informe el protocolo y esta dirección de correo, y le enviaremos un enlace de acceso.',
    ],
    keep: 'Guarde este número: identifica su caso en todos nuestros mensajes.',
    due: (date) => `Plazo de respuesta: hasta el ${date}`,
    nextSteps: 'Próximos pasos',
    steps: [
      'Evaluación: analizamos su caso con base en los registros de atención anteriores.',
      'Seguimiento: las áreas responsables serán llamadas a ofrecer la mejor solución posible.',
      'Un(a) analista de la Ouvidoria se pondrá en contacto con usted por correo.',
    ],
    hours: (c) =>
      `La Ouvidoria atiende ${describeHoursIn('es', c.officeHours, { exceptHolidays: true })} (hora de Brasilia). Los mensajes recibidos fuera de ese horario se tratan a partir del siguiente día hábil.`,
    writesIn: 'Escribimos en portugués o en español.',
    missingAttachment:
      'Su mensaje menciona un archivo adjunto, pero no nos llegó ningún archivo. Para enviarlo, responda a este correo con el archivo adjunto, manteniendo el número de protocolo en el asunto; la consulta de casos muestra los archivos que recibimos.',
    statusLabel: 'consulta de casos de la Ouvidoria',
    filesNotTaken: (list, one, kinds) =>
      `No pudimos aceptar ${one ? 'este archivo' : 'estos archivos'}: ${list}. Aceptamos ${kinds ?? 'PDF, JPEG y PNG'}; un archivo de otro formato (como la foto HEIC del iPhone), dañado, protegido con contraseña o con macros no se entrega al equipo. Si ${one ? 'es importante' : 'son importantes'} para el caso, responda a este correo con ${one ? 'el archivo' : 'los archivos'} en uno de esos formatos.`,
    encrypted: (kind) =>
      `Su mensaje llegó cifrado (${kind}) y no podemos leer su contenido: solo la clave del destinatario lo abre. Responda a este correo con el texto sin cifrar (desactive la opción "Cifrar" o "Encrypt" de su programa de correo para este mensaje), manteniendo el número de protocolo en el asunto.`,
  },
  en: {
    title: 'We have received your complaint',
    received: 'The Ombudsman has received your complaint and registered it under protocol ',
    linked: (days) => [
      'Case ',
      ` was closed more than ${countOf(days, 'day', 'days')} ago, so your message opened this new case, linked to it.`,
    ],
    addInfo: 'To add information, reply to this email keeping the protocol number in the subject. ',
    statusLink: [
      'To see where your case stands, use the ',
      ' (in Portuguese): enter the protocol and this email address, and we will send you an access link.',
    ],
    keep: 'Please keep this number: it identifies your case in all our messages.',
    due: (date) => `Answer due by ${date} (dd/mm/yyyy)`,
    nextSteps: 'Next steps',
    steps: [
      'Review: we analyse your case based on the records of your previous support contacts.',
      'Follow-up: the teams responsible will be asked to offer the best possible solution.',
      'An Ombudsman analyst will contact you by email.',
    ],
    hours: (c) =>
      `The Ombudsman works ${describeHoursIn('en', c.officeHours, { exceptHolidays: true })} (Brasília time). Messages received outside these hours are handled from the next business day.`,
    writesIn: 'Our team mainly writes in Portuguese, but you may write in English.',
    missingAttachment:
      'Your message mentions an attachment, but no file reached us. To send it, reply to this email with the file attached, keeping the protocol number in the subject; the case status page lists the files we received.',
    statusLabel: 'Ombudsman case status page',
    filesNotTaken: (list, one, kinds) =>
      `We could not accept ${one ? 'this file' : 'these files'}: ${list}. We accept ${kinds ?? 'PDF, JPEG and PNG'}; a file in another format (such as an iPhone HEIC photo), damaged, password-protected or with macros is not passed on to the team. If ${one ? 'it matters' : 'they matter'} for your case, reply to this email with ${one ? 'the file' : 'the files'} in one of those formats.`,
    encrypted: (kind) =>
      `Your message arrived encrypted (${kind}) and we cannot read it: only the recipient's key opens it. Please reply to this email with the text unencrypted (turn off "Encrypt" in your email program for this message), keeping the protocol number in the subject.`,
  },
};

const FOREIGN_SUBJECTS: Record<ForeignLanguage, Record<Exclude<ReplyOutcome, 'ACCEPTED'>, string>> = {
  es: {
    NO_PRIOR_TICKET: 'Ouvidoria: hable primero con la Central de Atención',
    TICKET_INVALID: 'Ouvidoria: verifique el número de su ticket',
    ACCESS_ISSUE: 'Ouvidoria: sin acceso al panel de administración',
    BILLING_QUESTION: 'Ouvidoria: planes, facturas y cobros',
    NOT_A_CLIENT: 'Ouvidoria: hable con nuestro equipo Comercial',
    OUT_OF_SCOPE_FEATURE: 'Ouvidoria: funcionalidades e integraciones',
    OUT_OF_SCOPE_COMMERCIAL: 'Ouvidoria: negociaciones comerciales',
  },
  en: {
    NO_PRIOR_TICKET: 'Ombudsman: please contact our Support Centre first',
    TICKET_INVALID: 'Ombudsman: please check your ticket number',
    ACCESS_ISSUE: 'Ombudsman: no access to the admin panel',
    BILLING_QUESTION: 'Ombudsman: plans, invoices and billing',
    NOT_A_CLIENT: 'Ombudsman: please talk to our Sales team',
    OUT_OF_SCOPE_FEATURE: 'Ombudsman: features and integrations',
    OUT_OF_SCOPE_COMMERCIAL: 'Ombudsman: commercial negotiations',
  },
};

/** NO_PRIOR_TICKET to her who says she opened one (`already-opened`): the subject asks for its number. */
const ALREADY_OPENED_SUBJECTS: Record<MessageLanguage, string> = {
  'pt-BR': guidanceSubject('NO_PRIOR_TICKET', 'already-opened'),
  es: 'Ouvidoria: indíquenos el número de su ticket',
  en: 'Ombudsman: please send us your ticket number',
};

/** NOT_A_CLIENT answering a store's customer (`shopper`): the subject sends them to the store, not to Sales. */
const SHOPPER_SUBJECTS: Record<MessageLanguage, string> = {
  'pt-BR': guidanceSubject('NOT_A_CLIENT', 'shopper'),
  es: 'Ouvidoria: hable directamente con la tienda donde compró',
  en: 'Ombudsman: please contact the store you bought from',
};

interface ForeignWords {
  hello: string;
  regards: string;
  acceptedSubject: string;
  /** Between a date and a time: "10/03/2026 a las 10:05". */
  at: string;
  supportCentre: (c: OuvidoriaConfig) => Block;
  openTicket: (c: OuvidoriaConfig) => Block;
  status: (c: OuvidoriaConfig) => Block;
  /** "If you have been through support…, <write again> with the number…": around the channel's words. */
  comeBack: [before: string, after: Inline[]];
  footerPrivacy: (c: OuvidoriaConfig) => Block;
}

const WORDS: Record<ForeignLanguage, ForeignWords> = {
  es: {
    hello: MERCHANT_WORDS.es.hello,
    regards: MERCHANT_WORDS.es.regards,
    acceptedSubject: FOREIGN_ACKNOWLEDGEMENT.es.title,
    at: ' a las ',
    supportCentre: (c) => ({
      p: [
        'Nuestra ',
        { href: c.links.supportCentre, label: 'Central de Atención' },
        ` atiende ${describeHoursIn('es', c.supportHours)}. Resolvemos más del 99% de las solicitudes que recibimos cada día.`,
      ],
    }),
    openTicket: (c) => ({
      p: ['Para abrir un ticket, acceda a: ', { href: c.links.openTicket, label: c.links.openTicket }],
    }),
    status: (c) => ({
      p: [
        'Si el problema parece una inestabilidad de la plataforma, sígalo en tiempo real en el ',
        { href: c.links.statusPage, label: 'panel de Status' },
        '.',
      ],
    }),
    comeBack: [
      'Si ya pasó por los canales de atención y su solicitud no se resolvió de forma satisfactoria, ',
      [
        ' con el ',
        { strong: 'número del ticket anterior' },
        ' y una descripción detallada de lo ocurrido. Así la Ouvidoria podrá analizar su caso.',
      ],
    ],
    footerPrivacy: MERCHANT_WORDS.es.privacy,
  },
  en: {
    hello: MERCHANT_WORDS.en.hello,
    regards: MERCHANT_WORDS.en.regards,
    acceptedSubject: FOREIGN_ACKNOWLEDGEMENT.en.title,
    at: ' at ',
    supportCentre: (c) => ({
      p: [
        'Our ',
        { href: c.links.supportCentre, label: 'Support Centre' },
        ` is open ${describeHoursIn('en', c.supportHours)} (Brasília time). It resolves more than 99% of the requests we receive every day.`,
      ],
    }),
    openTicket: (c) => ({ p: ['To open a ticket, go to: ', { href: c.links.openTicket, label: c.links.openTicket }] }),
    status: (c) => ({
      p: [
        'If the problem looks like a platform outage, follow it in real time on our ',
        { href: c.links.statusPage, label: 'Status page' },
        '.',
      ],
    }),
    comeBack: [
      'If you have already been through our support channels and your request was not resolved satisfactorily, ',
      [
        ' with the ',
        { strong: 'number of your previous ticket' },
        ' and a detailed description of what happened, so that the Ombudsman can review your case.',
      ],
    ],
    footerPrivacy: MERCHANT_WORDS.en.privacy,
  },
};

function foreignTicketLine(language: ForeignLanguage, ticket: TicketCheck | undefined): Block[] {
  if (!ticket || ticket.status === 'none') return [];
  const label = language === 'es' ? 'Ticket anterior informado: ' : 'Previous ticket: ';
  if (ticket.status === 'unverified') {
    return [
      {
        p: [
          label,
          { strong: `#${ticket.number}` },
          language === 'es'
            ? '. No pudimos confirmarlo automáticamente en este momento; esto no retrasa el análisis: el equipo de la Ouvidoria hará esa verificación.'
            : '. We could not confirm it automatically right now; this does not delay the review: the Ombudsman team will check it.',
        ],
      },
    ];
  }
  return [{ p: [label, { strong: `#${ticket.number}` }, '.'] }];
}

function foreignInvalidTicket(
  language: ForeignLanguage,
  ticket: TicketCheck | undefined,
  words: ChannelWords,
): Inline[] {
  const es = language === 'es';
  if (ticket?.status === 'invalid' && ticket.why === 'bad_format') {
    return es
      ? [
          'El número de ticket informado (',
          { strong: ticket.number },
          ') no tiene el formato de los tickets de nuestra Central de Atención.',
        ]
      : [
          'The ticket number you gave (',
          { strong: ticket.number },
          ') is not in the format of our Support Centre tickets.',
        ];
  }
  if (ticket && ticket.status !== 'none') {
    return [
      es ? 'No encontramos el ticket ' : 'We could not find ticket ',
      { strong: `#${ticket.number}` },
      `${words.theirAddress}.`,
    ];
  }
  return [es ? 'No encontramos el ticket anterior informado.' : 'We could not find the previous ticket you mentioned.'];
}

/** What a reply's body reads of its context (not the merchant's subject, name or the receipt time). */
type BodyContext = Omit<ReplyContext, 'subject' | 'receivedAt' | 'senderName'>;

function foreignBody(language: ForeignLanguage, outcome: ReplyOutcome, ctx: BodyContext, c: OuvidoriaConfig): Block[] {
  const w = WORDS[language];
  const words = CHANNEL_WORDS[language][ctx.channel ?? 'email'];
  const comeBack: Block = { p: [w.comeBack[0], ...words.writeAgain(c), ...w.comeBack[1]] };
  const es = language === 'es';
  const kb = { href: c.links.knowledgeBase, label: es ? 'Base de Conocimiento' : 'Knowledge Base' };
  const ack = FOREIGN_ACKNOWLEDGEMENT[language];
  switch (outcome) {
    case 'ACCEPTED': {
      const linked = ack.linked(c.threading.reopenWindowDays);
      return [
        { p: [ack.received, { strong: ctx.protocol as string }, `. ${ack.keep}`] },
        ...(ctx.linkedProtocol ? [{ p: [linked[0], { strong: ctx.linkedProtocol }, linked[1]] }] : []),
        ...(ctx.dueDate ? [{ p: [{ strong: ack.due(ctx.dueDate) }, '.'] }] : []),
        ...foreignTicketLine(language, ctx.ticket),
        ...(ctx.missingAttachment ? [{ p: [ack.missingAttachment] }] : []),
        ...(ctx.encrypted ? [{ p: [ack.encrypted(ctx.encrypted)] }] : []),
        ...(ctx.filesNotTaken?.length
          ? [
              {
                p: [ack.filesNotTaken(ctx.filesNotTaken.join(', '), ctx.filesNotTaken.length === 1, ctx.acceptedKinds)],
              },
            ]
          : []),
        { h: ack.nextSteps },
        { ul: ack.steps.map((step) => [step]) },
        { p: [ack.hours(c)] },
        { p: [ack.addInfo, ack.writesIn] },
        { p: [ack.statusLink[0], { href: statusRequestUrl(c), label: ack.statusLabel }, ack.statusLink[1]] },
        w.status(c),
      ];
    }
    case 'NO_PRIOR_TICKET': {
      if (ctx.variant === 'already-opened')
        return [
          ...alreadyOpenedLead(language, words, c),
          { h: ALREADY_OPENED[language].notYet },
          w.supportCentre(c),
          w.openTicket(c),
        ];
      const disowned = ctx.variant === 'disowned' && ctx.ticket?.status === 'invalid' ? ctx.ticket : undefined;
      return [
        {
          p: es
            ? [
                'Recibimos su mensaje. La Ouvidoria actúa después de que la solicitud ya pasó por los canales de atención ',
                '(chat, correo, teléfono o WhatsApp, según el plan contratado) y no fue resuelta. ',
                ...(disowned
                  ? [
                      'No localizamos el ticket ',
                      { strong: `nº ${disowned.number}` },
                      `${words.theirAddress}, y usted nos dice que no abrió ningún ticket; por eso todavía no podemos abrir un caso en la Ouvidoria.`,
                    ]
                  : [
                      `No encontramos ${words.inMessage} el `,
                      { strong: 'número de un ticket anterior' },
                      ', por eso todavía no podemos abrir un caso en la Ouvidoria.',
                    ]),
              ]
            : [
                'We have received your message. The Ombudsman steps in after a request has been through our support channels ',
                '(chat, email, phone or WhatsApp, depending on your plan) and was not resolved. ',
                ...(disowned
                  ? [
                      'We could not find ticket ',
                      { strong: `no. ${disowned.number}` },
                      `${words.theirAddress}, and you tell us you opened no ticket, so we cannot open an Ombudsman case yet.`,
                    ]
                  : [
                      'We did not find the ',
                      { strong: 'number of a previous ticket' },
                      ` ${words.inMessage}, so we cannot open an Ombudsman case yet.`,
                    ]),
              ],
        },
        ...(disowned ? [{ p: [DISOWNED_NUMBER[language]] }] : []),
        { h: es ? 'Hable primero con la Central de Atención' : 'Please contact our Support Centre first' },
        w.supportCentre(c),
        w.openTicket(c),
        {
          p: es
            ? ['También tenemos la ', kb, ', con guías y respuestas a las preguntas más frecuentes.']
            : ['Our ', kb, ' also has guides and answers to frequently asked questions.'],
        },
        w.status(c),
        comeBack,
      ];
    }
    case 'TICKET_INVALID':
      return [
        {
          p: [
            es ? 'Recibimos su mensaje. ' : 'We have received your message. ',
            ...foreignInvalidTicket(language, ctx.ticket, words),
          ],
        },
        ...(ctx.variant === 'on-behalf' ? [{ p: [ON_BEHALF[language]] }] : []),
        {
          p: [
            es
              ? 'Por favor, verifique el número en la confirmación que recibió al abrir el ticket y '
              : 'Please check the ticket number in the confirmation you received when you opened the ticket and ',
            ...words.writeAgain(c),
            es ? ` con el número correcto. ${words.otherAddress}` : ` with the right one. ${words.otherAddress}`,
          ],
        },
        { h: es ? '¿Todavía no abrió un ticket?' : 'Have not opened a ticket yet?' },
        w.supportCentre(c),
        w.openTicket(c),
      ];
    case 'ACCESS_ISSUE': {
      // She already went to support (`already-opened`): her ticket's number first; not "open a ticket" again.
      const opened = ctx.variant === 'already-opened';
      return [
        ...(opened ? alreadyOpenedLead(language, words, c) : []),
        {
          p: [
            ...(opened ? [] : [CITED_WORDS[language].received]),
            es
              ? 'Entendemos que está sin acceso al panel de administración de su tienda. Esto puede ocurrir por los siguientes motivos:'
              : 'We understand you cannot access your store’s admin panel. This can happen for the following reasons:',
          ],
        },
        {
          ul: es
            ? [
                ['Usuario bloqueado por un largo período de inactividad;'],
                ['Dominio de la tienda congelado en registro.br;'],
                ['Cambio incorrecto del dominio de la tienda;'],
                ['Otros tipos de bloqueo.'],
              ]
            : [
                ['User blocked after a long period of inactivity;'],
                ['Store domain frozen at registro.br;'],
                ['Incorrect change of the store domain;'],
                ['Other kinds of block.'],
              ],
        },
        ...(opened
          ? []
          : [
              {
                p: es
                  ? [
                      'En cualquiera de estos casos, hable con el ',
                      { strong: 'soporte técnico' },
                      ' abriendo un ticket: ',
                      { href: c.links.openTicket, label: c.links.openTicket },
                    ]
                  : [
                      'In any of these cases, please contact ',
                      { strong: 'technical support' },
                      ' by opening a ticket: ',
                      { href: c.links.openTicket, label: c.links.openTicket },
                    ],
              },
            ]),
        {
          p: [
            es
              ? `El soporte técnico atiende ${describeHoursIn('es', c.supportHours)}.`
              : `Technical support is available ${describeHoursIn('en', c.supportHours)} (Brasília time).`,
          ],
        },
        w.status(c),
        ...(opened ? [] : [comeBack]),
      ];
    }
    case 'BILLING_QUESTION': {
      const opened = ctx.variant === 'already-opened';
      return [
        ...(opened ? alreadyOpenedLead(language, words, c) : []),
        {
          p: es
            ? [
                opened ? 'Mientras tanto, para dudas sobre ' : 'Recibimos su mensaje. Para dudas sobre ',
                { strong: 'planes, facturas, cobros y cambio de plan' },
                ', nuestra Base de Conocimiento tiene la orientación que necesita: ',
                { href: c.links.billingKnowledgeBase, label: c.links.billingKnowledgeBase },
              ]
            : [
                opened ? 'Meanwhile, for questions about ' : 'We have received your message. For questions about ',
                { strong: 'plans, invoices, billing and plan changes' },
                ', our Knowledge Base has the guidance you need: ',
                { href: c.links.billingKnowledgeBase, label: c.links.billingKnowledgeBase },
              ],
        },
        w.supportCentre(c),
        ...(opened ? [] : [comeBack]),
      ];
    }
    case 'NOT_A_CLIENT':
      if (ctx.variant === 'shopper') {
        return es
          ? [
              {
                p: [
                  'Recibimos su mensaje. Por lo que nos cuenta, su compra se hizo en una ',
                  { strong: 'tienda online construida en nuestra plataforma' },
                  '. Cada tienda es independiente y es ella misma quien se encarga de sus pedidos, pagos, envíos, cambios y del registro de sus clientes.',
                ],
              },
              {
                p: [
                  'Por eso, lo mejor es hablar directamente con la tienda, por los canales de contacto de su sitio ',
                  '(o del correo de confirmación del pedido). La Ouvidoria atiende a los comerciantes clientes de la plataforma y no tiene acceso a los pedidos de las tiendas.',
                ],
              },
            ]
          : [
              {
                p: [
                  'We have received your message. From what you tell us, you bought from an ',
                  { strong: 'online store built on our platform' },
                  '. Each store is independent and handles its own orders, payments, deliveries, returns and customer accounts.',
                ],
              },
              {
                p: [
                  'The best way forward is to contact the store directly, through the contact details on its website ',
                  '(or in your order confirmation email). The Ombudsman serves the merchants who use the platform and has no access to stores’ orders.',
                ],
              },
            ];
      }
      return [
        {
          p: es
            ? [
                'Recibimos su mensaje. Si todavía no es cliente o ya no tiene acceso a la central del cliente, ',
                'el equipo indicado para ayudarle es el ',
                { strong: 'Comercial' },
                ': complete el formulario o inicie un chat en ',
                { href: c.links.sales, label: c.links.sales },
              ]
            : [
                'We have received your message. If you are not a client yet, or no longer have access to the client area, ',
                'the right team to help you is ',
                { strong: 'Sales' },
                ': fill in the form or start a chat at ',
                { href: c.links.sales, label: c.links.sales },
              ],
        },
        {
          p: [
            es
              ? 'La Ouvidoria atiende solicitudes de clientes que ya pasaron por los canales de atención y no tuvieron su solicitud resuelta.'
              : 'The Ombudsman handles requests from clients who have already been through our support channels without a resolution.',
          ],
        },
      ];
    case 'OUT_OF_SCOPE_FEATURE':
      return [
        {
          p: es
            ? [
                'Recibimos su mensaje. La Ouvidoria no puede actuar en solicitudes que involucren ',
                { strong: 'funcionalidades y/o integraciones que no existen' },
                ' en la plataforma.',
              ]
            : [
                'We have received your message. The Ombudsman cannot act on requests for ',
                { strong: 'features and/or integrations that do not exist' },
                ' on the platform.',
              ],
        },
        {
          p: es
            ? ['Para conocer los recursos e integraciones disponibles y cómo usarlos, consulte nuestra ', kb, '.']
            : ['To learn about the available features and integrations and how to use them, see our ', kb, '.'],
        },
        comeBack,
      ];
    case 'OUT_OF_SCOPE_COMMERCIAL':
      return [
        {
          p: es
            ? [
                'Recibimos su mensaje. La Ouvidoria no puede actuar en ',
                { strong: 'negociaciones comerciales o pedidos de condiciones especiales' },
                ' que no estén conforme a lo ya anunciado.',
              ]
            : [
                'We have received your message. The Ombudsman cannot act on ',
                { strong: 'commercial negotiations or requests for special conditions' },
                ' other than those already announced.',
              ],
        },
        {
          p: es
            ? [
                'Para tratar planes, propuestas y condiciones comerciales, hable con nuestro equipo Comercial: complete el formulario o inicie un chat en ',
                { href: c.links.sales, label: c.links.sales },
              ]
            : [
                'For plans, proposals and commercial terms, please talk to our Sales team: fill in the form or start a chat at ',
                { href: c.links.sales, label: c.links.sales },
              ],
        },
        comeBack,
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
  options: { preformatted?: PreformattedSection[]; lang?: MessageLanguage } = {},
): RenderedMail {
  const pre = options.preformatted ?? [];
  const text = [
    blocksToText(blocks),
    ...pre.map(
      (x) =>
        `${x.title}\n\n${x.text}${x.collapsed ? `\n\n----- ${x.collapsed.summary} -----\n${x.collapsed.text}` : ''}`,
    ),
    // No footer, no signature separator: a mail ending in "-- " over nothing reads as cut off.
    ...(footer.length > 0 ? [`-- \n${blocksToText(footer)}`] : []),
  ].join('\n\n');
  const htmlDoc = html`<!DOCTYPE html>
<html lang="${options.lang ?? 'pt-BR'}">
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
)}${
  footer.length > 0
    ? html`<hr style="border:none;border-top:1px solid #dddddd;margin:24px 0 12px 0;">
<div style="font-size:12px;color:#666666;">
${blocksToHtml(footer)}</div>
`
    : ''
}</div>
</body>
</html>
`;
  return { subject, text: `${text}\n`, html: htmlDoc.value };
}

export type { Block as MailBlock, Inline as MailInline };

/**
 * A message that names a case protocol but could not join the case (ReplyContext.citedProtocol):
 * the reply leads with what she needs — her message was not added to that case, how to add to it
 * (from the address the case was opened with, never saying which) and how to follow it — and then
 * gives the guidance that still applies. Built from her words only: it reads the same whether the
 * case exists or whose it is.
 */
interface CitedWords {
  subject: string;
  /** The outcome's opening says "we received your message" again: cut from it. */
  received: string;
  lead: (protocol: string, c: OuvidoriaConfig) => Inline[];
  /** NO_PRIOR_TICKET: she did not skip support; "talk to the Support Centre first" is for a new matter. */
  newMatter: { h: string; p: string };
}

/** ReplyContext.hasOpenCase: her open case first, the guidance after it for a new matter. */
const OPEN_CASE_LEAD: Record<MessageLanguage, string> = {
  'pt-BR':
    'Você já tem um caso aberto na Ouvidoria, e esta mensagem não foi juntada a ele. Se ela é sobre esse caso, responda ao e-mail de confirmação do caso (o número do protocolo está no assunto), mantendo o protocolo no assunto: assim ela chega à pessoa que cuida dele. Se for um assunto novo, veja a orientação abaixo.',
  es: 'Usted ya tiene un caso abierto en la Ouvidoria, y este mensaje no se añadió a él. Si trata de ese caso, responda al correo de confirmación del caso (el número de protocolo está en el asunto), manteniendo el protocolo en el asunto: así llega a la persona que lo atiende. Si es un asunto nuevo, vea la orientación a continuación.',
  en: 'You already have an open case with the Ombudsman, and this message was not added to it. If it is about that case, reply to the case confirmation email (the protocol number is in its subject), keeping the protocol in the subject: it then reaches the person handling it. If it is a new matter, see the guidance below.',
};

const CITED_WORDS: Record<MessageLanguage, CitedWords> = {
  'pt-BR': {
    subject: 'Ouvidoria: sua mensagem não foi adicionada ao caso',
    received: 'Recebemos sua mensagem. ',
    lead: (protocol, c) => [
      'Recebemos sua mensagem, mas ela ',
      { strong: `não foi adicionada ao caso ${protocol}` },
      '. Por segurança, só juntamos a um caso da Ouvidoria as mensagens enviadas do endereço de e-mail usado para abri-lo: para acrescentar informações, responda a um e-mail do caso a partir desse endereço. Para ver o andamento, use a ',
      { href: statusRequestUrl(c), label: 'consulta de casos da Ouvidoria' },
      ' com o protocolo e o endereço de e-mail usado para abrir o caso.',
    ],
    newMatter: {
      h: 'Se for um assunto novo',
      p: 'A Ouvidoria é acionada depois que a solicitação já passou pelos canais de atendimento (chat, e-mail, telefone ou WhatsApp, conforme o plano contratado) e não foi resolvida. Para um assunto novo, fale primeiro com a Central de Atendimento.',
    },
  },
  es: {
    subject: 'Ouvidoria: su mensaje no se añadió al caso',
    received: 'Recibimos su mensaje. ',
    lead: (protocol, c) => [
      'Recibimos su mensaje, pero ',
      { strong: `no se añadió al caso ${protocol}` },
      '. Por seguridad, solo añadimos a un caso de la Ouvidoria los mensajes enviados desde la dirección de correo con la que se abrió: para agregar información, responda a un correo del caso desde esa dirección. Para ver el avance, use la ',
      { href: statusRequestUrl(c), label: 'consulta de casos de la Ouvidoria' },
      ' (página en portugués) con el protocolo y la dirección de correo con la que se abrió el caso.',
    ],
    newMatter: {
      h: 'Si se trata de un asunto nuevo',
      p: 'La Ouvidoria actúa después de que la solicitud ya pasó por los canales de atención (chat, correo, teléfono o WhatsApp, según el plan contratado) y no fue resuelta. Para un asunto nuevo, hable primero con la Central de Atención.',
    },
  },
  en: {
    subject: 'Ombudsman: your message was not added to the case',
    received: 'We have received your message. ',
    lead: (protocol, c) => [
      'We have received your message, but it ',
      { strong: `was not added to case ${protocol}` },
      '. For your security, we only add to an Ombudsman case the messages sent from the email address the case was opened with: to add information, reply to an email about the case from that address. To see where it stands, use the ',
      { href: statusRequestUrl(c), label: 'Ombudsman case status page' },
      ' (in Portuguese) with the protocol and the email address the case was opened with.',
    ],
    newMatter: {
      h: 'If this is a new matter',
      p: 'The Ombudsman steps in after a request has been through our support channels (chat, email, phone or WhatsApp, depending on your plan) and was not resolved. For a new matter, please contact our Support Centre first.',
    },
  },
};

/**
 * The outcome's guidance after the cited-protocol lead, as one message: the lead is about the case
 * her mail named (not added; write from the case's address), and what the rules decided applies only
 * if she writes about something else — so it comes under the new-matter heading, for every outcome
 * (journey 50: TICKET_INVALID's "reply with the correct number" right after "reply from the case's
 * address" read as a second, contradicting mail). NO_PRIOR_TICKET's "we found no previous ticket,
 * talk to support first" opening and heading become the new-matter paragraph; the other openings
 * lose their second "we received your message".
 */
function afterCitedLead(outcome: ReplyOutcome, body: Block[], words: CitedWords): Block[] {
  if (outcome === 'NO_PRIOR_TICKET') {
    const guidance = body.slice(1).filter((b) => !('h' in b));
    return [{ h: words.newMatter.h }, { p: [words.newMatter.p] }, ...guidance];
  }
  return [{ h: words.newMatter.h }, ...withoutReceived(body, words)];
}

/** The body without its opening "we received your message" (the lead said it). */
function withoutReceived(body: Block[], words: CitedWords): Block[] {
  const [opening, ...rest] = body;
  if (!opening || !('p' in opening)) return body;
  const [first, ...inlines] = opening.p;
  if (typeof first !== 'string' || !first.startsWith(words.received)) return body;
  const cut = first.slice(words.received.length);
  return [{ p: [...(cut ? [cut] : []), ...inlines] }, ...rest];
}

/** The subject of an outcome's guidance reply in a language: "Ouvidoria: <title>" ("Ombudsman: …" in English). */
function guidanceSubjectIn(
  language: MessageLanguage,
  outcome: Exclude<ReplyOutcome, 'ACCEPTED'>,
  variant: ReplyVariant | undefined,
): string {
  if (outcome === 'NOT_A_CLIENT' && variant === 'shopper') return SHOPPER_SUBJECTS[language];
  if (outcome === 'NO_PRIOR_TICKET' && variant === 'already-opened') return ALREADY_OPENED_SUBJECTS[language];
  return language === 'pt-BR' ? DEFAULT_SUBJECTS[outcome] : FOREIGN_SUBJECTS[language][outcome];
}

/**
 * A redirected submission's guidance in Spanish or English, as its reply gives it: the reply's
 * subject as a title ("Hable primero con la Central de Atención") and the reply's body, for the page
 * the webform shows after the post, so the page and the mail speak the same language and say the
 * same. Undefined in pt-BR, whose page and reply share guidance.ts.
 */
export function foreignGuidance(
  outcome: Exclude<ReplyOutcome, 'ACCEPTED'>,
  ctx: BodyContext,
  config: OuvidoriaConfig,
): { title: string; blocks: Block[] } | undefined {
  const language = ctx.language ?? 'pt-BR';
  if (language === 'pt-BR') return undefined;
  const subject = guidanceSubjectIn(language, outcome, ctx.variant);
  const title = subject.slice(subject.indexOf(': ') + 2);
  return {
    title: `${title.charAt(0).toUpperCase()}${title.slice(1)}`,
    blocks: foreignBody(language, outcome, ctx, config),
  };
}

/**
 * A redirected submission's guidance in Spanish or English in the shape of the pt-BR guidance
 * (guidance.ts): the webform's JSON answer, made of the same words as the page and the mail
 * (foreignGuidance), a paragraph read as the mail's text part reads it. Headings other than the title
 * read as paragraphs; links are listed once each.
 * Undefined in pt-BR, whose JSON is guidanceFor.
 */
export function foreignGuidanceText(
  outcome: Exclude<ReplyOutcome, 'ACCEPTED'>,
  ctx: BodyContext,
  config: OuvidoriaConfig,
): Guidance | undefined {
  const foreign = foreignGuidance(outcome, ctx, config);
  if (!foreign) return undefined;
  const paragraphs: string[] = [];
  const items: string[] = [];
  const links: GuidanceLink[] = [];
  const collect = (inlines: Inline[]) => {
    for (const i of inlines)
      if (typeof i !== 'string' && 'href' in i && !links.some((l) => l.href === i.href))
        links.push({ label: i.label, href: i.href });
    return inlines.map(inlineText).join('');
  };
  for (const b of foreign.blocks) {
    if ('h' in b) {
      if (b.h !== foreign.title) paragraphs.push(b.h);
    } else if ('p' in b) paragraphs.push(collect(b.p));
    else if ('lines' in b) paragraphs.push(b.lines.join('\n'));
    else for (const item of b.ul) items.push(collect(item));
  }
  return { title: foreign.title, paragraphs, items, links };
}

/**
 * The automatic reply for an outcome. ACCEPTED needs `ctx.protocol` (its subject is
 * "[OUV-2026-000123] Recebemos sua manifestação"); the others answer a mail with "Re: <subject>"
 * and a webform submission with the outcome's subject ("Ouvidoria: confira o número do seu chamado").
 */
export function renderReply(outcome: ReplyOutcome, ctx: ReplyContext, config: OuvidoriaConfig): RenderedMail {
  if (outcome === 'ACCEPTED' && !ctx.protocol) throw new Error('ACCEPTED reply needs the case protocol');
  const language = ctx.language ?? 'pt-BR';
  const name = greetingName(ctx.senderName);
  const originalSubject = sanitizeHeaderValue(ctx.subject, SUBJECT_MAX);
  // "10/03/2026 às 10:05"; the Spanish and English replies say it in their words.
  const received = formatDateTimePtBr(ctx.receivedAt, config.timeZone).replace(
    ' às ',
    language === 'pt-BR' ? ' às ' : WORDS[language].at,
  );
  const channel = ctx.channel ?? 'email';
  const words = CHANNEL_WORDS[language][channel];
  const cited = outcome !== 'ACCEPTED' ? ctx.citedProtocol : undefined;
  const openCase = outcome !== 'ACCEPTED' && !cited && ctx.hasOpenCase === true;
  // Under the cited protocol's lead the guidance is for a new matter: the ticket she says she opened is that case's.
  const bodyCtx: ReplyContext = cited && ctx.variant === 'already-opened' ? { ...ctx, variant: undefined } : ctx;
  const citedLead = (body: Block[]): Block[] =>
    cited
      ? [
          { p: CITED_WORDS[language].lead(sanitizeHeaderValue(cited, 40), config) },
          ...afterCitedLead(outcome, body, CITED_WORDS[language]),
        ]
      : openCase
        ? [{ p: [OPEN_CASE_LEAD[language]] }, ...body]
        : body;
  let subject: string;
  if (outcome === 'ACCEPTED') {
    subject = caseMailSubject({ channel, subject: ctx.subject, protocol: ctx.protocol as string, language }, false);
  } else {
    const own = cited ? CITED_WORDS[language].subject : guidanceSubjectIn(language, outcome, ctx.variant);
    // A mail is answered under its subject; the form's subject is ours ("Formulário: <topic>"), so a
    // webform submission gets the outcome's own subject, the title of the page it has just seen.
    subject = channel === 'webform' ? own : replySubject(ctx.subject, own);
  }

  if (language !== 'pt-BR') {
    const w = WORDS[language];
    const blocks: Block[] = [
      { p: [name ? `${w.hello}, ${name},` : `${w.hello},`] },
      ...citedLead(foreignBody(language, outcome, bodyCtx, config)),
      { lines: [w.regards, config.fromName] },
    ];
    const footer: Block[] = [{ p: [words.automatic(originalSubject, received)] }, w.footerPrivacy(config)];
    return renderMail(subject, blocks, footer, { lang: language });
  }

  const blocks: Block[] = [
    { p: [name ? `${PT.hello}, ${name},` : `${PT.hello},`] },
    ...citedLead(bodyFor(outcome, bodyCtx, config)),
    { lines: [PT.regards, config.fromName] },
  ];
  const footer: Block[] = [{ p: [words.automatic(originalSubject, received)] }, PT.privacy(config)];
  return renderMail(subject, blocks, footer);
}
