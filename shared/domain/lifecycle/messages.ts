/**
 * The mails of the case lifecycle, text and HTML from the same blocks (replies.ts `renderMail`):
 * every value that came from a merchant or an analyst is escaped in the HTML. Staff mails are in
 * pt-BR; the merchant's follow the case's language (merchant-words.ts, pt-BR by default).
 *
 * To the merchant, always from the ombudsman address (the analyst's address never appears):
 * the analyst's answer, the closing mail with the resolution and the five survey links, the
 * extension notice, the reopening notice. To staff (Reply-To: their per-case address, set by the
 * application): the merchant's new message, the transfer notice, the reminder, the escalation, and the explanation
 * when a staff mail did nothing. Every subject carries the protocol in brackets.
 */
import { caseMerchantBouncing } from '../bounce-policy';
import { encryptedMail, encryptedStaffPt, type MailEncryption } from '../encrypted-mail';
import { countOf } from '../count';
import { humanSize } from '../byte-size';
import { consoleCaseLink, consoleRosterLink } from '../console-link';
import { formatDateTimePtBr } from '../calendar';
import { type CaseMessage, positionsBetween, type TextsShown } from '../case';
import type { AttachmentMeta } from '../submission';
import type { OuvidoriaConfig } from '../config';
import { sanitizeHeaderValue } from '../html';
import {
  caseMailSubject,
  greetingName,
  type MailBlock,
  type MailInline,
  type RenderedMail,
  renderMail,
} from '../replies';
import { cutMarked, normalize, splitQuoted } from '../text';
import { COMMAND_HELP_PT } from './commands';
import { merchantMessageRead } from './inline-answers';
import { calendarDayPtBr, formatDatePtBr, caseOverdue, OVERDUE_MARK_PT, reopenWindowEnd } from './deadlines';
import { kindsText } from '../uploads/plan';
import { fileWhereabouts, UNSCANNED_PT } from './relayed-files';
import { MAX_CONSOLE_TEXT_CHARS } from './machine';
import type { SurveyLink } from './survey';
import type { RatingNews } from './mailed-rating';
import { staffGreeting } from '../staff';
import { releasedFromQuarantinePt } from '../released-words';
import { citedByFactPt } from '../cited-by-words';
import { caseLanguage, merchantWords, reopenUntilText, staffLanguageLine } from './merchant-words';
import {
  CLOSE_CATEGORY_LABELS_PT,
  type CloseCategory,
  type ExtensionNews,
  type HandedOverFiles,
  type LeftOutFile,
  STATUS_LABELS_PT,
  type StaffMember,
  type StaffProblem,
  type WorkCase,
} from './types';

const SUBJECT_MAX = 200;
/** Long texts are cut in staff mails; the case record keeps them whole. */
const MAX_TEXT_CHARS = MAX_CONSOLE_TEXT_CHARS;

function protocolOf(c: Pick<WorkCase, 'protocol' | 'caseId'>): string {
  return c.protocol ?? c.caseId;
}

function subjectFor(c: Pick<WorkCase, 'protocol' | 'caseId'>, title: string): string {
  return sanitizeHeaderValue(`[${protocolOf(c)}] ${title}`, SUBJECT_MAX);
}

/**
 * The subject under which the merchant received the office's words — every mail of her case goes
 * under one (merchantMail): the status page and the console show it beside the relayed answer,
 * the closing, extension and reopening notices (never the staff mail's own subject).
 */
export function merchantMailSubject(
  c: Pick<WorkCase, 'protocol' | 'caseId' | 'channel' | 'subject'> & {
    decision?: Pick<WorkCase['decision'], 'language'>;
  },
): string {
  return caseMailSubject(
    { channel: c.channel, subject: c.subject, protocol: protocolOf(c), language: caseLanguage(c) },
    true,
  );
}

function cap(text: string): string {
  return cutMarked(text, MAX_TEXT_CHARS, 'texto cortado');
}

function greeting(name: string | undefined, hello: string): MailBlock {
  const clean = sanitizeHeaderValue(name ?? '', 80);
  return { p: [clean ? `${hello}, ${clean},` : `${hello},`] };
}

/** The merchant's greeting, in the case's language: her name only when it reads as one (replies.ts greetingName). */
function merchantGreeting(c: WorkCase): MailBlock {
  return greeting(greetingName(c.senderName), merchantWords(c).hello);
}

/**
 * A mail to the case's merchant, in the case's language, under the case's one subject (replies.ts
 * caseMailSubject: the acknowledgement's, so that every mail threads with it and with her mail).
 */
function merchantMail(c: WorkCase, blocks: MailBlock[], footer: MailBlock[]): RenderedMail {
  return renderMail(merchantMailSubject(c), blocks, footer, { lang: caseLanguage(c) });
}

/** Free text as paragraphs (blank lines) of lines: the writer's line breaks are kept. */
function paragraphs(text: string): MailBlock[] {
  return cap(text.replace(/\r\n?/g, '\n').trim())
    .split(/\n[ \t]*\n+/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => ({ lines: p.split('\n') }));
}

function signature(c: WorkCase, config: OuvidoriaConfig): MailBlock {
  return { lines: [merchantWords(c).regards, config.fromName] };
}

/** A due date as the case's merchant reads it. */
function merchantDate(c: WorkCase, instant: string, config: OuvidoriaConfig): string {
  return merchantWords(c).date(formatDatePtBr(instant, config.timeZone));
}

function dueBlock(c: WorkCase, dueAt: string, config: OuvidoriaConfig): MailBlock {
  return { p: [merchantWords(c).dueBy, { strong: merchantDate(c, dueAt, config) }, '.'] };
}

function dueLine(c: WorkCase, config: OuvidoriaConfig): MailBlock[] {
  return c.dueAt ? [dueBlock(c, c.dueAt, config)] : [];
}

function merchantFooter(c: WorkCase, config: OuvidoriaConfig): MailBlock[] {
  const w = merchantWords(c);
  return [{ p: [w.addInfo[0], { strong: protocolOf(c) }, w.addInfo[1]] }, w.privacy(config)];
}

/** What staff can do by answering: the commands, at the foot of every staff mail. */
function staffFooter(config: OuvidoriaConfig): MailBlock[] {
  return [
    {
      p: [
        'Responda a este e-mail para falar com o lojista: o texto novo é enviado a ele pelo endereço da Ouvidoria. ',
        'Comandos, um por linha, no início da resposta:',
      ],
    },
    { ul: COMMAND_HELP_PT.map((c): MailInline[] => [{ strong: c.usage }, ` — ${c.what}`]) },
    personalDataNote(config),
  ];
}

/** The last words of every staff mail: it holds the merchant's personal data. */
function personalDataNote(config: OuvidoriaConfig): MailBlock {
  return {
    p: [
      'Mensagem automática da Ouvidoria. Contém dados pessoais do lojista: trate-os conforme a LGPD e a ',
      { href: config.links.privacyPolicy, label: 'Política de Privacidade' },
      '.',
    ],
  };
}

/** The case's due date has passed while it is open: the date, in staff mails, is followed by OVERDUE_MARK_PT. */
function overdueMark(c: Pick<WorkCase, 'dueAt' | 'status'>, now: Date): MailInline[] {
  return caseOverdue(c, now) ? [OVERDUE_MARK_PT] : [];
}

/**
 * The merchant's address is in the bounce memory (SES feedback, her server's delivery report): the
 * console's case page says so beside her address, and a reminder or an escalation repeats it — the
 * person who acts on a deadline may never open the page before answering by mail.
 */
export const MERCHANT_BOUNCING_PT =
  'As mensagens da Ouvidoria para este endereço voltaram (caixa inexistente ou desativada) ou foram marcadas como spam: respostas por e-mail podem não chegar ao lojista. Confirme outro contato pelo chamado anterior no suporte antes de contar com a resposta.';

