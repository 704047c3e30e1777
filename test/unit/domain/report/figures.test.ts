import { describe, expect, it } from 'vitest';
import { officeCalendar } from '../../../../shared/domain/calendar';
import { localConfig } from '../../../../shared/domain/config';
import type { Actor, CloseCategory, HistoryEvent } from '../../../../shared/domain/lifecycle/types';
import {
  businessDaysBetween,
  isFirstBusinessDayOfMonth,
  lastMonth,
  median,
  NO_TOPIC,
  percentile,
  periodFigures,
  previousPeriod,
  type ReportCase,
  type ReportEntry,
  reportEntryOf,
  reportFigures,
  withoutLiveRecords,
} from '../../../../shared/domain/report/figures';

const calendar = officeCalendar(localConfig);
const staff = { kind: 'staff', id: 'ana', role: 'analyst' } as const;
const answered = (at: string): HistoryEvent => ({ type: 'answered', at, actor: staff, messageSourceId: `m-${at}` });

function c(overrides: Partial<ReportCase> & { caseId: string }): ReportCase {
  return {
    channel: 'email',
    status: 'ASSIGNED',
    outcome: 'ACCEPTED',
    decision: { ruleIds: ['ticket.valid', 'topic.billing.complaint'] },
    createdAt: '2026-04-20T13:00:00.000Z',
    ...overrides,
  };
}

const APRIL = { from: '2026-04-01', to: '2026-04-30' };

describe('business days', () => {
  it('counts business dates after the start day, skipping weekends and holidays', () => {
    // Mon 20 Apr → Wed 22 Apr: Tue 21 is Tiradentes.
    expect(businessDaysBetween(calendar, '2026-04-20T13:00:00Z', '2026-04-22T13:00:00Z')).toBe(1);
    // Same day = 0; Thursday 2 Apr → Monday 6 Apr skips Good Friday and the weekend.
    expect(businessDaysBetween(calendar, '2026-04-20T13:00:00Z', '2026-04-20T19:00:00Z')).toBe(0);
    expect(businessDaysBetween(calendar, '2026-04-02T13:00:00Z', '2026-04-06T13:00:00Z')).toBe(1);
    // Local dates: 23:30 in São Paulo is 02:30Z the next day, still the same office day.
    expect(businessDaysBetween(calendar, '2026-04-20T13:00:00Z', '2026-04-21T02:30:00Z')).toBe(0);
  });

  it('median and nearest-rank p90 with few values, null when there are none', () => {
    expect(median([])).toBeNull();
    expect(percentile([], 90)).toBeNull();
    expect(median([3])).toBe(3);
    expect(percentile([3], 90)).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percentile([1, 2, 3], 90)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90)).toBe(10);
  });
});

