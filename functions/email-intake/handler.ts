/**
 * Email intake: invoked by the SES receipt rule after its S3 action stored the raw MIME.
 * Reads the raw mail from S3, turns it into a Submission and runs the intake service.
 * A thrown error makes Lambda retry the async event; after the retries the event lands in
 * the intake DLQ (on-failure destination), from where it can be replayed.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { type IntakeDeps, type IntakeResult, processSubmission } from '../../shared/app/intake';
import { type CaseRecord, caseIdFor } from '../../shared/domain/case';
import { maskEmail } from '../../shared/domain/mask';
import { type Submission, SubmissionSchema } from '../../shared/domain/submission';
import { S3Client } from '@aws-sdk/client-s3';
import { intakeDepsFromEnv, requiredEnv } from '../../shared/adapters/runtime';
import { S3RawMailStore } from '../../shared/adapters/s3-raw-mail-store';
import { createLogger, createMetrics, intakeTelemetry } from '../../shared/adapters/telemetry';
import { METRIC, SERVICE } from '../../shared/telemetry-names';
import { ENV } from '../../shared/runtime-env';
import {
  envelopeSenderOf,
  SesReceiptEventSchema,
  type SesReceiptRecord,
  verdictsOf,
} from '../../shared/adapters/ses-receipt-event';
import { readDeliveryReport } from '../../shared/mail/delivery-report';
import { parseEmail } from '../../shared/mail/parse-email';
import type { RawMailStore } from '../../shared/ports';

export interface EmailIntakeDeps {
  intake: IntakeDeps;
  rawMail: RawMailStore;
  /** Where the receipt rule's S3 action writes: `<prefix><SES message id>`. */
  bucket: string;
  prefix: string;
  logger: Logger;
  metrics: Metrics;
}

export function createEmailIntakeHandler(resolveDeps: () => EmailIntakeDeps | Promise<EmailIntakeDeps>) {
  return async (event: unknown): Promise<{ results: IntakeResultSummary[] }> => {
    const deps = await resolveDeps();
    const parsed = SesReceiptEventSchema.safeParse(event);
    if (!parsed.success) {
      // Not an SES receipt event: nothing to retry; fail loudly so it ends in the DLQ.
      deps.logger.error('invalid SES receipt event', { issues: parsed.error.issues.slice(0, 5) });
      throw new Error('invalid SES receipt event');
    }
    const results: IntakeResultSummary[] = [];
    try {
      for (const record of parsed.data.Records) results.push(await handleRecord(record, deps));
    } finally {
      if (deps.metrics.hasStoredMetrics()) deps.metrics.publishStoredMetrics();
    }
    return { results };
  };
}

export type IntakeResultSummary =
  | { kind: 'bounce'; sesMessageId: string; recipients: number }
  | (IntakeResult & { sesMessageId: string });

