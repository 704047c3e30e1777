/**
 * The one way the lifecycle services change a case: compute a transition from the case as read,
 * store it with its events, messages and effects in one conditional write, re-read and recompute
 * when another writer got there first, then carry out the effects.
 */
import { EFFECT_TEXTS } from '../../domain/lifecycle/messages';
import { createHash } from 'node:crypto';
import { type OfficeCalendar, officeCalendar } from '../../domain/calendar';
import type { CaseMessage } from '../../domain/case';
import type { OuvidoriaConfig } from '../../domain/config';
import type { ReplySecret } from '../../domain/lifecycle/reply-address';
import { effectStillFits } from '../../domain/lifecycle/effect-fit';
import { compactedHistory, effectsWithinOutbox } from '../../domain/lifecycle/history-budget';
import { applyChanges } from '../../domain/lifecycle/machine';
import type { CaseChanges, PendingEffect, Transition, WorkCase } from '../../domain/lifecycle/types';
import { keyedMessageId } from '../../domain/message-id';
import type { BounceRegistry, RateLimiter, RawMailRetention, SenderOpenCases, UploadRetention } from '../../ports';
import { carryOutEffects } from './effects';
import {
  type CaseWorkStore,
  type Clock,
  type LifecycleMailer,
  type LifecycleTelemetry,
  type OpenCaseCounter,
  type StaffDirectory,
  type SurveyStore,
  silentLifecycleTelemetry,
  type TimerScheduler,
} from './ports';

export interface LifecycleDeps {
  cases: CaseWorkStore;
  counter: OpenCaseCounter;
  staff: StaffDirectory;
  mailer: LifecycleMailer;
  timers: TimerScheduler;
  surveys: SurveyStore;
  clock: Clock;
  config: OuvidoriaConfig;
  /** HMAC secret of staff reply addresses and signed links (Secrets Manager; a file locally). */
  secret: ReplySecret;
  telemetry?: LifecycleTelemetry;
  /** Built from `config` when omitted; pass one to share its holiday cache. */
  calendar?: OfficeCalendar;
  /** The merchants' open cases (the webform cap): freed on close, taken again on reopening. */
  openCases?: Pick<SenderOpenCases, 'add' | 'release'>;
  /** Raw-mail retention tags (S3): a closed case's mail expires `retentionDays` after closing. */
  rawMailRetention?: RawMailRetention;
  /** Webform files: a closed case's files expire on its clock too. */
  uploadRetention?: UploadRetention;
  /**
   * Counts the notices an analyst gets that a mail of hers was set aside
   * (lifecycle.staffQuarantineNoticesPerDay). Without it, none is sent.
   */
  noticeLimiter?: RateLimiter;
  /**
   * The bounce memory: a reminder or an escalation warns, as the case page does, when the merchant's
   * address bounces our mail. Without it (or unreadable), no warning.
   */
  bounces?: Pick<BounceRegistry, 'isSuppressed'>;
}

export interface ResolvedDeps extends LifecycleDeps {
  telemetry: LifecycleTelemetry;
  calendar: OfficeCalendar;
}

export function resolveDeps(deps: LifecycleDeps): ResolvedDeps {
  return {
    ...deps,
    telemetry: deps.telemetry ?? silentLifecycleTelemetry,
    calendar: deps.calendar ?? officeCalendar(deps.config, 'office'),
  };
}

/** Attempts before giving up on a case many writers are changing at once (the platform retries later). */
export const MAX_COMMIT_ATTEMPTS = 6;
/** Random pause before a re-read grows with the attempt, so racing writers stop meeting in lockstep. */
const BACKOFF_MS = 20;

const pause = (attempt: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, Math.floor(Math.random() * BACKOFF_MS * attempt)));

export class CaseBusy extends Error {
  constructor(readonly caseId: string) {
    super(`Case ${caseId} kept changing under ${MAX_COMMIT_ATTEMPTS} attempts`);
    this.name = 'CaseBusy';
  }
}

/**
 * Effect ids derive from the case, the cause and the position, so a recomputation after a crash
 * yields the same ids — and the same Message-IDs, which derive from them (random-looking, never from
 * a protocol). The case is part of it: a console form's id comes from the browser, and the same id
 * sent on two cases gave both merchants' mails one Message-ID (the second case's replies then
 * threaded to the first, whose merchant they are not: new submissions).
 */
export function effectId(caseId: string, sourceId: string, index: number): string {
  return createHash('sha256').update(`${caseId}\n${sourceId}\n${index}`).digest('hex').slice(0, 24);
}

/**
 * The Message-ID of a mail the lifecycle sends, from its effect (or cause) and recipient: the same on
 * every retry, so a resend after a crash is one message, and keyed with the office's secret, so it
 * tells nothing of the case and no one can forge it (SPEC "Trust rules").
 */
export function lifecycleMessageId(deps: Pick<LifecycleDeps, 'config' | 'secret'>, ...parts: string[]): string {
  return keyedMessageId(deps.config.domain, deps.secret, 'lifecycle', ...parts);
}

