/**
 * Tells a case's analyst that a message cited the case without joining it (IntakeDeps.onCitation):
 * from another address, or from the merchant's with no check showing she wrote it. Only a mail a
 * person may have written (no quarantined record), only on the case's first storing of it, at most
 * CITATION_NOTICES_PER_DAY a day per case — whoever writes protocols into mail cannot flood the
 * analyst. Best effort: the console's case page lists the citing messages anyway.
 */
import { NO_TEXTS, type CaseRecord } from '../domain/case';
import { renderCitationNotice } from '../domain/citation-notice';
import type { OuvidoriaConfig } from '../domain/config';
import { newMessageId } from '../domain/auto-reply-policy';
import { DAY_SECONDS, utcDayStart } from '../domain/instant';
import { citationKey } from '../domain/rate-keys';
import type { CaseRepository, Clock, Mailer, RateLimiter, StaffRepository } from '../ports';
import { automaticOfficeMail } from './office-mail';

/** The most notices one case's analyst gets in a day about messages citing it. */
export const CITATION_NOTICES_PER_DAY = 3;

export interface CitationDeps {
  cases: Pick<CaseRepository, 'get'>;
  staff: Pick<StaffRepository, 'get'>;
  mailer: Mailer;
  limiter: RateLimiter;
  clock: Clock;
  config: OuvidoriaConfig;
}

export function citationNotifier(deps: CitationDeps) {
  return async (citing: CaseRecord): Promise<void> => {
    if (!citing.referencedCaseId || citing.status === 'QUARANTINED') return;
    const parent = await deps.cases.get(citing.referencedCaseId, NO_TEXTS);
    if (!parent?.assignee || parent.outcome !== 'ACCEPTED') return;
    const now = deps.clock.now();
    const sent = await deps.limiter.hit(citationKey(parent.caseId), utcDayStart(now), DAY_SECONDS);
    if (sent > CITATION_NOTICES_PER_DAY) return;
    const analyst = await deps.staff.get(parent.assignee);
    if (!analyst?.active) return;
    const notice = renderCitationNotice(parent, citing, analyst, deps.config, now);
    const messageId = newMessageId(deps.config, `citation.${citing.sourceId}`);
    await deps.mailer.send(automaticOfficeMail(analyst.email, notice, deps.config, messageId));
  };
}
