/**
 * A merchant's message that only thanks or acknowledges ("Muito obrigada!! Deu tudo certo 😊",
 * "Ok, ciente.", "Gracias por la ayuda"): after the closing mail it is no new request, and reopening
 * the case for it sent her "reabrimos o seu caso" with a new due date, and the analyst a case to close
 * again (machine.ts merchantReplied keeps such a case closed).
 *
 * Read strictly, since a request read as thanks would go unanswered: her fresh text (quote and
 * sign-off cut), short, no question mark, no file, at least one word of thanks or acknowledgement,
 * and every other word one of the few a thank-you is made of — or her own name. "Obrigada, mas o
 * problema voltou", "Obrigado. Ainda não recebi o estorno" and "Ok, e o frete?" each have a word that
 * is not, and reopen the case.
 */
import { bareSignature, NAME_PARTICLES, normalize, signOff, splitQuoted } from '../text';
import { readMailedRating } from './mailed-rating';

/** Longest thank-you read as one (words): a longer message says something more. */
const MAX_WORDS = 25;
/** And in characters, checked first: a long text is not read word by word at all. */
const MAX_CHARS = 400;

/** Words that thank or acknowledge (pt-BR, es, en; normalised): one of them must be there. */
const THANKS = new Set([
  'obrigada',
  'obrigado',
  'obrigadas',
  'obrigados',
  'obrigadao',
  'brigadao',
  'obg',
  'brigada',
  'brigado',
  'agradeco',
  'agradecemos',
  'agradecida',
  'agradecido',
  'grata',
  'grato',
  'valeu',
  'vlw',
  'gracias',
  'recibido',
  'vale',
  'thanks',
  'noted',
  'thank',
  'thx',
  'ok',
  'okay',
  'ciente',
  'entendido',
  'entendida',
  'entendi',
  'combinado',
  'gratidao',
  // What the closing mail is most often answered with: it worked, it arrived ("Deu certo!",
  // "Funcionou, valeu", "Recebido."). "Não deu certo" and "deu certo só em parte" have words that
  // are not a thank-you's, and reopen.
  'certo',
  'funcionou',
  'resolvido',
  'resolvida',
  'resolveu',
  'recebido',
  'recebida',
  'perfeito',
  'perfeita',
  'otimo',
  'otima',
  'show',
  'beleza',
  'blz',
]);

/** The other words a thank-you is made of (normalised): anything else is something more. */
const THANK_YOU_WORDS = new Set([
  // pt-BR
  'muito',
  'muita',
  'muitissimo',
  'muitissima',
  'mto',
  'mt',
  'super',
  'demais',
  'imensamente',
  'pela',
  'pelo',
  'pelas',
  'pelos',
  'por',
  'a',
  'o',
  'as',
  'os',
  'e',
  'de',
  'da',
  'do',
  'um',
  'uma',
  'sua',
  'seu',
  'vcs',
  'voces',
  'voce',
  'equipe',
  'ouvidoria',
  'pessoal',
  'todos',
  'toda',
  'todas',
  'ajuda',
  'atencao',
  'retorno',
  'atendimento',
  'trabalho',
  'servico',
  'rapidez',
  'agilidade',
  'paciencia',
  'resposta',
  'solucao',
  'apoio',
  'gentileza',
  'empenho',
  'dedicacao',
  'deu',
  'tudo',
  'funcionando',
  'resolvidos',
  'resolucao',
  'rapido',
  'rapida',
  'ficou',
  // "Tudo bem, obrigada", "Show de bola, valeu!".
  'bem',
  'bola',
  // The season's wishes with the thanks ("Obrigada, bom final de semana!", "Obrigada e feliz Natal!").
  'final',
  'fim',
  'semana',
  'feliz',
  'natal',
  'boas',
  'festas',
  'ano',
  'novo',
  'maravilha',
  'legal',
  'dia',
  'tarde',
  'noite',
  'ola',
  'oi',
  'abraco',
  'abracos',
  'abs',
  'att',
  'atenciosamente',
  'sds',
  'saudacoes',
  'cordialmente',
  'agora',
  'aqui',
  'sim',
  'ja',
  'foi',
  'esta',
  'ta',
  'mais',
  'vez',
  'novamente',
  'ate',
  'logo',
  'proxima',
  'bjs',
  'beijos',
  // es
  'muchas',
  'mucho',
  'muchisimas',
  'la',
  'el',
  'su',
  'ayuda',
  'atencion',
  'servicio',
  'todo',
  'bien',
  'perfecto',
  'saludos',
  'saludo',
  'hola',
  'buen',
  'buenas',
  'dias',
  'tardes',
  // en
  'you',
  'so',
  'much',
  'lot',
  'very',
  'for',
  'the',
  'your',
  'help',
  'service',
  // "Got it, thanks!", "Sounds good, thanks!" (Gmail's suggested replies).
  'got',
  'sounds',
  // "De acuerdo, gracias."
  'acuerdo',
  'all',
  'good',
  'perfect',
  'regards',
  'best',
  'kind',
  'cheers',
  'it',
  'works',
  'worked',
  'now',
  'hi',
  'hello',
]);

