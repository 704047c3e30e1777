/**
 * The case lifecycle's dependencies (staff mail, merchant replies, timers, survey): one builder
 * for the email-intake, assignment, lifecycle-timer and console functions and the local stack (the
 * webform reads only the reply secret, for its signed links).
 * The reply secret is read once per container (Secrets Manager on AWS, a file locally).
 */
import { DynamoBounceRegistry } from '../adapters/dynamo/bounce-registry';
import { traced } from '../adapters/tracing';
import { readFile } from 'node:fs/promises';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoCaseWorkStore } from '../adapters/dynamo/case-work-store';
import { DynamoOpenCaseCounter } from '../adapters/dynamo/open-case-counter';
import { DynamoRateLimiter } from '../adapters/dynamo/rate-limiter';
import { DynamoSenderOpenCases } from '../adapters/dynamo/sender-open-cases';
import { RosterStaffDirectory } from '../adapters/dynamo/staff-directory';
import { DynamoSurveyStore } from '../adapters/dynamo/survey-store';
import { EventBridgeTimerScheduler } from '../adapters/scheduler-lifecycle-timers';
import type { LifecycleDeps } from '../app/lifecycle/commit';
import type { LifecycleTelemetry, TimerScheduler } from '../app/lifecycle/ports';
import type { ReplySecret } from '../domain/lifecycle/reply-address';
import { S3Client } from '@aws-sdk/client-s3';
import { S3RawMailRetention } from '../adapters/s3-raw-mail-retention';
import { S3UploadRetention } from '../adapters/s3-upload-retention';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SqsAssignmentQueue } from '../adapters/sqs-assignment-queue';
import type { AssignmentQueue, Clock, Mailer, RawMailRetention, UploadRetention } from '../ports';
import { clockFrom, mailerFrom, tableClient, tableStores } from './clients';
import { messageTextStoreFrom } from './message-texts';
import { must, type Settings } from './settings';

export interface LifecycleOverrides {
  client?: DynamoDBDocumentClient;
  clock?: Clock;
  mailer?: Mailer;
  timers?: TimerScheduler;
  secret?: ReplySecret;
  telemetry?: LifecycleTelemetry;
  rawMailRetention?: RawMailRetention;
}

/**
 * Raw-mail retention tags on AWS (the raw-mail bucket is configured and no emulator endpoint is):
 * the emulated stack keeps files with no lifecycle rules, so it tags nothing.
 */
export function rawMailRetentionFrom(settings: Settings): RawMailRetention | undefined {
  return settings.rawMail && !settings.dynamoEndpoint ? new S3RawMailRetention(traced(new S3Client({}))) : undefined;
}

/** Upload retention tags on AWS (the uploads bucket is configured and no emulator endpoint is). */
export function uploadRetentionFrom(settings: Settings): UploadRetention | undefined {
  return settings.uploadsBucket && !settings.dynamoEndpoint
    ? new S3UploadRetention(traced(new S3Client({})), settings.uploadsBucket)
    : undefined;
}

/** The assignment queue, when the function has one (the effects sweep re-queues unnotified assignments). */
export function assignmentQueueFrom(settings: Settings): AssignmentQueue | undefined {
  return settings.assignmentQueueUrl
    ? new SqsAssignmentQueue(traced(new SQSClient({})), settings.assignmentQueueUrl)
    : undefined;
}

/** A secret shorter than this is a placeholder or a mistake: refuse to sign with it. */
const MIN_SECRET_CHARS = 32;

export async function loadReplySecret(settings: Settings): Promise<string> {
  const where = must(settings.replySecret, 'replySecret (REPLY_SECRET_ARN or REPLY_SECRET_FILE)');
  const value =
    'arn' in where
      ? (await traced(new SecretsManagerClient({})).send(new GetSecretValueCommand({ SecretId: where.arn })))
          .SecretString
      : await readFile(where.file, 'utf8');
  const secret = (value ?? '').trim();
  if (secret.length < MIN_SECRET_CHARS)
    throw new Error(`The reply secret must have at least ${MIN_SECRET_CHARS} characters`);
  return secret;
}

export async function buildLifecycleDeps(
  settings: Settings,
  overrides: LifecycleOverrides = {},
): Promise<LifecycleDeps> {
  const client = overrides.client ?? tableClient(settings);
  const { cases, staff } = tableStores(
    client,
    settings.tableName,
    settings.config.retention,
    messageTextStoreFrom(settings),
  );
  const config = settings.config;
  const clock = overrides.clock ?? clockFrom(settings);
  // The closing releases the merchant's open case: with the reopen window, her ticket claims stay bounded.
  const openCases = new DynamoSenderOpenCases(client, settings.tableName, () => clock.now(), config);
  return {
    cases: new DynamoCaseWorkStore({
      client,
      tableName: settings.tableName,
      repository: cases,
      retention: config.retention,
    }),
    counter: new DynamoOpenCaseCounter(client, settings.tableName),
    staff: new RosterStaffDirectory({
      staff,
      supervisorIds: config.lifecycle.supervisorIds,
      supervisorAddresses: config.lifecycle.supervisorAddresses,
    }),
    mailer: overrides.mailer ?? mailerFrom(settings),
    timers: overrides.timers ?? timerSchedulerFrom(settings),
    surveys: new DynamoSurveyStore(client, settings.tableName, config.retention),
    ...withRetention(overrides.rawMailRetention ?? rawMailRetentionFrom(settings)),
    ...withUploadRetention(uploadRetentionFrom(settings)),
    openCases,
    noticeLimiter: new DynamoRateLimiter(client, settings.tableName),
    bounces: new DynamoBounceRegistry(client, settings.tableName),
    clock,
    config,
    secret: overrides.secret ?? (await loadReplySecret(settings)),
    ...(overrides.telemetry ? { telemetry: overrides.telemetry } : {}),
  };
}

function timerSchedulerFrom(settings: Settings): TimerScheduler {
  // The timer function itself never arms timers (and cannot name itself as their target).
  if (!settings.timerTargetArn) {
    return {
      schedule: async () => {
        throw new Error('This function is not set up to arm lifecycle timers (TIMER_TARGET_ARN is missing)');
      },
    };
  }
  return new EventBridgeTimerScheduler({
    client: traced(new SchedulerClient({})),
    groupName: must(settings.scheduleGroup, 'scheduleGroup'),
    roleArn: must(settings.timerRoleArn, 'timerRoleArn'),
    targetArn: must(settings.timerTargetArn, 'timerTargetArn'),
    ...(settings.schedulerDlqArn ? { deadLetterArn: settings.schedulerDlqArn } : {}),
  });
}

function withRetention(retention: RawMailRetention | undefined): { rawMailRetention?: RawMailRetention } {
  return retention ? { rawMailRetention: retention } : {};
}

function withUploadRetention(retention: UploadRetention | undefined): { uploadRetention?: UploadRetention } {
  return retention ? { uploadRetention: retention } : {};
}
