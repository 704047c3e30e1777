/**
 * The attachments part of the page: the optional file field (with what to do without
 * JavaScript) and the list of files on the confirmation page. Names are escaped like every
 * other merchant text; nothing links to the files (they are never served back from here).
 */
import type { AttachmentsConfig } from '../domain/config';
import { humanSize } from '../domain/byte-size';
import { html, type SafeHtml } from '../domain/html';
import { FILE_KINDS, KIND_EXTENSIONS, KIND_MIME } from '../domain/uploads/file-type';
import { PUBLIC_FILE_STATE_LABELS, publicFileState } from '../domain/lifecycle/status-page';
import type { MessageLanguage } from '../domain/text';
import { contentTypeLabel, filesCountPt, kindsText } from '../domain/uploads/plan';
import { PAGE_WORDS } from './page-words';
import type { AttachmentView } from './page';

/** Without JavaScript the files travel in the form post: API Gateway takes 10 MB, minus the text. */
export const NO_SCRIPT_TOTAL_BYTES = 9 * 1024 * 1024;

function accept(config: AttachmentsConfig): string {
  return FILE_KINDS.filter((k) => config.allowedTypes.includes(k))
    .flatMap((k) => [...KIND_EXTENSIONS[k].map((e) => `.${e}`), KIND_MIME[k]])
    .join(',');
}

export function fileField(config: AttachmentsConfig, error: string | undefined): SafeHtml {
  const describedBy = ['anexos-dica', error ? 'anexos-erro' : ''].filter(Boolean).join(' ');
  return html`<div class="campo${error ? ' campo-erro' : ''}">
<label for="anexos">Anexos <span class="opcional">(opcional)</span></label>
<p class="dica" id="anexos-dica">Prints, faturas, planilhas ou documentos que ajudem a entender o caso: até ${filesCountPt(config.maxFiles)} (${kindsText(config)}), ${humanSize(config.maxFileBytes)} cada e ${humanSize(config.maxTotalBytes)} no total. Todos passam por verificação antivírus.</p>
<noscript><p class="dica">Sem JavaScript, os arquivos seguem junto com o formulário e o total deve ficar abaixo de ${humanSize(NO_SCRIPT_TOTAL_BYTES)}. Para arquivos maiores, envie a manifestação sem eles e depois responda ao e-mail de confirmação com os anexos.</p></noscript>
${error ? html`<p class="erro" id="anexos-erro"><span class="sr">Erro: </span>${error}</p>` : ''}
<input id="anexos" name="anexos" type="file" multiple accept="${accept(config)}" aria-describedby="${describedBy}"${error ? html` aria-invalid="true"` : ''}>
<input id="anexosId" name="anexosId" type="hidden" value="">
<ul class="anexos" id="anexos-lista" hidden></ul>
<p class="sr" id="anexos-aviso" aria-live="polite"></p>
</div>`;
}

/**
 * The files of an accepted form on its confirmation page, in the case's language: how each stands
 * in the status page's words (PUBLIC_FILE_STATE_LABELS), under the page's heading and note.
 */
export function attachmentList(files: AttachmentView[], language: MessageLanguage): SafeHtml {
  if (files.length === 0) return html``;
  const labels = PUBLIC_FILE_STATE_LABELS[language];
  const w = PAGE_WORDS[language].accepted;
  return html`<h2>${w.filesHeading}</h2>
<ul class="anexos-recebidos">
${files.map((f) => {
  const state = publicFileState(f);
  const label = labels[state];
  // The kind as the form named it ("PDF"), never a MIME type: she does not know "application/pdf".
  const kind = contentTypeLabel(f.type);
  return html`<li><strong>${f.name}</strong> (${humanSize(f.size)}${kind ? `, ${kind}` : ''}): ${state === 'quarantined' ? html`<strong class="erro-texto">${label}</strong>` : label}</li>\n`;
})}</ul>
${files.some((f) => f.scan === 'THREATS_FOUND') ? html`<p>${w.threatNote}</p>` : ''}`;
}
