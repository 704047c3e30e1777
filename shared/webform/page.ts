/**
 * The server-rendered pt-BR page of the ombudsman office: the form (empty, or with the values
 * kept and the errors shown), the confirmation of an accepted case, the guidance for every other
 * outcome, and the short pages for limits and errors. Works without JavaScript; /app.js only
 * adds a character counter, focus on the error summary and a guard against double submits.
 *
 * Every value that did not come from our own templates goes through the `html` tagged template
 * (escaped); config links only reach an href through `safeUrl`. No inline style attributes and no
 * inline scripts: the CSP allows the one <style> block by hash and scripts from 'self' only.
 */
import { countOf } from '../domain/count';
import type { OuvidoriaConfig } from '../domain/config';
import type { ReplyVariant, TicketCheck } from '../domain/decision';
import { foreignGuidance, type MailBlock, type MailInline, platformStatusBlock } from '../domain/replies';
import type { AttachmentMeta } from '../domain/submission';
import { html, raw, type SafeHtml, safeUrl } from '../domain/html';
import { ACCESS_REASONS, type GuidanceOutcome, guidanceFor, guidanceVariantOf } from '../domain/guidance';
import { describeHours } from '../domain/hours';
import { STATUS_REQUEST_PATH } from '../domain/lifecycle/survey';
import {
  FIELD_NAMES,
  type FieldErrors,
  type FieldName,
  FORM_LIMITS,
  type FormValues,
  HONEYPOT_FIELD,
  TOPICS,
} from './form';
import { attachmentList, fileField } from './attachments-view';
import { PAGE_CSS } from './styles';
import { FAVICON_LINK } from './favicon';
import { JOINED_WORDS, officeHoursPt, PAGE_WORDS } from './page-words';
import type { MessageLanguage } from '../domain/text';
import { CONFIRM_PATH, CONFIRM_WORDS, type ConfirmLinkAnswer } from '../domain/webform-confirmation';

export interface PageContext {
  config: OuvidoriaConfig;
  /** True when the uploads bucket is wired: the form shows its file field. */
  attachments?: boolean;
  /** Path prefix of the API stage ('' for the $default stage), for the form action and script. */
  basePath?: string;
}

export type { GuidanceOutcome } from '../domain/guidance';

/** A file as the confirmation page lists it. */
export interface AttachmentView {
  name: string;
  size: number;
  type: string;
  scan: NonNullable<AttachmentMeta['scan']>;
}

export type WebformView =
  /**
   * `notice`: a message above the form (e.g. a temporary failure: the text typed is kept).
   * `attachmentsError`: what was wrong with the files (they must be chosen again).
   */
  | { kind: 'form'; values?: FormValues; errors?: FieldErrors; notice?: string; attachmentsError?: string }
  | {
      kind: 'accepted';
      protocol: string;
      emailed: boolean;
      attachments?: AttachmentView[];
      /** The case's answer deadline now (extensions move it), dd/mm/aaaa; none once closed. */
      dueDate?: string;
      /** The case was closed since (its confirmation shown again): said instead of a deadline. */
      closed?: true;
      /** The language of the acknowledgement mail (caseLanguage): the page speaks it too. */
      language?: MessageLanguage;
      /** Her text announces a file and none came (attachment-mention.ts): the page says how to send it, as the mail does. */
      missingAttachment?: boolean;
      /** Files of a repeated post (the same form again) that its case does not hold: named, with how to send them. */
      filesNotAdded?: string[];
    }
  | {
      kind: 'guidance';
      outcome: GuidanceOutcome;
      ticket?: TicketCheck;
      /** Decision.replyVariant (the pt-BR page has the shopper's and already-opened's only; the es/en page, as the mail, every one). */
      variant?: ReplyVariant;
      /** The language of the submission's mail (caseLanguage): the page speaks it too. */
      language?: MessageLanguage;
    }
  /** A confirmed post added to her open case of the same ticket (no case of its own). */
  | {
      kind: 'joined';
      protocol: string;
      ticket: string;
      dueDate?: string;
      attachments: AttachmentView[];
      /** The case was closed (within its reopen window) and her message reopened it. */
      reopened?: true;
    }
  /** Neutral "received" page: honeypot hits and anything we will not answer on screen. */
  | { kind: 'received' }
  | { kind: 'rate-limited'; retryAfterSeconds: number }
  | { kind: 'open-cases'; limit: number }
  | { kind: 'problem'; title: string; message: string }
  /** A post that cites a ticket: the one neutral answer (a link went, or not, to the address typed). */
  | { kind: 'confirm-sent'; hours: number; files?: AttachmentView[] }
  /**
   * GET /confirmar: the post as it will be registered, and the button whose POST confirms (a GET
   * records nothing: mail scanners open links).
   */
  | { kind: 'confirm'; token: string; post: ConfirmPostView; confirmed?: ConfirmedView }
  /** A confirmation link that does not confirm (malformed, unknown, altered, expired). */
  | { kind: 'confirm-problem'; error: ConfirmLinkAnswer };

