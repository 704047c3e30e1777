import { REPLY_THROTTLED, type ReplyState } from '../case';
import type { OuvidoriaConfig } from '../config';
import { MERCHANT_WORDS } from '../lifecycle/merchant-words';
import { staffGreeting } from '../staff';
import { nameExtension } from './file-type';
import { greetingName, type RenderedMail, renderMail } from '../replies';
import type { MessageLanguage } from '../text';

/**
 * The note a merchant gets when a file they attached on the webform was flagged by the anti-virus:
 * the file is kept in quarantine (never opened, never forwarded), the case goes on. In the case's
 * language (merchant-words.ts: a case opened in Spanish or English hears from the office in it).
 */
export function renderInfectedNotice(
  filenames: string[],
  protocol: string | undefined,
  config: OuvidoriaConfig,
  senderName?: string,
  language: MessageLanguage = 'pt-BR',
  /** The file came in her mail (its copy for the console: app/mail-file-copies.ts), not through the form. */
  byMail = false,
): RenderedMail {
  // Only a name that reads as one (the acknowledgement's rule): the form's name is anyone's text.
  const name = greetingName(senderName);
  const one = filenames.length === 1;
  const w = MERCHANT_WORDS[language];
  const t = w.infected;
  const subject = protocol ? `[${protocol}] ${capitalise(t.what(one))}` : `Ouvidoria: ${t.what(one)}`;
  return renderMail(
    subject,
    [
      { p: [name ? `${w.hello}, ${name},` : `${w.hello},`] },
      { p: [t.found(one, byMail)] },
      // By extension, never by name: whoever types her address on the form names the file, and a
      // name like "URGENTE: sua loja será suspensa, ligue …" would go out as the office's words.
      { ul: filenames.map((file) => [{ strong: t.file(nameExtension(file)?.toUpperCase()) }]) },
      { p: [t.kept(one), t.goesOn(protocol)] },
      { p: [t.check(one), t.resend(Boolean(protocol))] },
      { lines: [w.regards, config.fromName] },
    ],
    [{ p: [t.automatic] }],
    { lang: language },
  );
}

/**
 * The note the case's analyst gets when a scan result that arrived after the assignment flagged a
 * file: it is in quarantine and must not be asked for again as it is.
 */
export function renderInfectedNoticeToAnalyst(
  filenames: string[],
  protocol: string,
  analystName: string,
  config: OuvidoriaConfig,
): RenderedMail {
  const one = filenames.length === 1;
  return renderMail(
    `[${protocol}] ${one ? 'Anexo' : 'Anexos'} em quarentena (antivírus)`,
    [
      { p: [staffGreeting(analystName)] },
      {
        p: [
          one
            ? 'A verificação antivírus, concluída depois da atribuição, encontrou uma ameaça em um anexo deste caso:'
            : 'A verificação antivírus, concluída depois da atribuição, encontrou ameaças em anexos deste caso:',
        ],
      },
      { ul: filenames.map((name) => [{ strong: name }]) },
      {
        p: [
          one
            ? 'O arquivo ficou em quarentena: ele não aparece para download e não deve ser aberto. '
            : 'Os arquivos ficaram em quarentena: eles não aparecem para download e não devem ser abertos. ',
          'O lojista foi avisado e pode enviar uma versão limpa respondendo ao caso.',
        ],
      },
      { lines: ['Atenciosamente,', config.fromName] },
    ],
    [{ p: ['Mensagem automática da Ouvidoria.'] }],
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The infected-file note is automatic mail: it goes where the case's own automatic reply could go,
 * never where that reply was held back for its address (our own domain, a no-reply or daemon
 * mailbox, bounce memory, automatic mail). A day's guidance limit reached says nothing of the address;
 * the note has a daily limit of its own (app/infected-notice.ts).
 */
export function infectedNoticeMayGo(reply: ReplyState | undefined): boolean {
  return reply?.status !== 'suppressed' || reply.reason === REPLY_THROTTLED;
}
