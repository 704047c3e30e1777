import { describe, expect, it } from 'vitest';
import { effectStillFits, type FitCase } from '../../../../shared/domain/lifecycle/effect-fit';
import type { Effect } from '../../../../shared/domain/lifecycle/types';

const DUE = '2026-03-20T20:59:59.999Z';
const LATER = '2026-03-27T20:59:59.999Z';
const CLOSED_AT = '2026-03-10T12:00:00.000Z';

const open: FitCase = { status: 'IN_PROGRESS', assignee: 'ana', dueAt: DUE };
const waiting: FitCase = { ...open, status: 'WAITING_MERCHANT' };
const closed: FitCase = {
  status: 'CLOSED',
  assignee: 'ana',
  dueAt: DUE,
  closedAt: CLOSED_AT,
  closure: { category: 'resolvido', summary: 'Estorno feito', at: CLOSED_AT, by: 'ana' },
};
const closedAgain: FitCase = {
  ...closed,
  closedAt: '2026-03-12T09:00:00.000Z',
  closure: { category: 'resolvido', summary: 'Estorno feito', at: '2026-03-12T09:00:00.000Z', by: 'ana' },
};
const extended: FitCase = { ...open, dueAt: LATER };
const transferred: FitCase = { ...open, assignee: 'bruno' };

const closing: Effect = { kind: 'send-closing', category: 'resolvido', summary: 'Estorno feito', closedAt: CLOSED_AT };
const legacyClosing: Effect = { kind: 'send-closing', category: 'resolvido', summary: 'Estorno feito' };

const table: Array<[string, Effect, FitCase, boolean]> = [
  // Words people wrote, and the counts (which converge on the case), always go.
  [
    'relayed answer on a closed case',
    { kind: 'relay-to-merchant', answer: { sourceId: 's', body: 'x', attachments: [] } },
    closed,
    true,
  ],
  [
    'forwarded message after a transfer',
    { kind: 'forward-to-analyst', analystId: 'ana', messageSourceId: 'm' },
    transferred,
    true,
  ],
  ['explanation on a closed case', { kind: 'explain-to-staff', staffId: 'ana', problems: [] }, closed, true],
  ['files left out on a closed case', { kind: 'tell-files-left-out', staffId: 'ana', files: [] }, closed, true],
  ['stale opened count on a closed case', { kind: 'open-count', analystId: 'ana', change: 'opened' }, closed, true],
  // The items' retention converges on the case as it is when run: a close's walk after a reopening removes the TTLs.
  ['item retention of a close, the case reopened since', { kind: 'item-retention' }, open, true],
  ['item retention of a reopening, the case closed again', { kind: 'item-retention' }, closedAgain, true],
  // The closing mail: only the close that is still the case's state.
  ['closing of the current close', closing, closed, true],
  ['closing after a reopening', closing, open, false],
  ['closing of an earlier close, closed again', closing, closedAgain, false],
  // The analyst told that a supervisor closed her case: only that close, never after a reopening.
  [
    'closed-by-other notice of the current close',
    { kind: 'notify-closed', analystId: 'ana', by: 'sofia', closedAt: closed.closedAt as string },
    closed,
    true,
  ],
  [
    'closed-by-other notice after a reopening',
    { kind: 'notify-closed', analystId: 'ana', by: 'sofia', closedAt: closed.closedAt as string },
    open,
    false,
  ],
  [
    'closed-by-other notice of an earlier close',
    { kind: 'notify-closed', analystId: 'ana', by: 'sofia', closedAt: closed.closedAt as string },
    closedAgain,
    false,
  ],
  ['legacy closing, same words', legacyClosing, closed, true],
  ['legacy closing after a reopening', legacyClosing, open, false],
  [
    'legacy closing, closed again with other words',
    legacyClosing,
    { ...closed, closure: { category: 'parcial', summary: 'x', at: CLOSED_AT, by: 'ana' } },
    false,
  ],
  // The reopening: only while open.
  ['reopen notice while open', { kind: 'notify-reopen', dueAt: DUE }, open, true],
  ['reopen notice while waiting', { kind: 'notify-reopen', dueAt: DUE }, waiting, true],
  ['reopen notice once closed again', { kind: 'notify-reopen', dueAt: DUE }, closed, false],
  ['reopen files once closed again', { kind: 'reopen-files' }, closed, false],
  // Dates: while open with the same due date.
  ['timers for the current date', { kind: 'schedule-timers', dueAt: DUE }, open, true],
  ['timers for a moved date', { kind: 'schedule-timers', dueAt: DUE }, extended, false],
  ['timers on a closed case', { kind: 'schedule-timers', dueAt: DUE }, closed, false],
  [
    'extension notice, current date',
    { kind: 'notify-extension', businessDays: 5, reason: 'r', dueAt: LATER },
    extended,
    true,
  ],
  [
    'extension notice, extended again',
    { kind: 'notify-extension', businessDays: 5, reason: 'r', dueAt: DUE },
    extended,
    false,
  ],
  [
    'extension notice on a closed case',
    { kind: 'notify-extension', businessDays: 5, reason: 'r', dueAt: DUE },
    closed,
    false,
  ],
  ['escalation while open', { kind: 'escalate', dueAt: DUE, analystId: 'ana' }, open, true],
  [
    'escalation after a transfer (still overdue)',
    { kind: 'escalate', dueAt: DUE, analystId: 'ana' },
    transferred,
    true,
  ],
  ['escalation on a closed case', { kind: 'escalate', dueAt: DUE }, closed, false],
  ['escalation after an extension', { kind: 'escalate', dueAt: DUE }, extended, false],
  ['reminder while open', { kind: 'remind-analyst', analystId: 'ana', dueAt: DUE }, open, true],
  ['reminder after a transfer', { kind: 'remind-analyst', analystId: 'ana', dueAt: DUE }, transferred, false],
  ['reminder after an extension', { kind: 'remind-analyst', analystId: 'ana', dueAt: DUE }, extended, false],
  ['reminder on a closed case', { kind: 'remind-analyst', analystId: 'ana', dueAt: DUE }, closed, false],
  // A transfer notice: while the case is open with the analyst it went to.
  ['transfer notice, still hers', { kind: 'notify-transfer', from: 'ana', to: 'bruno' }, transferred, true],
  [
    'transfer notice, moved on again',
    { kind: 'notify-transfer', from: 'ana', to: 'bruno' },
    { ...open, assignee: 'carla' },
    false,
  ],
  [
    'transfer notice, case closed',
    { kind: 'notify-transfer', from: 'ana', to: 'bruno' },
    { ...closed, assignee: 'bruno' },
    false,
  ],
];

describe('effectStillFits', () => {
  it.each(table)('%s', (_name, effect, c, fits) => {
    expect(effectStillFits(effect, c)).toBe(fits);
  });
});
