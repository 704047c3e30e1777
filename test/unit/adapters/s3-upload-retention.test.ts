import {
  CopyObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectTaggingCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { S3UploadRetention } from '../../../shared/adapters/s3-upload-retention';

const client = new S3Client({ region: 'us-east-1' });
const s3 = mockClient(client);
beforeEach(() => s3.reset());

const CLEAN = { Key: 'GuardDutyMalwareScanStatus', Value: 'NO_THREATS_FOUND' };

describe('S3UploadRetention', () => {
  const retention = new S3UploadRetention(client, 'uploads-bucket');
  const closedAt = new Date('2026-12-01T12:00:00.000Z');

  it('rewrites a clean file onto itself keeping GuardDuty’s clean tag (still readable) and adding ours', async () => {
    s3.on(GetObjectTaggingCommand).resolves({ TagSet: [CLEAN, { Key: 'ouvidoria-case', Value: 'webform:x' }] });
    s3.on(HeadObjectCommand).resolves({ ContentType: 'application/pdf', Metadata: { name: 'bm90YS5wZGY=' } });
    s3.on(CopyObjectCommand).resolves({});
    await retention.markClosed('uploads/abc/01', true, closedAt);
    expect(s3.commandCalls(CopyObjectCommand)[0]!.args[0].input).toEqual({
      Bucket: 'uploads-bucket',
      Key: 'uploads/abc/01',
      CopySource: 'uploads-bucket/uploads/abc/01',
      MetadataDirective: 'REPLACE',
      Metadata: { name: 'bm90YS5wZGY=', 'closed-at': '2026-12-01T12:00:00.000Z' },
      ContentType: 'application/pdf',
      TaggingDirective: 'REPLACE',
      Tagging: 'GuardDutyMalwareScanStatus=NO_THREATS_FOUND&ouvidoria-case=webform%3Ax&ouvidoria-retention=closed-case',
    });
  });

  it('only tags a file that is not clean (it cannot be read), keeping its other tags', async () => {
    s3.on(GetObjectTaggingCommand).resolves({
      TagSet: [{ Key: 'GuardDutyMalwareScanStatus', Value: 'THREATS_FOUND' }],
    });
    s3.on(PutObjectTaggingCommand).resolves({});
    await retention.markClosed('uploads/abc/02', false, closedAt);
    expect(s3.commandCalls(CopyObjectCommand)).toHaveLength(0);
    expect(s3.commandCalls(PutObjectTaggingCommand)[0]!.args[0].input.Tagging?.TagSet).toEqual([
      { Key: 'GuardDutyMalwareScanStatus', Value: 'THREATS_FOUND' },
      { Key: 'ouvidoria-retention', Value: 'closed-case' },
    ]);
  });

  it('a reopened case: the closed-case tag goes, GuardDuty’s stays; nothing written when there is no tag', async () => {
    s3.on(GetObjectTaggingCommand)
      .resolvesOnce({
        TagSet: [
          { Key: 'GuardDutyMalwareScanStatus', Value: 'NO_THREATS_FOUND' },
          { Key: 'ouvidoria-retention', Value: 'closed-case' },
        ],
      })
      .resolvesOnce({ TagSet: [{ Key: 'GuardDutyMalwareScanStatus', Value: 'NO_THREATS_FOUND' }] });
    s3.on(PutObjectTaggingCommand).resolves({});
    await retention.markOpen('uploads/x/01');
    await retention.markOpen('uploads/x/02');
    const puts = s3.commandCalls(PutObjectTaggingCommand);
    expect(puts).toHaveLength(1);
    expect(puts[0]!.args[0].input.Tagging).toEqual({
      TagSet: [{ Key: 'GuardDutyMalwareScanStatus', Value: 'NO_THREATS_FOUND' }],
    });
  });

  it('a redirected submission’s file is tagged in place, keeping its other tags; once', async () => {
    s3.on(GetObjectTaggingCommand)
      .resolvesOnce({ TagSet: [{ Key: 'ouvidoria-upload', Value: 'attached' }] })
      .resolvesOnce({
        TagSet: [
          { Key: 'ouvidoria-upload', Value: 'attached' },
          { Key: 'ouvidoria-retention', Value: 'redirected' },
        ],
      });
    s3.on(PutObjectTaggingCommand).resolves({});
    await retention.markRedirected('uploads/x/01');
    await retention.markRedirected('uploads/x/01');
    const puts = s3.commandCalls(PutObjectTaggingCommand);
    expect(puts).toHaveLength(1);
    expect(puts[0]!.args[0].input.Tagging).toEqual({
      TagSet: [
        { Key: 'ouvidoria-upload', Value: 'attached' },
        { Key: 'ouvidoria-retention', Value: 'redirected' },
      ],
    });
    expect(s3.commandCalls(CopyObjectCommand)).toHaveLength(0);
  });

  // A re-sent presigned POST made the case's upload noncurrent; both versions then expire as unclaimed
  // ones (the lifecycle leaves a delete marker): closing or reopening the case months later must not
  // throw into the effect's retries and the dead-letter queue, with the closing mail never sent.
  const gone = (name: string) => Object.assign(new Error(name), { name });
  it.each([
    ['closed, the file expired', 'NoSuchKey', (r: S3UploadRetention) => r.markClosed('uploads/x/02', false, closedAt)],
    [
      'closed, a clean file erased',
      'NoSuchKey',
      (r: S3UploadRetention) => r.markClosed('claimed/x/01', true, closedAt),
    ],
    [
      'closed, a delete marker now',
      'MethodNotAllowed',
      (r: S3UploadRetention) => r.markClosed('uploads/x/02', false, closedAt),
    ],
    ['reopened, the version expired', 'NoSuchVersion', (r: S3UploadRetention) => r.markOpen('uploads/x/02')],
    ['redirected, the file expired', 'NoSuchKey', (r: S3UploadRetention) => r.markRedirected('uploads/x/02')],
  ])('%s (%s): nothing left to tag, done', async (_case, name, mark) => {
    s3.on(GetObjectTaggingCommand).rejects(gone(name));
    await expect(mark(retention)).resolves.toBeUndefined();
    expect(s3.commandCalls(PutObjectTaggingCommand)).toHaveLength(0);
  });

  it('any other failure still throws for the retry', async () => {
    s3.on(GetObjectTaggingCommand).rejects(gone('SlowDown'));
    await expect(retention.markClosed('uploads/x/02', false, closedAt)).rejects.toThrow('SlowDown');
  });

  // A merchant's mail that reopens her case carries files the email intake copies after the commit
  // whose effects re-tag the case's files: the new keys are not there yet, and S3 answers the intake
  // (which may list only uploads/) 403, not 404. Its listing says the key is absent: nothing to tag.
  it('AccessDenied for a key a listing shows absent (a mailed file not copied yet): done', async () => {
    s3.on(GetObjectTaggingCommand).rejects(gone('AccessDenied'));
    s3.on(ListObjectsV2Command).resolves({ Contents: [{ Key: 'uploads/x/020' }] });
    await expect(retention.markOpen('uploads/x/02')).resolves.toBeUndefined();
    expect(s3.commandCalls(ListObjectsV2Command)[0]?.args[0].input).toEqual({
      Bucket: 'uploads-bucket',
      Prefix: 'uploads/x/02',
      MaxKeys: 1,
    });
  });

  it.each([
    ['the listing shows the key (a real denial)', { Contents: [{ Key: 'uploads/x/02' }] }],
    ['the listing is denied too (a role that may not list)', undefined],
  ])('AccessDenied and %s: still throws', async (_what, listed) => {
    s3.on(GetObjectTaggingCommand).rejects(gone('AccessDenied'));
    if (listed) s3.on(ListObjectsV2Command).resolves(listed);
    else s3.on(ListObjectsV2Command).rejects(gone('AccessDenied'));
    await expect(retention.markClosed('uploads/x/02', false, closedAt)).rejects.toThrow('AccessDenied');
  });
});
