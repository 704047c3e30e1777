/**
 * What a merchant may see of their case on the status page (`/consulta`), and the mail that
 * carries the one-time link. Pure: the webform's application service reads the case and sends.
 *
 * The public view keeps: protocol, status, dates, due date, the resolution, the merchant's own
 * messages and the answers the office relayed (as "Ouvidoria": never the analyst's id or address).
 * The extension and reopening notices she got are shown as the office's messages (new date and
 * reason; the case reopened and its new due date), and so is a closing her answer undid (the result
 * and summary her closing mail gave).
 * It drops: internal notes and every other history event, staff mails, any message not from the
 * case's sender (and so the names of files she did not send), the decision trail, attachments'
 * storage locations. Her own files are listed with how each stands (received, being checked,
 * quarantined).
 *
 * Each message is shown as its reader knows it: the office's words under the subject of the mail
 * that carried them to the merchant (an outgoing message keeps the staff mail's own subject, e.g.
 * "RE: [OUV-…] Novo caso atribuído a você", which is internal); the merchant's own messages as
 * their fresh text, quoted history and signature cut, as the analyst reads them.
 */
import type { CaseMessage, TextsShown } from '../case';
import type { OuvidoriaConfig } from '../config';
import type { AttachmentMeta } from '../submission';
import { sanitizeHeaderValue } from '../html';
import { SCAN_LABELS } from '../uploads/plan';
import { greetingName, type RenderedMail, renderMail } from '../replies';
import { cutMarked, type MessageLanguage } from '../text';
import { merchantMessageRead } from './inline-answers';
import { officeCalendar } from '../calendar';
import { mailboxKey } from '../mailbox';
import { dueDateFrom, formatDatePtBr, promisedDayPassed, reopenWindowEnd } from './deadlines';
import { caseLanguage, MERCHANT_WORDS } from './merchant-words';
import { merchantMailSubject } from './messages';
import type { CloseCategory, WorkCase, WorkStatus } from './types';

/**
 * The status as the merchant reads it, in the case's language: in the second person, with none of
 * the office's internal words ("lojista", "fila de atribuição", "atribuído"). A case a merchant can
 * look up is accepted; the last two never reach the page, and read plainly should they.
 */
export const MERCHANT_STATUS_LABELS: Record<MessageLanguage, Record<WorkStatus, string>> = {
  'pt-BR': {
    QUEUED: 'Recebido: aguardando análise',
    ASSIGNED: 'Em análise pela Ouvidoria',
    IN_PROGRESS: 'Em andamento',
    WAITING_MERCHANT: 'Aguardando a sua resposta',
    CLOSED: 'Encerrado',
    REDIRECTED: 'Encerrado',
    QUARANTINED: 'Em análise pela Ouvidoria',
  },
  es: {
    QUEUED: 'Recibido: en espera de análisis',
    ASSIGNED: 'En análisis por la Ouvidoria',
    IN_PROGRESS: 'En curso',
    WAITING_MERCHANT: 'Esperando su respuesta',
    CLOSED: 'Cerrado',
    REDIRECTED: 'Cerrado',
    QUARANTINED: 'En análisis por la Ouvidoria',
  },
  en: {
    QUEUED: 'Received: awaiting review',
    ASSIGNED: 'Under review by the Ombudsman',
    IN_PROGRESS: 'In progress',
    WAITING_MERCHANT: 'Awaiting your reply',
    CLOSED: 'Closed',
    REDIRECTED: 'Closed',
    QUARANTINED: 'Under review by the Ombudsman',
  },
};

/** Texts longer than this are cut on the page (the case keeps them whole). */
export const PUBLIC_TEXT_MAX_CHARS = 20_000;

/**
 * The page shows at most this many messages, the newest: a case of hundreds of long messages made
 * a page past the 6 MB a Lambda function may answer (the merchant got an error instead of her case).
 * At most about 50 × 20,000 characters, ~1 MB. The older ones are counted (`earlier`): she has them
 * all in her e-mail (hers sent, the office's received).
 */
