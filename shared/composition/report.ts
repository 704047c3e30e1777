/**
 * The report's dependencies (monthly Lambda, `npm run report`): the status index, the survey
 * answers, the supervisors from the roster, the mailer and the report store (S3, or a directory).
 */
import { traced } from '../adapters/tracing';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoReportSource } from '../adapters/dynamo/report-source';
import { RosterStaffDirectory } from '../adapters/dynamo/staff-directory';
import { DirectoryReportStore, S3ReportStore } from '../adapters/report-store';
import type { PublishDeps, ReportStore } from '../app/report';
import { officeCalendar } from '../domain/calendar';
import type { Clock, Mailer } from '../ports';
import { clockFrom, mailerFrom, tableClient, tableStores } from './clients';
import type { Settings } from './settings';

import { REPORT_ENV, REPORT_PREFIX } from '../runtime-env';

export { REPORT_ENV, REPORT_PREFIX };

export function reportStoreFromEnv(env: Record<string, string | undefined>): ReportStore {
  const bucket = env[REPORT_ENV.bucket];
  if (!bucket) throw new Error(`Missing environment variable ${REPORT_ENV.bucket}`);
  return new S3ReportStore(traced(new S3Client({})), bucket, env[REPORT_ENV.prefix] ?? REPORT_PREFIX);
}

export function buildReportDeps(
  settings: Settings,
  overrides: { clock?: Clock; mailer?: Mailer; store?: ReportStore; outDir?: string } = {},
): PublishDeps {
  const client = tableClient(settings);
  const { staff } = tableStores(client, settings.tableName, settings.config.retention);
  const directory = new RosterStaffDirectory({
    staff,
    supervisorIds: settings.config.lifecycle.supervisorIds,
    supervisorAddresses: settings.config.lifecycle.supervisorAddresses,
  });
  return {
    source: new DynamoReportSource(client, settings.tableName),
    calendar: officeCalendar(settings.config, 'office'),
    clock: overrides.clock ?? clockFrom(settings),
    mailer: overrides.mailer ?? mailerFrom(settings),
    store:
      overrides.store ??
      (overrides.outDir ? new DirectoryReportStore(overrides.outDir) : reportStoreFromEnv(process.env)),
    config: settings.config,
    supervisors: async () => (await directory.supervisors()).map((m) => m.email),
    staffNames: async () => new Map((await staff.list()).map((m) => [m.id, m.name])),
  };
}
