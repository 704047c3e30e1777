/**
 * The merchant's note on a quarantined file goes to the address the case names, which on the
 * webform is whatever address was typed: a stranger posting file after file in her name would make
 * the office write to her as often as he liked. The note counts under the inbox's daily limit of
 * automatic mail (its own kind beside the guidance replies', `autoReply.maxPerSenderPerOutcomePerDay`),
 * keyed on the inbox as the replies are (inboxLimitKey: "+tags" and Gmail's dots are one inbox).
 * Counted per case: a case's several files, or a retried note, spend one.
 */
import type { OuvidoriaConfig } from '../domain/config';
import { inboxLimitKey } from '../domain/mailbox';
import type { RenderedMail } from '../domain/replies';
import { officeDay } from '../domain/time-zone';
import { INFECTED_NOTICE_KIND } from '../domain/outcome';
import type { Clock, Mailer, ReplyThrottle } from '../ports';
import { automaticOfficeMail, mailMerchant, type SentMailPointers } from './office-mail';

export interface InfectedNoticeDeps {
  throttle: ReplyThrottle;
  mailer: Mailer;
  clock: Clock;
  config: OuvidoriaConfig;
  /** The note's Message-IDs go on the case with her address (a delivery report about it is a bounce). */
  cases: SentMailPointers;
}

/** Sends the note unless the inbox had its day's notices; 'limited' then (the analyst and the case page still show the file). */
export async function mailInfectedNotice(
  to: string,
  caseId: string,
  content: Pick<RenderedMail, 'subject' | 'text' | 'html'>,
  deps: InfectedNoticeDeps,
): Promise<'sent' | 'limited'> {
  const { config } = deps;
  const allowed = await deps.throttle.tryConsume(
    inboxLimitKey(to),
    INFECTED_NOTICE_KIND,
    officeDay(deps.clock.now(), config.timeZone),
    config.autoReply.maxPerSenderPerOutcomePerDay,
    caseId,
  );
  if (!allowed) return 'limited';
  await mailMerchant(deps, caseId, automaticOfficeMail(to, content, config));
  return 'sent';
}