describe('period figures', () => {
  const cases: ReportCase[] = [
    // Answered Wed 22 (1 business day), closed Fri 24 (3), on time, rated 5.
    c({
      caseId: 'a',
      protocol: 'OUV-2026-000001',
      status: 'CLOSED',
      assignee: 'ana',
      dueAt: '2026-05-05T13:00:00.000Z',
      closedAt: '2026-04-24T15:00:00.000Z',
      closure: { category: 'procedente' },
      history: [answered('2026-04-22T13:00:00.000Z'), answered('2026-04-23T13:00:00.000Z')],
    }),
    // Closed late (after dueAt), no survey; answered the same day.
    c({
      caseId: 'b',
      protocol: 'OUV-2026-000002',
      channel: 'webform',
      status: 'CLOSED',
      assignee: 'bruno',
      createdAt: '2026-04-06T13:00:00.000Z',
      dueAt: '2026-04-17T13:00:00.000Z',
      closedAt: '2026-04-28T13:00:00.000Z',
      closure: { category: 'improcedente' },
      decision: { ruleIds: ['ticket.valid', 'scope.feature.request'] },
      history: [answered('2026-04-06T18:00:00.000Z')],
    }),
    // Open, overdue.
    c({ caseId: 'c', status: 'IN_PROGRESS', assignee: 'ana', dueAt: '2026-04-29T13:00:00.000Z' }),
    c({
      caseId: 'd',
      status: 'REDIRECTED',
      outcome: 'BILLING_QUESTION',
      decision: { ruleIds: ['ticket.none', 'topic.billing.invoice'] },
    }),
    c({ caseId: 'e', status: 'QUARANTINED', outcome: 'QUARANTINED', decision: { ruleIds: ['quarantine.spam'] } }),
  ];
  const surveys = [
    { protocol: 'OUV-2026-000001', score: 5 },
    { protocol: 'OUV-2025-999999', score: 1 },
  ];

  it('counts outcomes, channels, rules, analysts and accepted vs redirected', () => {
    const f = periodFigures(APRIL, cases, surveys, calendar, new Map([['ana', 'Ana Souza']]));
    expect(f.total).toBe(5);
    expect(Object.fromEntries(f.byOutcome.map((r) => [r.key, r.count]))).toMatchObject({
      ACCEPTED: 3,
      BILLING_QUESTION: 1,
      QUARANTINED: 1,
      NO_PRIOR_TICKET: 0,
    });
    expect(f.byChannel).toEqual([
      { key: 'email', label: 'E-mail', count: 4 },
      { key: 'webform', label: 'Formulário', count: 1 },
    ]);
    // Topics and analysts by what a supervisor reads (the rule's description, the roster name); the id is the key.
    expect(f.byTopicRule).toEqual([
      {
        key: 'topic.billing.complaint',
        label: 'Reclamação de cobrança (indevida, em duplicidade, valor errado, estorno)',
        count: 2,
      },
      { key: '(sem tema)', label: '(sem tema)', count: 1 },
      {
        key: 'scope.feature.request',
        label: 'Pedido de criação de funcionalidade ou recurso que a plataforma não tem',
        count: 1,
      },
      { key: 'topic.billing.invoice', label: 'Dúvida sobre faturas, boletos ou nota fiscal da assinatura', count: 1 },
    ]);
    expect(f.topTopics.map((r) => r.key)).not.toContain('(sem tema)');
    expect(f.byAnalyst).toEqual([
      { key: 'ana', label: 'Ana Souza', count: 2 },
      // No longer on the roster: the id is all there is.
      { key: 'bruno', label: 'bruno', count: 1 },
    ]);
    expect(f.acceptedVsRedirected).toEqual({ accepted: 3, redirected: 1, quarantined: 1 });
  });

  it('staff mail set aside (an analyst’s out-of-office answering a notice) is no manifestation: counted apart', () => {
    const setAside = (caseId: string): ReportCase =>
      c({
        caseId,
        status: 'QUARANTINED',
        outcome: 'QUARANTINED',
        decision: { ruleIds: ['quarantine.staff-mail'] },
      });
    const f = periodFigures(APRIL, [...cases, setAside('ooo-1'), setAside('ooo-2')], surveys, calendar);
    const without = periodFigures(APRIL, cases, surveys, calendar);
    expect(f.staffMailSetAside).toBe(2);
    expect(without.staffMailSetAside).toBe(0);
    expect({ ...f, staffMailSetAside: 0 }).toEqual(without);
  });

  it('first answer and close in business days; deadline share; categories; satisfaction of the cohort only', () => {
    const f = periodFigures(APRIL, cases, surveys, calendar);
    // a: 1 (22nd, across Tiradentes); b: 0 (same day).
    expect(f.firstAnswer).toEqual({ count: 2, median: 0.5, p90: 1 });
    // a: 21 holiday → 22, 23, 24 = 3; b: Mon 6 → Tue 28 = 15 business days (21 Apr is a holiday).
    expect(f.toClose).toEqual({ count: 2, median: 9, p90: 15 });
    expect(f.deadline).toEqual({ closed: 2, withinDeadline: 1, share: 0.5 });
    expect(Object.fromEntries(f.resolution.map((r) => [r.key, r.count]))).toEqual({
      procedente: 1,
      improcedente: 1,
      parcial: 0,
      resolvido: 0,
      'nao-resolvido': 0,
    });
    expect(f.satisfaction.closedCases).toBe(2);
    expect(f.satisfaction.answers).toBe(1);
    expect(f.satisfaction.responseRate).toBe(0.5);
    expect(f.satisfaction.average).toBe(5);
    expect(f.satisfaction.distribution.map((r) => r.count)).toEqual([0, 0, 0, 0, 1]);
  });

  it('an empty month has zeros and no medians, and renders no division by zero', () => {
    const f = periodFigures(APRIL, [], [], calendar);
    expect(f.total).toBe(0);
    expect(f.firstAnswer).toEqual({ count: 0, median: null, p90: null });
    expect(f.deadline.share).toBeNull();
    expect(f.satisfaction).toMatchObject({ responseRate: null, average: null });
    expect(f.byOutcome.every((r) => r.count === 0)).toBe(true);
    expect(f.topTopics).toEqual([]);
  });

  it('overdue now, month over month, the previous period and the monthly schedule', () => {
    const f = reportFigures({
      period: APRIL,
      cases,
      previousCases: [c({ caseId: 'm1', createdAt: '2026-03-10T13:00:00.000Z' })],
      openCases: cases.filter((x) => x.caseId === 'c'),
      surveys,
      now: new Date('2026-05-04T12:00:00.000Z'),
      calendar,
    });
    expect(f.overdueNow).toBe(1);
    expect(f.previous.period).toEqual({ from: '2026-03-01', to: '2026-03-31' });
    const total = f.monthOverMonth.find((r) => r.key === 'total');
    expect(total).toMatchObject({ current: 5, previous: 1, change: 4, changeShare: 4 });
    expect(f.monthOverMonth.find((r) => r.key === 'deadlineShare')).toMatchObject({ previous: null, change: null });

    expect(previousPeriod({ from: '2026-02-01', to: '2026-02-28' })).toEqual({ from: '2026-01-01', to: '2026-01-31' });
    expect(previousPeriod({ from: '2026-04-10', to: '2026-04-19' })).toEqual({ from: '2026-03-31', to: '2026-04-09' });
    expect(lastMonth(calendar, new Date('2026-01-02T12:00:00Z'))).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    // 1 May 2026 is a Friday and Labour Day: the first business day is Monday 4 May.
    expect(isFirstBusinessDayOfMonth(calendar, new Date('2026-05-01T12:00:00Z'))).toBe(false);
    expect(isFirstBusinessDayOfMonth(calendar, new Date('2026-05-04T12:00:00Z'))).toBe(true);
    expect(isFirstBusinessDayOfMonth(calendar, new Date('2026-05-05T12:00:00Z'))).toBe(false);
  });
});