export const PUBLIC_PAGE_MESSAGES = 50;

/**
 * The texts the page may show: of her messages and the office's answers, the newest
 * PUBLIC_PAGE_MESSAGES (the notices from the history may take some of those places). All the page
 * reads of the texts.
 */
export const PUBLIC_PAGE_TEXTS: TextsShown = (c) => {
  const shown = new Set<number>();
  for (let i = c.messages.length - 1; i >= 0 && shown.size < PUBLIC_PAGE_MESSAGES; i--) {
    const m = c.messages[i] as Omit<CaseMessage, 'text'>;
    if (m.direction === 'out' || isMerchantMessage(m, c.senderEmail)) shown.add(i);
  }
  return shown;
};

/** How a file the merchant sent stands, as she reads it (never a storage location). */
export type PublicFileState = 'received' | 'verified' | 'checking' | 'quarantined' | 'refused' | 'unchecked';

/** How each file stands, in the case's language. */
export const PUBLIC_FILE_STATE_LABELS: Record<MessageLanguage, Record<PublicFileState, string>> = {
  'pt-BR': {
    received: 'recebido',
    // The words of the form's confirmation page and the analyst's mail for the same file.
    verified: `recebido e ${SCAN_LABELS.NO_THREATS_FOUND}`,
    checking: 'recebido, em verificação antivírus',
    quarantined: 'em quarentena: o antivírus encontrou uma ameaça e o arquivo não foi aberto pela equipe',
    refused: 'recusado: o conteúdo não corresponde a um formato aceito (não foi aberto pela equipe)',
    unchecked: 'recebido; a verificação antivírus não pôde ser concluída e a nossa equipe vai conferi-lo',
  },
  es: {
    received: 'recibido',
    verified: 'recibido y verificado, sin amenazas',
    checking: 'recibido, en verificación antivirus',
    quarantined: 'en cuarentena: el antivirus encontró una amenaza y el equipo no abrió el archivo',
    refused: 'rechazado: el contenido no corresponde a un formato aceptado (el equipo no lo abrió)',
    unchecked: 'recibido; no se pudo completar la verificación antivirus y nuestro equipo lo revisará',
  },
  en: {
    received: 'received',
    verified: 'received and checked, no threats found',
    checking: 'received, antivirus check in progress',
    quarantined: 'quarantined: the antivirus found a threat and our team did not open the file',
    refused: 'refused: its content does not match an accepted format (our team did not open it)',
    unchecked: 'received; the antivirus check could not be completed and our team will check it',
  },
};

export interface PublicFileView {
  name: string;
  size: number;
  state: PublicFileState;
}

export interface PublicMessageView {
  from: 'merchant' | 'office';
  at: string;
  subject: string;
  text: string;
  /** The files of the merchant's own message (only hers: no other sender's file is ever named). */
  files?: PublicFileView[];
  /**
   * The language of its subject and text when not pt-BR: the mails of a case opened in Spanish or
   * English (hers and the office's, and the notices the page retells) are in that language, as the
   * page is (WCAG 3.1.2, language of parts, should a part sit on a page in another language).
   */
  lang?: Exclude<MessageLanguage, 'pt-BR'>;
}

export interface PublicCaseData {
  protocol: string;
  /** The case's language (merchant-words.ts caseLanguage): the page speaks it. */
  language: MessageLanguage;
  status: WorkStatus;
  createdAt: string;
  /**
   * Her case closed long ago that this one follows, as her acknowledgement named it. Hers only:
   * threading links a case closed long ago to mail from that case's own address (threading.ts
   * classify), and the page's link is mailed to this case's address alone (status-link.ts).
   */
  linkedProtocol?: string;
  dueAt?: string;
  closedAt?: string;
  closure?: { category: NonNullable<WorkCase['closure']>['category']; summary: string };
  /** The newest PUBLIC_PAGE_MESSAGES messages, oldest first. */
  messages: PublicMessageView[];
  /** How many older messages the page leaves out (absent: none). */
  earlier?: number;
  /** An open case past the day it was due (the date she was promised) at the time of the view. */
  overdue?: boolean;
  /**
   * A closed case: until when her answer reopens it (ISO), or `passed` when a message now opens a
   * new case linked to it (the reopen window, config.threading.reopenWindowDays).
   */
  reopen?: { until: string } | 'passed';
}

