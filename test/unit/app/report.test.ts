import { describe, expect, it } from 'vitest';
import {
  announcement,
  generateReport,
  periodBounds,
  publishReport,
  type ReportSource,
  type ReportStore,
} from '../../../shared/app/report';
import { officeCalendar } from '../../../shared/domain/calendar';
import { localConfig } from '../../../shared/domain/config';
import type { ReportCase, ReportEntry, ReportSurvey } from '../../../shared/domain/report/figures';
import { FixedClock, RecordingMailer } from '../../support/fakes';

const calendar = officeCalendar(localConfig);
const APRIL = { from: '2026-04-01', to: '2026-04-30' };

const aCase = (o: Partial<ReportCase> & { caseId: string }): ReportCase => ({
  channel: 'email',
  status: 'ASSIGNED',
  outcome: 'ACCEPTED',
  decision: { ruleIds: ['ticket.valid'] },
  createdAt: '2026-04-20T13:00:00.000Z',
  ...o,
});

/** Answers by the bounds asked for, and records every call. */
class FakeSource implements ReportSource {
  calls: string[] = [];
  constructor(
    private readonly byFrom: Record<string, ReportCase[]>,
    private readonly open: ReportCase[] = [],
    private readonly answers: ReportSurvey[] = [],
    private readonly erased: ReportEntry[] = [],
    /** Cases closed or first answered in a period, by its start. */
    private readonly closedByFrom: Record<string, ReportCase[]> = {},
    private readonly erasedClosed: ReportEntry[] = [],
  ) {}
  async casesWithEventsBetween(fromIso: string, toIso: string) {
    this.calls.push(`closings ${fromIso} ${toIso}`);
    return this.closedByFrom[fromIso] ?? [];
  }
  async erasedWithEventsBetween(from: string, to: string) {
    this.calls.push(`erased closings ${from} ${to}`);
    return this.erasedClosed;
  }
  async erasedCreatedBetween(from: string, to: string) {
    this.calls.push(`erased ${from} ${to}`);
    return this.erased.filter((e) => from <= e.createdOn && e.createdOn <= to);
  }
  async casesCreatedBetween(fromIso: string, toIso: string) {
    this.calls.push(`cases ${fromIso} ${toIso}`);
    return this.byFrom[fromIso] ?? [];
  }
  async openCases() {
    this.calls.push('open');
    return this.open;
  }
  async surveys(protocols: readonly string[]) {
    this.calls.push(`surveys ${protocols.join(',')}`);
    return this.answers.filter((a) => protocols.includes(a.protocol));
  }
}

class FakeStore implements ReportStore {
  files = new Map<string, { body: string; type: string }>();
  async put(name: string, body: string, type: string) {
    this.files.set(name, { body, type });
  }
}

const APRIL_FROM = '2026-04-01T03:00:00.000Z';
const MARCH_FROM = '2026-03-01T03:00:00.000Z';

describe('periodBounds', () => {
  it.each([
    [APRIL, 'America/Sao_Paulo', APRIL_FROM, '2026-05-01T03:00:00.000Z'],
    [{ from: '2026-04-20', to: '2026-04-20' }, 'UTC', '2026-04-20T00:00:00.000Z', '2026-04-21T00:00:00.000Z'],
  ])('%j in %s is [%s, %s)', (period, zone, fromIso, toIso) => {
    expect(periodBounds(period, zone)).toEqual({ fromIso, toIso });
  });

  it.each([
    { from: '2026-04-30', to: '2026-04-01' },
    { from: '2026-4-1', to: '2026-04-30' },
  ])('refuses %j', (period) => {
    expect(() => periodBounds(period, 'UTC')).toThrow();
  });
});

