/**
 * A webform post that cites no ticket is answered at once with its guidance; its case and reply
 * are the webform mail queue's work (shared/webform/guidance-post.ts), so the answer's timing never
 * tells whether a mail went to the address typed. The webform function end to end on in-memory ports.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createConfirmMailHandler } from '../../../functions/webform/confirm-mail';
import { localConfig } from '../../../shared/domain/config';
import { caseIdFor } from '../../../shared/domain/case';
import { storeGuidancePost } from '../../../shared/webform/guidance-post';
import { GUIDANCE_POST_KEEP_DAYS } from '../../../shared/webform/pending';
import { confirmationsIn } from '../../support/confirm';
import { recordedWebform } from '../../support/recorded-webform';
import { FixedClock, InMemoryPendingSubmissionStore } from '../../support/fakes';

const MERCHANT = 'lojista@modasbella.com.br';
const TICKETS = [{ id: '48213', requesterEmail: MERCHANT }];

type ApiEvent = { body?: string; headers: Record<string, string>; requestContext: { http: { sourceIp: string } } };

/** A JSON post of the fixture's form with no ticket (and the changes), from `ip`. */
function guidancePost(changes: Record<string, unknown> = {}, ip = '203.0.113.45'): ApiEvent {
  const e = JSON.parse(
    readFileSync(new URL('../../../events/webform/post-json-valid.json', import.meta.url), 'utf8'),
  ) as ApiEvent;
  e.body = JSON.stringify({
    ...JSON.parse(e.body ?? '{}'),
    chamado: '',
    descricao: 'Os pedidos pagos por Pix não mudam de status na loja desde ontem; são 14 pedidos parados.',
    ...changes,
  });
  e.requestContext.http.sourceIp = ip;
  return e;
}

/** The guidance mails (not confirmation links) the webform sent. */
const guidanceMails = (form: ReturnType<typeof recordedWebform>) =>
  form.mails.sent.filter((m) => !confirmationsIn([m]).length);

describe('POST /casos without a ticket tells nothing by its timing: the same awaited work whether its mail goes or not', () => {
  it('an address that will be answered, one in the bounce memory, one guided on that outcome today: the same calls and bytes', async () => {
    const answered = recordedWebform(TICKETS);
    const sent = await answered.post(guidancePost());

    const bounced = recordedWebform(TICKETS);
    await bounced.bounces.markBouncing(MERCHANT, new Date('2026-04-10T00:00:00Z'), 'hard bounce');
    const toBounced = await bounced.post(guidancePost());

    const guided = recordedWebform(TICKETS);
    const limit = localConfig.autoReply.maxPerSenderPerOutcomePerDay;
    for (let i = 1; i <= limit; i++) {
      await guided.post(guidancePost({ descricao: `Os pedidos pagos por Pix não mudam de status (ocorrência ${i}).` }));
    }
    await guided.deliver();
    expect(guidanceMails(guided)).toHaveLength(limit);
    const overLimit = await guided.post(guidancePost());

    expect(sent.calls).toContain('confirmMails.request');
    expect(
      sent.calls.filter((c) => c.startsWith('mailer.') || c.startsWith('bounces.') || c.startsWith('throttle.')),
    ).toEqual([]);
    expect(toBounced.calls).toEqual(sent.calls);
    expect(overLimit.calls).toEqual(sent.calls);
    expect(toBounced.response).toEqual(sent.response);
    expect(overLimit.response).toEqual(sent.response);
    expect(JSON.parse(sent.response.body)).toMatchObject({ outcome: 'NO_PRIOR_TICKET' });

    // Behind the answers, the consumer decides: one reply, none to the bounced address, none past the day's limit.
    await Promise.all([answered.deliver(), bounced.deliver(), guided.deliver()]);
    expect(guidanceMails(answered)).toHaveLength(1);
    expect(guidanceMails(bounced)).toHaveLength(0);
    expect(guidanceMails(guided)).toHaveLength(limit);
    const held = bounced.cases.records.get(caseIdFor('webform', bounced.queued.requests[0]?.id ?? ''));
    expect(held?.reply).toMatchObject({ status: 'suppressed' });
  });

  it('answers with the guidance the mail gives, before any case is stored', async () => {
    const form = recordedWebform(TICKETS);
    const { response } = await form.post(
      guidancePost({ naoCliente: true, descricao: 'Ainda não sou cliente; quanto custa abrir uma loja virtual?' }),
    );
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ outcome: 'NOT_A_CLIENT' });
    expect(form.cases.records.size).toBe(0);
    await form.deliver();
    expect([...form.cases.records.values()].map((c) => c.outcome)).toEqual(['NOT_A_CLIENT']);
    expect(guidanceMails(form)[0]?.to).toEqual([MERCHANT]);
  });
});

