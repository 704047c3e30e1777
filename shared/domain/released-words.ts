import { formatDateTimePtBr } from './calendar';
import { sanitizeHeaderValue } from './html';

/**
 * Staff's line on mail released from quarantine (one text): the case it opened (assignment notice)
 * and a mail of hers it joined (forward to the analyst) keep SES's failed checks, so the analyst
 * learns who vouched for the sender. `by` is the supervisor's name, or her id when gone from the roster.
 */
export function releasedFromQuarantinePt(by: string, at: string | undefined, zone: string): string {
  const when = at ? ` em ${formatDateTimePtBr(at, zone)}` : '';
  return `Liberado da quarentena por ${sanitizeHeaderValue(by, 80)}${when}: a supervisão respondeu pelo remetente, apesar das verificações que o retiveram.`;
}