/** Whether the case recorded this source already: by its id, or, for a staff mail, by the mail's own identity. */
export function alreadyApplied(c: WorkCase, sourceId: string, mailId?: string): boolean {
  const history = c.history ?? [];
  if (history.some((e) => e.sourceId === sourceId || (mailId !== undefined && e.mailId === mailId))) return true;
  // A folded history (history-budget.ts) lost the events of her older replies, not their messages,
  // which the same write stored: a retry of one of them finds its message.
  return history.some((e) => e.type === 'summarised') && c.messages.some((m) => m.sourceId === sourceId);
}

/** The case's pending effects that no longer fit it once `next` is applied (effect-fit.ts). */
export function overtaken(c: WorkCase, next: CaseChanges): PendingEffect[] {
  const pending = Object.values(c.pendingEffects ?? {});
  if (pending.length === 0) return [];
  const after = applyChanges(c, next);
  return pending.filter((p) => !effectStillFits(p.effect, after));
}

export interface Planned {
  transition: Extract<Transition, { ok: true }>;
  messages?: CaseMessage[];
}

export type CommitOutcome =
  | { kind: 'committed'; before: WorkCase; after: WorkCase; planned: Planned }
  | { kind: 'duplicate'; current: WorkCase }
  | { kind: 'skipped'; current: WorkCase; reason: string }
  | { kind: 'not-found' };

/**
 * Reads (or takes) the case, asks `plan` for the transition, commits it conditionally; on a
 * conflict re-reads and plans again. `plan` returns a string to skip (nothing to write).
 * After a commit, or on a duplicate, the pending effects are carried out. `mailId`: a staff mail's
 * own identity, a duplicate too when the case has it (HistoryEvent.mailId).
 */
export async function commitWithRetry(
  deps: ResolvedDeps,
  caseId: string,
  sourceId: string,
  plan: (current: WorkCase) => Promise<Planned | string> | Planned | string,
  initial?: WorkCase,
  mailId?: string,
): Promise<CommitOutcome> {
  // The texts the pending effects send (EFFECT_TEXTS), no others: a case of hundreds of long texts.
  let current: WorkCase | null = initial ?? (await deps.cases.get(caseId, EFFECT_TEXTS));
  for (let attempt = 1; attempt <= MAX_COMMIT_ATTEMPTS; attempt++) {
    if (!current) return { kind: 'not-found' };
    if (alreadyApplied(current, sourceId, mailId)) {
      // The caller's record (the intake's read: a message still in the case item's pending map is
      // not among its messages) may lack what a pending effect sends — a forward then went nowhere
      // and was settled. The effects run on the lifecycle's own read.
      const fresh = current === initial ? await deps.cases.get(caseId, EFFECT_TEXTS) : current;
      if (fresh) await carryOutEffects(deps, fresh);
      return { kind: 'duplicate', current };
    }
    const asked = await plan(current);
    if (typeof asked === 'string') return { kind: 'skipped', current, reason: asked };
    const at = deps.clock.now().toISOString();
    const all: PendingEffect[] = asked.transition.effects.map((effect, i) => ({
      id: effectId(caseId, sourceId, i),
      effect,
      createdAt: at,
      order: i,
    }));
    // Mail already waits on the case (an outage): notices to staff wait no more (history-budget.ts).
    const effects = effectsWithinOutbox(current, all);
    if (effects.length < all.length) {
      deps.telemetry.noticesDropped?.({
        caseId,
        effects: all.filter((e) => !effects.includes(e)).map((e) => e.effect.kind),
      });
    }
    const planned: Planned =
      effects.length < all.length
        ? { ...asked, transition: { ...asked.transition, effects: effects.map((e) => e.effect) } }
        : asked;
    // What this transition overtakes leaves in the same write (an in-flight runner checks again).
    const superseded = overtaken(current, planned.transition.next);
    // Near the item's limit the history is written whole, its older traffic folded (history-budget.ts).
    const history = compactedHistory(current, planned.transition.events);
    if (history) deps.telemetry.historyCompacted?.({ caseId, events: history.length });
    const result = await deps.cases.commit({
      caseId,
      expectedVersion: current.version ?? 0,
      changes: planned.transition.next,
      events: planned.transition.events,
      messages: planned.messages ?? [],
      effects,
      ...(superseded.length > 0 ? { superseded: superseded.map((p) => p.id) } : {}),
      ...(history ? { history: { events: history, base: current.history?.length ?? 0 } } : {}),
    });
    if (result.ok) {
      for (const p of superseded) deps.telemetry.effectSuperseded({ caseId, effect: p.effect.kind });
      const after = await deps.cases.get(caseId, EFFECT_TEXTS);
      if (!after) return { kind: 'not-found' };
      await carryOutEffects(deps, after, new Set(effects.map((e) => e.id)));
      return { kind: 'committed', before: current, after, planned };
    }
    if (result.reason === 'not-found') return { kind: 'not-found' };
    deps.telemetry.commitConflict({ caseId, attempt });
    await pause(attempt);
    current = await deps.cases.get(caseId, EFFECT_TEXTS);
  }
  throw new CaseBusy(caseId);
}
