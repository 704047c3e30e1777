/**
 * Prior-ticket extraction: every number a merchant may have meant as "my support ticket",
 * ranked. Keyword-led numbers ("chamado nº 12.345", "ticket #48213") score high; a bare
 * standalone number only low, and never one that reads as a phone, CPF, CNPJ, CEP, date,
 * time, amount, percentage, quantity, order/invoice number or our own case protocol.
 */
import type { TicketCandidate, TicketSource } from './decision';
import { canonicalWord, capText, foldKeepingLength, splitQuoted, withPlainAlphanumerics } from './text';
import { MAX_LOCAL_PART_CHARS } from './mailbox';

/** Scores: form field > keyword-led > helpdesk link > "#123" > weak keyword > bare number. */
export const TICKET_SCORES = {
  form: 100,
  keyword: 80,
  link: 75,
  hash: 70,
  weakKeyword: 50,
  /** A number read with a look-alike letter for a digit ("482I4"): a guess, below WEAK_CANDIDATE_SCORE. */
  lookAlike: 20,
  /**
   * A number after a bare "ID" ("ID 51234", "meu ID é 51234"): stores, users and orders are named by the
   * same word, so a guess, looked up after every claim, counting only when the directory finds it hers.
   */
  idGuess: 25,
  bare: 10,
  /**
   * Added to a keyword's number when a possessive leads the keyword ("meu chamado 48213", and in a forwarded
   * support mail "seu chamado 48215", "your request 48215"): hers, ahead of the tickets a thread names of other
   * stores ("casos parecidos: chamado 48214, chamado 51000…"), which would use up the look-ups. Smaller than any
   * source's bonus: it orders a source's numbers, never the sources.
   */
  possessive: 2,
} as const;

/** Added to a candidate's score by where it was read: the subject is the sender's headline. */
const SOURCE_BONUS: Record<TicketSource, number> = {
  form: 0,
  subject: 6,
  body: 3,
  quoted: 0,
  attachment: 0,
  'linked-case': 0,
};

/**
 * Candidates scoring below this are guesses (bare numbers): the verifier looks them up, but a
 * guess that is not found does not make the submission "ticket invalid".
 */
export const WEAK_CANDIDATE_SCORE = 30;

/** Digits only, 3 to 10 of them, not all zeros. */
export function isValidTicketFormat(n: string): boolean {
  return /^\d{3,10}$/.test(n) && !/^0+$/.test(n);
}

/**
 * A support channel's protocol, too long for a ticket: 12 to 20 digits, no leading zero ("protocolo de
 * atendimento 2025112400331", given on WhatsApp or the phone). Read only after a strong keyword, it is
 * her claim of a prior contact, which verifyTicket answers as a number not in the tickets' format (never
 * looked up) — "no ticket at all" told her to contact support she had contacted. Never 11 digits or
 * fewer: a mobile phone or a CPF.
 */
export function isSupportProtocolFormat(n: string): boolean {
  return /^[1-9]\d{11,19}$/.test(n);
}

export interface TicketExtractionInput {
  subject: string;
  text: string;
  formTicket?: string;
  /**
   * The attached files' names: a screenshot saved as "Chamado 48213.png" may be the only place
   * the number is. Keyword-led numbers only ("IMG_20261125_123456.jpg" is no ticket).
   */
  attachmentNames?: readonly string[];
  /**
   * The sender's own earlier case, closed before the reopen window: "o problema voltou" opens a new
   * case linked to it (SPEC step 8), and its ticket is the prior contact the merchant need not cite
   * again. Ranked as a keyword-led number, after any the message itself names.
   */
  linkedCase?: { protocol: string; ticket: string };
  /**
   * The mail answers the office's reply that asked for the ticket's number (NO_PRIOR_TICKET,
   * TICKET_INVALID): a number standing alone in its fresh text ("48312", "o correto é 48312") is
   * the answer, a claim the check reports when not found, not a guess.
   */
  answersTicketRequest?: boolean;
}

/**
 * Candidates kept, best first: they are stored with the case and shown in its decision trail, and a
 * text naming thousands of numbers ("chamado #1000 chamado #1001 …") must not outgrow the item.
 */
export const MAX_CANDIDATES = 20;

/** Attachment names read for a ticket: the first few, each as long as a file name goes. */
const MAX_ATTACHMENT_NAMES = 20;
const MAX_ATTACHMENT_NAME_CHARS = 255;

const MASK = '\u00a4';
const EVIDENCE_RADIUS = 20;

/** Our own case protocol, OUV-2026-000123 (also "OUV 2026 123"): never a ticket. */
const OWN_PROTOCOL = /(?<![a-z0-9])ouv[\s-]*\d{4}[\s-]*\d{1,8}(?!\d)/g;

/** Helpdesk links that carry the ticket id: .../requests/48213, .../tickets/48213. */
const TICKET_LINK_SOURCE = String.raw`\/(?:hc\/[a-z-]+\/)?(?:requests|tickets|chamados|solicitacoes|agent\/tickets)\/(\d{3,10})(?!\d)`;
const TICKET_LINK = new RegExp(TICKET_LINK_SOURCE, 'g');
const A_TICKET_LINK = new RegExp(TICKET_LINK_SOURCE);

/** Whether a link's address carries a ticket id (the HTML converter keeps those addresses in the text). */
export function isTicketLink(url: string): boolean {
  return A_TICKET_LINK.test(url.toLowerCase());
}

/**
 * The ticket id of a helpdesk link standing alone ("https://suporte.example.com/hc/pt-br/requests/52311"),
 * as a merchant pastes it into the form's ticket field; null for anything else.
 */
export function ticketOfLink(text: string): string | null {
  const link = text.trim().toLowerCase();
  // One address, nothing around it: a sentence that mentions a link is not a pasted link.
  if (/\s/.test(link)) return null;
  return A_TICKET_LINK.exec(link)?.[1] ?? null;
}

/** The longest local part EMAIL_ADDRESS reads before the '@'. */
const EMAIL_LOCAL_MAX = MAX_LOCAL_PART_CHARS;
/** An e-mail address. Bounded on the left so a long run without '@' stays linear. */
const EMAIL_ADDRESS = new RegExp(`[^\\s<>()@,;"']{1,${EMAIL_LOCAL_MAX}}@[^\\s<>()@,;"']{1,255}`, 'g');

/** Bodies other than our support whose protocol numbers merchants quote (folded, accent-free): public
 * bodies, and the carriers a store ships with. */
const OTHER_BODIES =
  'anatel|procon|reclame ?aqui|consumidor\\.gov(?:\\.br)?|senacon|bacen|banco central|juizado|tribunal|delegacia|boletim de ocorrencia|correios|transportadora|jadlog|loggi';

/**
 * The office itself: its case protocol typed as its bare number ("protocolo 000123 na Ouvidoria", "Protocolo nº
 * 000123 da Ouvidoria") is no support ticket.
 */
const OFFICE_BODY = 'ouvidoria';

/**
 * Banks, payment providers, marketplaces and the card or phone operator: companies that give her protocols of
 * their own ("abri chamado no Nubank, o número é 48213", "o protocolo q o Mercado Pago me passou foi 48213"). Only
 * the readers that take a few words of hers before the number (STRONG_LINK's words and relative clause,
 * TICKET_NAMED_AFTER, OTHER_BODY_BEFORE) skip them: there the number stays a guess, as it was before they read
 * those words, and her own ticket is still found by the directory. Never a mask (OTHER_BODIES): her tickets are
 * often about these ("o Mercado Pago parou de sincronizar, protocolo 48213") (rt62b). Names only, no common word.
 */
const OTHER_COMPANY_WORDS =
  'nubank|itau|bradesco|santander|picpay|pagbank|pagseguro|mercado ?pago|mercado ?livre|shopee|amazon|magalu|americanas|cielo|getnet|sumup|paypal|operadora';

/** The words of OTHER_BODIES, one by one, and the other companies (a relative clause naming one is not about our ticket). */
const OTHER_BODY_WORDS = `anatel|procon|reclame|consumidor|senacon|bacen|banco|juizado|tribunal|delegacia|boletim|correios|transportadora|jadlog|loggi|${OTHER_COMPANY_WORDS}`;