describe('an LGPD erasure leaves every report as it was', () => {
  const MAY = { from: '2026-05-01', to: '2026-05-31' };
  // April (the previous period) and May: one case of each kind the report counts.
  const all: ReportCase[] = [
    c({
      caseId: 'closed-rated',
      protocol: 'OUV-2026-000101',
      status: 'CLOSED',
      assignee: 'ana',
      createdAt: '2026-05-04T13:00:00.000Z',
      dueAt: '2026-05-22T20:59:00.000Z',
      closedAt: '2026-05-08T18:00:00.000Z',
      closure: { category: 'procedente' },
      history: [answered('2026-05-05T14:00:00.000Z')],
    }),
    c({
      caseId: 'closed-late-unrated',
      protocol: 'OUV-2026-000102',
      channel: 'webform',
      status: 'CLOSED',
      assignee: 'bruno',
      decision: { ruleIds: ['ticket.valid', 'topic.logistics.delay'] },
      createdAt: '2026-05-05T02:30:00.000Z',
      dueAt: '2026-05-19T20:59:00.000Z',
      closedAt: '2026-05-26T15:00:00.000Z',
      closure: { category: 'nao-resolvido' },
    }),
    c({
      caseId: 'open-answered',
      protocol: 'OUV-2026-000103',
      assignee: 'ana',
      status: 'IN_PROGRESS',
      createdAt: '2026-05-11T13:00:00.000Z',
      dueAt: '2026-05-29T20:59:00.000Z',
      history: [answered('2026-05-13T14:00:00.000Z')],
    }),
    c({ caseId: 'queued', status: 'QUEUED', createdAt: '2026-05-12T13:00:00.000Z' }),
    c({
      caseId: 'redirected',
      status: 'REDIRECTED',
      outcome: 'NO_PRIOR_TICKET',
      decision: { ruleIds: ['ticket.missing'] },
      createdAt: '2026-05-13T13:00:00.000Z',
    }),
    c({
      caseId: 'quarantined',
      status: 'QUARANTINED',
      outcome: 'QUARANTINED',
      decision: { ruleIds: [] },
      createdAt: '2026-05-14T13:00:00.000Z',
    }),
    c({
      caseId: 'april-closed',
      protocol: 'OUV-2026-000090',
      status: 'CLOSED',
      assignee: 'ana',
      createdAt: '2026-04-06T13:00:00.000Z',
      dueAt: '2026-04-24T20:59:00.000Z',
      closedAt: '2026-04-09T13:00:00.000Z',
      closure: { category: 'resolvido' },
    }),
  ];
  const surveys = [
    { protocol: 'OUV-2026-000101', score: 5 },
    { protocol: 'OUV-2026-000090', score: 3 },
  ];
  const now = new Date('2026-06-01T12:00:00.000Z');
  const report = (kept: readonly ReportCase[], erased: readonly ReportCase[]) =>
    reportFigures({
      period: MAY,
      cases: kept.filter((k) => k.createdAt >= '2026-05-01T03:00:00.000Z'),
      previousCases: kept.filter((k) => k.createdAt < '2026-05-01T03:00:00.000Z'),
      openCases: [],
      // The erased case's survey answer went with it: only its kept statistics hold the score.
      surveys: surveys.filter((s) => !erased.some((e) => e.protocol === s.protocol)),
      now,
      calendar,
      erased: erased.map((e) =>
        reportEntryOf(
          e,
          calendar,
          surveys.find((s) => s.protocol === e.protocol),
        ),
      ),
    });

  it.each(all.map((erased) => [erased.caseId, erased] as const))(
    'erasing %s: the same figures, this period and the previous',
    (_id, erased) => {
      const before = report(all, []);
      expect(before.total).toBe(6);
      expect(before.previous.total).toBe(1);
      expect(
        report(
          all.filter((k) => k !== erased),
          [erased],
        ),
      ).toEqual(before);
    },
  );

  it('every case erased at once: the same figures', () => {
    expect(report([], all)).toEqual(report(all, []));
  });

  it('what is kept names nobody: no protocol, case id, address, text or instant; dates as office-local days', () => {
    const closed = all[1] as ReportCase;
    const entry = reportEntryOf(closed, calendar, undefined);
    expect(entry).toEqual({
      // 02:30Z on 5 May is still 4 May in São Paulo.
      createdOn: '2026-05-04',
      channel: 'webform',
      status: 'CLOSED',
      outcome: 'ACCEPTED',
      topics: ['topic.logistics.delay'],
      analyst: 'bruno',
      analysts: ['bruno'],
      // Closed with no answer before: the closing mail was her first answer.
      firstAnswerDays: 16,
      firstAnsweredOn: '2026-05-26',
      // The survey its closing offered, unanswered.
      closures: [
        {
          closedOn: '2026-05-26',
          closeDays: 16,
          category: 'nao-resolvido',
          closedBy: 'bruno',
          withinDeadline: false,
          survey: null,
        },
      ],
    });
    expect(JSON.stringify(entry)).not.toMatch(/OUV-|closed-late|@|T\d\d:/);
  });
});

