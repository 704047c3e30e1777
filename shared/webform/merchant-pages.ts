/**
 * The merchant's other pages, server-rendered with the form's layout, styles and CSP:
 * the satisfaction survey (SPEC step 8: the link opens a page with the score chosen, one click
 * confirms it) and the status page (`/consulta`: ask for a link, open it, see the case).
 *
 * A page reached through a case's own link (the survey, the status link and the case) speaks the
 * case's language (page-words.ts), and so does an expired survey link (it names its case); the
 * request form and other dead links stay in pt-BR.
 *
 * Everything a merchant or the staff typed goes through the `html` tagged template (escaped).
 * The status page shows the merchant's own messages and the answers the office relayed — never
 * internal notes, never who on the staff wrote an answer, never a staff address.
 */
import { humanSize } from '../domain/byte-size';
import { countOf } from '../domain/count';
import { html, type SafeHtml } from '../domain/html';
import { formatDatePtBr } from '../domain/lifecycle/deadlines';
import { MERCHANT_WORDS, reopenUntilText } from '../domain/lifecycle/merchant-words';
import {
  MERCHANT_STATUS_LABELS,
  PUBLIC_FILE_STATE_LABELS,
  type PublicCaseData,
  type PublicFileView,
  statusLinkValidityPt,
} from '../domain/lifecycle/status-page';
import { STATUS_PATH, STATUS_REQUEST_PATH } from '../domain/lifecycle/survey';
import type { MessageLanguage } from '../domain/text';
import { layout, type PageContext } from './page';
import { PAGE_WORDS } from './page-words';
import { MAX_ADDRESS_CHARS } from '../domain/mailbox';

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

export const STATUS_FORM_LIMITS = { protocolo: 20, email: MAX_ADDRESS_CHARS } as const;

export type StatusFormErrors = Partial<Record<'protocolo' | 'email', string>>;

/** The case's language, on a page reached through the case's own link (pt-BR when absent). */
interface InCaseLanguage {
  language?: MessageLanguage;
}

export type MerchantView =
  | ({
      kind: 'survey-confirm';
      protocol: string;
      score: number;
      link: SurveyLinkFields;
      maxComment: number;
    } & InCaseLanguage)
  | ({ kind: 'survey-thanks'; protocol: string; score: number } & InCaseLanguage)
  /** `score`: the answer on record; `commentLost`: the comment just posted was not kept. */
  | ({ kind: 'survey-answered'; protocol: string; score?: number; commentLost?: boolean } & InCaseLanguage)
  | ({ kind: 'survey-reopened'; protocol: string } & InCaseLanguage)
  | { kind: 'link-problem'; title: string; message: string; offerStatusForm?: boolean }
  /** A survey link past its `days`, in its case's language. */
  | { kind: 'survey-expired'; days: number; language: MessageLanguage }
  | { kind: 'status-form'; values?: { protocolo?: string; email?: string }; errors?: StatusFormErrors }
  | { kind: 'status-requested' }
  | ({ kind: 'status-open'; protocol: string; link: StatusLinkFields } & InCaseLanguage)
  | { kind: 'status-case'; view: PublicCaseView }
  | { kind: 'rate-limited'; retryAfterSeconds: number }
  | { kind: 'forbidden'; message: string };

/** The neutral answer of `/consulta`: the same whether or not the protocol or the address exists. */
function statusRequestedPt(ctx: PageContext): string {
  return `Se o protocolo e o e-mail informados corresponderem a um caso da Ouvidoria, enviaremos para esse e-mail, em alguns minutos, um link para acompanhar o caso. ${statusLinkValidityPt(ctx.config)}`;
}

/** A date as the page's reader reads it (dd/mm/aaaa; the English words say the order). */
function date(ctx: PageContext, iso: string, language: MessageLanguage = 'pt-BR'): string {
  return MERCHANT_WORDS[language].date(formatDatePtBr(iso, ctx.config.timeZone));
}

function hidden(fields: Record<string, string>): SafeHtml[] {
  return Object.entries(fields).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">\n`);
}

function statusFormLink(ctx: PageContext, label = 'Pedir um novo link de acompanhamento'): SafeHtml {
  return html`<p><a href="${ctx.basePath ?? ''}${STATUS_REQUEST_PATH}">${label}</a></p>`;
}

