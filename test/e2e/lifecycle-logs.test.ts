/**
 * The local stack logs the lifecycle's events as the functions do on AWS (journeys 62): an overdue
 * case's alert, a failed effect, no supervisor present. Its one lifecycle was built without
 * telemetry, so none of these lines ever appeared locally — a journey past a due date showed only
 * "result=escalated", never the warning the OverdueCases alarm counts.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalStack } from '../../scripts/local/stack';
import { caseOf, getCaseRecord, sendMail, startTestStack, waitFor } from './helpers';

/** Wednesday 25/11/2026, office open. */
const START = '2026-11-25T10:00:00-03:00';

const lines: string[] = [];
let stack: (LocalStack & { cleanup(): Promise<void> }) | undefined;

beforeAll(async () => {
  // The stack's lines are read here, not printed: passing tests print nothing.
  for (const method of ['log', 'warn', 'error'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
  }
  stack = await startTestStack('lifecycle-logs', START, { logLevel: 'INFO' });
}, 60_000);

afterAll(async () => {
  await stack?.cleanup();
  vi.restoreAllMocks();
});

describe('the local stack logs the lifecycle', () => {
  it('a case past its due date is logged as overdue when the supervisors are alerted', {
    timeout: 60_000,
  }, async () => {
    const running = stack as LocalStack;
    const sent = await sendMail(running, {
      from: 'contato@eletroponto.com.br',
      subject: 'Integração com ERP parada - chamado 48215',
      text: 'Olá, o chamado 48215 foi encerrado sem solução e a integração com o ERP continua parada há uma semana.',
    });
    const { caseId } = await caseOf(running, sent.sesMessageId);
    const assigned = await waitFor(
      'assignment',
      () => getCaseRecord(running, caseId),
      (c) => c.status === 'ASSIGNED' && Boolean(c.analystNotifiedAt),
    );
    expect(lines.some((l) => l.includes('Case overdue'))).toBe(false);

    running.clock.set(new Date(new Date(assigned.dueAt as string).getTime() + 60_000));
    await running.releaseTimers();
    const overdue = lines.filter((l) => l.includes('Case overdue: supervisors alerted'));
    expect(overdue).toHaveLength(1);
    expect(overdue[0]).toContain(assigned.protocol as string);
    // Ids only, never the merchant's address (LGPD).
    expect(overdue[0]).not.toContain('eletroponto');
  });
});
