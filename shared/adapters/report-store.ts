import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ReportStore } from '../app/report';
import { presignS3Get } from './s3-presign';

export { presignS3Get } from './s3-presign';

/**
 * Report files in S3 under `<prefix><name>` (the bucket encrypts and expires them: infra/constructs/reports.ts),
 * and a presigned GET link for the announcement mail.
 */
export class S3ReportStore implements ReportStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly prefix = 'relatorios/',
  ) {}

  async put(name: string, body: string, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: `${this.prefix}${name}`,
        Body: body,
        ContentType: contentType,
        ServerSideEncryption: 'AES256',
      }),
    );
  }

  async link(name: string, expiresInSeconds: number): Promise<string> {
    const credentials = await this.client.config.credentials();
    const region = await this.client.config.region();
    return presignS3Get({
      bucket: this.bucket,
      key: `${this.prefix}${name}`,
      region,
      credentials,
      expiresInSeconds,
      now: new Date(),
    });
  }
}

/** Local runs: the files in a directory, the link a file:// URL. */
export class DirectoryReportStore implements ReportStore {
  private readonly dir: string;
  constructor(dir: string) {
    this.dir = resolve(dir);
  }
  async put(name: string, body: string): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeFile(join(this.dir, name), body, 'utf8');
  }
  async link(name: string): Promise<string> {
    return pathToFileURL(join(this.dir, name)).href;
  }
}
