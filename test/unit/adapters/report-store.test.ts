import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryReportStore, S3ReportStore } from '../../../shared/adapters/report-store';
import { presignS3Get } from '../../../shared/adapters/s3-presign';

/** AWS's documented example ("Authenticating Requests: Using Query Parameters", GET test.txt). */
const AWS_EXAMPLE = {
  bucket: 'examplebucket',
  key: 'test.txt',
  region: 'us-east-1',
  host: 'examplebucket.s3.amazonaws.com',
  credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
  expiresInSeconds: 86400,
  now: new Date('2013-05-24T00:00:00Z'),
};
const AWS_EXAMPLE_URL =
  'https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256' +
  '&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request' +
  '&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host' +
  '&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404';

const params = (url: string) => Object.fromEntries(new URL(url).searchParams);

describe('presignS3Get', () => {
  it("reproduces AWS's documented example URL and signature", () => {
    expect(presignS3Get(AWS_EXAMPLE)).toBe(AWS_EXAMPLE_URL);
  });

  it('uses the regional virtual-hosted endpoint by default', () => {
    const { host: _host, ...input } = AWS_EXAMPLE;
    const url = new URL(presignS3Get({ ...input, region: 'sa-east-1' }));
    expect(url.host).toBe('examplebucket.s3.sa-east-1.amazonaws.com');
    expect(params(url.href)['X-Amz-Credential']).toBe('AKIAIOSFODNN7EXAMPLE/20130524/sa-east-1/s3/aws4_request');
  });

  it.each([
    [0, '1'],
    [0.5, '1'],
    [3600.9, '3600'],
    [604800, '604800'],
    [10 * 86400, '604800'],
  ])('clamps an expiry of %s seconds to %s (1 s to 7 days)', (seconds, expected) => {
    expect(params(presignS3Get({ ...AWS_EXAMPLE, expiresInSeconds: seconds }))['X-Amz-Expires']).toBe(expected);
  });

  it('signs the session token of temporary credentials', () => {
    const withToken = presignS3Get({
      ...AWS_EXAMPLE,
      credentials: { ...AWS_EXAMPLE.credentials, sessionToken: 'token/with+chars=' },
    });
    expect(withToken).toContain('X-Amz-Security-Token=token%2Fwith%2Bchars%3D');
    expect(params(withToken)['X-Amz-Signature']).not.toBe(params(AWS_EXAMPLE_URL)['X-Amz-Signature']);
  });

  it.each([
    ['relatorios/2026-03 março.csv', '/relatorios/2026-03%20mar%C3%A7o.csv'],
    ["relatorios/a(b)!'*.csv", '/relatorios/a%28b%29%21%27%2A.csv'],
  ])('encodes the key %s segment by segment, keeping the slashes', (key, path) => {
    expect(new URL(presignS3Get({ ...AWS_EXAMPLE, key })).pathname).toBe(path);
  });

  it('the signature depends on the key and the time', () => {
    const sig = (over: Partial<typeof AWS_EXAMPLE>) =>
      params(presignS3Get({ ...AWS_EXAMPLE, ...over }))['X-Amz-Signature'];
    const base = sig({});
    expect(sig({ key: 'other.txt' })).not.toBe(base);
    expect(sig({ now: new Date('2013-05-24T00:00:01Z') })).not.toBe(base);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('S3ReportStore', () => {
  const s3 = mockClient(S3Client);
  afterEach(() => s3.reset());

  it('puts the file under the prefix, encrypted, with its type', async () => {
    s3.on(PutObjectCommand).resolves({});
    const store = new S3ReportStore(new S3Client({ region: 'us-east-1' }), 'relatorios-bucket');
    await store.put('2026-03.csv', 'a;b\n', 'text/csv; charset=utf-8');
    expect(s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input)).toEqual([
      {
        Bucket: 'relatorios-bucket',
        Key: 'relatorios/2026-03.csv',
        Body: 'a;b\n',
        ContentType: 'text/csv; charset=utf-8',
        ServerSideEncryption: 'AES256',
      },
    ]);
  });
});

describe('DirectoryReportStore', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ouv-reports-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the file, creating the directory', async () => {
    const store = new DirectoryReportStore(join(dir, 'novo', 'relatorios'));
    await store.put('2026-03.csv', 'protocolo;status\nOUV-1;CLOSED\n');
    expect(await readFile(join(dir, 'novo', 'relatorios', '2026-03.csv'), 'utf8')).toBe(
      'protocolo;status\nOUV-1;CLOSED\n',
    );
  });

  it('overwrites a report of the same name', async () => {
    const store = new DirectoryReportStore(dir);
    await store.put('x.txt', 'um');
    await store.put('x.txt', 'dois');
    expect(await readFile(join(dir, 'x.txt'), 'utf8')).toBe('dois');
  });
});
