import { defineConfig } from 'vitest/config';

/**
 * `npm run test:load`: the load test on the in-process local stack (loopback only, free ports).
 * Kept out of the default suite: the test skips unless OUVIDORIA_LOAD_TEST is set, which this
 * config does.
 */
export default defineConfig({
  test: {
    include: ['test/load/**/*.test.ts'],
    env: { OUVIDORIA_LOAD_TEST: '1', POWERTOOLS_LOG_LEVEL: 'ERROR' },
    testTimeout: 600_000,
    hookTimeout: 120_000,
    // One stack at a time: the load numbers are about this process alone.
    fileParallelism: false,
  },
});
