/** The local lifecycle timers survive a restart: kept in the data folder, armed again on start, fired once. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTimerPump } from '../../../../scripts/local/scheduler';
import { FileTimerScheduler, readTimers, timersFile } from '../../../../scripts/local/timer-store';
import { VirtualClock } from '../../../../shared/adapters/local/virtual-clock';
import type { TimerEvent } from '../../../../shared/app/lifecycle/timers';
import { type LifecycleTimer, timerName } from '../../../../shared/domain/lifecycle/deadlines';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'timers-'));
  file = timersFile(dir);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const DUE = '2026-12-09T20:00:00.000Z';
const timer = (kind: 'reminder' | 'escalation', at: string, caseId = 'email:m1'): LifecycleTimer => ({
  kind,
  caseId,
  dueAt: DUE,
  at: new Date(at),
  name: timerName(kind, caseId, DUE),
});

/** A timer pump over `timers` that records what it fires (checks on demand only). */
function pumpOver(timers: FileTimerScheduler, clock: VirtualClock, fire?: (event: TimerEvent) => Promise<void>) {
  const fired: TimerEvent[] = [];
  const pump = startTimerPump({
    timers,
    clock,
    intervalMs: 60_000,
    afterRelease: () => timers.save(),
    fire: async (event) => {
      await fire?.(event);
      fired.push(event);
    },
  });
  return { pump, fired };
}

describe('local timer store', () => {
  it('lives in the data folder', () => {
    expect(timersFile('/x/.local')).toBe(join('/x/.local', 'timers.json'));
  });

  it('has nothing to restore on a first start, and writes nothing until a timer is scheduled', async () => {
    const timers = await FileTimerScheduler.open(file);
    expect(timers.restored).toBe(0);
    expect(timers.list()).toEqual([]);
    await timers.save();
    await expect(readFile(file, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('writes a schedule before `schedule` returns, and the next start arms it again as it was', async () => {
    const first = await FileTimerScheduler.open(file);
    await first.schedule(timer('reminder', '2026-12-07T12:00:00Z'));
    await first.schedule(timer('escalation', DUE));
    // Scheduling the same name twice keeps one, on disk too.
    await first.schedule(timer('reminder', '2026-12-07T12:00:00Z'));
    expect(await readTimers(file)).toEqual(first.list());

    const second = await FileTimerScheduler.open(file);
    expect(second.restored).toBe(2);
    expect(second.list()).toEqual([timer('reminder', '2026-12-07T12:00:00Z'), timer('escalation', DUE)]);
  });

  it('fires, on the first check after a start, a timer whose instant passed while the stack was down', async () => {
    const before = await FileTimerScheduler.open(file);
    await before.schedule(timer('reminder', '2026-12-07T12:00:00Z'));
    await before.schedule(timer('escalation', DUE));

    // Restarted with the clock moved past the reminder, not the due date.
    const clock = new VirtualClock({ start: new Date('2026-12-08T10:00:00Z'), running: false });
    const after = await FileTimerScheduler.open(file);
    const { pump, fired } = pumpOver(after, clock);
    try {
      expect(await pump.tick()).toBe(1);
      expect(fired).toEqual([{ kind: 'reminder', caseId: 'email:m1', dueAt: DUE }]);
      expect(after.list().map((t) => t.kind)).toEqual(['escalation']);
    } finally {
      pump.stop();
    }
  });

  it('fires a timer once across restarts: what fired is no longer on disk', async () => {
    const clock = new VirtualClock({ start: new Date('2026-12-07T12:00:01Z'), running: false });
    const first = await FileTimerScheduler.open(file);
    await first.schedule(timer('reminder', '2026-12-07T12:00:00Z'));
    await first.schedule(timer('escalation', DUE));
    const one = pumpOver(first, clock);
    try {
      expect(await one.pump.tick()).toBe(1);
    } finally {
      one.pump.stop();
    }
    // Stopped without any further save: the check itself wrote the file.
    expect((await readTimers(file)).map((t) => t.kind)).toEqual(['escalation']);

    clock.set(new Date('2026-12-10T12:00:00Z'));
    const second = await FileTimerScheduler.open(file);
    const two = pumpOver(second, clock);
    try {
      expect(await two.pump.tick()).toBe(1);
      expect(await two.pump.tick()).toBe(0);
    } finally {
      two.pump.stop();
    }
    expect(one.fired.map((e) => e.kind)).toEqual(['reminder']);
    expect(two.fired.map((e) => e.kind)).toEqual(['escalation']);

    const third = await FileTimerScheduler.open(file);
    expect(third.restored).toBe(0);
    expect(await readTimers(file)).toEqual([]);
  });

  it('keeps a timer whose firing failed, for the next check and across a restart', async () => {
    const clock = new VirtualClock({ start: new Date('2026-12-07T12:00:01Z'), running: false });
    const first = await FileTimerScheduler.open(file);
    await first.schedule(timer('reminder', '2026-12-07T12:00:00Z'));
    const failing = pumpOver(first, clock, async () => {
      throw new Error('SES throttled');
    });
    try {
      await expect(failing.pump.tick()).rejects.toThrow('SES throttled');
    } finally {
      failing.pump.stop();
    }

    const second = await FileTimerScheduler.open(file);
    expect(second.restored).toBe(1);
    const { pump, fired } = pumpOver(second, clock);
    try {
      expect(await pump.tick()).toBe(1);
      expect(fired).toEqual([{ kind: 'reminder', caseId: 'email:m1', dueAt: DUE }]);
    } finally {
      pump.stop();
    }
  });

  it('refuses a damaged file rather than dropping the timers in it', async () => {
    await writeFile(file, '[{"kind":"reminder","caseId":"email:m1"}]\n');
    await expect(FileTimerScheduler.open(file)).rejects.toThrow(/not a saved list of lifecycle timers/);
    await writeFile(file, '{not json');
    await expect(FileTimerScheduler.open(file)).rejects.toThrow(SyntaxError);
  });
});