/**
 * Words of praise that say the answer was good ("Excelente atendimento!", "Parabéns à equipe"):
 * like thanks, one of them is enough to make the message no request.
 */
const PRAISE = new Set([
  'excelente',
  'excelentes',
  'parabens',
  'maravilhoso',
  'maravilhosa',
  'sensacional',
  'incrivel',
  'top',
  'bom',
  'boa',
  'otimos',
  'otimas',
  // The season's wishes alone ("Feliz Natal!", "Boas festas!"): no request either.
  'natal',
  'festas',
  // es, en
  'genial',
  'excellent',
  'great',
  'awesome',
  'amazing',
]);

/** The words a rating is said with ("Dou nota 4", "Minha avaliação: 5 estrelas"): no comment of hers. */
const RATING_FILLER = new Set([
  'dou',
  'daria',
  'minha',
  'nossa',
  'nota',
  'avaliacao',
  'avalio',
  'com',
  'para',
  'pra',
  'estrelas',
  'estrela',
  'final',
  'e',
  'o',
  'a',
  'de',
  'estou',
  'estamos',
  'fiquei',
  'ficamos',
  // es, en
  'le',
  'doy',
  'calificacion',
  'puntuacion',
  'rating',
  'stars',
  'my',
]);

/**
 * Beside a score, what shows the matter is not over: not solved ("não resolveram", "ainda não caiu",
 * "o problema continua", "voltou a travar") or asked again ("preciso que", "por favor", "reabrir").
 */
const ASKS_AGAIN =
  /\b(nao (foi |foram |tinha |tem )?(resolv|solucion|funcion|cheg|caiu|caiam|receb|aparec|entreg|estorn|devolv|respond)\w*|ainda (nao|espero|falta)|continua\w*|voltou|voltaram|persiste\w*|de novo|novamente|outra vez|aguardo|preciso|precisamos|quero|queremos|gostaria|favor|pfv|podem|poderiam|reabr\w*|verifiquem|vejam|olhem|ajudem|urgente|not (fixed|solved|resolved)|still|again|please|need|todavia|aun no|necesito)\b/;

/**
 * Emoji that thank or approve, a reply of nothing else ("👍", "🙏🙏", "❤️👏"): typed on a phone as the
 * answer to the closing mail, like "Obrigada!". An unhappy one ("😡", "👎") still reopens: the
 * analyst cannot answer a closed case, and she may mean it is not solved. So does one beside thanking
 * words ("Obrigada, Sofia 😡", "Valeu 🙄"): the face says what the words do not (THANKING_FACES).
 */
const THANKING_FACES = '👍🙏👏🙌👌🤝✅✔☑❤♥💙💚💛🧡💜🤍💖💕💗😊🙂☺😀😃😄😁😉🥰😍🤩😘🤗😇💯🎉✨🌹💐🌷';
const THANKS_EMOJI = new RegExp(`^(?:[\\s.!,]|\\p{Emoji_Modifier}|\\uFE0F|\\u200D|[${THANKING_FACES}])+$`, 'u');
const THANKING = new Set([...THANKING_FACES]);
const PICTOGRAPH = /\p{Extended_Pictographic}/gu;

/** Whether every emoji in her words is a thanking one (none at all: true). */
function onlyThankingFaces(fresh: string): boolean {
  return (fresh.match(PICTOGRAPH) ?? []).every((face) => THANKING.has(face));
}

