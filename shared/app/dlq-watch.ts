/**
 * The dead-letter queues' watch (each run of the dlq-watch function, every few minutes): reads each DLQ's
 * message count, updates what the table remembers of it (shared/domain/dlq-watch.ts) and returns the
 * age to publish. A queue that cannot be read is left out, so its alarm sees missing data and pages.
 */
import { type DlqWatchState, observeDlq } from '../domain/dlq-watch';
import type { Clock } from '../ports';

export interface DeadLetterQueueProbe {
  /** Messages in the queue, visible, in flight and delayed. */
  messages(queueUrl: string): Promise<number>;
}

export interface DlqWatchStore {
  load(name: string): Promise<DlqWatchState>;
  save(name: string, state: DlqWatchState): Promise<void>;
}

export interface DlqWatchDeps {
  probe: DeadLetterQueueProbe;
  store: DlqWatchStore;
  clock: Clock;
}

export interface WatchedDlq {
  readonly name: string;
  readonly url: string;
}

export interface DlqWatchResult {
  measured: { name: string; messages: number; oldestAgeSeconds: number }[];
  /** Names of the queues not measured this run. */
  failed: string[];
}

export async function watchDeadLetterQueues(
  deps: DlqWatchDeps,
  queues: readonly WatchedDlq[],
): Promise<DlqWatchResult> {
  const result: DlqWatchResult = { measured: [], failed: [] };
  for (const { name, url } of queues) {
    try {
      const messages = await deps.probe.messages(url);
      const observed = observeDlq(await deps.store.load(name), messages, deps.clock.now());
      await deps.store.save(name, observed.state);
      result.measured.push({ name, messages, oldestAgeSeconds: observed.oldestAgeSeconds });
    } catch {
      result.failed.push(name);
    }
  }
  return result;
}
