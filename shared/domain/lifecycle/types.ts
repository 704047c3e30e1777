/**
 * Vocabulary of the case lifecycle (SPEC.md step 8): states, actors, the audit-trail events a
 * transition records, the changes it asks the store to write and the effects it asks the
 * application to carry out. Data only: nothing here talks to the outside world.
 */
import type { AttachmentMeta, ObjectLocation } from '../submission';
import type { CaseRecord, CaseStatus } from '../case';
import type { Outcome } from '../outcome';
import type { AsyncReleaseRefusal } from '../quarantine-release';

/**
 * States of an accepted case: QUEUED → ASSIGNED → IN_PROGRESS ⇄ WAITING_MERCHANT → CLOSED
 * (CLOSED → IN_PROGRESS when the merchant writes within the reopen window).
 * REDIRECTED and QUARANTINED (not cases) stay terminal and take no transition.
 */
export const LIFECYCLE_STATUSES = ['QUEUED', 'ASSIGNED', 'IN_PROGRESS', 'WAITING_MERCHANT', 'CLOSED'] as const;
export type LifecycleStatus = (typeof LIFECYCLE_STATUSES)[number];

/** States in which an analyst is working the case (open-case counts, timers, staff commands). */
export const OPEN_STATUSES = ['ASSIGNED', 'IN_PROGRESS', 'WAITING_MERCHANT'] as const;
export type OpenStatus = (typeof OPEN_STATUSES)[number];

/**
 * Every status a stored record may have once the lifecycle is wired. `CaseStatus` in case.ts does
 * not list IN_PROGRESS and WAITING_MERCHANT yet (the board maps every status to a label); when
 * it does, WorkStatus is just CaseStatus.
 */
export type WorkStatus = CaseStatus | LifecycleStatus;

export const STATUS_LABELS_PT: Record<WorkStatus, string> = {
  QUEUED: 'Na fila de atribuição',
  ASSIGNED: 'Atribuído',
  IN_PROGRESS: 'Em andamento',
  WAITING_MERCHANT: 'Aguardando o lojista',
  CLOSED: 'Encerrado',
  REDIRECTED: 'Orientado (resposta automática)',
  QUARANTINED: 'Em quarentena',
};

export function isOpenStatus(status: WorkStatus): status is OpenStatus {
  return (OPEN_STATUSES as readonly string[]).includes(status);
}

/** Resolution categories of `#encerrar`. */
export const CLOSE_CATEGORIES = ['procedente', 'improcedente', 'parcial', 'resolvido', 'nao-resolvido'] as const;
export type CloseCategory = (typeof CLOSE_CATEGORIES)[number];

export const CLOSE_CATEGORY_LABELS_PT: Record<CloseCategory, string> = {
  procedente: 'Procedente',
  improcedente: 'Improcedente',
  parcial: 'Parcialmente procedente',
  resolvido: 'Resolvido',
  'nao-resolvido': 'Não resolvido',
};

export type StaffRole = 'analyst' | 'supervisor';

/** A roster entry as the lifecycle sees it (the directory adds the role to the analyst roster). */
export interface StaffMember {
  /** Short stable id, e.g. "ana": what `#transferir` names and what the history records. */
  id: string;
  name: string;
  /** Lower-cased address the staff member writes from. */
  email: string;
  role: StaffRole;
  active: boolean;
  /** Inclusive ISO dates of a leave. */
  leave?: { from: string; to: string };
  /** ISO instant: console sessions (ID tokens) issued at or before it are refused (sign-out). */
  sessionsEndedAt?: string;
}

/** On leave on the office-local date `today` (YYYY-MM-DD). */
export function isOnLeave(member: Pick<StaffMember, 'leave'>, today: string): boolean {
  return member.leave !== undefined && member.leave.from <= today && today <= member.leave.to;
}

/**
 * Who reads mail for the supervisors today: `present`, an active supervisor not on leave; `on-leave`,
 * only supervisors on leave (the mail still goes to them: an absence must not silence an overdue
 * case); `none`, no active supervisor on the roster (it goes to nobody).
 */
export type Supervision = 'present' | 'on-leave' | 'none';

export function supervisionOf(
  supervisors: readonly Pick<StaffMember, 'active' | 'leave'>[],
  today: string,
): Supervision {
  const active = supervisors.filter((m) => m.active);
  if (active.length === 0) return 'none';
  return active.some((m) => !isOnLeave(m, today)) ? 'present' : 'on-leave';
}

