/**
 * Webform files for data-subject requests (`npm run titular`), like raw mail (raw-mail-archive.ts).
 *
 * On AWS the bucket policy lets nobody but GuardDuty read an object not tagged clean, the operator
 * included: a quarantined file is then exported as metadata only (name, size, type, scan result,
 * `file: null`) and its bytes stay in quarantine; erasure works for every file (the policy denies
 * reads only). Locally every file is read.
 */
import { readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { UploadArchive } from '../app/data-subject';
import { S3RawMailArchive } from './raw-mail-archive';

const GONE = new Set(['NoSuchKey', 'NotFound', 'AccessDenied']);

export class S3UploadArchive implements UploadArchive {
  private readonly versions: S3RawMailArchive;
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {
    this.versions = new S3RawMailArchive(client);
  }
  async read(key: string): Promise<Buffer | null> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return Buffer.from((await out.Body?.transformToByteArray()) ?? new Uint8Array());
    } catch (error) {
      if (GONE.has((error as { name?: string }).name ?? '')) return null;
      throw error;
    }
  }
  /** Every version and delete marker of the key (the same code as raw mail). */
  erase(key: string): Promise<number> {
    return this.versions.erase({ bucket: this.bucket, key });
  }
  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const out = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const o of out.Contents ?? []) if (o.Key) keys.push(o.Key);
      token = out.IsTruncated ? out.NextContinuationToken : undefined;
    } while (token);
    return keys;
  }
}

/** The local stack's uploads (`<dataDir>/uploads/<key>`, as LocalUploadStore mirrors them). */
export class FileUploadArchive implements UploadArchive {
  private readonly dir: string;
  constructor(dir: string) {
    this.dir = resolve(dir);
  }
  /**
   * The local bucket's index (LocalUploadStore's index.json) keeps each file's name and case tag:
   * an erased file's entry goes with it, as S3 erases an object's metadata with its versions.
   */
  private async unindex(key: string): Promise<void> {
    const path = join(this.dir, 'index.json');
    let index: Record<string, unknown>;
    try {
      index = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    if (!(key in index)) return;
    delete index[key];
    await writeFile(path, JSON.stringify(index));
  }
  private pathOf(key: string): string {
    if (key.split('/').some((part) => part === '..' || part === '')) throw new Error(`Invalid upload key ${key}`);
    return join(this.dir, key);
  }
  async read(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }
  async list(prefix: string): Promise<string[]> {
    if (!prefix.endsWith('/')) throw new Error(`Invalid upload prefix ${prefix}`);
    try {
      const names = await readdir(this.pathOf(prefix.slice(0, -1)), { withFileTypes: true });
      return names
        .filter((n) => n.isFile())
        .map((n) => `${prefix}${n.name}`)
        .sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }
  async erase(key: string): Promise<number> {
    let erased = 1;
    try {
      await unlink(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      erased = 0;
    }
    // Also when the file went before (an interrupted run): its entry must not outlive it.
    await this.unindex(key);
    return erased;
  }
}
