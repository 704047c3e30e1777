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
 *  5. the prior ticket — valid/unverified → ACCEPTED, invalid → TICKET_INVALID;
 *  6. no ticket — ACCESS_ISSUE, then BILLING_QUESTION, else NO_PRIOR_TICKET.
 *
 * Sender authentication: DMARC FAIL quarantines; so does SPF FAIL unless DKIM PASSes (a
 * forwarded or list-relayed message breaks SPF but keeps a valid DKIM signature). GRAY,
 * DISABLED and PROCESSING_FAILED are "could not tell", never a failure.
 */
import { isMachineGenerated } from '../auto-reply-policy';
import type { OuvidoriaConfig } from '../config';
import type { Decision, TicketCheck } from '../decision';
import type { Submission } from '../submission';
import { canonicalizeWords, capText, detectLanguage, normalize, splitQuoted } from '../text';
import { PHRASE_REWRITES, RULES, type Rule, ruleById } from './rules';
/** A lone `*` in a phrase matches up to this many words. */
const GAP_WORDS = 4;
const MAX_EVIDENCE = 60;

interface CompiledRule {
  rule: Rule;
  phrases: RegExp[];
  /** All phrases in one alternation: one test rules a sentence out before trying each phrase. */
  anyPhrase: RegExp;
  requires: RegExp[];
  unless: RegExp[];
  unlessInMessage: RegExp[];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Compiles a phrase (see the syntax in rules.ts) into a whole-word regular expression. */
export function compilePhrase(phrase: string): RegExp {
  let body = '';
  for (const token of normalize(phrase).split(' ')) {
    if (token === '') continue;
    if (token === '*') {
      body += `(?:\\s+\\S+){0,${GAP_WORDS}}`;
      continue;
    }
    const part = token.endsWith('*') ? `${escapeRegExp(token.slice(0, -1))}[a-z0-9]*` : escapeRegExp(token);
    body += body === '' ? part : `\\s+${part}`;
  }
  return new RegExp(`(?<![a-z0-9])${body}(?![a-z0-9])`);
}

function compileRule(rule: Rule): CompiledRule {
  const phrases = rule.phrases.map(compilePhrase);
  return {
    rule,
    phrases,
    anyPhrase: new RegExp(phrases.map((re) => `(?:${re.source})`).join('|')),
    requires: (rule.requires ?? []).map(compilePhrase),
    unless: (rule.unless ?? []).map(compilePhrase),
    unlessInMessage: (rule.unlessInMessage ?? []).map(compilePhrase),
  };
}

/**
 * The rules' regular expressions, compiled once per process on first use (issue 16): ~10 ms that
 * a function loading this module without deciding anything (the webform's page views, a duplicate
 * delivery) never pays, each phrase compiled once.
 */
let compiled: { rules: readonly CompiledRule[]; rewrites: readonly (readonly [RegExp, string])[] } | undefined;
function compiledRules(): NonNullable<typeof compiled> {
  compiled ??= {
    rules: RULES.filter((r) => r.trigger === 'text').map(compileRule),
    rewrites: PHRASE_REWRITES.map(([from, to]) => [new RegExp(compilePhrase(from).source, 'g'), to] as const),
  };
  return compiled;
}

/**
 * Rewrites chat-speak, common misspellings and slips ("vc", "n consigo", "cobransa", "chamdo")
 * to standard words — the same canonicalWord the ticket extractor reads keywords with — then
 * idioms that would trigger the wrong rule ("entrar em contato").
 */
export function canonicalize(normalized: string): string {
  let text = canonicalizeWords(normalized).replace(/(?<![a-z0-9.])n(?= [a-z])/g, 'nao');
  for (const [re, to] of compiledRules().rewrites) text = text.replace(re, to);
  return text;
}

/**
 * Sentences of a text: paragraphs, then '.', '!', '?', ';'. Single line breaks are joined,
 * since plain-text mail is often hard-wrapped mid-sentence.
 */
function sentencesOf(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n|[!?;]+|\.(?=\s|$)/)
    .map((s) => canonicalize(normalize(s)))
    .filter((s) => s !== '');
}

/** The sentences the topic rules read: subject, form topic and fresh body, never quoted history. */
export function topicSentences(s: Submission): TopicSentence[] {
  const { fresh } = splitQuoted(capText(s.text));
  const headline = (text: string) => sentencesOf(text).map((t) => ({ text: t, headline: true }));
  return [
    ...headline(s.subject),
    ...headline(s.formTopic ?? ''),
    ...sentencesOf(fresh).map((t) => ({ text: t, headline: false })),
  ];
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
}

