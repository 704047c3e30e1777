import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { MESSAGE_TEXT_PREFIX } from '../../shared/adapters/s3-message-text-store';
import { ENV } from '../../shared/runtime-env';
import { wildcardResourceFinding } from '../nag';
import { lgpdTagRules } from './lgpd-retention';
import type { OuvidoriaFunction } from './ouvidoria-function';
import { PRIVATE_BUCKET } from './private-bucket';

export interface MessageTextStoreProps {
  /** `config.retention.retentionDays`: a closed case's texts, counted from the closing (and the backstop). */
  readonly closedCaseRetentionDays: number;
  /** `config.retention.redirectRetentionDays`: a redirected or quarantined submission's texts, from arrival. */
  readonly redirectRetentionDays: number;
  /** Where the server access logs go (the raw-mail store's log bucket). */
  readonly accessLogsBucket: s3.IBucket;
  readonly retainData: boolean;
}

/**
 * Message texts kept out of the table (issue 16: the case repository puts a text over its inline
 * limit here, under `messages/<case id>/`, and the item keeps a reference; shared/adapters/
 * s3-message-text-store.ts). A bucket of its own: the raw-mail bucket lets only SES write (and keeps
 * versions), the uploads bucket denies reads of anything GuardDuty has not tagged clean, and the
 * report bucket expires after two years regardless of the case.
 *
 * SSE-S3, TLS only, no public access, access logs; no versioning (a text is written once under a key
 * derived from its bytes, and erasure must leave nothing behind). LGPD retention by object tag, the
 * raw-mail model: `redirected` at put (a redirected or quarantined submission), `closed-case` by a
 * copy onto itself at closing (the days count from the closing), no tag while the case is open; a
 * backstop no shorter than a closed case's clock (S3 applies the earliest rule an object matches).
 */
export class MessageTextStore extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: MessageTextStoreProps) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...PRIVATE_BUCKET,
      versioned: false,
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: 'message-texts/',
      lifecycleRules: [
        ...lgpdTagRules({
          name: 'texts',
          prefix: MESSAGE_TEXT_PREFIX,
          closedCaseRetentionDays: props.closedCaseRetentionDays,
          redirectRetentionDays: props.redirectRetentionDays,
        }),
        {
          // Backstop (everything expires), from the last write: never shorter than the closed case's clock.
          id: 'lgpd-texts-retention',
          expiration: Duration.days(props.closedCaseRetentionDays),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      removalPolicy: props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      autoDeleteObjects: !props.retainData,
    });
  }

  /** Reads the texts (functions that read cases and never store or close one). */
  grantRead(fn: OuvidoriaFunction): void {
    this.grant(fn, 'ReadMessageTexts', ['s3:GetObject'], 'reads the texts of the cases it reads');
  }

  /**
   * Stores texts (a create or an appended message, tagged `redirected` when the record is not a case)
   * and moves their LGPD clock (closing copies a text onto itself with its tag; reopening clears it).
   */
  grantWrite(fn: OuvidoriaFunction): void {
    this.grant(
      fn,
      'StoreMessageTexts',
      ['s3:GetObject', 's3:PutObject', 's3:PutObjectTagging'],
      'stores the texts of the messages it records and re-tags them when a case closes or reopens',
    );
  }

  private grant(fn: OuvidoriaFunction, sid: string, actions: string[], what: string): void {
    const objects = this.bucket.arnForObjects(`${MESSAGE_TEXT_PREFIX}*`);
    fn.function.addEnvironment(ENV.messageTextBucket, this.bucket.bucketName);
    fn.role.addToPrincipalPolicy(new iam.PolicyStatement({ sid, actions, resources: [objects] }));
    Validations.of(fn.role).acknowledge({
      id: wildcardResourceFinding(fn.role, objects),
      reason: `Text keys derive from the case, the message and its bytes (messages/<case id>/<hash>.txt), unknown in advance; the function ${what}, confined to the messages/ prefix of the message-text bucket. No function deletes texts: the data-subject erasure runs with the operator's credentials.`,
    });
  }
}
