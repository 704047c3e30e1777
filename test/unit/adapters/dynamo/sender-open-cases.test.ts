/** The open-case cap on dynalite: one conditional write per reservation, so concurrency cannot pass it. */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTableIfMissing } from '../../../../shared/adapters/dynamo/create-table';
import { addressKey, DynamoSenderOpenCases } from '../../../../shared/adapters/dynamo/sender-open-cases';
import { type DynaliteClients, startDynaliteClients } from '../../../support/emulators';

const TABLE = 'ouvidoria-open-cases';
let db: DynaliteClients;
let raw: DynamoDBClient;
let doc: DynamoDBDocumentClient;
let open: DynamoSenderOpenCases;

beforeAll(async () => {
  db = await startDynaliteClients();
  ({ raw, doc } = db);
  await createTableIfMissing(raw, TABLE);
  open = new DynamoSenderOpenCases(doc, TABLE);
});

afterAll(async () => {
  await db?.stop();
});

let n = 0;
const sender = () => `lojista${++n}@lojadamaria.com.br`;

describe('DynamoSenderOpenCases on dynalite', () => {
  it('reserves up to the cap, then refuses', async () => {
    const s = sender();
    expect(await open.reserve(s, 'webform:a', 2)).toBe(true);
    expect(await open.reserve(s, 'webform:b', 2)).toBe(true);
    expect(await open.reserve(s, 'webform:c', 2)).toBe(false);
    expect(await open.count(s)).toBe(2);
  });

  it('is idempotent per case: reserving a case it holds succeeds even at the cap, and counts once', async () => {
    const s = sender();
    expect(await open.reserve(s, 'webform:a', 1)).toBe(true);
    expect(await open.reserve(s, 'webform:a', 1)).toBe(true);
    expect(await open.count(s)).toBe(1);
  });

  it('a cap of zero (or less) reserves nothing', async () => {
    const s = sender();
    expect(await open.reserve(s, 'webform:a', 0)).toBe(false);
    expect(await open.count(s)).toBe(0);
  });

  it('20 concurrent reservations of different cases: exactly the cap succeed', async () => {
    const s = sender();
    const cap = 3;
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => open.reserve(s, `webform:k${i}`, cap)));
    expect(results.filter(Boolean)).toHaveLength(cap);
    expect(await open.count(s)).toBe(cap);
  });

  it('release frees a slot (and releasing again, or an unknown case, changes nothing)', async () => {
    const s = sender();
    await open.reserve(s, 'webform:a', 1);
    expect(await open.reserve(s, 'webform:b', 1)).toBe(false);
    await open.release(s, 'webform:a');
    await open.release(s, 'webform:a');
    await open.release(s, 'webform:never');
    expect(await open.count(s)).toBe(0);
    expect(await open.reserve(s, 'webform:b', 1)).toBe(true);
  });

  it('add ignores the cap (mail is never refused) and is idempotent; addresses are compared lower-cased', async () => {
    const s = sender();
    await open.reserve(s, 'webform:a', 1);
    await open.add(s.toUpperCase(), 'email:b');
    await open.add(` ${s} `, 'email:b');
    expect(await open.count(s)).toBe(2);
    expect(await open.reserve(s, 'webform:c', 2)).toBe(false);
  });

  it.each([
    [
      'Gmail "+tags" and dots',
      ['vitima.souza@gmail.com', 'vitimasouza+1@gmail.com', 'Vitima.Souza+ouvidoria@googlemail.com'],
    ],
    [
      'a "+tag" on any domain',
      ['financeiro@lojadamaria.com.br', 'financeiro+1@lojadamaria.com.br', 'financeiro+2@lojadamaria.com.br'],
    ],
  ])('variants of one inbox share one cap (%s), concurrently', async (_, variants) => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => open.reserve(variants[i % variants.length] ?? '', `webform:v${i}`, 2)),
    );
    expect(results.filter(Boolean)).toHaveLength(2);
    for (const v of variants) expect(await open.count(v)).toBe(2);
  });

  it('a variant releases from the inbox’s count, and from its own item what was counted there before', async () => {
    const variant = 'compras+loja@lojadamaria.com.br';
    await doc.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: addressKey(variant),
        UpdateExpression: 'ADD caseIds :id',
        ExpressionAttributeValues: { ':id': new Set(['email:antigo']) },
      }),
    );
    expect(await open.reserve(variant, 'webform:novo', 1)).toBe(true);
    expect(await open.reserve('compras@lojadamaria.com.br', 'webform:outro', 1)).toBe(false);
    await open.release(variant, 'webform:novo');
    await open.release(variant, 'email:antigo');
    expect(await open.count('compras@lojadamaria.com.br')).toBe(0);
    const { Item } = await doc.send(
      new GetCommand({ TableName: TABLE, Key: addressKey(variant), ConsistentRead: true }),
    );
    expect(Item?.['caseIds']).toBeUndefined();
  });

  it('add returns the bounce memory of the address itself: read on the count for an inbox address, left to the registry for a variant', async () => {
    const until = '2099-01-01T00:00:00.000Z';
    const base = 'entregas@lojadamaria.com.br';
    await doc.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: addressKey(base),
        UpdateExpression: 'SET bounceUntil = :u',
        ExpressionAttributeValues: { ':u': until },
      }),
    );
    expect(await open.add(base, 'email:x')).toEqual({ until: new Date(until) });
    expect(await open.add('entregas+1@lojadamaria.com.br', 'email:y')).toBeNull();
    expect(await open.add('outra@lojadamaria.com.br', 'email:z')).toEqual({});
  });

  // Ana erases ana+loja@… (LGPD): her ticket claims, which name that address, and any claim her
  // erased case held go; the main address's claim for its own open case stays.
  it("forget (an erasure) takes the address's ticket claims and the erased case's off the inbox item", async () => {
    const main = sender();
    const variant = main.replace('@', '+loja@');
    const at = new Date('2026-12-02T12:00:00.000Z');
    await open.claimTicket(main, '48213', 'email:main-case', at);
    await open.claimTicket(variant, '48214', 'email:variant-case', at);
    await open.claimTicket(variant, '48215', 'email:variant-case-2', at);
    await open.claimTicket(main, '48216', 'email:variant-case', at);
    await open.forget(variant, 'email:variant-case');
    const { Item } = await doc.send(new GetCommand({ TableName: TABLE, Key: addressKey(main) }));
    const claims = Object.keys(Item ?? {}).filter((k) => k.startsWith('ticket#'));
    expect(claims).toEqual([`ticket#${main}#48213`]);
    expect(JSON.stringify(Item)).not.toContain('+loja');
    // Idempotent: a second erasure pass finds nothing more to take.
    await open.forget(variant, 'email:variant-case-2');
    const again = await doc.send(new GetCommand({ TableName: TABLE, Key: addressKey(main) }));
    expect(Object.keys(again.Item ?? {}).filter((k) => k.startsWith('ticket#'))).toEqual([`ticket#${main}#48213`]);
  });

  it('claimTicket: five cases of hers claiming ticket 48213 at once get one holder, each counted; another ticket or address holds its own', async () => {
    const s = sender();
    const at = new Date('2026-11-24T14:00:00.000Z');
    const claims = await Promise.all(
      Array.from({ length: 5 }, (_, i) => open.claimTicket(s, '48213', `email:ses-${i}`, at)),
    );
    const holders = new Set(claims.map((c) => c.holder.caseId));
    expect(holders.size).toBe(1);
    expect(claims[0]?.holder.at).toEqual(at);
    expect(await open.count(s)).toBe(5);
    expect((await open.claimTicket(s, '48215', 'email:ses-x', at)).holder.caseId).toBe('email:ses-x');
    const other = `outra.${s}`;
    expect((await open.claimTicket(other, '48213', 'email:ses-y', at)).holder.caseId).toBe('email:ses-y');
    // The ticket attribute names the exact address: a "+tag" variant counts on her inbox, holds its own.
    const variant = s.replace('@', '+ouvidoria@');
    expect((await open.claimTicket(variant, '48213', 'email:ses-z', at)).holder.caseId).toBe('email:ses-z');
  });

  it('passTicket hands the ticket over only from the case that holds it', async () => {
    const s = sender();
    const at = new Date('2026-11-24T14:00:00.000Z');
    await open.claimTicket(s, '48213', 'email:old', at);
    expect(await open.passTicket(s, '48213', 'email:other', 'email:new', at)).toBe(false);
    expect(await open.passTicket(s, '48213', 'email:old', 'email:new', at)).toBe(true);
    expect((await open.claimTicket(s, '48213', 'email:third', at)).holder.caseId).toBe('email:new');
  });

  it('a sender with nothing open counts zero', async () => {
    expect(await open.count(sender())).toBe(0);
  });
});
