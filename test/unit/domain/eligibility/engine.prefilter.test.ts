import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localConfig } from '../../../../shared/domain/config';
import {
  canonicalize,
  compilePhrase,
  decide,
  matchTextRules,
  phraseKeyAndNeedle,
  phraseWords,
  type TextHit,
  topicSentences,
} from '../../../../shared/domain/eligibility/engine';
import {
  A_BUYERS_DEED,
  AS_A_REMEDY,
  FIRST_PERSON,
  NEGATABLE_STAGES,
  ON_BEHALF,
  PHRASE_REWRITES,
  eligibilityRules,
  SAID_NOT_TO_BE,
  SAID_SETTLED,
  THE_STORE_AS_CLIENT,
  WRITES_FOR_THE_STORE,
} from '../../../../shared/domain/eligibility/rules';
import { type Submission, SubmissionSchema } from '../../../../shared/domain/submission';
import { canonicalizeWords, normalize } from '../../../../shared/domain/text';

/** The maximal runs of [a-z0-9] of a text: the words the engine reads keys in. */
function wordsOf(text: string): Set<string> {
  return new Set(text.match(/[a-z0-9]+/g) ?? []);
}

const TEXT_RULES = eligibilityRules().filter((r) => r.trigger === 'text');
const ALL_PHRASES = TEXT_RULES.flatMap((r) => [
  ...r.phrases,
  ...(r.requires ?? []),
  ...(r.unless ?? []),
  ...(r.unlessInMessage ?? []),
  ...(r.requiresInMessage ?? []),
  ...(r.unlessInClause ?? []),
  ...(r.unlessExceptIn ?? []),
  ...(r.namedBefore ?? []),
]);

const regexes = new Map<string, RegExp>();
const re = (phrase: string): RegExp => {
  let r = regexes.get(phrase);
  if (r === undefined) {
    r = compilePhrase(phrase);
    regexes.set(phrase, r);
  }
  return r;
};

/** The engine before the key-word filter: every phrase's regular expression on every sentence. */
function referenceMatchTextRules(s: Submission): TextHit[] {
  const sentences = topicSentences(s);
  const body = sentences.filter((t) => !t.headline).map((t) => t.text);
  const any = (phrases: readonly string[] | undefined, text: string) => (phrases ?? []).some((p) => re(p).test(text));
  // Round 50: in a mail by whom writes for the store, a veto reads her "a cliente" as the merchant (blanked).
  const forTheStore = sentences.some((t) => any(WRITES_FOR_THE_STORE(), t.text));
  const vetoing = (text: string) => (forTheStore ? merchantNamedPlainly(text) : text);
  const hits: TextHit[] = [];
  for (const rule of TEXT_RULES) {
    if (sentences.some((t) => any(rule.unlessInMessage, t.text))) continue;
    const requiresInMessage = rule.requiresInMessage ?? [];
    if (requiresInMessage.length > 0 && !sentences.some((t) => any(requiresInMessage, t.text))) continue;
    const negatable = NEGATABLE_STAGES.has(rule.stage);
    for (const [i, sentence] of sentences.entries()) {
      const phrase = rule.phrases.find((p) => re(p).test(sentence.text));
      if (phrase === undefined) continue;
      const m = re(phrase).exec(sentence.text) as RegExpExecArray;
      if ((rule.namedBefore ?? []).length > 0) {
        // A bare follow-up: it ends its body sentence of eight words at most, on what the body sentence before names.
        const before = sentences[i - 1];
        if (sentence.headline || before === undefined || before.headline) continue;
        if (/[a-z0-9]/.test(sentence.text.slice(m.index + m[0].length))) continue;
        if ((sentence.text.match(/[a-z0-9]+/g) ?? []).length > 8) continue;
        if (!any(rule.namedBefore, before.text) || any(rule.unless, before.text)) continue;
      }
      const context = sentence.headline ? [sentence.text, ...body] : [sentence.text];
      if ((rule.requires ?? []).length > 0 && !context.some((t) => any(rule.requires, t))) continue;
      const vetoText = vetoing(sentence.text);
      if (
        any(rule.unless, vetoText) &&
        !(negatable && unlessOnlyWhereDenied(rule, vetoText, m)) &&
        !unlessOnlyInsideExceptions(rule, vetoText)
      )
        continue;
      if (negatable && (saidNotToBeBefore(sentence.text, m) || saidSettledAfter(sentence.text, m))) continue;
      if (sentence.headline && body.some((t) => any(rule.unless, vetoing(t)))) continue;
      if (
        sentence.headline
          ? [sentence.text, ...body].some((t) => any(rule.unlessInClause, vetoing(t)))
          : clauseVeto(rule, vetoText, m)
      )
        continue;
      hits.push({ ruleId: rule.id, evidence: re(phrase).exec(sentence.text)?.[0] ?? '', sentence: i });
      break;
    }
  }
  return hits;
}

