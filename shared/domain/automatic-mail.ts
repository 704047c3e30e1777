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

/** Its situation on the console's case page, where a guided record reads "Orientado (resposta automática)". */
export const AUTOMATIC_MAIL_SITUATION_PT = 'Mensagem automática guardada (sem caso nem resposta)';
