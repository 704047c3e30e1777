import { describe, expect, it } from 'vitest';
import {
  createLifecycleTimerHandler,
  EffectsStillFailing,
  HeldRepliesStillFailing,
} from '../../../../functions/lifecycle-timer/handler';
import { resolveDeps } from '../../../../shared/app/lifecycle/commit';
import { EFFECT_SWEEP_EVENT, HELD_REPLY_SWEEP_EVENT } from '../../../../shared/runtime-env';
import type { HeldReplySweepDeps } from '../../../../shared/app/held-replies';
import { localConfig } from '../../../../shared/domain/config';
import {
  bounceKeys,
  FixedClock,
  InMemoryBounceCounter,
  InMemoryBounceRegistry,
  InMemoryCaseRepository,
  InMemoryHeldReplies,
  InMemoryReplyThrottle,
  InMemorySenderOpenCases,
  RecordingMailer,
} from '../../../support/fakes';
import { applyStaffCommand, type StaffActor } from '../../../../shared/app/lifecycle/staff-command';
import { commandsOf } from '../../../../shared/console/http';
import { ana, CASE_ID, lifecycleWorld, MERCHANT, workCase } from '../../../support/lifecycle-fakes';

/** A case closed on the console whose run died right after the commit: the closing mail is pending. */
async function closedAndDied() {
  const w = lifecycleWorld({ cases: [workCase({ status: 'IN_PROGRESS' })] });
  const died = Object.assign(new Error('the process ended'), { name: 'Runtime.ExitError' });
  const commit = w.cases.commit.bind(w.cases);
  const get = w.cases.get.bind(w.cases);
  let committed = false;
  w.cases.commit = async (c) => {
    const result = await commit(c);
    committed = result.ok;
    return result;
  };
  // The re-read after the write: the process is gone, nothing after it runs.
  w.cases.get = async (caseId) => {
    if (committed) throw died;
    return get(caseId);
  };
  const commands = commandsOf(
    'close',
    new URLSearchParams({ categoria: 'procedente', resumo: 'Estorno aprovado', texto: 'Maria, o estorno foi feito.' }),
    5,
  );
  if ('problem' in commands) throw new Error(commands.problem);
  await expect(
    applyStaffCommand(CASE_ID, ana as StaffActor, commands.parsed, commands.body, resolveDeps(w.deps), {
      sourceId: 'console:close-1',
      origin: 'console',
      channel: 'webform',
      receivedAt: w.clock.now().toISOString(),
      subject: 'Resposta da Ouvidoria',
    }),
  ).rejects.toBe(died);
  w.cases.commit = commit;
  w.cases.get = get;
  return w;
}