function anyMatch(res: readonly RegExp[], text: string): boolean {
  return res.some((re) => re.test(text));
}

/**
 * The first phrase of the rule found in a sentence whose context has one of `requires` and none
 * of `unless`. A body sentence is its own context; a headline's context is itself plus the whole
 * body ("Assunto: boleto" about the boleto of the store's customers is not about our invoices).
 */
function matchRule(c: CompiledRule, sentences: readonly TopicSentence[], body: readonly string[]): TextHit | null {
  if (c.unlessInMessage.length > 0 && sentences.some((s) => anyMatch(c.unlessInMessage, s.text))) return null;
  // The body's verdicts are computed at most once per rule: a subject of many sentences must not
  // re-read the whole body for each of them (text work stays linear in the input).
  let bodyRequires: boolean | undefined;
  let bodyUnless: boolean | undefined;
  const requiresIn = (sentence: TopicSentence): boolean => {
    if (anyMatch(c.requires, sentence.text)) return true;
    if (!sentence.headline) return false;
    bodyRequires ??= body.some((t) => anyMatch(c.requires, t));
    return bodyRequires;
  };
  const unlessIn = (sentence: TopicSentence): boolean => {
    if (anyMatch(c.unless, sentence.text)) return true;
    if (!sentence.headline) return false;
    bodyUnless ??= body.some((t) => anyMatch(c.unless, t));
    return bodyUnless;
  };
  for (const sentence of sentences) {
    if (!c.anyPhrase.test(sentence.text)) continue;
    for (const re of c.phrases) {
      const m = re.exec(sentence.text);
      if (!m) continue;
      if (c.requires.length > 0 && !requiresIn(sentence)) break;
      if (unlessIn(sentence)) break;
      return { ruleId: c.rule.id, evidence: m[0] };
    }
  }
  return null;
}

/** Every text rule that fires on the submission, in the order of RULES. */
export function matchTextRules(s: Submission): TextHit[] {
  const sentences = topicSentences(s);
  const body = sentences.filter((t) => !t.headline).map((t) => t.text);
  const hits: TextHit[] = [];
  for (const c of compiledRules().rules) {
    const hit = matchRule(c, sentences, body);
    if (hit) hits.push(hit);
  }
  return hits;
}

