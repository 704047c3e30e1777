/**
 * The bounce breaker's held guidance on the local stack (its HeldReplySweep schedule): while the
 * last hour's bounces of our mail are at the limit, her guidance is held — recorded, not sent; once
 * the hour has passed without bounces, the sweep on the virtual clock sends it, in her thread, and
 * the case says it went late.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoBounceCounter } from '../../shared/adapters/dynamo/bounce-counter';
import { documentClient } from '../../shared/adapters/dynamo/client';
import { breakerHours } from '../../shared/domain/bounce-breaker';
import type { CaseRecord } from '../../shared/domain/case';
import { LOCAL_TABLE } from '../../scripts/local/stack';
import { caseOf, getCaseRecord, mailsTo, outbox, sendMail, startTestStack, waitFor } from './helpers';
import { bounceKeys } from '../support/fakes';

const MERCHANT = 'marina@lojanova.com.br';
let stack: Awaited<ReturnType<typeof startTestStack>>;

describe('held guidance on the local stack', () => {
  beforeAll(async () => {
    stack = await startTestStack('held', '2026-11-25T10:00:00-03:00', { schedulerIntervalMs: 100 });
  }, 120_000);
  afterAll(async () => {
    await stack?.cleanup();
  });

  it('held while the breaker is tripped, sent by the sweep once it is clear, and the case says so', {
    timeout: 120_000,
  }, async () => {
    // An attacker's domain bounced our mail up to the limit this hour.
    const client = documentClient({ endpoint: `http://127.0.0.1:${stack.ports.dynamodb}` });
    await new DynamoBounceCounter(client, LOCAL_TABLE).add(
      breakerHours(stack.clock.now()).current,
      bounceKeys(stack.config.autoReply.bounceBreakerPerHour),
    );
    const sent = await sendMail(stack, {
      from: MERCHANT,
      subject: 'Minha loja está fora do ar',
      text: 'Bom dia, minha loja está fora do ar desde ontem e não sei a quem recorrer. Preciso de ajuda.',
    });
    const { caseId } = await caseOf(stack, sent.sesMessageId);
    const held = await waitFor(
      'the reply held',
      () => getCaseRecord(stack, caseId),
      (c: CaseRecord) => c.reply?.status === 'suppressed',
    );
    expect(held.reply).toMatchObject({ status: 'suppressed', reason: 'bounce-breaker' });
    // A sweep while it is still tripped sends nothing.
    stack.clock.advance(5 * 60_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(mailsTo(await outbox(stack), MERCHANT)).toEqual([]);
    // Two hours on, no bounce since: the next sweep sends it.
    stack.clock.advance(2 * 3600_000);
    const mails = await waitFor(
      'the held guidance sent',
      () => outbox(stack),
      (all) => mailsTo(all, MERCHANT).length > 0,
    );
    const [mail] = mailsTo(mails, MERCHANT);
    expect(mail?.subject).toContain('Minha loja está fora do ar');
    // Recorded just after the send (the claim holds it in between).
    const record = await waitFor(
      'the late reply recorded',
      () => getCaseRecord(stack, caseId),
      (c: CaseRecord) => c.reply?.status === 'sent',
    );
    expect(record.reply).toMatchObject({ status: 'sent', heldAt: expect.any(String) });
    // Once: later sweeps find nothing left.
    stack.clock.advance(10 * 60_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(mailsTo(await outbox(stack), MERCHANT)).toHaveLength(1);
  });
});