describe('generateReport', () => {
  // A supervisor reads names and topics, not roster ids and rule ids (the ids stay the CSV keys).
  it.each([
    [
      'HTML',
      'html',
      ['<th scope="row">Bruno Oliveira</th>', 'Reclamação de cobrança (indevida, em duplicidade'],
      ['<th scope="row">bruno</th>', '<th scope="row">topic.billing.complaint</th>'],
    ],
    [
      'CSV',
      'csv',
      [
        'por_analista;bruno;Bruno Oliveira;1',
        'por_regra;topic.billing.complaint;"Reclamação de cobrança (indevida, em duplicidade',
      ],
      ['por_analista;bruno;bruno', 'por_regra;topic.billing.complaint;topic.billing.complaint'],
    ],
  ] as const)(
    'the %s names analysts by roster name and topics by their description',
    async (_what, file, shown, hidden) => {
      const source = new FakeSource({
        [APRIL_FROM]: [
          aCase({ caseId: 'a', assignee: 'bruno', decision: { ruleIds: ['ticket.valid', 'topic.billing.complaint'] } }),
        ],
      });
      const report = await generateReport(APRIL, {
        source,
        calendar,
        clock: new FixedClock(new Date('2026-05-04T12:00:00Z')),
        staffNames: async () => new Map([['bruno', 'Bruno Oliveira']]),
      });
      for (const text of shown) expect(report[file]).toContain(text);
      for (const text of hidden) expect(report[file]).not.toContain(text);
    },
  );

  it('reads the period, the previous one and the open cases; surveys only of closed cases with a protocol', async () => {
    const source = new FakeSource(
      {
        [APRIL_FROM]: [
          aCase({ caseId: 'a', status: 'CLOSED', protocol: 'OUV-A', closedAt: '2026-04-24T13:00:00.000Z' }),
          aCase({ caseId: 'b' }),
          aCase({ caseId: 'c', status: 'CLOSED' }),
          // Closed on 22 Apr, reopened on 27 Apr and open at April's end: not closed in April, its early survey answer not counted.
          aCase({
            caseId: 'r',
            status: 'IN_PROGRESS',
            protocol: 'OUV-R',
            history: [
              {
                type: 'closed',
                at: '2026-04-22T13:00:00.000Z',
                actor: { kind: 'staff', id: 'ana', role: 'analyst' },
                category: 'resolvido',
                summary: 'Resolvido.',
              },
              {
                type: 'reopened',
                at: '2026-04-27T13:00:00.000Z',
                actor: { kind: 'merchant' },
                messageSourceId: 'm-r',
                dueAt: '2026-05-11T20:59:00.000Z',
              },
            ],
          }),
        ],
        [MARCH_FROM]: [
          aCase({ caseId: 'm', status: 'CLOSED', protocol: 'OUV-M', createdAt: '2026-03-10T13:00:00.000Z' }),
        ],
      },
      [aCase({ caseId: 'b' })],
      [
        { protocol: 'OUV-A', score: 5 },
        { protocol: 'OUV-R', score: 2 },
      ],
    );
    const report = await generateReport(APRIL, {
      source,
      calendar,
      clock: new FixedClock(new Date('2026-05-04T12:00:00Z')),
    });
    expect(source.calls).toEqual([
      `cases ${APRIL_FROM} 2026-05-01T03:00:00.000Z`,
      `cases ${MARCH_FROM} ${APRIL_FROM}`,
      'open',
      'erased 2026-03-01 2026-04-30',
      `closings ${MARCH_FROM} 2026-05-01T03:00:00.000Z`,
      'erased closings 2026-03-01 2026-04-30',
      'surveys OUV-A,OUV-R,OUV-M',
    ]);
    expect(report.name).toBe('relatorio-ouvidoria_2026-04-01_2026-04-30');
    expect(report.figures.total).toBe(4);
    expect(report.figures.satisfaction).toMatchObject({ closedCases: 1, answers: 1, average: 5 });
    expect(report.html).toContain('<html');
    expect(report.csv.split('\n').length).toBeGreaterThan(2);
  });
});

describe('generateReport: closings by the month they happen (journeys 50)', () => {
  it('a case received in March and closed late in April counts in April’s closings with its survey, not in its intake', async () => {
    const ana = { kind: 'staff', id: 'ana', role: 'analyst' } as const;
    const late = aCase({
      caseId: 'late',
      protocol: 'OUV-L',
      status: 'CLOSED',
      assignee: 'ana',
      createdAt: '2026-03-27T13:00:00.000Z',
      dueAt: '2026-04-10T20:59:00.000Z',
      closedAt: '2026-04-14T13:00:00.000Z',
      history: [
        {
          type: 'assigned',
          at: '2026-03-27T14:00:00.000Z',
          actor: { kind: 'system' },
          analystId: 'ana',
          dueAt: '2026-04-10T20:59:00.000Z',
        },
        { type: 'closed', at: '2026-04-14T13:00:00.000Z', actor: ana, category: 'procedente', summary: 'Estornado.' },
      ],
    });
    const source = new FakeSource({ [MARCH_FROM]: [late] }, [], [{ protocol: 'OUV-L', score: 3 }], [], {
      [MARCH_FROM]: [late],
    });
    const { figures } = await generateReport(APRIL, {
      source,
      calendar,
      clock: new FixedClock(new Date('2026-05-04T12:00:00Z')),
    });
    expect(source.calls).toContain('surveys OUV-L');
    expect({ received: figures.total, closed: figures.toClose.count, deadline: figures.deadline }).toEqual({
      received: 0,
      closed: 1,
      deadline: { closed: 1, withinDeadline: 0, share: 0 },
    });
    expect(figures.satisfaction).toMatchObject({ closedCases: 1, answers: 1, average: 3 });
    expect({ received: figures.previous.total, closed: figures.previous.toClose.count }).toEqual({
      received: 1,
      closed: 0,
    });
  });
});