/** The warning in a staff mail, where "este endereço" is named. */
function merchantBouncingBlock(c: Pick<WorkCase, 'senderEmail'>): MailBlock {
  return {
    p: [
      { strong: 'Atenção: ' },
      `as mensagens da Ouvidoria para o endereço do lojista (${c.senderEmail}) voltaram (caixa inexistente ou desativada) ou foram marcadas como spam: respostas por e-mail podem não chegar a ele. Confirme outro contato pelo chamado anterior no suporte antes de contar com a resposta.`,
    ],
  };
}

/**
 * The warning when the case itself records that her address bounces (caseMerchantBouncing): for the
 * staff mails built from the case alone — the assignment notice, a transfer, a forward of her
 * message — so the analyst learns it before answering (journey 50).
 */
export function merchantBouncingWarning(
  c: Pick<WorkCase, 'senderEmail' | 'merchantBounceUntil' | 'reply'>,
  now: Date,
  config: OuvidoriaConfig,
): MailBlock[] {
  return caseMerchantBouncing(c, now, config) ? [merchantBouncingBlock(c)] : [];
}

/** The case's facts at the head of every staff mail; `now` marks a due date already past. */
function caseFacts(c: WorkCase, config: OuvidoriaConfig, now: Date): MailBlock {
  const items: MailInline[][] = [
    ['Protocolo: ', { strong: protocolOf(c) }],
    ['Situação: ', STATUS_LABELS_PT[c.status] ?? c.status],
    [
      'Lojista: ',
      c.senderName?.trim() ? `${c.senderName} · ` : '',
      { href: `mailto:${c.senderEmail}`, label: c.senderEmail },
    ],
    ['Assunto: ', c.subject || '(sem assunto)'],
  ];
  // The office writes to this merchant in her language (merchant-words.ts): the answer should be in it too.
  const language = staffLanguageLine(c);
  if (language) items.push(language);
  // A closed case has no deadline left: the staff read when it was closed (her message after it).
  if (c.status === 'CLOSED' && c.closedAt)
    items.push(['Encerrado em: ', { strong: formatDateTimePtBr(c.closedAt, config.timeZone) }]);
  else if (c.dueAt)
    items.push(['Prazo: ', { strong: formatDateTimePtBr(c.dueAt, config.timeZone) }, ...overdueMark(c, now)]);
  // Her answer to our guidance opened the case: what she wrote first is linked from the case page.
  if (c.answersSubmissionId) items.push(['Mensagem anterior do lojista (respondida com orientação): no console']);
  if (c.citedBy?.length) items.push(['Citado por: ', citedByFactPt(c.citedBy.length)]);
  items.push(['No console: ', { href: consoleCaseLink(config, c.caseId), label: 'abrir o caso' }]);
  return { ul: items };
}

/** A greeting that opens a letter ("Olá, Maria", "Bom dia!", "Oi Maria, tudo bem?"), on normalised text. */
const OPENING_GREETING =
  /^(?:ola|oi|bom dia|boa tarde|boa noite|hola|buen[oa]s (?:dias|tardes|noches)|hello|hi)(?![a-z0-9])/;
/**
 * A greeting after the name it calls ("Mariana, bom dia!", "Sr. João, boa tarde", "Pessoal da loja,
 * tudo bem?"), on normalised text: up to four words, a comma, then the greeting — whoever is named,
 * the text opens the letter (a role address such as lojista@ gives the case no name to compare).
 */
const NAME_THEN_GREETING =
  /^[a-z][a-z.'-]*(?: [a-z][a-z.'-]*){0,3}, (?:bom dia|boa tarde|boa noite|tudo bem|tudo bom|como vai|buen[oa]s (?:dias|tardes|noches)|good (?:morning|afternoon|evening))(?![a-z0-9])/;
/**
 * A salutation ("Prezada Sra. Fernanda,", "Caro João:"), on normalised text: a line of its own,
 * ended by a comma or colon ("Caro é o plano…" is no salutation).
 */
const SALUTATION = salutationOf('car[oa]s?');
/**
 * Those the office writes only to a merchant, never to a colleague: "Prezada Sra. Fernanda,",
 * "Prezado cliente,", "Estimada Maria:", "Dear Mr. Smith," ("Cara Carla," may be to a colleague).
 */
const FORMAL_SALUTATION = salutationOf();
function salutationOf(...more: string[]): RegExp {
  const words = ['prezad[oa]s?', 'estimad[oa]s?', 'senhora?', 'sra?', 'dear', ...more].join('|');
  return new RegExp(`^(?:${words})(?![a-z0-9]).*[,:]$`);
}
/**
 * A list marker opening the first line ("1. Olá! Verifiquei…", "1) Bom dia", "- Oi, Maria"), on
 * normalised text: the greeting after it still opens the letter.
 */
const LIST_MARKER = /^(?:\d{1,3}[.)]|[-*])\s*/;
/** Longest first line read as a salutation ("Prezada Sra. Fernanda,"): longer, it is a sentence. */
const SALUTATION_MAX_CHARS = 80;
/** A formula that closes a letter ("Atenciosamente,", "Abraços", "Att."), on normalised text. */
const CLOSING_FORMULA =
  /^(?:atenciosamente|att|atte|at\.? ?te|abracos?|um abraco|abs|cordialmente|saudacoes|respeitosamente|cumprimentos|sds|(?:muito )?obrigad[oa]s?|grat[oa]s?|(?:best |kind )?regards|saludos|un saludo|cordiales saludos)(?![a-z0-9])/;
/**
 * Longest line read as a closing ("Muito obrigada pela paciência, Maria!"): a longer line that
 * opens with a formula is a sentence of the answer ("Obrigada pelo contato. Já acionei a equipe…").
 */
const CLOSING_MAX_WORDS = 8;
function closes(line: string): boolean {
  return CLOSING_FORMULA.test(line) && line.split(' ').length <= CLOSING_MAX_WORDS;
}
/** A short line naming the office at its end: "Ouvidoria", "Equipe da Ouvidoria", "Ana Souza - Ouvidoria". */
function signsAs(line: string, office: string): boolean {
  return (line === office || line.endsWith(` ${office}`)) && line.split(' ').length <= 6;
}

/**
 * Whether a normalised first line opens by calling the merchant by her name ("Mariana, o print
 * chegou sem anexo…", "Mariana Bella: seguem os dados"): a greeting of its own — the office's
 * "Olá, Mariana Bella," above it read as calling her twice. Her first name (as greetingName reads
 * it), or more of her name, then a comma, colon or "!".
 */
function addressesByName(first: string, merchantName: string | undefined): boolean {
  const name = normalize(greetingName(merchantName) ?? '');
  const words = name.split(' ');
  if ((words[0] ?? '').length < 2) return false;
  return words.some((_, i) => {
    const called = words.slice(0, i + 1).join(' ');
    if (first === called) return true;
    const after = first.slice(called.length);
    return first.startsWith(called) && /^[,:!]/.test(after) && !NAMES_SOMEONE_ELSE.test(after);
  });
}

/**
 * After a name and its comma, a role in apposition, closed by its own comma: "Ana, a analista do
 * suporte, confirmou…" is about a namesake (another Ana), not the office calling the merchant Ana
 * Paula ("Ana, a analista do suporte confirmou…" still calls her).
 */
const NAMES_SOMEONE_ELSE =
  /^, (?:a|o|nossa|nosso) (?:analista|atendente|responsavel|gerente|supervisora?|coordenadora?|colega|consultora?|especialista|tecnica|tecnico|agente)(?![a-z0-9])[^,.!?:;]{0,40},/;

/**
 * Whether a text opens by greeting the merchant herself: her first name (as greetingName reads it)
 * after a greeting ("Olá, Maria", "Bom dia Maria!"), her name opening the line ("Maria, o estorno…"),
 * or a formal salutation. Stricter than letterParts' `greets`: "Oi Carla," and "Bom dia, pessoal"
 * greet alike, but may be written to a colleague — the text under a `#nota` is read as her answer
 * only on this (plan.ts), since an internal note relayed to her is the worse mistake.
 */