describe("first answer over the year-end holidays: the office's first mail to her, by the end of the month", () => {
  const DECEMBER = { from: '2026-12-01', to: '2026-12-31' };
  const closed = (at: string): HistoryEvent => ({
    type: 'closed',
    at,
    actor: staff,
    category: 'resolvido',
    summary: 'Sincronização corrigida',
  });
  // Received Fri 18/12/2026 10:00 (due 05/01/2027 10:00); the December report runs on Mon 04/01/2027 08:00.
  const yearEnd = (id: string, history: HistoryEvent[], now: Partial<ReportCase> = {}): ReportCase =>
    c({
      caseId: id,
      protocol: `OUV-2026-0002${id}`,
      createdAt: '2026-12-18T13:00:00.000Z',
      assignee: 'ana',
      dueAt: '2027-01-05T13:00:00.000Z',
      history,
      ...now,
    });
  const closedNow = (at: string): Partial<ReportCase> => ({ status: 'CLOSED', closedAt: at });
  it.each([
    // 21,22,23,24,28,29,30,31: Christmas and the weekends are not counted.
    [
      'closed with her answer on 31/12 15:00, nothing sent before',
      [closed('2026-12-31T18:00:00Z')],
      closedNow('2026-12-31T18:00:00Z'),
      8,
    ],
    [
      'answered on 28/12, closed on 31/12',
      [answered('2026-12-28T13:00:00Z'), closed('2026-12-31T18:00:00Z')],
      closedNow('2026-12-31T18:00:00Z'),
      5,
    ],
    ['answered on 24/12 afternoon (an ordinary business day)', [answered('2026-12-24T18:00:00Z')], {}, 4],
    [
      'first answered on 04/01, after the month: not a December answer',
      [answered('2027-01-04T12:30:00Z')],
      {},
      undefined,
    ],
    [
      'closed on 01/01 (a holiday), after the month: neither answered nor closed in December',
      [closed('2027-01-01T14:00:00Z')],
      closedNow('2027-01-01T14:00:00Z'),
      undefined,
    ],
    ['not answered yet', [], {}, undefined],
  ] as const)('%s', (_what, history, now, days) => {
    const f = periodFigures(DECEMBER, [yearEnd('1', [...history], now)], [], calendar);
    expect(f.firstAnswer).toEqual(
      days === undefined ? { count: 0, median: null, p90: null } : { count: 1, median: days, p90: days },
    );
  });

  it('the closing mail is never counted as a first answer after an earlier one', () => {
    const entry = reportEntryOf(
      yearEnd(
        '2',
        [answered('2026-12-22T13:00:00Z'), closed('2026-12-31T18:00:00Z')],
        closedNow('2026-12-31T18:00:00Z'),
      ),
      calendar,
      undefined,
    );
    expect(entry).toMatchObject({ firstAnswerDays: 2, firstAnsweredOn: '2026-12-22', closures: [{ closeDays: 8 }] });
  });

  it('an erased case kept before this count (no answer date) still counts as answered', () => {
    const f = periodFigures(DECEMBER, [], [], calendar, new Map(), [
      {
        createdOn: '2026-12-18',
        channel: 'email',
        status: 'CLOSED',
        outcome: 'ACCEPTED',
        topics: ['topic.billing.complaint'],
        firstAnswerDays: 3,
      },
    ]);
    expect(f.firstAnswer).toEqual({ count: 1, median: 3, p90: 3 });
  });
});

