import { describe, expect, it } from 'vitest';
import {
  addNote,
  answer,
  applyChanges,
  assign,
  awaitMerchant,
  close,
  compose,
  extend,
  merchantReplied,
  overlapOfLatestAnswer,
  recordRefusal,
  surveyAnswered,
  type TransferTarget,
  timerFired,
  transfer,
} from '../../../../shared/domain/lifecycle/machine';
import type { Actor, Transition, WorkCase, WorkStatus } from '../../../../shared/domain/lifecycle/types';
import { dueDateFrom } from '../../../../shared/domain/lifecycle/deadlines';
import { ana, bruno, ctxAt, sofia, workCase } from '../../../support/lifecycle-fakes';

const NOW = '2026-03-12T14:00:00.000Z';
const ctx = ctxAt(NOW);
const relayed = {
  body: 'Olá, Maria. O estorno foi solicitado ao financeiro.',
  attachments: [],
  sourceId: 'staff-mail-1',
};
const carla: TransferTarget = { id: 'carla', active: true, onLeave: false };

function okOf(t: Transition) {
  if (!t.ok) throw new Error(`expected ok, got ${t.refusal.code}: ${t.refusal.message}`);
  return t;
}

function refusalOf(t: Transition) {
  if (t.ok) throw new Error('expected a refusal');
  return t.refusal;
}

/** Every staff transition, for the tables below. */
const STAFF_TRANSITIONS: Record<string, (c: WorkCase, actor: Actor) => Transition> = {
  answer: (c, a) => answer(c, a, relayed, ctx),
  awaitMerchant: (c, a) => awaitMerchant(c, a, ctx),
  transfer: (c, a) => transfer(c, a, 'carla', carla, ctx),
  extend: (c, a) => extend(c, a, 5, 'aguardando o financeiro', ctx),
  close: (c, a) => close(c, a, 'procedente', 'estorno feito', ctx),
};

describe('who may act', () => {
  it.each(Object.keys(STAFF_TRANSITIONS))(
    '%s: the case analyst and a supervisor may; another analyst may not',
    (name) => {
      const run = STAFF_TRANSITIONS[name]!;
      const c = workCase({ status: 'IN_PROGRESS' });
      expect(run(c, ana).ok).toBe(true);
      expect(run(c, sofia).ok).toBe(true);
      const refusal = refusalOf(run(c, bruno));
      expect(refusal.code).toBe('not-allowed');
      expect(refusal.message).toContain('atribuído a outra pessoa');
      expect(refusalOf(run(c, { kind: 'merchant' })).code).toBe('not-allowed');
    },
  );

  it('notes follow the same rule', () => {
    expect(addNote(workCase(), ana, 'ligar amanhã', ctx).ok).toBe(true);
    expect(addNote(workCase(), sofia, 'acompanhar', ctx).ok).toBe(true);
    expect(refusalOf(addNote(workCase(), bruno, 'oi', ctx)).code).toBe('not-allowed');
  });
});

describe('states each staff transition accepts', () => {
  const table: Array<[string, WorkStatus, string | null]> = [
    ['answer', 'ASSIGNED', null],
    ['answer', 'IN_PROGRESS', null],
    ['answer', 'WAITING_MERCHANT', null],
    ['answer', 'CLOSED', 'case-closed'],
    ['answer', 'QUEUED', 'wrong-state'],
    ['awaitMerchant', 'ASSIGNED', null],
    ['awaitMerchant', 'IN_PROGRESS', null],
    ['awaitMerchant', 'WAITING_MERCHANT', 'wrong-state'],
    ['awaitMerchant', 'CLOSED', 'case-closed'],
    ['transfer', 'ASSIGNED', null],
    ['transfer', 'WAITING_MERCHANT', null],
    ['transfer', 'CLOSED', 'case-closed'],
    ['transfer', 'QUEUED', 'wrong-state'],
    ['extend', 'IN_PROGRESS', null],
    ['extend', 'WAITING_MERCHANT', null],
    ['extend', 'CLOSED', 'case-closed'],
    ['close', 'ASSIGNED', null],
    ['close', 'IN_PROGRESS', null],
    ['close', 'WAITING_MERCHANT', null],
    ['close', 'CLOSED', 'case-closed'],
    ['close', 'REDIRECTED', 'not-a-case'],
    ['close', 'QUARANTINED', 'not-a-case'],
  ];
  it.each(table)('%s from %s → %s', (name, status, refusal) => {
    const result = STAFF_TRANSITIONS[name]!(workCase({ status }), sofia);
    if (refusal === null) expect(result.ok).toBe(true);
    else expect(refusalOf(result).code).toBe(refusal);
  });

  it('a redirected submission is never a case, even for a supervisor', () => {
    const c = workCase({ status: 'REDIRECTED', outcome: 'NO_PRIOR_TICKET' });
    expect(refusalOf(addNote(c, sofia, 'x', ctx)).code).toBe('not-a-case');
    expect(refusalOf(merchantReplied(c, { sourceId: 'm2' }, ctx)).code).toBe('not-a-case');
  });
});