/**
 * What a merchant's reply to the closing mail is when it asks for nothing: thanks or praise, or a
 * rating of the service (mailed-rating.ts), with its score when she gives one unambiguously and,
 * when she wrote more than the score, her words as the survey's comment.
 */
export type ClosingReply = { kind: 'thanks' } | { kind: 'rating'; score?: number; comment?: string };

/** Her fresh words, past the checks no name can change (closingWords): what closingReplyOf reads. */
export interface ClosingWords {
  fresh: string;
  rating: ReturnType<typeof readMailedRating>;
  words: readonly string[];
}

/**
 * Her message's fresh words when it may ask for nothing, or null when it surely asks for something:
 * files, a question, too long, or no thanks, praise or rating at all. Names cannot change that, so
 * a caller reads the roster for the analyst's name only past this (issue 16: a roster read per
 * reply otherwise).
 */
export function closingWords(message: { text?: string; attachments: readonly unknown[] }): ClosingWords | null {
  if (message.attachments.length > 0) return null;
  const fresh = withoutSignature(withoutSignOffBlock(splitQuoted(message.text ?? '').fresh)).trim();
  if (fresh.length > MAX_CHARS || fresh.includes('?') || fresh.includes('¿')) return null;
  const rating = readMailedRating(fresh);
  const words = normalize(rating ? rating.rest : fresh).match(/[a-z0-9]+/g) ?? [];
  if (words.length > MAX_WORDS) return null;
  if (rating) return { fresh, rating, words };
  if (words.length === 0) return THANKS_EMOJI.test(fresh) ? { fresh, rating, words } : null;
  return words.some((w) => THANKS.has(w) || PRAISE.has(w)) && onlyThankingFaces(fresh)
    ? { fresh, rating, words }
    : null;
}

/**
 * Her words (closingWords) read after the closing mail: null when they may ask for something (it
 * reopens the case). `names`: hers (the case's sender name), whose words may close it ("Obrigada!
 * Carla"), and the analyst's she may thank ("Obrigada, Ana!").
 */
export function closingReplyOf(
  { fresh, rating, words }: ClosingWords,
  names: readonly (string | undefined)[],
): ClosingReply | null {
  const own = new Set(names.flatMap((n) => normalize(n ?? '').match(/[a-z]{2,}/g) ?? []));
  const kind = (w: string) => THANKS.has(w) || PRAISE.has(w) || THANK_YOU_WORDS.has(w) || own.has(w);
  if (rating) {
    // Her comment is hers to write ("Nota 3 - resolveram, mas demorou demais"): only one that is not
    // solved, asks again or names a number (an order, a date) is more than a rating.
    const rest = normalize(rating.rest);
    if (/\d/.test(rest) || ASKS_AGAIN.test(rest)) return null;
    const said = words.some((w) => !RATING_FILLER.has(w));
    // Two scores and words around them ("nota 5 para a Ana, nota 1 para o suporte"): no score to
    // record, and words the analyst should read. A score taken back ("Nota 5… só que não") is her
    // comment on the service, with no score and nothing asked.
    if (rating.score === undefined && said && !rating.ironic) return null;
    return {
      kind: 'rating',
      ...(rating.score !== undefined ? { score: rating.score } : {}),
      // A score taken back by a face alone ("Nota 5 🙄") has no words: the face is her comment.
      ...(said || rating.ironic ? { comment: fresh } : {}),
    };
  }
  if (words.length === 0) return { kind: 'thanks' };
  return words.every(kind) ? { kind: 'thanks' } : null;
}

/**
 * Her words above a signature her mail program adds with no closing line (bareSignature): "5" over
 * "Pedro Ponto / Eletro Ponto / (81) 3333-4444" is a score, and "Obrigado!" over it thanks. A block
 * that is not only a signature (onlySignature) stays: the text is read whole.
 */
function withoutSignature(fresh: string): string {
  const signature = bareSignature(fresh);
  return signature && onlySignature(signature.block) ? signature.above : fresh;
}

/** The same for a sign-off with its closing line ("Att,\nCarla"; "Abraços, Carla"): the name on it too. */
function withoutSignOffBlock(fresh: string): string {
  const cut = signOff(fresh);
  return cut && onlySignature(`${cut.signer ?? ''}\n${cut.block}`) ? cut.above : fresh;
}

/**
 * Words no signature is made of: the case's matter and its state ("Cadê meu dinheiro", "Estorno
 * Pendente", "Sigo Aguardando", "Nada Ainda"). Under her name they are her words, in Title Case too.
 */
