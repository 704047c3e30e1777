/** Helpers of the event schema tests: events from events/, edited copies, and verdict comparison. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

const EVENTS = join(import.meta.dirname, '..', '..', 'events');
export const loadEvent = (...path: string[]) => JSON.parse(readFileSync(join(EVENTS, ...path), 'utf8'));

export type Json = Record<string, unknown>;
/** A copy of `event` with `path` set to `value` (undefined: the key removed). */
export function withPath(event: Json, path: (string | number)[], value: unknown): Json {
  const copy = structuredClone(event);
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

/**
 * Ours and Powertools' must agree on success, on the parsed value, and on where it failed. With
 * `readOnly`, ours keeps only the fields we read: its value is then a part of theirs.
 */
export function expectSameVerdict(
  ours: { safeParse(x: unknown): { success: boolean; data?: unknown; error?: { issues: { path: PropertyKey[] }[] } } },
  theirs: {
    safeParse(x: unknown): { success: boolean; data?: unknown; error?: { issues: { path: PropertyKey[] }[] } };
  },
  event: unknown,
  { readOnly = false }: { readOnly?: boolean } = {},
): void {
  const a = ours.safeParse(event);
  const b = theirs.safeParse(event);
  expect(a.success).toBe(b.success);
  if (a.success && readOnly) expect(b.data).toMatchObject(a.data as object);
  else if (a.success) expect(a.data).toEqual(b.data);
  else
    expect(a.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(
      b.error?.issues.map((i) => i.path.join('.')).sort(),
    );
}
