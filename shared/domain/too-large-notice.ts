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
