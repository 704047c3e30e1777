/**
 * Commands in an analyst's mail (SPEC.md step 8), the way Zendesk's Mail API reads `#status solved`
 * in a reply: one command per line at the top of the fresh text, the rest is the answer.
 *
 *   #encerrar <procedente|improcedente|parcial|resolvido|nao-resolvido> [resumo]
 *   #aguardar [o que se aguarda]  (waiting for the merchant: "#aguardar retorno do lojista")
 *   #nota [texto]                 (internal note: the whole mail stays internal, nothing relayed)
 *   #transferir <id, e-mail ou nome> (the text, if any, goes to the new analyst as a note)
 *   #prorrogar <dias úteis> <motivo>
 *
 * Decisions:
 * - Command words and categories are matched without accents and case: `#Encerrar Procedente`,
 *   `#ENCERRAR NÃO RESOLVIDO`, `#encerrar não-resolvido` all work, and so do the categories as
 *   the office writes them (`resolvida`, `não procedente`, `parcialmente procedente`: CATEGORY_PHRASES). Only these five verbs are
 *   commands: a near miss (`#prorrogação`, `#fechar`, `#encerra`) is an error with a suggestion,
 *   never guessed, because a guessed `#encerrar` would close a case nobody meant to close.
 * - The command block is the run of lines starting with `#` + letter at the top (blank lines in
 *   between allowed); the first other line starts the answer, and a `#word` after it is plain text.
 *   `#48213` (a ticket number) is not a command. But a line of the answer that IS a whole, valid
 *   command (`#encerrar procedente` under her greeting, or written below the quoted history) refuses
 *   the mail: it never acts there, and relayed it would hand the merchant the analyst's intent (or
 *   a `#nota`, which is internal) while the analyst believes the case closed.
 * - A line is read as its reader sees it: characters nobody sees (a zero-width space, a bidi mark
 *   pasted from a chat or a web page) are left out before it is told apart and parsed. With them,
 *   "\u200b#encerrar procedente" was no command but the first line of the answer: the analyst's
 *   closing went to the merchant as the office's text, and the case stayed open.
 * - `#prorrogar 5 dias úteis motivo…`: "dias", "dias úteis", "du" after the number are accepted,
 *   "por" or "mais" before it, and "5du" written together.
 * - A summary or reason may be separated by ":" or "-" (`#encerrar procedente - estorno feito`).
 * - `#aguardar retorno do lojista`, `#aguardar documentos`: words on the line that say what is awaited
 *   are kept on the case's history (internal). Anything else there ("#aguardar Maria, pode mandar o
 *   print?") is refused: it reads as a message to her, and would silently never reach her.
 * - Each command at most once; `#encerrar` does not mix with `#aguardar`, `#transferir` or
 *   `#prorrogar` (closing ends the work; do one thing at a time). `#nota` mixes with anything and
 *   makes the mail internal.
 * - Any problem rejects the whole mail: nothing is relayed, nothing changes, the analyst gets
 *   the list of problems and the valid commands.
 * Everything here is one pass over the text with anchored, non-nested patterns: linear time.
 */
import { withoutAccents } from '../accents';
import { type CaseWords, readsAsAbsenceNotice } from '../auto-reply-policy';
import { foldKeepingLength, splitQuoted, withoutInvisible } from '../text';
import { extensionDaysProblem } from './deadlines';
import { AWAITED_MAX_CHARS } from './machine';
import { staffGreeting } from '../staff';
import { CLOSE_CATEGORIES, type CloseCategory, type StaffProblem } from './types';

export type StaffCommand =
  | { kind: 'close'; category: CloseCategory; summary: string; line: string }
  /** `awaiting`: what the case waits for, as written on the line (internal, for the history). */
  | { kind: 'wait'; awaiting?: string; line: string }
  | { kind: 'note'; text: string; line: string }
  | { kind: 'transfer'; to: string; line: string }
  | { kind: 'extend'; businessDays: number; reason: string; line: string };

export type StaffCommandKind = StaffCommand['kind'];

export type ParsedStaffMail =
  | { ok: true; commands: StaffCommand[]; body: string }
  | { ok: false; problems: StaffProblem[]; commandLines: string[] };

export interface CommandOptions {
  /** Largest `#prorrogar` (config.lifecycle.maxExtensionBusinessDays). */
  maxExtensionBusinessDays: number;
  /**
   * The case's names (the merchant's, her store's): a mail that greets her by one is a letter, not
   * her mailbox's absence notice (readsAsAbsenceNotice).
   */
  caseNames?: CaseWords;
}