function cut(text: string): string {
  const clean = text.replace(/\r\n?/g, '\n').trim();
  return cutMarked(clean, PUBLIC_TEXT_MAX_CHARS);
}

function isMerchantMessage(m: Pick<CaseMessage, 'direction' | 'from'>, senderEmail: string): boolean {
  if (m.direction === 'out') return false;
  // Messages recorded without a sender predate sender recording: only the case's first message was.
  // Her mailbox as threading reads it (sameAddress): a reply from her Gmail spelled with dots, a
  // "+tag" or her domain in Unicode joined her case, and is hers to see.
  return m.from === undefined || sameAddress(m.from.address, senderEmail);
}

/**
 * The state of a file of her message: a form upload by its antivirus scan, a mail file by the
 * kind check of its bytes (SES scanned the whole mail before it reached us).
 */
export function publicFileState(a: Pick<AttachmentMeta, 'scan'>): PublicFileState {
  switch (a.scan) {
    case undefined:
      return 'received';
    case 'NO_THREATS_FOUND':
      return 'verified';
    case 'PENDING':
      return 'checking';
    case 'THREATS_FOUND':
      return 'quarantined';
    case 'REFUSED':
      return 'refused';
    default:
      return 'unchecked';
  }
}

/** An extension as the status page tells it, in the case's language: how long, until when (in the office's zone), why. */
function extensionText(
  language: MessageLanguage,
  protocol: string,
  e: { businessDays: number; dueAt: string; reason: string },
  timeZone: string | undefined,
): string {
  const w = MERCHANT_WORDS[language];
  const [before, after] = w.extended(e.businessDays);
  // The mail's own sentence; without the office's zone the new date cannot be told, only the extension.
  const extended = timeZone
    ? `${before}${protocol}${after}${w.date(formatDatePtBr(e.dueAt, timeZone))}.`
    : `${before}${protocol}${after.slice(0, after.indexOf('.') + 1)}`;
  return `${extended} ${w.reason}${e.reason}`;
}

/** A closing as the closing mail told it, in the case's language: closed, the result, the summary. */
function closingText(
  language: MessageLanguage,
  protocol: string,
  e: { category: CloseCategory; summary: string },
): string {
  const w = MERCHANT_WORDS[language];
  const summary = e.summary.trim() ? ` ${w.summary}${e.summary.trim()}` : '';
  return `${w.closed[0]}${protocol}${w.closed[1]} ${w.result}${w.categories[e.category]}.${summary}`;
}

/** A reopening as the status page tells it, in the case's language: the notice's own words and the new due date. */
function reopenText(language: MessageLanguage, protocol: string, dueAt: string, timeZone: string | undefined): string {
  const w = MERCHANT_WORDS[language];
  const until = timeZone ? ` ${w.dueBy}${w.date(formatDatePtBr(dueAt, timeZone))}.` : '';
  return `${w.reopened.before}${protocol}.${until}`;
}

/** Shown for a file sent without a name (e.g. an image pasted into the mail), in the case's language. */
export const UNNAMED_FILE: Record<MessageLanguage, string> = {
  'pt-BR': '(arquivo sem nome)',
  es: '(archivo sin nombre)',
  en: '(unnamed file)',
};

function publicFiles(m: CaseMessage, language: MessageLanguage): PublicFileView[] {
  return m.attachments.map((a) => ({
    name: sanitizeHeaderValue(a.filename ?? '', 200) || UNNAMED_FILE[language],
    size: a.size,
    state: publicFileState(a),
  }));
}