/**
 * The days of a supervisor's leave on which no other supervisor is present (supervisionOf would read
 * 'on-leave' or 'none'), as one span, or undefined when another is present every day of it. The days
 * every other active supervisor is away are the overlap of their leaves (each has one), so the span is
 * that overlap cut to her leave; with no other active supervisor, her whole leave.
 */
export function leaveWithoutSupervision(
  leave: { from: string; to: string },
  others: readonly Pick<StaffMember, 'active' | 'leave'>[],
): { from: string; to: string } | undefined {
  let from = leave.from;
  let to = leave.to;
  for (const m of others) {
    if (!m.active) continue;
    if (!m.leave) return undefined;
    if (m.leave.from > from) from = m.leave.from;
    if (m.leave.to < to) to = m.leave.to;
  }
  return from <= to ? { from, to } : undefined;
}

/** Who acts. Staff are roster ids (never addresses: the history is kept for years). */
export type Actor =
  | { kind: 'staff'; id: string; role: StaffRole }
  | { kind: 'merchant' }
  /** Timers and the assignment function. */
  | { kind: 'system' };

/**
 * Who may work a case — answer, note, wait, extend, transfer, close — by mail or in the console:
 * the case's analyst, or a supervisor on any case. The one rule the state machine and the console
 * both apply (the state machine then checks the case's state).
 */
export function mayWorkCase(c: { assignee?: string | undefined }, actor: Actor): boolean {
  if (actor.kind !== 'staff') return false;
  return actor.role === 'supervisor' || (c.assignee !== undefined && c.assignee === actor.id);
}

export interface Closure {
  category: CloseCategory;
  summary: string;
  at: string;
  by: string;
}

/**
 * The case a released mail joined: `via` the thread it continued (In-Reply-To/References, her case's
 * protocol) or the ticket it named; absent on events recorded before it was kept.
 */
export interface ReleasedJoin {
  caseId: string;
  protocol?: string;
  via?: 'thread' | 'ticket';
}

/**
 * One line of the audit trail. `at` is an ISO instant; `sourceId` is the idempotency key of
 * what caused it (the staff mail's SES message id, the merchant message's source id, a timer
 * name): the service refuses to apply the same source twice.
 */
export type HistoryEvent = {
  at: string;
  actor: Actor;
  sourceId?: string;
  /**
   * The staff mail's own identity (its author's roster id and Message-ID, hashed), beside its SES
   * id: the same signed mail delivered again later under another SES id (re-sent by anyone who
   * holds a copy, after the delivery claim expired) is the same action, applied once.
   */
  mailId?: string;
  /**
   * The staff mail that caused the event, when no message of the case keeps its raw mail (a mail of
   * commands only, e.g. `#nota`): its LGPD clock then follows the case's (rawMailOf).
   */
  raw?: ObjectLocation;
} & (
  | { type: 'assigned'; analystId: string; dueAt: string }
  | { type: 'answered'; messageSourceId: string }
  /** `awaiting`: what the case waits for, as the analyst wrote it on the `#aguardar` line (internal). */
  | { type: 'waiting-merchant'; awaiting?: string }
  | { type: 'merchant-replied'; messageSourceId: string }
  | { type: 'reopened'; messageSourceId: string; dueAt: string }
  | { type: 'note'; text: string }
  | { type: 'transferred'; from: string; to: string }
  | { type: 'extended'; businessDays: number; reason: string; previousDueAt: string; dueAt: string }
  | { type: 'closed'; category: CloseCategory; summary: string }
  /**
   * Her survey answer, by the link's page (`web`) or her reply to the closing mail (`email`): the score
   * and whether she commented — the comment stays with the answer (survey store), never in the history.
   */
  | { type: 'survey-answered'; score: number; via: 'web' | 'email'; commented?: true }
  /**
   * A staff action that did nothing (by mail or in the console): malformed command, wrong state,
   * not the case's analyst. `reasons`: the pt-BR explanations given to the staff member (events
   * recorded before they were kept have only the code: REFUSAL_LABELS_PT reads it).
   */
  | { type: 'refused'; code: string; commands: string[]; reasons?: string[] }
  | { type: 'reminder-sent'; dueAt: string }
  /** `unattended`: no supervisor present to read it (supervisionOf at the time): the history says so. */
  | { type: 'escalated'; dueAt: string; unattended?: Exclude<Supervision, 'present'> }
  /** Quarantine review by a supervisor (staff console): kept out, or decided again as vouched for. */
  | { type: 'quarantine-discarded' }
  /**
   * A release a supervisor asked for in the console, refused by the triage afterwards (the console had
   * said "Liberação pedida"): the quarantine list shows it beside the mail, from this event.
   */
  | { type: 'quarantine-release-refused'; reason: AsyncReleaseRefusal; requestedBy: string }
  /** Released into triage: decided again as vouched for (its new outcome and the rules that gave it). */
  | { type: 'quarantine-released'; outcome: Outcome; ruleIds: string[]; joined?: undefined }
  /**
   * Released into her case, which the mail joined as her proven mail would (shared/app/quarantine-
   * release.ts); this record stays quarantined mail, reviewed. A ticket join keeps the accepted
   * decision that led to it; a thread join was decided by no rule, so it has none (events recorded
   * before `via` was kept carry the decision made without the thread).
   */
  | { type: 'quarantine-released'; joined: ReleasedJoin; outcome?: Outcome; ruleIds?: string[] }
  /**
   * Older events of the kinds that only grow with traffic (history-budget.ts SUMMARISED_TYPES: her
   * replies, refused staff actions, reminders, escalations), folded into one line by count when the
   * case item neared DynamoDB's 400 KB: `from`/`to` the first and last folded event's instants.
   */
  | { type: 'summarised'; counts: SummarisedCounts; from: string; to: string }
);

