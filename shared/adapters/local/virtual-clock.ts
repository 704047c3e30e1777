import type { Clock } from '../../ports';

export interface VirtualClockOptions {
  /** The virtual instant at creation; the real time when omitted. */
  start?: Date;
  /** False: time stands still until `set`/`advance`. True (default): it runs with real time. */
  running?: boolean;
  /** Source of real time in milliseconds (tests inject one). */
  realNow?: () => number;
}

/**
 * The local stack's clock: a virtual instant that advances with real elapsed time (or stands still),
 * and can be set or moved forward, e.g. to Friday 21:00 and then to Monday 09:00, to watch a
 * deferred case being assigned without waiting a weekend.
 */
export class VirtualClock implements Clock {
  private base: number;
  private baseReal: number;
  private running: boolean;
  private readonly realNow: () => number;

  constructor(options: VirtualClockOptions = {}) {
    this.realNow = options.realNow ?? Date.now;
    this.baseReal = this.realNow();
    this.base = options.start ? validTime(options.start) : this.baseReal;
    this.running = options.running ?? true;
  }

  now(): Date {
    return new Date(this.running ? this.base + (this.realNow() - this.baseReal) : this.base);
  }

  /** Jumps to `at`; a running clock keeps running from there. */
  set(at: Date | string): void {
    this.base = validTime(typeof at === 'string' ? new Date(at) : at);
    this.baseReal = this.realNow();
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advance: ms must be a non-negative number');
    this.set(new Date(this.now().getTime() + ms));
  }

  pause(): void {
    this.set(this.now());
    this.running = false;
  }

  resume(): void {
    this.set(this.now());
    this.running = true;
  }

  get isRunning(): boolean {
    return this.running;
  }
}

function validTime(at: Date): number {
  const ms = at.getTime();
  if (Number.isNaN(ms)) throw new RangeError('VirtualClock: invalid date');
  return ms;
}
