import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { RAW_MAIL_RETENTION_TAG } from '../../shared/domain/retention';
import { PRIVATE_BUCKET } from './private-bucket';

export interface RawMailStoreProps {
  /** Days the access logs are kept. */
  readonly retentionDays: number;
  /**
   * `config.retention.retentionDays`: the backstop of every raw mail, from its last write (arrival, or
   * the copy a closing makes), never shorter than a closed case's own clock.
   */
  readonly closedCaseRetentionDays: number;
  /** Days the raw mail of a redirected or quarantined submission is kept (config.retention). */
  readonly redirectRetentionDays: number;
  readonly retainData: boolean;
}

/**
 * Raw MIME as SES received it, under inbound/ (the receipt rule's S3 action), and a separate bucket
 * for the server access logs of the first.
 *
 * Encryption is SSE-S3 (S3_MANAGED) on purpose: SES's S3 action writes to an SSE-S3 bucket with only the
 * bucket policy, and the intake reads with only s3:GetObject. With SSE-KMS, SES would need kms:Encrypt
 * and kms:GenerateDataKey on a customer key (with encryption-context conditions) and every reader
 * kms:Decrypt, for no gain in who can read the mail (the bucket policy and IAM already decide that).
 * The SES action's own client-side KMS option would also make the intake decrypt with the S3 encryption client.
 */
export class RawMailStore extends Construct {
  readonly bucket: s3.Bucket;
  readonly accessLogsBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: RawMailStoreProps) {
    super(scope, id);
    const removalPolicy = props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    // A non-empty bucket cannot be deleted (the raw-mail one keeps old versions too): without this a
    // destroy of a non-retained environment fails. CDK's provider empties them, versions included.
    const autoDeleteObjects = !props.retainData;

    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogs', {
      ...PRIVATE_BUCKET,
      versioned: false,
      // Access logs name the objects (SES message ids) but hold no mail; kept as long as the mail itself.
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(props.retentionDays) }],
      removalPolicy,
      autoDeleteObjects,
    });
    Validations.of(this.accessLogsBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This bucket receives the server access logs of the raw-mail bucket; logging its own access would need a third bucket, and so on forever.',
    });

    this.bucket = new s3.Bucket(this, 'RawMail', {
      ...PRIVATE_BUCKET,
      versioned: true,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'raw-mail/',
      // LGPD retention by tag (shared/adapters/s3-raw-mail-retention.ts): the intake tags the raw mail
      // of a redirected or quarantined submission at arrival, and closing a case rewrites its raw mail
      // with the closed-case tag (restarting the clock at closing); rules per tag (redirected here,
      // closed cases in reports.ts) expire them. Untagged mail belongs to an open case, or to no case
      // at all: the backstop below expires it `retentionDays` after its last write.
      lifecycleRules: [
        {
          id: 'lgpd-redirected-raw-mail',
          tagFilters: { [RAW_MAIL_RETENTION_TAG.key]: RAW_MAIL_RETENTION_TAG.redirected },
          expiration: Duration.days(props.redirectRetentionDays),
        },
        {
          id: 'raw-mail-versions',
          // Versioning protects against an accidental overwrite or delete, not against the retention limit.
          noncurrentVersionExpiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
        {
          // Backstop (everything expires): mail that never became a case (left in the intake DLQ, an
          // intake that never ran) carries no tag and would otherwise be kept forever. Counted from the
          // object's last write, as the tag rules: a closed case's mail (copied at closing) expires by its
          // own rule the same day, a redirected one earlier; only mail untouched for that long goes.
          id: 'lgpd-raw-mail-retention',
          expiration: Duration.days(props.closedCaseRetentionDays),
        },
        // S3 does not allow this in the same rule as an expiration in days.
        { id: 'remove-expired-delete-markers', expiredObjectDeleteMarker: true },
      ],
      removalPolicy,
      autoDeleteObjects,
    });
  }
}
