import { describe, expect, it } from 'vitest';
import { DEFAULT_SWEEP_LIMIT, requeueStaleCases } from '../../../shared/app/requeue-stale';
import { officeCalendar } from '../../../shared/domain/calendar';
import type { CaseRecord, CaseStatus } from '../../../shared/domain/case';
import { localConfig } from '../../../shared/domain/config';
import { FixedClock, RecordingQueue } from '../../support/fakes';

const calendar = officeCalendar(localConfig, 'office');

function record(caseId: string, overrides: Partial<CaseRecord> = {}): CaseRecord {
  return {
    caseId,
    protocol: `OUV-2026-${caseId.padStart(6, '0')}`,
    status: 'QUEUED',
    createdAt: '2026-11-27T12:00:00.000Z',
    ...overrides,
  } as CaseRecord;
}

/**
 * Only listByStatus, as the status index reads it (by creation time, newest first unless asked
 * oldest first, at most `limit`), and it records the statuses asked for: the sweep must never scan.
 */
function cases(records: CaseRecord[]) {
  const asked: CaseStatus[] = [];
  return {
    asked,
    listByStatus: async (status: CaseStatus, limit = 100, order: 'newest' | 'oldest' = 'newest') => {
      asked.push(status);
      const listed = records
        .filter((r) => r.status === status)
        .sort((a, b) => (order === 'oldest' ? 1 : -1) * a.createdAt.localeCompare(b.createdAt));
      return listed.slice(0, limit);
    },
  };
}

/** `count` QUEUED cases created a minute apart from Friday 2026-11-27 09:00 (São Paulo), all stale on Monday. */
function backlog(count: number): CaseRecord[] {
  const start = Date.parse('2026-11-27T12:00:00.000Z');
  return Array.from({ length: count }, (_, i) =>
    record(String(i + 1), { createdAt: new Date(start + i * 60_000).toISOString() }),
  );
}

describe('requeueStaleCases', () => {
  // Monday 2026-11-30 10:00 in São Paulo (13:00 UTC): Friday's late cases should have gone at 09:00.
  const monday10 = new FixedClock(new Date('2026-11-30T13:00:00Z'));

  it('re-queues QUEUED cases that waited past the next opening, and no others', async () => {
    const repo = cases([
      // Queued Friday 18:00 (after hours): opening Monday 09:00 passed an hour ago → stale.
      record('1', { enqueuedAt: '2026-11-27T21:00:00.000Z' }),
      // Queued Monday 09:50, during hours: within the grace period → not stale.
      record('2', { enqueuedAt: '2026-11-30T12:50:00.000Z' }),
      // Never marked enqueued (crash after storing it): its creation counts → stale.
      record('3'),
      record('4', { status: 'ASSIGNED' }),
    ]);
    const queue = new RecordingQueue();
    const result = await requeueStaleCases({ cases: repo, queue, calendar, clock: monday10 });
    expect(repo.asked).toEqual(['QUEUED']);
    expect(result).toEqual({ examined: 3, requeued: ['1', '3'], failed: [] });
    expect(queue.messages).toEqual([
      { caseId: '1', protocol: 'OUV-2026-000001' },
      { caseId: '3', protocol: 'OUV-2026-000003' },
    ]);
  });

  it('leaves a case deferred to an opening still ahead (Saturday: next opening is Monday)', async () => {
    const saturday = new FixedClock(new Date('2026-11-28T15:00:00Z'));
    const queue = new RecordingQueue();
    const result = await requeueStaleCases({
      cases: cases([record('1', { enqueuedAt: '2026-11-27T21:00:00.000Z' })]),
      queue,
      calendar,
      clock: saturday,
    });
    expect(result.requeued).toEqual([]);
    expect(queue.messages).toEqual([]);
  });

  it.each([
    // A holiday backlog: more QUEUED cases than the old 1000-case cap, which read the newest and
    // left the oldest to wait, run after run.
    { name: 'every one of 1500 stale cases', count: 1500, limit: undefined, first: '1', requeued: 1500 },
    {
      name: `a backlog over ${DEFAULT_SWEEP_LIMIT}: the oldest ${DEFAULT_SWEEP_LIMIT}, the rest next run`,
      count: DEFAULT_SWEEP_LIMIT + 500,
      limit: undefined,
      first: '1',
      requeued: DEFAULT_SWEEP_LIMIT,
    },
    { name: 'a capped run takes the longest-waiting first', count: 1500, limit: 10, first: '1', requeued: 10 },
  ])('$name', async ({ count, limit, first, requeued }) => {
    const queue = new RecordingQueue();
    const result = await requeueStaleCases(
      { cases: cases(backlog(count)), queue, calendar, clock: monday10 },
      limit === undefined ? {} : { limit },
    );
    expect(result.examined).toBe(requeued);
    expect(result.requeued).toHaveLength(requeued);
    expect(result.requeued[0]).toBe(first);
    expect(new Set(queue.messages.map((m) => m.caseId)).size).toBe(requeued);
  });

  it('reports a failed send and goes on with the others', async () => {
    const queue = new RecordingQueue();
    queue.failNext = new Error('throttled');
    const result = await requeueStaleCases({
      cases: cases([record('1'), record('2')]),
      queue,
      calendar,
      clock: monday10,
    });
    expect(result).toEqual({ examined: 2, requeued: ['2'], failed: ['1'] });
  });
});
