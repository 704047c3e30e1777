import * as z from 'zod/mini';
import { IsoInstantSchema } from './instant';
import { MAX_MAILBOX_ADDRESS_CHARS } from './mailbox';
import { FILE_KINDS } from './uploads/file-type';

/**
 * A channel-neutral submission: what a merchant sent, by email or by the webform,
 * with everything the rules, the auto-reply policy and the staff need. No AWS types.
 *
 * Each schema is built in a `@__PURE__` closure: parseEmail and the form build a Submission rather
 * than parse one, so most bundles only need these for their types, and esbuild then leaves the
 * schemas out instead of building them with zod at every cold start (issue 16).
 */

export const ChannelSchema = /* @__PURE__ */ (() => z.enum(['email', 'webform']))();
export type Channel = z.infer<typeof ChannelSchema>;

/** SES receipt verdicts; DISABLED when the check was not run, absent for the webform. */
export const VerdictSchema = /* @__PURE__ */ (() =>
  z.enum(['PASS', 'FAIL', 'GRAY', 'PROCESSING_FAILED', 'DISABLED']))();
export type Verdict = z.infer<typeof VerdictSchema>;

/**
 * The DMARC policy the sender's domain publishes, which SES reports only when DMARC failed. NONE
 * (`p=none`) is monitoring only: the domain's owner asks receivers to take no action on a failure.
 */
export const DmarcPolicySchema = /* @__PURE__ */ (() => z.enum(['NONE', 'QUARANTINE', 'REJECT']))();
export type DmarcPolicy = z.infer<typeof DmarcPolicySchema>;

export const VerdictsSchema = /* @__PURE__ */ (() =>
  z.object({
    spam: VerdictSchema,
    virus: VerdictSchema,
    spf: VerdictSchema,
    dkim: VerdictSchema,
    dmarc: VerdictSchema,
    dmarcPolicy: z.optional(DmarcPolicySchema),
  }))();
export type Verdicts = z.infer<typeof VerdictsSchema>;
/**
 * SES's anti-virus found malware in the mail: it is kept aside, whoever sent it, and none of its
 * files goes anywhere (a merchant's mail is quarantined by the rules, a staff answer is not relayed).
 */
export function virusDetected(verdicts: Verdicts | undefined): boolean {
  return verdicts?.virus === 'FAIL';
}
/** The five checks SES reports a verdict for. */
export type VerdictName = Exclude<keyof Verdicts, 'dmarcPolicy'>;

/** Where the raw bytes of something we received are kept (S3 or its local stand-in). */
export const ObjectLocationSchema = /* @__PURE__ */ (() => z.object({ bucket: z.string(), key: z.string() }))();
export type ObjectLocation = z.infer<typeof ObjectLocationSchema>;

export const AttachmentMetaSchema = /* @__PURE__ */ (() =>
  z.object({
    filename: z.optional(z.string().check(z.maxLength(1000))),
    contentType: z.string().check(z.maxLength(255)),
    size: z.int().check(z.nonnegative()),
    /** MIME part path inside the raw message, e.g. "2" or "1.3"; the bytes stay in the raw mail. */
    partId: z.optional(z.string().check(z.maxLength(100))),
    /** Content-ID of an inline part. */
    contentId: z.optional(z.string().check(z.maxLength(1000))),
    /**
     * An image the mail's HTML body shows by its Content-ID (a signature's logo, a picture pasted in
     * the text): part of the body, never relayed. Any other part is a file she sent, whatever its
     * Content-Disposition says (parse-email.ts).
     */
    inline: z._default(z.boolean(), false),
    /** Webform upload: object key in the uploads bucket (the bytes live there, not in raw mail). */
    key: z.optional(z.string().check(z.maxLength(300))),
    /**
     * Webform upload: malware scan (GuardDuty Malware Protection for S3, or the local stand-in), and
     * REFUSED when the bytes proved another type than the accepted ones. Only NO_THREATS_FOUND files
     * can be read.
     */
    scan: z.optional(
      z.enum(['PENDING', 'NO_THREATS_FOUND', 'THREATS_FOUND', 'UNSUPPORTED', 'ACCESS_DENIED', 'FAILED', 'REFUSED']),
    ),
    /**
     * Mail file: the kind its bytes proved (parse-email.ts, the webform's rule), its name and content
     * type then that kind's; only such files are relayed. A mail file whose bytes are no accepted kind
     * is `scan: REFUSED` instead; one left unchecked (past the parser's budget) has neither.
     */
    kind: z.optional(z.enum(FILE_KINDS)),
  }))();
export type AttachmentMeta = z.infer<typeof AttachmentMetaSchema>;

export const MailboxSchema = /* @__PURE__ */ (() =>
  z.object({
    /** Display name, already decoded (RFC 2047) and stripped of CR/LF. */
    name: z.optional(z.string().check(z.maxLength(500))),
    /** Lower-cased address. */
    address: z.string().check(z.maxLength(MAX_MAILBOX_ADDRESS_CHARS)),
  }))();
