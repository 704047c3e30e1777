/**
 * A mail the office sends on its own (a notice, a link, a note): from the office's address, with a
 * fresh Message-ID of our domain and the headers that keep robots from answering each other.
 */
import { AUTOMATIC_MAIL_HEADERS, officeSender } from '../domain/auto-reply-policy';
import type { OuvidoriaConfig } from '../domain/config';
import { randomMessageId } from '../domain/message-id';
import type { RenderedMail } from '../domain/replies';
import type { OutgoingMail, SentMail } from '../ports';
import { bestEffortAfterSend, providerMessageIds } from './after-send';

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

/** Where mail to the merchant records its Message-IDs (CaseRepository and CaseWorkStore both do). */
export interface SentMailPointers {
  addMessageIds(caseId: string, messageIds: string[], sentTo?: string[]): Promise<void>;
}

/**
 * Sends a mail to the merchant of a case and records its Message-IDs, ours before the send and the
 * provider's after it, with her address: her answer threads into the case, and her server's
 * delivery report naming it counts as a bounce of mail we sent her (bounces.ts). Every mail to
 * the merchant goes through here or records the same way (the lifecycle's sendToMerchant, the
 * acknowledgement's reply); one that records nothing makes a report about it "not our mail".
 */
export async function mailMerchant<M extends OutgoingMail>(
  deps: { mailer: { send(mail: M, options?: { signal?: AbortSignal }): Promise<SentMail> }; cases: SentMailPointers },
  caseId: string,
  mail: M,
  options?: { signal?: AbortSignal },
): Promise<void> {
  await deps.cases.addMessageIds(caseId, [mail.messageId], mail.to);
  const sent = await deps.mailer.send(mail, options);
  await bestEffortAfterSend(() => deps.cases.addMessageIds(caseId, providerMessageIds(sent, mail.messageId), mail.to));
}
