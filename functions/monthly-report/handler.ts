/**
 * Monthly management report (EventBridge Scheduler, every day at 08:00 in the office time zone:
 * a recess can push the first business day past any fixed days): on the first business day of the month it reports the previous calendar month
 * (shared/app/report.ts), stores HTML + CSV in S3 and mails them, attached, to the supervisors. On the
 * other days it does nothing. `{ "from": "YYYY-MM-DD", "to": "YYYY-MM-DD" }` runs any period at once.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { createLogger } from '../../shared/adapters/telemetry';
import { type PublishDeps, publishReport } from '../../shared/app/report';
import { buildReportDeps } from '../../shared/composition/report';
import { settingsFromEnv } from '../../shared/composition/settings';
import { isFirstBusinessDayOfMonth, lastMonth, type ReportPeriod } from '../../shared/domain/report/figures';

export interface MonthlyReportEvent {
  from?: string;
  to?: string;
}

export type MonthlyReportResult =
  | { ran: false; reason: 'not-first-business-day' }
  | { ran: true; period: ReportPeriod; files: string[]; announcedTo: number; total: number };

/** The report was stored but mailed to no one: no active supervisor in the roster. */
export class ReportNotMailed extends Error {
  constructor(
    readonly period: ReportPeriod,
    readonly files: string[],
  ) {
    super(
      `Report ${period.from}..${period.to} stored (${files.join(', ')}) but mailed to no one: no active supervisor ` +
        'in the roster (lifecycle.supervisorIds; npm run staff -- list). Add or return one, then invoke the ' +
        `function with {"from":"${period.from}","to":"${period.to}"}.`,
    );
    this.name = 'ReportNotMailed';
  }
}

export function createMonthlyReportHandler(
  deps: PublishDeps,
  logger: Pick<Logger, 'info'> = createLogger('monthly-report'),
): (event?: MonthlyReportEvent) => Promise<MonthlyReportResult> {
  return async (event = {}) => {
    const now = deps.clock.now();
    let period: ReportPeriod;
    if (event.from && event.to) period = { from: event.from, to: event.to };
    else {
      if (!isFirstBusinessDayOfMonth(deps.calendar, now)) {
        logger.info('Not the first business day of the month: no report today');
        return { ran: false, reason: 'not-first-business-day' };
      }
      period = lastMonth(deps.calendar, now);
    }
    const report = await publishReport(period, deps);
    // Nobody to mail it to (no active supervisor in the roster: a fresh deploy before `npm run staff`,
    // or every supervisor on leave): the files are stored, but a run that mails no one must fail, so
    // the MonthlyReportErrors alarm tells someone instead of the report going nowhere, silently.
    if (report.announcedTo === 0) throw new ReportNotMailed(period, report.files);
    // Counts and file names only: nothing personal in the logs.
    logger.info('Report published', { period, files: report.files, announcedTo: report.announcedTo });
    return { ran: true, period, files: report.files, announcedTo: report.announcedTo, total: report.figures.total };
  };
}

let cached: ((event?: MonthlyReportEvent) => Promise<MonthlyReportResult>) | undefined;

export const handler = async (event?: MonthlyReportEvent): Promise<MonthlyReportResult> => {
  cached ??= createMonthlyReportHandler(buildReportDeps(settingsFromEnv()));
  return cached(event);
};