/** The valid commands, as the explanation mail lists them (pt-BR). */
export const COMMAND_HELP_PT: ReadonlyArray<{ usage: string; what: string }> = [
  {
    usage: '#encerrar <procedente|improcedente|parcial|resolvido|nao-resolvido> [resumo]',
    what: 'encerra o caso; o resumo e o texto abaixo vão ao lojista com a resolução e a pesquisa de satisfação',
  },
  {
    usage: '#aguardar [o que se aguarda]',
    what: 'envia a resposta (se houver texto) e marca o caso como aguardando o lojista; o que vem na linha (por exemplo, “retorno do lojista”) fica só no histórico',
  },
  {
    usage: '#nota [texto]',
    what: 'registra uma nota interna; nada é enviado ao lojista (uma resposta ao lojista abaixo dele, começando por “Olá, Maria,”, recusa a mensagem: envie-a sem #nota)',
  },
  {
    usage: '#transferir <identificador ou nome da pessoa>',
    what: 'passa o caso a outra pessoa da equipe; o texto vai a ela como nota interna',
  },
  { usage: '#prorrogar <dias úteis> <motivo>', what: 'prorroga o prazo; o lojista recebe a nova data e o motivo' },
];

const VERBS: Record<string, StaffCommandKind> = {
  encerrar: 'close',
  aguardar: 'wait',
  nota: 'note',
  transferir: 'transfer',
  prorrogar: 'extend',
};

/** Near misses people type, pointed at the verb they probably meant. */
const SUGGESTIONS: Record<string, string> = {
  encerra: 'encerrar',
  encerrado: 'encerrar',
  encerramento: 'encerrar',
  fechar: 'encerrar',
  finalizar: 'encerrar',
  concluir: 'encerrar',
  aguarda: 'aguardar',
  aguardando: 'aguardar',
  esperar: 'aguardar',
  notas: 'nota',
  observacao: 'nota',
  obs: 'nota',
  anotacao: 'nota',
  comentario: 'nota',
  interno: 'nota',
  transfere: 'transferir',
  transferencia: 'transferir',
  prorroga: 'prorrogar',
  prorrogacao: 'prorrogar',
  adiar: 'prorrogar',
  // Round 29: the verbs of other help desks and of everyday speech.
  resolver: 'encerrar',
  resolvido: 'encerrar',
  finalizado: 'encerrar',
  esperando: 'aguardar',
  encaminhar: 'transferir',
  repassar: 'transferir',
  estender: 'prorrogar',
  prazo: 'prorrogar',
};

/**
 * The record's own entry for a word the analyst typed: never one of Object.prototype's
 * ("#constructor" read VERBS.constructor, a function, and the mail crashed the intake).
 */
function own<T>(record: Record<string, T>, word: string): T | undefined {
  return Object.hasOwn(record, word) ? record[word] : undefined;
}

/** Lower-case, accent-free: "Não" → "nao". */
function fold(s: string): string {
  return withoutAccents(s).toLowerCase();
}

/** `#` then letters, at the start of a trimmed line. */
const COMMAND_LINE = /^#[\p{L}\p{M}]/u;
/** `#`, spaces, a word: a command when the word is a verb or a near miss (commandLine). */
const SPACED_COMMAND = /^#[\s\u00a0]+([\p{L}\p{M}_-]+)/u;
const COMMAND_WORD = /^#([\p{L}\p{M}_-]+)/u;
/** Analyst ids (roster) or an address, as `#transferir` accepts them. */
const STAFF_REF = /^[a-z0-9][a-z0-9._+-]{0,63}(@[a-z0-9.-]{1,255})?$/;
/** A word of a person's name, folded ("d'avila", "ana-maria"). */
const NAME_WORD = /^[a-z][a-z'’.-]{0,39}$/;
/** "para a Carla", "pro Bruno", as people say whom they hand a case to. */
/** "para a Carla", "pro Bruno", "à Carla", "ao Bruno" (folded: "a carla"): the words before her name. */
const TRANSFER_LEAD = /^(?:(?:para|pra|pro|p\/)\s+(?:(?:a|o)\s+)?|(?:a|o|ao)\s+(?=\S))/;
const MAX_NAME_WORDS = 6;

/**
 * Whom `#transferir` names, folded: an id or an address (`@bruno`, as chat programs write a
 * colleague), or a name of a few words (staff-reference.ts finds the person). Anything else
 * (markup, two people, a sentence) is no reference.
 */
function transferReference(rest: string): string | undefined {
  const words = fold(rest.trim())
    .replace(TRANSFER_LEAD, '')
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.replace(/^@/, ''))
    // "#transferir Bruno." ends a sentence; the dot is not part of his name.
    .map((w, i, all) => (i === all.length - 1 ? w.replace(/(?<![.,;:!?])[.,;:!?]+$/, '') : w))
    .filter(Boolean);
  if (words.length === 1 && STAFF_REF.test(words[0] as string)) return words[0];
  if (words.length === 0 || words.length > MAX_NAME_WORDS || !words.every((w) => NAME_WORD.test(w))) return undefined;
  return words.join(' ');
}
const DAYS = /^\d{1,3}$/;
const UNIT_WORDS = new Set(['dia', 'dias', 'du', 'util', 'uteis']);
/** Words people put before the number of days. */
const DAYS_LEAD_WORDS = new Set(['por', 'mais', '+']);
/** "5du", "5d", "5dias": the unit written against the number. */
const ATTACHED_UNIT = /^\+?(\d{1,3})(?:du|d|dias?)?[.,:]?$/i;
/** "5 (cinco) dias úteis": the number written out again, in parentheses, as contracts write it. */
const NUMBER_IN_WORDS = /^\(\p{L}+\)[.,:]?$/u;
/** A reason written in parentheses, "(aguardando o banco)": the words, without them. */
const PARENTHESIZED = /^\((.*)\)$/s;
const LEADING_SEPARATOR = /^[:\-–—]\s*/;
/**
 * What `#aguardar` names on its line is internal: what the office waits for, in a few words
 * ("retorno do lojista", "lista de pedidos", "aprovação do financeiro"). Words there that read as a
 * message to her would never reach her, so the mail is refused when the line, folded, greets or
 * names her first ("Olá, Maria", "Maria, …"), asks ("?"), asks her for something ("envie", "pode",
 * "por favor"), speaks to her ("você", "seu", "sua") or runs to a second sentence.
 */
