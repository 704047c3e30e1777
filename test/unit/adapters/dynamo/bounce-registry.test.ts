/** Bounce memory on the address item (shared with the open-case set), on dynalite; errors with a mock. */
import { DynamoDBClient, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoBounceRegistry } from '../../../../shared/adapters/dynamo/bounce-registry';
import { caseKey } from '../../../../shared/adapters/dynamo/case-repository';
import { createTableIfMissing } from '../../../../shared/adapters/dynamo/create-table';
import { addressKey, DynamoSenderOpenCases } from '../../../../shared/adapters/dynamo/sender-open-cases';
import { type DynaliteClients, startDynaliteClients } from '../../../support/emulators';

const TABLE = 'ouvidoria-bounces';
const NOW = new Date('2026-04-10T12:00:00Z');
const MAY = new Date('2026-05-01T00:00:00Z');
const epoch = (d: Date) => Math.ceil(d.getTime() / 1000);
let db: DynaliteClients;
let raw: DynamoDBClient;
let doc: DynamoDBDocumentClient;
let bounces: DynamoBounceRegistry;
let open: DynamoSenderOpenCases;

beforeAll(async () => {
  db = await startDynaliteClients();
  ({ raw, doc } = db);
  await createTableIfMissing(raw, TABLE);
  bounces = new DynamoBounceRegistry(doc, TABLE);
  open = new DynamoSenderOpenCases(doc, TABLE, () => NOW);
});

afterAll(async () => {
  await db?.stop();
});

let n = 0;
const address = () => `Lojista${++n}@LojaDaMaria.com.br`;
const item = async (a: string) =>
  (await doc.send(new GetCommand({ TableName: TABLE, Key: addressKey(a), ConsistentRead: true }))).Item;

describe('DynamoBounceRegistry on the address item', () => {
  it('an idle address: until, reason and a TTL at until; a shorter bounce never shortens, a longer one extends', async () => {
    const a = address();
    await bounces.markBouncing(a, MAY, 'Permanent');
    await bounces.markBouncing(a, new Date('2026-04-20T00:00:00Z'), 'Transient');
    expect(await item(a)).toMatchObject({
      bounceUntil: MAY.toISOString(),
      bounceReason: 'Permanent',
      expiresAt: epoch(MAY),
    });
    const june = new Date('2026-06-01T00:00:00Z');
    await bounces.markBouncing(a.toLowerCase(), june, 'Permanent again');
    expect(await item(a)).toMatchObject({ bounceUntil: june.toISOString(), expiresAt: epoch(june) });
  });

  it('compares until with now even when the item is still there (TTL is lazy)', async () => {
    const a = address();
    expect(await bounces.isSuppressed(a, NOW)).toBe(false);
    await bounces.markBouncing(a, MAY, 'Permanent');
    expect(await bounces.isSuppressed(a, NOW)).toBe(true);
    expect(await bounces.isSuppressed(a, new Date('2026-05-02T00:00:00Z'))).toBe(false);
  });

  it('an address with open cases keeps no TTL, and counting a case reads its bounce memory', async () => {
    const a = address();
    expect(await open.add(a, 'email:1')).toEqual({});
    await bounces.markBouncing(a, MAY, 'Permanent');
    expect((await item(a))?.['expiresAt']).toBeUndefined();
    expect(await open.add(a, 'email:2')).toEqual({ until: MAY });
    expect(await open.count(a)).toBe(2);
  });

  it('counting a case removes the TTL; the release that empties the set sets it to the later of now and until', async () => {
    const a = address();
    await bounces.markBouncing(a, MAY, 'Permanent');
    await open.add(a, 'email:1');
    expect((await item(a))?.['expiresAt']).toBeUndefined();
    await open.release(a, 'email:1');
    expect(await item(a)).toMatchObject({ expiresAt: epoch(MAY), bounceUntil: MAY.toISOString() });

    const never = address();
    await open.add(never, 'email:3');
    await open.release(never, 'email:3');
    expect((await item(never))?.['expiresAt']).toBe(epoch(NOW));
    expect(await bounces.isSuppressed(never, NOW)).toBe(false);
  });

  it('bounces and cases racing on one address: an item holding open cases never ends with a TTL', async () => {
    for (let i = 0; i < 10; i++) {
      const a = address();
      await Promise.all([
        bounces.markBouncing(a, MAY, 'Permanent'),
        open.add(a, `email:${i}`),
        bounces.markBouncing(a, new Date('2026-05-02T00:00:00Z'), 'Permanent'),
      ]);
      const stored = await item(a);
      expect(stored?.['caseIds']).toEqual(new Set([`email:${i}`]));
      expect(stored?.['expiresAt']).toBeUndefined();
      expect(stored?.['bounceUntil']).toBe('2026-05-02T00:00:00.000Z');
    }
  });
});

