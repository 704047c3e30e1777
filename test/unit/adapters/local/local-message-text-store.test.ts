import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalMessageTextStore } from '../../../../shared/adapters/local/local-message-text-store';
import { MessageTextNotFound, messageTextKey } from '../../../../shared/adapters/s3-message-text-store';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const TEXT = 'Texto longo com acentuação: é, ç, ã. '.repeat(50);

describe.each([
  ['in memory', () => new LocalMessageTextStore()],
  [
    'in a folder',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'texts-'));
      dirs.push(dir);
      return new LocalMessageTextStore(dir);
    },
  ],
])('LocalMessageTextStore %s', (_name, make) => {
  it('puts under the S3 adapter’s key and reads the same text back', async () => {
    const store = make();
    const ref = await store.put({ caseId: 'email:a', sourceId: 's1' }, TEXT);
    expect(ref).toEqual({ key: messageTextKey('email:a', 's1', TEXT), bytes: Buffer.byteLength(TEXT) });
    await expect(store.get(ref)).resolves.toBe(TEXT);
  });

  it('a missing text or one of another size is an error', async () => {
    const store = make();
    await expect(store.get({ key: 'messages/x/y.txt', bytes: 1 })).rejects.toBeInstanceOf(MessageTextNotFound);
    const ref = await store.put({ caseId: 'email:a', sourceId: 's1' }, TEXT);
    await expect(store.get({ ...ref, bytes: ref.bytes + 1 })).rejects.toThrow('bytes');
  });

  it('records the retention tags: redirected at put, closed, open', async () => {
    const store = make();
    const ref = await store.put({ caseId: 'email:a', sourceId: 's1', redirected: true }, TEXT);
    expect(store.tagOf(ref.key)).toBe('redirected');
    await store.markClosed(ref);
    expect(store.tagOf(ref.key)).toBe('closed-case');
    await store.markOpen(ref);
    expect(store.tagOf(ref.key)).toBeUndefined();
    expect(store.marks.map((m) => m.kind)).toEqual(['redirected', 'closed', 'open']);
    await store.markClosed({ key: 'messages/x/none.txt', bytes: 1 });
    expect(store.marks).toHaveLength(3);
  });

  it('erases a case’s texts and no other case’s', async () => {
    const store = make();
    const a1 = await store.put({ caseId: 'email:a', sourceId: 's1' }, TEXT);
    await store.put({ caseId: 'email:a', sourceId: 's2' }, `${TEXT}2`);
    const b = await store.put({ caseId: 'email:b', sourceId: 's1' }, TEXT);
    await expect(store.deleteCase('email:a')).resolves.toBe(2);
    await expect(store.get(a1)).rejects.toBeInstanceOf(MessageTextNotFound);
    await expect(store.get(b)).resolves.toBe(TEXT);
    await expect(store.deleteCase('email:a')).resolves.toBe(0);
  });
});

describe('LocalMessageTextStore in a folder', () => {
  it('is shared by every instance on the folder (the stack, npm run titular)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'texts-'));
    dirs.push(dir);
    const ref = await new LocalMessageTextStore(dir).put({ caseId: 'email:a', sourceId: 's1' }, TEXT);
    expect(readFileSync(join(dir, ref.key), 'utf8')).toBe(TEXT);
    await expect(new LocalMessageTextStore(dir).get(ref)).resolves.toBe(TEXT);
  });

  it('refuses a key that would leave the folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'texts-'));
    dirs.push(dir);
    const store = new LocalMessageTextStore(dir);
    await expect(store.get({ key: '../../etc/passwd', bytes: 1 })).rejects.toThrow('Invalid key');
  });
});
