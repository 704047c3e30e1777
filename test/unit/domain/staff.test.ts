import { describe, expect, it } from 'vitest';
import { activeHolderOf, memberByAddress, rosterAddress } from '../../../shared/domain/staff';
import { anAnalyst } from '../../support/builders';

const ANA = 'ana.souza@ouvidoria.example.com.br';
const entry = (id: string, active: boolean, email = ANA) => anAnalyst({ id, email, active });

describe('rosterAddress', () => {
  it('compares addresses trimmed and in lower case', () => {
    expect(rosterAddress('  Ana.Souza@Ouvidoria.Example.com.br ')).toBe(ANA);
  });
});

// Red team 55: one address on two roster entries (a member re-added under a new id) made the first
// entry the author of her mail, whatever its state.
describe('memberByAddress', () => {
  it.each<[string, ReturnType<typeof entry>[], string | undefined]>([
    ['no entry', [entry('bruno', true, 'bruno@ouvidoria.example.com.br')], undefined],
    ['one entry', [entry('ana', true)], 'ana'],
    ['one inactive entry (refused as inactive by its caller)', [entry('ana', false)], 'ana'],
    ['the only active one of two, sorted last', [entry('ana', false), entry('ana.souza', true)], 'ana.souza'],
    ['the only active one of two, sorted first', [entry('ana.souza', true), entry('ana.velha', false)], 'ana.souza'],
    ['none active: the first', [entry('ana', false), entry('ana.souza', false)], 'ana'],
    ['two active: no one', [entry('ana', true), entry('ana.souza', true)], undefined],
  ])('%s → %s', (_what, members, id) => {
    expect(memberByAddress(members, 'ANA.SOUZA@ouvidoria.example.com.br')?.id).toBe(id);
  });

  it('an empty address is no one', () => {
    expect(memberByAddress([entry('ana', true, '')], ' ')).toBeUndefined();
  });
});

describe('activeHolderOf', () => {
  it.each<[string, ReturnType<typeof entry>[], string | undefined, string | undefined]>([
    ['an active holder', [entry('ana', true)], undefined, 'ana'],
    ['an inactive holder is no rival', [entry('ana', false)], undefined, undefined],
    ['the member being activated is not her own rival', [entry('ana', true)], 'ana', undefined],
    ['another address', [entry('ana', true, 'ana.lima@ouvidoria.example.com.br')], undefined, undefined],
  ])('%s → %s', (_what, members, exceptId, id) => {
    expect(activeHolderOf(members, ' Ana.Souza@Ouvidoria.Example.com.br', exceptId)?.id).toBe(id);
  });
});