const MESSAGE_TO_HER = [
  /\?/,
  /^(?:ola|oi|bom dia|boa tarde|boa noite|prezad[oa]s?|car[oa]s?|querid[oa]s?|sr|sra|senhora?)\b/,
  /[.!;]\s+\S+(?:\s+\S+){2}/,
  /^(?:envia|manda|pode|podes|preciso|precisamos|aguardo|aguardamos|obrigad[oa]|me)\b/,
  /\b(?:envie|mande|encaminhe|anexe|favor|poderia|gostaria|peco|solicito|voce|voces|vc|vcs|te|lhe|seu|sua|seus|suas|contigo)\b/,
];
const AWAITED_MAX_WORDS = 12;

interface Token {
  text: string;
  end: number;
}

function tokens(s: string): Token[] {
  const out: Token[] = [];
  for (const m of s.matchAll(/\S+/g)) out.push({ text: m[0], end: (m.index ?? 0) + m[0].length });
  return out;
}

/** The free text after the first `consumed` tokens of `rest`, without a leading ":" or "-". */
function textAfter(rest: string, toks: Token[], consumed: number): string {
  const from = consumed === 0 ? 0 : (toks[consumed - 1]?.end ?? rest.length);
  return rest.slice(from).trim().replace(LEADING_SEPARATOR, '').trim();
}

function problem(code: StaffProblem['code'], message: string, line: string): StaffProblem {
  return { code, message, line };
}

function suggestionFor(word: string): string | undefined {
  const alias = own(SUGGESTIONS, word);
  if (alias) return alias;
  for (const verb of Object.keys(VERBS)) {
    const stem = verb.slice(0, Math.min(5, verb.length));
    if (word.startsWith(stem)) return verb;
  }
  return undefined;
}

