/**
 * Who `#transferir` names (SPEC step 8). Analysts write a colleague the way they know her: the
 * roster id (`bruno`), her address, her whole name (`Bruno Oliveira`) or her first name (`Bruno`),
 * accents and case optional. A name that fits more than one person is never guessed (the case
 * would land with someone nobody chose): the mail is refused with the candidates and their ids.
 * A name that fits no one is refused with the team's ids, so the next try works.
 */
import { rosterAddress } from '../staff';
import { normalize } from '../text';
import type { StaffProblem } from './types';

export interface StaffRef {
  id: string;
  name: string;
  email: string;
  active: boolean;
}

export type StaffLookup<T extends StaffRef> =
  | { kind: 'found'; member: T }
  | { kind: 'ambiguous'; candidates: T[] }
  | { kind: 'none' };

const wordsOf = (text: string): string[] =>
  normalize(text)
    .split(/[^a-z0-9'’-]+/)
    .filter(Boolean);

/** Whether `wanted` are words of `name`, in order ("Ana Souza" is in "Ana Maria Souza"). */
function inOrder(wanted: readonly string[], name: readonly string[]): boolean {
  let at = 0;
  for (const word of name) if (word === wanted[at]) at++;
  return at === wanted.length;
}

/** One person, preferring the only active one of several (a namesake who left is no rival). */
function oneOf<T extends StaffRef>(candidates: T[]): StaffLookup<T> | undefined {
  if (candidates.length === 0) return undefined;
  if (candidates.length === 1) return { kind: 'found', member: candidates[0] as T };
  const active = candidates.filter((m) => m.active);
  if (active.length === 1) return { kind: 'found', member: active[0] as T };
  return { kind: 'ambiguous', candidates: active.length > 1 ? active : candidates };
}

/** The roster member a `#transferir` reference names: id, then address, then whole name, then words of it. */
export function staffByReference<T extends StaffRef>(members: readonly T[], reference: string): StaffLookup<T> {
  const wanted = reference.trim().toLowerCase().replace(/^@/, '');
  if (!wanted) return { kind: 'none' };
  const byId = members.find((m) => m.id.toLowerCase() === wanted);
  if (byId) return { kind: 'found', member: byId };
  if (wanted.includes('@')) {
    // An address of several entries (a member re-added under a new id): the only active one.
    return oneOf(members.filter((m) => rosterAddress(m.email) === wanted)) ?? { kind: 'none' };
  }
  const words = wordsOf(wanted);
  if (words.length === 0) return { kind: 'none' };
  const named = members.map((m) => ({ m, name: wordsOf(m.name) }));
  return (
    oneOf(named.filter(({ name }) => name.join(' ') === words.join(' ')).map(({ m }) => m)) ??
    oneOf(named.filter(({ name }) => inOrder(words, name)).map(({ m }) => m)) ?? { kind: 'none' }
  );
}

const who = (m: StaffRef) => `${m.id} (${m.name})`;

/** No one of the team answers to the reference: the refusal lists who does. */
export function unknownStaffProblem(reference: string, team: readonly StaffRef[], line: string): StaffProblem {
  const listed = team.filter((m) => m.active);
  return {
    code: 'unknown-analyst',
    message:
      `Não há ninguém na equipe com o identificador ou o nome “${reference}”.` +
      (listed.length > 0 ? ` Pessoas da equipe: ${listed.map(who).join(', ')}.` : ''),
    line,
  };
}

/** More than one person answers to the name: the refusal lists them, with the ids that tell them apart. */
export function ambiguousStaffProblem(reference: string, candidates: readonly StaffRef[], line: string): StaffProblem {
  return {
    code: 'ambiguous-analyst',
    message: `Há mais de uma pessoa na equipe com o nome “${reference}”: ${candidates.map(who).join(', ')}. Use o identificador, por exemplo: #transferir ${candidates[0]?.id ?? ''}.`,
    line,
  };
}
