/**
 * The staff console's pages (pt-BR, server-rendered, no script). Every value that comes from a
 * merchant, a mail or a staff member goes through `html\`…\`` (escaped); forms carry the CSRF token.
 */
import { encryptedMail, encryptedStaffPt, type MailEncryption } from '../domain/encrypted-mail';
import { MERCHANT_BOUNCING_PT } from '../domain/lifecycle/messages';
import { countOf } from '../domain/count';
import { MISSING_ATTACHMENT_STAFF_PT, NO_TEXT_STAFF_PT, ticketCheckPt } from '../domain/assignment';
import { attachmentMissing } from '../domain/attachment-mention';
import { OUTCOME_LABELS_PT } from '../domain/outcome';
import { replyOutcomePt } from '../domain/reply-outcome';
import { humanSize } from '../domain/byte-size';
import { CASE_STATUSES, type CaseStatus, positionsBetween, type TextsShown } from '../domain/case';
import { randomUUID } from 'node:crypto';
import { html, raw, type SafeHtml } from '../domain/html';
import { ruleLabel } from '../domain/eligibility/rule-descriptions';
import { releasedFromQuarantinePt } from '../domain/released-words';
import { RELEASE_REFUSED_PT } from '../domain/quarantine-release';
import { isAutomaticMail, situationPt } from '../domain/automatic-mail';
import { CITED_BY_WHY_PT, citedByPt } from '../domain/cited-by-words';
import { calendarDayPtBr, extensionDaysHint, caseOverdue, OVERDUE_MARK_PT } from '../domain/lifecycle/deadlines';
import { AWAITED_MAX_CHARS, assignedEvent } from '../domain/lifecycle/machine';
import { officeSubject } from '../domain/lifecycle/status-page';
import {
  CLOSE_CATEGORIES,
  CLOSE_CATEGORY_LABELS_PT,
  type HistoryEvent,
  OPEN_STATUSES,
  refusalReasonsPt,
  STATUS_LABELS_PT,
  type SummarisedCounts,
  type WorkCase,
} from '../domain/lifecycle/types';
import { OUTCOMES } from '../domain/outcome';
import type { AttachmentMeta, Channel } from '../domain/submission';
import { type AttachmentLinkMap, isLinkable } from '../domain/uploads/download';
import { SCAN_LABELS } from '../domain/uploads/plan';
import type { SurveyAnswer } from '../app/lifecycle/ports';
import { CSRF_FIELD, type ConsoleAction, type ConsoleUser, visibleStatuses } from './access';
import type { CasePage } from './ports';
import { CASES_PATH, SIGN_OUT_PATH } from './routes';
import { CONSOLE_CSS } from './styles';
import { FAVICON_LINK } from '../webform/favicon';

export const LIST_STATUSES: readonly CaseStatus[] = CASE_STATUSES;

/**
 * The list's views beside one status: every case someone has to work (the first view: unassigned
 * in the queue, then ASSIGNED, IN_PROGRESS and WAITING_MERCHANT — the open statuses), or all.
 */
export const OPEN_VIEW = 'abertos';
export const ALL_VIEW = 'todos';
export type ListView = typeof OPEN_VIEW | typeof ALL_VIEW | CaseStatus;
export const OPEN_LIST_STATUSES: readonly CaseStatus[] = ['QUEUED', ...OPEN_STATUSES];

/** The view a `status=` parameter names (anything else: the open cases). */
export function listViewOf(param: string | null): ListView {
  if (param === ALL_VIEW) return ALL_VIEW;
  return LIST_STATUSES.find((s) => s === param) ?? OPEN_VIEW;
}

/** The statuses a view lists. */
export function statusesOf(view: ListView): readonly CaseStatus[] {
  if (view === OPEN_VIEW) return OPEN_LIST_STATUSES;
  if (view === ALL_VIEW) return LIST_STATUSES;
  return [view];
}

export interface PageFrame {
  basePath: string;
  timeZone: string;
  user?: ConsoleUser;
  /** The signed-in person's name on the roster (the header shows it; the id without it). */
  userName?: string;
  csrf?: string;
}

const ROLE_PT = { analyst: 'analista', supervisor: 'supervisão' } as const;

export function formatInstant(iso: string | undefined, timeZone: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return new Intl.DateTimeFormat('pt-BR', { dateStyle: 'short', timeStyle: 'short', timeZone }).format(d);
}

/**
 * A table wider than a phone scrolls inside its own box, not the whole page: a region with a name,
 * reachable by keyboard so it can be scrolled with the arrow keys.
 */
export function wideTable(label: string, table: SafeHtml): SafeHtml {
  return html`<div class="tabela" role="region" aria-label="${label}" tabindex="0">${table}</div>`;
}

/**
 * A page's title after an action: "Erro:" first when it was refused (as the webform's), else what it
 * did, then the page's own. The page after a form post is a new load, announced by its title; its
 * status line no screen reader says.
 */
export function titleAfter(
  title: string,
  said: { notice?: string | undefined; problem?: string | undefined } = {},
): string {
  return said.problem ? `Erro: ${title}` : said.notice ? `${said.notice} · ${title}` : title;
}

