/**
 * S3 presigned POST policies (Signature Version 4), as the S3 docs define them ("Browser-based
 * uploads using POST"): a JSON policy of conditions, base64-encoded and signed with the SigV4
 * signing key of the day, region and service `s3`. Every condition the browser could play with is
 * fixed here: the exact key, the content type, the exact length, the tags and the file name.
 * `verifyPostPolicy` is what S3 does with it; the local S3 stand-in uses it.
 */
import { createHmac } from 'node:crypto';
import type { PresignedPost } from '../ports';

export type { PresignedPost } from '../ports';

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | undefined;
}

export interface PostPolicyInput {
  /** Form action: the bucket's endpoint. */
  url: string;
  bucket: string;
  key: string;
  contentType: string;
  /** Exact length in bytes (content-length-range [size, size]). */
  size: number;
  /** `<Tagging>` XML the object must be created with. */
  tagging: string;
  /** x-amz-meta-* values (ASCII; encode before). */
  metadata?: Record<string, string>;
  region: string;
  credentials: SigningCredentials;
  now: Date;
  expiresInSeconds: number;
}

const amzDate = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** SigV4 signing key: HMAC chain over date, region, service and "aws4_request". */
export function signingKey(secret: string, shortDate: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, shortDate), region), service), 'aws4_request');
}

export function presignPost(input: PostPolicyInput): PresignedPost {
  const date = amzDate(input.now);
  const shortDate = date.slice(0, 8);
  const credential = `${input.credentials.accessKeyId}/${shortDate}/${input.region}/s3/aws4_request`;
  const fields: Record<string, string> = {
    key: input.key,
    'Content-Type': input.contentType,
    tagging: input.tagging,
    success_action_status: '204',
    ...Object.fromEntries(Object.entries(input.metadata ?? {}).map(([k, v]) => [`x-amz-meta-${k}`, v])),
    'x-amz-algorithm': 'AWS4-HMAC-SHA256',
    'x-amz-credential': credential,
    'x-amz-date': date,
    ...(input.credentials.sessionToken ? { 'x-amz-security-token': input.credentials.sessionToken } : {}),
  };
  const conditions: unknown[] = [
    { bucket: input.bucket },
    ...Object.entries(fields).map(([k, v]) => ({ [k]: v })),
    ['content-length-range', input.size, input.size],
  ];
  const expiration = new Date(input.now.getTime() + input.expiresInSeconds * 1000).toISOString();
  const policy = Buffer.from(JSON.stringify({ expiration, conditions }), 'utf8').toString('base64');
  const signature = hmac(signingKey(input.credentials.secretAccessKey, shortDate, input.region, 's3'), policy).toString(
    'hex',
  );
  return { url: input.url, fields: { ...fields, policy, 'x-amz-signature': signature } };
}

export type PostVerdict = { ok: true } | { ok: false; problem: string };

/**
 * What S3 checks on a POST upload: signature, expiry, every condition (exact-match fields, the
 * length range), and no field outside the policy. `secretFor` returns the secret of an access key.
 */
export function verifyPostPolicy(
  fields: Record<string, string>,
  fileSize: number,
  bucket: string,
  now: Date,
  secretFor: (accessKeyId: string) => string | undefined,
): PostVerdict {
  const policy = fields['policy'];
  const credential = fields['x-amz-credential'] ?? '';
  const [accessKeyId = '', shortDate = '', region = '', service = ''] = credential.split('/');
  const secret = secretFor(accessKeyId);
  if (!policy || !secret || service !== 's3') return { ok: false, problem: 'AccessDenied' };
  const expected = hmac(signingKey(secret, shortDate, region, 's3'), policy).toString('hex');
  if (expected !== fields['x-amz-signature']) return { ok: false, problem: 'SignatureDoesNotMatch' };
  let doc: { expiration: string; conditions: unknown[] };
  try {
    doc = JSON.parse(Buffer.from(policy, 'base64').toString('utf8'));
  } catch {
    return { ok: false, problem: 'InvalidPolicyDocument' };
  }
  if (Date.parse(doc.expiration) < now.getTime()) return { ok: false, problem: 'AccessDenied: policy expired' };
  const covered = new Set(['policy', 'x-amz-signature', 'file']);
  for (const condition of doc.conditions) {
    if (Array.isArray(condition) && condition[0] === 'content-length-range') {
      if (fileSize < Number(condition[1]) || fileSize > Number(condition[2])) {
        return { ok: false, problem: 'EntityTooSmall/EntityTooLarge' };
      }
      continue;
    }
    for (const [name, value] of Object.entries(condition as Record<string, string>)) {
      const actual = name === 'bucket' ? bucket : fields[name];
      if (actual !== value) return { ok: false, problem: `AccessDenied: condition ${name}` };
      covered.add(name);
    }
  }
  const extra = Object.keys(fields).find((f) => !covered.has(f));
  if (extra) return { ok: false, problem: `AccessDenied: field ${extra} not in policy` };
  return { ok: true };
}

/** `<Tagging>` XML for an S3 POST `tagging` field. */
export function taggingXml(tags: Record<string, string>): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const set = Object.entries(tags)
    .map(([k, v]) => `<Tag><Key>${esc(k)}</Key><Value>${esc(v)}</Value></Tag>`)
    .join('');
  return `<Tagging><TagSet>${set}</TagSet></Tagging>`;
}
