import { CopyObjectCommand, PutObjectTaggingCommand, type S3Client } from '@aws-sdk/client-s3';
import { RAW_MAIL_RETENTION_TAG } from '../domain/retention';
import type { ObjectLocation } from '../domain/submission';
import type { RawMailRetention } from '../ports';

/**
 * Raw-mail retention on S3 by tag. A redirected submission's mail is tagged in place: the lifecycle
 * rule counts from the object's creation, which is its arrival. A closed case's mail is copied onto
 * itself with the closed-case tag: the copy is a new current version created at closing, so the
 * rule's days start at the closing date (the old version becomes noncurrent and expires after a day).
 */
export class S3RawMailRetention implements RawMailRetention {
  constructor(private readonly client: S3Client) {}

  async markRedirected(location: ObjectLocation): Promise<void> {
    await this.client.send(
      new PutObjectTaggingCommand({
        Bucket: location.bucket,
        Key: location.key,
        Tagging: { TagSet: [{ Key: RAW_MAIL_RETENTION_TAG.key, Value: RAW_MAIL_RETENTION_TAG.redirected }] },
      }),
    );
  }

  async markOpen(location: ObjectLocation): Promise<void> {
    // An empty tag set removes the tags with the PutObjectTagging grant the intake already has.
    await this.client.send(
      new PutObjectTaggingCommand({ Bucket: location.bucket, Key: location.key, Tagging: { TagSet: [] } }),
    );
  }

  async markClosed(location: ObjectLocation, closedAt: Date): Promise<void> {
    await this.client.send(
      new CopyObjectCommand({
        Bucket: location.bucket,
        Key: location.key,
        CopySource: `${location.bucket}/${location.key.split('/').map(encodeURIComponent).join('/')}`,
        // S3 refuses a copy onto itself that changes nothing: the closing date is new metadata.
        MetadataDirective: 'REPLACE',
        Metadata: { 'closed-at': closedAt.toISOString() },
        TaggingDirective: 'REPLACE',
        Tagging: `${RAW_MAIL_RETENTION_TAG.key}=${RAW_MAIL_RETENTION_TAG.closedCase}`,
      }),
    );
  }
}

/** Local stack and tests: files have no lifecycle rules; the calls are recorded for tests. */
export class RecordingRawMailRetention implements RawMailRetention {
  readonly marks: { kind: 'redirected' | 'closed' | 'open'; key: string }[] = [];
  async markRedirected(location: ObjectLocation): Promise<void> {
    this.marks.push({ kind: 'redirected', key: location.key });
  }
  async markClosed(location: ObjectLocation): Promise<void> {
    this.marks.push({ kind: 'closed', key: location.key });
  }
  async markOpen(location: ObjectLocation): Promise<void> {
    this.marks.push({ kind: 'open', key: location.key });
  }
}
