/**
 * Composition root shared by the Lambda handlers: builds the adapters from the environment
 * (names in shared/runtime-env.ts) once per container. Channel-specific clients (S3 for the
 * email intake, Scheduler for assignment) are built in their own handlers so that each bundle
 * carries only what it uses.
 */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { followUpNotifier } from '../app/follow-up';
import type { IntakeDeps, IntakeTelemetry } from '../app/intake';
import { type OuvidoriaConfig, parseConfig } from '../domain/config';
import { type Clock, systemClock, type TicketDirectory } from '../ports';
import { ENV } from '../runtime-env';
import { DynamoBounceRegistry } from './dynamo/bounce-registry';
import { DynamoCaseRepository } from './dynamo/case-repository';
import { documentClient } from './dynamo/client';
import { DynamoRateLimiter } from './dynamo/rate-limiter';
import { DynamoReplyThrottle } from './dynamo/reply-throttle';
import { DynamoStaffRepository } from './dynamo/staff-repository';
import { TableTicketDirectory } from './dynamo/ticket-table-directory';
import { SesMailer } from './ses-mailer';
import { SqsAssignmentQueue } from './sqs-assignment-queue';
import { ZendeskTicketDirectory } from './zendesk-directory';

type Env = NodeJS.ProcessEnv;

/** Dummy credentials for the local emulators: they check that a signature is there, not its key. */
export const EMULATOR_CLIENT = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };

export function requiredEnv(env: Env, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}

export function configFromEnv(env: Env = process.env): OuvidoriaConfig {
  return parseConfig(JSON.parse(requiredEnv(env, ENV.config)));
}

/** The system clock, or a fixed instant from OUVIDORIA_NOW (local runs and tests). */
export function clockFromEnv(env: Env = process.env): Clock {
  const fixed = env[ENV.now];
  if (!fixed) return systemClock;
  const at = new Date(fixed);
  if (Number.isNaN(at.getTime())) throw new Error(`${ENV.now} is not an ISO 8601 instant`);
  return { now: () => new Date(at) };
}

export interface Table {
  client: DynamoDBDocumentClient;
  tableName: string;
}

export function tableFromEnv(env: Env = process.env): Table {
  const endpoint = env[ENV.dynamoEndpoint];
  return { client: documentClient(endpoint ? { endpoint } : {}), tableName: requiredEnv(env, ENV.tableName) };
}

export function mailerFromEnv(env: Env = process.env): SesMailer {
  const endpoint = env[ENV.sesEndpoint];
  const configurationSetName = env[ENV.sesConfigurationSet];
  return new SesMailer({
    client: new SESv2Client(endpoint ? { endpoint, ...EMULATOR_CLIENT } : {}),
    ...(configurationSetName ? { configurationSetName } : {}),
  });
}

/** Zendesk on AWS; the table-backed directory for local runs and tests. */
export function ticketDirectoryFromEnv(env: Env, table: Table): TicketDirectory {
  const kind = env[ENV.ticketDirectory] ?? 'zendesk';
  if (kind === 'table') return new TableTicketDirectory(table.client, table.tableName);
  if (kind !== 'zendesk') throw new Error(`${ENV.ticketDirectory} must be "zendesk" or "table", not "${kind}"`);
  return new ZendeskTicketDirectory({
    subdomain: requiredEnv(env, ENV.zendeskSubdomain),
    secretId: requiredEnv(env, ENV.zendeskSecretArn),
    secrets: new SecretsManagerClient({}),
  });
}

/** Everything the intake service needs, for the email and webform handlers. */
export function intakeDepsFromEnv(env: Env = process.env, telemetry?: IntakeTelemetry): IntakeDeps {
  const config = configFromEnv(env);
  const table = tableFromEnv(env);
  const cases = new DynamoCaseRepository({ client: table.client, tableName: table.tableName });
  const mailer = mailerFromEnv(env);
  const staff = new DynamoStaffRepository(table.client, table.tableName);
  return {
    cases,
    tickets: ticketDirectoryFromEnv(env, table),
    mailer,
    queue: new SqsAssignmentQueue(new SQSClient({}), requiredEnv(env, ENV.assignmentQueueUrl)),
    throttle: new DynamoReplyThrottle(table.client, table.tableName),
    bounces: new DynamoBounceRegistry(table.client, table.tableName),
    clock: clockFromEnv(env),
    config,
    telemetry,
    onFollowUp: followUpNotifier({ cases, staff, mailer, config }),
  };
}

export function rateLimiterFromEnv(env: Env = process.env): DynamoRateLimiter {
  const table = tableFromEnv(env);
  return new DynamoRateLimiter(table.client, table.tableName);
}
