import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleLocalS3, LOCAL_S3_PATH } from '../../../../scripts/local/s3';
import { LocalUploadStore } from '../../../../shared/adapters/local/local-upload-store';
import { EICAR, pdf } from '../../../support/files';
import { multipartBody } from '../../../support/multipart';

const ORIGIN = 'http://127.0.0.1:3000';
const NOW = new Date('2026-03-10T13:00:00Z');
let server: Server;
let base: string;
let store: LocalUploadStore;

beforeAll(async () => {
  store = new LocalUploadStore({ url: () => `${base}${LOCAL_S3_PATH}ouvidoria-uploads-local/` });
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    handleLocalS3(req, res, path, store, ORIGIN, () => NOW).catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const bucketUrl = () => `${base}${LOCAL_S3_PATH}ouvidoria-uploads-local/`;
const code = async (r: Response) => /<Code>([^<]*)<\/Code>/.exec(await r.text())?.[1];

async function post(key: string, bytes: Buffer, tamper: Record<string, string> = {}, origin = ORIGIN) {
  const { fields } = await store.presign(
    key,
    { contentType: 'application/pdf', size: bytes.length, filename: 'fatura.pdf' },
    NOW,
    300,
  );
  const { body, contentType } = multipartBody({ ...fields, ...tamper }, [
    { field: 'file', name: 'fatura.pdf', type: 'application/pdf', bytes },
  ]);
  return fetch(bucketUrl(), { method: 'POST', body, headers: { 'content-type': contentType, origin } });
}

describe('the local S3 stand-in', () => {
  it('answers the CORS preflight for the form origin only', async () => {
    const ok = await fetch(bucketUrl(), { method: 'OPTIONS', headers: { origin: ORIGIN } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(ok.headers.get('access-control-allow-methods')).toBe('POST');
    const other = await fetch(bucketUrl(), { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    expect(other.status).toBe(403);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('accepts a POST that matches its policy (204), then serves the clean file only as an attachment', async () => {
    const response = await post('uploads/p1/0', pdf());
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const got = await fetch(`${bucketUrl()}uploads/p1/0`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('content-security-policy')).toContain('sandbox');
    expect(Buffer.from(await got.arrayBuffer()).equals(pdf())).toBe(true);
    const head = await fetch(`${bucketUrl()}uploads/p1/0`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect((await head.arrayBuffer()).byteLength).toBe(0);
  });

  it.each([
    ['another key than the policy names', { key: 'uploads/p1/9' }],
    ['a different type', { 'Content-Type': 'text/html' }],
  ])('refuses %s (403, like S3)', async (_label, tamper) => {
    const response = await post('uploads/p2/0', pdf(), tamper);
    expect(response.status).toBe(403);
  });

  it('refuses a body without the file part', async () => {
    const { body, contentType } = multipartBody({ key: 'uploads/x/0' }, []);
    const response = await fetch(bucketUrl(), { method: 'POST', body, headers: { 'content-type': contentType } });
    expect(response.status).toBe(400);
    expect(await code(response)).toBe('MalformedPOSTRequest');
  });

  it('denies an infected or unknown object (tag-based access)', async () => {
    await store.put('uploads/p3/0', Buffer.from(EICAR), { contentType: 'text/plain', filename: 'e.txt' });
    for (const key of ['uploads/p3/0', 'uploads/none/0']) {
      const response = await fetch(`${bucketUrl()}${key}`);
      expect(response.status).toBe(403);
      expect(await code(response)).toBe('AccessDenied');
    }
  });

  it.each([
    ['another bucket', 'GET', `${LOCAL_S3_PATH}other-bucket/x`, 404, 'NoSuchBucket'],
    [
      'a method S3 would not take here',
      'DELETE',
      `${LOCAL_S3_PATH}ouvidoria-uploads-local/uploads/p1/0`,
      405,
      'MethodNotAllowed',
    ],
  ])('%s', async (_label, method, path, status, expected) => {
    const response = await fetch(`${base}${path}`, { method });
    expect(response.status).toBe(status);
    expect(await code(response)).toBe(expected);
  });
});
