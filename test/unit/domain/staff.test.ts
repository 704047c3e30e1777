import { describe, expect, it } from 'vitest';
import {
  activeHolderOf,
  holdsSupervisorRole,
  isOfficeAddress,
  memberByAddress,
  newMemberProblem,
  rosterAddress,
} from '../../../shared/domain/staff';
import { localConfig } from '../../../shared/domain/config';
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

// Red team 55: a supervisor's role went by roster id alone, and the roster took the office's own addresses.
describe('holdsSupervisorRole', () => {
  const SOFIA = 'sofia.ramos@ouvidoria.example.com.br';
  const binding = { supervisorIds: ['sofia', 'rui'], supervisorAddresses: { sofia: SOFIA } };
  it.each([
    ['the configured supervisor', 'sofia', SOFIA, true],
    ['the configured supervisor, other letter case', 'sofia', ' Sofia.Ramos@Ouvidoria.Example.com.br', true],
    ['someone new under her freed id', 'sofia', 'sofia.lima@empresa.com.br', false],
    ['a look-alike of her address', 'sofia', 'sofia.ramos@ouvidoria.example.com', false],
    ['a supervisor id configured without an address: by id', 'rui', 'rui@empresa.com.br', true],
    ['an analyst with her address', 'ana', SOFIA, false],
  ])('%s: %s', (_, id, email, holds) => {
    expect(holdsSupervisorRole({ id, email }, binding)).toBe(holds);
  });

  it('a configuration without the addresses (sealed before them): by id', () => {
    expect(holdsSupervisorRole({ id: 'sofia', email: 'x@y.com' }, { supervisorIds: ['sofia'] })).toBe(true);
  });

  it('an id named "constructor" or "__proto__" is no supervisor by inheritance', () => {
    expect(holdsSupervisorRole({ id: 'constructor', email: 'x@y.com' }, binding)).toBe(false);
  });
});

describe('isOfficeAddress / newMemberProblem', () => {
  it.each<[string, string, 'office-address' | 'supervisor-id' | undefined]>([
    ['ouvidoria@ouvidoria.example.com.br', 'dani', 'office-address'],
    ['  OUVIDORIA@ouvidoria.example.com.br ', 'dani', 'office-address'],
    ['ouvidoria+sp@ouvidoria.example.com.br', 'dani', 'office-address'],
    ['caso@ouvidoria.example.com.br', 'dani', 'office-address'],
    ['Caso+OUV-2026-000123.abcdefghijklmnop@Ouvidoria.Example.com.br', 'dani', 'office-address'],
    ['caso+qualquer@ouvidoria.example.com.br', 'dani', 'office-address'],
    // Full-width letters, ideographic dots, a soft hyphen: the mailer sends to the ASCII domain, ours.
    ['caso@ｏuvidoria.example.com.br', 'dani', 'office-address'],
    ['caso+equipe@ouvidoria。example。com。br', 'dani', 'office-address'],
    ['caso@ou\u00advidoria.example.com.br', 'dani', 'office-address'],
    ['ouvidoria@ｏuvidoria.example.com.br', 'dani', 'office-address'],
    // A Cyrillic "о" is another domain (xn--…), not ours.
    ['caso@оuvidoria.example.com.br', 'dani', undefined],
    ['casos@ouvidoria.example.com.br', 'dani', undefined],
    ['ouvidoria@outra-empresa.com.br', 'dani', undefined],
    ['dani.souza@ouvidoria.example.com.br', 'dani', undefined],
    ['sofia@empresa.com.br', 'sofia', 'supervisor-id'],
    ['sofia.ramos@ouvidoria.example.com.br', 'sofia', undefined],
    ['ouvidoria@ouvidoria.example.com.br', 'sofia', 'office-address'],
  ])('%s as %s: %s', (email, id, problem) => {
    expect(newMemberProblem(id, email, localConfig)).toBe(problem);
    expect(isOfficeAddress(email, localConfig)).toBe(problem === 'office-address');
  });

  it('the sending address, when it is not an ombudsman address', () => {
    const config = { ...localConfig, fromAddress: 'nao-responda@avisos.example.com.br' };
    expect(isOfficeAddress('Nao-Responda@avisos.example.com.br', config)).toBe(true);
  });
});
