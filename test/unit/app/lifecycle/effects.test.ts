import { describe, expect, it } from 'vitest';
import { resolveDeps } from '../../../../shared/app/lifecycle/commit';
import { carryOutEffects, EFFECT_CLAIM_MS, LifecycleEffectsFailed } from '../../../../shared/app/lifecycle/effects';
import type { LifecycleOutgoingMail } from '../../../../shared/app/lifecycle/ports';
import type { Effect, PendingEffect, WorkCase } from '../../../../shared/domain/lifecycle/types';
import { RecordingRawMailRetention } from '../../../../shared/adapters/s3-raw-mail-retention';
import { InMemoryBounceRegistry, InMemorySenderOpenCases } from '../../../support/fakes';
import { recordSurvey } from '../../../../shared/app/lifecycle/survey';
import { localConfig } from '../../../../shared/domain/config';
import { surveyLinks } from '../../../../shared/domain/lifecycle/survey';
import {
  CASE_ID,
  InMemoryStaffDirectory,
  lifecycleWorld,
  MERCHANT,
  PROTOCOL,
  SECRET,
  workCase,
} from '../../../support/lifecycle-fakes';

const DUE = '2026-03-24T13:00:00.000Z';

function pending(id: string, effect: Effect, order = 0, createdAt = '2026-03-12T14:00:00.000Z'): PendingEffect {
  return { id, effect, order, createdAt };
}

/**
 * The case as the transition that stored these effects left it, so that they still fit it
 * (effect-fit.ts): closed by a closing, with the analyst a transfer, reminder or count names.
 * The superseded tests below build the later states that overtake them.
 */
function fitting(effects: PendingEffect[]): Partial<WorkCase> {
  const state: Partial<WorkCase> = { dueAt: DUE };
  for (const { effect } of effects) {
    if (effect.kind === 'send-closing') {
      const at = effect.closedAt ?? '2026-03-12T14:00:00.000Z';
      state.status = 'CLOSED';
      state.closedAt = at;
      state.closure = { category: effect.category, summary: effect.summary, at, by: 'ana' };
    }
    if (effect.kind === 'notify-transfer') state.assignee = effect.to;
    if (effect.kind === 'remind-analyst') state.assignee = effect.analystId;
    if (effect.kind === 'open-count' && effect.change === 'opened') state.assignee = effect.analystId;
  }
  return state;
}

/** Ana's case with these effects pending, and a world (store, mailer, counter, timers) around it. */
function world(effects: PendingEffect[], state: Partial<WorkCase> = fitting(effects)) {
  const c: WorkCase = workCase({ ...state, pendingEffects: Object.fromEntries(effects.map((e) => [e.id, e])) });
  const w = lifecycleWorld({ cases: [c] });
  const failed: string[] = [];
  const deps = resolveDeps({
    ...w.deps,
    telemetry: {
      ...resolveDeps(w.deps).telemetry,
      effectFailed: ({ effect, error }) => failed.push(`${effect}:${error}`),
    },
  });
  return { ...w, deps, c, failed };
}

