import { type FileHandle, open, readFile, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ObjectLocation } from '../domain/submission';
import type { RawMailHead, RawMailStore } from '../ports';

/** The raw mail is not there (wrong key, or deleted by a lifecycle rule). */
export class RawMailNotFound extends Error {
  constructor(location: ObjectLocation, options?: { cause?: unknown }) {
    super(`Raw mail not found: ${location.bucket}/${location.key}`, options);
    this.name = 'RawMailNotFound';
  }
}

const isMissing = (error: unknown) => {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'NoSuchKey' || name === 'NotFound';
};

/** Raw mail in S3, where SES's receipt rule S3 action stored it. */
export class S3RawMailStore implements RawMailStore, RawMailHead {
  constructor(private readonly client: S3Client) {}

  async size(location: ObjectLocation): Promise<number> {
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: location.bucket, Key: location.key }));
      if (typeof out.ContentLength !== 'number') throw new Error('S3 HeadObject returned no ContentLength');
      return out.ContentLength;
    } catch (error) {
      if (isMissing(error)) throw new RawMailNotFound(location, { cause: error });
      throw error;
    }
  }

  async read(location: ObjectLocation): Promise<Buffer> {
    return this.get(location);
  }

  /** One ranged GET: S3 sends at most `bytes` bytes, whatever the object's size. */
  async head(location: ObjectLocation, bytes: number): Promise<Buffer> {
    if (!Number.isInteger(bytes) || bytes < 1) throw new RangeError('head: bytes must be a positive integer');
    return this.get(location, `bytes=0-${bytes - 1}`);
  }

  private async get(location: ObjectLocation, range?: string): Promise<Buffer> {
    try {
      const out = await this.client.send(
        new GetObjectCommand({ Bucket: location.bucket, Key: location.key, ...(range ? { Range: range } : {}) }),
      );
      if (!out.Body) throw new Error('S3 GetObject returned no body');
      return Buffer.from(await out.Body.transformToByteArray());
    } catch (error) {
      if (isMissing(error)) throw new RawMailNotFound(location, { cause: error });
      throw error;
    }
  }
}

/**
 * Local stand-in: `{ bucket, key }` is the file `<root>/<bucket>/<key>`. A location that would
 * leave `<root>/<bucket>` (`..`, absolute keys, a bucket with a slash) is rejected.
 */
export class FileRawMailStore implements RawMailStore, RawMailHead {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  /** The file of a location; throws on traversal attempts. */
  pathOf(location: ObjectLocation): string {
    const { bucket, key } = location;
    if (!/^[a-z0-9][a-z0-9.-]{1,62}$/.test(bucket) || bucket.includes('..')) {
      throw new Error('Invalid bucket name for the local raw mail store');
    }
    if (key.length === 0 || key.includes('\0') || isAbsolute(key) || key.split(/[\\/]/).includes('..')) {
      throw new Error('Invalid object key for the local raw mail store');
    }
    const bucketDir = resolve(this.root, bucket);
    const file = resolve(bucketDir, key);
    const rel = relative(bucketDir, file);
    if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) {
      throw new Error('Invalid object key for the local raw mail store');
    }
    return file;
  }

  async size(location: ObjectLocation): Promise<number> {
    try {
      return (await stat(this.pathOf(location))).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new RawMailNotFound(location, { cause: error });
      throw error;
    }
  }

  async read(location: ObjectLocation): Promise<Buffer> {
    try {
      return await readFile(this.pathOf(location));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new RawMailNotFound(location, { cause: error });
      throw error;
    }
  }

  async head(location: ObjectLocation, bytes: number): Promise<Buffer> {
    let file: FileHandle | undefined;
    try {
      file = await open(this.pathOf(location), 'r');
      const buffer = Buffer.alloc(bytes);
      const { bytesRead } = await file.read(buffer, 0, bytes, 0);
      return buffer.subarray(0, bytesRead);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new RawMailNotFound(location, { cause: error });
      throw error;
    } finally {
      await file?.close();
    }
  }
}
