/**
 * The lifecycle timers of the local stack survive a restart, as EventBridge Scheduler's one-time
 * schedules do: the README moves the local clock by restarting with a later OUVIDORIA_NOW on the
 * data kept in the data folder, and the reminder and the supervisor's alert must still come —
 * once each, however many restarts follow.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLocalClock } from '../../scripts/local/clock-file';
import { type LocalStack, startLocalStack } from '../../scripts/local/stack';
import type { CaseRecord } from '../../shared/domain/case';
import type { WorkCase } from '../../shared/domain/lifecycle/types';
import { caseOf, getCaseRecord, mailsTo, outbox, sendMail, startTestStack, waitFor } from './helpers';

/** Wednesday 25/11/2026, office open. */
const START = '2026-11-25T10:00:00-03:00';
const SUPERVISOR = 'sofia.ramos@ouvidoria.example.com.br';

let first: Awaited<ReturnType<typeof startTestStack>> | undefined;
let stack: LocalStack | undefined;
let dataDir = '';

/** The same data folder, started again at `now` (as `OUVIDORIA_NOW=<now> npm start` does). */
async function restartAt(now: Date): Promise<LocalStack> {
  await stack?.stop();
  stack = await startLocalStack({
    ports: { smtp: 0, http: 0, dynamodb: 0, ses: 0 },
    dataDir,
    now: now.toISOString(),
    seedFile: join(import.meta.dirname, '..', '..', 'events', 'local-seed.json'),
    logLevel: 'SILENT',
    queueBackoffMs: () => 200,
  });
  return stack;
}

beforeAll(async () => {
  first = await startTestStack('restart', START);
  stack = first;
  dataDir = first.dataDir;
});

