import { describe, expect, it } from 'vitest';
import { LocalLogger, logFormatFrom, shortLine } from '../../../../scripts/local/log-format';

describe('logFormatFrom', () => {
  it('is short by default, JSON with LOG_FORMAT=json or the --json flag', () => {
    expect(logFormatFrom({})).toBe('short');
    expect(logFormatFrom({ LOG_FORMAT: 'text' })).toBe('short');
    expect(logFormatFrom({ LOG_FORMAT: ' JSON ' })).toBe('json');
    expect(logFormatFrom({}, true)).toBe('json');
  });
});

describe('shortLine', () => {
  it('time, level, service, message, then the event fields; Powertools bookkeeping left out', () => {
    const line = shortLine({
      level: 'INFO',
      message: 'Submission decided',
      sampling_rate: 0,
      service: 'email-intake',
      timestamp: '2026-11-30T14:03:07.123Z',
      xray_trace_id: 'x',
      cold_start: true,
      outcome: 'ACCEPTED',
      protocol: 'OUV-2026-000001',
      sender: 'j***@l***.com.br',
    });
    expect(line).toBe(
      '14:03:07 INFO  email-intake  Submission decided  outcome=ACCEPTED protocol=OUV-2026-000001 sender=j***@l***.com.br',
    );
    expect(line).not.toContain('\n');
  });

  it('quotes text with spaces, shows errors by message, compacts and cuts objects', () => {
    const line = shortLine({
      level: 'ERROR',
      service: 'local-stack',
      message: 'HTTP request failed',
      timestamp: '2026-11-30T14:03:07.123Z',
      reason: 'two words',
      error: { name: 'Error', message: 'connect ECONNREFUSED', stack: 'Error: …\n  at x' },
      detail: { list: Array.from({ length: 100 }, (_, i) => i) },
      count: 3,
    });
    expect(line).toContain('ERROR local-stack  HTTP request failed');
    expect(line).toContain('reason="two words"');
    expect(line).toContain('error="connect ECONNREFUSED"');
    expect(line).toContain('count=3');
    expect(line).toMatch(/detail=\{"list":\[0,1,2.*…/);
    expect(line).not.toContain('\n');
  });
});

describe('LocalLogger', () => {
  const capture = (format: 'short' | 'json') => {
    const lines: Array<[string, string]> = [];
    const logger = new LocalLogger({ serviceName: 'webform', logLevel: 'DEBUG' }, format, (method, line) =>
      lines.push([method, line]),
    );
    return { logger, lines };
  };

  it('prints one short line per event, warnings and errors on stderr methods', () => {
    const { logger, lines } = capture('short');
    logger.info('Form received', { fields: 6 });
    logger.warn('Rate limited');
    logger.error('Store failed', { error: new Error('throttled') });
    expect(lines.map(([m]) => m)).toEqual(['log', 'warn', 'error']);
    expect(lines[0]?.[1]).toMatch(/^\d\d:\d\d:\d\d INFO {2}webform {2}Form received {2}fields=6$/);
    expect(lines[2]?.[1]).toContain('error=throttled');
  });

  it('keeps the Powertools JSON when asked', () => {
    const out: string[] = [];
    const original = console.info;
    console.info = (line: string) => out.push(line);
    // In dev mode Powertools prints through the global console (otherwise its own, on stdout).
    process.env.POWERTOOLS_DEV = 'true';
    try {
      new LocalLogger({ serviceName: 'webform' }, 'json').info('Form received', { fields: 6 });
    } finally {
      console.info = original;
      delete process.env.POWERTOOLS_DEV;
    }
    expect(out).toHaveLength(1);
    expect(JSON.parse(out[0] ?? '{}')).toMatchObject({
      level: 'INFO',
      service: 'webform',
      message: 'Form received',
      fields: 6,
    });
  });
});
