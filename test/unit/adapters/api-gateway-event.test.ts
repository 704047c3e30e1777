import { APIGatewayProxyEventV2Schema } from '@aws-lambda-powertools/parser/schemas';
import { describe, expect, it, vi } from 'vitest';
import { ApiGatewayV2EventSchema, parseApiGatewayV2Event } from '../../../shared/adapters/api-gateway-event';
import { expectSameVerdict, type Json, loadEvent as load, withPath } from '../../support/event-schemas';

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
