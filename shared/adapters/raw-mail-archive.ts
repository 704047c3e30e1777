import { unlink } from 'node:fs/promises';
import { DeleteObjectCommand, ListObjectVersionsCommand, type S3Client } from '@aws-sdk/client-s3';
import type { RawMailArchive } from '../app/data-subject';
import type { ObjectLocation } from '../domain/submission';
import type { RawMailStore } from '../ports';
import { FileRawMailStore, RawMailNotFound, S3RawMailStore } from './s3-raw-mail-store';

async function readOrNull(store: RawMailStore, location: ObjectLocation): Promise<Buffer | null> {
  try {
    return await store.read(location);
  } catch (error) {
    if (error instanceof RawMailNotFound) return null;
    throw error;
  }
}

/**
 * Raw mail for data-subject requests on S3. The bucket is versioned, so erasing deletes every
 * version of the key (and its delete markers), not just the current one.
 */
export class S3RawMailArchive implements RawMailArchive {
  private readonly reader: S3RawMailStore;
  constructor(private readonly client: S3Client) {
    this.reader = new S3RawMailStore(client);
  }
  read(location: ObjectLocation): Promise<Buffer | null> {
    return readOrNull(this.reader, location);
  }
  async erase(location: ObjectLocation): Promise<number> {
    let erased = 0;
    let keyMarker: string | undefined;
    let versionMarker: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectVersionsCommand({
          Bucket: location.bucket,
          Prefix: location.key,
          KeyMarker: keyMarker,
          VersionIdMarker: versionMarker,
        }),
      );
      const versions = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].filter((v) => v.Key === location.key);
      for (const v of versions) {
        await this.client.send(
          new DeleteObjectCommand({ Bucket: location.bucket, Key: location.key, VersionId: v.VersionId }),
        );
        erased++;
      }
      keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
      versionMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
    } while (keyMarker);
    return erased;
  }
}

/** The local stack's raw mail (files under `<root>/<bucket>/<key>`). */
export class FileRawMailArchive implements RawMailArchive {
  readonly store: FileRawMailStore;
  constructor(root: string) {
    this.store = new FileRawMailStore(root);
  }
  read(location: ObjectLocation): Promise<Buffer | null> {
    return readOrNull(this.store, location);
  }
  async erase(location: ObjectLocation): Promise<number> {
    try {
      await unlink(this.store.pathOf(location));
      return 1;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
  }
}
