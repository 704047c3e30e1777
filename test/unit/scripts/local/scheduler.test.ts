/** The deferral pump of the local stack: deferrals go back on the queue when the virtual clock reaches them. */
import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ensureLocalSecret,
  missedOpening,
  startDeferralPump,
  startRecurringPump,
  startTimerPump,
} from '../../../../scripts/local/scheduler';
import { officeCalendar } from '../../../../shared/domain/calendar';
import { localConfig } from '../../../../shared/domain/config';
import { InProcessTimerScheduler } from '../../../../shared/adapters/local/in-process-timer-scheduler';
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

describe('lifecycle timer pump', () => {
  const timer = (kind: 'reminder' | 'escalation', at: string) => ({
    kind,
    caseId: 'email:m1',
    dueAt: '2026-12-09T20:00:00.000Z',
    at: new Date(at),
    name: `${kind}.m1`,
  });

  it('fires timers when the virtual clock reaches them, and retries one whose firing failed', async () => {
    const clock = new VirtualClock({ start: new Date('2026-12-07T12:00:00Z'), running: false });
    const timers = new InProcessTimerScheduler();
    await timers.schedule(timer('reminder', '2026-12-07T12:00:05Z'));
    await timers.schedule(timer('escalation', '2026-12-09T20:00:00Z'));
    const fired: string[] = [];
    let failOnce = true;
    const pump = startTimerPump({
      timers,
      clock,
      intervalMs: 60_000,
      fire: async (event) => {
        if (failOnce) {
          failOnce = false;
          throw new Error('SES throttled');
        }
        fired.push(event.kind);
      },
    });
    try {
      expect(await pump.tick()).toBe(0);
      clock.set(new Date('2026-12-07T12:00:06Z'));
      await expect(pump.tick()).rejects.toThrow('SES throttled');
      // Put back, due now: the next check fires it.
      expect(await pump.tick()).toBe(1);
      expect(fired).toEqual(['reminder']);
      clock.set(new Date('2026-12-09T20:00:01Z'));
      expect(await pump.tick()).toBe(1);
      expect(fired).toEqual(['reminder', 'escalation']);
    } finally {
      pump.stop();
    }
  });
});

