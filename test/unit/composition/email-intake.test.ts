import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../../shared/adapters/dynamo/client';
import { S3RawMailStore } from '../../../shared/adapters/s3-raw-mail-store';
import type { LifecycleDeps } from '../../../shared/app/lifecycle/commit';
import type { BoundMailLifecycle } from '../../../shared/app/lifecycle/mail-lifecycle';
import type { LifecycleTelemetry } from '../../../shared/app/lifecycle/ports';
import { buildEmailIntakeDeps, emailIntakeDepsFrom } from '../../../shared/composition/email-intake';
import type { Settings } from '../../../shared/composition/settings';
import { localConfigInput, parseConfig } from '../../../shared/domain/config';
import { readDeliveryReport } from '../../../shared/mail/delivery-report';
import { FixedClock, InMemoryRawMailStore, RecordingMailer, RecordingQueue } from '../../support/fakes';
import { SECRET } from '../../support/lifecycle-fakes';

let dir: string;
const client = documentClient({ endpoint: 'http://127.0.0.1:9', region: 'us-east-1' });
const mailer = new RecordingMailer();
const clock = new FixedClock(new Date('2026-03-10T12:00:00Z'));
const queue = new RecordingQueue();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ouv-email-intake-'));
});
afterAll(async () => {
  client.destroy();
  await rm(dir, { recursive: true, force: true });
});

function settings(overrides: Partial<Settings> = {}): Settings {
  return {
    config: parseConfig(localConfigInput),
    tableName: 'ouvidoria-test',
    ticketDirectory: { kind: 'table' },
    dynamoEndpoint: 'http://127.0.0.1:9',
    ...overrides,
  };
}

describe('buildEmailIntakeDeps', () => {
  it('without a reply secret: no lifecycle (staff mail and replies are not handled)', async () => {
    const deps = await buildEmailIntakeDeps(settings(), { client, mailer, clock, queue });
    expect(deps.intake.lifecycle).toBeUndefined();
    expect(deps.intake.mailer).toBe(mailer);
    expect(deps.rawMail).toBeInstanceOf(S3RawMailStore);
    expect(deps.onBounces).toBeUndefined();
  });

  it('with a reply secret file: the lifecycle shares the client, clock and mailer and signs with the secret', async () => {
    const file = join(dir, 'reply-secret');
    await writeFile(file, `${SECRET}\n`, 'utf8');
    const telemetry = {} as LifecycleTelemetry;
    const deps = await buildEmailIntakeDeps(settings({ replySecret: { file } }), {
      client,
      mailer,
      queue,
      clock,
      lifecycleTelemetry: telemetry,
    });
    const lifecycle = (deps.intake.lifecycle as BoundMailLifecycle).deps;
    expect(lifecycle.secret).toBe(SECRET);
    // The lifecycle's mailer wraps the shared one: an analyst's answer relays its attachments.
    expect(lifecycle.mailer).not.toBe(mailer);
    await lifecycle.mailer.send({
      to: ['x@y.com.br'],
      from: 'Ouvidoria <o@x>',
      subject: 's',
      text: 't',
      html: '<p>t</p>',
      messageId: 'm@x',
      headers: {},
    });
    expect(mailer.sent).toHaveLength(1);
    expect(lifecycle.clock).toBe(clock);
    expect(lifecycle.telemetry).toBe(telemetry);
  });

  it('refuses a reply secret under 32 characters', async () => {
    const file = join(dir, 'short-secret');
    await writeFile(file, 'curto', 'utf8');
    await expect(buildEmailIntakeDeps(settings({ replySecret: { file } }), { client, mailer, queue })).rejects.toThrow(
      /at least 32 characters/,
    );
  });

  it('a given lifecycle, raw-mail store and bounce callback are used as they are (no secret read)', async () => {
    const lifecycle = { secret: 'given' } as LifecycleDeps;
    const rawMail = new InMemoryRawMailStore();
    const onBounces = () => {};
    const deps = await buildEmailIntakeDeps(settings({ replySecret: { file: join(dir, 'absent') } }), {
      client,
      mailer,
      queue,
      lifecycle,
      rawMail,
      onBounces,
    });
    // Used as given (no secret read), its mailer wrapped to relay attachments.
    expect((deps.intake.lifecycle as BoundMailLifecycle).deps).toMatchObject({ secret: 'given' });
    expect(deps.rawMail).toBe(rawMail);
    expect(deps.onBounces).toBe(onBounces);
  });
});

describe('emailIntakeDepsFrom', () => {
  it('parses with the configured limits and reads delivery reports', async () => {
    const intake = (await buildEmailIntakeDeps(settings(), { client, mailer, clock, queue })).intake;
    const rawMail = new InMemoryRawMailStore();
    const deps = emailIntakeDepsFrom(intake, rawMail);
    expect(deps.intake).toBe(intake);
    expect(deps.rawMail).toBe(rawMail);
    expect(deps.readReport).toBe(readDeliveryReport);
    expect('onBounces' in deps).toBe(false);
    const raw = Buffer.from(
      [
        'From: Maria <maria@lojadamaria.com.br>',
        'To: ouvidoria@ouvidoria.example.com.br',
        'Subject: Chamado #48213',
        'Message-ID: <abc@lojadamaria.com.br>',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'O problema continua.',
      ].join('\r\n'),
    );
    const submission = await deps.parse(raw, { sourceId: 'm1', receivedAt: '2026-03-10T12:00:00.000Z' } as never);
    expect(submission.text).toContain('O problema continua.');
  });
});
