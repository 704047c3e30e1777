import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FileUploadArchive, S3UploadArchive } from '../../../shared/adapters/upload-archive';

const s3Client = new S3Client({ region: 'us-east-1' });
const s3 = mockClient(s3Client);
const key = 'uploads/abcd/01';
beforeEach(() => s3.reset());

describe('S3UploadArchive', () => {
  const archive = new S3UploadArchive(s3Client, 'ouv-uploads');

  it('reads a clean file; a quarantined one (AccessDenied by the bucket policy) is exported as metadata only', async () => {
    s3.on(GetObjectCommand, { Bucket: 'ouv-uploads', Key: key }).resolvesOnce({
      Body: { transformToByteArray: async () => new Uint8Array(Buffer.from('%PDF-')) } as never,
    });
    expect((await archive.read(key))?.toString()).toBe('%PDF-');
    s3.on(GetObjectCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDenied' }));
    expect(await archive.read(key)).toBeNull();
    s3.on(GetObjectCommand).rejects(Object.assign(new Error('boom'), { name: 'InternalError' }));
    await expect(archive.read(key)).rejects.toThrow('boom');
  });

  it('lists the keys under a prefix, page after page (the files of a pending post)', async () => {
    s3.on(ListObjectsV2Command, { Bucket: 'ouv-uploads', Prefix: 'uploads/abcd/' })
      .resolvesOnce({ Contents: [{ Key: 'uploads/abcd/01' }], IsTruncated: true, NextContinuationToken: 't' })
      .resolvesOnce({ Contents: [{ Key: 'uploads/abcd/02' }], IsTruncated: false });
    expect(await archive.list('uploads/abcd/')).toEqual(['uploads/abcd/01', 'uploads/abcd/02']);
    expect(s3.commandCalls(ListObjectsV2Command)[1]?.args[0].input.ContinuationToken).toBe('t');
  });

  it('erases every version of the key in the uploads bucket', async () => {
    s3.on(ListObjectVersionsCommand).resolves({
      Versions: [
        { Key: key, VersionId: 'v1' },
        { Key: `${key}0`, VersionId: 'other' },
      ],
      DeleteMarkers: [{ Key: key, VersionId: 'm1' }],
    });
    s3.on(DeleteObjectCommand).resolves({});
    expect(await archive.erase(key)).toBe(2);
    const deleted = s3.commandCalls(DeleteObjectCommand).map((c) => c.args[0].input);
    expect(deleted).toEqual([
      { Bucket: 'ouv-uploads', Key: key, VersionId: 'v1' },
      { Bucket: 'ouv-uploads', Key: key, VersionId: 'm1' },
    ]);
  });
});

describe('FileUploadArchive', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ouv-uploads-'));
    await mkdir(join(dir, 'uploads/abcd'), { recursive: true });
    await writeFile(join(dir, key), 'EICAR');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('lists the files under a prefix; none under an unknown one', async () => {
    const archive = new FileUploadArchive(dir);
    expect(await archive.list('uploads/abcd/')).toEqual([key]);
    expect(await archive.list('uploads/ffff/')).toEqual([]);
  });

  // Journey 50: after 'titular delete', the local bucket's index.json still named her photo
  // (IMG_4821.jpeg) and her case id; the files were gone.
  it('erases the file’s entry from the local bucket’s index, other entries kept', async () => {
    const other = 'uploads/abcd/02';
    await writeFile(join(dir, other), '%PDF-');
    const meta = (filename: string) => ({ filename, tags: { 'ouvidoria-case': 'email:case-1' } });
    await writeFile(
      join(dir, 'index.json'),
      JSON.stringify({ [key]: meta('IMG_4821.jpeg'), [other]: meta('nota.pdf') }),
    );
    const archive = new FileUploadArchive(dir);
    expect(await archive.erase(other)).toBe(1);
    expect(JSON.parse(await readFile(join(dir, 'index.json'), 'utf8'))).toEqual({ [key]: meta('IMG_4821.jpeg') });
    await writeFile(join(dir, 'index.json'), JSON.stringify({ [other]: meta('nota.pdf') }));
    expect(await archive.erase(other)).toBe(0);
    expect(JSON.parse(await readFile(join(dir, 'index.json'), 'utf8'))).toEqual({});
  });

  it('reads any file (quarantined too), erases it once, and refuses keys that climb out', async () => {
    const archive = new FileUploadArchive(dir);
    expect((await archive.read(key))?.toString()).toBe('EICAR');
    expect(await archive.erase(key)).toBe(1);
    expect(existsSync(join(dir, key))).toBe(false);
    expect(await archive.read(key)).toBeNull();
    expect(await archive.erase(key)).toBe(0);
    await expect(archive.read('uploads/../../etc/passwd')).rejects.toThrow(/Invalid upload key/);
  });
});
