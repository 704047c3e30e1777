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
import { normalize, splitQuoted, withoutSignOff } from '../text';

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
  'thanks',
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
  'todas',
  'ajuda',
  'atencao',
  'retorno',
  'atendimento',
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
  'ficou',
  'excelente',
  'maravilha',
  'top',
  'legal',
  'bom',
  'boa',
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
  'all',
  'good',
  'great',
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
 * Whether her message only thanks or acknowledges. `names`: hers (the case's sender name), whose
 * words may close it ("Obrigada! Carla"), and the analyst's she may thank ("Obrigada, Ana!").
 */
export function onlyThanks(
  message: { text?: string; attachments: readonly unknown[] },
  names: readonly (string | undefined)[],
): boolean {
  if (message.attachments.length > 0) return false;
  const fresh = withoutSignOff(splitQuoted(message.text ?? '').fresh);
  if (fresh.length > MAX_CHARS || fresh.includes('?') || fresh.includes('¿')) return false;
  const words = normalize(fresh).match(/[a-z0-9]+/g) ?? [];
  if (words.length === 0 || words.length > MAX_WORDS) return false;
  const own = new Set(names.flatMap((n) => normalize(n ?? '').match(/[a-z]{2,}/g) ?? []));
  return words.some((w) => THANKS.has(w)) && words.every((w) => THANKS.has(w) || THANK_YOU_WORDS.has(w) || own.has(w));
}