/** How many events of each summarised kind a `summarised` event stands for. */
export type SummarisedCounts = Partial<Record<'merchant-replied' | 'refused' | 'reminder-sent' | 'escalated', number>>;

export type HistoryEventType = HistoryEvent['type'];

/**
 * What a transition writes on the case. A key left out is unchanged; `null` removes the
 * attribute (e.g. `closedAt` on reopening). The store applies it only if the case is still at the
 * version (and status) the transition was computed from.
 */
export interface CaseChanges {
  status?: LifecycleStatus;
  assignee?: string;
  assignedAt?: string;
  dueAt?: string;
  closedAt?: string | null;
  closure?: Closure | null;
  reopenedAt?: string;
}

/**
 * A file of a staff mail that is not relayed to the merchant: of a kind its bytes did not prove
 * (`format`: a .zip, a .heic, a program) or past `lifecycle.maxRelayAttachmentBytes` (`size`).
 */
/**
 * The files of a staff mail that moved a case: those within the relay limit (read from the stored
 * mail by MIME part) go to the new analyst; the others are named, with why.
 */
export interface HandedOverFiles {
  raw: ObjectLocation;
  parts: AttachmentMeta[];
  leftOut: LeftOutFile[];
}

export interface LeftOutFile {
  filename: string;
  /** 'unscanned': SES's anti-virus did not pass the mail (relayed-files.ts filesScanned). */
  why: 'format' | 'size' | 'unscanned';
}

/** Text a staff member sent to the merchant through us (the relayed answer). */
export interface RelayedAnswer {
  /** Fresh text only: quoted history and signature already stripped. */
  body: string;
  /** Attachments within `lifecycle.maxRelayAttachmentBytes`; the bytes stay in the raw mail. */
  attachments: AttachmentMeta[];
  /** Idempotency key of the staff mail (SES message id). */
  sourceId: string;
  /** The staff mail as stored raw: where the relayed attachments' bytes are read from. */
  raw?: ObjectLocation;
}

/** What the merchant is told of a `#prorrogar`: by how much, why, and the new due date. */
export interface ExtensionNews {
  businessDays: number;
  reason: string;
  dueAt: string;
}

/**
 * What must happen outside once the transition is stored: data only, carried out (and retried)
 * by the application. Every effect is safe to repeat: mails carry a Message-ID fixed per effect,
 * counters are idempotent per (analyst, case), schedules per name.
 */
