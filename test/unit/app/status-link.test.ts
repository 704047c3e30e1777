import { describe, expect, it } from 'vitest';
import {
  checkStatusLink,
  openStatusLink,
  requestStatusLink,
  type StatusLinkStore,
} from '../../../shared/app/status-link';
import { localConfig } from '../../../shared/domain/config';
import { PUBLIC_PAGE_MESSAGES, publicCaseView } from '../../../shared/domain/lifecycle/status-page';
import { MailRejected } from '../../../shared/ports';
import { FixedClock, InMemoryBounceRegistry, InMemoryRateLimiter, RecordingMailer } from '../../support/fakes';
import { MAX_ADDRESS_CHARS } from '../../../shared/domain/mailbox';
import { InMemoryCaseWorkStore, MERCHANT, PROTOCOL, SECRET, workCase } from '../../support/lifecycle-fakes';

const NOW = new Date('2026-03-20T15:00:00.000Z');
const used = new Set<string>();
const statusLinks: StatusLinkStore = {
  claim: async (nonce) => {
    if (used.has(nonce)) return false;
    used.add(nonce);
    return true;
  },
  isUsed: async (nonce) => used.has(nonce),
};

function deps() {
  return {
    cases: new InMemoryCaseWorkStore([workCase()]),
    statusLinks,
    mailer: new RecordingMailer(),
    clock: new FixedClock(NOW),
    config: localConfig,
    secret: SECRET,
    rateLimiter: new InMemoryRateLimiter(),
    bounces: new InMemoryBounceRegistry(),
    nonce: () => `n-${Math.random().toString(36).slice(2, 14)}`,
  };
}

