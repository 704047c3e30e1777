/**
 * The uploads bucket on S3. Reading is by tag: the bucket policy (infra/constructs/uploads.ts)
 * lets the functions read only objects GuardDuty tagged NO_THREATS_FOUND, so `readClean` of an
 * infected or unscanned object fails with AccessDenied whatever this code does.
 */
import {
  CopyObjectCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  PutObjectTaggingCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import {
  CASE_TAG,
  NAME_TAG,
  nameFromTag,
  nameTagValue,
  putTags,
  STATE_TAG,
  type UploadOwner,
  type UploadState,
} from '../domain/uploads/plan';
import { type PresignedPost, presignPost, taggingXml } from '../uploads/post-policy';
import type { StoredUpload, UploadStore } from '../uploads/ports';

export class S3UploadStore implements UploadStore {
  readonly origin: string;

  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    region: string,
  ) {
    // The bucket's regional virtual-hosted endpoint: the form action of every presigned POST.
    this.origin = `https://${bucket}.s3.${region}.amazonaws.com`;
  }

  async presign(
    key: string,
    file: { contentType: string; size: number; filename: string },
    now: Date,
    expiresInSeconds: number,
  ): Promise<PresignedPost> {
    const region = await this.s3.config.region();
    const credentials = await this.s3.config.credentials();
    return presignPost({
      url: `${this.origin}/`,
      bucket: this.bucket,
      key,
      contentType: file.contentType,
      size: file.size,
      tagging: taggingXml({ [STATE_TAG]: 'pending', [NAME_TAG]: nameTagValue(file.filename) }),
      metadata: { filename: encodeURIComponent(file.filename) },
      region,
      credentials,
      now,
      expiresInSeconds,
    });
  }

  async put(
    key: string,
    bytes: Uint8Array,
    file: { contentType: string; filename: string },
    owner?: UploadOwner,
  ): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: bytes,
        ContentType: file.contentType,
        ContentDisposition: 'attachment',
        Metadata: { filename: encodeURIComponent(file.filename) },
        Tagging: new URLSearchParams(putTags(file.filename, owner)).toString(),
      }),
    );
  }

  async list(prefix: string): Promise<StoredUpload[]> {
    const listed = await this.s3.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, MaxKeys: 50 }));
    const uploads: StoredUpload[] = [];
    for (const object of listed.Contents ?? []) {
      if (!object.Key) continue;
      // Tags only: HeadObject would need s3:GetObject, denied until the scan says clean.
      const { tags, version } = await this.versionTags(object.Key);
      uploads.push({
        key: object.Key,
        size: object.Size ?? 0,
        filename: nameFromTag(tags[NAME_TAG]),
        tags,
        ...(object.ETag ? { etag: object.ETag } : {}),
        ...(version ? { version } : {}),
      });
    }
    return uploads;
  }

  async tags(key: string, version?: string): Promise<Record<string, string>> {
    return (await this.versionTags(key, version)).tags;
  }

  /** The tags of a version (the current one when undefined) and the version they were read from. */
  private async versionTags(
    key: string,
    version?: string,
  ): Promise<{ tags: Record<string, string>; version?: string | undefined }> {
    let out: { TagSet?: Array<{ Key?: string; Value?: string }>; VersionId?: string };
    try {
      out = await this.s3.send(
        new GetObjectTaggingCommand({ Bucket: this.bucket, Key: key, ...(version ? { VersionId: version } : {}) }),
      );
    } catch (error) {
      // Erased (every version deleted) or expired since: no tags, so no case — a late scan result is
      // ignored, never retried into the dead-letter queue.
      if (!isGone(error)) throw error;
      return { tags: {}, version };
    }
    return {
      tags: Object.fromEntries((out.TagSet ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])),
      version: version ?? out.VersionId,
    };
  }

  async readClean(key: string): Promise<Buffer> {
    const out = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    return Buffer.from((await out.Body?.transformToByteArray()) ?? new Uint8Array());
  }

  async setState(key: string, state: UploadState, caseId?: string, version?: string): Promise<void> {
    // PutObjectTagging replaces the set: keep GuardDuty's tag (and any other) as it is — written on
    // the version read, never on one a re-sent POST made in between (it would inherit the verdict).
    const read = await this.versionTags(key, version);
    const tags = { ...read.tags, [STATE_TAG]: state, ...(caseId ? { [CASE_TAG]: caseId } : {}) };
    await this.s3.send(
      new PutObjectTaggingCommand({
        Bucket: this.bucket,
        Key: key,
        ...(read.version ? { VersionId: read.version } : {}),
        Tagging: { TagSet: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) },
      }),
    );
  }

  async copy(
    from: string,
    to: string,
    etag: string | undefined,
    tags: Record<string, string>,
    version?: string,
  ): Promise<boolean> {
    const source = `${this.bucket}/${from.split('/').map(encodeURIComponent).join('/')}`;
    try {
      await this.s3.send(
        new CopyObjectCommand({
          Bucket: this.bucket,
          Key: to,
          // The version scanned or listed: a re-sent POST since is another version, not this copy's source.
          CopySource: version ? `${source}?versionId=${encodeURIComponent(version)}` : source,
          // The bytes listed or scanned, not whatever a re-sent POST left there since.
          ...(etag ? { CopySourceIfMatch: quotedEtag(etag) } : {}),
          TaggingDirective: 'REPLACE',
          Tagging: new URLSearchParams(tags).toString(),
        }),
      );
      return true;
    } catch (error) {
      // Replaced (412), gone, or replaced by bytes not scanned clean (the tag-based read is denied);
      // a version erased meanwhile (NoSuchVersion).
      if (SOURCE_CHANGED.has((error as { name?: string }).name ?? '')) return false;
      throw error;
    }
  }
}

const SOURCE_CHANGED = new Set(['PreconditionFailed', 'NoSuchKey', 'NoSuchVersion', 'NotFound', 'AccessDenied']);

/** S3 lists ETags quoted; GuardDuty's event may carry it bare. */
function quotedEtag(etag: string): string {
  return `"${etag.replace(/^"|"$/g, '')}"`;
}

/**
 * S3's answers for an object or version that no longer exists: expired or erased, or a delete marker
 * now (a lifecycle expiry leaves one; S3 refuses tagging one with MethodNotAllowed).
 */
export function isGone(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'NoSuchKey' || name === 'NoSuchVersion' || name === 'NotFound' || name === 'MethodNotAllowed';
}