/** Her buyer: a number he gave her is his order's or his phone's ("o cliente disse que o número é …"). */
const BUYER_WORDS = 'clientes?|compradora?s?|customers?|buyers?|clientas?';

/** Messaging apps: a phone number follows them, or a ticket when they name the channel it came from. */
const CHANNEL_ID_KEYWORDS = 'whatsapp|whats|wpp|zap';

/** Keywords after which an order / invoice / payment / personal identifier follows. */
const ID_KEYWORDS = `pedidos?|orders?|compras?|vendas?|nota fiscal|notas fiscais|nota|nfs?-?e|nfc-?e|nf|danfe|boletos?|codigos? de rastreio|codigos? de rastreamento|rastreios?|rastreamento|objeto|transac(?:ao|oes)|nsu|faturas?|cupo(?:m|ns)|sku|produtos?|codigo|cod|lotes?|cpf|cnpj|cep|rg|inscricao estadual|ie|contas?|agencia|pix|cartao|parcelas?|tel|telefone|fone|celular|cel|ramal`;
const OTHER_ID_KEYWORDS = `${ID_KEYWORDS}|${CHANNEL_ID_KEYWORDS}`;
const CHANNEL_WORD = new RegExp(`^(?:${CHANNEL_ID_KEYWORDS})$`);
const OTHER_NUMBER_WORD = new RegExp(`^(?:${OTHER_ID_KEYWORDS})$`);

/** A word (folded: lower-case, no accents) that leads an order, invoice, document or phone number, not a ticket. */
export function isOtherNumberWord(word: string): boolean {
  return OTHER_NUMBER_WORD.test(word);
}

/** A messaging app's name (folded): the channel a ticket was opened on, or a phone number's lead. */
export function isChannelWord(word: string): boolean {
  return CHANNEL_WORD.test(word);
}

/**
 * What sets a number off after its keyword as a phone's chat app writes it: an opening quote, bracket or asterisk
 * ("chamado *48213*", "protocolo \"48213\"", "chamado [48213]") or an arrow ("chamado -> 48213", "chamado ➡️ 48213").
 * One list for STRONG_LINK (her ticket) and the masks of another body's protocol ("protocolo *48213* do Procon"),
 * so a number set off so is read alike by both (rt62b: the masks kept the older separators only).
 */
const SET_OFF_OPENERS = String.raw`*"'“‘«[>→➡\ufe0f`;
/** The closing marks after a number set off so ("*48213*", "“48213”", "[48213]"). */
const SET_OFF_CLOSERS = String.raw`[*"'”’»\]]{0,3}`;
/** Between "protocolo" and another body's number: a marker or a set-off mark, a few of them ("protocolo nº: 48213", "protocolo -> 48213"). */
const BODY_PROTOCOL_LINK = String.raw`\s*(?:(?:n[o.]?|#|:|[-–—=${SET_OFF_OPENERS}])\s*){0,4}`;

/** What every body calls the number it gives (support, Procon, a bank): no word of support's own. */
const PROTOCOL_WORDS = 'protocolo|processo';
/** What follows an identifier keyword: markers, then the number (a list of them). */
const ID_AFTER_KEYWORD = String.raw`\b(?:\s*(?:n[o.]?|nr\.?|nro\.?|num\.?|numero|number|id|do|da|de|#|:|-|\())*\s*#?\d[\d./-]*(?:\s*(?:,|;|/|\be\b|\bou\b)\s*#?\d[\d./-]*)*`;

/**
 * Spans that look like numbers but are something else. Applied to the folded text; matched
 * spans are masked so no candidate is read inside them.
 */
export const MASKS: RegExp[] = [
  // URLs and e-mail addresses (ticket links are read before masking).
  /\b(?:https?:\/\/|www\.)\S+/g,
  // "Ticket médio", a store's average sale, names no support ticket ("48213 é o ticket médio", "o ticket médio caiu,
  // o número é 48213"): the words hidden, a number near them is a guess at most (rt62b).
  /\btickets?[\s-]medios?\b/g,
  EMAIL_ADDRESS,
  OWN_PROTOCOL,
  // CNPJ 12.345.678/0001-90, CPF 123.456.789-09.
  /\d{2}\.?\d{3}\.?\d{3}\/\d{4}-?\d{2}/g,
  /\d{3}\.\d{3}\.\d{3}-?\d{2}/g,
  // Dates: 25/11/2026, 25-11-26, 25.11.2026, 2026-11-25, 25/11, "25 de novembro de 2026".
  /(?<!\d)\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}(?!\d)/g,
  /(?<!\d)\d{4}[/.-]\d{1,2}[/.-]\d{1,2}(?!\d)/g,
  /(?<!\d)\d{1,2}\/\d{1,2}(?![\d/])/g,
  /(?<!\d)\d{1,2} de [a-z]+ de \d{4}(?!\d)/g,
  // Times: 10:30, 10:30:15, 10h, 10h30, 10hs.
  /(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)/g,
  /(?<!\d)\d{1,2} ?h(?:s|rs?|\d{2})?(?![a-z0-9])/g,
  // Money: R$ 1.234,56, R$ 12345, US$ 10, 1.234,56, 99,90, "12345 reais".
  /(?:r\$|us\$|u\$|\$|€|£|usd|brl|eur)\s*\d[\d.,]*/g,
  // Starts only where a digit run starts: tried inside a long "1.111.111…" run, it would re-read
  // the rest of the run from every position (quadratic).
  /(?<![\d.])\d{1,3}(?:\.\d{3})+,\d{1,2}(?!\d)/g,
  /(?<![\d.,])\d+,\d{2}(?!\d)/g,
  /(?<![\d.,])\d[\d.,]*\s*(?:reais|real|centavos|dolares|dolar|mil|milhoes|milhao|bilhoes)(?![a-z])/g,
  // Percentages.
  /(?<!\d)\d+(?:[.,]\d+)?\s*%/g,
  // Phones: +55 11 98765 4321, (11) 98765-4321, 0800 123 4567, 11 98765-4321, 98765-4321.
  /\+\s*\d{1,3}[\s.-]*\(?\d{2}\)?[\s.-]*9?\s?\d{4}[\s.-]?\d{4}(?!\d)/g,
  /\(\s*0?\d{2}\s*\)\s*9?\s?\d{4}[\s.-]?\d{4}(?!\d)/g,
  /(?<!\d)0[358]00[\s.-]*\d{2,3}[\s.-]*\d{4}(?!\d)/g,
  /(?<!\d)0?\d{2}[\s.-]+9?\s?\d{4}[\s.-]\d{4}(?!\d)/g,
  /(?<!\d)9?\d{4}-\d{4}(?!\d)/g,
  /(?<!\d)[34]00[34][\s.-]?\d{4}(?!\d)/g,
  // CEP: 01310-100, 01.310-100, "CEP 01310100". A space run is read by one \s* only: two around an
  // optional ':' or ',' (\s*:?\s*) trade its spaces, quadratic on a long run (here and below).
  /(?<!\d)\d{2}\.?\d{3}-\d{3}(?!\d)/g,
  /\bcep\s*(?::\s*)?(?:n[o.]?\s*)?\d{5}-?\d{3}(?!\d)/g,
  // Correios tracking codes.
  /\b[a-z]{2}\d{9}[a-z]{2}\b/g,
  // Protocols of other bodies (Anatel, Procon, Reclame Aqui, the courts): "reclamação na Anatel,
  // protocolo 2026123456", "protocolo 123456 do Procon". The word "protocolo" (or "processo")
  // must lead the number, so "vou ao Procon, chamado 48213" keeps its ticket.
  new RegExp(
    `\\b(?:${OTHER_BODIES})\\b[^.!?\\n\\d]{0,30}?\\b(?:${PROTOCOL_WORDS})${BODY_PROTOCOL_LINK}\\d[\\d./-]*`,
    'g',
  ),
  new RegExp(
    `\\b(?:${PROTOCOL_WORDS})${BODY_PROTOCOL_LINK}\\d[\\d./-]*${SET_OFF_CLOSERS}\\s*(?:,\\s*)?(?:(?:do|da|no|na|junto ao|junto a)\\s+|\\(\\s*)(?:${OTHER_BODIES})\\b`,
    'g',
  ),
  // The office's own protocol typed as its zero-padded number (OUV-2026-000123 → "000123"; support's numbers have
  // no leading zero), the office right after it: "informei o protocolo 48213 na Ouvidoria" names her ticket.
  new RegExp(
    `\\b(?:${PROTOCOL_WORDS})${BODY_PROTOCOL_LINK}0\\d*${SET_OFF_CLOSERS}\\s*(?:da|na|junto a)\\s+${OFFICE_BODY}\\b`,
    'g',
  ),
  // Numbers led by an order / invoice / payment / personal-data keyword, lists included:
  // "pedido nº 12345", "pedidos 123, 124 e 125", "NF-e 4567", "código de rastreio 123".
  new RegExp(`\\b(?:${ID_KEYWORDS})${ID_AFTER_KEYWORD}`, 'g'),
  // A messaging app and its (phone) number, unless it names the channel a ticket came from and a
  // colon or verb gives the number: "protocolo do WhatsApp: 52310", "o protocolo do whats foi 52311"
  // ("protocolo do WhatsApp 52310" alone may be the office's WhatsApp line). The look back comes after
  // the app's name, so it runs only where one is: before it, its \s+ re-read a long run of spaces
  // from each of them (quadratic).
  new RegExp(
    `\\b(?:${CHANNEL_ID_KEYWORDS})(?<!\\b(?:chamados?|tickets?|protocolos?|solicitac(?:ao|oes))\\s+(?:(?:do|da|de|pelo|pela|via|no|na)\\s+)?(?:${CHANNEL_ID_KEYWORDS}))${ID_AFTER_KEYWORD}` +
      `|\\b(?:${CHANNEL_ID_KEYWORDS})(?!\\s*:|\\s+(?:foi|e|eh|era)(?![a-z0-9]))${ID_AFTER_KEYWORD}`,
    'g',
  ),
];

