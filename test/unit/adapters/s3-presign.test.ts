import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { presignS3Get } from '../../../shared/adapters/s3-presign';

const INPUT = {
  bucket: 'examplebucket',
  key: 'uploads/abc/01',
  region: 'sa-east-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'tok' },
  expiresInSeconds: 3600,
  now: new Date('2026-03-10T12:00:00Z'),
};

/** Recomputes the signature from the URL alone, as S3 does. */
function verify(href: string, secret: string): boolean {
  const url = new URL(href);
  const sig = url.searchParams.get('X-Amz-Signature');
  const query = href.split('?')[1]?.replace(/&X-Amz-Signature=[0-9a-f]+$/, '') ?? '';
  const canonical = ['GET', url.pathname, query, `host:${url.host}\n`, 'host', 'UNSIGNED-PAYLOAD'].join('\n');
  const date = url.searchParams.get('X-Amz-Date') as string;
  const scope = (url.searchParams.get('X-Amz-Credential') as string).split('/').slice(1).join('/');
  const toSign = ['AWS4-HMAC-SHA256', date, scope, createHash('sha256').update(canonical).digest('hex')].join('\n');
  const h = (k: Buffer | string, d: string) => createHmac('sha256', k).update(d).digest();
  const [day, region] = scope.split('/') as [string, string];
  const key = h(h(h(h(`AWS4${secret}`, day), region), 's3'), 'aws4_request');
  return createHmac('sha256', key).update(toSign).digest('hex') === sig;
}

describe('presignS3Get with response overrides', () => {
  it('signs response-content-disposition and response-content-type, in canonical order', () => {
    const href = presignS3Get({
      ...INPUT,
      response: { contentDisposition: `attachment; filename="a b.pdf"`, contentType: 'application/pdf' },
    });
    const url = new URL(href);
    expect(url.searchParams.get('response-content-disposition')).toBe('attachment; filename="a b.pdf"');
    expect(url.searchParams.get('response-content-type')).toBe('application/pdf');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('3600');
    expect(url.searchParams.get('X-Amz-Security-Token')).toBe('tok');
    const names = [...url.searchParams.keys()].filter((k) => k !== 'X-Amz-Signature');
    expect(names).toEqual([...names].sort());
    expect(verify(href, 'secret')).toBe(true);
  });

  it('a changed disposition no longer matches the signature', () => {
    const href = presignS3Get({ ...INPUT, response: { contentDisposition: 'attachment', contentType: 'text/plain' } });
    const tampered = href.replace('response-content-disposition=attachment', 'response-content-disposition=inline');
    expect(verify(href, 'secret')).toBe(true);
    expect(verify(tampered, 'secret')).toBe(false);
  });

  it('without overrides, adds none', () => {
    expect(presignS3Get(INPUT)).not.toContain('response-');
  });
});
