import { describe, expect, it } from 'vitest';
import { handleMerchantReply } from '../../../../shared/app/lifecycle/merchant-reply';
import { recordSurvey, surveyCase } from '../../../../shared/app/lifecycle/survey';
import type { CaseMessage } from '../../../../shared/domain/case';
import { localConfig } from '../../../../shared/domain/config';
import { surveyLinks } from '../../../../shared/domain/lifecycle/survey';
import { type LifecycleWorld, lifecycleWorld, PROTOCOL, SECRET, workCase } from '../../../support/lifecycle-fakes';

const SENT = new Date('2026-03-12T14:00:00.000Z');
const links = surveyLinks(PROTOCOL, SENT, SECRET, localConfig);
const CLOSED = workCase({ status: 'CLOSED', closedAt: '2026-03-11T13:00:00.000Z' });
/** A survey link comes with a closing: the case it names is closed. */
const closedWorld = (options: { now?: string } = {}) => lifecycleWorld({ cases: [CLOSED], ...options });

describe('recordSurvey', () => {
  it('records the confirmed score and comment; a second answer is refused', async () => {
    const w = closedWorld();
    expect(await recordSurvey(links[4]!.url, '  Atendimento rápido, obrigado!  ', w.deps)).toEqual({
      kind: 'recorded',
      protocol: PROTOCOL,
      score: 5,
      language: 'pt-BR',
    });
    expect(await w.surveys.get(PROTOCOL)).toEqual({
      protocol: PROTOCOL,
      score: 5,
      comment: 'Atendimento rápido, obrigado!',
      answeredAt: '2026-03-12T14:00:00.000Z',
      // Its expiry runs from the case's closing, as the case's own.
      closedAt: '2026-03-11T13:00:00.000Z',
    });
    // Which answer counts is said (a second tab, a later click): the first, 5.
    expect(await recordSurvey(links[0]!.url, undefined, w.deps)).toEqual({
      kind: 'already-answered',
      protocol: PROTOCOL,
      language: 'pt-BR',
      score: 5,
    });
    expect((await w.surveys.get(PROTOCOL))?.score).toBe(5);
  });

  it.each([
    // [typed comment, stored comment]: the form's description rule — no controls, bidi marks or invisible characters outside an emoji.
    ['Ótimo\u202e atendimento, resolveram em 2 dias', 'Ótimo atendimento, resolveram em 2 dias'],
    ['\u2067Péssimo\u2069 — ninguém respondeu\u0000', 'Péssimo — ninguém respondeu'],
    ['Demorou\r\nmas resolveram\u0007\u061c', 'Demorou\nmas resolveram'],
    ['\u200f\u202b\u202c', undefined],
    ['Ótimo\u200b atendimento\u2060 ❤️\u200d', 'Ótimo atendimento ❤️'],
    ['Resolveram 👩‍💻\u00ad\u200c em 2 dias\ufe0f', 'Resolveram 👩‍💻 em 2 dias'],
    ['\u200b\u2800\u3164', undefined],
  ])('a comment %j is kept as %j', async (typed, stored) => {
    const w = closedWorld();
    expect((await recordSurvey(links[2]!.url, typed, w.deps)).kind).toBe('recorded');
    expect((await w.surveys.get(PROTOCOL))?.comment).toBe(stored);
  });

  it('reads the case’s state alone: the survey shows none of its messages', async () => {
    const w = closedWorld();
    let wholeReads = 0;
    const whole = w.deps.cases.getByProtocol.bind(w.deps.cases);
    w.deps.cases.getByProtocol = (protocol: string) => {
      wholeReads++;
      return whole(protocol);
    };
    // label, step → [its outcome, whole-case reads (messages and their texts) during it]
    const rows: Array<[string, () => Promise<unknown>, unknown]> = [
      ['the page', async () => (await surveyCase(PROTOCOL, w.deps))?.reopened, [false, 0]],
      [
        'the answer',
        async () => (await recordSurvey(links[4]!.url, 'Resolveram rápido', w.deps)).kind,
        ['recorded', 0],
      ],
      [
        'a second answer',
        async () => (await recordSurvey(links[1]!.url, undefined, w.deps)).kind,
        ['already-answered', 0],
      ],
    ];
    for (const [label, step, expected] of rows) {
      wholeReads = 0;
      const outcome = await step();
      expect([label, [outcome, wholeReads]]).toEqual([label, expected]);
    }
  });

  it('two confirmations at once: one answer', async () => {
    const w = closedWorld();
    const results = await Promise.all([
      recordSurvey(links[1]!.url, undefined, w.deps),
      recordSurvey(links[3]!.url, undefined, w.deps),
    ]);
    expect(results.map((r) => r.kind).sort()).toEqual(['already-answered', 'recorded']);
  });

  // Carla had the closing mail open in two tabs: she confirmed 5 in one, then wrote in the other, under 2,
  // "Improcedente? O estorno foi aprovado!" and confirmed. The page said only "já foi respondida": not
  // which score counts, nor that her words were dropped. Now it says both; a blank comment lost nothing.
  it.each([
    ['with a comment', 'Improcedente? O estorno foi aprovado!', { score: 5, commentLost: true }],
    ['with a blank comment', '   ', { score: 5 }],
    ['without a comment', undefined, { score: 5 }],
  ])(
    'a second tab confirmed %s: the score on record, and whether her words were dropped',
    async (_l, comment, told) => {
      const w = closedWorld();
      expect((await recordSurvey(links[4]!.url, undefined, w.deps)).kind).toBe('recorded');
      expect(await recordSurvey(links[1]!.url, comment, w.deps)).toEqual({
        kind: 'already-answered',
        protocol: PROTOCOL,
        language: 'pt-BR',
        ...told,
      });
      expect(await w.surveys.get(PROTOCOL)).toMatchObject({ score: 5 });
    },
  );

  it('a tampered link records nothing', async () => {
    const w = closedWorld();
    const url = new URL(links[4]!.url);
    url.searchParams.set('n', '1');
    expect(await recordSurvey(url.toString(), undefined, w.deps)).toEqual({
      kind: 'invalid-link',
      error: 'bad-signature',
    });
    expect(w.surveys.answers.size).toBe(0);
  });

  it('an expired link records nothing', async () => {
    const w = closedWorld({ now: '2026-05-01T12:00:00.000Z' });
    expect(await recordSurvey(links[2]!.url, undefined, w.deps)).toEqual({
      kind: 'invalid-link',
      error: 'expired',
      language: 'pt-BR',
    });
    expect(w.surveys.answers.size).toBe(0);
  });

  it.each([
    // [case held, result]: an erased case's link reads as expired and writes nothing (LGPD); a
    // reopened case's outcome is open again: nothing recorded until the final closing.
    ['none (erased)', [], { kind: 'invalid-link', error: 'expired' }],
    // Carmen's case is in Spanish: the pages that answer her confirmation speak it.
    [
      'opened in Spanish',
      [
        workCase({
          status: 'CLOSED',
          closedAt: '2026-03-11T13:00:00.000Z',
          decision: { ...workCase().decision, language: 'es' },
        }),
      ],
      { kind: 'recorded', protocol: PROTOCOL, score: 4, language: 'es' },
    ],
    [
      'reopened',
      [workCase({ status: 'IN_PROGRESS', reopenedAt: '2026-03-12T13:00:00.000Z' })],
      { kind: 'case-reopened', protocol: PROTOCOL, language: 'pt-BR' },
    ],
    [
      'reopened, waiting for her',
      [workCase({ status: 'WAITING_MERCHANT', reopenedAt: '2026-03-12T13:00:00.000Z' })],
      { kind: 'case-reopened', protocol: PROTOCOL, language: 'pt-BR' },
    ],
    [
      'reopened in Spanish',
      [
        workCase({
          status: 'IN_PROGRESS',
          reopenedAt: '2026-03-12T13:00:00.000Z',
          decision: { ...workCase().decision, language: 'es' },
        }),
      ],
      { kind: 'case-reopened', protocol: PROTOCOL, language: 'es' },
    ],
    [
      'closed',
      [workCase({ status: 'CLOSED', closedAt: '2026-03-11T13:00:00.000Z' })],
      { kind: 'recorded', protocol: PROTOCOL, score: 4, language: 'pt-BR' },
    ],
  ] as const)('a survey link of a case %s', async (_, cases, result) => {
    const w = lifecycleWorld({ cases: [...cases] });
    expect(await recordSurvey(links[3]!.url, 'Sou a Mariana, da Modas Bella: ótimo atendimento', w.deps)).toEqual(
      result,
    );
    expect(w.surveys.answers.size).toBe(result.kind === 'recorded' ? 1 : 0);
  });

  it('an answer recorded before the reopening stands: the reopened case refuses another, keeps the first', async () => {
    const w = closedWorld();
    expect((await recordSurvey(links[1]!.url, 'Não resolveram', w.deps)).kind).toBe('recorded');
    const reopened = workCase({ status: 'IN_PROGRESS', reopenedAt: '2026-03-12T15:00:00.000Z' });
    w.cases.records.set(reopened.caseId, reopened);
    expect(await recordSurvey(links[4]!.url, 'Agora sim', w.deps)).toEqual({
      kind: 'already-answered',
      protocol: PROTOCOL,
      language: 'pt-BR',
      score: 2,
      commentLost: true,
    });
    expect(await w.surveys.get(PROTOCOL)).toMatchObject({ score: 2, comment: 'Não resolveram' });
  });

  it('a case erased between the check and the write: the answer written removes itself', async () => {
    const w = closedWorld();
    let reads = 0;
    const held = w.deps.cases.getStateByProtocol.bind(w.deps.cases);
    // Held when the link is checked; erased (gone) by the time the answer is written.
    w.deps.cases.getStateByProtocol = async (p: string) => (reads++ === 0 ? held(p) : null);
    expect(await recordSurvey(links[3]!.url, 'Meu celular é 11 91234-5678', w.deps)).toEqual({
      kind: 'invalid-link',
      error: 'expired',
    });
    expect(w.surveys.answers.size).toBe(0);
  });

  // LGPD: the answer (a score tied to the protocol, a comment that may name her) goes with its case.
  // Closed on 11/03 with retention.retentionDays: a case whose retention is over is gone even before
  // DynamoDB's TTL deletes it (that may take days), and a late answer must not outlive it.
  it.each([
    ['the day before the case expires: recorded, on the case’s clock', 1, 'recorded'],
    ['the day the case expires (its TTL not yet run): refused', 0, 'invalid-link'],
    ['a week after (the item still there): refused', -7, 'invalid-link'],
  ] as const)('an answer %s', async (_label, daysLeft, kind) => {
    const retention = { ...localConfig.retention, retentionDays: 10 };
    const closedAt = Date.parse('2026-03-11T13:00:00.000Z');
    const now = new Date(closedAt + (10 - daysLeft) * 86_400_000);
    const w = lifecycleWorld({ cases: [CLOSED], now: now.toISOString() });
    const deps = { ...w.deps, config: { ...w.deps.config, retention } };
    const fresh = surveyLinks(PROTOCOL, new Date(now.getTime() - 3_600_000), SECRET, localConfig);
    expect((await recordSurvey(fresh[4]!.url, 'Resolvido, obrigada. Maria, (11) 91234-5678', deps)).kind).toBe(kind);
    expect(await w.surveys.get(PROTOCOL)).toEqual(
      kind === 'recorded' ? expect.objectContaining({ closedAt: CLOSED.closedAt }) : null,
    );
  });

  it('a long comment is cut', async () => {
    const w = closedWorld();
    await recordSurvey(links[2]!.url, 'a'.repeat(10_000), w.deps);
    expect((await w.surveys.get(PROTOCOL))?.comment).toHaveLength(2000);
  });

  it('a long comment is cut between characters, never inside an emoji (no half a pair, stored as "�")', async () => {
    const w = closedWorld();
    await recordSurvey(links[2]!.url, `${'a'.repeat(1999)}😀 e mais`, w.deps);
    expect((await w.surveys.get(PROTOCOL))?.comment).toBe('a'.repeat(1999));
  });
});

