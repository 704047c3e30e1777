import { describe, expect, it } from 'vitest';
import { officeCalendar } from '../../../../shared/domain/calendar';
import { localConfig } from '../../../../shared/domain/config';
import { type ReportCase, reportFigures } from '../../../../shared/domain/report/figures';
import { csvCell, REPORT_NOTES_PT, renderReportCsv, renderReportHtml } from '../../../../shared/domain/report/render';
import { escapeHtml } from '../../../../shared/domain/html';

const calendar = officeCalendar(localConfig);
const hostile = '<script>alert(1)</script>"&';

function figures(cases: ReportCase[]) {
  return reportFigures({
    period: { from: '2026-04-01', to: '2026-04-30' },
    cases,
    previousCases: [],
    openCases: [],
    surveys: [],
    now: new Date('2026-05-04T12:00:00Z'),
    calendar,
  });
}

const one: ReportCase = {
  caseId: 'x',
  channel: 'email',
  status: 'ASSIGNED',
  outcome: 'ACCEPTED',
  decision: { ruleIds: ['topic.billing.complaint'] },
  assignee: hostile,
  createdAt: '2026-04-20T13:00:00.000Z',
};

describe('report HTML', () => {
  it('is one self-contained, well-formed page with titled charts and escaped text', () => {
    const page = renderReportHtml(figures([one]));
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toContain('<html lang="pt-BR">');
    expect(page).not.toMatch(/<script|<link|@import|url\(|src=|https?:\/\//i);
    expect(page).not.toContain(hostile);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;');
    const svgs = page.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs.length).toBeGreaterThanOrEqual(9);
    for (const svg of svgs) {
      const id = /aria-labelledby="([^ "]+)-t \1-d"/.exec(svg)?.[1];
      expect(id).toBeTruthy();
      expect(svg).toContain('role="img"');
      expect(svg).toMatch(new RegExp(`<title id="${id}-t">[^<]+</title><desc id="${id}-d">[^<]+</desc>`));
    }
    // Balanced elements (the parser-free check: every opened tag of these kinds is closed).
    for (const tag of ['section', 'table', 'svg', 'figure', 'title', 'g', 'tr']) {
      const open = page.match(new RegExp(`<${tag}[\\s>]`, 'g'))?.length ?? 0;
      expect(page.match(new RegExp(`</${tag}>`, 'g'))?.length ?? 0, tag).toBe(open);
    }
    expect(page).toContain('@media print');
  });

  it('says what "encerrado" and "por analista" count, and shows who closed', () => {
    const closedByBruno: ReportCase = {
      ...one,
      caseId: 'y',
      assignee: 'bruno',
      status: 'CLOSED',
      closedAt: '2026-04-22T13:00:00.000Z',
      history: [
        {
          type: 'closed',
          at: '2026-04-22T13:00:00.000Z',
          actor: { kind: 'staff', id: 'bruno', role: 'analyst' },
          category: 'resolvido',
          summary: 'Resolvido.',
        },
      ],
    };
    const f = figures([closedByBruno]);
    const page = renderReportHtml(f);
    expect(page).toContain('Encerramentos por analista');
    for (const note of Object.values(REPORT_NOTES_PT)) expect(page).toContain(escapeHtml(note));
    expect(renderReportCsv(f).split('\r\n')).toContain('encerramentos_por_analista;bruno;bruno;1;;');
  });

  it.each([
    ['Manifestações por resultado', 'Resultado e quantidade de manifestações'],
    ['Manifestações por canal', 'Canal e quantidade de manifestações'],
    ['Casos por analista', 'Analista e quantidade de casos'],
    ['Encerramentos por analista', 'Analista e quantidade de encerramentos'],
    ['Categorias de resolução', 'Categoria e quantidade de casos encerrados'],
  ])('describes the chart "%s" by what it counts: %s', (title, description) => {
    const page = renderReportHtml(figures([one]));
    const svg = page.match(new RegExp(`<svg[^>]*>\\s*<title id="[^"]+">${title}</title>[\\s\\S]*?</svg>`))?.[0] ?? '';
    expect(svg).toContain(`<desc id="`);
    expect(/<desc id="[^"]+">([^<]*)<\/desc>/.exec(svg)?.[1]).toBe(description);
  });

  it('renders an empty month without NaN or Infinity', () => {
    const page = renderReportHtml(figures([]));
    expect(page).not.toMatch(/NaN|Infinity|undefined/);
    expect(page).toContain('Sem dados no período');
  });
});

describe('staff mail set aside', () => {
  const ooo: ReportCase = {
    caseId: 'ooo',
    channel: 'email',
    status: 'QUARANTINED',
    outcome: 'QUARANTINED',
    decision: { ruleIds: ['quarantine.staff-mail'] },
    createdAt: '2026-04-21T13:00:00.000Z',
  };

  it('is said apart on the page and in the CSV, and counted in no manifestation figure', () => {
    const f = figures([one, ooo, { ...ooo, caseId: 'ooo-2' }]);
    const page = renderReportHtml(f);
    expect(page).toContain('Fora destas contas: 2 mensagens ao endereço de resposta da equipe postas de lado');
    const lines = renderReportCsv(f)
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines).toContain('resumo;total;Manifestações recebidas;1;;');
    expect(lines).toContain('resumo;quarentena;Quarentena;0;;');
    expect(lines).toContain(
      'resumo;equipe_postas_de_lado;Mensagens da equipe postas de lado (fora das manifestações);2;;',
    );
  });

  it('a month without any says nothing on the page', () => {
    expect(renderReportHtml(figures([one]))).not.toContain('Fora destas contas');
  });
});

