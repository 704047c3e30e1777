/** The uploads store of a Lambda, from its environment: none when the stack has no uploads bucket. */
import { S3Client } from '@aws-sdk/client-s3';
import { UPLOADS_BUCKET_ENV, type UploadStore } from '../uploads/ports';
import { S3UploadStore } from './s3-upload-store';

export function uploadStoreFromEnv(env: Record<string, string | undefined> = process.env): UploadStore | undefined {
  const bucket = env[UPLOADS_BUCKET_ENV];
  const region = env['AWS_REGION'];
  if (!bucket || !region) return undefined;
  return new S3UploadStore(new S3Client({ region }), bucket, region);
}
