/**
 * Fault injection across the pipeline, retried the way AWS retries:
 * - the email intake is an asynchronous Lambda invocation (SES receipt rule): a thrown error is
 *   retried twice, about 1 and 2 minutes later, then the event goes to the on-failure DLQ;
 * - the assignment Lambda reads SQS: a record in `batchItemFailures` comes back after the
 *   visibility timeout, up to maxReceiveCount (5), then goes to the queue's DLQ;
 * - a webform post that failed with 503 is sent again by the person.
 * After the retries every message is processed once (one case, one reply, one queue message,
 * one assignment, one analyst email) or sits in a DLQ: nothing lost, nothing doubled.
 */
import { withConfirmMails } from '../support/confirm';
import { InMemoryConfirmationMails } from '../support/fakes';
import { emailIntakeDepsFrom } from '../../shared/composition/email-intake';
import { DynamoSenderOpenCases } from '../../shared/adapters/dynamo/sender-open-cases';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSBatchResponse } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssignmentHandler } from '../../functions/assignment/handler';
import { createEmailIntakeHandler } from '../../functions/email-intake/handler';
import { createWebformHandler } from '../../functions/webform/handler';
import { DynamoBounceRegistry } from '../../shared/adapters/dynamo/bounce-registry';
import { DynamoCaseRepository } from '../../shared/adapters/dynamo/case-repository';
import { documentClient } from '../../shared/adapters/dynamo/client';
import { createTableIfMissing } from '../../shared/adapters/dynamo/create-table';
import { DynamoRateLimiter } from '../../shared/adapters/dynamo/rate-limiter';
import { DynamoReplyThrottle } from '../../shared/adapters/dynamo/reply-throttle';
import { addressKey } from '../../shared/adapters/dynamo/sender-open-cases';
import { DynamoStaffRepository } from '../../shared/adapters/dynamo/staff-repository';
import { putTicket, TableTicketDirectory } from '../../shared/adapters/dynamo/ticket-table-directory';
import { ZendeskTicketDirectory } from '../../shared/adapters/zendesk-directory';
import { localConfig } from '../../shared/domain/config';
import type { AssignmentMessage, CaseRepository } from '../../shared/ports';
import { type DynaliteHandle, EMULATOR_CREDENTIALS, EMULATOR_REGION, startDynalite } from '../support/emulators';
import {
  FixedClock,
  InMemoryRawMailStore,
  RecordingMailer,
  RecordingQueue,
  RecordingScheduler,
  LINK_SECRET,
} from '../support/fakes';
import { DynamoPendingSubmissionStore } from '../../shared/adapters/dynamo/pending-submission-store';
import { CONFIRM_WORDS } from '../../shared/domain/webform-confirmation';
import { confirmationsIn, confirmEventOf, confirming, confirmTokenOf, withoutConfirmations } from '../support/confirm';
import {
  ANALYSTS,
  AWS_ERRORS,
  BUCKET,
  type Fault,
  formPost,
  type InMemoryPipeline,
  inMemoryPipeline,
  OFFICE_OPEN,
  PREFIX,
  sesReceiptEvent,
  sqsEvent,
  testLogger,
  testMetrics,
  webformClaimWait,
  withFaults,
} from '../support/reliability-harness';

const ACCEPTED_FROM = 'lojista@modasbella.com.br';
const REDIRECTED_FROM = 'contato@papelariaexemplo.com.br';
const OMBUDSMAN = 'ouvidoria@ouvidoria.example.com.br';

function rawMail(from: string, subject: string, body: string, messageId: string): Buffer {
  return Buffer.from(
    [
      `From: Lojista <${from}>`,
      `To: ${OMBUDSMAN}`,
      `Subject: ${subject}`,
      `Message-ID: <${messageId}>`,
      'Date: Tue, 24 Nov 2026 13:58:00 -0300',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      body,
    ].join('\r\n'),
    'utf8',
  );
}

const ACCEPTED_MAIL = rawMail(
  ACCEPTED_FROM,
  'Reclamação sobre o chamado #48213',
  'Olá, abri o chamado #48213 há duas semanas sobre o frete que parou de calcular e ninguém resolveu. Peço ajuda da Ouvidoria.',
  'aceito-1@mail.modasbella.com.br',
);
const REDIRECTED_MAIL = rawMail(
  REDIRECTED_FROM,
  'Reclamação',
  'Olá, estou insatisfeita com o atendimento da plataforma e quero registrar uma reclamação.',
  'sem-chamado-1@mail.papelariaexemplo.com.br',
);

// ---------------------------------------------------------------------------------------------
// Drivers: retries as AWS does them

/** Lambda asynchronous invocation: first attempt plus two retries (1 and 2 minutes later), then the DLQ. */
async function invokeAsync(
  handler: (event: unknown) => Promise<unknown>,
  event: unknown,
  clock: FixedClock,
  dlq: unknown[],
  attempts = 3,
): Promise<{ attempts: number; errors: string[] }> {
  const errors: string[] = [];
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      await handler(event);
      return { attempts: attempt, errors };
    } catch (error) {
      errors.push((error as Error).name);
      clock.advance(attempt * 60_000);
    }
  }
  dlq.push(event);
  return { attempts, errors };
}

/**
 * The SQS event source for the assignment function: one record per message, redelivered after
 * the visibility timeout while it is reported failed, up to maxReceiveCount, then dead-lettered.
 */
async function deliverSqs(
  handler: (event: ReturnType<typeof sqsEvent>) => Promise<SQSBatchResponse>,
  messages: AssignmentMessage[],
  clock: FixedClock,
  dlq: AssignmentMessage[],
  maxReceiveCount = 5,
): Promise<void> {
  for (const [i, message] of messages.entries()) {
    const id = `sqs-${i}`;
    for (let receive = 1; ; receive++) {
      let failed: boolean;
      try {
        const response = await handler(sqsEvent([{ id, message, receiveCount: receive }]));
        failed = response.batchItemFailures.some((f) => f.itemIdentifier === id);
      } catch {
        failed = true; // the whole invocation failed: the batch comes back
      }
      if (!failed) break;
      if (receive >= maxReceiveCount) {
        dlq.push(message);
        break;
      }
      clock.advance(30_000); // visibility timeout
    }
  }
}

interface RunResult {
  intakeDlq: unknown[];
  assignmentDlq: AssignmentMessage[];
  attempts: number[];
}

/** Delivers both mails (async Lambda with retries), then the assignment queue (SQS with retries). */
async function runPipeline(p: InMemoryPipeline): Promise<RunResult> {
  const intakeDlq: unknown[] = [];
  const assignmentDlq: AssignmentMessage[] = [];
  const attempts: number[] = [];
  for (const [id, raw, from] of [
    ['ses-aceito', ACCEPTED_MAIL, ACCEPTED_FROM],
    ['ses-redirecionado', REDIRECTED_MAIL, REDIRECTED_FROM],
  ] as const) {
    const event = p.receive(id, raw, { mailFrom: from });
    attempts.push((await invokeAsync(p.emailHandler, event, p.clock, intakeDlq)).attempts);
  }
  await deliverSqs(p.assignmentHandler, p.queue.messages, p.clock, assignmentDlq);
  return { intakeDlq, assignmentDlq, attempts };
}

