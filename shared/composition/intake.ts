/**
 * The intake service's dependencies (email and webform): the one place they are built. Callers
 * pass only what differs from production (a local queue, a fixed clock, a recording mailer).
 */
import { traced } from '../adapters/tracing';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoBounceCounter } from '../adapters/dynamo/bounce-counter';
import { DynamoHeldReplies } from '../adapters/dynamo/held-replies';
import { DynamoReplyThrottle } from '../adapters/dynamo/reply-throttle';
import { TableTicketDirectory } from '../adapters/dynamo/ticket-table-directory';
import { DynamoSenderOpenCases } from '../adapters/dynamo/sender-open-cases';
import { SqsAssignmentQueue } from '../adapters/sqs-assignment-queue';
import { ZendeskTicketDirectory } from '../adapters/zendesk-directory';
import { followUpNotifier } from '../app/follow-up';
import { citationNotifier } from '../app/citation';
import { DynamoRateLimiter } from '../adapters/dynamo/rate-limiter';
import type { IntakeDeps, IntakeTelemetry } from '../app/intake';
import type { AssignmentQueue, Clock, Mailer, TicketDirectory } from '../ports';
import { clockFrom, mailerFrom, tableClient, tableStores } from './clients';
import { messageTextStoreFrom } from './message-texts';
import { must, type Settings } from './settings';

export interface IntakeOverrides {
  client?: DynamoDBDocumentClient;
  clock?: Clock;
  mailer?: Mailer;
  queue?: AssignmentQueue;
  tickets?: TicketDirectory;
  telemetry?: IntakeTelemetry;
}

export function ticketDirectoryFrom(settings: Settings, client: DynamoDBDocumentClient): TicketDirectory {
  const directory = must(settings.ticketDirectory, 'ticketDirectory (TICKET_DIRECTORY)');
  if (directory.kind === 'table') return new TableTicketDirectory(client, settings.tableName);
  return new ZendeskTicketDirectory({
    subdomain: directory.subdomain,
    secretId: directory.secretId,
    secrets: traced(new SecretsManagerClient({})),
  });
}

export function buildIntakeDeps(settings: Settings, overrides: IntakeOverrides = {}): IntakeDeps {
  const client = overrides.client ?? tableClient(settings);
  const stores = tableStores(client, settings.tableName, settings.config.retention, messageTextStoreFrom(settings));
  const mailer = overrides.mailer ?? mailerFrom(settings);
  const config = settings.config;
  const clock = overrides.clock ?? clockFrom(settings);
  return {
    cases: stores.cases,
    // With the configuration: a release keeps the ticket claims for their reopen window.
    openCases: new DynamoSenderOpenCases(client, settings.tableName, () => clock.now(), config),
    tickets: overrides.tickets ?? ticketDirectoryFrom(settings, client),
    mailer,
    queue:
      overrides.queue ??
      new SqsAssignmentQueue(traced(new SQSClient({})), must(settings.assignmentQueueUrl, 'assignmentQueueUrl')),
    throttle: new DynamoReplyThrottle(client, settings.tableName),
    bounces: stores.bounces,
    bounceCounter: new DynamoBounceCounter(client, settings.tableName),
    heldReplies: new DynamoHeldReplies(client, settings.tableName),
    clock,
    config,
    telemetry: overrides.telemetry,
    onFollowUp: followUpNotifier({ cases: stores.cases, staff: stores.staff, mailer, config }),
    onCitation: citationNotifier({
      cases: stores.cases,
      staff: stores.staff,
      mailer,
      limiter: new DynamoRateLimiter(client, settings.tableName),
      clock,
      config,
    }),
  };
}
