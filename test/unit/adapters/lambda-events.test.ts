import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APIGatewayProxyEventV2Schema, SnsSchema } from '@aws-lambda-powertools/parser/schemas';
import { describe, expect, it, vi } from 'vitest';
import {
  ApiGatewayV2EventSchema,
  parseApiGatewayV2Event,
  SnsEventSchema,
} from '../../../shared/adapters/lambda-events';

const EVENTS = join(import.meta.dirname, '..', '..', '..', 'events');
const load = (...path: string[]) => JSON.parse(readFileSync(join(EVENTS, ...path), 'utf8'));

type Json = Record<string, unknown>;
/** A copy of `event` with `path` set to `value` (undefined: the key removed). */
function withPath(event: Json, path: (string | number)[], value: unknown): Json {
  const copy = structuredClone(event);
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

/** Ours and Powertools' must agree on success, on the parsed value, and on where it failed. */
function expectSameVerdict(
  ours: { safeParse(x: unknown): { success: boolean; data?: unknown; error?: { issues: { path: PropertyKey[] }[] } } },
  theirs: {
    safeParse(x: unknown): { success: boolean; data?: unknown; error?: { issues: { path: PropertyKey[] }[] } };
  },
  event: unknown,
): void {
  const a = ours.safeParse(event);
  const b = theirs.safeParse(event);
  expect(a.success).toBe(b.success);
  if (a.success) expect(a.data).toEqual(b.data);
  else
    expect(a.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(
      b.error?.issues.map((i) => i.path.join('.')).sort(),
    );
}

describe('SnsEventSchema (our zod/mini copy of Powertools SnsSchema)', () => {
  const event = load('ses', 'feedback-bounce-sns.json') as Json;
  const cases: [string, (string | number)[], unknown][] = [
    ['valid as delivered', [], event],
    ['no records', ['Records'], []],
    ['not SNS', ['Records', 0, 'EventSource'], 'aws:sqs'],
    ['message not a string', ['Records', 0, 'Sns', 'Message'], { a: 1 }],
    ['no message id', ['Records', 0, 'Sns', 'MessageId'], undefined],
    ['bad timestamp', ['Records', 0, 'Sns', 'Timestamp'], 'yesterday'],
    ['bad unsubscribe URL', ['Records', 0, 'Sns', 'UnsubscribeUrl'], 'not a url'],
    ['not a notification', ['Records', 0, 'Sns', 'Type'], 'SubscriptionConfirmation'],
    ['null subject', ['Records', 0, 'Sns', 'Subject'], null],
    ['attribute without value', ['Records', 0, 'Sns', 'MessageAttributes'], { a: { Type: 'String' } }],
  ];
  it.each(cases)('agrees with Powertools: %s', (_name, path, value) => {
    expectSameVerdict(SnsEventSchema, SnsSchema, path.length === 0 ? value : withPath(event, path, value));
  });
  it('rejects what is not an event at all', () => {
    for (const bad of [null, 'x', {}, { Records: 'x' }]) expectSameVerdict(SnsEventSchema, SnsSchema, bad);
  });
});

describe('ApiGatewayV2EventSchema (our zod/mini copy of Powertools APIGatewayProxyEventV2Schema)', () => {
  const files = [
    'get-page.json',
    'post-base64.json',
    'post-invalid.json',
    'post-json-valid.json',
    'post-urlencoded-valid.json',
  ];
  it.each(files)('agrees with Powertools on %s', (file) => {
    const event = load('webform', file);
    expectSameVerdict(ApiGatewayV2EventSchema, APIGatewayProxyEventV2Schema, event);
    expect(ApiGatewayV2EventSchema.safeParse(event).success).toBe(true);
  });
  const event = load('webform', 'post-json-valid.json') as Json;
  const cases: [string, (string | number)[], unknown][] = [
    ['unknown method', ['requestContext', 'http', 'method'], 'TRACE'],
    ['bad source IP', ['requestContext', 'http', 'sourceIp'], '999.1.1.1'],
    ['IPv6 source', ['requestContext', 'http', 'sourceIp'], '2001:db8::1'],
    ['no raw path', ['rawPath'], undefined],
    ['header not a string', ['headers', 'x-n'], 1],
    ['base64 flag missing', ['isBase64Encoded'], undefined],
    ['body not a string', ['body'], 42],
    ['cookies', ['cookies'], ['a=1', 'b=2']],
    ['null path parameters', ['pathParameters'], null],
    ['JWT authorizer', ['requestContext', 'authorizer'], { jwt: { claims: { sub: 'x' }, scopes: null } }],
    ['epoch as string', ['requestContext', 'timeEpoch'], '1'],
  ];
  it.each(cases)('agrees with Powertools: %s', (_name, path, value) => {
    expectSameVerdict(ApiGatewayV2EventSchema, APIGatewayProxyEventV2Schema, withPath(event, path, value));
  });
});

describe('parseApiGatewayV2Event', () => {
  it('returns the event, or undefined with only the wrong paths logged (never the request)', () => {
    const warn = vi.fn();
    const event = load('webform', 'post-json-valid.json') as Json;
    expect(parseApiGatewayV2Event(event, { warn })).toBeDefined();
    expect(warn).not.toHaveBeenCalled();
    const secret = 'lojista@modasbella.com.br';
    expect(parseApiGatewayV2Event({ ...event, body: 42, cookies: [secret] }, { warn })).toBeUndefined();
    expect(warn).toHaveBeenCalledWith('Rejected a malformed API Gateway event', { issues: ['body'] });
    expect(JSON.stringify(warn.mock.calls)).not.toContain(secret);
  });
});