export function greetsMerchant(body: string, merchantName: string | undefined): boolean {
  const firstLine = body.split(/\r\n?|\n/).find((line) => line.trim() !== '') ?? '';
  const first = normalize(firstLine).replace(LIST_MARKER, '');
  if (first.length <= SALUTATION_MAX_CHARS && FORMAL_SALUTATION.test(first)) return true;
  if (addressesByName(first, merchantName)) return true;
  const greeting = OPENING_GREETING.exec(first);
  const firstName = normalize(greetingName(merchantName) ?? '').split(' ')[0] ?? '';
  if (greeting === null || firstName.length < 2) return false;
  const rest = first.slice(greeting[0].length).replace(/^[\s,!]+/, '');
  return rest.startsWith(firstName) && !/^[a-z0-9]/.test(rest.slice(firstName.length));
}

/** How many of a text's last lines are read for a closing: a formula, a name, a role, a phone. */
const CLOSING_LINES = 4;

/**
 * Whether the analyst's answer greets the merchant itself, and signs off itself (a closing formula,
 * or the office's name on a line of its own): the relayed mail then adds no greeting or signature
 * of its own, so the merchant never reads "Olá," twice or two sign-offs.
 */
export function letterParts(
  body: string,
  config: OuvidoriaConfig,
  merchantName?: string,
): { greets: boolean; signs: boolean; closingOnly: boolean } {
  const lines = body
    .split(/\r\n?|\n/)
    .map((line) => normalize(line))
    .filter((line) => line !== '');
  const first = (lines[0] ?? '').replace(LIST_MARKER, '');
  const office = normalize(config.fromName);
  const last = lines.slice(-CLOSING_LINES);
  return {
    // A greeting word opens the text whatever the line's length (a console textarea keeps the
    // whole answer on one line; a mail client wraps it); a salutation is a short line of its own.
    greets:
      OPENING_GREETING.test(first) ||
      NAME_THEN_GREETING.test(first) ||
      (first.length <= SALUTATION_MAX_CHARS && SALUTATION.test(first)) ||
      addressesByName(first, merchantName),
    signs: last.some((line) => closes(line) || signsAs(line, office)),
    // "Atenciosamente," with no name under it (the analyst's own signature was cut): the office signs.
    closingOnly: CLOSING_FORMULA.test(lines.at(-1) ?? '') && (lines.at(-1) ?? '').split(' ').length <= 3,
  };
}

/**
 * The analyst's answer relayed to the merchant, from the ombudsman address. With the `#prorrogar`
 * of the same mail, the new date and why (the extension notice's words) come first, under the
 * greeting — the news of the mail, never in the footer, which mail clients fold away as a
 * signature after "-- " — and stand for the plain due date: one mail, not two.
 */
export function renderAnswerToMerchant(
  c: WorkCase,
  body: string,
  config: OuvidoriaConfig,
  extension?: ExtensionNews,
): RenderedMail {
  const { greets, signs, closingOnly } = letterParts(body, config, c.senderName);
  const signOff = closingOnly ? [{ lines: [config.fromName] }] : signs ? [] : [signature(c, config)];
  const news = extension ? extensionBlocks(c, extension, config) : [];
  // Her own greeting opens the mail: the news follows her text, before the office signs.
  const blocks = greets
    ? [...paragraphs(body), ...news, ...signOff]
    : [merchantGreeting(c), ...news, ...paragraphs(body), ...signOff];
  // The due date in the footer: after the analyst's own sign-off it would read as a postscript.
  return merchantMail(c, blocks, [...(extension ? [] : dueLine(c, config)), ...merchantFooter(c, config)]);
}

/** The new date and its reason, as the extension notice and an answer sent with `#prorrogar` say them. */
function extensionBlocks(c: WorkCase, extension: ExtensionNews, config: OuvidoriaConfig): MailBlock[] {
  const w = merchantWords(c);
  const [before, after] = w.extended(extension.businessDays);
  return [
    { p: [before, { strong: protocolOf(c) }, after, { strong: merchantDate(c, extension.dueAt, config) }, '.'] },
    { p: [w.reason, extension.reason] },
  ];
}

/**
 * Her rating of a closed case as the analyst's copy says it (RatingNews): its subject and its
 * sentence, together, so the subject never says less than the body (journeys 48).
 */
function ratingWordsPt(news: RatingNews, config: OuvidoriaConfig): { subject: string; said: string } {
  if ('ironic' in news) {
    return {
      subject: 'Caso encerrado: nota irônica do lojista, nenhuma nota registrada',
      said: 'a mensagem dá a nota máxima e a desmente na mesma frase (ironia, como "nota 5… só que não"): nenhuma nota foi registrada na pesquisa de satisfação. Leia-a como uma queixa; uma nova mensagem do lojista com um pedido reabre o caso.',
    };
  }
  const score = `a mensagem dá nota ${news.score} de 5 ao atendimento`;
  const scored = `Caso encerrado: nota ${news.score} de 5`;
  switch (news.survey) {
    case 'counts':
      return {
        subject: `${scored} registrada na pesquisa de satisfação`,
        said: `${score}, registrada como a resposta do lojista à pesquisa de satisfação (a página do caso a mostra).`,
      };
    case 'answered':
      return {
        subject: `${scored} não registrada (a pesquisa já tinha resposta)`,
        said: `${score}; a pesquisa de satisfação já tinha resposta, que continua valendo: esta nota não foi registrada.`,
      };
    case 'closed':
      return {
        subject: `${scored} não registrada (a pesquisa já estava encerrada)`,
        said: `${score}; a pesquisa de satisfação já estava encerrada (${config.lifecycle.surveyLinkDays} dias após o encerramento): esta nota não foi registrada.`,
      };
  }
}

