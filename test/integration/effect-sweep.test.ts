/**
 * Fault injection on the lifecycle outbox over the real DynamoDB adapters (dynalite): a run that
 * dies after the case write and before its mail — right after the commit, or holding the effect's
 * claim — leaves the effect pending. Nobody posts the console form again, the platform retries (if
 * any) come while the claim still holds and succeed without sending: the mail must still go, once,
 * by the effects sweep (shared/app/lifecycle/effect-sweep.ts), whatever runs beside it.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoCaseRepository } from '../../shared/adapters/dynamo/case-repository';
import { DynamoCaseWorkStore } from '../../shared/adapters/dynamo/case-work-store';
import { createTableIfMissing } from '../../shared/adapters/dynamo/create-table';
import { GSI } from '../../shared/adapters/dynamo/table-design';
import type { LifecycleDeps } from '../../shared/app/lifecycle/commit';
import { resolveDeps } from '../../shared/app/lifecycle/commit';
import { MAX_NOTICE_REQUEUES, sweepPendingEffects } from '../../shared/app/lifecycle/effect-sweep';
import { handleMerchantReply } from '../../shared/app/lifecycle/merchant-reply';
import type { CaseWorkStore } from '../../shared/app/lifecycle/ports';
import { applyStaffCommand } from '../../shared/app/lifecycle/staff-command';
import { handleStaffMail } from '../../shared/app/lifecycle/staff-mail';
import { onTimer } from '../../shared/app/lifecycle/timers';
import { commandsOf } from '../../shared/console/http';
import type { ConsoleAction } from '../../shared/console/access';
import { localConfig } from '../../shared/domain/config';
import { staffReplyAddress } from '../../shared/domain/lifecycle/reply-address';
import type { WorkCase } from '../../shared/domain/lifecycle/types';
import { type DynaliteClients, startDynaliteClients } from '../support/emulators';
import { dynamoLifecycle } from '../support/dynamo-lifecycle';
import { FixedClock, RecordingQueue } from '../support/fakes';
import { asRecord, CASE_ID, MERCHANT, PROTOCOL, SECRET, staffMail, workCase } from '../support/lifecycle-fakes';

let db: DynaliteClients;
let raw: DynamoDBClient;
let doc: DynamoDBDocumentClient;
let tableSeq = 0;

beforeAll(async () => {
  db = await startDynaliteClients();
  ({ raw, doc } = db);
});

afterAll(async () => {
  await db?.stop();
});

const ANA = 'ana@empresa.com.br';
const BRUNO = 'bruno@empresa.com.br';
const SOFIA = 'sofia@empresa.com.br';

/** The Lambda's process ending mid-run (timeout, out of memory): nothing after it runs. */
class Died extends Error {
  override name = 'Runtime.ExitError';
}

async function world(c: WorkCase) {
  const table = `sweep-${++tableSeq}`;
  await createTableIfMissing(raw, table);
  const repository = new DynamoCaseRepository({ client: doc, tableName: table });
  await repository.create(asRecord(c));
  const store = new DynamoCaseWorkStore({ client: doc, tableName: table, repository });
  const clock = new FixedClock(new Date('2026-03-12T14:00:00.000Z'));
  const { deps, counter, mailer, timers } = await dynamoLifecycle(doc, table, { cases: store, clock });
  await counter.opened('ana', CASE_ID);
  const caseItem = async () =>
    (await doc.send(new GetCommand({ TableName: table, Key: { pk: `CASE#${CASE_ID}`, sk: 'CASE' } }))).Item;
  return { deps, store, mailer, timers, clock, caseItem };
}

type World = Awaited<ReturnType<typeof world>>;

/**
 * The same deps, but the process dies at `where`: `after-commit` — the re-read that follows the
 * case write (nothing claimed); `holding-claim` — right after taking the first effect's claim.
 */
function dying(w: World, where: 'after-commit' | 'holding-claim'): LifecycleDeps {
  let committed = false;
  const cases: CaseWorkStore = new Proxy(w.store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        if (prop === 'get' && committed && where === 'after-commit') throw new Died();
        const result = await value.apply(target, args);
        if (prop === 'commit') committed = (result as { ok: boolean }).ok;
        if (prop === 'claimEffect' && result === true && where === 'holding-claim') throw new Died();
        return result;
      };
    },
  });
  return { ...w.deps, cases };
}

