import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type OutboxEmail,
  outboxFile,
  persistOutbox,
  readOutbox,
  restoreOutbox,
  sesEmulatorStore,
} from '../../../../scripts/local/outbox-store';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outbox-'));
  file = outboxFile(dir);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** An email as the emulator stores SES Simple content: the headers and attachments it was given. */
const email = (id: string, at: number): OutboxEmail => ({
  messageId: id,
  at,
  from: '=?UTF-8?B?T3V2aWRvcmlhIOKAlCBTw6NvIFBhdWxv?= <ouvidoria@ouvidoria.example.com.br>',
  replyTo: [],
  destination: { to: ['maria@lojadamaria.com.br'], cc: [], bcc: [] },
  subject: `Assunto ${id} — ação`,
  body: { text: 'Olá', html: '<p>Olá</p>' },
  attachments: [
    {
      content: 'JVBERi0xLjc=',
      contentType: 'application/pdf',
      contentDisposition: 'ATTACHMENT',
      filename: 'a.pdf',
      size: 8,
    },
  ],
  headers: [
    { name: 'Auto-Submitted', value: 'auto-replied' },
    { name: 'In-Reply-To', value: '<x@mail.example>' },
  ],
});

describe('outbox store', () => {
  it('lives in the data folder', () => {
    expect(outboxFile('/x/.local')).toBe(join('/x/.local', 'ses-outbox.json'));
  });

  it('saves on stop and restores on the next start, oldest first, UTF-8 intact', async () => {
    const first = { emails: [] as OutboxEmail[] };
    const p1 = await persistOutbox(file, { store: first, intervalMs: 60_000 });
    expect(p1.restored).toBe(0);
    first.emails.push(email('b', 2), email('c', 3));
    await p1.stop();

    const second = { emails: [email('a', 1)] };
    const p2 = await persistOutbox(file, { store: second, intervalMs: 60_000 });
    expect(p2.restored).toBe(2);
    expect(second.emails.map((e) => e.messageId)).toEqual(['a', 'b', 'c']);
    expect(second.emails[1]?.subject).toBe('Assunto b — ação');
    // Whole: headers and attachments too (the outbox is where the local stack's mail is read).
    expect(second.emails[1]).toEqual(email('b', 2));
    await p2.stop();
  });

  it('copies periodically while running, and only when the outbox changed', async () => {
    const store = { emails: [] as OutboxEmail[] };
    const p = await persistOutbox(file, { store, intervalMs: 10 });
    store.emails.push(email('a', 1));
    await new Promise((r) => setTimeout(r, 60));
    expect((await readOutbox(file)).map((e) => e.messageId)).toEqual(['a']);
    await writeFile(file, '[]');
    await p.flush();
    expect(await readFile(file, 'utf8')).toBe('[]');
    await p.stop();
  });

  it('a cleared outbox is saved as empty', async () => {
    const store = { emails: [email('a', 1)] };
    const p = await persistOutbox(file, { store, intervalMs: 60_000 });
    await p.flush();
    expect(await readOutbox(file)).toHaveLength(1);
    store.emails.length = 0;
    await p.stop();
    expect(await readOutbox(file)).toEqual([]);
  });

  it('restoring twice in one process adds nothing twice', async () => {
    await writeFile(file, JSON.stringify([email('a', 1)]));
    const store = { emails: [] as OutboxEmail[] };
    expect(await restoreOutbox(file, store)).toBe(1);
    expect(await restoreOutbox(file, store)).toBe(0);
    expect(store.emails).toHaveLength(1);
  });

  it('a missing file is an empty outbox; a damaged one is an error', async () => {
    expect(await readOutbox(join(dir, 'none.json'))).toEqual([]);
    await writeFile(file, '{"not":"a list"}');
    await expect(readOutbox(file)).rejects.toThrow(/not a saved SES outbox/);
  });

  it("reaches aws-ses-v2-local's own store", () => {
    expect(Array.isArray(sesEmulatorStore().emails)).toBe(true);
  });
});
