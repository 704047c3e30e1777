import { describe, expect, it } from 'vitest';
import {
  attachmentLinksFromEnv,
  envCredentials,
  LocalAttachmentLinks,
  S3AttachmentLinks,
} from '../../../shared/adapters/attachment-links';

const clock = { now: () => new Date('2026-03-10T12:00:00Z') };
const credentials = async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' });

describe('S3AttachmentLinks', () => {
  const links = new S3AttachmentLinks({
    bucket: 'ouv-uploads',
    region: 'sa-east-1',
    credentials,
    expiresInSeconds: 24 * 3600,
    clock,
  });

  it('signs a GET of the key, valid for the configured time, served as an attachment of the safe type', async () => {
    const url = new URL(await links.linkFor('uploads/0123/01', 'fatura março.pdf', 'application/pdf'));
    expect(url.host).toBe('ouv-uploads.s3.sa-east-1.amazonaws.com');
    expect(url.pathname).toBe('/uploads/0123/01');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('86400');
    expect(url.searchParams.get('X-Amz-Date')).toBe('20260310T120000Z');
    expect(url.searchParams.get('response-content-type')).toBe('application/pdf');
    const disposition = url.searchParams.get('response-content-disposition') as string;
    expect(disposition).toMatch(
      /^attachment; filename="fatura marco\.pdf"; filename\*=UTF-8''fatura%20mar%C3%A7o\.pdf$/,
    );
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  // A merchant's invoice or screenshot is personal data: the analyst's browser must not keep a copy.
  it('asks S3 to answer the download with Cache-Control: no-store (signed with the rest)', async () => {
    const url = new URL(await links.linkFor('uploads/0123/01', 'fatura.pdf', 'application/pdf'));
    expect(url.searchParams.get('response-cache-control')).toBe('no-store');
  });

  it('never signs for more than 7 days', async () => {
    const long = new S3AttachmentLinks({
      bucket: 'b',
      region: 'sa-east-1',
      credentials,
      expiresInSeconds: 30 * 86400,
      clock,
    });
    expect(
      new URL(await long.linkFor('uploads/x/01', 'a.pdf', 'application/pdf')).searchParams.get('X-Amz-Expires'),
    ).toBe('604800');
  });
});

describe('attachmentLinksFromEnv', () => {
  const env = {
    UPLOADS_BUCKET: 'ouv-uploads',
    AWS_REGION: 'sa-east-1',
    AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_SESSION_TOKEN: 'token',
  };
  // The console signs one per click after checking the session: a minute, never hours (a link
  // copied before sign-out must not outlive it).
  it('signs with the role credentials of the environment, valid one minute', async () => {
    const links = attachmentLinksFromEnv(env, clock);
    const url = new URL(
      await (links as S3AttachmentLinks).linkFor('uploads/x/01', 'a.txt', 'text/plain; charset=utf-8'),
    );
    expect(url.searchParams.get('X-Amz-Expires')).toBe('60');
    expect(url.searchParams.get('X-Amz-Security-Token')).toBe('token');
    expect(url.searchParams.get('X-Amz-Credential')).toMatch(/^ASIAEXAMPLE\//);
  });
  it('is absent without a bucket, and fails to sign without credentials', async () => {
    expect(attachmentLinksFromEnv({ AWS_REGION: 'sa-east-1' }, clock)).toBeUndefined();
    await expect(envCredentials({})()).rejects.toThrow(/credentials/);
  });
});

describe('LocalAttachmentLinks', () => {
  it('points at the local S3 stand-in', async () => {
    const links = new LocalAttachmentLinks('http://127.0.0.1:3000/_s3/ouvidoria-uploads-local/');
    expect(await links.linkFor('uploads/ab/01')).toBe(
      'http://127.0.0.1:3000/_s3/ouvidoria-uploads-local/uploads/ab/01',
    );
  });
});
