/**
 * The eligibility engine: deterministic and explainable. Text rules read the subject, the
 * webform topic and what the sender wrote now (never the quoted history), normalised and one
 * sentence at a time; signal rules read SES verdicts, form fields and the ticket check.
 *
 * Precedence (first that applies decides):
 *  1. QUARANTINED — unparseable mail, spam or virus verdict, failed sender authentication;
 *  1b. NOT_A_CLIENT by the form choice;
 *  1c. automatic mail (headers or text) — NO_PRIOR_TICKET with rule auto.*: never a case, even
 *      when it mentions a ticket;
 *  2. NOT_A_CLIENT — the text says so (a store's shopper gets the `shopper` reply variant),
 *     unless a valid/unverified ticket proves otherwise;
 *  3. OUT_OF_SCOPE_COMMERCIAL — negotiation or special conditions, even with a ticket;
 *  4. OUT_OF_SCOPE_FEATURE — features or integrations that do not exist, even with a ticket;
 *  5. the prior ticket — valid/unverified → ACCEPTED, invalid → TICKET_INVALID (but a number she disowns,
 *     "não abri chamado nenhum", goes on as none);
 *  6. no ticket — ACCESS_ISSUE, then BILLING_QUESTION, else NO_PRIOR_TICKET.
 *
 * Sender authentication: DMARC FAIL quarantines; so does SPF FAIL unless DKIM PASSes (a
 * forwarded or list-relayed message breaks SPF but keeps a valid DKIM signature) — except when the
 * From domain's DMARC policy is p=none (dmarcMonitoringOnly). GRAY, DISABLED and
 * PROCESSING_FAILED are "could not tell", never a failure.
 */
import {
  automaticBySubjectAlone,
  isMachineGenerated,
  noticeWordsAreTheMerchants,
  personsWordsOf,
  SUBJECT_SIGNS,
} from '../auto-reply-policy';
import { type CharTrie, charTrie } from '../char-trie';
import type { OuvidoriaConfig } from '../config';
import { ALREADY_OPENED_OUTCOMES, type Decision, type ReplyVariant, type TicketCheck } from '../decision';
import { once } from '../memo';
import { OUTCOMES } from '../outcome';
import { type ReplyOutcome, renderReply } from '../replies';
import { dmarcMonitoringOnly } from '../sender-authentication';
import { UNREAD_REASON } from '../received-mail';
import { type Submission, virusDetected } from '../submission';
import { extractTicketCandidates } from '../tickets';
import {
  canonicalizeWords,
  capText,
  escapeRegExp,
  LANGUAGE_NAMES_PT,
  LANGUAGE_SAMPLE_CHARS,
  languageOfCounts,
  languageOfShortReply,
  languageWordCounts,
  SHORT_SAMPLE_WORDS,
  normalize,
  normalizeEach,
  bottomPostedText,
  isBareForward,
  isLetterOverForward,
  isShortLineOverForward,
  type SplitText,
  splitQuoted,
  withoutSignOff,
  cutBetweenCharacters,
} from '../text';
import {
  A_BUYERS_DEED,
  AFTERTHOUGHT,
  AS_A_REMEDY,
  DATA_REQUEST,
  LEFT_THE_PLAN,
  FIRST_PERSON,
  FOR_NON_PAYMENT,
  NEGATABLE_STAGES,
  NO_TICKET_OPENED,
  TICKET_OPENED,
  TICKET_NOT_OPENED_WITH_US,
  ON_BEHALF,
  OTHER_PLATFORMS,
  OWN_MATTER,
  PHRASE_REWRITES,
  REACTS_TO_FORWARD,
  eligibilityRules,
  type Rule,
  ruleById,
  SAID_NOT_TO_BE,
  SAID_SETTLED,
  SUPPORT_NAMED,
  SUPPORT_REPLIED,
  SUPPORT_SAID,
  THE_STORE_AS_CLIENT,
  WRITES_FOR_THE_STORE,
} from './rules';
/** A lone `*` in a phrase matches up to this many words. */
const GAP_WORDS = 4;
const MAX_EVIDENCE = 60;

/**
 * A compiled phrase and its key: a whole word of the phrase (the longest) that every match
 * contains as a maximal run of [a-z0-9], or null when the phrase has none (only prefixes such as
 * "bloque*"). A sentence without the key cannot match, so the regular expression is not tried.
 */
interface Phrase {
  /** The phrase as written (normalised, tokens apart by one space): split only when its expression is built. */
  text: string;
  /**
   * Its whole-word regular expression, built the first time a sentence has its key or needle
   * (firstMatch): a container's first messages try few of the phrases (issue 16, cold start).
   */
  re: RegExp | undefined;
  /** The phrase itself when it has no wildcard, null when it has one. */
  literal: string | null;
  key: string | null;
  /** Without a key: the longest run of [a-z0-9] the phrase spells out (a prefix), which every match contains. */
  needle: string | null;
  /**
   * Its other runs of [a-z0-9] (neither its key nor its needle, three letters or more, each once), which every
   * match contains too: a sentence without one of them is not run through the expression. Set with `re`.
   */
  others: readonly string[] | undefined;
}

/** A list of phrases (a rule's phrases, requires, unless…), numbered for the sentence filters. */
interface PhraseList {
  id: number;
  phrases: readonly Phrase[];
  /**
   * Key (its node in the vocabulary) → the indices (ascending) of the phrases with that key:
   * firstMatch reads the phrases of the sentence's keys, not every phrase of the list (issue 16).
   * Filled by compileAll once the vocabulary numbers the keys.
   */
  byKey: Map<number, number[]>;
  /** The indices (ascending) of the phrases without key. */
  unkeyed: readonly number[];
}

interface CompiledRule {
  rule: Rule;
  phrases: PhraseList;
  requires: PhraseList;
  unless: PhraseList;
  unlessInMessage: PhraseList;
  requiresInMessage: PhraseList;
  unlessInClause: PhraseList;
  unlessExceptIn: PhraseList;
  /** Rule.unlessYieldsAfter's two lists (empty when the rule has none). */
  yieldsAfter: PhraseList;
  yielding: PhraseList;
  namedBefore: PhraseList;
  /** SAID_NOT_TO_BE for the topic, commercial and feature rules; empty for the others. */
  saidNotToBe: PhraseList;
  /** SAID_SETTLED for the same rules; empty for the others. */
  saidSettled: PhraseList;
}

function phraseTokens(phrase: string): string[] {
  return normalize(phrase)
    .split(' ')
    .filter((token) => token !== '');
}

/** Compiles a phrase (see the syntax in rules.ts) into a whole-word regular expression. */
export function compilePhrase(phrase: string): RegExp {
  return regExpOfTokens(phraseTokens(phrase));
}

function regExpOfTokens(tokens: readonly string[], flags = ''): RegExp {
  let body = '';
  for (const token of tokens) {
    if (token === '*') {
      body += `(?:\\s+\\S+){0,${GAP_WORDS}}`;
      continue;
    }
    const part = token.endsWith('*') ? `${escapeRegExp(token.slice(0, -1))}[a-z0-9]*` : escapeRegExp(token);
    body += body === '' ? part : `\\s+${part}`;
  }
  return new RegExp(`(?<![a-z0-9])${body}(?![a-z0-9])`, flags);
}

/**
 * The words every match of compilePhrase(phrase) contains whole: each token is preceded by
 * whitespace or the start guard and followed by whitespace or the end guard, so a run of
 * [a-z0-9] inside a token is a maximal run of the matched text — except the last run of a
 * prefix token ("cliente*"), which may go on.
 */
export function phraseWords(phrase: string): string[] {
  return wordsOfTokens(phraseTokens(phrase));
}

function wordsOfTokens(tokens: readonly string[]): string[] {
  const words: string[] = [];
  for (const token of tokens) {
    if (token === '*') continue;
    const prefix = token.endsWith('*');
    const literal = prefix ? token.slice(0, -1) : token;
    for (const m of literal.matchAll(/[a-z0-9]+/g)) {
      const end = (m.index ?? 0) + m[0].length;
      if (!(prefix && end === literal.length)) words.push(m[0]);
    }
  }
  return words;
}

/**
 * A rule phrase's key and needle (see Phrase) in one pass over its characters: the key is the
 * longest of phraseWords(phrase) (the first of equals); without one, the needle is the longest run
 * of [a-z0-9] (issue 16: the first message of a container reads every phrase of every list).
 */
export function phraseKeyAndNeedle(phrase: string): { key: string | null; needle: string | null } {
  let key: string | null = null;
  let needle: string | null = null;
  let start = -1;
  for (let i = 0; i <= phrase.length; i++) {
    const code = i < phrase.length ? phrase.charCodeAt(i) : SPACE_CODE;
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) {
      if (start < 0) start = i;
      continue;
    }
    if (start < 0) continue;
    const length = i - start;
    // A run right before the '*' of a prefix token ("cliente*") may go on in a match: not a key.
    if (code !== STAR_CODE && (key === null || length > key.length)) key = phrase.slice(start, i);
    if (needle === null || length > needle.length) needle = phrase.slice(start, i);
    start = -1;
  }
  return { key, needle: key === null ? needle : null };
}

const SPACE_CODE = 0x20;
const STAR_CODE = 0x2a;

function compilePhrases(list: readonly string[], id: number, seen: Map<string, Phrase>): PhraseList {
  // Rule phrases are written normalised (a rules test holds it): read as they are, and each one's
  // expression built on first use. Half of them are shared guard lists repeated across rules: one
  // Phrase (and one expression) per text. Plain loops and one object per phrase: this runs for
  // 19,000 phrases at a container's first message, in cold code (issue 16).
  const phrases: Phrase[] = new Array(list.length);
  const unkeyed: number[] = [];
  for (let i = 0; i < list.length; i++) {
    const text = list[i] as string;
    let phrase = seen.get(text);
    if (phrase === undefined) {
      const { key, needle } = phraseKeyAndNeedle(text);
      phrase = { text, re: undefined, literal: text.includes('*') ? null : text, key, needle, others: undefined };
      seen.set(text, phrase);
    }
    phrases[i] = phrase;
    if (phrase.key === null) unkeyed.push(i);
  }
  return { id, phrases, byKey: new Map(), unkeyed };
}

/** A phrase rewrite (PHRASE_REWRITES), its expression built the first time a text has its words. */
interface Rewrite {
  tokens: readonly string[];
  re: RegExp | undefined;
  to: string;
  /** The phrase's words (phraseWords), last to first, which a text it changes has. */
  words: readonly string[];
}

/** The rewrites, and where a text's words send the reading: indices of the rewrites by their first word. */
interface Rewrites {
  list: readonly Rewrite[];
  /** Word → indices (ascending) of the rewrites whose words[0] (their last, rarest word) it is. */
  byFirstWord: ReadonlyMap<string, readonly number[]>;
  /** The first words: a text's words are walked against them, never cut out and hashed. */
  firstWords: CharTrie;
  /** byFirstWord by the word's node in firstWords. */
  atFirstWord: readonly (readonly number[] | undefined)[];
  /** Indices of the rewrites without a word: tried on every text. */
  wordless: readonly number[];
}