describe('a closure is a fact of its month; a transferred case counts for each analyst who held it', () => {
  const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' };
  const DECEMBER = { from: '2026-12-01', to: '2026-12-31' };
  const ana = staff;
  const bruno = { kind: 'staff', id: 'bruno', role: 'analyst' } as const;
  const system = { kind: 'system' } as const;
  const assigned = (at: string, analystId: string, dueAt: string): HistoryEvent => ({
    type: 'assigned',
    at,
    actor: system,
    analystId,
    dueAt,
  });
  const closed = (at: string, by = ana): HistoryEvent => ({
    type: 'closed',
    at,
    actor: by,
    category: 'procedente',
    summary: 'Estorno feito.',
  });
  const reopened = (at: string, dueAt: string): HistoryEvent => ({
    type: 'reopened',
    at,
    actor: { kind: 'merchant' },
    messageSourceId: `m-${at}`,
    dueAt,
  });
  const transferred = (at: string, from: string, to: string): HistoryEvent => ({
    type: 'transferred',
    at,
    actor: bruno,
    from,
    to,
  });
  // Assigned Tue 3 Nov (due 17 Nov), closed Tue 10 Nov by Ana on time (5 business days: 2 Nov holiday before).
  const closedOnTime = [
    assigned('2026-11-03T13:00:00Z', 'ana', '2026-11-17T20:59:00Z'),
    closed('2026-11-10T15:00:00Z'),
  ];
  const novemberCase = (id: string, history: HistoryEvent[], now: Partial<ReportCase>): ReportCase =>
    c({ caseId: id, protocol: `OUV-2026-0001${id}`, createdAt: '2026-11-03T12:00:00.000Z', history, ...now });

  it.each([
    {
      name: 'closed in November, still closed',
      kase: novemberCase('01', closedOnTime, {
        status: 'CLOSED',
        assignee: 'ana',
        dueAt: '2026-11-17T20:59:00Z',
        closedAt: '2026-11-10T15:00:00Z',
        closure: { category: 'procedente' },
      }),
    },
    {
      name: 'closed in November, reopened on 1 Dec (open now, no closedAt)',
      kase: novemberCase('02', [...closedOnTime, reopened('2026-12-01T13:00:00Z', '2026-12-15T20:59:00Z')], {
        status: 'IN_PROGRESS',
        assignee: 'ana',
        dueAt: '2026-12-15T20:59:00Z',
      }),
    },
    {
      name: 'closed in November, reopened and closed again in December (reopened after November: its November closure stands)',
      kase: novemberCase(
        '03',
        [...closedOnTime, reopened('2026-12-01T13:00:00Z', '2026-12-15T20:59:00Z'), closed('2026-12-10T13:00:00Z')],
        { status: 'CLOSED', assignee: 'ana', dueAt: '2026-12-15T20:59:00Z', closedAt: '2026-12-10T13:00:00Z' },
      ),
    },
  ])('$name: November counts one closure, 5 business days, on time, by Ana', ({ kase }) => {
    const f = periodFigures(NOVEMBER, [kase], [], calendar);
    expect(f.toClose).toEqual({ count: 1, median: 5, p90: 5 });
    expect(f.deadline).toEqual({ closed: 1, withinDeadline: 1, share: 1 });
    expect(f.resolution.find((r) => r.key === 'procedente')?.count).toBe(1);
    expect(f.closedByAnalyst).toEqual([{ key: 'ana', label: 'ana', count: 1 }]);
    expect(f.satisfaction.closedCases).toBe(1);
  });

  // Closed on Tue 10 Nov (procedente), reopened by her on Thu 12 Nov (new due date 26 Nov).
  const reopenedInNovember = [...closedOnTime, reopened('2026-11-12T13:00:00Z', '2026-11-26T20:59:00Z')];
  const closedAgain = (at: string, category: CloseCategory, by: Actor = ana): HistoryEvent => ({
    type: 'closed',
    at,
    actor: by,
    category,
    summary: 'Não resolvido.',
  });
  it.each([
    {
      name: 'closed again on Tue 24 Nov as nao-resolvido by Bruno: that closure counts (14 business days, 20 Nov a holiday; on time)',
      history: [...reopenedInNovember, closedAgain('2026-11-24T15:00:00Z', 'nao-resolvido', bruno)],
      now: { status: 'CLOSED', closedAt: '2026-11-24T15:00:00Z' } as const,
      toClose: { count: 1, median: 14, p90: 14 },
      resolution: 'nao-resolvido',
      closedBy: [{ key: 'bruno', label: 'bruno', count: 1 }],
    },
    {
      name: 'closed again on Thu 3 Dec: open at the end of November, not a November closure',
      history: [...reopenedInNovember, closedAgain('2026-12-03T15:00:00Z', 'nao-resolvido')],
      now: { status: 'CLOSED', closedAt: '2026-12-03T15:00:00Z' } as const,
      toClose: { count: 0, median: null, p90: null },
      resolution: undefined,
      closedBy: [],
    },
    {
      name: 'still open now: not closed in November',
      history: reopenedInNovember,
      now: { status: 'IN_PROGRESS' } as const,
      toClose: { count: 0, median: null, p90: null },
      resolution: undefined,
      closedBy: [],
    },
  ])('reopened by her within November, $name', ({ history, now, toClose, resolution, closedBy }) => {
    const kase = novemberCase('10', history, { assignee: 'ana', dueAt: '2026-11-26T20:59:00Z', ...now });
    const f = periodFigures(NOVEMBER, [kase], [{ protocol: 'OUV-2026-000110', score: 5 }], calendar);
    expect(f.toClose).toEqual(toClose);
    expect(f.resolution.filter((r) => r.count > 0).map((r) => r.key)).toEqual(resolution ? [resolution] : []);
    expect(f.closedByAnalyst).toEqual(closedBy);
    expect(f.satisfaction.closedCases).toBe(toClose.count);
    expect(f.deadline).toEqual(
      toClose.count ? { closed: 1, withinDeadline: 1, share: 1 } : { closed: 0, withinDeadline: 0, share: null },
    );
    // Erasing it leaves November as it was.
    expect(periodFigures(NOVEMBER, [], [], calendar, new Map(), [reportEntryOf(kase, calendar, { score: 5 })])).toEqual(
      periodFigures(NOVEMBER, [kase], [{ protocol: 'OUV-2026-000110', score: 5 }], calendar),
    );
  });

  it('closed late the first time, reopened and closed again before the new due date: late', () => {
    const late = novemberCase(
      '04',
      [
        assigned('2026-11-03T13:00:00Z', 'ana', '2026-11-17T20:59:00Z'),
        closed('2026-11-20T13:00:00Z'),
        reopened('2026-11-23T13:00:00Z', '2026-12-07T20:59:00Z'),
        closed('2026-11-25T13:00:00Z'),
      ],
      { status: 'CLOSED', assignee: 'ana', dueAt: '2026-12-07T20:59:00Z', closedAt: '2026-11-25T13:00:00Z' },
    );
    expect(periodFigures(NOVEMBER, [late], [], calendar).deadline).toEqual({ closed: 1, withinDeadline: 0, share: 0 });
  });

  it("a case first closed after the month's end is not a closure of that month, whenever the report runs", () => {
    const december = novemberCase(
      '05',
      [assigned('2026-11-27T13:00:00Z', 'ana', '2026-12-11T20:59:00Z'), closed('2026-12-03T13:00:00Z')],
      { status: 'CLOSED', assignee: 'ana', dueAt: '2026-12-11T20:59:00Z', closedAt: '2026-12-03T13:00:00Z' },
    );
    const f = periodFigures(NOVEMBER, [december], [], calendar);
    expect(f.toClose.count).toBe(0);
    expect(f.deadline.closed).toBe(0);
    expect(f.closedByAnalyst).toEqual([]);
    expect(f.satisfaction.closedCases).toBe(0);
    expect(
      periodFigures(DECEMBER, [{ ...december, createdAt: '2026-12-01T12:00:00.000Z' }], [], calendar).toClose.count,
    ).toBe(1);
  });

  it('transferred mid-month from Bruno to Ana, closed by Ana: both held it, Ana closed it', () => {
    const kase = novemberCase(
      '06',
      [
        assigned('2026-11-03T13:00:00Z', 'bruno', '2026-11-17T20:59:00Z'),
        transferred('2026-11-12T13:00:00Z', 'bruno', 'ana'),
        closed('2026-11-16T13:00:00Z'),
      ],
      { status: 'CLOSED', assignee: 'ana', dueAt: '2026-11-17T20:59:00Z', closedAt: '2026-11-16T13:00:00Z' },
    );
    const open = novemberCase('07', [assigned('2026-11-03T13:00:00Z', 'bruno', '2026-11-17T20:59:00Z')], {
      status: 'IN_PROGRESS',
      assignee: 'bruno',
    });
    const names = new Map([
      ['ana', 'Ana Souza'],
      ['bruno', 'Bruno Lima'],
    ]);
    const f = periodFigures(NOVEMBER, [kase, open], [], calendar, names);
    expect(f.byAnalyst).toEqual([
      { key: 'bruno', label: 'Bruno Lima', count: 2 },
      { key: 'ana', label: 'Ana Souza', count: 1 },
    ]);
    expect(f.closedByAnalyst).toEqual([{ key: 'ana', label: 'Ana Souza', count: 1 }]);
  });

  it('erasing the reopened or the transferred case leaves November as it was', () => {
    const reopenedCase = novemberCase(
      '08',
      [...closedOnTime, reopened('2026-12-01T13:00:00Z', '2026-12-15T20:59:00Z')],
      {
        status: 'IN_PROGRESS',
        assignee: 'ana',
        dueAt: '2026-12-15T20:59:00Z',
      },
    );
    const transferredCase = novemberCase(
      '09',
      [
        assigned('2026-11-03T13:00:00Z', 'bruno', '2026-11-17T20:59:00Z'),
        transferred('2026-11-12T13:00:00Z', 'bruno', 'ana'),
      ],
      { status: 'IN_PROGRESS', assignee: 'ana' },
    );
    const all = [reopenedCase, transferredCase];
    const report = (kept: ReportCase[], erased: ReportCase[]) =>
      periodFigures(
        NOVEMBER,
        kept,
        [],
        calendar,
        new Map(),
        erased.map((e) => reportEntryOf(e, calendar, undefined)),
      );
    for (const gone of all)
      expect(
        report(
          all.filter((k) => k !== gone),
          [gone],
        ),
      ).toEqual(report(all, []));
  });
});

