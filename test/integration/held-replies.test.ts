/**
 * The held-reply sweep on the real adapters (dynalite, aws-ses-v2-local): guidance the bounce breaker
 * held during an attacker's hour goes out once the breaker is clear — once, under two sweeps at once —
 * and never while an attacker keeps it tripped, nor after its freshness window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoBounceCounter } from '../../shared/adapters/dynamo/bounce-counter';
import { sendHeldReplies } from '../../shared/app/held-replies';
import type { Settings } from '../../shared/composition/settings';
import { buildHeldReplySweepDeps } from '../../shared/composition/held-replies';
import { caseIdFor } from '../../shared/domain/case';
import { localConfig } from '../../shared/domain/config';
import { buildHarness } from '../support/email-intake-harness';
import { type DynaliteHandle, type SesLocalHandle, startDynalite, startSesLocal } from '../support/emulators';
import { bounceKeys, FixedClock } from '../support/fakes';

const PER_HOUR = localConfig.autoReply.bounceBreakerPerHour;
const MERCHANT = 'lojista@modasbella.com.br';
let dynalite: DynaliteHandle;
let ses: SesLocalHandle;

beforeAll(async () => {
  [dynalite, ses] = await Promise.all([startDynalite(), startSesLocal()]);
});
afterAll(async () => {
  await Promise.all([dynalite?.stop(), ses?.stop()]);
});

function guidanceMail(n: number): string {
  return [
    `From: Marina Costa <${MERCHANT}>`,
    'To: ouvidoria@ouvidoria.example.com.br',
    'Subject: Minha loja está fora do ar',
    `Message-ID: <loja-${n}@mail.gmail.com>`,
    'Date: Tue, 24 Nov 2026 11:00:00 -0300',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Bom dia, minha loja está fora do ar há dois dias e o suporte não responde. Preciso de ajuda urgente.',
    '',
  ].join('\r\n');
}

async function heldWorld(tableName: string) {
  const clock = new FixedClock(new Date('2026-11-24T14:00:05.000Z'));
  await ses.clear();
  const h = await buildHarness({ dynamoEndpoint: dynalite.endpoint, sesEndpoint: ses.endpoint, tableName, clock });
  const counter = new DynamoBounceCounter(h.client, tableName);
  // An attacker's domain tripped the breaker this hour.
  await counter.add(new Date('2026-11-24T14:00:00.000Z'), bounceKeys(PER_HOUR));
  await h.deliver('ses-loja-1', guidanceMail(1));
  const caseId = caseIdFor('email', 'ses-loja-1');
  expect((await h.cases.get(caseId))?.reply).toMatchObject({ status: 'suppressed', reason: 'bounce-breaker' });
  expect(await ses.outbox()).toHaveLength(0);
  const settings = { tableName, config: localConfig, sesEndpoint: ses.endpoint } as Settings;
  const sweep = buildHeldReplySweepDeps(settings, { client: h.client, clock });
  return { h, clock, counter, caseId, sweep };
}

describe('the held-reply sweep, on dynalite and the SES emulator', () => {
  it('two sweeps at once, the breaker clear: her held guidance goes once, marked late', async () => {
    const { h, clock, caseId, sweep } = await heldWorld('ouvidoria-held-replies');
    clock.set(new Date('2026-11-24T16:00:05.000Z'));
    const [a, b] = await Promise.all([sendHeldReplies(sweep), sendHeldReplies(sweep)]);
    expect([...a.sent, ...b.sent]).toEqual([caseId]);
    const outbox = await ses.outbox();
    expect(outbox.map((mail) => mail.destination.to)).toEqual([[MERCHANT]]);
    expect((await h.cases.get(caseId))?.reply).toMatchObject({ status: 'sent', heldAt: '2026-11-24T14:00:05.000Z' });
    // Its item is gone: a third run finds nothing.
    expect(await sendHeldReplies(sweep)).toEqual({ tripped: false, sent: [], suppressed: [], left: [], failed: [] });
    expect(await ses.outbox()).toHaveLength(1);
  });

  it('an attacker keeping the breaker tripped: nothing goes; past the window, it is dropped, not sent', async () => {
    const { h, clock, counter, caseId, sweep } = await heldWorld('ouvidoria-held-replies-attack');
    for (const hour of ['2026-11-24T15:00:00.000Z', '2026-11-24T16:00:00.000Z']) {
      await counter.add(new Date(hour), bounceKeys(PER_HOUR));
      clock.set(new Date(Date.parse(hour) + 30 * 60_000));
      expect(await sendHeldReplies(sweep)).toMatchObject({ tripped: true, sent: [] });
    }
    clock.set(new Date('2026-11-25T15:00:00.000Z'));
    expect(await sendHeldReplies(sweep)).toEqual({ tripped: false, sent: [], suppressed: [], left: [], failed: [] });
    expect(await ses.outbox()).toHaveLength(0);
    expect((await h.cases.get(caseId))?.reply).toMatchObject({ status: 'suppressed', reason: 'bounce-breaker' });
  });
});