function parseLine(line: string, options: CommandOptions): StaffCommand | StaffProblem {
  const m = COMMAND_WORD.exec(line);
  const rawWord = m?.[1] ?? '';
  const word = fold(rawWord);
  const kind = own(VERBS, word);
  const rest = line.slice(1 + rawWord.length).replace(/^\s*:/, '');
  if (!kind) {
    const suggestion = suggestionFor(word);
    return problem(
      'unknown-command',
      suggestion
        ? `Comando desconhecido: “#${rawWord}”. Você quis dizer “#${suggestion}”?`
        : `Comando desconhecido: “#${rawWord}”.`,
      line,
    );
  }
  const toks = tokens(rest);
  switch (kind) {
    case 'wait': {
      const awaiting = textAfter(rest, toks, 0);
      // "#aguardar." ends a sentence: nothing is named.
      if (/^[\p{P}\s]*$/u.test(awaiting)) return { kind, line };
      const folded = fold(awaiting).replace(/(?<![.!])[.!]+$/, '');
      if (
        toks.length > AWAITED_MAX_WORDS ||
        awaiting.length > AWAITED_MAX_CHARS ||
        MESSAGE_TO_HER.some((re) => re.test(folded))
      ) {
        return problem(
          'malformed-command',
          'Na linha do #aguardar vai só o que se aguarda, em poucas palavras (por exemplo, #aguardar retorno do lojista ou #aguardar lista de pedidos), e isso não é enviado ao lojista: escreva a mensagem a ele nas linhas de baixo.',
          line,
        );
      }
      return { kind, awaiting, line };
    }
    case 'note':
      // "#nota interna: …": the kind of note, not its first word.
      return { kind, text: rest.trim().replace(/^intern[ao]\s*[:\-–—]\s*/i, ''), line };
    case 'transfer': {
      const target = transferReference(rest);
      if (target === undefined) {
        return problem(
          'malformed-command',
          'Use #transferir seguido só do identificador, do e-mail ou do nome da pessoa da equipe (por exemplo, #transferir ana ou #transferir Ana Souza).',
          line,
        );
      }
      return { kind, to: target, line };
    }
    case 'extend': {
      // "#prorrogar por 5 dias", "#prorrogar mais 5 du", "#prorrogar 5du": the number is the days.
      const lead = DAYS_LEAD_WORDS.has(fold(toks[0]?.text ?? '')) ? 1 : 0;
      const stuck = ATTACHED_UNIT.exec(toks[lead]?.text ?? '');
      const first = stuck?.[1] ?? toks[lead]?.text ?? '';
      if (!DAYS.test(first)) {
        return problem(
          'invalid-days',
          'Use #prorrogar seguido do número de dias úteis (em algarismos) e do motivo, por exemplo: #prorrogar 5 aguardando retorno do financeiro.',
          line,
        );
      }
      const businessDays = Number(first);
      if (businessDays < 1 || businessDays > options.maxExtensionBusinessDays) {
        return problem('invalid-days', extensionDaysProblem(options.maxExtensionBusinessDays), line);
      }
      let consumed = lead + 1;
      if (NUMBER_IN_WORDS.test(toks[consumed]?.text ?? '')) consumed++;
      while (consumed < toks.length && UNIT_WORDS.has(fold(toks[consumed]?.text ?? '').replace(/[.,:]$/, ''))) {
        consumed++;
      }
      const written = textAfter(rest, toks, consumed);
      const reason = (PARENTHESIZED.exec(written)?.[1] ?? written).trim();
      if (reason === '') {
        return problem('missing-reason', 'Informe o motivo da prorrogação: o lojista será avisado dele.', line);
      }
      return { kind, businessDays, reason, line };
    }
    case 'close': {
      if (toks.length === 0) {
        return problem(
          'invalid-category',
          `Informe a categoria do encerramento: ${CLOSE_CATEGORIES.join(', ')}.`,
          line,
        );
      }
      const found = closeCategory(toks);
      if (!found) {
        return problem(
          'invalid-category',
          `Categoria de encerramento desconhecida: “${toks[0]?.text}”. Use ${CLOSE_CATEGORIES.join(', ')}.`,
          line,
        );
      }
      return { kind, category: found.category, summary: textAfter(rest, toks, found.consumed), line };
    }
  }
}

/**
 * The categories as analysts write them, longest first: the names (`nao-resolvido`, `não
 * resolvido`), the feminine (`resolvida`, as in "a demanda foi resolvida") and the ombudsman's
 * own wording (`não procedente`, `parcialmente procedente`, `procedente em parte`). Nothing
 * else is guessed: a word that is no category refuses the mail.
 */
const CATEGORY_PHRASES: ReadonlyArray<readonly [readonly string[], CloseCategory]> = [
  [['procedente', 'em', 'parte'], 'parcial'],
  [['parcialmente', 'procedente'], 'parcial'],
  [['procedente', 'parcialmente'], 'parcial'],
  [['nao', 'procedente'], 'improcedente'],
  [['nao', 'resolvido'], 'nao-resolvido'],
  [['nao', 'resolvida'], 'nao-resolvido'],
  [['naoresolvido'], 'nao-resolvido'],
  [['naoresolvida'], 'nao-resolvido'],
  [['procedente'], 'procedente'],
  [['improcedente'], 'improcedente'],
  [['parcial'], 'parcial'],
  [['parcialmente'], 'parcial'],
  [['resolvido'], 'resolvido'],
  [['resolvida'], 'resolvido'],
];
const LONGEST_CATEGORY = Math.max(...CATEGORY_PHRASES.map(([words]) => words.length));
// Every run "X+$" here starts where its run starts ((?<!X)): tried at each of a long run's characters,
// it was quadratic — and the command block is read on any mail to the office (handleMisaddressedCommands).
const TRAILING_PUNCTUATION = /(?<![.,:;!])[.,:;!]+$/;

/** The category at the start of `#encerrar`'s words, and how many tokens it took (the rest is the summary). */
/** Words analysts put between #encerrar and the category ("caso", "como"): skipped, at most this many. */
const CATEGORY_FILLERS: ReadonlySet<string> = new Set(['caso', 'como', 'o', 'este', 'esse', 'status', 'resultado']);

