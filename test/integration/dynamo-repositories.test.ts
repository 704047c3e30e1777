import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoBounceRegistry } from '../../shared/adapters/dynamo/bounce-registry';
import { caseItemKey, DynamoCaseRepository, TRUNCATION_NOTE } from '../../shared/adapters/dynamo/case-repository';
import { applyCaseRetention } from '../../shared/adapters/dynamo/case-retention';
import { documentClient } from '../../shared/adapters/dynamo/client';
import { createTableIfMissing } from '../../shared/adapters/dynamo/create-table';
import { DynamoRateLimiter } from '../../shared/adapters/dynamo/rate-limiter';
import { DynamoReplyThrottle } from '../../shared/adapters/dynamo/reply-throttle';
import { DynamoStaffRepository } from '../../shared/adapters/dynamo/staff-repository';
import { DynamoSurveyStore } from '../../shared/adapters/dynamo/survey-store';
import { putTicket, TableTicketDirectory } from '../../shared/adapters/dynamo/ticket-table-directory';
import { type CaseMessage, type CaseRecord, MAX_CITED_BY } from '../../shared/domain/case';
import { type DynaliteHandle, EMULATOR_CREDENTIALS, EMULATOR_REGION, startDynalite } from '../support/emulators';
import { aDecision } from '../support/builders';

const TABLE = 'ouvidoria-test';
let dynalite: DynaliteHandle;
let doc: DynamoDBDocumentClient;
let raw: DynamoDBClient;
let cases: DynamoCaseRepository;
let staff: DynamoStaffRepository;

beforeAll(async () => {
  dynalite = await startDynalite();
  raw = new DynamoDBClient({ endpoint: dynalite.endpoint, region: EMULATOR_REGION, credentials: EMULATOR_CREDENTIALS });
  await createTableIfMissing(raw, TABLE);
  // A second call finds the table and only waits.
  await createTableIfMissing(raw, TABLE);
  doc = documentClient({ endpoint: dynalite.endpoint, region: EMULATOR_REGION });
  cases = new DynamoCaseRepository({ client: doc, tableName: TABLE });
  staff = new DynamoStaffRepository(doc, TABLE);
});

afterAll(async () => {
  doc?.destroy();
  raw?.destroy();
  await dynalite?.stop();
});

let seq = 0;
function message(overrides: Partial<CaseMessage> = {}): CaseMessage {
  return {
    sourceId: `ses-${++seq}`,
    channel: 'email',
    receivedAt: '2026-03-02T12:00:00.000Z',
    subject: 'Reclamação sobre cobrança indevida — chamado 48213',
    text: 'Olá, abri o chamado #48213 há duas semanas e a cobrança em duplicidade continua na fatura de março. Não tive retorno.',
    attachments: [
      { filename: 'fatura-março.pdf', contentType: 'application/pdf', size: 18234, partId: '2', inline: false },
    ],
    raw: { bucket: 'raw-mail', key: `inbound/ses-${seq}` },
    messageId: `CAF${seq}@mail.gmail.com`,
    ...overrides,
  };
}

function record(overrides: Partial<CaseRecord> = {}): CaseRecord {
  const first = message();
  const caseId = overrides.caseId ?? `email:${first.sourceId}`;
  return {
    caseId,
    channel: 'email',
    sourceId: first.sourceId,
    status: 'QUEUED',
    outcome: 'ACCEPTED',
    decision: aDecision('ACCEPTED'),
    ticketCandidates: [{ number: '48213', source: 'body', score: 0.9, evidence: 'abri o chamado #48213 há' }],
    senderName: 'João Conceição',
    senderEmail: 'joao.conceicao@lojadojoao.com.br',
    storeName: 'Loja do João',
    subject: first.subject,
    verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'GRAY' },
    createdAt: '2026-03-02T12:00:01.000Z',
    updatedAt: '2026-03-02T12:00:01.000Z',
    messages: [first],
    messageIds: [first.messageId!],
    ...overrides,
  };
}