/**
 * Keywords that announce a support ticket, as canonical words: a word of the message is read
 * through canonicalWord (text.ts), the normalisation the topic rules use, so "chamdo",
 * "chammado" and "cahmado" announce a ticket as "chamado" does.
 */
const STRONG_KEYWORDS: ReadonlySet<string> = new Set([
  'chamado',
  'chamados',
  'ticket',
  'tickets',
  'protocolo',
  'protocolos',
  'solicitacao',
  'solicitacoes',
  'requisicao',
  'requisicoes',
  'request',
  'requests',
  'ocorrencia',
  'ocorrencias',
  'incidente',
  'incidentes',
  'case',
  // Spanish ("mi solicitud 48213 sigue sin respuesta").
  'solicitud',
  'solicitudes',
]);
/**
 * A request to support, as Portugal and formal mail name a ticket ("pedido de suporte n.º 48213",
 * "pedido de assistência 51000"): the service word announces a ticket when "pedido de" leads it,
 * never alone ("o suporte 48213") nor "pedido" alone (an order: "pedido 30221"). Spanish too ("el
 * pedido de soporte 52310").
 */
const SUPPORT_REQUEST_WORDS: ReadonlySet<string> = new Set([
  'suporte',
  'assistencia',
  'apoio',
  'soporte',
  'asistencia',
]);
const SUPPORT_REQUEST_BEFORE = /(?<![a-z])pedidos? de\s+$/;
/** STRONG_KEYWORDS without their plurals ("chamados", "solicitacoes", "solicitudes"): after a number, a count. */
const SINGULAR_STRONG_KEYWORDS = [...STRONG_KEYWORDS]
  .filter(
    (w) => ![w.slice(0, -1), w.slice(0, -2), w.replace(/oes$/, 'ao')].some((s) => s !== w && STRONG_KEYWORDS.has(s)),
  )
  .join('|');
/**
 * After a bare number, the words that name it her ticket, the number said first as on a phone ("48213 é o número
 * do meu chamado", "48213 esse é o chamado q abri", "48213 (número do protocolo)", "48213 is my ticket number",
 * "48213 - chamado aberto dia 20"). One keyword, singular: "48213 é o pedido do cliente" names none, and
 * "12000 chamados" is a count (round 62).
 */
const TICKET_NAMED_AFTER = new RegExp(
  String.raw`^\s*(?:[(:\-–—,]\s*)?(?:(?:esse|este|ese|that|this)\s+)?(?:(?:e|eh|foi|era|is|was|es)\s+)?(?:(?:o|a|the|el|my|mi|meu|minha)\s+){0,2}(?:(?:numero|number|n|no|nr|nro)\s+(?:do|da|de|del|of)\s+)?(?:(?:o|a|the|el|my|mi|meu|minha)\s+){0,2}(${SINGULAR_STRONG_KEYWORDS})(?![a-z])` +
    // Not another body's ("48213 é o protocolo do Procon").
    String.raw`(?!\s+(?:(?:d|n)[oa]s?|de|del|en|at|with|from)\s+(?:${OTHER_BODY_WORDS})(?![a-z]))`,
);
const TICKET_NAMED_AFTER_REACH = 50;
/**
 * Another body named on the line before such a number, in this sentence or the one before, and the number named
 * its "protocolo" (what every body calls it): that body's, said a sentence later ("Reclamei no Procon ontem. 48213 é
 * o número do protocolo", "O banco me passou um número. 48213 é o protocolo"), a guess as the number alone was
 * (rt62b). Her "chamado" stays hers ("Se não resolverem vou ao Procon. 48213 é o número do meu chamado").
 */
const OTHER_BODY_BEFORE = new RegExp(`(?:^|[^a-z])(?:${OTHER_BODY_WORDS})(?![a-z])`);
const PROTOCOL_WORD = new RegExp(`^(?:${PROTOCOL_WORDS})$`);
const OTHER_BODY_BEFORE_REACH = 80;
/** Ordinary words that also name a ticket: only with a number right after them. */
const WEAK_KEYWORDS: ReadonlySet<string> = new Set(['atendimento', 'atendimentos', 'caso', 'casos']);
/**
 * Calls `visit` with the bounds of each word of the folded text that a digit follows within
 * `reach` characters of its end, in order. The words are the maximal runs of [a-z0-9] that are
 * letters only (a word glued to digits is no keyword). Only the stretch before each run of digits
 * is read, character by character (issue 16): the rest of the text has no word to visit.
 */
export function forEachWordBeforeDigit(
  folded: string,
  reach: number,
  visit: (start: number, end: number) => void,
): void {
  const digitRuns = /\d+/g;
  // Everything before `done` is read: it ends the last run of digits.
  let done = 0;
  for (let digits = digitRuns.exec(folded); digits !== null; digits = digitRuns.exec(folded)) {
    // A word ending `reach` characters before the digits may start earlier, not before `done`.
    let at = Math.max(done, digits.index - reach);
    while (at > done && isWordCode(folded.charCodeAt(at - 1))) at--;
    // At `done`, a run of [a-z0-9] goes on from the digits before: no word.
    let start = at > 0 && isWordCode(folded.charCodeAt(at - 1)) ? at : -1;
    let lettersOnly = start < 0;
    for (; at < digits.index; at++) {
      if (isWordCode(folded.charCodeAt(at))) {
        if (start < 0) {
          start = at;
          lettersOnly = true;
        }
        continue;
      }
      if (start >= 0 && lettersOnly) visit(start, at);
      start = -1;
    }
    // A run still open goes on into the digits: no word.
    done = digits.index + digits[0].length;
  }
}

/** A character of a run of [a-z0-9]. */
function isWordCode(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
}

/** Whose a ticket is, as someone writing for its owner names them ("o chamado do meu pai", "da minha loja"). */
const TICKET_OWNERS =
  'pai|mae|marido|esposa|esposo|mulher|filha|filho|irma|irmao|avo|sogra|sogro|tia|tio|chefe|patrao|patroa|dono|dona|socio|socia|empresa|loja';

