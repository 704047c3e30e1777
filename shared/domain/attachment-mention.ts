/**
 * A message that says a file goes with it ("Segue em anexo", "conforme print anexo", "mando os prints",
 * "please find attached", "te adjunto") but arrived without any: the merchant is told in her
 * acknowledgement how to send it, and the analyst sees that it is missing. Her fresh words only (the
 * quoted history's "segue em anexo" was someone else's mail), as normalize folds them.
 */
import { capText, normalize, splitQuoted } from './text';

/** What is attached: a screenshot, a receipt, a file (folded, singular and plural). */
const THING =
  'prints?|printscreens?|screenshots?|capturas?(?: de tela)?|comprovantes?|arquivos?|documentos?|planilhas?|evidencias?|pdfs?';

/**
 * Her words announcing a file, in pt-BR, Spanish and English (Google Translate's "follows attached"
 * included). Each alternative is a fixed sequence of words with single optional articles: linear.
 */
const ANNOUNCES = new RegExp(
  [
    // "segue em anexo", "seguem anexos", "segue anexo o print", "em anexo".
    String.raw`\bseguem? (?:em )?anexos?\b`,
    String.raw`\bem anexo\b`,
    // "segue o print", "seguem os comprovantes", "mando os prints", "envio print da tela".
    String.raw`\b(?:seguem?|mando|envio|encaminho|estou (?:mandando|enviando)|to (?:mandando|enviando)) (?:aqui )?(?:(?:o|a|os|as|uns|umas|um|uma) )?(?:${THING})\b`,
    // "conforme print anexo", "vide anexo", "veja o arquivo anexado", "ver anexos".
    String.raw`\b(?:conforme|veja|vide|ver) (?:(?:o|a|os|as) )?(?:(?:${THING}) )?(?:em )?anex(?:o|a|os|as|ados?|adas?)\b`,
    // "print anexo", "comprovantes anexados".
    String.raw`\b(?:${THING}) (?:em )?anex(?:o|a|os|as|ados?|adas?)\b`,
    // "anexei", "anexamos", "anexo o print", "estou anexando".
    String.raw`\banex(?:ei|amos)\b`,
    String.raw`\banexo (?:(?:o|a|os|as|aqui) )(?:${THING})\b`,
    String.raw`\b(?:estou|to) anexando\b`,
    // English, and pt→en machine translation.
    String.raw`\b(?:please )?find attached\b`,
    String.raw`\bsee (?:the )?attach(?:ed|ments?)\b`,
    String.raw`\b(?:i have|i ve|ive|i am|i m|im) attach(?:ed|ing)\b`,
    String.raw`\battached (?:is|are|please|you will find|(?:${THING}|files?|images?))\b`,
    String.raw`\b(?:${THING}|files?|images?) attached\b`,
    String.raw`\bfollows? (?:in )?(?:attached|attachment|annex)\b`,
    String.raw`\bas (?:per )?(?:the )?attached\b`,
    // Spanish: "te adjunto", "adjunto el comprobante", "envío adjunta la captura", "archivo adjunto" —
    // never "adjunto" alone, a Portuguese word too ("professor adjunto", "bolsas e adjuntos").
    String.raw`\b(?:te|le|les|os) adjunto\b`,
    String.raw`\badjunt(?:o|a|os|as) (?:(?:el|la|los|las|mi|mis|un|una|unos|unas) |(?:${THING}|archivos?|comprobantes?|fotos?|pantallazos?|facturas?)\b)`,
    String.raw`\b(?:envio|va|van|mando) adjunt(?:o|a|os|as)\b`,
    String.raw`\b(?:${THING}|archivos?|comprobantes?|fotos?|imagen(?:es)?) adjunt(?:o|a|os|as)\b`,
    String.raw`\b(?:te|le|les) (?:envio|mando) (?:(?:la|las|el|los) )?(?:capturas?|pantallazos?)\b`,
  ].join('|'),
  'g',
);

/**
 * Before the words, in their clause: a negation ("não consigo mandar em anexo", "I couldn't attach",
 * "no puedo adjuntar") — she says the file is not there.
 */
const NEGATED_BEFORE =
  /(?:\bnao\b|\bsem\b|\bnunca\b|\bnot\b|\bn t\b|\bcannot\b|\bcant\b|\bno (?:puedo|pude|me deja)\b|\bsin\b)[^.!?\n]{0,30}$/;
/**
 * Before the words, in their clause: someone else sent or mentioned the file ("o cliente disse que
 * mandou o comprovante em anexo"), not she.
 */
const SOMEONE_ELSE_BEFORE =
  /\b(?:mandou|enviou|anexou|mandaram|enviaram|anexaram|disse|disseram|alega|alegou|alegam|afirma|afirmou)\b[^.!?\n]{0,30}$/;
/** After the words: the file went to support, not to us ("anexei no chamado", "print anexado ao ticket"). */
const ELSEWHERE_AFTER =
  /^[^.!?\n]{0,20}?\b(?:ao|no|na|nos|nas|do|da|to the|in the|on the|al|en el) (?:chamado|ticket|suporte|protocolo|atendimento|zendesk|chat)\b/;
/** How far before and after the words their clause is read. */
const CLAUSE_CHARS = 40;

/** Whether her fresh words say a file goes with the message. */
export function announcesAttachment(text: string): boolean {
  const fresh = normalize(splitQuoted(capText(text)).fresh);
  ANNOUNCES.lastIndex = 0;
  for (let m = ANNOUNCES.exec(fresh); m !== null; m = ANNOUNCES.exec(fresh)) {
    const end = m.index + m[0].length;
    const before = fresh.slice(Math.max(0, m.index - CLAUSE_CHARS), m.index);
    if (NEGATED_BEFORE.test(before) || SOMEONE_ELSE_BEFORE.test(before)) continue;
    if (ELSEWHERE_AFTER.test(fresh.slice(end, end + CLAUSE_CHARS))) continue;
    return true;
  }
  return false;
}

/**
 * A message that announces a file and carries none (an image pasted into the mail counts as one: she
 * did send it).
 */
export function attachmentMissing(message: { text: string; attachments: readonly unknown[] }): boolean {
  return message.attachments.length === 0 && announcesAttachment(message.text);
}
