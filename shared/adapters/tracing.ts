/**
 * Powertools Tracer, on by configuration (`xrayTracing` in infra/config/<env>.json sets Lambda's
 * active tracing and POWERTOOLS_TRACE_ENABLED=true): every AWS SDK client the composition root
 * builds is captured, so X-Ray shows DynamoDB, SES, SQS, S3, Scheduler and Secrets Manager calls as
 * subsegments. Off (the default, and always locally), the tracer module is never evaluated — and a
 * stack deployed without tracing does not even bundle it: the construct defines
 * `process.env.OUVIDORIA_BUNDLE_TRACER` as "false" (tracerBundleDefine), esbuild folds the test
 * below to `false` and drops the import (the tracer and the X-Ray SDK: ~120 KB per function).
 */
interface ClientCapture {
  captureAWSv3Client<T>(client: T): T;
}

let tracer: ClientCapture | undefined;

/** Call once per container, before the dependencies are built (the Lambda entry points do). */
export async function startTracing(serviceName: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (tracer || env.POWERTOOLS_TRACE_ENABLED !== 'true') return;
  // Written out, not through ENV: esbuild's define replaces this exact expression at build time.
  if (process.env.OUVIDORIA_BUNDLE_TRACER !== 'false') {
    const { Tracer } = await import('@aws-lambda-powertools/tracer');
    tracer = new Tracer({ serviceName }) as unknown as ClientCapture;
  }
}

/**
 * The esbuild `define` of a bundle: without tracing, the tracer is left out of it. One place for
 * the construct (infra/constructs/ouvidoria-function.ts) and the bench (bench/bundles.ts).
 */
export function tracerBundleDefine(xrayTracing: boolean): Record<string, string> {
  return { 'process.env.OUVIDORIA_BUNDLE_TRACER': JSON.stringify(String(xrayTracing)) };
}

/** The client, captured when tracing is on. */
export function traced<T>(client: T): T {
  return tracer ? tracer.captureAWSv3Client(client) : client;
}

/** Tests: back to untraced. */
export function stopTracing(): void {
  tracer = undefined;
}