describe('publishReport', () => {
  const deps = (supervisors: string[]) => {
    const store = new FakeStore();
    const mailer = new RecordingMailer();
    return {
      store,
      mailer,
      run: {
        source: new FakeSource({ [APRIL_FROM]: [aCase({ caseId: 'a' })] }),
        calendar,
        clock: new FixedClock(new Date('2026-05-04T12:00:00Z')),
        store,
        mailer,
        config: localConfig,
        supervisors: async () => supervisors,
      },
    };
  };

  // The files go with the mail: a presigned link signed with the function's role credentials dies
  // with their session, hours later, whatever expiry it names.
  it('stores the HTML and CSV and mails them, attached, to each supervisor once', async () => {
    const { store, mailer, run } = deps([
      'Sofia@Ouvidoria.example.com.br',
      'sofia@ouvidoria.example.com.br ',
      '',
      'rui@x.com',
    ]);
    const published = await publishReport(APRIL, run);
    expect([...store.files.entries()].map(([n, f]) => [n, f.type])).toEqual([
      ['relatorio-ouvidoria_2026-04-01_2026-04-30.html', 'text/html; charset=utf-8'],
      ['relatorio-ouvidoria_2026-04-01_2026-04-30.csv', 'text/csv; charset=utf-8'],
    ]);
    expect(published.announcedTo).toBe(2);
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]?.to).toEqual(['sofia@ouvidoria.example.com.br', 'rui@x.com']);
    expect(
      mailer.sent[0]?.files?.map((f) => [f.filename, f.contentType, Buffer.from(f.content).toString('utf8')]),
    ).toEqual([
      ['relatorio-ouvidoria_2026-04-01_2026-04-30.html', 'text/html; charset=utf-8', published.html],
      ['relatorio-ouvidoria_2026-04-01_2026-04-30.csv', 'text/csv; charset=utf-8', published.csv],
    ]);
    expect(`${mailer.sent[0]?.text}${mailer.sent[0]?.html}`).not.toMatch(/https?:|link/i);
  });

  it('mails nobody without supervisors (the files are still stored)', async () => {
    const { store, mailer, run } = deps([]);
    expect((await publishReport(APRIL, run)).announcedTo).toBe(0);
    expect(mailer.sent).toHaveLength(0);
    expect(store.files.size).toBe(2);
  });
});

describe('announcement', () => {
  it('summarises the period in pt-BR and attaches the files, their names escaped in the HTML', async () => {
    const report = await generateReport(APRIL, {
      source: new FakeSource({}),
      calendar,
      clock: new FixedClock(new Date('2026-05-04T12:00:00Z')),
    });
    const files = [
      { filename: 'relatorio<2>.html', contentType: 'text/html; charset=utf-8', content: Buffer.from('x') },
    ];
    const mail = announcement(report.figures, files, ['sofia@x.com'], localConfig);
    expect(mail.subject).toBe('Relatório da Ouvidoria — 01/04/2026 a 30/04/2026');
    expect(mail.text).toContain('Manifestações recebidas: 0 (0 casos aceitos, 0 orientadas)');
    expect(mail.text).toContain('Satisfação média: —');
    expect(mail.text).toContain('Relatório completo em anexo: relatorio<2>.html');
    expect(mail.html).toContain('relatorio&lt;2&gt;.html');
    expect(mail.html).not.toContain('<2>');
    expect(mail.files).toBe(files);
    expect(mail.headers['Auto-Submitted']).toBe('auto-generated');
    expect(mail.from).toContain(localConfig.fromAddress);
  });

  it.each([
    { accepted: 1, redirected: 1, says: 'Manifestações recebidas: 2 (1 caso aceito, 1 orientada)' },
    { accepted: 3, redirected: 2, says: 'Manifestações recebidas: 5 (3 casos aceitos, 2 orientadas)' },
  ])('counts in the singular and plural: $says', async ({ accepted, redirected, says }) => {
    const report = await generateReport(APRIL, {
      source: new FakeSource({}),
      calendar,
      clock: new FixedClock(new Date('2026-05-04T12:00:00Z')),
    });
    const figures = {
      ...report.figures,
      total: accepted + redirected,
      acceptedVsRedirected: { ...report.figures.acceptedVsRedirected, accepted, redirected },
    };
    expect(announcement(figures, [], ['sofia@x.com'], localConfig).text).toContain(says);
  });

  it('a report of April asked on 20 April says it is partial, in its subject and its text', async () => {
    const report = await generateReport(APRIL, {
      source: new FakeSource({}),
      calendar,
      clock: new FixedClock(new Date('2026-04-20T12:00:00Z')),
    });
    const mail = announcement(report.figures, [], ['sofia@x.com'], localConfig);
    expect(mail.subject).toBe('Relatório da Ouvidoria — 01/04/2026 a 30/04/2026 (parcial)');
    expect(mail.text).toContain('Período em andamento');
  });
});
