import type { CaseStatus } from './case';
import { STATUS_LABELS_PT } from './lifecycle/types';

/**
 * Automatic mail from outside, stored as what it is (the eligibility's automatic stage decided it:
 * an out-of-office answering our mail, a delivery report not about mail we sent, a read receipt, an
 * emoji reaction): no one wrote it and no one answered it, so it is no manifestation — the monthly
 * report counts it apart, and the console does not call it guided. A merchant writing under a
 * notice's subject (the automatic sign fired, another rule decided) is hers.
 */
export function isAutomaticMail(c: { decision?: { ruleIds: readonly string[] } | undefined }): boolean {
  return (c.decision?.ruleIds.at(-1) ?? '').startsWith(AUTOMATIC_RULE_PREFIX);
}

/** The eligibility rules of the automatic stage (rules.ts: auto.machine-generated, auto.machine-generated.text). */
const AUTOMATIC_RULE_PREFIX = 'auto.';

/** Its situation on the console (case page and list), where a guided record reads "Orientado (resposta automática)". */
export const AUTOMATIC_MAIL_SITUATION_PT = 'Mensagem automática guardada (sem caso nem resposta)';

/** A record's situation on the console, its case page and its list alike. */
export function situationPt(c: { status: CaseStatus; automatic: boolean }): string {
  return c.status === 'REDIRECTED' && c.automatic
    ? AUTOMATIC_MAIL_SITUATION_PT
    : (STATUS_LABELS_PT[c.status] ?? c.status);
}
