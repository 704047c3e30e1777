/**
 * The lifecycle timers of the local stack (reminders, escalations) survive a restart, as the
 * EventBridge Scheduler one-time schedules they stand for do: the pending schedules are kept in
 * `<dataDir>/timers.json` and armed again on start. Restarting with a later `OUVIDORIA_NOW` — how
 * the README moves the local clock — then fires every timer whose instant passed while the stack
 * was down, as Scheduler fires a missed one-time schedule.
 *
 * The file is written whole and atomically (temp + rename) after every new schedule (before
 * `schedule` returns, as CreateSchedule does) and after every check that fired timers, so a timer
 * that fired is not armed again by the next start. A stack killed in the middle of firing may
 * fire those timers once more on start, like Scheduler's at-least-once delivery: the timer handler
 * records each (kind, case, due date) once and answers `duplicate`, mailing nothing.
 */
import { join } from 'node:path';
import { readJsonList, writeJsonList } from './json-list-file';
import { InProcessTimerScheduler } from '../../shared/adapters/local/in-process-timer-scheduler';
import type { LifecycleTimer } from '../../shared/domain/lifecycle/deadlines';

/** The timers file inside the local data folder. */
export function timersFile(dataDir: string): string {
  return join(dataDir, 'timers.json');
}

/** One schedule as saved: the timer with its instant as ISO 8601. */
interface SavedTimer {
  kind: LifecycleTimer['kind'];
  caseId: string;
  dueAt: string;
  at: string;
  name: string;
}

function isSavedTimer(value: unknown): value is SavedTimer {
  const v = value as Partial<SavedTimer> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    (v.kind === 'reminder' || v.kind === 'escalation') &&
    typeof v.caseId === 'string' &&
    typeof v.dueAt === 'string' &&
    typeof v.name === 'string' &&
    typeof v.at === 'string' &&
    !Number.isNaN(Date.parse(v.at))
  );
}

/** Timers saved in `file`; none when it does not exist. A damaged file is an error (it is data). */
export async function readTimers(file: string): Promise<LifecycleTimer[]> {
  const json = await readJsonList(file, isSavedTimer, 'list of lifecycle timers');
  return json.map((t) => ({ kind: t.kind, caseId: t.caseId, dueAt: t.dueAt, at: new Date(t.at), name: t.name }));
}

export async function writeTimers(file: string, timers: readonly LifecycleTimer[]): Promise<void> {
  const saved: SavedTimer[] = timers.map((t) => ({
    kind: t.kind,
    caseId: t.caseId,
    dueAt: t.dueAt,
    at: t.at.toISOString(),
    name: t.name,
  }));
  await writeJsonList(file, saved, 1);
}

/**
 * The in-process timer scheduler kept in a file: `open` arms the saved timers again, `schedule`
 * writes the file before it returns, and `save` writes it after timers were released (the timer
 * pump calls it after each check that fired some).
 */
export class FileTimerScheduler extends InProcessTimerScheduler {
  private written = '';
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string,
    /** Timers armed again from the file on start. */
    readonly restored: number,
  ) {
    super();
  }

  /** The scheduler with the timers saved in `file` armed again (none when the file does not exist). */
  static async open(file: string): Promise<FileTimerScheduler> {
    const saved = await readTimers(file);
    const scheduler = new FileTimerScheduler(file, saved.length);
    for (const timer of saved) await scheduler.arm(timer);
    scheduler.written = JSON.stringify(scheduler.list());
    return scheduler;
  }

  /** Arms a timer without writing the file (what `open` restores is already there). */
  private arm(timer: LifecycleTimer): Promise<void> {
    return super.schedule(timer);
  }

  override async schedule(timer: LifecycleTimer): Promise<void> {
    await super.schedule(timer);
    await this.save();
  }

  /** Writes the pending timers if they changed since the last write; one write at a time. */
  save(): Promise<void> {
    this.writing = this.writing
      .catch(() => undefined)
      .then(async () => {
        const pending = this.list();
        const state = JSON.stringify(pending);
        if (state === this.written) return;
        await writeTimers(this.file, pending);
        this.written = state;
      });
    return this.writing;
  }
}