describe('requestStatusLink', () => {
  // Journey 44: the link mail's Message-ID was on no case, so her server's delivery report about it
  // ("550 mailbox disabled") was "not our mail": stored as a new submission, her address never in
  // bounce memory.
  it('records the link mail’s Message-IDs on the case with her address, ours and the provider’s', async () => {
    const d = deps();
    await requestStatusLink({ protocol: PROTOCOL, email: MERCHANT }, d);
    const ours = d.mailer.sent[0]?.messageId as string;
    const c = [...d.cases.records.values()][0];
    expect(c?.messageIds).toEqual(expect.arrayContaining([ours, 'fake-1@fake.amazonses.com']));
    expect(d.cases.sentTo.get(ours)).toEqual([MERCHANT]);
    expect(d.cases.sentTo.get('fake-1@fake.amazonses.com')).toEqual([MERCHANT]);
  });

  it('mails the link only to the case address, and answers "requested" either way', async () => {
    const d = deps();
    expect(
      await requestStatusLink({ protocol: PROTOCOL.toLowerCase(), email: ` ${MERCHANT.toUpperCase()} ` }, d),
    ).toEqual({
      kind: 'requested',
      sent: true,
    });
    expect(await requestStatusLink({ protocol: PROTOCOL, email: 'outro@example.com' }, d)).toEqual({
      kind: 'requested',
      sent: false,
    });
    expect(d.mailer.sent.map((m) => m.to)).toEqual([[MERCHANT]]);
    expect(d.mailer.sent[0]?.headers['Auto-Submitted']).toBe('auto-generated');
    // From the office by name, like every other mail it sends (not a bare address).
    expect(d.mailer.sent[0]?.from).toBe('Ouvidoria <ouvidoria@ouvidoria.example.com.br>');
  });

  it.each([
    ['es', `[${PROTOCOL}] Enlace para seguir su caso`],
    ['en', `[${PROTOCOL}] Link to follow your case`],
    [undefined, `[${PROTOCOL}] Link para acompanhar o seu caso`],
  ] as const)('a case in %s gets its link mail in that language', async (language, subject) => {
    const d = deps();
    const c = workCase();
    d.cases = new InMemoryCaseWorkStore([{ ...c, decision: { ...c.decision, ...(language ? { language } : {}) } }]);
    await requestStatusLink({ protocol: PROTOCOL, email: MERCHANT }, d);
    expect(d.mailer.sent.map((m) => m.subject)).toEqual([subject]);
  });

  // A mail that fails only ever fails for a match: answering it otherwise (an error page) told a
  // stranger that the protocol and the address go together.
  it.each([
    ['refused for good', new MailRejected('Email address is not verified')],
    ['a transient failure', Object.assign(new Error('Rate exceeded'), { name: 'Throttling' })],
  ])('a link mail %s answers "requested" as a miss does', async (_name, error) => {
    const d = deps();
    d.mailer.send = async () => {
      throw error;
    };
    expect(await requestStatusLink({ protocol: PROTOCOL, email: MERCHANT }, d)).toEqual({
      kind: 'requested',
      sent: false,
      failed: true,
    });
  });

  // Red team 62: the bounce memory and the day's counters are read only for a match; a table error
  // there (a throttled write, a timeout) was thrown to the page, a 500 where a miss gets its 200.
  const throttled = () =>
    Object.assign(new Error('Throughput exceeds the current capacity'), { name: 'ThrottlingException' });
  it.each([
    [
      'the bounce memory',
      (d: ReturnType<typeof deps>) => {
        d.bounces.isSuppressed = async () => {
          throw throttled();
        };
      },
    ],
    [
      'the case’s daily counter',
      (d: ReturnType<typeof deps>) => {
        d.rateLimiter.hit = async (key: string) => {
          if (key.includes('case')) throw throttled();
          return 1;
        };
      },
    ],
    [
      'the inbox’s daily counter',
      (d: ReturnType<typeof deps>) => {
        d.rateLimiter.hit = async (key: string) => {
          if (key.includes('inbox')) throw throttled();
          return 1;
        };
      },
    ],
  ])('a table error reading %s for a match answers "requested" as a miss does', async (_what, breakIt) => {
    const d = deps();
    breakIt(d);
    expect(await requestStatusLink({ protocol: PROTOCOL, email: MERCHANT }, d)).toEqual({
      kind: 'requested',
      sent: false,
      failed: true,
    });
    expect(d.mailer.sent).toHaveLength(0);
  });

  // SPEC step 6: an address in bounce memory gets no automatic mail (the link mail is one: Auto-Submitted).
  it('sends no link to an address in bounce memory, with the same answer; after the memory, it does', async () => {
    const d = deps();
    await d.bounces.markBouncing(MERCHANT, new Date(NOW.getTime() + 86_400_000), 'ses-permanent-bounce');
    expect(await requestStatusLink({ protocol: PROTOCOL, email: MERCHANT }, d)).toEqual({
      kind: 'requested',
      sent: false,
    });
    expect(d.mailer.sent).toHaveLength(0);
    d.clock.set(new Date(NOW.getTime() + 2 * 86_400_000));
    expect(await requestStatusLink({ protocol: PROTOCOL, email: MERCHANT }, d)).toEqual({
      kind: 'requested',
      sent: true,
    });
  });

  it(`mails at most ${localConfig.lifecycle.statusLinksPerCasePerDay} links a case a day, whoever asks, with the same answer past it`, async () => {
    const d = deps();
    const cap = localConfig.lifecycle.statusLinksPerCasePerDay;
    const answers = [];
    for (let i = 0; i < cap + 4; i++) answers.push(await requestStatusLink({ protocol: PROTOCOL, email: MERCHANT }, d));
    expect(answers.every((a) => a.kind === 'requested')).toBe(true);
    expect(d.mailer.sent).toHaveLength(cap);
    // The next day counts afresh.
    d.clock.set(new Date(NOW.getTime() + 24 * 3600 * 1000));
    expect(await requestStatusLink({ protocol: PROTOCOL, email: MERCHANT }, d)).toEqual({
      kind: 'requested',
      sent: true,
    });
  });

  // Protocols are sequential: whoever knows the merchant's address walks them and finds each of her
  // cases; the per-case budget alone mailed her 3 links a day per case (10 cases: 30 mails).
  it.each([
    ['ten cases under one address', (_i: number) => MERCHANT],
    ['cases under "+tag" spellings of one inbox', (i: number) => MERCHANT.replace('@', `+loja${i}@`)],
  ])(
    `mails at most ${localConfig.lifecycle.statusLinksPerAddressPerDay} links to one inbox a day over %s, with the same answer past it`,
    async (_label, addressOf) => {
      const d = deps();
      const cases = Array.from({ length: 10 }, (_, i) =>
        workCase({
          caseId: `email:caso-${i}`,
          protocol: `OUV-2026-${String(200 + i).padStart(6, '0')}`,
          senderEmail: addressOf(i),
        }),
      );
      d.cases = new InMemoryCaseWorkStore(cases);
      const answers = [];
      for (const c of cases)
        for (let n = 0; n < localConfig.lifecycle.statusLinksPerCasePerDay; n++)
          answers.push(await requestStatusLink({ protocol: c.protocol as string, email: c.senderEmail }, d));
      expect(answers.every((a) => a.kind === 'requested')).toBe(true);
      expect(d.mailer.sent).toHaveLength(localConfig.lifecycle.statusLinksPerAddressPerDay);
      // Another merchant's link still goes; the next day her inbox counts afresh.
      d.cases = new InMemoryCaseWorkStore([
        ...cases,
        workCase({ caseId: 'email:outra', protocol: 'OUV-2026-000300', senderEmail: 'financeiro@lojadojoao.com.br' }),
      ]);
      expect(
        await requestStatusLink({ protocol: 'OUV-2026-000300', email: 'financeiro@lojadojoao.com.br' }, d),
      ).toEqual({ kind: 'requested', sent: true });
      d.clock.set(new Date(NOW.getTime() + 24 * 3600 * 1000));
      const first = cases[0] as (typeof cases)[number];
      expect(await requestStatusLink({ protocol: first.protocol as string, email: first.senderEmail }, d)).toEqual({
        kind: 'requested',
        sent: true,
      });
    },
  );

  // The protocol as people type what the mail showed them (the mail's own threading reads these too).
  it.each([
    ['lower case', 'ouv-2026-000123'],
    ['spaces for the hyphens', ' OUV 2026 000123 '],
    ['no separators', 'OUV2026000123'],
    ['a space and a hyphen', 'OUV 2026-000123'],
    ['without the zero padding', 'OUV-2026-123'],
    ['a non-breaking space pasted from the mail', 'OUV\u00a02026\u00a0000123'],
    ['a zero-width space pasted from the mail', 'OUV-2026-\u200b000123'],
    ['a soft hyphen where the mail broke the line', 'OUV-2026-\u00ad000123'],
  ])('reads the protocol typed with %s', async (_how, typed) => {
    const d = deps();
    expect(await requestStatusLink({ protocol: typed, email: MERCHANT }, d)).toEqual({ kind: 'requested', sent: true });
    expect(d.mailer.sent[0]?.subject).toContain(`[${PROTOCOL}]`);
  });

  it.each([
    ['a zero-width space', (a: string) => a.replace('@', '\u200b@')],
    ['a word joiner and a BOM around it', (a: string) => `\ufeff${a}\u2060`],
  ])('reads the address pasted with %s', async (_how, pasted) => {
    const d = deps();
    expect(await requestStatusLink({ protocol: PROTOCOL, email: pasted(MERCHANT) }, d)).toEqual({
      kind: 'requested',
      sent: true,
    });
    expect(d.mailer.sent[0]?.to).toEqual([MERCHANT]);
    expect(d.mailer.sent[0]?.subject).toContain(`[${PROTOCOL}]`);
  });

  it.each([
    ['two numbers', 'OUV-2026-000123 OUV-2026-000124'],
    ['words around it', 'protocolo OUV-2026-000123'],
    ['a digit too many', 'OUV-2026-0000001234'],
    ['sequence zero', 'OUV-2026-000000'],
  ])('refuses a protocol field with %s', async (_how, typed) => {
    const r = await requestStatusLink({ protocol: typed, email: MERCHANT }, deps());
    expect(r).toMatchObject({ kind: 'invalid', errors: { protocolo: expect.stringContaining('OUV-AAAA-NNNNNN') } });
  });

  // The cut before the pattern (which reads a run of dots in quadratic time) is the one address limit.
  it.each([
    [MAX_ADDRESS_CHARS + 1, `maria@${'l'.repeat(MAX_ADDRESS_CHARS - 12)}.com.br`],
    [20_001, `maria@${'.'.repeat(19_994)}@`],
  ])('refuses an address of %i characters', async (_n, email) => {
    const r = await requestStatusLink({ protocol: PROTOCOL, email }, deps());
    expect(r).toMatchObject({ kind: 'invalid', errors: { email: expect.any(String) } });
  });

  it('reports malformed input with pt-BR messages', async () => {
    const r = await requestStatusLink({ protocol: 'x', email: 'y' }, deps());
    expect(r.kind).toBe('invalid');
  });
});

