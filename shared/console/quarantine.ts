/**
 * The quarantine queue of the staff console (supervisors only): `/equipe/quarentena` lists the
 * quarantined mail not yet reviewed (index query, newest first, a page at a time) with the
 * decision's reason and rule ids; `/equipe/quarentena/<caseId>` shows the raw mail as TEXT —
 * decoded best effort, capped, escaped inside a <pre>, never rendered as HTML and its
 * attachments never opened — with the actions release into triage and discard (POST + CSRF).
 */
import { randomUUID } from 'node:crypto';
import {
  discardQuarantined,
  type QuarantineDeps,
  type QuarantinedMail,
  type QuarantinePage,
  quarantinedMail,
  RAW_TEXT_CAP_BYTES,
  requestRelease,
} from '../app/quarantine';
import { ruleLabel } from '../domain/eligibility/rule-descriptions';
import { html } from '../domain/html';
import {
  intakeFailed,
  RELEASE_REFUSAL_PT,
  RELEASE_REFUSED_PT,
  releaseRefusal,
  vouchesForSender,
} from '../domain/quarantine-release';
import { CSRF_FIELD, type ConsoleUser } from './access';
import { formatInstant, layout, type PageFrame, titleAfter, wideTable } from './pages';
import { pathSegment } from './routes';

/** What releasing a mail the intake failed on does (shared/app/quarantine-release.ts reads it again). */
/** Where the release was, for a mail whose original the bucket no longer has (the page said why above). */
const NO_RAW_MAIL_RELEASE_PT =
  'Não é possível liberar sem o e-mail original: descarte a mensagem e, se for preciso, peça ao remetente que escreva de novo.';

const READ_AGAIN_PT =
  'A triagem falhou ao processar esta mensagem (pode ter sido um defeito nosso, já corrigido). Ao liberar, a mensagem é lida de novo pela triagem; se o defeito continuar, volta a falhar e a equipe técnica é avisada.';

export const QUARANTINE_PATH = '/equipe/quarentena';
const ITEM_PATH = /^\/equipe\/quarentena\/([^/]+)(\/acao)?$/;

export function isQuarantinePath(path: string): boolean {
  return path === QUARANTINE_PATH || ITEM_PATH.test(path);
}

const DONE_PT: Record<string, string> = {
  discard: 'Mensagem descartada: saiu da fila de quarentena.',
  release:
    'Liberação pedida: a mensagem será triada de novo em instantes. Se ela continuar nesta fila, abra-a: a página dela diz por que a liberação foi recusada.',
};

export function quarantineListPage(frame: PageFrame, page: QuarantinePage, notice?: string): string {
  const b = frame.basePath;
  const rows = page.items.map(
    (i) => html`<tr><td><time datetime="${i.createdAt}">${formatInstant(i.createdAt, frame.timeZone)}</time></td>
<td>${i.senderEmail}</td><td><a href="${b}${QUARANTINE_PATH}/${encodeURIComponent(i.caseId)}">${i.subject || '(sem assunto)'}</a></td>
<td>${i.reason}${i.releaseRefused ? html`<br><strong>Liberação recusada em ${formatInstant(i.releaseRefused.at, frame.timeZone)}</strong>: ${RELEASE_REFUSED_PT[i.releaseRefused.reason] ?? i.releaseRefused.reason}` : ''}</td><td>${i.ruleIds.map(ruleLabel).join('; ')}</td></tr>`,
  );
  return layout(
    frame,
    titleAfter('Quarentena', { notice }),
    html`<h1>Quarentena</h1>
${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
${
  page.items.length
    ? wideTable(
        'Quarentena',
        html`<table><caption>Mensagens em quarentena, mais recentes primeiro</caption>
<thead><tr><th scope="col">Recebida</th><th scope="col">Remetente</th><th scope="col">Assunto</th><th scope="col">Motivo</th><th scope="col">Regras</th></tr></thead>
<tbody>${rows}</tbody></table>`,
      )
    : html`<p>Nenhuma mensagem aguardando revisão.</p>`
}
${page.next ? html`<p><a href="${b}${QUARANTINE_PATH}?pagina=${encodeURIComponent(page.next)}">Próxima página</a></p>` : ''}`,
  );
}

