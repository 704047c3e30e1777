/**
 * The local stack's clock as the other local tools read it: the stack writes, at start, the virtual
 * instant it started at (OUVIDORIA_NOW, or the real time) and the real instant of that start to
 * `<dataDir>/clock.json`; a tool (`npm run report`, `npm run titular`) then reads the stack's now as
 * that virtual instant plus the real time elapsed since — the instant the console and the timers use.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** Where `npm start` keeps its data (scripts/local/start.ts) unless LOCAL_DATA_DIR says otherwise. */
export const DEFAULT_LOCAL_DATA_DIR = resolve(import.meta.dirname, '..', '..', '.local');

/**
 * The local stack's data folder, the same for `npm start` and every script that reads it (titular,
 * report, invoke): LOCAL_DATA_DIR, relative to where npm was run, else the repository's `.local`.
 * `npm start` ignored the variable while the others honoured it, so two stacks side by side could
 * not be told apart.
 */
export function localDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.LOCAL_DATA_DIR;
  return dir ? resolve(env.INIT_CWD ?? process.cwd(), dir) : DEFAULT_LOCAL_DATA_DIR;
}
export const LOCAL_CLOCK_FILE = 'clock.json';

interface ClockRecord {
  virtualAt: string;
  realAt: string;
}

export async function writeLocalClock(dataDir: string, virtualAt: Date, realAt: Date): Promise<void> {
  const record: ClockRecord = { virtualAt: virtualAt.toISOString(), realAt: realAt.toISOString() };
  await writeFile(join(dataDir, LOCAL_CLOCK_FILE), `${JSON.stringify(record)}\n`);
}

/** The local stack's now, or undefined when no stack ever started on `dataDir` (or the file is unreadable). */
export function readLocalClock(dataDir: string, realNow: () => number = Date.now): Date | undefined {
  let record: Partial<ClockRecord>;
  try {
    record = JSON.parse(readFileSync(join(dataDir, LOCAL_CLOCK_FILE), 'utf8')) as Partial<ClockRecord>;
  } catch {
    return undefined;
  }
  const virtualAt = Date.parse(String(record.virtualAt));
  const realAt = Date.parse(String(record.realAt));
  if (Number.isNaN(virtualAt) || Number.isNaN(realAt)) return undefined;
  return new Date(virtualAt + Math.max(0, realNow() - realAt));
}
