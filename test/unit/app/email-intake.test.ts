import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type EmailIntakeDeps, ReplyNotSentYet, receiveEmail } from '../../../shared/app/email-intake';
import type { IntakeDeps } from '../../../shared/app/intake';
import { ParsedMailParts } from '../../../shared/app/mail-file-copies';
import { pdf } from '../../support/files';
import { mailWithFile } from '../../support/multipart';
import { emailIntakeDepsFrom } from '../../../shared/composition/email-intake';
import { localConfig } from '../../../shared/domain/config';
import type { ReceivedEmail } from '../../../shared/domain/received-mail';
import type { ObjectLocation } from '../../../shared/domain/submission';
import {
  FixedClock,
  InMemoryBounceRegistry,
  InMemoryCaseRepository,
  InMemoryRawMailStore,
  InMemoryReplyThrottle,
  InMemorySenderOpenCases,
  InMemoryTicketDirectory,
  RecordingMailer,
  RecordingQueue,
} from '../../support/fakes';

const EMAILS = join(import.meta.dirname, '..', '..', '..', 'events', 'emails');
const eml = (name: string) => readFileSync(join(EMAILS, name));
const MERCHANT = 'lojista@modasbella.com.br';
const PASS = { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' } as const;
const LIMIT = 64 * 1024;

/** The raw-mail store, counting what the service asked of it. */
class CountingRawMail extends InMemoryRawMailStore {
  reads = 0;
  sizes = 0;
  override async read(location: ObjectLocation) {
    this.reads += 1;
    return super.read(location);
  }
  override async size(location: ObjectLocation) {
    this.sizes += 1;
    return super.size(location);
  }
}

let rawMail: CountingRawMail;
let cases: InMemoryCaseRepository;
let mailer: RecordingMailer;
let queue: RecordingQueue;
let bounces: InMemoryBounceRegistry;
let deps: EmailIntakeDeps;
let bounced: string[][];

beforeEach(() => {
  rawMail = new CountingRawMail();
  cases = new InMemoryCaseRepository();
  mailer = new RecordingMailer();
  queue = new RecordingQueue();
  bounces = new InMemoryBounceRegistry();
  bounced = [];
  const intake: IntakeDeps = {
    cases,
    tickets: new InMemoryTicketDirectory([{ id: '48213', requesterEmail: MERCHANT }]),
    mailer,
    queue,
    throttle: new InMemoryReplyThrottle(),
    bounces,
    openCases: new InMemorySenderOpenCases(),
    clock: new FixedClock(new Date('2026-03-02T13:20:00Z')),
    config: { ...localConfig, limits: { ...localConfig.limits, maxRawMailBytes: LIMIT } },
  };
  deps = emailIntakeDepsFrom(intake, rawMail, (addresses) => bounced.push(addresses));
});

/** Stores the raw bytes and describes them as the provider would. */
function received(deliveryId: string, raw: Buffer | string, overrides: Partial<ReceivedEmail> = {}): ReceivedEmail {
  const location = { bucket: 'raw', key: `inbound/${deliveryId}` };
  rawMail.put(location, raw);
  const text = raw.toString();
  return {
    deliveryId,
    receivedAt: '2026-03-02T13:15:00.000Z',
    verdicts: { ...PASS },
    returnPath: /^return-path:\s*<?([^>\s]*)>?/im.exec(text)?.[1] ?? '',
    recipients: ['ouvidoria@ouvidoria.example.com.br'],
    from: /^from:\s*(.*)$/im.exec(text)?.[1]?.trim(),
    messageId: /^message-id:\s*(.*)$/im.exec(text)?.[1]?.trim(),
    subject: /^subject:\s*(.*)$/im.exec(text)?.[1]?.trim(),
    raw: location,
    ...overrides,
  };
}

/** A mail over the parse limit, of which only the headers matter. */
function oversized(from: string, returnPath = from): string {
  return [
    `Return-Path: <${returnPath}>`,
    `From: Juliana <${from}>`,
    'To: ouvidoria@ouvidoria.example.com.br',
    'Subject: Prints do problema do chamado 48213',
    'Message-ID: <big-1@mail.gmail.com>',
    '',
    'x'.repeat(LIMIT + 1),
  ].join('\r\n');
}

describe('receiveEmail: a mail whose author is a guess opens no case in anyone’s name', () => {
  const rest = [
    'To: ouvidoria@ouvidoria.example.com.br',
    'Subject: Pedidos travados - chamado #48213',
    'Message-ID: <forjada-1@evil.example>',
    '',
    'Olá, abri o chamado #48213 no suporte e o problema continua há semanas. Peço ajuda da Ouvidoria.',
  ];
  // No From for DMARC to check (or not the one we would read): the requester's name is only written.
  it.each([
    ['no From, a Sender naming the requester', ['Sender: lojista@modasbella.com.br']],
    ['two From fields, the requester first', ['From: lojista@modasbella.com.br', 'From: atk@evil.example']],
    ['the requester in an encoded word', ['From: Loja <=?utf-8?b?bG9qaXN0YUBtb2Rhc2JlbGxhLmNvbS5icg==?=>']],
    ['the requester beside the mailbox', ['From: lojista@modasbella.com.br <atk@evil.example>']],
  ])('%s', async (_what, from) => {
    const raw = [...from, ...rest].join('\r\n');
    const result = await receiveEmail(received('ses-forged', raw, { returnPath: 'atk@evil.example' }), deps);
    expect(result).toMatchObject({ kind: 'case' });
    expect(result).not.toMatchObject({ outcome: 'ACCEPTED' });
    expect(queue.messages).toHaveLength(0);
  });

  it('the same mail with one From is the requester’s', async () => {
    const raw = ['From: lojista@modasbella.com.br', ...rest].join('\r\n');
    const result = await receiveEmail(received('ses-genuine', raw, { returnPath: MERCHANT }), deps);
    expect(result).toMatchObject({ kind: 'case', outcome: 'ACCEPTED' });
  });
});

describe('receiveEmail: a new mail', () => {
  it('parses the mail, stores the case, queues it and replies', async () => {
    const result = await receiveEmail(received('ses-1', eml('01-accepted-ticket-48213.eml')), deps);
    expect(result).toMatchObject({ kind: 'case', outcome: 'ACCEPTED', deliveryId: 'ses-1', sender: MERCHANT });
    expect(queue.messages).toHaveLength(1);
    expect(mailer.sent.map((m) => m.to)).toEqual([[MERCHANT]]);
    expect(rawMail.reads).toBe(1);
  });
});

describe('receiveEmail: duplicates', () => {
  it('answers a duplicate delivery of finished work from the stored case, reading no raw mail', async () => {
    const mail = received('ses-1', eml('01-accepted-ticket-48213.eml'));
    const first = await receiveEmail(mail, deps);
    const reads = rawMail.reads;
    const sizes = rawMail.sizes;

    const again = await receiveEmail(mail, deps);
    expect(again).toMatchObject({ kind: 'case', duplicate: true, outcome: 'ACCEPTED', sender: MERCHANT });
    expect(again.kind === 'case' && first.kind === 'case' && again.protocol).toBe(
      first.kind === 'case' && first.protocol,
    );
    expect(rawMail.reads).toBe(reads);
    expect(rawMail.sizes).toBe(sizes);
    expect(mailer.sent).toHaveLength(1);
    expect(queue.messages).toHaveLength(1);
  });

  it('the same sender and Message-ID under another delivery id is a duplicate delivery of the first case', async () => {
    const raw = eml('01-accepted-ticket-48213.eml');
    const first = await receiveEmail(received('ses-1', raw), deps);
    const textReads = cases.textReads;
    const second = await receiveEmail(received('ses-2', raw), deps);
    // The first case's protocol is all it reads of it: no message text.
    expect(cases.textReads).toBe(textReads);
    expect(second).toEqual({
      kind: 'duplicate-delivery',
      deliveryId: 'ses-2',
      caseId: 'email:ses-1',
      protocol: first.kind === 'case' ? first.protocol : undefined,
    });
    expect(await cases.get('email:ses-2')).toBeNull();
    expect(mailer.sent).toHaveLength(1);
    // LGPD: the second copy is kept with the first case, where an erasure of the sender finds it.
    expect(cases.rawCopies.get('email:ses-1')).toEqual(
      new Map([['ses-2', { raw: { bucket: 'raw', key: 'inbound/ses-2' }, receivedAt: '2026-03-02T13:15:00.000Z' }]]),
    );
  });
});

describe('receiveEmail: a forged copy sent first', () => {
  it.each([
    ['failing every check (quarantined)', { spf: 'FAIL', dkim: 'FAIL', dmarc: 'FAIL' }],
    ['passing no check', { spf: 'GRAY', dkim: 'GRAY', dmarc: 'GRAY' }],
    ['signed with another domain (DKIM passes, DMARC neutral)', { spf: 'PASS', dkim: 'PASS', dmarc: 'GRAY' }],
  ] as const)('%s does not take the real mail’s identity: the real one still makes its case', async (_name, v) => {
    const raw = eml('01-accepted-ticket-48213.eml');
    await receiveEmail(received('ses-forged', raw, { verdicts: { ...PASS, ...v } }), deps);
    const real = await receiveEmail(received('ses-real', raw), deps);
    expect(real).toMatchObject({ kind: 'case', outcome: 'ACCEPTED', deliveryId: 'ses-real', sender: MERCHANT });
    expect(real.kind === 'case' && real.duplicate).toBe(false);
    expect((await cases.get('email:ses-real'))?.status).toBe('QUEUED');
  });
});

describe('receiveEmail: reading the stored case', () => {
  // Issue 16: only a delivery that is not the first claim of its mail can find its case stored.
  it.each([
    ['the first delivery of a mail with a Message-ID reads nothing', 'ses-1', {}, []],
    [
      'a mail without a Message-ID (nothing to claim) reads its case',
      'ses-1',
      { messageId: undefined },
      ['email:ses-1'],
    ],
  ] as const)('%s', async (_name, deliveryId, overrides, expected) => {
    const gets = vi.spyOn(cases, 'get');
    await receiveEmail(received(deliveryId, eml('01-accepted-ticket-48213.eml'), overrides), deps);
    expect(gets.mock.calls.map(([id]) => id)).toEqual(expected);
  });

  it('a retry of the same delivery reads its case, and resumes a create that never happened', async () => {
    const mail = received('ses-1', eml('01-accepted-ticket-48213.eml'));
    cases.failNext.create = new Error('network');
    await expect(receiveEmail(mail, deps)).rejects.toThrow();
    const gets = vi.spyOn(cases, 'get');
    const retry = await receiveEmail(mail, deps);
    expect(gets.mock.calls.map(([id]) => id)).toEqual(['email:ses-1']);
    expect(retry).toMatchObject({ kind: 'case', outcome: 'ACCEPTED', duplicate: false });
    expect(mailer.sent).toHaveLength(1);
    expect(queue.messages).toHaveLength(1);
  });
});

describe('receiveEmail: oversized mail', () => {
  it('is quarantined unread, keeping the raw location, and never queued', async () => {
    const result = await receiveEmail(received('ses-big', oversized(MERCHANT)), deps);
    expect(result).toMatchObject({ kind: 'case', outcome: 'QUARANTINED' });
    expect(rawMail.reads).toBe(0);
    const stored = await cases.get('email:ses-big');
    expect(stored?.decision.ruleIds).toContain('quarantine.parse-problem');
    expect(stored?.messages[0]?.raw).toEqual({ bucket: 'raw', key: 'inbound/ses-big' });
    expect(queue.messages).toHaveLength(0);
  });

  // The decision lists other rules too (ticket.none): only the quarantine rules decide the notice.
  it('tells an authenticated, non-automatic sender in pt-BR how to send it', async () => {
    await receiveEmail(received('ses-big', oversized(MERCHANT)), deps);
    expect(mailer.sent).toHaveLength(1);
    const notice = mailer.sent[0];
    expect(notice?.to).toEqual([MERCHANT]);
    expect(notice?.subject).toContain('Prints do problema do chamado 48213');
    expect(notice?.text).toContain('grande demais para ser lida pela Ouvidoria');
  });

  it('tells nobody when the mail is automatic (null return path)', async () => {
    const result = await receiveEmail(received('ses-big', oversized(MERCHANT, ''), { returnPath: '' }), deps);
    expect(result).toMatchObject({ kind: 'case', outcome: 'QUARANTINED' });
    expect(mailer.sent).toHaveLength(0);
  });

  it('tells nobody when the sender is not authenticated', async () => {
    const mail = received('ses-big', oversized(MERCHANT), {
      verdicts: { ...PASS, spf: 'FAIL', dkim: 'FAIL', dmarc: 'FAIL' },
    });
    const result = await receiveEmail(mail, deps);
    expect(result).toMatchObject({ kind: 'case', outcome: 'QUARANTINED' });
    expect(mailer.sent).toHaveLength(0);
  });
});

describe('receiveEmail: delivery reports', () => {
  /** A DSN for `recipient`, naming `messageId` as the returned original. */
  function report(recipient: string, messageId: string): string {
    return [
      'Return-Path: <>',
      'From: MAILER-DAEMON@amazonses.com',
      'To: ouvidoria@ouvidoria.example.com.br',
      'Subject: Delivery Status Notification (Failure)',
      'Message-ID: <dsn-1@email.amazonses.com>',
      'Auto-Submitted: auto-replied',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'Delivery failed.',
      '',
      '--b',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; a8-12.smtp-out.amazonses.com',
      '',
      `Final-Recipient: rfc822; ${recipient}`,
      'Action: failed',
      'Status: 5.1.1',
      '',
      '--b',
      'Content-Type: text/rfc822-headers',
      '',
      `Message-ID: <${messageId}>`,
      `To: ${recipient}`,
      '',
      '--b--',
      '',
    ].join('\r\n');
  }

  it('a report naming mail we sent puts its failed recipient in bounce memory', async () => {
    await receiveEmail(received('ses-1', eml('01-accepted-ticket-48213.eml')), deps);
    const ack = mailer.sent[0]?.messageId as string;
    const result = await receiveEmail(received('ses-dsn', report(MERCHANT, ack), { returnPath: '' }), deps);
    expect(result).toEqual({ kind: 'bounce', deliveryId: 'ses-dsn', recipients: 1 });
    expect(bounces.entries.get(MERCHANT)?.reason).toBe('delivery-status-report');
    expect(bounced).toEqual([[MERCHANT]]);
    expect(await cases.get('email:ses-dsn')).toBeNull();
    // It names the merchant: kept with the case of the mail it reports on, for an erasure to find.
    expect([...(cases.rawCopies.get('email:ses-1')?.keys() ?? [])]).toEqual(['ses-dsn']);
  });

  it('a forged report (naming no mail of ours) is stored as mail, silences nobody and is not answered', async () => {
    const forged = report(MERCHANT, 'made-up@ouvidoria.example.com.br');
    const result = await receiveEmail(received('ses-forged', forged, { returnPath: '' }), deps);
    expect(result).toMatchObject({ kind: 'case', deliveryId: 'ses-forged' });
    expect(await cases.get('email:ses-forged')).not.toBeNull();
    expect(bounces.entries.size).toBe(0);
    expect(bounced).toEqual([]);
    expect(mailer.sent).toHaveLength(0);
  });

  it('a report naming no mail of ours, sent from the merchant’s own address with a return path and her ticket, opens no case', async () => {
    const forged = report(MERCHANT, 'made-up@ouvidoria.example.com.br')
      .replace('Return-Path: <>', `Return-Path: <${MERCHANT}>`)
      .replace('From: MAILER-DAEMON@amazonses.com', `From: ${MERCHANT}`)
      .replace('Auto-Submitted: auto-replied\r\n', '')
      .replace('Subject: Delivery Status Notification (Failure)', 'Subject: Chamado 48213 - pedidos somem do painel')
      .replace('Delivery failed.', 'Abri o chamado 48213 e os pedidos continuam sumindo do painel.');
    const result = await receiveEmail(received('ses-report', forged, { returnPath: MERCHANT }), deps);
    expect(result).toMatchObject({ kind: 'case', deliveryId: 'ses-report', outcome: 'NO_PRIOR_TICKET' });
    const stored = await cases.get('email:ses-report');
    expect(stored?.decision.ruleIds.at(-1)).toBe('auto.machine-generated');
    expect(stored?.protocol).toBeUndefined();
    expect(queue.messages).toHaveLength(0);
    expect(mailer.sent).toHaveLength(0);
    expect(bounces.entries.size).toBe(0);
  });
});

describe('receiveEmail: reply failures', () => {
  it('a transient reply failure throws ReplyNotSentYet after the case is stored and queued; the retry only re-sends', async () => {
    mailer.failNext = new Error('socket hang up');
    const mail = received('ses-1', eml('01-accepted-ticket-48213.eml'));
    const error = await receiveEmail(mail, deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReplyNotSentYet);
    expect((error as ReplyNotSentYet).caseId).toBe('email:ses-1');
    expect(queue.messages).toHaveLength(1);
    expect((await cases.get('email:ses-1'))?.reply?.status).toBe('failed');

    const retry = await receiveEmail(mail, deps);
    expect(retry).toMatchObject({ kind: 'case', outcome: 'ACCEPTED' });
    expect(mailer.sent).toHaveLength(1);
    expect(queue.messages).toHaveLength(1);
  });
});

describe('what the parse keeps for the mailed-file copier', () => {
  /** A stranger's mail with a PDF and no ticket: no case, so nothing takes its decoded files. */
  const withPdf = mailWithFile({
    returnPath: 'visitante@gmail.com',
    from: 'Visitante <visitante@gmail.com>',
    subject: 'Segue o comprovante',
    messageId: 'pdf-no-case@mail.gmail.com',
    text: 'Olá, segue o comprovante do pagamento da minha compra.',
    file: { name: 'comprovante.pdf', type: 'application/pdf', bytes: pdf() },
  });

  it.each([
    ['a mail that made no case', withPdf, undefined],
    ['a mail the intake failed on', withPdf, new Error('DynamoDB unavailable')],
  ])('%s: its decoded files do not outlive the invocation', async (_name, raw, failure) => {
    const keep = vi.spyOn(ParsedMailParts.prototype, 'keep');
    try {
      const uploads = { put: vi.fn(async () => undefined), list: vi.fn(async () => []) };
      if (failure) vi.spyOn(cases, 'create').mockRejectedValueOnce(failure);
      const withCopies = emailIntakeDepsFrom(deps.intake, rawMail, undefined, uploads);
      const mail = received(`d-parts-${failure ? 'failed' : 'no-case'}`, raw);
      const outcome = await receiveEmail(mail, withCopies).then(
        (result) => (result.kind === 'case' ? result.outcome : result.kind),
        (error: Error) => error.message,
      );
      expect(outcome).toBe(failure ? failure.message : 'NOT_A_CLIENT');
      expect(keep).toHaveBeenCalledTimes(1);
      const parts = keep.mock.contexts[0] as ParsedMailParts;
      expect(parts.take(mail.raw)).toBeUndefined();
      expect(uploads.put).not.toHaveBeenCalled();
    } finally {
      vi.restoreAllMocks();
    }
  });
});
