import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAMBDAS, ROOT } from '../../bench/bundles';
import { buildFloors, FLOOR_TARGETS, REQUIRED_PACKAGES } from '../../bench/floors';

describe('bench bundles', () => {
  it('measures every function the stack deploys: one bundle per functions/<name>/handler.ts', () => {
    const functions = readdirSync(join(ROOT, 'functions'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => `functions/${d.name}/handler.ts`)
      .sort();
    expect(LAMBDAS.map((l) => l.entry).sort()).toEqual(functions);
  });
});

describe('bench floors', () => {
  it('the floor with the required packages carries what the function carries of them, and none of our code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ouvidoria-floors-test-'));
    try {
      const builds = await buildFloors(dir);
      expect(builds.map((b) => b.fn.spec.name)).toEqual(FLOOR_TARGETS.map((t) => t.name));
      for (const b of builds) {
        const required = [...(b.fn.packages ?? new Map<string, number>())].filter(
          ([name]) => REQUIRED_PACKAGES[name] !== undefined,
        );
        expect(required.length).toBeGreaterThan(2);
        for (const [name, bytes] of required) {
          expect(
            Math.abs((b.withPackages.packages?.get(name) ?? 0) - bytes),
            `${b.fn.spec.name}: ${name}`,
          ).toBeLessThan(1024);
        }
        expect(b.withPackages.packages?.get('(our code)') ?? 0).toBeLessThan(1024);
        expect(b.floor.packages?.get('luxon')).toBeUndefined();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