// Journey 44 (local stack): December's report counted a merchant's out-of-office answering our mail
// and a mail server's delivery report as "Manifestações recebidas" and "Orientadas (redirecionadas)",
// outcome "Sem chamado anterior" — mail no one wrote and no one answered. In a real month every
// acknowledgement to a merchant on vacation adds one.
describe('automatic mail from outside (out-of-office, delivery reports, reactions) is no manifestation', () => {
  const accepted = c({ caseId: 'a', assignee: 'ana' });
  const redirected = c({
    caseId: 'r',
    status: 'REDIRECTED',
    outcome: 'BILLING_QUESTION',
    decision: { ruleIds: ['ticket.none', 'topic.billing.invoice'] },
  });
  const automatic = (caseId: string, ruleIds: string[]): ReportCase =>
    c({ caseId, status: 'REDIRECTED', outcome: 'NO_PRIOR_TICKET', decision: { ruleIds } });
  const ooo = automatic('ooo', ['ticket.valid', 'auto.machine-generated']);
  const dsn = automatic('dsn', ['auto.machine-generated.text', 'ticket.none', 'auto.machine-generated']);
  const text = automatic('txt', ['ticket.none', 'auto.machine-generated.text']);

  it('counted apart, in no other figure', () => {
    const f = periodFigures(APRIL, [accepted, redirected, ooo, dsn, text], [], calendar);
    const without = periodFigures(APRIL, [accepted, redirected], [], calendar);
    expect(f.total).toBe(2);
    expect(f.automaticMailSetAside).toBe(3);
    expect(f.acceptedVsRedirected).toEqual({ accepted: 1, redirected: 1, quarantined: 0 });
    expect({ ...f, automaticMailSetAside: 0 }).toEqual(without);
  });

  it('a merchant writing under a notice’s subject (the automatic sign fired, not decisive) is hers', () => {
    const hers = c({ caseId: 'h', assignee: 'ana', decision: { ruleIds: ['auto.machine-generated', 'ticket.valid'] } });
    const f = periodFigures(APRIL, [accepted, hers], [], calendar);
    expect(f.total).toBe(2);
    expect(f.automaticMailSetAside ?? 0).toBe(0);
  });

  it('an erased automatic record stays apart (the anonymous statistics keep what it was)', () => {
    const entry = reportEntryOf(ooo, calendar, undefined);
    const f = periodFigures(APRIL, [accepted], [], calendar, new Map(), [entry]);
    expect(f.total).toBe(1);
    expect(f.automaticMailSetAside).toBe(1);
  });
});

