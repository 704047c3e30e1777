import type { OuvidoriaConfig } from '../config';
import { type RenderedMail, renderMail } from '../replies';

/**
 * The pt-BR note a merchant gets when a file they attached on the webform was flagged by the
 * anti-virus: the file is kept in quarantine (never opened, never forwarded), the case goes on.
 */
export function renderInfectedNotice(
  filenames: string[],
  protocol: string | undefined,
  config: OuvidoriaConfig,
): RenderedMail {
  const subject = protocol
    ? `[${protocol}] Um arquivo enviado não pôde ser aceito`
    : 'Ouvidoria: um arquivo enviado não pôde ser aceito';
  return renderMail(
    subject,
    [
      { p: ['Olá,'] },
      {
        p: [
          filenames.length === 1
            ? 'A verificação antivírus encontrou uma ameaça no arquivo que você anexou ao formulário da Ouvidoria:'
            : 'A verificação antivírus encontrou ameaças nos arquivos que você anexou ao formulário da Ouvidoria:',
        ],
      },
      { ul: filenames.map((name) => [{ strong: name }]) },
      {
        p: [
          'Por segurança, o arquivo ficou em quarentena: ninguém da equipe vai abri-lo. ',
          protocol
            ? `A sua manifestação (protocolo ${protocol}) segue normalmente com os demais dados.`
            : 'A sua mensagem segue normalmente com os demais dados.',
        ],
      },
      {
        p: [
          'Verifique o seu computador com um antivírus atualizado. Se o arquivo for importante para o caso, ',
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
