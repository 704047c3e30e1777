import {
  ConflictException,
  CreateScheduleCommand,
  SchedulerClient,
  ValidationException,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  EventBridgeTimerScheduler,
  LIFECYCLE_TIMER_MESSAGE_GROUP,
} from '../../../shared/adapters/scheduler-lifecycle-timers';
import { type LifecycleTimer, timerName } from '../../../shared/domain/lifecycle/deadlines';

const client = new SchedulerClient({ region: 'us-east-1' });
const scheduler = mockClient(client);
beforeEach(() => scheduler.reset());

const DUE = '2026-03-24T13:00:00.000Z';
const escalation: LifecycleTimer = {
  kind: 'escalation',
  caseId: 'email:0100019abcdef-lojadamaria',
  dueAt: DUE,
  at: new Date(DUE),
  name: timerName('escalation', 'email:0100019abcdef-lojadamaria', DUE),
};
const reminder: LifecycleTimer = {
  ...escalation,
  kind: 'reminder',
  at: new Date('2026-03-23T13:00:00.000Z'),
  name: timerName('reminder', escalation.caseId, DUE),
};
const base = { client, groupName: 'ouvidoria-lifecycle', roleArn: 'arn:aws:iam::123:role/scheduler' };

describe('EventBridgeTimerScheduler', () => {
  it('creates a one-time schedule named after the timer, targeting a Lambda', async () => {
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn' });
    const timers = new EventBridgeTimerScheduler({ ...base, targetArn: 'arn:aws:lambda:us-east-1:123:function:timer' });
    await timers.schedule(escalation);
    expect(scheduler.commandCalls(CreateScheduleCommand)[0]!.args[0].input).toEqual({
      Name: escalation.name,
      GroupName: 'ouvidoria-lifecycle',
      ScheduleExpression: 'at(2026-03-24T10:00:00)',
      ScheduleExpressionTimezone: 'America/Sao_Paulo',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: 'arn:aws:lambda:us-east-1:123:function:timer',
        RoleArn: 'arn:aws:iam::123:role/scheduler',
        Input: JSON.stringify({ kind: 'escalation', caseId: escalation.caseId, dueAt: DUE }),
      },
    });
  });

  it('sets the message group on a FIFO queue target, and the DLQ with its retry policy', async () => {
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn' });
    const timers = new EventBridgeTimerScheduler({
      ...base,
      targetArn: 'arn:aws:sqs:us-east-1:123:assignment.fifo',
      deadLetterArn: 'arn:aws:sqs:us-east-1:123:scheduler-dlq',
    });
    await timers.schedule(reminder);
    const target = scheduler.commandCalls(CreateScheduleCommand)[0]!.args[0].input.Target;
    expect(target?.SqsParameters).toEqual({ MessageGroupId: LIFECYCLE_TIMER_MESSAGE_GROUP });
    expect(target?.DeadLetterConfig).toEqual({ Arn: 'arn:aws:sqs:us-east-1:123:scheduler-dlq' });
    expect(target?.RetryPolicy).toEqual({ MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 3600 });
  });

  it('takes a ConflictException as "already scheduled" and rethrows anything else', async () => {
    const timers = new EventBridgeTimerScheduler({ ...base, targetArn: 'arn:aws:sqs:us-east-1:123:q' });
    scheduler
      .on(CreateScheduleCommand)
      .rejects(new ConflictException({ message: 'exists', Message: 'exists', $metadata: {} }));
    await expect(timers.schedule(escalation)).resolves.toBeUndefined();
    scheduler
      .on(CreateScheduleCommand)
      .rejects(new ValidationException({ message: 'bad', Message: 'bad', $metadata: {} }));
    await expect(timers.schedule(escalation)).rejects.toThrow('bad');
    await expect(timers.schedule({ ...escalation, at: new Date(Number.NaN) })).rejects.toThrow('Invalid');
  });
});
