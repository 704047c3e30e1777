import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { describe, expect, it } from 'vitest';
import {
  createLogger,
  createMetrics,
  intakeTelemetry,
  lifecycleTelemetry,
  METRIC,
} from '../../../shared/adapters/telemetry';

interface Emitted {
  name: string;
  unit: string;
  value: number;
  dimensions: Record<string, string>;
  single: boolean;
}

/** Records what Powertools would write as EMF: each metric with its own dimensions. */
function recordingMetrics() {
  const emitted: Emitted[] = [];
  const single = () => {
    const dimensions: Record<string, string> = {};
    return {
      addDimension: (k: string, v: string) => {
        dimensions[k] = v;
      },
      addMetric: (name: string, unit: string, value: number) =>
        emitted.push({ name, unit, value, dimensions: { ...dimensions }, single: true }),
    };
  };
  const metrics = {
    singleMetric: single,
    addMetric: (name: string, unit: string, value: number) =>
      emitted.push({ name, unit, value, dimensions: {}, single: false }),
  };
  return { metrics: metrics as unknown as Metrics, emitted };
}

function recordingLogger() {
  const lines: Array<{ level: string; message: string; extra: unknown }> = [];
  const at = (level: string) => (message: string, extra?: unknown) => lines.push({ level, message, extra });
  return { logger: { info: at('info'), warn: at('warn'), error: at('error') } as unknown as Logger, lines };
}

describe('createLogger and createMetrics', () => {
  it('build Powertools instances for the service', () => {
    expect(createLogger('ouvidoria-test')).toHaveProperty('info');
    const metrics = createMetrics('ouvidoria-test');
    expect(metrics.hasStoredMetrics()).toBe(false);
  });
});

describe('intakeTelemetry', () => {
  it.each([
    ['ACCEPTED', 'email', [{ name: METRIC.submissions, dimensions: { outcome: 'ACCEPTED', channel: 'email' } }]],
    [
      'QUARANTINED',
      'webform',
      [
        { name: METRIC.submissions, dimensions: { outcome: 'QUARANTINED', channel: 'webform' } },
        { name: METRIC.quarantinedMail, dimensions: {} },
      ],
    ],
  ] as const)('decided(%s, %s) counts the submission per outcome and channel', (outcome, channel, expected) => {
    const { metrics, emitted } = recordingMetrics();
    intakeTelemetry(metrics).decided(outcome as never, channel);
    expect(emitted.map(({ name, dimensions }) => ({ name, dimensions }))).toEqual(expected);
    expect(emitted.every((m) => m.unit === 'Count' && m.value === 1)).toBe(true);
  });

  it('counts tickets the directory could not check, under the service dimension only (the alarm reads it)', () => {
    const { metrics, emitted } = recordingMetrics();
    intakeTelemetry(metrics).ticketUnverified?.('directory_unavailable');
    expect(emitted).toEqual([
      { name: METRIC.ticketUnverified, unit: 'Count', value: 1, dimensions: {}, single: false },
    ]);
  });

  it.each([
    { permanent: true, why: 'refused for good (SES sandbox, unverified recipient): the AutoReplyRefused alarm' },
    { permanent: false, why: 'transient (throttled, paused): the platform retries' },
  ])('counts a reply SES did not take, permanent or not: $why', ({ permanent }) => {
    const { metrics, emitted } = recordingMetrics();
    intakeTelemetry(metrics).replyFailed?.(permanent);
    expect(emitted).toEqual([
      {
        name: METRIC.autoReplyFailed,
        unit: 'Count',
        value: 1,
        dimensions: { permanent: String(permanent) },
        single: true,
      },
    ]);
  });

  it('counts suppressed replies per reason and follow-ups per kind', () => {
    const { metrics, emitted } = recordingMetrics();
    const t = intakeTelemetry(metrics);
    t.replySuppressed('auto-submitted');
    t.followUp('appended');
    t.followUp('duplicate');
    expect(emitted.map(({ name, dimensions }) => [name, dimensions])).toEqual([
      [METRIC.autoReplySuppressed, { reason: 'auto-submitted' }],
      [METRIC.followUps, { kind: 'appended' }],
      [METRIC.followUps, { kind: 'duplicate' }],
    ]);
  });
});