/**
 * Between a strong keyword and its number: markers and a few filler words, among them the support
 * channel it was given on ("protocolo do WhatsApp: 52310", "o protocolo do whats foi 52311") and
 * the handing over of the number ("abri o chamado pelo chat e me deram o id 52310"), and whose it
 * is, said by someone writing for its owner ("o ticket dela é 48215").
 */
const STRONG_LINK = new RegExp(
  // The keyword's own abbreviation dot first: "prot. 52311", "solic. 51000". An exclamation or a
  // question between them is emphasis, not a new thought: "já abri chamado! 51234", "cadê meu chamado?? 48213".
  // A comma before a marker, an article or "e" between them: "chamado, nº 48213", "já abri chamado, o número é
  // 48213", "abri chamado, e o id é 51234", "I opened a ticket, the number is 48213", "abrí un ticket, el número es
  // 48213" (round 60: she answers our guidance so, in a new thread; the English and Spanish copulas are links).
  // An underscore, as a file name she types or pastes joins its words ("segue print (print_chamado_45123.png)").
  // An opening quote, bracket or asterisk, the number set off as a phone's chat app bolds it ("chamado *48213*",
  // "chamado \"48213\"", "chamado [48213]"), or pointed at by an arrow ("chamado -> 48213", "chamado ➡️ 48213")
  // (round 62).
  // The number handed over ("já abri chamado, segue o número: 48213"), the day said between ("abri chamado ontem, o
  // número que me deram é 48213").
  // A few words of hers before that comma, or none on a phone ("abri chamado semana passada, o número é 48213",
  // "Ya abrí un ticket ayer, el número es 48213", "ja abri chamado sim o numero e 48213"), only when the marker is
  // then said to be the number (a copula or a colon after it):
  // "o número do pedido é", a phone's parenthesis, an order's, a body's or a buyer's word among them stay unread
  // (round 62).
  // First: the star takes the first alternative that matches, and a bare space would end the words' reading.
  String.raw`^\.?(?:(?:\s+(?!(?:${ID_KEYWORDS}|${OTHER_BODY_WORDS}|${BUYER_WORDS})(?![a-z]))[a-z]+){1,6}\s*,?\s*(?:(?:o|the|its|my|el|mi)\s+)?(?=(?:numero|number)\s*(?:(?:e|eh|is|es|was|foi|era)(?![a-z0-9])|:))|\s+|[:#(|\-–—!?=_${SET_OFF_OPENERS}]|,(?=\s*(?:(?:e|o|segue|seguem)\s+){0,2}(?:#|(?:n|no|nr|nro|num|numero|number|id)(?![a-z])))|,\s*(?:(?:and|y)\s+)?(?:the|its|my|el|mi)(?=\s+(?:#|(?:n|no|nr|nro|num|numero|number|id)(?![a-z])))|` +
    // Round 44: the number handed over as asked ("o número do chamado, conforme solicitado: 48.214",
    // "ID do chamado = 48215"), an answer to our reply asking for it.
    String.raw`,?\s*(?:conforme|como)\s+(?:solicitado|solicitada|pedido|pedida|combinado|informado|requisitado|voces pediram|vcs pediram)(?![a-z0-9])\s*,?|` +
    String.raw`(?:n\.o|n|no|nr|nro|num|numero|number|id)(?![a-z])\.?|(?:anterior|aberto|aberta|original|hashtag|cerquilha|de|do|da|atendimento|ligacao|suporte|soporte|zendesk|chat|email|mail|whatsapp|whats|wpp|zap|zapzap|pelo|pela|via|referencia|ref|e|eh|era|foi|o|sob|seu|meu|me|deram|passaram|informaram|enviaram|mandaram|gerou|gerado|is|was|es|segue|seguem|ontem|hoje)(?![a-z0-9])\.?` +
    // Whose it is, then the verb, a colon or a marker: "o ticket dela é 48215", "o chamado do meu pai é
    // 48215", "protocolo da minha mãe: 48215", "o chamado da minha loja é 48215" (a noun only so
    // followed, so "chamado da loja 48215" stays as it was).
    String.raw`|(?:(?:dela|dele|delas|deles)(?![a-z0-9])|(?:(?:minha|meu|nossa|nosso|sua|seu)\s+)?(?:${TICKET_OWNERS})(?=\s*(?:[:\-–—]|(?:e|eh|foi|era|n|no|nr|numero)(?![a-z0-9]))))` +
    // A comma before a marker: "abri chamado pelo chat, id 51234", "chamado, nº 48213".
    // A short relative clause, then the verb, or a parenthesis or comma before a marker or the number:
    // "o protocolo que me passaram no WhatsApp foi 52311", "o chamado que abri é 48213", "o chamado
    // que abri no chat (id 52310)", on a phone "o chamado q eu abri eh 48213" — never one naming another body ("que
    // o Procon me deu foi …") or her buyer ("o protocolo que o cliente recebeu foi …": his, as the words before a
    // comma read it; rt62b).
    String.raw`|(?:que|q)(?:\s+(?!(?:${OTHER_BODY_WORDS}|${BUYER_WORDS})(?![a-z]))[a-z]+){1,5}?(?:\s+(?:foi|e|eh|era)(?![a-z0-9])|\s*:|\s*[(,](?=\s*(?:#|\d|(?:n|no|nr|nro|num|numero|id)(?![a-z])))))*`,
);
/**
 * Between a bare "ID" and its number: a colon and the verb of "meu ID é 51234" ("id: 51234"). Not '#':
 * "ID #51234" is a '#' number, a claim.
 */
const ID_LINK = /^(?:\s+|:|(?:e|eh|o|foi|era)(?![a-z0-9]))*/;
/**
 * What an "ID" names when one of these leads it on its line: a store's, a user's, an order's, a document's,
 * an app's ("Loja ID: 51234", "Seller ID 51234", "user id 51234", "Pedido 30221 (ID 51234)").
 */
const ID_OWNER_BEFORE = new RegExp(
  `(?:^|[^a-z0-9])(?:${OTHER_ID_KEYWORDS}|loja|store|shop|lojista|seller|vendedor|merchant|usuario|user|cliente|client|customer|account|app|aplicativo|pixel|tag|google|facebook|meta|analytics|api|token|chave|key|device|dispositivo|sessao|session)(?:[^a-z0-9]|$)`,
);
/**
 * A support agent's own ID in a pasted chat log, set off right after the agent's name ("[10:32]
 * Atendente Bruna (ID 55871): Olá!", "Agente Bruna - ID 4421"). Not what the agent tells after a colon
 * ("Atendente Bruna: ID 48213") or in a sentence ("a atendente me passou o ID 48213").
 */
