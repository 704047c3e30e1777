import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, HeadObjectCommand, NoSuchKey, NotFound, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FileRawMailStore, RawMailNotFound, S3RawMailStore } from '../../../shared/adapters/s3-raw-mail-store';

const s3Client = new S3Client({ region: 'us-east-1' });
const s3 = mockClient(s3Client);

beforeEach(() => {
  s3.reset();
});

describe('S3RawMailStore', () => {
  const store = new S3RawMailStore(s3Client);
  const at = { bucket: 'raw-mail', key: 'inbound/abc' };

  it('reads the size from HeadObject and the bytes from GetObject', async () => {
    s3.on(HeadObjectCommand).resolves({ ContentLength: 1234 });
    const bytes = Buffer.from('From: a@b.com\r\nSubject: Olá\r\n\r\ncorpo', 'utf8');
    s3.on(GetObjectCommand).resolves({ Body: { transformToByteArray: async () => new Uint8Array(bytes) } as never });
    expect(await store.size(at)).toBe(1234);
    expect((await store.read(at)).equals(bytes)).toBe(true);
    expect(s3.commandCalls(GetObjectCommand)[0]!.args[0].input).toEqual({ Bucket: 'raw-mail', Key: 'inbound/abc' });
  });

  it('reads a head with one ranged GetObject: S3 sends at most those bytes', async () => {
    const bytes = Buffer.from('From: a@b.com\r\n', 'utf8');
    s3.on(GetObjectCommand).resolves({ Body: { transformToByteArray: async () => new Uint8Array(bytes) } as never });
    expect((await store.head(at, 65_536)).equals(bytes)).toBe(true);
    expect(s3.commandCalls(GetObjectCommand)[0]!.args[0].input).toEqual({
      Bucket: 'raw-mail',
      Key: 'inbound/abc',
      Range: 'bytes=0-65535',
    });
    s3.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} }));
    await expect(store.head(at, 10)).rejects.toBeInstanceOf(RawMailNotFound);
    await expect(store.head(at, 0)).rejects.toBeInstanceOf(RangeError);
  });

  it('maps NoSuchKey / NotFound to RawMailNotFound and propagates other errors', async () => {
    s3.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} }));
    s3.on(HeadObjectCommand)
      .rejectsOnce(new NotFound({ message: 'NotFound', $metadata: {} }))
      .rejectsOnce(new Error('AccessDenied'));
    await expect(store.read(at)).rejects.toBeInstanceOf(RawMailNotFound);
    await expect(store.size(at)).rejects.toBeInstanceOf(RawMailNotFound);
    await expect(store.size(at)).rejects.toThrow('AccessDenied');
  });

  it('fails on an object without body or length', async () => {
    s3.on(GetObjectCommand).resolves({});
    s3.on(HeadObjectCommand).resolves({});
    await expect(store.read(at)).rejects.toThrow(/no body/);
    await expect(store.size(at)).rejects.toThrow(/ContentLength/);
  });
});

describe('FileRawMailStore', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'raw-mail-'));
    await mkdir(join(root, 'raw-mail', 'inbound'), { recursive: true });
    await writeFile(join(root, 'raw-mail', 'inbound', 'abc.eml'), 'Subject: Olá\r\n\r\ncorpo');
    await writeFile(join(root, 'secret.txt'), 'nope');
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('maps {bucket,key} to <root>/<bucket>/<key>', async () => {
    const store = new FileRawMailStore(root);
    const at = { bucket: 'raw-mail', key: 'inbound/abc.eml' };
    expect(await store.size(at)).toBe(Buffer.byteLength('Subject: Olá\r\n\r\ncorpo'));
    expect((await store.read(at)).toString('utf8')).toContain('Olá');
    await expect(store.read({ bucket: 'raw-mail', key: 'inbound/missing.eml' })).rejects.toBeInstanceOf(
      RawMailNotFound,
    );
    await expect(store.size({ bucket: 'raw-mail', key: 'inbound/missing.eml' })).rejects.toBeInstanceOf(
      RawMailNotFound,
    );
  });

  it.each([
    { bucket: 'raw-mail', key: '../secret.txt' },
    { bucket: 'raw-mail', key: 'inbound/../../secret.txt' },
    { bucket: 'raw-mail', key: '/etc/passwd' },
    { bucket: 'raw-mail', key: '..\\secret.txt' },
    { bucket: 'raw-mail', key: '' },
    { bucket: 'raw-mail', key: 'a\0b' },
    { bucket: '..', key: 'secret.txt' },
    { bucket: 'raw-mail/..', key: 'secret.txt' },
    { bucket: '', key: 'x' },
  ])('rejects traversal %j', async (location) => {
    const store = new FileRawMailStore(root);
    await expect(store.read(location)).rejects.toThrow(/Invalid/);
    await expect(store.head(location, 10)).rejects.toThrow(/Invalid/);
  });

  it('reads a head of at most the bytes asked', async () => {
    const store = new FileRawMailStore(root);
    const at = { bucket: 'raw-mail', key: 'inbound/abc.eml' };
    expect((await store.head(at, 8)).toString('utf8')).toBe('Subject:');
    expect((await store.head(at, 65_536)).toString('utf8')).toBe('Subject: Olá\r\n\r\ncorpo');
    await expect(store.head({ bucket: 'raw-mail', key: 'inbound/missing.eml' }, 8)).rejects.toBeInstanceOf(
      RawMailNotFound,
    );
  });
});
