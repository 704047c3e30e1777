/**
 * The roster page of the staff console (supervisors only): who is active, who is on leave, how many
 * open cases each has; put someone on leave or back, activate or deactivate, end someone's console
 * sessions on every device (a lost or shared computer), add an analyst. The
 * same repository `npm run staff` writes (StaffRepository); every change is logged without personal data.
 */
import { countOf } from '../domain/count';
import { CONSOLE_ROSTER_PATH } from '../domain/console-link';
import {
  type Analyst,
  activeHolderOf,
  holdsSupervisorRole,
  isIsoDate,
  isStaffName,
  newMemberProblem,
  type RosterRules,
  STAFF_ID,
  type SupervisorBinding,
} from '../domain/staff';
import { html } from '../domain/html';
import { calendarDayPtBr } from '../domain/lifecycle/deadlines';
import type { StaffRepository } from '../ports';
import { CSRF_FIELD, SESSION_CLOCK_SKEW_SECONDS, sessionsEndAt } from './access';
import { isOnLeave, leaveWithoutSupervision } from '../domain/lifecycle/types';
import { layout, listQueryString, OPEN_VIEW, type PageFrame, titleAfter, wideTable } from './pages';
import { CASES_PATH } from './routes';
import { MAX_ADDRESS_CHARS } from '../domain/mailbox';

export const ROSTER_PATH = CONSOLE_ROSTER_PATH;

const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

/** A leave as people read it: "28/12/2026 a 31/12/2026". */
function leavePtBr(leave: { from: string; to: string }): string {
  return `${calendarDayPtBr(leave.from)} a ${calendarDayPtBr(leave.to)}`;
}

/** What the page says after an action; `casesOf`: whose open cases it links to (RosterNotice). */
export type RosterMessage = { ok: boolean; text: string; casesOf?: Pick<Analyst, 'id' | 'name'> };

export function rosterPage(frame: PageFrame, roster: Analyst[], today: string, message?: RosterMessage): string {
  const b = frame.basePath;
  const hidden = (op: string, id?: string) =>
    html`<input type="hidden" name="${CSRF_FIELD}" value="${frame.csrf ?? ''}"><input type="hidden" name="op" value="${op}">${id ? html`<input type="hidden" name="pessoa" value="${id}">` : ''}`;
  const rows = roster.map((a) => {
    // A leave that ended is history: not shown as hers, nothing to end (one now or still to come is).
    const leave = a.leave !== undefined && today <= a.leave.to ? a.leave : undefined;
    const onLeave = leave !== undefined && isOnLeave(a, today);
    return html`<tr><th scope="row">${a.id}</th><td>${a.name}<br>${a.email}</td>
<td>${a.active ? 'ativo(a)' : 'inativo(a)'}</td>
<td>${leave ? `${leavePtBr(leave)}${onLeave ? ' (em afastamento)' : ' (programado)'}` : '—'}</td><td>${a.openCases}</td>
<td><form method="post" action="${b}${ROSTER_PATH}">${hidden('leave', a.id)}
<label for="de-${a.id}">Afastamento de</label><input id="de-${a.id}" type="date" name="de" required>
<label for="ate-${a.id}">até</label><input id="ate-${a.id}" type="date" name="ate" required>
<button type="submit">Registrar afastamento de ${a.name}</button></form>
${leave ? html`<form method="post" action="${b}${ROSTER_PATH}">${hidden('return', a.id)}<button class="secondary" type="submit">Encerrar afastamento de ${a.name}</button></form>` : ''}
<form method="post" action="${b}${ROSTER_PATH}">${hidden(a.active ? 'deactivate' : 'activate', a.id)}<button class="secondary" type="submit">${a.active ? 'Desativar' : 'Ativar'} ${a.name}</button></form>
<form method="post" action="${b}${ROSTER_PATH}">${hidden('signout', a.id)}<button class="secondary" type="submit">Encerrar as sessões de ${a.name}</button></form></td></tr>`;
  });
  return layout(
    frame,
    titleAfter('Equipe', message && (message.ok ? { notice: message.text } : { problem: message.text })),
    html`<h1>Equipe</h1>
${message ? html`<p class="${message.ok ? 'notice' : 'problem'}" role="${message.ok ? 'status' : 'alert'}">${message.text}${message.casesOf ? html` <a href="${b}${CASES_PATH}?${listQueryString({ status: OPEN_VIEW, analyst: message.casesOf.id })}">Ver os casos em aberto de ${message.casesOf.name}</a>` : ''}</p>` : ''}
${wideTable(
  'Equipe',
  html`<table><caption>Pessoas da equipe e casos abertos</caption>
<thead><tr><th scope="col">Id</th><th scope="col">Nome e e-mail</th><th scope="col">Situação</th><th scope="col">Afastamento</th><th scope="col">Casos abertos</th><th scope="col">Ações</th></tr></thead>
<tbody>${rows}</tbody></table>`,
)}
<h2>Nova analista ou novo analista</h2>
<form method="post" action="${b}${ROSTER_PATH}"><fieldset><legend>Adicionar à equipe</legend>${hidden('add')}
<label for="n-id">Id (letras minúsculas, números, ponto, hífen)</label><input id="n-id" name="pessoa" required autocomplete="off">
<label for="n-nome">Nome</label><input id="n-nome" name="nome" required autocomplete="off">
<label for="n-email">E-mail</label><input id="n-email" name="email" type="email" required autocomplete="off">
<button type="submit">Adicionar</button></fieldset></form>`,
  );
}

