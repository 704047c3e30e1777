/**
 * Child process of the memory figure, bundled by bench/memory.ts once per handler with the Lambda
 * esbuild options and `define: { BENCH_HANDLER: '"<name>"' }`, so that each bundle holds only that
 * handler (the other branches and their dynamic imports are removed as dead code). Run as
 * `node --expose-gc index.mjs <input dir>`: loads the handler with in-memory ports, runs it three
 * times on its largest input, and prints one line `BENCH_RESULT {json}` with the peaks.
 * `node index.mjs <input dir> timing` (bench/first-message.ts) runs it the same way without the
 * memory sampling, for the time of each invocation: the first is a cold container's.
 * Everything the handler logs is swallowed.
 */
import { withConfirmMails } from '../test/support/confirm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SQSEvent } from 'aws-lambda';
import type { CaseRecord } from '../shared/domain/case';
import type { TicketRecord } from '../shared/ports';
import {
  InMemoryBounceCounter,
  InMemoryRawMailStore,
  InMemoryStaffRepository,
  RecordingScheduler,
} from '../test/support/fakes';
import { BENCH_CONFIG, BENCH_NOW, fakeIntake, productionTelemetry } from './support';

export const RESULT_MARKER = 'BENCH_RESULT ';

const write = process.stdout.write.bind(process.stdout);
process.stdout.write = ((_chunk: unknown, ...rest: unknown[]) => {
  const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
  callback?.();
  return true;
}) as typeof process.stdout.write;

declare const BENCH_HANDLER: string;
const dir = process.argv[2] ?? '.';
const timingOnly = process.argv[3] === 'timing';
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

const readJson = <T>(name: string): T => JSON.parse(readFileSync(join(dir, name), 'utf8')) as T;

async function prepare(): Promise<() => Promise<unknown>> {
  if (BENCH_HANDLER === 'email-intake') {
    const { createEmailIntakeHandler } = await import('../functions/email-intake/handler');
    const input = readJson<{
      event: unknown;
      key: string;
      bucket: string;
      prefix: string;
      tickets: TicketRecord[];
      mailFile: string;
    }>('email-intake.json');
    const raw = readFileSync(join(dir, input.mailFile));
    const rawMail = new InMemoryRawMailStore();
    rawMail.put({ bucket: input.bucket, key: input.key }, raw);
    return async () => {
      const fakes = fakeIntake(input.tickets);
      const { logger, metrics } = productionTelemetry('email-intake');
      const { emailIntakeDepsFrom } = await import('../shared/composition/email-intake');
      const service = emailIntakeDepsFrom(fakes.deps, rawMail);
      const handler = createEmailIntakeHandler(() => ({
        service,
        rawMail: { bucket: input.bucket, prefix: input.prefix },
        logger,
        metrics,
      }));
      return handler(input.event);
    };
  }
  if (BENCH_HANDLER === 'webform') {
    const { createWebformHandler } = await import('../functions/webform/handler');
    const input = readJson<{ event: unknown; tickets: TicketRecord[] }>('webform.json');
    return async () => {
      const fakes = fakeIntake(input.tickets);
      const { logger, metrics } = productionTelemetry('webform');
      const handler = createWebformHandler(
        withConfirmMails({
          ...fakes.deps,
          rateLimiter: fakes.rateLimiter,
          pendingSubmissions: fakes.pendingSubmissions,
          linkSecret: fakes.linkSecret,
          confirmMails: fakes.confirmMails,
          logger,
          metrics,
        }),
      );
      return handler(input.event);
    };
  }
  if (BENCH_HANDLER === 'assignment') {
    const { createAssignmentHandler } = await import('../functions/assignment/handler');
    const input = readJson<{ record: CaseRecord; event: SQSEvent }>('assignment.json');
    // The opening mail's files are relayed with the notice, read from the stored mail (as deployed).
    const opening = input.record.messages[0]?.raw;
    const rawMail = new InMemoryRawMailStore();
    if (opening) rawMail.put(opening, readFileSync(join(dir, 'opening.eml')));
    const { withRelayedAttachments } = await import('../shared/adapters/attachment-relay');
    const { readMailFilesOnDemand } = await import('../shared/composition/assignment');
    return async () => {
      const fakes = fakeIntake([]);
      await fakes.cases.create(input.record);
      const { logger, metrics } = productionTelemetry('assignment');
      const handler = createAssignmentHandler({
        cases: fakes.cases,
        staff: new InMemoryStaffRepository([
          {
            id: 'ana',
            name: 'Ana Beatriz Lima',
            email: 'ana.lima@ouvidoria.example.com.br',
            active: true,
            openCases: 2,
          },
          {
            id: 'bruno',
            name: 'Bruno Carvalho',
            email: 'bruno.carvalho@ouvidoria.example.com.br',
            active: true,
            openCases: 1,
          },
        ]),
        mailer: withRelayedAttachments(fakes.mailer, rawMail, readMailFilesOnDemand),
        scheduler: new RecordingScheduler(),
        clock: fakes.clock,
        config: BENCH_CONFIG,
        logger,
        metrics,
      });
      return handler(input.event);
    };
  }
  if (BENCH_HANDLER === 'ses-feedback') {
    const { createSesFeedbackHandler } = await import('../functions/ses-feedback/handler');
    const input = readJson<{ event: unknown }>('ses-feedback.json');
    return async () => {
      const fakes = fakeIntake([]);
      const { logger, metrics } = productionTelemetry('ses-feedback');
      const handler = createSesFeedbackHandler(() => ({
        bounces: fakes.deps.bounces,
        bounceCounter: new InMemoryBounceCounter(),
        clock: fakes.clock,
        config: BENCH_CONFIG,
        logger,
        metrics,
      }));
      return handler(input.event);
    };
  }
  throw new Error(`unknown handler ${BENCH_HANDLER}`);
}

/**
 * The kernel's high-water mark of this process image (VmHWM): no sample can miss it. Not
 * resourceUsage().maxRSS: Linux carries the parent's RSS at fork into the child's maxrss, so a
 * child of the (large) benchmark process would report the parent's size.
 */
function peakRss(sampled: number): number {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match?.[1]) return Math.max(sampled, Number(match[1]) * 1024);
  } catch {
    // not Linux
  }
  return sampled;
}

async function main(): Promise<void> {
  const invoke = await prepare();
  gc();
  const baseline = process.memoryUsage();
  const peak = {
    rss: baseline.rss,
    heapUsed: baseline.heapUsed,
    external: baseline.external,
    arrayBuffers: baseline.arrayBuffers,
  };
  const sample = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
    peak.external = Math.max(peak.external, m.external);
    peak.arrayBuffers = Math.max(peak.arrayBuffers, m.arrayBuffers);
  };
  const timer = timingOnly ? undefined : setInterval(sample, 1);
  const durationsMs: number[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await invoke();
      durationsMs.push(performance.now() - t);
      if (!timingOnly) sample();
    }
  } finally {
    clearInterval(timer);
  }
  sample();
  const result = {
    handler: BENCH_HANDLER,
    at: BENCH_NOW.toISOString(),
    baselineRss: baseline.rss,
    baselineHeapUsed: baseline.heapUsed,
    peakRssSampled: peak.rss,
    peakHeapUsed: peak.heapUsed,
    peakExternal: peak.external,
    peakArrayBuffers: peak.arrayBuffers,
    maxRss: peakRss(peak.rss),
    durationsMs,
  };
  write(`${RESULT_MARKER}${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