// ---------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------

export function layout(
  ctx: PageContext,
  title: string,
  main: SafeHtml,
  options: { withScript?: boolean; language?: MessageLanguage } = {},
): string {
  const base = ctx.basePath ?? '';
  const w = PAGE_WORDS[options.language ?? 'pt-BR'];
  const [privacyBefore, privacyLabel, privacyAfter] = w.privacy;
  return html`<!DOCTYPE html>
<html lang="${w.htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${title} – ${w.office}</title>
${raw(FAVICON_LINK)}
<style>${raw(PAGE_CSS)}</style>
${options.withScript ? html`<script src="${base}/app.js" defer></script>` : ''}
</head>
<body>
<a class="pular" href="#conteudo">${w.skipToContent}</a>
<header><p>${w.office}</p></header>
<main id="conteudo" tabindex="-1">
${main}
</main>
<footer>
<p>${w.officeHours(ctx.config)}</p>
<p>${privacyBefore}<a href="${safeUrl(ctx.config.links.privacyPolicy)}">${privacyLabel}</a>${privacyAfter}</p>
</footer>
</body>
</html>
`.value;
}

const FIELD_LABELS: Record<FieldName, string> = {
  nome: 'Nome completo',
  email: 'E-mail',
  loja: 'Nome ou endereço da loja',
  chamado: 'Número do chamado anterior',
  assunto: 'Assunto',
  descricao: 'Descrição detalhada',
  naoCliente: 'Ainda não sou cliente',
  consentimento: 'Consentimento',
};

function errorMessage(name: FieldName, errors: FieldErrors): SafeHtml {
  const message = errors[name];
  if (!message) return html``;
  return html`<p class="erro" id="${name}-erro"><span class="sr">Erro: </span>${message}</p>`;
}

function describedBy(name: FieldName, errors: FieldErrors, hint: boolean): string {
  return [hint ? `${name}-dica` : '', errors[name] ? `${name}-erro` : ''].filter(Boolean).join(' ');
}

function invalidAttr(name: FieldName, errors: FieldErrors): SafeHtml {
  return errors[name] ? html` aria-invalid="true"` : html``;
}

function describedByAttr(name: FieldName, errors: FieldErrors, hint: boolean): SafeHtml {
  const ids = describedBy(name, errors, hint);
  return ids ? html` aria-describedby="${ids}"` : html``;
}

function textField(
  name: 'nome' | 'email' | 'loja' | 'chamado',
  values: FormValues,
  errors: FieldErrors,
  options: { type: 'text' | 'email'; required: boolean; hint?: string; autocomplete: string; inputmode?: string },
): SafeHtml {
  // The ticket field takes a pasted support link too (form.ts reads its number).
  const max = name === 'chamado' ? FORM_LIMITS.chamadoLink : FORM_LIMITS[name];
  return html`<div class="campo${errors[name] ? ' campo-erro' : ''}">
<label for="${name}">${FIELD_LABELS[name]}${options.required ? '' : html` <span class="opcional">(opcional)</span>`}</label>
${options.hint ? html`<p class="dica" id="${name}-dica">${options.hint}</p>` : ''}
${errorMessage(name, errors)}
<input id="${name}" name="${name}" type="${options.type}" value="${values[name] ?? ''}" maxlength="${max}" autocomplete="${options.autocomplete}"${options.inputmode ? html` inputmode="${options.inputmode}"` : ''}${options.required ? html` required aria-required="true"` : ''}${describedByAttr(name, errors, Boolean(options.hint))}${invalidAttr(name, errors)}>
</div>`;
}

function isChecked(value: string | undefined): boolean {
  return value !== undefined && ['on', 'true', '1', 'sim', 'yes'].includes(value.trim().toLowerCase());
}

