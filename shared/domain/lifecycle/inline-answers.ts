/**
 * Answers written inside the quoted history, where the relay never looks (it sends the fresh text
 * only: commands.ts freshStaffText). The merchant would get the answers without their questions,
 * or none at all:
 * - between the quote's '>' lines, an answer under each question;
 * - below a line that says so ("Respondi abaixo, em vermelho.", "Respostas no corpo do e-mail"),
 *   Outlook's way: the answers sit in the quoted mail, in colour, with no '>' to tell them apart;
 * - below a last line that points at them ("Segue o retorno da equipe técnica abaixo.", "Veja o
 *   que o financeiro respondeu:"): a forwarded mail the relay cuts.
 * Such a mail is refused and the analyst told to write above the history (plan.ts).
 */
import { ATTRIBUTION_END, bareSignature, foldKeepingLength, type SplitText, splitQuoted } from '../text';

const QUOTE_LINE = /^\s*>/;
/** The signature delimiter: below it nothing is an answer. */
const SIGNATURE_DELIMITER = /^--\s*$/;

/**
 * Words saying where the answers are: an answer word, then (within the clause) below, in a colour,
 * in the body or between the lines. Never "segue abaixo o link" or "o botão em vermelho", which are
 * answers themselves.
 */
const ANSWERS_ELSEWHERE = [
  /\b(?:respostas?|respond(?:i|o|emos|idas?|idos?)|comentarios?|comentei|comentamos)\b[^.;!?\n]{0,40}?\b(?:abaixo|logo abaixo|em vermelho|em azul|em destaque|no corpo d[oa] (?:e-?mail|mensagem)|entre as linhas|ao longo d[oa] (?:e-?mail|mensagem)|inline)\b/,
  /\b(?:answers?|answered|replies|replied|comments?)\b[^.;!?\n]{0,30}?\b(?:below|inline|in red|in blue)\b/,
  /\b(?:respuestas?|respondi|comentarios?)\b[^.;!?\n]{0,30}?\b(?:abajo|en rojo|en azul)\b/,
];

/**
 * A line that ends pointing at what follows ("Segue o retorno da equipe técnica abaixo.", "Veja a
 * seguir:", "Segue o que o time de integrações respondeu:"): in a mail without files, what follows
 * is the forwarded or quoted mail, which is cut ("Segue o comprovante:" over a PDF points at the
 * file). "Segue abaixo o link: https://…" ends in what it points at, and is an answer.
 * Read from the end of the line by hand: a regular expression anchored at `$` after a repeated class
 * retries from every ':' of the line, quadratic in a line of colons (SPEC trust rules: text work is
 * linear in its length).
 */
function pointsBelow(line: string): boolean {
  let end = line.length;
  let colon = false;
  while (end > 0 && TRAILING_MARKS.has(line[end - 1] as string)) {
    if (line[end - 1] === ':') colon = true;
    end--;
  }
  // The word and the character before it, if any (for its word boundary).
  return colon || POINTING_WORD.test(line.slice(Math.max(0, end - 9), end));
}

const TRAILING_MARKS: ReadonlySet<string> = new Set([' ', '\t', '\u00a0', '.', '!', ':']);
const POINTING_WORD = /(?:\babaixo|\ba seguir|\bbelow|\babajo)$/;

/** An answer line between two quoted lines of the history. */
function answersBetweenQuotes(text: string): boolean {
  let quoted = false;
  let answered = false;
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    if (SIGNATURE_DELIMITER.test(trimmed)) return false;
    if (QUOTE_LINE.test(line)) {
      if (answered) return true;
      quoted = true;
    } else if (quoted && !ATTRIBUTION_END.test(foldKeepingLength(trimmed))) {
      // An attribution ("Em …, Ouvidoria escreveu:") stands above a quote: it is no answer.
      answered = true;
    }
  }
  return false;
}

/**
 * The fresh text's last line says the answers are elsewhere: nothing of hers follows it, so they
 * must be in the history ("Seguem as respostas abaixo:" over a list of them is an answer).
 */
function announcesAnswersBelow(fresh: string, hasFiles: boolean): boolean {
  // Her name or signature under the line ("Respondi abaixo em vermelho." over "Pedro") is not the last line.
  const lines = (bareSignature(fresh)?.above ?? fresh)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const last = lines.at(-1);
  if (last === undefined) return false;
  const folded = foldKeepingLength(last);
  return ANSWERS_ELSEWHERE.some((re) => re.test(folded)) || (!hasFiles && pointsBelow(folded));
}

/**
 * Whether the mail answers inside its quoted history. `text`: the mail's whole text; `fresh`: what
 * the relay would send (freshStaffText); `hasFiles`: the mail carries files (inline images too),
 * which a last line may point at. A mail that quotes nothing has no history to answer in.
 */
export function answersInsideQuote(text: string, fresh: string, hasFiles = false): boolean {
  if (splitQuoted(text).quoted === '') return false;
  return answersBetweenQuotes(text) || announcesAnswersBelow(fresh, hasFiles);
}

/**
 * A merchant's message as the analyst's copy and her status page read it: its fresh text and quoted
 * history — or, when she answered under the office's quoted questions, the whole mail as she wrote
 * it (`asWritten`): the fresh lines alone would be answers without their questions.
 */
export function merchantMessageRead(text: string, hasFiles: boolean): SplitText & { asWritten: boolean } {
  const split = splitQuoted(text);
  return answersInsideQuote(text, split.fresh, hasFiles)
    ? { fresh: text.trim(), quoted: '', asWritten: true }
    : { ...split, asWritten: false };
}
