/**
 * Tests a newcomer can find: test/unit mirrors the source tree.
 *
 *   shared/<path>.ts     → test/unit/<path>.test.ts          (shared/ is dropped)
 *   functions/<path>.ts  → test/unit/functions/<path>.test.ts
 *   scripts/<path>.ts    → test/unit/scripts/<path>.test.ts
 *
 * A second file for one subject is named `<module>.<aspect>.test.ts` (e.g. engine.messages.test.ts).
 * Every source module over 60 lines has its test file; the exceptions are listed below, each with
 * its reason. infra/ is covered by test/infra, bench/ is not product code.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..');
const UNIT = 'test/unit';
const MIN_LINES = 60;

/** Modules over 60 lines without a mirrored test file, and why. */
const WITHOUT_OWN_TEST: Record<string, string> = {
  'shared/ports.ts': 'interfaces only (and their re-exports); the fakes in test/support implement them',
  'shared/app/lifecycle/ports.ts': 'interfaces only, plus the silent telemetry',
  'shared/console/ports.ts': 'interfaces only; the index adapter and the console tests implement them',
  'scripts/local/stack.ts': 'starts every emulator and server: tested end to end by test/e2e/local-stack.test.ts',
};

/** Test files in test/unit that are about the whole tree, not one module. */
const TREE_TESTS = new Set(['test/unit/architecture.test.ts', 'test/unit/test-layout.test.ts']);
/** Flat test files still waiting for the web form work to move them. */
const PENDING_MOVE = /^test\/unit\/webform-[a-z-]+\.test\.ts$/;

function walk(dir: string): string[] {
  if (!existsSync(join(ROOT, dir))) return [];
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = `${dir}/${name}`;
    if (statSync(join(ROOT, path)).isDirectory()) return walk(path);
    return [path];
  });
}

/** The mirrored test path of a source module. */
function mirroredTest(source: string): string {
  return `${UNIT}/${source.replace(/^shared\//, '').replace(/\.ts$/, '.test.ts')}`;
}

/** The source module a test file is about (an aspect suffix `.<aspect>` is allowed). */
function subjectCandidates(testFile: string): string[] {
  const rel = relative(UNIT, testFile).replace(/\.test\.ts$/, '');
  const stems = [rel, rel.replace(/\.[a-z0-9-]+$/, '')];
  return stems.flatMap((stem) =>
    stem.startsWith('functions/') || stem.startsWith('scripts/') ? [`${stem}.ts`] : [`shared/${stem}.ts`],
  );
}

const SOURCES = ['shared', 'functions', 'scripts'].flatMap(walk).filter((f) => f.endsWith('.ts'));
const lines = (file: string) => readFileSync(join(ROOT, file), 'utf8').split('\n').length;

describe('test layout', () => {
  it('finds the sources (so the rules are not vacuous)', () => {
    expect(SOURCES.length).toBeGreaterThan(80);
    expect(mirroredTest('shared/domain/tickets.ts')).toBe('test/unit/domain/tickets.test.ts');
    expect(mirroredTest('functions/assignment/handler.ts')).toBe('test/unit/functions/assignment/handler.test.ts');
    expect(mirroredTest('scripts/staff.ts')).toBe('test/unit/scripts/staff.test.ts');
  });

  it(`every source module over ${MIN_LINES} lines has a test file of the same name in the mirrored tree`, () => {
    const missing = SOURCES.filter((f) => lines(f) > MIN_LINES && !(f in WITHOUT_OWN_TEST))
      .filter((f) => !existsSync(join(ROOT, mirroredTest(f))))
      .map((f) => `${f} → ${mirroredTest(f)}`);
    expect(missing).toEqual([]);
  });

  it('the exceptions are real: each names a module that exists and still lacks its test', () => {
    const stale = Object.keys(WITHOUT_OWN_TEST).filter(
      (f) => !existsSync(join(ROOT, f)) || existsSync(join(ROOT, mirroredTest(f))),
    );
    expect(stale).toEqual([]);
  });

  it('every unit test file is named for a module that exists', () => {
    const orphans = walk(UNIT)
      .filter((f) => f.endsWith('.test.ts') && !TREE_TESTS.has(f) && !PENDING_MOVE.test(f))
      .filter((f) => !subjectCandidates(f).some((s) => existsSync(join(ROOT, s))));
    expect(orphans).toEqual([]);
  });
});