describe('assign', () => {
  const queued = workCase({ status: 'QUEUED', assignee: undefined, assignedAt: undefined, dueAt: undefined });

  it('QUEUED → ASSIGNED, due date from receipt, count and timers', () => {
    const t = okOf(assign(queued, { kind: 'system' }, 'ana', ctx));
    // Received Tuesday 2026-03-10 10:00 São Paulo; 10 business days later.
    expect(t.next).toEqual({
      status: 'ASSIGNED',
      assignee: 'ana',
      assignedAt: NOW,
      dueAt: '2026-03-24T13:00:00.000Z',
    });
    expect(t.events).toEqual([
      {
        at: NOW,
        actor: { kind: 'system' },
        sourceId: 'staff-mail-1',
        type: 'assigned',
        analystId: 'ana',
        dueAt: '2026-03-24T13:00:00.000Z',
      },
    ]);
    expect(t.effects).toEqual([
      { kind: 'open-count', analystId: 'ana', change: 'opened' },
      { kind: 'schedule-timers', dueAt: '2026-03-24T13:00:00.000Z' },
    ]);
  });

  it('keeps a due date announced in the acknowledgement', () => {
    const t = okOf(assign({ ...queued, dueAt: '2026-03-25T20:00:00.000Z' }, sofia, 'ana', ctx));
    expect(t.next.dueAt).toBe('2026-03-25T20:00:00.000Z');
  });

  it.each([
    ['an analyst', ana, 'not-allowed'],
    ['the merchant', { kind: 'merchant' } as Actor, 'not-allowed'],
  ])('is refused to %s', (_who, actor, code) => {
    expect(refusalOf(assign(queued, actor, 'ana', ctx)).code).toBe(code);
  });

  it('only from QUEUED, only accepted cases', () => {
    expect(refusalOf(assign(workCase(), sofia, 'ana', ctx)).code).toBe('wrong-state');
    expect(refusalOf(assign({ ...queued, outcome: 'NOT_A_CLIENT' }, sofia, 'ana', ctx)).code).toBe('not-a-case');
  });
});

describe('answer', () => {
  it.each<WorkStatus>(['ASSIGNED', 'WAITING_MERCHANT'])('%s → IN_PROGRESS and the text is relayed', (status) => {
    const t = okOf(answer(workCase({ status }), ana, relayed, ctx));
    expect(t.next).toEqual({ status: 'IN_PROGRESS' });
    expect(t.events).toMatchObject([{ type: 'answered', actor: ana, messageSourceId: 'staff-mail-1', at: NOW }]);
    expect(t.effects).toEqual([{ kind: 'relay-to-merchant', answer: relayed }]);
  });

  it('IN_PROGRESS stays (no change written)', () => {
    expect(okOf(answer(workCase({ status: 'IN_PROGRESS' }), ana, relayed, ctx)).next).toEqual({});
  });

  it('an empty answer is refused; attachments alone are an answer', () => {
    expect(refusalOf(answer(workCase(), ana, { ...relayed, body: '  \n ' }, ctx)).code).toBe('empty-answer');
    const withFile = {
      ...relayed,
      body: '',
      attachments: [{ contentType: 'application/pdf', size: 10, inline: false }],
    };
    expect(answer(workCase(), ana, withFile, ctx).ok).toBe(true);
  });
});

// Journey 44 left: a supervisor and the analyst answering one case seconds apart — both answers
// went to the merchant and neither writer learned of the other.
describe('answer — a colleague answered minutes before', () => {
  const answeredBy = (who: Actor, at: string) => ({
    at,
    actor: who,
    type: 'answered' as const,
    messageSourceId: `mail-${at}`,
  });
  it.each([
    [
      'Bruno 4 s before',
      [answeredBy(bruno, '2026-03-12T13:59:56.000Z')],
      { otherId: 'bruno', otherAt: '2026-03-12T13:59:56.000Z' },
    ],
    [
      'Sofia 14 min before',
      [answeredBy(sofia, '2026-03-12T13:46:00.000Z')],
      { otherId: 'sofia', otherAt: '2026-03-12T13:46:00.000Z' },
    ],
    [
      'the latest of two colleagues',
      [answeredBy(bruno, '2026-03-12T13:50:00.000Z'), answeredBy(sofia, '2026-03-12T13:58:00.000Z')],
      { otherId: 'sofia', otherAt: '2026-03-12T13:58:00.000Z' },
    ],
    [
      'Sofia after the case was transferred to her',
      [
        { at: '2026-03-12T13:50:00.000Z', actor: bruno, type: 'transferred' as const, from: 'bruno', to: 'ana' },
        answeredBy(sofia, '2026-03-12T13:58:00.000Z'),
      ],
      { otherId: 'sofia', otherAt: '2026-03-12T13:58:00.000Z' },
    ],
  ])('%s: her answer goes, and she is told who answered and when', (_what, history, told) => {
    const t = okOf(answer(workCase({ status: 'IN_PROGRESS', history }), ana, relayed, ctx));
    expect(t.effects).toEqual([
      { kind: 'relay-to-merchant', answer: relayed },
      { kind: 'tell-answer-overlap', staffId: 'ana', ...told },
    ]);
  });

  it.each([
    ['her own answer a minute before', [answeredBy(ana, '2026-03-12T13:59:00.000Z')]],
    ['a colleague 16 min before', [answeredBy(bruno, '2026-03-12T13:44:00.000Z')]],
    [
      'a colleague’s note, no answer',
      [{ at: '2026-03-12T13:59:00.000Z', actor: bruno, type: 'note' as const, text: 'x' }],
    ],
    // Journey 50: Ana asked for a print, Mariana sent it, Ana transferred the case to Bruno with
    // her answer in the transfer notice's history; Bruno's answer minutes later was no overlap.
    [
      'the colleague who answered then transferred the case to her',
      [
        answeredBy(bruno, '2026-03-12T13:50:00.000Z'),
        {
          at: '2026-03-12T13:52:00.000Z',
          actor: { kind: 'merchant' } as Actor,
          type: 'merchant-replied' as const,
          messageSourceId: 'm-2',
        },
        { at: '2026-03-12T13:55:00.000Z', actor: bruno, type: 'transferred' as const, from: 'bruno', to: 'ana' },
      ],
    ],
    [
      'a colleague who answered before a supervisor transferred the case to her',
      [
        answeredBy(bruno, '2026-03-12T13:50:00.000Z'),
        { at: '2026-03-12T13:55:00.000Z', actor: sofia, type: 'transferred' as const, from: 'bruno', to: 'ana' },
      ],
    ],
  ])('%s: no hint', (_what, history) => {
    const t = okOf(answer(workCase({ status: 'IN_PROGRESS', history: history as never }), ana, relayed, ctx));
    expect(t.effects).toEqual([{ kind: 'relay-to-merchant', answer: relayed }]);
  });
});