/**
 * Journeys 62: her 2 with a comment on the page told no one and left no trace on the case, while the
 * same 2 by mail ("nota 2 😡 resolveu mas demorou dms") reached her analyst. Both channels now put the
 * answer on the case through surveyAnswerOnCase.
 */
describe('a survey answer on its case, whichever way she gave it', () => {
  const ANA = 'ana@empresa.com.br';
  const QUOTE =
    '\n\nEm qua., 11 de mar. de 2026 às 11:00, Ouvidoria <ouvidoria@ouvidoria.example.com.br> escreveu:\n> Como foi o atendimento da Ouvidoria?\n> Escolha uma nota de 1 a 5.';
  const herMail = (text: string, sourceId = 'ses-merchant-survey'): CaseMessage => ({
    sourceId,
    channel: 'email',
    receivedAt: '2026-03-12T14:00:00.000Z',
    subject: `Re: [${PROTOCOL}] Seu caso foi encerrado`,
    text: `${text}${QUOTE}`,
    attachments: [],
    messageId: `CAF=${sourceId}@mail.gmail.com`,
  });
  type Channel = { web: number; comment?: string } | { mail: string };
  const answer = async (w: LifecycleWorld, how: Channel) => {
    if ('web' in how) return recordSurvey(links[how.web - 1]!.url, how.comment, w.deps);
    return handleMerchantReply(w.cases.must(), herMail(how.mail), w.deps);
  };
  /** What the office keeps and does of her answer: its history entries, and the mails to staff. */
  const effects = (w: LifecycleWorld) => {
    const c = w.cases.must();
    return {
      entries: (c.history ?? [])
        .filter((e) => e.type === 'survey-answered')
        .map((e) => (e.type === 'survey-answered' ? { score: e.score, commented: e.commented ?? false } : null)),
      toStaff: w.mailer.sent
        .filter((m) => m.to[0] !== c.senderEmail)
        .map((m) => ({ to: m.to, namesScore: /nota \d de 5/.test(m.subject), quotes: /demorou dms/.test(m.text) })),
    };
  };

  it.each([
    // [label, channel, what comes of it]
    [
      'a 2 with a comment on the page',
      { web: 2, comment: 'resolveu mas demorou dms' },
      { entries: [{ score: 2, commented: true }], toStaff: [{ to: [ANA], namesScore: true, quotes: true }] },
    ],
    [
      'the same 2 by mail',
      { mail: 'nota 2 😡 resolveu mas demorou dms' },
      { entries: [{ score: 2, commented: true }], toStaff: [{ to: [ANA], namesScore: true, quotes: true }] },
    ],
    [
      'a bare 1 on the page',
      { web: 1 },
      { entries: [{ score: 1, commented: false }], toStaff: [{ to: [ANA], namesScore: true, quotes: false }] },
    ],
    [
      'a bare 1 by mail',
      { mail: 'Nota 1' },
      { entries: [{ score: 1, commented: false }], toStaff: [{ to: [ANA], namesScore: true, quotes: false }] },
    ],
    // A good score is recorded, not told (her mail is forwarded as any message of hers is).
    [
      'a 5 on the page',
      { web: 5, comment: 'Ótimo atendimento' },
      { entries: [{ score: 5, commented: true }], toStaff: [] },
    ],
    ['a 4 on the page', { web: 4 }, { entries: [{ score: 4, commented: false }], toStaff: [] }],
  ] as const)('%s', async (_label, how, expected) => {
    const w = closedWorld();
    await answer(w, how);
    expect(effects(w)).toEqual(expected);
  });

  it.each([
    ['the form posted again', { web: 2, comment: 'resolveu mas demorou dms' }],
    ['her mail delivered again', { mail: 'nota 2 😡 resolveu mas demorou dms' }],
  ] as const)('%s: one entry, one notice', async (_label, how) => {
    const w = closedWorld();
    await answer(w, how);
    await answer(w, how);
    expect(effects(w)).toEqual({
      entries: [{ score: 2, commented: true }],
      toStaff: [{ to: [ANA], namesScore: true, quotes: true }],
    });
  });

  it('the form posted twice at once (two tabs, a double click): one answer, one entry, one notice', async () => {
    const w = closedWorld();
    const results = await Promise.all([
      recordSurvey(links[1]!.url, 'resolveu mas demorou dms', w.deps),
      recordSurvey(links[0]!.url, 'péssimo', w.deps),
    ]);
    expect(results.map((r) => r.kind).sort()).toEqual(['already-answered', 'recorded']);
    const kept = await w.surveys.get(PROTOCOL);
    const c = w.cases.must();
    expect((c.history ?? []).filter((e) => e.type === 'survey-answered')).toMatchObject([{ score: kept?.score }]);
    expect(w.mailer.sent.map((m) => m.to)).toEqual([[ANA]]);
    expect(w.mailer.sent[0]?.subject).toContain(`nota ${kept?.score} de 5`);
  });

  it('an answer recorded by a post that stopped before its case was told: the next post completes it', async () => {
    const w = closedWorld();
    // The store took her 2 and the function died before writing the case.
    await w.surveys.record({
      protocol: PROTOCOL,
      score: 2,
      comment: 'resolveu mas demorou dms',
      answeredAt: '2026-03-12T13:59:00.000Z',
      closedAt: CLOSED.closedAt as string,
    });
    expect((await recordSurvey(links[1]!.url, 'resolveu mas demorou dms', w.deps)).kind).toBe('already-answered');
    expect(effects(w)).toEqual({
      entries: [{ score: 2, commented: true }],
      toStaff: [{ to: [ANA], namesScore: true, quotes: true }],
    });
  });

  it.each([
    ['on the page', { web: 2, comment: 'resolveu mas demorou dms' }, 'na página da pesquisa'],
    ['by mail', { mail: 'nota 2 😡 resolveu mas demorou dms' }, 'por e-mail'],
  ] as const)('her analyst left the team, a 2 %s: the supervisors read it', async (_label, how, channel) => {
    const w = lifecycleWorld({ cases: [{ ...CLOSED, assignee: 'edu' }] });
    await answer(w, how);
    const [mail, ...others] = w.mailer.sent;
    expect([mail?.to, mail?.subject, others.length]).toEqual([
      ['sofia@empresa.com.br'],
      `[${PROTOCOL}] Pesquisa de satisfação: nota 2 de 5`,
      0,
    ]);
    expect(mail?.text).toContain(`nota 2 de 5, ${channel}`);
    expect(mail?.text).toContain('Eduardo Reis, que não está mais ativo(a) na equipe');
    expect(mail?.text).toContain('resolveu mas demorou dms');
  });

  it('keeps her comment out of the case record (history, outbox): it stays with the answer (LGPD)', async () => {
    const w = closedWorld();
    await recordSurvey(links[1]!.url, 'resolveu mas demorou dms, meu cel é 11 91234-5678', w.deps);
    const { history, pendingEffects } = w.cases.must();
    expect(JSON.stringify({ history, pendingEffects })).not.toContain('91234');
  });
});