/** The office's mails to the address (acknowledgements, guidance): not its confirmation links (F1). */
const to = (p: InMemoryPipeline, address: string) => p.replies().filter((m) => m.to.includes(address));
const analystMail = (p: InMemoryPipeline) => p.mailer.sent.filter((m) => ANALYSTS.some((a) => m.to.includes(a.email)));

/** Exactly once, end to end: the invariant every fault scenario must keep. */
async function expectProcessedOnce(p: InMemoryPipeline, run: RunResult): Promise<void> {
  expect(run.intakeDlq).toEqual([]);
  expect(run.assignmentDlq).toEqual([]);
  expect(p.repo.records.size).toBe(2);

  const accepted = await p.repo.get('email:ses-aceito');
  expect(accepted).toMatchObject({ outcome: 'ACCEPTED', status: 'ASSIGNED', reply: { status: 'sent' } });
  expect(accepted?.protocol).toMatch(/^OUV-2026-\d{6}$/);
  expect(accepted?.enqueuedAt).toBeDefined();
  expect(accepted?.analystNotifiedAt).toBeDefined();
  const redirected = await p.repo.get('email:ses-redirecionado');
  expect(redirected).toMatchObject({ outcome: 'NO_PRIOR_TICKET', status: 'REDIRECTED', reply: { status: 'sent' } });

  // One reply each; the acknowledgement carries the protocol.
  expect(to(p, ACCEPTED_FROM)).toHaveLength(1);
  expect(to(p, ACCEPTED_FROM)[0]?.subject).toContain(accepted?.protocol as string);
  expect(to(p, REDIRECTED_FROM)).toHaveLength(1);
  // One queue message for the accepted case (none for guidance), one assignment, one notice.
  expect(new Set(p.queue.messages.map((m) => m.caseId))).toEqual(new Set(['email:ses-aceito']));
  const openCases = [...p.staff.analysts.values()].reduce((sum, a) => sum + a.openCases, 0);
  expect(openCases).toBe(1);
  expect(analystMail(p)).toHaveLength(1);
  expect(analystMail(p)[0]?.subject).toContain(accepted?.protocol as string);
}

// ---------------------------------------------------------------------------------------------