/** The merchant's new message, forwarded to the case's analyst. */
export function renderMerchantMessageToAnalyst(
  c: WorkCase,
  message: CaseMessage,
  analyst: Pick<StaffMember, 'name'>,
  config: OuvidoriaConfig,
  now: Date,
  options: {
    reopened?: boolean;
    /** The files sent with this mail (relayableAttachments); the others are named only. */
    attached?: readonly AttachmentMeta[];
    /**
     * The case's analyst is no longer active: this copy goes to a supervisor (`analyst`), who is
     * asked to move the case; the name is the inactive analyst's.
     */
    inactiveAnalyst?: string;
    /**
     * The case's analyst is on leave until this date (YYYY-MM-DD, inclusive): this copy goes to a
     * supervisor (`analyst`), who may move the case; the analyst gets hers too, for her return.
     */
    analystOnLeave?: { name: string; until: string };
    /** Her reply to the closed case rates the service (mailed-rating.ts ratingNews): said, not guessed. */
    rating?: RatingNews;
    /** The name of the supervisor who released this mail from quarantine (CaseMessage.released). */
    releasedBy?: string;
  } = {},
): RenderedMail {
  const { fresh, quoted, asWritten: inline } = merchantMessageRead(message.text ?? '', message.attachments.length > 0);
  const sealed = encryptedMail(message);
  const inactive = options.inactiveAnalyst ? sanitizeHeaderValue(options.inactiveAnalyst, 80) : '';
  const away = options.analystOnLeave;
  const attached = new Set(options.attached ?? []);
  const rating = c.status === 'CLOSED' && options.rating ? ratingWordsPt(options.rating, config) : undefined;
  const attachments = message.attachments.map((a): MailInline[] => [
    { strong: a.filename?.trim() ? a.filename : '(sem nome)' },
    ` — ${a.contentType}, ${humanSize(a.size)}`,
    ` — ${fileWhereabouts(a, attached, message)}`,
  ]);
  const blocks: MailBlock[] = [
    { p: [staffGreeting(analyst.name)] },
    {
      p: [
        // Her post on the webform joined the case (its ticket): the analyst knows it did not come by mail.
        message.channel === 'webform'
          ? 'O lojista escreveu pelo formulário da Ouvidoria no caso '
          : 'O lojista respondeu no caso ',
        { strong: protocolOf(c) },
        ` em ${formatDateTimePtBr(message.receivedAt, config.timeZone)}.`,
        options.reopened
          ? inactive || away
            ? ' O caso estava encerrado e foi reaberto.'
            : ' O caso estava encerrado e foi reaberto com você.'
          : rating
            ? ` O caso segue encerrado: ${rating.said}`
            : c.status === 'CLOSED'
              ? ` O caso segue encerrado: a mensagem só agradece, confirma ou dá uma nota ao atendimento, ou é a resposta automática de um sistema de atendimento do lojista, e não o reabriu (uma nova mensagem com um pedido o reabre; uma nota conta como resposta à pesquisa de satisfação só enquanto a pesquisa está aberta, ${config.lifecycle.surveyLinkDays} dias após o encerramento, e ainda sem resposta).`
              : c.status === 'WAITING_MERCHANT'
                ? ' O caso segue aguardando o lojista: a mensagem só agradece ou confirma, ou é uma resposta automática, sem o que foi pedido.'
                : '',
      ],
    },
    // Held for failed checks, then vouched for: the analyst reads it knowing both (as a released case's notice).
    ...(message.released
      ? [
          {
            p: [
              'Esta mensagem ficou retida na quarentena. ',
              releasedFromQuarantinePt(options.releasedBy ?? message.released.by, message.released.at, config.timeZone),
            ],
          } as MailBlock,
        ]
      : []),
    ...(inactive
      ? [
          {
            p: [
              `O caso está com ${inactive}, que não está mais ativo(a) na equipe: `,
              { strong: 'transfira-o a outra pessoa' },
              ' (#transferir <identificador> ou no console) para que o lojista seja atendido.',
            ],
          } as MailBlock,
        ]
      : []),
    ...(away
      ? [
          {
            p: [
              `O caso está com ${sanitizeHeaderValue(away.name, 80)}, em afastamento até ${calendarDayPtBr(away.until)}, que também recebe esta mensagem para ler na volta. `,
              'Se o lojista não puder esperar, ',
              { strong: 'transfira o caso a outra pessoa' },
              ' (#transferir <identificador> ou no console).',
            ],
          } as MailBlock,
        ]
      : []),
    ...merchantBouncingWarning(c, now, config),
    caseFacts(c, config, now),
    ...(attachments.length > 0 ? [{ h: 'Anexos' }, { ul: attachments }] : []),
  ];
  return renderMail(
    subjectFor(
      c,
      options.reopened
        ? 'Caso reaberto: nova mensagem do lojista'
        : rating
          ? rating.subject
          : c.status === 'CLOSED'
            ? 'Caso encerrado: mensagem do lojista que não o reabre'
            : 'Nova mensagem do lojista',
    ),
    blocks,
    staffFooter(config),
    {
      preformatted: [
        {
          title: `Mensagem${inline ? AS_WRITTEN_PT : ''} — Assunto: ${sanitizeHeaderValue(message.subject, 200) || '(sem assunto)'}`,
          text: fresh ? cap(fresh) : sealed ? encryptedStaffPt(sealed) : '(mensagem sem texto novo)',
          collapsed: quoted ? { summary: 'Histórico citado', text: cap(quoted) } : undefined,
        },
      ],
    },
  );
}

/**
 * A low survey score (isLowSurveyScore), to the case's analyst — or, when she is no longer on the team
 * (`inactiveAnalyst`: her name), to a supervisor: the score, how and when, and her comment (the page
 * cuts it at MAX_SURVEY_COMMENT_CHARS), so the office learns what went wrong.
 */
export function renderLowSurveyScore(
  c: WorkCase,
  staff: Pick<StaffMember, 'name'>,
  answer: { score: number; comment?: string; answeredAt: string; via?: 'email' },
  config: OuvidoriaConfig,
  now: Date,
  options: { inactiveAnalyst?: string } = {},
): RenderedMail {
  const inactive = options.inactiveAnalyst ? sanitizeHeaderValue(options.inactiveAnalyst, 80) : '';
  const comment = answer.comment?.trim();
  return renderMail(
    subjectFor(c, `Pesquisa de satisfação: nota ${answer.score} de 5`),
    [
      { p: [staffGreeting(staff.name)] },
      {
        p: [
          'O lojista respondeu à pesquisa de satisfação do caso ',
          { strong: protocolOf(c) },
          ` com a nota ${answer.score} de 5, ${answer.via === 'email' ? 'por e-mail' : 'na página da pesquisa'}, em ${formatDateTimePtBr(answer.answeredAt, config.timeZone)}.`,
          comment ? ' O comentário dele segue abaixo.' : ' Ele não deixou comentário.',
          ' Uma nota baixa diz o que o atendimento não resolveu: leia o caso e, se couber, escreva ao lojista.',
        ],
      },
      ...(inactive
        ? [{ p: [`O caso estava com ${inactive}, que não está mais ativo(a) na equipe: esta nota vai à supervisão.`] }]
        : []),
      caseFacts(c, config, now),
    ],
    staffFooter(config),
    comment ? { preformatted: [{ title: 'Comentário do lojista na pesquisa', text: cap(comment) }] } : {},
  );
}

export interface ClosingDetails {
  category: CloseCategory;
  summary: string;
  /** The analyst's text that came with #encerrar. */
  message?: string;
}

/**
 * Resolution and the five survey links (each opens a page with that score chosen; one click
 * confirms). One answer per case: when the survey was already answered (a closing after a
 * reopening), the mail offers no links, which would only lead to "Pesquisa já respondida", and
 * thanks the merchant for the answer given.
 */
export function renderClosingMail(
  c: WorkCase,
  closing: ClosingDetails,
  links: SurveyLink[],
  config: OuvidoriaConfig,
  options: { surveyAnswered?: boolean; closedAt?: string } = {},
): RenderedMail {
  // The analyst's text greets the merchant itself ("Olá, Mariana."): it opens the mail, so the
  // merchant never reads "Olá," twice; otherwise it follows the resolution, as before.
  const message = closing.message ? paragraphs(closing.message) : [];
  const greets = closing.message !== undefined && letterParts(closing.message, config, c.senderName).greets;
  const w = merchantWords(c);
  const blocks: MailBlock[] = [
    ...(greets ? message : [merchantGreeting(c)]),
    { p: [w.closed[0], { strong: protocolOf(c) }, w.closed[1]] },
    { p: [w.result, { strong: w.categories[closing.category] }, '.'] },
  ];
  if (closing.summary) blocks.push({ p: [w.summary, closing.summary] });
  if (!greets) blocks.push(...message);
  if (options.surveyAnswered) {
    blocks.push({ p: [w.surveyAnswered] });
  } else if (links.length > 0) {
    blocks.push(
      { h: w.surveyTitle },
      { p: [w.surveyHow] },
      { ul: links.map((l): MailInline[] => [{ href: l.url, label: w.scores[l.score] ?? String(l.score) }]) },
    );
  }
  const until = reopenWindowEnd(c.closedAt ?? options.closedAt, config);
  blocks.push({ p: [w.reopenWithin(reopenUntilText(until, config.timeZone, caseLanguage(c)))] }, signature(c, config));
  // A closed case takes no more information: answering reopens it, and only until the date above,
  // so the open case's "to add information, just answer" footer would contradict it.
  return merchantMail(c, blocks, [w.privacy(config)]);
}

/**
 * Her later message brought files the office does not take (a HEIC photo, a .zip): which, and how
 * to send them again — in the case's language, as the acknowledgement says it (merchant-words.ts).
 */
