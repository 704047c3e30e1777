import { describe, expect, it } from 'vitest';
import { InProcessDeferralScheduler } from '../../../../shared/adapters/local/in-process-scheduler';

const a = { caseId: 'email:a', protocol: 'OUV-2026-000001' };
const b = { caseId: 'webform:b', protocol: 'OUV-2026-000002' };
const monday9 = new Date('2026-11-30T09:00:00-03:00');
const monday11 = new Date('2026-11-30T11:00:00-03:00');

describe('InProcessDeferralScheduler', () => {
  it('deduplicates per (caseId, at) and keeps distinct instants apart', async () => {
    const s = new InProcessDeferralScheduler();
    await s.scheduleAt(a, monday9);
    await s.scheduleAt(a, new Date(monday9));
    await s.scheduleAt(b, monday9);
    await s.scheduleAt(a, monday11);
    expect(s.size).toBe(3);
    expect(s.list().map((e) => [e.message.caseId, e.at.toISOString()])).toEqual([
      ['email:a', monday9.toISOString()],
      ['webform:b', monday9.toISOString()],
      ['email:a', monday11.toISOString()],
    ]);
  });

  it('releases only what is due (at ≤ now), earliest first, and only once', async () => {
    const s = new InProcessDeferralScheduler();
    await s.scheduleAt(b, monday11);
    await s.scheduleAt(a, monday9);
    expect(s.nextDueAt()).toEqual(monday9);
    expect(s.releaseDue(new Date(monday9.getTime() - 1))).toEqual([]);
    expect(s.releaseDue(monday9)).toEqual([a]);
    expect(s.releaseDue(monday9)).toEqual([]);
    expect(s.nextDueAt()).toEqual(monday11);
    expect(s.releaseDue(new Date('2026-12-01T00:00:00Z'))).toEqual([b]);
    expect(s.nextDueAt()).toBeUndefined();
  });

  it('notifies the local stack of each new entry (not of duplicates)', async () => {
    const seen: string[] = [];
    const s = new InProcessDeferralScheduler((e) => seen.push(`${e.message.caseId}@${e.at.toISOString()}`));
    await s.scheduleAt(a, monday9);
    await s.scheduleAt(a, monday9);
    expect(seen).toEqual([`email:a@${monday9.toISOString()}`]);
  });

  it('rejects an invalid instant and keeps entries isolated from caller mutation', async () => {
    const s = new InProcessDeferralScheduler();
    await expect(s.scheduleAt(a, new Date('sexta-feira'))).rejects.toThrow(RangeError);
    const at = new Date(monday9);
    const message = { ...a };
    await s.scheduleAt(message, at);
    at.setTime(0);
    message.caseId = 'email:changed';
    expect(s.releaseDue(monday9)).toEqual([a]);
  });
});
