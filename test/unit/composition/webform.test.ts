import { afterAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../../shared/adapters/dynamo/client';
import { buildWebformDeps } from '../../../shared/composition/webform';
import type { Settings } from '../../../shared/composition/settings';
import { localConfigInput, parseConfig } from '../../../shared/domain/config';
import type { UploadStore } from '../../../shared/uploads/ports';
import { FixedClock, RecordingMailer, RecordingQueue } from '../../support/fakes';
import { SECRET } from '../../support/lifecycle-fakes';

const client = documentClient({ endpoint: 'http://127.0.0.1:9', region: 'us-east-1' });
afterAll(() => client.destroy());

const settings: Settings = {
  config: parseConfig(localConfigInput),
  tableName: 'ouvidoria-test',
  ticketDirectory: { kind: 'table' },
  dynamoEndpoint: 'http://127.0.0.1:9',
};
const overrides = {
  client,
  clock: new FixedClock(new Date('2026-03-10T12:00:00Z')),
  mailer: new RecordingMailer(),
  queue: new RecordingQueue(),
  uploads: {} as UploadStore,
  confirmMails: { request: async () => {} },
  linkSecret: SECRET,
};

// Journey 46: a confirmed post joining her case goes through the lifecycle (submit.ts joinHerCaseOfTicket).
describe('buildWebformDeps — the case lifecycle of a joining post', () => {
  it('is the one given (the local stack passes its own)', () => {
    const caseLifecycle = async () => ({ merchantReply: async () => ({ kind: 'not-a-case' as const }) });
    expect(buildWebformDeps(settings, { ...overrides, caseLifecycle }).caseLifecycle).toBe(caseLifecycle);
  });

  it('otherwise built on the first join, once, over the webform’s secret: its merchantReply', async () => {
    const deps = buildWebformDeps(settings, overrides);
    const first = deps.caseLifecycle?.();
    const again = deps.caseLifecycle?.();
    expect(first).toBe(again);
    expect(typeof (await first)?.merchantReply).toBe('function');
  });
});
