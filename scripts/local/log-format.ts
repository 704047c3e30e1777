/**
 * How the local stack prints its logs: one short line per event by default
 *
 *   14:03:07 INFO  email-intake  Submission decided  outcome=ACCEPTED protocol=OUV-2026-000001
 *
 * and the full Powertools JSON (what CloudWatch gets) with `npm start -- --json` or LOG_FORMAT=json.
 * The handlers keep using the Powertools Logger API; only the printing differs.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { ConstructorOptions } from '@aws-lambda-powertools/logger/types';

export type LocalLogFormat = 'short' | 'json';

/** LOG_FORMAT=json (or a --json flag) selects JSON; anything else, the short lines. */
export function logFormatFrom(env: NodeJS.ProcessEnv, jsonFlag = false): LocalLogFormat {
  if (jsonFlag) return 'json';
  return (env.LOG_FORMAT ?? '').trim().toLowerCase() === 'json' ? 'json' : 'short';
}

/** Keys every Powertools record carries: shown in the line's head, or not at all. */
const HEAD_KEYS = new Set([
  'timestamp',
  'level',
  'service',
  'message',
  'sampling_rate',
  'xray_trace_id',
  'cold_start',
  'function_arn',
  'function_memory_size',
  'function_name',
  'function_request_id',
  'function_version',
  'lambda_function_name',
]);

const MAX_VALUE = 120;

function shortValue(value: unknown): string {
  if (value instanceof Error) return shortValue(value.message);
  if (typeof value === 'object' && value !== null && 'message' in value && 'name' in value) {
    return shortValue((value as { message: unknown }).message);
  }
  let text: string;
  if (typeof value === 'string') text = /[\s="]/.test(value) || value === '' ? JSON.stringify(value) : value;
  else if (typeof value === 'object' && value !== null) text = JSON.stringify(value);
  else text = String(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/** One line for a log record (its attributes as Powertools would print them). */
export function shortLine(record: Record<string, unknown>): string {
  const time = typeof record.timestamp === 'string' ? (/T(\d\d:\d\d:\d\d)/.exec(record.timestamp)?.[1] ?? '') : '';
  const level = String(record.level ?? '').padEnd(5);
  const head = [time, level, String(record.service ?? ''), ''].filter((part, i) => i > 0 || part).join(' ');
  const details = Object.entries(record)
    .filter(([key, value]) => !HEAD_KEYS.has(key) && value !== undefined)
    .map(([key, value]) => `${key}=${shortValue(value)}`);
  const message = String(record.message ?? '');
  return `${head} ${message}${details.length ? `  ${details.join(' ')}` : ''}`.trimEnd();
}

const CONSOLE_METHOD: Record<string, 'log' | 'warn' | 'error'> = {
  TRACE: 'log',
  DEBUG: 'log',
  INFO: 'log',
  WARN: 'warn',
  ERROR: 'error',
  CRITICAL: 'error',
};

/** A Powertools Logger that prints short lines unless asked for JSON. */
export class LocalLogger extends Logger {
  constructor(
    options: ConstructorOptions,
    private readonly format: LocalLogFormat = 'short',
    private readonly write: (method: 'log' | 'warn' | 'error', line: string) => void = (method, line) =>
      console[method](line),
  ) {
    super(options);
  }

  protected override printLog(logLevel: number, log: Parameters<Logger['printLog']>[1]): void {
    if (this.format === 'json') {
      super.printLog(logLevel, log);
      return;
    }
    log.prepareForPrint();
    const record = log.getAttributes() as Record<string, unknown>;
    this.write(CONSOLE_METHOD[String(record.level)] ?? 'log', shortLine(record));
  }
}
