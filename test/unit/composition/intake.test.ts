/** The intake's wiring: what buildIntakeDeps hands the service, checked on a mocked DynamoDB client. */
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { documentClient } from '../../../shared/adapters/dynamo/client';
import { TTL_ATTRIBUTE } from '../../../shared/adapters/dynamo/table-design';
import { buildIntakeDeps } from '../../../shared/composition/intake';
import type { Settings } from '../../../shared/composition/settings';
import { localConfigInput, parseConfig } from '../../../shared/domain/config';
import { FixedClock, RecordingMailer, RecordingQueue } from '../../support/fakes';

const ddb = mockClient(DynamoDBDocumentClient);
const client = documentClient({ region: 'us-east-1' });
const config = parseConfig(localConfigInput);
const settings: Settings = { config, tableName: 'ouvidoria-test', ticketDirectory: { kind: 'table' } };
const NOW = new Date('2026-12-02T14:00:00.000Z');
const DAY = 24 * 3600_000;

beforeEach(() => ddb.reset());
afterAll(() => client.destroy());

describe('buildIntakeDeps', () => {
  it.each([
    { name: 'her ticket claim on the item: it lives through the reopen window', claims: true },
    { name: 'no claim on the item: it expires now', claims: false },
  ])('the open-case store runs on the intake clock and knows the reopen window ($name)', async ({ claims }) => {
    const deps = buildIntakeDeps(settings, {
      client,
      clock: new FixedClock(NOW),
      mailer: new RecordingMailer(),
      queue: new RecordingQueue(),
    });
    // The release empties the set: the item as DynamoDB returns it, with or without a closed case's claim.
    const claim = { caseId: 'email:antigo', at: NOW.toISOString(), closedAt: NOW.toISOString() };
    ddb.on(UpdateCommand).resolves({
      Attributes: {
        pk: 'OPEN#maria@lojadamaria.com.br',
        ...(claims ? { 'ticket#maria@lojadamaria.com.br#48213': claim } : {}),
      },
    });
    await deps.openCases.release('maria@lojadamaria.com.br', 'email:novo');
    const ttl = ddb
      .commandCalls(UpdateCommand)
      .map((c) => c.args[0].input)
      .find((input) => input.ExpressionAttributeNames?.['#ttl'] === TTL_ATTRIBUTE);
    const at = Number(ttl?.ExpressionAttributeValues?.[':at']) * 1000;
    if (claims) expect(at).toBeGreaterThanOrEqual(NOW.getTime() + config.threading.reopenWindowDays * DAY);
    else expect(at).toBe(NOW.getTime());
  });
});
