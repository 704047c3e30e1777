import { beforeEach, describe, expect, it, vi } from 'vitest';
import { RecordingRawMailRetention } from '../../../shared/adapters/s3-raw-mail-retention';
import { MailRejected } from '../../../shared/ports';
import { decideSubmission, type IntakeDeps, processSubmission, TICKET_HOLDER_WAIT } from '../../../shared/app/intake';
import { mailLifecycle } from '../../../shared/app/lifecycle/mail-lifecycle';
import { localConfig } from '../../../shared/domain/config';
import { renderReply } from '../../../shared/domain/replies';
import { TICKET_SCORES } from '../../../shared/domain/tickets';
import { type SubmissionInput, SubmissionSchema } from '../../../shared/domain/submission';
import {
  bounceKeys,
  FixedClock,
  InMemoryBounceCounter,
  InMemoryBounceRegistry,
  InMemoryCaseRepository,
  InMemoryHeldReplies,
  InMemoryReplyThrottle,
  InMemorySenderOpenCases,
  InMemoryTicketDirectory,
  RecordingMailer,
  RecordingQueue,
} from '../../support/fakes';
import { staffReplyAddress } from '../../../shared/domain/lifecycle/reply-address';
import { lifecycleWorld, PROTOCOL, SECRET } from '../../support/lifecycle-fakes';

