import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, HeadObjectCommand, NoSuchKey, NotFound, S3Client } from '@aws-sdk/client-s3';
import {
  ConflictException,
  CreateScheduleCommand,
  SchedulerClient,
  ValidationException,
} from '@aws-sdk/client-scheduler';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FileRawMailStore, RawMailNotFound, S3RawMailStore } from '../../../shared/adapters/s3-raw-mail-store';
import {
  EventBridgeDeferralScheduler,
  scheduleExpressionFor,
  scheduleNameFor,
} from '../../../shared/adapters/scheduler-deferral';
import {
  ASSIGNMENT_MESSAGE_GROUP,
  deduplicationIdFor,
  SqsAssignmentQueue,
} from '../../../shared/adapters/sqs-assignment-queue';

const sqsClient = new SQSClient({ region: 'us-east-1' });
const s3Client = new S3Client({ region: 'us-east-1' });
const schedulerClient = new SchedulerClient({ region: 'us-east-1' });
const sqs = mockClient(sqsClient);
const s3 = mockClient(s3Client);
const scheduler = mockClient(schedulerClient);

beforeEach(() => {
  sqs.reset();
  s3.reset();
  scheduler.reset();
});

describe('SqsAssignmentQueue', () => {
  const queue = new SqsAssignmentQueue(sqsClient, 'https://sqs.us-east-1.amazonaws.com/123/assign');

  it('sends only caseId and protocol as JSON', async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm1' });
    await queue.enqueue({ caseId: 'email:abc', protocol: 'OUV-2026-000123', extra: 'x' } as never);
    const input = sqs.commandCalls(SendMessageCommand)[0]!.args[0].input;
    expect(input.QueueUrl).toBe('https://sqs.us-east-1.amazonaws.com/123/assign');
    expect(JSON.parse(input.MessageBody!)).toEqual({ caseId: 'email:abc', protocol: 'OUV-2026-000123' });
  });

  it('sends to a FIFO queue in the one assignment group, deduplicated per case', async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm1' });
    const fifo = new SqsAssignmentQueue(sqsClient, 'https://sqs.us-east-1.amazonaws.com/123/assign.fifo');
    await fifo.enqueue({ caseId: 'email:abc', protocol: 'OUV-2026-000123' });
    await fifo.enqueue({ caseId: 'email:def', protocol: 'OUV-2026-000124' });
    const [first, second] = sqs.commandCalls(SendMessageCommand).map((c) => c.args[0].input);
    expect(first).toMatchObject({
      MessageGroupId: ASSIGNMENT_MESSAGE_GROUP,
      MessageDeduplicationId: deduplicationIdFor('email:abc'),
    });
    expect(second!.MessageGroupId).toBe(ASSIGNMENT_MESSAGE_GROUP);
    expect(second!.MessageDeduplicationId).not.toBe(first!.MessageDeduplicationId);
    expect(first!.MessageDeduplicationId).toMatch(/^[0-9a-f]{64}$/);
  });

  it('sends no group or deduplication id to a standard queue (SQS would refuse the latter)', async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm1' });
    await queue.enqueue({ caseId: 'email:abc', protocol: 'OUV-2026-000123' });
    const input = sqs.commandCalls(SendMessageCommand)[0]!.args[0].input;
    expect(input).not.toHaveProperty('MessageGroupId');
    expect(input).not.toHaveProperty('MessageDeduplicationId');
  });

  it('propagates SQS errors', async () => {
    sqs.on(SendMessageCommand).rejects(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }));
    await expect(queue.enqueue({ caseId: 'c', protocol: 'p' })).rejects.toThrow('throttled');
  });
});

describe('S3RawMailStore', () => {
  const store = new S3RawMailStore(s3Client);
  const at = { bucket: 'raw-mail', key: 'inbound/abc' };

  it('reads the size from HeadObject and the bytes from GetObject', async () => {
    s3.on(HeadObjectCommand).resolves({ ContentLength: 1234 });
    const bytes = Buffer.from('From: a@b.com\r\nSubject: Olá\r\n\r\ncorpo', 'utf8');
    s3.on(GetObjectCommand).resolves({ Body: { transformToByteArray: async () => new Uint8Array(bytes) } as never });
    expect(await store.size(at)).toBe(1234);
    expect((await store.read(at)).equals(bytes)).toBe(true);
    expect(s3.commandCalls(GetObjectCommand)[0]!.args[0].input).toEqual({ Bucket: 'raw-mail', Key: 'inbound/abc' });
  });

  it('maps NoSuchKey / NotFound to RawMailNotFound and propagates other errors', async () => {
    s3.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} }));
    s3.on(HeadObjectCommand)
      .rejectsOnce(new NotFound({ message: 'NotFound', $metadata: {} }))
      .rejectsOnce(new Error('AccessDenied'));
    await expect(store.read(at)).rejects.toBeInstanceOf(RawMailNotFound);
    await expect(store.size(at)).rejects.toBeInstanceOf(RawMailNotFound);
    await expect(store.size(at)).rejects.toThrow('AccessDenied');
  });

  it('fails on an object without body or length', async () => {
    s3.on(GetObjectCommand).resolves({});
    s3.on(HeadObjectCommand).resolves({});
    await expect(store.read(at)).rejects.toThrow(/no body/);
    await expect(store.size(at)).rejects.toThrow(/ContentLength/);
  });
});

describe('FileRawMailStore', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'raw-mail-'));
    await mkdir(join(root, 'raw-mail', 'inbound'), { recursive: true });
    await writeFile(join(root, 'raw-mail', 'inbound', 'abc.eml'), 'Subject: Olá\r\n\r\ncorpo');
    await writeFile(join(root, 'secret.txt'), 'nope');
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('maps {bucket,key} to <root>/<bucket>/<key>', async () => {
    const store = new FileRawMailStore(root);
    const at = { bucket: 'raw-mail', key: 'inbound/abc.eml' };
    expect(await store.size(at)).toBe(Buffer.byteLength('Subject: Olá\r\n\r\ncorpo'));
    expect((await store.read(at)).toString('utf8')).toContain('Olá');
    await expect(store.read({ bucket: 'raw-mail', key: 'inbound/missing.eml' })).rejects.toBeInstanceOf(
      RawMailNotFound,
    );
    await expect(store.size({ bucket: 'raw-mail', key: 'inbound/missing.eml' })).rejects.toBeInstanceOf(
      RawMailNotFound,
    );
  });

  it.each([
    { bucket: 'raw-mail', key: '../secret.txt' },
    { bucket: 'raw-mail', key: 'inbound/../../secret.txt' },
    { bucket: 'raw-mail', key: '/etc/passwd' },
    { bucket: 'raw-mail', key: '..\\secret.txt' },
    { bucket: 'raw-mail', key: '' },
    { bucket: 'raw-mail', key: 'a\0b' },
    { bucket: '..', key: 'secret.txt' },
    { bucket: 'raw-mail/..', key: 'secret.txt' },
    { bucket: '', key: 'x' },
  ])('rejects traversal %j', async (location) => {
    const store = new FileRawMailStore(root);
    await expect(store.read(location)).rejects.toThrow(/Invalid/);
  });
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