export type Effect =
  /**
   * The analyst's answer, from the ombudsman address, threaded on the merchant's last message.
   * `extension`: the `#prorrogar` of the same mail, told in the answer (new date and reason) rather
   * than in a second mail a minute later.
   */
  | { kind: 'relay-to-merchant'; answer: RelayedAnswer; extension?: ExtensionNews }
  /** The merchant's new message, to the case's analyst (Reply-To: the per-case address). */
  | { kind: 'forward-to-analyst'; analystId: string; messageSourceId: string }
  /**
   * The case was handed over: tell the new analyst (with the note, if one came with it). `by`: who
   * moved it, when not the analyst who had it (a supervisor, e.g. during a leave).
   */
  | {
      kind: 'notify-transfer';
      from: string;
      to: string;
      by?: string;
      note?: string;
      /** Files the mail that moved it carried: they go to the new analyst, never to the merchant. */
      files?: HandedOverFiles;
    }
  /**
   * `assignedAt`: the case came to her by a transfer at that instant, which is her turn in the
   * assignment's "least recently assigned" order (a reopening is no turn: the case was hers).
   */
  | { kind: 'open-count'; analystId: string; change: 'opened' | 'closed'; assignedAt?: string }
  /** (Re)arm the reminder and escalation for this due date; older timers find a different date and do nothing. */
  | { kind: 'schedule-timers'; dueAt: string }
  | ({ kind: 'notify-extension' } & ExtensionNews)
  /** Resolution and the five survey links; `message` is the analyst's text sent with #encerrar. */
  | {
      kind: 'send-closing';
      category: CloseCategory;
      summary: string;
      message?: string;
      /** The close it announces (the case's `closedAt`): a later close or a reopening overtakes it. */
      closedAt?: string;
    }
  /**
   * Closed by someone else than its analyst (a supervisor, from the console or by mail): she learns
   * it is closed, by whom and how, and stops working on it. `closedAt`: the close it tells of.
   */
  | { kind: 'notify-closed'; analystId: string; by: string; closedAt: string }
  /** Reopened by the merchant's message: they learn the case is open again and its due date. */
  | { kind: 'notify-reopen'; dueAt: string }
  /** Reopened: the case's raw mail and files lose the closed-case expiry tag (kept while the case is open). */
  | { kind: 'reopen-files' }
  /**
   * Closed or reopened: every stored item of the case beside the case item (its messages, their
   * pointers, the survey answer, the stored texts) takes the case item's retention as it is when
   * this runs (LGPD: what the closing starts expires with the case). An effect, not part of the
   * commit's write: dozens of items cannot join one conditional write, and a run stopped half-way
   * stays pending until a retry or the sweep completes it.
   */
  | { kind: 'item-retention' }
  /** A staff mail did nothing: tell its sender why, in pt-BR. */
  | { kind: 'explain-to-staff'; staffId: string; problems: StaffProblem[] }
  /** Files of a staff mail that did not go to the merchant with it: tell its sender which and why. */
  | { kind: 'tell-files-left-out'; staffId: string; files: LeftOutFile[] }
  /**
   * Her answer went to the merchant minutes after a colleague's (ANSWER_OVERLAP_MS): she is told who
   * answered and when, so the merchant does not go on getting two lines from the office.
   */
  | { kind: 'tell-answer-overlap'; staffId: string; otherId: string; otherAt: string }
  /**
   * Her later message brought files the office does not take (a HEIC photo, a .zip): she is told
   * which, and in which formats to send them again; or it arrived encrypted: she is asked to send it
   * again unencrypted. Her first message's are in its acknowledgement.
   */
  | { kind: 'tell-merchant-files-not-taken'; messageSourceId: string }
  | { kind: 'remind-analyst'; analystId: string; dueAt: string }
  /**
   * A low survey score: her analyst learns it, with her comment (read from the answer) — by mail
   * (`via: 'email'`) her forwarded mail said it already, so only when the analyst has left the team
   * (the supervisors are told instead).
   */
  | { kind: 'tell-low-score'; analystId: string; score: number; via: 'web' | 'email' }
  | { kind: 'escalate'; dueAt: string; analystId?: string };

export type EffectKind = Effect['kind'];

/** Why something was refused, for the staff member (pt-BR) and for logs (code). */
export interface StaffProblem {
  code: RefusalCode;
  /** pt-BR, for the person who sent it. */
  message: string;
  /** The command line concerned, when there is one. */
  line?: string;
}