function closeCategory(toks: readonly Token[]): { category: CloseCategory; consumed: number } | undefined {
  const words: { word: string; token: number }[] = [];
  // "#encerrar caso procedente", "#encerrar como improcedente": the words before it name nothing.
  let first = 0;
  while (first < toks.length && first < CATEGORY_FILLERS.size && CATEGORY_FILLERS.has(fold(toks[first]?.text ?? ''))) {
    first++;
  }
  for (let t = first; t < toks.length && words.length < LONGEST_CATEGORY; t++) {
    const text = (toks[t]?.text ?? '').replace(/^[([]/, '');
    const closed = /[)\]]$/.test(text);
    for (const word of fold(text.replace(/[)\]]$/, ''))
      .replace(TRAILING_PUNCTUATION, '')
      // "nao-resolvido"; a dash standing alone ("#encerrar – procedente", Word's autocorrect of " - ") is none.
      .split(/[-_\u2013\u2014]/)) {
      if (word) words.push({ word, token: t });
    }
    // "procedente, estorno feito", "(procedente) estorno feito": the punctuation ends the category.
    if (closed || TRAILING_PUNCTUATION.test(text)) break;
  }
  for (const [phrase, category] of CATEGORY_PHRASES) {
    if (phrase.every((w, i) => words[i]?.word === w)) {
      return { category, consumed: (words[phrase.length - 1]?.token ?? 0) + 1 };
    }
  }
  return undefined;
}

const CLOSE_CONFLICTS: ReadonlySet<StaffCommandKind> = new Set(['wait', 'transfer', 'extend']);

/**
 * Commands and answer from the fresh text of an analyst's mail (see `freshStaffText`).
 * Nothing in it is trusted: the caller has verified who sent it, and the state machine decides
 * whether the commands are allowed.
 */
export function parseStaffCommands(fresh: string, options: CommandOptions): ParsedStaffMail {
  const commands: StaffCommand[] = [];
  const problems: StaffProblem[] = [];
  const { lines: commandLines, body } = commandBlock(fresh);
  const seen = new Set<StaffCommandKind>();
  for (const line of commandLines) {
    const parsed = parseLine(line, options);
    if ('code' in parsed) {
      problems.push(parsed);
      continue;
    }
    if (seen.has(parsed.kind)) {
      problems.push(problem('duplicate-command', 'Cada comando pode aparecer uma vez só por mensagem.', line));
      continue;
    }
    seen.add(parsed.kind);
    commands.push(parsed);
  }
  for (const line of misplacedCommands(body, options)) {
    problems.push(
      problem(
        'misplaced-command',
        `O comando “${line}” está no meio do texto: comandos só valem nas primeiras linhas da mensagem, antes da resposta. Nada foi enviado ao lojista; envie de novo com o comando no topo.`,
        line,
      ),
    );
  }

  if (seen.has('close')) {
    for (const c of commands) {
      if (CLOSE_CONFLICTS.has(c.kind)) {
        problems.push(
          problem(
            'conflicting-commands',
            '#encerrar não pode vir junto com #aguardar, #transferir ou #prorrogar: envie um comando de cada vez.',
            c.line,
          ),
        );
      }
    }
  }
  const note = commands.find((c): c is Extract<StaffCommand, { kind: 'note' }> => c.kind === 'note');
  if (note && note.text === '' && body === '') {
    problems.push(problem('empty-note', 'A nota interna está vazia: escreva o texto depois de #nota.', note.line));
  }
  if (commands.length === 0 && problems.length === 0 && body === '') {
    problems.push({
      code: 'empty-answer',
      message:
        'Sua mensagem chegou sem texto novo (só o histórico citado ou a assinatura): nada foi enviado ao lojista.',
    });
  }
  if (problems.length > 0) return { ok: false, problems, commandLines };
  return { ok: true, commands, body };
}

/**
 * A mail of two bodies (multipart/alternative): the text part is what the parser reads, the HTML
 * part is what the analyst saw in her mail program. When their commands differ (a `#encerrar` in
 * one part only, or another category, another colleague), acting on either is a guess at what she
 * meant: the mail is refused and she is told why. Both parts are read alike (`freshStaffText` of
 * each); the commands compared are the command block's lines and any whole command in the answer,
 * as a reader sees them (case, accents and spacing aside).
 */
export function parseStaffMailParts(
  textFresh: string,
  htmlFresh: string | undefined,
  options: CommandOptions,
  subject = '',
): ParsedStaffMail {
  const parsed = withoutAbsenceNotice(
    withSubjectCommand(parseStaffCommands(textFresh, options), textFresh, subject, options),
    options,
  );
  if (htmlFresh === undefined) return parsed;
  const inText = commandsSeen(textFresh, options);
  const inHtml = commandsSeen(htmlFresh, options);
  if (inText.join('\n') === inHtml.join('\n')) return parsed;
  const shown = inHtml.length === 0 ? 'nenhum comando' : inHtml.map((l) => `“${l}”`).join(', ');
  const hidden = inText.length === 0 ? 'nenhum comando' : inText.map((l) => `“${l}”`).join(', ');
  return {
    ok: false,
    problems: [
      {
        code: 'parts-disagree',
        message: `Sua mensagem tem duas versões que não combinam: a que seu programa de e-mail mostra traz ${shown}, e a versão em texto simples traz ${hidden}. Nada foi feito no caso e nada foi enviado ao lojista; envie de novo escrevendo os comandos no topo da mensagem, em texto simples.`,
      },
    ],
    commandLines: inText,
  };
}