export function layout(frame: PageFrame, title: string, body: SafeHtml): string {
  const b = frame.basePath;
  const who = frame.user
    ? html`<span>${frame.userName?.trim() || frame.user.staffId} (${ROLE_PT[frame.user.role]})</span>
        <form method="post" action="${b}${SIGN_OUT_PATH}"><input type="hidden" name="${CSRF_FIELD}" value="${frame.csrf ?? ''}"><button class="secondary" type="submit">Sair</button></form>`
    : '';
  return html`<!doctype html>
<html lang="pt-BR"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Ouvidoria · Equipe</title>${raw(FAVICON_LINK)}<style>${raw(CONSOLE_CSS)}</style></head>
<body><a class="skip" href="#conteudo">Pular para o conteúdo</a>
<header><nav aria-label="Console da equipe"><a href="${b}${CASES_PATH}">Ouvidoria · Casos</a>${frame.user?.role === 'supervisor' ? html` · <a href="${b}/equipe/pessoas">Equipe</a> · <a href="${b}/equipe/quarentena">Quarentena</a>` : ''}</nav>${who}</header>
<main id="conteudo">${body}</main></body></html>`.value;
}

export function errorPage(frame: PageFrame, title: string, message: string, signIn?: string): string {
  return layout(
    frame,
    title,
    html`<h1>${title}</h1><p class="problem" role="alert">${message}</p>
    ${
      // Signed out, the list is no way back: it leads to the sign-in again.
      signIn
        ? html`<p><a href="${signIn}">Entrar</a></p>`
        : html`<p><a href="${frame.basePath}${CASES_PATH}">Voltar à lista de casos</a></p>`
    }`,
  );
}

/** What a form posted after the session ended held: her text, and its other fields as she filled them. */
export interface UnsentForm {
  text: string | null;
  fields: { label: string; value: string }[];
}

/**
 * The console forms' fields besides her text (the case's actions, the roster's), by name: the label the
 * session-over page gives each, and how a value reads (null: not shown, as an unticked box).
 */
const UNSENT_FIELDS_PT: [name: string, label: string, read?: (value: string) => string | null][] = [
  ['aguardar', 'Aguardar o lojista depois de enviar', (v) => (v === '1' ? 'sim' : null)],
  ['aguardando', 'O que se aguarda'],
  ['dias', 'Dias úteis da prorrogação'],
  ['motivo', 'Motivo da prorrogação'],
  ['para', 'Transferir para'],
  ['categoria', 'Resultado do encerramento', (v) => closeCategoryPt(v)],
  ['resumo', 'Resumo do encerramento'],
  ['pessoa', 'Id da pessoa'],
  ['nome', 'Nome'],
  ['email', 'E-mail'],
  ['de', 'Afastamento de'],
  ['ate', 'Afastamento até'],
];

/** A close category's label; anything else as it came (it is escaped where shown). */
function closeCategoryPt(value: string): string {
  const category = CLOSE_CATEGORIES.find((k) => k === value);
  return category ? CLOSE_CATEGORY_LABELS_PT[category] : value;
}

/** A posted form → what the session-over page shows back; null when she filled in nothing. */
export function unsentForm(form: URLSearchParams): UnsentForm | null {
  const text = (form.get('texto') ?? '').trim();
  const fields: UnsentForm['fields'] = [];
  for (const [name, label, read] of UNSENT_FIELDS_PT) {
    const posted = (form.get(name) ?? '').trim();
    const value = posted === '' ? null : read ? read(posted) : posted;
    if (value) fields.push({ label, value });
  }
  return text === '' && fields.length === 0 ? null : { text: text || null, fields };
}

/**
 * A form posted after the session ended (expired, signed out, cookie gone): nothing was done. What she
 * wrote is shown back to copy (an answer typed for half an hour is not lost), and what she chose in
 * the form's other fields (the "aguardar" box, a transfer's target, an extension's days), escaped; the
 * way in is the console's entry, which starts the sign-in properly and comes back to the case.
 */
export function sessionOverPage(frame: PageFrame, message: string, signIn: string, kept: UnsentForm | null): string {
  return layout(
    frame,
    'Sessão encerrada',
    html`<h1>Sessão encerrada</h1><p class="problem" role="alert">${message}</p>
    ${
      kept
        ? html`<p>Nada foi enviado nem registrado. Copie o que você preencheu antes de entrar de novo:</p>
    ${kept.text !== null ? html`<label for="texto-guardado">Seu texto (não enviado)</label><textarea id="texto-guardado" readonly>${kept.text}</textarea>` : ''}
    ${kept.fields.length > 0 ? html`<dl class="unsent">${kept.fields.map((f) => html`<dt>${f.label}</dt><dd>${f.value}</dd>`)}</dl>` : ''}`
        : ''
    }
    <p><a href="${signIn}">Entrar de novo</a></p>`,
  );
}

export interface ListQuery {
  status: ListView;
  analyst?: string;
  outcome?: string;
  overdue?: boolean;
  q?: string;
  cursor?: string;
}

