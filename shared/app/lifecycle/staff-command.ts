/**
 * One staff action on one case — the path shared by the per-case mail (staff-mail.ts) and the
 * staff console (shared/console/): a parsed list of commands and the fresh text below them become
 * one transition (planStaffMail), committed with retry; the answer is kept as an outgoing message.
 * A malformed command list, a wrong state or a refused action leave a `refused` history event.
 * `sourceId` is the idempotency key (SES message id; a console form's one-time action id).
 * A refusal is explained where the action came from: by mail to a mail's sender; to the console,
 * in the result (the page shows it), with no mail.
 */
import type { CaseMessage } from '../../domain/case';
import type { ParsedStaffMail } from '../../domain/lifecycle/commands';
import { type LifecycleContext, recordRefusal, type TransferTarget } from '../../domain/lifecycle/machine';
import { planStaffMail } from '../../domain/lifecycle/plan';
import { withoutStaffReplyAddresses } from '../../domain/lifecycle/reply-address';
import { staffTextForMerchant } from '../../domain/lifecycle/staff-text';
import { ambiguousStaffProblem, staffByReference, unknownStaffProblem } from '../../domain/lifecycle/staff-reference';
import {
  type Actor,
  type Effect,
  isOnLeave,
  type LeftOutFile,
  type RefusalCode,
  type StaffMember,
  type StaffProblem,
  type WorkCase,
} from '../../domain/lifecycle/types';
import type { AttachmentMeta, Channel, ObjectLocation } from '../../domain/submission';
import { type CommitOutcome, commitWithRetry, type Planned, type ResolvedDeps } from './commit';
import type { StaffDirectory } from './ports';

export type StaffActor = Extract<Actor, { kind: 'staff' }>;

export interface StaffCommandSource {
  /** Idempotency key: the same source applied twice changes the case once. */
  sourceId: string;
  /** A mail's own identity (HistoryEvent.mailId): the same mail under another sourceId is a duplicate. */
  mailId?: string;
  /** Where the action came from: a refusal is explained by mail only to a mail's sender. */
  origin: 'mail' | 'console';
  channel: Channel;
  receivedAt: string;
  subject: string;
  /** Attachments already within the relay limit. */
  attachments?: AttachmentMeta[];
  /** The mail's files that are not relayed, and why (its sender is told). */
  leftOut?: LeftOutFile[];
  raw?: ObjectLocation;
  /** The mail answers inside its quoted history (inline-answers.ts): nothing of it may be relayed. */
  answersInQuote?: boolean;
}

export type StaffCommandResult =
  | { kind: 'applied'; caseId: string; events: string[] }
  /** `problems`: the pt-BR explanations (the same the refusal mail lists). */
  | { kind: 'refused'; caseId: string; codes: RefusalCode[]; problems: StaffProblem[] }
  | { kind: 'duplicate'; caseId: string }
  | { kind: 'not-found'; caseId: string };

/**
 * Applies `commands` (parsed, or refused by the parser) with `body` as the fresh text.
 * `initial` saves a read when the caller already holds the case.
 */
export async function applyStaffCommand(
  caseId: string,
  actor: StaffActor,
  written: ParsedStaffMail,
  writtenBody: string,
  deps: ResolvedDeps,
  source: StaffCommandSource,
  initial?: WorkCase,
): Promise<StaffCommandResult> {
  const { config } = deps;
  // What staff write reaches the merchant (her mail and status page) cleaned here, for the mail and
  // the console alike: no signature of hers (the office signs), no staff address (staff-text.ts).
  const { commands, body } = await forMerchant(written, writtenBody, actor, deps);
  const attachments = source.attachments ?? [];
  const explainByMail = source.origin === 'mail';
  let refusal: StaffProblem[] = [];
  const refuse = (problems: StaffProblem[], lines: string[], ctx: LifecycleContext): Planned => {
    refusal = problems;
    const transition = recordRefusal(actor, problems, lines, ctx, explainByMail);
    // The refused mail's raw mail, named on its entry: an erasure of the merchant finds it (its text
    // may quote her case); it expires as a set-aside mail does (below), not with the case.
    if (!source.raw || !transition.ok) return { transition };
    return { transition: { ...transition, events: transition.events.map((e) => ({ ...e, raw: source.raw })) } };
  };
  const plan = async (c: WorkCase): Promise<Planned> => {
    const now = deps.clock.now();
    const ctx: LifecycleContext = {
      now,
      config,
      calendar: deps.calendar,
      sourceId: source.sourceId,
      ...(source.mailId ? { mailId: source.mailId } : {}),
    };
    refusal = [];
    if (!commands.ok) return refuse(commands.problems, commands.commandLines, ctx);
    const moveTo = commands.commands.find((k) => k.kind === 'transfer');
    let transferTarget: TransferTarget | null | undefined;
    let transferNotFound: StaffProblem | undefined;
    if (moveTo && moveTo.kind === 'transfer') {
      const found = await staffNamed(deps.staff, moveTo.to);
      const target = found.kind === 'found' ? found.member : null;
      if (found.kind === 'ambiguous')
        transferNotFound = ambiguousStaffProblem(moveTo.to, found.candidates, moveTo.line);
      if (found.kind === 'none') transferNotFound = unknownStaffProblem(moveTo.to, found.team, moveTo.line);
      const away = target !== null && isOnLeave(target, deps.calendar.localDate(now));
      transferTarget = target
        ? {
            id: target.id,
            active: target.active,
            onLeave: away,
            ...(away && target.leave ? { leaveUntil: target.leave.to } : {}),
          }
        : null;
    }
    const transition = planStaffMail(
      c,
      actor,
      {
        sourceId: source.sourceId,
        commands: commands.commands,
        body,
        attachments,
        ...(source.leftOut ? { leftOut: source.leftOut } : {}),
        ...(source.raw ? { raw: source.raw } : {}),
        ...(transferTarget !== undefined ? { transferTarget } : {}),
        ...(transferNotFound ? { transferNotFound } : {}),
        ...(source.answersInQuote ? { answersInQuote: true } : {}),
      },
      ctx,
    );
    if (!transition.ok) {
      return refuse(
        [transition.refusal],
        commands.commands.map((k) => k.line),
        ctx,
      );
    }
    const messages = outgoingMessages(transition.effects, source, actor.id, body);
    // A mail of commands only keeps no message: its events name its raw mail, which then follows
    // the case's LGPD clock (rawMailOf) instead of being kept forever.
    const events =
      messages.length === 0 && source.raw
        ? transition.events.map((event) => ({ ...event, raw: source.raw }))
        : transition.events;
    return { transition: { ...transition, events }, messages };
  };

  const outcome: CommitOutcome = await commitWithRetry(deps, caseId, source.sourceId, plan, initial, source.mailId);
  switch (outcome.kind) {
    case 'not-found':
      return { kind: 'not-found', caseId };
    case 'duplicate':
    case 'skipped':
      return { kind: 'duplicate', caseId };
    case 'committed': {
      const events = outcome.planned.transition.events;
      if (events.some((e) => e.type === 'refused')) {
        const problems = refusal;
        const codes = problems.map((p) => p.code);
        // LGPD: no message refers to a refused mail's raw mail, so no closing would ever tag it; it
        // expires like a set-aside staff mail's (quarantined: redirectRetentionDays after arrival).
        if (source.raw) await deps.rawMailRetention?.markRedirected(source.raw);
        return { kind: 'refused', caseId, codes, problems };
      }
      return { kind: 'applied', caseId, events: events.map((e) => e.type) };
    }
  }
}

