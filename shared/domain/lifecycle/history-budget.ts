/**
 * The case item's budget (DynamoDB refuses any write that takes an item past 400 KB, and from then
 * on nothing on the case could be written: no answer, no closing, no erasure stamp). Two lists on
 * the case item grow with its life: `history` (every event) and `messageIds` (our mails' ids). Their
 * growth comes in two kinds:
 * - traffic: her replies (`merchant-replied`: a merchant mailing her case a thousand times, her
 *   helpdesk acknowledging our mails), refused staff actions (a staff client looping on a refusal,
 *   each entry up to ~7 KB), reminders and escalations. None of them is read by the report, and the
 *   messages themselves live on their own items: past CASE_GROWTH_COMPACT_BYTES the older ones are
 *   folded into one `summarised` event by count, the newest kept whole (RECENT_SUMMARISABLE_BYTES);
 * - lasting: what staff did (answers, notes — budgeted on their own, MAX_CASE_NOTES_BYTES —,
 *   extensions, waits, transfers, closings, reopenings, assignments) and the Message-IDs of our
 *   mails. Past CASE_LASTING_FULL_BYTES the actions that only add (answer, note, wait, extend) are
 *   refused with a pt-BR word (`history-full`); closing, transferring, reopening and assignment
 *   still go, each under 1 KB. Past CASE_LASTING_HARD_BYTES transfers are refused too and her mail
 *   to the closed case opens a new, linked case: the closing of the open case always goes.
 * A third map waits there while mail fails (an SES outage, a throttle): `pendingEffects`, the outbox,
 * whose relayed answers hold their whole text (up to ~60 KB each) and whose forwards and
 * explanations pile up with her mails and refused staff mails. It is held to
 * MAX_PENDING_EFFECTS_BYTES: past it, notices to staff are left unsent (the console shows what they
 * would have said) and a new answer is refused until the waiting mail has gone out; closings,
 * transfers, extensions and reopenings overtake their own earlier mails (effect-fit.ts), so they
 * never pile up. In all (UTF-8 JSON, above DynamoDB's own count): what lasts ≤ 260 KB plus a
 * closing, the newest traffic 16 KB, the outbox ≤ 40 KB (or one answer alone, ≤ 20,000 characters)
 * plus a closing's mail, the rest of the item a few KB: ~350 KB for Portuguese text, the 400 KB
 * limit reached only by 20,000-character answers and closings all in three-byte characters at once.
 * Notes (MAX_CASE_NOTES_BYTES, 200 KB) fit within CASE_LASTING_FULL_BYTES, so `notes-full` comes first.
 */
import type { Effect, EffectKind, HistoryEvent, SummarisedCounts, WorkCase } from './types';

/** Event kinds folded by count when the item nears its limit (none is read by the report). */
export const SUMMARISED_TYPES = ['merchant-replied', 'refused', 'reminder-sent', 'escalated'] as const;
type SummarisedType = (typeof SUMMARISED_TYPES)[number];

/** History + Message-IDs (UTF-8 JSON bytes) past which traffic events are folded. */
export const CASE_GROWTH_COMPACT_BYTES = 240_000;
/** Lasting history + Message-IDs past which the actions that only add are refused. */
export const CASE_LASTING_FULL_BYTES = 230_000;
/**
 * Past this, transfers are refused too and her mail to the closed case opens a new, linked case
 * instead of reopening it (each reopening brings a closing): only the closing of an open case goes,
 * once. Without it a script transferring a full case back and forth would still reach 400 KB.
 */
export const CASE_LASTING_HARD_BYTES = 260_000;
/** The newest traffic events kept whole when folding, in bytes (the console's recent trail). */
export const RECENT_SUMMARISABLE_BYTES = 16_000;

const encoder = new TextEncoder();
/** UTF-8 bytes of a value's JSON: a close proxy of its size on the item (names and values). */
export const jsonBytes = (value: unknown): number => encoder.encode(JSON.stringify(value)).length;

function summarisable(e: HistoryEvent): e is Extract<HistoryEvent, { type: SummarisedType }> {
  if (!(SUMMARISED_TYPES as readonly string[]).includes(e.type)) return false;
  // An event naming a staff mail's raw copy keeps it on the case's LGPD clock (retention.ts
  // rawMailOf), which reads every event but refusals: those stay.
  return e.type === 'refused' || e.raw === undefined;
}

const messageIdsBytes = (ids: readonly string[] | undefined): number =>
  (ids ?? []).reduce((sum, id) => sum + encoder.encode(id).length + 3, 0);

/** What the case item's growing lists weigh: history and Message-IDs. */
export function caseGrowthBytes(c: Pick<WorkCase, 'history' | 'messageIds'>): number {
  return jsonBytes(c.history ?? []) + messageIdsBytes(c.messageIds);
}

