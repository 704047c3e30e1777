import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAMBDAS, ROOT } from '../../bench/bundles';

describe('bench bundles', () => {
  it('measures every function the stack deploys: one bundle per functions/<name>/handler.ts', () => {
    const functions = readdirSync(join(ROOT, 'functions'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => `functions/${d.name}/handler.ts`)
      .sort();
    expect(LAMBDAS.map((l) => l.entry).sort()).toEqual(functions);
  });
});
