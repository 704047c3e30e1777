import { describe, expect, it } from 'vitest';
import { requeueStaleCases } from '../../../shared/app/requeue-stale';
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

/** Only listByStatus, and it records the statuses asked for: the sweep must never scan. */
function cases(records: CaseRecord[]) {
  const asked: CaseStatus[] = [];
  return {
    asked,
    listByStatus: async (status: CaseStatus) => {
      asked.push(status);
      return records.filter((r) => r.status === status);
    },
  };
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
