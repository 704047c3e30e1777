import { describe, expect, it } from 'vitest';
import { mailInfectedNotice } from '../../../shared/app/infected-notice';
import { localConfig } from '../../../shared/domain/config';
import { FixedClock, InMemoryReplyThrottle, RecordingMailer } from '../../support/fakes';

const CONTENT = { subject: 'Ouvidoria: um arquivo enviado não pôde ser aceito', text: 'texto', html: '<p>texto</p>' };

function world(maxPerDay = 1) {
  const mailer = new RecordingMailer();
  const clock = new FixedClock(new Date('2026-03-10T13:00:00Z'));
  const config = { ...localConfig, autoReply: { ...localConfig.autoReply, maxPerSenderPerOutcomePerDay: maxPerDay } };
  // The note's Message-IDs as the case records them (with her address: a delivery report about it is a bounce).
  const pointers: Array<{ caseId: string; ids: string[]; sentTo?: string[] }> = [];
  const cases = {
    addMessageIds: async (caseId: string, ids: string[], sentTo?: string[]) => {
      pointers.push({ caseId, ids, ...(sentTo ? { sentTo } : {}) });
    },
  };
  return { mailer, clock, pointers, deps: { mailer, clock, config, cases, throttle: new InMemoryReplyThrottle() } };
}

describe('mailInfectedNotice', () => {
  it('one note per inbox and office day, whatever spelling of her address the case names', async () => {
    const w = world();
    const sent = [
      await mailInfectedNotice('Lojista@ModasBella.com.br', 'c-1', CONTENT, w.deps),
      await mailInfectedNotice('lojista+ouvidoria@modasbella.com.br', 'c-2', CONTENT, w.deps),
      await mailInfectedNotice('financeiro@casadosaromas.com.br', 'c-3', CONTENT, w.deps),
    ];
    expect(sent).toEqual(['sent', 'limited', 'sent']);
    expect(w.mailer.sent.map((m) => m.to[0])).toEqual(['Lojista@ModasBella.com.br', 'financeiro@casadosaromas.com.br']);
  });

  it('counts a case once: its second file, or a retried note, still goes', async () => {
    const w = world();
    expect(await mailInfectedNotice('ana@papelariaestrela.com.br', 'c-1', CONTENT, w.deps)).toBe('sent');
    expect(await mailInfectedNotice('ana@papelariaestrela.com.br', 'c-1', CONTENT, w.deps)).toBe('sent');
    expect(await mailInfectedNotice('ana@papelariaestrela.com.br', 'c-2', CONTENT, w.deps)).toBe('limited');
  });

  it.each([
    // São Paulo's day: 02:59 UTC is still the 10th there; 03:00 is the 11th.
    ['2026-03-11T02:59:00Z', 'limited'],
    ['2026-03-11T03:00:00Z', 'sent'],
  ] as const)('the day is the office’s: a second case at %s → %s', async (at, expected) => {
    const w = world();
    await mailInfectedNotice('carla@docesdacarla.com.br', 'c-1', CONTENT, w.deps);
    w.clock.set(at);
    expect(await mailInfectedNotice('carla@docesdacarla.com.br', 'c-2', CONTENT, w.deps)).toBe(expected);
  });

  it('the configured daily limit holds, and the mail is the office’s automatic mail', async () => {
    const w = world(2);
    const sent = [];
    for (const id of ['c-1', 'c-2', 'c-3'])
      sent.push(await mailInfectedNotice('joao@lojadojoao.com.br', id, CONTENT, w.deps));
    expect(sent).toEqual(['sent', 'sent', 'limited']);
    expect(w.mailer.sent[0]).toMatchObject({
      to: ['joao@lojadojoao.com.br'],
      subject: CONTENT.subject,
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
  });

  it('a refused send is the caller’s to handle (the form keeps the case; the scan event is retried)', async () => {
    const w = world();
    w.mailer.send = async () => {
      throw new Error('SES throttled');
    };
    await expect(mailInfectedNotice('ana@papelariaestrela.com.br', 'c-1', CONTENT, w.deps)).rejects.toThrow(
      'SES throttled',
    );
  });

  // Journey 44: a delivery report about the note ("550 mailbox disabled") was not read as a bounce —
  // the note's Message-ID was on no case, so it was "not our mail" and stored as a new submission.
  it('records its Message-IDs on the case with her address, ours before the send and the provider’s after', async () => {
    const w = world();
    let pointersAtSend = 0;
    const send = w.mailer.send.bind(w.mailer);
    w.mailer.send = async (mail) => {
      pointersAtSend = w.pointers.length;
      return send(mail);
    };
    await mailInfectedNotice('carla@docesdacarla.com.br', 'c-7', CONTENT, w.deps);
    const ours = w.mailer.sent[0]?.messageId as string;
    expect(pointersAtSend).toBe(1);
    expect(w.pointers).toEqual([
      { caseId: 'c-7', ids: [ours], sentTo: ['carla@docesdacarla.com.br'] },
      { caseId: 'c-7', ids: ['fake-1@fake.amazonses.com'], sentTo: ['carla@docesdacarla.com.br'] },
    ]);
  });

  it('a limited note records nothing', async () => {
    const w = world();
    await mailInfectedNotice('carla@docesdacarla.com.br', 'c-1', CONTENT, w.deps);
    await mailInfectedNotice('carla@docesdacarla.com.br', 'c-2', CONTENT, w.deps);
    expect(w.pointers.map((p) => p.caseId)).toEqual(['c-1', 'c-1']);
  });
});
