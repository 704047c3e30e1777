import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface QueuesProps {
  /** Timeout of the assignment function: the queue's visibility timeout is six times it. */
  readonly assignmentFunctionTimeout: Duration;
  readonly scheduleGroupName: string;
  readonly retainData: boolean;
}

const DLQ_RETENTION = Duration.days(14);
/**
 * Deliveries of one assignment message before it is parked in the DLQ. Generous because the
 * function runs with reserved concurrency 1: the SQS poller's throttled deliveries during a burst
 * count as receives too, and must not push healthy messages into the DLQ.
 */
export const ASSIGNMENT_MAX_RECEIVE_COUNT = 10;

/**
 * The assignment queue (accepted cases → assignment function), a dead-letter queue for every
 * asynchronous path, and the EventBridge Scheduler group and role that put deferred cases back on
 * the assignment queue at the next opening of the office.
 * Every queue: SQS-managed encryption (no key for producers to be granted), TLS-only policy.
 */
export class Queues extends Construct {
  readonly assignmentQueue: sqs.Queue;
  readonly assignmentDlq: sqs.Queue;
  /** Failed asynchronous invocations of the email intake (the original SES event, for replay). */
  readonly intakeDlq: sqs.Queue;
  /** Failed asynchronous invocations of the SES bounce/complaint handler. */
  readonly feedbackDlq: sqs.Queue;
  readonly scheduleGroup: scheduler.ScheduleGroup;
  /** Role the deferral schedules run as: it may only send to the assignment queue. */
  readonly schedulerRole: iam.Role;

  constructor(scope: Construct, id: string, props: QueuesProps) {
    super(scope, id);
    const dlq = (name: string, purpose: string): sqs.Queue => {
      const queue = new sqs.Queue(this, name, {
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: DLQ_RETENTION,
      });
      Validations.of(queue).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: `${purpose}; a dead-letter queue of its own would only hide failed messages one level deeper.`,
      });
      return queue;
    };

    this.assignmentDlq = dlq('AssignmentDlq', 'Dead-letter queue of the assignment queue');
    this.intakeDlq = dlq('IntakeDlq', 'Failure destination of the email intake asynchronous invocations');
    this.feedbackDlq = dlq('FeedbackDlq', 'Failure destination of the SES feedback asynchronous invocations');

    this.assignmentQueue = new sqs.Queue(this, 'AssignmentQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Lambda's guidance for SQS event sources: at least six times the function timeout, so a batch
      // retried after throttling is not made visible again while it is still being processed.
      visibilityTimeout: Duration.seconds(props.assignmentFunctionTimeout.toSeconds() * 6),
      retentionPeriod: DLQ_RETENTION,
      deadLetterQueue: { queue: this.assignmentDlq, maxReceiveCount: ASSIGNMENT_MAX_RECEIVE_COUNT },
    });

    this.scheduleGroup = new scheduler.ScheduleGroup(this, 'DeferralGroup', {
      scheduleGroupName: props.scheduleGroupName,
      removalPolicy: props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    const stack = Stack.of(this);
    this.schedulerRole = new iam.Role(this, 'SchedulerRole', {
      description: 'Assumed by the deferral schedules to put a case back on the assignment queue',
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        // Confused-deputy guard: only schedules of our group, in our account (the Scheduler guide says the
        // source ARN is the schedule group, never a schedule).
        conditions: {
          StringEquals: {
            'aws:SourceAccount': stack.account,
            'aws:SourceArn': this.scheduleGroup.scheduleGroupArn,
          },
        },
      }),
    });
    this.schedulerRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'SendToAssignmentQueue',
        actions: ['sqs:SendMessage'],
        resources: [this.assignmentQueue.queueArn],
      }),
    );
  }
}