describe('report CSV', () => {
  it('holds the same tables, quoted and safe from spreadsheet formulas', () => {
    const csv = renderReportCsv(figures([one]));
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('tabela;chave;rotulo;valor;anterior;variacao');
    expect(lines).toContain('resumo;total;Manifestações recebidas;1;;');
    expect(lines.some((l) => l.startsWith('por_analista;'))).toBe(true);
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell(null)).toBe('');
  });

  // Journey 48, the December report opened as a supervisor would: Excel in pt-BR put each line in
  // one cell (it splits on ";"), read "0.6667" as text and "Manifestações" as "ManifestaÃ§Ãµes".
  it('opens in a pt-BR spreadsheet: UTF-8 with its BOM, ";" between cells, decimal commas', () => {
    const csv = renderReportCsv(figures([one]));
    expect(csv.startsWith('\uFEFFtabela;chave;')).toBe(true);
    expect(csv.indexOf('\uFEFF', 1)).toBe(-1);
  });

  it.each([
    [0.123456, '0,1235'],
    [0.5, '0,5'],
    [-1.25, '-1,25'],
    [2, '2'],
    [-3, '-3'],
  ])('the number %d is written %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it.each([
    // A name or label that would run as a formula after what the spreadsheet skips or never shows.
    [' =HYPERLINK("http://golpe.example")', `"' =HYPERLINK(""http://golpe.example"")"`],
    ["\u200b=1+cmd|' /C calc'!A0", "'\u200b=1+cmd|' /C calc'!A0"],
    ['\u2060@SOMA(A1:A9)', "'\u2060@SOMA(A1:A9)"],
    ['\u00a0-2+3+cmd|x', "'\u00a0-2+3+cmd|x"],
    ['\uff1dHYPERLINK("x")', `"'\uff1dHYPERLINK(""x"")"`],
    ['\uff0b1', "'\uff0b1"],
    // The small sign forms the upload check reads as signs (files 55): the export quotes them too.
    ['\ufe66HYPERLINK("http://golpe.example")', `"'\ufe66HYPERLINK(""http://golpe.example"")"`],
    ['\ufe62cmd|x!A0', "'\ufe62cmd|x!A0"],
    ['\ufe63 2+cmd|x!A0', "'\ufe63 2+cmd|x!A0"],
    ['\ufe6bSOMA(A1)', "'\ufe6bSOMA(A1)"],
    ['\nSOMA', '"\'\nSOMA"'],
    // A separator other than the comma (Excel in pt-BR splits on ";", an import may split on tabs):
    // quoted, so no second cell starts with the formula.
    ["Ana Lima;=1+cmd|' /C calc'!A0", `"Ana Lima;=1+cmd|' /C calc'!A0"`],
    ['Loja da Ana;@SOMA(A1:A9)', '"Loja da Ana;@SOMA(A1:A9)"'],
    ['Ana Lima\t=HYPERLINK(1)', '"Ana Lima\t=HYPERLINK(1)"'],
    // Ordinary text stays as it is.
    ['Ana Lima', 'Ana Lima'],
    ['Atendimento (1ª resposta)', 'Atendimento (1ª resposta)'],
    ['a = b', 'a = b'],
  ])('csvCell(%j) → %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

// Journey 44: a merchant's out-of-office answering our mail and a delivery report were counted as
// manifestações, outcome "Sem chamado anterior"; they are said apart, as staff mail set aside is.
describe('automatic mail from outside', () => {
  const ooo: ReportCase = {
    caseId: 'ooo',
    channel: 'email',
    status: 'REDIRECTED',
    outcome: 'NO_PRIOR_TICKET',
    decision: { ruleIds: ['ticket.valid', 'auto.machine-generated'] },
    createdAt: '2026-04-21T13:00:00.000Z',
  };

  it('is said apart on the page and in the CSV, and counted in no manifestation figure', () => {
    const f = figures([one, ooo]);
    const page = renderReportHtml(f);
    expect(page).toContain('Fora destas contas: 1 mensagem automática de fora guardada sem caso nem resposta');
    const lines = renderReportCsv(f)
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines).toContain('resumo;total;Manifestações recebidas;1;;');
    expect(lines).toContain('resumo;orientadas;Orientadas (redirecionadas);0;;');
    expect(lines).toContain(
      'resumo;automaticas_postas_de_lado;Mensagens automáticas de fora guardadas (fora das manifestações);1;;',
    );
  });
});

// Journeys 48: a report asked for the month in progress said only "Gerado em 01/12/2026", read as a
// closed month; its figures can still change, and the page, the spreadsheet, the mail and the command
// line say so.
describe('a report of a period not over yet', () => {
  const at = (now: string) =>
    reportFigures({
      period: { from: '2026-12-01', to: '2026-12-31' },
      cases: [],
      previousCases: [],
      openCases: [],
      surveys: [],
      now: new Date(now),
      calendar,
    });
  it.each([
    ['on its first day', '2026-12-01T13:00:00Z', true],
    ['on its last day, 23:30 in São Paulo (02:30 UTC the next day)', '2027-01-01T02:30:00Z', true],
    ['the day after it, 00:10 in São Paulo', '2027-01-01T03:10:00Z', false],
    ['a month later', '2027-02-01T12:00:00Z', false],
  ])('generated %s: unfinished %s', (_label, now, unfinished) => {
    const f = at(now);
    expect(f.unfinished).toBe(unfinished);
    const says = (text: string) => text.includes('Período em andamento');
    expect(says(renderReportHtml(f))).toBe(unfinished);
    expect(says(renderReportCsv(f))).toBe(unfinished);
  });
});
