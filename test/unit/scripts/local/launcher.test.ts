import { describe, expect, it, vi } from 'vitest';
import {
  launcherGone,
  type Lineage,
  parentFromStat,
  parentOf,
  watchLauncher,
} from '../../../../scripts/local/launcher';

describe('parentFromStat', () => {
  it.each([
    ['2261 (node) S 2248 2213 2213 0 -1 4194560', 2248],
    // A command name with spaces and parentheses: the fields start after the last ')'.
    ['77 (tsx (watch) x) R 1 77 77 0 -1', 1],
    ['garbage', undefined],
  ])('%s → %s', (stat, ppid) => {
    expect(parentFromStat(stat)).toBe(ppid);
  });

  it('reads /proc/<pid>/stat, and gives nothing where it cannot be read', () => {
    expect(parentOf(2261, (path) => (path === '/proc/2261/stat' ? '2261 (node) S 2248 1' : ''))).toBe(2248);
    expect(
      parentOf(2261, () => {
        throw new Error('ENOENT');
      }),
    ).toBeUndefined();
  });
});

describe('launcherGone', () => {
  const first: Lineage = { parent: 2248, grandparent: 2247 };
  it.each([
    ['the chain as it was', { parent: 2248, grandparent: 2247 }, false],
    // Journeys 57: `kill <npm pid>` ended sh; init took tsx over, and the stack kept the ports.
    ['sh gone, tsx reparented to init', { parent: 2248, grandparent: 1 }, true],
    ['tsx gone', { parent: 1, grandparent: undefined }, true],
  ])('%s → %s', (_what, now: Lineage, gone) => {
    expect(launcherGone(first, now)).toBe(gone);
  });
});

describe('watchLauncher', () => {
  it('stops the stack once when npm’s chain breaks, and watches nothing outside npm', () => {
    vi.useFakeTimers();
    try {
      let lineage: Lineage = { parent: 2248, grandparent: 2247 };
      const stop = vi.fn();
      const cancel = watchLauncher(stop, { npm_lifecycle_event: 'start' }, 2_000, () => lineage);
      expect(cancel).toBeTypeOf('function');
      vi.advanceTimersByTime(6_000);
      expect(stop).not.toHaveBeenCalled();
      lineage = { parent: 2248, grandparent: 1 };
      vi.advanceTimersByTime(6_000);
      expect(stop).toHaveBeenCalledTimes(1);

      const direct = vi.fn();
      expect(watchLauncher(direct, {}, 2_000, () => ({ parent: 1, grandparent: undefined }))).toBeUndefined();
      expect(
        watchLauncher(direct, { npm_lifecycle_event: 'start' }, 2_000, () => ({ parent: 9, grandparent: undefined })),
      ).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });
});
