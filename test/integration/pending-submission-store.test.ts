import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTableIfMissing } from '../../shared/adapters/dynamo/create-table';
import { DynamoDataSubjectStore } from '../../shared/adapters/dynamo/data-subject-store';
import {
  DynamoPendingSubmissionStore,
  pendingSubmissionKey,
} from '../../shared/adapters/dynamo/pending-submission-store';
import type { PendingSubmission } from '../../shared/ports';
import { type DynaliteClients, startDynaliteClients } from '../support/emulators';

const TABLE = 'ouvidoria-pending-test';
let db: DynaliteClients;
let store: DynamoPendingSubmissionStore;

beforeAll(async () => {
  db = await startDynaliteClients();
  await createTableIfMissing(db.raw, TABLE);
  store = new DynamoPendingSubmissionStore(db.doc, TABLE);
});

afterAll(async () => {
  await db?.stop();
});

let seq = 0;
function pending(overrides: Partial<PendingSubmission> = {}): PendingSubmission {
  seq++;
  return {
    id: `form-${seq.toString(16).padStart(64, '0')}`,
    email: 'contato@eletroponto.com.br',
    form: {
      nome: 'Rafael Lima',
      email: 'contato@eletroponto.com.br',
      loja: 'eletroponto.com.br',
      chamado: '48215',
      assunto: 'atendimento',
      descricao: 'Abri o chamado 48215 há duas semanas e a cobrança em duplicidade continua na fatura de março.',
      naoCliente: false,
    },
    pendingUploadId: 'p-0123456789abcdef0123456789abcdef',
    createdAt: '2026-03-02T13:20:00.000Z',
    expiresAt: '2026-03-04T13:20:00.000Z',
    ...overrides,
  };
}

describe('DynamoPendingSubmissionStore', () => {
  it('stores once: a repeat or a concurrent twin of the same id answers false and changes nothing', async () => {
    const first = pending();
    const results = await Promise.all(Array.from({ length: 5 }, () => store.create(first)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await store.create({ ...first, form: { ...first.form, descricao: 'outra coisa' } })).toBe(false);
    expect(await store.get(first.id)).toEqual(first);
  });

  it('one past its link’s expiry, still waiting for the TTL, is replaced by the same id posted again, its mail claim gone', async () => {
    const old = pending();
    await store.create(old);
    expect(await store.claimMail(old.id, new Date('2026-03-02T13:21:00Z'), new Date('2026-03-02T13:00:00Z'))).toBe(
      true,
    );
    await store.markMailed(old.id, new Date('2026-03-02T13:21:00Z'));
    // Before its expiry the same id is the post kept; at or after it, a new one.
    expect(await store.create({ ...old, createdAt: '2026-03-04T13:19:59.000Z' })).toBe(false);
    const again = { ...old, createdAt: '2026-03-06T09:00:00.000Z', expiresAt: '2026-03-08T09:00:00.000Z' };
    expect(await store.create(again)).toBe(true);
    expect(await store.get(old.id)).toEqual(again);
    expect(await store.claimMail(old.id, new Date('2026-03-06T09:01:00Z'), new Date('2026-03-06T08:00:00Z'))).toBe(
      true,
    );
  });

  it('expires by TTL at the link’s expiry and is marked confirmed with its case id', async () => {
    const item = pending();
    await store.create(item);
    const { Item } = await db.doc.send(new GetCommand({ TableName: TABLE, Key: pendingSubmissionKey(item.id) }));
    expect(Item?.['expiresAt']).toBe(Date.parse(item.expiresAt) / 1000);
    await store.markConfirmed(item.id, 'webform-x');
    await store.markConfirmed(item.id, 'webform-x');
    expect((await store.get(item.id))?.confirmedCaseId).toBe('webform-x');
  });

  it('unknown ids read as null; marking, claiming or noting one writes nothing', async () => {
    const id = `key-${'f'.repeat(64)}`;
    expect(await store.get(id)).toBeNull();
    await store.markConfirmed(id, 'webform-y');
    await store.noteRepeatUpload(id, 'p-1');
    await store.markMailed(id, new Date());
    await store.releaseMail(id);
    expect(await store.claimMail(id, new Date(), new Date(0))).toBe(false);
    expect(await store.get(id)).toBeNull();
    const { Item } = await db.doc.send(new GetCommand({ TableName: TABLE, Key: pendingSubmissionKey(id) }));
    expect(Item).toBeUndefined();
  });

  it('the link is mailed once: one claim among concurrent posts, taken over only once stale, never once sent', async () => {
    const item = pending();
    await store.create(item);
    const t0 = new Date('2026-03-02T13:20:00.000Z');
    const at = (s: number) => new Date(t0.getTime() + s * 1000);
    const claims = await Promise.all(Array.from({ length: 5 }, () => store.claimMail(item.id, t0, at(-60))));
    expect(claims.filter(Boolean)).toHaveLength(1);
    // Its attempt died: a repeat within the minute does not mail; after it, one does.
    expect(await store.claimMail(item.id, at(30), at(-30))).toBe(false);
    expect(await store.claimMail(item.id, at(61), at(1))).toBe(true);
    // A send that failed gives the claim back at once.
    await store.releaseMail(item.id);
    expect(await store.claimMail(item.id, at(62), at(2))).toBe(true);
    await store.markMailed(item.id, at(63));
    expect(await store.claimMail(item.id, at(3600), at(3540))).toBe(false);
  });

  it('notes the latest repeat’s upload id', async () => {
    const item = pending();
    await store.create(item);
    await store.noteRepeatUpload(item.id, 'p-fedcba9876543210fedcba9876543210');
    expect((await store.get(item.id))?.repeatUploadId).toBe('p-fedcba9876543210fedcba9876543210');
  });

  it('the data-subject store finds (and removes) an address’s pending posts, never another’s', async () => {
    const mine = pending({ email: 'Titular@Loja.com.br' });
    const theirs = pending({ email: 'outra@loja.com.br' });
    await store.create(mine);
    await store.create(theirs);
    const subjects = new DynamoDataSubjectStore(db.doc, TABLE);
    const held = await subjects.addressItems('titular@loja.com.br', [], []);
    expect(held.map((h) => h.key)).toEqual([pendingSubmissionKey(mine.id)]);
    expect(held[0]?.item['form']).toMatchObject({ descricao: mine.form.descricao });
    for (const h of held) await subjects.removeAddressItem(h.key);
    expect(await store.get(mine.id)).toBeNull();
    expect(await store.get(theirs.id)).not.toBeNull();
  });
});
