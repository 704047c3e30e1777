import { ConflictException, CreateScheduleCommand, type SchedulerClient } from '@aws-sdk/client-scheduler';
import type { TimerScheduler } from '../app/lifecycle/ports';
import type { TimerEvent } from '../app/lifecycle/timers';
import type { LifecycleTimer } from '../domain/lifecycle/deadlines';
import { DEFERRAL_RETRY_POLICY, SCHEDULE_TIME_ZONE, scheduleExpressionFor } from './scheduler-deferral';

/** Message group of timer events sent to a FIFO queue (one group: timers are few and short). */
export const LIFECYCLE_TIMER_MESSAGE_GROUP = 'lifecycle-timers';

export interface EventBridgeTimerSchedulerOptions {
  client: SchedulerClient;
  groupName: string;
  /**
   * ARN of the target: an SQS queue (the assignment FIFO queue, whose consumer tells a timer
   * event `{ kind, caseId, dueAt }` from an assignment message by `kind`) or a Lambda function.
   */
  targetArn: string;
  /** Role EventBridge Scheduler assumes to send to / invoke the target. */
  roleArn: string;
  /** Standard SQS queue for deliveries that still fail after the retry policy (with it, the policy is set). */
  deadLetterArn?: string;
  /** Group id when the target is a FIFO queue (ARN ends with `.fifo`); default `lifecycle-timers`. */
  messageGroupId?: string;
}

/** The schedule's payload: what the lifecycle timer handler (`onTimer`) receives. */
export function timerEventOf(timer: LifecycleTimer): TimerEvent {
  return { kind: timer.kind, caseId: timer.caseId, dueAt: timer.dueAt };
}

/**
 * Reminders and escalations as one-time EventBridge Scheduler schedules (`at(...)`, deleted after
 * completion), as the assignment deferral does. Idempotent by name: `timer.name` is fixed per
 * (kind, case, due date), so a second `schedule` of the same timer meets ConflictException —
 * the schedule is already there. Never updated or cancelled: a stale timer finds another due
 * date on the case and does nothing.
 */
export class EventBridgeTimerScheduler implements TimerScheduler {
  constructor(private readonly options: EventBridgeTimerSchedulerOptions) {}

  async schedule(timer: LifecycleTimer): Promise<void> {
    if (Number.isNaN(timer.at.getTime())) throw new Error('Invalid schedule instant');
    const { targetArn, roleArn, deadLetterArn } = this.options;
    try {
      await this.options.client.send(
        new CreateScheduleCommand({
          Name: timer.name,
          GroupName: this.options.groupName,
          ScheduleExpression: scheduleExpressionFor(timer.at),
          ScheduleExpressionTimezone: SCHEDULE_TIME_ZONE,
          FlexibleTimeWindow: { Mode: 'OFF' },
          ActionAfterCompletion: 'DELETE',
          Target: {
            Arn: targetArn,
            RoleArn: roleArn,
            Input: JSON.stringify(timerEventOf(timer)),
            ...(targetArn.endsWith('.fifo')
              ? { SqsParameters: { MessageGroupId: this.options.messageGroupId ?? LIFECYCLE_TIMER_MESSAGE_GROUP } }
              : {}),
            ...(deadLetterArn
              ? { DeadLetterConfig: { Arn: deadLetterArn }, RetryPolicy: { ...DEFERRAL_RETRY_POLICY } }
              : {}),
          },
        }),
      );
    } catch (error) {
      if (error instanceof ConflictException || (error as Error).name === 'ConflictException') return;
      throw error;
    }
  }
}
