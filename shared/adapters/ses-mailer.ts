import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import MailComposer from 'nodemailer/lib/mail-composer';
import { sanitizeHeaderValue } from '../domain/html';
import { type Mailer, MailRejected, type OutgoingMail, type SentMail } from '../ports';

/**
 * Mailer on SES v2 with a raw MIME message (built by nodemailer's MailComposer: multipart/
 * alternative text + html, UTF-8, RFC 2047 encoded subject and display names, quoted-printable
 * bodies, CRLF). Raw content is what lets us set Auto-Submitted, In-Reply-To, References, X-Loop
 * and X-Auto-Response-Suppress.
 *
 * Message-ID: SES replaces any Message-ID header with its own, `<MessageId>@<region>.amazonses.com`
 * (`@email.amazonses.com` in us-east-1), see docs.aws.amazon.com/ses/latest/dg/header-fields.html.
 * Our own id stays in the raw message we built (and in our records), and some relays keep it in
 * In-Reply-To/References; merchant replies usually quote the SES one. So threading must record
 * both: our id and every `sesMessageIds(providerMessageId, region)` value, via addMessageIds.
 *
 * The envelope sender (Return-Path) is always SES's bounce address or the custom MAIL FROM
 * domain: SES cannot send with a null return path, so a Return-Path header is not passed on.
 */

/** Headers the builder sets itself; callers cannot override or duplicate them. */
const RESERVED = new Set([
  'from',
  'to',
  'cc',
  'bcc',
  'reply-to',
  'subject',
  'message-id',
  'date',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
  'return-path',
  'sender',
]);
const HEADER_NAME = /^[A-Za-z0-9][A-Za-z0-9-]{0,75}$/;

/** RFC 5322's line limit: the one header sanitiser (shared/domain/html.ts) with room for long ids. */
const MAX_HEADER_CHARS = 998;
export const headerValue = (value: string): string => sanitizeHeaderValue(value, MAX_HEADER_CHARS);

const idList = (value: string) =>
  headerValue(value)
    .split(/[\s,]+/)
    .map((id) => id.replace(/^<+|>+$/g, ''))
    .filter((id) => id.length > 0);

/** The Message-ID values SES gives a message it sent, for threading. */
export function sesMessageIds(providerMessageId: string, region: string): string[] {
  const id = headerValue(providerMessageId);
  return [...new Set([`${id}@${region}.amazonses.com`, `${id}@email.amazonses.com`])];
}

/** The raw RFC 5322 message for an OutgoingMail (exported for tests and the local outbox). */
export async function composeRawMessage(mail: OutgoingMail, date?: Date): Promise<Buffer> {
  const headers: { key: string; value: string }[] = [];
  let inReplyTo: string | undefined;
  let references: string[] | undefined;
  for (const [name, rawValue] of Object.entries(mail.headers)) {
    if (!HEADER_NAME.test(name)) throw new Error(`Invalid header name: ${JSON.stringify(name.slice(0, 80))}`);
    const lower = name.toLowerCase();
    if (RESERVED.has(lower)) continue;
    const value = headerValue(String(rawValue));
    if (value === '') continue;
    if (lower === 'in-reply-to') inReplyTo = idList(value)[0];
    else if (lower === 'references') references = idList(value);
    else if (!headers.some((h) => h.key.toLowerCase() === lower)) headers.push({ key: name, value });
  }
  const messageId = idList(mail.messageId)[0];
  if (!messageId?.includes('@')) throw new Error('OutgoingMail.messageId must be an id@domain');
  const composer = new MailComposer({
    from: headerValue(mail.from),
    to: mail.to.map(headerValue),
    ...(mail.replyTo?.length ? { replyTo: mail.replyTo.map(headerValue) } : {}),
    subject: headerValue(mail.subject),
    messageId: `<${messageId}>`,
    ...(inReplyTo ? { inReplyTo: `<${inReplyTo}>` } : {}),
    ...(references?.length ? { references: references.map((id) => `<${id}>`) } : {}),
    ...(date ? { date } : {}),
    text: mail.text,
    html: mail.html,
    headers,
    ...(mail.files?.length
      ? {
          attachments: mail.files.map((f) => ({
            filename: headerValue(f.filename),
            contentType: headerValue(f.contentType),
            content: f.content,
            contentDisposition: 'attachment' as const,
          })),
        }
      : {}),
    newline: 'win',
    // Content is always given inline: never let a value be read as a path or URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return composer.compile().build();
}

/**
 * SES errors that refuse this message for good (a retry fails the same way): an unverified
 * recipient in the sandbox, a rejected or suppressed address, a bad request. Throttling, sending
 * pauses and 5xx are transient and thrown as they are, for the caller to retry.
 */
const PERMANENT_SES_ERRORS = new Set([
  'MessageRejected',
  'BadRequestException',
  'MailFromDomainNotVerifiedException',
  'NotFoundException',
]);

export interface SesMailerOptions {
  client: SESv2Client;
  configurationSetName?: string;
}

export class SesMailer implements Mailer {
  constructor(private readonly options: SesMailerOptions) {}

  async send(mail: OutgoingMail): Promise<SentMail> {
    if (mail.to.length === 0) throw new Error('OutgoingMail has no recipient');
    const raw = await composeRawMessage(mail);
    let out: { MessageId?: string | undefined };
    try {
      out = await this.options.client.send(
        new SendEmailCommand({
          Destination: { ToAddresses: mail.to.map(headerValue) },
          Content: { Raw: { Data: raw } },
          ...(this.options.configurationSetName ? { ConfigurationSetName: this.options.configurationSetName } : {}),
        }),
      );
    } catch (error) {
      const name = (error as { name?: unknown })?.name;
      if (typeof name === 'string' && PERMANENT_SES_ERRORS.has(name)) {
        throw new MailRejected(`SES refused the message: ${name}`, { cause: error });
      }
      throw error;
    }
    if (!out.MessageId) throw new Error('SES accepted the message without a MessageId');
    const region = await this.options.client.config.region();
    return { providerMessageId: out.MessageId, messageIds: [mail.messageId, ...sesMessageIds(out.MessageId, region)] };
  }
}
