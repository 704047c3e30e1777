/**
 * The merchant's other pages, server-rendered in pt-BR with the form's layout, styles and CSP:
 * the satisfaction survey (SPEC step 8: the link opens a page with the score chosen, one click
 * confirms it) and the status page (`/consulta`: ask for a link, open it, see the case).
 *
 * Everything a merchant or the staff typed goes through the `html` tagged template (escaped).
 * The status page shows the merchant's own messages and the answers the office relayed — never
 * internal notes, never who on the staff wrote an answer, never a staff address.
 */
import { humanSize } from '../domain/byte-size';
import { countOf } from '../domain/count';
import { formatDateTimePtBr } from '../domain/calendar';
import { html, type SafeHtml } from '../domain/html';
import { formatDatePtBr } from '../domain/lifecycle/deadlines';
import {
  MERCHANT_STATUS_LABELS_PT,
  PUBLIC_FILE_STATE_LABELS_PT,
  type PublicCaseData,
  type PublicFileView,
  statusLinkValidityPt,
} from '../domain/lifecycle/status-page';
import { STATUS_PATH, STATUS_REQUEST_PATH } from '../domain/lifecycle/survey';
import { CLOSE_CATEGORY_LABELS_PT, SCORE_LABELS_PT } from '../domain/lifecycle/types';
import { layout, type PageContext } from './page';

/** What the survey form posts back: the signed link's fields. */
export interface SurveyLinkFields {
  p: string;
  n: string;
  x: string;
  sig: string;
}

/** What the status-link confirmation posts back. */
export interface StatusLinkFields {
  p: string;
  x: string;
  k: string;
  sig: string;
}

/** The case as the status page shows it (built by `publicCaseView`, never the record itself). */
export type PublicCaseView = PublicCaseData;

export const STATUS_FORM_LIMITS = { protocolo: 20, email: 254 } as const;

export type StatusFormErrors = Partial<Record<'protocolo' | 'email', string>>;

export type MerchantView =
  | { kind: 'survey-confirm'; protocol: string; score: number; link: SurveyLinkFields; maxComment: number }
  | { kind: 'survey-thanks'; protocol: string; score: number }
  | { kind: 'survey-answered'; protocol: string }
  | { kind: 'link-problem'; title: string; message: string; offerStatusForm?: boolean }
  | { kind: 'status-form'; values?: { protocolo?: string; email?: string }; errors?: StatusFormErrors }
  | { kind: 'status-requested' }
  | { kind: 'status-open'; protocol: string; link: StatusLinkFields }
  | { kind: 'status-case'; view: PublicCaseView }
  | { kind: 'rate-limited'; retryAfterSeconds: number }
  | { kind: 'forbidden'; message: string };

/** The neutral answer of `/consulta`: the same whether or not the protocol or the address exists. */
function statusRequestedPt(ctx: PageContext): string {
  return `Se o protocolo e o e-mail informados corresponderem a um caso da Ouvidoria, enviaremos para esse e-mail, em alguns minutos, um link para acompanhar o caso. ${statusLinkValidityPt(ctx.config)}`;
}

function date(ctx: PageContext, iso: string): string {
  return formatDatePtBr(iso, ctx.config.timeZone);
}

function hidden(fields: Record<string, string>): SafeHtml[] {
  return Object.entries(fields).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">\n`);
}

function statusFormLink(ctx: PageContext, label = 'Pedir um novo link de acompanhamento'): SafeHtml {
  return html`<p><a href="${ctx.basePath ?? ''}${STATUS_REQUEST_PATH}">${label}</a></p>`;
}

function surveyConfirm(ctx: PageContext, v: Extract<MerchantView, { kind: 'survey-confirm' }>): string {
  const base = ctx.basePath ?? '';
  const main = html`<h1>Avaliação do atendimento</h1>
<p>Caso <strong>${v.protocol}</strong></p>
<form method="post" action="${base}/pesquisa" novalidate>
${hidden({ ...v.link })}<div class="aviso">
<p>Nota escolhida:</p>
<p class="protocolo">${SCORE_LABELS_PT[v.score] ?? String(v.score)}</p>
<p>Para escolher outra nota, use o link dessa nota no e-mail que você recebeu.</p>
</div>
<div class="campo">
<label for="comentario">Comentário <span class="opcional">(opcional)</span></label>
<span class="dica" id="comentario-dica">Conte o que foi bom ou o que podemos melhorar. Até ${v.maxComment} caracteres.</span>
<textarea id="comentario" name="comentario" maxlength="${v.maxComment}" aria-describedby="comentario-dica"></textarea>
</div>
<button type="submit">Confirmar avaliação</button>
</form>
<p>A sua avaliação só é registrada quando você confirma.</p>`;
  return layout(ctx, 'Avaliação do atendimento', main);
}