/**
 * An answer with no command that reads as her mailbox's absence notice (readsAsAbsenceNotice): a
 * vacation responder that adds no Auto-Submitted and keeps the notice's subject ("Re: [OUV-…]")
 * passes every header and subject check, and its "Estou de férias até 04/01" went to the merchant
 * as her answer, the case moved to IN_PROGRESS. It is refused, as a mail she must send again. A
 * letter that tells the merchant of her leave and talks about the case ("Olá, Carla… o estorno foi
 * aprovado. Estarei de férias até 10/01, depois retomamos") is no responder's and goes.
 */
function withoutAbsenceNotice(parsed: ParsedStaffMail, options: CommandOptions): ParsedStaffMail {
  if (!parsed.ok || parsed.commands.length > 0) return parsed;
  if (!readsAsAbsenceNotice(parsed.body, options.caseNames)) return parsed;
  return {
    ok: false,
    problems: [
      {
        code: 'absence-notice',
        message:
          'Sua mensagem parece um aviso automático de ausência (férias, licença, fora do escritório), não uma resposta ao lojista. Se o texto era mesmo uma resposta ao lojista, envie-o pelo console, na página do caso.',
      },
    ],
    commandLines: [],
  };
}

/**
 * A whole, valid command in the subject ("RE: [OUV-…] #encerrar procedente") that the text does not
 * carry: commands are read from the text's first lines only, so it would not act — the answer below
 * went to the merchant as if the case were closed, and the case stayed open with its reminders. The
 * mail is refused, as a command in the middle of the text is. The same command in the text's block
 * too is no problem.
 */
function withSubjectCommand(
  parsed: ParsedStaffMail,
  textFresh: string,
  subject: string,
  options: CommandOptions,
): ParsedStaffMail {
  const line = subjectCommand(subject, options);
  if (line === undefined) return parsed;
  if (commandsSeen(textFresh, options).includes(foldedCommand(line))) return parsed;
  const issue = problem(
    'command-in-subject',
    `O comando “${line}” está no assunto: comandos só valem nas primeiras linhas do texto da mensagem. Nada foi feito no caso e nada foi enviado ao lojista; envie de novo com o comando na primeira linha do texto.`,
    line,
  );
  return parsed.ok
    ? { ok: false, problems: [issue], commandLines: parsed.commands.map((c) => c.line) }
    : { ...parsed, problems: [...parsed.problems, issue] };
}

/** How many "#" of a subject are tried as a command's start: a subject is one short line. */
const SUBJECT_COMMAND_TRIES = 8;

/**
 * The first whole, valid command in a subject, from its "#" to the subject's end (a verb, then its
 * words). Not `#nota`: the subject may carry the merchant's own ("#nota fiscal não emitida").
 */
