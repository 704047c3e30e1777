/**
 * The ombudsman webform: field list, limits, the zod schema with pt-BR messages per field, and
 * the body parser for JSON and application/x-www-form-urlencoded posts (API Gateway HTTP API
 * payload v2 may hand the body over base64-encoded). No AWS imports, no I/O.
 */
import { withoutAccents } from '../domain/accents';
import * as z from 'zod/mini';
import { MAX_ADDRESS_CHARS, MAX_LOCAL_PART_CHARS, withAsciiDomain } from '../domain/mailbox';
import { once } from '../domain/memo';
import { findProtocols } from '../domain/protocol';
import { DEFAULT_MAX_LOOKUPS } from '../domain/ticket-verification';
import {
  canonicalWord,
  hasLoneSurrogate,
  normalize,
  normalizeLine,
  normalizeMultiline,
  withoutInvisible,
} from '../domain/text';
import { isChannelWord, isOtherNumberWord, ticketOfLink, withLookAlikeDigits } from '../domain/tickets';

/** Topics of the select, in display order. The value is stable (stored), the label is pt-BR. */
export const TOPICS = [
  { value: 'atendimento', label: 'Atendimento do suporte' },
  { value: 'cobranca', label: 'Cobrança/faturas' },
  { value: 'acesso', label: 'Acesso ao painel' },
  { value: 'funcionalidade', label: 'Funcionalidades/integrações' },
  { value: 'comercial', label: 'Condições comerciais' },
  { value: 'outro', label: 'Outro assunto' },
] as const;

export type TopicValue = (typeof TOPICS)[number]['value'];

const TOPIC_VALUES = TOPICS.map((t) => t.value) as [TopicValue, ...TopicValue[]];

export function topicLabel(value: string): string {
  return TOPICS.find((t) => t.value === value)?.label ?? value;
}

/** Every limit of the form, in one place (the page's maxlength attributes use them too). */
export const FORM_LIMITS = {
  /**
   * Decoded body bytes. A 5000-character description of accented pt-BR text is ~10 KB of UTF-8
   * and up to ~30 KB once percent-encoded by a browser, so 64 KiB leaves room for every field
   * at its maximum while refusing anything that is clearly not a form post.
   */
  maxBodyBytes: 64 * 1024,
  nome: 120,
  email: MAX_ADDRESS_CHARS,
  loja: 200,
  /** The ticket and the words it comes with, as people type them: "Protocolo de atendimento nº 51234 (chat)". */
  chamado: 60,
  /** Tickets the field takes, in her order ("51234 e 51240"): as many as the ticket check looks up. */
  chamadoNumbers: DEFAULT_MAX_LOOKUPS,
  /** The ticket field's input: room for the support link a merchant pastes instead of the number. */
  chamadoLink: 300,
  descricaoMin: 20,
  /**
   * With a file attached the file is the account ("Ver anexo.", "Segue em anexo" over a print or a
   * letter): a description of any length but empty, as a mail whose text only points to its attachment.
   */
  descricaoWithFilesMin: 1,
  descricaoMax: 5000,
} as const;

/** Name of the honeypot field: hidden from people, filled by naive bots. */
export const HONEYPOT_FIELD = 'website';

/** The fields a person fills in, in page order. Ids in the page equal these names. */
export const FIELD_NAMES = [
  'nome',
  'email',
  'loja',
  'chamado',
  'assunto',
  'descricao',
  'naoCliente',
  'consentimento',
] as const;

export type FieldName = (typeof FIELD_NAMES)[number];

export type FieldErrors = Partial<Record<FieldName, string>>;
/** What the person typed, as strings, to fill the form again after an error. */
export type FormValues = Partial<Record<FieldName, string>>;

