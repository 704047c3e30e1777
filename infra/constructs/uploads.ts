import { Aws, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  CLAIMED_PREFIX,
  SCAN_TAG,
  SHORT_LIVED_UPLOAD_STATES,
  STATE_TAG,
  UPLOADS_PREFIX,
} from '../../shared/domain/uploads/plan';
import { UPLOADS_BUCKET_ENV } from '../../shared/uploads/ports';
import { wildcardResourceFinding } from '../nag';
import { lgpdTagRules } from './lgpd-retention';
import type { OuvidoriaFunction } from './ouvidoria-function';
import { PRIVATE_BUCKET } from './private-bucket';

export interface UploadsProps {
  /** The form's origin: the only one CORS lets post files. */
  readonly allowedOrigin: string;
  /** Days an upload no submission claimed is kept (tag `ouvidoria-upload=pending`). */
  readonly pendingUploadDays: number;
  /**
   * `config.retention.retentionDays`: files of a closed case (tag `ouvidoria-retention=closed-case`,
   * re-written in place at closing like raw mail) expire this long after the tag, on the case's clock.
   * It is also the backstop of every upload from its last write: S3 applies the earliest of the
   * rules an object matches, so a shorter backstop would cut the closed case's clock.
   */
  readonly closedCaseRetentionDays: number;
  /**
   * `config.retention.redirectRetentionDays`: files of a redirected or quarantined submission (tag
   * `ouvidoria-retention=redirected`, set at intake) expire this long after the upload.
   */
  readonly redirectRetentionDays: number;
  /** Where the bucket's server access logs go (the raw-mail access-log bucket). */
  readonly accessLogsBucket: s3.IBucket;
  readonly retainData: boolean;
}

/**
 * Webform attachments (issue 19): the uploads bucket, GuardDuty Malware Protection for S3 on its
 * `uploads/` prefix, and the tag-based read rule — nobody but GuardDuty reads an object that is
 * not tagged GuardDutyMalwareScanStatus=NO_THREATS_FOUND, so an infected or unscanned file stays
 * in quarantine whatever a function's own policy says.
 *
 * Encryption is SSE-S3: GuardDuty scans SSE-S3 objects with its role's s3:GetObject alone (SSE-KMS
 * would need kms:Decrypt for the plan's role and the browser uploads would need kms:GenerateDataKey
 * through the presigned policy's signer).
 */
/** GuardDuty's tag value for a scanned file with no threat: the only objects anyone but the scanner reads. */
const CLEAN_SCAN_STATUS = 'NO_THREATS_FOUND';

/** The S3 request-metrics filter on the uploads/ prefix (its CloudWatch dimension FilterId). */
export const UPLOADS_METRICS_FILTER = 'uploads';

export class Uploads extends Construct {
  readonly bucket: s3.Bucket;
  readonly scanRole: iam.Role;
  readonly plan: guardduty.CfnMalwareProtectionPlan;