export function renderFilesNotTaken(c: WorkCase, names: readonly string[], config: OuvidoriaConfig): RenderedMail {
  const one = names.length === 1;
  const w = merchantWords(c).filesNotTaken;
  const [before, after] = w.received(one);
  return merchantMail(
    c,
    [
      merchantGreeting(c),
      { p: [before, { strong: protocolOf(c) }, after] },
      { ul: names.map((n): MailInline[] => [{ strong: sanitizeHeaderValue(n, 150) }]) },
      { p: [w.resend(kindsText(config.attachments), one)] },
      signature(c, config),
    ],
    merchantFooter(c, config),
  );
}

/**
 * Her later message arrived encrypted (encrypted-mail.ts): nothing of it could be read, so she is
 * asked to send it again unencrypted, in the case's language.
 */
export function renderEncryptedReply(c: WorkCase, kind: MailEncryption, config: OuvidoriaConfig): RenderedMail {
  const [before, after] = merchantWords(c).encryptedReply(kind);
  return merchantMail(
    c,
    [merchantGreeting(c), { p: [before, { strong: protocolOf(c) }, after] }, signature(c, config)],
    merchantFooter(c, config),
  );
}

/** `#prorrogar`: the merchant learns the new date and why. */
export function renderExtensionNotice(c: WorkCase, extension: ExtensionNews, config: OuvidoriaConfig): RenderedMail {
  const w = merchantWords(c);
  return merchantMail(
    c,
    [merchantGreeting(c), ...extensionBlocks(c, extension, config), { p: [w.stillWorking] }, signature(c, config)],
    merchantFooter(c, config),
  );
}

/**
 * The merchant's message reopened the closed case: they learn it is open again and until when they
 * will be answered (SPEC step 9: the merchant knows the due date). The same person is promised only
 * while she can answer (`analystAvailable`: active and not on leave at the reopening); otherwise
 * the supervisors have her message and may move the case, so the mail promises the team.
 */
export function renderReopenNotice(
  c: WorkCase,
  dueAt: string,
  config: OuvidoriaConfig,
  options: { analystAvailable: boolean },
): RenderedMail {
  const { reopened } = merchantWords(c);
  return merchantMail(
    c,
    [
      merchantGreeting(c),
      {
        p: [reopened.before, { strong: protocolOf(c) }, options.analystAvailable ? reopened.samePerson : reopened.team],
      },
      dueBlock(c, dueAt, config),
      signature(c, config),
    ],
    merchantFooter(c, config),
  );
}

/**
 * Reminder to the analyst, `reminderBusinessDays` before the due date. When she cannot act on it
 * (`away`: on leave until a date, or no longer active), a copy goes to each supervisor (`recipient`),
 * who is asked to move the case or extend its deadline before it runs out.
 */
export function renderReminder(
  c: WorkCase,
  recipient: Pick<StaffMember, 'name'>,
  config: OuvidoriaConfig,
  now: Date,
  away?: { name: string; until?: string },
  /** The merchant's address bounces our mail (bounce memory): the warning the case page shows. */
  merchantBouncing = false,
): RenderedMail {
  const due = c.dueAt ? formatDateTimePtBr(c.dueAt, config.timeZone) : '(sem prazo)';
  const who = away ? sanitizeHeaderValue(away.name, 80) : '';
  // Sent late (a retried effect, a sweep), the reminder may come after the date: it says so.
  const late = overdueMark(c, now);
  const ends = late.length > 0 ? ' terminou em ' : ' termina em ';
  return renderMail(
    subjectFor(c, `Lembrete: prazo em ${c.dueAt ? formatDatePtBr(c.dueAt, config.timeZone) : '—'}${late.join('')}`),
    [
      { p: [staffGreeting(recipient.name)] },
      away
        ? {
            p: [
              'O prazo do caso ',
              { strong: protocolOf(c) },
              ends,
              { strong: due },
              ...late,
              away.until
                ? ` e ele está com ${who}, em afastamento até ${calendarDayPtBr(away.until)}. `
                : ` e ele está com ${who}, que não está mais ativo(a) na equipe. `,
              { strong: 'Transfira o caso a outra pessoa' },
              ' (#transferir <identificador> ou no console) ou prorrogue o prazo (',
              { strong: '#prorrogar <dias úteis> <motivo>' },
              '): o lojista será avisado.',
            ],
          }
        : {
            p: [
              'O prazo do caso ',
              { strong: protocolOf(c) },
              ends,
              { strong: due },
              ...late,
              '. Se precisar de mais tempo, responda com ',
              { strong: '#prorrogar <dias úteis> <motivo>' },
              ': o lojista será avisado.',
            ],
          },
      ...(merchantBouncing ? [merchantBouncingBlock(c)] : []),
      caseFacts(c, config, now),
    ],
    staffFooter(config),
  );
}

/** Escalation to a supervisor at the due date. */
export function renderEscalation(
  c: WorkCase,
  supervisor: Pick<StaffMember, 'name'>,
  analyst: Pick<StaffMember, 'id' | 'name'> | undefined,
  config: OuvidoriaConfig,
  now: Date,
  /** The analyst cannot act: on leave until this date (YYYY-MM-DD), or (no date) no longer active. */
  away?: { until?: string },
  /** The merchant's address bounces our mail (bounce memory): the warning the case page shows. */
  merchantBouncing = false,
): RenderedMail {
  const absence = !away
    ? ''
    : away.until
      ? `, em afastamento até ${calendarDayPtBr(away.until)}`
      : ', que não está mais ativo(a) na equipe';
  return renderMail(
    subjectFor(c, 'Caso com prazo vencido'),
    [
      { p: [staffGreeting(supervisor.name)] },
      {
        p: [
          'O prazo do caso ',
          { strong: protocolOf(c) },
          ' venceu',
          analyst ? ` e ele segue com ${sanitizeHeaderValue(analyst.name, 80)} (${analyst.id})${absence}` : '',
          '. Você pode responder a este e-mail com um comando (por exemplo, ',
          { strong: '#transferir <identificador>' },
          ' ou ',
          { strong: '#prorrogar <dias úteis> <motivo>' },
          ').',
        ],
      },
      ...(merchantBouncing ? [merchantBouncingBlock(c)] : []),
      caseFacts(c, config, now),
    ],
    staffFooter(config),
  );
}

/**
 * To each supervisor, once: the assignment notice of a case could not reach its analyst after the
 * sweep's re-queues (an address that bounces, a mailbox gone), and is no longer retried. The case
 * sits with someone who does not know of it until a supervisor moves it.
 */
export function renderUndeliverableNotice(
  c: WorkCase,
  supervisor: Pick<StaffMember, 'name'>,
  analyst: Pick<StaffMember, 'id' | 'name'> | undefined,
  config: OuvidoriaConfig,
  now: Date,
): RenderedMail {
  const who = analyst ? `${sanitizeHeaderValue(analyst.name, 80)} (${analyst.id})` : (c.assignee ?? 'o analista');
  const since = c.assignedAt ? ` desde a atribuição, em ${formatDateTimePtBr(c.assignedAt, config.timeZone)},` : '';
  return renderMail(
    subjectFor(c, 'Aviso de caso não entregue ao analista'),
    [
      { p: [staffGreeting(supervisor.name)] },
      {
        p: [
          'O aviso de atribuição do caso ',
          { strong: protocolOf(c) },
          ` não chega a ${who}${since} apesar de novas tentativas, e não será mais reenviado. `,
          'O caso segue atribuído sem que a pessoa saiba dele: transfira-o respondendo a este e-mail com ',
          { strong: '#transferir <identificador>' },
          ', ou corrija o endereço no cadastro da equipe e transfira o caso de volta.',
        ],
      },
      caseFacts(c, config, now),
    ],
    staffFooter(config),
  );
}

/** The transfer notice shows the case's latest exchanges and notes, at most this many… */
export const TRANSFER_TIMELINE_ENTRIES = 8;
/** …each cut at this size (the console keeps every text whole). */
export const TRANSFER_ENTRY_MAX_CHARS = 5_000;

