import { configDefaults, defineConfig } from 'vitest/config';

// Set in the runner's own process too, so that every worker and every process a test spawns
// inherits it before any SDK client loads (`test.env` reaches only the test files' scope).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The load test has its own command (npm run test:load, vitest.load.config.ts).
    exclude: [...configDefaults.exclude, 'test/load/**'],
    testTimeout: 30_000,
    // The SDK warns that its 2027 releases need Node 22; CI and these machines run Node 20.
    // Powertools Metrics writes EMF straight to stdout on publish and has no constructor switch;
    // tests read metrics through their own recorders. The log audit (test/integration/security.test.ts)
    // turns EMF back on to check it too.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', POWERTOOLS_METRICS_DISABLED: 'true' },
    hookTimeout: 60_000,
    coverage: {
      provider: 'v8',
      include: ['shared/domain/**/*.ts'],
      // The totals on the console, the per-file table in coverage/index.html: a passing run prints
      // only the runner's summary (the README says so; the per-file text table was ~150 lines).
      reporter: ['text-summary', 'html'],
      thresholds: { lines: 90 },
    },
  },
});