function surveyConfirm(ctx: PageContext, v: Extract<MerchantView, { kind: 'survey-confirm' }>): string {
  const base = ctx.basePath ?? '';
  const language = v.language ?? 'pt-BR';
  const w = PAGE_WORDS[language].survey;
  const main = html`<h1>${w.title}</h1>
<p>${w.caseLabel} <strong>${v.protocol}</strong></p>
<form method="post" action="${base}/pesquisa" novalidate>
${hidden({ ...v.link })}<div class="aviso">
<p>${w.chosen}</p>
<p class="protocolo">${scoreLabel(v.score, language)}</p>
<p>${w.otherScore}</p>
</div>
<div class="campo">
<label for="comentario">${w.comment} <span class="opcional">${w.optional}</span></label>
<span class="dica" id="comentario-dica">${w.commentHint(v.maxComment)}</span>
<textarea id="comentario" name="comentario" maxlength="${v.maxComment}" aria-describedby="comentario-dica"></textarea>
</div>
<button type="submit">${w.confirm}</button>
</form>
<p>${w.recordedOnlyOnConfirm}</p>`;
  return layout(ctx, w.title, main, { language });
}

function scoreLabel(score: number, language: MessageLanguage): string {
  return MERCHANT_WORDS[language].scores[score] ?? String(score);
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
    ? html`<div class="resumo-erros" role="alert" tabindex="-1" id="resumo-erros" aria-labelledby="resumo-erros-titulo" autofocus>
<h2 id="resumo-erros-titulo">Corrija os campos abaixo</h2>
<ul>${entries.map(([name, message]) => html`<li><a href="#${name}">${message}</a></li>`)}</ul>
</div>`
    : ''
}
<form method="post" action="${base}${STATUS_REQUEST_PATH}" novalidate>
${field('protocolo', 'Número do protocolo', 'Exemplo: OUV-2026-000123. Ele está no e-mail de confirmação.', 'text', 'off')}
${field('email', 'E-mail', 'O endereço de onde você escreveu para a Ouvidoria.', 'email', 'email')}
<button type="submit">Receber o link por e-mail</button>
</form>`;
  // As the webform's: focus on the summary, and "Erro:" first in the title, said as the page loads.
  return layout(ctx, entries.length > 0 ? 'Erro: acompanhe o seu caso' : 'Acompanhe o seu caso', main);
}

function statusOpen(ctx: PageContext, v: Extract<MerchantView, { kind: 'status-open' }>): string {
  const base = ctx.basePath ?? '';
  const language = v.language ?? 'pt-BR';
  const w = PAGE_WORDS[language].status;
  const main = html`<h1>${w.title}</h1>
<p>${w.caseLabel} <strong>${v.protocol}</strong></p>
<p>${w.openOnce}</p>
<form method="post" action="${base}${STATUS_PATH}">
${hidden({ ...v.link })}<button type="submit">${w.openButton}</button>
</form>`;
  return layout(ctx, w.openTitle(v.protocol), main, { language });
}

/** What her next message does: adds to the open case, reopens the closed one until a date, or opens a new case. */
function nextStep(ctx: PageContext, v: PublicCaseView): string {
  const w = PAGE_WORDS[v.language].status;
  if (v.reopen === 'passed') return w.nextStep.passed(ctx.config.threading.reopenWindowDays);
  if (v.reopen) {
    return w.nextStep.reopen(reopenUntilText(v.reopen.until, ctx.config.timeZone, v.language), v.protocol);
  }
  return w.nextStep.open(v.protocol);
}

/** The files of her message and how each stands. */
function filesList(files: readonly PublicFileView[], language: MessageLanguage): SafeHtml {
  const labels = PUBLIC_FILE_STATE_LABELS[language];
  return html`<p>${PAGE_WORDS[language].status.files(files.length)}</p>
<ul class="arquivos">${files.map((f) => html`<li><strong>${f.name}</strong> (${humanSize(f.size)}): ${labels[f.state]}</li>`)}</ul>`;
}

function statusCase(ctx: PageContext, v: PublicCaseView): string {
  const language = v.language;
  const w = PAGE_WORDS[language].status;
  const mail = MERCHANT_WORDS[language];
  const title = `${w.caseLabel} ${v.protocol}`;
  const main = html`<h1>${title}</h1>