const consoleForm = (action: ConsoleAction, fields: Record<string, string>) => {
  const commands = commandsOf(action, new URLSearchParams(fields), localConfig.lifecycle.maxExtensionBusinessDays);
  if ('problem' in commands) throw new Error(commands.problem);
  return commands;
};

/** One console action, as shared/console/http.ts applies it (the form's one-time id is the source). */
const consoleAction =
  (action: ConsoleAction, fields: Record<string, string>, who: 'ana' | 'sofia' = 'ana') =>
  async (deps: LifecycleDeps) => {
    const { parsed, body } = consoleForm(action, fields);
    const actor = {
      kind: 'staff' as const,
      id: who,
      role: who === 'sofia' ? ('supervisor' as const) : ('analyst' as const),
    };
    await applyStaffCommand(CASE_ID, actor, parsed, body, resolveDeps(deps), {
      sourceId: `console:${action}-1`,
      origin: 'console',
      channel: 'webform',
      receivedAt: '2026-03-12T14:00:00.000Z',
      subject: `[${PROTOCOL}] Resposta da Ouvidoria`,
    });
  };

const PATHS: Array<{
  name: string;
  status?: WorkCase['status'];
  run: (deps: LifecycleDeps) => Promise<unknown>;
  /** Recipient of each mail the action owes, once each. */
  mails: string[];
  timersArmed?: boolean;
}> = [
  {
    name: 'console answer',
    run: consoleAction('answer', { texto: 'Olá, Maria. O estorno do frete foi aprovado e cai em até 5 dias úteis.' }),
    mails: [MERCHANT],
  },
  {
    name: 'console close',
    status: 'IN_PROGRESS',
    run: consoleAction('close', {
      categoria: 'procedente',
      resumo: 'Estorno do frete aprovado',
      texto: 'Maria, o estorno foi feito; encerramos o caso.',
    }),
    mails: [MERCHANT],
  },
  {
    name: 'console transfer',
    run: consoleAction('transfer', { para: 'bruno', texto: 'Bruno, o caso é de logística: segue com você.' }),
    mails: [BRUNO],
  },
  {
    name: 'console extension',
    status: 'IN_PROGRESS',
    run: consoleAction('extend', { dias: '5', motivo: 'Aguardando o parecer da transportadora' }),
    mails: [MERCHANT],
    timersArmed: true,
  },
  {
    name: 'staff mail answer (caso+ address)',
    run: (deps) =>
      handleStaffMail(
        staffMail({
          to: staffReplyAddress(PROTOCOL, 'ana', SECRET, localConfig),
          from: ANA,
          text: 'Maria, conferimos com a transportadora: o reenvio sai amanhã.',
          sourceId: 'ses-staff-answer',
          messageId: 'ses-staff-answer@outlook.com',
        }),
        deps,
      ),
    mails: [MERCHANT],
  },
  {
    name: 'merchant reply forwarded to the analyst',
    run: async (deps) => {
      const parent = (await deps.cases.get(CASE_ID)) as WorkCase;
      return handleMerchantReply(
        parent,
        {
          sourceId: 'ses-merchant-2',
          channel: 'email',
          receivedAt: '2026-03-12T14:00:00.000Z',
          subject: `RE: [${PROTOCOL}] Resposta`,
          text: 'Ainda não recebi o estorno, podem verificar?',
          attachments: [],
          messageId: 'merchant-2@mail.gmail.com',
        },
        deps,
      );
    },
    mails: [ANA],
  },
  {
    name: 'lifecycle timer: escalation to the supervisors',
    run: (deps) => onTimer({ kind: 'escalation', caseId: CASE_ID, dueAt: workCase().dueAt as string }, deps),
    mails: [SOFIA],
  },
];

const sentTo = (w: World) => w.mailer.sent.flatMap((m) => m.to).sort();

