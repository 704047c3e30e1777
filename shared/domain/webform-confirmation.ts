/**
 * The webform's confirmation link (trust hole F1): a post that cites a support ticket is decided
 * in the name of whoever owns the typed address, so nothing is decided until that mailbox opens
 * the link mailed to it. The link is `<webformOrigin>/confirmar?t=<id>.<expiry>.<sig>`, where
 * `sig` is the office's link signer (survey.ts signToken, purpose `confirm`) over the pending
 * submission's id, the address it was typed with and the expiry — so a token names one pending
 * submission of one address until one instant, and changing any of them breaks it.
 *
 * What the signature does not do, and who does it: a GET records nothing (mail scanners open
 * links: the page only offers a button, whose POST confirms); one case per pending submission
 * (the case id derives from the pending id, and the intake's writes are idempotent on it).
 */
import type { OuvidoriaConfig } from './config';
import { sanitizeHeaderValue } from './html';
import { LINK_ERROR_MESSAGES_PT, signToken, verifyToken } from './lifecycle/survey';
import type { ReplySecret } from './lifecycle/reply-address';
import { type RenderedMail, renderMail } from './replies';
import { filesCountPt } from './uploads/plan';

export const CONFIRM_PATH = '/confirmar';

/** A pending submission's id: its submission key (webform/submit.ts submissionKeys). */
export const PENDING_SUBMISSION_ID = /^(?:form|key)-[0-9a-f]{64}$/;

const EPOCH_SECONDS = /^\d{9,11}$/;
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;

export type ConfirmLinkError = 'malformed' | 'unknown' | 'bad-signature' | 'expired';

/**
 * What a link that does not confirm is answered as. A forged or altered link of a post that exists
 * and a link of no post answer alike ('unknown'): told apart (400 against 410), they let anyone who
 * could guess a post's text learn whether it was sent (red-team round 5, C5). The log keeps the error.
 */
export type ConfirmLinkAnswer = Exclude<ConfirmLinkError, 'bad-signature'>;

export function confirmLinkAnswer(error: ConfirmLinkError): ConfirmLinkAnswer {
  return error === 'bad-signature' ? 'unknown' : error;
}

/** The instant a link made `now` stops confirming (`limits.webformConfirmLinkHours`). */
export function confirmLinkExpiry(now: Date, config: Pick<OuvidoriaConfig, 'limits'>): Date {
  const seconds = Math.floor(now.getTime() / 1000) + config.limits.webformConfirmLinkHours * 3600;
  return new Date(seconds * 1000);
}

function signedFields(id: string, email: string, expiresAt: Date): string[] {
  return [id, email.trim().toLowerCase(), String(Math.floor(expiresAt.getTime() / 1000))];
}

/** The token of a pending submission: `<id>.<expiry seconds>.<signature>`. */
export function confirmToken(id: string, email: string, expiresAt: Date, secret: ReplySecret): string {
  if (!PENDING_SUBMISSION_ID.test(id)) throw new RangeError('Not a pending submission id');
  const fields = signedFields(id, email, expiresAt);
  return `${id}.${fields[2]}.${signToken('confirm', fields, secret)}`;
}

export function confirmUrl(token: string, config: Pick<OuvidoriaConfig, 'webformOrigin'>): string {
  return `${config.webformOrigin.replace(/\/+$/, '')}${CONFIRM_PATH}?${new URLSearchParams({ t: token }).toString()}`;
}

export interface ReadConfirmToken {
  id: string;
  expiresAt: Date;
  signature: string;
}

/** The token's parts when it has the shape of one (nothing verified yet). */
export function readConfirmToken(token: string | null | undefined): ReadConfirmToken | null {
  const parts = (token ?? '').trim().split('.');
  if (parts.length !== 3) return null;
  const [id = '', x = '', signature = ''] = parts;
  if (!PENDING_SUBMISSION_ID.test(id) || !EPOCH_SECONDS.test(x) || !SIGNATURE.test(signature)) return null;
  return { id, expiresAt: new Date(Number(x) * 1000), signature };
}

/**
 * The token against the address its pending submission was typed with: signature (constant-time),
 * then expiry. Call it once the pending submission is read (its address is a signed field).
 */
export function verifyConfirmToken(
  token: ReadConfirmToken,
  email: string,
  now: Date,
  secret: ReplySecret,
): { ok: true } | { ok: false; error: 'bad-signature' | 'expired' } {
  if (!verifyToken('confirm', signedFields(token.id, email, token.expiresAt), token.signature, secret)) {
    return { ok: false, error: 'bad-signature' };
  }
  if (now.getTime() >= token.expiresAt.getTime()) return { ok: false, error: 'expired' };
  return { ok: true };
}

