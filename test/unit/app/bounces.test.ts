import { describe, expect, it } from 'vitest';
import { type BounceDeps, countSesBounces, recordDeliveryReport, suppressAddresses } from '../../../shared/app/bounces';
import { bounceKey } from '../../../shared/domain/bounce-breaker';
import { localConfig } from '../../../shared/domain/config';
import { FixedClock, InMemoryBounceCounter, InMemoryBounceRegistry } from '../../support/fakes';

const NOW = new Date('2026-03-02T13:00:00.000Z');
const UNTIL = new Date(NOW.getTime() + localConfig.autoReply.bounceSuppressionDays * 86_400_000);

function deps(sent: Record<string, string[]> = {}) {
  const bounces = new InMemoryBounceRegistry();
  const lookups: string[] = [];
  const d: BounceDeps = {
    bounces,
    sentMail: {
      async findSentMail(id) {
        lookups.push(id);
        const recipients = sent[id];
        return recipients ? { caseId: 'email:x', recipients } : null;
      },
    },
    clock: new FixedClock(NOW),
    config: localConfig,
  };
  return { d, bounces, lookups };
}

describe('suppressAddresses', () => {
  it('puts each address (trimmed, lower-cased, once) in bounce memory until the configured day', async () => {
    const { d, bounces } = deps();
    const done = await suppressAddresses([' Maria@Loja.com.br', 'maria@loja.com.br', ''], 'ses-permanent-bounce', d);
    expect(done).toEqual(['maria@loja.com.br']);
    expect(bounces.entries.get('maria@loja.com.br')).toEqual({ until: UNTIL, reason: 'ses-permanent-bounce' });
    expect(await bounces.isSuppressed('maria@loja.com.br', NOW)).toBe(true);
    expect(await bounces.isSuppressed('maria@loja.com.br', UNTIL)).toBe(false);
  });

  it('is idempotent: a retry writes the same entry', async () => {
    const { d, bounces } = deps();
    await suppressAddresses(['a@x.com'], 'ses-complaint', d);
    await suppressAddresses(['a@x.com'], 'ses-complaint', d);
    expect([...bounces.entries]).toEqual([['a@x.com', { until: UNTIL, reason: 'ses-complaint' }]]);
  });
});

describe('recordDeliveryReport', () => {
  it('suppresses the failed recipients of mail we really sent', async () => {
    const { d, bounces, lookups } = deps({ 'ack-1@ouvidoria': ['maria@loja.com.br'] });
    const done = await recordDeliveryReport(
      { failedRecipients: ['maria@loja.com.br'], referencedMessageIds: ['orig@gmail', 'ack-1@ouvidoria'] },
      d,
    );
    // The case of the mail it names keeps the report (erasure finds it there).
    expect(done).toEqual({ recipients: ['maria@loja.com.br'], caseIds: ['email:x'] });
    expect(lookups).toEqual(['orig@gmail', 'ack-1@ouvidoria']);
    expect(bounces.entries.get('maria@loja.com.br')?.reason).toBe('delivery-status-report');
  });

  it('a report about mail we never sent, or naming another recipient, suppresses nobody', async () => {
    const { d, bounces } = deps({ 'ack-1@ouvidoria': ['maria@loja.com.br'] });
    expect(
      await recordDeliveryReport({ failedRecipients: ['maria@loja.com.br'], referencedMessageIds: ['forged@x'] }, d),
    ).toEqual({ recipients: [], caseIds: [] });
    expect(
      await recordDeliveryReport(
        { failedRecipients: ['vitima@outra.com'], referencedMessageIds: ['ack-1@ouvidoria'] },
        d,
      ),
    ).toEqual({ recipients: [], caseIds: [] });
    expect(bounces.entries.size).toBe(0);
  });
});

describe('countSesBounces', () => {
  const MAIL = '0100018e-abc-000000';
  it.each([
    [
      'one per recipient, in the hour SES saw the bounce',
      ['a@devolve-tudo.example', 'b@devolve-tudo.example'],
      '2026-03-02T12:59:59.000Z',
      [['2026-03-02T12:00:00.000Z', ['a@devolve-tudo.example', 'b@devolve-tudo.example']]],
    ],
    [
      'no bounce time: this hour',
      ['a@devolve-tudo.example'],
      undefined,
      [['2026-03-02T13:00:00.000Z', ['a@devolve-tudo.example']]],
    ],
    ['no recipient: no write', [], '2026-03-02T12:59:59.000Z', []],
  ])('%s', async (_, recipients, bouncedAt, written) => {
    const added: [string, string[]][] = [];
    const bounceCounter = new InMemoryBounceCounter();
    bounceCounter.add = async (hour, keys) => {
      added.push([hour.toISOString(), keys]);
    };
    await countSesBounces(
      { mailMessageId: MAIL, recipients, ...(bouncedAt ? { bouncedAt } : {}) },
      { bounceCounter, clock: new FixedClock(NOW) },
    );
    expect(added).toEqual(written.map(([hour, to]) => [hour, (to as string[]).map((r) => bounceKey(MAIL, r))]));
  });
});