/** unlessExceptIn read plainly: every match of its phrases blanked, the unless no longer found. */
function unlessOnlyInsideExceptions(rule: (typeof TEXT_RULES)[number], text: string): boolean {
  const except = rule.unlessExceptIn ?? [];
  let kept = text;
  let blanked = false;
  for (let m = firstOf(except, kept); m !== null; m = firstOf(except, kept)) {
    kept = `${kept.slice(0, m.index)}${'|'.repeat(m[0].length)}${kept.slice(m.index + m[0].length)}`;
    blanked = true;
  }
  return blanked && firstOf(rule.unless ?? [], kept) === null;
}

/** The first phrase of the list, in list order, that matches the text. */
function firstOf(list: readonly string[], text: string): RegExpExecArray | null {
  for (const p of list) {
    const m = re(p).exec(text);
    if (m) return m;
  }
  return null;
}

/** Clause breaks of a denial ("não é X, nem Y" goes on), and of a clause, read plainly. */
const SAID_BREAK = /[,;:](?!\s*(?:nem|nor|ni)\s)|\s(?:mas|porem|so que|but|pero)\s/g;
const CLAUSE_BREAK = /,|\s(?:e|mas|enquanto|porem|so que|and|but|while|pero|y)\s/g;

function clauseStartOf(text: string, index: number, breaks: RegExp): number {
  let start = 0;
  for (const b of text.matchAll(breaks)) if (b.index + b[0].length <= index) start = b.index + b[0].length;
  return start;
}

/** "não é senha incorreta": a denial starting before the match, in its clause, reaching into it. */
function saidNotToBeBefore(text: string, m: RegExpExecArray): boolean {
  const start = clauseStartOf(text, m.index, SAID_BREAK);
  if (start === m.index) return false;
  const said = firstOf(SAID_NOT_TO_BE(), text.slice(start, m.index + m[0].length));
  return said !== null && said.index < m.index - start;
}

/** "a fatura está paga": what is settled, at most three words after the match, in its clause. */
function saidSettledAfter(text: string, m: RegExpExecArray): boolean {
  const to = m.index + m[0].length;
  const rest = text.slice(to);
  const end = [...rest.matchAll(CLAUSE_BREAK)][0]?.index ?? rest.length;
  const after = rest.slice(0, end);
  const said = firstOf(SAID_SETTLED(), after);
  return (
    said !== null &&
    after
      .slice(0, said.index)
      .split(' ')
      .filter((w) => w !== '').length <= 3
  );
}

/** The rule's `unless` only in clauses (not the match's) that the sender says the mail is not about. */
function unlessOnlyWhereDenied(rule: (typeof TEXT_RULES)[number], text: string, m: RegExpExecArray): boolean {
  const cuts = [...text.matchAll(SAID_BREAK)];
  const starts = [0, ...cuts.map((b) => b.index + b[0].length)];
  const ends = [...cuts.map((b) => b.index), text.length];
  let kept = '';
  let denied = false;
  starts.forEach((start, i) => {
    const end = ends[i] as number;
    const clause = text.slice(start, end);
    const own = start <= m.index && m.index < end;
    if (!own && firstOf(SAID_NOT_TO_BE(), clause) !== null) {
      kept += '|'.repeat(clause.length);
      denied = true;
    } else kept += clause;
    if (i < cuts.length) kept += (cuts[i] as RegExpExecArray)[0];
  });
  return denied && firstOf(rule.unless ?? [], kept) === null;
}