describe('fault injection with in-memory ports and retries', () => {
  it('without faults, the baseline is processed once at the first attempt', async () => {
    const p = inMemoryPipeline();
    const run = await runPipeline(p);
    expect(run.attempts).toEqual([1, 1]);
    await expectProcessedOnce(p, run);
    expect(p.queue.messages).toHaveLength(1);
  });

  type Port = 'cases' | 'mailer' | 'queue' | 'rawMail' | 'bounces';
  const scenarios: Array<{ name: string; port: Port; fault: Fault; queueMessages?: number }> = [
    { name: 'S3 read fails (SlowDown)', port: 'rawMail', fault: { method: 'size', error: AWS_ERRORS.s3 } },
    { name: 'S3 read of the body fails', port: 'rawMail', fault: { method: 'read', error: AWS_ERRORS.s3 } },
    {
      name: 'DynamoDB throttles the case write',
      port: 'cases',
      fault: { method: 'create', error: AWS_ERRORS.throttled },
    },
    {
      name: 'DynamoDB case write committed, response lost',
      port: 'cases',
      fault: { method: 'create', when: 'after', error: AWS_ERRORS.throttled },
    },
    {
      name: 'DynamoDB throttles the protocol counter',
      port: 'cases',
      fault: { method: 'nextProtocol', error: AWS_ERRORS.throttled },
    },
    // The protocol and the reply claim ride on the creating write (issue 16): the create faults
    // above cover them; these are the writes between that write and the send.
    {
      name: 'crash between writing the case and sending the reply (the bounce-memory read fails)',
      port: 'bounces',
      fault: { method: 'isSuppressed', error: AWS_ERRORS.timeout },
    },
    {
      name: 'DynamoDB throttles the guidance reply case write of the second mail',
      port: 'cases',
      fault: { method: 'create', call: 2, error: AWS_ERRORS.throttled },
    },
    { name: 'SES send fails (throttled)', port: 'mailer', fault: { method: 'send', error: AWS_ERRORS.sesThrottled } },
    {
      name: 'SES send of the guidance reply fails',
      port: 'mailer',
      fault: { method: 'send', call: 2, error: AWS_ERRORS.sesRejected },
    },
    {
      name: 'crash after the reply, before the queue (SQS throttled)',
      port: 'queue',
      fault: { method: 'enqueue', error: AWS_ERRORS.sqs },
    },
    {
      // enqueuedAt rides on the reply's record (issue 16); the read before the send fails after
      // the queue took the message, and the given-up claim carries enqueuedAt.
      name: 'queue accepted the message, the next step (bounce memory) fails',
      port: 'bounces',
      fault: { method: 'isSuppressed', error: AWS_ERRORS.throttled },
    },
    {
      name: 'assignment: DynamoDB throttles the conditional assign',
      port: 'cases',
      fault: { method: 'assign', error: AWS_ERRORS.throttled },
    },
    {
      name: 'assignment: assign committed, response lost',
      port: 'cases',
      fault: { method: 'assign', when: 'after', error: AWS_ERRORS.throttled },
    },
    {
      name: 'assignment: the analyst notice fails to send (third SES call)',
      port: 'mailer',
      fault: { method: 'send', call: 3, error: AWS_ERRORS.sesThrottled },
    },
    {
      name: 'assignment: notice recorded, response lost',
      port: 'cases',
      fault: { method: 'markAnalystNotified', when: 'after', error: AWS_ERRORS.throttled },
    },
  ];

  it.each(scenarios)('$name', async ({ port, fault, queueMessages }) => {
    let proxy: { fired: Fault[] } | undefined;
    const wrap = <T extends object>(target: T): T => {
      const wrapped = withFaults(target, [fault]);
      proxy = wrapped;
      return wrapped;
    };
    const p = inMemoryPipeline({ wrap: { [port]: wrap } });
    const run = await runPipeline(p);
    expect(proxy?.fired).toEqual([fault]);
    await expectProcessedOnce(p, run);
    expect(p.queue.messages).toHaveLength(queueMessages ?? 1);
  });

  it('the claim given up after a crash before the send is retaken, committed, response lost: one reply', async () => {
    const beforeSend: Fault = { method: 'isSuppressed', error: AWS_ERRORS.timeout };
    const retake: Fault = { method: 'claimReply', when: 'after', error: AWS_ERRORS.throttled };
    const proxies: Array<{ fired: Fault[] }> = [];
    const faulty = <T extends object>(target: T, fault: Fault): T => {
      const wrapped = withFaults(target, [fault]);
      proxies.push(wrapped);
      return wrapped;
    };
    const p = inMemoryPipeline({
      wrap: { bounces: (b) => faulty(b, beforeSend), cases: (r) => faulty(r, retake) },
    });
    const run = await runPipeline(p);
    expect(proxies.flatMap((proxy) => proxy.fired)).toEqual([retake, beforeSend]);
    await expectProcessedOnce(p, run);
    expect(p.queue.messages).toHaveLength(1);
  });

  // After SES accepted an email, a failed bookkeeping write (recording the reply, or registering
  // SES's Message-ID for threading) must not make the retry send a second copy
  // (shared/app/after-send.ts retries those writes in-process).
  it.each([
    { name: 'recording the sent acknowledgement is throttled once', fault: { method: 'recordReply', call: 1 } },
    {
      name: 'recording the sent acknowledgement commits but the response is lost',
      fault: { method: 'recordReply', call: 1, when: 'after' },
    },
    {
      name: "registering SES's Message-ID of the acknowledgement is throttled once",
      fault: { method: 'addMessageIds', call: 2 },
    },
    {
      name: "registering SES's Message-ID of the analyst notice is throttled once",
      fault: { method: 'addMessageIds', call: 6 },
    },
  ] as const)('post-send bookkeeping: $name → still one email', async ({ fault }) => {
    const p = inMemoryPipeline({
      wrap: { cases: (r) => withFaults(r, [{ ...fault, error: AWS_ERRORS.throttled }]) },
    });
    const run = await runPipeline(p);
    await expectProcessedOnce(p, run);
  });

  it('a hard crash after claiming the reply (no failure recorded) is resumed by the retry a minute later', async () => {
    // The mailer throws and so does the "failed" bookkeeping: as if the process had died mid-send.
    const p = inMemoryPipeline({
      wrap: {
        mailer: (m) => withFaults(m, [{ method: 'send', error: AWS_ERRORS.timeout }]),
        cases: (r) => withFaults(r, [{ method: 'recordReply', error: AWS_ERRORS.timeout }]),
      },
    });
    const run = await runPipeline(p);
    expect(run.attempts[0]).toBe(2);
    await expectProcessedOnce(p, run);
  });

  it('a poison event that always fails ends in the intake DLQ after three attempts, still stored raw', async () => {
    const p = inMemoryPipeline({
      wrap: {
        rawMail: (s) =>
          withFaults(
            s,
            [1, 2, 3].map((call) => ({ method: 'size', call, error: AWS_ERRORS.s3 })),
          ),
      },
    });
    const dlq: unknown[] = [];
    const event = p.receive('ses-poison', ACCEPTED_MAIL, { mailFrom: ACCEPTED_FROM });
    const result = await invokeAsync(p.emailHandler, event, p.clock, dlq);
    expect(result).toEqual({ attempts: 3, errors: ['SlowDown', 'SlowDown', 'SlowDown'] });
    expect(dlq).toEqual([event]);
    expect(p.rawOf('ses-poison')?.equals(ACCEPTED_MAIL)).toBe(true);
    expect(p.repo.records.size).toBe(0);
    expect(p.mailer.sent).toHaveLength(0);
    // Replayed from the DLQ once S3 is back: processed once.
    await invokeAsync(p.emailHandler, dlq[0], p.clock, []);
    expect(p.repo.records.size).toBe(1);
    expect(to(p, ACCEPTED_FROM)).toHaveLength(1);
  });

  it('an assignment message for a case that is gone (erased while queued) is dropped, not dead-lettered; nothing sent', async () => {
    const p = inMemoryPipeline();
    const dlq: AssignmentMessage[] = [];
    const gone = { caseId: 'email:nao-existe', protocol: 'OUV-2026-999999' };
    await deliverSqs(p.assignmentHandler, [gone], p.clock, dlq);
    expect(dlq).toEqual([]);
    expect(p.mailer.sent).toHaveLength(0);
  });

  it('an assignment message whose protocol is not its case’s is dead-lettered after maxReceiveCount, nothing sent', async () => {
    const p = inMemoryPipeline();
    await p.emailHandler(p.receive('ses-a', ACCEPTED_MAIL, { mailFrom: ACCEPTED_FROM }));
    const queued = p.queue.messages[0] as AssignmentMessage;
    const poison = { caseId: queued.caseId, protocol: 'OUV-2026-999999' };
    const sentBefore = p.mailer.sent.length;
    const dlq: AssignmentMessage[] = [];
    await deliverSqs(p.assignmentHandler, [poison], p.clock, dlq);
    expect(dlq).toEqual([poison]);
    expect(p.mailer.sent).toHaveLength(sentBefore);
  });

  it('two concurrent deliveries of the same SES event make one case and one reply', async () => {
    const p = inMemoryPipeline();
    const event = p.receive('ses-dup', ACCEPTED_MAIL, { mailFrom: ACCEPTED_FROM });
    const results = await Promise.all([p.emailHandler(event), p.emailHandler(event), p.emailHandler(event)]);
    expect(results.flatMap((r) => r.results)).toHaveLength(3);
    expect(p.repo.records.size).toBe(1);
    expect(to(p, ACCEPTED_FROM)).toHaveLength(1);
    await deliverSqs(p.assignmentHandler, p.queue.messages, p.clock, []);
    expect(analystMail(p)).toHaveLength(1);
  });

  describe('a copy of a mail whose first delivery failed after claiming it (SMTP 451 resend, re-injection, SES again)', () => {
    /** Past the email intake's timeout (60 s) and its claim's staleness, as a resend comes. */
    const LATER = 2 * 60_000;
    /** Her mail as SES hands it over: From and Message-ID (the mail's identity), the From proven by DMARC. */
    const copy = (p: InMemoryPipeline, id: string, raw = ACCEPTED_MAIL) =>
      p.receive(id, raw, {
        mailFrom: ACCEPTED_FROM,
        from: `Lojista <${ACCEPTED_FROM}>`,
        messageId: /^Message-ID: (.*)$/m.exec(raw.toString())?.[1],
      });
    const failingCreate = () =>
      inMemoryPipeline({ wrap: { cases: (r) => withFaults(r, [{ method: 'create', error: AWS_ERRORS.throttled }]) } });

    it('a copy under a new delivery id makes the case: one case, one reply, one assignment', async () => {
      const p = failingCreate();
      await expect(p.emailHandler(copy(p, 'ses-first', ACCEPTED_MAIL))).rejects.toThrow();
      expect(p.repo.records.size).toBe(0);
      p.clock.advance(LATER);
      await p.emailHandler(copy(p, 'ses-resent', ACCEPTED_MAIL));
      // The first delivery's own Lambda retry comes after: it finds the copy's case.
      await p.emailHandler(copy(p, 'ses-first', ACCEPTED_MAIL));
      expect([...p.repo.records.keys()]).toEqual(['email:ses-resent']);
      expect(await p.repo.get('email:ses-resent')).toMatchObject({ outcome: 'ACCEPTED', reply: { status: 'sent' } });
      expect(to(p, ACCEPTED_FROM)).toHaveLength(1);
      const dlq: AssignmentMessage[] = [];
      await deliverSqs(p.assignmentHandler, p.queue.messages, p.clock, dlq);
      expect(dlq).toEqual([]);
      expect(new Set(p.queue.messages.map((m) => m.caseId))).toEqual(new Set(['email:ses-resent']));
      expect(analystMail(p)).toHaveLength(1);
      // The dead attempt counted its case among her open cases before it failed: given back.
      expect(await p.intake.openCases.count(ACCEPTED_FROM)).toBe(1);
    });

    it('a copy while the first attempt may still be alive joins it; two copies racing later make one case', async () => {
      const p = failingCreate();
      await expect(p.emailHandler(copy(p, 'ses-first', ACCEPTED_MAIL))).rejects.toThrow();
      // Seconds later the holder could still be running: the copy is a duplicate of it.
      p.clock.advance(5_000);
      await p.emailHandler(copy(p, 'ses-early', ACCEPTED_MAIL));
      expect(p.repo.records.size).toBe(0);
      p.clock.advance(LATER);
      await Promise.all(['ses-a', 'ses-b', 'ses-c'].map((id) => p.emailHandler(copy(p, id, ACCEPTED_MAIL))));
      expect(p.repo.records.size).toBe(1);
      expect(to(p, ACCEPTED_FROM)).toHaveLength(1);
      await deliverSqs(p.assignmentHandler, p.queue.messages, p.clock, []);
      expect(new Set(p.queue.messages.map((m) => m.caseId)).size).toBe(1);
      expect(analystMail(p)).toHaveLength(1);
    });

    it('a mail that finished without a case of its own (a follow-up) is never taken over by its copy', async () => {
      const p = inMemoryPipeline();
      await p.emailHandler(copy(p, 'ses-case', ACCEPTED_MAIL));
      const parent = await p.repo.get('email:ses-case');
      const followUp = rawMail(
        ACCEPTED_FROM,
        `Re: [${parent?.protocol}] Recebemos sua manifestação`,
        'Mais um detalhe: o frete também não aparece no checkout.',
        'detalhe-1@mail.modasbella.com.br',
      );
      await p.emailHandler(copy(p, 'ses-f1', followUp));
      p.clock.advance(LATER);
      await p.emailHandler(copy(p, 'ses-f2', followUp));
      expect(p.repo.records.size).toBe(1);
      expect((await p.repo.get('email:ses-case'))?.messages.map((m) => m.sourceId)).toEqual(['ses-case', 'ses-f1']);
    });
  });

  it('the same assignment message delivered twice at once assigns once and notifies once', async () => {
    const p = inMemoryPipeline();
    await p.emailHandler(p.receive('ses-a', ACCEPTED_MAIL, { mailFrom: ACCEPTED_FROM }));
    const message = p.queue.messages[0] as AssignmentMessage;
    const responses = await Promise.all([
      p.assignmentHandler(sqsEvent([{ id: 'm1', message }])),
      p.assignmentHandler(sqsEvent([{ id: 'm1-dup', message }])),
    ]);
    expect(responses.flatMap((r) => r.batchItemFailures)).toEqual([]);
    expect(analystMail(p)).toHaveLength(1);
    expect([...p.staff.analysts.values()].reduce((s, a) => s + a.openCases, 0)).toBe(1);
  });
});

