/** Composition root of the held-reply sweep (shared/app/held-replies.ts), run by the lifecycle-timer function. */
import { DynamoBounceCounter } from '../adapters/dynamo/bounce-counter';
import { DynamoHeldReplies } from '../adapters/dynamo/held-replies';
import { DynamoReplyThrottle } from '../adapters/dynamo/reply-throttle';
import { DynamoSenderOpenCases } from '../adapters/dynamo/sender-open-cases';
import type { HeldReplySweepDeps } from '../app/held-replies';
import type { IntakeTelemetry } from '../app/intake';
import type { Clock, ConfirmationMailRequests, Mailer } from '../ports';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SqsConfirmationMails } from '../adapters/sqs-confirmation-mails';
import { traced } from '../adapters/tracing';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { clockFrom, mailerFrom, tableClient, tableStores } from './clients';
import { messageTextStoreFrom } from './message-texts';
import type { Settings } from './settings';

export function buildHeldReplySweepDeps(
  settings: Settings,
  overrides: {
    client?: DynamoDBDocumentClient;
    clock?: Clock;
    mailer?: Mailer;
    confirmMails?: ConfirmationMailRequests;
    telemetry?: IntakeTelemetry;
  } = {},
): HeldReplySweepDeps {
  const client = overrides.client ?? tableClient(settings);
  const stores = tableStores(client, settings.tableName, settings.config.retention, messageTextStoreFrom(settings));
  const clock = overrides.clock ?? clockFrom(settings);
  const confirmMails =
    overrides.confirmMails ??
    (settings.confirmMailQueueUrl
      ? new SqsConfirmationMails(traced(new SQSClient({})), settings.confirmMailQueueUrl)
      : undefined);
  return {
    cases: stores.cases,
    // As the intake's: the lead's count of her open cases reads what the intake reads.
    openCases: new DynamoSenderOpenCases(client, settings.tableName, () => clock.now(), settings.config),
    mailer: overrides.mailer ?? mailerFrom(settings),
    throttle: new DynamoReplyThrottle(client, settings.tableName),
    bounces: stores.bounces,
    bounceCounter: new DynamoBounceCounter(client, settings.tableName),
    held: new DynamoHeldReplies(client, settings.tableName),
    ...(confirmMails ? { confirmMails } : {}),
    clock,
    config: settings.config,
    ...(overrides.telemetry ? { telemetry: overrides.telemetry } : {}),
  };
}
