import { createHash } from 'node:crypto';
import { ConflictException, CreateScheduleCommand, type SchedulerClient } from '@aws-sdk/client-scheduler';
import { DateTime } from 'luxon';
import { zoneOption } from '../domain/time-zone';
import type { AssignmentMessage, DeferralScheduler } from '../ports';
import { ASSIGNMENT_MESSAGE_GROUP } from './sqs-assignment-queue';

/** Office-hours zone: the schedule expression is written in local time of the office. */
export const SCHEDULE_TIME_ZONE = 'America/Sao_Paulo';

export interface EventBridgeDeferralSchedulerOptions {
  client: SchedulerClient;
  groupName: string;
  /** ARN of the assignment queue (the schedule's target). */
  queueArn: string;
  /** Role EventBridge Scheduler assumes to send to the queue. */
  roleArn: string;
  /** Standard SQS queue for deliveries that still fail after the retry policy (with it, the policy is set). */
  deadLetterArn?: string;
}

/** Retry policy of every deferral schedule that has a dead-letter queue: ~1 h of retries, then the DLQ. */
export const DEFERRAL_RETRY_POLICY = { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 3600 } as const;

/**
 * `at(yyyy-MM-ddTHH:mm:ss)` in the office zone. Rounded up to the whole second so a deferral to
 * the opening instant never fires before it.
 */
export function scheduleExpressionFor(at: Date): string {
  const seconds = Math.ceil(at.getTime() / 1000);
  const local = DateTime.fromSeconds(seconds, { zone: zoneOption(SCHEDULE_TIME_ZONE) });
  return `at(${local.toFormat("yyyy-MM-dd'T'HH:mm:ss")})`;
}

/**
 * Deterministic per (caseId, at), within the API's limits ([0-9a-zA-Z-_.], ≤ 64 chars). The hash
 * keeps distinct ids distinct even when sanitising maps them to the same readable prefix.
 */
export function scheduleNameFor(caseId: string, at: Date): string {
  const seconds = Math.ceil(at.getTime() / 1000);
  const hash = createHash('sha256').update(`${caseId}\n${seconds}`).digest('hex').slice(0, 16);
  const readable = caseId.replace(/[^0-9a-zA-Z_.-]/g, '-').slice(0, 40);
  return `asg-${readable}-${hash}`;
}

/** Puts an assignment message back on the queue at a future instant (one-time schedule). */
export class EventBridgeDeferralScheduler implements DeferralScheduler {
  constructor(private readonly options: EventBridgeDeferralSchedulerOptions) {}

  async scheduleAt(message: AssignmentMessage, at: Date): Promise<void> {
    if (Number.isNaN(at.getTime())) throw new Error('Invalid schedule instant');
    try {
      await this.options.client.send(
        new CreateScheduleCommand({
          Name: scheduleNameFor(message.caseId, at),
          GroupName: this.options.groupName,
          ScheduleExpression: scheduleExpressionFor(at),
          ScheduleExpressionTimezone: SCHEDULE_TIME_ZONE,
          FlexibleTimeWindow: { Mode: 'OFF' },
          ActionAfterCompletion: 'DELETE',
          Target: {
            Arn: this.options.queueArn,
            RoleArn: this.options.roleArn,
            Input: JSON.stringify({ caseId: message.caseId, protocol: message.protocol }),
            // A FIFO target needs the group id (dedup is content-based on the queue).
            ...(this.options.queueArn.endsWith('.fifo')
              ? { SqsParameters: { MessageGroupId: ASSIGNMENT_MESSAGE_GROUP } }
              : {}),
            ...(this.options.deadLetterArn
              ? { DeadLetterConfig: { Arn: this.options.deadLetterArn }, RetryPolicy: { ...DEFERRAL_RETRY_POLICY } }
              : {}),
          },
        }),
      );
    } catch (error) {
      // Same name = same (caseId, at): scheduled already by an earlier delivery.
      if (error instanceof ConflictException || (error as Error).name === 'ConflictException') return;
      throw error;
    }
  }
}
