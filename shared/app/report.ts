/**
 * The monthly management report (SPEC "Reports and personal data"): read the cases received in a
 * period from the status index by date and those closed or first answered in it from the closings'
 * list by date, count (shared/domain/report), render HTML + CSV, store both and
 * tell the supervisors by email with a time-limited link. The CLI (`npm run report`) and the
 * monthly Lambda run this same code.
 */
import { countOf } from '../domain/count';
import { calendarDayPtBr } from '../domain/lifecycle/deadlines';
import { officeSender } from '../domain/auto-reply-policy';
import { DateTime } from 'luxon';
import type { OfficeCalendar } from '../domain/calendar';
import type { OuvidoriaConfig } from '../domain/config';
import { escapeHtml } from '../domain/html';
import { randomMessageId } from '../domain/message-id';
import {
  assertPeriod,
  previousPeriod,
  type ReportCase,
  type ReportEntry,
  type ReportFigures,
  type ReportPeriod,
  type ReportSurvey,
  reportFigures,
  withoutLiveRecords,
} from '../domain/report/figures';
import { renderReportCsv, renderReportHtml, UNFINISHED_PERIOD_PT } from '../domain/report/render';
import { zoneOption } from '../domain/time-zone';
import type { Clock, Mailer, OutgoingMail } from '../ports';

/** Where the report's data comes from: index queries by date, never a table scan. */
export interface ReportSource {
  /** Submissions with `fromIso` ≤ createdAt < `toIso` (UTC instants), every status. */
  casesCreatedBetween(fromIso: string, toIso: string): Promise<ReportCase[]>;
  /** Every case open now (ASSIGNED, IN_PROGRESS, WAITING_MERCHANT). */
  openCases(): Promise<ReportCase[]>;
  /** The survey answers of these protocols (absent ones are simply not returned). */
  surveys(protocols: readonly string[]): Promise<ReportSurvey[]>;
  /** Statistics kept of the erased cases created `from` ≤ office-local date ≤ `to` (LGPD erasures). */
  erasedCreatedBetween(from: string, to: string): Promise<ReportEntry[]>;
  /**
   * The cases with a closure or their first answer at `fromIso` ≤ instant < `toIso`, whatever their
   * creation date, read by date (never a scan); may name more (the figures check each history).
   */
  casesWithEventsBetween(fromIso: string, toIso: string): Promise<ReportCase[]>;
  /** Statistics kept of the erased cases closed or first answered `from` ≤ office-local date ≤ `to`. */
  erasedWithEventsBetween(from: string, to: string): Promise<ReportEntry[]>;
}

/** Where the rendered files go (S3 on AWS, a directory locally). */
export interface ReportStore {
  put(name: string, body: string, contentType: string): Promise<void>;
}

export interface ReportDeps {
  source: ReportSource;
  calendar: OfficeCalendar;
  clock: Clock;
  /** Roster names by id: the report shows analysts by name. */
  staffNames?(): Promise<ReadonlyMap<string, string>>;
}

export interface GeneratedReport {
  figures: ReportFigures;
  html: string;
  csv: string;
  /** Base file name: `relatorio-ouvidoria_<from>_<to>`. */
  name: string;
}

/** UTC bounds [from 00:00, day after `to` 00:00) of a period of office-local dates. */
export function periodBounds(period: ReportPeriod, timeZone: string): { fromIso: string; toIso: string } {
  assertPeriod(period);
  const from = DateTime.fromISO(period.from, { zone: zoneOption(timeZone) }).startOf('day');
  const to = DateTime.fromISO(period.to, { zone: zoneOption(timeZone) })
    .startOf('day')
    .plus({ days: 1 });
  return { fromIso: from.toUTC().toISO() as string, toIso: to.toUTC().toISO() as string };
}

