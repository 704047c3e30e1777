/**
 * The report as one self-contained HTML page (inline CSS and SVG, no script, no external font or
 * image, readable printed) and as CSV with the same tables. pt-BR; every value is escaped.
 */
import { countOf } from '../count';
import { calendarDayPtBr } from '../lifecycle/deadlines';
import { formatDateTimePtBr } from '../calendar';
import { escapeHtml } from '../html';
import { withoutInvisible } from '../text';
import { SIGN_FORMS } from '../uploads/csv-formulas';
import type { ChangeRow, CountRow, Durations, ReportFigures } from './figures';
import { barChart, resetChartIds } from './svg';

const num = (n: number | null, digits = 1) =>
  n === null ? '—' : Number.isInteger(n) ? String(n) : n.toFixed(digits).replace('.', ',');
const pct = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1).replace('.', ',')} %`);
const signed = (n: number | null, asShare = false) =>
  n === null ? '—' : `${n > 0 ? '+' : ''}${asShare ? pct(n) : num(n)}`;

function countTable(caption: string, head: string, rows: readonly CountRow[]): string {
  const total = rows.reduce((a, r) => a + r.count, 0);
  const body = rows.length
    ? rows.map((r) => `<tr><th scope="row">${escapeHtml(r.label)}</th><td>${r.count}</td></tr>`).join('')
    : '<tr><td colspan="2">Sem dados no período</td></tr>';
  return (
    `<table><caption>${escapeHtml(caption)}</caption><thead><tr><th scope="col">${escapeHtml(head)}</th>` +
    `<th scope="col">Quantidade</th></tr></thead><tbody>${body}</tbody>` +
    `<tfoot><tr><th scope="row">Total</th><td>${total}</td></tr></tfoot></table>`
  );
}

/** What the figures count, as the report says it (shared/domain/report/figures.ts defines them). */
export const REPORT_NOTES_PT = {
  closed:
    'Manifestações, resultados, canais, temas e casos por analista contam o que foi recebido no período. Encerramentos, prazo, tempo até o encerramento, categorias, quem encerrou e satisfação contam os casos encerrados no período, qualquer que seja o mês em que chegaram: um caso recebido em um mês e encerrado no seguinte conta no mês do encerramento. Cada caso conta uma vez por período, pelo seu último encerramento nele; se o lojista o reabriu depois disso no mesmo período, não conta nele. Um caso encerrado, reaberto e encerrado de novo no mês seguinte conta nos dois meses, cada um com o seu encerramento. O tempo até a 1ª resposta conta as primeiras respostas dadas no período (uma resposta, ou a mensagem de encerramento quando veio antes). Um caso fica no prazo só se cada encerramento veio até o prazo vigente naquele momento. O relatório de um mês passado não muda quando um caso é respondido, reaberto ou encerrado depois; só a satisfação recebe as respostas que chegam depois, enquanto a pesquisa do encerramento segue aberta.',
  byAnalyst:
    'Cada analista que teve o caso (atribuição ou transferência), uma vez por caso: um caso transferido no mês conta para quem o transferiu e para quem o recebeu, e a soma pode passar do total de casos aceitos.',
  closedByAnalyst: 'Quem fez cada encerramento contado no período (mesmo critério de "encerrado").',
  closedInPeriod:
    'Casos encerrados no período, qualquer que seja o mês em que chegaram (mesmo critério de "encerrado").',
  satisfaction:
    'Respostas da pesquisa dos casos encerrados no período, qualquer que seja o mês em que chegaram (mesmo critério de "encerrado"), inclusive as que chegaram depois do fim do período: a pesquisa segue aberta por um tempo após o encerramento, e o relatório gerado de novo mais tarde as conta. Cada caso tem uma resposta, que conta no mês do encerramento que ela avaliou: um caso reaberto e encerrado de novo em outro mês não a conta duas vezes.',
} as const;

function section(title: string, chart: string, table: string, note = ''): string {
  return `<section><h2>${escapeHtml(title)}</h2>${note ? `<p class="note">${escapeHtml(note)}</p>` : ''}<figure>${chart}</figure>${table}</section>`;
}

/** `counted` names what the bars count, for the chart's description read by screen readers. */
function countSection(title: string, head: string, counted: string, rows: readonly CountRow[], note = ''): string {
  const bars = rows.map((r) => ({ label: r.label, value: r.count }));
  return section(
    title,
    barChart(title, `${head} e quantidade de ${counted}`, bars),
    countTable(title, head, rows),
    note,
  );
}

function durationRows(d: Durations): string {
  return `<td>${d.count}</td><td>${num(d.median)}</td><td>${num(d.p90)}</td>`;
}

function changeTable(rows: readonly ChangeRow[]): string {
  const body = rows
    .map((r) => {
      const asShare = r.key === 'deadlineShare';
      const v = (n: number | null) => (asShare ? pct(n) : num(n));
      return `<tr><th scope="row">${escapeHtml(r.label)}</th><td>${v(r.current)}</td><td>${v(r.previous)}</td><td>${signed(r.change, asShare)}</td><td>${r.changeShare === null ? '—' : signed(r.changeShare, true)}</td></tr>`;
    })
    .join('');
  return `<table><caption>Variação em relação ao período anterior</caption><thead><tr><th scope="col">Indicador</th><th scope="col">Período</th><th scope="col">Anterior</th><th scope="col">Variação</th><th scope="col">Variação %</th></tr></thead><tbody>${body}</tbody></table>`;
}

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#111;margin:2rem auto;max-width:60rem;padding:0 1rem;line-height:1.4}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;border-bottom:2px solid #1f4e79;padding-bottom:.2rem;margin-top:2rem}
.meta{color:#333}.note{color:#333;font-size:.9rem}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));gap:.6rem;margin:1rem 0;padding:0;list-style:none}
.kpis li{border:1px solid #999;border-radius:4px;padding:.6rem}.kpis strong{display:block;font-size:1.5rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;min-width:24rem}caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{border:1px solid #999;padding:.25rem .6rem;text-align:left}td{text-align:right}thead th{background:#e8eef5}
svg.chart{max-width:100%;height:auto;font-size:13px;font-family:inherit}svg.chart text{fill:#111}svg.chart .bar{fill:#1f4e79}
figure{margin:0}
@media print{body{margin:0;max-width:none}section{break-inside:avoid}h2{break-after:avoid}thead th{background:none}}
`;

