import { describe, expect, it } from 'vitest';
import { createDlqWatchHandler, publishDlqAges } from '../../../../functions/dlq-watch/handler';
import type { DlqWatchStore } from '../../../../shared/app/dlq-watch';
import type { DlqWatchState } from '../../../../shared/domain/dlq-watch';

const NOW = new Date('2026-03-24T13:00:00.000Z');
const DAY = 24 * 3600;
const url = (name: string) => `https://sqs.sa-east-1.amazonaws.com/123456789012/${name}`;
const QUEUES = ['Ouvidoria-prod-IntakeDlq', 'Ouvidoria-prod-SchedulerDlq'].map((name) => ({ name, url: url(name) }));

function recorder() {
  const published: { queue: string; name: string; value: number }[] = [];
  const metrics = {
    singleMetric: () => {
      let queue = '';
      return {
        addDimension: (_key: string, value: string) => {
          queue = value;
        },
        addMetric: (name: string, _unit: unknown, value: number) => void published.push({ queue, name, value }),
      };
    },
  };
  return { published, metrics: metrics as never };
}

function world(counts: Record<string, number | Error>, stored: Record<string, DlqWatchState> = {}) {
  const saved = new Map(Object.entries(stored));
  const store: DlqWatchStore = {
    load: async (name) => saved.get(name) ?? {},
    save: async (name, state) => void saved.set(name, state),
  };
  const probe = {
    messages: async (queueUrl: string) => {
      const count = counts[queueUrl.slice(queueUrl.lastIndexOf('/') + 1)];
      if (count instanceof Error) throw count;
      return count ?? 0;
    },
  };
  const logs: { level: string; message: string; data: unknown }[] = [];
  const logger = {
    info: (message: string, data: unknown) => void logs.push({ level: 'info', message, data }),
    warn: (message: string, data: unknown) => void logs.push({ level: 'warn', message, data }),
  };
  return { deps: { probe, store, clock: { now: () => NOW } }, logs, logger: logger as never };
}

describe('dlq-watch handler', () => {
  it.each<{
    name: string;
    counts: Record<string, number | Error>;
    stored?: Record<string, DlqWatchState>;
    published: [string, number][];
    warned: string[];
  }>([
    {
      name: 'both empty: a zero for each (the alarms hear the run)',
      counts: {},
      published: [
        ['Ouvidoria-prod-IntakeDlq', 0],
        ['Ouvidoria-prod-SchedulerDlq', 0],
      ],
      warned: [],
    },
    {
      name: 'a mail forgotten 8 days in the intake DLQ: its age, and the run says which queue holds how many',
      counts: { 'Ouvidoria-prod-IntakeDlq': 2 },
      stored: { 'Ouvidoria-prod-IntakeDlq': { firstSeenAt: new Date(NOW.getTime() - 8 * DAY * 1000).toISOString() } },
      published: [
        ['Ouvidoria-prod-IntakeDlq', 8 * DAY],
        ['Ouvidoria-prod-SchedulerDlq', 0],
      ],
      warned: ['Dead-letter queues holding messages'],
    },
    {
      name: 'SQS throttles one count: nothing for that queue (its alarm sees the gap), the run still succeeds',
      counts: {
        'Ouvidoria-prod-IntakeDlq': Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }),
      },
      published: [['Ouvidoria-prod-SchedulerDlq', 0]],
      warned: ['Dead-letter queues not measured'],
    },
  ])('$name', async ({ counts, stored, published, warned }) => {
    const w = world(counts, stored);
    const r = recorder();
    await createDlqWatchHandler({ deps: w.deps, queues: QUEUES, logger: w.logger, metrics: r.metrics })();
    expect(r.published.map((p) => [p.queue, p.value])).toEqual(published);
    expect(r.published.every((p) => p.name === 'DlqOldestMessageSeconds')).toBe(true);
    expect(w.logs.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual(warned);
    // Queue names and counts only in the logs: never a message, a URL with the account, an address.
    expect(JSON.stringify(w.logs)).not.toMatch(/https:|@/);
  });

  it('publishes nothing for a queue it did not measure', () => {
    const r = recorder();
    publishDlqAges(r.metrics, {
      measured: [{ name: 'Ouvidoria-prod-FeedbackDlq', messages: 0, oldestAgeSeconds: 0 }],
      failed: ['Ouvidoria-prod-SchedulerDlq'],
    });
    expect(r.published).toEqual([{ queue: 'Ouvidoria-prod-FeedbackDlq', name: 'DlqOldestMessageSeconds', value: 0 }]);
  });
});
