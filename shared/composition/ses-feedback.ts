/** The ses-feedback function's dependencies: the bounce memory and the breaker's count (smallest bundle). */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoBounceCounter } from '../adapters/dynamo/bounce-counter';
import { DynamoBounceRegistry } from '../adapters/dynamo/bounce-registry';
import type { BounceDeps } from '../app/bounces';
import type { BounceCounter, Clock } from '../ports';
import { clockFrom, tableClient } from './clients';
import type { Settings } from './settings';

export function buildFeedbackDeps(
  settings: Settings,
  overrides: { client?: DynamoDBDocumentClient; clock?: Clock } = {},
): Pick<BounceDeps, 'bounces' | 'clock' | 'config'> & { bounceCounter: BounceCounter } {
  const client = overrides.client ?? tableClient(settings);
  return {
    bounces: new DynamoBounceRegistry(client, settings.tableName),
    bounceCounter: new DynamoBounceCounter(client, settings.tableName),
    clock: overrides.clock ?? clockFrom(settings),
    config: settings.config,
  };
}
