/** The ses-feedback function's dependencies: only the bounce memory (smallest bundle). */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoBounceRegistry } from '../adapters/dynamo/bounce-registry';
import type { BounceDeps } from '../app/bounces';
import type { Clock } from '../ports';
import { clockFrom, tableClient } from './clients';
import type { Settings } from './settings';

export function buildFeedbackDeps(
  settings: Settings,
  overrides: { client?: DynamoDBDocumentClient; clock?: Clock } = {},
): Pick<BounceDeps, 'bounces' | 'clock' | 'config'> {
  const client = overrides.client ?? tableClient(settings);
  return {
    bounces: new DynamoBounceRegistry(client, settings.tableName),
    clock: overrides.clock ?? clockFrom(settings),
    config: settings.config,
  };
}