function errorSummary(errors: FieldErrors, attachmentsError?: string): SafeHtml {
  const listed = FIELD_NAMES.filter((name) => errors[name]);
  const count = listed.length + (attachmentsError ? 1 : 0);
  if (count === 0) return html``;
  const title = count === 1 ? 'Corrija 1 campo para enviar' : `Corrija ${count} campos para enviar`;
  // autofocus moves focus here without JavaScript; app.js does the same for older browsers.
  return html`<div class="resumo-erros" id="resumo-erros" role="alert" tabindex="-1" aria-labelledby="resumo-erros-titulo" autofocus>
<h2 id="resumo-erros-titulo">${title}</h2>
<ul>
${listed.map((name) => html`<li><a href="#${name}">${errors[name]}</a></li>\n`)}${attachmentsError ? html`<li><a href="#anexos">${attachmentsError}</a></li>\n` : ''}</ul>
</div>`;
}

function guidanceSections(ctx: PageContext): SafeHtml {
  const { config } = ctx;
  const { links } = config;
  return html`<p>A Ouvidoria existe para garantir que as suas demandas sejam ouvidas e tratadas de forma eficiente. É um canal adicional de comunicação, que ajuda a resolver situações que <strong>não foram solucionadas pelos canais de atendimento oficiais</strong>.</p>

<h2>Quando acionar a Ouvidoria</h2>
<p>Acione a Ouvidoria somente depois de ter recorrido aos nossos canais de atendimento (chat, e-mail, telefone ou WhatsApp, conforme o plano contratado) e a sua solicitação não ter sido solucionada de maneira satisfatória.</p>

<h2>Antes de falar com a Ouvidoria</h2>
<ul>
<li><a href="${safeUrl(links.supportCentre)}">Central de Atendimento</a>: o suporte funciona de ${describeHours(config.supportHours)}. Resolvemos mais de 99% das solicitações que recebemos diariamente. <a href="${safeUrl(links.openTicket)}">Veja como abrir um chamado</a>.</li>
<li><a href="${safeUrl(links.knowledgeBase)}">Base de Conhecimento</a>: uma vasta coleção de artigos com guias e respostas a perguntas frequentes.</li>
<li><a href="${safeUrl(links.statusPage)}">Status da plataforma</a>: informações em tempo real sobre instabilidades que possam afetar a sua loja.</li>
<li>Planos, faturas, cobrança e migração de plano: a <a href="${safeUrl(links.billingKnowledgeBase)}">Base de Conhecimento de planos e faturas</a> tem o direcionamento para a sua necessidade.</li>
<li>Ainda não é cliente ou não tem mais acesso à central do cliente? <a href="${safeUrl(links.sales)}">Fale com o Comercial</a>: preencha o formulário ou inicie um chat.</li>
</ul>

<h3>Sem acesso ao painel administrativo?</h3>
<p>A falta de acesso pode ocorrer pelos seguintes motivos:</p>
<ul>
${ACCESS_REASONS.map((r) => html`<li>${r.charAt(0).toLowerCase()}${r.slice(1)}</li>\n`)}</ul>
<p>Para qualquer um desses casos, fale com o suporte técnico <a href="${safeUrl(links.openTicket)}">abrindo um chamado</a>.</p>

<h2>O que incluir na sua solicitação</h2>
<ul>
<li><strong>Número do chamado anterior</strong>: fundamental para entendermos todo o histórico.</li>
<li><strong>Descrição detalhada</strong>: explique o motivo com o máximo de detalhes e, se possível, inclua exemplos específicos.</li>
</ul>
<p>Quanto mais informações relevantes você fornecer, mais ágil será o processo de resolução.</p>

<h2>Como a Ouvidoria atua</h2>
<ul>
<li><strong>Avaliação da solicitação</strong>: analisamos o seu caso com base nos registros de atendimento anteriores.</li>
<li><strong>Acompanhamento</strong>: as áreas responsáveis são acionadas para oferecer a melhor solução possível.</li>
</ul>
<p>A Ouvidoria atua de <strong>${officeHoursPt(config)}</strong>.</p>

<h2>Situações em que a Ouvidoria não poderá atuar</h2>
<ul>
<li>Se não houver um chamado prévio em nossos canais de atendimento.</li>
<li>Solicitações que envolvam funcionalidades e/ou integrações não existentes.</li>
<li>Negociações comerciais ou pedidos de condições especiais que não estejam conforme o que já foi anunciado.</li>
</ul>`;
}

