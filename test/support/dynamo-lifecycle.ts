import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoOpenCaseCounter } from '../../shared/adapters/dynamo/open-case-counter';
import { DynamoStaffRepository } from '../../shared/adapters/dynamo/staff-repository';
import { RosterStaffDirectory } from '../../shared/adapters/dynamo/staff-directory';
import { DynamoSurveyStore } from '../../shared/adapters/dynamo/survey-store';
import type { LifecycleDeps } from '../../shared/app/lifecycle/commit';
import { officeCalendar } from '../../shared/domain/calendar';
import { localConfig } from '../../shared/domain/config';
import { RecordingMailer } from './fakes';
import { ROSTER, RecordingTimerScheduler, SECRET } from './lifecycle-fakes';

/**
 * The lifecycle's deps over the DynamoDB adapters of `table` (the dynalite suites): the roster put in
 * the table with Sofia supervising, its open-case counter and survey store, a recording mailer and
 * timer scheduler, the local config and the test secret. `cases` and `clock` are the suite's; any
 * other dep it gives replaces the default.
 */
export async function dynamoLifecycle(
  doc: DynamoDBDocumentClient,
  table: string,
  {
    mailer = new RecordingMailer(),
    ...given
  }: Pick<LifecycleDeps, 'cases' | 'clock'> & Partial<Omit<LifecycleDeps, 'mailer'>> & { mailer?: RecordingMailer },
) {
  const staffRepository = new DynamoStaffRepository(doc, table);
  for (const { role: _role, ...member } of ROSTER) await staffRepository.put(member);
  const counter = new DynamoOpenCaseCounter(doc, table);
  const timers = new RecordingTimerScheduler();
  const deps: LifecycleDeps = {
    counter,
    staff: new RosterStaffDirectory({ staff: staffRepository, supervisorIds: ['sofia'] }),
    mailer,
    timers,
    surveys: new DynamoSurveyStore(doc, table),
    config: localConfig,
    secret: SECRET,
    calendar: officeCalendar(localConfig),
    ...given,
  };
  return { deps, counter, mailer, timers, staffRepository };
}
