import { describe, expect, it } from 'vitest';
import { EFFECT_CLAIM_MS } from '../../../../shared/app/lifecycle/effects';
import {
  GIVEN_UP_SINCE,
  MAX_NOTICE_REQUEUES,
  NOTICE_GRACE_MS,
  noticeRequeuesOf,
  requeueMark,
  sweepPendingEffects,
} from '../../../../shared/app/lifecycle/effect-sweep';
import type { PendingEffect, WorkCase } from '../../../../shared/domain/lifecycle/types';
import { RecordingQueue } from '../../../support/fakes';
import { silentLifecycleTelemetry } from '../../../../shared/app/lifecycle/ports';
import {
  CASE_ID,
  InMemoryStaffDirectory,
  lifecycleWorld,
  MERCHANT,
  PROTOCOL,
  workCase,
} from '../../../support/lifecycle-fakes';

const NOW = '2026-03-12T14:00:00.000Z';
const ago = (ms: number) => new Date(Date.parse(NOW) - ms).toISOString();

/** The answer to the merchant a console run stored and died before sending. */
const relay = (createdAt: string, claimedUntil?: string): Record<string, PendingEffect> => ({
  e1: {
    id: 'e1',
    createdAt,
    order: 0,
    effect: {
      kind: 'relay-to-merchant',
      answer: {
        body: 'Maria, o estorno do frete foi aprovado e cai em até 5 dias úteis.',
        attachments: [],
        sourceId: 'console:answer-1',
      },
    },
    ...(claimedUntil ? { claimedUntil } : {}),
  } as PendingEffect,
});