export async function generateReport(period: ReportPeriod, deps: ReportDeps): Promise<GeneratedReport> {
  const zone = deps.calendar.timeZone;
  const current = periodBounds(period, zone);
  const earlier = previousPeriod(period);
  const before = periodBounds(earlier, zone);
  const [cases, previousCases, openCases, staffNames, erased, closingCases, erasedClosing] = await Promise.all([
    deps.source.casesCreatedBetween(current.fromIso, current.toIso),
    deps.source.casesCreatedBetween(before.fromIso, before.toIso),
    deps.source.openCases(),
    deps.staffNames?.() ?? new Map<string, string>(),
    // Both periods at once: each entry counts in the period of its creation date.
    deps.source.erasedCreatedBetween(earlier.from, period.to),
    // The closings and first answers of both periods, whatever the month received: each counts in
    // the period it was made. With the cases received then (closings listed before there was a list).
    deps.source.casesWithEventsBetween(before.fromIso, current.toIso),
    deps.source.erasedWithEventsBetween(earlier.from, period.to),
  ]);
  const live = [...cases, ...previousCases, ...closingCases];
  const closing = { cases: live, erased: withoutLiveRecords(erasedClosing, live) };
  const protocols = [
    ...new Set(
      closing.cases
        .filter((c) => c.protocol && (c.status === 'CLOSED' || c.history?.some((e) => e.type === 'closed')))
        .map((c) => c.protocol as string),
    ),
  ];
  const surveys = await deps.source.surveys(protocols);
  const figures = reportFigures({
    period,
    cases,
    previousCases,
    openCases,
    surveys,
    now: deps.clock.now(),
    calendar: deps.calendar,
    staffNames,
    erased: withoutLiveRecords(erased, live),
    closing,
  });
  return {
    figures,
    html: renderReportHtml(figures),
    csv: renderReportCsv(figures),
    name: `relatorio-ouvidoria_${period.from}_${period.to}`,
  };
}

export interface PublishDeps extends ReportDeps {
  store: ReportStore;
  mailer: Mailer;
  config: OuvidoriaConfig;
  /** Addresses of the active supervisors. */
  supervisors(): Promise<string[]>;
}

export interface PublishedReport extends GeneratedReport {
  files: string[];
  announcedTo: number;
}

type ReportFile = NonNullable<OutgoingMail['files']>[number];

/**
 * Stores the files and mails them, attached, to the supervisors. Not a presigned link: one signed in
 * the function with its role's temporary credentials stops working when they expire (hours), whatever
 * expiry it names.
 */
export async function publishReport(period: ReportPeriod, deps: PublishDeps): Promise<PublishedReport> {
  const report = await generateReport(period, deps);
  const files: ReportFile[] = [
    { filename: `${report.name}.html`, contentType: 'text/html; charset=utf-8', content: Buffer.from(report.html) },
    { filename: `${report.name}.csv`, contentType: 'text/csv; charset=utf-8', content: Buffer.from(report.csv) },
  ];
  for (const file of files) await deps.store.put(file.filename, file.content.toString('utf8'), file.contentType);
  const to = [...new Set((await deps.supervisors()).map((a) => a.trim().toLowerCase()).filter(Boolean))];
  if (to.length > 0) await deps.mailer.send(announcement(report.figures, files, to, deps.config));
  return { ...report, files: files.map((f) => f.filename), announcedTo: to.length };
}

const pct = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1).replace('.', ',')} %`);

/** The short summary mailed to the supervisors (pt-BR), the report files attached. */
export function announcement(
  f: ReportFigures,
  files: ReportFile[],
  to: string[],
  config: OuvidoriaConfig,
): OutgoingMail {
  const period = `${calendarDayPtBr(f.period.from)} a ${calendarDayPtBr(f.period.to)}`;
  const { accepted, redirected } = f.acceptedVsRedirected;
  const lines = [
    `Relatório da Ouvidoria de ${period}:`,
    ...(f.unfinished ? [UNFINISHED_PERIOD_PT] : []),
    '',
    `- Manifestações recebidas: ${f.total} (${countOf(accepted, 'caso aceito', 'casos aceitos')}, ${countOf(redirected, 'orientada', 'orientadas')})`,
    `- Encerrados no prazo: ${pct(f.deadline.share)} de ${f.deadline.closed}`,
    `- Em atraso agora: ${f.overdueNow}`,
    `- Satisfação média: ${f.satisfaction.average === null ? '—' : f.satisfaction.average.toFixed(2).replace('.', ',')} (${pct(f.satisfaction.responseRate)} de resposta)`,
    '',
    `Relatório completo em anexo: ${files.map((file) => file.filename).join(' e ')} (a página com os gráficos e a planilha).`,
  ];
  const text = lines.join('\n');
  const html = `<p>${lines.map((l) => escapeHtml(l)).join('<br>\n')}</p>`;
  return {
    to,
    from: officeSender(config),
    subject: `Relatório da Ouvidoria — ${period}${f.unfinished ? ' (parcial)' : ''}`,
    text,
    html,
    messageId: randomMessageId(config.domain),
    headers: { 'Auto-Submitted': 'auto-generated' },
    files,
  };
}
