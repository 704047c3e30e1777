import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../../shared/adapters/local/virtual-clock';

const monday9 = new Date('2026-11-30T09:00:00-03:00');
describe('VirtualClock', () => {
  it('runs with real elapsed time from its start instant', () => {
    let real = 1_000_000;
    const clock = new VirtualClock({ start: new Date('2026-11-27T21:00:00-03:00'), realNow: () => real });
    real += 90_000;
    expect(clock.now()).toEqual(new Date('2026-11-27T21:01:30-03:00'));
  });

  it('stands still when not running, and can be set or advanced', () => {
    let real = 0;
    const clock = new VirtualClock({
      start: new Date('2026-11-27T21:00:00-03:00'),
      running: false,
      realNow: () => real,
    });
    real += 3_600_000;
    expect(clock.now()).toEqual(new Date('2026-11-27T21:00:00-03:00'));
    clock.set('2026-11-30T09:00:00-03:00');
    expect(clock.now()).toEqual(monday9);
    clock.advance(60_000);
    expect(clock.now()).toEqual(new Date('2026-11-30T09:01:00-03:00'));
  });

  it('pause and resume keep the virtual instant continuous', () => {
    let real = 0;
    const clock = new VirtualClock({ start: monday9, realNow: () => real });
    real = 10_000;
    clock.pause();
    real = 50_000;
    expect(clock.now()).toEqual(new Date(monday9.getTime() + 10_000));
    clock.resume();
    real = 55_000;
    expect(clock.now()).toEqual(new Date(monday9.getTime() + 15_000));
    expect(clock.isRunning).toBe(true);
  });

  it('defaults to the real time and rejects bad input', () => {
    const clock = new VirtualClock({ realNow: () => monday9.getTime(), running: false });
    expect(clock.now()).toEqual(monday9);
    expect(() => clock.set('segunda às 9h')).toThrow(RangeError);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => new VirtualClock({ start: new Date(Number.NaN) })).toThrow(RangeError);
  });
});
