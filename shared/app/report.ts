/**
 * The monthly management report (SPEC "Reports and personal data"): read the cases of a period
 * from the status index by date, count (shared/domain/report), render HTML + CSV, store both and
 * tell the supervisors by email with a time-limited link. The CLI (`npm run report`) and the
 * monthly Lambda run this same code.
 */
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
  type ReportFigures,
  type ReportPeriod,
  type ReportSurvey,
  reportFigures,
} from '../domain/report/figures';
import { renderReportCsv, renderReportHtml } from '../domain/report/render';
import { zoneOption } from '../domain/time-zone';
import type { Clock, Mailer } from '../ports';

/** Where the report's data comes from: index queries by date, never a table scan. */
export interface ReportSource {
  /** Submissions with `fromIso` ≤ createdAt < `toIso` (UTC instants), every status. */
  casesCreatedBetween(fromIso: string, toIso: string): Promise<ReportCase[]>;
  /** Every case open now (ASSIGNED, IN_PROGRESS, WAITING_MERCHANT). */
  openCases(): Promise<ReportCase[]>;
  /** The survey answers of these protocols (absent ones are simply not returned). */
  surveys(protocols: readonly string[]): Promise<ReportSurvey[]>;
}

/** Where the rendered files go (S3 on AWS, a directory locally). */
export interface ReportStore {
  put(name: string, body: string, contentType: string): Promise<void>;
  /** A link the supervisors can open for `expiresInSeconds` (S3 presigned GET). */
  link(name: string, expiresInSeconds: number): Promise<string>;
}

export interface ReportDeps {
  source: ReportSource;
  calendar: OfficeCalendar;
  clock: Clock;
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
  const before = periodBounds(previousPeriod(period), zone);
  const [cases, previousCases, openCases] = await Promise.all([
    deps.source.casesCreatedBetween(current.fromIso, current.toIso),
    deps.source.casesCreatedBetween(before.fromIso, before.toIso),
    deps.source.openCases(),
  ]);
  const protocols = [...cases, ...previousCases]
    .filter((c) => c.status === 'CLOSED' && c.protocol)
    .map((c) => c.protocol as string);
  const surveys = await deps.source.surveys(protocols);
  const figures = reportFigures({
    period,
    cases,
    previousCases,
    openCases,
    surveys,
    now: deps.clock.now(),
    calendar: deps.calendar,
  });
  return {
    figures,
    html: renderReportHtml(figures),
    csv: renderReportCsv(figures),
    name: `relatorio-ouvidoria_${period.from}_${period.to}`,
  };
}

/** Days the link in the announcement stays valid (SigV4 presigned URLs allow at most 7). */
export const REPORT_LINK_SECONDS = 7 * 24 * 3600;

export interface PublishDeps extends ReportDeps {
  store: ReportStore;
  mailer: Mailer;
  config: OuvidoriaConfig;
  /** Addresses of the active supervisors. */
  supervisors(): Promise<string[]>;
}

export interface PublishedReport extends GeneratedReport {
  files: string[];
  link: string;
  announcedTo: number;
}

export async function publishReport(period: ReportPeriod, deps: PublishDeps): Promise<PublishedReport> {
  const report = await generateReport(period, deps);
  const files = [`${report.name}.html`, `${report.name}.csv`];
  await deps.store.put(files[0] as string, report.html, 'text/html; charset=utf-8');
  await deps.store.put(files[1] as string, report.csv, 'text/csv; charset=utf-8');
  const link = await deps.store.link(files[0] as string, REPORT_LINK_SECONDS);
  const to = [...new Set((await deps.supervisors()).map((a) => a.trim().toLowerCase()).filter(Boolean))];
  if (to.length > 0) await deps.mailer.send(announcement(report.figures, link, to, deps.config));
  return { ...report, files, link, announcedTo: to.length };
}

const pct = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1).replace('.', ',')} %`);

/** The short summary mailed to the supervisors (pt-BR), with the link. */
export function announcement(f: ReportFigures, link: string, to: string[], config: OuvidoriaConfig) {
  const period = `${calendarDayPtBr(f.period.from)} a ${calendarDayPtBr(f.period.to)}`;
  const lines = [
    `Relatório da Ouvidoria de ${period}:`,
    '',
    `- Manifestações recebidas: ${f.total} (${f.acceptedVsRedirected.accepted} casos aceitos, ${f.acceptedVsRedirected.redirected} orientadas)`,
    `- Encerrados no prazo: ${pct(f.deadline.share)} de ${f.deadline.closed}`,
    `- Em atraso agora: ${f.overdueNow}`,
    `- Satisfação média: ${f.satisfaction.average === null ? '—' : f.satisfaction.average.toFixed(2).replace('.', ',')} (${pct(f.satisfaction.responseRate)} de resposta)`,
    '',
    'Relatório completo (HTML com gráficos; o CSV está na mesma pasta), link válido por 7 dias:',
    link,
  ];
  const text = lines.join('\n');
  const html = `<p>${lines
    .slice(0, -1)
    .map((l) => escapeHtml(l))
    .join('<br>\n')}<br>\n<a href="${escapeHtml(link)}">Abrir o relatório</a></p>`;
  return {
    to,
    from: officeSender(config),
    subject: `Relatório da Ouvidoria — ${period}`,
    text,
    html,
    messageId: randomMessageId(config.domain),
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}