  constructor(scope: Construct, id: string, props: UploadsProps) {
    super(scope, id);
    const removalPolicy = props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...PRIVATE_BUCKET,
      // Versioned: a presigned POST re-sent (valid for its whole policy time) makes a new version and
      // leaves the one a submission claimed — and GuardDuty's event names — as it was; tags and copies
      // are pinned to versions (shared/adapters/s3-upload-store.ts). Noncurrent versions expire below.
      versioned: true,
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: 'uploads/',
      // Request metrics on what GuardDuty scans (each new object or version is a scan, billed per GB):
      // a presigned POST policy may be re-posted for its whole life (red teams 48 and 49), and only
      // these metrics show how often (Monitoring: UploadPostsHigh, UploadBytesHigh). CloudWatch bills
      // the filter's metrics as custom metrics (a few dollars a month), far under one abuse's scans.
      metrics: [{ id: UPLOADS_METRICS_FILTER, prefix: UPLOADS_PREFIX }],
      // Browsers post files straight to the bucket (presigned POST), from the form's origin only.
      cors: [
        {
          allowedOrigins: [props.allowedOrigin],
          allowedMethods: [s3.HttpMethods.POST],
          allowedHeaders: ['content-type'],
          maxAge: 600,
        },
      ],
      lifecycleRules: [
        // Uploads no case points at: an abandoned form never becomes a case, its files go; an upload
        // whose clean copy under claimed/ is the case's file goes as soon.
        ...SHORT_LIVED_UPLOAD_STATES.map((state) => ({
          id: state === 'pending' ? 'expire-unclaimed-uploads' : `expire-${state}-uploads`,
          prefix: UPLOADS_PREFIX,
          tagFilters: { [STATE_TAG]: state },
          expiration: Duration.days(props.pendingUploadDays),
        })),
        {
          // A copy made for a case that was gone by then (erased while its file was being scanned).
          id: 'expire-moved-claimed-uploads',
          prefix: CLAIMED_PREFIX,
          tagFilters: { [STATE_TAG]: 'moved' },
          expiration: Duration.days(props.pendingUploadDays),
        },
        {
          // Everything expires (LGPD), every version too: a version a re-sent POST or a copy onto itself
          // replaced (the upload copied out, a quarantined or re-sent one, a file before its closing's
          // copy) goes as soon as an unclaimed upload; so do the versions the rules below expire, and
          // the delete markers left alone.
          id: 'expire-noncurrent-versions',
          noncurrentVersionExpiration: Duration.days(props.pendingUploadDays),
          expiredObjectDeleteMarker: true,
        },
        // The case's clock, as for raw mail: closed-case files from the closing, redirected ones from the upload.
        // Backstop (everything expires): never shorter than the closed case's clock, see the props.
        ...[
          { name: 'uploads', prefix: UPLOADS_PREFIX, backstop: 'lgpd-uploads-retention' },
          { name: 'claimed-uploads', prefix: CLAIMED_PREFIX, backstop: 'lgpd-claimed-uploads-retention' },
        ].flatMap(({ name, prefix, backstop }) => [
          ...lgpdTagRules({
            name,
            prefix,
            closedCaseRetentionDays: props.closedCaseRetentionDays,
            redirectRetentionDays: props.redirectRetentionDays,
          }),
          {
            id: backstop,
            prefix,
            expiration: Duration.days(props.closedCaseRetentionDays),
            abortIncompleteMultipartUploadAfter: Duration.days(1),
          },
        ]),
      ],
      removalPolicy,
      autoDeleteObjects: !props.retainData,
    });

    // The role GuardDuty Malware Protection for S3 assumes (AWS's documented policy, scoped to this bucket).
    // Confused deputy: another account's plan cannot name this role (CreateMalwareProtectionPlan needs
    // iam:PassRole on it, and a role is never passed across accounts); the source account is also
    // required to be ours whenever GuardDuty states it. "IfExists": AWS's documented trust policy has no
    // condition, and a key GuardDuty does not send must not stop every scan (deploy review 46).
    this.scanRole = new iam.Role(this, 'ScanRole', {
      assumedBy: new iam.ServicePrincipal('malware-protection-plan.guardduty.amazonaws.com').withConditions({
        StringEqualsIfExists: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
      }),
      description: 'GuardDuty Malware Protection for S3: scans and tags the webform uploads',
    });
    const managedRuleArn = `arn:${Aws.PARTITION}:events:${Aws.REGION}:${Aws.ACCOUNT_ID}:rule/DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*`;
    this.scanRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ManagedEventBridgeRule',
        actions: ['events:PutRule', 'events:DeleteRule', 'events:PutTargets', 'events:RemoveTargets'],
        resources: [managedRuleArn],
        conditions: { StringLike: { 'events:ManagedBy': 'malware-protection-plan.guardduty.amazonaws.com' } },
      }),
    );
    this.scanRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadManagedEventBridgeRule',
        actions: ['events:DescribeRule', 'events:ListTargetsByRule'],
        resources: [managedRuleArn],
      }),
    );
    this.scanRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'BucketNotificationsAndLocation',
        actions: ['s3:PutBucketNotification', 's3:GetBucketNotification', 's3:GetBucketLocation', 's3:ListBucket'],
        resources: [this.bucket.bucketArn],
      }),
    );
    this.scanRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ValidationObject',
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects('malware-protection-resource-validation-object')],
      }),
    );
    this.scanRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ScanAndTagUploads',
        actions: [
          's3:GetObject',
          's3:GetObjectVersion',
          's3:GetObjectTagging',
          's3:GetObjectVersionTagging',
          's3:PutObjectTagging',
          's3:PutObjectVersionTagging',
        ],
        resources: [this.bucket.arnForObjects(`${UPLOADS_PREFIX}*`)],
      }),
    );
    Validations.of(this.scanRole).acknowledge({
      id: wildcardResourceFinding(this.scanRole, `${this.bucket.bucketArn}/${UPLOADS_PREFIX}*`),
      reason:
        'GuardDuty scans and tags every object merchants upload; keys are random per submission, so the wildcard is confined to the uploads/ prefix of this bucket.',
    });
    Validations.of(this.scanRole).acknowledge({
      id: wildcardResourceFinding(this.scanRole, managedRuleArn),
      reason:
        'The EventBridge rule GuardDuty manages for the plan has a service-chosen suffix; the wildcard is the rule-name prefix AWS documents, with events:ManagedBy required for writes.',
    });

    // Tag-based access: no one but the scanner reads an object that is not tagged clean.
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ReadOnlyScannedCleanUploads',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [this.bucket.arnForObjects('*')],
        conditions: {
          StringNotEquals: {
            [`s3:ExistingObjectTag/${SCAN_TAG}`]: CLEAN_SCAN_STATUS,
            'aws:PrincipalArn': this.scanRole.roleArn,
          },
        },
      }),
    );

    // Claimed files (CLAIMED_PREFIX): nobody writes bytes there, only copies are made (of a clean
    // upload, or of the file onto itself at closing). A presigned POST carries no copy source, so no
    // upload policy, whoever signed it, can create or replace a case's file.
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ClaimedFilesOnlyByCopy',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects(`${CLAIMED_PREFIX}*`)],
        conditions: { Null: { 's3:x-amz-copy-source': 'true' } },
      }),
    );

    this.plan = new guardduty.CfnMalwareProtectionPlan(this, 'MalwareProtectionPlan', {
      role: this.scanRole.roleArn,
      protectedResource: {
        s3Bucket: { bucketName: this.bucket.bucketName, objectPrefixes: [UPLOADS_PREFIX] },
      },
      actions: { tagging: { status: 'ENABLED' } },
    });
    // GuardDuty checks the role's permissions when the plan is created: the policy must exist first.
    this.plan.node.addDependency(this.scanRole.node.findChild('DefaultPolicy'));
  }

  /**
   * An S3 request metric of the uploads/ prefix, summed over `period`. PostRequests are browsers'
   * presigned POSTs only (the functions write with PUT and copies); BytesUploaded also counts the mail
   * copies (grantMailFileCopies) and the no-JavaScript form's files.
   */
  metricUploads(metricName: 'PostRequests' | 'BytesUploaded', period: Duration): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: 'AWS/S3',
      metricName,
      dimensionsMap: { BucketName: this.bucket.bucketName, FilterId: UPLOADS_METRICS_FILTER },
      statistic: 'Sum',
      period,
    });
  }

  /**
   * What the webform function needs: sign POST policies for and put new uploads, list the
   * prefix, read and set tags, and read objects — the bucket policy still denies any object not
   * tagged clean, and the identity policy repeats that condition.
   */
  grantWebform(fn: OuvidoriaFunction): void {
    const objects = this.bucket.arnForObjects(`${UPLOADS_PREFIX}*`);
    fn.function.addEnvironment(UPLOADS_BUCKET_ENV, this.bucket.bucketName);
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'PutUploads',
        actions: [
          's3:PutObject',
          's3:PutObjectTagging',
          's3:GetObjectTagging',
          's3:PutObjectVersionTagging',
          's3:GetObjectVersionTagging',
        ],
        resources: [objects],
      }),
    );
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ListUploads',
        actions: ['s3:ListBucket'],
        resources: [this.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${UPLOADS_PREFIX}*`] } },
      }),
    );
    this.grantCleanReads(fn, 'ReadCleanUploads', true);
    this.grantClaimMoves(fn);
    this.acknowledgeUploadsPrefix(
      fn,
      'Upload keys are random per submission (uploads/<pending id>/NN, claimed/<pending id>/NN): the grants are confined to those prefixes of the uploads bucket, claimed/ to copies of uploads, and reads to objects GuardDuty tagged clean.',
    );
  }

  /**
   * Closing a case (staff mail in the email-intake function, the console, a timer's pending close)
   * gives its webform files the case's retention tag: read and set tags, rewrite a clean file onto itself (read is allowed only for
   * objects tagged clean, as everywhere), nothing else.
   */
  grantRetention(fn: OuvidoriaFunction): void {
    const objects = this.bucket.arnForObjects(`${UPLOADS_PREFIX}*`);
    fn.function.addEnvironment(UPLOADS_BUCKET_ENV, this.bucket.bucketName);
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'TagUploadsRetention',
        actions: ['s3:GetObjectTagging', 's3:PutObjectTagging', 's3:PutObject'],
        resources: [objects],
      }),
    );
    this.grantCleanReads(fn, 'RewriteCleanUploads');
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'TagClaimedUploadsRetention',
        actions: ['s3:GetObjectTagging', 's3:PutObjectTagging'],
        resources: [this.bucket.arnForObjects(`${CLAIMED_PREFIX}*`)],
      }),
    );
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'RewriteClaimedUploads',
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects(`${CLAIMED_PREFIX}*`)],
        // Only the copy of a claimed file onto itself: never bytes of its own.
        conditions: { StringLike: { 's3:x-amz-copy-source': `${this.bucket.bucketName}/${CLAIMED_PREFIX}*` } },
      }),
    );
    this.acknowledgeUploadsPrefix(
      fn,
      'Upload keys are random per submission (uploads/<pending id>/NN, claimed/<pending id>/NN): closing a case re-tags its files under those prefixes for the LGPD retention rule, reading only clean ones.',
    );
  }

  /**
   * The email intake copies a case's mailed files into the bucket (shared/app/mail-file-copies.ts):
   * new objects under uploads/ only, put with their tags (the case's, `attached`), and a listing of
   * that prefix to see which are there already (a retried delivery writes each once). GuardDuty scans
   * them there like any upload; the scan-result function moves them to claimed/. No read, no delete,
   * nothing under claimed/ beyond what closing a case needs (grantRetention).
   */
  grantMailFileCopies(fn: OuvidoriaFunction): void {
    fn.function.addEnvironment(UPLOADS_BUCKET_ENV, this.bucket.bucketName);
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'CopyMailFilesIntoUploads',
        actions: ['s3:PutObject', 's3:PutObjectTagging'],
        resources: [this.bucket.arnForObjects(`${UPLOADS_PREFIX}*`)],
      }),
    );
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ListMailFileCopies',
        actions: ['s3:ListBucket'],
        resources: [this.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${UPLOADS_PREFIX}*`] } },
      }),
    );
    Validations.of(fn.role).acknowledge({
      id: wildcardResourceFinding(fn.role, `${this.bucket.bucketArn}/${UPLOADS_PREFIX}*`),
      reason:
        'Mailed files are copied under uploads/<hash of case and message>/NN, one key per file of each case: puts (with tags) are confined to that prefix of the uploads bucket, listing to that prefix too.',
    });
  }

  /**
   * Scan results that arrive after the submission: GuardDuty's EventBridge event → `fn`
   * (functions/attachment-scan), which records them on the case. Failed deliveries are retried,
   * then kept in a dead-letter queue. `fn` may read tags, set our state tag, read clean objects,
   * and read and update case items.
   */
  connectScanResults(fn: OuvidoriaFunction, table: dynamodb.ITable): sqs.Queue {
    const objects = this.bucket.arnForObjects(`${UPLOADS_PREFIX}*`);
    fn.function.addEnvironment(UPLOADS_BUCKET_ENV, this.bucket.bucketName);
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'TagUploads',
        actions: [
          's3:GetObjectTagging',
          's3:PutObjectTagging',
          's3:GetObjectVersionTagging',
          's3:PutObjectVersionTagging',
        ],
        resources: [objects],
      }),
    );
    this.grantCleanReads(fn, 'ReadCleanUploads', true);
    this.grantClaimMoves(fn);
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'RecordScanOnCase',
        actions: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
        resources: [table.tableArn],
      }),
    );
    this.acknowledgeUploadsPrefix(
      fn,
      'Scan results name any upload (random keys under uploads/, moved to claimed/): tag, copy and clean-read grants are confined to those prefixes of the uploads bucket.',
    );

    const dlq = new sqs.Queue(this, 'ScanResultsDlq', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(dlq).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'Dead-letter queue of the scan-result rule; a dead-letter queue of its own would only hide failed events one level deeper.',
    });
    new events.Rule(this, 'ScanResults', {
      description: 'GuardDuty Malware Protection scan results of webform uploads → the case',
      eventPattern: {
        source: ['aws.guardduty'],
        detailType: ['GuardDuty Malware Protection Object Scan Result'],
        detail: { s3ObjectDetails: { bucketName: [this.bucket.bucketName] } },
      },
      targets: [
        new targets.LambdaFunction(fn.function, {
          deadLetterQueue: dlq,
          retryAttempts: 8,
          maxEventAge: Duration.hours(6),
        }),
      ],
    });
    return dlq;
  }

  /**
   * Moving a clean claimed file (shared/app/claimed-files.ts): a copy from uploads/ to claimed/ with
   * its tags, then the `moved` tag on the upload. PutObject under claimed/ only with an uploads/ copy
   * source: this role signs the presigned POSTs, and a POST carries none.
   */
  private grantClaimMoves(fn: OuvidoriaFunction): void {
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'MoveClaimedUploads',
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects(`${CLAIMED_PREFIX}*`)],
        conditions: { StringLike: { 's3:x-amz-copy-source': `${this.bucket.bucketName}/${UPLOADS_PREFIX}*` } },
      }),
    );
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'TagClaimedUploads',
        actions: [
          's3:GetObjectTagging',
          's3:PutObjectTagging',
          's3:GetObjectVersionTagging',
          's3:PutObjectVersionTagging',
        ],
        resources: [this.bucket.arnForObjects(`${CLAIMED_PREFIX}*`)],
      }),
    );
  }

  /**
   * s3:GetObject on the uploads and claimed prefixes, only for objects GuardDuty tagged clean (as the
   * bucket policy demands); s3:GetObjectVersion too for who copies a version (`versions`).
   */
  private grantCleanReads(fn: OuvidoriaFunction, sid: string, versions = false): void {
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid,
        actions: versions ? ['s3:GetObject', 's3:GetObjectVersion'] : ['s3:GetObject'],
        resources: [this.bucket.arnForObjects(`${UPLOADS_PREFIX}*`), this.bucket.arnForObjects(`${CLAIMED_PREFIX}*`)],
        conditions: { StringEquals: { [`s3:ExistingObjectTag/${SCAN_TAG}`]: CLEAN_SCAN_STATUS } },
      }),
    );
  }

  /** cdk-nag's wildcard finding for grants confined to the uploads prefix, with why it is fine for `fn`. */
  private acknowledgeUploadsPrefix(fn: OuvidoriaFunction, reason: string): void {
    for (const prefix of [UPLOADS_PREFIX, CLAIMED_PREFIX]) {
      Validations.of(fn.role).acknowledge({
        id: wildcardResourceFinding(fn.role, `${this.bucket.bucketArn}/${prefix}*`),
        reason,
      });
    }
  }
}
