import type { CaseMessage, CaseRecord } from '../domain/case';
import type { OuvidoriaConfig } from '../domain/config';
import { AUTOMATIC_MAIL_HEADERS, newMessageId, officeSender } from '../domain/auto-reply-policy';
import { renderFollowUpNotice } from '../domain/follow-up-notice';
import { bestEffortAfterSend, providerMessageIds } from './after-send';
import type { CaseRepository, Mailer, StaffRepository } from '../ports';

export interface FollowUpDeps {
  cases: CaseRepository;
  staff: StaffRepository;
  mailer: Mailer;
  config: OuvidoriaConfig;
}

/**
 * Tells the assigned analyst that the merchant wrote again (IntakeDeps.onFollowUp).
 * Reply-To is the merchant, and our Message-ID threads the analyst's answer into the case.
 */
export function followUpNotifier(deps: FollowUpDeps) {
  return async (parent: CaseRecord, message: CaseMessage): Promise<void> => {
    if (!parent.assignee) return;
    const analyst = await deps.staff.get(parent.assignee);
    if (!analyst) return;
    // Released from quarantine into her case: who vouched for it, by name (its id when gone from the roster).
    const releaser = message.released ? await deps.staff.get(message.released.by) : null;
    const notice = renderFollowUpNotice(parent, message, analyst, deps.config, releaser?.name);
    // The delivery's own id: the same on a retry, and never the protocol (SPEC "Trust rules").
    const messageId = newMessageId(deps.config, `follow-up.${message.sourceId}`);
    await deps.cases.addMessageIds(parent.caseId, [messageId]);
    const sent = await deps.mailer.send({
      to: [analyst.email],
      from: officeSender(deps.config),
      replyTo: [parent.senderEmail],
      subject: notice.subject,
      text: notice.text,
      html: notice.html,
      messageId,
      headers: { ...AUTOMATIC_MAIL_HEADERS },
    });
    await bestEffortAfterSend(() => deps.cases.addMessageIds(parent.caseId, providerMessageIds(sent, messageId)));
  };
}