describe('the queue consumer of guidance posts', () => {
  it('a redelivered message and a double click make one case and one reply', async () => {
    const form = recordedWebform(TICKETS);
    const first = await form.post(guidancePost());
    const again = await form.post(guidancePost());
    expect(again.response.body).toBe(first.response.body);
    await form.deliver();
    await form.queued.request({ kind: 'guidance', id: form.queued.requests[0]?.id ?? '' });
    await form.deliver();
    expect(form.queued.requests.map((r) => r.kind)).toEqual(['guidance', 'guidance', 'guidance']);
    expect(form.cases.records.size).toBe(1);
    expect(guidanceMails(form)).toHaveLength(1);
  });

  it('a reply SES refused for now leaves the message on the queue; its redelivery sends it once', async () => {
    const form = recordedWebform(TICKETS);
    await form.post(guidancePost());
    form.mails.failNext = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    await form.deliver();
    expect(guidanceMails(form)).toHaveLength(0);
    expect(form.queued.undelivered).toHaveLength(1);
    await form.deliver();
    expect(guidanceMails(form)).toHaveLength(1);
    expect(form.queued.undelivered).toHaveLength(0);
    expect([...form.cases.records.values()][0]?.reply).toMatchObject({ status: 'sent' });
  });

  it('never stores a post that cites a ticket, whatever the message says: only its confirmation does', async () => {
    const form = recordedWebform(TICKETS);
    const { response } = await form.post(guidancePost({ chamado: '48213' }));
    expect(response.statusCode).toBe(202);
    const id = form.queued.requests[0]?.id ?? '';
    expect(form.queued.requests[0]?.kind).toBe('confirm-link');
    // The same pending post named as a guidance post (a forged or mixed-up message).
    await form.queued.request({ kind: 'guidance', id });
    form.queued.undelivered.splice(0, form.queued.undelivered.length - 1);
    await form.deliver();
    expect(form.cases.records.size).toBe(0);
    expect(form.mails.sent).toEqual([]);
  });

  it('a message of a post that is gone or past its expiry stores nothing', async () => {
    const pendingSubmissions = new InMemoryPendingSubmissionStore();
    const clock = new FixedClock(new Date('2026-03-10T13:05:00Z'));
    const deps = { pendingSubmissions, clock, config: localConfig } as unknown as Parameters<
      typeof storeGuidancePost
    >[1];
    expect(await storeGuidancePost('form-unknown', deps)).toEqual({ stored: false, why: 'gone' });
    await pendingSubmissions.create({
      id: 'form-old',
      email: MERCHANT,
      form: { nome: 'Mariana', email: MERCHANT, assunto: 'outro', descricao: 'Pedidos parados.', naoCliente: false },
      createdAt: '2026-03-08T13:05:00Z',
      expiresAt: '2026-03-10T13:05:00Z',
    });
    expect(await storeGuidancePost('form-old', deps)).toEqual({ stored: false, why: 'expired' });
  });

  it('the SQS event of a guidance post is consumed and logged without personal data', async () => {
    const form = recordedWebform(TICKETS);
    await form.post(guidancePost());
    const lines: unknown[] = [];
    const consume = createConfirmMailHandler(() => ({
      service: form.deps,
      logger: { info: (_message: unknown, ...data: unknown[]) => void lines.push(...data) },
    }));
    const id = form.queued.requests[0]?.id ?? '';
    const { results } = await consume({
      Records: [{ eventSource: 'aws:sqs', messageId: 'm-1', body: JSON.stringify({ kind: 'guidance', id }) }],
    });
    expect(results).toEqual([{ stored: true, outcome: 'NO_PRIOR_TICKET', duplicate: false }]);
    expect(JSON.stringify(lines)).not.toMatch(/modasbella|Pix|Mariana/);
    await expect(
      consume({ Records: [{ eventSource: 'aws:sqs', messageId: 'm-2', body: JSON.stringify({ kind: 'store', id }) }] }),
    ).rejects.toThrow();
  });
});