/** merchantNamed read plainly: every "a cliente" blanked, unless the sentence tells a buyer's deed. */
function merchantNamedPlainly(text: string): string {
  if (firstOf(A_BUYERS_DEED, text) !== null) return text;
  let kept = text;
  for (let m = firstOf(THE_STORE_AS_CLIENT, kept); m !== null; m = firstOf(THE_STORE_AS_CLIENT, kept)) {
    kept = `${kept.slice(0, m.index)}${'|'.repeat(m[0].length)}${kept.slice(m.index + m[0].length)}`;
  }
  return kept;
}

/** unlessInClause read plainly: the clause around the match, when it is in the first person; else the sentence. */
function clauseVeto(rule: (typeof TEXT_RULES)[number], text: string, m: RegExpExecArray): boolean {
  const list = rule.unlessInClause ?? [];
  if (!list.some((p) => re(p).test(text))) return false;
  const breaks = [...text.matchAll(/,|\s(?:e|mas|enquanto|porem|so que|and|but|while|pero|y)\s/g)];
  const start = Math.max(
    0,
    ...breaks.filter((b) => b.index + b[0].length <= m.index).map((b) => b.index + b[0].length),
  );
  const end = Math.min(text.length, ...breaks.filter((b) => b.index >= m.index + m[0].length).map((b) => b.index));
  const clause = text.slice(start, end);
  const firstPerson = FIRST_PERSON.some((w) => new RegExp(`(?<![a-z0-9])${w}(?![a-z0-9])`).test(clause));
  return !firstPerson || list.some((p) => re(p).test(clause));
}

/** A sentence the phrase matches: gaps filled with words, prefixes extended. */
function instanceOf(phrase: string, filler: string): string {
  return phrase
    .split(' ')
    .map((t) => (t === '*' ? filler : t.endsWith('*') ? `${t.slice(0, -1)}s` : t))
    .join(' ');
}

function submission(subject: string, text: string): Submission {
  return SubmissionSchema.parse({
    channel: 'email',
    sourceId: 'prefilter',
    receivedAt: '2026-03-10T14:00:00.000Z',
    sender: { name: 'Lojista', address: 'lojista@example.com' },
    subject,
    text,
  });
}

/**
 * Fixed numbers of runs against the every-phrase reference (thousands of expressions each): on a
 * loaded two-CPU machine they took past vitest's 30 s. Time is not what they test (speed is in
 * `npm run bench`), so they get room.
 */
const PROPERTY_RUNS = { timeout: 180_000 };

describe('key words of phrases', PROPERTY_RUNS, () => {
  it('every match of a phrase contains its key words whole', () => {
    for (const phrase of ALL_PHRASES) {
      for (const filler of ['', 'de jeito nenhum', 'x-y, z']) {
        const text = `Olá. ${instanceOf(phrase, filler)} agora`;
        const m = compilePhrase(phrase).exec(text.toLowerCase());
        if (!m) continue;
        const words = wordsOf(m[0]);
        for (const w of phraseWords(phrase)) expect(words.has(w), `${phrase} / ${w}`).toBe(true);
      }
    }
  });

  it("a phrase's key is its longest key word, and without one its needle is its longest run", () => {
    const longest = (words: readonly string[]) =>
      words.reduce<string | null>((a, w) => (a === null || w.length > a.length ? w : a), null);
    for (const phrase of ALL_PHRASES) {
      const key = longest(phraseWords(phrase));
      const needle = key === null ? longest(phrase.match(/[a-z0-9]+/g) ?? []) : null;
      expect(phraseKeyAndNeedle(phrase), phrase).toEqual({ key, needle });
    }
    expect(phraseKeyAndNeedle('bloque*')).toEqual({ key: null, needle: 'bloque' });
    expect(phraseKeyAndNeedle('nao sou cliente*')).toEqual({ key: 'nao', needle: null });
    expect(phraseKeyAndNeedle('registro.br')).toEqual({ key: 'registro', needle: null });
    expect(phraseKeyAndNeedle('cobr* * boleto*')).toEqual({ key: null, needle: 'boleto' });
    expect(phraseKeyAndNeedle('*')).toEqual({ key: null, needle: null });
  });

  it('a prefix token keeps its open end out of the key words', () => {
    expect(phraseWords('cliente*')).toEqual([]);
    expect(phraseWords('nao sou cliente*')).toEqual(['nao', 'sou']);
    expect(phraseWords('registro.br')).toEqual(['registro', 'br']);
    expect(phraseWords('nao consigo * acessar')).toEqual(['nao', 'consigo', 'acessar']);
  });
});