describe('closings count in the month they happen, the intake in the month received (journeys 50)', () => {
  const OCTOBER_TO_NOVEMBER = { from: '2026-11-01', to: '2026-11-30' };
  const ana: Actor = { kind: 'staff', id: 'ana', role: 'analyst' };
  const merchant: Actor = { kind: 'merchant', email: 'mariana@lojadamariana.com.br' } as Actor;
  const assigned = (at: string, dueAt: string): HistoryEvent =>
    ({ type: 'assigned', at, actor: { kind: 'system' }, analystId: 'ana', dueAt }) as HistoryEvent;
  const closed = (at: string, category: CloseCategory = 'procedente'): HistoryEvent =>
    ({ type: 'closed', at, actor: ana, category, summary: 'Estorno da cobrança em dobro feito.' }) as HistoryEvent;
  const reopened = (at: string, dueAt: string): HistoryEvent =>
    ({ type: 'reopened', at, actor: merchant, dueAt, messageSourceId: `r-${at}` }) as HistoryEvent;
  const kase = (n: string, createdAt: string, history: HistoryEvent[], dueAt: string): ReportCase =>
    c({
      caseId: `case-${n}`,
      protocol: `OUV-2026-0002${n}`,
      createdAt,
      status: history.at(-1)?.type === 'closed' ? 'CLOSED' : 'IN_PROGRESS',
      assignee: 'ana',
      dueAt,
      history,
    });
  const counted = (f: ReturnType<typeof periodFigures>) => ({
    received: f.total,
    closed: f.toClose.count,
    closeDays: f.toClose.median,
    deadline: [f.deadline.withinDeadline, f.deadline.closed],
    categories: f.resolution.filter((r) => r.count > 0).map((r) => `${r.key}:${r.count}`),
    closedBy: f.closedByAnalyst.map((r) => `${r.key}:${r.count}`),
    surveys: [f.satisfaction.answers, f.satisfaction.closedCases, f.satisfaction.average],
    firstAnswers: f.firstAnswer.count,
  });
  const none = { closed: 0, closeDays: null, deadline: [0, 0], categories: [], closedBy: [], surveys: [0, 0, null] };
  const twiceClosed = (n: string) =>
    kase(
      n,
      '2026-10-26T13:00:00.000Z',
      [
        assigned('2026-10-26T14:00:00Z', '2026-11-09T20:59:00Z'),
        closed('2026-10-30T15:00:00Z', 'procedente'),
        reopened('2026-11-03T13:00:00Z', '2026-11-17T20:59:00Z'),
        closed('2026-11-10T15:00:00Z', 'parcial'),
      ],
      '2026-11-17T20:59:00Z',
    );
  const twiceClosedOctober = {
    received: 1,
    closed: 1,
    closeDays: 4,
    deadline: [1, 1],
    categories: ['procedente:1'],
    closedBy: ['ana:1'],
    firstAnswers: 1,
  };
  const twiceClosedNovember = {
    received: 0,
    closed: 1,
    closeDays: 10,
    deadline: [1, 1],
    categories: ['parcial:1'],
    closedBy: ['ana:1'],
    firstAnswers: 0,
  };
  /** Received in October, closed 05/11, reopened by her 06/11, closed again 09/11; survey `score`. */
  const row05 = (score: number) => ({
    kase: kase(
      '05',
      '2026-10-28T13:00:00.000Z',
      [
        assigned('2026-10-28T14:00:00Z', '2026-11-12T20:59:00Z'),
        closed('2026-11-05T15:00:00Z', 'procedente'),
        reopened('2026-11-06T13:00:00Z', '2026-11-20T20:59:00Z'),
        closed('2026-11-09T15:00:00Z', 'nao-resolvido'),
      ],
      '2026-11-20T20:59:00Z',
    ),
    score,
    october: { received: 1, ...none, firstAnswers: 0 },
    november: {
      received: 0,
      closed: 1,
      closeDays: 7,
      deadline: [1, 1],
      categories: ['nao-resolvido:1'],
      closedBy: ['ana:1'],
      surveys: [1, 1, score],
      firstAnswers: 1,
    },
  });
  interface ClosingRow {
    name: string;
    kase: ReportCase;
    score?: number;
    answer?: { answeredAt?: string; closedAt?: string };
    october: ReturnType<typeof counted>;
    november: ReturnType<typeof counted>;
  }

  it.each([
    {
      name: 'received Fri 09/10, closed Wed 04/11 after its due date 23/10, survey 4: late, in November',
      kase: kase(
        '01',
        '2026-10-09T13:00:00.000Z',
        [assigned('2026-10-09T14:00:00Z', '2026-10-23T20:59:00Z'), closed('2026-11-04T15:00:00Z')],
        '2026-10-23T20:59:00Z',
      ),
      score: 4,
      october: { received: 1, ...none, firstAnswers: 0 },
      // 13–16, 19–23, 26–30 Oct (12/10 a holiday) and 3–4 Nov (2/11 a holiday): 16 business days.
      november: {
        received: 0,
        closed: 1,
        closeDays: 16,
        deadline: [0, 1],
        categories: ['procedente:1'],
        closedBy: ['ana:1'],
        surveys: [1, 1, 4],
        firstAnswers: 1,
      },
    },
    {
      name: 'received Fri 30/10, answered Tue 03/11, still open: its first answer is November’s',
      kase: kase(
        '02',
        '2026-10-30T19:00:00.000Z',
        [assigned('2026-10-30T19:30:00Z', '2026-11-16T20:59:00Z'), answered('2026-11-03T13:00:00Z')],
        '2026-11-16T20:59:00Z',
      ),
      october: { received: 1, ...none, firstAnswers: 0 },
      november: { received: 0, ...none, firstAnswers: 1 },
    },
    {
      name: 'received and closed in October on time: October’s alone',
      kase: kase(
        '03',
        '2026-10-05T13:00:00.000Z',
        [assigned('2026-10-05T14:00:00Z', '2026-10-20T20:59:00Z'), closed('2026-10-14T15:00:00Z', 'resolvido')],
        '2026-10-20T20:59:00Z',
      ),
      score: 5,
      october: {
        received: 1,
        closed: 1,
        closeDays: 6,
        deadline: [1, 1],
        categories: ['resolvido:1'],
        closedBy: ['ana:1'],
        surveys: [1, 1, 5],
        firstAnswers: 1,
      },
      november: { received: 0, ...none, firstAnswers: 0 },
    },
    {
      name: 'closed Fri 30/10, reopened by her Tue 03/11, closed again Tue 10/11: each month counts its closure',
      kase: twiceClosed('04'),
      october: { ...twiceClosedOctober, surveys: [0, 1, null] },
      november: { ...twiceClosedNovember, surveys: [0, 1, null] },
    },
    {
      ...row05(2),
      name: 'received in October, closed 05/11, reopened 06/11, closed again 09/11: November counts it once, its last closure',
    },
    {
      name: 'closed 27/11, reopened 30/11 and open at the month’s end: no November closure',
      kase: kase(
        '06',
        '2026-10-29T13:00:00.000Z',
        [
          assigned('2026-10-29T14:00:00Z', '2026-11-13T20:59:00Z'),
          answered('2026-10-30T13:00:00Z'),
          closed('2026-11-27T15:00:00Z'),
          reopened('2026-11-30T13:00:00Z', '2026-12-14T20:59:00Z'),
        ],
        '2026-12-14T20:59:00Z',
      ),
      october: { received: 1, ...none, firstAnswers: 1 },
      november: { received: 0, ...none, firstAnswers: 0 },
    },
    // The survey belongs to the closing it answers (report 53: a case closed in two months counted its
    // one answer in both). Case 04's shape: closed 30/10, reopened by her 03/11, closed again 10/11.
    ...(
      [
        [
          'answered 31/10, to the October closing',
          4,
          { answeredAt: '2026-10-31T12:00:00Z', closedAt: '2026-10-30T15:00:00Z' },
          [1, 1, 4],
          [0, 0, null],
        ],
        [
          'answered 02/11 (before her reopening), the closing not named',
          4,
          { answeredAt: '2026-11-02T12:00:00Z' },
          [1, 1, 4],
          [0, 0, null],
        ],
        [
          'answered 11/11, to the November closing',
          2,
          { answeredAt: '2026-11-11T12:00:00Z', closedAt: '2026-11-10T15:00:00Z' },
          [0, 1, null],
          [1, 1, 2],
        ],
      ] as const
    ).map(([when, score, answer, octoberSurveys, novemberSurveys]) => ({
      name: `closed 30/10 and again 10/11, survey ${score} ${when}: one month counts it, the other closing offered ${novemberSurveys[1] ? 'one unanswered' : 'none'}`,
      kase: twiceClosed('07'),
      score,
      answer,
      october: { ...twiceClosedOctober, surveys: [...octoberSurveys] },
      november: { ...twiceClosedNovember, surveys: [...novemberSurveys] },
    })),
    {
      // Row 05's case, her answer given to the closing her reopening undid: still November's, once.
      ...row05(3),
      name: 'closed 05/11, answered 05/11, reopened 06/11, closed again 09/11: November counts its answer once',
      answer: { answeredAt: '2026-11-05T18:00:00Z', closedAt: '2026-11-05T15:00:00Z' },
    },
  ] as ClosingRow[])('$name', ({ kase: k, score, answer, october, november }) => {
    const surveys = score && k.protocol ? [{ protocol: k.protocol, score, ...answer }] : [];
    const live = reportFigures({
      period: OCTOBER_TO_NOVEMBER,
      cases: [],
      previousCases: [k],
      openCases: [],
      surveys,
      now: new Date('2026-12-01T13:00:00Z'),
      calendar,
      closing: { cases: [k], erased: [] },
    });
    expect({ november: counted(live), october: counted(live.previous) }).toEqual({ november, october });
    // Erased: the record kept counts the same in both months.
    const entry = reportEntryOf(k, calendar, surveys[0]);
    const erased = reportFigures({
      period: OCTOBER_TO_NOVEMBER,
      cases: [],
      previousCases: [],
      openCases: [],
      surveys: [],
      now: new Date('2026-12-01T13:00:00Z'),
      calendar,
      erased: [entry],
      closing: { cases: [], erased: [entry] },
    });
    expect({ november: counted(erased), october: counted(erased.previous) }).toEqual({ november, october });
  });

  it('a case in both lists (received in the period, closed in it) counts once', () => {
    const k = kase(
      '07',
      '2026-11-03T13:00:00.000Z',
      [assigned('2026-11-03T14:00:00Z', '2026-11-18T20:59:00Z'), closed('2026-11-05T15:00:00Z')],
      '2026-11-18T20:59:00Z',
    );
    const f = periodFigures(OCTOBER_TO_NOVEMBER, [k], [], calendar, new Map(), [], { cases: [k, k], erased: [] });
    expect(f.toClose.count).toBe(1);
    expect(f.firstAnswer.count).toBe(1);
  });
});

