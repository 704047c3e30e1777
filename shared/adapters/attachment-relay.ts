/**
 * Relays the attachments of an analyst's answer (SPEC step 8: "attachments up to a limit"), and a
 * merchant's files to the analyst: the lifecycle names them by MIME part of the raw message (already
 * within `lifecycle.maxRelayAttachmentBytes`, each of a kind its bytes proved: relayed-files.ts);
 * this mailer reads that message, takes those parts and sends them with the name and content type
 * the parser gave them. Without attachments it sends the mail as it is. The parts are read by a
 * function the composition root gives (shared/mail/mail-files.ts), loaded when needed.
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
      // Name and type as the parser checked them (the kind the bytes proved), not as the mail wrote them.
      const wanted = new Map(attachments.parts.filter((p) => p.partId).map((p) => [p.partId, p]));
      const files = mailFiles.flatMap((a, index) => {
        const meta = a.partId ? wanted.get(a.partId) : undefined;
        // The part the parser checked has that size: a reading that split the mail otherwise (another
        // part under this id) sends nothing rather than bytes no check looked at.
        if (!meta || a.content.length !== meta.size) return [];
        return [
          {
            filename: relayFileName(meta.filename ?? a.filename, index),
            contentType: meta.contentType || 'application/octet-stream',
            content: a.content,
          },
        ];
      });
      return mailer.send({ ...plain, files });
    },
  };
}
