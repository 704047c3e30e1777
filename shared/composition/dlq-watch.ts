/**
 * The dlq-watch function's composition root. It reads no office configuration (it never sees a
 * case), only the table that remembers each queue and the queues to count, so it starts from its own
 * two variables rather than settingsFromEnv.
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { documentClient } from '../adapters/dynamo/client';
import { DynamoDlqWatchStore } from '../adapters/dynamo/dlq-watch-store';
import { SqsDeadLetterQueueProbe } from '../adapters/sqs-dlq-probe';
import { traced } from '../adapters/tracing';
import type { DlqWatchDeps, WatchedDlq } from '../app/dlq-watch';
import { systemClock } from '../ports';
import { ENV } from '../runtime-env';
import { requiredEnv } from './settings';

export interface DlqWatch {
  deps: DlqWatchDeps;
  queues: WatchedDlq[];
}

/** The queues of ENV.deadLetterQueueUrls, each named as SQS names it (the URL's last segment: its metrics' QueueName). */
export function watchedQueuesFrom(urls: string): WatchedDlq[] {
  return urls
    .split(/\s+/)
    .filter(Boolean)
    .map((url) => ({ name: url.slice(url.lastIndexOf('/') + 1), url }));
}

export function buildDlqWatch(env: Record<string, string | undefined> = process.env): DlqWatch {
  const queues = watchedQueuesFrom(requiredEnv(env, ENV.deadLetterQueueUrls));
  if (queues.length === 0) throw new Error(`${ENV.deadLetterQueueUrls} names no queue`);
  const endpoint = env[ENV.dynamoEndpoint] || undefined;
  return {
    deps: {
      probe: new SqsDeadLetterQueueProbe(traced(new SQSClient({}))),
      store: new DynamoDlqWatchStore(documentClient(endpoint ? { endpoint } : {}), requiredEnv(env, ENV.tableName)),
      clock: systemClock,
    },
    queues,
  };
}