describe('the ticket directory timing out', () => {
  it('accepts the case flagged "not verified" instead of failing or rejecting it', async () => {
    // The real Zendesk adapter, on a network that never answers: its own timeout fires.
    const hangingFetch = ((_url: unknown, init?: { signal?: AbortSignal }) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      })) as typeof fetch;
    const secrets = {
      send: async () => ({ SecretString: JSON.stringify({ email: 'api@example.com.br', apiToken: 'token' }) }),
    } as unknown as SecretsManagerClient;
    const zendesk = new ZendeskTicketDirectory({
      subdomain: 'exemplo',
      secretId: 'zendesk',
      secrets,
      fetch: hangingFetch,
      timeoutMs: 20,
      retries: 1,
      backoffMs: 1,
    });
    const p = inMemoryPipeline({ tickets: zendesk });
    const run = await runPipeline(p);
    expect(run.attempts).toEqual([1, 1]);
    const accepted = await p.repo.get('email:ses-aceito');
    expect(accepted?.decision.ticket).toMatchObject({ status: 'unverified', number: '48213' });
    expect(accepted?.outcome).toBe('ACCEPTED');
    expect(to(p, ACCEPTED_FROM)).toHaveLength(1);
    expect(analystMail(p)[0]?.text).toContain('NÃO VERIFICADO');
    // No claimed ticket in the second mail: nothing to verify, same guidance as always.
    expect((await p.repo.get('email:ses-redirecionado'))?.outcome).toBe('NO_PRIOR_TICKET');
  });
});

describe('the webform with a failing dependency', () => {
  const form = {
    nome: 'João Pereira',
    email: ACCEPTED_FROM,
    loja: 'Loja do João',
    chamado: '48213',
    assunto: 'atendimento',
    descricao: 'Abri um chamado há três semanas sobre pedidos que não sincronizam e ninguém resolveu até agora.',
    consentimento: 'on',
  };

  it.each([
    {
      name: 'DynamoDB throttles the case write',
      port: 'cases',
      fault: { method: 'create', error: AWS_ERRORS.throttled },
    },
    { name: 'SQS fails on the queue', port: 'queue', fault: { method: 'enqueue', error: AWS_ERRORS.sqs } },
  ] as const)(
    '$name: 503 on the confirmation, and the link clicked again (or the form sent again) makes one case and one reply',
    async ({ port, fault }) => {
      const p = inMemoryPipeline({ wrap: { [port]: <T extends object>(t: T) => withFaults(t, [fault]) } });
      const first = await p.webformHandler(formPost(form));
      expect(first.statusCode).toBe(503);
      expect(first.headers['retry-after']).toBe('30');
      // Her post is kept pending: the page says to confirm again, which registers it once.
      expect(first.body).toContain('confirme de novo em alguns instantes');
      p.clock.advance(30_000);
      const second = await p.webformHandler(formPost(form));
      expect([200, 201]).toContain(second.statusCode);
      expect(p.repo.records.size).toBe(1);
      expect(to(p, ACCEPTED_FROM)).toHaveLength(1);
    },
  );

  it('SES fails on the confirmation link: the same 202 (the post only queued it), and the redelivery mails the one link', async () => {
    const fault = { method: 'send', error: AWS_ERRORS.sesThrottled } as const;
    const p = inMemoryPipeline({ wrap: { mailer: <T extends object>(t: T) => withFaults(t, [fault]) } });
    expect((await p.rawWebformHandler(formPost(form))).statusCode).toBe(202);
    expect(p.mailer.sent).toHaveLength(0);
    expect(p.confirmMails.undelivered).toHaveLength(1);
    p.clock.advance(30_000);
    await p.confirmMails.redeliver();
    expect(p.mailer.sent).toHaveLength(1);
    expect(p.repo.records.size).toBe(0);
    // Confirmed: one case, one reply.
    expect((await p.webformHandler(formPost(form))).statusCode).toBe(201);
    expect(p.repo.records.size).toBe(1);
    expect(to(p, ACCEPTED_FROM)).toHaveLength(1);
  });

  it('SQS fails to queue the confirmation link: 503 with the text kept, and the resubmission mails the one link', async () => {
    const p = inMemoryPipeline();
    p.confirmMails.failNext = Object.assign(new Error('Request throttled'), { name: 'RequestThrottled' });
    const first = await p.rawWebformHandler(formPost(form));
    expect(first.statusCode).toBe(503);
    // The person's text is still on the page to send again.
    expect(first.body).toContain('Abri um chamado há três semanas');
    expect(p.mailer.sent).toHaveLength(0);
    p.clock.advance(30_000);
    expect((await p.rawWebformHandler(formPost(form))).statusCode).toBe(202);
    expect(p.mailer.sent).toHaveLength(1);
    expect(p.repo.records.size).toBe(0);
  });

  it('SES fails on the reply: the case is registered and queued anyway (201), the resubmission sends the one reply', async () => {
    // The first send is her confirmation link (F1); the second, on confirming, her acknowledgement.
    const fault = { method: 'send', call: 2, error: AWS_ERRORS.sesThrottled } as const;
    const p = inMemoryPipeline({ wrap: { mailer: <T extends object>(t: T) => withFaults(t, [fault]) } });
    const first = await p.webformHandler(formPost(form));
    expect(first.statusCode).toBe(201);
    expect(first.body).toContain('OUV-2026-000001');
    expect([...p.repo.records.values()][0]?.reply).toMatchObject({ status: 'failed' });
    expect(p.queue.messages).toHaveLength(1);
    p.clock.advance(30_000);
    const second = await p.webformHandler(formPost(form));
    expect(second.statusCode).toBe(201);
    expect(p.repo.records.size).toBe(1);
    expect(to(p, ACCEPTED_FROM)).toHaveLength(1);
    expect(p.queue.messages).toHaveLength(1);
  });
});