export function listQueryString(q: ListQuery, cursor?: string): string {
  const params = new URLSearchParams({ status: q.status });
  if (q.analyst) params.set('analista', q.analyst);
  if (q.outcome) params.set('resultado', q.outcome);
  if (q.overdue) params.set('atrasados', '1');
  if (q.q) params.set('busca', q.q);
  if (cursor) params.set('pagina', cursor);
  return params.toString();
}

export interface ListExtras {
  notice?: string;
  /** The confirmation of an action done (a transfer that took the case out of the user's sight). */
  done?: string;
  /** Names of the analysts of the listed cases, by roster id (the id without it). */
  staffNames?: ReadonlyMap<string, string>;
  /** The roster, for the supervisor's analyst filter (a list of names; without it, an id to type). */
  team?: ReadonlyArray<{ id: string; name: string }>;
  /** Queued cases' dates their acknowledgement promised (promisedDueAt), by case id. */
  promisedDueAt?: ReadonlyMap<string, string>;
  /** Queued cases waiting for office hours: when they will be assigned (queuedAssignmentAt), by case id. */
  assignsAt?: ReadonlyMap<string, string>;
  /**
   * Analysts on leave today, by roster id, with the leave's last day (ISO date): a supervisor sees
   * whose cases wait on someone away, to transfer them.
   */
  away?: ReadonlyMap<string, string>;
}

/** The list's page. */
export function casesPage(
  frame: PageFrame,
  query: ListQuery,
  page: CasePage,
  now: Date,
  extras: ListExtras = {},
): string {
  const { notice, done, staffNames, team, promisedDueAt, assignsAt, away } = extras;
  const awayUntil = (id: string) => {
    const until = away?.get(id);
    return until ? `em afastamento até ${calendarDayPtBr(until)}` : undefined;
  };
  const b = frame.basePath;
  const supervisor = frame.user?.role === 'supervisor';
  // The statuses this user may list: an analyst is never offered held mail she can never see.
  const shown = frame.user ? visibleStatuses(frame.user, LIST_STATUSES) : LIST_STATUSES;
  const option = (value: string, label: string, selected: boolean) =>
    html`<option value="${value}"${selected ? html` selected` : ''}>${label}</option>`;
  const rows = page.items.map((c) => {
    const promised = c.dueAt === undefined ? promisedDueAt?.get(c.caseId) : undefined;
    const dueAt = c.dueAt ?? promised;
    const overdue = caseOverdue({ status: c.status, dueAt }, now);
    return html`<tr><td><a href="${b}/equipe/caso/${encodeURIComponent(c.caseId)}">${c.protocol ?? 'sem protocolo'}</a></td>
      <td>${c.senderName ? html`${c.senderName}<br>` : ''}${c.senderEmail}</td><td>${c.subject}</td>
      <td>${situationPt({ status: c.status, automatic: c.automatic === true })}</td><td>${c.assignee ? html`${staffNames?.get(c.assignee) ?? c.assignee}${awayUntil(c.assignee) ? html`<br><small>${awayUntil(c.assignee)}</small>` : ''}` : html`sem analista${assignsAtLine(assignsAt?.get(c.caseId), frame.timeZone, html`<br>`)}`}</td>
      <td${overdue ? html` class="overdue"` : ''}>${formatInstant(dueAt, frame.timeZone)}${overdue ? OVERDUE_MARK_PT : ''}${promised ? html`<br><small>informado ao lojista</small>` : ''}</td></tr>`;
  });
  return layout(
    frame,
    // What an action did (the list after a discard, a release) first: said as the page loads.
    [done, notice, 'Casos'].filter(Boolean).join(' · '),
    html`<h1>Casos</h1>${done ? html`<p class="notice" role="status">${done}</p>` : ''}${notice ? html`<p class="problem" role="status">${notice}</p>` : ''}
<form method="get" action="${b}${CASES_PATH}" class="filters" aria-label="Filtros">
  <div><label for="f-status">Situação</label><select id="f-status" name="status">${option(OPEN_VIEW, 'Em aberto (na fila e em atendimento)', query.status === OPEN_VIEW)}${shown.map((s) => option(s, STATUS_LABELS_PT[s], s === query.status))}${option(ALL_VIEW, 'Todos', query.status === ALL_VIEW)}</select></div>
  ${
    !supervisor
      ? ''
      : team
        ? html`<div><label for="f-analista">Analista</label><select id="f-analista" name="analista">${option('', 'Todas as pessoas', !query.analyst)}${team.map((m) => option(m.id, awayUntil(m.id) ? `${m.name} (${awayUntil(m.id)})` : m.name, m.id === query.analyst))}</select></div>`
        : html`<div><label for="f-analista">Analista</label><input id="f-analista" name="analista" value="${query.analyst ?? ''}" autocomplete="off"></div>`
  }
  <div><label for="f-resultado">Resultado</label><select id="f-resultado" name="resultado">${option('', 'Todos', !query.outcome)}${OUTCOMES.map((o) => option(o, OUTCOME_LABELS_PT[o], o === query.outcome))}</select></div>
  <div><label for="f-atrasados"><input id="f-atrasados" type="checkbox" name="atrasados" value="1"${query.overdue ? html` checked` : ''}> Somente atrasados</label></div>
  <div><label for="f-busca">Protocolo ou e-mail do lojista</label><input id="f-busca" name="busca" value="${query.q ?? ''}" autocomplete="off"></div>
  <div><button type="submit">Filtrar</button></div>
</form>
${
  page.items.length === 0
    ? html`<p>Nenhum caso encontrado.</p>`
    : wideTable(
        'Casos',
        html`<table><caption>${countOf(page.items.length, 'caso', 'casos')} nesta página</caption>
<thead><tr><th scope="col">Protocolo</th><th scope="col">Lojista</th><th scope="col">Assunto</th><th scope="col">Situação</th><th scope="col">Analista</th><th scope="col">Prazo</th></tr></thead>
<tbody>${rows}</tbody></table>`,
      )
}
${page.next ? html`<p><a href="${b}${CASES_PATH}?${listQueryString(query, page.next)}" rel="next">Próxima página</a></p>` : ''}`,
  );
}