/**
 * Someone who stops taking cases (leave, deactivation) keeps the cases they have: the supervisor is
 * told how many, to move them (the merchants' messages would otherwise wait on them).
 */
function openCasesHint(member: Analyst): Omit<RosterNotice, 'text'> & { hint: string } {
  const n = member.openCases;
  if (!(n > 0)) return { hint: '' };
  const cases = `${countOf(n, 'caso', 'casos')} em aberto`;
  // The page links to them (a link, not "the list's Analista filter" to find and set by hand).
  return {
    hint: ` ${member.name} tem ${cases}: transfira-${n === 1 ? 'o' : 'os'} a outra pessoa.`,
    casesOf: { id: member.id, name: member.name },
  };
}

/**
 * A supervisor's leave that leaves days with no other supervisor present: the overdue alerts and the
 * notices for the supervisors of those days reach only people away (timers.ts records them as
 * unattended). Said when the leave is registered, while someone can still arrange cover.
 */
function unsupervisedHint(
  member: Analyst,
  team: { roster: readonly Analyst[]; binding: SupervisorBinding } | undefined,
): string {
  if (!team || !member.leave || !holdsSupervisorRole(member, team.binding)) return '';
  const others = team.roster.filter((m) => m.id !== member.id && holdsSupervisorRole(m, team.binding));
  const gap = leaveWithoutSupervision(member.leave, others);
  return gap
    ? ` De ${calendarDayPtBr(gap.from)} a ${calendarDayPtBr(gap.to)}, ninguém da supervisão estará presente: os alertas de prazo vencido e os avisos à supervisão irão só para quem está afastado. Combine quem acompanha os casos atrasados nesses dias.`
    : '';
}

/** A change's notice, and whose open cases to move (leave, deactivation): the page links to them. */
export interface RosterNotice {
  text: string;
  casesOf?: Pick<Analyst, 'id' | 'name'>;
}

/** The roster changes the page's forms make. */
const ROSTER_OPS = ['add', 'leave', 'return', 'activate', 'deactivate', 'signout'] as const;
type RosterOp = (typeof ROSTER_OPS)[number];

/**
 * What a change did, in pt-BR, read from the person as the roster holds them now: the page after
 * the redirect (`?feito=<op>&pessoa=<id>`) says it without any text of the query string.
 */
export function rosterNotice(
  op: string,
  member: Analyst | undefined,
  team?: { roster: readonly Analyst[]; binding: SupervisorBinding },
): RosterNotice | undefined {
  if (!member || !ROSTER_OPS.includes(op as RosterOp)) return undefined;
  const withCases = (text: string): RosterNotice => {
    const { hint, ...link } = openCasesHint(member);
    return { text: `${text}${hint}`, ...link };
  };
  switch (op as RosterOp) {
    case 'add':
      return { text: `${member.name} foi adicionado(a) à equipe.` };
    case 'leave':
      return member.leave
        ? withCases(
            `Afastamento de ${member.name} registrado (${leavePtBr(member.leave)}).${unsupervisedHint(member, team)}`,
          )
        : undefined;
    case 'return':
      return { text: `Afastamento de ${member.name} encerrado.` };
    case 'activate':
      return { text: `${member.name} está ativo(a).` };
    case 'deactivate':
      return withCases(`${member.name} está inativo(a).`);
    case 'signout':
      return { text: `Sessões de ${member.name} encerradas: para usar o console, é preciso entrar de novo.` };
  }
}

