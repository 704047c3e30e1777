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

/**
 * Compact form of one year of closures, as the generated table ships it: `MMDD` plus one letter
 * per closure (the index of its [name, kind] in a shared list), in date-holidays' order, e.g.
 * `0101a0216b…`. A year is ~60 characters instead of ~600 bytes of [date, name, kind] literals.
 */
const NAME_CODES = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function encodeClosureYear(
  closures: ReadonlyMap<string, Closure>,
  names: (readonly [string, ClosureKind])[],
): string {
  let code = '';
  for (const [date, { name, kind }] of closures) {
    let index = names.findIndex(([n, k]) => n === name && k === kind);
    if (index < 0) index = names.push([name, kind]) - 1;
    if (index >= NAME_CODES.length) throw new RangeError(`More than ${NAME_CODES.length} closure names`);
    code += `${date.slice(5, 7)}${date.slice(8, 10)}${NAME_CODES[index]}`;
  }
  return code;
}

/** The closures of `year` from its compact form (the inverse of encodeClosureYear). */
export function decodeClosureYear(
  year: number,
  code: string,
  names: readonly (readonly [string, ClosureKind])[],
): Map<string, Closure> {
  const closures = new Map<string, Closure>();
  for (let i = 0; i + 5 <= code.length; i += 5) {
    const entry = names[NAME_CODES.indexOf(code.charAt(i + 4))];
    if (!entry) throw new RangeError(`Bad closure code ${JSON.stringify(code.slice(i, i + 5))}`);
    closures.set(`${year}-${code.slice(i, i + 2)}-${code.slice(i + 2, i + 4)}`, { name: entry[0], kind: entry[1] });
  }
  return closures;
}
