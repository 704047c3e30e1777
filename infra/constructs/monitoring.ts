import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { REPLY_HELD_BY_BREAKER } from '../../shared/domain/case';
import { OUTCOMES } from '../../shared/domain/outcome';
import { SCANNER_FAULT_STATUSES } from '../../shared/domain/uploads/plan';
import { METRIC, metricsNamespaceOf, SERVICE } from '../names';
import { alarmDescription, alarmNameOf, runbookFor } from '../runbook';
import { DLQ_REDRIVE_MARGIN, DLQ_RETENTION } from './queues';

export interface MonitoredFunction {
  readonly name: string;
  readonly fn: lambda.IFunction;
  /** The function's timeout: a run longer than DURATION_ALARM_RATIO of it pages before one times out. */
  readonly timeout: Duration;
  /** Invoked asynchronously (SES, SNS, Scheduler): alarm on events Lambda dropped. */
  readonly asyncInvoked: boolean;
}

/** Share of the timeout above which the longest run of a function pages someone. */
export const DURATION_ALARM_RATIO = 0.8;
/** SES reviews an account at a 5 % bounce rate (paused at 10 %) and 0.1 % complaints (paused at 0.5 %): it pages. */
export const SES_BOUNCE_RATE_ALARM = 0.05;
export const SES_COMPLAINT_RATE_ALARM = 0.001;
/**
 * The early warning (NOTIFY), under half the review levels: SES asks senders to stay under 2 % bounces
 * and well under 0.1 % complaints. A spam wave with forged senders (each gets an acknowledgement that
 * bounces) climbs from here to the review level in hours to days; this leaves the office time to act.
 */
export const SES_BOUNCE_RATE_WARNING = 0.02;
export const SES_COMPLAINT_RATE_WARNING = 0.0005;
/**
 * Retryable send failures of automatic replies in an hour that page: a burst over the sending rate
 * retries and passes; a paused account (or a long SES outage) fails every send.
 */
export const SES_SENDING_FAILURES_PER_HOUR = 5;
/**
 * Hours (of the last TICKET_DIRECTORY_WINDOW_HOURS) with a case whose ticket the directory could not
 * check that page someone: wrong or revoked Zendesk credentials, or a long outage, leave every case
 * "não verificado" without any error; one blip of Zendesk does not page.
 */
export const TICKET_DIRECTORY_FAILING_HOURS = 2;
export const TICKET_DIRECTORY_WINDOW_HOURS = 6;
/**
 * Window of the AntivirusSilent alarm: files the webform claimed before their scan result, and not a
 * single GuardDuty result in the same window. A scan takes seconds to a few minutes, so an hour is
 * more than ten times that, and a dead scanner (plan in error, its EventBridge rule deleted) is known
 * the same morning. A false page needs every unscanned claim of the hour to fall within the scan
 * time of its end with no other result in it; the next hour clears it (the runbook says so).
 */
export const ANTIVIRUS_SILENT_WINDOW = Duration.hours(1);
/**
 * The effects sweep (lifecycle outbox) pages when the oldest case with a pending mail is older than
 * this: a live sweep leaves none older than a claim plus one run (minutes); an effect that keeps
 * failing, or a backlog the sweep cannot clear, crosses it.
 */
export const EFFECT_SWEEP_BEHIND = Duration.hours(1);
/** Sweep runs in a row without a report before paging: the schedule or its target stopped. */
export const EFFECT_SWEEP_MISSED_RUNS = 3;
/** dlq-watch runs in a row without a queue's age before its MessageExpiring alarm pages (the watch stopped). */
export const DLQ_WATCH_MISSED_RUNS = 3;

/** The form's limits the upload alarms follow (shared/domain/config.ts: attachments, limits). */
export interface UploadLimits {
  /** Files (so presigned policies) per POST /anexos. */
  readonly maxFiles: number;
  /** Bytes of one post's files together. */
  readonly maxTotalBytes: number;
  /** POST /anexos and submissions of one client IP per hour (one budget). */
  readonly webformPerIpPerHour: number;
}

