/**
 * The SNS → Lambda event (SES feedback notifications), in place of Powertools' SnsSchema (parser
 * 2.35): the same validation of every field, written with `zod/mini`, whose functions tree-shake.
 * A module of its own (issue 16): schemas are built when their module loads, so a function that
 * receives no SNS event must not load this one (~1.5 ms of a cold start).
 */
import * as z from 'zod/mini';

const SnsMessageAttribute = z.object({ Type: z.string(), Value: z.string() });

export const SnsNotificationSchema = z.object({
  Subject: z.nullish(z.string()),
  TopicArn: z.string(),
  UnsubscribeUrl: z.url(),
  UnsubscribeURL: z.optional(z.url()),
  SigningCertUrl: z.optional(z.url()),
  SigningCertURL: z.optional(z.url()),
  Type: z.literal('Notification'),
  MessageAttributes: z.optional(z.record(z.string(), SnsMessageAttribute)),
  Message: z.string(),
  MessageId: z.string(),
  Signature: z.optional(z.string()),
  SignatureVersion: z.optional(z.string()),
  Timestamp: z.iso.datetime(),
});

export const SnsRecordSchema = z.object({
  EventSource: z.literal('aws:sns'),
  EventVersion: z.string(),
  EventSubscriptionArn: z.string(),
  Sns: SnsNotificationSchema,
});

/** An SNS → Lambda event: at least one record. */
export const SnsEventSchema = z.object({
  Records: z.array(SnsRecordSchema).check(z.minLength(1)),
});
export type SnsEvent = z.infer<typeof SnsEventSchema>;
