import type { OuvidoriaConfig } from './config';
import { type RenderedMail, renderMail, replySubject } from './replies';

/**
 * The note a person gets when their mail was too big for us to read (SES accepts up to 40 MB; we
 * parse up to `limits.maxRawMailBytes`). Without it a merchant with a valid case would never hear
 * back. Sent only to authenticated, non-automatic mail (the intake checks that first).
 */
export function renderTooLargeNotice(subject: string, limitBytes: number, config: OuvidoriaConfig): RenderedMail {
  const limitMb = Math.floor(limitBytes / (1024 * 1024));
  return renderMail(
    replySubject(subject, 'Sua mensagem à Ouvidoria'),
    [
      { p: ['Olá,'] },
      {
        p: [
          `Recebemos a sua mensagem, mas ela é grande demais para ser lida pela Ouvidoria (o limite é de ${limitMb} MB, anexos incluídos). Por isso, ela ainda não foi registrada como manifestação.`,
        ],
      },
      { h: 'Como enviar' },
      {
        ul: [
          ['Envie de novo o texto, com o número do chamado do suporte, e anexe só os arquivos essenciais.'],
          ['Imagens e PDFs grandes podem ser reduzidos ou divididos em mais de um e-mail.'],
          ['Ou use o formulário da Ouvidoria: ', { href: config.webformOrigin, label: config.webformOrigin }],
        ],
      },
    ],
    [{ p: ['Mensagem automática da Ouvidoria. Não é preciso responder a este e-mail.'] }],
  );
}

/**
 * The note a person gets when the intake failed on their mail every time it tried (its structure
 * broke the reader, or reading it outran the time or memory we have): kept in quarantine for staff,
 * and she is asked to send it again in a simpler form. Sent only where the too-large note would be.
 */
export function renderUnreadableNotice(subject: string, config: OuvidoriaConfig): RenderedMail {
  return renderMail(
    replySubject(subject, 'Sua mensagem à Ouvidoria'),
    [
      { p: ['Olá,'] },
      {
        p: [
          'Recebemos a sua mensagem, mas não conseguimos lê-la: o formato dela impediu a leitura pelo nosso sistema. Por isso, ela ainda não foi registrada como manifestação. A equipe da Ouvidoria foi avisada e a mensagem ficou guardada.',
        ],
      },
      { h: 'Como enviar' },
      {
        ul: [
          ['Envie de novo em texto simples, com o número do chamado do suporte, sem encaminhar outras mensagens.'],
          ['Anexe só os arquivos essenciais, em PDF ou imagem.'],
          ['Ou use o formulário da Ouvidoria: ', { href: config.webformOrigin, label: config.webformOrigin }],
        ],
      },
    ],
    [{ p: ['Mensagem automática da Ouvidoria. Não é preciso responder a este e-mail.'] }],
  );
}
