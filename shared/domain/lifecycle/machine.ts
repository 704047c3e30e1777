/**
 * The case state machine (SPEC.md step 8). Each transition is a pure function of the case, who
 * acts and a context (clock, configuration, calendar): it returns the changes to write, the
 * history events that record it and the effects to carry out — or a refusal with a pt-BR
 * explanation. Nothing is written here: the application stores `next` with a conditional write
 * on the case's version, so a transition computed from a stale read is never applied.
 *
 * Who may act: the case's analyst, or a supervisor on any case. States:
 *   QUEUED → ASSIGNED → IN_PROGRESS ⇄ WAITING_MERCHANT → CLOSED → (merchant, within the window) IN_PROGRESS
 */
import { countOf, groupedPtBr } from '../count';
import type { OfficeCalendar } from '../calendar';
import type { OuvidoriaConfig } from '../config';
import { pastRetention } from '../retention';
import { cutBetweenCharacters, cutMarked } from '../text';
import { calendarDayPtBr, dueDateFrom, extendDueDate, extensionDaysProblem, reopenWindowEnd } from './deadlines';
import { historyAtCeiling, historyFull, jsonBytes, outboxFull } from './history-budget';
import { unknownStaffProblem } from './staff-reference';
import { isLowSurveyScore } from './survey';
import {
  type Actor,
  type CaseChanges,
  type CloseCategory,
  CLOSE_CATEGORIES,
  type Effect,
  type HandedOverFiles,
  type HistoryEvent,
  isOpenStatus,
  type LeftOutFile,
  mayWorkCase,
  type RefusalCode,
  type RelayedAnswer,
  STATUS_LABELS_PT,
  type StaffProblem,
  type Supervision,
  type Transition,
  type WorkCase,
  type WorkStatus,
} from './types';

export interface LifecycleContext {
  now: Date;
  config: OuvidoriaConfig;
  calendar: OfficeCalendar;
  /** Idempotency key of what caused the transition; copied onto every event it records. */
  sourceId?: string;
  /** A staff mail's own identity (HistoryEvent.mailId); copied onto every event it records. */
  mailId?: string;
}

/** Notes are kept whole in the history up to this size; the raw mail keeps the rest. */
export const MAX_NOTE_CHARS = 10_000;
/**
 * All the internal notes of one case, in UTF-8 bytes: the history lives on the case's one DynamoDB
 * item, which cannot pass 400 KB with everything else it holds (the other events, the first message,
 * the Message-IDs). Past it, a write of the case would fail: a note that does not fit is refused
 * instead, with the room left, and the case goes on (answers, closing, merchant mail) as before.
 */
export const MAX_CASE_NOTES_BYTES = 200_000;

const utf8Bytes = (text: string): number => new TextEncoder().encode(text).length;

/** Reasons and summaries end up in mail subjects' neighbourhood and in reports: keep them short. */
export const MAX_REASON_CHARS = 500;

/** What `#aguardar` names ("retorno do lojista"): a line of a history entry, not pasted blocks. */
export const AWAITED_MAX_CHARS = 160;
/**
 * The longest text the console sends in one form (an answer, a closing message, a transfer note):
 * the staff mails cut what they relay at this size (messages.ts), so a longer one would not reach
 * its reader whole.
 */
export const MAX_CONSOLE_TEXT_CHARS = 20_000;

type Ok = Extract<Transition, { ok: true }>;

export function refuse(code: RefusalCode, message: string, line?: string): Transition {
  return { ok: false, refusal: line === undefined ? { code, message } : { code, message, line } };
}

function done(next: CaseChanges, events: HistoryEvent[], effects: Effect[] = []): Ok {
  return { ok: true, next, events, effects };
}

type EventBody = HistoryEvent extends infer E
  ? E extends HistoryEvent
    ? Omit<E, 'at' | 'actor' | 'sourceId'>
    : never
  : never;

function event(ctx: LifecycleContext, actor: Actor, body: EventBody): HistoryEvent {
  const base = {
    at: ctx.now.toISOString(),
    actor,
    ...(ctx.sourceId === undefined ? {} : { sourceId: ctx.sourceId }),
    ...(ctx.mailId === undefined ? {} : { mailId: ctx.mailId }),
  };
  return { ...base, ...body } as HistoryEvent;
}

