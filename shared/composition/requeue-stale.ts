/** The daily sweep's dependencies: the case index and the assignment queue. */
import { traced } from '../adapters/tracing';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SqsAssignmentQueue } from '../adapters/sqs-assignment-queue';
import type { RequeueStaleDeps } from '../app/requeue-stale';
import { officeCalendar } from '../domain/calendar';
import type { AssignmentQueue, Clock } from '../ports';
import { clockFrom, tableClient, tableStores } from './clients';
import { messageTextStoreFrom } from './message-texts';
import { must, type Settings } from './settings';

export function buildRequeueStaleDeps(
  settings: Settings,
  overrides: { clock?: Clock; queue?: AssignmentQueue } = {},
): RequeueStaleDeps {
  return {
    cases: tableStores(
      tableClient(settings),
      settings.tableName,
      settings.config.retention,
      messageTextStoreFrom(settings),
    ).cases,
    queue:
      overrides.queue ??
      new SqsAssignmentQueue(traced(new SQSClient({})), must(settings.assignmentQueueUrl, 'assignmentQueueUrl')),
    calendar: officeCalendar(settings.config, 'office'),
    clock: overrides.clock ?? clockFrom(settings),
  };
}
