import { describe, expect, it } from 'vitest';
import {
  ASSIGNMENT_METRIC,
  assignmentFailed,
  assignmentTelemetry,
  parseAssignmentBody,
} from '../../../shared/adapters/assignment-telemetry';

function recorders() {
  const logs: [string, string, Record<string, unknown>][] = [];
  const metrics: [string, number][] = [];
  const logger = {
    info: (m: string, x: Record<string, unknown>) => logs.push(['info', m, x]),
    warn: (m: string, x: Record<string, unknown>) => logs.push(['warn', m, x]),
    error: (m: string, x: Record<string, unknown>) => logs.push(['error', m, x]),
    addContext: () => undefined,
  } as never;
  const sink = {
    addMetric: (name: string, _unit: unknown, value: number) => metrics.push([name, value]),
    publishStoredMetrics: () => undefined,
  };
  return { logs, metrics, logger, sink };
}

describe('parseAssignmentBody', () => {
  it.each([
    ['{"caseId":"email:x","protocol":"OUV-2026-000123"}', true],
    ['{"caseId":"email:x","protocol":"OUV-2026-123"}', false],
    ['{"caseId":"","protocol":"OUV-2026-000123"}', false],
    ['not json', false],
    ['[]', false],
  ])('%s → %s', (body, ok) => {
    if (ok) expect(parseAssignmentBody(body)).toEqual(JSON.parse(body));
    else expect(() => parseAssignmentBody(body)).toThrow(/Invalid assignment message|not JSON/);
  });
});

describe('assignment telemetry', () => {
  it('counts assignments with the time to assignment, and logs ids only', () => {
    const r = recorders();
    const t = assignmentTelemetry(r.logger, r.sink);
    t.assigned({ caseId: 'email:x', protocol: 'OUV-2026-000001', analystId: 'ana', secondsSinceIntake: 42 });
    t.deferred({ caseId: 'email:x', protocol: 'OUV-2026-000001', until: new Date('2026-11-30T12:00:00Z') });
    t.noAnalyst({ caseId: 'email:x', protocol: 'OUV-2026-000001', retryAt: new Date('2026-11-30T13:00:00Z') });
    expect(r.metrics).toEqual([
      [ASSIGNMENT_METRIC.assigned, 1],
      [ASSIGNMENT_METRIC.timeToAssignment, 42],
      [ASSIGNMENT_METRIC.deferred, 1],
      [ASSIGNMENT_METRIC.noAnalyst, 1],
    ]);
    expect(JSON.stringify(r.logs)).not.toMatch(/@/);
  });

  it('a case erased while queued: logged with its ids only, nothing counted (no failure, no alarm)', () => {
    const r = recorders();
    assignmentTelemetry(r.logger, r.sink).gone({ caseId: 'webform:5f0c2a9e', protocol: 'OUV-2026-000123' });
    expect(r.metrics).toEqual([]);
    expect(r.logs).toEqual([
      ['info', expect.stringMatching(/erased/), { caseId: 'webform:5f0c2a9e', protocol: 'OUV-2026-000123' }],
    ]);
  });

  it('a failed record is counted and logged with its message id and receive count', () => {
    const r = recorders();
    assignmentFailed(
      r.logger,
      r.sink,
      { messageId: 'm-1', attributes: { ApproximateReceiveCount: '3' } },
      { caseId: 'email:x', protocol: 'OUV-2026-000001' },
      Object.assign(new Error('boom'), { name: 'ProvisionedThroughputExceededException' }),
    );
    expect(r.metrics).toEqual([[ASSIGNMENT_METRIC.failed, 1]]);
    expect(r.logs[0]?.[0]).toBe('error');
    expect(r.logs[0]?.[2]).toMatchObject({
      messageId: 'm-1',
      receiveCount: '3',
      caseId: 'email:x',
      error: { name: 'ProvisionedThroughputExceededException' },
    });
  });
});