function stateLabel(status: WorkStatus): string {
  return STATUS_LABELS_PT[status] ?? status;
}

/** The case's analyst, or a supervisor. Anyone else is refused (and the refusal is recorded by the caller). */
function checkActor(c: WorkCase, actor: Actor): StaffProblem | null {
  if (actor.kind !== 'staff') return { code: 'not-allowed', message: 'Somente a equipe da Ouvidoria atua nos casos.' };
  if (mayWorkCase(c, actor)) return null;
  return {
    code: 'not-allowed',
    message: `O caso ${c.protocol ?? c.caseId} está atribuído a outra pessoa; só o(a) analista responsável ou a supervisão podem atuar nele.`,
  };
}

/** Common preconditions of staff work on an open case. */
function checkOpenCaseWork(c: WorkCase, actor: Actor, what: string): StaffProblem | null {
  if (c.outcome !== 'ACCEPTED' || c.status === 'REDIRECTED' || c.status === 'QUARANTINED') {
    return { code: 'not-a-case', message: 'Esta mensagem não é um caso da Ouvidoria: nada pode ser feito nela.' };
  }
  const who = checkActor(c, actor);
  if (who) return who;
  if (c.status === 'CLOSED') {
    return {
      code: 'case-closed',
      message: `O caso ${c.protocol ?? c.caseId} já está encerrado: não é possível ${what}.`,
    };
  }
  if (!isOpenStatus(c.status)) {
    return {
      code: 'wrong-state',
      message: `O caso ${c.protocol ?? c.caseId} está “${stateLabel(c.status)}”: não é possível ${what}.`,
    };
  }
  return null;
}

/**
 * The case's record is full (history-budget.ts): an action that only adds to it is refused, and the
 * staff member learns what still goes. Closing, transferring and what the merchant does never are.
 */
function checkRoom(c: WorkCase, what: string, line?: string): StaffProblem | null {
  return historyFull(c) ? recordFull(c, what, ' ou transferido (#transferir).', line) : null;
}

/** The `history-full` problem: what no longer goes, and what still does. */
function recordFull(c: WorkCase, what: string, stillGoes: string, line?: string): StaffProblem {
  return {
    code: 'history-full',
    message: `O registro do caso ${c.protocol ?? c.caseId} chegou ao limite que o sistema guarda por caso: não é mais possível ${what}. O caso ainda pode ser encerrado (#encerrar, com a mensagem final ao lojista)${stillGoes}`,
    ...(line === undefined ? {} : { line }),
  };
}

function asTransition(problem: StaffProblem | null): Transition | null {
  return problem ? { ok: false, refusal: problem } : null;
}

/**
 * The history entry of the assignment function's assignment (actor: system): the repository writes
 * it on the case in its one assignment write, no extra request. A supervisor's goes through `assign`.
 */
export function assignedEvent(
  analystId: string,
  at: string,
  dueAt: string,
  actor: Actor = { kind: 'system' },
): HistoryEvent {
  return { at, actor, type: 'assigned', analystId, dueAt };
}

/**
 * QUEUED → ASSIGNED (the assignment function, or a supervisor). The due date counts from receipt
 * (SPEC step 9) unless the case already has one (the acknowledgement announced it).
 */
export function assign(c: WorkCase, actor: Actor, analystId: string, ctx: LifecycleContext): Transition {
  if (actor.kind === 'merchant' || (actor.kind === 'staff' && actor.role !== 'supervisor')) {
    return refuse('not-allowed', 'Somente a supervisão atribui casos manualmente.');
  }
  if (c.outcome !== 'ACCEPTED') return refuse('not-a-case', 'Esta mensagem não é um caso da Ouvidoria.');
  if (c.status !== 'QUEUED') {
    return refuse('wrong-state', `O caso já está “${stateLabel(c.status)}”: só casos na fila são atribuídos.`);
  }
  const dueAt = c.dueAt ?? dueDateFrom(new Date(c.createdAt), ctx.config, ctx.calendar).toISOString();
  const at = ctx.now.toISOString();
  return done(
    { status: 'ASSIGNED', assignee: analystId, assignedAt: at, dueAt },
    [event(ctx, actor, { type: 'assigned', analystId, dueAt })],
    [
      { kind: 'open-count', analystId, change: 'opened' },
      { kind: 'schedule-timers', dueAt },
    ],
  );
}