interface Compiled {
  rules: readonly CompiledRule[];
  /** ON_BEHALF and AS_A_REMEDY, read by decide on the same sentences as the rules. */
  onBehalf: PhraseList;
  /** NO_TICKET_OPENED: her own words that she opened no ticket. */
  noTicketOpened: PhraseList;
  /** TICKET_OPENED and TICKET_NOT_OPENED_WITH_US: her words that she already opened a ticket with us. */
  ticketOpened: PhraseList;
  notOpenedWithUs: PhraseList;
  writesForTheStore: PhraseList;
  theStoreAsClient: PhraseList;
  aBuyersDeed: PhraseList;
  asARemedy: PhraseList;
  /** DATA_REQUEST and LEFT_THE_PLAN, read by decide: her leaving told beside a data request is no billing matter. */
  dataRequest: PhraseList;
  leftThePlan: PhraseList;
  /** AFTERTHOUGHT, read by problemBeforeWishes. */
  afterthought: PhraseList;
  /** REACTS_TO_FORWARD and OWN_MATTER, read by withForwardedNotice on her letter over a forward. */
  reactsToForward: PhraseList;
  ownMatter: PhraseList;
  rewrites: Rewrites;
  /**
   * No rewrite has a gap (`*`), which may read past a '?', nor reads or writes a '?':
   * canonicalizeEach rewrites the join of the sentences (issue 16).
   */
  rewritesStayInSentence: boolean;
  /**
   * The phrases' keys and needles, a trie of [a-z0-9] that readText walks a sentence's words on
   * (issue 16): most words are neither, and are left at their first letters off the trie.
   */
  vocabulary: CharTrie;
  /** keyListsAt[node]: the lists with a phrase keyed by the word that ends at the node. */
  keyListsAt: readonly (readonly number[] | undefined)[];
  /**
   * needleListsAt[node]: the lists with a phrase without key whose needle ends at the node. Such
   * a phrase is prefix tokens only ("cobr*"), so its needle starts a word of every match.
   */
  needleListsAt: readonly (readonly number[] | undefined)[];
  /** Lists with a phrase that spells no letter or digit at all: a candidate in every sentence. */
  always: readonly number[];
  listCount: number;
}

function compileAll(): Compiled {
  let next = 0;
  const lists: PhraseList[] = [];
  const seen = new Map<string, Phrase>();
  const list = (phrases: readonly string[] | undefined): PhraseList => {
    const l = compilePhrases(phrases ?? [], next++, seen);
    lists.push(l);
    return l;
  };
  const saidNotToBe = list(SAID_NOT_TO_BE());
  const saidSettled = list(SAID_SETTLED());
  const none = list([]);
  const onBehalf = list(ON_BEHALF());
  const noTicketOpened = list(NO_TICKET_OPENED());
  const ticketOpened = list(TICKET_OPENED());
  const notOpenedWithUs = list(TICKET_NOT_OPENED_WITH_US());
  const writesForTheStore = list(WRITES_FOR_THE_STORE());
  const theStoreAsClient = list(THE_STORE_AS_CLIENT);
  const aBuyersDeed = list(A_BUYERS_DEED);
  const asARemedy = list(AS_A_REMEDY());
  const dataRequest = list(DATA_REQUEST());
  const leftThePlan = list(LEFT_THE_PLAN());
  const afterthought = list(AFTERTHOUGHT());
  const reactsToForward = list(REACTS_TO_FORWARD());
  const ownMatter = list(OWN_MATTER());
  const rules = eligibilityRules()
    .filter((r) => r.trigger === 'text')
    .map((rule) => ({
      rule,
      phrases: list(rule.phrases),
      requires: list(rule.requires),
      unless: list(rule.unless),
      unlessInMessage: list(rule.unlessInMessage),
      requiresInMessage: list(rule.requiresInMessage),
      unlessInClause: list(rule.unlessInClause),
      unlessExceptIn: list(rule.unlessExceptIn),
      yieldsAfter: list(rule.unlessYieldsAfter?.after),
      yielding: list(rule.unlessYieldsAfter?.yielding),
      namedBefore: list(rule.namedBefore),
      saidNotToBe: NEGATABLE_STAGES.has(rule.stage) ? saidNotToBe : none,
      saidSettled: NEGATABLE_STAGES.has(rule.stage) ? saidSettled : none,
    }));
  const listsByKey = new Map<string, number[]>();
  const listsByPrefix = new Map<string, number[]>();
  const always: number[] = [];
  // Lists are read in id order, so a list already indexed under a word is the last one there.
  const index = (map: Map<string, number[]>, key: string, id: number) => {
    const ids = map.get(key);
    if (ids === undefined) map.set(key, [id]);
    else if (ids[ids.length - 1] !== id) ids.push(id);
  };
  for (const l of lists) {
    for (const p of l.phrases) {
      if (p.key !== null) index(listsByKey, p.key, l.id);
      else if (p.needle !== null) index(listsByPrefix, p.needle, l.id);
      else if (!always.includes(l.id)) always.push(l.id);
    }
  }
  const vocabulary = charTrie(WORD_CHARACTERS, [...listsByKey.keys(), ...listsByPrefix.keys()]);
  for (const l of lists) {
    for (let i = 0; i < l.phrases.length; i++) {
      const key = (l.phrases[i] as Phrase).key;
      if (key === null) continue;
      const node = vocabulary.nodeOf(key);
      const ids = l.byKey.get(node);
      if (ids === undefined) l.byKey.set(node, [i]);
      else ids.push(i);
    }
  }
  const listsAt = (byWord: ReadonlyMap<string, number[]>) => {
    const at: (number[] | undefined)[] = new Array(vocabulary.size).fill(undefined);
    for (const [word, ids] of byWord) at[vocabulary.nodeOf(word)] = ids;
    return at;
  };
  // Written normalised, as the rule phrases; each expression built on first use. The words last to
  // first: an idiom's last word ("chat", "fila") is its rarest, and the first one missing spares
  // looking for the others.
  const rewriteList = PHRASE_REWRITES().map(([from, to]): Rewrite => {
    const tokens = from.split(' ');
    return { tokens, re: undefined, to, words: wordsOfTokens(tokens).reverse() };
  });
  const byFirstWord = new Map<string, number[]>();
  const wordless: number[] = [];
  rewriteList.forEach(({ words }, i) => {
    const first = words[0];
    if (first === undefined) wordless.push(i);
    else index(byFirstWord, first, i);
  });
  const firstWords = charTrie(WORD_CHARACTERS, byFirstWord.keys());
  const atFirstWord: (number[] | undefined)[] = new Array(firstWords.size).fill(undefined);
  for (const [word, ids] of byFirstWord) atFirstWord[firstWords.nodeOf(word)] = ids;
  const rewrites: Rewrites = { list: rewriteList, byFirstWord, firstWords, atFirstWord, wordless };
  const rewritesStayInSentence = rewriteList.every(
    ({ tokens, to }) => !tokens.includes('*') && !`${tokens.join(' ')}${to}`.includes('?'),
  );
  return {
    rules,
    onBehalf,
    noTicketOpened,
    ticketOpened,
    notOpenedWithUs,
    writesForTheStore,
    theStoreAsClient,
    aBuyersDeed,
    asARemedy,
    dataRequest,
    leftThePlan,
    afterthought,
    reactsToForward,
    ownMatter,
    rewrites,
    rewritesStayInSentence,
    vocabulary,
    keyListsAt: listsAt(listsByKey),
    needleListsAt: listsAt(listsByPrefix),
    always,
    listCount: next,
  };
}

/**
 * The rules' keys, lists and vocabulary, compiled once per process on first use (issue 16): work
 * that a function loading this module without deciding anything (the webform's page views, a
 * duplicate delivery) never pays. A phrase's regular expression waits until a sentence has its key.
 */
let compiled: Compiled | undefined;
function compiledRules(): Compiled {
  compiled ??= compileAll();
  return compiled;
}

/**
 * Rewrites chat-speak, common misspellings and slips ("vc", "n consigo", "cobransa", "chamdo")
 * to standard words — the same canonicalWord the ticket extractor reads keywords with — then
 * idioms that would trigger the wrong rule ("entrar em contato").
 */
export function canonicalize(normalized: string): string {
  return rewritePhrases(canonicalizeWords(normalized).replace(LONE_N, 'nao'), compiledRules().rewrites);
}

/** "n" for "não" ("n consigo"), not an abbreviation ("n. 123"). */
const LONE_N = /(?<![a-z0-9.])n(?= [a-z])/g;

function rewritePhrases(text: string, rewrites: Rewrites): string {
  let out = text;
  // A rewrite whose words (phraseWords: whole words of every match) are not all in the text cannot
  // match: it is skipped by lookups, not by a scan of the text per rewrite (issue 16: there are
  // hundreds of rewrites, "sou lojista da <platform>" alone is 272, and few apply to a text). Only
  // the rewrites whose first word is the text's are looked at (marked), in their order. The text's
  // words are walked against the first words, not cut out of it into a set (issue 16: that set was
  // most of the rewriting's time, and almost no text has a rewrite to make); a marked rewrite's
  // words are then searched for in the text as it is.
  const { list, byFirstWord, firstWords, atFirstWord, wordless } = rewrites;
  const marked = new Uint8Array(list.length);
  for (const i of wordless) marked[i] = 1;
  // node: firstWords' node of the word read so far (a maximal run of WORD_CHARACTERS); -1 once the
  // word has left it.
  let node = 0;
  for (let at = 0; at <= text.length; at++) {
    const letter = at < text.length ? firstWords.letterOf(text.charCodeAt(at)) : -1;
    if (letter >= 0) {
      if (node >= 0) node = firstWords.child(node, letter);
      continue;
    }
    if (node > 0) for (const i of atFirstWord[node] ?? NO_REWRITES) marked[i] = 1;
    node = 0;
  }
  for (let i = 0; i < list.length; i++) {
    if (marked[i] === 0) continue;
    const rewrite = list[i] as Rewrite;
    if (!rewrite.words.every((w) => hasWord(out, w))) continue;
    rewrite.re ??= regExpOfTokens(rewrite.tokens, 'g');
    const next = out.replace(rewrite.re, rewrite.to);
    if (next === out) continue;
    // A rewrite writes new words a later one may need ("want to" → "want estou" → "want to"): the
    // later rewrites their first words mark are looked at. No new walk of the whole text.
    out = next;
    for (const w of rewrite.to.match(WORD) ?? []) {
      for (const j of byFirstWord.get(w) ?? NO_REWRITES) if (j > i) marked[j] = 1;
    }
  }
  return out;
}

/** Whether the word is a word of the text (a maximal run of [a-z0-9]), found with indexOf. */
function hasWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    if (at > 0 && isWordCode(text.charCodeAt(at - 1))) continue;
    const end = at + word.length;
    if (end < text.length && isWordCode(text.charCodeAt(end))) continue;
    return true;
  }
  return false;
}

const NO_REWRITES: readonly number[] = [];

/** A word as the rewrites and the prefilter read it. */
const WORD = /[a-z0-9]+/g;

/**
 * canonicalize of each normalised sentence, in one pass over their join by '?' (no sentence has
 * one; to the word patterns and the phrase rewrites it bounds a sentence as its start and end do,
 * and no rewrite writes one).
 */
function canonicalizeEach(normalized: readonly string[]): string[] {
  const c = compiledRules();
  const words = canonicalizeWords(normalized.join('?')).replace(LONE_N, 'nao');
  const pieces = (c.rewritesStayInSentence ? rewritePhrases(words, c.rewrites) : words).split('?');
  if (pieces.length !== normalized.length) return normalized.map(canonicalize);
  return c.rewritesStayInSentence ? pieces : pieces.map((piece) => rewritePhrases(piece, c.rewrites));
}

/** Where a text breaks into sentences: paragraphs, then '.', '!', '?', ';'. */
const SENTENCE_BREAK = /\n[ \t]*\n|[!?;]+|\.(?=\s|$)/;