describe('matchTextRules with the key-word filter', PROPERTY_RUNS, () => {
  const phraseArb = fc.constantFrom(...ALL_PHRASES);
  const fillerArb = fc.constantFrom('', 'muito', 'de jeito nenhum', 'a b c d e', 'x-y.');
  const glueArb = fc.constantFrom(' ', '. ', '\n\n', '; ', ', ', '! ', ' e ', '\n> ', ' vc n ');
  // Round 50's reading (whom writes for the store names the merchant "a cliente") is rare among thousands
  // of phrases: its three lists get a piece of their own.
  const forTheStoreArb = fc.constantFrom(...WRITES_FOR_THE_STORE(), ...THE_STORE_AS_CLIENT, ...A_BUYERS_DEED);
  const pieceArb = fc.oneof(
    fc.tuple(phraseArb, fillerArb).map(([p, f]) => instanceOf(p, f)),
    fc.tuple(forTheStoreArb, fillerArb).map(([p, f]) => instanceOf(p, f)),
    fc.constantFrom('Bom dia', 'Obrigada', 'Atenciosamente, Maria', 'Chamado 48213', 'Não consigo', 'minha loja'),
    fc.string({ maxLength: 12 }),
  );
  const textArb = fc.array(fc.tuple(pieceArb, glueArb), { maxLength: 12 }).map((xs) => xs.flat().join(''));

  it('decides the same rules and evidence as trying every phrase', () => {
    fc.assert(
      fc.property(textArb, textArb, (subject, text) => {
        const s = submission(subject.slice(0, 200), text);
        expect(matchTextRules(s)).toEqual(referenceMatchTextRules(s));
      }),
      // CI's counterexample: a notice's headline beside whom writes for the store naming her "o cliente".
      { numRuns: 400, examples: [['esta e uma mensagem automatica ', 'sou o advogado dela o cliente ']] },
    );
  });

  it('holds where a sentence has several keys of a list and words apart by more than a space (issue 16)', () => {
    // Several phrases in one sentence give it several keys of a list; doubled spaces and tabs send every
    // phrase to its expression, which a sentence without one of the phrase's other words never runs;
    // a word dropped from a phrase's instance leaves the key without the rest.
    const spacedArb = fc.constantFrom('  ', '\t', ' \u00a0 ', ' ');
    const dropArb = fc.nat({ max: 6 });
    const pieceOf = fc.tuple(phraseArb, fillerArb, dropArb).map(([p, f, d]) =>
      instanceOf(p, f)
        .split(' ')
        .filter((_, i, all) => all.length < 3 || i !== d)
        .join(' '),
    );
    fc.assert(
      fc.property(fc.array(pieceOf, { minLength: 1, maxLength: 4 }), spacedArb, (pieces, space) => {
        const text = pieces.map((piece) => piece.split(' ').join(space)).join(' e ');
        const s = submission('', text);
        expect(matchTextRules(s)).toEqual(referenceMatchTextRules(s));
      }),
      { numRuns: 300 },
    );
  });

  it('holds on adversarial shapes', () => {
    const shapes = [
      `chamado ${'1.111.'.repeat(2000)}`,
      `nao consigo ${' '.repeat(5000)}\t${'\n'.repeat(3000)} acessar`,
      'nao '.repeat(3000),
      `protocolo ${'1234567890'.repeat(500)}`,
    ];
    for (const text of shapes) {
      const s = submission('Reclamação', text);
      expect(matchTextRules(s)).toEqual(referenceMatchTextRules(s));
    }
  });
});

