/**
 * The reviewer's scenarios (bench/.tmp/redteam2): a pending effect carried out after a later
 * transition changed the case — by a retry, the effects sweep, or a runner racing the next commit —
 * on dynalite with the real adapters (case store, analysts' open-case markers, the merchant's
 * OPEN#<address> item). What a later transition overtook is settled unsent (effect-fit.ts); the
 * counts converge on the case's final state (effects.ts convergeCounts) in every interleaving.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoCaseRepository } from '../../shared/adapters/dynamo/case-repository';
import { DynamoCaseWorkStore } from '../../shared/adapters/dynamo/case-work-store';
import { createTableIfMissing } from '../../shared/adapters/dynamo/create-table';
import { DynamoSenderOpenCases, inboxKey } from '../../shared/adapters/dynamo/sender-open-cases';
import type { LifecycleDeps } from '../../shared/app/lifecycle/commit';
import { sweepPendingEffects } from '../../shared/app/lifecycle/effect-sweep';
import { handleMerchantReply } from '../../shared/app/lifecycle/merchant-reply';
import { handleStaffMail } from '../../shared/app/lifecycle/staff-mail';
import { onTimer } from '../../shared/app/lifecycle/timers';
import { localConfig } from '../../shared/domain/config';
import { staffReplyAddress } from '../../shared/domain/lifecycle/reply-address';
import type { WorkCase } from '../../shared/domain/lifecycle/types';
import type { Submission } from '../../shared/domain/submission';
import { type DynaliteClients, startDynaliteClients } from '../support/emulators';
import { dynamoLifecycle } from '../support/dynamo-lifecycle';
import { FixedClock } from '../support/fakes';
import { asRecord, CASE_ID, MERCHANT, PROTOCOL, SECRET, staffMail, workCase } from '../support/lifecycle-fakes';

let db: DynaliteClients;
let tableSeq = 0;

beforeAll(async () => {
  db = await startDynaliteClients();
});

afterAll(async () => {
  await db?.stop();
});

const throttled = () => Object.assign(new Error('Throttling'), { name: 'Throttling' });

/** A table with the case in `state`, the roster, and the lifecycle's deps over the real adapters. */
async function world(state: Partial<WorkCase>, now = '2026-03-12T14:00:00.000Z') {
  const table = `stale-effects-${++tableSeq}`;
  await createTableIfMissing(db.raw, table);
  const repository = new DynamoCaseRepository({ client: db.doc, tableName: table });
  await repository.create(asRecord(workCase(state)));
  const cases = new DynamoCaseWorkStore({ client: db.doc, tableName: table, repository });
  const clock = new FixedClock(new Date(now));
  const openCases = new DynamoSenderOpenCases(db.doc, table, () => clock.now(), localConfig);
  const { deps, counter, mailer } = await dynamoLifecycle(db.doc, table, { cases, clock, openCases });
  // The case as it stands: open ones hold their analyst's marker and the merchant's slot.
  if (state.status !== 'CLOSED') {
    await counter.opened(state.assignee ?? 'ana', CASE_ID);
    await openCases.add(MERCHANT, CASE_ID);
  }
  const at = (iso: string) => {
    clock.now = () => new Date(iso);
  };
  /** Whether the counts agree with the case: the markers of `analysts` and the merchant's slot. */
  const counts = async (analysts: string[]) => {
    const c = (await cases.get(CASE_ID)) as WorkCase;
    const open = c.status !== 'CLOSED';
    const markers = Object.fromEntries(
      await Promise.all(analysts.map(async (id) => [id, (await counter.tally(id)).count] as const)),
    );
    const inbox = (await db.doc.send(new GetCommand({ TableName: table, Key: inboxKey(MERCHANT) }))).Item;
    const slot = [...((inbox?.['caseIds'] as Set<string> | undefined) ?? [])].includes(CASE_ID);
    const expected = Object.fromEntries(analysts.map((id) => [id, open && c.assignee === id ? 1 : 0]));
    return { status: c.status, consistent: JSON.stringify(markers) === JSON.stringify(expected) && slot === open };
  };
  const toMerchant = () => mailer.sent.filter((m) => m.to.includes(MERCHANT));
  return { table, cases, counter, mailer, deps, at, counts, toMerchant, inbox: () => inboxKey(MERCHANT) };
}

const anaTo = () => staffReplyAddress(PROTOCOL, 'ana', SECRET, localConfig);
const closeMail = (sourceId = 'ses-close') =>
  staffMail({
    sourceId,
    messageId: `${sourceId}@outlook.com`,
    to: anaTo(),
    from: 'ana@empresa.com.br',
    text: '#encerrar resolvido Estorno feito.\n\nOlá, Maria. O estorno foi feito.',
  });
const reply = (at: string): Submission =>
  ({
    sourceId: 'ses-merchant-2',
    channel: 'email',
    receivedAt: at,
    subject: `Re: [${PROTOCOL}] Caso encerrado`,
    text: 'O estorno não apareceu, a cobrança continua em dobro na fatura.',
    attachments: [],
    messageId: 'CAF=merchant-2@mail.gmail.com',
  }) as unknown as Submission;
/**
 * The network's latency, as Lambdas meet it: each count write waits a little (varied by round), so
 * that one runner's write lands after another's — the window the races need.
 */
