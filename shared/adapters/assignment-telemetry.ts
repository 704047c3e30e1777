/**
 * Assignment's telemetry on Powertools (logs and EMF metrics) and its SQS message body: what the
 * assignment handler maps around the service. Correlation fields only: case id and protocol, never
 * names, addresses or bodies.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import * as z from 'zod/mini';
import type { AssignmentTelemetry } from '../app/assign-case';
import { PROTOCOL_PATTERN } from '../domain/protocol';
import type { AssignmentMessage } from '../ports';
import { METRIC } from '../telemetry-names';

/** Body of an assignment message (from the intake function or a deferral schedule). */
export const AssignmentMessageSchema = z.object({
  caseId: z.string().check(z.minLength(1), z.maxLength(400)),
  protocol: z.string().check(z.regex(PROTOCOL_PATTERN, 'expected OUV-YYYY-NNNNNN')),
});

/** Metric names of this function (the CDK alarms and dashboard read them). */
export const ASSIGNMENT_METRIC = {
  assigned: METRIC.caseAssigned,
  deferred: METRIC.assignmentDeferred,
  noAnalyst: METRIC.noAnalystAvailable,
  timeToAssignment: METRIC.timeToAssignmentSeconds,
  noticeResent: METRIC.analystNoticeResent,
  failed: METRIC.assignmentFailed,
} as const;

/** The parts of Powertools Logger the handler uses (tests pass a recorder). */
export type AssignmentLogger = Pick<Logger, 'info' | 'warn' | 'error' | 'addContext'>;

type MetricUnitValue = (typeof MetricUnit)[keyof typeof MetricUnit];

/** The parts of Powertools Metrics the handler uses. */
export interface AssignmentMetrics {
  addMetric(name: string, unit: MetricUnitValue, value: number): unknown;
  publishStoredMetrics(): unknown;
  hasStoredMetrics?(): boolean;
}

/** Parses an SQS body; throws (the record fails) on bad JSON or a bad shape. */
export function parseAssignmentBody(body: string): AssignmentMessage {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new Error('Assignment message body is not JSON');
  }
  const result = AssignmentMessageSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`Invalid assignment message: ${problems}`);
  }
  return result.data;
}

export function assignmentTelemetry(logger: AssignmentLogger, metrics: AssignmentMetrics): AssignmentTelemetry {
  // Correlation fields only: case id and protocol. Never names, addresses or bodies.
  return {
    assigned: ({ caseId, protocol, analystId, secondsSinceIntake }) => {
      metrics.addMetric(ASSIGNMENT_METRIC.assigned, MetricUnit.Count, 1);
      metrics.addMetric(ASSIGNMENT_METRIC.timeToAssignment, MetricUnit.Seconds, secondsSinceIntake);
      logger.info('Case assigned', { caseId, protocol, analystId, secondsSinceIntake });
    },
    noticeResent: ({ caseId, protocol, analystId }) => {
      metrics.addMetric(ASSIGNMENT_METRIC.noticeResent, MetricUnit.Count, 1);
      logger.warn('Analyst notice re-sent after an interrupted assignment', { caseId, protocol, analystId });
    },
    deferred: ({ caseId, protocol, until }) => {
      metrics.addMetric(ASSIGNMENT_METRIC.deferred, MetricUnit.Count, 1);
      logger.info('Office closed: assignment deferred to the next opening', {
        caseId,
        protocol,
        until: until.toISOString(),
      });
    },
    noAnalyst: ({ caseId, protocol, retryAt }) => {
      metrics.addMetric(ASSIGNMENT_METRIC.noAnalyst, MetricUnit.Count, 1);
      logger.warn('No analyst available: case stays QUEUED', { caseId, protocol, retryAt: retryAt.toISOString() });
    },
    alreadyDone: ({ caseId, protocol, status }) => {
      logger.info('Case already handled: nothing to do', { caseId, protocol, status });
    },
    gone: ({ caseId, protocol }) => {
      logger.info('Case gone (erased while queued): assignment dropped', { caseId, protocol });
    },
  };
}

/** A record that failed: counted and logged with its ids; SQS retries it, then dead-letters it. */
export function assignmentFailed(
  logger: AssignmentLogger,
  metrics: AssignmentMetrics,
  record: { messageId: string; attributes?: { ApproximateReceiveCount?: string } },
  message: AssignmentMessage | undefined,
  error: unknown,
): void {
  metrics.addMetric(ASSIGNMENT_METRIC.failed, MetricUnit.Count, 1);
  logger.error('Assignment failed; the message will be retried, then dead-lettered', {
    messageId: record.messageId,
    receiveCount: record.attributes?.ApproximateReceiveCount,
    caseId: message?.caseId,
    protocol: message?.protocol,
    error: { name: (error as Error)?.name, message: (error as Error)?.message },
  });
}
