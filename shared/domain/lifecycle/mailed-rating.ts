/**
 * A score written in a reply to the closing mail, whose survey says "Escolha uma nota de 1 a 5":
 * "Nota 5", "5", "Dou nota 4", "4/5", "5 estrelas", "⭐⭐⭐⭐⭐", "nota máxima", "nota 10". Many people
 * answer the survey that way instead of clicking a link; read as a request, it reopened the case and
 * sent her "reabrimos o seu caso" (thanks.ts readClosingReply decides whether the rest of her words
 * are only thanks or praise).
 *
 * Read strictly, since a date or an order number read as a score would put words in her mouth: a
 * number counts only beside a rating word ("nota", "estrelas", "avaliação", "dou") or as her whole
 * message. The ends of any scale agree ("nota 10" and "nota máxima" are the top, "nota zero" the
 * bottom: Brazilian idiom and a 0–10 scale say the same; below it, "nota -10", is the bottom too); a
 * middle value on another scale ("nota 8", "7/10") and scores that disagree are a rating with no score.
 */
import { normalize } from '../text';

/** A score of the survey (1–5), or undefined when her rating gives none unambiguously. */
export interface MailedRating {
  score?: number;
  /** Her text with the rating expressions taken out (normalised), for the word check of the rest. */
  rest: string;
  /** A top score she takes back in the same breath ("Nota 5… só que não"): no score, her words kept. */
  ironic?: true;
}

const TOP = 5;
const BOTTOM = 1;

/** Number words as a rating uses them (normalised); the ends of any scale read as the survey's ends. */
const NUMBER_WORDS: Record<string, number | 'top' | 'bottom'> = {
  zero: 'bottom',
  um: 1,
  uma: 1,
  dois: 2,
  duas: 2,
  tres: 3,
  quatro: 4,
  cinco: 5,
  dez: 'top',
  cem: 'top',
  mil: 'top',
  maxima: 'top',
  maximo: 'top',
  minima: 'bottom',
  minimo: 'bottom',
  // es, en
  uno: 1,
  dos: 2,
  cuatro: 4,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  ten: 'top',
};

/** A number as she writes it: digits (a decimal comma or point: "4,5", "5.0"), or a number word. */
const NUMBER = `(\\d{1,4}(?:[.,]\\d{1,2})?|${Object.keys(NUMBER_WORDS).join('|')})`;
/** Words that say a number is a rating (normalised). */
const CUE = '(?:nota|avaliacao|avalio(?: com)?|dou|daria|rating|score|rate|puntuacion|calificacion|le doy|doy)';
const OUT_OF = '(?:\\s*(?:\\/|de|em|sobre|out of)\\s*(5|10)\\b)?';

/**
 * The expressions, each bounded (single spaces after normalize; fixed words around at most two
 * numbers), matched left to right: linear in the text.
 */
const CUED = new RegExp(`\\b${CUE}\\s?(?:final\\s?)?(?:e\\s?)?[:=-]?\\s?(?:(?:um|un|a)\\s)?${NUMBER}\\b${OUT_OF}`, 'g');
/**
 * A score below any scale's bottom: "nota -10", "nota menos mil" (Brazilian idiom for the worst), the
 * minus against the number or the word "menos" (a dash with a space after it, "Nota - 5", only
 * separates). Read first, as the survey's bottom: CUED read "nota -10" past its dash as the top score.
 */
const NEGATIVE = new RegExp(`\\b${CUE}\\s?(?:final\\s?)?(?:e\\s?)?[:=]?\\s?(?:-|menos\\s)${NUMBER}\\b${OUT_OF}`, 'g');
/** Minus signs normalize would drop ("nota −10" read "nota 10"): the ASCII one, which it keeps. */
const MINUS_SIGNS = /[\u2212\ufe63\uff0d]/g;
const STARRED = new RegExp(`\\b${NUMBER}\\s?(?:estrelas?|stars?|estrellas?)\\b`, 'g');
const FRACTION = /\b(\d{1,2})\s?(?:\/|de|em|sobre|out of)\s?(5|10)\b/g;
/** Her whole message a number or a fraction ("5", "Cinco!", "10/10"). */
const WHOLE = new RegExp(`^\\s*${NUMBER}${OUT_OF}[\\s!.]*$`);
/**
 * The survey's own labels (merchant-words.ts `scores`), as she may copy one back ("5 — Muito
 * satisfeito(a)") or say it ("Satisfeita"): longest first, so "muito satisfeito" is not read as
 * "satisfeito". Each reads as its score.
 */