describe('awaitMerchant', () => {
  it('IN_PROGRESS → WAITING_MERCHANT, recorded, nothing sent', () => {
    const t = okOf(awaitMerchant(workCase({ status: 'IN_PROGRESS' }), ana, ctx));
    expect(t.next).toEqual({ status: 'WAITING_MERCHANT' });
    expect(t.events).toMatchObject([{ type: 'waiting-merchant', actor: ana }]);
    expect(t.effects).toEqual([]);
  });
});

describe('merchantReplied', () => {
  const msg = { sourceId: 'merchant-2' };

  it('WAITING_MERCHANT → IN_PROGRESS and forwarded to the analyst', () => {
    const t = okOf(merchantReplied(workCase({ status: 'WAITING_MERCHANT' }), msg, ctx));
    expect(t.next).toEqual({ status: 'IN_PROGRESS' });
    expect(t.events).toMatchObject([
      { type: 'merchant-replied', actor: { kind: 'merchant' }, messageSourceId: 'merchant-2' },
    ]);
    expect(t.effects).toEqual([{ kind: 'forward-to-analyst', analystId: 'ana', messageSourceId: 'merchant-2' }]);
  });

  it.each<WorkStatus>(['ASSIGNED', 'IN_PROGRESS'])('%s stays, forwarded', (status) => {
    const t = okOf(merchantReplied(workCase({ status }), msg, ctx));
    expect(t.next).toEqual({});
    expect(t.effects).toHaveLength(1);
  });

  it('QUEUED: recorded only (the assignment notice will carry it)', () => {
    const t = okOf(merchantReplied(workCase({ status: 'QUEUED', assignee: undefined }), msg, ctx));
    expect(t.next).toEqual({});
    expect(t.effects).toEqual([]);
  });

  it('CLOSED within the reopen window → IN_PROGRESS, same analyst, fresh due date, count back up', () => {
    const closed = workCase({
      status: 'CLOSED',
      closedAt: '2026-03-05T14:00:00.000Z',
      closure: { category: 'procedente', summary: 'estorno', at: '2026-03-05T14:00:00.000Z', by: 'ana' },
    });
    const t = okOf(merchantReplied(closed, msg, ctx));
    expect(t.next).toMatchObject({ status: 'IN_PROGRESS', closedAt: null, closure: null, reopenedAt: NOW });
    // Thursday 2026-03-12 11:00 São Paulo + 10 business days.
    expect(t.next.dueAt).toBe('2026-03-26T14:00:00.000Z');
    expect(t.events).toMatchObject([{ type: 'reopened', messageSourceId: 'merchant-2' }]);
    expect(t.effects.map((e) => e.kind)).toEqual([
      'open-count',
      'schedule-timers',
      'reopen-files',
      'item-retention',
      'forward-to-analyst',
      'notify-reopen',
    ]);
    expect(t.effects).toContainEqual({ kind: 'notify-reopen', dueAt: '2026-03-26T14:00:00.000Z' });
    const after = applyChanges(closed, t.next);
    expect(after.closedAt).toBeUndefined();
    expect(after.closure).toBeUndefined();
    expect(after.assignee).toBe('ana');
  });

  it('CLOSED after #prorrogar: the reopening keeps the date the merchant was told, never an earlier one', () => {
    const extended = okOf(
      extend(workCase({ status: 'IN_PROGRESS' }), ana, 10, 'aguardando o laudo do financeiro', ctxAt(NOW)),
    );
    const closedAt = '2026-03-13T15:00:00.000Z';
    const afterExtension = applyChanges(workCase({ status: 'IN_PROGRESS', history: extended.events }), extended.next);
    const closing = okOf(close(afterExtension, ana, 'procedente', 'estorno feito', ctxAt(closedAt)));
    const closed = applyChanges(afterExtension, closing.next);
    const reopenCtx = ctxAt('2026-03-16T13:00:00.000Z');
    const t = okOf(merchantReplied(closed, msg, reopenCtx));
    const promised = extended.next.dueAt as string;
    // The SLA counted afresh from the reply would end earlier than the extended date.
    expect(dueDateFrom(reopenCtx.now, reopenCtx.config, reopenCtx.calendar).toISOString() < promised).toBe(true);
    expect(t.next.dueAt).toBe(promised);
    expect(t.events).toMatchObject([{ type: 'reopened', dueAt: promised }]);
    expect(t.effects).toContainEqual({ kind: 'schedule-timers', dueAt: promised });
    // The extension and its reason stay in the history.
    expect(applyChanges(closed, t.next).history).toContainEqual(
      expect.objectContaining({ type: 'extended', reason: 'aguardando o laudo do financeiro', dueAt: promised }),
    );
  });

  it('CLOSED with a due date long past: the SLA counts again from the reply', () => {
    const closed = workCase({
      status: 'CLOSED',
      closedAt: '2026-03-11T14:00:00.000Z',
      dueAt: '2026-02-20T20:00:00.000Z',
    });
    expect(okOf(merchantReplied(closed, msg, ctx)).next.dueAt).toBe('2026-03-26T14:00:00.000Z');
  });

  // A retention shorter than the reopen window (both configurable): the case past its retention is
  // gone, though its item waits for DynamoDB's TTL; a reopening would take the TTL off for good.
  it.each([
    ['within both: reopens', 3, true],
    ['past its retention, within the window: a linked case instead', 1, false],
  ] as const)('CLOSED 2 days ago, retention %s', (_label, retentionDays, reopens) => {
    const closed = workCase({ status: 'CLOSED', closedAt: new Date(Date.parse(NOW) - 2 * 86_400_000).toISOString() });
    const c = { ...ctx, config: { ...ctx.config, retention: { ...ctx.config.retention, retentionDays } } };
    const t = merchantReplied(closed, msg, c);
    if (reopens) expect(okOf(t).events).toMatchObject([{ type: 'reopened' }]);
    else expect(refusalOf(t).code).toBe('reopen-window-passed');
  });

  it('CLOSED, a message that only thanks: recorded and told to the analyst, nothing reopens — within the window or past it', () => {
    const thanks = { sourceId: 'merchant-2', onlyThanks: true };
    for (const closedAt of ['2026-03-11T14:00:00.000Z', '2026-01-20T14:00:00.000Z']) {
      const closed = workCase({ status: 'CLOSED', closedAt, dueAt: '2026-03-13T14:00:00.000Z' });
      const t = okOf(merchantReplied(closed, thanks, ctx));
      expect(t.next).toEqual({});
      expect(t.events).toMatchObject([{ type: 'merchant-replied', messageSourceId: 'merchant-2' }]);
      expect(t.effects).toEqual([{ kind: 'forward-to-analyst', analystId: 'ana', messageSourceId: 'merchant-2' }]);
    }
    // Past its retention the case is gone: a thank-you does not bring it back either.
    const gone = workCase({ status: 'CLOSED', closedAt: new Date(Date.parse(NOW) - 2 * 86_400_000).toISOString() });
    const short = { ...ctx, config: { ...ctx.config, retention: { ...ctx.config.retention, retentionDays: 1 } } };
    expect(refusalOf(merchantReplied(gone, thanks, short)).code).toBe('reopen-window-passed');
  });

  it('CLOSED longer ago than the window → open a linked case instead', () => {
    const closed = workCase({ status: 'CLOSED', closedAt: '2026-01-20T14:00:00.000Z' });
    const refusal = refusalOf(merchantReplied(closed, msg, ctx));
    expect(refusal.code).toBe('reopen-window-passed');
    expect(refusal.message).toContain('novo caso vinculado');
  });
});

