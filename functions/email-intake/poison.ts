/**
 * Mail the intake failed on every attempt, in the email-intake function (it carries the intake's
 * ports): an SQS batch of on-failure destination records (the IntakeFailures queue) →
 * quarantinePoisonMail for each SES record, logged without personal data. A message left (not the
 * mail's failure, no such raw mail) or failing is reported as a batch item failure: it comes back
 * after the visibility timeout and, after the queue's receives, moves to the IntakeDlq, which pages.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { intakeFailuresOf } from '../../shared/adapters/sqs-intake-failures';
import { type PoisonMailDeps, type PoisonMailResult, quarantinePoisonMail } from '../../shared/app/poison-mail';
import { METRIC } from '../../shared/telemetry-names';

export interface PoisonHandlerDeps {
  poison: PoisonMailDeps;
  rawMail: { bucket: string; prefix: string };
  logger: Pick<Logger, 'info' | 'warn' | 'error' | 'appendKeys'>;
  metrics: Pick<Metrics, 'addMetric' | 'hasStoredMetrics' | 'publishStoredMetrics'>;
}

export interface PoisonBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
  results: PoisonMailResult[];
}

export function createPoisonHandler(resolveDeps: () => PoisonHandlerDeps | Promise<PoisonHandlerDeps>) {
  return async (event: unknown): Promise<PoisonBatchResponse> => {
    const deps = await resolveDeps();
    const response: PoisonBatchResponse = { batchItemFailures: [], results: [] };
    try {
      for (const message of intakeFailuresOf(event, deps.rawMail)) {
        if (!(await handled(message.failed, message.messageId, deps, response.results))) {
          response.batchItemFailures.push({ itemIdentifier: message.messageId });
        }
      }
    } finally {
      if (deps.metrics.hasStoredMetrics()) deps.metrics.publishStoredMetrics();
    }
    return response;
  };
}

/** Whether every SES record of the message ended here (quarantined, or done before). */
async function handled(
  failed: Parameters<typeof quarantinePoisonMail>[0][] | null,
  messageId: string,
  deps: PoisonHandlerDeps,
  results: PoisonMailResult[],
): Promise<boolean> {
  if (!failed) {
    deps.logger.warn('intake failure record without an SES receipt: left for staff', { messageId });
    return false;
  }
  let all = true;
  for (const one of failed) {
    deps.logger.appendKeys({ sesMessageId: one.mail.deliveryId });
    try {
      const result = await quarantinePoisonMail(one, deps.poison);
      results.push(result);
      if (result.kind === 'left') {
        deps.logger.warn('failed intake left for staff', { reason: result.reason, errorType: one.failure.errorType });
        all = false;
      } else if (result.kind === 'quarantined') {
        // A mail the intake cannot read is a defect to look at, even once it is safe in quarantine.
        deps.logger.error('mail the intake failed on quarantined', {
          caseId: result.caseId,
          poison: result.poison,
          reply: result.reply,
        });
        deps.metrics.addMetric(METRIC.poisonMailQuarantined, MetricUnit.Count, 1);
      }
    } catch (error) {
      deps.logger.error('failed intake not quarantined', { errorName: (error as Error)?.name });
      all = false;
    }
  }
  return all;
}