export function quarantineItemPage(
  frame: PageFrame,
  mail: QuarantinedMail,
  options: { canRelease: boolean; notice?: string; problem?: string },
): string {
  const { record, raw } = mail;
  const b = frame.basePath;
  const action = `${b}${QUARANTINE_PATH}/${encodeURIComponent(record.caseId)}/acao`;
  const hidden = (kind: string) =>
    html`<input type="hidden" name="${CSRF_FIELD}" value="${frame.csrf ?? ''}"><input type="hidden" name="acao" value="${kind}"><input type="hidden" name="id" value="${randomUUID()}">`;
  const reviewed = record.reviewedAt
    ? html`<p class="notice" role="status">Revisada por ${record.reviewedBy ?? '—'} em ${formatInstant(record.reviewedAt, frame.timeZone)} (${record.reviewOutcome === 'released' ? 'liberada' : 'descartada'}).</p>`
    : '';
  // A release asked for here and refused later by the triage (the page had said "Liberação pedida"),
  // unless a review came after it.
  const refused = record.releaseRefused;
  // Its raw mail gone, the page says so where the release was (below): the same reason once, not three times.
  const refusal =
    refused &&
    !(record.reviewedAt && record.reviewedAt > refused.at) &&
    !(raw === 'missing' && refused.reason === 'no-raw-mail')
      ? html`<p class="problem" role="alert">Liberação recusada em ${formatInstant(refused.at, frame.timeZone)} (pedida por ${refused.by}): ${RELEASE_REFUSED_PT[refused.reason] ?? refused.reason}</p>`
      : '';
  const capKb = Math.round(RAW_TEXT_CAP_BYTES / 1000);
  const first = record.messages[0];
  // What the triage read (decoded: charsets, quoted-printable, base64, HTML to text), then the mail as
  // it arrived, for whoever must look at its headers: raw MIME is hard to read in pt-BR.
  const files = first?.attachments ?? [];
  const decoded = html`<h2>Texto da mensagem (como a triagem leu)</h2>
<pre class="raw" tabindex="0" aria-label="Texto da mensagem">${first?.text || '(sem texto)'}</pre>
${files.length > 0 ? html`<p>Anexos (não são abertos aqui): ${files.map((f) => f.filename?.trim() || '(sem nome)').join(', ')}.</p>` : ''}`;
  const rawBlock = !raw
    ? html`${decoded}<p>Sem e-mail original arquivado (envio pelo formulário).</p>`
    : raw === 'missing'
      ? html`${decoded}<p>O e-mail original não está mais arquivado (apagado pelo prazo de retenção).</p>`
      : html`${decoded}<details><summary>E-mail original (MIME, com os cabeçalhos)</summary>
${raw.truncated ? html`<p class="problem">${raw.text ? `Mostrando só os primeiros ${capKb} KB` : 'Mensagem grande demais para mostrar aqui'} de ${Math.ceil(raw.size / 1000)} KB.</p>` : ''}
<pre class="raw" tabindex="0" aria-label="E-mail original como texto">${raw.text}</pre></details>`;
  const forms =
    record.reviewedAt || record.status !== 'QUARANTINED'
      ? ''
      : html`${
          !options.canRelease
            ? html`<p>Liberação indisponível neste ambiente.</p>`
            : releaseRefusal(record)
              ? html`<p>${RELEASE_REFUSAL_PT['not-vouchable']}</p>`
              : raw === 'missing'
                ? html`<p>${NO_RAW_MAIL_RELEASE_PT}</p>`
                : html`<form method="post" action="${action}"><fieldset><legend>Liberar para a triagem</legend>${hidden('release')}
${intakeFailed(record.decision) ? html`<p>${READ_AGAIN_PT}</p>` : ''}${vouchesForSender(record.decision) ? html`<p>A mensagem é decidida de novo sem os vereditos de quarentena (autenticação, spam): você responde por ela.</p>` : ''}
<p>Se continuar um caso aberto do remetente (resposta a um e-mail do caso, o protocolo dele ou o mesmo chamado), entra nesse caso, sem nova confirmação; senão, se for aceita, vira caso com protocolo e o remetente recebe a confirmação.</p>
<button type="submit">Liberar para a triagem</button></fieldset></form>`
        }
<form method="post" action="${action}"><fieldset><legend>Descartar</legend>${hidden('discard')}
<button class="secondary" type="submit">Descartar a mensagem</button></fieldset></form>`;
  return layout(
    frame,
    titleAfter('Mensagem em quarentena', options),
    html`<h1>Mensagem em quarentena</h1>
${options.notice ? html`<p class="notice" role="status">${options.notice}</p>` : ''}
${options.problem ? html`<p class="problem" role="alert">${options.problem}</p>` : ''}
${reviewed}
${refusal}
<dl><dt>Remetente</dt><dd>${record.senderEmail}</dd><dt>Assunto</dt><dd>${record.subject}</dd>
<dt>Recebida</dt><dd>${formatInstant(record.createdAt, frame.timeZone)}</dd>
<dt>Motivo</dt><dd>${record.decision.reason}</dd><dt>Regras</dt><dd>${record.decision.ruleIds.map((r, i) => html`${i > 0 ? '; ' : ''}${ruleLabel(r)} <code>${r}</code>`)}</dd></dl>
${forms}
${rawBlock}
<p><a href="${b}${QUARANTINE_PATH}">Voltar à quarentena</a></p>`,
  );
}