/** A text's sentences normalised, empty ones included. */
function normalizedSentencesOf(text: string): string[] {
  // A word in quotes is still a word of the sentence ('aparece "senha incorreta"', 'status
  // "congelado"'): the rules read across quotation marks, as they do across curly ones.
  return normalizeEach(text.replace(/\r\n?/g, '\n').replace(/"/g, ' ').split(SENTENCE_BREAK));
}

/**
 * Sentences of a text, normalised (empty ones included) and canonical (empty ones dropped), with
 * the normalised form of each canonical one beside it (`canonicalFrom`, for ownKey).
 * Single line breaks are joined, since plain-text mail is often hard-wrapped mid-sentence.
 */
function sentencesOf(text: string): { normalized: string[]; canonical: string[]; canonicalFrom: string[] } {
  const normalized = normalizedSentencesOf(text);
  const canonical: string[] = [];
  const canonicalFrom: string[] = [];
  canonicalizeEach(normalized).forEach((sentence, i) => {
    if (sentence === '') return;
    canonical.push(sentence);
    canonicalFrom.push(normalized[i] ?? '');
  });
  return { normalized, canonical, canonicalFrom };
}

/** A plain word as raw text may write it: any case, accents on its vowels, ç, ñ; spaces as any run. */
function accentTolerant(word: string): string {
  const classes: Record<string, string> = {
    a: '[aáàâã]',
    e: '[eéê]',
    i: '[ií]',
    o: '[oóôõ]',
    u: '[uúü]',
    c: '[cç]',
    n: '[nñ]',
  };
  return [...word].map((ch) => (ch === ' ' ? '\\s+' : (classes[ch] ?? escapeRegExp(ch)))).join('');
}

const LETTER_BEFORE = '(?<![\\p{L}\\p{N}])';
const LETTER_AFTER = '(?![\\p{L}\\p{N}])';
/** A character of the same sentence, no quotation mark: what may stand between who said it and the opening quote. */
const NOT_A_SENTENCE_END = '[^.!?"“”«»\\n]';

/** Before a reply she says she did not get: 'nenhuma resposta', 'não tive resposta', 'sin respuesta', 'no answer'. */
const NO_REPLY = `(?:nenhuma|nenhum|sem|${accentTolerant('nao')}\\s+(?:tive|tivemos|recebi|recebemos|houve|veio)|sin|ninguna|ningun|no)`;
/** Before support as whom she wrote to: 'para a equipe:', 'pro suporte:', 'al soporte:', 'to the support team:'. */
const WRITTEN_TO = `(?:para|pra|pro|ao|${accentTolerant('à')}|al|a|to)(?:\\s+(?:a|o|os|as|el|la|the|${accentTolerant('vocês')}))?(?:\\s+support)?`;

/** A word of `words` on its own (accents optional). */
const anyWord = (words: readonly string[]) =>
  `${LETTER_BEFORE}(?:${words.map(accentTolerant).join('|')})${LETTER_AFTER}`;

/**
 * Support as who replied (`replied`: a word of it, not a reply she never got: 'nenhuma resposta') or
 * said something (`said`: support named, then a verb of saying within the sentence).
 */
function supportSpoke(repliedWords: readonly string[]): { replied: string; said: string } {
  // Looked back from the word found (not before each character: a run of spaces is read once).
  const replied = `${anyWord(repliedWords)}(?<!${LETTER_BEFORE}${NO_REPLY}\\s+(?:${repliedWords.map(accentTolerant).join('|')}))`;
  return { replied, said: `${anyWord(SUPPORT_NAMED())}${NOT_A_SENTENCE_END}{0,40}?${anyWord(SUPPORT_SAID())}` };
}

/** Round 53: support's words she quotes back (SUPPORT_REPLIED): the quotation, opening and closing marks included. */
const SUPPORT_QUOTE = once(() => {
  const { replied, said } = supportSpoke(SUPPORT_REPLIED());
  // Not support as whom she wrote to ('mandei para a equipe: "…"'): the quotation is then her own words.
  const writtenTo = `${anyWord(SUPPORT_NAMED())}(?<!${LETTER_BEFORE}${WRITTEN_TO}\\s+(?:${SUPPORT_NAMED().map(accentTolerant).join('|')}))`;
  const who = `(?:${replied}|${said}|${writtenTo}\\s*:)`;
  return new RegExp(`${who}${NOT_A_SENTENCE_END}{0,60}?["“«][^"”»]{1,600}["”»]`, 'giu');
});

const REPLY_NOUNS: ReadonlySet<string> = new Set(['resposta', 'respuesta', 'reply', 'response', 'answer']);

/**
 * Round 55: what support told her to do, without quotation marks ("o suporte me falou pra procurar o
 * comercial", "vocês me responderam que para negociar o valor do plano é com o comercial", "support told
 * me to contact sales"): the told clause, to its comma, "mas" or the sentence's end. A fact told ("o
 * suporte disse que meu usuário foi bloqueado") has no such opening and stays hers.
 */
const SUPPORT_TOLD = once(() => {
  // A reply's verb: "a resposta para o chamado" or "the answer to my ticket" tells her nothing to do.
  const { replied, said } = supportSpoke(SUPPORT_REPLIED().filter((w) => !REPLY_NOUNS.has(w)));
  const that = '(?:que|q)';
  const told = [
    `${that}\\s+(?:era|eh|${accentTolerant('é')}|e|seria)\\s+(?:pra|para|com)`,
    `${that}\\s+(?:pra|para)`,
    `${that}\\s+eu\\s+(?:devia|deveria|precisava|precisaria|tinha\\s+que|teria\\s+que)`,
    // Not whom it was said to ("disse pra mim que meu domínio congelou": a fact, hers).
    '(?:pra|para)(?!\\s+(?:mim|o|a|os|as|meu|minha|ela|ele)(?![\\p{L}\\p{N}]))',
    'to',
  ].join('|');
  const end = `(?=[.!?,;\\n]|\\s(?:mas|porem|${accentTolerant('porém')}|but)${LETTER_AFTER}|$)`;
  return new RegExp(`(${replied}|${said})(?:\\s+me)?\\s+(?:${told})${LETTER_AFTER}[^.!?,;\\n]*?${end}`, 'giu');
});

/**
 * Her text without the support's words she quotes back or tells: each becomes a sentence break, so it
 * neither decides nor joins the words around it (the words stay in the stored mail).
 */
function withoutSupportQuotes(text: string): string {
  const unquoted = /["“«]/.test(text)
    ? text.replace(SUPPORT_QUOTE(), (quoted) => `${quoted.slice(0, quoted.search(/["“«]/))}. `)
    : text;
  return withoutSupportTurns(unquoted.replace(SUPPORT_TOLD(), (_told, who: string) => `${who}. `));
}

/** A chat or WhatsApp line's time stamp: "[14:02] ", "[10:32, 02/11/2026] ", "02/11/2026 10:32 - ". */
const TURN_STAMP = String.raw`(?:\[[^\]\n]{1,40}\][ \t]*|\d{1,2}\/\d{1,2}\/\d{2,4},?[ \t]+\d{1,2}:\d{2}[ \t]*-[ \t]*)`;
/** Support's turn in a transcript she pastes: "Atendente Júlia: …", "[14:02] Suporte: …", "Agent: …", to the line's end. */
const SUPPORT_TURN = new RegExp(
  String.raw`^[ \t]*${TURN_STAMP}?(?:atendente|suporte|agente|analista|soporte|support|agent|operador|operadora|consultor|consultora)(?:[ \t]+[\p{L}.]+){0,3}[ \t]*:[^\n]*`,
  'gimu',
);
/** Her turn: "Eu: …", "Me: …", or a name after a time stamp ("[14:03] Bia: …"). */
const OWN_TURN = new RegExp(String.raw`^[ \t]*(?:eu|me|yo|lojista|${TURN_STAMP}[\p{L}][\p{L} ]{0,30})[ \t]*:`, 'imu');

/**
 * Round 57: a support chat or WhatsApp transcript she pastes ("[14:02] Atendente: você quer falar sobre plano ou
 * fatura?", "Atendente: não podemos dar desconto") — support's turns are support's words, and decide nothing (the
 * ticket reader still reads them: "Protocolo do atendimento: 45123" is hers). Only a transcript — two turns of
 * support's, or one beside one of hers — so that "Suporte: péssimo. Cobraram duas vezes" stays her own line.
 */
function withoutSupportTurns(text: string): string {
  const support = text.match(SUPPORT_TURN)?.length ?? 0;
  if (support === 0 || (support === 1 && !OWN_TURN.test(text))) return text;
  return text.replace(SUPPORT_TURN, '. ');
}

/** The sentences the topic rules read: subject, form topic and fresh body, never quoted history. */
export function topicSentences(s: Submission): TopicSentence[] {
  return readTopics(s).sentences;
}

/** languageOf reads the fresh text of this much of the body. */
const LANGUAGE_TEXT_CHARS = 20_000;

/**
 * The rule whose hit, when its words name the charge itself ("cobrança indevida", "continuam
 * cobrando", "cobraram duas vezes", "double charged", "debitaram em duplicidade"), says the sender was
 * charged by us. A refund alone is not enough: a prospect asks "vocês fazem reembolso?".
 */
const BILLED_BY_US = 'topic.billing.complaint';
const CHARGE_NAMED = /\b(?:cobr|debit|charg|duplicidade)/;

interface TopicText {
  sentences: TopicSentence[];
  /**
   * languageOf's whole sample (subject, form topic, fresh body) normalised, its sentences joined by
   * spaces, when it is short enough to be read whole and its fresh body is the rules' one.
   */
  languageSample?: string;
}

/**
 * The subject, form topic and fresh body read once for both the rules and the language guess.
 * With `own` (ownReplySentences), the body's sentences of the office's own automatic replies,
 * pasted back without a quote header, are left out: the merchant did not write them.
 */
function readTopics(s: Submission, own?: ReadonlySet<string>): TopicText {
  // Her sign-off block (name, role, company, plan, disclaimer) is no request.
  // Round 49: a bottom-posted reply's words are under the history it quotes (bottomPostedText).
  const text = capText(s.text);
  const split = splitQuoted(text);
  const fresh = withoutSignOff(split.fresh || (s.channel === 'email' ? bottomPostedText(s.subject, text, split) : ''));
  // A form's subject is ours ("Formulário: Outro assunto"), its topic read below: its words are not
  // hers ("outro assunto" read as her aside took every rule that bounds one away from the topic).
  const subject = sentencesOf(s.channel === 'webform' ? '' : s.subject);
  const topic = sentencesOf(s.formTopic ?? '');
  const body = sentencesOf(withoutSupportQuotes(fresh));
  const headline = (text: string) => ({ text, headline: true });
  const theirs =
    own === undefined ? body.canonical : body.canonical.filter((_, i) => !own.has(ownKey(body.canonicalFrom[i] ?? '')));
  const sentences = [
    ...subject.canonical.map(headline),
    ...topic.canonical.map(headline),
    ...theirs.map((text) => ({ text, headline: false })),
  ];
  const sampleChars = s.subject.length + (s.formTopic ?? '').length + fresh.length + 2;
  if (s.text.length > LANGUAGE_TEXT_CHARS || sampleChars > LANGUAGE_SAMPLE_CHARS) return { sentences };
  const languageSample = [...subject.normalized, ...topic.normalized, ...body.normalized].join(' ');
  return { sentences, languageSample };
}

export interface TopicSentence {
  /** Normalised, canonicalised sentence. */
  text: string;
  /** Subject or form topic: a summary of the whole message rather than one sentence of it. */
  headline: boolean;
}

export interface TextHit {
  ruleId: string;
  /** The normalised words that matched. */
  evidence: string;
  /** Round 52: the index of the sentence it matched among those the rules read; none for a forwarded notice's. */
  sentence?: number;
}

/** A sentence as the matcher reads it: its text and its words that are phrase keys (their nodes, each once). */
interface ReadSentence extends TopicSentence {
  keys: readonly number[];
  /** ReadText's `candidate`, and this sentence's row in it (i * listCount). */
  marks: Uint8Array;
  row: number;
  /**
   * Its words are apart by single spaces, as normalising leaves them (matchPhrase finds plain
   * phrases with indexOf). Its slices and blanked clauses keep the property, and the flag with it.
   */
  plain: boolean;
}

/** The sentences of a submission, and for each phrase list the sentences where it may match. */
interface ReadText {
  sentences: readonly ReadSentence[];
  /**
   * inList[list id]: indices (ascending) of the sentences with a word that is the key of one of
   * the list's phrases or starts with its needle. A phrase matches no other sentence.
   */
  inList: readonly (readonly number[])[];
  /**
   * candidate[i * listCount + list id], not 0: sentence i is in inList[list id]. Which of its keys
   * are the list's: none (NO_KEY_OF_LIST), one (FIRST_KEY_MARK + its index in `keys`) or several
   * (SEVERAL_KEYS_OF_LIST). firstMatch looks up that one key's phrases instead of every key of the
   * sentence (issue 16: a sentence has ~8 keys, ~1 of them a list's; a fifth of the calls find several,
   * and read every key).
   */
  candidate: Uint8Array;
  listCount: number;
}

function readText(topic: readonly TopicSentence[], c: Compiled): ReadText {
  // Most lists are candidates in no sentence: they share one empty array.
  const inList: number[][] = new Array(c.listCount).fill(NO_SENTENCES);
  const candidate = new Uint8Array(topic.length * c.listCount);
  const { vocabulary, keyListsAt, needleListsAt, listCount } = c;
  const sentences = topic.map(({ text, headline }, i): ReadSentence => {
    markLists(c.always, i, listCount, candidate, inList);
    // Only the words that key a phrase are kept (firstMatch asks for keys): most words key none.
    let keys: number[] | undefined;
    // The words are the maximal runs of WORD_CHARACTERS. node: the vocabulary's node of the word
    // read so far; -1 once the word has left it (no key or needle starts so).
    let node = 0;
    for (let at = 0; at <= text.length; at++) {
      const letter = at < text.length ? vocabulary.letterOf(text.charCodeAt(at)) : -1;
      if (letter >= 0) {
        if (node < 0) continue;
        node = vocabulary.child(node, letter);
        const needleLists = node > 0 ? needleListsAt[node] : undefined;
        if (needleLists) markLists(needleLists, i, listCount, candidate, inList);
        continue;
      }
      const keyLists = node > 0 ? keyListsAt[node] : undefined;
      if (keyLists) {
        keys ??= [];
        if (!keys.includes(node)) {
          markKey(keyLists, i, keys.length, listCount, candidate, inList);
          keys.push(node);
        }
      }
      node = 0;
    }
    return {
      text,
      headline,
      keys: keys ?? NO_KEYS,
      marks: candidate,
      row: i * listCount,
      plain: !NOT_PLAIN_SPACES.test(text),
    };
  });
  return { sentences, inList, candidate, listCount: c.listCount };
}

const WORD_CHARACTERS = 'abcdefghijklmnopqrstuvwxyz0123456789';
const NO_KEYS: readonly number[] = [];

/** Never pushed to: markLists replaces it with a list of its own. */
const NO_SENTENCES: number[] = [];

/** Sentence i is a candidate of the lists `ids` (each list's sentences stay ascending). */
function markLists(
  ids: readonly number[],
  i: number,
  listCount: number,
  candidate: Uint8Array,
  inList: number[][],
): void {
  const base = i * listCount;
  for (const id of ids) {
    if (candidate[base + id] !== NOT_CANDIDATE) continue;
    candidate[base + id] = NO_KEY_OF_LIST;
    addSentence(inList, id, i);
  }
}

/** Sentence i is a candidate of the lists `ids`, keyed by its key number k (a key new to the sentence). */
function markKey(
  ids: readonly number[],
  i: number,
  k: number,
  listCount: number,
  candidate: Uint8Array,
  inList: number[][],
): void {
  const base = i * listCount;
  const mark = k < SEVERAL_KEYS_OF_LIST - FIRST_KEY_MARK ? FIRST_KEY_MARK + k : SEVERAL_KEYS_OF_LIST;
  for (const id of ids) {
    const was = candidate[base + id];
    if (was === NOT_CANDIDATE) addSentence(inList, id, i);
    candidate[base + id] = was === NOT_CANDIDATE || was === NO_KEY_OF_LIST ? mark : SEVERAL_KEYS_OF_LIST;
  }
}

function addSentence(inList: number[][], id: number, i: number): void {
  const sentences = inList[id];
  if (sentences === undefined || sentences === NO_SENTENCES) inList[id] = [i];
  else sentences.push(i);
}

/** ReadText's candidate marks: not a candidate; a candidate by a needle or a wordless phrase only; … */
const NOT_CANDIDATE = 0;
const NO_KEY_OF_LIST = 1;
/** … with one key of the list, keys[mark - FIRST_KEY_MARK]; with several (or a key past the 253rd). */
const FIRST_KEY_MARK = 2;
const SEVERAL_KEYS_OF_LIST = 255;

/**
 * The first phrase of the list (in list order) that matches the sentence, or null. Only the
 * phrases keyed by a word of the sentence, and those without key whose needle it has, can match.
 */
function firstMatch(list: PhraseList, sentence: ReadSentence): RegExpExecArray | null {
  // Each phrase has one key, so the sentence's keys name disjoint runs of ascending indices: each run is
  // tried up to the best index found so far, and the least matching index wins — the first in list order,
  // without merging and sorting the runs (a sentence vetoed by a long list, "Tenho o plano Pro.", is read
  // once per sentence of a long mail).
  runBest = Number.POSITIVE_INFINITY;
  runFound = null;
  const mark = sentence.marks[sentence.row + list.id] ?? NOT_CANDIDATE;
  if (mark === SEVERAL_KEYS_OF_LIST) {
    for (const key of sentence.keys) {
      const ids = list.byKey.get(key);
      if (ids !== undefined) tryRun(list, sentence, ids, false);
    }
  } else if (mark >= FIRST_KEY_MARK) {
    const ids = list.byKey.get(sentence.keys[mark - FIRST_KEY_MARK] ?? 0);
    if (ids !== undefined) tryRun(list, sentence, ids, false);
  }
  if (list.unkeyed.length > 0) tryRun(list, sentence, list.unkeyed, true);
  const found = runFound;
  runFound = null;
  return found;
}

/** firstMatch's best index so far and its match: one search at a time, no closure per call. */
let runBest = Number.POSITIVE_INFINITY;
let runFound: RegExpExecArray | null = null;

/** Tries a run of ascending phrase indices below runBest; the first that matches becomes the best. */
function tryRun(list: PhraseList, sentence: ReadSentence, ids: readonly number[], needed: boolean): void {
  for (const i of ids) {
    if (i >= runBest) return;
    const phrase = list.phrases[i];
    if (phrase === undefined) continue;
    if (needed && phrase.needle !== null && !sentence.text.includes(phrase.needle)) continue;
    const m = matchPhrase(phrase, sentence);
    if (m) {
      runBest = i;
      runFound = m;
      return;
    }
  }
}

/**
 * A phrase of plain words (no '*'), in a normalised text (words apart by one space): found with
 * indexOf and the word boundaries checked, as its regular expression would find it but without
 * running one; a phrase with wildcards runs its regular expression.
 */
function matchPhrase(phrase: Phrase, sentence: ReadSentence): RegExpExecArray | null {
  const { text } = sentence;
  const literal = phrase.literal;
  if (literal === null || !sentence.plain) {
    if (phrase.re === undefined) {
      phrase.re = regExpOfTokens(phrase.text.split(' '));
      phrase.others = otherRuns(phrase);
    }
    for (const run of phrase.others as readonly string[]) if (!text.includes(run)) return null;
    return phrase.re.exec(text);
  }
  for (let at = text.indexOf(literal); at !== -1; at = text.indexOf(literal, at + 1)) {
    if (at > 0 && isWordCode(text.charCodeAt(at - 1))) continue;
    const end = at + literal.length;
    if (end < text.length && isWordCode(text.charCodeAt(end))) continue;
    const m = [literal] as unknown as RegExpExecArray;
    m.index = at;
    m.input = text;
    return m;
  }
  return null;
}

/**
 * The phrase's runs of [a-z0-9] of three letters or more but its key and needle, each once: its
 * expression matches each of them literally (a prefix token's letters included), so a text without
 * one has no match.
 */
function otherRuns(phrase: Phrase): string[] {
  const runs: string[] = [];
  for (const m of phrase.text.matchAll(WORD)) {
    const run = m[0];
    if (run.length >= 3 && run !== phrase.key && run !== phrase.needle && !runs.includes(run)) runs.push(run);
  }
  return runs;
}

/** Whitespace other than single spaces: a phrase's "\\s+" may then be more than one space. */
const NOT_PLAIN_SPACES = /\s\s|[^\S ]/;

function isWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
}

/** Whether a phrase of the list matches sentence i. */
function matchesIn(list: PhraseList, text: ReadText, i: number): boolean {
  const sentence = text.sentences[i];
  return (
    sentence !== undefined &&
    text.candidate[i * text.listCount + list.id] !== NOT_CANDIDATE &&
    firstMatch(list, sentence) !== null
  );
}

/** Whether a phrase of the list matches a sentence of the body (or, with `all`, any sentence). */
function matchesAnywhere(list: PhraseList, text: ReadText, all: boolean): boolean {
  return (text.inList[list.id] ?? []).some((i) => {
    const sentence = text.sentences[i];
    return sentence !== undefined && (all || !sentence.headline) && firstMatch(list, sentence) !== null;
  });
}

/**
 * Whether a body sentence of hers says she opened no ticket (NO_TICKET_OPENED) without naming `number`: "o chamado
 * 88231 foi fechado e não abri chamado nenhum depois" names it, and is hers.
 */
function saysNoTicketOpened(list: PhraseList, text: ReadText, number: string): boolean {
  return (text.inList[list.id] ?? []).some((i) => {
    const sentence = text.sentences[i];
    return (
      sentence !== undefined &&
      !sentence.headline &&
      !sentence.text.includes(number) &&
      firstMatch(list, sentence) !== null
    );
  });
}

/**
 * Whether a sentence of hers (her subject too) says she already opened a ticket or went to support (TICKET_OPENED)
 * and does not deny it there nor name another company's support ("não abri chamado", "o suporte do Mercado Pago":
 * TICKET_NOT_OPENED_WITH_US).
 */
function saysTicketOpened(opened: PhraseList, denied: PhraseList, text: ReadText): boolean {
  return (text.inList[opened.id] ?? []).some((i) => {
    const sentence = text.sentences[i];
    return sentence !== undefined && firstMatch(opened, sentence) !== null && !matchesIn(denied, text, i);
  });
}

/**
 * The first phrase of the rule found in a sentence whose context has one of `requires` and none
 * of `unless`. A body sentence is its own context; a headline's context is itself plus the whole
 * body ("Assunto: boleto" about the boleto of the store's customers is not about our invoices).
 * Only the sentences where a phrase may match are read (inList).
 */
function matchRule(c: CompiledRule, text: ReadText, forTheStore: Compiled | null = null): TextHit | null {
  // The message's and the body's verdicts are computed at most once per rule: a subject of many
  // sentences must not re-read the whole body for each of them (text work stays linear in the input).
  // The message's veto is read at the rule's first phrase found, not before: most rules find none in
  // a mail, and reading their vetoes first was half of the matcher's work (issue 16).
  let vetoedInMessage: boolean | undefined;
  let bodyRequires: boolean | undefined;
  let bodyUnless: boolean | undefined;
  let messageRequires: boolean | undefined;
  for (const i of text.inList[c.phrases.id] ?? []) {
    const sentence = text.sentences[i];
    if (sentence === undefined) continue;
    const m = firstMatch(c.phrases, sentence);
    if (!m) continue;
    vetoedInMessage ??= matchesAnywhere(c.unlessInMessage, text, true);
    if (vetoedInMessage) return null;
    if (c.requiresInMessage.phrases.length > 0) {
      messageRequires ??= matchesAnywhere(c.requiresInMessage, text, true);
      if (!messageRequires) return null;
    }
    if (c.namedBefore.phrases.length > 0 && !followsUp(c, text, i, m)) continue;
    if (c.requires.phrases.length > 0 && !matchesIn(c.requires, text, i)) {
      if (!sentence.headline) continue;
      bodyRequires ??= matchesAnywhere(c.requires, text, false);
      if (!bodyRequires) continue;
    }
    const vetoing = forTheStore === null ? sentence : merchantNamed(forTheStore, sentence);
    if (
      matchesIn(c.unless, text, i) &&
      (vetoing === sentence || firstMatch(c.unless, vetoing) !== null) &&
      !(c.saidNotToBe.phrases.length > 0 && onlyWhereDenied(c, vetoing, m)) &&
      !onlyInsideExceptions(c, vetoing)
    )
      continue;
    if (c.saidNotToBe.phrases.length > 0 && saidBefore(c.saidNotToBe, sentence, m)) continue;
    if (c.saidSettled.phrases.length > 0 && saidSettled(c.saidSettled, sentence, m)) continue;
    if (
      matchesIn(c.unlessInClause, text, i) &&
      (vetoing === sentence || firstMatch(c.unlessInClause, vetoing) !== null) &&
      (sentence.headline || clauseVetoes(c.unlessInClause, vetoing, m))
    )
      continue;
    if (sentence.headline) {
      bodyUnless ??= vetoesInBody(c.unless, text, forTheStore) || vetoesInBody(c.unlessInClause, text, forTheStore);
      if (bodyUnless) continue;
    }
    return { ruleId: c.rule.id, evidence: m[0], sentence: i };
  }
  return null;
}

/** The most words of a bare follow-up ask's sentence ("e vocês, quando vão lançar?", "Do you have plans to add it?"). */
const FOLLOW_UP_WORDS = 8;
/** How many body sentences back a bare follow-up ask may find what it asks of. */
const FOLLOW_UP_REACH = 2;

/**
 * Round 52: whether the match is a bare follow-up ask — it ends its body sentence, of FOLLOW_UP_WORDS words
 * at most — on what a body sentence up to FOLLOW_UP_REACH back names (the rule's namedBefore, none of its
 * unless there nor between): "Vocês têm integração com o Bling? Quando vão ter?"; "A integração parou. Tem previsão?" names
 * what broke, and "Tem previsão de manutenção?" asks of something else.
 */
function followsUp(c: CompiledRule, text: ReadText, i: number, m: RegExpExecArray): boolean {
  const sentence = text.sentences[i];
  if (sentence === undefined || sentence.headline) return false;
  if (WORD_AFTER.test(sentence.text.slice(m.index + m[0].length))) return false;
  if ((sentence.text.match(WORD) ?? []).length > FOLLOW_UP_WORDS) return false;
  // Round 53: or the one before that, when the sentence between names none of the rule's unless ("A plataforma
  // não tem provador virtual. Minhas clientes sempre perguntam. Tem previsão?").
  for (let back = i - 1; back >= i - FOLLOW_UP_REACH; back--) {
    const before = text.sentences[back];
    if (before === undefined || before.headline || matchesIn(c.unless, text, back)) return false;
    if (matchesIn(c.namedBefore, text, back)) return true;
  }
  return false;
}

const WORD_AFTER = /[a-z0-9]/;

/**
 * Round 50: the sentence as a veto reads it in a mail by whom writes for the store (WRITES_FOR_THE_STORE):
 * her "a cliente" is the merchant, blanked, unless the sentence tells a buyer's deed (A_BUYERS_DEED).
 * The same sentence when nothing is blanked; blanking keeps every index.
 */
function merchantNamed(c: Compiled, sentence: ReadSentence): ReadSentence {
  if (firstMatch(c.aBuyersDeed, sentence) !== null) return sentence;
  let kept = sentence.text;
  for (
    let m = firstMatch(c.theStoreAsClient, sentence);
    m !== null;
    m = firstMatch(c.theStoreAsClient, { ...sentence, text: kept })
  ) {
    // '|' is no word and no space: no phrase reads across the blanked words.
    kept = `${kept.slice(0, m.index)}${'|'.repeat(m[0].length)}${kept.slice(m.index + m[0].length)}`;
  }
  return kept === sentence.text ? sentence : { ...sentence, text: kept };
}

/** Whether a phrase of the list matches a body sentence, as merchantNamed reads it when forTheStore. */
function vetoesInBody(list: PhraseList, text: ReadText, forTheStore: Compiled | null): boolean {
  return (text.inList[list.id] ?? []).some((i) => {
    const sentence = text.sentences[i];
    if (sentence === undefined || sentence.headline || firstMatch(list, sentence) === null) return false;
    return forTheStore === null || firstMatch(list, merchantNamed(forTheStore, sentence)) !== null;
  });
}

/**
 * Whether a phrase of the list starts before the match, in its own clause, and reaches into it:
 * "não é problema de acesso", "não é dúvida de fatura nem de plano" name what the mail is not
 * about; "não é sobre o frete, é a cobrança em dobro" is still about the charge (another clause).
 * The clause breaks here leave out "e", which is also "é" once accents are folded ("não é dúvida").
 */
function saidBefore(list: PhraseList, sentence: ReadSentence, m: RegExpExecArray): boolean {
  const start = clauseStart(sentence.text, m.index, SAID_BREAK);
  if (start === m.index) return false;
  const said = firstMatch(list, { ...sentence, text: sentence.text.slice(start, m.index + m[0].length) });
  return said !== null && said.index < m.index - start;
}

/** A comma before "nem" ("não é dúvida sobre cobrança, nem sobre plano") goes on with the same denial. */
const SAID_BREAK = /[,;:](?!\s*(?:nem|nor|ni)\s)|\s(?:mas|porem|so que|but|pero)\s/g;

/**
 * Whether the rule's `unless` (found in the sentence) is found only in clauses the sender says the
 * mail is not about (SAID_NOT_TO_BE), the match's own clause aside: "não é sobre os pedidos dos
 * clientes, é sobre o boleto da plataforma", "não é sobre minha conta do Mercado Pago: é a taxa de
 * vocês" — the words she sets aside veto nothing.
 */
function onlyWhereDenied(c: CompiledRule, sentence: ReadSentence, m: RegExpExecArray): boolean {
  const { text } = sentence;
  let kept = '';
  let start = 0;
  let denied = false;
  const keep = (end: number) => {
    const clause = text.slice(start, end);
    const own = start <= m.index && m.index < end;
    if (!own && firstMatch(c.saidNotToBe, { ...sentence, text: clause }) !== null) {
      // '|' is no word and no space: no phrase reads across the blanked clause.
      kept += '|'.repeat(clause.length);
      denied = true;
    } else kept += clause;
  };
  for (const b of text.matchAll(SAID_BREAK)) {
    const at = b.index ?? 0;
    keep(at);
    kept += b[0];
    start = at + b[0].length;
  }
  keep(text.length);
  return denied && firstMatch(c.unless, { ...sentence, text: kept }) === null;
}

/**
 * Whether the rule's `unless` (found in the sentence) is found only inside its `unlessExceptIn`
 * phrases: "o app de frete foi desinstalado mas continua sendo cobrado" — the freight app charged to
 * her is ours, so its "frete" vetoes nothing; "a transportadora me cobrou a mais no frete" still does.
 */
function onlyInsideExceptions(c: CompiledRule, sentence: ReadSentence): boolean {
  if (c.unlessExceptIn.phrases.length === 0 && c.yielding.phrases.length === 0) return false;
  let kept = sentence.text;
  let blanked = false;
  // '|' is no word and no space: no phrase reads across the blanked words.
  const blank = (m: RegExpExecArray) => {
    kept = `${kept.slice(0, m.index)}${'|'.repeat(m[0].length)}${kept.slice(m.index + m[0].length)}`;
    blanked = true;
  };
  for (
    let m = firstMatch(c.unlessExceptIn, sentence);
    m !== null;
    m = firstMatch(c.unlessExceptIn, { ...sentence, text: kept })
  )
    blank(m);
  // unlessYieldsAfter: the yielding words after the first 'after' are read where the text before it is blanked.
  const after = c.yielding.phrases.length > 0 ? firstMatch(c.yieldsAfter, { ...sentence, text: kept }) : null;
  if (after !== null) {
    const from = after.index + after[0].length;
    const tail = () => ({ ...sentence, text: `${'|'.repeat(from)}${kept.slice(from)}` });
    for (let m = firstMatch(c.yielding, tail()); m !== null; m = firstMatch(c.yielding, tail())) blank(m);
  }
  return blanked && firstMatch(c.unless, { ...sentence, text: kept }) === null;
}

/** saidSettled reads this many words between the topic's words and what is settled ("a fatura de outubro está paga"). */
const SETTLED_GAP_WORDS = 3;

/**
 * Whether a phrase of the list (SAID_SETTLED) follows the match closely, in its own clause: "a
 * mensalidade está paga", "as faturas de outubro estão em dia" say the fee is no topic of the mail;
 * "a fatura está paga e vocês cobraram de novo" still has the charge, in another clause.
 */
function saidSettled(list: PhraseList, sentence: ReadSentence, m: RegExpExecArray): boolean {
  const to = m.index + m[0].length;
  let end = sentence.text.length;
  for (const b of sentence.text.slice(to).matchAll(CLAUSE_BREAK)) {
    end = to + (b.index ?? 0);
    break;
  }
  const after = sentence.text.slice(to, end);
  const said = firstMatch(list, { ...sentence, text: after });
  return (
    said !== null &&
    after
      .slice(0, said.index)
      .split(' ')
      .filter((w) => w !== '').length <= SETTLED_GAP_WORDS
  );
}

/** Where the clause that holds `index` starts: just after the last break that ends at or before it. */
function clauseStart(text: string, index: number, breaks: RegExp): number {
  let start = 0;
  for (const b of text.matchAll(breaks)) {
    const at = b.index ?? 0;
    if (at + b[0].length > index) break;
    start = at + b[0].length;
  }
  return start;
}

/** Where a sentence breaks into clauses: commas and the conjunctions between them. */
const CLAUSE_BREAK = /,|\s(?:e|mas|enquanto|porem|so que|and|but|while|pero|y)\s/g;
const FIRST_PERSON_WORD = new RegExp(`(?<![a-z0-9])(?:${FIRST_PERSON.join('|')})(?![a-z0-9])`);

/**
 * Whether the list (a rule's unlessInClause, already found in the sentence) vetoes the match: in a
 * clause in the first person, only a phrase of that clause vetoes it; in any other, the sentence's.
 */
function clauseVetoes(list: PhraseList, sentence: ReadSentence, m: RegExpExecArray): boolean {
  const to = m.index + m[0].length;
  const start = clauseStart(sentence.text, m.index, CLAUSE_BREAK);
  let end = sentence.text.length;
  for (const b of sentence.text.slice(to).matchAll(CLAUSE_BREAK)) {
    end = to + (b.index ?? 0);
    break;
  }
  const clause = sentence.text.slice(start, end);
  return !FIRST_PERSON_WORD.test(clause) || firstMatch(list, { ...sentence, text: clause }) !== null;
}

/**
 * The topics a notice of ours speaks of when a merchant forwards it with no word of her own
 * (isBareForward): losing access to the panel, plans, invoices ("pendência financeira referente às
 * faturas…, sua loja será suspensa"). Not charges: a shopper's complaint she forwards speaks of
 * those too ("o site cobrou o cartão duas vezes"), and is the store's matter, not a billing question;
 * nor who the sender is or whether the mail is automatic: those read her own words only.
 */
const FORWARDED_NOTICE_TOPICS: ReadonlySet<string> = new Set([
  'topic.access.blocked-user',
  'topic.access.domain-frozen',
  'topic.access.domain-change',
  'topic.access.no-access',
  'topic.billing.plan',
  'topic.billing.invoice',
]);

/** FOR_NON_PAYMENT's expressions, built on first use (a forward's notice is read rarely). */
let forNonPaymentRes: readonly RegExp[] | undefined;

/**
 * Round 47: a notice's billing complaint that is the suspension for non-payment ("Sua loja será suspensa
 * por falta de pagamento em 3 dias"): our notice's words, where a shopper's complaint speaks of refunds.
 */
function forNonPayment(h: TextHit): boolean {
  if (h.ruleId !== 'topic.billing.complaint') return false;
  forNonPaymentRes ??= FOR_NON_PAYMENT().map(compilePhrase);
  return forNonPaymentRes.some((re) => re.test(h.evidence));
}

/** The most words of her own a letter that only reacts to a forward has (reactsOnly). */
const REACTION_LETTER_WORDS = 30;

/**
 * Round 48: a letter over a forward, short of REACTION_LETTER_WORDS, that points at what she forwards
 * (REACTS_TO_FORWARD) and says no matter of its own (OWN_MATTER): a reaction, as a short line is.
 */
function reactsOnly(split: SplitText, hers: ReadText, c: Compiled): boolean {
  const words = normalize(withoutSignOff(split.fresh)).match(/[a-z0-9]+/g) ?? [];
  return (
    words.length <= REACTION_LETTER_WORDS &&
    matchesAnywhere(c.reactsToForward, hers, false) &&
    !matchesAnywhere(c.ownMatter, hers, false)
  );
}

/** How much of a bare forward's forwarded message is read: a notice says what it is about at its top. */
const FORWARDED_NOTICE_CHARS = 8000;

/** The hits, plus the FORWARDED_NOTICE_TOPICS that the forwarded message of a bare forward names, in the order of eligibilityRules(). */
function withForwardedNotice(s: Submission, hits: TextHit[], own?: ReadonlySet<string>): TextHit[] {
  if (s.channel !== 'email') return hits;
  const split = splitQuoted(capText(s.text));
  const have = new Set(hits.map((h) => h.ruleId));
  // Her short line above it ("Recebi isso, mas paguei!", "como assim?") reacts to the notice: when it
  // names no topic of its own, the notice says what she is asking about (round 47). Her line is read
  // alone: the forward's subject is the notice's title ("ENC: Sua loja foi suspensa"), not her words.
  // Round 48: so does a letter that only reacts to it (reactsOnly: "recebi isso hoje e não entendi nada,
  // o que significa?").
  const reacts = () => {
    const short = isShortLineOverForward(s.subject, split);
    if (!short && !isLetterOverForward(s.subject, split)) return false;
    const c = compiledRules();
    const hers = readText(
      sentencesOf(split.fresh).canonical.map((text) => ({ text, headline: false })),
      c,
    );
    if (matchReadRules(hers, c).some((h) => h.ruleId.startsWith('topic.'))) return false;
    return short || reactsOnly(split, hers, c);
  };
  if (!isBareForward(s.subject, split) && !reacts()) return hits;
  // Our own reply forwarded back to us ("Fwd: Re: Ouvidoria: fale primeiro…" with "?") is no notice of
  // hers: its sentences ("conforme o plano contratado") are left out, as in her fresh text (readTopics).
  const quoted = sentencesOf(split.quoted.slice(0, FORWARDED_NOTICE_CHARS));
  const forwarded = quoted.canonical
    .filter((_, i) => own === undefined || !own.has(ownKey(quoted.canonicalFrom[i] ?? '')))
    .map((text) => ({ text, headline: false }));
  const notice = matchTopicRules(forwarded);
  // Round 47: a suspension for an unpaid invoice ("Sua loja foi suspensa. Motivo: pagamento pendente da
  // assinatura", forwarded as "ENC: Sua loja foi suspensa") names the lost access and the billing: the
  // billing is what she asks about; so is a notice that names only the suspension for non-payment
  // ("Sua loja será suspensa por falta de pagamento em 3 dias"). Her own words name no topic here (bare, or a short line that names
  // none), so the access the hits hold is the forward's subject's: the notice's title, not hers.
  const isAccess = (h: TextHit) => ruleById(h.ruleId).outcome === 'ACCESS_ISSUE';
  const billing = notice.filter((h) => ruleById(h.ruleId).outcome === 'BILLING_QUESTION');
  const unpaid = billing.length > 0 && (notice.some(isAccess) || hits.some(isAccess) || notice.some(forNonPayment));
  const kept = unpaid ? hits.filter((h) => !isAccess(h)) : hits;
  // The notice's sentences are not hers: its hits name none of them.
  const added = (unpaid ? billing : notice)
    .filter((h) => (unpaid || FORWARDED_NOTICE_TOPICS.has(h.ruleId)) && !have.has(h.ruleId))
    .map(({ ruleId, evidence }) => ({ ruleId, evidence }));
  if (added.length === 0 && kept.length === hits.length) return hits;
  const order = (h: TextHit) => eligibilityRules().findIndex((r) => r.id === h.ruleId);
  return [...kept, ...added].sort((a, b) => order(a) - order(b));
}

/**
 * Round 48: a letter of hers over a forward (isLetterOverForward) that names a topic of its own ("a
 * mensalidade foi cobrada duas vezes…" under "ENC: Sua loja foi suspensa"): a topic only the forward's
 * subject names is the forwarded message's title, not what she asks about, and decides nothing. Her
 * letter naming no topic leaves the subject's (it may be all she says of it).
 */
function withoutForwardTitleTopics(s: Submission, hits: TextHit[], own?: ReadonlySet<string>): TextHit[] {
  const isTopic = (h: TextHit) => ruleById(h.ruleId).stage === 'topic';
  if (s.channel !== 'email' || !hits.some(isTopic)) return hits;
  if (!isLetterOverForward(s.subject, splitQuoted(capText(s.text)))) return hits;
  const hers = new Set(
    matchTopicRules(readTopics({ ...s, subject: '' }, own).sentences)
      .filter(isTopic)
      .map((h) => h.ruleId),
  );
  return hers.size === 0 ? hits : hits.filter((h) => !isTopic(h) || hers.has(h.ruleId));
}

/**
 * The words of the mail's own text that mark it automatic (the `automatic` stage's rules: a helpdesk's
 * "recebemos seu e-mail e abrimos o atendimento…", an absence notice), as decide reads them — unless
 * they are the merchant's (noticeWordsAreTheMerchants: quoted, beside her own demand). For a reply
 * threaded to her case, which decide never reads: her helpdesk's acknowledgement of the closing mail
 * reopened the case (the lifecycle keeps it as a message that asks for nothing).
 */
export function automaticTextEvidence(s: Submission): string | undefined {
  const c = compiledRules();
  const text = readText(readTopics(s).sentences, c);
  for (const rule of c.rules) {
    if (rule.rule.stage !== 'automatic') continue;
    const hit = matchRule(rule, text);
    if (hit && !noticeWordsAreTheMerchants(s, hit.evidence)) return hit.evidence;
  }
  return undefined;
}

/** Every text rule that fires on the submission, in the order of eligibilityRules(). */
export function matchTextRules(s: Submission): TextHit[] {
  return matchTopicRules(topicSentences(s));
}

function matchTopicRules(topic: readonly TopicSentence[]): TextHit[] {
  const c = compiledRules();
  return matchReadRules(readText(topic, c), c);
}

function matchReadRules(text: ReadText, c: Compiled): TextHit[] {
  const hits: TextHit[] = [];
  // Round 50: the mail writes for the store — her "a cliente" is the merchant (merchantNamed).
  const forTheStore = matchesAnywhere(c.writesForTheStore, text, true) ? c : null;
  for (const rule of c.rules) {
    const hit = matchRule(rule, text, forTheStore);
    if (hit) hits.push(hit);
  }
  return hits;
}

function oneLine(text: string, max: number): string {
  const flat = text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > max ? `${cutBetweenCharacters(flat, max)}…` : flat;
}

function quote(evidence: string): string {
  return `“${oneLine(evidence, MAX_EVIDENCE)}”`;
}

export interface SignalHit {
  ruleId: string;
  reason: string;
}

function quarantineHits(s: Submission): SignalHit[] {
  const hits: SignalHit[] = [];
  if (s.parseProblem !== undefined) {
    const detail = oneLine(s.parseProblem, 200);
    hits.push({
      ruleId: 'quarantine.parse-problem',
      reason: detail === '' ? `${UNREAD_REASON}.` : `${UNREAD_REASON}: ${detail}.`,
    });
  }
  const v = s.verdicts;
  if (v) {
    if (v.spam === 'FAIL') hits.push({ ruleId: 'quarantine.spam', reason: 'Mensagem classificada como spam.' });
    if (virusDetected(v)) hits.push({ ruleId: 'quarantine.virus', reason: 'Vírus detectado na mensagem.' });
    // The domain's own p=none: unauthenticated (no threading), not quarantined (decide notes it).
    if (dmarcMonitoringOnly(v)) return hits;
    if (v.dmarc === 'FAIL') {
      hits.push({ ruleId: 'quarantine.auth.dmarc', reason: 'Falha de autenticação do remetente (DMARC).' });
    }
    if (v.spf === 'FAIL' && v.dkim !== 'PASS') {
      hits.push({
        ruleId: 'quarantine.auth.spf',
        reason: 'Falha de autenticação do remetente (SPF falhou e o DKIM não passou).',
      });
    }
  }
  return hits;
}

/** Why the submission must be quarantined (the first quarantine rule that fires), or null. */
export function quarantineReason(s: Submission): { ruleId: string; reason: string } | null {
  return quarantineHits(s)[0] ?? null;
}

/**
 * What threading and the rules both read off a submission before anything else: computed once by
 * the intake and handed to both (findThread, decide), which compute it themselves when not given.
 */
export interface Screening {
  /** The quarantine rules that fire, in order (the first decides). */
  quarantine: readonly SignalHit[];
  /** Email that isMachineGenerated (auto-reply-policy.ts) calls automatic; always false for a form. */
  machineGenerated: boolean;
}

export function screen(s: Submission, config: OuvidoriaConfig): Screening {
  return { quarantine: quarantineHits(s), machineGenerated: s.channel === 'email' && isMachineGenerated(s, config) };
}

/** For staff: why a mail whose DMARC failed was decided, not quarantined (dmarcMonitoringOnly). */
export const DMARC_MONITORING_NOTE =
  'Remetente não autenticado: o DMARC do domínio falhou, mas o domínio pede só monitoramento (p=none); a mensagem não entra em caso existente.';

function ticketRuleId(ticket: TicketCheck): string {
  return `ticket.${ticket.status}`;
}

function ticketNumberForText(n: string): string {
  return n.length > 20 ? `${n.slice(0, 20)}…` : n;
}

/** Why a rejected number she disowns decides nothing (ticketDisowned). */
const DISOWNED_NOTE = (ticket: TicketCheck) =>
  `O nº ${'number' in ticket ? ticket.number : ''} citado não é dela: diz que não abriu chamado.`;

function ticketReason(ticket: TicketCheck, topicNote: string): string {
  switch (ticket.status) {
    case 'valid':
      return `Chamado anterior nº ${ticket.number} verificado (aberto pelo remetente); caso aceito${topicNote}.`;
    case 'unverified':
      return `Chamado nº ${ticket.number} informado, mas chamado não verificado (diretório de chamados indisponível); caso aceito com ressalva${topicNote}.`;
    case 'invalid':
      if (ticket.why === 'not_owner') return `O chamado nº ${ticket.number} não pertence ao remetente.`;
      if (ticket.why === 'bad_format') {
        return `O número de chamado informado (${ticketNumberForText(ticket.number)}) não tem formato válido.`;
      }
      return `O chamado nº ${ticket.number} não foi encontrado na central de atendimento.`;
    case 'none':
      return 'Nenhum número de chamado anterior encontrado na mensagem.';
  }
}

const TOPIC_NOTES: Record<string, string> = {
  ACCESS_ISSUE: ' (assunto: acesso ao painel)',
  BILLING_QUESTION: ' (assunto: planos, faturas ou cobrança)',
};

/** The fresh text a language guess reads: subject and what the sender wrote now. */
function languageOf(s: Submission, topics: TopicText): Decision['language'] {
  let parts: SplitText | undefined;
  const split = () => {
    parts ??= splitQuoted(s.text.slice(0, LANGUAGE_TEXT_CHARS));
    return parts;
  };
  // The same words as normalising the sample whole: sentence breaks are word breaks too.
  const counts = languageWordCounts(
    topics.languageSample ??
      normalize(`${s.subject}\n${s.formTopic ?? ''}\n${split().fresh}`.slice(0, LANGUAGE_SAMPLE_CHARS)),
  );
  // A short sample told by two words is hers alone: not above a quote or a forward, whose subject is not hers.
  const short = counts.words <= SHORT_SAMPLE_WORDS && (s.channel === 'webform' || split().quoted.trim() === '');
  const guess = languageOfCounts(counts, short);
  // A mail with no Portuguese word may be a short reply answered in the quote's language.
  const shortReply = guess === 'pt-BR' && counts.pt === 0 && s.channel === 'email';
  return shortReply ? languageOfShortReply(counts, s.subject, split()) : guess;
}

/** The text rules that find a store's buyer (a shopper, or their lawyer): the `shopper` reply variant. */
const SHOPPER_RULES: ReadonlySet<string> = new Set([
  'client.shopper.text',
  'client.shopper.lawyer',
  'client.shopper.consumer',
]);
/** Client-stage rules a store of ours, named by its address, answers: she has one (storeOfOurs). */
const A_STORE_OF_OURS_ANSWERS: ReadonlySet<string> = new Set(['client.prospect.text', 'client.other-platform.text']);

/** Whether a hit's words name another e-commerce platform (OTHER_PLATFORMS: "uso a shopify e"). */
function namesAnotherPlatform(evidence: string): boolean {
  return OTHER_PLATFORMS().some((platform) => ` ${evidence} `.includes(` ${platform} `));
}

/**
 * The first address of a store of ours in her subject or text: a host under one of config.storeDomains
 * ("carlashop.lojas.example.com.br"), the domain alone being the platform's own. One indexOf per domain.
 */
export function storeOfOurs(s: Submission, config: Pick<OuvidoriaConfig, 'storeDomains'>): string | undefined {
  if (config.storeDomains.length === 0) return undefined;
  const text = `${s.subject}\n${capText(s.text)}`.toLowerCase();
  for (const domain of config.storeDomains) {
    const suffix = `.${domain}`;
    for (let at = text.indexOf(suffix); at !== -1; at = text.indexOf(suffix, at + 1)) {
      const end = at + suffix.length;
      if (/[a-z0-9-]/.test(text[end] ?? '') || !/[a-z0-9-]/.test(text[at - 1] ?? '')) continue;
      let start = at;
      while (start > 0 && /[a-z0-9.-]/.test(text[start - 1] ?? '')) start--;
      return text.slice(start, end);
    }
  }
  return undefined;
}

function isShopperRule(id: string): boolean {
  return SHOPPER_RULES.has(id);
}

/** A sentence of ours this short ("Atenciosamente, Ouvidoria") may be the merchant's words too. */
const OWN_SENTENCE_MIN_WORDS = 6;
/**
 * A link and the spaces before it. The run is read only from where it starts ((?<!\s)): tried from
 * each of its spaces, `\s*` re-read the rest of a long run every time (quadratic).
 */
const LINK = /(?<!\s)\s*\(?https?:\/\/[^\s)]*\)?/g;

/** A canonical sentence without its links: a reply pasted from its HTML part has the words, not the addresses. */
export function withoutLinks(sentence: string): string {
  return sentence.includes('http') ? sentence.replace(LINK, '').trim() : sentence;
}

/**
 * How a normalised sentence is looked up among the office's own: without its links, its numbers as
 * one digit (the reply pasted back names the merchant's ticket, "chamado nº 99999", and its dates).
 * Normalised, not canonical: a reply pasted back is our words as we wrote them, and canonicalising
 * the 27 replies' sentences cost the first message of a cold container ~10 ms (issue 16).
 */
function ownKey(sentence: string): string {
  return withoutLinks(sentence).replace(/\d+/g, '0');
}

const ownReplies = new WeakMap<OuvidoriaConfig, ReadonlySet<string>>();

/**
 * The sentences as ownKey reads them (links left out, OWN_SENTENCE_MIN_WORDS words or more) of every automatic
 * reply the office sends under this configuration — each outcome, language and variant — the text
 * a merchant pastes back without a quote header ("Vocês me mandaram isto: … Se você ainda não é
 * cliente…"). Computed once per configuration.
 */
function ownReplySentences(config: OuvidoriaConfig): ReadonlySet<string> {
  const known = ownReplies.get(config);
  if (known !== undefined) return known;
  const own = new Set<string>();
  const outcomes = OUTCOMES.filter((o): o is ReplyOutcome => o !== 'QUARANTINED');
  for (const outcome of outcomes) {
    for (const language of ['pt-BR', 'es', 'en'] as const) {
      // Every variant of an outcome (variantsOf): her quote of any of them is ours, not hers.
      for (const variant of variantsOf(outcome)) {
        const { text } = renderReply(
          outcome,
          {
            subject: '',
            receivedAt: '2026-01-05T12:00:00.000Z',
            language,
            variant,
            protocol: 'OUV-2026-000001',
            dueDate: '19/01/2026',
            ticket: { status: 'invalid', number: '1000', why: 'not_found' },
          },
          config,
        );
        for (const sentence of normalizedSentencesOf(text)) {
          const words = ownKey(sentence);
          if (words.split(' ').length >= OWN_SENTENCE_MIN_WORDS) own.add(words);
        }
      }
    }
  }
  ownReplies.set(config, own);
  return own;
}

const WITH_DIGIT = /\d/;
/** SENTENCE_BREAK, every one of a text (matchAll reads a copy: its lastIndex stays 0). */
const SENTENCE_BREAKS = new RegExp(SENTENCE_BREAK.source, 'g');

/**
 * The text with the office's own reply sentences that carry a number blanked out (every character
 * but line breaks and quote marks a space, so offsets and quote lines hold): "Não localizamos o
 * chamado nº 99999 vinculado…" pasted back without a quote header names the merchant's wrong ticket
 * in our words, not a ticket the merchant cites. Only sentences with a digit are read.
 */
export function withoutOwnReplyNumbers(whole: string, config: OuvidoriaConfig): string {
  // The same cap as the rules and the ticket reader (MAX_TEXT_CHARS).
  const text = capText(whole);
  if (!WITH_DIGIT.test(text)) return text;
  const own = ownReplySentences(config);
  const pieces: { start: number; end: number }[] = [];
  let start = 0;
  for (const m of text.matchAll(SENTENCE_BREAKS)) {
    const end = m.index ?? 0;
    if (WITH_DIGIT.test(text.slice(start, end))) pieces.push({ start, end });
    start = end + m[0].length;
  }
  if (WITH_DIGIT.test(text.slice(start))) pieces.push({ start, end: text.length });
  if (pieces.length === 0) return text;
  const normalized = normalizeEach(pieces.map((p) => text.slice(p.start, p.end).replace(/\r\n?/g, '\n')));
  let out = text;
  pieces.forEach((p, i) => {
    if (!own.has(ownKey(normalized[i] ?? ''))) return;
    out = out.slice(0, p.start) + out.slice(p.start, p.end).replace(/[^\n>]/g, ' ') + out.slice(p.end);
  });
  return out;
}

/**
 * Whether the ticket the directory gives to the sender is cited in her own words (personsWordsOf: her
 * fresh text). A notice writes no ticket of its recipient's in sentences of its own (one answering a
 * mail echoes its subject, pastes it, or says a robot wrote it), and our own reply's numbers are
 * blanked first: beside her verified ticket, a notice's words are hers ("estou
 * fora do escritório, mas o chamado 48213…", "voltou: não foi possível entregar… chamado 52310").
 * Header and subject signs (isMachineGenerated) still decide.
 */
function citesHerOwnTicket(s: Submission, ticket: TicketCheck, config: OuvidoriaConfig): boolean {
  if (ticket.status !== 'valid') return false;
  const words = personsWordsOf(s);
  if (words === undefined) return false;
  const text = withoutOwnReplyNumbers(words, config);
  return extractTicketCandidates({ subject: '', text }).some((c) => c.number === ticket.number && c.source === 'body');
}

/** For staff: why a mail under a notice's subject became a case. */
const HERS_UNDER_NOTICE_SUBJECT_NOTE =
  'O assunto parece de aviso automático (ausência ou falha de entrega), mas o texto cita o chamado do próprio remetente: escrito por ele.';

/**
 * Whether the automatic reply the policy refused (`refusedBy`, its rule) is owed after all: the
 * refusal is a notice's subject (SUBJECT_SIGNS) and the rules read the merchant under it
 * (decide: automatic signalled, not decisive).
 */
export function answeredDespiteSubject(refusedBy: string, decision: Pick<Decision, 'ruleIds'>): boolean {
  return (
    SUBJECT_SIGNS.has(refusedBy) &&
    decision.ruleIds.includes('auto.machine-generated') &&
    !(decision.ruleIds.at(-1) ?? 'auto.').startsWith('auto.')
  );
}

/**
 * Round 52: the sentence of her first feature wish when it comes after words of hers as an afterthought
 * (AFTERTHOUGHT, in its sentence or the one before: "Ah, e seria legal ter relatório…", "E uma sugestão: …",
 * "…, fica a dica"); undefined for a wish alone, one in the subject, or one she leads with.
 */
function wishAfterthoughtAt(hits: readonly TextHit[], read: ReadText, c: Compiled): number | undefined {
  let firstWish = Number.POSITIVE_INFINITY;
  for (const h of hits) {
    if (ruleById(h.ruleId).stage !== 'feature') continue;
    if (h.sentence === undefined) return undefined;
    firstWish = Math.min(firstWish, h.sentence);
  }
  const afterthought = (i: number) => read.sentences[i]?.headline === false && matchesIn(c.afterthought, read, i);
  if (!afterthought(firstWish) && !afterthought(firstWish - 1)) return undefined;
  return read.sentences.slice(0, firstWish).some((t) => !t.headline) ? firstWish : undefined;
}

/**
 * Round 52: her access or billing problem told in the body sentences before the wish's (wishAfterthoughtAt):
 * the topic hit (found in the whole message) that its rule also finds in those sentences alone. "Tenho o
 * plano Pro. E uma sugestão: …" tells her plan, no problem: topic.billing.plan-held finds it, and is none.
 */
function problemBefore(hits: readonly TextHit[], read: ReadText, c: Compiled, wishAt: number): TextHit | undefined {
  const before = read.sentences
    .slice(0, wishAt)
    .filter((t) => !t.headline)
    .map(({ text }) => ({ text, headline: false }));
  const earlier = readText(before, c);
  const forTheStore = matchesAnywhere(c.writesForTheStore, read, true) ? c : null;
  for (const rule of c.rules) {
    const { id, stage, outcome } = rule.rule;
    if (stage !== 'topic' || !PROBLEMS_BEFORE_A_WISH.has(outcome) || !hits.some((h) => h.ruleId === id)) continue;
    if (matchRule(rule, earlier, forTheStore)) return hits.find((h) => h.ruleId === id);
  }
  return undefined;
}

const PROBLEMS_BEFORE_A_WISH: ReadonlySet<string> = new Set(['ACCESS_ISSUE', 'BILLING_QUESTION']);

/** Why a client-stage text rule sends the sender away: to the store (a buyer) or to sales. */
function notClientReason(hit: TextHit): string {
  return isShopperRule(hit.ruleId)
    ? `O remetente é cliente de uma loja da plataforma, não lojista (${quote(hit.evidence)}); orientar a falar com a própria loja, que cuida dos pedidos.`
    : `A mensagem indica que o remetente não é cliente (${quote(hit.evidence)}); encaminhar ao Comercial.`;
}

/** The words LEFT_THE_PLAN names what she left by: a billing rule's evidence when it is only that. */
const LEFT_NOUNS = new Set(['plano', 'assinatura']);

/**
 * Decides what the office does with a submission, given the checked prior ticket.
 * `config` names our own domain for the automatic-mail checks (isMachineGenerated): the
 * function's own configuration (tests and tools pass `localConfig`).
 */
export function decide(
  s: Submission,
  ticket: TicketCheck,
  config: OuvidoriaConfig,
  screening: Screening = screen(s, config),
): Decision {
  const { quarantine } = screening;
  const own = s.channel === 'email' ? ownReplySentences(config) : undefined;
  const topics = readTopics(s, own);
  const c = compiledRules();
  const read = readText(topics.sentences, c);
  const textHits = withForwardedNotice(s, withoutForwardTitleTopics(s, matchReadRules(read, c), own), own);
  const hitById = new Map(textHits.map((h) => [h.ruleId, h]));
  const firstOf = (stage: Rule['stage'], outcome?: string): TextHit | undefined =>
    textHits.find((h) => {
      const rule = ruleById(h.ruleId);
      return rule.stage === stage && (outcome === undefined || rule.outcome === outcome);
    });

  // A notice's subject over her verified ticket, cited in her own words ("I'm out of office this
  // week and our checkout is broken … Ticket 48213"): she wrote it (citesHerOwnTicket).
  // Read at most once, and only where a notice's sign or words are found.
  let citesHers: boolean | undefined;
  const herTicketCited = () => {
    citesHers ??= citesHerOwnTicket(s, ticket, config);
    return citesHers;
  };
  const hersUnderNoticeSubject = screening.machineGenerated && automaticBySubjectAlone(s, config) && herTicketCited();
  const machine = screening.machineGenerated && !hersUnderNoticeSubject;
  const signals = new Set<string>(quarantine.map((q) => q.ruleId));
  if (s.isClient === false) signals.add('client.not-a-client.form');
  if (screening.machineGenerated) signals.add('auto.machine-generated');
  // Quarantined mail has no ticket looked up (decideSubmission): "no ticket in the message" in its
  // trail would tell the reviewer what nobody checked.
  if (quarantine.length === 0) signals.add(ticketRuleId(ticket));
  const fired = eligibilityRules()
    .filter((r) => signals.has(r.id) || hitById.has(r.id))
    .map((r) => r.id);

  const ticketHolds = ticket.status === 'valid' || ticket.status === 'unverified';
  let decisive: string;
  let reason: string;

  // A notice's words beside a request to solve a cited ticket, or in quotation marks, are the
  // merchant's own ("preciso da solução do chamado 48213 antes", "só mandam “mensagem automática”").
  const automaticHit = s.channel === 'email' ? firstOf('automatic') : undefined;
  const noticeWordsHers =
    automaticHit !== undefined && (noticeWordsAreTheMerchants(s, automaticHit.evidence) || herTicketCited());
  const automaticText = automaticHit && !noticeWordsHers ? automaticHit : undefined;
  // Round 55: her store's address under our stores' domain (config.storeDomains) proves a client beside
  // another platform she names, or words a prospect would say ("uso a Shopify e minha loja
  // carlashop.lojas.example.com.br está fora do ar").
  // Only beside another platform she names: "vi a loja modas.lojas.example.com.br e gostei, quanto custa?" is a
  // prospect's, the store someone else's.
  const ourStoreToo = textHits.some((h) => A_STORE_OF_OURS_ANSWERS.has(h.ruleId) && namesAnotherPlatform(h.evidence))
    ? storeOfOurs(s, config)
    : undefined;
  const notClientText = textHits.find(
    (h) =>
      ruleById(h.ruleId).stage === 'client' && !(ourStoreToo !== undefined && A_STORE_OF_OURS_ANSWERS.has(h.ruleId)),
  );
  // With her ticket verified, a remedy asked for the failure (AS_A_REMEDY: "um desconto como
  // compensação") leaves the complaint to the office: the request stays in the trail, not decisive.
  const commercialHit = firstOf('commercial');
  const remedyAsked = commercialHit !== undefined && ticketHolds && matchesAnywhere(c.asARemedy, read, true);
  const commercial = remedyAsked ? undefined : commercialHit;
  const wished = firstOf('feature');
  // Round 52: a wish put as an afterthought after what she came for decides nothing — the ticket she cites
  // does (round 53: also one that does not hold, whose guidance asks for the right number), or with none her
  // access or billing problem told before it (an analyst answers the problem); the wish is noted in the reason.
  const wishAt = wished ? wishAfterthoughtAt(textHits, read, c) : undefined;
  const wishAside =
    wishAt !== undefined && (ticket.status !== 'none' || problemBefore(textHits, read, c, wishAt) !== undefined);
  const feature = wishAside ? undefined : wished;
  const access = firstOf('topic', 'ACCESS_ISSUE');
  // Round 60: beside a data request (LGPD), the plan or subscription named only in her telling that she left
  // ("Já cancelei o plano", "Cancelei minha assinatura em setembro") asks nothing of billing; a charge does.
  const dataRequested = matchesAnywhere(c.dataRequest, read, true);
  const billing = textHits.find((h) => {
    const rule = ruleById(h.ruleId);
    if (rule.stage !== 'topic' || rule.outcome !== 'BILLING_QUESTION') return false;
    const leftOnly =
      dataRequested &&
      LEFT_NOUNS.has(h.evidence) &&
      h.sentence !== undefined &&
      matchesIn(c.leftThePlan, read, h.sentence);
    return !leftOnly;
  });
  const firstQuarantine = quarantine[0];
  const shopper = notClientText && isShopperRule(notClientText.ruleId) ? notClientText : undefined;
  // Someone who ticked "ainda não sou cliente" but complains of a charge of ours (undue or double,
  // after cancelling, a refund: topic.billing.complaint) was billed by us, a former or mistaken
  // client: a billing matter, not sales' (as "nunca fui cliente" beside a charge is, in the text).
  const complaint = hitById.get(BILLED_BY_US);
  const billedByUs = complaint && CHARGE_NAMED.test(complaint.evidence) ? complaint : undefined;
  const boxSaysNotAClient =
    s.isClient === false && ticket.status !== 'valid' && (shopper !== undefined || billedByUs === undefined);
  const ticketNote = ticket.status === 'none' ? '' : ` O chamado nº ${ticket.number} citado não abre caso.`;
  // Round 57: a number the directory rejects, beside her own "não abri chamado nenhum", is not hers (a forwarded
  // phishing mail's): she is answered as with no ticket, never asked for "the right number" of none.
  const ticketDisowned = ticket.status === 'invalid' && saysNoTicketOpened(c.noTicketOpened, read, ticket.number);

  if (firstQuarantine) {
    decisive = firstQuarantine.ruleId;
    reason = firstQuarantine.reason;
  } else if (boxSaysNotAClient) {
    // A ticket the directory gives to the sender proves a client, whatever box was ticked. A store's
    // buyer who ticked it ("comprei um vestido na …") gets the shopper guidance: the store, not
    // sales, has their order.
    decisive = shopper ? shopper.ruleId : 'client.not-a-client.form';
    reason = shopper
      ? notClientReason(shopper)
      : 'No formulário, o remetente indicou que ainda não é cliente; encaminhar ao Comercial.';
  } else if (machine) {
    decisive = 'auto.machine-generated';
    reason =
      s.reaction !== undefined
        ? `Reação com emoji (${s.reaction}) a uma mensagem, sem texto: guardada como tal, sem caso nem resposta.${ticketNote}`
        : `Mensagem automática (resposta automática, lista, aviso de entrega ou notificação de sistema): guardada como tal, sem caso nem resposta.${ticketNote}`;
  } else if (automaticText) {
    decisive = automaticText.ruleId;
    reason = `O texto indica mensagem automática (${quote(automaticText.evidence)}): guardada como tal, sem caso nem resposta.${ticketNote}`;
  } else if (notClientText && !ticketHolds) {
    decisive = notClientText.ruleId;
    reason = notClientReason(notClientText);
  } else if (commercial) {
    decisive = commercial.ruleId;
    reason = `Negociação comercial ou condição especial (${quote(commercial.evidence)}): a Ouvidoria não atua; encaminhar ao Comercial.`;
  } else if (feature) {
    decisive = feature.ruleId;
    reason = `Pedido de funcionalidade ou integração inexistente (${quote(feature.evidence)}): a Ouvidoria não atua.`;
  } else if (ticket.status !== 'none' && !ticketDisowned) {
    decisive = ticketRuleId(ticket);
    const topic = access ? 'ACCESS_ISSUE' : billing ? 'BILLING_QUESTION' : '';
    reason = ticketReason(ticket, TOPIC_NOTES[topic] ?? '');
    if (remedyAsked && commercialHit)
      reason += ` Pede compensação (${quote(commercialHit.evidence)}): a reclamação é da Ouvidoria; a compensação, decisão do analista.`;
    if (s.isClient === false) reason += ' No formulário marcou “ainda não sou cliente”, mas o chamado é do remetente.';
  } else if (access) {
    decisive = access.ruleId;
    reason = `Sem chamado anterior; falta de acesso ao painel (${quote(access.evidence)}): orientar abertura de chamado no suporte técnico.`;
  } else if (billing) {
    decisive = billing.ruleId;
    reason = `Sem chamado anterior; assunto de planos, faturas ou cobrança (${quote(billing.evidence)}): orientar a Base de Conhecimento.`;
    if (s.isClient === false && billedByUs)
      reason += ` No formulário marcou “ainda não sou cliente”, mas reclama de uma cobrança nossa (${quote(billedByUs.evidence)}).`;
  } else {
    decisive = 'ticket.none';
    reason = ticketReason(ticket, '');
  }

  if (ticketDisowned && (decisive === 'ticket.none' || decisive.startsWith('topic.')))
    reason = `${decisive === 'ticket.none' ? 'Nenhum chamado anterior do remetente.' : reason} ${DISOWNED_NOTE(ticket)}`;
  if (wishAside && wished && (decisive.startsWith('ticket.') || decisive.startsWith('topic.')))
    reason = `${reason} Depois pede uma funcionalidade (${quote(wished.evidence)}): anotar a sugestão; não decide.`;
  if (ourStoreToo !== undefined && !firstQuarantine)
    reason = `${reason} Cita a loja ${ourStoreToo}, da plataforma: é cliente.`;
  if (hersUnderNoticeSubject && !firstQuarantine) reason = `${reason} ${HERS_UNDER_NOTICE_SUBJECT_NOTE}`;
  if (!firstQuarantine && dmarcMonitoringOnly(s.verdicts)) reason = `${reason} ${DMARC_MONITORING_NOTE}`;
  const language = languageOf(s, topics);
  if (language !== undefined && language !== 'pt-BR')
    reason = `${reason} Idioma da mensagem: ${LANGUAGE_NAMES_PT[language]}; resposta nesse idioma.`;
  const ruleIds = [...fired.filter((id) => id !== decisive), decisive];
  const decision: Decision = { outcome: ruleById(decisive).outcome, ruleIds, reason, ticket, language };
  if (isShopperRule(decisive)) decision.replyVariant = 'shopper';
  else if (decision.outcome === 'TICKET_INVALID' && matchesAnywhere(c.onBehalf, read, false))
    decision.replyVariant = 'on-behalf';
  // Her reply must not say her message held no number: it held one, none of hers.
  else if (decision.outcome === 'NO_PRIOR_TICKET' && ticketDisowned) decision.replyVariant = 'disowned';
  // Journeys 62: she says she already opened one and gives no number: asked for it, not sent to support first
  // (nor, for access or billing, told to open one again).
  else if (
    ALREADY_OPENED_OUTCOMES.has(decision.outcome) &&
    ticket.status === 'none' &&
    saysTicketOpened(c.ticketOpened, c.notOpenedWithUs, read)
  )
    decision.replyVariant = 'already-opened';
  return decision;
}

/**
 * Every reply of an outcome: NOT_A_CLIENT's and TICKET_INVALID's have a second variant, NO_PRIOR_TICKET's two more,
 * ACCESS_ISSUE's and BILLING_QUESTION's `already-opened`.
 */
function variantsOf(outcome: ReplyOutcome): readonly (ReplyVariant | undefined)[] {
  if (outcome === 'NOT_A_CLIENT') return [undefined, 'shopper'];
  if (outcome === 'TICKET_INVALID') return [undefined, 'on-behalf'];
  if (outcome === 'NO_PRIOR_TICKET') return [undefined, 'disowned', 'already-opened'];
  if (ALREADY_OPENED_OUTCOMES.has(outcome)) return [undefined, 'already-opened'];
  return [undefined];
}