/** The analyst's answer is relayed to the merchant: ASSIGNED / WAITING_MERCHANT / IN_PROGRESS → IN_PROGRESS. */
export function answer(c: WorkCase, actor: Actor, relayed: RelayedAnswer, ctx: LifecycleContext): Transition {
  const blocked = asTransition(
    checkOpenCaseWork(c, actor, 'responder ao lojista') ?? checkRoom(c, 'responder ao lojista por este caso'),
  );
  if (blocked) return blocked;
  if (relayed.body.trim() === '' && relayed.attachments.length === 0) {
    return refuse('empty-answer', 'A resposta chegou sem texto novo: nada foi enviado ao lojista.');
  }
  if (outboxFull(c, jsonBytes(relayed))) {
    return refuse(
      'mail-backlog',
      `Respostas anteriores do caso ${c.protocol ?? c.caseId} ainda aguardam envio (o envio de e-mails falhou e é refeito automaticamente): esta resposta não foi registrada nem enviada ao lojista. Envie-a de novo quando as anteriores tiverem saído.`,
    );
  }
  const overlap = actor.kind === 'staff' ? colleagueAnswer(c, actor.id, ctx.now) : undefined;
  return done(
    c.status === 'IN_PROGRESS' ? {} : { status: 'IN_PROGRESS' },
    [event(ctx, actor, { type: 'answered', messageSourceId: relayed.sourceId })],
    [
      { kind: 'relay-to-merchant', answer: relayed },
      ...(overlap && actor.kind === 'staff'
        ? [{ kind: 'tell-answer-overlap' as const, staffId: actor.id, otherId: overlap.id, otherAt: overlap.at }]
        : []),
    ],
  );
}

/**
 * How recent a colleague's answer must be for a new answer to be told of it: two people answering
 * one case within minutes (a supervisor and the analyst, each from a notice) wrote without seeing
 * each other's words, and the merchant got both.
 */
export const ANSWER_OVERLAP_MS = 15 * 60 * 1000;

/** The latest answer to the merchant by another member within ANSWER_OVERLAP_MS before `now`. */
function colleagueAnswer(c: Pick<WorkCase, 'history'>, staffId: string, now: Date): AnswerOverlap | undefined {
  return colleagueAnswerIn(c.history ?? [], staffId, now);
}

export interface AnswerOverlap {
  /** The colleague who answered. */
  id: string;
  at: string;
}

function colleagueAnswerIn(history: readonly HistoryEvent[], staffId: string, now: Date): AnswerOverlap | undefined {
  const since = now.getTime() - ANSWER_OVERLAP_MS;
  for (let i = history.length - 1; i >= 0; i--) {
    const e = history[i] as HistoryEvent;
    if (Date.parse(e.at) < since) return undefined;
    // The case was handed to her after it: her transfer notice carried the office's answers, so she
    // wrote having read them (Ana answers, transfers to Bruno, Bruno answers minutes later).
    if (e.type === 'transferred' && e.to === staffId) return undefined;
    if (e.type === 'answered' && e.actor.kind === 'staff' && e.actor.id !== staffId)
      return { id: e.actor.id, at: e.at };
  }
  return undefined;
}

/**
 * The colleague's answer that `staffId`'s latest answer on the case came minutes after (the rule
 * `answer` tells her of by mail, read at that answer's time): the console's page after her
 * "Enviar resposta" says it too.
 */
export function overlapOfLatestAnswer(c: Pick<WorkCase, 'history'>, staffId: string): AnswerOverlap | undefined {
  const history = c.history ?? [];
  for (let i = history.length - 1; i >= 0; i--) {
    const e = history[i] as HistoryEvent;
    if (e.type === 'answered' && e.actor.kind === 'staff' && e.actor.id === staffId)
      return colleagueAnswerIn(history.slice(0, i), staffId, new Date(e.at));
  }
  return undefined;
}

