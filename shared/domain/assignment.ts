import { encryptedMail, encryptedStaffPt } from './encrypted-mail';
import { attachmentMissing } from './attachment-mention';
import { countOf } from './count';
import { humanSize } from './byte-size';
import { formatDateTimePtBr } from './calendar';
import { consoleCaseLink } from './console-link';
import { COMMAND_HELP_PT } from './lifecycle/commands';
import { isOnLeave } from './lifecycle/types';
import { staffLanguageLine } from './lifecycle/merchant-words';
import { caseOverdue, OVERDUE_MARK_PT } from './lifecycle/deadlines';
import { type CaseMessage, type CaseRecord, positionsBetween, type TextsShown } from './case';
import type { OuvidoriaConfig } from './config';
import type { TicketCheck, TicketSource } from './decision';
import { sanitizeHeaderValue } from './html';
import { OUTCOME_LABELS_PT } from './outcome';
import { releasedFromQuarantinePt } from './released-words';
import { citedByFactPt } from './cited-by-words';
import { type MailBlock, type MailInline, type RenderedMail, renderMail } from './replies';
import { type Analyst, staffGreeting } from './staff';
import type { AttachmentMeta } from './submission';
import { cutMarked, splitQuoted } from './text';
import { fileWhereabouts } from './lifecycle/relayed-files';
import { merchantBouncingWarning } from './lifecycle/messages';
import { isLinkable } from './uploads/download';
import { SCAN_LABELS } from './uploads/plan';

/** What staff read where a message of the merchant has no text of its own (a file only, a subject only). */
export const NO_TEXT_STAFF_PT = '(mensagem sem texto)';

/**
 * The team's line for a merchant's message that mentions a file and carries none (attachment-mention.ts;
 * the case's acknowledgement tells her how to send it): the analyst's mail and the console's message.
 */
export const MISSING_ATTACHMENT_STAFF_PT =
  'A mensagem menciona um anexo ("segue em anexo", "print anexo"), mas nenhum arquivo chegou com ela.';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Never-assigned (or unreadable) sorts first. */
