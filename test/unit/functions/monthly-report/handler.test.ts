import { describe, expect, it } from 'vitest';
import { createMonthlyReportHandler, ReportNotMailed } from '../../../../functions/monthly-report/handler';
import type { PublishDeps, ReportStore } from '../../../../shared/app/report';
import { officeCalendar } from '../../../../shared/domain/calendar';
import { localConfig } from '../../../../shared/domain/config';
import type { ReportCase } from '../../../../shared/domain/report/figures';
import { FixedClock, RecordingMailer } from '../../../support/fakes';

class MemoryStore implements ReportStore {
  files: string[] = [];
  async put(name: string) {
    this.files.push(name);
  }
}

const aprilCase: ReportCase = {
  caseId: 'email:0100019abcdef-lojadamaria',
  channel: 'email',
  status: 'ASSIGNED',
  outcome: 'ACCEPTED',
  decision: { ruleIds: ['ticket.valid'] },
  createdAt: '2026-04-20T13:00:00.000Z',
};

function world(now: string, supervisors: string[]) {
  const store = new MemoryStore();
  const mailer = new RecordingMailer();
  const deps: PublishDeps = {
    source: {
      casesCreatedBetween: async () => [aprilCase],
      openCases: async () => [aprilCase],
      surveys: async () => [],
      erasedCreatedBetween: async () => [],
      casesWithEventsBetween: async () => [],
      erasedWithEventsBetween: async () => [],
    },
    calendar: officeCalendar(localConfig),
    clock: new FixedClock(new Date(now)),
    store,
    mailer,
    config: localConfig,
    supervisors: async () => supervisors,
  };
  const handler = createMonthlyReportHandler(deps, { info: () => {} });
  return { store, mailer, handler };
}

// Monday 4 May 2026 is May's first business day (1 May is Labour Day, then a weekend).
const FIRST_BUSINESS_DAY = '2026-05-04T11:00:00Z';
const FILES = ['relatorio-ouvidoria_2026-04-01_2026-04-30.html', 'relatorio-ouvidoria_2026-04-01_2026-04-30.csv'];

describe('monthly-report handler', () => {
  it.each([
    {
      name: 'first business day, a supervisor in the roster: stored and mailed',
      now: FIRST_BUSINESS_DAY,
      supervisors: ['sofia.ramos@empresa.com.br'],
      fails: false,
      stored: FILES,
      mailedTo: [['sofia.ramos@empresa.com.br']],
    },
    {
      name: 'first business day, no active supervisor (fresh deploy, roster empty): stored, and the run fails for the alarm',
      now: FIRST_BUSINESS_DAY,
      supervisors: [],
      fails: true,
      stored: FILES,
      mailedTo: [],
    },
    {
      name: 'another day: nothing to do, nobody needed',
      now: '2026-05-05T11:00:00Z',
      supervisors: [],
      fails: false,
      stored: [],
      mailedTo: [],
    },
  ])('$name', async ({ now, supervisors, fails, stored, mailedTo }) => {
    const w = world(now, supervisors);
    const run = w.handler();
    if (fails) {
      await expect(run).rejects.toThrow(ReportNotMailed);
      await expect(world(now, supervisors).handler()).rejects.toThrow(
        /mailed to no one: no active supervisor.*\{"from":"2026-04-01","to":"2026-04-30"\}/,
      );
    } else await run;
    expect(w.store.files).toEqual(stored);
    expect(w.mailer.sent.map((m) => m.to)).toEqual(mailedTo);
  });
});
