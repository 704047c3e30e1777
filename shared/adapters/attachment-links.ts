/**
 * Download links of clean webform files (the AttachmentLinks port): a SigV4 presigned GetObject of
 * the uploads bucket (s3-presign.ts) carrying
 * `response-content-disposition: attachment`, a safe `response-content-type` and
 * `response-cache-control: no-store`, valid DOWNLOAD_LINK_SECONDS (the console signs one per click,
 * after checking the session). The bucket policy serves only objects tagged clean, so even a
 * link signed by mistake for another file gets AccessDenied. Locally, the /_s3/ stand-in's URL.
 */
import { attachmentDisposition, DOWNLOAD_LINK_SECONDS } from '../domain/uploads/download';
import type { AttachmentLinks, Clock } from '../ports';
import { UPLOADS_BUCKET_ENV } from '../uploads/ports';
import { presignS3Get } from './s3-presign';

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

export interface S3AttachmentLinksOptions {
  bucket: string;
  region: string;
  /** Resolved per link: Lambda's role credentials rotate. */
  credentials: () => Promise<Credentials>;
  expiresInSeconds: number;
  clock: Clock;
  host?: string;
}

export class S3AttachmentLinks implements AttachmentLinks {
  constructor(private readonly options: S3AttachmentLinksOptions) {}

  async linkFor(key: string, filename: string, contentType: string): Promise<string> {
    const o = this.options;
    return presignS3Get({
      bucket: o.bucket,
      key,
      region: o.region,
      credentials: await o.credentials(),
      expiresInSeconds: o.expiresInSeconds,
      now: o.clock.now(),
      ...(o.host ? { host: o.host } : {}),
      // Personal data (a merchant's invoice, a screenshot): no copy kept in the analyst's browser.
      response: { contentDisposition: attachmentDisposition(filename), contentType, cacheControl: 'no-store' },
    });
  }
}

/**
 * The Lambda's own role credentials from its environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
 * AWS_SESSION_TOKEN): enough to sign, without carrying the S3 client into a small bundle.
 */
export function envCredentials(env: Record<string, string | undefined> = process.env): () => Promise<Credentials> {
  return async () => {
    const accessKeyId = env['AWS_ACCESS_KEY_ID'];
    const secretAccessKey = env['AWS_SECRET_ACCESS_KEY'];
    if (!accessKeyId || !secretAccessKey) throw new Error('No AWS credentials in the environment to sign links');
    const sessionToken = env['AWS_SESSION_TOKEN'];
    return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
  };
}

/** The local stack: the /_s3/ stand-in serves clean objects only, always as attachments. */
export class LocalAttachmentLinks implements AttachmentLinks {
  constructor(private readonly base: string | (() => string)) {}
  async linkFor(key: string): Promise<string> {
    const base = typeof this.base === 'string' ? this.base : this.base();
    return `${base.replace(/\/$/, '')}/${key.split('/').map(encodeURIComponent).join('/')}`;
  }
}

/** Links from a Lambda's environment (UPLOADS_BUCKET, AWS_REGION, role credentials); none without a bucket. */
export function attachmentLinksFromEnv(
  env: Record<string, string | undefined>,
  clock: Clock,
): AttachmentLinks | undefined {
  const bucket = env[UPLOADS_BUCKET_ENV];
  const region = env['AWS_REGION'];
  if (!bucket || !region) return undefined;
  return new S3AttachmentLinks({
    bucket,
    region,
    credentials: envCredentials(env),
    expiresInSeconds: DOWNLOAD_LINK_SECONDS,
    clock,
  });
}
