import type { AttachmentMeta, Verdict } from '../submission';
import type { LeftOutFile } from './types';

/** A mail, for what of it may be relayed: its files and SES's anti-virus verdict on it. */
export interface RelaySource {
  attachments: readonly AttachmentMeta[];
  /** SES's anti-virus verdict on the mail; undefined when unknown (stored before it was kept). */
  virus?: Verdict | undefined;
}

/**
 * A mail's files travel (to the merchant, to an analyst) only when SES's anti-virus scanned them
 * and found nothing: PASS. A mail it could not scan (PROCESSING_FAILED), was unsure of (GRAY), did
 * not scan (DISABLED) or whose verdict is unknown goes on with its text alone; its files are named
 * as left out, "não verificado pelo antivírus". (FAIL never gets this far: it is quarantined.)
 */
export function filesScanned(virus: Verdict | undefined): boolean {
  return virus === 'PASS';
}

/**
 * The files of a mail that go on with it (an analyst's answer to the merchant, a merchant's reply to
 * the analyst): not inline parts (signature logos), only files whose bytes proved an accepted kind
 * (`kind`, set by the parser with the webform's rule: never a program, a page, a polyglot or a PDF
 * with scripts, sent on from the office's own address), in order, while the total stays within
 * `maxBytes` (`lifecycle.maxRelayAttachmentBytes`); the rest are left out. The bytes stay in the
 * raw mail; the relaying mailer reads them by MIME part.
 */
export function relayableAttachments(mail: RelaySource, maxBytes: number): AttachmentMeta[] {
  const kept: AttachmentMeta[] = [];
  if (!filesScanned(mail.virus)) return kept;
  let total = 0;
  for (const a of mail.attachments) {
    if (a.inline || a.partId === undefined || a.kind === undefined || a.size > maxBytes - total) continue;
    kept.push(a);
    total += a.size;
  }
  return kept;
}

/** The files (not inline images) a mail goes on without, and why: its sender is told (LeftOutFile). */
export function leftOutFiles(mail: RelaySource, relayed: readonly AttachmentMeta[]): LeftOutFile[] {
  const kept = new Set(relayed);
  const scanned = filesScanned(mail.virus);
  return mail.attachments
    .filter((a) => !a.inline && !kept.has(a))
    .map((a, i) => ({
      filename: a.filename?.trim() || `anexo-${i + 1}`,
      why: !scanned ? 'unscanned' : a.kind === undefined ? 'format' : 'size',
    }));
}

/** Where the analyst finds a file of a merchant's message, when the mail does not link it itself. */
export function fileWhereabouts(
  a: AttachmentMeta,
  attached: ReadonlySet<AttachmentMeta>,
  mail: Pick<RelaySource, 'virus'>,
): string {
  if (attached.has(a)) return 'anexado a este e-mail';
  if (!a.key && !a.inline && !filesScanned(mail.virus))
    return `não anexado (${UNSCANNED_PT}: o arquivo fica só na mensagem original)`;
  if (a.scan === 'REFUSED' && !a.key) return 'não anexado (formato não aceito: o arquivo fica só na mensagem original)';
  // A webform file has no MIME part; a mail's file with a key is its copy in the uploads bucket.
  if (a.key) return a.partId === undefined ? 'arquivo do formulário: baixe pelo console' : MAIL_COPY_PT;
  if (a.inline) return 'imagem no corpo da mensagem';
  return 'não anexado (acima do limite de envio)';
}

/** Where a mail's file that did not travel is (its copy for the console: mail-file-copies.ts), pt-BR. */
export const MAIL_COPY_PT = 'não anexado: baixe pelo console, após a verificação antivírus';

/** Why a mail's file did not travel when SES's anti-virus did not pass the mail (pt-BR, read by the recipient). */
export const UNSCANNED_PT = 'não verificado pelo antivírus';