const NOT_SIGNATURE = new Set([
  'cade',
  'kd',
  'pendente',
  'pendentes',
  'pendencia',
  'aguardando',
  'esperando',
  'sigo',
  'seguimos',
  'continua',
  'continuo',
  'ainda',
  'nada',
  'nenhum',
  'nenhuma',
  'nem',
  'sem',
  'falta',
  'faltam',
  'faltando',
  'mesma',
  'mesmo',
  'igual',
  'mudou',
  'veio',
  'caiu',
  'chegou',
  'recebi',
  'nao',
  'mas',
  'porem',
  'so',
  'estorno',
  'estornos',
  'reembolso',
  'dinheiro',
  'repasse',
  'saque',
  'pagamento',
  'cobranca',
  'pedido',
  'problema',
  'erro',
  'reclamacao',
  'resposta',
  'solucao',
  // Her verdict on it ("Um Absurdo", "Que Descaso").
  // A line of hers has words no name, store or role has, capitalised or not ("Que Demora", "Até
  // Quando", "Já Faz Um Mês", "Vou Processar", "Em Aberto", "Desde Outubro").
  'que',
  'quando',
  'ate',
  'ja',
  'faz',
  'vou',
  'vamos',
  'meu',
  'minha',
  'meus',
  'minhas',
  'desde',
  'zero',
  'sumiu',
  'sumiram',
  'aberto',
  'aberta',
  'errado',
  'errada',
  'indevido',
  'indevida',
  'atrasado',
  'atrasada',
  'atraso',
  'demora',
  'demorando',
  'procon',
  'processar',
  'processo',
  'justica',
  'advogado',
  'reclame',
  'absurdo',
  'absurda',
  'descaso',
  'vergonha',
  'pessimo',
  'pessima',
  'lamentavel',
  'ridiculo',
]);

/**
 * The words a signature line may have in lower case besides name particles: roles, kinds of store
 * and opening hours ("Responsável financeiro", "Loja da Carla Ltda. - moda feminina", "seg a sex").
 */
const SIGNATURE_LOWER: ReadonlySet<string> = new Set([
  ...NAME_PARTICLES,
  'financeiro',
  'financeira',
  'comercial',
  'administrativo',
  'administrativa',
  'vendas',
  'compras',
  'marketing',
  'atendimento',
  'gerente',
  'proprietaria',
  'proprietario',
  'socia',
  'socio',
  'diretora',
  'diretor',
  'fundadora',
  'fundador',
  'responsavel',
  'ltda',
  'me',
  'eireli',
  'loja',
  'moda',
  'feminina',
  'masculina',
  'infantil',
  'analista',
  'assistente',
  'coordenadora',
  'coordenador',
  'e-commerce',
  'ecommerce',
  // Opening hours ("Horário: seg a sex, 9h às 18h").
  'a',
  'as',
  'seg',
  'ter',
  'qua',
  'qui',
  'sex',
  'sab',
  'dom',
]);

/** A contact in a signature: a phone or CNPJ (digits), an e-mail or handle (@), a site (a dot between letters). */
const CONTACT = /[\d@]|\p{L}\.\p{L}/u;
const CAPITALISED = /^\p{Lu}/u;
/** Punctuation at a word's ends; the trailing run tried only where a run starts (linear: regex-backtracking). */
const EDGE_PUNCTUATION = /^[^\p{L}\p{N}@]+|(?<![^\p{L}\p{N}])[^\p{L}\p{N}]+$/gu;
/**
 * A line that is a contact as a whole: an e-mail or handle, a site, a phone, CNPJ or CEP (8 digits or
 * more), or a labelled one ("Tel:", "Horário:", "Rua das Flores, 123"). A few digits among words are
 * not ("Cobraram 2 Vezes", "Prejuízo De 5 Mil", "Nota 1").
 */
const CONTACT_LINE = /@|\p{L}\.\p{L}|(?:\d\D{0,3}){8}/u;
const CONTACT_LABEL =
  /^(?:tel|telefone|fone|cel|celular|whatsapp|whats|zap|cnpj|cpf|cep|horario|endereco|instagram|insta|site|e-?mail)\s*:/;
