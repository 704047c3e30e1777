import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ReportStore } from '../app/report';

/**
 * Report files in S3 under `<prefix><name>` (the bucket encrypts and expires them: infra/constructs/reports.ts).
 * The announcement mail carries the files themselves (shared/app/report.ts), not a link to them.
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
}

/** Local runs: the files in a directory. */
export class DirectoryReportStore implements ReportStore {
  private readonly dir: string;
  constructor(dir: string) {
    this.dir = resolve(dir);
  }
  async put(name: string, body: string): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeFile(join(this.dir, name), body, 'utf8');
  }
}