export const MESSAGES = {
  nome: {
    required: 'Informe seu nome.',
    tooLong: `O nome deve ter no máximo ${FORM_LIMITS.nome} caracteres.`,
  },
  email: {
    required: 'Informe seu e-mail.',
    invalid: 'Informe um e-mail válido, por exemplo: nome@sualoja.com.br.',
    tooLong: `O e-mail deve ter no máximo ${FORM_LIMITS.email} caracteres.`,
  },
  loja: { tooLong: `O nome ou endereço da loja deve ter no máximo ${FORM_LIMITS.loja} caracteres.` },
  chamado: {
    invalid: `Informe o número do chamado anterior, por exemplo: 48213, #48.213 ou chamado 48213 (se tiver mais de um, até ${FORM_LIMITS.chamadoNumbers}, separados por vírgula).`,
    tooLong: `O número do chamado deve ter no máximo ${FORM_LIMITS.chamado} caracteres.`,
    /** The office's own case protocol typed where the support ticket goes. */
    ownProtocol:
      'Este é o protocolo de um caso da Ouvidoria, não um chamado do suporte. Informe aqui o número do chamado aberto na Central de Atendimento; para falar do caso, responda ao e-mail que recebeu com esse protocolo.',
  },
  assunto: { required: 'Escolha o assunto.', invalid: 'Escolha um dos assuntos da lista.' },
  descricao: {
    required: 'Descreva a sua solicitação.',
    tooShort: `A descrição deve ter pelo menos ${FORM_LIMITS.descricaoMin} caracteres. Conte com detalhes o que aconteceu ou anexe o relato (prints, documentos).`,
    tooLong: `A descrição deve ter no máximo ${FORM_LIMITS.descricaoMax} caracteres.`,
  },
  naoCliente: { invalid: 'Valor inválido para “Ainda não sou cliente”.' },
  consentimento: {
    required:
      'Para enviar, é preciso concordar com o tratamento dos seus dados pessoais para o atendimento da Ouvidoria.',
  },
  wrongType: 'Valor inválido: envie um texto.',
} as const;

/** Request-level problems (not tied to one field). */
export const REQUEST_MESSAGES = {
  tooLarge: 'A mensagem enviada é grande demais. Reduza a descrição e tente novamente.',
  unsupportedType:
    'Formato não suportado. Envie o formulário como application/x-www-form-urlencoded ou application/json.',
  malformedJson: 'Não foi possível ler os dados enviados: o JSON está malformado.',
  notAnObject: 'Não foi possível ler os dados enviados: envie um objeto JSON com os campos do formulário.',
  badEncoding: 'Não foi possível ler os dados enviados: a codificação do texto é inválida (use UTF-8).',
} as const;

const isMissing = (input: unknown) => input === undefined || input === null || input === '';

/**
 * Characters a reader sees, counted as a person counts them: without invisible characters
 * (withoutInvisible) and controls, a run of spaces as one, an emoji as one. Length minimums count
 * these, so 25 zero-width characters or Hangul fillers are not a 25-character description.
 */
export function visibleLength(value: string): number {
  let count = 0;
  for (const _ of withoutInvisible(value)
    .replace(/\p{Cc}/gu, '')
    .replace(/\s+/g, ' ')
    .trim())
    count++;
  return count;
}

/** Strings are normalised; JSON numbers are accepted where a person could type digits. */
function lineInput(allowNumber: boolean) {
  return (value: unknown) => {
    if (typeof value === 'string') return normalizeLine(value);
    if (allowNumber && typeof value === 'number' && Number.isFinite(value)) return String(value);
    return value;
  };
}

const optionalLine = (value: unknown) => {
  const v = lineInput(true)(value);
  return isMissing(v) ? undefined : v;
};

/**
 * What people type in the optional ticket field when they have no number ("não tenho", "não lembro o
 * número", "esqueci", "perdi o número", "nenhum chamado", "I don't have one", "-", "?"): no ticket,
 * as an empty field is, never "type one number" (they have none to type). The class: a text
 * without a digit that is only punctuation or has a word of absence, negation or forgetting (pt-BR,
 * es, en; accents and case optional), in one clause or more ("não tenho, foi pelo chat", "não sei o
 * número, abri pelo chat"). A digit ("nao 48213") still asks for the number; so do words alone
 * ("abc", "chamado").
 */
const NO_TICKET_WORDS: ReadonlySet<string> = new Set([
  'nao',
  'nenhum',
  'nenhuma',
  'nada',
  'sem',
  'nunca',
  'esqueci',
  'perdi',
  'desconheco',
  'n',
  'na',
  'nd',
  'x',
  'no',
  'none',
  'dont',
  'ninguno',
  'ninguna',
  'sin',
]);

