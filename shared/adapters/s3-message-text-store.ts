import { createHash } from 'node:crypto';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  paginateListObjectsV2,
  PutObjectCommand,
  PutObjectTaggingCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { RAW_MAIL_RETENTION_TAG } from '../domain/retention';
import type { MessageTextRef, MessageTextStore } from '../ports';

/** Where message texts live in their bucket (one folder per case: erasure deletes the folder). */
export const MESSAGE_TEXT_PREFIX = 'messages/';
/** Stored as UTF-8 text. */
export const MESSAGE_TEXT_CONTENT_TYPE = 'text/plain; charset=utf-8';

/** The folder of a case's texts. */
export const messageTextCasePrefix = (caseId: string) => `${MESSAGE_TEXT_PREFIX}${encodeURIComponent(caseId)}/`;

/**
 * The key of one text: the case's folder, then a hash of the message's sourceId and the text. The
 * same message always gets the same key (a retry writes the same bytes), and another text under
 * one sourceId gets another key (it never replaces the text an item references).
 */
export function messageTextKey(caseId: string, sourceId: string, text: string): string {
  const digest = createHash('sha256').update(sourceId).update('\0').update(text).digest('hex');
  return `${messageTextCasePrefix(caseId)}${digest.slice(0, 40)}.txt`;
}

/** A referenced text is not there (erased, expired, or never written): never read as empty. */
export class MessageTextNotFound extends Error {
  constructor(key: string, options?: { cause?: unknown }) {
    super(`Message text not found: ${key}`, options);
    this.name = 'MessageTextNotFound';
  }
}

const isMissing = (error: unknown) => {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'NoSuchKey' || name === 'NotFound';
};

/**
 * Message texts in S3, encrypted by the bucket's default (SSE-S3). Retention by tag, as raw mail
 * (s3-raw-mail-retention.ts): `redirected` at put, the closed-case tag by a copy onto itself at
 * closing (the bucket's rule counts from the copy), no tag while the case is open.
 */
export class S3MessageTextStore implements MessageTextStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async put(target: { caseId: string; sourceId: string; redirected?: boolean }, text: string): Promise<MessageTextRef> {
    const key = messageTextKey(target.caseId, target.sourceId, text);
    const body = Buffer.from(text, 'utf8');
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: body,
        ContentType: MESSAGE_TEXT_CONTENT_TYPE,
        ...(target.redirected ? { Tagging: `${RAW_MAIL_RETENTION_TAG.key}=${RAW_MAIL_RETENTION_TAG.redirected}` } : {}),
      }),
    );
    return { key, bytes: body.length };
  }

  async get(ref: MessageTextRef): Promise<string> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: ref.key }));
      if (!out.Body) throw new Error('S3 GetObject returned no body');
      const bytes = Buffer.from(await out.Body.transformToByteArray());
      if (bytes.length !== ref.bytes)
        throw new Error(`Message text ${ref.key} has ${bytes.length} bytes, not ${ref.bytes}`);
      return bytes.toString('utf8');
    } catch (error) {
      if (isMissing(error)) throw new MessageTextNotFound(ref.key, { cause: error });
      throw error;
    }
  }

  async markClosed(ref: MessageTextRef, closedAt: Date): Promise<void> {
    await this.ignoringMissing(
      new CopyObjectCommand({
        Bucket: this.bucket,
        Key: ref.key,
        CopySource: `${this.bucket}/${ref.key.split('/').map(encodeURIComponent).join('/')}`,
        // A copy onto itself must change something: the closing date, as metadata (type kept).
        MetadataDirective: 'REPLACE',
        ContentType: MESSAGE_TEXT_CONTENT_TYPE,
        Metadata: { 'closed-at': closedAt.toISOString() },
        TaggingDirective: 'REPLACE',
        Tagging: `${RAW_MAIL_RETENTION_TAG.key}=${RAW_MAIL_RETENTION_TAG.closedCase}`,
      }),
    );
  }

  async markOpen(ref: MessageTextRef): Promise<void> {
    await this.ignoringMissing(
      new PutObjectTaggingCommand({ Bucket: this.bucket, Key: ref.key, Tagging: { TagSet: [] } }),
    );
  }

  async deleteCase(caseId: string): Promise<number> {
    const keys: string[] = [];
    const pages = paginateListObjectsV2(
      { client: this.client },
      { Bucket: this.bucket, Prefix: messageTextCasePrefix(caseId) },
    );
    for await (const page of pages) for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
    for (const key of keys) await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    return keys.length;
  }

  /** A text already gone (erased, expired) has no clock left to move. */
  private async ignoringMissing(command: CopyObjectCommand | PutObjectTaggingCommand): Promise<void> {
    try {
      await this.client.send(command as CopyObjectCommand);
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }
}