describe('DynamoCaseRepository on dynalite', () => {
  it('round-trips a record faithfully (maps, lists, accents)', async () => {
    const r = record({ linkedProtocol: 'OUV-2025-000077' });
    const { created, record: stored } = await cases.create(r);
    expect(created).toBe(true);
    expect(stored).toEqual(r);
    expect(await cases.get(r.caseId)).toEqual(r);
    expect(await cases.get('email:does-not-exist')).toBeNull();
  });

  it('finds the first stored of several cases in one BatchGetItem, then reads only that one whole', async () => {
    const older = record();
    const newer = record();
    await cases.create(older);
    await cases.create(newer);
    await cases.appendMessage(older.caseId, message({ receivedAt: '2026-03-03T09:00:00.000Z' }));
    const sent: string[] = [];
    const traced = documentClient({ endpoint: dynalite.endpoint, region: EMULATOR_REGION });
    traced.middlewareStack.add(
      (next, context) => async (args) => {
        sent.push(String(context.commandName));
        return next(args);
      },
      { step: 'initialize', name: 'trace' },
    );
    const repo = new DynamoCaseRepository({ client: traced, tableName: TABLE });
    // Order decides: the first id that is stored, as get returns it (follow-ups included).
    expect(await repo.getFirstStored(['email:none', older.caseId, newer.caseId])).toEqual(
      await cases.get(older.caseId),
    );
    expect(sent).toEqual(['BatchGetItemCommand', 'QueryCommand']);
    expect((await repo.getFirstStored([newer.caseId, older.caseId]))?.caseId).toBe(newer.caseId);
    sent.length = 0;
    // None stored: the one request and nothing else.
    expect(await repo.getFirstStored(['email:none-1', 'email:none-2'])).toBeNull();
    expect(sent).toEqual(['BatchGetItemCommand']);
    // One id is a plain get; none, no request.
    expect(await repo.getFirstStored([newer.caseId])).toEqual(newer);
    expect(await repo.getFirstStored([])).toBeNull();
    traced.destroy();
  });

  it('creates once under 10 concurrent creates of the same caseId', async () => {
    const r = record();
    const results = await Promise.all(Array.from({ length: 10 }, () => cases.create(structuredClone(r))));
    expect(results.filter((x) => x.created)).toHaveLength(1);
    for (const x of results) expect(x.record.caseId).toBe(r.caseId);
    // A later duplicate with different content gets the stored record back, unchanged.
    const again = await cases.create({ ...r, subject: 'outro assunto' });
    expect(again).toEqual({ created: false, record: r });
  });

  it('caps a huge first message and says so when read back', async () => {
    const big = 'Cobrança indevida. '.repeat(10_000); // ~190 KB
    const r = record();
    r.messages[0]!.text = big;
    await cases.create(r);
    const stored = await cases.get(r.caseId);
    const text = stored!.messages[0]!.text;
    expect(text.endsWith(TRUNCATION_NOTE)).toBe(true);
    expect(Buffer.byteLength(text.slice(0, -TRUNCATION_NOTE.length))).toBeLessThanOrEqual(60_000);
    expect(big.startsWith(text.slice(0, -TRUNCATION_NOTE.length))).toBe(true);
  });

  it('hands out sequential, unique protocol numbers under 50 concurrent calls', async () => {
    const got = await Promise.all(Array.from({ length: 50 }, () => cases.nextProtocol(2031)));
    const sorted = [...got].sort();
    expect(new Set(got).size).toBe(50);
    expect(sorted[0]).toBe('OUV-2031-000001');
    expect(sorted[49]).toBe('OUV-2031-000050');
    expect(await cases.nextProtocol(2032)).toBe('OUV-2032-000001');
  });

  it('creates a numbered case with its reply claimed in the same write (issue 16)', async () => {
    const r = record({ protocol: await cases.nextProtocol(2033) });
    const claimedAt = new Date('2026-03-02T12:00:01.000Z');
    const ours = 'k7vkhlppjegrqodob6bdpq@ouvidoria.example.com.br';
    const created = await cases.create(r, { replyClaim: { at: claimedAt, messageIds: [ours] } });
    expect(created.created).toBe(true);
    expect(created.record.messageIds).toEqual([...r.messageIds, ours]);
    expect(await cases.get(r.caseId)).toEqual(created.record);
    expect((await cases.getByProtocol(r.protocol as string))?.caseId).toBe(r.caseId);
    // The claim is held: no one else claims until it goes stale; our id has no pointer before the send.
    expect(await cases.claimReply(r.caseId, new Date(claimedAt.getTime() + 10_000), 45_000)).toBe(false);
    expect(await cases.claimReply(r.caseId, new Date(claimedAt.getTime() + 46_000), 45_000)).toBe(true);
    expect(await cases.findByMessageId(ours)).toBeNull();
    // A losing create writes none of its bookkeeping, and keeps the winner's number.
    const lost = await cases.create(
      { ...r, protocol: 'OUV-2033-000999' },
      { replyClaim: { at: claimedAt, messageIds: ['x@y'] } },
    );
    expect(lost).toMatchObject({
      created: false,
      record: { protocol: r.protocol, messageIds: [...r.messageIds, ours] },
    });
    expect(await cases.getByProtocol('OUV-2033-000999')).toBeNull();
  });

  it('draws for one case id get one number while no other case drew in between; never a number twice', async () => {
    const concurrent = await Promise.all(Array.from({ length: 10 }, () => cases.nextProtocol(2038, 'webform:x')));
    expect(new Set(concurrent)).toEqual(new Set(['OUV-2038-000001']));
    const other = await cases.nextProtocol(2038, 'webform:y');
    expect(other).toBe('OUV-2038-000002');
    // The last number is another case's now: a draw for x gets a new one.
    expect(await cases.nextProtocol(2038, 'webform:x')).toBe('OUV-2038-000003');
    // A plain draw is nobody's: the next draw for x does not get it.
    expect(await cases.nextProtocol(2038)).toBe('OUV-2038-000004');
    expect(await cases.nextProtocol(2038, 'webform:x')).toBe('OUV-2038-000005');
    // Given back (nobody drew since): the counter forgets whose it was.
    await cases.releaseProtocol('OUV-2038-000005');
    expect(await cases.nextProtocol(2038, 'webform:z')).toBe('OUV-2038-000005');
    expect(await cases.nextProtocol(2038, 'webform:x')).toBe('OUV-2038-000006');
  });

  it('gives a protocol number back only while the counter still stands at it', async () => {
    const a = await cases.nextProtocol(2034);
    await cases.releaseProtocol(a);
    await cases.releaseProtocol(a);
    expect(await cases.nextProtocol(2034)).toBe(a);
    const b = await cases.nextProtocol(2034);
    // Someone drew after `a`: giving `a` back now would hand `b` out twice; it stays unused.
    await cases.releaseProtocol(a);
    expect(await cases.nextProtocol(2034)).not.toBe(b);
    await expect(cases.releaseProtocol('OUV-34-1')).rejects.toThrow(/protocol/i);
    // Concurrent give-backs of one number step the counter back once.
    const c = await cases.nextProtocol(2035);
    await Promise.all(Array.from({ length: 5 }, () => cases.releaseProtocol(c)));
    expect(await cases.nextProtocol(2035)).toBe(c);
  });

  it('a duplicate create keeps the recipients on the pointers of mail we sent', async () => {
    const r = record();
    await cases.create(r, { replyClaim: { at: new Date(), messageIds: ['ack-1@ouvidoria.example.com.br'] } });
    await cases.addMessageIds(r.caseId, ['ack-1@ouvidoria.example.com.br'], [r.senderEmail], { listedOnCase: true });
    expect((await cases.create(r)).created).toBe(false);
    expect(await cases.findSentMail('ack-1@ouvidoria.example.com.br')).toEqual({
      caseId: r.caseId,
      recipients: [r.senderEmail.toLowerCase()],
    });
  });

  it('sets the protocol once, and finds the case by it', async () => {
    const r = record();
    await cases.create(r);
    const p1 = await cases.nextProtocol(2026);
    const p2 = await cases.nextProtocol(2026);
    const [a, b] = await Promise.all([cases.setProtocolOnce(r.caseId, p1), cases.setProtocolOnce(r.caseId, p2)]);
    expect(a).toBe(b);
    expect([p1, p2]).toContain(a);
    expect(await cases.setProtocolOnce(r.caseId, p2 === a ? p1 : p2)).toBe(a);
    expect((await cases.getByProtocol(a))?.caseId).toBe(r.caseId);
    expect((await cases.getByProtocol(a.toLowerCase()))?.caseId).toBe(r.caseId);
    expect(await cases.getByProtocol(p1 === a ? p2 : p1)).toBeNull();
    expect(await cases.getByProtocol('OUV-2026-99999999')).toBeNull();
    expect(await cases.getByProtocol('not a protocol')).toBeNull();
    await expect(cases.setProtocolOnce(r.caseId, 'OUV-26-1')).rejects.toThrow(/protocol/i);
    await expect(cases.setProtocolOnce('email:missing', await cases.nextProtocol(2026))).rejects.toThrow(/not found/);
  });

  it('finds a numbered case through the protocol index: no PROTOCOL# item, a survey answer is not a case', async () => {
    const r = record({ protocol: await cases.nextProtocol(2036) });
    await cases.create(r);
    const pointer = await doc.send(
      new GetCommand({ TableName: TABLE, Key: { pk: `PROTOCOL#${r.protocol}`, sk: 'PROTOCOL' }, ConsistentRead: true }),
    );
    expect(pointer.Item).toBeUndefined();
    // The answer carries `protocol` too, so the index lists it; the lookup keeps the case.
    await new DynamoSurveyStore(doc, TABLE).record({
      protocol: r.protocol as string,
      score: 5,
      answeredAt: r.createdAt,
    });
    expect((await cases.getByProtocol(r.protocol as string))?.caseId).toBe(r.caseId);
    expect((await cases.getByProtocol((r.protocol as string).toLowerCase()))?.caseId).toBe(r.caseId);
  });

  it('still resolves a number held by a legacy PROTOCOL# pointer the index does not list', async () => {
    // As a table deployed before the index, while the index is being filled: the pointer only.
    const r = record();
    await cases.create(r);
    const legacy = 'OUV-2037-000001';
    await doc.send(
      new PutCommand({
        TableName: TABLE,
        Item: { pk: `PROTOCOL#${legacy}`, sk: 'PROTOCOL', type: 'PROTOCOL', caseId: r.caseId },
      }),
    );
    expect((await cases.getByProtocol(legacy.toLowerCase()))?.caseId).toBe(r.caseId);
    expect(await cases.getByProtocol('OUV-2037-000002')).toBeNull();
  });

  it('refuses to pick when two cases carry one number (only a counter reset could do it)', async () => {
    const protocol = 'OUV-2038-000001';
    await cases.create(record({ protocol }));
    await cases.create(record({ protocol }));
    await expect(cases.getByProtocol(protocol)).rejects.toThrow(/on 2 cases/);
  });

  it('threads by Message-ID: stored ids, added ids, first case keeps an id', async () => {
    const r = record();
    await cases.create(r);
    expect((await cases.findByMessageId(r.messageIds[0]!))?.caseId).toBe(r.caseId);
    expect((await cases.findByMessageId(`<${r.messageIds[0]}>`))?.caseId).toBe(r.caseId);
    await cases.addMessageIds(r.caseId, ['<ouv.abc123@ouvidoria.bagy.com.br>', '0100018e@email.amazonses.com']);
    await cases.addMessageIds(r.caseId, ['ouv.abc123@ouvidoria.bagy.com.br']);
    expect((await cases.findByMessageId('ouv.abc123@ouvidoria.bagy.com.br'))?.caseId).toBe(r.caseId);
    expect((await cases.get(r.caseId))?.messageIds).toEqual([
      r.messageIds[0],
      'ouv.abc123@ouvidoria.bagy.com.br',
      '0100018e@email.amazonses.com',
    ]);
    const other = record();
    await cases.create(other);
    await cases.addMessageIds(other.caseId, ['ouv.abc123@ouvidoria.bagy.com.br']);
    expect((await cases.findByMessageId('ouv.abc123@ouvidoria.bagy.com.br'))?.caseId).toBe(r.caseId);
    expect((await cases.get(other.caseId))?.messageIds).toEqual(other.messageIds);
    expect(await cases.findByMessageId('unknown@example.com')).toBeNull();
    expect(await cases.findByMessageId('  <> ')).toBeNull();
  });

  it('the pointers of a mail we just sent (minted ids) thread and answer delivery reports', async () => {
    const r = record();
    await cases.create(r);
    const ids = [
      'ouv.minted1@ouvidoria.bagy.com.br',
      '0100019c@us-east-1.amazonses.com',
      '0100019c@email.amazonses.com',
    ];
    await cases.addMessageIds(r.caseId, ids, ['Lojista@Exemplo.com.br'], {
      listedOnCase: true,
      sentByUs: true,
      minted: true,
    });
    for (const id of ids) {
      expect((await cases.findByMessageId(`<${id}>`))?.caseId).toBe(r.caseId);
      expect(await cases.findSentMail(id)).toEqual({ caseId: r.caseId, recipients: ['lojista@exemplo.com.br'] });
    }
    // listedOnCase: the case write that carried them listed them; the pointers add nothing there.
    expect((await cases.get(r.caseId))?.messageIds).toEqual(r.messageIds);
  });

  it("SES's two forms of an id we sent share one pointer; older per-form pointers still thread", async () => {
    const r = record();
    await cases.create(r);
    const forms = ['0100019a-ses@us-east-1.amazonses.com', '0100019a-ses@email.amazonses.com'];
    await cases.addMessageIds(r.caseId, forms, ['Lojista@Exemplo.com.br'], { sentByUs: true });
    const shared = await doc.send(
      new GetCommand({ TableName: TABLE, Key: { pk: 'MSGID#0100019a-ses@amazonses.com', sk: 'MSGID' } }),
    );
    expect(shared.Item).toMatchObject({ caseId: r.caseId, sentTo: ['lojista@exemplo.com.br'] });
    for (const form of forms) {
      const own = await doc.send(new GetCommand({ TableName: TABLE, Key: { pk: `MSGID#${form}`, sk: 'MSGID' } }));
      expect(own.Item).toBeUndefined();
      expect((await cases.findByMessageId(`<${form}>`))?.caseId).toBe(r.caseId);
      expect(await cases.findSentMail(form)).toEqual({ caseId: r.caseId, recipients: ['lojista@exemplo.com.br'] });
    }
    expect((await cases.get(r.caseId))?.messageIds).toEqual([...r.messageIds, ...forms]);
    // A pointer registered per form (before the shared key) is found by its own key.
    const older = record();
    await cases.create(older);
    await cases.addMessageIds(older.caseId, ['0100017f-old@email.amazonses.com']);
    expect((await cases.findByMessageId('0100017f-old@email.amazonses.com'))?.caseId).toBe(older.caseId);
    // A later mail claiming one of our SES ids as its own does not take the thread over.
    const intruder = record({ messageIds: ['0100019a-ses@email.amazonses.com'] });
    await cases.create(intruder);
    expect((await cases.findByMessageId('0100019a-ses@email.amazonses.com'))?.caseId).toBe(r.caseId);
  });

  it('retention tags the shared SES pointer, and per-form pointers only where there is no shared one', async () => {
    const r = record();
    await cases.create(r);
    await cases.addMessageIds(r.caseId, ['0100019b@us-east-1.amazonses.com', '0100019b@email.amazonses.com'], [], {
      sentByUs: true,
    });
    await cases.addMessageIds(r.caseId, ['0100017e@email.amazonses.com']);
    const ids = (await cases.get(r.caseId))!.messageIds;
    await applyCaseRetention(doc, TABLE, { caseId: r.caseId, messageIds: ids }, 1_900_000_000);
    const ttl = async (pk: string) =>
      (await doc.send(new GetCommand({ TableName: TABLE, Key: { pk, sk: 'MSGID' } }))).Item?.['expiresAt'];
    expect(await ttl('MSGID#0100019b@amazonses.com')).toBe(1_900_000_000);
    expect(await ttl('MSGID#0100017e@email.amazonses.com')).toBe(1_900_000_000);
    expect(await ttl(`MSGID#${r.messageIds[0]}`)).toBe(1_900_000_000);
  });

  it('keeps every id when message ids are added concurrently', async () => {
    const r = record({ messageIds: [] });
    await cases.create(r);
    const ids = Array.from({ length: 8 }, (_, i) => `id-${i}@example.com`);
    await Promise.all(ids.map((id) => cases.addMessageIds(r.caseId, [id])));
    expect([...(await cases.get(r.caseId))!.messageIds].sort()).toEqual(ids);
  });

  it('appends follow-ups once, in time order, even when delivered twice', async () => {
    const r = record();
    await cases.create(r);
    const later = message({ receivedAt: '2026-03-04T10:00:00.000Z', text: 'Alguma novidade sobre o protocolo?' });
    const earlier = message({ receivedAt: '2026-03-03T09:00:00.000Z', text: 'Segue o comprovante.' });
    expect(await cases.appendMessage(r.caseId, later)).toBe(true);
    const dup = await Promise.all([
      cases.appendMessage(r.caseId, earlier),
      cases.appendMessage(r.caseId, earlier),
      cases.appendMessage(r.caseId, { ...earlier, receivedAt: '2026-03-03T09:00:05.000Z' }),
    ]);
    expect(dup.filter(Boolean)).toHaveLength(1);
    expect(await cases.appendMessage(r.caseId, later)).toBe(false);
    expect(await cases.appendMessage(r.caseId, r.messages[0]!)).toBe(false);
    const stored = await cases.get(r.caseId);
    expect(stored!.messages.map((m) => m.text)).toEqual([r.messages[0]!.text, earlier.text, later.text]);
    expect(stored!.updatedAt).toBe(later.receivedAt);
    await expect(cases.appendMessage('email:missing', message())).rejects.toThrow(/not found/);
  });

  it('keeps a raw copy with its case, once per delivery, expiring with the redirected retention; beside the case partition', async () => {
    const r = record();
    await cases.create(r);
    const copy = {
      deliveryId: 'ses-copy-1',
      raw: { bucket: 'raw', key: 'inbound/ses-copy-1' },
      receivedAt: r.createdAt,
    };
    await Promise.all([cases.keepRawCopy(r.caseId, copy), cases.keepRawCopy(r.caseId, copy)]);
    const { Items } = await doc.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `RAWCOPY#${r.caseId}` },
      }),
    );
    expect(Items).toEqual([
      {
        pk: `RAWCOPY#${r.caseId}`,
        sk: 'COPY#ses-copy-1',
        type: 'RAW_COPY',
        raw: copy.raw,
        receivedAt: r.createdAt,
        expiresAt: Math.floor(Date.parse(r.createdAt) / 1000) + 180 * 86_400,
      },
    ]);
    expect((await cases.get(r.caseId))?.messages).toHaveLength(r.messages.length);
  });

  it('lets exactly one of 10 concurrent callers claim the reply, and reclaims only a stale claim', async () => {
    const r = record();
    await cases.create(r);
    const t0 = new Date('2026-03-02T12:00:05Z');
    const claims = await Promise.all(Array.from({ length: 10 }, () => cases.claimReply(r.caseId, t0, 60_000)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await cases.claimReply(r.caseId, new Date(t0.getTime() + 30_000), 60_000)).toBe(false);
    const stale = new Date(t0.getTime() + 120_000);
    const reclaims = await Promise.all(Array.from({ length: 5 }, () => cases.claimReply(r.caseId, stale, 60_000)));
    expect(reclaims.filter(Boolean)).toHaveLength(1);
    await cases.recordReply(r.caseId, {
      status: 'sent',
      messageId: 'ouv.x@ouvidoria.bagy.com.br',
      at: stale.toISOString(),
    });
    expect(await cases.claimReply(r.caseId, new Date(stale.getTime() + 3_600_000), 60_000)).toBe(false);
    expect((await cases.get(r.caseId))?.reply).toEqual({
      status: 'sent',
      messageId: 'ouv.x@ouvidoria.bagy.com.br',
      at: stale.toISOString(),
    });
    expect(await cases.claimReply('email:missing', t0, 60_000)).toBe(false);
  });

  it('lets exactly one caller retake the reply after a failed send, and none after a sent one', async () => {
    const r = record();
    await cases.create(r);
    const t0 = new Date('2026-03-02T12:00:05Z');
    expect(await cases.claimReply(r.caseId, t0, 60_000)).toBe(true);
    await cases.recordReply(r.caseId, { status: 'failed', error: 'MessageRejected', at: t0.toISOString() });
    // Same instant on purpose: a fixed clock (local stack) must not let two callers in.
    const retakes = await Promise.all(Array.from({ length: 5 }, () => cases.claimReply(r.caseId, t0, 60_000)));
    expect(retakes.filter(Boolean)).toHaveLength(1);
    expect(await cases.claimReply(r.caseId, t0, 60_000)).toBe(false);
    await cases.recordReply(r.caseId, { status: 'suppressed', reason: 'bounce', at: t0.toISOString() });
    expect(await cases.claimReply(r.caseId, new Date(t0.getTime() + 86_400_000), 60_000)).toBe(false);
    // A reply recorded without any claim (suppressed up front) is never overwritten by a claim.
    const s = record();
    await cases.create(s);
    await cases.recordReply(s.caseId, { status: 'suppressed', reason: 'auto-submitted', at: t0.toISOString() });
    expect(await cases.claimReply(s.caseId, t0, 60_000)).toBe(false);
  });

  it('create returns, without reading back, exactly what get() reads (capped text, retention, no undefined)', async () => {
    const capped = record();
    capped.messages[0]!.text = 'Cobrança indevida. '.repeat(10_000);
    const redirected = record({ status: 'REDIRECTED', outcome: 'NO_PRIOR_TICKET', storeName: undefined });
    for (const r of [capped, redirected]) {
      const { created, record: returned } = await cases.create(r);
      expect(created).toBe(true);
      expect(returned).toStrictEqual(await cases.get(r.caseId));
    }
  });

  it('recordReply sets the reply and moves updatedAt forward only, in one write when it can', async () => {
    const r = record();
    await cases.create(r);
    await cases.recordReply(r.caseId, { status: 'sent', messageId: 'a@b', at: '2026-03-02T12:00:05.000Z' });
    expect((await cases.get(r.caseId))?.updatedAt).toBe('2026-03-02T12:00:05.000Z');
    // An out-of-order writer with an older time still records its reply, and updatedAt stays.
    await cases.recordReply(r.caseId, { status: 'suppressed', reason: 'x', at: '2026-03-02T12:00:02.000Z' });
    const stored = await cases.get(r.caseId);
    expect(stored?.reply).toEqual({ status: 'suppressed', reason: 'x', at: '2026-03-02T12:00:02.000Z' });
    expect(stored?.updatedAt).toBe('2026-03-02T12:00:05.000Z');
    await expect(cases.recordReply('email:missing', { status: 'suppressed', reason: 'x', at: 'z' })).rejects.toThrow();
  });

  it('keeps the first enqueue time and records the analyst notification once', async () => {
    const r = record();
    await cases.create(r);
    await cases.markEnqueued(r.caseId, new Date('2026-03-02T12:00:10Z'));
    await cases.markEnqueued(r.caseId, new Date('2026-03-02T12:05:00Z'));
    expect((await cases.get(r.caseId))?.enqueuedAt).toBe('2026-03-02T12:00:10.000Z');
    const notified = await Promise.all([
      cases.markAnalystNotified(r.caseId, new Date('2026-03-02T12:10:00Z')),
      cases.markAnalystNotified(r.caseId, new Date('2026-03-02T12:10:01Z')),
    ]);
    expect(notified.filter(Boolean)).toHaveLength(1);
    await expect(cases.markEnqueued('email:missing', new Date())).rejects.toThrow();
  });

  it('lists the records that cite a case once each, up to MAX_CITED_BY; a missing case takes none', async () => {
    const r = record();
    await cases.create(r);
    await cases.addCitation(r.caseId, 'email:cita-1');
    await Promise.all([cases.addCitation(r.caseId, 'email:cita-2'), cases.addCitation(r.caseId, 'email:cita-2')]);
    await cases.addCitation(r.caseId, 'email:cita-1');
    expect((await cases.get(r.caseId))?.citedBy).toEqual(['email:cita-1', 'email:cita-2']);
    for (let i = 3; i <= MAX_CITED_BY + 5; i++) await cases.addCitation(r.caseId, `email:cita-${i}`);
    expect((await cases.get(r.caseId))?.citedBy).toHaveLength(MAX_CITED_BY);
    await cases.addCitation('email:missing', 'email:cita-1');
    expect(await cases.get('email:missing')).toBeNull();
  });

  it('assigns exactly once under concurrency, and staff counts do not drift', async () => {
    await staff.put({ id: 'ana', name: 'Ana Lúcia', email: 'ana@bagy.com.br', active: true });
    await staff.put({ id: 'bea', name: 'Beatriz', email: 'bea@bagy.com.br', active: true });
    const r = record();
    await cases.create(r);
    const at = new Date('2026-03-02T13:00:00Z');
    const due = new Date('2026-03-16T20:00:00Z');
    const results = await Promise.all([
      cases.assign(r.caseId, 'ana', at, due),
      cases.assign(r.caseId, 'ana', at, due),
      cases.assign(r.caseId, 'bea', at, due),
      cases.assign(r.caseId, 'ana', at, due),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const stored = await cases.get(r.caseId);
    expect(stored?.status).toBe('ASSIGNED');
    expect(stored?.dueAt).toBe(due.toISOString());
    const ana = await staff.get('ana');
    const bea = await staff.get('bea');
    expect((ana?.openCases ?? 0) + (bea?.openCases ?? 0)).toBe(1);
    expect((await staff.get(stored!.assignee!))?.lastAssignedAt).toBe(at.toISOString());
    // A retry (e.g. SQS redelivery) changes nothing.
    expect(await cases.assign(r.caseId, 'ana', at, due)).toBe(false);
    expect(((await staff.get('ana'))?.openCases ?? 0) + ((await staff.get('bea'))?.openCases ?? 0)).toBe(1);
    // Index follows the status.
    expect((await cases.listByStatus('ASSIGNED')).map((c) => c.caseId)).toContain(r.caseId);
    expect((await cases.listByStatus('QUEUED')).map((c) => c.caseId)).not.toContain(r.caseId);
    // Closing releases the analyst's count, once.
    expect(await cases.close(r.caseId, new Date('2026-03-05T15:00:00Z'))).toBe(true);
    expect(await cases.close(r.caseId, new Date('2026-03-05T15:00:00Z'))).toBe(false);
    expect((await staff.get(stored!.assignee!))?.openCases).toBe(0);
    expect((await cases.listByStatus('CLOSED')).map((c) => c.caseId)).toContain(r.caseId);
  });

  it('completes the staff count when a crash hit between the case write and the staff write', async () => {
    await staff.put({ id: 'caio', name: 'Caio', email: 'caio@bagy.com.br', active: true });
    const r = record({ status: 'ASSIGNED', assignee: 'caio', assignedAt: '2026-03-02T14:00:00.000Z' });
    await cases.create(r); // as if the case write landed and the staff write did not
    expect((await staff.get('caio'))?.openCases).toBe(0);
    expect(await cases.assign(r.caseId, 'caio', new Date('2026-03-02T14:00:00Z'), new Date())).toBe(false);
    expect(await cases.assign(r.caseId, 'caio', new Date('2026-03-02T14:00:00Z'), new Date())).toBe(false);
    expect(await staff.get('caio')).toMatchObject({ openCases: 1, lastAssignedAt: '2026-03-02T14:00:00.000Z' });
  });

  it('lists by status and by sender, newest first, and counts open cases per sender', async () => {
    const email = 'Maria.Souza@Exemplo.com.br';
    const mk = (createdAt: string, status: CaseRecord['status']) =>
      record({ senderEmail: email.toLowerCase(), createdAt, updatedAt: createdAt, status });
    const a = mk('2026-04-01T10:00:00.000Z', 'REDIRECTED');
    const b = mk('2026-04-03T10:00:00.000Z', 'QUEUED');
    const c = mk('2026-04-02T10:00:00.000Z', 'QUARANTINED');
    for (const x of [a, b, c]) await cases.create(x);
    expect((await cases.listBySender(email)).map((x) => x.caseId)).toEqual([b.caseId, c.caseId, a.caseId]);
    expect((await cases.listBySender(email, 2)).map((x) => x.caseId)).toEqual([b.caseId, c.caseId]);
    expect(await cases.listBySender('ninguem@exemplo.com.br')).toEqual([]);
    expect(await cases.countOpenBySender(email)).toBe(1);
    const quarantined = await cases.listByStatus('QUARANTINED');
    expect(quarantined[0]?.caseId).toBe(c.caseId);
    const redirected = await cases.listByStatus('REDIRECTED', 1);
    expect(redirected).toHaveLength(1);
    // The state alone: a listing reads no message (no text from S3).
    const { messages: _messages, ...summary } = a;
    expect(redirected[0]).toEqual(summary);
    const all = await cases.listAll();
    const createdAts = all.map((x) => x.createdAt);
    expect(createdAts).toEqual([...createdAts].sort().reverse());
    expect(all.map((x) => x.caseId)).toEqual(expect.arrayContaining([a.caseId, b.caseId, c.caseId]));
    expect(await cases.listAll(2)).toHaveLength(2);
  });

  it('does not leak storage attributes into records', async () => {
    const r = record();
    await cases.create(r);
    await cases.claimReply(r.caseId, new Date(), 1000);
    const { Item } = await doc.send(new GetCommand({ TableName: TABLE, Key: caseItemKey(r.caseId) }));
    expect(Item?.['replyClaimedAt']).toBeTypeOf('string');
    expect(Object.keys((await cases.get(r.caseId))!).sort()).toEqual(Object.keys(r).sort());
  });
});

describe('DynamoStaffRepository on dynalite', () => {
  it('puts, lists, edits without losing counts, and removes', async () => {
    const local = new DynamoStaffRepository(doc, TABLE);
    await local.put({
      id: 'davi',
      name: 'Davi Araújo',
      email: 'davi@bagy.com.br',
      active: true,
      leave: { from: '2026-07-01', to: '2026-07-15' },
    });
    expect(await local.get('davi')).toEqual({
      id: 'davi',
      name: 'Davi Araújo',
      email: 'davi@bagy.com.br',
      active: true,
      leave: { from: '2026-07-01', to: '2026-07-15' },
      openCases: 0,
    });
    const r = record();
    await cases.create(r);
    await cases.assign(r.caseId, 'davi', new Date('2026-03-02T15:00:00Z'), new Date('2026-03-16T15:00:00Z'));
    await local.put({ id: 'davi', name: 'Davi Araújo', email: 'davi@bagy.com.br', active: false });
    expect(await local.get('davi')).toEqual({
      id: 'davi',
      name: 'Davi Araújo',
      email: 'davi@bagy.com.br',
      active: false,
      openCases: 1,
      lastAssignedAt: '2026-03-02T15:00:00.000Z',
    });
    expect((await local.list()).map((a) => a.id)).toContain('davi');
    await local.remove('davi');
    expect(await local.get('davi')).toBeNull();
    expect((await local.list()).map((a) => a.id)).not.toContain('davi');
    // An assignment to a removed analyst does not resurrect a half staff item.
    const r2 = record();
    await cases.create(r2);
    expect(await cases.assign(r2.caseId, 'davi', new Date(), new Date())).toBe(true);
    expect(await local.get('davi')).toBeNull();
  });

  it('ends sessions only forward: concurrent sign-outs keep the latest instant; a profile edit keeps it', async () => {
    const local = new DynamoStaffRepository(doc, TABLE);
    await local.put({ id: 'elis', name: 'Elis Prado', email: 'elis@bagy.com.br', active: true });
    // Two devices sign out at once; the one whose token was issued on a clock ahead records the later instant.
    const instants = ['2026-03-12T14:00:05.000Z', '2026-03-12T14:00:00.500Z', '2026-03-12T13:59:59.000Z'];
    expect(await Promise.all(instants.map((at) => local.endSessions('elis', at)))).toEqual([true, true, true]);
    expect((await local.get('elis'))?.sessionsEndedAt).toBe('2026-03-12T14:00:05.000Z');
    // An earlier instant written afterwards does not move it back (nor does it fail).
    expect(await local.endSessions('elis', '2026-03-12T14:00:01.000Z')).toBe(true);
    await local.put({ id: 'elis', name: 'Elis Prado Lima', email: 'elis@bagy.com.br', active: true });
    await local.update('elis', { leave: { from: '2026-04-01', to: '2026-04-02' } });
    expect((await local.list()).find((a) => a.id === 'elis')?.sessionsEndedAt).toBe('2026-03-12T14:00:05.000Z');
    expect(await local.endSessions('elis', '2026-03-12T15:00:00.000Z')).toBe(true);
    expect((await local.get('elis'))?.sessionsEndedAt).toBe('2026-03-12T15:00:00.000Z');
    // No such member: false, and no half staff item.
    expect(await local.endSessions('ninguem', '2026-03-12T15:00:00.000Z')).toBe(false);
    expect(await local.get('ninguem')).toBeNull();
  });
});

describe('throttle, bounce memory, rate limit, ticket directory on dynalite', () => {
  it('allows at most max replies per sender, outcome and day', async () => {
    const throttle = new DynamoReplyThrottle(doc, TABLE);
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        throttle.tryConsume('Lojista@Exemplo.com.br', 'NO_PRIOR_TICKET', '2026-03-02', 2, `case-${i}`),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(2);
    expect(await throttle.tryConsume('lojista@exemplo.com.br', 'NO_PRIOR_TICKET', '2026-03-02', 2, 'case-9')).toBe(
      false,
    );
    // A case that already consumed (a retried reply) is not counted again.
    const winner = results.indexOf(true);
    expect(
      await throttle.tryConsume('lojista@exemplo.com.br', 'NO_PRIOR_TICKET', '2026-03-02', 2, `case-${winner}`),
    ).toBe(true);
    expect(await throttle.tryConsume('lojista@exemplo.com.br', 'BILLING_QUESTION', '2026-03-02', 2, 'case-9')).toBe(
      true,
    );
    expect(await throttle.tryConsume('lojista@exemplo.com.br', 'NO_PRIOR_TICKET', '2026-03-03', 2, 'case-9')).toBe(
      true,
    );
    expect(await throttle.tryConsume('outro@exemplo.com.br', 'NO_PRIOR_TICKET', '2026-03-02', 0, 'case-9')).toBe(false);
    await expect(throttle.tryConsume('a@b.com', 'ACCEPTED', '02/03/2026', 1, 'case-9')).rejects.toThrow(/day/);
  });

  it('suppresses a bounced address until the instant, never shortening it', async () => {
    const bounces = new DynamoBounceRegistry(doc, TABLE);
    const until = new Date('2026-05-01T00:00:00Z');
    await bounces.markBouncing('Quebrado@Exemplo.com.br', until, 'Permanent/General');
    expect(await bounces.isSuppressed('quebrado@exemplo.com.br', new Date('2026-04-30T23:59:59Z'))).toBe(true);
    expect(await bounces.isSuppressed('quebrado@exemplo.com.br', until)).toBe(false);
    await bounces.markBouncing('quebrado@exemplo.com.br', new Date('2026-04-01T00:00:00Z'), 'Transient');
    expect(await bounces.isSuppressed('quebrado@exemplo.com.br', new Date('2026-04-15T00:00:00Z'))).toBe(true);
    await bounces.markBouncing('quebrado@exemplo.com.br', new Date('2026-06-01T00:00:00Z'), 'Complaint');
    expect(await bounces.isSuppressed('quebrado@exemplo.com.br', new Date('2026-05-15T00:00:00Z'))).toBe(true);
    expect(await bounces.isSuppressed('nunca@exemplo.com.br', new Date())).toBe(false);
  });

  it('counts hits per key and window', async () => {
    const limiter = new DynamoRateLimiter(doc, TABLE);
    const w1 = new Date('2026-03-02T12:00:00Z');
    const counts = await Promise.all(Array.from({ length: 20 }, () => limiter.hit('ip:203.0.113.9', w1, 3600)));
    expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await limiter.hit('ip:203.0.113.9', new Date('2026-03-02T13:00:00Z'), 3600)).toBe(1);
    expect(await limiter.hit('ip:198.51.100.1', w1, 3600)).toBe(1);
  });

  it('finds seeded tickets and nothing else', async () => {
    const directory = new TableTicketDirectory(doc, TABLE);
    await putTicket(doc, TABLE, { id: '48213', requesterEmail: 'Joao@LojaDoJoao.com.br', status: 'solved' });
    expect(await directory.find('48213')).toEqual({
      id: '48213',
      requesterEmail: 'joao@lojadojoao.com.br',
      status: 'solved',
    });
    expect(await directory.find('99999')).toBeNull();
    expect(await directory.find('48213/../x')).toBeNull();
    expect(await directory.find('')).toBeNull();
    await expect(putTicket(doc, TABLE, { id: 'abc', requesterEmail: 'x@y.com' })).rejects.toThrow();
  });
});