/** A roster id as people read it: the person's name when the roster has it (the id otherwise). */
type NameOf = (staffId: string) => string;

/** Labels of the events a `summarised` line counts (history-budget.ts SUMMARISED_TYPES). */
const SUMMARISED_LABELS_PT: Record<keyof SummarisedCounts, [string, string]> = {
  'merchant-replied': ['resposta do lojista', 'respostas do lojista'],
  refused: ['ação recusada', 'ações recusadas'],
  'reminder-sent': ['lembrete de prazo', 'lembretes de prazo'],
  escalated: ['aviso de prazo vencido', 'avisos de prazo vencido'],
};

/** "registro resumido: 1.480 respostas do lojista, 3 ações recusadas (de … a …); as mensagens seguem acima". */
function summarisedLine(counts: SummarisedCounts, from: string, to: string, timeZone: string): string {
  const parts = (Object.keys(SUMMARISED_LABELS_PT) as Array<keyof SummarisedCounts>)
    .filter((type) => (counts[type] ?? 0) > 0)
    .map((type) => countOf(counts[type] as number, ...SUMMARISED_LABELS_PT[type]));
  return `registro resumido para caber no limite do caso: ${parts.join(', ')} (de ${formatInstant(from, timeZone)} a ${formatInstant(to, timeZone)}); as mensagens do lojista seguem guardadas na íntegra`;
}

function historyLine(e: HistoryEvent, timeZone: string, nameOf: NameOf): SafeHtml {
  const who = e.actor.kind === 'staff' ? nameOf(e.actor.id) : e.actor.kind === 'merchant' ? 'lojista' : 'sistema';
  const what = (() => {
    switch (e.type) {
      case 'assigned':
        return `atribuído a ${nameOf(e.analystId)}`;
      case 'answered':
        return 'resposta enviada ao lojista';
      case 'waiting-merchant':
        return e.awaiting ? `aguardando o lojista: ${e.awaiting}` : 'aguardando o lojista';
      case 'merchant-replied':
        return 'o lojista respondeu';
      case 'reopened':
        return 'reaberto';
      case 'survey-answered':
        return `pesquisa de satisfação respondida ${e.via === 'email' ? 'por e-mail' : 'na página da pesquisa'}: nota ${e.score} de 5${e.commented ? ', com comentário' : ''}`;
      case 'note':
        return 'nota interna';
      case 'transferred':
        return `transferido de ${nameOf(e.from)} para ${nameOf(e.to)}`;
      case 'extended':
        return `prazo prorrogado em ${countOf(e.businessDays, 'dia útil', 'dias úteis')}: ${e.reason}`;
      case 'closed':
        return `encerrado (${CLOSE_CATEGORY_LABELS_PT[e.category]})${e.summary ? `: ${e.summary}` : ''}`;
      case 'refused':
        return `ação recusada${e.commands.length ? ` (${e.commands.join('; ')})` : ''}: ${refusalReasonsPt(e).join(' ')}`;
      case 'reminder-sent':
        return 'lembrete de prazo enviado';
      case 'escalated':
        if (e.unattended === 'on-leave') return 'prazo vencido: supervisão avisada, mas toda de licença hoje';
        if (e.unattended === 'none') return 'prazo vencido: nenhuma supervisão ativa no cadastro, ninguém foi avisado';
        return 'prazo vencido: supervisão avisada';
      case 'quarantine-discarded':
        return 'quarentena: descartado';
      case 'quarantine-release-refused':
        return `quarentena: liberação pedida por ${nameOf(e.requestedBy)} recusada pela triagem: ${RELEASE_REFUSED_PT[e.reason] ?? e.reason}`;
      case 'quarantine-released':
        if (!e.joined)
          return `quarentena: liberado para a triagem (novo resultado: ${OUTCOME_LABELS_PT[e.outcome] ?? e.outcome})`;
        return e.joined.via === 'thread'
          ? `quarentena: liberado e juntado ao caso ${e.joined.protocol ?? e.joined.caseId}, do mesmo remetente, cuja conversa a mensagem continua`
          : `quarentena: liberado e juntado ao caso ${e.joined.protocol ?? e.joined.caseId}, aberto do mesmo remetente sobre o mesmo chamado`;
      case 'summarised':
        return summarisedLine(e.counts, e.from, e.to, timeZone);
    }
  })();
  return html`<li><time datetime="${e.at}">${formatInstant(e.at, timeZone)}</time> — ${who}: ${what}</li>`;
}

