import {
  CopyObjectCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  PutObjectTaggingCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { S3UploadStore } from '../../../shared/adapters/s3-upload-store';
import { nameTagValue } from '../../../shared/domain/uploads/plan';

const s3 = mockClient(S3Client);
const client = new S3Client({
  region: 'us-east-1',
  credentials: { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'session' },
});
const store = new S3UploadStore(client, 'ouvidoria-uploads', 'us-east-1');
const KEY = `uploads/${'b'.repeat(32)}/01`;

beforeEach(() => s3.reset());

describe('S3UploadStore', () => {
  it('posts to the bucket regional endpoint, signed with the function role (session token bound)', async () => {
    const post = await store.presign(
      KEY,
      { contentType: 'application/pdf', size: 10, filename: 'fatura.pdf' },
      new Date('2026-03-10T13:05:00Z'),
      300,
    );
    expect(store.origin).toBe('https://ouvidoria-uploads.s3.us-east-1.amazonaws.com');
    expect(post.url).toBe('https://ouvidoria-uploads.s3.us-east-1.amazonaws.com/');
    expect(post.fields).toMatchObject({
      key: KEY,
      'Content-Type': 'application/pdf',
      'x-amz-security-token': 'session',
      'x-amz-credential': 'ASIAEXAMPLE/20260310/us-east-1/s3/aws4_request',
    });
    expect(post.fields['tagging']).toContain(`<Key>ouvidoria-name</Key><Value>${nameTagValue('fatura.pdf')}</Value>`);
  });

  it('lists with tags only (HeadObject would need s3:GetObject, denied until scanned clean)', async () => {
    s3.on(ListObjectsV2Command).resolves({ Contents: [{ Key: KEY, Size: 10 }] });
    s3.on(GetObjectTaggingCommand).resolves({
      TagSet: [
        { Key: 'GuardDutyMalwareScanStatus', Value: 'THREATS_FOUND' },
        { Key: 'ouvidoria-name', Value: nameTagValue('fatura março.pdf') },
      ],
    });
    expect(await store.list(`uploads/${'b'.repeat(32)}/`)).toEqual([
      {
        key: KEY,
        size: 10,
        filename: 'fatura março.pdf',
        tags: { GuardDutyMalwareScanStatus: 'THREATS_FOUND', 'ouvidoria-name': nameTagValue('fatura março.pdf') },
      },
    ]);
    expect(s3.commandCalls(HeadObjectCommand)).toHaveLength(0);
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
  });

  it('sets our state and the case, keeping GuardDuty tag', async () => {
    s3.on(GetObjectTaggingCommand).resolves({
      TagSet: [{ Key: 'GuardDutyMalwareScanStatus', Value: 'NO_THREATS_FOUND' }],
    });
    s3.on(PutObjectTaggingCommand).resolves({});
    await store.setState(KEY, 'attached', 'webform-abc');
    expect(s3.commandCalls(PutObjectTaggingCommand)[0]?.args[0].input.Tagging?.TagSet).toEqual([
      { Key: 'GuardDutyMalwareScanStatus', Value: 'NO_THREATS_FOUND' },
      { Key: 'ouvidoria-upload', Value: 'attached' },
      { Key: 'ouvidoria-case', Value: 'webform-abc' },
    ]);
  });

  // The bucket is versioned: the tags are written on the version they were read from. A presigned POST
  // re-sent between the read and the write is a new version; it must not inherit GuardDuty's verdict
  // (nor the case) of the bytes it replaced.
  it.each([
    ['the current version: the one the read answered', undefined, 'v1-scanned'],
    ['a named version (the one listed or scanned)', 'v0-claimed', 'v0-claimed'],
  ])('sets the state on %s, never on a version written in between', async (_l, version, expected) => {
    s3.on(GetObjectTaggingCommand).resolves({
      VersionId: expected,
      TagSet: [{ Key: 'GuardDutyMalwareScanStatus', Value: 'NO_THREATS_FOUND' }],
    });
    s3.on(PutObjectTaggingCommand).resolves({});
    await store.setState(KEY, 'moved', 'webform-abc', version);
    expect(s3.commandCalls(GetObjectTaggingCommand)[0]?.args[0].input.VersionId).toBe(version);
    expect(s3.commandCalls(PutObjectTaggingCommand)[0]?.args[0].input).toMatchObject({ Key: KEY, VersionId: expected });
  });

  it.each(['NoSuchVersion', 'NoSuchKey', 'MethodNotAllowed'])(
    'reads no tags of an upload erased or expired since (%s): a late scan result finds no case, never an error',
    async (name) => {
      s3.on(GetObjectTaggingCommand).rejects(Object.assign(new Error(name), { name }));
      expect(await store.tags(KEY, 'v1')).toEqual({});
    },
  );

  it('still fails on any other tagging error (denied, throttled): the scan result is retried', async () => {
    s3.on(GetObjectTaggingCommand).rejects(Object.assign(new Error('AccessDenied'), { name: 'AccessDenied' }));
    await expect(store.tags(KEY, 'v1')).rejects.toThrow('AccessDenied');
  });

  it('lists the version whose tags it read, and reads the tags of a named version', async () => {
    s3.on(ListObjectsV2Command).resolves({ Contents: [{ Key: KEY, Size: 10, ETag: '"abc"' }] });
    s3.on(GetObjectTaggingCommand).resolves({ VersionId: 'v2', TagSet: [] });
    expect(await store.list(`uploads/${'b'.repeat(32)}/`)).toMatchObject([{ key: KEY, etag: '"abc"', version: 'v2' }]);
    await store.tags(KEY, 'v1');
    expect(s3.commandCalls(GetObjectTaggingCommand)[1]?.args[0].input).toMatchObject({ Key: KEY, VersionId: 'v1' });
  });

  it('copies the version it is given, whatever was posted since', async () => {
    s3.on(CopyObjectCommand).resolves({});
    expect(await store.copy(KEY, `claimed/${'b'.repeat(32)}/01`, 'abc', {}, 'v1/+=')).toBe(true);
    expect(s3.commandCalls(CopyObjectCommand)[0]?.args[0].input).toMatchObject({
      CopySource: `ouvidoria-uploads/${KEY}?versionId=v1%2F%2B%3D`,
      CopySourceIfMatch: '"abc"',
    });
  });

  it('puts a form file tagged pending with its name, as an attachment', async () => {
    s3.on(PutObjectCommand).resolves({});
    await store.put(KEY, Buffer.from('%PDF-1.4'), { contentType: 'application/pdf', filename: 'fatura.pdf' });
    const input = s3.commandCalls(PutObjectCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      Bucket: 'ouvidoria-uploads',
      Key: KEY,
      ContentType: 'application/pdf',
      ContentDisposition: 'attachment',
    });
    expect(new URLSearchParams(input?.Tagging)).toEqual(
      new URLSearchParams({ 'ouvidoria-upload': 'pending', 'ouvidoria-name': nameTagValue('fatura.pdf') }),
    );
  });

  it('puts a mailed file attached to its case in the same write (nothing can claim it in between)', async () => {
    s3.on(PutObjectCommand).resolves({});
    await store.put(
      KEY,
      Buffer.from('%PDF-1.4'),
      { contentType: 'application/pdf', filename: 'fatura.pdf' },
      { caseId: 'email:ses-1' },
    );
    const input = s3.commandCalls(PutObjectCommand)[0]?.args[0].input;
    expect(new URLSearchParams(input?.Tagging)).toEqual(
      new URLSearchParams({
        'ouvidoria-upload': 'attached',
        'ouvidoria-name': nameTagValue('fatura.pdf'),
        'ouvidoria-case': 'email:ses-1',
      }),
    );
  });

  // The claim copies a clean file out of uploads/, pinned to the bytes it listed or GuardDuty scanned.
  it.each([
    ['a listed ETag (quoted)', '"abc123"', '"abc123"'],
    ['GuardDuty’s bare ETag', 'abc123', '"abc123"'],
    ['no ETag', undefined, undefined],
  ])('copies with exactly the given tags, pinned to %s', async (_l, etag, expected) => {
    s3.on(CopyObjectCommand).resolves({});
    const claimed = `claimed/${'b'.repeat(32)}/01`;
    expect(
      await store.copy(KEY, claimed, etag, {
        GuardDutyMalwareScanStatus: 'NO_THREATS_FOUND',
        'ouvidoria-case': 'webform:x',
      }),
    ).toBe(true);
    const input = s3.commandCalls(CopyObjectCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      Bucket: 'ouvidoria-uploads',
      Key: claimed,
      CopySource: `ouvidoria-uploads/${KEY}`,
      TaggingDirective: 'REPLACE',
    });
    expect(input?.CopySourceIfMatch).toBe(expected);
    expect(new URLSearchParams(input?.Tagging)).toEqual(
      new URLSearchParams({ GuardDutyMalwareScanStatus: 'NO_THREATS_FOUND', 'ouvidoria-case': 'webform:x' }),
    );
  });

  it.each([
    ['replaced since (412)', 'PreconditionFailed', false],
    ['replaced by bytes not scanned clean (the tag-based read)', 'AccessDenied', false],
    ['gone', 'NoSuchKey', false],
    ['a version erased since', 'NoSuchVersion', false],
  ])('a copy whose source %s is false', async (_l, name, expected) => {
    s3.on(CopyObjectCommand).rejects(Object.assign(new Error(name), { name }));
    expect(await store.copy(KEY, `claimed/${'b'.repeat(32)}/01`, '"abc"', {})).toBe(expected);
  });

  it('a throttled copy throws for the caller’s retry', async () => {
    s3.on(CopyObjectCommand).rejects(Object.assign(new Error('SlowDown'), { name: 'SlowDown' }));
    await expect(store.copy(KEY, `claimed/${'b'.repeat(32)}/01`, '"abc"', {})).rejects.toThrow('SlowDown');
  });
});
