/**
 * The assignment function's dependencies. Its mailer relays the opening mail's files with the
 * analyst's notice (mailparser reads them from the stored raw mail); a webform's files are
 * downloaded from the console.
 */
import { traced } from '../adapters/tracing';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { withRelayedAttachments } from '../adapters/attachment-relay';
import { S3RawMailStore } from '../adapters/s3-raw-mail-store';
import { EventBridgeDeferralScheduler } from '../adapters/scheduler-deferral';
import type { AssignCaseDeps } from '../app/assign-case';
import type { ReadMailFiles } from '../mail/mail-files';
import type { Clock, DeferralScheduler, Mailer, RawMailStore } from '../ports';
import { clockFrom, mailerFrom, tableClient } from './clients';
import { tableStoresFor } from './message-texts';
import { buildLifecycleDeps } from './lifecycle';
import { must, type Settings } from './settings';

export interface AssignmentOverrides {
  client?: DynamoDBDocumentClient;
  clock?: Clock;
  mailer?: Mailer;
  scheduler?: DeferralScheduler;
  /** The lifecycle's secret and timers; built from the settings when they name a reply secret. */
  lifecycle?: AssignCaseDeps['lifecycle'];
  /** Where the opening mail's files are read from (S3 on Lambda). */
  rawMail?: RawMailStore;
}
/** With a reply secret configured, assignment takes part in the lifecycle (reply address, timers). */
export async function buildAssignmentDeps(
  settings: Settings,
  overrides: AssignmentOverrides = {},
): Promise<Omit<AssignCaseDeps, 'telemetry'>> {
  const lifecycle =
    overrides.lifecycle ?? (settings.replySecret ? await buildLifecycleDeps(settings, overrides) : undefined);
  return {
    ...buildAssignmentCore(settings, overrides),
    ...(lifecycle ? { lifecycle: { secret: lifecycle.secret, timers: lifecycle.timers } } : {}),
  };
}

/**
 * mailparser loaded on the first notice that relays a merchant's files: most cases carry none,
 * and loading it cost the assignment's module load about 30 ms (median 133 against 165 ms, issue
 * 16). A dynamic import here, not in the relay: in the e-mail intake, which parses every mail,
 * it would wrap the parser's modules for lazy loading and grow that bundle.
 */
export const readMailFilesOnDemand: ReadMailFiles = async (raw) =>
  (await import('../mail/mail-files')).readMailFiles(raw);

function buildAssignmentCore(settings: Settings, overrides: AssignmentOverrides): Omit<AssignCaseDeps, 'telemetry'> {
  const stores = tableStoresFor(settings, overrides.client ?? tableClient(settings));
  const deadLetterArn = settings.scheduler?.deadLetterArn;
  const clock = overrides.clock ?? clockFrom(settings);
  return {
    config: settings.config,
    cases: stores.cases,
    staff: stores.staff,
    mailer: withRelayedAttachments(
      overrides.mailer ?? mailerFrom(settings),
      overrides.rawMail ?? new S3RawMailStore(traced(new S3Client({}))),
      readMailFilesOnDemand,
    ),
    scheduler:
      overrides.scheduler ??
      new EventBridgeDeferralScheduler({
        client: traced(new SchedulerClient({})),
        groupName: must(settings.scheduler, 'scheduler').group,
        roleArn: must(settings.scheduler, 'scheduler').roleArn,
        queueArn: must(settings.assignmentQueueArn, 'assignmentQueueArn'),
        ...(deadLetterArn ? { deadLetterArn } : {}),
      }),
    clock,
  };
}
