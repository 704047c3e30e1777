/**
 * Text helpers shared by the ticket extractor and the eligibility rules: accent- and
 * case-insensitive normalisation, and the split between what the sender wrote now and the
 * history their mail client quoted or forwarded.
 */
import { COMBINING_MARKS } from './accents';
import { type CharTrie, charTrie } from './char-trie';
import { boundedMemo, recentMemo } from './memo';

/**
 * The one length cap of text work. Ticket extraction and the eligibility rules read at most
 * this many characters of a body (the parser keeps as much, the raw mail in S3 keeps everything):
 * every regular expression over text is linear, so this bounds the triage time of any input.
 */
export const MAX_TEXT_CHARS = 1_000_000;

/** Half of a surrogate pair: a string no UTF-8 encodes (encodeURIComponent throws on it). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Whether a string holds half a surrogate pair (JSON's "\\ud800" escapes make them). */
export function hasLoneSurrogate(value: string): boolean {
  LONE_SURROGATE.lastIndex = 0;
  return LONE_SURROGATE.test(value);
}

/** The string without halves of surrogate pairs (pairs, emoji included, stay). */
export function withoutLoneSurrogates(value: string): string {
  return value.replace(LONE_SURROGATE, '');
}

/**
 * The first `max` UTF-16 units of a text, cut between characters: an emoji at the cut goes whole,
 * never as half a surrogate pair (a "�" in mail and pages, a string UTF-8 cannot encode).
 */
export function cutBetweenCharacters(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, Math.max(0, max));
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/**
 * The text whole when it fits in `max` characters; else cut between characters and marked "[…]":
 * at the end of the text, or on a line of its own followed by `why` (where the rest is, what
 * was cut) when the reader needs to know.
 */
export function cutMarked(text: string, max: number, why?: string): string {
  if (text.length <= max) return text;
  const cut = cutBetweenCharacters(text, max);
  return why === undefined ? `${cut} […]` : `${cut}\n[…] (${why})`;
}

/** The first MAX_TEXT_CHARS characters of a text (never half of a surrogate pair). */
export function capText(text: string): string {
  return cutBetweenCharacters(text, MAX_TEXT_CHARS);
}

// Text people type (the webform's fields, the survey comment): what it keeps.

/**
 * The bidi controls: the marks (ALM, LRM, RLM), embeddings, overrides and isolates. They change the
 * order a reader sees, not the text: "R$ \u202e0001\u202c" shows as "R$ 1000", a link or a bank
 * account reads reversed. No text a merchant sends us keeps them (form fields, survey comments,
 * mail bodies), so staff read in the console and in their mail what the text really says.
 */
const BIDI_CONTROL_CLASS = '\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
const BIDI_CONTROLS = new RegExp(`[${BIDI_CONTROL_CLASS}]`, 'g');

/** The text in the order it is written: without bidi controls (see BIDI_CONTROL_CLASS). */
export function withoutBidiControls(value: string): string {
  return value.replace(BIDI_CONTROLS, '');
}

/** Controls (but line breaks and tabs), the bidi controls and the byte-order mark. */
const CONTROL_EXCEPT_NEWLINE = new RegExp(
  `[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f${BIDI_CONTROL_CLASS}\\ufeff]`,
  'g',
);

/**
 * Characters a reader cannot see: Unicode's default-ignorable code points — every format character
 * (zero-width space and joiners, word joiner, soft hyphen, the bidi marks LRM/RLM/ALM, embeddings
 * and isolates), the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0), variation selectors — and the
 * braille blank (U+2800), which fonts draw as nothing. A name, subject or ticket number made of
 * them reads as nothing, or as something else ("[OUV-2026-0001\u200b23]" hides a protocol).
 * Whitespace (U+3000 among it) is not here: it is collapsed, not removed. The class's body, for
 * patterns that skip these characters in place (a spreadsheet cell's start).
 */
export const INVISIBLE_CHARACTER_CLASS = '\\p{Default_Ignorable_Code_Point}\\u2800';
const INVISIBLE_CHARACTERS = new RegExp(`[${INVISIBLE_CHARACTER_CLASS}]`, 'gu');

/** The text without the characters a reader cannot see (the one rule: form fields, subjects, display names). */
export function withoutInvisible(value: string): string {
  return value.replace(INVISIBLE_CHARACTERS, '');
}

/**
 * What of the invisible characters a text of many lines keeps: the parts of an emoji sequence,
 * which a reader sees as one picture — a zero-width joiner between two emoji (👩‍💻, 🏳️‍🌈: the
 * first may end in VS16 or a skin tone), a variation selector right after a character that takes
 * one (VS15/VS16 after an emoji or a keycap's digit, an ideographic one after a CJK ideograph), and
 * the tags of a subdivision flag (🏴 + tags + cancel tag). Each alternative is of bounded length,
 * so the pass stays linear. Anything else invisible goes, as in withoutInvisible.
 */
const EMOJI_PART =
  /\u{1F3F4}[\u{E0020}-\u{E007E}]{1,32}\u{E007F}|(?<=\p{Extended_Pictographic}[\u{1F3FB}-\u{1F3FF}\uFE0F]?)\u200D(?=\p{Extended_Pictographic})|(?<=\p{Emoji})[\uFE0E\uFE0F]|(?<=\p{Ideographic})[\u{E0100}-\u{E01EF}]/u;
const INVISIBLE_OUTSIDE_EMOJI = new RegExp(`(${EMOJI_PART.source})|[${INVISIBLE_CHARACTER_CLASS}]`, 'gu');

/** The text without the invisible characters that are not part of an emoji sequence (see EMOJI_PART). */
export function withoutInvisibleOutsideEmoji(value: string): string {
  return value.replace(INVISIBLE_OUTSIDE_EMOJI, (_found, emojiPart: string | undefined) => emojiPart ?? '');
}