describe('addNote', () => {
  it('records the note in every state, CLOSED included; nothing relayed', () => {
    for (const status of ['QUEUED', 'ASSIGNED', 'IN_PROGRESS', 'WAITING_MERCHANT', 'CLOSED'] as const) {
      const t = okOf(addNote(workCase({ status }), sofia, '  Lojista ligou; pediu retorno por e-mail. ', ctx));
      expect(t.next).toEqual({});
      expect(t.events).toMatchObject([{ type: 'note', text: 'Lojista ligou; pediu retorno por e-mail.' }]);
      expect(t.effects).toEqual([]);
    }
  });

  it('keeps what the case waits for to a line of the history', () => {
    const t = okOf(awaitMerchant(workCase({ status: 'IN_PROGRESS' }), ana, ctx, `retorno ${'🙏'.repeat(200)}`));
    const awaiting = (t.events[0] as { awaiting: string }).awaiting;
    expect(awaiting.length).toBeLessThanOrEqual(160);
    expect(awaiting).toMatch(/^retorno (?:🙏)+$/u);
  });

  it('refuses an empty note; caps a huge one', () => {
    expect(refusalOf(addNote(workCase(), ana, ' ', ctx)).code).toBe('empty-note');
    const t = okOf(addNote(workCase(), ana, 'x'.repeat(50_000), ctx));
    const event = t.events[0] as { text: string };
    expect(event.text.length).toBeLessThan(10_010);
  });

  // What the analyst typed is kept to a length, cut between characters: an emoji at the cut
  // never reaches the merchant, the console or the report as half a pair ("�").
  it.each([
    ['a note', () => addNote(workCase(), ana, `${'a'.repeat(9_999)}🙏 fim`, ctx), 'text'],
    [
      'an extension reason',
      () => extend(workCase({ status: 'IN_PROGRESS' }), ana, 5, `${'a'.repeat(499)}🙏 fim`, ctx),
      'reason',
    ],
    [
      'a closing summary',
      () => close(workCase({ status: 'IN_PROGRESS' }), ana, 'procedente', `${'a'.repeat(499)}🙏 fim`, ctx),
      'summary',
    ],
  ])('%s is cut between characters', (_what, run, field) => {
    const event = okOf(run()).events[0] as unknown as Record<string, string>;
    expect(event[field]).toMatch(/^a+( \[…\])?$/);
  });

  // A long case where the analysts paste the support team's e-mails as notes: 41 notes of 9,900
  // characters passed DynamoDB's 400 KB item limit (measured on dynalite: the 42nd write threw a
  // ValidationException, and every later write of the case with it).
  const longNote = 'Conversei com o financeiro sobre o estorno da fatura; seguem os detalhes. '
    .repeat(140)
    .slice(0, 9_900);
  const withNotes = (count: number, text = longNote) =>
    workCase({
      status: 'IN_PROGRESS',
      history: Array.from({ length: count }, (_, i) => ({
        type: 'note' as const,
        text,
        at: `2026-03-1${i % 10}T12:00:00.000Z`,
        actor: ana,
      })),
    });
  it.each([
    { name: '19 long notes: the 20th fits', notes: 19, text: longNote, ok: true, says: '' },
    {
      name: '20 long notes: a 21st does not',
      notes: 20,
      text: longNote,
      ok: false,
      says: 'cabem só mais cerca de 2.000 caracteres',
    },
    { name: '20 long notes: a short one still fits', notes: 20, text: 'Lojista ligou de novo.', ok: true, says: '' },
    {
      name: 'accented notes count in bytes',
      notes: 10,
      text: 'ação '.repeat(3_000),
      ok: false,
      says: 'nenhuma nota nova cabe',
    },
  ])('the notes of one case stay within what the case item holds ($name)', ({ notes, text, ok, says }) => {
    const c = notes === 10 ? withNotes(notes, 'ç'.repeat(10_000)) : withNotes(notes);
    const t = addNote(c, ana, text, ctx);
    expect(t.ok).toBe(ok);
    if (!ok) {
      expect(refusalOf(t).code).toBe('notes-full');
      expect(refusalOf(t).message).toContain(says);
    }
  });
});

