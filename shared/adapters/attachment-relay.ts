/**
 * Relays the attachments of an analyst's answer (SPEC step 8: "attachments up to a limit"): the
 * lifecycle names them by MIME part of the staff mail's raw message (already within
 * `lifecycle.maxRelayAttachmentBytes`); this mailer reads that message, takes those parts and
 * sends them with the answer. Without attachments it sends the mail as it is. The parts are read
 * by a function the composition root gives (shared/mail/mail-files.ts), loaded when needed.
 */
import type { LifecycleMailer, LifecycleOutgoingMail } from '../app/lifecycle/ports';
import type { ReadMailFiles } from '../mail/mail-files';
import type { Mailer, RawMailStore, SentMail } from '../ports';

/** A file name that cannot break a header or a path: one line, no separators, bounded. */
export function relayFileName(name: string | undefined, index: number): string {
  const clean = (name ?? '')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    .replace(/[\u0000-\u001f\u007f"\\/:*?<>|]+/g, '_')
    .trim()
    .slice(0, 150);
  // Nothing but separators left: not a name.
  return /[^_.\s]/.test(clean) ? clean : `anexo-${index + 1}`;
}

export function withRelayedAttachments(
  mailer: Mailer,
  rawMail: RawMailStore,
  readMailFiles: ReadMailFiles,
): LifecycleMailer {
  return {
    async send(mail: LifecycleOutgoingMail): Promise<SentMail> {
      const { attachments, ...plain } = mail;
      if (!attachments || attachments.parts.length === 0) return mailer.send(plain);
      const mailFiles = await readMailFiles(await rawMail.read(attachments.raw));
      const wanted = new Set(attachments.parts.map((p) => p.partId).filter(Boolean));
      const files = mailFiles
        .filter((a) => a.partId && wanted.has(a.partId))
        .map((a, index) => ({
          filename: relayFileName(a.filename, index),
          contentType: a.contentType || 'application/octet-stream',
          content: a.content,
        }));
      return mailer.send({ ...plain, files });
    },
  };
}
