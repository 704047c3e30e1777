import { describe, expect, it } from 'vitest';
import { type DlqWatchStore, watchDeadLetterQueues } from '../../../shared/app/dlq-watch';
import type { DlqWatchState } from '../../../shared/domain/dlq-watch';

const NOW = new Date('2026-03-24T13:00:00.000Z');
const URL = (name: string) => `https://sqs.sa-east-1.amazonaws.com/123456789012/${name}`;
const QUEUES = ['Ouvidoria-prod-IntakeDlq', 'Ouvidoria-prod-SchedulerDlq'].map((name) => ({ name, url: URL(name) }));

function world(counts: Record<string, number | Error>, stored: Record<string, DlqWatchState> = {}) {
  const saved = new Map(Object.entries(stored));
  const store: DlqWatchStore = {
    load: async (name) => saved.get(name) ?? {},
    save: async (name, state) => void saved.set(name, state),
  };
  const probe = {
    messages: async (url: string) => {
      const count = counts[url.slice(url.lastIndexOf('/') + 1)];
      if (count instanceof Error) throw count;
      return count ?? 0;
    },
  };
  return { deps: { probe, store, clock: { now: () => NOW } }, saved };
}

describe('watchDeadLetterQueues', () => {
  it.each<{
    name: string;
    counts: Record<string, number | Error>;
    stored: Record<string, DlqWatchState>;
    measured: number[];
    failed: string[];
  }>([
    {
      name: 'two empty queues: zero for each (the alarms hear the run)',
      counts: {},
      stored: {},
      measured: [0, 0],
      failed: [],
    },
    {
      name: 'a message forgotten 8 days in the intake DLQ',
      counts: { 'Ouvidoria-prod-IntakeDlq': 1 },
      stored: { 'Ouvidoria-prod-IntakeDlq': { firstSeenAt: '2026-03-16T13:00:00.000Z' } },
      measured: [8 * 24 * 3600, 0],
      failed: [],
    },
    {
      name: 'SQS throttles one read: that queue is left out (its alarm sees missing data), the other measured',
      counts: { 'Ouvidoria-prod-IntakeDlq': new Error('Rate exceeded'), 'Ouvidoria-prod-SchedulerDlq': 2 },
      stored: {},
      measured: [0],
      failed: ['Ouvidoria-prod-IntakeDlq'],
    },
  ])('$name', async ({ counts, stored, measured, failed }) => {
    const w = world(counts, stored);
    const result = await watchDeadLetterQueues(w.deps, QUEUES);
    expect(result.measured.map((m) => m.oldestAgeSeconds)).toEqual(measured);
    expect(result.failed).toEqual(failed);
  });

  it('remembers the first run that saw a message, so the next runs count from it', async () => {
    const w = world({ 'Ouvidoria-prod-SchedulerDlq': 1 });
    await watchDeadLetterQueues(w.deps, QUEUES);
    expect(w.saved.get('Ouvidoria-prod-SchedulerDlq')).toEqual({ firstSeenAt: NOW.toISOString() });
    expect(w.saved.get('Ouvidoria-prod-IntakeDlq')).toEqual({});
  });
});