/** Windows of the upload alarms: a burst of re-posts is seen in minutes, a slow steady one in the hour. */
export const UPLOAD_POSTS_WINDOW = Duration.minutes(5);
export const UPLOAD_BYTES_WINDOW = Duration.hours(1);
/** Clients, each at its whole per-IP ceiling, whose honest uploads together still do not alarm. */
export const UPLOAD_ALARM_CLIENTS = 2;

/**
 * Upload traffic no honest use reaches. A presigned POST policy can be re-posted for its whole life
 * (attachments.uploadPolicySeconds); each post is a new object version that GuardDuty scans and bills
 * per GB (red teams 48 and 49). Honestly a policy is posted once. One client may ask for policies
 * webformPerIpPerHour times an hour (the per-IP limit counts POST /anexos), maxFiles each, and may
 * spend it all in one five minutes; with the defaults, 20 × 5 = 100 POSTs and 20 × 25 MB = 500 MB.
 * A merchant spends one or two posts of it (maxFilesPerSenderPerDay: 25 files a day per inbox).
 * The alarms fire past UPLOAD_ALARM_CLIENTS (2) clients at that ceiling:
 * - POSTs in 5 minutes > 2 × 20 × 5 = 200: forty five-file posts in five minutes, a pace of over
 *   11,000 posts a day, far beyond an ombudsman office's busiest day;
 * - bytes in an hour > 2 × 20 × 25 MB = 1,000 MB: forty posts at the 25 MB maximum in one hour
 *   (mailed files copied to uploads/ count here too, 25 MB a mail at most).
 * An abuser re-posting one policy set at 100 Mbps makes ~375 POSTs of 10 MB in 5 minutes (the POST
 * alarm); at 10 Mbps, 4.5 GB an hour (the bytes alarm); with tiny files, thousands of POSTs. Below
 * both (about 2 Mbps sustained) it costs at most ~24 GB scanned a day, which the MonthlyCost budget sees.
 */
export function uploadAlarmThresholds(limits: UploadLimits): { posts: number; bytes: number } {
  const perClient = limits.webformPerIpPerHour;
  return {
    posts: UPLOAD_ALARM_CLIENTS * perClient * limits.maxFiles,
    bytes: UPLOAD_ALARM_CLIENTS * perClient * limits.maxTotalBytes,
  };
}

export interface MonitoringProps {
  /** The environment: the sender name of every alarm mail, so a shared recipient tells staging from production. */
  readonly envName: string;
  readonly alarmEmails: string[];
  readonly topicKey: kms.IKey;
  readonly functions: MonitoredFunction[];
  readonly deadLetterQueues: { name: string; queue: sqs.IQueue }[];
  readonly assignmentQueue: sqs.IQueue;
  readonly assignmentQueueMaxAge: Duration;
  readonly quarantinedMailPerHour: number;
  /** Consecutive hours above quarantinedMailPerHour before paging (one spam wave alone does not). */
  readonly quarantinedMailHours: number;
  readonly webformApi: apigw.HttpApi;
  readonly table: dynamodb.ITable;
  readonly scheduleGroupName: string;
  /** How often the effects sweep runs (EFFECT_SWEEP_MINUTES): each run publishes its lag. */
  readonly effectSweepInterval: Duration;
  /** How often the dlq-watch function counts the DLQs (DLQ_WATCH_MINUTES): each run publishes each age. */
  readonly dlqWatchInterval: Duration;
  /** The uploads bucket's request metrics on uploads/ (Uploads.metricUploads) and the form's limits. */
  readonly uploads: {
    readonly metric: (metricName: 'PostRequests' | 'BytesUploaded', period: Duration) => cloudwatch.Metric;
    readonly limits: UploadLimits;
  };
}

const FIVE_MINUTES = Duration.minutes(5);

/**
 * Age of a dead-lettered message that pages again: DLQ_REDRIVE_MARGIN before SQS deletes it. The
 * <Dlq>NotEmpty alarm notifies once, on the state change; a message nobody replayed would otherwise
 * vanish silently at DLQ_RETENTION.
 */
