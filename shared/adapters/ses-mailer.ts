import { type Attachment, type MessageHeader, SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { sanitizeHeaderValue } from '../domain/html';
import { type Mailer, MailRejected, type OutgoingMail, type SentMail } from '../ports';
import { fitReferences, fitText, mailbox, messageIds } from './mail-headers';

/**
 * Mailer on SES v2 with Simple content: SES composes the MIME message (multipart/alternative text
 * + html in UTF-8, the attachments, encoded subject) from the parts we give it, and adds the
 * headers we pass: Auto-Submitted, In-Reply-To, References, X-Loop, X-Auto-Response-Suppress.
 * No MIME library is bundled (nodemailer's composer was 135 KB of every mail-sending Lambda).
 *
 * Message-ID: SES replaces any Message-ID header with its own, `<MessageId>@<region>.amazonses.com`
 * (`@email.amazonses.com` in us-east-1), see docs.aws.amazon.com/ses/latest/dg/header-fields.html,
 * so ours is not sent; it stays in our records, where replies quoting it still thread. Merchant
 * replies quote the SES one: threading records both, our id and every
 * `sesMessageIds(providerMessageId, region)` value, via addMessageIds.
 *
 * The envelope sender (Return-Path) is always SES's bounce address or the custom MAIL FROM
 * domain: SES cannot send with a null return path, so a Return-Path header is not passed on.
 */

/** Headers SES sets from the request or itself; callers cannot override or duplicate them. */
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
/**
 * SES MessageHeader limits: at most 15 headers; a value of printable ASCII of at most 870
 * characters (the API reference's limit, under the SDK's 995 and name + value ≤ 996).
 */
const MAX_HEADERS = 15;
const MAX_VALUE_CHARS = 870;
/** SES Attachment limits: FileName ≤ 255 characters, ContentType ≤ 78. */
const MAX_FILE_NAME_CHARS = 255;
const MIME_TYPE = /^(?=.{3,78}$)[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

/** RFC 5322's line limit: the one header sanitiser (shared/domain/html.ts) with room for long ids. */
const MAX_HEADER_CHARS = 998;
export const headerValue = (value: string): string => sanitizeHeaderValue(value, MAX_HEADER_CHARS);

/** The Message-ID values SES gives a message it sent, for threading. */
export function sesMessageIds(providerMessageId: string, region: string): string[] {
  const id = headerValue(providerMessageId);
  return [...new Set([`${id}@${region}.amazonses.com`, `${id}@email.amazonses.com`])];
}

/** The extra headers of a mail as SES MessageHeaders (see mail-headers.ts for the encoding). */
function messageHeaders(mail: OutgoingMail): MessageHeader[] {
  const headers: MessageHeader[] = [];
  let inReplyTo: string | undefined;
  let references: string | undefined;
  for (const [name, rawValue] of Object.entries(mail.headers)) {
    if (!HEADER_NAME.test(name)) throw new Error(`Invalid header name: ${JSON.stringify(name.slice(0, 80))}`);
    const lower = name.toLowerCase();
    if (RESERVED.has(lower)) continue;
    // A message id that cannot be sent as it is (not ASCII) is dropped, never encoded.
    if (lower === 'in-reply-to') inReplyTo = fitReferences(messageIds(String(rawValue)).slice(0, 1), MAX_VALUE_CHARS);
    else if (lower === 'references') references = fitReferences(messageIds(String(rawValue)), MAX_VALUE_CHARS);
    else if (!headers.some((h) => h.Name?.toLowerCase() === lower)) {
      const value = fitText(String(rawValue), MAX_VALUE_CHARS);
      if (value !== '') headers.push({ Name: name, Value: value });
    }
  }
  if (inReplyTo) headers.push({ Name: 'In-Reply-To', Value: inReplyTo });
  if (references) headers.push({ Name: 'References', Value: references });
  if (headers.length > MAX_HEADERS) throw new Error(`SES takes at most ${MAX_HEADERS} headers, got ${headers.length}`);
  return headers;
}

/** A file name SES can put in Content-Disposition: one line, no path, ≤ 255 characters (extension kept). */
function attachmentFileName(filename: string): string {
  const name = headerValue(filename).replace(/[\\/"]/g, '_');
  const chars = Array.from(name);
  if (chars.length <= MAX_FILE_NAME_CHARS) return name || 'anexo';
  const ext = /\.[A-Za-z0-9]{1,10}$/.exec(name)?.[0] ?? '';
  return `${chars.slice(0, MAX_FILE_NAME_CHARS - ext.length - 1).join('')}…${ext}`;
}

function attachment(file: NonNullable<OutgoingMail['files']>[number]): Attachment {
  const type = headerValue(file.contentType).split(';')[0]?.trim().toLowerCase() ?? '';
  return {
    RawContent: file.content,
    FileName: attachmentFileName(file.filename),
    ContentType: MIME_TYPE.test(type) ? type : 'application/octet-stream',
    ContentDisposition: 'ATTACHMENT',
    ContentTransferEncoding: 'BASE64',
  };
}

/** Every address as one mailbox SES takes; one it would refuse is refused here, for good. */
function mailboxes(values: readonly string[], field: string): string[] {
  return values.map((value) => {
    const formatted = mailbox(value);
    // The address itself is personal data: only the field is named.
    if (!formatted) throw new MailRejected(`OutgoingMail.${field} has an address SES cannot take`);
    return formatted;
  });
}

/** The SES v2 SendEmail input for an OutgoingMail (exported for tests and local tools). */
export function sendEmailInput(mail: OutgoingMail, configurationSetName?: string): SendEmailCommand['input'] {
  if (mail.to.length === 0) throw new Error('OutgoingMail has no recipient');
  // Not sent (SES sets its own), but callers record it: it must be an id@domain.
  if (messageIds(mail.messageId).length !== 1) throw new Error('OutgoingMail.messageId must be one id@domain');
  const headers = messageHeaders(mail);
  const [from] = mailboxes([mail.from], 'from');
  return {
    FromEmailAddress: from,
    Destination: { ToAddresses: mailboxes(mail.to, 'to') },
    ...(mail.replyTo?.length ? { ReplyToAddresses: mailboxes(mail.replyTo, 'replyTo') } : {}),
    Content: {
      Simple: {
        Subject: { Data: headerValue(mail.subject), Charset: 'UTF-8' },
        Body: { Text: { Data: mail.text, Charset: 'UTF-8' }, Html: { Data: mail.html, Charset: 'UTF-8' } },
        ...(headers.length ? { Headers: headers } : {}),
        ...(mail.files?.length ? { Attachments: mail.files.map(attachment) } : {}),
      },
    },
    ...(configurationSetName ? { ConfigurationSetName: configurationSetName } : {}),
  };
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

  async send(mail: OutgoingMail, options?: { signal?: AbortSignal }): Promise<SentMail> {
    const input = sendEmailInput(mail, this.options.configurationSetName);
    let out: { MessageId?: string | undefined };
    try {
      const signal = options?.signal;
      out = await this.options.client.send(new SendEmailCommand(input), signal ? { abortSignal: signal } : {});
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