/** Every word the confirmation step shows or mails (pt-BR), in one place. */
export const CONFIRM_WORDS = {
  sentTitle: 'Confirme o seu pedido pelo e-mail',
  /** The one answer to every post that waits for confirmation (no oracle: same words whatever was typed). */
  sent: (hours: number) =>
    `Enviamos um link para o e-mail informado; abra-o em até ${hours} horas para confirmar e registrar o pedido. Se não receber, confira o endereço e o spam.`,
  /** Under the files a post waiting for confirmation brought (their list is the accepted page's). */
  // Not "registered with it": the same form posted again after its confirmation keeps its first
  // files only (the confirmation's page names the others, filesNotAdded).
  sentFiles:
    'Eles ficam guardados com o pedido até você confirmá-lo; a página que se abre ao confirmar mostra os que foram registrados.',
  pageTitle: 'Confirmar pedido',
  pageIntro: 'Para registrar o seu pedido na Ouvidoria, confirme que foi você quem o enviou.',
  pagePost: 'O pedido enviado com o seu e-mail',
  pageName: 'Nome',
  pageStore: 'Loja',
  button: 'Confirmar pedido',
  notYou:
    'Se você não enviou este pedido, ou se o texto acima não é seu, não confirme: basta fechar esta página e nada será registrado.',
  /** The link opened again once she confirmed: registered already, nothing to confirm (the POST shows it again). */
  confirmedTitle: 'Pedido já confirmado',
  confirmedIntro: (protocol: string | undefined) =>
    protocol
      ? `Este pedido já foi confirmado e registrado na Ouvidoria com o protocolo ${protocol}. Não é preciso confirmar de novo.`
      : 'Este pedido já foi confirmado e registrado na Ouvidoria. Não é preciso confirmar de novo.',
  confirmedButton: 'Ver o protocolo e o prazo',
  mailSubject: 'Confirme o seu pedido à Ouvidoria',
  mailHello: 'Olá,',
  mailAsked: 'Recebemos pelo formulário da Ouvidoria um pedido com este endereço de e-mail:',
  mailTopic: 'Assunto',
  mailTicket: 'Chamado informado',
  /**
   * The files the post brought, by count only: the mail carries no text the poster chose (a stranger
   * could use a file name to mail her words of his own); the link's page names them, each with its
   * scan state as it is when she opens it (the mail would say a state the scan has moved on from).
   */
  mailFiles: (count: number) =>
    `Arquivos enviados com o pedido: ${filesCountPt(count)}. O nome e a verificação antivírus de cada um aparecem na página do link.`,
  mailConfirm: 'Para registrar o pedido, abra o link abaixo e clique em “Confirmar pedido”:',
  mailLink: 'Confirmar o pedido',
  mailValidity: (hours: number) =>
    `O link vale por ${hours} horas. Se você não fez este pedido, ignore esta mensagem: nada será registrado sem a sua confirmação.`,
  regards: 'Atenciosamente,',
  problemTitles: {
    malformed: 'Link inválido',
    unknown: 'Link inválido ou expirado',
    expired: 'Link expirado',
  } satisfies Record<ConfirmLinkAnswer, string>,
  problems: {
    // One text for every link of ours cut short in her mail client (survey.ts).
    malformed: LINK_ERROR_MESSAGES_PT.malformed,
    unknown:
      'Este link não é válido ou expirou. Use o link do e-mail que você recebeu, inteiro e sem alterações. Se você já confirmou o pedido, o protocolo está no e-mail de confirmação que enviamos; se não, envie o formulário de novo: um novo link chegará ao seu e-mail.',
    expired:
      'Este link expirou sem que o pedido fosse confirmado, e ele não foi registrado. Envie o formulário de novo: um novo link chegará ao seu e-mail.',
  } satisfies Record<ConfirmLinkAnswer, string>,
  /** A confirmation our dependency failed: the same link, clicked again, registers it once. */
  unavailable:
    'Não foi possível confirmar o seu pedido agora, por uma falha temporária do nosso lado. Volte ao link do e-mail e confirme de novo em alguns instantes: o pedido será registrado uma única vez.',
} as const;

/** HTTP status of a link that does not confirm: gone when it expired or names no post (forged ones too), 400 when cut short. */
export function confirmLinkStatus(answer: ConfirmLinkAnswer): 400 | 410 {
  return answer === 'malformed' ? 400 : 410;
}

/**
 * The confirmation mail. It carries no text the poster chose beyond the topic (one of ours) and the
 * ticket number (digits): a stranger cannot use it to mail a third party words of their own.
 */
export function renderConfirmationMail(
  input: { topicLabel: string; ticket?: string | undefined; url: string; fileCount?: number },
  config: OuvidoriaConfig,
): RenderedMail {
  const w = CONFIRM_WORDS;
  const ticket = (input.ticket ?? '').replace(/\D/g, '').slice(0, 20);
  return renderMail(
    w.mailSubject,
    [
      { p: [w.mailHello] },
      { p: [w.mailAsked] },
      {
        lines: [
          `${w.mailTopic}: ${sanitizeHeaderValue(input.topicLabel, 100)}`,
          ...(ticket ? [`${w.mailTicket}: ${ticket}`] : []),
        ],
      },
      ...(input.fileCount ? [{ p: [w.mailFiles(input.fileCount)] }] : []),
      { p: [w.mailConfirm] },
      { p: [{ href: input.url, label: w.mailLink }] },
      { p: [w.mailValidity(config.limits.webformConfirmLinkHours)] },
      { lines: [w.regards, config.fromName] },
    ],
    [],
    { lang: 'pt-BR' },
  );
}