function formSection(ctx: PageContext, values: FormValues, errors: FieldErrors, attachmentsError?: string): SafeHtml {
  const base = ctx.basePath ?? '';
  // An unknown topic selects the placeholder, so the person sees that one must be chosen.
  const topic = TOPICS.find((t) => t.value === values.assunto)?.value ?? '';
  return html`<h2 id="formulario">Formulário da Ouvidoria</h2>
<p>Todos os campos são obrigatórios, exceto os marcados como opcionais.</p>
<form id="form-ouvidoria" method="post" action="${base}/casos" accept-charset="UTF-8"${ctx.attachments ? html` enctype="multipart/form-data"` : ''} novalidate>
${textField('nome', values, errors, { type: 'text', required: true, autocomplete: 'name' })}
${textField('email', values, errors, {
  type: 'email',
  required: true,
  autocomplete: 'email',
  hint: 'Use o mesmo e-mail com que você abriu o chamado na Central de Atendimento. A resposta da Ouvidoria chegará nele.',
})}
${textField('loja', values, errors, {
  type: 'text',
  required: false,
  autocomplete: 'organization',
  hint: 'Por exemplo: Modas Bella ou www.modasbella.com.br.',
})}
${textField('chamado', values, errors, {
  type: 'text',
  required: false,
  autocomplete: 'off',
  inputmode: 'numeric',
  hint: 'O número que você recebeu ao abrir o chamado na Central de Atendimento, por exemplo: 48213. Sem ele, a Ouvidoria não consegue abrir um caso, a não ser que você ainda não seja cliente.',
})}
<div class="campo${errors.assunto ? ' campo-erro' : ''}">
<label for="assunto">${FIELD_LABELS.assunto}</label>
${errorMessage('assunto', errors)}
<select id="assunto" name="assunto" required aria-required="true"${describedByAttr('assunto', errors, false)}${invalidAttr('assunto', errors)}>
<option value=""${topic === '' ? html` selected` : ''}>Selecione um assunto</option>
${TOPICS.map((t) => html`<option value="${t.value}"${topic === t.value ? html` selected` : ''}>${t.label}</option>\n`)}</select>
</div>
<div class="campo${errors.descricao ? ' campo-erro' : ''}">
<label for="descricao">${FIELD_LABELS.descricao}</label>
<p class="dica" id="descricao-dica">Explique o motivo com o máximo de detalhes e, se possível, inclua exemplos específicos (datas, pedidos, telas). Entre ${FORM_LIMITS.descricaoMin} e ${FORM_LIMITS.descricaoMax} caracteres (menos, se o relato estiver nos anexos).</p>
${errorMessage('descricao', errors)}
<textarea id="descricao" name="descricao" rows="10" maxlength="${FORM_LIMITS.descricaoMax}" required aria-required="true"${describedByAttr('descricao', errors, true)}${invalidAttr('descricao', errors)}>${values.descricao ?? ''}</textarea>
<p class="contador" id="descricao-contador" aria-hidden="true" hidden></p>
<p class="sr" id="descricao-contador-aviso" aria-live="polite"></p>
</div>
<fieldset class="campo${errors.naoCliente ? ' campo-erro' : ''}"${describedByAttr('naoCliente', errors, true)}>
<legend>Vínculo com a plataforma</legend>
<p class="dica" id="naoCliente-dica">Marque se você ainda não é cliente ou não tem mais acesso à central do cliente.</p>
${errorMessage('naoCliente', errors)}
<div class="opcao">
<input id="naoCliente" name="naoCliente" type="checkbox" value="on"${isChecked(values.naoCliente) ? html` checked` : ''}${invalidAttr('naoCliente', errors)}>
<label for="naoCliente">${FIELD_LABELS.naoCliente}</label>
</div>
</fieldset>
<fieldset class="campo${errors.consentimento ? ' campo-erro' : ''}"${describedByAttr('consentimento', errors, true)}>
<legend>Consentimento (LGPD)</legend>
<p class="dica" id="consentimento-dica">Usamos os seus dados apenas para analisar e responder a esta solicitação. Saiba mais na nossa <a href="${safeUrl(ctx.config.links.privacyPolicy)}">Política de Privacidade</a>.</p>
${errorMessage('consentimento', errors)}
<div class="opcao">
<input id="consentimento" name="consentimento" type="checkbox" value="on" required aria-required="true"${isChecked(values.consentimento) ? html` checked` : ''}${invalidAttr('consentimento', errors)}>
<label for="consentimento">Concordo com o tratamento dos meus dados pessoais pela Ouvidoria para a análise e a resposta desta solicitação.</label>
</div>
</fieldset>
<div class="hp" aria-hidden="true">
<label for="${HONEYPOT_FIELD}">Não preencha este campo</label>
<input id="${HONEYPOT_FIELD}" name="${HONEYPOT_FIELD}" type="text" tabindex="-1" autocomplete="off" value="">
</div>
${ctx.attachments ? fileField(ctx.config.attachments, attachmentsError) : ''}
<button type="submit">Enviar para a Ouvidoria</button>
</form>`;
}