// Red team 55 note 3: one Gmail inbox is one merchant (threading compares so): the status form takes
// any of its spellings, and the link still goes to the address the case holds.
describe('requestStatusLink: her Gmail in another spelling', () => {
  const HERS = 'maria.souza@gmail.com';
  it.each([
    ['her own spelling', HERS, true],
    ['without the dot', 'mariasouza@gmail.com', true],
    ['with a +tag at googlemail.com', 'maria.souza+loja@googlemail.com', true],
    ['a look-alike domain', 'maria.souza@gmai1.com', false],
    ['another name', 'maria.souza2@gmail.com', false],
  ])('%s: sent %s', async (_, email, sent) => {
    const d = deps();
    d.cases = new InMemoryCaseWorkStore([workCase({ senderEmail: HERS })]);
    expect(await requestStatusLink({ protocol: PROTOCOL, email }, d)).toEqual({ kind: 'requested', sent });
    expect(d.mailer.sent.map((m) => m.to)).toEqual(sent ? [[HERS]] : []);
  });

  it('a custom domain’s +tag is another mailbox: no link', async () => {
    const d = deps();
    const tagged = MERCHANT.replace('@', '+x@');
    expect(await requestStatusLink({ protocol: PROTOCOL, email: tagged }, d)).toEqual({
      kind: 'requested',
      sent: false,
    });
  });
});

