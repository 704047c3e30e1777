/**
 * The API Gateway HTTP API event (payload 2.0) the webform and the console receive, in place of
 * Powertools' APIGatewayProxyEventV2Schema (parser 2.35), written with `zod/mini`, whose functions
 * tree-shake. It checks what the handlers read, as Powertools does (the path, query, cookies,
 * headers, body and its encoding, the method, the source IP that rate limits, the stage and request
 * id), and lets the rest through unchecked (zod drops it): the authorizer, client certificate and
 * timing fields are never read, and building their schemas cost every cold start ~1–2 ms (issue 16).
 * The SNS event has its own module (sns-event.ts). Measured with the construct's esbuild options:
 * `zod` (the classic API, one `z` object that keeps all of it) loads in ~38 ms and 385 KB,
 * Powertools' schema on top of it ~50–57 ms and 410 KB. Results and errors are zod's own
 * (`safeParse` → `{ success, data | error.issues }`), so callers are unchanged.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import * as z from 'zod/mini';

// ---- API Gateway HTTP API, payload 2.0: the fields of Powertools APIGatewayProxyEventV2Schema we read ----

const StringRecord = z.record(z.string(), z.string());
const StringArray = z.array(z.string());

export const ApiGatewayV2EventSchema = z.object({
  rawPath: z.string(),
  rawQueryString: z.string(),
  cookies: z.optional(StringArray),
  headers: StringRecord,
  requestContext: z.object({
    http: z.object({
      method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']),
      sourceIp: z.union([z.ipv4(), z.ipv6()]),
    }),
    requestId: z.string(),
    stage: z.string(),
  }),
  body: z.optional(z.string()),
  isBase64Encoded: z.boolean(),
});
export type ApiGatewayV2Event = z.infer<typeof ApiGatewayV2EventSchema>;

/**
 * The HTTP API event, or undefined for a shape API Gateway never sends (the caller answers 400);
 * only where the shape was wrong is logged, never the request.
 */
export function parseApiGatewayV2Event(raw: unknown, logger: Pick<Logger, 'warn'>): ApiGatewayV2Event | undefined {
  const parsed = ApiGatewayV2EventSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  logger.warn('Rejected a malformed API Gateway event', {
    issues: parsed.error.issues.slice(0, 5).map((i) => i.path.join('.')),
  });
  return undefined;
}
