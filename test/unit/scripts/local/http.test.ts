/** The API Gateway v2 event built by the local HTTP server must pass the schema the webform handler uses. */
import { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { APIGatewayProxyEventV2Schema } from '@aws-lambda-powertools/parser/schemas';
import { describe, expect, it } from 'vitest';
import { apiGatewayEvent } from '../../../../scripts/local/http';

function fakeRequest(options: {
  method: string;
  url: string;
  headers: Record<string, string | string[]>;
  remoteAddress?: string;
}): IncomingMessage {
  const req = Readable.from([]) as unknown as IncomingMessage;
  Object.assign(req, {
    method: options.method,
    url: options.url,
    headers: options.headers,
    httpVersion: '1.1',
    socket: { remoteAddress: options.remoteAddress ?? '::ffff:127.0.0.1' },
  });
  return req;
}

describe('API Gateway v2 event from the HTTP server', () => {
  const now = new Date('2026-11-27T19:59:50Z');

  it.each([
    {
      name: 'form post (text body, cookies moved out of the headers)',
      content: 'application/x-www-form-urlencoded; charset=UTF-8',
      body: Buffer.from('nome=Jo%C3%A3o&descricao=ol%C3%A1'),
      base64: false,
    },
    {
      name: 'binary body',
      content: 'application/octet-stream',
      body: Buffer.from([0, 1, 2, 255]),
      base64: true,
    },
    {
      name: 'text that is not UTF-8 (passed as bytes)',
      content: 'text/plain',
      body: Buffer.from([0x6f, 0x6c, 0xe1]),
      base64: true,
    },
  ])('$name', ({ content, body, base64 }) => {
    const event = apiGatewayEvent(
      fakeRequest({
        method: 'POST',
        url: '/casos?x=1&x=2',
        headers: { 'content-type': content, Cookie: 'a=1; b=2', host: '127.0.0.1:3000', 'user-agent': 'vitest' },
      }),
      body,
      now,
    );
    const parsed = APIGatewayProxyEventV2Schema.parse(event);
    expect(parsed.rawPath).toBe('/casos');
    expect(parsed.rawQueryString).toBe('x=1&x=2');
    expect(parsed.queryStringParameters).toEqual({ x: '1,2' });
    expect(parsed.cookies).toEqual(['a=1', 'b=2']);
    expect(parsed.headers['cookie']).toBeUndefined();
    expect(parsed.headers['content-type']).toBe(content);
    expect(parsed.requestContext.http).toMatchObject({ method: 'POST', sourceIp: '127.0.0.1', userAgent: 'vitest' });
    expect(parsed.requestContext.timeEpoch).toBe(now.getTime());
    expect(parsed.isBase64Encoded).toBe(base64);
    const decoded = base64 ? Buffer.from(parsed.body ?? '', 'base64') : Buffer.from(parsed.body ?? '', 'utf8');
    expect(decoded.equals(body)).toBe(true);
  });

  it('a GET has no body', () => {
    const event = APIGatewayProxyEventV2Schema.parse(
      apiGatewayEvent(fakeRequest({ method: 'GET', url: '/', headers: {} }), Buffer.alloc(0), now),
    );
    expect(event.body).toBeUndefined();
    expect(event.isBase64Encoded).toBe(false);
    expect(event.queryStringParameters).toBeUndefined();
  });
});
