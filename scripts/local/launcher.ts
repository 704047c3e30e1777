/**
 * `npm start` runs npm → sh → tsx → node (the stack). Killing npm by its PID ends sh and leaves tsx
 * and the stack running, reparented, with every port held (journeys 57: the next start said "Port …
 * is already in use"). The stack therefore watches the process that launched it: when the parent of
 * its tsx changes (sh died and init took tsx over) or tsx itself is gone, it stops as on Ctrl-C.
 * Only under npm (`npm_lifecycle_event`): `nohup npx tsx scripts/local/start.ts &` from a shell that
 * then exits must keep running. Linux reads /proc; elsewhere nothing is watched (the README says to
 * stop the stack with Ctrl-C or its own PID).
 */
import { readFileSync } from 'node:fs';

/** A process's parent id from /proc/<pid>/stat ("pid (comm) state ppid …"; comm may hold spaces and parentheses). */
export function parentFromStat(stat: string): number | undefined {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ppid = Number(fields[1]);
  return Number.isInteger(ppid) && ppid > 0 ? ppid : undefined;
}

export function parentOf(
  pid: number,
  read: (path: string) => string = (p) => readFileSync(p, 'utf8'),
): number | undefined {
  try {
    return parentFromStat(read(`/proc/${pid}/stat`));
  } catch {
    return undefined;
  }
}

/** Who launched the stack: its parent (tsx) and that one's parent (sh under npm), as first seen. */
export interface Lineage {
  parent: number;
  grandparent: number | undefined;
}

/** Whether the launching chain is broken since `first`: tsx gone, or its parent (sh, npm) gone. */
export function launcherGone(first: Lineage, now: Lineage): boolean {
  if (now.parent !== first.parent) return true;
  return first.grandparent !== undefined && now.grandparent !== first.grandparent;
}

/**
 * Calls `stop` once when the launching chain breaks, checking every `everyMs`; nothing under no npm
 * or without /proc. The timer does not keep the process alive.
 */
export function watchLauncher(
  stop: () => void,
  env: NodeJS.ProcessEnv = process.env,
  everyMs = 2_000,
  lineage: () => Lineage = () => ({ parent: process.ppid, grandparent: parentOf(process.ppid) }),
): (() => void) | undefined {
  if (!env['npm_lifecycle_event']) return undefined;
  const first = lineage();
  if (first.grandparent === undefined) return undefined;
  const timer = setInterval(() => {
    if (!launcherGone(first, lineage())) return;
    clearInterval(timer);
    stop();
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