/** A staff mail went to the merchant without some of its files: its sender is told which (no state change). */
export function tellFilesLeftOut(actor: Actor, files: LeftOutFile[]): Transition {
  if (actor.kind !== 'staff' || files.length === 0) return done({}, []);
  return done({}, [], [{ kind: 'tell-files-left-out', staffId: actor.id, files }]);
}

/** `#aguardar`: ASSIGNED / IN_PROGRESS → WAITING_MERCHANT. */
export function awaitMerchant(c: WorkCase, actor: Actor, ctx: LifecycleContext, awaiting?: string): Transition {
  const blocked = asTransition(
    checkOpenCaseWork(c, actor, 'aguardar o lojista') ??
      checkRoom(c, 'marcá-lo como aguardando o lojista', '#aguardar'),
  );
  if (blocked) return blocked;
  if (c.status === 'WAITING_MERCHANT') {
    return refuse('wrong-state', 'O caso já está aguardando o lojista.', '#aguardar');
  }
  return done({ status: 'WAITING_MERCHANT' }, [
    event(ctx, actor, {
      type: 'waiting-merchant',
      ...(awaiting ? { awaiting: cutBetweenCharacters(awaiting, AWAITED_MAX_CHARS) } : {}),
    }),
  ]);
}

export interface MerchantMessageRef {
  /** Source id of the merchant's message (already appended to the case, or appended with the transition). */
  sourceId: string;
  /**
   * It asks for nothing (thanks.ts readClosingReply: thanks, praise, a rating): a closed case stays
   * closed, and a case waiting for her goes on waiting ("Ok, obrigada!" is not what was awaited).
   */
  onlyThanks?: boolean;
  /** It brought files the office does not take (encrypted-mail.ts filesNotTaken): she is told which. */
  filesNotTaken?: boolean;
}

/**
 * The due date of a reopened case. The merchant's message is a new receipt, so the SLA counts
 * again from it (SPEC step 9: receipt + `slaBusinessDays`); but the case's last due date was told
 * to the merchant (acknowledgement, `#prorrogar` notice, an earlier reopening) and a reopening
 * must never take it back: the later of the two. The `extended` event keeps the reason of an
 * extension in the history.
 */
export function reopenedDueAt(c: Pick<WorkCase, 'dueAt'>, ctx: LifecycleContext): string {
  const fresh = dueDateFrom(ctx.now, ctx.config, ctx.calendar);
  const promised = c.dueAt ? Date.parse(c.dueAt) : Number.NaN;
  return !Number.isNaN(promised) && promised > fresh.getTime() ? (c.dueAt as string) : fresh.toISOString();
}

/**
 * The case's own merchant wrote (threading already checked the sender):
 * - QUEUED: recorded; the assignment notice will carry it;
 * - ASSIGNED / IN_PROGRESS: recorded and forwarded to the analyst;
 * - WAITING_MERCHANT → IN_PROGRESS, forwarded; a message that asks for nothing ("Ok, obrigada!")
 *   leaves it waiting for what the analyst asked, forwarded all the same;
 * - CLOSED within `threading.reopenWindowDays` → IN_PROGRESS with the same analyst, a due date
 *   (reopenedDueAt) and timers; the merchant is told it reopened and the due date;
 * - CLOSED longer ago → refused with `reopen-window-passed`: the caller opens a new, linked case.
 */
