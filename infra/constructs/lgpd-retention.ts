import { Duration } from 'aws-cdk-lib';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { RAW_MAIL_RETENTION_TAG } from '../../shared/domain/retention';

/**
 * The two LGPD expiry rules of a bucket whose objects follow a case's clock by tag
 * (shared/domain/retention.ts): a closed case's objects are rewritten with the closed-case tag at the
 * closing (S3 counts a rule's days from the object's creation, so the copy starts the clock at the
 * closing date); a submission that is not a case tags its objects `redirected` at arrival.
 * Untagged objects belong to an open case and are kept.
 */
export function lgpdTagRules(props: {
  /** Suffix of the rule ids: `lgpd-closed-case-<name>`, `lgpd-redirected-<name>`. */
  name: string;
  prefix: string;
  closedCaseRetentionDays: number;
  redirectRetentionDays: number;
}): s3.LifecycleRule[] {
  return [
    {
      id: `lgpd-closed-case-${props.name}`,
      prefix: props.prefix,
      tagFilters: { [RAW_MAIL_RETENTION_TAG.key]: RAW_MAIL_RETENTION_TAG.closedCase },
      expiration: Duration.days(props.closedCaseRetentionDays),
    },
    {
      id: `lgpd-redirected-${props.name}`,
      prefix: props.prefix,
      tagFilters: { [RAW_MAIL_RETENTION_TAG.key]: RAW_MAIL_RETENTION_TAG.redirected },
      expiration: Duration.days(props.redirectRetentionDays),
    },
  ];
}