/**
 * A queued case waiting for office hours says when it will be assigned: the team saw "Na fila" and
 * "sem analista" at night with no word of the morning's assignment.
 */
function assignsAtLine(at: string | undefined, tz: string, before: SafeHtml | string): SafeHtml | '' {
  return at ? html`${before}<small>será atribuído em ${formatInstant(at, tz)}, na abertura do expediente</small>` : '';
}

/**
 * A message that came out of quarantine says so where the analyst reads it, as her mails do (one
 * text, released-words.ts): her mail released into this case (`released` on the message), or the
 * first message of a case a release opened (the record's review). Before, only the mails said it.
 */
function releaseLine(c: WorkCase, index: number, nameOf: NameOf, tz: string): SafeHtml | '' {
  const m = c.messages[index];
  const release =
    m?.released ??
    (index === 0 && c.reviewOutcome === 'released' && c.reviewedBy
      ? { by: c.reviewedBy, at: c.reviewedAt }
      : undefined);
  return release ? html`<p><strong>${releasedFromQuarantinePt(nameOf(release.by), release.at, tz)}</strong></p>` : '';
}

/**
 * The case's history as the page shows it. Cases assigned by the assignment function before it
 * wrote its `assigned` event carry the assignment only in `assignee`/`assignedAt`: read back from
 * those while no transfer has since overwritten them (a transfer sets `assignedAt` again, and the
 * first instant is then unknown: no entry rather than a wrong one).
 */
export function historyOf(c: WorkCase): HistoryEvent[] {
  const history = c.history ?? [];
  const untouched = !history.some((e) => e.type === 'assigned' || e.type === 'transferred');
  if (!untouched || !c.assignee || !c.assignedAt) return history;
  const assigned = assignedEvent(c.assignee, c.assignedAt, c.dueAt ?? '');
  // Before the first event at or after it (events are appended in time order).
  const i = history.findIndex((e) => e.at > assigned.at);
  return i < 0 ? [...history, assigned] : [...history.slice(0, i), assigned, ...history.slice(i)];
}

/**
 * The case page shows at most this many messages (the newest, or those before `messagesBefore`),
 * with links to the older and newer ones: a case of hundreds of long messages made a page past the
 * 6 MB a Lambda function may answer, and the analyst got an error instead of the case.
 */
export const CASE_PAGE_MESSAGES = 50;

/** The query parameter of the case page naming where its message list ends (the older pages). */
export const MESSAGES_BEFORE_PARAM = 'anteriores';

export interface CaseView {
  c: WorkCase;
  /** Show the messages before this position (0-based, exclusive); absent: the newest. */
  messagesBefore?: number;
  survey: SurveyAnswer | null;
  /** Actions this user may take on this case (shown as forms). */
  actions: ReadonlySet<ConsoleAction>;
  /** No due date yet (waiting for its analyst): the one the acknowledgement gave the merchant. */
  promisedDueAt?: string;
  /** Waiting in the queue for office hours: when it will be assigned (queuedAssignmentAt). */
  assignsAt?: string;
  /** The longest extension (config.lifecycle.maxExtensionBusinessDays): the form's limit and hint. */
  maxExtensionBusinessDays?: number;
  notice?: string;
  problem?: string;
  /** Links of the clean webform files, by object key (issue 19): the console's file route (routes.ts). */
  attachmentLinks?: AttachmentLinkMap;
  /** Names of the staff the case mentions, by roster id. */
  staffNames?: ReadonlyMap<string, string>;
  /**
   * Who the case may go to (active roster members but its analyst), for the transfer form's list;
   * absent (no roster on this deployment): the form asks for the id.
   */
  team?: ReadonlyArray<{ id: string; name: string }>;
  /** The records whose mail cited this case without joining it (CaseRecord.citedBy) that this user may open. */
  citedBy?: ReadonlyArray<CitingRecord>;
  /** The merchant's address is in the bounce memory: our mail to it came back (or was reported as spam). */
  merchantBouncing?: true;
  /** The form the page refused (`problem`), shown filled in again: nothing the analyst wrote is lost. */
  draft?: CaseDraft;
}

/** A refused form's action and the values it carried, by field name. */
export interface CaseDraft {
  action: ConsoleAction;
  fields: Readonly<Record<string, string>>;
}

/** A record that cited the case, as its page lists it. */
export interface CitingRecord {
  caseId: string;
  protocol?: string;
  senderEmail: string;
  subject: string;
  createdAt: string;
}

