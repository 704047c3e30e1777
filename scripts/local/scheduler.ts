/**
 * Drives the in-process deferral scheduler (the local EventBridge Scheduler): every second it
 * asks for the deferrals that are due on the virtual clock and puts them back on the assignment
 * queue. The virtual clock may jump (tests, OUVIDORIA_NOW), so a fixed one-second check is
 * simpler and more honest than a timer armed for a virtual instant.
 */
import type { InProcessDeferralScheduler } from '../../shared/adapters/local/in-process-scheduler';
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
}

export function startDeferralPump(options: DeferralPumpOptions): DeferralPump {
  const { scheduler, clock, queue } = options;
  let running: Promise<number> | undefined;

  const release = async (): Promise<number> => {
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
  };

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
  };
}