describe('lifecycle timer pump, after a release', () => {
  const timer = (n: number, at: string) => ({
    kind: 'reminder' as const,
    caseId: `email:m${n}`,
    dueAt: '2026-12-09T20:00:00.000Z',
    at: new Date(at),
    name: `reminder.m${n}`,
  });

  it('calls afterRelease after each check that released timers (fired or not), and only then', async () => {
    const clock = new VirtualClock({ start: new Date('2026-12-07T12:00:00Z'), running: false });
    const timers = new InProcessTimerScheduler();
    await timers.schedule(timer(1, '2026-12-07T12:00:05Z'));
    await timers.schedule(timer(2, '2026-12-07T12:00:10Z'));
    const seen: string[] = [];
    let fail = false;
    const pump = startTimerPump({
      timers,
      clock,
      intervalMs: 60_000,
      fire: async (event) => {
        if (fail) throw new Error('SES throttled');
        seen.push(`fire ${event.caseId}`);
      },
      afterRelease: async () => void seen.push(`saved, ${timers.list().length} pending`),
    });
    try {
      expect(await pump.tick()).toBe(0);
      expect(seen).toEqual([]);
      clock.set(new Date('2026-12-07T12:00:06Z'));
      expect(await pump.tick()).toBe(1);
      expect(seen).toEqual(['fire email:m1', 'saved, 1 pending']);
      fail = true;
      clock.set(new Date('2026-12-07T12:00:11Z'));
      await expect(pump.tick()).rejects.toThrow('SES throttled');
      // The failed timer is back (due now) before the save.
      expect(seen.at(-1)).toBe('saved, 1 pending');
    } finally {
      pump.stop();
    }
  });

  it('idle settles once the running check is over', async () => {
    const clock = new VirtualClock({ start: new Date('2026-12-07T12:00:06Z'), running: false });
    const timers = new InProcessTimerScheduler();
    await timers.schedule(timer(1, '2026-12-07T12:00:05Z'));
    let finish = () => {};
    const done: string[] = [];
    const pump = startTimerPump({
      timers,
      clock,
      intervalMs: 60_000,
      fire: () =>
        new Promise<void>((resolve) => {
          finish = resolve;
        }),
      afterRelease: async () => void done.push('saved'),
    });
    const check = pump.tick();
    pump.stop();
    const idle = pump.idle().then(() => done.push('idle'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(done).toEqual([]);
    finish();
    await idle;
    expect(await check).toBe(1);
    expect(done).toEqual(['saved', 'idle']);
  });
});

describe('local reply secret', () => {
  it('is created once with 32 random bytes and kept across restarts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'secret-'));
    const file = join(dir, 'sub', 'reply-secret');
    await ensureLocalSecret(file);
    const first = await readFile(file, 'utf8');
    expect(first.length).toBeGreaterThanOrEqual(32);
    await ensureLocalSecret(file);
    expect(await readFile(file, 'utf8')).toBe(first);
  });
});

// On start, a waiting case whose opening passed while the stack was down is assigned as of it.
describe('missedOpening — the opening Scheduler would have run a waiting case at', () => {
  const calendar = officeCalendar(localConfig, 'office');
  const iso = (local: string) => new Date(local).toISOString();
  it.each([
    [
      'queued Saturday, started Monday 18:00',
      '2026-11-28T10:00:00-03:00',
      '2026-11-30T18:00:00-03:00',
      '2026-11-30T09:00:00-03:00',
    ],
    [
      'queued Friday 19:00, started Tuesday 07:00',
      '2026-11-27T19:00:00-03:00',
      '2026-12-01T07:00:00-03:00',
      '2026-11-30T09:00:00-03:00',
    ],
    [
      'queued Wednesday 10:00 (open), started 20:00',
      '2026-11-25T10:00:00-03:00',
      '2026-11-25T20:00:00-03:00',
      '2026-11-25T10:00:00-03:00',
    ],
    [
      'queued Saturday, started Sunday: the opening is ahead',
      '2026-11-28T10:00:00-03:00',
      '2026-11-29T18:00:00-03:00',
      undefined,
    ],
    ['no enqueueing recorded', undefined, '2026-11-30T18:00:00-03:00', undefined],
  ])('%s', (_label, enqueuedAt, now, expected) => {
    const opening = missedOpening(enqueuedAt ? iso(enqueuedAt) : undefined, new Date(now), calendar);
    expect(opening?.toISOString()).toBe(expected ? iso(expected) : undefined);
  });
});

describe('recurring pump (the held-reply sweep’s rate schedule)', () => {
  it('runs once each time the virtual clock reaches the next period, once for a jump over several', async () => {
    const clock = new VirtualClock({ start: new Date('2026-11-30T09:01:00-03:00'), running: false });
    let runs = 0;
    const pump = startRecurringPump({ clock, everyMs: 5 * 60_000, run: async () => void runs++, intervalMs: 60_000 });
    try {
      expect(await pump.tick()).toBe(0);
      clock.set('2026-11-30T09:04:59-03:00');
      expect(await pump.tick()).toBe(0);
      clock.set('2026-11-30T09:05:00-03:00');
      expect(await pump.tick()).toBe(1);
      expect(await pump.tick()).toBe(0);
      clock.set('2026-11-30T11:00:00-03:00');
      expect(await pump.tick()).toBe(1);
      expect(await pump.tick()).toBe(0);
      expect(runs).toBe(2);
    } finally {
      pump.stop();
    }
  });

  it('retries a run that failed at the next check', async () => {
    const clock = new VirtualClock({ start: new Date('2026-11-30T09:04:00-03:00'), running: false });
    let fail = true;
    let runs = 0;
    const pump = startRecurringPump({
      clock,
      everyMs: 5 * 60_000,
      run: async () => {
        if (fail) throw new Error('table down');
        runs++;
      },
      intervalMs: 60_000,
    });
    try {
      clock.set('2026-11-30T09:05:00-03:00');
      await expect(pump.tick()).rejects.toThrow('table down');
      fail = false;
      expect(await pump.tick()).toBe(1);
      expect(runs).toBe(1);
    } finally {
      pump.stop();
    }
  });
});
