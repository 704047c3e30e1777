/**
 * SigV4 query-string presigning of an S3 GetObject: the console's links to clean webform files
 * (attachment-links.ts). node:crypto only, so a bundle that signs links does not carry the S3 client.
 */
import { createHash, createHmac } from 'node:crypto';

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
  /**
   * Response header overrides S3 applies when the link is followed (`response-content-disposition`,
   * `response-content-type`, `response-cache-control`): signed with the rest, so the link cannot be altered to serve a file inline.
   */
  response?: { contentDisposition?: string; contentType?: string; cacheControl?: string };
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
    ...(input.response?.contentDisposition
      ? { 'response-content-disposition': input.response.contentDisposition }
      : {}),
    ...(input.response?.contentType ? { 'response-content-type': input.response.contentType } : {}),
    ...(input.response?.cacheControl ? { 'response-cache-control': input.response.cacheControl } : {}),
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
