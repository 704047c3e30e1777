import { describe, expect, it } from 'vitest';
import type { LifecycleTelemetry } from '../../../../shared/app/lifecycle/ports';
import { silentLifecycleTelemetry } from '../../../../shared/app/lifecycle/ports';
import { onTimer } from '../../../../shared/app/lifecycle/timers';
import {
  CASE_ID,
  InMemoryStaffDirectory,
  lifecycleWorld,
  PROTOCOL,
  ROSTER,
  workCase,
} from '../../../support/lifecycle-fakes';

const DUE = '2026-03-24T13:00:00.000Z';

function recordingTelemetry() {
  const overdue: string[] = [];
  const stale: string[] = [];
  const telemetry: LifecycleTelemetry = {
    ...silentLifecycleTelemetry,
    overdue: (e) => overdue.push(e.protocol),
    timerStale: (e) => stale.push(e.kind),
  };
  return { telemetry, overdue, stale };
}

describe('onTimer', () => {
  it('reminder: the analyst is reminded once, even if the scheduler delivers twice', async () => {
    const w = lifecycleWorld({ now: '2026-03-20T12:00:00.000Z' });
    expect(await onTimer({ kind: 'reminder', caseId: CASE_ID, dueAt: DUE }, w.deps)).toEqual({ kind: 'reminded' });
    expect(await onTimer({ kind: 'reminder', caseId: CASE_ID, dueAt: DUE }, w.deps)).toEqual({ kind: 'duplicate' });
    expect(w.mailer.sent).toHaveLength(1);
    expect(w.mailer.sent[0]!.to).toEqual(['ana@empresa.com.br']);
    expect(w.mailer.sent[0]!.subject).toBe(`[${PROTOCOL}] Lembrete: prazo em 24/03/2026`);
    expect(w.cases.must().history).toMatchObject([{ type: 'reminder-sent', actor: { kind: 'system' }, dueAt: DUE }]);
  });

  // Davi is on leave until 31/03, Eduardo left the team: the reminder must reach someone who can act.
  it.each([
    ['ana', ['ana@empresa.com.br'], undefined],
    [
      'davi',
      ['davi@empresa.com.br', 'sofia@empresa.com.br'],
      'e ele está com Davi Rocha, em afastamento até 31/03/2026. Transfira o caso a outra pessoa',
    ],
    [
      'edu',
      ['sofia@empresa.com.br'],
      'e ele está com Eduardo Reis, que não está mais ativo(a) na equipe. Transfira o caso a outra pessoa',
    ],
  ])('a reminder for %s’s case goes to %j', async (assignee, to, supervisorSays) => {
    const w = lifecycleWorld({ now: '2026-03-20T12:00:00.000Z', cases: [workCase({ assignee })] });
    expect(await onTimer({ kind: 'reminder', caseId: CASE_ID, dueAt: DUE }, w.deps)).toEqual({ kind: 'reminded' });
    expect(w.mailer.sent.map((m) => m.to[0])).toEqual(to);
    const copy = w.mailer.sent.find((m) => m.to[0] === 'sofia@empresa.com.br');
    if (supervisorSays) {
      expect(copy?.text).toContain('Olá, Sofia Martins,');
      expect(copy?.text).toContain(supervisorSays);
      expect(copy?.replyTo?.[0]).toMatch(/^caso\+/);
    }
    // Each copy its own Message-ID: one mail per person, the same on a retried run.
    expect(new Set(w.mailer.sent.map((m) => m.messageId)).size).toBe(to.length);
  });

  it.each([
    ['ana', 'O prazo do caso OUV-2026-000123 venceu e ele segue com Ana Lima (ana). Você pode'],
    ['davi', 'venceu e ele segue com Davi Rocha (davi), em afastamento até 31/03/2026. Você pode'],
    ['edu', 'venceu e ele segue com Eduardo Reis (edu), que não está mais ativo(a) na equipe. Você pode'],
  ])('the escalation of %s’s case says whether that analyst can act', async (assignee, says) => {
    const w = lifecycleWorld({ now: '2026-03-24T13:00:00.000Z', cases: [workCase({ assignee })] });
    expect(await onTimer({ kind: 'escalation', caseId: CASE_ID, dueAt: DUE }, w.deps)).toEqual({ kind: 'escalated' });
    expect(w.mailer.sent.map((m) => m.to[0])).toEqual(['sofia@empresa.com.br']);
    expect(w.mailer.sent[0]?.text).toContain(says);
  });

  it.each([
    ['at the due date', DUE],
    ['days after it (the escalation already speaks for the case)', '2026-03-30T13:00:00.000Z'],
  ])('a reminder delivered %s tells no one the deadline "ends" on a past date: stale', async (_when, now) => {
    const w = lifecycleWorld({ now });
    const t = recordingTelemetry();
    const result = await onTimer(
      { kind: 'reminder', caseId: CASE_ID, dueAt: DUE },
      { ...w.deps, telemetry: t.telemetry },
    );
    expect(result.kind).toBe('stale');
    expect(w.mailer.sent).toEqual([]);
    expect(t.stale).toEqual(['reminder']);
  });

  it('escalation: every active supervisor is alerted, OverdueCases counts the case', async () => {
    const w = lifecycleWorld({ now: DUE });
    const t = recordingTelemetry();
    expect(
      await onTimer({ kind: 'escalation', caseId: CASE_ID, dueAt: DUE }, { ...w.deps, telemetry: t.telemetry }),
    ).toEqual({
      kind: 'escalated',
    });
    expect(w.mailer.sent.map((m) => m.to)).toEqual([['sofia@empresa.com.br']]);
    expect(w.mailer.sent[0]!.subject).toBe(`[${PROTOCOL}] Caso com prazo vencido`);
    expect(w.mailer.sent[0]!.text).toContain('Ana Lima (ana)');
    expect(t.overdue).toEqual([PROTOCOL]);
  });

  // Sofia is the only supervisor. On leave, or gone from the roster, the overdue case must not pass in
  // silence: on leave she is told anyway; either way the case's history says nobody present was told,
  // and the NoActiveSupervisor alarm fires.
  it.each([
    ['present', (m: (typeof ROSTER)[number]) => m, ['sofia@empresa.com.br'], undefined, []],
    [
      'on leave today',
      (m: (typeof ROSTER)[number]) => ({ ...m, leave: { from: '2026-03-20', to: '2026-04-03' } }),
      ['sofia@empresa.com.br'],
      'on-leave',
      [{ caseId: CASE_ID, effect: 'escalate', onLeave: true }],
    ],
    [
      'on leave, back today',
      (m: (typeof ROSTER)[number]) => ({ ...m, leave: { from: '2026-03-10', to: '2026-03-23' } }),
      ['sofia@empresa.com.br'],
      undefined,
      [],
    ],
    [
      'no longer active',
      (m: (typeof ROSTER)[number]) => ({ ...m, active: false }),
      [],
      'none',
      [{ caseId: CASE_ID, effect: 'escalate' }],
    ],
  ])('escalation with the one supervisor %s', async (_label, sofiaIs, to, unattended, alarms) => {
    const w = lifecycleWorld({ now: DUE });
    const alarmed: unknown[] = [];
    const roster = ROSTER.map((m) => (m.role === 'supervisor' ? sofiaIs(m) : m));
    const deps = {
      ...w.deps,
      staff: new InMemoryStaffDirectory(roster),
      telemetry: { ...silentLifecycleTelemetry, noActiveSupervisor: (e: unknown) => alarmed.push(e) },
    };
    expect(await onTimer({ kind: 'escalation', caseId: CASE_ID, dueAt: DUE }, deps)).toEqual({ kind: 'escalated' });
    expect(w.mailer.sent.map((m) => m.to[0])).toEqual(to);
    const escalated = w.cases.must().history?.find((e) => e.type === 'escalated');
    expect(escalated).toEqual(expect.objectContaining({ type: 'escalated', dueAt: DUE }));
    expect(escalated && 'unattended' in escalated ? escalated.unattended : undefined).toBe(unattended);
    expect(alarmed).toEqual(alarms);
  });

  it.each([
    ['the case is closed', workCase({ status: 'CLOSED', closedAt: '2026-03-15T12:00:00.000Z' }), DUE],
    ['the due date was extended', workCase({ dueAt: '2026-03-31T13:00:00.000Z' }), DUE],
    [
      'the case was reopened with a new due date',
      workCase({ status: 'IN_PROGRESS', dueAt: '2026-04-02T13:00:00.000Z' }),
      DUE,
    ],
  ])('stale when %s: nothing sent, nothing written', async (_what, c, dueAt) => {
    const w = lifecycleWorld({ cases: [c], now: DUE });
    const t = recordingTelemetry();
    const result = await onTimer({ kind: 'escalation', caseId: CASE_ID, dueAt }, { ...w.deps, telemetry: t.telemetry });
    expect(result.kind).toBe('stale');
    expect(w.mailer.sent).toEqual([]);
    expect(w.cases.commits).toEqual([]);
    expect(t.overdue).toEqual([]);
    expect(t.stale).toEqual(['escalation']);
  });

  it('stale when the case is gone or the payload is bad', async () => {
    const w = lifecycleWorld({ cases: [] });
    expect(await onTimer({ kind: 'reminder', caseId: CASE_ID, dueAt: DUE }, w.deps)).toMatchObject({ kind: 'stale' });
    expect(await onTimer({ kind: 'reminder', caseId: CASE_ID, dueAt: 'ontem' }, w.deps)).toMatchObject({
      kind: 'stale',
    });
  });
});