const STAFF_ID_OWNER_BEFORE =
  /(?:^|[^a-z0-9])(?:atendente|agente|operador|operadora|analista|consultor|consultora|agent|operator)(?:\s+[a-z]+){1,2}\s*[(|[\-–—]\s*$/;
/** How far back on its line an "ID"'s owner is read (ID_OWNER_BEFORE). */
const ID_OWNER_REACH = 30;
/** Between a weak keyword and its number: markers only ("nº48213", "N.º48213": the marker may touch the digits). */
const WEAK_LINK = /^(?:\s+|[:#(|\-–—]|(?:n\.o|n|no|nr|nro|num|numero|id)(?![a-z])\.?)*/;
/**
 * A word typed against its number: "CHAMADO48213", "ticket48213", "chamdo51234" — a strong keyword
 * when canonicalWord reads it as one (the typos the keyword-led numbers allow). Letters only, from a
 * word's start, at most as long as a misspelt keyword gets: each try reads a bounded stretch.
 */
const GLUED_WORD = /(?<![a-z0-9])[a-z]{4,16}(?=\d)/g;
/** The year a helpdesk writes after its number, "52310/2026", "52310-2026": no date or phone. */
const YEAR_AFTER = /^[/-](\d{4})(?!\d|[.,/:-]\d)/;
/** Brazil's non-geographic phone prefixes (toll-free 0800, shared-cost 0300/0500, premium 0900), typed alone. */
const SERVICE_PHONE_PREFIX = /^0[3589]00$/;

/** The number after a year, "2026/48213" (no leading zero: "2026-000123" is our protocol, typed bare). */
const NUMBER_AFTER_YEAR = /^[/-]([1-9]\d{2,9})(?!\d|[.,/:-]\d)/;
/**
 * The count a helpdesk or a merchant writes after a reopened ticket's number, "51000-1", "51000-2":
 * one or two digits after a dash, nothing glued after them (a phone's or a document's next group is
 * longer: "4191-2233", "789-09.1").
 */
const REOPEN_SUFFIX = /^-\d{1,2}(?![\d.,/:-]\d|\d)/;
/**
 * Digits grouped by thousands, one number whichever separator groups them: a dot (pt-BR, 48.213) or a
 * comma (as English-language screens write it, 48,213; not an amount with cents, 48,213.50).
 */
const GROUPED = String.raw`\d{1,3}(?:\.\d{3})+(?!\d)|\d{1,3}(?:,\d{3})+(?!\d|[.,]\d)`;
/** The separators GROUPED and NUMBER allow inside a number. */
const GROUP_SEPARATORS = /[., ]/g;
/**
 * A ticket number: 12345, grouped by thousands (GROUPED), or dictated in two groups, 48 213 (five or
 * six digits; no third group, which a phone or a document has).
 */
const NUMBER = new RegExp(`^(${GROUPED}|\\d{2,3} \\d{3}(?!\\d|[ .,/:-]\\d)|\\d+)`);
/** A further number in a list: "chamados 123, 124 e #125". */
const LIST_NEXT = /^\s*(?:,|;|\/|&|\be\b|\bou\b|\be tambem\b)\s*(?:o\s+|#\s*|n[o.]?\s*)?(?=\d)/;

/**
 * Units after a number. Not "tb": chat-speak for "também" ("chamado 51000 tb parado"), terabytes never.
 * Not "dia" before a day or a date (digits, or a date MASKed): when the ticket was opened ("chamado 51000
 * dia 03/11", "dia 3").
 */
const UNIT_AFTER =
  /^\s*(?:un|und|unid|unidades?|itens?|produtos?|pecas?|pedidos?|vendas?|clientes?|acessos?|visitas?|visitantes?|seguidores?|reais|real|dolares?|mb|gb|kb|kg|g|gramas?|km|m|cm|mm|ml|l|litros?|dias|dia(?!\s+[\d\u00a4])|mes|meses|anos?|horas?|hrs?|minutos?|min|segundos?|seg|vezes|x|pontos|caracteres|linhas|paginas|fotos|imagens|skus?|variac(?:ao|oes)|cadastros?|pessoas|usuarios|lojas|mensagens|e-?mails|emails|cliques|views|pixels|px)(?![a-z0-9])/;

/**
 * A bare number: 5 to 8 digits, no leading zero, standing alone — or right after a "nº" that touches
 * it ("Nº48213", "N°48213", "nr.48213": folded "no48213"), read as "nº 48213" with its space is.
 */
const BARE_NUMBER = /(?:(?<![\w.,/#@$:\u00a4+-])|(?<=(?<![a-z0-9])(?:n\.?o|nr|nro)\.?))[1-9]\d{4,7}(?![\w\u00a4])/g;
/**
 * Round 42: a number grouped by thousands after a "nº" ("Sobre o nº 48.214: o analista não retornou"),
 * five to nine digits: the sign names it as a number, where "48.214" alone is a quantity or an amount.
 * Read as a bare number is: a guess, behind the same context, street and follower checks.
 */
const MARKED_GROUPED_NUMBER =
  /(?<=(?<![a-z0-9])(?:n\.?o|nr|nro)\.?\s?)[1-9]\d{1,2}(?:\.\d{3}){1,2}(?![\w\u00a4]|[.,]\d)/g;

/** Within this many characters before a bare or '#' number, these words make it something else. */
const BARE_CONTEXT_BEFORE = new RegExp(
  `(?:^|[^a-z0-9])(?:${OTHER_ID_KEYWORDS}|contato|procon|banco|transportadora|correios|matricula|senha|token|pin|cvv|serie|modelo|versao|ref|referencia|item|estoque|quantidade|qtd|qtde|valor|preco|total|saldo|limite|faturamento|visitas|acessos|seguidores|loja|id|cupom|numero de serie|chave)(?:[^a-z0-9]|$)`,
);
/**
 * A street (or road) named before a bare number on its line, no sentence end between: the number is the
 * building's ("Rua das Flores, 51000", "Av. Brasil, nº 51000 - sala 3", "Calle Corrientes 48500", "Rodovia
 * BR-116, km 48213"). "R." and "Av." are read with their dot; the name may hold digits ("Rua 25 de Março, 1200").
 */
const STREET_BEFORE =
  /(?:^|[^a-z0-9])(?:rua|r\.|av\.?|avda\.?|avenida|alameda|al\.|travessa|trav\.?|tv\.|rodovia|rod\.|estrada|praca|largo|calle|carrera|avenue|street|road)\s+[^\n.!?;]{0,40}$/;
/** How far back on its line a street is read before a bare number (STREET_BEFORE). */
const STREET_REACH = 50;
const HASH_CONTEXT_BEFORE = new RegExp(`(?:^|[^a-z0-9])(?:${OTHER_ID_KEYWORDS})(?:[^a-z0-9]|$)`);
/** An order word right before a "[#n]" tag ("Novo pedido [#30211]", "Pedido nº [#30211]"). */
const ORDER_TAG_BEFORE = new RegExp(
  `(?:^|[^a-z0-9])(?:${OTHER_ID_KEYWORDS})(?:\\s*(?:n[o.]?|nr\\.?|numero|:|-))*\\s*\\[$`,
);

/** "#48213" with no keyword, grouped by thousands or not (GROUPED). */
const HASH_NUMBER = new RegExp(`(?<![a-z0-9&#])#\\s?(${GROUPED}|\\d+)`, 'g');

/** A possessive right before a keyword: "meu chamado", "sua solicitação", "your ticket", "su ticket". */
const POSSESSIVE_BEFORE = /(?:^|[^a-z])(?:meu|minha|seu|sua|my|your|mi|su)\s+$/;

/** How far after a keyword (or a listed number) the next number may start. */
const KEYWORD_REACH = 60;

interface Found {
  number: string;
  source: TicketSource;
  score: number;
  evidence: string;
  order: number;
}

function stripLeadingZeros(digits: string): string {
  const stripped = digits.replace(/^0+/, '');
  return stripped === '' ? (digits === '' ? '' : '0') : stripped;
}

function evidenceAround(original: string, start: number, end: number): string {
  const from = Math.max(0, start - EVIDENCE_RADIUS);
  const to = Math.min(original.length, end + EVIDENCE_RADIUS);
  const slice = original.slice(from, to).replace(/\s+/g, ' ').trim();
  return `${from > 0 ? '…' : ''}${slice}${to < original.length ? '…' : ''}`;
}

/**
 * The folded text with every MASKS match replaced by MASK characters (same length). A mask that
 * cannot match is not run: MASKS[2] onwards need a digit.
 */
export function maskSpans(folded: string): string {
  const hasDigit = /\d/.test(folded);
  const spans: [number, number][] = [];
  MASKS.forEach((re, i) => {
    if (re === EMAIL_ADDRESS) {
      pushAddressSpans(folded, spans);
      return;
    }
    if (i >= 2 && !hasDigit) return;
    // exec on the mask itself: matchAll would copy each of them for every text (issue 16).
    re.lastIndex = 0;
    for (let m = re.exec(folded); m !== null; m = re.exec(folded)) {
      if (m[0].length > 0) spans.push([m.index, m.index + m[0].length]);
      else re.lastIndex++;
    }
  });
  if (spans.length === 0) return folded;
  spans.sort((a, b) => a[0] - b[0]);
  let out = '';
  let done = 0;
  for (const [start, end] of spans) {
    if (end <= done) continue;
    const from = Math.max(start, done);
    out += folded.slice(done, from) + MASK.repeat(end - from);
    done = end;
  }
  return out + folded.slice(done);
}

/**
 * The matches of EMAIL_ADDRESS, each search started at most EMAIL_LOCAL_MAX characters before the
 * next '@' (issue 16): no match starts farther from one, and tried at every character of a text
 * whose '@' is in a signature, the pattern reads up to EMAIL_LOCAL_MAX characters at each.
 */
function pushAddressSpans(folded: string, spans: [number, number][]): void {
  EMAIL_ADDRESS.lastIndex = 0;
  for (;;) {
    const at = folded.indexOf('@', EMAIL_ADDRESS.lastIndex);
    if (at === -1) return;
    EMAIL_ADDRESS.lastIndex = Math.max(EMAIL_ADDRESS.lastIndex, at - EMAIL_LOCAL_MAX);
    const m = EMAIL_ADDRESS.exec(folded);
    if (m === null) return;
    spans.push([m.index, m.index + m[0].length]);
  }
}

/**
 * Digits as voice-to-text writes them, one by one: in words ("chamado quatro oito dois um três",
 * "meia" for six) or as spaced numerals ("protocolo 5 1 0 0 0"). Folded, accent-free.
 */
const SPOKEN_DIGITS: Readonly<Record<string, string>> = {
  zero: '0',
  um: '1',
  dois: '2',
  tres: '3',
  quatro: '4',
  cinco: '5',
  seis: '6',
  meia: '6',
  sete: '7',
  oito: '8',
  nove: '9',
};
/** A dictated number has at least this many digits (a ticket has 3 to 10; "um dois" is prose). */
const SPOKEN_MIN_DIGITS = 4;
/** Between two dictated digits: a space, a comma the transcriber put in, or a hyphen ("quatro-oito", "4-8"). */
const SPOKEN_GAP = /^(?:,? |-)$/;
/** One dictated digit as a whole word: a SPOKEN_DIGITS word or a single numeral. */
const SPOKEN_DIGIT_WORD = `(?:${Object.keys(SPOKEN_DIGITS).join('|')}|\\d)`;
/**
 * Two dictated digits in a row, SPOKEN_GAP between them: every dictated number has such a pair,
 * and most texts have none, so one scan spares them the word-by-word pass.
 */
const SPOKEN_PAIR = new RegExp(`(?<![a-z0-9])${SPOKEN_DIGIT_WORD}(?:,? |-)${SPOKEN_DIGIT_WORD}(?![a-z0-9])`);
/**
 * "e" and a last dictated digit ending the phrase ("quatro oito dois um e três."): part of the
 * number. Followed by another word it is prose ("… um e um problema novo"): the run ends before it.
 */
const SPOKEN_LAST_AFTER_E = new RegExp(`,? e (${SPOKEN_DIGIT_WORD})(?=[.,;:!?)]|[ \\t\\r]*(?:\\n|$))`, 'y');

/** The digit a dictated word stands for (a SPOKEN_DIGITS word or a single numeral). */
function spokenDigit(word: string): string | undefined {
  // Own keys only: "constructor" is a word people write, and an Object.prototype member.
  return /^\d$/.test(word) ? word : Object.hasOwn(SPOKEN_DIGITS, word) ? SPOKEN_DIGITS[word] : undefined;
}

/**
 * The folded text with every dictated number (SPOKEN_DIGITS words or single numerals, at least
 * SPOKEN_MIN_DIGITS in a row) written as its digits, padded with spaces to the same length, so
 * that the readers below see "chamado 48213" and the evidence still quotes what was written.
 * One pass over the words: linear.
 */
function spokenNumerals(folded: string): string {
  if (!SPOKEN_PAIR.test(folded)) return folded;
  const words = /[a-z0-9]+/g;
  let out = '';
  let done = 0;
  let runStart = -1;
  let runEnd = -1;
  let runDigits = '';
  const flush = (): void => {
    if (runDigits.length >= SPOKEN_MIN_DIGITS) {
      out += folded.slice(done, runStart) + runDigits.padEnd(runEnd - runStart, ' ');
      done = runEnd;
    }
    runStart = -1;
    runDigits = '';
  };
  for (let m = words.exec(folded); m !== null; m = words.exec(folded)) {
    const word = m[0];
    const digit = spokenDigit(word);
    if (digit === undefined) {
      if (word === 'e' && runStart >= 0) {
        SPOKEN_LAST_AFTER_E.lastIndex = runEnd;
        const last = SPOKEN_LAST_AFTER_E.exec(folded);
        if (last && runDigits.length + 1 >= SPOKEN_MIN_DIGITS) {
          runDigits += spokenDigit(last[1] ?? '') ?? '';
          runEnd = SPOKEN_LAST_AFTER_E.lastIndex;
          words.lastIndex = runEnd;
        }
      }
      flush();
      continue;
    }
    if (runStart >= 0 && !SPOKEN_GAP.test(folded.slice(runEnd, m.index))) flush();
    if (runStart < 0) runStart = m.index;
    runDigits += digit;
    runEnd = m.index + word.length;
  }
  flush();
  return done === 0 ? folded : out + folded.slice(done);
}

/**
 * Letters typed (or read by OCR) for digits: O for 0, I or l for 1, Z for 2, S for 5 (folded, lower-case).
 * One, between digits, in a word of ticket length that is otherwise digits ("482I4", "48Z13").
 */
const LOOK_ALIKE_DIGITS: Readonly<Record<string, string>> = { o: '0', i: '1', l: '1', z: '2', s: '5' };
const LOOK_ALIKE_NUMBER = /(?<![a-z0-9])\d+[oilz]\d+(?![a-z0-9])/g;
/**
 * In a mail, also S for 5, and the letter at the number's end ("meu ticket é 4821S", "chamado 5231O"):
 * nobody can ask her to retype it there, as the webform's field does ("5231O" is refused there), and
 * the reading stays a guess, which counts only when the directory says the ticket is hers.
 */
const LOOK_ALIKE_NUMBER_IN_MAIL = /(?<![a-z0-9])\d+[oilzs]\d*(?![a-z0-9])/g;

/**
 * The folded text with each look-alike letter inside a number (`pattern`, 5 to 10 characters) written
 * as its digit, same length; the start of each such number goes in `guessed` (its reading is a guess,
 * not the merchant's claim). One regex pass: linear.
 */
function lookAlikeDigits(folded: string, guessed: Set<number>, pattern: RegExp = LOOK_ALIKE_NUMBER): string {
  if (!/\d[oilzs]/.test(folded)) return folded;
  return folded.replace(pattern, (word: string, at: number) => {
    if (word.length < 5 || word.length > 10) return word;
    guessed.add(at);
    return word.replace(/[oilzs]/, (letter) => LOOK_ALIKE_DIGITS[letter] ?? letter);
  });
}

/** A slash (or a comma), then a number of ticket length standing alone: "48213/48214", "48213,48214". */
const SLASH_PAIR = /^([/,])\d{5,10}(?:\1\d{5,10})*(?![\d/]|[.,:-]\d)/;

/** True when what follows a number shows it is part of something else (date, amount, unit). */
function badFollower(masked: string, end: number): boolean {
  const after = masked.slice(end, end + 40);
  // "48213/48214": a second ticket after a slash, read as the next of a list (a date or a
  // fraction has no five-digit number after its slash).
  if (SLASH_PAIR.test(after)) return false;
  if (/^[.,/:-]\d/.test(after)) return true;
  if (/^[a-z_]/.test(after)) return true;
  if (/^\s*%/.test(after)) return true;
  // "12345 678": digit groups run on (a phone or a document typed with spaces) — not a count of
  // days or times after it, as chat writes with no comma ("chamado 52310 15 dias parado", "2x").
  if (/^[ \t]+\d/.test(after)) return !COUNT_AFTER.test(after);
  return UNIT_AFTER.test(after);
}

/** A count of time or times after a number, no comma between ("48213 15 dias", "#51000 3 semanas", "48213 2x"). */
const COUNT_AFTER =
  /^[ \t]+\d{1,3}[ \t]*(?:x|vezes|dias?(?: uteis)?|du|semanas?|mes|meses|horas?|hrs?|anos?)(?![a-z0-9])/;

/** The text of the current line before `start`, at most `max` characters. */
function lineBefore(masked: string, start: number, max: number): string {
  const from = Math.max(0, start - max);
  const slice = masked.slice(from, start);
  const nl = slice.lastIndexOf('\n');
  return nl === -1 ? slice : slice.slice(nl + 1);
}

/**
 * A sentence end: "!" or "?", or a full stop after a word of four letters or more, then a space. Not the
 * dot of an abbreviation ("Tel. 48215", "Ref. 48215", "Cod. 48215", "N. 48215").
 */
const SENTENCE_END = /(?:[!?]|(?<=[a-z]{4})\.)\s/g;

/**
 * The text after the last sentence end (SENTENCE_END): a word that names another number in an earlier
 * sentence does not name a bare one ("Atendimento nota zero. 48215 é o número": the grade, not an invoice).
 */
function sinceSentenceEnd(before: string): string {
  let from = 0;
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(before); m !== null; m = SENTENCE_END.exec(before)) from = m.index + m[0].length;
  return before.slice(from);
}

function isYear(digits: string): boolean {
  if (digits.length !== 4) return false;
  const y = Number(digits);
  return y >= 2019 && y <= 2035;
}

class Collector {
  /**
   * Each number's best reading so far: the first of its highest score (a later one only if higher). Kept
   * as they come, not all of them: a text naming one number a hundred thousand times ("nº 48.214 nº
   * 48.214 …") keeps one entry.
   */
  private readonly best = new Map<string, Found>();
  private order = 0;

  add(number: string, source: TicketSource, score: number, evidence: string): void {
    const order = this.order++;
    const prev = this.best.get(number);
    if (!prev || score > prev.score) this.best.set(number, { number, source, score, evidence, order });
  }

  /** Whether adding the number at this score would change nothing (it has as good a reading already). */
  holds(number: string, score: number): boolean {
    const prev = this.best.get(number);
    return prev !== undefined && prev.score >= score;
  }

  result(): TicketCandidate[] {
    const best = this.best;
    return [...best.values()]
      .sort((a, b) => b.score - a.score || a.order - b.order)
      .slice(0, MAX_CANDIDATES)
      .map(({ number, source, score, evidence }) => ({ number, source, score, evidence }));
  }
}

/** A number in the form field: grouped by thousands (GROUPED), or digits with dots, spaces or dashes inside. */
const FORM_GROUP = new RegExp(`${GROUPED}|\\d(?:[\\d.\\s-]*\\d)?`, 'g');

/**
 * The text (folded: lower-case, no accents, same length) with each look-alike letter inside a number
 * written as its digit ("482I4" → "48214"), as the extractor reads it: the webform checks its ticket
 * field on this reading.
 */
export function withLookAlikeDigits(text: string): string {
  return lookAlikeDigits(foldKeepingLength(text), new Set());
}

function extractFromForm(formTicket: string, out: Collector): void {
  const raw = formTicket.normalize('NFC').trim();
  if (raw === '') return;
  const guessed = new Set<number>();
  const masked = lookAlikeDigits(
    foldKeepingLength(raw).replace(OWN_PROTOCOL, (m) => MASK.repeat(m.length)),
    guessed,
  );
  // "48.213", "48 213", "#48213", "chamado 48213", "48213 e 48214": digit groups, separators inside.
  // A look-alike letter read as its digit ("482I4") is a guess, as in the text: it counts when it verifies.
  let rank = 0;
  for (const group of masked.matchAll(FORM_GROUP)) {
    const number = stripLeadingZeros(group[0].replace(/\D/g, ''));
    const score = guessed.has(group.index) ? TICKET_SCORES.lookAlike : TICKET_SCORES.form - rank;
    out.add(number, 'form', score, raw.length > 40 ? `${raw.slice(0, 40)}…` : raw);
    rank++;
  }
}

function extractFromText(
  original: string,
  source: TicketSource,
  allowBare: boolean,
  out: Collector,
  bareScore: number = TICKET_SCORES.bare,
): void {
  if (original.trim() === '') return;
  // Dictated numbers read as typed ones ("chamado quatro oito dois um três"), and a look-alike
  // letter inside a number as its digit ("482I4"), remembered as a guess.
  const guessed = new Set<number>();
  const folded = lookAlikeDigits(spokenNumerals(foldKeepingLength(original)), guessed, LOOK_ALIKE_NUMBER_IN_MAIL);
  // Every candidate is read from digits: a text without any has none.
  if (!/\d/.test(folded)) return;
  const bonus = SOURCE_BONUS[source];
  const claimed = new Set<number>();

  for (const m of folded.matchAll(TICKET_LINK)) {
    const digits = m[1] ?? '';
    const start = (m.index ?? 0) + m[0].length - digits.length;
    const number = stripLeadingZeros(digits);
    if (isValidTicketFormat(number)) {
      const read = guessed.has(start) ? TICKET_SCORES.lookAlike : TICKET_SCORES.link;
      out.add(number, source, read + bonus, evidenceAround(original, start, start + digits.length));
    }
  }

  const masked = maskSpans(folded);

  const readNumbersAfter = (keywordEnd: number, link: RegExp, strong: boolean, score: number): void => {
    let pos = keywordEnd;
    let first = true;
    for (;;) {
      // The links read only this much: STRONG_LINK's nested runs stay cheap (the regex guard's ALLOWED).
      const rest = masked.slice(pos, pos + KEYWORD_REACH);
      const linkText = first ? (link.exec(rest)?.[0] ?? '') : (LIST_NEXT.exec(rest)?.[0] ?? null);
      if (linkText === null) return;
      const skip = linkText.length;
      const num = NUMBER.exec(masked.slice(pos + skip, pos + skip + 20));
      if (!num) return;
      let raw = num[1] ?? '';
      let numStart = pos + skip;
      let numEnd = numStart + raw.length;
      const afterYear = isYear(raw) ? NUMBER_AFTER_YEAR.exec(masked.slice(numEnd, numEnd + 12)) : null;
      if (afterYear) {
        raw = afterYear[1] ?? '';
        numStart = numEnd + 1;
        numEnd = numStart + raw.length;
      }
      const year = YEAR_AFTER.exec(masked.slice(numEnd, numEnd + 6));
      const yearSuffixed = year !== null && isYear(year[1] ?? '');
      // "Protocolo 51000-1 (reaberto)": a reopened ticket's count after a full-length number.
      const reopened =
        !yearSuffixed && /^\d{5,}$/.test(raw) ? REOPEN_SUFFIX.exec(masked.slice(numEnd, numEnd + 4)) : null;
      const suffixLength = yearSuffixed ? (year?.[0].length ?? 0) : (reopened?.[0].length ?? 0);
      if (badFollower(masked, numEnd + suffixLength)) return;
      const digits = raw.replace(GROUP_SEPARATORS, '');
      const leadingZero = digits.startsWith('0');
      // "chamado 2024" is more likely a year than ticket 2024, unless marked: "chamado nº 2024".
      const marked = /#|(?<![a-z])(?:n[o.]?|nr|nro|num|numero|number|id)(?![a-z])|:/.test(linkText);
      // After "!" or "?" only a plain number is hers: not "0800", "50.000" or a year ("chamado? 0800 ninguém atende").
      const emphatic = /[!?]/.test(linkText);
      const acceptable = emphatic
        ? afterYear === null && raw === digits && !leadingZero && !isYear(digits)
        : afterYear !== null || (strong ? !isYear(digits) || marked : !leadingZero && !isYear(digits));
      const number = stripLeadingZeros(digits);
      // A bare 0800/0300/0500/0900 starts a service phone, never a ticket: "abri um chamado, no 0800 ninguém atende".
      if (acceptable && !SERVICE_PHONE_PREFIX.test(digits) && isValidTicketFormat(number)) {
        claimed.add(numStart);
        const read = guessed.has(numStart) ? TICKET_SCORES.lookAlike : score;
        if (!out.holds(number, read + bonus))
          out.add(number, source, read + bonus, evidenceAround(original, numStart, numEnd));
      } else if (
        strong &&
        acceptable &&
        raw === digits &&
        !guessed.has(numStart) &&
        isSupportProtocolFormat(digits) &&
        // The number was read from a 20-character window: a longer run is not this one.
        !/\d/.test(masked[numEnd] ?? '')
      ) {
        claimed.add(numStart);
        out.add(digits, source, score + bonus, evidenceAround(original, numStart, numEnd));
      }
      pos = numEnd;
      first = false;
    }
  };

  // A keyword's number starts within KEYWORD_REACH characters of it: words farther from any digit
  // are not read (nor cut out of the text and canonicalised).
  forEachWordBeforeDigit(masked, KEYWORD_REACH, (start, end) => {
    const word = canonicalWord(masked.slice(start, end));
    const supportRequest =
      SUPPORT_REQUEST_WORDS.has(word) && SUPPORT_REQUEST_BEFORE.test(masked.slice(Math.max(0, start - 12), start));
    const owned = POSSESSIVE_BEFORE.test(masked.slice(Math.max(0, start - 8), start)) ? TICKET_SCORES.possessive : 0;
    if (STRONG_KEYWORDS.has(word) || supportRequest)
      readNumbersAfter(end, STRONG_LINK, true, TICKET_SCORES.keyword + owned);
    else if (WEAK_KEYWORDS.has(word)) readNumbersAfter(end, WEAK_LINK, false, TICKET_SCORES.weakKeyword);
    // "ID 51234" in her own words, no store, user, order or document naming it on its line as written
    // (the masks hide "CNPJ 12.345.678/0001-90", "Pedido 30221"): a guess (TICKET_SCORES.idGuess), her
    // answer when she answers our request for the number.
    else if (allowBare && word === 'id') {
      const before = lineBefore(folded, start, ID_OWNER_REACH);
      if (!ID_OWNER_BEFORE.test(before) && !STAFF_ID_OWNER_BEFORE.test(before))
        readNumbersAfter(end, ID_LINK, false, Math.max(TICKET_SCORES.idGuess, bareScore));
    }
  });
  GLUED_WORD.lastIndex = 0;
  for (let m = GLUED_WORD.exec(masked); m !== null; m = GLUED_WORD.exec(masked)) {
    if (STRONG_KEYWORDS.has(canonicalWord(m[0])))
      readNumbersAfter(m.index + m[0].length, STRONG_LINK, true, TICKET_SCORES.keyword);
  }

  // "#48213" with no keyword: a ticket unless an order/invoice word leads it. A helpdesk's subject
  // tag "[#48213]" is a ticket whatever the subject says before it ("Pedido de ajuda com frete
  // [#48213]"): the bracket, not an order word, leads it.
  for (const m of masked.matchAll(HASH_NUMBER)) {
    const raw = m[1] ?? '';
    const numStart = (m.index ?? 0) + m[0].length - raw.length;
    if (claimed.has(numStart)) continue;
    const numEnd = numStart + raw.length;
    // …unless an order word leads the bracket itself ("Novo pedido [#30211]").
    const tag =
      masked[(m.index ?? 0) - 1] === '[' &&
      masked[numEnd] === ']' &&
      !ORDER_TAG_BEFORE.test(lineBefore(masked, m.index ?? 0, 40));
    if (badFollower(masked, numEnd)) continue;
    if (!tag && HASH_CONTEXT_BEFORE.test(lineBefore(masked, m.index ?? 0, 30))) continue;
    const number = stripLeadingZeros(raw.replace(GROUP_SEPARATORS, ''));
    if (!isValidTicketFormat(number)) continue;
    claimed.add(numStart);
    const read = guessed.has(numStart) ? TICKET_SCORES.lookAlike : TICKET_SCORES.hash;
    out.add(number, source, read + bonus, evidenceAround(original, numStart, numEnd));
  }

  if (!allowBare) return;
  // Bare numbers: 5 to 8 digits standing alone, no leading zero, nothing around that makes them
  // something else. Low score: a guess the verifier may confirm.
  for (const pattern of [BARE_NUMBER, MARKED_GROUPED_NUMBER]) {
    for (const m of masked.matchAll(pattern)) {
      const start = m.index ?? 0;
      if (claimed.has(start)) continue;
      // A look-alike reading stays a guess even where a bare number is her answer (answersTicketRequest).
      const end = start + m[0].length;
      // Her ticket named after it ("48213 é o número do meu chamado"): a claim, as a weak keyword's number.
      const namedAs = TICKET_NAMED_AFTER.exec(masked.slice(end, end + TICKET_NAMED_AFTER_REACH))?.[1];
      const named =
        namedAs !== undefined &&
        !(PROTOCOL_WORD.test(namedAs) && OTHER_BODY_BEFORE.test(lineBefore(masked, start, OTHER_BODY_BEFORE_REACH)));
      const read = guessed.has(start)
        ? Math.min(bareScore, TICKET_SCORES.lookAlike)
        : named
          ? Math.max(bareScore, TICKET_SCORES.weakKeyword)
          : bareScore;
      const number = m[0].replace(GROUP_SEPARATORS, '');
      // Read already as well: reading it again would change nothing (Collector.add).
      if (out.holds(number, read + bonus)) continue;
      if (badFollower(masked, end)) continue;
      if (BARE_CONTEXT_BEFORE.test(sinceSentenceEnd(lineBefore(masked, start, 35)))) continue;
      if (STREET_BEFORE.test(lineBefore(masked, start, STREET_REACH))) continue;
      out.add(number, source, read + bonus, evidenceAround(original, start, end));
    }
  }
}

/**
 * Ranked, de-duplicated prior-ticket candidates from the form field, the subject, the fresh
 * body and the quoted history, best first (score, then first appearance). Every candidate not
 * from the form passes isValidTicketFormat, or isSupportProtocolFormat after a strong keyword; form
 * candidates are returned as typed (digits only) so that a malformed number can be reported as such.
 */
export function extractTicketCandidates(input: TicketExtractionInput): TicketCandidate[] {
  const out = new Collector();
  if (input.formTicket) extractFromForm(input.formTicket, out);
  // The fancy-text generators' "𝐂𝐡𝐚𝐦𝐚𝐝𝐨 𝟒𝟖𝟐𝟏𝟑" is two UTF-16 units a character, which the one-unit
  // fold (foldKeepingLength) cannot map: read as plain letters and digits first.
  extractFromText(withPlainAlphanumerics(capText(input.subject).normalize('NFC')), 'subject', true, out);
  // The same cap as the rule engine (MAX_TEXT_CHARS): one bound for all text work.
  const { fresh, quoted } = splitQuoted(withPlainAlphanumerics(capText(input.text).normalize('NFC')));
  // Her answer to our request for the number: a number alone is the number asked for.
  extractFromText(
    fresh,
    'body',
    true,
    out,
    input.answersTicketRequest ? TICKET_SCORES.weakKeyword : TICKET_SCORES.bare,
  );
  // Quoted history is full of other people's numbers: keyword-led ones only.
  extractFromText(quoted, 'quoted', false, out);
  for (const name of (input.attachmentNames ?? []).slice(0, MAX_ATTACHMENT_NAMES)) {
    extractFromText(wordsOfFileName(name), 'attachment', false, out);
  }
  const linked = input.linkedCase;
  if (linked && isValidTicketFormat(linked.ticket)) {
    out.add(linked.ticket, 'linked-case', TICKET_SCORES.keyword, `caso anterior ${linked.protocol}`);
  }
  return out.result();
}

/** "Chamado_48213-print.png" → "Chamado 48213 print": the name's words, without its extension. */
function wordsOfFileName(name: string): string {
  return name
    .slice(0, MAX_ATTACHMENT_NAME_CHARS)
    .normalize('NFC')
    .replace(/\.[a-z0-9]{1,5}$/i, '')
    .replace(/[_.\-+]+/g, ' ');
}
