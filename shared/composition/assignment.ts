/** The assignment function's dependencies (no mail parser; the notice's files are downloaded from the console). */
import { traced } from '../adapters/tracing';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { EventBridgeDeferralScheduler } from '../adapters/scheduler-deferral';
import type { AssignCaseDeps } from '../app/assign-case';
import type { Clock, DeferralScheduler, Mailer } from '../ports';
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

function buildAssignmentCore(settings: Settings, overrides: AssignmentOverrides): Omit<AssignCaseDeps, 'telemetry'> {
  const stores = tableStoresFor(settings, overrides.client ?? tableClient(settings));
  const deadLetterArn = settings.scheduler?.deadLetterArn;
  const clock = overrides.clock ?? clockFrom(settings);
  return {
    config: settings.config,
    cases: stores.cases,
    staff: stores.staff,
    mailer: overrides.mailer ?? mailerFrom(settings),
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