/** Why an address may have one active member only (domain/staff.ts activeHolderOf). */
function sharedAddressPt(holder: Analyst): string {
  return `O e-mail ${holder.email} já é de ${holder.name} (${holder.id}), ativo(a) na equipe: dois cadastros ativos com o mesmo e-mail não podem responder casos por e-mail. Desative ${holder.id} antes.`;
}

/** Why an address or id cannot be a new member's (domain/staff.ts newMemberProblem), in pt-BR. */
function newMemberProblemPt(id: string, email: string, rules: RosterRules): string | undefined {
  switch (newMemberProblem(id, email, rules)) {
    case 'office-address':
      return `O e-mail ${email} é um endereço da própria Ouvidoria: os avisos a essa pessoa voltariam como mensagens recebidas. Use o e-mail de trabalho dela.`;
    case 'supervisor-id':
      return `O id ${id} é de uma pessoa da supervisão na configuração, com outro e-mail: quem fosse adicionado com ele agiria como supervisão. Escolha outro id.`;
    case undefined:
      return undefined;
  }
}

/**
 * One roster change from the page's form; the pt-BR message to show (a refusal's) and who changed.
 * `now`: the sessions' (wall) clock (ending a member's sessions refuses every token issued until then).
 * `rules`: the configuration (the office's addresses, the supervisors' ids).
 */
export async function changeRoster(
  form: URLSearchParams,
  staff: StaffRepository,
  now: Date,
  rules: RosterRules,
): Promise<{ ok: boolean; text: string; op: string; id: string }> {
  const op = form.get('op') ?? '';
  const id = (form.get('pessoa') ?? '').trim().toLowerCase();
  const refused = (text: string) => ({ ok: false, text, op, id });
  const done = (member: Analyst) => ({ ok: true, text: rosterNotice(op, member)?.text ?? '', op, id });
  if (!STAFF_ID.test(id)) return refused('Id inválido.');
  if (op === 'add') {
    const name = (form.get('nome') ?? '').trim();
    const email = (form.get('email') ?? '').trim().toLowerCase();
    if (!isStaffName(name) || email.length > MAX_ADDRESS_CHARS || !EMAIL.test(email))
      return refused('Informe nome e e-mail válidos.');
    const problem = newMemberProblemPt(id, email, rules);
    if (problem) return refused(problem);
    const holder = activeHolderOf(await staff.list(), email);
    if (holder) return refused(sharedAddressPt(holder));
    const member: Analyst = { id, name, email, active: true, openCases: 0 };
    // One conditional write: two supervisors adding the same id at once cannot both succeed.
    if (!(await staff.add({ id, name, email, active: true }))) return refused(`Já existe alguém com o id ${id}.`);
    return done(member);
  }
  const current = await staff.get(id);
  const gone = refused(`Não há ninguém com o id ${id}.`);
  if (!current) return gone;
  // Each change writes only its own field: two supervisors at once do not undo each other.
  switch (op) {
    case 'leave': {
      const from = form.get('de') ?? '';
      const to = form.get('ate') ?? '';
      if (!isIsoDate(from) || !isIsoDate(to) || from > to) return refused('Informe um período válido.');
      if (!(await staff.update(id, { leave: { from, to } }))) return gone;
      return done({ ...current, leave: { from, to } });
    }
    case 'return':
      if (!(await staff.update(id, { leave: null }))) return gone;
      return done(current);
    case 'activate':
    case 'deactivate': {
      const holder = op === 'activate' ? activeHolderOf(await staff.list(), current.email, id) : undefined;
      if (holder) return refused(sharedAddressPt(holder));
      if (!(await staff.update(id, { active: op === 'activate' }))) return gone;
      return done(current);
    }
    case 'signout': {
      // Every device: tokens issued until now, on an issuer clock up to the allowance ahead too.
      const at = sessionsEndAt(new Date(now.getTime() + SESSION_CLOCK_SKEW_SECONDS * 1000));
      if (!(await staff.endSessions(id, at))) return gone;
      return done(current);
    }
    default:
      return refused('Ação desconhecida.');
  }
}
