/**
 * Drives the in-process deferral scheduler (the local EventBridge Scheduler): every second it
 * asks for the deferrals that are due on the virtual clock and puts them back on the assignment
 * queue. The virtual clock may jump (tests, OUVIDORIA_NOW), so a fixed one-second check is
 * simpler and more honest than a timer armed for a virtual instant.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { InProcessDeferralScheduler } from '../../shared/adapters/local/in-process-scheduler';
import type { InProcessTimerScheduler } from '../../shared/adapters/local/in-process-timer-scheduler';
import type { TimerEvent } from '../../shared/app/lifecycle/timers';
import type { OfficeCalendar } from '../../shared/domain/calendar';
import type { AssignmentQueue, Clock } from '../../shared/ports';

export interface DeferralPumpOptions {
  scheduler: InProcessDeferralScheduler;
  clock: Clock;
  queue: AssignmentQueue;
  intervalMs?: number;
  onError?: (error: unknown) => void;
}

export interface DeferralPump {
  /** Releases what is due now (also called by the timer). */
  tick(): Promise<number>;
  stop(): void;
  /** Settles when no check is running (after `stop`: before the stores it writes to close). */
  idle(): Promise<void>;
}

/**
 * The opening at which EventBridge Scheduler would have run a waiting case's assignment while the
 * local stack was down: the first opening at or after its enqueueing (closed hours defer it there,
 * open hours run it at once), when that has passed. The deferrals live in memory, so on start the
 * stack runs such a case's assignment as of that opening — re-queued at a closed `now`, it was
 * deferred again to the next one. Undefined when the opening is still ahead (the queue defers it).
 */
export function missedOpening(
  enqueuedAt: string | undefined,
  now: Date,
  calendar: Pick<OfficeCalendar, 'nextOpening'>,
): Date | undefined {
  const enqueued = enqueuedAt ? Date.parse(enqueuedAt) : Number.NaN;
  if (Number.isNaN(enqueued)) return undefined;
  const opening = calendar.nextOpening(new Date(enqueued));
  return opening.getTime() < now.getTime() ? opening : undefined;
}

export function startDeferralPump(options: DeferralPumpOptions): DeferralPump {
  const { scheduler, clock, queue } = options;
  return startPump(async () => {
    const due = scheduler.releaseDue(clock.now());
    for (const [index, message] of due.entries()) {
      try {
        await queue.enqueue(message);
      } catch (error) {
        // Put back what could not be queued, at its (past) due time, so the next tick retries it.
        for (const left of due.slice(index)) await scheduler.scheduleAt(left, clock.now());
        throw error;
      }
    }
    return due.length;
  }, options);
}

/**
 * Runs `release` every `intervalMs` (and on demand with `tick`), one run at a time: what the
 * local stand-ins of EventBridge Scheduler share.
 */
function startPump(
  release: () => Promise<number>,
  options: { intervalMs?: number; onError?: (error: unknown) => void },
): DeferralPump {
  let running: Promise<number> | undefined;
  const tick = async (): Promise<number> => {
    while (running) await running;
    running = release().finally(() => {
      running = undefined;
    });
    return running;
  };
  const timer = setInterval(() => {
    tick().catch((error) => options.onError?.(error));
  }, options.intervalMs ?? 1000);
  timer.unref();
  return {
    tick,
    stop: () => clearInterval(timer),
    idle: async () => {
      while (running) await running.catch(() => undefined);
    },
  };
}

export interface TimerPumpOptions {
  timers: InProcessTimerScheduler;
  clock: Clock;
  fire: (event: TimerEvent) => Promise<void>;
  /**
   * Called after each check that released timers, fired or not (the file-backed scheduler saves
   * itself here, so a timer that fired is not armed again after a restart).
   */
  afterRelease?: () => Promise<void>;
  intervalMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * Drives the lifecycle timers (reminders, escalations) on the virtual clock, like the deferral
 * pump: a timer that fails is put back due now, so the next check retries it (as Scheduler would).
 */
export function startTimerPump(options: TimerPumpOptions): DeferralPump {
  const { timers, clock } = options;
  return startPump(async () => {
    const due = timers.releaseDue(clock.now());
    try {
      for (const [index, event] of due.entries()) {
        try {
          await options.fire(event);
        } catch (error) {
          for (const left of due.slice(index)) {
            await timers.schedule({
              ...left,
              at: clock.now(),
              name: `${left.kind}.retry.${left.caseId}.${left.dueAt}`,
            });
          }
          throw error;
        }
      }
    } finally {
      if (due.length > 0) await options.afterRelease?.();
    }
    return due.length;
  }, options);
}

export interface RecurringPumpOptions {
  clock: Clock;
  /** The schedule's rate on the virtual clock (EventBridge Scheduler's `rate(…)` on AWS). */
  everyMs: number;
  run: () => Promise<void>;
  intervalMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * A recurring schedule on the virtual clock (the held-reply sweep's): `run` once each time the
 * clock reaches the next multiple of `everyMs` — once for a jump over several (a missed rate
 * schedule fires once, not once per period missed). A run that fails is retried at the next check.
 */
export function startRecurringPump(options: RecurringPumpOptions): DeferralPump {
  const { clock, everyMs } = options;
  let next = (Math.floor(clock.now().getTime() / everyMs) + 1) * everyMs;
  return startPump(async () => {
    const now = clock.now().getTime();
    if (now < next) return 0;
    await options.run();
    next = (Math.floor(now / everyMs) + 1) * everyMs;
    return 1;
  }, options);
}

/** The local reply-address secret: created once (random) in the data folder, kept across restarts. */
export async function ensureLocalSecret(file: string): Promise<string> {
  const existing = await readFile(file, 'utf8').catch(() => '');
  if (existing.trim().length >= 32) return file;
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return file;
}
