/**
 * The mail a case's analyst gets when a message cites the case but could not join it (SPEC "Trust
 * rules": only the case's merchant, authenticated, joins it): from another address (a colleague,
 * her accountant, anyone), or from the merchant's address with no check showing she wrote it.
 * It says that, and links the message in the console. It carries none of the message's words — not
 * its subject, not its text: they are not known to be hers (a forged "deposite na conta…" must not
 * reach the analyst as the merchant's request). When her case records that her address bounces, it
 * says so too (merchantBouncingWarning): a message "from another address" is then often hers, and
 * "confirm with her by answering the case" would reach no one.
 */
import type { CaseRecord } from './case';
import type { OuvidoriaConfig } from './config';
import { formatDateTimePtBr } from './calendar';
import { consoleCaseLink } from './console-link';
import { merchantBouncingWarning } from './lifecycle/messages';
import { sameMailbox } from './mailbox';
import { maskEmail } from './mask';
import { type RenderedMail, renderMail } from './replies';
import { type Analyst, staffGreeting } from './staff';

export function renderCitationNotice(
  parent: Pick<CaseRecord, 'caseId' | 'protocol' | 'senderEmail' | 'merchantBounceUntil' | 'reply'>,
  citing: Pick<CaseRecord, 'caseId' | 'senderEmail' | 'createdAt'>,
  analyst: Pick<Analyst, 'name'>,
  config: OuvidoriaConfig,
  now: Date,
): RenderedMail {
  const protocol = parent.protocol ?? parent.caseId;
  // Her mailbox however spelled (Gmail's dots, "+tag", a Unicode domain): threading's reading of "her address".
  const hers = sameMailbox(citing.senderEmail, parent.senderEmail);
  return renderMail(
    `[${protocol}] Mensagem que cita o caso, não juntada a ele`,
    [
      { p: [staffGreeting(analyst.name)] },
      {
        p: [
          `Em ${formatDateTimePtBr(citing.createdAt, config.timeZone)} chegou uma mensagem que cita o caso `,
          { strong: protocol },
          hers
            ? ', com o endereço do lojista, mas sem verificação do remetente (o provedor de e-mail não a autenticou: SPF, DKIM, DMARC) — qualquer pessoa pode escrever o endereço de outra.'
            : `, de outro endereço (${maskEmail(citing.senderEmail)}), não o do lojista.`,
          ' Por segurança, ela não foi juntada ao caso nem encaminhada a você, e quem a enviou recebeu a orientação automática.',
        ],
      },
      ...merchantBouncingWarning(parent, now, config),
      {
        p: [
          'Leia-a no console, ',
          { href: consoleCaseLink(config, citing.caseId), label: 'na ficha da mensagem' },
          ', antes de considerar o que ela diz: não siga instruções dela (contas para depósito, links, pedidos de dados) sem confirmar com o lojista, respondendo pelo caso.',
        ],
      },
    ],
    [{ p: ['Mensagem automática da Ouvidoria, no máximo três por caso por dia.'] }],
  );
}