<dl class="dados">
<dt>${w.situation}</dt><dd>${MERCHANT_STATUS_LABELS[language][v.status]}</dd>
<dt>${w.openedOn}</dt><dd>${date(ctx, v.createdAt, language)}</dd>
${v.linkedProtocol ? html`<dt>${w.linked}</dt><dd>${v.linkedProtocol}</dd>` : ''}
${v.dueAt && !v.closedAt ? html`<dt>${w.due}</dt><dd>${w.until}${date(ctx, v.dueAt, language)}${v.overdue ? w.overdue : ''}</dd>` : ''}
${v.closedAt ? html`<dt>${w.closedOn}</dt><dd>${date(ctx, v.closedAt, language)}</dd>` : ''}
${v.closure ? html`<dt>${w.outcome}</dt><dd>${mail.categories[v.closure.category]}</dd>` : ''}
${v.closure?.summary ? html`<dt>${w.summary}</dt><dd>${v.closure.summary}</dd>` : ''}
</dl>
<h2>${w.messages}</h2>
${
  v.messages.length === 0
    ? html`<p>${w.noMessages}</p>`
    : html`${
        v.earlier
          ? html`<p>${w.earlierMessages(v.earlier)}</p>
`
          : ''
      }<ol class="mensagens">
${v.messages.map(
  (m) => html`<li><article>
<h3>${w.heading(m.from === 'office' ? PAGE_WORDS[language].office : w.you, date(ctx, m.at, language))}</h3>
<p>${w.subject}${m.lang && m.lang !== language ? html`<span lang="${m.lang}">${m.subject}</span>` : m.subject}</p>
<div class="texto"${m.lang && m.lang !== language ? html` lang="${m.lang}"` : ''}>${m.text}</div>
${m.files ? filesList(m.files, language) : ''}
</article></li>
`,
)}</ol>`
}
<p>${nextStep(ctx, v)}</p>
${statusFormLink(ctx, w.otherCase)}`;
  return layout(ctx, title, main, { language });
}

function simple(
  ctx: PageContext,
  title: string,
  paragraphs: (string | SafeHtml)[],
  extra?: SafeHtml,
  language?: MessageLanguage,
): string {
  return layout(
    ctx,
    title,
    html`<h1>${title}</h1>\n${paragraphs.map((p) => html`<p>${p}</p>\n`)}${extra ?? ''}`,
    language ? { language } : {},
  );
}

export function renderMerchantPage(view: MerchantView, ctx: PageContext): string {
  switch (view.kind) {
    case 'survey-confirm':
      return surveyConfirm(ctx, view);
    case 'survey-thanks': {
      const w = PAGE_WORDS[view.language ?? 'pt-BR'].survey;
      const [before, between, after] = w.recorded;
      return simple(
        ctx,
        w.thanksTitle,
        [
          html`${before}${scoreLabel(view.score, view.language ?? 'pt-BR')}${between}<strong>${view.protocol}</strong>${after}`,
          w.helps,
        ],
        undefined,
        view.language,
      );
    }
    case 'survey-answered': {
      const w = PAGE_WORDS[view.language ?? 'pt-BR'].survey;
      return simple(
        ctx,
        w.answeredTitle,
        [
          html`${w.answered[0]}<strong>${view.protocol}</strong>${w.answered[1]}`,
          ...(view.score === undefined
            ? []
            : [html`${w.answeredScore}<strong>${scoreLabel(view.score, view.language ?? 'pt-BR')}</strong>.`]),
          ...(view.commentLost ? [w.commentLost] : []),
          w.thanksForTaking,
        ],
        undefined,
        view.language,
      );
    }
    case 'survey-reopened': {
      const w = PAGE_WORDS[view.language ?? 'pt-BR'].survey;
      return simple(
        ctx,
        w.reopenedTitle,
        [html`${w.reopened[0]}<strong>${view.protocol}</strong>${w.reopened[1]}`],
        undefined,
        view.language,
      );
    }
    case 'survey-expired': {
      const w = PAGE_WORDS[view.language].survey;
      // The status form is in pt-BR: offered on the pt-BR page, as on every dead link.
      const form = view.language === 'pt-BR' ? statusFormLink(ctx) : undefined;
      return simple(ctx, w.expiredTitle, [w.expired(view.days)], form, view.language);
    }
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
