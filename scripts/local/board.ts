/**
 * The local stack's read-only case board (`/painel`) and its JSON twin (`/api/local/cases`).
 * pt-BR for people, every value from a merchant escaped by the `html` tag (shared/domain/html).
 * Pure rendering: the HTTP server gathers the data and passes it in.
 */
import type { HistoryEvent } from '../../shared/domain/lifecycle/types';
import { STATUS_LABELS_PT } from '../../shared/domain/lifecycle/types';
import { OUTCOME_LABELS_PT } from '../../shared/domain/assignment';
import type { OfficeCalendar } from '../../shared/domain/calendar';
import { formatDateTimePtBr } from '../../shared/domain/calendar';
import type { CaseRecord, CaseStatus, ReplyState } from '../../shared/domain/case';
import type { TicketCheck } from '../../shared/domain/decision';
import { html, raw, type SafeHtml, safeUrl } from '../../shared/domain/html';
import type { Analyst } from '../../shared/domain/staff';
import type { AssignmentMessage } from '../../shared/ports';
import type { DeadLetter } from './queue';

/** One place for the status labels: the lifecycle's (shared/domain/lifecycle/types.ts). */
export { STATUS_LABELS_PT };

const CHANNEL_LABELS_PT = { email: 'E-mail', webform: 'Formulário' } as const;

export interface BoardData {
  cases: CaseRecord[];
  staff: Analyst[];
  deferred: Array<{ message: AssignmentMessage; at: Date }>;
  queued: Array<{ message: AssignmentMessage; receiveCount: number; visibleAt: Date }>;
  deadLetters: DeadLetter[];
  now: Date;
  calendar: OfficeCalendar;
  timeZone: string;
  outboxUrl: string;
}

/** One row of `GET /api/local/cases`. */
export interface CaseSummary {
  caseId: string;
  protocol: string | null;
  channel: CaseRecord['channel'];
  outcome: CaseRecord['outcome'];
  status: CaseStatus;
  assignee: string | null;
  senderEmail: string;
  senderName: string | null;
  subject: string;
  ticketNumber: string | null;
  ticketStatus: TicketCheck['status'];
  ruleIds: string[];
  createdAt: string;
  assignedAt: string | null;
  dueAt: string | null;
  replyStatus: ReplyState['status'] | null;
  replyReason: string | null;
  replyMessageId: string | null;
  messageCount: number;
  /** When the assignment waits for the next opening (in-process scheduler), the instant it runs. */
  deferredUntil: string | null;
}

function ticketNumberOf(record: CaseRecord): string | null {
  const check = record.decision.ticket;
  return check.status === 'none' ? null : check.number;
}

export function caseSummary(record: CaseRecord, deferredUntil?: Date): CaseSummary {
  const reply = record.reply;
  return {
    caseId: record.caseId,
    protocol: record.protocol ?? null,
    channel: record.channel,
    outcome: record.outcome,
    status: record.status,
    assignee: record.assignee ?? null,
    senderEmail: record.senderEmail,
    senderName: record.senderName ?? null,
    subject: record.subject,
    ticketNumber: ticketNumberOf(record),
    ticketStatus: record.decision.ticket.status,
    ruleIds: record.decision.ruleIds,
    createdAt: record.createdAt,
    assignedAt: record.assignedAt ?? null,
    dueAt: record.dueAt ?? null,
    replyStatus: reply?.status ?? null,
    replyReason: reply?.status === 'suppressed' ? reply.reason : reply?.status === 'failed' ? reply.error : null,
    replyMessageId: reply?.status === 'sent' ? reply.messageId : null,
    messageCount: record.messages.length,
    deferredUntil: deferredUntil ? deferredUntil.toISOString() : null,
  };
}