function formPage(
  ctx: PageContext,
  values: FormValues,
  errors: FieldErrors,
  notice?: string,
  attachmentsError?: string,
): string {
  const hasErrors = FIELD_NAMES.some((name) => errors[name]) || Boolean(attachmentsError);
  const main = html`${notice ? html`<div class="resumo-erros" id="resumo-erros" role="alert" tabindex="-1" autofocus><p>${notice}</p></div>` : ''}
${errorSummary(errors, attachmentsError)}
<h1>Ouvidoria</h1>
${hasErrors ? html`<p><a href="#formulario">Ir para o formulário</a></p>` : ''}
${guidanceSections(ctx)}
${formSection(ctx, values, errors, attachmentsError)}`;
  // GOV.UK practice: "Erro:" first in the title, so screen readers announce it on load.
  const title = hasErrors ? 'Erro: corrija o formulário' : notice ? 'Erro: tente novamente' : 'Fale com a Ouvidoria';
  return layout(ctx, title, main, { withScript: true });
}

function backLink(ctx: PageContext, label = PAGE_WORDS['pt-BR'].guidance.backToForm): SafeHtml {
  return html`<p><a href="${ctx.basePath ?? ''}/">${label}</a></p>`;
}

function acceptedPage(ctx: PageContext, view: WebformView & { kind: 'accepted' }): string {
  const { protocol, emailed, attachments: files = [], dueDate } = view;
  // The language of its acknowledgement mail (caseLanguage): the page says what the mail says.
  const w = PAGE_WORDS[view.language ?? 'pt-BR'];
  const a = w.accepted;
  const [statusBefore, statusLabel, statusAfter] = a.statusRequest;
  const main = html`<div class="aviso">
<h1>${a.title}</h1>
<p>${a.protocolLabel}</p>
<p class="protocolo">${protocol}</p>
<p>${a.keep}</p>
${dueDate ? html`<p><strong>${a.due(dueDate)}</strong>.</p>` : ''}
${view.closed ? html`<p><strong>${a.closed}</strong></p>` : ''}
</div>
${emailed ? html`<p>${a.emailed}</p>` : ''}
${attachmentList(files, w.htmlLang)}
${view.missingAttachment ? html`<p class="aviso" role="note">${a.missingAttachment}</p>` : ''}
${view.filesNotAdded?.length ? filesNotAddedNote(view.filesNotAdded, a.filesNotAdded) : ''}
<h2>${a.nextSteps}</h2>
<ol>
${a.steps.map((step) => html`<li>${step.map(pageInline)}</li>\n`)}</ol>
<p>${a.hours(ctx.config)}</p>
<p>${a.addInfo}</p>
<p>${statusBefore}<a href="${ctx.basePath ?? ''}${STATUS_REQUEST_PATH}">${statusLabel}</a>${statusAfter}</p>
${pageBlocks([platformStatusBlock(w.htmlLang, ctx.config)])}`;
  return layout(ctx, a.pageTitle(protocol), main, { language: w.htmlLang });
}

function joinedPage(ctx: PageContext, view: WebformView & { kind: 'joined' }): string {
  const w = JOINED_WORDS;
  const [statusBefore, statusLabel, statusAfter] = PAGE_WORDS['pt-BR'].accepted.statusRequest;
  const main = html`<div class="aviso">
<h1>${w.title}</h1>
<p>${w.openCase(view.ticket)}</p>
<p class="protocolo">${view.protocol}</p>
<p>${w.added}</p>
${view.reopened ? html`<p>${w.reopened}</p>` : ''}
${view.dueDate ? html`<p><strong>${w.due(view.dueDate)}</strong>.</p>` : ''}
</div>
${attachmentList(view.attachments, 'pt-BR')}
<p>${statusBefore}<a href="${ctx.basePath ?? ''}${STATUS_REQUEST_PATH}">${statusLabel}</a>${statusAfter}</p>`;
  return layout(ctx, w.pageTitle(view.protocol), main);
}