/** Shown for a merchant message whose text was all quoted history (e.g. only attachments). */
export const NO_FRESH_TEXT: Record<MessageLanguage, string> = {
  'pt-BR': '(mensagem sem texto novo)',
  es: '(mensaje sin texto nuevo)',
  en: '(message with no new text)',
};

/**
 * The subject of the mail that carried an outgoing message to the merchant (the relayed answer or
 * the closing mail): her case's one subject, never the staff mail's ("RE: [OUV-…]"). The status
 * page and the console show it.
 */
export function officeSubject(c: WorkCase): string {
  return merchantMailSubject(c);
}

/**
 * The case as the merchant may see it. `null` for a record that is not a merchant case (no protocol).
 * With `at`, what holds at that moment too: an overdue due date, the reopen window of a closed case.
 */
export function publicCaseView(
  c: WorkCase,
  at?: { now: Date; config: OuvidoriaConfig },
  guided?: Pick<WorkCase, 'senderEmail' | 'messages'> | null,
): PublicCaseData | null {
  if (!c.protocol) return null;
  const messages: PublicMessageView[] = [];
  const language = caseLanguage(c);
  const lang = language === 'pt-BR' ? {} : { lang: language };
  const merchantView = (m: CaseMessage): PublicMessageView => {
    // As the analyst reads it: her answers under the office's questions as she wrote them.
    const fresh = cut(merchantMessageRead(m.text ?? '', m.attachments.length > 0).fresh);
    const files = publicFiles(m, language);
    return {
      from: 'merchant',
      at: m.receivedAt,
      subject: m.subject,
      text: fresh || NO_FRESH_TEXT[language],
      ...(files.length > 0 ? { files } : {}),
      ...lang,
    };
  };
  // The case answers our guidance to her earlier mail (c.answersSubmissionId): that mail holds her
  // complaint, her reply often only the ticket number ("o chamado é 52310"). Hers only, as the
  // analyst's notice takes it (assign-case.ts); the guidance itself is no message of the case.
  const asked = guided?.messages?.[0];
  if (asked && asked.direction !== 'out' && sameAddress(guided.senderEmail, c.senderEmail))
    messages.push(merchantView(asked));
  for (const m of c.messages ?? []) {
    if (m.direction === 'out') {
      messages.push({ from: 'office', at: m.receivedAt, subject: officeSubject(c), text: cut(m.text), ...lang });
    } else if (isMerchantMessage(m, c.senderEmail)) {
      messages.push(merchantView(m));
    }
  }
  // The extension notices she got: the office's words too (the new date and why), under their subject.
  const extensions = (c.history ?? []).filter((e) => e.type === 'extended');
  for (const e of extensions) {
    messages.push({
      from: 'office',
      at: e.at,
      subject: merchantMailSubject(c),
      text: cut(extensionText(language, c.protocol, e, at?.config.timeZone)),
      ...lang,
    });
  }
  // The reopening notices she got (her message reopened the closed case): open again, until when.
  const reopenings = (c.history ?? []).filter((e) => e.type === 'reopened');
  for (const e of reopenings) {
    messages.push({
      from: 'office',
      at: e.at,
      subject: merchantMailSubject(c),
      text: cut(reopenText(language, c.protocol, e.dueAt, at?.config.timeZone)),
      ...lang,
    });
  }
  // The closings her answer then undid (a reopening follows them): the closing mail told her the result
  // and summary, and the reopening notice reads as nonsense without them. A closing still standing is
  // the page's own header (status, result, summary), so it is not repeated.
  const history = c.history ?? [];
  const lastReopening = history.findLastIndex((e) => e.type === 'reopened');
  const undone = history.slice(0, Math.max(0, lastReopening)).filter((e) => e.type === 'closed');
  for (const e of undone) {
    messages.push({
      from: 'office',
      at: e.at,
      subject: merchantMailSubject(c),
      text: cut(closingText(language, c.protocol, e)),
      ...lang,
    });
  }
  if (extensions.length + reopenings.length + undone.length > 0)
    messages.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const earlier = Math.max(0, messages.length - PUBLIC_PAGE_MESSAGES);
  const dueAt = c.dueAt ?? (at ? queuedDueAt(c, at.config) : undefined);
  return {
    protocol: c.protocol,
    language,
    status: c.status,
    createdAt: c.createdAt,
    ...(c.linkedProtocol ? { linkedProtocol: c.linkedProtocol } : {}),
    ...(dueAt ? { dueAt } : {}),
    ...(c.closedAt ? { closedAt: c.closedAt } : {}),
    ...(c.closure ? { closure: { category: c.closure.category, summary: c.closure.summary } } : {}),
    messages: messages.slice(earlier),
    ...(earlier > 0 ? { earlier } : {}),
    ...(at ? momentOf({ ...c, ...(dueAt ? { dueAt } : {}) }, at.now, at.config) : {}),
  };
}

