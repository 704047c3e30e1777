/**
 * Assignment Lambda: SQS batch of `{ caseId, protocol }` → assignCase for each record.
 *
 * Records are processed one after another (`processInParallel: false`) and the function runs with
 * reserved concurrency 1 (set in the CDK stack): one analyst choice at a time, so every choice
 * sees the open-case counts left by the previous one (see shared/app/assign-case.ts).
 * Failed records are reported in `batchItemFailures`: only they come back, the others are deleted.
 *
 * This bundle must stay small and never import the mail parser (shared/mail/*).
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { z } from 'zod';
import { createLogger, createMetrics } from '../../shared/adapters/telemetry';
import {
  type AssignCaseDeps,
  type AssignmentResult,
  type AssignmentTelemetry,
  assignCase,
} from '../../shared/app/assign-case';
import { buildAssignmentDeps } from '../../shared/composition/assignment';
import { settingsFromEnv } from '../../shared/composition/settings';
import { officeCalendar } from '../../shared/domain/calendar';
import { PROTOCOL_PATTERN } from '../../shared/domain/protocol';
import type { AssignmentMessage } from '../../shared/ports';
import { METRIC, SERVICE } from '../../shared/telemetry-names';

/** Body of an assignment message (from the intake function or a deferral schedule). */
export const AssignmentMessageSchema = z.object({
  caseId: z.string().min(1).max(400),
  protocol: z.string().regex(PROTOCOL_PATTERN, 'expected OUV-YYYY-NNNNNN'),
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

export interface AssignmentHandlerDeps extends Omit<AssignCaseDeps, 'telemetry'> {
  logger?: AssignmentLogger;
  metrics?: AssignmentMetrics;
}

export type AssignmentHandler = (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse>;

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

function telemetryFor(logger: AssignmentLogger, metrics: AssignmentMetrics): AssignmentTelemetry {
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
  };
}

/** The handler with injected adapters: the Lambda entry point, tests and the local stack use it. */
export function createAssignmentHandler(deps: AssignmentHandlerDeps): AssignmentHandler {
  const logger = deps.logger ?? createLogger(SERVICE.assignment);
  const metrics = deps.metrics ?? createMetrics(SERVICE.assignment);
  const telemetry = telemetryFor(logger, metrics);
  const appDeps: AssignCaseDeps = {
    ...deps,
    calendar: deps.calendar ?? officeCalendar(deps.config, 'office'),
    telemetry,
  };

  // Reserved concurrency 1 gives one invocation at a time on AWS. In one process (the local stack,
  // tests), overlapping calls of this handler queue behind each other: the same guarantee.
  let tail: Promise<unknown> = Promise.resolve();
  const invoke: AssignmentHandler = async (event, context) => {
    if (context) logger.addContext(context);
    const recordHandler = async (record: SQSRecord): Promise<AssignmentResult> => {
      let message: AssignmentMessage | undefined;
      try {
        message = parseAssignmentBody(record.body);
        return await assignCase(message, appDeps);
      } catch (error) {
        metrics.addMetric(ASSIGNMENT_METRIC.failed, MetricUnit.Count, 1);
        logger.error('Assignment failed; the message will be retried, then dead-lettered', {
          messageId: record.messageId,
          receiveCount: record.attributes?.ApproximateReceiveCount,
          caseId: message?.caseId,
          protocol: message?.protocol,
          error: { name: (error as Error)?.name, message: (error as Error)?.message },
        });
        throw error;
      }
    };
    // A processor per invocation: no batch state survives into the next one.
    const processor = new BatchProcessor(EventType.SQS);
    try {
      return await processPartialResponse(event, recordHandler, processor, {
        ...(context ? { context } : {}),
        processInParallel: false,
        // All records failing is reported the same way as some failing: each one is retried.
        throwOnFullBatchFailure: false,
      });
    } finally {
      // Powertools warns on an empty flush (e.g. a batch of already assigned cases).
      if (metrics.hasStoredMetrics?.() ?? true) metrics.publishStoredMetrics();
    }
  };
  return (event, context) => {
    const run = tail.then(() => invoke(event, context));
    tail = run.catch(() => undefined);
    return run;
  };
}

/** Adapters built from the Lambda environment, through the composition root. */
export function depsFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<AssignmentHandlerDeps> {
  return buildAssignmentDeps(settingsFromEnv(env));
}

// Built once per container, on the first invocation (importing this module has no side effects).
let cached: Promise<AssignmentHandler> | undefined;

export const handler: AssignmentHandler = async (event, context) => {
  cached ??= depsFromEnv().then(createAssignmentHandler, (error: unknown) => {
    cached = undefined;
    throw error;
  });
  return (await cached)(event, context);
};