/**
 * The message texts a case's pending effects send, all their run reads of them: a forwarded
 * message's own, and for a transfer notice the newest TRANSFER_TIMELINE_ENTRIES messages (its
 * timeline's last entries hold at most that many: the messages are in time order). No other mail
 * of the lifecycle quotes a stored message (an answer, a closing text travel in their effects).
 */
export const EFFECT_TEXTS: TextsShown = (c) => {
  const shown = new Set<number>();
  const count = c.messages.length;
  for (const { effect } of Object.values(c.pendingEffects ?? {})) {
    if (effect.kind === 'forward-to-analyst') {
      const i = c.messages.findIndex((m) => m.sourceId === effect.messageSourceId);
      if (i >= 0) shown.add(i);
    } else if (effect.kind === 'notify-transfer') {
      for (const i of positionsBetween(count - TRANSFER_TIMELINE_ENTRIES, count, count)) shown.add(i);
    }
  }
  return shown;
};

interface TimelineEntry {
  at: string;
  title: string;
  text: string;
}

function capEntry(text: string): string {
  return cutMarked(text, TRANSFER_ENTRY_MAX_CHARS, 'texto cortado: a íntegra está no console');
}

/** Beside a merchant's message shown whole, because she answered inside the quoted questions. */
const AS_WRITTEN_PT = ' (respondida dentro do histórico citado: na íntegra)';

/**
 * A merchant's message as the new analyst reads it: her fresh text, or the whole of it when she
 * answered inside the quoted questions (merchantMessageRead), as her analyst's copy shows it.
 */
function merchantEntry(m: WorkCase['messages'][number], when: string): TimelineEntry {
  const { fresh, asWritten } = merchantMessageRead(m.text ?? '', m.attachments.length > 0);
  const files = merchantFilesLine(m.attachments);
  return {
    at: m.receivedAt,
    title: `Mensagem do lojista${asWritten ? AS_WRITTEN_PT : ''} — ${when}`,
    // The files first: a long text is cut at the end, and the new analyst must know what she sent.
    text: `${files ? `${files}\n\n` : ''}${fresh || (encryptedMail(m) ? encryptedStaffPt(encryptedMail(m) as MailEncryption) : '(mensagem sem texto novo)')}`,
  };
}

/** Names listed of one message's files in a transfer; the rest are counted. */
const TRANSFER_FILES_LISTED = 10;

/** Her message's files (not the images of its body: inline), named, for the new analyst. */
function merchantFilesLine(attachments: readonly AttachmentMeta[]): string {
  const names = attachments
    .filter((a) => !a.inline)
    .map((a, i) => sanitizeHeaderValue(a.filename ?? '', 150) || `anexo-${i + 1}`);
  if (names.length === 0) return '';
  const more = names.length - TRANSFER_FILES_LISTED;
  const listed = names.slice(0, TRANSFER_FILES_LISTED).join(', ');
  // Not attached to this notice (the assignment notice carries them): where they are, as it says it.
  return `Arquivos enviados (estão na página do caso no console, em “abrir o caso”): ${listed}${more > 0 ? ` e mais ${countOf(more, 'arquivo', 'arquivos')}` : ''}.`;
}

/**
 * What the new analyst needs to pick the case up, in order: the merchant's messages (fresh text),
 * the office's answers, the extensions she was told of (new date and reason) and the internal
 * notes (labelled as internal: never sent to the merchant).
 * The note sent with this very transfer (`skipNotesOf`: the transfer's source) has its own section.
 */
function transferTimeline(
  c: WorkCase,
  skipNotesOf: string | undefined,
  config: OuvidoriaConfig,
  staffNames: ReadonlyMap<string, string>,
): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const nameOf = (id: string) => sanitizeHeaderValue(staffNames.get(id) ?? '', 80) || id;
  for (const m of c.messages) {
    const when = formatDateTimePtBr(m.receivedAt, config.timeZone);
    entries.push(
      m.direction === 'out'
        ? {
            at: m.receivedAt,
            title: `Resposta da Ouvidoria ao lojista${m.author ? ` (${nameOf(m.author)})` : ''} — ${when}`,
            text: m.text.trim() || '(resposta sem texto: só anexos)',
          }
        : merchantEntry(m, when),
    );
  }
  for (const e of c.history ?? []) {
    const who = e.actor.kind === 'staff' ? ` (${nameOf(e.actor.id)})` : '';
    // An extension was told to the merchant, with its reason: the new analyst must know what she was promised.
    if (e.type === 'extended') {
      entries.push({
        at: e.at,
        title: `Prazo prorrogado — aviso enviado ao lojista${who} — ${formatDateTimePtBr(e.at, config.timeZone)}`,
        text: `${countOf(e.businessDays, 'dia útil', 'dias úteis')}: de ${formatDatePtBr(e.previousDueAt, config.timeZone)} para ${formatDatePtBr(e.dueAt, config.timeZone)}. Motivo: ${e.reason}`,
      });
      continue;
    }
    if (e.type !== 'note' || (skipNotesOf !== undefined && e.sourceId === skipNotesOf)) continue;
    entries.push({
      at: e.at,
      title: `Nota interna — não enviada ao lojista${who} — ${formatDateTimePtBr(e.at, config.timeZone)}`,
      text: e.text,
    });
  }
  // Stable sort: a note and an answer of the same instant keep messages first.
  return entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/**
 * The case was handed to `analyst` from `fromName` (who had it); `note` is the text that came with
 * #transferir. `staffNames` (roster names by id) names who answered and who wrote each note; an id
 * without a name is shown as the id. `byName`: who made the transfer when not `fromName` (a
 * supervisor moving the case of someone on leave).
 */
export function renderTransferNotice(
  c: WorkCase,
  analyst: Pick<StaffMember, 'id' | 'name'>,
  fromName: string,
  note: string | undefined,
  config: OuvidoriaConfig,
  now: Date,
  staffNames: ReadonlyMap<string, string> = new Map(),
  byName?: string,
  files?: Pick<HandedOverFiles, 'parts' | 'leftOut'>,
): RenderedMail {
  const transfer = (c.history ?? []).findLast((e) => e.type === 'transferred' && e.to === analyst.id);
  const previous = sanitizeHeaderValue(fromName, 80) || 'a equipe';
  const by = byName ? sanitizeHeaderValue(byName, 80) : '';
  const timeline = transferTimeline(c, transfer?.sourceId, config, staffNames);
  const shown = timeline.slice(-TRANSFER_TIMELINE_ENTRIES);
  const left = timeline.length - shown.length;
  return renderMail(
    subjectFor(c, 'Caso transferido para você'),
    [
      { p: [staffGreeting(analyst.name)] },
      {
        p: [
          'O caso ',
          { strong: protocolOf(c) },
          by && by !== previous
            ? ` foi transferido para você por ${by}; estava com ${previous}.`
            : ` foi transferido para você por ${previous}.`,
        ],
      },
      ...merchantBouncingWarning(c, now, config),
      caseFacts(c, config, now),
      ...(note ? [{ h: 'Nota de quem transferiu' } as MailBlock, ...paragraphs(note)] : []),
      ...handedOverFiles(files, previous, config),
      ...(shown.length > 0
        ? [
            { h: 'Histórico do caso' } as MailBlock,
            {
              p: [
                'Mensagens do lojista, respostas da Ouvidoria, prorrogações de prazo e notas internas, da mais antiga à mais recente',
                left > 0
                  ? ` (as ${shown.length} mais recentes; mais ${countOf(left, 'registro', 'registros')} no console).`
                  : '.',
                ' As notas internas nunca são enviadas ao lojista.',
              ],
            } as MailBlock,
          ]
        : []),
    ],
    staffFooter(config),
    { preformatted: shown.map((entry) => ({ title: entry.title, text: capEntry(entry.text) })) },
  );
}