describe('openStatusLink', () => {
  it('opens once, then refuses; a forged link never claims a nonce', async () => {
    const d = deps();
    await requestStatusLink({ protocol: PROTOCOL, email: MERCHANT }, d);
    const url = /https?:\/\/\S+\/consulta\/caso\?[^\s)]+/.exec(d.mailer.sent[0]?.text ?? '')?.[0] ?? '';
    const params = new URL(url).searchParams;
    expect((await openStatusLink(params, d)).kind).toBe('case');
    expect((await openStatusLink(params, d)).kind).toBe('used');
    const forged = new URLSearchParams(params);
    forged.set('k', 'another-nonce-123');
    expect(await openStatusLink(forged, d)).toEqual({ kind: 'invalid-link', error: 'bad-signature' });
    expect(used.has('another-nonce-123')).toBe(false);
  });
});

// Journeys 62: she wrote from her phone with no ticket ("vcs podem ver pq os pix nao tao caindo??"),
// got our guidance and answered it with the number alone; the case opened on that answer, and her page
// showed only "o chamado eh 52310" — her complaint was in the mail our guidance answered, which the
// analyst's notice shows and her page did not.
describe('openStatusLink — a case that answers our guidance', () => {
  const GUIDED_ID = 'email:0100019abcdef-guided';
  const guidedMail = (senderEmail: string) =>
    workCase({
      caseId: GUIDED_ID,
      protocol: undefined,
      status: 'REDIRECTED' as never,
      outcome: 'NO_PRIOR_TICKET',
      senderEmail,
      createdAt: '2026-03-10T12:40:00.000Z',
      messages: [
        {
          sourceId: '0100019abcdef-guided',
          channel: 'email',
          receivedAt: '2026-03-10T12:40:00.000Z',
          subject: 'meu pix nao caiu',
          text: 'boa tarde!! vcs podem ver pq os pix dos meus clientes nao tao caindo na minha conta?? 😩 ja faz 5 dias',
          attachments: [],
        },
      ],
    });
  const answer = workCase({
    answersSubmissionId: GUIDED_ID,
    messages: [
      { ...workCase().messages[0], subject: 'Re: meu pix nao caiu', text: 'ah sim, o chamado eh 48213 😊' } as never,
    ],
  });

  it.each([
    ['her own earlier mail', MERCHANT, true],
    ['her address in capitals', MERCHANT.toUpperCase(), true],
    ['a +tag outside Gmail: another mailbox', MERCHANT.replace('@', '+loja@'), false],
    ['another address’s mail', 'outra.pessoa@example.com', false],
  ])('shows %s first: %s', async (_label, guidedSender, shown) => {
    const d = { ...deps(), cases: new InMemoryCaseWorkStore([answer, guidedMail(guidedSender)]) };
    await requestStatusLink({ protocol: PROTOCOL, email: MERCHANT }, d);
    const url = /https?:\/\/\S+\/consulta\/caso\?[^\s)]+/.exec(d.mailer.sent[0]?.text ?? '')?.[0] ?? '';
    const opened = await openStatusLink(new URL(url).searchParams, d);
    if (opened.kind !== 'case') throw new Error(opened.kind);
    const texts = opened.view.messages.map((m) => `${m.from}: ${m.text}`);
    expect(texts.at(-1)).toBe('merchant: ah sim, o chamado eh 48213 😊');
    expect(texts.some((t) => t.includes('vcs podem ver pq os pix'))).toBe(shown);
    if (shown) expect(texts[0]).toContain('merchant: boa tarde!! vcs podem ver pq os pix');
  });

  it('a guided mail already gone (expired, erased) leaves the page as it was', async () => {
    const d = { ...deps(), cases: new InMemoryCaseWorkStore([answer]) };
    await requestStatusLink({ protocol: PROTOCOL, email: MERCHANT }, d);
    const url = /https?:\/\/\S+\/consulta\/caso\?[^\s)]+/.exec(d.mailer.sent[0]?.text ?? '')?.[0] ?? '';
    const opened = await openStatusLink(new URL(url).searchParams, d);
    expect(opened.kind === 'case' && opened.view.messages.map((m) => m.text)).toEqual([
      'ah sim, o chamado eh 48213 😊',
    ]);
  });
});

