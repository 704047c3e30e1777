import { describe, expect, it } from 'vitest';
import { presignPost, signingKey, taggingXml, verifyPostPolicy } from '../../../shared/uploads/post-policy';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const now = new Date('2026-03-10T13:05:00Z');
const KEY = `uploads/${'a'.repeat(32)}/01`;

function issue(overrides: Partial<Parameters<typeof presignPost>[0]> = {}) {
  return presignPost({
    url: 'https://bucket.s3.us-east-1.amazonaws.com/',
    bucket: 'bucket',
    key: KEY,
    contentType: 'application/pdf',
    size: 1234,
    tagging: taggingXml({ 'ouvidoria-upload': 'pending' }),
    metadata: { filename: encodeURIComponent('fatura março.pdf') },
    region: 'us-east-1',
    credentials,
    now,
    expiresInSeconds: 300,
    ...overrides,
  });
}

const policyOf = (fields: Record<string, string>) =>
  JSON.parse(Buffer.from(fields['policy'] ?? '', 'base64').toString('utf8')) as {
    expiration: string;
    conditions: unknown[];
  };
const secretFor = (id: string) => (id === credentials.accessKeyId ? credentials.secretAccessKey : undefined);

describe('SigV4 signing key', () => {
  it('matches the AWS documentation example (20120215, us-east-1, iam)', () => {
    expect(signingKey(credentials.secretAccessKey, '20120215', 'us-east-1', 'iam').toString('hex')).toBe(
      'f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d',
    );
  });
});

describe('presigned POST policy', () => {
  it('binds the exact key under uploads/<pending id>/, the type, the exact size and the tags', () => {
    const { fields } = issue();
    const policy = policyOf(fields);
    expect(policy.conditions).toContainEqual({ bucket: 'bucket' });
    expect(policy.conditions).toContainEqual({ key: KEY });
    expect(policy.conditions).toContainEqual({ 'Content-Type': 'application/pdf' });
    expect(policy.conditions).toContainEqual(['content-length-range', 1234, 1234]);
    expect(policy.conditions).toContainEqual({
      tagging: '<Tagging><TagSet><Tag><Key>ouvidoria-upload</Key><Value>pending</Value></Tag></TagSet></Tagging>',
    });
    expect(policy.conditions).toContainEqual({ 'x-amz-meta-filename': 'fatura%20mar%C3%A7o.pdf' });
    expect(fields['x-amz-credential']).toBe('AKIDEXAMPLE/20260310/us-east-1/s3/aws4_request');
    expect(fields['x-amz-algorithm']).toBe('AWS4-HMAC-SHA256');
  });

  it('expires after the configured seconds', () => {
    expect(policyOf(issue().fields).expiration).toBe('2026-03-10T13:10:00.000Z');
  });

  it('carries the session token of temporary credentials (Lambda role) in a condition', () => {
    const { fields } = issue({ credentials: { ...credentials, sessionToken: 'TOKEN' } });
    expect(policyOf(fields).conditions).toContainEqual({ 'x-amz-security-token': 'TOKEN' });
  });

  it('verifies as S3 does: the intact post passes', () => {
    expect(verifyPostPolicy(issue().fields, 1234, 'bucket', now, secretFor)).toEqual({ ok: true });
  });

  it.each([
    ['another key', { key: 'inbound/x' }],
    ['another type', { 'Content-Type': 'text/html' }],
    ['no pending tag', { tagging: '<Tagging><TagSet></TagSet></Tagging>' }],
    ['an extra field', { acl: 'public-read' }],
    ['a forged signature', { 'x-amz-signature': '0'.repeat(64) }],
  ])('refuses a post with %s', (_what, change) => {
    const { fields } = issue();
    expect(verifyPostPolicy({ ...fields, ...change }, 1234, 'bucket', now, secretFor).ok).toBe(false);
  });

  it('refuses another size, another bucket, and an expired policy', () => {
    const { fields } = issue();
    expect(verifyPostPolicy(fields, 1235, 'bucket', now, secretFor).ok).toBe(false);
    expect(verifyPostPolicy(fields, 1234, 'other', now, secretFor).ok).toBe(false);
    expect(verifyPostPolicy(fields, 1234, 'bucket', new Date(now.getTime() + 301_000), secretFor).ok).toBe(false);
  });
});