export const DLQ_MESSAGE_EXPIRING_AGE = Duration.seconds(DLQ_RETENTION.toSeconds() - DLQ_REDRIVE_MARGIN.toSeconds());

/** Custom metric emitted by a function through Powertools (EMF), with its `service` dimension. */
export function customMetric(
  namespace: string,
  metricName: string,
  service: string,
  options: { statistic?: string; period?: Duration; dimensions?: Record<string, string> } = {},
): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace,
    metricName,
    dimensionsMap: { service, ...options.dimensions },
    statistic: options.statistic ?? 'Sum',
    period: options.period ?? FIVE_MINUTES,
  });
}

/** Seconds a DLQ has held a message, as the dlq-watch function measures it (dimension `queue`: its SQS name). */
function dlqAgeMetric(namespace: string, queue: sqs.IQueue, period: Duration = FIVE_MINUTES): cloudwatch.Metric {
  return customMetric(namespace, METRIC.dlqOldestMessageSeconds, SERVICE.dlqWatch, {
    statistic: 'Maximum',
    period,
    dimensions: { queue: queue.queueName },
  });
}

/** A metric of EventBridge Scheduler for our schedule group. */
function schedulerMetric(metricName: string, scheduleGroupName: string): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: 'AWS/Scheduler',
    metricName,
    dimensionsMap: { ScheduleGroup: scheduleGroupName },
    statistic: 'Sum',
    period: FIVE_MINUTES,
  });
}

/**
 * Alarms to the on-call addresses and the operations dashboard. Every alarm treats missing data as
 * "not breaching" (no traffic is not an incident) and notifies again when it returns to OK.
 */
