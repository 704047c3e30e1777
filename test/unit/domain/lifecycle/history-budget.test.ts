import { describe, expect, it } from 'vitest';
import {
  CASE_GROWTH_COMPACT_BYTES,
  CASE_LASTING_FULL_BYTES,
  caseGrowthBytes,
  compactedHistory,
  historyFull,
  jsonBytes,
  RECENT_SUMMARISABLE_BYTES,
} from '../../../../shared/domain/lifecycle/history-budget';
import type { HistoryEvent } from '../../../../shared/domain/lifecycle/types';

const at = (i: number) => new Date(Date.parse('2026-03-11T00:00:00.000Z') + i * 1000).toISOString();
const reply = (i: number): HistoryEvent => ({
  at: at(i),
  actor: { kind: 'merchant' },
  sourceId: `ses-${String(i).padStart(60, '0')}`,
  type: 'merchant-replied',
  messageSourceId: `ses-${String(i).padStart(60, '0')}`,
});
const answered = (i: number): HistoryEvent => ({
  at: at(i),
  actor: { kind: 'staff', id: 'ana', role: 'analyst' },
  sourceId: `staff-${i}`,
  type: 'answered',
  messageSourceId: `staff-${i}`,
});

describe('history budget (red team round 45)', () => {
  it('under the budget: nothing folded, the events are appended', () => {
    expect(compactedHistory({ history: [reply(0), answered(1)], messageIds: [] }, [reply(2)])).toBeUndefined();
  });

  it('past it: older replies folded into one counted line where they began, what lasts kept in order, the newest replies kept', () => {
    const history: HistoryEvent[] = [];
    let i = 0;
    for (let bytes = 0; bytes <= CASE_GROWTH_COMPACT_BYTES; i++) {
      const e = i % 100 === 50 ? answered(i) : reply(i);
      history.push(e);
      bytes += jsonBytes(e) + 1;
    }
    const out = compactedHistory({ history, messageIds: [] }, [reply(i)]) as HistoryEvent[];
    expect(out[0]).toMatchObject({ type: 'summarised', actor: { kind: 'system' }, from: at(0) });
    const summary = out[0] as Extract<HistoryEvent, { type: 'summarised' }>;
    const replies = out.filter((e) => e.type === 'merchant-replied');
    expect(summary.counts['merchant-replied']! + replies.length).toBe(
      history.filter((e) => e.type === 'merchant-replied').length + 1,
    );
    expect(replies.reduce((sum, e) => sum + jsonBytes(e), 0)).toBeLessThanOrEqual(RECENT_SUMMARISABLE_BYTES);
    expect(replies.at(-1)?.at).toBe(at(i));
    expect(out.filter((e) => e.type === 'answered')).toEqual(history.filter((e) => e.type === 'answered'));
    expect(caseGrowthBytes({ history: out, messageIds: [] })).toBeLessThan(CASE_GROWTH_COMPACT_BYTES / 2);
    // Folding again merges the earlier line: one summary, the counts added up.
    const grown = [...out];
    let j = i + 1;
    for (let bytes = jsonBytes(grown); bytes <= CASE_GROWTH_COMPACT_BYTES; j++) {
      grown.push(reply(j));
      bytes += jsonBytes(reply(j)) + 1;
    }
    const again = compactedHistory({ history: grown, messageIds: [] }, [reply(j)]) as HistoryEvent[];
    const summaries = again.filter((e) => e.type === 'summarised');
    expect(summaries).toHaveLength(1);
    const total = (summaries[0] as Extract<HistoryEvent, { type: 'summarised' }>).counts['merchant-replied']!;
    expect(total + again.filter((e) => e.type === 'merchant-replied').length).toBe(
      history.filter((e) => e.type === 'merchant-replied').length + 1 + (j - i),
    );
    expect(summaries[0]?.at).toBe(at(0));
  });

  it('an event naming a staff mail raw copy stays (its LGPD clock), and what lasts alone fills the record', () => {
    const raw = { bucket: 'b', key: 'k' };
    const history: HistoryEvent[] = [{ ...reply(0), raw } as HistoryEvent];
    for (let i = 1, bytes = 0; bytes <= CASE_GROWTH_COMPACT_BYTES; i++) {
      history.push(reply(i));
      bytes += jsonBytes(reply(i)) + 1;
    }
    const out = compactedHistory({ history, messageIds: [] }, []) as HistoryEvent[];
    expect(out[0]).toMatchObject({ raw });
    const lasting = Array.from({ length: 3000 }, (_, i) => answered(i));
    expect(jsonBytes(lasting)).toBeGreaterThan(CASE_LASTING_FULL_BYTES);
    expect(historyFull({ history: lasting, messageIds: [] })).toBe(true);
    expect(historyFull({ history: [...history], messageIds: [] })).toBe(false);
  });
});
