/**
 * Powertools Tracer, on by configuration (`xrayTracing` in infra/config/<env>.json sets Lambda's
 * active tracing and POWERTOOLS_TRACE_ENABLED=true): every AWS SDK client the composition root
 * builds is captured, so X-Ray shows DynamoDB, SES, SQS, S3, Scheduler and Secrets Manager calls as
 * subsegments. Off (the default, and always locally), the tracer module is never evaluated.
 */
interface ClientCapture {
  captureAWSv3Client<T>(client: T): T;
}

let tracer: ClientCapture | undefined;

/** Call once per container, before the dependencies are built (the Lambda entry points do). */
export async function startTracing(serviceName: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (tracer || env.POWERTOOLS_TRACE_ENABLED !== 'true') return;
  const { Tracer } = await import('@aws-lambda-powertools/tracer');
  tracer = new Tracer({ serviceName }) as unknown as ClientCapture;
}

/** The client, captured when tracing is on. */
export function traced<T>(client: T): T {
  return tracer ? tracer.captureAWSv3Client(client) : client;
}

/** Tests: back to untraced. */
export function stopTracing(): void {
  tracer = undefined;
}