function isNoTicketAnswer(typed: string): boolean {
  // Any script's digits (fullwidth "４８２１３" too) are a number typed, not an absence: normalize drops them.
  if (/\p{Nd}/u.test(typed)) return false;
  const words = normalize(typed.replace(/['’]/g, '')).match(/[a-z]+/g) ?? [];
  return words.length === 0 || words.some((word) => NO_TICKET_WORDS.has(word));
}

/** The ticket field as typed: a no-ticket answer is no ticket; a pasted support link is its ticket number. */
const optionalTicket = (value: unknown) => {
  const v = optionalLine(value);
  if (typeof v !== 'string' || v.length > FORM_LIMITS.chamadoLink) return v;
  const linked = ticketOfLink(v);
  if (linked !== null) return linked;
  // A sentence saying there is none is no ticket at any length the field takes ("foi pelo WhatsApp, não tem número").
  if (isNoTicketAnswer(v)) return undefined;
  if (v.length > FORM_LIMITS.chamado) return v;
  const plain = withPlainDigits(v);
  return isTicketListTyped(plain) ? plain : withoutNote(plain);
};

/** Compatibility digits ("４８２１３", "𝟒𝟖𝟐𝟏𝟑") as the plain ones they stand for; other scripts' digits stay. */
function withPlainDigits(typed: string): string {
  return typed.replace(/\p{Nd}/gu, (d) => {
    const plain = d.normalize('NFKC');
    return /^[0-9]$/.test(plain) ? plain : d;
  });
}

/** The field's first number: digits with dots and spaces inside ("48.213", "48 213"), as TICKET_FIELD_TOKENS reads it. */
const FIRST_NUMBER = /\d(?:[\d.\s]*\d)?/;
/** Where a note starts after the number: a bracket, a dash or comma set apart, or a space before a word. */
const NOTE_START = /^\s*[([|,;:–—]|^\s+-\s|^\s+(?=\p{L})/u;
/** Dates and times a note may carry ("02/11", "2/11/2026", "14h30", "10:00"): not numbers of another kind. */
const NOTE_DATE = /(?<!\d)\d{1,2}(?:[/.-]\d{1,2}(?:[/.-]\d{2,4})?|:\d{2}|h\d{0,2})(?!\d)/g;
/** A number a note may carry besides dates: a day or a count ("dia 2", "há 3 dias"), or a year. */
const NOTE_NUMBER = /^(?:\d{1,2}|(?:19|20)\d{2})$/;

/**
 * One ticket number followed by a short note, a date or words ("48213 (aberto em 02/11)", "48213 -
 * aberto dia 2", "48213 aberto ontem"): the field up to the number, which isOneTicketTyped then
 * checks. A note carrying another number than a day, a count or a date ("48213 (48214)", a phone's
 * digits), or a word that leads another kind of number ("48213 pedido"), leaves the field as typed:
 * refused. A number glued to a dash, slash or dot ("4821-3", "48213/48214") has no note.
 */
function withoutNote(typed: string): string {
  const number = FIRST_NUMBER.exec(typed);
  if (number === null) return typed;
  const end = number.index + number[0].length;
  const note = typed.slice(end);
  if (!NOTE_START.test(note)) return typed;
  const folded = normalize(note);
  if (
    folded
      .replace(NOTE_DATE, ' ')
      .match(/\d+/g)
      ?.some((n) => !NOTE_NUMBER.test(n))
  )
    return typed;
  // The channel it was opened on is a note ("51234 (WhatsApp)"); an order's or a document's word is not.
  if ((folded.match(/[a-z]+/g) ?? []).some((word) => isOtherNumberWord(word) && !isChannelWord(word))) return typed;
  return typed.slice(0, end);
}

const TRUE_VALUES = new Set(['true', 'on', '1', 'sim', 'yes']);
const FALSE_VALUES = new Set(['false', 'off', '0', 'nao', 'não', 'no', '']);

/** A checkbox: absent or unchecked is false; HTML posts "on", JSON clients send booleans. */
function checkbox(invalid: string) {
  return z.pipe(
    z.transform((value: unknown) => {
      if (value === undefined || value === null) return false;
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string') {
        const v = value.trim().toLowerCase();
        if (TRUE_VALUES.has(v)) return true;
        if (FALSE_VALUES.has(v)) return false;
      }
      return value;
    }),
    z.boolean({ error: invalid }),
  );
}

/**
 * The words a ticket number comes with in the ticket field: the names a support ticket goes by and
 * their abbreviations ("chamado", "cham.", "chmd", "ticket", "tkt", "protocolo", "prot.", "solicitação",
 * "solic.", "sol.", "atendimento", "caso", "Request", "Zendesk", "nº", "nr", "número", "number", "ID",
 * "cód.", "ref."), and the little words of a sentence about it ("Nº do chamado", "o número é",
 * "meu chamado é", "my ticket is"). Compared without accents or case. A word that names another kind
 * of number ("pedido", "NF", "rastreio", "CPF") is not among them: that field is refused.
 */
const TICKET_FIELD_WORDS: ReadonlySet<string> = new Set([
  'chamado',
  'cham',
  'ch',
  'chmd',
  'chmdo',
  'ticket',
  'tkt',
  'protocolo',
  'prot',
  'solicitacao',
  'solic',
  'sol',
  'atendimento',
  'atend',
  'caso',
  'case',
  'request',
  'req',
  'zendesk',
  'numero',
  'num',
  'number',
  'n',
  'no',
  'nr',
  'nro',
  'id',
  'codigo',
  'cod',
  'referencia',
  'ref',
  'do',
  'da',
  'de',
  'o',
  'a',
  'e',
  'meu',
  'minha',
  'mi',
  'el',
  'es',
  'my',
  'the',
  'of',
  'is',
]);

/**
 * The field's pieces: words, numbers (digits with dots and spaces inside: "48.213", "48 213", "5 1 2 3 4";
 * or dictated one by one between dashes, "5-1-2-3-4", never a group of two: "4821-3", "51-234"), single signs.
 */
const TICKET_FIELD_TOKENS = /[a-z]+|\d(?:-\d(?!\d)){3,9}(?![\d-])|\d(?:[\d.\s]*\d)?|\S/gu;

/** What separates the tickets of a list in the field: "51234 e 51240", "51234/51240", "#51234, #51240", "51234 ou 51240". */
const TICKET_LIST_SEPARATORS: ReadonlySet<string> = new Set([
  ',',
  ';',
  '/',
  '&',
  '+',
  'e',
  'ou',
  'y',
  'o',
  'and',
  'or',
]);

/** A word the ticket field's number comes with (TICKET_FIELD_WORDS), typos and plurals read as the mail reads them. */
function isTicketFieldWord(word: string): boolean {
  return TICKET_FIELD_WORDS.has(word) || TICKET_FIELD_WORDS.has(canonicalWord(word).replace(/s$/, ''));
}

/**
 * Prior tickets as merchants type them: one number (digits with dots and spaces) or a list of up to
 * FORM_LIMITS.chamadoNumbers, in her order ("51234 e 51240", "51234/51240", "#51234, #51240",
 * "chamados 51234 ou 51240"), the ticket's words around them (TICKET_FIELD_WORDS, read through
 * canonicalWord as the mail's are: "chamado 48213", "chamdo 48213", "tiket 48213", "Nº do chamado:
 * 48213", "TICKET-51000", "48213 (Zendesk)"), at most one "#" before each and any signs after the
 * last ("48213!!", "48213 ✅", "Ticket #48213."). Numbers not set apart by a list word or sign
 * ("4821-3", "48213 (48214)"), more than the limit, or a word that is not the ticket's ("pedido
 * 48213", "ABC-48213", "nao 48213", "51234 e pedido 7781"), or a letter glued to the number's end
 * ("5231O"), are refused. One look-alike letter inside the number ("482I4") is read as its digit
 * (tickets.ts withLookAlikeDigits): a guess the ticket check confirms or drops. The digits are what
 * the ticket check reads, each a candidate in the field's order (tickets.ts extractFromForm). One
 * pass over the tokens, linear in the field's length.
 */
function isTicketListTyped(typed: string): boolean {
  const folded = withLookAlikeDigits(withoutAccents(typed).toLowerCase().replace(/[º°]/g, 'o'));
  let numbers = 0;
  let hashes = 0;
  let numberEnd = -1;
  // After a number, the next one needs a list word or sign first.
  let listed = true;
  for (const { 0: token, index } of folded.matchAll(TICKET_FIELD_TOKENS)) {
    if (/^\d/.test(token)) {
      if (!listed || ++numbers > FORM_LIMITS.chamadoNumbers) return false;
      numberEnd = index + token.length;
      listed = false;
      hashes = 0;
    } else if (numbers > 0 && !listed && TICKET_LIST_SEPARATORS.has(token)) {
      // A letter glued to the number's end ("48213e") is part of it, not a list word.
      if (index === numberEnd && /^[a-z]/.test(token)) return false;
      listed = true;
    } else if (/^[a-z]/.test(token)) {
      // A letter glued to the number's end ("5231O", "48213a") is part of it, not a word about it.
      if (index === numberEnd || !isTicketFieldWord(token)) return false;
    } else if (token === '#') {
      if (!listed || ++hashes > 1) return false;
    } else if (numbers === 0 && !/^[:.\-–]$/.test(token)) return false;
  }
  return numbers > 0;
}

/** The description, at least `minimum` characters a reader sees (visibleLength). */
function description(minimum: number) {
  return z.pipe(
    z.transform((value: unknown) => (typeof value === 'string' ? normalizeMultiline(value) : value)),
    z.string({ error: (iss) => (isMissing(iss.input) ? MESSAGES.descricao.required : MESSAGES.wrongType) }).check(
      z.minLength(1, MESSAGES.descricao.required),
      z.maxLength(FORM_LIMITS.descricaoMax, MESSAGES.descricao.tooLong),
      z.refine((text: string) => visibleLength(text) >= minimum, MESSAGES.descricao.tooShort),
    ),
  );
}

/** The form's fields; the description's minimum depends on whether a file carries the account. */

/**
 * The address as typed or pasted: "Joana Lima <joana@loja.com.br>" (from a mail program) is its
 * address, lower-cased, the domain as the DNS has it ("açaí.com.br" → "xn--aa-4iaz.com.br", as the
 * e-mail intake stores it). What is no address stays as typed, for the check to refuse.
 */
function typedAddress(value: string): string {
  const named = /^[^<>]*<([^<>]*)>$/.exec(value.trim());
  const address = (named ? (named[1] as string) : value).trim().toLowerCase();
  return withAsciiDomain(address) ?? address;
}
const webformSchema = (minimum: number) =>
  z.object({
    nome: z.pipe(
      z.transform(lineInput(false)),
      z
        .string({ error: (iss) => (isMissing(iss.input) ? MESSAGES.nome.required : MESSAGES.wrongType) })
        .check(z.minLength(1, MESSAGES.nome.required), z.maxLength(FORM_LIMITS.nome, MESSAGES.nome.tooLong)),
    ),
    email: z.pipe(
      z.transform((value: unknown) => (typeof value === 'string' ? typedAddress(value) : value)),
      z.email({ error: (iss) => (isMissing(iss.input) ? MESSAGES.email.required : MESSAGES.email.invalid) }).check(
        z.maxLength(FORM_LIMITS.email, MESSAGES.email.tooLong),
        z.refine((email) => email.indexOf('@') <= MAX_LOCAL_PART_CHARS, MESSAGES.email.invalid),
      ),
    ),
    loja: z.pipe(
      z.transform(optionalLine),
      z.optional(z.string({ error: MESSAGES.wrongType }).check(z.maxLength(FORM_LIMITS.loja, MESSAGES.loja.tooLong))),
    ),
    /** Optional here: non-clients have no ticket; the domain rules decide what a missing one means. */
    chamado: z.pipe(
      z.transform(optionalTicket),
      z.optional(
        z.string({ error: MESSAGES.chamado.invalid }).check(
          z.maxLength(FORM_LIMITS.chamado, MESSAGES.chamado.tooLong),
          z.refine((typed: string) => findProtocols(typed, 1).length === 0, MESSAGES.chamado.ownProtocol),
          z.refine(isTicketListTyped, MESSAGES.chamado.invalid),
        ),
      ),
    ),
    assunto: z.pipe(
      z.transform(lineInput(false)),
      z.enum(TOPIC_VALUES, {
        error: (iss) => (isMissing(iss.input) ? MESSAGES.assunto.required : MESSAGES.assunto.invalid),
      }),
    ),
    descricao: description(minimum),
    naoCliente: checkbox(MESSAGES.naoCliente.invalid),
    consentimento: checkbox(MESSAGES.consentimento.required).check(
      z.refine((v: boolean) => v === true, MESSAGES.consentimento.required),
    ),
  });

// Built at the first post that is validated, not at load: a page view or a queue invocation of the
// webform never reads them, and building a zod schema costs a cold start ~1 ms (issue 16).
const webformSchemaPlain = once(() => webformSchema(FORM_LIMITS.descricaoMin));
/** The post with files attached: a short description points to them (FORM_LIMITS.descricaoWithFilesMin). */
const webformSchemaWithFiles = once(() => webformSchema(FORM_LIMITS.descricaoWithFilesMin));

export type WebformData = z.infer<ReturnType<typeof webformSchema>>;

/**
 * Validates already-decoded fields; unknown fields (and the honeypot) are ignored here. `attached`:
 * the post carries files, which then tell what the short description points to ("Ver anexo.").
 */
export function validateFields(
  fields: Record<string, unknown>,
  post: { attached?: boolean } = {},
): { ok: true; data: WebformData } | { ok: false; errors: FieldErrors } {
  const result = (post.attached ? webformSchemaWithFiles() : webformSchemaPlain()).safeParse(fields);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0];
    // First message per field: the one a person should fix first (required before too short).
    if (typeof field === 'string' && (FIELD_NAMES as readonly string[]).includes(field)) {
      errors[field as FieldName] ??= issue.message;
    }
  }
  return { ok: false, errors };
}

export type RequestProblem = 'too_large' | 'unsupported_type' | 'malformed_json' | 'not_an_object' | 'bad_encoding';

export type ParsedBody =
  | { ok: true; fields: Record<string, unknown>; format: 'json' | 'urlencoded' }
  | { ok: false; status: 400 | 413 | 415; problem: RequestProblem; message: string };

/** "application/json; charset=utf-8" → "application/json". */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export function isJsonMediaType(type: string): boolean {
  return type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Decodes and parses a POST body. Order matters: the size is checked before any decoding or
 * parsing (a base64 body is checked once on its encoded length, cheaply, then on its bytes).
 */
export function parseFormBody(input: {
  body: string | undefined;
  contentType: string | undefined;
  isBase64Encoded?: boolean;
}): ParsedBody {
  const max = FORM_LIMITS.maxBodyBytes;
  const body = input.body ?? '';
  const fail = (status: 400 | 413 | 415, problem: RequestProblem, message: string): ParsedBody => ({
    ok: false,
    status,
    problem,
    message,
  });

  // Cheap upper bound before touching the bytes: base64 is 4 chars per 3 bytes, UTF-16 ≤ 3 bytes per unit.
  if (input.isBase64Encoded ? body.length > Math.ceil(max / 3) * 4 + 4 : body.length > max) {
    return fail(413, 'too_large', REQUEST_MESSAGES.tooLarge);
  }
  const bytes = input.isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
  if (bytes.length > max) return fail(413, 'too_large', REQUEST_MESSAGES.tooLarge);

  const type = mediaType(input.contentType);
  const json = isJsonMediaType(type);
  if (!json && type !== 'application/x-www-form-urlencoded') {
    return fail(415, 'unsupported_type', REQUEST_MESSAGES.unsupportedType);
  }

  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return fail(400, 'bad_encoding', REQUEST_MESSAGES.badEncoding);
  }

  if (json) {
    let value: unknown;
    // "\\ud800" escapes decode to half a surrogate pair: no Unicode text, as invalid UTF-8 bytes are not.
    let illFormed = false;
    try {
      value = JSON.parse(text, (key, v: unknown) => {
        if (hasLoneSurrogate(key) || (typeof v === 'string' && hasLoneSurrogate(v))) illFormed = true;
        return v;
      });
    } catch {
      return fail(400, 'malformed_json', REQUEST_MESSAGES.malformedJson);
    }
    if (illFormed) return fail(400, 'bad_encoding', REQUEST_MESSAGES.badEncoding);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return fail(400, 'not_an_object', REQUEST_MESSAGES.notAnObject);
    }
    // A null-prototype copy: "__proto__" in the JSON stays an ordinary (ignored) key.
    return { ok: true, fields: Object.assign(Object.create(null), value), format: 'json' };
  }

  const fields: Record<string, unknown> = Object.create(null);
  for (const [key, value] of new URLSearchParams(text)) {
    // First occurrence wins: a repeated field cannot override what the page sent first.
    if (!(key in fields)) fields[key] = value;
  }
  return { ok: true, fields, format: 'urlencoded' };
}

/** True when the honeypot holds anything a bot would type (whitespace alone does not count). */
export function honeypotFilled(fields: Record<string, unknown>): boolean {
  const value = fields[HONEYPOT_FIELD];
  if (value === undefined || value === null || value === false) return false;
  if (typeof value === 'string') return value.trim() !== '';
  return true;
}

/** The values to put back in the form after an error: strings only, each field capped. */
export function formValues(fields: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const name of FIELD_NAMES) {
    const value = fields[name];
    if (typeof value === 'string') values[name] = value.slice(0, FORM_LIMITS.descricaoMax * 2);
    else if (typeof value === 'number' || typeof value === 'boolean') values[name] = String(value);
  }
  return values;
}
