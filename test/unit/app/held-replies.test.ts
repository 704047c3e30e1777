import { beforeEach, describe, expect, it } from 'vitest';
import { sendHeldReplies, type HeldReplySweepDeps } from '../../../shared/app/held-replies';
import { HELD_REPLY_READ_PER_RUN, HELD_REPLY_TRIES_PER_RUN } from '../../../shared/domain/bounce-breaker';
import { type IntakeDeps, processSubmission } from '../../../shared/app/intake';
import { caseIdFor } from '../../../shared/domain/case';
import { localConfig } from '../../../shared/domain/config';
import { replyOutcomePt } from '../../../shared/domain/reply-outcome';
import { type SubmissionInput, SubmissionSchema } from '../../../shared/domain/submission';
import {
  bounceKeys,
  FixedClock,
  InMemoryBounceCounter,
  InMemoryBounceRegistry,
  InMemoryCaseRepository,
  InMemoryHeldReplies,
  InMemoryReplyThrottle,
  InMemorySenderOpenCases,
  InMemoryTicketDirectory,
  RecordingMailer,
  RecordingQueue,
} from '../../support/fakes';

const PER_HOUR = localConfig.autoReply.bounceBreakerPerHour;
const MERCHANT = 'lojista@modasbella.com.br';
const HOUR = new Date('2026-11-24T14:00:00.000Z');
const HELD_AT = new Date('2026-11-24T14:00:05.000Z');
/** Two hours on, no bounce since: the breaker is clear. */
const CLEAR = new Date('2026-11-24T16:00:05.000Z');

/** Guidance: her store is down, no ticket named (NO_PRIOR_TICKET). */
function guidance(n: number, overrides: Partial<SubmissionInput> = {}) {
  return SubmissionSchema.parse({
    channel: 'email',
    sourceId: `ses-${n}`,
    receivedAt: '2026-11-24T14:00:00.000Z',
    sender: { name: 'Marina Costa', address: MERCHANT },
    returnPath: MERCHANT,
    recipients: ['ouvidoria@ouvidoria.example.com.br'],
    subject: 'Minha loja está fora do ar',
    text: 'Bom dia, minha loja está fora do ar há dois dias e o suporte não responde. Preciso de ajuda urgente.',
    messageId: `CAF${n}@mail.gmail.com`,
    verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
    ...overrides,
  });
}

let clock: FixedClock;
let counter: InMemoryBounceCounter;
let held: InMemoryHeldReplies;
let cases: InMemoryCaseRepository;
let mailer: RecordingMailer;
let bounces: InMemoryBounceRegistry;
let throttle: InMemoryReplyThrottle;
let intake: IntakeDeps;
let sweep: HeldReplySweepDeps;

beforeEach(async () => {
  clock = new FixedClock(HELD_AT);
  counter = new InMemoryBounceCounter();
  held = new InMemoryHeldReplies();
  cases = new InMemoryCaseRepository();
  mailer = new RecordingMailer();
  bounces = new InMemoryBounceRegistry();
  throttle = new InMemoryReplyThrottle();
  const openCases = new InMemorySenderOpenCases();
  intake = {
    cases,
    tickets: new InMemoryTicketDirectory([]),
    mailer,
    queue: new RecordingQueue(),
    throttle,
    bounces,
    openCases,
    bounceCounter: counter,
    heldReplies: held,
    clock,
    config: localConfig,
  };
  sweep = { cases, mailer, throttle, bounces, openCases, bounceCounter: counter, held, clock, config: localConfig };
  // An attacker's domain tripped the breaker: her guidance is held.
  await counter.add(HOUR, bounceKeys(PER_HOUR));
  await processSubmission(guidance(1), intake);
  expect(mailer.sent).toEqual([]);
});

const CASE = caseIdFor('email', 'ses-1');

