import { REPLY_THROTTLED, type ReplyState } from '../case';
import type { OuvidoriaConfig } from '../config';
import { greetingName, type RenderedMail, renderMail } from '../replies';

/**
 * The pt-BR note a merchant gets when a file they attached on the webform was flagged by the
 * anti-virus: the file is kept in quarantine (never opened, never forwarded), the case goes on.
 */
export function renderInfectedNotice(
  filenames: string[],
  protocol: string | undefined,
  config: OuvidoriaConfig,
  senderName?: string,
): RenderedMail {
  // Only a name that reads as one (the acknowledgement's rule): the form's name is anyone's text.
  const name = greetingName(senderName);
  const one = filenames.length === 1;
  const what = one ? 'um arquivo enviado não pôde ser aceito' : 'arquivos enviados não puderam ser aceitos';
  const subject = protocol ? `[${protocol}] ${capitalise(what)}` : `Ouvidoria: ${what}`;
  return renderMail(
    subject,
    [
      { p: [name ? `Olá, ${name},` : 'Olá,'] },
      {
        p: [
          one
            ? 'A verificação antivírus encontrou uma ameaça no arquivo que você anexou ao formulário da Ouvidoria:'
            : 'A verificação antivírus encontrou ameaças nos arquivos que você anexou ao formulário da Ouvidoria:',
        ],
      },
      { ul: filenames.map((name) => [{ strong: name }]) },
      {
        p: [
          one
            ? 'Por segurança, o arquivo ficou em quarentena: ninguém da equipe vai abri-lo. '
            : 'Por segurança, os arquivos ficaram em quarentena: ninguém da equipe vai abri-los. ',
          protocol
            ? `A sua manifestação (protocolo ${protocol}) segue normalmente com os demais dados.`
            : 'A sua mensagem segue normalmente com os demais dados.',
        ],
      },
      {
        p: [
          `Verifique o seu computador com um antivírus atualizado. Se ${one ? 'o arquivo for importante' : 'os arquivos forem importantes'} para o caso, `,
          protocol
            ? 'responda a este e-mail mantendo o número do protocolo no assunto e anexe uma versão limpa (por exemplo, um PDF gerado de novo).'
            : 'envie uma versão limpa pelo formulário da Ouvidoria.',
        ],
      },
      { lines: ['Atenciosamente,', config.fromName] },
    ],
    [{ p: ['Mensagem automática da Ouvidoria.'] }],
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
      { p: [`Olá, ${analystName},`] },
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
 * mailbox, bounce memory, automatic mail). A day's guidance limit reached says nothing of the address.
 */
export function infectedNoticeMayGo(reply: ReplyState | undefined): boolean {
  return reply?.status !== 'suppressed' || reply.reason === REPLY_THROTTLED;
}