afterAll(async () => {
  await stack?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('timers across restarts of the local stack', () => {
  it('a restart past the reminder reminds the analyst once; one past the due date alerts the supervisor', async () => {
    const running = first as LocalStack;
    const sent = await sendMail(running, {
      from: 'contato@eletroponto.com.br',
      subject: 'Integração com ERP parada - chamado 48215',
      text: 'O chamado 48215 foi encerrado sem solução e a integração com o ERP continua parada.',
    });
    const { caseId } = await caseOf(running, sent.sesMessageId);
    const assigned = await waitFor(
      'assignment',
      () => getCaseRecord(running, caseId),
      (c) => c.status === 'ASSIGNED' && Boolean(c.analystNotifiedAt),
    );
    const protocol = assigned.protocol as string;
    const analyst = running.seed.analysts.find((a) => a.id === assigned.assignee)?.email as string;
    const [reminder, escalation] = running.timers.list().filter((t) => t.caseId === caseId);
    expect(reminder?.kind).toBe('reminder');
    expect(escalation?.kind).toBe('escalation');
    const reminderAt = (reminder as { at: Date }).at;
    const dueAt = new Date(assigned.dueAt as string);
    const aboutCase = (all: Awaited<ReturnType<typeof outbox>>, to: string) =>
      mailsTo(all, to).filter((m) => m.subject.includes(protocol));
    const before = aboutCase(await outbox(running), analyst).length;

    // Stopped, then started a minute past the reminder: it fires at start, without asking.
    const later = await restartAt(new Date(reminderAt.getTime() + 60_000));
    await waitFor(
      'the reminder after the restart',
      () => outbox(later),
      (all) => aboutCase(all, analyst).length === before + 1,
    );
    expect(later.timers.list().filter((t) => t.caseId === caseId)).toEqual([escalation]);

    // Another restart before the due date: the reminder is not armed, nor sent, again.
    const again = await restartAt(new Date(reminderAt.getTime() + 120_000));
    expect(again.timers.list().filter((t) => t.caseId === caseId)).toEqual([escalation]);
    expect(await again.releaseTimers()).toBe(0);
    expect(aboutCase(await outbox(again), analyst).length).toBe(before + 1);
    expect(aboutCase(await outbox(again), SUPERVISOR)).toEqual([]);

    // Past the due date: the supervisor is alerted, once, and nothing is left waiting for the case.
    const overdue = await restartAt(new Date(dueAt.getTime() + 60_000));
    await waitFor(
      'the supervisor alert after the restart',
      () => outbox(overdue),
      (all) => aboutCase(all, SUPERVISOR).length > 0,
    );
    expect(overdue.timers.list().filter((t) => t.caseId === caseId)).toEqual([]);
    const alerts = aboutCase(await outbox(overdue), SUPERVISOR).length;
    const last = await restartAt(new Date(dueAt.getTime() + 120_000));
    expect(last.timers.list().filter((t) => t.caseId === caseId)).toEqual([]);
    expect(await last.releaseTimers()).toBe(0);
    expect(aboutCase(await outbox(last), SUPERVISOR).length).toBe(alerts);
    expect(aboutCase(await outbox(last), analyst).length).toBe(before + 1);
    // The case history has each timer once.
    const history = ((await getCaseRecord(last, caseId)) as CaseRecord & WorkCase).history ?? [];
    expect(history.filter((e) => e.type === 'reminder-sent')).toHaveLength(1);
    expect(history.filter((e) => e.type === 'escalated')).toHaveLength(1);
  }, 120_000);
});

describe('the local tools read the stack’s clock', () => {
  it('after a restart with a moved OUVIDORIA_NOW, npm run report / titular take the console’s now', async () => {
    const moved = await restartAt(new Date('2026-12-15T10:00:00-03:00'));
    const read = readLocalClock(dataDir);
    expect(read).toBeDefined();
    expect(Math.abs((read as Date).getTime() - moved.clock.now().getTime())).toBeLessThan(5_000);
  });
});

describe('deferred assignments across restarts of the local stack', () => {
  it('a case deferred to an opening that passed while the stack was down is assigned as of that opening', async () => {
    // Saturday 28/11/2026: the case waits for Monday 09:00.
    const weekend = await startTestStack('restart-deferral', '2026-11-28T10:00:00-03:00');
    let later: LocalStack | undefined;
    try {
      const sent = await sendMail(weekend, {
        from: 'contato@eletroponto.com.br',
        subject: 'Repasse de novembro não caiu - chamado 48215',
        text: 'O repasse das vendas de novembro não caiu na conta. Abri o chamado 48215 e ninguém respondeu até agora.',
      });
      const { caseId } = await caseOf(weekend, sent.sesMessageId);
      await waitFor(
        'the deferral to Monday',
        async () => weekend.scheduler.list(),
        (list) => list.some((d) => d.message.caseId === caseId),
      );
      await weekend.stop();
      // Started again Monday 30/11 at 18:00, the office closed: Scheduler would have run it at 09:00.
      later = await startLocalStack({
        ports: { smtp: 0, http: 0, dynamodb: 0, ses: 0 },
        dataDir: weekend.dataDir,
        now: '2026-11-30T18:00:00-03:00',
        seedFile: join(import.meta.dirname, '..', '..', 'events', 'local-seed.json'),
        logLevel: 'SILENT',
        queueBackoffMs: () => 200,
      });
      const running = later;
      const assigned = await waitFor(
        'the assignment at the missed opening',
        () => getCaseRecord(running, caseId),
        (c) => c.status === 'ASSIGNED' && Boolean(c.analystNotifiedAt),
      );
      expect(assigned.assignedAt).toBe(new Date('2026-11-30T09:00:00-03:00').toISOString());
      expect(running.scheduler.list().filter((d) => d.message.caseId === caseId)).toEqual([]);
      const analyst = running.seed.analysts.find((a) => a.id === assigned.assignee)?.email as string;
      expect(mailsTo(await outbox(running), analyst).some((m) => m.subject.includes(assigned.protocol as string))).toBe(
        true,
      );
    } finally {
      await later?.stop();
      await rm(weekend.dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