describe('a run that dies between the case write and its mail', () => {
  describe.each(['after-commit', 'holding-claim'] as const)('dying %s', (where) => {
    it.each(PATHS)('$name: the sweep sends it once, with retries and another sweep beside it', async (path) => {
      const w = await world(workCase(path.status ? { status: path.status } : {}));
      await expect(path.run(dying(w, where))).rejects.toThrow(Died);
      expect(w.mailer.sent).toEqual([]);
      expect(Object.keys((await w.store.get(CASE_ID))?.pendingEffects ?? {}).length).toBeGreaterThan(0);

      // Too early: a live runner (or the dead one's claim) still owns it.
      w.clock.advance(30_000);
      expect(await sweepPendingEffects(w.deps)).toMatchObject({ examined: 0 });
      expect(w.mailer.sent).toEqual([]);

      // Past the claim: the sweep, a platform retry of the same cause and a second sweep at once.
      w.clock.advance(90_000);
      await Promise.all([
        sweepPendingEffects(w.deps),
        path.run(w.deps).catch(() => undefined),
        sweepPendingEffects(w.deps),
      ]);
      expect(sentTo(w)).toEqual([...path.mails].sort());
      if (path.timersArmed) expect(w.timers.list().length).toBeGreaterThan(0);
      const after = await w.store.get(CASE_ID);
      expect(after?.pendingEffects ?? {}).toEqual({});

      // The next run sends nothing (it may still unmark the case: a retry that settled the last
      // effect does not look at the marker); the one after finds nothing, in the index or the item.
      w.clock.advance(10 * 60_000);
      expect(await sweepPendingEffects(w.deps)).toMatchObject({ resumed: [], failed: [] });
      expect(await sweepPendingEffects(w.deps)).toEqual({
        examined: 0,
        resumed: [],
        requeued: [],
        givenUp: [],
        failed: [],
        oldestPendingSeconds: 0,
      });
      expect(sentTo(w)).toEqual([...path.mails].sort());
      const item = await w.caseItem();
      expect(item?.[GSI.pendingEffects.partitionKey]).toBeUndefined();
      expect(item?.[GSI.pendingEffects.sortKey]).toBeUndefined();
    });
  });

  it('a run that ends well leaves a marker the next sweep removes with one write, sending nothing', async () => {
    const w = await world(workCase());
    await consoleAction('answer', { texto: 'Maria, recebemos seu retorno e seguimos acompanhando.' })(w.deps);
    expect(sentTo(w)).toEqual([MERCHANT]);
    w.clock.advance(5 * 60_000);
    expect(await sweepPendingEffects(w.deps)).toEqual({
      examined: 1,
      resumed: [],
      requeued: [],
      givenUp: [],
      failed: [],
      oldestPendingSeconds: 300,
    });
    expect(await sweepPendingEffects(w.deps)).toEqual({
      examined: 0,
      resumed: [],
      requeued: [],
      givenUp: [],
      failed: [],
      oldestPendingSeconds: 0,
    });
    expect(sentTo(w)).toEqual([MERCHANT]);
  });

  it('an effect that fails again stays marked, and the next sweep sends it', async () => {
    const w = await world(workCase());
    await expect(
      consoleAction('answer', { texto: 'Maria, o reembolso foi processado hoje.' })(dying(w, 'after-commit')),
    ).rejects.toThrow(Died);
    w.clock.advance(2 * 60_000);
    w.mailer.failNext = Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'Throttling' });
    expect(await sweepPendingEffects(w.deps)).toMatchObject({ examined: 1, failed: [CASE_ID] });
    expect(w.mailer.sent).toEqual([]);
    w.clock.advance(5 * 60_000);
    expect(await sweepPendingEffects(w.deps)).toMatchObject({ examined: 1, resumed: [CASE_ID] });
    expect(sentTo(w)).toEqual([MERCHANT]);
  });
});

