import { describe, expect, it } from 'vitest';
import {
  alreadyApplied,
  CaseBusy,
  commitWithRetry,
  effectId,
  MAX_COMMIT_ATTEMPTS,
  type Planned,
  resolveDeps,
} from '../../../../shared/app/lifecycle/commit';
import type { WorkCase } from '../../../../shared/domain/lifecycle/types';
import { ana, CASE_ID, lifecycleWorld, workCase } from '../../../support/lifecycle-fakes';

const AT = '2026-03-12T14:00:00.000Z';

/** A note on the case: one event, no effect. */
function note(sourceId: string, text = 'Liguei para a lojista.'): Planned {
  return {
    transition: {
      ok: true,
      next: {},
      events: [{ type: 'note', text, at: AT, actor: ana, sourceId }],
      effects: [],
    },
  };
}

describe('effectId and alreadyApplied', () => {
  it('effect ids derive from the case, the cause and the position only (a recomputation finds the same ids)', () => {
    expect(effectId('c1', 'staff-mail-1', 0)).toBe(effectId('c1', 'staff-mail-1', 0));
    expect(effectId('c1', 'staff-mail-1', 0)).not.toBe(effectId('c1', 'staff-mail-1', 1));
    expect(effectId('c1', 'staff-mail-1', 0)).not.toBe(effectId('c1', 'staff-mail-2', 0));
    expect(effectId('c1', 'console:f', 0)).not.toBe(effectId('c2', 'console:f', 0));
    expect(effectId('c1', 'x', 0)).toMatch(/^[0-9a-f]{24}$/);
  });

  it('a cause is applied once its event is in the history', () => {
    const c = workCase({ history: [{ type: 'note', text: 'x', at: AT, actor: ana, sourceId: 'm1' }] });
    expect(alreadyApplied(c, 'm1')).toBe(true);
    expect(alreadyApplied(c, 'm2')).toBe(false);
    expect(alreadyApplied({ ...c, history: undefined } as WorkCase, 'm1')).toBe(false);
  });
});

describe('commitWithRetry', () => {
  it('commits the planned transition at the read version and returns the case before and after', async () => {
    const w = lifecycleWorld();
    const deps = resolveDeps(w.deps);
    const out = await commitWithRetry(deps, CASE_ID, 'm1', () => note('m1'));
    expect(out.kind).toBe('committed');
    if (out.kind !== 'committed') return;
    expect(out.before.version).toBe(1);
    expect(out.after.version).toBe(2);
    expect(out.after.history?.at(-1)).toMatchObject({ type: 'note', sourceId: 'm1' });
    expect(w.cases.commits).toHaveLength(1);
    expect(w.cases.commits[0]?.expectedVersion).toBe(1);
  });

  it('the same cause again is a duplicate: nothing planned, nothing written', async () => {
    const w = lifecycleWorld();
    const deps = resolveDeps(w.deps);
    await commitWithRetry(deps, CASE_ID, 'm1', () => note('m1'));
    let planned = 0;
    const again = await commitWithRetry(deps, CASE_ID, 'm1', () => {
      planned += 1;
      return note('m1');
    });
    expect(again.kind).toBe('duplicate');
    expect(planned).toBe(0);
    expect(w.cases.commits).toHaveLength(1);
  });

  it('a plan may decline with a reason: skipped, nothing written', async () => {
    const w = lifecycleWorld();
    const out = await commitWithRetry(resolveDeps(w.deps), CASE_ID, 'm1', () => 'case closed');
    expect(out).toMatchObject({ kind: 'skipped', reason: 'case closed' });
    expect(w.cases.commits).toHaveLength(0);
  });

  it('an unknown case is not-found', async () => {
    const w = lifecycleWorld();
    expect(await commitWithRetry(resolveDeps(w.deps), 'email:nope', 'm1', () => note('m1'))).toEqual({
      kind: 'not-found',
    });
  });

  it('on a conflict it re-reads, plans again on the new version and reports the conflict', async () => {
    const w = lifecycleWorld();
    const conflicts: number[] = [];
    const deps = resolveDeps({
      ...w.deps,
      telemetry: { ...resolveDeps(w.deps).telemetry, commitConflict: ({ attempt }) => conflicts.push(attempt) },
    });
    const seen: number[] = [];
    let raced = false;
    const out = await commitWithRetry(deps, CASE_ID, 'm1', async (current) => {
      seen.push(current.version ?? 0);
      if (!raced) {
        raced = true;
        // Another writer commits first.
        await w.cases.commit({
          caseId: CASE_ID,
          expectedVersion: current.version ?? 0,
          changes: {},
          events: [{ type: 'note', text: 'outro', at: AT, actor: ana, sourceId: 'other' }],
          messages: [],
          effects: [],
        });
      }
      return note('m1');
    });
    expect(out.kind).toBe('committed');
    expect(seen).toEqual([1, 2]);
    expect(conflicts).toEqual([1]);
    expect(w.cases.must().version).toBe(3);
  });

  it(`gives up with CaseBusy after ${MAX_COMMIT_ATTEMPTS} conflicting attempts`, async () => {
    const w = lifecycleWorld();
    const deps = resolveDeps(w.deps);
    const store = w.cases;
    const original = store.commit.bind(store);
    store.commit = async (commit) => {
      await original({ ...commit, events: [], effects: [] });
      return { ok: false, reason: 'conflict' };
    };
    const error = await commitWithRetry(deps, CASE_ID, 'm1', () => note('m1')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CaseBusy);
    expect((error as CaseBusy).caseId).toBe(CASE_ID);
  });

  it('uses the case it is given instead of reading it', async () => {
    const w = lifecycleWorld();
    const given = w.cases.must();
    const out = await commitWithRetry(
      resolveDeps(w.deps),
      CASE_ID,
      'm1',
      (c) => {
        expect(c).toBe(given);
        return 'nothing to do';
      },
      given,
    );
    expect(out.kind).toBe('skipped');
  });
});
