/**
 * The files of a stored mail, by MIME part: what the attachment relay sends on (SPEC step 8).
 * Its own module so that a function reading mail only to relay files (the assignment) can load
 * mailparser on the first mail that has some, and a cold start without files never pays for it.
 */
import { type ParsedMail, simpleParser } from 'mailparser';

/** A file of a stored mail, by its MIME part id. */
export interface MailFile {
  partId: string | undefined;
  filename: string | undefined;
  contentType: string;
  content: Buffer;
}

/** Reads the files of a raw mail; throws on a mail it cannot read (the send is retried). */
export type ReadMailFiles = (raw: Buffer) => Promise<readonly MailFile[]>;

/**
 * Every simpleParser call of the product: no `textAsHtml` (nothing reads it), so no links made in it
 * either — the Lambda bundles replace the linkify-it mailparser would make them with
 * (infra/bundle-stubs/linkify-it.ts).
 */
export const WITHOUT_TEXT_AS_HTML = { skipTextToHtml: true, skipTextLinks: true } as const;

export async function readMailFiles(raw: Buffer): Promise<MailFile[]> {
  // Only the parts are wanted: no HTML-to-text conversion of the body.
  return filesOf(await simpleParser(raw, { ...WITHOUT_TEXT_AS_HTML, skipHtmlToText: true }));
}

/** The files of a parsed mail, by MIME part (parse-email.ts hands them on from its own parse). */
export function filesOf(parsed: Pick<ParsedMail, 'attachments'>): MailFile[] {
  return (parsed.attachments ?? []).map((a) => ({
    partId: a.partId || undefined,
    filename: a.filename,
    contentType: a.contentType,
    content: a.content,
  }));
}
