import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { build } from 'esbuild';
import { startTracing, stopTracing, traced, tracerBundleDefine } from '../../../shared/adapters/tracing';

afterEach(() => {
  stopTracing();
  vi.unstubAllEnvs();
});

describe('Powertools Tracer on by configuration', () => {
  it('leaves clients untouched when tracing is off (the default, and locally)', async () => {
    await startTracing('test', {});
    const client = { middlewareStack: { add: () => undefined } };
    expect(traced(client)).toBe(client);
  });

  it('captures the SDK clients when POWERTOOLS_TRACE_ENABLED is true (on Lambda)', async () => {
    vi.stubEnv('AWS_EXECUTION_ENV', 'AWS_Lambda_nodejs24.x');
    vi.stubEnv('POWERTOOLS_TRACE_ENABLED', 'true');
    await startTracing('test', { POWERTOOLS_TRACE_ENABLED: 'true' });
    const client = new DynamoDBClient({ region: 'us-east-1' });
    const before = client.middlewareStack.identify().length;
    expect(traced(client)).toBe(client);
    expect(client.middlewareStack.identify().length).toBeGreaterThan(before);
    client.destroy();
  });
});

describe('the tracer in the bundle', () => {
  async function bundledBytes(xrayTracing: boolean): Promise<number> {
    const out = await build({
      entryPoints: [join(import.meta.dirname, '..', '..', '..', 'shared', 'adapters', 'tracing.ts')],
      bundle: true,
      minify: true,
      write: false,
      platform: 'node',
      format: 'esm',
      define: tracerBundleDefine(xrayTracing),
      logLevel: 'silent',
    });
    return out.outputFiles[0]?.contents.length ?? 0;
  }

  it('is left out of a bundle built without tracing (the construct’s define), and kept with it', async () => {
    const [without, withTracing] = await Promise.all([bundledBytes(false), bundledBytes(true)]);
    expect(without).toBeLessThan(2_000);
    expect(withTracing).toBeGreaterThan(50_000);
  });
});