export function merchantReplied(c: WorkCase, message: MerchantMessageRef, ctx: LifecycleContext): Transition {
  const merchant: Actor = { kind: 'merchant' };
  if (c.outcome !== 'ACCEPTED' || c.status === 'REDIRECTED' || c.status === 'QUARANTINED') {
    return refuse('not-a-case', 'Esta mensagem não é um caso da Ouvidoria.');
  }
  const replied = event(ctx, merchant, { type: 'merchant-replied', messageSourceId: message.sourceId });
  const tell: Effect[] = message.filesNotTaken
    ? [{ kind: 'tell-merchant-files-not-taken', messageSourceId: message.sourceId }]
    : [];
  const forward = (analystId: string | undefined): Effect[] => [
    ...(analystId ? [{ kind: 'forward-to-analyst' as const, analystId, messageSourceId: message.sourceId }] : []),
    ...tell,
  ];
  switch (c.status) {
    case 'QUEUED':
      return done({}, [replied], tell);
    case 'ASSIGNED':
    case 'IN_PROGRESS':
      return done({}, [replied], forward(c.assignee));
    case 'WAITING_MERCHANT':
      return done(message.onlyThanks ? {} : { status: 'IN_PROGRESS' }, [replied], forward(c.assignee));
    case 'CLOSED': {
      const windowEnd = reopenWindowEnd(c.closedAt, ctx.config);
      // Past its retention (a retention shorter than the reopen window) the case is gone, though its
      // item waits for DynamoDB's TTL: reopening it would take its TTL off and keep it for good.
      const gone = pastRetention(c, ctx.now, ctx.config.retention);
      // "Muito obrigada, deu tudo certo!" after the closing mail is no new request: kept on the case
      // and told to its analyst, within the window or past it, but nothing reopens (no new due date,
      // no "reabrimos o seu caso" to her, no case to close again, no new linked case).
      if (message.onlyThanks && !gone) return done({}, [replied], forward(c.assignee));
      // A record at its ceiling (history-budget.ts) is not reopened: her request goes on in a new,
      // linked case, as after the window.
      if (Number.isNaN(windowEnd) || ctx.now.getTime() > windowEnd || !c.assignee || gone || historyAtCeiling(c)) {
        return refuse(
          'reopen-window-passed',
          `O caso foi encerrado há mais de ${countOf(ctx.config.threading.reopenWindowDays, 'dia', 'dias')}: a mensagem abre um novo caso vinculado a ele.`,
        );
      }
      const dueAt = reopenedDueAt(c, ctx);
      return done(
        { status: 'IN_PROGRESS', closedAt: null, closure: null, reopenedAt: ctx.now.toISOString(), dueAt },
        [event(ctx, merchant, { type: 'reopened', messageSourceId: message.sourceId, dueAt })],
        [
          { kind: 'open-count', analystId: c.assignee, change: 'opened' },
          { kind: 'schedule-timers', dueAt },
          { kind: 'reopen-files' },
          { kind: 'item-retention' },
          ...forward(c.assignee),
          // Nothing else tells the merchant their reply reopened the case, nor the date it now runs to.
          { kind: 'notify-reopen', dueAt },
        ],
      );
    }
  }
}

/** Her survey answer as the history records it: the comment's text stays with the answer (survey store). */
export interface SurveyAnswerRef {
  score: number;
  /** `web`: confirmed on the link's page; `email`: her reply to the closing mail (recordMailedRating). */
  via: 'web' | 'email';
  commented: boolean;
}

/**
 * The merchant answered the survey (one answer per case: the survey store's conditional write), by
 * either channel: the history records the score, and a low one (isLowSurveyScore) is told to the
 * case's analyst — the same effect for both (by mail, her forwarded mail says it already: effects.ts
 * carries it out only for an analyst who left the team). Any state of an accepted case: a reopening
 * after the answer leaves it recorded.
 */
export function surveyAnswered(c: WorkCase, answer: SurveyAnswerRef, ctx: LifecycleContext): Transition {
  if (c.outcome !== 'ACCEPTED' || c.status === 'REDIRECTED' || c.status === 'QUARANTINED') {
    return refuse('not-a-case', 'Esta mensagem não é um caso da Ouvidoria.');
  }
  const { score, via } = answer;
  const answered = event(
    ctx,
    { kind: 'merchant' },
    {
      type: 'survey-answered',
      score,
      via,
      ...(answer.commented ? { commented: true as const } : {}),
    },
  );
  const tell = isLowSurveyScore(score) && c.assignee !== undefined;
  return done({}, [answered], tell ? [{ kind: 'tell-low-score', analystId: c.assignee as string, score, via }] : []);
}

/**
 * `#nota`: an internal note (never relayed, never on the merchant's status page). Allowed in every
 * state of an accepted case, CLOSED included (notes after closing are part of the audit trail).
 */
