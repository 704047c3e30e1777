import { sanitizeHeaderValue } from './html';
import { withoutInvisible } from './text';
import type { OuvidoriaConfig } from './config';
import { isStaffReplyMailbox, type StaffReplyMailboxConfig } from './lifecycle/reply-address';
import { inboxLimitKey } from './mailbox';

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

/** A roster address as compared: trimmed, lower case (the roster keeps what was typed). */
export function rosterAddress(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The member a mail from `email` is of, for acting as staff: the roster entry with that address,
 * or, when several have it (a member re-added under a new id, the old one kept inactive), the only
 * active one — a member who left is no rival (none active: one of them, refused as inactive). Two active members with one address are no one's:
 * which of them wrote is a guess, so neither acts (the roster refuses a second active holder, see
 * activeHolderOf). Undefined when none.
 */
export function memberByAddress<T extends Pick<Analyst, 'email' | 'active'>>(
  members: readonly T[],
  email: string,
): T | undefined {
  const wanted = rosterAddress(email);
  if (!wanted) return undefined;
  const holders = members.filter((m) => rosterAddress(m.email) === wanted);
  if (holders.length <= 1) return holders[0];
  const active = holders.filter((m) => m.active);
  // None active: the first, refused as inactive whichever it is.
  if (active.length === 0) return holders[0];
  return active.length === 1 ? active[0] : undefined;
}

/**
 * The active member other than `exceptId` whose address is `email`: a roster change that would give
 * an address a second active holder is refused (adding one, or activating one), since mail from that
 * address then acts as neither of them (memberByAddress).
 */
export function activeHolderOf<T extends Pick<Analyst, 'id' | 'email' | 'active'>>(
  members: readonly T[],
  email: string,
  exceptId?: string,
): T | undefined {
  const wanted = rosterAddress(email);
  return members.find((m) => m.active && m.id !== exceptId && rosterAddress(m.email) === wanted);
}

/** What the supervisor role is bound to: `config.lifecycle` (supervisorIds and the addresses they were configured with). */
// The addresses may be absent: a configuration sealed before they existed is read without parsing.
export type SupervisorBinding = Pick<OuvidoriaConfig['lifecycle'], 'supervisorIds'> &
  Partial<Pick<OuvidoriaConfig['lifecycle'], 'supervisorAddresses'>>;

/**
 * The supervisor address configured for `id`, when the id is a supervisor's and its configured address
 * is another than `email`: the roster gives that id to no one else (a member removed and someone new
 * added as "sofia" would otherwise act as supervisor by mail at once). Undefined when it may have it.
 */
export function supervisorAddressFor(id: string, email: string, binding: SupervisorBinding): string | undefined {
  if (!binding.supervisorIds.includes(id)) return undefined;
  const addresses = binding.supervisorAddresses ?? {};
  const recorded = Object.hasOwn(addresses, id) ? addresses[id] : undefined;
  return recorded !== undefined && rosterAddress(recorded) !== rosterAddress(email) ? recorded : undefined;
}

/**
 * Whether a roster entry has the supervisor role: its id is a configured supervisor's, and its address
 * the one configured with it (when one was): an id reused for another person is an analyst's.
 */
export function holdsSupervisorRole(member: Pick<Analyst, 'id' | 'email'>, binding: SupervisorBinding): boolean {
  return (
    binding.supervisorIds.includes(member.id) && supervisorAddressFor(member.id, member.email, binding) === undefined
  );
}

/** The office configuration an address is checked against (isOfficeAddress). */
export type OfficeAddresses = Pick<OuvidoriaConfig, 'ombudsmanAddresses' | 'fromAddress'> & StaffReplyMailboxConfig;

/**
 * Whether an address is one the office itself receives or sends mail at: an ombudsman address, the
 * sending address, or the staff reply mailbox (`caso@`, `caso+…@` our domain). A member's address
 * never is: the office's notices to her would come back in as intake mail (a loop, a case of our own
 * mail). Compared as one inbox (inboxLimitKey: letter case, "+tag"; the receipt rule strips labels),
 * which here only refuses more.
 */
export function isOfficeAddress(email: string, office: OfficeAddresses): boolean {
  const box = inboxLimitKey(email);
  if (box === '') return false;
  if ([...office.ombudsmanAddresses, office.fromAddress].some((a) => inboxLimitKey(a) === box)) return true;
  return isStaffReplyMailbox(email.trim(), office);
}

/** What a new roster entry is checked against: the office's addresses and the supervisors' ids (the configuration). */
export type RosterRules = OfficeAddresses & { lifecycle: SupervisorBinding };

/**
 * Why `id` and `email` cannot be a new member's, for every way in (the console's roster page,
 * `npm run staff`): the office's own address (isOfficeAddress), or a supervisor's id configured with
 * another address (supervisorAddressFor). Undefined when they can.
 */
export function newMemberProblem(
  id: string,
  email: string,
  rules: RosterRules,
): 'office-address' | 'supervisor-id' | undefined {
  if (isOfficeAddress(email, rules)) return 'office-address';
  if (supervisorAddressFor(id, email, rules.lifecycle) !== undefined) return 'supervisor-id';
  return undefined;
}
