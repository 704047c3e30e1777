import type { AttachmentMeta } from '../submission';
import type { LeftOutFile } from './types';

/**
 * The files of a mail that go on with it (an analyst's answer to the merchant, a merchant's reply to
 * the analyst): not inline parts (signature logos), only files whose bytes proved an accepted kind
 * (`kind`, set by the parser with the webform's rule: never a program, a page, a polyglot or a PDF
 * with scripts, sent on from the office's own address), in order, while the total stays within
 * `maxBytes` (`lifecycle.maxRelayAttachmentBytes`); the rest are left out. The bytes stay in the
 * raw mail; the relaying mailer reads them by MIME part.
 */
export function relayableAttachments(attachments: readonly AttachmentMeta[], maxBytes: number): AttachmentMeta[] {
  const kept: AttachmentMeta[] = [];
  let total = 0;
  for (const a of attachments) {
    if (a.inline || a.partId === undefined || a.kind === undefined || a.size > maxBytes - total) continue;
    kept.push(a);
    total += a.size;
  }
  return kept;
}

/** The files (not inline images) a mail goes on without, and why: its sender is told (LeftOutFile). */
export function leftOutFiles(
  attachments: readonly AttachmentMeta[],
  relayed: readonly AttachmentMeta[],
): LeftOutFile[] {
  const kept = new Set(relayed);
  return attachments
    .filter((a) => !a.inline && !kept.has(a))
    .map((a, i) => ({
      filename: a.filename?.trim() || `anexo-${i + 1}`,
      why: a.kind === undefined ? 'format' : 'size',
    }));
}

/** Where the analyst finds a file of a merchant's message, when the mail does not link it itself. */
export function fileWhereabouts(a: AttachmentMeta, attached: ReadonlySet<AttachmentMeta>): string {
  if (attached.has(a)) return 'anexado a este e-mail';
  if (a.scan === 'REFUSED' && !a.key) return 'não anexado (formato não aceito: o arquivo fica só na mensagem original)';
  if (a.key) return 'arquivo do formulário: baixe pelo console';
  if (a.inline) return 'imagem no corpo da mensagem';
  return 'não anexado (acima do limite de envio)';
}
