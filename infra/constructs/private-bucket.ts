import * as s3 from 'aws-cdk-lib/aws-s3';

/**
 * What every bucket of the stack is (each adds its versioning, access logs and lifecycle): encrypted
 * at rest, never public, objects owned by the bucket (no ACLs), TLS-only requests.
 */
export const PRIVATE_BUCKET = {
  encryption: s3.BucketEncryption.S3_MANAGED,
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
  enforceSSL: true,
} as const satisfies s3.BucketProps;