describe('lifecycleTelemetry', () => {
  const MERCHANT = 'maria@lojadamaria.com.br';

  it.each([
    [
      'staffMailQuarantined',
      { reason: 'unknown-sender', protocol: 'OUV-1' },
      METRIC.staffMailQuarantined,
      { reason: 'unknown-sender' },
      'warn',
    ],
    [
      'staffMailApplied',
      { caseId: 'c1', protocol: 'OUV-1', staffId: 'ana', events: ['closed'] },
      METRIC.staffCommandsApplied,
      {},
      'info',
    ],
    [
      'staffMailRefused',
      { caseId: 'c1', protocol: 'OUV-1', staffId: 'ana', codes: ['not-assignee'] },
      METRIC.staffCommandsRefused,
      {},
      'info',
    ],
    ['overdue', { caseId: 'c1', protocol: 'OUV-1' }, METRIC.overdueCases, {}, 'warn'],
    // Mail for the supervisors that found none: an error, and the metric the NoActiveSupervisor alarm reads.
    ['noActiveSupervisor', { caseId: 'c1', effect: 'escalate' }, METRIC.noActiveSupervisor, {}, 'error'],
    // Only supervisors on leave got it: as loud (nobody present reads it).
    ['noActiveSupervisor', { caseId: 'c1', effect: 'escalate', onLeave: true }, METRIC.noActiveSupervisor, {}, 'error'],
    ['surveyRecorded', { protocol: 'OUV-1', score: 5 }, METRIC.surveyAnswers, { score: '5' }, 'info'],
  ] as const)('%s emits its metric and one log line', (method, event, metric, dimensions, level) => {
    const { metrics, emitted } = recordingMetrics();
    const { logger, lines } = recordingLogger();
    (lifecycleTelemetry(metrics, logger)[method] as (e: unknown) => void)(event);
    expect(emitted.map(({ name, dimensions: d }) => [name, d])).toEqual([[metric, dimensions]]);
    expect(lines.map((l) => l.level)).toEqual([level]);
  });

  it('the OverdueCases metric has no dimensions (it feeds one alarm)', () => {
    const { metrics, emitted } = recordingMetrics();
    lifecycleTelemetry(metrics, recordingLogger().logger).overdue({ caseId: 'c1', protocol: 'OUV-1' });
    expect(emitted).toEqual([{ name: 'OverdueCases', unit: 'Count', value: 1, dimensions: {}, single: false }]);
    expect(METRIC.overdueCases).toBe('OverdueCases');
  });

  it.each([
    ['commitConflict', { caseId: 'c1', attempt: 2 }, 'info'],
    ['timerStale', { caseId: 'c1', kind: 'reminder' }, 'info'],
    ['effectFailed', { caseId: 'c1', effect: 'mail', error: 'Throttling' }, 'error'],
  ] as const)('%s only logs', (method, event, level) => {
    const { metrics, emitted } = recordingMetrics();
    const { logger, lines } = recordingLogger();
    (lifecycleTelemetry(metrics, logger)[method] as (e: unknown) => void)(event);
    expect(emitted).toEqual([]);
    expect(lines).toEqual([expect.objectContaining({ level, extra: event })]);
  });

  it('logs ids and protocols, never the survey score, addresses or text', () => {
    const { metrics } = recordingMetrics();
    const { logger, lines } = recordingLogger();
    const t = lifecycleTelemetry(metrics, logger);
    t.surveyRecorded({ protocol: 'OUV-1', score: 2 });
    t.staffMailQuarantined({ reason: 'unknown-sender', protocol: 'OUV-1', from: MERCHANT } as never);
    expect(lines[0]?.extra).toEqual({ protocol: 'OUV-1' });
    expect(lines[1]?.extra).toEqual({ reason: 'unknown-sender', protocol: 'OUV-1' });
    expect(JSON.stringify(lines)).not.toContain(MERCHANT);
  });
});