describe('DynamoBounceRegistry marks her open cases (the assignment notice reads the case only)', () => {
  const putCase = (caseId: string, senderEmail: string, fields: Record<string, unknown> = {}) =>
    doc.send(new PutCommand({ TableName: TABLE, Item: { ...caseKey(caseId), caseId, senderEmail, ...fields } }));
  const bounceOf = async (caseId: string) =>
    (await doc.send(new GetCommand({ TableName: TABLE, Key: caseKey(caseId), ConsistentRead: true }))).Item?.[
      'merchantBounceUntil'
    ];
  const JUNE = new Date('2026-06-01T00:00:00Z');
  const cases: Array<[string, (n: number) => { bounced: string; other?: string }]> = [
    ['an ordinary address (its own item counts its cases)', (i) => ({ bounced: `maria${i}@lojadamaria.com.br` })],
    [
      'a "+tag" address: its cases are counted on the inbox item, beside the inbox\'s own',
      (i) => ({ bounced: `maria${i}+vendas@lojadamaria.com.br`, other: `maria${i}@lojadamaria.com.br` }),
    ],
    ['a dotted Gmail address', (i) => ({ bounced: `ma.ria${i}@gmail.com`, other: `maria${i}@gmail.com` })],
  ];
  it.each(cases)(
    "%s: each of her open cases, never another alias's, a closed one or a later memory",
    async (_, make) => {
      const { bounced, other } = make(++n);
      const mine = [`email:mine-${n}-1`, `webform:mine-${n}-2`];
      for (const id of mine) {
        await putCase(id, bounced);
        await open.add(bounced, id);
      }
      if (other) {
        await putCase(`email:other-${n}`, other);
        await open.add(other, `email:other-${n}`);
      }
      await putCase(`email:closed-${n}`, bounced);
      await putCase(`email:later-${n}`, bounced, { merchantBounceUntil: JUNE.toISOString() });
      await open.add(bounced, `email:later-${n}`);
      // Counted, then erased: no item is made for it.
      await open.add(bounced, `email:erased-${n}`);

      await bounces.markBouncing(bounced, MAY, 'Permanent');

      for (const id of mine) expect(await bounceOf(id)).toBe(MAY.toISOString());
      if (other) expect(await bounceOf(`email:other-${n}`)).toBeUndefined();
      expect(await bounceOf(`email:closed-${n}`)).toBeUndefined();
      expect(await bounceOf(`email:later-${n}`)).toBe(JUNE.toISOString());
      expect(
        (await doc.send(new GetCommand({ TableName: TABLE, Key: caseKey(`email:erased-${n}`) }))).Item,
      ).toBeUndefined();
    },
  );
});

describe('DynamoBounceRegistry — the memory stored already (a retry, a later bounce)', () => {
  it("her open cases still get it: a retry after a crash between the address write and the cases'", async () => {
    const a = `retry${++n}@lojadamaria.com.br`;
    const caseId = `email:retry-${n}`;
    await doc.send(new PutCommand({ TableName: TABLE, Item: { ...caseKey(caseId), caseId, senderEmail: a } }));
    await open.add(a, caseId);
    // The address item written as the first attempt left it, the case not.
    await doc.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: addressKey(a),
        UpdateExpression: 'SET bounceUntil = :u',
        ExpressionAttributeValues: { ':u': MAY.toISOString() },
      }),
    );
    await bounces.markBouncing(a, MAY, 'Permanent');
    const marked = await doc.send(new GetCommand({ TableName: TABLE, Key: caseKey(caseId), ConsistentRead: true }));
    expect(marked.Item?.['merchantBounceUntil']).toBe(MAY.toISOString());
  });
});

describe('DynamoBounceRegistry errors', () => {
  it('propagates read and write errors', async () => {
    const mocked = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
    const ddb = mockClient(mocked);
    const throttled = () => new ProvisionedThroughputExceededException({ message: 'throttled', $metadata: {} });
    ddb.on(GetCommand).rejects(throttled());
    ddb.on(UpdateCommand).rejects(throttled());
    const registry = new DynamoBounceRegistry(mocked, 't');
    await expect(registry.isSuppressed('x@y.com', NOW)).rejects.toThrow('throttled');
    await expect(registry.markBouncing('x@y.com', MAY, 'r')).rejects.toThrow('throttled');
    ddb.restore();
  });
});
