/**
 * The email intake's on-failure destination (the IntakeFailures queue): each message is Lambda's
 * record of an SES event that failed on every attempt — `requestContext` (condition), the original
 * event (`requestPayload`) and what the last attempt threw or how it died (`responsePayload`). The
 * email-intake function consumes it in batches of one (shared/app/poison-mail.ts); what it leaves goes,
 * after the queue's receives, to the IntakeDlq, whose body is then the same record (the runbook replays
 * its requestPayload).
 */
import * as z from 'zod/mini';
import type { FailedIntake } from '../app/poison-mail';
import { receivedEmailOf, SesReceiptEventSchema } from './ses-receipt-event';

const DestinationRecordSchema = z.object({
  requestContext: z.object({ condition: z.optional(z.string()) }),
  requestPayload: z.unknown(),
  responsePayload: z.optional(z.unknown()),
});

const ResponseSchema = z.object({
  errorType: z.optional(z.string()),
  errorMessage: z.optional(z.string()),
});

const SqsEventSchema = z.object({
  Records: z
    .array(z.object({ eventSource: z.literal('aws:sqs'), messageId: z.string(), body: z.string() }))
    .check(z.minLength(1)),
});

/** One queue message: the failed intakes of its SES event, or null when it holds no SES receipt to read. */
export interface IntakeFailureMessage {
  messageId: string;
  failed: FailedIntake[] | null;
}

function bodyOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Whether an SQS event carries on-failure destination records (else quarantine releases). */
export function isIntakeFailureEvent(event: unknown): boolean {
  const records = (event as { Records?: Array<{ eventSource?: unknown; body?: unknown }> } | null)?.Records;
  if (!Array.isArray(records) || records[0]?.eventSource !== 'aws:sqs') return false;
  const body = typeof records[0].body === 'string' ? bodyOf(records[0].body) : undefined;
  return typeof body === 'object' && body !== null && 'requestContext' in body && 'requestPayload' in body;
}

/**
 * The failed intakes of each message. The raw mail's location is the receipt rule's (`rawMail`: the
 * configured bucket and prefix, the SES message id as the key), never anything the record names.
 */
export function intakeFailuresOf(event: unknown, rawMail: { bucket: string; prefix: string }): IntakeFailureMessage[] {
  return SqsEventSchema.parse(event).Records.map(({ messageId, body }) => {
    const record = DestinationRecordSchema.safeParse(bodyOf(body));
    const ses = record.success ? SesReceiptEventSchema.safeParse(record.data.requestPayload) : undefined;
    if (!record.success || !ses?.success) return { messageId, failed: null };
    const response = ResponseSchema.safeParse(record.data.responsePayload);
    const failure = {
      condition: record.data.requestContext.condition,
      errorType: response.success ? response.data.errorType : undefined,
      errorMessage: response.success ? response.data.errorMessage : undefined,
    };
    return { messageId, failed: ses.data.Records.map((r) => ({ mail: receivedEmailOf(r, rawMail), failure })) };
  });
}
