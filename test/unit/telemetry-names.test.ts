import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { METRIC, METRICS_NAMESPACE, SERVICE } from '../../shared/telemetry-names';

const ROOT = join(import.meta.dirname, '..', '..');

/** Every TypeScript source under the given top-level folders, but the names module itself. */
function sources(...folders: string[]): string {
  return folders
    .flatMap((folder) =>
      readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.ts') && !f.endsWith('telemetry-names.ts'))
        .map((f) => readFileSync(join(ROOT, folder, f), 'utf8')),
    )
    .join('\n');
}

describe('telemetry names: one place for what the handlers emit and the alarms read', () => {
  it('metric and service names are distinct and spelled as CloudWatch shows them', () => {
    const metrics = Object.values(METRIC);
    const services = Object.values(SERVICE);
    expect(new Set(metrics).size).toBe(metrics.length);
    expect(new Set(services).size).toBe(services.length);
    for (const m of metrics) expect(m).toMatch(/^[A-Z][A-Za-z]+$/);
    for (const s of services) expect(s).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
    expect(METRICS_NAMESPACE).toMatch(/^[A-Za-z]+$/);
  });

  it('each service is a function of this repository', () => {
    const functions = readdirSync(join(ROOT, 'functions'));
    for (const s of Object.values(SERVICE)) expect(functions).toContain(s);
  });

  it('each metric is emitted by some handler or service (an alarm on a metric no one emits never fires)', () => {
    const code = sources('shared', 'functions');
    const silent = Object.keys(METRIC).filter((key) => !new RegExp(`\\bMETRIC\\.${key}\\b`).test(code));
    expect(silent).toEqual([]);
  });
});
