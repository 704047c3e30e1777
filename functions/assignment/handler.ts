/**
 * Assignment Lambda: SQS batch of `{ caseId, protocol }` → assignCase for each record.
 *
 * Records are processed one after another (`processInParallel: false`) and the queue is FIFO with
 * one message group (CDK stack): one analyst choice at a time, so every choice sees the open-case
 * counts left by the previous one (see shared/app/assign-case.ts).
 * Failed records are reported in `batchItemFailures`: only they come back, the others are deleted.
 *
 * This bundle must stay small and never import the mail parser (shared/mail/*).
 */
import { startTracing } from '../../shared/adapters/tracing';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import {
  type AssignmentLogger,
  type AssignmentMetrics,
  assignmentFailed,
  assignmentTelemetry,
  parseAssignmentBody,
} from '../../shared/adapters/assignment-telemetry';
import { createLogger, createMetrics } from '../../shared/adapters/telemetry';

export {
  ASSIGNMENT_METRIC,
  AssignmentMessageSchema,
  type AssignmentLogger,
  type AssignmentMetrics,
  parseAssignmentBody,
} from '../../shared/adapters/assignment-telemetry';
import { type AssignCaseDeps, type AssignmentResult, assignCase } from '../../shared/app/assign-case';
import { buildAssignmentDeps } from '../../shared/composition/assignment';
import { settingsFromEnv } from '../../shared/composition/settings';
import { officeCalendar } from '../../shared/domain/calendar';
import type { AssignmentMessage } from '../../shared/ports';
import { SERVICE } from '../../shared/telemetry-names';

export interface AssignmentHandlerDeps extends Omit<AssignCaseDeps, 'telemetry'> {
  logger?: AssignmentLogger;
  metrics?: AssignmentMetrics;
}

export type AssignmentHandler = (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse>;

/** The handler with injected adapters: the Lambda entry point, tests and the local stack use it. */
export function createAssignmentHandler(deps: AssignmentHandlerDeps): AssignmentHandler {
  const logger = deps.logger ?? createLogger(SERVICE.assignment);
  const metrics = deps.metrics ?? createMetrics(SERVICE.assignment);
  const telemetry = assignmentTelemetry(logger, metrics);
  const appDeps: AssignCaseDeps = {
    ...deps,
    calendar: deps.calendar ?? officeCalendar(deps.config, 'office'),
    telemetry,
  };

  // The FIFO queue gives one batch at a time on AWS. In one process (the local stack, tests),
  // overlapping calls of this handler queue behind each other: the same guarantee.
  let tail: Promise<unknown> = Promise.resolve();
  const invoke: AssignmentHandler = async (event, context) => {
    if (context) logger.addContext(context);
    const recordHandler = async (record: SQSRecord): Promise<AssignmentResult> => {
      let message: AssignmentMessage | undefined;
      try {
        message = parseAssignmentBody(record.body);
        return await assignCase(message, appDeps);
      } catch (error) {
        assignmentFailed(logger, metrics, record, message, error);
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
export async function depsFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<AssignmentHandlerDeps> {
  await startTracing(SERVICE.assignment, env);
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
