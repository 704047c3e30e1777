import {
  CopyObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectTaggingCommand,
  type S3Client,
  type Tag,
} from '@aws-sdk/client-s3';
import { RAW_MAIL_RETENTION_TAG } from '../domain/retention';
import type { UploadRetention } from '../ports';
import { isGone } from './s3-upload-store';

/**
 * Webform files of a closed case follow its LGPD clock (the uploads bucket's closed-case rule).
 * A clean file is copied onto itself with the retention tag added to the tags it has (GuardDuty's
 * clean tag must stay, or the bucket policy would make it unreadable): the copy is created at
 * closing, so the rule's days start then. A file that is not clean cannot be read, so it is only
 * tagged: its clock runs from the upload. The files of a redirected or quarantined submission are
 * tagged in place at intake (the submission's clock, from the upload). Idempotent; a failure throws
 * for the caller's retry — but a file gone already (expired or erased: an upload a re-sent presigned
 * POST replaced goes noncurrent and expires like an unclaimed one) has no clock left to start, so it
 * is done, never a closing or reopening retried into the dead-letter queue.
 *
 * The tags go on the key's current version, not pinned to the one the case claimed (as the claim and
 * the scan result are): only a file left under uploads/ (not clean, or not scanned yet) can have been
 * replaced, and then the tag changes no version's expiry. The replacement a re-sent POST made carries
 * the policy's `pending` tag (an exact-match condition), so it expires as an unclaimed upload, the
 * earliest of the rules it matches; the case's own version, noncurrent since, expires under the
 * bucket's one noncurrent rule, which reads no tag (infra/constructs/uploads.ts, its tests).
 */
export class S3UploadRetention implements UploadRetention {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async markClosed(key: string, clean: boolean, closedAt: Date): Promise<void> {
    return this.unlessGone(key, () => this.close(key, clean, closedAt));
  }

  async markRedirected(key: string): Promise<void> {
    return this.unlessGone(key, () => this.redirect(key));
  }

  async markOpen(key: string): Promise<void> {
    return this.unlessGone(key, () => this.open(key));
  }

  /**
   * A file gone (or not there yet: a mailed file the email intake copies after the commit whose
   * effects re-tag the case's files, e.g. a reopening by that very mail) has no clock to change.
   * S3 says so with 404 only to a role that may list the bucket; to one that may list just the
   * uploads prefix (the email intake) it answers 403, and a listing of the key tells the two apart.
   */
  private async unlessGone(key: string, mark: () => Promise<void>): Promise<void> {
    try {
      await mark();
    } catch (error) {
      if (isGone(error)) return;
      if ((error as { name?: string }).name === 'AccessDenied' && (await this.absent(key).catch(() => false))) return;
      throw error;
    }
  }

  private async absent(key: string): Promise<boolean> {
    const listed = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: key, MaxKeys: 1 }));
    return !(listed.Contents ?? []).some((o) => o.Key === key);
  }

  private async close(key: string, clean: boolean, closedAt: Date): Promise<void> {
    const { TagSet = [] } = await this.client.send(new GetObjectTaggingCommand({ Bucket: this.bucket, Key: key }));
    const tags: Tag[] = [
      ...TagSet.filter((t) => t.Key !== RAW_MAIL_RETENTION_TAG.key),
      { Key: RAW_MAIL_RETENTION_TAG.key, Value: RAW_MAIL_RETENTION_TAG.closedCase },
    ];
    if (!clean) {
      await this.client.send(new PutObjectTaggingCommand({ Bucket: this.bucket, Key: key, Tagging: { TagSet: tags } }));
      return;
    }
    const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
    await this.client.send(
      new CopyObjectCommand({
        Bucket: this.bucket,
        Key: key,
        CopySource: `${this.bucket}/${key.split('/').map(encodeURIComponent).join('/')}`,
        // S3 refuses a copy onto itself that changes nothing: the closing date is new metadata.
        MetadataDirective: 'REPLACE',
        Metadata: { ...head.Metadata, 'closed-at': closedAt.toISOString() },
        ...(head.ContentType ? { ContentType: head.ContentType } : {}),
        ...(head.ContentDisposition ? { ContentDisposition: head.ContentDisposition } : {}),
        TaggingDirective: 'REPLACE',
        Tagging: tags.map((t) => `${encodeURIComponent(t.Key ?? '')}=${encodeURIComponent(t.Value ?? '')}`).join('&'),
      }),
    );
  }

  private async redirect(key: string): Promise<void> {
    const { TagSet = [] } = await this.client.send(new GetObjectTaggingCommand({ Bucket: this.bucket, Key: key }));
    if (TagSet.some((t) => t.Key === RAW_MAIL_RETENTION_TAG.key && t.Value === RAW_MAIL_RETENTION_TAG.redirected))
      return;
    // Tagged in place: the rule counts from the upload, the submission's own clock.
    const tags: Tag[] = [
      ...TagSet.filter((t) => t.Key !== RAW_MAIL_RETENTION_TAG.key),
      { Key: RAW_MAIL_RETENTION_TAG.key, Value: RAW_MAIL_RETENTION_TAG.redirected },
    ];
    await this.client.send(new PutObjectTaggingCommand({ Bucket: this.bucket, Key: key, Tagging: { TagSet: tags } }));
  }

  private async open(key: string): Promise<void> {
    const { TagSet = [] } = await this.client.send(new GetObjectTaggingCommand({ Bucket: this.bucket, Key: key }));
    const kept = TagSet.filter((t) => t.Key !== RAW_MAIL_RETENTION_TAG.key);
    if (kept.length === TagSet.length) return;
    await this.client.send(new PutObjectTaggingCommand({ Bucket: this.bucket, Key: key, Tagging: { TagSet: kept } }));
  }
}