describe('sendHeldReplies: a held reply goes out once the breaker is clear', () => {
  it('sends it once, as the reply it was (our Message-ID, in her thread), and the case says it went late', async () => {
    const [kept] = await held.heldSince(new Date(0), HELD_AT);
    clock.set(CLEAR);
    expect(await sendHeldReplies(sweep)).toEqual({
      tripped: false,
      sent: [CASE],
      suppressed: [],
      left: [],
      failed: [],
    });
    expect(mailer.sent).toHaveLength(1);
    const mail = mailer.sent[0]!;
    expect(mail).toMatchObject({ to: [MERCHANT], messageId: kept?.messageId });
    expect(mail.headers?.['In-Reply-To']).toBe('<CAF1@mail.gmail.com>');
    expect(mail.text).toMatch(/Central de Ajuda|chamado/i);
    const record = await cases.get(CASE);
    expect(record?.reply).toMatchObject({ status: 'sent', heldAt: HELD_AT.toISOString() });
    expect(replyOutcomePt(record!, (iso) => iso).text).toMatch(/com atraso: retida em 2026-11-24T14:00:05/);
    expect(held.items.size).toBe(0);
    // The next run (or a retried one) has nothing left.
    expect((await sendHeldReplies(sweep)).sent).toEqual([]);
    expect(mailer.sent).toHaveLength(1);
  });

  it('the same text as had it not been held', async () => {
    const fresh = new RecordingMailer();
    clock.set(CLEAR);
    await processSubmission(
      guidance(9, {
        sender: { name: 'Marina Costa', address: 'outra@modasbella.com.br' },
        returnPath: 'outra@modasbella.com.br',
      }),
      {
        ...intake,
        mailer: fresh,
      },
    );
    await sendHeldReplies(sweep);
    expect(mailer.sent[0]?.text).toBe(fresh.sent[0]?.text);
  });

  // rt57 red team: the attacker keeps the breaker tripped, or waits out the window.
  it.each<[string, () => Promise<void>, Date]>([
    [
      'the breaker still tripped this hour',
      async () => counter.add(new Date('2026-11-24T16:00:00.000Z'), bounceKeys(PER_HOUR)),
      CLEAR,
    ],
    [
      'tripped by the hour before (sliding window)',
      async () => counter.add(new Date('2026-11-24T15:00:00.000Z'), bounceKeys(PER_HOUR + 1)),
      new Date('2026-11-24T16:00:05.000Z'),
    ],
  ])('nothing goes while %s', async (_, trip, at) => {
    await trip();
    clock.set(at);
    expect(await sendHeldReplies(sweep)).toMatchObject({ tripped: true, sent: [] });
    expect(mailer.sent).toEqual([]);
    expect(held.items.size).toBe(1);
    expect((await cases.get(CASE))?.reply).toMatchObject({ status: 'suppressed', reason: 'bounce-breaker' });
  });

  it.each([
    ['a day and a minute on', '2026-11-25T14:01:05.000Z'],
    ['three days on', '2026-11-27T14:00:05.000Z'],
  ])('dropped, not sent, %s (stale guidance)', async (_, at) => {
    clock.set(new Date(at));
    expect(await sendHeldReplies(sweep)).toEqual({ tripped: false, sent: [], suppressed: [], left: [], failed: [] });
    expect(mailer.sent).toEqual([]);
    expect((await cases.get(CASE))?.reply).toMatchObject({ status: 'suppressed', reason: 'bounce-breaker' });
  });

  it.each<[string, () => Promise<void>, string]>([
    [
      'her address bounced while it was held',
      async () => bounces.markBouncing(MERCHANT, new Date('2026-12-24T00:00:00.000Z'), 'hard'),
      'bounce-memory',
    ],
    [
      'her inbox already had the day’s guidance',
      async () => {
        await throttle.tryConsume(MERCHANT, 'NO_PRIOR_TICKET', '2026-11-24', 1, 'outro-caso');
      },
      'throttled',
    ],
  ])('stays unsent when %s: recorded so, done', async (_, before, reason) => {
    await before();
    clock.set(CLEAR);
    expect(await sendHeldReplies(sweep)).toMatchObject({ sent: [], suppressed: [CASE] });
    expect(mailer.sent).toEqual([]);
    expect((await cases.get(CASE))?.reply).toMatchObject({ status: 'suppressed', reason });
    expect(held.items.size).toBe(0);
  });

  it('answered otherwise meanwhile (her mail retried once the breaker cleared): never a second reply', async () => {
    await cases.recordReply(CASE, { status: 'sent', messageId: 'x@ouvidoria', at: CLEAR.toISOString() });
    clock.set(CLEAR);
    expect(await sendHeldReplies(sweep)).toMatchObject({ sent: [], left: [CASE] });
    expect(mailer.sent).toEqual([]);
    expect(held.items.size).toBe(0);
  });

  it('erased meanwhile (a data-subject request): nothing sent, and its item, which names her address, goes', async () => {
    cases.records.delete(CASE);
    clock.set(CLEAR);
    expect(await sendHeldReplies(sweep)).toMatchObject({ sent: [], left: [CASE] });
    expect(mailer.sent).toEqual([]);
    expect(held.items.size).toBe(0);
  });

  it('a send that failed for a reason a retry fixes goes on the next run', async () => {
    clock.set(CLEAR);
    mailer.failNext = Object.assign(new Error('Throttling'), { name: 'Throttling' });
    expect(await sendHeldReplies(sweep)).toMatchObject({ sent: [], left: [CASE] });
    expect(await sendHeldReplies(sweep)).toMatchObject({ sent: [CASE] });
    expect(mailer.sent).toHaveLength(1);
  });

  it('one reply that throws does not stop the others: reported, retaken once its claim is stale', async () => {
    const other = 'outra@modasbella.com.br';
    await processSubmission(
      guidance(2, { sender: { name: 'Marina Costa', address: other }, returnPath: other }),
      intake,
    );
    clock.set(CLEAR);
    const isSuppressed = bounces.isSuppressed.bind(bounces);
    bounces.isSuppressed = async (address, now) => {
      if (address === MERCHANT) throw new Error('ProvisionedThroughputExceededException');
      return isSuppressed(address, now);
    };
    expect(await sendHeldReplies(sweep)).toMatchObject({ sent: [caseIdFor('email', 'ses-2')], failed: [CASE] });
    bounces.isSuppressed = isSuppressed;
    clock.set(new Date(CLEAR.getTime() + 5 * 60_000));
    expect(await sendHeldReplies(sweep)).toMatchObject({ sent: [CASE], failed: [] });
    expect(mailer.sent.map((mail) => mail.to)).toEqual([[other], [MERCHANT]]);
  });

  it('a held confirmation link is asked for again on its queue; with no queue wired it stays held', async () => {
    const link = {
      caseId: 'webform:p-1',
      heldAt: HELD_AT.toISOString(),
      messageId: '',
      to: 'x@loja.example',
      headers: {},
      link: true as const,
    };
    await held.hold(link);
    clock.set(CLEAR);
    const unwired = await sendHeldReplies(sweep);
    expect(unwired.left).toEqual(['webform:p-1']);
    expect(held.items.size).toBe(1);
    const asked: unknown[] = [];
    const run = await sendHeldReplies({ ...sweep, confirmMails: { request: async (m) => void asked.push(m) } });
    expect(run.sent).toEqual(['webform:p-1']);
    expect(asked).toEqual([{ kind: 'confirm-link', id: 'webform:p-1' }]);
    expect(held.items.size).toBe(0);
  });

  it('two sweeps at once send it once', async () => {
    clock.set(CLEAR);
    const [a, b] = await Promise.all([sendHeldReplies(sweep), sendHeldReplies(sweep)]);
    expect([...a.sent, ...b.sent]).toEqual([CASE]);
    expect(mailer.sent).toHaveLength(1);
  });

  it('spends at most the breaker’s headroom spread over the hour’s runs: the attacker’s held replies bounce again', async () => {
    // 40 more held replies, to made-up addresses of the attacker's domain.
    for (let n = 2; n <= 41; n++) {
      const address = `x${n}@devolve-tudo.example`;
      await processSubmission(guidance(n, { sender: { name: '', address }, returnPath: address }), intake);
    }
    expect(held.items.size).toBe(41);
    clock.set(CLEAR);
    const run = await sendHeldReplies(sweep);
    const budget = Math.ceil(PER_HOUR / 12);
    expect(run.sent).toHaveLength(budget);
    expect(run.left).toHaveLength(41 - budget);
    // Oldest first: hers, held first, went in the first run.
    expect(run.sent[0]).toBe(CASE);
  });

  it('a merchant held after the attacker’s replies still goes in the first run: the least-held domains first', async () => {
    for (let n = 2; n <= 41; n++) {
      const address = `x${n}@a${n % 5}.devolve-tudo.example`;
      await processSubmission(guidance(n, { sender: { name: '', address }, returnPath: address }), intake);
    }
    const other = 'contato@eletroponto.com.br';
    clock.set(new Date(HELD_AT.getTime() + 60_000));
    await processSubmission(guidance(42, { sender: { name: 'Rui', address: other }, returnPath: other }), intake);
    expect(held.items.size).toBe(42);
    clock.set(CLEAR);
    const run = await sendHeldReplies(sweep);
    expect(run.sent.slice(0, 2)).toEqual([CASE, caseIdFor('email', 'ses-42')]);
    expect(mailer.sent.slice(0, 2).map((m) => m.to)).toEqual([[MERCHANT], [other]]);
  });

  // rt60 red team: one made-up domain per held reply (no DNS: a bounce each) ties every domain's load at
  // one, so the oldest went first — a merchant who wrote after the attacker's hour waited behind all of it.
  it.each([
    ['the From and its envelope', { spf: 'GRAY', dkim: 'GRAY', dmarc: 'GRAY' }],
    ['the envelope (a DKIM signature of the attacker’s own domain)', { spf: 'GRAY', dkim: 'PASS', dmarc: 'GRAY' }],
  ] as const)('a merchant held after forty replies to made-up domains goes first: %s unproven', async (_, auth) => {
    for (let n = 2; n <= 41; n++) {
      const address = `contato@loja-${n}-nao-existe.com.br`;
      await processSubmission(
        guidance(n, {
          sender: { name: '', address },
          returnPath: address,
          verdicts: { spam: 'PASS', virus: 'PASS', ...auth },
        }),
        intake,
      );
    }
    const other = 'contato@eletroponto.com.br';
    clock.set(new Date(HELD_AT.getTime() + 60_000));
    await processSubmission(guidance(42, { sender: { name: 'Rui', address: other }, returnPath: other }), intake);
    expect(held.items.size).toBe(42);
    clock.set(CLEAR);
    const run = await sendHeldReplies(sweep);
    expect(run.sent.slice(0, 2)).toEqual([CASE, caseIdFor('email', 'ses-42')]);
  });

  // rt60: the attacker's own real Gmail account, writing thirty times while tripped, made gmail.com the
  // most-held domain: every merchant writing from Gmail went after the attack's domain, whose replies re-trip it.
  it('one inbox held many times weighs as one mailbox: a Gmail merchant still goes in the first run', async () => {
    for (let n = 2; n <= 6; n++) {
      const address = `x${n}@devolve-tudo.example`;
      await processSubmission(guidance(n, { sender: { name: '', address }, returnPath: address }), intake);
    }
    for (let n = 7; n <= 36; n++) {
      const address = n % 2 ? 'golpista.r.silva@gmail.com' : 'golpistarsilva+loja@gmail.com';
      await processSubmission(guidance(n, { sender: { name: '', address }, returnPath: address }), intake);
    }
    const marina = 'marina.costa.moda@gmail.com';
    clock.set(new Date(HELD_AT.getTime() + 60_000));
    await processSubmission(guidance(42, { sender: { name: 'Marina', address: marina }, returnPath: marina }), intake);
    expect(held.items.size).toBe(37);
    clock.set(CLEAR);
    const run = await sendHeldReplies(sweep);
    expect(run.sent).toContain(caseIdFor('email', 'ses-42'));
  });

  // rt60: replies that go unsent spend no budget, so a run walked them all, to the function's timeout.
  it('one run tries at most HELD_REPLY_TRIES_PER_RUN: one inbox held 250 times is worked through over runs', async () => {
    const spam = 'contato@liquida-ja.com.br';
    for (let n = 2; n <= 251; n++) {
      await processSubmission(guidance(n, { sender: { name: '', address: spam }, returnPath: spam }), intake);
    }
    clock.set(CLEAR);
    const first = await sendHeldReplies(sweep);
    expect(first.sent.length + first.suppressed.length).toBe(HELD_REPLY_TRIES_PER_RUN);
    expect(first.left).toHaveLength(251 - HELD_REPLY_TRIES_PER_RUN);
    const second = await sendHeldReplies(sweep);
    expect([second.suppressed.length, second.left.length]).toEqual([251 - HELD_REPLY_TRIES_PER_RUN, 0]);
    // Hers and the inbox's first: one guidance each, the rest the daily limit's.
    expect(mailer.sent.map((m) => m.to)).toEqual([[MERCHANT], [spam]]);
    expect(held.items.size).toBe(0);
  });

  it('one run reads at most HELD_REPLY_READ_PER_RUN held replies, the oldest first', async () => {
    const asked: number[] = [];
    const heldSince = held.heldSince.bind(held);
    held.heldSince = (since: Date, now: Date, limit: number) => {
      asked.push(limit);
      return heldSince(since, now, limit);
    };
    clock.set(CLEAR);
    await sendHeldReplies(sweep);
    expect(asked).toEqual([HELD_REPLY_READ_PER_RUN]);
    expect(mailer.sent.map((m) => m.to)).toEqual([[MERCHANT]]);
  });

  it('a held reply not sent (its address bounced meanwhile) spends none of the run’s budget', async () => {
    const budget = Math.ceil(PER_HOUR / 12);
    for (let n = 2; n <= budget + 6; n++) {
      const address = `x${n}@devolve-tudo.example`;
      await processSubmission(guidance(n, { sender: { name: '', address }, returnPath: address }), intake);
      // The first five of them bounced since (their earlier guidance).
      if (n <= 6) await bounces.markBouncing(address, new Date('2026-12-24T00:00:00.000Z'), 'hard');
    }
    clock.set(CLEAR);
    const run = await sendHeldReplies(sweep);
    expect(run.suppressed).toHaveLength(5);
    expect(run.sent).toHaveLength(budget);
    expect(mailer.sent).toHaveLength(budget);
  });
});
