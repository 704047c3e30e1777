import { beforeEach, describe, expect, it } from 'vitest';
import type { IntakeDeps } from '../../../shared/app/intake';
import { type FailedIntake, quarantinePoisonMail } from '../../../shared/app/poison-mail';
import { POISON_MAIL_PER_HOUR } from '../../../shared/domain/poison-mail';
import { HEADER_PEEK_BYTES, peekHeaders } from '../../../shared/mail/header-peek';
import { releaseRefusal } from '../../../shared/domain/quarantine-release';
import { caseIdFor } from '../../../shared/domain/case';
import { localConfig } from '../../../shared/domain/config';
import type { ReceivedEmail } from '../../../shared/domain/received-mail';
import {
  FixedClock,
  InMemoryBounceRegistry,
  InMemoryCaseRepository,
  InMemoryRateLimiter,
  InMemoryRawMailStore,
  InMemoryReplyThrottle,
  InMemorySenderOpenCases,
  InMemoryTicketDirectory,
  RecordingMailer,
  RecordingQueue,
} from '../../support/fakes';

const MERCHANT = 'lojista@modasbella.com.br';
const PASS = { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' } as const;
const CRASHED = {
  condition: 'RetriesExhausted',
  errorType: 'RangeError',
  errorMessage: 'Maximum call stack size exceeded',
};
const TIMED_OUT = {
  condition: 'RetriesExhausted',
  errorMessage: '2026-03-02T13:16:01.000Z abc Task timed out after 60.05 seconds',
};
const OUT_OF_MEMORY = {
  condition: 'RetriesExhausted',
  errorType: 'Runtime.OutOfMemory',
  errorMessage: 'RequestId: abc Error: Runtime exited with error: signal: killed',
};

let rawMail: InMemoryRawMailStore;
let cases: InMemoryCaseRepository;
let mailer: RecordingMailer;
let bounces: InMemoryBounceRegistry;
let intake: IntakeDeps;

beforeEach(() => {
  rawMail = new InMemoryRawMailStore();
  cases = new InMemoryCaseRepository();
  mailer = new RecordingMailer();
  bounces = new InMemoryBounceRegistry();
  intake = {
    cases,
    tickets: new InMemoryTicketDirectory([{ id: '48213', requesterEmail: MERCHANT }]),
    mailer,
    queue: new RecordingQueue(),
    throttle: new InMemoryReplyThrottle(),
    bounces,
    openCases: new InMemorySenderOpenCases(),
    clock: new FixedClock(new Date('2026-03-02T13:20:00Z')),
    config: localConfig,
  };
});

/** A hostile mail: 5,000 nested multiparts after an ordinary header block. */
function poisonMail(headers: string[]): string {
  const nest = Array.from(
    { length: 5_000 },
    (_, i) => `--b${i}\r\nContent-Type: multipart/mixed; boundary="b${i + 1}"\r\n\r\n`,
  );
  return [...headers, 'Content-Type: multipart/mixed; boundary="b0"', '', nest.join('')].join('\r\n');
}

const MERCHANT_HEADERS = [
  `Return-Path: <${MERCHANT}>`,
  `From: Juliana Prado <${MERCHANT}>`,
  'To: ouvidoria@ouvidoria.example.com.br',
  'Subject: Reclamação do chamado 48213',
  'Message-ID: <CAJ-poison-1@mail.gmail.com>',
];

/** The record as the on-failure destination carries it, the raw bytes stored where the receipt rule puts them. */
function failed(
  deliveryId: string,
  raw: string | undefined,
  failure: FailedIntake['failure'] = CRASHED,
  overrides: Partial<ReceivedEmail> = {},
): FailedIntake {
  const location = { bucket: 'raw', key: `inbound/${deliveryId}` };
  if (raw !== undefined) rawMail.put(location, raw);
  return {
    mail: {
      deliveryId,
      receivedAt: '2026-03-02T13:15:00.000Z',
      verdicts: { ...PASS },
      returnPath: MERCHANT,
      recipients: ['ouvidoria@ouvidoria.example.com.br'],
      from: `Juliana Prado <${MERCHANT}>`,
      messageId: '<CAJ-poison-1@mail.gmail.com>',
      subject: 'Reclamação do chamado 48213',
      raw: location,
      ...overrides,
    },
    failure,
  };
}

const deps = (limiter = new InMemoryRateLimiter()) => ({
  intake,
  rawMail,
  peek: { bytes: HEADER_PEEK_BYTES, read: peekHeaders },
  limiter,
});

describe('quarantinePoisonMail: a mail the intake failed on every attempt ends in quarantine, its sender told', () => {
  it.each([
    ['a crash on its structure (RangeError)', CRASHED, 'code-error'],
    ['a timeout', TIMED_OUT, 'timeout'],
    ['running out of memory', OUT_OF_MEMORY, 'runtime'],
  ] as const)('%s: QUARANTINED "could not be read", one pt-BR notice to the sender', async (_name, failure, poison) => {
    const result = await quarantinePoisonMail(failed('ses-1', poisonMail(MERCHANT_HEADERS), failure), deps());

    expect(result).toEqual({ kind: 'quarantined', caseId: caseIdFor('email', 'ses-1'), poison, reply: 'sent' });
    const record = await cases.get(caseIdFor('email', 'ses-1'));
    expect(record?.status).toBe('QUARANTINED');
    expect(record?.decision.ruleIds).toContain('quarantine.parse-problem');
    expect(record?.decision.reason).toBe(`Mensagem não pôde ser lida: intake-failed: ${poison}.`);
    expect(record?.messages[0]?.raw).toEqual({ bucket: 'raw', key: 'inbound/ses-1' });
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]?.to).toEqual([MERCHANT]);
    expect(mailer.sent[0]?.text).toContain('não conseguimos lê-la');
    expect(mailer.sent[0]?.headers['In-Reply-To']).toBe('<CAJ-poison-1@mail.gmail.com>');
    // Staff inspect and discard it, or, the defect fixed, a supervisor releases it to be read again.
    expect(record && releaseRefusal(record)).toBeNull();
  });

  it('reads only the head of the raw mail (one ranged read of 64 KB), never the whole mail', async () => {
    await quarantinePoisonMail(failed('ses-1', poisonMail(MERCHANT_HEADERS)), deps());
    expect(rawMail.wholeReads).toBe(0);
    expect(rawMail.headReads).toEqual([64 * 1024]);
  });

  it('takes the sender and Message-ID from the stored bytes, not from the record (a forged record cannot aim the notice)', async () => {
    const result = await quarantinePoisonMail(
      failed('ses-1', poisonMail(MERCHANT_HEADERS), CRASHED, {
        from: 'vitima@exemplo.com.br',
        messageId: '<outra@exemplo.com.br>',
      }),
      deps(),
    );
    expect(result.kind).toBe('quarantined');
    const record = await cases.get(caseIdFor('email', 'ses-1'));
    expect(record?.senderEmail).toBe(MERCHANT);
    expect(mailer.sent[0]?.to).toEqual([MERCHANT]);
    expect(mailer.sent[0]?.headers['In-Reply-To']).toBe('<CAJ-poison-1@mail.gmail.com>');
  });

  it('a replay after quarantine (SQS redelivery, a staff replay) changes nothing and sends no second notice', async () => {
    const first = await quarantinePoisonMail(failed('ses-1', poisonMail(MERCHANT_HEADERS)), deps());
    const stored = await cases.get(caseIdFor('email', 'ses-1'));
    const again = await quarantinePoisonMail(failed('ses-1', poisonMail(MERCHANT_HEADERS)), deps());
    const twice = await quarantinePoisonMail(failed('ses-1', poisonMail(MERCHANT_HEADERS), TIMED_OUT), deps());

    expect(first.kind).toBe('quarantined');
    expect(again).toEqual({ kind: 'done', caseId: caseIdFor('email', 'ses-1') });
    expect(twice).toEqual({ kind: 'done', caseId: caseIdFor('email', 'ses-1') });
    expect(mailer.sent).toHaveLength(1);
    expect(await cases.get(caseIdFor('email', 'ses-1'))).toEqual(stored);
  });

  it('a notice SES did not take is retried by the next receive, then sent once', async () => {
    mailer.failNext = Object.assign(new Error('Throttling'), { name: 'TooManyRequestsException' });
    await expect(quarantinePoisonMail(failed('ses-1', poisonMail(MERCHANT_HEADERS)), deps())).rejects.toThrow(
      /failed transiently/,
    );
    const retried = await quarantinePoisonMail(failed('ses-1', poisonMail(MERCHANT_HEADERS)), deps());
    expect(retried).toMatchObject({ kind: 'quarantined', reply: 'sent' });
    expect(mailer.sent).toHaveLength(1);
  });

  it('a forged record naming a delivery id with no stored mail is refused: no case, no mail', async () => {
    const result = await quarantinePoisonMail(failed('ses-nao-existe', undefined), deps());
    expect(result).toEqual({ kind: 'left', reason: 'not-received' });
    expect(await cases.get(caseIdFor('email', 'ses-nao-existe'))).toBeNull();
    expect(mailer.sent).toHaveLength(0);
  });

  it.each([
    ['an AWS service error', { condition: 'RetriesExhausted', errorType: 'ProvisionedThroughputExceededException' }],
    ['a reply not sent yet', { condition: 'RetriesExhausted', errorType: 'ReplyNotSentYet' }],
    ['a network error', { condition: 'RetriesExhausted', errorType: 'Error', errorMessage: 'socket hang up' }],
    ['an event too old to run', { condition: 'EventAgeExceeded' }],
    ['no condition at all', {}],
  ])('%s is not the mail’s doing: left for staff (IntakeDlq), nothing stored or sent', async (_name, failure) => {
    const result = await quarantinePoisonMail(failed('ses-1', poisonMail(MERCHANT_HEADERS), failure), deps());
    expect(result).toEqual({ kind: 'left', reason: 'not-poison' });
    expect(await cases.get(caseIdFor('email', 'ses-1'))).toBeNull();
    expect(mailer.sent).toHaveLength(0);
    expect(rawMail.headReads).toEqual([]);
  });
});

