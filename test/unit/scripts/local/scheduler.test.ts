/** The deferral pump of the local stack: deferrals go back on the queue when the virtual clock reaches them. */
import { describe, expect, it } from 'vitest';
import { startDeferralPump } from '../../../../scripts/local/scheduler';
import { InProcessDeferralScheduler } from '../../../../shared/adapters/local/in-process-scheduler';
import { VirtualClock } from '../../../../shared/adapters/local/virtual-clock';
import type { AssignmentMessage } from '../../../../shared/ports';

const message = (n: number): AssignmentMessage => ({
  caseId: `email:m${n}`,
  protocol: `OUV-2026-${String(n).padStart(6, '0')}`,
});

describe('deferral pump', () => {
  it('puts deferrals back on the queue once the virtual clock reaches them, not before', async () => {
    const clock = new VirtualClock({ start: new Date('2026-11-27T17:00:10-03:00'), running: false });
    const scheduler = new InProcessDeferralScheduler();
    const queued: AssignmentMessage[] = [];
    const pump = startDeferralPump({
      scheduler,
      clock,
      queue: { enqueue: async (m) => void queued.push(m) },
      intervalMs: 60_000,
    });
    try {
      await scheduler.scheduleAt(message(1), new Date('2026-11-30T09:00:00-03:00'));
      expect(await pump.tick()).toBe(0);
      clock.set('2026-11-30T08:59:59-03:00');
      expect(await pump.tick()).toBe(0);
      clock.set('2026-11-30T09:00:00-03:00');
      expect(await pump.tick()).toBe(1);
      expect(queued).toEqual([message(1)]);
      expect(await pump.tick()).toBe(0);
    } finally {
      pump.stop();
    }
  });

  it('keeps a deferral that could not be queued, for the next tick', async () => {
    const clock = new VirtualClock({ start: new Date('2026-11-30T09:00:01-03:00'), running: false });
    const scheduler = new InProcessDeferralScheduler();
    let fail = true;
    const queued: AssignmentMessage[] = [];
    const pump = startDeferralPump({
      scheduler,
      clock,
      queue: {
        enqueue: async (m) => {
          if (fail) throw new Error('queue down');
          queued.push(m);
        },
      },
      intervalMs: 60_000,
    });
    try {
      await scheduler.scheduleAt(message(7), new Date('2026-11-30T09:00:00-03:00'));
      await expect(pump.tick()).rejects.toThrow('queue down');
      fail = false;
      expect(await pump.tick()).toBe(1);
      expect(queued).toEqual([message(7)]);
    } finally {
      pump.stop();
    }
  });
});