describe('carryOutEffects', () => {
  it('carries out every pending effect and settles each one', async () => {
    const w = world([
      pending('e1', { kind: 'open-count', analystId: 'ana', change: 'opened' }),
      pending('e2', { kind: 'schedule-timers', dueAt: DUE }, 1),
      pending('e3', { kind: 'remind-analyst', analystId: 'ana', dueAt: DUE }, 2),
    ]);
    await carryOutEffects(w.deps, w.c);
    expect(w.counter.count('ana')).toBe(1);
    expect(
      w.timers
        .list()
        .map((t) => t.kind)
        .sort(),
    ).toEqual(['escalation', 'reminder']);
    expect(w.mailer.sent.map((m) => m.to)).toEqual([['ana@empresa.com.br']]);
    expect(w.cases.must(CASE_ID).pendingEffects).toEqual({});
  });

  it('runs only the given ids (a fresh commit runs its own), oldest first then by order', async () => {
    const order: string[] = [];
    const w = world(
      [
        pending('late', { kind: 'open-count', analystId: 'carla', change: 'opened' }, 0, '2026-03-12T15:00:00.000Z'),
        pending('b', { kind: 'open-count', analystId: 'bruno', change: 'opened' }, 1),
        pending('a', { kind: 'open-count', analystId: 'ana', change: 'closed' }, 0),
      ],
      { assignee: 'bruno' },
    );
    const counter = w.deps.counter;
    w.deps.counter = {
      opened: (id, c) => {
        order.push(`opened:${id}`);
        return counter.opened(id, c);
      },
      closed: (id, c) => {
        order.push(`closed:${id}`);
        return counter.closed(id, c);
      },
    };
    await carryOutEffects(w.deps, w.c, new Set(['a', 'b']));
    expect(order).toEqual(['closed:ana', 'opened:bruno']);
    expect(Object.keys(w.cases.must(CASE_ID).pendingEffects ?? {})).toEqual(['late']);
    await carryOutEffects(w.deps, w.cases.must(CASE_ID));
    // The case is bruno's: carla's count converges on that (no marker), whatever the effect said.
    expect(order.at(-1)).toBe('closed:carla');
  });

  it('a failing effect stays pending, the others still run, and one error names the failures', async () => {
    const w = world([
      pending('mail', { kind: 'remind-analyst', analystId: 'ana', dueAt: DUE }, 0),
      pending('count', { kind: 'open-count', analystId: 'ana', change: 'opened' }, 1),
    ]);
    w.mailer.failNext = Object.assign(new Error('throttled'), { name: 'TooManyRequestsException' });
    const error = await carryOutEffects(w.deps, w.c).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LifecycleEffectsFailed);
    expect((error as LifecycleEffectsFailed).failures.map((f) => [f.effectId, f.kind])).toEqual([
      ['mail', 'remind-analyst'],
    ]);
    expect(w.failed).toEqual(['remind-analyst:TooManyRequestsException']);
    expect(w.counter.count('ana')).toBe(1);
    expect(Object.keys(w.cases.must(CASE_ID).pendingEffects ?? {})).toEqual(['mail']);

    // The retry carries out what is left.
    await carryOutEffects(w.deps, w.cases.must(CASE_ID));
    expect(w.mailer.sent).toHaveLength(1);
    expect(w.cases.must(CASE_ID).pendingEffects).toEqual({});
  });

  it('the items’ retention: walked without a claim (two runners both walk), pending until a walk succeeds', async () => {
    const closing: Effect = {
      kind: 'send-closing',
      category: 'procedente',
      summary: 'ok',
      closedAt: '2026-03-12T14:00:00.000Z',
    };
    const w = world([pending('walk', { kind: 'item-retention' }, 0), pending('mail', closing, 1)]);
    w.cases.failNext.applyItemRetention = Object.assign(new Error('throttled'), {
      name: 'ProvisionedThroughputExceededException',
    });
    const error = await carryOutEffects(w.deps, w.c).catch((e: unknown) => e);
    expect((error as LifecycleEffectsFailed).failures.map((f) => f.kind)).toEqual(['item-retention']);
    expect(w.failed).toEqual(['item-retention:ProvisionedThroughputExceededException']);
    expect(w.mailer.sent).toHaveLength(1);
    expect(Object.keys(w.cases.must(CASE_ID).pendingEffects ?? {})).toEqual(['walk']);
    const again = w.cases.must(CASE_ID);
    await Promise.all([carryOutEffects(w.deps, again), carryOutEffects(w.deps, again)]);
    expect(w.cases.retentionWalks).toEqual([
      { caseId: CASE_ID, status: 'CLOSED', given: 'CLOSED' },
      { caseId: CASE_ID, status: 'CLOSED', given: 'CLOSED' },
    ]);
    expect(w.cases.must(CASE_ID).pendingEffects).toEqual({});
    expect(w.mailer.sent).toHaveLength(1);
  });

  it.each<[string, Effect, string]>([
    ['by the analyst who had it', { kind: 'notify-transfer', from: 'ana', to: 'carla' }, 'por Ana Lima.'],
    [
      'by a supervisor (the analyst on leave)',
      { kind: 'notify-transfer', from: 'ana', to: 'carla', by: 'sofia' },
      'por Sofia Martins; estava com Ana Lima.',
    ],
  ])('the transfer notice names who made it: %s', async (_who, effect, words) => {
    const w = world([pending('e1', effect)]);
    await carryOutEffects(w.deps, w.c);
    expect(w.mailer.sent[0]?.to).toEqual(['carla@empresa.com.br']);
    expect(w.mailer.sent[0]?.text).toContain(`foi transferido para você ${words}`);
  });

  it('the files of the mail that moved the case go to the new analyst, named in her notice', async () => {
    const raw = { bucket: 'raw', key: 'inbound/staff-1' };
    const pdf = {
      filename: 'planilha-interna.pdf',
      contentType: 'application/pdf',
      size: 2048,
      inline: false,
      partId: '2',
    };
    const w = world([
      pending('e1', {
        kind: 'notify-transfer',
        from: 'ana',
        to: 'carla',
        files: { raw, parts: [pdf], leftOut: [{ filename: 'extrato.zip', why: 'format' }] },
      }),
    ]);
    await carryOutEffects(w.deps, w.c);
    expect(w.mailer.sent).toHaveLength(1);
    const [notice] = w.mailer.sent;
    expect(notice?.to).toEqual(['carla@empresa.com.br']);
    // The lifecycle's mail carries its files as a location and MIME parts (LifecycleOutgoingMail).
    expect((notice as LifecycleOutgoingMail | undefined)?.attachments).toEqual({ raw, parts: [pdf] });
    expect(notice?.text).toContain('nada foi enviado ao lojista');
    expect(notice?.text).toContain('planilha-interna.pdf');
    expect(notice?.text).toMatch(/extrato\.zip — não anexado: formato/);
  });

  it.each<[string, Effect, string[]]>([
    ['moved by the analyst herself: she knows', { kind: 'notify-transfer', from: 'ana', to: 'carla' }, []],
    [
      'moved by a supervisor: she learns it is no longer hers',
      { kind: 'notify-transfer', from: 'ana', to: 'carla', by: 'sofia' },
      ['ana@empresa.com.br'],
    ],
    [
      'moved by a supervisor from an analyst no longer active: no one to tell',
      { kind: 'notify-transfer', from: 'edu', to: 'carla', by: 'sofia' },
      [],
    ],
  ])('the analyst who had the case, %s', async (_who, effect, told) => {
    const w = world([pending('e1', effect)]);
    await carryOutEffects(w.deps, w.c);
    const away = w.mailer.sent.filter((m) => !m.to.includes('carla@empresa.com.br'));
    expect(away.map((m) => m.to[0])).toEqual(told);
    for (const mail of away) {
      expect(mail.subject).toContain('Caso transferido para outra pessoa');
      expect(mail.text).toContain('foi transferido por Sofia Martins para Carla');
      expect(mail.text).toContain('Você não precisa mais respondê-lo');
      expect(mail.text).not.toContain('Responda a este e-mail');
      // No Reply-To: the case's address no longer takes what she sends.
      expect(mail.replyTo ?? []).toEqual([]);
    }
  });

  // The case's analyst was made inactive (left the team): the merchant's words go to the active
  // supervisors, asked to move the case — never to the inactive analyst's mailbox.
  it.each<[string, string, string[], string | undefined]>([
    ['an active analyst', 'ana', ['ana@empresa.com.br'], undefined],
    [
      'an inactive analyst',
      'edu',
      ['sofia@empresa.com.br'],
      'O caso está com Eduardo Reis, que não está mais ativo(a) na equipe',
    ],
    [
      // On leave 01/03–31/03/2026, the message comes on 12/03: her copy waits, the supervisor may act.
      'an analyst on leave',
      'davi',
      ['davi@empresa.com.br', 'sofia@empresa.com.br'],
      'O caso está com Davi Rocha, em afastamento até 31/03/2026, que também recebe esta mensagem para ler na volta. Se o lojista não puder esperar, transfira o caso a outra pessoa',
    ],
  ])('a merchant message on the case of %s goes to whoever can act on it', async (_who, analystId, to, words) => {
    const w = world([
      pending('e1', { kind: 'forward-to-analyst', analystId, messageSourceId: '0100019abcdef-lojadamaria' }),
    ]);
    await carryOutEffects(w.deps, w.c);
    expect(w.mailer.sent.map((m) => m.to)).toEqual(to.map((a) => [a]));
    const toSupervisor = w.mailer.sent.find((m) => m.to[0] === 'sofia@empresa.com.br');
    if (words) expect(toSupervisor?.text).toContain(words);
    else expect(w.mailer.sent[0]?.text).not.toMatch(/não está mais ativo|afastamento/);
    // The analyst's own copy never asks her to move her own case.
    expect(w.mailer.sent.find((m) => m.to[0] === `${analystId}@empresa.com.br`)?.text ?? '').not.toContain(
      'afastamento',
    );
  });

  // Red team 48 (6ecf1d6c): a forward carried out on a read that lacked her message sent nothing and
  // was settled, and nobody knew. Settled still (a retry finds nothing either), but told.
  it('a forward whose message is not on the case: nothing sent, settled, and told (MessageMissing)', async () => {
    const w = world([
      pending('e1', { kind: 'forward-to-analyst', analystId: 'ana', messageSourceId: 'not-on-the-case' }),
    ]);
    await carryOutEffects(w.deps, w.c);
    expect(w.mailer.sent).toEqual([]);
    expect(w.cases.must(CASE_ID).pendingEffects).toEqual({});
    expect(w.failed).toEqual(['forward-to-analyst:MessageMissing']);
  });

  // Journeys 48: her mail held in quarantine and released into her open case reached the analyst as
  // an ordinary new message — nothing said it came out of quarantine, nor who vouched for it.
  it.each<[string, string, string]>([
    ['a supervisor on the roster, by name', 'sofia', 'Liberado da quarentena por Sofia Martins em 12/03/2026 às 11:20'],
    ['a supervisor gone from the roster, by id', 'ex-sup', 'Liberado da quarentena por ex-sup em 12/03/2026 às 11:20'],
  ])('her mail released into her case: the forward names %s', async (_who, by, words) => {
    const w = world([
      pending('e1', { kind: 'forward-to-analyst', analystId: 'ana', messageSourceId: '0100019abcdef-lojadamaria' }),
    ]);
    const released = { by, at: '2026-03-12T14:20:00.000Z' };
    const c = { ...w.c, messages: w.c.messages.map((m) => ({ ...m, released })) };
    await carryOutEffects(w.deps, c);
    const text = (w.mailer.sent[0]?.text ?? '').replace(/\s+/g, ' ');
    expect(text).toContain(`Esta mensagem ficou retida na quarentena. ${words}`);
  });

  // Two runners of one case at once (a double click on the console, one mail delivered twice):
  // each pending effect is carried out by one of them.
  it.each<[string, Effect, number]>([
    ['notify-transfer', { kind: 'notify-transfer', from: 'ana', to: 'carla', note: 'Assume, por favor.' }, 1],
    ['send-closing', { kind: 'send-closing', category: 'resolvido', summary: 'Repasse liberado.' }, 1],
    ['notify-extension', { kind: 'notify-extension', businessDays: 5, reason: 'Financeiro.', dueAt: DUE }, 1],
    ['remind-analyst', { kind: 'remind-analyst', analystId: 'ana', dueAt: DUE }, 1],
    ['open-count', { kind: 'open-count', analystId: 'bruno', change: 'opened' }, 0],
  ])('%s pending, three runners at once: carried out once', async (kind, effect, mails) => {
    const w = world([pending('e1', effect)]);
    await Promise.all([0, 1, 2].map(() => carryOutEffects(w.deps, w.c)));
    expect(w.mailer.sent).toHaveLength(mails);
    if (kind === 'open-count') expect(w.counter.count('bruno')).toBe(1);
    expect(w.cases.must(CASE_ID).pendingEffects).toEqual({});
  });

  it('a runner that died holding an effect leaves it to a retry once its claim has passed', async () => {
    const w = world([pending('e1', { kind: 'remind-analyst', analystId: 'ana', dueAt: DUE })]);
    const now = w.clock.now();
    // What a runner killed mid-send leaves: the claim, the effect still pending.
    await w.cases.claimEffect(
      CASE_ID,
      'e1',
      now.toISOString(),
      new Date(now.getTime() + EFFECT_CLAIM_MS).toISOString(),
    );
    // Lambda retries a failed async invocation about 1 and 3 minutes later (the intake runs 60 s at most).
    const rows: Array<[string, number, number]> = [
      ['a concurrent runner, within the claim', 0, 0],
      ['the first retry, a minute later', 60_000, 0],
      ['the second retry, three minutes after the crash', 120_000, 1],
    ];
    for (const [label, advance, mails] of rows) {
      w.clock.advance(advance);
      await carryOutEffects(w.deps, w.cases.must(CASE_ID));
      expect([label, w.mailer.sent.length]).toEqual([label, mails]);
    }
    expect(w.cases.must(CASE_ID).pendingEffects).toEqual({});
  });

  it('an effect for someone no longer on the roster is settled without mail', async () => {
    const w = world([pending('gone', { kind: 'remind-analyst', analystId: 'ninguem', dueAt: DUE })]);
    await carryOutEffects(w.deps, w.c);
    expect(w.mailer.sent).toHaveLength(0);
    expect(w.failed).toEqual(['remind-analyst:MissingStaff']);
    expect(w.cases.must(CASE_ID).pendingEffects).toEqual({});
  });

  it('escalation goes to every active supervisor', async () => {
    const w = world([pending('esc', { kind: 'escalate', dueAt: DUE, analystId: 'ana' })]);
    await carryOutEffects(w.deps, w.c);
    expect(w.mailer.sent.map((m) => m.to)).toEqual([['sofia@empresa.com.br']]);
  });

  // With no active supervisor on the roster (none seeded, or the only one deactivated), mail meant
  // for the supervisors went to nobody and nothing said so: now each such effect is reported
  // (LifecycleTelemetry.noActiveSupervisor: logged as an error, the NoActiveSupervisor alarm).
  it.each([
    ['the escalation', pending('esc', { kind: 'escalate', dueAt: DUE, analystId: 'ana' }), 'escalate'],
    [
      'the reminder of an analyst who left',
      pending('rem', { kind: 'remind-analyst', analystId: 'edu', dueAt: DUE }),
      'remind-analyst',
    ],
    [
      'a merchant message for an analyst who left',
      pending('fwd', { kind: 'forward-to-analyst', analystId: 'edu', messageSourceId: '0100019abcdef-lojadamaria' }),
      'forward-to-analyst',
    ],
    [
      'a merchant message for an analyst on leave',
      pending('fwd', { kind: 'forward-to-analyst', analystId: 'davi', messageSourceId: '0100019abcdef-lojadamaria' }),
      'forward-to-analyst',
    ],
  ])('%s with no active supervisor is reported, not skipped in silence', async (_label, effect, kind) => {
    const reported: Array<{ caseId: string; effect: string }> = [];
    const w = world([effect]);
    const deps = {
      ...w.deps,
      telemetry: { ...w.deps.telemetry, noActiveSupervisor: (e: (typeof reported)[number]) => reported.push(e) },
    };
    await carryOutEffects(deps, w.c);
    expect(reported).toEqual([]);
    expect(w.mailer.sent.map((m) => m.to[0])).toContain('sofia@empresa.com.br');

    const alone = world([effect]);
    // Sofia, the one supervisor, deactivated (a fresh roster: the shared one stays as it is).
    const roster = alone.staff.members.map((m) => (m.role === 'supervisor' ? { ...m, active: false } : m));
    await carryOutEffects(
      { ...alone.deps, staff: new InMemoryStaffDirectory(roster), telemetry: deps.telemetry },
      alone.c,
    );
    expect(alone.mailer.sent.map((m) => m.to[0])).not.toContain('sofia@empresa.com.br');
    expect(reported).toEqual([{ caseId: CASE_ID, effect: kind }]);
    expect(alone.cases.must(CASE_ID).pendingEffects).toEqual({});
  });

  // Journey 44: after her mailbox hard-bounced the case page warned, but the reminder and the
  // escalation — what the person acting on the deadline reads — said nothing of it.
  it.each([
    ['the reminder', pending('rem', { kind: 'remind-analyst', analystId: 'ana', dueAt: DUE }), 'ana@empresa.com.br'],
    ['the escalation', pending('esc', { kind: 'escalate', dueAt: DUE, analystId: 'ana' }), 'sofia@empresa.com.br'],
  ])('%s warns when the merchant’s address bounces, as the case page does', async (_label, effect, to) => {
    const bounced = world([effect]);
    const bounces = new InMemoryBounceRegistry();
    await bounces.markBouncing(MERCHANT, new Date(bounced.clock.now().getTime() + 86_400_000), 'ses-permanent-bounce');
    await carryOutEffects({ ...bounced.deps, bounces }, bounced.c);
    const mail = bounced.mailer.sent.find((m) => m.to[0] === to);
    expect(mail?.text).toContain(
      `Atenção: as mensagens da Ouvidoria para o endereço do lojista (${MERCHANT}) voltaram`,
    );
    expect(mail?.html).toContain('respostas por e-mail podem não chegar a ele');
    // No bounce (or no memory at all): no warning.
    const clean = world([effect]);
    await carryOutEffects({ ...clean.deps, bounces: new InMemoryBounceRegistry() }, clean.c);
    expect(clean.mailer.sent.find((m) => m.to[0] === to)?.text).not.toContain('voltaram');
    // An unreadable memory warns of nothing and the mail still goes.
    const unreadable = world([effect]);
    const broken = { isSuppressed: async () => Promise.reject(new Error('ProvisionedThroughputExceeded')) };
    await carryOutEffects({ ...unreadable.deps, bounces: broken }, unreadable.c);
    expect(unreadable.mailer.sent.find((m) => m.to[0] === to)?.text).not.toContain('voltaram');
  });

  // Journey 50: Paulo's address hard-bounced our acknowledgement; Ana answered him by mail and her
  // answer went into the void, with no word to her until a reminder days later.
  it.each([
    ['the analyst', { kind: 'staff', id: 'ana', role: 'analyst' }, 'ana@empresa.com.br'],
    ['a supervisor', { kind: 'staff', id: 'sofia', role: 'supervisor' }, 'sofia@empresa.com.br'],
  ] as const)('an answer by %s to a bouncing address is sent, and its writer is told', async (_who, actor, to) => {
    const relay = pending('rel', {
      kind: 'relay-to-merchant',
      answer: { body: 'Pedi ao financeiro que verifique a cobrança.', attachments: [], sourceId: 'staff-mail-9' },
    });
    const answered = {
      type: 'answered' as const,
      messageSourceId: 'staff-mail-9',
      at: '2026-03-12T14:00:00.000Z',
      actor,
    };
    const state = { ...fitting([relay]), status: 'IN_PROGRESS' as const, history: [answered] };
    const bounced = world([relay], state);
    const bounces = new InMemoryBounceRegistry();
    await bounces.markBouncing(MERCHANT, new Date(bounced.clock.now().getTime() + 86_400_000), 'ses-permanent-bounce');
    await carryOutEffects({ ...bounced.deps, bounces }, bounced.c);
    expect(bounced.mailer.sent.map((m) => m.to[0])).toEqual([MERCHANT, to]);
    const told = bounced.mailer.sent[1];
    expect(told?.subject).toBe(`[${PROTOCOL}] Sua resposta pode não chegar ao lojista`);
    expect(told?.text).toContain(
      `Atenção: as mensagens da Ouvidoria para o endereço do lojista (${MERCHANT}) voltaram`,
    );
    // Her address takes our mail: the answer alone.
    const clean = world([relay], state);
    await carryOutEffects({ ...clean.deps, bounces: new InMemoryBounceRegistry() }, clean.c);
    expect(clean.mailer.sent.map((m) => m.to[0])).toEqual([MERCHANT]);
  });

  it('nothing pending: nothing done', async () => {
    const w = world([]);
    await carryOutEffects(w.deps, w.c);
    expect(w.mailer.sent).toHaveLength(0);
  });

  it('frees the merchant’s open-case slot (webform cap) on close, and takes it again on reopening', async () => {
    const open = new InMemorySenderOpenCases();
    await open.add('maria@lojadamaria.com.br', CASE_ID);
    const closing = world([
      pending('c1', { kind: 'open-count', analystId: 'ana', change: 'closed' }),
      pending('c2', { kind: 'send-closing', category: 'procedente', summary: 'Resolvido' }, 1),
    ]);
    await carryOutEffects({ ...closing.deps, openCases: open }, closing.c);
    expect(await open.count(closing.c.senderEmail)).toBe(0);

    const reopening = world([pending('r1', { kind: 'open-count', analystId: 'ana', change: 'opened' })]);
    await carryOutEffects({ ...reopening.deps, openCases: open }, reopening.c);
    expect(await open.count(reopening.c.senderEmail)).toBe(1);
    // Idempotent: carried out again (a retry), still one.
    await carryOutEffects({ ...reopening.deps, openCases: open }, reopening.c);
    expect(await open.count(reopening.c.senderEmail)).toBe(1);
  });

  it('a closing mail offers the survey only while it is unanswered (one answer per case)', async () => {
    const first = world([pending('c1', { kind: 'send-closing', category: 'procedente', summary: 'Estorno feito' })]);
    await carryOutEffects(first.deps, first.c);
    expect(first.mailer.sent[0]?.text.match(/\/pesquisa\?/g)).toHaveLength(5);

    const again = world([
      pending('c2', { kind: 'send-closing', category: 'resolvido', summary: 'Estorno confirmado' }),
    ]);
    await again.surveys.record({ protocol: PROTOCOL, score: 4, answeredAt: '2026-03-13T12:00:00.000Z' });
    await carryOutEffects(again.deps, again.c);
    const mail = again.mailer.sent[0];
    expect(mail?.text).not.toContain('/pesquisa');
    expect(mail?.html).not.toContain('/pesquisa');
    expect(mail?.text).toContain('Obrigado por já ter avaliado o atendimento deste caso');
  });

  it.each([
    ['answered while reopened', 'case-reopened', 5, false],
    ['answered before the reopening', 'recorded', 0, true],
  ] as const)(
    'the final closing of a reopened case, survey %s (%s): %i survey links',
    async (_, first, links, thanked) => {
      // Closed on 11/03 with the survey; reopened on 12/03 by her answer; she clicks "1" on the old mail.
      const firstLink = surveyLinks(PROTOCOL, new Date('2026-03-11T13:00:00.000Z'), SECRET, localConfig)[0]!.url;
      const w = world([pending('c2', { kind: 'send-closing', category: 'resolvido', summary: 'Estorno confirmado' })]);
      const at = (status: WorkCase['status'], extra: Partial<WorkCase>) =>
        w.cases.records.set(CASE_ID, { ...w.c, status, ...extra });
      if (first === 'recorded') at('CLOSED', { closedAt: '2026-03-11T13:00:00.000Z' });
      else at('IN_PROGRESS', { reopenedAt: '2026-03-12T13:00:00.000Z' });
      expect((await recordSurvey(firstLink, 'Continua sem resolver', w.deps)).kind).toBe(first);
      at('CLOSED', { closedAt: '2026-03-12T14:00:00.000Z' });
      await carryOutEffects(w.deps, w.c);
      // Her 1 on the page went to Ana first (survey.ts surveyAnswerOnCase): the closing is the merchant's mail.
      const mail = w.mailer.sent.find((m) => m.to.includes(w.c.senderEmail));
      expect(w.mailer.sent.some((m) => m.subject.includes('Pesquisa de satisfação: nota 1 de 5'))).toBe(thanked);
      expect(mail?.text.match(/\/pesquisa\?/g) ?? []).toHaveLength(links);
      expect(mail?.text.includes('Obrigado por já ter avaliado o atendimento deste caso')).toBe(thanked);
    },
  );

  it('closing starts the raw mail’s retention clock: each received message is rewritten with its tag', async () => {
    const retention = new RecordingRawMailRetention();
    const w = world([pending('c1', { kind: 'send-closing', category: 'procedente', summary: 'ok' })]);
    const withRaw = {
      ...w.c,
      messages: w.c.messages.map((m, i) => ({ ...m, raw: { bucket: 'raw', key: `inbound/m${i}` } })),
    };
    await carryOutEffects({ ...w.deps, rawMailRetention: retention }, withRaw);
    expect(retention.marks.map((m) => m.kind)).toEqual(withRaw.messages.map(() => 'closed'));
    expect(retention.marks.length).toBeGreaterThan(0);
  });

  it('reopening takes the closed-case tag off the raw mail and the webform files again', async () => {
    const retention = new RecordingRawMailRetention();
    const opened: string[] = [];
    const uploadRetention = {
      markClosed: async () => {},
      markOpen: async (key: string) => void opened.push(key),
      markRedirected: async () => {},
    };
    const w = world([pending('r1', { kind: 'reopen-files' })]);
    const [first, ...rest] = w.c.messages;
    const reopened = {
      ...w.c,
      messages: [
        {
          ...first!,
          raw: { bucket: 'raw', key: 'inbound/m0' },
          attachments: [
            { filename: 'a.pdf', contentType: 'application/pdf', size: 1, inline: false, key: 'uploads/x/01' },
            { filename: 'mail.png', contentType: 'image/png', size: 1, inline: false },
          ],
        },
        ...rest.map((m) => ({ ...m, raw: undefined })),
      ],
    } as WorkCase;
    await carryOutEffects({ ...w.deps, rawMailRetention: retention, uploadRetention }, reopened);
    expect(retention.marks).toEqual([{ kind: 'open', key: 'inbound/m0' }]);
    expect(opened).toEqual(['uploads/x/01']);
  });

  it('the raw mail a history event names (a staff mail of commands only) follows the closing and the reopening', async () => {
    const note = { bucket: 'raw', key: 'inbound/note' };
    const history = [
      {
        at: '2026-03-12T14:00:00.000Z',
        actor: { kind: 'staff' as const, id: 'ana' },
        type: 'note' as const,
        text: 'x',
        raw: note,
      },
    ];
    for (const [effect, kind] of [
      [{ kind: 'send-closing', category: 'procedente', summary: 'ok' }, 'closed'],
      [{ kind: 'reopen-files' }, 'open'],
    ] as const) {
      const retention = new RecordingRawMailRetention();
      const w = world([pending('e1', effect as Effect)]);
      const c = { ...w.c, messages: w.c.messages.map((m) => ({ ...m, raw: undefined })), history } as WorkCase;
      await carryOutEffects({ ...w.deps, rawMailRetention: retention }, c);
      expect(retention.marks).toEqual([{ kind, key: 'inbound/note' }]);
    }
  });

  it('closing also starts the clock of the case’s webform files (clean ones rewritten, others tagged)', async () => {
    const marks: [string, boolean][] = [];
    const uploadRetention = {
      markClosed: async (key: string, clean: boolean) => void marks.push([key, clean]),
      markOpen: async () => {},
      markRedirected: async () => {},
    };
    const w = world([pending('c1', { kind: 'send-closing', category: 'parcial', summary: 'ok' })]);
    const [first, ...rest] = w.c.messages;
    const withFiles = {
      ...w.c,
      messages: [
        {
          ...first!,
          attachments: [
            {
              filename: 'a.pdf',
              contentType: 'application/pdf',
              size: 1,
              inline: false,
              key: 'uploads/x/01',
              scan: 'NO_THREATS_FOUND',
            },
            {
              filename: 'b.exe',
              contentType: 'application/pdf',
              size: 1,
              inline: false,
              key: 'uploads/x/02',
              scan: 'THREATS_FOUND',
            },
            { filename: 'mail.png', contentType: 'image/png', size: 1, inline: false },
          ],
        },
        ...rest,
      ],
    } as WorkCase;
    await carryOutEffects({ ...w.deps, uploadRetention }, withFiles);
    expect(marks).toEqual([
      ['uploads/x/01', true],
      ['uploads/x/02', false],
    ]);
  });
});