describe('quarantinePoisonMail: loop protection and bounce memory, as for any reply', () => {
  it.each([
    [
      'From our own office address',
      [`From: Ouvidoria <${localConfig.fromAddress}>`, `Return-Path: <${localConfig.fromAddress}>`],
    ],
    ['an auto-reply (Auto-Submitted)', [`From: <${MERCHANT}>`, 'Auto-Submitted: auto-replied']],
    ['a mailing list', [`From: <${MERCHANT}>`, 'List-Id: <avisos.modasbella.com.br>']],
    ['a bounce (null return path)', [`From: MAILER-DAEMON <mailer-daemon@mx.modasbella.com.br>`, 'Return-Path: <>']],
    ['our own X-Loop, folded', [`From: <${MERCHANT}>`, 'X-Loop:', ` ${localConfig.fromAddress}`]],
  ])('%s: quarantined, no notice', async (_name, headers) => {
    const raw = poisonMail([...headers, 'Message-ID: <loop-1@exemplo.com.br>', 'Subject: Re: sua mensagem']);
    const result = await quarantinePoisonMail(
      failed('ses-loop', raw, CRASHED, { returnPath: headers.some((h) => h === 'Return-Path: <>') ? '' : MERCHANT }),
      deps(),
    );
    expect(result).toMatchObject({ kind: 'quarantined' });
    expect(result.kind === 'quarantined' && result.reply).toBe('suppressed');
    expect(mailer.sent).toHaveLength(0);
  });

  it('an address in the bounce memory gets no notice', async () => {
    await bounces.markBouncing(MERCHANT, new Date('2026-04-01T00:00:00Z'), 'hard bounce');
    const result = await quarantinePoisonMail(failed('ses-1', poisonMail(MERCHANT_HEADERS)), deps());
    expect(result).toMatchObject({ kind: 'quarantined', reply: 'suppressed' });
    expect(mailer.sent).toHaveLength(0);
  });

  it('a mail SES marked as spam is quarantined as spam too, and not answered', async () => {
    const result = await quarantinePoisonMail(
      failed('ses-1', poisonMail(MERCHANT_HEADERS), CRASHED, { verdicts: { ...PASS, spam: 'FAIL' } }),
      deps(),
    );
    expect(result).toMatchObject({ kind: 'quarantined', reply: 'suppressed' });
    expect(mailer.sent).toHaveLength(0);
  });
});

