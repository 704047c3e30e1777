import { describe, expect, it } from 'vitest';
import { handleMerchantReply } from '../../../../shared/app/lifecycle/merchant-reply';
import { handleStaffMail } from '../../../../shared/app/lifecycle/staff-mail';
import { localConfig } from '../../../../shared/domain/config';
import { MAX_PENDING_EFFECTS_BYTES, pendingEffectsBytes } from '../../../../shared/domain/lifecycle/history-budget';
import { staffReplyAddress } from '../../../../shared/domain/lifecycle/reply-address';
import type { WorkCase } from '../../../../shared/domain/lifecycle/types';
import {
  CASE_ID,
  lifecycleWorld,
  MERCHANT,
  PROTOCOL,
  SECRET,
  staffMail,
  workCase,
} from '../../../support/lifecycle-fakes';

/**
 * Red team round 45: the outbox (`pendingEffects`) lives on the case item. While mail fails (an SES
 * outage, a throttle), each answer waited there with its whole text and each of her replies with a
 * forward: twenty long answers retried by a worried analyst, or her replies by the thousand, took the
 * item past 400 KB — after which not even the claim of a waiting mail could be written.
 */
describe('the case outbox while mail fails', () => {
  function failingWorld() {
    const w = lifecycleWorld({ cases: [workCase({ status: 'IN_PROGRESS' })] });
    w.mailer.send = async () => {
      throw new Error('ses down');
    };
    return w;
  }
  const swallow = async <T>(p: Promise<T>): Promise<T | 'threw'> => p.catch(() => 'threw' as const);

  it('long answers while mail fails: past the budget an answer is refused in pt-BR, the outbox stays bounded', async () => {
    const w = failingWorld();
    const body = 'Verificamos o estorno junto ao financeiro e seguem os detalhes. '.repeat(300).slice(0, 19_000);
    const results = [];
    for (let i = 0; i < 12; i++) {
      results.push(
        await swallow(
          handleStaffMail(
            staffMail({
              to: staffReplyAddress(PROTOCOL, 'ana', SECRET, localConfig),
              from: 'ana@empresa.com.br',
              text: `${body} (${i})`,
              sourceId: `ses-answer-${i}`,
            }),
            w.deps,
          ),
        ),
      );
    }
    const c = (await w.cases.get(CASE_ID)) as WorkCase;
    expect(pendingEffectsBytes(c)).toBeLessThan(MAX_PENDING_EFFECTS_BYTES + 25_000);
    expect(results.slice(-3)).toEqual(
      Array.from({ length: 3 }, () => expect.objectContaining({ kind: 'refused', codes: ['mail-backlog'] })),
    );
    const refused = c.history?.findLast((e) => e.type === 'refused');
    expect(refused?.type === 'refused' && refused.reasons?.[0]).toContain('ainda aguardam envio');
    // She is told by mail too, once mail goes again: an answer refused unseen is an answer lost.
    const told = Object.values(c.pendingEffects ?? {}).filter(
      (p) => p.effect.kind === 'explain-to-staff' && p.effect.problems.some((q) => q.code === 'mail-backlog'),
    );
    expect(told).toHaveLength(3);
  });

  it('her replies by the hundred while mail fails: the forwards past the budget are not stored, her messages are', async () => {
    const w = failingWorld();
    for (let i = 0; i < 400; i++) {
      const parent = (await w.cases.get(CASE_ID)) as WorkCase;
      await swallow(
        handleMerchantReply(
          parent,
          {
            sourceId: `0100019a${String(i).padStart(8, '0')}-5e2f7c1a-8b3d-4e6f-9a0b-1c2d3e4f5a6b-000000`,
            channel: 'email',
            receivedAt: '2026-03-12T13:59:00.000Z',
            subject: 'Re: Cobrança',
            text: `Alguma novidade? (${i})`,
            attachments: [],
            from: { address: MERCHANT },
          },
          w.deps,
        ),
      );
    }
    const c = (await w.cases.get(CASE_ID)) as WorkCase;
    expect(c.messages).toHaveLength(401);
    expect(pendingEffectsBytes(c)).toBeLessThan(MAX_PENDING_EFFECTS_BYTES + 1_000);
  });
});