function lastAssignedMs(a: Analyst): number {
  const ms = a.lastAssignedAt ? Date.parse(a.lastAssignedAt) : Number.NaN;
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

/**
 * The analyst who gets the next case: active and not on leave `today` (leave dates inclusive),
 * fewest open cases; ties by least recently assigned (never assigned first), then by id so the
 * choice is deterministic. `today` is the ISO date in the office time zone. Null when nobody is
 * available. Pure: the repository makes the update atomic.
 */
export function chooseAnalyst(staff: readonly Analyst[], today: string): Analyst | null {
  if (!ISO_DATE.test(today)) throw new RangeError(`today must be an ISO date YYYY-MM-DD, got ${JSON.stringify(today)}`);
  let best: Analyst | null = null;
  for (const a of staff) {
    if (!a.active || isOnLeave(a, today)) continue;
    if (best === null || compareForAssignment(a, best) < 0) best = a;
  }
  return best;
}

function compareForAssignment(a: Analyst, b: Analyst): number {
  if (a.openCases !== b.openCases) return a.openCases - b.openCases;
  const la = lastAssignedMs(a);
  const lb = lastAssignedMs(b);
  if (la !== lb) return la < lb ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Staff-facing names of the outcomes. */
const SOURCE_LABELS: Record<TicketSource, string> = {
  form: 'formulário',
  subject: 'assunto',
  body: 'mensagem',
  quoted: 'resposta citada',
  attachment: 'nome do anexo',
  'linked-case': 'caso anterior',
};

/**
 * The notice shows at most this many of the case's messages: the first (the complaint) and the
 * newest; the others are named by count, with the console's link (each stays in the case record).
 */
export const NOTICE_MESSAGES = 10;

/** The positions of the messages the notice shows (NOTICE_MESSAGES): what the assignment reads texts of. */
export const NOTICE_TEXTS: TextsShown = ({ messages: { length } }) =>
  length > NOTICE_MESSAGES
    ? new Set([0, ...positionsBetween(length - (NOTICE_MESSAGES - 1), length, length)])
    : positionsBetween(0, length, length);

/** Longer texts are cut in the notice; the whole message stays in the case record and raw mail. */
const MAX_FRESH_CHARS = 20_000;
const MAX_QUOTED_CHARS = 20_000;

function cap(text: string, max: number): string {
  return cutMarked(text, max, 'texto cortado; a mensagem completa está no registro do caso');
}

const TICKET_INVALID_PT: Record<Extract<TicketCheck, { status: 'invalid' }>['why'], string> = {
  bad_format: 'formato inválido',
  not_found: 'não encontrado',
  not_owner: 'pertence a outro solicitante',
};

/** The result of the prior-ticket check as staff read it (the assignment notice, the console's case page). */
export function ticketCheckPt(ticket: TicketCheck): string {
  switch (ticket.status) {
    case 'none':
      return 'nenhum chamado anterior informado';
    case 'valid':
      return 'verificado: existe e pertence ao remetente';
    case 'invalid':
      return `inválido (${TICKET_INVALID_PT[ticket.why]})`;
    case 'unverified':
      return 'não verificado (o diretório de chamados não respondeu): confirme manualmente';
  }
}

function ticketBlocks(ticket: TicketCheck): MailBlock[] {
  switch (ticket.status) {
    case 'none':
      return [{ p: ['Nenhum chamado anterior informado.'] }];
    case 'valid':
    case 'invalid':
      return [{ p: [{ strong: `nº ${ticket.number}` }, ` — ${ticketCheckPt(ticket)}.`] }];
    case 'unverified':
      return [
        {
          p: [
            { strong: `nº ${ticket.number}` },
            // The failure's code (a timeout, a 5xx) is for the logs, not for the analyst.
            ' — NÃO VERIFICADO: o diretório de chamados não respondeu',
            '. Confirme manualmente que o chamado existe e pertence ao lojista.',
          ],
        },
      ];
  }
}

/**
 * The case's files, each with its scan result. A clean webform file is downloaded from the
 * console's case page, which signs a fresh link when the analyst opens it: a link signed here, with
 * the function's temporary role credentials, would die with them (hours), whatever expiry it named.
 */
function attachmentItems(
  messages: CaseMessage[],
  caseLink: string,
  attached: ReadonlySet<AttachmentMeta>,
): MailInline[][] {
  const items: MailInline[][] = [];
  messages.forEach((m, index) => {
    for (const a of m.attachments as AttachmentMeta[]) {
      const name = a.filename && a.filename.trim() !== '' ? a.filename : '(sem nome)';
      const where = messages.length > 1 ? ` — mensagem ${index + 1}` : '';
      const inline = a.inline ? ', em linha' : '';
      const scan = a.scan ? ` — ${SCAN_LABELS[a.scan]}` : '';
      const item: MailInline[] = [
        { strong: name },
        ` (${a.contentType}, ${humanSize(a.size)}${inline})${where}${scan}`,
      ];
      // Only a file the scanner found clean can be downloaded (a webform file, a mail's copy); a mail's
      // files come attached when they may travel.
      if (attached.has(a)) item.push(` — ${fileWhereabouts(a, attached, m)}`);
      else if (isLinkable(a)) item.push(' — ', { href: caseLink, label: 'baixar pelo console' });
      else if (!a.key || a.partId !== undefined) item.push(` — ${fileWhereabouts(a, attached, m)}`);
      items.push(item);
    }
  });
  return items;
}

/** How much of the merchant's subject the analyst's notice subject carries. */
const NOTICE_MERCHANT_SUBJECT_CHARS = 80;

/**
 * A staff mail's subject without the merchant's words the analyst's notice put in it ("[OUV-…] Novo
 * caso atribuído a você: <her subject>"), which her reply keeps: what is left is what the analyst
 * wrote. A merchant's "Cobrança indevida #encerrar improcedente" is hers, not a command of the
 * analyst's typed in the wrong place.
 */
export function withoutMerchantSubject(subject: string, merchantSubject: string): string {
  const echoed = sanitizeHeaderValue(merchantSubject, NOTICE_MERCHANT_SUBJECT_CHARS).replace(/\s+/g, ' ').trim();
  if (echoed === '') return subject;
  const spaced = subject.replace(/\s+/g, ' ');
  const at = spaced.toLowerCase().indexOf(echoed.toLowerCase());
  return at < 0 ? subject : `${spaced.slice(0, at)}${spaced.slice(at + echoed.length)}`;
}

/**
 * The email an analyst receives when a case is assigned to them (pt-BR): protocol, due date,
 * merchant contact, prior ticket and whether it was verified, the decision trail, attachments,
 * and every message of the case with its quoted history collapsed. Merchant text is escaped.
 */
export function renderAnalystNotice(
  c: CaseRecord,
  analyst: Analyst,
  config: OuvidoriaConfig,
  /** When it is sent: a case that waited long for an analyst may be past its due date already. */
  now: Date,
  options: {
    answersViaOffice?: boolean;
    /** The opening mail's files sent with the notice (relayableAttachments); others are named only. */
    attached?: readonly AttachmentMeta[];
    /** The merchant's earlier submission the case answers (CaseRecord.answersSubmissionId), when still held. */
    earlier?: Pick<CaseRecord, 'outcome' | 'messages'>;
    /** The name of the supervisor who released the mail from quarantine (CaseRecord.reviewedBy). */
    releasedBy?: string;
  } = {},
): RenderedMail {
  const zone = config.timeZone;
  const protocol = c.protocol ?? c.caseId;
  const merchantSubject = sanitizeHeaderValue(c.subject, NOTICE_MERCHANT_SUBJECT_CHARS);
  const subject = sanitizeHeaderValue(
    `[${protocol}] Novo caso atribuído a você${merchantSubject ? `: ${merchantSubject}` : ''}`,
    200,
  );
  const due = c.dueAt ? formatDateTimePtBr(c.dueAt, zone) : undefined;

  const contact: MailInline[][] = [
    ['Nome: ', c.senderName?.trim() ? c.senderName : '(não informado)'],
    ['E-mail: ', { href: `mailto:${c.senderEmail}`, label: c.senderEmail }],
    ['Loja: ', c.storeName?.trim() ? c.storeName : '(não informada)'],
    ['Canal: ', c.channel === 'email' ? 'e-mail' : 'formulário da Ouvidoria'],
    ['Recebido em: ', formatDateTimePtBr(c.createdAt, zone)],
  ];
  const language = staffLanguageLine(c);
  if (language) contact.push(language);
  if (c.linkedProtocol) contact.push(['Caso anterior relacionado: ', c.linkedProtocol]);
  // Cited while it waited for an analyst: no one was told (citation.ts tells the assignee only).
  if (c.citedBy?.length) contact.push(['Citado por: ', citedByFactPt(c.citedBy.length)]);
  const earlier = options.earlier?.messages[0];
  if (earlier) {
    contact.push([
      'Responde à orientação que recebeu antes (',
      OUTCOME_LABELS_PT[options.earlier?.outcome ?? 'NO_PRIOR_TICKET'],
      '): a mensagem anterior está abaixo',
    ]);
  }

  const trail: MailInline[][] = [
    ['Resultado: ', { strong: OUTCOME_LABELS_PT[c.decision.outcome] }, ` (${c.decision.outcome})`],
    ['Regras aplicadas: ', c.decision.ruleIds.length > 0 ? c.decision.ruleIds.join(', ') : '(nenhuma)'],
    ['Motivo: ', c.decision.reason],
  ];
  if (c.verdicts) {
    const v = c.verdicts;
    trail.push([
      `Verificações do e-mail: SPF ${v.spf}, DKIM ${v.dkim}, DMARC ${v.dmarc}, spam ${v.spam}, vírus ${v.virus}`,
    ]);
  }
  // A released mail keeps SES's failed checks: the analyst learns who vouched for its sender.
  if (c.reviewOutcome === 'released') {
    trail.push([releasedFromQuarantinePt(options.releasedBy ?? c.reviewedBy ?? 'supervisão', c.reviewedAt, zone)]);
  }

  const blocks: MailBlock[] = [
    { p: [staffGreeting(analyst.name)] },
    {
      p: [
        'O caso ',
        { strong: protocol },
        ' foi atribuído a você. ',
        { href: consoleCaseLink(config, c.caseId), label: 'Abrir no console' },
        '.',
      ],
    },
    {
      p: due
        ? [
            'Prazo: ',
            { strong: due },
            ...(caseOverdue(c, now) ? [OVERDUE_MARK_PT] : []),
            ` (${countOf(config.slaBusinessDays, 'dia útil', 'dias úteis')} da Ouvidoria, fuso ${zone}).`,
          ]
        : ['Prazo: não definido.'],
    },
    { h: 'Lojista' },
    { ul: contact },
    // Her acknowledgement bounced while the case waited: she may never read an answer by mail.
    ...merchantBouncingWarning(c, now, config),
    { h: 'Chamado anterior' },
    ...ticketBlocks(c.decision.ticket),
  ];
  const others = c.ticketCandidates.filter(
    (t) => !('number' in c.decision.ticket) || t.number !== c.decision.ticket.number,
  );
  if (others.length > 0) {
    blocks.push({ p: ['Outros números encontrados na mensagem:'] });
    blocks.push({
      ul: others.slice(0, 10).map((t) => [`nº ${t.number} (${SOURCE_LABELS[t.source]}): “${t.evidence}”`]),
    });
  }
  blocks.push({ h: 'Decisão automática' }, { ul: trail });
  const attachments = attachmentItems(c.messages, consoleCaseLink(config, c.caseId), new Set(options.attached ?? []));
  blocks.push(
    { h: 'Anexos' },
    attachments.length > 0
      ? { ul: attachments }
      : { p: [c.messages.some(attachmentMissing) ? MISSING_ATTACHMENT_STAFF_PT : 'Nenhum anexo.'] },
  );
  if (options.answersViaOffice) {
    // The analyst answers this mail: the office relays the answer from the ombudsman address.
    blocks.push(
      { h: 'Como trabalhar o caso' },
      {
        p: [
          'Responda a este e-mail: o texto novo (sem o histórico citado nem a assinatura) é enviado ao lojista pela Ouvidoria, com o protocolo ',
          { strong: protocol },
          '; o seu endereço não aparece para ele. Comandos, um por linha, no início da resposta:',
        ],
      },
      { ul: COMMAND_HELP_PT.map((c) => [{ strong: c.usage }, ` — ${c.what}`]) },
    );
  } else {
    blocks.push({
      p: [
        'Para responder ao lojista, escreva para o e-mail acima mantendo o protocolo ',
        { strong: protocol },
        ' no assunto.',
      ],
    });
  }

  // The complaint and the newest messages: a case that waited for an analyst while the merchant kept
  // writing (hundreds of mails) would make a notice of tens of MB, past what SES sends.
  const numbered = c.messages.map((m, index) => ({ m, n: index + 1 }));
  const picked = NOTICE_TEXTS(c);
  const kept = numbered.filter(({ n }) => picked.has(n - 1));
  const left = numbered.length - kept.length;
  if (left > 0) {
    blocks.push({
      p: [
        `Abaixo, a primeira mensagem e as ${NOTICE_MESSAGES - 1} mais recentes; ${left === 1 ? 'a outra mensagem está' : `as outras ${left} mensagens estão`} no `,
        { href: consoleCaseLink(config, c.caseId), label: 'console' },
        '.',
      ],
    });
  }
  const shown = earlier ? [{ m: earlier, n: 0 }, ...kept] : kept;
  const preformatted = shown.map(({ m, n }) => {
    const { fresh, quoted } = splitQuoted(m.text ?? '');
    const label =
      m === earlier
        ? 'Mensagem anterior (respondida com orientação, fora do caso)'
        : shown.length > 1
          ? `Mensagem ${n}`
          : 'Mensagem';
    const heading = `${label} — ${formatDateTimePtBr(m.receivedAt, zone)} — Assunto: ${sanitizeHeaderValue(m.subject, 200) || '(sem assunto)'}`;
    const sealed = encryptedMail(m);
    const freshText =
      fresh.trim() !== '' ? cap(fresh.trim(), MAX_FRESH_CHARS) : sealed ? encryptedStaffPt(sealed) : NO_TEXT_STAFF_PT;
    const quotedText = quoted.trim();
    const lineCount = quotedText.split('\n').length;
    return {
      title: heading,
      text: freshText,
      collapsed: quotedText
        ? {
            summary: `Histórico citado (${countOf(lineCount, 'linha', 'linhas')})`,
            text: cap(quotedText, MAX_QUOTED_CHARS)
              .split('\n')
              .map((line) => (line === '' ? '>' : `> ${line}`))
              .join('\n'),
          }
        : undefined,
    };
  });

  const footer: MailBlock[] = [
    {
      p: [
        'Mensagem automática da Ouvidoria. Contém dados pessoais do lojista: trate-os conforme a LGPD e a ',
        { href: config.links.privacyPolicy, label: 'Política de Privacidade' },
        '.',
      ],
    },
  ];
  return renderMail(subject, blocks, footer, { preformatted });
}