/** Said wherever a report of a period not over yet is shown (page, spreadsheet, mail, command line). */
export const UNFINISHED_PERIOD_PT =
  'Período em andamento: gerado antes do fim do período, os números ainda podem mudar até lá.';

export function renderReportHtml(f: ReportFigures, options: { title?: string } = {}): string {
  resetChartIds();
  const title = options.title ?? 'Relatório da Ouvidoria';
  const period = `${calendarDayPtBr(f.period.from)} a ${calendarDayPtBr(f.period.to)}`;
  const prev = `${calendarDayPtBr(f.previous.period.from)} a ${calendarDayPtBr(f.previous.period.to)}`;
  const kpi = (label: string, value: string) => `<li>${escapeHtml(label)}<strong>${escapeHtml(value)}</strong></li>`;
  const a = f.acceptedVsRedirected;
  const s = f.satisfaction;
  const parts = [
    '<!doctype html>',
    '<html lang="pt-BR"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(`${title} — ${period}`)}</title>`,
    `<style>${STYLE}</style></head><body><main>`,
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="meta">Período: <strong>${escapeHtml(period)}</strong> (datas no fuso ${escapeHtml(f.timeZone)}). Gerado em ${escapeHtml(formatDateTimePtBr(f.generatedAt, f.timeZone))}. Comparação com ${escapeHtml(prev)}.</p>`,
    f.unfinished ? `<p class="meta"><strong>${escapeHtml(UNFINISHED_PERIOD_PT)}</strong></p>` : '',
    '<ul class="kpis">',
    kpi('Manifestações recebidas', String(f.total)),
    kpi('Casos aceitos', String(a.accepted)),
    kpi('Orientadas (redirecionadas)', String(a.redirected)),
    kpi('Encerrados no prazo', pct(f.deadline.share)),
    kpi('Em atraso agora', String(f.overdueNow)),
    kpi('Satisfação média (1–5)', num(s.average)),
    '</ul>',
    f.staffMailSetAside > 0
      ? `<p class="note">Fora destas contas: ${countOf(f.staffMailSetAside, 'mensagem', 'mensagens')} ao endereço de resposta da equipe ${f.staffMailSetAside === 1 ? 'posta' : 'postas'} de lado (respostas automáticas de ausência, remetentes fora da equipe), que não são manifestações.</p>`
      : '',
    f.automaticMailSetAside > 0
      ? `<p class="note">Fora destas contas: ${countOf(f.automaticMailSetAside, 'mensagem automática', 'mensagens automáticas')} de fora ${f.automaticMailSetAside === 1 ? 'guardada' : 'guardadas'} sem caso nem resposta (respostas automáticas de ausência às nossas mensagens, avisos de falha de entrega, confirmações de leitura), que não são manifestações.</p>`
      : '',
    countSection('Manifestações por resultado', 'Resultado', 'manifestações', f.byOutcome),
    section(
      'Aceitas e orientadas',
      barChart('Aceitas e orientadas', 'Casos aceitos, orientações automáticas e quarentena', [
        { label: 'Aceitas (casos)', value: a.accepted },
        { label: 'Orientadas (redirecionadas)', value: a.redirected },
        { label: 'Quarentena', value: a.quarantined },
      ]),
      countTable('Aceitas e orientadas', 'Situação', [
        { key: 'accepted', label: 'Aceitas (casos)', count: a.accepted },
        { key: 'redirected', label: 'Orientadas (redirecionadas)', count: a.redirected },
        { key: 'quarantined', label: 'Quarentena', count: a.quarantined },
      ]),
    ),
    countSection('Manifestações por canal', 'Canal', 'manifestações', f.byChannel),
    countSection(
      'Manifestações por regra de tema',
      'Tema',
      'manifestações',
      f.byTopicRule,
      'Uma manifestação pode acionar mais de uma regra.',
    ),
    countSection('Casos por analista', 'Analista', 'casos', f.byAnalyst, REPORT_NOTES_PT.byAnalyst),
    countSection(
      'Encerramentos por analista',
      'Analista',
      'encerramentos',
      f.closedByAnalyst,
      REPORT_NOTES_PT.closedByAnalyst,
    ),
    section(
      'Prazos (dias úteis)',
      barChart(
        'Prazos em dias úteis',
        'Mediana e percentil 90 dos dias úteis até a primeira resposta e até o encerramento',
        [
          { label: '1ª resposta — mediana', value: f.firstAnswer.median ?? 0, display: num(f.firstAnswer.median) },
          { label: '1ª resposta — p90', value: f.firstAnswer.p90 ?? 0, display: num(f.firstAnswer.p90) },
          { label: 'Encerramento — mediana', value: f.toClose.median ?? 0, display: num(f.toClose.median) },
          { label: 'Encerramento — p90', value: f.toClose.p90 ?? 0, display: num(f.toClose.p90) },
        ],
      ),
      `<table><caption>Prazos em dias úteis</caption><thead><tr><th scope="col">Medida</th><th scope="col">Casos</th><th scope="col">Mediana</th><th scope="col">p90</th></tr></thead><tbody><tr><th scope="row">Até a 1ª resposta</th>${durationRows(f.firstAnswer)}</tr><tr><th scope="row">Até o encerramento</th>${durationRows(f.toClose)}</tr></tbody></table>` +
        `<table><caption>Cumprimento do prazo</caption><tbody><tr><th scope="row">Casos encerrados (com prazo)</th><td>${f.deadline.closed}</td></tr><tr><th scope="row">Encerrados no prazo</th><td>${f.deadline.withinDeadline}</td></tr><tr><th scope="row">Fração no prazo</th><td>${pct(f.deadline.share)}</td></tr><tr><th scope="row">Em atraso agora</th><td>${f.overdueNow}</td></tr></tbody></table>`,
      `Dias úteis do calendário da Ouvidoria (sem fins de semana e feriados): mesmo dia = 0. ${REPORT_NOTES_PT.closed}`,
    ),
    countSection(
      'Categorias de resolução',
      'Categoria',
      'casos encerrados',
      f.resolution,
      REPORT_NOTES_PT.closedInPeriod,
    ),
    section(
      'Satisfação',
      barChart(
        'Distribuição das notas de satisfação',
        'Quantidade de respostas por nota, de 1 a 5',
        s.distribution.map((r) => ({ label: r.label, value: r.count })),
      ),
      countTable('Notas de satisfação', 'Nota', s.distribution) +
        `<table><caption>Pesquisa de satisfação</caption><tbody><tr><th scope="row">Casos encerrados</th><td>${s.closedCases}</td></tr><tr><th scope="row">Respostas</th><td>${s.answers}</td></tr><tr><th scope="row">Taxa de resposta</th><td>${pct(s.responseRate)}</td></tr><tr><th scope="row">Média (1–5)</th><td>${num(s.average, 2)}</td></tr></tbody></table>`,
      REPORT_NOTES_PT.satisfaction,
    ),
    countSection('Dez temas mais frequentes', 'Tema', 'manifestações', f.topTopics),
    section(
      'Variação mensal',
      barChart(
        'Manifestações: período e período anterior',
        'Total de manifestações recebidas no período e no período anterior',
        [
          { label: `Anterior (${prev})`, value: f.previous.total },
          { label: `Período (${period})`, value: f.total },
        ],
      ),
      changeTable(f.monthOverMonth),
    ),
    '</main></body></html>',
  ];
  return `${parts.join('\n')}\n`;
}

/**
 * What starts a formula in a spreadsheet: `=`, `+`, `-`, `@` (their full-width forms too, which
 * East Asian locales of Excel read as them), a tab or a line break — after whatever a reader cannot
 * see or a spreadsheet may trim first (spaces, a zero-width space): " =HYPERLINK(…)" runs too.
 */
const FORMULA_START = new RegExp(`^[\\t\\r\\n]|^\\s*[=+\\-@${Object.keys(SIGN_FORMS).join('')}]`);

/**
 * What makes a cell need quotes: a quote, a line break, or any separator a spreadsheet may split on —
 * the comma, but also the semicolon (Excel in pt-BR opens a CSV with `;`) and the tab: an unquoted
 * "Ana;=HYPERLINK(…)" would become two cells there, the second one a formula.
 */
const NEEDS_QUOTES = /[",;\t\r\n]/;

/**
 * The CSV is read in a spreadsheet set to pt-BR, as the office's supervisors open it: Excel there
 * splits a CSV on ";" and reads "0,75" as a number ("0.75" is text to it, a comma-separated file one
 * column); the byte-order mark tells it the file is UTF-8 ("Manifestações", not "ManifestaÃ§Ãµes").
 * LibreOffice and Google Sheets detect the same.
 */
export const CSV_SEPARATOR = ';';
const CSV_BOM = '\uFEFF';

/** One CSV cell: quoted when needed; text that a spreadsheet would run as a formula is prefixed with '. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(4))).replace('.', ',');
  }
  const text = FORMULA_START.test(withoutInvisible(value)) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_HEADER = ['tabela', 'chave', 'rotulo', 'valor', 'anterior', 'variacao'] as const;

/** Every table of the page, long format: `tabela;chave;rotulo;valor;anterior;variacao` (UTF-8 with its BOM, CRLF). */
export function renderReportCsv(f: ReportFigures): string {
  const rows: Array<Array<string | number | null>> = [[...CSV_HEADER]];
  const add = (
    table: string,
    key: string,
    label: string,
    value: number | null,
    previous: number | null = null,
    change: number | null = null,
  ) => rows.push([table, key, label, value, previous, change]);
  const a = f.acceptedVsRedirected;
  add('resumo', 'periodo_inicio', f.period.from, null);
  add('resumo', 'periodo_fim', f.period.to, null);
  if (f.unfinished) add('resumo', 'periodo_em_andamento', UNFINISHED_PERIOD_PT, null);
  add('resumo', 'total', 'Manifestações recebidas', f.total);
  add('resumo', 'aceitas', 'Casos aceitos', a.accepted);
  add('resumo', 'orientadas', 'Orientadas (redirecionadas)', a.redirected);
  add('resumo', 'quarentena', 'Quarentena', a.quarantined);
  add(
    'resumo',
    'equipe_postas_de_lado',
    'Mensagens da equipe postas de lado (fora das manifestações)',
    f.staffMailSetAside,
  );
  add(
    'resumo',
    'automaticas_postas_de_lado',
    'Mensagens automáticas de fora guardadas (fora das manifestações)',
    f.automaticMailSetAside,
  );
  add('resumo', 'primeira_resposta_casos', 'Casos com 1ª resposta', f.firstAnswer.count);
  add('resumo', 'primeira_resposta_mediana', 'Mediana até a 1ª resposta (dias úteis)', f.firstAnswer.median);
  add('resumo', 'primeira_resposta_p90', 'p90 até a 1ª resposta (dias úteis)', f.firstAnswer.p90);
  add('resumo', 'encerramento_casos', 'Casos encerrados', f.toClose.count);
  add('resumo', 'encerramento_mediana', 'Mediana até o encerramento (dias úteis)', f.toClose.median);
  add('resumo', 'encerramento_p90', 'p90 até o encerramento (dias úteis)', f.toClose.p90);
  add('resumo', 'prazo_encerrados', 'Encerrados com prazo', f.deadline.closed);
  add('resumo', 'prazo_no_prazo', 'Encerrados no prazo', f.deadline.withinDeadline);
  add('resumo', 'prazo_fracao', 'Fração no prazo', f.deadline.share);
  add('resumo', 'em_atraso_agora', 'Em atraso agora', f.overdueNow);
  add('resumo', 'satisfacao_encerrados', 'Casos encerrados (pesquisa)', f.satisfaction.closedCases);
  add('resumo', 'satisfacao_respostas', 'Respostas', f.satisfaction.answers);
  add('resumo', 'satisfacao_taxa', 'Taxa de resposta', f.satisfaction.responseRate);
  add('resumo', 'satisfacao_media', 'Satisfação média (1–5)', f.satisfaction.average);
  const counts = (table: string, list: readonly CountRow[]) => {
    for (const r of list) add(table, r.key, r.label, r.count);
  };
  counts('por_resultado', f.byOutcome);
  counts('por_canal', f.byChannel);
  counts('por_regra', f.byTopicRule);
  counts('por_analista', f.byAnalyst);
  counts('encerramentos_por_analista', f.closedByAnalyst);
  counts('categorias_resolucao', f.resolution);
  counts('satisfacao_notas', f.satisfaction.distribution);
  counts('temas_top10', f.topTopics);
  for (const r of f.monthOverMonth) add('variacao_mensal', r.key, r.label, r.current, r.previous, r.change);
  return `${CSV_BOM}${rows.map((r) => r.map(csvCell).join(CSV_SEPARATOR)).join('\r\n')}\r\n`;
}