// SPEC "Trust rules": the office's Message-IDs are random to anyone outside, never derived from a
// protocol or anything of the case; the same mail sent again after a crash keeps its id.
describe("the lifecycle's Message-IDs", () => {
  const effects = () => [
    pending('e-ext-1', { kind: 'notify-extension', businessDays: 3, reason: 'Aguardando o banco.', dueAt: DUE }),
    pending('e-rem-2', { kind: 'remind-analyst', analystId: 'ana', dueAt: DUE }, 1),
  ];
  const idsSent = async (secret?: string) => {
    const w = world(effects());
    if (secret) w.deps.secret = secret;
    await carryOutEffects(w.deps, w.c);
    return w.mailer.sent.map((m) => m.messageId ?? '');
  };

  it('tell nothing of the effect, the case or its protocol, and are the same on a retry', async () => {
    const ids = await idsSent();
    expect(ids).toHaveLength(2);
    for (const id of ids) {
      expect(id).toMatch(new RegExp(`^[a-z0-9]{32}@${localConfig.domain.replace(/\./g, '\\.')}$`));
      for (const part of ['e-ext-1', 'e-rem-2', 'extension', 'remind', 'ana', CASE_ID, PROTOCOL, PROTOCOL.slice(-6)]) {
        expect(id.toLowerCase()).not.toContain(part.toLowerCase());
      }
    }
    expect(await idsSent()).toEqual(ids);
  });

  it('cannot be made without the office secret', async () => {
    const ids = await idsSent();
    const other = await idsSent('another-secret-of-at-least-thirty-two-chars');
    expect(other.some((id) => ids.includes(id))).toBe(false);
  });
});