function oneLine(text: string, max: number): string {
  const flat = text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

function quote(evidence: string): string {
  return `“${oneLine(evidence, MAX_EVIDENCE)}”`;
}

interface SignalHit {
  ruleId: string;
  reason: string;
}

function quarantineHits(s: Submission): SignalHit[] {
  const hits: SignalHit[] = [];
  if (s.parseProblem !== undefined) {
    const detail = oneLine(s.parseProblem, 200);
    hits.push({
      ruleId: 'quarantine.parse-problem',
      reason: detail === '' ? 'Mensagem não pôde ser lida.' : `Mensagem não pôde ser lida: ${detail}.`,
    });
  }
  const v = s.verdicts;
  if (v) {
    if (v.spam === 'FAIL') hits.push({ ruleId: 'quarantine.spam', reason: 'Mensagem classificada como spam.' });
    if (v.virus === 'FAIL') hits.push({ ruleId: 'quarantine.virus', reason: 'Vírus detectado na mensagem.' });
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

function ticketRuleId(ticket: TicketCheck): string {
  return `ticket.${ticket.status}`;
}

function ticketNumberForText(n: string): string {
  return n.length > 20 ? `${n.slice(0, 20)}…` : n;
}

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

/**
 * isMachineGenerated (auto-reply-policy.ts), read past X-Auto-Response-Suppress: people's mail
 * carries that header too, so the policy stops there without deciding; but an Outlook
 * out-of-office carries it as well, and its subject still says what it is.
 */
function machineGenerated(s: Submission, config: OuvidoriaConfig): boolean {
  if (isMachineGenerated(s, config)) return true;
  if (!Object.hasOwn(s.headers, 'x-auto-response-suppress')) return false;
  const { 'x-auto-response-suppress': _suppress, ...others } = s.headers;
  return isMachineGenerated({ ...s, headers: others }, config);
}

/** The fresh text a language guess reads: subject and what the sender wrote now. */
function languageOf(s: Submission): Decision['language'] {
  const { fresh } = splitQuoted(s.text.slice(0, 20_000));
  return detectLanguage(`${s.subject}\n${s.formTopic ?? ''}\n${fresh}`);
}

/**
 * Decides what the office does with a submission, given the checked prior ticket.
 * `config` names our own domain for the automatic-mail checks (isMachineGenerated): the
 * function's own configuration (tests and tools pass `localConfig`).
 */
export function decide(s: Submission, ticket: TicketCheck, config: OuvidoriaConfig): Decision {
  const quarantine = quarantineHits(s);
  const textHits = matchTextRules(s);
  const hitById = new Map(textHits.map((h) => [h.ruleId, h]));
  const firstOf = (stage: Rule['stage'], outcome?: string): TextHit | undefined =>
    textHits.find((h) => {
      const rule = ruleById(h.ruleId);
      return rule.stage === stage && (outcome === undefined || rule.outcome === outcome);
    });

  const machine = s.channel === 'email' && machineGenerated(s, config);
  const signals = new Set<string>(quarantine.map((q) => q.ruleId));
  if (s.isClient === false) signals.add('client.not-a-client.form');
  if (machine) signals.add('auto.machine-generated');
  signals.add(ticketRuleId(ticket));
  const fired = RULES.filter((r) => signals.has(r.id) || hitById.has(r.id)).map((r) => r.id);

  const ticketHolds = ticket.status === 'valid' || ticket.status === 'unverified';
  let decisive: string;
  let reason: string;

  const automaticText = s.channel === 'email' ? firstOf('automatic') : undefined;
  const notClientText = firstOf('client');
  const commercial = firstOf('commercial');
  const feature = firstOf('feature');
  const access = firstOf('topic', 'ACCESS_ISSUE');
  const billing = firstOf('topic', 'BILLING_QUESTION');
  const firstQuarantine = quarantine[0];
  const ticketNote = ticket.status === 'none' ? '' : ` O chamado nº ${ticket.number} citado não abre caso.`;

  if (firstQuarantine) {
    decisive = firstQuarantine.ruleId;
    reason = firstQuarantine.reason;
  } else if (s.isClient === false) {
    decisive = 'client.not-a-client.form';
    reason = 'No formulário, o remetente indicou que ainda não é cliente; encaminhar ao Comercial.';
  } else if (machine) {
    decisive = 'auto.machine-generated';
    reason = `Mensagem automática (resposta automática, lista, aviso de entrega ou notificação de sistema): guardada como tal, sem caso nem resposta.${ticketNote}`;
  } else if (automaticText) {
    decisive = automaticText.ruleId;
    reason = `O texto indica mensagem automática (${quote(automaticText.evidence)}): guardada como tal, sem caso nem resposta.${ticketNote}`;
  } else if (notClientText && !ticketHolds) {
    decisive = notClientText.ruleId;
    reason =
      notClientText.ruleId === 'client.shopper.text'
        ? `O remetente é cliente de uma loja da plataforma, não lojista (${quote(notClientText.evidence)}); orientar a falar com a própria loja, que cuida dos pedidos.`
        : `A mensagem indica que o remetente não é cliente (${quote(notClientText.evidence)}); encaminhar ao Comercial.`;
  } else if (commercial) {
    decisive = commercial.ruleId;
    reason = `Negociação comercial ou condição especial (${quote(commercial.evidence)}): a Ouvidoria não atua; encaminhar ao Comercial.`;
  } else if (feature) {
    decisive = feature.ruleId;
    reason = `Pedido de funcionalidade ou integração inexistente (${quote(feature.evidence)}): a Ouvidoria não atua.`;
  } else if (ticket.status !== 'none') {
    decisive = ticketRuleId(ticket);
    const topic = access ? 'ACCESS_ISSUE' : billing ? 'BILLING_QUESTION' : '';
    reason = ticketReason(ticket, TOPIC_NOTES[topic] ?? '');
  } else if (access) {
    decisive = access.ruleId;
    reason = `Sem chamado anterior; falta de acesso ao painel (${quote(access.evidence)}): orientar abertura de chamado no suporte técnico.`;
  } else if (billing) {
    decisive = billing.ruleId;
    reason = `Sem chamado anterior; assunto de planos, faturas ou cobrança (${quote(billing.evidence)}): orientar a Base de Conhecimento.`;
  } else {
    decisive = 'ticket.none';
    reason = ticketReason(ticket, '');
  }

  const language = languageOf(s);
  if (language !== 'pt-BR')
    reason = `${reason} Idioma da mensagem: ${language === 'es' ? 'espanhol' : 'inglês'}; resposta nesse idioma.`;
  const ruleIds = [...fired.filter((id) => id !== decisive), decisive];
  const decision: Decision = { outcome: ruleById(decisive).outcome, ruleIds, reason, ticket, language };
  if (decisive === 'client.shopper.text') decision.replyVariant = 'shopper';
  return decision;
}
