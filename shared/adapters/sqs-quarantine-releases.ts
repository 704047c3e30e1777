/**
 * The quarantine-release queue (SQS, standard): the console sends `{ kind, caseId, by, at }` —
 * ids only, nothing personal — and the email-intake function, which carries the mail parser,
 * consumes it in batches of one. Delivery is at least once; the release service is idempotent
 * (shared/app/quarantine-release.ts), so neither side deduplicates.
 */
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import * as z from 'zod/mini';
import type { QuarantineReleaseRequests, ReleaseRequest } from '../app/quarantine';

export const ReleaseRequestSchema = z.object({
  kind: z.literal('release'),
  caseId: z.string().check(z.minLength(1), z.maxLength(200)),
  by: z.string().check(z.minLength(1), z.maxLength(100)),
  at: z.iso.datetime(),
});

/** Only the fields the email-intake function reads of an SQS → Lambda event. */
const SqsReleaseEventSchema = z.object({
  Records: z
    .array(z.object({ eventSource: z.literal('aws:sqs'), messageId: z.string(), body: z.string() }))
    .check(z.minLength(1)),
});

/**
 * The release requests of an SQS event; null when the event is not from SQS (an SES receipt).
 * Throws on a malformed body: the message goes back to the queue and, after its retries, to the DLQ.
 */
export function releaseRequestsOf(event: unknown): ReleaseRequest[] | null {
  const records = (event as { Records?: Array<{ eventSource?: unknown }> } | null)?.Records;
  if (!Array.isArray(records) || records[0]?.eventSource !== 'aws:sqs') return null;
  const parsed = SqsReleaseEventSchema.parse(event);
  return parsed.Records.map((record) => ReleaseRequestSchema.parse(JSON.parse(record.body)));
}

export class SqsQuarantineReleases implements QuarantineReleaseRequests {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async request(message: ReleaseRequest): Promise<void> {
    const body: ReleaseRequest = { kind: 'release', caseId: message.caseId, by: message.by, at: message.at };
    await this.client.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(body) }));
  }
}
