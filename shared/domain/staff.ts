import { sanitizeHeaderValue } from './html';
import { withoutInvisible } from './text';

/** An ombudsman analyst in the roster. */
export interface Analyst {
  /** Short stable id, e.g. "ana". */
  id: string;
  name: string;
  email: string;
  active: boolean;
  /** Inclusive ISO dates of a leave; the analyst gets no case in between. */
  leave?: { from: string; to: string };
  /** Cases currently ASSIGNED to the analyst (kept by the repository, never negative). */
  openCases: number;
  /** ISO instant of the last assignment; undefined for someone never assigned. */
  lastAssignedAt?: string;
  /** ISO instant: the console refuses this member's sessions issued at or before it (sign-out). */
  sessionsEndedAt?: string;
}

/**
 * The line every mail the office sends a member of staff opens with ("Olá, Ana Lima,"). It is also
 * how her answer's quote of such a mail is found when her mail program marks it in a way the quote
 * cut does not know (lifecycle/commands.ts freshStaffText): she never writes it to a merchant.
 */
export function staffGreeting(name: string): string {
  const clean = sanitizeHeaderValue(name, 80);
  return clean ? `Olá, ${clean},` : 'Olá,';
}

/**
 * The roster's field rules, for every way in (the console's roster page, `npm run staff`): what one
 * accepts the other manages. A name is shown in pages and written into staff mail, so it is one
 * line of printable text.
 */
/**
 * Longest roster id: it is also the console sign-in's Cognito attribute `custom:staff_id`, created with
 * this maximum (infra/constructs/staff-console.ts; Cognito never changes it afterwards).
 */
export const STAFF_ID_MAX = 40;
export const STAFF_ID = new RegExp(`^[a-z0-9][a-z0-9._-]{0,${STAFF_ID_MAX - 1}}$`);
export const STAFF_NAME_MAX = 200;
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export function isStaffName(name: string): boolean {
  // Nothing a reader cannot see either (withoutInvisible): a bidi override turns the name (and the
  // line it is written into) around, a zero-width one makes "Ana Souza" two people or a name of nothing.
  return name.length > 0 && name.length <= STAFF_NAME_MAX && !CONTROL.test(name) && withoutInvisible(name) === name;
}

/** A calendar date written YYYY-MM-DD that exists (2026-02-30 does not). */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  return !!date && date.toISOString().slice(0, 10) === value;
}