describe('erasure records made before each closure kept its own survey', () => {
  // Written between the closings' list and per-closure surveys: the closures listed, the case's one answer beside them.
  const record: ReportEntry = {
    createdOn: '2026-10-26',
    channel: 'email',
    status: 'CLOSED',
    outcome: 'ACCEPTED',
    topics: [NO_TOPIC],
    analyst: 'ana',
    analysts: ['ana'],
    closures: [{ closedOn: '2026-11-10', closeDays: 10, category: 'parcial', closedBy: 'ana', withinDeadline: true }],
    survey: 4,
  };
  it.each([
    [{ ...record }, [1, 1, 4]],
    [{ ...record, survey: null }, [0, 1, null]],
  ])('count the case’s answer with its counted closure (%#)', (entry, surveys) => {
    const f = periodFigures({ from: '2026-11-01', to: '2026-11-30' }, [], [], calendar, new Map(), [], {
      cases: [],
      erased: [entry],
    });
    expect([f.satisfaction.answers, f.satisfaction.closedCases, f.satisfaction.average]).toEqual(surveys);
  });
});

describe('an erasure that died between its statistics and the case items', () => {
  const record = (recordId?: string): ReportEntry => ({
    createdOn: '2026-11-03',
    channel: 'email',
    status: 'CLOSED',
    outcome: 'ACCEPTED',
    topics: [NO_TOPIC],
    ...(recordId ? { recordId } : {}),
  });
  const live = c({ caseId: 'email:ses-paulo', createdAt: '2026-11-03T13:00:00Z', erasedStatsId: 'r-paulo' });
  it.each([
    ['the live case names the record: the case counts, not the record', [record('r-paulo')], []],
    ['another erased case’s record stays', [record('r-outro')], [record('r-outro')]],
    ['a record read without its id stays', [record()], [record()]],
  ])('%s', (_name, erased, kept) => {
    expect(withoutLiveRecords(erased, [live, c({ caseId: 'x' })])).toEqual(kept);
  });
});
