/**
 * The local stack's own parts, without starting it: the in-process SQS queue (batches,
 * partial failures, redelivery, DLQ), the SES receipt event built by the SMTP intake and the
 * API Gateway v2 event built by the HTTP server (both must pass the schemas the handlers use).
 */
import { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { APIGatewayProxyEventV2Schema } from '@aws-lambda-powertools/parser/schemas';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { apiGatewayEvent } from '../../scripts/local/http';
import { InProcessAssignmentQueue } from '../../scripts/local/queue';
import { startDeferralPump } from '../../scripts/local/scheduler';
import { newSesMessageId, sesReceiptEvent } from '../../scripts/local/smtp';
import { portsFromEnv } from '../../scripts/local/start';
import { InProcessDeferralScheduler } from '../../shared/adapters/local/in-process-scheduler';
import { VirtualClock } from '../../shared/adapters/local/virtual-clock';
import { SesReceiptEventSchema, verdictsOf } from '../../shared/adapters/ses-receipt-event';
import type { AssignmentMessage } from '../../shared/ports';

const message = (n: number): AssignmentMessage => ({
  caseId: `email:m${n}`,
  protocol: `OUV-2026-${String(n).padStart(6, '0')}`,
});

/** A handler that records every batch and fails the case ids it is told to. */
function recordingHandler(failing: (caseId: string, receiveCount: number) => boolean) {
  const batches: Array<Array<{ caseId: string; receiveCount: number }>> = [];
  const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const seen = event.Records.map((r) => ({
      caseId: (JSON.parse(r.body) as AssignmentMessage).caseId,
      receiveCount: Number(r.attributes.ApproximateReceiveCount),
      id: r.messageId,
    }));
    batches.push(seen.map(({ caseId, receiveCount }) => ({ caseId, receiveCount })));
    return {
      batchItemFailures: seen.filter((s) => failing(s.caseId, s.receiveCount)).map((s) => ({ itemIdentifier: s.id })),
    };
  };
  return { batches, handler };
}

async function drained(queue: InProcessAssignmentQueue): Promise<void> {
  // Redeliveries come back on a (zero) timer: wait until nothing is left but dead letters.
  for (let i = 0; i < 200 && queue.list().length > 0; i++) {
    await queue.idle();
    await new Promise((r) => setTimeout(r, 5));
  }
  await queue.idle();
}

describe('InProcessAssignmentQueue', () => {
  it('delivers in SQS-shaped batches of at most 10, one batch at a time', async () => {
    const { batches, handler } = recordingHandler(() => false);
    let inFlight = 0;
    let maxInFlight = 0;
    const queue = new InProcessAssignmentQueue({
      handler: async (event) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        expect(event.Records[0]).toMatchObject({ eventSource: 'aws:sqs', awsRegion: 'us-east-1' });
        return handler(event);
      },
    });
    for (let n = 1; n <= 23; n++) await queue.enqueue(message(n));
    await drained(queue);
    const sizes = batches.map((b) => b.length);
    expect(sizes.every((s) => s >= 1 && s <= 10)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(23);
    expect(maxInFlight).toBe(1);
    expect(queue.list()).toEqual([]);
    expect(queue.deadLetters()).toEqual([]);
  });

  it('redelivers only the failed records, counting receives, and dead-letters after maxReceiveCount', async () => {
    // m2 fails twice then succeeds; m3 always fails.
    const { batches, handler } = recordingHandler(
      (caseId, receiveCount) => caseId === 'email:m3' || (caseId === 'email:m2' && receiveCount <= 2),
    );
    const dead: string[] = [];
    const queue = new InProcessAssignmentQueue({
      handler,
      backoffMs: () => 0,
      maxReceiveCount: 5,
      onDeadLetter: (d) => dead.push(d.message.caseId),
    });
    for (const n of [1, 2, 3]) await queue.enqueue(message(n));
    await drained(queue);

    const receives = (caseId: string) =>
      batches
        .flat()
        .filter((r) => r.caseId === caseId)
        .map((r) => r.receiveCount);
    expect(receives('email:m1')).toEqual([1]);
    expect(receives('email:m2')).toEqual([1, 2, 3]);
    expect(receives('email:m3')).toEqual([1, 2, 3, 4, 5]);
    expect(dead).toEqual(['email:m3']);
    expect(queue.deadLetters()).toMatchObject([{ message: message(3), receiveCount: 5 }]);
    expect(queue.list()).toEqual([]);
  });

  it('retries the whole batch when the handler throws, or names a record that is not in the batch', async () => {
    const receives: Record<string, string[]> = {};
    let calls = 0;
    const queue = new InProcessAssignmentQueue({
      backoffMs: () => 0,
      handler: async (event) => {
        calls++;
        for (const r of event.Records) {
          const { caseId } = JSON.parse(r.body) as AssignmentMessage;
          receives[caseId] = [...(receives[caseId] ?? []), r.attributes.ApproximateReceiveCount];
        }
        if (calls === 1) throw new Error('boom');
        if (calls === 2) return { batchItemFailures: [{ itemIdentifier: 'not-in-this-batch' }] };
        return { batchItemFailures: [] };
      },
    });
    await queue.enqueue(message(1));
    await queue.enqueue(message(2));
    await drained(queue);
    expect(calls).toBe(3);
    expect(receives).toEqual({ 'email:m1': ['1', '2', '3'], 'email:m2': ['1', '2', '3'] });
    expect(queue.list()).toEqual([]);
    expect(queue.deadLetters()).toEqual([]);
  });

  it('refuses new messages once stopped', async () => {
    const queue = new InProcessAssignmentQueue({ handler: async () => ({ batchItemFailures: [] }) });
    await queue.stop();
    await expect(queue.enqueue(message(1))).rejects.toThrow(/stopped/);
  });
});

