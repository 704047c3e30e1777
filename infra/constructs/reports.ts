import { Duration, type RemovalPolicy, TimeZone, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { CASE_PK_PREFIX } from '../../shared/adapters/dynamo/case-repository';
import {
  CASE_EVENTS_PK_PREFIX,
  ERASED_EVENTS_PK_PREFIX,
  ERASED_STATS_PK_PREFIX,
  GSI,
} from '../../shared/adapters/dynamo/table-design';
import { REPORT_ENV, REPORT_PREFIX } from '../../shared/runtime-env';
import { RAW_MAIL_RETENTION_TAG } from '../../shared/domain/retention';
import { wildcardResourceFinding } from '../nag';
import type { CaseTable } from './case-table';
import type { MailSending } from './mail-sending';
import { OuvidoriaFunction } from './ouvidoria-function';
import { PRIVATE_BUCKET } from './private-bucket';

/**
 * Every day at 08:00 office time: the handler reports only on the month's first business day, which a
 * configured recess (extraClosedDays, e.g. closed from Christmas to Friday 8 January) can push past
 * any fixed range of days; on the other days the run does nothing.
 */
export const MONTHLY_REPORT_CRON = { minute: '0', hour: '8', day: '*', month: '*' } as const;
/** Reports are aggregates (no personal data); kept two years for the yearly management report. */
export const REPORT_RETENTION_DAYS = 731;
/** Lambda's own retries of a failed report run (asynchronous, from its schedule) before it is kept in the scheduler DLQ. */
export const REPORT_ASYNC_RETRY_ATTEMPTS = 2;
export const REPORT_MAX_EVENT_AGE = Duration.hours(6);
/** One function run a month: a few hundred index pages and survey reads, two S3 puts, a mail per supervisor. */
export const MONTHLY_REPORT_SIZING = { memorySize: 512, timeout: Duration.minutes(5) } as const;

export interface ReportsProps {
  readonly table: CaseTable;
  readonly sending: MailSending;
  readonly rawMailBucket: s3.Bucket;
  readonly accessLogsBucket: s3.IBucket;
  /** `config.retention.retentionDays`: raw mail tagged at closing expires this long after the tag. */
  readonly retentionDays: number;
  readonly environment: Record<string, string>;
  readonly scheduleGroupName: string;
  /** EventBridge Scheduler for schedules of that group only (Queues.schedulerPrincipal). */
  readonly schedulerPrincipal: iam.IPrincipal;
  readonly schedulerDlq: sqs.IQueue;
  readonly retryAttempts: number;
  readonly maxEventAge: Duration;
  readonly logRetentionDays: number;
  readonly logLevel: string;
  readonly removalPolicy: RemovalPolicy;
  readonly retainData: boolean;
  readonly xrayTracing: boolean;
  readonly metricsNamespace: string;
}

/**
 * Issue 15: the monthly report (bucket, function, schedule) and the raw-mail retention rule by tag.
 *
 * The function reads the status index (Query, STATUS# partitions only), survey answers and the
 * roster (GetItem/Query on SURVEY# and STAFF only), writes reports under `relatorios/` only, and
 * sends mail (the files attached) from the office identity. Nothing else.
 */
export class Reports extends Construct {
  readonly bucket: s3.Bucket;
  readonly fn: OuvidoriaFunction;
  readonly schedule: scheduler.Schedule;

  constructor(scope: Construct, id: string, props: ReportsProps) {
    super(scope, id);

    // Raw mail of a closed case is re-written in place with the tag at closing (S3 counts a lifecycle
    // rule's days from the object's creation, so the copy starts the clock at the closing date).
    props.rawMailBucket.addLifecycleRule({
      id: 'lgpd-closed-case-raw-mail',
      tagFilters: { [RAW_MAIL_RETENTION_TAG.key]: RAW_MAIL_RETENTION_TAG.closedCase },
      expiration: Duration.days(props.retentionDays),
      noncurrentVersionExpiration: Duration.days(1),
    });

    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...PRIVATE_BUCKET,
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: 'reports/',
      lifecycleRules: [
        {
          id: 'expire-reports',
          expiration: Duration.days(REPORT_RETENTION_DAYS),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      removalPolicy: props.removalPolicy,
      autoDeleteObjects: !props.retainData,
    });

    this.fn = new OuvidoriaFunction(this, 'MonthlyReport', {
      entry: 'functions/monthly-report/handler.ts',
      serviceName: 'monthly-report',
      description: 'Monthly management report: HTML + CSV to S3, presigned link mailed to the supervisors',
      ...MONTHLY_REPORT_SIZING,
      environment: {
        ...props.environment,
        [REPORT_ENV.bucket]: this.bucket.bucketName,
        [REPORT_ENV.prefix]: REPORT_PREFIX,
      },
      logRetentionDays: props.logRetentionDays,
      logLevel: props.logLevel,
      removalPolicy: props.removalPolicy,
      xrayTracing: props.xrayTracing,
      metricsNamespace: props.metricsNamespace,
    });
    const role = this.fn.role;
    const tableArn = props.table.table.tableArn;
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'QueryStatusIndex',
        actions: ['dynamodb:Query'],
        resources: [`${tableArn}/index/${GSI.byStatus.indexName}`],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['STATUS#*'] } },
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReadSurveysAndRoster',
        actions: ['dynamodb:GetItem', 'dynamodb:Query'],
        resources: [tableArn],
        // And the anonymous statistics of erased cases (LGPD), by month; the closings by month and
        // the cases they name (by key: the cases closed in the period, whatever month received).
        conditions: {
          'ForAllValues:StringLike': {
            'dynamodb:LeadingKeys': [
              'SURVEY#*',
              'STAFF',
              `${ERASED_STATS_PK_PREFIX}*`,
              `${ERASED_EVENTS_PK_PREFIX}*`,
              `${CASE_EVENTS_PK_PREFIX}*`,
              `${CASE_PK_PREFIX}*`,
            ],
          },
        },
      }),
    );
    const reports = this.bucket.arnForObjects(`${REPORT_PREFIX}*`);
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        // The mail carries the files: nothing reads them back (a presigned link would die with the role's session).
        sid: 'WriteReports',
        actions: ['s3:PutObject'],
        resources: [reports],
      }),
    );
    Validations.of(role).acknowledge({
      id: wildcardResourceFinding(role, reports),
      reason:
        'Report file names carry the period; the wildcard is confined to the relatorios/ prefix of the report bucket.',
    });
    props.sending.grantSend(role);

    // Scheduler invokes it asynchronously: the schedule's DLQ takes only the runs it could not hand
    // over; a run the function failed on three times (a month's report not made, or mailed to no one:
    // ReportNotMailed) is kept there too, not dropped by Lambda, until someone re-runs the period.
    this.fn.function.configureAsyncInvoke({
      retryAttempts: REPORT_ASYNC_RETRY_ATTEMPTS,
      maxEventAge: REPORT_MAX_EVENT_AGE,
      onFailure: new SqsDestination(props.schedulerDlq),
    });

    const scheduleRole = new iam.Role(this, 'ScheduleRole', {
      description: 'Assumed by the monthly report schedule to invoke the monthly-report function',
      assumedBy: props.schedulerPrincipal,
    });
    Validations.of(scheduleRole).acknowledge({
      id: wildcardResourceFinding(scheduleRole, `${this.fn.function.functionArn}:*`),
      reason:
        'Added by the Scheduler Lambda target: invoking the monthly-report function and its versions, that one function only.',
    });
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: 'Monthly report on the first business day (the function skips the other days)',
      schedule: scheduler.ScheduleExpression.cron({ ...MONTHLY_REPORT_CRON, timeZone: TimeZone.AMERICA_SAO_PAULO }),
      scheduleGroup: scheduler.ScheduleGroup.fromScheduleGroupName(this, 'GroupRef', props.scheduleGroupName),
      target: new schedulerTargets.LambdaInvoke(this.fn.function, {
        role: scheduleRole,
        deadLetterQueue: props.schedulerDlq,
        retryAttempts: props.retryAttempts,
        maxEventAge: props.maxEventAge,
      }),
    });
  }
}