describe('an assignment whose analyst notice never went (its queue message dead-lettered)', () => {
  async function assignedNotNotified() {
    const w = await world(
      workCase({ status: 'QUEUED', assignee: undefined, assignedAt: undefined, analystNotifiedAt: undefined }),
    );
    const repository = w.store.repository;
    const at = w.clock.now();
    expect(await repository.assign(CASE_ID, 'ana', at, new Date('2026-03-26T13:00:00.000Z'))).toBe(true);
    return { ...w, repository, queue: new RecordingQueue() };
  }

  it('is re-queued once after the grace, whatever runs at once, then unmarked once notified', async () => {
    const w = await assignedNotNotified();
    // The queue's own redeliveries still own it.
    w.clock.advance(5 * 60_000);
    expect(await sweepPendingEffects(w.deps, { queue: w.queue })).toMatchObject({ examined: 1, requeued: [] });
    w.clock.advance(15 * 60_000);
    const runs = await Promise.all([
      sweepPendingEffects(w.deps, { queue: w.queue }),
      sweepPendingEffects(w.deps, { queue: w.queue }),
    ]);
    // Two sweeps at once may both see it before either moves the marker: the assignment queue is
    // FIFO (one group, content deduplication) and resends the notice only while none is recorded.
    expect(runs.flatMap((r) => r.requeued).length).toBeGreaterThanOrEqual(1);
    expect(new Set(w.queue.messages.map((m) => m.caseId))).toEqual(new Set([CASE_ID]));
    const queued = w.queue.messages.length;
    // Spaced: the next runs within the grace leave it alone.
    w.clock.advance(5 * 60_000);
    expect(await sweepPendingEffects(w.deps, { queue: w.queue })).toMatchObject({ requeued: [] });
    expect(w.queue.messages).toHaveLength(queued);
    // The assignment sent the notice: the next run unmarks the case, the one after finds nothing.
    await w.repository.markAnalystNotified(CASE_ID, w.clock.now());
    expect(await sweepPendingEffects(w.deps, { queue: w.queue })).toMatchObject({ examined: 1, requeued: [] });
    expect(await sweepPendingEffects(w.deps, { queue: w.queue })).toMatchObject({ examined: 0 });
    expect(w.queue.messages).toHaveLength(queued);
    expect(w.mailer.sent).toEqual([]);
  });

  it('a notice that never goes: a bounded number of re-queues, the supervisors told once, then left alone', async () => {
    const w = await assignedNotNotified();
    let givenUp = 0;
    // Every 5 minutes for three hours, the notice dead-lettering each time.
    for (let run = 0; run < 36; run++) {
      w.clock.advance(5 * 60_000);
      const result = await sweepPendingEffects(w.deps, { queue: w.queue });
      expect(result.failed).toEqual([]);
      givenUp += result.givenUp.length;
    }
    expect(w.queue.messages).toHaveLength(MAX_NOTICE_REQUEUES);
    expect(givenUp).toBe(1);
    expect(w.mailer.sent.map((m) => m.to)).toEqual([['sofia@empresa.com.br']]);
    // Left alone until a commit (a transfer) marks it anew.
    w.clock.advance(5 * 60_000);
    expect(await sweepPendingEffects(w.deps, { queue: w.queue })).toMatchObject({ examined: 0 });
  });

  it('a notified assignment is unmarked by the first run, nothing re-queued', async () => {
    const w = await assignedNotNotified();
    await w.repository.markAnalystNotified(CASE_ID, w.clock.now());
    w.clock.advance(20 * 60_000);
    expect(await sweepPendingEffects(w.deps, { queue: w.queue })).toEqual({
      examined: 1,
      resumed: [],
      requeued: [],
      givenUp: [],
      failed: [],
      oldestPendingSeconds: 1200,
    });
    expect(w.queue.messages).toEqual([]);
  });
});

describe('the closing’s retention when the run dies after the case write (LGPD: everything expires)', () => {
  it.each(['after-commit', 'holding-claim'] as const)(
    'dying %s: the sweep gives every item of the case the case’s expiry',
    async (where) => {
      const w = await world(workCase({ status: 'IN_PROGRESS' }));
      const close = consoleAction('close', {
        categoria: 'procedente',
        resumo: 'Estorno aprovado',
        texto: 'Encerramos.',
      });
      await expect(close(dying(w, where))).rejects.toThrow(Died);
      const expiry = (await w.caseItem())?.['expiresAt'];
      expect(typeof expiry).toBe('number');
      w.clock.advance(120_000);
      await sweepPendingEffects(w.deps);
      const { Items } = await doc.send(new ScanCommand({ TableName: `sweep-${tableSeq}` }));
      const ofCase = (Items ?? []).filter((i) => i['pk'] === `CASE#${CASE_ID}` || i['caseId'] === CASE_ID);
      expect(ofCase.length).toBeGreaterThan(2);
      expect(ofCase.filter((i) => i['expiresAt'] !== expiry).map((i) => `${i['pk']} ${i['sk']}`)).toEqual([]);
    },
  );
});