function subjectCommand(subject: string, options: CommandOptions): string | undefined {
  let tries = 0;
  for (const m of subject.matchAll(/#\s?[\p{L}\p{M}]/gu)) {
    if (++tries > SUBJECT_COMMAND_TRIES) break;
    const line = commandLine(subject.slice(m.index));
    if (!COMMAND_LINE.test(line)) continue;
    const parsed = parseLine(line, options);
    if (!('code' in parsed) && parsed.kind !== 'note') return line;
  }
  return undefined;
}

/** The command lines of a fresh text (block and answer), folded for comparison, sorted. */
function commandsSeen(fresh: string, options: CommandOptions): string[] {
  const { lines, body } = commandBlock(fresh);
  return [...lines, ...misplacedCommands(body, options)].map(foldedCommand).sort();
}

/** A command line as commands are compared (case, accents and spacing aside). */
function foldedCommand(line: string): string {
  return fold(line).replace(/\s+/g, ' ');
}

/** Whether the text opens with at least one well-formed command (what an analyst's mail to a case does). */
export function opensWithCommands(fresh: string, options: CommandOptions): boolean {
  return commandBlock(fresh).lines.some((line) => !('code' in parseLine(line, options)));
}

/** The command block at the top of a fresh text (its non-empty lines, as read) and the answer below it. */
function commandBlock(fresh: string): { lines: string[]; body: string } {
  const text = fresh.replace(/\r\n?/g, '\n');
  const lines: string[] = [];
  let position = 0;
  while (position < text.length) {
    const newline = text.indexOf('\n', position);
    const end = newline === -1 ? text.length : newline;
    const line = commandLine(text.slice(position, end));
    if (line !== '' && !COMMAND_LINE.test(line)) return { lines, body: text.slice(position).trim() };
    position = end + 1;
    if (line !== '') lines.push(line);
  }
  return { lines, body: '' };
}

const WIDE_NUMBER_SIGN = /^[\uff03\ufe5f]/;

/**
 * A line as the command block reads it: what nobody sees left out, trimmed, NFC; and "# encerrar"
 * (a space after the #, as some keyboards write it) as "#encerrar" when the word is a verb or a near
 * miss of one — never "# 1 Resumo" or "# obrigada", which are text.
 */
function commandLine(raw: string): string {
  // A full-width "＃" (a Japanese or Chinese input method, a phone's symbol keyboard) is the analyst's "#".
  const line = withoutInvisible(raw).trim().normalize('NFC').replace(WIDE_NUMBER_SIGN, '#');
  const spaced = SPACED_COMMAND.exec(line);
  if (!spaced) return line;
  const word = fold(spaced[1] as string);
  return own(VERBS, word) || own(SUGGESTIONS, word) ? `#${line.slice(1).trimStart()}` : line;
}

/** Lines of the answer that are whole, valid commands (read as the command block reads them). */
function misplacedCommands(body: string, options: CommandOptions): string[] {
  const found: string[] = [];
  for (const raw of body.split('\n')) {
    const line = commandLine(raw);
    if (!COMMAND_LINE.test(line)) continue;
    const parsed = parseLine(line, options);
    if (!('code' in parsed)) found.push(line);
  }
  return found;
}

/**
 * What the staff member wrote now: quoted history ("Em <data>, <fulano> escreveu:", "On … wrote:",
 * Outlook "De:/From:" blocks, "-----Mensagem original-----", '>' lines), the signature after "-- "
 * and mobile footers ("Enviado do meu iPhone") removed. The same rules as merchant mail
 * (text.ts `splitQuoted`), so both sides of a case are cut alike. With the writer's roster name,
 * their own signature block without the "-- " line is cut too: from a line that is their name
 * ("Ana Lima", "Ana", "Ana Lima | Analista de Ouvidoria") among the last lines, when every line
 * below it is short (a role, a phone, the company) — the merchant gets the office's answer, not
 * the analyst's contact card.
 */
export function freshStaffText(text: string, writer?: { name: string }): string {
  const split = splitQuoted(text).fresh;
  const fresh = withoutTrailingDisclaimers(
    withoutImagePlaceholders(writer ? withoutOfficeMailTo(split, writer.name) : split),
  );
  return writer ? withoutSignature(fresh, writer.name) : withoutClosingLine(fresh.split('\n')).join('\n').trimEnd();
}

/**
 * Her signature block at the foot of a text (her roster name among the last lines, as
 * freshStaffText cuts it) and a closing left at the end ("Abs,", "Att.", "Atenciosamente"): the office
 * signs its own mail. A text that is nothing but her name is kept (the name was the answer).
 */
export function withoutSignature(text: string, name: string): string {
  // "Abs," above a signature cut at "-- " (Gmail puts one there) or by her name alike.
  return withoutClosingLine(withoutSignatureOf(text, name).split('\n')).join('\n').trimEnd();
}

/**
 * The office's own mail to her quoted back with no mark the splitter knows (Zoho's "---- Em …
 * escreveu ----", Horde's "Citando …:", Lotus Notes' "… wrote on …:", Outlook in another language,
 * no attribution at all): every mail the office sends staff opens with "Olá, <her roster name>,",
 * a line she never writes to a merchant. From it down is history — the notice's decision trail,
 * internal notes and console link never reach the merchant — and so is the attribution just above
 * it: one line naming a mailbox and ending in ':' or '--', or a block of "Campo: valor" lines
 * naming one (never words of her answer).
 */
function withoutOfficeMailTo(text: string, name: string): string {
  const greeting = foldLine(staffGreeting(name));
  const lines = text.split('\n');
  const at = lines.findIndex((line) => foldLine(line) === greeting);
  if (at === -1) return text;
  let end = at;
  while (end > 0 && (lines[end - 1] ?? '').trim() === '') end--;
  let start = end;
  while (start > 0 && (lines[start - 1] ?? '').trim() !== '') start--;
  const above = lines.slice(start, end).map((line) => line.trim());
  const attribution =
    above.length <= 6 &&
    above.some((line) => line.includes('@')) &&
    (above.length === 1
      ? /(?::|--)$/.test(above[0] ?? '')
      : above.every((line) => /^\*?[\p{L}-]{1,20}\*? ?:\s*\S/u.test(line)));
  return lines
    .slice(0, attribution ? start : end)
    .join('\n')
    .trimEnd();
}

/**
 * The text part's stand-in for an inline image (the logo of a signature): "[cid:image001.png@01DB…]"
 * (Outlook), "[image: logo.png]" (Gmail). Never words of the answer.
 */
const IMAGE_PLACEHOLDER_LINE = /^\[(?:cid:|image: |imagem: )[^\]\n]*\]$/i;

function withoutImagePlaceholders(text: string): string {
  return text
    .split('\n')
    .filter((line) => !IMAGE_PLACEHOLDER_LINE.test(line.trim()))
    .join('\n');
}

/**
 * A company's confidentiality notice at the foot of the analyst's mail ("Esta mensagem pode conter
 * informação confidencial… Se você não for o destinatário…", "Antes de imprimir, pense no meio
 * ambiente"): a paragraph of its own below the answer, about secrecy and a wrong recipient. It is for
 * the company's own mail, not part of the office's answer to the merchant.
 */