const ADDRESS = /^(?:rua|av|avenida|alameda|travessa|praca|rodovia|estrada)\b.*\d/;
/** A store's name as a signature gives it: "Loja da Carla", "Doces da Carla Ltda.", "Moda Bella ME". */
const STORE_NAME = /^loja (?:da|do|de|das|dos) |\b(?:ltda|me|eireli|epp|s\/?a)\b/;

/**
 * Whether a block cut as her signature is only one: its first line a name (capitalised words, name
 * particles), and every other line a contact, a role (SIGNATURE_LOWER words only: "Gerente
 * Comercial"), a store's name (STORE_NAME, or a word of the name line: "Pedro Ponto / Eletro Ponto"),
 * or any capitalised line in a block that has a contact line (what a mail program adds). None has
 * the words no signature is made of (NOT_SIGNATURE), says the matter is not over (ASKS_AGAIN) or an
 * unhappy face. A line of hers in Title Case under her name ("Carla\nConta Bloqueada", "Carla\nSite
 * Fora Do Ar", "Carla\nCobraram 2 Vezes") is a complaint no word list foresees: read as a signature,
 * it kept her case closed (rt58, rt59). A store line of no such shape reopens it: the cheaper error.
 */
function onlySignature(block: string): boolean {
  // A sum of money ("R$ 150,00") is her claim, not a contact.
  if (saysNotOver(block) || !onlyThankingFaces(block) || block.includes('R$')) return false;
  const lines = block.split('\n').filter((line) => line.trim() !== '');
  const [nameLine = '', ...rest] = lines;
  if (!signatureTokens(nameLine)) return false;
  const nameWords = new Set(capitalisedWords(nameLine));
  const hasContact = rest.some(isContactLine);
  return rest.every(
    (line) =>
      isContactLine(line) ||
      isRoleLine(line) ||
      (signatureTokens(line) &&
        (hasContact || STORE_NAME.test(normalize(line)) || capitalisedWords(line).some((w) => nameWords.has(w)))),
  );
}

/** Every word of the line a capitalised one, a name particle or a signature's lower-case word, or a contact. */
function signatureTokens(line: string): boolean {
  return line.split(/\s+/).every((raw) => {
    const token = raw.replace(EDGE_PUNCTUATION, '');
    if (token === '' || CONTACT.test(token)) return true;
    return CAPITALISED.test(token) || SIGNATURE_LOWER.has(normalize(token));
  });
}

function isContactLine(line: string): boolean {
  const read = normalize(line.trim());
  return CONTACT_LINE.test(line) || CONTACT_LABEL.test(read) || ADDRESS.test(read);
}

/** A role, every word a signature's lower-case one or an acronym ("Responsável financeiro", "CEO & Fundadora"). */
function isRoleLine(line: string): boolean {
  const words = line.split(/[\s|/&-]+/).map((raw) => raw.replace(EDGE_PUNCTUATION, ''));
  return words.every((w) => w === '' || SIGNATURE_LOWER.has(normalize(w)) || /^\p{Lu}{2,3}$/u.test(w));
}

/** The name line's words, normalised, for a store named after her ("Pedro Ponto / Eletro Ponto"). */
function capitalisedWords(line: string): string[] {
  return line
    .split(/\s+/)
    .map((raw) => raw.replace(EDGE_PUNCTUATION, ''))
    .filter((w) => CAPITALISED.test(w) && w.length >= 3)
    .map((w) => normalize(w));
}

/** Words that say the matter is not over (ASKS_AGAIN, NOT_SIGNATURE): no signature's. */
function saysNotOver(text: string): boolean {
  const read = normalize(text);
  return ASKS_AGAIN.test(read) || (read.match(/[a-z]+/g) ?? []).some((w) => NOT_SIGNATURE.has(w));
}

/** Her message read after the closing mail (closingWords, then closingReplyOf). */
export function readClosingReply(
  message: { text?: string; attachments: readonly unknown[] },
  names: readonly (string | undefined)[],
): ClosingReply | null {
  const herWords = closingWords(message);
  return herWords && closingReplyOf(herWords, names);
}

/** Whether her message asks for nothing after the closing mail (readClosingReply): thanks, praise or a rating. */
export function onlyThanks(
  message: { text?: string; attachments: readonly unknown[] },
  names: readonly (string | undefined)[],
): boolean {
  return readClosingReply(message, names) !== null;
}
