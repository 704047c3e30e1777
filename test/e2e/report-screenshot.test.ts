/** The report page in Chromium: a screenshot for the README (test-artifacts/report.png). */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { officeCalendar } from '../../shared/domain/calendar';
import { localConfig } from '../../shared/domain/config';
import { reportFigures } from '../../shared/domain/report/figures';
import { renderReportHtml } from '../../shared/domain/report/render';
import { CHROMIUM_ARGS, chromiumAvailable, chromiumPath, openChromium, seriousViolations } from './helpers';

describe.skipIf(!chromiumAvailable())('report page in Chromium', () => {
  it('renders every chart and saves a screenshot', async () => {
    // The page of the dynalite integration test when it ran first, else a small built-in month.
    const page = existsSync('test-artifacts/report.html')
      ? await readFile('test-artifacts/report.html', 'utf8')
      : renderReportHtml(
          reportFigures({
            period: { from: '2026-04-01', to: '2026-04-30' },
            cases: [],
            previousCases: [],
            openCases: [],
            surveys: [],
            now: new Date('2026-05-04T12:00:00Z'),
            calendar: officeCalendar(localConfig),
          }),
        );
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    try {
      const tab = await browser.newPage({ viewport: { width: 1000, height: 800 } });
      // No network at all: the page must be self-contained.
      await tab.route('**/*', (route) => route.abort());
      await tab.setContent(page, { waitUntil: 'load' });
      expect(await tab.locator('svg[role="img"] > title').count()).toBeGreaterThanOrEqual(9);
      await mkdir('test-artifacts', { recursive: true });
      await tab.screenshot({ path: 'test-artifacts/report.png', fullPage: true });
    } finally {
      await browser.close();
    }
  });

  it('names analysts and topics as a supervisor reads them, and passes axe-core', async () => {
    const page = renderReportHtml(
      reportFigures({
        period: { from: '2026-04-01', to: '2026-04-30' },
        cases: [
          {
            caseId: 'a',
            channel: 'email',
            status: 'ASSIGNED',
            outcome: 'ACCEPTED',
            decision: { ruleIds: ['ticket.valid', 'topic.billing.complaint'] },
            assignee: 'bruno',
            createdAt: '2026-04-20T13:00:00.000Z',
          },
        ],
        previousCases: [],
        openCases: [],
        surveys: [],
        now: new Date('2026-05-04T12:00:00Z'),
        calendar: officeCalendar(localConfig),
        staffNames: new Map([['bruno', 'Bruno Oliveira']]),
      }),
    );
    const profile = await mkdtemp(join(tmpdir(), 'ouv-report-'));
    const { context, page: tab } = await openChromium(profile);
    try {
      await tab.setContent(page, { waitUntil: 'load' });
      const analysts = tab.getByRole('table', { name: 'Casos por analista' });
      await expect(analysts.getByRole('rowheader').first().textContent()).resolves.toBe('Bruno Oliveira');
      const topics = tab.getByRole('table', { name: 'Dez temas mais frequentes' });
      await expect(topics.getByRole('rowheader').first().textContent()).resolves.toMatch(/^Reclamação de cobrança/);
      expect(await seriousViolations(tab)).toEqual([]);
    } finally {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    }
  });
});