describe('transfer', () => {
  it('changes analyst, keeps the status, moves both counts, tells the new analyst', () => {
    const t = okOf(transfer(workCase({ status: 'WAITING_MERCHANT' }), ana, 'carla', carla, ctx, ' veja o anexo '));
    expect(t.next).toEqual({ assignee: 'carla', assignedAt: NOW });
    expect(t.events).toMatchObject([{ type: 'transferred', from: 'ana', to: 'carla' }]);
    expect(t.effects).toEqual([
      { kind: 'open-count', analystId: 'ana', change: 'closed' },
      // Her turn in the assignment's "least recently assigned" order.
      { kind: 'open-count', analystId: 'carla', change: 'opened', assignedAt: NOW },
      { kind: 'notify-transfer', from: 'ana', to: 'carla', note: 'veja o anexo' },
    ]);
  });

  it.each([
    ['the analyst who has it: no one else to name', () => ana, {}],
    ['a supervisor, during the analyst’s leave: named as who moved it', () => sofia, { by: 'sofia' }],
  ])('transfer made by %s', (_who, actor, by) => {
    const t = okOf(transfer(workCase(), actor(), 'carla', carla, ctx));
    expect(t.effects.at(-1)).toEqual({ kind: 'notify-transfer', from: 'ana', to: 'carla', ...by });
  });

  it.each([
    ['unknown analyst', null, 'unknown-analyst'],
    ['inactive analyst', { id: 'carla', active: false, onLeave: false }, 'inactive-analyst'],
    ['analyst on leave', { id: 'carla', active: true, onLeave: true }, 'inactive-analyst'],
    ['the same analyst', { id: 'ana', active: true, onLeave: false }, 'same-analyst'],
  ])('refuses %s', (_what, target, code) => {
    const refusal = refusalOf(transfer(workCase(), ana, 'carla', target as TransferTarget | null, ctx));
    expect(refusal.code).toBe(code);
    expect(refusal.line).toBe('#transferir carla');
  });

  it.each([
    [
      'on leave until a known day: says so, with the day she is back after',
      { id: 'carla', active: true, onLeave: true, leaveUntil: '2026-11-20' },
      '“carla” está em afastamento até 20/11/2026: escolha outra pessoa.',
    ],
    [
      'inactive: says she is out of the team’s assignment, not on leave',
      { id: 'carla', active: false, onLeave: false },
      '“carla” está inativo(a) na equipe e não recebe casos: escolha outra pessoa.',
    ],
  ])('the refusal of a transfer names the reason: %s', (_what, target, message) => {
    expect(refusalOf(transfer(workCase(), ana, 'carla', target, ctx)).message).toBe(message);
  });
});