/** One-line text: NFC, control and invisible characters removed, every run of whitespace one space, trimmed. */
export function normalizeLine(value: string): string {
  return value
    .normalize('NFC')
    .replace(CONTROL_EXCEPT_NEWLINE, '')
    .replace(INVISIBLE_CHARACTERS, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Multi-line text: NFC, CRLF → LF, control characters (but newlines and tabs) removed, invisible
 * characters removed but those of an emoji sequence (withoutInvisibleOutsideEmoji), trimmed.
 */
export function normalizeMultiline(value: string): string {
  return withoutInvisibleOutsideEmoji(
    value.normalize('NFC').replace(/\r\n?/g, '\n').replace(CONTROL_EXCEPT_NEWLINE, ''),
  )
    .replace(/[\u2028\u2029]/g, '\n')
    .trim();
}

/** Ordinal indicators and the degree sign, as merchants type "nº", "n°", "1ª". */
const ORDINALS: Record<string, string> = { º: 'o', '°': 'o', ª: 'a' };
const ORDINAL_RE = /[ºª°]/g;
/** Everything that is not a lower-case ASCII letter, a digit, whitespace or basic punctuation. */
const NOT_KEPT = /[^a-z0-9\s.,;:!?#/()\-'"@%$&+=_*]/g;

/**
 * Lower-case, without accents (NFD, marks removed), ordinals folded ("nº" → "no"), fullwidth and
 * other compatibility letters and digits read plain ("４８２１３" → "48213"), anything
 * but letters, digits and basic punctuation turned into a space, whitespace collapsed.
 */
export function normalize(text: string): string {
  return foldCharacters(text).replace(WHITESPACE_RUNS, ' ').trim();
}

/**
 * normalize's steps character by character (all but collapsing and trimming whitespace). Each
 * non-ASCII code point folds on its own (cached): lower-casing, NFD and dropping marks never
 * depend on the neighbours once every non-ASCII result is ASCII or whitespace (see
 * normalizeChar); ASCII needs only lower-casing and the NOT_KEPT pass.
 */
function foldCharacters(text: string): string {
  const ascii = NON_ASCII.test(text) ? text.replace(NON_ASCII_ALL, normalizeChar) : text;
  return ascii.toLowerCase().replace(NOT_KEPT, ' ');
}

/**
 * normalize of each part, in one pass over their join: the per-call passes cost more than the
 * work on a short sentence. The parts are joined with '?', which normalize keeps and never makes
 * (no non-ASCII character folds to it); a part that has one falls back to a call of its own.
 */
export function normalizeEach(parts: readonly string[]): string[] {
  const pieces = foldCharacters(parts.join('?')).replace(WHITESPACE_RUNS, ' ').split('?');
  if (pieces.length !== parts.length) return parts.map(normalize);
  return pieces.map((piece) => piece.trim());
}

const NON_ASCII = /[\u0080-\uffff]/;
/**
 * One code point at a time (a surrogate pair is one match; a lone surrogate too). Spelled out
 * without the u flag, which makes the search slower (issue 16).
 */
const NON_ASCII_ALL = /[\ud800-\udbff][\udc00-\udfff]|[\u0080-\uffff]/g;
/**
 * The whitespace runs that collapsing to one space changes: longer than one character, or one
 * that is not a space. Every other word break is already one space (issue 16: /\s+/ replaced
 * each of them).
 */
const WHITESPACE_RUNS = /\s{2,}|[^\S ]/g;

/**
 * normalize's steps on one non-ASCII code point, whitespace runs left as they are: the result is
 * ASCII (lower-case letters, digits, kept punctuation, spaces) or Unicode whitespace, so the
 * text-wide steps that follow (lower-case, NOT_KEPT, collapse) leave it unchanged. The one
 * context-dependent mapping of toLowerCase (final sigma) yields a Greek letter, a space either way.
 */
const normalizeChar = boundedMemo(4096, (c) => {
  const folded = c
    .replace(INVISIBLE_CHARACTERS, '')
    .replace(ORDINAL_RE, (o) => ORDINALS[o] ?? o)
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(NOT_KEPT, ' ');
  return folded.trim() === '' ? (plainLetterOrDigit(c) ?? folded) : folded;
});

/**
 * The plain ASCII letter or digit a compatibility character stands for, or null: fullwidth digits
 * and letters typed with an East Asian keyboard or pasted from a phone ("Chamado ４８２１３"), the
 * mathematical bold and italic of "fancy text" generators ("𝐂𝐡𝐚𝐦𝐚𝐝𝐨"), circled and superscript
 * digits. Anything whose compatibility form is not one letter or digit ("ﬁ", "½", a space) is not one.
 */
function plainLetterOrDigit(c: string): string | null {
  const plain = c.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase();
  return PLAIN_LETTER_OR_DIGIT.test(plain) ? plain : null;
}
const PLAIN_LETTER_OR_DIGIT = /^[a-z0-9]$/;

/** Mathematical Alphanumeric Symbols (U+1D400–U+1D7FF): one surrogate pair each. */
const MATH_ALPHANUMERIC = /\ud835[\udc00-\udfff]/g;

/** A keycap emoji ("4️⃣", "#️⃣"): the digit or '#', an optional VS16, then U+20E3. */
const KEYCAP = /([0-9#*])\ufe0f?\u20e3/g;

/**
 * The text with its mathematical letters and digits ("𝐂𝐡𝐚𝐦𝐚𝐝𝐨 𝟒𝟖𝟐𝟏𝟑", what fancy-text generators
 * paste) and its keycap digits ("4️⃣8️⃣2️⃣1️⃣3️⃣", what a phone's emoji keyboard offers) as plain ones:
 * two or three UTF-16 units each, they are what foldKeepingLength, one unit at a time, cannot read.
 * Everything else is left as it is.
 */
export function withPlainAlphanumerics(text: string): string {
  const plain = text.includes('\ud835') ? text.replace(MATH_ALPHANUMERIC, plainMathCharacter) : text;
  return plain.includes('\u20e3') ? plain.replace(KEYCAP, '$1') : plain;
}

function plainMathCharacter(c: string): string {
  const plain = c.normalize('NFKD');
  return /^[A-Za-z0-9]$/.test(plain) ? plain : c;
}

/**
 * Like normalize, but one output character per input UTF-16 unit, so offsets found in the
 * folded text are offsets in the input (the ticket extractor quotes the original around a match).
 * The input should be NFC so that accented letters are single units.
 */
export function foldKeepingLength(text: string): string {
  // ASCII (almost every character of a mail): only upper-case letters change. Other UTF-16
  // units, surrogate halves included, fold one by one (cached).
  if (SURROGATE.test(text)) return text.replace(FOLDABLE_UNIT, foldUnit);
  // Without surrogate halves (which lower-casing the text would read in pairs), every unit folds
  // to one that lower-casing keeps, so the capitals are lower-cased in one pass (issue 16), not
  // one call each; no Σ is left to lower-case by its context.
  return text.replace(NON_ASCII_UNIT, foldNonAscii).toLowerCase();
}

const FOLDABLE_UNIT = /[A-Z\u0080-\uffff]/g;
const NON_ASCII_UNIT = /[\u0080-\uffff]/g;
const SURROGATE = /[\ud800-\udfff]/;

function foldUnit(c: string): string {
  const code = c.charCodeAt(0);
  return code < 128 ? String.fromCharCode(code + 32) : foldNonAscii(c);
}

/** foldChar for the non-ASCII units, remembered (accents repeat: "ã", "ç", "é"…). */
const foldNonAscii = boundedMemo(4096, foldChar);

function foldChar(c: string): string {
  const ordinal = ORDINALS[c];
  if (ordinal !== undefined) return ordinal;
  const lower = c.toLowerCase();
  const base = lower.normalize('NFD').replace(COMBINING_MARKS, '');
  if (base.length === 1 && base.charCodeAt(0) < 128) return base;
  return plainLetterOrDigit(c) ?? (base.length === 1 ? base : lower.length === 1 ? lower : ' ');
}

export interface SplitText {
  /** What the sender wrote in this message, without signature or mobile footers. */
  fresh: string;
  /** Quoted replies and forwarded content, with the leading '>' marks removed. */
  quoted: string;
}

/** Forward / original-message separators of Gmail, Outlook, Apple Mail, Thunderbird, Yahoo. */
const SEPARATOR_LINES: RegExp[] = [
  /^-{2,} ?(mensagem original|original message|mensagem encaminhada|forwarded message|mensaje original|mensaje reenviado) ?-{2,}$/,
  /^-{2,} ?(mensagem original|original message|mensagem encaminhada|forwarded message)$/,
  /^(begin forwarded message|inicio da mensagem encaminhada|mensagem encaminhada|forwarded message) ?:$/,
  // Zendesk and similar helpdesks: the merchant types above, the thread follows.
  /digite sua resposta acima desta linha|responda acima desta linha|type your reply above this line|please reply above this line/,
];

/** "Em 25/11/2026 10:32, Fulano <f@x> escreveu:", "On Tue, ... wrote:" (a folded, trimmed line). */
export const ATTRIBUTION_END = /(escreveu|wrote|escribio|a ecrit) ?:$/;
const ATTRIBUTION_START = /^(em|on|el|le|no dia|na data) /;

const HEADER_FROM = /^\*?(de|from) ?:\*? ?\S/;
// Outlook writes the block in the reader's language: "Enviado em:" (pt-BR), "Enviado el:", "Fecha:",
// "Asunto:" (es).
const HEADER_DATE = /^\*?(enviado|enviada|enviado em|enviada em|enviado el|fecha|sent|data|date) ?:/;
const HEADER_TO_OR_SUBJECT = /^\*?(para|to|assunto|asunto|subject|cc) ?:/;

const MOBILE_FOOTER: RegExp[] = [
  /^(enviado|enviada) (do|de|pelo|pela|via|a partir do|a partir de|com o|com) (meu |minha |o |a )?(iphone|ipad|android|celular|smartphone|samsung|galaxy|motorola|xiaomi|tablet|outlook|app|aplicativo|e-mail|email|gmail|yahoo|mail|dispositivo|telefone|blackberry|whatsapp)\b/,
  /^sent (from|with|via) (my |the )?\S/,
  /^(obter|baixe|get|baixar) (o )?outlook (para|for) (ios|android)/,
];

function isQuoteLine(line: string): boolean {
  return /^\s*>/.test(line);
}

function stripQuotePrefix(line: string): string {
  return line.replace(/^(\s*>)+ ?/, '');
}

function isSignatureDelimiter(line: string): boolean {
  return line === '-- ' || line.trim() === '--';
}

/** The lines of one text, each normalised at most once (the markers read a line and its neighbours). */
class Lines {
  private readonly normalized: (string | undefined)[] = [];
  constructor(readonly raw: readonly string[]) {}
  get length(): number {
    return this.raw.length;
  }
  at(i: number): string {
    return this.raw[i] ?? '';
  }
  norm(i: number): string {
    if (i < 0 || i >= this.raw.length) return '';
    if (this.normalized[i] === undefined) this.normalizeBlock(i - (i % LINE_BLOCK));
    return this.normalized[i] as string;
  }
  /**
   * normalize of LINE_BLOCK lines from `from`, its per-character steps in one pass over them joined
   * by '\n' (no line has one, no character folds to one): per-line calls cost more than the work.
   * Blocks, not the whole text: the quoted history after the marker is never read.
   */
  private normalizeBlock(from: number): void {
    const block = this.raw.slice(from, from + LINE_BLOCK);
    const folded = foldCharacters(block.join('\n')).split('\n');
    block.forEach((line, k) => {
      const f = folded.length === block.length ? folded[k] : undefined;
      this.normalized[from + k] = f === undefined ? normalize(line) : f.replace(WHITESPACE_RUNS, ' ').trim();
    });
  }
}

const LINE_BLOCK = 32;

/** Where quoted history starts at line i, and how many lines the marker spans. */
function quoteMarkerAt(lines: Lines, i: number): { kind: 'attribution' | 'block'; span: number } | null {
  const line = lines.norm(i);
  if (line === '') return null;
  if (SEPARATOR_LINES.some((re) => re.test(line))) return { kind: 'block', span: 1 };
  if (line.length <= 300 && ATTRIBUTION_END.test(line)) return { kind: 'attribution', span: 1 };
  // Gmail wraps long attributions: "Em qua., 25 de nov. de 2026 às 10:32, Fulano <" / "f@x> escreveu:".
  if (ATTRIBUTION_START.test(line)) {
    const next = lines.norm(i + 1);
    if (next !== '' && `${line} ${next}`.length <= 300 && ATTRIBUTION_END.test(next)) {
      return { kind: 'attribution', span: 2 };
    }
  }
  if (HEADER_FROM.test(line) && isOutlookHeaderBlock(lines, i)) return { kind: 'block', span: 1 };
  // Outlook draws a line of underscores above the header block: with it, "De:" and one more header
  // line are enough (a shortened block: "De:" and "Enviado:" only).
  if (/^_{8,}$/.test(line)) {
    const j = nextNonBlank(lines.raw, i + 1);
    if (j !== -1 && HEADER_FROM.test(lines.norm(j)) && isOutlookHeaderBlock(lines, j, 'either')) {
      return { kind: 'block', span: 1 };
    }
  }
  return null;
}

/**
 * "De:" / "From:" followed, within a few lines, by a date line and a recipient or subject line
 * (with `either`, by one of them).
 */
function isOutlookHeaderBlock(lines: Lines, i: number, need: 'both' | 'either' = 'both'): boolean {
  let date = false;
  let toOrSubject = false;
  for (let j = i + 1; j <= i + 6 && j < lines.length; j++) {
    const l = normalize(stripQuotePrefix(lines.at(j)));
    if (HEADER_DATE.test(l)) date = true;
    if (HEADER_TO_OR_SUBJECT.test(l)) toOrSubject = true;
  }
  return need === 'both' ? date && toOrSubject : date || toOrSubject;
}

function nextNonBlank(lines: readonly string[], from: number): number {
  for (let j = from; j < lines.length; j++) {
    if ((lines[j] ?? '').trim() !== '') return j;
  }
  return -1;
}

function isMobileFooter(normalized: string): boolean {
  return normalized !== '' && normalized.length <= 120 && MOBILE_FOOTER.some((re) => re.test(normalized));
}

/**
 * Separates what the sender wrote now from quoted history and forwarded content.
 * Top-posted replies and forwards: everything from the marker down is quoted. Interleaved
 * replies (attribution followed by '>' lines): only the '>' lines are quoted, the sender's
 * answers between them stay fresh. The signature (after "-- ") and mobile footers
 * ("Enviado do meu iPhone") are neither: they are dropped.
 */
/** A forward's subject prefix, after any reply prefixes: "Fwd:", "FW:", "ENC:" (Outlook pt-BR), "RV:" (es), "TR:". */
const FORWARD_SUBJECT = /^\s*(?:(?:re|res|aw)\s*:\s*)*(?:fwd?|enc|rv|tr)\s*:/i;

/**
 * Round 43: words that only point at what she forwards ("Segue abaixo.", "Vide abaixo", "Para
 * conhecimento.", "Encaminho para ciência"), after a greeting at most and before her sign-off: they
 * say nothing of their own. Portuguese only, the language she wrote in either way; with one word
 * more ("Segue abaixo, ainda sem solução") the words are hers.
 */
const POINTS_BELOW = new RegExp(
  `^(?:(?:bom dia|boa tarde|boa noite|ola|oi|prezados|prezadas|prezado|prezada) )?(?:${[
    ...['segue', 'seguem', 'vide', 'veja', 'vejam', 'ver', 'conforme', 'encaminho'].flatMap((point) =>
      [
        'abaixo',
        'e mail abaixo',
        'email abaixo',
        'o e mail abaixo',
        'o email abaixo',
        'mensagem abaixo',
        'a mensagem abaixo',
      ].map((below) => `${point} ${below}`),
    ),
    'segue',
    'seguem',
    ...['', 'encaminho ', 'segue '].flatMap((put) => [`${put}para conhecimento`, `${put}para ciencia`]),
  ].join('|')})$`,
);

/** Whether her own words only point at what she forwards (POINTS_BELOW). */
function onlyPointsBelow(fresh: string): boolean {
  const words = normalize(withoutSignOff(fresh))
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return words.length <= 60 && POINTS_BELOW.test(words);
}

/**
 * A forward that carries no word of the sender's own: a forward subject, something forwarded, and
 * nothing of hers above it but signs ("???"), a dropped footer, or words that only point at it
 * ("Segue abaixo."). A careful reader reads what she forwarded as what she is asking about.
 */
export function isBareForward(subject: string, split: SplitText): boolean {
  return (
    FORWARD_SUBJECT.test(subject) &&
    split.quoted.trim() !== '' &&
    (!LETTER.test(split.fresh) || onlyPointsBelow(split.fresh))
  );
}

/** The most words of her own a short line above a forward has ("Recebi isso, mas paguei!", "explica isso pfv"). */
const SHORT_LINE_WORDS = 8;

/**
 * Round 47: a forward with a short line of hers above it ("Recebi isso, mas paguei!", "como assim?",
 * "explica isso pfv"): a forward subject, something forwarded, and at most SHORT_LINE_WORDS words of
 * hers (her sign-off aside). Such a line reacts to what she forwards; whether it says what it is about
 * is the caller's to ask (the rules read her words first).
 */
export function isShortLineOverForward(subject: string, split: SplitText): boolean {
  if (!FORWARD_SUBJECT.test(subject) || split.quoted.trim() === '') return false;
  const words = normalize(withoutSignOff(split.fresh)).match(/[a-z0-9]+/g) ?? [];
  return words.length <= SHORT_LINE_WORDS;
}

/**
 * Round 48: a forward with a letter of hers above it, longer than a short line: the forward subject is
 * the forwarded message's title ("ENC: Sua loja foi suspensa"), and her letter says what she asks about.
 */
export function isLetterOverForward(subject: string, split: SplitText): boolean {
  return (
    FORWARD_SUBJECT.test(subject) &&
    split.quoted.trim() !== '' &&
    !isBareForward(subject, split) &&
    !isShortLineOverForward(subject, split)
  );
}

/**
 * Round 49: a reply written under the history it answers (bottom-posted), as Outlook users do when the
 * mail opens with "-----Mensagem original-----" or a "De:/Enviada em:/Assunto:" block: nothing of hers
 * is above the marker, and her words are the last paragraph, after the quoted message's first one. Only when the
 * mail opens with such a block (a '>'-quoted reply keeps her lines fresh already) and that paragraph
 * holds no quote or header line; never in a forward; '' otherwise.
 */
export function bottomPostedText(subject: string, text: string, split: SplitText): string {
  // A forward's last paragraph is the forwarded mail's: what she forwards is read as such (isBareForward).
  if (split.fresh !== '' || split.quoted === '' || FORWARD_SUBJECT.test(subject)) return '';
  const raw = text.replace(/\r\n?/g, '\n').split('\n');
  const lines = new Lines(raw);
  const first = nextNonBlank(raw, 0);
  if (first === -1 || quoteMarkerAt(lines, first)?.kind !== 'block') return '';
  let end = raw.length;
  while (end > 0 && (raw[end - 1] ?? '').trim() === '') end--;
  let start = end;
  while (start > 0 && (raw[start - 1] ?? '').trim() !== '') start--;
  if (start <= first) return '';
  // The quoted message's own first paragraph follows the last header line: hers comes after it.
  let header = first;
  for (let i = first; i < start; i++) {
    const l = lines.norm(i);
    if (quoteMarkerAt(lines, i) || HEADER_FROM.test(l) || HEADER_DATE.test(l) || HEADER_TO_OR_SUBJECT.test(l))
      header = i;
  }
  const body = nextNonBlank(raw, header + 1);
  if (body === -1 || body >= start) return '';
  for (let i = start; i < end; i++) {
    const l = lines.norm(i);
    if (isQuoteLine(raw[i] ?? '') || quoteMarkerAt(lines, i) || HEADER_FROM.test(l) || HEADER_DATE.test(l)) return '';
    if (HEADER_TO_OR_SUBJECT.test(l)) return '';
  }
  return raw.slice(start, end).join('\n').trim();
}

/** Words of leave-taking, the longer first (the alternation takes the first that fits). */
const CLOSING_WORDS = [
  'obrigado desde ja',
  'obrigada desde ja',
  'desde ja obrigado',
  'desde ja obrigada',
  'muito obrigado',
  'muito obrigada',
  'um abraco',
  'best regards',
  'kind regards',
  'thank you',
  'saludos cordiales',
  'cordiales saludos',
  'un saludo',
  'muchas gracias',
  'atenciosamente',
  'att',
  'atte',
  'abs',
  'abraco',
  'abracos',
  'grato',
  'grata',
  'obrigado',
  'obrigada',
  'cordialmente',
  'saudacoes',
  'sds',
  'respeitosamente',
  'cumprimentos',
  'beijos',
  'bjs',
  'regards',
  'thanks',
  'cheers',
  'sincerely',
  'saludos',
  'atentamente',
  'gracias',
];

/**
 * A closing line (normalised): the words alone ("Atenciosamente,", "Abs", "Obrigada!", "Best
 * regards,"), or with a short name after them ("Att, Juliana", "Beijos, Lu": group 1).
 */
const SIGN_OFF_LINE = new RegExp(`^(?:${CLOSING_WORDS.join('|')})[.,!]*(?:,? ([a-z][a-z .'-]{0,40}))?$`);
/** A postscript after the sign-off: her words again ("PS: também fui cobrada"). */
const POSTSCRIPT = /^(?:p\.? ?s\.?|obs\.?|observacao)\b/;
/** The sign-off block's limits: lines below the closing line, the first of them, any of them. */
const SIGN_OFF_MAX_LINES = 12;
const SIGN_OFF_NAME_CHARS = 60;
const SIGN_OFF_LINE_CHARS = 200;
/**
 * A line that reads as a sentence of hers (five words or more, ending as a sentence ends): below a
 * closing line it is her text going on, unless it is a mail disclaimer's (DISCLAIMER_WORDS).
 */
const SENTENCE_LINE = /^(?:\S+\s+){4,}\S*[.!?]$/;
const DISCLAIMER_WORDS =
  /\b(?:confidencia\w*|destinatari\w*|sigil\w*|privilegiad\w*|confidential|intended recipient|lgpd|dados pessoais|meio ambiente|imprimir)\b/;
/** Name particles written in lower case ("Maria da Silva"); a separator between name and role. */
export const NAME_PARTICLES: ReadonlySet<string> = new Set([
  'da',
  'de',
  'do',
  'das',
  'dos',
  'e',
  'di',
  'del',
  'van',
  'von',
  '|',
  '-',
  '–',
  '—',
  '/',
]);

/** A line that reads as a name: up to five words, each capitalised or a particle ("Maria da Silva | Loja X"). */
function looksLikeName(raw: string): boolean {
  const words = raw.trim().split(/\s+/);
  return words.length <= 5 && words.every((w) => CAPITALISED.test(w) || NAME_PARTICLES.has(w));
}

/**
 * The fresh text above its sign-off block: the last closing line (SIGN_OFF_LINE) when what follows is
 * a signature — at most SIGN_OFF_MAX_LINES lines, the first a short one that reads as a name (unless
 * the closing line carries the name), none a postscript — so that her role, company, plan, hours or
 * disclaimer ("Plano Premium", "Financeiro") are not read as her request. The text as it is when
 * there is no such block, or nothing of hers above it.
 */
export function withoutSignOff(fresh: string): string {
  return signOff(fresh)?.above ?? fresh;
}

/**
 * The sign-off withoutSignOff cuts: the text above it, the name on the closing line as she wrote it
 * ("Att, Carla Souza": `signer`) and the lines below that line. Null when there is none.
 */
export function signOff(fresh: string): { above: string; signer?: string; block: string } | null {
  const lines = fresh.split('\n');
  // Only the last lines can be a sign-off block: the closing line is at most SIGN_OFF_MAX_LINES
  // written lines from the end (and the work stays that small on any text).
  let written = 0;
  for (let v = lines.length - 1; v > 0 && written <= SIGN_OFF_MAX_LINES; v--) {
    if ((lines[v] ?? '').trim() === '') continue;
    written++;
    const closing = SIGN_OFF_LINE.exec(normalize(lines[v] ?? ''));
    if (!closing) continue;
    const below = lines.slice(v + 1).filter((l) => l.trim() !== '');
    const first = below[0];
    const signature =
      below.length <= SIGN_OFF_MAX_LINES &&
      (first === undefined ||
        (first.trim().length <= SIGN_OFF_NAME_CHARS && (closing[1] !== undefined || looksLikeName(first)))) &&
      below.every((l) => {
        const read = normalize(l);
        const hers = SENTENCE_LINE.test(read) && !DISCLAIMER_WORDS.test(read);
        return l.length <= SIGN_OFF_LINE_CHARS && !POSTSCRIPT.test(read) && !hers;
      });
    if (!signature) return null;
    const above = lines.slice(0, v).join('\n');
    if (!LETTER.test(above)) return null;
    return { above: above.trimEnd(), ...signerOf(lines[v] ?? '', closing), block: below.join('\n') };
  }
  return null;
}

/** The closing line's name as written: her words after as many as the closing words take in the normalised line. */
function signerOf(line: string, closing: RegExpExecArray): { signer?: string } {
  if (closing[1] === undefined) return {};
  const raw = line.trim().split(/\s+/);
  const closingWords = closing[0].split(' ').length - closing[1].split(' ').length;
  return { signer: raw.slice(closingWords).join(' ') };
}

/**
 * A signature her mail program adds under every mail, with no closing line above it ("Obrigado!" over
 * "Pedro Ponto / Eletro Ponto / (81) 3333-4444"): the last paragraph, when it is at most
 * SIGN_OFF_MAX_LINES short lines, the first reading as a name, none a sentence, a question or a
 * postscript, with words of hers above it. Null otherwise. The caller decides what such a block may
 * not say (a Title Case "Mas Continua Sem Funcionar" reads as a name too).
 */
export function bareSignature(fresh: string): { above: string; block: string } | null {
  const lines = fresh.trimEnd().split('\n');
  let blank = -1;
  // Only the last SIGN_OFF_MAX_LINES lines are read for the paragraph break: bounded on any text.
  for (let i = lines.length - 1; i >= Math.max(0, lines.length - SIGN_OFF_MAX_LINES - 1); i--) {
    if ((lines[i] ?? '').trim() === '') {
      blank = i;
      break;
    }
  }
  if (blank < 0) return null;
  const block = lines.slice(blank + 1);
  const first = (block[0] ?? '').trim();
  if (first.length > SIGN_OFF_NAME_CHARS || !looksLikeName(first)) return null;
  const signatureLine = (l: string) => {
    const read = normalize(l);
    return l.length <= SIGN_OFF_NAME_CHARS && !SENTENCE_LINE.test(read) && !POSTSCRIPT.test(read) && !/[?¿]/.test(l);
  };
  if (!block.every(signatureLine)) return null;
  const above = lines.slice(0, blank).join('\n').trimEnd();
  return LETTER_OR_DIGIT.test(above) ? { above, block: block.join('\n') } : null;
}

/* A module constant, not a literal in the function: esbuild writes a literal with \p{…} as `new RegExp(…)`, built on every call (issue 16). */
const LETTER = /\p{L}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const CAPITALISED = /^\p{Lu}/u;
const TWO_LETTERS = /\p{L}{2,}/u;

// The intake splits the same body several times (threading, rules, language, tickets).
export const splitQuoted: (text: string) => SplitText = recentMemo(4, splitLines);

function splitLines(text: string): SplitText {
  const lines = new Lines(text.replace(/\r\n?/g, '\n').split('\n'));
  const fresh: string[] = [];
  const quoted: string[] = [];
  let mode: 'fresh' | 'signature' | 'quoted' = 'fresh';

  for (let i = 0; i < lines.length; i++) {
    const line = lines.at(i);
    if (mode === 'quoted') {
      quoted.push(stripQuotePrefix(line));
      continue;
    }
    if (isQuoteLine(line)) {
      quoted.push(stripQuotePrefix(line));
      continue;
    }
    const marker = quoteMarkerAt(lines, i);
    if (marker) {
      const after = nextNonBlank(lines.raw, i + marker.span);
      if (marker.kind === 'attribution' && after !== -1 && isQuoteLine(lines.at(after))) {
        // Interleaved or '>'-quoted reply: keep reading line by line.
        for (let k = 0; k < marker.span; k++) quoted.push(lines.at(i + k));
        i += marker.span - 1;
        continue;
      }
      mode = 'quoted';
      quoted.push(line);
      continue;
    }
    if (mode === 'signature') continue;
    if (isSignatureDelimiter(line)) {
      mode = 'signature';
      continue;
    }
    if (isMobileFooter(lines.norm(i))) continue;
    fresh.push(line);
  }

  return { fresh: fresh.join('\n').trim(), quoted: quoted.join('\n').trim() };
}

// ---------------------------------------------------------------------------------------------
// Word-level canonical forms, shared by the ticket extractor and the eligibility rules

/**
 * Chat-speak and frequent misspellings, rewritten word by word before matching, so the phrase
 * lists can stay in standard (unaccented) Portuguese.
 */
export const WORD_VARIANTS: Readonly<Record<string, string>> = {
  vc: 'voce',
  vcs: 'voces',
  voceis: 'voces',
  pq: 'porque',
  q: 'que',
  tb: 'tambem',
  // Ticket words as chat-speak shortens them: "tkt#48215", "chmd 52310", "prot. 52311"…
  tkt: 'ticket',
  tkts: 'tickets',
  chmd: 'chamado',
  chmdo: 'chamado',
  prot: 'protocolo',
  // …and as written abbreviations, with or without their dot: "solic. 51000", "cham. 48213".
  solic: 'solicitacao',
  cham: 'chamado',
  tbm: 'tambem',
  naum: 'nao',
  nops: 'nao',
  to: 'estou',
  ta: 'esta',
  tava: 'estava',
  p: 'para',
  pra: 'para',
  msm: 'mesmo',
  agr: 'agora',
  hj: 'hoje',
  cliete: 'cliente',
  clinte: 'cliente',
  clente: 'cliente',
  consigu: 'consigo',
  cosigo: 'consigo',
  conssigo: 'consigo',
  consiguo: 'consigo',
  acesar: 'acessar',
  asessar: 'acessar',
  acessa: 'acessar',
  aceso: 'acesso',
  asesso: 'acesso',
  bloquiado: 'bloqueado',
  bloquiada: 'bloqueada',
  bloquearo: 'bloquearam',
  bloquiaram: 'bloquearam',
  dominiu: 'dominio',
  domino: 'dominio',
  dominho: 'dominio',
  cobransa: 'cobranca',
  cobransas: 'cobrancas',
  cobraro: 'cobraram',
  cobrarao: 'cobraram',
  faturra: 'fatura',
  boletu: 'boleto',
  mensalidadi: 'mensalidade',
  integrasao: 'integracao',
  intergracao: 'integracao',
  funcionalidadi: 'funcionalidade',
  descontu: 'desconto',
  dsconto: 'desconto',
  negosiar: 'negociar',
  isensao: 'isencao',
  painew: 'painel',
  painell: 'painel',
  senah: 'senha',
  usuaro: 'usuario',
  usario: 'usuario',
  ususario: 'usuario',
  poderiao: 'poderiam',
  poderiamm: 'poderiam',
  sujestao: 'sugestao',
  contrata: 'contratar',
  cuanto: 'quanto',
  cauto: 'quanto',
  custaria: 'custa',
  // More chat-speak, as a phone writes it ("qto custa p abrir uma loja c vcs?", "seria mto bom ter um
  // app", "qro mudar de plano, cmo faz?", "ngm responde").
  qto: 'quanto',
  qnto: 'quanto',
  qnt: 'quanto',
  mto: 'muito',
  mtu: 'muito',
  qro: 'quero',
  qero: 'quero',
  kero: 'quero',
  cmo: 'como',
  qdo: 'quando',
  qnd: 'quando',
  qndo: 'quando',
  ngm: 'ninguem',
  td: 'tudo',
  tds: 'todos',
  dps: 'depois',
  msg: 'mensagem',
  obg: 'obrigado',
  obgd: 'obrigado',
  obgda: 'obrigada',
  cel: 'celular',
  // Round 43: the voseo of Argentina and Uruguay ("¿tenés integración con Mercado Libre?", "¿podés agregar la
  // opción…?") asks what "ustedes tienen/pueden" does: the Spanish rules read those.
  tenes: 'tienen',
  podes: 'pueden',
};

/**
 * Words worth recognising when typed carelessly: ticket keywords and the words the topic rules
 * hinge on. A word of the message at one slip from one of these (a letter dropped, doubled, or
 * two adjacent letters swapped) reads as that word. Inflections we mean are listed themselves,
 * so "clientes" stays "clientes".
 */
const TYPO_VOCABULARY = [
  'chamado',
  'chamados',
  'ticket',
  'tickets',
  'protocolo',
  'protocolos',
  'solicitacao',
  'solicitacoes',
  'requisicao',
  'ocorrencia',
  'atendimento',
  'cliente',
  'clientes',
  'acessar',
  'acesso',
  'consigo',
  'conseguindo',
  'bloqueado',
  'bloqueada',
  'bloqueio',
  'dominio',
  'congelado',
  'cobranca',
  'cobrancas',
  'cobraram',
  'fatura',
  'faturas',
  'boleto',
  'boletos',
  'mensalidade',
  'assinatura',
  'integracao',
  'integracoes',
  'funcionalidade',
  'desconto',
  'descontos',
  'negociar',
  'negociacao',
  'painel',
  'usuario',
  'inatividade',
  'estorno',
  'reembolso',
  'duplicidade',
  'promocao',
  'anunciada',
  'anunciado',
  'plataforma',
  'lojista',
  'comprei',
  'pedido',
  'funciona',
  'funcionando',
] as const;

/** Real words one slip away from a vocabulary word: never rewritten. */
const REAL_WORDS = new Set(['cessar', 'contrata', 'funcion', 'funcionado']);

const TYPO_MIN_LENGTH = 5;
const TYPO_MAX_LENGTH = 24;

function dropVariants(word: string): string[] {
  const out: string[] = [];
  // The first letter is rarely the one dropped, and dropping it yields real words ("cessar").
  for (let i = 1; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

function swapVariants(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < word.length; i++) {
    if (word[i] === word[i + 1]) continue;
    out.push(word.slice(0, i) + word.charAt(i + 1) + word.charAt(i) + word.slice(i + 2));
  }
  return out;
}

const VOWELS = 'aeiou';

/**
 * How a word is misspelt by ear, one sound at a time: "c" of "ce/ci" and "ç" (folded to "c") as "s"
 * or "ss" ("funsiona", "cobransa", "integrassao"), "qu" as "k" ("blokeado"), "ch" as "x" ("xamado"),
 * an unstressed "e" before a vowel or at the end as "i" ("bloquiado", "clienti"), a final "o" as
 * "u" ("pedidu"), an "s" between vowels as "z" ("uzuario").
 */
function soundVariants(word: string): string[] {
  const out: string[] = [];
  const at = (i: number, length: number, by: string) => out.push(word.slice(0, i) + by + word.slice(i + length));
  for (let i = 0; i < word.length; i++) {
    const c = word.charAt(i);
    const next = word.charAt(i + 1);
    const before = word.charAt(i - 1);
    const last = i === word.length - 1;
    if (c === 'c' && i > 0 && (next === 'e' || next === 'i')) at(i, 1, 's');
    if (c === 'c' && i > 0 && (VOWELS.includes(before) || before === 'n') && 'aou'.includes(next) && next !== '') {
      at(i, 1, 's');
      at(i, 1, 'ss');
    }
    if (c === 'q' && next === 'u' && 'ei'.includes(word.charAt(i + 2)) && word.charAt(i + 2) !== '') at(i, 2, 'k');
    if (c === 'c' && next === 'h') at(i, 2, 'x');
    if (c === 'e' && i > 0 && ((next !== '' && 'ao'.includes(next)) || last)) at(i, 1, 'i');
    if (c === 'o' && last && i > 0) at(i, 1, 'u');
    if (c === 's' && i > 0 && VOWELS.includes(before) && next !== '' && VOWELS.includes(next)) at(i, 1, 'z');
  }
  return out;
}

const VOCABULARY = new Set<string>(TYPO_VOCABULARY);

/**
 * Misspelling → vocabulary word, for drops, swaps and sounds; a slip shared by two words is left out.
 * Built on first use (issue 16): a function that loads this module without reading words pays nothing.
 */
let slips: ReadonlyMap<string, string> | undefined;
const buildSlips = (): ReadonlyMap<string, string> => {
  const map = new Map<string, string | null>();
  for (const word of TYPO_VOCABULARY) {
    if (word.length <= TYPO_MIN_LENGTH) continue;
    for (const slip of [...dropVariants(word), ...swapVariants(word), ...soundVariants(word)]) {
      if (VOCABULARY.has(slip) || REAL_WORDS.has(slip)) continue;
      const prev = map.get(slip);
      map.set(slip, prev === undefined || prev === word ? word : null);
    }
  }
  const out = new Map<string, string>();
  for (const [slip, word] of map) if (word !== null) out.set(slip, word);
  return out;
};

/**
 * The canonical form of one normalised word: chat-speak and known misspellings
 * (WORD_VARIANTS), then one slip from a vocabulary word ("chamdo", "chammado", "cahmado" →
 * "chamado"). The ticket extractor and the rules both read words through this function.
 */
export function canonicalWord(word: string): string {
  // Mail repeats its words: each one is looked up once.
  return canonicalWords(word);
}

const canonicalWords = boundedMemo(50_000, canonicalFormOf);

function canonicalFormOf(word: string): string {
  // Own keys only: "constructor" is a word people write, and an Object.prototype member.
  if (Object.hasOwn(WORD_VARIANTS, word)) return WORD_VARIANTS[word] as string;
  if (word.length < TYPO_MIN_LENGTH || word.length > TYPO_MAX_LENGTH) return word;
  if (VOCABULARY.has(word) || REAL_WORDS.has(word)) return word;
  slips ??= buildSlips();
  const slip = slips.get(word);
  if (slip !== undefined) return slip;
  // A doubled letter: "chammado", "tickett".
  for (let i = 0; i + 1 < word.length; i++) {
    if (word[i] !== word[i + 1]) continue;
    const single = word.slice(0, i) + word.slice(i + 1);
    if (VOCABULARY.has(single)) return single;
  }
  return word;
}

/**
 * Every word of a normalised text in its canonical form (see canonicalWord): the maximal runs of
 * [a-z0-9] that are letters only (a word glued to digits stays as is). Only the words that
 * canonicalWord changes are cut out of the text: the others are walked on the trie of those
 * (issue 16), most of them leaving it at their first letters.
 */
export function canonicalizeWords(normalized: string): string {
  changedWords ??= buildChangedWords();
  const { trie, formAt } = changedWords;
  let out = '';
  let done = 0;
  // node: the trie's node of the word read so far from `start`; -1 once it is no changed word.
  let node = 0;
  let start = 0;
  for (let at = 0; at <= normalized.length; at++) {
    const code = at < normalized.length ? normalized.charCodeAt(at) : SPACE;
    const letter = trie.letterOf(code);
    if (letter >= 0) {
      if (node >= 0) node = trie.child(node, letter);
      continue;
    }
    if (code >= DIGIT_0 && code <= DIGIT_9) {
      node = -1;
      continue;
    }
    const form = node > 0 ? formAt[node] : undefined;
    if (form !== undefined) {
      out += normalized.slice(done, start) + form;
      done = at;
    }
    node = 0;
    start = at + 1;
  }
  return done === 0 ? normalized : out + normalized.slice(done);
}

const SPACE = 0x20;
const LETTERS_ONLY = /^[a-z]+$/;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

/**
 * The letters-only words canonicalFormOf changes, as a trie with each one's canonical form at its
 * node. Built on first use, like the slips.
 */
let changedWords: { trie: CharTrie; formAt: readonly (string | undefined)[] } | undefined;

function buildChangedWords(): NonNullable<typeof changedWords> {
  slips ??= buildSlips();
  // All canonicalFormOf may change: a variant, a slip, a vocabulary word with a letter doubled.
  const doubled = TYPO_VOCABULARY.flatMap((w) => [...w].map((_, i) => w.slice(0, i + 1) + w.slice(i)));
  const changed = new Map<string, string>();
  for (const w of new Set([...Object.keys(WORD_VARIANTS), ...slips.keys(), ...doubled])) {
    const form = canonicalFormOf(w);
    if (form !== w && LETTERS_ONLY.test(w)) changed.set(w, form);
  }
  const trie = charTrie('abcdefghijklmnopqrstuvwxyz', changed.keys());
  const formAt: (string | undefined)[] = new Array(trie.size).fill(undefined);
  for (const [w, form] of changed) formAt[trie.nodeOf(w)] = form;
  return { trie, formAt };
}

// ---------------------------------------------------------------------------------------------
// Language of a message

export type MessageLanguage = 'pt-BR' | 'es' | 'en';

/** A message language's name as the staff read it (decision reasons, staff mails). */
export const LANGUAGE_NAMES_PT: Record<MessageLanguage, string> = {
  'pt-BR': 'português',
  es: 'espanhol',
  en: 'inglês',
};

const LANGUAGE_WORDS: Record<Exclude<MessageLanguage, 'pt-BR'> | 'pt', ReadonlySet<string>> = {
  pt: new Set(
    'o os um uma nao voce voces e com ao sao tenho minha meu minhas meus loja sou ja tambem ainda mas estou ola obrigado obrigada isso esse essa muito fiz ate apos do da dos das no na pelo pela seu sua quero preciso consigo gostaria atenciosamente'.split(
      ' ',
    ),
  ),
  es: new Set(
    'el los las del y usted ustedes hola tengo pero gracias muy estoy puedo hace cuenta tienda ya tambien soy hay quiero nuestra nuestro saludos buenas buenos mi mis su sus cuando donde ayer hoy llego llegaron compre factura cobro cobraron aun todavia contrasena ningun ninguna puede pueden podrian necesito ayuda ayudarme atentamente un lo le les al con sin tienen tiene esto eso veces caida ingresar'.split(
      ' ',
    ),
  ),
  en: new Set(
    "the and is are i i'm im my you your have has not can't cannot please thanks thank this that with store account hi hello regards we our it was been of for from on an be will would could there since still yet any get got order what when how why dear best team help don't doesn't isn't need twice log charged month do does did can add plan plans which orders".split(
      ' ',
    ),
  ),
};

const PT = 1;
const ES = 2;
const EN = 4;

/**
 * The LANGUAGE_WORDS as a trie of the letters of their words (issue 16): the guess reads a
 * sample's every word without cutting it out of the text or hashing it.
 */
const LANGUAGE_TRIE = (() => {
  const lists: [ReadonlySet<string>, number][] = [
    [LANGUAGE_WORDS.pt, PT],
    [LANGUAGE_WORDS.es, ES],
    [LANGUAGE_WORDS.en, EN],
  ];
  const trie = charTrie(
    "abcdefghijklmnopqrstuvwxyz'",
    lists.flatMap(([words]) => [...words]),
  );
  /** listsAt[node]: the lists (PT | ES | EN) of the word that ends at the node. */
  const listsAt = new Uint8Array(trie.size);
  for (const [words, bit] of lists) {
    for (const w of words) {
      const node = trie.nodeOf(w);
      listsAt[node] = (listsAt[node] ?? 0) | bit;
    }
  }
  return { trie, listsAt };
})();

/** How much of a message the language guess reads. */
export const LANGUAGE_SAMPLE_CHARS = 4000;

/**
 * The language a message is written in: Spanish or English when their everyday words clearly
 * outnumber Portuguese ones, pt-BR otherwise (and for short or mixed messages).
 */
export function detectLanguage(text: string): MessageLanguage {
  return languageOfNormalized(normalize(text.slice(0, LANGUAGE_SAMPLE_CHARS)));
}

/**
 * detectLanguage's guess from its sample already normalised (whole, or as pieces joined by
 * spaces: it reads words only). A sample is the first LANGUAGE_SAMPLE_CHARS characters.
 */
export function languageOfNormalized(normalized: string): MessageLanguage {
  return languageOfCounts(languageWordCounts(normalized));
}

/** How many everyday words of each language a sample holds (a word of two lists counts for both). */
export interface LanguageWordCounts {
  pt: number;
  es: number;
  en: number;
  /** Every word of the sample, listed or not. */
  words: number;
}

/** languageOfNormalized's counts: the sample normalised (whole, or pieces joined by spaces). */
export function languageWordCounts(normalized: string): LanguageWordCounts {
  const { trie, listsAt } = LANGUAGE_TRIE;
  const counts = { pt: 0, es: 0, en: 0, words: 0 };
  // The words are the maximal runs of [a-z']. node: the trie node of the word read so far; -1 once
  // the word has left the trie (it is in no list).
  let node = 0;
  for (let i = 0; i <= normalized.length; i++) {
    const letter = i < normalized.length ? trie.letterOf(normalized.charCodeAt(i)) : -1;
    if (letter >= 0) {
      if (node >= 0) node = trie.child(node, letter);
      continue;
    }
    if (node !== 0) counts.words++;
    if (node > 0) {
      const bits = listsAt[node] ?? 0;
      if (bits & PT) counts.pt++;
      if (bits & ES) counts.es++;
      if (bits & EN) counts.en++;
    }
    node = 0;
  }
  return counts;
}

/**
 * Round 46: a sample this short ("Tienda caída", "Me cobraron dos veces", "Charged twice") has no room for
 * three everyday words of its language: two that outnumber the others' tell it. English needs no
 * Portuguese word beside them ("tô sem acesso, help" stays pt-BR; "to" is in no list, it is chat-speak's tô).
 */
export const SHORT_SAMPLE_WORDS = 8;

/**
 * Spanish or English when their words clearly outnumber Portuguese ones; pt-BR otherwise. `short`: whether
 * a short sample may be told by two words (not when it answers or forwards a quote: the subject "Fwd:
 * Your order" is not her words).
 */
export function languageOfCounts({ pt, es, en, words }: LanguageWordCounts, short = true): MessageLanguage {
  if (es >= 3 && es > pt * 1.2 && es > en) return 'es';
  if (en >= 3 && en > pt * 1.2 && en > es) return 'en';
  if (!short || words > SHORT_SAMPLE_WORDS) return 'pt-BR';
  if (es >= 2 && es > pt && es > en) return 'es';
  if (en >= 2 && pt === 0 && en > es) return 'en';
  return 'pt-BR';
}

/**
 * The language of a reply too short to tell on its own words, from the quote it answers: no
 * Portuguese word of hers, and either a word of the quote's language ("Ticket 51234. Thanks", "Es
 * el 51234, gracias") or no word at all ("51234", "#51234 !!") above a reply quote (not a bare
 * forward: what she forwards may be anyone's). The quote is then our reply in her language, or her own earlier mail.
 * `own`: the counts of her sample (subject and fresh words); `split`: her body split; pt-BR otherwise.
 */
export function languageOfShortReply(own: LanguageWordCounts, subject: string, split: SplitText): MessageLanguage {
  if (own.pt > 0 || split.quoted.trim() === '' || isBareForward(subject, split)) return 'pt-BR';
  const quoted = detectLanguage(split.quoted);
  if (quoted === 'pt-BR') return 'pt-BR';
  // Wordless: numbers and signs only; a word in no list ("Pedido atrasado") may be Portuguese. Her
  // own words count, not the subject's: "Re: Order delay" may be the thread she answers.
  const wordless = !TWO_LETTERS.test(split.fresh);
  return wordless || languageWordCounts(normalize(split.fresh.slice(0, LANGUAGE_SAMPLE_CHARS)))[quoted] > 0
    ? quoted
    : 'pt-BR';
}

/** A literal string as a regular expression matches it (a configured word, address or domain). */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
