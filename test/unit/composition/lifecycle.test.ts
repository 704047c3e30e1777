import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EventBridgeTimerScheduler } from '../../../shared/adapters/scheduler-lifecycle-timers';
import { documentClient } from '../../../shared/adapters/dynamo/client';
import { buildLifecycleDeps, loadReplySecret } from '../../../shared/composition/lifecycle';
import type { Settings } from '../../../shared/composition/settings';
import { localConfigInput, parseConfig } from '../../../shared/domain/config';
import { FixedClock, RecordingMailer } from '../../support/fakes';
import { SECRET } from '../../support/lifecycle-fakes';

const secrets = mockClient(SecretsManagerClient);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ouv-lifecycle-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => secrets.reset());

function settings(overrides: Partial<Settings> = {}): Settings {
  return {
    config: parseConfig(localConfigInput),
    tableName: 'ouvidoria-test',
    ticketDirectory: { kind: 'table' },
    dynamoEndpoint: 'http://127.0.0.1:9',
    ...overrides,
  };
}

async function secretFile(content: string): Promise<string> {
  const file = join(dir, `secret-${Math.random().toString(36).slice(2)}`);
  await writeFile(file, content, 'utf8');
  return file;
}

describe('loadReplySecret', () => {
  it('reads a file secret and trims the trailing newline', async () => {
    const file = await secretFile(`${SECRET}\n`);
    await expect(loadReplySecret(settings({ replySecret: { file } }))).resolves.toBe(SECRET);
  });

  it('reads a Secrets Manager secret by its ARN', async () => {
    const arn = 'arn:aws:secretsmanager:us-east-1:1:secret:reply';
    secrets.on(GetSecretValueCommand).resolves({ SecretString: SECRET });
    await expect(loadReplySecret(settings({ replySecret: { arn } }))).resolves.toBe(SECRET);
    expect(secrets.commandCalls(GetSecretValueCommand).map((c) => c.args[0].input.SecretId)).toEqual([arn]);
  });

  it.each([
    ['a short file secret', 'x'.repeat(31)],
    ['a padded short secret', `  ${'x'.repeat(31)}  \n`],
    ['an empty file', ''],
  ])('refuses %s (under 32 characters)', async (_label, content) => {
    const file = await secretFile(content);
    await expect(loadReplySecret(settings({ replySecret: { file } }))).rejects.toThrow(/at least 32 characters/);
  });

  it('refuses an empty Secrets Manager value', async () => {
    secrets.on(GetSecretValueCommand).resolves({});
    await expect(loadReplySecret(settings({ replySecret: { arn: 'arn:x' } }))).rejects.toThrow(/at least 32/);
  });

  it('names the missing setting when no secret is configured', async () => {
    await expect(loadReplySecret(settings())).rejects.toThrow(/REPLY_SECRET_ARN or REPLY_SECRET_FILE/);
  });

  it('accepts exactly 32 characters', async () => {
    const file = await secretFile('y'.repeat(32));
    await expect(loadReplySecret(settings({ replySecret: { file } }))).resolves.toBe('y'.repeat(32));
  });
});

describe('buildLifecycleDeps', () => {
  const client = documentClient({ endpoint: 'http://127.0.0.1:9', region: 'us-east-1' });
  afterAll(() => client.destroy());

  it('uses the overrides and reads the secret from the file', async () => {
    const file = await secretFile(SECRET);
    const mailer = new RecordingMailer();
    const clock = new FixedClock(new Date('2026-03-10T12:00:00Z'));
    const deps = await buildLifecycleDeps(settings({ replySecret: { file } }), { client, mailer, clock });
    expect(deps.secret).toBe(SECRET);
    expect(deps.mailer).toBe(mailer);
    expect(deps.clock).toBe(clock);
    expect(deps.config.lifecycle).toEqual(parseConfig(localConfigInput).lifecycle);
    expect(deps.telemetry).toBeUndefined();
  });

  it('a given secret wins: no file or Secrets Manager read', async () => {
    const deps = await buildLifecycleDeps(settings({ replySecret: { arn: 'arn:x' } }), { client, secret: SECRET });
    expect(deps.secret).toBe(SECRET);
    expect(secrets.calls()).toHaveLength(0);
  });

  it('refuses to arm timers without TIMER_TARGET_ARN', async () => {
    const deps = await buildLifecycleDeps(settings(), { client, secret: SECRET, mailer: new RecordingMailer() });
    expect(deps.timers).not.toBeInstanceOf(EventBridgeTimerScheduler);
    await expect(
      deps.timers.schedule({ caseId: 'c', kind: 'reminder', at: new Date(), version: 1 } as never),
    ).rejects.toThrow(/TIMER_TARGET_ARN is missing/);
  });

  it('arms timers on EventBridge Scheduler with a target, role and group', async () => {
    const deps = await buildLifecycleDeps(
      settings({
        timerTargetArn: 'arn:aws:lambda:us-east-1:1:function:timers',
        timerRoleArn: 'arn:aws:iam::1:role/timers',
        scheduleGroup: 'ouvidoria',
      }),
      { client, secret: SECRET, mailer: new RecordingMailer() },
    );
    expect(deps.timers).toBeInstanceOf(EventBridgeTimerScheduler);
  });

  it('names the missing role or group when the target is set', async () => {
    await expect(
      buildLifecycleDeps(settings({ timerTargetArn: 'arn:t', scheduleGroup: 'g' }), { client, secret: SECRET }),
    ).rejects.toThrow(/timerRoleArn/);
    await expect(
      buildLifecycleDeps(settings({ timerTargetArn: 'arn:t', timerRoleArn: 'arn:r' }), { client, secret: SECRET }),
    ).rejects.toThrow(/scheduleGroup/);
  });
});
