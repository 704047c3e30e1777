import { describe, expect, it } from 'vitest';
import { InProcessTimerScheduler } from '../../../../shared/adapters/local/in-process-timer-scheduler';
import { type LifecycleTimer, timerName } from '../../../../shared/domain/lifecycle/deadlines';

const DUE = '2026-03-24T13:00:00.000Z';
const escalation: LifecycleTimer = {
  kind: 'escalation',
  caseId: 'email:0100019abcdef-lojadamaria',
  dueAt: DUE,
  at: new Date(DUE),
  name: timerName('escalation', 'email:0100019abcdef-lojadamaria', DUE),
};
const reminder: LifecycleTimer = {
  ...escalation,
  kind: 'reminder',
  at: new Date('2026-03-23T13:00:00.000Z'),
  name: timerName('reminder', escalation.caseId, DUE),
};
describe('InProcessTimerScheduler', () => {
  it('keeps one entry per name and releases the due ones in order', async () => {
    const seen: string[] = [];
    const timers = new InProcessTimerScheduler((t) => seen.push(t.name));
    await timers.schedule(escalation);
    await timers.schedule(reminder);
    await timers.schedule(escalation);
    expect(seen).toEqual([escalation.name, reminder.name]);
    expect(timers.nextDueAt()).toEqual(reminder.at);
    expect(timers.releaseDue(new Date('2026-03-20T00:00:00.000Z'))).toEqual([]);
    expect(timers.releaseDue(new Date('2026-03-25T00:00:00.000Z')).map((e) => e.kind)).toEqual([
      'reminder',
      'escalation',
    ]);
    expect(timers.list()).toEqual([]);
  });
});
