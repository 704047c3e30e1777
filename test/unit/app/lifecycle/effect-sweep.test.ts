import { describe, expect, it } from 'vitest';
import { EFFECT_CLAIM_MS } from '../../../../shared/app/lifecycle/effects';
import { NOTICE_GRACE_MS, sweepPendingEffects } from '../../../../shared/app/lifecycle/effect-sweep';
import type { PendingEffect, WorkCase } from '../../../../shared/domain/lifecycle/types';
import { RecordingQueue } from '../../../support/fakes';
import { CASE_ID, lifecycleWorld, MERCHANT, PROTOCOL, workCase } from '../../../support/lifecycle-fakes';

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
    expected: { examined: number; resumed: string[]; requeued: string[]; failed: string[] };
    mails: string[][];
    queued: number;
    stillMarked: boolean;
  }>([
    {
      name: 'settled effects: unmarked, nothing sent',
      c: {},
      since: ago(EFFECT_CLAIM_MS + 1),
      expected: { examined: 1, resumed: [], requeued: [], failed: [] },
      mails: [],
      queued: 0,
      stillMarked: false,
    },
    {
      name: 'stored within a claim: left to the run that stored it',
      c: { pendingEffects: relay(ago(30_000)) },
      since: ago(30_000),
      expected: { examined: 0, resumed: [], requeued: [], failed: [] },
      mails: [],
      queued: 0,
      stillMarked: true,
    },
    {
      name: 'older than a claim, never claimed: sent once, unmarked',
      c: { pendingEffects: relay(ago(EFFECT_CLAIM_MS + 1)) },
      since: ago(EFFECT_CLAIM_MS + 1),
      expected: { examined: 1, resumed: [CASE_ID], requeued: [], failed: [] },
      mails: [[MERCHANT]],
      queued: 0,
      stillMarked: false,
    },
    {
      name: 'still claimed by a live retry: not sent, kept for the next run',
      c: { pendingEffects: relay(ago(5 * 60_000), new Date(Date.parse(NOW) + 30_000).toISOString()) },
      since: ago(5 * 60_000),
      expected: { examined: 1, resumed: [CASE_ID], requeued: [], failed: [] },
      mails: [],
      queued: 0,
      stillMarked: true,
    },
    {
      name: 'assigned, notice never recorded, past the grace: re-queued',
      c: { analystNotifiedAt: undefined },
      since: ago(NOTICE_GRACE_MS + 1),
      expected: { examined: 1, resumed: [], requeued: [CASE_ID], failed: [] },
      mails: [],
      queued: 1,
      stillMarked: true,
    },
    {
      name: 'assigned, notice not recorded yet, within the grace: left to the queue',
      c: { analystNotifiedAt: undefined },
      since: ago(5 * 60_000),
      expected: { examined: 1, resumed: [], requeued: [], failed: [] },
      mails: [],
      queued: 0,
      stillMarked: true,
    },
  ])('$name', async ({ c, since, expected, mails, queued, stillMarked }) => {
    const w = lifecycleWorld({ cases: [workCase(c)], now: NOW });
    w.cases.effectsSince.set(CASE_ID, since);
    const queue = new RecordingQueue();
    expect(await sweepPendingEffects(w.deps, { queue })).toEqual(expected);
    expect(w.mailer.sent.map((m) => m.to)).toEqual(mails);
    expect(queue.messages).toEqual(Array.from({ length: queued }, () => ({ caseId: CASE_ID, protocol: PROTOCOL })));
    expect(w.cases.effectsSince.has(CASE_ID)).toBe(stillMarked);
    // A second run at once sends and queues nothing more.
    await sweepPendingEffects(w.deps, { queue });
    expect(w.mailer.sent.map((m) => m.to)).toEqual(mails);
    expect(queue.messages).toHaveLength(queued);
  });
});