describe('the webform when the attempt holding the reply claim dies (or lives on)', () => {
  const form = {
    nome: 'João Pereira',
    email: ACCEPTED_FROM,
    loja: 'Loja do João',
    chamado: '48213',
    assunto: 'atendimento',
    descricao: 'Abri um chamado há três semanas sobre pedidos que não sincronizam e ninguém resolveu até agora.',
    consentimento: 'on',
  };

  it('a double click while the first attempt is alive: one case, one acknowledgement, both answered 201', async () => {
    const p = inMemoryPipeline();
    const [first, second] = await Promise.all([p.webformHandler(formPost(form)), p.webformHandler(formPost(form))]);
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect(p.repo.records.size).toBe(1);
    expect(to(p, ACCEPTED_FROM)).toHaveLength(1);
    // The second waited for the first's reply: its page says the confirmation was sent too.
    expect(second.body).toContain('Enviamos uma confirmação');
  });

  it('twenty identical posts at once: one case, one acknowledgement, one protocol number consumed', async () => {
    const p = inMemoryPipeline();
    const posts = Array.from({ length: 20 }, (_, i) => p.webformHandler(formPost(form, `198.51.100.${i + 1}`)));
    const statuses = (await Promise.all(posts)).map((r) => r.statusCode);
    expect(statuses.every((s) => s === 201)).toBe(true);
    expect(p.repo.records.size).toBe(1);
    expect(to(p, ACCEPTED_FROM)).toHaveLength(1);
    // The nineteen attempts that lost the create took no number: the next one follows the case's.
    const seq = (protocol: string | undefined) => Number(protocol?.slice(-6));
    const [stored] = [...p.repo.records.values()];
    expect(seq(await p.repo.nextProtocol(2026))).toBe(seq(stored?.protocol) + 1);
  });

  it('five concurrent resubmissions of a post whose claim holder died: one of them sends the one acknowledgement', async () => {
    // The first attempt dies after the creating write: no failure recorded, the claim stays held.
    const p = inMemoryPipeline({
      wrap: {
        queue: (q) => withFaults(q, [{ method: 'enqueue', error: AWS_ERRORS.timeout }]),
        cases: (r) => withFaults(r, [{ method: 'recordReply', error: AWS_ERRORS.timeout }]),
      },
    });
    expect((await p.webformHandler(formPost(form))).statusCode).toBe(503);
    p.clock.advance(10_000);
    const statuses = (await Promise.all([1, 2, 3, 4, 5].map(() => p.webformHandler(formPost(form))))).map(
      (r) => r.statusCode,
    );
    expect(statuses.every((s) => s === 201)).toBe(true);
    expect(p.repo.records.size).toBe(1);
    expect(to(p, ACCEPTED_FROM)).toHaveLength(1);
    expect(new Set(p.queue.messages.map((m) => m.caseId)).size).toBe(1);
  });

  it('a first attempt still alive past the wait is never overtaken: the resubmission answers 503, one acknowledgement', async () => {
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const p = inMemoryPipeline({
      wrap: {
        mailer: (m) =>
          new Proxy(m, {
            get: (target, key) =>
              key === 'send'
                ? async (...args: Parameters<typeof m.send>) => {
                    // Her confirmation link goes at once (F1); the acknowledgement waits at the gate.
                    if (args[0].subject !== CONFIRM_WORDS.mailSubject) await gate;
                    return target.send(...args);
                  }
                : Reflect.get(target, key),
          }),
      },
    });
    // Her post waits for its link (F1); she confirms, and sends the form again while that attempt lives.
    expect((await p.rawWebformHandler(formPost(form))).statusCode).toBe(202);
    const first = p.rawWebformHandler(confirmEventOf(formPost(form), confirmTokenOf(p.mailer.sent)));
    const second = await p.webformHandler(formPost(form));
    expect(second.statusCode).toBe(503);
    expect(to(p, ACCEPTED_FROM)).toHaveLength(0);
    open();
    expect((await first).statusCode).toBe(201);
    const third = await p.webformHandler(formPost(form));
    expect(third.statusCode).toBe(201);
    expect(third.body).toContain('Enviamos uma confirmação');
    expect(to(p, ACCEPTED_FROM)).toHaveLength(1);
  });

  // Each step between the creating write and the send failing with its own clean-up failing too
  // (as if the process had died there). The person sends the form again five seconds later while
  // no confirmation came (a 503, or a 201 whose page does not say the e-mail went out).
  it.each([
    {
      name: 'the creating write committed, response lost, and the read-back failing',
      faults: {
        cases: [
          { method: 'create', when: 'after' },
          // The confirmation looks its case up with get (its id is the pending post's): the second
          // get is the read-back.
          { method: 'get', call: 2 },
        ],
      },
    },
    {
      name: 'the queue failing, and the claim’s release',
      faults: { queue: [{ method: 'enqueue' }], cases: [{ method: 'recordReply' }] },
    },
    {
      name: 'the send failing before SES, and the failure’s record',
      // The first send is her confirmation link (F1).
      faults: { mailer: [{ method: 'send', call: 2 }], cases: [{ method: 'recordReply' }] },
    },
  ] as const)('crash: $name → one acknowledgement after the resubmissions', async ({ faults }) => {
    const wrap: Record<string, <T extends object>(target: T) => T> = {};
    for (const [port, list] of Object.entries(faults)) {
      wrap[port] = (target) =>
        withFaults(
          target,
          (list as readonly Omit<Fault, 'error'>[]).map((f) => ({ ...f, error: AWS_ERRORS.timeout })),
        );
    }
    const p = inMemoryPipeline({ wrap });
    const statuses: number[] = [];
    for (let attempt = 1; attempt <= 4 && to(p, ACCEPTED_FROM).length === 0; attempt++) {
      if (attempt > 1) p.clock.advance(5_000);
      statuses.push((await p.webformHandler(formPost(form))).statusCode);
    }
    // The dead attempt's claim is taken over once stale (WEBFORM_REPLY_CLAIM): a resubmission
    // inside it waits, then answers 503, and the next one sends.
    expect(statuses.at(-1)).toBe(201);
    expect(statuses.length).toBeGreaterThan(1);
    expect(p.repo.records.size).toBe(1);
    expect(to(p, ACCEPTED_FROM)).toHaveLength(1);
    expect([...p.repo.records.values()][0]?.reply).toMatchObject({ status: 'sent' });
  });
});