describe('sweepPendingEffects', () => {
  it.each<{
    name: string;
    c: Partial<WorkCase>;
    since: string;
    expected: {
      examined: number;
      resumed: string[];
      requeued: string[];
      failed: string[];
      oldestPendingSeconds: number;
    };
    mails: string[][];
    queued: number;
    stillMarked: boolean;
  }>([
    {
      name: 'settled effects: unmarked, nothing sent',
      c: {},
      since: ago(EFFECT_CLAIM_MS + 1),
      expected: { examined: 1, resumed: [], requeued: [], failed: [], oldestPendingSeconds: 90 },
      mails: [],
      queued: 0,
      stillMarked: false,
    },
    {
      name: 'stored within a claim: left to the run that stored it',
      c: { pendingEffects: relay(ago(30_000)) },
      since: ago(30_000),
      expected: { examined: 0, resumed: [], requeued: [], failed: [], oldestPendingSeconds: 0 },
      mails: [],
      queued: 0,
      stillMarked: true,
    },
    {
      name: 'older than a claim, never claimed: sent once, unmarked',
      c: { pendingEffects: relay(ago(EFFECT_CLAIM_MS + 1)) },
      since: ago(EFFECT_CLAIM_MS + 1),
      expected: { examined: 1, resumed: [CASE_ID], requeued: [], failed: [], oldestPendingSeconds: 90 },
      mails: [[MERCHANT]],
      queued: 0,
      stillMarked: false,
    },
    {
      name: 'still claimed by a live retry: not sent, kept for the next run',
      c: { pendingEffects: relay(ago(5 * 60_000), new Date(Date.parse(NOW) + 30_000).toISOString()) },
      since: ago(5 * 60_000),
      expected: { examined: 1, resumed: [CASE_ID], requeued: [], failed: [], oldestPendingSeconds: 300 },
      mails: [],
      queued: 0,
      stillMarked: true,
    },
    {
      name: 'assigned, notice never recorded, past the grace: re-queued',
      c: { analystNotifiedAt: undefined },
      since: ago(NOTICE_GRACE_MS + 1),
      expected: { examined: 1, resumed: [], requeued: [CASE_ID], failed: [], oldestPendingSeconds: 900 },
      mails: [],
      queued: 1,
      stillMarked: true,
    },
    {
      name: 'assigned, notice not recorded yet, within the grace: left to the queue',
      c: { analystNotifiedAt: undefined },
      since: ago(5 * 60_000),
      expected: { examined: 1, resumed: [], requeued: [], failed: [], oldestPendingSeconds: 300 },
      mails: [],
      queued: 0,
      stillMarked: true,
    },
  ])('$name', async ({ c, since, expected, mails, queued, stillMarked }) => {
    const w = lifecycleWorld({ cases: [workCase(c)], now: NOW });
    w.cases.effectsSince.set(CASE_ID, since);
    const queue = new RecordingQueue();
    expect(await sweepPendingEffects(w.deps, { queue })).toEqual({ givenUp: [], ...expected });
    expect(w.mailer.sent.map((m) => m.to)).toEqual(mails);
    expect(queue.messages).toEqual(Array.from({ length: queued }, () => ({ caseId: CASE_ID, protocol: PROTOCOL })));
    expect(w.cases.effectsSince.has(CASE_ID)).toBe(stillMarked);
    // A second run at once sends and queues nothing more.
    await sweepPendingEffects(w.deps, { queue });
    expect(w.mailer.sent.map((m) => m.to)).toEqual(mails);
    expect(queue.messages).toHaveLength(queued);
  });

  // Ana's mailbox was deleted: every notice of the case to her bounces and the assignment message
  // dead-letters. The sweep runs every 5 minutes through a whole afternoon.
  it('a notice that can never be sent: re-queued a bounded number of times, then the supervisors are told once', async () => {
    const assignedAt = '2026-03-12T14:00:00.000Z';
    const w = lifecycleWorld({ cases: [workCase({ analystNotifiedAt: undefined, assignedAt })], now: assignedAt });
    w.cases.effectsSince.set(CASE_ID, assignedAt);
    const queue = new RecordingQueue();
    const givenUp: string[] = [];
    for (let run = 0; run < (6 * 60) / 5; run++) {
      w.clock.advance(5 * 60_000);
      const result = await sweepPendingEffects(w.deps, { queue });
      expect(result.failed).toEqual([]);
      givenUp.push(...result.givenUp);
    }
    expect(queue.messages).toHaveLength(MAX_NOTICE_REQUEUES);
    expect(givenUp).toEqual([CASE_ID]);
    expect(w.mailer.sent.map((m) => m.to)).toEqual([['sofia@empresa.com.br']]);
    const [mail] = w.mailer.sent;
    expect(mail?.subject).toContain('Aviso de caso não entregue ao analista');
    expect(mail?.text).toContain(
      `O aviso de atribuição do caso ${PROTOCOL} não chega a Ana Lima (ana) desde a atribuição, em 12/03/2026 às 11:00, apesar de novas tentativas, e não será mais reenviado.`,
    );
    expect(mail?.text).toContain('#transferir');
    expect(w.cases.effectsSince.get(CASE_ID)).toBe(GIVEN_UP_SINCE);
  });

  // The same with no active supervisor on the roster: told to nobody, and said so (the NoActiveSupervisor alarm).
  it('a notice given up with no active supervisor to tell is reported, not settled in silence', async () => {
    const assignedAt = '2026-03-12T14:00:00.000Z';
    const w = lifecycleWorld({ cases: [workCase({ analystNotifiedAt: undefined, assignedAt })], now: assignedAt });
    w.cases.effectsSince.set(CASE_ID, requeueMark(new Date(assignedAt), MAX_NOTICE_REQUEUES));
    w.clock.advance(NOTICE_GRACE_MS + 60 * 60_000);
    const reported: Array<{ caseId: string; effect: string }> = [];
    const roster = w.staff.members.map((m) => (m.role === 'supervisor' ? { ...m, active: false } : m));
    const result = await sweepPendingEffects(
      {
        ...w.deps,
        staff: new InMemoryStaffDirectory(roster),
        telemetry: { ...silentLifecycleTelemetry, noActiveSupervisor: (e) => reported.push(e) },
      },
      { queue: new RecordingQueue() },
    );
    expect(result.givenUp).toEqual([CASE_ID]);
    expect(w.mailer.sent).toEqual([]);
    expect(reported).toEqual([{ caseId: CASE_ID, effect: 'notice-undeliverable' }]);
  });

  it.each([
    ['2026-03-12T14:00:00.000Z', 0],
    [requeueMark(new Date('2026-03-12T14:00:00.000Z'), 1), 1],
    [requeueMark(new Date('2026-03-12T14:00:00.000Z'), 12), 12],
  ])('the mark %s records %i re-queues', (since, n) => {
    expect(noticeRequeuesOf(since)).toBe(n);
  });

  it('a re-queued notice ages from its mark: the alarm sees it, not an age of 0', async () => {
    const assignedAt = '2026-03-12T14:00:00.000Z';
    const w = lifecycleWorld({ cases: [workCase({ analystNotifiedAt: undefined, assignedAt })], now: assignedAt });
    w.cases.effectsSince.set(CASE_ID, requeueMark(new Date(assignedAt), 1));
    w.clock.advance(10 * 60_000);
    const result = await sweepPendingEffects(w.deps, { queue: new RecordingQueue() });
    expect(result).toMatchObject({ examined: 1, oldestPendingSeconds: 600 });
  });

  it('a re-queue mark sorts with the plain times of the index', () => {
    const mark = requeueMark(new Date('2026-03-12T14:00:00.000Z'), 2);
    expect(mark < '2026-03-12T14:00:00.001Z').toBe(true);
    expect(mark > '2026-03-12T13:59:59.999Z').toBe(true);
  });
  // A case of 60 long messages whose run died before its mails: the sweep read all 60 texts to send
  // one; it reads the texts the pending effects send (EFFECT_TEXTS).
  it.each<[string, number, PendingEffect['effect'], RegExp]>([
    [
      'her message forwarded to the analyst',
      1,
      { kind: 'forward-to-analyst', analystId: 'ana', messageSourceId: 'ses-long-59' },
      /Mensagem número 59\./,
    ],
    ['an answer relayed to her', 0, relay(NOW).e1!.effect, /o estorno do frete foi aprovado/],
    ['a transfer notice', 8, { kind: 'notify-transfer', from: 'ana', to: 'carla' }, /Mensagem número 53\./],
  ])('a case of 60 long messages, %s: %i texts read', async (_what, reads, effect, mailSays) => {
    const first = workCase().messages[0]!;
    const messages = Array.from({ length: 60 }, (_, i) => ({
      ...first,
      sourceId: `ses-long-${i + 1}`,
      receivedAt: new Date(Date.parse('2026-02-01T12:00:00Z') + i * 3_600_000).toISOString(),
      text: `Mensagem número ${i + 1}. ${'Ainda aguardo o estorno da fatura de fevereiro. '.repeat(40)}`,
      ...(i % 2 ? { direction: 'out' as const, author: 'ana' } : {}),
    }));
    const since = ago(EFFECT_CLAIM_MS + 1);
    const pendingEffects = { e1: { id: 'e1', createdAt: since, order: 0, effect } as PendingEffect };
    // The transfer's notice fits only a case now with the analyst it went to (effect-fit.ts).
    const assignee = effect.kind === 'notify-transfer' ? { assignee: effect.to } : {};
    const w = lifecycleWorld({ cases: [workCase({ messages, pendingEffects, ...assignee } as never)], now: NOW });
    w.cases.effectsSince.set(CASE_ID, since);
    expect((await sweepPendingEffects(w.deps, { queue: new RecordingQueue() })).resumed).toEqual([CASE_ID]);
    expect(w.cases.textReads).toBe(reads);
    expect(w.mailer.sent.map((m) => m.text).join('\n')).toMatch(mailSays);
  });
});
