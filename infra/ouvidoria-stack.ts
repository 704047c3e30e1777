import {
  ArnFormat,
  type CfnResource,
  CfnOutput,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
  TimeZone,
  Validations,
} from 'aws-cdk-lib';
import { CaseLifecycle } from './constructs/case-lifecycle';
import { staffReplyBaseAddress } from '../shared/domain/lifecycle/reply-address';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';

import { EFFECT_SWEEP_EVENT, ENV, HELD_REPLY_SWEEP_EVENT } from '../shared/runtime-env';
import { HELD_REPLY_SWEEP_MINUTES } from '../shared/domain/bounce-breaker';
import { type DeploymentConfig, sealedRuntimeConfigOf } from './config';
import { CaseTable, TABLE_ACCESS } from './constructs/case-table';
import { MailReceiving } from './constructs/mail-receiving';
import { MailSending } from './constructs/mail-sending';
import { Monitoring } from './constructs/monitoring';
import { OuvidoriaFunction } from './constructs/ouvidoria-function';
import { Queues, SCHEDULER_MAX_EVENT_AGE, SCHEDULER_RETRY_ATTEMPTS } from './constructs/queues';
import { RawMailStore } from './constructs/raw-mail-store';
import { MONTHLY_REPORT_SIZING, Reports } from './constructs/reports';
import { MessageTextStore } from './constructs/message-text-store';
import { Uploads } from './constructs/uploads';
import { budgetArnPattern, CostBudget } from './constructs/cost-budget';
import { StaffConsole } from './constructs/staff-console';
import { WebformApi } from './constructs/webform-api';
import { metricsNamespaceOf, RAW_MAIL_PREFIX, SERVICE } from './names';
import { wildcardResourceFinding } from './nag';

export interface OuvidoriaStackProps extends StackProps {
  readonly config: DeploymentConfig;
  /** Environment name (infra/config/<env>.json): the default prefix of the few names we choose. */
  readonly envName: string;
}

/**
 * The receipt rule set and rule: an existing set (the account's active one) with a rule named after the
 * environment, or a set of our own, configured or derived from the environment so two never collide.
 */
export function receiptRuleOf(
  config: DeploymentConfig,
  envName: string,
): { ruleSetName: string; ruleName: string; existing: boolean } {
  if (config.existingRuleSetName) {
    return { ruleSetName: config.existingRuleSetName, ruleName: `ouvidoria-${envName}-intake`, existing: true };
  }
  const ruleSetName = config.ruleSetName ?? `ouvidoria-${envName}`;
  return { ruleSetName, ruleName: `${ruleSetName}-intake`, existing: false };
}

/**
 * When the safety-net sweep runs (office time zone): an hour after the usual opening, every day, so a
 * case that missed the opening is re-queued the same morning (weekends and holidays find none stale).
 */
export const STALE_SWEEP_CRON = { minute: '0', hour: '10' } as const;

/**
 * Memory and timeouts, one place, from the figures of `npm run bench` (README, bench/results.md).
 * More memory also buys proportionally more CPU on Lambda.
 * - intake: peaks at 132 MB on a 2 MB mail, but mailparser holds up to limits.maxRawMailBytes (25 MB)
 *   in memory; 1 GB keeps a large message well below the limit and parses it fast (Lambda is ~1 % of
 *   the cost per case). 60 s covers the S3 read, the parse, a Zendesk lookup (short timeout, bounded
 *   retries), DynamoDB and SES.
 * - webform: peaks under 100 MB and waits on the network, not the CPU; 512 MB. A person is waiting
 *   and API Gateway gives up at 30 s; 10 s is plenty for validation, a lookup, DynamoDB and one SES call.
 * - assignment: peaks at 104 MB, background work; 256 MB. A batch of up to 10 cases processed one
 *   after the other (DynamoDB, one SES mail or one schedule each) takes ~1.4 s; 30 s timeout. The
 *   queue's visibility timeout is six times this.
 * - ses-feedback: peaks at 77 MB; one SNS notification, a few DynamoDB writes; 256 MB, 15 s.
 * - console: a person waits on an HTML page built from DynamoDB queries (a list page reads each
 *   listed case: one Query per row, in parallel) and renders it; 512 MB for the CPU, like the
 *   webform. The slowest request is an action: a close commits, mails the merchant, rewrites the raw
 *   mail (up to 25 MB) and files with their retention tag; a roster change re-queues the waiting
 *   cases. 25 s: under API Gateway's 30 s integration limit, so a slow run ends in the function's
 *   own log and 503 page, not in a gateway timeout.
 */
/**
 * How often the effects sweep runs: a mail a dead run left pending goes within this much after its
 * claim (EFFECT_CLAIM_MS) ran out. An idle run costs one Query of an empty index partition.
 */
export const EFFECT_SWEEP_MINUTES = 5;

/**
 * How often the dlq-watch function counts the dead-letter queues (functions/dlq-watch): the period of
 * the <Dlq>MessageExpiring alarms, which page after DLQ_WATCH_MISSED_RUNS of them without a count.
 * Six GetQueueAttributes and six small table items a run.
 */
export const DLQ_WATCH_MINUTES = 5;

/**
 * What the deploy tells about the alarm recipients: an e-mail subscription reaches no one until its
 * owner clicks SNS's confirmation link, and how to see which are still pending.
 */
export function alarmSubscriptionsNotice(
  config: Pick<DeploymentConfig, 'alarmEmails'>,
  topicArn: string,
  envName: string,
): string {
  const count = config.alarmEmails.length;
  if (count === 0) return 'NOBODY: silentAlarms (test environment), no address is subscribed to the alarm topic';
  return (
    `PENDING until confirmed: each of the ${count} alarmEmails address(es) must be confirmed with the Token= of the link in its "AWS Notification - Subscription Confirmation" mail, or no alarm reaches it: aws sns confirm-subscription --topic-arn ${topicArn} --token <token> --authenticate-on-unsubscribe true (clicking the link works too, but then any alarm mail's unsubscribe link removes the address unauthenticated: README step 8). ` +
    `Check: aws sns list-subscriptions-by-topic --topic-arn ${topicArn} (SubscriptionArn "PendingConfirmation" = not yet), ` +
    `or every address and the other manual steps at once: npm run -s preflight -- ${envName} --deployed`
  );
}

/**
 * The command that seeds the roster and the console sign-ins after the first deploy (infra/staff-seed.ts):
 * the console lets in only a Cognito user whose roster id is an active member.
 */
export function firstStaffSignInNotice(envName: string): string {
  return `npm run -s staff:seed -- ${envName} > seed-${envName}.sh, read it, then bash seed-${envName}.sh: adds config.staff to the roster and creates each one's console sign-in (group supervisores for lifecycle.supervisorIds); Cognito mails a temporary password`;
}