// ---------------------------------------------------------------------------------------------
// The same, on the real DynamoDB adapters (dynalite), with the fault injected in the SDK stack

const TABLE = 'ouvidoria-faults';
let dynalite: DynaliteHandle;
let rawClient: DynamoDBClient;
let tableSeq = 0;

beforeAll(async () => {
  dynalite = await startDynalite();
  rawClient = new DynamoDBClient({
    endpoint: dynalite.endpoint,
    region: EMULATOR_REGION,
    credentials: EMULATOR_CREDENTIALS,
  });
});

afterAll(async () => {
  rawClient?.destroy();
  await dynalite?.stop();
});

interface SdkFault {
  /** 1-based index among all DynamoDB calls of the run. */
  call: number;
  when: 'before' | 'after';
}

/** Records `>method` in `log` when a method of `target` is called. */
function traced<T extends object>(target: T, log: string[]): T {
  return new Proxy(target, {
    get(obj, key) {
      const value = Reflect.get(obj, key);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        log.push(`>${String(key)}`);
        return value.apply(obj, args);
      };
    },
  });
}

/** Middleware on the document client: the Nth DynamoDB call fails (before sending, or after the write). */
function injectSdkFault(doc: DynamoDBDocumentClient, fault: SdkFault | undefined, log: string[]): void {
  let n = 0;
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      n++;
      log.push(String(context.commandName));
      if (fault && n === fault.call && fault.when === 'before') throw AWS_ERRORS.throttled();
      const result = await next(args);
      if (fault && n === fault.call && fault.when === 'after') throw AWS_ERRORS.throttled();
      return result;
    },
    { step: 'initialize', name: 'faultInjection' },
  );
}

async function dynamoPipeline(fault: SdkFault | undefined) {
  const tableName = `${TABLE}-${++tableSeq}`;
  await createTableIfMissing(rawClient, tableName);
  const setup = documentClient({ endpoint: dynalite.endpoint, region: EMULATOR_REGION });
  const staffSetup = new DynamoStaffRepository(setup, tableName);
  for (const a of ANALYSTS) await staffSetup.put({ id: a.id, name: a.name, email: a.email, active: true });
  await putTicket(setup, tableName, { id: '48213', requesterEmail: ACCEPTED_FROM });
  // Her other ticket: a post on it is a new case, which her cap stops (one on 48213 would join its case).
  await putTicket(setup, tableName, { id: '48214', requesterEmail: ACCEPTED_FROM });
  setup.destroy();

  const doc = documentClient({ endpoint: dynalite.endpoint, region: EMULATOR_REGION });
  const calls: string[] = [];
  injectSdkFault(doc, fault, calls);
  const clock = new FixedClock(OFFICE_OPEN);
  // Which repository method each DynamoDB call belongs to (entries ">method" in `calls`).
  const cases = traced(new DynamoCaseRepository({ client: doc, tableName }) as CaseRepository, calls);
  const staff = new DynamoStaffRepository(doc, tableName);
  const mailer = new RecordingMailer();
  const mailerPort = traced(mailer, calls);
  const queue = new RecordingQueue();
  const store = new InMemoryRawMailStore();
  const intake = {
    cases,
    tickets: new TableTicketDirectory(doc, tableName),
    mailer: mailerPort,
    queue,
    throttle: new DynamoReplyThrottle(doc, tableName),
    bounces: new DynamoBounceRegistry(doc, tableName),
    openCases: new DynamoSenderOpenCases(doc, tableName),
    clock,
    config: localConfig,
  };
  const emailHandler = createEmailIntakeHandler(() => ({
    service: emailIntakeDepsFrom(intake, store),
    rawMail: { bucket: BUCKET, prefix: PREFIX },
    logger: testLogger('email-intake'),
    metrics: testMetrics('email-intake'),
  }));
  const assignmentHandler = createAssignmentHandler({
    cases,
    staff,
    mailer: mailerPort,
    scheduler: new RecordingScheduler(),
    clock,
    config: localConfig,
    logger: testLogger('assignment'),
    metrics: testMetrics('assignment'),
  });
  // The webform's mail queue: a message whose consumer failed waits for SQS to deliver it again.
  const webformMails = new InMemoryConfirmationMails();
  // The webform with a cap of one open case per sender: a slot counted twice or lost shows at once.
  const rawWebformHandler = createWebformHandler(
    withConfirmMails({
      ...intake,
      replyClaimWait: webformClaimWait(clock, 25),
      config: { ...localConfig, limits: { ...localConfig.limits, maxOpenCasesPerSender: 1 } },
      rateLimiter: new DynamoRateLimiter(doc, tableName),
      pendingSubmissions: new DynamoPendingSubmissionStore(doc, tableName),
      linkSecret: async () => LINK_SECRET,
      confirmMails: webformMails,
      logger: testLogger('webform'),
      metrics: testMetrics('webform'),
    }),
  );
  // The form as the merchant uses it: a post that cites a ticket is confirmed from her mailbox (F1).
  const webformHandler = confirming(rawWebformHandler, () => mailer.sent);
  return {
    tableName,
    doc,
    calls,
    clock,
    cases,
    staff,
    mailer,
    queue,
    store,
    emailHandler,
    assignmentHandler,
    webformHandler,
    rawWebformHandler,
    webformMails,
  };
}

async function runOnDynamo(fault: SdkFault | undefined) {
  const d = await dynamoPipeline(fault);
  const intakeDlq: unknown[] = [];
  const assignmentDlq: AssignmentMessage[] = [];
  for (const [id, raw, from] of [
    ['ses-aceito', ACCEPTED_MAIL, ACCEPTED_FROM],
    ['ses-redirecionado', REDIRECTED_MAIL, REDIRECTED_FROM],
  ] as const) {
    d.store.put({ bucket: BUCKET, key: `${PREFIX}${id}` }, raw);
    await invokeAsync(d.emailHandler, sesReceiptEvent({ sesMessageId: id, mailFrom: from }), d.clock, intakeDlq);
  }
  await deliverSqs(d.assignmentHandler, d.queue.messages, d.clock, assignmentDlq);
  d.doc.destroy();
  // Read the outcome through a client without the fault injection.
  const check = documentClient({ endpoint: dynalite.endpoint, region: EMULATOR_REGION });
  const cases = new DynamoCaseRepository({ client: check, tableName: d.tableName });
  const accepted = await cases.get('email:ses-aceito');
  const redirected = await cases.get('email:ses-redirecionado');
  const staff = await new DynamoStaffRepository(check, d.tableName).list();
  check.destroy();
  return {
    calls: [...d.calls],
    intakeDlq,
    assignmentDlq,
    accepted,
    redirected,
    openCases: staff.reduce((sum, a) => sum + a.openCases, 0),
    // The tie-break of the next choice: the assignee's last assignment is this one.
    assigneeLastAssignedAt: staff.find((a) => a.id === accepted?.assignee)?.lastAssignedAt,
    repliesToAccepted: withoutConfirmations(d.mailer.sent).filter((m) => m.to.includes(ACCEPTED_FROM)).length,
    repliesToRedirected: withoutConfirmations(d.mailer.sent).filter((m) => m.to.includes(REDIRECTED_FROM)).length,
    links: confirmationsIn(d.mailer.sent).length,
    analystNotices: d.mailer.sent.filter((m) => ANALYSTS.some((a) => m.to.includes(a.email))).length,
    queuedCaseIds: new Set(d.queue.messages.map((m) => m.caseId)),
  };
}

