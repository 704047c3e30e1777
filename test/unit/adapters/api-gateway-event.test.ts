import { APIGatewayProxyEventV2Schema } from '@aws-lambda-powertools/parser/schemas';
import { describe, expect, it, vi } from 'vitest';
import { ApiGatewayV2EventSchema, parseApiGatewayV2Event } from '../../../shared/adapters/api-gateway-event';
import { expectSameVerdict, type Json, loadEvent as load, withPath } from '../../support/event-schemas';

describe('ApiGatewayV2EventSchema (Powertools APIGatewayProxyEventV2Schema on the fields we read)', () => {
  const files = [
    'get-page.json',
    'post-base64.json',
    'post-invalid.json',
    'post-json-valid.json',
    'post-urlencoded-valid.json',
  ];
  it.each(files)('agrees with Powertools on %s', (file) => {
    const event = load('webform', file);
    expectSameVerdict(ApiGatewayV2EventSchema, APIGatewayProxyEventV2Schema, event, { readOnly: true });
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
    ['no stage', ['requestContext', 'stage'], undefined],
    ['request id not a string', ['requestContext', 'requestId'], 7],
    ['no query string', ['rawQueryString'], undefined],
    ['a cookie not a string', ['cookies'], ['a=1', 2]],
  ];
  it.each(cases)('agrees with Powertools: %s', (_name, path, value) => {
    expectSameVerdict(ApiGatewayV2EventSchema, APIGatewayProxyEventV2Schema, withPath(event, path, value), {
      readOnly: true,
    });
  });

  // Fields no handler reads: Powertools checks them, we let them through (and drop them).
  const unread: [string, (string | number)[], unknown][] = [
    ['null path parameters', ['pathParameters'], null],
    ['a JWT authorizer', ['requestContext', 'authorizer'], { jwt: { claims: { sub: 'x' }, scopes: null } }],
    ['an odd authorizer', ['requestContext', 'authorizer'], { lambda: 'x' }],
    ['epoch as string', ['requestContext', 'timeEpoch'], '1'],
    ['no user agent', ['requestContext', 'http', 'userAgent'], undefined],
    ['no version', ['version'], undefined],
  ];
  it.each(unread)('accepts an event whatever its unread fields: %s', (_name, path, value) => {
    const parsed = ApiGatewayV2EventSchema.safeParse(withPath(event, path, value));
    expect(parsed.success).toBe(true);
    expect(parsed.data).not.toHaveProperty(path.map(String));
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