function statusForm(ctx: PageContext, v: Extract<MerchantView, { kind: 'status-form' }>): string {
  const base = ctx.basePath ?? '';
  const errors = v.errors ?? {};
  const values = v.values ?? {};
  const entries = Object.entries(errors) as [keyof StatusFormErrors, string][];
  const field = (
    name: 'protocolo' | 'email',
    label: string,
    hint: string,
    type: 'text' | 'email',
    autocomplete: string,
  ): SafeHtml => {
    const error = errors[name];
    const described = [`${name}-dica`, error ? `${name}-erro` : ''].filter(Boolean).join(' ');
    return html`<div class="campo${error ? ' campo-erro' : ''}">
<label for="${name}">${label}</label>
<span class="dica" id="${name}-dica">${hint}</span>
${error ? html`<p class="erro" id="${name}-erro"><span class="sr">Erro: </span>${error}</p>` : ''}
<input type="${type}" id="${name}" name="${name}" value="${values[name] ?? ''}" maxlength="${STATUS_FORM_LIMITS[name]}" autocomplete="${autocomplete}" spellcheck="false" aria-describedby="${described}"${error ? html` aria-invalid="true"` : ''} required>
</div>
`;
  };
  const main = html`<h1>Acompanhe o seu caso</h1>
<p>Informe o número do protocolo e o e-mail usado para falar com a Ouvidoria. Se eles corresponderem a um caso, enviaremos para esse e-mail um link para ver o andamento, as datas e as mensagens trocadas.</p>
${
  entries.length > 0
    ? html`<div class="resumo-erros" role="alert" tabindex="-1" id="resumo-erros">
<h2>Corrija os campos abaixo</h2>
<ul>${entries.map(([name, message]) => html`<li><a href="#${name}">${message}</a></li>`)}</ul>
</div>`
    : ''
}
<form method="post" action="${base}${STATUS_REQUEST_PATH}" novalidate>
${field('protocolo', 'Número do protocolo', 'Exemplo: OUV-2026-000123. Ele está no e-mail de confirmação.', 'text', 'off')}
${field('email', 'E-mail', 'O endereço de onde você escreveu para a Ouvidoria.', 'email', 'email')}
<button type="submit">Receber o link por e-mail</button>
</form>`;
  return layout(ctx, 'Acompanhe o seu caso', main);
}

function statusOpen(ctx: PageContext, v: Extract<MerchantView, { kind: 'status-open' }>): string {
  const base = ctx.basePath ?? '';
  const main = html`<h1>Acompanhe o seu caso</h1>
<p>Caso <strong>${v.protocol}</strong></p>
<p>Este link pode ser aberto uma vez. Para ver o andamento do caso agora, confirme abaixo.</p>
<form method="post" action="${base}${STATUS_PATH}">
${hidden({ ...v.link })}<button type="submit">Ver o andamento do caso</button>
</form>`;
  return layout(ctx, 'Acompanhe o seu caso', main);
}

/** What her next message does: adds to the open case, reopens the closed one until a date, or opens a new case. */
function nextStepPt(ctx: PageContext, v: PublicCaseView): string {
  const days = countOf(ctx.config.threading.reopenWindowDays, 'dia', 'dias');
  if (v.reopen === 'passed') {
    return `Este caso foi encerrado há mais de ${days}: se você escrever de novo à Ouvidoria, a mensagem abre um novo caso, ligado a este.`;
  }
  if (v.reopen) {
    return `Se precisar, responda ao último e-mail da Ouvidoria até ${formatDateTimePtBr(v.reopen.until, ctx.config.timeZone)} mantendo o protocolo ${v.protocol} no assunto, e o caso será reaberto com a mesma pessoa da nossa equipe. Depois disso, uma nova mensagem abre um novo caso, ligado a este.`;
  }
  return `Para acrescentar informações, responda ao último e-mail da Ouvidoria mantendo o protocolo ${v.protocol} no assunto.`;
}

