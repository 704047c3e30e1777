import { createHash, createHmac } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ReportStore } from '../app/report';

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

const encodeKey = (key: string) =>
  key
    .split('/')
    .map((s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
const rfc3986 = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * SigV4 query-string presigning of an S3 GetObject (AWS "Authenticating Requests: Using Query
 * Parameters"), virtual-hosted style. Written here (30 lines of node:crypto) rather than adding
 * @aws-sdk/s3-request-presigner for one URL. At most 7 days.
 */
export function presignS3Get(input: {
  bucket: string;
  key: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  expiresInSeconds: number;
  now: Date;
  /** The endpoint host; the regional virtual-hosted one by default (tests use AWS's documented example). */
  host?: string;
}): string {
  const host = input.host ?? `${input.bucket}.s3.${input.region}.amazonaws.com`;
  const amzDate = input.now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const scope = `${day}/${input.region}/s3/aws4_request`;
  const params: Record<string, string> = {
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': `${input.credentials.accessKeyId}/${scope}`,
    'X-Amz-Date': amzDate,
    'X-Amz-Expires': String(Math.min(Math.max(1, Math.floor(input.expiresInSeconds)), 604800)),
    'X-Amz-SignedHeaders': 'host',
    ...(input.credentials.sessionToken ? { 'X-Amz-Security-Token': input.credentials.sessionToken } : {}),
  };
  const query = Object.keys(params)
    .sort()
    .map((k) => `${rfc3986(k)}=${rfc3986(params[k] as string)}`)
    .join('&');
  const path = `/${encodeKey(input.key)}`;
  const canonical = ['GET', path, query, `host:${host}\n`, 'host', 'UNSIGNED-PAYLOAD'].join('\n');
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonical).digest('hex')].join('\n');
  const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();
  const signingKey = hmac(
    hmac(hmac(hmac(`AWS4${input.credentials.secretAccessKey}`, day), input.region), 's3'),
    'aws4_request',
  );
  const signature = createHmac('sha256', signingKey).update(toSign).digest('hex');
  return `https://${host}${path}?${query}&X-Amz-Signature=${signature}`;
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
