import { CopyObjectCommand, PutObjectTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { S3RawMailRetention } from '../../../shared/adapters/s3-raw-mail-retention';

const client = new S3Client({ region: 'us-east-1' });
const s3 = mockClient(client);
beforeEach(() => s3.reset());

describe('S3RawMailRetention', () => {
  const retention = new S3RawMailRetention(client);
  const location = { bucket: 'raw-mail', key: 'inbound/0100019a abc' };

  it('tags a redirected submission in place (the rule counts from its arrival)', async () => {
    s3.on(PutObjectTaggingCommand).resolves({});
    await retention.markRedirected(location);
    expect(s3.commandCalls(PutObjectTaggingCommand)[0]!.args[0].input).toEqual({
      Bucket: 'raw-mail',
      Key: 'inbound/0100019a abc',
      Tagging: { TagSet: [{ Key: 'ouvidoria-retention', Value: 'redirected' }] },
    });
  });

  it('removes the expiry tag of a released, accepted case (an empty tag set: no delete grant needed)', async () => {
    s3.on(PutObjectTaggingCommand).resolves({});
    await retention.markOpen(location);
    expect(s3.commandCalls(PutObjectTaggingCommand)[0]!.args[0].input).toEqual({
      Bucket: 'raw-mail',
      Key: 'inbound/0100019a abc',
      Tagging: { TagSet: [] },
    });
  });

  it('rewrites a closed case’s mail onto itself with the tag and the closing date (the clock restarts)', async () => {
    s3.on(CopyObjectCommand).resolves({});
    await retention.markClosed(location, new Date('2026-12-01T12:00:00.000Z'));
    expect(s3.commandCalls(CopyObjectCommand)[0]!.args[0].input).toEqual({
      Bucket: 'raw-mail',
      Key: 'inbound/0100019a abc',
      CopySource: 'raw-mail/inbound/0100019a%20abc',
      MetadataDirective: 'REPLACE',
      Metadata: { 'closed-at': '2026-12-01T12:00:00.000Z' },
      TaggingDirective: 'REPLACE',
      Tagging: 'ouvidoria-retention=closed-case',
    });
  });

  it('lets a failure through (the caller retries; tagging again is harmless)', async () => {
    s3.on(CopyObjectCommand).rejects(new Error('SlowDown'));
    await expect(retention.markClosed(location, new Date())).rejects.toThrow('SlowDown');
  });
});