export type Mailbox = z.infer<typeof MailboxSchema>;

export const SubmissionSchema = /* @__PURE__ */ (() =>
  z.object({
    channel: ChannelSchema,
    /** Idempotency key: SES message id, or the webform's idempotency key / content hash. */
    sourceId: z.string().check(z.minLength(1), z.maxLength(200)),
    /** ISO 8601 instant we received it. */
    receivedAt: IsoInstantSchema,
    sender: MailboxSchema,
    /**
     * Envelope sender (SMTP MAIL FROM / Return-Path). `''` is the null return path of
     * bounces and auto-replies; undefined when unknown (webform).
     */
    returnPath: z.optional(z.string().check(z.maxLength(MAX_MAILBOX_ADDRESS_CHARS))),
    recipients: z._default(
      z.array(z.string().check(z.maxLength(MAX_MAILBOX_ADDRESS_CHARS))).check(z.maxLength(100)),
      [],
    ),
    subject: z._default(z.string().check(z.maxLength(2000)), ''),
    /** The whole body as plain text (HTML-only mail converted), quoted history included. */
    text: z._default(z.string(), ''),
    /** The HTML body as received; never rendered unescaped. */
    html: z.optional(z.string()),
    /** RFC 5322 Message-ID of the message (email), with angle brackets stripped. */
    messageId: z.optional(z.string().check(z.maxLength(1000))),
    inReplyTo: z.optional(z.string().check(z.maxLength(1000))),
    references: z._default(z.array(z.string().check(z.maxLength(1000))).check(z.maxLength(200)), []),
    /** Auto-reply relevant headers, see AUTO_REPLY_HEADERS (auto-reply-policy.ts). Lower-cased names. */
    headers: z._default(z.record(z.string(), z.string()), {}),
    verdicts: z.optional(VerdictsSchema),
    attachments: z._default(z.array(AttachmentMetaSchema), []),
    raw: z.optional(ObjectLocationSchema),
    /** Webform: the prior ticket number field as typed. */
    formTicket: z.optional(z.string().check(z.maxLength(100))),
    /** Webform: store name or URL. */
    storeName: z.optional(z.string().check(z.maxLength(300))),
    /** Webform: topic picked in the select. */
    formTopic: z.optional(z.string().check(z.maxLength(100))),
    /** Webform "not a client yet" → false; email → undefined (unknown, the rules read the text). */
    isClient: z.optional(z.boolean()),
    /**
     * E-mail whose From names no single author (none, several, a group, or two From fields): its
     * sender is the best guess (the first From, Sender, the return path), good for a reply, never
     * for joining a case as that address (threading, "Trust rules").
     */
    authorUnclear: z.optional(z.boolean()),
    /**
     * Email: a calendar part carries an iTIP METHOD (an invitation, an answer, a cancellation):
     * a calendar's mail, whatever its subject. Read from the part's declared type and its own
     * METHOD line, since the file itself is kept as the text its bytes prove (`.txt`).
     */
    calendarInvite: z.optional(z.literal(true)),
    /**
     * Email: the emoji of a Gmail reaction to one of our mails (parse-email.ts): a click, no words of
     * the sender's — never answered, never joined to a case, never relayed (auto-reply-policy.ts).
     */
    reaction: z.optional(z.string().check(z.maxLength(32))),
    /** Email: a read receipt by its MIME structure (RFC 8098 disposition notification), whatever its subject. */
    readReceipt: z.optional(z.literal(true)),
    /**
     * Email: another mail system's report by its MIME structure (multipart/report: a delivery status
     * that named none of our mail, an abuse feedback report…), its report-type. Never a person's words.
     */
    systemReport: z.optional(z.string().check(z.maxLength(40))),
    /** Set when the mail could not be parsed or was too big: the rules quarantine it with this reason. */
    parseProblem: z.optional(z.string().check(z.maxLength(500))),
    /**
     * E-mail: whether a DKIM signature SES found valid is of the From domain (SES's stored headers
     * say which domains signed; its verdict alone does not). Undefined when unknown.
     */
    dkimAligned: z.optional(z.boolean()),
    /**
     * E-mail: whether the envelope sender's domain (MAIL FROM, which SPF checked) is aligned with the
     * From domain. Undefined when the envelope is unknown.
     */
    spfAligned: z.optional(z.boolean()),
    /**
     * E-mail: the addresses the mail's own To and Cc name, when they are not what `recipients` holds
     * (that is the envelope's, which whoever hands a mail to a server chooses, and no DKIM signature
     * covers). A signed mail re-sent to an address it does not name is someone else's delivery of it.
     */
    addressedTo: z.optional(z.array(z.string().check(z.maxLength(MAX_MAILBOX_ADDRESS_CHARS))).check(z.maxLength(100))),
  }))();

export type Submission = z.infer<typeof SubmissionSchema>;
export type SubmissionInput = z.input<typeof SubmissionSchema>;