describe('extend', () => {
  it('moves the due date in business days, re-arms timers, tells the merchant', () => {
    // Due Tuesday 2026-03-24 10:00 São Paulo + 5 business days → Tuesday 2026-03-31 10:00.
    const t = okOf(extend(workCase(), ana, 5, '  aguardando retorno do financeiro ', ctx));
    expect(t.next).toEqual({ dueAt: '2026-03-31T13:00:00.000Z' });
    expect(t.events).toMatchObject([
      {
        type: 'extended',
        businessDays: 5,
        reason: 'aguardando retorno do financeiro',
        previousDueAt: '2026-03-24T13:00:00.000Z',
        dueAt: '2026-03-31T13:00:00.000Z',
      },
    ]);
    expect(t.effects).toEqual([
      { kind: 'schedule-timers', dueAt: '2026-03-31T13:00:00.000Z' },
      {
        kind: 'notify-extension',
        businessDays: 5,
        reason: 'aguardando retorno do financeiro',
        dueAt: '2026-03-31T13:00:00.000Z',
      },
    ]);
  });

  it('an overdue case: the days count from now, so the new date is ahead and no alert is due at once', () => {
    // Due Tuesday 2026-03-24 10:00; on Monday 2026-03-30 15:00 (São Paulo) + 2 business days →
    // Wednesday 2026-04-01 15:00, not Thursday 2026-03-26 (already behind her).
    const late = ctxAt('2026-03-30T18:00:00.000Z');
    const t = okOf(extend(workCase(), ana, 2, 'aguardando o parceiro logístico', late));
    expect(t.next).toEqual({ dueAt: '2026-04-01T18:00:00.000Z' });
    expect(Date.parse(t.next.dueAt as string)).toBeGreaterThan(late.now.getTime());
    expect(t.events).toMatchObject([{ type: 'extended', previousDueAt: '2026-03-24T13:00:00.000Z' }]);
  });

  it.each([
    [0, 'motivo', 'invalid-days'],
    [31, 'motivo', 'invalid-days'],
    [2.5, 'motivo', 'invalid-days'],
    [3, '   ', 'missing-reason'],
  ])('refuses %s days with reason %j', (days, reason, code) => {
    expect(refusalOf(extend(workCase(), ana, days, reason, ctx)).code).toBe(code);
  });

  it.each([
    [1, 2, 'A prorrogação deve ser de 1 dia útil.'],
    [5, 6, 'A prorrogação deve ser de 1 a 5 dias úteis.'],
  ])('with a limit of %i, %i days are refused in the right number', (max, days, message) => {
    const limited = ctxAt(NOW, {
      config: { ...ctx.config, lifecycle: { ...ctx.config.lifecycle, maxExtensionBusinessDays: max } },
    });
    expect(refusalOf(extend(workCase(), ana, days, 'aguardando o financeiro', limited)).message).toBe(message);
  });

  it('refuses a case without due date', () => {
    expect(refusalOf(extend(workCase({ dueAt: undefined }), ana, 3, 'x', ctx)).code).toBe('no-due-date');
  });
});

describe('close', () => {
  it.each(['procedente', 'improcedente', 'parcial', 'resolvido', 'nao-resolvido'])('→ CLOSED as %s', (category) => {
    const t = okOf(close(workCase({ status: 'IN_PROGRESS' }), ana, category, ' estorno feito ', ctx, ' Olá, Maria. '));
    expect(t.next).toEqual({
      status: 'CLOSED',
      closedAt: NOW,
      closure: { category, summary: 'estorno feito', at: NOW, by: 'ana' },
    });
    expect(t.events).toMatchObject([{ type: 'closed', category, summary: 'estorno feito', actor: ana }]);
    expect(t.effects).toEqual([
      { kind: 'open-count', analystId: 'ana', change: 'closed' },
      // The close it announces: a reopening or a later close overtakes it (effect-fit.ts).
      // Every item of the case takes the case item's expiry, pending until done (LGPD).
      { kind: 'item-retention' },
      { kind: 'send-closing', category, summary: 'estorno feito', message: 'Olá, Maria.', closedAt: NOW },
    ]);
  });

  it('a supervisor closing counts down the analyst who had it', () => {
    const t = okOf(close(workCase(), sofia, 'resolvido', '', ctx));
    expect(t.effects[0]).toEqual({ kind: 'open-count', analystId: 'ana', change: 'closed' });
    expect(t.next.closure).toMatchObject({ by: 'sofia' });
    // And tells her, for that close: she would otherwise learn it from the merchant.
    expect(t.effects.at(-1)).toEqual({ kind: 'notify-closed', analystId: 'ana', by: 'sofia', closedAt: NOW });
    expect(okOf(close(workCase(), ana, 'resolvido', '', ctx)).effects.map((e) => e.kind)).not.toContain(
      'notify-closed',
    );
  });

  it('refuses an unknown category', () => {
    expect(refusalOf(close(workCase(), ana, 'aprovado', '', ctx)).code).toBe('invalid-category');
  });
});

