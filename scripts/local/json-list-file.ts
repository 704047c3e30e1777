/**
 * A list of records the local stack keeps in `.local/` across restarts (the SES outbox, the
 * lifecycle timers): written whole and atomically (temp + rename), read back checked. A missing
 * file is an empty list; a damaged one is an error, since it is data (start with --fresh to drop it).
 */
import { readFile, rename, writeFile } from 'node:fs/promises';

export async function readJsonList<T>(
  file: string,
  isItem: (value: unknown) => value is T,
  what: string,
): Promise<T[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const json: unknown = JSON.parse(text);
  if (!Array.isArray(json) || !json.every(isItem)) {
    throw new Error(`${file} is not a saved ${what} (start once with --fresh to drop it)`);
  }
  return json;
}

export async function writeJsonList(file: string, items: readonly unknown[], indent?: number): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(items, null, indent)}\n`);
  await rename(temp, file);
}