/** Ids of the functions CDK adds to the stack itself (`CustomResourceProvider`s), whose logs we keep as ours. */
const CDK_PROVIDERS = ['Custom::S3AutoDeleteObjectsCustomResourceProvider'] as const;

export const FUNCTION_SIZING = {
  emailIntake: { memorySize: 1024, timeout: Duration.seconds(60) },
  webform: { memorySize: 512, timeout: Duration.seconds(10) },
  console: { memorySize: 512, timeout: Duration.seconds(25) },
  assignment: { memorySize: 256, timeout: Duration.seconds(30) },
  sesFeedback: { memorySize: 256, timeout: Duration.seconds(15) },
  // One GSI query and a few SQS sends a day.
  requeueStale: { memorySize: 256, timeout: Duration.seconds(60) },
  // One case read, one conditional write and one mail per timer.
  lifecycleTimer: { memorySize: 256, timeout: Duration.seconds(30) },
  // One signature check against a cached key set; API Gateway waits at most 10 s for an authorizer.
  consoleAuthorizer: { memorySize: 256, timeout: Duration.seconds(5) },
  // Six counts and six small items, every DLQ_WATCH_MINUTES.
  dlqWatch: { memorySize: 128, timeout: Duration.seconds(30) },
} as const;

/** Async retries of the intake and feedback functions before the event goes to their DLQ. */
export const ASYNC_RETRY_ATTEMPTS = 2;
/** An SES event older than this is sent to the DLQ instead of being retried again. */
export const ASYNC_MAX_EVENT_AGE = Duration.hours(6);

export class OuvidoriaStack extends Stack {
  readonly table: CaseTable;
  readonly rawMail: RawMailStore;
  readonly queues: Queues;
  readonly sending: MailSending;
  readonly receiving: MailReceiving;
  readonly zendeskSecret: secretsmanager.Secret;
  readonly emailIntake: OuvidoriaFunction;
  readonly webform: OuvidoriaFunction;
  /** The staff console's pages and actions (/equipe…): its own function and role. */
  readonly console: OuvidoriaFunction;
  readonly assignment: OuvidoriaFunction;
  readonly sesFeedback: OuvidoriaFunction;
  readonly requeueStale: OuvidoriaFunction;
  readonly effectSweep: scheduler.Schedule;
  /** Every HELD_REPLY_SWEEP_MINUTES: the held-reply sweep in the lifecycle-timer function. */
  readonly heldReplySweep: scheduler.Schedule;
  readonly staleSweep: scheduler.Schedule;
  readonly topicKey: kms.Key;
  readonly webformApi: WebformApi;
  /** The staff console's Cognito user pool, app client and hosted UI (issue 14). */
  readonly staffConsole: StaffConsole;
  readonly consoleAuthorizer: OuvidoriaFunction;
  readonly uploads: Uploads;
  readonly messageTexts: MessageTextStore;
  readonly attachmentScan: OuvidoriaFunction;
  /** Counts the dead-letter queues every DLQ_WATCH_MINUTES (their MessageExpiring alarms). */
  readonly dlqWatch: OuvidoriaFunction;
  readonly dlqWatchSchedule: scheduler.Schedule;
  readonly monitoring: Monitoring;
  /** Absent with "monthlyBudgetUsd": false (a test environment). */
  readonly costBudget?: CostBudget;
  readonly reports: Reports;
  readonly lifecycle: CaseLifecycle;