/**
 * A case still in the queue has no due date on record yet (the assignment sets it), but her
 * acknowledgement promised one, counted from receipt: the same date (a case received on 24/12 after
 * 17:00 waits for 28/12 09:00, and her page says "até 08/01/2027" meanwhile, as her mail did).
 */
function queuedDueAt(c: WorkCase, config: OuvidoriaConfig): string | undefined {
  if (c.status !== 'QUEUED' || c.outcome !== 'ACCEPTED' || Number.isNaN(Date.parse(c.createdAt))) return undefined;
  return dueDateFrom(new Date(c.createdAt), config, officeCalendar(config)).toISOString();
}

function momentOf(c: WorkCase, now: Date, config: OuvidoriaConfig): Pick<PublicCaseData, 'overdue' | 'reopen'> {
  if (c.status !== 'CLOSED')
    return c.dueAt && promisedDayPassed(c.dueAt, now, config.timeZone) ? { overdue: true } : {};
  const end = reopenWindowEnd(c.closedAt, config);
  if (Number.isNaN(end)) return {};
  return now.getTime() > end ? { reopen: 'passed' } : { reopen: { until: new Date(end).toISOString() } };
}

/**
 * Same mailbox (mailbox.ts sameMailbox: letter case, and Gmail's dots, "+tag" and googlemail.com, as
 * threading compares her mail), in time independent of where they differ. Nothing empty matches.
 */
export function sameAddress(a: string, b: string): boolean {
  const x = mailboxKey(a);
  const y = mailboxKey(b);
  let diff = (x.length ^ y.length) | (x === '' ? 1 : 0);
  const n = Math.max(x.length, y.length);
  for (let i = 0; i < n; i++) diff |= (x.charCodeAt(i) || 0) ^ (y.charCodeAt(i) || 0);
  return diff === 0;
}

/** How long the one-time status link lasts, as the `/consulta` page (pt-BR) and the pt-BR mail say it. */
export function statusLinkValidityPt(config: OuvidoriaConfig): string {
  return MERCHANT_WORDS['pt-BR'].statusLink.validity(config.lifecycle.statusLinkHours);
}

/** The mail with the one-time status link (to the case's own address only), in the case's language. */
export function renderStatusLinkMail(
  protocol: string,
  url: string,
  name: string | undefined,
  config: OuvidoriaConfig,
  language: MessageLanguage = 'pt-BR',
): RenderedMail {
  const clean = greetingName(name);
  const w = MERCHANT_WORDS[language];
  const link = w.statusLink;
  return renderMail(
    sanitizeHeaderValue(`[${protocol}] ${link.title}`, 200),
    [
      { p: [clean ? `${w.hello}, ${clean},` : `${w.hello},`] },
      { p: [link.asked[0], { strong: protocol }, link.asked[1]] },
      { p: [{ href: url, label: link.see }] },
      { p: [`${link.validity(config.lifecycle.statusLinkHours)} ${link.notYou}`] },
      { lines: [w.regards, config.fromName] },
    ],
    [w.privacy(config)],
    { lang: language },
  );
}