export interface QuarantineRoute {
  status: number;
  body?: string;
  /** Redirect after a POST. */
  location?: string;
}

/** GET of the list or an item, or POST of an action; the caller checked the supervisor role and CSRF. */
export async function serveQuarantine(
  method: 'GET' | 'POST',
  path: string,
  query: URLSearchParams,
  form: URLSearchParams | null,
  user: ConsoleUser,
  frame: PageFrame,
  deps: QuarantineDeps,
): Promise<QuarantineRoute> {
  const b = frame.basePath;
  if (path === QUARANTINE_PATH) {
    if (method !== 'GET') return { status: 405 };
    const cursor = query.get('pagina') ?? undefined;
    const page = await deps.store.listQuarantined({ limit: 25, ...(cursor ? { cursor } : {}) });
    const done = query.get('feito');
    return {
      status: 200,
      body: quarantineListPage(frame, page, done && Object.hasOwn(DONE_PT, done) ? DONE_PT[done] : undefined),
    };
  }
  const match = ITEM_PATH.exec(path);
  const caseId = pathSegment(match?.[1] ?? '');
  if (caseId === null) return { status: 404 };
  if (method === 'POST') {
    if (!match?.[2] || !form) return { status: 404 };
    const action = form.get('acao');
    const result =
      action === 'discard'
        ? await discardQuarantined(caseId, user.staffId, deps)
        : action === 'release'
          ? await requestRelease(caseId, user.staffId, deps)
          : 'bad';
    if (result === 'done') return { status: 303, location: `${b}${QUARANTINE_PATH}?feito=${action}` };
    const problem =
      result === 'bad'
        ? 'Ação desconhecida.'
        : result === 'unavailable'
          ? 'Liberação indisponível neste ambiente.'
          : RELEASE_REFUSAL_PT[result];
    const mail = await quarantinedMail(caseId, deps);
    if (!mail) return { status: 404 };
    return {
      status: result === 'bad' ? 400 : 409,
      body: quarantineItemPage(frame, mail, { canRelease: !!deps.releases, problem }),
    };
  }
  if (match?.[2]) return { status: 404 };
  const mail = await quarantinedMail(caseId, deps);
  if (!mail) return { status: 404 };
  return { status: 200, body: quarantineItemPage(frame, mail, { canRelease: !!deps.releases }) };
}