describe('deferral pump', () => {
  it('puts deferrals back on the queue once the virtual clock reaches them, not before', async () => {
    const clock = new VirtualClock({ start: new Date('2026-11-27T17:00:10-03:00'), running: false });
    const scheduler = new InProcessDeferralScheduler();
    const queued: AssignmentMessage[] = [];
    const pump = startDeferralPump({
      scheduler,
      clock,
      queue: { enqueue: async (m) => void queued.push(m) },
      intervalMs: 60_000,
    });
    try {
      await scheduler.scheduleAt(message(1), new Date('2026-11-30T09:00:00-03:00'));
      expect(await pump.tick()).toBe(0);
      clock.set('2026-11-30T08:59:59-03:00');
      expect(await pump.tick()).toBe(0);
      clock.set('2026-11-30T09:00:00-03:00');
      expect(await pump.tick()).toBe(1);
      expect(queued).toEqual([message(1)]);
      expect(await pump.tick()).toBe(0);
    } finally {
      pump.stop();
    }
  });

  it('keeps a deferral that could not be queued, for the next tick', async () => {
    const clock = new VirtualClock({ start: new Date('2026-11-30T09:00:01-03:00'), running: false });
    const scheduler = new InProcessDeferralScheduler();
    let fail = true;
    const queued: AssignmentMessage[] = [];
    const pump = startDeferralPump({
      scheduler,
      clock,
      queue: {
        enqueue: async (m) => {
          if (fail) throw new Error('queue down');
          queued.push(m);
        },
      },
      intervalMs: 60_000,
    });
    try {
      await scheduler.scheduleAt(message(7), new Date('2026-11-30T09:00:00-03:00'));
      await expect(pump.tick()).rejects.toThrow('queue down');
      fail = false;
      expect(await pump.tick()).toBe(1);
      expect(queued).toEqual([message(7)]);
    } finally {
      pump.stop();
    }
  });
});

describe('SES receipt event from the SMTP intake', () => {
  it('passes the intake schema with decoded headers, local verdicts and the message id as S3 key', async () => {
    const raw = Buffer.from(
      [
        'From: =?UTF-8?Q?Jo=C3=A3o_Pereira?= <joao@lojadojoao.com.br>',
        'To: Ouvidoria <ouvidoria@ouvidoria.example.com.br>',
        'Subject: =?UTF-8?Q?Reclama=C3=A7=C3=A3o_sobre_o_chamado?=',
        ' #52311',
        'Message-ID: <abc123@lojadojoao.com.br>',
        'Date: Fri, 27 Nov 2026 19:59:50 +0000',
        '',
        'Olá, corpo.',
        '',
      ].join('\r\n'),
    );
    const sesMessageId = newSesMessageId();
    const event = await sesReceiptEvent({
      raw,
      sesMessageId,
      mailFrom: 'joao@lojadojoao.com.br',
      recipients: ['ouvidoria@ouvidoria.example.com.br'],
      receivedAt: new Date('2026-11-27T19:59:50Z'),
    });
    const parsed = SesReceiptEventSchema.parse(event);
    const record = parsed.Records[0];
    expect(record?.ses.mail.messageId).toBe(sesMessageId);
    expect(record?.ses.mail.commonHeaders).toMatchObject({
      subject: 'Reclamação sobre o chamado #52311',
      messageId: '<abc123@lojadojoao.com.br>',
    });
    expect(record?.ses.mail.commonHeaders.from?.[0]).toMatch(/^"?João Pereira"? <joao@lojadojoao\.com\.br>$/);
    expect(record?.ses.mail.headers.find((h) => h.name === 'Subject')?.value).toContain('=?UTF-8?Q?');
    // Loopback mail passes authentication locally (SPEC "Trust rules")…
    expect(record && verdictsOf(record)).toEqual({
      spam: 'PASS',
      virus: 'PASS',
      spf: 'PASS',
      dkim: 'PASS',
      dmarc: 'PASS',
    });
  });

  it('takes other verdicts from the local-only X-Local-Verdicts header', async () => {
    const raw = Buffer.from(
      'From: x@golpe.example.net\r\nX-Local-Verdicts: spf=fail dkim=FAIL dmarc=fail spam=fail bogus=pass\r\nSubject: t\r\n\r\nx',
    );
    const event = await sesReceiptEvent({
      raw,
      sesMessageId: newSesMessageId(),
      mailFrom: 'x@golpe.example.net',
      recipients: ['ouvidoria@ouvidoria.example.com.br'],
      receivedAt: new Date(),
    });
    const record = SesReceiptEventSchema.parse(event).Records[0];
    expect(record && verdictsOf(record)).toEqual({
      spam: 'FAIL',
      virus: 'PASS',
      spf: 'FAIL',
      dkim: 'FAIL',
      dmarc: 'FAIL',
    });
  });

  it('survives a message with no header block at all', async () => {
    const event = await sesReceiptEvent({
      raw: Buffer.from('just some bytes without headers'),
      sesMessageId: newSesMessageId(),
      mailFrom: '',
      recipients: ['ouvidoria@ouvidoria.example.com.br'],
      receivedAt: new Date(),
    });
    expect(SesReceiptEventSchema.safeParse(event).success).toBe(true);
  });
});