const MERCHANT = 'lojista@modasbella.com.br';
const PASS = { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' } as const;

function email(overrides: Partial<SubmissionInput> = {}) {
  return SubmissionSchema.parse({
    channel: 'email',
    sourceId: 'ses-0001',
    receivedAt: '2026-11-24T14:00:00.000Z',
    sender: { name: 'Marina Costa', address: MERCHANT },
    returnPath: MERCHANT,
    recipients: ['ouvidoria@ouvidoria.example.com.br'],
    subject: 'Reclamação sobre o chamado #48213',
    text:
      'Olá, abri o chamado #48213 há duas semanas sobre a integração com os Correios que parou de calcular o frete ' +
      'e até agora ninguém resolveu. Minha loja está perdendo vendas todos os dias. Preciso de uma solução.',
    messageId: 'CAF1234@mail.gmail.com',
    verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
    ...overrides,
  });
}

let cases: InMemoryCaseRepository;
let mailer: RecordingMailer;
let queue: RecordingQueue;
let tickets: InMemoryTicketDirectory;
let bounces: InMemoryBounceRegistry;
let clock: FixedClock;
let deps: IntakeDeps;

beforeEach(() => {
  cases = new InMemoryCaseRepository();
  mailer = new RecordingMailer();
  queue = new RecordingQueue();
  tickets = new InMemoryTicketDirectory([
    { id: '48213', requesterEmail: MERCHANT },
    { id: '48214', requesterEmail: 'financeiro@casadosaromas.com.br' },
    { id: '48215', requesterEmail: MERCHANT },
  ]);
  bounces = new InMemoryBounceRegistry();
  clock = new FixedClock(new Date('2026-11-24T14:00:05.000Z'));
  deps = {
    cases,
    tickets,
    mailer,
    queue,
    throttle: new InMemoryReplyThrottle(),
    bounces,
    openCases: new InMemorySenderOpenCases(),
    clock,
    config: localConfig,
  };
});

describe('processSubmission: a new accepted case', () => {
  it('stores one QUEUED case with a protocol, acknowledges it and queues it', async () => {
    const result = await processSubmission(email(), deps);
    expect(result).toMatchObject({ kind: 'case', outcome: 'ACCEPTED', status: 'QUEUED', protocol: 'OUV-2026-000001' });
    expect(cases.records.size).toBe(1);
    expect(mailer.sent).toHaveLength(1);
    const ack = mailer.sent[0]!;
    expect(ack.to).toEqual([MERCHANT]);
    // Her subject answered, the protocol after it; Outlook's topic is her subject (threads with her mail).
    expect(ack.subject).toBe('Re: Reclamação sobre o chamado #48213 [OUV-2026-000001]');
    expect(ack.headers['Thread-Topic']).toBe('Reclamação sobre o chamado #48213');
    expect(ack.headers['Auto-Submitted']).toBe('auto-replied');
    expect(ack.headers['In-Reply-To']).toBe('<CAF1234@mail.gmail.com>');
    expect(ack.messageId.endsWith('@ouvidoria.example.com.br')).toBe(true);
    expect(queue.messages).toEqual([{ caseId: 'email:ses-0001', protocol: 'OUV-2026-000001' }]);
    const stored = await cases.get('email:ses-0001');
    expect(stored?.reply?.status).toBe('sent');
    expect(stored?.enqueuedAt).toBeDefined();
    expect(stored?.messageIds).toContain(ack.messageId);
    // Received Tue 24/11/2026 11:00 (São Paulo): ten business days of office time → Tue 08/12 11:00.
    expect(ack.text).toContain('Prazo de resposta: até 08/12/2026');
    expect(ack.html).toContain('Prazo de resposta: até 08/12/2026');
  });

  // ROUND24: "Segue em anexo o print" with no file: the acknowledgement says none arrived and how to send it.
  it.each([
    ['announced, none arrived', 'Segue em anexo o print do erro.', false, true],
    ['announced and attached', 'Segue em anexo o print do erro.', true, false],
    ['nothing announced', 'O suporte não respondeu mais.', false, false],
  ])('the acknowledgement of a mail whose file is %s', async (_label, words, attached, told) => {
    const text = `Olá, abri o chamado #48213 há duas semanas: o checkout trava no Pix e ninguém resolve. ${words}`;
    const attachments = attached ? [{ filename: 'erro.png', contentType: 'image/png', size: 2048, inline: false }] : [];
    await processSubmission(email({ text, attachments }), deps);
    expect(mailer.sent[0]?.text.includes('Sua mensagem menciona um anexo, mas nenhum arquivo chegou até nós')).toBe(
      told,
    );
  });

  it('stores the decision its caller made (the webform decides before its cap) without deciding again', async () => {
    const decided = await decideSubmission(email(), deps);
    expect(tickets.lookups).toEqual(['48213']);
    const result = await processSubmission(email(), deps, null, { decided });
    expect(result).toMatchObject({ kind: 'case', outcome: 'ACCEPTED', protocol: 'OUV-2026-000001' });
    expect(tickets.lookups).toEqual(['48213']);
    expect((await cases.get('email:ses-0001'))?.decision).toEqual(decided.decision);
  });

  it('never takes the ticket as the sender’s when the author is a guess (authorUnclear): no case in her name', async () => {
    const result = await processSubmission(email({ authorUnclear: true, returnPath: 'bounce@evil.example' }), deps);
    expect(result).toMatchObject({ kind: 'case', outcome: 'TICKET_INVALID' });
    expect(queue.messages).toHaveLength(0);
    expect((await cases.get('email:ses-0001'))?.decision.ticket).toMatchObject({ status: 'invalid', why: 'not_owner' });
  });

  it.each([
    // [directory]: a mail naming two authors (or none) is no one's case, whether or not Zendesk answers.
    ['up', false],
    ['down', true],
  ])(
    'a mail with no single author and a cited ticket, directory %s: TICKET_INVALID, nothing queued, no lookup',
    async (_d, down) => {
      tickets.unavailable = down;
      const result = await processSubmission(email({ authorUnclear: true, returnPath: 'bounce@evil.example' }), deps);
      expect(result).toMatchObject({ kind: 'case', outcome: 'TICKET_INVALID' });
      expect(queue.messages).toHaveLength(0);
      expect(tickets.lookups).toEqual([]);
      expect((await cases.get('email:ses-0001'))?.decision.ticket).toMatchObject({
        status: 'invalid',
        why: 'not_owner',
      });
    },
  );

  it.each<[string, string, Partial<SubmissionInput>]>([
    // [what, outcome, mail]: whose ticket a From is when no check proves it.
    [
      "a stranger's own envelope (SPF passes for it), her From unproven: no case in her name",
      'TICKET_INVALID',
      { returnPath: 'golpe@evil.example', spfAligned: false, verdicts: { ...PASS, dkim: 'GRAY', dmarc: 'GRAY' } },
    ],
    [
      'the same with DMARC p=none failing',
      'TICKET_INVALID',
      {
        returnPath: 'golpe@evil.example',
        spfAligned: false,
        verdicts: { ...PASS, dkim: 'GRAY', dmarc: 'FAIL', dmarcPolicy: 'NONE' },
      },
    ],
    [
      'a DKIM signature of another domain does not prove her From either',
      'TICKET_INVALID',
      {
        returnPath: 'golpe@evil.example',
        spfAligned: false,
        dkimAligned: false,
        verdicts: { ...PASS, dkim: 'PASS', dmarc: 'GRAY' },
      },
    ],
    [
      "her own domain as the envelope, SPF failing it (sent from the stranger's host): kept for review",
      'QUARANTINED',
      {
        returnPath: 'qualquer@modasbella.com.br',
        spfAligned: true,
        verdicts: { ...PASS, spf: 'FAIL', dkim: 'GRAY', dmarc: 'GRAY' },
      },
    ],
    [
      'the same where her domain only monitors DMARC (p=none), failing: kept for review too, no case in her name',
      'QUARANTINED',
      {
        returnPath: 'qualquer@modasbella.com.br',
        spfAligned: true,
        verdicts: { ...PASS, spf: 'FAIL', dkim: 'GRAY', dmarc: 'FAIL', dmarcPolicy: 'NONE' },
      },
    ],
    [
      'a small store whose domain publishes nothing, sending with its own envelope',
      'ACCEPTED',
      { spfAligned: true, verdicts: { ...PASS, spf: 'GRAY', dkim: 'GRAY', dmarc: 'GRAY' } },
    ],
    [
      "a CRM's bounce envelope, her From signed by her domain (DKIM aligned)",
      'ACCEPTED',
      {
        returnPath: 'bounces+123@em.crm.example',
        spfAligned: false,
        dkimAligned: true,
        verdicts: { ...PASS, dkim: 'PASS', dmarc: 'GRAY' },
      },
    ],
    ['DMARC passes, envelope elsewhere', 'ACCEPTED', { returnPath: 'srs0=x@forwarder.example', spfAligned: false }],
    ['the envelope unknown', 'ACCEPTED', { verdicts: { ...PASS, dkim: 'GRAY', dmarc: 'GRAY' } }],
  ])('%s → %s', async (_what, outcome, mail) => {
    const result = await processSubmission(email(mail), deps);
    expect(result).toMatchObject({ kind: 'case', outcome });
    expect(queue.messages).toHaveLength(outcome === 'ACCEPTED' ? 1 : 0);
    if (outcome !== 'ACCEPTED') expect(mailer.sent.map((m) => m.subject).join()).not.toMatch(/OUV-/);
  });

  it('gives sequential protocols to successive cases', async () => {
    await processSubmission(email(), deps);
    const second = await processSubmission(
      email({
        sourceId: 'ses-0002',
        messageId: 'other@mail',
        subject: 'Chamado 48215',
        text: 'O chamado 48215 sobre o pagamento via Pix também segue sem resposta.',
      }),
      deps,
    );
    expect(second.protocol).toBe('OUV-2026-000002');
  });

  it('finds the ticket in an attachment name when the text has none ("Chamado 48213.png")', async () => {
    const screenshot = { filename: 'Chamado 48213.png', contentType: 'image/png', size: 48_000, partId: '2' };
    const result = await processSubmission(
      email({ subject: 'Reclamação', text: 'Segue o print em anexo. Ninguém resolve.', attachments: [screenshot] }),
      deps,
    );
    expect(result).toMatchObject({ kind: 'case', outcome: 'ACCEPTED', protocol: 'OUV-2026-000001' });
    expect(tickets.lookups).toEqual(['48213']);
  });

  it('accepts the case flagged unverified when the ticket directory is down', async () => {
    tickets.unavailable = true;
    const result = await processSubmission(email(), deps);
    expect(result.kind === 'case' && result.decision.ticket.status).toBe('unverified');
    expect(result).toMatchObject({ outcome: 'ACCEPTED', status: 'QUEUED' });
  });

  // Wrong or revoked Zendesk credentials turn every case "não verificado" without an error: the
  // count is what the alarm reads. Once per case created, never for a duplicate delivery.
  it.each([
    ['directory down, mail cites #48213', true, email(), ['directory_unavailable']],
    ['directory up, ticket verified', false, email(), []],
    [
      'directory down, no ticket cited (nothing to check)',
      true,
      email({ subject: 'Reclamação', text: 'Ninguém da central me respondeu até hoje. Quero falar com a ouvidoria.' }),
      [],
    ],
  ])('reports a ticket left unverified by the directory: %s', async (_name, unavailable, submission, expected) => {
    tickets.unavailable = unavailable;
    const unverified: string[] = [];
    const telemetry = {
      decided() {},
      replySuppressed() {},
      followUp() {},
      ticketUnverified: (why: string) => unverified.push(why),
    };
    await processSubmission(submission, { ...deps, telemetry });
    await processSubmission(submission, { ...deps, telemetry });
    expect(unverified).toEqual(expected);
  });
});

describe('processSubmission: exactly-once effects', () => {
  it('makes one case, one reply and one queue message when the same delivery arrives twice', async () => {
    await processSubmission(email(), deps);
    const again = await processSubmission(email(), deps);
    expect(again).toMatchObject({ duplicate: true, protocol: 'OUV-2026-000001' });
    expect(cases.records.size).toBe(1);
    expect(mailer.sent).toHaveLength(1);
    expect(queue.messages).toHaveLength(1);
  });

  it('stays exactly-once when the duplicates run concurrently', async () => {
    await Promise.all([processSubmission(email(), deps), processSubmission(email(), deps)]);
    expect(cases.records.size).toBe(1);
    expect(mailer.sent).toHaveLength(1);
    expect(new Set(queue.messages.map((m) => m.caseId)).size).toBe(1);
  });

  it('queues the case even when the reply fails, and the retry sends only the reply', async () => {
    mailer.failNext = Object.assign(new Error('Throttling'), { name: 'TooManyRequestsException' });
    const first = await processSubmission(email(), deps);
    // The case does not wait on its reply: it is numbered and queued, the failure recorded.
    expect(first).toMatchObject({
      protocol: 'OUV-2026-000001',
      reply: { status: 'failed', error: 'TooManyRequestsException' },
    });
    expect(queue.messages).toHaveLength(1);
    expect((await cases.get(first.caseId))?.reply).toMatchObject({ status: 'failed' });
    const retried = await processSubmission(email(), deps);
    expect(retried).toMatchObject({ duplicate: true, protocol: 'OUV-2026-000001', reply: { status: 'sent' } });
    expect(mailer.sent).toHaveLength(1);
    expect(queue.messages).toHaveLength(1);
    expect(cases.records.size).toBe(1);
  });

  // The relay points (analyst notice, forwarded replies) read the verdict from the stored message.
  it.each([['PASS' as const], ['GRAY' as const], ['PROCESSING_FAILED' as const], ['DISABLED' as const]])(
    'the stored message keeps SES’s anti-virus verdict %s',
    async (virus) => {
      await processSubmission(email({ verdicts: { ...PASS, virus } }), deps);
      const stored = await cases.get(queue.messages[0]!.caseId);
      expect(stored?.messages.map((m) => m.virus)).toEqual([virus]);
    },
  );

  it('records a reply the provider refused for good as permanent, and still queues the case', async () => {
    mailer.failNext = new MailRejected('Email address is not verified.');
    const result = await processSubmission(email(), deps);
    expect(result).toMatchObject({ reply: { status: 'failed', permanent: true } });
    expect(queue.messages).toHaveLength(1);
  });

  it('finishes the work on retry after a crash between storing the case and replying', async () => {
    // Bounce memory is the last read before the send.
    bounces.isSuppressed = async () => {
      bounces.isSuppressed = InMemoryBounceRegistry.prototype.isSuppressed;
      throw new Error('ProvisionedThroughputExceededException');
    };
    await expect(processSubmission(email(), deps)).rejects.toThrow();
    // The claim taken by the creating write was given up as a failed reply, with the enqueue time.
    const stored = await cases.get(queue.messages[0]!.caseId);
    expect(stored).toMatchObject({ reply: { status: 'failed', error: 'Error' } });
    expect(stored?.enqueuedAt).toBeDefined();
    // The retry (at once: a resubmitted form does not wait for a claim to go stale) sends it.
    await processSubmission(email(), deps);
    expect(mailer.sent).toHaveLength(1);
    expect(queue.messages).toHaveLength(1);
    expect((await cases.get(queue.messages[0]!.caseId))?.reply).toMatchObject({ status: 'sent' });
  });

  it('records the acknowledgement as her mailbox has it (the provider’s ids): the case’s later mails name it', async () => {
    const result = await processSubmission(email(), deps);
    const stored = await cases.get(result.caseId);
    expect(stored?.reply).toEqual({
      status: 'sent',
      messageId: mailer.sent[0]!.messageId,
      at: expect.any(String),
      deliveredAs: ['fake-1@fake.amazonses.com'],
    });
  });

  it('numbers the case in its creating write; a concurrent delivery that lost the create consumes no number', async () => {
    const first = await processSubmission(email(), deps);
    // A concurrent duplicate: it read no case, drew a number for the same case id (the counter's
    // last number was that case's: the same one), then lost the create.
    const racing = { ...deps, cases: Object.assign(Object.create(cases), { get: async () => null }) };
    const again = await processSubmission(email(), racing);
    // It found the case stored when its create lost: a duplicate (what is told once is the creator's).
    expect(again).toMatchObject({ kind: 'case', caseId: first.caseId, protocol: first.protocol, duplicate: true });
    // It consumed no number: the next case gets the one after the first.
    const next = await processSubmission(
      email({
        sourceId: 'ses-outro',
        messageId: 'CAF9999@mail.gmail.com',
        subject: 'Chamado 48215',
        text: 'O chamado 48215 sobre o Pix segue sem resposta.',
      }),
      deps,
    );
    const seq = (p: string | undefined) => Number(p?.slice(-6));
    expect(first.kind === 'case' && next.kind === 'case' && seq(next.protocol) - seq(first.protocol)).toBe(1);
    expect(mailer.sent).toHaveLength(2);
  });

  it('finishes the work on retry after the queue failed, keeping the single reply', async () => {
    queue.failNext = new Error('SQS down');
    await expect(processSubmission(email(), deps)).rejects.toThrow('SQS down');
    await processSubmission(email(), deps);
    expect(mailer.sent).toHaveLength(1);
    expect(queue.messages).toHaveLength(1);
  });
});

describe('processSubmission: redirected and suppressed replies', () => {
  const noTicket = {
    subject: 'Problema com minha loja',
    text: 'Bom dia, minha loja está com problema no checkout desde ontem e os clientes não conseguem finalizar a compra.',
  };

  // The envelope names anyone's address unless SPF proved it: the office answers, in its own words.
  it.each<[string, 'PASS' | 'GRAY' | 'FAIL', boolean]>([
    ['SPF passed: the return path is the sender’s', 'PASS', true],
    ['SPF neutral (a forged envelope on a domain without SPF)', 'GRAY', false],
    ['SPF failed, DKIM and DMARC pass (a relay; the From is proven, not the return path)', 'FAIL', false],
  ])('%s: the sender’s subject is echoed only to a proven return path', async (_what, spf, echoed) => {
    const phishing = 'URGENTE seu PIX foi bloqueado, regularize em https://golpe.example/pix';
    await processSubmission(
      email({
        subject: phishing,
        text: 'Meus pedidos não sincronizam, preciso de ajuda urgente com a integração dos Correios.',
        returnPath: 'vitima@gmail.example',
        verdicts: { spam: 'PASS', virus: 'PASS', spf, dkim: 'PASS', dmarc: 'PASS' },
      }),
      deps,
    );
    const [reply] = mailer.sent;
    expect(reply?.to).toEqual(['vitima@gmail.example']);
    expect(reply?.subject.includes('golpe.example')).toBe(echoed);
    expect(reply?.text.includes('golpe.example')).toBe(echoed);
    expect(reply?.html?.includes('golpe.example')).toBe(echoed);
  });

  it('answers a message without prior ticket with guidance and stores it REDIRECTED', async () => {
    const result = await processSubmission(email(noTicket), deps);
    expect(result).toMatchObject({ outcome: 'NO_PRIOR_TICKET', status: 'REDIRECTED' });
    expect(result.protocol).toBeUndefined();
    expect(mailer.sent).toHaveLength(1);
    expect(queue.messages).toHaveLength(0);
  });

  it('sends at most one guidance reply per sender, outcome and day', async () => {
    await processSubmission(email(noTicket), deps);
    const second = await processSubmission(email({ ...noTicket, sourceId: 'ses-0002', messageId: 'x2@mail' }), deps);
    expect(second.kind === 'case' && second.reply).toMatchObject({ status: 'suppressed', reason: 'throttled' });
    expect(mailer.sent).toHaveLength(1);
    expect(cases.records.size).toBe(2);
  });

  // One inbox, many spellings: a "+tag" (any domain) or Gmail's dots must not multiply the day's guidance
  // into a mailbox (the form takes any address: anyone could fill someone's inbox with office mail).
  it.each([
    ['a +tag each time', 'vitima+1@gmail.com', 'vitima+2@gmail.com'],
    ['Gmail dots', 'vitima.silva@gmail.com', 'vitimasilva@googlemail.com'],
    ['a +tag on another domain', 'lojista+a@modasbella.com.br', 'lojista+b@modasbella.com.br'],
    ['a +tag, then the bare address', 'lojista+a@modasbella.com.br', 'Lojista@ModasBella.com.br'],
  ])('one guidance reply per inbox, outcome and day: %s (%s, %s)', async (_name, first, second) => {
    const from = (address: string, n: number) =>
      email({
        ...noTicket,
        sender: { name: 'Marina Costa', address },
        returnPath: address,
        sourceId: `ses-000${n}`,
        messageId: `x${n}@mail`,
      });
    await processSubmission(from(first, 1), deps);
    const again = await processSubmission(from(second, 2), deps);
    expect(again.kind === 'case' && again.reply).toMatchObject({ status: 'suppressed', reason: 'throttled' });
    expect(mailer.sent).toHaveLength(1);
  });

  // The day's guidance is counted on the inbox the reply goes to (the return path), never on the From:
  // a From is text anyone writes (SPF proves only the return path; a domain with DMARC p=none
  // rejects nothing).
  describe('the guidance limit counts the inbox the reply goes to', () => {
    const spoofed = (n: number, from: string, returnPath: string) =>
      email({
        ...noTicket,
        sender: { name: 'Marina Costa', address: from },
        returnPath,
        sourceId: `ses-spoof-${n}`,
        messageId: `spoof${n}@mail`,
        // No DMARC record on either domain (GRAY): nothing rejects a From it did not sign.
        verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'GRAY', dmarc: 'GRAY' },
      });

    it('a stranger writing her From over his own return path does not spend her day', async () => {
      await processSubmission(spoofed(1, 'lojista@modasbella.com.br', 'golpe@evil.example'), deps);
      expect(mailer.sent.map((m) => m.to)).toEqual([['golpe@evil.example']]);
      const hers = await processSubmission(
        email({
          ...noTicket,
          sourceId: 'ses-hers-1',
          messageId: 'hers1@mail',
          returnPath: 'lojista@modasbella.com.br',
        }),
        deps,
      );
      expect(hers.kind === 'case' && hers.reply).toMatchObject({ status: 'sent' });
      expect(mailer.sent.map((m) => m.to)).toEqual([['golpe@evil.example'], ['lojista@modasbella.com.br']]);
    });

    it('a target’s return path under a new From each time gets one guidance mail a day', async () => {
      for (let n = 1; n <= 6; n++) {
        await processSubmission(spoofed(n, `remetente${n}@outra${n}.example`, 'financeiro@alvo.example'), deps);
      }
      expect(mailer.sent.map((m) => m.to)).toEqual([['financeiro@alvo.example']]);
      expect(cases.records.size).toBe(6);
    });
  });

  // Round 35: a notice's subject over her own verified ticket, cited in her words, is her complaint.
  it.each([
    ['an absence subject in English', "I'm out of office this week and our store checkout is broken"],
    ['a delivery failure subject', 'Falha na entrega - pedidos parados'],
    ['a bare absence subject', 'Ausente'],
  ])('a merchant under %s citing her own ticket gets a case and its acknowledgement', async (_what, subject) => {
    const text =
      'Estou viajando, mas o checkout parou de aceitar cartão ontem e os pedidos não foram entregues. ' +
      'O chamado 48213 está aberto há 9 dias sem solução.';
    const result = await processSubmission(email({ subject, text }), deps);
    expect(result).toMatchObject({ outcome: 'ACCEPTED', status: 'QUEUED' });
    expect(result.kind === 'case' && result.reply?.status).toBe('sent');
    expect(mailer.sent).toHaveLength(1);
    expect(queue.messages).toHaveLength(1);
  });

  it.each([
    ['a header says so', { headers: { 'auto-submitted': 'auto-replied' } }],
    ['the subject answers our mail', { subject: 'Resposta automática: Re: Reclamação [OUV-2026-000001]' }],
    ['the ticket is only in the subject', { subject: 'Ausente - chamado 48213', text: 'Estou ausente até 10/12.' }],
  ])('an absence notice citing her ticket stays automatic when %s', async (_what, overrides) => {
    const base = { subject: 'Ausente', text: 'Estou ausente até 10/12, com acesso limitado. O chamado 48213 parou.' };
    const result = await processSubmission(email({ ...base, ...overrides }), deps);
    expect(result.kind === 'case' && result.reply?.status).toBe('suppressed');
    expect(result).toMatchObject({ status: 'REDIRECTED' });
    expect(mailer.sent).toHaveLength(0);
    expect(queue.messages).toHaveLength(0);
  });

  it('never answers automatic mail (RFC 3834) but still stores it', async () => {
    const result = await processSubmission(email({ ...noTicket, headers: { 'auto-submitted': 'auto-replied' } }), deps);
    expect(result.kind === 'case' && result.reply?.status).toBe('suppressed');
    expect(mailer.sent).toHaveLength(0);
    expect(cases.records.size).toBe(1);
  });

  it('quarantines spam without a ticket lookup and without a reply', async () => {
    const result = await processSubmission(
      email({ verdicts: { spam: 'FAIL', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' } }),
      deps,
    );
    expect(result).toMatchObject({ outcome: 'QUARANTINED', status: 'QUARANTINED' });
    expect(tickets.lookups).toHaveLength(0);
    expect(mailer.sent).toHaveLength(0);
    expect(queue.messages).toHaveLength(0);
  });

  it('sends nothing to an address in the bounce memory', async () => {
    await bounces.markBouncing(MERCHANT, new Date('2027-01-01T00:00:00Z'), 'test');
    const result = await processSubmission(email(noTicket), deps);
    expect(result.kind === 'case' && result.reply).toMatchObject({ status: 'suppressed', reason: 'bounce-memory' });
    expect(mailer.sent).toHaveLength(0);
  });
});

describe('processSubmission: bounce memory read with the open-case count (issue 16)', () => {
  const BOUNCED_UNTIL = new Date('2027-01-01T00:00:00Z');
  const linked = () => ({ ...deps, openCases: new InMemorySenderOpenCases(bounces) });

  it.each([
    ['a bounced merchant gets no acknowledgement', BOUNCED_UNTIL, 'suppressed'],
    ['a bounce memory that ended does not stop it', new Date('2026-11-01T00:00:00Z'), 'sent'],
    ['a merchant never bounced gets it', undefined, 'sent'],
  ] as const)('%s, with no read of the bounce registry', async (_name, until, status) => {
    if (until) await bounces.markBouncing(MERCHANT, until, 'test');
    const reads = vi.spyOn(bounces, 'isSuppressed');
    const result = await processSubmission(email(), linked());
    expect(result).toMatchObject({ outcome: 'ACCEPTED', reply: { status } });
    expect(reads).not.toHaveBeenCalled();
  });

  it('an acknowledgement to another address (the return path) asks the registry', async () => {
    const returnPath = 'marina.costa@modasbella.com.br';
    await bounces.markBouncing(returnPath, BOUNCED_UNTIL, 'test');
    const reads = vi.spyOn(bounces, 'isSuppressed');
    const result = await processSubmission(email({ returnPath }), linked());
    expect(result).toMatchObject({ outcome: 'ACCEPTED', reply: { status: 'suppressed', reason: 'bounce-memory' } });
    expect(reads).toHaveBeenCalledWith(returnPath, expect.any(Date));
  });
});

// A year-long case of 60 long messages: her next mail read every text of it (one text-store GET
// each on DynamoDB) only to find the case it continues; it reads the case's state (THREAD_TEXTS).
describe('processSubmission: a follow-up to a case of 60 long messages', () => {
  it.each<[string, Partial<SubmissionInput>]>([
    ['by In-Reply-To (our acknowledgement)', { inReplyTo: 'ACK', references: ['ACK'] }],
    ['by the protocol in the subject', { subject: 'Re: OUV-2026-000001 — ainda sem solução' }],
    ['by the same ticket, no thread', { subject: 'De novo o chamado #48213' }],
  ])('%s: joins it, reading none of its texts', async (_how, thread) => {
    await processSubmission(email(), deps);
    const ackId = mailer.sent[0]!.messageId;
    for (let i = 2; i <= 60; i++) {
      await cases.appendMessage('email:ses-0001', {
        sourceId: `ses-old-${i}`,
        channel: 'email',
        receivedAt: new Date(Date.parse('2026-11-24T15:00:00.000Z') + i * 3_600_000).toISOString(),
        subject: 'Re: [OUV-2026-000001] Recebemos sua manifestação',
        text: `Mensagem número ${i}. ${'O frete continua sem cálculo na minha loja. '.repeat(40)}`,
        attachments: [],
      });
    }
    cases.textReads = 0;
    const followUp = await processSubmission(
      email({
        sourceId: 'ses-0061',
        messageId: 'reply-61@mail.gmail.com',
        subject: 'Re: [OUV-2026-000001] Recebemos sua manifestação',
        text: 'Mensagem número 61. Continuo sem frete.',
        ...thread,
        ...(thread.inReplyTo ? { inReplyTo: ackId, references: [ackId] } : {}),
      }),
      deps,
    );
    expect(followUp).toMatchObject({ kind: 'follow-up', caseId: 'email:ses-0001', appended: true });
    expect(cases.textReads).toBe(0);
    const stored = cases.records.get('email:ses-0001')!.messages;
    expect(stored.map((m) => /^Mensagem número (\d+)\./.exec(m.text)?.[1] ?? 'first')).toEqual([
      'first',
      ...Array.from({ length: 60 }, (_, i) => String(i + 2)),
    ]);
  });
});

describe('processSubmission: threading', () => {
  it('appends a reply to our acknowledgement to the case, with no new case and no reply', async () => {
    await processSubmission(email(), deps);
    const ackId = mailer.sent[0]!.messageId;
    const followUp = await processSubmission(
      email({
        sourceId: 'ses-0002',
        messageId: 'reply-1@mail.gmail.com',
        inReplyTo: ackId,
        references: [ackId],
        subject: 'Re: [OUV-2026-000001] Recebemos sua manifestação',
        text: 'Segue o print do erro que comentei.',
      }),
      deps,
    );
    expect(followUp).toMatchObject({ kind: 'follow-up', caseId: 'email:ses-0001', appended: true });
    expect(cases.records.size).toBe(1);
    expect(mailer.sent).toHaveLength(1);
    expect((await cases.get('email:ses-0001'))?.messages).toHaveLength(2);
  });

  it('stores an out-of-office answer to our acknowledgement on its own, without threading or replying', async () => {
    await processSubmission(email(), deps);
    const ackId = mailer.sent[0]!.messageId;
    const ooo = await processSubmission(
      email({
        sourceId: 'ses-ooo',
        messageId: 'ooo-1@mail.modasbella.com.br',
        inReplyTo: ackId,
        references: [ackId],
        subject: 'Resposta automática: [OUV-2026-000001] Recebemos sua manifestação',
        text: 'Estou de férias até 05/12. Para urgências, ligue para a loja.',
        headers: { 'auto-submitted': 'auto-replied' },
      }),
      deps,
    );
    expect(ooo.kind).toBe('case');
    expect((await cases.get('email:ses-0001'))?.messages).toHaveLength(1);
    expect(mailer.sent).toHaveLength(1);
  });

  it('decides afresh when the merchant answers our guidance with the ticket we asked for', async () => {
    await processSubmission(
      email({ subject: 'Problema no checkout', text: 'Minha loja não finaliza compras desde ontem, me ajudem.' }),
      deps,
    );
    const guidanceId = mailer.sent[0]!.messageId;
    const answer = await processSubmission(
      email({
        sourceId: 'ses-0002',
        messageId: 'answer@mail.modasbella.com.br',
        inReplyTo: guidanceId,
        references: [guidanceId],
        subject: 'Re: Problema no checkout',
        text: 'Certo, o número do chamado que abri no suporte é 48213.',
      }),
      deps,
    );
    expect(answer).toMatchObject({ kind: 'case', outcome: 'ACCEPTED', protocol: 'OUV-2026-000001' });
    expect(mailer.sent).toHaveLength(2);
    // Her answer holds only the number: the description she sent first goes with the case.
    const created = [...cases.records.values()].find((r) => r.protocol === 'OUV-2026-000001');
    expect(created?.answersSubmissionId).toBe('email:ses-0001');
    expect(created?.referencedCaseId).toBeUndefined();
  });

  it('never carries a quarantined earlier mail into a case, nor another sender’s submission', async () => {
    await processSubmission(
      email({
        subject: 'Problema no checkout',
        text: 'Minha loja não finaliza compras desde ontem.',
        verdicts: { spam: 'PASS', virus: 'PASS', spf: 'FAIL', dkim: 'FAIL', dmarc: 'FAIL' },
      }),
      deps,
    );
    await processSubmission(
      email({
        sourceId: 'ses-0002',
        messageId: 'other@x',
        sender: { address: 'outra@lojavizinha.com.br' },
        returnPath: 'outra@lojavizinha.com.br',
        subject: 'Dúvida',
        text: 'Como mudo meu plano?',
      }),
      deps,
    );
    const ownAfterQuarantine = await processSubmission(
      email({
        sourceId: 'ses-0003',
        messageId: 'again@mail.modasbella.com.br',
        inReplyTo: 'CAF1234@mail.gmail.com',
        references: ['CAF1234@mail.gmail.com'],
        subject: 'Re: Problema no checkout',
        text: 'Reenviando: chamado 48213, a loja não finaliza compras.',
      }),
      deps,
    );
    expect(ownAfterQuarantine).toMatchObject({ kind: 'case', outcome: 'ACCEPTED' });
    expect((await cases.get('email:ses-0003'))?.answersSubmissionId).toBeUndefined();
    const strangers = await processSubmission(
      email({
        sourceId: 'ses-0004',
        messageId: 'm4@mail.modasbella.com.br',
        inReplyTo: 'other@x',
        subject: 'Re: Dúvida',
        text: 'Chamado 48215: a loja não finaliza compras.',
      }),
      deps,
    );
    expect(strangers.kind).toBe('case');
    expect((await cases.get('email:ses-0004'))?.answersSubmissionId).toBeUndefined();
    expect((await cases.get('email:ses-0004'))?.referencedCaseId).toBe('email:ses-0002');
  });

  it('threads by protocol only for the case’s own merchant', async () => {
    await processSubmission(email(), deps);
    const own = await processSubmission(
      email({
        sourceId: 'ses-0002',
        messageId: 'm2@x',
        subject: 'Complemento OUV-2026-000001',
        text: 'Mais detalhes.',
      }),
      deps,
    );
    expect(own.kind).toBe('follow-up');

    const intruder = await processSubmission(
      email({
        sourceId: 'ses-0003',
        messageId: 'm3@x',
        sender: { address: 'intruso@example.org' },
        returnPath: 'intruso@example.org',
        subject: 'Complemento OUV-2026-000001',
        text: 'Cancelem esse caso.',
      }),
      deps,
    );
    expect(intruder.kind).toBe('case');
    expect((await cases.get('email:ses-0001'))?.messages).toHaveLength(2);
  });

  it('a mail from the merchant’s address that passes no sender check never joins her case: new submission, linked for the team', async () => {
    await processSubmission(email(), deps);
    const spoof = await processSubmission(
      email({
        sourceId: 'ses-0020',
        messageId: 'spoof@evil.example',
        returnPath: 'bounce@evil.example',
        subject: 'Re: [OUV-2026-000001] Recebemos sua manifestação',
        text: 'Desisto da reclamação, podem encerrar.',
        verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'GRAY', dmarc: 'GRAY' },
      }),
      deps,
    );
    expect(spoof.kind).toBe('case');
    expect((await cases.get('email:ses-0001'))?.messages).toHaveLength(1);
    expect(await cases.get('email:ses-0020')).toMatchObject({
      referencedCaseId: 'email:ses-0001',
      referencedProtocol: 'OUV-2026-000001',
    });
    // The cited case lists it for the team, once, however often the mail is delivered.
    expect((await cases.get('email:ses-0001'))?.citedBy).toEqual(['email:ses-0020']);
  });

  it.each([
    ['one mail from another address', ['financeiro@outraloja.com.br'], 1],
    ['the same mail delivered twice', ['financeiro@outraloja.com.br', 'financeiro@outraloja.com.br'], 1],
    ['two mails from two addresses', ['financeiro@outraloja.com.br', 'contato@terceiro.com.br'], 2],
  ])('a case cited by %s lists the citing records', async (_what, senders, listed) => {
    await processSubmission(email(), deps);
    const distinct = [...new Set(senders)];
    for (const address of senders) {
      const n = distinct.indexOf(address) + 1;
      await processSubmission(
        email({
          sourceId: `ses-010${n}`,
          messageId: `cita-${n}@outraloja.com.br`,
          sender: { address },
          returnPath: address,
          subject: 'Sobre o protocolo OUV-2026-000001',
          text: 'Vi o caso OUV-2026-000001 da Modas Bella e tenho o mesmo problema com pedidos que não sincronizam.',
        }),
        deps,
      );
    }
    const cited = await cases.get('email:ses-0001');
    expect(cited?.citedBy).toHaveLength(listed);
    expect(cited?.citedBy).toEqual(distinct.map((_, i) => `email:ses-010${i + 1}`));
  });

  it('the case’s analyst hears of a citing record once, from the delivery that stored it; a quarantined one never', async () => {
    const told: string[] = [];
    deps.onCitation = async (citing) => {
      told.push(citing.caseId);
    };
    await processSubmission(email(), deps);
    const citing = email({
      sourceId: 'ses-0301',
      messageId: 'cita@outraloja.com.br',
      sender: { address: 'financeiro@outraloja.com.br' },
      returnPath: 'financeiro@outraloja.com.br',
      subject: 'Sobre o protocolo OUV-2026-000001',
      text: 'Sou a contadora da Modas Bella: o caso OUV-2026-000001 precisa da nota fiscal de outubro.',
    });
    await processSubmission(citing, deps);
    await processSubmission(citing, deps);
    expect(told).toEqual(['email:ses-0301']);
    // A failing notice changes nothing of the intake.
    deps.onCitation = async () => {
      throw new Error('SES down');
    };
    const again = await processSubmission(
      { ...citing, sourceId: 'ses-0302', messageId: 'cita2@outraloja.com.br' },
      deps,
    );
    expect(again.kind).toBe('case');
  });

  // The merchant answers a case mail from another address of hers: it cannot join the case, and the
  // guidance says how to reach it — the same words whether the protocol is a case or not (no oracle).
  it.each([
    [
      'her own case, subject kept',
      'Re: [OUV-2026-000001] Resposta da Ouvidoria',
      'Os pedidos são 100234 e 100237.',
      'OUV-2026-000001',
    ],
    [
      'her own case, protocol typed in the text',
      'Pedidos',
      'Sobre o protocolo ouv 2026 000001: os pedidos são 100234 e 100237.',
      'OUV-2026-000001',
    ],
    [
      'a protocol that is no case',
      'Re: [OUV-2026-000777] Resposta da Ouvidoria',
      'Os pedidos são 100234 e 100237.',
      'OUV-2026-000777',
    ],
  ])(
    'from another address, naming %s: the guidance says to answer from the case’s address',
    async (_what, subject, text, cited) => {
      await processSubmission(email(), deps);
      mailer.sent.length = 0;
      const other = await processSubmission(
        email({
          sourceId: 'ses-0030',
          messageId: 'pessoal@gmail.example',
          sender: { name: 'Mariana Bella', address: 'mariana.bella@gmail.example' },
          returnPath: 'mariana.bella@gmail.example',
          subject,
          text,
        }),
        deps,
      );
      expect(other).toMatchObject({ kind: 'case', outcome: 'NO_PRIOR_TICKET' });
      expect(mailer.sent).toHaveLength(1);
      const reply = mailer.sent[0]!;
      // She did not skip support: the reply opens with her case, not with "talk to support first".
      expect(reply.text.split('\n\n')[1]).toMatch(
        new RegExp(
          `^Recebemos sua mensagem, mas ela não foi adicionada ao caso ${cited}\\. Por segurança, só juntamos a um caso da Ouvidoria as mensagens enviadas do endereço de e-mail usado para abri-lo`,
        ),
      );
      expect(reply.text).not.toContain('por isso ainda não podemos abrir um caso');
      expect(reply.text).not.toContain('lojista@modasbella.com.br');
    },
  );

  it('guidance to a mail naming no protocol says nothing about cases', async () => {
    await processSubmission(
      email({ subject: 'Problema no checkout', text: 'Minha loja não finaliza compras desde ontem, me ajudem.' }),
      deps,
    );
    expect(mailer.sent[0]?.text).not.toContain('não foi adicionada ao caso');
  });

  // Her mail client keeps answering the old thread: the first reply opens the linked case, the next
  // ones join it (one case, one acknowledgement), not one new case each.
  it.each([
    ['while the linked case is open', undefined, 'follow-up'],
    ['after the linked case closed long ago too', '2026-09-20T12:00:00.000Z', 'case'],
  ])('a second reply to a case closed long ago, %s', async (_when, linkedClosedAt, kind) => {
    await processSubmission(email(), deps);
    const closed = cases.records.get('email:ses-0001')!;
    closed.status = 'CLOSED';
    closed.closedAt = '2026-09-01T12:00:00.000Z';
    const first = await processSubmission(
      email({ sourceId: 'ses-0009', messageId: 'late@x', subject: 'Re: [OUV-2026-000001] Caso encerrado' }),
      deps,
    );
    expect(first).toMatchObject({ kind: 'case', protocol: 'OUV-2026-000002' });
    if (linkedClosedAt) {
      const linked = cases.records.get('email:ses-0009')!;
      linked.status = 'CLOSED';
      linked.closedAt = linkedClosedAt;
    }
    const acks = mailer.sent.length;
    const second = await processSubmission(
      email({
        sourceId: 'ses-0010',
        messageId: 'later@x',
        subject: 'Re: [OUV-2026-000001] Caso encerrado',
        text: 'Complementando: o valor duplicado é de R$ 189,90.',
      }),
      deps,
    );
    expect(second.kind).toBe(kind);
    if (kind === 'follow-up') {
      expect(second).toMatchObject({ caseId: 'email:ses-0009', protocol: 'OUV-2026-000002' });
      expect(cases.records.get('email:ses-0009')?.messages).toHaveLength(2);
      expect(mailer.sent.slice(acks).filter((m) => m.subject.includes('Recebemos sua manifestação'))).toEqual([]);
    } else {
      expect(second).toMatchObject({ protocol: 'OUV-2026-000003' });
    }
  });

  it('opens a new linked case when the merchant replies to a case closed long ago', async () => {
    await processSubmission(email(), deps);
    const closed = cases.records.get('email:ses-0001')!;
    closed.status = 'CLOSED';
    closed.closedAt = '2026-09-01T12:00:00.000Z';
    const result = await processSubmission(
      email({ sourceId: 'ses-0009', messageId: 'late@x', subject: 'Re: [OUV-2026-000001] de novo o mesmo problema' }),
      deps,
    );
    expect(result.kind).toBe('case');
    expect((await cases.get('email:ses-0009'))?.linkedProtocol).toBe('OUV-2026-000001');
    // They wrote under the old protocol: the acknowledgement of the new one says why it is new.
    const ack = mailer.sent.at(-1)!;
    // Her subject, answered, under the new case's tag alone (the old one's would name two cases).
    expect(ack.subject).toBe('Re: de novo o mesmo problema [OUV-2026-000002]');
    expect(ack.text).toContain(
      'O caso OUV-2026-000001 foi encerrado há mais de 7 dias; por isso, a sua mensagem abriu este novo caso, ligado ao anterior.',
    );
    expect(mailer.sent[0]!.text).not.toContain('foi encerrado há mais de');
  });

  it.each([
    [
      'a reply to the closing mail',
      'Re: [OUV-2026-000001] Caso encerrado',
      'O problema do frete voltou, de novo sem calcular.',
    ],
    [
      'a new mail naming the protocol',
      'Ouvidoria OUV-2026-000001',
      'Voltou a acontecer: o frete não calcula desde ontem.',
    ],
    [
      'English, threaded only by the protocol',
      'Case OUV-2026-000001 again',
      'The shipping rates stopped working again.',
    ],
  ])(
    'a merchant writing after the reopen window inherits the earlier case’s ticket: %s',
    async (_label, subject, text) => {
      await processSubmission(email(), deps);
      const closed = cases.records.get('email:ses-0001')!;
      closed.status = 'CLOSED';
      closed.closedAt = '2026-09-01T12:00:00.000Z';
      const result = await processSubmission(email({ sourceId: 'ses-0010', messageId: 'back@x', subject, text }), deps);
      expect(result).toMatchObject({ kind: 'case', outcome: 'ACCEPTED', protocol: 'OUV-2026-000002' });
      const created = await cases.get('email:ses-0010');
      expect(created?.decision.ticket).toEqual({ status: 'valid', number: '48213' });
      expect(created?.ticketCandidates).toEqual([
        {
          number: '48213',
          source: 'linked-case',
          score: TICKET_SCORES.keyword,
          evidence: 'caso anterior OUV-2026-000001',
        },
      ]);
      expect(created?.linkedProtocol).toBe('OUV-2026-000001');
    },
  );

  it('inherits no ticket across senders, and verifies the inherited one again', async () => {
    await processSubmission(email(), deps);
    const closed = cases.records.get('email:ses-0001')!;
    closed.status = 'CLOSED';
    closed.closedAt = '2026-09-01T12:00:00.000Z';
    const text = 'O problema do frete voltou, de novo sem calcular.';
    const stranger = await processSubmission(
      email({
        sourceId: 'ses-0011',
        messageId: 'stranger@x',
        sender: { address: 'outra@example.org' },
        returnPath: 'outra@example.org',
        subject: 'Re: [OUV-2026-000001] Caso encerrado',
        text,
      }),
      deps,
    );
    expect(stranger).toMatchObject({ kind: 'case', outcome: 'NO_PRIOR_TICKET' });
    const gone = await processSubmission(
      email({ sourceId: 'ses-0012', messageId: 'gone@x', subject: 'Re: [OUV-2026-000001] Caso encerrado', text }),
      { ...deps, tickets: new InMemoryTicketDirectory([]) },
    );
    expect(gone).toMatchObject({ kind: 'case', outcome: 'TICKET_INVALID' });
  });

  it('tags the raw mail of a submission that is not a case for LGPD retention, and never an accepted case’s', async () => {
    const retention = new RecordingRawMailRetention();
    const raw = { bucket: 'raw', key: 'inbound/ses-x' };
    await processSubmission(
      email({ sourceId: 'ses-x', subject: 'Dúvida', text: 'Gostaria de saber como funciona a integração.', raw }),
      { ...deps, rawMailRetention: retention },
    );
    expect(retention.marks).toEqual([{ kind: 'redirected', key: 'inbound/ses-x' }]);
    await processSubmission(email({ sourceId: 'ses-y', raw: { bucket: 'raw', key: 'inbound/ses-y' } }), {
      ...deps,
      rawMailRetention: retention,
    });
    expect(retention.marks).toHaveLength(1);
  });

  it('tags the webform files of a submission that is not a case (its clock), and never an accepted case’s', async () => {
    const tagged: string[] = [];
    const uploadRetention = {
      markClosed: async () => {},
      markOpen: async () => {},
      markRedirected: async (key: string) => void tagged.push(key),
    };
    const files = (id: string) =>
      ['01', '02'].map((n) => ({
        filename: `print-${n}.png`,
        contentType: 'image/png',
        size: 1000,
        inline: false,
        key: `uploads/${id}/${n}`,
        scan: 'NO_THREATS_FOUND' as const,
      }));
    const form = (sourceId: string, text: string, ticket?: string) =>
      email({
        channel: 'webform',
        sourceId,
        subject: 'Formulário da Ouvidoria',
        text,
        attachments: files(sourceId),
        ...(ticket ? { formTicket: ticket } : {}),
        messageId: undefined,
        verdicts: undefined,
      });
    await processSubmission(form('w1', 'Gostaria de saber como funciona a integração com o marketplace.'), {
      ...deps,
      uploadRetention,
    });
    expect(tagged).toEqual(['uploads/w1/01', 'uploads/w1/02']);
    await processSubmission(
      form('w2', 'Abri o chamado 48213 e o frete continua errado há duas semanas; preciso de ajuda.', '48213'),
      { ...deps, uploadRetention },
    );
    expect((await cases.get('webform:w2'))?.outcome).toBe('ACCEPTED');
    expect(tagged).toHaveLength(2);
  });
});

describe('processSubmission: mail to the staff reply mailbox that does not verify', () => {
  const DOMAIN = 'ouvidoria.example.com.br';
  it.each([
    // [who writes, to, text]: the receipt rule takes caso@ with any label; none of these is a case's address.
    ['the analyst', `caso+OUV-2026-000123.abcdefghijklmno@${DOMAIN}`, '#encerrar procedente\nEstorno feito.'],
    ['the analyst', `CASO+OUV-2026-000123@${DOMAIN.toUpperCase()}`, '#encerrar procedente'],
    ['the analyst', `caso+OUV-2026-000123.abcdefghijklmn01@${DOMAIN}`, '#transferir bruno'],
    [
      'a merchant with a valid ticket',
      `caso@${DOMAIN}`,
      'Abri o chamado #48213 e o frete continua errado; preciso de ajuda.',
    ],
    ['a merchant with a valid ticket', `caso+encerrar@${DOMAIN}`, '#encerrar procedente\nChamado #48213 sem solução.'],
  ])('%s → %s: quarantined as staff-address mail, no reply, no case acted on', async (who, to, text) => {
    const world = lifecycleWorld();
    const before = world.cases.must();
    const from = who === 'the analyst' ? 'ana@empresa.com.br' : MERCHANT;
    const result = await processSubmission(
      email({ sender: { name: 'Ana Lima', address: from }, returnPath: from, recipients: [to], text }),
      { ...deps, lifecycle: mailLifecycle(world.deps) },
    );
    expect(result).toMatchObject({ outcome: 'QUARANTINED', status: 'QUARANTINED' });
    expect((await cases.get('email:ses-0001'))?.decision.ruleIds).toEqual(['quarantine.staff-mail']);
    expect(mailer.sent).toEqual([]);
    expect(queue.messages).toEqual([]);
    expect(world.cases.must()).toEqual(before);
    expect(world.mailer.sent).toEqual([]);
  });

  it("the analyst's mail to two cases' addresses: quarantined as ambiguous, neither case acted on", async () => {
    const world = lifecycleWorld();
    const before = world.cases.must();
    const ana = 'ana@empresa.com.br';
    const recipients = [PROTOCOL, 'OUV-2026-000124'].map((p) => staffReplyAddress(p, 'ana', SECRET, localConfig));
    const result = await processSubmission(
      email({
        sender: { name: 'Ana Lima', address: ana },
        returnPath: ana,
        recipients,
        text: '#encerrar procedente\nEstorno feito.',
      }),
      { ...deps, lifecycle: mailLifecycle(world.deps) },
    );
    expect(result).toMatchObject({ outcome: 'QUARANTINED', status: 'QUARANTINED' });
    expect((await cases.get('email:ses-0001'))?.decision.reason).toMatch(/mais de um caso/);
    expect(mailer.sent).toEqual([]);
    expect(world.cases.must()).toEqual(before);
    expect(world.mailer.sent).toEqual([]);
  });
});

// The quarantine review is for mail a person may have to release: staff mail no one has to look at
// (her out-of-office answering a notice — the supervisors get one absence notice a day — and
// commands sent to the office's address, whose author was told) is stored already reviewed.
describe('processSubmission: staff mail set aside that no one has to review', () => {
  const ana = 'ana@empresa.com.br';
  const toCase = (over: Partial<SubmissionInput>) =>
    email({
      sender: { name: 'Ana Lima', address: ana },
      returnPath: ana,
      recipients: [staffReplyAddress(PROTOCOL, 'ana', SECRET, localConfig)],
      ...over,
    });
  it.each([
    [
      'her out-of-office answering a notice',
      toCase({
        subject: `Resposta automática: [${PROTOCOL}] Nova mensagem do lojista`,
        text: 'Estou de férias até 10/12. Em caso de urgência, fale com a Sofia.',
        headers: { 'auto-submitted': 'auto-replied' },
      }),
      /mensagem automática/,
    ],
    [
      'her commands sent to the office’s address',
      toCase({
        recipients: [localConfig.ombudsmanAddresses[0] as string],
        subject: `RE: [${PROTOCOL}] Nova mensagem do lojista`,
        text: '#encerrar procedente\nMarina, resolvido.',
      }),
      /endereço da Ouvidoria/,
    ],
  ])('%s: stored, already reviewed by the system', async (_what, mail, reason) => {
    const world = lifecycleWorld();
    const result = await processSubmission(mail, { ...deps, lifecycle: mailLifecycle(world.deps) });
    expect(result).toMatchObject({ outcome: 'QUARANTINED', status: 'QUARANTINED' });
    const stored = await cases.get('email:ses-0001');
    expect(stored?.decision.reason).toMatch(reason);
    expect(stored).toMatchObject({
      reviewOutcome: 'discarded',
      reviewedBy: 'sistema',
      reviewedAt: clock.now().toISOString(),
    });
    expect(mailer.sent).toEqual([]);
  });

  it.each([
    [
      'a stranger writing to the case’s address',
      toCase({
        sender: { name: 'X', address: 'x@golpe.example' },
        returnPath: 'x@golpe.example',
        text: 'Deposite na conta 123.',
      }),
    ],
    [
      'her mail to two cases’ addresses',
      toCase({
        recipients: [PROTOCOL, 'OUV-2026-000124'].map((p) => staffReplyAddress(p, 'ana', SECRET, localConfig)),
        text: '#encerrar procedente',
      }),
    ],
  ])('%s: left for a person to review', async (_what, mail) => {
    const world = lifecycleWorld();
    await processSubmission(mail, { ...deps, lifecycle: mailLifecycle(world.deps) });
    const stored = await cases.get('email:ses-0001');
    expect(stored?.status).toBe('QUARANTINED');
    expect(stored?.reviewedAt).toBeUndefined();
  });
});

describe('processSubmission: the case’s merchant writing to its staff address', () => {
  it('when her case cannot take it (here: not found by the intake), her mail is set aside for review, not answered', async () => {
    const world = lifecycleWorld();
    const maria = world.cases.must().senderEmail;
    const result = await processSubmission(
      email({
        sender: { name: 'Maria', address: maria },
        returnPath: maria,
        recipients: [staffReplyAddress(PROTOCOL, 'ana', SECRET, localConfig)],
        subject: `RE: [${PROTOCOL}] Nova mensagem do lojista`,
        text: 'Segue o print da tela de pedidos.',
      }),
      { ...deps, lifecycle: mailLifecycle(world.deps) },
    );
    expect(result).toMatchObject({ outcome: 'QUARANTINED', status: 'QUARANTINED' });
    const stored = await cases.get('email:ses-0001');
    expect(stored?.decision.reason).toMatch(/não é da equipe/);
    expect(stored?.reviewedAt).toBeUndefined();
    expect(mailer.sent).toEqual([]);
    expect(world.mailer.sent).toEqual([]);
  });
});

describe('processSubmission: an analyst’s commands sent to the ombudsman address', () => {
  const ana = 'ana@empresa.com.br';
  const toOffice = (text: string) =>
    email({
      sender: { name: 'Ana Lima', address: ana },
      returnPath: ana,
      recipients: [localConfig.ombudsmanAddresses[0] as string],
      subject: `RE: [${PROTOCOL}] Caso transferido para outra pessoa`,
      text,
    });

  it('kept as quarantined (no merchant submission, no reply, no case acted on); she is told where commands go', async () => {
    const world = lifecycleWorld();
    const before = world.cases.must();
    const result = await processSubmission(toOffice('#encerrar procedente\nMarina, resolvido.'), {
      ...deps,
      lifecycle: mailLifecycle(world.deps),
    });
    expect(result).toMatchObject({ outcome: 'QUARANTINED', status: 'QUARANTINED' });
    expect((await cases.get('email:ses-0001'))?.decision.reason).toMatch(/endereço da Ouvidoria/);
    expect(mailer.sent).toEqual([]);
    expect(queue.messages).toEqual([]);
    expect(world.cases.must()).toEqual(before);
    expect(world.mailer.sent.map((m) => [m.to, m.subject])).toEqual([
      [[ana], `[${PROTOCOL}] Sua mensagem não foi processada`],
    ]);
  });

  it('her mail without commands goes on as any mail to the office', async () => {
    const world = lifecycleWorld();
    const result = await processSubmission(toOffice('Oi, alguém pode ver o caso da Marina?'), {
      ...deps,
      lifecycle: mailLifecycle(world.deps),
    });
    expect(result).not.toMatchObject({ outcome: 'QUARANTINED' });
    expect(world.mailer.sent).toEqual([]);
  });
});

describe('processSubmission: a staff answer SES’s anti-virus flagged', () => {
  const ana = 'ana@empresa.com.br';
  const answer = (virus: 'PASS' | 'FAIL') =>
    email({
      sender: { name: 'Ana Lima', address: ana },
      returnPath: ana,
      recipients: [staffReplyAddress(PROTOCOL, 'ana', SECRET, localConfig)],
      text: 'Olá, Maria. Segue o comprovante do estorno da cobrança em duplicidade.',
      verdicts: { spam: 'PASS', virus, spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
      attachments: [
        {
          filename: 'comprovante.pdf',
          contentType: 'application/pdf',
          size: 1000,
          inline: false,
          partId: '2',
          kind: 'pdf',
        },
      ],
    });

  it('clean: the answer goes to the merchant (the same mail, for contrast)', async () => {
    const world = lifecycleWorld();
    const result = await processSubmission(answer('PASS'), { ...deps, lifecycle: mailLifecycle(world.deps) });
    expect(result).toMatchObject({ kind: 'staff-mail', result: 'applied' });
  });

  it('flagged: quarantined as staff-address mail, nothing relayed to the merchant, the case unchanged', async () => {
    const world = lifecycleWorld();
    const before = world.cases.must();
    const result = await processSubmission(answer('FAIL'), { ...deps, lifecycle: mailLifecycle(world.deps) });
    expect(result).toMatchObject({ outcome: 'QUARANTINED', status: 'QUARANTINED' });
    expect((await cases.get('email:ses-0001'))?.decision.reason).toMatch(/antivírus/);
    expect(world.mailer.sent).toEqual([]);
    expect(mailer.sent).toEqual([]);
    expect(world.cases.must()).toEqual(before);
  });
});

/** Our TICKET_INVALID reply as the merchant pastes it back (no quote header), naming her wrong ticket. */
const ourInvalidReply = (quoteMarks: boolean) => {
  const { text } = renderReply(
    'TICKET_INVALID',
    {
      subject: 'Problema na loja',
      senderName: 'Marina',
      receivedAt: '2026-11-23T13:00:00.000Z',
      language: 'pt-BR',
      ticket: { status: 'invalid', number: '99999', why: 'not_found' },
    },
    localConfig,
  );
  return quoteMarks ? text.replace(/^/gm, '> ') : text;
};

describe('decideSubmission: numbers inside the office’s own reply sentences are not the merchant’s ticket', () => {
  it.each([
    {
      name: 'our TICKET_INVALID reply pasted under "nunca mandei número" (no header)',
      text: `Não entendi essa resposta de vocês, eu nunca mandei número nenhum:\n\n${ourInvalidReply(false)}`,
      outcome: 'NO_PRIOR_TICKET',
      ticket: undefined,
    },
    {
      name: 'its "não localizamos" sentence alone, then the right number',
      text: 'Vocês responderam isto:\nNão localizamos o chamado nº 99999 vinculado ao endereço de e-mail de onde você nos escreveu.\nO meu é o 48213.',
      outcome: 'ACCEPTED',
      ticket: '48213',
    },
    {
      name: 'our reply quoted with > marks and no header, "o número é esse mesmo" above',
      text: `O número é esse mesmo que eu mandei, confere aí de novo.\n\n${ourInvalidReply(true)}`,
      outcome: 'NO_PRIOR_TICKET',
      ticket: undefined,
    },
    {
      name: 'near miss: the merchant’s own sentence citing 99999 is hers',
      text: 'Não localizaram o chamado nº 99999? Eu abri ele semana passada pelo chat.',
      outcome: 'TICKET_INVALID',
      ticket: '99999',
    },
  ])('$name', async ({ text, outcome, ticket }) => {
    const { decision, candidates } = await decideSubmission(email({ subject: 'Re: Problema na loja', text }), deps);
    expect(decision.outcome, decision.reason).toBe(outcome);
    if (ticket === undefined) expect(candidates.map((c) => c.number)).not.toContain('99999');
    else expect(decision.ticket).toMatchObject({ number: ticket });
  });
});

describe('processSubmission: the number she sends in answer to our request for it', () => {
  it.each([
    {
      name: 'a number nobody opened, in answer to NO_PRIOR_TICKET',
      first: 'O frete não calcula desde ontem e ninguém resolve.',
      answer: 'o correto é 48312',
      threaded: true,
      outcome: 'TICKET_INVALID',
      ticket: '48312',
    },
    {
      name: 'the number alone on the first line',
      first: 'O frete não calcula desde ontem e ninguém resolve.',
      answer: '48312',
      threaded: true,
      outcome: 'TICKET_INVALID',
      ticket: '48312',
    },
    {
      name: 'her own ticket, in answer to NO_PRIOR_TICKET',
      first: 'O frete não calcula desde ontem e ninguém resolve.',
      answer: 'Segue o número do chamado: 48213',
      threaded: true,
      outcome: 'ACCEPTED',
      ticket: '48213',
    },
    {
      name: 'near miss: the same number in a new mail (no thread) is a guess',
      first: 'O frete não calcula desde ontem e ninguém resolve.',
      answer: 'o correto é 48312',
      threaded: false,
      outcome: 'NO_PRIOR_TICKET',
      ticket: undefined,
    },
    {
      name: 'near miss: an answer to our access guidance, which asked for no number',
      first: 'Não consigo acessar o painel, minha senha não funciona.',
      answer: 'meu telefone é 48312',
      threaded: true,
      outcome: 'NO_PRIOR_TICKET',
      ticket: undefined,
    },
  ])('$name', async ({ first, answer, threaded, outcome, ticket }) => {
    const asked = await processSubmission(
      email({ sourceId: 'ses-ask', subject: 'Problema na loja', text: first, messageId: 'ask@mail.gmail.com' }),
      deps,
    );
    expect(asked).toMatchObject({ kind: 'case' });
    const ours = mailer.sent.at(-1)!;
    const quoted = `${answer}\n\nEm ter., 24 de nov. de 2026 às 11:00, Ouvidoria <ouvidoria@ouvidoria.example.com.br> escreveu:\n> ${ours.text.split('\n').join('\n> ')}`;
    const thread = threaded ? { inReplyTo: ours.messageId, references: [ours.messageId] } : {};
    const result = await processSubmission(
      email({
        sourceId: 'ses-answer',
        subject: `Re: ${ours.subject}`,
        text: quoted,
        messageId: 'answer@mail.gmail.com',
        ...thread,
      }),
      deps,
    );
    expect(result).toMatchObject({ kind: 'case', outcome });
    const stored = await cases.get('email:ses-answer');
    if (ticket === undefined) expect(stored?.decision.ticket.status).toBe('none');
    else expect(stored?.decision.ticket).toMatchObject({ number: ticket });
  });
});

describe('processSubmission: her second mail naming the ticket of her open case joins it', () => {
  const noTicket = { subject: 'Problema na loja', text: 'O frete não calcula desde ontem e ninguém resolve.' };
  const again = (n: number, overrides: Partial<SubmissionInput> = {}) =>
    email({
      sourceId: `ses-again-${n}`,
      messageId: `again-${n}@mail.gmail.com`,
      subject: 'Chamado 48213 sem resposta',
      text: 'Reforçando: o chamado 48213 continua sem solução, o frete segue zerado na loja.',
      ...overrides,
    });

  it.each([
    {
      name: 'a second answer to our NO_PRIOR_TICKET reply, naming 48213 again',
      viaRedirect: true,
      second: {},
      joins: true,
    },
    { name: 'a new mail, no thread headers, naming 48213 again', viaRedirect: false, second: {}, joins: true },
    {
      name: 'near miss: another ticket of hers (48215) is another case',
      viaRedirect: false,
      second: { subject: 'Chamado 48215', text: 'O chamado 48215 sobre o Pix também segue sem resposta.' },
      joins: false,
    },
    {
      name: 'near miss: another address of hers ("+tag") is decided afresh',
      viaRedirect: false,
      second: {
        sender: { name: 'Marina Costa', address: 'lojista+ouvidoria@modasbella.com.br' },
        returnPath: 'lojista+ouvidoria@modasbella.com.br',
      },
      joins: false,
    },
    {
      name: 'proven by a DKIM signature of her own domain (DMARC not published): joins',
      viaRedirect: false,
      second: { verdicts: { ...PASS, spf: 'GRAY', dmarc: 'GRAY' }, dkimAligned: true },
      joins: true,
    },
    {
      name: 'security: a copy signed by another domain (DKIM passes, DMARC neutral) joins nothing: decided afresh',
      viaRedirect: false,
      second: { verdicts: { ...PASS, spf: 'GRAY', dmarc: 'GRAY' }, dkimAligned: false },
      joins: false,
    },
    {
      name: 'security: a copy proven by SPF alone (DMARC not published), as threading would take it, joins nothing',
      viaRedirect: false,
      second: { verdicts: { ...PASS, dkim: 'GRAY', dmarc: 'GRAY' }, spfAligned: true },
      joins: false,
    },
    {
      name: 'security: her first mail proven by SPF alone holds no ticket: her proven second mail opens its own case',
      viaRedirect: false,
      first: { verdicts: { ...PASS, dkim: 'GRAY', dmarc: 'GRAY' }, spfAligned: true },
      second: {},
      joins: false,
    },
  ] as {
    name: string;
    viaRedirect: boolean;
    first?: Partial<SubmissionInput>;
    second: Partial<SubmissionInput>;
    joins: boolean;
  }[])('$name', async ({ viaRedirect, first: firstMail, second, joins }) => {
    let thread: Partial<SubmissionInput> = {};
    if (viaRedirect) {
      await processSubmission(email({ sourceId: 'ses-ask', ...noTicket, messageId: 'ask@mail.gmail.com' }), deps);
      const ours = mailer.sent.at(-1)!;
      thread = { subject: `Re: ${ours.subject}`, inReplyTo: ours.messageId, references: [ours.messageId] };
    }
    const first = await processSubmission(
      again(1, { ...thread, text: 'Segue o número do chamado: 48213', ...firstMail }),
      deps,
    );
    expect(first).toMatchObject({ kind: 'case', outcome: 'ACCEPTED' });
    const acks = mailer.sent.length;
    const result = await processSubmission(again(2, { ...thread, ...second }), deps);
    if (joins) {
      expect(result).toMatchObject({ kind: 'follow-up', caseId: 'email:ses-again-1', appended: true });
      expect((await cases.get('email:ses-again-1'))?.messages).toHaveLength(2);
      expect(queue.messages).toHaveLength(1);
      expect(mailer.sent).toHaveLength(acks);
    } else {
      expect(result).toMatchObject({ kind: 'case', caseId: 'email:ses-again-2' });
      expect((await cases.get('email:ses-again-1'))?.messages).toHaveLength(1);
    }
  });

  it.each([
    { name: 'closed 2 days ago (within the reopen window): the mail joins it', closedDaysAgo: 2, joins: true },
    { name: 'closed 30 days ago: a new case, linked to the old one', closedDaysAgo: 30, joins: false },
  ])('$name', async ({ closedDaysAgo, joins }) => {
    await processSubmission(again(1), deps);
    const first = cases.records.get('email:ses-again-1')!;
    first.status = 'CLOSED';
    first.closedAt = new Date(clock.now().getTime() - closedDaysAgo * 86_400_000).toISOString();
    const result = await processSubmission(again(2), deps);
    if (joins) expect(result).toMatchObject({ kind: 'follow-up', caseId: 'email:ses-again-1', appended: true });
    else {
      expect(result).toMatchObject({ kind: 'case', outcome: 'ACCEPTED' });
      expect((await cases.get('email:ses-again-2'))?.linkedProtocol).toBe(first.protocol);
    }
  });

  it('two such mails at once make one case: the later retries and joins it', async () => {
    const [a, b] = await Promise.allSettled([processSubmission(again(1), deps), processSubmission(again(2), deps)]);
    expect(a).toMatchObject({ status: 'fulfilled', value: { kind: 'case', outcome: 'ACCEPTED' } });
    expect(b).toMatchObject({ status: 'rejected', reason: { name: 'TicketCaseNotStoredYet' } });
    expect(await processSubmission(again(2), deps)).toMatchObject({ kind: 'follow-up', caseId: 'email:ses-again-1' });
    expect([...cases.records.values()].filter((r) => r.outcome === 'ACCEPTED')).toHaveLength(1);
    expect(queue.messages).toHaveLength(1);
    expect(await deps.openCases.count(MERCHANT)).toBe(1);
  });

  // As deployed (the email intake's composition): the later mail looks again while the first case is
  // stored, and joins it in the same invocation — no failed invocation, so no error page at night.
  it('two such mails at once with the intake wait: the later joins in its own invocation', async () => {
    const slept: number[] = [];
    const waiting = {
      ...deps,
      ticketHolderWait: {
        ...TICKET_HOLDER_WAIT,
        sleep: async (ms: number) => {
          slept.push(ms);
          await new Promise((resolve) => setTimeout(resolve, 1));
        },
      },
    };
    const [a, b] = await Promise.all([processSubmission(again(1), waiting), processSubmission(again(2), waiting)]);
    expect(a).toMatchObject({ kind: 'case', outcome: 'ACCEPTED' });
    expect(b).toMatchObject({ kind: 'follow-up', caseId: 'email:ses-again-1' });
    expect(slept.length).toBeGreaterThan(0);
    expect([...cases.records.values()].filter((r) => r.outcome === 'ACCEPTED')).toHaveLength(1);
    expect(queue.messages).toHaveLength(1);
    expect(await deps.openCases.count(MERCHANT)).toBe(1);
  });

  it('a holder that stays unstored past the wait still fails the delivery for its retry', async () => {
    let looks = 0;
    const stuck = {
      ...deps,
      ticketHolderWait: { maxWaitMs: 1_000, pollMs: 250, sleep: async () => void looks++ },
    };
    // Another attempt claimed her ticket for a case it has not stored (and never will, here).
    await deps.openCases.claimTicket(MERCHANT, '48213', 'email:ses-elsewhere', clock.now());
    await expect(processSubmission(again(2), stuck)).rejects.toMatchObject({ name: 'TicketCaseNotStoredYet' });
    expect(looks).toBe(4);
  });
});

describe('processSubmission: a ticket written with separators, dictated or with a letter for a digit', () => {
  it.each([
    {
      name: 'a thousands comma: her ticket 48,213',
      text: 'Abri o chamado 48,213 e ninguém respondeu.',
      outcome: 'ACCEPTED',
      ticket: '48213',
    },
    {
      name: 'dictated with hyphens',
      text: 'Abri o chamado quatro-oito-dois-um-três e nada.',
      outcome: 'ACCEPTED',
      ticket: '48213',
    },
    {
      name: '"e" before the last digit',
      text: 'O número do chamado é quatro oito dois um e três.',
      outcome: 'ACCEPTED',
      ticket: '48213',
    },
    {
      name: 'Z for 2, a guess that verifies as hers',
      text: 'Abri o chamado 48Z13 e ninguém respondeu.',
      outcome: 'ACCEPTED',
      ticket: '48213',
    },
    // 48214 is another merchant's: a guess that does not verify is not her claim (no "ticket invalid").
    {
      name: 'I for 1, a guess that is not hers',
      text: 'Abri o chamado 482I4 e ninguém respondeu.',
      outcome: 'NO_PRIOR_TICKET',
      ticket: undefined,
    },
  ])('$name', async ({ text, outcome, ticket }) => {
    const result = await processSubmission(email({ subject: 'Reclamação sobre o atendimento', text }), deps);
    expect(result).toMatchObject({ kind: 'case', outcome });
    const stored = await cases.get('email:ses-0001');
    if (ticket) expect(stored?.decision.ticket).toMatchObject({ number: ticket });
  });
});

describe('processSubmission: mail that proves nothing of its sender opens cases in her name only within her open-case cap', () => {
  const UNPROVEN = { ...PASS, spf: 'GRAY', dkim: 'GRAY', dmarc: 'GRAY' } as const;
  /** The i-th fresh mail (no thread) citing her ticket, from her domain's envelope, nothing proving it. */
  const copy = (i: number, verdicts: SubmissionInput['verdicts'] = UNPROVEN) =>
    email({
      sourceId: `ses-copy-${i}`,
      messageId: `copy-${i}@attacker.example`,
      returnPath: `x${i}@modasbella.com.br`,
      spfAligned: true,
      verdicts,
      text: `Abri o chamado #48213 no suporte e o problema ${i} de cobrança indevida continua. Peço ajuda da Ouvidoria.`,
    });

  it('past the cap: kept for review, no case for an analyst, no acknowledgement, her slots untouched', async () => {
    const limit = localConfig.limits.maxOpenCasesPerSender;
    const results = [];
    for (let i = 1; i <= limit + 2; i++) results.push(await processSubmission(copy(i), deps));
    expect(results.map((r) => (r.kind === 'case' ? r.outcome : r.kind))).toEqual([
      ...Array(limit).fill('ACCEPTED'),
      'QUARANTINED',
      'QUARANTINED',
    ]);
    expect(queue.messages).toHaveLength(limit);
    expect(mailer.sent).toHaveLength(limit);
    expect(await deps.openCases.count(MERCHANT)).toBe(limit);
    const kept = await cases.get(`email:ses-copy-${limit + 1}`);
    expect(kept?.decision.ruleIds.at(-1)).toBe('quarantine.unproven-sender');
    expect(kept?.decision.ruleIds).toContain('ticket.valid');
    expect(kept?.reply).toMatchObject({ status: 'suppressed', reason: 'quarantined' });
  });

  it.each<[string, SubmissionInput['verdicts']]>([
    ['DMARC passes', PASS],
    ['SPF passes for her own envelope (a domain without DMARC)', { ...PASS, dkim: 'GRAY', dmarc: 'GRAY' }],
  ])('%s: her mails are hers — the cap does not apply to them', async (_what, verdicts) => {
    const limit = localConfig.limits.maxOpenCasesPerSender;
    for (let i = 1; i <= limit + 1; i++) {
      const mail = copy(i, verdicts);
      // A different ticket each time: the same one joins her open case when her domain proves it.
      mail.text = mail.text.replace('#48213', i % 2 ? '#48213' : '#48215');
      await processSubmission(mail, deps);
    }
    const outcomes = [...cases.records.values()].map((c) => c.outcome);
    expect(outcomes).not.toContain('QUARANTINED');
  });

  it('the same copy delivered again (a retry) is the one case, counted once', async () => {
    await processSubmission(copy(1), deps);
    await processSubmission(copy(1), deps);
    expect(await deps.openCases.count(MERCHANT)).toBe(1);
    expect(mailer.sent).toHaveLength(1);
  });
});

describe('processSubmission: her reply threaded to her case goes to the lifecycle read', () => {
  it.each([
    [
      'Olá! Recebemos seu e-mail e abrimos o atendimento #991 na Loja do João. Responderemos em até 48 horas úteis.',
      true,
    ],
    ['Obrigada pela resposta, mas o frete continua sem calcular desde ontem.', false],
  ])('%j → automatic: %s', async (text, automatic) => {
    await processSubmission(email(), deps);
    const ack = mailer.sent[0];
    const read: unknown[] = [];
    deps.lifecycle = {
      staffMail: async () => {
        throw new Error('no staff mail here');
      },
      misaddressedCommands: async () => false,
      merchantReply: async (_parent, _message, intake) => {
        read.push(intake);
        return { kind: 'applied', status: 'IN_PROGRESS', reopened: false, forwarded: true };
      },
      asksNothingAfterClosing: async () => false,
    };
    const result = await processSubmission(
      email({ sourceId: 'ses-0002', messageId: 'reply-2@mail.example', inReplyTo: ack?.messageId, text }),
      deps,
    );
    expect(result).toMatchObject({ kind: 'follow-up', caseId: 'email:ses-0001' });
    expect(read).toEqual([{ automatic }]);
  });
});

// Red team 48: her case erased between the intake's read and the lifecycle's (a data-subject erasure
// running): the lifecycle finds no case ('not-a-case'), and her reply was counted a duplicate —
// nothing stored, no case, nothing answered.
describe('processSubmission: her reply to a case the lifecycle no longer finds', () => {
  it('is a case of its own, not dropped', async () => {
    await processSubmission(email(), deps);
    const ack = mailer.sent[0];
    deps.lifecycle = {
      staffMail: async () => {
        throw new Error('no staff mail here');
      },
      misaddressedCommands: async () => false,
      merchantReply: async () => ({ kind: 'not-a-case' }),
      asksNothingAfterClosing: async () => false,
    };
    const result = await processSubmission(
      email({
        sourceId: 'ses-0003',
        messageId: 'reply-3@mail.example',
        inReplyTo: ack?.messageId,
        text: 'O frete continua sem calcular na minha loja desde ontem, preciso de ajuda.',
      }),
      deps,
    );
    expect(result).toMatchObject({ kind: 'case', caseId: 'email:ses-0003' });
  });
});

// Journey 45 (local stack): João's third mail of a minute ("esqueci", no ticket, another subject)
// got the billing guidance — "talk to the Support Centre, then send us the ticket number" — two
// seconds after his case was opened: nothing said he already had one.
describe('processSubmission: guidance to a sender who holds an open case', () => {
  const LEAD = 'Você já tem um caso aberto na Ouvidoria, e esta mensagem não foi juntada a ele.';
  const later = (overrides: Partial<SubmissionInput> = {}) =>
    email({
      sourceId: 'ses-0040',
      messageId: 'esqueci@mail.gmail.com',
      subject: 'esqueci',
      text: 'Ah, e o atendente do chat disse que o estorno cairia em 5 dias, já faz 20.',
      ...overrides,
    });

  it('her proven mail: the guidance leads with her open case (no protocol named)', async () => {
    await processSubmission(email(), deps);
    mailer.sent.length = 0;
    const result = await processSubmission(later(), deps);
    expect(result).toMatchObject({ kind: 'case' });
    expect(result).not.toMatchObject({ outcome: 'ACCEPTED' });
    const reply = mailer.sent[0]!;
    expect(reply.text.split('\n\n')[1]).toMatch(new RegExp(`^${LEAD}`));
    expect(reply.text).not.toContain('OUV-2026-000001');
  });

  it.each([
    ['no open case', false, PASS],
    [
      'a From its domain does not prove',
      true,
      { ...PASS, dmarc: 'FAIL' as const, dkim: 'FAIL' as const, spf: 'FAIL' as const },
    ],
  ])('%s: no lead', async (_what, opened, verdicts) => {
    if (opened) await processSubmission(email(), deps);
    mailer.sent.length = 0;
    await processSubmission(later({ verdicts }), deps);
    for (const m of mailer.sent) expect(m.text).not.toContain(LEAD);
  });

  // DKIM replay: a mail she once sent him (signed by her domain, From her address) resent to us
  // under his own envelope passes DMARC; the reply goes to his return path, not to her.
  it('her signed mail under a stranger’s envelope (return path not hers): no lead', async () => {
    await processSubmission(email(), deps);
    mailer.sent.length = 0;
    await processSubmission(later({ returnPath: 'bisbilhoteiro@gmail.com' }), deps);
    expect(mailer.sent.map((m) => m.to)).toEqual([['bisbilhoteiro@gmail.com']]);
    for (const m of mailer.sent) expect(m.text).not.toContain(LEAD);
  });

  it('her own return path spelled otherwise (case): the lead still goes', async () => {
    await processSubmission(email(), deps);
    mailer.sent.length = 0;
    await processSubmission(later({ returnPath: email().sender.address.toUpperCase() }), deps);
    expect(mailer.sent[0]?.text.split('\n\n')[1]).toMatch(new RegExp(`^${LEAD}`));
  });
});

// rt57: guidance answers anyone, so a domain refusing every mailbox turned N made-up senders into N hard
// bounces of ours (SES reviews at 5 %, pauses at 10 %: then nothing of the office goes). Past
// autoReply.bounceBreakerPerHour permanent bounces in the last hour, guidance is held; acknowledgements never.
describe('processSubmission: the bounce breaker', () => {
  const PER_HOUR = localConfig.autoReply.bounceBreakerPerHour;
  const noTicket = {
    subject: 'Minha loja está fora do ar',
    text: 'Bom dia, minha loja está fora do ar há dois dias e o suporte não responde. Preciso de ajuda urgente.',
  };
  const ticketOfAnother = {
    subject: 'Chamado #48214 sem resposta',
    text: 'Olá, o chamado #48214 sobre o repasse das vendas está parado há uma semana. Preciso de uma posição.',
  };
  let counter: InMemoryBounceCounter;
  const HOUR = new Date('2026-11-24T14:00:00.000Z');
  const BEFORE = new Date('2026-11-24T13:00:00.000Z');

  beforeEach(() => {
    counter = new InMemoryBounceCounter();
    deps = { ...deps, bounceCounter: counter };
  });

  it.each<[string, Partial<SubmissionInput>, string]>([
    ['no prior ticket', noTicket, 'NO_PRIOR_TICKET'],
    ['someone else’s ticket', ticketOfAnother, 'TICKET_INVALID'],
  ])(
    'holds the guidance of %s once the last hour reached the limit: the case stored, the reason on it',
    async (_, mail, outcome) => {
      await counter.add(HOUR, bounceKeys(PER_HOUR));
      const suppressed: string[] = [];
      const result = await processSubmission(email(mail), {
        ...deps,
        telemetry: { decided() {}, followUp() {}, replySuppressed: (reason) => suppressed.push(reason) },
      });
      expect(result).toMatchObject({ kind: 'case', outcome });
      expect(mailer.sent).toEqual([]);
      expect((await cases.get(result.kind === 'case' ? result.caseId : ''))?.reply).toMatchObject({
        status: 'suppressed',
        reason: 'bounce-breaker',
      });
      expect(suppressed).toEqual(['bounce-breaker']);
      expect(counter.reads).toBe(1);
    },
  );

  it.each<[string, number, number, boolean]>([
    ['one under the limit this hour', PER_HOUR - 1, 0, true],
    ['the limit reached this hour', PER_HOUR, 0, false],
    // 14:00:05: nearly all of the previous hour is still inside the last hour.
    ['the limit reached in the hour before', 0, PER_HOUR + 1, false],
  ])('guidance with %s: sent %s', async (_, current, previous, sent) => {
    await counter.add(HOUR, bounceKeys(current));
    await counter.add(BEFORE, bounceKeys(previous));
    await processSubmission(email(noTicket), deps);
    expect(mailer.sent.length).toBe(sent ? 1 : 0);
  });

  it('never holds an acknowledgement, nor reads the breaker for it (issue 16: an accepted mail’s requests)', async () => {
    await counter.add(HOUR, bounceKeys(PER_HOUR * 10));
    const result = await processSubmission(email(), deps);
    expect(result).toMatchObject({ kind: 'case', outcome: 'ACCEPTED' });
    expect(mailer.sent.map((m) => m.to)).toEqual([[MERCHANT]]);
    expect(counter.reads).toBe(0);
  });

  // The hold was forever: a merchant writing during an attacker's hour was never answered. Now the
  // planned reply is kept for the held-reply sweep, on the held path only (one write).
  describe('keeps what it held for the sweep', () => {
    let held: InMemoryHeldReplies;
    beforeEach(() => {
      held = new InMemoryHeldReplies();
      deps = { ...deps, heldReplies: held };
    });

    it.each<[string, Partial<SubmissionInput>, Record<string, unknown>]>([
      ['no prior ticket, her own proven mailbox', noTicket, { leadAllowed: true, envelopeProven: true }],
      [
        'a protocol named',
        { ...noTicket, text: `${noTicket.text} É sobre o protocolo OUV-2026-000123.` },
        { citedProtocol: 'OUV-2026-000123', envelopeProven: true },
      ],
      [
        'someone else’s ticket, over another return path',
        { ...ticketOfAnother, returnPath: 'caixa@outro.example' },
        { envelopeProven: true },
      ],
      // rt60: a made-up domain vouches for nothing; the resend order counts it under no domain of its own.
      [
        'no prior ticket, an envelope no SPF vouches for',
        { ...noTicket, verdicts: { spam: 'PASS', virus: 'PASS', spf: 'GRAY', dkim: 'GRAY', dmarc: 'GRAY' } },
        {},
      ],
    ])('%s: the planned mail and what its text takes from her mail', async (_, mail, facts) => {
      await counter.add(HOUR, bounceKeys(PER_HOUR));
      const result = await processSubmission(email(mail), deps);
      const caseId = result.kind === 'case' ? result.caseId : '';
      const record = await cases.get(caseId);
      const [kept, ...more] = await held.heldSince(new Date(0), clock.now());
      expect(more).toEqual([]);
      expect(kept).toEqual({
        caseId,
        heldAt: clock.now().toISOString(),
        messageId: expect.stringMatching(/@ouvidoria\.example\.com\.br$/),
        to: mail.returnPath ?? MERCHANT,
        headers: expect.objectContaining({ 'In-Reply-To': '<CAF1234@mail.gmail.com>' }),
        ...facts,
      });
      // Our Message-ID went on the case's list with its claim: her answer to the late reply joins it.
      expect(record?.messageIds).toContain(kept?.messageId);
    });

    it.each<[string, Partial<SubmissionInput>, number]>([
      ['guidance sent (breaker clear)', noTicket, 0],
      ['an acknowledgement (never held)', {}, PER_HOUR * 10],
    ])('keeps nothing for %s', async (_, mail, bounces) => {
      await counter.add(HOUR, bounceKeys(bounces));
      await processSubmission(email(mail), deps);
      expect(mailer.sent).toHaveLength(1);
      expect(held.writes).toBe(0);
    });

    it('a failed keep records no suppressed reply: the platform’s retry holds it again', async () => {
      await counter.add(HOUR, bounceKeys(PER_HOUR));
      held.hold = vi.fn().mockRejectedValueOnce(new Error('ProvisionedThroughputExceededException'));
      await expect(processSubmission(email(noTicket), deps)).rejects.toThrow('ProvisionedThroughput');
      expect((await cases.get('email:ses-0001'))?.reply?.status).toBe('failed');
      held.hold = InMemoryHeldReplies.prototype.hold.bind(held);
      await processSubmission(email(noTicket), deps);
      expect((await cases.get('email:ses-0001'))?.reply).toMatchObject({ reason: 'bounce-breaker' });
      expect(held.items.size).toBe(1);
      expect(mailer.sent).toEqual([]);
    });
  });

  it('a held reply spends none of the inbox’s daily guidance: once the bounces fall, she is answered', async () => {
    await counter.add(HOUR, bounceKeys(PER_HOUR));
    await processSubmission(email(noTicket), deps);
    expect(mailer.sent).toEqual([]);
    clock.set(new Date('2026-11-24T15:30:00.000Z'));
    await processSubmission(email({ ...noTicket, sourceId: 'ses-0002', messageId: 'CAF5678@mail.gmail.com' }), deps);
    expect(mailer.sent.map((m) => m.to)).toEqual([[MERCHANT]]);
  });
});
