import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectVersionsCommand,
  NoSuchKey,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FileRawMailArchive, S3RawMailArchive } from '../../../shared/adapters/raw-mail-archive';

const s3Client = new S3Client({ region: 'us-east-1' });
const s3 = mockClient(s3Client);
const at = { bucket: 'raw-mail', key: 'inbound/abc' };

beforeEach(() => s3.reset());

describe('S3RawMailArchive', () => {
  const archive = new S3RawMailArchive(s3Client);

  it('reads the bytes, or null when the object is gone', async () => {
    const bytes = Buffer.from('From: a@b.com\r\n\r\ncorpo');
    s3.on(GetObjectCommand).resolvesOnce({
      Body: { transformToByteArray: async () => new Uint8Array(bytes) } as never,
    });
    expect((await archive.read(at))?.equals(bytes)).toBe(true);
    s3.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'gone', $metadata: {} }));
    expect(await archive.read(at)).toBeNull();
  });

  it('propagates errors other than a missing object', async () => {
    s3.on(GetObjectCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDenied' }));
    await expect(archive.read(at)).rejects.toThrow('denied');
  });

  it('erases every version and delete marker of exactly that key, across pages', async () => {
    s3.on(ListObjectVersionsCommand)
      .resolvesOnce({
        Versions: [
          { Key: 'inbound/abc', VersionId: 'v1' },
          { Key: 'inbound/abcdef', VersionId: 'other' },
        ],
        DeleteMarkers: [{ Key: 'inbound/abc', VersionId: 'm1' }],
        IsTruncated: true,
        NextKeyMarker: 'inbound/abc',
        NextVersionIdMarker: 'v1',
      })
      .resolvesOnce({ Versions: [{ Key: 'inbound/abc', VersionId: 'v0' }], IsTruncated: false });
    s3.on(DeleteObjectCommand).resolves({});
    expect(await archive.erase(at)).toBe(3);
    expect(s3.commandCalls(DeleteObjectCommand).map((c) => c.args[0].input)).toEqual([
      { Bucket: 'raw-mail', Key: 'inbound/abc', VersionId: 'v1' },
      { Bucket: 'raw-mail', Key: 'inbound/abc', VersionId: 'm1' },
      { Bucket: 'raw-mail', Key: 'inbound/abc', VersionId: 'v0' },
    ]);
    const lists = s3.commandCalls(ListObjectVersionsCommand).map((c) => c.args[0].input);
    expect(lists).toEqual([
      { Bucket: 'raw-mail', Prefix: 'inbound/abc', KeyMarker: undefined, VersionIdMarker: undefined },
      { Bucket: 'raw-mail', Prefix: 'inbound/abc', KeyMarker: 'inbound/abc', VersionIdMarker: 'v1' },
    ]);
  });

  it('erases nothing when the key has no versions', async () => {
    s3.on(ListObjectVersionsCommand).resolves({});
    expect(await archive.erase(at)).toBe(0);
    expect(s3.commandCalls(DeleteObjectCommand)).toHaveLength(0);
  });
});

describe('FileRawMailArchive', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'ouv-raw-archive-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('reads, erases once, then finds nothing', async () => {
    const archive = new FileRawMailArchive(root);
    const path = archive.store.pathOf(at);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, 'mensagem');
    expect((await archive.read(at))?.toString()).toBe('mensagem');
    expect(await archive.erase(at)).toBe(1);
    expect(await archive.read(at)).toBeNull();
    expect(await archive.erase(at)).toBe(0);
  });
});