/**
 * The person `#transferir` names: one GetItem for an id (as before), the roster for a name or an
 * address. `team` is the roster, for a refusal that lists who can be named.
 */
async function staffNamed(
  staff: StaffDirectory,
  reference: string,
): Promise<
  | { kind: 'found'; member: StaffMember }
  | { kind: 'ambiguous'; candidates: StaffMember[] }
  | { kind: 'none'; team: StaffMember[] }
> {
  const byId = reference.includes('@') || reference.includes(' ') ? null : await staff.byId(reference);
  if (byId) return { kind: 'found', member: byId };
  const team = await staff.roster();
  const found = staffByReference(team, reference);
  return found.kind === 'none' ? { kind: 'none', team } : found;
}

/**
 * The commands and body with what they send the merchant (an answer or closing text, a summary, a
 * reason) as staffTextForMerchant leaves it. A note's or a transfer's text goes to staff only: only a
 * staff reply address is rewritten there. The roster is read only when something goes to the merchant.
 */
async function forMerchant(
  parsed: ParsedStaffMail,
  writtenBody: string,
  actor: StaffActor,
  deps: ResolvedDeps,
): Promise<{ commands: ParsedStaffMail; body: string }> {
  const { config } = deps;
  const internal = parsed.ok && parsed.commands.some((k) => k.kind === 'note' || k.kind === 'transfer');
  const sent =
    parsed.ok &&
    (parsed.commands.some((k) => k.kind === 'close' || k.kind === 'extend') || (!internal && writtenBody !== ''));
  const team = sent ? await deps.staff.roster() : [];
  const writer = team.find((m) => m.id === actor.id);
  const clean = (text: string) => staffTextForMerchant(text, writer, team, config);
  const body = (text: string) => (internal ? withoutStaffReplyAddresses(text, config) : clean(text));
  if (!parsed.ok) return { commands: parsed, body: body(writtenBody) };
  return {
    body: body(writtenBody),
    commands: {
      ok: true,
      body: body(parsed.body),
      commands: parsed.commands.map((k) => {
        switch (k.kind) {
          case 'close':
            return { ...k, summary: clean(k.summary) };
          case 'extend':
            return { ...k, reason: clean(k.reason) };
          default:
            return k;
        }
      }),
    },
  };
}

/** What the merchant is sent, kept on the case as an outgoing message (the status page shows it). */
function outgoingMessages(
  effects: readonly Effect[],
  source: StaffCommandSource,
  author: string,
  body: string,
): CaseMessage[] {
  const relay = effects.find(
    (e): e is Extract<Effect, { kind: 'relay-to-merchant' }> => e.kind === 'relay-to-merchant',
  );
  const closing = effects.find((e): e is Extract<Effect, { kind: 'send-closing' }> => e.kind === 'send-closing');
  if (!relay && !closing?.message) return [];
  return [
    {
      sourceId: source.sourceId,
      channel: source.channel,
      receivedAt: source.receivedAt,
      subject: source.subject,
      text: body,
      attachments: relay ? relay.answer.attachments : [],
      ...(source.raw ? { raw: source.raw } : {}),
      direction: 'out',
      author,
    },
  ];
}