function slowCounts(deps: LifecycleDeps, round: number): void {
  const counter = deps.counter;
  const open = deps.openCases;
  const wait = (salt: number) => delay((round * salt) % 13);
  deps.counter = {
    opened: async (...args) => {
      await wait(5);
      return counter.opened(...args);
    },
    closed: async (...args) => {
      await wait(3);
      return counter.closed(...args);
    },
  };
  if (open) {
    deps.openCases = {
      add: async (...args) => {
        await wait(7);
        return open.add(...args);
      },
      release: async (...args) => {
        await wait(11);
        return open.release(...args);
      },
    };
  }
}
const swallow = (p: Promise<unknown>) => p.catch(() => undefined);
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a pending effect a later transition overtook', () => {
  it('the closing mail failed, she replied and reopened it: the sweep sends no closing, frees no slot', async () => {
    const w = await world({ status: 'IN_PROGRESS' });
    w.mailer.failNext = throttled();
    await swallow(handleStaffMail(closeMail(), w.deps));
    w.at('2026-03-12T14:05:00.000Z');
    await handleMerchantReply((await w.cases.get(CASE_ID)) as WorkCase, reply('2026-03-12T14:05:00.000Z'), w.deps);
    w.at('2026-03-12T14:10:00.000Z');
    await sweepPendingEffects(w.deps);
    const mails = w.toMerchant().map((m) => (m.text.includes('reabrimos') ? 'reopened' : 'other'));
    expect(mails).toEqual(['reopened']);
    expect(await w.counts(['ana'])).toEqual({ status: 'IN_PROGRESS', consistent: true });
    expect((await w.cases.get(CASE_ID))?.pendingEffects ?? {}).toEqual({});
  });

  it('a reopening’s count failed once, the analyst closed again: the sweep leaves no marker, frees the slot with its TTL', async () => {
    const w = await world({
      status: 'CLOSED',
      closedAt: '2026-03-12T13:00:00.000Z',
      closure: { category: 'resolvido', summary: 'ok', at: '2026-03-12T13:00:00.000Z', by: 'ana' },
    });
    const real = w.deps.counter;
    let fail = true;
    w.deps.counter = {
      opened: async (...args) => {
        if (fail) {
          fail = false;
          throw throttled();
        }
        return real.opened(...args);
      },
      closed: (...args) => real.closed(...args),
    };
    await swallow(
      handleMerchantReply((await w.cases.get(CASE_ID)) as WorkCase, reply('2026-03-12T14:00:00.000Z'), w.deps),
    );
    w.at('2026-03-12T14:00:30.000Z');
    await handleStaffMail(closeMail('ses-close-2'), w.deps);
    w.at('2026-03-12T14:05:00.000Z');
    await sweepPendingEffects(w.deps);
    expect(await w.counts(['ana'])).toEqual({ status: 'CLOSED', consistent: true });
    const inbox = (await db.doc.send(new GetCommand({ TableName: w.table, Key: w.inbox() }))).Item;
    expect(inbox?.['expiresAt']).toBeTypeOf('number');
  });

  it('the escalation failed once and the case was closed: the sweep alerts no one', async () => {
    const due = '2026-03-24T13:00:00.000Z';
    const w = await world({ status: 'IN_PROGRESS', dueAt: due }, due);
    w.mailer.failNext = throttled();
    await swallow(onTimer({ kind: 'escalation', caseId: CASE_ID, dueAt: due }, w.deps));
    w.at('2026-03-24T13:00:40.000Z');
    await handleStaffMail(closeMail(), w.deps);
    const before = w.mailer.sent.length;
    w.at('2026-03-24T13:05:00.000Z');
    await sweepPendingEffects(w.deps);
    expect(w.mailer.sent.slice(before).map((m) => m.subject)).toEqual([]);
  });
});

// Pure races, nothing fails: before, 3–5 of 60 rounds of the first ended CLOSED with bruno's
// marker counted, and 2 of 80 of the second freed her slot on an open case.
describe('concurrent transitions, the counts end as the case', () => {
  const ROUNDS = 100;

  it(`#transferir bruno against a supervisor’s #encerrar, ${ROUNDS} rounds`, async () => {
    const outcomes: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const w = await world({ status: 'IN_PROGRESS' });
      slowCounts(w.deps, round);
      const transfer = async () => {
        await delay(round % 7);
        await handleStaffMail(
          staffMail({ sourceId: 'ses-t', to: anaTo(), from: 'ana@empresa.com.br', text: '#transferir bruno' }),
          w.deps,
        );
      };
      const close = async () => {
        await delay((round * 3) % 5);
        await handleStaffMail(
          staffMail({
            sourceId: 'ses-c',
            to: staffReplyAddress(PROTOCOL, 'sofia', SECRET, localConfig),
            from: 'sofia@empresa.com.br',
            text: '#encerrar resolvido ok\n\nMaria, resolvido.',
          }),
          w.deps,
        );
      };
      await Promise.all([swallow(transfer()), swallow(close())]);
      const { status, consistent } = await w.counts(['ana', 'bruno']);
      if (!consistent) outcomes.push(`round ${round}: ${status}, counts differ`);
    }
    expect(outcomes).toEqual([]);
  }, 120_000);

  it(`#encerrar against the merchant’s reply, ${ROUNDS} rounds`, async () => {
    const outcomes: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const w = await world({ status: 'IN_PROGRESS' });
      slowCounts(w.deps, round);
      const close = async () => {
        await delay(round % 4);
        await handleStaffMail(closeMail(), w.deps);
      };
      const answer = async () => {
        await delay((round * 7) % 5);
        await handleMerchantReply((await w.cases.get(CASE_ID)) as WorkCase, reply('2026-03-12T14:00:00.000Z'), w.deps);
      };
      await Promise.all([swallow(close()), swallow(answer())]);
      const { status, consistent } = await w.counts(['ana']);
      if (!consistent) outcomes.push(`round ${round}: ${status}, counts differ`);
    }
    expect(outcomes).toEqual([]);
  }, 120_000);
});
