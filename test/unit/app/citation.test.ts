import { describe, expect, it } from 'vitest';
import { CITATION_NOTICES_PER_DAY, citationNotifier } from '../../../shared/app/citation';
import { type CaseRecord, REPLY_TO_BOUNCED } from '../../../shared/domain/case';
import { localConfig } from '../../../shared/domain/config';
import { aCase } from '../../support/builders';
import {
  FixedClock,
  InMemoryCaseRepository,
  InMemoryRateLimiter,
  InMemoryStaffRepository,
  RecordingMailer,
} from '../../support/fakes';

const MERCHANT = 'lojista@modasbella.com.br';

function world(parent: Partial<CaseRecord> = {}, analyst = { active: true }) {
  const cases = new InMemoryCaseRepository();
  const staff = new InMemoryStaffRepository([
    { id: 'ana', name: 'Ana Souza', email: 'ana@ouvidoria.example.com.br', active: analyst.active, openCases: 1 },
  ]);
  const mailer = new RecordingMailer();
  const notify = citationNotifier({
    cases,
    staff,
    mailer,
    limiter: new InMemoryRateLimiter(),
    clock: new FixedClock(new Date('2026-03-12T14:00:00.000Z')),
    config: localConfig,
  });
  const stored = aCase({
    caseId: 'email:ses-0001',
    protocol: 'OUV-2026-000001',
    senderEmail: MERCHANT,
    assignee: 'ana',
    ...parent,
  });
  return { cases, mailer, notify, stored };
}

const citing = (over: Partial<CaseRecord> = {}): CaseRecord =>
  aCase({
    caseId: 'email:ses-0101',
    sourceId: 'ses-0101',
    outcome: 'NO_PRIOR_TICKET',
    status: 'REDIRECTED',
    senderEmail: 'financeiro@outraloja.com.br',
    referencedCaseId: 'email:ses-0001',
    referencedProtocol: 'OUV-2026-000001',
    createdAt: '2026-03-12T13:59:00.000Z',
    ...over,
  });

describe('citationNotifier: a message cites the case without joining it', () => {
  it('tells the analyst who holds the case, with a link and none of the message’s words', async () => {
    const w = world();
    await w.cases.create(w.stored);
    await w.notify(
      citing({
        subject: 'Deposite o reembolso na conta 1234-5',
        text: 'Conta 1234-5 agência 0001',
      } as Partial<CaseRecord>),
    );
    expect(w.mailer.sent).toHaveLength(1);
    const mail = w.mailer.sent[0]!;
    expect(mail.to).toEqual(['ana@ouvidoria.example.com.br']);
    expect(mail.subject).toBe('[OUV-2026-000001] Mensagem que cita o caso, não juntada a ele');
    expect(mail.text).toContain('de outro endereço (f***@o***.com.br), não o do lojista');
    expect(mail.text).toContain(`${localConfig.webformOrigin}/equipe?caso=email%3Ases-0101`);
    expect(mail.text).not.toContain('1234-5');
    expect(mail.replyTo ?? []).toEqual([]);
    expect(mail.headers['Auto-Submitted']).toBe('auto-generated');
  });

  it('from the merchant’s own address: says the sender could not be verified', async () => {
    const w = world();
    await w.cases.create(w.stored);
    await w.notify(citing({ senderEmail: MERCHANT }));
    expect(w.mailer.sent[0]?.text).toContain('com o endereço do lojista, mas sem verificação do remetente');
  });

  // Red team 62: her mailbox spelled another way (Gmail's dots, googlemail.com, her domain in Unicode) is
  // hers, as threading reads it: the notice said "de outro endereço", sending the analyst after a stranger.
  it.each([
    [
      'maria.souza@gmail.com',
      'MariaSouza+loja@gmail.com',
      'com o endereço do lojista, mas sem verificação do remetente',
    ],
    [
      'maria.souza@gmail.com',
      'mariasouza@googlemail.com',
      'com o endereço do lojista, mas sem verificação do remetente',
    ],
    [
      'contato@açaí.com.br',
      'contato@xn--aa-4iaz.com.br',
      'com o endereço do lojista, mas sem verificação do remetente',
    ],
    ['maria@lojadamaria.com.br', 'maria+x@lojadamaria.com.br', 'de outro endereço'],
    ['maria.souza@gmail.com', 'maria.souza@hotmail.com', 'de outro endereço'],
  ])('case of %s cited from %s: %s', async (merchant, sender, words) => {
    const w = world({ senderEmail: merchant });
    await w.cases.create(w.stored);
    await w.notify(citing({ senderEmail: sender }));
    expect(w.mailer.sent[0]?.text).toContain(words);
  });

  it(`at most ${CITATION_NOTICES_PER_DAY} a day per case`, async () => {
    const w = world();
    await w.cases.create(w.stored);
    for (let i = 0; i < CITATION_NOTICES_PER_DAY + 3; i++)
      await w.notify(citing({ caseId: `email:ses-02${i}`, sourceId: `ses-02${i}` }));
    expect(w.mailer.sent).toHaveLength(CITATION_NOTICES_PER_DAY);
  });

  it.each([
    ['a quarantined record (spam, a virus)', {}, { status: 'QUARANTINED', outcome: 'QUARANTINED' }, true],
    ['a case no one holds yet', { assignee: undefined }, {}, true],
    ['an analyst no longer active', {}, {}, false],
  ] as const)('nothing for %s', async (_what, parent, over, active) => {
    const w = world(parent as Partial<CaseRecord>, { active });
    await w.cases.create(w.stored);
    await w.notify(citing(over as Partial<CaseRecord>));
    expect(w.mailer.sent).toEqual([]);
  });
  // Her acknowledgement hard-bounced, then she writes from Gmail: "respondendo pelo caso" alone would
  // send the analyst to an inbox that is gone (journeys 54).
  const WARNING = `Atenção: as mensagens da Ouvidoria para o endereço do lojista (${MERCHANT}) voltaram`;
  it.each([
    [
      'her address bounces (the mark ses-feedback leaves on her open case)',
      { merchantBounceUntil: '2026-05-10T12:00:00.000Z' },
      'financeiro@outraloja.com.br',
      true,
    ],
    [
      'her acknowledgement was withheld for bounce memory',
      { reply: { status: 'suppressed', reason: REPLY_TO_BOUNCED, at: '2026-03-10T12:00:00.000Z' } },
      'financeiro@outraloja.com.br',
      true,
    ],
    [
      'her own address, unverified, while it bounces',
      { merchantBounceUntil: '2026-05-10T12:00:00.000Z' },
      MERCHANT,
      true,
    ],
    [
      'the bounce memory lapsed',
      { merchantBounceUntil: '2026-03-01T12:00:00.000Z' },
      'financeiro@outraloja.com.br',
      false,
    ],
    ['no bounce', {}, 'financeiro@outraloja.com.br', false],
  ] as const)('warns of her bouncing address when %s', async (_what, parent, from, warned) => {
    const w = world(parent as Partial<CaseRecord>);
    await w.cases.create(w.stored);
    await w.notify(citing({ senderEmail: from }));
    const text = w.mailer.sent[0]?.text ?? '';
    expect(text.includes(WARNING)).toBe(warned);
    expect((w.mailer.sent[0]?.html ?? '').includes(`para o endereço do lojista (${MERCHANT}) voltaram`)).toBe(warned);
    expect(text).toContain('Leia-a no console');
  });
});