const LABEL =
  /\b(muito insatisfeit[oa]s?|muy insatisfech[oa]s?|very dissatisfied|insatisfeit[oa]s?|insatisfech[oa]s?|dissatisfied|neutr[oa]|neutral|muito satisfeit[oa]s?|muy satisfech[oa]s?|very satisfied|satisfeit[oa]s?|satisfech[oa]s?|satisfied)\b(?:\s?\(as?\))?/g;
/** A number opening a labelled answer ("4 - Satisfeita", "5 — Muito satisfeito(a)": the dash read away). */
const LEADING = new RegExp(`^\\s*${NUMBER}\\b\\s?[-:]?`);

function labelScore(label: string): number {
  if (/^(muito|muy) in|^very dis/.test(label)) return 1;
  if (/^in|^dis/.test(label)) return 2;
  if (label.startsWith('neutr')) return 3;
  if (/^(muito|muy|very) /.test(label)) return 5;
  return 4;
}

const ANY_CUE = new RegExp(`\\b(?:${CUE}|estrelas?|stars?|estrellas?)\\b|${LABEL.source}`);
/**
 * A clause that takes a praise back ("Nota 5… só que não", "5 estrelas kkk mentira", "nota 10 #sqn",
 * "5 stars… NOT!", "(ironia)", "é brincadeira"): her top score is then sarcasm, the worst she could
 * say, and recording it as a 5 would turn a complaint into the report's satisfaction. Read only after
 * a high score (a low one with "mentira" is her word about the service: "Nota 1, me contaram
 * mentira"), and only as a clause of its own: inside a sentence the same words say something else
 * ("não foi brincadeira resolver isso", "a mentira do suporte", "ironia do destino"), as they do when
 * said to mean it ("sem brincadeira", "não é mentira", "not kidding").
 */