export function addNote(c: WorkCase, actor: Actor, text: string, ctx: LifecycleContext): Transition {
  if (c.outcome !== 'ACCEPTED') return refuse('not-a-case', 'Esta mensagem não é um caso da Ouvidoria.');
  const who = asTransition(checkActor(c, actor));
  if (who) return who;
  const note = text.trim();
  if (note === '') return refuse('empty-note', 'A nota interna está vazia: escreva o texto depois de #nota.', '#nota');
  const full = asTransition(checkRoom(c, 'registrar notas internas', '#nota'));
  if (full) return full;
  const kept = cutMarked(note, MAX_NOTE_CHARS);
  const used = (c.history ?? []).reduce((sum, e) => sum + (e.type === 'note' ? utf8Bytes(e.text) : 0), 0);
  const room = MAX_CASE_NOTES_BYTES - used;
  if (utf8Bytes(kept) > room) {
    return refuse(
      'notes-full',
      `As notas internas deste caso chegaram ao limite que o registro do caso guarda e esta nota não foi registrada: ${
        room > 0
          ? `cabem só mais cerca de ${groupedPtBr(room)} caracteres. Resuma a nota.`
          : 'nenhuma nota nova cabe. Registre o essencial no encerramento.'
      }`,
      '#nota',
    );
  }
  return done({}, [event(ctx, actor, { type: 'note', text: kept })]);
}

/** A roster entry as the transfer needs it (null: no such analyst). */
export interface TransferTarget {
  id: string;
  active: boolean;
  /** On leave today: a case handed to them would wait unanswered. */
  onLeave: boolean;
  /** The leave's last day (inclusive, "aaaa-mm-dd"), when on leave: the refusal says when they are back. */
  leaveUntil?: string;
}

/**
 * `#transferir <pessoa>`: the case changes analyst; the status stays. Counts move; the new analyst
 * is told. `notFound` is why no one was found (the caller looked the reference up in the roster:
 * no one, or more than one person by that name).
 */
export function transfer(
  c: WorkCase,
  actor: Actor,
  requestedId: string,
  target: TransferTarget | null,
  ctx: LifecycleContext,
  note?: string,
  files?: HandedOverFiles,
  notFound?: StaffProblem,
): Transition {
  const blocked = asTransition(checkOpenCaseWork(c, actor, 'transferir o caso'));
  if (blocked) return blocked;
  const line = `#transferir ${requestedId}`;
  if (historyAtCeiling(c)) {
    const stillGoes = '; uma nova mensagem do lojista abrirá um novo caso vinculado a este.';
    return { ok: false, refusal: recordFull(c, 'transferi-lo', stillGoes, line) };
  }
  if (!target) {
    const problem = notFound ?? unknownStaffProblem(requestedId, [], line);
    return refuse(problem.code, problem.message, problem.line ?? line);
  }
  if (!target.active || target.onLeave) {
    // Which of the two, and until when: the sender decides between waiting and someone else.
    const why = !target.active
      ? 'está inativo(a) na equipe e não recebe casos'
      : target.leaveUntil
        ? `está em afastamento até ${calendarDayPtBr(target.leaveUntil)}`
        : 'está em afastamento';
    return refuse('inactive-analyst', `“${target.id}” ${why}: escolha outra pessoa.`, line);
  }
  const from = c.assignee as string;
  if (target.id === from) return refuse('same-analyst', `O caso já está com “${target.id}”.`, line);
  const trimmedNote = note?.trim();
  // A supervisor moving someone else's case (leave, overdue): the new analyst learns who did it.
  const by = actor.kind === 'staff' && actor.id !== from ? actor.id : undefined;
  const at = ctx.now.toISOString();
  return done(
    { assignee: target.id, assignedAt: at },
    [event(ctx, actor, { type: 'transferred', from, to: target.id })],
    [
      { kind: 'open-count', analystId: from, change: 'closed' },
      // A case handed to her is her turn: the next new case goes to a colleague who has had none.
      { kind: 'open-count', analystId: target.id, change: 'opened', assignedAt: at },
      {
        kind: 'notify-transfer',
        from,
        to: target.id,
        ...(by ? { by } : {}),
        ...(trimmedNote ? { note: trimmedNote } : {}),
        ...(files && (files.parts.length > 0 || files.leftOut.length > 0) ? { files } : {}),
      },
    ],
  );
}