export type RefusalCode =
  | 'not-a-case'
  | 'not-allowed'
  | 'wrong-state'
  | 'case-closed'
  | 'empty-answer'
  | 'empty-note'
  | 'note-or-answer'
  | 'answer-in-quote'
  | 'unknown-command'
  | 'malformed-command'
  | 'duplicate-command'
  | 'conflicting-commands'
  | 'misplaced-command'
  | 'command-in-subject'
  | 'parts-disagree'
  | 'absence-notice'
  | 'invalid-days'
  | 'missing-reason'
  | 'invalid-category'
  | 'unknown-analyst'
  | 'ambiguous-analyst'
  | 'inactive-analyst'
  | 'same-analyst'
  | 'no-due-date'
  | 'reopen-window-passed'
  | 'notes-full'
  | 'history-full'
  | 'mail-backlog';

/** What each refusal means, in pt-BR: the history's wording of a refusal recorded without its reasons. */
export const REFUSAL_LABELS_PT: Record<RefusalCode, string> = {
  'not-a-case': 'não é um caso da Ouvidoria',
  'not-allowed': 'só o(a) analista responsável ou a supervisão podem atuar no caso',
  'wrong-state': 'a situação do caso não permite esta ação',
  'case-closed': 'o caso já está encerrado',
  'empty-answer': 'resposta sem texto novo',
  'empty-note': 'nota interna vazia',
  'note-or-answer': '#nota acima de uma resposta ao lojista',
  'answer-in-quote': 'respostas dentro do histórico citado, que não vai ao lojista',
  'unknown-command': 'comando desconhecido',
  'malformed-command': 'comando incompleto ou mal escrito',
  'duplicate-command': 'comando repetido na mesma mensagem',
  'conflicting-commands': 'comandos que não podem vir juntos',
  'misplaced-command': 'comando no meio do texto, não nas primeiras linhas',
  'command-in-subject': 'comando no assunto, não nas primeiras linhas do texto',
  'parts-disagree': 'versões em HTML e em texto simples da mensagem com comandos diferentes',
  'absence-notice': 'aviso automático de ausência, não uma resposta ao lojista',
  'invalid-days': 'número de dias úteis inválido',
  'missing-reason': 'prorrogação sem motivo',
  'invalid-category': 'categoria de encerramento desconhecida',
  'unknown-analyst': 'pessoa da equipe desconhecida',
  'ambiguous-analyst': 'nome de mais de uma pessoa da equipe',
  'inactive-analyst': 'pessoa da equipe inativa ou de licença',
  'same-analyst': 'o caso já está com essa pessoa',
  'no-due-date': 'o caso ainda não tem prazo',
  'reopen-window-passed': 'prazo de reabertura encerrado',
  'notes-full': 'as notas internas do caso chegaram ao limite do registro',
  'history-full': 'o registro do caso chegou ao limite: só é possível encerrar ou transferir o caso',
  'mail-backlog': 'mensagens anteriores do caso ainda aguardando envio',
};

/** The pt-BR reasons of a recorded refusal: the explanations given, or the code's label. */
export function refusalReasonsPt(e: { code: string; reasons?: string[] }): string[] {
  if (e.reasons && e.reasons.length > 0) return e.reasons;
  return [REFUSAL_LABELS_PT[e.code as RefusalCode] ?? 'ação não permitida'];
}

export type Transition =
  | { ok: true; next: CaseChanges; events: HistoryEvent[]; effects: Effect[] }
  | { ok: false; refusal: StaffProblem };

/** An effect waiting to be carried out, stored on the case in the same write as its transition. */
export interface PendingEffect {
  id: string;
  effect: Effect;
  createdAt: string;
  /** Position in its transition: effects run in this order (a stored map keeps no order). */
  order: number;
}

/**
 * The record the lifecycle works on: a stored case with the lifecycle attributes (all optional,
 * so records written before the lifecycle existed read as version 0 with an empty history).
 */
export type WorkCase = Omit<CaseRecord, 'status'> & { status: WorkStatus };

/** The survey's scores as the merchant reads them (closing mail, survey and status pages). */
export const SCORE_LABELS_PT: Record<number, string> = {
  1: '1 — Muito insatisfeito(a)',
  2: '2 — Insatisfeito(a)',
  3: '3 — Neutro',
  4: '4 — Satisfeito(a)',
  5: '5 — Muito satisfeito(a)',
};

/**
 * effectFailed errors of effects the lifecycle settles rather than leaves for a retry: what they need
 * is gone (a staff member off the roster, the message they send not on the case).
 */
export const SETTLED_EFFECT_ERRORS: ReadonlySet<string> = new Set(['MissingStaff', 'MessageMissing']);