describe('checkStatusLink', () => {
  it('a GET claims nothing, and finds the link used once it was opened', async () => {
    const d = deps();
    await requestStatusLink({ protocol: PROTOCOL, email: MERCHANT }, d);
    const url = /https?:\/\/\S+\/consulta\/caso\?[^\s)]+/.exec(d.mailer.sent[0]?.text ?? '')?.[0] ?? '';
    const params = new URL(url).searchParams;
    expect(await checkStatusLink(params, d)).toEqual({ kind: 'valid', protocol: PROTOCOL, language: 'pt-BR' });
    expect(await checkStatusLink(params, d)).toEqual({ kind: 'valid', protocol: PROTOCOL, language: 'pt-BR' });
    expect((await openStatusLink(params, d)).kind).toBe('case');
    expect(await checkStatusLink(params, d)).toEqual({ kind: 'used' });
  });
});

describe('only the opened page reads the case’s messages', () => {
  it('asking for a link and checking it read the case’s state alone', async () => {
    const d = deps();
    let wholeReads = 0;
    const whole = d.cases.getByProtocol.bind(d.cases);
    d.cases.getByProtocol = (protocol: string) => {
      wholeReads++;
      return whole(protocol);
    };
    let params = new URLSearchParams();
    // label, step → [its outcome, whole-case reads (messages and their texts) during it]
    const rows: Array<[string, () => Promise<unknown>, unknown]> = [
      [
        'asking for the link',
        async () => {
          const asked = await requestStatusLink({ protocol: PROTOCOL, email: MERCHANT }, d);
          const url = /https?:\/\/\S+\/consulta\/caso\?[^\s)]+/.exec(d.mailer.sent[0]?.text ?? '')?.[0] ?? '';
          params = new URL(url).searchParams;
          return asked.kind;
        },
        ['requested', 0],
      ],
      ['the page before the confirmation (GET)', async () => (await checkStatusLink(params, d)).kind, ['valid', 0]],
      [
        'asking with another address',
        async () => (await requestStatusLink({ protocol: PROTOCOL, email: 'outra@lojadojoao.com.br' }, d)).kind,
        ['requested', 0],
      ],
      ['opening the page, which shows the messages', async () => (await openStatusLink(params, d)).kind, ['case', 1]],
    ];
    for (const [label, step, expected] of rows) {
      wholeReads = 0;
      const outcome = await step();
      expect([label, [outcome, wholeReads]]).toEqual([label, expected]);
    }
  });
});

describe('checkStatusLink: the page speaks the language of the case', () => {
  it.each([
    ['es', 'es'],
    ['en', 'en'],
    ['pt-BR', 'pt-BR'],
  ] as const)(
    'a link of a case in %s opens a page in %s; a case no longer held is gone from its GET on',
    async (language, expected) => {
      const d = {
        ...deps(),
        cases: new InMemoryCaseWorkStore([workCase({ decision: { ...workCase().decision, language } })]),
      };
      await requestStatusLink({ protocol: PROTOCOL, email: MERCHANT }, d);
      const url = /https?:\/\/\S+\/consulta\/caso\?[^\s)]+/.exec(d.mailer.sent[0]?.text ?? '')?.[0] ?? '';
      const params = new URL(url).searchParams;
      expect(await checkStatusLink(params, d)).toEqual({ kind: 'valid', protocol: PROTOCOL, language: expected });
      const erased = { ...d, cases: new InMemoryCaseWorkStore([]) };
      expect(await checkStatusLink(params, erased)).toEqual({ kind: 'gone' });
    },
  );
});