/**
 * `#prorrogar <dias úteis> <motivo>`: the due date moves `businessDays` on (from now, once it has
 * passed); the merchant is told the new date and why.
 */
export function extend(
  c: WorkCase,
  actor: Actor,
  businessDays: number,
  reason: string,
  ctx: LifecycleContext,
): Transition {
  const blocked = asTransition(checkOpenCaseWork(c, actor, 'prorrogar o prazo'));
  if (blocked) return blocked;
  const full = asTransition(checkRoom(c, 'prorrogar o prazo', `#prorrogar ${businessDays}`));
  if (full) return full;
  const max = ctx.config.lifecycle.maxExtensionBusinessDays;
  const line = `#prorrogar ${businessDays}`;
  if (!Number.isInteger(businessDays) || businessDays < 1 || businessDays > max) {
    return refuse('invalid-days', extensionDaysProblem(max), line);
  }
  const why = reason.trim();
  if (why === '')
    return refuse('missing-reason', 'Informe o motivo da prorrogação: o lojista será avisado dele.', line);
  if (!c.dueAt) return refuse('no-due-date', 'O caso ainda não tem prazo definido para prorrogar.', line);
  // Counted from the due date, or from now when it has passed: an overdue case's new date is ahead,
  // never one the merchant is told that is already behind her (nor an alert due again at once).
  const from = Math.max(Date.parse(c.dueAt), ctx.now.getTime());
  const dueAt = extendDueDate(new Date(from), businessDays, ctx.calendar).toISOString();
  const kept = cutBetweenCharacters(why, MAX_REASON_CHARS);
  return done(
    { dueAt },
    [event(ctx, actor, { type: 'extended', businessDays, reason: kept, previousDueAt: c.dueAt, dueAt })],
    [
      { kind: 'schedule-timers', dueAt },
      { kind: 'notify-extension', businessDays, reason: kept, dueAt },
    ],
  );
}

export function isCloseCategory(value: string): value is CloseCategory {
  return (CLOSE_CATEGORIES as readonly string[]).includes(value);
}

/**
 * `#encerrar <categoria> [resumo]`: → CLOSED. The analyst's open count falls, the merchant gets the
 * resolution (with `message`, the text that came with the command) and the survey; pending timers
 * find the case closed and do nothing.
 */
export function close(
  c: WorkCase,
  actor: Actor,
  category: string,
  summary: string,
  ctx: LifecycleContext,
  message?: string,
): Transition {
  const blocked = asTransition(checkOpenCaseWork(c, actor, 'encerrar o caso'));
  if (blocked) return blocked;
  if (!isCloseCategory(category)) {
    return refuse(
      'invalid-category',
      `Categoria de encerramento desconhecida: “${category}”. Use ${CLOSE_CATEGORIES.join(', ')}.`,
      `#encerrar ${category}`,
    );
  }
  const at = ctx.now.toISOString();
  const by = actor.kind === 'staff' ? actor.id : actor.kind;
  const kept = cutBetweenCharacters(summary.trim(), MAX_REASON_CHARS);
  const text = message?.trim();
  return done(
    { status: 'CLOSED', closedAt: at, closure: { category, summary: kept, at, by } },
    [event(ctx, actor, { type: 'closed', category, summary: kept })],
    [
      { kind: 'open-count', analystId: c.assignee as string, change: 'closed' },
      // Before the closing mail: its Message-ID pointers then take the case's expiry as they are
      // written, rather than being walked again.
      { kind: 'item-retention' },
      { kind: 'send-closing', category, summary: kept, ...(text ? { message: text } : {}), closedAt: at },
      // A supervisor closed the analyst's case: she would otherwise learn it from the merchant.
      ...(actor.kind === 'staff' && c.assignee && actor.id !== c.assignee
        ? [{ kind: 'notify-closed' as const, analystId: c.assignee, by: actor.id, closedAt: at }]
        : []),
    ],
  );
}