  constructor(scope: Construct, id: string, props: OuvidoriaStackProps) {
    super(scope, id, props);
    const { config } = props;
    const removalPolicy = config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    const runtime = sealedRuntimeConfigOf(config);
    const runtimeConfigJson = JSON.stringify(runtime);
    // Given as ENV.config, it travels in each bundle, not the environment (OuvidoriaFunction).

    // ── Data ────────────────────────────────────────────────────────────────────────────────────
    this.table = new CaseTable(this, 'Cases', {
      retainData: config.retainData,
      ...(config.tableNameOverride ? { tableNameOverride: config.tableNameOverride } : {}),
    });
    this.rawMail = new RawMailStore(this, 'RawMailStore', {
      retentionDays: config.rawMailRetentionDays,
      closedCaseRetentionDays: runtime.retention.retentionDays,
      redirectRetentionDays: runtime.retention.redirectRetentionDays,
      retainData: config.retainData,
    });
    this.queues = new Queues(this, 'Queues', {
      assignmentFunctionTimeout: FUNCTION_SIZING.assignment.timeout,
      intakeFunctionTimeout: FUNCTION_SIZING.emailIntake.timeout,
      webformFunctionTimeout: FUNCTION_SIZING.webform.timeout,
      retainData: config.retainData,
    });
    const receiptRule = receiptRuleOf(config, props.envName);

    // Credentials of the Zendesk API user. The generated value is a placeholder JSON; the real one is
    // set after deploy (README), never in code or in the template.
    this.zendeskSecret = new secretsmanager.Secret(this, 'ZendeskCredentials', {
      description: `Zendesk API credentials for ${config.zendeskSubdomain}.zendesk.com: {"email","apiToken"}`,
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ email: 'set-after-deploy@example.invalid' }),
        generateStringKey: 'apiToken',
        excludePunctuation: true,
      },
      removalPolicy,
    });
    Validations.of(this.zendeskSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'A Zendesk API token is issued in the Zendesk admin centre, not by AWS: a rotation Lambda cannot mint one. It is rotated by hand (README) and revoked in Zendesk.',
    });

    // One customer key for the two SNS topics: the AWS-managed aws/sns key cannot be used by SES or
    // CloudWatch, which must encrypt what they publish (SNS guide, "KMS permissions for AWS services").
    // Deleted with the stack in every environment, production included: it encrypts no stored data (the
    // topics go with the stack), and a kept key would bill every month, one more after each redeploy.
    const topicKey = new kms.Key(this, 'TopicKey', {
      description: 'Ouvidoria SNS topics (SES feedback, alarms)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.topicKey = topicKey;
    // Each service only for its own resources in this account (confused-deputy guard): SES for our
    // configuration set, CloudWatch for alarms of this account.
    const serviceUses = [
      {
        sid: 'PublishSesFeedback',
        service: 'ses.amazonaws.com',
        sourceArn: this.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: '*' }),
      },
      {
        sid: 'PublishBudgets',
        service: 'budgets.amazonaws.com',
        sourceArn: budgetArnPattern(this),
      },
      {
        sid: 'PublishCloudWatchAlarms',
        service: 'cloudwatch.amazonaws.com',
        sourceArn: this.formatArn({
          service: 'cloudwatch',
          resource: 'alarm',
          resourceName: '*',
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      },
    ];
    for (const { sid, service, sourceArn } of serviceUses) {
      topicKey.addToResourcePolicy(
        new iam.PolicyStatement({
          sid,
          principals: [new iam.ServicePrincipal(service)],
          actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          resources: ['*'],
          conditions: { StringEquals: { 'aws:SourceAccount': this.account }, ArnLike: { 'aws:SourceArn': sourceArn } },
        }),
      );
    }

    this.sending = new MailSending(this, 'MailSending', {
      domain: config.domain,
      topicKey,
      mailFromSubdomain: config.mailFromSubdomain,
      dmarcPolicy: config.dmarcPolicy,
      existingIdentity: config.existingEmailIdentity,
      ...(config.hostedZone ? { hostedZoneId: config.hostedZone.zoneId } : {}),
    });

    // ── Functions ───────────────────────────────────────────────────────────────────────────────
    const common = {
      logRetentionDays: config.logRetentionDays,
      logLevel: config.logLevel,
      removalPolicy,
      xrayTracing: config.xrayTracing,
      metricsNamespace: metricsNamespaceOf(props.envName),
    };
    const baseEnv = {
      [ENV.config]: runtimeConfigJson,
      [ENV.tableName]: this.table.table.tableName,
      [ENV.sesConfigurationSet]: this.sending.configurationSet.configurationSetName,
    };
    const ticketEnv = {
      [ENV.ticketDirectory]: 'zendesk',
      [ENV.zendeskSubdomain]: config.zendeskSubdomain,
      [ENV.zendeskSecretArn]: this.zendeskSecret.secretArn,
    };

    this.emailIntake = new OuvidoriaFunction(this, 'EmailIntake', {
      ...common,
      ...FUNCTION_SIZING.emailIntake,
      entry: 'functions/email-intake/handler.ts',
      serviceName: SERVICE.emailIntake,
      description: 'SES receipt → raw mail from S3 → decision → case, reply, assignment queue',
      environment: {
        ...baseEnv,
        ...ticketEnv,
        [ENV.rawMailBucket]: this.rawMail.bucket.bucketName,
        [ENV.rawMailPrefix]: RAW_MAIL_PREFIX,
        [ENV.assignmentQueueUrl]: this.queues.assignmentQueue.queueUrl,
      },
    });
    // SES invokes asynchronously (InvocationType Event); a failing event is retried, then recorded on
    // IntakeFailures with the original SES event. The function reads that queue back: a mail that made
    // it crash, time out or run out of memory is quarantined unread and its sender told; what it leaves
    // (a platform failure) moves to the IntakeDlq, which pages, for a replay (README).
    this.emailIntake.function.configureAsyncInvoke({
      retryAttempts: ASYNC_RETRY_ATTEMPTS,
      maxEventAge: ASYNC_MAX_EVENT_AGE,
      onFailure: new SqsDestination(this.queues.intakeFailures),
    });
    this.emailIntake.function.addEventSource(
      new SqsEventSource(this.queues.intakeFailures, { batchSize: 1, reportBatchItemFailures: true }),
    );

    // Quarantine releases asked on the console: this function has the mail parser they need.
    this.emailIntake.function.addEventSource(new SqsEventSource(this.queues.releaseQueue, { batchSize: 1 }));

    this.webform = new OuvidoriaFunction(this, 'Webform', {
      ...common,
      ...FUNCTION_SIZING.webform,
      entry: 'functions/webform/handler.ts',
      serviceName: SERVICE.webform,
      description: 'Webform page (GET /), submissions (POST /casos), survey and status pages',
      // A person waits on this cold start: no --enable-source-maps (+65 ms measured; see the construct).
      runtimeSourceMaps: false,
      environment: {
        ...baseEnv,
        ...ticketEnv,
        [ENV.assignmentQueueUrl]: this.queues.assignmentQueue.queueUrl,
        [ENV.confirmMailQueueUrl]: this.queues.confirmMailQueue.queueUrl,
      },
    });
    // POST /casos queues its confirmation link mail, or its guidance case and reply, and this function
    // does that work (batches of one): the post does the same work whether a mail goes or not
    // (shared/webform/confirm.ts, shared/webform/guidance-post.ts).
    this.webform.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'QueueConfirmationMail',
        actions: ['sqs:SendMessage'],
        resources: [this.queues.confirmMailQueue.queueArn],
      }),
    );
    this.webform.function.addEventSource(new SqsEventSource(this.queues.confirmMailQueue, { batchSize: 1 }));

    this.console = new OuvidoriaFunction(this, 'Console', {
      ...common,
      ...FUNCTION_SIZING.console,
      entry: 'functions/console/handler.ts',
      serviceName: SERVICE.console,
      description: 'Staff console (/equipe): case list and page, staff actions, quarantine, roster',
      // A person waits on this cold start, as on the webform's (see runtimeSourceMaps).
      runtimeSourceMaps: false,
      environment: {
        ...baseEnv,
        [ENV.assignmentQueueUrl]: this.queues.assignmentQueue.queueUrl,
      },
    });

    this.assignment = new OuvidoriaFunction(this, 'Assignment', {
      ...common,
      ...FUNCTION_SIZING.assignment,
      entry: 'functions/assignment/handler.ts',
      serviceName: SERVICE.assignment,
      description: 'Assigns accepted cases to analysts during office hours; defers them otherwise',
      // No reserved concurrency: the FIFO queue's single message group gives one batch at a time, so the
      // choice "fewest open cases, then least recently assigned" is serialised without a reservation.
      environment: {
        ...baseEnv,
        [ENV.assignmentQueueUrl]: this.queues.assignmentQueue.queueUrl,
        [ENV.assignmentQueueArn]: this.queues.assignmentQueue.queueArn,
        [ENV.schedulerGroup]: this.queues.scheduleGroupName,
        [ENV.schedulerRoleArn]: this.queues.schedulerRole.roleArn,
        // (Its deferrals' dead-letter queue, SCHEDULER_DLQ_ARN, comes with the lifecycle: enable below.)
      },
    });
    this.assignment.function.addEventSource(
      new SqsEventSource(this.queues.assignmentQueue, {
        // FIFO event sources take no batching window.
        batchSize: 10,
        reportBatchItemFailures: true,
      }),
    );

    this.sesFeedback = new OuvidoriaFunction(this, 'SesFeedback', {
      ...common,
      ...FUNCTION_SIZING.sesFeedback,
      entry: 'functions/ses-feedback/handler.ts',
      serviceName: SERVICE.sesFeedback,
      description: 'SES bounce and complaint notifications → bounce registry',
      environment: { ...baseEnv },
    });
    this.sesFeedback.function.configureAsyncInvoke({
      retryAttempts: ASYNC_RETRY_ATTEMPTS,
      maxEventAge: ASYNC_MAX_EVENT_AGE,
      onFailure: new SqsDestination(this.queues.feedbackDlq),
    });
    this.sending.feedbackTopic.addSubscription(new subscriptions.LambdaSubscription(this.sesFeedback.function));

    // ── Safety net: daily sweep of cases stuck in QUEUED ────────────────────────────────────────
    this.requeueStale = new OuvidoriaFunction(this, 'RequeueStale', {
      ...common,
      ...FUNCTION_SIZING.requeueStale,
      entry: 'functions/requeue-stale/handler.ts',
      serviceName: SERVICE.requeueStale,
      description: 'Daily: re-queues cases still QUEUED past the opening after they were queued',
      environment: { ...baseEnv, [ENV.assignmentQueueUrl]: this.queues.assignmentQueue.queueUrl },
    });
    // Scheduler invokes it asynchronously: the schedule's DLQ takes only the runs it could not hand
    // over, this destination the runs the function failed on three times (else Lambda drops them and
    // the safety net stops with nothing left to handle). The same queue, one runbook (SchedulerDlq).
    this.requeueStale.function.configureAsyncInvoke({
      retryAttempts: ASYNC_RETRY_ATTEMPTS,
      maxEventAge: ASYNC_MAX_EVENT_AGE,
      onFailure: new SqsDestination(this.queues.schedulerDlq),
    });
    // Our own role (the target adds invoke and DLQ send), assumable only by schedules of our group.
    const sweepRole = new iam.Role(this, 'StaleSweepRole', {
      description: 'Assumed by the daily sweep schedule to invoke the requeue-stale function',
      assumedBy: this.queues.schedulerPrincipal(),
    });
    Validations.of(sweepRole).acknowledge({
      id: wildcardResourceFinding(sweepRole, `${this.requeueStale.function.functionArn}:*`),
      reason:
        'Added by the Scheduler Lambda target: invoking the requeue-stale function and its versions (ARN suffix :*), that one function only.',
    });
    const scheduleGroup = scheduler.ScheduleGroup.fromScheduleGroupName(
      this,
      'DeferralGroupRef',
      this.queues.scheduleGroupName,
    );
    this.staleSweep = new scheduler.Schedule(this, 'StaleSweep', {
      description: 'Daily safety net: re-queue cases stuck in QUEUED',
      schedule: scheduler.ScheduleExpression.cron({
        ...STALE_SWEEP_CRON,
        timeZone: TimeZone.AMERICA_SAO_PAULO,
      }),
      scheduleGroup: scheduleGroup,
      target: new schedulerTargets.LambdaInvoke(this.requeueStale.function, {
        role: sweepRole,
        deadLetterQueue: this.queues.schedulerDlq,
        retryAttempts: SCHEDULER_RETRY_ATTEMPTS,
        maxEventAge: SCHEDULER_MAX_EVENT_AGE,
      }),
    });

    // ── Case lifecycle (SPEC steps 8–9): reply secret, timer function and its schedule role ───────
    this.lifecycle = new CaseLifecycle(this, 'CaseLifecycle', {
      ...common,
      ...FUNCTION_SIZING.lifecycleTimer,
      table: this.table,
      sending: this.sending,
      scheduleGroupName: this.queues.scheduleGroupName,
      schedulerPrincipal: this.queues.schedulerPrincipal(),
      deadLetterQueue: this.queues.schedulerDlq,
      environment: baseEnv,
    });
    // Staff mail and the staff console (#prorrogar / "Prorrogar" re-arm timers) and assignment
    // (arms them) create schedules.
    this.lifecycle.enable(this.emailIntake, this.queues.scheduleGroupName, { createsSchedules: true });
    this.lifecycle.enable(this.assignment, this.queues.scheduleGroupName, { createsSchedules: true });
    this.lifecycle.enable(this.console, this.queues.scheduleGroupName, { createsSchedules: true });
    // The effects sweep completes extensions and reopenings too (timers to arm).
    this.lifecycle.enableTimerFunctionArming(this.queues.scheduleGroupName);
    // The merchant pages and the form's confirmation links (F1) sign and check their links with the
    // secret; a confirmed post joining her case of its ticket moves it as her mail would (wait → in
    // progress, a reopening: timers to arm, and the LGPD clock of the case's raw mail stopped).
    this.lifecycle.enable(this.webform, this.queues.scheduleGroupName, { createsSchedules: true });
    this.webform.function.addEnvironment(ENV.rawMailBucket, this.rawMail.bucket.bucketName);
    this.webform.function.addEnvironment(ENV.rawMailPrefix, RAW_MAIL_PREFIX);
    this.grantRawMailRetention(this.webform.role, false);
    // Closing and transferring delete the analyst's open-case marker.
    this.table.grantOpenCaseRelease(this.emailIntake.role);
    this.table.grantOpenCaseRelease(this.console.role);
    // Both run the intake (mail, the form): automatic replies. Console releases run in the email intake.
    this.table.grantSentMailPointers(this.emailIntake.role);
    this.table.grantSentMailPointers(this.webform.role);
    this.table.grantCaseBatchReads(this.webform.role);
    // The decisions of a sender search's guided rows: stored automatic mail is not "Orientado".
    this.table.grantCaseBatchReads(this.console.role);
    // A bounce marks the address's open cases: the assignment notice warns from the case it reads.
    this.table.grantBounceMarks(this.sesFeedback.role);
    // The bounce breaker: SES feedback counts permanent bounces; both intakes read it before guidance.
    this.table.grantBounceBreaker(this.sesFeedback.role, 'count');
    this.table.grantBounceBreaker(this.emailIntake.role, 'read');
    this.table.grantBounceBreaker(this.webform.role, 'read');

    // ── Permissions (each one named; nothing from a managed policy) ────────────────────────────
    this.grantIntakeRead(this.emailIntake.role);
    // The analyst notice carries the opening mail's files, read from the raw mail.
    this.grantIntakeRead(this.assignment.role);
    // LGPD retention tags on raw mail: the intake (redirected mail, staff #encerrar) and the console
    // (closing a case) rewrite it with its retention tag (shared/adapters/s3-raw-mail-retention.ts).
    this.grantRawMailRetention(this.emailIntake.role, false);
    // (The console reads raw mail already, and has the bucket: the quarantine page, infra/constructs/staff-console.ts.)
    this.grantRawMailRetention(this.console.role, false);
    this.table.grantAccess(this.emailIntake.role, TABLE_ACCESS.emailIntake);
    this.table.grantAccess(this.webform.role, TABLE_ACCESS.webform);
    this.table.grantAccess(this.console.role, TABLE_ACCESS.console);
    this.table.grantAccess(this.assignment.role, TABLE_ACCESS.assignment);
    this.table.grantAccess(this.sesFeedback.role, TABLE_ACCESS.sesFeedback);
    this.table.grantAccess(this.requeueStale.role, TABLE_ACCESS.requeueStale);
    for (const fn of [this.emailIntake, this.webform, this.console, this.assignment]) {
      this.sending.grantSend(fn.role);
    }
    // The effects sweep (lifecycle timer) re-queues an assignment whose analyst was never notified.
    this.lifecycle.timerFunction.function.addEnvironment(ENV.assignmentQueueUrl, this.queues.assignmentQueue.queueUrl);
    for (const fn of [this.emailIntake, this.webform, this.requeueStale, this.lifecycle.timerFunction]) {
      fn.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'EnqueueAcceptedCases',
          actions: ['sqs:SendMessage'],
          resources: [this.queues.assignmentQueue.queueArn],
        }),
      );
    }
    // The console re-queues the cases waiting for an analyst after a roster change (add, return, activate).
    this.console.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'RequeueWaitingCases',
        actions: ['sqs:SendMessage'],
        resources: [this.queues.assignmentQueue.queueArn],
      }),
    );
    // The console asks for quarantine releases; it cannot read the queue.
    this.console.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'RequestQuarantineRelease',
        actions: ['sqs:SendMessage'],
        resources: [this.queues.releaseQueue.queueArn],
      }),
    );
    this.console.function.addEnvironment(ENV.releaseQueueUrl, this.queues.releaseQueue.queueUrl);
    for (const fn of [this.emailIntake, this.webform]) {
      fn.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'ReadZendeskCredentials',
          actions: ['secretsmanager:GetSecretValue'],
          resources: [this.zendeskSecret.secretArn],
        }),
      );
    }
    this.grantDeferral(this.assignment.role, this.queues.scheduleGroupName);

    // ── SES receiving ───────────────────────────────────────────────────────────────────────────
    this.receiving = new MailReceiving(this, 'MailReceiving', {
      ...receiptRule,
      // An address also matches its labelled forms (SES: user+label@domain): `caso@<domain>` takes
      // every per-case staff reply address `caso+<protocol>.<token>@<domain>`.
      recipients: [...config.ombudsmanAddresses, staffReplyBaseAddress(runtime)],
      bucket: this.rawMail.bucket,
      objectKeyPrefix: RAW_MAIL_PREFIX,
      intake: this.emailIntake.function,
      activate: config.activateRuleSet,
      ...(config.replaceActiveRuleSet ? { replaceActiveRuleSet: config.replaceActiveRuleSet } : {}),
      logRetentionDays: config.logRetentionDays,
      metricsNamespace: common.metricsNamespace,
      removalPolicy,
    });

    // ── Webform API ─────────────────────────────────────────────────────────────────────────────
    this.webformApi = new WebformApi(this, 'WebformApi', {
      handler: this.webform.function,
      // Without a configured origin the page is served from the API's own address: same origin, no CORS.
      ...(config.webformOrigin ? { allowedOrigin: config.webformOrigin } : {}),
      throttle: config.webformThrottle,
      logRetentionDays: config.logRetentionDays,
      removalPolicy,
    });

    // The public origin: the configured one, or the API's own address — a deploy-time value, so it
    // reaches the functions beside their sealed configuration, and one deploy gives a working form.
    const webformOrigin = config.webformOrigin ?? this.webformApi.url;

    // ── Staff console (issue 14): Cognito user pool, hosted UI, /equipe routes ─────────────────
    this.consoleAuthorizer = new OuvidoriaFunction(this, 'ConsoleAuthorizer', {
      ...common,
      ...FUNCTION_SIZING.consoleAuthorizer,
      entry: 'functions/console-authorizer/handler.ts',
      serviceName: SERVICE.consoleAuthorizer,
      description: 'Staff console: verifies the session cookie (Cognito ID token) before the /equipe routes',
      environment: {},
      // On the request path of a person's page, like the webform (see runtimeSourceMaps).
      runtimeSourceMaps: false,
    });
    this.staffConsole = new StaffConsole(this, 'StaffConsole', {
      handler: this.console.function,
      authorizerFunction: this.consoleAuthorizer.function,
      api: this.webformApi.api,
      webformOrigin,
      domainPrefix: StaffConsole.domainPrefixOf(this, props.envName),
      removalPolicy,
      rawMailBucket: this.rawMail.bucket,
      rawMailPrefix: RAW_MAIL_PREFIX,
    });

    // ── Webform attachments (issue 19): uploads bucket, GuardDuty Malware Protection ──────────────
    this.uploads = new Uploads(this, 'Uploads', {
      allowedOrigin: webformOrigin,
      pendingUploadDays: config.attachments.pendingUploadDays,
      closedCaseRetentionDays: runtime.retention.retentionDays,
      redirectRetentionDays: runtime.retention.redirectRetentionDays,
      accessLogsBucket: this.rawMail.accessLogsBucket,
      retainData: config.retainData,
    });
    this.uploads.grantWebform(this.webform);
    // The console: closing a case re-tags its files; its clean reads also sign the case page's file links.
    this.uploads.grantRetention(this.console);
    this.uploads.grantRetention(this.emailIntake);
    // A case's mailed files go where the webform's are, for the console (shared/app/mail-file-copies.ts).
    this.uploads.grantMailFileCopies(this.emailIntake);
    // A timer carries out the effects a case still has pending (an earlier run died after its
    // commit): a close starts, a reopening stops, the LGPD clock of the case's raw mail and files.
    const timer = this.lifecycle.timerFunction;
    timer.function.addEnvironment(ENV.rawMailBucket, this.rawMail.bucket.bucketName);
    timer.function.addEnvironment(ENV.rawMailPrefix, RAW_MAIL_PREFIX);
    this.grantRawMailRetention(timer.role, true);
    this.uploads.grantRetention(timer);
    // Safety net of the lifecycle outbox: every few minutes the timer function sends what a run
    // committed and died before sending (shared/app/lifecycle/effect-sweep.ts). A failed run is
    // retried by Lambda's asynchronous retries, then by the next run: no DLQ of its own.
    const effectSweepRole = new iam.Role(this, 'EffectSweepRole', {
      description: 'Assumed by the effects and held-reply sweep schedules to invoke the lifecycle-timer function',
      assumedBy: this.queues.schedulerPrincipal(),
    });
    Validations.of(effectSweepRole).acknowledge({
      id: wildcardResourceFinding(effectSweepRole, `${timer.function.functionArn}:*`),
      reason:
        'Added by the Scheduler Lambda target: invoking the lifecycle-timer function and its versions (ARN suffix :*), that one function only.',
    });
    // A sweep of the timer function every few minutes: a run that fails is replaced by the next one
    // (no retry of its own, no older event than one period).
    const sweepEvery = (id: string, description: string, minutes: number, event: Record<string, unknown>) =>
      new scheduler.Schedule(this, id, {
        description,
        schedule: scheduler.ScheduleExpression.rate(Duration.minutes(minutes)),
        scheduleGroup,
        target: new schedulerTargets.LambdaInvoke(timer.function, {
          role: effectSweepRole,
          input: scheduler.ScheduleTargetInput.fromObject(event),
          deadLetterQueue: this.queues.schedulerDlq,
          retryAttempts: 0,
          maxEventAge: Duration.minutes(minutes),
        }),
      });
    this.effectSweep = sweepEvery(
      'EffectSweep',
      'Every few minutes: send lifecycle mail a run committed and never sent',
      EFFECT_SWEEP_MINUTES,
      EFFECT_SWEEP_EVENT,
    );
    // Guidance the bounce breaker held goes out once it is clear (shared/app/held-replies.ts): the timer
    // function already sends the office's mail and runs the five-minute effects sweep; requeue-stale's
    // daily run would answer a day late, at the end of the freshness window. Same role and DLQ
    // policy as the effects sweep: a failed run is replaced by the next one.
    this.table.grantBounceBreaker(timer.role, 'read');
    this.table.grantHeldReplyRemoval(timer.role);
    this.table.grantSentMailPointers(timer.role);
    // A held webform confirmation link is asked for again on its queue, whose consumer (the webform
    // function) checks it anew and mails it.
    timer.function.addEnvironment(ENV.confirmMailQueueUrl, this.queues.confirmMailQueue.queueUrl);
    timer.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'AskHeldConfirmationLinks',
        actions: ['sqs:SendMessage'],
        resources: [this.queues.confirmMailQueue.queueArn],
      }),
    );
    this.heldReplySweep = sweepEvery(
      'HeldReplySweep',
      'Every few minutes: send guidance replies the bounce breaker held, once it is clear',
      HELD_REPLY_SWEEP_MINUTES,
      HELD_REPLY_SWEEP_EVENT,
    );
    // Late scan results (GuardDuty → EventBridge) recorded on the case; the merchant told of an infected file.
    this.attachmentScan = new OuvidoriaFunction(this, 'AttachmentScan', {
      ...common,
      memorySize: 256,
      timeout: Duration.seconds(30),
      entry: 'functions/attachment-scan/handler.ts',
      serviceName: SERVICE.attachmentScan,
      description: 'GuardDuty scan result of a webform upload → the case (and a pt-BR note if infected)',
      environment: baseEnv,
    });
    const scanResultsDlq = this.uploads.connectScanResults(this.attachmentScan, this.table.table);
    // EventBridge invokes it asynchronously: the rule's DLQ takes the events it could not hand over,
    // this destination those the function failed on twice more (else Lambda drops them, and the file
    // stays "pending" on its case for good). Both are GuardDuty scan results, replayed alike.
    this.attachmentScan.function.configureAsyncInvoke({
      retryAttempts: ASYNC_RETRY_ATTEMPTS,
      maxEventAge: ASYNC_MAX_EVENT_AGE,
      onFailure: new SqsDestination(scanResultsDlq),
    });
    this.sending.grantSend(this.attachmentScan.role);

    // ── Message texts out of the table (issue 16: infra/constructs/message-text-store.ts) ───────
    // Every function whose composition builds the case repository (shared/composition/*.ts): those
    // that record messages or close and reopen cases store and re-tag texts; the others only read.
    this.messageTexts = new MessageTextStore(this, 'MessageTexts', {
      closedCaseRetentionDays: runtime.retention.retentionDays,
      redirectRetentionDays: runtime.retention.redirectRetentionDays,
      accessLogsBucket: this.rawMail.accessLogsBucket,
      retainData: config.retainData,
    });
    for (const fn of [this.emailIntake, this.webform, this.console, timer]) this.messageTexts.grantWrite(fn);
    for (const fn of [this.assignment, this.requeueStale, this.attachmentScan]) this.messageTexts.grantRead(fn);

    // ── Reports and retention (issue 15: infra/constructs/reports.ts) ───────────────────────────
    this.reports = new Reports(this, 'Reports', {
      table: this.table,
      sending: this.sending,
      rawMailBucket: this.rawMail.bucket,
      accessLogsBucket: this.rawMail.accessLogsBucket,
      retentionDays: runtime.retention.retentionDays,
      environment: baseEnv,
      scheduleGroupName: this.queues.scheduleGroupName,
      schedulerPrincipal: this.queues.schedulerPrincipal(),
      schedulerDlq: this.queues.schedulerDlq,
      retryAttempts: SCHEDULER_RETRY_ATTEMPTS,
      maxEventAge: SCHEDULER_MAX_EVENT_AGE,
      ...common,
      retainData: config.retainData,
    });

    // ── Dead-letter queues' watch (functions/dlq-watch) ───────────────────────────────────────────
    // SQS publishes a queue's metrics only while it is active, so the week-before-expiry page reads
    // this function's own measure: it counts each DLQ (GetQueueAttributes: counts only, no message is
    // received) and publishes how long each has held a message. Its own function: no configuration,
    // no case, and a role that can count these six queues and keep one table partition, nothing else.
    const deadLetterQueues = [
      { name: 'IntakeDlq', queue: this.queues.intakeDlq },
      { name: 'AssignmentDlq', queue: this.queues.assignmentDlq },
      { name: 'FeedbackDlq', queue: this.queues.feedbackDlq },
      { name: 'SchedulerDlq', queue: this.queues.schedulerDlq },
      { name: 'ReleaseDlq', queue: this.queues.releaseDlq },
      { name: 'ConfirmMailDlq', queue: this.queues.confirmMailDlq },
      { name: 'ScanResultsDlq', queue: scanResultsDlq },
    ];
    this.dlqWatch = new OuvidoriaFunction(this, 'DlqWatch', {
      ...common,
      ...FUNCTION_SIZING.dlqWatch,
      entry: 'functions/dlq-watch/handler.ts',
      serviceName: SERVICE.dlqWatch,
      description: 'Every few minutes: how long each dead-letter queue has held a message (counts only)',
      environment: {
        [ENV.tableName]: this.table.table.tableName,
        [ENV.deadLetterQueueUrls]: deadLetterQueues.map(({ queue }) => queue.queueUrl).join(' '),
      },
    });
    this.dlqWatch.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'CountDeadLetterQueues',
        actions: ['sqs:GetQueueAttributes'],
        resources: deadLetterQueues.map(({ queue }) => queue.queueArn),
      }),
    );
    this.table.grantAccess(this.dlqWatch.role, TABLE_ACCESS.dlqWatch);
    const dlqWatchRole = new iam.Role(this, 'DlqWatchScheduleRole', {
      description: 'Assumed by the dead-letter queue watch schedule to invoke the dlq-watch function',
      assumedBy: this.queues.schedulerPrincipal(),
    });
    Validations.of(dlqWatchRole).acknowledge({
      id: wildcardResourceFinding(dlqWatchRole, `${this.dlqWatch.function.functionArn}:*`),
      reason:
        'Added by the Scheduler Lambda target: invoking the dlq-watch function and its versions (ARN suffix :*), that one function only.',
    });
    this.dlqWatchSchedule = new scheduler.Schedule(this, 'DlqWatchSchedule', {
      description: 'Every few minutes: count the dead-letter queues (their MessageExpiring alarms)',
      schedule: scheduler.ScheduleExpression.rate(Duration.minutes(DLQ_WATCH_MINUTES)),
      scheduleGroup,
      target: new schedulerTargets.LambdaInvoke(this.dlqWatch.function, {
        role: dlqWatchRole,
        // A missed run is not retried: the next one counts again, and three missed page.
        retryAttempts: 0,
        maxEventAge: Duration.minutes(DLQ_WATCH_MINUTES),
      }),
    });

    // ── Alarms and dashboard ────────────────────────────────────────────────────────────────────
    this.monitoring = new Monitoring(this, 'Monitoring', {
      envName: props.envName,
      alarmEmails: config.alarmEmails,
      topicKey,
      functions: [
        { name: 'EmailIntake', fn: this.emailIntake.function, ...FUNCTION_SIZING.emailIntake, asyncInvoked: true },
        { name: 'Webform', fn: this.webform.function, ...FUNCTION_SIZING.webform, asyncInvoked: false },
        { name: 'Console', fn: this.console.function, ...FUNCTION_SIZING.console, asyncInvoked: false },
        {
          name: 'ConsoleAuthorizer',
          fn: this.consoleAuthorizer.function,
          ...FUNCTION_SIZING.consoleAuthorizer,
          asyncInvoked: false,
        },
        { name: 'Assignment', fn: this.assignment.function, ...FUNCTION_SIZING.assignment, asyncInvoked: false },
        { name: 'SesFeedback', fn: this.sesFeedback.function, ...FUNCTION_SIZING.sesFeedback, asyncInvoked: true },
        { name: 'RequeueStale', fn: this.requeueStale.function, ...FUNCTION_SIZING.requeueStale, asyncInvoked: true },
        {
          name: 'LifecycleTimer',
          fn: this.lifecycle.timerFunction.function,
          ...FUNCTION_SIZING.lifecycleTimer,
          asyncInvoked: true,
        },
        // EventBridge invokes it asynchronously with each GuardDuty scan result.
        { name: 'AttachmentScan', fn: this.attachmentScan.function, timeout: Duration.seconds(30), asyncInvoked: true },
        // EventBridge Scheduler invokes it asynchronously: a failed report is retried twice, then kept in SchedulerDlq.
        {
          name: 'MonthlyReport',
          fn: this.reports.fn.function,
          timeout: MONTHLY_REPORT_SIZING.timeout,
          asyncInvoked: true,
        },
        // EventBridge Scheduler invokes it asynchronously; its heartbeat is the MessageExpiring alarms.
        { name: 'DlqWatch', fn: this.dlqWatch.function, ...FUNCTION_SIZING.dlqWatch, asyncInvoked: true },
      ],
      deadLetterQueues,
      dlqWatchInterval: Duration.minutes(DLQ_WATCH_MINUTES),
      assignmentQueue: this.queues.assignmentQueue,
      assignmentQueueMaxAge: Duration.minutes(config.alarms.assignmentQueueMaxAgeMinutes),
      quarantinedMailPerHour: config.alarms.quarantinedMailPerHour,
      quarantinedMailHours: config.alarms.quarantinedMailHours,
      webformApi: this.webformApi.api,
      table: this.table.table,
      scheduleGroupName: this.queues.scheduleGroupName,
      effectSweepInterval: Duration.minutes(EFFECT_SWEEP_MINUTES),
      uploads: {
        metric: (metricName, period) => this.uploads.metricUploads(metricName, period),
        limits: {
          maxFiles: runtime.attachments.maxFiles,
          maxTotalBytes: runtime.attachments.maxTotalBytes,
          webformPerIpPerHour: runtime.limits.webformPerIpPerHour,
        },
      },
    });

    this.monitoring.alarms.push(this.lifecycle.overdueAlarm(this.monitoring.alarmTopic, this.monitoring.alarmNameOf));

    // Cost guard: AWS Budgets mails the same topic (NOTIFY) before the invoice says it.
    if (config.monthlyBudgetUsd !== false) {
      this.costBudget = new CostBudget(this, 'CostBudget', {
        envName: props.envName,
        monthlyLimitUsd: config.monthlyBudgetUsd,
        topic: this.monitoring.alarmTopic,
      });
    }

    // `cdk deploy` prints output values (not descriptions): the pending confirmations are said in one.
    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.monitoring.alarmTopic.topicArn,
      description: 'SNS topic of every alarm (AlarmSubscriptions says who it reaches)',
    });
    new CfnOutput(this, 'AlarmSubscriptions', {
      value: alarmSubscriptionsNotice(config, this.monitoring.alarmTopic.topicArn, props.envName),
      description: 'Who the alarms reach, and the confirmation step without which they reach nobody',
    });
    new CfnOutput(this, 'WebformUrl', { value: this.webformApi.url, description: 'Webform page (GET /)' });
    new CfnOutput(this, 'TableName', {
      value: this.table.table.tableName,
      description: 'TABLE_NAME for npm run staff',
    });
    new CfnOutput(this, 'AssignmentQueueUrl', {
      value: this.queues.assignmentQueue.queueUrl,
      description: 'ASSIGNMENT_QUEUE_URL for npm run staff (re-queues waiting cases)',
    });
    new CfnOutput(this, 'ReceiptRuleSetName', { value: receiptRule.ruleSetName });
    new CfnOutput(this, 'ZendeskSecretArn', { value: this.zendeskSecret.secretArn });
    new CfnOutput(this, 'MessageTextBucketName', {
      value: this.messageTexts.bucket.bucketName,
      description: 'MESSAGE_TEXT_BUCKET for npm run titular (message texts kept out of the table)',
    });
    new CfnOutput(this, 'StaffUserPoolId', {
      value: this.staffConsole.userPool.userPoolId,
      description: 'Cognito user pool of the staff console: admin-create-user per analyst (README runbook)',
    });
    new CfnOutput(this, 'FirstStaffSignIn', {
      value: firstStaffSignInNotice(props.envName),
      description: 'How the first supervisor (and every analyst of config.staff) gets into the console',
    });
    new CfnOutput(this, 'UploadsBucketName', {
      value: this.uploads.bucket.bucketName,
      description: 'UPLOADS_BUCKET for npm run titular (webform files)',
    });
    new CfnOutput(this, 'IntakeDlqUrl', { value: this.queues.intakeDlq.queueUrl });
    new CfnOutput(this, 'EmailIntakeFunctionName', {
      value: this.emailIntake.function.functionName,
      description: 'Replay target for IntakeDlq messages (README)',
    });
    new CfnOutput(this, 'AssignmentDlqArn', {
      value: this.queues.assignmentDlq.queueArn,
      description: 'aws sqs start-message-move-task --source-arn <this> moves messages back to the assignment queue',
    });
    // DNS to publish (hosted-zone mode creates them): `<name> <type> <value>` each (README, "DNS").
    for (const record of this.sending.dnsRecords) {
      new CfnOutput(this, `Dns${record.id}`, {
        value: `${record.name} ${record.type} ${record.value}`,
        description: record.description,
      });
    }
    new CfnOutput(this, 'SchedulerDlqUrl', { value: this.queues.schedulerDlq.queueUrl });
    // What the other alarms' runbooks act on (infra/runbook.ts): the names CloudFormation generated,
    // so the command in the alarm mail is complete once the output is pasted in.
    const runbookOutputs: [id: string, value: string, description: string][] = [
      ['RawMailBucketName', this.rawMail.bucket.bucketName, 'Raw mail as SES stored it: inbound/<SES message id>'],
      ['FeedbackDlqUrl', this.queues.feedbackDlq.queueUrl, 'FeedbackDlq: replayed to SesFeedbackFunctionName'],
      ['SesFeedbackFunctionName', this.sesFeedback.function.functionName, 'Replay target for FeedbackDlq messages'],
      ['ReleaseDlqArn', this.queues.releaseDlq.queueArn, 'aws sqs start-message-move-task --source-arn <this>'],
      ['ConfirmMailDlqArn', this.queues.confirmMailDlq.queueArn, 'aws sqs start-message-move-task --source-arn <this>'],
      [
        'ScanResultsDlqUrl',
        scanResultsDlq.queueUrl,
        'ScanResultsDlq: each body replayed to AttachmentScanFunctionName',
      ],
      ['AttachmentScanFunctionName', this.attachmentScan.function.functionName, 'Replay target for ScanResultsDlq'],
      [
        'LifecycleTimerFunctionName',
        this.lifecycle.timerFunction.function.functionName,
        'A failed timer in SchedulerDlq: its requestPayload replayed to <this>:timers',
      ],
      [
        'MonthlyReportFunctionName',
        this.reports.fn.function.functionName,
        'Re-run a report: invoke with {"from":"YYYY-MM-DD","to":"YYYY-MM-DD"}',
      ],
      [
        'MalwareProtectionPlanId',
        this.uploads.plan.ref,
        'GuardDuty Malware Protection plan of the webform uploads (get-malware-protection-plan: Status ACTIVE)',
      ],
      [
        'AccessLogsBucketName',
        this.rawMail.accessLogsBucket.bucketName,
        "S3 server access logs: uploads/ holds the uploads bucket's (who posted which key, from which IP)",
      ],
      [
        'ScheduleGroupName',
        this.queues.scheduleGroupName,
        'EventBridge Scheduler group of every schedule (sweeps, report, deferrals, timers)',
      ],
    ];
    for (const [id, value, description] of runbookOutputs) new CfnOutput(this, id, { value, description });

    // Last, once every construct has built its functions: without a configured origin, each function
    // that reads the sealed configuration gets the API's address beside it.
    if (config.webformOrigin === undefined) {
      for (const fn of this.node.findAll()) {
        if (fn instanceof OuvidoriaFunction && fn.readsConfig)
          fn.function.addEnvironment(ENV.webformOrigin, webformOrigin);
      }
    }
    this.keepProviderLogs(config.logRetentionDays, removalPolicy);
  }

  /**
   * CDK's own functions (the bucket-emptying provider of a stack whose data is not retained) log to
   * `/aws/lambda/<name>`, a group Lambda creates on first run with no retention: kept forever, out of
   * the stack. Each is pointed at a group of the stack with the configured retention instead, as ours.
   */
  private keepProviderLogs(logRetentionDays: number, removalPolicy: RemovalPolicy): void {
    for (const id of CDK_PROVIDERS) {
      const provider = this.node.tryFindChild(id);
      if (!provider) continue;
      const handler = provider.node.findChild('Handler') as CfnResource;
      const group = new logs.LogGroup(this, `${id.replace(/\W/g, '')}Logs`, {
        retention: logRetentionDays as logs.RetentionDays,
        removalPolicy,
      });
      handler.addPropertyOverride('LoggingConfig', { LogGroup: group.logGroupName });
    }
  }

  /** The intake reads raw mail, and only what SES wrote under inbound/. */
  private grantIntakeRead(role: iam.Role): void {
    const inbound = this.rawMail.bucket.arnForObjects(`${RAW_MAIL_PREFIX}*`);
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ sid: 'ReadRawMail', actions: ['s3:GetObject'], resources: [inbound] }),
    );
    // Without ListBucket, S3 answers 403 AccessDenied for a missing key instead of 404 NoSuchKey, and the
    // intake could not tell "mail not there (yet)" from a permission problem. The bucket holds only raw
    // mail, whose keys (SES message ids) the intake may read anyway.
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'TellMissingRawMail',
        actions: ['s3:ListBucket'],
        resources: [this.rawMail.bucket.bucketArn],
      }),
    );
    Validations.of(role).acknowledge({
      id: wildcardResourceFinding(role, inbound),
      reason:
        'Object keys are SES message ids, unknown in advance; the wildcard is confined to the inbound/ prefix of the raw-mail bucket and the action to s3:GetObject.',
    });
  }

  /**
   * Retention tags on raw mail under inbound/: tag in place (redirected) or copy onto itself with the
   * tag (closed case: read, write, tag). `withRead` adds the read the copy needs for a function
   * that has none yet.
   */
  private grantRawMailRetention(role: iam.Role, withRead: boolean): void {
    const inbound = this.rawMail.bucket.arnForObjects(`${RAW_MAIL_PREFIX}*`);
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'TagRawMailRetention',
        actions: [...(withRead ? ['s3:GetObject'] : []), 's3:PutObject', 's3:PutObjectTagging'],
        resources: [inbound],
      }),
    );
    Validations.of(role).acknowledge({
      id: wildcardResourceFinding(role, inbound),
      reason:
        'Object keys are SES message ids, unknown in advance; the wildcard is confined to the inbound/ prefix of the raw-mail bucket, and the actions to rewriting an object with its LGPD retention tag.',
    });
  }

  /** Deferral: create one-time schedules in our group only, passing only the scheduler role. */
  private grantDeferral(role: iam.Role, groupName: string): void {
    const schedules = this.formatArn({ service: 'scheduler', resource: 'schedule', resourceName: `${groupName}/*` });
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'CreateDeferralSchedules',
        actions: ['scheduler:CreateSchedule'],
        resources: [schedules],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'PassSchedulerRole',
        actions: ['iam:PassRole'],
        resources: [this.queues.schedulerRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );
    Validations.of(role).acknowledge({
      id: wildcardResourceFinding(role, schedules),
      reason:
        'Schedule names are made per case at run time; the wildcard is confined to the deferral schedule group and the action to scheduler:CreateSchedule.',
    });
  }
}