/** What folding cannot take back: the history but its traffic events, and the Message-IDs. */
export function lastingBytes(c: Pick<WorkCase, 'history' | 'messageIds'>): number {
  const lasting = (c.history ?? []).filter((e) => !summarisable(e) && e.type !== 'summarised');
  return jsonBytes(lasting) + messageIdsBytes(c.messageIds);
}

/** The case's record is full: only closing, transferring (and what the merchant or the system do) still go. */
export function historyFull(c: Pick<WorkCase, 'history' | 'messageIds'>): boolean {
  return lastingBytes(c) > CASE_LASTING_FULL_BYTES;
}

/** Past the last reserve: only the closing of the open case (CASE_LASTING_HARD_BYTES). */
export function historyAtCeiling(c: Pick<WorkCase, 'history' | 'messageIds'>): boolean {
  return lastingBytes(c) > CASE_LASTING_HARD_BYTES;
}

/**
 * The history a commit writes whole instead of appending `events`, when the case would pass
 * CASE_GROWTH_COMPACT_BYTES: the traffic events but the newest folded into one `summarised` event
 * (an earlier one merged into it), at the place of the oldest folded. Undefined: append as usual
 * (under the budget, or nothing to fold).
 */
export function compactedHistory(
  c: Pick<WorkCase, 'history' | 'messageIds'>,
  events: readonly HistoryEvent[],
): HistoryEvent[] | undefined {
  if (caseGrowthBytes(c) + jsonBytes(events) <= CASE_GROWTH_COMPACT_BYTES) return undefined;
  const all = [...(c.history ?? []), ...events];
  const folded = new Set<number>();
  let recent = 0;
  let keeping = true;
  for (let i = all.length - 1; i >= 0; i--) {
    const e = all[i] as HistoryEvent;
    if (e.type === 'summarised') {
      folded.add(i);
      continue;
    }
    if (!summarisable(e)) continue;
    const bytes = jsonBytes(e);
    if (keeping && recent + bytes <= RECENT_SUMMARISABLE_BYTES) recent += bytes;
    else {
      keeping = false;
      folded.add(i);
    }
  }
  const foldedEvents = all.filter((_, i) => folded.has(i));
  if (foldedEvents.every((e) => e.type === 'summarised')) return undefined;
  const counts: SummarisedCounts = {};
  let from: string | undefined;
  let to: string | undefined;
  for (const e of foldedEvents) {
    const [first, last] = e.type === 'summarised' ? [e.from, e.to] : [e.at, e.at];
    if (from === undefined || first < from) from = first;
    if (to === undefined || last > to) to = last;
    if (e.type === 'summarised') {
      for (const [type, n] of Object.entries(e.counts)) {
        counts[type as SummarisedType] = (counts[type as SummarisedType] ?? 0) + (n ?? 0);
      }
    } else {
      const type = e.type as SummarisedType;
      counts[type] = (counts[type] ?? 0) + 1;
    }
  }
  const summary: HistoryEvent = {
    at: from as string,
    actor: { kind: 'system' },
    type: 'summarised',
    counts,
    from: from as string,
    to: to as string,
  };
  const place = Math.min(...folded);
  const out: HistoryEvent[] = [];
  all.forEach((e, i) => {
    if (i === place) out.push(summary);
    if (!folded.has(i)) out.push(e);
  });
  return out;
}

/** The case's outbox (`pendingEffects`) past which notices wait no more and answers are refused. */
export const MAX_PENDING_EFFECTS_BYTES = 40_000;

/** Notices to staff that may go unsent while the outbox is full (the console shows their content). */
const DROPPABLE_NOTICES: ReadonlySet<EffectKind> = new Set([
  'forward-to-analyst',
  'explain-to-staff',
  'tell-files-left-out',
  'tell-answer-overlap',
  'tell-merchant-files-not-taken',
  'tell-low-score',
]);

/** What the case's outbox weighs. */
export function pendingEffectsBytes(c: Pick<WorkCase, 'pendingEffects'>): number {
  const pending = Object.values(c.pendingEffects ?? {});
  return pending.length === 0 ? 0 : jsonBytes(pending);
}

/**
 * The effects a transition stores: all of them, unless mail already waits on the case and these
 * would take its outbox past MAX_PENDING_EFFECTS_BYTES — then without the notices to staff.
 */
export function effectsWithinOutbox<E extends { effect: Effect }>(
  c: Pick<WorkCase, 'pendingEffects'>,
  effects: E[],
): E[] {
  const pending = pendingEffectsBytes(c);
  if (pending === 0 || pending + jsonBytes(effects) <= MAX_PENDING_EFFECTS_BYTES) return effects;
  return effects.filter((e) => !DROPPABLE_NOTICES.has(e.effect.kind));
}

/** Mail waits on the case and an answer of `bytes` would take its outbox past the budget. */
export function outboxFull(c: Pick<WorkCase, 'pendingEffects'>, bytes: number): boolean {
  const pending = pendingEffectsBytes(c);
  return pending > 0 && pending + bytes > MAX_PENDING_EFFECTS_BYTES;
}