/** The files that came with a transfer: attached to the notice, or named with why they are not. */
function handedOverFiles(
  files: Pick<HandedOverFiles, 'parts' | 'leftOut'> | undefined,
  fromName: string,
  config: OuvidoriaConfig,
): MailBlock[] {
  if (!files || (files.parts.length === 0 && files.leftOut.length === 0)) return [];
  const name = (filename: string | undefined) => ({
    strong: filename?.trim() ? sanitizeHeaderValue(filename, 150) : '(sem nome)',
  });
  return [
    { h: 'Arquivos de quem transferiu' },
    {
      p: [
        `Enviados por ${fromName} com a transferência, para uso interno: nada foi enviado ao lojista.`,
        files.parts.length > 0 ? ' Os anexados seguem neste e-mail.' : '',
      ],
    },
    {
      ul: [
        ...files.parts.map((a): MailInline[] => [
          name(a.filename),
          ` — ${a.contentType}, ${humanSize(a.size)} — anexado`,
        ]),
        ...files.leftOut.map((f): MailInline[] => [name(f.filename), ` — não anexado: ${leftOutReasonPt(f, config)}`]),
      ],
    },
  ];
}

/** Why a file of a staff mail did not go to the merchant, in pt-BR. */
export function leftOutReasonPt(file: LeftOutFile, config: OuvidoriaConfig): string {
  if (file.why === 'unscanned') return `${UNSCANNED_PT} do e-mail (envie-o de novo em outra mensagem)`;
  return file.why === 'format'
    ? `formato que a Ouvidoria não envia (aceitos: ${kindsText(config.attachments)})`
    : `acima do limite de ${Math.floor(config.lifecycle.maxRelayAttachmentBytes / (1024 * 1024))} MB por mensagem`;
}

/** To the analyst who had the case, when someone else (a supervisor) moved it: it is no longer hers. */
export function renderTransferredAway(
  c: WorkCase,
  previous: Pick<StaffMember, 'name'>,
  toName: string,
  byName: string,
  config: OuvidoriaConfig,
  now: Date,
): RenderedMail {
  return renderMail(
    subjectFor(c, 'Caso transferido para outra pessoa'),
    [
      { p: [staffGreeting(previous.name)] },
      {
        p: [
          'O caso ',
          { strong: protocolOf(c) },
          ` foi transferido por ${sanitizeHeaderValue(byName, 80)} para ${sanitizeHeaderValue(toName, 80)}. `,
          'Você não precisa mais respondê-lo: as próximas mensagens do lojista vão para quem está com o caso agora.',
        ],
      },
      caseFacts(c, config, now),
    ],
    // Not "answer this mail": the case's address no longer takes hers.
    [personalDataNote(config)],
  );
}

/** To the case's analyst: someone else (a supervisor) closed her case. */
export function renderClosedByOther(
  c: WorkCase,
  analyst: Pick<StaffMember, 'name'>,
  byName: string,
  config: OuvidoriaConfig,
  now: Date,
): RenderedMail {
  const closure = c.closure;
  return renderMail(
    subjectFor(c, 'Caso encerrado por outra pessoa'),
    [
      { p: [staffGreeting(analyst.name)] },
      {
        p: [
          'O caso ',
          { strong: protocolOf(c) },
          ` foi encerrado por ${sanitizeHeaderValue(byName, 80)}`,
          c.closedAt ? ` em ${formatDateTimePtBr(c.closedAt, config.timeZone)}` : '',
          closure
            ? `: ${CLOSE_CATEGORY_LABELS_PT[closure.category]}${closure.summary ? ` — ${closure.summary}` : ''}`
            : '',
          '. O lojista recebeu o encerramento e a pesquisa de satisfação; você não precisa mais respondê-lo. ',
          `Se ele escrever de novo em até ${countOf(config.threading.reopenWindowDays, 'dia', 'dias')}, o caso é reaberto com você.`,
        ],
      },
      caseFacts(c, config, now),
    ],
    // Not "answer this mail": the case is closed.
    [personalDataNote(config)],
  );
}

/** The staff mail went to the merchant without these files: which, and why (a .zip or a photo format the office does not send). */
export function renderFilesLeftOut(
  c: Pick<WorkCase, 'protocol' | 'caseId'>,
  staff: Pick<StaffMember, 'name'>,
  files: readonly LeftOutFile[],
  config: OuvidoriaConfig,
): RenderedMail {
  const protocol = c.protocol ?? c.caseId;
  const why = (f: LeftOutFile) => leftOutReasonPt(f, config);
  return renderMail(
    sanitizeHeaderValue(`[${protocol}] Anexos não enviados ao lojista`, SUBJECT_MAX),
    [
      { p: [staffGreeting(staff.name)] },
      {
        p: [
          'Sua mensagem sobre o caso ',
          { strong: protocol },
          ` foi enviada ao lojista, mas ${files.length === 1 ? 'este arquivo não foi junto' : 'estes arquivos não foram junto'}:`,
        ],
      },
      { ul: files.map((f): MailInline[] => [{ strong: sanitizeHeaderValue(f.filename, 150) }, ` — ${why(f)}`]) },
      {
        p: [
          'Para enviá-los, responda a este e-mail com uma versão aceita (por exemplo, PDF em vez de .zip, JPEG em vez de .heic) ou, se forem grandes, divida em mais de uma mensagem.',
        ],
      },
    ],
    staffFooter(config),
  );
}

/** " também respondeu a ele em <quando>, pouco antes: o lojista recebeu as duas mensagens." — after the colleague's name. */
function alsoAnswered(otherAt: string, config: OuvidoriaConfig): string {
  return ` também respondeu a ele em ${formatDateTimePtBr(otherAt, config.timeZone)}, pouco antes: o lojista recebeu as duas mensagens.`;
}

/**
 * The console's notice after "Enviar resposta" when the answer came minutes after a colleague's
 * (machine.ts overlapOfLatestAnswer): what renderAnswerOverlap's mail tells, on the page she is on.
 */
export function answerOverlapNoticePt(other: string, otherAt: string, config: OuvidoriaConfig): string {
  return `${sanitizeHeaderValue(other, 80)}${alsoAnswered(otherAt, config)} Leia a outra resposta abaixo e combinem quem segue com o lojista.`;
}

/**
 * Her answer went to the merchant minutes after a colleague's (machine.ts ANSWER_OVERLAP_MS): both
 * reached the merchant. She is told who answered and when, and to read it before writing again.
 */
/**
 * Her answer went to a merchant whose address is in the bounce memory: she answered by mail and may
 * never open the case page that warns of it, so she is told as soon as it went (journey 50).
 */
export function renderAnswerToBouncingAddress(
  c: WorkCase,
  staff: Pick<StaffMember, 'name'>,
  config: OuvidoriaConfig,
): RenderedMail {
  const protocol = protocolOf(c);
  return renderMail(
    sanitizeHeaderValue(`[${protocol}] Sua resposta pode não chegar ao lojista`, SUBJECT_MAX),
    [
      { p: [staffGreeting(staff.name)] },
      { p: ['Sua resposta sobre o caso ', { strong: protocol }, ' foi enviada ao lojista.'] },
      merchantBouncingBlock(c),
      { p: ['No console: ', { href: consoleCaseLink(config, c.caseId), label: 'abrir o caso' }, '.'] },
    ],
    staffFooter(config),
  );
}

export function renderAnswerOverlap(
  c: Pick<WorkCase, 'protocol' | 'caseId'>,
  staff: Pick<StaffMember, 'name'>,
  other: string,
  otherAt: string,
  config: OuvidoriaConfig,
): RenderedMail {
  const protocol = c.protocol ?? c.caseId;
  return renderMail(
    sanitizeHeaderValue(`[${protocol}] Outra resposta ao lojista pouco antes da sua`, SUBJECT_MAX),
    [
      { p: [staffGreeting(staff.name)] },
      {
        p: [
          'Sua resposta sobre o caso ',
          { strong: protocol },
          ' foi enviada ao lojista, mas ',
          { strong: sanitizeHeaderValue(other, 80) },
          alsoAnswered(otherAt, config),
        ],
      },
      {
        p: [
          'Leia a outra resposta na página do caso (',
          { href: consoleCaseLink(config, c.caseId), label: 'abrir o caso' },
          ') e combinem quem segue com o lojista. Se as respostas disserem coisas diferentes, envie uma só mensagem que acerte o que vale.',
        ],
      },
    ],
    staffFooter(config),
  );
}

