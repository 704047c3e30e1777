import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deliveryStatusReport } from '../support/dsn';
import { ReplyNotSentYet } from '../../shared/app/email-intake';
import { REPLY_CLAIM_STALE_MS } from '../../shared/app/intake';
import { DynamoBounceRegistry } from '../../shared/adapters/dynamo/bounce-registry';
import { documentClient } from '../../shared/adapters/dynamo/client';
import type { Outcome } from '../../shared/domain/outcome';
import { localConfig } from '../../shared/domain/config';
import { buildHarness, eml, type Harness, PREFIX } from '../support/email-intake-harness';
import { createReleaseHandler } from '../../functions/email-intake/release';
import { buildQuarantineReleaseDeps } from '../../shared/composition/email-intake';
import { DynamoQuarantineStore } from '../../shared/adapters/dynamo/quarantine-store';
import { DynamoDataSubjectStore } from '../../shared/adapters/dynamo/data-subject-store';
import { TTL_ATTRIBUTE } from '../../shared/adapters/dynamo/table-design';
import { type DynaliteHandle, type SesLocalHandle, startDynalite, startSesLocal } from '../support/emulators';
import { FixedClock } from '../support/fakes';

let dynalite: DynaliteHandle;
let ses: SesLocalHandle;
let harness: Harness;
let tableCount = 0;
const clock = new FixedClock(new Date('2026-11-24T14:00:05.000Z'));

beforeAll(async () => {
  [dynalite, ses] = await Promise.all([startDynalite(), startSesLocal()]);
});

afterAll(async () => {
  await Promise.all([dynalite?.stop(), ses?.stop()]);
});

beforeEach(async () => {
  tableCount += 1;
  await ses.clear();
  harness = await buildHarness({
    dynamoEndpoint: dynalite.endpoint,
    sesEndpoint: ses.endpoint,
    tableName: `ouvidoria-intake-${tableCount}`,
    clock,
  });
});

/** `PROTOCOL#` pointer items in the table: none since the protocol index (issue 16). */
async function protocolPointers(): Promise<unknown[]> {
  const { Items } = await harness.client.send(
    new ScanCommand({
      TableName: harness.tableName,
      FilterExpression: 'begins_with(pk, :protocol)',
      ExpressionAttributeValues: { ':protocol': 'PROTOCOL#' },
    }),
  );
  return Items ?? [];
}

async function outboxTo(address: string) {
  return (await ses.outbox()).filter((m) => m.destination.to.some((to) => to.includes(address)));
}

type Expectation = { file: string; sender: string; outcome: Outcome; reply: 'sent' | 'suppressed' };

const FIXTURES: Expectation[] = [
  { file: '01-accepted-ticket-48213.eml', sender: 'lojista@modasbella.com.br', outcome: 'ACCEPTED', reply: 'sent' },
  {
    file: '02-billing-complaint-ticket-48214.eml',
    sender: 'financeiro@casadosaromas.com.br',
    outcome: 'ACCEPTED',
    reply: 'sent',
  },
  { file: '03-access-issue-no-ticket.eml', sender: 'joao@lojadojoao.com.br', outcome: 'ACCESS_ISSUE', reply: 'sent' },
  {
    file: '04-billing-question-no-ticket.eml',
    sender: 'carla@docesdacarla.com.br',
    outcome: 'BILLING_QUESTION',
    reply: 'sent',
  },
  { file: '05-not-a-client-prices.eml', sender: 'rafael.souza@gmail.com', outcome: 'NOT_A_CLIENT', reply: 'sent' },
  {
    file: '06-feature-request-integration.eml',
    sender: 'contato@eletroponto.com.br',
    outcome: 'OUT_OF_SCOPE_FEATURE',
    reply: 'sent',
  },
  {
    file: '07-commercial-discount-51000.eml',
    sender: 'ana@papelariaestrela.com.br',
    outcome: 'OUT_OF_SCOPE_COMMERCIAL',
    reply: 'sent',
  },
  { file: '08-no-prior-ticket.eml', sender: 'lojista@modasbella.com.br', outcome: 'NO_PRIOR_TICKET', reply: 'sent' },
  { file: '09-ticket-invalid-not-found.eml', sender: '', outcome: 'TICKET_INVALID', reply: 'sent' },
  {
    file: '10-ticket-invalid-not-owner.eml',
    sender: 'contato@eletroponto.com.br',
    outcome: 'TICKET_INVALID',
    reply: 'sent',
  },
  { file: '11-latin1-rfc2047.eml', sender: 'financeiro@casadosaromas.com.br', outcome: 'ACCEPTED', reply: 'sent' },
  { file: '12-windows-1252-body.eml', sender: 'ana@papelariaestrela.com.br', outcome: 'ACCEPTED', reply: 'sent' },
  { file: '13-html-only.eml', sender: 'lojista@modasbella.com.br', outcome: 'ACCEPTED', reply: 'sent' },
  { file: '14-attachment-pdf.eml', sender: 'financeiro@casadosaromas.com.br', outcome: 'ACCEPTED', reply: 'sent' },
  { file: '15-forwarded-support-reply.eml', sender: 'contato@eletroponto.com.br', outcome: 'ACCEPTED', reply: 'sent' },
  { file: '17-auto-reply-system.eml', sender: '', outcome: 'NO_PRIOR_TICKET', reply: 'suppressed' },
  { file: '19-mailing-list.eml', sender: '', outcome: 'NO_PRIOR_TICKET', reply: 'suppressed' },
  { file: '21-forwarded-as-attachment.eml', sender: 'contato@eletroponto.com.br', outcome: 'ACCEPTED', reply: 'sent' },
  {
    file: '22-quoted-printable-quoted-reply.eml',
    sender: 'lojista@modasbella.com.br',
    outcome: 'ACCEPTED',
    reply: 'sent',
  },
  { file: '23-base64-access-domain-frozen.eml', sender: '', outcome: 'ACCESS_ISSUE', reply: 'sent' },
  { file: '24-rfc2231-filename.eml', sender: 'ana@papelariaestrela.com.br', outcome: 'ACCEPTED', reply: 'sent' },
  { file: '25-malformed-multipart-no-boundary.eml', sender: '', outcome: 'QUARANTINED', reply: 'suppressed' },
];

