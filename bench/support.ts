/**
 * Small helpers shared by the benchmark parts: a seeded PRNG, statistics, a stdout sink that
 * counts what Powertools writes (logs and EMF metrics) without printing it, and in-memory
 * dependencies built from the test fakes.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { IntakeDeps } from '../shared/app/intake';
import { localConfig, type OuvidoriaConfig } from '../shared/domain/config';
import type { StoredUpload, TicketDirectory, TicketRecord, UploadStore } from '../shared/ports';
import { putTags, type UploadOwner } from '../shared/domain/uploads/plan';
import {
  FixedClock,
  InMemoryBounceRegistry,
  InMemoryCaseRepository,
  InMemoryRateLimiter,
  InMemoryReplyThrottle,
  InMemorySenderOpenCases,
  RecordingMailer,
  RecordingQueue,
  confirmationPorts,
  type InMemoryConfirmationMails,
  type InMemoryPendingSubmissionStore,
} from '../test/support/fakes';

/** mulberry32: tiny, fast and good enough to make a corpus reproducible from one seed. */
export class Prng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  /** Log-uniform in [min, max]: as many 10–100 KB files as 100 KB–1 MB ones. */
  logUniform(min: number, max: number): number {
    return Math.round(Math.exp(Math.log(min) + this.next() * (Math.log(max) - Math.log(min))));
  }
  /** Incompressible bytes (attachments are compressed formats: PDF streams, JPEG, PNG, XLSX). */
  bytes(length: number): Buffer {
    const out = Buffer.allocUnsafe(length);
    let i = 0;
    for (; i + 4 <= length; i += 4) out.writeUInt32LE(Math.floor(this.next() * 4294967296), i);
    for (; i < length; i++) out[i] = Math.floor(this.next() * 256);
    return out;
  }
  hex(length: number): string {
    let s = '';
    while (s.length < length)
      s += Math.floor(this.next() * 4294967296)
        .toString(16)
        .padStart(8, '0');
    return s.slice(0, length);
  }
}

export function median(values: number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile (p in 0–100) of unsorted values. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

export function mean(values: number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

export const KB = 1024;
export const MB = 1024 * 1024;

export function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${(bytes / MB).toFixed(2)} MB`;
  if (bytes >= KB) return `${(bytes / KB).toFixed(1)} KB`;
  return `${Math.round(bytes)} B`;
}

export function fixed(value: number, digits = 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

/**
 * Swallows what the handlers write to stdout (Powertools JSON logs and EMF metric lines) and
 * counts the bytes: on Lambda those lines are CloudWatch Logs ingestion. Our own output goes
 * through `print`, which always reaches the terminal.
 */
export class StdoutSink {
  bytes = 0;
  lines = 0;
  private readonly original = process.stdout.write.bind(process.stdout);
  private active = false;

  start(): void {
    if (this.active) return;
    this.active = true;
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      this.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      this.lines += 1;
      const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    }) as typeof process.stdout.write;
  }

  stop(): void {
    if (!this.active) return;
    process.stdout.write = this.original;
    this.active = false;
  }

  reset(): void {
    this.bytes = 0;
    this.lines = 0;
  }

  print(text: string): void {
    this.original(`${text}\n`);
  }
}

/** Powertools as deployed: INFO logs, EMF metrics on (their output lands in the sink). */
export function productionTelemetry(serviceName: string): { logger: Logger; metrics: Metrics } {
  const logger = new Logger({ serviceName, logLevel: 'INFO' });
  // "No application metrics to publish" is a warning on stderr: not part of what we measure.
  const quiet = { ...console, warn: () => undefined };
  const metrics = new Metrics({ namespace: 'Ouvidoria', serviceName, logger: quiet });
  return { logger, metrics };
}

export const BENCH_CONFIG: OuvidoriaConfig = localConfig;

/** A Tuesday, 11:00 in São Paulo: the office is open, assignment happens at once. */
export const BENCH_NOW = new Date('2026-03-10T14:00:00.000Z');

export interface FakeIntake {
  deps: IntakeDeps;
  cases: InMemoryCaseRepository;
  mailer: RecordingMailer;
  queue: RecordingQueue;
  clock: FixedClock;
  rateLimiter: InMemoryRateLimiter;
  /** The webform's confirmation step (trust hole F1): posts that cite a ticket wait for their link. */
  pendingSubmissions: InMemoryPendingSubmissionStore;
  linkSecret: () => Promise<string>;
  confirmMails: InMemoryConfirmationMails;
}

/** Fresh in-memory ports for the intake service (and the webform's rate limiter). */
export function fakeIntake(tickets: TicketRecord[], now: Date = BENCH_NOW): FakeIntake {
  const cases = new InMemoryCaseRepository();
  const mailer = new RecordingMailer();
  const queue = new RecordingQueue();
  const clock = new FixedClock(now);
  const deps: IntakeDeps = {
    cases,
    tickets: new BenchTicketDirectory(tickets),
    mailer,
    queue,
    throttle: new InMemoryReplyThrottle(),
    bounces: new InMemoryBounceRegistry(),
    openCases: new InMemorySenderOpenCases(),
    clock,
    config: BENCH_CONFIG,
  };
  return { deps, cases, mailer, queue, clock, rateLimiter: new InMemoryRateLimiter(), ...confirmationPorts() };
}

/** Ticket of the webform's synthetic person number i (the benchmark's form posts cite it). */
export function webformTicketOf(i: number): TicketRecord {
  return { id: String(500_000 + i), requesterEmail: webformEmailOf(i) };
}

export function webformEmailOf(i: number): string {
  return `lojista${i}@loja${i % 97}.example.com.br`;
}

/**
 * The ticket directory (Zendesk in production): the corpus merchants' tickets plus one ticket for
 * each synthetic webform person. Counts its lookups (each is a Zendesk API call on AWS).
 */
export class BenchTicketDirectory implements TicketDirectory {
  readonly lookups: string[] = [];
  private readonly known: Map<string, TicketRecord>;
  constructor(tickets: TicketRecord[]) {
    this.known = new Map(tickets.map((t) => [t.id, t]));
  }
  async find(ticketId: string): Promise<TicketRecord | null> {
    this.lookups.push(ticketId);
    const known = this.known.get(ticketId);
    if (known) return known;
    const n = Number(ticketId);
    return Number.isInteger(n) && n >= 500_000 && n < 1_000_000 ? webformTicketOf(n - 500_000) : null;
  }
}

/** One row of the results table. */
export interface Row {
  figure: string;
  value: string;
  how: string;
}

/**
 * The uploads bucket for the benchmark's in-memory whole path: only what the email intake's copy of a
 * case's mailed files uses (list a message's folder, put a file), as S3 answers them.
 */
export class BenchUploads implements Pick<UploadStore, 'put' | 'list'> {
  readonly objects = new Map<string, { bytes: Uint8Array; tags: Record<string, string> }>();
  async put(key: string, bytes: Uint8Array, file: { contentType: string; filename: string }, owner?: UploadOwner) {
    this.objects.set(key, { bytes, tags: putTags(file.filename, owner) });
  }
  async list(prefix: string): Promise<StoredUpload[]> {
    return [...this.objects.entries()]
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, o]) => ({ key, size: o.bytes.length, tags: o.tags }));
  }
}