function fakeRequest(options: {
  method: string;
  url: string;
  headers: Record<string, string | string[]>;
  remoteAddress?: string;
}): IncomingMessage {
  const req = Readable.from([]) as unknown as IncomingMessage;
  Object.assign(req, {
    method: options.method,
    url: options.url,
    headers: options.headers,
    httpVersion: '1.1',
    socket: { remoteAddress: options.remoteAddress ?? '::ffff:127.0.0.1' },
  });
  return req;
}

describe('API Gateway v2 event from the HTTP server', () => {
  const now = new Date('2026-11-27T19:59:50Z');

  it.each([
    {
      name: 'form post (text body, cookies moved out of the headers)',
      content: 'application/x-www-form-urlencoded; charset=UTF-8',
      body: Buffer.from('nome=Jo%C3%A3o&descricao=ol%C3%A1'),
      base64: false,
    },
    {
      name: 'binary body',
      content: 'application/octet-stream',
      body: Buffer.from([0, 1, 2, 255]),
      base64: true,
    },
    {
      name: 'text that is not UTF-8 (passed as bytes)',
      content: 'text/plain',
      body: Buffer.from([0x6f, 0x6c, 0xe1]),
      base64: true,
    },
  ])('$name', ({ content, body, base64 }) => {
    const event = apiGatewayEvent(
      fakeRequest({
        method: 'POST',
        url: '/casos?x=1&x=2',
        headers: { 'content-type': content, Cookie: 'a=1; b=2', host: '127.0.0.1:3000', 'user-agent': 'vitest' },
      }),
      body,
      now,
    );
    const parsed = APIGatewayProxyEventV2Schema.parse(event);
    expect(parsed.rawPath).toBe('/casos');
    expect(parsed.rawQueryString).toBe('x=1&x=2');
    expect(parsed.queryStringParameters).toEqual({ x: '1,2' });
    expect(parsed.cookies).toEqual(['a=1', 'b=2']);
    expect(parsed.headers['cookie']).toBeUndefined();
    expect(parsed.headers['content-type']).toBe(content);
    expect(parsed.requestContext.http).toMatchObject({ method: 'POST', sourceIp: '127.0.0.1', userAgent: 'vitest' });
    expect(parsed.requestContext.timeEpoch).toBe(now.getTime());
    expect(parsed.isBase64Encoded).toBe(base64);
    const decoded = base64 ? Buffer.from(parsed.body ?? '', 'base64') : Buffer.from(parsed.body ?? '', 'utf8');
    expect(decoded.equals(body)).toBe(true);
  });

  it('a GET has no body', () => {
    const event = APIGatewayProxyEventV2Schema.parse(
      apiGatewayEvent(fakeRequest({ method: 'GET', url: '/', headers: {} }), Buffer.alloc(0), now),
    );
    expect(event.body).toBeUndefined();
    expect(event.isBase64Encoded).toBe(false);
    expect(event.queryStringParameters).toBeUndefined();
  });
});

describe('ports from the environment', () => {
  it('uses the defaults and the variables given', () => {
    expect(portsFromEnv({})).toEqual({ smtp: 2525, http: 3000, dynamodb: 8000, ses: 8005 });
    expect(portsFromEnv({ HTTP_PORT: '3100', SMTP_PORT: '' })).toEqual({
      smtp: 2525,
      http: 3100,
      dynamodb: 8000,
      ses: 8005,
    });
  });

  it.each(['abc', '0', '70000', '30.5', '-1'])('rejects %s naming the variable', (value) => {
    expect(() => portsFromEnv({ SES_PORT: value })).toThrow(/^SES_PORT must be a port number/);
  });
});
