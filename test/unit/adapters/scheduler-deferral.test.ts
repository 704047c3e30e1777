import {
  ConflictException,
  CreateScheduleCommand,
  SchedulerClient,
  ValidationException,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  EventBridgeDeferralScheduler,
  scheduleExpressionFor,
  scheduleNameFor,
} from '../../../shared/adapters/scheduler-deferral';
import { ASSIGNMENT_MESSAGE_GROUP } from '../../../shared/adapters/sqs-assignment-queue';

const schedulerClient = new SchedulerClient({ region: 'us-east-1' });
const scheduler = mockClient(schedulerClient);

beforeEach(() => {
  scheduler.reset();
});

describe('EventBridgeDeferralScheduler', () => {
  const deferral = new EventBridgeDeferralScheduler({
    client: schedulerClient,
    groupName: 'ouvidoria',
    queueArn: 'arn:aws:sqs:us-east-1:123:assign',
    roleArn: 'arn:aws:iam::123:role/scheduler',
  });
  const message = { caseId: 'email:0100018e-abc@x', protocol: 'OUV-2026-000123' };

  it.each([
    // Opening Monday 09:00 in São Paulo = 12:00 UTC (UTC-3, no DST since 2019).
    ['2026-03-02T12:00:00.000Z', 'at(2026-03-02T09:00:00)'],
    // Rounded up: never before the instant.
    ['2026-03-02T12:00:00.001Z', 'at(2026-03-02T09:00:01)'],
    // Crosses midnight into the previous local day.
    ['2026-01-01T02:30:00.000Z', 'at(2025-12-31T23:30:00)'],
  ])('%s → %s', (iso, expected) => {
    expect(scheduleExpressionFor(new Date(iso))).toBe(expected);
  });

  it('names schedules deterministically, safely and distinctly', () => {
    const at = new Date('2026-03-02T12:00:00Z');
    const name = scheduleNameFor(message.caseId, at);
    expect(name).toBe(scheduleNameFor(message.caseId, new Date(at)));
    expect(name).toMatch(/^[0-9a-zA-Z_.-]{1,64}$/);
    expect(scheduleNameFor('email:a@b', at)).not.toBe(scheduleNameFor('email:a_b', at));
    expect(scheduleNameFor(message.caseId, new Date('2026-03-03T12:00:00Z'))).not.toBe(name);
    expect(scheduleNameFor(`webform:${'x'.repeat(500)}`, at).length).toBeLessThanOrEqual(64);
  });

  it('creates a one-time schedule to the queue in the office time zone', async () => {
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn' });
    await deferral.scheduleAt(message, new Date('2026-03-02T12:00:00Z'));
    expect(scheduler.commandCalls(CreateScheduleCommand)[0]!.args[0].input).toEqual({
      Name: scheduleNameFor(message.caseId, new Date('2026-03-02T12:00:00Z')),
      GroupName: 'ouvidoria',
      ScheduleExpression: 'at(2026-03-02T09:00:00)',
      ScheduleExpressionTimezone: 'America/Sao_Paulo',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: 'arn:aws:sqs:us-east-1:123:assign',
        RoleArn: 'arn:aws:iam::123:role/scheduler',
        Input: JSON.stringify(message),
      },
    });
  });

  it('targets a FIFO queue with the assignment group, with a retry policy and a DLQ when one is given', async () => {
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn' });
    const fifo = new EventBridgeDeferralScheduler({
      client: schedulerClient,
      groupName: 'ouvidoria',
      queueArn: 'arn:aws:sqs:us-east-1:123:assign.fifo',
      roleArn: 'arn:aws:iam::123:role/scheduler',
      deadLetterArn: 'arn:aws:sqs:us-east-1:123:scheduler-dlq',
    });
    await fifo.scheduleAt(message, new Date('2026-03-02T12:00:00Z'));
    expect(scheduler.commandCalls(CreateScheduleCommand)[0]!.args[0].input.Target).toEqual({
      Arn: 'arn:aws:sqs:us-east-1:123:assign.fifo',
      RoleArn: 'arn:aws:iam::123:role/scheduler',
      Input: JSON.stringify(message),
      SqsParameters: { MessageGroupId: ASSIGNMENT_MESSAGE_GROUP },
      DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:123:scheduler-dlq' },
      RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 3600 },
    });
  });

  it('treats ConflictException as already scheduled, propagates other errors', async () => {
    scheduler
      .on(CreateScheduleCommand)
      .rejectsOnce(
        new ConflictException({
          message: 'Schedule already exists',
          Message: 'Schedule already exists',
          $metadata: {},
        }),
      )
      .rejectsOnce(new ValidationException({ message: 'bad', Message: 'bad', $metadata: {} }));
    await expect(deferral.scheduleAt(message, new Date('2026-03-02T12:00:00Z'))).resolves.toBeUndefined();
    await expect(deferral.scheduleAt(message, new Date('2026-03-02T12:00:00Z'))).rejects.toBeInstanceOf(
      ValidationException,
    );
    await expect(deferral.scheduleAt(message, new Date('nope'))).rejects.toThrow(/Invalid/);
  });
});