/** A file of a message: name, type, size, scan result, and a link only for a clean webform file. */
function attachmentLine(a: AttachmentMeta, links: AttachmentLinkMap): SafeHtml {
  const link = isLinkable(a) ? links[a.key] : undefined;
  const name = a.filename?.trim() ? a.filename : '(sem nome)';
  return html`<li>${link ? html`<a href="${link}" rel="noopener noreferrer" download>${name}</a>` : name} (${a.contentType}, ${humanSize(a.size)})${a.scan ? ` — ${SCAN_LABELS[a.scan]}` : ''}</li>`;
}

/** The mails that cited the case without joining it, each linked: the other side of "Caso citado". */
function citedByRow(citing: CaseView['citedBy'], b: string, tz: string): SafeHtml | '' {
  if (!citing?.length) return '';
  const items = citing.map(
    (r) =>
      html`<li><a href="${b}/equipe/caso/${encodeURIComponent(r.caseId)}">${r.protocol ?? `mensagem de ${formatInstant(r.createdAt, tz)}`}</a> — ${r.senderEmail}: ${r.subject || '(sem assunto)'}</li>`,
  );
  return html`<dt>Citado por</dt><dd>${citedByPt(citing.length)} (${CITED_BY_WHY_PT}):<ul>${items}</ul></dd>`;
}

/** The extension form's days: the label says the range, the field refuses what the office would. */
function extensionDaysField(max: number | undefined, days: string): SafeHtml {
  const value = days ? html` value="${days}"` : '';
  if (max === undefined)
    return html`<label for="e-dias">Dias úteis</label><input id="e-dias" name="dias" type="number" min="1" required${value}>`;
  return html`<label for="e-dias">Dias úteis (${extensionDaysHint(max)})</label><input id="e-dias" name="dias" type="number" min="1" max="${String(max)}" required${value}>`;
}

/** The merchant's earlier submission the case answers (her answer to our guidance): linked for the team. */
function relatedRows(c: CaseView['c'], b: string): SafeHtml[] {
  if (!c.answersSubmissionId) return [];
  const link = html`<a href="${b}/equipe/caso/${encodeURIComponent(c.answersSubmissionId)}">ver o que ele escreveu antes</a>`;
  return [html`<dt>Mensagem anterior</dt><dd>O lojista respondeu à orientação que recebeu: ${link}</dd>`];
}

/** The messages the page lists: [start, end) of the case's, at most CASE_PAGE_MESSAGES. */
function messageWindow(total: number, before: number | undefined): { start: number; end: number; total: number } {
  const end = before === undefined || !Number.isInteger(before) || before < 1 ? total : Math.min(before, total);
  return { start: Math.max(0, end - CASE_PAGE_MESSAGES), end, total };
}

/** The texts the case page shows (its window of messagesBefore): all the console reads of them. */
export function casePageTexts(messagesBefore: number | undefined): TextsShown {
  return ({ messages }) => {
    const w = messageWindow(messages.length, messagesBefore);
    return positionsBetween(w.start, w.end, w.total);
  };
}

/** Which messages the page lists, and the links to the older and the newer ones (none when all are listed). */
function messagePager(c: WorkCase, w: { start: number; end: number; total: number }, basePath: string) {
  if (w.start === 0 && w.end === w.total) return '';
  const page = `${basePath}/equipe/caso/${encodeURIComponent(c.caseId)}`;
  const older =
    w.start > 0 ? html` <a href="${page}?${MESSAGES_BEFORE_PARAM}=${String(w.start)}">Mensagens anteriores</a>` : '';
  const newer = w.end < w.total ? html` <a href="${page}">Mensagens mais recentes</a>` : '';
  return html`<p>Mensagens ${String(w.start + 1)} a ${String(w.end)} de ${String(w.total)}.${older}${newer}</p>`;
}

/** The automatic reply's fate (reply-outcome.ts), with the recorded reason id when it did not go. */
function replyLine(c: CaseView['c'], tz: string, bouncing: boolean): SafeHtml {
  const line = replyOutcomePt(c, (iso) => formatInstant(iso, tz), bouncing);
  return html`<p>Resposta automática: ${line.text}${line.reason ? html` <code>${line.reason}</code>` : ''}</p>`;
}

/** The case page's warning when the merchant's address is in the bounce memory. */
const BOUNCING_PT = MERCHANT_BOUNCING_PT;
/** How a merchant's message came in: a form post is no mail (there is no mailbox to read it back from). */
const RECEIVED_VIA_PT: Record<Channel, string> = {
  email: 'Recebida do lojista por e-mail',
  webform: 'Recebida do lojista pelo formulário',
};