describe('lifecycle-timer handler', () => {
  it.each([
    { name: 'the sweep event runs the effects sweep', failing: false },
    { name: 'an effect failing again fails the run (the Errors alarm), kept for the next', failing: true },
  ])('$name', async ({ failing }) => {
    const w = await closedAndDied();
    expect(w.mailer.sent).toEqual([]);
    w.clock.advance(2 * 60_000);
    const handler = createLifecycleTimerHandler(async () => w.deps);
    if (failing) {
      w.mailer.failNext = Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'Throttling' });
      await expect(handler(EFFECT_SWEEP_EVENT)).rejects.toThrow(EffectsStillFailing);
      expect(w.mailer.sent).toEqual([]);
      return;
    }
    expect(await handler(EFFECT_SWEEP_EVENT)).toMatchObject({ kind: 'swept', examined: 1, resumed: [CASE_ID] });
    expect(w.mailer.sent.map((m) => m.to)).toEqual([[MERCHANT]]);
  });

  it.each([
    { name: 'a run that sends the pending closing mail', failing: false, lag: 120 },
    { name: 'a run whose effect fails again (reported before it throws)', failing: true, lag: 120 },
    { name: 'a run with nothing pending', failing: null, lag: 0 },
  ])('reports how far behind the sweep is, for the EffectSweepBehind alarm: $name', async ({ failing, lag }) => {
    const w = failing === null ? lifecycleWorld({ cases: [workCase()] }) : await closedAndDied();
    w.clock.advance(2 * 60_000);
    const reports: number[] = [];
    const handler = createLifecycleTimerHandler(
      async () => w.deps,
      undefined,
      (r) => reports.push(r.oldestPendingSeconds),
    );
    if (failing) w.mailer.failNext = Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'Throttling' });
    const run = handler(EFFECT_SWEEP_EVENT);
    if (failing) await expect(run).rejects.toThrow(EffectsStillFailing);
    else await run;
    expect(reports).toEqual([lag]);
  });

  it.each([
    [{ kind: 'sweep-effects', caseId: CASE_ID }, 'swept'],
    [{ kind: 'reminder', caseId: CASE_ID, dueAt: '2026-03-24T13:00:00.000Z' }, 'reminded'],
    [{ kind: 'reminder', caseId: CASE_ID, dueAt: '2026-03-24T13:00:00.000Z', extra: 1 }, 'reminded'],
  ])('routes %j', async (event, kind) => {
    const w = lifecycleWorld({ cases: [workCase()] });
    const result = await createLifecycleTimerHandler(async () => w.deps)(event);
    expect(result.kind).toBe(kind);
  });

  it.each([
    ['the breaker clear', 0, false],
    ['the breaker tripped', localConfig.autoReply.bounceBreakerPerHour, true],
  ])('the held-reply schedule’s event runs the held-reply sweep alone (%s)', async (_, bounces, tripped) => {
    const w = lifecycleWorld({ cases: [workCase()] });
    const counter = new InMemoryBounceCounter();
    const clock = new FixedClock(new Date('2026-11-24T16:00:05.000Z'));
    await counter.add(new Date('2026-11-24T16:00:00.000Z'), bounceKeys(bounces));
    const held: HeldReplySweepDeps = {
      cases: new InMemoryCaseRepository(),
      mailer: new RecordingMailer(),
      throttle: new InMemoryReplyThrottle(),
      bounces: new InMemoryBounceRegistry(),
      openCases: new InMemorySenderOpenCases(),
      bounceCounter: counter,
      held: new InMemoryHeldReplies(),
      clock,
      config: localConfig,
    };
    let lifecycleBuilt = false;
    const handler = createLifecycleTimerHandler(
      async () => {
        lifecycleBuilt = true;
        return w.deps;
      },
      undefined,
      undefined,
      async () => held,
    );
    expect(await handler(HELD_REPLY_SWEEP_EVENT)).toEqual({
      kind: 'held-replies',
      tripped,
      sent: [],
      suppressed: [],
      left: [],
      failed: [],
    });
    // Its runs need nothing of the lifecycle (its reply secret).
    expect(lifecycleBuilt).toBe(false);
  });

  it('a held reply that threw fails the run (the Errors alarm), after the others went', async () => {
    const w = lifecycleWorld({ cases: [workCase()] });
    const deps = {
      held: {
        heldSince: async () => [
          { caseId: 'email:a', heldAt: '2026-11-24T15:00:00.000Z', messageId: '<a@x>', to: 'a@x', headers: {} },
        ],
        hold: async () => undefined,
        remove: async () => undefined,
      },
      cases: {
        claimHeldReply: async () => {
          throw Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), {
            name: 'ProvisionedThroughputExceededException',
          });
        },
      },
      bounceCounter: new InMemoryBounceCounter(),
      clock: new FixedClock(new Date('2026-11-24T16:00:05.000Z')),
      config: localConfig,
    } as unknown as HeldReplySweepDeps;
    const handler = createLifecycleTimerHandler(
      async () => w.deps,
      undefined,
      undefined,
      async () => deps,
    );
    await expect(handler(HELD_REPLY_SWEEP_EVENT)).rejects.toThrow(HeldRepliesStillFailing);
  });

  it('refuses anything else', async () => {
    const w = lifecycleWorld();
    await expect(createLifecycleTimerHandler(async () => w.deps)({ kind: 'sweep' })).rejects.toThrow();
  });
});