describe('recordRefusal and timers', () => {
  it('keeps a bounded entry of a refused mail of any size (one case item, 400 KB)', () => {
    const line = `#encerrar ${'x'.repeat(250_000)}`;
    const problems = Array.from({ length: 30_000 }, () => ({
      code: 'malformed-command' as const,
      message: `Comando não reconhecido: ${line}`,
      line,
    }));
    const t = recordRefusal(bruno as Extract<Actor, { kind: 'staff' }>, problems, Array(30_000).fill(line), ctx);
    expect(t.ok).toBe(true);
    if (!t.ok) return;
    expect(JSON.stringify(t.events).length).toBeLessThan(10_000);
    expect(JSON.stringify(t.effects).length).toBeLessThan(10_000);
    const [entry] = t.events;
    expect(entry).toMatchObject({ type: 'refused', code: 'malformed-command' });
    expect(entry?.type === 'refused' && entry.commands[0]?.startsWith('#encerrar xxx')).toBe(true);
  });

  it('a refused staff mail leaves one event and an explanation', () => {
    const problem = { code: 'not-allowed' as const, message: 'não é seu' };
    const t = recordRefusal(bruno as Extract<Actor, { kind: 'staff' }>, [problem], ['#encerrar procedente'], ctx);
    expect(t.next).toEqual({});
    expect(t.events).toMatchObject([
      {
        type: 'refused',
        code: 'not-allowed',
        commands: ['#encerrar procedente'],
        actor: bruno,
        reasons: ['não é seu'],
      },
    ]);
    expect(t.effects).toEqual([{ kind: 'explain-to-staff', staffId: 'bruno', problems: [problem] }]);
  });

  it('a refused console action leaves the same event and mails nothing (the page explains it)', () => {
    const problem = {
      code: 'unknown-analyst' as const,
      message: 'Não há ninguém com o identificador “zeca” na equipe.',
    };
    const t = recordRefusal(sofia as Extract<Actor, { kind: 'staff' }>, [problem], ['#transferir zeca'], ctx, false);
    expect(t.events).toMatchObject([{ type: 'refused', code: 'unknown-analyst', reasons: [problem.message] }]);
    expect(t.effects).toEqual([]);
  });

  it('a timer on an open case reminds / escalates; on a closed one does nothing', () => {
    const reminder = timerFired(workCase(), 'reminder', ctx);
    expect(reminder?.ok && reminder.effects).toEqual([
      { kind: 'remind-analyst', analystId: 'ana', dueAt: '2026-03-24T13:00:00.000Z' },
    ]);
    const escalation = timerFired(workCase(), 'escalation', ctx);
    expect(escalation?.ok && escalation.events[0]).toMatchObject({
      type: 'escalated',
      dueAt: '2026-03-24T13:00:00.000Z',
    });
    expect(escalation?.ok && escalation.events[0]).not.toHaveProperty('unattended');
    expect(timerFired(workCase({ status: 'CLOSED' }), 'reminder', ctx)).toBeNull();
  });

  // The escalation goes out either way (effects.ts); its history entry says when nobody present gets it.
  it.each([
    ['present', undefined],
    ['on-leave', 'on-leave'],
    ['none', 'none'],
  ] as const)('an escalation with supervision %s records unattended %s', (supervision, unattended) => {
    const t = timerFired(workCase(), 'escalation', ctx, supervision);
    expect(t?.ok && t.effects).toEqual([{ kind: 'escalate', dueAt: '2026-03-24T13:00:00.000Z', analystId: 'ana' }]);
    const e = t?.ok ? t.events[0] : undefined;
    expect(e && 'unattended' in e ? e.unattended : undefined).toBe(unattended);
  });
});

describe('compose', () => {
  it('runs steps on the evolving case and merges them', () => {
    const t = okOf(
      compose(workCase({ status: 'WAITING_MERCHANT' }), [
        (c) => answer(c, ana, relayed, ctx),
        (c) => awaitMerchant(c, ana, ctx),
      ]),
    );
    expect(t.next).toEqual({ status: 'WAITING_MERCHANT' });
    expect(t.events.map((e) => e.type)).toEqual(['answered', 'waiting-merchant']);
    expect(t.effects.map((e) => e.kind)).toEqual(['relay-to-merchant']);
  });

  it('all or nothing: the first refusal wins', () => {
    const t = compose(workCase(), [(c) => answer(c, ana, relayed, ctx), (c) => close(c, ana, 'xpto', '', ctx)]);
    expect(refusalOf(t).code).toBe('invalid-category');
  });
});