function isDisclaimer(paragraph: string): boolean {
  const n = foldLine(paragraph);
  // Only the printing plea itself: "Antes de imprimir a nova fatura, confira o CNPJ" is an answer.
  if (/^(antes de imprimir|before printing)\b.*\b(meio ambiente|natureza|planeta|environment)\b/.test(n)) return true;
  // About the mail itself, not about the merchant's data: "Por se tratar de dados bancários
  // confidenciais, ele foi enviado apenas ao e-mail do destinatário cadastrado" is an answer.
  return (
    /\b(?:[nd]?(?:esta|essa) (?:mensagem|comunicacao|correspondencia)|[nd]?(?:este|esse) e-?mail|this (?:message|e-?mail|communication)|aviso legal|disclaimer)\b/.test(
      n,
    ) &&
    /confidencia|privilegiad|sigilos|confidential|privileged/.test(n) &&
    /destinatari|recipient|engano|por erro|in error/.test(n)
  );
}

function withoutTrailingDisclaimers(text: string): string {
  const paragraphs = text.split(/\n[ \t]*\n/);
  while (paragraphs.length > 1 && isDisclaimer(paragraphs[paragraphs.length - 1] ?? '')) paragraphs.pop();
  return paragraphs.join('\n\n').trimEnd();
}

/** A closing left alone at the end of the answer: the office's mail closes with its own. */
const VALEDICTION_WORDS =
  'att|atte|atenciosamente|cordialmente|abs|abracos?|um abraco|saudacoes|respeitosamente|grata|grato|obrigad[ao]|muito obrigad[ao]';
const VALEDICTION_LINE = new RegExp(`^(?:${VALEDICTION_WORDS})[.,!]*$`);
/** The closing and her name on one line ("Att. Ana Souza", "Abs, Ana"): what is left is her name. */
const VALEDICTION_BEFORE_NAME = new RegExp(`^(?:${VALEDICTION_WORDS})[.,!]*\\s+`);

/** How far up a signature block may start, in non-empty lines, and how long its lines are. */
const SIGNATURE_MAX_LINES = 6;
const SIGNATURE_LINE_MAX_CHARS = 80;

/** Lower case, no accents, single spaces; punctuation kept (it separates a name from a role). */
function foldLine(line: string): string {
  return foldKeepingLength(line).replace(/\s+/g, ' ').trim();
}

function withoutSignatureOf(text: string, name: string): string {
  const full = foldLine(name);
  const first = full.split(' ')[0] ?? '';
  if (full === '') return text;
  const lines = text.split('\n');
  let seen = 0;
  for (let i = lines.length - 1; i >= 0 && seen < SIGNATURE_MAX_LINES; i--) {
    const line = lines[i]?.trim() ?? '';
    if (line === '') continue;
    seen++;
    if (line.length > SIGNATURE_LINE_MAX_CHARS) return text;
    // An HTML signature drawn as a table reads "| Ana Lima" when its first cell was the logo.
    const n = foldLine(line)
      .replace(/^(?:\|\s*)+/, '')
      .replace(VALEDICTION_BEFORE_NAME, '');
    const rest = n.startsWith(full) ? n.slice(full.length) : undefined;
    // Her name alone, with a surname more, or followed by a role: "Ana Lima Souza", "Ana Lima | Analista".
    if (
      n === first ||
      (rest !== undefined && /^(?:(?: [a-z]+){0,2}|\s*[|,–—/(-].*)$/.test(rest)) ||
      isFullerName(n, full)
    ) {
      // Nothing of the answer is left above it: the name was the answer.
      const kept = withoutClosingLine(lines.slice(0, i)).join('\n').trimEnd();
      return kept === '' ? text : kept;
    }
  }
  return text;
}

/**
 * Her roster name as people sign it, with a middle name or initial more and a title before it: "Ana P.
 * Lima", "Ana Paula de Lima", "Dra. Ana Lima" (then a role, as above): her first and last names, at
 * most two short words between them, nothing else before the role.
 */
function isFullerName(n: string, full: string): boolean {
  const names = full.split(' ');
  if (names.length < 2) return false;
  const namePart = n.split(/\s*[|,–—/(]/)[0] ?? '';
  const words = namePart.split(' ').filter((w, k) => !(k === 0 && /^(?:dra?|sra?|prof|profa)\.?$/.test(w)));
  return (
    words[0] === names[0] &&
    words.at(-1) === names.at(-1) &&
    words.length <= names.length + 2 &&
    words.every((w) => /^[a-z]+\.?$/.test(w))
  );
}

function withoutClosingLine(lines: string[]): string[] {
  let last = lines.length - 1;
  while (last >= 0 && (lines[last] ?? '').trim() === '') last--;
  if (last > 0 && VALEDICTION_LINE.test(foldLine(lines[last] ?? ''))) return lines.slice(0, last);
  return lines;
}