async function handleRecord(record: SesReceiptRecord, deps: EmailIntakeDeps): Promise<IntakeResultSummary> {
  const sesMessageId = record.ses.mail.messageId;
  const { config, clock } = deps.intake;
  deps.logger.appendKeys({ sesMessageId });
  const location = { bucket: deps.bucket, key: `${deps.prefix}${sesMessageId}` };
  const meta = {
    sourceId: sesMessageId,
    receivedAt: normaliseInstant(record.ses.receipt.timestamp, clock.now()),
    verdicts: verdictsOf(record),
    returnPath: envelopeSenderOf(record),
    recipients: record.ses.receipt.recipients,
    raw: location,
  };

  // A duplicate delivery of finished work is answered from the stored case: no S3 read, no parse.
  const stored = await deps.intake.cases.get(caseIdFor('email', sesMessageId));
  if (stored && isComplete(stored)) {
    deps.logger.info('duplicate delivery of a finished case', { caseId: stored.caseId, protocol: stored.protocol });
    return {
      kind: 'case',
      caseId: stored.caseId,
      outcome: stored.outcome,
      status: stored.status,
      protocol: stored.protocol,
      decision: stored.decision,
      reply: stored.reply,
      duplicate: true,
      sesMessageId,
    };
  }

  const size = await deps.rawMail.size(location);
  let submission: Submission;
  if (size > config.limits.maxRawMailBytes) {
    // Too big to parse safely: keep it (raw stays in S3) and quarantine it with its reason.
    submission = oversizedSubmission(record, meta, size);
  } else {
    const raw = await deps.rawMail.read(location);
    const report = readDeliveryReport(raw, config.domain);
    if (report?.aboutOurMail) {
      const until = new Date(clock.now().getTime() + config.autoReply.bounceSuppressionDays * 86_400_000);
      for (const address of report.failedRecipients) {
        await deps.intake.bounces.markBouncing(address, until, 'delivery-status-report');
      }
      deps.metrics.addMetric(METRIC.bouncesRecorded, MetricUnit.Count, report.failedRecipients.length);
      deps.logger.info('delivery report about our mail recorded', {
        failed: report.failedRecipients.map(maskEmail),
      });
      return { kind: 'bounce', sesMessageId, recipients: report.failedRecipients.length };
    }
    submission = await parseEmail(raw, meta, config.limits);
  }

  const result = await processSubmission(submission, deps.intake, stored);
  deps.logger.info('submission processed', {
    kind: result.kind,
    caseId: result.caseId,
    protocol: result.protocol,
    sender: maskEmail(submission.sender.address),
    ...(result.kind === 'case'
      ? {
          outcome: result.outcome,
          ruleIds: result.decision.ruleIds,
          reply: result.reply?.status,
          duplicate: result.duplicate,
        }
      : { appended: result.appended }),
  });
  return { ...result, sesMessageId };
}

/** Every step of the intake is done: nothing a retry could still have to finish. */
function isComplete(record: CaseRecord): boolean {
  const replied = record.reply !== undefined && record.reply.status !== 'failed';
  return replied && (record.outcome !== 'ACCEPTED' || record.enqueuedAt !== undefined);
}

function normaliseInstant(value: string, fallback: Date): string {
  const time = Date.parse(value);
  return new Date(Number.isNaN(time) ? fallback.getTime() : time).toISOString();
}

function oversizedSubmission(
  record: SesReceiptRecord,
  meta: {
    sourceId: string;
    receivedAt: string;
    verdicts: Submission['verdicts'];
    returnPath: string;
    recipients: string[];
    raw: { bucket: string; key: string };
  },
  size: number,
): Submission {
  const from = record.ses.mail.commonHeaders.from?.[0] ?? meta.returnPath;
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  return SubmissionSchema.parse({
    channel: 'email',
    sourceId: meta.sourceId,
    receivedAt: meta.receivedAt,
    sender: { address: (address || 'desconhecido@invalid').toLowerCase().slice(0, 320) },
    returnPath: meta.returnPath,
    recipients: meta.recipients.slice(0, 100),
    subject: (record.ses.mail.commonHeaders.subject ?? '').slice(0, 2000),
    verdicts: meta.verdicts,
    raw: meta.raw,
    parseProblem: `oversized: ${size} bytes`,
  });
}

/** The Lambda entry point: adapters built from the environment on the first invocation. */
let productionDeps: EmailIntakeDeps | undefined;
export const handler = createEmailIntakeHandler(() => {
  if (!productionDeps) {
    const logger = createLogger(SERVICE.emailIntake);
    const metrics = createMetrics(SERVICE.emailIntake);
    productionDeps = {
      intake: intakeDepsFromEnv(process.env, intakeTelemetry(metrics)),
      rawMail: new S3RawMailStore(new S3Client({})),
      bucket: requiredEnv(process.env, ENV.rawMailBucket),
      prefix: process.env[ENV.rawMailPrefix] ?? 'inbound/',
      logger,
      metrics,
    };
  }
  return productionDeps;
});