// Journey 46 (45 left): the overlap hint reached a console user only by mail; the console's page
// after "Enviar resposta" reads it from the history by the same rule (ANSWER_OVERLAP_MS).
describe('overlapOfLatestAnswer — the colleague her latest answer came minutes after', () => {
  const answeredBy = (who: Actor, at: string) => ({
    at,
    actor: who,
    type: 'answered' as const,
    messageSourceId: `mail-${at}`,
  });
  const note = (who: Actor, at: string) => ({ at, actor: who, type: 'note' as const, text: 'x' });

  it.each([
    [
      'Bruno 4 min before hers',
      [answeredBy(bruno, '2026-03-12T13:56:00.000Z'), answeredBy(ana, '2026-03-12T14:00:00.000Z')],
      { id: 'bruno', at: '2026-03-12T13:56:00.000Z' },
    ],
    [
      'a note of hers after her answer',
      [
        answeredBy(sofia, '2026-03-12T13:46:00.000Z'),
        answeredBy(ana, '2026-03-12T14:00:00.000Z'),
        note(ana, '2026-03-12T14:30:00.000Z'),
      ],
      { id: 'sofia', at: '2026-03-12T13:46:00.000Z' },
    ],
  ])('%s: told', (_what, history, told) => {
    expect(overlapOfLatestAnswer(workCase({ history }), 'ana')).toEqual(told);
  });

  it.each([
    [
      'a colleague 16 min before',
      [answeredBy(bruno, '2026-03-12T13:44:00.000Z'), answeredBy(ana, '2026-03-12T14:00:00.000Z')],
    ],
    [
      'a colleague after hers',
      [answeredBy(ana, '2026-03-12T14:00:00.000Z'), answeredBy(bruno, '2026-03-12T14:02:00.000Z')],
    ],
    ['her own two answers', [answeredBy(ana, '2026-03-12T13:58:00.000Z'), answeredBy(ana, '2026-03-12T14:00:00.000Z')]],
    [
      'a colleague who answered, then transferred the case to her',
      [
        answeredBy(bruno, '2026-03-12T13:56:00.000Z'),
        { at: '2026-03-12T13:57:00.000Z', actor: bruno, type: 'transferred' as const, from: 'bruno', to: 'ana' },
        answeredBy(ana, '2026-03-12T14:00:00.000Z'),
      ],
    ],
    ['no answer of hers', [answeredBy(bruno, '2026-03-12T13:58:00.000Z')]],
  ])('%s: nothing', (_what, history) => {
    expect(overlapOfLatestAnswer(workCase({ history }), 'ana')).toBeUndefined();
  });
});

describe('surveyAnswered', () => {
  const closed = workCase({ status: 'CLOSED', closedAt: '2026-03-11T13:00:00.000Z' });
  const at = ctxAt(NOW, { sourceId: 'survey-answer' });
  it.each([
    // [label, case, answer, expected effects]: the history records every answer; a low one on the page is told to her analyst.
    [
      'a 2 with a comment on the page',
      closed,
      { score: 2, via: 'web', commented: true },
      [{ kind: 'tell-low-score', analystId: 'ana', score: 2, via: 'web' }],
    ],
    [
      'a 1 without comment on the page',
      closed,
      { score: 1, via: 'web', commented: false },
      [{ kind: 'tell-low-score', analystId: 'ana', score: 1, via: 'web' }],
    ],
    ['a 3 on the page', closed, { score: 3, via: 'web', commented: true }, []],
    ['a 5 on the page', closed, { score: 5, via: 'web', commented: false }, []],
    // The same effect by mail (effects.ts sends it only when the analyst left: her forwarded mail says it).
    [
      'a 2 by mail',
      closed,
      { score: 2, via: 'email', commented: true },
      [{ kind: 'tell-low-score', analystId: 'ana', score: 2, via: 'email' }],
    ],
    ['a 4 by mail', closed, { score: 4, via: 'email', commented: false }, []],
    // Reopened since the answer: still recorded, still told.
    [
      'a 2 on a case reopened since',
      workCase({ status: 'IN_PROGRESS' }),
      { score: 2, via: 'web', commented: false },
      [{ kind: 'tell-low-score', analystId: 'ana', score: 2, via: 'web' }],
    ],
  ] as const)('%s', (_label, c, ref, effects) => {
    const t = surveyAnswered(c, ref, at);
    expect(t).toEqual({
      ok: true,
      next: {},
      events: [
        {
          at: NOW,
          actor: { kind: 'merchant' },
          sourceId: 'survey-answer',
          type: 'survey-answered',
          score: ref.score,
          via: ref.via,
          ...(ref.commented ? { commented: true } : {}),
        },
      ],
      effects,
    });
  });

  it('refuses what is no case (a redirected submission)', () => {
    const t = surveyAnswered(
      workCase({ status: 'REDIRECTED', outcome: 'NO_PRIOR_TICKET' }),
      { score: 1, via: 'web', commented: false },
      at,
    );
    expect(t.ok).toBe(false);
  });
});