describe('a post that reuses its own Idempotency-Key with another form', () => {
  const withKey = (e: ApiEvent, key: string): ApiEvent => ({ ...e, headers: { ...e.headers, 'idempotency-key': key } });

  it('a ticketless form after one that cites a ticket (still waiting for its link) is refused, not lost', async () => {
    const form = recordedWebform(TICKETS);
    const cited = await form.post(withKey(guidancePost({ chamado: '48213' }), 'key-7a1'));
    expect(cited.response.statusCode).toBe(202);
    const ticketless = await form.post(withKey(guidancePost(), 'key-7a1'));
    expect(ticketless.response.statusCode).toBe(422);
    expect(JSON.parse(ticketless.response.body)).toMatchObject({ error: 'idempotency_key_reused' });
    await form.deliver();
    // Only the first post's link went; nothing was answered or stored for the second form.
    expect(confirmationsIn(form.mails.sent)).toHaveLength(1);
    expect(guidanceMails(form)).toEqual([]);
    expect(form.cases.records.size).toBe(0);
  });

  it('a form citing a ticket after a ticketless one is refused: the guidance case is the only one', async () => {
    const form = recordedWebform(TICKETS);
    const first = await form.post(withKey(guidancePost(), 'key-7a2'));
    expect(first.response.statusCode).toBe(200);
    const second = await form.post(withKey(guidancePost({ chamado: '48213' }), 'key-7a2'));
    expect(second.response.statusCode).toBe(422);
    await form.deliver();
    expect(confirmationsIn(form.mails.sent)).toEqual([]);
    expect(guidanceMails(form)).toHaveLength(1);
    expect(form.cases.records.size).toBe(1);
  });

  it('the same form with its key days later, the first link expired unconfirmed, mails a link again', async () => {
    const form = recordedWebform(TICKETS);
    await form.post(withKey(guidancePost({ chamado: '48213' }), 'key-7a4'));
    await form.deliver();
    expect(confirmationsIn(form.mails.sent)).toHaveLength(1);
    (form.deps.clock as FixedClock).advance(4 * 24 * 3600_000);
    const later = await form.post(withKey(guidancePost({ chamado: '48213' }), 'key-7a4'));
    expect(later.response.statusCode).toBe(202);
    await form.deliver();
    // Before: the expired post was kept (its item waits for DynamoDB's TTL) and no link went.
    expect(confirmationsIn(form.mails.sent)).toHaveLength(2);
  });

  it('the same form again with its key is the same post: the same answer, one case, one mail', async () => {
    const form = recordedWebform(TICKETS);
    const first = await form.post(withKey(guidancePost(), 'key-7a3'));
    const again = await form.post(withKey(guidancePost(), 'key-7a3'));
    expect(again.response.statusCode).toBe(200);
    expect(JSON.parse(again.response.body)).toEqual(JSON.parse(first.response.body));
    await form.deliver();
    expect(guidanceMails(form)).toHaveLength(1);
    expect(form.cases.records.size).toBe(1);
  });
});

describe('a guidance post whose case failed is stored when its message is replayed from the DLQ days later', () => {
  it('the case store down over a weekend, the DLQ redriven on Monday: one case, one reply', async () => {
    const form = recordedWebform(TICKETS);
    const { response } = await form.post(guidancePost());
    expect(JSON.parse(response.body)).toMatchObject({ outcome: 'NO_PRIOR_TICKET' });
    const down = Object.assign(new Error('Service unavailable'), { name: 'ServiceUnavailable' });
    const create = form.cases.create.bind(form.cases);
    form.cases.create = async () => {
      throw down;
    };
    for (let i = 0; i < 5; i++) await form.deliver().catch(() => undefined);
    expect(form.cases.records.size).toBe(0);
    expect(form.queued.undelivered).toHaveLength(1);
    form.cases.create = create;
    (form.deps.clock as FixedClock).advance(3 * 24 * 3600 * 1000);
    await form.deliver();
    expect([...form.cases.records.values()].map((c) => c.outcome)).toEqual(['NO_PRIOR_TICKET']);
    expect(guidanceMails(form)).toHaveLength(1);
  });

  it('its form is kept as long as the queue and its DLQ keep the message; a link’s post only as long as its link', async () => {
    const form = recordedWebform(TICKETS);
    await form.post(guidancePost());
    await form.post(guidancePost({ chamado: '48213' }, '198.51.100.9'));
    const [guidance, link] = form.queued.requests;
    const pending = form.deps.pendingSubmissions;
    const days = async (id = '') => {
      const p = await pending.get(id);
      return (Date.parse(p?.expiresAt ?? '') - Date.parse(p?.createdAt ?? '')) / 86_400_000;
    };
    expect(guidance?.kind).toBe('guidance');
    expect(await days(guidance?.id)).toBe(GUIDANCE_POST_KEEP_DAYS);
    expect(link?.kind).toBe('confirm-link');
    expect(await days(link?.id)).toBe(localConfig.limits.webformConfirmLinkHours / 24);
  });
});
