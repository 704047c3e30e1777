import { describe, expect, it } from 'vitest';
import { followUpNotifier } from '../../../shared/app/follow-up';
import { localConfig } from '../../../shared/domain/config';
import { aCase, aMessage, anAnalyst } from '../../support/builders';
import { InMemoryCaseRepository, InMemoryStaffRepository, RecordingMailer } from '../../support/fakes';

const config = localConfig;

function harness() {
  const cases = new InMemoryCaseRepository();
  const staff = new InMemoryStaffRepository([
    anAnalyst({ id: 'ana' }),
    anAnalyst({ id: 'sup-sofia', name: 'Sofia Martins', email: 'sofia@ouvidoria.example.com.br' }),
  ]);
  const mailer = new RecordingMailer();
  return { cases, staff, mailer, notify: followUpNotifier({ cases, staff, mailer, config }) };
}

describe('followUpNotifier', () => {
  const parent = aCase({ assignee: 'ana', status: 'ASSIGNED' });
  const followUp = aMessage({ sourceId: '0100019follow-up-0001', text: 'Alguma novidade sobre o estorno?' });

  it('gives the notice a Message-ID of our domain that never carries the protocol (SPEC "Trust rules")', async () => {
    const h = harness();
    await h.cases.create(parent);
    await h.notify(parent, followUp);
    const id = h.mailer.sent[0]?.messageId ?? '';
    expect(id.endsWith(`@${config.domain.toLowerCase()}`)).toBe(true);
    expect(id.toLowerCase()).not.toContain((parent.protocol ?? '—').toLowerCase());
    expect(id.toLowerCase()).not.toContain('000042');
  });

  it('keeps the same Message-ID when the same delivery is retried, and another for the next mail', async () => {
    const h = harness();
    await h.cases.create(parent);
    await h.notify(parent, followUp);
    await h.notify(parent, followUp);
    await h.notify(parent, aMessage({ sourceId: '0100019follow-up-0002' }));
    const [first, retry, next] = h.mailer.sent.map((m) => m.messageId);
    expect(retry).toBe(first);
    expect(next).not.toBe(first);
  });

  // Journeys 48: her mail held in quarantine and released into her case read as an ordinary new
  // message: the notice now says it came out of quarantine and who vouched for it.
  it.each<[string, string, string]>([
    [
      'a supervisor on the roster, by name',
      'sup-sofia',
      'Liberado da quarentena por Sofia Martins em 25/11/2026 às 09:30',
    ],
    [
      'a supervisor gone from the roster, by id',
      'sup-antiga',
      'Liberado da quarentena por sup-antiga em 25/11/2026 às 09:30',
    ],
  ])('a mail released into her case names %s', async (_who, by, words) => {
    const h = harness();
    await h.cases.create(parent);
    await h.notify(parent, { ...followUp, released: { by, at: '2026-11-25T12:30:00.000Z' } });
    await h.notify(parent, aMessage({ sourceId: '0100019follow-up-0003' }));
    const [released, plain] = h.mailer.sent.map((m) => m.text.replace(/\s+/g, ' '));
    expect(released).toContain(
      `Esta mensagem ficou retida na quarentena. ${words}: a supervisão respondeu pelo remetente`,
    );
    expect(plain).not.toContain('quarentena');
  });

  it('sends nothing for a case no analyst holds', async () => {
    const h = harness();
    const queued = aCase();
    await h.cases.create(queued);
    await h.notify(queued, followUp);
    expect(h.mailer.sent).toEqual([]);
  });
});
