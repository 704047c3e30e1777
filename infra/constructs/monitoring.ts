import { Duration } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { OUTCOMES } from '../../shared/domain/outcome';
import { METRIC, METRICS_NAMESPACE, SERVICE } from '../names';

export interface MonitoredFunction {
  readonly name: string;
  readonly fn: lambda.IFunction;
  /**
   * Throttles that page someone within 5 minutes. 1 for every function but the assignment, whose
   * reserved concurrency of 1 makes a few throttles under a burst normal (SQS redelivers them).
   */
  readonly throttleThreshold: number;
}

export interface MonitoringProps {
  readonly alarmEmail: string;
  readonly topicKey: kms.IKey;
  readonly functions: MonitoredFunction[];
  readonly deadLetterQueues: { name: string; queue: sqs.IQueue }[];
  readonly assignmentQueue: sqs.IQueue;
  readonly assignmentQueueMaxAge: Duration;
  readonly quarantinedMailPerHour: number;
  readonly webformApi: apigw.HttpApi;
}

const FIVE_MINUTES = Duration.minutes(5);

/** Custom metric emitted by a function through Powertools (EMF), with its `service` dimension. */
export function customMetric(
  metricName: string,
  service: string,
  options: { statistic?: string; period?: Duration; dimensions?: Record<string, string> } = {},
): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { service, ...options.dimensions },
    statistic: options.statistic ?? 'Sum',
    period: options.period ?? FIVE_MINUTES,
  });
}

/**
 * Alarms to the on-call address and the operations dashboard. Every alarm treats missing data as
 * "not breaching": no traffic is not an incident.
 */
export class Monitoring extends Construct {
  readonly alarmTopic: sns.Topic;
  readonly dashboard: cloudwatch.Dashboard;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);

    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      displayName: 'Ouvidoria alarms',
      masterKey: props.topicKey,
      enforceSSL: true,
    });
    this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    const notify = new cwActions.SnsAction(this.alarmTopic);

    const alarm = (
      alarmId: string,
      description: string,
      options: cloudwatch.CreateAlarmOptions & { metric: cloudwatch.Metric },
    ) => {
      const { metric, ...rest } = options;
      const created = metric.createAlarm(this, alarmId, {
        alarmDescription: description,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        ...rest,
      });
      created.addAlarmAction(notify);
      this.alarms.push(created);
      return created;
    };

    for (const { name, queue } of props.deadLetterQueues) {
      alarm(`${name}NotEmpty`, `A message reached ${name}: inspect it and replay it (README, "Dead-letter queues").`, {
        metric: queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
      });
    }

    for (const { name, fn, throttleThreshold } of props.functions) {
      alarm(`${name}Errors`, `The ${name} function failed (see its log group).`, {
        metric: fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
      });
      alarm(`${name}Throttles`, `The ${name} function was throttled.`, {
        metric: fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
        threshold: throttleThreshold,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
      });
    }

    alarm(
      'AssignmentQueueOldMessage',
      'Accepted cases are waiting on the assignment queue: is the assignment function failing or throttled?',
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

    alarm(
      'NoAnalystAvailable',
      'A case found no active analyst during office hours: check the staff roster (npm run staff).',
      {
        metric: customMetric(METRIC.noAnalystAvailable, SERVICE.assignment),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
      },
    );

    alarm(
      'QuarantinedMail',
      'Mail was quarantined (unparseable, oversized, spam/virus or failed authentication): review it.',
      {
        metric: customMetric(METRIC.quarantinedMail, SERVICE.emailIntake, { period: Duration.hours(1) }),
        threshold: props.quarantinedMailPerHour,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
      },
    );

    alarm('WebformServerErrors', 'The webform answered 5xx.', {
      metric: props.webformApi.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    });

    this.dashboard = this.buildDashboard(props);
  }

  private buildDashboard(props: MonitoringProps): cloudwatch.Dashboard {
    const hour = Duration.hours(1);
    const hourSeconds = hour.toSeconds();
    // SEARCH, not fixed metrics: Submissions carries `service`, `outcome` and `channel`, and the sum per
    // outcome must not depend on which channels and services exist.
    const perOutcome = OUTCOMES.map(
      (outcome) =>
        new cloudwatch.MathExpression({
          expression: `SUM(SEARCH('{${METRICS_NAMESPACE},channel,outcome,service} MetricName="${METRIC.submissions}" outcome="${outcome}"', 'Sum', ${hourSeconds}))`,
          label: outcome,
          period: hour,
        }),
    );
    const suppressed = new cloudwatch.MathExpression({
      expression: `SEARCH('{${METRICS_NAMESPACE},reason,service} MetricName="${METRIC.autoReplySuppressed}"', 'Sum', ${hourSeconds})`,
      label: '',
      period: hour,
    });
    const timeToAssignment = ['p50', 'p90', 'Maximum'].map((statistic) =>
      customMetric(METRIC.timeToAssignmentSeconds, SERVICE.assignment, { statistic, period: hour }).with({
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
        title: 'Function errors',
        left: props.functions.map(({ name, fn }) => fn.metricErrors({ statistic: 'Sum', label: name })),
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Quarantined mail and no analyst available',
        left: [
          customMetric(METRIC.quarantinedMail, SERVICE.emailIntake).with({ label: 'QuarantinedMail' }),
          customMetric(METRIC.noAnalystAvailable, SERVICE.assignment).with({ label: 'NoAnalystAvailable' }),
        ],
        width: 12,
      }),
    );
    return dashboard;
  }
}
