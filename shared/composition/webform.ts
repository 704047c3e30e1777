/** The webform function's dependencies: the intake's, plus the per-IP rate limiter. */
import { DynamoRateLimiter } from '../adapters/dynamo/rate-limiter';
import type { WebformDeps } from '../webform/submit';
import { tableClient } from './clients';
import { buildIntakeDeps, type IntakeOverrides } from './intake';
import type { Settings } from './settings';

export function buildWebformDeps(settings: Settings, overrides: IntakeOverrides = {}): WebformDeps {
  const client = overrides.client ?? tableClient(settings);
  return {
    ...buildIntakeDeps(settings, { ...overrides, client }),
    rateLimiter: new DynamoRateLimiter(client, settings.tableName),
  };
}
