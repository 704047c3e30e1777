import { describe, expect, it } from 'vitest';
import { REQUEUE_WAITING_LIMIT, requeueWaiting } from '../../../shared/app/requeue-waiting';
import type { CaseRecord, CaseStatus } from '../../../shared/domain/case';
import { RecordingQueue } from '../../support/fakes';

/** `count` QUEUED cases created a minute apart (case 1 the oldest), read as the status index does. */
function waitingCases(count: number) {
  const start = Date.parse('2026-02-13T12:00:00.000Z');
  const records = Array.from(
    { length: count },
    (_, i) =>
      ({
        caseId: `email:${i + 1}`,
        protocol: `OUV-2026-${String(i + 1).padStart(6, '0')}`,
        status: 'QUEUED',
        createdAt: new Date(start + i * 60_000).toISOString(),
      }) as CaseRecord,
  );
  return {
    listByStatus: async (status: CaseStatus, limit = 100, order: 'newest' | 'oldest' = 'newest') =>
      records
        .filter((r) => r.status === status)
        .sort((a, b) => (order === 'oldest' ? 1 : -1) * a.createdAt.localeCompare(b.createdAt))
        .slice(0, limit),
  };
}

describe('requeueWaiting', () => {
  it.each([
    { name: 'a few waiting cases: all of them', count: 3, requeued: 3, first: 'email:1', last: 'email:3' },
    // After Carnaval with the whole team on leave: the cap takes the longest-waiting cases (it took
    // the newest 1000 and left the oldest to wait), the rest go to the daily sweep.
    {
      name: 'over the cap: the longest-waiting first',
      count: REQUEUE_WAITING_LIMIT + 200,
      requeued: REQUEUE_WAITING_LIMIT,
      first: 'email:1',
      last: `email:${REQUEUE_WAITING_LIMIT}`,
    },
  ])('$name', async ({ count, requeued, first, last }) => {
    const queue = new RecordingQueue();
    const result = await requeueWaiting({ cases: waitingCases(count), queue });
    expect(result).toEqual({ waiting: requeued, requeued });
    expect(queue.messages[0]?.caseId).toBe(first);
    expect(queue.messages.at(-1)?.caseId).toBe(last);
  });

  it('without a queue re-queues nothing and says how many wait', async () => {
    expect(await requeueWaiting({ cases: waitingCases(2) })).toEqual({ waiting: 2, requeued: 0 });
  });
});