describe('canonicalize with the rewrites looked up by their words (issue 16)', PROPERTY_RUNS, () => {
  const rewrites = PHRASE_REWRITES().map(([from, to]) => ({ re: new RegExp(compilePhrase(from).source, 'g'), to }));
  /** Every rewrite's expression tried in order on the whole text, as before any word filter. */
  const reference = (normalized: string) =>
    rewrites.reduce(
      (out, { re, to }) => out.replace(re, to),
      canonicalizeWords(normalized).replace(/(?<![a-z0-9.])n(?= [a-z])/g, 'nao'),
    );
  const fromArb = fc.constantFrom(...PHRASE_REWRITES().map(([from]) => from));
  const toArb = fc.constantFrom(...PHRASE_REWRITES().map(([, to]) => to));
  const pieceArb = fc.oneof(
    fromArb.map((from) => instanceOf(from, 'muito')),
    toArb,
    fc.constantFrom('vc n consigo', 'entrar em contato', 'minha loja', 'cobransa', 'chamdo', 'want to'),
    fc.string({ maxLength: 8 }),
  );

  it("rewrites as trying every rewrite in order, each one's output included", () => {
    fc.assert(
      fc.property(fc.array(pieceArb, { maxLength: 8 }), (pieces) => {
        const normalized = normalize(pieces.join(' '));
        expect(canonicalize(normalized)).toBe(reference(normalized));
      }),
      { numRuns: 500 },
    );
  });

  // The text's words are walked against the rewrites' first words, and a marked rewrite's other words
  // searched for whole in the text as it stands: pinned where a walk or a search could go wrong.
  it.each([
    ['a rewrite that feeds the next', 'i want to talk to someone'],
    ['a first word at the very start and end', 'contato com voces entrar em contato'],
    ['a first word only inside longer words', 'recontatos contatoss acontato'],
    ['a first word glued to digits', 'contato2 entrar em contato123'],
    ['words split by punctuation and joins', 'entrar?em?contato, entrar-em-contato'],
    ['chat-speak and slips', 'vc n consigo entrar em contato pq o chamdo sumiu'],
    ['many sentences joined', 'minha loja caiu?quero entrar em contato?want to?n consigo'],
  ])('rewrites %s as trying every rewrite in order', (_name, text) => {
    const normalized = normalize(text);
    expect(canonicalize(normalized)).toBe(reference(normalized));
  });
});

describe('ON_BEHALF and AS_A_REMEDY read as phrase lists (issue 16)', PROPERTY_RUNS, () => {
  const anyOf = (phrases: readonly string[]) => new RegExp(phrases.map((p) => compilePhrase(p).source).join('|'));
  const onBehalf = anyOf(ON_BEHALF());
  const remedy = anyOf(AS_A_REMEDY());
  const pieceArb = fc.oneof(
    fc
      .tuple(fc.constantFrom(...ON_BEHALF(), ...AS_A_REMEDY()), fc.constantFrom('', 'muito', 'x-y.'))
      .map(([p, f]) => instanceOf(p, f)),
    fc.constantFrom(
      'o chamado 99999 não existe',
      'quero um desconto como compensação',
      'escrevo em nome da loja',
      'Bom dia',
      'Atenciosamente, Maria',
      'a cobrança veio em dobro',
    ),
  );
  const textArb = fc.array(pieceArb, { minLength: 1, maxLength: 5 }).map((xs) => xs.join('. '));

  it("give decide's on-behalf variant and remedy note as one expression of the whole list did", () => {
    fc.assert(
      fc.property(textArb, fc.constantFrom('', 'Desconto', 'em nome da loja'), (text, subject) => {
        const s = submission(subject, text);
        const sentences = topicSentences(s);
        const invalid = decide(s, { status: 'invalid', number: '99999', why: 'not_found' }, localConfig);
        if (invalid.outcome === 'TICKET_INVALID') {
          const expected = sentences.some((t) => !t.headline && onBehalf.test(t.text));
          expect(invalid.replyVariant === 'on-behalf').toBe(expected);
        }
        const valid = decide(s, { status: 'valid', number: '48213' }, localConfig);
        const commercial = valid.ruleIds.some((id) => id.startsWith('scope.commercial.'));
        if (commercial && valid.outcome === 'ACCEPTED') {
          expect(valid.reason.includes('Pede compensação')).toBe(sentences.some((t) => remedy.test(t.text)));
        }
      }),
      { numRuns: 300 },
    );
  });
});