export class Monitoring extends Construct {
  readonly alarmTopic: sns.Topic;
  readonly dashboard: cloudwatch.Dashboard;
  readonly alarms: cloudwatch.Alarm[] = [];
  /** An alarm's name in this environment (infra/runbook.ts: its severity, then the environment). */
  readonly alarmNameOf: (alarmId: string) => string;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.alarmNameOf = (alarmId) => alarmNameOf(props.envName, alarmId);
    const namespace = metricsNamespaceOf(props.envName);

    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      displayName: `Ouvidoria alarms (${props.envName})`,
      masterKey: props.topicKey,
      enforceSSL: true,
    });
    // A topic policy replaces SNS's default one: without this statement CloudWatch could not publish and
    // every alarm would be silent. Only alarms of this account (confused-deputy guard).
    const stack = Stack.of(this);
    this.alarmTopic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarms',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.alarmTopic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: {
            'aws:SourceArn': stack.formatArn({
              service: 'cloudwatch',
              resource: 'alarm',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );
    for (const address of props.alarmEmails) {
      this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(address));
    }
    const notify = new cwActions.SnsAction(this.alarmTopic);

    const alarm = (
      alarmId: string,
      description: string,
      options: Omit<cloudwatch.AlarmProps, 'alarmDescription' | 'metric'> & { metric: cloudwatch.IMetric },
    ) => {
      const created = new cloudwatch.Alarm(this, alarmId, {
        // PAGE or NOTIFY first (runbook.ts, severityOf): the subject of the alarm mail says who it wakes.
        alarmName: this.alarmNameOf(alarmId),
        // What it measured, then what to do (infra/runbook.ts): the alarm email carries its runbook.
        alarmDescription: alarmDescription(description, runbookFor(alarmId)),
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        ...options,
      });
      created.addAlarmAction(notify);
      // "Back to normal" reaches the same people, so nobody keeps working an incident that is over.
      created.addOkAction(notify);
      this.alarms.push(created);
      return created;
    };

    for (const { name, queue } of props.deadLetterQueues) {
      alarm(`${name}NotEmpty`, `A message reached ${name}.`, {
        metric: queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        // A count, not events: no data says nothing about the queue. SQS stops publishing the metrics of
        // a queue no one touches for six hours, messages in it or not, and "missing = not breaching"
        // would then send "OK" while the message still waits. Only a datapoint (the queue drained by a
        // replay or a purge, which touches it) ends the alarm; an idle DLQ never alarmed stays in
        // INSUFFICIENT_DATA, which notifies no one.
        treatMissingData: cloudwatch.TreatMissingData.IGNORE,
      });
      alarm(
        `${name}MessageExpiring`,
        `A message has waited ${DLQ_MESSAGE_EXPIRING_AGE.toDays()} days in ${name}: SQS deletes it unread at ${DLQ_RETENTION.toDays()} days. Or the dlq-watch function, which measures it, has not for ${DLQ_WATCH_MISSED_RUNS} runs.`,
        {
          // The dlq-watch function's measure (shared/domain/dlq-watch.ts), not SQS's
          // ApproximateAgeOfOldestMessage: SQS publishes a queue's metrics only while it is active,
          // and a DLQ nobody touches holds its message silently. Each run publishes every DLQ's age,
          // zero for an empty one.
          metric: dlqAgeMetric(namespace, queue, props.dlqWatchInterval),
          threshold: DLQ_MESSAGE_EXPIRING_AGE.toSeconds(),
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: DLQ_WATCH_MISSED_RUNS,
          // A heartbeat, like EffectSweepStopped: no datapoint means the watch stopped (or could not
          // count this queue), and then nobody would know a message is about to expire.
          treatMissingData: cloudwatch.TreatMissingData.BREACHING,
        },
      );
    }

    for (const { name, fn, timeout, asyncInvoked } of props.functions) {
      alarm(`${name}Errors`, `The ${name} function failed (see its log group).`, {
        metric: fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
      });
      alarm(`${name}Throttles`, `The ${name} function was throttled.`, {
        metric: fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
      });
      alarm(
        `${name}DurationNearTimeout`,
        `A ${name} run took over ${DURATION_ALARM_RATIO * 100} % of its ${timeout.toSeconds()} s timeout: a timeout is next.`,
        {
          metric: fn.metricDuration({ period: FIVE_MINUTES, statistic: 'Maximum' }),
          threshold: Math.round(timeout.toMilliseconds() * DURATION_ALARM_RATIO),
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
        },
      );
      if (asyncInvoked) {
        alarm(`${name}AsyncEventsDropped`, `Lambda dropped asynchronous events of ${name} (too old or throttled).`, {
          metric: fn.metric('AsyncEventsDropped', { period: FIVE_MINUTES, statistic: 'Sum' }),
          threshold: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
        });
      }
    }

    alarm(
      'AssignmentQueueOldMessage',
      'Accepted cases have been waiting on the assignment queue longer than the configured minutes.',
      {
        metric: props.assignmentQueue.metricApproximateAgeOfOldestMessage({
          period: FIVE_MINUTES,
          statistic: 'Maximum',
        }),
        threshold: props.assignmentQueueMaxAge.toSeconds(),
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
      },
    );

    alarm('NoAnalystAvailable', 'A case found no active analyst during office hours: it stays QUEUED.', {
      metric: customMetric(namespace, METRIC.noAnalystAvailable, SERVICE.assignment),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    });

    // Escalations and reminders for the supervisors found none active: they went to nobody
    // (LifecycleTelemetry.noActiveSupervisor, from the timers and from mail that reached a case).
    alarm('NoActiveSupervisor', 'Mail for the supervisors found no active supervisor on the roster: sent to nobody.', {
      metric: new cloudwatch.MathExpression({
        expression: 'timer + email',
        usingMetrics: {
          timer: customMetric(namespace, METRIC.noActiveSupervisor, SERVICE.lifecycleTimer),
          email: customMetric(namespace, METRIC.noActiveSupervisor, SERVICE.emailIntake),
        },
        period: FIVE_MINUTES,
      }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    });

    alarm(
      'QuarantinedMail',
      'Mail was quarantined (unparseable, oversized, spam/virus or failed authentication) hour after hour.',
      {
        metric: customMetric(namespace, METRIC.quarantinedMail, SERVICE.emailIntake, { period: Duration.hours(1) }),
        threshold: props.quarantinedMailPerHour,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: props.quarantinedMailHours,
        datapointsToAlarm: props.quarantinedMailHours,
      },
    );

    // One is a defect: the mail is safe in quarantine (NOTIFY), but the intake cannot read its kind of mail.
    alarm(
      'PoisonMail',
      'The intake failed on a mail every try (crash, timeout, out of memory): it is quarantined unread.',
      {
        metric: customMetric(namespace, METRIC.poisonMailQuarantined, SERVICE.emailIntake, {
          period: Duration.hours(1),
        }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
      },
    );

    alarm(
      'TicketDirectoryFailing',
      'Cases were accepted with their ticket "não verificado": Zendesk failed or refused the credentials.',
      {
        metric: new cloudwatch.MathExpression({
          expression: 'email + webform',
          usingMetrics: {
            email: customMetric(namespace, METRIC.ticketUnverified, SERVICE.emailIntake, { period: Duration.hours(1) }),
            webform: customMetric(namespace, METRIC.ticketUnverified, SERVICE.webform, { period: Duration.hours(1) }),
          },
          period: Duration.hours(1),
        }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: TICKET_DIRECTORY_WINDOW_HOURS,
        datapointsToAlarm: TICKET_DIRECTORY_FAILING_HOURS,
      },
    );

    // Automatic replies SES did not take, from mail or the form (IntakeTelemetry.replyFailed).
    const replyFailures = (permanent: boolean) =>
      new cloudwatch.MathExpression({
        expression: 'email + webform',
        usingMetrics: {
          email: customMetric(namespace, METRIC.autoReplyFailed, SERVICE.emailIntake, {
            period: Duration.hours(1),
            dimensions: { permanent: String(permanent) },
          }),
          webform: customMetric(namespace, METRIC.autoReplyFailed, SERVICE.webform, {
            period: Duration.hours(1),
            dimensions: { permanent: String(permanent) },
          }),
        },
        period: Duration.hours(1),
      });
    alarm(
      'AutoReplyRefused',
      'SES refused an automatic reply for good (acknowledgement or guidance): the merchant got no answer.',
      {
        metric: replyFailures(true),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
      },
    );
    alarm(
      'SesSendingFailing',
      `At least ${SES_SENDING_FAILURES_PER_HOUR} automatic replies in an hour failed to send for a reason a retry may fix (throttled, or sending paused).`,
      {
        metric: replyFailures(false),
        threshold: SES_SENDING_FAILURES_PER_HOUR,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
      },
    );

    // The bounce breaker held a guidance reply (shared/domain/bounce-breaker.ts): our mail bounced
    // too often in the last hour, and every sender without a ticket now goes unanswered.
    alarm(
      'GuidanceHeldByBounceBreaker',
      'The bounce breaker is holding guidance replies: our mail bounced for good too often in the last hour.',
      {
        metric: new cloudwatch.MathExpression({
          expression: 'email + webform',
          usingMetrics: Object.fromEntries(
            (
              [
                ['email', SERVICE.emailIntake],
                ['webform', SERVICE.webform],
              ] as const
            ).map(([id, service]) => [
              id,
              customMetric(namespace, METRIC.autoReplySuppressed, service, {
                period: Duration.minutes(5),
                dimensions: { reason: REPLY_HELD_BY_BREAKER },
              }),
            ]),
          ),
          period: Duration.minutes(5),
        }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
      },
    );

    alarm('StaleCasesRequeued', 'The daily sweep found cases still QUEUED past the opening and re-queued them.', {
      metric: customMetric(namespace, METRIC.staleCasesRequeued, SERVICE.requeueStale, { period: Duration.days(1) }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    });

    // The lifecycle outbox: mail a run committed and never sent (a closing, an answer, a notice)
    // waits on the sweep. Each run reports the age of the oldest case still pending.
    const sweepLag = (statistic: string) =>
      customMetric(namespace, METRIC.effectsOldestPendingSeconds, SERVICE.lifecycleTimer, {
        statistic,
        period: props.effectSweepInterval,
      });
    alarm(
      'EffectSweepBehind',
      `Lifecycle mail committed over ${EFFECT_SWEEP_BEHIND.toHumanString()} ago is still unsent: an effect keeps failing or the sweep cannot keep up.`,
      {
        metric: sweepLag('Maximum'),
        threshold: EFFECT_SWEEP_BEHIND.toSeconds(),
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
      },
    );
    alarm(
      'EffectSweepStopped',
      `The effects sweep has not run for ${EFFECT_SWEEP_MISSED_RUNS} runs in a row: mail a dead run left pending is not being sent.`,
      {
        metric: sweepLag('SampleCount'),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        evaluationPeriods: EFFECT_SWEEP_MISSED_RUNS,
        // A heartbeat: the runs report every few minutes, so no data is the incident itself.
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      },
    );

    // GuardDuty answers every upload; a result that says it could not scan means no file uploaded
    // meanwhile can be read by the office (the bucket policy serves only files tagged clean).
    alarm(
      'AntivirusFailing',
      'GuardDuty could not scan a webform upload (ACCESS_DENIED or FAILED): the malware protection plan, its role or the bucket changed.',
      {
        metric: new cloudwatch.MathExpression({
          expression: SCANNER_FAULT_STATUSES.map((status) => status.toLowerCase().replace(/_/g, '')).join(' + '),
          usingMetrics: Object.fromEntries(
            SCANNER_FAULT_STATUSES.map((status) => [
              status.toLowerCase().replace(/_/g, ''),
              customMetric(namespace, METRIC.uploadScanFailed, SERVICE.attachmentScan, { dimensions: { status } }),
            ]),
          ),
          period: FIVE_MINUTES,
        }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
      },
    );

    // AntivirusFailing hears a scanner that answers "broken"; a scanner that answers nothing (the plan
    // in error, its managed EventBridge rule deleted) sends no result at all, and every file stays
    // PENDING. Claims without results say so; no claim (no upload, or every file scanned before its
    // submission) is no data, never an incident.
    alarm(
      'AntivirusSilent',
      `The webform claimed files still waiting for their antivirus result, and GuardDuty sent no scan result for ${ANTIVIRUS_SILENT_WINDOW.toHours()} hour: those files stay "pending" and the office cannot open them.`,
      {
        metric: new cloudwatch.MathExpression({
          expression: 'IF(claimed > 0 AND FILL(results, 0) == 0, claimed, 0)',
          usingMetrics: {
            claimed: customMetric(namespace, METRIC.uploadsClaimedUnscanned, SERVICE.webform, {
              period: ANTIVIRUS_SILENT_WINDOW,
            }),
            results: customMetric(namespace, METRIC.uploadScanResults, SERVICE.attachmentScan, {
              period: ANTIVIRUS_SILENT_WINDOW,
            }),
          },
          period: ANTIVIRUS_SILENT_WINDOW,
        }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
      },
    );

    // Re-posted upload policies (uploadAlarmThresholds): each post is a GuardDuty scan on the bill.
    const uploadThresholds = uploadAlarmThresholds(props.uploads.limits);
    alarm(
      'UploadPostsHigh',
      `Over ${uploadThresholds.posts} file POSTs reached the uploads bucket in ${UPLOAD_POSTS_WINDOW.toMinutes()} minutes, more than ${UPLOAD_ALARM_CLIENTS} clients at their per-IP ceiling: upload policies are being re-posted, each a new GuardDuty scan.`,
      {
        metric: props.uploads.metric('PostRequests', UPLOAD_POSTS_WINDOW),
        threshold: uploadThresholds.posts,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
      },
    );
    alarm(
      'UploadBytesHigh',
      `Over ${Math.round(uploadThresholds.bytes / 2 ** 20)} MB reached the uploads bucket in ${UPLOAD_BYTES_WINDOW.toHours()} hour, more than ${UPLOAD_ALARM_CLIENTS} clients at their per-IP ceiling: upload policies are being re-posted (or mail with large files floods in), each a GuardDuty scan billed per GB.`,
      {
        metric: props.uploads.metric('BytesUploaded', UPLOAD_BYTES_WINDOW),
        threshold: uploadThresholds.bytes,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
      },
    );

    alarm('SchedulerTargetErrors', 'A schedule could not deliver to its target (retried, then its DLQ).', {
      metric: schedulerMetric('TargetErrorCount', props.scheduleGroupName),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    });
    alarm('SchedulerInvocationsLost', 'Scheduler dropped invocations or could not write them to the SchedulerDlq.', {
      metric: new cloudwatch.MathExpression({
        expression: 'dropped + dlqFailed',
        usingMetrics: {
          dropped: schedulerMetric('InvocationDroppedCount', props.scheduleGroupName),
          dlqFailed: schedulerMetric('InvocationsFailedToBeSentToDeadLetterCount', props.scheduleGroupName),
        },
        period: FIVE_MINUTES,
      }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    });

    // Account-level reputation (SES publishes it without dimensions); an hour of data at a time. The
    // review level pages; the warning under half of it notifies, days before SES acts.
    for (const [id, metricName, threshold, means] of [
      ['SesBounceRate', 'Reputation.BounceRate', SES_BOUNCE_RATE_ALARM, 'SES reviews (then pauses) sending above it.'],
      [
        'SesComplaintRate',
        'Reputation.ComplaintRate',
        SES_COMPLAINT_RATE_ALARM,
        'SES reviews (then pauses) sending above it.',
      ],
      [
        'SesBounceRateRising',
        'Reputation.BounceRate',
        SES_BOUNCE_RATE_WARNING,
        `early warning: SES reviews the account at ${SES_BOUNCE_RATE_ALARM * 100} % and may pause all its sending at 10 %.`,
      ],
      [
        'SesComplaintRateRising',
        'Reputation.ComplaintRate',
        SES_COMPLAINT_RATE_WARNING,
        `early warning: SES reviews the account at ${SES_COMPLAINT_RATE_ALARM * 100} % and may pause all its sending at 0.5 %.`,
      ],
    ] as const) {
      alarm(id, `SES ${metricName} reached ${Number((threshold * 100).toPrecision(2))} %: ${means}`, {
        metric: new cloudwatch.Metric({
          namespace: 'AWS/SES',
          metricName,
          statistic: 'Maximum',
          period: Duration.hours(1),
        }),
        threshold,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
      });
    }

    alarm('TableThrottles', 'DynamoDB throttled reads or writes of the case table.', {
      metric: new cloudwatch.MathExpression({
        expression: 'reads + writes',
        usingMetrics: {
          reads: props.table.metric('ReadThrottleEvents', { statistic: 'Sum', period: FIVE_MINUTES }),
          writes: props.table.metric('WriteThrottleEvents', { statistic: 'Sum', period: FIVE_MINUTES }),
        },
        period: FIVE_MINUTES,
      }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    });

    alarm('WebformServerErrors', 'The webform HTTP API (form, merchant pages, console) answered 5xx.', {
      metric: props.webformApi.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    });

    this.dashboard = this.buildDashboard(props);
  }

  private buildDashboard(props: MonitoringProps): cloudwatch.Dashboard {
    const namespace = metricsNamespaceOf(props.envName);
    const hour = Duration.hours(1);
    const hourSeconds = hour.toSeconds();
    // SEARCH, not fixed metrics: Submissions carries `service`, `outcome` and `channel`, and the sum per
    // outcome must not depend on which channels and services exist.
    const perOutcome = OUTCOMES.map(
      (outcome) =>
        new cloudwatch.MathExpression({
          expression: `SUM(SEARCH('{${namespace},channel,outcome,service} MetricName="${METRIC.submissions}" outcome="${outcome}"', 'Sum', ${hourSeconds}))`,
          label: outcome,
          period: hour,
        }),
    );
    const suppressed = new cloudwatch.MathExpression({
      expression: `SEARCH('{${namespace},reason,service} MetricName="${METRIC.autoReplySuppressed}"', 'Sum', ${hourSeconds})`,
      label: '',
      period: hour,
    });
    const timeToAssignment = ['p50', 'p90', 'Maximum'].map((statistic) =>
      customMetric(namespace, METRIC.timeToAssignmentSeconds, SERVICE.assignment, { statistic, period: hour }).with({
        label: statistic,
      }),
    );

    const dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { defaultInterval: Duration.days(7) });
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Cases per outcome (email + webform, per hour)',
        left: perOutcome,
        stacked: true,
        width: 24,
      }),
    );
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({ title: 'Time to assignment (seconds)', left: timeToAssignment, width: 12 }),
      new cloudwatch.GraphWidget({ title: 'Automatic replies suppressed (per reason)', left: [suppressed], width: 12 }),
    );
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Dead-letter queues (messages visible)',
        left: props.deadLetterQueues.map(({ name, queue }) =>
          queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', label: name }),
        ),
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Assignment queue: age of oldest message (seconds)',
        left: [props.assignmentQueue.metricApproximateAgeOfOldestMessage({ statistic: 'Maximum' })],
        width: 12,
      }),
    );
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: `Dead-letter queues: age of oldest message (seconds, measured by dlq-watch; SQS deletes it at ${DLQ_RETENTION.toDays()} days)`,
        left: props.deadLetterQueues.map(({ name, queue }) => dlqAgeMetric(namespace, queue).with({ label: name })),
        leftAnnotations: [
          { value: DLQ_MESSAGE_EXPIRING_AGE.toSeconds(), label: 'MessageExpiring' },
          { value: DLQ_RETENTION.toSeconds(), label: 'Deleted by SQS' },
        ],
        width: 24,
      }),
    );
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Function errors',
        left: props.functions.map(({ name, fn }) => fn.metricErrors({ statistic: 'Sum', label: name })),
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Quarantined mail, no analyst available, stale cases re-queued',
        left: [
          customMetric(namespace, METRIC.quarantinedMail, SERVICE.emailIntake).with({ label: 'QuarantinedMail' }),
          customMetric(namespace, METRIC.noAnalystAvailable, SERVICE.assignment).with({ label: 'NoAnalystAvailable' }),
          customMetric(namespace, METRIC.staleCasesRequeued, SERVICE.requeueStale).with({
            label: 'StaleCasesRequeued',
          }),
        ],
        width: 12,
      }),
    );
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Effects sweep: oldest unsent lifecycle mail (seconds)',
        left: [
          customMetric(namespace, METRIC.effectsOldestPendingSeconds, SERVICE.lifecycleTimer, {
            statistic: 'Maximum',
            period: props.effectSweepInterval,
          }).with({ label: 'EffectsOldestPendingSeconds' }),
        ],
        leftAnnotations: [{ value: EFFECT_SWEEP_BEHIND.toSeconds(), label: 'EffectSweepBehind' }],
        width: 24,
      }),
    );
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Antivirus: files claimed before their scan result, and scan results',
        left: [
          customMetric(namespace, METRIC.uploadsClaimedUnscanned, SERVICE.webform, { period: hour }).with({
            label: 'UploadsClaimedUnscanned',
          }),
          customMetric(namespace, METRIC.uploadScanResults, SERVICE.attachmentScan, { period: hour }).with({
            label: 'UploadScanResults',
          }),
          ...SCANNER_FAULT_STATUSES.map((status) =>
            customMetric(namespace, METRIC.uploadScanFailed, SERVICE.attachmentScan, {
              period: hour,
              dimensions: { status },
            }).with({
              label: `UploadScanFailed ${status}`,
            }),
          ),
        ],
        width: 24,
      }),
    );
    const uploadThresholds = uploadAlarmThresholds(props.uploads.limits);
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: `Uploads bucket: file POSTs per ${UPLOAD_POSTS_WINDOW.toMinutes()} minutes (left), bytes per hour (right)`,
        left: [props.uploads.metric('PostRequests', UPLOAD_POSTS_WINDOW).with({ label: 'PostRequests' })],
        right: [props.uploads.metric('BytesUploaded', UPLOAD_BYTES_WINDOW).with({ label: 'BytesUploaded' })],
        leftAnnotations: [{ value: uploadThresholds.posts, label: 'UploadPostsHigh' }],
        rightAnnotations: [{ value: uploadThresholds.bytes, label: 'UploadBytesHigh' }],
        width: 24,
      }),
    );
    return dashboard;
  }
}
