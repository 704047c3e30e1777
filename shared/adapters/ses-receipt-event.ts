import * as z from 'zod/mini';
import type { ReceivedEmail } from '../domain/received-mail';
import type { DmarcPolicy, Verdict, Verdicts } from '../domain/submission';

/**
 * The SES receipt event as SES really sends it to a Lambda action. Powertools' SesSchema is
 * stricter than reality (it rejects a missing dmarcPolicy or subject and the DISABLED verdict
 * that SES reports when scanning is off), so this schema is lenient where SES varies and strict
 * only on what we use: the message id (the S3 key) and the verdicts. What we do not read is not
 * validated either (zod drops it): every header field of the mail (dozens, each an object to check
 * on every invocation), the action; the raw mail in S3 is what we parse. The DMARC policy is read
 * leniently (dmarcPolicyOf): a value we do not know is no policy, never a rejected event.
 */
const VerdictSchema = z.pipe(
  z.object({ status: z.string() }),
  z.transform((v: { status: string }): Verdict => {
    const status = v.status.toUpperCase();
    return status === 'PASS' || status === 'FAIL' || status === 'GRAY' || status === 'PROCESSING_FAILED'
      ? status
      : 'DISABLED';
  }),
);

/** A verdict SES left out is a check that was not run. */
const disabled: Verdict = 'DISABLED';

export const SesReceiptRecordSchema = z.object({
  eventSource: z.literal('aws:ses'),
  ses: z.object({
    mail: z.object({
      timestamp: z.string(),
      source: z._default(z.string(), ''),
      messageId: z.string().check(z.regex(/^[A-Za-z0-9._-]{1,200}$/, 'unexpected SES message id')),
      commonHeaders: z._default(
        z.object({
          from: z.optional(z.array(z.string())),
          to: z.optional(z.array(z.string())),
          returnPath: z.optional(z.string()),
          messageId: z.optional(z.string()),
          date: z.optional(z.string()),
          subject: z.optional(z.string()),
        }),
        {},
      ),
    }),
    receipt: z.object({
      timestamp: z.string(),
      recipients: z._default(z.array(z.string()), []),
      spamVerdict: z._default(VerdictSchema, disabled),
      virusVerdict: z._default(VerdictSchema, disabled),
      spfVerdict: z._default(VerdictSchema, disabled),
      dkimVerdict: z._default(VerdictSchema, disabled),
      dmarcVerdict: z._default(VerdictSchema, disabled),
      /** Sent only when DMARC failed: "none", "quarantine" or "reject" (the sender domain's `p=`). */
      dmarcPolicy: z.optional(z.unknown()),
    }),
  }),
});

export const SesReceiptEventSchema = z.object({
  Records: z.array(SesReceiptRecordSchema).check(z.minLength(1)),
});

export type SesReceiptRecord = z.infer<typeof SesReceiptRecordSchema>;

export function verdictsOf(record: SesReceiptRecord): Verdicts {
  const r = record.ses.receipt;
  const verdicts: Verdicts = {
    spam: r.spamVerdict,
    virus: r.virusVerdict,
    spf: r.spfVerdict,
    dkim: r.dkimVerdict,
    dmarc: r.dmarcVerdict,
  };
  const policy = r.dmarcVerdict === 'FAIL' ? dmarcPolicyOf(r.dmarcPolicy) : undefined;
  if (policy) verdicts.dmarcPolicy = policy;
  return verdicts;
}

/** SES's dmarcPolicy ("none", "quarantine", "reject", any case); anything else is no policy. */
export function dmarcPolicyOf(value: unknown): DmarcPolicy | undefined {
  if (typeof value !== 'string') return undefined;
  const policy = value.trim().toUpperCase();
  return policy === 'NONE' || policy === 'QUARANTINE' || policy === 'REJECT' ? policy : undefined;
}

/** The envelope sender SES saw (MAIL FROM); '' for the null return path of bounces. */
export function envelopeSenderOf(record: SesReceiptRecord): string {
  const source = record.ses.mail.source.trim();
  return source === '<>' ? '' : source.toLowerCase();
}

/** What the email-intake service needs from one receipt record (the raw mail at `<prefix><id>`). */
export function receivedEmailOf(
  record: SesReceiptRecord,
  rawMail: { bucket: string; prefix: string },
  fallbackNow: Date = new Date(),
): ReceivedEmail {
  const sesMessageId = record.ses.mail.messageId;
  const headers = record.ses.mail.commonHeaders;
  const at = Date.parse(record.ses.receipt.timestamp);
  return {
    deliveryId: sesMessageId,
    receivedAt: new Date(Number.isNaN(at) ? fallbackNow.getTime() : at).toISOString(),
    verdicts: verdictsOf(record),
    returnPath: envelopeSenderOf(record),
    recipients: record.ses.receipt.recipients,
    from: headers.from?.[0],
    messageId: headers.messageId,
    subject: headers.subject,
    raw: { bucket: rawMail.bucket, key: `${rawMail.prefix}${sesMessageId}` },
  };
}

export interface SesReceiptEventInput {
  /** SES message id: the S3 key of the raw mail under the receipt rule's prefix. */
  sesMessageId: string;
  /** Envelope sender (MAIL FROM); '' for a null return path. */
  mailFrom: string;
  recipients: string[];
  receivedAt: Date;
  verdicts?: Partial<Verdicts>;
  /** Raw header fields, as SES lists them (the local SMTP intake passes them; may be empty). */
  headers?: { name: string; value: string }[];
  /** SES's decoded common headers (from, to, subject, …); returnPath defaults to mailFrom. */
  commonHeaders?: Record<string, string | string[] | undefined>;
  functionArn?: string;
}

const ALL_PASS: Verdicts = { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' };

/**
 * An SES receipt event as a receipt rule's Lambda action delivers it: the one shape the local
 * SMTP intake, the benchmark and the tests build, so that they all exercise what SES sends.
 */
export function sesReceiptEvent(input: SesReceiptEventInput) {
  const v = { ...ALL_PASS, ...input.verdicts };
  const timestamp = input.receivedAt.toISOString();
  const commonHeaders = Object.fromEntries(
    Object.entries({ returnPath: input.mailFrom, ...input.commonHeaders }).filter(([, value]) => value !== undefined),
  );
  return {
    Records: [
      {
        eventSource: 'aws:ses' as const,
        eventVersion: '1.0',
        ses: {
          mail: {
            timestamp,
            source: input.mailFrom,
            messageId: input.sesMessageId,
            destination: input.recipients,
            headersTruncated: false,
            headers: input.headers ?? [],
            commonHeaders,
          },
          receipt: {
            timestamp,
            processingTimeMillis: 0,
            recipients: input.recipients,
            spamVerdict: { status: v.spam },
            virusVerdict: { status: v.virus },
            spfVerdict: { status: v.spf },
            dkimVerdict: { status: v.dkim },
            dmarcVerdict: { status: v.dmarc },
            ...(v.dmarcPolicy ? { dmarcPolicy: v.dmarcPolicy.toLowerCase() } : {}),
            action: {
              type: 'Lambda',
              functionArn: input.functionArn ?? 'arn:aws:lambda:us-east-1:000000000000:function:email-intake',
              invocationType: 'Event',
            },
          },
        },
      },
    ],
  };
}