export function casePage(frame: PageFrame, view: CaseView, now: Date): string {
  const { c, survey, actions } = view;
  const nameOf: NameOf = (id) => view.staffNames?.get(id) ?? id;
  const tz = frame.timeZone;
  const b = frame.basePath;
  const title = c.protocol ?? 'Caso sem protocolo';
  // A case still waiting for its analyst is late by the date the merchant was told.
  const overdue = caseOverdue({ status: c.status, dueAt: c.dueAt ?? view.promisedDueAt }, now);
  const notes = (c.history ?? []).filter((e): e is Extract<HistoryEvent, { type: 'note' }> => e.type === 'note');
  const window = messageWindow(c.messages.length, view.messagesBefore);
  const ticket = c.decision.ticket;
  const action = `${b}/equipe/caso/${encodeURIComponent(c.caseId)}/acao`;
  const hidden = (kind: string) =>
    html`<input type="hidden" name="${CSRF_FIELD}" value="${frame.csrf ?? ''}"><input type="hidden" name="acao" value="${kind}"><input type="hidden" name="id" value="${randomUUID()}">`;
  // The refused form's values (view.draft) go back into that form only.
  const draft = (kind: ConsoleAction, name: string): string =>
    view.draft?.action === kind ? (view.draft.fields[name] ?? '') : '';
  const value = (kind: ConsoleAction, name: string) => {
    const v = draft(kind, name);
    return v ? html` value="${v}"` : '';
  };
  // A form the page refused (a problem with its draft) says why inside itself, tied to its fields'
  // group, and the alert at the top of the long page links to it: on a phone it is screens away.
  const refusedKind = view.problem && view.draft ? view.draft.action : undefined;
  const open = (kind: ConsoleAction, legend: string) =>
    refusedKind === kind
      ? html`<form method="post" action="${action}" id="acao-${kind}"><fieldset aria-describedby="problema-acao"><legend>${legend}</legend><p class="problem" id="problema-acao">${view.problem}</p>${hidden(kind)}`
      : html`<form method="post" action="${action}" id="acao-${kind}"><fieldset><legend>${legend}</legend>${hidden(kind)}`;
  const forms: SafeHtml[] = [];
  if (actions.has('answer'))
    forms.push(html`${open('answer', 'Responder ao lojista')}
      <label for="a-texto">Resposta (enviada pelo endereço da Ouvidoria)</label><textarea id="a-texto" name="texto" required>${draft('answer', 'texto')}</textarea>
      <label for="a-aguardar"><input id="a-aguardar" type="checkbox" name="aguardar" value="1"${draft('answer', 'aguardar') === '1' ? html` checked` : ''}> Aguardar o lojista depois de enviar</label>
      <button type="submit">Enviar resposta</button></fieldset></form>`);
  if (actions.has('note'))
    forms.push(html`${open('note', 'Nota interna')}
      <label for="n-texto">Nota (não é enviada ao lojista)</label><textarea id="n-texto" name="texto" required>${draft('note', 'texto')}</textarea>
      <button type="submit">Registrar nota</button></fieldset></form>`);
  if (actions.has('wait'))
    forms.push(html`${open('wait', 'Aguardar o lojista')}
      <label for="w-aguardando">O que se aguarda (opcional; fica só no histórico)</label><input id="w-aguardando" name="aguardando" maxlength="${AWAITED_MAX_CHARS}"${value('wait', 'aguardando')}>
      <button type="submit">Marcar como aguardando o lojista</button></fieldset></form>`);
  if (actions.has('extend'))
    forms.push(html`${open('extend', 'Prorrogar o prazo')}
      ${extensionDaysField(view.maxExtensionBusinessDays, draft('extend', 'dias'))}
      <label for="e-motivo">Motivo (enviado ao lojista)</label><input id="e-motivo" name="motivo" required${value('extend', 'motivo')}>
      <button type="submit">Prorrogar</button></fieldset></form>`);
  if (actions.has('transfer'))
    forms.push(html`${open('transfer', 'Transferir')}
      ${
        view.team
          ? html`<label for="t-para">Para</label><select id="t-para" name="para" required><option value="">Escolha a pessoa</option>${view.team.map((m) => html`<option value="${m.id}"${draft('transfer', 'para') === m.id ? html` selected` : ''}>${m.name} (${m.id})</option>`)}</select>`
          : html`<label for="t-para">Analista (id)</label><input id="t-para" name="para" required autocomplete="off"${value('transfer', 'para')}>`
      }
      <label for="t-nota">Nota para quem recebe (opcional)</label><textarea id="t-nota" name="texto">${draft('transfer', 'texto')}</textarea>
      <button type="submit">Transferir</button></fieldset></form>`);
  if (actions.has('close'))
    forms.push(html`${open('close', 'Encerrar o caso')}
      <label for="c-cat">Resultado</label><select id="c-cat" name="categoria">${CLOSE_CATEGORIES.map((k) => html`<option value="${k}"${draft('close', 'categoria') === k ? html` selected` : ''}>${CLOSE_CATEGORY_LABELS_PT[k]}</option>`)}</select>
      <label for="c-resumo">Resumo (enviado ao lojista)</label><input id="c-resumo" name="resumo" required${value('close', 'resumo')}>
      <label for="c-texto">Mensagem ao lojista (opcional; vai com a pesquisa de satisfação)</label><textarea id="c-texto" name="texto">${draft('close', 'texto')}</textarea>
      <button type="submit">Encerrar</button></fieldset></form>`);

  return layout(
    frame,
    titleAfter(title, view),
    html`<h1>${title}</h1>
${view.notice ? html`<p class="notice" role="status">${view.notice}</p>` : ''}
${view.problem ? html`<p class="problem" role="alert">${view.problem}${refusedKind ? html` <a href="#acao-${refusedKind}">Ir para o formulário</a>` : ''}</p>` : ''}
<dl>
  <dt>Situação</dt><dd>${situationPt({ status: c.status, automatic: isAutomaticMail(c) })}</dd>
  <dt>Lojista</dt><dd>${c.senderName ? `${c.senderName} · ` : ''}${c.senderEmail}${c.storeName ? ` · ${c.storeName}` : ''}${view.merchantBouncing ? html`<p class="problem">${BOUNCING_PT}</p>` : ''}</dd>
  <dt>Assunto</dt><dd>${c.subject}</dd>
  <dt>Analista</dt><dd>${c.assignee ? nameOf(c.assignee) : html`sem analista${assignsAtLine(view.assignsAt, tz, ' — ')}`}</dd>
  <dt>Recebido em</dt><dd>${formatInstant(c.createdAt, tz)}</dd>
  <dt>Prazo</dt><dd${overdue ? html` class="overdue"` : ''}>${view.promisedDueAt ? `${formatInstant(view.promisedDueAt, tz)} (informado ao lojista; o caso aguarda analista)` : formatInstant(c.dueAt, tz)}${overdue ? OVERDUE_MARK_PT : ''}</dd>
  ${c.linkedProtocol ? html`<dt>Caso anterior relacionado</dt><dd><a href="${b}/equipe/casos?${listQueryString({ status: 'todos', q: c.linkedProtocol })}">${c.linkedProtocol}</a></dd>` : ''}
  ${citedByRow(view.citedBy, b, tz)}
  ${c.referencedCaseId ? html`<dt>Caso citado</dt><dd><a href="${b}/equipe/caso/${encodeURIComponent(c.referencedCaseId)}">${c.referencedProtocol ?? 'abrir o caso citado'}</a> — a mensagem cita este caso, mas não foi juntada a ele: veio de outro endereço ou sem verificação do remetente</dd>` : ''}
  ${c.closure ? html`<dt>Encerramento</dt><dd>${CLOSE_CATEGORY_LABELS_PT[c.closure.category]}${c.closure.summary ? ` — ${c.closure.summary}` : ''} (${nameOf(c.closure.by)}, ${formatInstant(c.closure.at, tz)})</dd>` : ''}
  ${relatedRows(c, b)}
</dl>
<h2>Decisão da triagem</h2>
<p>${OUTCOME_LABELS_PT[c.decision.outcome]} — ${c.decision.reason}</p>
<p>Chamado anterior: ${ticket.status === 'none' ? 'nenhum' : `nº ${ticket.number} — ${ticketCheckPt(ticket)}`}</p>
${replyLine(c, tz, view.merchantBouncing === true)}
<ul>${c.decision.ruleIds.map((r) => html`<li>${ruleLabel(r)} <code>${r}</code></li>`)}</ul>
<h2>Mensagens</h2>
${messagePager(c, window, b)}
${c.messages.slice(window.start, window.end).map(
  (
    m,
    i,
  ) => html`<article><h3>${m.direction === 'out' ? `Enviada pela Ouvidoria (${m.author ? nameOf(m.author) : 'equipe'})` : RECEIVED_VIA_PT[m.channel]} — <time datetime="${m.receivedAt}">${formatInstant(m.receivedAt, tz)}</time></h3>
${releaseLine(c, window.start + i, nameOf, tz)}<p>${m.direction === 'out' ? officeSubject(c) : m.subject}</p>${m.text.trim() ? html`<pre>${m.text}</pre>` : html`<p><em>${encryptedMail(m) ? encryptedStaffPt(encryptedMail(m) as MailEncryption) : NO_TEXT_STAFF_PT}</em></p>`}${m.attachments.length ? html`<p>Anexos:</p><ul>${m.attachments.map((a) => attachmentLine(a, view.attachmentLinks ?? {}))}</ul>` : m.direction !== 'out' && attachmentMissing(m) ? html`<p>${MISSING_ATTACHMENT_STAFF_PT}</p>` : ''}</article>`,
)}
<h2>Notas internas</h2>
${notes.length ? html`<ul>${notes.map((n) => html`<li>${n.actor.kind === 'staff' ? nameOf(n.actor.id) : 'sistema'}, ${formatInstant(n.at, tz)}: <pre>${n.text}</pre></li>`)}</ul>` : html`<p>Nenhuma nota.</p>`}
<h2>Pesquisa de satisfação</h2>
<p>${survey ? `Nota ${survey.score} de 5${survey.comment ? ` — “${survey.comment}”` : ''} (${survey.via === 'email' ? 'respondida por e-mail, ' : ''}${formatInstant(survey.answeredAt, tz)})` : 'Sem resposta.'}</p>
<h2>Histórico</h2>
<ol>${historyOf(c).map((e) => historyLine(e, tz, nameOf))}</ol>
${forms.length ? html`<h2>Ações</h2>${forms}` : ''}`,
  );
}
