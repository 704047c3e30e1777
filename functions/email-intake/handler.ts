/**
 * Email intake: invoked by the SES receipt rule after its S3 action stored the raw MIME.
 * Parses the event, runs the email-intake service per record, logs the result without personal
 * data. A thrown error makes Lambda retry the async event; after the retries the event lands in
 * the intake DLQ (on-failure destination), from where it can be replayed.
 * The same function consumes the quarantine-release queue (./release.ts) and the IntakeFailures
 * queue, where those events land (./poison.ts: a mail it failed on is quarantined unread, its sender
 * told): `handler` dispatches.
 */
import { startTracing } from '../../shared/adapters/tracing';
import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { type EmailIntakeDeps, type EmailIntakeResult, receiveEmail } from '../../shared/app/email-intake';
import {
  buildEmailIntakeDeps,
  buildPoisonMailDeps,
  buildQuarantineReleaseDeps,
} from '../../shared/composition/email-intake';
import type { QuarantineReleaseDeps } from '../../shared/app/quarantine-release';
import { createReleaseHandler, releaseRequestsOf } from './release';
import { createPoisonHandler } from './poison';
import { isIntakeFailureEvent } from '../../shared/adapters/sqs-intake-failures';
import type { PoisonMailDeps } from '../../shared/app/poison-mail';
import { must, settingsFromEnv } from '../../shared/composition/settings';
import { receivedEmailOf, SesReceiptEventSchema } from '../../shared/adapters/ses-receipt-event';
import { createLogger, createMetrics, intakeTelemetry, lifecycleTelemetry } from '../../shared/adapters/telemetry';
import { maskEmail } from '../../shared/domain/mask';
import { METRIC, SERVICE } from '../../shared/telemetry-names';

export interface EmailIntakeHandlerDeps {
  service: EmailIntakeDeps;
  /** Where the receipt rule's S3 action writes: `<prefix><SES message id>`. */
  rawMail: { bucket: string; prefix: string };
  logger: Logger;
  metrics: Metrics;
}

export function createEmailIntakeHandler(resolveDeps: () => EmailIntakeHandlerDeps | Promise<EmailIntakeHandlerDeps>) {
  return async (event: unknown): Promise<{ results: EmailIntakeResult[] }> => {
    const deps = await resolveDeps();
    const parsed = SesReceiptEventSchema.safeParse(event);
    if (!parsed.success) {
      // Not an SES receipt event: nothing to retry; fail loudly so it ends in the DLQ.
      deps.logger.error('invalid SES receipt event', { issues: parsed.error.issues.slice(0, 5) });
      throw new Error('invalid SES receipt event');
    }
    const results: EmailIntakeResult[] = [];
    try {
      for (const record of parsed.data.Records) {
        deps.logger.appendKeys({ sesMessageId: record.ses.mail.messageId });
        const result = await receiveEmail(receivedEmailOf(record, deps.rawMail), deps.service);
        deps.logger.info('mail processed', summary(result));
        results.push(result);
      }
    } finally {
      if (deps.metrics.hasStoredMetrics()) deps.metrics.publishStoredMetrics();
    }
    return { results };
  };
}

/** Correlation fields only: ids, outcome, rule ids; the address masked, never the text. */
function summary(result: EmailIntakeResult): Record<string, unknown> {
  if (result.kind === 'bounce') return { kind: 'bounce', recipients: result.recipients };
  if (result.kind === 'duplicate-delivery') return { kind: result.kind, caseId: result.caseId };
  const common = {
    kind: result.kind,
    caseId: result.caseId,
    protocol: result.protocol,
    sender: maskEmail(result.sender),
  };
  if (result.kind === 'follow-up') return { ...common, appended: result.appended };
  if (result.kind === 'staff-mail') return { ...common, result: result.result };
  return {
    ...common,
    outcome: result.outcome,
    ruleIds: result.decision.ruleIds,
    reply: result.reply?.status,
    duplicate: result.duplicate,
  };
}

/**
 * The Lambda entry point: adapters built from the environment on the first invocation; quarantine
 * releases (SQS) run over the same service.
 */
type ProductionDeps = EmailIntakeHandlerDeps & { release: QuarantineReleaseDeps; poison: PoisonMailDeps };
let productionDeps: Promise<ProductionDeps> | undefined;

async function buildProductionDeps(): Promise<ProductionDeps> {
  await startTracing(SERVICE.emailIntake);
  const settings = settingsFromEnv();
  const logger = createLogger(SERVICE.emailIntake);
  const metrics = createMetrics(SERVICE.emailIntake);
  const service = await buildEmailIntakeDeps(settings, {
    telemetry: intakeTelemetry(metrics),
    lifecycleTelemetry: lifecycleTelemetry(metrics, logger),
    onBounces: (addresses) => metrics.addMetric(METRIC.bouncesRecorded, MetricUnit.Count, addresses.length),
  });
  return {
    service,
    release: buildQuarantineReleaseDeps(settings, service),
    poison: buildPoisonMailDeps(settings, service),
    rawMail: must(settings.rawMail, 'rawMail'),
    logger,
    metrics,
  };
}

function resolveProductionDeps(): Promise<ProductionDeps> {
  productionDeps ??= buildProductionDeps().catch((error: unknown) => {
    productionDeps = undefined;
    throw error;
  });
  return productionDeps;
}

const intake = createEmailIntakeHandler(resolveProductionDeps);
const release = createReleaseHandler(resolveProductionDeps);
const poison = createPoisonHandler(resolveProductionDeps);

/** SES receipt events, SQS batches of failed intakes (IntakeFailures) and of quarantine releases. */
export const handler = (event: unknown) =>
  isIntakeFailureEvent(event) ? poison(event) : releaseRequestsOf(event) ? release(event) : intake(event);
