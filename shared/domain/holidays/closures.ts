/** A candidate closed day of the office calendar, before the configuration switches apply. */
export type ClosureKind = 'public' | 'carnival' | 'ashWednesday';
export interface Closure {
  name: string;
  kind: ClosureKind;
}

/** One holiday as date-holidays describes it (the fields the calendar reads). */
export interface HolidayEntry {
  /** "YYYY-MM-DD …" (local). */
  date: string;
  type: string;
  name: string;
  /** date-holidays rule, e.g. "easter -47" for Carnival Tuesday. */
  rule?: string;
}

/**
 * The closed days of a year from date-holidays' list: public holidays, and Carnival Monday and
 * Tuesday (Easter −48/−47) and Ash Wednesday (Easter −46), which date-holidays lists as optional
 * observances and the configuration switches on or off. Pure: used by the generator of the table
 * the functions ship (holidays/br.generated.ts) and by the test that compares the two.
 */
export function closuresFromHolidays(holidays: readonly HolidayEntry[]): Map<string, Closure> {
  const result = new Map<string, Closure>();
  for (const h of holidays) {
    const date = h.date.slice(0, 10);
    // date-holidays rules for movable feasts are "easter ±N[ duration]".
    const rule = h.rule ?? '';
    let kind: ClosureKind | undefined;
    if (h.type === 'public') kind = 'public';
    else if (/^easter -4[78]\b/.test(rule)) kind = 'carnival';
    else if (/^easter -46\b/.test(rule)) kind = 'ashWednesday';
    if (!kind) continue;
    const name = kind === 'ashWednesday' ? 'Quarta-feira de Cinzas' : h.name;
    // A public holiday wins over anything else on the same date.
    const existing = result.get(date);
    if (!existing || (existing.kind !== 'public' && kind === 'public')) result.set(date, { name, kind });
  }
  return result;
}