/** The files of her message and how each stands. */
function filesList(files: readonly PublicFileView[]): SafeHtml {
  return html`<p>${files.length === 1 ? 'Arquivo enviado:' : 'Arquivos enviados:'}</p>
<ul class="arquivos">${files.map((f) => html`<li><strong>${f.name}</strong> (${humanSize(f.size)}): ${PUBLIC_FILE_STATE_LABELS_PT[f.state]}</li>`)}</ul>`;
}

function statusCase(ctx: PageContext, v: PublicCaseView): string {
  const main = html`<h1>Caso ${v.protocol}</h1>
<dl class="dados">
<dt>Situação</dt><dd>${MERCHANT_STATUS_LABELS_PT[v.status]}</dd>
<dt>Aberto em</dt><dd>${date(ctx, v.createdAt)}</dd>
${v.dueAt && !v.closedAt ? html`<dt>Prazo de resposta</dt><dd>até ${date(ctx, v.dueAt)}${v.overdue ? ' — prazo vencido; seguimos trabalhando no seu caso' : ''}</dd>` : ''}
${v.closedAt ? html`<dt>Encerrado em</dt><dd>${date(ctx, v.closedAt)}</dd>` : ''}
${v.closure ? html`<dt>Resultado</dt><dd>${CLOSE_CATEGORY_LABELS_PT[v.closure.category]}</dd>` : ''}
${v.closure?.summary ? html`<dt>Resumo</dt><dd>${v.closure.summary}</dd>` : ''}
</dl>
<h2>Mensagens</h2>
${
  v.messages.length === 0
    ? html`<p>Nenhuma mensagem para mostrar.</p>`
    : html`<ol class="mensagens">
${v.messages.map(
  (m) => html`<li><article>
<h3>${m.from === 'office' ? 'Ouvidoria' : 'Você'}, em ${date(ctx, m.at)}</h3>
<p>Assunto: ${m.lang ? html`<span lang="${m.lang}">${m.subject}</span>` : m.subject}</p>
<div class="texto"${m.lang ? html` lang="${m.lang}"` : ''}>${m.text}</div>
${m.files ? filesList(m.files) : ''}
</article></li>
`,
)}</ol>`
}
<p>${nextStepPt(ctx, v)}</p>
${statusFormLink(ctx, 'Acompanhar outro caso')}`;
  return layout(ctx, `Caso ${v.protocol}`, main);
}

function simple(ctx: PageContext, title: string, paragraphs: (string | SafeHtml)[], extra?: SafeHtml): string {
  return layout(ctx, title, html`<h1>${title}</h1>\n${paragraphs.map((p) => html`<p>${p}</p>\n`)}${extra ?? ''}`);
}

export function renderMerchantPage(view: MerchantView, ctx: PageContext): string {
  switch (view.kind) {
    case 'survey-confirm':
      return surveyConfirm(ctx, view);
    case 'survey-thanks':
      return simple(ctx, 'Obrigado pela sua avaliação', [
        html`Registramos a nota ${SCORE_LABELS_PT[view.score] ?? String(view.score)} para o caso <strong>${view.protocol}</strong>.`,
        'A sua opinião ajuda a Ouvidoria a melhorar o atendimento.',
      ]);
    case 'survey-answered':
      return simple(ctx, 'Pesquisa já respondida', [
        html`A pesquisa de satisfação do caso <strong>${view.protocol}</strong> já foi respondida. Cada caso recebe uma única avaliação.`,
        'Obrigado pela sua participação.',
      ]);
    case 'link-problem':
      return simple(ctx, view.title, [view.message], view.offerStatusForm ? statusFormLink(ctx) : undefined);
    case 'status-form':
      return statusForm(ctx, view);
    case 'status-requested':
      return simple(
        ctx,
        'Pedido recebido',
        [statusRequestedPt(ctx), 'Não recebeu? Confira a caixa de spam e se o protocolo e o e-mail estão corretos.'],
        statusFormLink(ctx, 'Voltar à consulta'),
      );
    case 'status-open':
      return statusOpen(ctx, view);
    case 'status-case':
      return statusCase(ctx, view.view);
    case 'rate-limited': {
      const minutes = Math.max(1, Math.ceil(view.retryAfterSeconds / 60));
      return simple(ctx, 'Muitas consultas em pouco tempo', [
        'Recebemos muitas consultas a partir da sua conexão na última hora. Para proteger os casos, pausamos novas consultas por um tempo.',
        `Tente novamente em ${countOf(minutes, 'minuto', 'minutos')}.`,
      ]);
    }
    case 'forbidden':
      return simple(ctx, 'Envio recusado', [view.message]);
  }
}