function filesNotAddedNote(names: string[], [before, after]: readonly [string, string]): SafeHtml {
  return html`<div class="aviso" role="note">
<p>${before}</p>
<ul class="anexos-recebidos">
${names.map((name) => html`<li><strong>${name}</strong></li>\n`)}</ul>
<p>${after}</p>
</div>`;
}

function pageInline(i: MailInline): SafeHtml {
  if (typeof i === 'string') return html`${i}`;
  if ('strong' in i) return html`<strong>${i.strong}</strong>`;
  return html`<a href="${safeUrl(i.href)}">${i.label}</a>`;
}

/** A mail's body blocks as page HTML (the page's own styles, no inline ones). */
function pageBlocks(blocks: MailBlock[]): SafeHtml {
  return html`${blocks.map((b) => {
    if ('h' in b) return html`<h2>${b.h}</h2>\n`;
    if ('p' in b) return html`<p>${b.p.map(pageInline)}</p>\n`;
    if ('lines' in b) return html`<p>${b.lines.map((l, i) => html`${i > 0 && raw('<br>')}${l}`)}</p>\n`;
    return html`<ul>${b.ul.map((item) => html`<li>${item.map(pageInline)}</li>`)}</ul>\n`;
  })}`;
}

function guidancePage(ctx: PageContext, view: WebformView & { kind: 'guidance' }): string {
  const { outcome, ticket, variant } = view;
  const w = PAGE_WORDS[view.language ?? 'pt-BR'];
  // Spanish or English: the mail's own title and body (replies.ts), so the page says what the mail says.
  const foreign = foreignGuidance(
    outcome,
    { ticket, variant, language: view.language, channel: 'webform' },
    ctx.config,
  );
  if (foreign) {
    const main = html`<h1>${foreign.title}</h1>
${pageBlocks(foreign.blocks.filter((b) => !('h' in b && b.h === foreign.title)))}<p>${w.guidance.mailedUnlessHeld}</p>
${backLink(ctx, w.guidance.backToForm)}`;
    return layout(ctx, foreign.title, main, { language: w.htmlLang });
  }
  const g = guidanceFor(outcome, ctx.config, ticket, guidanceVariantOf(variant));
  const main = html`<h1>${g.title}</h1>
<p class="aviso">Recebemos a sua mensagem e registramos o seu contato, mas ela ainda não pode ser tratada pela Ouvidoria. Veja abaixo para onde seguir.</p>
${g.paragraphs.map((p) => html`<p>${p}</p>\n`)}${g.items.length > 0 ? html`<ul>${g.items.map((i) => html`<li>${i}</li>`)}</ul>` : ''}
${
  g.links.length > 0
    ? html`<h2>Para onde seguir</h2>
<ul>
${g.links.map((l) => html`<li><a href="${safeUrl(l.href)}">${l.label}</a></li>\n`)}</ul>`
    : ''
}
<p>${w.guidance.mailedUnlessHeld}</p>
${backLink(ctx, w.guidance.backToForm)}`;
  return layout(ctx, g.title, main);
}

function simplePage(ctx: PageContext, title: string, paragraphs: (string | SafeHtml)[]): string {
  const main = html`<h1>${title}</h1>
${paragraphs.map((p) => html`<p>${p}</p>\n`)}${backLink(ctx)}`;
  return layout(ctx, title, main);
}

/** The one answer of a post waiting for its link, with the files it brought named (how the status page words each). */
function confirmSentPage(ctx: PageContext, hours: number, files: AttachmentView[]): string {
  const title = CONFIRM_WORDS.sentTitle;
  const main = html`<h1>${title}</h1>
<p>${CONFIRM_WORDS.sent(hours)}</p>
${files.length ? html`${attachmentList(files, 'pt-BR')}<p>${CONFIRM_WORDS.sentFiles}</p>\n` : ''}${backLink(ctx)}`;
  return layout(ctx, title, main);
}