describe('fault injection on the real DynamoDB adapters (dynalite)', () => {
  it('without faults: processed once', async () => {
    const r = await runOnDynamo(undefined);
    expect(problems(r)).toEqual([]);
    expect(sdkCalls(r.calls).length).toBeGreaterThan(10);
  });

  it('every DynamoDB call of a full run failing once, before or after the write: nothing lost or doubled', async () => {
    // Two mails and one assignment; each call fails once, throttled before it reaches the table
    // and, separately, after the table did the work (the response was lost).
    const { calls } = await runOnDynamo(undefined);
    const owners = callOwners(calls);
    const failures: string[] = [];
    const duplicatesAfterSend: string[] = [];
    for (let call = 1; call <= owners.length; call++) {
      const owner = owners[call - 1] as CallOwner;
      for (const when of ['before', 'after'] as const) {
        const r = await runOnDynamo({ call, when });
        const label = `call ${call} (${owner.method}, ${owner.command}) ${when}`;
        const found = problems(r);
        if (owner.afterSend && found.some((f) => /^2 (acknowledgements|guidance replies|analyst notices)$/.test(f))) {
          duplicatesAfterSend.push(label);
        }
        if (found.length > 0) {
          failures.push(`${label}: ${found.join('; ')}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // Not even the bookkeeping right after a send may cause a second email.
    expect(duplicatesAfterSend).toEqual([]);
  }, 300_000);
});

// ---------------------------------------------------------------------------------------------
// The webform on the same adapters: a post answered 503 is sent again by the person.

const FORM_BASE = {
  nome: 'Mariana Costa',
  loja: 'Modas Bella',
  assunto: 'atendimento',
  consentimento: 'on',
};
const ACCEPTED_FORM = {
  ...FORM_BASE,
  email: ACCEPTED_FROM,
  chamado: '48213',
  descricao: 'Abri o chamado 48213 há duas semanas: o frete parou de calcular e ninguém resolveu até agora.',
};
const REDIRECTED_FORM = {
  ...FORM_BASE,
  email: REDIRECTED_FROM,
  chamado: '',
  descricao: 'Estou insatisfeita com o atendimento da plataforma e quero registrar uma reclamação.',
};

/** The confirmation-mail queue's visibility timeout (infra: 60 s). */
const WEBFORM_MAIL_VISIBILITY_MS = 60_000;

/** `resubmitAfterMs`: when the person sends a post answered 503 again. */
async function runWebformOnDynamo(fault: SdkFault | undefined, resubmitAfterMs = 60_000) {
  const d = await dynamoPipeline(fault);
  const statuses: number[] = [];
  let faultable = 0;
  for (const form of [ACCEPTED_FORM, REDIRECTED_FORM]) {
    // A 503, or a 202 whose link never came (its mail claimed by the attempt that failed): she sends
    // the form again (F1: the claim is taken over once stale, WEBFORM_REPLY_CLAIM).
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await d.webformHandler(formPost(form));
      statuses.push(response.statusCode);
      if (response.statusCode !== 503 && response.statusCode !== 202) break;
      d.clock.advance(resubmitAfterMs);
    }
    // A queued message whose consumer failed (a guidance post's case or reply) is delivered again by
    // SQS after its visibility timeout, up to its receives.
    for (let receive = 2; receive <= 5 && d.webformMails.undelivered.length > 0; receive++) {
      d.clock.advance(WEBFORM_MAIL_VISIBILITY_MS);
      await d.webformMails.redeliver();
    }
  }
  faultable = sdkCalls(d.calls).length;
  // Another accepted post from the same sender, on her other ticket: the cap (one) is held by the first case alone.
  const capped = await d.webformHandler(
    formPost({
      ...ACCEPTED_FORM,
      chamado: '48214',
      descricao: 'Abri o chamado 48214 há dez dias: o repasse de novembro não caiu e ninguém respondeu.',
    }),
  );
  d.doc.destroy();
  const check = documentClient({ endpoint: dynalite.endpoint, region: EMULATOR_REGION });
  const cases = new DynamoCaseRepository({ client: check, tableName: d.tableName });
  const all = await cases.listAll();
  const openOf = async (address: string) => {
    const { Item } = await check.send(new GetCommand({ TableName: d.tableName, Key: addressKey(address) }));
    const ids = Item?.['caseIds'];
    return ids instanceof Set ? [...ids].sort() : [];
  };
  const open = { accepted: await openOf(ACCEPTED_FROM), redirected: await openOf(REDIRECTED_FROM) };
  check.destroy();
  return {
    calls: [...d.calls],
    /** The DynamoDB calls of the two posts (the capped post after them is not resubmitted). */
    faultable,
    statuses,
    capped: capped.statusCode,
    accepted: all.filter((c) => c.senderEmail === ACCEPTED_FROM),
    redirected: all.filter((c) => c.senderEmail === REDIRECTED_FROM),
    open,
    repliesToAccepted: withoutConfirmations(d.mailer.sent).filter((m) => m.to.includes(ACCEPTED_FROM)).length,
    repliesToRedirected: withoutConfirmations(d.mailer.sent).filter((m) => m.to.includes(REDIRECTED_FROM)).length,
    links: confirmationsIn(d.mailer.sent).length,
    queuedCaseIds: new Set(d.queue.messages.map((m) => m.caseId)),
  };
}

function webformProblems(r: Awaited<ReturnType<typeof runWebformOnDynamo>>): string[] {
  const out: string[] = [];
  if (r.statuses.at(-1) === 503 || r.statuses.filter((s) => s !== 503 && s !== 202).length !== 2) {
    out.push(`statuses ${r.statuses.join(',')}`);
  }
  const [accepted, ...moreAccepted] = r.accepted;
  if (!accepted || moreAccepted.length > 0 || accepted.outcome !== 'ACCEPTED' || !accepted.protocol) {
    out.push(`accepted cases: ${r.accepted.map((c) => `${c.outcome}/${c.protocol}`).join(',')}`);
  }
  if (r.redirected.length !== 1 || r.redirected[0]?.outcome !== 'NO_PRIOR_TICKET') {
    out.push(`redirected cases: ${r.redirected.map((c) => c.outcome).join(',')}`);
  }
  if (r.capped !== 409) out.push(`the second accepted post got ${r.capped}`);
  if (r.open.accepted.join() !== (accepted?.caseId ?? '')) out.push(`open cases held: ${r.open.accepted.join()}`);
  if (r.open.redirected.length > 0) out.push(`the guidance sender holds ${r.open.redirected.join()}`);
  if (r.queuedCaseIds.size !== 1 || !accepted || !r.queuedCaseIds.has(accepted.caseId)) {
    out.push('queue holds other cases');
  }
  if (r.repliesToAccepted !== 1) out.push(`${r.repliesToAccepted} acknowledgements`);
  if (r.repliesToRedirected !== 1) out.push(`${r.repliesToRedirected} guidance replies`);
  // The accepted post's link, and the capped post's (a link, then the cap on confirming).
  if (r.links !== 2) out.push(`${r.links} confirmation links`);
  return out;
}

describe('webform fault injection on the real DynamoDB adapters (dynalite)', () => {
  it('without faults: one case each, the accepted one alone holds the sender’s slot', async () => {
    const r = await runWebformOnDynamo(undefined);
    expect(webformProblems(r)).toEqual([]);
    expect(r.statuses).toEqual([201, 200]);
  });

  it('a case write committed with its response lost: each post still ends with its one reply, even resubmitted at once', async () => {
    // A case item is the create's second PutItem (its FIRSTMSG item goes first): one per post.
    const owners = callOwners((await runWebformOnDynamo(undefined)).calls);
    const isPut = (o: CallOwner | undefined) => o?.method === 'create' && o.command === 'PutItemCommand';
    const caseWrites = owners.flatMap((o, i) => (isPut(o) && isPut(owners[i - 1]) ? [i + 1] : []));
    expect(caseWrites).toHaveLength(2);
    for (const call of caseWrites) {
      // Five seconds later: well inside the claim the lost write carried (REPLY_CLAIM_STALE_MS).
      const r = await runWebformOnDynamo({ call, when: 'after' }, 5_000);
      expect(webformProblems(r), `call ${call}`).toEqual([]);
    }
  });

  it('a triple click: one case, one acknowledgement, every post answered 201', async () => {
    const d = await dynamoPipeline(undefined);
    const responses = await Promise.all([1, 2, 3].map(() => d.webformHandler(formPost(ACCEPTED_FORM))));
    d.doc.destroy();
    expect(responses.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    expect(withoutConfirmations(d.mailer.sent).filter((m) => m.to.includes(ACCEPTED_FROM))).toHaveLength(1);
    expect(confirmationsIn(d.mailer.sent)).toHaveLength(1);
    expect(new Set(d.queue.messages.map((m) => m.caseId)).size).toBe(1);
  });

  it('twenty identical posts at once: one case, one acknowledgement, no protocol number skipped', async () => {
    const d = await dynamoPipeline(undefined);
    const posts = Array.from({ length: 20 }, (_, i) =>
      d.webformHandler(formPost(ACCEPTED_FORM, `198.51.100.${i + 1}`)),
    );
    const responses = await Promise.all(posts);
    const next = await d.cases.nextProtocol(2026);
    d.doc.destroy();
    expect(responses.map((r) => r.statusCode)).toEqual(responses.map(() => 201));
    expect(withoutConfirmations(d.mailer.sent).filter((m) => m.to.includes(ACCEPTED_FROM))).toHaveLength(1);
    expect(confirmationsIn(d.mailer.sent)).toHaveLength(1);
    const protocols = [...new Set(d.queue.messages.map((m) => m.protocol))];
    expect(protocols).toHaveLength(1);
    // Nineteen attempts lost the create; none of them consumed a number.
    const seq = (protocol: string | undefined) => Number(protocol?.slice(-6));
    expect(seq(next)).toBe(seq(protocols[0]) + 1);
  });

  it.each([
    { resubmitAfterMs: 60_000, when: 'after the claim went stale' },
    { resubmitAfterMs: 5_000, when: 'within the claim' },
  ])(
    'every DynamoDB call of two posts failing once, before or after the write: resubmitted $when, nothing lost or doubled',
    async ({ resubmitAfterMs }) => {
      const { faultable: total } = await runWebformOnDynamo(undefined);
      const failures: string[] = [];
      for (let call = 1; call <= total; call++) {
        for (const when of ['before', 'after'] as const) {
          const found = webformProblems(await runWebformOnDynamo({ call, when }, resubmitAfterMs));
          if (found.length > 0) failures.push(`call ${call} ${when}: ${found.join('; ')}`);
        }
      }
      expect(failures).toEqual([]);
    },
    300_000,
  );
});

interface CallOwner {
  command: string;
  /** Repository method that made the call (or "(direct)"). */
  method: string;
  /** The call is bookkeeping after an email was sent in the same step. */
  afterSend: boolean;
}

/** The DynamoDB calls of a traced run, each with the repository method that made it. */
function callOwners(log: string[]): CallOwner[] {
  const owners: CallOwner[] = [];
  let method = '(direct)';
  let sentInStep = false;
  for (const entry of log) {
    if (entry.startsWith('>')) {
      const name = entry.slice(1);
      if (name === 'send') sentInStep = true;
      else if (['get', 'create', 'claimReply', 'assign'].includes(name)) sentInStep = false;
      if (name !== 'send') method = name;
      continue;
    }
    const afterSend = sentInStep && ['addMessageIds', 'recordReply', 'markAnalystNotified'].includes(method);
    owners.push({ command: entry, method, afterSend });
  }
  return owners;
}

function sdkCalls(log: string[]): string[] {
  return log.filter((entry) => !entry.startsWith('>'));
}

function problems(r: Awaited<ReturnType<typeof runOnDynamo>>): string[] {
  const out: string[] = [];
  if (r.intakeDlq.length > 0) out.push(`${r.intakeDlq.length} in the intake DLQ`);
  if (r.assignmentDlq.length > 0) out.push(`${r.assignmentDlq.length} in the assignment DLQ`);
  if (r.accepted?.outcome !== 'ACCEPTED' || r.accepted.status !== 'ASSIGNED') {
    out.push(`accepted case is ${r.accepted?.outcome}/${r.accepted?.status}`);
  }
  if (r.redirected?.outcome !== 'NO_PRIOR_TICKET' || r.redirected.status !== 'REDIRECTED') {
    out.push(`redirected case is ${r.redirected?.outcome}/${r.redirected?.status}`);
  }
  if (r.queuedCaseIds.size !== 1 || !r.queuedCaseIds.has('email:ses-aceito')) out.push('queue holds other cases');
  if (r.openCases !== 1) out.push(`${r.openCases} open cases counted`);
  if (r.accepted?.assignedAt && r.assigneeLastAssignedAt !== r.accepted.assignedAt) {
    out.push(`the assignee's last assignment is ${r.assigneeLastAssignedAt}, not ${r.accepted.assignedAt}`);
  }
  if (r.repliesToAccepted !== 1) out.push(`${r.repliesToAccepted} acknowledgements`);
  if (r.repliesToRedirected !== 1) out.push(`${r.repliesToRedirected} guidance replies`);
  if (r.analystNotices !== 1) out.push(`${r.analystNotices} analyst notices`);
  return out;
}
