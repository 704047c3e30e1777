import { encryptedMail, encryptedStaffPt } from './encrypted-mail';
import type { CaseMessage, CaseRecord } from './case';
import type { OuvidoriaConfig } from './config';
import { formatDateTimePtBr } from './calendar';
import { sanitizeHeaderValue } from './html';
import { releasedFromQuarantinePt } from './released-words';
import { type RenderedMail, renderMail } from './replies';
import { type Analyst, staffGreeting } from './staff';
import { splitQuoted } from './text';

/**
 * The email the assigned analyst gets when the merchant writes again on a case (pt-BR):
 * the new message, with its quoted history collapsed, and the attachments it brought.
 */
export function renderFollowUpNotice(
  c: CaseRecord,
  message: CaseMessage,
  analyst: Analyst,
  config: OuvidoriaConfig,
  /** The name of the supervisor who released this mail from quarantine (CaseMessage.released). */
  releasedBy?: string,
): RenderedMail {
  const protocol = c.protocol ?? c.caseId;
  const subject = sanitizeHeaderValue(`[${protocol}] Nova mensagem do lojista`, 200);
  const { fresh, quoted } = splitQuoted(message.text);
  const sealed = encryptedMail(message);
  const attachments = message.attachments.map((a) => [`${a.filename ?? '(sem nome)'} — ${a.contentType}`]);
  return renderMail(
    subject,
    [
      { p: [staffGreeting(analyst.name)] },
      {
        p: [
          'O lojista ',
          { href: `mailto:${c.senderEmail}`, label: c.senderEmail },
          ' enviou uma nova mensagem no caso ',
          { strong: protocol },
          ` em ${formatDateTimePtBr(message.receivedAt, config.timeZone)}.`,
        ],
      },
      // Held for failed checks, then vouched for: the analyst reads it knowing both.
      ...(message.released
        ? [
            {
              p: [
                'Esta mensagem ficou retida na quarentena. ',
                releasedFromQuarantinePt(releasedBy ?? message.released.by, message.released.at, config.timeZone),
              ],
            },
          ]
        : []),
      { p: ['Assunto: ', message.subject || '(sem assunto)'] },
      ...(attachments.length > 0 ? [{ h: 'Anexos' }, { ul: attachments }] : []),
    ],
    [{ p: ['Mensagem automática da Ouvidoria. Responda ao lojista mantendo o protocolo no assunto.'] }],
    {
      preformatted: [
        {
          title: 'Mensagem',
          text: fresh || (sealed ? encryptedStaffPt(sealed) : '(mensagem sem texto novo)'),
          collapsed: quoted ? { summary: 'Histórico citado', text: quoted } : undefined,
        },
      ],
    },
  );
}