/** The confirmation link's page: one button, whose POST registers the post (no script needed). */
/**
 * What a confirmation registers, shown on its page: anyone may type her address and her ticket, and
 * a confirmed post joins her open case of that ticket as her own words (submit.ts
 * joinHerCaseOfTicket) — she confirms what she reads, not a topic and a ticket number. Only her
 * mailbox has the link; the mail itself still carries none of the text.
 */
export interface ConfirmPostView {
  /** The files the post brought, before she confirms (named here: the mail gives their count only). */
  files?: AttachmentView[];
  name: string;
  store?: string;
  ticket?: string;
  topic: string;
  text: string;
}

/**
 * A link she confirmed already, opened again (the next day, to find her protocol): her case's protocol
 * when it is still stored. The page asked her to confirm once more, as if nothing had been registered.
 */
export interface ConfirmedView {
  protocol?: string;
}

function confirmPage(ctx: PageContext, token: string, post: ConfirmPostView, confirmed?: ConfirmedView): string {
  const w = CONFIRM_WORDS;
  const title = confirmed ? w.confirmedTitle : w.pageTitle;
  const main = html`<h1>${title}</h1>
<p>${confirmed ? w.confirmedIntro(confirmed.protocol) : w.pageIntro}</p>
<h2>${w.pagePost}</h2>
<dl>
<dt>${w.pageName}</dt><dd>${post.name}</dd>
${post.store ? html`<dt>${w.pageStore}</dt><dd>${post.store}</dd>` : ''}
<dt>${w.mailTopic}</dt><dd>${post.topic}</dd>
${post.ticket ? html`<dt>${w.mailTicket}</dt><dd>${post.ticket}</dd>` : ''}
</dl>
<div class="texto">${post.text}</div>
${attachmentList(post.files ?? [], 'pt-BR')}
<form method="post" action="${ctx.basePath ?? ''}${CONFIRM_PATH}">
<input type="hidden" name="t" value="${token}">
<button type="submit">${confirmed ? w.confirmedButton : w.button}</button>
</form>
${confirmed ? '' : html`<p>${w.notYou}</p>`}`;
  return layout(ctx, title, main);
}

/** "Este e-mail já tem N casos em andamento na Ouvidoria" (the page and the 409's JSON message). */
export function openCasesText(limit: number): string {
  return `Este e-mail já tem ${countOf(limit, 'caso', 'casos')} em andamento na Ouvidoria`;
}

function minutesText(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return countOf(minutes, 'minuto', 'minutos');
}

export function renderPage(view: WebformView, ctx: PageContext): string {
  switch (view.kind) {
    case 'form':
      return formPage(ctx, view.values ?? {}, view.errors ?? {}, view.notice, view.attachmentsError);
    case 'accepted':
      return acceptedPage(ctx, view);
    case 'guidance':
      return guidancePage(ctx, view);
    case 'joined':
      return joinedPage(ctx, view);
    case 'received':
      return simplePage(ctx, 'Recebemos a sua mensagem', [
        'Obrigado pelo contato. Se a sua solicitação estiver dentro do escopo da Ouvidoria, você receberá uma resposta por e-mail.',
        `A Ouvidoria atua de ${officeHoursPt(ctx.config)}.`,
      ]);
    case 'rate-limited':
      return simplePage(ctx, 'Muitos envios em pouco tempo', [
        'Recebemos muitos envios a partir da sua conexão na última hora. Para proteger o atendimento, pausamos novos envios por um tempo.',
        `Tente novamente em ${minutesText(view.retryAfterSeconds)}. Se você já enviou a sua solicitação, não é preciso enviá-la de novo: a resposta chegará por e-mail.`,
      ]);
    case 'open-cases':
      return simplePage(ctx, 'Você já tem casos em andamento', [
        `${openCasesText(view.limit)}, o máximo permitido ao mesmo tempo.`,
        'Para acrescentar informações, responda ao e-mail de confirmação do caso, mantendo o número do protocolo no assunto. Um(a) analista da Ouvidoria acompanhará a sua mensagem.',
      ]);
    case 'problem':
      return simplePage(ctx, view.title, [view.message]);
    case 'confirm-sent':
      return confirmSentPage(ctx, view.hours, view.files ?? []);
    case 'confirm':
      return confirmPage(ctx, view.token, view.post, view.confirmed);
    case 'confirm-problem':
      return simplePage(ctx, CONFIRM_WORDS.problemTitles[view.error], [CONFIRM_WORDS.problems[view.error]]);
  }
}