/** Earliest pending deferral per case. */
export function deferralsByCase(deferred: BoardData['deferred']): Map<string, Date> {
  const map = new Map<string, Date>();
  for (const { message, at } of deferred) {
    const known = map.get(message.caseId);
    if (!known || at < known) map.set(message.caseId, at);
  }
  return map;
}

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1a1a1a;background:#fafafa;line-height:1.45}
header,main{max-width:1200px;margin:0 auto;padding:16px 24px}
header{border-bottom:1px solid #ddd;background:#fff;max-width:none}
header .inner{max-width:1200px;margin:0 auto}
h1{font-size:1.4rem;margin:0 0 4px}
h2{font-size:1.15rem;margin:28px 0 8px}
nav a{margin-right:16px}
a{color:#0b5394}
table{border-collapse:collapse;width:100%;background:#fff;font-size:.92rem}
th,td{border:1px solid #ddd;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f0f0f0}
.muted{color:#555}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;background:#e8eef7;font-size:.85rem}
.ok{background:#e3f4e6}.warn{background:#fff4d6}.bad{background:#fde4e4}
pre{white-space:pre-wrap;word-break:break-word;background:#fff;border:1px solid #ddd;padding:10px;font-size:.9rem}
dl{display:grid;grid-template-columns:220px 1fr;gap:4px 12px;background:#fff;border:1px solid #ddd;padding:12px}
dt{font-weight:600}dd{margin:0}
`;

function page(title: string, body: SafeHtml, options: { refreshSeconds?: number; outboxUrl: string }): string {
  const refresh = options.refreshSeconds
    ? html`<meta http-equiv="refresh" content="${options.refreshSeconds}">`
    : html``;
  return html`<!doctype html>
<html lang="pt-BR">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${refresh}
<title>${title}</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<header><div class="inner">
<h1>Ouvidoria — painel do ambiente local</h1>
<nav aria-label="Ambiente local">
<a href="/painel">Painel</a>
<a href="/">Formulário</a>
<a href="${safeUrl(options.outboxUrl)}">Caixa de saída (SES local)</a>
<a href="/api/local/cases">API (JSON)</a>
</nav>
</div></header>
<main>
${body}
</main>
</body>
</html>
`.toString();
}

const when = (value: string | Date | undefined | null, timeZone: string) =>
  value ? formatDateTimePtBr(value, timeZone) : '—';

function outcomeBadge(record: CaseRecord): SafeHtml {
  const cls = record.outcome === 'ACCEPTED' ? 'ok' : record.outcome === 'QUARANTINED' ? 'bad' : 'warn';
  return html`<span class="badge ${cls}">${OUTCOME_LABELS_PT[record.outcome]}</span> <code>${record.outcome}</code>`;
}

function replyLabel(reply: ReplyState | undefined): string {
  if (!reply) return 'nenhuma';
  if (reply.status === 'sent') return 'enviada';
  if (reply.status === 'suppressed') return `não enviada (${reply.reason})`;
  return `falhou (${reply.error})`;
}

function analystLabel(id: string | undefined, staff: Analyst[]): string {
  if (!id) return '—';
  const analyst = staff.find((a) => a.id === id);
  return analyst ? `${analyst.name} (${analyst.id})` : id;
}

function caseLink(record: CaseRecord, label: string): SafeHtml {
  return html`<a href="/painel/${encodeURIComponent(record.caseId)}">${label}</a>`;
}

export function renderBoard(data: BoardData): string {
  const { timeZone } = data;
  const deferrals = deferralsByCase(data.deferred);
  const open = data.calendar.isOpen(data.now);
  const clockLine = html`<p>Relógio do ambiente: <strong>${when(data.now, timeZone)}</strong> (${timeZone}) —
${open ? html`<span class="badge ok">expediente da Ouvidoria aberto</span>` : html`<span class="badge warn">expediente fechado</span>, próxima abertura ${when(data.calendar.nextOpening(data.now), timeZone)}`}.
A página se atualiza a cada 5 segundos.</p>`;

  const rows = data.cases.map((c) => {
    const deferred = deferrals.get(c.caseId);
    const status = html`${STATUS_LABELS_PT[c.status]}${deferred ? html`<br><span class="muted">aguarda a abertura de ${when(deferred, timeZone)}</span>` : ''}`;
    return html`<tr>
<td>${caseLink(c, c.protocol ?? 'sem protocolo')}</td>
<td>${when(c.createdAt, timeZone)}</td>
<td>${CHANNEL_LABELS_PT[c.channel]}</td>
<td>${c.senderName ? html`${c.senderName}<br>` : ''}<span class="muted">${c.senderEmail}</span></td>
<td>${c.subject || '(sem assunto)'}</td>
<td>${outcomeBadge(c)}</td>
<td>${status}</td>
<td>${analystLabel(c.assignee, data.staff)}</td>
<td>${when(c.dueAt, timeZone)}</td>
<td>${replyLabel(c.reply)}</td>
</tr>`;
  });

  const casesTable = data.cases.length
    ? html`<table>
<caption class="muted">${data.cases.length} manifestação(ões), da mais recente para a mais antiga</caption>
<thead><tr><th scope="col">Protocolo</th><th scope="col">Recebida em</th><th scope="col">Canal</th><th scope="col">Remetente</th><th scope="col">Assunto</th><th scope="col">Resultado</th><th scope="col">Situação</th><th scope="col">Analista</th><th scope="col">Prazo</th><th scope="col">Resposta automática</th></tr></thead>
<tbody>${rows}</tbody>
</table>`
    : html`<p>Nenhuma manifestação ainda. Envie um e-mail para o SMTP local ou preencha o <a href="/">formulário</a>.</p>`;

  const staffRows = data.staff.map(
    (a) =>
      html`<tr><td>${a.name}</td><td><code>${a.id}</code></td><td>${a.email}</td><td>${a.active ? 'sim' : 'não'}${a.leave ? html` (licença de ${a.leave.from} a ${a.leave.to})` : ''}</td><td>${a.openCases}</td><td>${when(a.lastAssignedAt, timeZone)}</td></tr>`,
  );

  const deferredRows = data.deferred.map(
    (d) => html`<tr><td>${d.message.protocol}</td><td>${when(d.at, timeZone)}</td></tr>`,
  );
  const queuedRows = data.queued.map(
    (q) =>
      html`<tr><td>${q.message.protocol}</td><td>${q.receiveCount}</td><td>${Number.isFinite(q.visibleAt.getTime()) ? q.visibleAt.toISOString() : 'em processamento'}</td></tr>`,
  );
  const dlqRows = data.deadLetters.map(
    (d) =>
      html`<tr><td>${d.message.protocol}</td><td><code>${d.message.caseId}</code></td><td>${d.receiveCount}</td><td>${d.deadLetteredAt}</td></tr>`,
  );

  const body = html`${clockLine}
<h2>Manifestações</h2>
${casesTable}
<h2>Atribuições aguardando a próxima abertura</h2>
${data.deferred.length ? html`<table><thead><tr><th scope="col">Protocolo</th><th scope="col">Atribuição em</th></tr></thead><tbody>${deferredRows}</tbody></table>` : html`<p>Nenhuma.</p>`}
<h2>Fila de atribuição</h2>
${data.queued.length ? html`<table><thead><tr><th scope="col">Protocolo</th><th scope="col">Recebimentos</th><th scope="col">Visível de novo em (hora real)</th></tr></thead><tbody>${queuedRows}</tbody></table>` : html`<p>Vazia.</p>`}
<h2>Fila de mensagens com falha (DLQ)</h2>
${data.deadLetters.length ? html`<table><thead><tr><th scope="col">Protocolo</th><th scope="col">Caso</th><th scope="col">Recebimentos</th><th scope="col">Movida em</th></tr></thead><tbody>${dlqRows}</tbody></table>` : html`<p>Vazia.</p>`}
<h2>Analistas</h2>
<table><thead><tr><th scope="col">Nome</th><th scope="col">Id</th><th scope="col">E-mail</th><th scope="col">Ativo</th><th scope="col">Casos abertos</th><th scope="col">Última atribuição</th></tr></thead><tbody>${staffRows}</tbody></table>`;

  return page('Painel da Ouvidoria (local)', body, { refreshSeconds: 5, outboxUrl: data.outboxUrl });
}

function ticketCheckLabel(check: TicketCheck): string {
  switch (check.status) {
    case 'none':
      return 'nenhum número de chamado encontrado';
    case 'valid':
      return `chamado ${check.number} válido (existe e pertence ao remetente)`;
    case 'invalid': {
      const why = { bad_format: 'formato inválido', not_found: 'não encontrado', not_owner: 'pertence a outra pessoa' }[
        check.why
      ];
      return `chamado ${check.number} inválido: ${why}`;
    }
    case 'unverified':
      return `chamado ${check.number} não verificado (diretório indisponível: ${check.why})`;
  }
}

const SOURCE_LABELS_PT = {
  form: 'formulário',
  subject: 'assunto',
  body: 'mensagem',
  quoted: 'resposta citada',
} as const;

export function renderCaseDetail(
  record: CaseRecord,
  context: {
    staff: Analyst[];
    deferredUntil?: Date;
    timeZone: string;
    outboxUrl: string;
    survey?: { score: number; comment?: string; answeredAt: string } | null;
  },
): string {
  const { timeZone } = context;
  const reply = record.reply;
  const candidates = record.ticketCandidates.map(
    (c) =>
      html`<tr><td>${c.number}</td><td>${SOURCE_LABELS_PT[c.source]}</td><td>${c.score}</td><td>${c.evidence}</td></tr>`,
  );
  const verdicts = record.verdicts
    ? html`spam ${record.verdicts.spam}, vírus ${record.verdicts.virus}, SPF ${record.verdicts.spf}, DKIM ${record.verdicts.dkim}, DMARC ${record.verdicts.dmarc}`
    : '—';
  const messages = record.messages.map(
    (m, index) => html`<article>
<h3>${index === 0 ? 'Mensagem original' : `Continuação ${index}`} — ${when(m.receivedAt, timeZone)} (${CHANNEL_LABELS_PT[m.channel]})</h3>
<p><strong>Assunto:</strong> ${m.subject || '(sem assunto)'}${m.messageId ? html`<br><span class="muted">Message-ID: ${m.messageId}</span>` : ''}${m.raw ? html`<br><span class="muted">Original arquivado em ${m.raw.bucket}/${m.raw.key}</span>` : ''}</p>
<pre>${m.text || '(mensagem sem texto)'}</pre>
${m.attachments.length ? html`<p>Anexos: ${m.attachments.map((a, i) => html`${i ? ', ' : ''}${a.filename ?? '(sem nome)'} (${a.contentType}, ${a.size} bytes)`)}</p>` : ''}
</article>`,
  );

  const body = html`<p><a href="/painel">← Voltar ao painel</a></p>
<h2>${record.protocol ? `Caso ${record.protocol}` : 'Manifestação sem protocolo'}</h2>
<dl>
<dt>Id interno</dt><dd><code>${record.caseId}</code></dd>
<dt>Resultado</dt><dd>${outcomeBadge(record)}</dd>
<dt>Situação</dt><dd>${STATUS_LABELS_PT[record.status]}${context.deferredUntil ? ` — atribuição aguarda a abertura de ${when(context.deferredUntil, timeZone)}` : ''}</dd>
<dt>Analista</dt><dd>${analystLabel(record.assignee, context.staff)}</dd>
<dt>Atribuído em</dt><dd>${when(record.assignedAt, timeZone)}</dd>
<dt>Prazo</dt><dd>${when(record.dueAt, timeZone)}</dd>
<dt>Canal</dt><dd>${CHANNEL_LABELS_PT[record.channel]}</dd>
<dt>Remetente</dt><dd>${record.senderName ? `${record.senderName} ` : ''}&lt;${record.senderEmail}&gt;</dd>
<dt>Loja</dt><dd>${record.storeName ?? '—'}</dd>
<dt>Recebida em</dt><dd>${when(record.createdAt, timeZone)}</dd>
<dt>Veredictos do SES</dt><dd>${verdicts}</dd>
${record.linkedProtocol ? html`<dt>Caso anterior</dt><dd>${record.linkedProtocol}</dd>` : ''}
</dl>
<h2>Trilha de decisão</h2>
<dl>
<dt>Motivo</dt><dd>${record.decision.reason}</dd>
<dt>Regras acionadas</dt><dd>${record.decision.ruleIds.length ? record.decision.ruleIds.map((id, i) => html`${i ? ' → ' : ''}<code>${id}</code>`) : '—'}</dd>
<dt>Chamado anterior</dt><dd>${ticketCheckLabel(record.decision.ticket)}</dd>
</dl>
${
  candidates.length
    ? html`<table><caption class="muted">Números de chamado candidatos, do melhor para o pior</caption><thead><tr><th scope="col">Número</th><th scope="col">Onde</th><th scope="col">Pontuação</th><th scope="col">Trecho</th></tr></thead><tbody>${candidates}</tbody></table>`
    : html`<p class="muted">Nenhum número de chamado candidato.</p>`
}
<h2>Resposta automática</h2>
<dl>
<dt>Estado</dt><dd>${replyLabel(reply)}</dd>
${reply ? html`<dt>Em</dt><dd>${when(reply.at, timeZone)}</dd>` : ''}
${reply?.status === 'sent' ? html`<dt>Message-ID</dt><dd><code>${reply.messageId}</code></dd>` : ''}
<dt>Notificação da analista</dt><dd>${when(record.analystNotifiedAt, timeZone)}</dd>
</dl>
<p>Os e-mails enviados (confirmação, orientação e aviso à analista) estão na <a href="${safeUrl(context.outboxUrl)}">caixa de saída do SES local</a>.</p>
${historySection(record, context.timeZone)}
${
  record.closure
    ? html`<h2>Encerramento</h2><dl><dt>Categoria</dt><dd>${record.closure.category}</dd><dt>Resumo</dt><dd>${record.closure.summary || '—'}</dd></dl>`
    : ''
}
${
  context.survey
    ? html`<h2>Pesquisa de satisfação</h2><dl><dt>Nota</dt><dd>${context.survey.score} de 5</dd><dt>Comentário</dt><dd>${context.survey.comment ?? '—'}</dd><dt>Respondida em</dt><dd>${when(context.survey.answeredAt, timeZone)}</dd></dl>`
    : ''
}
<h2>Mensagens (${record.messages.length})</h2>
${messages}`;

  return page(`${record.protocol ?? 'Manifestação'} — Painel da Ouvidoria (local)`, body, {
    outboxUrl: context.outboxUrl,
  });
}

export function renderNotFound(outboxUrl: string): string {
  return page(
    'Não encontrado — Painel da Ouvidoria (local)',
    html`<h2>Manifestação não encontrada</h2><p><a href="/painel">Voltar ao painel</a></p>`,
    { outboxUrl },
  );
}

const HISTORY_LABELS_PT: Record<HistoryEvent['type'], string> = {
  assigned: 'atribuído',
  answered: 'resposta enviada ao lojista',
  'waiting-merchant': 'aguardando o lojista',
  'merchant-replied': 'o lojista respondeu',
  reopened: 'reaberto pelo lojista',
  note: 'nota interna',
  transferred: 'transferido',
  extended: 'prazo prorrogado',
  closed: 'encerrado',
  refused: 'comando recusado',
  'reminder-sent': 'lembrete à analista',
  escalated: 'prazo vencido: supervisão alertada',
  'quarantine-discarded': 'quarentena: descartado',
  'quarantine-released': 'quarentena: liberado para a triagem',
};

function actorLabel(event: HistoryEvent): string {
  const actor = event.actor;
  if (actor.kind === 'staff') return actor.id;
  return actor.kind === 'merchant' ? 'lojista' : 'sistema';
}

function eventDetail(event: HistoryEvent): string {
  switch (event.type) {
    case 'assigned':
      return `para ${event.analystId}`;
    case 'note':
      return event.text;
    case 'transferred':
      return `${event.from} → ${event.to}`;
    case 'extended':
      return `+${event.businessDays} dias úteis: ${event.reason}`;
    case 'closed':
      return `${event.category}${event.summary ? `: ${event.summary}` : ''}`;
    case 'refused':
      return `${event.code} (${event.commands.join(' ')})`;
    default:
      return '';
  }
}

/** The case's audit trail (who, when, what), oldest first. */
function historySection(record: CaseRecord, timeZone: string) {
  const events = record.history ?? [];
  if (events.length === 0) return '';
  return html`<h2>Histórico (${events.length})</h2>
<table><thead><tr><th scope="col">Quando</th><th scope="col">Quem</th><th scope="col">O quê</th><th scope="col">Detalhe</th></tr></thead>
<tbody>${events.map((e) => html`<tr><td>${when(e.at, timeZone)}</td><td>${actorLabel(e)}</td><td>${HISTORY_LABELS_PT[e.type]}</td><td>${eventDetail(e)}</td></tr>`)}</tbody></table>`;
}