// LGPD: a case past its retention (closed + retentionDays, redirected + redirectRetentionDays) is gone,
// though DynamoDB's TTL deletes the item lazily (days later): the status page neither mails a link to
// it, nor shows it, nor says its link is good.
describe('a case past its retention, its item not yet deleted', () => {
  const retention = { ...localConfig.retention, retentionDays: 10, redirectRetentionDays: 5 };
  it.each([
    ['closed 9 days ago: still held', workCase({ status: 'CLOSED', closedAt: '2026-03-11T15:00:00.000Z' }), true],
    ['closed 10 days ago: gone', workCase({ status: 'CLOSED', closedAt: '2026-03-10T15:00:00.000Z' }), false],
    ['redirected 6 days ago: gone', workCase({ status: 'REDIRECTED', createdAt: '2026-03-14T15:00:00.000Z' }), false],
    [
      'open for months: held (no clock runs)',
      workCase({ status: 'IN_PROGRESS', createdAt: '2025-11-01T12:00:00.000Z' }),
      true,
    ],
  ] as const)('%s', async (_label, c, heldNow) => {
    // The link was mailed an hour before, under the default retention.
    const before = {
      ...deps(),
      cases: new InMemoryCaseWorkStore([c]),
      clock: new FixedClock(new Date(NOW.getTime() - 3_600_000)),
    };
    await requestStatusLink({ protocol: PROTOCOL, email: MERCHANT }, before);
    const url = /https?:\/\/\S+\/consulta\/caso\?[^\s)]+/.exec(before.mailer.sent[0]?.text ?? '')?.[0] ?? '';
    const params = new URL(url).searchParams;
    const d = { ...deps(), cases: new InMemoryCaseWorkStore([c]), config: { ...localConfig, retention } };
    expect(await requestStatusLink({ protocol: PROTOCOL, email: MERCHANT }, d)).toEqual({
      kind: 'requested',
      sent: heldNow,
    });
    expect((await checkStatusLink(params, d)).kind).toBe(heldNow ? 'valid' : 'gone');
    expect((await openStatusLink(params, d)).kind).toBe(heldNow ? 'case' : 'gone');
  });
});

// A year-long case: she, the office and a colleague in copy wrote 120 long messages. The page shows
// the newest 50 of hers and the office's (an extension notice takes a place): it reads those texts.
describe('the opened page of a case with hundreds of messages reads the texts it may show', () => {
  const base = workCase();
  const first = base.messages[0]!;
  const messages = Array.from({ length: 120 }, (_, i) => ({
    ...first,
    sourceId: `ses-${i + 1}`,
    receivedAt: new Date(Date.parse('2026-01-05T12:00:00Z') + i * 3_600_000).toISOString(),
    text: `Mensagem número ${i + 1}: o estorno da fatura de dezembro ainda não apareceu.`,
    ...(i % 3 === 1 ? { direction: 'out' as const, author: 'ana' } : {}),
    ...(i % 3 === 2 ? { from: { name: 'Carlos', address: 'carlos@contabilidade.com.br' } } : {}),
  }));
  const extension = {
    type: 'extended' as const,
    businessDays: 5,
    reason: 'Aguardando retorno da equipe financeira',
    previousDueAt: '2026-01-20T13:00:00.000Z',
    dueAt: '2026-01-27T13:00:00.000Z',
    at: '2026-01-09T18:30:00.000Z',
    actor: { kind: 'staff' as const, id: 'ana' },
    sourceId: 'ses-staff-ext',
  };
  const c = workCase({ messages, history: [...(base.history ?? []), extension] } as never);

  it('50 texts of the 80 she may see (not the 120), and the page is the one every text would make', async () => {
    const d = { ...deps(), cases: new InMemoryCaseWorkStore([c]) };
    await requestStatusLink({ protocol: PROTOCOL, email: MERCHANT }, d);
    const url = /https?:\/\/\S+\/consulta\/caso\?[^\s)]+/.exec(d.mailer.sent[0]?.text ?? '')?.[0] ?? '';
    d.cases.textReads = 0;
    const opened = await openStatusLink(new URL(url).searchParams, d);
    expect(d.cases.textReads).toBe(PUBLIC_PAGE_MESSAGES);
    expect(opened).toEqual({ kind: 'case', view: publicCaseView(c, { now: NOW, config: localConfig }) });
    const shown = opened.kind === 'case' ? opened.view.messages : [];
    expect(shown).toHaveLength(PUBLIC_PAGE_MESSAGES);
    expect(shown.at(-1)?.text).toContain('Mensagem número 119:');
  });
});
