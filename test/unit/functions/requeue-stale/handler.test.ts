import { describe, expect, it } from 'vitest';
import { createRequeueStaleHandler } from '../../../../functions/requeue-stale/handler';
import { officeCalendar } from '../../../../shared/domain/calendar';
import type { CaseRecord, CaseStatus } from '../../../../shared/domain/case';
import { localConfig } from '../../../../shared/domain/config';
import { FixedClock, RecordingQueue } from '../../../support/fakes';

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

describe('requeue-stale handler', () => {
  const monday10 = new FixedClock(new Date('2026-11-30T13:00:00Z'));
  const silentLogger = { info: () => undefined, warn: () => undefined };

  it('counts the re-queued cases as the StaleCasesRequeued metric, zero included', async () => {
    for (const [records, expected] of [
      [[record('1'), record('2')], 2],
      [[], 0],
    ] as const) {
      const emitted: [string, number][] = [];
      const handler = createRequeueStaleHandler({
        cases: cases([...records]),
        queue: new RecordingQueue(),
        calendar,
        clock: monday10,
        logger: silentLogger,
        metrics: { addMetric: (name, _unit, value) => emitted.push([name, value]), publishStoredMetrics: () => 0 },
      });
      await handler();
      expect(emitted).toEqual([['StaleCasesRequeued', expected]]);
    }
  });

  it('fails the invocation when a case could not be re-queued (Scheduler retries it)', async () => {
    const queue = new RecordingQueue();
    queue.failNext = new Error('throttled');
    const handler = createRequeueStaleHandler({
      cases: cases([record('1')]),
      queue,
      calendar,
      clock: monday10,
      logger: silentLogger,
      metrics: { addMetric: () => 0, publishStoredMetrics: () => 0 },
    });
    await expect(handler()).rejects.toThrow(/could not be re-queued/);
  });
});