describe('email intake on dynalite and the local SES: every sample email', () => {
  it.each(FIXTURES)('$file → $outcome, reply $reply', async ({ file, sender, outcome, reply }) => {
    const sesId = `ses-${file.slice(0, 2)}`;
    await harness.deliver(sesId, eml(file));

    const stored = await harness.cases.get(`email:${sesId}`);
    expect(stored?.outcome).toBe(outcome);
    expect(stored?.decision.ruleIds.length).toBeGreaterThan(0);
    expect(stored?.reply?.status).toBe(reply);
    expect(stored?.messages[0]?.raw).toEqual({ bucket: 'ouvidoria-raw-mail', key: `inbound/${sesId}` });

    const outbox = await ses.outbox();
    expect(outbox).toHaveLength(reply === 'sent' ? 1 : 0);
    if (reply === 'sent') {
      const mail = outbox[0]!;
      if (sender) expect(mail.destination.to.join(',')).toContain(sender);
      expect(mail.from).toContain('ouvidoria@ouvidoria.example.com.br');
      expect(mail.body.text).toMatch(/Ouvidoria/);
      expect(mail.body.html).toContain('lang="pt-BR"');
    }

    if (outcome === 'ACCEPTED') {
      expect(stored?.protocol).toBe('OUV-2026-000001');
      expect(stored?.status).toBe('QUEUED');
      expect(outbox[0]?.subject).toContain('OUV-2026-000001');
      expect(outbox[0]?.body.text).toMatch(/segunda a sexta-feira/);
      expect(harness.queue.messages).toEqual([{ caseId: `email:${sesId}`, protocol: 'OUV-2026-000001' }]);
    } else {
      expect(stored?.protocol).toBeUndefined();
      expect(harness.queue.messages).toHaveLength(0);
    }
  });

  it('records attachments as metadata only', async () => {
    await harness.deliver('ses-att', eml('14-attachment-pdf.eml'));
    const stored = await harness.cases.get('email:ses-att');
    const attachment = stored?.messages[0]?.attachments[0];
    expect(attachment).toMatchObject({ filename: 'boleto-fatura-2026-02.pdf', contentType: 'application/pdf' });
    expect(attachment?.size).toBeGreaterThan(0);
    expect(JSON.stringify(stored)).not.toMatch(/JVBERi0/); // no base64 PDF content stored
  });

  it('points each guidance reply to the right place', async () => {
    await harness.deliver('ses-04', eml('04-billing-question-no-ticket.eml'));
    await harness.deliver('ses-05', eml('05-not-a-client-prices.eml'));
    const [billing] = await outboxTo('carla@docesdacarla.com.br');
    const [sales] = await outboxTo('rafael.souza@gmail.com');
    expect(billing?.body.text).toContain('https://ajuda.example.com.br/base-de-conhecimento/planos-e-faturas');
    expect(sales?.body.text).toContain('https://www.example.com.br/comercial');
  });
});

