/** Every decision the office can take on a submission (SPEC.md, "Eligibility"). */
export const OUTCOMES = [
  'ACCEPTED',
  'NO_PRIOR_TICKET',
  'TICKET_INVALID',
  'ACCESS_ISSUE',
  'BILLING_QUESTION',
  'NOT_A_CLIENT',
  'OUT_OF_SCOPE_FEATURE',
  'OUT_OF_SCOPE_COMMERCIAL',
  'QUARANTINED',
] as const;

export type Outcome = (typeof OUTCOMES)[number];

export function isOutcome(value: unknown): value is Outcome {
  return typeof value === 'string' && (OUTCOMES as readonly string[]).includes(value);
}
