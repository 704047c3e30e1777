import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { buildMerchantPagesDeps } from '../../../shared/composition/merchant-pages';
import { localConfigInput, parseConfig } from '../../../shared/domain/config';
import { FixedClock, RecordingMailer } from '../../support/fakes';
import { SECRET } from '../../support/lifecycle-fakes';

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const ddb = mockClient(doc);
afterEach(() => ddb.reset());

describe('buildMerchantPagesDeps', () => {
  // The survey answer (a score and the merchant's comment) is recorded only here: it must expire on the
  // office's configured retention (LGPD), not on the code's default.
  it.each([30, 365, 3650])('a survey answer expires %i days after it was given, as configured', async (days) => {
    const config = parseConfig({ ...localConfigInput, retention: { retentionDays: days } });
    const deps = await buildMerchantPagesDeps(
      { config, tableName: 'ouvidoria-test', dynamoEndpoint: 'http://127.0.0.1:9' },
      {
        client: doc,
        clock: new FixedClock(new Date('2026-12-01T12:00:00.000Z')),
        mailer: new RecordingMailer(),
        secret: SECRET,
      },
    );
    ddb.on(PutCommand).resolves({});
    const answeredAt = '2026-12-01T12:00:00.000Z';
    expect(
      await deps.surveys.record({ protocol: 'OUV-2026-000123', score: 5, comment: 'Resolveram.', answeredAt }),
    ).toBe(true);
    const item = ddb.commandCalls(PutCommand)[0]?.args[0].input.Item;
    expect(item?.['expiresAt']).toBe(Date.parse(answeredAt) / 1000 + days * 86_400);
  });

  // Journeys 62: a survey answer goes on its case (history, a low score's notice) through the lifecycle.
  it('builds the lifecycle a survey answer needs once, on the pages’ own clock, mailer, secret and config', async () => {
    const config = parseConfig(localConfigInput);
    const clock = new FixedClock(new Date('2026-12-01T12:00:00.000Z'));
    const mailer = new RecordingMailer();
    const deps = await buildMerchantPagesDeps(
      { config, tableName: 'ouvidoria-test', dynamoEndpoint: 'http://127.0.0.1:9' },
      { client: doc, clock, mailer, secret: SECRET },
    );
    const lifecycle = await deps.lifecycle();
    expect([lifecycle.clock, lifecycle.mailer, lifecycle.secret, lifecycle.config]).toEqual([
      clock,
      mailer,
      SECRET,
      config,
    ]);
    expect(lifecycle.clock).toBe(clock);
    expect(lifecycle.mailer).toBe(mailer);
    expect(await deps.lifecycle()).toBe(lifecycle);
  });
});
