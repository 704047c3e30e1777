/**
 * Text helpers shared by the ticket extractor and the eligibility rules: accent- and
 * case-insensitive normalisation, and the split between what the sender wrote now and the
 * history their mail client quoted or forwarded.
 */

/** Ordinal indicators and the degree sign, as merchants type "nº", "n°", "1ª". */
const ORDINALS: Record<string, string> = { º: 'o', '°': 'o', ª: 'a' };
const ORDINAL_RE = /[ºª°]/g;
const COMBINING_MARKS = /\p{M}+/gu;
/** Zero-width characters and soft hyphens split words invisibly: drop them. */
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
/** Everything that is not a lower-case ASCII letter, a digit, whitespace or basic punctuation. */
const NOT_KEPT = /[^a-z0-9\s.,;:!?#/()\-'"@%$&+=_*]/g;

/**
 * Lower-case, without accents (NFD, marks removed), ordinals folded ("nº" → "no"), anything
 * but letters, digits and basic punctuation turned into a space, whitespace collapsed.
 */
export function normalize(text: string): string {
  return text
    .replace(INVISIBLE, '')
    .replace(ORDINAL_RE, (c) => ORDINALS[c] ?? c)
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(NOT_KEPT, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Like normalize, but one output character per input UTF-16 unit, so offsets found in the
 * folded text are offsets in the input (the ticket extractor quotes the original around a match).
 * The input should be NFC so that accented letters are single units.
 */
export function foldKeepingLength(text: string): string {
  const out: string[] = new Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    const ordinal = ORDINALS[c];
    if (ordinal !== undefined) {
      out[i] = ordinal;
      continue;
    }
    const lower = c.toLowerCase();
    const base = lower.normalize('NFD').replace(COMBINING_MARKS, '');
    out[i] = base.length === 1 ? base : lower.length === 1 ? lower : ' ';
  }
  return out.join('');
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

/** "Em 25/11/2026 10:32, Fulano <f@x> escreveu:", "On Tue, ... wrote:". */
const ATTRIBUTION_END = /(escreveu|wrote|escribio|a ecrit) ?:$/;
const ATTRIBUTION_START = /^(em|on|el|le|no dia|na data) /;

const HEADER_FROM = /^\*?(de|from) ?:\*? ?\S/;
const HEADER_DATE = /^\*?(enviado|enviada|enviado em|enviada em|sent|data|date) ?:/;
const HEADER_TO_OR_SUBJECT = /^\*?(para|to|assunto|subject|cc) ?:/;

const MOBILE_FOOTER: RegExp[] = [
  /^(enviado|enviada) (do|de|pelo|pela|via|a partir do|a partir de|com o|com) (meu |minha |o |a )?(iphone|ipad|android|celular|smartphone|samsung|galaxy|motorola|xiaomi|tablet|outlook|app|aplicativo|e-mail|email|gmail|yahoo|mail|dispositivo|telefone|blackberry)\b/,
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

/** Where quoted history starts at line i, and how many lines the marker spans. */
function quoteMarkerAt(lines: readonly string[], i: number): { kind: 'attribution' | 'block'; span: number } | null {
  const line = normalize(lines[i] ?? '');
  if (line === '') return null;
  if (SEPARATOR_LINES.some((re) => re.test(line))) return { kind: 'block', span: 1 };
  if (line.length <= 300 && ATTRIBUTION_END.test(line)) return { kind: 'attribution', span: 1 };
  // Gmail wraps long attributions: "Em qua., 25 de nov. de 2026 às 10:32, Fulano <" / "f@x> escreveu:".
  if (ATTRIBUTION_START.test(line)) {
    const next = normalize(lines[i + 1] ?? '');
    if (next !== '' && `${line} ${next}`.length <= 300 && ATTRIBUTION_END.test(next)) {
      return { kind: 'attribution', span: 2 };
    }
  }
  if (HEADER_FROM.test(line) && isOutlookHeaderBlock(lines, i)) return { kind: 'block', span: 1 };
  // Outlook draws a line of underscores above the header block.
  if (/^_{8,}$/.test(line)) {
    const j = nextNonBlank(lines, i + 1);
    if (j !== -1 && HEADER_FROM.test(normalize(lines[j] ?? '')) && isOutlookHeaderBlock(lines, j)) {
      return { kind: 'block', span: 1 };
    }
  }
  return null;
}

/** "De:" / "From:" followed, within a few lines, by a date line and a recipient or subject line. */
function isOutlookHeaderBlock(lines: readonly string[], i: number): boolean {
  let date = false;
  let toOrSubject = false;
  for (let j = i + 1; j <= i + 6 && j < lines.length; j++) {
    const l = normalize(stripQuotePrefix(lines[j] ?? ''));
    if (HEADER_DATE.test(l)) date = true;
    if (HEADER_TO_OR_SUBJECT.test(l)) toOrSubject = true;
  }
  return date && toOrSubject;
}

function nextNonBlank(lines: readonly string[], from: number): number {
  for (let j = from; j < lines.length; j++) {
    if ((lines[j] ?? '').trim() !== '') return j;
  }
  return -1;
}

function isMobileFooter(line: string): boolean {
  const n = normalize(line);
  return n !== '' && n.length <= 120 && MOBILE_FOOTER.some((re) => re.test(n));
}

/**
 * Separates what the sender wrote now from quoted history and forwarded content.
 * Top-posted replies and forwards: everything from the marker down is quoted. Interleaved
 * replies (attribution followed by '>' lines): only the '>' lines are quoted, the sender's
 * answers between them stay fresh. The signature (after "-- ") and mobile footers
 * ("Enviado do meu iPhone") are neither: they are dropped.
 */
export function splitQuoted(text: string): SplitText {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const fresh: string[] = [];
  const quoted: string[] = [];
  let mode: 'fresh' | 'signature' | 'quoted' = 'fresh';

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
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
      const after = nextNonBlank(lines, i + marker.span);
      if (marker.kind === 'attribution' && after !== -1 && isQuoteLine(lines[after] ?? '')) {
        // Interleaved or '>'-quoted reply: keep reading line by line.
        for (let k = 0; k < marker.span; k++) quoted.push(lines[i + k] ?? '');
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
    if (isMobileFooter(line)) continue;
    fresh.push(line);
  }

  return { fresh: fresh.join('\n').trim(), quoted: quoted.join('\n').trim() };
}