/**
 * A staff action that changes nothing on the case still leaves a trace: one `refused` event
 * (who, when, which commands, why — the pt-BR explanations). A mail's sender gets the explanation
 * by mail (`explainByMail`); the console shows it on the page instead, and sends nothing.
 */
export function recordRefusal(
  actor: Extract<Actor, { kind: 'staff' }>,
  problems: StaffProblem[],
  commands: string[],
  ctx: LifecycleContext,
  explainByMail = true,
): Ok {
  const code = problems[0]?.code ?? 'malformed-command';
  // A refused mail may be anything (30,000 command lines, one line of 250,000 characters): its
  // history entry keeps the first lines, each cut, so the case's one item stays far below 400 KB.
  const kept = problems.slice(0, MAX_REFUSED_LINES).map((p) => ({
    ...p,
    message: cutMarked(p.message, MAX_REASON_CHARS),
    ...(p.line === undefined ? {} : { line: cutMarked(p.line, MAX_REFUSED_LINE_CHARS) }),
  }));
  const reasons = kept.map((p) => p.message);
  const lines = commands.slice(0, MAX_REFUSED_LINES).map((line) => cutMarked(line, MAX_REFUSED_LINE_CHARS));
  return done(
    {},
    [event(ctx, actor, { type: 'refused', code, commands: lines, ...(reasons.length ? { reasons } : {}) })],
    explainByMail ? [{ kind: 'explain-to-staff', staffId: actor.id, problems: kept }] : [],
  );
}

/** How much of a refused mail its history entry and explanation keep: lines, and characters a line. */
export const MAX_REFUSED_LINES = 10;
export const MAX_REFUSED_LINE_CHARS = 200;

/** A timer fired on time for an open case: remind the analyst / alert the supervisors, and record it. */
export function timerFired(
  c: WorkCase,
  kind: 'reminder' | 'escalation',
  ctx: LifecycleContext,
  supervision: Supervision = 'present',
): Transition | null {
  if (!isOpenStatus(c.status) || !c.dueAt) return null;
  const system: Actor = { kind: 'system' };
  if (kind === 'reminder') {
    // Delivered at or after the due date (a scheduler late, a stack started after a gap): "the
    // deadline ends on …" would be news of the past; the escalation speaks for an overdue case.
    if (!c.assignee || ctx.now.getTime() >= Date.parse(c.dueAt)) return null;
    return done(
      {},
      [event(ctx, system, { type: 'reminder-sent', dueAt: c.dueAt })],
      [{ kind: 'remind-analyst', analystId: c.assignee, dueAt: c.dueAt }],
    );
  }
  return done(
    {},
    [
      event(ctx, system, {
        type: 'escalated',
        dueAt: c.dueAt,
        ...(supervision === 'present' ? {} : { unattended: supervision }),
      }),
    ],
    [{ kind: 'escalate', dueAt: c.dueAt, ...(c.assignee ? { analystId: c.assignee } : {}) }],
  );
}

/** The case as it would be after `next` (null removes an attribute). */
export function applyChanges(c: WorkCase, next: CaseChanges): WorkCase {
  const out: Record<string, unknown> = { ...c };
  for (const [key, value] of Object.entries(next)) {
    if (value === null) delete out[key];
    else if (value !== undefined) out[key] = value;
  }
  return out as WorkCase;
}

/**
 * Runs steps one after the other on the evolving case and merges them into one transition (one
 * conditional write): all or nothing, the first refusal wins. Used when one mail carries several
 * commands, e.g. an answer with `#aguardar`.
 */
export function compose(c: WorkCase, steps: ReadonlyArray<(current: WorkCase) => Transition>): Transition {
  let current = c;
  const next: CaseChanges = {};
  const events: HistoryEvent[] = [];
  const effects: Effect[] = [];
  for (const step of steps) {
    const result = step(current);
    if (!result.ok) return result;
    Object.assign(next, result.next);
    events.push(...result.events);
    effects.push(...result.effects);
    current = applyChanges(current, result.next);
  }
  return done(next, events, effects);
}
