/** The open-case cap on dynalite: one conditional write per reservation, so concurrency cannot pass it. */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTableIfMissing } from '../../../../shared/adapters/dynamo/create-table';
import { addressKey, DynamoSenderOpenCases } from '../../../../shared/adapters/dynamo/sender-open-cases';
import { TTL_ATTRIBUTE } from '../../../../shared/adapters/dynamo/table-design';
import { localConfig } from '../../../../shared/domain/config';
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

  it('ticketHolder reads the claim of that exact address and ticket, and writes nothing', async () => {
    const s = sender();
    const at = new Date('2026-11-24T14:00:00.000Z');
    expect(await open.ticketHolder(s, '48213')).toBeNull();
    await open.claimTicket(s, '48213', 'email:held', at);
    const before = await doc.send(new GetCommand({ TableName: TABLE, Key: addressKey(s) }));
    expect(await open.ticketHolder(s, '48213')).toEqual({ caseId: 'email:held', at });
    expect(await open.ticketHolder(s, '48214')).toBeNull();
    expect(await open.ticketHolder(s.replace('@', '+ouvidoria@'), '48213')).toBeNull();
    const after = await doc.send(new GetCommand({ TableName: TABLE, Key: addressKey(s) }));
    expect(after.Item).toEqual(before.Item);
    expect(await open.count(s)).toBe(1);
  });

  it('a sender with nothing open counts zero', async () => {
    expect(await open.count(sender())).toBe(0);
  });
});

// A merchant who always has a case open (a new one starts before the last closes) for most of a
// year: 200 cases, each naming its own ticket. Her inbox item kept every claim forever (each add,
// claim and release rewrote all of them: WRUs growing with her history, toward the 400 KB limit).
describe('DynamoSenderOpenCases: ticket claims over a year of cases', () => {
  const WINDOW_DAYS = localConfig.threading.reopenWindowDays;
  const DAY = 24 * 3600_000;
  const start = Date.parse('2026-01-05T13:00:00.000Z');

  function openCasesAt(clock: { at: number }) {
    return new DynamoSenderOpenCases(doc, TABLE, () => new Date(clock.at), localConfig);
  }
  const claimsOf = async (s: string) => {
    const { Item } = await doc.send(new GetCommand({ TableName: TABLE, Key: addressKey(s), ConsistentRead: true }));
    return Object.fromEntries(Object.entries(Item ?? {}).filter(([k]) => k.startsWith('ticket#'))) as Record<
      string,
      { caseId: string; closedAt?: string }
    >;
  };

  it.each([{ name: '200 cases, one a day, each closed the next day', cases: 200 }])(
    '$name: only the claims of open cases and of the reopen window stay',
    async ({ cases }) => {
      const s = sender();
      const clock = { at: start };
      const store = openCasesAt(clock);
      for (let i = 1; i <= cases; i++) {
        clock.at = start + i * DAY;
        await store.claimTicket(s, String(48000 + i), `email:caso-${i}`, new Date(clock.at));
        if (i > 1) await store.release(s, `email:caso-${i - 1}`);
      }
      const claims = await claimsOf(s);
      // The open case, and those closed within the window (closed on days cases-WINDOW_DAYS … cases).
      expect(Object.keys(claims).length).toBeLessThanOrEqual(WINDOW_DAYS + 2);
      expect(claims[`ticket#${s}#${48000 + cases}`]?.caseId).toBe(`email:caso-${cases}`);
      expect(claims[`ticket#${s}#${48000 + cases - 1}`]?.closedAt).toBe(new Date(clock.at).toISOString());
      expect(claims[`ticket#${s}#48001`]).toBeUndefined();
    },
  );

  it('a claim stays while its case is in the reopen window, and while a reopened case is open past it', async () => {
    const s = sender();
    const clock = { at: start };
    const store = openCasesAt(clock);
    await store.claimTicket(s, '48213', 'email:reaberto', new Date(clock.at));
    await store.claimTicket(s, '48214', 'email:fechado', new Date(clock.at));
    await store.add(s, 'email:sempre-aberto');
    await store.release(s, 'email:reaberto');
    await store.release(s, 'email:fechado');
    // Within the window: a mail naming 48214 still finds its case (the intake joins and reopens it).
    clock.at = start + (WINDOW_DAYS - 1) * DAY;
    await store.claimTicket(s, '48300', 'email:outro', new Date(clock.at));
    await store.release(s, 'email:outro');
    expect((await store.claimTicket(s, '48214', 'email:novo', new Date(clock.at))).holder.caseId).toBe('email:fechado');
    await store.release(s, 'email:novo');
    // 'email:reaberto' reopens (the lifecycle counts it again) and stays open past the window.
    await store.add(s, 'email:reaberto');
    clock.at = start + (WINDOW_DAYS + 3) * DAY;
    await store.claimTicket(s, '48301', 'email:mais-um', new Date(clock.at));
    await store.release(s, 'email:mais-um');
    const claims = await claimsOf(s);
    expect(claims[`ticket#${s}#48213`]?.caseId).toBe('email:reaberto');
    expect(claims[`ticket#${s}#48214`]).toBeUndefined();
    // Closed again: its window starts over from this closing.
    await store.release(s, 'email:reaberto');
    clock.at += (WINDOW_DAYS - 1) * DAY;
    await store.release(s, 'email:nunca-existiu');
    expect((await claimsOf(s))[`ticket#${s}#48213`]?.caseId).toBe('email:reaberto');
    clock.at += 2 * DAY;
    await store.release(s, 'email:nunca-existiu');
    expect((await claimsOf(s))[`ticket#${s}#48213`]).toBeUndefined();
  });
  it.each([
    { name: 'her last case closes: the item lives through the reopen window', claim: true },
    { name: 'her last case, with no ticket, closes: the item expires now', claim: false },
  ])('$name', async ({ claim }) => {
    const s = sender();
    const clock = { at: start };
    const store = openCasesAt(clock);
    if (claim) await store.claimTicket(s, '48213', 'email:unico', new Date(clock.at));
    else await store.add(s, 'email:unico');
    clock.at += 2 * DAY;
    await store.release(s, 'email:unico');
    const { Item } = await doc.send(new GetCommand({ TableName: TABLE, Key: addressKey(s), ConsistentRead: true }));
    const ttlMs = Number(Item?.[TTL_ATTRIBUTE]) * 1000;
    if (claim) {
      // A mail naming 48213 within the window must still find the claim (the intake reopens her case).
      expect(ttlMs).toBeGreaterThanOrEqual(clock.at + WINDOW_DAYS * DAY);
      expect(ttlMs).toBeLessThanOrEqual(clock.at + (WINDOW_DAYS + 1) * DAY);
    } else expect(ttlMs).toBeLessThanOrEqual(clock.at + 1000);
  });
});