describe('quarantinePoisonMail: the breaker — many failures in an hour are our code, not hostile mail', () => {
  /** The n-th merchant's ordinary mail, which a deploy's bug crashed the intake on. */
  const nth = (n: number, failure: FailedIntake['failure'] = CRASHED) => {
    const from = `lojista${n}@loja${n}.com.br`;
    const headers = [
      `From: Lojista ${n} <${from}>`,
      'To: ouvidoria@ouvidoria.example.com.br',
      `Message-ID: <m${n}@loja${n}.com.br>`,
    ];
    return failed(
      `ses-${n}`,
      [...headers, 'Subject: Chamado 48213', '', 'Olá, o estoque não sincroniza.'].join('\r\n'),
      failure,
      { returnPath: from },
    );
  };

  it(`quarantines and tells the first ${POISON_MAIL_PER_HOUR} of the hour, then leaves the rest (IntakeDlq, page): no record, nobody told`, async () => {
    const limiter = new InMemoryRateLimiter();
    const results = [];
    for (let n = 1; n <= POISON_MAIL_PER_HOUR + 2; n++) results.push(await quarantinePoisonMail(nth(n), deps(limiter)));
    expect(results.map((r) => r.kind)).toEqual([...Array(POISON_MAIL_PER_HOUR).fill('quarantined'), 'left', 'left']);
    expect(results.at(-1)).toEqual({ kind: 'left', reason: 'breaker' });
    expect(mailer.sent).toHaveLength(POISON_MAIL_PER_HOUR);
    expect(await cases.get(caseIdFor('email', `ses-${POISON_MAIL_PER_HOUR + 1}`))).toBeNull();
    // A replay of one quarantined before finds it done; the next hour counts afresh.
    expect(await quarantinePoisonMail(nth(1), deps(limiter))).toMatchObject({ kind: 'done' });
    intake.clock = new FixedClock(new Date('2026-03-02T14:00:00Z'));
    expect(await quarantinePoisonMail(nth(POISON_MAIL_PER_HOUR + 1), deps(limiter))).toMatchObject({
      kind: 'quarantined',
    });
  });

  it('counts only mail it would quarantine: failures that are not poison, or of no stored mail, do not trip it', async () => {
    const limiter = new InMemoryRateLimiter();
    const deploy = {
      condition: 'RetriesExhausted',
      errorType: 'Runtime.ImportModuleError',
      errorMessage: 'Cannot find module',
    };
    for (let n = 1; n <= 10; n++)
      expect(await quarantinePoisonMail(nth(n, deploy), deps(limiter))).toMatchObject({
        kind: 'left',
        reason: 'not-poison',
      });
    for (let n = 1; n <= 10; n++)
      expect(await quarantinePoisonMail(failed(`ses-none-${n}`, undefined), deps(limiter))).toMatchObject({
        reason: 'not-received',
      });
    expect(await quarantinePoisonMail(nth(11), deps(limiter))).toMatchObject({ kind: 'quarantined' });
  });
});