const TAKE_BACK_CLAUSE =
  /^(?:(?:e|eh|ne|mas|claro|pura|puro|so|to|tou) )*(?:so (?:que|q) na+o+|#?soque?na+o+|#?sqn|so se for (?:pra|para) (?:rir|piada|zoar)|mentira|mentirinha|ironia|ironic[oa]|brincadeira|brincadeirinha|zoeira|zoando|es broma|just kidding|yeah right|not)$/;
/** Laughter around a take-back ("kkk mentira", "só que não rsrs"): no word of the clause. */
const LAUGHTER = /^(?:k{2,}|(?:rs)+|(?:ha){2,}h?|(?:he){2,}|(?:hu[ae]?){2,}|lol)$/;

function takesItBack(rest: string): boolean {
  return rest.split(/[^a-z0-9# ]+/).some((clause) => {
    const words = clause.split(' ').filter((w) => w !== '' && !LAUGHTER.test(w));
    return words.length > 0 && TAKE_BACK_CLAUSE.test(words.join(' '));
  });
}
/**
 * Faces that roll their eyes at what they stand beside ("Nota 5 🙄", "5 estrelas 😒", "nota 10 🤡"):
 * beside a bare top score, with no word of hers to say what she means, the face is the take-back. With
 * words around it the face is her mood about one of them ("Nota 5 🙄 demorou, mas a Ana resolveu"),
 * and her score stands. 🙃 is left out: as often playful as ironic.
 */
const EYE_ROLL = /\u{1F644}|\u{1F612}|\u{1F921}/u;

function rollsHerEyes(fresh: string, rest: string): boolean {
  return EYE_ROLL.test(fresh) && rest.split(/[^a-z0-9#]+/).every((w) => w === '' || LAUGHTER.test(w));
}
/** Scores a sarcasm can take back: the praise ones. */
const PRAISE_SCORE = 4;

/** Filled stars (an empty ☆ is no point). */
const STARS = /[⭐🌟★]/gu;

type Value = number | 'ambiguous';

/** The survey's score for `raw` out of `scale` (undefined: a 1–5 scale), or 'ambiguous'. */
function scoreOf(raw: string, scale: string | undefined): Value {
  const word = NUMBER_WORDS[raw];
  const n = word === undefined ? Number(raw.replace(',', '.')) : word;
  if (n === 'top') return TOP;
  if (n === 'bottom') return BOTTOM;
  if (scale === '10') {
    if (n === 0) return BOTTOM;
    // Halves of a ten-point score are the survey's only when whole ("8/10" → 4, "7/10" is not).
    return n >= 1 && n <= 10 && n % 2 === 0 ? n / 2 : 'ambiguous';
  }
  if (n === 0) return BOTTOM;
  // "4,5" is between two of the survey's scores: no score of hers.
  if (Number.isInteger(n) && n >= 1 && n <= 5) return n;
  // The top of a ten- or hundred-point scale ("nota 10", "nota 100", "nota 1000": idiom for the best).
  if (n === 10 || n === 100 || n === 1000) return TOP;
  return 'ambiguous';
}

/**
 * The rating in her fresh text, or null when she gives none. `fresh`: her words above the quote,
 * sign-off cut (the caller's). The stars are counted on her text; the rest is read normalised.
 */
export function readMailedRating(fresh: string): MailedRating | null {
  const values: Value[] = [];
  const stars = fresh.match(STARS)?.length ?? 0;
  if (stars > 0) values.push(Math.min(stars, TOP));
  let text = normalize(fresh.replace(MINUS_SIGNS, '-'));
  const whole = WHOLE.exec(text);
  // A number alone is a rating only when it is a score ("5", "10/10"): "4521" alone may be the order
  // she was asked for, and "8" a score of another scale with no word to say so.
  const alone = whole ? scoreOf(whole[1] ?? '', whole[2]) : 'ambiguous';
  if (alone !== 'ambiguous') {
    values.push(alone);
    text = '';
  }
  const cued = ANY_CUE.test(text);
  // Each expression read is taken out of the text, so that the rest is only her other words.
  const take = (pattern: RegExp, scaled: boolean) => {
    text = text.replace(pattern, (_match: string, number: string, scale: unknown) => {
      values.push(scoreOf(number, scaled && typeof scale === 'string' ? scale : undefined));
      return ' ';
    });
  };
  text = text.replace(NEGATIVE, () => {
    values.push(BOTTOM);
    return ' ';
  });
  take(CUED, true);
  take(STARRED, false);
  let labelled = false;
  text = text.replace(LABEL, (_match: string, label: string) => {
    labelled = true;
    values.push(labelScore(label));
    return ' ';
  });
  if (labelled) take(LEADING, false);
  // A bare fraction is a score only in a message that speaks of rating ("Recebi dia 4/5" is a date).
  if (cued) take(FRACTION, true);
  if (values.length === 0) return null;
  const scores = new Set(values);
  const only = scores.size === 1 ? values[0] : 'ambiguous';
  const rest = text.trim();
  if (typeof only === 'number' && only >= PRAISE_SCORE && (takesItBack(rest) || rollsHerEyes(fresh, rest))) {
    return { rest, ironic: true };
  }
  return { ...(typeof only === 'number' ? { score: only } : {}), rest };
}

/**
 * What a rating in her reply to a closed case came to, for the analyst's copy: a score and whether
 * the survey takes it (`counts`: open and unanswered, so it is recorded, or already is; `answered`:
 * the survey had another answer, `closed`: past its days), or a top score taken back in irony.
 */
export type RatingNews = { score: number; survey: 'counts' | 'answered' | 'closed' } | { ironic: true };

/**
 * The news of her rating (undefined: her words hold none). `answer`: the survey's answer stored now
 * (hers, recorded right after the forward, or another); `surveyOpen`: within surveyLinkDays of the closing.
 */
export function ratingNews(
  rating: MailedRating | null | undefined,
  answer: { score: number; via?: 'email' } | null,
  surveyOpen: boolean,
): RatingNews | undefined {
  if (rating?.ironic) return { ironic: true };
  const score = rating?.score;
  if (score === undefined) return undefined;
  if (answer) return { score, survey: answer.via === 'email' && answer.score === score ? 'counts' : 'answered' };
  return { score, survey: surveyOpen ? 'counts' : 'closed' };
}