/**
 * Whether the refused sender can act by answering the explanation: not when every problem is that the
 * case is not hers (transferred away, never assigned to her) — her reply would be refused again.
 */
export function staffMayRetry(problems: readonly Pick<StaffProblem, 'code'>[]): boolean {
  return !problems.every((p) => p.code === 'not-allowed');
}

/**
 * A staff mail did nothing: why, and the valid commands (or whom to ask, when the case is not hers).
 * `closedBy`: the name of who closed the case, when it is closed (a refusal on a closed case says
 * who and when, and that only a note still goes: nothing is left to correct).
 */
export function renderStaffExplanation(
  c: Pick<WorkCase, 'protocol' | 'caseId'> & Partial<Pick<WorkCase, 'status' | 'closedAt'>>,
  staff: Pick<StaffMember, 'name'>,
  problems: StaffProblem[],
  config: OuvidoriaConfig,
  closedBy?: string,
): RenderedMail {
  const protocol = c.protocol ?? c.caseId;
  const closedOnly = problems.length > 0 && problems.every((p) => p.code === 'case-closed');
  return renderMail(
    sanitizeHeaderValue(`[${protocol}] Sua mensagem não foi processada`, SUBJECT_MAX),
    [
      { p: [staffGreeting(staff.name)] },
      {
        p: [
          'Sua mensagem sobre o caso ',
          { strong: protocol },
          ' não foi processada: ',
          { strong: 'nada foi enviado ao lojista e o caso não mudou' },
          '.',
        ],
      },
      {
        ul: problems.map((p): MailInline[] =>
          p.line ? [{ strong: sanitizeHeaderValue(p.line, 200) }, ` — ${p.message}`] : [p.message],
        ),
      },
      closedOnly
        ? {
            p: [
              'O caso foi encerrado',
              closedBy ? ` por ${sanitizeHeaderValue(closedBy, 80)}` : '',
              c.closedAt ? ` em ${formatDateTimePtBr(c.closedAt, config.timeZone)}` : '',
              '. Uma nota interna (#nota) ainda pode ser registrada respondendo a este e-mail; uma nova mensagem do lojista reabre o caso.',
            ],
          }
        : staffMayRetry(problems)
          ? { p: ['Corrija e envie de novo, respondendo a este e-mail.'] }
          : {
              p: [
                'Para acrescentar algo ao caso ou ao lojista, fale com o(a) analista responsável ou com a supervisão.',
              ],
            },
    ],
    // On a closed case, no "answer to reach the merchant" with its commands: only a note goes.
    staffMayRetry(problems) && !closedOnly ? staffFooter(config) : [personalDataNote(config)],
  );
}

/** How much of an analyst's out-of-office the supervisors read (its dates and whom to call are at its top). */
const ABSENCE_TEXT_CHARS = 600;

/**
 * To a supervisor: an analyst's own mailbox answered a case mail automatically (an out-of-office), so
 * she may be away without her leave on the roster — new cases would keep going to her, and her
 * merchants would wait. What it said (her words, at most ABSENCE_TEXT_CHARS) and what to do.
 */
export function renderAbsenceNotice(
  away: Pick<StaffMember, 'id' | 'name'>,
  supervisor: Pick<StaffMember, 'name'>,
  mail: { protocol: string; receivedAt: string; text: string },
  config: OuvidoriaConfig,
): RenderedMail {
  const name = sanitizeHeaderValue(away.name, 80);
  const said = splitQuoted(mail.text).fresh.trim();
  return renderMail(
    sanitizeHeaderValue(`Ausência de ${name}: casos podem estar parados`, SUBJECT_MAX),
    [
      { p: [staffGreeting(supervisor.name)] },
      {
        p: [
          'Uma resposta automática de ausência de ',
          { strong: name },
          ` (${away.id}) chegou ao endereço de resposta do caso `,
          { strong: mail.protocol },
          ` em ${formatDateTimePtBr(mail.receivedAt, config.timeZone)}. Nada foi enviado ao lojista.`,
        ],
      },
      {
        p: [
          'Se a pessoa estiver afastada, registre o afastamento na ',
          { href: consoleRosterLink(config), label: 'página da equipe no console' },
          ': novos casos deixam de ir para ela, e as mensagens dos lojistas dos casos dela chegam também à supervisão. Transfira os casos abertos que não podem esperar (#transferir <identificador> ou no console).',
        ],
      },
    ],
    [{ p: ['Mensagem automática da Ouvidoria, enviada uma vez por dia por pessoa da equipe.'] }],
    {
      preformatted: [
        {
          title: 'O que a resposta automática diz',
          text: said === '' ? '(sem texto)' : cutMarked(said, ABSENCE_TEXT_CHARS),
        },
      ],
    },
  );
}

/** Why an analyst's own authenticated mail to a case address was set aside (staff-mail.ts). */
export type SetAsideReason = 'bad-token' | 'not-addressed-to-case' | 'ombudsman-address';

const SET_ASIDE_WHY_PT: Record<SetAsideReason, string> = {
  'bad-token':
    'o endereço para o qual ela foi não é o seu endereço de resposta desse caso. Cada pessoa da equipe tem o seu; o de um(a) colega não vale para você. Para atuar no caso, use o console ou responda a um e-mail que a Ouvidoria enviou a você sobre ele.',
  'not-addressed-to-case':
    'ela chegou ao endereço do caso sem que ele estivesse entre os destinatários (Para ou Cc) que você escreveu: por exemplo, reencaminhada por outra pessoa. Se você quis atuar no caso, escreva de novo para o endereço de resposta do caso.',
  'ombudsman-address':
    'os comandos (#encerrar, #aguardar, #nota, #transferir, #prorrogar) só valem no endereço de resposta de cada caso, que vem no campo “Responder a” dos e-mails que a Ouvidoria envia a você sobre ele. Responda a um desses e-mails com o comando no topo, ou use o console.',
};

/**
 * To the analyst (her roster address) whose own authenticated mail to a case address was set
 * aside: it did nothing. Only what she wrote herself (the protocol of the address she used, her
 * subject); nothing of the case, which may not be hers.
 */
export function renderSetAsideNotice(
  protocol: string | undefined,
  subject: string,
  staff: Pick<StaffMember, 'name'>,
  reason: SetAsideReason,
  config: OuvidoriaConfig,
): RenderedMail {
  const where: MailInline[] =
    reason === 'ombudsman-address'
      ? [', enviada ao endereço da Ouvidoria ', { strong: config.ombudsmanAddresses[0] ?? config.fromAddress }]
      : [', enviada ao endereço do caso ', { strong: protocol ?? '' }];
  return renderMail(
    sanitizeHeaderValue(`${protocol ? `[${protocol}] ` : ''}Sua mensagem não foi processada`, SUBJECT_MAX),
    [
      { p: [staffGreeting(staff.name)] },
      {
        p: [
          'Sua mensagem ',
          { strong: `“${sanitizeHeaderValue(subject, 150)}”` },
          ...where,
          ', não foi processada: ',
          {
            strong:
              reason === 'ombudsman-address'
                ? 'nada foi enviado ao lojista e nenhum caso mudou'
                : 'nada foi enviado ao lojista e o caso não mudou',
          },
          '.',
        ],
      },
      { p: [`Motivo: ${SET_ASIDE_WHY_PT[reason]}`] },
    ],
    staffFooter(config),
  );
}
