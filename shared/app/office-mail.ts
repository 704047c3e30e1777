/**
 * A mail the office sends on its own (a notice, a link, a note): from the office's address, with a
 * fresh Message-ID of our domain and the headers that keep robots from answering each other.
 */
import { AUTOMATIC_MAIL_HEADERS, officeSender } from '../domain/auto-reply-policy';
import type { OuvidoriaConfig } from '../domain/config';
import { randomMessageId } from '../domain/message-id';
import type { RenderedMail } from '../domain/replies';
import type { OutgoingMail } from '../ports';

export function automaticOfficeMail(
  to: string,
  content: Pick<RenderedMail, 'subject' | 'text' | 'html'>,
  config: Pick<OuvidoriaConfig, 'fromName' | 'fromAddress' | 'domain'>,
  /** A Message-ID keyed on what caused the mail (a retry sends the same one); random otherwise. */
  messageId: string = randomMessageId(config.domain),
): OutgoingMail {
  return {
    to: [to],
    from: officeSender(config),
    subject: content.subject,
    text: content.text,
    html: content.html,
    messageId,
    headers: { ...AUTOMATIC_MAIL_HEADERS },
  };
}