describe('email intake: threading, bounces and exactly-once effects', () => {
  it('appends a reply to our acknowledgement to the case, with no new case and no new reply', async () => {
    await harness.deliver('ses-first', eml('01-accepted-ticket-48213.eml'));
    const first = await harness.cases.get('email:ses-first');
    const ackId = first!.messageIds.find((id) => id.endsWith('@ouvidoria.example.com.br'))!;
    const reply = [
      'From: Marina Costa <lojista@modasbella.com.br>',
      'To: ouvidoria@ouvidoria.example.com.br',
      `Subject: Re: [${first!.protocol}] Recebemos sua manifestação`,
      'Message-ID: <resposta-1@mail.modasbella.com.br>',
      `In-Reply-To: <${ackId}>`,
      `References: <${ackId}>`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Segue o print do erro no estoque que comentei.',
      '',
    ].join('\r\n');
    await harness.deliver('ses-reply', reply);

    expect(await harness.cases.get('email:ses-reply')).toBeNull();
    const updated = await harness.cases.get('email:ses-first');
    expect(updated?.messages.map((m) => m.sourceId)).toEqual(['ses-first', 'ses-reply']);
    expect(await ses.outbox()).toHaveLength(1);
  });

  it('does not let another sender inject a message into a case by quoting its protocol', async () => {
    await harness.deliver('ses-01', eml('01-accepted-ticket-48213.eml'));
    await harness.deliver('ses-26', eml('26-protocol-from-other-sender.eml'));
    expect((await harness.cases.get('email:ses-01'))?.messages).toHaveLength(1);
    expect((await harness.cases.get('email:ses-26'))?.outcome).toBe('ACCEPTED');
  });

  it('turns a delivery report about a reply we really sent into bounce memory, not a case', async () => {
    const table = (harness.cases as unknown as { tableName: string }).tableName;
    const bounces = new DynamoBounceRegistry(harness.client, table);
    await harness.deliver('ses-ana', eml('08-no-prior-ticket.eml'));
    const answered = await harness.cases.get('email:ses-ana');
    const reply = answered?.reply;
    if (reply?.status !== 'sent') throw new Error('expected a sent reply');
    const merchant = answered?.senderEmail ?? '';
    const dsn = deliveryStatusReport({ failedRecipient: merchant, originalMessageId: reply.messageId });
    const result = (await harness.deliver('ses-20', dsn)) as { results: { kind: string }[] };
    expect(result.results[0]?.kind).toBe('bounce');
    expect(await harness.cases.get('email:ses-20')).toBeNull();
    expect(await bounces.isSuppressed(merchant, clock.now())).toBe(true);
  });

  it('a delivery report and a second copy of a mail store no message: their raw mail expires like a redirected one', async () => {
    const tagged: string[] = [];
    harness.deps.service.intake.rawMailRetention = {
      markRedirected: async (location) => void tagged.push(location.key),
      markClosed: async () => undefined,
      markOpen: async () => undefined,
    };
    await harness.deliver('ses-ana', eml('01-accepted-ticket-48213.eml'));
    // The same mail under another delivery id: a duplicate, whose S3 object no case refers to.
    await harness.deliver('ses-ana-copy', eml('01-accepted-ticket-48213.eml'));
    const answered = await harness.cases.get('email:ses-ana');
    if (answered?.reply?.status !== 'sent') throw new Error('expected a sent reply');
    const dsn = deliveryStatusReport({
      failedRecipient: answered.senderEmail,
      originalMessageId: answered.reply.messageId,
    });
    expect(((await harness.deliver('ses-dsn', dsn)) as { results: { kind: string }[] }).results[0]?.kind).toBe(
      'bounce',
    );
    // The accepted case's own raw mail is kept (its case is open); the other two are tagged.
    expect(tagged.sort()).toEqual([`${PREFIX}ses-ana-copy`, `${PREFIX}ses-dsn`]);
  });

  it.each([
    ['names a Message-ID we never sent', (_id: string) => ({ originalMessageId: 'ack-123@ouvidoria.example.com.br' })],
    [
      'names our mail but another recipient',
      (id: string) => ({ originalMessageId: id, failedRecipient: 'x@y.com.br' }),
    ],
    [
      'claims to come from our domain only',
      (_id: string) => ({ originalMessageId: 'forjado@ouvidoria.example.com.br' }),
    ],
  ])('a forged delivery report (%s) silences nobody: stored as mail, no bounce memory', async (_name, forge) => {
    const table = (harness.cases as unknown as { tableName: string }).tableName;
    const bounces = new DynamoBounceRegistry(harness.client, table);
    const victim = 'lojista@modasbella.com.br';
    await harness.deliver('ses-victim-1', eml('01-accepted-ticket-48213.eml'));
    const sentId = (await harness.cases.get('email:ses-victim-1'))?.reply;
    const ours = sentId?.status === 'sent' ? sentId.messageId : '';
    const dsn = deliveryStatusReport({ failedRecipient: victim, ...forge(ours) });
    const result = (await harness.deliver('ses-forged', dsn)) as { results: { kind: string }[] };
    expect(result.results[0]?.kind).toBe('case');
    expect(await harness.cases.get('email:ses-forged')).not.toBeNull();
    expect(await bounces.isSuppressed(victim, clock.now())).toBe(false);
  });

  it('quarantines spoofed mail (DMARC fail) without any reply', async () => {
    await harness.deliver('ses-spoof', eml('01-accepted-ticket-48213.eml'), { dmarc: 'FAIL', spf: 'FAIL' });
    const stored = await harness.cases.get('email:ses-spoof');
    expect(stored).toMatchObject({ outcome: 'QUARANTINED', status: 'QUARANTINED' });
    expect(await ses.outbox()).toHaveLength(0);
    expect(harness.queue.messages).toHaveLength(0);
  });

  it('a supervisor releases it: the same record becomes a queued case, acknowledged once, out of the quarantine list', async () => {
    await harness.deliver('ses-spoof', eml('01-accepted-ticket-48213.eml'), { dmarc: 'FAIL', spf: 'FAIL' });
    /** The items of the case (its partition and its Message-ID pointers) that carry an LGPD expiry. */
    const expiring = async () => {
      const { Items } = await harness.client.send(
        new ScanCommand({
          TableName: harness.tableName,
          FilterExpression: 'attribute_exists(#ttl) AND (pk = :pk OR caseId = :id)',
          ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ':pk': 'CASE#email:ses-spoof', ':id': 'email:ses-spoof' },
        }),
      );
      return (Items ?? []).map((item) => `${item['pk']}/${item['sk']}`).sort();
    };
    // Held in quarantine, the record expires like a redirected one (its case item, its message, its pointer)…
    expect(await expiring()).toEqual(
      expect.arrayContaining(['CASE#email:ses-spoof/CASE', 'CASE#email:ses-spoof/FIRSTMSG']),
    );
    const release = createReleaseHandler(() => ({
      release: buildQuarantineReleaseDeps(
        { config: localConfig, tableName: harness.tableName, ticketDirectory: { kind: 'table' } },
        harness.deps.service,
        harness.client,
      ),
      logger: { info() {}, appendKeys() {} },
    }));
    const body = JSON.stringify({
      kind: 'release',
      caseId: 'email:ses-spoof',
      by: 'sup-carla',
      at: clock.now().toISOString(),
    });
    const event = { Records: [{ eventSource: 'aws:sqs', messageId: 'q1', body }] };
    // Two deliveries of the same request at once, then a late third: one winner, nothing twice.
    await Promise.all([release(event), release(event)]);
    await release(event);

    const stored = await harness.cases.get('email:ses-spoof');
    expect(stored).toMatchObject({
      outcome: 'ACCEPTED',
      status: 'QUEUED',
      reviewOutcome: 'released',
      reviewedBy: 'sup-carla',
    });
    expect(stored?.verdicts).toMatchObject({ dmarc: 'FAIL' });
    expect(harness.queue.messages).toEqual([{ caseId: 'email:ses-spoof', protocol: stored?.protocol }]);
    const acks = await outboxTo('lojista@modasbella.com.br');
    expect(acks).toHaveLength(1);
    expect(acks[0]?.subject).toContain(stored?.protocol as string);
    expect(await harness.cases.listByStatus('QUEUED', 10)).toHaveLength(1);
    // Numbered once, and found by its number through the protocol index, with no pointer item.
    expect((await harness.cases.getByProtocol(stored?.protocol as string))?.caseId).toBe('email:ses-spoof');
    expect(await protocolPointers()).toEqual([]);
    const queueOfReview = await new DynamoQuarantineStore(harness.client, harness.tableName).listQuarantined({
      limit: 10,
    });
    expect(queueOfReview.items).toEqual([]);
    // …and released as an open case, nothing of it expires until it closes.
    expect(await expiring()).toEqual([]);
  });

  describe("the delivery claim is the mail's Message-ID pointer (issue 16)", () => {
    const pointer = async (id: string) =>
      (
        await harness.client.send(
          new GetCommand({ TableName: harness.tableName, Key: { pk: `MSGID#${id}`, sk: 'MSGID' } }),
        )
      ).Item;
    const deliveryItems = async () => {
      const { Items } = await harness.client.send(
        new ScanCommand({
          TableName: harness.tableName,
          FilterExpression: 'begins_with(pk, :d)',
          ExpressionAttributeValues: { ':d': 'DELIVERY#' },
        }),
      );
      return Items ?? [];
    };
    const withMessageId = (raw: Buffer, from: string | null, id: string) => {
      let text = raw.toString('latin1').replace(/^Message-ID: .*$/im, `Message-ID: <${id}>`);
      if (from)
        text = text.replace(/^From: .*$/im, `From: ${from}`).replace(/^Return-Path: .*$/im, `Return-Path: <${from}>`);
      return Buffer.from(text, 'latin1');
    };

    it('an accepted mail: one pointer, claimed first, no TTL; a copy under another delivery id is a duplicate', async () => {
      const raw = eml('01-accepted-ticket-48213.eml');
      await harness.deliver('ses-a', raw);
      expect(await pointer('CAK7f1x2Qm9bLd0Zp48213a@mail.gmail.com')).toEqual({
        pk: 'MSGID#CAK7f1x2Qm9bLd0Zp48213a@mail.gmail.com',
        sk: 'MSGID',
        type: 'MSGID',
        caseId: 'email:ses-a',
        deliveryKey: expect.stringMatching(/^[0-9a-f]{40}$/),
        // Dated in the claiming write: a copy tells a live attempt from a dead one by it.
        claimedAt: clock.now().toISOString(),
      });
      expect(await deliveryItems()).toEqual([]);
      await harness.deliver('ses-b', raw);
      expect(await harness.cases.get('email:ses-b')).toBeNull();
      expect(await ses.outbox()).toHaveLength(1);
      expect(harness.queue.messages).toHaveLength(1);
    });

    it("a redirected mail: the pointer takes the record's TTL and keeps the claim, so a later copy is still a duplicate", async () => {
      const raw = eml('05-not-a-client-prices.eml');
      await harness.deliver('ses-r1', raw);
      const stored = await harness.cases.get('email:ses-r1');
      expect(stored?.outcome).toBe('NOT_A_CLIENT');
      const claim = await pointer('CAOpq9x+Rafael0005vT3@mail.gmail.com');
      expect(claim).toMatchObject({ caseId: 'email:ses-r1', deliveryKey: expect.any(String) });
      expect(claim?.['expiresAt']).toEqual(expect.any(Number));
      await harness.deliver('ses-r2', raw);
      expect(await harness.cases.get('email:ses-r2')).toBeNull();
      expect(await ses.outbox()).toHaveLength(1);
    });

    it("a redirected mail leaves nothing that outlives the record: its guidance reply's pointers expire with it", async () => {
      await harness.deliver('ses-r1', eml('05-not-a-client-prices.eml'));
      const { Items } = await harness.client.send(
        new ScanCommand({
          TableName: harness.tableName,
          FilterExpression: 'pk = :pk OR caseId = :id',
          ExpressionAttributeValues: { ':pk': 'CASE#email:ses-r1', ':id': 'email:ses-r1' },
        }),
      );
      const ttl = (Items ?? []).find((i) => i['sk'] === 'CASE')?.[TTL_ATTRIBUTE];
      expect(ttl).toEqual(expect.any(Number));
      // The reply's pointers (ours, SES's) carry the recipient's address: they go with the record.
      expect((Items ?? []).filter((i) => Array.isArray(i['sentTo'])).length).toBeGreaterThan(0);
      expect(Object.fromEntries((Items ?? []).map((i) => [`${i['pk']}/${i['sk']}`, i[TTL_ATTRIBUTE]]))).toEqual(
        Object.fromEntries((Items ?? []).map((i) => [`${i['pk']}/${i['sk']}`, ttl])),
      );
    });

    it('a Message-ID another sender used first stays that case’s; the second mail is claimed on its own item', async () => {
      const id = 'mesmo-id-0001@mail.example.net';
      await harness.deliver('ses-m1', withMessageId(eml('01-accepted-ticket-48213.eml'), null, id));
      const other = withMessageId(eml('05-not-a-client-prices.eml'), null, id);
      await harness.deliver('ses-m2', other);
      expect((await harness.cases.get('email:ses-m2'))?.outcome).toBe('NOT_A_CLIENT');
      expect(await pointer(id)).toMatchObject({ caseId: 'email:ses-m1' });
      expect(await deliveryItems()).toEqual([expect.objectContaining({ caseId: 'email:ses-m2' })]);
      // A copy of the second mail is its duplicate, through its own claim item.
      await harness.deliver('ses-m3', other);
      expect(await harness.cases.get('email:ses-m3')).toBeNull();
      expect(await ses.outbox()).toHaveLength(2);
    });

    it("a data-subject request about the second sender neither shows nor erases the first sender's pointer", async () => {
      const id = 'mesmo-id-0002@mail.example.net';
      await harness.deliver('ses-n1', withMessageId(eml('01-accepted-ticket-48213.eml'), null, id));
      await harness.deliver('ses-n2', withMessageId(eml('05-not-a-client-prices.eml'), null, id));
      const store = new DynamoDataSubjectStore(harness.client, harness.tableName);
      const [second] = await store.cases('rafael.souza@gmail.com');
      expect(second?.caseId).toBe('email:ses-n2');
      // Only what names this case: the first sender's claim (its delivery key, its case) is not theirs.
      expect(second?.related.filter((r) => r.item['caseId'] !== 'email:ses-n2')).toEqual([]);
      for (const r of second?.related ?? []) await store.remove(r.key);
      expect(await pointer(id)).toMatchObject({ caseId: 'email:ses-n1' });
    });

    it('copies of one mail under different delivery ids racing make one case, one reply, one queue message', async () => {
      const raw = eml('01-accepted-ticket-48213.eml');
      const ids = ['ses-x1', 'ses-x2', 'ses-x3', 'ses-x4'];
      await Promise.all(ids.map((id) => harness.deliver(id, raw)));
      const cases = await harness.cases.listAll();
      expect(cases).toHaveLength(1);
      expect(await ses.outbox()).toHaveLength(1);
      expect(harness.queue.messages).toHaveLength(1);
      // The winner's case under its own delivery id; the losers stored nothing of theirs.
      expect(ids.map((id) => `email:${id}`)).toContain(cases[0]?.caseId);
      expect(await pointer('CAK7f1x2Qm9bLd0Zp48213a@mail.gmail.com')).toMatchObject({ caseId: cases[0]?.caseId });
    });

    it('a copy under a new delivery id after the first attempt failed before storing its case makes the one case', async () => {
      const raw = eml('01-accepted-ticket-48213.eml');
      const create = harness.cases.create.bind(harness.cases);
      harness.cases.create = async () => {
        throw Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), {
          name: 'ProvisionedThroughputExceededException',
        });
      };
      await expect(harness.deliver('ses-lost', raw)).rejects.toThrow(/throughput/);
      harness.cases.create = create;
      // Seconds later its attempt could still be at work: a copy then is a copy of its case.
      clock.advance(5_000);
      await harness.deliver('ses-early', raw);
      expect(await harness.cases.listAll()).toHaveLength(0);
      // Past the function's timeout (the local SMTP server's 451, a re-injection): two copies at once.
      clock.advance(2 * 60_000);
      await Promise.all(['ses-copy-1', 'ses-copy-2'].map((id) => harness.deliver(id, raw)));
      // The first delivery's own retry, later still, finds that case.
      clock.advance(60_000);
      await harness.deliver('ses-lost', raw);
      const cases = await harness.cases.listAll();
      expect(cases).toHaveLength(1);
      expect(['email:ses-copy-1', 'email:ses-copy-2']).toContain(cases[0]?.caseId);
      expect(cases[0]).toMatchObject({ outcome: 'ACCEPTED', status: 'QUEUED', reply: { status: 'sent' } });
      expect(await ses.outbox()).toHaveLength(1);
      expect(harness.queue.messages.map((m) => m.caseId)).toEqual([cases[0]?.caseId]);
      expect(await pointer('CAK7f1x2Qm9bLd0Zp48213a@mail.gmail.com')).toMatchObject({ caseId: cases[0]?.caseId });
      expect(await harness.deps.service.intake.openCases.count('lojista@modasbella.com.br')).toBe(1);
    });

    it("a follow-up's claim does not outlive the mail's identity: the parent takes it, or it expires", async () => {
      await harness.deliver('ses-p', eml('01-accepted-ticket-48213.eml'));
      const parent = await harness.cases.get('email:ses-p');
      const ackId = parent!.messageIds.find((id) => id.endsWith('@ouvidoria.example.com.br'))!;
      const reply = [
        'From: Marina Costa <lojista@modasbella.com.br>',
        'To: ouvidoria@ouvidoria.example.com.br',
        `Subject: Re: [${parent!.protocol}] Recebemos sua manifestação`,
        'Message-ID: <resposta-claim@mail.modasbella.com.br>',
        `In-Reply-To: <${ackId}>`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Mais um detalhe sobre o frete.',
        '',
      ].join('\r\n');
      await harness.deliver('ses-f', reply);
      expect((await harness.cases.get('email:ses-p'))?.messages.map((m) => m.sourceId)).toEqual(['ses-p', 'ses-f']);
      const claim = await pointer('resposta-claim@mail.modasbella.com.br');
      if (harness.deps.service.intake.lifecycle) {
        expect(claim).toMatchObject({ caseId: 'email:ses-f', expiresAt: expect.any(Number) });
      } else {
        expect(claim).toMatchObject({ caseId: 'email:ses-p' });
      }
      // A copy under another delivery id appends nothing.
      await harness.deliver('ses-f2', reply);
      expect((await harness.cases.get('email:ses-p'))?.messages).toHaveLength(2);
    });
  });

  it('eight unproven copies of her address and ticket at once: accepted only up to her open-case cap, the rest held unanswered', async () => {
    // No check proves the From (SPF, DKIM and DMARC gray): a store's own domain, or anyone writing in its name.
    const limit = localConfig.limits.maxOpenCasesPerSender;
    const copies = Array.from({ length: limit + 3 }, (_, i) =>
      eml('01-accepted-ticket-48213.eml')
        .toString('utf8')
        .replace('<CAK7f1x2Qm9bLd0Zp48213a@mail.gmail.com>', `<copy-${i}@attacker.example>`)
        .replace('Subject: Pedidos não sincronizam', `Subject: Pedidos (${i}) não sincronizam`),
    );
    const gray = { spf: 'GRAY', dkim: 'GRAY', dmarc: 'GRAY' };
    await Promise.all(copies.map((raw, i) => harness.deliver(`ses-unproven-${i}`, raw, gray)));
    const cases = await harness.cases.listAll();
    expect(cases.filter((c) => c.outcome === 'ACCEPTED')).toHaveLength(limit);
    expect(cases.filter((c) => c.outcome === 'QUARANTINED')).toHaveLength(3);
    expect(harness.queue.messages).toHaveLength(limit);
    expect(await outboxTo('lojista@modasbella.com.br')).toHaveLength(limit);
  });

  it('makes one case, one reply and one queue message when SES delivers the same event twice concurrently', async () => {
    const raw = eml('01-accepted-ticket-48213.eml');
    await Promise.all([harness.deliver('ses-dup', raw), harness.deliver('ses-dup', raw)]);
    const all = await harness.cases.listAll();
    expect(all).toHaveLength(1);
    expect(await ses.outbox()).toHaveLength(1);
    expect(new Set(harness.queue.messages.map((m) => m.caseId))).toEqual(new Set(['email:ses-dup']));
    // One number, resolving to the one case; the accepted mail wrote no PROTOCOL# item.
    expect(new Set(harness.queue.messages.map((m) => m.protocol))).toEqual(new Set([all[0]?.protocol]));
    expect((await harness.cases.getByProtocol(all[0]?.protocol as string))?.caseId).toBe('email:ses-dup');
    expect(await protocolPointers()).toEqual([]);
  });

  it('six deliveries of one mail racing make one case and one reply; numbers stay unique, losers give theirs back', async () => {
    const raw = eml('01-accepted-ticket-48213.eml');
    await Promise.all(Array.from({ length: 6 }, () => harness.deliver('ses-race', raw)));
    expect(await harness.cases.listAll()).toHaveLength(1);
    expect(await ses.outbox()).toHaveLength(1);
    expect(new Set(harness.queue.messages.map((m) => m.caseId))).toEqual(new Set(['email:ses-race']));
    const first = await harness.cases.get('email:ses-race');
    // Each loser drew a number before its create lost; it gives it back while nobody has drawn
    // since, so at most the five losers' numbers are skipped, and none is handed out twice.
    // Another merchant's accepted mail (the same merchant's same ticket would join her open case).
    await harness.deliver('ses-next', eml('02-billing-complaint-ticket-48214.eml'));
    const next = await harness.cases.get('email:ses-next');
    const seq = (p?: string) => Number(p?.slice(-6));
    expect(next?.outcome).toBe('ACCEPTED');
    expect(seq(next?.protocol) - seq(first?.protocol)).toBeGreaterThanOrEqual(1);
    expect(seq(next?.protocol) - seq(first?.protocol)).toBeLessThanOrEqual(6);
  });

  it('her two mails naming ticket 48213, delivered at once, make one case: the later retries and is appended', async () => {
    const raw = eml('01-accepted-ticket-48213.eml').toString('latin1');
    const second = raw
      .replace(/^Message-ID: .*$/im, 'Message-ID: <reforco-48213@mail.gmail.com>')
      .replace(/^Subject: .*$/im, 'Subject: Reforçando o chamado #48213');
    const results = await Promise.allSettled([
      harness.deliver('ses-a', raw),
      harness.deliver('ses-b', Buffer.from(second, 'latin1')),
    ]);
    const failed = results.filter((r) => r.status === 'rejected');
    expect(failed.length).toBeLessThanOrEqual(1);
    // Lambda retries the delivery that found the ticket's case not stored yet.
    if (results[0].status === 'rejected') await harness.deliver('ses-a', raw);
    if (results[1].status === 'rejected') await harness.deliver('ses-b', Buffer.from(second, 'latin1'));
    const all = await harness.cases.listAll();
    expect(all).toHaveLength(1);
    expect(all[0]?.messages).toHaveLength(2);
    expect(harness.queue.messages).toHaveLength(1);
    expect(await ses.outbox()).toHaveLength(1);
  });

  const throttled = () =>
    Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), {
      name: 'ProvisionedThroughputExceededException',
      $retryable: undefined,
    });
  /** The pk of the item an update writes: the failure point is named by what it writes, not by a count. */
  const pkOf = (args: unknown) => String((args as { input?: { Key?: { pk?: unknown } } }).input?.Key?.pk ?? '');

  it.each([
    {
      // The mail counts its case after the create: its From is proven by an aligned SPF pass alone
      // (no DMARC published), which threading takes but a join by ticket does not.
      name: 'the sender’s open cases fail after the case was written numbered and with its reply claimed (a mail proven by SPF alone)',
      verdicts: { spf: 'PASS', dkim: 'GRAY', dmarc: 'GRAY' },
      fails: 'dynamo',
      point: (pk: string, updates: number) => updates === 3 && pk.startsWith('OPEN#'),
      stored: { reply: { status: 'failed' } },
    },
    {
      // A proven mail counts its case (claiming its ticket) before the create: after the case was
      // written, the next request is the assignment queue's.
      name: 'the queue fails after the case was written numbered and with its reply claimed (a proven mail)',
      verdicts: {},
      fails: 'queue',
      point: () => false,
      stored: { reply: { status: 'failed' } },
    },
    {
      name: 'the sender’s open cases (claiming ticket 48213) fail before anything of the case is written (a proven mail)',
      verdicts: {},
      fails: 'dynamo',
      point: (pk: string) => pk.startsWith('OPEN#'),
      stored: null,
    },
    {
      name: 'the protocol counter fails after her ticket was claimed, before the case is written (a proven mail)',
      verdicts: {},
      fails: 'dynamo',
      point: (pk: string) => pk.startsWith('COUNTER#'),
      stored: null,
    },
  ] as const)(
    'completes on retry without loss or duplicates when $name',
    async ({ verdicts, fails, point, stored }) => {
      // Same emulator, a client whose update at the named point fails once, like a throttled request.
      const client = documentClient({ endpoint: dynalite.endpoint });
      let updates = 0;
      let failed = false;
      client.middlewareStack.add(
        (next, context) => async (args) => {
          const isUpdate = /^Update(Item)?Command$/.test(context.commandName ?? '');
          if (isUpdate) updates += 1;
          if (isUpdate && fails === 'dynamo' && !failed && point(pkOf(args), updates)) {
            failed = true;
            throw throttled();
          }
          return next(args);
        },
        { step: 'initialize', name: 'failOnce' },
      );
      tableCount += 1;
      const faulty = await buildHarness({
        dynamoEndpoint: dynalite.endpoint,
        sesEndpoint: ses.endpoint,
        tableName: `ouvidoria-intake-${tableCount}`,
        clock,
        client,
      });
      if (fails === 'queue') {
        const queue = faulty.deps.service.intake.queue;
        faulty.deps.service.intake.queue = {
          enqueue: async (message) => {
            if (!failed) {
              failed = true;
              throw throttled();
            }
            return queue.enqueue(message);
          },
        };
      }
      const raw = eml('01-accepted-ticket-48213.eml');
      await expect(faulty.deliver('ses-fault', raw, verdicts)).rejects.toThrow(/throughput/);
      expect(failed).toBe(true);
      // A claim the creating write took was given up as a failed reply: the retry (Lambda retries an
      // asynchronous event after a minute or more) retakes it. Before the create, nothing is stored.
      if (stored) expect(await faulty.cases.get('email:ses-fault')).toMatchObject(stored);
      else expect(await faulty.cases.get('email:ses-fault')).toBeNull();
      clock.advance(REPLY_CLAIM_STALE_MS + 1000);
      await faulty.deliver('ses-fault', raw, verdicts);

      const all = await faulty.cases.listAll();
      expect(all).toHaveLength(1);
      expect(all[0]).toMatchObject({
        caseId: 'email:ses-fault',
        outcome: 'ACCEPTED',
        protocol: 'OUV-2026-000001',
        status: 'QUEUED',
      });
      expect(await ses.outbox()).toHaveLength(1);
      expect(faulty.queue.messages).toHaveLength(1);
      expect(await faulty.deps.service.intake.openCases.count('lojista@modasbella.com.br')).toBe(1);
    },
  );

  it('completes on retry when SES fails once', async () => {
    const mailer = harness.deps.service.intake.mailer;
    let failed = false;
    harness.deps.service.intake.mailer = {
      send: async (mail) => {
        if (!failed) {
          failed = true;
          throw Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'TooManyRequestsException' });
        }
        return mailer.send(mail);
      },
    };
    const raw = eml('08-no-prior-ticket.eml');
    // The case is stored first; the transient reply failure makes the platform retry the delivery.
    await expect(harness.deliver('ses-sesfail', raw)).rejects.toThrow(ReplyNotSentYet);
    expect((await harness.cases.get('email:ses-sesfail'))?.reply?.status).toBe('failed');
    await harness.deliver('ses-sesfail', raw);
    expect((await harness.cases.get('email:ses-sesfail'))?.reply?.status).toBe('sent');
    expect(await ses.outbox()).toHaveLength(1);
  });
});
