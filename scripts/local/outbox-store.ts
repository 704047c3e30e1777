/**
 * The local SES outbox survives a restart, as the cases do. aws-ses-v2-local keeps the mail it
 * "sent" in a module-global array; this copies that array to `<dataDir>/ses-outbox.json` every
 * second (when it changed) and on stop, and puts it back on start, so the board's links to the
 * outbox keep pointing at real messages. The file is written whole and atomically (temp + rename).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { readJsonList, writeJsonList } from './json-list-file';

const require = createRequire(import.meta.url);

/** One email as aws-ses-v2-local stores it (only what this module relies on is spelled out). */
export interface OutboxEmail {
  messageId: string;
  at: number;
  [field: string]: unknown;
}

/** The emulator's store: an object whose `emails` array may be replaced (its "clear" does). */
export interface OutboxHolder {
  readonly emails: OutboxEmail[];
}

/** The outbox file inside the local data folder. */
export function outboxFile(dataDir: string): string {
  return join(dataDir, 'ses-outbox.json');
}

/** aws-ses-v2-local's own store (the same module instance the emulator writes to). */
export function sesEmulatorStore(): OutboxHolder {
  const mod = require('aws-ses-v2-local/dist/store') as { getStoreReadonly(): OutboxHolder };
  return mod.getStoreReadonly();
}

function isEmail(value: unknown): value is OutboxEmail {
  const v = value as Partial<OutboxEmail> | null;
  return typeof v === 'object' && v !== null && typeof v.messageId === 'string' && typeof v.at === 'number';
}

/** Emails saved in `file`; none when it does not exist. A damaged file is an error (it is data). */
export function readOutbox(file: string): Promise<OutboxEmail[]> {
  return readJsonList(file, isEmail, 'SES outbox');
}

export function writeOutbox(file: string, emails: readonly OutboxEmail[]): Promise<void> {
  return writeJsonList(file, emails);
}

/**
 * Puts the saved emails back in the store, oldest first, skipping any already there (same
 * process, same module store). Returns how many were added.
 */
export async function restoreOutbox(file: string, store: OutboxHolder = sesEmulatorStore()): Promise<number> {
  const saved = await readOutbox(file);
  const present = new Set(store.emails.map((e) => e.messageId));
  const missing = saved.filter((e) => !present.has(e.messageId));
  store.emails.unshift(...missing);
  store.emails.sort((a, b) => a.at - b.at);
  return missing.length;
}

export interface OutboxPersistence {
  /** Emails restored on start. */
  restored: number;
  /** Writes the outbox now if it changed since the last write. */
  flush(): Promise<void>;
  /** Stops the periodic copy and writes a last time. */
  stop(): Promise<void>;
}

/** Restores the outbox from `file`, then keeps `file` up to date until stopped. */
export async function persistOutbox(
  file: string,
  options: { store?: OutboxHolder; intervalMs?: number; onError?: (error: Error) => void } = {},
): Promise<OutboxPersistence> {
  const store = options.store ?? sesEmulatorStore();
  const restored = await restoreOutbox(file, store);
  // What was last written: the count and the newest id describe an append-only list well enough,
  // and a cleared store (count 0) is written too. Nothing yet: the first flush writes.
  const stateOf = () => `${store.emails.length}|${store.emails.at(-1)?.messageId ?? ''}`;
  let written = '';
  let writing: Promise<void> = Promise.resolve();
  const flush = () => {
    writing = writing.then(async () => {
      const state = stateOf();
      if (state === written) return;
      await writeOutbox(file, store.emails);
      written = state;
    });
    return writing;
  };
  const timer = setInterval(() => {
    flush().catch((error: Error) => options.onError?.(error));
  }, options.intervalMs ?? 1000);
  timer.unref();
  return {
    restored,
    flush,
    async stop() {
      clearInterval(timer);
      await flush();
    },
  };
}
